/**
 * Goals judged against readings: for any target (measure, value, unit,
 * comparator) and any readings, the latest reading is judged exactly as the
 * comparator says, only when the unit matches and a comparator is given;
 * otherwise nothing is judged. The sentence is calm whatever the reading,
 * and never says "met" for a reading that is not. Advice pages that fit the
 * record come first, and every page is offered.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  goalTarget,
  meetsTarget,
  orderAdvice,
  wellbeingViewModel,
  type AdvicePage,
  type Comparator,
  type Observation,
} from '../../src/index.js';

const MEASURES = [
  { code: '271649006', unit: 'mmHg', panel: true },
  { code: '271650006', unit: 'mmHg', panel: true },
  { code: '27113001', unit: 'kg', panel: false },
] as const;
const comparators: Comparator[] = ['<', '<=', '>=', '>'];
const ALARMING = /danger|dangerous|warning|urgent|alarm|!|bad|high risk|emergency/i;

function reading(code: string, value: number, unit: string, at: string, panel: boolean): Observation {
  const quantity = { value, unit };
  return (panel
    ? {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
        subject: { reference: 'Patient/p' },
        effectiveDateTime: at,
        component: [{ code: { coding: [{ system: 'http://snomed.info/sct', code }] }, valueQuantity: quantity }],
      }
    : {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://snomed.info/sct', code }] },
        subject: { reference: 'Patient/p' },
        effectiveDateTime: at,
        valueQuantity: quantity,
      }) as unknown as Observation;
}

describe('a goal judged by its readings', () => {
  test('any target and readings: judged as the comparator says, only when it can be', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MEASURES),
        fc.integer({ min: 40, max: 200 }),
        fc.option(fc.constantFrom(...comparators), { nil: undefined }),
        fc.array(
          fc.record({
            value: fc.double({ min: 30, max: 220, noNaN: true }).map((value) => Math.round(value * 10) / 10),
            day: fc.integer({ min: 1, max: 28 }),
            month: fc.integer({ min: 1, max: 12 }),
            otherUnit: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        (measure, target, comparator, drawn) => {
          const observations = drawn.map((item) =>
            reading(
              measure.code,
              item.value,
              item.otherUnit ? 'lb' : measure.unit,
              `2026-${String(item.month).padStart(2, '0')}-${String(item.day).padStart(2, '0')}T08:00:00Z`,
              measure.panel,
            ),
          );
          const result = goalTarget(
            {
              measure: { coding: [{ system: 'http://snomed.info/sct', code: measure.code }] },
              detailQuantity: { value: target, unit: measure.unit, ...(comparator ? { comparator } : {}) },
              dueDate: '2027-03-01',
            },
            observations,
          )!;
          assert.equal(result.readings.length, drawn.length, 'every reading of the measure is shown');
          const latest = [...result.readings].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
          const judgeable = latest !== undefined && comparator !== undefined && latest.unit === measure.unit;
          assert.equal(result.latestMeets, judgeable ? meetsTarget(latest.value, comparator, target) : undefined);
          assert.doesNotMatch(result.statement, ALARMING, result.statement);
          if (result.latestMeets === false) assert.doesNotMatch(result.statement, /meets this goal/);
          if (result.latestMeets === true) assert.match(result.statement, /meets this goal/);
          if (latest === undefined) assert.match(result.statement, /No readings yet/);
        },
      ),
      { numRuns: 5_000, seed: 61210 },
    );
  });

  test('comparators at their edges', () => {
    assert.deepEqual(
      comparators.map((comparator) => [comparator, meetsTarget(140, comparator, 140), meetsTarget(139.9, comparator, 140)]),
      [
        ['<', false, true],
        ['<=', true, true],
        ['>=', true, false],
        ['>', false, false],
      ],
    );
  });

  test('another patient’s reading is never used', () => {
    const mine = { ...reading('27113001', 72, 'kg', '2026-10-01T08:00:00Z', false), subject: { reference: 'Patient/p' } } as Observation;
    const theirs = {
      ...reading('27113001', 60, 'kg', '2026-11-01T08:00:00Z', false),
      subject: { reference: 'Patient/someone-else' },
    } as Observation;
    const model = wellbeingViewModel({
      patientId: 'p',
      plans: [],
      conditions: [],
      observations: [mine, theirs],
      notices: { withheld: false, unavailableSources: [] },
      goals: [
        {
          resourceType: 'Goal',
          id: 'g',
          lifecycleStatus: 'active',
          description: { text: 'Weight 70 kg or less' },
          subject: { reference: 'Patient/p' },
          target: [{ measure: { coding: [{ code: '27113001' }] }, detailQuantity: { value: 70, comparator: '<=', unit: 'kg' } }],
        },
      ],
    });
    const target = model.goals[0]!.targets[0]!;
    assert.deepEqual(
      target.readings.map((item) => item.value),
      [72],
    );
    assert.equal(target.latestMeets, false);
  });
});

describe('the library in the resident’s order', () => {
  const page = (id: string, codes: string[]): AdvicePage => ({
    id,
    title: id,
    summary: '',
    sections: [],
    helpsWith: codes.map((code) => ({ code, display: code })),
  });
  test('pages that fit come first, best fit first; none is dropped; the rest keep the library’s order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(['a', 'b', 'c', 'd']), { minLength: 1, maxLength: 9 }),
        fc.subarray(['a', 'b', 'c', 'd']),
        (helps, record) => {
          const pages = helps.map((codes, index) => page(`p${index}`, codes));
          const ordered = orderAdvice(pages, record);
          assert.deepEqual(new Set(ordered.map((item) => item.id)), new Set(pages.map((item) => item.id)));
          const fits = ordered.map((item) => item.fitsBecause.length);
          assert.deepEqual(
            fits,
            [...fits].sort((a, b) => b - a),
            'best fit first',
          );
          const rest = ordered.filter((item) => item.fitsBecause.length === 0).map((item) => item.id);
          assert.deepEqual(
            rest,
            pages.filter((item) => !item.helpsWith.some((coding) => record.includes(coding.code!))).map((item) => item.id),
          );
        },
      ),
      { seed: 61211 },
    );
  });
});
