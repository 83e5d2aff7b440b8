/**
 * A prescription's type as real exports spell it: the contract's
 * prescription-type extension (`Repeat`, `REPEAT_DISPENSING`) or
 * `courseOfTherapyType` (`Continuous`). Before, only the exact code was read,
 * so a repeat sent as `Repeat` was "Not known", lost its issue count and
 * review date, and sorted after the acutes.
 *
 * The property: each code × generated spellings × audience reads the same
 * row as the exact code, and the summary's headline counts it as the kind of
 * prescription the list types it (a repeat, an acute), by the same rule.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { MedicationRequest } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 20));
const PATIENT = 'pat-0001';
const TYPE_URL = 'https://care-record.example/StructureDefinition/prescription-type';

const request = (fields: object): MedicationRequest =>
  ({
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'active',
    intent: 'plan',
    subject: { reference: `Patient/${PATIENT}` },
    medicationCodeableConcept: { text: 'Metformin 500mg tablets' },
    authoredOn: '2026-10-01',
    ...fields,
  }) as unknown as MedicationRequest;

const rows = (resource: MedicationRequest, audience: RecordAudience) =>
  medicationsViewModel(
    {
      requests: [resource],
      statements: [],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map([['F83999', 'Tufnell Green Surgery']]),
    },
    { audience, now: '2026-12-06T09:00:00Z' },
  ).current;

/** The kind the summary counts a prescription as, for each type the list gives it. */
const KIND_OF_TYPE: Record<string, string> = { Acute: 'acute', Delayed: 'acute', Repeat: 'repeat', 'Repeat dispensing': 'repeat' };
const summaryKinds = (resource: MedicationRequest, audience: RecordAudience) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, resource], {
    audience,
    now: '2026-12-06T09:00:00Z',
    patientId: PATIENT,
  }).sections.medications.items.map((item) => item.kind);

const extension = (code: string) => ({ extension: [{ url: TYPE_URL, valueCoding: { code } }] });
const course = (code: string) => ({ courseOfTherapyType: { coding: [{ code }] } });

const spelling = (code: string): fc.Arbitrary<string> =>
  fc
    .record({
      upper: fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
      separator: fc.constantFrom('-', '_', ' ', ''),
      before: fc.constantFrom('', ' '),
      after: fc.constantFrom('', ' ', '\n'),
    })
    .map(
      ({ upper, separator, before, after }) =>
        before +
        [...code].map((letter, index) => (letter === '-' ? separator : upper[index] ? letter.toUpperCase() : letter)).join('') +
        after,
    );

const FORMS: [name: string, codes: readonly string[], place: (code: string) => object][] = [
  ['prescription-type extension', ['acute', 'repeat', 'repeat-dispensing', 'delayed-prescribing'], extension],
  ['courseOfTherapyType', ['acute', 'continuous', 'continuous-repeating-dispensing'], course],
];

describe('medicines: the prescription type however it is spelt', () => {
  test('reported: a repeat sent as "Repeat" is a repeat', () => {
    assert.equal(rows(request(extension('Repeat')), 'clinician')[0]?.type, 'Repeat');
  });

  test('reported: an acute sent as "Acute", a repeat as "Continuous", are counted so in the summary, as the list types them', () => {
    assert.deepEqual(summaryKinds(request(extension('Acute')), 'clinician'), ['acute']);
    assert.deepEqual(summaryKinds(request(course('Continuous')), 'clinician'), ['repeat']);
  });

  for (const [name, codes, place] of FORMS)
    test(`${name}: every spelling of each code is counted in the summary as the list types it`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...codes).chain((code) => fc.tuple(fc.constant(code), spelling(code))),
          fc.constantFrom<RecordAudience>('clinician', 'resident'),
          ([, spelt], audience) => {
            const resource = request(place(spelt));
            const listed = rows(resource, audience).map((row) => KIND_OF_TYPE[row.type] ?? 'other');
            assert.deepEqual(summaryKinds(resource, audience), listed, JSON.stringify(spelt));
          },
        ),
        { numRuns: RUNS, seed: seedOr(8900 + codes.length) },
      );
    });

  for (const [name, codes, place] of FORMS)
    test(`${name}: every spelling of each code reads as the code`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...codes).chain((code) => fc.tuple(fc.constant(code), spelling(code))),
          fc.constantFrom<RecordAudience>('clinician', 'resident'),
          ([code, spelt], audience) => {
            const exact = rows(request(place(code)), audience);
            assert.notEqual(exact[0]?.type, 'Not known');
            assert.deepEqual(rows(request(place(spelt)), audience), exact, JSON.stringify(spelt));
          },
        ),
        { numRuns: RUNS, seed: seedOr(8800 + codes.length) },
      );
    });
});
