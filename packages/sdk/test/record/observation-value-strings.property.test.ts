/**
 * Numbers and coded values as real exports send them. Some HL7 v2 to FHIR
 * converters write a quantity's value (and a range's bounds) as a JSON string,
 * `"4.2"`; some send a coded value with a code and no words.
 *
 * Reported: potassium sent as `{ value: "4.2" }` read "Not known", and its
 * range `{ low: { value: "3.5" } … }` read "No reference range", though both
 * were sent; a result coded SNOMED CT 260415000 with no display read "Not
 * known".
 *
 * The property: any decimal number sent as a string (with white space around
 * or not) reads exactly as the number, as a value, a range's bounds, a
 * component's value, a valueRange or a valueRatio; a string that is not a
 * plain decimal number is not read as one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 20));
const PATIENT = 'pat-1';

const observation = (fields: object): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Potassium', coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
    effectiveDateTime: '2026-11-01T10:00:00Z',
    ...fields,
  }) as unknown as Observation;

const view = (fields: object, audience: RecordAudience = 'clinician') =>
  JSON.parse(
    JSON.stringify(
      resultsViewModel(
        {
          observations: [observation(fields)],
          patientId: PATIENT,
          notices: { withheld: false, unavailableSources: [] },
          organizations: new Map([['RZ9', 'Hospital']]),
        },
        { audience },
      ),
    ),
  ) as { tests: { latest: { valueText: string; interpretation: string; range?: { text: string } } }[] };

/** Each place a number sits, given the number as sent. */
const PLACES: [name: string, place: (value: number | string | null) => object][] = [
  [
    'valueQuantity.value',
    (value) => ({ valueQuantity: { value, unit: 'mmol/L' }, referenceRange: [{ low: { value: 3.5 }, high: { value: 5.3 } }] }),
  ],
  [
    'referenceRange low',
    (value) => ({ valueQuantity: { value: 4.2, unit: 'mmol/L' }, referenceRange: [{ low: { value }, high: { value: 5.3 } }] }),
  ],
  [
    'referenceRange high',
    (value) => ({ valueQuantity: { value: 4.2, unit: 'mmol/L' }, referenceRange: [{ low: { value: 3.5 }, high: { value } }] }),
  ],
  ['component value', (value) => ({ component: [{ code: { text: 'Systolic' }, valueQuantity: { value, unit: 'mmHg' } }] })],
  ['valueRange low', (value) => ({ valueRange: { low: { value, unit: 'mg' }, high: { value: 9000, unit: 'mg' } } })],
  ['valueRatio numerator', (value) => ({ valueRatio: { numerator: { value }, denominator: { value: 80 } } })],
];

describe('results: numbers sent as strings, codes sent without words', () => {
  test('reported: potassium "4.2" with a range of "3.5" to "5.3" is 4.2 mmol/L, Normal', () => {
    const [test] = view({
      valueQuantity: { value: '4.2', unit: 'mmol/L' },
      referenceRange: [{ low: { value: '3.5' }, high: { value: '5.3' } }],
    }).tests;
    assert.equal(test?.latest.valueText, '4.2 mmol/L');
    assert.equal(test?.latest.interpretation, 'Normal');
    assert.equal(test?.latest.range?.text, '3.5–5.3 mmol/L');
  });

  test('reported: a value coded with no words says its code, not "Not known"', () => {
    const [test] = view({ valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '260415000' }] } }).tests;
    assert.equal(test?.latest.valueText, 'SNOMED CT 260415000');
  });

  for (const [name, place] of PLACES) {
    test(`${name}: a decimal number sent as a string reads as the number`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -1_000_000, max: 1_000_000 }).map((hundredths) => hundredths / 100),
          fc.constantFrom('', ' ', '\t'),
          fc.constantFrom<RecordAudience>('clinician', 'resident'),
          (number, space, audience) => {
            assert.deepEqual(view(place(`${space}${String(number)}${space}`), audience), view(place(number), audience));
          },
        ),
        { numRuns: RUNS, seed: seedOr(8900) },
      );
    });

    test(`${name}: a string that is not a plain decimal number reads as no number at all`, () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.constantFrom('4,2', '4.2.1', '<5', '1e3', 'NaN', 'Infinity', '0x10', '', ' ', '4.2 mmol/L', '+', '-', '.'),
            fc.string({ maxLength: 6 }),
          ),
          (sent) => {
            fc.pre(!/^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/.test(sent));
            assert.deepEqual(view(place(sent)), view(place(null)), JSON.stringify(sent));
          },
        ),
        { numRuns: RUNS, seed: seedOr(8950) },
      );
    });
  }
});
