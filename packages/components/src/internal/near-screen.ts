import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface NearScreenOptions {
  /** The elements of the host's shadow root to watch, found again after every update. */
  selector: string;
  /** How near the screen (px, above or below) an element counts as near. */
  margin: number;
  /** Some of the elements came near the screen. */
  near(elements: HTMLElement[]): void;
}

/**
 * Says when elements of the host's shadow root come near the screen, so that
 * what is costly to draw is drawn when the reader is about to see it. Watches
 * the elements that match after each update (those drawn no longer match),
 * and nothing while the host is off the page. Where the browser cannot say
 * (no `IntersectionObserver`), nothing is ever reported: the host draws them
 * some other way (printing, focus).
 */
export class NearScreenController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment; readonly hasUpdated: boolean };
  readonly #options: NearScreenOptions;
  #observer: IntersectionObserver | undefined;

  constructor(
    host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment; readonly hasUpdated: boolean },
    options: NearScreenOptions,
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page: what was watched before it left is watched again.
    if (this.#host.hasUpdated) this.#watch();
  }

  hostUpdated(): void {
    this.#watch();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }

  #watch(): void {
    const elements = this.#host.renderRoot.querySelectorAll<HTMLElement>(this.#options.selector);
    if (elements.length === 0 && !this.#observer) return;
    if (typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        const near = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target as HTMLElement);
        if (near.length > 0) this.#options.near(near);
      },
      { rootMargin: `${this.#options.margin}px 0px` },
    );
    this.#observer.disconnect();
    for (const element of elements) this.#observer.observe(element);
  }
}
