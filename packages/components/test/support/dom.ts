/** Reading what a person sees inside an element's shadow DOM. */
import type { LitElement } from 'lit';

/** Whitespace-collapsed text of a node (shadow root included). */
export function text(node: Node | null | undefined): string {
  if (!node) return '';
  const root = node instanceof Element && node.shadowRoot ? node.shadowRoot : node;
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function shadow(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`<${element.localName}> has no shadow root`);
  return element.shadowRoot;
}

export function $(element: Element, selector: string): HTMLElement | null {
  return shadow(element).querySelector<HTMLElement>(selector);
}

export function $$(element: Element, selector: string): HTMLElement[] {
  return [...shadow(element).querySelectorAll<HTMLElement>(selector)];
}

/** Waits for an element and everything inside it to finish rendering. */
export async function settled(...elements: LitElement[]): Promise<void> {
  for (let round = 0; round < 3; round++) await Promise.all(elements.map((element) => element.updateComplete));
}

/**
 * Watches `root` (an element or a shadow root) for elements a render moved:
 * taken out and put back while still in the page, rather than kept in place
 * or added. A moved element loses the browser's scroll anchor and focus.
 * `name` names the elements watched (undefined: not watched); `moved()` gives
 * the names of those moved so far.
 */
export function watchMoves(root: Node, name: (element: HTMLElement) => string | undefined): { moved(): string[]; stop(): void } {
  const moved: string[] = [];
  const note = (records: MutationRecord[]) => {
    for (const record of records)
      for (const node of record.removedNodes) {
        const named = node instanceof HTMLElement && node.isConnected ? name(node) : undefined;
        if (named !== undefined) moved.push(named);
      }
  };
  const observer = new MutationObserver(note);
  observer.observe(root, { childList: true, subtree: true });
  return {
    moved: () => {
      note(observer.takeRecords());
      return moved;
    },
    stop: () => observer.disconnect(),
  };
}

/** The next animation frame. */
export const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Waits until `snapshot` of an element (what it shows, as a string) is the
 * same for three frames running, each after its update: the element has
 * stopped moving. Gives up after 60 frames.
 */
export async function stillFor(element: LitElement, snapshot: () => string): Promise<void> {
  let last = '';
  let still = 0;
  for (let round = 0; round < 60 && still < 3; round++) {
    await frame();
    await element.updateComplete;
    const now = snapshot();
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

/** Resolves when `check` passes, polling each animation frame; fails after `timeout` ms. */
export async function until(check: () => boolean, timeout = 3000, what = 'condition'): Promise<void> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Words that mean a value leaked through unformatted. */
export const BAD_TEXT = /\bundefined\b|\bnull\b|\[object |\bNaN\b/;
