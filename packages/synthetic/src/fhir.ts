/**
 * FHIR building blocks shared by the generator: type names for the
 * contract's data types, the code systems it uses, and small constructors
 * that keep every resource in the contract's conventions.
 */
import type { components } from '@care-record/sdk';

type Schemas = components['schemas'];
export type Address = Schemas['Address'];
export type CodeableConcept = Schemas['CodeableConcept'];
export type Coding = Schemas['Coding'];
export type ContactPoint = Schemas['ContactPoint'];
export type Extension = Schemas['Extension'];
export type HumanName = Schemas['HumanName'];
export type Identifier = Schemas['Identifier'];
export type Meta = Schemas['Meta'];
export type Quantity = Schemas['Quantity'];
export type Reference = Schemas['Reference'];

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const DMD = 'https://dmd.nhs.uk';
export const UCUM = 'http://unitsofmeasure.org';
export const BCP47 = 'urn:ietf:bcp:47';
export const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
export const CONTACT_ROLE = 'http://terminology.hl7.org/CodeSystem/v2-0131';
export const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

/** Systems this product defines, under the contract's `care-record.example` namespace. */
export const CARE_RECORD = 'https://care-record.example';
export const ALERT = `${CARE_RECORD}/CodeSystem/alert`;
export const EPISODE_TYPE = `${CARE_RECORD}/CodeSystem/episode-type`;
export const CARE_PLAN_TYPE = `${CARE_RECORD}/CodeSystem/care-plan-type`;
export const DOCUMENT_TYPE = `${CARE_RECORD}/CodeSystem/document-type`;
export const STAFF_ROLE = `${CARE_RECORD}/CodeSystem/staff-role`;
export const ROLE_ACCESS_CATEGORY = `${CARE_RECORD}/CodeSystem/role-access-category`;
export const ROLE_ACCESS_CATEGORY_EXTENSION = `${CARE_RECORD}/StructureDefinition/role-access-category`;
export const PRESCRIPTION_TYPE_EXTENSION = `${CARE_RECORD}/StructureDefinition/prescription-type`;
export const RESIDENT_ENTRY = `${CARE_RECORD}/Id/resident-entry`;

/** `meta.source` of an item the resident entered themselves. */
export const RESIDENT_SOURCE = `${CARE_RECORD}/source/resident`;
/** `meta.source` of the system of the organisation with this ODS code. */
export const sourceFor = (odsCode: string): string => `${CARE_RECORD}/source/${odsCode}`;
/** The namespace of an organisation's local identifiers, e.g. `https://fhir.rz9.care-record.example/Id/mrn`. */
export const localIdentifierSystem = (odsCode: string, kind: string): string =>
  `https://fhir.${odsCode.toLowerCase()}.care-record.example/Id/${kind}`;

export const ukCoreProfile = (name: string): string => `https://fhir.hl7.org.uk/StructureDefinition/UKCore-${name}`;

/** `a` or `an` before a word, as it is said: "an Arabic interpreter", "a Turkish interpreter". */
export function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

export function coding(system: string, code: string, display: string): Coding {
  return { system, code, display };
}

/** A CodeableConcept with the text the user saw, and the codings behind it. */
export function concept(text: string, ...codings: Coding[]): CodeableConcept {
  return codings.length ? { coding: codings, text } : { text };
}

/** A coded quantity in UCUM, with the unit as people read it. */
export function quantity(value: number, unit: string, ucum: string): Quantity {
  return { value, unit, system: UCUM, code: ucum };
}

/** Sensitivity and handling labels for `meta.security`. */
export type SecurityLabel = 'SEX' | 'PSY' | 'SDV' | 'NOPAT' | 'R';

const securityCodings: Record<SecurityLabel, Coding> = {
  SEX: coding(ACT_CODE, 'SEX', 'sexuality and reproductive health information sensitivity'),
  PSY: coding(ACT_CODE, 'PSY', 'psychiatry information sensitivity'),
  SDV: coding(ACT_CODE, 'SDV', 'sexual assault, abuse, or domestic violence information sensitivity'),
  NOPAT: coding(ACT_CODE, 'NOPAT', "no disclosure to patient, family or caregivers without attending provider's authorization"),
  R: coding(CONFIDENTIALITY, 'R', 'restricted'),
};

export function securityCodingsFor(labels: readonly SecurityLabel[]): Coding[] {
  return labels.map((label) => ({ ...securityCodings[label] }));
}
