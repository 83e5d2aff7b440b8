/**
 * What a story's `play` function does to an element, the way a resident
 * would: choose, type, press, and wait to see the answer. The elements render
 * into shadow roots, so these reach inside them.
 */

/** Waits until `find` gives something (polling every 50 ms), or fails after `timeout` ms saying what never appeared. */
export async function until<T>(find: () => T | null | undefined | false, what: string, timeout = 8_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() - started > timeout) throw new Error(`Never appeared: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The shadow root of the first `tag` in the story, once it has rendered `ready` (a selector inside it). */
export function shadowOf(canvas: HTMLElement, tag: string, ready: string): Promise<ShadowRoot> {
  return until(() => {
    const root = canvas.querySelector(tag)?.shadowRoot;
    return root?.querySelector(ready) ? root : undefined;
  }, `${tag} ${ready}`);
}

/** Clicks the element `selector` finds, once it is there. */
export async function press(root: ShadowRoot, selector: string): Promise<void> {
  (await until(() => root.querySelector<HTMLElement>(selector), selector)).click();
}

/** Types `value` into the text box `selector` finds, as if typed. */
export async function type(root: ShadowRoot, selector: string, value: string): Promise<void> {
  const input = await until(() => root.querySelector<HTMLInputElement>(selector), selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Waits until the text of what `selector` finds includes `text`. */
export function untilText(root: ShadowRoot, selector: string, text: string): Promise<Element> {
  return until(
    () => [...root.querySelectorAll(selector)].find((element) => element.textContent?.includes(text)),
    `${selector} saying “${text}”`,
  );
}
