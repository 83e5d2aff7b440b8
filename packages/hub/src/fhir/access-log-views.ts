/**
 * An access log entry (AuditEvent) as its resident reads it. The log never hides a look (R15): every allowed access
 * that named her is listed. But it names no one and nothing her record keeps from her (R13): an agent whose entry is
 * withheld from her — a carer kept from her (`NOPAT` on their RelatedPerson), someone on another resident's record —
 * is shown as "Someone whose details are not shown", marked with FHIR's data-absent-reason `masked`, with nothing of
 * theirs: no reference, display, identifier, role, `onBehalfOf`, network address or extension. An entity naming an
 * item withheld from her is shown the same way, keeping what was looked at in words (`Record read`).
 *
 * Only what the hub itself wrote or can check is shown: an agent or entity is shown by its literal reference, when
 * that is spelled as the hub spells one (`Type/id`, nothing before or after), is in this hub, and is to an item she
 * may read or the directory (R5), with its display; any other reference (a trailing slash, a query, a fragment, a
 * lower-case type, `#contained`, `urn:uuid:`, something not here) is masked. Free text is shown only in the hub's own
 * words (`policy/audit.ts`): a purpose's code from the ones it writes with its display, an emergency's reason, a role
 * it knows, what was looked at (`Observation read`, `Record summary`) beside a `what` shown. Anything else in an event
 * (a name or identifier with no reference, an agent's name, a network address, a query, an extension, a narrative,
 * an `outcomeDesc`) is left out: the hub cannot tell whether it names someone kept from her. A look by someone not
 * shown has a purpose that is masked too: `FAMRQT` would say a carer looked, `TREAT` a professional. An event shown
 * in part is a partial view, tagged `SUBSETTED` and versioned by what it shows (`withheld-references.ts`).
 */
import { directoryTypes } from '../policy/access-policy.js';
import { HUB_AUDIT_SOURCE } from '../policy/audit.js';
import { searchDefinitions, type FhirJson } from '../store/search-parameters.js';
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

/** A reference as the hub writes one (`policy/audit.ts`): `Type/id`, or a version of it, and nothing else. */
const HUB_REFERENCE = /^[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64}(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The `Type/id` a reference names when it is spelled as the hub spells one; else undefined (it cannot be checked). */
const checkableOf = (reference: string | undefined): string | undefined =>
  reference !== undefined && HUB_REFERENCE.test(reference) ? reference.split('/').slice(0, 2).join('/') : undefined;

/** What of an event's references the hub found: those in this hub, and of them those withheld from her. */
interface Checked {
  found: ReadonlySet<string>;
  withheld: ReadonlySet<string>;
  /**
   * Whether the hub wrote the event itself (`HUB_AUDIT_SOURCE`): then a professional or organisation it names is
   * whom a verified sign-in said, in the directory or not (a GP from an identity provider the hub trusts), and is shown.
   */
  byHub: boolean;
}

/**
 * A `who` the resident may read: a literal reference, spelled as the hub spells one, to something in this hub she may
 * read, with its display. The hub names every agent so (`policy/audit.ts`); one with no reference (an identifier or a
 * name alone), or one the hub cannot resolve as written, could name anyone, unchecked.
 */
function shownWho(who: unknown, checked: Checked): Json | undefined {
  const target = checkableOf(referenceOf(who));
  if (target === undefined || !isObject(who) || checked.withheld.has(target)) return undefined;
  const vouched = checked.byHub && directoryTypes.has(target.split('/')[0] ?? '');
  return checked.found.has(target) || vouched ? shownReference(who) : undefined;
}

/** Roles the hub names an agent by (the roles sign-in gives, a carer): any other role text is a source's words. */
const HUB_ROLES: ReadonlySet<string> = new Set([
  'gp',
  'doctor',
  'consultant',
  'nurse',
  'social-worker',
  'receptionist',
  'pharmacist',
  'psychiatrist',
  'resident',
  'carer',
]);

/** An agent's role in the hub's own words (`[{ text: 'gp' }]`), else nothing. */
function shownRole(role: unknown): Json[] | undefined {
  if (!Array.isArray(role)) return undefined;
  const shown = role.flatMap((item: unknown) =>
    isObject(item) && typeof item['text'] === 'string' && HUB_ROLES.has(item['text']) ? [{ text: item['text'] }] : [],
  );
  return shown.length > 0 ? shown : undefined;
}

function shownAgent(agent: unknown, checked: Checked): Json {
  const object = isObject(agent) ? agent : {};
  const requestor = typeof object['requestor'] === 'boolean' ? { requestor: object['requestor'] } : {};
  const who = shownWho(object['who'], checked);
  const onBehalfOf = object['onBehalfOf'] === undefined ? {} : shownWho(object['onBehalfOf'], checked);
  if (who === undefined || onBehalfOf === undefined) return { who: masked(PERSON_NOT_SHOWN), ...requestor };
  const role = shownRole(object['role']);
  return {
    ...(role !== undefined ? { role } : {}),
    who,
    ...(object['onBehalfOf'] !== undefined ? { onBehalfOf } : {}),
    ...requestor,
  };
}

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
/** The purposes the hub writes (`policy/audit.ts`), with its own display for each. */
const HUB_PURPOSES: Readonly<Record<string, string>> = {
  TREAT: 'treatment',
  ETREAT: 'Emergency Treatment',
  FAMRQT: 'family requested',
  PATADMIN: 'patient administration',
};
/** The hub's words for an emergency's reason, which the clinician gave (R15 lists it). */
const EMERGENCY_TEXT = /^Emergency access:/;

/**
 * The purpose in the hub's words: each coding it writes (v3-ActReason, one of its codes) with its own display, and an
 * emergency's reason; nothing else. A look by someone not shown has its purpose masked: the code says who looked.
 */
function shownPurposes(purposes: unknown, agentMasked: boolean): Json[] {
  if (agentMasked) return [{ extension: [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }], text: PURPOSE_NOT_SHOWN }];
  return (Array.isArray(purposes) ? purposes : []).flatMap((purpose: unknown) => {
    const codings = isObject(purpose) && Array.isArray(purpose['coding']) ? (purpose['coding'] as unknown[]) : [];
    const coding = codings.flatMap((item) =>
      isObject(item) && item['system'] === ACT_REASON && typeof item['code'] === 'string' && HUB_PURPOSES[item['code']] !== undefined
        ? [{ system: ACT_REASON, code: item['code'], display: HUB_PURPOSES[item['code']] }]
        : [],
    );
    if (coding.length === 0) return [];
    const text = isObject(purpose) ? purpose['text'] : undefined;
    const emergency = coding.some((item) => item.code === 'ETREAT') && typeof text === 'string' && EMERGENCY_TEXT.test(text);
    return [{ coding, ...(emergency ? { text } : {}) }];
  });
}

/** What the resident reads as the purpose of a look by someone whose details are not shown. */
export const PURPOSE_NOT_SHOWN = 'Not shown';

/** Record types the hub names in what was looked at, and `Record` (the type left out: `handlers.ts` `ownEntities`). */
const LOOKED_AT_TYPES = new Set([...Object.keys(searchDefinitions), 'Record']);
/** What was looked at, as the hub words it (`gate.ts` `descriptionOf`): types and operations, never values. */
function isHubDescription(description: unknown): boolean {
  if (typeof description !== 'string') return false;
  if (HUB_DESCRIPTIONS.has(description)) return true;
  const [, type] = /^([A-Z][A-Za-z]+) (?:read|search|added|changed|\$[a-z-]+)$/.exec(description) ?? [];
  return type !== undefined && LOOKED_AT_TYPES.has(type);
}
const HUB_DESCRIPTIONS: ReadonlySet<string> = new Set([
  'Record summary',
  'Batch',
  'Permission to act for you saved',
  'Permission to act for you changed',
  'Permission to act for you stopped',
  'Sharing choice saved',
  'Sharing choice changed',
  'Consent added',
  'Consent changed',
  'Invitation to act for you made',
  'Invitation to act for them accepted',
]);

const ENTITY_TYPE = { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' };
const ENTITY_ROLE = { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' };
const sameCoding = (value: unknown, coding: Json) => canonicalJson(value) === canonicalJson(coding);

function shownEntity(entity: unknown, checked: Checked): Json {
  const object = isObject(entity) ? entity : {};
  const what = object['what'] === undefined ? undefined : shownWho(object['what'], checked);
  // What was looked at is said only beside what it describes, when that is shown, and only in the hub's words.
  const shown = object['what'] === undefined || what !== undefined;
  const kept = {
    ...(sameCoding(object['type'], ENTITY_TYPE) ? { type: ENTITY_TYPE } : {}),
    ...(sameCoding(object['role'], ENTITY_ROLE) ? { role: ENTITY_ROLE } : {}),
    ...(shown && isHubDescription(object['description']) ? { description: object['description'] } : {}),
  };
  if (object['what'] === undefined) return kept;
  return { what: what ?? masked(ITEM_NOT_SHOWN), ...kept };
}

/** The references an event's agents and entities name, as the hub would check them. */
function referencesOf(event: FhirJson): Set<string> {
  const references = new Set<string>();
  const add = (value: unknown) => {
    const reference = checkableOf(referenceOf(value));
    if (reference !== undefined) references.add(reference);
  };
  for (const agent of Array.isArray(event['agent']) ? (event['agent'] as unknown[]) : [])
    if (isObject(agent)) {
      add(agent['who']);
      add(agent['onBehalfOf']);
    }
  for (const entity of Array.isArray(event['entity']) ? (event['entity'] as unknown[]) : []) if (isObject(entity)) add(entity['what']);
  return references;
}

/** The references an event's agents and entities name, as targets to check. */
function targetsOf(event: FhirJson): Set<string> {
  const targets = new Set<string>();
  const add = (value: unknown) => {
    const target = targetOf(checkableOf(referenceOf(value)) ?? '');
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

/** One event as the resident reads it, given what of it the hub found and what is withheld from her: itself when it shows all it holds. */
function asResidentReads(event: FhirJson, checked: Checked): FhirJson {
  const view: Json = {};
  const agents = Array.isArray(event['agent']) ? (event['agent'] as unknown[]).map((agent) => shownAgent(agent, checked)) : undefined;
  const requestor = agents?.find((agent) => agent['requestor'] === true) ?? agents?.[0];
  const agentMasked = requestor !== undefined && (requestor['who'] as Json)['display'] === PERSON_NOT_SHOWN;
  for (const key of EVENT_ELEMENTS) {
    const value = event[key];
    if (value === undefined) continue;
    if (key === 'agent' && agents !== undefined) view[key] = agents;
    else if (key === 'entity' && Array.isArray(value)) view[key] = value.map((entity) => shownEntity(entity, checked));
    else if (key === 'source') view[key] = shownSource(value);
    else if (key === 'purposeOfEvent') view[key] = shownPurposes(value, agentMasked);
    // The hub writes an outcome's description only for a refusal, which her log never lists: any other is a source's.
    else if (key === 'outcomeDesc') continue;
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
    // A reference the hub cannot find names no one it can check: it is masked, as one withheld is.
    const references = new Set(entries.flatMap(({ event }) => [...referencesOf(event)]));
    const found = new Set((await store.readReferences(references)).map((item) => `${item.type}/${item.id}`));
    for (const { index, event } of entries) {
      const byHub = isObject(event['meta']) && event['meta']['source'] === HUB_AUDIT_SOURCE;
      const view = asResidentReads(event, { found, withheld, byHub });
      const item = items[index];
      if (view === event || item === undefined) continue;
      answered[index] = item instanceof StoredJson ? new StoredJson(item.type, item.id, JSON.stringify(view), view) : view;
    }
  }
  return answered;
}
