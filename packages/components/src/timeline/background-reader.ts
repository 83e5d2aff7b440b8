import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Longest a slice of background work runs, so a frame is never held up for long. */
const SLICE_MS = 6;
/** How long after the last scroll the reader counts as having paused: the work waits for that. */
const SCROLL_PAUSE_MS = 300;
/** The longest an idle callback is left waiting on a busy page. */
const IDLE_TIMEOUT_MS = 200;

/**
 * Does the host's background work — reading what has arrived but is not yet
 * needed on screen — a slice at a time in idle time, and never while the
 * reader scrolls: then the frames are theirs. An idle callback still comes on
 * a busy page (its timeout), and on a slow machine that is scrolling it comes
 * in the middle of the scroll's frames; so a slice waits for a pause of
 * `SCROLL_PAUSE_MS` in the scrolling. Stopped when the host leaves the page.
 */
export class BackgroundReader implements ReactiveController {
  #cancel: (() => void) | undefined;
  /** When the host last scrolled (or its window was resized). */
  #scrolledAt = Number.NEGATIVE_INFINITY;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The reader scrolled: work waits for the next pause. */
  scrolled(): void {
    this.#scrolledAt = performance.now();
  }

  /**
   * Runs `slice` in idle time with the milliseconds it may take, again and
   * again while it returns `true`. Does nothing while work is scheduled.
   */
  schedule(slice: (milliseconds: number) => boolean): void {
    if (this.#cancel) return;
    this.#cancel = whenIdle((milliseconds) => {
      this.#cancel = undefined;
      const quiet = performance.now() - this.#scrolledAt;
      if (quiet < SCROLL_PAUSE_MS) {
        const handle = setTimeout(() => {
          this.#cancel = undefined;
          this.schedule(slice);
        }, SCROLL_PAUSE_MS - quiet);
        this.#cancel = () => clearTimeout(handle);
        return;
      }
      if (slice(milliseconds)) this.schedule(slice);
    });
  }

  /** Drops the work scheduled (another record, or off the page). */
  cancel(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  hostDisconnected(): void {
    this.cancel();
  }
}

/** Runs `work` when the browser is idle (or soon, where it cannot say); returns a cancel. */
function whenIdle(work: (milliseconds: number) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback((deadline) => work(Math.max(1, Math.min(SLICE_MS, deadline.timeRemaining()))), {
      timeout: IDLE_TIMEOUT_MS,
    });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(() => work(SLICE_MS), 0);
  return () => clearTimeout(handle);
}
