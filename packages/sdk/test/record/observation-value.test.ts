/**
 * An Observation's value reads the same on the timeline as in the results
 * view: a bound (`< 5 mmol/L`) keeps its comparator, a range or ratio keeps
 * its unit, a value in any of FHIR's forms is shown, and a value recorded as
 * absent says `Not known` rather than nothing. A panel (a blood pressure)
 * shows every component as the results view reads it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, timelineViewModel, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const organizations = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);
const meta = { source: 'https://care-record.example/source/RZ9' };

const observation = (id: string, value: Record<string, unknown>): Observation =>
  ({
    resourceType: 'Observation',
    id,
    meta,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { text: 'Test' },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: '2026-11-01T09:00:00Z',
    ...value,
  }) as unknown as Observation;

function timelineDetail(resource: Observation): string | undefined {
  const view = timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations },
    { audience: 'clinician', now: '2026-11-28T09:00:00Z' },
  );
  const events: TimelineEvent[] = view.days.flatMap((day) => day.events);
  assert.equal(events.length, 1);
  return events[0]?.detail;
}

function resultTexts(resource: Observation): string[] {
  const view = resultsViewModel(
    { observations: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience: 'clinician' },
  );
  return view.tests.flatMap((test) => test.readings.map((reading) => reading.valueText));
}

const SINGLE_VALUES: [name: string, value: Record<string, unknown>, shown: string][] = [
  ['a quantity below a bound', { valueQuantity: { value: 5, comparator: '<', unit: 'mmol/L' } }, '< 5 mmol/L'],
  ['a quantity at most a bound', { valueQuantity: { value: 5, comparator: '<=', unit: 'mmol/L' } }, '<= 5 mmol/L'],
  ['a quantity at least a bound', { valueQuantity: { value: 90, comparator: '>=', unit: 'mL/min' } }, '>= 90 mL/min'],
  ['a quantity above a bound', { valueQuantity: { value: 90, comparator: '>', unit: 'mL/min/1.73m2' } }, '> 90 mL/min/1.73m2'],
  ['a plain quantity', { valueQuantity: { value: 4.2, unit: 'mmol/L' } }, '4.2 mmol/L'],
  ['a quantity with floating-point noise', { valueQuantity: { value: 0.1 + 0.2, unit: 'g/L' } }, '0.3 g/L'],
  ['a whole number', { valueInteger: 3 }, '3'],
  ['words', { valueString: 'Not detected' }, 'Not detected'],
  ['a coded value', { valueCodeableConcept: { text: 'Positive' } }, 'Positive'],
  ['a yes or no', { valueBoolean: false }, 'No'],
  ['a range with a unit', { valueRange: { low: { value: 2, unit: 'mg' }, high: { value: 4, unit: 'mg' } } }, '2 to 4 mg'],
  ['a range open above', { valueRange: { low: { value: 10, unit: 'ng/mL' } } }, '10 ng/mL or more'],
  ['a titre', { valueRatio: { numerator: { value: 1 }, denominator: { value: 80 } } }, '1:80'],
  ['a ratio with units', { valueRatio: { numerator: { value: 5, unit: 'mg' }, denominator: { value: 1, unit: 'mL' } } }, '5 mg/1 mL'],
  ['a value recorded as absent', { dataAbsentReason: { coding: [{ code: 'error' }], text: 'Error' } }, 'Not known (Error)'],
];

describe('timeline: an Observation value as recorded', () => {
  test('a potassium of "< 5 mmol/L" is not shown as "5 mmol/L"', () => {
    assert.equal(timelineDetail(observation('k', { valueQuantity: { value: 5, comparator: '<', unit: 'mmol/L' } })), '< 5 mmol/L');
  });

  for (const [name, value, shown] of SINGLE_VALUES)
    test(`${name}: the timeline shows "${shown}", as the results view does`, () => {
      const resource = observation('one', value);
      assert.deepEqual(resultTexts(resource), [shown]);
      assert.equal(timelineDetail(resource), shown);
    });

  test('a blood pressure with a diastolic "< 60 mmHg" does not read as "145/60 mmHg"', () => {
    const detail = timelineDetail(
      observation('bp', {
        code: { text: 'Blood pressure' },
        component: [
          { code: { text: 'Systolic' }, valueQuantity: { value: 145, unit: 'mmHg' } },
          { code: { text: 'Diastolic' }, valueQuantity: { value: 60, comparator: '<', unit: 'mmHg' } },
        ],
      }),
    );
    assert.equal(detail, 'Systolic 145 mmHg; Diastolic < 60 mmHg');
  });

  test('a blood pressure missing its diastolic says so, rather than showing no value', () => {
    const detail = timelineDetail(
      observation('bp', {
        code: { text: 'Blood pressure' },
        component: [
          { code: { text: 'Systolic' }, valueQuantity: { value: 145, unit: 'mmHg' } },
          { code: { text: 'Diastolic' }, dataAbsentReason: { text: 'Error' } },
        ],
      }),
    );
    assert.equal(detail, 'Systolic 145 mmHg; Diastolic Not known (Error)');
  });

  test('a whole blood pressure still reads "145/79 mmHg"', () => {
    const detail = timelineDetail(
      observation('bp', {
        code: { text: 'Blood pressure' },
        component: [
          { code: { text: 'Systolic' }, valueQuantity: { value: 145, unit: 'mmHg' } },
          { code: { text: 'Diastolic' }, valueQuantity: { value: 79, unit: 'mmHg' } },
        ],
      }),
    );
    assert.equal(detail, '145/79 mmHg');
  });
});

const comparator = fc.option(fc.constantFrom('<', '<=', '>=', '>'), { nil: undefined });
const unit = fc.option(fc.constantFrom('mmHg', 'mmol/L', 'kg', '%'), { nil: undefined });
const quantity = fc
  .record({ value: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.double({ min: 0, max: 50, noNaN: true })), comparator, unit })
  .map(({ value, comparator: bound, unit: written }) => ({
    value,
    ...(bound ? { comparator: bound } : {}),
    ...(written ? { unit: written } : {}),
  }));
const componentValue = fc.oneof(
  { weight: 6, arbitrary: quantity.map((valueQuantity) => ({ valueQuantity })) },
  { weight: 1, arbitrary: fc.constant({ dataAbsentReason: { text: 'Error' } }) },
  { weight: 1, arbitrary: fc.constantFrom({ valueString: 'Too low to measure' }, { valueInteger: 7 }) },
);

describe('timeline: property, any value or panel of values', () => {
  test('a single value reads on the timeline exactly as in the results view', () => {
    fc.assert(
      fc.property(quantity, (valueQuantity) => {
        const resource = observation('one', { valueQuantity });
        const [shown] = resultTexts(resource);
        assert.equal(timelineDetail(resource), shown);
      }),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(7101) },
    );
  });

  test('a panel shows each component as the results view does, or the plain "a/b unit" only when every part is plain', () => {
    fc.assert(
      fc.property(fc.array(componentValue, { minLength: 1, maxLength: 3 }), (values) => {
        const resource = observation('panel', {
          code: { text: 'Panel' },
          component: values.map((value, index) => ({ code: { text: `Part ${index + 1}` }, ...value })),
        });
        const detail = timelineDetail(resource) ?? '';
        const texts = resultTexts(resource);
        const plain = values.every((value) => 'valueQuantity' in value && value.valueQuantity.comparator === undefined);
        const units = new Set(values.map((value) => ('valueQuantity' in value ? value.valueQuantity.unit : undefined)));
        if (plain && units.size === 1) {
          const [written] = units;
          const numbers = texts.map((text) => (written ? text.slice(0, -written.length - 1) : text));
          assert.equal(detail, `${numbers.join('/')}${written ? ` ${written}` : ''}`);
        } else for (const text of texts) assert.ok(detail.includes(text), `${JSON.stringify(detail)} shows ${JSON.stringify(text)}`);
      }),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(7102) },
    );
  });
});
