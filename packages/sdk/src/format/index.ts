export { formatAge, formatAgeAtDeath, ageAt, type Age } from './age.js';
export {
  formatClinicalDate,
  formatClinicalTime,
  formatClinicalDateTime,
  formatResidentDate,
  formatResidentTime,
  formatResidentDateTime,
  type ClinicalDateInput,
} from './date.js';
export { formatClinicalName, formatResidentName, selectOfficialName, selectPreferredName, type HumanNameLike } from './name.js';
export {
  parseNhsNumber,
  isValidNhsNumber,
  formatNhsNumber,
  isTestRangeNhsNumber,
  type NhsNumberParseResult,
  type NhsNumberProblem,
} from './nhs-number.js';
export { NOT_KNOWN, NOT_RECORDED } from './placeholders.js';
