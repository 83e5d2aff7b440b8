/**
 * `@care-record/synthetic`: a deterministic synthetic London borough — GP
 * practices, hospital, community and mental health trusts, council social
 * care, their staff, and residents whose integrated care records are FHIR R4
 * (UK Core) resources in the hub's contract. Same seed, same borough; runs in
 * Node and in the browser.
 */
export { BOROUGH_VERSION, createBorough, DEFAULT_DOCUMENT_BASE_URL, DEFAULT_NOW, DEFAULT_SEED } from './borough.js';
export type { Borough, BoroughOptions, CarerPersona, Personas, ProfessionalPersona, ResidentPersona } from './borough.js';
export type { ResidentRecord } from './resident/resident.js';
export type { ResidentProfile } from './resident/plan-types.js';
export { LONG_HISTORY_INDEX, patientIdForIndex } from './resident/plan.js';
export { nhsNumberForIndex } from './nhs-number.js';
