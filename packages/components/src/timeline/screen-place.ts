import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The part of the list's box (`box`, as the viewport has it) that is on screen: cut to the window, never upside down. */
export function shownPart(box: DOMRect): { top: number; bottom: number } {
  const top = Math.max(box.top, 0);
  return { top, bottom: Math.max(top, Math.min(box.bottom, window.innerHeight)) };
}

/** What the reader was looking at when an update began. */
interface Before {
  /** The event button with focus, where it was (px from the top of the list's box on screen), and whether it showed. */
  focus: { button: HTMLElement; top: number; shown: boolean } | undefined;
  /** The first day on screen and where it was. */
  day: { key: string; top: number } | undefined;
}

/**
 * Keeps what the reader is looking at still while a windowed list changes
 * under it, and never leaves focus on nothing. Noted before each update
 * (`note`), put back after it (`restore`), in one scroll at most:
 *
 * - the event with focus, when it showed: events that arrived above it
 *   would move it (the browser keeps the top of the screen still, not the
 *   focus), so the screen follows it;
 * - else the first day on screen: days measured, added or removed above it
 *   would move it. The browser's scroll anchoring is not left to do this:
 *   the list's days and spaces are `overflow-anchor: none`, so the browser
 *   anchors on the list's box as a whole, which keeps it still when the
 *   host's content above it changes. Some browsers have no anchoring (Safari
 *   before 27), a host may turn it off, and where it works it chose its own
 *   anchor inside the list while the window filled in after a jump, and the
 *   screen moved by a day heading's height. Moves under half a pixel are not
 *   scrolled but carried to the next update, so many small steps on a slow
 *   machine do not add up.
 *
 * An update can take focus from the event that had it: its row was moved
 * (a moved element loses focus), and focus returns to it; or the window
 * left it (the reader scrolled far away), and focus goes to the first
 * event on screen, which is where Tab would bring them back.
 *
 * The host's shadow root holds `.scroller` (the list's box), `.days` (the
 * list: `.day` items with `data-day`) and `.spacer--above`; its event
 * buttons have the part `event-button`.
 */
export class ScreenPlace implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment };
  #before: Before | undefined;
  /** What the last update left unscrolled (under half a pixel) of keeping `key` still, carried to the next. */
  #owed: { key: string; pixels: number } | undefined;

  constructor(host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment }) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#owed = undefined;
  }

  /** The event button with focus, if one has it. */
  focused(): HTMLElement | undefined {
    const active = this.#root()?.activeElement;
    return active instanceof HTMLElement && active.matches('[part~="event-button"]') ? active : undefined;
  }

  /**
   * Notes what the reader is looking at, as an update begins. A new record
   * has nothing of the last one's to keep (`keep: false`), and paper has no
   * screen (`days: false`).
   */
  note({ keep, days }: { keep: boolean; days: boolean }): void {
    if (!keep) {
      this.#before = undefined;
      this.#owed = undefined;
      return;
    }
    const button = this.focused();
    // Where it was (a layout already done for the last frame, so cheap to read).
    const top = button ? this.#fromListTop(button) : 0;
    this.#before = {
      focus: button ? { button, top, shown: this.#onScreen(top) } : undefined,
      day: days ? this.#dayOnScreen() : undefined,
    };
  }

  /**
   * After the update: focus back on an event, and what the reader looked at
   * back where it was. `refocusing` when the host moves focus itself (the
   * event that had it left the list, and focus goes to the one now at its
   * place).
   */
  restore({ refocusing }: { refocusing: boolean }): void {
    const before = this.#before;
    this.#before = undefined;
    if (!before) return;
    const root = this.#root();
    const { day } = before;
    const focus = refocusing ? undefined : before.focus;
    if (focus && root && !root.activeElement) {
      if (focus.button.isConnected) focus.button.focus({ preventScroll: true });
      else this.#focusFirstOnScreen();
    }
    if (focus?.shown && root?.activeElement === focus.button) {
      this.#owed = undefined;
      this.#scrollBy(this.#fromListTop(focus.button) - focus.top, 1);
      return;
    }
    const element = day && [...this.#days()].find((item) => item.dataset['day'] === day.key);
    if (!day || !element) {
      this.#owed = undefined;
      return;
    }
    const pixels = element.getBoundingClientRect().top - day.top + (this.#owed?.key === day.key ? this.#owed.pixels : 0);
    // What the scroll did not take, under half a pixel or what rounding to the device's pixels left, is owed; not
    // what the end of the scroll range held back (that is not a drift, and paying it later would jump).
    const left = pixels - this.#scrollBy(pixels, 0.5);
    this.#owed = Math.abs(left) < 1 ? { key: day.key, pixels: left } : undefined;
  }

  /**
   * Opens a new record at its newest events: the list's own box back to its
   * top or, where the page scrolls the list and the list's top is above the
   * screen, the page back to the list's top (minding the host's
   * `scroll-padding`). Where the last record was scrolled to means nothing in
   * the next one, and its newest events must not be left above the screen.
   * `false` while the list is not shown (the next record is still loading).
   */
  showNewest(): boolean {
    const scroller = this.#query('.scroller');
    if (!scroller) return false;
    if (scroller.scrollHeight > scroller.clientHeight + 1) {
      if (scroller.scrollTop !== 0) scroller.scrollTop = 0;
    } else if (scroller.getBoundingClientRect().top < 0) scroller.scrollIntoView({ block: 'start' });
    return true;
  }

  #root(): ShadowRoot | undefined {
    return this.#host.renderRoot as ShadowRoot | undefined;
  }

  #query<E extends Element = HTMLElement>(selector: string): E | null {
    return this.#host.renderRoot.querySelector<E>(selector);
  }

  #days(): NodeListOf<HTMLElement> {
    return this.#host.renderRoot.querySelectorAll<HTMLElement>('.days > .day');
  }

  #focusFirstOnScreen(): void {
    const top = Math.max(this.#query('.scroller')?.getBoundingClientRect().top ?? 0, 0);
    const onScreen = [...this.#host.renderRoot.querySelectorAll<HTMLElement>('[part~="event-button"]')].find(
      (item) => item.getBoundingClientRect().bottom > top,
    );
    onScreen?.focus({ preventScroll: true });
  }

  /** Where `element` is, in px from the top of the list's box (or of the window, when that is lower). */
  #fromListTop(element: HTMLElement): number {
    const box = this.#query('.scroller')?.getBoundingClientRect();
    return element.getBoundingClientRect().top - Math.max(box?.top ?? 0, 0);
  }

  /** Whether `top` (px from the top of the list's box on screen, as `#fromListTop`) is inside the part on screen. */
  #onScreen(top: number): boolean {
    const box = this.#query('.scroller')?.getBoundingClientRect();
    if (!box) return false;
    const shown = shownPart(box);
    return top >= 0 && top < shown.bottom - shown.top;
  }

  /**
   * Scrolls what scrolls the list — its own box, or the page when the list
   * has no height of its own — by a move of at least `least` px. Returns how
   * far it scrolled (0 for less than `least`).
   */
  #scrollBy(pixels: number, least: number): number {
    const scroller = this.#query('.scroller');
    if (!scroller || Math.abs(pixels) < least) return 0;
    if (scroller.scrollHeight > scroller.clientHeight + 1) {
      const from = scroller.scrollTop;
      scroller.scrollTop += pixels;
      return scroller.scrollTop - from;
    }
    const from = window.scrollY;
    window.scrollBy(0, pixels);
    return window.scrollY - from;
  }

  /** The first day on screen and where it is, when part of the list is above the screen (else nothing above can move it). */
  #dayOnScreen(): { key: string; top: number } | undefined {
    const scroller = this.#query('.scroller');
    const spacer = this.#query('.spacer--above');
    if (!scroller || !spacer) return undefined;
    const { top, bottom } = shownPart(scroller.getBoundingClientRect());
    if (spacer.getBoundingClientRect().top >= top) return undefined;
    for (const day of this.#days()) {
      const rect = day.getBoundingClientRect();
      if (rect.top >= bottom) return undefined;
      if (rect.bottom > top) return { key: day.dataset['day'] ?? '', top: rect.top };
    }
    return undefined;
  }
}
