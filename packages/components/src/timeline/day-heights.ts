/**
 * What a day not yet measured is taken to be: `day` px for its heading and
 * spacing, and `event` px for each of its events. Every day's estimate must
 * come to more than 0.
 */
export interface DayEstimate {
  readonly day: number;
  readonly event: number;
}

/**
 * Where each day of the timeline starts, in px from the top of the list: the
 * sum of the heights of the days before it, each as measured or, not yet
 * measured, as estimated from how many events it has.
 *
 * Kept as three Fenwick trees — of the measured heights, of how many days
 * are measured and of how many events those days hold — so that measuring a
 * day, finding where a day starts and finding the day at a place each cost
 * O(log days), and the estimate for the days not yet measured can change
 * without touching them. A record of thousands of days is not walked day by
 * day when it opens or when a frame measures what it rendered.
 */
export class DayHeights {
  /** Days held. */
  readonly length: number;
  /** `#starts[day]`: the events of the days before `day` (so `#starts[length]` is every event). */
  readonly #starts: Float64Array;
  /** Each day's measured height (px); 0 when not measured. */
  readonly #height: Float64Array;
  /** 1-based Fenwick trees of the measured heights, the days measured and their events. */
  readonly #sum: Float64Array;
  readonly #count: Float64Array;
  readonly #events: Float64Array;
  /** The largest power of two not above `length` (where a search down the trees starts). */
  readonly #top: number;

  /**
   * `events[day]` is how many events the day holds; `measured[day]` its
   * height when measured (0 or absent when not).
   */
  constructor(events: ArrayLike<number>, measured?: ArrayLike<number>) {
    const { length } = events;
    this.length = length;
    this.#starts = new Float64Array(length + 1);
    for (let day = 0; day < length; day++) this.#starts[day + 1] = (this.#starts[day] as number) + (events[day] as number);
    this.#height = new Float64Array(length);
    this.#sum = new Float64Array(length + 1);
    this.#count = new Float64Array(length + 1);
    this.#events = new Float64Array(length + 1);
    let top = 1;
    while (top * 2 <= length) top *= 2;
    this.#top = length === 0 ? 0 : top;
    if (!measured) return;
    // Built in one pass: each node passes its total on to its parent.
    for (let day = 0; day < length; day++) {
      const height = measured[day] ?? 0;
      if (!(height > 0)) continue;
      this.#height[day] = height;
      this.#sum[day + 1] = height;
      this.#count[day + 1] = 1;
      this.#events[day + 1] = events[day] as number;
    }
    for (let node = 1; node <= length; node++) {
      const parent = node + (node & -node);
      if (parent > length) continue;
      this.#sum[parent] = (this.#sum[parent] as number) + (this.#sum[node] as number);
      this.#count[parent] = (this.#count[parent] as number) + (this.#count[node] as number);
      this.#events[parent] = (this.#events[parent] as number) + (this.#events[node] as number);
    }
  }

  /** The day's measured height, or 0. */
  measured(day: number): number {
    return this.#height[day] ?? 0;
  }

  /** Records a day's measured height (a height of 0 or less forgets it). */
  set(day: number, height: number): void {
    if (day < 0 || day >= this.length) return;
    const before = this.#height[day] as number;
    const after = height > 0 ? height : 0;
    if (after === before) return;
    this.#height[day] = after;
    const sum = after - before;
    const count = (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    const events = count * ((this.#starts[day + 1] as number) - (this.#starts[day] as number));
    for (let node = day + 1; node <= this.length; node += node & -node) {
      this.#sum[node] = (this.#sum[node] as number) + sum;
      if (count !== 0) {
        this.#count[node] = (this.#count[node] as number) + count;
        this.#events[node] = (this.#events[node] as number) + events;
      }
    }
  }

  /** Where `day` starts (px), each day not measured as `estimate` makes it; `top(length)` is where the list ends. */
  top(day: number, estimate: DayEstimate): number {
    const end = Math.max(0, Math.min(day, this.length));
    let sum = 0;
    let count = 0;
    let events = 0;
    for (let node = end; node > 0; node -= node & -node) {
      sum += this.#sum[node] as number;
      count += this.#count[node] as number;
      events += this.#events[node] as number;
    }
    return sum + (end - count) * estimate.day + ((this.#starts[end] as number) - events) * estimate.event;
  }

  /**
   * The day at `offset` px from the top of the list: the last that starts at
   * or above it (the first day for an offset above the list, the last for one
   * past its end). Every height, and every day's estimate, must be more than 0.
   */
  dayAt(offset: number, estimate: DayEstimate): number {
    let day = 0;
    let at = 0;
    for (let step = this.#top; step > 0; step >>= 1) {
      const node = day + step;
      if (node > this.length) continue;
      const unmeasuredEvents = (this.#starts[node] as number) - (this.#starts[day] as number) - (this.#events[node] as number);
      const through =
        at + (this.#sum[node] as number) + (step - (this.#count[node] as number)) * estimate.day + unmeasuredEvents * estimate.event;
      if (through <= offset) {
        day = node;
        at = through;
      }
    }
    return Math.max(0, Math.min(day, this.length - 1));
  }
}
