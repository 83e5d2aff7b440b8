/**
 * What the resident has shared, on its way to the hub over a connection that
 * may fail. Each entry gets its key when it is made and keeps it for every
 * attempt: the hub answers a repeat with the item it already stored, so an
 * entry is never stored twice, however often the answer is lost. An entry is
 * never dropped: it is `waiting`, `saved`, or `failed` with a reason and a way
 * to try again.
 *
 * Entries live in memory only. Patient data never goes to browser storage, so
 * a page that closes while something is waiting loses it: a component warns
 * before unload while `waiting` is above zero.
 */
import type { HubClient } from '../client/hub-client.js';
import { HubError } from '../client/hub-error.js';
import { SIGNED_IN_AS_SOMEONE_ELSE } from '../client/transport.js';
import type { MedicationStatement, Observation } from '../fhir.js';
import {
  buildEntryResource,
  describeEntry,
  RESIDENT_ENTRY_SYSTEM,
  validateEntry,
  type EntryInput,
  type FieldError,
  type ValidationOptions,
  type ValidEntry,
} from './readings.js';
import { describeWriteFailure, screenText, type WriteFailureOptions } from './write-failure.js';

export type SubmissionState = 'waiting' | 'saved' | 'failed';

export interface SubmissionFailure {
  /** Why, in plain words a resident can act on. Never a token or a request's URL. */
  reason: string;
  /** Whether sending the same entry again could work (not after a refusal of what it says). */
  retryable: boolean;
  /** The error behind it, for a support call (its message is safe to log). */
  error: Error;
}

/** One entry, as the queue sees it now. A new object on every change. */
export interface Submission {
  /** The entry's key: its idempotency key (`X-Request-ID`) and its identifier value. */
  readonly key: string;
  readonly entry: ValidEntry;
  /** `Weight 72.5kg`, `Blood pressure 120/80`, or the medicine's name. */
  readonly summary: string;
  readonly state: SubmissionState;
  /** Requests made so far (each may itself have been retried by the client). */
  readonly attempts: number;
  readonly createdAt: number;
  /** When `saved`: the stored resource, as `ResourceType/id`. */
  readonly savedAs?: string;
  /** When `failed`. */
  readonly failure?: SubmissionFailure;
}

export interface SubmissionQueueOptions {
  /** Requests per entry before it is `failed` (the resident can try again). Default 6. */
  maxAttempts?: number;
  /** First wait between requests, doubled each time, in ms. Default 1,000. */
  baseDelayMs?: number;
  /** Longest wait between requests, in ms, including one the hub asked for with `Retry-After`. Default 30,000. */
  maxDelayMs?: number;
  /** Entries sent at once. Default 2. */
  concurrency?: number;
  /** "Now", for `createdAt` and the entries' timestamps. */
  now?: () => number;
}

export interface SubmissionQueue {
  /**
   * Checks what the resident typed and, only when all of it is right, adds it
   * and starts sending it. When anything is wrong nothing is sent: the
   * answer lists every problem, one message per field.
   */
  share(input: EntryInput, options?: ValidationOptions): { ok: true; submission: Submission } | { ok: false; errors: FieldError[] };
  /** Adds an entry already checked by `validateEntry` and starts sending it. The entry is `waiting` straight away. */
  submit(entry: ValidEntry): Submission;
  /** Every entry, oldest first. */
  readonly entries: readonly Submission[];
  /** How many are waiting (to be sent, or for an answer). */
  readonly waiting: number;
  /** Sends a failed entry again, with the same key. */
  retry(key: string): void;
  /**
   * Sends with this client from now on: the same hub, under a renewed sign-in (after a `401`), so that what failed
   * or waits is not lost with the sign-in that ended. Entries keep their keys: one whose answer was lost is found,
   * not stored twice. A client for another hub is refused (`TypeError`): the entries' patient is this hub's. So is
   * one that signs in someone else (another `fhirUser`): what one person shared is never sent as another.
   */
  useClient(client: HubClient): void;
  /** Called after every change, with all entries. Returns a function that unsubscribes. */
  subscribe(listener: (entries: readonly Submission[]) => void): () => void;
  /** Resolves when nothing is waiting. */
  idle(): Promise<void>;
  /** Stops sending (waiting entries stay `waiting`, and are not lost from `entries`). */
  close(): void;
}

/** An entry not sent because the client now signs in someone other than who shared it. */
const SOMEONE_ELSE_SIGNED_IN: SubmissionFailure = Object.freeze({
  reason: 'Not sent: someone else is signed in now. It is sent when the person who shared it signs in again and tries again.',
  retryable: true,
  error: new Error('The client signs in someone other than who shared this entry'),
});

/**
 * What the hub or the network said, as a resident would understand it; and whether trying again might help.
 * For a carer, `actingFor` names the person whose record it is (see `describeWriteFailure`).
 */
export function submissionFailure(error: unknown, options: WriteFailureOptions = {}): SubmissionFailure {
  const failure = reasonFor(error, options);
  if (!(error instanceof HubError) || error.mayHaveBeenSaved !== true) return failure;
  // The entry is sent again with its key and a conditional create: if it was stored, the repeat finds it. A refusal
  // that came after an answer was lost is of a repeat, and says nothing of what the lost attempt stored.
  // A refusal of what the sign-in allows is told as it is; one of what was entered would contradict "may have been saved".
  const why = failure.retryable || error.status === 403 ? failure.reason : 'The service did not confirm it.';
  return { reason: `${why} It may have been saved: trying again will not add it twice.`, retryable: true, error };
}

function reasonFor(error: unknown, options: WriteFailureOptions): SubmissionFailure {
  const safe = error instanceof Error ? error : new Error('Unknown failure');
  if (!(error instanceof HubError)) return { reason: 'Something went wrong while sending it.', retryable: true, error: safe };
  switch (error.kind) {
    case 'network':
      return { reason: 'We could not reach the service. Check your internet connection.', retryable: true, error };
    case 'timeout':
      return { reason: 'The service did not answer in time.', retryable: true, error };
    case 'aborted':
      return { reason: 'Sending was stopped.', retryable: true, error };
    case 'invalid-response':
    case 'unsafe-link':
      return { reason: 'The service sent an answer we could not read.', retryable: true, error };
    case 'http':
      break;
  }
  const status = error.status ?? 0;
  if (status === 400 || status === 422) {
    // The hub's sentence for a screen (e.g. "Systolic blood pressure (mmHg) must be between 50 and 300."), never its
    // `diagnostics`: that is for developers, and may name elements, codes or paths.
    const said = screenText(error);
    return { reason: said ? `It was not accepted: ${said}` : 'It was not accepted.', retryable: false, error };
  }
  if (status === 401) return { reason: 'Your sign-in has ended. Sign in again, then try again.', retryable: true, error };
  if (status === 403 && error.insufficientScope)
    return { reason: describeWriteFailure(error, 'reading', options).advice, retryable: false, error };
  if (status === 403) {
    // The hub's sentence for a screen (`details.text`), e.g. a carer whose access does not include adding this.
    return { reason: screenText(error) ?? 'You cannot add to this record.', retryable: false, error };
  }
  if (status === 409) return { reason: 'It clashed with something already sent.', retryable: false, error };
  if (status === 429) return { reason: 'The service is busy.', retryable: true, error };
  return { reason: 'The service had a problem.', retryable: true, error };
}

/** Failures worth trying again by ourselves: the connection, a timeout, an unreadable answer, 408, 429 and 5XX. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof HubError)) return false;
  if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'invalid-response') return true;
  const status = error.status ?? 0;
  return error.kind === 'http' && (status === 408 || status === 429 || status >= 500);
}

interface Slot {
  current: Submission;
  resource: Observation | MedicationStatement;
  timer: ReturnType<typeof setTimeout> | undefined;
  sending: boolean;
  /** Requests made in this round (since submit or the last retry). */
  round: number;
  /** An earlier request's answer was lost, so it may have been stored: a later refusal does not undo that. */
  maybeSaved: boolean;
}

/**
 * A queue of what the resident shares, for one patient. Keys are made with
 * `crypto.randomUUID()` when an entry is submitted.
 *
 * @example
 * const queue = createSubmissionQueue(client, 'pat-0001');
 * const result = validateEntry(input);
 * if (result.ok) queue.submit(result.entry);
 * queue.subscribe((entries) => render(entries));
 */
export function createSubmissionQueue(first: HubClient, patientId: string, options: SubmissionQueueOptions = {}): SubmissionQueue {
  let client = first;
  /** Who the entries are shared by: the person the first client signed in, as it said then. */
  const sharer = first.fhirUser;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const baseDelay = Math.max(0, options.baseDelayMs ?? 1_000);
  const maxDelay = Math.max(baseDelay, options.maxDelayMs ?? 30_000);
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();
  const order: string[] = [];
  const ready: string[] = [];
  const listeners = new Set<(entries: readonly Submission[]) => void>();
  let idleWaiters: (() => void)[] = [];
  let inFlight = 0;
  let closed = false;
  let snapshot: readonly Submission[] = [];

  const waitingCount = () => [...slots.values()].filter((slot) => slot.current.state === 'waiting').length;

  function changed(): void {
    snapshot = Object.freeze(order.flatMap((key) => slots.get(key)?.current ?? []));
    for (const listener of listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        // One broken listener must not stop the others hearing, nor the queue sending.
        console.error(error);
      }
    }
    if (waitingCount() === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function update(slot: Slot, change: Partial<Submission>): void {
    const next = { ...slot.current, ...change };
    if (change.state !== 'failed') delete (next as { failure?: SubmissionFailure }).failure;
    slot.current = Object.freeze(next);
  }

  function pump(): void {
    while (!closed && inFlight < concurrency && ready.length > 0) {
      const slot = slots.get(ready.shift() ?? '');
      if (slot && slot.current.state === 'waiting' && !slot.sending) void send(slot);
    }
  }

  async function send(slot: Slot): Promise<void> {
    // A host may sign someone else in on this same client: what one person shared is never sent as another. It waits,
    // failed, until its person is signed in again and it is tried again.
    if (client.fhirUser !== sharer) {
      update(slot, { state: 'failed', failure: SOMEONE_ELSE_SIGNED_IN });
      changed();
      return;
    }
    slot.sending = true;
    inFlight += 1;
    slot.round += 1;
    update(slot, { attempts: slot.current.attempts + 1 });
    changed();
    const identifier = `identifier=${RESIDENT_ENTRY_SYSTEM}|${slot.current.key}`;
    // The client checks who is signed in again as it attaches the token, on every attempt: a sign-in changed while it
    // waits for the token, a refresh or its own retry is refused there, before anything is sent.
    const init = { body: slot.resource, idempotencyKey: slot.current.key, ifNoneExist: identifier, signedInAs: sharer };
    try {
      const stored =
        slot.resource.resourceType === 'Observation'
          ? await client.post('/Observation', { ...init, body: slot.resource })
          : await client.post('/MedicationStatement', { ...init, body: slot.resource as MedicationStatement });
      update(slot, { state: 'saved', savedAs: `${stored.resourceType}/${String(stored.id)}` });
    } catch (failed) {
      if (failed instanceof HubError && failed.mayHaveBeenSaved === true) slot.maybeSaved = true;
      const error = slot.maybeSaved && failed instanceof HubError ? failed.asWrite(true) : failed;
      if (error instanceof HubError && error.issueCodes.includes(SIGNED_IN_AS_SOMEONE_ELSE)) {
        const saved = slot.maybeSaved ? ' It may have been saved: trying again will not add it twice.' : '';
        update(slot, { state: 'failed', failure: { ...SOMEONE_ELSE_SIGNED_IN, reason: SOMEONE_ELSE_SIGNED_IN.reason + saved, error } });
        return;
      }
      // After a lost answer the repeat is how to find out: it finds what was stored, or is refused on its own.
      if ((isTransient(error) || slot.maybeSaved) && slot.round < maxAttempts && !closed) {
        const asked = error instanceof HubError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
        const backoff = baseDelay * 2 ** (slot.round - 1);
        // A little jitter, so entries that failed together do not all come back together.
        const delay = Math.min(maxDelay, Math.max(asked, backoff) * (0.75 + Math.random() * 0.5));
        slot.timer = setTimeout(() => {
          slot.timer = undefined;
          ready.push(slot.current.key);
          pump();
        }, delay);
      } else {
        update(slot, { state: 'failed', failure: submissionFailure(error) });
      }
    } finally {
      slot.sending = false;
      inFlight -= 1;
      changed();
      pump();
    }
  }

  const queue: SubmissionQueue = {
    share(input, validation) {
      const checked = validateEntry(input, { ...validation, ...(validation?.now === undefined ? { now: now() } : {}) });
      return checked.ok ? { ok: true, submission: queue.submit(checked.entry) } : checked;
    },
    submit(entry) {
      if (closed) throw new Error('This submission queue is closed');
      const key = crypto.randomUUID();
      const createdAt = now();
      const slot: Slot = {
        current: Object.freeze({ key, entry, summary: describeEntry(entry), state: 'waiting', attempts: 0, createdAt }),
        resource: buildEntryResource(entry, patientId, { key, now: createdAt }),
        timer: undefined,
        sending: false,
        round: 0,
        maybeSaved: false,
      };
      slots.set(key, slot);
      order.push(key);
      ready.push(key);
      changed();
      pump();
      return slot.current;
    },
    get entries() {
      return snapshot;
    },
    get waiting() {
      return waitingCount();
    },
    retry(key) {
      const slot = slots.get(key);
      if (!slot || slot.current.state !== 'failed' || closed) return;
      // The same key and the same body: if an earlier attempt was stored after all, the hub says so instead of storing it twice.
      slot.round = 0;
      update(slot, { state: 'waiting' });
      ready.push(key);
      changed();
      pump();
    },
    useClient(next) {
      if (next.baseUrl !== client.baseUrl) throw new TypeError('A submission queue sends to one hub: use a new queue for another');
      if (next.fhirUser !== sharer) throw new TypeError('A submission queue sends as one person: use a new queue for another');
      client = next;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle() {
      return waitingCount() === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve));
    },
    close() {
      closed = true;
      for (const slot of slots.values()) if (slot.timer) clearTimeout(slot.timer);
    },
  };
  return queue;
}
