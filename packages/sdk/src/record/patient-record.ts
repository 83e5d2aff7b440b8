/**
 * The timeline of one resident's record, read page by page. The reader and
 * the page's view models are in `record-reader.ts`, the medicines' in
 * `read-medications.ts`, and `openRecord` (all of them together) in
 * `open-record.ts`: each in its own module, so that a page loading the
 * timeline on demand loads none of the others' code with it.
 */
import { batchRead, resourcesOf } from '../client/batch.js';
import { HubError } from '../client/hub-error.js';
import type { Bundle, Patient } from '../fhir.js';
import type { BannerViewModel } from './banner.js';
import type { MedicationsViewModel } from './medications.js';
import {
  hasNextPage,
  mergeNotices,
  readNotices,
  restrictedNotices,
  searchFailureReason,
  searchNotices,
  typeRefusedBy,
  type LeftOutBy,
  type RecordNotices,
} from './notices.js';
import type { RecordReader } from './record-reader.js';
import { roleViewNotices } from './permissions.js';
import type { SummaryViewModel } from './summary/index.js';
import { createTimeline, type Timeline } from './timeline.js';
import { EVENT_TYPES_OF, TIMELINE_EVENT_TYPES, type TimelineEventType, type TimelineResource } from './timeline-event.js';

export interface RecordPage {
  patient: Patient;
  banner: BannerViewModel;
  summary: SummaryViewModel;
  /** HTTP round trips this page took (for budgets and tests). */
  roundTrips: number;
}

export interface PatientRecord {
  readonly patientId: string;
  /** The banner and the record summary. */
  page(): Promise<RecordPage>;
  /** Current and past medicines from every source, merged. */
  medications(): Promise<MedicationsViewModel>;
  /** The timeline across care settings, read page by page (newest first) as `loadMore()` is called. */
  timeline(): RecordTimeline;
}

/**
 * How much of the whole record the timeline's counts describe. The server is
 * asked once how many items each search holds (`_summary=count`); a count is
 * of the whole record only for the event types whose searches have all been
 * read to their end.
 */
export interface TimelineCoverage {
  /** Every search read to its end: every count is of the whole record. */
  complete: boolean;
  /** Items the whole record holds across the timeline's searches, as the server counted them; `undefined` when it could not count. */
  recordTotal: number | undefined;
  /** Items read so far across the searches. */
  loaded: number;
  /** Event types whose counts are of the whole record: every search that can hold them has been read to its end. */
  exactTypes: ReadonlySet<TimelineEventType>;
  /** Event types the items not yet read may still hold (their filters must stay, even at none so far). */
  possibleTypes: ReadonlySet<TimelineEventType>;
  /**
   * Event types a search that could not be read, or whose answer was cut short, may hold (`notices.unreadTypes`,
   * `cutShortTypes`): their filters say so, never a count of none. Absent: every search was read in full.
   */
  incompleteTypes?: ReadonlySet<TimelineEventType>;
  /**
   * Event types a search the viewer's role was refused may hold (`ROLE_RESTRICTED`): their filters say they are not
   * shown to the role, never a count, which would be "none" of what she may not see. Absent: the role was refused none.
   */
  roleLeftOutTypes?: ReadonlySet<TimelineEventType>;
}

/** The timeline of a record, filled page by page. */
export interface RecordTimeline {
  /** Everything loaded so far; `view(filters)` for what to show. */
  readonly timeline: Timeline;
  /** What the pages loaded so far said they left out: withheld items, sources that did not answer. */
  readonly notices: RecordNotices;
  /** How much of the whole record the counts describe; absent when the reader does not say (treat counts as of what has loaded). */
  readonly coverage?: TimelineCoverage;
  /**
   * Reads the next page of every search not yet exhausted, in parallel, and
   * adds them to `timeline`. A search that fails while others are read fails
   * only its part: its type is in `notices.unreadTypes` and, where trying
   * again can help (5XX, no answer), in `failedTypes`, and it is not read
   * again until `retryFailed()`. Rejects only when every search asked for
   * failed (what was read before is kept, and calling again retries them);
   * `done` once every search is exhausted or failed. Calls made while one is
   * in flight share it.
   */
  loadMore(): Promise<{ done: boolean }>;
  /**
   * Resource types whose search failed where trying again can help (a 5XX, no answer): the notice offers "Try
   * again" (`retryFailed`). Absent or empty: none.
   */
  readonly failedTypes?: readonly string[];
  /** Reads the searches of `failedTypes` again, and the next pages of the rest, as `loadMore()`. */
  retryFailed?(): Promise<{ done: boolean }>;
}

/** The searches the timeline reads, each newest first. */
const TIMELINE_SEARCHES = [
  '/Encounter',
  '/Appointment',
  '/DiagnosticReport',
  '/Observation',
  '/DocumentReference',
  '/CarePlan',
  '/EpisodeOfCare',
] as const;
const TIMELINE_PAGE_SIZE = 100;

/** The timeline across care settings, read page by page (newest first) as `loadMore()` is called. */
export function readTimeline(reader: RecordReader): RecordTimeline {
  const { hub, patientId, call } = reader;
  // The timeline reads names from the reader's map as it adds events; `organizationsFor` fills it first.
  const events = createTimeline({ patientId, organizations: reader.organizations, audience: reader.options.audience, now: reader.now() });
  let notices = readNotices([]);
  type Search = {
    path: (typeof TIMELINE_SEARCHES)[number];
    pages: AsyncIterator<Bundle> | undefined;
    /** Pages read. */
    read: number;
    /** Matches read. */
    matches: number;
    /** How many the server says the search holds in the whole record. */
    total: number | undefined;
    done: boolean;
    /** Could not be read, and why (`searchFailureReason`); `retry` when trying again can help. */
    unread: { reason: string; retry: boolean } | undefined;
    /** Its answer gave fewer than it said it holds, with no way to read the rest. */
    cut: boolean;
    /** Refused as a type (`typeRefusedBy`): by whom. Its items are not known. */
    leftOut?: LeftOutBy;
  };
  const searches: Search[] = TIMELINE_SEARCHES.map((path) => ({
    path,
    pages: undefined,
    read: 0,
    matches: 0,
    total: undefined,
    done: false,
    unread: undefined,
    cut: false,
  }));
  let counted: Promise<void> | undefined;
  /**
   * Confirms the resident, once, and asks the server in the same round trip how many items each search holds. A
   * record not found (404, 410) or a Patient that could not be read fails the timeline, never "no events"; a refusal
   * (403: a sign-in without Patient scope) says nothing of the record. A server that cannot count leaves the totals
   * unknown.
   */
  function confirmAndCount(): Promise<void> {
    counted ??= hub
      .batch(
        [
          batchRead('/Patient/{id}', { path: { id: patientId } }),
          ...searches.map((search) => batchRead(search.path, { query: { patient: patientId, _summary: 'count' } })),
        ],
        call,
      )
      .then(([confirmed, ...counts]) => {
        if (!confirmed.ok && !isRefused(confirmed.error)) throw confirmed.error;
        counts.forEach((result, index) => {
          const search = searches[index];
          const total = result.ok ? (result.resource as Bundle).total : undefined;
          if (search && total !== undefined && Number.isInteger(total)) search.total = total;
        });
      });
    // Not confirmed: asked again on the next `loadMore()` ("Try again").
    counted.catch(() => {
      counted = undefined;
    });
    return counted;
  }
  const finished = (search: Search): boolean => search.done || (search.total !== undefined && search.matches >= search.total);
  const open = (search: Search): AsyncIterator<Bundle> => {
    const pages = hub.pages(search.path, { query: { patient: patientId, _sort: '-date', _count: TIMELINE_PAGE_SIZE }, ...call });
    return pages[Symbol.asyncIterator]() as AsyncIterator<Bundle>;
  };

  /** The next page of one search. A search that failed is opened again and the pages already added are read past. */
  async function next(search: Search): Promise<void> {
    if (!search.pages) {
      const pages = open(search);
      for (let skipped = 0; skipped < search.read; skipped++) {
        if ((await pages.next()).done) {
          search.done = true;
          return;
        }
      }
      search.pages = pages;
    }
    let page: IteratorResult<Bundle>;
    try {
      page = await search.pages.next();
    } catch (error) {
      // A generator that threw is finished: open the search again on the next call.
      search.pages = undefined;
      // A search refused as a type (the role's, the sign-in's scopes', a carer's proxy access') is not an error: the
      // timeline says who left it out, in their words, and shows the rest (a receptionist's appointments), never
      // "could not be loaded" or "no access". A type left out claims no count in its filters (its items are not known):
      // the sign-in's or a carer's as not all read, the role's as not shown to the role.
      const by = typeRefusedBy(error);
      if (by) {
        search.done = true;
        search.leftOut = by;
        notices = mergeNotices(notices, restrictedNotices([search.path.slice(1)], by));
        return;
      }
      // A search the server does not support (404, `not-supported`) or refuses as asked (400) is that search's, not
      // the record's (R17): the timeline says some items could not be read, and shows the rest. Trying again cannot
      // help. Any other failure rejects, so that "Try again" reads it.
      if (isUnsupported(error)) {
        search.done = true;
        search.unread = { reason: searchFailureReason(error), retry: false };
        return;
      }
      throw error;
    }
    if (page.done) {
      search.done = true;
      return;
    }
    const resources = resourcesOf(page.value);
    const searched = search.path.slice(1);
    search.matches += resources.filter((resource) => (resource as { resourceType?: unknown }).resourceType === searched).length;
    // The last page of an answer that says it holds more than it gave: no more can be read, and the timeline says it
    // may be incomplete (how many of how many), never that earlier events will load.
    const said = Number.isInteger(page.value.total) ? page.value.total : search.total;
    if (!hasNextPage(page.value) && said !== undefined && said > search.matches) {
      search.done = true;
      search.cut = true;
      notices = mergeNotices(notices, searchNotices([], [{ type: searched, shown: search.matches, total: said }]));
    }
    await reader.organizationsFor(resources);
    events.add(resources as TimelineResource[]);
    notices = mergeNotices(notices, readNotices([page.value]));
    search.read++;
  }

  let inFlight: Promise<{ done: boolean }> | undefined;
  async function loadAll(): Promise<{ done: boolean }> {
    const asked = searches.filter((search) => !search.done && !search.unread);
    const [counting, ...results] = await Promise.allSettled([confirmAndCount(), ...asked.map(next)]);
    if (counting?.status === 'rejected') throw counting.reason;
    const failed = results.flatMap((result, index) =>
      result.status === 'rejected' ? [{ search: asked[index], error: result.reason }] : [],
    );
    // Every search asked for failed, or could not be read: nothing of this read can be shown, and the timeline (or its
    // earlier events) fails as a whole, with "Try again". A request cancelled is the caller's, and a sign-in that
    // ended (401) or was refused (403) is the whole record's: never a part that could not be read.
    const whole = failed.find(({ error }) => isCancelled(error) || isSignInRefused(error));
    if (whole) throw whole.error;
    const first = failed[0];
    if (first && asked.every((search) => search.unread || failed.some((item) => item.search === search))) throw first.error;
    // One search that failed while others were read fails only its part (R17): the rest is shown, and the notice
    // names what could not be read, with "Try again" (`retryFailed`).
    for (const { search, error } of failed) if (search) search.unread = { reason: searchFailureReason(error), retry: true };
    // The record page's failure is the timeline's too: no events, and no "no events", under a banner that failed. A
    // refusal (403) of the page is the role's or the sign-in's, told where it is met, and says nothing of the record.
    await reader.pageBeingRead()?.catch((error: unknown) => {
      if (!isRefused(error)) throw error;
    });
    return { done: searches.every((search) => search.done || search.unread) };
  }

  const load = (): Promise<{ done: boolean }> => {
    if (!inFlight) {
      const attempt = loadAll();
      inFlight = attempt;
      const clear = () => {
        if (inFlight === attempt) inFlight = undefined;
      };
      attempt.then(clear, clear);
    }
    return inFlight;
  };

  return {
    timeline: events,
    get notices() {
      const unread = searches.flatMap((search) => (search.unread ? [{ type: search.path.slice(1), reason: search.unread.reason }] : []));
      // A role's reduced view (a receptionist's appointments) is said once, in the role's words, never as withheld.
      return roleViewNotices(mergeNotices(notices, searchNotices(unread, [])), reader.options);
    },
    get failedTypes() {
      return searches.filter((search) => search.unread?.retry).map((search) => search.path.slice(1));
    },
    get coverage(): TimelineCoverage {
      const open = searches.filter((search) => !finished(search) && !search.unread);
      const typesOf = (held: Search[]) =>
        new Set(held.flatMap((search) => EVENT_TYPES_OF[search.path.slice(1) as TimelineResource['resourceType']]));
      const incompleteTypes = typesOf(
        searches.filter((search) => search.unread || search.cut || (search.leftOut && search.leftOut !== 'role')),
      );
      const roleLeftOutTypes = typesOf(searches.filter((search) => search.leftOut === 'role'));
      const possibleTypes = typesOf(open);
      const totals = searches.map((search) => search.total);
      return {
        complete: open.length === 0,
        recordTotal: totals.every((total) => total !== undefined) ? totals.reduce((sum, total) => sum + total, 0) : undefined,
        loaded: searches.reduce((sum, search) => sum + search.matches, 0),
        exactTypes: new Set(
          TIMELINE_EVENT_TYPES.filter((type) => !possibleTypes.has(type) && !incompleteTypes.has(type) && !roleLeftOutTypes.has(type)),
        ),
        possibleTypes,
        ...(incompleteTypes.size > 0 ? { incompleteTypes } : {}),
        ...(roleLeftOutTypes.size > 0 ? { roleLeftOutTypes } : {}),
      };
    },
    loadMore: load,
    retryFailed() {
      // Only a failure trying again can mend is asked again; one the server does not support stays said.
      for (const search of searches) if (search.unread?.retry) search.unread = undefined;
      return load();
    },
  };
}

/** Whether an error is a server not supporting a search (404, or an outcome `not-supported`) or refusing it as asked (400). */
const isUnsupported = (error: unknown): boolean =>
  error instanceof HubError &&
  (error.status === 400 || error.status === 404 || (error.outcome?.issue ?? []).some((issue) => issue.code === 'not-supported'));

/** Whether an error is the caller cancelling the read: never told as a part that could not be read. */
const isCancelled = (error: unknown): boolean => error instanceof HubError && error.kind === 'aborted';

/** Whether an error is a sign-in that ended (401) or was refused (403): the record's, not one search's. */
const isSignInRefused = (error: unknown): boolean => error instanceof HubError && (error.status === 401 || error.status === 403);

/** Whether an error is the server refusing this sign-in a read (HTTP 403). */
const isRefused = (error: unknown): boolean => error instanceof HubError && error.status === 403;
