import { NOT_KNOWN, NOT_RECORDED } from './placeholders.js';
import { readCivilTime, type CivilTime } from './uk-civil-time.js';

/** A FHIR `date`/`dateTime` string, a `Date`, or nothing recorded. */
export type ClinicalDateInput = string | Date | undefined | null;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const twoDigits = (value: number): string => String(value).padStart(2, '0');
const yearText = (year: number): string => String(year).padStart(4, '0');
const monthName = (month: number): string => MONTHS[month - 1] ?? '';

function formatWith(value: ClinicalDateInput, render: (time: CivilTime) => string): string {
  if (value == null || (typeof value === 'string' && value.trim() === '')) return NOT_RECORDED;
  const time = readCivilTime(value);
  return time ? render(time) : NOT_KNOWN;
}

function clinicalDate({ year, month, day }: CivilTime): string {
  if (month === undefined) return yearText(year);
  const monthYear = `${monthName(month).slice(0, 3)}-${yearText(year)}`;
  return day === undefined ? monthYear : `${twoDigits(day)}-${monthYear}`;
}

const clinicalTime = ({ hour, minute }: CivilTime): string | undefined =>
  hour === undefined ? undefined : `${twoDigits(hour)}:${twoDigits(minute ?? 0)}`;

/**
 * Clinician date, CUI style: `05-Apr-2008`; a FHIR partial date stays partial
 * (`Apr-2008`, `2008`). A date and time is shown as its date in UK civil time.
 * Nothing recorded gives `Not recorded`; an unreadable value gives `Not known`.
 */
export function formatClinicalDate(value: ClinicalDateInput): string {
  return formatWith(value, clinicalDate);
}

/**
 * Clinician time, 24-hour `HH:mm` in UK civil time. A value with no time of
 * day gives `Not recorded`: no time is invented.
 */
export function formatClinicalTime(value: ClinicalDateInput): string {
  return formatWith(value, (time) => clinicalTime(time) ?? NOT_RECORDED);
}

/** Clinician date and time: `05-Apr-2008 14:07`; a value with no time of day shows its date only. */
export function formatClinicalDateTime(value: ClinicalDateInput): string {
  return formatWith(value, (time) => {
    const date = clinicalDate(time);
    const clock = clinicalTime(time);
    return clock ? `${date} ${clock}` : date;
  });
}

/**
 * Resident date, NHS service manual style: `6 August 2018`, `August 2018`,
 * `2018`. A date and time is shown as its date in UK civil time.
 */
export function formatResidentDate(value: ClinicalDateInput): string {
  return formatWith(value, ({ year, month, day }) => {
    if (month === undefined) return yearText(year);
    const monthYear = `${monthName(month)} ${yearText(year)}`;
    return day === undefined ? monthYear : `${day} ${monthYear}`;
  });
}

const residentClock = ({ hour, minute }: CivilTime): string | undefined => {
  if (hour === undefined) return undefined;
  const minutes = minute ?? 0;
  if (minutes === 0 && hour === 0) return 'midnight';
  if (minutes === 0 && hour === 12) return 'midday';
  const suffix = hour >= 12 ? 'pm' : 'am';
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return minutes === 0 ? `${twelve}${suffix}` : `${twelve}:${twoDigits(minutes)}${suffix}`;
};

/**
 * Resident time, NHS service manual style, in UK civil time: `9am`,
 * `2:30pm`, `midday`, `midnight`. A value with no time of day gives
 * `Not recorded`: no time is invented.
 */
export function formatResidentTime(value: ClinicalDateInput): string {
  return formatWith(value, (time) => residentClock(time) ?? NOT_RECORDED);
}

/** Resident date and time: `6 August 2018, 2:30pm`; a value with no time of day shows its date only. */
export function formatResidentDateTime(value: ClinicalDateInput): string {
  return formatWith(value, (time) => {
    const date = formatResidentDate(value);
    const clock = residentClock(time);
    return clock ? `${date}, ${clock}` : date;
  });
}
