/**
 * Emergency (break-glass) access: the reason checked as the hub checks it,
 * and a client that sends it with every request while it lasts.
 */
import type { CallOptions, HubClient } from '@care-record/sdk';

/** The hub keeps reasons of 10 to 500 characters, trimmed. */
export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 500;
/** An HTTP header carries printable ASCII safely; anything else could be changed or refused on the way. */
const HEADER_SAFE = /^[\x20-\x7E]*$/;

export type BreakGlassReasonCheck = { ok: true; reason: string } | { ok: false; problem: string };

/** The reason as it will be sent, or what is wrong with it, in words for the person typing it. */
export function checkBreakGlassReason(value: string): BreakGlassReasonCheck {
  const reason = value.trim();
  if (reason.length === 0) return { ok: false, problem: 'Enter the clinical reason for emergency access.' };
  if (reason.length < BREAK_GLASS_REASON_MIN)
    return { ok: false, problem: `The reason must be at least ${BREAK_GLASS_REASON_MIN} characters.` };
  if (reason.length > BREAK_GLASS_REASON_MAX)
    return { ok: false, problem: `The reason must be ${BREAK_GLASS_REASON_MAX} characters or fewer.` };
  if (!HEADER_SAFE.test(reason))
    return {
      ok: false,
      problem:
        'The reason can only use letters A to Z, numbers, spaces and common punctuation (no accents, symbols such as £, or line breaks).',
    };
  return { ok: true, reason };
}

/** `client`, sending `headers` with every request it makes (reads, searches, pages, batches). */
export function withRequestHeaders(client: HubClient, headers: Record<string, string>): HubClient {
  const add = <T extends CallOptions | undefined>(init: T): T => ({ ...init, headers: { ...init?.headers, ...headers } }) as T;
  type Init = CallOptions | undefined;
  const call = client as unknown as Record<'get' | 'post' | 'pages' | 'matches', (path: string, init?: Init) => unknown> & {
    request: (method: string, path: string, init?: Init) => unknown;
    collect: (path: string, init: Init, options: unknown) => unknown;
    batch: (reads: unknown, options?: Init) => unknown;
  };
  const wrapped = {
    baseUrl: client.baseUrl,
    // The same person signed in: what they shared stays theirs under emergency access.
    get fhirUser() {
      return client.fhirUser;
    },
    get: (path: string, init?: Init) => call.get(path, add(init)),
    post: (path: string, init?: Init) => call.post(path, add(init)),
    request: (method: string, path: string, init?: Init) => call.request(method, path, add(init)),
    pages: (path: string, init?: Init) => call.pages(path, add(init)),
    matches: (path: string, init?: Init) => call.matches(path, add(init)),
    collect: (path: string, init: Init, options: unknown) => call.collect(path, add(init), options),
    batch: (reads: unknown, options?: Init) => call.batch(reads, add(options)),
  };
  // The same methods with the same contract types: only the headers change.
  return wrapped as unknown as HubClient;
}
