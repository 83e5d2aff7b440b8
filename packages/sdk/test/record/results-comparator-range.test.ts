/**
 * A value given with a comparator (`<= 5`, `> 10`) is every value it allows,
 * and is only above or below the reference range when every one of them is:
 * `< 5` against 5 to 10 is below, `<= 5` could be 5 and is not known, `> 10`
 * is above, `>= 10` not known, `< 20` not known. A range's bounds are in it.
 * A range whose low bound is 0 is a floor (a concentration, count or rate is
 * never less): `< 5` against 0 to 5 is within it.
 * Where the laboratory gave its own interpretation, that stands.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, type ResultReading } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-1';
type Comparator = '<' | '<=' | '>' | '>=' | undefined;
type Placed = 'within' | 'above' | 'below' | 'not-known';

function reading(value: number, comparator: Comparator, range: { low?: number; high?: number }, interpretation?: string): ResultReading {
  const observation = {
    resourceType: 'Observation',
    id: 'ob-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Serum ferritin' },
    effectiveDateTime: '2026-10-01T09:00:00Z',
    valueQuantity: { value, unit: 'ug/L', ...(comparator ? { comparator } : {}) },
    referenceRange: [
      {
        ...(range.low === undefined ? {} : { low: { value: range.low, unit: 'ug/L' } }),
        ...(range.high === undefined ? {} : { high: { value: range.high, unit: 'ug/L' } }),
      },
    ],
    ...(interpretation
      ? {
          interpretation: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: interpretation }] },
          ],
        }
      : {}),
  } as unknown as Observation;
  const model = resultsViewModel(
    { observations: [observation], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience: 'clinician' },
  );
  const latest = model.tests[0]?.latest;
  assert.ok(latest, 'one reading');
  return latest;
}

/**
 * Where the values a comparator allows lie against the range, found from the
 * ends of the interval they make (a far-off value stands for an open end; a
 * low bound of 0 is the least value there can be): one place when both ends
 * are in it, else not known.
 */
function expected(value: number, comparator: Comparator, range: { low?: number; high?: number }): Placed {
  const NEAR = 1e-6;
  const FAR = 1e9;
  const least = (top: number): number => (range.low === 0 ? Math.min(0, top) : -FAR);
  const ends =
    comparator === '<'
      ? [value - NEAR, least(value - NEAR)]
      : comparator === '<='
        ? [value, least(value)]
        : comparator === '>'
          ? [value + NEAR, FAR]
          : comparator === '>='
            ? [value, FAR]
            : [value];
  const place = (point: number): Placed =>
    range.low !== undefined && point < range.low ? 'below' : range.high !== undefined && point > range.high ? 'above' : 'within';
  const places = new Set(ends.map(place));
  return places.size === 1 ? [...places][0]! : 'not-known';
}

const FLAG: Record<Placed, string | undefined> = { within: undefined, above: 'H', below: 'L', 'not-known': undefined };

describe('results: a value with a comparator against its reference range', () => {
  test('reported: "<= 5" against 5 to 10 is not flagged below, "Not known" instead', () => {
    const result = reading(5, '<=', { low: 5, high: 10 });
    assert.equal(result.position, 'not-known');
    assert.equal(result.flag, undefined);
    assert.equal(result.interpretation, 'Not known');
  });

  test('reported: ">= 10" against 5 to 10 is not flagged above, "Not known" instead', () => {
    const result = reading(10, '>=', { low: 5, high: 10 });
    assert.equal(result.position, 'not-known');
    assert.equal(result.flag, undefined);
  });

  test('reported: "< 5" is below and "> 10" above 5 to 10; "< 20" is not known', () => {
    assert.equal(reading(5, '<', { low: 5, high: 10 }).flag, 'L');
    assert.equal(reading(10, '>', { low: 5, high: 10 }).flag, 'H');
    assert.equal(reading(20, '<', { low: 5, high: 10 }).position, 'not-known');
  });

  test('reported: a CRP of "< 5" against 0 to 5 is within the range, not "Not known"', () => {
    const result = reading(5, '<', { low: 0, high: 5 });
    assert.equal(result.position, 'within');
    assert.equal(result.flag, undefined);
    assert.notEqual(result.interpretation, 'Not known');
  });

  const comparators: Comparator[] = [undefined, '<', '<=', '>', '>='];
  const values = [3, 5, 7, 10, 12];
  const ranges = [{ low: 5, high: 10 }, { low: 5 }, { high: 10 }];
  const interpretations = [undefined, 'N', 'H', 'L'] as const;
  const BY_CODE = { N: 'within', H: 'above', L: 'below' } as const;

  describe('matrix: comparator × where its value sits × range × the laboratory interpretation given or not', () => {
    for (const comparator of comparators)
      for (const value of values)
        for (const range of ranges)
          for (const code of interpretations) {
            const placed = code ? BY_CODE[code] : expected(value, comparator, range);
            const name = `${comparator ?? '='} ${value} against ${range.low ?? '…'} to ${range.high ?? '…'}, ${code ? `flagged ${code}` : 'no flag'}: ${placed}`;
            test(name, () => {
              const result = reading(value, comparator, range, code);
              assert.equal(result.position, placed);
              assert.equal(result.flag, code === 'N' ? undefined : (code ?? FLAG[placed]));
            });
          }
  });

  describe('matrix: a range from 0 is a floor; from below or above 0 it is not', () => {
    const floorValues = [-1, 0, 3, 5, 7];
    const floorRanges = [{ low: 0, high: 5 }, { low: 0 }, { low: -5, high: 5 }, { low: 2, high: 5 }];
    for (const comparator of comparators)
      for (const value of floorValues)
        for (const range of floorRanges) {
          const placed = expected(value, comparator, range);
          test(`${comparator ?? '='} ${value} against ${range.low} to ${range.high ?? '…'}: ${placed}`, () => {
            const result = reading(value, comparator, range);
            assert.equal(result.position, placed);
            assert.equal(result.flag, FLAG[placed]);
          });
        }
  });

  test('property: a reading is flagged above or below only when every value its comparator allows is', () => {
    const bound = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom<Comparator>(...comparators),
        bound,
        bound,
        (value, comparator, first, second) => {
          const [low, high] =
            first !== undefined && second !== undefined ? [Math.min(first, second), Math.max(first, second)] : [first, second];
          fc.pre(low !== undefined || high !== undefined);
          const range = { ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) };
          const result = reading(value, comparator, range);
          const placed = expected(value, comparator, range);
          assert.equal(result.position, placed, `${comparator ?? '='} ${value} against ${low ?? '…'} to ${high ?? '…'}`);
          assert.equal(result.flag, FLAG[placed]);
        },
      ),
      { seed: seedOr(20261207), numRuns: 500 },
    );
  });
});
