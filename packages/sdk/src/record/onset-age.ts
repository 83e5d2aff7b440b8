/**
 * An onset (or abatement) given as an age or a range of ages — `Age 5 years`,
 * `Age 5–10 years` — as conditions and allergies record it. FHIR's Age is a
 * UCUM quantity of time (`a`, `mo`, `wk`, `d`, `h`, `min`): the code is put in
 * words, never shown as a bare unit ("Age 5 a").
 */
import { tidyText as tidy } from './concept-text.js';

interface AgeLike {
  value?: unknown;
  comparator?: unknown;
  unit?: unknown;
  code?: unknown;
}

/** UCUM time units, and the words feeds send for them, to singular and plural words. */
const TIME_UNITS: ReadonlyMap<string, readonly [string, string]> = new Map<string, readonly [string, string]>([
  ...['a', 'ann', 'yr', 'yrs', 'y', 'year', 'years'].map((unit) => [unit, ['year', 'years']] as const),
  ...['mo', 'month', 'months'].map((unit) => [unit, ['month', 'months']] as const),
  ...['wk', 'week', 'weeks'].map((unit) => [unit, ['week', 'weeks']] as const),
  ...['d', 'day', 'days'].map((unit) => [unit, ['day', 'days']] as const),
  ...['h', 'hour', 'hours'].map((unit) => [unit, ['hour', 'hours']] as const),
  ...['min', 'minute', 'minutes'].map((unit) => [unit, ['minute', 'minutes']] as const),
]);

const COMPARATORS: Readonly<Record<string, string>> = { '<': 'under ', '<=': 'up to ', '>': 'over ', '>=': 'at least ' };

const asAge = (value: unknown): AgeLike | undefined => (typeof value === 'object' && value !== null ? (value as AgeLike) : undefined);

interface AgeParts {
  number: string;
  /** The unit in words, singular or plural to suit the number; `undefined` when the source gave none. */
  unit: string | undefined;
  /** The unit whatever the number, to tell whether both ends of a range share it. */
  kind: string;
}

/** The age's number and unit in words; `undefined` when there is no number. */
function ageParts(value: unknown): AgeParts | undefined {
  const age = asAge(value);
  if (typeof age?.value !== 'number' || !Number.isFinite(age.value)) return undefined;
  const recorded = tidy(typeof age.unit === 'string' ? age.unit : undefined) || tidy(typeof age.code === 'string' ? age.code : undefined);
  const words = TIME_UNITS.get(recorded.toLowerCase()) ?? TIME_UNITS.get(tidy(typeof age.code === 'string' ? age.code : undefined));
  const unit = words ? words[age.value === 1 ? 0 : 1] : recorded || undefined;
  const comparator = typeof age.comparator === 'string' ? (COMPARATORS[age.comparator] ?? '') : '';
  return { number: `${comparator}${age.value}`, unit, kind: words?.[1] ?? recorded };
}

const withUnit = (parts: AgeParts): string => (parts.unit ? `${parts.number} ${parts.unit}` : parts.number);

/** `Age 5 years`; `undefined` when the age has no number. */
export function ageText(value: unknown): string | undefined {
  const parts = ageParts(value);
  return parts ? `Age ${withUnit(parts)}` : undefined;
}

/** `Age 5–10 years`, `Age 6 months–2 years`, `From age 2 years`, `Up to age 10 years`; `undefined` when neither end has a number. */
export function ageRangeText(value: unknown): string | undefined {
  const range = asAge(value) as { low?: unknown; high?: unknown } | undefined;
  const low = ageParts(range?.low);
  const high = ageParts(range?.high);
  if (low && high) return low.kind === high.kind ? `Age ${low.number}–${withUnit(high)}` : `Age ${withUnit(low)}–${withUnit(high)}`;
  if (low) return `From age ${withUnit(low)}`;
  if (high) return `Up to age ${withUnit(high)}`;
  return undefined;
}

const DATE_OF_BIRTH = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?/;

/**
 * The UK calendar day (`yyyy-mm-dd`) on which a person born on `birthDate`
 * reaches `age`, for an age recorded in place of a date (an abatement, an
 * onset); `undefined` when the age has no number or no unit of time, or the
 * date of birth cannot be read. A date of birth given only as a year or month
 * is taken at its last day, so the day is never placed earlier than it can be.
 * Hours and minutes count as the days they add up to.
 */
export function dayAgeReached(birthDate: unknown, age: unknown): string | undefined {
  const born = DATE_OF_BIRTH.exec(typeof birthDate === 'string' ? birthDate.trim() : '');
  const parts = ageParts(age);
  const value = asAge(age)?.value as number | undefined;
  if (!born || !parts || value === undefined || value < 0) return undefined;
  const year = Number(born[1]);
  const month = born[2] ? Number(born[2]) - 1 : 11;
  const day = born[3] ? Number(born[3]) : new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const whole = Math.floor(value);
  const add: Record<string, [years: number, months: number, days: number]> = {
    years: [whole, 0, 0],
    months: [0, whole, 0],
    weeks: [0, 0, Math.floor(value * 7)],
    days: [0, 0, whole],
    hours: [0, 0, Math.floor(value / 24)],
    minutes: [0, 0, Math.floor(value / 1440)],
  };
  const [years, months, days] = add[parts.kind] ?? [];
  if (years === undefined || months === undefined || days === undefined) return undefined;
  // A birthday on 29 February, or the 31st, falls on the last day of a shorter month.
  const monthStart = new Date(Date.UTC(year + years, month + months, 1));
  const lastDay = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 0)).getUTCDate();
  const reached = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth(), Math.min(day, lastDay) + days));
  return Number.isNaN(reached.getTime()) ? undefined : reached.toISOString().slice(0, 10);
}
