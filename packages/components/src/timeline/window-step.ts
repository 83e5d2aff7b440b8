import type { LayoutDay } from './day-layout.js';

/** Days `[first, last)` of the list. */
export type DayRange = readonly [first: number, last: number];

export interface WindowStep {
  /** The days wanted in the DOM: those on screen and those kept around them. */
  wanted: DayRange;
  /** The days in the DOM now. */
  rendered: DayRange;
  /** The days on screen, as far as the list's measurements say (`[top day, bottom day + 1)`). */
  screen: DayRange;
  /** How many events days `[from, to)` hold. */
  count(from: number, to: number): number;
  /** How many new events this frame can afford to render (at least 1); `Infinity` while the cost is unknown. */
  affordable: number;
  /** Most new events a frame adds beyond the screen. */
  most: number;
  /**
   * The whole screen this frame, whatever it costs (a jump by script, seen
   * before the browser paints it: a frame of it in part would show blank
   * space). What is beyond the screen still comes a step a frame.
   */
  wholeScreen?: boolean;
}

/**
 * The part of the window wanted that this frame renders: what of the window
 * is in the DOM already (when it touches the screen), the days on screen,
 * then new days beyond them (below before above), as many new events as the
 * frame affords (and at most `most` beyond the screen). So a jump (the
 * scrollbar dragged, End) renders the screen in its first frame on a fast
 * machine, from its top over a few frames on a slow one, and no frame lays
 * out a whole window at once. At least one new day is rendered a frame until
 * the screen is covered, whatever it costs; a step may go past what it can
 * afford by the last day it adds on each side.
 */
export function stepWindow({ wanted, rendered, screen, count, affordable, most, wholeScreen = false }: WindowStep): [number, number] {
  const [first, last] = wanted;
  const shownFirst = Math.max(first, screen[0]);
  const shownLast = Math.min(last, Math.max(shownFirst + 1, screen[1]));
  // What is rendered now and still wanted, when it touches the screen (else it is left behind).
  const keptFirst = Math.max(first, rendered[0]);
  const keptLast = Math.min(last, rendered[1]);
  const touches = keptFirst < keptLast && keptFirst <= shownLast && keptLast >= shownFirst;
  let from = touches ? keptFirst : shownFirst;
  let to = touches ? keptLast : shownFirst + 1;
  let added = touches ? 0 : count(from, to);
  const grow = (down: boolean): void => {
    if (down) {
      added += count(to, to + 1);
      to++;
    } else {
      from--;
      added += count(from, from + 1);
    }
  };
  // The screen first, from where the window is towards its far edge.
  while ((to < shownLast || from > shownFirst) && (added === 0 || wholeScreen || added < affordable)) grow(to < shownLast);
  const step = Math.min(affordable, most);
  while (added < step && (to < last || from > first)) {
    if (to < last) grow(true);
    if (added < step && from > first) grow(false);
  }
  return [from, to];
}

/** Fewest events an update must add for its time to say what an event costs. */
const COST_SAMPLE_EVENTS = 4;

/**
 * What an event new to the DOM costs here — rendering, style and layout —
 * learnt from the updates that added enough of them to say, and smoothed.
 * The first render counts: it costs more than later ones (code not yet
 * optimised, the first style), so the first steps are small, not large.
 */
export class EventCost {
  /** Milliseconds an event, smoothed; unknown until measured. */
  #perEvent: number | undefined;
  /** When the current update began. */
  #started = 0;
  /** The days in the DOM after the last update, to count the events the next one adds. */
  #rendered: Set<string> | undefined;

  /** An update begins. */
  start(): void {
    this.#started = performance.now();
  }

  /** The update is rendered and laid out: `days` are the days now in the DOM. */
  learn(days: readonly LayoutDay[]): void {
    const before = this.#rendered;
    this.#rendered = new Set(days.map((day) => day.key));
    let added = 0;
    for (const day of days) if (!before?.has(day.key)) added += day.events.length;
    if (added < COST_SAMPLE_EVENTS) return;
    const sample = (performance.now() - this.#started) / added;
    this.#perEvent = this.#perEvent === undefined ? sample : this.#perEvent * 0.7 + sample * 0.3;
  }

  /** How many new events `milliseconds` of rendering afford (at least 1); `Infinity` while the cost is unknown. */
  affordable(milliseconds: number): number {
    const cost = this.#perEvent;
    return cost === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(milliseconds / cost));
  }
}
