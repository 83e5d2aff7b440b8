/**
 * A value given as a limit (`< 5 mmol/L`, `> 90 mL/min/1.73m2`) is not a
 * measurement at that value: a reading says which way the true value lies,
 * in words a screen reader speaks, and a value with no direction (`ad`) is
 * never put on the chart at all.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience, type ResultTest } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-1';

function crp(id: string, day: number, quantity: Record<string, unknown>): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'C-reactive protein', coding: [{ system: 'http://loinc.org', code: '1988-5' }] },
    effectiveDateTime: `2026-10-${String(day).padStart(2, '0')}T09:00:00Z`,
    valueQuantity: { unit: 'mg/L', ...quantity },
    referenceRange: [{ high: { value: 10, unit: 'mg/L' } }],
  } as unknown as Observation;
}

const testOf = (observations: Observation[], audience: RecordAudience = 'clinician'): ResultTest => {
  const model = resultsViewModel(
    {
      observations,
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map([['RZ9', 'Hospital']]),
    },
    { audience },
  );
  assert.equal(model.tests.length, 1);
  return model.tests[0]!;
};

const COMPARATORS = [
  { comparator: undefined, limit: undefined, plotted: true, words: '4 mg/L' },
  { comparator: '<', limit: 'upper', plotted: true, words: 'less than 4 mg/L' },
  { comparator: '<=', limit: 'upper', plotted: true, words: '4 mg/L or less' },
  { comparator: '>', limit: 'lower', plotted: true, words: 'more than 4 mg/L' },
  { comparator: '>=', limit: 'lower', plotted: true, words: '4 mg/L or more' },
  { comparator: 'ad', limit: undefined, plotted: false, words: 'enough to reach 4 mg/L' },
] as const;

describe('results: a value given as a limit', () => {
  test('reported: CRP "< 5" is a limit below which the value lies, said in words', () => {
    const result = testOf([crp('a', 1, { value: 12 }), crp('b', 8, { value: 5, comparator: '<' })]);
    assert.equal(result.latest.valueText, '< 5 mg/L');
    assert.equal(result.latest.limit, 'upper');
    assert.match(result.latest.description, /^C-reactive protein less than 5 mg\/L on /);
    assert.equal(result.readings[0]!.limit, undefined);
  });

  for (const audience of ['clinician', 'resident'] as const)
    for (const { comparator, limit, plotted, words } of COMPARATORS)
      test(`${audience}: comparator ${comparator ?? 'none'}: limit ${limit ?? 'none'}, ${plotted ? 'plotted' : 'not plotted'}, "${words}"`, () => {
        const reading = testOf([crp('a', 1, { value: 4, ...(comparator ? { comparator } : {}) })], audience).latest;
        assert.equal(reading.limit, limit);
        assert.equal(reading.description.startsWith(`C-reactive protein ${words} on `), true, reading.description);
        const result = testOf([crp('a', 1, { value: 4, ...(comparator ? { comparator } : {}) }), crp('b', 2, { value: 3 })], audience);
        assert.deepEqual(
          result.plotted.map((one) => one.id),
          plotted ? ['Observation/a', 'Observation/b'] : ['Observation/b'],
        );
      });

  test('property: every plotted reading is exact or a limit with a direction, and its spoken words never carry the symbol', () => {
    const quantity = fc.record(
      {
        value: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 50, noNaN: true })),
        comparator: fc.constantFrom('<', '<=', '>', '>=', 'ad', ' < ', 'lt'),
      },
      { requiredKeys: ['value'] },
    );
    fc.assert(
      fc.property(fc.array(quantity, { minLength: 1, maxLength: 6 }), (quantities) => {
        const result = testOf(quantities.map((one, index) => crp(`o${index}`, index + 1, one)));
        for (const reading of result.readings) {
          const { comparator } = quantities[Number(reading.id.slice('Observation/o'.length))]!;
          const plotted = result.plotted.includes(reading);
          if (comparator === undefined) assert.equal(plotted && reading.limit === undefined, true);
          else if (plotted) assert.notEqual(reading.limit, undefined, `${comparator} plotted as exact`);
          assert.doesNotMatch(reading.description.replace(/^C-reactive protein /, ''), /^[<>]/);
        }
      }),
      { numRuns: 300, seed: seedOr(7811) },
    );
  });
});

describe('results: a reading dated only to the month or year', () => {
  const dated = (id: string, effectiveDateTime: string, value: number): Observation =>
    ({ ...crp(id, 1, { value }), effectiveDateTime }) as Observation;

  test('reported: a CRP dated "2026" is not drawn at 1 January 2026', () => {
    const result = testOf([dated('a', '2026-10-01T09:00:00Z', 12), dated('b', '2026', 30), dated('c', '2026-10-08T09:00:00Z', 8)]);
    assert.deepEqual(
      result.plotted.map((reading) => reading.id),
      ['Observation/a', 'Observation/c'],
    );
    assert.equal(result.readings.length, 3, 'still listed, with the date as recorded');
    assert.equal(result.readings.find((reading) => reading.id === 'Observation/b')?.date, '2026');
  });

  for (const [when, effective, plotted] of [
    ['a year', '2026', false],
    ['a month', '2026-09', false],
    ['a day', '2026-09-14', true],
    ['a time with a zone', '2026-09-14T08:30:00+01:00', true],
    ['a time without a zone', '2026-09-14T08:30:00', true],
  ] as const)
    test(`dated to ${when}: ${plotted ? 'plotted' : 'listed, not plotted'}`, () => {
      const result = testOf([dated('a', '2026-10-01T09:00:00Z', 12), dated('b', effective, 30)]);
      assert.equal(
        result.plotted.some((reading) => reading.id === 'Observation/b'),
        plotted,
      );
      assert.equal(result.readings.length, 2);
    });
});
