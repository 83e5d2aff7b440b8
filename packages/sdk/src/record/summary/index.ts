/** The record summary: one module per section, put together by `summaryViewModel`. */
export { summaryViewModel, type SafetyError, type SummaryOptions, type SummaryViewModel } from './summary.js';
export { carerSectionTexts, SUMMARY_SECTION_ORDER, type SectionState, type SummarySection, type SummarySectionKey } from './sections.js';
export type { AlertKind, FlagItem, LegalKind } from './flags.js';
export type { ProblemItem } from './problems.js';
export type { ProcedureItem } from './procedures.js';
export type { ImmunisationItem, ImmunisationState } from './immunisations.js';
export type { DoNotGiveItem, MedicationHeadline, MedicationKind, MedicationPreviewItem } from './medications.js';
export type { ContactItem } from './contacts.js';
export type { CarePlanItem } from './care-plans.js';
export type { GoalSummaryItem } from './goals.js';
export type { InvolvementItem } from './involvement.js';
export type { AppointmentItem } from './appointments.js';
