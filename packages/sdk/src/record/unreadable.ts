/**
 * Items a view model could not read (a number where words belong, a `null` in
 * a list): each becomes one line naming its source, never a whole section lost
 * and never silence, so "none" is never said of a record that has something.
 */
import { NOT_KNOWN } from '../format/placeholders.js';
import type { RecordAudience } from './allergies.js';
import { hasUnknownModifier, notFullyShownNotice } from './modifier-extensions.js';
import { resourceKey } from './patient-reference.js';
import { sourceOf, type SourceLabel } from './source.js';

export interface UnreadableItem {
  /** `Observation/obs-1`; `(no id)` stands in for a missing id. */
  resource: string;
  /** Who sent it, when that could be read. */
  source: SourceLabel;
  /** It was read, but carries a modifier extension the viewer does not understand (`modifier-extensions.ts`). */
  notFullyShown?: true;
}

/** The source of an item not shown as sent, marked when that is because it cannot be fully shown. */
export type UnreadableSource = SourceLabel & { notFullyShown?: true };

/** The source of an item not shown as sent (`unreadableNotice` says it), marked `notFullyShown` when it carries a modifier extension not understood. */
export function unreadableSource(resource: unknown, organizations: ReadonlyMap<string, string>): UnreadableSource {
  const source = sourceOf(resource, organizations);
  return hasUnknownModifier(resource) ? { ...source, notFullyShown: true } : source;
}

/** What is known of an item that could not be read: its type, id and source, each only when it reads. */
export function unreadableItem(resource: unknown, type: string, organizations: ReadonlyMap<string, string>): UnreadableItem {
  const record = typeof resource === 'object' && resource !== null ? (resource as Record<string, unknown>) : {};
  const id = typeof record['id'] === 'string' ? record['id'] : undefined;
  const meta = record['meta'];
  const source =
    typeof meta === 'object' && meta !== null && typeof (meta as { source?: unknown }).source === 'string'
      ? (meta as { source: string }).source
      : undefined;
  return {
    resource: resourceKey({ resourceType: type, id }),
    source: sourceOf(source === undefined ? undefined : { meta: { source } }, organizations),
    ...(hasUnknownModifier(resource) ? { notFullyShown: true as const } : {}),
  };
}

/**
 * One sentence per source: `One item from Tufnell Green Surgery could not be
 * read`, `3 items from …`; a source that cannot be named is "one of the services".
 */
export function unreadableNotices(items: readonly UnreadableItem[], audience: RecordAudience = 'clinician'): string[] {
  const bySource = new Map<string, { name: string; count: number; notFullyShown: boolean }>();
  for (const item of items) {
    const notFullyShown = item.notFullyShown === true;
    const key = `${item.source.odsCode}\u0000${notFullyShown}`;
    const entry = bySource.get(key) ?? { name: item.source.name, count: 0, notFullyShown };
    entry.count++;
    bySource.set(key, entry);
  }
  return [...bySource.values()].map(({ name, count, notFullyShown }) => {
    if (notFullyShown) return notFullyShownNotice({ name }, audience, count);
    const from = name === NOT_KNOWN ? 'one of the services' : name;
    return `${count === 1 ? 'One item' : `${count} items`} from ${from} could not be read`;
  });
}
