import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Days `[first, last)` of a windowed list. */
export type DayWindow = readonly [first: number, last: number];

export interface PrintOptions {
  /**
   * The page is about to print: lay out every day for paper, and return the
   * window to go back to afterwards (or `undefined` when there is nothing to
   * lay out). `printing` is already `true` when the host renders.
   */
  layOutAll(): DayWindow | undefined;
  /** Printing ended: go back to `window`. */
  restore(window: DayWindow): void;
}

/**
 * Paper has no scrolling: while the page prints, a windowed list lays out
 * every day it has loaded, and afterwards goes back to the window the reader
 * had on screen. Listens for the window's `beforeprint` and `afterprint`
 * while the host is on the page.
 */
export class PrintController implements ReactiveController {
  readonly #options: PrintOptions;
  /** While printing: the window to go back to. */
  #saved: DayWindow | undefined;
  /** Set while `layOutAll` runs, so that the host renders for paper in it. */
  #preparing = false;

  constructor(host: ReactiveControllerHost, options: PrintOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Whether the host is laid out for paper. */
  get printing(): boolean {
    return this.#saved !== undefined || this.#preparing;
  }

  hostConnected(): void {
    window.addEventListener('beforeprint', this.#beforePrint);
    window.addEventListener('afterprint', this.#afterPrint);
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeprint', this.#beforePrint);
    window.removeEventListener('afterprint', this.#afterPrint);
  }

  readonly #beforePrint = (): void => {
    this.#preparing = true;
    try {
      const window = this.#options.layOutAll();
      // Printing twice without an `afterprint` between (a second print dialog) keeps the first window on screen.
      if (window) this.#saved ??= window;
    } finally {
      this.#preparing = false;
    }
  };

  readonly #afterPrint = (): void => {
    const saved = this.#saved;
    if (!saved) return;
    this.#saved = undefined;
    this.#options.restore(saved);
  };
}
