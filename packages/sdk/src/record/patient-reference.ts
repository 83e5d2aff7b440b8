/**
 * The wrong-patient guard for view models: a resource is shown only when it
 * says it is about the patient in context. Anything else is dropped and
 * reported, because showing patient A's data while patient B is open is the
 * worst hazard of a record viewer.
 *
 * Every view model reports what it left out for safety reasons in one shape,
 * `safetyIssues: SafetyIssue[]`, so a host can count and report them.
 */
import { NOT_KNOWN } from '../format/placeholders.js';

/**
 * Why an item was not shown:
 * - `wrong-patient`: it names a different patient;
 * - `no-patient-reference`: it names no patient at all;
 * - `unreadable`: it could not be read (wrong types, missing parts), so it is
 *   shown as one line saying so instead;
 * - `identity-conflict`: it identifies the patient in two ways that cannot
 *   both be true (two different current NHS numbers), so neither is shown;
 * - `identity-warning`: it is shown, with a warning about who or which record
 *   it is (a record merged into another or not in active use; an NHS number
 *   not valid, not verified, or temporary).
 */
export type SafetyIssueCode = 'wrong-patient' | 'no-patient-reference' | 'unreadable' | 'identity-conflict' | 'identity-warning';

/** One item a view model did not show as it was sent. Says which resource, never whose it was. */
export interface SafetyIssue {
  code: SafetyIssueCode;
  /** The resource type as sent; `Not known` when it had none. */
  resourceType: string;
  /** The resource id as sent; `Not known` when it had none. */
  resourceId: string;
  /** A sentence for logs and administrators, naming no id: `One Condition was not shown: it belongs to a different patient.` */
  message: string;
}

/** Whether `reference` points at `Patient/<patientId>`: relative, absolute, or version-specific. */
export function referencesPatient(reference: string | undefined, patientId: string): boolean {
  if (typeof reference !== 'string' || !patientId) return false;
  const path = reference.trim().replace(/\/_history\/[^/]+$/, '');
  const wanted = `Patient/${patientId}`;
  return path === wanted || path.endsWith(`/${wanted}`);
}

/** Whether a reference names some patient, whoever it is. */
export function isPatientReference(reference: string | undefined): boolean {
  return typeof reference === 'string' && /(^|\/)Patient\/[^/]+(\/_history\/[^/]+)?$/.test(reference.trim());
}

/** `Patient/<id>` (relative, absolute or versioned) to the id; `undefined` for any other reference. */
export function patientIdOf(reference: unknown): string | undefined {
  if (typeof reference !== 'string') return undefined;
  return /(?:^|\/)Patient\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(reference.trim())?.[1];
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** `MedicationStatement/ms-1`; the id stands in as `(no id)` when a source left it out. */
export function resourceKey(resource: { resourceType: string; id?: string | undefined }): string {
  return `${text(resource.resourceType) || 'Resource'}/${text(resource.id) || '(no id)'}`;
}

interface ResourceLike {
  resourceType?: unknown;
  id?: unknown;
}

const identify = (resource: ResourceLike): { resourceType: string; resourceId: string } => ({
  resourceType: text(resource.resourceType) || NOT_KNOWN,
  resourceId: text(resource.id) || NOT_KNOWN,
});

/** Ids often carry the patient's own id, so a message names the resource's type only; the id is in `resourceId`. */
const kindOf = (resource: ResourceLike): string => `One ${text(resource.resourceType) || 'item'}`;

/** The safety issue reported for a dropped resource: `subject` is the patient reference it carried, if any. */
export function wrongPatientIssue(resource: ResourceLike, subject: string | undefined): SafetyIssue {
  return text(subject)
    ? { code: 'wrong-patient', ...identify(resource), message: `${kindOf(resource)} was not shown: it belongs to a different patient.` }
    : {
        code: 'no-patient-reference',
        ...identify(resource),
        message: `${kindOf(resource)} was not shown: it does not say which patient it belongs to.`,
      };
}

/**
 * Whether an answer carried items about another patient (or about no one) that
 * were dropped: the one rule every view reads, so that none of them says "none"
 * or "No … recorded" from what was left. A misrouted answer may have sent this
 * resident's own items elsewhere; the view keeps what is theirs and says that
 * some items could not be shown safely (`NOT_SHOWN_SAFELY_NOTICE`).
 */
export const carriedAnotherPatients = (issues: readonly Pick<SafetyIssue, 'code'>[] | undefined): boolean =>
  (issues ?? []).some((issue) => issue.code === 'wrong-patient' || issue.code === 'no-patient-reference');

/**
 * Whether an issue left its item out because of whom it is about: another patient, none, or two identities at once
 * (`wrong-patient`, `no-patient-reference`, `identity-conflict`). Not an item shown with a warning (`identity-warning`)
 * or as a line saying it could not be read (`unreadable`): a view must not say items were left out for those. Ask this
 * rather than testing for the codes that are not: new codes may come.
 */
export const leftOutForIdentity = (issue: Pick<SafetyIssue, 'code'>): boolean =>
  issue.code === 'wrong-patient' || issue.code === 'no-patient-reference' || issue.code === 'identity-conflict';

/** The safety issue reported for an item that could not be read and is shown as one line instead. */
export function unreadableIssue(resource: unknown): SafetyIssue {
  const like: ResourceLike = typeof resource === 'object' && resource !== null ? (resource as ResourceLike) : {};
  return { code: 'unreadable', ...identify(like), message: `${kindOf(like)} could not be read: it is shown as one line saying so.` };
}

/** The safety issue reported when a resource identifies the patient in two conflicting ways: `what` names them. */
export function identityConflictIssue(resource: unknown, what: string): SafetyIssue {
  const like: ResourceLike = typeof resource === 'object' && resource !== null ? (resource as ResourceLike) : {};
  return { code: 'identity-conflict', ...identify(like), message: `${kindOf(like)} has ${what}: neither is shown.` };
}

/** The safety issue reported when a resource is shown with a warning about who or which record it is: `what` says why. */
export function identityWarningIssue(resource: unknown, what: string): SafetyIssue {
  const like: ResourceLike = typeof resource === 'object' && resource !== null ? (resource as ResourceLike) : {};
  return { code: 'identity-warning', ...identify(like), message: `${kindOf(like)} ${what}: it is shown with a warning.` };
}

/** The safety issue reported when part of a resource could not be read and is shown as not known: `what` names the part. */
export function unreadablePartIssue(resource: unknown, what: string): SafetyIssue {
  const like: ResourceLike = typeof resource === 'object' && resource !== null ? (resource as ResourceLike) : {};
  return { code: 'unreadable', ...identify(like), message: `${kindOf(like)} could not be read in part: ${what} is shown as not known.` };
}

/**
 * Resource types about no one patient: directories, outcomes, and what an item
 * may point at (a medicine, a place, a device). A Bundle carrying them is not
 * a safety issue.
 */
export const NOT_ABOUT_A_PATIENT: ReadonlySet<string> = new Set([
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'OperationOutcome',
  'Medication',
  'Substance',
  'Location',
  'HealthcareService',
  'Endpoint',
  'Device',
]);

/**
 * The patients a resource says it is about: the Patient's own id, the
 * patient participants of an Appointment, else `subject` or `patient`.
 * `undefined` for resources about no one patient.
 */
export function patientsNamedBy(resource: ResourceLike): { ids: string[]; references: string[] } | undefined {
  const type = text(resource.resourceType);
  if (NOT_ABOUT_A_PATIENT.has(type)) return undefined;
  if (type === 'Patient') {
    const id = text(resource.id);
    return { ids: id ? [id] : [], references: id ? [`Patient/${id}`] : [] };
  }
  let references: unknown[];
  if (type === 'Appointment') {
    const participants = (resource as { participant?: unknown }).participant;
    references = (Array.isArray(participants) ? participants : []).map(
      (participant: unknown) => (participant as { actor?: { reference?: unknown } } | null)?.actor?.reference,
    );
  } else {
    const record = resource as { subject?: { reference?: unknown } | null; patient?: { reference?: unknown } | null };
    references = [(record.subject ?? record.patient)?.reference];
  }
  const named = references.flatMap((reference) => {
    const id = patientIdOf(reference);
    return id === undefined ? [] : [{ id, reference: text(reference) }];
  });
  return { ids: named.map(({ id }) => id), references: named.map(({ reference }) => reference) };
}

/**
 * Keeps the resources about `patientId` (and those about no one patient);
 * every other one is dropped and reported. A resource that names several
 * patients (an Appointment's participants) is kept only when every one of
 * them is `patientId`: one naming anyone else is not shown under this banner.
 */
export function guardPatient<R extends ResourceLike>(resources: readonly R[], patientId: string): { kept: R[]; issues: SafetyIssue[] } {
  const kept: R[] = [];
  const issues: SafetyIssue[] = [];
  for (const resource of resources) {
    const named = patientsNamedBy(resource);
    if (named === undefined || (patientId !== '' && named.ids.length > 0 && named.ids.every((id) => id === patientId))) {
      kept.push(resource);
      continue;
    }
    issues.push(
      wrongPatientIssue(
        resource,
        named.references.find((reference) => patientIdOf(reference) !== patientId),
      ),
    );
  }
  return { kept, issues };
}
