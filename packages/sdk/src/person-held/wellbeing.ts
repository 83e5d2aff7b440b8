/**
 * Staying well: the resident's plans (healthy eating, getting active, staying
 * steady) and goals (a blood pressure, a weight) in plain English, each goal
 * with the readings it is judged by — the resident's own and their care
 * team's — and whether the latest meets it, said calmly. And the well-being
 * library, the pages that fit the resident's record first.
 *
 * A goal is met or not only when the reading and the target are the same
 * measure in the same unit and the target says how to compare (`<`, `<=`,
 * `>=`, `>`); otherwise the reading is shown and nothing is judged.
 */
import { batchRead } from '../client/batch.js';
import type { HubClient } from '../client/hub-client.js';
import type { CarePlan, Condition, Goal, Observation } from '../fhir.js';
import { formatResidentDate } from '../format/date.js';
import { displayText } from '../format/display-text.js';
import { NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import { mergeNotices, readNotices, searchFailureReason, searchNotices, type RecordNotices } from '../record/notices.js';
import { referencesPatient, wrongPatientIssue, type SafetyIssue } from '../record/patient-reference.js';
import { fhirCode } from '../record/status-code.js';
import { everyPage, resourcesOf } from './every-page.js';

export const CARE_PLAN_TYPE_SYSTEM = 'https://care-record.example/CodeSystem/care-plan-type';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';

/** Kinds of plan shown as well-being plans (care and support plans are in the summary). */
const WELLBEING_PLAN_KINDS = new Set(['dietary', 'activity', 'stop-smoking', 'weight', 'blood-pressure']);

/** Codes that measure the same thing (SNOMED CT, LOINC), so a goal finds every reading of its measure. */
const MEASURES: readonly { name: string; codes: readonly string[] }[] = [
  { name: 'Systolic blood pressure', codes: ['271649006', '1162737008', '8480-6'] },
  { name: 'Diastolic blood pressure', codes: ['271650006', '1162735000', '8462-4'] },
  { name: 'Weight', codes: ['27113001', '784399000', '29463-7'] },
];

export type Comparator = '<' | '<=' | '>=' | '>';

export interface GoalReading {
  /** YYYY-MM-DD… as recorded, for ordering and charts. */
  at: string;
  date: string;
  value: number;
  unit: string;
  /** Who took it: "You" for the resident's own readings, else the service. */
  by: 'resident' | 'care team';
}

export interface GoalTarget {
  measure: string;
  /** "below 140 mmHg", "70 kg or less"; "Not known" when the goal gives no value. */
  targetText: string;
  value: number | undefined;
  unit: string | undefined;
  comparator: Comparator | undefined;
  due: string;
  /** Readings of this measure, oldest first. */
  readings: GoalReading[];
  /** Whether the latest reading meets the target; undefined when it cannot be judged (no reading, another unit, no comparator). */
  latestMeets: boolean | undefined;
  /** One calm sentence about the latest reading. */
  statement: string;
}

export interface GoalItem {
  id: string;
  description: string;
  status: string;
  started: string;
  targets: GoalTarget[];
  /** The care team's own judgement, when they recorded one ("Improving"). */
  achievement: string | undefined;
}

export interface PlanItem {
  id: string;
  title: string;
  kind: string;
  /** Who made it with the resident. */
  madeBy: string;
  made: string;
  /** When it is reviewed; "Not recorded" when there is no date. */
  review: string;
  reviewOverdue: boolean;
  /** What the resident agreed to do. */
  agreed: string[];
  about: string[];
}

export interface WellbeingViewModel {
  patientId: string;
  plans: PlanItem[];
  goals: GoalItem[];
  /** Condition and plan codes from the record, for ordering the library. */
  recordCodes: string[];
  /** Readings or items the hub left out, or sources that did not answer. */
  notices: RecordNotices;
  /**
   * Items not shown because they name another patient, or none (`carriedAnotherPatients`): what is shown may not be
   * all there is, so the view never says "none" beside them. Absent for a model made before this was read.
   */
  safetyIssues?: SafetyIssue[] | undefined;
}

/** Words from the record on one line, without bidirectional controls; `undefined` when blank. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? displayText(value) || undefined : undefined);
const codesOf = (concept: { coding?: { code?: string | undefined }[] | undefined } | undefined): string[] =>
  (concept?.coding ?? []).map((coding) => coding.code ?? '').filter((code) => code !== '');
const unitKey = (unit: string | undefined): string => (unit ?? '').toLowerCase().replace(/[[\]\s]/g, '');

/** The measure a set of codes names, if it is one the resident's readings can show. */
function measureOf(codes: readonly string[]): (typeof MEASURES)[number] | undefined {
  return MEASURES.find((measure) => codes.some((code) => measure.codes.includes(code)));
}

/** Whether `value` meets `target` by `comparator`. */
export function meetsTarget(value: number, comparator: Comparator, target: number): boolean {
  switch (comparator) {
    case '<':
      return value < target;
    case '<=':
      return value <= target;
    case '>=':
      return value >= target;
    case '>':
      return value > target;
  }
}

const targetWords: Record<Comparator, (value: string) => string> = {
  '<': (value) => `below ${value}`,
  '<=': (value) => `${value} or less`,
  '>=': (value) => `${value} or more`,
  '>': (value) => `above ${value}`,
};

/** Readings of one measure from the resident's Observations (a value, or a component of a panel), oldest first. */
function readingsOf(measure: (typeof MEASURES)[number], observations: readonly Observation[]): GoalReading[] {
  const readings: GoalReading[] = [];
  for (const observation of observations) {
    if (fhirCode(observation.status, ['entered-in-error', 'cancelled'])) continue;
    const at = observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued;
    if (!at) continue;
    const parts = [observation, ...(observation.component ?? [])];
    for (const part of parts) {
      const quantity = (part as { valueQuantity?: { value?: number; unit?: string; code?: string } }).valueQuantity;
      if (typeof quantity?.value !== 'number' || !measureOf(codesOf(part.code)) || measureOf(codesOf(part.code)) !== measure) continue;
      const resident = /\/source\/resident$/.test(observation.meta?.source ?? '');
      readings.push({
        at,
        date: formatResidentDate(at),
        value: quantity.value,
        unit: quantity.unit ?? quantity.code ?? '',
        by: resident ? 'resident' : 'care team',
      });
    }
  }
  return readings.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const formatValue = (value: number, unit: string | undefined) =>
  `${Number.isInteger(value) ? value : value.toFixed(1)}${unit ? ` ${unit === 'mm[Hg]' ? 'mmHg' : unit}` : ''}`;

/** Said of a goal with none of its readings among those read, when some of her readings could not be read. */
export const READINGS_UNREAD_STATEMENT = 'Not known: the latest readings could not be read.';

/**
 * One target of a goal, with its readings and a calm sentence about the latest. `readingsUnread`: some of her readings
 * could not be read. Read newest first, those read are newer than any not read, so the latest read is still the
 * latest; a goal with none among them is "Not known", never "No readings yet" nor judged.
 */
export function goalTarget(
  target: NonNullable<Goal['target']>[number],
  observations: readonly Observation[],
  readingsUnread = false,
): GoalTarget | undefined {
  const measure = measureOf(codesOf(target.measure));
  const quantity = target.detailQuantity;
  const value = typeof quantity?.value === 'number' ? quantity.value : undefined;
  const unit = quantity?.unit ?? quantity?.code;
  const comparator = (['<', '<=', '>=', '>'] as const).find((candidate) => candidate === quantity?.comparator);
  const name = measure?.name ?? (target.measure?.text ? text(target.measure.text) : undefined) ?? NOT_KNOWN;
  const targetText =
    value === undefined ? NOT_KNOWN : comparator ? targetWords[comparator](formatValue(value, unit)) : formatValue(value, unit);
  const readings = measure ? readingsOf(measure, observations) : [];
  const latest = readings.at(-1);
  let latestMeets: boolean | undefined;
  let statement: string;
  if (!latest && readingsUnread) statement = READINGS_UNREAD_STATEMENT;
  else if (!latest) statement = 'No readings yet. You can share readings you take at home with your care team.';
  else {
    const reading = `${formatValue(latest.value, latest.unit)} on ${latest.date}`;
    const comparable = value !== undefined && comparator !== undefined && unitKey(latest.unit) === unitKey(unit);
    if (!comparable) statement = `The latest reading is ${reading}.`;
    else {
      latestMeets = meetsTarget(latest.value, comparator, value);
      statement = latestMeets
        ? `The latest reading, ${reading}, meets this goal (${targetText}).`
        : `The latest reading, ${reading}, is not yet at this goal (${targetText}). Readings go up and down; your care team will look at them with you at your review.`;
    }
  }
  return {
    measure: name,
    targetText,
    value,
    unit,
    comparator,
    due: target.dueDate ? formatResidentDate(target.dueDate) : NOT_RECORDED,
    readings,
    latestMeets,
    statement,
  };
}

const goalStatus: Record<string, string> = {
  proposed: 'Suggested',
  planned: 'Planned',
  accepted: 'Agreed',
  active: 'Working on it',
  'on-hold': 'On hold',
  completed: 'Done',
};

function goalItem(goal: Goal, observations: readonly Observation[], readingsUnread: boolean): GoalItem {
  return {
    id: goal.id ?? NOT_KNOWN,
    description: text(goal.description?.text) ?? NOT_KNOWN,
    status: goalStatus[goal.lifecycleStatus] ?? NOT_KNOWN,
    started: goal.startDate ? formatResidentDate(goal.startDate) : NOT_RECORDED,
    targets: (goal.target ?? []).map((target) => goalTarget(target, observations, readingsUnread)).filter((target) => target !== undefined),
    achievement: text(goal.achievementStatus?.text) ?? text(goal.achievementStatus?.coding?.[0]?.display),
  };
}

function planItem(plan: CarePlan, now: Date): PlanItem {
  const end = plan.period?.end;
  return {
    id: plan.id ?? NOT_KNOWN,
    title: text(plan.title) ?? text(plan.category?.[0]?.coding?.[0]?.display) ?? 'Plan',
    kind: text(plan.category?.[0]?.coding?.[0]?.display) ?? NOT_RECORDED,
    madeBy: text(plan.author?.display) ?? NOT_KNOWN,
    made: (plan.created ?? plan.period?.start) ? formatResidentDate(plan.created ?? plan.period?.start) : NOT_RECORDED,
    review: end ? formatResidentDate(end) : NOT_RECORDED,
    reviewOverdue: end !== undefined && Date.parse(end) < now.getTime(),
    agreed: (plan.activity ?? [])
      .map((activity) => text(activity.detail?.description))
      .filter((line): line is string => line !== undefined),
    about: (plan.addresses ?? []).map((reference) => text(reference.display)).filter((line): line is string => line !== undefined),
  };
}

const isWellbeingPlan = (plan: CarePlan): boolean =>
  (plan.category ?? []).some((concept) =>
    (concept.coding ?? []).some((coding) => coding.system === CARE_PLAN_TYPE_SYSTEM && WELLBEING_PLAN_KINDS.has(coding.code ?? '')),
  );

/** Builds the view model from the resident's plans, goals, conditions and readings. */
export function wellbeingViewModel(
  input: {
    patientId: string;
    plans: readonly CarePlan[];
    goals: readonly Goal[];
    conditions: readonly Condition[];
    observations: readonly Observation[];
    notices: RecordNotices;
    /** Some of her readings could not be read (a later page failed). */
    readingsUnread?: boolean;
  },
  now = new Date(),
): WellbeingViewModel {
  // Hers however the reference is written (relative, this hub's full address, a version): the SDK's one rule.
  const about = (resource: { subject?: { reference?: string } }) => referencesPatient(resource.subject?.reference, input.patientId);
  const plans = input.plans.filter(
    (plan) => about(plan) && (plan.status === 'active' || plan.status === 'on-hold') && isWellbeingPlan(plan),
  );
  const goals = input.goals.filter(
    (goal) => about(goal) && ['proposed', 'planned', 'accepted', 'active', 'on-hold'].includes(goal.lifecycleStatus),
  );
  const observations = input.observations.filter(about);
  // Items about someone else, or no one: left out, and reported, so the view never says "none" from what was left.
  const safetyIssues = [...input.plans, ...input.goals, ...input.conditions, ...input.observations]
    .filter((resource) => !about(resource))
    .map((resource) => wrongPatientIssue(resource, resource.subject?.reference));
  const recordCodes = new Set<string>();
  for (const condition of input.conditions)
    if (about(condition) && !codesOf(condition.clinicalStatus).some((code) => code === 'resolved' || code === 'inactive'))
      for (const code of codesOf(condition.code)) recordCodes.add(code);
  for (const item of [...plans, ...goals])
    for (const concept of item.category ?? []) for (const code of codesOf(concept)) recordCodes.add(code);
  return {
    patientId: input.patientId,
    plans: plans.map((plan) => planItem(plan, now)),
    goals: goals.map((goal) => goalItem(goal, observations, input.readingsUnread === true)),
    recordCodes: [...recordCodes],
    notices: input.notices,
    ...(safetyIssues.length > 0 ? { safetyIssues } : {}),
  };
}

/** Pages of her plans, goals and conditions read at most (10,000 each at 500 a page). */
const MAX_PAGES = 20;
/** Pages of her readings read at most, newest first (5,000 at 500 a page): past that, only the latest are shown, said so. */
const MAX_READING_PAGES = 10;

/**
 * Reads the resident's well-being plans, goals, conditions and the readings
 * the goals are judged by, in one batch, and the further pages of any that has
 * more (readings newest first: past the bound only the latest are shown, and
 * `notices.truncated` says so). A later page that fails keeps what was read
 * before it, with `notices.unreadTypes` saying what could not be read; a goal
 * with none of its readings among those read is then "Not known". Throws a
 * `HubError` when the hub cannot answer at all (an error, never "no plans").
 */
export async function loadWellbeing(
  hub: HubClient,
  patientId: string,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<WellbeingViewModel> {
  const call = options.signal ? { signal: options.signal } : {};
  const codes = MEASURES.flatMap((measure) => measure.codes.map((code) => `${/^\d+-\d$/.test(code) ? LOINC : SNOMED}|${code}`));
  const queries = {
    plans: { patient: patientId, _count: 500 },
    goals: { patient: patientId, _count: 500 },
    conditions: { patient: patientId, _count: 500 },
    // Blood pressure panels too: their components hold the readings. Newest first, so a bound keeps the latest.
    observations: { patient: patientId, code: [...codes, `${LOINC}|85354-9`, `${SNOMED}|75367002`], _sort: '-date' as const, _count: 500 },
  };
  const [plans, goals, conditions, observations] = await hub.batch(
    [
      batchRead('/CarePlan', { query: queries.plans }),
      batchRead('/Goal', { query: queries.goals }),
      batchRead('/Condition', { query: queries.conditions }),
      batchRead('/Observation', { query: queries.observations }),
    ],
    call,
  );
  if (!plans.ok) throw plans.error;
  if (!goals.ok) throw goals.error;
  if (!conditions.ok) throw conditions.error;
  if (!observations.ok) throw observations.error;
  // A later page that fails keeps what was read before it: said as such (and no list said as "none"), never the whole.
  const walk = { ...call, keepRead: true };
  const [planPages, goalPages, conditionPages, readingPages] = await Promise.all([
    everyPage(hub, '/CarePlan', queries.plans, plans.resource, { ...walk, maxPages: MAX_PAGES }),
    everyPage(hub, '/Goal', queries.goals, goals.resource, { ...walk, maxPages: MAX_PAGES }),
    everyPage(hub, '/Condition', queries.conditions, conditions.resource, { ...walk, maxPages: MAX_PAGES }),
    everyPage(hub, '/Observation', queries.observations, observations.resource, { ...walk, maxPages: MAX_READING_PAGES }),
  ]);
  const all = [planPages, goalPages, conditionPages, readingPages];
  const types = ['CarePlan', 'Goal', 'Condition', 'Observation'];
  const unread = all.flatMap((pages, index) =>
    pages.failed === undefined ? [] : [{ type: types[index] ?? '', reason: searchFailureReason(pages.failed) }],
  );
  const notices = mergeNotices(readNotices(all.flatMap((pages) => pages.pages)), searchNotices(unread, []));
  return wellbeingViewModel(
    {
      patientId,
      plans: resourcesOf<CarePlan>(planPages.pages, 'CarePlan'),
      goals: resourcesOf<Goal>(goalPages.pages, 'Goal'),
      conditions: resourcesOf<Condition>(conditionPages.pages, 'Condition'),
      observations: resourcesOf<Observation>(readingPages.pages, 'Observation'),
      notices: all.some((pages) => pages.truncated) ? { ...notices, truncated: true } : notices,
      readingsUnread: readingPages.failed !== undefined,
    },
    options.now,
  );
}

/** One page of the well-being library, as the hub serves it. */
export interface AdvicePage {
  id: string;
  title: string;
  summary: string;
  sections: { heading?: string; paragraphs: string[] }[];
  helpsWith: { system?: string; code?: string; display?: string }[];
}

export interface OrderedAdvicePage extends AdvicePage {
  /** Why it fits this resident's record ("Hypertension"); empty for the rest. */
  fitsBecause: string[];
}

/**
 * The library in the order to offer it: the pages that fit the record (a
 * condition, plan or goal they help with) first, the best fit first; then
 * the rest, in the library's order. Done here, never by the hub, which serves
 * the same library to everyone.
 */
export function orderAdvice(pages: readonly AdvicePage[], recordCodes: readonly string[]): OrderedAdvicePage[] {
  const codes = new Set(recordCodes);
  const scored = pages.map((page, index) => {
    const fitsBecause = [
      ...new Set(
        page.helpsWith.filter((coding) => coding.code && codes.has(coding.code)).map((coding) => coding.display ?? coding.code ?? ''),
      ),
    ];
    return { page: { ...page, fitsBecause }, index };
  });
  return scored.sort((a, b) => b.page.fitsBecause.length - a.page.fitsBecause.length || a.index - b.index).map((entry) => entry.page);
}

/** Reads the well-being library from the hub (no patient data is sent). */
export async function loadAdvice(hub: HubClient, options: { signal?: AbortSignal } = {}): Promise<AdvicePage[]> {
  const library = (await hub.get('/$wellbeing-advice', options.signal ? { signal: options.signal } : {})) as { pages?: AdvicePage[] };
  return library.pages ?? [];
}

export const WELLBEING_NOTE =
  'This is general information to help you stay well. It is not advice about your own care: for that, talk to your GP practice or care team.';
