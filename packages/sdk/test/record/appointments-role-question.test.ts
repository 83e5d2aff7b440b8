/**
 * `loadAppointments` told the viewer's role by a question rather than a yes or
 * no (`nonClinicalRole: () => …`), as `<care-appointments>` inside a provider
 * asks the record page it shares: through the real hub on loopback. The
 * question is asked only when it can matter — a clinician's view with
 * appointments that came partly shown — and a question that fails counts as
 * no, so the rows say for themselves that details are not shown, never less.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createHubClient, loadAppointments, type HubClient, type RecordAudience } from '../../src/index.js';
import { signInPersonas } from '../../../hub/src/index.js';
import { aboutPatient, exampleOf } from '../../../hub/test/support/policy-fixtures.js';
import { startTestHub, testNow, type TestHub } from '../../../hub/test/support/test-hub.js';
import { stillToCome } from '../../../hub/test/support/still-to-come.js';

let testHub: TestHub;
/** A resident of the desk's practice, with an upcoming appointment that has a reason and notes. */
let patient = '';
const now = () => new Date(testNow);

const client = async (persona: string): Promise<HubClient> =>
  createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn(persona), retry: { limit: 0 } });

before(async () => {
  testHub = await startTestHub();
  const desk = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
  const related = (await testHub.hub.store.query(
    'SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1',
    [desk.organizationId],
  )) as { id: string }[];
  patient = related[0]!.id;
  await testHub.hub.store.put(
    aboutPatient(
      {
        ...exampleOf('Appointment'),
        id: 'question-review',
        status: 'booked',
        start: stillToCome(4, 9, 30).start,
        description: 'Diabetes review',
        comment: 'HbA1c rising',
      },
      patient,
    ),
  );
});
after(() => testHub.close());

/** The list for the persona, with a question that counts how often it is asked and answers as told. */
async function list(persona: string, audience: RecordAudience, answer: () => boolean | Promise<boolean>) {
  let asked = 0;
  const model = await loadAppointments(await client(persona), patient, {
    audience,
    now,
    nonClinicalRole: () => {
      asked++;
      return answer();
    },
  });
  return { model, asked, rows: [...model.upcoming, ...model.past] };
}

describe('the role asked, not told', () => {
  test('the desk, answered yes: asked once; the role line for the list, on no row', async () => {
    const { model, asked, rows } = await list('receptionist', 'clinician', () => Promise.resolve(true));
    assert.equal(asked, 1);
    assert.equal(model.notices.withheld, false);
    assert.deepEqual(model.notices.reducedForRole, ['Appointment']);
    assert.ok(rows.some((row) => row.id === 'question-review'));
    assert.ok(rows.every((row) => row.detailsWithheld === undefined && row.comment === undefined));
  });

  for (const [case_, answer] of [
    ['answered no', () => false],
    ['the question failed', () => Promise.reject(new Error('The record page could not be read'))],
    [
      'the question threw',
      (): boolean => {
        throw new Error('No record page');
      },
    ],
  ] as const)
    test(`the desk, ${case_}: told as before — "not shown" on the list and on each row, never less`, async () => {
      const { model, asked, rows } = await list('receptionist', 'clinician', answer);
      assert.equal(asked, 1);
      assert.equal(model.notices.withheld, true);
      assert.equal(model.notices.reducedForRole, undefined);
      assert.ok(rows.length > 0 && rows.every((row) => row.detailsWithheld === true));
    });

  test('the GP: whole appointments, so the question is never asked, and nothing is said of a role', async () => {
    const { model, asked, rows } = await list('gp', 'clinician', () => true);
    assert.equal(asked, 0);
    assert.equal(model.notices.reducedForRole, undefined);
    assert.ok(rows.some((row) => row.id === 'question-review' && row.comment === 'HbA1c rising'));
  });

  test('the resident view is never the desk’s, whatever the question would answer', async () => {
    const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
    let asked = 0;
    const model = await loadAppointments(await client('resident'), resident.patientId ?? '', {
      audience: 'resident',
      now,
      nonClinicalRole: () => {
        asked++;
        return true;
      },
    });
    assert.equal(asked, 0);
    assert.equal(model.notices.reducedForRole, undefined);
  });
});
