/**
 * One resource read as a timeline event: what kind of event it is, what it is
 * called (the resource's own words, never made up; with none, the code it was
 * sent with, `SNOMED CT 22298006`; "Not known" only when it says nothing), when
 * it happened and who recorded it. Event types:
 *
 * - Encounter: emergency class or an emergency department code → `a-and-e`;
 *   inpatient classes or an admission code → `admission`; a discharge code →
 *   `discharge`; a care plan or care programme approach review → `care-plan-review`;
 *   an assessment → `assessment`; an ambulatory encounter at a hospital, or
 *   one called an outpatient or clinic attendance → `outpatient`; any other
 *   contact (GP, telephone, home visit, care coordinator) → `consultation`.
 * - Appointment → `appointment`, still to come exactly when the appointments
 *   view lists it as upcoming (`appointmentTiming`); with no start, dated by
 *   its end; its second line its description, every reason and why it was
 *   cancelled.
 * - Observation, DiagnosticReport → `result`, except social history and
 *   survey observations → `other`.
 * - DocumentReference: a discharge summary → `discharge`; an assessment →
 *   `assessment`; a plan review → `care-plan-review`; anything else → `letter`.
 * - CarePlan → `care-plan-review`. EpisodeOfCare, Condition → `other`.
 *
 * An Observation or DiagnosticReport with no date it was taken is placed
 * when it was issued, else by the end of its effective period (taken by
 * then), and an Encounter or EpisodeOfCare with no start when it ended; each
 * says so (`datedBy`).
 *
 * A Condition reads as the summary's problems do (`condition-status.ts`):
 * refuted ones are not shown, one not confirmed says so. It is dated by its
 * onset when the record gives one as a date; otherwise it sits at the date it
 * was recorded, and its `onset` says so and what the record says of when it
 * began (an age, a range of ages, words, a period with only an end). A cancelled
 * Observation or DiagnosticReport shows no value or conclusion: as in the
 * results view, a cancelled test has none that may be relied on.
 */
import type {
  Appointment,
  CarePlan,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  EpisodeOfCare,
  Observation,
} from '../fhir.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import type { RecordAudience } from './allergies.js';
import { appointmentReasons, cancellationReason, requestedWords } from './appointment-words.js';
import { careSettingOf, type CareSetting, type SettingHints } from './care-setting.js';
import { firstMoment, firstRecordedMoment, type ClinicalMoment } from './clinical-moment.js';
import {
  conditionClinicalStatus,
  conditionUncertainty,
  isVoidCondition,
  type ConditionClock,
  type ConditionUncertainty,
} from './condition-status.js';
import {
  codedText,
  conceptText,
  firstConceptText,
  firstConceptWords,
  hasCode,
  presentText,
  tidyText,
  type ConceptLike,
} from './concept-text.js';
import { absentValueText, hasObservationValue, observationValueText, panelValueText } from './observation-value.js';
import { isPatientReference, referencesPatient } from './patient-reference.js';
import { encounterClassCode, encounterClassWords } from './encounter-class.js';
import { narrativeWords } from './narrative.js';
import { ageRangeText, ageText } from './onset-age.js';
import { RESIDENT_SOURCE, sourceOdsCode, sourceOf, type SourceLabel } from './source.js';
import { isEnteredInError } from './status-code.js';

export type TimelineResource =
  Encounter | Appointment | Observation | DiagnosticReport | DocumentReference | CarePlan | EpisodeOfCare | Condition;

export type TimelineEventType =
  | 'consultation'
  | 'admission'
  | 'discharge'
  | 'a-and-e'
  | 'outpatient'
  | 'result'
  | 'appointment'
  | 'assessment'
  | 'care-plan-review'
  | 'letter'
  | 'other';

export const TIMELINE_EVENT_TYPES: readonly TimelineEventType[] = [
  'consultation',
  'admission',
  'discharge',
  'a-and-e',
  'outpatient',
  'result',
  'appointment',
  'assessment',
  'care-plan-review',
  'letter',
  'other',
];

const TYPE_LABELS: Record<'clinician' | 'resident', Record<TimelineEventType, string>> = {
  clinician: {
    consultation: 'Consultations',
    admission: 'Admissions',
    discharge: 'Discharges',
    'a-and-e': 'A&E attendances',
    outpatient: 'Outpatients',
    result: 'Results',
    appointment: 'Appointments',
    assessment: 'Assessments',
    'care-plan-review': 'Care plans and reviews',
    letter: 'Letters and documents',
    other: 'Other',
  },
  resident: {
    consultation: 'Appointments and contacts',
    admission: 'Hospital stays',
    discharge: 'Leaving hospital',
    'a-and-e': 'A&E visits',
    outpatient: 'Hospital clinics',
    result: 'Test results and readings',
    appointment: 'Appointments booked',
    assessment: 'Assessments',
    'care-plan-review': 'Care plans',
    letter: 'Letters',
    other: 'Other',
  },
};

/**
 * The event types each resource type can become (by the rules above). An item
 * that cannot be read is `other`, whatever its type. Says which filter chips
 * the part of a record not yet read may still add to.
 */
export const EVENT_TYPES_OF: Readonly<Record<TimelineResource['resourceType'], readonly TimelineEventType[]>> = {
  Encounter: ['a-and-e', 'discharge', 'admission', 'care-plan-review', 'assessment', 'outpatient', 'consultation', 'other'],
  Appointment: ['appointment', 'other'],
  Observation: ['result', 'other'],
  DiagnosticReport: ['result', 'other'],
  DocumentReference: ['discharge', 'care-plan-review', 'assessment', 'letter', 'other'],
  CarePlan: ['care-plan-review', 'other'],
  EpisodeOfCare: ['other'],
  Condition: ['other'],
};

/** What a filter chip for the event type says. */
export function timelineEventTypeLabel(type: TimelineEventType, audience: 'clinician' | 'resident'): string {
  return TYPE_LABELS[audience][type];
}

const TIMELINE_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'Encounter',
  'Appointment',
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'CarePlan',
  'EpisodeOfCare',
  'Condition',
]);

export function isTimelineResource(resource: unknown): resource is TimelineResource {
  return (
    typeof resource === 'object' &&
    resource !== null &&
    TIMELINE_RESOURCE_TYPES.has(String((resource as { resourceType?: unknown }).resourceType))
  );
}

/** What the record says of when a condition began, when it gives no date to place it by. */
export type OnsetSaid =
  /** `age 45 years`, `age 5–10 years`, `from age 60 years`. */
  | { kind: 'age'; text: string }
  /** The record's own words (`childhood`), or an onset date that could not be read, as written. */
  | { kind: 'words'; text: string }
  /** A period with only an end: it began on or before then. */
  | { kind: 'by'; moment: ClinicalMoment }
  | { kind: 'not-recorded' };

/** A condition not placed by its onset: whether its moment is the date it was recorded, and what is known of its onset. */
export interface OnsetFacts {
  recorded: boolean;
  said: OnsetSaid;
}

/** What the timeline needs from a resource, before dates are formatted for an audience. */
export interface TimelineFacts {
  type: TimelineEventType;
  setting: CareSetting;
  title: string;
  detail: string | undefined;
  /** When it happened; `undefined` when the resource does not say. */
  moment: ClinicalMoment | undefined;
  statusCode: string | undefined;
  /** A Condition whose diagnosis is not confirmed: its status says so first. */
  uncertainty: ConditionUncertainty | undefined;
  /** A Condition whose record gives no onset date: `moment` is not when it began, and this says what it is. */
  onset: OnsetFacts | undefined;
  /**
   * `moment` is a later date than what happened, the only one the record
   * gives: when a result was issued (not when the sample was taken), or when
   * an encounter or episode of care ended (not when it began); `taken-by`: a
   * result neither dated nor issued whose effective period gives only its end.
   */
  datedBy: 'issued' | 'end' | 'taken-by' | undefined;
  /** A result placed by its issue whose effective period gives only an end: it was taken by then. */
  takenBy: ClinicalMoment | undefined;
  /** An appointment with neither start nor end: the period it was asked for, in the audience's words. */
  requested: string | undefined;
  source: SourceLabel;
  /** Observations a DiagnosticReport reports, as `Observation/<id>`. */
  results: readonly string[];
}

/**
 * Source and setting lookups for one timeline. Both are remembered for
 * sources named by ODS code: a long record has tens of thousands of items
 * from a handful of organisations, and events from one share one
 * `SourceLabel`.
 */
export interface FactsReader {
  /** Whose formats a value is read in. */
  audience: RecordAudience;
  source(resource: TimelineResource): SourceLabel;
  setting(source: SourceLabel, hints?: SettingHints): CareSetting;
  /** Today, and the resident's date of birth if known: a condition whose abatement is still to come has not abated. */
  clock?: ConditionClock | undefined;
}

/**
 * A reading the person took themselves, said the FHIR way rather than by the
 * hub's `meta.source`: an Observation whose performer is a Patient. Servers
 * other than the hub mark home readings only like this.
 */
function performedByPatient(resource: TimelineResource): boolean {
  if (resource.resourceType !== 'Observation') return false;
  const performers = (resource as { performer?: readonly { reference?: string }[] }).performer ?? [];
  return performers.some((performer) => isPatientReference(performer.reference));
}

export function createFactsReader(
  organizations: ReadonlyMap<string, string>,
  audience: RecordAudience,
  clock?: ConditionClock,
): FactsReader {
  const sources = new Map<string, SourceLabel>();
  const settings = new WeakMap<SourceLabel, Map<string, CareSetting>>();
  const resident: SourceLabel = { ...RESIDENT_SOURCE };
  return {
    audience,
    clock,
    source(resource) {
      if (performedByPatient(resource)) return resident;
      // Only a source named by ODS code in `meta.source` is the same for every item naming it; without one
      // (other servers, the resident's or a carer's entries) the item's own fields say who it came from.
      const code = sourceOdsCode(resource);
      if (code === undefined) return sourceOf(resource, organizations);
      let label = sources.get(code);
      if (!label) {
        label = sourceOf(resource, organizations);
        sources.set(code, label);
      }
      return label;
    },
    setting(source, hints = {}) {
      let bySource = settings.get(source);
      if (!bySource) {
        bySource = new Map();
        settings.set(source, bySource);
      }
      const key = `${hints.organizationName ?? ''}\u0000${hints.encounterClass ?? ''}`;
      let setting = bySource.get(key);
      if (!setting) {
        setting = careSettingOf(source, hints);
        bySource.set(key, setting);
      }
      return setting;
    },
  };
}

const NO_RESULTS: readonly string[] = Object.freeze([]);

const SNOMED = 'http://snomed.info/sct';
const A_AND_E_CODES = ['4525004', '50849002'];
const ADMISSION_CODES = ['32485007', '183452005', '8715000'];
const DISCHARGE_CODES = ['58000006', '373942005'];
const PLAN_REVIEW = /plan review|care programme approach|\bCPA\b/i;
const ASSESSMENT = /assessment/i;
const OUTPATIENT = /outpatient|\bclinic\b/i;
const INPATIENT_CLASSES: ReadonlySet<string> = new Set(['IMP', 'ACUTE', 'NONAC']);
const NOT_RESULT_CATEGORIES: ReadonlySet<string> = new Set(['social-history', 'survey']);
/** A test that was not done: whatever value it carries is not a result. */
const CANCELLED = 'cancelled';

const anyCode = (concepts: readonly ConceptLike[], codes: readonly string[]): boolean =>
  concepts.some((concept) => codes.some((code) => hasCode(concept, SNOMED, code)));

const allText = (concepts: readonly (ConceptLike | undefined)[]): string =>
  concepts.map((concept) => [concept?.text, ...(concept?.coding ?? []).map((coding) => coding.display)].join(' ')).join(' ');

/** `Observation/<id>` from a reference, relative or absolute. */
function observationKey(reference: string | undefined): string | undefined {
  const match = /(?:^|\/)Observation\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(reference?.trim() ?? '');
  return match ? `Observation/${match[1]}` : undefined;
}

/** The Observations a DiagnosticReport reports, as `Observation/<id>`; none for anything else. */
export function reportResults(resource: TimelineResource): string[] {
  if (resource.resourceType !== 'DiagnosticReport') return [];
  return (resource.result ?? []).flatMap((reference) => observationKey(reference.reference) ?? []);
}

function organizationDisplay(
  references: readonly ({ reference?: string | undefined; display?: string | undefined } | undefined)[],
): string | undefined {
  for (const reference of references) {
    if (reference?.reference === undefined || /(^|\/)Organization\//.test(reference.reference)) {
      const display = presentText(reference?.display);
      if (display) return display;
    }
  }
  return undefined;
}

/** A whole number as recorded; a value of another type makes the resource unreadable rather than showing it wrongly. */
function integerText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError('valueInteger is not a whole number');
  return String(value);
}

/**
 * An observation's value as the results view reads it: its own value
 * (`< 5 mmol/L`), else its panel's (`145/79 mmHg`, or each part named when
 * they are not all plain quantities in one unit), else `Not known` when the
 * value is recorded as absent.
 */
function observationValue(observation: Observation, audience: RecordAudience): string | undefined {
  integerText(observation.valueInteger);
  if (hasObservationValue(observation)) return observationValueText(observation, audience).text;
  // A null among the components (sent by real feeds) is no component at all.
  const components = ((observation.component ?? []) as (NonNullable<Observation['component']>[number] | null)[]).filter(
    (component) => typeof component === 'object' && component !== null,
  );
  return panelValueText(components) ?? (observation.dataAbsentReason ? absentValueText(observation) : undefined);
}

/** Whether the resource says it is about this patient; `subject` is what it names, for the safety report. */
export function patientCheck(resource: TimelineResource, patientId: string): { ok: boolean; subject: string | undefined } {
  if (resource.resourceType === 'Appointment') {
    // A null among the participants (common in real feeds) is no participant at all.
    const patients = (resource.participant ?? [])
      .map((participant) => (participant as typeof participant | null)?.actor?.reference)
      .filter((reference): reference is string => isPatientReference(reference));
    // Every patient it names must be this one: an appointment naming anyone else is not shown under this banner.
    const other = patients.find((reference) => !referencesPatient(reference, patientId));
    return { ok: patients.length > 0 && other === undefined, subject: other ?? patients[0] };
  }
  const subject = resource.resourceType === 'EpisodeOfCare' ? resource.patient?.reference : resource.subject?.reference;
  return { ok: referencesPatient(subject, patientId), subject };
}

/** Whether the source withdrew it (entered in error), or refuted a diagnosis: never shown. */
export function isWithdrawn(resource: TimelineResource): boolean {
  if (resource.resourceType === 'Condition') return isVoidCondition(resource);
  if (resource.resourceType === 'DocumentReference' && isEnteredInError(resource.docStatus)) return true;
  return isEnteredInError(resource.status);
}

function encounterType(encounter: Encounter, setting: CareSetting): TimelineEventType {
  const classCode = encounterClassCode(encounter.class);
  const concepts = [...(encounter.type ?? []), ...(encounter.serviceType ? [encounter.serviceType] : [])];
  const words = allText(concepts);
  if (classCode === 'EMER' || anyCode(concepts, A_AND_E_CODES)) return 'a-and-e';
  if (anyCode(concepts, DISCHARGE_CODES)) return 'discharge';
  if ((classCode !== undefined && INPATIENT_CLASSES.has(classCode)) || anyCode(concepts, ADMISSION_CODES)) return 'admission';
  if (PLAN_REVIEW.test(words)) return 'care-plan-review';
  if (ASSESSMENT.test(words)) return 'assessment';
  if (classCode === 'AMB' && (setting === 'hospital' || OUTPATIENT.test(words))) return 'outpatient';
  return 'consultation';
}

function documentType(document: DocumentReference): TimelineEventType {
  const concepts = [...(document.type ? [document.type] : []), ...(document.category ?? [])];
  const words = allText(concepts);
  if (anyCode(concepts, DISCHARGE_CODES) || /discharge/i.test(words)) return 'discharge';
  if (PLAN_REVIEW.test(words)) return 'care-plan-review';
  if (ASSESSMENT.test(words)) return 'assessment';
  return 'letter';
}

/**
 * The first code among the concepts that name an event, as words
 * (`SNOMED CT 22298006`): its title when the source sent a code and no words
 * anywhere, so the event never reads "Not known" when the source said what it was.
 */
function firstCode(concepts: readonly (ConceptLike | undefined)[]): string | undefined {
  for (const concept of concepts) {
    const code = codedText(concept);
    if (code) return code;
  }
  return undefined;
}

const differentFrom = (title: string, detail: string | undefined): string | undefined =>
  detail && detail.toLowerCase() !== title.toLowerCase() ? detail : undefined;

/**
 * Where each resource type's event is dated, first choice first: what
 * `readTimelineFacts` reads its moment from, what the date of one that could
 * not be read is salvaged from, and what bounds the day it may fall on
 * before it is read. Keep it in step with `readTimelineFacts`.
 */
export const MOMENT_PATHS: Readonly<Record<TimelineResource['resourceType'], readonly (readonly string[])[]>> = {
  Encounter: [
    ['period', 'start'],
    ['period', 'end'],
  ],
  Appointment: [['start'], ['end']],
  Observation: [['effectiveDateTime'], ['effectivePeriod', 'start'], ['effectiveInstant'], ['issued'], ['effectivePeriod', 'end']],
  DiagnosticReport: [['effectiveDateTime'], ['effectivePeriod', 'start'], ['issued'], ['effectivePeriod', 'end']],
  DocumentReference: [['date'], ['content', '0', 'attachment', 'creation'], ['context', 'period', 'end'], ['context', 'period', 'start']],
  CarePlan: [['created'], ['period', 'start']],
  EpisodeOfCare: [
    ['period', 'start'],
    ['period', 'end'],
  ],
  Condition: [['onsetDateTime'], ['onsetPeriod', 'start'], ['recordedDate']],
};

/** FHIR R4's `onsetRange`, which the contract leaves out but servers send. */
type RecordedCondition = Condition & { onsetRange?: unknown };

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * When a condition began, as the timeline places it: its onset date when the
 * record gives one; otherwise the date it was recorded, with what the record
 * says of its onset.
 */
function conditionMoment(condition: RecordedCondition): { moment: ClinicalMoment | undefined; onset: OnsetFacts | undefined } {
  const began = firstRecordedMoment(condition.onsetDateTime, condition.onsetPeriod?.start);
  if (began) return { moment: began, onset: undefined };
  const recorded = firstRecordedMoment(condition.recordedDate);
  const age = ageText(condition.onsetAge) ?? ageRangeText(condition.onsetRange);
  const words = tidyText(condition.onsetString) || tidyText(condition.onsetDateTime);
  const by = firstRecordedMoment(condition.onsetPeriod?.end);
  const said: OnsetSaid = age
    ? { kind: 'age', text: lowerFirst(age) }
    : words
      ? { kind: 'words', text: words }
      : by
        ? { kind: 'by', moment: by }
        : { kind: 'not-recorded' };
  return { moment: recorded, onset: { recorded: recorded !== undefined, said } };
}

/**
 * Why an encounter happened: its coded reason in words, else
 * its code; else the name of the record its reason refers to
 * (`reasonReference`, FHIR R4, which the contract leaves out), as GP Connect
 * and UK Core exports point at the Condition.
 */
function reasonOf(resource: { reasonCode?: readonly ConceptLike[] | undefined }): string | undefined {
  const coded = firstConceptWords(resource.reasonCode);
  if (coded) return coded;
  const references: unknown = (resource as { reasonReference?: unknown }).reasonReference;
  for (const reference of Array.isArray(references) ? (references as unknown[]) : []) {
    const display = tidyText((reference as { display?: string } | null)?.display);
    if (display) return display;
  }
  return undefined;
}

const CANCELLED_BECAUSE: Record<RecordAudience, string> = { clinician: 'Cancellation reason', resident: 'Why it was cancelled' };

/**
 * An appointment's second line: its description when that is not its title,
 * every reason it gives, and why it was cancelled — all of them, as the
 * appointments view shows them (`appointment-words.ts`).
 */
function appointmentDetail(appointment: Appointment, title: string | undefined, audience: RecordAudience): string | undefined {
  const description = tidyText(appointment.description);
  const shownDescription = description && description.toLowerCase() !== title?.toLowerCase() ? description : undefined;
  const reasons = appointmentReasons(appointment).join('; ');
  const cancelled = cancellationReason(appointment);
  const parts = [
    shownDescription,
    reasons && shownDescription ? `Reason: ${reasons}` : reasons || undefined,
    cancelled ? `${CANCELLED_BECAUSE[audience]}: ${cancelled}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join('. ') : undefined;
}

/** The moment of what happened when the record gives one, else the later date `later`, marked as such. */
function placedBy(
  happened: ClinicalMoment | undefined,
  later: string | undefined,
  kind: 'issued' | 'end',
): { moment: ClinicalMoment | undefined; datedBy: TimelineFacts['datedBy'] } {
  if (happened) return { moment: happened, datedBy: undefined };
  const moment = firstRecordedMoment(later);
  return { moment, datedBy: moment ? kind : undefined };
}

/**
 * Where a result sits: when it was taken; else when it was issued, and taken
 * by the end of its effective period when that is given; else by that end.
 */
function resultPlacement(
  taken: ClinicalMoment | undefined,
  issued: string | undefined,
  periodEnd: string | undefined,
): Pick<TimelineFacts, 'moment' | 'datedBy' | 'takenBy'> {
  const placed = placedBy(taken, issued, 'issued');
  const end = placed.moment && !placed.datedBy ? undefined : firstRecordedMoment(periodEnd);
  if (placed.moment) return { ...placed, takenBy: placed.datedBy ? end : undefined };
  return { moment: end, datedBy: end ? 'taken-by' : undefined, takenBy: undefined };
}

/** Reads a resource the timeline shows. */
export function readTimelineFacts(resource: TimelineResource, reader: FactsReader): TimelineFacts {
  const source = reader.source(resource);
  let type: TimelineEventType;
  let setting: CareSetting;
  let moment: ClinicalMoment | undefined;
  let statusCode: string | undefined;
  let uncertainty: ConditionUncertainty | undefined;
  let onset: OnsetFacts | undefined;
  let datedBy: TimelineFacts['datedBy'];
  let takenBy: ClinicalMoment | undefined;
  let requested: string | undefined;
  let title: string | undefined;
  /** The concepts that name the event, first choice first: its code when none of its fields has words. */
  let named: readonly (ConceptLike | undefined)[] = [];
  let detail: string | undefined;
  /** What titles the event when nothing it names says anything: an encounter's class, a condition's narrative. */
  let lastly: string | undefined;
  let results = NO_RESULTS;
  switch (resource.resourceType) {
    case 'Encounter':
      setting = reader.setting(source, {
        organizationName: resource.serviceProvider?.display,
        encounterClass: encounterClassCode(resource.class),
      });
      type = encounterType(resource, setting);
      ({ moment, datedBy } = placedBy(firstRecordedMoment(resource.period?.start), resource.period?.end, 'end'));
      statusCode = resource.status;
      title = firstConceptText(resource.type) ?? conceptText(resource.serviceType);
      named = [...(resource.type ?? []), resource.serviceType];
      lastly = encounterClassWords(resource.class);
      detail = reasonOf(resource);
      break;
    case 'Appointment': {
      const booking = resource.extension?.find((extension) =>
        extension.url.endsWith('Extension-UKCore-BookingOrganization'),
      )?.valueReference;
      setting = reader.setting(source, { organizationName: booking?.display });
      type = 'appointment';
      // A booked time, not a recorded fact: an appointment at midnight is at midnight. With no start, by its end, as the
      // appointments view places it (`appointmentTiming`), saying so; with neither, undated, saying the period asked for.
      moment = firstMoment(resource.start);
      if (!moment) {
        const end: unknown = resource.end;
        moment = typeof end === 'string' ? firstMoment(end) : undefined;
        datedBy = moment ? 'end' : undefined;
        requested = moment ? undefined : requestedWords(resource, reader.audience);
      }
      statusCode = resource.status;
      title = firstConceptText(resource.serviceType) ?? conceptText(resource.appointmentType) ?? presentText(resource.description);
      named = [...(resource.serviceType ?? []), resource.appointmentType];
      detail = appointmentDetail(resource, title ?? firstCode(named), reader.audience);
      break;
    }
    case 'Observation': {
      const categories = (resource.category ?? []).flatMap((category) => (category.coding ?? []).map((coding) => coding.code ?? ''));
      setting = reader.setting(source, { organizationName: organizationDisplay(resource.performer ?? []) });
      type = categories.length > 0 && categories.every((code) => NOT_RESULT_CATEGORIES.has(code)) ? 'other' : 'result';
      ({ moment, datedBy, takenBy } = resultPlacement(
        firstRecordedMoment(resource.effectiveDateTime, resource.effectivePeriod?.start, resource.effectiveInstant),
        resource.issued,
        resource.effectivePeriod?.end,
      ));
      statusCode = resource.status;
      title = conceptText(resource.code);
      named = [resource.code];
      detail = resource.status === CANCELLED ? undefined : observationValue(resource, reader.audience);
      break;
    }
    case 'DiagnosticReport':
      setting = reader.setting(source, { organizationName: organizationDisplay(resource.performer ?? []) });
      type = 'result';
      ({ moment, datedBy, takenBy } = resultPlacement(
        firstRecordedMoment(resource.effectiveDateTime, resource.effectivePeriod?.start),
        resource.issued,
        resource.effectivePeriod?.end,
      ));
      statusCode = resource.status;
      title = conceptText(resource.code);
      named = [resource.code];
      detail =
        resource.status === CANCELLED
          ? undefined
          : (presentText(resource.conclusion) ?? firstConceptWords(Array.isArray(resource.conclusionCode) ? resource.conclusionCode : []));
      results = reportResults(resource);
      break;
    case 'DocumentReference':
      setting = reader.setting(source, { organizationName: resource.custodian?.display });
      type = documentType(resource);
      moment = firstRecordedMoment(
        resource.date,
        resource.content?.[0]?.attachment?.creation,
        resource.context?.period?.end,
        resource.context?.period?.start,
      );
      // A document replaced by a newer version is superseded, whatever its own composition status (`docStatus`) says.
      statusCode = resource.status === 'superseded' ? resource.status : (resource.docStatus ?? resource.status);
      title = conceptText(resource.type) ?? presentText(resource.description) ?? presentText(resource.content?.[0]?.attachment?.title);
      named = [resource.type];
      detail = presentText(resource.description);
      break;
    case 'CarePlan':
      setting = reader.setting(source);
      type = 'care-plan-review';
      moment = firstRecordedMoment(resource.created, resource.period?.start);
      statusCode = resource.status;
      title = presentText(resource.title) ?? firstConceptText(resource.category) ?? presentText(resource.description);
      named = resource.category ?? [];
      detail = firstConceptText(resource.category);
      break;
    case 'EpisodeOfCare':
      setting = reader.setting(source, { organizationName: resource.managingOrganization?.display });
      type = 'other';
      ({ moment, datedBy } = placedBy(firstRecordedMoment(resource.period?.start), resource.period?.end, 'end'));
      statusCode = resource.status;
      title = firstConceptText(resource.type);
      named = resource.type ?? [];
      break;
    case 'Condition':
      setting = reader.setting(source);
      type = 'other';
      ({ moment, onset } = conditionMoment(resource));
      statusCode = conditionClinicalStatus(resource, reader.clock);
      uncertainty = conditionUncertainty(resource);
      title = conceptText(resource.code);
      named = [resource.code];
      lastly = narrativeWords(resource.text);
      break;
  }
  const shown = title ?? firstCode(named) ?? lastly ?? NOT_KNOWN;
  return {
    type,
    setting,
    title: shown,
    detail: differentFrom(shown, detail),
    moment,
    statusCode,
    uncertainty,
    onset,
    datedBy,
    takenBy,
    requested,
    source,
    results,
  };
}
