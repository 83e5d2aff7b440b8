/**
 * A scroll set by script (`scrollTop`, `scrollTo`, `scroll`, `scrollBy`: a
 * host's "oldest" control, a test, the End key handled by the host) takes
 * effect at once, but the browser tells of it only with the `scroll` event of
 * the next frame, after it has painted the new place with the DOM of the old
 * one. A windowed list then shows blank space there for a frame. Watching
 * the box's own setters lets the list lay out the place scrolled to in the
 * same task, before that paint.
 */
const METHODS = ['scrollTo', 'scroll', 'scrollBy'] as const;
const watched = new WeakSet<Element>();

/**
 * Calls `scrolled` each time script scrolls `box` (after the scroll, in the
 * same task). The box's reading of its position, and user scrolling (which
 * fires `scroll` as before), are unchanged.
 */
export function watchScriptScrolls(box: HTMLElement, scrolled: () => void): void {
  // Looked up when a box is watched, not when the module loads: a host may import the elements where there is no DOM
  // (server rendering, a Node build step).
  const nativeScrollTop = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop');
  if (watched.has(box) || !nativeScrollTop?.get || !nativeScrollTop.set) return;
  watched.add(box);
  const { get, set } = nativeScrollTop;
  Object.defineProperty(box, 'scrollTop', {
    configurable: true,
    enumerable: true,
    get(this: Element) {
      return get.call(this) as number;
    },
    set(this: Element, value: number) {
      set.call(this, value);
      scrolled();
    },
  });
  for (const name of METHODS) {
    const native = Element.prototype[name] as (this: Element, ...args: unknown[]) => void;
    Object.defineProperty(box, name, {
      configurable: true,
      writable: true,
      value(this: Element, ...args: unknown[]) {
        native.apply(this, args);
        scrolled();
      },
    });
  }
}
