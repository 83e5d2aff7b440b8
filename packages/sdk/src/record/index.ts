export {
  readNotices,
  isPartlyShown,
  withItemNotices,
  UNKNOWN_SOURCE_ODS,
  WITHHELD_NOTICE,
  TRUNCATED_NOTICE,
  unreadTypeNotice,
  someUnreadNotice,
  unreadNotices,
  cutShortNotice,
  cutShort,
  searchFailureReason,
  searchNotices,
  NOT_PERMITTED_NOTICE,
  SCOPE_RESTRICTED_NOTICE,
  PROXY_RESTRICTED_NOTICE,
  leftOutBy,
  notPermittedNotices,
  APPOINTMENTS_FOR_ROLE_NOTICE,
  reducedForRoleNotice,
  itemsLeftOut,
  NOT_SHOWN_SAFELY_NOTICE,
  ROLE_RESTRICTED,
  unreadableNotice,
  isNotPermitted,
  isRoleRestricted,
  roleRestrictedTypes,
  unavailableNotice,
  type RecordNotices,
  type NoticeBundle,
  type LeftOutBy,
} from './notices.js';
export { sourceOf, organizationNames, referenceNames, ODS_SYSTEM, RESIDENT_SOURCE, type SourceLabel } from './source.js';
export { codeSystemKey, sameCodeSystem } from './code-system.js';
export { carriedAnotherPatients, leftOutForIdentity, type SafetyIssue, type SafetyIssueCode } from './patient-reference.js';
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
export { CONDITION_UNCERTAINTY_LABELS, type ConditionUncertainty } from './condition-status.js';
export {
  bannerViewModel,
  NO_REGISTERED_GP,
  type BannerLabels,
  type BannerNhsNumber,
  type BannerOptions,
  type BannerViewModel,
} from './banner.js';
export {
  summaryViewModel,
  SUMMARY_SECTION_ORDER,
  type AlertKind,
  type AppointmentItem,
  type CarePlanItem,
  type GoalSummaryItem,
  type ContactItem,
  type FlagItem,
  type ImmunisationItem,
  type ImmunisationState,
  type InvolvementItem,
  type LegalKind,
  type MedicationHeadline,
  type MedicationKind,
  type MedicationPreviewItem,
  type DoNotGiveItem,
  type ProblemItem,
  type ProcedureItem,
  type SafetyError,
  type SectionState,
  type SummaryOptions,
  type SummarySection,
  type SummarySectionKey,
  type SummaryViewModel,
  carerSectionTexts,
} from './summary/index.js';
export { medicationsViewModel, NO_DOSAGE } from './medications.js';
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
export {
  findPatientByNhsNumber,
  PatientLookupError,
  NHS_NUMBER_SYSTEM,
  type PatientLookupProblem,
  type PatientLookupResult,
} from './patient-lookup.js';
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
