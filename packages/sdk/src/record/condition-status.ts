/**
 * How a Condition's verification and clinical status read, the same wherever
 * it is shown (the summary's problems, the timeline):
 *
 * - refuted or entered in error (any coding saying so) → never shown as a diagnosis;
 * - unconfirmed, provisional or differential → shown, always saying so;
 * - abated (any `abatement[x]`) with no clinical status → inactive, not current:
 *   FHIR con-4 allows only inactive, remission or resolved once abated, and
 *   inactive is the one of them that claims no more than that;
 * - an abatement still to come (`abatementDateTime`, `abatementPeriod`, or an
 *   `abatementAge`/`abatementRange` reached after today) has not happened:
 *   current until then, its status not known — the inactive, remission or
 *   resolved that con-4 makes a source record beside it is not yet true. A
 *   date without a time comes at the start of its day; a period lasts to the
 *   end of its end (or, with none, comes at its start); a range of ages comes
 *   at its highest. An abatement that cannot be placed in time (words, an age
 *   with no date of birth) is taken as recorded.
 */
import type { Condition } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { recordedMoment } from './clinical-moment.js';
import { dayAgeReached } from './onset-age.js';
import { conceptCodes } from './status-code.js';
import { endedBefore, startsAfter } from './summary/context.js';

/** When a condition is read: now (milliseconds since the epoch) and the person's date of birth, to place an abatement age. */
export interface ConditionClock {
  now: number;
  birthDate?: string | undefined;
}

/** A diagnosis not (yet) confirmed: `unconfirmed`, or one of its kinds, `provisional` and `differential`. */
export type ConditionUncertainty = 'unconfirmed' | 'provisional' | 'differential';

/** What a not-confirmed diagnosis is called, for each audience: one wording for the summary and the timeline. */
export const CONDITION_UNCERTAINTY_LABELS: Readonly<Record<RecordAudience, Readonly<Record<ConditionUncertainty, string>>>> = {
  clinician: {
    unconfirmed: 'Unconfirmed diagnosis',
    provisional: 'Provisional diagnosis',
    differential: 'Differential diagnosis',
  },
  resident: {
    unconfirmed: 'Not confirmed',
    provisional: 'Not yet confirmed',
    differential: 'A possible diagnosis, not confirmed',
  },
};

const CURRENT: ReadonlySet<string> = new Set(['active', 'recurrence', 'relapse']);
const UNCERTAIN: ReadonlySet<string> = new Set<ConditionUncertainty>(['unconfirmed', 'provisional', 'differential']);
const ABATEMENTS = ['abatementDateTime', 'abatementAge', 'abatementPeriod', 'abatementRange', 'abatementString'] as const;

const CLINICAL_CODES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
const VERIFICATION_CODES = ['unconfirmed', 'provisional', 'differential', 'confirmed', 'refuted', 'entered-in-error'] as const;

/** The verification codes, however spelt, read from words too when it has no code ("Refuted"). */
const verificationCodes = (condition: Condition): string[] => conceptCodes(condition.verificationStatus, VERIFICATION_CODES);

/** Refuted or entered in error: the source says it is not (or was never) the person's diagnosis. */
export function isVoidCondition(condition: Condition): boolean {
  return verificationCodes(condition).some((code) => code === 'refuted' || code === 'entered-in-error');
}

/** The verification status code, however spelt (or as its words name it); `undefined` when none can be read. */
export function conditionVerification(condition: Condition): string | undefined {
  return verificationCodes(condition)[0];
}

/** Whether the diagnosis is not confirmed, and how; `undefined` when confirmed or not said. */
export function conditionUncertainty(condition: Condition): ConditionUncertainty | undefined {
  const [code] = verificationCodes(condition);
  return code !== undefined && UNCERTAIN.has(code) ? (code as ConditionUncertainty) : undefined;
}

/** Whether the source recorded that it ended (resolved or went into remission), in any form, whenever that is. */
function hasAbatement(condition: Condition): boolean {
  const fields = condition as Partial<Record<(typeof ABATEMENTS)[number] | 'abatementBoolean', unknown>>;
  // `abatementBoolean` is STU3's; some feeds still send it.
  const present = (value: unknown) => value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '');
  return fields.abatementBoolean === true || ABATEMENTS.some((field) => present(fields[field]));
}

const asText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** Whether the abatement the source recorded is still to come at `clock.now`, by the rule at the top of this module. */
export function abatementStillToCome(condition: Condition, clock: ConditionClock): boolean {
  const { now, birthDate } = clock;
  const fields = condition as { abatementDateTime?: unknown; abatementPeriod?: unknown; abatementAge?: unknown; abatementRange?: unknown };
  const moment = asText(fields.abatementDateTime);
  // A date sent as midnight is the date written (`recordedMoment`): it comes at the start of that day.
  if (moment) return startsAfter(recordedMoment(moment)?.value ?? moment, now);
  const period =
    typeof fields.abatementPeriod === 'object' && fields.abatementPeriod !== null
      ? (fields.abatementPeriod as Record<string, unknown>)
      : {};
  const end = asText(period['end']);
  if (end) return !endedBefore(end, now);
  const start = asText(period['start']);
  if (start) return startsAfter(start, now);
  const range =
    typeof fields.abatementRange === 'object' && fields.abatementRange !== null ? (fields.abatementRange as Record<string, unknown>) : {};
  const reached = dayAgeReached(birthDate, fields.abatementAge) ?? dayAgeReached(birthDate, range['high'] ?? range['low']);
  return reached !== undefined && startsAfter(reached, now);
}

/**
 * Whether the source recorded that it ended (resolved or went into remission),
 * in any form; given `clock`, only once that has come.
 */
export function isAbated(condition: Condition, clock?: ConditionClock): boolean {
  return hasAbatement(condition) && !(clock && abatementStillToCome(condition, clock));
}

/**
 * The clinical status code, however spelt (or as its words name it,
 * `Resolved`); `inactive` when none can be read but it has abated; else
 * `undefined`: not known. Given `clock`, a condition whose abatement is still
 * to come is not yet inactive, in remission or resolved: `undefined`.
 */
export function conditionClinicalStatus(condition: Condition, clock?: ConditionClock): string | undefined {
  if (clock && hasAbatement(condition) && abatementStillToCome(condition, clock)) {
    const [code] = conceptCodes(condition.clinicalStatus, CLINICAL_CODES);
    return code !== undefined && CURRENT.has(code) ? code : undefined;
  }
  const [code] = conceptCodes(condition.clinicalStatus, CLINICAL_CODES);
  return code ?? (isAbated(condition) ? 'inactive' : undefined);
}

/**
 * A current problem: active, recurrence or relapse, or with no status (or one
 * that names no FHIR code) and not abated — the side that keeps it in view,
 * where its status reads "Not known" (`knownClinicalStatus`), never "Active".
 * Given `clock`, one whose abatement is still to come is current.
 */
export function isCurrentCondition(condition: Condition, clock?: ConditionClock): boolean {
  const status = conditionClinicalStatus(condition, clock);
  return status === undefined || CURRENT.has(status);
}

/** The clinical status to show, when it names a FHIR code: otherwise it is not known (never "Active" for a status not recorded). */
export function knownClinicalStatus(condition: Condition, clock?: ConditionClock): string | undefined {
  return conditionClinicalStatus(condition, clock);
}
