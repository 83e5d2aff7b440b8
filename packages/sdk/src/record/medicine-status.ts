/**
 * What a medicine record says about now: the one rule the medication list and
 * the summary's medication headline both use, so that they never disagree
 * about whether a medicine is current.
 *
 * - A "do not give" order (`doNotPerform: true`, a FHIR R4 modifier) is an
 *   instruction not to give the medicine: never a medicine being taken.
 * - Only an order (a prescription or an issue: `order`, `original-order`,
 *   `reflex-order`, `filler-order`, `instance-order`) or a GP authorisation
 *   (`plan`, as GP Connect and UK Core record a repeat or acute authorisation)
 *   is a medicine prescribed; a `proposal` or an `option` is a suggestion that
 *   no one has prescribed. A request without a recognised intent is read as an
 *   order, so that a current medicine from a server that leaves intent out is
 *   never hidden.
 * - Current: active, on hold, draft or of unknown status (a request); active,
 *   on hold, intended or of unknown status (a statement); a status the source
 *   recorded that is not a FHIR code is unknown, shown as "Not known".
 * - A record whose course has ended (`courseEnd`: a statement's
 *   `effectivePeriod.end`, or the ends of all its dosage lines'
 *   `timing.repeat.boundsPeriod`/`boundsDuration`, passed) is a finished
 *   course (read as `completed`, "Course ended <date>"), whatever status it
 *   still carries: never current because only its words say it ended.
 * - A current prescription whose validity period has ended is still current
 *   (no one stopped it; it may still be taken) but says it has expired
 *   (`prescriptionExpiry`), so it is reviewed rather than read as in date.
 * - Past: stopped, completed, cancelled, not taken. Entered in error is nothing.
 *
 * One medicine recorded several times (a GP authorisation, a hospital order, a
 * statement that it is being taken) is tagged by every current record of it,
 * in the list and the summary alike (`medicineStatus`): on hold (a source
 * holds it back) first, then active, which governs over a draft or intended
 * entry (one not yet started reads so only when nothing is active), and a
 * status no source knows last. Its prescription has expired when
 * one of its current prescriptions has passed its validity end and none is
 * still in date (`prescriptionExpiry`). No record's word is taken over the
 * others' because of which record is ranked first.
 */
import { NOT_KNOWN } from '../format/placeholders.js';
import { daysInMonth } from '../format/uk-civil-time.js';
import { readMoment, recordedMoment } from './clinical-moment.js';
import { fhirCode } from './status-code.js';
import { endedBefore, endOrder } from './summary/context.js';

/** Status as the source recorded it (MedicationRequest and MedicationStatement codes together). */
export type MedicationStatus =
  'active' | 'on-hold' | 'intended' | 'draft' | 'unknown' | 'stopped' | 'completed' | 'cancelled' | 'not-taken';

/**
 * Where a medicine record belongs: a medicine being taken (`current`), one no
 * longer taken (`past`), a "do not give" instruction, a proposal no one has
 * prescribed, or a record entered in error (never shown).
 */
export type MedicineStanding = 'current' | 'past' | 'do-not-give' | 'proposed' | 'entered-in-error';

/** MedicationRequest statuses that are current: what the record page asks a server for. */
export const CURRENT_REQUEST_STATUSES = ['active', 'on-hold', 'draft', 'unknown'] as const;
/** MedicationStatement statuses that are current: what the record page asks a server for. */
export const CURRENT_STATEMENT_STATUSES = ['active', 'on-hold', 'intended', 'unknown'] as const;

export const CURRENT_MEDICATION_STATUSES: ReadonlySet<MedicationStatus> = new Set([
  ...CURRENT_REQUEST_STATUSES,
  ...CURRENT_STATEMENT_STATUSES,
]);
const KNOWN_STATUSES: readonly MedicationStatus[] = [...CURRENT_MEDICATION_STATUSES, 'stopped', 'completed', 'cancelled', 'not-taken'];

/** Intents of a MedicationRequest that stand for a medicine prescribed: the orders, and a GP authorisation (`plan`). */
export const ORDER_INTENTS: ReadonlySet<string> = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);
const PROPOSAL_INTENTS: ReadonlySet<string> = new Set(['proposal', 'option']);

/** A MedicationRequest or MedicationStatement, as far as this rule reads it (real feeds are read defensively). */
export interface MedicineStatusCarrier {
  resourceType?: unknown;
  status?: unknown;
  intent?: unknown;
  doNotPerform?: unknown;
  authoredOn?: unknown;
  effectiveDateTime?: unknown;
  effectivePeriod?: { start?: unknown; end?: unknown } | undefined;
  dosageInstruction?: unknown;
  dosage?: unknown;
  dispenseRequest?: unknown;
}

const isStatement = (resource: MedicineStatusCarrier): boolean => resource.resourceType === 'MedicationStatement';

/** A "do not give" order: `doNotPerform: true`. */
export const isDoNotGive = (resource: MedicineStatusCarrier): boolean => resource.doNotPerform === true;

/** A request that no one has prescribed: a `proposal` or an `option`. */
export const isProposal = (resource: MedicineStatusCarrier): boolean =>
  !isStatement(resource) && fhirCode(resource.intent, PROPOSAL_INTENTS) !== undefined;

/** A request's intent, however spelt (`Plan`, `ORIGINAL_ORDER`); `undefined` when it names none FHIR R4 defines. */
export const requestIntent = (intent: unknown): string | undefined => fhirCode(intent, [...ORDER_INTENTS, 'plan', ...PROPOSAL_INTENTS]);

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The UK calendar day (`yyyymmdd`) a clock reading falls on. */
const ukDayOf = (now: number): number => readMoment(new Date(now))?.dayKey ?? Number.NaN;

/** The last UK day a date-only moment covers: a month or a year given alone covers the whole of it. */
function lastDayOf(dayKey: number): number {
  const year = Math.floor(dayKey / 10_000);
  const month = Math.floor(dayKey / 100) % 100;
  if (month === 0) return year * 10_000 + 1231;
  return dayKey % 100 === 0 ? year * 10_000 + month * 100 + daysInMonth(year, month) : dayKey;
}

/**
 * Whether a recorded end has passed at `now`. An end is a recorded fact
 * (`recordedMoment`): a date alone, or a date sent as midnight, covers the
 * whole of that UK day (a course ending `2026-11-28` is taken that day); an
 * end with a time of day has passed at that instant. An unreadable end has
 * not passed, so the medicine stays in view.
 */
export function endHasPassed(end: unknown, now: number): boolean {
  if (typeof end !== 'string') return false;
  const moment = recordedMoment(end);
  if (!moment) return false;
  return moment.instant !== undefined ? moment.instant <= now : lastDayOf(moment.dayKey) < ukDayOf(now);
}

const DAYS_PER_UNIT: Record<string, number> = { s: 1 / 86_400, min: 1 / 1_440, h: 1 / 24, d: 1, wk: 7 };
const MONTHS_PER_UNIT: Record<string, number> = { mo: 1, a: 12 };
const twoDigits = (value: number): string => String(value).padStart(2, '0');

/**
 * The end of a course that runs for `duration` from `start` (a recorded
 * fact): from a date alone, the last day it covers (`7 d` from
 * `2026-11-01` is `2026-11-07`); from a time of day, that instant. `undefined`
 * when either cannot be read.
 */
function endAfter(start: unknown, duration: unknown): string | undefined {
  if (typeof start !== 'string' || !isJson(duration)) return undefined;
  const value = duration['value'];
  const unit = typeof duration['code'] === 'string' ? duration['code'] : duration['unit'];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || typeof unit !== 'string') return undefined;
  const days = DAYS_PER_UNIT[unit];
  const months = MONTHS_PER_UNIT[unit];
  if (days === undefined && months === undefined) return undefined;
  const from = recordedMoment(start);
  if (!from || from.dayKey % 100 === 0) return undefined;
  if (from.instant !== undefined) {
    const at = new Date(from.instant);
    if (months !== undefined) at.setUTCMonth(at.getUTCMonth() + Math.round(value * months));
    else at.setTime(at.getTime() + value * (days ?? 0) * 86_400_000);
    return at.toISOString();
  }
  const year = Math.floor(from.dayKey / 10_000);
  const month = Math.floor(from.dayKey / 100) % 100;
  const day = from.dayKey % 100;
  const last =
    months !== undefined
      ? new Date(Date.UTC(year, month - 1 + Math.round(value * months), day - 1))
      : new Date(Date.UTC(year, month - 1, day + Math.max(1, Math.ceil(value * (days ?? 0))) - 1));
  return `${last.getUTCFullYear()}-${twoDigits(last.getUTCMonth() + 1)}-${twoDigits(last.getUTCDate())}`;
}

/** Where an end falls, to find the latest of several: a date alone by the end of the last day it covers. */
const endRank = (end: string): number => {
  const moment = recordedMoment(end);
  if (!moment) return Number.NEGATIVE_INFINITY;
  if (moment.instant !== undefined) return moment.instant;
  const last = lastDayOf(moment.dayKey);
  return Date.UTC(Math.floor(last / 10_000), (Math.floor(last / 100) % 100) - 1, last % 100, 23, 59, 59, 999);
};

/**
 * When one dosage line's course ends (`timing.repeat.boundsPeriod.end`, else
 * `boundsDuration` from `boundsPeriod.start` or the record's own start), as
 * recorded; `undefined` when the line gives no end (it runs on).
 */
function dosageLineEnd(dosage: unknown, recordStart: unknown): string | undefined {
  const timing = isJson(dosage) && isJson(dosage['timing']) ? dosage['timing'] : {};
  const repeat = isJson(timing['repeat']) ? timing['repeat'] : {};
  const period = isJson(repeat['boundsPeriod']) ? repeat['boundsPeriod'] : {};
  const end = period['end'];
  if (typeof end === 'string' && recordedMoment(end)) return end;
  return endAfter(typeof period['start'] === 'string' ? period['start'] : recordStart, repeat['boundsDuration']);
}

/**
 * When a medicine record's course ended, as recorded, when it has ended by
 * `now`; `undefined` while it runs on. A course ends when:
 * - a statement's `effectivePeriod.end` has passed;
 * - every one of its dosage lines gives an end and all have passed (a line
 *   without an end runs on, so a repeat with several lines ends only when all
 *   have): the latest of them;
 *
 * A prescription's validity end (`dispenseRequest.validityPeriod.end`) is not
 * a course end: no one stopped the medicine, so it stays current and says its
 * prescription has expired (`prescriptionExpiry`).
 */
export function courseEnd(resource: MedicineStatusCarrier, now: number): string | undefined {
  const statement = isStatement(resource);
  const periodEnd = resource.effectivePeriod?.end;
  if (statement && endHasPassed(periodEnd, now)) return periodEnd as string;
  const start = statement ? (resource.effectivePeriod?.start ?? resource.effectiveDateTime) : resource.authoredOn;
  const lines = (statement ? resource.dosage : resource.dosageInstruction) ?? [];
  const ends = (Array.isArray(lines) ? lines : []).map((line) => dosageLineEnd(line, start));
  if (ends.length > 0 && ends.every((end) => end !== undefined && endHasPassed(end, now)))
    return (ends as string[]).reduce((latest, end) => (endRank(end) > endRank(latest) ? end : latest));
  return undefined;
}

/**
 * The record's status as this rule reads it: as recorded, however spelt
 * (`Stopped`, `on_hold`), a status that names no code as `unknown`, and a
 * current record whose course has ended (`courseEnd`) as `completed`.
 * `now` is in milliseconds since the epoch.
 */
export function medicationStatusOf(resource: MedicineStatusCarrier, now: number): MedicationStatus {
  const status = fhirCode(resource.status, KNOWN_STATUSES) ?? 'unknown';
  if (CURRENT_MEDICATION_STATUSES.has(status) && courseEnd(resource, now) !== undefined) return 'completed';
  return status;
}

/** Where the record belongs, by the rule at the top of this module. */
export function medicineStanding(resource: MedicineStatusCarrier, now: number): MedicineStanding {
  if (fhirCode(resource.status, ['entered-in-error']) !== undefined) return 'entered-in-error';
  if (isDoNotGive(resource)) return 'do-not-give';
  if (isProposal(resource)) return 'proposed';
  return CURRENT_MEDICATION_STATUSES.has(medicationStatusOf(resource, now)) ? 'current' : 'past';
}

/** The order in which one medicine's statuses tag it: the first that any current record of it has. */
const MEDICINE_STATUS_PRECEDENCE: readonly MedicationStatus[] = ['on-hold', 'active', 'intended', 'draft', 'unknown'];

/**
 * The status one medicine is tagged with, from the statuses of its current
 * records (by the rule at the top of this module); `unknown` when none is given.
 */
export function medicineStatus(statuses: Iterable<MedicationStatus>): MedicationStatus {
  const given = new Set(statuses);
  return MEDICINE_STATUS_PRECEDENCE.find((status) => given.has(status)) ?? 'unknown';
}

/**
 * Whether one medicine's prescription has expired, from the validity ends of
 * its current prescriptions (`dispenseRequest.validityPeriod.end`, as
 * recorded): the latest end that has passed, as recorded, unless one of them
 * is still in date; `undefined` when none has passed. An end that cannot be
 * read says nothing either way.
 */
export function prescriptionExpiry(validityEnds: Iterable<unknown>, now: number): string | undefined {
  let expiredOn: string | undefined;
  for (const end of validityEnds) {
    if (typeof end !== 'string' || endOrder(end) === Number.POSITIVE_INFINITY) continue;
    if (!endedBefore(end, now)) return undefined;
    if (expiredOn === undefined || endOrder(end) > endOrder(expiredOn)) expiredOn = end;
  }
  return expiredOn;
}

/** `now` as milliseconds since the epoch, from what callers pass. */
export const nowInMilliseconds = (now: Date | string | number): number => new Date(now).getTime();

/** Each status in each audience's words, the same in the medication list and the summary. */
export const MEDICATION_STATUS_LABELS: Record<'clinician' | 'resident', Record<MedicationStatus, string>> = {
  clinician: {
    active: 'Active',
    'on-hold': 'On hold',
    intended: 'Intended',
    draft: 'Draft',
    unknown: NOT_KNOWN,
    stopped: 'Stopped',
    completed: 'Completed',
    cancelled: 'Cancelled',
    'not-taken': 'Not taken',
  },
  resident: {
    active: 'Current',
    'on-hold': 'Paused',
    intended: 'Not started yet',
    draft: 'Not started yet',
    unknown: NOT_KNOWN,
    stopped: 'Stopped',
    completed: 'Finished',
    cancelled: 'Cancelled',
    'not-taken': 'Not taken',
  },
};
