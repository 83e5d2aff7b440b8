/**
 * Type machinery that turns the generated `paths` interface into the
 * signatures of the client's methods. A wrong path, a missing path or query
 * parameter, or a wrong request body is a compile error.
 */

export type HttpMethod = 'get' | 'post' | 'put';

/** An operation as openapi-typescript emits it. */
export interface OperationShape {
  parameters: {
    query?: unknown;
    header?: unknown;
    path?: unknown;
    cookie?: unknown;
  };
  requestBody?: unknown;
  responses: unknown;
}

/** Paths of `P` that have an operation for method `M`. */
export type PathsWithMethod<P, M extends HttpMethod> = {
  [K in keyof P]: P[K] extends Record<M, OperationShape> ? K : never;
}[keyof P] &
  string;

export type OperationOf<P, K extends keyof P, M extends HttpMethod> = P[K] extends Record<M, infer Op extends OperationShape> ? Op : never;

type ContentOf<R> = R extends { content: infer C } ? (C extends Record<string, unknown> ? C[keyof C] : never) : never;

type SuccessStatus = 200 | 201 | 202 | 203 | 206 | '2XX';

/** The parsed body of an operation's successful (2XX) responses. */
export type SuccessBody<Op extends OperationShape> = {
  [S in keyof Op['responses']]: S extends SuccessStatus ? ContentOf<Op['responses'][S]> : never;
}[keyof Op['responses']];

/** The request body an operation requires, keyed as `body` (required when the spec requires it). */
type BodyInit<Op extends OperationShape> = Op extends { requestBody: infer B }
  ? { body: ContentOf<B> }
  : Op extends { requestBody?: infer B }
    ? [ContentOf<B>] extends [never]
      ? { body?: never }
      : { body?: ContentOf<B> }
    : { body?: never };

/**
 * `path` and `query` exactly as the spec declares them: present and required
 * when a parameter is required, `never` when the operation has none.
 */
type ParameterInit<Op extends OperationShape> = Pick<Op['parameters'], 'path' | 'query'>;

/** Options every call accepts, whatever the operation. */
export interface CallOptions {
  /** Cancels the request, its retries and any wait between them. */
  signal?: AbortSignal;
  /** Extra request headers for this call (the SDK sets auth, content type and request ids itself). */
  headers?: Record<string, string>;
  /**
   * Idempotency key for a write, sent as `X-Request-ID`: the hub answers a
   * repeat with the original result. Other FHIR servers ignore it, so it does
   * not make the client send a create again by itself; keep the same key when
   * the person tries the same entry again.
   */
  idempotencyKey?: string;
  /**
   * Conditional create (`If-None-Exist`, e.g. `identifier=system|value` of an
   * identifier the body carries): any FHIR server creates nothing when a
   * resource matches, so only such a create is sent again after a failure.
   */
  ifNoneExist?: string;
  /** Correlates several logical requests (for example one screen load) in the hub's logs. */
  correlationId?: string;
  /**
   * Sends only with this person's sign-in (a `fhirUser`, e.g. `RelatedPerson/123`): every attempt, its retries and
   * the one after a token refresh, is refused before it is sent (a `HubError` 401 `login/SIGNED_IN_AS_SOMEONE_ELSE`,
   * not saved) when the token source says someone else, or no one it names, is signed in as the token is attached.
   */
  signedInAs?: string | undefined;
}

export type RequestInit<Op extends OperationShape> = ParameterInit<Op> & BodyInit<Op> & CallOptions;

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The init argument may be left out only when nothing in it is required. */
export type InitArgs<Op extends OperationShape> =
  RequiredKeys<RequestInit<Op>> extends never ? [init?: RequestInit<Op>] : [init: RequestInit<Op>];
