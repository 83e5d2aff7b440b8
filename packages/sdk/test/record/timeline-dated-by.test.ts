/**
 * An event sits at the date of what happened when the record gives it. When
 * it gives only a later date — a result with only the date it was issued, an
 * encounter or episode of care with only the date it ended — the event sits
 * at that date and says which date it is, so it is not taken for when the
 * sample was taken or the visit began. Before, an episode of care with only
 * an end was shown as undated. The matrix covers every date field each resource type is
 * placed by, for both audiences.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { eventOf, subject } from './one-event.js';

const observation = (dates: object) => ({
  resourceType: 'Observation',
  status: 'final',
  subject,
  code: { text: 'Potassium' },
  valueQuantity: { value: 4.1, unit: 'mmol/L' },
  ...dates,
});
const report = (dates: object) => ({
  resourceType: 'DiagnosticReport',
  status: 'final',
  subject,
  code: { text: 'Urea and electrolytes' },
  ...dates,
});
const encounter = (dates: object) => ({
  resourceType: 'Encounter',
  status: 'finished',
  class: { code: 'IMP' },
  subject,
  type: [{ text: 'Inpatient stay' }],
  ...dates,
});

const episode = (dates: object) => ({
  resourceType: 'EpisodeOfCare',
  status: 'finished',
  patient: subject,
  type: [{ text: 'Reablement' }],
  ...dates,
});

const ISSUED = {
  clinician: 'Issued 03-Nov-2026; when taken not recorded',
  resident: 'Result issued 3 November 2026. When the test was done is not recorded',
};
/** Placed by its issue, but the record says when sampling ended: not "when taken not recorded". */
const TAKEN_BY = {
  clinician: 'Issued 03-Nov-2026; taken by 01-Nov-2026',
  resident: 'Result issued 3 November 2026. The test was done by 1 November 2026',
};
const ENDED = {
  clinician: 'Ended 03-Nov-2026; start not recorded',
  resident: 'Ended 3 November 2026. Start date not recorded',
};
/** An end still to come: of something that may be under way, so not "upcoming" and not "ended". */
const ENDS = {
  clinician: 'Ends 31-Mar-2027; start not recorded',
  resident: 'Ends 31 March 2027. Start date not recorded',
};
type Note = { clinician: string; resident: string } | undefined;

const CASES: [name: string, resource: Record<string, unknown>, note: Note][] = [
  ['Observation effectiveDateTime', observation({ effectiveDateTime: '2026-11-01', issued: '2026-11-03T10:00:00Z' }), undefined],
  [
    'Observation effectivePeriod.start',
    observation({ effectivePeriod: { start: '2026-11-01' }, issued: '2026-11-03T10:00:00Z' }),
    undefined,
  ],
  ['Observation effectiveInstant', observation({ effectiveInstant: '2026-11-01T08:00:00Z', issued: '2026-11-03T10:00:00Z' }), undefined],
  ['Observation issued only', observation({ issued: '2026-11-03T10:00:00Z' }), ISSUED],
  [
    'Observation effectivePeriod with only an end, and issued',
    observation({ effectivePeriod: { end: '2026-11-01' }, issued: '2026-11-03T10:00:00Z' }),
    TAKEN_BY,
  ],
  [
    'DiagnosticReport effectivePeriod with only an end, and issued',
    report({ effectivePeriod: { end: '2026-11-01' }, issued: '2026-11-03T10:00:00Z' }),
    TAKEN_BY,
  ],
  [
    'Observation unreadable effectiveDateTime, and issued',
    observation({ effectiveDateTime: '2026-13-45', issued: '2026-11-03T10:00:00Z' }),
    ISSUED,
  ],
  ['Observation no date', observation({}), undefined],
  ['DiagnosticReport effectiveDateTime', report({ effectiveDateTime: '2026-11-01', issued: '2026-11-03T10:00:00Z' }), undefined],
  [
    'DiagnosticReport effectivePeriod.start',
    report({ effectivePeriod: { start: '2026-11-01' }, issued: '2026-11-03T10:00:00Z' }),
    undefined,
  ],
  ['DiagnosticReport issued only', report({ issued: '2026-11-03T10:00:00Z' }), ISSUED],
  ['Encounter period.start', encounter({ period: { start: '2026-11-01', end: '2026-11-03' } }), undefined],
  ['Encounter period.end only', encounter({ period: { end: '2026-11-03' } }), ENDED],
  ['Encounter unreadable start, readable end', encounter({ period: { start: 'yesterday', end: '2026-11-03' } }), ENDED],
  ['Encounter no period', encounter({}), undefined],
  ['EpisodeOfCare period.start', episode({ period: { start: '2026-11-01', end: '2026-11-03' } }), undefined],
  ['EpisodeOfCare period.end only', episode({ period: { end: '2026-11-03' } }), ENDED],
  ['EpisodeOfCare no period', episode({}), undefined],
  ['EpisodeOfCare active, only an end still to come', episode({ status: 'active', period: { end: '2027-03-31' } }), ENDS],
  ['Encounter in progress, only an end still to come', encounter({ status: 'in-progress', period: { end: '2027-03-31' } }), ENDS],
];

describe('timeline: an event placed by a later date says which date it is', () => {
  for (const audience of ['clinician', 'resident'] as const)
    for (const [name, resource, note] of CASES)
      test(`${audience}: ${name}`, () => {
        const event = eventOf(resource, audience);
        assert.equal(event.dateNote, note?.[audience]);
        // Whatever it says, the day it sits under is the one named.
        if (note) assert.ok(event.dateNote?.includes(event.date), `${event.dateNote} names ${event.date}`);
        assert.equal(event.future, false);
      });
});
