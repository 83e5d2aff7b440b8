/**
 * A Condition sits on the timeline at its onset when the record dates it
 * (`onsetDateTime`, `onsetPeriod.start`). When the onset is only an age, a
 * range of ages, words, a period with only an end, or not recorded at all, it
 * sits at the date it was recorded, and it says so: `dateNote` names the
 * recorded date and what the record says of when it began, so a reader never
 * takes the date it was written down for the date it began.
 *
 * The matrix covers every `onset[x]` variant, with and without a recorded
 * date, for both audiences; the property checks, over generated onsets, that
 * an event placed at the date it was recorded always says so, and one placed
 * at its onset never claims to be the recorded date.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { createTimeline, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';
const UCUM = 'http://unitsofmeasure.org';

function eventOf(fields: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician'): TimelineEvent {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: NOW });
  timeline.add([
    {
      resourceType: 'Condition',
      id: 'c-1',
      meta: { source: 'https://care-record.example/source/F83999' },
      clinicalStatus: { coding: [{ code: 'active' }] },
      code: { text: 'Asthma' },
      subject: { reference: `Patient/${PATIENT}` },
      ...fields,
    } as unknown as TimelineResource,
  ]);
  const view = timeline.view();
  const [event, ...others] = [...view.days.flatMap((day) => day.events), ...view.undated];
  assert.ok(event);
  assert.equal(others.length, 0);
  return event;
}

const RECORDED = { recordedDate: '2020-04-05' };

/** Each `onset[x]` variant: where the event sits and what its note says, for each audience. */
const VARIANTS: [
  variant: string,
  onset: Record<string, unknown>,
  date: { clinician: string; resident: string },
  note: { clinician: string | undefined; resident: string | undefined },
][] = [
  [
    'onsetDateTime',
    { onsetDateTime: '2015-03-01' },
    { clinician: '01-Mar-2015', resident: '1 March 2015' },
    { clinician: undefined, resident: undefined },
  ],
  [
    'onsetDateTime, a year only',
    { onsetDateTime: '2015' },
    { clinician: '2015', resident: '2015' },
    { clinician: undefined, resident: undefined },
  ],
  [
    'onsetPeriod with a start',
    { onsetPeriod: { start: '2015-03-01', end: '2016-01-01' } },
    { clinician: '01-Mar-2015', resident: '1 March 2015' },
    { clinician: undefined, resident: undefined },
  ],
  [
    'onsetAge',
    { onsetAge: { value: 45, unit: 'years', system: UCUM, code: 'a' } },
    { clinician: '05-Apr-2020', resident: '5 April 2020' },
    { clinician: 'Recorded 05-Apr-2020; onset age 45 years', resident: 'Recorded 5 April 2020. Started: age 45 years' },
  ],
  [
    'onsetRange',
    { onsetRange: { low: { value: 5, system: UCUM, code: 'a' }, high: { value: 10, system: UCUM, code: 'a' } } },
    { clinician: '05-Apr-2020', resident: '5 April 2020' },
    { clinician: 'Recorded 05-Apr-2020; onset age 5–10 years', resident: 'Recorded 5 April 2020. Started: age 5–10 years' },
  ],
  [
    'onsetRange, low only',
    { onsetRange: { low: { value: 60, system: UCUM, code: 'a' } } },
    { clinician: '05-Apr-2020', resident: '5 April 2020' },
    { clinician: 'Recorded 05-Apr-2020; onset from age 60 years', resident: 'Recorded 5 April 2020. Started: from age 60 years' },
  ],
  [
    'onsetString',
    { onsetString: 'childhood' },
    { clinician: '05-Apr-2020', resident: '5 April 2020' },
    { clinician: 'Recorded 05-Apr-2020; onset “childhood”', resident: 'Recorded 5 April 2020. Started: “childhood”' },
  ],
  [
    'onsetPeriod with only an end',
    { onsetPeriod: { end: '2019-06-01' } },
    { clinician: '05-Apr-2020', resident: '5 April 2020' },
    { clinician: 'Recorded 05-Apr-2020; onset by 01-Jun-2019', resident: 'Recorded 5 April 2020. Started: by 1 June 2019' },
  ],
  [
    'no onset',
    {},
    { clinician: '05-Apr-2020', resident: '5 April 2020' },
    { clinician: 'Recorded 05-Apr-2020; onset not recorded', resident: 'Recorded 5 April 2020. Start not recorded' },
  ],
];

describe('timeline: a condition dated by when it was recorded says so', () => {
  for (const audience of ['clinician', 'resident'] as const)
    for (const [variant, onset, date, note] of VARIANTS) {
      test(`${audience}: ${variant}, with a recorded date`, () => {
        const event = eventOf({ ...onset, ...RECORDED }, audience);
        assert.equal(event.date, date[audience]);
        assert.equal(event.dateNote, note[audience]);
      });
      test(`${audience}: ${variant}, without a recorded date`, () => {
        const event = eventOf(onset, audience);
        const hasOnsetDate = note[audience] === undefined;
        assert.equal(event.date, hasOnsetDate ? date[audience] : 'Not recorded');
        // Undated: nothing to say of a recorded date; what is known of the onset is still said.
        const expected = note[audience]?.replace(/^Recorded [^;.]*[;.] /, '');
        assert.equal(event.dateNote, expected && expected.charAt(0).toUpperCase() + expected.slice(1));
      });
    }
});

describe('timeline: property, an event at its recorded date always says so', () => {
  const day = fc
    .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));
  const age = fc.record({
    value: fc.integer({ min: 0, max: 110 }),
    system: fc.constant(UCUM),
    code: fc.constantFrom('a', 'mo', 'wk', 'd'),
  });
  const onset = fc.oneof(
    day.map((value) => ({ onsetDateTime: value })),
    fc.record({ start: day, end: day }, { requiredKeys: [] }).map((period) => ({ onsetPeriod: period })),
    age.map((value) => ({ onsetAge: value })),
    fc.record({ low: age, high: age }, { requiredKeys: [] }).map((range) => ({ onsetRange: range })),
    fc.constantFrom('childhood', 'Teens', 'since birth', '2 years ago').map((words) => ({ onsetString: words })),
    fc.constant({}),
  );
  test('placed at the recorded date ⇒ the note names that date; placed at the onset ⇒ no such note', () => {
    fc.assert(
      fc.property(
        onset,
        fc.option(day, { nil: undefined }),
        fc.constantFrom('clinician' as const, 'resident' as const),
        (fields, recorded, audience) => {
          const event = eventOf({ ...fields, ...(recorded ? { recordedDate: recorded } : {}) }, audience);
          const onsetDay =
            (fields as { onsetDateTime?: string }).onsetDateTime ?? (fields as { onsetPeriod?: { start?: string } }).onsetPeriod?.start;
          if (event.dateNote !== undefined) assertDisplayable(event.dateNote, 'dateNote');
          if (onsetDay !== undefined) {
            assert.equal(event.dateNote, undefined);
          } else if (recorded !== undefined) {
            assert.ok(
              event.dateNote?.startsWith(audience === 'clinician' ? `Recorded ${event.date};` : `Recorded ${event.date}.`),
              event.dateNote,
            );
          } else {
            assert.equal(event.date, 'Not recorded');
            assert.doesNotMatch(event.dateNote ?? '', /Recorded/);
          }
        },
      ),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(4411) },
    );
  });
});
