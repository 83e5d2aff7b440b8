/**
 * FHIR `date`/`dateTime` reading and UK civil time, built on UTC arithmetic
 * only: no `Intl`, no host time zone, so a clinical date reads the same on
 * every machine that shows the record.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A moment on the UK civil calendar, as precise as its source: a year, a month,
 * a day, or a wall-clock time in Europe/London with the UTC instant behind it.
 */
export interface CivilTime {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  /** UTC milliseconds, when the source named a time of day. */
  instant?: number;
}

// FHIR R4 date / dateTime. Seconds are optional because feeds drop them.
const FHIR_DATE_TIME = /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?)?)?$/;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);

/** UTC milliseconds of a calendar date and time; months and days may overflow. */
function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 19xx.
  return new Date(Date.UTC(2000, 0, 1, hour, minute, second)).setUTCFullYear(year, month - 1, day);
}

/** Days since 1970-01-01 of a calendar date. */
export const dayNumber = (year: number, month: number, day: number): number => utcMs(year, month, day) / DAY;

const lastSundayMs = (year: number, month: number): number => {
  const lastDay = utcMs(year, month, 31); // March and October both have 31 days
  return lastDay - new Date(lastDay).getUTCDay() * DAY;
};

/**
 * Offset of UK civil time from UTC at an instant: BST (+1 h) from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October, else GMT.
 * This is the rule in force since 1996; it is applied to every year, so instants
 * near a changeover before 1996 may be an hour out.
 */
function ukOffsetMs(instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  return instant >= lastSundayMs(year, 3) + HOUR && instant < lastSundayMs(year, 10) + HOUR ? HOUR : 0;
}

function fromInstant(instant: number): CivilTime {
  const wall = new Date(instant + ukOffsetMs(instant));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    instant,
  };
}

/**
 * Reads a FHIR `date`/`dateTime` string or a `Date`. A time with an offset is
 * moved to UK civil time. A time without one (not valid FHIR, but seen in
 * feeds) is taken as UK civil time already. Returns `undefined` when the value
 * is not a real calendar date.
 */
export function readCivilTime(value: string | Date): CivilTime | undefined {
  if (value instanceof Date) {
    const instant = value.getTime();
    return Number.isNaN(instant) ? undefined : fromInstant(instant);
  }
  const match = FHIR_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, zone] = match;
  const year = Number(yearText);
  if (year < 1) return undefined;
  if (monthText === undefined) return { year };
  const month = Number(monthText);
  if (month < 1 || month > 12) return undefined;
  if (dayText === undefined) return { year, month };
  const day = Number(dayText);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hourText === undefined) return { year, month, day };

  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText ?? 0);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const wall = utcMs(year, month, day, hour, minute, second) + Math.floor(Number(fraction ?? 0) * 1000);
  if (zone === undefined) return fromInstant(wall - ukOffsetMs(wall - HOUR));
  if (zone === 'Z') return fromInstant(wall);
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(4));
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const offset = (offsetHours * HOUR + offsetMinutes * MINUTE) * (zone[0] === '-' ? -1 : 1);
  return fromInstant(wall - offset);
}
