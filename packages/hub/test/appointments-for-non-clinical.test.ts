/**
 * A receptionist sees a resident's appointments — who, where, when, what it
 * is called, what the resident is asked to do — and no clinical detail
 * (DOMAIN: non-clinical users must not see clinical detail; policy R3). An
 * Appointment's reason (a diagnosis, or a link to one), its comments and the
 * orders behind it were sent to them as stored. Now every way a
 * non-clinical role reads an Appointment leaves those out and tags it
 * `SUBSETTED`, so that no reader takes what is left out for "none"; clinical
 * roles read it whole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { aboutPatient, exampleOf } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { stillToCome } from './support/still-to-come.js';

type Json = Record<string, unknown>;

const CLINICAL_DETAIL = ['reasonCode', 'reasonReference', 'comment', 'supportingInformation', 'basedOn'];
const ID = 'appt-clinical-detail';
/** Booked and still to come, so that `$summary` lists it whenever the suite runs. */
const BOOKED = stillToCome(4, 9, 30);

let testHub: TestHub;
let patientId = '';

/** Every way to read the appointment, each giving the Appointment as it was answered. */
const ways: Record<string, { path: () => string; init?: () => RequestInit; pick: (body: Json) => Json | undefined }> = {
  read: { path: () => `Appointment/${ID}`, pick: (body) => body },
  search: { path: () => `Appointment?patient=${patientId}`, pick: (body) => entryOf(body) },
  $summary: { path: () => `Patient/${patientId}/$summary`, pick: (body) => entryOf(body) },
  'batch read': {
    path: () => '',
    init: () => ({
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Appointment/${ID}` } }] }),
    }),
    pick: (body) => (body['entry'] as { resource?: Json }[])[0]?.resource,
  },
  'batch search': {
    path: () => '',
    init: () => ({
      method: 'POST',
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `Appointment?patient=${patientId}` } }],
      }),
    }),
    pick: (body) => entryOf((body['entry'] as { resource?: Json }[])[0]?.resource ?? {}),
  },
};

const entryOf = (bundle: Json): Json | undefined =>
  ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource).find((resource) => resource['id'] === ID);

async function appointmentAs(persona: string, way: string): Promise<Json> {
  const token = await testHub.signIn(persona);
  const { path, init, pick } = ways[way]!;
  const response = await fetch(`${testHub.fhir}/${path()}`, {
    ...init?.(),
    headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json', 'content-type': 'application/fhir+json' },
  });
  assert.equal(response.status, 200, `${persona} ${way}`);
  const found = pick((await response.json()) as Json);
  assert.ok(found, `${persona} ${way}: the appointment is answered`);
  return found;
}

before(async () => {
  testHub = await startTestHub();
  const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
  patientId = (
    (
      await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1', [
        receptionist.organizationId,
      ])
    )[0] as { id: string }
  ).id;
  const appointment = aboutPatient(
    {
      ...exampleOf('Appointment'),
      id: ID,
      status: 'booked',
      ...BOOKED,
      description: 'Diabetes review',
      patientInstruction: 'Please bring your blood glucose diary',
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '44054006', display: 'Type 2 diabetes mellitus' }] }],
      reasonReference: [{ reference: 'Condition/cond-1', display: 'Type 2 diabetes mellitus' }],
      comment: 'HbA1c rising; consider insulin',
      supportingInformation: [{ reference: 'Observation/obs-1' }],
      basedOn: [{ reference: 'ServiceRequest/sr-1' }],
    },
    patientId,
  );
  await testHub.hub.store.transaction(async (store) => {
    await store.put(appointment);
  });
});
after(() => testHub.close());

describe('a receptionist reads an appointment without its clinical detail', () => {
  for (const way of Object.keys(ways))
    test(`${way}: no reason, comment or orders; tagged SUBSETTED; who, when, what and the instruction kept`, async () => {
      const appointment = await appointmentAs('receptionist', way);
      for (const element of CLINICAL_DETAIL) assert.equal(element in appointment, false, `${way}: ${element}`);
      assert.doesNotMatch(JSON.stringify(appointment), /diabetes mellitus|HbA1c|insulin/i);
      const tags = ((appointment['meta'] as { tag?: { code?: string }[] } | undefined)?.tag ?? []).map((tag) => tag.code);
      assert.ok(tags.includes('SUBSETTED'), `${way}: tagged`);
      assert.equal(appointment['description'], 'Diabetes review');
      assert.equal(appointment['patientInstruction'], 'Please bring your blood glucose diary');
      assert.equal(appointment['start'], BOOKED.start);
    });
});

describe('clinical roles read it whole', () => {
  for (const way of Object.keys(ways))
    test(`${way}: the GP gets every element, untagged`, async () => {
      const appointment = await appointmentAs('gp', way);
      for (const element of CLINICAL_DETAIL) assert.equal(element in appointment, true, `${way}: ${element}`);
      const tags = ((appointment['meta'] as { tag?: { code?: string }[] } | undefined)?.tag ?? []).map((tag) => tag.code);
      assert.equal(tags.includes('SUBSETTED'), false);
    });
});
