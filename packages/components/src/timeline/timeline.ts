import {
  carriedAnotherPatients,
  leftOutForIdentity,
  CARE_SETTINGS,
  NOT_SHOWN_SAFELY_NOTICE,
  careSettingLabel,
  readTimeline,
  TIMELINE_EVENT_TYPES,
  timelineEventTypeLabel,
  type CareSetting,
  type RecordAudience,
  type RecordNotices,
  type RecordTimeline,
  type Timeline,
  type TimelineEvent,
  type TimelineEventType,
  type TimelineCoverage,
  type TimelineView,
} from '@care-record/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { CareElement } from '../internal/care-element.js';
import { inPlace } from '../internal/in-place.js';
import { possessive, wordsFor } from '../internal/carer-words.js';
import type { ActingFor } from '../internal/record-context.js';
import { RecordTask } from '../internal/record-task.js';
import { noticeLines, renderError, renderSkeleton, renderTask, retryCanHelp, wrongPatientModel } from '../internal/states.js';
import { elementAudience } from '../internal/audience.js';
import { warningIcon } from '../internal/icons.js';
import { BackgroundReader } from './background-reader.js';
import { DayLayout } from './day-layout.js';
import { PrintController } from './print-controller.js';
import { ScreenPlace, shownPart } from './screen-place.js';
import { EventCost, stepWindow } from './window-step.js';
import { ListKeys } from './list-keys.js';
import { watchScriptScrolls } from './script-scrolls.js';
import { styles } from './timeline.styles.js';
import { sourceName } from '../internal/source-name.js';
import { isolatedName } from '../internal/isolated-name.js';

interface Words {
  title: string;
  loading: string;
  failed: string;
  failedMore: string;
  noPatient: string;
  empty: string;
  filteredEmpty: string;
  clearFilters: string;
  settings: string;
  types: string;
  loadingMore: string;
  noEarlier: string;
  /** In place of `empty` and `noEarlier` when the notices say not everything is shown: never "none" then. */
  noneShown: string;
  noEarlierShown: string;
  future: string;
  undated: string;
  wrongPatient: string;
  /** A chip's count when it covers only the events loaded so far. */
  soFar: (count: number) => string;
  /** A chip's count when a search that may hold its events could not be read, or was cut short: never a count of all. */
  notAllRead: (count: number) => string;
  /** A chip's count when the viewer's role was refused a search that may hold its events: never a count of all. */
  notForRole: (count: number) => string;
  /** The button that reads again the searches that failed where trying again can help. */
  retryUnread: string;
  /** Said under the chips while their counts cover only what has loaded. */
  countsSoFar: (loaded: number, recordTotal: number | undefined) => string;
  /** What an item that could not be read is, in place of its type. */
  unreadableType: string;
  /** What someone acting for the resident (a carer) added, in place of its setting. */
  addedBy: (who: string) => string;
  /** How many items could not be read; each is one line on the timeline. */
  unreadable: (count: number) => string;
  /** Said on paper only: how much of the timeline a printout holds. */
  printedAll: (count: number) => string;
  /** `printedAll` when the notices say not everything is shown. */
  printedAllShown: (count: number) => string;
  printedSome: (count: number, back: string) => string;
  printedFiltered: string;
}

/** A carer's words: the person's timeline, not "your". */
const CARER = (who: ActingFor): Partial<Words> => ({
  title: `${possessive(who)} timeline`,
  loading: `Loading ${possessive(who)} timeline`,
  failed: `We could not load ${possessive(who)} timeline`,
});

const WORDS: Record<RecordAudience, Words> = {
  clinician: {
    title: 'Timeline',
    loading: 'Loading the timeline',
    failed: 'The timeline could not be loaded',
    failedMore: 'Earlier events could not be loaded',
    noPatient: 'No patient selected',
    empty: 'No events recorded',
    filteredEmpty: 'No events match these filters',
    clearFilters: 'Clear filters',
    settings: 'Care setting',
    types: 'Event type',
    loadingMore: 'Loading earlier events…',
    noEarlier: 'No earlier events',
    noneShown: 'No events that can be shown',
    noEarlierShown: 'No earlier events that can be shown',
    future: 'Future',
    undated: 'Date not recorded',
    wrongPatient: 'Some items were not shown because they are about a different patient.',
    soFar: (count) => `${count} so far`,
    notAllRead: (count) => `${count} read, some could not be read`,
    notForRole: (count) => (count === 0 ? 'not shown to your role' : `${count} shown, some not shown to your role`),
    retryUnread: 'Try again',
    countsSoFar: (loaded, recordTotal) =>
      recordTotal === undefined
        ? 'Counts are of the events loaded so far. Earlier events load as you scroll.'
        : `Counts are of the events loaded so far: ${loaded} of the ${recordTotal} items in the record. Earlier events load as you scroll.`,
    unreadableType: 'Could not be read',
    addedBy: (who) => `Added by ${who}`,
    unreadable: (count) =>
      count === 1
        ? 'One item could not be read. It is shown as a line saying so.'
        : `${count} items could not be read. Each is shown as a line saying so.`,
    printedAll: (count) => `Printed timeline: all ${count} events recorded.`,
    printedAllShown: (count) => `Printed timeline: all ${count} events that can be shown. Some information is not shown.`,
    printedSome: (count, back) =>
      `Printed timeline: the latest ${count} events, back to ${back}. Any earlier events had not been loaded, so they are not printed.`,
    printedFiltered: 'Only events matching the chosen care settings and event types are printed.',
  },
  resident: {
    title: 'Your timeline',
    loading: 'Loading your timeline',
    failed: 'We could not load your timeline',
    failedMore: 'We could not load earlier events',
    noPatient: 'No record selected',
    empty: 'No events recorded',
    filteredEmpty: 'No events match these filters',
    clearFilters: 'Show everything',
    settings: 'Where',
    types: 'What',
    loadingMore: 'Loading earlier events…',
    noEarlier: 'No earlier events',
    noneShown: 'No events we can show you here',
    noEarlierShown: 'No earlier events we can show you here',
    future: 'Upcoming',
    undated: 'Date not recorded',
    wrongPatient: 'Some items were not shown because they are about someone else.',
    soFar: (count) => `${count} so far`,
    notAllRead: (count) => `${count} we could read, some could not be read`,
    notForRole: (count) => (count === 0 ? 'not shown to you here' : `${count} shown, some not shown to you here`),
    retryUnread: 'Try again',
    countsSoFar: (loaded, recordTotal) =>
      recordTotal === undefined
        ? 'The numbers are for the events loaded so far. Earlier events load as you scroll down.'
        : `The numbers are for the events loaded so far: ${loaded} of the ${recordTotal} items in your record. Earlier events load as you scroll down.`,
    unreadableType: 'Could not be read',
    addedBy: (who) => `Added by ${who}`,
    unreadable: (count) =>
      count === 1
        ? 'We could not read one item in your record. It is shown as a line saying so.'
        : `We could not read ${count} items in your record. Each is shown as a line saying so.`,
    printedAll: (count) => `This printout shows all ${count} events in your timeline.`,
    printedAllShown: (count) => `This printout shows all ${count} events we can show you here.`,
    printedSome: (count, back) => `This printout shows your latest ${count} events, back to ${back}. Any earlier events are not included.`,
    printedFiltered: 'Only the kinds of events you chose are printed.',
  },
};

/** What one event is, in the singular (the SDK's type labels name the filter chips, in the plural). */
const EVENT_NAMES: Record<RecordAudience, Record<TimelineEventType, string>> = {
  clinician: {
    consultation: 'Consultation',
    admission: 'Admission',
    discharge: 'Discharge',
    'a-and-e': 'A&E attendance',
    outpatient: 'Outpatient',
    result: 'Result',
    appointment: 'Appointment',
    assessment: 'Assessment',
    'care-plan-review': 'Care plan or review',
    letter: 'Letter or document',
    other: 'Other',
  },
  resident: {
    consultation: 'Appointment or contact',
    admission: 'Hospital stay',
    discharge: 'Leaving hospital',
    'a-and-e': 'A&E visit',
    outpatient: 'Hospital clinic',
    result: 'Test result or reading',
    appointment: 'Appointment booked',
    assessment: 'Assessment',
    'care-plan-review': 'Care plan',
    letter: 'Letter',
    other: 'Other',
  },
};

/** Events read at a time as the list comes near the end of what has been read. */
const CHUNK_EVENTS = 100;
/**
 * Events in the first render: about a screenful (an event is several lines
 * high), so that the first paint after the data arrives waits only for
 * reading and laying out what it shows. The next frame fills the screen and
 * the rest follow as the list scrolls.
 */
const FIRST_EVENTS = 8;
/** How far (px) beyond the screen, above and below, days are kept in the DOM. */
const OVERSCAN = 600;
/** How near (px) the end of what has been read the screen comes before more is read or loaded. */
const NEAR = 600;
/** Fewest events kept in the DOM (all of a shorter timeline). */
const MIN_EVENTS = 60;
/**
 * How far (in events) from the screen the event with focus is kept in the
 * DOM. Further, focus moves to the first event on screen (`ScreenPlace`):
 * keeping a far event would keep every day between it and the screen.
 */
const KEEP_FOCUS_EVENTS = 60;
/** Most events added in one frame beyond what the screen needs. */
const GROW_EVENTS = 20;
/**
 * Main-thread time (ms) a frame gives to events new to the DOM: rendering,
 * style and layout, as measured for the events rendered before. A slow
 * machine renders a jump's screen over a few frames instead of holding one;
 * at least one day is rendered a frame, whatever it costs.
 */
const STEP_MS = 12;

interface DayRow {
  /** `isoDate`, or empty for undated events. */
  key: string;
  heading: string;
  events: TimelineEvent[];
  /** Index of the day's first event in the whole (filtered) list. */
  start: number;
}

/** The row holding the event at `index` (of the whole filtered list). */
function dayIn(rows: readonly DayRow[], index: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((rows[middle] as DayRow).start <= index) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Whether the view shows the event `id`. */
function holds(view: TimelineView, id: string): boolean {
  return view.days.some((day) => day.events.some((event) => event.id === id)) || view.undated.some((event) => event.id === id);
}

interface Source {
  timeline: Timeline;
  notices: RecordNotices | undefined;
  loadMore: (() => Promise<{ done: boolean }>) | undefined;
  /** Reads again the searches that failed where trying again can help (`RecordTimeline.failedTypes`); absent when none did. */
  retryFailed?: (() => Promise<{ done: boolean }>) | undefined;
}

const NO_NOTICES: RecordNotices = { withheld: false, unavailableSources: [] };
/** Nothing added yet (without reading what has been added). */
const isEmpty = (timeline: Timeline): boolean => timeline.pending === 0 && timeline.size === 0;
/** How often the background reading shows the counts it has reached, while the list's end is off screen. */
const READ_SHOW_MS = 250;
const COMPLETE: TimelineCoverage = { complete: true, recordTotal: undefined, loaded: 0, exactTypes: new Set(), possibleTypes: new Set() };
/** A record timeline that does not say how much it covers: every count is of what has loaded, and any type may still come. */
const UNKNOWN_COVERAGE: TimelineCoverage = {
  complete: false,
  recordTotal: undefined,
  loaded: 0,
  exactTypes: new Set(),
  possibleTypes: new Set(TIMELINE_EVENT_TYPES),
};

/**
 * A resident's events across care settings — GP, hospital, community, mental
 * health, social care and what they added themselves — newest first, one
 * heading per day. Filter chips narrow it by care setting and event type.
 *
 * Inside `<care-record-provider>` it reads the patient in context page by
 * page, loading earlier events as the list is scrolled to its end. Without a
 * provider, give it a `timeline` (from `record.timeline()`, pages on demand)
 * or a `model` (a `Timeline` from `createTimeline`, already complete).
 *
 * The list is windowed: only the days on screen and just beyond it are in
 * the DOM, and the days above and below take their measured (or estimated)
 * height as padding, so the scrollbar spans the whole timeline read so far
 * and a record of tens of thousands of events scrolls smoothly on a slow
 * machine. The element keeps what is on screen still when an estimate is
 * corrected or days come and go above it, in every browser, whether or not
 * the host turns scroll anchoring off (`overflow-anchor: none`). Up/Down move
 * between events, Home/End go to the newest/oldest loaded, Enter or Space
 * chooses one; printing lays out every loaded day.
 *
 * @summary What happened, when and where, across every care setting.
 *
 * @event {CustomEvent<{ resourceType: string; id: string }>} care-select - An event was chosen (click, Enter or Space): the host can open it. Cancelable.
 *
 * @csspart timeline - The whole timeline (also while loading).
 * @csspart title - The timeline's heading.
 * @csspart filters - The filter chips.
 * @csspart chip - A filter chip (a toggle button).
 * @csspart chip-pressed - A filter chip that is on.
 * @csspart counts-note - Under the chips while their counts cover only the events loaded so far.
 * @csspart list - The scrolling list of days.
 * @csspart day - One day.
 * @csspart day-heading - The day's date.
 * @csspart event - One event.
 * @csspart event-unreadable - An event that could not be read: one line naming its source (also has `event`).
 * @csspart event-button - The event's title, a button that chooses it.
 * @csspart future - The mark on an appointment still to come.
 * @csspart date-note - What an event's date is when it is not when it happened ("Recorded 05-Apr-2020; onset age 45 years").
 * @csspart status - "Loading earlier events…" / "No earlier events".
 * @csspart notice - A notice of withheld information or unavailable sources.
 * @csspart retry-unread - "Try again" under the notices, for searches that failed while the rest were shown.
 * @csspart print-note - On paper only: how much of the timeline the printout holds.
 * @csspart empty - The message when there are no events (or none match the filters).
 * @csspart error - The panel shown when events could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-timeline-max-height=40em] - Height of the scrolling list; `none` lets the page scroll instead.
 * @cssprop [--care-timeline-day-background=#f0f4f5] - Background of the day headings.
 * @cssprop [--care-timeline-rule=#d8dde0] - Lines between events.
 * @cssprop [--care-timeline-chip-pressed-background=#005eb8] - Background of a filter chip that is on.
 * @cssprop [--care-timeline-chip-pressed-color=#ffffff] - Text of a filter chip that is on.
 * @cssprop [--care-color-primary=#005eb8] - Links, chips and the future-appointment mark.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareTimeline extends CareElement {
  static override elementName = 'care-timeline';
  static override styles = styles;

  /** A complete timeline (from `createTimeline`), when the host read the record itself. Takes the place of loading; inside a provider, shown only if it is about the patient in context. */
  @property({ attribute: false }) model: Timeline | undefined;

  /** A timeline that pages in (from `record.timeline()`), when the host opened the record itself. */
  @property({ attribute: false }) timeline: RecordTimeline | undefined;

  /** What the host's `model` left out (withheld items, unavailable sources). */
  @property({ attribute: false }) notices: RecordNotices | undefined;

  /** Who is looking, when there is no provider (inside one, the provider's audience is used): `clinician` (the default) or `resident`. `carer`, or a value the element does not know, shows the resident's view, the one that shows less. */
  @property({ reflect: true }) audience: RecordAudience = 'clinician';

  @state() private settingFilter: readonly CareSetting[] = [];
  @state() private typeFilter: readonly TimelineEventType[] = [];
  @state() private loadingMore = false;
  @state() private moreError: Error | undefined;
  /** Bumped whenever the timeline gains events, so the view is read again. */
  @state() private revision = 0;
  /** The days in the DOM: `[firstDay, lastDay)`. */
  @state() private firstDay = 0;
  @state() private lastDay = 0;
  /** The event that takes Tab into the list (roving tabindex), by `ResourceType/id`. */
  @state() private activeId: string | undefined;

  readonly #task = new RecordTask<RecordTimeline>(this, {
    load: async (record, signal) => {
      // The banner and summary's data first: the timeline's searches would queue it behind them.
      await record.afterPage();
      signal.throwIfAborted();
      const timeline = record.use(readTimeline);
      const { done } = await timeline.loadMore();
      if (done) this.#exhausted.add(timeline.timeline);
      return timeline;
    },
    enabled: () => this.model === undefined && this.timeline === undefined,
    onRecordChange: () => {
      this.#resetForNewRecord();
      this.renderNow();
    },
  });

  #source: Source | undefined;
  /**
   * Events the view must have settled: the timeline reads what was added
   * only as far as the window needs (a first screenful first), and the rest
   * in idle time.
   */
  #wanted = FIRST_EVENTS;
  /** Where each day is: the heights measured, and an estimate for the rest. */
  readonly #layout = new DayLayout();
  /** What an event new to the DOM costs to render here. */
  readonly #cost = new EventCost();
  /** The height (px) of the space above and below the window, as last rendered. */
  #space = { above: 0, below: 0 };
  /** When the background reading last showed what it settled. */
  #shownReading = 0;
  /** Reads what has arrived, beyond the screen, in idle time. */
  readonly #reader = new BackgroundReader(this);
  /** Timelines with nothing more to load. */
  readonly #exhausted = new WeakSet<Timeline>();
  #view: TimelineView | undefined;
  #rows: DayRow[] = [];
  #total = 0;
  /** Each event's place in the whole filtered list, built when first needed (keyboard, focus), not on every render. */
  #index: Map<string, number> | undefined;
  #frame = 0;
  /** The element scrolls the list itself (an update keeping the screen still, a filter going back to the newest): not a jump. */
  #updating = false;
  /**
   * Paper has no scrolling: while printing, every day loaded so far is
   * rendered, and the printout says how much of the timeline it holds.
   * Afterwards the window returns to what was on screen.
   */
  readonly #print = new PrintController(this, {
    layOutAll: () => {
      // Paper shows everything loaded: what is still to be read is read now.
      this.#readAll();
      if (this.#rows.length === 0) return undefined;
      const onScreen = [this.firstDay, this.lastDay] as const;
      this.#setWindow(0, this.#rows.length);
      // The note is new even when every day was already rendered.
      this.requestUpdate();
      this.renderNow();
      return onScreen;
    },
    restore: ([first, last]) => {
      this.#setWindow(Math.min(first, this.#rows.length), Math.min(last, this.#rows.length));
      this.requestUpdate();
    },
  });
  /** Where focus goes after the event that had it left the view. */
  #refocus: number | undefined;
  /** The record changed since the last update: what had focus was of the last record. */
  #newRecord = false;
  /** A new record is to open at its newest events, once its list is shown. */
  #openNewest = false;
  /** Keeps the event with focus, or the day on screen, still while the list changes under it. */
  readonly #screenPlace = new ScreenPlace(this);
  /** Up, Down, Home and End move focus between events, rendering the event first where it is not in the DOM. */
  readonly #keys = new ListKeys(this, {
    total: () => this.#total,
    indexOf: (id) => this.#indexOf(id),
    reveal: (index) => {
      const day = this.#dayOf(index);
      // A day outside the window: the window moves to it (scrolling it into view fits the window to the screen again).
      if (day < this.firstDay || day >= this.lastDay) this.#setWindow(Math.max(0, day - 1), this.#extendDown(day, day + 1));
      const row = this.#rows[day];
      const event = row?.events[index - row.start];
      if (event) this.activeId = event.id;
      return event?.id;
    },
    find: (id) =>
      [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="event-button"]')].find((button) => button.dataset['id'] === id),
    readAll: () => this.#readAll(),
    loadMore: () => void this.#loadMore(),
  });
  /** The host's `timeline` is loading its first page. */
  #hostLoading = false;
  #hostError: Error | undefined;

  /**
   * The notices say the record holds more than can be shown here: items
   * withheld, types the role may not see (a receptionist's), a source that did
   * not answer, or a reader that stopped early. The end of the list is then
   * never "none" or "no earlier events", and a printout never "all recorded".
   */
  get #notAll(): boolean {
    const notices = this.#source?.notices;
    return (
      notices !== undefined &&
      (notices.withheld ||
        (notices.notPermittedTypes ?? []).length > 0 ||
        notices.unavailableSources.length > 0 ||
        (notices.unreadTypes ?? []).length > 0 ||
        notices.truncated === true)
    );
  }

  /** Nothing earlier to load, and everything loaded read. */
  get #done(): boolean {
    const source = this.#source;
    return (
      source !== undefined &&
      (source.loadMore === undefined || this.#exhausted.has(source.timeline)) &&
      (this.#view === undefined || this.#view.pending === 0)
    );
  }

  get #audience(): RecordAudience {
    return elementAudience(this.localName, this.#task.context?.audience, this.audience);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The page may be what scrolls (`--care-timeline-max-height: none`), and a resize changes what fits.
    window.addEventListener('scroll', this.#onScroll, { passive: true });
    window.addEventListener('resize', this.#onScroll, { passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this.#onScroll);
    window.removeEventListener('resize', this.#onScroll);
    cancelAnimationFrame(this.#frame);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('model') || changed.has('timeline')) this.#resetForNewRecord();
    // Another record's event or day (given here, or put in context since the last update) is not where the reader
    // was; paper has no screen.
    this.#screenPlace.note({ keep: !this.#newRecord, days: !this.#print.printing });
    this.#newRecord = false;
    if (changed.has('timeline') && this.timeline && isEmpty(this.timeline.timeline)) void this.#loadFirstHostPage(this.timeline);
    this.#source = this.#currentSource();
    this.#readView();
  }

  #currentSource(): Source | undefined {
    if (this.model) return { timeline: this.model, notices: this.notices, loadMore: undefined };
    const paged = this.timeline ?? this.#task.value;
    if (!paged) return undefined;
    const retry = paged.retryFailed?.bind(paged);
    const retryFailed = retry && (paged.failedTypes ?? []).length > 0 ? retry : undefined;
    return { timeline: paged.timeline, notices: paged.notices, loadMore: () => paged.loadMore(), retryFailed };
  }

  #resetForNewRecord(): void {
    // Focus is not carried from one record to another: an event of the next record is not where the reader was.
    this.#refocus = undefined;
    this.#newRecord = true;
    this.#openNewest = true;
    this.#view = undefined;
    this.#wanted = FIRST_EVENTS;
    this.#reader.cancel();
    this.#rows = [];
    this.#layout.clear();
    this.firstDay = 0;
    this.lastDay = 0;
    this.activeId = undefined;
    this.moreError = undefined;
    this.loadingMore = false;
    this.#hostError = undefined;
  }

  async #loadFirstHostPage(timeline: RecordTimeline): Promise<void> {
    this.#hostLoading = true;
    this.#hostError = undefined;
    this.requestUpdate();
    try {
      const { done } = await timeline.loadMore();
      if (this.timeline !== timeline) return;
      if (done) this.#exhausted.add(timeline.timeline);
      this.revision++;
    } catch (error) {
      if (this.timeline !== timeline) return;
      this.#hostError = error instanceof Error ? error : new Error(String(error));
    } finally {
      if (this.timeline === timeline) {
        this.#hostLoading = false;
        this.requestUpdate();
      }
    }
  }

  /** Reads the view for the filters, and lays it out as days with each event's place in the whole list. */
  #readView(): void {
    const source = this.#source;
    if (!source) {
      this.#view = undefined;
      this.#rows = [];
      return;
    }
    // The event with focus, if this view no longer has it (e.g. folded into its report): focus goes to its place.
    // (Only an event of the list as it was: after a new record, what has focus is of the last one.)
    const focusedButtonId = this.#screenPlace.focused()?.dataset['id'];
    const focusedIndex = focusedButtonId === undefined ? undefined : this.#indexOf(focusedButtonId);
    const focusedId = focusedIndex === undefined ? undefined : focusedButtonId;
    const filters = { settings: this.settingFilter, types: this.typeFilter };
    let view = source.timeline.view(filters, { atLeast: this.#wanted });
    // Events that arrived before the one with focus push it past what was read: more is read until the view holds it
    // again (or everything is read, and it was folded away), so that focus does not move by itself.
    while (focusedId !== undefined && view.pending > 0 && !holds(view, focusedId)) {
      this.#wanted = Math.max(this.#wanted, view.total) * 2;
      view = source.timeline.view(filters, { atLeast: this.#wanted });
    }
    // The same view (the timeline keeps it until something changes) needs no new layout.
    if (view === this.#view) return;
    this.#view = view;
    const words = wordsFor(WORDS, this.#audience, this.#task.context?.actingFor, CARER);
    const rows: DayRow[] = [];
    let start = 0;
    for (const day of view.days) {
      rows.push({ key: day.isoDate, heading: day.date, events: day.events, start });
      start += day.events.length;
    }
    if (view.undated.length > 0) rows.push({ key: '', heading: words.undated, events: view.undated, start });
    const previous = this.#rows;
    const previousTotal = this.#total;
    this.#rows = rows;
    // Days measured before (the same day with the same events, under another filter or before a page arrived) keep
    // their height.
    this.#layout.layOut(rows);
    this.#total = start + view.undated.length;
    this.#index = undefined;
    if (focusedId !== undefined && focusedIndex !== undefined && this.#indexOf(focusedId) === undefined && this.#total > 0) {
      // Its place: the next event after it that is still shown (else the one before), where the reader was.
      const near = (index: number) => {
        const day = previous[dayIn(previous, index)];
        const id = day?.events[index - day.start]?.id;
        return id === undefined ? undefined : this.#indexOf(id);
      };
      let place: number | undefined;
      for (let index = focusedIndex + 1; index < previousTotal && place === undefined; index++) place = near(index);
      for (let index = focusedIndex - 1; index >= 0 && place === undefined; index--) place = near(index);
      this.activeId = undefined;
      this.#refocus = Math.min(place ?? focusedIndex, this.#total - 1);
    }
    if (this.lastDay === 0 || !this.#keepWindow(previous, focusedId)) {
      this.firstDay = Math.min(this.firstDay, Math.max(0, rows.length - 1));
      this.lastDay = this.#extendDown(this.firstDay, this.firstDay, FIRST_EVENTS);
    }
  }

  /**
   * Keeps the same days (and the event that has focus) in the DOM when the
   * rows change under them: a page of one search brings days between those
   * held, or folds observations into their reports, so the window follows
   * the days by date, not by place. `false` when none of them is left.
   */
  #keepWindow(previous: readonly DayRow[], focusedId: string | undefined): boolean {
    const place = (day: number) => {
      const key = previous[day]?.key;
      return key === undefined ? -1 : this.#rows.findIndex((row) => row.key === key);
    };
    // A day of the window may be gone (its only event folded into a report on another day): the days of the window
    // still there mark it (almost always its first and last days themselves, so a search or two).
    let first = -1;
    let last = -1;
    for (let day = this.firstDay; day < this.lastDay && first < 0; day++) first = place(day);
    for (let day = this.lastDay - 1; day >= this.firstDay && last < 0; day--) last = place(day);
    last += 1;
    const keep = focusedId ?? this.activeId;
    const keptIndex = keep === undefined ? undefined : this.#indexOf(keep);
    const kept = keptIndex === undefined ? undefined : this.#dayOf(keptIndex);
    if (first < 0 || last <= first) {
      if (kept === undefined) return false;
      first = kept;
      last = kept + 1;
    }
    if (kept !== undefined && kept < first) first = kept;
    if (kept !== undefined && kept >= last) last = kept + 1;
    this.#setWindow(first, last);
    return true;
  }

  /** Reads everything the timeline holds and lays it out (printing, or going to the oldest event). */
  #readAll(): void {
    if (!this.#view?.pending) return;
    this.#wanted = Number.MAX_SAFE_INTEGER;
    this.#readView();
  }

  #indexOf(id: string): number | undefined {
    if (!this.#index) {
      const index = new Map<string, number>();
      for (const row of this.#rows) row.events.forEach((event, offset) => index.set(event.id, row.start + offset));
      this.#index = index;
    }
    return this.#index.get(id);
  }

  /** Events in days `[from, to)`. */
  #count(from: number, to: number): number {
    const first = this.#rows[from];
    if (!first || to <= from) return 0;
    const end = to < this.#rows.length ? (this.#rows[to] as DayRow).start : this.#total;
    return end - first.start;
  }

  /** The end of a window from `first` that adds at least a chunk of events after `last`. */
  #extendDown(first: number, last: number, events = FIRST_EVENTS): number {
    let end = last;
    while (end < this.#rows.length && this.#count(last, end) < events) end++;
    return Math.max(end, Math.min(first + 1, this.#rows.length));
  }

  /** Shows days `[first, last)` (the next frame fits the window to the screen again). */
  #setWindow(first: number, last: number): void {
    this.firstDay = first;
    this.lastDay = last;
  }

  /**
   * The part of the list on screen, in px from the list's top: inside the
   * scrolling box and inside the window (the page may be what scrolls).
   * Undefined when the list is not laid out (hidden, or not yet rendered).
   */
  #viewport(): { top: number; bottom: number } | undefined {
    const list = this.renderRoot.querySelector('.days');
    const scroller = this.renderRoot.querySelector('.scroller');
    if (!list || !scroller || !list.isConnected) return undefined;
    const frame = scroller.getBoundingClientRect();
    if (frame.height === 0) return undefined;
    // Where the list would start, from where the first day rendered is (the space above may not match the latest measurements yet).
    const origin = list.getBoundingClientRect().top - this.#layout.top(this.firstDay);
    const shown = shownPart(frame);
    return { top: shown.top - origin, bottom: shown.bottom - origin };
  }

  /** The day holding the event at `index` (of the whole filtered list). */
  #dayOf(index: number): number {
    return dayIn(this.#rows, index);
  }

  protected override render() {
    const context = this.#task.context;
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${this.#renderState()}</div>`;
  }

  #renderState(): TemplateResult {
    const audience = this.#audience;
    const words = wordsFor(WORDS, audience, this.#task.context?.actingFor, CARER);
    const hostTimeline = this.timeline;
    const given = this.model ?? hostTimeline?.timeline;
    const wrongPatient = given && wrongPatientModel(this.#task, given.patientId, words.failed, audience);
    if (wrongPatient) return wrongPatient;
    if (!this.model && hostTimeline) {
      if (this.#hostError && isEmpty(hostTimeline.timeline))
        return renderError({
          title: words.failed,
          error: this.#hostError,
          audience,
          onRetry: retryCanHelp(this.#hostError) ? () => void this.#loadFirstHostPage(hostTimeline) : undefined,
        });
      if (this.#hostLoading && isEmpty(hostTimeline.timeline)) return this.#renderLoading(words);
    } else if (!this.model) {
      return renderTask(this.#task, {
        audience,
        idle: () => html`<p class="timeline empty" part="timeline">${words.noPatient}</p>`,
        failed: words.failed,
        loading: () => this.#renderLoading(words),
        ready: () => this.#renderView(audience, words),
      });
    }
    return this.#renderView(audience, words);
  }

  #renderView(audience: RecordAudience, words: Words): TemplateResult {
    const view = this.#view;
    if (!view) return this.#renderLoading(words);
    return html`<section class="timeline" part="timeline" aria-labelledby="timeline-title">
      <h2 class="title" part="title" id="timeline-title">${words.title}</h2>
      ${this.#renderNotices(view, words)}
      ${
        // Scrolling renders only the list: the chips change with the view, the filters and what has loaded.
        guard(
          [
            view,
            audience,
            words,
            this.settingFilter,
            this.typeFilter,
            // What has loaded (the coverage) changes with each page.
            this.revision,
            this.#source?.timeline,
            this.#task.value,
            this.#source !== undefined && this.#exhausted.has(this.#source.timeline),
          ],
          () => this.#renderFilters(view, audience, words),
        )
      }
      ${this.#renderList(audience, words)}
    </section>`;
  }

  #renderLoading(words: Words): TemplateResult {
    return html`<section class="timeline" part="timeline" aria-label=${words.title} aria-busy="true">
      ${renderSkeleton(words.loading, 6)}
    </section>`;
  }

  #renderNotices(view: TimelineView, words: Words): TemplateResult {
    const wrongPatient = view.safetyIssues.some(leftOutForIdentity) ? words.wrongPatient : undefined;
    const retry = this.#source?.retryFailed;
    // Announced as they change (a search that failed while the rest were shown), with "Try again" where it can help.
    return html`<div class="notices" role="status">
        ${noticeLines(this.#source?.notices ?? NO_NOTICES, wrongPatient)}
        ${view.unreadable > 0 ? noticeLines(NO_NOTICES, words.unreadable(view.unreadable)) : nothing}
      </div>
      ${
        retry
          ? html`<p>
              <button
                class="action"
                part="retry-unread"
                type="button"
                ?disabled=${this.loadingMore}
                @click=${() => void this.#retryFailed()}
              >
                ${words.retryUnread}
              </button>
            </p>`
          : nothing
      }`;
  }

  /**
   * How much of the record the counts describe: all of it for a complete
   * `model` or once every page has loaded; otherwise what the record timeline
   * says (a reader that does not say counts nothing as exact). Counts are
   * also of what has been read so far while the timeline is still reading
   * what has loaded (`view.pending`).
   */
  #coverage(): TimelineCoverage {
    const source = this.#source;
    const given = this.timeline ?? this.#task.value;
    // Read to its end, a search that failed or was cut short still leaves its types' counts short of the record.
    const { incompleteTypes, roleLeftOutTypes } = given?.coverage ?? {};
    if (!source?.loadMore || this.#exhausted.has(source.timeline))
      return { ...COMPLETE, ...(incompleteTypes ? { incompleteTypes } : {}), ...(roleLeftOutTypes ? { roleLeftOutTypes } : {}) };
    return given?.coverage ?? UNKNOWN_COVERAGE;
  }

  #renderFilters(view: TimelineView, audience: RecordAudience, words: Words): TemplateResult {
    const coverage = this.#coverage();
    // While the record is not all loaded, a setting or type not seen yet may still be in it: its chip stays.
    // Still reading what has loaded (for a moment): every count is so far, and what is unread may fill any setting.
    const reading = view.pending > 0;
    const settings = CARE_SETTINGS.filter(
      (setting) => !coverage.complete || reading || view.counts.settings[setting] > 0 || this.settingFilter.includes(setting),
    );
    const types = TIMELINE_EVENT_TYPES.filter(
      (type) =>
        coverage.possibleTypes.has(type) ||
        view.pendingTypes.has(type) ||
        view.counts.types[type] > 0 ||
        this.typeFilter.includes(type) ||
        // A type a failed search may hold keeps its chip, which says so: never hidden as if there were none.
        (coverage.incompleteTypes?.has(type) ?? false),
    );
    const incomplete = coverage.incompleteTypes ?? new Set<TimelineEventType>();
    // A type the role was refused is counted as what is shown to the role, never as all there is ("(0)" was "none").
    const forRole = coverage.roleLeftOutTypes ?? new Set<TimelineEventType>();
    const countText = (count: number, exact: boolean, unread = false, refused = false) =>
      refused ? words.notForRole(count) : unread ? words.notAllRead(count) : exact && !reading ? String(count) : words.soFar(count);
    const chip = (label: string, count: string, pressed: boolean, toggle: () => void) =>
      html`<button
        class="chip"
        part=${pressed ? 'chip chip-pressed' : 'chip'}
        type="button"
        aria-pressed=${pressed ? 'true' : 'false'}
        @click=${toggle}
      >
        ${label} <span class="chip-count">(${count})</span>
      </button>`;
    return html`<div class="filters" part="filters">
      <div class="chip-group" role="group" aria-labelledby="settings-label">
        <span class="chip-group-label" id="settings-label">${words.settings}</span>
        ${settings.map((setting) =>
          chip(
            careSettingLabel(setting, audience, this.#task.context?.actingFor),
            // Events a failed search could not give may be in any setting.
            countText(view.counts.settings[setting], coverage.complete, incomplete.size > 0, forRole.size > 0),
            this.settingFilter.includes(setting),
            () => this.#toggleSetting(setting),
          ),
        )}
      </div>
      <div class="chip-group" role="group" aria-labelledby="types-label">
        <span class="chip-group-label" id="types-label">${words.types}</span>
        ${types.map((type) =>
          chip(
            timelineEventTypeLabel(type, audience),
            countText(view.counts.types[type], coverage.complete || coverage.exactTypes.has(type), incomplete.has(type), forRole.has(type)),
            this.typeFilter.includes(type),
            () => this.#toggleType(type),
          ),
        )}
      </div>
      ${
        coverage.complete
          ? nothing
          : html`<p class="counts-note secondary" part="counts-note">${words.countsSoFar(coverage.loaded, coverage.recordTotal)}</p>`
      }
    </div>`;
  }

  #toggleSetting(setting: CareSetting): void {
    const current = this.settingFilter;
    this.settingFilter = current.includes(setting) ? current.filter((item) => item !== setting) : [...current, setting];
    this.#showNewest();
  }

  #toggleType(type: TimelineEventType): void {
    const current = this.typeFilter;
    this.typeFilter = current.includes(type) ? current.filter((item) => item !== type) : [...current, type];
    this.#showNewest();
  }

  #showNewest(): void {
    // A new filter shows the newest matching events first.
    this.#wanted = FIRST_EVENTS;
    this.firstDay = 0;
    this.lastDay = 0;
    this.activeId = undefined;
    // The element's own scroll, the window already reset to the newest: not a jump by script to fit the window to.
    this.#updating = true;
    try {
      this.renderRoot.querySelector('.scroller')?.scrollTo({ top: 0 });
    } finally {
      this.#updating = false;
    }
  }

  #clearFilters(): void {
    this.#wanted = FIRST_EVENTS;
    this.settingFilter = [];
    this.typeFilter = [];
    this.firstDay = 0;
    this.lastDay = 0;
  }

  #renderList(audience: RecordAudience, words: Words): TemplateResult {
    const filtered = this.settingFilter.length > 0 || this.typeFilter.length > 0;
    if (this.#total === 0 && this.#done) {
      // An answer that carried another patient's events, or events that could not be read: the notices say so, and
      // the list never says there are none (theirs may have been the resident's own, misrouted).
      const view = this.#view;
      const notAllShown = view !== undefined && (carriedAnotherPatients(view.safetyIssues) || view.unreadable > 0);
      return html`<div class="empty" part="empty">
        <p>${notAllShown ? NOT_SHOWN_SAFELY_NOTICE : this.#notAll ? words.noneShown : filtered ? words.filteredEmpty : words.empty}</p>
        ${
          filtered
            ? html`<p><button class="link" type="button" @click=${() => this.#clearFilters()}>${words.clearFilters}</button></p>`
            : nothing
        }
      </div>`;
    }
    const rows = this.#rows.slice(this.firstDay, this.lastDay);
    const active = this.activeId !== undefined && this.#isRendered(this.activeId) ? this.activeId : rows[0]?.events[0]?.id;
    const atEnd = this.lastDay >= this.#rows.length;
    // The days above and below the window are space of their height: the scrollbar spans every day read. (Space, not
    // the list's padding: the browser keeps what is on screen still when a sibling above it changes size, not a parent.)
    // Sized in `updated`, through the CSSOM: a style attribute would be refused under a strict Content Security Policy.
    this.#space = { above: this.#layout.top(this.firstDay), below: this.#layout.top(this.#rows.length) - this.#layout.top(this.lastDay) };
    return html`${this.#print.printing ? this.#renderPrintNote(words, filtered) : nothing}
      <div class="scroller" part="list" @scroll=${this.#onScroll}>
        <div class="spacer spacer--above" aria-hidden="true"></div>
        <ol class="days" aria-label=${words.title} @keydown=${this.#keys.onKeydown}>
          ${inPlace(
            rows,
            (row) => row.key,
            (row) =>
              // A day already in the DOM is left alone unless it changed: a step of scrolling renders only the days it adds.
              guard(
                [row, audience, words, row.events.some((event) => event.id === active) ? active : undefined],
                () =>
                  html`<li class="day" part="day" data-day=${row.key}>
                    <h3 class="day-heading" part="day-heading">${row.heading}</h3>
                    <ol class="events">
                      ${inPlace(
                        row.events,
                        (event) => event.id,
                        (event) => this.#renderEvent(event, event.id === active, audience, words),
                      )}
                    </ol>
                  </li>`,
              ),
          )}
        </ol>
        <div class="spacer spacer--below" aria-hidden="true"></div>
        ${atEnd ? this.#renderEnd(words) : nothing}
      </div>`;
  }

  /** On paper only: how much of the timeline the printout holds (all of it, or the latest events back to a date). */
  #renderPrintNote(words: Words, filtered: boolean): TemplateResult {
    const dated = this.#rows.filter((row) => row.key !== '');
    const back = dated.at(-1)?.heading;
    const all = this.#notAll ? words.printedAllShown(this.#total) : words.printedAll(this.#total);
    const text = this.#done || !back ? all : words.printedSome(this.#total, back);
    return html`<p class="print-note" part="print-note">${text}${filtered ? ` ${words.printedFiltered}` : ''}</p>`;
  }

  #renderEnd(words: Words): TemplateResult {
    if (this.moreError) {
      return renderError({
        title: words.failedMore,
        error: this.moreError,
        audience: this.#audience,
        onRetry: retryCanHelp(this.moreError) ? () => void this.#loadMore() : undefined,
      });
    }
    if (this.#done) return html`<p class="status" part="status" role="status">${this.#notAll ? words.noEarlierShown : words.noEarlier}</p>`;
    return html`<p class="status" part="status" role="status" aria-busy=${this.loadingMore ? 'true' : 'false'}>${words.loadingMore}</p>`;
  }

  #renderEvent(event: TimelineEvent, tabbable: boolean, audience: RecordAudience, words: Words): TemplateResult {
    const actingFor = this.#task.context?.actingFor;
    return html`<li
      class="event ${event.future ? 'event--future' : ''} ${event.unreadable ? 'event--unreadable' : ''}"
      part=${event.unreadable ? 'event event-unreadable' : 'event'}
      data-id=${event.id}
    >
      <span class="time">${event.time ?? nothing}</span>
      <div class="event-body">
        <p class="event-heading">
          ${
            event.unreadable
              ? html`${warningIcon}<span class="event-type">${words.unreadableType}</span>`
              : html`<span class="event-type">${EVENT_NAMES[audience][event.type]}</span>`
          }
          ${event.future ? html`<strong class="tag future" part="future">${words.future}</strong>` : nothing}
        </p>
        <p class="event-title">
          <button
            class="link"
            part="event-button"
            type="button"
            tabindex=${tabbable ? 0 : -1}
            data-id=${event.id}
            @click=${() => this.#choose(event)}
            @focus=${() => this.#focusEvent(event.id)}
          >
            ${event.title}
          </button>
        </p>
        ${
          // Placed by when it was recorded, not when it began: said beside the title, so the day is never taken for its onset.
          event.dateNote ? html`<p class="date-note" part="date-note">${event.dateNote}</p>` : nothing
        }
        ${event.detail ? html`<p class="detail">${event.detail}</p>` : nothing}
        <p class="secondary">
          ${
            // What the resident added: its setting ("Added by you") already says who; the source would say it again.
            // What a carer added for them is the carer's: "Added by Aoife O'Connor (carer)", never "you".
            event.setting === 'resident'
              ? html`<span class="setting">${careSettingLabel(event.setting, audience, actingFor)}</span>`
              : event.setting === 'carer' && audience === 'resident'
                ? html`<span class="setting source">${words.addedBy(event.source.name)}</span>`
                : html`<span class="setting">${careSettingLabel(event.setting, audience)}</span>,
                    <span class="source">${isolatedName(sourceName(event.source, audience, actingFor))}</span>`
          }${event.status ? html`, <span class="event-status">${event.status}</span>` : nothing}
        </p>
      </div>
    </li>`;
  }

  #isRendered(id: string): boolean {
    const index = this.#indexOf(id);
    if (index === undefined) return false;
    const day = this.#dayOf(index);
    return day >= this.firstDay && day < this.lastDay;
  }

  #focusEvent(id: string): void {
    if (this.activeId !== id) this.activeId = id;
  }

  #choose(event: TimelineEvent): void {
    const slash = event.id.indexOf('/');
    const id = event.id.slice(slash + 1);
    // An event without an id of its own cannot be opened by the host.
    if (id.startsWith('(no id')) return;
    this.emit('care-select', { resourceType: event.resourceType, id });
  }

  /** "Try again" for the searches that failed while the rest were shown: read them again, and carry on from there. */
  async #retryFailed(): Promise<void> {
    const source = this.#source;
    if (!source?.retryFailed || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const { done } = await source.retryFailed();
      if (this.#source?.timeline !== source.timeline) return;
      if (done) this.#exhausted.add(source.timeline);
      else this.#exhausted.delete(source.timeline);
      this.revision++;
    } catch (error) {
      if (this.#source?.timeline !== source.timeline) return;
      this.moreError = error instanceof Error ? error : new Error(String(error));
      this.#task.report(this.moreError);
    } finally {
      if (this.#source?.timeline === source.timeline) this.loadingMore = false;
    }
  }

  async #loadMore(): Promise<void> {
    const source = this.#source;
    if (!source?.loadMore || this.loadingMore || this.#done) return;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const { done } = await source.loadMore();
      if (this.#source?.timeline !== source.timeline) return;
      if (done) this.#exhausted.add(source.timeline);
      this.revision++;
    } catch (error) {
      if (this.#source?.timeline !== source.timeline) return;
      this.moreError = error instanceof Error ? error : new Error(String(error));
      // A sign-in that ended or a record refused as a whole is the provider's to say, once.
      this.#task.report(this.moreError);
    } finally {
      if (this.#source?.timeline === source.timeline) this.loadingMore = false;
    }
  }

  /** The list, or the page, scrolled (or the window was resized): the window follows, a frame at a time. */
  readonly #onScroll = (): void => {
    this.#reader.scrolled();
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.#place());
  };

  /**
   * Script scrolled the list (a host's control, End handled by the host): the
   * window is fitted to the place scrolled to now, before the browser paints
   * it, not in the frame after, which would show blank space there first.
   */
  readonly #onScriptScroll = (): void => {
    if (this.#updating || this.#print.printing) return;
    this.#reader.scrolled();
    cancelAnimationFrame(this.#frame);
    this.#place(true);
    this.renderNow();
  };

  protected override update(changed: PropertyValues<this>): void {
    this.#updating = true;
    this.#cost.start();
    super.update(changed);
  }

  protected override updated(): void {
    try {
      this.#afterUpdate();
    } finally {
      this.#updating = false;
    }
  }

  #afterUpdate(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (scroller) watchScriptScrolls(scroller, this.#onScriptScroll);
    this.#sizeSpace();
    this.#measure();
    // Where the event with focus left the list, focus goes to the one now at its place.
    const refocus = this.#refocus;
    this.#refocus = undefined;
    this.#screenPlace.restore({ refocusing: refocus !== undefined });
    if (this.#openNewest && !this.#print.printing && this.#screenPlace.showNewest()) this.#openNewest = false;
    if (!this.#print.printing) this.#cost.learn(this.#rows.slice(this.firstDay, this.lastDay));
    this.#coverTop();
    this.#readLater();
    if (refocus !== undefined) void this.#keys.moveTo(refocus);
    cancelAnimationFrame(this.#frame);
    // The next frame fits the window to the screen (the first render shows a screenful; the next fills the rest).
    this.#frame = requestAnimationFrame(() => this.#place());
  }

  /** Gives the space above and below the window the height of the days it stands for. */
  #sizeSpace(): void {
    const size = (selector: string, pixels: number) => {
      const spacer = this.renderRoot.querySelector<HTMLElement>(selector);
      if (spacer && spacer.style.blockSize !== `${pixels}px`) spacer.style.blockSize = `${pixels}px`;
    };
    size('.spacer--above', this.#print.printing ? 0 : this.#space.above);
    size('.spacer--below', this.#print.printing ? 0 : this.#space.below);
  }

  /** Measures the days just rendered (one layout), so the padding for days off screen is right when they leave. */
  #measure(): void {
    if (this.#print.printing) return;
    const days = this.renderRoot.querySelectorAll<HTMLElement>('.days > .day');
    days.forEach((element, offset) => {
      const day = this.firstDay + offset;
      const row = this.#rows[day];
      if (row && row.key === element.dataset['day']) this.#layout.measure(day, row, element);
    });
  }

  /**
   * The top of the screen is never painted blank while days above it are
   * not in the DOM. Days measured shorter than their estimate shorten the
   * list, and where the list is scrolled to its end the browser then pulls
   * the screen up past the first day rendered: the days above it that now
   * show are rendered in this frame (before it is painted), not the next:
   * no more than the screen's height of them.
   */
  #coverTop(): void {
    if (this.#print.printing || this.firstDay === 0) return;
    const viewport = this.#viewport();
    if (!viewport) return;
    const top = this.#layout.top(this.firstDay);
    // A window away from the screen (about to be scrolled to, as End does) is left to the frame that follows.
    if (viewport.top >= top - 1 || top >= viewport.bottom) return;
    this.#setWindow(Math.min(this.firstDay - 1, this.#layout.dayAt(viewport.top)), this.lastDay);
  }

  /**
   * Fits the window to the screen: the days from just above to just below
   * what is on screen. Near the end of what has been read, reads more (or
   * loads the next page). `wholeScreen`: all of the screen now, whatever it
   * costs (a jump by script, before the browser paints it).
   */
  #place(wholeScreen = false): void {
    // Only a list on screen asks for more (not the loading state, nor an error in place of the first page).
    if (!this.isConnected || this.#print.printing || !this.renderRoot.querySelector('.scroller')) return;
    if (this.#rows.length === 0) {
      this.#more();
      return;
    }
    const viewport = this.#viewport();
    if (!viewport) return;
    let first = this.#layout.dayAt(viewport.top - OVERSCAN);
    const needed = Math.min(this.#rows.length, this.#layout.dayAt(viewport.bottom + OVERSCAN) + 1);
    // At least a few screenfuls in the DOM (all of a short timeline, for the browser's find and for screen readers),
    // added a step a frame beyond what the screen needs, so no frame renders many at once.
    let last = needed;
    const grown = this.lastDay > needed && this.firstDay <= first ? this.lastDay : needed;
    const most = this.#extendDown(first, grown, GROW_EVENTS);
    while (last < most && this.#count(first, last) < MIN_EVENTS) last++;
    while (first > 0 && last >= this.#rows.length && this.#count(first, last) < MIN_EVENTS) first--;
    [first, last] = stepWindow({
      wanted: [first, last],
      rendered: [this.firstDay, this.lastDay],
      screen: [this.#layout.dayAt(viewport.top), this.#layout.dayAt(viewport.bottom) + 1],
      count: (from, to) => this.#count(from, to),
      affordable: this.#cost.affordable(STEP_MS),
      most: GROW_EVENTS,
      wholeScreen,
    });
    // The event with focus stays in the DOM while it is near (the rows may change under it as pages arrive).
    const focused = (this.renderRoot as ShadowRoot).activeElement?.closest<HTMLElement>('[data-id]')?.dataset['id'];
    const index = focused === undefined ? undefined : this.#indexOf(focused);
    if (index !== undefined) {
      const day = this.#dayOf(index);
      if (day < first && this.#count(day, first) <= KEEP_FOCUS_EVENTS) first = day;
      else if (day >= last && this.#count(last, day + 1) <= KEEP_FOCUS_EVENTS) last = day + 1;
    }
    if (first !== this.firstDay || last !== this.lastDay) this.#setWindow(first, last);
    else {
      // The padding follows the measurements: only a change of a pixel or more is worth a render.
      const size = (selector: string) =>
        parseFloat((this.renderRoot.querySelector(selector) as HTMLElement | null)?.style.blockSize ?? '') || 0;
      const above = size('.spacer--above');
      const below = size('.spacer--below');
      const end = this.#layout.top(this.#rows.length);
      const top = this.#layout.top(first);
      if (Math.abs(above - top) >= 1 || Math.abs(below - (end - this.#layout.top(last))) >= 1) this.requestUpdate();
    }
    if (viewport.bottom + NEAR >= this.#layout.top(this.#rows.length)) this.#more();
  }

  /** The end of what has been read is near: reads the next chunk of what has arrived, or loads the next page. */
  #more(): void {
    if (this.#view?.pending) {
      if (this.#wanted <= this.#total) {
        this.#wanted = this.#total + CHUNK_EVENTS;
        this.requestUpdate();
      }
    } else if (!this.moreError) void this.#loadMore();
  }

  /** While the timeline has more to read, reads it in idle time, a slice at a time, and shows what it settles. */
  #readLater(): void {
    const timeline = this.#source?.timeline;
    if (!timeline || !this.#view?.pending) return;
    this.#reader.schedule((milliseconds) => {
      if (this.#source?.timeline !== timeline || !this.isConnected) return false;
      const left = timeline.read(milliseconds);
      // Shown when it is all read, when the list's end is on screen, or now and then for the counts; else read on.
      const now = performance.now();
      if (left === 0 || this.lastDay >= this.#rows.length || now - this.#shownReading >= READ_SHOW_MS) {
        this.#shownReading = now;
        this.requestUpdate();
        return false;
      }
      return true;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-timeline': CareTimeline;
  }
}
