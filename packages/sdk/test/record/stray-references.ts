/**
 * Whose an item is, in every form a source may write it, for the tests of
 * items misrouted into one resident's answer: the resident's own references,
 * and those of another patient or of no one (relative, absolute, versioned,
 * contained, conditional, by identifier alone, none).
 */

/** How the resident's own items name them: every form is this resident. */
export const ownReferences = (patient: string): readonly string[] => [
  `Patient/${patient}`,
  `https://hub.example/fhir/Patient/${patient}`,
  `Patient/${patient}/_history/3`,
];

/** How another's items name them (or fail to name anyone): none is this resident. */
export type Stray = { reference?: string; identifier?: boolean; contained?: boolean };
export const STRAY_REFERENCES: readonly Stray[] = [
  { reference: 'Patient/pat-0002' },
  { reference: 'https://other.example/fhir/Patient/pat-0003' },
  { reference: 'Patient/pat-0004/_history/1' },
  { reference: '#subject', contained: true },
  { reference: 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9000000009' },
  { identifier: true },
  {},
];

/** The fields that say whose an item is, under `field` (`subject`, `patient`, or an Appointment participant's `actor`). */
export type Who = (field: string) => Record<string, unknown>;

/** The fields that name the resident by `reference`. */
export const ownWho =
  (reference: string): Who =>
  (field) => ({ [field]: { reference } });

/** The fields that name someone else, or no one, as `stray` says (with the contained Patient a `#subject` points at). */
export const strayWho =
  (stray: Stray): Who =>
  (field) => ({
    ...(stray.contained ? { contained: [{ resourceType: 'Patient', id: 'subject', name: [{ text: 'Someone else' }] }] } : {}),
    [field]: {
      ...(stray.reference === undefined ? {} : { reference: stray.reference }),
      ...(stray.identifier ? { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9000000009' } } : {}),
    },
  });
