/**
 * A personal contact whose relationship starts after today (a carer arranged
 * from next month, a lasting power of attorney's attorney not yet registered)
 * is listed, but never as a current contact: after those who are, saying when
 * they start, as alerts, care plans and services not yet in force are. A
 * date-only start begins on the UK calendar (in summer, an hour before UTC's
 * midnight); a contact whose period has ended is not listed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, type SummaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { ukDay } from './uk-clock.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = '2026-11-28T09:30:00Z';

const contact = (id: string, family: string, period: { start?: string; end?: string } | undefined, nextOfKin = false) => ({
  resourceType: 'RelatedPerson',
  id,
  meta: { source: 'https://care-record.example/source/LA999' },
  patient: { reference: `Patient/${PATIENT}` },
  active: true,
  name: [{ use: 'official', family, given: ['Sam'] }],
  relationship: [nextOfKin ? { coding: [{ code: 'N' }], text: 'Next of kin' } : { text: 'Friend' }],
  telecom: [{ system: 'phone', value: '07700 900111' }],
  ...(period ? { period } : {}),
});

const summaryOf = (resources: Record<string, unknown>[], now: string | number = NOW, audience: 'clinician' | 'resident' = 'clinician') =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], {
    audience,
    now: new Date(now),
    patientId: PATIENT,
  }) as SummaryViewModel;

describe('summary: a personal contact who has not started yet', () => {
  test('reported: a carer from next month is not listed as a current contact, and says when they start', () => {
    const items = summaryOf([contact('rp-later', 'ADEYEMI', { start: '2026-12-14' }, true), contact('rp-now', 'BROWN', {})]).sections
      .contacts.items;
    assert.deepEqual(
      items.map((item) => [item.id, item.notYetStarted, item.starts]),
      [
        ['rp-now', false, undefined],
        ['rp-later', true, '14-Dec-2026'],
      ],
    );
  });

  test('the resident reads the date in their words', () => {
    const [item] = summaryOf([contact('rp-later', 'ADEYEMI', { start: '2026-12-14' })], NOW, 'resident').sections.contacts.items;
    assert.deepEqual([item?.notYetStarted, item?.starts], [true, '14 December 2026']);
  });

  /** A UK calendar day near now, written as each precision a source sends. */
  const periodSide = (now: number) =>
    fc.oneof(
      fc.constant(undefined),
      fc.constant('not a date'),
      // A day within three days of now, as a date only: the UK day, not UTC's, decides.
      fc.integer({ min: -3, max: 3 }).map((days) => ukDay(now + days * DAY)),
      // A month or year only.
      fc.integer({ min: -2, max: 2 }).map((months) => {
        const [year, month] = ukDay(now).split('-').map(Number) as [number, number];
        const total = year * 12 + month - 1 + months;
        return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
      }),
      fc.integer({ min: -1, max: 1 }).map((years) => String(Number(ukDay(now).slice(0, 4)) + years)),
      // An instant within a day of now, with an offset.
      fc.integer({ min: -96, max: 96 }).map((quarters) => new Date(now + quarters * (HOUR / 4)).toISOString()),
    );

  /** The first and last UK days a date covers, or the instant, to decide from the input alone. */
  function bounds(value: string): { first: string; last: string } | { instant: number } | undefined {
    if (/^\d{4}$/.test(value)) return { first: `${value}-01-01`, last: `${value}-12-31` };
    if (/^\d{4}-\d\d$/.test(value)) {
      const [year, month] = value.split('-').map(Number) as [number, number];
      return { first: `${value}-01`, last: `${value}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}` };
    }
    if (/^\d{4}-\d\d-\d\d$/.test(value)) return { first: value, last: value };
    const instant = Date.parse(value);
    return Number.isNaN(instant) ? undefined : { instant };
  }
  const startsLater = (start: string | undefined, now: number): boolean => {
    const at = start === undefined ? undefined : bounds(start);
    if (!at) return false;
    return 'instant' in at ? at.instant > now : at.first > ukDay(now);
  };
  const hasEnded = (end: string | undefined, now: number): boolean => {
    const at = end === undefined ? undefined : bounds(end);
    if (!at) return false;
    return 'instant' in at ? at.instant < now : at.last < ukDay(now);
  };

  // Moments near midnight in summer (BST) and in winter, where the UK day and UTC's differ or agree.
  const moment = fc.oneof(
    fc.integer({ min: -8, max: 8 }).map((quarters) => Date.parse('2026-06-30T23:00:00Z') + quarters * (HOUR / 4)),
    fc.integer({ min: -8, max: 8 }).map((quarters) => Date.parse('2026-12-01T00:00:00Z') + quarters * (HOUR / 4)),
    fc.integer({ min: -8, max: 8 }).map((quarters) => Date.parse('2026-03-28T23:00:00Z') + quarters * (HOUR / 4)),
  );

  test(`property: ${RUNS} contacts with starts and ends around now — listed when not ended, current only once started`, () => {
    fc.assert(
      fc.property(
        moment.chain((now) =>
          fc.tuple(fc.constant(now), fc.array(fc.tuple(periodSide(now), periodSide(now), fc.boolean()), { minLength: 1, maxLength: 5 })),
        ),
        ([now, periods]) => {
          const people = periods.map(([start, end, nextOfKin], index) =>
            contact(`rp-${index}`, `FAMILY${index}`, { ...(start ? { start } : {}), ...(end ? { end } : {}) }, nextOfKin),
          );
          const items = summaryOf(people, now).sections.contacts.items;
          const expected = periods.flatMap(([start, end], index) =>
            hasEnded(end, now) ? [] : [{ id: `rp-${index}`, later: startsLater(start, now) }],
          );
          assert.deepEqual(items.map((item) => item.id).sort(), expected.map((item) => item.id).sort(), 'the contacts not ended');
          for (const item of items) {
            const later = expected.find((one) => one.id === item.id)!.later;
            assert.equal(item.notYetStarted, later, `${item.id} at ${new Date(now).toISOString()}: ${JSON.stringify(periods)}`);
            assert.equal(item.starts !== undefined, later, `${item.id}: says when it starts only when it has not`);
          }
          // Those current come before those still to start.
          const firstLater = items.findIndex((item) => item.notYetStarted);
          assert.ok(firstLater === -1 || items.slice(firstLater).every((item) => item.notYetStarted));
        },
      ),
      { numRuns: RUNS, seed: seedOr(20261207) },
    );
  });
});
