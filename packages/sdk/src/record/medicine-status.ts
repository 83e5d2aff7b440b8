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
 * - A statement whose `effectivePeriod.end` has passed is a finished course
 *   (read as `completed`), whatever status it still carries.
 * - A current prescription whose validity period has ended is still current
 *   (no one stopped it; it may still be taken) but says it has expired
 *   (`expiredValidityEnd`), so it is reviewed rather than read as in date.
 * - Past: stopped, completed, cancelled, not taken. Entered in error is nothing.
 */
import { NOT_KNOWN } from '../format/placeholders.js';
import { fhirCode } from './status-code.js';
import { endedBefore } from './summary/context.js';

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
  effectivePeriod?: { end?: unknown } | undefined;
}

const isStatement = (resource: MedicineStatusCarrier): boolean => resource.resourceType === 'MedicationStatement';

/** A "do not give" order: `doNotPerform: true`. */
export const isDoNotGive = (resource: MedicineStatusCarrier): boolean => resource.doNotPerform === true;

/** A request that no one has prescribed: a `proposal` or an `option`. */
export const isProposal = (resource: MedicineStatusCarrier): boolean =>
  !isStatement(resource) && fhirCode(resource.intent, PROPOSAL_INTENTS) !== undefined;

/** A request's intent, however spelt (`Plan`, `ORIGINAL_ORDER`); `undefined` when it names none FHIR R4 defines. */
export const requestIntent = (intent: unknown): string | undefined => fhirCode(intent, [...ORDER_INTENTS, 'plan', ...PROPOSAL_INTENTS]);

/**
 * The record's status as this rule reads it: as recorded, however spelt
 * (`Stopped`, `on_hold`), a status that names no code as `unknown`, and a current statement whose period has ended as `completed`.
 * `now` is in milliseconds since the epoch.
 */
export function medicationStatusOf(resource: MedicineStatusCarrier, now: number): MedicationStatus {
  const status = fhirCode(resource.status, KNOWN_STATUSES) ?? 'unknown';
  const end = resource.effectivePeriod?.end;
  if (isStatement(resource) && CURRENT_MEDICATION_STATUSES.has(status) && typeof end === 'string' && endedBefore(end, now))
    return 'completed';
  return status;
}

/** Where the record belongs, by the rule at the top of this module. */
export function medicineStanding(resource: MedicineStatusCarrier, now: number): MedicineStanding {
  if (fhirCode(resource.status, ['entered-in-error']) !== undefined) return 'entered-in-error';
  if (isDoNotGive(resource)) return 'do-not-give';
  if (isProposal(resource)) return 'proposed';
  return CURRENT_MEDICATION_STATUSES.has(medicationStatusOf(resource, now)) ? 'current' : 'past';
}

/**
 * The end of a prescription's validity period (`dispenseRequest.validityPeriod.end`)
 * when it has passed, as recorded: the prescription has expired though nothing
 * stopped it. A date without a time lasts to the end of its day, month or
 * year; an unreadable end is not taken as passed.
 */
export function expiredValidityEnd(
  request: { dispenseRequest?: { validityPeriod?: { end?: unknown } } } | undefined,
  now: number,
): string | undefined {
  const end = request?.dispenseRequest?.validityPeriod?.end;
  return typeof end === 'string' && endedBefore(end, now) ? end : undefined;
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
