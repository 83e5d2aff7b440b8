/**
 * A medicine sent only as a code — a dm+d or SNOMED CT concept with no display
 * and no text, as EMIS and TPP feeds send it — reads as its code with its
 * system (`dm+d 319283006`), inline or by a contained or included Medication,
 * in the medication list and the summary alike, as other codes do
 * (`concept-text.ts`). It is "Not known" only when nothing names or codes it,
 * and it never merges with a different medicine.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationRequest } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel } from '../../src/record/index.js';
import { DMD, GP_AND_HOSPITAL } from './one-medicine.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const SNOMED = 'http://snomed.info/sct';

type Json = Record<string, unknown>;

type Carry = 'inline' | 'contained' | 'included' | 'bundle';
/** A current GP order for the medicine, carried as `carry` says: inline, by a contained Medication, by an included one, or by one a transaction bundle names (`urn:uuid`). */
function order(id: string, concept: Json, carry: Carry): { request: Json; included: Json[] } {
  const common = {
    resourceType: 'MedicationRequest',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${PATIENT}` },
    authoredOn: '2026-11-01',
  };
  if (carry === 'inline') return { request: { ...common, medicationCodeableConcept: concept }, included: [] };
  const medication = { resourceType: 'Medication', id: `med-${id}`, code: concept };
  if (carry === 'contained')
    return { request: { ...common, contained: [medication], medicationReference: { reference: `#med-${id}` } }, included: [] };
  if (carry === 'bundle') {
    const uuid = `6f1c3e55-0d2b-4e1f-9a77-${id.replace(/\D/g, '').padStart(12, '0')}`;
    return { request: { ...common, medicationReference: { reference: `urn:uuid:${uuid}` } }, included: [{ ...medication, id: uuid }] };
  }
  return { request: { ...common, medicationReference: { reference: `Medication/med-${id}` } }, included: [medication] };
}

/** The names the list and the summary give the current medicines, each sorted. */
function names(records: readonly { request: Json; included: Json[] }[]) {
  const requests = records.map((record) => record.request) as unknown as MedicationRequest[];
  const included = records.flatMap((record) => record.included);
  const list = medicationsViewModel(
    {
      requests,
      statements: [],
      medications: included,
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: GP_AND_HOSPITAL,
    },
    { audience: 'clinician', now: NOW },
  );
  const summary = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...requests, ...included], {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
    organizations: GP_AND_HOSPITAL,
    medicationPreviewCount: 10,
  });
  return {
    listed: list.current.map((row) => row.name).sort(),
    summarised: summary.sections.medications.items.map((item) => item.name).sort(),
  };
}

describe('medicines sent only as a code', () => {
  for (const carry of ['inline', 'contained', 'included', 'bundle'] as const)
    test(`reported (${carry}): a dm+d code with no display and no text reads as "dm+d" and its code, not "Not known"`, () => {
      const { listed, summarised } = names([order('mr-1', { coding: [{ system: DMD, code: '319283006' }] }, carry)]);
      assert.deepEqual(listed, ['dm+d 319283006']);
      assert.deepEqual(summarised, listed);
    });

  test('two medicines sent only as different codes stay two medicines, each read as its code', () => {
    const { listed, summarised } = names([
      order('mr-1', { coding: [{ system: DMD, code: '319283006' }] }, 'inline'),
      order('mr-2', { coding: [{ system: DMD, code: '39732311000001104' }] }, 'inline'),
    ]);
    assert.deepEqual(listed, ['dm+d 319283006', 'dm+d 39732311000001104']);
    assert.deepEqual(summarised, listed);
  });

  test('reported: a Medication named as a transaction bundle names it (urn:uuid, as Synthea sends it) names the medicine', () => {
    const id = '8b0e3a9e-5f2c-4e1f-9a77-0d2b6f1c3e55';
    const included = order('mr-1', { text: 'Lisinopril 10mg tablets', coding: [{ system: SNOMED, code: '318888000' }] }, 'included');
    const request = { ...included.request, medicationReference: { reference: `urn:uuid:${id}` } };
    const medication = { ...included.included[0], id };
    const { listed, summarised } = names([{ request, included: [medication] }]);
    assert.deepEqual(listed, ['Lisinopril 10mg tablets']);
    assert.deepEqual(summarised, listed);
    // A urn:uuid that names no Medication sent is not some other medicine: its name was not read (reviewer R7).
    const { listed: unnamed } = names([
      {
        request: { ...request, medicationReference: { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' } },
        included: [medication],
      },
    ]);
    assert.deepEqual(unnamed, ['Name could not be read']);
  });

  test('a reference to a Medication that was not sent, with no display, says its name could not be read', () => {
    // Not "Not known": there is a medicine, and its Medication names it; this reader did not get it (reviewer R7).
    const missing = order('mr-1', { coding: [{ system: DMD, code: '319283006' }] }, 'included');
    const { listed, summarised } = names([{ request: missing.request, included: [] }]);
    assert.deepEqual(listed, ['Name could not be read']);
    assert.deepEqual(summarised, listed);
  });

  /** A coding as feeds send it, and what it says on its own: its display, else its code with its system's name. */
  const SYSTEMS = [
    [DMD, 'dm+d'],
    [`${DMD}/`, 'dm+d'],
    [SNOMED, 'SNOMED CT'],
    ['https://fhir.example-gp-system.uk/drug-codes', undefined],
    [undefined, undefined],
  ] as const;
  const coding = fc.record({
    system: fc.constantFrom(...SYSTEMS.map(([system]) => system)),
    code: fc.constantFrom('319283006', '39732311000001104', '42109611000001109', ' 318135000 ', undefined),
    display: fc.constantFrom(undefined, undefined, '', '  ', 'Amlodipine 5mg tablets', 'Metformin 500mg tablets'),
  });
  const concept = fc.record({
    text: fc.constantFrom(undefined, undefined, undefined, '', ' ', 'Paracetamol 500mg tablets'),
    coding: fc.array(coding, { maxLength: 3 }),
  });

  /** What a concept is called, by the rule stated at the top, worked out here without the SDK. */
  function expectedName(given: {
    text: string | undefined;
    coding: { system?: string | undefined; code?: string | undefined; display?: string | undefined }[];
  }): string {
    const words = [given.text, ...given.coding.map((one) => one.display)].map((value) => value?.trim()).find((value) => value);
    if (words) return words;
    const coded = given.coding.flatMap((one) => {
      const code = one.code?.trim();
      return code ? [{ code, system: SYSTEMS.find(([system]) => system === one.system)?.[1] }] : [];
    });
    const known = coded.find((one) => one.system !== undefined);
    return known ? `${known.system} ${known.code}` : (coded[0]?.code ?? 'Not known');
  }

  test(`property: ${RUNS} medicines, each however coded and carried — read by words, else by code, never "Not known" when coded`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(concept, fc.constantFrom<Carry>('inline', 'contained', 'included', 'bundle')), {
          minLength: 1,
          maxLength: 3,
        }),
        (medicines) => {
          const records = medicines.map(([given, carry], index) =>
            order(`mr-${index}`, { ...(given.text !== undefined ? { text: given.text } : {}), coding: given.coding }, carry),
          );
          const { listed, summarised } = names(records);
          assert.deepEqual(summarised, listed, 'the list and the summary name them alike');
          // A medicine sent only as a code is shown as its code unless another record shares a dm+d code with it (then it is
          // that medicine, named by that record's words): it is never joined to a medicine coded otherwise.
          const dmdOf = (given: (typeof medicines)[number][0]) =>
            new Set(
              given.coding.flatMap((one) =>
                (one.system?.startsWith(DMD) || one.system === SNOMED) && one.code?.trim() ? [one.code.trim()] : [],
              ),
            );
          medicines.forEach(([given], index) => {
            const name = expectedName(given);
            const words = [given.text, ...given.coding.map((one) => one.display)].some((value) => value?.trim());
            const shares = medicines.some(([other], at) => at !== index && [...dmdOf(given)].some((code) => dmdOf(other).has(code)));
            if (!words && !shares) assert.ok(listed.includes(name), `${name} is listed: ${JSON.stringify(listed)}`);
          });
        },
      ),
      { numRuns: RUNS, seed: seedOr(20261208) },
    );
  });
});
