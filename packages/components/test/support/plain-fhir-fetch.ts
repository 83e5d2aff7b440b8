/**
 * A plain FHIR server for the resident's write screens, held in the page and
 * reached through the `fetch` the SDK's client is given, so the real client
 * (retries, conditional creates, `mayHaveBeenSaved`) and the real person-held
 * functions run unchanged: the fake is only at the edge. It keeps what is
 * created and updated, answers conditional creates (`If-None-Exist:
 * identifier=system|value`), `If-Match`, searches by patient, category and
 * status, batches of reads, and `$invite`; nothing of the hub's
 * `X-Request-ID` idempotency. A test spoils one chosen request as a network
 * or a server would.
 */
type Json = Record<string, unknown>;

/**
 * - `lost-before-sending`: the connection fails before the server sees the request;
 * - `lost-after-storing`: the server carries it out, then the connection drops before its answer;
 * - `refused-4xx`: the server refuses what it says (422, with a sentence for the screen);
 * - `failed-5xx`: the server fails (500) after carrying it out, as a gateway timing out does;
 * - `missing-scope`: 403 with the RFC 6750 `insufficient_scope` challenge;
 * - `lost-then-offline`: as `lost-after-storing`, and the connection stays down (`offline`) until the test restores it.
 */
export type WriteFault =
  'lost-before-sending' | 'lost-after-storing' | 'refused-4xx' | 'failed-5xx' | 'missing-scope' | 'lost-then-offline';
export const WRITE_FAULTS: readonly WriteFault[] = [
  'lost-before-sending',
  'lost-after-storing',
  'refused-4xx',
  'failed-5xx',
  'missing-scope',
  'lost-then-offline',
];

export interface PlainFhir {
  fetch: typeof fetch;
  /** Everything stored, by `Type/id`. */
  readonly resources: Map<string, Json>;
  add(resource: Json): Json;
  /** Spoils the next request whose `METHOD path` (path under the base, e.g. `POST Consent`) matches, once. */
  spoil(matches: RegExp, fault: WriteFault): void;
  readonly pending: number;
  /** While true, every request fails before it reaches the server, as with no connection. */
  offline: boolean;
  /** Every request, as `METHOD path`. */
  readonly seen: string[];
  ofType(type: string): Json[];
}

const fhirJson = { 'content-type': 'application/fhir+json' };
const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { ...fhirJson, ...headers } });
const outcome = (code: string, text?: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, ...(text ? { details: { text } } : {}) }],
});

const identifiers = (resource: Json) => (resource['identifier'] as { system?: string; value?: string }[] | undefined) ?? [];
const codings = (resource: Json, field: string) =>
  ((resource[field] as { coding?: { system?: string; code?: string }[] }[] | undefined) ?? []).flatMap((concept) => concept.coding ?? []);
const patientOf = (resource: Json) =>
  ((resource['patient'] ?? resource['subject']) as { reference?: string } | undefined)?.reference?.replace(/^Patient\//, '');

export function createPlainFhir(base: string): PlainFhir {
  const resources = new Map<string, Json>();
  const faults: { matches: RegExp; fault: WriteFault }[] = [];
  const seen: string[] = [];
  let next = 1;

  const add = (resource: Json): Json => {
    const type = String(resource['resourceType']);
    const stored = { ...resource, id: resource['id'] ?? `${type.toLowerCase()}-${next++}`, meta: { versionId: '1' } };
    resources.set(`${type}/${String(stored.id)}`, stored);
    return stored;
  };
  const ofType = (type: string) => [...resources.values()].filter((resource) => resource['resourceType'] === type);
  const etag = (resource: Json) => ({ etag: `W/"${(resource['meta'] as { versionId: string }).versionId}"` });

  function search(type: string, query: URLSearchParams): Json {
    const found = ofType(type).filter((resource) => {
      const patient = query.get('patient');
      if (patient && patientOf(resource) !== patient.replace(/^Patient\//, '')) return false;
      const status = query.getAll('status').flatMap((value) => value.split(','));
      if (status.length > 0 && !status.includes(String(resource['status']))) return false;
      const categories = query.getAll('category').flatMap((value) => value.split(','));
      if (categories.length > 0 && !codings(resource, 'category').some((coding) => categories.includes(`${coding.system}|${coding.code}`)))
        return false;
      return true;
    });
    return { resourceType: 'Bundle', type: 'searchset', entry: found.map((resource) => ({ resource })) };
  }

  function read(path: string, query: URLSearchParams): Response {
    if (/^[A-Za-z]+$/.test(path)) return answer(200, search(path, query));
    const found = resources.get(path);
    return found ? answer(200, found, etag(found)) : answer(404, outcome('not-found'));
  }

  async function handle(method: string, path: string, query: URLSearchParams, headers: Headers, body: Json | undefined): Promise<Response> {
    if (method === 'GET') return read(path, query);
    if (method === 'POST' && path === '') {
      const entries = ((body?.['entry'] as { request?: { url?: string } }[] | undefined) ?? []).map(async (entry) => {
        const url = new URL(entry.request?.url ?? '', 'http://batch.invalid/');
        const response = read(url.pathname.replace(/^\//, ''), url.searchParams);
        const resource = (await response.json()) as Json;
        return response.ok
          ? { resource, response: { status: String(response.status) } }
          : { response: { status: String(response.status), outcome: resource } };
      });
      return answer(200, { resourceType: 'Bundle', type: 'batch-response', entry: await Promise.all(entries) });
    }
    if (method === 'POST' && /^RelatedPerson\/[^/]+\/\$invite$/.test(path))
      return answer(200, {
        resourceType: 'Parameters',
        parameter: [
          { name: 'code', valueString: 'ABCD-EFGH-JKMN' },
          { name: 'expires', valueDateTime: '2026-12-13T00:00:00Z' },
        ],
      });
    if (method === 'POST' && /^[A-Za-z]+$/.test(path) && body) {
      const condition = headers.get('if-none-exist');
      if (condition) {
        const wanted = new URLSearchParams(condition).get('identifier') ?? '';
        const matches = ofType(path).filter((resource) => identifiers(resource).some((id) => `${id.system}|${id.value}` === wanted));
        if (matches.length === 1) return answer(200, matches[0], etag(matches[0]!));
      }
      const stored = add(body);
      return answer(201, stored, etag(stored));
    }
    if (method === 'PUT' && body) {
      const current = resources.get(path);
      if (!current) return answer(404, outcome('not-found'));
      const version = (current['meta'] as { versionId: string }).versionId;
      const ifMatch = headers.get('if-match');
      if (ifMatch && ifMatch !== `W/"${version}"`) return answer(412, outcome('conflict'));
      const stored = { ...body, meta: { versionId: String(Number(version) + 1) } };
      resources.set(path, stored);
      return answer(200, stored, etag(stored));
    }
    return answer(400, outcome('not-supported'));
  }

  const plain: PlainFhir = {
    resources,
    add,
    spoil(matches, fault) {
      faults.push({ matches, fault });
    },
    get pending() {
      return faults.length;
    },
    seen,
    ofType,
    offline: false,
    async fetch(input, init) {
      const request = new Request(input, init);
      const url = new URL(request.url);
      const path = url.pathname.slice(new URL(base).pathname.replace(/\/?$/, '/').length).replace(/\/$/, '');
      const text = request.method === 'GET' ? '' : await request.text();
      const body = text ? (JSON.parse(text) as Json) : undefined;
      const said = `${request.method} ${path}`;
      seen.push(said);
      if (plain.offline) throw new TypeError('Failed to fetch');
      const index = faults.findIndex((candidate) => candidate.matches.test(said));
      const fault = index === -1 ? undefined : faults.splice(index, 1)[0]?.fault;
      if (fault === 'lost-before-sending') throw new TypeError('Failed to fetch');
      if (fault === 'refused-4xx') return answer(422, outcome('business-rule', 'This could not be saved. Check it and try again.'));
      if (fault === 'missing-scope')
        return answer(403, outcome('forbidden'), {
          'www-authenticate': 'Bearer realm="fhir", error="insufficient_scope", scope="patient/Consent.u"',
        });
      const response = await handle(request.method, path, url.searchParams, request.headers, body);
      if (fault === 'lost-after-storing') throw new TypeError('Failed to fetch');
      if (fault === 'lost-then-offline') {
        plain.offline = true;
        throw new TypeError('Failed to fetch');
      }
      if (fault === 'failed-5xx') return answer(500, outcome('exception'));
      return response;
    },
  };
  return plain;
}
