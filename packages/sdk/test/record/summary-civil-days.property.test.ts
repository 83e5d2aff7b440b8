/**
 * A period given as a date only (`2026-07-01`, `2026-07`, `2026`) begins and
 * ends on the UK calendar, not at UTC midnight: in British Summer Time the UK
 * day starts an hour before UTC's. And a time sent without an offset (not
 * valid FHIR, but seen in feeds) is UK wall-clock time, whatever the time zone
 * of the machine reading it. `startsAfter` and `endedBefore` decide whether an
 * alert is in force, a service or plan has started, a review is overdue, a
 * contact has ended and a prescription has expired, so each is checked here
 * against the UK calendar read from the platform's time zone database.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { endedBefore, startsAfter } from '../../src/record/summary/context.js';
import { seedOr } from './property-runs.js';
import { ukDay, ukWallClock } from './uk-clock.js';

const HOUR = 3_600_000;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date of any precision, and the first and last UK days it covers. */
const partialDate = fc
  .record({
    year: fc.integer({ min: 1990, max: 2035 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    precision: fc.constantFrom('year', 'month', 'day'),
  })
  .map(({ year, month, day, precision }) => {
    if (precision === 'year') return { text: `${year}`, first: `${year}-01-01`, last: `${year}-12-31`, year, month: 1 };
    if (precision === 'month')
      return {
        text: `${year}-${pad(month)}`,
        first: `${year}-${pad(month)}-01`,
        last: `${year}-${pad(month)}-${pad(lastDay(year, month))}`,
        year,
        month,
      };
    const text = `${year}-${pad(month)}-${pad(day)}`;
    return { text, first: text, last: text, year, month };
  });

/** Moments within two days of a UK day's start, where UTC and the UK calendar disagree in summer. */
const nearDay = (day: string) =>
  fc.integer({ min: -48 * 4, max: 48 * 4 }).map((quarters) => Date.parse(`${day}T00:00:00Z`) + quarters * (HOUR / 4));

test('a date-only start begins at the start of its first UK day', () => {
  fc.assert(
    fc.property(
      partialDate.chain((date) => fc.tuple(fc.constant(date), nearDay(date.first))),
      ([date, moment]) => {
        assert.equal(startsAfter(date.text, moment), ukDay(moment) < date.first, `${date.text} at ${new Date(moment).toISOString()}`);
      },
    ),
    { numRuns: 3_000, seed: seedOr(20261211) },
  );
});

test('a date-only end lasts to the end of its last UK day', () => {
  fc.assert(
    fc.property(
      partialDate.chain((date) => fc.tuple(fc.constant(date), nearDay(date.last))),
      ([date, moment]) => {
        assert.equal(endedBefore(date.text, moment), ukDay(moment) > date.last, `${date.text} at ${new Date(moment).toISOString()}`);
      },
    ),
    { numRuns: 3_000, seed: seedOr(20261212) },
  );
});

test('the reported cases: in summer the UK day begins at 23:00 UTC the day before', () => {
  const firstHourOfJuly = Date.parse('2026-06-30T23:30:00Z'); // 00:30 on 1 July in London
  assert.equal(startsAfter('2026-07-01', firstHourOfJuly), false, 'an alert from 1 July is in force at 00:30 on 1 July');
  assert.equal(endedBefore('2026-06-30', firstHourOfJuly), true, 'a period to 30 June has ended at 00:30 on 1 July');
  const lastHourOfJune = Date.parse('2026-06-30T22:30:00Z'); // 23:30 on 30 June in London
  assert.equal(startsAfter('2026-07-01', lastHourOfJune), true);
  assert.equal(endedBefore('2026-06-30', lastHourOfJune), false);
});

test('a time without an offset is UK wall-clock time, on any machine', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.parse('2000-01-01T00:00:00Z') / HOUR, max: Date.parse('2035-12-31T00:00:00Z') / HOUR }),
      fc.integer({ min: -3 * 4, max: 3 * 4 }),
      (hours, quarters) => {
        const instant = hours * HOUR;
        // Its UK wall-clock reading, written without an offset.
        const wall = `${ukWallClock(instant).slice(0, 16)}:00`;
        // The hour the clocks go back is read twice, so its wall clock names two instants: left out.
        fc.pre(!isRepeatedHour(instant));
        const moment = instant + quarters * (HOUR / 4);
        assert.equal(endedBefore(wall, moment), moment > instant, `${wall} at ${new Date(moment).toISOString()}`);
        assert.equal(startsAfter(wall, moment), instant > moment, `${wall} at ${new Date(moment).toISOString()}`);
      },
    ),
    { numRuns: 3_000, seed: seedOr(20261213) },
  );
});

/** Whether the UK wall clock reads the same at this instant and an hour earlier or later (the autumn change). */
function isRepeatedHour(instant: number): boolean {
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', hour: '2-digit', day: '2-digit' });
  return clock.format(instant) === clock.format(instant - HOUR) || clock.format(instant) === clock.format(instant + HOUR);
}
