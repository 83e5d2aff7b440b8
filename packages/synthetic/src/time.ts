/**
 * Time for the synthetic record: UTC milliseconds inside, FHIR strings
 * outside. Date-times carry the UK civil offset (`+00:00` in GMT, `+01:00` in
 * BST) as a London system would send them; instants are UTC (`Z`). Only UTC
 * arithmetic is used, so the output never depends on the machine's time zone.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
export const YEAR = 365.2425 * DAY;

const bstBounds = new Map<number, readonly [number, number]>();

/** 01:00 UTC on the last Sunday of March and of October: the BST changeovers. */
function bstFor(year: number): readonly [number, number] {
  let bounds = bstBounds.get(year);
  if (!bounds) {
    const lastSunday = (month: number): number => {
      const lastDay = Date.UTC(year, month, 31, 1);
      return lastDay - new Date(lastDay).getUTCDay() * DAY;
    };
    bounds = [lastSunday(2), lastSunday(9)];
    bstBounds.set(year, bounds);
  }
  return bounds;
}

/** Offset of UK civil time from UTC at an instant (the post-1996 rule, applied to every year). */
export function ukOffsetMs(instant: number): number {
  const [start, end] = bstFor(new Date(instant).getUTCFullYear());
  return instant >= start && instant < end ? HOUR : 0;
}

/** The UTC instant of a wall-clock time in London. */
export function londonTime(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  return wall - ukOffsetMs(wall - ukOffsetMs(wall));
}

/** The same civil day as `instant`, at a given London wall-clock time. */
export function atLondonTime(instant: number, hour: number, minute = 0): number {
  const wall = new Date(instant + ukOffsetMs(instant));
  return londonTime(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), hour, minute);
}

/** Day of the week in London, 0 = Sunday. */
export function londonWeekday(instant: number): number {
  return new Date(instant + ukOffsetMs(instant)).getUTCDay();
}

/** FHIR dateTime in UK civil time, to the second: `2026-11-20T08:15:00+00:00`. */
export function fhirDateTime(instant: number): string {
  const offset = ukOffsetMs(instant);
  return `${new Date(instant + offset).toISOString().slice(0, 19)}${offset ? '+01:00' : '+00:00'}`;
}

/** FHIR date (the UK civil day): `2026-11-20`. */
export function fhirDate(instant: number): string {
  return new Date(instant + ukOffsetMs(instant)).toISOString().slice(0, 10);
}

/** FHIR instant in UTC, to the second: `2026-11-20T08:15:00Z`. */
export function fhirInstant(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}Z`;
}

/** Reads the `now` option: any ISO 8601 date-time `Date.parse` accepts, with a zone. */
export function parseInstant(text: string): number {
  const instant = Date.parse(text);
  if (Number.isNaN(instant)) throw new RangeError(`Not a date-time: ${text}`);
  return instant;
}

/** Rounds an instant down to the minute: records are kept to the minute. */
export function toMinute(instant: number): number {
  return instant - (((instant % MINUTE) + MINUTE) % MINUTE);
}
