/**
 * A resident who has given a carer access has two kinds of Consent on her
 * record: her sharing choice and the carer's permission. Each is read,
 * saved and enforced as itself: the sharing page never takes the carer's
 * permission for the sharing choice, and saving one never changes the other.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHubClient, isProxyConsent, loadSharing, saveSharing, type Consent } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

let hub: TestHub;
before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

const SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';

test('the sharing page reads and saves the sharing choice, never the carer’s permission', async () => {
  const mother = hub.hub.borough.personas.caredForResident!.patientId;
  const token = await hub.signIn('cared-for-resident', { scope: SCOPE });
  const active = await hub.call(token, `/Consent?patient=${mother}&status=active`);
  const consents = ((active.body['entry'] as { resource: Consent }[]) ?? []).map((entry) => entry.resource);
  const proxy = consents.find((consent) => isProxyConsent(consent));
  const sharing = consents.find((consent) => !isProxyConsent(consent));
  assert.ok(proxy && sharing, 'she has both a sharing choice and a carer’s permission');

  // Whichever the hub lists first, the sharing page reads the sharing choice.
  for (const newest of [proxy, sharing]) {
    const current = await hub.call(token, `/Consent/${newest.id}`);
    const touched = await hub.call(token, `/Consent/${newest.id}`, {
      method: 'PUT',
      body: current.body,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    assert.equal(touched.status, 200);
    const client = createHubClient({ baseUrl: hub.fhir, auth: token, retry: false });
    const model = await loadSharing(client, mother);
    assert.equal(model.consentId, sharing.id, `read with the ${newest === proxy ? 'permission' : 'choice'} saved last`);
    const saved = await saveSharing(client, model, model.choices);
    assert.equal(saved.consentId, sharing.id);
  }
  const after = await hub.call(token, `/Consent/${proxy.id}`);
  assert.equal(after.body['status'], 'active', 'the carer’s permission is unchanged');
  assert.ok(isProxyConsent(after.body as unknown as Consent));
});
