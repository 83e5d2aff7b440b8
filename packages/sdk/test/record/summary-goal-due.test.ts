/**
 * When a goal is due for review: the target due first, a date of any
 * precision lasting to the end of the day, month or year it names on the UK
 * calendar. A goal with any target past its due date is overdue — a target
 * due "in 2026" never hides one due yesterday because `2026` sorts before
 * `2026-11-27` as text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-1';
const NOW = '2026-11-28T09:30:00Z'; // GMT: the UK day is 28 November

const goalOf = (dues: string[]) =>
  summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      {
        resourceType: 'Goal',
        id: 'g1',
        lifecycleStatus: 'active',
        subject: { reference: `Patient/${PATIENT}` },
        description: { text: 'Walk to the shops' },
        target: dues.map((dueDate) => ({ measure: { text: 'Distance walked' }, dueDate })),
      },
    ],
    { audience: 'clinician', now: NOW, patientId: PATIENT },
  ).sections.goals.items[0];

/** Due dates, the last UK day each covers, and how the summary writes each. */
const DUES = {
  '2025': { last: '2025-12-31', shown: '2025' },
  '2026': { last: '2026-12-31', shown: '2026' },
  '2027': { last: '2027-12-31', shown: '2027' },
  '2026-10': { last: '2026-10-31', shown: 'Oct-2026' },
  '2026-11': { last: '2026-11-30', shown: 'Nov-2026' },
  '2026-12': { last: '2026-12-31', shown: 'Dec-2026' },
  '2026-11-27': { last: '2026-11-27', shown: '27-Nov-2026' },
  '2026-11-28': { last: '2026-11-28', shown: '28-Nov-2026' },
  '2026-11-29': { last: '2026-11-29', shown: '29-Nov-2026' },
  '2027-02-01': { last: '2027-02-01', shown: '01-Feb-2027' },
} as const;
type Due = keyof typeof DUES;

describe('goals: when due for review, over targets of any precision', () => {
  test('reported: a target due yesterday is overdue beside one due in 2026', () => {
    const goal = goalOf(['2026', '2026-11-27']);
    assert.deepEqual([goal?.reviewDate, goal?.reviewOverdue], ['27-Nov-2026', true]);
  });

  test('goals are listed first due first: one due yesterday before one due in 2026, undated last', () => {
    const goal = (id: string, dueDate: string | undefined) => ({
      resourceType: 'Goal',
      id,
      lifecycleStatus: 'active',
      subject: { reference: `Patient/${PATIENT}` },
      description: { text: `Goal ${id}` },
      target: [{ measure: { text: 'Distance walked' }, ...(dueDate ? { dueDate } : {}) }],
    });
    const items = summaryViewModel(
      [{ resourceType: 'Patient', id: PATIENT }, goal('a-undated', undefined), goal('b-year', '2026'), goal('c-day', '2026-11-27')],
      { audience: 'clinician', now: NOW, patientId: PATIENT },
    ).sections.goals.items;
    assert.deepEqual(
      items.map((item) => item.id),
      ['c-day', 'b-year', 'a-undated'],
    );
  });

  test(`property: ${RUNS} sets of due dates — the first due shown, overdue when any has passed`, () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...(Object.keys(DUES) as Due[])), { minLength: 1, maxLength: 4 }), (dues) => {
        const goal = goalOf(dues);
        const first = Math.min(...dues.map((due) => Date.parse(DUES[due].last)));
        const firstShown = dues.filter((due) => Date.parse(DUES[due].last) === first).map((due): string => DUES[due].shown);
        assert.ok(firstShown.includes(goal!.reviewDate), `${goal?.reviewDate} for ${dues.join(', ')}`);
        assert.equal(
          goal?.reviewOverdue,
          dues.some((due) => DUES[due].last < '2026-11-28'),
          dues.join(', '),
        );
      }),
      { numRuns: RUNS, seed: seedOr(20261214) },
    );
  });
});
