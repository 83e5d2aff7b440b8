/**
 * References to withheld items: an item a viewer reads may refer to another of the record that is withheld from them
 * (an appointment's reason naming a restricted condition, a panel's result kept from the resident). The reference's
 * `display`, `identifier` and `type` would tell what that item is, and even its id may (a source's ids can speak), so
 * the whole reference is left out of what the viewer reads — wherever it is: any element, any depth, an extension's
 * value, a contained resource. The item is then a partial view, as a reduced view is (`reduced-views.ts`): tagged
 * `SUBSETTED`, so the viewer is told that something is not shown (never which reference), with a version that is a
 * hash of the view and no time of last change — so that neither moves only because the withheld part did.
 *
 * What counts as withheld is what a read of the target answers `404` to: a type the viewer's role, token or carer's
 * permission does not cover, an item withheld by its labels or source (`visibility.ts`), or another resident's item.
 * A target that is not in this hub, or whose source is only not answering, leaves the reference as it is. Directory
 * entries and the resident themself (`UNLABELLED_BY_SOURCE`) are never checked. All targets of one answer are read
 * in one store lookup; only answers that refer to a record item's type are looked at.
 */
import { compartmentsOf, searchDefinitions, type FhirJson } from '../store/search-parameters.js';
import { StoredJson, type HubStore, type PageCursor, type Visibility } from '../store/store.js';
import { isWithheld, UNLABELLED_BY_SOURCE } from '../policy/visibility.js';
import { withText } from '../policy/sharing.js';
import { FhirHttpError } from './outcome.js';
import { canonicalJson, viewVersion } from './reduced-views.js';
import { accessLogAsResidentReads } from './access-log-views.js';

/** What decides whether a reference's target is withheld from this viewer. */
export interface ReferenceReader {
  /** The resident whose record is read; another resident's item is withheld. Undefined for no one resident's record. */
  patientId: string | undefined;
  visibility: Visibility;
  /** Whether the viewer's role, token and (for a carer) permission let them read this type. */
  mayRead: (type: string) => boolean;
  /**
   * Whether the viewer may open the other record a resident's Patient links to (`Patient.link`, of this type): the
   * resident, her own record that replaced or was replaced by hers; anyone else, a record they may open without a
   * reason. Absent: no linked record is shown.
   */
  opensLinked?: ((from: string, to: string, type: string) => Promise<boolean>) | undefined;
}

const SUBSETTED = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' };

/**
 * Types whose references are not to a record item: the directory, the resident themself, and a medicine as a product
 * (a Medication): a prescription's only `medication[x]` may be that reference, and without it the prescription would
 * name no medicine at all. Whether the Medication itself is shown is decided when it is read or included.
 */
const NOT_RECORD_ITEMS: ReadonlySet<string> = new Set([...UNLABELLED_BY_SOURCE, 'Location', 'Endpoint', 'Group', 'Medication']);

/**
 * A reference string's target in this hub (`Condition/c1`, `https://…/fhir/Condition/c1/_history/2`), if it names one:
 * a record item, or a resident (`Patient/p1`), whose entry is not read but who is withheld from a reader of another
 * resident's record (`withheldTargets`).
 */
export function targetOf(reference: string): string | undefined {
  const [, type, id] = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/.exec(reference) ?? [];
  return type === undefined || id === undefined || (NOT_RECORD_ITEMS.has(type) && type !== 'Patient') ? undefined : `${type}/${id}`;
}

const REFERENCE_TEXT = /"reference"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/** The record-item targets an item's JSON text names (read from the text, so items as stored are not parsed). */
function targetsIn(json: string, into: Set<string>): void {
  for (const [, literal = ''] of json.matchAll(REFERENCE_TEXT)) {
    const reference = literal.includes('\\') ? (JSON.parse(`"${literal}"`) as string) : literal;
    const target = targetOf(reference);
    if (target !== undefined) into.add(target);
  }
}

/**
 * Types whose references are not shown as the item's content: the access log's entries name what was looked at, and
 * are the same entry whatever that was (`handlers.ts` `ownEntities`); an outcome names no record item.
 */
const NOT_LOOKED_AT: ReadonlySet<string> = new Set(['AuditEvent', 'OperationOutcome']);

/** An item's JSON text, or `''` for a type whose references are left as they are. */
function textOf(item: FhirJson | StoredJson): string {
  const type = item instanceof StoredJson ? item.type : item['resourceType'];
  if (typeof type === 'string' && NOT_LOOKED_AT.has(type)) return '';
  return item instanceof StoredJson ? item.json : JSON.stringify(item);
}

/**
 * A logical reference's key, `identifier:<system>|<value>`: a Reference with an Identifier (one, not the list a
 * resource's own `identifier` is) and no literal `reference`, as GP exports name another item of the record.
 */
function logicalKeyOf(value: Record<string, unknown>): string | undefined {
  if (typeof value['reference'] === 'string') return undefined;
  const identifier = value['identifier'];
  if (identifier === null || typeof identifier !== 'object' || Array.isArray(identifier)) return undefined;
  const { system, value: text } = identifier as { system?: unknown; value?: unknown };
  return typeof text === 'string' && text !== '' ? `identifier:${typeof system === 'string' ? system : ''}|${text}` : undefined;
}

/** A logical reference names a withheld item when its identifier is one of that item's (any system, if it gives none). */
function logicalNamesWithheld(key: string, withheld: ReadonlySet<string>): boolean {
  return withheld.has(key) || withheld.has(`identifier:|${key.slice(key.indexOf('|') + 1)}`);
}

/** Whether a Reference-shaped object names a withheld target, literally or by its identifier. */
function namesWithheld(value: Record<string, unknown>, withheld: ReadonlySet<string>): boolean {
  const reference = value['reference'];
  if (typeof reference !== 'string') {
    const key = logicalKeyOf(value);
    return key !== undefined && logicalNamesWithheld(key, withheld);
  }
  const target = targetOf(reference);
  return target !== undefined && withheld.has(target);
}

/** Text that may hold a logical reference: an `identifier` that is an object, not a list. */
const LOGICAL_REFERENCE_TEXT = /"identifier"\s*:\s*\{/;

/** The record's own item types: what a logical reference may name. */
const RECORD_ITEM_TYPES = Object.keys(searchDefinitions).filter((type) => !NOT_RECORD_ITEMS.has(type) && !NOT_LOOKED_AT.has(type));

/** Identifier systems of the directory (organisations by ODS code, staff by SDS id): never a record item's. */
const DIRECTORY_SYSTEMS = /^https:\/\/fhir\.nhs\.uk\/Id\/(ods|sds)-/;

/**
 * The logical references in a resource, at any depth, that may name an item of the record: their keys, and the
 * types to look among (`*` for any, when a reference gives none). One typed as the directory or the resident, or
 * naming a directory identifier system, is not looked up.
 */
function logicalKeysIn(value: unknown, keys: Set<string>, types: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) logicalKeysIn(item, keys, types);
  else if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const key = logicalKeyOf(object);
    const type = object['type'];
    const system = (object['identifier'] as { system?: unknown } | undefined)?.system;
    if (key !== undefined && !(typeof system === 'string' && DIRECTORY_SYSTEMS.test(system))) {
      if (typeof type !== 'string') {
        keys.add(key);
        types.add('*');
      } else if (RECORD_ITEM_TYPES.includes(type)) {
        keys.add(key);
        types.add(type);
      }
    }
    for (const inner of Object.values(object)) logicalKeysIn(inner, keys, types);
  }
}

/**
 * The keys of the resident's items withheld from the reader (`identifier:<system>|<value>` and `identifier:|<value>`
 * for each of their identifiers), when any logical reference is to be told: the resident's record is read whole, with
 * nothing held back, and each item checked as a literal reference's target is.
 */
async function withheldByIdentifier(
  keys: ReadonlySet<string>,
  types: ReadonlySet<string>,
  reader: ReferenceReader,
  store: HubStore,
): Promise<Set<string>> {
  const withheld = new Set<string>();
  if (keys.size === 0 || reader.patientId === undefined) return withheld;
  const record = await store.compartment({
    patientId: reader.patientId,
    types: types.has('*') ? RECORD_ITEM_TYPES : [...types],
    sort: { by: 'lastUpdated', descending: true },
    limit: 10_000,
    visibility: { hiddenLabels: [], unavailableSources: reader.visibility.unavailableSources },
  });
  for (const [type, items] of record.byType)
    for (const item of items) {
      const identifiers = item.resource['identifier'];
      if (!Array.isArray(identifiers) || identifiers.length === 0) continue;
      if (reader.mayRead(type) && !isWithheld(item.resource, reader.visibility)) continue;
      for (const identifier of identifiers as { system?: unknown; value?: unknown }[])
        if (typeof identifier?.value === 'string') {
          withheld.add(`identifier:${typeof identifier.system === 'string' ? identifier.system : ''}|${identifier.value}`);
          withheld.add(`identifier:|${identifier.value}`);
        }
    }
  return withheld;
}

/** Only `url` and `id` (or nothing) left: an extension without its value, an element without its content. */
const emptied = (value: Record<string, unknown>) => Object.keys(value).every((key) => key === 'url' || key === 'id');

const REMOVE = Symbol('remove');

/** A copy of `value` without the references to withheld targets, and what holds only them; `value` itself if none. */
function strip(value: unknown, withheld: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const kept: unknown[] = [];
    for (const item of value) {
      const next = strip(item, withheld);
      if (next !== item) changed = true;
      if (next !== REMOVE) kept.push(next);
    }
    if (!changed) return value;
    return kept.length === 0 ? REMOVE : kept;
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (namesWithheld(object, withheld)) return REMOVE;
  let changed = false;
  const kept: [string, unknown][] = [];
  for (const [key, inner] of Object.entries(object)) {
    const next = key === 'meta' ? inner : strip(inner, withheld);
    if (next !== inner) changed = true;
    if (next !== REMOVE) kept.push([key, next]);
  }
  if (!changed) return value;
  const copy = Object.fromEntries(kept);
  // An element that is a reference and what it means (a Consent's actor and their role, its data and their meaning)
  // goes whole with its reference: the rest says nothing without it, and FHIR requires the reference there.
  if (isObject(object['reference']) && copy['reference'] === undefined) return REMOVE;
  return emptied(copy) ? REMOVE : copy;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * What a reader sends back of an item they read without its references to withheld targets (`strip`), with everything
 * their view left out or changed kept as stored: they could not see it, so they cannot have meant to change it. Where
 * nothing was left out, what they sent is taken as it is (a change, an addition, a removal); an element left out whole
 * is kept whatever they sent in its place; one shown in part is merged element by element. A list item shown in part
 * cannot be removed or replaced by the reader (`422`): its hidden part would mean something else without it, and
 * keeping it whole would tell them a change was saved that was not.
 */
function restored(sent: unknown, stored: unknown, withheld: ReadonlySet<string>, path: string): unknown {
  const view = strip(stored, withheld);
  if (view === stored) return sent;
  if (view === REMOVE) return stored;
  if (Array.isArray(stored)) return restoredList(Array.isArray(sent) ? (sent as unknown[]) : [], stored as unknown[], withheld, path);
  if (!isObject(sent) || !isObject(stored)) return stored;
  const merged: [string, unknown][] = [];
  for (const key of new Set([...Object.keys(sent), ...Object.keys(stored)])) {
    const value = key === 'meta' ? sent[key] : restored(sent[key], stored[key], withheld, `${path}.${key}`);
    if (value !== undefined) merged.push([key, value]);
  }
  return Object.fromEntries(merged);
}

/**
 * A list sent back, with the stored items the view left out kept where they were: each after the stored item it
 * followed (or first), as long as that one is still there. An item sent is the stored one it shows when it is that
 * item as shown, or the first that names something only that one named in the list (a change of it: a category added to
 * a deny, two denies merged into one). A stored item shown in part that no item sent is refused (`422`).
 */
function restoredList(sent: unknown[], stored: unknown[], withheld: ReadonlySet<string>, path: string): unknown[] {
  const views = stored.map((item) => strip(item, withheld));
  const shown = views.flatMap((view, index) => (view === REMOVE ? [] : [index]));
  const storedOf = new Map<number, number>();
  const used = new Set<number>();
  sent.forEach((item, position) => {
    const text = canonicalJson(item);
    const index = shown.find((candidate) => !used.has(candidate) && canonicalJson(views[candidate]) === text);
    if (index === undefined) return;
    used.add(index);
    storedOf.set(position, index);
  });
  // An item read in part and sent back changed is the first sent item naming something it alone named among the list's
  // items (a category, an organisation: not a role every item has): its hidden part goes with that one. An item shown
  // whole needs no match: what was sent is taken as it is.
  const named = views.map((view) => (view === REMOVE ? new Set<string>() : namesIn(view)));
  const sentNames = sent.map((item) => namesIn(item));
  for (const index of shown) {
    if (used.has(index) || views[index] === stored[index]) continue;
    const own = [...(named[index] ?? [])].filter((name) => named.every((others, other) => other === index || !others.has(name)));
    const position = sent.findIndex((_item, at) => !storedOf.has(at) && own.some((name) => sentNames[at]?.has(name)));
    if (position === -1) continue;
    used.add(index);
    storedOf.set(position, index);
  }
  // Kept whatever was sent: left out whole, or shown in part and not sent back. Each follows the stored item before it
  // that was sent back (`-1`: none).
  // One no item sent stands for, but whose every name an item sent still names (her deny beside the noted one, saved
  // again), is kept as recorded: she took nothing of it away. Any other is refused.
  const covered = (index: number) => sentNames.some((names) => [...(named[index] ?? [])].every((name) => names.has(name)));
  const dropped = stored.findIndex(
    (item, index) => !used.has(index) && views[index] !== REMOVE && views[index] !== item && !covered(index),
  );
  if (dropped !== -1)
    throw withText(
      new FhirHttpError(
        422,
        'business-rule',
        'INVALID_RESOURCE',
        `${path}[${dropped}] was recorded with information not shown to this reader, and cannot be removed or replaced by them`,
        {},
        [path],
      ),
      'Part of this was recorded by your GP practice and cannot be removed or changed here. Contact your practice to change it.',
    );
  const keptAfter = new Map<number, unknown[]>();
  let anchor = -1;
  stored.forEach((item, index) => {
    if (used.has(index)) anchor = index;
    else if (views[index] !== item) keptAfter.set(anchor, [...(keptAfter.get(anchor) ?? []), item]);
  });
  const list: unknown[] = [...(keptAfter.get(-1) ?? [])];
  sent.forEach((item, position) => {
    const index = storedOf.get(position);
    // An item read in part that she widened (more categories or organisations in the same deny) stays as recorded,
    // with her wider one beside it: the hidden part keeps to what it was recorded with.
    if (index !== undefined && views[index] !== stored[index] && widens(item, views[index])) list.push(stored[index], item);
    else list.push(index === undefined ? item : restored(item, stored[index], withheld, `${path}[${index}]`));
    if (index !== undefined) list.push(...(keptAfter.get(index) ?? []));
  });
  return list;
}

/** What an item names: each code (`system|code`), reference and extension URL in it. */
function namesIn(value: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) namesIn(item, names);
  else if (isObject(value)) {
    if (typeof value['code'] === 'string') names.add(`${String(value['system'] ?? '')}|${value['code']}`);
    if (typeof value['reference'] === 'string') names.add(value['reference']);
    if (typeof value['url'] === 'string') names.add(value['url']);
    for (const [key, inner] of Object.entries(value)) if (key !== 'type') namesIn(inner, names);
  }
  return names;
}

/** Whether an item sent is one read with more in its lists and nothing else changed (and is not the same). */
function widens(sent: unknown, view: unknown): boolean {
  if (!isObject(sent) || !isObject(view) || canonicalJson(sent) === canonicalJson(view)) return false;
  if (Object.keys(sent).some((key) => !(key in view))) return false;
  return Object.entries(view).every(([key, value]) => {
    const other = sent[key];
    if (Array.isArray(value) && Array.isArray(other)) {
      const items = new Set(other.map((item) => canonicalJson(item)));
      return value.every((item) => items.has(canonicalJson(item)));
    }
    return canonicalJson(other) === canonicalJson(value);
  });
}

/** Whether this item is a partial view made here or by a reduced view: its version is a hash of what it shows. */
export function isPartialView(resource: FhirJson): boolean {
  const meta = resource['meta'] as { tag?: unknown; lastUpdated?: unknown } | undefined;
  return (
    meta?.lastUpdated === undefined &&
    Array.isArray(meta?.tag) &&
    (meta.tag as { system?: unknown; code?: unknown }[]).some((tag) => tag?.system === SUBSETTED.system && tag.code === SUBSETTED.code)
  );
}

/** The view of an item without its references to withheld targets: tagged, versioned by itself, with no time of change. */
function withoutReferences(resource: FhirJson, withheld: ReadonlySet<string>): FhirJson {
  const stripped = strip(resource, withheld);
  return stripped === resource || stripped === REMOVE ? resource : partialView(stripped as FhirJson);
}

/** A view made of an item that shows less than it holds: tagged `SUBSETTED`, versioned by itself, with no time of change. */
export function partialView(view: FhirJson): FhirJson {
  const { versionId: _versionId, lastUpdated: _lastUpdated, ...meta } = (view['meta'] as FhirJson | undefined) ?? {};
  const tags = Array.isArray(meta['tag']) ? (meta['tag'] as { system?: unknown; code?: unknown }[]) : [];
  const others = tags.filter((tag) => !(tag?.system === SUBSETTED.system && tag.code === SUBSETTED.code));
  const unversioned = { ...view, meta: { ...meta, tag: [...others, SUBSETTED] } };
  return { ...unversioned, meta: { versionId: viewVersion(unversioned), ...unversioned.meta } };
}

/** The targets among these (`Type/id`) that are withheld from the reader: read in one lookup. */
export async function withheldTargets(targets: ReadonlySet<string>, reader: ReferenceReader, store: HubStore): Promise<Set<string>> {
  const withheld = new Set<string>();
  if (targets.size === 0) return withheld;
  // Another resident, named on this one's record (an appointment for two, a note by a neighbour): never shown to its
  // reader, whoever they are — the item is this resident's, not a way into the other's record (R6, R13). The resident
  // themself is not looked up: their entry stands for the record, which the gate has let them read.
  const residents = [...targets].filter((target) => target.startsWith('Patient/'));
  if (reader.patientId !== undefined)
    for (const resident of residents) if (resident !== `Patient/${reader.patientId}`) withheld.add(resident);
  const items = residents.length === 0 ? targets : new Set([...targets].filter((target) => !target.startsWith('Patient/')));
  if (items.size === 0) return withheld;
  for (const found of await store.readReferences(items)) {
    const resource = found.resource;
    const compartments = compartmentsOf(resource);
    if (
      !reader.mayRead(found.type) ||
      isWithheld(resource, reader.visibility) ||
      (reader.patientId !== undefined && compartments.length > 0 && !compartments.includes(reader.patientId))
    )
      withheld.add(`${found.type}/${found.id}`);
  }
  return withheld;
}

const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

/** The logical references in a resource, at any depth, that name a resident by NHS number (whatever type they give). */
function nhsNumberKeysIn(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) nhsNumberKeysIn(item, keys);
  else if (isObject(value)) {
    const key = logicalKeyOf(value);
    if (key?.startsWith(`identifier:${NHS_NUMBER}|`)) keys.add(key);
    for (const inner of Object.values(value)) nhsNumberKeysIn(inner, keys);
  }
}

/**
 * Of these logical references by NHS number, those to a resident other than the one whose record is read: withheld as
 * a literal reference to them is (`withheldTargets`). One read of the record's own resident.
 */
async function otherResidentsByNhsNumber(keys: ReadonlySet<string>, reader: ReferenceReader, store: HubStore): Promise<Set<string>> {
  if (keys.size === 0 || reader.patientId === undefined) return new Set();
  const [own] = await store.readReferences([`Patient/${reader.patientId}`]);
  const identifiers = (own?.resource['identifier'] as { system?: unknown; value?: unknown }[] | undefined) ?? [];
  const ownNumbers = new Set(identifiers.flatMap((identifier) => (identifier?.system === NHS_NUMBER ? [identifier.value] : [])));
  return new Set([...keys].filter((key) => !ownNumbers.has(key.slice(key.indexOf('|') + 1))));
}

/** The targets these items name that are withheld from the reader, with each item's text and logical keys. */
async function withheldNamedBy(
  items: readonly (FhirJson | StoredJson)[],
  reader: ReferenceReader,
  store: HubStore,
): Promise<{ withheld: Set<string>; texts: string[]; logical: Set<string>[] }> {
  const targets = new Set<string>();
  const texts = items.map((item) => textOf(item));
  for (const text of texts) targetsIn(text, targets);
  // Logical references (by identifier alone), read only from items whose text may hold one.
  const logicalTypes = new Set<string>();
  const residentKeys = new Set<string>();
  const logical = items.map((item, index) => {
    const keys = new Set<string>();
    if (LOGICAL_REFERENCE_TEXT.test(texts[index] ?? '')) {
      const resource = item instanceof StoredJson ? item.resource : item;
      logicalKeysIn(resource, keys, logicalTypes);
      const residents = new Set<string>();
      nhsNumberKeysIn(resource, residents);
      for (const key of residents) residentKeys.add(key);
      return new Set([...keys, ...residents]);
    }
    return keys;
  });
  const recordKeys = new Set(logical.flatMap((keys) => [...keys]).filter((key) => !residentKeys.has(key)));
  const withheld = new Set([
    ...(await withheldTargets(targets, reader, store)),
    ...(await withheldByIdentifier(recordKeys, logicalTypes, reader, store)),
    ...(await otherResidentsByNhsNumber(residentKeys, reader, store)),
  ]);
  return { withheld, texts, logical };
}

/**
 * An item as a reader sends it back (a resident's change of a Consent she reads in part), with everything her view of
 * the stored item left out kept as stored (`restored`): she could not see it, so she cannot have changed it. Her view's
 * `SUBSETTED` tag is not stored: it says what she was sent, not what the item is.
 */
export async function withWithheldKept(
  sent: FhirJson,
  stored: FhirJson,
  reader: ReferenceReader,
  store: HubStore,
  recordedByOthers: readonly string[] = [],
): Promise<FhirJson> {
  const { withheld } = await withheldNamedBy([stored], reader, store);
  if (withheld.size === 0 || strip(stored, withheld) === stored) return sent;
  // Elements only others record are kept as stored whatever she sends (the caller puts them back): she may leave them out.
  const type = String(stored['resourceType'] ?? 'Resource');
  const kept = Object.fromEntries(
    [...new Set([...Object.keys(sent), ...Object.keys(stored)])].flatMap((key) => {
      const value =
        key === 'meta'
          ? sent[key]
          : recordedByOthers.includes(key)
            ? stored[key]
            : restored(sent[key], stored[key], withheld, `${type}.${key}`);
      return value === undefined ? [] : [[key, value]];
    }),
  ) as FhirJson;
  const meta = kept['meta'] as { tag?: unknown } | undefined;
  if (!Array.isArray(meta?.tag)) return kept;
  const tags = (meta.tag as { system?: unknown; code?: unknown }[]).filter(
    (tag) => !(tag?.system === SUBSETTED.system && tag.code === SUBSETTED.code),
  );
  const { tag: _tag, ...rest } = meta;
  return { ...kept, meta: tags.length > 0 ? { ...rest, tag: tags } : rest };
}

/**
 * These items as the reader may read them: each that refers to a withheld item, without those references (a partial
 * view, see above); every other item as it was, the same object. One store lookup for all of them.
 */
export async function withoutWithheldReferences<T extends FhirJson | StoredJson>(
  items: readonly T[],
  reader: ReferenceReader,
  store: HubStore,
): Promise<{ items: (T | FhirJson | StoredJson)[]; changed: boolean }> {
  // Access log entries name who looked, not items: each as its resident reads it (`access-log-views.ts`).
  const shown = await accessLogAsResidentReads(items, reader, store);
  let changed = shown.some((item, index) => item !== items[index]);
  const { withheld, texts, logical } = await withheldNamedBy(shown, reader, store);
  const links = await linkedRecordsHidden(shown, reader);
  if (withheld.size === 0 && links.size === 0) return { items: shown, changed };
  const answered = shown.map((item, index) => {
    const named = new Set<string>();
    targetsIn(texts[index] ?? '', named);
    const namesLogically = [...(logical[index] ?? [])].some((key) => logicalNamesWithheld(key, withheld));
    const hiddenLinks = links.get(index);
    if (hiddenLinks === undefined && !namesLogically && ![...named].some((target) => withheld.has(target))) return item;
    const resource = item instanceof StoredJson ? item.resource : (item as FhirJson);
    const view = hiddenLinks === undefined ? withoutReferences(resource, withheld) : patientWithout(resource, withheld, hiddenLinks);
    if (view === resource) return item;
    changed = true;
    return item instanceof StoredJson ? new StoredJson(item.type, item.id, JSON.stringify(view), view) : view;
  });
  return { items: answered, changed };
}

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * A Patient's links (`Patient.link`) to another resident's record: where each points, and its type as sent; and
 * whether it names someone the hub cannot check (`unchecked`): a record by identifier alone, by a conditional
 * reference, by type, or a display alone — anyone, whose record the reader may or may not open.
 */
function linksOf(resource: FhirJson): { target: string | undefined; type: string; unchecked: boolean }[] {
  const links = resource['link'];
  if (resource['resourceType'] !== 'Patient' || !Array.isArray(links)) return [];
  return links.map((link: unknown) => {
    const other = isObject(link) && isObject(link['other']) ? link['other'] : {};
    const target = typeof other['reference'] === 'string' ? targetOf(other['reference']) : undefined;
    // A literal reference to one of her contacts is as any reference is (`strip`); anything else not literal is unchecked.
    const unchecked = target === undefined && Object.keys(other).length > 0;
    return {
      target: target?.startsWith('Patient/') ? target : undefined,
      type: isObject(link) ? String(link['type'] ?? '') : '',
      unchecked,
    };
  });
}

/**
 * For each Patient among these items that links to another resident's record (a merge: `replaced-by`, `replaces`;
 * `refer`, `seealso`), the positions of its links whose record the reader may not open (`opensLinked`). Every such
 * Patient is in the map, even with nothing hidden: its links are decided here, never as another resident named on a
 * record is (withheld from every reader), so that a clinician is told which record replaced this one.
 */
async function linkedRecordsHidden(items: readonly (FhirJson | StoredJson)[], reader: ReferenceReader): Promise<Map<number, Set<number>>> {
  const hidden = new Map<number, Set<number>>();
  for (const [index, item] of items.entries()) {
    const type = item instanceof StoredJson ? item.type : item['resourceType'];
    if (type !== 'Patient') continue;
    const resource = item instanceof StoredJson ? item.resource : item;
    const own = `Patient/${String(resource['id'])}`;
    const links = linksOf(resource);
    if (!links.some((link) => link.unchecked || (link.target !== undefined && link.target !== own))) continue;
    const positions = new Set<number>();
    for (const [position, { target, type: linkType, unchecked }] of links.entries()) {
      // Someone named in a way the hub cannot resolve: whoever it is, no reader is shown who (R6, R13).
      if (unchecked) positions.add(position);
      if (target === undefined || target === own) continue;
      const opens = reader.opensLinked
        ? await reader.opensLinked(String(resource['id']), target.slice('Patient/'.length), linkType)
        : false;
      if (!opens) positions.add(position);
    }
    hidden.set(index, positions);
  }
  return hidden;
}

/**
 * A Patient without its references to withheld targets (`strip`), but for its links, decided on their own: each keeps
 * its type, so that the record still says it was replaced; the other record of one at a hidden position is masked
 * (data-absent-reason, as FHIR requires a link's `other`). Tagged as any partial view when anything is left out.
 */
function patientWithout(resource: FhirJson, withheld: ReadonlySet<string>, hiddenLinks: ReadonlySet<number>): FhirJson {
  const { link, ...rest } = resource;
  const stripped = strip(rest, withheld);
  const body = (stripped === REMOVE ? {} : stripped) as FhirJson;
  const decided = linksOf(resource).map(({ target }) => target !== undefined && target !== `Patient/${String(resource['id'])}`);
  let changed = stripped !== rest;
  const links = (link as unknown[]).flatMap((item, position) => {
    if (hiddenLinks.has(position) && isObject(item)) {
      changed = true;
      return [{ ...item, other: { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }] } }];
    }
    // A link to anything else (a contact) is as any reference is.
    const next = decided[position] ? item : strip(item, withheld);
    if (next !== item) changed = true;
    return next === REMOVE ? [] : [next];
  });
  return changed ? partialView({ ...body, link: links } as FhirJson) : resource;
}

/** Items of the record looked at a time when asking whether any is a partial view. */
const PARTIAL_VIEW_PAGE = 500;

/**
 * Whether any of the resident's items of this type that the reader may see is a partial view to them: it refers to
 * an item withheld from them. Asked of the whole record of the type, never of a search's matches, so that the answer
 * depends on the resident and the type alone and tells nothing a plain search of the type does not (its `SUBSETTED`
 * entries). Looked at a page at a time, each page's targets in one lookup.
 */
export async function holdsPartialView(store: HubStore, type: string, reader: ReferenceReader): Promise<boolean> {
  if (reader.patientId === undefined || NOT_LOOKED_AT.has(type)) return false;
  let after: PageCursor | undefined;
  do {
    const page = await store.search({
      type,
      patientId: reader.patientId,
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: PARTIAL_VIEW_PAGE,
      after,
      visibility: reader.visibility,
    });
    if ((await withoutWithheldReferences(page.matches, reader, store)).changed) return true;
    after = page.next;
  } while (after);
  return false;
}

/** A Bundle's `meta.security` with `SUBSETTED` added: some entry is a partial view. */
export function markSubsetted(bundle: FhirJson): void {
  const meta = (bundle['meta'] as { security?: unknown[] } | undefined) ?? {};
  const security = Array.isArray(meta.security) ? meta.security : [];
  if (security.some((label) => (label as { code?: unknown } | null)?.code === SUBSETTED.code)) return;
  bundle['meta'] = { ...meta, security: [...security, SUBSETTED] };
}
