import type { OperationOutcome } from '../fhir.js';
import { instanceOfAnyCopy } from './any-copy.js';

/**
 * What went wrong, in terms a caller can act on:
 * - `http`: the hub answered with an error status (see `status` and `outcome`); or, as status 401 with the
 *   issue `login`, the sign-in could give no token (it ended, or its refresh failed), so nothing was sent;
 * - `timeout`: no answer within the per-attempt or total time allowed;
 * - `network`: the hub could not be reached;
 * - `aborted`: the caller cancelled the request;
 * - `invalid-response`: the hub answered, but not with what the contract promises
 *   (not JSON, or a different resource from the one asked for);
 * - `unsafe-link`: a paging link or a redirect pointed away from the hub, or a write was
 *   redirected, so it was not followed (an answer from elsewhere is not the hub's).
 */
export type HubErrorKind = 'http' | 'timeout' | 'network' | 'aborted' | 'invalid-response' | 'unsafe-link';

export interface HubErrorInit {
  kind: HubErrorKind;
  /** The operation as `METHOD /path/{template}` — never the filled-in URL, which can carry patient identifiers. */
  operation: string;
  requestId: string;
  status?: number;
  outcome?: OperationOutcome;
  retryAfterSeconds?: number;
  /** For a write only: see `HubError.mayHaveBeenSaved`. */
  mayHaveBeenSaved?: boolean;
  /** See `HubError.insufficientScope`. */
  insufficientScope?: boolean;
}

const HUB_ERROR: unique symbol = Symbol.for('@care-record/sdk:HubError@1');

/**
 * The one error type the SDK throws. Its message is safe to log: it names the
 * operation template, the status, coded issue types and the request id, and
 * never a token, a filled-in URL or the free text of an OperationOutcome
 * (which may mention the patient). `instanceof HubError` is true of one from
 * any copy of the SDK on the page (see `instanceOfAnyCopy`).
 */
export class HubError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return instanceOfAnyCopy(this, HubError, HUB_ERROR, value);
  }

  override readonly name = 'HubError';
  readonly kind: HubErrorKind;
  readonly operation: string;
  /** The `X-Request-ID` sent with every attempt of this request, for support calls and hub logs. */
  readonly requestId: string;
  readonly status: number | undefined;
  readonly #outcome: OperationOutcome | undefined;
  /** Seconds the hub asked the caller to wait (`Retry-After`), when it said. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * For a write (a create, an update, an operation), whether it may have been stored although it failed:
   * `true` after a timeout, a lost connection, a cancel once sent, a 5XX or an unreadable answer (check
   * before sending it again, or send it again with the same `ifNoneExist`); `false` when the server refused
   * it (a 4XX) or it was never sent. `undefined` for a read.
   */
  readonly mayHaveBeenSaved: boolean | undefined;
  /**
   * The server refused the request because the token lacks a scope it needs (a 403 whose `WWW-Authenticate`
   * challenge says `error="insufficient_scope"`, RFC 6750 §3.1), e.g. a resident's sign-in without
   * `patient/Observation.c` adding a reading: signing in again and allowing it may help, trying again will not.
   */
  readonly insufficientScope: boolean;

  constructor(init: HubErrorInit) {
    const outcome = readOperationOutcome(init.outcome);
    super(describe({ ...init, outcome }));
    this.kind = init.kind;
    this.operation = init.operation;
    this.requestId = init.requestId;
    this.status = init.status;
    this.#outcome = outcome;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.mayHaveBeenSaved = init.mayHaveBeenSaved;
    this.insufficientScope = init.insufficientScope === true;
  }

  /** The same error, saying whether the write it reports may have been saved. */
  asWrite(mayHaveBeenSaved: boolean): HubError {
    const { kind, operation, requestId, status, outcome, retryAfterSeconds, insufficientScope } = this;
    return new HubError({
      kind,
      operation,
      requestId,
      mayHaveBeenSaved,
      insufficientScope,
      ...(status === undefined ? {} : { status }),
      ...(outcome === undefined ? {} : { outcome }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }

  /**
   * The OperationOutcome the hub returned, if any. Its free text
   * (`diagnostics`, `details.text`) may mention the patient, so it is kept off
   * the error's own properties: `console.log(error)` and `JSON.stringify(error)` leave it out.
   */
  get outcome(): OperationOutcome | undefined {
    return this.#outcome;
  }

  /** What a logger may record. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      operation: this.operation,
      status: this.status,
      requestId: this.requestId,
      issueCodes: this.issueCodes,
      ...(this.mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved: this.mayHaveBeenSaved }),
      ...(this.insufficientScope ? { insufficientScope: true } : {}),
      message: this.message,
    };
  }

  /** Marks a HubError of any copy of the SDK. */
  get [HUB_ERROR](): true {
    return true;
  }

  /** Issue codes from the OperationOutcome: the FHIR issue type and the hub's coded detail, e.g. `not-found/RESOURCE_NOT_FOUND`. */
  get issueCodes(): string[] {
    return issueCodes(this.outcome);
  }
}

const kindText: Record<HubErrorKind, string> = {
  http: 'error response',
  timeout: 'no answer in time',
  network: 'hub unreachable',
  aborted: 'cancelled',
  'invalid-response': 'response breaks the contract',
  'unsafe-link': 'link or redirect leads away from the hub',
};

function describe(init: Omit<HubErrorInit, 'outcome'> & { outcome: OperationOutcome | undefined }): string {
  const status = init.status === undefined ? '' : ` (${init.status})`;
  const codes = issueCodes(init.outcome);
  const issues = codes.length > 0 ? ` [${codes.join(', ')}]` : '';
  const saved = init.mayHaveBeenSaved === undefined ? '' : init.mayHaveBeenSaved ? '; may have been saved' : '; not saved';
  const scope = init.insufficientScope ? ' (insufficient_scope)' : '';
  return `${init.operation} failed: ${kindText[init.kind]}${status}${scope}${issues}${saved}; request ${init.requestId}`;
}

/** FHIR's IssueType (a required binding): the only `issue.code`s an error repeats. */
const issueTypes: ReadonlySet<string> = new Set([
  'invalid',
  'structure',
  'required',
  'value',
  'invariant',
  'security',
  'login',
  'unknown',
  'expired',
  'forbidden',
  'suppressed',
  'processing',
  'not-supported',
  'duplicate',
  'multiple-matches',
  'not-found',
  'deleted',
  'too-long',
  'code-invalid',
  'extension',
  'too-costly',
  'business-rule',
  'conflict',
  'transient',
  'lock-error',
  'no-store',
  'exception',
  'timeout',
  'incomplete',
  'throttled',
  'informational',
]);

/**
 * A detail code shaped as coded errors are (`RESOURCE_NOT_FOUND`, HL7's `MSG_AUTH_REQUIRED`, NHS Spine's
 * `INVALID_NHS_NUMBER`): capitals joined by underscores, which no name, NHS number or id is. Another
 * server may put anything in `details.coding.code`; what doesn't look like a code stays in `outcome`.
 */
const detailPattern = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Only enumerated codes go into a message: they cannot carry free text. */
function issueCodes(outcome: OperationOutcome | undefined): string[] {
  const codes: string[] = [];
  for (const issue of outcome?.issue ?? []) {
    const type = typeof issue.code === 'string' && issueTypes.has(issue.code) ? issue.code : undefined;
    const detail = issue.details?.coding?.find((coding) => coding.code !== undefined)?.code;
    const parts = [type, typeof detail === 'string' && detail.length <= 64 && detailPattern.test(detail) ? detail : undefined];
    const shown = parts.filter((part): part is string => part !== undefined);
    if (shown.length > 0) codes.push(shown.join('/'));
  }
  return codes;
}

export const isOperationOutcome = (value: unknown): value is OperationOutcome =>
  typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A list as FHIR's JSON has it; one object where a list belongs (XML turned into JSON) is a list of one. */
const listOf = (value: unknown): Json[] => (Array.isArray(value) ? value : [value]).filter(isObject);
/** The object without the named fields that are not text. */
const textOnly = (value: Json, names: readonly string[]): Json =>
  Object.fromEntries(Object.entries(value).filter(([name, field]) => !names.includes(name) || typeof field === 'string'));

/**
 * An OperationOutcome as a caller can read it without a second check, whatever shape another server or a
 * gateway gave it: `issue` a list of objects, their `severity`, `code`, `diagnostics` and `details.text`
 * text or absent, `details.coding` a list of objects. Anything else is not an OperationOutcome: undefined.
 */
export function readOperationOutcome(value: unknown): OperationOutcome | undefined {
  if (!isOperationOutcome(value)) return undefined;
  const issue = listOf((value as Json)['issue']).map((raw) => {
    const { details, ...rest } = textOnly(raw, ['severity', 'code', 'diagnostics']);
    if (!isObject(details)) return rest;
    const { coding, ...detailsRest } = textOnly(details, ['text']);
    return { ...rest, details: coding === undefined ? detailsRest : { ...detailsRest, coding: listOf(coding) } };
  });
  return { ...value, issue } as OperationOutcome;
}
