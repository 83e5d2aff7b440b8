/**
 * Care plans and goals say what was recorded: a plan that is only proposed
 * or one option among several is not shown as an agreed, active plan; a plan
 * whose status the source does not know is shown as `Not known`, not hidden;
 * and a goal's target keeps its value in whatever form it was recorded
 * (a range, words, a coded value, a number), never just the measure.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';
const meta = { source: 'https://care-record.example/source/F83999' };
const subject = { reference: `Patient/${PATIENT}` };

const plan = (status: string, intent: string) => ({
  resourceType: 'CarePlan',
  id: `cp-${status}-${intent}`,
  meta,
  subject,
  status,
  intent,
  title: 'Falls prevention plan',
});

const plans = (resources: object[]) =>
  summaryViewModel(resources, { audience: 'clinician', now: NOW, patientId: PATIENT }).sections.carePlans.items.map((item) => [
    item.id,
    item.status,
  ]);

describe('care plans: status and intent', () => {
  test('an active plan that is only a proposal is "Proposed", not "Active"', () => {
    assert.deepEqual(plans([plan('active', 'proposal')]), [['cp-active-proposal', 'Proposed']]);
  });

  const CASES: [status: string, intent: string, shown: string | undefined][] = [
    ['active', 'plan', 'Active'],
    ['active', 'order', 'Active'],
    ['active', 'proposal', 'Proposed'],
    ['active', 'option', 'Option'],
    ['on-hold', 'plan', 'On hold'],
    ['on-hold', 'proposal', 'Proposed'],
    ['unknown', 'plan', 'Not known'],
    ['active', 'an-intent-r4-does-not-have', 'Not known'],
    ['draft', 'plan', undefined],
    ['revoked', 'plan', undefined],
    ['completed', 'plan', undefined],
    ['entered-in-error', 'plan', undefined],
    ['entered-in-error', 'proposal', undefined],
  ];
  for (const [status, intent, shown] of CASES)
    test(`status ${status}, intent ${intent}: ${shown ?? 'not shown'}`, () => {
      assert.deepEqual(plans([plan(status, intent)]), shown ? [[`cp-${status}-${intent}`, shown]] : []);
    });

  test('property: a plan is "Active" only when it is active and agreed (a plan or an order); one of unknown status is shown', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown', 'x'),
        fc.constantFrom('proposal', 'plan', 'order', 'option', 'directive', 'x'),
        (status, intent) => {
          const [shown] = plans([plan(status, intent)]);
          if (shown?.[1] === 'Active') assert.ok(status === 'active' && ['plan', 'order', 'directive'].includes(intent));
          if (status === 'unknown') assert.ok(shown && shown[1] !== 'Active', 'a plan of unknown status is shown, and not as active');
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 500), seed: seedOr(7401) },
    );
  });
});

const goal = (target: object) => ({
  resourceType: 'Goal',
  id: 'goal-1',
  meta,
  subject,
  lifecycleStatus: 'active',
  description: { text: 'Keep well' },
  target: [{ measure: { text: 'Measure' }, ...target }],
});
const targets = (target: object) =>
  summaryViewModel([goal(target)], { audience: 'clinician', now: NOW, patientId: PATIENT }).sections.goals.items[0]?.targets;

describe('goals: a target as recorded', () => {
  const CASES: [name: string, target: object, shown: string][] = [
    ['a quantity below', { detailQuantity: { value: 140, comparator: '<', unit: 'mm[Hg]' } }, 'Measure below 140 mmHg'],
    [
      'a range',
      { detailRange: { low: { value: 48, unit: 'mmol/mol' }, high: { value: 58, unit: 'mmol/mol' } } },
      'Measure 48 to 58 mmol/mol',
    ],
    ['a range open above', { detailRange: { low: { value: 150, unit: 'min/wk' } } }, 'Measure 150 min/wk or more'],
    ['words', { detailString: 'Walk to the shops unaided' }, 'Measure: Walk to the shops unaided'],
    ['a coded value', { detailCodeableConcept: { text: 'Non-smoker' } }, 'Measure: Non-smoker'],
    ['a whole number', { detailInteger: 3 }, 'Measure 3'],
    ['yes or no', { detailBoolean: true }, 'Measure: Yes'],
    ['a ratio', { detailRatio: { numerator: { value: 1 }, denominator: { value: 2 } } }, 'Measure 1:2'],
    ['no detail', {}, 'Measure'],
  ];
  for (const [name, target, shown] of CASES)
    test(`${name}: "${shown}"`, () => {
      assert.deepEqual(targets(target), [shown]);
    });

  test('property: a target with a value in any form shows more than the measure', () => {
    const detail = fc.oneof(
      fc.integer({ min: 0, max: 500 }).map((value) => ({ detailQuantity: { value, unit: 'kg' } })),
      fc.integer({ min: 0, max: 500 }).map((value) => ({ detailRange: { high: { value, unit: 'kg' } } })),
      fc.integer({ min: 0, max: 500 }).map((value) => ({ detailRange: { low: { value } } })),
      fc.constantFrom('Independent', 'Able to dress', 'x').map((words) => ({ detailString: words })),
      fc.constantFrom('Non-smoker', 'Abstinent').map((words) => ({ detailCodeableConcept: { coding: [{ display: words }] } })),
      fc.integer({ min: 0, max: 20 }).map((value) => ({ detailInteger: value })),
      fc.boolean().map((value) => ({ detailBoolean: value })),
    );
    fc.assert(
      fc.property(detail, (target) => {
        const [shown] = targets(target) ?? [];
        assert.ok(shown && shown.length > 'Measure'.length, `${JSON.stringify(target)} shows ${JSON.stringify(shown)}`);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(7402) },
    );
  });
});
