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
 */
import { createHash } from 'node:crypto';

type Resource = Record<string, unknown>;

/** Who reads which types through a reduced view (kind and clinical, as the access policy's viewer says). */
interface ViewReader {
  kind: 'resident' | 'professional' | 'carer';
  clinical: boolean;
}

/**
 * What an appointment is for the desk (FHIR R4 Appointment's administrative elements): who, where, when, what it is
 * called, what the resident is asked to do. Anything else — the reason, comments, the orders and notes behind it, the
 * narrative a source writes from all of these, contained resources, and whatever a source adds — is not.
 */
export const APPOINTMENT_FOR_THE_DESK: ReadonlySet<string> = new Set([
  'resourceType',
  'id',
  'meta',
  'implicitRules',
  'language',
  'identifier',
  'status',
  'cancelationReason',
  'serviceCategory',
  'serviceType',
  'specialty',
  'appointmentType',
  'priority',
  'description',
  'slot',
  'start',
  'end',
  'minutesDuration',
  'created',
  'patientInstruction',
  'participant',
  'requestedPeriod',
]);
/** Extensions that say who booked it and how it is held: for the desk too. */
export const APPOINTMENT_DESK_EXTENSIONS: ReadonlySet<string> = new Set([
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization',
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeliveryChannel',
]);
const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };

/** Each reduced view: whom it is for, the type, and what of an item of that type it keeps. */
const REDUCED_VIEWS: readonly { readers: (viewer: ViewReader) => boolean; type: string; keep: (resource: Resource) => Resource }[] = [
  {
    // A non-clinical role (a receptionist) reads an appointment as the desk needs it (an allowlist, so that nothing a
    // source adds reaches them unseen; R3).
    readers: (viewer) => viewer.kind === 'professional' && !viewer.clinical,
    type: 'Appointment',
    keep: (resource) => {
      const kept: Resource = {};
      for (const [element, value] of Object.entries(resource)) {
        if (element === 'extension' && Array.isArray(value)) {
          const forTheDesk = value.filter((extension: { url?: unknown } | null) => APPOINTMENT_DESK_EXTENSIONS.has(String(extension?.url)));
          if (forTheDesk.length > 0) kept[element] = forTheDesk;
        } else if (APPOINTMENT_FOR_THE_DESK.has(element)) kept[element] = value;
      }
      return kept;
    },
  },
];

/** The types this viewer reads through a reduced view. */
export function reducedViewTypes(viewer: ViewReader | undefined): string[] {
  return viewer === undefined ? [] : REDUCED_VIEWS.filter((view) => view.readers(viewer)).map((view) => view.type);
}

/** Whether this viewer reads every item of this type through a reduced view. */
export const readsReducedView = (viewer: ViewReader | undefined, type: string): boolean => reducedViewTypes(viewer).includes(type);

/**
 * An item as this viewer reads it: the same object when they read the type whole; else its reduced view, tagged
 * `SUBSETTED`, with a version of its own (`viewVersion`) and no time of last change.
 */
export function reducedView(resource: Resource, viewer: ViewReader | undefined): Resource {
  const view =
    viewer === undefined
      ? undefined
      : REDUCED_VIEWS.find((candidate) => candidate.type === resource['resourceType'] && candidate.readers(viewer));
  if (view === undefined) return resource;
  const kept = view.keep(resource);
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = (resource['meta'] as Resource | undefined) ?? {};
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
