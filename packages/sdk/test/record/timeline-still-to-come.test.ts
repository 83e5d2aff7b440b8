/**
 * What has not happened yet is marked so (`future`, shown as "Future" /
 * "Upcoming"): an appointment, encounter or episode of care dated after now,
 * and one whose status says it is still to come — a planned encounter, an
 * episode of care planned or on a waiting list, an appointment booked or
 * being arranged — unless its date has already passed. Before, only
 * appointments were ever marked, so a planned encounter next month read like
 * one that had happened. What cannot be booked ahead (a result, a letter)
 * but is dated after now is not "upcoming"; its `dateNote` says its date is
 * in the future, so it is never shown as past either.
 *
 * "Now" and "after" are on the UK calendar: a date without a time is after
 * now from the next UK day; a time without an offset is UK wall-clock time.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { TimelineEvent } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { addDays, ukDay, ukWallClock } from './uk-clock.js';
import { eventOf, subject } from './one-event.js';

/** The one event for `resource` at `now`. */
const eventAt = (resource: Record<string, unknown>, now: string, audience: 'clinician' | 'resident' = 'clinician'): TimelineEvent =>
  eventOf(resource, audience, now);

type When = { kind: 'none' } | { kind: 'timed'; value: string } | { kind: 'day'; value: string } | { kind: 'partial'; value: string };

/** Each resource type the timeline reads, dated by `when`, with `status`. */
const BUILD: Record<string, (status: string | undefined, when: When) => Record<string, unknown>> = {
  Encounter: (status, when) => ({
    resourceType: 'Encounter',
    ...(status ? { status } : {}),
    class: { code: 'AMB' },
    subject,
    type: [{ text: 'Fracture clinic' }],
    ...(when.kind === 'none' ? {} : { period: { start: when.value } }),
  }),
  EpisodeOfCare: (status, when) => ({
    resourceType: 'EpisodeOfCare',
    ...(status ? { status } : {}),
    patient: subject,
    type: [{ text: 'Reablement' }],
    ...(when.kind === 'none' ? {} : { period: { start: when.value } }),
  }),
  Appointment: (status, when) => ({
    resourceType: 'Appointment',
    ...(status ? { status } : {}),
    participant: [{ actor: subject, status: 'accepted' }],
    serviceType: [{ text: 'Diabetes review' }],
    ...(when.kind === 'none' ? {} : { start: when.value }),
  }),
  CarePlan: (status, when) => ({
    resourceType: 'CarePlan',
    ...(status ? { status } : {}),
    intent: 'plan',
    subject,
    title: 'Support plan',
    ...(when.kind === 'none' ? {} : { period: { start: when.value } }),
  }),
  Observation: (status, when) => ({
    resourceType: 'Observation',
    ...(status ? { status } : {}),
    subject,
    code: { text: 'Body weight' },
    valueQuantity: { value: 70, unit: 'kg' },
    ...(when.kind === 'none' ? {} : { effectiveDateTime: when.value }),
  }),
  DocumentReference: (status, when) => ({
    resourceType: 'DocumentReference',
    ...(status ? { status } : {}),
    subject,
    type: { text: 'Clinic letter' },
    ...(when.kind === 'none' ? {} : { date: when.value }),
  }),
};

/** Statuses that say it is still to come, by resource type. */
const TO_COME: Record<string, readonly string[]> = {
  Encounter: ['planned'],
  EpisodeOfCare: ['planned', 'waitlist'],
  Appointment: ['proposed', 'pending', 'waitlist', 'booked'],
  CarePlan: [],
  Observation: [],
  DocumentReference: [],
};
const OTHER_STATUSES: Record<string, readonly string[]> = {
  Encounter: ['arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'unknown'],
  EpisodeOfCare: ['active', 'onhold', 'finished', 'cancelled'],
  Appointment: ['arrived', 'fulfilled', 'cancelled', 'noshow', 'checked-in'],
  CarePlan: ['draft', 'active', 'completed'],
  Observation: ['final', 'preliminary', 'registered'],
  DocumentReference: ['current', 'superseded'],
};

describe('timeline: the reported cases', () => {
  const NOW = '2026-12-06T09:00:00Z';
  test('a planned encounter next month is marked future, for both audiences', () => {
    for (const audience of ['clinician', 'resident'] as const)
      assert.equal(eventAt(BUILD['Encounter']!('planned', { kind: 'day', value: '2027-01-12' }), NOW, audience).future, true);
  });
  test('an encounter dated next week is future whatever its status says', () => {
    assert.equal(eventAt(BUILD['Encounter']!('finished', { kind: 'timed', value: '2026-12-13T10:00:00Z' }), NOW).future, true);
  });
  test('a planned encounter with no date yet is future', () => {
    assert.equal(eventAt(BUILD['Encounter']!('planned', { kind: 'none' }), NOW).future, true);
  });
  test('a planned encounter whose date has passed is not (its status still says planned)', () => {
    const event = eventAt(BUILD['Encounter']!('planned', { kind: 'day', value: '2026-10-01' }), NOW);
    assert.equal(event.future, false);
    assert.equal(event.status, 'Planned');
  });
  test('an episode of care on a waiting list, and one planned, are future', () => {
    assert.equal(eventAt(BUILD['EpisodeOfCare']!('waitlist', { kind: 'day', value: '2026-11-01' }), NOW).future, false);
    assert.equal(eventAt(BUILD['EpisodeOfCare']!('waitlist', { kind: 'none' }), NOW).future, true);
    assert.equal(eventAt(BUILD['EpisodeOfCare']!('planned', { kind: 'day', value: '2027-02-01' }), NOW).future, true);
  });
  test('a planned encounter today, with no time, is still to come', () => {
    assert.equal(eventAt(BUILD['Encounter']!('planned', { kind: 'day', value: '2026-12-06' }), NOW).future, true);
  });
  test('a letter dated next year is not upcoming, and says its date is in the future', () => {
    const event = eventAt(BUILD['DocumentReference']!('current', { kind: 'day', value: '2027-06-01' }), NOW);
    assert.equal(event.future, false);
    assert.equal(event.dateNote, 'Dated in the future: check the record');
  });
  test('a finished encounter earlier today is not future', () => {
    assert.equal(eventAt(BUILD['Encounter']!('finished', { kind: 'timed', value: '2026-12-06T08:00:00Z' }), NOW).future, false);
  });
});

const addMonths = (month: string, months: number): string => {
  const date = new Date(`${month}-15T12:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 7);
};

const HOUR = 3_600_000;

/**
 * A date relative to `now`, and what is known of it: `after` — it is after
 * now; `notBefore` — it has not wholly passed (now, today, this month, or later).
 */
const dated = (now: number) =>
  fc.oneof(
    fc.constant({ when: { kind: 'none' } as When, after: false, notBefore: true }),
    fc
      .integer({ min: -96 * 60, max: 96 * 60 })
      .filter((minutes) => minutes !== 0)
      .map((minutes) => ({
        when: { kind: 'timed', value: new Date(now + minutes * 60_000).toISOString() } as When,
        after: minutes > 0,
        notBefore: minutes > 0,
      })),
    // UK wall-clock time without an offset, at least two hours away so the hour the clocks go back cannot flip it.
    fc
      .integer({ min: 2, max: 96 })
      .chain((hours) => fc.constantFrom(hours, -hours))
      .map((hours) => {
        const value = ukWallClock(now + hours * HOUR);
        return { when: { kind: 'timed', value } as When, after: hours > 0, notBefore: hours > 0 };
      }),
    fc.integer({ min: -60, max: 60 }).map((days) => ({
      when: { kind: 'day', value: addDays(ukDay(now), days) } as When,
      after: days > 0,
      notBefore: days >= 0,
    })),
    fc.integer({ min: -3, max: 3 }).map((months) => ({
      when: { kind: 'partial', value: addMonths(ukDay(now).slice(0, 7), months) } as When,
      after: months > 0,
      notBefore: months >= 0,
    })),
  );

/** An appointment's statuses that say it has begun or is over (FHIR R4), whatever its date. */
const APPOINTMENT_BEGUN: readonly string[] = ['arrived', 'checked-in', 'fulfilled', 'noshow'];

/** What can be booked or planned ahead; anything else dated after now is a slip in the record. */
const SCHEDULED: ReadonlySet<string> = new Set(['Encounter', 'EpisodeOfCare', 'Appointment', 'CarePlan']);
const FUTURE_NOTE = {
  clinician: 'Dated in the future: check the record',
  resident: 'This date has not come yet, so it may be a mistake',
};

describe('timeline: property over resource type × status × date relative to now × now', () => {
  test('future ⇔ booked or planned, and dated after now or still to come by its status; else a future date is said', () => {
    const types = Object.keys(BUILD);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }).chain((now) =>
          fc.constantFrom(...types).chain((type) =>
            fc.record({
              now: fc.constant(now),
              type: fc.constant(type),
              status: fc.constantFrom<string | undefined>(...TO_COME[type]!, ...OTHER_STATUSES[type]!, undefined),
              date: dated(now),
              audience: fc.constantFrom('clinician' as const, 'resident' as const),
            }),
          ),
        ),
        ({ now, type, status, date, audience }) => {
          const event = eventAt(BUILD[type]!(status, date.when), new Date(now).toISOString(), audience);
          const where = JSON.stringify({ now: new Date(now).toISOString(), type, status, when: date.when });
          const toCome = status !== undefined && TO_COME[type]!.includes(status);
          if (type === 'Appointment') {
            // As the appointments view places it (`appointments-placed.property.test.ts` holds the full rule): by its
            // status when that says it began or is over, a date in the future then said; else still to come while its
            // date has not wholly passed, or when it has none.
            const begun = status !== undefined && APPOINTMENT_BEGUN.includes(status);
            assert.equal(event.future, !begun && date.notBefore, where);
            assert.equal(event.dateNote, begun && date.after ? FUTURE_NOTE[audience] : undefined, where);
          } else if (SCHEDULED.has(type)) {
            assert.equal(event.future, date.after || (toCome && date.notBefore), where);
            assert.equal(event.dateNote, undefined, where);
          } else {
            // Not still to come, and never shown as past: its date is said to be in the future.
            assert.equal(event.future, false, where);
            assert.equal(event.dateNote, date.after ? FUTURE_NOTE[audience] : undefined, where);
          }
        },
      ),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(5507) },
    );
  });
});
