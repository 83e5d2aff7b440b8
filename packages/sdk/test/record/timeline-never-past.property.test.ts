/**
 * The timeline never presents what is dated after today as past, nor what is
 * dated before today as still to come, whichever resource type it is and
 * whichever of the fields it is dated by (`MOMENT_PATHS`, every one), with
 * any status its value set allows (or none). An event on a day after today
 * is marked `future`, or its `dateNote` says its date is in the future (a
 * result, a letter, a diagnosis) or is an end still to come. On the UK
 * calendar, for both audiences.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { createTimeline, type TimelineResource } from '../../src/record/index.js';
import { MOMENT_PATHS } from '../../src/record/timeline-event.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { addDays, ukDay } from './uk-clock.js';

const PATIENT = 'pat-0001';
const subject = { reference: `Patient/${PATIENT}` };

/** Each resource type with what makes it readable, and its statuses (FHIR R4). */
const BASE: Record<string, { fields: Record<string, unknown>; statuses: readonly string[] }> = {
  Encounter: {
    fields: { subject, class: { code: 'AMB' }, type: [{ text: 'Clinic' }] },
    statuses: ['planned', 'arrived', 'triaged', 'in-progress', 'onleave', 'finished', 'cancelled', 'unknown'],
  },
  Appointment: {
    fields: { participant: [{ actor: subject, status: 'accepted' }], serviceType: [{ text: 'Review' }] },
    statuses: ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'checked-in', 'waitlist'],
  },
  Observation: {
    fields: { subject, code: { text: 'Weight' }, valueQuantity: { value: 70, unit: 'kg' } },
    statuses: ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'unknown'],
  },
  DiagnosticReport: {
    fields: { subject, code: { text: 'Full blood count' } },
    statuses: ['registered', 'partial', 'preliminary', 'final', 'amended', 'cancelled', 'unknown'],
  },
  DocumentReference: { fields: { subject, type: { text: 'Letter' }, content: [{ attachment: {} }] }, statuses: ['current', 'superseded'] },
  CarePlan: {
    fields: { subject, intent: 'plan', title: 'Support plan' },
    statuses: ['draft', 'active', 'on-hold', 'revoked', 'completed', 'unknown'],
  },
  EpisodeOfCare: {
    fields: { patient: subject, type: [{ text: 'Reablement' }] },
    statuses: ['planned', 'waitlist', 'active', 'onhold', 'finished', 'cancelled'],
  },
  Condition: { fields: { subject, code: { text: 'Asthma' }, clinicalStatus: { coding: [{ code: 'active' }] } }, statuses: [] },
};

/** `resource` with `value` set at `path`, making objects and lists on the way. */
function placed(resource: Record<string, unknown>, path: readonly string[], value: string): Record<string, unknown> {
  const copy = structuredClone(resource);
  let here: Record<string, unknown> = copy;
  path.forEach((key, index) => {
    if (index === path.length - 1) {
      here[key] = value;
      return;
    }
    const next = /^\d+$/.test(path[index + 1]!) ? [] : {};
    here[key] ??= next;
    here = here[key] as Record<string, unknown>;
  });
  return copy;
}

const FUTURE_WORDS = /Dated in the future|has not come yet|^Ends |Ends /;

describe('timeline: property, what is dated after today is never shown as past', () => {
  test('a day after today is marked future or said to be in the future; a day before today is never future', () => {
    const placements = Object.entries(MOMENT_PATHS).flatMap(([type, paths]) => paths.map((path) => [type, path] as const));
    fc.assert(
      fc.property(
        fc.constantFrom(...placements),
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }),
        fc.integer({ min: -400, max: 400 }).filter((days) => days !== 0),
        fc.boolean(),
        fc.nat(),
        fc.constantFrom('clinician' as const, 'resident' as const),
        ([type, path], now, days, timed, statusPick, audience) => {
          const { fields, statuses } = BASE[type]!;
          const status =
            statuses.length > 0 && statusPick % (statuses.length + 1) < statuses.length
              ? statuses[statusPick % (statuses.length + 1)]
              : undefined;
          const day = addDays(ukDay(now), days);
          const value = timed ? `${day}T12:00:00Z` : day;
          const resource = placed({ resourceType: type, id: 'x-1', ...fields, ...(status ? { status } : {}) }, path, value);
          const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: new Date(now).toISOString() });
          timeline.add([resource as unknown as TimelineResource]);
          const view = timeline.view();
          const where = JSON.stringify({ now: new Date(now).toISOString(), resource });
          if (view.total === 0) return; // Withdrawn by its status (none here) or not shown: nothing presented.
          const [shownDay] = view.days;
          const event = shownDay?.events[0] ?? view.undated[0];
          assert.ok(event, where);
          // Dated by this field, whatever else: the day shown is the one placed.
          assert.equal(shownDay?.isoDate, day, where);
          if (days > 0) assert.ok(event.future || FUTURE_WORDS.test(event.dateNote ?? ''), where);
          else assert.equal(event.future, false, where);
        },
      ),
      { numRuns: PROPERTY_RUNS / 10, seed: seedOr(9203) },
    );
  });
});
