/**
 * A resident whose sign-in lacks the scope a write needs (a token minted
 * without `patient/Observation.c`, or without `patient/Consent.u`) is told
 * that their sign-in does not allow it, through the real hub — not "you do
 * not have access", and not "try again".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, createSubmissionQueue, describeWriteFailure, HubError, loadSharing, saveSharing } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

const READ_ONLY = 'openid fhirUser launch/patient offline_access patient/*.rs';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

// The hub refuses these with 403 and the RFC 6750 challenge (`WWW-Authenticate: Bearer error="insufficient_scope"`)
// that says why, so the SDK can tell a missing scope from any other refusal.
describe('a resident’s sign-in without the scope for a write', () => {
  test('adding a reading: refused, and said to be the sign-in', async () => {
    const token = await hub.signIn('resident', { scope: READ_ONLY });
    const client = createHubClient({ baseUrl: hub.fhir, auth: token });
    const queue = createSubmissionQueue(client, hub.hub.borough.personas.resident.patientId, { maxAttempts: 1 });
    queue.submit({ kind: 'weight', kilograms: 70, measured: '2026-11-27' });
    await queue.idle();
    queue.close();
    const [entry] = queue.entries;
    assert.equal(entry?.state, 'failed');
    assert.ok(entry?.failure?.error instanceof HubError);
    assert.equal(entry.failure.error.status, 403);
    assert.equal(entry.failure.retryable, false);
    assert.equal(entry.failure.error.insufficientScope, true);
    assert.match(entry.failure.reason, /Your sign-in does not allow you to add readings/);
  });

  test('saving sharing choices: refused, and said to be the sign-in', async () => {
    const token = await hub.signIn('resident', { scope: READ_ONLY });
    const client = createHubClient({ baseUrl: hub.fhir, auth: token });
    const model = await loadSharing(client, hub.hub.borough.personas.resident.patientId);
    const error = await saveSharing(client, model, model.choices).then(
      () => assert.fail('expected a refusal'),
      (failure: unknown) => failure as HubError,
    );
    assert.equal(error.status, 403);
    assert.equal(error.insufficientScope, true);
    assert.match(describeWriteFailure(error, 'sharing').advice, /Your sign-in does not allow you to change who can see your record/);
  });
});
