/**
 * `@care-record/components`: web components that show a resident's
 * integrated care record in any host page. This module only exports the
 * classes; import `@care-record/components/define.js` (or one element's
 * `define.js`) to register the tags.
 */
export {
  CareElement,
  type AccessDeniedReason,
  type CareAccessDeniedDetail,
  type CareAuthRequiredDetail,
  type CareBreakGlassDetail,
  type CareEventDetails,
  type CareEventMap,
  type CareSelectDetail,
} from './internal/care-element.js';
export {
  PatientMismatchError,
  readPage,
  recordContext,
  type PatientLookup,
  type RecordBlock,
  type RecordContext,
  type SharedRecord,
} from './internal/record-context.js';
export { RecordTask, WrongPatientError, type RecordTaskOptions, type RecordTaskStatus } from './internal/record-task.js';
export { CareRecordProvider } from './provider/record-provider.js';
export { checkBreakGlassReason, type BreakGlassReasonCheck } from './provider/break-glass.js';
export { CarePatientBanner } from './patient-banner/patient-banner.js';
export { CareRecordSummary } from './record-summary/record-summary.js';
export { CareMedicationList } from './medication-list/medication-list.js';
export { CareTimeline } from './timeline/timeline.js';
export { CareResults } from './results/results.js';
export { CareAppointments } from './appointments/appointments.js';
export { CareReadingForm, type ShareDetail } from './reading-form/reading-form.js';
export { CareAccessLog } from './access-log/access-log.js';
export { CareSharing, type CareSharingSaveDetail } from './sharing/sharing.js';
export { CareCarers } from './carers/carers.js';
export { CareWellbeing } from './wellbeing/wellbeing.js';
