/**
 * A medicine's dosage in words. The dosage `text` is shown verbatim, as GP
 * systems hold it; failing that, the instruction written for the patient,
 * verbatim; failing that, what the structured dose and timing say, in plain
 * words and nothing more ("2 tablet, 1 time a day", "Up to 2 puff, QID, when
 * required for asthma, no more than 8 puff a day"): a structured dose is never
 * reported as "No information available", and no part of it is dropped — a
 * dose range with one end, a rate (`at a rate of 2 L/min`), a timing or a
 * reason sent only as a code (read as its code, `codedText`), how many doses
 * in all (`once only`), the most that may be taken in a period, the route,
 * method and site, and any additional instruction.
 *
 * With `text` (or only a patient instruction) the words lead, verbatim, and
 * the parts a clinician could not otherwise know follow after ` — `, unless
 * the words already say them: the instruction for the patient (GP Connect
 * sends "Take with food" there beside `text`), additional instructions,
 * route, method, site, rate and how many doses in all.
 */
import { readMoment } from './clinical-moment.js';
import { codedText, conceptText, presentText, quantityText, type ConceptLike } from './concept-text.js';

/** A recorded date in the reader's words (`01-Jan-2026`, `1 January 2026`). */
export type DosageDateFormat = (value: string) => string;

/** A FHIR Dosage, read defensively: real feeds carry the wrong types. */
interface DosageLike {
  text?: unknown;
  patientInstruction?: unknown;
  timing?: unknown;
  asNeededBoolean?: unknown;
  asNeededCodeableConcept?: unknown;
  doseAndRate?: unknown;
  maxDosePerPeriod?: unknown;
  route?: unknown;
  method?: unknown;
  site?: unknown;
  additionalInstruction?: unknown;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? presentText(value) : undefined);
const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

const UNITS: Record<string, [one: string, many: string]> = {
  s: ['second', 'seconds'],
  min: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  wk: ['week', 'weeks'],
  mo: ['month', 'months'],
  a: ['year', 'years'],
};

/** HL7 event timing codes (`Timing.repeat.when`) in words. */
const WHEN: Record<string, string> = {
  MORN: 'in the morning',
  'MORN.early': 'early in the morning',
  'MORN.late': 'late in the morning',
  NOON: 'at noon',
  AFT: 'in the afternoon',
  'AFT.early': 'early in the afternoon',
  'AFT.late': 'late in the afternoon',
  EVE: 'in the evening',
  'EVE.early': 'early in the evening',
  'EVE.late': 'late in the evening',
  NIGHT: 'at night',
  PHS: 'after sleep',
  HS: 'at bedtime',
  WAKE: 'on waking',
  C: 'with a meal',
  CM: 'with breakfast',
  CD: 'with lunch',
  CV: 'with the evening meal',
  AC: 'before a meal',
  ACM: 'before breakfast',
  ACD: 'before lunch',
  ACV: 'before the evening meal',
  PC: 'after a meal',
  PCM: 'after breakfast',
  PCD: 'after lunch',
  PCV: 'after the evening meal',
};

const DAYS: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const range = (low: number, high: number | undefined): string => (high !== undefined && high !== low ? `${low} to ${high}` : String(low));
const unitWords = (unit: string, count: number | undefined): string | undefined => UNITS[unit]?.[count === 1 ? 0 : 1];

/** A concept in words: its text or display, else its code (`SNOMED CT 195967001`, `QID`); `undefined` when it says nothing. */
const conceptSaid = (value: unknown): string | undefined =>
  isObject(value) ? (conceptText(value as ConceptLike) ?? codedText(value as ConceptLike)) : undefined;

const quantityOf = (value: unknown): string | undefined =>
  isObject(value) ? quantityText(value as Parameters<typeof quantityText>[0]) : undefined;

/** The dose: `2 tablet`, `1 to 2 tablet`, `up to 2 puff`, `at least 1 capsule`; the first dose-and-rate entry that says one. */
function doseWords(doseAndRate: unknown): string | undefined {
  for (const entry of Array.isArray(doseAndRate) ? doseAndRate : []) {
    if (!isObject(entry)) continue;
    const quantity = quantityOf(entry['doseQuantity']);
    if (quantity) return quantity;
    const doseRange = isObject(entry['doseRange']) ? entry['doseRange'] : {};
    const low = isObject(doseRange['low']) ? doseRange['low'] : {};
    const lowValue = typeof low['value'] === 'number' && Number.isFinite(low['value']) ? low['value'] : undefined;
    const highText = quantityOf(doseRange['high']);
    if (lowValue !== undefined && highText) return `${lowValue} to ${highText}`;
    if (highText) return `up to ${highText}`;
    const lowText = quantityOf(low);
    if (lowText) return `at least ${lowText}`;
  }
  return undefined;
}

/** The rate, for an infusion or oxygen: `at a rate of 2 L/min`, `at a rate of 1 to 2 L/min`, `at a rate of 5 mg per 1 h`. */
function rateWords(doseAndRate: unknown): string | undefined {
  for (const entry of Array.isArray(doseAndRate) ? doseAndRate : []) {
    if (!isObject(entry)) continue;
    const quantity = quantityOf(entry['rateQuantity']);
    if (quantity) return `at a rate of ${quantity}`;
    const rateRange = isObject(entry['rateRange']) ? entry['rateRange'] : {};
    const [low, high] = [quantityOf(rateRange['low']), quantityOf(rateRange['high'])];
    if (low && high) return `at a rate of ${low} to ${high}`;
    if (high) return `at a rate of up to ${high}`;
    if (low) return `at a rate of at least ${low}`;
    const ratio = isObject(entry['rateRatio']) ? entry['rateRatio'] : {};
    const [numerator, denominator] = [quantityOf(ratio['numerator']), quantityOf(ratio['denominator'])];
    if (numerator && denominator) return `at a rate of ${numerator} per ${denominator}`;
    if (numerator) return `at a rate of ${numerator}`;
  }
  return undefined;
}

/** How many doses in all (`Timing.repeat.count`, `countMax`): `once only`, `3 doses in all`, `2 to 4 doses in all`. */
function countWords(timing: unknown): string | undefined {
  const repeat = isObject(timing) && isObject(timing['repeat']) ? timing['repeat'] : {};
  const count = positive(repeat['count']);
  const countMax = positive(repeat['countMax']);
  if (count === undefined) return countMax === undefined ? undefined : `up to ${countMax} ${countMax === 1 ? 'dose' : 'doses'} in all`;
  if (count === 1 && (countMax === undefined || countMax === 1)) return 'once only';
  return `${range(count, countMax)} doses in all`;
}

/** Route, method and site, each labelled: `route: Subcutaneous`, `site: Left upper arm`. */
function wayWords(dosage: DosageLike): string[] {
  return (
    [
      ['route', dosage.route],
      ['method', dosage.method],
      ['site', dosage.site],
    ] as const
  ).flatMap(([label, concept]) => {
    const said = conceptSaid(concept);
    return said ? [`${label}: ${said}`] : [];
  });
}

/** Additional instructions (`Take with or just after food`), each in its words or as its code. */
const additionalWords = (additional: unknown): string[] =>
  (Array.isArray(additional) ? additional : []).flatMap((concept) => {
    const said = conceptSaid(concept);
    return said ? [said] : [];
  });

/** The most that may be taken in a period (`maxDosePerPeriod`, one Ratio in R4, a list in R5): `no more than 8 tablet a day`. */
function maximumWords(maxDosePerPeriod: unknown): string | undefined {
  const ratio: unknown = Array.isArray(maxDosePerPeriod) ? maxDosePerPeriod[0] : maxDosePerPeriod;
  if (!isObject(ratio)) return undefined;
  const most = quantityOf(ratio['numerator']);
  const per = isObject(ratio['denominator']) ? ratio['denominator'] : {};
  const count = positive(per['value']);
  const code = typeof per['code'] === 'string' ? per['code'] : undefined;
  const unit = (code && unitWords(code, count)) ?? text(per['unit']);
  if (!most || count === undefined || !unit) return undefined;
  return `no more than ${most} ${count === 1 ? `a ${unit}`.replace(/^a hour$/, 'an hour') : `in ${count} ${unit}`}`;
}

/** How often: `1 time a day`, `2 times a day`, `every 4 hours`, `1 to 2 times every 3 days`. */
function frequencyWords(repeat: Json): string | undefined {
  const frequency = positive(repeat['frequency']);
  const frequencyMax = positive(repeat['frequencyMax']);
  const period = positive(repeat['period']);
  const periodMax = positive(repeat['periodMax']);
  const unit = typeof repeat['periodUnit'] === 'string' ? repeat['periodUnit'] : undefined;
  if (period === undefined || unit === undefined || !UNITS[unit]) return undefined;
  const times = frequency ?? 1;
  const every =
    period === 1 && periodMax === undefined
      ? `a ${unitWords(unit, 1)}`.replace(/^a hour$/, 'an hour')
      : `every ${range(period, periodMax)} ${unitWords(unit, periodMax ?? period)}`;
  if (times === 1 && frequencyMax === undefined && every.startsWith('every')) return every;
  return `${range(times, frequencyMax)} ${(frequencyMax ?? times) === 1 ? 'time' : 'times'} ${every}`;
}

/** For how long: `for 7 days`. */
function durationWords(repeat: Json): string | undefined {
  const bounds = repeat['boundsDuration'];
  const duration = isObject(bounds) ? positive(bounds['value']) : positive(repeat['duration']);
  const unit = isObject(bounds) ? (bounds['code'] ?? bounds['unit']) : repeat['durationUnit'];
  if (duration === undefined || typeof unit !== 'string') return undefined;
  const words = unitWords(unit, duration);
  if (words) return `for ${duration} ${words}`;
  return isObject(bounds) && typeof bounds['unit'] === 'string' ? `for ${duration} ${bounds['unit']}` : undefined;
}

/** When a course runs (`Timing.repeat.boundsPeriod`): `from 01-Jan-2026 until 08-Jan-2026`; an unreadable date is left out. */
function boundsWords(repeat: Json, formatDate: DosageDateFormat): string | undefined {
  const bounds = isObject(repeat['boundsPeriod']) ? repeat['boundsPeriod'] : {};
  const when = (value: unknown): string | undefined =>
    typeof value === 'string' && readMoment(value) !== undefined ? formatDate(value) : undefined;
  const [start, end] = [when(bounds['start']), when(bounds['end'])];
  if (start && end) return `from ${start} until ${end}`;
  return start ? `from ${start}` : end ? `until ${end}` : undefined;
}

function timingWords(timing: unknown, formatDate: DosageDateFormat): string[] {
  if (!isObject(timing)) return [];
  const repeat = isObject(timing['repeat']) ? timing['repeat'] : {};
  const words: string[] = [];
  const frequency = frequencyWords(repeat);
  if (frequency) words.push(frequency);
  else {
    // A coded timing (`BID`) in the source's own words, when the repeat says nothing readable.
    const coded = conceptSaid(timing['code']);
    if (coded) words.push(coded);
  }
  const days = (Array.isArray(repeat['dayOfWeek']) ? repeat['dayOfWeek'] : []).flatMap((day) =>
    typeof day === 'string' && DAYS[day] ? [DAYS[day]] : [],
  );
  if (days.length > 0) words.push(`on ${days.join(', ')}`);
  const times = (Array.isArray(repeat['timeOfDay']) ? repeat['timeOfDay'] : []).flatMap((time) =>
    typeof time === 'string' && /^\d\d:\d\d/.test(time) ? [time.slice(0, 5)] : [],
  );
  if (times.length > 0) words.push(`at ${times.join(', ')}`);
  const when = (Array.isArray(repeat['when']) ? repeat['when'] : []).flatMap((code) =>
    typeof code === 'string' && WHEN[code] ? [WHEN[code]] : [],
  );
  if (when.length > 0) words.push(when.join(', '));
  const duration = durationWords(repeat);
  if (duration) words.push(duration);
  const bounds = boundsWords(repeat, formatDate);
  if (bounds) words.push(bounds);
  return words;
}

function asNeededWords(dosage: DosageLike): string | undefined {
  const reason = conceptSaid(dosage.asNeededCodeableConcept);
  if (reason) return `when required for ${reason}`;
  return dosage.asNeededBoolean === true || isObject(dosage.asNeededCodeableConcept) ? 'when required' : undefined;
}

/** What the structured parts of one dosage say; `undefined` when they say nothing. */
function structuredDosage(dosage: DosageLike, formatDate: DosageDateFormat): string | undefined {
  const parts = [
    doseWords(dosage.doseAndRate),
    rateWords(dosage.doseAndRate),
    ...timingWords(dosage.timing, formatDate),
    countWords(dosage.timing),
    asNeededWords(dosage),
    maximumWords(dosage.maxDosePerPeriod),
    ...wayWords(dosage),
    ...additionalWords(dosage.additionalInstruction),
  ].filter((part): part is string => part !== undefined);
  if (parts.length === 0) return undefined;
  const words = parts.join(', ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What the words of a dosage may leave out: the patient instruction (when
 * `text` leads), additional instructions, route, method, site, rate and how
 * many doses in all — each one the words do not already say.
 */
function untold(dosage: DosageLike, words: string, patientInstruction: string | undefined): string[] {
  const said = words.toLowerCase().replace(/\s+/g, ' ');
  const parts = [
    ...(patientInstruction ? [patientInstruction] : []),
    ...additionalWords(dosage.additionalInstruction),
    ...wayWords(dosage),
    rateWords(dosage.doseAndRate),
    countWords(dosage.timing),
  ].filter((part): part is string => part !== undefined);
  // `route: Oral` is told by words that say "oral"; an instruction by words that contain it.
  return parts.filter(
    (part) =>
      !said.includes(
        part
          .replace(/^(?:route|method|site): /, '')
          .toLowerCase()
          .replace(/\s+/g, ' '),
      ),
  );
}

/**
 * One line for a list of dosage instructions (each in order, joined by `; `):
 * each one's text verbatim, else its patient instruction, else its structured
 * dose and timing in words, a course's dates by `formatDate`; after the words,
 * the parts they do not say (`untold`). `undefined` when none of them says anything.
 */
export function dosageText(dosages: unknown, formatDate: DosageDateFormat): string | undefined {
  const lines = (Array.isArray(dosages) ? dosages : []).flatMap((dosage: unknown) => {
    if (!isObject(dosage)) return [];
    const written = text(dosage['text']);
    const forPatient = text(dosage['patientInstruction']);
    const lead = written ?? forPatient;
    if (!lead) {
      const structured = structuredDosage(dosage, formatDate);
      return structured ? [structured] : [];
    }
    const more = untold(dosage, lead, written ? forPatient : undefined);
    return [more.length > 0 ? `${lead} — ${more.join(', ')}` : lead];
  });
  return lines.length > 0 ? lines.join('; ') : undefined;
}
