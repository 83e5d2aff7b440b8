/**
 * An access log entry (AuditEvent) as its resident reads it. The log never hides a look (R15): every allowed access
 * that named her is listed. But it names no one and nothing her record keeps from her (R13): an agent whose entry is
 * withheld from her — a carer kept from her (`NOPAT` on their RelatedPerson), someone on another resident's record —
 * is shown as "Someone whose details are not shown", marked with FHIR's data-absent-reason `masked`, with nothing of
 * theirs: no reference, display, identifier, role, `onBehalfOf`, network address or extension. An entity naming an
 * item withheld from her is shown the same way, keeping what was looked at in words (`Record read`).
 *
 * Only what the hub itself can check is shown: an agent or entity is shown by its literal reference, when that is to
 * an item she may read or the directory (R5), and its display. Anything else in an event (a name or identifier with
 * no reference, a network address, a query, an extension, a narrative) is left out: the hub cannot tell whether it
 * names someone kept from her, and writes none of it itself (`policy/audit.ts`). An event shown in part is a partial view, tagged
 * `SUBSETTED` and versioned by what it shows (`withheld-references.ts`).
 */
import type { FhirJson } from '../store/search-parameters.js';
import { StoredJson, type HubStore } from '../store/store.js';
import { canonicalJson } from './reduced-views.js';
import { partialView, targetOf, withheldTargets, type ReferenceReader } from './withheld-references.js';

/** What the resident reads in place of someone whose details are withheld from her. */
export const PERSON_NOT_SHOWN = 'Someone whose details are not shown';
/** What the resident reads in place of an item withheld from her that was looked at. */
export const ITEM_NOT_SHOWN = 'Information that is not shown';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
const masked = (display: string) => ({ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }], display });

/** The elements of an event the resident is shown, as the hub writes them (`policy/audit.ts`). */
const EVENT_ELEMENTS = [
  'resourceType',
  'id',
  'meta',
  'type',
  'subtype',
  'action',
  'period',
  'recorded',
  'outcome',
  'outcomeDesc',
  'purposeOfEvent',
  'agent',
  'source',
  'entity',
];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const referenceOf = (value: unknown): string | undefined => {
  const reference = isObject(value) ? value['reference'] : undefined;
  return typeof reference === 'string' ? reference : undefined;
};

/** A reference shown as the hub checked it: its literal reference and display alone. */
function shownReference(value: Json): Json {
  return {
    reference: value['reference'],
    ...(typeof value['display'] === 'string' ? { display: value['display'] } : {}),
  };
}

/**
 * A `who` the resident may read: a literal reference to what she may read, with its display. The hub names every
 * agent so (`policy/audit.ts`); one with no reference (an identifier or a name alone) could name anyone, unchecked.
 */
function shownWho(who: unknown, withheld: ReadonlySet<string>): Json | undefined {
  const reference = referenceOf(who);
  if (reference === undefined || !isObject(who)) return undefined;
  const target = targetOf(reference);
  return target !== undefined && withheld.has(target) ? undefined : shownReference(who);
}

function shownAgent(agent: unknown, withheld: ReadonlySet<string>): Json {
  const object = isObject(agent) ? agent : {};
  const requestor = typeof object['requestor'] === 'boolean' ? { requestor: object['requestor'] } : {};
  const who = shownWho(object['who'], withheld);
  const onBehalfOf = object['onBehalfOf'] === undefined ? {} : shownWho(object['onBehalfOf'], withheld);
  if (who === undefined || onBehalfOf === undefined) return { who: masked(PERSON_NOT_SHOWN), ...requestor };
  return {
    ...(object['type'] !== undefined ? { type: object['type'] } : {}),
    ...(object['role'] !== undefined ? { role: object['role'] } : {}),
    who,
    ...(object['onBehalfOf'] !== undefined ? { onBehalfOf } : {}),
    ...requestor,
    ...(object['purposeOfUse'] !== undefined ? { purposeOfUse: object['purposeOfUse'] } : {}),
  };
}

function shownEntity(entity: unknown, withheld: ReadonlySet<string>): Json {
  const object = isObject(entity) ? entity : {};
  const kept = Object.fromEntries(
    ['type', 'role', 'description'].flatMap((key) => (object[key] === undefined ? [] : [[key, object[key]]])),
  );
  if (object['what'] === undefined) return kept;
  const what = shownWho(object['what'], withheld);
  return { what: what ?? masked(ITEM_NOT_SHOWN), ...kept };
}

/** The references an event's agents and entities name, as targets to check. */
function targetsOf(event: FhirJson): Set<string> {
  const targets = new Set<string>();
  const add = (value: unknown) => {
    const target = targetOf(referenceOf(value) ?? '');
    if (target !== undefined) targets.add(target);
  };
  for (const agent of Array.isArray(event['agent']) ? (event['agent'] as unknown[]) : [])
    if (isObject(agent)) {
      add(agent['who']);
      add(agent['onBehalfOf']);
    }
  for (const entity of Array.isArray(event['entity']) ? (event['entity'] as unknown[]) : []) if (isObject(entity)) add(entity['what']);
  return targets;
}

/** Her own Patient entity, which the log is read by (`handlers.ts` `ownEntities` has left only hers). */
function residentOf(event: FhirJson): string | undefined {
  for (const entity of Array.isArray(event['entity']) ? (event['entity'] as unknown[]) : []) {
    const reference = isObject(entity) ? referenceOf(entity['what']) : undefined;
    if (reference?.startsWith('Patient/')) return reference.slice('Patient/'.length);
  }
  return undefined;
}

/** One event as the resident reads it, given what of it is withheld from her: itself when it shows all it holds. */
function asResidentReads(event: FhirJson, withheld: ReadonlySet<string>): FhirJson {
  const view: Json = {};
  for (const key of EVENT_ELEMENTS) {
    const value = event[key];
    if (value === undefined) continue;
    if (key === 'agent' && Array.isArray(value)) view[key] = value.map((agent) => shownAgent(agent, withheld));
    else if (key === 'entity' && Array.isArray(value)) view[key] = value.map((entity) => shownEntity(entity, withheld));
    else if (key === 'source') view[key] = shownSource(value);
    else view[key] = value;
  }
  return canonicalJson(view) === canonicalJson(event) ? event : partialView(view as FhirJson);
}

/** The observer: the hub's own words (a site and a display), never a reference or identifier a source sent. */
function shownSource(source: unknown): Json {
  const object = isObject(source) ? source : {};
  const observer = isObject(object['observer']) ? object['observer'] : {};
  const named = observer['reference'] !== undefined || observer['identifier'] !== undefined;
  return {
    ...(typeof object['site'] === 'string' ? { site: object['site'] } : {}),
    observer: named ? masked(ITEM_NOT_SHOWN) : typeof observer['display'] === 'string' ? { display: observer['display'] } : {},
    ...(object['type'] !== undefined ? { type: object['type'] } : {}),
  };
}

/**
 * These items, each AuditEvent as the resident reads it (above); any other item as it is, the same object. The
 * targets each resident's events name are read in one lookup. Professionals and carers never read access logs (R10,
 * R16), so the reader is the resident whose log it is.
 */
export async function accessLogAsResidentReads<T extends FhirJson | StoredJson>(
  items: readonly T[],
  reader: ReferenceReader,
  store: HubStore,
): Promise<(T | FhirJson | StoredJson)[]> {
  const events = items.flatMap((item, index) => {
    const type = item instanceof StoredJson ? item.type : item['resourceType'];
    return type === 'AuditEvent' ? [{ index, event: item instanceof StoredJson ? item.resource : (item as FhirJson) }] : [];
  });
  if (events.length === 0) return [...items];
  // Each event against its resident's record (a search of the log is of no one compartment): hers, as only she reads it.
  const byResident = new Map<string | undefined, { index: number; event: FhirJson }[]>();
  for (const entry of events) {
    const patientId = reader.patientId ?? residentOf(entry.event);
    byResident.set(patientId, [...(byResident.get(patientId) ?? []), entry]);
  }
  const answered: (T | FhirJson | StoredJson)[] = [...items];
  for (const [patientId, entries] of byResident) {
    const targets = new Set(entries.flatMap(({ event }) => [...targetsOf(event)]));
    const withheld = await withheldTargets(targets, { ...reader, patientId }, store);
    for (const { index, event } of entries) {
      const view = asResidentReads(event, withheld);
      const item = items[index];
      if (view === event || item === undefined) continue;
      answered[index] = item instanceof StoredJson ? new StoredJson(item.type, item.id, JSON.stringify(view), view) : view;
    }
  }
  return answered;
}
