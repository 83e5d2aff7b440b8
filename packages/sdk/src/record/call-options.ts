/** Per-request options shared by the record's loaders. */
import type { CallOptions } from '../client/types.js';

/** Call options from a loader's options: the signal and correlation id, when given. */
export function callOptions(options: { signal?: AbortSignal | undefined; correlationId?: string | undefined }): CallOptions {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
  };
}
