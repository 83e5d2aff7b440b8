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

/**
 * Keeps a value in one shape, or nothing (undefined): the desk's view is an allowlist at every depth (R3, reviewer
 * R18), so that words a source writes into an element the desk keeps — an extension inside one, a tag's display, a
 * participant's extension — do not reach them either.
 */
type Keep = (value: unknown) => unknown;
const primitive: Keep = (value) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
const listOf =
  (keep: Keep): Keep =>
  (value) => {
    const kept = Array.isArray(value) ? value.map(keep).filter((item) => item !== undefined) : [];
    return kept.length > 0 ? kept : undefined;
  };
const shaped =
  (fields: Readonly<Record<string, Keep>>): Keep =>
  (value) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const kept: Resource = {};
    for (const [field, keep] of Object.entries(fields)) {
      const one = keep((value as Resource)[field]);
      if (one !== undefined) kept[field] = one;
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  };
/**
 * An identifier's value as the desk is shown it: a reference (a booking number the resident quotes: letters, digits
 * and `-._:/`, no spaces, at most 64), never words — a source that writes the reason there does not tell the desk.
 * Trimmed, as the directory reads one (an ODS code sent as " rsh01" still names its clinic, whose appointments are
 * withheld from the desk by it: dropped, the view would show one the item withholds).
 */
const referenceValue: Keep = (value) =>
  typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9\-._:/]{0,63}$/.test(value.trim()) ? value.trim() : undefined;
const period = shaped({ start: primitive, end: primitive });
const identifier = shaped({ use: primitive, system: primitive, value: referenceValue, period });
const coding = shaped({ system: primitive, version: primitive, code: primitive, display: primitive, userSelected: primitive });
/** A label or tag: its system and code. A tag's display is a source's words (reviewer R18). */
const codeOnly = shaped({ system: primitive, code: primitive });
const concept = shaped({ coding: listOf(coding), text: primitive });
const reference = shaped({ reference: primitive, type: primitive, identifier, display: primitive });
const DESK_EXTENSION_VALUES: Readonly<Record<string, Keep>> = {
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization': shaped({ url: primitive, valueReference: reference }),
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DeliveryChannel': shaped({ url: primitive, valueCode: primitive }),
};
/** Each element the desk keeps (`APPOINTMENT_FOR_THE_DESK`), in its FHIR R4 shape and no deeper. */
const DESK_SHAPES: Readonly<Record<string, Keep>> = {
  resourceType: primitive,
  id: primitive,
  meta: shaped({
    versionId: primitive,
    lastUpdated: primitive,
    source: primitive,
    profile: listOf(primitive),
    security: listOf(codeOnly),
    tag: listOf(codeOnly),
  }),
  implicitRules: primitive,
  language: primitive,
  identifier: listOf(identifier),
  status: primitive,
  cancelationReason: concept,
  serviceCategory: listOf(concept),
  serviceType: listOf(concept),
  specialty: listOf(concept),
  appointmentType: concept,
  priority: primitive,
  description: primitive,
  slot: listOf(reference),
  start: primitive,
  end: primitive,
  minutesDuration: primitive,
  created: primitive,
  patientInstruction: primitive,
  participant: listOf(shaped({ type: listOf(concept), actor: reference, required: primitive, status: primitive, period })),
  requestedPeriod: listOf(period),
  extension: listOf((extension) => {
    const url = (extension as { url?: unknown } | null)?.url;
    return typeof url === 'string' && APPOINTMENT_DESK_EXTENSIONS.has(url) ? DESK_EXTENSION_VALUES[url]?.(extension) : undefined;
  }),
};

/** An appointment's elements for the desk (an allowlist at every depth, so that nothing a source adds reaches them unseen; R3). */
function forTheDesk(resource: Resource): Resource {
  const kept: Resource = {};
  // And the desk's extensions (`APPOINTMENT_DESK_EXTENSIONS`), each in its own shape.
  for (const element of [...APPOINTMENT_FOR_THE_DESK, 'extension']) {
    const one = (DESK_SHAPES[element] ?? (() => undefined))(resource[element]);
    if (one !== undefined) kept[element] = one;
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
