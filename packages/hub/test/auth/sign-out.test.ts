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

/** A revocation as a client sends it: `clientId` undefined sends none. */
const revokeAs = (token: string, clientId: string | undefined) =>
  fetch(`${testHub.origin}/auth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, ...(clientId === undefined ? {} : { client_id: clientId }) }),
  });

test('the reported case: revoking with another client’s id is refused, and the session is not ended in silence', async () => {
  const session = await signIn('openid fhirUser launch/patient offline_access patient/*.rs');
  const answer = await revokeAs(session.refresh!, 'some-other-app');
  assert.equal(answer.status, 400);
  assert.equal(((await answer.json()) as { error?: string }).error, 'invalid_grant');
  // Refused, so the session goes on — and whoever asked was told.
  assert.equal((await testHub.call(session.access, `/Patient/${session.patient}`)).status, 200);
});

test('every token kind × client id: done only when the session ended; refused when it did not', async () => {
  const wrong: string[] = [];
  let cases = 0;
  for (const kind of ['refresh', 'access', 'access of a session without refresh'] as const)
    for (const client of ['the client it was issued to', 'another client', 'no client id'] as const) {
      cases += 1;
      const session = await signIn(
        `openid fhirUser launch/patient ${kind === 'access of a session without refresh' ? '' : 'offline_access '}patient/*.rs`,
      );
      const token = kind === 'refresh' ? session.refresh! : session.access;
      const id = client === 'the client it was issued to' ? clientId : client === 'another client' ? 'some-other-app' : undefined;
      const answer = await revokeAs(token, id);
      const ended = (await testHub.call(session.access, `/Patient/${session.patient}`)).status === 401;
      // Told "done" (200) exactly when the session ended; any refusal leaves it going.
      if ((answer.status === 200) !== ended) wrong.push(`${kind}, ${client}: ${answer.status}, session ${ended ? 'ended' : 'going on'}`);
      if ((client === 'the client it was issued to') !== ended) wrong.push(`${kind}, ${client}: session ${ended ? 'ended' : 'going on'}`);
    }
  // A token the hub does not know is answered as one revoked (RFC 7009 section 2.2), whoever asks.
  for (const id of [clientId, 'some-other-app']) {
    cases += 1;
    const answer = await revokeAs('not-a-token-of-this-hub', id);
    if (answer.status !== 200) wrong.push(`an unknown token, ${id}: ${answer.status}`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
});
