/**
 * A service or a care plan whose period starts after today is listed, but
 * never as if it had begun: "Since" and "Started" are not said of a date to
 * come. The same rule as an alert not yet in force.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel, type SummaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const subject = { reference: `Patient/${PATIENT}` };
const meta = { source: 'https://care-record.example/source/LA999' };
const NOW = '2026-11-28T09:30:00Z';

const summaryOf = (resources: Record<string, unknown>[], audience: 'clinician' | 'resident' = 'clinician'): SummaryViewModel =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources.map((resource) => ({ meta, ...resource }))], {
    audience,
    now: NOW,
    patientId: PATIENT,
  });

const episode = (id: string, start: string | undefined) => ({
  resourceType: 'EpisodeOfCare',
  id,
  status: 'active',
  patient: subject,
  type: [{ text: `Reablement ${id}` }],
  ...(start ? { period: { start } } : {}),
});
const plan = (id: string, start: string | undefined) => ({
  resourceType: 'CarePlan',
  id,
  status: 'active',
  intent: 'plan',
  subject,
  title: `Support plan ${id}`,
  ...(start ? { period: { start } } : {}),
});

const STARTS = {
  'last year': { start: '2025-04-01', later: false },
  'this morning': { start: '2026-11-28T08:00:00Z', later: false },
  today: { start: '2026-11-28', later: false },
  'this month (a month only)': { start: '2026-11', later: false },
  'later today': { start: '2026-11-28T17:00:00Z', later: true },
  tomorrow: { start: '2026-11-29', later: true },
  'next month (a month only)': { start: '2026-12', later: true },
  'next year (a year only)': { start: '2027', later: true },
  'not recorded': { start: undefined, later: false },
  unreadable: { start: 'soon', later: false },
} as const;

describe('summary: a service or plan that has not started yet', () => {
  test('reported: reablement starting next month is not a service involved "since" then', () => {
    const [item] = summaryOf([episode('e1', '2026-12-14')]).sections.involvement.items;
    assert.deepEqual([item?.service, item?.notYetStarted, item?.since], ['Reablement e1', true, '14-Dec-2026']);
  });

  for (const audience of ['clinician', 'resident'] as const)
    for (const [when, { start, later }] of Object.entries(STARTS)) {
      test(`${audience}: a service starting ${when}: ${later ? 'not yet started' : 'involved'}`, () => {
        const items = summaryOf([episode('e1', start)], audience).sections.involvement.items;
        assert.equal(items.length, 1);
        assert.equal(items[0]?.notYetStarted, later);
      });
      test(`${audience}: a care plan starting ${when}: ${later ? 'not yet started' : 'in force'}`, () => {
        const items = summaryOf([plan('p1', start)], audience).sections.carePlans.items;
        assert.equal(items.length, 1);
        assert.equal(items[0]?.notYetStarted, later);
      });
    }

  test('those that have started come first', () => {
    const model = summaryOf([
      episode('later', '2027-01-04'),
      episode('now', '2024-02-01'),
      plan('later', '2027-01-04'),
      plan('now', '2024-02-01'),
    ]);
    assert.deepEqual(
      model.sections.involvement.items.map((item) => item.notYetStarted),
      [false, true],
    );
    assert.deepEqual(
      model.sections.carePlans.items.map((item) => item.notYetStarted),
      [false, true],
    );
  });
});
