/**
 * A test's unit is shown as its readings show theirs. Reported: a blood
 * pressure test whose quantities carried the UCUM code `mm[Hg]` was headed
 * `mm[Hg]` while each of its readings said `126 mmHg`: the test was named by
 * the code it was grouped under, the readings by the one rule (`unitOf`: the
 * source's words, else the code as people write it, else the code as sent).
 *
 * The property: any quantity of unit words / UCUM code / system (one, both,
 * neither; UCUM or another system), as a single value with a range or as
 * blood pressure components, over several readings: the test's unit, every
 * reading's value text and the range text say the same unit, and it is the
 * one rule's answer, never a raw UCUM code where people write it otherwise.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 20));
const PATIENT = 'pat-1';
const UCUM = 'http://unitsofmeasure.org';

/** UCUM codes with how people write them, and codes people write as they are. */
const CODES: readonly [string, string][] = [
  ['mm[Hg]', 'mmHg'],
  ['10*9/L', '×10⁹/L'],
  ['Cel', '°C'],
  ['kg', 'kg'],
  ['%', '%'],
  ['/min', '/min'],
  ['mmol/L', 'mmol/L'],
];

const unitArbitrary = fc.record({
  code: fc.constantFrom(...CODES),
  words: fc.option(fc.constantFrom('mmHg', 'mm Hg', 'beats per minute', 'mmol/L'), { nil: undefined }),
  system: fc.constantFrom(UCUM, undefined, 'http://example.org/units'),
  withCode: fc.boolean(),
});
type Unit = { code: [string, string]; words: string | undefined; system: string | undefined; withCode: boolean };

const quantityOf = (value: number, unit: Unit) => ({
  value,
  ...(unit.words ? { unit: unit.words } : {}),
  ...(unit.withCode ? { code: unit.code[0], ...(unit.system ? { system: unit.system } : {}) } : {}),
});
/** The one rule: the words when given, else a UCUM code as people write it, else the code as sent. */
const expected = (unit: Unit): string | undefined =>
  unit.words ?? (unit.withCode ? (unit.system === undefined || unit.system === UCUM ? unit.code[1] : unit.code[0]) : undefined);

const observation = (id: string, day: number, fields: object): Observation =>
  ({
    resourceType: 'Observation',
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    category: [{ coding: [{ code: 'vital-signs' }] }],
    effectiveDateTime: `2026-11-${String(day).padStart(2, '0')}T10:00:00Z`,
    ...fields,
  }) as unknown as Observation;

const view = (observations: Observation[]) =>
  resultsViewModel(
    { observations, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience: 'clinician' },
  );

test('reported: blood pressure in mm[Hg] is headed mmHg, as its readings say', () => {
  const mmHg = { system: UCUM, code: 'mm[Hg]' };
  const model = view([
    observation('bp', 1, {
      code: { text: 'Blood pressure', coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      component: [
        { code: { text: 'Systolic', coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 126, ...mmHg } },
        { code: { text: 'Diastolic', coding: [{ system: 'http://loinc.org', code: '8462-4' }] }, valueQuantity: { value: 82, ...mmHg } },
      ],
    }),
  ]);
  assert.ok(model.tests.length > 0);
  for (const shown of model.tests) {
    assert.equal(shown.unit, 'mmHg', shown.name);
    for (const reading of shown.readings) assert.match(reading.valueText, / mmHg$/);
  }
});

test(`property: ${RUNS} tests × unit words / codes / systems — the test, each reading and the range say one unit`, () => {
  fc.assert(
    fc.property(
      unitArbitrary,
      fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      (unit, values, components) => {
        const want = expected(unit);
        const observations = values.map((value, index) =>
          components
            ? observation(`o${index}`, index + 1, {
                code: { text: 'Blood pressure', coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
                component: [
                  {
                    code: { text: 'Systolic', coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
                    valueQuantity: quantityOf(value, unit),
                  },
                  {
                    code: { text: 'Diastolic', coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
                    valueQuantity: quantityOf(value / 2, unit),
                  },
                ],
              })
            : observation(`o${index}`, index + 1, {
                code: { text: 'Pulse', coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
                valueQuantity: quantityOf(value, unit),
                referenceRange: [{ low: quantityOf(60, unit), high: quantityOf(100, unit) }],
              }),
        );
        const model = view(observations);
        assert.ok(model.tests.length > 0);
        for (const shown of model.tests) {
          assert.equal(shown.unit, want, `${shown.name}: test unit`);
          for (const reading of shown.readings) {
            if (want === undefined) assert.match(reading.valueText, /^[\d.]+$/);
            else assert.ok(reading.valueText.endsWith(` ${want}`), `${reading.valueText} / ${want}`);
            if (reading.range && want !== undefined) assert.ok(reading.range.text.endsWith(` ${want}`), `${reading.range.text} / ${want}`);
          }
          if (shown.range && want !== undefined) assert.ok(shown.range.text.endsWith(` ${want}`), shown.range.text);
        }
      },
    ),
    { numRuns: RUNS, seed: seedOr(20_261_207) },
  );
});
