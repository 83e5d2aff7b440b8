import { DayHeights, type DayEstimate } from './day-heights.js';

/** A day of the list: its key (the ISO date, or empty for undated events) and its events. */
export interface LayoutDay {
  readonly key: string;
  readonly events: { readonly length: number };
}

/** Days measured for the estimate of the height of those not yet seen. */
const ESTIMATE_FROM = 30;
/** A day's height (px) before any has been measured. */
const FIRST_ESTIMATE: DayEstimate = { day: 150, event: 0 };
/** Nothing measured yet. */
const NOTHING_MEASURED = { days: 0, events: 0, headings: 0, eventsHeight: 0 };

/** What a day's measured height is kept under: the day and how many events it shows (a filter changes that). */
const heightKey = (day: LayoutDay) => `${day.key}:${day.events.length}`;

/**
 * Where each day of a windowed list is, in px from the list's top: the
 * heights of the days measured as they were rendered, and an estimate for
 * the days not yet seen. A day keeps its height when the list is laid out
 * again (another filter, a page arriving) while it shows the same events.
 */
export class DayLayout {
  /** Each day's measured height (px), by day and number of events. */
  readonly #heights = new Map<string, number>();
  /**
   * The first days measured, for the estimate of those not yet: how many, their events, and the height of their
   * headings and of their events (each summed).
   */
  #measured = NOTHING_MEASURED;
  /** What a day not yet measured is taken to be (`#fitEstimate`). */
  #estimate: DayEstimate = FIRST_ESTIMATE;
  /** Each day's measured height (0 when it has not been on screen with these events), and where each day starts. */
  #days = new DayHeights([]);

  /** Forgets every height: another record. */
  clear(): void {
    this.#heights.clear();
    this.#measured = NOTHING_MEASURED;
    this.#estimate = FIRST_ESTIMATE;
    this.#days = new DayHeights([]);
  }

  /** Lays out `days` afresh, each at the height measured before for the same day with the same events. */
  layOut(days: readonly LayoutDay[]): void {
    // A new record has no heights, and its thousands of days are not looked up one by one.
    let measured: Float64Array | undefined;
    if (this.#heights.size > 0) {
      const heights = new Float64Array(days.length);
      days.forEach((day, index) => (heights[index] = this.#heights.get(heightKey(day)) ?? 0));
      measured = heights;
    }
    this.#days = new DayHeights(
      days.map((day) => day.events.length),
      measured,
    );
  }

  /** Where day `day` starts (px); `top(length)` is where the list ends. */
  top(day: number): number {
    return this.#days.top(day, this.#estimate);
  }

  /** The day at `offset` px from the top of the list (the last day for an offset past the end). */
  dayAt(offset: number): number {
    return this.#days.dayAt(offset, this.#estimate);
  }

  /**
   * Takes the height of `element`, the rendered `day` at `index` of the
   * layout (its `.events` list holds its events). Reads layout: call it
   * after the render, where the browser has laid the days out anyway.
   */
  measure(index: number, day: LayoutDay, element: HTMLElement): void {
    // The exact (fractional) height: a rounded one would move every day below by a fraction of a pixel as the window moves.
    const height = element.getBoundingClientRect().height;
    const before = this.#days.measured(index);
    if (height === 0 || before === height) return;
    if (before === 0 && this.#measured.days < ESTIMATE_FROM) {
      // Its events' part of its height, and the rest (the heading): layout is done, so this read costs no more.
      const eventsHeight = element.querySelector('.events')?.getBoundingClientRect().height ?? 0;
      const sums = this.#measured;
      this.#measured = {
        days: sums.days + 1,
        events: sums.events + day.events.length,
        headings: sums.headings + Math.max(0, height - eventsHeight),
        eventsHeight: sums.eventsHeight + eventsHeight,
      };
      this.#estimate = this.#fitEstimate();
    }
    this.#days.set(index, height);
    this.#heights.set(heightKey(day), height);
  }

  /**
   * The height of a day not yet measured, from the first days measured
   * (settled after a few, so that the space for thousands of days not yet
   * seen does not change with every day measured): their average heading,
   * and their average event times its events. A day's height is mostly its
   * events, and the newest days, measured first, are seldom typical (today
   * has one event, a day in hospital twenty): an average a day would move
   * the end of the list by tens of thousands of pixels as more are measured.
   */
  #fitEstimate(): DayEstimate {
    const { days, events, headings, eventsHeight } = this.#measured;
    if (days === 0) return FIRST_ESTIMATE;
    // Either part may be 0 (a host may hide the events, or style away the headings); a day measured is never 0 px.
    const estimate = { day: headings / days, event: events > 0 ? eventsHeight / events : 0 };
    return estimate.day + estimate.event > 0 ? estimate : FIRST_ESTIMATE;
  }
}
