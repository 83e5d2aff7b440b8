/**
 * Who sees an appointment's reasons, end to end: the hub over HTTP on
 * loopback (SQLite), its answer read by the SDK's appointments view as an
 * element would. The GP sees every reason (one sent only as a code, one
 * naming the condition) and the staff's comment. A receptionist's answer
 * holds neither (the hub's desk allowlist); the row then says that some
 * details are not shown, never a reason of "none", and keeps what the desk
 * may see: what it is called, when, why it was cancelled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appointmentsViewModel, readNotices, type Appointment, type AppointmentRow } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { aboutPatient, exampleOf } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const NOW = '2026-11-28T09:00:00Z';
const SNOMED = 'http://snomed.info/sct';

let testHub: TestHub;
let patientId = '';

before(async () => {
  testHub = await startTestHub();
  const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
  patientId = (
    (await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1', [
      receptionist.organizationId,
    ])) as { id: string }[]
  )[0]!.id;
  for (const appointment of [
    {
      id: 'appt-reasons-role',
      status: 'booked',
      start: '2026-12-14T10:30:00Z',
      end: '2026-12-14T10:50:00Z',
      description: 'Diabetes annual review',
      reasonCode: [{ coding: [{ system: SNOMED, code: '44054006' }] }, { text: 'Foot check' }],
      reasonReference: [{ reference: 'Condition/c1', display: 'Type 2 diabetes mellitus' }],
      comment: 'Interpreter booked',
    },
    {
      id: 'appt-cancelled-role',
      status: 'cancelled',
      start: '2026-12-20T09:00:00Z',
      description: 'Eye clinic',
      cancelationReason: { coding: [{ system: SNOMED, code: '182856006' }] },
    },
  ])
    await testHub.hub.store.put(aboutPatient({ ...exampleOf('Appointment'), ...appointment }, patientId));
});
after(() => testHub.close());

/** The patient's appointments as this persona's app shows them: searched over HTTP, read by the SDK. */
async function rowsFor(persona: string): Promise<Map<string, AppointmentRow>> {
  const response = await fetch(`${testHub.fhir}/Appointment?patient=${patientId}&_count=500`, {
    headers: { authorization: `Bearer ${await testHub.signIn(persona)}`, accept: 'application/fhir+json' },
  });
  assert.equal(response.status, 200, persona);
  const bundle = (await response.json()) as { entry?: { resource?: Json }[] };
  const appointments = (bundle.entry ?? []).flatMap((entry) =>
    entry.resource?.['resourceType'] === 'Appointment' ? [entry.resource] : [],
  );
  const model = appointmentsViewModel(
    {
      appointments: appointments as unknown as Appointment[],
      patientId,
      notices: readNotices([bundle as never]),
      organizations: new Map(),
    },
    { audience: 'clinician', now: NOW },
  );
  return new Map([...model.upcoming, ...model.past].map((row) => [row.id, row]));
}

describe('an appointment’s reasons, by role', () => {
  test('the GP sees every reason and the comment, and nothing is said to be withheld', async () => {
    const rows = await rowsFor('gp');
    const review = rows.get('appt-reasons-role');
    assert.equal(review?.reason, 'SNOMED CT 44054006; Foot check; Type 2 diabetes mellitus');
    assert.equal(review?.comment, 'Interpreter booked');
    assert.equal(review?.detailsWithheld, undefined);
    assert.equal(rows.get('appt-cancelled-role')?.cancellationReason, 'SNOMED CT 182856006');
  });

  test('a receptionist sees no reason and no comment, is told some details are not shown, and keeps the desk’s', async () => {
    const rows = await rowsFor('receptionist');
    for (const id of ['appt-reasons-role', 'appt-cancelled-role']) {
      const row = rows.get(id);
      assert.ok(row, `${id} is listed for the desk`);
      assert.equal(row.reason, undefined, id);
      assert.equal(row.comment, undefined, id);
      assert.equal(row.detailsWithheld, true, `${id}: said to be not all shown`);
      assert.doesNotMatch(JSON.stringify(row), /Foot check|44054006|Type 2 diabetes|Interpreter/, id);
    }
    assert.equal(rows.get('appt-reasons-role')?.title, 'Diabetes annual review');
    assert.equal(rows.get('appt-reasons-role')?.date, '14-Dec-2026');
    assert.equal(rows.get('appt-cancelled-role')?.cancellationReason, 'SNOMED CT 182856006');
  });
});
