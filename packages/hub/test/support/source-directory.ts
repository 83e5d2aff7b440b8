/**
 * A directory of organisations each on its own system (`meta.source`), for the suites that decide what an item is by
 * the system that wrote it (a mental health trust's, a sexual health clinic's), and the types such a service records.
 */
type Json = Record<string, unknown>;

export const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
/** The cared-for resident's own sign-in, and her carer's. */
export const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
export const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';

/** The system an organisation's records come from. */
export const sourceFor = (ods: string): string => `https://care-record.example/source/${ods}`;

/** What a specialist service records. */
export const SERVICE_RECORD_TYPES = [
  'Appointment',
  'Encounter',
  'EpisodeOfCare',
  'Condition',
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'CarePlan',
  'Flag',
  'MedicationRequest',
  'Procedure',
  'Goal',
] as const;

/** An active organisation with its ODS code, writing from `source`, a unit of `partOf` if given. */
export const organization = (id: string, ods: string, name: string, source: string, partOf?: Json): Json => ({
  resourceType: 'Organization',
  id,
  meta: { source },
  identifier: [{ system: ODS, value: ods }],
  active: true,
  name,
  ...(partOf ? { partOf } : {}),
});
