/**
 * FHIR modifier extensions (`modifierExtension`): an extension that changes
 * what the element carrying it means — a Condition that is a family member's,
 * a dose that is not to be given. FHIR R4 says a system that does not
 * understand one must not process the element as if it were ordinary. The
 * record readers understand none, so an item carrying one anywhere (on the
 * resource, or in a dosage, a component, a reaction, a contained resource) is
 * never read as ordinary — never an active problem, a current medicine or a
 * known allergy — and never left out either: each reader lists it as one line
 * naming its source and saying it cannot be fully shown, as it lists an item
 * it cannot read (`unreadable.ts`).
 */
import { NOT_KNOWN } from '../format/placeholders.js';
import type { RecordAudience } from './allergies.js';

/** Modifier extensions the readers understand, by URL: none yet. */
const UNDERSTOOD_MODIFIER_EXTENSIONS: ReadonlySet<string> = new Set();

/** How deep into a resource the search goes: deeper than any FHIR resource a record holds nests. */
const MAX_DEPTH = 64;

/** A modifier extension a reader does not understand: one whose URL is not understood, or that has none. */
const isUnknownModifier = (extension: unknown): boolean => {
  const url = typeof extension === 'object' && extension !== null ? (extension as { url?: unknown }).url : undefined;
  return typeof url !== 'string' || !UNDERSTOOD_MODIFIER_EXTENSIONS.has(url.trim());
};

/** Whether `resource` carries, anywhere in it, a modifier extension the readers do not understand. */
export function hasUnknownModifier(resource: unknown): boolean {
  const pending: [value: unknown, depth: number][] = [[resource, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push([item, depth + 1]);
      continue;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'modifierExtension') {
        // A modifier sent as one object rather than a list modifies all the same.
        if ((Array.isArray(inner) ? inner : [inner]).some((extension) => extension !== null && isUnknownModifier(extension))) return true;
      } else pending.push([inner, depth + 1]);
    }
  }
  return false;
}

/** Thrown by a reader for an item it must not read as ordinary; its per-item guard lists the item instead. */
export class NotFullyShownError extends Error {
  constructor() {
    super('An item carries a modifier extension this viewer does not understand');
    this.name = 'NotFullyShownError';
  }
}

/** Throws `NotFullyShownError` when `resource` carries a modifier extension the readers do not understand. */
export function requireUnderstood(resource: unknown): void {
  if (hasUnknownModifier(resource)) throw new NotFullyShownError();
}

/**
 * The line shown for `count` items from one source carrying a modifier
 * extension the viewer does not understand, naming the source (`Not known`:
 * "one of the services"). A clinician can open the source system; a resident
 * (or a carer, who sees her view) cannot, so is told whom to ask.
 */
export function notFullyShownNotice(source: { name: string }, audience: RecordAudience = 'clinician', count = 1): string {
  const named = source.name !== NOT_KNOWN;
  const items = `${count === 1 ? 'One item' : `${count} items`} from ${named ? source.name : 'one of the services'}`;
  if (audience === 'resident')
    return `${items} cannot be fully shown here. To find out more, ask ${named ? source.name : `the service that recorded ${count === 1 ? 'it' : 'them'}`}.`;
  return `${items} ${count === 1 ? 'is' : 'are'} recorded in a way this viewer cannot fully show — see the source system`;
}
