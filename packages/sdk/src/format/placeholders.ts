/** CUI wording for a value that should exist but is unknown or unreadable. */
export const NOT_KNOWN = 'Not known';

/**
 * A medicine whose name is held in a Medication that could not be read (not sent with the prescription, not found,
 * or withheld): there is a medicine, and it has a name, which is not "Not known".
 */
export const NAME_NOT_READ = 'Name could not be read';

/** CUI wording for a value that was never recorded (a null date, for example). */
export const NOT_RECORDED = 'Not recorded';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * Whether a FHIR primitive's element (`_birthDate`, `_occurrenceDateTime`)
 * says why its value is absent (the data-absent-reason extension): such a
 * value is `Not known`, not `Not recorded`.
 */
export function absentForReason(element: unknown): boolean {
  const extensions: unknown = (element as { extension?: unknown } | null | undefined)?.extension;
  return Array.isArray(extensions) && extensions.some((extension: { url?: unknown } | null) => extension?.url === DATA_ABSENT_REASON);
}
