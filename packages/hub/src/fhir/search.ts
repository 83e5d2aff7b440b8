/**
 * FHIR search over the store: request parameters → a store query → a
 * searchset Bundle with `self`/`next` links, `_include`d resources, and the
 * OperationOutcome entries that say items were withheld or a source did not
 * answer.
 */
import { aboutNoResidentTypes, placeOfItem } from '../policy/access-policy.js';
import { parseDateCriterion } from '../store/fhir-date.js';
import { searchDefinitions, pick, type FhirJson, type Token } from '../store/search-parameters.js';
import { isWithheld } from '../policy/visibility.js';
import {
  isVisible,
  type Criterion,
  type HubStore,
  type PageCursor,
  type SearchQuery,
  type StoredJson,
  type Visibility,
} from '../store/store.js';
import { invalidSearch, operationOutcome, type OperationOutcomeJson } from './outcome.js';

const redacted = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED', display: 'redacted' };
const sourceSystem = 'https://care-record.example/source';

export interface SourceOutage {
  /** The source system URI, `https://care-record.example/source/<ODS>`. */
  source: string;
  odsCode: string;
  name: string;
}

/** What a Bundle says, beyond its entries: that items were withheld, that sources did not answer. */
export function noticeEntries(
  withheld: number,
  outages: SourceOutage[],
): { resource: OperationOutcomeJson; search: { mode: 'outcome' } }[] {
  const entries: { resource: OperationOutcomeJson; search: { mode: 'outcome' } }[] = [];
  if (withheld > 0) {
    entries.push({
      resource: operationOutcome('information', 'suppressed', 'INFORMATION_WITHHELD', 'Some information is not shown'),
      search: { mode: 'outcome' },
    });
  }
  for (const outage of outages) {
    const outcome = operationOutcome(
      'warning',
      'incomplete',
      'SOURCE_UNAVAILABLE',
      `${outage.name} did not respond; its records are not included`,
    );
    outcome.issue[0]?.details?.coding.push({ system: sourceSystem, code: outage.odsCode, display: outage.name });
    entries.push({ resource: outcome, search: { mode: 'outcome' } });
  }
  return entries;
}

export function bundleMeta(withheld: number): { meta?: { security: (typeof redacted)[] } } {
  return withheld > 0 ? { meta: { security: [redacted] } } : {};
}

function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): PageCursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if ((typeof key === 'number' || typeof key === 'string' || key === null) && typeof id === 'string') return { key, id };
  } catch {
    // Reported below.
  }
  throw invalidSearch('The paging cursor is not valid: follow the Bundle’s next link', '_cursor');
}

function criterionFor(type: string, name: string, values: string[]): Criterion | undefined {
  if (name === '_id') return { kind: 'id', ids: values };
  if (name === '_lastUpdated') return { kind: 'lastUpdated', criteria: values.map((value) => dateCriterion(name, value)) };
  const parameter = searchDefinitions[type]?.parameters[name];
  if (!parameter) return undefined;
  switch (parameter.kind) {
    case 'date':
      return { kind: 'date', name, criteria: values.map((value) => dateCriterion(name, value)) };
    case 'string':
      return { kind: 'string', name, prefixes: values.map((value) => value.toLowerCase()) };
    case 'reference': {
      const references = values.map((value) => ({ system: '', code: value.includes('/') ? value : `${parameter.target}/${value}` }));
      return { kind: 'token', name, values: references, anySystem: references.map(() => false) };
    }
    case 'token': {
      const tokens = values.map((value) => {
        const bar = value.indexOf('|');
        return bar === -1 ? { system: '', code: value } : { system: value.slice(0, bar), code: value.slice(bar + 1) };
      });
      return { kind: 'token', name, values: tokens, anySystem: values.map((value) => !value.includes('|')) };
    }
  }
}

/**
 * Whether a resource matches a token search (`identifier=system|value`, `value`, `system|`) by the values `shown`
 * keeps: the store's token match (`search-sql.ts`) over what the caller's answer will show of the resource, so that a
 * search never matches by what the answer then leaves out.
 */
export function matchesShownTokens(type: string, name: string, values: string[], resource: FhirJson, shown: (token: Token) => boolean) {
  const parameter = searchDefinitions[type]?.parameters[name];
  const criterion = criterionFor(type, name, values);
  if (parameter === undefined || parameter.kind === 'date' || criterion?.kind !== 'token') return true;
  const tokens = parameter.values(resource).filter(shown);
  return criterion.values.some((value, index) =>
    tokens.some((token) =>
      criterion.anySystem[index]
        ? token.code === value.code
        : value.code === ''
          ? token.system === value.system
          : token.system === value.system && token.code === value.code,
    ),
  );
}

/**
 * The reference search values (`source=RelatedPerson/…`) of this query, each as the `Type/id` it matches, by parameter:
 * a reference whose target is withheld from the reader is left out of what they read (`withheld-references.ts`), so a
 * search must not match by it either.
 */
export function referenceValues(type: string, query: Map<string, string[]>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, values] of query) {
    const parameter = searchDefinitions[type]?.parameters[name];
    if (parameter?.kind === 'reference')
      found.set(
        name,
        values.map((value) => (value.includes('/') ? value : `${parameter.target}/${value}`)),
      );
  }
  return found;
}

/** Whether a resource matches every reference search of the query by a reference its answer shows (not `withheld`). */
export function matchesShownReferences(
  type: string,
  references: Map<string, string[]>,
  resource: FhirJson,
  withheld: ReadonlySet<string>,
): boolean {
  for (const [name, values] of references) {
    const parameter = searchDefinitions[type]?.parameters[name];
    if (parameter === undefined || parameter.kind !== 'reference') continue;
    const shown = parameter.values(resource).filter((token) => !withheld.has(token.code));
    if (!values.some((value) => shown.some((token) => token.code === value))) return false;
  }
  return true;
}

function dateCriterion(name: string, value: string) {
  const criterion = parseDateCriterion(value);
  if (!criterion) throw invalidSearch(`The search parameter "${name}" is not a FHIR date`, name);
  return criterion;
}

const controlParameters = new Set(['patient', '_sort', '_count', '_cursor', '_include', '_summary']);

export interface SearchRequest {
  type: string;
  query: Map<string, string[]>;
  patientId: string | undefined;
  visibility: Visibility;
  /** Extra criteria the access policy adds (e.g. a resident may only find themself). */
  policyCriteria?: Criterion[];
  /** Whether the caller may see resources of an `_include`d type. */
  mayInclude?: (type: string) => boolean;
  /** A last check on each match (a Patient search leaves out residents who declined to share with the caller). */
  admits?: (resource: FhirJson) => Promise<boolean>;
}

export function toStoreQuery(request: SearchRequest): SearchQuery {
  const definition = searchDefinitions[request.type];
  const criteria: Criterion[] = [...(request.policyCriteria ?? [])];
  for (const [name, values] of request.query) {
    if (controlParameters.has(name)) continue;
    const criterion = criterionFor(request.type, name, values);
    if (criterion) criteria.push(criterion);
  }
  const sortParameter = request.query.get('_sort')?.[0];
  let sort: SearchQuery['sort'];
  if (sortParameter) {
    const descending = sortParameter.startsWith('-');
    const name = sortParameter.replace(/^-/, '');
    const by = name === '_lastUpdated' ? 'lastUpdated' : definition?.sortText?.parameter === name ? 'text' : 'date';
    sort = { by, descending };
  } else if (definition?.sortDate) sort = { by: 'date', descending: true };
  // A type with no date or name of its own (the people on a record) is in order of id: never by when an item last
  // changed, which would move an item the reader sees in part when only its hidden part changed, and carry the time in
  // the `next` link's cursor (R13). Its text key is empty, so the store orders it by id alone.
  else sort = { by: 'text', descending: false };
  const cursor = request.query.get('_cursor')?.[0];
  return {
    type: request.type,
    patientId: request.patientId,
    criteria,
    sort,
    count: Number(request.query.get('_count')?.[0] ?? 50),
    after: cursor ? decodeCursor(cursor) : undefined,
    visibility: request.visibility,
  };
}

export interface SearchBundleOptions {
  store: HubStore;
  request: SearchRequest;
  /** The FHIR base URL the links and fullUrls are written with. */
  baseUrl: string;
  outages: SourceOutage[];
}

export async function searchBundle({ store, request, baseUrl, outages }: SearchBundleOptions): Promise<FhirJson> {
  // `_summary=count`: the same search and visibility, answering only how many match (a page of none). A search
  // whose matches the policy still checks one by one (`admits`) is counted after that check, never before.
  const countOnly = request.query.get('_summary')?.[0] === 'count';
  let result: { matches: StoredJson[]; total: number; next: PageCursor | undefined; withheld: number };
  if (request.admits) result = await admittedSearch(store, request, request.admits, countOnly);
  else {
    const searched = await store.search({ ...toStoreQuery(request), ...(countOnly ? { count: 0, after: undefined } : {}) });
    result = { matches: searched.matches, total: searched.total, next: countOnly ? undefined : searched.next, withheld: searched.withheld };
  }
  const selfParameters = new URLSearchParams();
  for (const [name, values] of request.query) for (const value of values) selfParameters.append(name, value);
  const link = [{ relation: 'self', url: `${baseUrl}/${request.type}?${selfParameters.toString()}` }];
  if (result.next && !countOnly) {
    const nextParameters = new URLSearchParams(selfParameters);
    nextParameters.set('_cursor', encodeCursor(result.next));
    link.push({ relation: 'next', url: `${baseUrl}/${request.type}?${nextParameters.toString()}` });
  }
  const includePaths = (request.query.get('_include') ?? []).flatMap((include) => {
    const path = searchDefinitions[request.type]?.includes?.[include];
    return path ? [path] : [];
  });
  const references = result.matches
    .flatMap((match) => includePaths.flatMap((path) => pick(match.resource, path)))
    .filter((value): value is string => typeof value === 'string');
  // Included resources pass the same checks as a read of each by its id (`includedAsRead`).
  const included =
    references.length === 0 ? [] : (await store.readReferences(references)).filter(({ resource }) => includedAsRead(resource, request));
  const withheld = result.withheld + (await withheldOfIncludedTypes(store, request, references));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...bundleMeta(withheld),
    total: result.total,
    link,
    entry: [
      ...result.matches.map((match) => ({
        fullUrl: `${baseUrl}/${request.type}/${match.id}`,
        resource: match,
        search: { mode: 'match' },
      })),
      ...included.map((match) => ({
        fullUrl: `${baseUrl}/${match.type}/${match.id}`,
        resource: match,
        search: { mode: 'include' },
      })),
      ...noticeEntries(withheld, outages),
    ],
  };
}

/**
 * Whether `_include` may bring this item into this search's answer: as a read of it by its id would give it to the same
 * reader (R13) — a type they may read; the directory (about no resident), or an item on the record searched
 * (`placeOfItem`: never one naming no resident, which no read opens, nor one on only another resident's record, which
 * is never shown under this one's); and visible to them on that record.
 */
export function includedAsRead(resource: FhirJson, request: Pick<SearchRequest, 'patientId' | 'visibility' | 'mayInclude'>): boolean {
  const place = placeOfItem(resource);
  return (
    (request.mayInclude?.(String(resource['resourceType'])) ?? true) &&
    (place === 'directory' || (place !== 'nobody' && request.patientId !== undefined && place.includes(request.patientId))) &&
    isVisible(resource, request.visibility)
  );
}

/**
 * What `_include` leaves out is announced as the matches' withheld items are (R13): for each resident-record type
 * the matches refer to and the caller may read, whether the resident has any item of it withheld from the caller —
 * counted over the whole record, never by the references, so that the notice does not tell a withheld item from a
 * reference to nothing.
 */
async function withheldOfIncludedTypes(store: HubStore, request: SearchRequest, references: string[]): Promise<number> {
  if (request.patientId === undefined) return 0;
  const types = new Set(
    references
      .map((reference) => /^([A-Z][A-Za-z]+)\//.exec(reference)?.[1] ?? '')
      .filter(
        (type) =>
          type !== request.type &&
          type !== 'Patient' &&
          searchDefinitions[type] !== undefined &&
          !aboutNoResidentTypes.has(type) &&
          (request.mayInclude?.(type) ?? true),
      ),
  );
  let withheld = 0;
  for (const type of types) {
    const counted = await store.search({
      type,
      patientId: request.patientId,
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: 0,
      visibility: request.visibility,
    });
    withheld += counted.withheld;
  }
  return withheld;
}

/** The most matches a search the policy checks item by item looks at: a search to find a resident, not to list them. */
export const MOST_CHECKED_MATCHES = 1_000;
/** The cursor's key in a search the policy checks item by item: the position is the last admitted match's id. */
const ADMITTED = 'admitted';

/**
 * A search whose matches the policy checks one by one (a Patient search: a
 * professional never finds a resident who declined to share with them, a
 * carer only those they act for today). Every match is checked before
 * anything is answered, so that neither `total` nor the `next` link says
 * anything of a match the caller may not see: the total counts admitted
 * matches only, and the cursor names the last admitted match, never a row
 * after it. A search matching more than `MOST_CHECKED_MATCHES` is refused:
 * it is asked to name the resident more closely.
 */
async function admittedSearch(
  store: HubStore,
  request: SearchRequest,
  admits: (resource: FhirJson) => Promise<boolean>,
  countOnly: boolean,
): Promise<{ matches: StoredJson[]; total: number; next: PageCursor | undefined; withheld: number }> {
  const query = toStoreQuery(request);
  const admitted: StoredJson[] = [];
  let withheld = 0;
  let checked = 0;
  let after: PageCursor | undefined;
  do {
    const searched = await store.search({ ...query, count: 200, after });
    if (after === undefined) withheld = searched.withheld;
    checked += searched.matches.length;
    if (checked > MOST_CHECKED_MATCHES)
      throw invalidSearch(
        `More than ${MOST_CHECKED_MATCHES} match this search: name the person more closely (an identifier, or a family name with a date of birth)`,
        '_count',
      );
    admitted.push(...(await admittedOnly(searched.matches, admits)));
    after = searched.next;
  } while (after);
  if (countOnly) return { matches: [], total: admitted.length, next: undefined, withheld };
  const from = query.after;
  // A cursor that names no admitted match (altered, or the match has gone) starts past the end: nothing is guessed.
  const start =
    from === undefined
      ? 0
      : from.key === ADMITTED
        ? admitted.findIndex((match) => match.id === from.id) + 1 || admitted.length
        : admitted.length;
  const page = admitted.slice(start, start + query.count);
  const last = page.at(-1);
  return {
    matches: page,
    total: admitted.length,
    next: start + query.count < admitted.length && last ? { key: ADMITTED, id: last.id } : undefined,
    withheld,
  };
}

/**
 * Whether a search the policy checks item by item (a Patient search) matched someone the policy admits but whose
 * entry is withheld from this viewer by its labels (R11: restricted, sensitive by content, `NOPAT` for the resident):
 * the same search with nothing kept back by labels, admitted by the same check, and any match the viewer's own
 * visibility withholds. Said as one notice whatever the number, so that the answer tells that someone is not shown,
 * never who or how many; a match the policy would not admit anyway is not counted, so it tells no more of whom the
 * viewer cannot find than the empty answer did.
 */
export async function withholdsAdmittedMatch(
  store: HubStore,
  request: SearchRequest,
  admits: (resource: FhirJson) => Promise<boolean>,
): Promise<boolean> {
  const opened: Visibility = { hiddenLabels: [], unavailableSources: request.visibility.unavailableSources };
  const query = { ...toStoreQuery({ ...request, visibility: opened }), after: undefined };
  let checked = 0;
  let after: PageCursor | undefined;
  do {
    const searched = await store.search({ ...query, count: 200, after });
    checked += searched.matches.length;
    const withheld = searched.matches.filter((match) => isWithheld(match.resource, request.visibility));
    if ((await admittedOnly(withheld, admits)).length > 0) return true;
    after = checked < MOST_CHECKED_MATCHES ? searched.next : undefined;
  } while (after);
  return false;
}

/** The matches the policy's last check admits, in their order. */
async function admittedOnly(matches: StoredJson[], admits: (resource: FhirJson) => Promise<boolean>): Promise<StoredJson[]> {
  const verdicts = await Promise.all(matches.map((match) => admits(match.resource)));
  return matches.filter((_match, index) => verdicts[index] === true);
}
