/**
 * The timeline across care settings, newest first, grouped by UK calendar day.
 *
 * `createTimeline` builds it as pages arrive. `add(resources)` only queues a
 * page, with a cheap bound on the latest day each resource could fall on
 * (read from its date fields' first characters): reading is left until a view
 * needs it. Each resource is read once, in chunks sorted and merged into the
 * events already held (O(k log k) for a chunk older than everything held, as
 * pages of a search sorted by date are; at most O(k log k + n) otherwise),
 * replacing a resource seen before by its newer version (deduplicated by
 * `ResourceType/id`).
 *
 * `view(filters)` reads everything queued, then is one pass over the sorted
 * events (O(n)), cached until something changes. `view(filters, { atLeast })`
 * reads only until that many events are *settled*: newer than every day a
 * queued resource could fall on, so nothing still to read can come before or
 * among them. It shows those events and no others, so the first screenful of
 * a long record is shown after reading about a screenful of a page sorted by
 * date, and what it shows is exactly the start of the complete timeline; its
 * counts are of what has been read (`pending` says how much has not).
 * `read(milliseconds)` reads more in the background. A DiagnosticReport is
 * read as soon as it is added, so the Observations it holds are never shown
 * on their own first; a resource added again while queued reads the queue. A DiagnosticReport's own Observations are shown within
 * the report's event, not as events of their own; for the resident, those of
 * a report labelled `NOPAT` are left out with it. `timelineViewModel` does
 * both in one call.
 *
 * Event types are described in `timeline-event.ts`, care settings in
 * `care-setting.ts`.
 */
import { formatClinicalDate, formatResidentDate, formatResidentTime } from '../format/date.js';
import { NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import { CARE_SETTINGS, type CareSetting } from './care-setting.js';
import { appointmentTiming, PATIENT_DECLINED_LABELS, PATIENT_RESPONSE_UNCLEAR_LABELS, patientResponse } from './appointment-timing.js';
import { CONDITION_UNCERTAINTY_LABELS, type ConditionUncertainty } from './condition-status.js';
import { compareMoments, lastDayKey, latestDayKey, readMoment, recordedMoment, type ClinicalMoment } from './clinical-moment.js';
import { referencesPatient, resourceKey, unreadableIssue, wrongPatientIssue, type SafetyIssue } from './patient-reference.js';
import { resultStatusLabel } from './result-status.js';
import { isHiddenFromResident } from './security-labels.js';
import type { RecordAudience } from './allergies.js';
import { hasUnknownModifier, notFullyShownNotice, requireUnderstood } from './modifier-extensions.js';
import type { SourceLabel } from './source.js';
import {
  createFactsReader,
  EVENT_TYPES_OF,
  isWithdrawn,
  isTimelineResource,
  patientCheck,
  readTimelineFacts,
  reportResults,
  TIMELINE_EVENT_TYPES,
  type TimelineEventType,
  MOMENT_PATHS,
  type OnsetFacts,
  type TimelineResource,
} from './timeline-event.js';

export interface TimelineEvent {
  /** `ResourceType/id`: stable across pages and views. */
  id: string;
  resourceType: TimelineResource['resourceType'];
  type: TimelineEventType;
  setting: CareSetting;
  /** The resource's own name for what happened; `Not known` when it gives none. */
  title: string;
  /** A second line from the resource: reason, value, conclusion or description. */
  detail?: string;
  /** The day, for the audience (`05-Apr-2008` or `5 April 2008`); `Not recorded` when undated. */
  date: string;
  /** `HH:mm` UK time; absent when the source gave a date only. */
  time?: string;
  /**
   * What the date is, when it is not when the event happened: a condition
   * whose record gives no onset date sits at the date it was recorded, and
   * says so and what is known of when it began (`Recorded 05-Apr-2020; onset
   * age 45 years`; for residents `Recorded 5 April 2020. Started: age 45
   * years`). A result dated only by when it was issued, and an encounter
   * only by when it ended, say so (`Issued 03-Nov-2026; when taken not
   * recorded`). A result, document or condition dated after now says its
   * date is in the future and needs checking. Absent when the date is the
   * event's own.
   */
  dateNote?: string;
  source: SourceLabel;
  /**
   * The record's status in words. For residents only what changes what the
   * event means to them (booked, cancelled, missed, an early result); absent
   * when there is nothing to say (finished, final, amended…).
   */
  status?: string;
  /**
   * Still to come: an appointment exactly when the appointments view lists it
   * as upcoming (`appointmentTiming`: one attended, missed or under way is not,
   * and its date after now is said to need checking); an encounter, episode of
   * care or care plan dated after now (whatever its status), or, by its
   * status, a planned encounter, or an episode of care
   * planned or on a waiting list, whose date (if any) has not yet passed. On
   * the UK calendar. Anything else dated after now is not still to come; its
   * `dateNote` says its date is in the future.
   */
  future: boolean;
  /**
   * The resource could not be read (a malformed field, a wrong type): `title`
   * says so and names its source, and it is counted in the view's
   * `unreadable` and `safetyIssues`. Nothing else of it is shown.
   */
  unreadable?: true;
}

export interface TimelineDay {
  /** The day, for the audience. */
  date: string;
  /** `2026-03-29`; a partial date groups as `2026-03` or `2026`. */
  isoDate: string;
  events: TimelineEvent[];
}

export interface TimelineFilters {
  /** Only these settings; empty or absent means all. */
  settings?: readonly CareSetting[] | undefined;
  /** Only these event types; empty or absent means all. */
  types?: readonly TimelineEventType[] | undefined;
}

export interface TimelineCounts {
  /** Events per setting, with the type filter applied (what each setting chip would show). */
  settings: Record<CareSetting, number>;
  /** Events per type, with the setting filter applied. */
  types: Record<TimelineEventType, number>;
}

export interface TimelineView {
  /** Newest day first; newest event first within a day, events without a time of day last. */
  days: TimelineDay[];
  /** Events whose date was not recorded, after every dated day. */
  undated: TimelineEvent[];
  counts: TimelineCounts;
  /** Events shown, after filtering. */
  total: number;
  /**
   * Resources not shown because they are not this patient's, and resources
   * that could not be read (each shown as one line saying so), for a host to
   * report. Says which resource, never whose or what it holds.
   */
  safetyIssues: SafetyIssue[];
  /** Events held that could not be read (whatever the filters): each is shown as one line saying so. */
  unreadable: number;
  /**
   * Resources added but not read yet. While any are, `days` holds only the
   * events nothing unread can come before (the start of the complete
   * timeline), `undated` is empty, and `counts` and `safetyIssues` are of
   * what has been read so far.
   */
  pending: number;
  /**
   * The event types the resources not read yet may become (by their resource
   * types, `EVENT_TYPES_OF`): a filter chip for any of them may still gain
   * events. Empty once everything is read.
   */
  pendingTypes: ReadonlySet<TimelineEventType>;
}

export interface TimelineViewRead {
  /**
   * Read only until this many events are settled for the filters (or nothing
   * is left to read), rather than everything added: see `TimelineView.pending`.
   */
  atLeast?: number | undefined;
}

export interface TimelineOptions {
  patientId: string;
  /** ODS code to organisation name. */
  organizations: ReadonlyMap<string, string>;
  audience: 'clinician' | 'resident';
  now: Date | string;
  /**
   * The resident's date of birth, when known: a condition that abates at an
   * age still to come is current until then, as in the summary.
   */
  birthDate?: string | undefined;
}

export interface TimelineAddResult {
  added: number;
  updated: number;
  /** Resources not shown: another patient's, entered in error, not for the resident, or not timeline resources. */
  skipped: number;
}

export interface Timeline {
  /** The patient the timeline is about: events about anyone else are never added. */
  readonly patientId: string;
  /**
   * Adds a page of resources; a resource already held is replaced by a newer
   * version. The page is read when a view needs it: reading the result's
   * counts reads everything added.
   */
  add(resources: Iterable<TimelineResource>): TimelineAddResult;
  /** The timeline for the filters: everything added, or with `atLeast`, as much as that needs. */
  view(filters?: TimelineFilters, read?: TimelineViewRead): TimelineView;
  /** Reads queued resources for about `milliseconds` (all of them when absent); returns how many are still queued. */
  read(milliseconds?: number): number;
  /** Resources added and not read yet. */
  readonly pending: number;
  /** Events held, before filtering (reads everything added). */
  readonly size: number;
}

interface Entry {
  event: TimelineEvent;
  /** `yyyymmdd` of the UK day (`00` for what a partial date leaves out); -1 when undated. */
  dayKey: number;
  /** UTC ms; `UNTIMED` for a date without a time. */
  instant: number;
  isoDate: string | undefined;
  /** `meta.lastUpdated`, to keep the newer of two copies; read only when a resource arrives twice. */
  lastUpdated: string | undefined;
  results: readonly string[];
  /**
   * An Observation shown within a held DiagnosticReport, or kept from the
   * resident with a report they may not see: not an event of its own.
   */
  folded: boolean;
  /** The event's setting and type, kept beside the sort keys so filtering reads one object per event. */
  setting: CareSetting;
  type: TimelineEventType;
}

/** What reading one resource decided. */
type Reading =
  | { kind: 'wrong-patient'; key: string; issue: SafetyIssue }
  /** Entered in error, or kept from the resident: not shown, and any older version goes. */
  | { kind: 'removed'; id: string; withheldResults: readonly string[] | undefined }
  /** `issue` when it could not be read and is shown as one line saying so. */
  | { kind: 'event'; id: string; entry: Entry; issue?: SafetyIssue };

const NO_RESULTS: readonly string[] = Object.freeze([]);
const UNREADABLE_SOURCE: SourceLabel = Object.freeze({ odsCode: 'unknown', name: NOT_KNOWN });

/** `read()`, or `undefined` when it throws. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The string at `path` of a value of unknown shape; `undefined` when anything on the way is not what it should be. */
function textAt(value: unknown, ...path: string[]): string | undefined {
  let here = value;
  for (const key of path) {
    if (typeof here !== 'object' || here === null || Array.isArray(here)) return undefined;
    here = (here as Record<string, unknown>)[key];
  }
  return typeof here === 'string' ? here : undefined;
}

/** The first of the dates the resource's event is read from, read without trusting the resource's shape. */
function salvageMoment(resource: TimelineResource): ClinicalMoment | undefined {
  for (const path of MOMENT_PATHS[resource.resourceType] ?? []) {
    const read = resource.resourceType === 'Appointment' ? readMoment : recordedMoment;
    const moment = attempt(() => read(textAt(resource, ...path)));
    if (moment) return moment;
  }
  return undefined;
}

const unreadableTitle = (source: SourceLabel | undefined, notFullyShown: boolean, audience: RecordAudience): string => {
  const name = source && source.name !== NOT_KNOWN ? source.name : undefined;
  if (notFullyShown) return notFullyShownNotice({ name: name ?? NOT_KNOWN }, audience);
  return name ? `One item from ${name} could not be read` : 'One item from an unknown source could not be read';
};

const UNTIMED = -Number.MAX_SAFE_INTEGER;
/** Views kept for quick filter switching; each holds only references to shared events. */
const MAX_CACHED_VIEWS = 16;

const STATUS_LABELS: Record<string, string> = {
  planned: 'Planned',
  arrived: 'Arrived',
  triaged: 'Triaged',
  'in-progress': 'In progress',
  onleave: 'On leave',
  finished: 'Finished',
  cancelled: 'Cancelled',
  unknown: NOT_KNOWN,
  proposed: 'Proposed',
  pending: 'Pending',
  booked: 'Booked',
  fulfilled: 'Attended',
  noshow: 'Did not attend',
  'checked-in': 'Checked in',
  waitlist: 'On waiting list',
  registered: 'Registered',
  partial: 'Partial',
  preliminary: 'Preliminary',
  final: 'Final',
  amended: 'Amended',
  corrected: 'Corrected',
  appended: 'Appended',
  current: 'Current',
  superseded: 'Superseded',
  draft: 'Draft',
  active: 'Active',
  'on-hold': 'On hold',
  onhold: 'On hold',
  revoked: 'Revoked',
  completed: 'Completed',
  recurrence: 'Recurrence',
  relapse: 'Relapse',
  inactive: 'Inactive',
  remission: 'In remission',
  resolved: 'Resolved',
};

/**
 * The statuses a resident is told about, in their words (those of results,
 * `result-status.ts`, where they are the same): every one that changes what
 * the event means. Only routine ones (final, current, finished, active,
 * completed, and an encounter's steps on the day) go unsaid.
 */
const RESIDENT_STATUS_LABELS: Record<string, string> = {
  planned: 'Planned',
  'in-progress': 'Happening now',
  cancelled: 'Cancelled',
  proposed: 'Not yet confirmed',
  pending: 'Not yet confirmed',
  booked: 'Booked',
  fulfilled: 'Attended',
  noshow: 'Missed',
  waitlist: 'On the waiting list',
  'entered-in-error': 'Recorded by mistake',
  unknown: 'Status not known',
  preliminary: 'Not final yet',
  draft: 'Not final yet',
  amended: 'Updated',
  appended: 'Updated',
  corrected: 'Corrected',
  superseded: 'Replaced by a newer version',
  'on-hold': 'Paused',
  onhold: 'Paused',
  revoked: 'Stopped',
  recurrence: 'Come back',
  relapse: 'Come back',
  inactive: 'Inactive',
  remission: 'In remission',
  resolved: 'Resolved',
};

const residentStatusLabel = (code: string | undefined): string =>
  (code !== undefined && Object.hasOwn(RESIDENT_STATUS_LABELS, code) ? RESIDENT_STATUS_LABELS[code] : undefined) ?? '';

const statusLabel = (code: string | undefined): string =>
  (code !== undefined && Object.hasOwn(STATUS_LABELS, code) ? STATUS_LABELS[code] : undefined) ?? NOT_KNOWN;

/**
 * A diagnosis not confirmed says so first, in the summary's words, then its
 * clinical status when there is one worth saying: `Differential diagnosis,
 * active`; `Differential diagnosis` alone rather than beside "Not known".
 */
function uncertainStatus(uncertainty: ConditionUncertainty, audience: 'clinician' | 'resident', status: string): string {
  const label = CONDITION_UNCERTAINTY_LABELS[audience][uncertainty];
  return status && status !== NOT_KNOWN ? `${label}, ${status.toLowerCase()}` : label;
}

/**
 * What can be booked or planned ahead, and so may rightly be dated after now.
 * Anything else dated after now (a result, a letter, a diagnosis) is a slip
 * in the record: not still to come, but not shown as past either.
 */
const SCHEDULED: ReadonlySet<TimelineResource['resourceType']> = new Set(['Appointment', 'Encounter', 'EpisodeOfCare', 'CarePlan']);

/** Statuses that say an item has not happened yet, by resource type. */
const TO_COME: Partial<Record<TimelineResource['resourceType'], ReadonlySet<string>>> = {
  Appointment: new Set(['proposed', 'pending', 'waitlist', 'booked']),
  Encounter: new Set(['planned']),
  EpisodeOfCare: new Set(['planned', 'waitlist']),
};

/** Whether `moment` is after `now`: by the instant when both have one, else by UK day. */
const after = (moment: ClinicalMoment | undefined, now: ClinicalMoment | undefined): boolean =>
  moment !== undefined &&
  now !== undefined &&
  (moment.instant !== undefined && now.instant !== undefined ? moment.instant > now.instant : moment.dayKey > now.dayKey);

/** `dateNote` of an event placed by a later date than what happened, the only one its record gives. */
const LATER_DATE_NOTES: Record<'clinician' | 'resident', Record<'issued' | 'end' | 'ends' | 'taken-by', (day: string) => string>> = {
  clinician: {
    issued: (day) => `Issued ${day}; when taken not recorded`,
    end: (day) => `Ended ${day}; start not recorded`,
    ends: (day) => `Ends ${day}; start not recorded`,
    'taken-by': (day) => `Taken by ${day}; when it began not recorded`,
  },
  resident: {
    issued: (day) => `Result issued ${day}. When the test was done is not recorded`,
    end: (day) => `Ended ${day}. Start date not recorded`,
    ends: (day) => `Ends ${day}. Start date not recorded`,
    'taken-by': (day) => `The test was done by ${day}`,
  },
};

/** `dateNote` of a result placed by its issue whose effective period gives only when sampling ended. */
const TAKEN_BY_NOTES: Record<'clinician' | 'resident', (issued: string, by: string) => string> = {
  clinician: (issued, by) => `Issued ${issued}; taken by ${by}`,
  resident: (issued, by) => `Result issued ${issued}. The test was done by ${by}`,
};

/** `dateNote` of what cannot have happened yet but is dated after now. */
const FUTURE_DATE_NOTES: Record<'clinician' | 'resident', string> = {
  clinician: 'Dated in the future: check the record',
  resident: 'This date has not come yet, so it may be a mistake',
};

/** `TimelineEvent.future`: booked or planned, and dated after now or still to come by its status and not yet passed. */
function stillToCome(
  resourceType: TimelineResource['resourceType'],
  statusCode: string | undefined,
  moment: ClinicalMoment | undefined,
  now: ClinicalMoment | undefined,
): boolean {
  if (now === undefined || !SCHEDULED.has(resourceType)) return false;
  if (after(moment, now)) return true;
  if (statusCode === undefined || !TO_COME[resourceType]?.has(statusCode)) return false;
  if (moment === undefined) return true;
  // Timed, and not after now: it has begun.
  if (moment.instant !== undefined && now.instant !== undefined) return false;
  return lastDayKey(moment) >= now.dayKey;
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * `dateNote` of a condition placed by the date it was recorded, in the
 * audience's words; `day` names a day for the audience.
 */
function onsetNote(
  onset: OnsetFacts,
  moment: ClinicalMoment | undefined,
  audience: 'clinician' | 'resident',
  day: (isoDate: string) => string,
): string {
  const { said } = onset;
  const recorded = onset.recorded && moment ? `Recorded ${day(moment.isoDate)}` : undefined;
  if (audience === 'resident') {
    const began =
      said.kind === 'age'
        ? `Started: ${said.text}`
        : said.kind === 'words'
          ? `Started: “${said.text}”`
          : said.kind === 'by'
            ? `Started: by ${day(said.moment.isoDate)}`
            : 'Start not recorded';
    return recorded ? `${recorded}. ${began}` : began;
  }
  const began =
    said.kind === 'age'
      ? `onset ${said.text}`
      : said.kind === 'words'
        ? `onset “${said.text}”`
        : said.kind === 'by'
          ? `onset by ${day(said.moment.isoDate)}`
          : 'onset not recorded';
  return recorded ? `${recorded}; ${began}` : capitalised(began);
}

/** Newest first; then by id, so equal times always come out in the same order. */
function newestFirst(a: Entry, b: Entry): number {
  if (a.dayKey !== b.dayKey) return b.dayKey - a.dayKey;
  if (a.instant !== b.instant) return b.instant - a.instant;
  return a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0;
}

/**
 * Merges a sorted page into the sorted events held, in place. Pages from a
 * search sorted by date (`_sort=-date`) are older than everything held, so
 * they are appended; otherwise only the held events from where the page
 * starts are merged.
 */
function mergeInto(held: Entry[], page: readonly Entry[]): void {
  const first = page[0];
  if (!first) return;
  let low = 0;
  let high = held.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(held[middle] as Entry, first) <= 0) low = middle + 1;
    else high = middle;
  }
  const tail = held.splice(low);
  let i = 0;
  let j = 0;
  while (i < tail.length && j < page.length) {
    const a = tail[i] as Entry;
    const b = page[j] as Entry;
    if (newestFirst(a, b) <= 0) {
      held.push(a);
      i++;
    } else {
      held.push(b);
      j++;
    }
  }
  while (i < tail.length) held.push(tail[i++] as Entry);
  while (j < page.length) held.push(page[j++] as Entry);
}

/** A page added, read from its start. */
interface Batch {
  resources: TimelineResource[];
  /** `latest[i]`: the latest day any of `resources[i…]` could fall on (`latestDayOf`). */
  latest: Float64Array;
  /** The first not read yet. */
  next: number;
  /** The page's counts, as it is read. */
  result: TimelineAddResult;
  /** Resources not read yet, by resource type. */
  unread: Map<TimelineResource['resourceType'], number>;
}

/** Resources read at a time in the background. A view that needs `atLeast` events reads that many, then twice as many each time. */
const READ_CHUNK = 32;

/**
 * The latest UK day (`dayKey`) a resource's event could be on, from the
 * first characters of each date its event is read from: its event, if it
 * has one (readable or not), is on that day or earlier. `-1` when it has no
 * date (it would be undated).
 */
function latestDayOf(resource: TimelineResource): number {
  let latest = -1;
  for (const path of MOMENT_PATHS[resource.resourceType] ?? []) {
    let here: unknown = resource;
    for (const key of path) here = typeof here === 'object' && here !== null ? (here as Record<string, unknown>)[key] : undefined;
    if (here !== undefined) latest = Math.max(latest, latestDayKey(here));
  }
  return latest;
}

const zeroCounts = <Key extends string>(keys: readonly Key[]): Record<Key, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;

/** A timeline to build page by page. */
export function createTimeline(options: TimelineOptions): Timeline {
  const { patientId, organizations, audience } = options;
  const now = readMoment(options.now);
  const formatDay = audience === 'resident' ? formatResidentDate : formatClinicalDate;
  // Clinicians read the CUI's 24-hour `14:30`; residents the NHS style `2:30pm`, as everywhere else they see a time.
  const timeOfDay = (moment: { value: string; time: string }): string =>
    audience === 'resident' ? formatResidentTime(moment.value) : moment.time;
  const dayNames = new Map<string, string>();
  const dayName = (isoDate: string): string => {
    let name = dayNames.get(isoDate);
    if (name === undefined) {
      name = formatDay(isoDate);
      dayNames.set(isoDate, name);
    }
    return name;
  };

  // A condition whose abatement is still to come is current, as the summary says (`conditionClinicalStatus`).
  const reader = createFactsReader(
    organizations,
    audience,
    now?.instant === undefined ? undefined : { now: now.instant, birthDate: options.birthDate },
  );
  const byId = new Map<string, Entry>();
  /** How many held or withheld reports include each Observation (`Observation/<id>`). */
  const reported = new Map<string, number>();
  /** Results of reports kept from the resident (`NOPAT`): their Observations are not shown on their own either. */
  const withheldReports = new Map<string, readonly string[]>();
  /** By resource, so a resource sent twice is reported once. */
  const safetyIssues = new Map<string, SafetyIssue>();
  /** Issues of the unreadable events held, by id: a readable newer version takes its issue away. */
  const unreadableIssues = new Map<string, SafetyIssue>();
  /** Every event held, newest first. */
  let sorted: Entry[] = [];
  const views = new Map<string, TimelineView>();
  let unidentified = 0;

  const countResults = (results: readonly string[], change: 1 | -1): void => {
    for (const result of results) {
      const count = (reported.get(result) ?? 0) + change;
      if (count > 0) reported.set(result, count);
      else reported.delete(result);
      const observation = byId.get(result);
      // What could not be read stays a line of its own: the report cannot show it either.
      if (observation && !observation.event.unreadable) observation.folded = count > 0;
    }
  };
  const releaseWithheld = (id: string): void => {
    const results = withheldReports.get(id);
    if (!results) return;
    withheldReports.delete(id);
    countResults(results, -1);
  };

  function entryOf(resource: TimelineResource, id: string): Entry {
    const facts = readTimelineFacts(resource, reader);
    const { moment } = facts;
    // Only a start says when something begins: an end still to come is of something that may be under way.
    const endsLater = facts.datedBy === 'end' && after(moment, now);
    // An appointment is still to come exactly when the appointments view and the summary list it as upcoming.
    const future =
      resource.resourceType === 'Appointment'
        ? now?.instant !== undefined && appointmentTiming(resource, now.instant, now.dayKey).upcoming
        : !endsLater && stillToCome(resource.resourceType, facts.statusCode, moment, now);
    const event: TimelineEvent = {
      id,
      resourceType: resource.resourceType,
      type: facts.type,
      setting: facts.setting,
      title: facts.title,
      date: moment ? dayName(moment.isoDate) : NOT_RECORDED,
      source: facts.source,
      future,
    };
    // A result's status says what the results view says of it; for a resident, the rest only when it changes what the event means.
    const isResult = resource.resourceType === 'Observation' || resource.resourceType === 'DiagnosticReport';
    const resultStatus = isResult ? resultStatusLabel(resource.resourceType, facts.statusCode, audience) : undefined;
    const status = resultStatus ?? (audience === 'resident' ? residentStatusLabel(facts.statusCode) : statusLabel(facts.statusCode));
    // An appointment the patient declined, or answered both ways, says so as the appointments list does, whatever status it was left with.
    const response =
      resource.resourceType === 'Appointment'
        ? patientResponse(resource, (actor) => referencesPatient(actor?.reference, patientId))
        : undefined;
    if (facts.uncertainty !== undefined) event.status = uncertainStatus(facts.uncertainty, audience, status);
    else if (response === 'declined') event.status = PATIENT_DECLINED_LABELS[audience];
    else if (response === 'unclear') event.status = PATIENT_RESPONSE_UNCLEAR_LABELS[audience];
    else if (status) event.status = status;
    if (facts.detail !== undefined) event.detail = facts.detail;
    if (moment?.time !== undefined) event.time = timeOfDay({ value: moment.value, time: moment.time });
    // An appointment attended, missed or under way yet dated after now is past by its status: its date needs checking too.
    const datedAhead = (resource.resourceType === 'Appointment' ? !future : !SCHEDULED.has(resource.resourceType)) && after(moment, now);
    // Most events are dated by what happened: nothing to build for them (a long record holds tens of thousands).
    if (facts.onset || facts.datedBy || datedAhead || facts.requested) {
      const notes = [
        facts.requested,
        facts.onset ? onsetNote(facts.onset, moment, audience, dayName) : undefined,
        facts.datedBy && moment
          ? facts.takenBy
            ? TAKEN_BY_NOTES[audience](dayName(moment.isoDate), dayName(facts.takenBy.isoDate))
            : LATER_DATE_NOTES[audience][endsLater ? 'ends' : facts.datedBy](dayName(moment.isoDate))
          : undefined,
        datedAhead ? FUTURE_DATE_NOTES[audience] : undefined,
      ].filter((note) => note !== undefined);
      if (notes.length > 0) event.dateNote = notes.join('. ');
    }
    return {
      event,
      dayKey: moment?.dayKey ?? -1,
      instant: moment?.instant ?? UNTIMED,
      isoDate: moment?.isoDate,
      lastUpdated: resource.meta?.lastUpdated,
      results: facts.results,
      folded: resource.resourceType === 'Observation' && reported.has(id),
      setting: facts.setting,
      type: facts.type,
    };
  }

  /** What one resource says, read before anything held changes: reading may throw on malformed data. */
  function readResource(resource: TimelineResource): Reading {
    const check = patientCheck(resource, patientId);
    if (!check.ok) return { kind: 'wrong-patient', key: resourceKey(resource), issue: wrongPatientIssue(resource, check.subject) };
    const id = keyOf(resource);
    const withdrawn = isWithdrawn(resource);
    if (withdrawn || (audience === 'resident' && isHiddenFromResident(resource))) {
      const results = !withdrawn && resource.resourceType === 'DiagnosticReport' ? reportResults(resource) : undefined;
      return { kind: 'removed', id, withheldResults: results };
    }
    requireUnderstood(resource);
    return { kind: 'event', id, entry: entryOf(resource, id) };
  }

  /**
   * The one line shown for a resource that could not be read: its source and
   * date when those can still be read, never anything else from it. For the
   * resident, a resource whose labels cannot be read does not name its source
   * (it might be one kept from them).
   */
  function unreadableEntry(resource: TimelineResource): Reading {
    const id = keyOf(resource);
    const hidden = audience === 'resident' ? attempt(() => isHiddenFromResident(resource)) : false;
    if (hidden === true) return { kind: 'removed', id, withheldResults: undefined };
    const source = (hidden === false && attempt(() => reader.source(resource))) || undefined;
    const setting = (source && attempt(() => reader.setting(source))) || 'other';
    const moment = salvageMoment(resource);
    const shownSource = source ?? UNREADABLE_SOURCE;
    const event: TimelineEvent = {
      id,
      resourceType: resource.resourceType,
      type: 'other',
      setting,
      title: unreadableTitle(source, hasUnknownModifier(resource), audience),
      date: moment ? dayName(moment.isoDate) : NOT_RECORDED,
      source: shownSource,
      future: false,
      unreadable: true,
    };
    if (moment?.time !== undefined) event.time = timeOfDay({ value: moment.value, time: moment.time });
    const lastUpdated = textAt(resource, 'meta', 'lastUpdated');
    return {
      kind: 'event',
      id,
      issue: unreadableIssue(resource),
      entry: {
        event,
        dayKey: moment?.dayKey ?? -1,
        instant: moment?.instant ?? UNTIMED,
        isoDate: moment?.isoDate,
        lastUpdated,
        results: NO_RESULTS,
        folded: false,
        setting,
        type: 'other',
      },
    };
  }

  /** `ResourceType/id`; without a readable id a resource cannot be matched across pages, so it is shown under a key of its own. */
  function keyOf(resource: TimelineResource): string {
    const id = (resource as { id?: unknown }).id;
    return typeof id === 'string' && id.trim() ? resourceKey(resource) : `${resource.resourceType}/(no id ${++unidentified})`;
  }

  /** Reads one resource into `page` (events new or replaced, to merge); `true` when an event held was replaced or taken away. */
  function take(resource: TimelineResource, result: TimelineAddResult, page: Entry[]): boolean {
    let reading: Reading;
    try {
      reading = readResource(resource);
    } catch {
      // One malformed resource is one line saying so; the rest of the timeline is shown.
      reading = unreadableEntry(resource);
    }
    if (reading.kind === 'wrong-patient') {
      safetyIssues.set(reading.key, reading.issue);
      result.skipped++;
      return false;
    }
    const { id } = reading;
    const held = byId.get(id);
    if (reading.kind === 'removed') {
      releaseWithheld(id);
      if (reading.withheldResults) {
        withheldReports.set(id, reading.withheldResults);
        countResults(reading.withheldResults, 1);
      }
      result.skipped++;
      // A newer version that withdraws or restricts an item takes the older one away.
      if (!held) return false;
      byId.delete(id);
      unreadableIssues.delete(id);
      countResults(held.results, -1);
      return true;
    }
    const { entry } = reading;
    if (held) {
      if (compareMoments(readMoment(entry.lastUpdated), readMoment(held.lastUpdated)) < 0) {
        result.skipped++;
        return false;
      }
      countResults(held.results, -1);
      result.updated++;
    } else {
      result.added++;
    }
    releaseWithheld(id);
    byId.set(id, entry);
    if (reading.issue) unreadableIssues.set(id, reading.issue);
    else unreadableIssues.delete(id);
    countResults(entry.results, 1);
    page.push(entry);
    return held !== undefined;
  }

  /** Merges what was read into the sorted events. */
  function commit(page: Entry[], replaced: boolean): void {
    if (replaced) sorted = sorted.filter((entry) => byId.get(entry.event.id) === entry);
    const fresh = page.filter((entry) => byId.get(entry.event.id) === entry).sort(newestFirst);
    mergeInto(sorted, fresh);
    views.clear();
  }

  /** Pages added and not all read, in the order they came. */
  const batches: Batch[] = [];
  let pending = 0;
  /** Ids added, by resource type: a resource added again is read in order with what came before it. */
  const added = new Map<string, Set<string>>();

  function queue(resources: TimelineResource[], bounds: number[], result: TimelineAddResult): void {
    if (resources.length === 0) return;
    const latest = new Float64Array(bounds.length);
    let most = -1;
    for (let index = bounds.length - 1; index >= 0; index--) {
      most = Math.max(most, bounds[index] as number);
      latest[index] = most;
    }
    const unread = new Map<TimelineResource['resourceType'], number>();
    for (const resource of resources) unread.set(resource.resourceType, (unread.get(resource.resourceType) ?? 0) + 1);
    batches.push({ resources, latest, next: 0, result, unread });
    pending += resources.length;
  }

  /** The latest day anything queued could fall on: events after it are settled. `-Infinity` when nothing is queued. */
  function horizon(): number {
    let latest = Number.NEGATIVE_INFINITY;
    for (const batch of batches) latest = Math.max(latest, batch.latest[batch.next] as number);
    return latest;
  }

  /** Reads up to `count` queued resources, from the page whose unread part reaches latest. */
  function readChunk(count: number): void {
    let from: Batch | undefined;
    for (const batch of batches) if (!from || (batch.latest[batch.next] as number) > (from.latest[from.next] as number)) from = batch;
    if (!from) return;
    const page: Entry[] = [];
    let replaced = false;
    const end = Math.min(from.next + count, from.resources.length);
    for (let index = from.next; index < end; index++) {
      const resource = from.resources[index] as TimelineResource;
      from.unread.set(resource.resourceType, (from.unread.get(resource.resourceType) ?? 1) - 1);
      replaced = take(resource, from.result, page) || replaced;
    }
    pending -= end - from.next;
    from.next = end;
    if (end === from.resources.length) batches.splice(batches.indexOf(from), 1);
    commit(page, replaced);
  }

  function readAll(): void {
    while (pending > 0) readChunk(Number.MAX_SAFE_INTEGER);
  }

  /** What the resources not read yet may become. */
  function pendingTypes(): ReadonlySet<TimelineEventType> {
    const resourceTypes = new Set<TimelineResource['resourceType']>();
    for (const batch of batches) for (const [type, count] of batch.unread) if (count > 0) resourceTypes.add(type);
    // Whatever cannot be read is shown as `other`.
    return new Set([...resourceTypes].flatMap((type) => [...EVENT_TYPES_OF[type], 'other' as const]));
  }

  /** Events settled for the filters, counted up to `enough`. */
  function settled(
    settings: ReadonlySet<CareSetting> | undefined,
    types: ReadonlySet<TimelineEventType> | undefined,
    enough: number,
  ): number {
    const after = horizon();
    let count = 0;
    for (const entry of sorted) {
      if (entry.dayKey <= after || count >= enough) break;
      if (!entry.folded && (!settings || settings.has(entry.setting)) && (!types || types.has(entry.type))) count++;
    }
    return count;
  }

  function add(resources: Iterable<TimelineResource>): TimelineAddResult {
    const result: TimelineAddResult = { added: 0, updated: 0, skipped: 0 };
    let queued: TimelineResource[] = [];
    let bounds: number[] = [];
    const now = (resource: TimelineResource): void => {
      const page: Entry[] = [];
      commit(page, take(resource, result, page));
    };
    for (const resource of resources) {
      if (!isTimelineResource(resource)) {
        result.skipped++;
        continue;
      }
      const id = (resource as { id?: unknown }).id;
      if (typeof id === 'string') {
        let ids = added.get(resource.resourceType);
        if (!ids) added.set(resource.resourceType, (ids = new Set()));
        if (ids.has(id)) {
          // Added before: what is queued is read first, so versions replace each other in the order they came.
          queue(queued, bounds, result);
          queued = [];
          bounds = [];
          readAll();
          now(resource);
          continue;
        }
        ids.add(id);
      }
      // A report is read at once: the Observations it holds are never shown on their own, nor (kept from the resident) at all.
      if (resource.resourceType === 'DiagnosticReport') now(resource);
      else {
        queued.push(resource);
        bounds.push(latestDayOf(resource));
      }
    }
    queue(queued, bounds, result);
    views.clear();
    // Its counts are known once the page is read: asking for them reads it.
    return {
      get added() {
        readAll();
        return result.added;
      },
      get updated() {
        readAll();
        return result.updated;
      },
      get skipped() {
        readAll();
        return result.skipped;
      },
    };
  }

  function read(milliseconds?: number): number {
    if (milliseconds === undefined) readAll();
    const until = performance.now() + (milliseconds ?? 0);
    while (pending > 0 && performance.now() < until) readChunk(READ_CHUNK);
    return pending;
  }

  function view(filters: TimelineFilters = {}, reading: TimelineViewRead = {}): TimelineView {
    const settings = filters.settings?.length ? new Set(filters.settings) : undefined;
    const types = filters.types?.length ? new Set(filters.types) : undefined;
    const { atLeast } = reading;
    if (atLeast === undefined) readAll();
    else for (let chunk = Math.max(1, atLeast); pending > 0 && settled(settings, types, atLeast) < atLeast; chunk *= 2) readChunk(chunk);
    const key = `${[...(settings ?? [])].sort().join()}|${[...(types ?? [])].sort().join()}`;
    const cached = views.get(key);
    if (cached) return cached;

    const after = horizon();
    const counts: TimelineCounts = { settings: zeroCounts(CARE_SETTINGS), types: zeroCounts(TIMELINE_EVENT_TYPES) };
    const days: TimelineDay[] = [];
    const undated: TimelineEvent[] = [];
    let total = 0;
    let day: TimelineDay | undefined;
    for (const entry of sorted) {
      if (entry.folded) continue;
      const settingShown = !settings || settings.has(entry.setting);
      const typeShown = !types || types.has(entry.type);
      if (typeShown) counts.settings[entry.setting]++;
      if (settingShown) counts.types[entry.type]++;
      // Not shown while something still to read could come before it.
      if (!settingShown || !typeShown || entry.dayKey <= after) continue;
      total++;
      const { event } = entry;
      if (entry.isoDate === undefined) {
        undated.push(event);
      } else if (day?.isoDate === entry.isoDate) {
        day.events.push(event);
      } else {
        day = { date: dayName(entry.isoDate), isoDate: entry.isoDate, events: [event] };
        days.push(day);
      }
    }
    const result: TimelineView = {
      days,
      undated,
      counts,
      total,
      safetyIssues: [...safetyIssues.values(), ...unreadableIssues.values()],
      unreadable: unreadableIssues.size,
      pending,
      pendingTypes: pendingTypes(),
    };
    if (views.size >= MAX_CACHED_VIEWS) views.clear();
    views.set(key, result);
    return result;
  }

  return {
    patientId,
    add,
    view,
    read,
    get pending() {
      return pending;
    },
    get size() {
      readAll();
      return byId.size;
    },
  };
}

export interface TimelineInput {
  resources: Iterable<TimelineResource>;
  patientId: string;
  organizations: ReadonlyMap<string, string>;
}

export interface TimelineViewOptions extends TimelineFilters {
  audience: 'clinician' | 'resident';
  now: Date | string;
}

/** The whole timeline from resources already fetched, filtered by setting and type. */
export function timelineViewModel(input: TimelineInput, options: TimelineViewOptions): TimelineView {
  const timeline = createTimeline({
    patientId: input.patientId,
    organizations: input.organizations,
    audience: options.audience,
    now: options.now,
  });
  timeline.add(input.resources);
  return timeline.view({ settings: options.settings, types: options.types });
}
