/**
 * How a Condition's verification and clinical status read, the same wherever
 * it is shown (the summary's problems, the timeline):
 *
 * - refuted or entered in error (any coding saying so) → never shown as a diagnosis;
 * - unconfirmed, provisional or differential → shown, always saying so;
 * - abated (any `abatement[x]`) with no clinical status → inactive, not current:
 *   FHIR con-4 allows only inactive, remission or resolved once abated, and
 *   inactive is the one of them that claims no more than that.
 */
import type { Condition } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { conceptCodes } from './status-code.js';

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

/** Whether the source recorded when it ended (resolved or went into remission), in any form. */
export function isAbated(condition: Condition): boolean {
  const fields = condition as Partial<Record<(typeof ABATEMENTS)[number] | 'abatementBoolean', unknown>>;
  // `abatementBoolean` is STU3's; some feeds still send it.
  const present = (value: unknown) => value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '');
  return fields.abatementBoolean === true || ABATEMENTS.some((field) => present(fields[field]));
}

/**
 * The clinical status code, however spelt (or as its words name it,
 * `Resolved`); `inactive` when none can be read but it has abated; else
 * `undefined`: not known.
 */
export function conditionClinicalStatus(condition: Condition): string | undefined {
  const [code] = conceptCodes(condition.clinicalStatus, CLINICAL_CODES);
  return code ?? (isAbated(condition) ? 'inactive' : undefined);
}

/**
 * A current problem: active, recurrence or relapse, or with no status (or one
 * that names no FHIR code) and not abated — the side that keeps it in view,
 * where its status reads "Not known" (`knownClinicalStatus`), never "Active".
 */
export function isCurrentCondition(condition: Condition): boolean {
  const status = conditionClinicalStatus(condition);
  return status === undefined || CURRENT.has(status);
}

/** The clinical status to show, when it names a FHIR code: otherwise it is not known (never "Active" for a status not recorded). */
export function knownClinicalStatus(condition: Condition): string | undefined {
  return conditionClinicalStatus(condition);
}
