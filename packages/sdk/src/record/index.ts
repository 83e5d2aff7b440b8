export * from '../public/notices.js';
export * from '../public/source.js';
export { codeSystemKey, sameCodeSystem } from './code-system.js';
export * from '../public/patient-reference.js';
export { mayRead, isNonClinicalViewer, roleViewNotices, type ViewerPermissions } from './permissions.js';
export {
  allergyState,
  recordAllergyState,
  registeredPractice,
  isNoKnownAllergyStatement,
  ALLERGY_STATE_LABELS,
  NO_KNOWN_ALLERGY_CODES,
  type AllergyItem,
  type AllergyReaction,
  type AllergyState,
  type AllergyStateInput,
  type AllergyStateKind,
  type AllergyStateOptions,
  type RecordAllergyOptions,
  type RecordAudience,
} from './allergies.js';
export * from '../public/condition-status.js';
export {
  bannerViewModel,
  NO_REGISTERED_GP,
  type BannerLabels,
  type BannerNhsNumber,
  type BannerOptions,
  type BannerViewModel,
} from './banner.js';
export * from './summary/index.js';
export * from '../public/medications.js';
export { CURRENT_REQUEST_STATUSES, CURRENT_STATEMENT_STATUSES, medicineStanding, type MedicineStanding } from './medicine-status.js';
export {
  medicationConceptOf,
  medicationDirectory,
  medicineName,
  type MedicationDirectory,
  type MedicineCarrier,
} from './medicine-identity.js';
export type {
  MedicationDisagreement,
  MedicationRow,
  MedicationStatus,
  MedicationsInput,
  MedicationsOptions,
  MedicationsViewModel,
  PrescriptionType,
} from './medications.js';
export { createTimeline, timelineViewModel } from './timeline.js';
export type {
  Timeline,
  TimelineAddResult,
  TimelineCounts,
  TimelineDay,
  TimelineEvent,
  TimelineFilters,
  TimelineInput,
  TimelineOptions,
  TimelineView,
  TimelineViewOptions,
} from './timeline.js';
export { EVENT_TYPES_OF, isTimelineResource, TIMELINE_EVENT_TYPES, timelineEventTypeLabel } from './timeline-event.js';
export type { TimelineEventType, TimelineResource } from './timeline-event.js';
export { CARE_SETTINGS, careSettingLabel } from './care-setting.js';
export type { CareSetting } from './care-setting.js';
export * from './patient-lookup.js';
export { isResultObservation, resultsViewModel } from './results.js';
export type {
  ResultFlag,
  ResultLimit,
  ResultReport,
  ResultPosition,
  ResultRange,
  ResultComment,
  ResultReading,
  ResultTest,
  ResultsInput,
  ResultsOptions,
  ResultsViewModel,
} from './results.js';
export { appointmentsViewModel } from './appointments.js';
export type { AppointmentRow, AppointmentStatus, AppointmentsInput, AppointmentsOptions, AppointmentsViewModel } from './appointments.js';
export { appointmentCalendar, appointmentFileName, foldLine, icsDateTime, icsText, type CalendarOptions } from './calendar.js';
export { loadResults, type LoadResultsOptions } from './results-loader.js';
export { loadAppointments, type LoadAppointmentsOptions } from './appointments-loader.js';
export { unreadableNotices, type UnreadableItem } from './unreadable.js';
