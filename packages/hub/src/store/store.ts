/**
 * The hub's store, as one interface with two implementations: SQLite
 * (`sqlite-store.ts`, the embedded default) and PostgreSQL
 * (`postgres-store.ts`, for several hub processes on one database).
 * Everything the hub keeps lives here — resources and their search indexes,
 * the audit, care relationships, idempotency keys and the sign-in's state —
 * so that no hub process holds anything another would need.
 *
 * Every method answers with a Promise, and the access gate decides on what
 * they answer: always `await` them (the lint fails a Promise left in a
 * condition, where it would always be truthy).
 */
import { ODS_SYSTEM } from '@care-record/sdk';
import type { AuthStateStore } from '../auth/auth-state.js';
import type { DateCriterion } from './fhir-date.js';
import { storedLabels, type Visibility } from '../policy/visibility.js';
import {
  compartmentsOf,
  OTHER_COMPARTMENT,
  SHARED_COMPARTMENT_TYPES,
  searchDefinitions,
  type FhirJson,
  type Token,
} from './search-parameters.js';

export { isVisible, type Visibility } from '../policy/visibility.js';

/** How long a create's `X-Request-ID` is remembered: a repeat within it returns the original, after it is a new request. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface StoredResource {
  resource: FhirJson;
  versionId: string;
  lastUpdated: string;
}

/**
 * A stored resource as the store holds it: its JSON text, parsed only when
 * something needs to look inside it (the policy, a filter). An answer that
 * carries one is written with the stored text as it is (`stringifyAnswer`),
 * so a resource nobody looks at is neither parsed nor serialised again; the
 * text is what `JSON.stringify` wrote when the resource was stored, so that
 * re-serialising its parse gives the same text.
 *
 * Treat `resource` as read-only: a change to it would not be in the answer
 * (make a new object instead, as `ownEntities` does).
 */
export class StoredJson {
  #resource: FhirJson | undefined;

  constructor(
    readonly type: string,
    readonly id: string,
    readonly json: string,
    resource?: FhirJson,
  ) {
    this.#resource = resource;
  }

  /** The resource, parsed on first use. */
  get resource(): FhirJson {
    this.#resource ??= JSON.parse(this.json) as FhirJson;
    return this.#resource;
  }

  /** `JSON.stringify` sees the parsed resource: the parse-and-serialise path, kept for comparison. */
  toJSON(): FhirJson {
    return this.resource;
  }
}

/**
 * An answer body as JSON text, with every `StoredJson` in it written as its
 * stored text: the same text `JSON.stringify(value)` gives (which parses
 * each one and serialises it again), without that work.
 */
export function stringifyAnswer(value: unknown): string {
  return stringifyPart(value) ?? 'null';
}

function stringifyPart(value: unknown): string | undefined {
  if (value instanceof StoredJson) return value.json;
  if (Array.isArray(value)) return `[${value.map((item) => stringifyPart(item) ?? 'null').join(',')}]`;
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return JSON.stringify(value) as string | undefined;
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = stringifyPart(item);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

/** One search parameter's values: a resource matches when any value matches (FHIR OR). */
export type Criterion =
  | { kind: 'token'; name: string; values: Token[]; anySystem: boolean[] }
  | { kind: 'string'; name: string; prefixes: string[] }
  | { kind: 'date'; name: string; criteria: DateCriterion[] }
  | { kind: 'lastUpdated'; criteria: DateCriterion[] }
  | { kind: 'id'; ids: string[] }
  /** Residents this organisation has a care relationship with. */
  | { kind: 'relatedTo'; organizationId: string };

export interface SearchQuery {
  type: string;
  patientId?: string | undefined;
  criteria: Criterion[];
  sort: { by: 'date' | 'text' | 'lastUpdated'; descending: boolean };
  count: number;
  after?: PageCursor | undefined;
  visibility: Visibility;
}

/**
 * A resident's items of several types at once, for one reader (the summary's
 * sections): what a search of each type, with no criteria, sorted as `sort`,
 * would answer, without its totals — the first `limit` of each type, and how
 * many of the resident's items of these types the reader's visibility
 * withholds (the sum of the searches' `withheld`).
 */
export interface CompartmentQuery {
  patientId: string;
  types: readonly string[];
  sort: SearchQuery['sort'];
  /** The most items of one type. */
  limit: number;
  visibility: Visibility;
}

export interface CompartmentResult {
  /** Each type's items, in its search's order (every asked type is here, perhaps with none). */
  byType: Map<string, StoredJson[]>;
  withheld: number;
}

/** A compartment read's rows (`json` null when withheld), in order, as its result. */
export function compartmentResult(
  query: CompartmentQuery,
  rows: readonly { type: string; id: string; json: string | null }[],
): CompartmentResult {
  const byType = new Map<string, StoredJson[]>(query.types.map((type) => [type, []]));
  let withheld = 0;
  for (const row of rows) {
    if (row.json === null) {
      withheld += 1;
      continue;
    }
    const items = byType.get(row.type);
    if (items && items.length < query.limit) items.push(new StoredJson(row.type, row.id, row.json));
  }
  return { byType, withheld };
}

export interface PageCursor {
  key: number | string | null;
  id: string;
}

export interface SearchResult {
  /** The page, as stored (parsed when looked at). */
  matches: StoredJson[];
  /** The page, parsed (on first use). */
  readonly resources: FhirJson[];
  total: number;
  next: PageCursor | undefined;
  /** How many matching items the visibility rules left out (never which). */
  withheld: number;
}

export interface IdempotentWrite {
  fingerprint: string;
  type: string;
  id: string;
}

/** An invitation to act for a resident: only the hash of its code is kept. */
export interface StoredInvitation {
  codeHash: string;
  patientId: string;
  relatedPersonId: string;
  /** Milliseconds since the epoch. */
  expires: number;
  /**
   * The proxy permissions (Consent ids) it was made for, those the resident saw and invited on: only these come into
   * force when it is accepted. Undefined for an invitation saved before they were kept.
   */
  consentIds?: string[];
}

/** The `consentIds` of an invitation as stored (a JSON list, or null for one saved before they were kept). */
export function consentIdsOf(stored: string | null | undefined): { consentIds?: string[] } {
  if (typeof stored !== 'string') return {};
  const parsed = JSON.parse(stored) as unknown;
  return Array.isArray(parsed) ? { consentIds: parsed.filter((id): id is string => typeof id === 'string') } : {};
}

/** A resident's care relationship with an organisation. */
export interface Relationship {
  patientId: string;
  organizationId: string;
}

/** A resource's id, stored labels (`storedLabels`) and source (`meta.source`), as `labelledOfType` gives them. */
export interface LabelledRow {
  id: string;
  labels: string;
  source: string | null;
}

export interface HubStore {
  /** Which database holds the store. */
  readonly kind: 'sqlite' | 'postgres';

  read(type: string, id: string): Promise<StoredResource | undefined>;
  /** Reads several resources by reference (`Type/id`), in the order given, skipping any that don't exist. */
  readReferences(references: Iterable<string>): Promise<StoredJson[]>;
  /**
   * Writes a resource (a new version if it exists), stamping `meta.versionId`
   * and `meta.lastUpdated`, and indexes its search values.
   */
  put(resource: FhirJson, lastUpdated?: number): Promise<StoredResource>;
  /**
   * Rewrites a stored resource's current version in place, keeping its `meta.versionId` and `meta.lastUpdated`, and
   * indexes it again. Only for a change no reader but the one it concerns is shown (a carer's own account link,
   * removed from every other answer): a new version would tell everyone else that something changed.
   */
  putInPlace(resource: FhirJson): Promise<StoredResource>;
  /** Writes many new resources at once (seeding): as `put`, without answering each. */
  putMany(resources: readonly FhirJson[], lastUpdated: number): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** A resident's items of several types in one read (see `CompartmentQuery`): the same items and withheld count as a search of each. */
  compartment(query: CompartmentQuery): Promise<CompartmentResult>;
  /** The Organization with this ODS code, if the directory has it. */
  organizationByOds(odsCode: string): Promise<FhirJson | undefined>;
  /**
   * The id and stored labels (`storedLabels`) of each resource of this type that carries any, as they are now: what
   * an item naming one takes on when it is read (a prescription its Medication's, `withLabelledSources`) — and of
   * each from one of these sources, labelled or not (one withheld by its source, `labelledSources`, `hiddenSources`).
   */
  labelledOfType(type: string, sources?: readonly string[]): Promise<LabelledRow[]>;

  relate(patientId: string, organizationId: string): Promise<void>;
  relateMany(relationships: readonly Relationship[]): Promise<void>;
  isRelated(patientId: string, organizationId: string): Promise<boolean>;

  /**
   * The earlier result of an idempotent write with this key, if there was one
   * in the last 24 hours (the contract keeps keys that long; an older one is
   * as good as gone even before it is pruned).
   */
  findIdempotentWrite(key: string, now?: number): Promise<IdempotentWrite | undefined>;
  /** Remembers a write's key; false when the key is already taken (another process got there first). */
  recordIdempotentWrite(key: string, fingerprint: string, type: string, id: string, now?: number): Promise<boolean>;
  /** Forgets idempotency keys older than 24 hours; returns how many went. */
  pruneIdempotentWrites(now?: number): Promise<number>;

  /** Keeps an invitation, replacing any earlier one for the same person (and dropping expired ones). */
  saveInvitation(invitation: StoredInvitation, now?: number): Promise<void>;
  /** The invitation with this code hash, if there is one (expired or not: the caller checks). */
  findInvitation(codeHash: string): Promise<StoredInvitation | undefined>;
  /** When the open invitation for this person expires, if they have one. */
  invitationExpiry(relatedPersonId: string): Promise<number | undefined>;
  /** Cancels any invitation for this person (used, replaced or withdrawn), and drops expired ones. */
  dropInvitation(relatedPersonId: string, now?: number): Promise<void>;
  /** Records a code that did not work, for this account; returns how many since `since` (this one included). */
  recordInvitationFailure(account: string, at: number, since: number): Promise<number>;
  /** How many codes that did not work this account has tried since `since`. */
  invitationFailures(account: string, since: number): Promise<number>;
  /**
   * Removes AuditEvents recorded before `before` (the audit's retention period); returns how many went.
   * PostgreSQL drops whole months at once, so a cut at the start of a month costs nothing per event.
   */
  pruneAuditEvents(before: number): Promise<number>;

  meta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;

  /**
   * Runs `work` in one transaction, on the store it is given (not this one):
   * committed when it resolves, rolled back when it rejects.
   */
  transaction<T>(work: (store: HubStore) => Promise<T>): Promise<T>;
  /** Loads a new, empty store in bulk (indexes built once at the end where that is faster). */
  bulkLoad(load: (store: HubStore) => Promise<void>): Promise<void>;

  /** Where the sign-in keeps its sessions, codes and signing key: shared by every hub process on the store. */
  authState(): AuthStateStore;

  /**
   * Plain SQL with `?` placeholders, for tests and tools that look inside the
   * store; the tables are the same in both databases.
   */
  query<Row = Record<string, unknown>>(sql: string, values?: readonly unknown[]): Promise<Row[]>;

  close(): Promise<void>;
}

/** A resource as both stores write it: its row's values and its search index entries. */
export interface IndexedResource {
  type: string;
  id: string;
  /** The resident it belongs to (for an AuditEvent, the resident whose record was looked at); null for none. */
  patientId: string | null;
  version: number;
  lastUpdated: number;
  sortDate: number | null;
  sortText: string | null;
  source: string | null;
  labels: string;
  json: string;
  tokens: { name: string; system: string; code: string }[];
  dates: { name: string; start: number; end: number }[];
  stored: StoredResource;
}

/** Stamps a resource's version and time, and works out what the store indexes of it. */
export function indexResource(resource: FhirJson, version: number, lastUpdated: number): IndexedResource {
  const type = String(resource['resourceType']);
  const id = String(resource['id']);
  const meta: FhirJson & { versionId: string; lastUpdated: string } = {
    ...(resource['meta'] as FhirJson | undefined),
    versionId: String(version),
    lastUpdated: new Date(lastUpdated).toISOString(),
  };
  const stored = { ...resource, meta };
  const definition = searchDefinitions[type];
  const tokens: IndexedResource['tokens'] = [];
  const dates: IndexedResource['dates'] = [];
  for (const [name, parameter] of Object.entries(definition?.parameters ?? {})) {
    if (parameter.kind === 'date') for (const range of parameter.values(stored)) dates.push({ name, ...range });
    else for (const value of parameter.values(stored)) tokens.push({ name, system: value.system, code: value.code });
  }
  // Kept under the first resident it names; found by each of the others through these entries.
  const [patientId = null, ...others] = type === 'AuditEvent' ? [] : compartmentsOf(stored);
  if (SHARED_COMPARTMENT_TYPES.has(type)) for (const other of others) tokens.push({ name: OTHER_COMPARTMENT, system: '', code: other });
  return {
    type,
    id,
    patientId: type === 'AuditEvent' ? auditedPatient(stored) : patientId,
    version,
    lastUpdated,
    sortDate: definition?.sortDate?.value(stored) ?? null,
    sortText: definition?.sortText?.value(stored) ?? null,
    source: typeof meta['source'] === 'string' ? meta['source'] : null,
    labels: storedLabels(stored),
    json: JSON.stringify(stored),
    tokens,
    dates,
    stored: { resource: stored, versionId: meta.versionId, lastUpdated: meta.lastUpdated },
  };
}

/** A search's answer, its page parsed only when `resources` is first asked for. */
export function searchResult(matches: StoredJson[], total: number, next: PageCursor | undefined, withheld: number): SearchResult {
  let resources: FhirJson[] | undefined;
  return {
    matches,
    get resources() {
      resources ??= matches.map((match) => match.resource);
      return resources;
    },
    total,
    next,
    withheld,
  };
}

/** An AuditEvent belongs to the resident whose record was looked at (its Patient entity). */
function auditedPatient(event: FhirJson): string | null {
  for (const entity of (event['entity'] as { what?: { reference?: unknown } }[] | undefined) ?? []) {
    const reference = entity.what?.reference;
    if (typeof reference === 'string' && reference.startsWith('Patient/')) return reference.slice('Patient/'.length);
  }
  return null;
}

/** The query `organizationByOds` runs, the same in both stores (with several codes: the organisations with any of them). */
export function organizationByOdsQuery(odsCode: string, ...more: string[]): SearchQuery {
  return {
    type: 'Organization',
    criteria: [
      {
        kind: 'token',
        name: 'identifier',
        values: [odsCode, ...more].map((code) => ({ system: ODS_SYSTEM, code })),
        anySystem: [odsCode, ...more].map(() => false),
      },
    ],
    sort: { by: 'text', descending: false },
    count: more.length === 0 ? 1 : 100,
    visibility: { hiddenLabels: [] },
  };
}

/**
 * The organisation each ODS code names, as `organizationByOds` finds it (the
 * first by name, then id, of those with the code), in one search rather than
 * one a code: each found organisation's codes are read with the same
 * function the store indexes them with. Codes no organisation has are absent.
 */
export async function organizationsByOds(store: HubStore, odsCodes: Iterable<string>): Promise<Map<string, FhirJson>> {
  const codes = [...new Set(odsCodes)];
  const found = new Map<string, FhirJson>();
  const [first, ...more] = codes;
  if (first === undefined) return found;
  const result = await store.search(organizationByOdsQuery(first, ...more));
  if (result.next) {
    // More organisations share these codes than one page holds: one search a code.
    for (const code of codes) {
      const organization = await store.organizationByOds(code);
      if (organization) found.set(code, organization);
    }
    return found;
  }
  for (const organization of result.resources)
    for (const code of odsCodesHeld(organization)) if (codes.includes(code) && !found.has(code)) found.set(code, organization);
  return found;
}

/**
 * Every directory organisation holding each ODS code, by id (not only the first, as `organizationsByOds` answers for a
 * source's name): a deny of a code must refuse every entry a caller may sign in under.
 */
export async function organizationsHoldingOds(store: HubStore, codes: readonly string[]): Promise<Map<string, string[]>> {
  const holders = new Map<string, string[]>();
  const [first, ...more] = codes;
  if (first === undefined) return holders;
  let after: PageCursor | undefined;
  do {
    const page = await store.search({ ...organizationByOdsQuery(first, ...more), count: 200, ...(after === undefined ? {} : { after }) });
    for (const organization of page.resources) {
      const id = organization['id'];
      if (typeof id !== 'string') continue;
      for (const code of odsCodesHeld(organization))
        if (codes.includes(code) && !holders.get(code)?.includes(id)) holders.set(code, [...(holders.get(code) ?? []), id]);
    }
    after = page.next;
  } while (after !== undefined);
  return holders;
}

/** The ODS codes a directory entry holds, read with the function the store indexes them with. */
export function odsCodesHeld(organization: FhirJson): string[] {
  const identifiers = searchDefinitions['Organization']?.parameters['identifier'];
  if (identifiers?.kind !== 'token') return [];
  return identifiers
    .values(organization)
    .filter((token) => token.system === ODS_SYSTEM)
    .map((token) => token.code);
}

/** `Type/id` references as distinct pairs, skipping any that are not references. */
export function referencePairs(references: Iterable<string>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const reference of new Set(references)) {
    const [type, id] = reference.split('/');
    if (type && id) pairs.push([type, id]);
  }
  return pairs;
}
