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
