/**
 * What each reader of a reduced view is shown of a type: the elements, no more. `fhir/reduced-views.ts` makes the
 * view a reader is sent from this (tagged, versioned by what it shows); `visibility.ts` withholds an item from such a
 * reader by what this shows them and nothing else, so that whether they are sent an item never tells them anything
 * about what they cannot see.
 *
 * No Node imports: `visibility.ts` uses this module in the stories' in-browser hub.
 */

type Resource = Record<string, unknown>;

/** Who reads which types through a reduced view (kind and clinical, as the access policy's viewer says). */
export interface ViewReader {
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

/** An appointment's elements for the desk (an allowlist, so that nothing a source adds reaches them unseen; R3). */
function forTheDesk(resource: Resource): Resource {
  const kept: Resource = {};
  for (const [element, value] of Object.entries(resource)) {
    if (element === 'extension' && Array.isArray(value)) {
      const extensions = value.filter((extension: { url?: unknown } | null) => APPOINTMENT_DESK_EXTENSIONS.has(String(extension?.url)));
      if (extensions.length > 0) kept[element] = extensions;
    } else if (APPOINTMENT_FOR_THE_DESK.has(element)) kept[element] = value;
  }
  return kept;
}

/**
 * The readers who read some types through a reduced view, each by a name (the stores keep an item's labels as each
 * of them sees it under it: `visibility.ts`), with what they are shown of each such type.
 */
export const VIEW_READERS: readonly {
  name: string;
  readers: (viewer: ViewReader) => boolean;
  types: ReadonlyMap<string, (resource: Resource) => Resource>;
}[] = [
  // A non-clinical role (a receptionist) reads an appointment as the desk needs it.
  {
    name: 'desk',
    readers: (viewer) => viewer.kind === 'professional' && !viewer.clinical,
    types: new Map([['Appointment', forTheDesk]]),
  },
];

/** The name of the reduced views this viewer reads, if they read any. */
export function viewsReadBy(viewer: ViewReader | undefined): string | undefined {
  return viewer === undefined ? undefined : VIEW_READERS.find((views) => views.readers(viewer))?.name;
}

/** The types this viewer reads through a reduced view. */
export function reducedViewTypes(viewer: ViewReader | undefined): string[] {
  const name = viewsReadBy(viewer);
  return [...(VIEW_READERS.find((views) => views.name === name)?.types.keys() ?? [])];
}

/**
 * The elements of an item that the readers of these views are shown (the same object when they read its type
 * whole): what `reduced-views.ts` sends them, before it is tagged and versioned.
 */
export function shownBy(views: string | undefined, resource: Resource): Resource {
  const keep = VIEW_READERS.find((candidate) => candidate.name === views)?.types.get(String(resource['resourceType']));
  return keep === undefined ? resource : keep(resource);
}
