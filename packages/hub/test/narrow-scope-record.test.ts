/**
 * A clinician signed in through an app given every kind of record but one (a SMART scope set without
 * `user/Observation.rs`): the hub refuses that one search (403, `insufficient_scope`), and the SDK's timeline shows
 * the rest of the record with the refusal's words for the kind left out — never the whole timeline failed, never
 * "none". A search in a batch (the medicines list's) carries no challenge: its entry's outcome says SCOPE_RESTRICTED.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, notPermittedNotices, openRecord } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

const SCOPE_WORDS = 'The app you signed in with was not given access to this kind of information';
const TYPES = [
  'Patient',
  'Organization',
  'Practitioner',
  'Medication',
  'MedicationRequest',
  'MedicationStatement',
  'Encounter',
  'Appointment',
  'DiagnosticReport',
  'Observation',
  'DocumentReference',
  'CarePlan',
  'EpisodeOfCare',
];

let testHub: TestHub;
let patientId: string;

before(async () => {
  testHub = await startTestHub();
  const gp = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'gp')!;
  // A resident registered at the practice with results, other events and prescriptions.
  patientId = (
    (
      await testHub.hub.store.query(
        `SELECT r.patient_id AS id FROM resource r JOIN relationship x ON x.patient_id = r.patient_id AND x.organization_id = ?
         WHERE r.type IN ('Observation', 'Encounter', 'MedicationRequest') GROUP BY r.patient_id HAVING COUNT(DISTINCT r.type) = 3
         ORDER BY r.patient_id LIMIT 1`,
        [gp.organizationId],
      )
    )[0] as { id: string }
  ).id;
});
after(() => testHub.close());

/** The record as a GP sees it through an app given every type here but `without`. */
async function recordWithout(without: string) {
  const scopes = TYPES.filter((type) => type !== without).map((type) => `user/${type}.rs`);
  const token = await testHub.signIn('gp', { scope: `openid fhirUser ${scopes.join(' ')}` });
  return openRecord(createHubClient({ baseUrl: testHub.fhir, auth: token, retry: { limit: 0 } }), patientId, {
    audience: 'clinician',
    now: () => new Date(),
  });
}

describe('a sign-in whose scopes leave out one type', () => {
  test('without Observation: the timeline shows the rest, and claims no count of results', async () => {
    const timeline = (await recordWithout('Observation')).timeline();
    let done = false;
    for (let pages = 0; pages < 30 && !done; pages++) ({ done } = await timeline.loadMore());
    assert.ok(done);
    assert.ok(timeline.timeline.view({}).total > 0, 'the rest is shown');
    assert.deepEqual(notPermittedNotices(timeline.notices, ['Observation']), [SCOPE_WORDS]);
    assert.ok(!timeline.coverage?.exactTypes.has('result'), 'the results filter claims no count');
  });

  test('without MedicationStatement: the medicines list shows prescriptions and says what was left out', async () => {
    const medicines = await (await recordWithout('MedicationStatement')).medications();
    assert.ok(medicines.current.length + medicines.past.length > 0, 'the prescriptions are shown');
    assert.deepEqual(notPermittedNotices(medicines.notices, ['MedicationStatement']), [SCOPE_WORDS]);
  });
});
