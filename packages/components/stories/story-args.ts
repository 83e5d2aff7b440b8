/**
 * Storybook's controls, applied to the element a story is about. The
 * controls come from the Custom Elements Manifest (attributes, properties and
 * `--care-*` custom properties); stories render their own templates, so this
 * hands whatever a designer changes to every element of the story's tag:
 * custom properties as inline styles, properties the element has as
 * properties, anything else as attributes. Event handlers and unset
 * controls are left alone.
 */
export function applyArgs(root: ParentNode, tag: string | undefined, args: Readonly<Record<string, unknown>>): number {
  if (!tag) return 0;
  let applied = 0;
  for (const element of root.querySelectorAll<HTMLElement>(tag)) {
    for (const [name, value] of Object.entries(args)) {
      if (value === undefined || typeof value === 'function') continue;
      if (name.startsWith('--')) {
        if (value === '' || value === null) element.style.removeProperty(name);
        else element.style.setProperty(name, String(value));
      } else if (name in element) {
        (element as unknown as Record<string, unknown>)[name] = value;
      } else if (value === false || value === null) {
        element.removeAttribute(name);
      } else {
        element.setAttribute(name, value === true ? '' : String(value));
      }
      applied += 1;
    }
  }
  return applied;
}
