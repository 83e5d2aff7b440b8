/**
 * Names for the FHIR resources of the hub's contract, generated from
 * `openapi/` into `generated/hub.ts`. Import these rather than digging in
 * `components['schemas']`.
 */
import type { components } from './generated/hub.js';

type Schemas = components['schemas'];

export type Patient = Schemas['Patient'];
export type Practitioner = Schemas['Practitioner'];
export type PractitionerRole = Schemas['PractitionerRole'];
export type Organization = Schemas['Organization'];
export type RelatedPerson = Schemas['RelatedPerson'];
export type AllergyIntolerance = Schemas['AllergyIntolerance'];
export type Condition = Schemas['Condition'];
export type MedicationStatement = Schemas['MedicationStatement'];
export type MedicationRequest = Schemas['MedicationRequest'];
export type Encounter = Schemas['Encounter'];
export type Appointment = Schemas['Appointment'];
export type EpisodeOfCare = Schemas['EpisodeOfCare'];
export type Observation = Schemas['Observation'];
export type DiagnosticReport = Schemas['DiagnosticReport'];
export type CarePlan = Schemas['CarePlan'];
export type Goal = Schemas['Goal'];
export type Flag = Schemas['Flag'];
export type DocumentReference = Schemas['DocumentReference'];
export type Immunization = Schemas['Immunization'];
export type Procedure = Schemas['Procedure'];
export type Consent = Schemas['Consent'];
export type AuditEvent = Schemas['AuditEvent'];
export type OperationOutcome = Schemas['OperationOutcome'];
export type CapabilityStatement = Schemas['CapabilityStatement'];
export type SmartConfiguration = Schemas['SmartConfiguration'];
export type BatchRequestBundle = Schemas['BatchRequestBundle'];
export type BatchResponseBundle = Schemas['BatchResponseBundle'];
export type SummaryBundle = Schemas['SummaryBundle'];
/** Any resource the hub serves. */
export type Resource = Schemas['Resource'];

/** What every Bundle the hub returns has in common, whatever its type. */
export interface Bundle {
  resourceType: 'Bundle';
  type: string;
  /** `REDACTED` here means the hub withheld items from this viewer. */
  meta?: { security?: { system?: string; code?: string }[] };
  total?: number;
  link?: { relation: string; url: string }[];
  entry?: {
    fullUrl?: string;
    resource?: unknown;
    search?: { mode?: 'match' | 'include' | 'outcome' };
  }[];
}
