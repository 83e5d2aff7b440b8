/**
 * A problem's dates (its onset, when it was recorded) are recorded facts: a
 * date sent as a date-time at midnight, in any offset, is the day written,
 * never the day before, by the record's one rule (`recordedMoment`); an
 * abatement at midnight comes on the day written.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const inWords = (isoDate: string, audience: 'clinician' | 'resident'): string => {
  const [year, month, day] = isoDate.split('-');
  return audience === 'clinician'
    ? `${day}-${MONTHS[Number(month) - 1]}-${year}`
    : `${Number(day)} ${MONTH_NAMES[Number(month) - 1]} ${year}`;
};

function problem(fields: Record<string, unknown>, audience: 'clinician' | 'resident') {
  const model = summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      {
        resourceType: 'Condition',
        id: 'c1',
        meta: { source: 'https://care-record.example/source/F83999' },
        subject: { reference: `Patient/${PATIENT}` },
        code: { text: 'Type 2 diabetes' },
        ...fields,
      },
    ],
    { audience, now: NOW, patientId: PATIENT },
  );
  const { items, past } = model.sections.problems;
  return { item: items[0] ?? past[0], where: items.length > 0 ? 'current' : 'past' };
}

const DAYS = ['2026-01-15', '2026-03-29', '2026-06-14', '2026-10-25', '2025-12-31'];
const MIDNIGHTS = ['T00:00:00Z', 'T00:00:00+01:00', 'T00:00:00+05:30', 'T00:00:00-05:00', 'T00:00:00.000+14:00', 'T00:00', 'T00:00:00'];
const FIELDS = {
  onsetDateTime: (value: string) => ({ fields: { onsetDateTime: value }, shown: 'onset' as const, words: (day: string) => day }),
  'onsetPeriod.start': (value: string) => ({
    fields: { onsetPeriod: { start: value } },
    shown: 'onset' as const,
    words: (day: string) => day,
  }),
  'onsetPeriod.end only': (value: string) => ({
    fields: { onsetPeriod: { end: value } },
    shown: 'onset' as const,
    words: (day: string) => `By ${day}`,
  }),
  recordedDate: (value: string) => ({ fields: { recordedDate: value }, shown: 'recorded' as const, words: (day: string) => day }),
} as const;

describe('problems: a date sent as midnight is the date written', () => {
  test('reported: an onset at midnight in +05:30 is the day written, not the day before', () => {
    assert.equal(problem({ onsetDateTime: '2026-03-29T00:00:00+05:30' }, 'clinician').item?.onset, '29-Mar-2026');
  });

  for (const audience of ['clinician', 'resident'] as const)
    for (const [field, make] of Object.entries(FIELDS))
      test(`${audience}: ${field} — ${DAYS.length} days × ${MIDNIGHTS.length} ways of writing midnight`, () => {
        for (const day of DAYS)
          for (const midnight of MIDNIGHTS) {
            const { fields, shown, words } = make(`${day}${midnight}`);
            const { item } = problem(fields, audience);
            assert.equal(item?.[shown], words(inWords(day, audience)), `${day}${midnight}`);
          }
      });

  test('an abatement at midnight in any offset comes on the day written: tomorrow is still to come, today has come', () => {
    // Midnight at -10:00 today is 10:00 UTC, after now, but the source recorded today: it has come.
    for (const midnight of [...MIDNIGHTS, 'T00:00:00-10:00']) {
      assert.equal(problem({ abatementDateTime: `2026-11-29${midnight}` }, 'clinician').where, 'current', midnight);
      assert.equal(problem({ abatementDateTime: `2026-11-28${midnight}` }, 'clinician').where, 'past', midnight);
    }
  });
});
