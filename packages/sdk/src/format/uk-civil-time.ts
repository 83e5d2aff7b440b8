/**
 * FHIR `date`/`dateTime` reading and UK civil time. Calendar arithmetic is done
 * in UTC; the UK's offset at an instant comes from the platform's time zone
 * database (`Intl`, `Europe/London`), which carries the UK's real history —
 * British Standard Time in 1968–71, the changeover dates before 1996, double
 * summer time in the war — so a clinical time reads the same on every machine
 * whatever its own time zone or locale.
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

/** Reads Europe/London's wall clock; numbers only, so the locale's month names and digits play no part. */
const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The offset the platform's Europe/London has at an instant (a few microseconds each: used sparingly, below). */
function londonOffset(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of londonClock.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = utcMs(
    parts['year'] ?? 1970,
    parts['month'] ?? 1,
    parts['day'] ?? 1,
    parts['hour'] ?? 0,
    parts['minute'] ?? 0,
    parts['second'] ?? 0,
  );
  return Number.isFinite(wall) ? wall - Math.floor(instant / 1000) * 1000 : 0;
}

/** A year's offsets as segments, each from an instant (UTC ms) to the next; the UK changes at most once a month. */
const segmentsByYear = new Map<number, { from: number; offset: number }[]>();

function segmentsOf(year: number): { from: number; offset: number }[] {
  const known = segmentsByYear.get(year);
  if (known) return known;
  const starts = Array.from({ length: 13 }, (_, index) => utcMs(year, index + 1, 1));
  const offsets = starts.map(londonOffset);
  const segments = [{ from: starts[0] ?? 0, offset: offsets[0] ?? 0 }];
  for (let month = 0; month < 12; month += 1) {
    const before = offsets[month] ?? 0;
    const after = offsets[month + 1] ?? 0;
    if (before === after) continue;
    // The change is on the hour: find the first hour of the month with the new offset.
    let low = (starts[month] ?? 0) / HOUR;
    let high = (starts[month + 1] ?? 0) / HOUR;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (londonOffset(middle * HOUR) === before) low = middle;
      else high = middle;
    }
    segments.push({ from: high * HOUR, offset: after });
  }
  segmentsByYear.set(year, segments);
  return segments;
}

/** Offset of UK civil time from UTC at an instant, as the UK kept it that day. */
function ukOffsetMs(instant: number): number {
  const segments = segmentsOf(new Date(instant).getUTCFullYear());
  let offset = segments[0]?.offset ?? 0;
  for (const segment of segments) if (segment.from <= instant) offset = segment.offset;
  return offset;
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
  // A leap second (`:60`) is the last second of the minute written, on the day written.
  const second = Math.min(Number(secondText ?? 0), 59);
  if (hour > 23 || minute > 59 || Number(secondText ?? 0) > 60) return undefined;
  const wall = utcMs(year, month, day, hour, minute, second) + Math.floor(Number(fraction ?? 0) * 1000);
  if (zone === undefined) return fromInstant(wall - ukOffsetMs(wall - HOUR));
  if (zone === 'Z') return fromInstant(wall);
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(4));
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const offset = (offsetHours * HOUR + offsetMinutes * MINUTE) * (zone[0] === '-' ? -1 : 1);
  return fromInstant(wall - offset);
}
