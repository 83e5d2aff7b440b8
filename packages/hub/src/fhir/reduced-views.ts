/**
 * Reduced views: resource types a viewer reads only part of, element by element (a receptionist reads an
 * Appointment's desk elements, never its reason or notes). A whole item withheld is `visibility.ts`'s business;
 * this module is about the item shown with some of it left out.
 *
 * What a reader of a reduced view observes must depend only on what they can see. The stored version and time
 * move whenever anything in the item changes — a reason added, a note corrected — so a reduced view never carries
 * them: its `meta.versionId` (and so its ETag) is a hash of the view itself, the same for the same view whatever
 * is hidden, and it has no `meta.lastUpdated` or `Last-Modified`. A search that filters or sorts by when an item
 * last changed is refused to such a reader (`refusesLastUpdated`): the store only knows when the whole item did.
 * The view is tagged `SUBSETTED` every time, not only when something was left out: whether an appointment has a
 * reason at all is clinical detail too.
 *
 * What each view keeps is `policy/views.ts`'s (Node-free), so that the visibility rules withhold an item from a
 * reader of a reduced view by what the view shows them, and by nothing it leaves out.
 */
import { createHash } from 'node:crypto';

import { reducedViewTypes, shownBy, viewsReadBy, type ViewReader } from '../policy/views.js';

export { APPOINTMENT_DESK_EXTENSIONS, APPOINTMENT_FOR_THE_DESK, reducedViewTypes } from '../policy/views.js';

type Resource = Record<string, unknown>;

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };

/** Whether this viewer reads every item of this type through a reduced view. */
export const readsReducedView = (viewer: ViewReader | undefined, type: string): boolean => reducedViewTypes(viewer).includes(type);

/**
 * An item as this viewer reads it: the same object when they read the type whole; else its reduced view, tagged
 * `SUBSETTED`, with a version of its own (`viewVersion`) and no time of last change.
 */
export function reducedView(resource: Resource, viewer: ViewReader | undefined): Resource {
  if (!readsReducedView(viewer, String(resource['resourceType']))) return resource;
  const kept = shownBy(viewsReadBy(viewer), resource);
  // The view's own meta (its tags without their words: `views.ts`), not the stored item's.
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = (kept['meta'] as Resource | undefined) ?? {};
  const tags = Array.isArray(meta['tag']) ? (meta['tag'] as { system?: unknown; code?: unknown }[]) : [];
  const others = tags.filter((tag) => !(tag?.system === SUBSETTED.system && tag.code === SUBSETTED.code));
  const unversioned = { ...kept, meta: { ...meta, tag: [...others, SUBSETTED] } };
  return { ...unversioned, meta: { versionId: viewVersion(unversioned), ...(unversioned.meta as Resource) } };
}

/**
 * The version of a view: a hash of its content (keys in order, so that a source's ordering does not count), as a
 * FHIR id (`v` and 32 hex digits). The same view has the same version, whatever else the item holds.
 */
export function viewVersion(view: Resource): string {
  return `v${createHash('sha256').update(canonicalJson(view)).digest('hex').slice(0, 32)}`;
}

/** JSON with every object's keys sorted: one text for one content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((key) => (value as Resource)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Resource)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
