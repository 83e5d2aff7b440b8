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
 *   (`prescriptionExpiry`), so it is reviewed rather than read as in date.
 * - Past: stopped, completed, cancelled, not taken. Entered in error is nothing.
 *
 * One medicine recorded several times (a GP authorisation, a hospital order, a
 * statement that it is being taken) is tagged by every current record of it,
 * in the list and the summary alike (`medicineStatus`): a status that holds it
 * back (on hold, not yet started) before active, and active, which a source
 * knows, before a status no source knows. Its prescription has expired when
 * one of its current prescriptions has passed its validity end and none is
 * still in date (`prescriptionExpiry`). No record's word is taken over the
 * others' because of which record is ranked first.
 */
import { NOT_KNOWN } from '../format/placeholders.js';
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

/** The order in which one medicine's statuses tag it: the first that any current record of it has. */
const MEDICINE_STATUS_PRECEDENCE: readonly MedicationStatus[] = ['on-hold', 'draft', 'intended', 'active', 'unknown'];

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
