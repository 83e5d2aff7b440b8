import type { paths } from '../generated/hub.js';
import type { BatchResponseBundle, Bundle } from '../fhir.js';
import { HubError } from './hub-error.js';
import { readBatchResponse, toBatchBundle, type BatchRead, type BatchResult, type BatchResults } from './batch.js';
import { Transport, type HubResponse, type TransportOptions } from './transport.js';
import type { CallOptions, HttpMethod, InitArgs, OperationOf, PathsWithMethod, RequestInit, SuccessBody } from './types.js';
import { relativeTarget } from './url.js';
import { checkResource } from './contract-checks.js';

export interface HubClientOptions extends TransportOptions {
  /**
   * How `batch` sends its reads: `'batch'` (default) as one FHIR batch
   * (`POST [base]`), one round trip; `'parallel'` as separate GETs sent
   * together, for a server that works through a batch one entry at a time
   * (`npx @care-record/sdk check` measures which a server is). The answers
   * are the same either way. A server that turns a batch away as not
   * supported (404, 405, 501, or an OperationOutcome `not-supported`) is sent
   * separate GETs from then on.
   */
  batchReads?: 'batch' | 'parallel';
}
export type { HubResponse };

type GetPath = PathsWithMethod<paths, 'get'>;
type PostPath = PathsWithMethod<paths, 'post'>;
type GetOp<K extends GetPath> = OperationOf<paths, K, 'get'>;
type PostOp<K extends PostPath> = OperationOf<paths, K, 'post'>;

/** The resources a search response's entries can hold. */
type EntryResource<B> = B extends { entry?: readonly (infer E)[] } ? (E extends { resource?: infer R } ? R : never) : never;

/** GET paths that answer with a searchset Bundle (they can be paged). */
export type SearchPath = {
  [K in GetPath]: SuccessBody<GetOp<K>> extends { type: 'searchset' } ? K : never;
}[GetPath];

/** The resource type a search path searches: `/Observation` → `Observation`. */
type SearchedType<K extends string> = K extends `/${infer T}` ? T : never;

/** What a search's matches are: its entries' resources of the searched type (not `_include`d ones or OperationOutcomes). */
export type SearchMatch<K extends SearchPath> = Extract<EntryResource<SuccessBody<GetOp<K>>>, { resourceType: SearchedType<K> }>;

export interface CollectOptions {
  /** Stop after this many matches (the last page may be cut short). */
  max: number;
}

export interface HubClient {
  /** The hub's FHIR base URL, always ending in `/`. */
  readonly baseUrl: string;
  /**
   * Who this client signs in as, as its token source says now (`auth.fhirUser`, e.g. `RelatedPerson/123`);
   * `undefined` for a bare token, or a source that does not say. Another value is another person.
   */
  readonly fhirUser?: string | undefined;
  /** Reads or searches: `get('/Patient/{id}', { path: { id } })`. Resolves to the parsed body. */
  get<K extends GetPath>(path: K, ...init: InitArgs<GetOp<K>>): Promise<SuccessBody<GetOp<K>>>;
  /** Creates (or batch-reads): `post('/Observation', { body, idempotencyKey })`. Resolves to the parsed body. */
  post<K extends PostPath>(path: K, ...init: InitArgs<PostOp<K>>): Promise<SuccessBody<PostOp<K>>>;
  /**
   * Like `get`/`post`, with the status, ETag, headers and request id as well as the body. Also the only way to
   * `put` (an update, e.g. `PUT /Consent/{id}` with `If-Match` in `headers`), which is never retried.
   */
  request<M extends HttpMethod, K extends PathsWithMethod<paths, M>>(
    method: M,
    path: K,
    ...init: InitArgs<OperationOf<paths, K, M>>
  ): Promise<HubResponse<SuccessBody<OperationOf<paths, K, M>>>>;
  /** Every page of a search, following `link[next]`, as long as the loop asks for more. */
  pages<K extends SearchPath>(path: K, ...init: InitArgs<GetOp<K>>): AsyncIterable<SuccessBody<GetOp<K>>>;
  /** Every match of a search across pages (entries with `search.mode` `match`). */
  matches<K extends SearchPath>(path: K, ...init: InitArgs<GetOp<K>>): AsyncIterable<SearchMatch<K>>;
  /** Up to `max` matches of a search, fetching only the pages needed. */
  collect<K extends SearchPath>(path: K, init: RequestInit<GetOp<K>>, options: CollectOptions): Promise<SearchMatch<K>[]>;
  /**
   * Several reads in one round trip (`POST /` with a batch Bundle). Each entry
   * succeeds or fails on its own; the answer is in the order asked.
   */
  batch<const R extends readonly BatchRead<unknown>[]>(reads: R, options?: CallOptions): Promise<BatchResults<R>>;
}

/**
 * A typed client for the care-record hub (or any FHIR R4 server that serves
 * the same contract). Paths, parameters and bodies are checked against the
 * contract at compile time.
 *
 * @example
 * const hub = createHubClient({ baseUrl: 'https://hub.example.org/fhir', auth: session });
 * const patient = await hub.get('/Patient/{id}', { path: { id } });
 * for await (const reading of hub.matches('/Observation', { query: { patient: id, category: ['vital-signs'] } })) { … }
 */
export function createHubClient(options: HubClientOptions): HubClient {
  const transport = new Transport(options);
  // Whether to send a batch's reads as separate GETs: asked for, or the server turned a batch away.
  let separateReads = options.batchReads === 'parallel';

  const send = (method: 'GET' | 'POST' | 'PUT', template: string, init: AnyInit = {}): Promise<HubResponse<unknown>> => {
    const operation = `${method} ${template}`;
    const target = relativeTarget(template, init.path, init.query);
    const url = new URL(target, transport.baseUrl);
    const write = method !== 'GET' && template !== '/';
    return transport
      .send<unknown>({
        method,
        url,
        operation,
        body: init.body,
        signal: init.signal,
        headers: init.headers,
        requestId: init.idempotencyKey,
        correlationId: init.correlationId,
        ifNoneExist: init.ifNoneExist,
        signedInAs: init.signedInAs,
        // A batch only reads. Any other POST is repeated only as a conditional create, which FHIR servers answer
        // with what they already hold; an idempotency key alone binds only servers that keep it (the hub).
        idempotent: method === 'GET' || template === '/' || (method === 'POST' && init.ifNoneExist !== undefined),
        write,
      })
      .then((response) => {
        try {
          checkResource(
            response.data,
            { template, method, path: init.path },
            { operation, requestId: response.requestId, status: response.status },
          );
        } catch (error) {
          // A write the server accepted, answered with another resource than the one written: it may be stored.
          throw write && error instanceof HubError ? error.asWrite(true) : error;
        }
        return response;
      });
  };

  /**
   * One read of a batch as its own GET, answered as a batch entry would be: an
   * HTTP error is that entry's failure; a failure to reach the server fails
   * the whole, as a batch that could not be sent does.
   */
  async function separateRead(read: BatchRead<unknown>, call: CallOptions): Promise<BatchResult<unknown>> {
    const operation = `GET ${read.template}`;
    try {
      const response = await transport.send<unknown>({
        method: 'GET',
        url: new URL(read.url, transport.baseUrl),
        operation,
        signal: call.signal,
        headers: call.headers,
        correlationId: call.correlationId,
        idempotent: true,
      });
      checkResource(
        response.data,
        { template: read.template, method: 'GET', path: read.path },
        { operation, requestId: response.requestId, status: response.status },
      );
      return { ok: true, status: response.status, resource: response.data };
    } catch (error) {
      if (!(error instanceof HubError) || (error.kind !== 'http' && error.kind !== 'invalid-response')) throw error;
      return { ok: false, status: error.status ?? 0, outcome: error.kind === 'http' ? error.outcome : undefined, error };
    }
  }

  /** Each page's response, following `link[next]` only when asked for the next one. */
  async function* pageResponses(template: string, init: AnyInit = {}): AsyncGenerator<HubResponse<Bundle>> {
    const operation = `GET ${template}`;
    let response = (await send('GET', template, init)) as HubResponse<Bundle>;
    // A next link back to a page already read (a server's bug) would be walked for ever, its matches repeated.
    // Every page it can lead to has been read by then, so the walk ends there.
    const read = new Set([new URL(relativeTarget(template, init.path, init.query), transport.baseUrl).href]);
    for (;;) {
      yield response;
      const links = response.data.link ?? [];
      const self: unknown = links.find((link) => link.relation === 'self')?.url;
      if (typeof self === 'string' && URL.canParse(self, transport.baseUrl)) read.add(new URL(self, transport.baseUrl).href);
      const next: unknown = links.find((link) => link.relation === 'next')?.url;
      if (next === undefined) return;
      if (typeof next !== 'string') throw new HubError({ kind: 'invalid-response', operation, requestId: response.requestId });
      const url = transport.resolveHubLink(next, operation, response.requestId);
      if (read.has(url.href)) return;
      read.add(url.href);
      response = await transport.send<Bundle>({
        method: 'GET',
        url,
        operation,
        signal: init.signal,
        headers: init.headers,
        correlationId: init.correlationId,
        idempotent: true,
      });
      checkResource(response.data, { template, method: 'GET' }, { operation, requestId: response.requestId, status: response.status });
    }
  }

  async function* pages(template: string, init: AnyInit = {}): AsyncGenerator<Bundle> {
    for await (const response of pageResponses(template, init)) yield response.data;
  }

  async function* matches(template: string, init: AnyInit = {}): AsyncGenerator<unknown> {
    const searched = template.slice(1);
    for await (const { data: page, requestId, status } of pageResponses(template, init)) {
      for (const entry of page.entry ?? []) {
        const type = (entry.resource as { resourceType?: unknown } | undefined)?.resourceType;
        if (entry.resource === undefined || (entry.search?.mode ?? 'match') !== 'match') continue;
        if (type === searched) yield entry.resource;
        // A server that leaves out search.mode still tells included resources by their type;
        // one that calls another type a match is not keeping the contract.
        else if (entry.search?.mode === 'match')
          throw new HubError({ kind: 'invalid-response', operation: `GET ${template}`, requestId, status });
      }
    }
  }

  const client = {
    baseUrl: transport.baseUrl.href,
    // Read each time: a host's token source may sign in someone else without a new client.
    get fhirUser(): string | undefined {
      return typeof options.auth === 'object' ? options.auth.fhirUser : undefined;
    },
    get: (path: string, init?: AnyInit) => send('GET', path, init).then((response) => response.data),
    post: (path: string, init?: AnyInit) => send('POST', path, init).then((response) => response.data),
    request: (method: HttpMethod, path: string, init?: AnyInit) =>
      send(method === 'get' ? 'GET' : method === 'put' ? 'PUT' : 'POST', path, init),
    pages,
    matches,
    async collect(path: string, init: AnyInit, { max }: CollectOptions) {
      if (!Number.isInteger(max) || max < 0) throw new RangeError('collect: max must be a whole number, 0 or more');
      const found: unknown[] = [];
      if (max === 0) return found;
      for await (const match of matches(path, init)) {
        found.push(match);
        if (found.length >= max) break;
      }
      return found;
    },
    async batch(reads: readonly BatchRead<unknown>[], options: CallOptions = {}) {
      if (!separateReads) {
        try {
          const response = await send('POST', '/', { ...options, body: toBatchBundle(reads) });
          return readBatchResponse(reads, response.data as BatchResponseBundle, response.requestId);
        } catch (error) {
          if (!batchNotSupported(error)) throw error;
          // Batch is optional in FHIR, and gateways often pass only GETs: nothing was read, so read each.
          separateReads = true;
        }
      }
      return Promise.all(reads.map((read) => separateRead(read, options)));
    },
  };
  // The implementation is checked against strings; the interface gives callers the contract's types.
  return client as unknown as HubClient;
}

/** A batch turned away as such: no route for `POST [base]`, the method refused, or `not-supported` said. */
function batchNotSupported(error: unknown): boolean {
  if (!(error instanceof HubError) || error.kind !== 'http' || error.status === undefined) return false;
  if ([404, 405, 501].includes(error.status)) return true;
  return (error.status === 400 || error.status === 422) && (error.outcome?.issue ?? []).some((issue) => issue.code === 'not-supported');
}

/** The init of any operation, as the implementation sees it. */
interface AnyInit extends CallOptions {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}
