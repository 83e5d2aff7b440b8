import { NOT_KNOWN } from './placeholders.js';
import { dayNumber, daysInMonth, readCivilTime, type CivilTime } from './uk-civil-time.js';

/** Age in completed units, on the UK civil calendar. */
export interface Age {
  years: number;
  /** Completed months since the last birthday (0-11). */
  months: number;
  /** Days since the last monthly anniversary of birth. */
  days: number;
  /** Calendar days since the date of birth. */
  totalDays: number;
  /** Completed minutes since birth; only when both the birth and the moment carry a time of day. */
  totalMinutes?: number;
}

type CivilDate = CivilTime & { month: number; day: number };

const isDayPrecise = (time: CivilTime | undefined): time is CivilDate => time?.month !== undefined && time.day !== undefined;
const dayOf = (date: CivilDate): number => dayNumber(date.year, date.month, date.day);

/**
 * Day number of the k-th monthly anniversary of a birth. When that month has no
 * such day (29 February in a common year, 31 April) the anniversary falls on the
 * 1st of the next month: the UK convention that someone born on 29 February
 * comes of age on 1 March in a common year, applied to months as well.
 */
function monthlyAnniversary(birth: CivilDate, monthsAfter: number): number {
  const monthIndex = birth.month - 1 + monthsAfter;
  const year = birth.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = daysInMonth(year, month);
  return birth.day > lastDay ? dayNumber(year, month, lastDay) + 1 : dayNumber(year, month, birth.day);
}

/**
 * Age at a moment (now by default). Birthdays count from the start of the day,
 * as in UK law. Returns `undefined` when either date is unreadable or less
 * precise than a day, or when the birth is after the moment.
 */
export function ageAt(birthDate: string, at: Date | string = new Date()): Age | undefined {
  const birth = readCivilTime(birthDate);
  const moment = readCivilTime(at);
  if (!isDayPrecise(birth) || !isDayPrecise(moment)) return undefined;

  const today = dayOf(moment);
  const totalDays = today - dayOf(birth);
  const elapsed = birth.instant !== undefined && moment.instant !== undefined ? moment.instant - birth.instant : undefined;
  if (totalDays < 0 || (elapsed ?? 0) < 0) return undefined;

  let completedMonths = (moment.year - birth.year) * 12 + moment.month - birth.month;
  if (monthlyAnniversary(birth, completedMonths) > today) completedMonths--;
  const age: Age = {
    years: Math.floor(completedMonths / 12),
    months: completedMonths % 12,
    days: today - monthlyAnniversary(birth, completedMonths),
    totalDays,
  };
  if (elapsed !== undefined) age.totalMinutes = Math.floor(elapsed / 60_000);
  return age;
}

/**
 * Age in the CUI bands: under 2 hours `45min`; under 2 days `26h`; under
 * 4 weeks `17d`; under a year `4w 1d`; under 2 years `13m 8d`; under 18 `4y 1m`;
 * then `61y`. Minutes and hours need a birth time; with a date of birth alone a
 * newborn is `0d` or `1d`. Unreadable or future births give `Not known`.
 */
export function formatAge(birthDate: string, at?: Date | string): string {
  const age = ageAt(birthDate, at);
  if (!age) return NOT_KNOWN;
  const { years, months, days, totalDays, totalMinutes } = age;
  if (totalMinutes !== undefined && totalMinutes < 2 * 24 * 60) {
    return totalMinutes < 120 ? `${totalMinutes}min` : `${Math.floor(totalMinutes / 60)}h`;
  }
  if (totalDays < 28) return `${totalDays}d`;
  if (years < 1) return `${Math.floor(totalDays / 7)}w ${totalDays % 7}d`;
  if (years < 2) return `${12 + months}m ${days}d`;
  if (years < 18) return `${years}y ${months}m`;
  return `${years}y`;
}

/** Age at death, in the same bands as {@link formatAge}. */
export function formatAgeAtDeath(birthDate: string, deathDate: string | Date): string {
  return formatAge(birthDate, deathDate);
}
