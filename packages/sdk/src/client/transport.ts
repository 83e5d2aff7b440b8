import ky, { isForceRetryError, isHTTPError, isNetworkError, isTimeoutError, type KyInstance } from 'ky';
import { AccessTokenKeeper, type HubAuth } from '../auth/access-token.js';
import type { OperationOutcome } from '../fhir.js';
import { HubError, readOperationOutcome } from './hub-error.js';
import { newRequestId } from './request-id.js';
import { ValidatedCopies, type SentValidators } from './validated-copies.js';

export const FHIR_JSON = 'application/fhir+json';

export interface TransportOptions {
  /** The hub's FHIR base, e.g. `https://hub.example.org/fhir`. */
  baseUrl: string | URL;
  auth?: HubAuth;
  /** A `fetch` to use instead of the global one (tests, instrumentation, a host's own HTTP stack). */
  fetch?: typeof globalThis.fetch;
  /**
   * Milliseconds to wait: a number is the per-attempt limit; or both limits.
   * Default: 30 s in total including retries and their waits, and no shorter
   * limit per attempt. An attempt that runs out of time is not sent again: the
   * server may still be working on it, and a repeat would double its load.
   */
  timeout?: number | { attempt?: number; total?: number };
  /**
   * Retries after 408, 429, 500, 502, 503, 504 or a network failure, with
   * exponential backoff (honouring `Retry-After`); never after a timeout.
   * GETs and batch reads are retried; a create only when it is conditional (`ifNoneExist`), which any FHIR
   * server answers with what it already holds; other writes never (their errors say `mayHaveBeenSaved`).
   * A `Retry-After` wait is cut to `maxRetryAfter` (default 60 s); one longer
   * than the time left is not waited for: the error comes at once, with `retryAfterSeconds`.
   * `false` or `0` turns retries off. Default: 2 retries.
   */
  retry?: false | number | { limit?: number; maxDelay?: number; maxRetryAfter?: number };
  /** Headers sent with every request (e.g. a host system identifier). */
  headers?: Record<string, string>;
  /**
   * The header that carries each request's id (and a create's idempotency
   * key): `X-Request-ID` by default. Another name, or `false` to send none,
   * for a server whose CORS policy does not allow it.
   */
  requestIdHeader?: string | false;
}

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Absolute URL. */
  url: URL;
  /** `METHOD /template`, used in errors instead of the URL. */
  operation: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  requestId?: string | undefined;
  correlationId?: string | undefined;
  ifNoneExist?: string | undefined;
  /** Whose token alone it may be sent with (their `fhirUser`): see `CallOptions.signedInAs`. */
  signedInAs?: string | undefined;
  /** Whether a POST may be sent again: it only reads, or is a conditional create. */
  idempotent: boolean;
  /** A create, update or operation: its errors say whether it may have been saved. */
  write?: boolean;
  /** A read sent again without validators, after a 304 that named no copy the SDK holds. */
  unconditional?: boolean;
}

export interface HubResponse<T> {
  data: T;
  status: number;
  /** The `X-Request-ID` sent (and echoed back by the hub). */
  requestId: string;
  etag: string | undefined;
  headers: Headers;
  /**
   * The server answered a conditional read `304 Not Modified` and `data` is the copy it said is current,
   * which this client read earlier with the same token (`status` is then that copy's 200).
   */
  notModified?: boolean;
}

const retryStatusCodes = [408, 429, 500, 502, 503, 504];
/** What a request that the sign-in could give no token for fails with, as a server's 401 would. */
const signInEnded: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] };
/** The issue code of a request refused because its token is not of the person it was made for. */
const someoneElseCode = 'SIGNED_IN_AS_SOMEONE_ELSE';
export const SIGNED_IN_AS_SOMEONE_ELSE = `login/${someoneElseCode}`;
const someoneElse: OperationOutcome = {
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'login', details: { coding: [{ code: someoneElseCode }] } }],
};
/** How many reads with validators are kept for a 304 to name. */
const validatedCopyLimit = 32;
const validatorHeaders = new Set(['if-none-match', 'if-modified-since']);
/** The statuses whose `Retry-After` is waited for. */
const retryAfterStatusCodes = [429, 503];

/** Sends one logical request: one request id, auth, timeouts, retries, refresh on 401, errors shaped as HubError. */
export class Transport {
  readonly baseUrl: URL;
  readonly #ky: KyInstance;
  readonly #tokens: AccessTokenKeeper;
  readonly #retryLimit: number;
  readonly #requestIdHeader: string | false;
  readonly #totalTimeout: number;
  readonly #maxRetryAfter: number;
  readonly #copies = new ValidatedCopies(validatedCopyLimit);

  constructor(options: TransportOptions) {
    this.baseUrl = normaliseBase(options.baseUrl);
    this.#tokens = new AccessTokenKeeper(options.auth);
    const retry = options.retry;
    const retryObject = typeof retry === 'object' ? retry : {};
    this.#retryLimit = retry === false ? 0 : typeof retry === 'number' ? retry : (retryObject.limit ?? 2);
    this.#requestIdHeader = options.requestIdHeader === undefined ? 'x-request-id' : options.requestIdHeader;
    const timeout = typeof options.timeout === 'number' ? { attempt: options.timeout } : (options.timeout ?? {});
    const total = timeout.total ?? 30_000;
    this.#totalTimeout = total;
    this.#maxRetryAfter = retryObject.maxRetryAfter ?? 60_000;
    this.#ky = ky.create({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      timeout: Math.min(timeout.attempt ?? total, total),
      totalTimeout: total,
      headers: { ...options.headers, accept: FHIR_JSON },
      retry: {
        statusCodes: retryStatusCodes,
        afterStatusCodes: retryAfterStatusCodes,
        // The server may still be doing what timed out: a repeat multiplies the load on a server already slow.
        retryOnTimeout: false,
        backoffLimit: retryObject.maxDelay ?? 8_000,
        maxRetryAfter: this.#maxRetryAfter,
      },
    });
  }

  async send<T>(request: TransportRequest): Promise<HubResponse<T>> {
    const requestId = request.requestId ?? newRequestId();
    const deadline = Date.now() + this.#totalTimeout;
    const tokens = this.#tokens;
    const userLimit = this.#retryLimit;
    // One refresh per logical request: a second 401 is the answer.
    let refreshed = false;
    // Whether any attempt went out (a cancel while a token is awaited sends nothing).
    let sent = false;
    // Whether an attempt may have been carried out although its answer was lost (a dropped connection, a 5XX):
    // a repeat's refusal (a 409, a 412 for the match the first made) then says nothing of what the first did.
    let answerLost = false;
    const noteLostAnswer = ({ error }: { error: Error }) => {
      // The retry after a token refresh follows a 401: that attempt was refused.
      if (isForceRetryError(error)) return;
      try {
        answerLost ||= mayHaveBeenSaved(toHubError(error, request, requestId));
      } catch {
        answerLost = true;
      }
    };
    // What the last attempt carried, as the SDK sent it: a 304 is matched to a copy read with the same token.
    let authorization: string | undefined;
    let validators: SentValidators = { ifNoneMatch: null, ifModifiedSince: null };
    // A host may sign someone else in while the token is awaited (a shared PC): who is signed in is read as the token
    // is asked for and again as it is attached, in the same step, so a request made for one person never goes out
    // with another's token, on any attempt.
    const refuseSomeoneElse = () => {
      if (request.signedInAs !== undefined && tokens.fhirUser !== request.signedInAs)
        throw new HubError({ kind: 'http', status: 401, operation: request.operation, requestId, outcome: someoneElse });
    };
    const setAuthorization = async ({ request: outgoing }: { request: Request }) => {
      let token: string | undefined;
      refuseSomeoneElse();
      try {
        token = await untilAborted(tokens.current(), request.signal);
      } catch (error) {
        if (request.signal?.aborted) throw error;
        // The sign-in cannot give a token (it ended, or its refresh failed): nothing is sent, and the caller
        // hears what the server would say, a 401, so the person is asked to sign in again. The source's own
        // error may carry a token in its text: it goes no further.
        throw new HubError({ kind: 'http', status: 401, operation: request.operation, requestId, outcome: signInEnded });
      }
      refuseSomeoneElse();
      if (token !== undefined) outgoing.headers.set('authorization', `Bearer ${token}`);
      authorization = outgoing.headers.get('authorization') ?? undefined;
      sent = true;
      validators = { ifNoneMatch: outgoing.headers.get('if-none-match'), ifModifiedSince: outgoing.headers.get('if-modified-since') };
    };

    // Read again without validators: an undefined header also drops one given in the client's own `headers`,
    // and `no-store` keeps a browser from adding its own.
    const headers: Record<string, string | undefined> = request.unconditional
      ? {
          ...Object.fromEntries(Object.entries(request.headers ?? {}).filter(([name]) => !validatorHeaders.has(name.toLowerCase()))),
          ...Object.fromEntries([...validatorHeaders].map((name) => [name, undefined])),
        }
      : { ...request.headers };
    if (this.#requestIdHeader) headers[this.#requestIdHeader.toLowerCase()] = requestId;
    if (request.correlationId) headers['x-correlation-id'] = request.correlationId;
    if (request.ifNoneExist) headers['if-none-exist'] = request.ifNoneExist;
    if (request.body !== undefined) headers['content-type'] = FHIR_JSON;

    let response: Response;
    let text: string;
    try {
      const pending = this.#ky(request.url, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.unconditional ? { cache: 'no-store' as const } : {}),
        // A redirected write would carry the resident's data to wherever the redirect points (307/308), or
        // silently turn into a GET that creates nothing (301/302): writes are not redirected.
        redirect: request.method === 'GET' ? 'follow' : 'manual',
        retry: {
          // One extra attempt is kept for the retry after a token refresh.
          limit: userLimit + (tokens.canRefresh ? 1 : 0),
          methods: request.idempotent ? ['get', 'post'] : ['get'],
          shouldRetry: ({ error, retryCount }) =>
            retryCount - (refreshed ? 1 : 0) > userLimit || this.#waitIsTooLong(error, deadline) ? false : undefined,
        },
        hooks: {
          beforeRequest: [setAuthorization],
          beforeRetry: [noteLostAnswer, setAuthorization],
          afterResponse: [
            async ({ request: sent, response: answer }) => {
              if (answer.status !== 401 || refreshed || !tokens.canRefresh) return undefined;
              refreshed = true;
              const rejected = sent.headers.get('authorization')?.replace(/^Bearer /, '');
              try {
                await untilAborted(tokens.replace(rejected), request.signal);
              } catch (error) {
                if (request.signal?.aborted) throw error;
                // The refresh failed: the 401 stands, and is reported as it came.
                return undefined;
              }
              return ky.retry({ delay: 0, code: 'TOKEN_REFRESHED' });
            },
          ],
        },
      });
      response = await pending;
      this.#refuseRedirectAway(response, request, requestId);
      // Read through ky, so the body is bounded by the same timeouts, and a cancel or a dropped
      // connection while it arrives is reported as one before it would be.
      text = await pending.text();
    } catch (error) {
      if (request.method === 'GET' && isHTTPError(error) && error.response.status === 304) {
        this.#refuseRedirectAway(error.response, request, requestId);
        return this.#notModified<T>(request, requestId, error.response, authorization, validators);
      }
      const failure = toHubError(error, request, requestId);
      throw request.write ? failure.asWrite(sent && (answerLost || mayHaveBeenSaved(failure))) : failure;
    }

    try {
      const written = this.#writtenResource(text, response, request, requestId);
      if (written !== undefined) {
        // The server stored it and said where (`Prefer: return=minimal`, some servers' default): read it from there.
        const read = await this.send<T>({
          method: 'GET',
          url: written,
          operation: request.operation,
          signal: request.signal,
          idempotent: true,
        });
        return { ...read, status: response.status, requestId, etag: response.headers.get('etag') ?? read.etag, headers: response.headers };
      }
    } catch (error) {
      // The server said it stored the write: whatever fails after that, it was saved.
      throw error instanceof HubError && request.write ? error.asWrite(true) : error;
    }
    let data: T;
    try {
      data = parseBody<T>(text, response.status, request, requestId);
    } catch (error) {
      // The server accepted the write (a 2XX) and said so in words that cannot be read: it may well be stored.
      throw error instanceof HubError && request.write ? error.asWrite(true) : error;
    }
    if (request.method === 'GET' && response.status === 200) this.#copies.remember(request.url.href, response.headers, text, authorization);
    return { data, status: response.status, requestId, etag: response.headers.get('etag') ?? undefined, headers: response.headers };
  }

  /**
   * A 304 to a read, whoever made it conditional (the caller, the client's headers, a host's `fetch`): the copy
   * it names, when this client read it with the same token; else the resource read again whole. A 304 to
   * that too (something keeps adding validators, or answers 304 to anything) leaves nothing to give: it is
   * reported as the broken contract it is, never as an empty answer.
   */
  #notModified<T>(
    request: TransportRequest,
    requestId: string,
    answer: Response,
    authorization: string | undefined,
    validators: SentValidators,
  ): Promise<HubResponse<T>> | HubResponse<T> {
    const copy = this.#copies.current(request.url.href, answer.headers, authorization, validators);
    if (copy !== undefined) {
      const data = parseBody<T>(copy.text, 200, request, requestId);
      return { data, status: 200, requestId, etag: copy.etag, headers: answer.headers, notModified: true };
    }
    if (!request.unconditional) return this.send<T>({ ...request, requestId, unconditional: true });
    throw new HubError({ kind: 'invalid-response', operation: request.operation, requestId, status: 304 });
  }

  /** Where to read a resource a write stored but did not send back: its `Location`, or for an update its own URL. */
  #writtenResource(text: string, response: Response, request: TransportRequest, requestId: string): URL | undefined {
    if (request.method === 'GET' || text.trim() !== '' || (response.status !== 200 && response.status !== 201)) return undefined;
    const location = response.headers.get('location') ?? response.headers.get('content-location');
    if (location !== null) return this.resolveHubLink(location, request.operation, requestId);
    return request.method === 'PUT' ? request.url : undefined;
  }

  /**
   * A wait the server asks for (cut to `maxRetryAfter`) that is longer than the time left is not waited out:
   * the answer (its status and `Retry-After`) is reported now, rather than as a timeout once the time is gone.
   */
  #waitIsTooLong(error: Error, deadline: number): boolean {
    if (!isHTTPError(error) || !retryAfterStatusCodes.includes(error.response.status)) return false;
    const seconds = retryAfterSeconds(error.response.headers).retryAfterSeconds;
    if (seconds === undefined) return false;
    return Date.now() + Math.min(seconds * 1000, this.#maxRetryAfter) >= deadline;
  }

  /** Resolves a link from the hub (e.g. `Bundle.link[next]`), refusing any that leads away from the hub's base. */
  resolveHubLink(link: string, operation: string, requestId: string): URL {
    let url: URL;
    try {
      url = new URL(link, this.baseUrl);
    } catch {
      // Not a URL: the contract is broken. The parser's own error would repeat the link, patient identifiers and all.
      throw new HubError({ kind: 'invalid-response', operation, requestId });
    }
    if (this.#isUnderBase(url)) return url;
    // A server behind a TLS terminator that is not told the scheme writes its links with the one it sees (http for
    // https) on the same host. Such a link is read from the hub's own origin: the token goes nowhere else. Another
    // host or port is another server, and stays refused.
    const base = this.baseUrl;
    const otherSchemeOnly = url.hostname === base.hostname && url.protocol !== base.protocol && (url.port === base.port || url.port === '');
    if (otherSchemeOnly && /^https?:$/.test(url.protocol) && this.#isUnderBasePath(url))
      return new URL(`${url.pathname}${url.search}`, base.origin);
    throw new HubError({ kind: 'unsafe-link', operation, requestId: 'not-sent' });
  }

  #isUnderBase(url: URL): boolean {
    return url.origin === this.baseUrl.origin && this.#isUnderBasePath(url);
  }

  /** Under the base's path, or the base itself without its trailing slash (HAPI pages from `[base]?_getpages=…`). */
  #isUnderBasePath(url: URL): boolean {
    return url.pathname.startsWith(this.baseUrl.pathname) || `${url.pathname}/` === this.baseUrl.pathname;
  }

  /**
   * An answer that came from beyond the hub's base after a redirect is not the hub's answer: its data is not
   * trusted (the token, by the fetch standard, was already dropped at the other origin).
   */
  #refuseRedirectAway(response: Response, request: TransportRequest, requestId: string): void {
    if (response.url === '' || this.#isUnderBase(new URL(response.url))) return;
    void response.body?.cancel().catch(() => undefined);
    throw new HubError({ kind: 'unsafe-link', operation: request.operation, requestId, status: response.status });
  }
}

/**
 * A token, or the caller's cancel, whichever comes first: a refresh that hangs (a slow authorisation server)
 * must not hold a request the caller has given up on, e.g. on a patient switch, until the total timeout.
 */
function untilAborted<T>(pending: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return pending;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', abort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * The base always ends in `/`, so relative targets extend it rather than replace its last segment. In a page, a
 * base such as `/fhir` (a hub behind the host's own proxy) is read against the page's address, as `fetch` reads it.
 */
function normaliseBase(baseUrl: string | URL): URL {
  const page = (globalThis as { location?: { href?: unknown } }).location?.href;
  const pageAddress = typeof page === 'string' ? page : undefined;
  if (!URL.canParse(baseUrl, pageAddress))
    throw new TypeError(
      'createHubClient: baseUrl must be a URL such as https://hub.example.org/fhir (a path such as /fhir only in a page)',
    );
  const url = new URL(baseUrl, pageAddress);
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  url.search = '';
  url.hash = '';
  return url;
}

function parseBody<T>(text: string, status: number, request: TransportRequest, requestId: string): T {
  if (status === 204) return undefined as T;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // Every FHIR answer is a resource, so a JSON object: `null`, a list or a number is not one.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HubError({ kind: 'invalid-response', operation: request.operation, requestId, status });
  }
  return body as T;
}

/** The OperationOutcome of an error answer, whatever content type it came with (ky parses only `…json` types). */
function asOutcome(data: unknown): OperationOutcome | undefined {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  return readOperationOutcome(value);
}

function outcomeProperty(outcome: OperationOutcome | undefined): { outcome?: OperationOutcome } {
  return outcome ? { outcome } : {};
}

/** `Retry-After` as whole seconds from now, whether the server sent seconds or an HTTP-date (HAPI, gateways). */
function retryAfterSeconds(headers: Headers): { retryAfterSeconds?: number } {
  const value = headers.get('retry-after')?.trim() ?? '';
  if (/^\d+$/.test(value)) return { retryAfterSeconds: Number(value) };
  const at = Date.parse(value);
  if (!/[A-Za-z]/.test(value) || Number.isNaN(at)) return {};
  // Measured against the server's own clock when it says what that is, so a skewed client clock doesn't matter.
  const serverNow = Date.parse(headers.get('date') ?? '');
  const now = Number.isNaN(serverNow) ? Date.now() : serverNow;
  return { retryAfterSeconds: Math.max(0, Math.ceil((at - now) / 1000)) };
}

/** A Bearer challenge saying the token lacks a scope (RFC 6750 §3.1), the error's value quoted or not. */
const insufficientScope = /\berror\s*=\s*"?insufficient_scope\b/i;

function toHubError(error: unknown, request: TransportRequest, requestId: string): HubError {
  const base = { operation: request.operation, requestId };
  if (error instanceof HubError) return error;
  if (request.signal?.aborted) return new HubError({ ...base, kind: 'aborted' });
  if (isHTTPError(error) && isRedirect(error.response)) {
    // Only a write gets here (a GET follows redirects): it was not sent on.
    const status = error.response.status === 0 ? {} : { status: error.response.status };
    return new HubError({ ...base, kind: 'unsafe-link', ...status });
  }
  if (isHTTPError(error)) {
    return new HubError({
      ...base,
      kind: 'http',
      status: error.response.status,
      ...outcomeProperty(asOutcome(error.data)),
      ...retryAfterSeconds(error.response.headers),
      ...(error.response.status === 403 && insufficientScope.test(error.response.headers.get('www-authenticate') ?? '')
        ? { insufficientScope: true }
        : {}),
    });
  }
  if (isTimeoutError(error)) return new HubError({ ...base, kind: 'timeout' });
  if (isNetworkError(error) || error instanceof TypeError) return new HubError({ ...base, kind: 'network' });
  throw error;
}

/**
 * Whether a write that failed so may have been stored: not when the server refused it (a 4XX, a redirect
 * to send it elsewhere); after anything else it may have been, or was (an unreadable 2XX, a 303 See Other).
 */
function mayHaveBeenSaved(error: HubError): boolean {
  const status = error.status;
  switch (error.kind) {
    case 'http':
      return status === undefined || (status >= 500 && status !== 501);
    case 'unsafe-link':
      return status === undefined || status === 303;
    case 'invalid-response':
      return status === undefined || status < 400 || status >= 500;
    default:
      return true;
  }
}

/** A redirect not followed: its status in Node, an opaque one in a browser. */
const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304);
