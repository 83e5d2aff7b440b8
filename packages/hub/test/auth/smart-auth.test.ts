import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { ContractSchemas, loadContract } from '../../src/contract/contract.js';
import { InvalidAccessTokenError } from '../../src/auth/index.js';
import { startSmartTestHub, type RunningSmartTestHub } from './smart-test-hub.js';
import {
  authorizeUrl,
  chooseOnSignInPage,
  clientId,
  pkce,
  postToken,
  redirectUri,
  requestIdOf,
  type AuthorizeParams,
} from './sign-in-flow.js';

let hub: RunningSmartTestHub;
before(async () => {
  hub = await startSmartTestHub();
});
after(() => hub.close());

const authorize = (challenge: string, overrides?: AuthorizeParams) => authorizeUrl(hub.authBaseUrl, hub.fhirBaseUrl, challenge, overrides);

/** Signs in as `persona` and returns the code, after checking the state came back. */
async function codeFor(persona: string, challenge: string, overrides?: AuthorizeParams): Promise<string> {
  const back = await chooseOnSignInPage(hub.authBaseUrl, authorize(challenge, overrides), { persona });
  assert.equal(back.origin + back.pathname, overrides?.['redirect_uri'] ?? redirectUri);
  assert.equal(back.searchParams.get('state'), overrides?.['state'] ?? 'state-1234');
  const code = back.searchParams.get('code');
  assert.ok(code, `no code in the redirect (error ${back.searchParams.get('error')})`);
  return code;
}

async function tokensFor(persona: string, overrides?: AuthorizeParams) {
  const { verifier, challenge } = pkce();
  const code = await codeFor(persona, challenge, overrides);
  const answer = await postToken(hub.authBaseUrl, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: overrides?.['redirect_uri'] ?? redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

/** Where a GET sends the browser (no following), or undefined when it does not redirect. */
async function redirectOf(url: string): Promise<{ status: number; location: URL | undefined; body: string; headers: Headers }> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return {
    status: response.status,
    location: location === null ? undefined : new URL(location),
    body: await response.text(),
    headers: response.headers,
  };
}

describe('discovery', () => {
  test('serves a SMART configuration that keeps the contract, with S256 only and endpoints under /auth', async () => {
    const response = await fetch(`${hub.fhirBaseUrl}/.well-known/smart-configuration`, {
      headers: { 'x-request-id': 'b0c4b0c4-0000-4000-8000-000000000001' },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('x-request-id'), 'b0c4b0c4-0000-4000-8000-000000000001');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const configuration = (await response.json()) as Record<string, unknown>;
    const schemas = new ContractSchemas(loadContract());
    assert.deepEqual(schemas.check('SmartConfiguration', configuration).errors, []);
    assert.deepEqual(configuration['code_challenge_methods_supported'], ['S256']);
    assert.equal(configuration['authorization_endpoint'], `${hub.origin}/auth/authorize`);
    assert.equal(configuration['token_endpoint'], `${hub.origin}/auth/token`);
    const capabilities = configuration['capabilities'] as string[];
    for (const capability of ['launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'permission-v2'])
      assert.ok(capabilities.includes(capability), capability);
    const scopes = configuration['scopes_supported'] as string[];
    for (const scope of ['patient/*.rs', 'user/*.rs', 'patient/Observation.c', 'launch', 'launch/patient'])
      assert.ok(scopes.includes(scope), scope);
  });

  test('publishes the signing key and an OpenID configuration with the same issuer', async () => {
    const jwks = (await (await fetch(`${hub.authBaseUrl}/jwks`)).json()) as {
      keys: { kty: string; alg: string; kid: string; d?: string }[];
    };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0]?.kty, 'EC');
    assert.equal(jwks.keys[0]?.alg, 'ES256');
    assert.equal(jwks.keys[0]?.d, undefined, 'the private part must never be published');
    const openid = (await (await fetch(`${hub.authBaseUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    assert.equal(openid['issuer'], hub.authBaseUrl);
    assert.equal(openid['jwks_uri'], `${hub.authBaseUrl}/jwks`);
  });
});

describe('the persona picker', () => {
  test('is an accessible page with a strict CSP, one button per persona and the development notice', async () => {
    const { challenge } = pkce();
    const response = await fetch(authorize(challenge));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /style-src 'self'/);
    assert.match(csp, /base-uri 'none'/);
    // Chromium checks form-action against the redirect after the post, so the app's origin is named too.
    assert.match(csp, /form-action 'self' http:\/\/127\.0\.0\.1:5173(;|$)/);
    assert.doesNotMatch(csp, /script-src|unsafe-inline/);
    const html = await response.text();
    assert.match(html, /<html lang="en-GB">/);
    assert.match(html, /<h1>Choose who to sign in as<\/h1>/);
    assert.match(html, /This is a development sign-in: no real people or passwords\./);
    assert.doesNotMatch(html, /<script|style=|\son\w+=/i);
    assert.match(html, /<form method="post" action="\/auth\/authorize" id="sign-in">/);
    const buttons = [...html.matchAll(/<button class="persona" type="submit" name="persona" value="([^"]+)" form="sign-in">/g)].map(
      (match) => match[1],
    );
    assert.deepEqual(buttons, ['gp', 'hospital-nurse', 'social-worker', 'receptionist', 'resident']);
    assert.match(html, /Dr Amara Okafor — GP, Junction Road Surgery/);
    assert.match(html, /Sees names, contact details and appointments; no clinical information\./);
    assert.match(html, /<strong>care-record-test-app<\/strong> wants to open the care record/);

    const stylesheet = await fetch(`${hub.authBaseUrl}/sign-in.css`);
    assert.match(stylesheet.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(await stylesheet.text(), /\.persona/);
  });

  test('escapes a hostile client_id and never echoes state', async () => {
    const { challenge } = pkce();
    const hostileClient = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const hostileState = '"><script>alert(3)</script>';
    const response = await fetch(authorize(challenge, { client_id: hostileClient, state: hostileState }));
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.doesNotMatch(html, /<script|<img/i);
    assert.ok(html.includes('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(!html.includes('alert(3)'));
  });

  test('shows the patient an EHR launch is for, escaped', async () => {
    const launched = await redirectOf(
      `${hub.authBaseUrl}/launch?patient=pat-0002&app=${encodeURIComponent('http://localhost:5173/launch')}`,
    );
    const launch = launched.location?.searchParams.get('launch') ?? '';
    const html = await (await fetch(authorize(pkce().challenge, { launch, scope: 'launch openid fhirUser user/*.rs' }))).text();
    assert.match(html, /opened from another system for patient <strong>pat-0002<\/strong>/);
  });
});

describe('a resident signs in (standalone launch)', () => {
  test('code → tokens → refresh with rotation; the old refresh token is refused afterwards', async () => {
    const tokens = await tokensFor('resident');
    assert.equal(tokens['token_type'], 'Bearer');
    assert.equal(tokens['expires_in'], 300);
    assert.equal(tokens['patient'], 'pat-0001');
    assert.equal(tokens['fhirUser'], 'Patient/pat-0001');
    assert.equal(tokens['scope'], 'openid fhirUser offline_access launch/patient patient/*.rs');
    assert.equal(typeof tokens['refresh_token'], 'string');
    assert.equal(typeof tokens['id_token'], 'string');

    const refreshed = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens['refresh_token']),
      client_id: clientId,
    });
    assert.equal(refreshed.status, 200);
    assert.equal(refreshed.headers.get('cache-control'), 'no-store');
    assert.notEqual(refreshed.body['access_token'], tokens['access_token']);
    assert.notEqual(refreshed.body['refresh_token'], tokens['refresh_token']);
    assert.equal(refreshed.body['patient'], 'pat-0001');
    assert.equal(refreshed.body['scope'], tokens['scope']);

    const replayed = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens['refresh_token']),
      client_id: clientId,
    });
    assert.equal(replayed.status, 400);
    assert.equal(replayed.body['error'], 'invalid_grant');
    // A rotated token seen again means it leaked: the whole session ends, so the newer token is refused too.
    const newer = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body['refresh_token']),
      client_id: clientId,
    });
    assert.equal(newer.body['error'], 'invalid_grant');
  });

  test('the access token is an ES256 JWT, verifiable with the published key, carrying who and what', async () => {
    const tokens = await tokensFor('resident', { scope: 'openid fhirUser offline_access patient/*.rs patient/Observation.c' });
    const token = String(tokens['access_token']);
    const jwks = createLocalJWKSet((await (await fetch(`${hub.authBaseUrl}/jwks`)).json()) as { keys: [] });
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: hub.authBaseUrl, audience: hub.fhirBaseUrl });
    assert.equal(protectedHeader.alg, 'ES256');
    assert.equal(protectedHeader.typ, 'at+jwt');
    assert.equal(payload.sub, 'resident');
    assert.equal(payload['scope'], 'openid fhirUser offline_access patient/*.rs patient/Observation.c');
    assert.equal(payload['client_id'], clientId);
    assert.equal(payload['fhirUser'], 'Patient/pat-0001');
    assert.equal(payload['role'], 'resident');
    assert.equal(payload['clinical'], false);
    assert.equal(payload['patient'], 'pat-0001');
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 300);
    assert.match(String(payload.jti), /^[0-9a-f-]{36}$/);

    const context = await hub.auth.verifyAccessToken(token);
    assert.deepEqual(context, {
      subject: 'resident',
      fhirUser: 'Patient/pat-0001',
      role: 'resident',
      clinical: false,
      patient: 'pat-0001',
      scopes: ['openid', 'fhirUser', 'offline_access', 'patient/*.rs', 'patient/Observation.c'],
      clientId,
      tokenId: payload.jti,
      session: payload['sid'],
    });
    assert.match(String(payload['sid']), /^[0-9a-f-]{36}$/);

    const idToken = String(tokens['id_token']);
    assert.equal(decodeProtectedHeader(idToken).alg, 'ES256');
    const identity = decodeJwt(idToken);
    assert.equal(identity.aud, clientId);
    assert.equal(identity['fhirUser'], 'Patient/pat-0001');
  });

  test('asking for more than a resident may have grants only the intersection', async () => {
    const tokens = await tokensFor('resident', {
      scope: 'openid user/*.rs patient/Observation.cruds patient/MedicationStatement.c patient/Consent.cruds system/*.rs patient/*.read',
    });
    // `patient/*.read` is SMART 1's `patient/*.rs`.
    assert.equal(tokens['scope'], 'openid patient/Observation.crs patient/MedicationStatement.c patient/Consent.crus patient/*.rs');
    assert.equal(tokens['refresh_token'], undefined, 'no offline_access asked, so no refresh token');
  });
});

describe('professionals', () => {
  test('a GP gets user-level scopes, the practice and no patient context without a launch', async () => {
    const tokens = await tokensFor('gp', { scope: 'openid fhirUser offline_access user/*.rs patient/*.rs launch/patient' });
    assert.equal(tokens['scope'], 'openid fhirUser offline_access user/*.rs');
    assert.equal(tokens['patient'], undefined);
    const context = await hub.auth.verifyAccessToken(String(tokens['access_token']));
    assert.equal(context.role, 'gp');
    assert.equal(context.clinical, true);
    assert.equal(context.organizationOds, 'Y99001');
    assert.equal(context.organizationId, 'org-junction-road');
    assert.equal(context.fhirUser, 'PractitionerRole/role-gp-okafor');
  });

  test('a receptionist is granted no clinical resource types, even when asking for every type', async () => {
    const tokens = await tokensFor('receptionist', {
      scope: 'openid fhirUser offline_access user/*.rs user/Observation.rs user/AllergyIntolerance.rs',
    });
    const granted = String(tokens['scope']).split(' ');
    assert.deepEqual(granted, [
      'openid',
      'fhirUser',
      'offline_access',
      'user/Patient.rs',
      'user/Appointment.rs',
      'user/RelatedPerson.rs',
      'user/Organization.rs',
      'user/Practitioner.rs',
      'user/PractitionerRole.rs',
    ]);
    const context = await hub.auth.verifyAccessToken(String(tokens['access_token']));
    assert.equal(context.clinical, false);
    assert.ok(!context.scopes.some((scope) => scope.includes('*') || /Observation|Allergy|Condition|Medication/.test(scope)));
  });
});

describe('EHR launch', () => {
  const app = 'http://localhost:5173/launch?from=host';

  async function launchFor(patient: string): Promise<{ launch: string; location: URL }> {
    const answer = await redirectOf(`${hub.authBaseUrl}/launch?patient=${patient}&app=${encodeURIComponent(app)}`);
    assert.equal(answer.status, 303);
    assert.ok(answer.location);
    return { launch: answer.location.searchParams.get('launch') ?? '', location: answer.location };
  }

  test('GET /auth/launch sends the browser to the app with iss and launch; the GP then signs in with that patient in context', async () => {
    const { launch, location } = await launchFor('pat-0002');
    assert.equal(location.origin + location.pathname, 'http://localhost:5173/launch');
    assert.equal(location.searchParams.get('from'), 'host');
    assert.equal(location.searchParams.get('iss'), hub.fhirBaseUrl);
    assert.match(launch, /^[A-Za-z0-9_-]{43}$/);
    const tokens = await tokensFor('gp', { launch, scope: 'launch openid fhirUser user/*.rs patient/*.rs' });
    assert.equal(tokens['patient'], 'pat-0002');
    assert.equal(tokens['scope'], 'launch openid fhirUser user/*.rs patient/*.rs');
    assert.equal((await hub.auth.verifyAccessToken(String(tokens['access_token']))).patient, 'pat-0002');
  });

  test('POST /auth/launch answers with the launch for scripts', async () => {
    const response = await fetch(`${hub.authBaseUrl}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: 'pat-0003', app }),
    });
    assert.equal(response.status, 201);
    const body = (await response.json()) as { launch: string; iss: string; expires_in: number; url: string };
    assert.equal(body.iss, hub.fhirBaseUrl);
    assert.equal(body.expires_in, 300);
    const url = new URL(body.url);
    assert.equal(url.searchParams.get('launch'), body.launch);
    const tokens = await tokensFor('receptionist', { launch: body.launch, scope: 'launch user/*.rs patient/*.rs' });
    assert.equal(tokens['patient'], 'pat-0003');
    assert.equal(
      tokens['scope'],
      'launch user/Patient.rs user/Appointment.rs user/RelatedPerson.rs user/Organization.rs user/Practitioner.rs user/PractitionerRole.rs patient/Patient.rs patient/Appointment.rs patient/RelatedPerson.rs patient/Organization.rs patient/Practitioner.rs patient/PractitionerRole.rs',
    );
  });

  test('a resident cannot take over a launch for someone else', async () => {
    const { launch } = await launchFor('pat-0002');
    const back = await chooseOnSignInPage(hub.authBaseUrl, authorize(pkce().challenge, { launch, scope: 'launch patient/*.rs' }), {
      persona: 'resident',
    });
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('code'), null);
  });

  test('an unknown launch, a launch without a patient and an app elsewhere are refused', async () => {
    const unknown = await redirectOf(authorize(pkce().challenge, { launch: 'no-such-launch' }));
    assert.equal(unknown.location?.searchParams.get('error'), 'invalid_request');
    const noPatient = await redirectOf(`${hub.authBaseUrl}/launch?app=${encodeURIComponent(app)}`);
    assert.equal(noPatient.status, 400);
    const elsewhere = await redirectOf(`${hub.authBaseUrl}/launch?patient=pat-0002&app=${encodeURIComponent('https://evil.example/app')}`);
    assert.equal(elsewhere.status, 400);
    assert.equal(elsewhere.location, undefined);
  });
});

describe('refusals', () => {
  test('a wrong PKCE verifier is refused, and the code cannot then be tried again', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor('gp', challenge);
    const wrong = await postToken(hub.authBaseUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: pkce().verifier,
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual(wrong.body, { error: 'invalid_grant', error_description: 'code_verifier does not match the code challenge' });
    const retry = await postToken(hub.authBaseUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    });
    assert.equal(retry.body['error'], 'invalid_grant');
  });

  test('a missing or plain code challenge is sent back as invalid_request', async () => {
    const { challenge } = pkce();
    for (const overrides of [
      { code_challenge: null, code_challenge_method: null },
      { code_challenge_method: 'plain' },
      { code_challenge_method: null },
      { code_challenge: 'short' },
    ]) {
      const answer = await redirectOf(authorize(challenge, overrides));
      assert.equal(answer.status, 302, JSON.stringify(overrides));
      assert.equal(answer.location?.origin, 'http://127.0.0.1:5173');
      assert.equal(answer.location?.searchParams.get('error'), 'invalid_request');
      assert.equal(answer.location?.searchParams.get('state'), 'state-1234');
      assert.equal(answer.location?.searchParams.get('code'), null);
    }
  });

  test('a code used twice is refused, and the session the first use started ends', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor('resident', challenge);
    const exchange = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier };
    const first = await postToken(hub.authBaseUrl, exchange);
    assert.equal(first.status, 200);
    const second = await postToken(hub.authBaseUrl, exchange);
    assert.equal(second.status, 400);
    assert.equal(second.body['error'], 'invalid_grant');
    const refresh = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(first.body['refresh_token']),
      client_id: clientId,
    });
    assert.equal(refresh.body['error'], 'invalid_grant');
  });

  test('a code older than 60 seconds is refused', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor('resident', challenge);
    hub.advanceClock(61);
    const late = await postToken(hub.authBaseUrl, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    });
    assert.equal(late.status, 400);
    assert.equal(late.body['error'], 'invalid_grant');
  });

  test('a code is bound to its client and redirect_uri', async () => {
    for (const [field, value] of [
      ['client_id', 'another-app'],
      ['redirect_uri', 'http://127.0.0.1:5173/elsewhere'],
    ]) {
      const { verifier, challenge } = pkce();
      const code = await codeFor('gp', challenge);
      const answer = await postToken(hub.authBaseUrl, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: clientId,
        code_verifier: verifier,
        [field as string]: value as string,
      });
      assert.equal(answer.body['error'], 'invalid_grant', field);
    }
  });

  test('a redirect_uri off this machine is refused on a page, never redirected to', async () => {
    const { challenge } = pkce();
    for (const uri of [
      'https://evil.example/callback',
      'javascript:alert(1)',
      'http://127.0.0.1.evil.example/cb',
      'http://127.0.0.1:5173/cb#fragment',
      'http://user:pw@localhost/cb',
      'custom-app:/cb',
    ]) {
      const answer = await redirectOf(authorize(challenge, { redirect_uri: uri }));
      assert.equal(answer.status, 400, uri);
      assert.equal(answer.location, undefined, uri);
      assert.match(answer.body, /return address is not allowed/);
    }
    for (const uri of ['http://localhost:3000/cb', 'https://127.0.0.1/cb', 'http://[::1]:8000/cb', `${hub.origin}/app/callback`]) {
      const answer = await redirectOf(authorize(challenge, { redirect_uri: uri }));
      assert.equal(answer.status, 200, uri);
    }
  });

  test('requests without response_type=code, state, scope or the right aud are sent back with an error', async () => {
    const { challenge } = pkce();
    const cases: [AuthorizeParams, string][] = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ state: null }, 'invalid_request'],
      [{ scope: null }, 'invalid_scope'],
      [{ aud: 'https://other-hub.example/fhir' }, 'invalid_request'],
    ];
    for (const [overrides, error] of cases) {
      const answer = await redirectOf(authorize(challenge, overrides));
      assert.equal(answer.location?.searchParams.get('error'), error, JSON.stringify(overrides));
    }
    const repeated = new URL(authorize(challenge));
    repeated.searchParams.append('scope', 'user/*.rs');
    assert.equal((await redirectOf(repeated.href)).location?.searchParams.get('error'), 'invalid_request');
    assert.equal((await redirectOf(authorize(challenge, { client_id: null }))).status, 400);
  });

  test('cancelling sends the app access_denied with its state', async () => {
    const back = await chooseOnSignInPage(hub.authBaseUrl, authorize(pkce().challenge), 'cancel');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'state-1234');
  });

  test('a sign-in request can be answered once', async () => {
    const html = await (await fetch(authorize(pkce().challenge))).text();
    const form = new URLSearchParams({ request: requestIdOf(html), persona: 'gp' });
    assert.equal((await fetch(`${hub.authBaseUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' })).status, 303);
    const again = await fetch(`${hub.authBaseUrl}/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    assert.equal(again.status, 400);
    assert.match(await again.text(), /This sign-in has expired/);
  });

  test('the token endpoint answers OAuth errors as JSON', async () => {
    const noClient = await postToken(hub.authBaseUrl, { grant_type: 'authorization_code', code: 'x' });
    assert.equal(noClient.status, 401);
    assert.equal(noClient.body['error'], 'invalid_client');
    const grant = await postToken(hub.authBaseUrl, { grant_type: 'password', client_id: clientId });
    assert.deepEqual(grant.body, {
      error: 'unsupported_grant_type',
      error_description: 'grant_type must be authorization_code or refresh_token',
    });
    const json = await fetch(`${hub.authBaseUrl}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 400);
    assert.equal(((await json.json()) as { error: string }).error, 'invalid_request');
  });

  test('a refresh cannot widen scopes, and belongs to its client', async () => {
    const tokens = await tokensFor('resident', { scope: 'offline_access patient/*.rs' });
    const refreshToken = String(tokens['refresh_token']);
    const wider = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      scope: 'offline_access patient/*.rs patient/Observation.c',
    });
    assert.equal(wider.body['error'], 'invalid_scope');
    const other = await postToken(hub.authBaseUrl, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'another-app' });
    assert.equal(other.body['error'], 'invalid_grant');
    const narrower = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      scope: 'offline_access patient/*.rs',
    });
    assert.equal(narrower.status, 200);
  });

  test('revoking a refresh token ends the session', async () => {
    const tokens = await tokensFor('resident');
    const revoke = await fetch(`${hub.authBaseUrl}/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: String(tokens['refresh_token']), client_id: clientId }),
    });
    assert.equal(revoke.status, 200);
    const refresh = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens['refresh_token']),
      client_id: clientId,
    });
    assert.equal(refresh.body['error'], 'invalid_grant');
  });
});

describe('verifying access tokens', () => {
  test('an expired token is refused as expired, a tampered one as invalid', async () => {
    const tokens = await tokensFor('gp');
    const token = String(tokens['access_token']);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'resident' })).toString('base64url')}.${signature}`;
    await assert.rejects(
      hub.auth.verifyAccessToken(tampered),
      (error) => error instanceof InvalidAccessTokenError && error.reason === 'invalid',
    );
    await assert.rejects(
      hub.auth.verifyAccessToken('not-a-jwt'),
      (error) => error instanceof InvalidAccessTokenError && error.reason === 'invalid',
    );
    hub.advanceClock(301);
    await assert.rejects(
      hub.auth.verifyAccessToken(token),
      (error) => error instanceof InvalidAccessTokenError && error.reason === 'expired' && !error.message.includes(token),
    );
  });

  test('refresh tokens lapse when the session ends, 8 hours after sign-in', async () => {
    const tokens = await tokensFor('gp');
    hub.advanceClock(8 * 60 * 60 + 1);
    const refresh = await postToken(hub.authBaseUrl, {
      grant_type: 'refresh_token',
      refresh_token: String(tokens['refresh_token']),
      client_id: clientId,
    });
    assert.equal(refresh.body['error'], 'invalid_grant');
  });

  test('the protected read accepts the token and refuses a resident reading someone else', async () => {
    const tokens = await tokensFor('resident');
    const read = (id: string) =>
      fetch(`${hub.fhirBaseUrl}/Patient/${id}`, { headers: { authorization: `Bearer ${String(tokens['access_token'])}` } });
    assert.equal((await read('pat-0001')).status, 200);
    assert.equal((await read('pat-0002')).status, 403);
    assert.equal((await fetch(`${hub.fhirBaseUrl}/Patient/pat-0001`)).status, 401);
  });
});
