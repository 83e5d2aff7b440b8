/** The public names of `record/patient-reference.ts`, for the SDK's barrel to take with `export *` (see `index.ts`, "Why `export *`"). */
export { carriedAnotherPatients, leftOutForIdentity, type SafetyIssue, type SafetyIssueCode } from '../record/patient-reference.js';
