/**
 * Property over generated Appointments — every status (and one FHIR does not
 * define, and none) × start, end and requested period each present or absent,
 * each a time (with its offset, or UK wall-clock time) or a date alone, before,
 * at or after now × a length or none × reasons coded without words, in words,
 * or none, and named references × a cancellation reason or none × audience.
 *
 * - The appointments view and the timeline make the same past/upcoming
 *   decision, and it is the rule stated below (`expectedUpcoming`), read
 *   independently of the SDK: never "past" by a guess.
 * - Nothing it has reads "Not known": a start gives a date; an end with no
 *   start says when it ends and that the start is not known; a period asked
 *   for is said; a length is said when the start and end do not say it.
 * - Every reason it has is shown in the list and on the timeline: each
 *   coded reason (its words, else its code), each named reference, its
 *   description, and why it was cancelled when it was; the staff's comment for
 *   a clinician only.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Appointment } from '../../src/fhir.js';
import { appointmentsViewModel, createTimeline, type RecordAudience, type TimelineResource } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { addDays, ukDay, ukParts } from './uk-clock.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';
const NOT_KNOWN = 'Not known';

/**
 * The oracle's own statement of FHIR R4's Appointment statuses (not the SDK's
 * list): those that say it has begun or is over, and those of one still being
 * arranged.
 */
const BEGUN = ['arrived', 'checked-in', 'fulfilled', 'noshow'];
const ARRANGING = ['proposed', 'pending', 'waitlist'];
const STATUSES = [...BEGUN, ...ARRANGING, 'booked', 'cancelled', 'rescheduled'];

const HOUR = 3_600_000;

/** A date relative to now, and whether it is still to come: a time after now, or a date whose UK day is today or later. */
interface Dated {
  value: string;
  toCome: boolean;
}

const dated = (now: number): fc.Arbitrary<Dated> =>
  fc.oneof(
    // A time with its offset, at now exactly (it has begun) or either side of it.
    fc.integer({ min: -72 * 60, max: 72 * 60 }).map((minutes) => ({
      value: new Date(now + minutes * 60_000).toISOString(),
      toCome: minutes > 0,
    })),
    // UK wall-clock time without an offset, at least two hours away (the hour the clocks go back cannot flip it).
    fc
      .integer({ min: 2, max: 72 })
      .chain((hours) => fc.constantFrom(hours, -hours))
      .map((hours) => {
        const { hour, minute } = ukParts(now + hours * HOUR);
        return { value: `${ukDay(now + hours * HOUR)}T${hour}:${minute}:00`, toCome: hours > 0 };
      }),
    // A date alone: today is still to come.
    fc.integer({ min: -40, max: 40 }).map((days) => ({ value: addDays(ukDay(now), days), toCome: days >= 0 })),
  );

const reasonCode = fc.oneof(
  fc.constant({ concept: { coding: [{ system: SNOMED, code: '44054006' }] }, shown: 'SNOMED CT 44054006' }),
  fc.constant({ concept: { coding: [{ system: 'https://trust.example/codes', code: 'LOC-7' }] }, shown: 'LOC-7' }),
  fc.constant({ concept: { text: 'Foot check' }, shown: 'Foot check' }),
  fc.constant({ concept: { coding: [{ system: SNOMED, code: '73211009', display: 'Diabetes mellitus' }] }, shown: 'Diabetes mellitus' }),
);
const reasonReference = fc.oneof(
  fc.constant({ reference: { reference: 'Condition/c1', display: 'Heart failure' }, shown: 'Heart failure' }),
  fc.constant({ reference: { reference: 'Condition/c2' }, shown: undefined }),
);
const cancelation = fc.oneof(
  fc.constant({ concept: { coding: [{ system: SNOMED, code: '182856006' }] }, shown: 'SNOMED CT 182856006' }),
  fc.constant({ concept: { text: 'Patient asked to rebook' }, shown: 'Patient asked to rebook' }),
);

const generated = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).chain((now) =>
  fc.record({
    now: fc.constant(now),
    audience: fc.constantFrom<RecordAudience>('clinician', 'resident'),
    status: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
    start: fc.option(dated(now), { nil: undefined }),
    end: fc.option(dated(now), { nil: undefined }),
    requested: fc.option(fc.record({ start: fc.option(dated(now), { nil: undefined }), end: fc.option(dated(now), { nil: undefined }) }), {
      nil: undefined,
    }),
    minutes: fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
    reasons: fc.array(reasonCode, { maxLength: 2 }),
    references: fc.array(reasonReference, { maxLength: 2 }),
    description: fc.option(fc.constantFrom('Annual review', 'Wound dressing'), { nil: undefined }),
    cancelation: fc.option(cancelation, { nil: undefined }),
    comment: fc.option(fc.constant('Interpreter booked'), { nil: undefined }),
  }),
);
type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

/** The oracle: whether the appointment is upcoming, by what it says of when, never by a guess. */
function expectedUpcoming(item: Generated): boolean {
  const status = item.status ?? '';
  if (BEGUN.includes(status)) return false;
  // Its start, else its end: still to come while that has not passed.
  const placedBy = item.start ?? item.end;
  if (placedBy) return placedBy.toCome;
  // Neither: still being arranged is upcoming; otherwise the period asked for decides, by its last date.
  const wanted = item.requested?.end ?? item.requested?.start;
  if (wanted && !ARRANGING.includes(status)) return wanted.toCome;
  // Nothing says when, nor that it happened.
  return true;
}

function resourceOf(item: Generated): Appointment {
  return {
    resourceType: 'Appointment',
    id: 'apt-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    ...(item.status ? { status: item.status } : {}),
    serviceType: [{ text: 'Diabetes clinic' }],
    ...(item.description ? { description: item.description } : {}),
    ...(item.start ? { start: item.start.value } : {}),
    ...(item.end ? { end: item.end.value } : {}),
    ...(item.requested
      ? {
          requestedPeriod: [
            {
              ...(item.requested.start ? { start: item.requested.start.value } : {}),
              ...(item.requested.end ? { end: item.requested.end.value } : {}),
            },
          ],
        }
      : {}),
    ...(item.minutes ? { minutesDuration: item.minutes } : {}),
    ...(item.reasons.length > 0 ? { reasonCode: item.reasons.map((reason) => reason.concept) } : {}),
    ...(item.references.length > 0 ? { reasonReference: item.references.map((reason) => reason.reference) } : {}),
    ...(item.cancelation ? { cancelationReason: item.cancelation.concept } : {}),
    ...(item.comment ? { comment: item.comment } : {}),
    participant: [{ actor: { reference: `Patient/${PATIENT}` }, status: 'accepted' }],
  } as unknown as Appointment;
}

describe('appointments: placed and said alike in the list and on the timeline', () => {
  test(`${PROPERTY_RUNS / 2} generated appointments: one past/upcoming decision, nothing it has "Not known", every reason shown`, () => {
    const seen = { endOnly: 0, requestedOnly: 0, upcoming: 0, past: 0 };
    fc.assert(
      fc.property(generated, (item) => {
        const { now, audience } = item;
        const resource = resourceOf(item);
        const where = JSON.stringify({ now: new Date(now).toISOString(), audience, resource });
        const model = appointmentsViewModel(
          { appointments: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
          { audience, now: new Date(now).toISOString() },
        );
        const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: new Date(now).toISOString() });
        timeline.add([resource as unknown as TimelineResource]);
        const view = timeline.view();
        const [event, ...others] = [...view.days.flatMap((day) => day.events), ...view.undated];
        const [row, ...more] = [...model.upcoming, ...model.past];
        assert.ok(row && event && others.length === 0 && more.length === 0, `listed once and on the timeline once: ${where}`);
        assertDisplayable(row, where);

        // One decision, and the rule's.
        const upcoming = model.upcoming.includes(row);
        assert.equal(upcoming, expectedUpcoming(item), `list: ${where}`);
        assert.equal(event.future, upcoming, `timeline agrees with the list: ${where}`);
        seen[upcoming ? 'upcoming' : 'past']++;

        // Nothing it has reads "Not known".
        const shownOnTimeline = `${event.date} ${event.dateNote ?? ''}`;
        if (item.start) {
          assert.notEqual(row.date, NOT_KNOWN, where);
          assert.notEqual(event.date, 'Not recorded', where);
        } else if (item.end) {
          seen.endOnly++;
          assert.match(row.date, /^Ends .+start not known$/, where);
          assert.notEqual(event.date, 'Not recorded', where);
          assert.match(event.dateNote ?? '', /End(s|ed) .*[Ss]tart (date )?not recorded/, where);
        } else if (item.requested?.start || item.requested?.end) {
          seen.requestedOnly++;
          assert.match(row.date, /^(Between|From|By|Requested) /, where);
          assert.ok(shownOnTimeline.includes(row.date), `the period asked for is on the timeline: ${where}`);
        } else assert.equal(row.date, NOT_KNOWN, where);
        if (item.minutes && !(item.start && row.end))
          assert.equal(row.duration, `${item.minutes} minute${item.minutes === 1 ? '' : 's'}`, where);

        // Every reason it has, in both.
        const onTimeline = `${event.title} ${event.detail ?? ''}`;
        const reasons = [...item.reasons.map((reason) => reason.shown), ...item.references.flatMap((reason) => reason.shown ?? [])];
        for (const reason of reasons) {
          assert.ok(row.reason?.includes(reason), `"${reason}" in the list: ${where}`);
          assert.ok(onTimeline.includes(reason), `"${reason}" on the timeline: ${where}`);
        }
        if (reasons.length === 0) assert.equal(row.reason, undefined, where);
        if (item.description) {
          assert.equal(row.title, item.description, where);
          assert.ok(onTimeline.includes(item.description), `the description on the timeline: ${where}`);
        }
        const why = item.status === 'cancelled' ? item.cancelation?.shown : undefined;
        assert.equal(row.cancellationReason, why, where);
        if (why) assert.ok(onTimeline.includes(why), `why it was cancelled, on the timeline: ${where}`);
        assert.equal(row.comment, audience === 'clinician' ? item.comment : undefined, where);
      }),
      { numRuns: PROPERTY_RUNS / 2, seed: seedOr(20261206) },
    );
    // The generator reaches every case the rule names.
    for (const [name, count] of Object.entries(seen)) assert.ok(count > PROPERTY_RUNS / 200, `${name}: ${count}`);
  });
});
