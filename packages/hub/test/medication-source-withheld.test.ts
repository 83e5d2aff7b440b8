/**
 * A prescription naming a Medication withheld by its source. Reviewer R14 found by reading that `labelledMedications`
 * (823f007, 0136aa1) counted only Medications whose stored labels hold a withheld label: a Medication recorded by a
 * sexual health clinic's system, its code on no sensitive list, was 404 to another organisation's nurse and to the
 * carer (its source counts as SEX, `labelledSources`), but the GP's MedicationStatement naming it was still sent with
 * its reference taken out — "Name could not be read", R10's symptom.
 *
 * Now an item naming a Medication is withheld whenever a read of that Medication by the same reader would be. The
 * class (by stored label, by source label, by a source the resident keeps from the reader) is the property in
 * `medication-reference-labels.property.test.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const CLINIC_SOURCE = 'https://care-record.example/source/sh-clinic';
const READERS = ['gp', 'hospital-nurse', 'carer'] as const;
type Reader = (typeof READERS)[number];

let testHub: TestHub;
const tokens: Partial<Record<Reader, string>> = {};
const recordOf: Partial<Record<Reader, string>> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      await hub.store.put({
        resourceType: 'Organization',
        id: 'sh-clinic',
        meta: { source: CLINIC_SOURCE },
        name: 'Borough integrated clinic',
        type: [{ text: 'Sexual health clinic' }],
      });
    },
  });
  const hub = testHub.hub;
  const personas = signInPersonas(hub.borough);
  const persona = (id: string) => personas.find((candidate) => candidate.id === id)!;
  const { resident, mother } = await setUpWithheldReferenceReaders(hub, { carer: { actions: ['view-record'] } });
  await hub.store.relate(resident, persona('hospital-nurse').organizationId ?? '');
  const gpSource = `https://care-record.example/source/${persona('gp').odsCode}`;
  // Recorded by the clinic's system; its code and words are on no sensitive list.
  await hub.store.put({
    resourceType: 'Medication',
    id: 'clinic-med',
    meta: { source: CLINIC_SOURCE },
    code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000101' }], text: 'Doxycycline 100mg capsules' },
  });
  for (const patient of [resident, mother])
    await hub.store.put({
      resourceType: 'MedicationStatement',
      id: `ms-${patient}`,
      meta: { source: gpSource },
      status: 'active',
      subject: { reference: `Patient/${patient}` },
      medicationReference: { reference: 'Medication/clinic-med' },
    });
  for (const reader of READERS) {
    tokens[reader] = await testHub.signIn(reader);
    recordOf[reader] = reader === 'carer' ? mother : resident;
  }
});
after(() => testHub.close());

const ids = (body: Json) =>
  ((body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource?.['id']));

describe('a prescription naming a Medication withheld by its source', () => {
  test('the reported case: the GP’s statement naming the clinic’s Medication is withheld as the Medication is', async () => {
    const answers: Record<string, string> = {};
    for (const reader of READERS) {
      const patient = recordOf[reader]!;
      const medication = await testHub.call(tokens[reader], '/Medication/clinic-med');
      const statement = await testHub.call(tokens[reader], `/MedicationStatement/ms-${patient}`);
      const search = await testHub.call(tokens[reader], `/MedicationStatement?patient=${patient}`);
      answers[reader] = [
        `Medication ${medication.status}`,
        `statement ${statement.status}`,
        `search ${search.status === 200 ? (ids(search.body).includes(`ms-${patient}`) ? 'finds it' : 'not found') : search.status}`,
      ].join(', ');
    }
    assert.deepEqual(answers, {
      // The clinic's Medication is another organisation's to the GP too; the statement is the practice's own.
      gp: 'Medication 404, statement 200, search finds it',
      'hospital-nurse': 'Medication 404, statement 404, search not found',
      carer: 'Medication 404, statement 404, search not found',
    });
  });
});
