import type { paths } from '../generated/hub.js';
import type { BatchRequestBundle, BatchResponseBundle, Bundle, OperationOutcome } from '../fhir.js';
import { checkResource } from './contract-checks.js';
import { HubError, isOperationOutcome, readOperationOutcome } from './hub-error.js';
import type { InitArgs, OperationOf, PathsWithMethod, SuccessBody } from './types.js';
import { relativeTarget } from './url.js';

type GetPath = PathsWithMethod<paths, 'get'>;
type GetOp<K extends GetPath> = OperationOf<paths, K, 'get'>;

declare const resultType: unique symbol;

/** One read inside a batch, made by `batchRead`. */
export interface BatchRead<T> {
  readonly template: string;
  readonly path: Record<string, unknown> | undefined;
  /** The FHIR-relative target, e.g. `AllergyIntolerance?patient=pat-0001`. */
  readonly url: string;
  /** Carries the result type to `batch`'s answer; never set at run time. */
  readonly [resultType]?: T;
}

/** The outcome of one entry: each succeeds or fails on its own. */
export type BatchResult<T> =
  { ok: true; status: number; resource: T } | { ok: false; status: number; outcome: OperationOutcome | undefined; error: HubError };

export type BatchResults<R extends readonly BatchRead<unknown>[]> = {
  -readonly [I in keyof R]: R[I] extends BatchRead<infer T> ? BatchResult<T> : never;
};

/**
 * Describes a read for `client.batch`, checked against the contract like `client.get`.
 *
 * @example
 * const [patient, allergies] = await hub.batch([
 *   batchRead('/Patient/{id}', { path: { id } }),
 *   batchRead('/AllergyIntolerance', { query: { patient: id } }),
 * ]);
 */
export function batchRead<K extends GetPath>(template: K, ...init: InitArgs<GetOp<K>>): BatchRead<SuccessBody<GetOp<K>>> {
  const [options] = init as [{ path?: Record<string, unknown>; query?: Record<string, unknown> }?];
  return { template, path: options?.path, url: relativeTarget(template, options?.path, options?.query) };
}

export function toBatchBundle(reads: readonly BatchRead<unknown>[]): BatchRequestBundle {
  return {
    resourceType: 'Bundle',
    type: 'batch',
    entry: reads.map((read) => ({ request: { method: 'GET', url: read.url } })),
  } as BatchRequestBundle;
}

/** Pairs each entry of a batch-response with the read that asked for it. */
export function readBatchResponse(
  reads: readonly BatchRead<unknown>[],
  bundle: BatchResponseBundle,
  requestId: string,
): BatchResult<unknown>[] {
  const entries = bundle.entry ?? [];
  if (bundle.type !== 'batch-response' || entries.length !== reads.length) {
    throw new HubError({ kind: 'invalid-response', operation: 'POST /', requestId, status: 200 });
  }
  return reads.map((read, index): BatchResult<unknown> => {
    const entry = entries[index];
    const operation = `GET ${read.template}`;
    const status = Number.parseInt(entry?.response?.status ?? '', 10);
    if (!Number.isInteger(status)) {
      const error = new HubError({ kind: 'invalid-response', operation, requestId });
      return { ok: false, status: 0, outcome: undefined, error };
    }
    // FHIR puts a failed entry's OperationOutcome in `response.outcome`; some servers put it in `resource`.
    const outcome = readOperationOutcome([entry?.response?.outcome, entry?.resource].find(isOperationOutcome));
    if (status >= 200 && status < 300) {
      try {
        if (entry?.resource === undefined) throw new HubError({ kind: 'invalid-response', operation, requestId, status });
        checkResource(entry?.resource, { template: read.template, method: 'GET', path: read.path }, { operation, requestId, status });
      } catch (error) {
        return { ok: false, status, outcome: undefined, error: error as HubError };
      }
      return { ok: true, status, resource: entry?.resource };
    }
    const error = new HubError({ kind: 'http', operation, requestId, status, ...(outcome ? { outcome } : {}) });
    return { ok: false, status, outcome, error };
  });
}

/** The resources of a Bundle's entries, in order (entries without one are skipped). */
export const resourcesOf = (bundle: Bundle | undefined): unknown[] =>
  (bundle?.entry ?? []).map((entry) => entry.resource).filter((resource) => resource !== undefined);
