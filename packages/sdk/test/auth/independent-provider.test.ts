/**
 * The SDK's SMART client against an independent, certified OpenID provider
 * (`oidc-provider`, in process) configured for SMART as an identity provider
 * the NHS or a council might run: public client, PKCE S256 required, SMART
 * scopes, refresh tokens for `offline_access`, and the patient in context in
 * the token response. Nothing of the hub's own sign-in server is involved:
 * the FHIR base here only publishes the provider's endpoints as its
 * `.well-known/smart-configuration`.
 *
 * The browser's part (following redirects, keeping the provider's cookies,
 * the user signing in) is played by `signInAt`; the interaction page signs
 * the user in as a fixed account and grants what was asked.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import Provider from 'oidc-provider';
import { beginSmartLaunch, completeSmartLaunch, SmartLaunchError, type SmartStorage } from '../../src/index.js';

const clientId = 'vendor-gp-system';
const redirectUri = 'http://127.0.0.1:5173/callback';
const ACCOUNT = 'gp-0001';
const PATIENT = 'pat-000001';
const SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs';

class MapStorage implements SmartStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let server: Server;
let origin = '';
let provider: Provider;
const tokenRequests: URLSearchParams[] = [];
/** The global fetch, keeping what the SDK sent to the token endpoint. */
const tokenResponses: { refresh_token?: string }[] = [];
const recording: typeof fetch = async (input, init) => {
  const toToken = String(input).endsWith('/token');
  if (toToken && init?.body instanceof URLSearchParams) tokenRequests.push(new URLSearchParams(init.body));
  const response = await fetch(input, init);
  if (toToken) tokenResponses.push((await response.clone().json()) as { refresh_token?: string });
  return response;
};

before(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  provider = new Provider(origin, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    scopes: SCOPE.split(' '),
    claims: { openid: ['sub'], fhirUser: ['fhirUser'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, fhirUser: `Practitioner/${id}` }) }),
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    issueRefreshToken: (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    cookies: { keys: ['a-test-signing-key-that-is-long-enough'] },
  });
  // SMART: the patient in context travels in the token response, beside the access token.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.body && typeof ctx.body === 'object' && 'access_token' in ctx.body)
      ctx.body = { ...(ctx.body as object), patient: PATIENT };
  });
  const callback = provider.callback();
  server.on('request', (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', origin);
      if (url.pathname === '/fhir/.well-known/smart-configuration') {
        const discovery = (await (await fetch(`${origin}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            issuer: discovery['issuer'],
            authorization_endpoint: discovery['authorization_endpoint'],
            token_endpoint: discovery['token_endpoint'],
            revocation_endpoint: discovery['revocation_endpoint'],
            code_challenge_methods_supported: discovery['code_challenge_methods_supported'],
            grant_types_supported: discovery['grant_types_supported'],
            scopes_supported: discovery['scopes_supported'],
            token_endpoint_auth_methods_supported: ['none'],
            capabilities: ['launch-standalone', 'client-public', 'permission-offline', 'context-standalone-patient', 'sso-openid-connect'],
          }),
        );
        return;
      }
      if (url.pathname.startsWith('/interaction/')) {
        // The user signs in and agrees to what the app asked for.
        const details = await provider.interactionDetails(request, response);
        const grant = new provider.Grant({ accountId: ACCOUNT, clientId });
        grant.addOIDCScope(String(details.params['scope'] ?? ''));
        const grantId = await grant.save();
        await provider.interactionFinished(request, response, { login: { accountId: ACCOUNT }, consent: { grantId } });
        return;
      }
      callback(request, response);
    })();
  });
});
after(() => {
  server.closeAllConnections();
  server.close();
});

/** A browser's part: follow redirects on the provider's origin with its cookies, until it sends the user back to the app. */
async function signInAt(authorizeUrl: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let next = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      cookies.set(name.trim(), value);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${response.status}: ${await response.text()}`);
    const target = new URL(location, next);
    if (target.href.startsWith(redirectUri)) return target;
    next = target.href;
  }
  throw new Error('too many redirects');
}

describe('SMART sign-in against an independent OpenID provider', () => {
  test('discovery, PKCE S256, the code exchanged for tokens, and the patient in context', async () => {
    const storage = new MapStorage();
    const authorizeUrl = await beginSmartLaunch({
      clientId,
      redirectUri,
      scope: SCOPE,
      iss: `${origin}/fhir`,
      storage,
      fetch: recording,
      prompt: 'consent',
    });
    const asked = new URL(authorizeUrl);
    assert.equal(asked.origin + asked.pathname, `${origin}/auth`);
    assert.equal(asked.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(asked.searchParams.get('aud'), `${origin}/fhir`);

    const back = await signInAt(authorizeUrl);
    assert.ok(back.searchParams.get('code'), 'the provider sent a code back');
    const session = await completeSmartLaunch(back.href, { storage, fetch: recording });
    assert.equal(session.patient, PATIENT);
    const token = await session.getAccessToken();
    assert.ok(token.length > 20);
    // The provider accepts the token it issued: its introspection-free check is userinfo.
    const userinfo = await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(userinfo.status, 200);
    assert.equal(((await userinfo.json()) as { sub: string }).sub, ACCOUNT);
    // PKCE: the exchange carried the verifier, and the launch state is gone from storage.
    const exchange = tokenRequests.at(-1);
    assert.equal(exchange?.get('grant_type'), 'authorization_code');
    assert.ok((exchange?.get('code_verifier') ?? '').length >= 43);
    assert.equal(storage.items.size, 0);

    // offline_access: a refresh gives a new access token the provider accepts.
    const refreshed = await session.refreshAccessToken();
    assert.notEqual(refreshed, token);
    assert.equal(tokenRequests.at(-1)?.get('grant_type'), 'refresh_token');
    assert.equal((await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${refreshed}` } })).status, 200);
  });

  test('a code presented without its PKCE verifier is refused by the provider, and the SDK says why', async () => {
    const storage = new MapStorage();
    const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope: SCOPE, iss: `${origin}/fhir`, storage });
    const back = await signInAt(authorizeUrl);
    // Another verifier than the one the challenge was made from: as if an attacker had stolen the code.
    for (const [key, value] of storage.items) storage.items.set(key, value.replace(/"verifier":"[^"]+"/, `"verifier":"${'x'.repeat(64)}"`));
    await assert.rejects(
      completeSmartLaunch(back.href, { storage }),
      (error: unknown) => error instanceof SmartLaunchError && error.code === 'token-failed',
    );
  });

  test('without prompt=consent an OpenID provider issues no refresh token: the session says to sign in again', async () => {
    const storage = new MapStorage();
    const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope: SCOPE, iss: `${origin}/fhir`, storage });
    const session = await completeSmartLaunch((await signInAt(authorizeUrl)).href, { storage, fetch: recording });
    assert.equal(tokenResponses.at(-1)?.refresh_token, undefined);
    assert.equal((await fetch(`${origin}/me`, { headers: { authorization: `Bearer ${await session.getAccessToken()}` } })).status, 200);
    await assert.rejects(
      session.refreshAccessToken(),
      (error: unknown) => error instanceof SmartLaunchError && error.code === 'refresh-failed',
    );
  });

  test('signing out revokes the refresh token at the provider', async () => {
    const storage = new MapStorage();
    const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope: SCOPE, iss: `${origin}/fhir`, storage, prompt: 'consent' });
    const session = await completeSmartLaunch((await signInAt(authorizeUrl)).href, { storage, fetch: recording });
    const refreshToken = tokenResponses.at(-1)?.refresh_token ?? '';
    assert.ok(refreshToken, 'the provider issued a refresh token');
    await session.signOut();
    await assert.rejects(
      session.refreshAccessToken(),
      (error: unknown) => error instanceof SmartLaunchError && error.code === 'signed-out',
    );
    // At the provider itself, the refresh token no longer works.
    const reuse = await fetch(`${origin}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
    });
    assert.equal(reuse.status, 400);
    assert.equal(((await reuse.json()) as { error: string }).error, 'invalid_grant');
  });
});
