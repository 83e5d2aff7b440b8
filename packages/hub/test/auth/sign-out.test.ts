/**
 * Signing out ends the session at the hub: revoking the refresh token (or,
 * for a session without one, the access token) makes the session's access
 * tokens refused at the FHIR API at once and its refresh tokens unusable —
 * on what may be a shared computer, nothing the page held still works.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { authorizeUrl, chooseOnSignInPage, clientId, pkce, postToken, redirectUri } from './sign-in-flow.js';

let testHub: TestHub;
before(async () => {
  testHub = await startTestHub();
});
after(() => testHub.close());

async function signIn(scope: string): Promise<{ access: string; refresh?: string; patient: string }> {
  const { verifier, challenge } = pkce();
  const back = await chooseOnSignInPage(
    `${testHub.origin}/auth`,
    authorizeUrl(`${testHub.origin}/auth`, testHub.fhir, challenge, { scope }),
    {
      persona: 'resident',
    },
  );
  const token = await postToken(`${testHub.origin}/auth`, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
  assert.equal(token.status, 200);
  return {
    access: String(token.body['access_token']),
    ...(typeof token.body['refresh_token'] === 'string' ? { refresh: token.body['refresh_token'] } : {}),
    patient: String(token.body['patient']),
  };
}

const revoke = (token: string) =>
  fetch(`${testHub.origin}/auth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: clientId }),
  });

test('revoking the refresh token refuses the session’s access token at once, and the refresh token', async () => {
  const session = await signIn('openid fhirUser launch/patient offline_access patient/*.rs');
  assert.ok(session.refresh);
  assert.equal((await testHub.call(session.access, `/Patient/${session.patient}`)).status, 200);
  assert.equal((await revoke(session.refresh)).status, 200);
  const after = await testHub.call(session.access, `/Patient/${session.patient}`);
  assert.equal(after.status, 401);
  assert.equal(after.body['resourceType'], 'OperationOutcome');
  const refreshed = await postToken(`${testHub.origin}/auth`, {
    grant_type: 'refresh_token',
    refresh_token: session.refresh,
    client_id: clientId,
  });
  assert.equal(refreshed.status, 400);
});

test('a session without a refresh token ends by revoking its access token; other sessions go on', async () => {
  const ended = await signIn('openid fhirUser launch/patient patient/*.rs');
  const other = await signIn('openid fhirUser launch/patient patient/*.rs');
  assert.equal(ended.refresh, undefined);
  assert.equal((await revoke(ended.access)).status, 200);
  assert.equal((await testHub.call(ended.access, `/Patient/${ended.patient}`)).status, 401);
  assert.equal((await testHub.call(other.access, `/Patient/${other.patient}`)).status, 200);
});
