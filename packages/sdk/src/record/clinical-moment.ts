/**
 * When something happened, on the UK civil calendar: the day it belongs to
 * (for grouping and ordering) and the instant behind it when the source gave a
 * time of day. Built on the format helpers' UK civil time, never the host's
 * time zone.
 */
import { readCivilTime } from '../format/uk-civil-time.js';

export interface ClinicalMoment {
  /** The value as the source recorded it, for the format helpers; the date alone when `recordedMoment` read its clock as no time. */
  value: string;
  /** UK calendar day `2026-03-29`; a partial date stays partial: `2026-03`, `2026`. */
  isoDate: string;
  /** Orders by UK calendar day: `yyyymmdd`, with `00` for a month or day the source did not give. */
  dayKey: number;
  /** UTC milliseconds, when the source gave a time of day. */
  instant?: number;
  /** UK time of day, 24-hour `HH:mm` (as `formatClinicalTime`), when the source gave one. */
  time?: string;
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/**
 * Reads a FHIR `date`/`dateTime`/`instant` or a `Date` with its clock as
 * written: for booked times and clock readings. A recorded fact is read with
 * `recordedMoment`. `undefined` when absent, blank or not a real date.
 */
export function readMoment(input: string | Date | undefined): ClinicalMoment | undefined {
  if (input === undefined) return undefined;
  const value = input instanceof Date ? (Number.isNaN(input.getTime()) ? '' : input.toISOString()) : input;
  if (value.trim() === '') return undefined;
  const civil = readCivilTime(value);
  if (!civil) return undefined;
  const { year, month, day, hour, minute, instant } = civil;
  const yearText = String(year).padStart(4, '0');
  const isoDate =
    month === undefined
      ? yearText
      : day === undefined
        ? `${yearText}-${twoDigits(month)}`
        : `${yearText}-${twoDigits(month)}-${twoDigits(day)}`;
  const moment: ClinicalMoment = { value, isoDate, dayKey: year * 10_000 + (month ?? 0) * 100 + (day ?? 0) };
  if (instant !== undefined) moment.instant = instant;
  if (hour !== undefined) moment.time = `${twoDigits(hour)}:${twoDigits(minute ?? 0)}`;
  return moment;
}

/**
 * Oldest first: by UK day, then by time of day, a day without a time before
 * the timed moments of that day. A missing moment sorts before every other.
 */
export function compareMoments(a: ClinicalMoment | undefined, b: ClinicalMoment | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  if (a.dayKey !== b.dayKey) return a.dayKey - b.dayKey;
  return (a.instant ?? -Infinity) - (b.instant ?? -Infinity) || 0;
}

/** The first of `values` that reads as a date, its clock kept as written (see `readMoment`). */
export function firstMoment(...values: (string | undefined)[]): ClinicalMoment | undefined {
  for (const value of values) {
    const moment = readMoment(value);
    if (moment) return moment;
  }
  return undefined;
}

/** A date-time whose clock, as written, is exactly midnight: `2026-03-29T00:00:00`, `T00:00`, `T00:00:00.000Z`, `T00:00:00+05:30`. */
const WRITTEN_MIDNIGHT = /^(\d{4}-\d\d-\d\d)T00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d\d:\d\d)?$/;

const MINUTE = 60_000;

/**
 * When a recorded fact happened: a result taken, an encounter, a reaction, an
 * allergy recorded. Many systems hold such a fact as a date and send it as a
 * date-time at midnight, so a clock of exactly midnight is not a time anyone
 * recorded: the fact is read as the date alone, and no time of day is shown
 * (a clinician must not read "00:00" as when a sample was taken). Midnight as
 * written (whatever the offset) keeps the day as written, since the offset
 * then only says where the sending system stood; a UK midnight sent in another
 * offset (`2026-06-14T23:00:00Z`, a UK date stored as UTC) is that UK day.
 * Any other time, even a minute past midnight, is kept as a time.
 *
 * A booked time (an appointment's start or end) or a clock reading (now, a
 * resource's `lastUpdated`) is not a recorded fact: read it with `readMoment`,
 * where midnight is midnight.
 */
export function recordedMoment(input: string | undefined): ClinicalMoment | undefined {
  const exact = readMoment(input);
  if (input === undefined || exact?.instant === undefined) return exact;
  const writtenDay = WRITTEN_MIDNIGHT.exec(input.trim())?.[1];
  const ukMidnight = exact.time === '00:00' && ((exact.instant % MINUTE) + MINUTE) % MINUTE === 0;
  if (writtenDay === undefined && !ukMidnight) return exact;
  return readMoment(writtenDay ?? exact.isoDate);
}

/** The first of `values` that reads as a date, each read as a recorded fact (see `recordedMoment`). */
export function firstRecordedMoment(...values: (string | undefined)[]): ClinicalMoment | undefined {
  for (const value of values) {
    const moment = recordedMoment(value);
    if (moment) return moment;
  }
  return undefined;
}

/** The latest of the moments given; `undefined` when there are none. */
export function latestMoment(moments: Iterable<ClinicalMoment | undefined>): ClinicalMoment | undefined {
  let latest: ClinicalMoment | undefined;
  for (const moment of moments) if (moment && compareMoments(moment, latest) > 0) latest = moment;
  return latest;
}

/** The number written by `count` digits from `from`; `NaN` when any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let at = from; at < from + count; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** The last UK day (`dayKey`) a moment can be on: a month or a year given alone covers the whole of it. */
export const lastDayKey = (moment: ClinicalMoment): number =>
  moment.dayKey % 10_000 === 0 ? moment.dayKey + 1231 : moment.dayKey % 100 === 0 ? moment.dayKey + 31 : moment.dayKey;

/**
 * The latest `dayKey` that `readMoment(value)` or `recordedMoment(value)` could give, from the first
 * characters alone (a few operations, where reading the moment takes a
 * regular expression and the UK clock): the day written, or the day after
 * when a time of day follows (its offset can move it to the next UK day).
 * `-1` when `readMoment` gives nothing (not a string, or not starting as a
 * date does); `Infinity` when it cannot tell.
 */
export function latestDayKey(value: unknown): number {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? -1 : latestDayKey(value.toISOString());
  if (typeof value !== 'string') return -1;
  let text = value;
  const first = text.charCodeAt(0);
  // `readMoment` trims; anything shorter than a year or not starting with digits is not a date to it.
  if (!(first >= 48 && first <= 57)) text = text.trimStart();
  if (text.length < 4) return -1;
  const year = digits(text, 0, 4);
  if (Number.isNaN(year)) return -1;
  if (text.length === 4) return year * 10_000;
  const month = digits(text, 5, 2);
  if (text.charCodeAt(4) !== 45 || Number.isNaN(month)) return text.trimEnd().length === 4 ? year * 10_000 : -1;
  if (text.length === 7) return year * 10_000 + month * 100;
  const day = digits(text, 8, 2);
  if (text.charCodeAt(7) !== 45 || Number.isNaN(day)) return text.trimEnd().length === 7 ? year * 10_000 + month * 100 : -1;
  if (text.length === 10) return year * 10_000 + month * 100 + day;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31) return Number.POSITIVE_INFINITY;
  if (day < 28) return year * 10_000 + month * 100 + day + 1;
  const next = new Date(0);
  next.setUTCFullYear(year, month - 1, day + 1);
  return next.getUTCFullYear() * 10_000 + (next.getUTCMonth() + 1) * 100 + next.getUTCDate();
}
