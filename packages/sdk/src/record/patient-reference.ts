/**
 * The wrong-patient guard for view models: a resource is shown only when it
 * says it is about the patient in context. Anything else is dropped and
 * reported, because showing patient A's data while patient B is open is the
 * worst hazard of a record viewer.
 */

/** Whether `reference` points at `Patient/<patientId>`: relative, absolute, or version-specific. */
export function referencesPatient(reference: string | undefined, patientId: string): boolean {
  if (!reference || !patientId) return false;
  const path = reference.trim().replace(/\/_history\/[^/]+$/, '');
  const wanted = `Patient/${patientId}`;
  return path === wanted || path.endsWith(`/${wanted}`);
}

/** Whether a reference names some patient, whoever it is. */
export function isPatientReference(reference: string | undefined): boolean {
  return /(^|\/)Patient\/[^/]+(\/_history\/[^/]+)?$/.test(reference?.trim() ?? '');
}

/** `MedicationStatement/ms-1`; the id stands in as `(no id)` when a source left it out. */
export function resourceKey(resource: { resourceType: string; id?: string | undefined }): string {
  return `${resource.resourceType}/${resource.id?.trim() || '(no id)'}`;
}

/** The safety issue reported for a dropped resource. Says which resource, never whose it was. */
export function wrongPatientIssue(resource: { resourceType: string; id?: string | undefined }, subject: string | undefined): string {
  return subject?.trim()
    ? `${resourceKey(resource)} was not shown: it belongs to a different patient.`
    : `${resourceKey(resource)} was not shown: it does not say which patient it belongs to.`;
}
