import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  beginSmartLaunch,
  completeSmartLaunch,
  createHubClient,
  discoverSmart,
  HubError,
  SmartLaunchError,
  type SmartStorage,
} from '../../src/index.js';
import { startSmartTestHub, type RunningSmartTestHub } from '../../../hub/test/auth/smart-test-hub.js';
import { chooseOnSignInPage } from '../../../hub/test/auth/sign-in-flow.js';

const clientId = 'care-record-sdk-test';
const redirectUri = 'http://127.0.0.1:5173/callback';

/** sessionStorage's shape over a Map, remembering everything ever written. */
class MapStorage implements SmartStorage {
  readonly items = new Map<string, string>();
  readonly written: string[] = [];
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.written.push(key, value);
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** The global fetch, with a log of what was sent to the authorisation server. */
function recordingFetch() {
  const sent: { url: string; grantType: string | null }[] = [];
  const send: typeof fetch = async (input, init) => {
    const url = String(input);
    sent.push({ url, grantType: init?.body instanceof URLSearchParams ? init.body.get('grant_type') : null });
    return fetch(input, init);
  };
  return { send, sent, refreshes: () => sent.filter((request) => request.grantType === 'refresh_token').length };
}

let hub: RunningSmartTestHub;
let storage: MapStorage;
before(async () => {
  hub = await startSmartTestHub();
});
after(() => hub.close());
beforeEach(() => {
  storage = new MapStorage();
});

async function rejection(promise: Promise<unknown>): Promise<SmartLaunchError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SmartLaunchError, `expected a SmartLaunchError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the launch to fail');
}

/** A standalone launch as a persona, returning the session and the fetch log. */
async function signIn(persona: string, scope = 'openid fhirUser launch/patient offline_access patient/*.rs', now?: () => number) {
  const recorder = recordingFetch();
  const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope, iss: hub.fhirBaseUrl, storage, fetch: recorder.send });
  const back = await chooseOnSignInPage(hub.authBaseUrl, authorizeUrl, { persona });
  const session = await completeSmartLaunch(back.href, { storage, fetch: recorder.send, ...(now ? { now } : {}) });
  return { session, recorder, back, authorizeUrl };
}

describe('discovery', () => {
  test('reads the SMART configuration from the FHIR base', async () => {
    const configuration = await discoverSmart(`${hub.fhirBaseUrl}/`);
    assert.equal(configuration.authorization_endpoint, `${hub.authBaseUrl}/authorize`);
    assert.equal(configuration.token_endpoint, `${hub.authBaseUrl}/token`);
  });

  test('refuses a server without S256, and one that does not answer with a configuration', async () => {
    const answering =
      (status: number, body: unknown): typeof fetch =>
      async () =>
        new Response(JSON.stringify(body), { status });
    const plainOnly = {
      authorization_endpoint: 'https://a.example/authorize',
      token_endpoint: 'https://a.example/token',
      code_challenge_methods_supported: ['plain'],
    };
    assert.equal((await rejection(discoverSmart('https://a.example/fhir', { fetch: answering(200, plainOnly) }))).code, 'pkce-unsupported');
    const missing = await rejection(discoverSmart('https://a.example/fhir', { fetch: answering(404, {}) }));
    assert.equal(missing.code, 'discovery-failed');
    assert.equal(missing.status, 404);
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    assert.equal((await rejection(discoverSmart('https://a.example/fhir', { fetch: unreachable }))).code, 'discovery-failed');
  });
});

describe('standalone launch', () => {
  test('builds the authorisation request with state, PKCE S256 and aud, keeping only state and verifier for the round trip', async () => {
    const url = new URL(
      await beginSmartLaunch({ clientId, redirectUri, scope: 'launch/patient patient/*.rs', iss: hub.fhirBaseUrl, storage }),
    );
    assert.equal(url.origin + url.pathname, `${hub.authBaseUrl}/authorize`);
    const params = Object.fromEntries(url.searchParams);
    assert.equal(params['response_type'], 'code');
    assert.equal(params['client_id'], clientId);
    assert.equal(params['redirect_uri'], redirectUri);
    assert.equal(params['scope'], 'launch/patient patient/*.rs');
    assert.equal(params['aud'], hub.fhirBaseUrl);
    assert.equal(params['code_challenge_method'], 'S256');
    assert.match(params['code_challenge'] ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(params['state'] ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(params['launch'], undefined);
    assert.deepEqual([...storage.items.keys()], [`care-record.smart.${params['state']}`]);
    const kept = JSON.parse([...storage.items.values()][0] ?? '{}') as Record<string, string>;
    assert.match(kept['verifier'] ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(kept['verifier'], params['code_challenge']);
  });

  test('a resident signs in; the session reads through the hub client and the stored state is gone', async () => {
    const { session, recorder } = await signIn('resident');
    assert.equal(storage.items.size, 0);
    assert.equal(session.iss, hub.fhirBaseUrl);
    assert.equal(session.patient, 'pat-0001');
    assert.equal(session.fhirUser, 'Patient/pat-0001');
    assert.equal(session.scope, 'openid fhirUser launch/patient offline_access patient/*.rs');
    const token = await session.getAccessToken();
    assert.ok(!storage.written.some((value) => value.includes(token)), 'tokens are never stored');

    const client = createHubClient({ baseUrl: session.iss, auth: session, fetch: recorder.send });
    const configuration = await client.get('/.well-known/smart-configuration');
    assert.deepEqual(configuration.code_challenge_methods_supported, ['S256']);
    const patient = await client.get('/Patient/{id}', { path: { id: 'pat-0001' } });
    assert.equal(patient.id, 'pat-0001');
    assert.equal(hub.reads.at(-1)?.subject, 'resident');
  });

  test('after the access token expires, a 401 is met with one refresh shared by every waiting request', async () => {
    const { session, recorder } = await signIn('gp', 'openid fhirUser offline_access user/*.rs');
    const client = createHubClient({ baseUrl: session.iss, auth: session, fetch: recorder.send, retry: false });
    await client.get('/Patient/{id}', { path: { id: 'pat-0002' } });
    const first = hub.reads.at(-1)?.tokenId;
    hub.advanceClock(301);
    const reads = await Promise.all(
      ['pat-0002', 'pat-0003', 'pat-0004', 'pat-0005'].map((id) => client.get('/Patient/{id}', { path: { id } })),
    );
    assert.deepEqual(
      reads.map((patient) => patient.id),
      ['pat-0002', 'pat-0003', 'pat-0004', 'pat-0005'],
    );
    assert.equal(recorder.refreshes(), 1);
    const later = hub.reads.slice(-4).map((read) => read.tokenId);
    assert.equal(new Set(later).size, 1);
    assert.notEqual(later[0], first);
  });

  test('renews shortly before expiry without waiting for a 401', async () => {
    let clock = Date.now();
    const { session, recorder } = await signIn('resident', undefined, () => clock);
    const token = await session.getAccessToken();
    clock += 250_000;
    assert.equal(await session.getAccessToken(), token);
    clock += 25_000;
    const [a, b] = await Promise.all([session.getAccessToken(), session.getAccessToken()]);
    assert.equal(a, b);
    assert.notEqual(a, token);
    assert.equal(recorder.refreshes(), 1);
  });

  test('with a short-lived token, renews in its last fifth and not again straight after', async () => {
    const shortLived = await startSmartTestHub({ accessTokenLifetimeSeconds: 10 });
    try {
      let clock = Date.now();
      const recorder = recordingFetch();
      const authorizeUrl = await beginSmartLaunch({
        clientId,
        redirectUri,
        scope: 'offline_access patient/*.rs',
        iss: shortLived.fhirBaseUrl,
        storage,
      });
      const back = await chooseOnSignInPage(shortLived.authBaseUrl, authorizeUrl, { persona: 'resident' });
      const session = await completeSmartLaunch(back.href, { storage, fetch: recorder.send, now: () => clock });
      const token = await session.getAccessToken();
      clock += 7_000;
      assert.equal(await session.getAccessToken(), token);
      clock += 1_500;
      const renewed = await session.getAccessToken();
      assert.notEqual(renewed, token);
      assert.equal(await session.getAccessToken(), renewed);
      assert.equal(recorder.refreshes(), 1);
    } finally {
      await shortLived.close();
    }
  });

  test('when the session ends at the server, the read fails with the 401 and the refresh with refresh-failed', async () => {
    const { session, recorder } = await signIn('gp', 'openid fhirUser offline_access user/*.rs');
    hub.advanceClock(8 * 60 * 60 + 1);
    const client = createHubClient({ baseUrl: session.iss, auth: session, fetch: recorder.send, retry: false });
    await assert.rejects(
      client.get('/Patient/{id}', { path: { id: 'pat-0002' } }),
      (error) => error instanceof HubError && error.status === 401,
    );
    const failed = await rejection(session.refreshAccessToken());
    assert.equal(failed.code, 'refresh-failed');
  });

  test('signing out ends the session at the hub: the access token held before is refused there', async () => {
    const { session } = await signIn('resident');
    const held = await session.getAccessToken();
    const before = await fetch(`${hub.fhirBaseUrl}/Patient/pat-0001`, { headers: { authorization: `Bearer ${held}` } });
    assert.equal(before.status, 200);
    await session.signOut();
    const after = await fetch(`${hub.fhirBaseUrl}/Patient/pat-0001`, { headers: { authorization: `Bearer ${held}` } });
    assert.equal(after.status, 401);
  });

  test('signing out forgets the tokens and revokes the refresh token', async () => {
    const { session, recorder } = await signIn('resident');
    await session.signOut();
    assert.equal((await rejection(session.getAccessToken())).code, 'signed-out');
    assert.equal((await rejection(session.refreshAccessToken())).code, 'signed-out');
    assert.ok(recorder.sent.some((request) => request.url === `${hub.authBaseUrl}/revoke`));
  });
});

describe('EHR launch', () => {
  test('reads iss and launch from the launch address, asks for the launch scope and gets the patient in context', async () => {
    const created = await fetch(`${hub.authBaseUrl}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: 'pat-0042', app: 'http://127.0.0.1:5173/launch' }),
    });
    const { url: launchAddress } = (await created.json()) as { url: string };
    const authorizeUrl = new URL(
      await beginSmartLaunch({ url: launchAddress, clientId, redirectUri, scope: 'openid fhirUser user/*.rs', storage }),
    );
    assert.equal(authorizeUrl.searchParams.get('scope'), 'launch openid fhirUser user/*.rs');
    assert.equal(authorizeUrl.searchParams.get('launch'), new URL(launchAddress).searchParams.get('launch'));
    const back = await chooseOnSignInPage(hub.authBaseUrl, authorizeUrl.href, { persona: 'hospital-nurse' });
    const session = await completeSmartLaunch(back.href, { storage });
    assert.equal(session.patient, 'pat-0042');
    assert.equal(session.fhirUser, 'PractitionerRole/role-nurse-adeyemi');
  });

  test('refuses an iss outside allowedIssuers before contacting it', async () => {
    const recorder = recordingFetch();
    const launch = 'https://app.example/launch?iss=https%3A%2F%2Fevil.example%2Ffhir&launch=abc';
    const refused = await rejection(
      beginSmartLaunch({
        url: launch,
        clientId,
        redirectUri,
        scope: 'launch',
        storage,
        fetch: recorder.send,
        allowedIssuers: [`${hub.fhirBaseUrl}/`],
      }),
    );
    assert.equal(refused.code, 'issuer-not-allowed');
    assert.equal(recorder.sent.length, 0);
    assert.equal(storage.items.size, 0);
    assert.equal(
      (await rejection(beginSmartLaunch({ url: 'https://app.example/launch', clientId, redirectUri, scope: 'launch', storage }))).code,
      'missing-iss',
    );
  });
});

describe('failures are SmartLaunchErrors with safe messages', () => {
  test('an answer whose state this page never sent, or sent already', async () => {
    const { back } = await signIn('resident');
    assert.equal((await rejection(completeSmartLaunch(back.href, { storage }))).code, 'state-mismatch');
    const forged = new URL(back);
    forged.searchParams.set('state', 'made-up');
    assert.equal((await rejection(completeSmartLaunch(forged.href, { storage }))).code, 'state-mismatch');
  });

  test('a declined sign-in, an answer without a code, and an authorisation error', async () => {
    const started = async () =>
      new URL(await beginSmartLaunch({ clientId, redirectUri, scope: 'patient/*.rs', iss: hub.fhirBaseUrl, storage }));
    const declined = await chooseOnSignInPage(hub.authBaseUrl, (await started()).href, 'cancel');
    const denied = await rejection(completeSmartLaunch(declined.href, { storage }));
    assert.equal(denied.code, 'access-denied');
    assert.equal(denied.oauthError, 'access_denied');

    const noCode = new URL(redirectUri);
    noCode.searchParams.set('state', (await started()).searchParams.get('state') ?? '');
    assert.equal((await rejection(completeSmartLaunch(noCode.href, { storage }))).code, 'missing-code');

    const refused = new URL(redirectUri);
    refused.searchParams.set('state', (await started()).searchParams.get('state') ?? '');
    refused.searchParams.set('error', 'invalid_scope');
    refused.searchParams.set('error_description', '<script>secret text</script>');
    const failed = await rejection(completeSmartLaunch(refused.href, { storage }));
    assert.equal(failed.code, 'authorization-failed');
    assert.equal(failed.message, 'The authorisation server refused the sign-in (invalid_scope)');
    assert.equal(storage.items.size, 0);
  });

  test('a token endpoint error names the OAuth error and never the code or verifier', async () => {
    const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope: 'patient/*.rs', iss: hub.fhirBaseUrl, storage });
    const kept = [...storage.items.values()][0] ?? '';
    const back = await chooseOnSignInPage(hub.authBaseUrl, authorizeUrl, { persona: 'resident' });
    hub.advanceClock(61);
    const failed = await rejection(completeSmartLaunch(back.href, { storage }));
    assert.equal(failed.code, 'token-failed');
    assert.equal(failed.oauthError, 'invalid_grant');
    assert.equal(failed.status, 400);
    const code = back.searchParams.get('code') ?? '';
    const { verifier } = JSON.parse(kept) as { verifier: string };
    for (const secret of [code, verifier]) assert.ok(!failed.message.includes(secret) && !JSON.stringify(failed).includes(secret));
  });

  test('without sessionStorage (Node) the launch asks for a storage', async () => {
    assert.equal(
      (await rejection(beginSmartLaunch({ clientId, redirectUri, scope: 'patient/*.rs', iss: hub.fhirBaseUrl }))).code,
      'storage-unavailable',
    );
  });
});
