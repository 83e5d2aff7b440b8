/**
 * A carer's permission keeps the period it runs for when the resident changes
 * what it allows. `saveCarerAccess` rebuilt the whole Consent from the actions
 * and categories and dropped `provision.period`: a permission ending on
 * 30 June 2027, once the resident added an action, never ended. Through the
 * real hub on loopback (real HTTP, real SQLite, the resident's own sign-in).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  createHubClient,
  inviteCarer,
  loadCarers,
  saveCarerAccess,
  type CarerAccess,
  type Consent,
  type HubClient,
  type ProxyAction,
  type ProxyWithheldCategory,
} from '../../src/index.js';
import { startTestHub, testNow, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

let testHub: TestHub;
let client: HubClient;
let patientId = '';
let invited = 0;

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  patientId = testHub.hub.borough.personas.resident.patientId;
});
after(() => testHub.close());

/** A carer the resident invites, whose permission is then given `period`; read back as the carers screen reads it. */
async function carerWithPeriod(period: { start?: string; end?: string }): Promise<CarerAccess> {
  invited += 1;
  const name = `Period Carer ${invited}`;
  const made = await inviteCarer(client, patientId, { name, actions: ['view-record'], withheld: [] });
  const before = await loadCarers(client, patientId, { now: new Date(testNow) });
  const carer = before.carers.find((each) => each.relatedPersonId === made.relatedPersonId);
  assert.ok(carer, 'the invited carer is listed');
  const current = await client.get('/Consent/{id}', { path: { id: carer.consentId } });
  await client.request('put', '/Consent/{id}', {
    path: { id: carer.consentId },
    body: { ...current, provision: { ...current.provision, period } } as Consent,
    headers: carer.etag ? { 'if-match': carer.etag } : {},
  });
  assert.deepEqual(await periodOf(carer.consentId), period, 'the hub keeps the period given');
  const read = await loadCarers(client, patientId, { now: new Date(testNow) });
  const again = read.carers.find((each) => each.consentId === carer.consentId);
  assert.ok(again);
  return again;
}

async function periodOf(consentId: string): Promise<unknown> {
  const stored = await client.get('/Consent/{id}', { path: { id: consentId } });
  return stored.provision?.period;
}

describe('a carer’s permission keeps its period through a change', () => {
  test('the reported case: a permission ending 2027-06-30 still ends then after an action is added', async () => {
    const carer = await carerWithPeriod({ end: '2027-06-30' });
    await saveCarerAccess(client, patientId, carer, { actions: ['view-record', 'view-appointments'], withheld: [] });
    assert.deepEqual(await periodOf(carer.consentId), { end: '2027-06-30' });
  });

  const PERIODS: { name: string; period: { start?: string; end?: string } }[] = [
    { name: 'start only', period: { start: '2026-01-05' } },
    { name: 'end only', period: { end: '2027-06-30' } },
    { name: 'start and end', period: { start: '2026-01-05', end: '2027-06-30' } },
  ];
  const CHANGES: { name: string; from: ProxyAction[]; actions: ProxyAction[]; withheld: ProxyWithheldCategory[] }[] = [
    { name: 'an action added', from: ['view-record'], actions: ['view-record', 'add-readings'], withheld: [] },
    { name: 'an action removed', from: ['view-record', 'view-results'], actions: ['view-record'], withheld: [] },
    { name: 'a category kept from them', from: ['view-record'], actions: ['view-record'], withheld: ['mental-health'] },
  ];
  for (const period of PERIODS)
    for (const change of CHANGES)
      test(`${period.name}, ${change.name}: the period is kept`, async () => {
        let carer = await carerWithPeriod(period.period);
        if (change.from.length > 1) {
          await saveCarerAccess(client, patientId, carer, { actions: change.from, withheld: [] });
          const read = await loadCarers(client, patientId, { now: new Date(testNow) });
          carer = read.carers.find((each) => each.consentId === carer.consentId)!;
        }
        await saveCarerAccess(client, patientId, carer, { actions: change.actions, withheld: change.withheld });
        assert.deepEqual(await periodOf(carer.consentId), period.period);
        const stored = await client.get('/Consent/{id}', { path: { id: carer.consentId } });
        assert.equal(stored.provision?.action?.length, change.actions.length);
      });
});
