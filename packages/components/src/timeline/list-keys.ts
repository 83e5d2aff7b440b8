import type { ReactiveControllerHost } from 'lit';

export interface ListKeysOptions {
  /** How many items the list holds (loaded and read). */
  total(): number;
  /** The place in the list of the item with `id`. */
  indexOf(id: string): number | undefined;
  /**
   * Puts the item at `index` in the DOM (moving the window to it) and makes
   * it the list's tab stop; returns its id, or `undefined` when there is none.
   */
  reveal(index: number): string | undefined;
  /** The focusable element of the item with `id`, once rendered. */
  find(id: string): HTMLElement | undefined;
  /** End was pressed: whatever has loaded is read first, so the last item is the oldest loaded. */
  readAll(): void;
  /** Down was pressed on the last item: the list may load more. */
  loadMore(): void;
}

/**
 * The keyboard in a windowed list of many items with one tab stop: Up and
 * Down move focus to the item before or after, Home and End to the first
 * and last loaded, whether or not that item is in the DOM yet. The item is
 * rendered first, then focused and scrolled into view. Handle `keydown` on
 * the list with `onKeydown`; the items' focusable elements carry their id as
 * `data-id`.
 */
export class ListKeys {
  readonly #host: ReactiveControllerHost;
  readonly #options: ListKeysOptions;

  constructor(host: ReactiveControllerHost, options: ListKeysOptions) {
    this.#host = host;
    this.#options = options;
  }

  readonly onKeydown = (keyboard: KeyboardEvent): void => {
    const options = this.#options;
    const id = (keyboard.target as HTMLElement | null)?.dataset['id'];
    const total = options.total();
    if (id === undefined || total === 0) return;
    const current = options.indexOf(id) ?? 0;
    let next: number;
    switch (keyboard.key) {
      case 'ArrowDown':
        next = Math.min(current + 1, total - 1);
        if (current === total - 1) options.loadMore();
        break;
      case 'ArrowUp':
        next = Math.max(current - 1, 0);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        options.readAll();
        next = options.total() - 1;
        break;
      default:
        return;
    }
    keyboard.preventDefault();
    void this.moveTo(next);
  };

  /** Renders the item at `index` if it is not, and focuses it. */
  async moveTo(index: number): Promise<void> {
    // The list may change while the DOM catches up (a page arriving, items folded into another): then the item now at
    // that place is the one focused, so focus is never left on nothing.
    for (let attempt = 0; attempt < 3; attempt++) {
      const at = Math.min(index, this.#options.total() - 1);
      if (at < 0) return;
      const id = this.#options.reveal(at);
      if (id === undefined) return;
      await this.#host.updateComplete;
      const element = this.#options.find(id);
      if (element) {
        element.focus();
        element.closest('li')?.scrollIntoView({ block: 'nearest' });
        return;
      }
    }
  }
}
