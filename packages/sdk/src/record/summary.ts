/**
 * The record summary, in PRSB order: alerts and safeguarding, allergies,
 * problems, a medication headline, legal information and advance decisions,
 * personal contacts, care and support plans, services involved, and upcoming
 * appointments. Each section says whether it is ready, empty, partial (a source
 * did not answer), withheld (some items not shown) or not permitted (the
 * viewer's role may not see it), and every item names its source organisation.
 *
 * Wrong-patient guard: every resource that names a patient other than
 * `options.patientId` (or names none) is dropped and reported in
 * `safetyErrors`, never rendered.
 */
import type {
  Appointment,
  CarePlan,
  Condition,
  EpisodeOfCare,
  Flag,
  MedicationRequest,
  MedicationStatement,
  Organization,
  Practitioner,
  RelatedPerson,
  SummaryBundle,
} from '../fhir.js';
import { formatClinicalTime } from '../format/date.js';
import { formatClinicalName, formatResidentName, selectOfficialName } from '../format/name.js';
import { NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import { recordAllergyState, conceptText, recordDate, type AllergyItem, type AllergyState, type RecordAudience } from './allergies.js';
import { NOT_PERMITTED_NOTICE, readNotices, unavailableNotice, WITHHELD_NOTICE, type RecordNotices } from './notices.js';
import { organizationNames, sourceOf, type SourceLabel } from './source.js';
import { tidyText as tidy } from './concept-text.js';

export type SummarySectionKey =
  'alerts' | 'allergies' | 'problems' | 'medications' | 'legal' | 'contacts' | 'carePlans' | 'involvement' | 'appointments';

/** PRSB order of the summary's sections. */
export const SUMMARY_SECTION_ORDER: readonly SummarySectionKey[] = [
  'alerts',
  'allergies',
  'problems',
  'medications',
  'legal',
  'contacts',
  'carePlans',
  'involvement',
  'appointments',
];

/**
 * `not-permitted`: the viewer's role may not see this section (takes
 * precedence); `partial`: a source did not answer; `withheld`: some items are
 * not shown to this viewer; otherwise `ready` or `empty`.
 */
export type SectionState = 'ready' | 'empty' | 'withheld' | 'partial' | 'not-permitted';

export interface SummarySection<Item> {
  key: SummarySectionKey;
  heading: string;
  state: SectionState;
  items: Item[];
  /** What to say when `items` is empty, in this section's own words. */
  emptyText: string;
  withheld: boolean;
  unavailableSources: SourceLabel[];
  /** Lines to show with the section: not permitted, unavailable sources by name, withheld. */
  notices: string[];
}

export interface SafetyError {
  code: 'wrong-patient' | 'no-patient-reference';
  resourceType: string;
  resourceId: string;
  message: string;
}

export interface FlagItem {
  id: string;
  /** The alert as recorded (`code.text`). */
  text: string;
  /** Flag category as recorded: `Safety`, `Clinical`, `Administrative` …; `Not recorded` when absent. */
  category: string;
  /** Alerts: `safeguarding`, `safety` or `other`. Legal: the kind of decision. */
  kind: AlertKind | LegalKind;
  since: string;
  recordedBy: string;
  source: SourceLabel;
}

export type AlertKind = 'safeguarding' | 'safety' | 'other';
export type LegalKind =
  'lasting-power-of-attorney' | 'deprivation-of-liberty' | 'mental-health-act' | 'mental-capacity' | 'advance-decision';

export interface ProblemItem {
  id: string;
  text: string;
  /** `Active`, `Recurrence`, `Relapse`, `Inactive`, `Remission` or `Resolved`. */
  status: string;
  /** `Confirmed`, `Provisional` …, or `Not recorded`. */
  verification: string;
  onset: string;
  recorded: string;
  recordedBy: string;
  source: SourceLabel;
}

export type MedicationKind = 'repeat' | 'acute' | 'other';

export interface MedicationPreviewItem {
  /** The drug name as the first source recorded it. */
  name: string;
  kind: MedicationKind;
  sources: SourceLabel[];
}

export interface MedicationHeadline {
  /** Current medicines, each counted once however many sources hold it. */
  total: number;
  repeat: number;
  acute: number;
  /** Current medicines outside GP prescribing: hospital, over the counter. */
  other: number;
  /** The number of current medicines not named in the preview. */
  moreCount: number;
}

export interface ContactItem {
  id: string;
  name: string;
  /** How they relate to the resident, as recorded: `Daughter`, `Main unpaid carer`, `Next of kin`. */
  relationships: string[];
  carer: boolean;
  nextOfKin: boolean;
  /** Preferred phone number, or `Not known`. */
  phone: string;
  source: SourceLabel;
}

export interface CarePlanItem {
  id: string;
  title: string;
  category: string;
  description?: string;
  /** `Active` or `On hold`. */
  status: string;
  start: string;
  /** The plan's end of period, when it is due for review; `Not recorded` when none. */
  reviewDate: string;
  reviewOverdue: boolean;
  author: string;
  source: SourceLabel;
}

export interface InvolvementItem {
  id: string;
  service: string;
  organisation: string;
  careManager: string;
  team?: string;
  since: string;
  /** Adult or children's social care, as opposed to a health service. */
  socialCare: boolean;
  source: SourceLabel;
}

export interface AppointmentItem {
  id: string;
  description: string;
  service: string;
  date: string;
  time: string;
  /** The professionals booked, or `Not known`. */
  with: string;
  location: string;
  organisation: string;
  instruction?: string;
  source: SourceLabel;
}

export interface SummaryViewModel {
  patientId: string;
  audience: RecordAudience;
  order: readonly SummarySectionKey[];
  sections: {
    alerts: SummarySection<FlagItem>;
    allergies: SummarySection<AllergyItem> & { allergies: AllergyState };
    problems: SummarySection<ProblemItem> & { past: ProblemItem[] };
    medications: SummarySection<MedicationPreviewItem> & { headline: MedicationHeadline };
    legal: SummarySection<FlagItem>;
    contacts: SummarySection<ContactItem>;
    carePlans: SummarySection<CarePlanItem>;
    involvement: SummarySection<InvolvementItem>;
    appointments: SummarySection<AppointmentItem>;
  };
  /** Items were withheld somewhere in the record: "Some information is not shown". */
  withheld: boolean;
  unavailableSources: SourceLabel[];
  /** Resources dropped by the wrong-patient guard. Never empty in a correct feed: treat any as an incident. */
  safetyErrors: SafetyError[];
}

export interface SummaryOptions {
  audience: RecordAudience;
  now: Date | string;
  /** The patient in context. Anything about another patient is dropped. */
  patientId: string;
  /** ODS code to name; Organizations in the summary itself are added. */
  organizations?: ReadonlyMap<string, string> | undefined;
  /** Further notices, e.g. `readNotices` of the searches of a batch; merged with the summary Bundle's own. */
  notices?: RecordNotices | undefined;
  /**
   * The SMART scopes granted (space-separated or a list). A section whose
   * resource types no scope lets the viewer read is `not-permitted`. Omitted:
   * every section is permitted.
   */
  scopes?: string | readonly string[] | undefined;
  /** A non-clinical role (e.g. a receptionist): only contacts and appointments are permitted, as at the hub. */
  nonClinicalRole?: boolean | undefined;
  /** How many medicine names the headline shows; 3 by default. */
  medicationPreviewCount?: number | undefined;
}

type Texts = Record<SummarySectionKey, { heading: string; empty: string }>;

const CLINICIAN_TEXTS: Texts = {
  alerts: { heading: 'Alerts and safeguarding', empty: 'No alerts recorded' },
  allergies: { heading: 'Allergies and adverse reactions', empty: 'Allergies not recorded' },
  problems: { heading: 'Problems and issues', empty: 'No active problems recorded' },
  medications: { heading: 'Medications', empty: 'No current medications recorded' },
  legal: { heading: 'Legal information and advance decisions', empty: 'No legal information recorded' },
  contacts: { heading: 'Personal contacts', empty: 'No personal contacts recorded' },
  carePlans: { heading: 'Care and support plans', empty: 'No care and support plans recorded' },
  involvement: { heading: 'Services involved', empty: 'No current services recorded' },
  appointments: { heading: 'Upcoming appointments', empty: 'No upcoming appointments' },
};

const RESIDENT_TEXTS: Texts = {
  alerts: { heading: 'Important notes about your care', empty: 'No alerts recorded' },
  allergies: { heading: 'Your allergies', empty: 'Allergies not recorded' },
  problems: { heading: 'Your health conditions', empty: 'No current health conditions recorded' },
  medications: { heading: 'Your medicines', empty: 'No current medicines recorded' },
  legal: { heading: 'Legal and advance decisions about your care', empty: 'No legal decisions recorded' },
  contacts: { heading: 'Your carers and contacts', empty: 'No carers or contacts recorded' },
  carePlans: { heading: 'Your care and support plans', empty: 'No care and support plans recorded' },
  involvement: { heading: 'Services supporting you', empty: 'No current services recorded' },
  appointments: { heading: 'Your upcoming appointments', empty: 'You have no upcoming appointments' },
};

/** The resource types each section is built from; readable if any of them is. */
const SECTION_TYPES: Readonly<Record<SummarySectionKey, readonly string[]>> = {
  alerts: ['Flag'],
  allergies: ['AllergyIntolerance'],
  problems: ['Condition'],
  medications: ['MedicationRequest', 'MedicationStatement'],
  legal: ['Flag'],
  contacts: ['RelatedPerson'],
  carePlans: ['CarePlan'],
  involvement: ['EpisodeOfCare'],
  appointments: ['Appointment'],
};

/** What a non-clinical role may see, as at the hub. */
const NON_CLINICAL_SECTIONS: ReadonlySet<SummarySectionKey> = new Set(['contacts', 'appointments']);
/** Resource types that are about no one patient. */
const DIRECTORY_TYPES: ReadonlySet<string> = new Set(['Organization', 'Practitioner', 'PractitionerRole', 'OperationOutcome']);

const PRESCRIPTION_TYPE_URL = 'https://care-record.example/StructureDefinition/prescription-type';
const SNOMED = 'http://snomed.info/sct';

interface AnyResource {
  resourceType?: unknown;
  id?: string;
  meta?: { source?: string; security?: { code?: string }[] };
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const codeWords = (code: string | undefined): string => (code ? capitalise(code.replace(/-/g, ' ')) : NOT_RECORDED);
const byText = (a: string, b: string): number => a.localeCompare(b, 'en-GB', { sensitivity: 'base' });

const isResource = (value: unknown): value is AnyResource =>
  typeof value === 'object' && value !== null && typeof (value as AnyResource).resourceType === 'string';
const ofType =
  <T>(type: string) =>
  (resource: AnyResource): resource is AnyResource & T =>
    resource.resourceType === type;

/** Milliseconds of a FHIR date/time for sorting and comparing; `-Infinity` when absent or unreadable. */
const time = (value: string | undefined): number => {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};
const newestFirst = (a: string | undefined, b: string | undefined): number => time(b) - time(a);
/**
 * Whether a period end is before the moment. A date without a time covers the
 * whole of its day, month or year (an alert ending `2026-11-28` still shows
 * that day). An unreadable end is taken as not ended, so the item stays in view.
 */
function endedBefore(end: string | undefined, moment: number): boolean {
  const partial = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$/.exec(tidy(end));
  if (partial) {
    const [, year, month, day] = partial;
    const after = Date.UTC(Number(year) + (month ? 0 : 1), month ? Number(month) - (day ? 1 : 0) : 0, day ? Number(day) + 1 : 1);
    return after <= moment;
  }
  const at = time(end);
  return at !== Number.NEGATIVE_INFINITY && at < moment;
}

/** `Patient/<id>` (relative, absolute or versioned) to the id; `undefined` for any other reference. */
function patientIdOf(reference: string | undefined): string | undefined {
  return /(?:^|\/)Patient\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(tidy(reference))?.[1];
}

/** The patient ids a resource says it is about; `undefined` for directory resources. */
function subjectsOf(resource: AnyResource): string[] | undefined {
  if (DIRECTORY_TYPES.has(String(resource.resourceType))) return undefined;
  if (resource.resourceType === 'Patient') return resource.id ? [resource.id] : [];
  if (resource.resourceType === 'Appointment') {
    return ((resource as Partial<Appointment>).participant ?? [])
      .map((participant) => patientIdOf(participant.actor?.reference))
      .filter((id): id is string => id !== undefined);
  }
  const record = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const id = patientIdOf((record.subject ?? record.patient)?.reference);
  return id === undefined ? [] : [id];
}

function guardPatient(resources: readonly AnyResource[], patientId: string): { kept: AnyResource[]; errors: SafetyError[] } {
  const kept: AnyResource[] = [];
  const errors: SafetyError[] = [];
  for (const resource of resources) {
    const subjects = subjectsOf(resource);
    if (subjects === undefined || subjects.includes(patientId)) {
      kept.push(resource);
      continue;
    }
    const resourceType = String(resource.resourceType);
    const resourceId = tidy(resource.id) || NOT_KNOWN;
    errors.push(
      subjects.length === 0
        ? {
            code: 'no-patient-reference',
            resourceType,
            resourceId,
            message: 'An item that does not say which patient it is about was received and is not shown',
          }
        : { code: 'wrong-patient', resourceType, resourceId, message: 'An item for a different patient was received and is not shown' },
    );
  }
  return { kept, errors };
}

const isNotForResident = (resource: AnyResource): boolean => resource.meta?.security?.some((label) => label.code === 'NOPAT') ?? false;

/** SMART scopes (v2 `user/Flag.rs`, `patient/*.r`; v1 `user/Flag.read`) that let the viewer read a resource type. */
function scopeReads(scope: string, type: string): boolean {
  const match = /^(?:patient|user|system)\/([A-Za-z]+|\*)\.(read|\*|[cruds]+)$/.exec(scope);
  if (!match) return false;
  const [, scopeType, permissions = ''] = match;
  return (scopeType === '*' || scopeType === type) && (permissions === 'read' || permissions === '*' || permissions.includes('r'));
}

function permittedSections(options: SummaryOptions): (key: SummarySectionKey) => boolean {
  const scopes = typeof options.scopes === 'string' ? options.scopes.split(/\s+/).filter(Boolean) : options.scopes;
  return (key) =>
    (!options.nonClinicalRole || NON_CLINICAL_SECTIONS.has(key)) &&
    (scopes === undefined || SECTION_TYPES[key].some((type) => scopes.some((scope) => scopeReads(scope, type))));
}

/** Names of the Organizations and Practitioners the summary carries, by reference. */
class Directory {
  private readonly names = new Map<string, string>();

  constructor(resources: readonly AnyResource[]) {
    for (const resource of resources) {
      if (!resource.id) continue;
      if (resource.resourceType === 'Organization') {
        const name = tidy((resource as Organization).name);
        if (name) this.names.set(`Organization/${resource.id}`, name);
      } else if (resource.resourceType === 'Practitioner') {
        const official = selectOfficialName((resource as Practitioner).name);
        if (official) this.names.set(`Practitioner/${resource.id}`, formatResidentName(official));
      }
    }
  }

  /** The reference's display, else the name of what it points at, else `fallback`. */
  name(reference: { reference?: string; display?: string } | undefined, fallback: string = NOT_KNOWN): string {
    const key = /(?:^|\/)((?:Organization|Practitioner)\/[^/]+)$/.exec(tidy(reference?.reference))?.[1];
    return tidy(reference?.display) || (key ? this.names.get(key) : undefined) || fallback;
  }
}

interface Context {
  audience: RecordAudience;
  now: number;
  organizations: ReadonlyMap<string, string>;
  directory: Directory;
}

const date = (value: string | undefined, context: Context): string => recordDate(value, context.audience);

const isActiveFlag = (flag: Flag, context: Context): boolean => flag.status === 'active' && !endedBefore(flag.period?.end, context.now);

const LEGAL_CODE_PREFIXES: readonly [prefix: string, kind: LegalKind][] = [
  ['lpa', 'lasting-power-of-attorney'],
  ['dols', 'deprivation-of-liberty'],
  ['mha', 'mental-health-act'],
  ['mca', 'mental-capacity'],
  ['respect', 'advance-decision'],
  ['dnacpr', 'advance-decision'],
  ['adrt', 'advance-decision'],
];

const LEGAL_TEXT: readonly [pattern: RegExp, kind: LegalKind][] = [
  [/lasting power of attorney|\bLPA\b/i, 'lasting-power-of-attorney'],
  [/deprivation of liberty|\bDoLS\b|liberty protection safeguards/i, 'deprivation-of-liberty'],
  [/mental health act|\bsection \d+\b/i, 'mental-health-act'],
  [/mental capacity|lacks capacity/i, 'mental-capacity'],
  [/\bReSPECT\b|\bDNACPR\b|do not attempt (?:cardiopulmonary )?resuscitation|advance decision/i, 'advance-decision'],
];

/**
 * Whether a Flag is legal information, and which kind: by the hub's alert code
 * (`lpa-…`, `dols-…`, `mha-…`, `mca-…`, `respect-…`), else by the words of an
 * uncoded alert. Everything else is an alert.
 */
function legalKind(flag: Flag): LegalKind | undefined {
  for (const coding of flag.code.coding ?? []) {
    const code = coding.code?.toLowerCase() ?? '';
    const kind = LEGAL_CODE_PREFIXES.find(([prefix]) => code === prefix || code.startsWith(`${prefix}-`))?.[1];
    if (kind) return kind;
  }
  const text = `${flag.code.text ?? ''} ${(flag.code.coding ?? []).map((coding) => coding.display ?? '').join(' ')}`;
  return LEGAL_TEXT.find(([pattern]) => pattern.test(text))?.[1];
}

const SAFEGUARDING_CODES: ReadonlySet<string> = new Set([
  'child-protection-plan',
  'risk-from-others',
  'safeguarding',
  'looked-after-child',
]);

function alertKind(flag: Flag): AlertKind {
  const codes = (flag.code.coding ?? []).map((coding) => coding.code ?? '');
  if (
    codes.some((code) => SAFEGUARDING_CODES.has(code) || code.startsWith('safeguarding')) ||
    flag.meta?.security?.some((label) => label.code === 'SDV') ||
    /safeguarding|child protection/i.test(flag.code.text ?? '')
  )
    return 'safeguarding';
  const categories = (flag.category ?? []).flatMap((category) => (category.coding ?? []).map((coding) => coding.code));
  return categories.includes('safety') ? 'safety' : 'other';
}

/** Displays of `http://terminology.hl7.org/CodeSystem/flag-category`, for a category sent as a bare code. */
const FLAG_CATEGORIES: Readonly<Record<string, string>> = {
  diet: 'Diet',
  drug: 'Drug',
  lab: 'Lab',
  admin: 'Administrative',
  contact: 'Subject contact',
  clinical: 'Clinical',
  behavioral: 'Behavioral',
  research: 'Research',
  'advance-directive': 'Advance directive',
  safety: 'Safety',
};

function flagCategory(flag: Flag): string {
  const category = flag.category?.[0];
  const known = (category?.coding ?? []).map((coding) => FLAG_CATEGORIES[coding.code ?? '']).find(Boolean);
  return conceptText(category, '') || known || NOT_RECORDED;
}

function flagItem(flag: Flag, kind: AlertKind | LegalKind, context: Context): FlagItem {
  return {
    id: flag.id ?? NOT_KNOWN,
    text: conceptText(flag.code),
    category: flagCategory(flag),
    kind,
    since: date(flag.period?.start, context),
    recordedBy: context.directory.name(flag.author),
    source: sourceOf(flag, context.organizations),
  };
}

const ALERT_ORDER: readonly AlertKind[] = ['safeguarding', 'safety', 'other'];
const LEGAL_ORDER: readonly LegalKind[] = [
  'advance-decision',
  'lasting-power-of-attorney',
  'deprivation-of-liberty',
  'mental-health-act',
  'mental-capacity',
];

const CONDITION_ACTIVE = new Set(['active', 'recurrence', 'relapse']);

const conditionStatus = (condition: Condition): string | undefined => condition.clinicalStatus?.coding?.find((coding) => coding.code)?.code;
const conditionVerification = (condition: Condition): string | undefined =>
  condition.verificationStatus?.coding?.find((coding) => coding.code)?.code;
const conditionWhen = (condition: Condition): string | undefined =>
  condition.onsetDateTime ?? condition.onsetPeriod?.start ?? condition.recordedDate;

function problemItem(condition: Condition, context: Context): ProblemItem {
  let onset: string;
  if (condition.onsetDateTime !== undefined) onset = date(condition.onsetDateTime, context);
  else if (condition.onsetPeriod !== undefined) onset = date(condition.onsetPeriod.start, context);
  else onset = tidy(condition.onsetString) || NOT_RECORDED;
  const status = conditionStatus(condition);
  return {
    id: condition.id ?? NOT_KNOWN,
    text: conceptText(condition.code),
    // Missing clinical status reads as active, as for allergies: the side that keeps the problem in view.
    status: status ? codeWords(status) : 'Active',
    verification: codeWords(conditionVerification(condition)),
    onset,
    recorded: date(condition.recordedDate, context),
    recordedBy: context.directory.name(condition.recorder),
    source: sourceOf(condition, context.organizations),
  };
}

function prescriptionKind(request: MedicationRequest): MedicationKind {
  const typeCode = request.extension?.find((extension) => extension.url === PRESCRIPTION_TYPE_URL)?.valueCoding?.code;
  if (typeCode === 'acute' || typeCode === 'delayed-prescribing') return 'acute';
  if (typeCode === 'repeat' || typeCode === 'repeat-dispensing') return 'repeat';
  const course = request.courseOfTherapyType?.coding?.map((coding) => coding.code) ?? [];
  if (course.includes('acute')) return 'acute';
  if (course.includes('continuous') || course.includes('continuous-repeating-dispensing')) return 'repeat';
  return request.intent === 'plan' ? 'repeat' : 'acute';
}

/**
 * A statement with no authorisation in view: a GP (`community`) statement is a
 * repeat when it rests on an authorisation and has no end, an acute course when
 * it has an end; anything else (hospital, over the counter) is `other`.
 */
function statementKind(statement: MedicationStatement): MedicationKind {
  if (!(statement.category?.coding ?? []).some((coding) => coding.code === 'community')) return 'other';
  if (statement.effectivePeriod?.end !== undefined) return 'acute';
  return (statement.basedOn ?? []).length > 0 ? 'repeat' : 'other';
}

type MedicationResource = MedicationRequest | MedicationStatement;

const medicationName = (resource: MedicationResource): string =>
  resource.medicationCodeableConcept
    ? conceptText(resource.medicationCodeableConcept)
    : tidy(resource.medicationReference?.display) || NOT_KNOWN;

/** Same medicine across sources: the same dm+d/SNOMED code, else the same name ignoring case and spacing. */
function medicationKey(resource: MedicationResource): string {
  const code = resource.medicationCodeableConcept?.coding?.find(
    (coding) => (coding.system === 'https://dmd.nhs.uk' || coding.system === SNOMED) && coding.code,
  )?.code;
  return code ? `code:${code}` : `name:${medicationName(resource).toLowerCase()}`;
}

/**
 * The medication headline: current medicines counted once each, repeats then
 * acutes then others (hospital, over the counter), alphabetical within each.
 * Current: an active authorisation (MedicationRequest `plan`) or an active
 * prescription not issued from one; an active MedicationStatement whose
 * period has not ended. A statement based on a counted authorisation is the
 * same medicine.
 */
function medicationHeadline(
  requests: readonly MedicationRequest[],
  statements: readonly MedicationStatement[],
  context: Context,
  previewCount: number,
): { headline: MedicationHeadline; items: MedicationPreviewItem[] } {
  const byKey = new Map<string, MedicationPreviewItem & { sourceCodes: Set<string> }>();
  const counted = new Map<string, string>(); // MedicationRequest id -> key
  const add = (resource: MedicationResource, kind: MedicationKind, key = medicationKey(resource)) => {
    const source = sourceOf(resource, context.organizations);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { name: medicationName(resource), kind, sources: [source], sourceCodes: new Set([source.odsCode]) });
      return key;
    }
    if (!existing.sourceCodes.has(source.odsCode)) {
      existing.sourceCodes.add(source.odsCode);
      existing.sources.push(source);
    }
    return key;
  };

  const currentRequests = requests.filter(
    (request) => request.status === 'active' && (request.intent === 'plan' || !(request.basedOn ?? []).length),
  );
  for (const kind of ['repeat', 'acute'] as const) {
    for (const request of currentRequests.filter((candidate) => prescriptionKind(candidate) === kind)) {
      const key = add(request, kind);
      if (request.id) counted.set(request.id, key);
    }
  }
  const currentStatements = statements.filter(
    (statement) => statement.status === 'active' && !endedBefore(statement.effectivePeriod?.end, context.now),
  );
  for (const statement of currentStatements) {
    const basis = (statement.basedOn ?? [])
      .map((reference) => /(?:^|\/)MedicationRequest\/([^/]+)$/.exec(tidy(reference.reference))?.[1])
      .find((id) => id !== undefined && counted.has(id));
    add(statement, statementKind(statement), basis ? counted.get(basis) : undefined);
  }

  const rank: Record<MedicationKind, number> = { repeat: 0, acute: 1, other: 2 };
  const all = [...byKey.values()]
    .sort((a, b) => rank[a.kind] - rank[b.kind] || byText(a.name, b.name))
    .map(({ name, kind, sources }) => ({ name, kind, sources }));
  const items = all.slice(0, Math.max(0, previewCount));
  const count = (kind: MedicationKind) => all.filter((item) => item.kind === kind).length;
  return {
    headline: {
      total: all.length,
      repeat: count('repeat'),
      acute: count('acute'),
      other: count('other'),
      moreCount: all.length - items.length,
    },
    items,
  };
}

const RELATIONSHIP_WORDS: Readonly<Record<string, string>> = {
  N: 'Next of kin',
  NOK: 'Next of kin',
  C: 'Emergency contact',
  '133932002': 'Carer',
};

function contactItem(person: RelatedPerson, context: Context, nowValue: Date | string): ContactItem {
  const relationships = (person.relationship ?? [])
    .map((concept) => {
      const known = (concept.coding ?? []).map((coding) => RELATIONSHIP_WORDS[coding.code ?? '']).find(Boolean);
      const text = tidy(concept.text) || known || conceptText(concept, '');
      return text ? capitalise(text) : '';
    })
    .filter(Boolean);
  const codes = (person.relationship ?? []).flatMap((concept) => (concept.coding ?? []).map((coding) => coding.code ?? ''));
  const words = (person.relationship ?? []).map((concept) => conceptText(concept, '')).join(' ');
  const phone = (person.telecom ?? [])
    .filter((point) => (point.system === 'phone' || point.system === 'sms') && tidy(point.value) && point.use !== 'old')
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))[0];
  const name = selectOfficialName(person.name, nowValue);
  return {
    id: person.id ?? NOT_KNOWN,
    name: context.audience === 'resident' ? formatResidentName(name) : formatClinicalName(name),
    relationships: relationships.length > 0 ? relationships : [NOT_KNOWN],
    carer: codes.includes('133932002') || /\bcarer\b|caregiver/i.test(words),
    nextOfKin: codes.includes('N') || codes.includes('NOK') || /next[ -]of[ -]kin/i.test(words),
    phone: tidy(phone?.value) || NOT_KNOWN,
    source: sourceOf(person, context.organizations),
  };
}

function carePlanItem(plan: CarePlan, context: Context): CarePlanItem {
  const description = tidy(plan.description);
  const end = plan.period?.end;
  return {
    id: plan.id ?? NOT_KNOWN,
    title: tidy(plan.title) || conceptText(plan.category?.[0]),
    category: conceptText(plan.category?.[0], NOT_RECORDED),
    ...(description ? { description } : {}),
    status: plan.status === 'on-hold' ? 'On hold' : 'Active',
    start: date(plan.period?.start ?? plan.created, context),
    reviewDate: date(end, context),
    reviewOverdue: endedBefore(end, context.now),
    author: context.directory.name(plan.author),
    source: sourceOf(plan, context.organizations),
  };
}

function isSocialCare(episode: EpisodeOfCare, organizationsById: ReadonlyMap<string, Organization>): boolean {
  const codes = (episode.type ?? []).flatMap((type) => (type.coding ?? []).map((coding) => coding.code ?? ''));
  if (codes.some((code) => code.startsWith('asc-') || code.startsWith('csc-'))) return true;
  const words = (episode.type ?? []).map((type) => conceptText(type, '')).join(' ');
  if (/social care|care act|child protection|child in need/i.test(words)) return true;
  const organizationId = /(?:^|\/)Organization\/([^/]+)$/.exec(tidy(episode.managingOrganization?.reference))?.[1];
  const organization = organizationId ? organizationsById.get(organizationId) : undefined;
  return (organization?.type ?? []).some((type) => /social care|local authority|council/i.test(conceptText(type, '')));
}

function involvementItem(episode: EpisodeOfCare, context: Context, organizationsById: ReadonlyMap<string, Organization>): InvolvementItem {
  const team = (episode.team ?? []).map((reference) => context.directory.name(reference, '')).find(Boolean);
  const source = sourceOf(episode, context.organizations);
  return {
    id: episode.id ?? NOT_KNOWN,
    service: conceptText(episode.type?.[0]),
    organisation: context.directory.name(episode.managingOrganization, source.name),
    careManager: context.directory.name(episode.careManager),
    ...(team ? { team } : {}),
    since: date(episode.period?.start, context),
    socialCare: isSocialCare(episode, organizationsById),
    source,
  };
}

const BOOKING_ORGANIZATION_URL = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';

function appointmentItem(appointment: Appointment, context: Context): AppointmentItem {
  const participants = appointment.participant ?? [];
  const professionals = participants
    .filter((participant) => /(?:^|\/)(?:Practitioner|PractitionerRole)\//.test(participant.actor?.reference ?? ''))
    .map((participant) => context.directory.name(participant.actor, ''))
    .filter(Boolean);
  const place = participants.find(
    (participant) =>
      participant.actor !== undefined &&
      (/(?:^|\/)Location\//.test(participant.actor.reference ?? '') || (!participant.actor.reference && tidy(participant.actor.display))),
  );
  const source = sourceOf(appointment, context.organizations);
  const booking = appointment.extension?.find((extension) => extension.url === BOOKING_ORGANIZATION_URL)?.valueReference;
  const service = conceptText(appointment.serviceType?.[0], '') || conceptText(appointment.appointmentType, '');
  const instruction = tidy(appointment.patientInstruction);
  return {
    id: appointment.id ?? NOT_KNOWN,
    description: tidy(appointment.description) || service || NOT_KNOWN,
    service: service || NOT_KNOWN,
    date: date(appointment.start, context),
    time: formatClinicalTime(appointment.start),
    with: professionals.length > 0 ? professionals.join(', ') : NOT_KNOWN,
    location: tidy(place?.actor?.display) || NOT_KNOWN,
    organisation: context.directory.name(booking, source.name),
    ...(instruction ? { instruction } : {}),
    source,
  };
}

function resourcesOf(input: SummaryBundle | readonly unknown[]): unknown[] {
  if (Array.isArray(input)) return [...input];
  return ((input as SummaryBundle).entry ?? []).map((entry) => entry.resource);
}

/**
 * The record summary from a `$summary` Bundle, or from the resources of plain
 * searches (pass their `readNotices` as `options.notices`). Sort orders:
 * alerts safeguarding first, then safety, then others, newest first within
 * each; legal by kind (advance decisions first) then newest; problems newest
 * onset first; medicines as in the headline; contacts next of kin, then
 * carers, then by name; care plans soonest review first; services social care
 * first, then newest; appointments soonest first.
 *
 * For residents, items labelled `NOPAT` are dropped (the hub should already
 * have done so) and their section says some information is not shown.
 */
export function summaryViewModel(input: SummaryBundle | readonly unknown[], options: SummaryOptions): SummaryViewModel {
  const { audience, patientId } = options;
  const texts = audience === 'resident' ? RESIDENT_TEXTS : CLINICIAN_TEXTS;
  const all = resourcesOf(input).filter(isResource);
  const bundleNotices = Array.isArray(input) ? undefined : readNotices([input as SummaryBundle]);
  const notices = mergeNotices(bundleNotices, options.notices);

  const { kept, errors } = guardPatient(all, patientId);
  const hiddenTypes = new Set<string>();
  const visible = kept.filter((resource) => {
    if (audience !== 'resident' || !isNotForResident(resource)) return true;
    hiddenTypes.add(resource.resourceType === 'Flag' ? (legalKind(resource as Flag) ? 'legal' : 'alerts') : String(resource.resourceType));
    return false;
  });

  const organizations = new Map(organizationNames(visible));
  for (const [ods, name] of options.organizations ?? []) if (!organizations.has(ods)) organizations.set(ods, name);
  const organizationsById = new Map(
    visible
      .filter(ofType<Organization>('Organization'))
      .flatMap((organization) => (organization.id ? [[organization.id, organization]] : [])),
  );
  const nowTime = new Date(options.now).getTime();
  const context: Context = { audience, now: nowTime, organizations, directory: new Directory(visible) };
  const permitted = permittedSections(options);

  const section = <Item>(key: SummarySectionKey, items: Item[], hasContent = items.length > 0): SummarySection<Item> => {
    const allowed = permitted(key);
    const withheld = allowed && (notices.withheld || SECTION_TYPES[key].some((type) => hiddenTypes.has(type)) || hiddenTypes.has(key));
    const unavailableSources = allowed ? notices.unavailableSources.map((source) => ({ ...source })) : [];
    let state: SectionState;
    if (!allowed) state = 'not-permitted';
    else if (unavailableSources.length > 0) state = 'partial';
    else if (withheld) state = 'withheld';
    else state = hasContent ? 'ready' : 'empty';
    return {
      key,
      heading: texts[key].heading,
      state,
      items: allowed ? items : [],
      emptyText: texts[key].empty,
      withheld,
      unavailableSources,
      notices: allowed ? [...unavailableSources.map(unavailableNotice), ...(withheld ? [WITHHELD_NOTICE] : [])] : [NOT_PERMITTED_NOTICE],
    };
  };

  // Alerts and legal information
  const flags = visible.filter(ofType<Flag>('Flag')).filter((flag) => isActiveFlag(flag, context));
  const alerts = flags
    .filter((flag) => !legalKind(flag))
    .map((flag) => ({ flag, item: flagItem(flag, alertKind(flag), context) }))
    .sort(
      (a, b) =>
        ALERT_ORDER.indexOf(a.item.kind as AlertKind) - ALERT_ORDER.indexOf(b.item.kind as AlertKind) ||
        newestFirst(a.flag.period?.start, b.flag.period?.start),
    )
    .map(({ item }) => item);
  const legal = flags
    .flatMap((flag) => {
      const kind = legalKind(flag);
      return kind ? [{ flag, item: flagItem(flag, kind, context) }] : [];
    })
    .sort(
      (a, b) =>
        LEGAL_ORDER.indexOf(a.item.kind as LegalKind) - LEGAL_ORDER.indexOf(b.item.kind as LegalKind) ||
        newestFirst(a.flag.period?.start, b.flag.period?.start),
    )
    .map(({ item }) => item);

  // Allergies: the same state as the banner's.
  const allergies = recordAllergyState(kept, { audience, organizations, patientId, notices });
  const allergySection = {
    ...section('allergies', allergies.kind === 'known' ? allergies.items : [], allergies.kind !== 'not-recorded'),
    emptyText: allergies.label,
  };

  // Problems
  const conditions = visible.filter(ofType<Condition>('Condition')).filter((condition) => {
    const verification = conditionVerification(condition);
    return verification !== 'entered-in-error' && verification !== 'refuted';
  });
  const isCurrent = (condition: Condition) => {
    const status = conditionStatus(condition);
    return status === undefined || CONDITION_ACTIVE.has(status);
  };
  const problems = (current: boolean) =>
    conditions
      .filter((condition) => isCurrent(condition) === current)
      .sort((a, b) => newestFirst(conditionWhen(a), conditionWhen(b)))
      .map((condition) => problemItem(condition, context));

  const currentProblems = problems(true);
  const pastProblems = permitted('problems') ? problems(false) : [];

  // Medicines
  const medicines = medicationHeadline(
    visible.filter(ofType<MedicationRequest>('MedicationRequest')),
    visible.filter(ofType<MedicationStatement>('MedicationStatement')),
    context,
    options.medicationPreviewCount ?? 3,
  );

  // Contacts
  const contacts = visible
    .filter(ofType<RelatedPerson>('RelatedPerson'))
    .filter((person) => person.active !== false && !endedBefore(person.period?.end, nowTime))
    .map((person) => contactItem(person, context, options.now))
    .sort((a, b) => Number(b.nextOfKin) - Number(a.nextOfKin) || Number(b.carer) - Number(a.carer) || byText(a.name, b.name));

  // Care and support plans
  const carePlans = visible
    .filter(ofType<CarePlan>('CarePlan'))
    .filter((plan) => plan.status === 'active' || plan.status === 'on-hold')
    .sort((a, b) => {
      const dueA = time(a.period?.end);
      const dueB = time(b.period?.end);
      if (dueA === dueB) return 0;
      if (dueA === Number.NEGATIVE_INFINITY) return 1;
      if (dueB === Number.NEGATIVE_INFINITY) return -1;
      return dueA - dueB;
    })
    .map((plan) => carePlanItem(plan, context));

  // Services involved
  const involvement = visible
    .filter(ofType<EpisodeOfCare>('EpisodeOfCare'))
    .filter((episode) => (episode.status === 'active' || episode.status === 'onhold') && !endedBefore(episode.period?.end, nowTime))
    .map((episode) => ({ episode, item: involvementItem(episode, context, organizationsById) }))
    .sort((a, b) => Number(b.item.socialCare) - Number(a.item.socialCare) || newestFirst(a.episode.period?.start, b.episode.period?.start))
    .map(({ item }) => item);

  // Upcoming appointments
  const appointments = visible
    .filter(ofType<Appointment>('Appointment'))
    .filter((appointment) => appointment.status === 'booked' && time(appointment.start) >= nowTime)
    .sort((a, b) => time(a.start) - time(b.start))
    .map((appointment) => appointmentItem(appointment, context));

  return {
    patientId,
    audience,
    order: SUMMARY_SECTION_ORDER,
    sections: {
      alerts: section('alerts', alerts),
      allergies: { ...allergySection, allergies },
      problems: { ...section('problems', currentProblems, currentProblems.length + pastProblems.length > 0), past: pastProblems },
      medications: { ...section('medications', medicines.items), headline: medicines.headline },
      legal: section('legal', legal),
      contacts: section('contacts', contacts),
      carePlans: section('carePlans', carePlans),
      involvement: section('involvement', involvement),
      appointments: section('appointments', appointments),
    },
    withheld: notices.withheld || hiddenTypes.size > 0,
    unavailableSources: notices.unavailableSources.map((source) => ({ ...source })),
    safetyErrors: errors,
  };
}

function mergeNotices(...all: (RecordNotices | undefined)[]): RecordNotices {
  const sources = new Map<string, string>();
  let withheld = false;
  for (const notices of all) {
    if (!notices) continue;
    withheld ||= notices.withheld;
    for (const source of notices.unavailableSources) if (!sources.has(source.odsCode)) sources.set(source.odsCode, source.name);
  }
  return { withheld, unavailableSources: [...sources].map(([odsCode, name]) => ({ odsCode, name })) };
}
