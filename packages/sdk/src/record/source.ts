/**
 * Which organisation an item came from, and the names of organisations: one
 * place for the ODS identifier system, for reading an ODS code out of
 * `meta.source`, and for looking up the names of sources not yet known.
 *
 * The hub names the contributing system in `meta.source` as
 * `https://care-record.example/source/<ODS code>`. Other FHIR servers say who
 * recorded or provided an item in standard fields instead —
 * `serviceProvider`, `custodian`, `performer`, `requester`, `recorder`,
 * `asserter`, `informationSource`, `author`, or a `Provenance` whose target
 * is the item — and those are read when `meta.source` names no source: an
 * organisation first, else the person, named from the reference's display,
 * a contained resource, an Organization in the same answer, or its ODS code.
 *
 * The names map is keyed by ODS code; it also carries `Organization/<id>`
 * (an Organization read in the same answer) and `provenance:<Type>/<id>` (who
 * a Provenance says provided an item), which no ODS code can look like.
 */
import { carerAuthorName } from '../person-held/relationship.js';
import { batchRead } from '../client/batch.js';
import type { HubClient } from '../client/hub-client.js';
import type { CallOptions } from '../client/types.js';
import { displayText } from '../format/display-text.js';
import { NOT_KNOWN } from '../format/placeholders.js';

export interface SourceLabel {
  /** ODS code; `resident` for items the resident entered, `hub` for the hub's own, `unknown` when unreadable. */
  odsCode: string;
  /** Organisation name for display; `Not known` when the organisation is not known. */
  name: string;
}

/** The FHIR identifier system of ODS organisation codes. */
export const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const SOURCE_PREFIX = 'https://care-record.example/source/';

/** The source of what residents entered themselves (home readings, over-the-counter medicines). */
export const RESIDENT_SOURCE: Readonly<SourceLabel> = Object.freeze({ odsCode: 'resident', name: 'Resident (self-reported)' });
const HUB_SOURCE: SourceLabel = { odsCode: 'hub', name: 'Care record hub' };
const UNKNOWN_SOURCE: SourceLabel = { odsCode: 'unknown', name: NOT_KNOWN };

type SourceCarrier = { meta?: { source?: unknown } | null | undefined } | null | undefined;

/** What `meta.source` names: an organisation by ODS code, the resident, the hub, or nothing readable. */
function readSource(resource: unknown): { ods: string } | 'resident' | 'hub' | undefined {
  const meta = typeof resource === 'object' && resource !== null ? (resource as SourceCarrier)?.meta : undefined;
  const source = typeof meta?.source === 'string' ? meta.source.trim() : '';
  if (!source.startsWith(SOURCE_PREFIX)) return undefined;
  const code = source.slice(SOURCE_PREFIX.length).replace(/\/+$/, '');
  if (code === 'resident' || code === 'hub') return code;
  if (!code || code.includes('/')) return undefined;
  return { ods: code };
}

/** The ODS code of the organisation a resource came from, read from `meta.source`; `undefined` when it names none. */
export function sourceOdsCode(resource: unknown): string | undefined {
  const source = readSource(resource);
  return typeof source === 'object' ? source.ods : undefined;
}

const nameFor = (organizations: ReadonlyMap<string, string>, odsCode: string): string | undefined =>
  named(organizations.get(odsCode) ?? organizations.get(odsCode.toUpperCase()));

/**
 * The source organisation of a resource, named from `organizations` (ODS code
 * to name). An ODS code missing from the map keeps its code and is named
 * `Not known`; a missing or foreign `meta.source` gives `{ odsCode: 'unknown' }`.
 */
export function sourceOf(resource: unknown, organizations: ReadonlyMap<string, string>): SourceLabel {
  const source = readSource(resource);
  if (source === undefined) return standardSource(resource, organizations) ?? { ...UNKNOWN_SOURCE };
  if (source === 'resident') return carerSource(resource) ?? { ...RESIDENT_SOURCE };
  if (source === 'hub') return { ...HUB_SOURCE };
  return { odsCode: source.ods, name: nameFor(organizations, source.ods) ?? NOT_KNOWN };
}

/**
 * What a carer added for the resident: the hub names them as the author
 * (`performer` or `informationSource`, a RelatedPerson, "<name> (carer)");
 * other authoring fields and every form of reference are read the same way.
 */
function carerSource(resource: unknown): SourceLabel | undefined {
  if (!isObject(resource)) return undefined;
  for (const field of AUTHOR_FIELDS)
    for (const reference of referencesIn(resource[field])) {
      const target = resolve(reference, resource);
      if (target.type === 'RelatedPerson') return carerLabel(reference, target.contained);
    }
  return undefined;
}

/** The fields that say who recorded or provided an item, the organisation-valued ones first. */
const ORGANISATION_FIELDS = ['serviceProvider', 'custodian', 'managingOrganization', 'organization'] as const;
const PARTY_FIELDS = ['performer', 'requester', 'recorder', 'asserter', 'informationSource', 'author', 'participant', 'source'] as const;
/** The fields that say who recorded or reported an item (not who merely took part in it). */
const AUTHOR_FIELDS = ['performer', 'recorder', 'asserter', 'informationSource', 'author'] as const;

/** Participants who are not where an item came from: the patient, and those related to them. */
const PARTICIPANTS_NOT_SOURCES: ReadonlySet<string> = new Set(['Patient', 'RelatedPerson']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
/**
 * A name to show (an organisation's, a person's, a reference's display): on
 * one line, without the bidirectional controls that would turn the text
 * beside it round (a source shown as another organisation); `undefined` when blank.
 */
const named = (value: unknown): string | undefined => (typeof value === 'string' ? displayText(value) || undefined : undefined);

/** The references a field holds: a Reference, a list of them, or `{ actor }`/`{ individual }`/`{ who }` wrappers. */
function referencesIn(value: unknown): Json[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((item) => {
    if (!isObject(item)) return [];
    const inner = item['actor'] ?? item['individual'] ?? item['who'];
    if (isObject(inner)) return [inner];
    return typeof item['reference'] === 'string' || typeof item['display'] === 'string' || isObject(item['identifier']) ? [item] : [];
  });
}

/** A HumanName as `Dr Ann Jones`, or its text. */
function personName(names: unknown): string | undefined {
  const name = (Array.isArray(names) ? names : [names]).find(isObject);
  if (!name) return undefined;
  const given = Array.isArray(name['given']) ? name['given'].filter((part): part is string => typeof part === 'string') : [];
  const prefix = Array.isArray(name['prefix']) ? name['prefix'].filter((part): part is string => typeof part === 'string') : [];
  return named(name['text']) ?? named([...prefix, ...given, typeof name['family'] === 'string' ? name['family'] : ''].join(' '));
}

/** `Type` of a relative or absolute reference (`RelatedPerson/rp-1`, `https://…/RelatedPerson/rp-1/_history/2`). */
const REFERENCE_TYPE = /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+(?:\/_history\/[^/]+)?$/;

/**
 * What a reference points at: its resource type (from `type`, the contained
 * resource, or the reference's path) and, for `#id`, the resource contained
 * in this same item. A `#id` is never looked up anywhere else.
 */
function resolve(reference: Json, resource: Json): { type: string | undefined; contained: Json | undefined } {
  const target = text(reference['reference']);
  const contained = target?.startsWith('#')
    ? ((Array.isArray(resource['contained']) ? resource['contained'] : []).find(
        (candidate) => isObject(candidate) && candidate['id'] === target.slice(1),
      ) as Json | undefined)
    : undefined;
  // `type` may be the canonical URL of the type (`http://hl7.org/fhir/StructureDefinition/RelatedPerson`).
  const type =
    text(reference['type'])?.split('/').pop() ??
    (contained ? text(contained['resourceType']) : target ? REFERENCE_TYPE.exec(target)?.[1] : undefined);
  return { type, contained };
}

/**
 * Who a Reference in `resource` names: the resource type it points at (from
 * `type`, a resource contained in this same item, or the path) and the name
 * the item gives them (a contained resource's name — a person's or a place's —
 * else the display).
 */
export function referencedParty(reference: unknown, resource: unknown): { type: string | undefined; name: string | undefined } {
  if (!isObject(reference) || !isObject(resource)) return { type: undefined, name: undefined };
  const { type, contained } = resolve(reference, resource);
  const containedName = contained ? (personName(contained['name']) ?? named(contained['name'])) : undefined;
  return { type, name: containedName ?? named(reference['display']) };
}

/** A carer or relative, named as the item names them; `A carer` when it does not. */
const carerLabel = (reference: Json, contained: Json | undefined): SourceLabel => ({
  odsCode: 'resident',
  // Without titles ("Dr") a resident typed for them: their entry is not a professional's.
  name: carerAuthorName((contained ? personName(contained['name']) : undefined) ?? named(reference['display']) ?? 'A carer'),
});

/** Who a reference names: an organisation (with its ODS code when known) or a person. */
function partyOf(
  reference: Json,
  resource: Json,
  organizations: ReadonlyMap<string, string>,
): { organisation: boolean; label: SourceLabel } | undefined {
  const target = text(reference['reference']);
  const display = named(reference['display']);
  const { type, contained } = resolve(reference, resource);
  if (contained?.['resourceType'] === 'Organization') {
    const ods = odsCodeOf(contained['identifier']);
    const name = named(contained['name']) ?? (ods ? nameFor(organizations, ods) : undefined) ?? display;
    if (name) return { organisation: true, label: { odsCode: ods ?? 'unknown', name } };
  }
  // A carer or relative recorded it for the resident: theirs, with the resident's source, as the hub names them.
  if (type === 'RelatedPerson') return { organisation: false, label: carerLabel(reference, contained) };
  if (contained?.['resourceType'] === 'Practitioner' || contained?.['resourceType'] === 'Patient') {
    const name = personName(contained['name']) ?? display;
    if (name) return { organisation: false, label: { odsCode: 'unknown', name } };
  }
  // The resident recorded it: theirs, as the hub's `meta.source` of `resident` says.
  if (type === 'Patient') return { organisation: false, label: { ...RESIDENT_SOURCE } };
  const ods = odsCodeOf(reference['identifier']);
  const organisation = type === 'Organization' || ods !== undefined;
  const name =
    (ods ? nameFor(organizations, ods) : undefined) ??
    (target && /^Organization\/[^/]+$/.test(target) ? named(organizations.get(target)) : undefined) ??
    display;
  if (!name) return undefined;
  return { organisation, label: { odsCode: ods ?? 'unknown', name } };
}

/** The source of a resource from standard FHIR fields and Provenance, when `meta.source` names none. */
function standardSource(resource: unknown, organizations: ReadonlyMap<string, string>): SourceLabel | undefined {
  if (!isObject(resource)) return undefined;
  const type = text(resource['resourceType']);
  const id = text(resource['id']);
  const provenance = type && id ? organizations.get(`provenance:${type}/${id}`) : undefined;
  const parties = [...ORGANISATION_FIELDS, ...PARTY_FIELDS].flatMap((field) =>
    referencesIn(resource[field]).flatMap((reference) => {
      // The patient an appointment or encounter is for, or a relative who came with them, took part: they are not its source.
      if (field === 'participant' && PARTICIPANTS_NOT_SOURCES.has(resolve(reference, resource).type ?? '')) return [];
      const party = partyOf(reference, resource, organizations);
      return party ? [party] : [];
    }),
  );
  const organisation = parties.find((party) => party.organisation);
  if (organisation) return organisation.label;
  const provenanceName = named(provenance);
  if (provenanceName) return { odsCode: 'unknown', name: provenanceName };
  return parties[0]?.label;
}

interface OrganizationLike {
  resourceType?: unknown;
  name?: unknown;
  identifier?: unknown;
}

/** The ODS code an Organization (or a reference's `identifier`) carries; `undefined` when none. */
export function odsCodeOf(identifiers: unknown): string | undefined {
  const list = Array.isArray(identifiers) ? identifiers : [identifiers];
  for (const identifier of list) {
    if (typeof identifier !== 'object' || identifier === null) continue;
    const { system, value } = identifier as { system?: unknown; value?: unknown };
    if (system === ODS_SYSTEM && typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

/**
 * The ODS code to name map `sourceOf` needs, from the Organization resources
 * among `resources` (others are ignored). The first name seen for a code wins.
 */
export function organizationNames(resources: Iterable<unknown>): Map<string, string> {
  const names = new Map<string, string>();
  for (const resource of resources) {
    if (typeof resource !== 'object' || resource === null) continue;
    const organization = resource as OrganizationLike;
    const name = named(organization.name);
    if (organization.resourceType !== 'Organization' || name === undefined) continue;
    const identifiers = Array.isArray(organization.identifier) ? organization.identifier : [];
    for (const identifier of identifiers) {
      const code = odsCodeOf(identifier);
      if (code && !names.has(code)) names.set(code, name);
    }
  }
  return names;
}

/**
 * What other servers name sources by, for `sourceOf`: each Organization in
 * the answer by `Organization/<id>`, and who each Provenance says provided the
 * items it targets, as `provenance:<Type>/<id>`. Merge them into the names map
 * beside `organizationNames`.
 */
export function referenceNames(resources: Iterable<unknown>): Map<string, string> {
  const names = new Map<string, string>();
  const all = [...resources].filter(isObject);
  for (const resource of all) {
    const name = named(resource['name']);
    const id = text(resource['id']);
    if (resource['resourceType'] === 'Organization' && name && id && !names.has(`Organization/${id}`))
      names.set(`Organization/${id}`, name);
  }
  for (const provenance of all.filter((resource) => resource['resourceType'] === 'Provenance')) {
    // Who provided the items a Provenance is about: its first agent that can be named.
    const agent = (Array.isArray(provenance['agent']) ? provenance['agent'] : [])
      .flatMap((item) => referencesIn(item))
      .map((reference) => named(reference['display']) ?? names.get(text(reference['reference']) ?? ''))
      .find((found): found is string => found !== undefined);
    if (!agent) continue;
    for (const target of referencesIn(provenance['target'])) {
      const reference = text(target['reference']);
      if (reference && !names.has(`provenance:${reference}`)) names.set(`provenance:${reference}`, agent);
    }
  }
  return names;
}

/** The ODS codes named by the sources of `resources` that `names` cannot name yet. */
export function unnamedSourceCodes(resources: Iterable<unknown>, names: ReadonlyMap<string, string>): string[] {
  const missing = new Set<string>();
  for (const resource of resources) {
    const code = sourceOdsCode(resource);
    if (code && nameFor(names, code) === undefined) missing.add(code);
  }
  return [...missing];
}

/** Names each client has already been given, and the lookups in flight, by ODS code. */
const shared = new WeakMap<HubClient, { names: Map<string, string>; pending: Map<string, Promise<void>> }>();

function sharedFor(hub: HubClient) {
  let known = shared.get(hub);
  if (!known) {
    known = { names: new Map(), pending: new Map() };
    shared.set(hub, known);
  }
  return known;
}

/** The organisation names this client has been given so far (ODS code to name). */
export function knownSourceNames(hub: HubClient): ReadonlyMap<string, string> {
  return sharedFor(hub).names;
}

/**
 * Names for the organisations that `resources` came from: those among them,
 * those this client already looked up, then one batch for the ODS codes still
 * not named. Single-flight per client: a code asked for while a lookup for it
 * is in flight joins that lookup, so the elements of one page (banner,
 * summary, medicines, timeline, results, appointments) ask for each
 * organisation once. Names are added to `names` (a new map by default), which
 * is returned. A name that cannot be read is left out, so the view models show
 * `Not known`, never another organisation's name; a failed lookup is tried
 * again by the next caller.
 */
export async function lookUpSourceNames(
  hub: HubClient,
  resources: readonly unknown[],
  call: CallOptions,
  names: Map<string, string> = new Map(),
): Promise<Map<string, string>> {
  const known = sharedFor(hub);
  for (const [code, name] of organizationNames(resources)) {
    if (!names.has(code)) names.set(code, name);
    if (!known.names.has(code)) known.names.set(code, name);
  }
  const missing = unnamedSourceCodes(resources, names);
  if (missing.length === 0) return names;
  const fresh = missing.filter((code) => !known.names.has(code) && !known.pending.has(code));
  if (fresh.length > 0) {
    const lookup = hub
      .batch(
        fresh.map((code) => batchRead('/Organization', { query: { identifier: `${ODS_SYSTEM}|${code}` } })),
        call,
      )
      .then((results) => {
        for (const result of results) {
          if (!result.ok) continue;
          const entries = (result.resource as { entry?: readonly { resource?: unknown }[] } | undefined)?.entry;
          const found = (Array.isArray(entries) ? entries : []).map((entry) => entry?.resource);
          for (const [code, name] of organizationNames(found)) if (!known.names.has(code)) known.names.set(code, name);
        }
      })
      // A lookup that failed names nothing ("Not known"); the next caller asks again.
      .catch(() => undefined)
      .finally(() => {
        for (const code of fresh) known.pending.delete(code);
      });
    for (const code of fresh) known.pending.set(code, lookup);
  }
  await Promise.all(missing.map((code) => known.pending.get(code)));
  for (const code of missing) {
    const name = known.names.get(code);
    if (name !== undefined && !names.has(code)) names.set(code, name);
  }
  return names;
}
