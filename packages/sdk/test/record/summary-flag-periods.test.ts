import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel, type FlagItem, type SummaryOptions } from '../../src/record/index.js';

// Whether an alert is in force is read from its status and its period together:
// only an active Flag whose period has begun and not ended is a current alert.
const NOW = '2026-11-28T09:30:12Z';
const PATIENT = 'pat-0001';
const subject = { reference: `Patient/${PATIENT}` };

const PERIODS = {
  past: { start: '2024-01-01', end: '2025-06-30' },
  current: { start: '2025-01-01', end: '2027-01-01' },
  future: { start: '2026-12-13', end: '2027-06-30' },
  'future, open-ended': { start: '2027' },
  'started, open-ended': { start: '2025-03-04T10:00:00Z' },
  'ends today': { start: '2025-01-01', end: '2026-11-28' },
  'starts later today': { start: '2026-11-28T17:00:00Z' },
  'started this month': { start: '2026-11' },
  'ended earlier today': { start: '2025-01-01', end: '2026-11-28T08:00:00Z' },
  'end only, past': { end: '2025-01-01' },
  'end only, future': { end: '2027-01-01' },
  absent: undefined,
} as const;
type PeriodCase = keyof typeof PERIODS;

const ENDED: ReadonlySet<PeriodCase> = new Set(['past', 'ended earlier today', 'end only, past']);
const NOT_YET: ReadonlySet<PeriodCase> = new Set(['future', 'future, open-ended', 'starts later today']);
const STATUSES = ['active', 'inactive', 'entered-in-error'] as const;
const KINDS = {
  alert: { coding: [{ system: 'https://care-record.example/CodeSystem/alert', code: 'violence' }], text: 'Risk of violence' },
  legal: { coding: [{ system: 'https://care-record.example/CodeSystem/alert', code: 'dols-authorised' }], text: 'DoLS authorised' },
} as const;

const flagFor = (status: string, period: PeriodCase, kind: keyof typeof KINDS) => ({
  resourceType: 'Flag',
  id: 'flag-1',
  status,
  code: KINDS[kind],
  subject,
  ...(PERIODS[period] ? { period: PERIODS[period] } : {}),
});

const itemsOf = (status: string, period: PeriodCase, kind: keyof typeof KINDS, options: SummaryOptions): FlagItem[] => {
  const model = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, flagFor(status, period, kind)], options);
  return kind === 'alert' ? model.sections.alerts.items : model.sections.legal.items;
};

describe('alerts and legal information: every status beside every period', () => {
  for (const audience of ['clinician', 'resident'] as const) {
    const options: SummaryOptions = { audience, now: NOW, patientId: PATIENT };
    for (const kind of Object.keys(KINDS) as (keyof typeof KINDS)[])
      for (const status of STATUSES)
        for (const period of Object.keys(PERIODS) as PeriodCase[]) {
          const listed = status === 'active' && !ENDED.has(period);
          const notYet = listed && NOT_YET.has(period);
          test(`${audience}: ${kind}, ${status}, period ${period}: ${listed ? (notYet ? 'listed as not yet in force' : 'listed as current') : 'not listed'}`, () => {
            const items = itemsOf(status, period, kind, options);
            assert.equal(items.length, listed ? 1 : 0);
            if (!listed) return;
            const [item] = items as [FlagItem];
            assert.equal(item.notYetInForce, notYet);
            if (notYet) assert.notEqual(item.since, 'Not recorded', 'a not-yet alert says when it starts');
          });
        }
  }
});

describe('alerts: a reported case', () => {
  test('an active alert starting next month is not a current alert', () => {
    const items = itemsOf('active', 'future', 'alert', { audience: 'clinician', now: NOW, patientId: PATIENT });
    assert.deepEqual(
      items.map((item) => [item.text, item.notYetInForce, item.since]),
      [['Risk of violence', true, '13-Dec-2026']],
    );
  });

  test('alerts in force come before those not yet in force, whatever their dates', () => {
    const model = summaryViewModel(
      [
        { resourceType: 'Patient', id: PATIENT },
        { ...flagFor('active', 'future', 'alert'), id: 'later', code: { text: 'Later' } },
        { ...flagFor('active', 'past', 'alert'), id: 'gone', code: { text: 'Gone' } },
        { ...flagFor('active', 'current', 'alert'), id: 'now', code: { text: 'Now' } },
      ],
      { audience: 'clinician', now: NOW, patientId: PATIENT },
    );
    assert.deepEqual(
      model.sections.alerts.items.map((item) => [item.text, item.notYetInForce]),
      [
        ['Now', false],
        ['Later', true],
      ],
    );
  });
});
