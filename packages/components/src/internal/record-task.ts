/**
 * Loads something for the patient in context, and is the wrong-patient guard.
 *
 * Every load is tagged with the patient and record it was asked for. A result
 * is kept only if, when it arrives, that record is still the one in context;
 * anything else is dropped, never rendered. When the patient changes, the
 * previous load is aborted and its result forgotten at once, and the host is
 * asked to render straight away, so the previous patient's details never
 * stay in the DOM while another patient is in context. `value` checks the tag
 * again on every read.
 */
import { instanceOfAnyCopy } from '@care-record/sdk';
import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  isRenewedSignIn,
  recordClosedContext,
  recordContext,
  type RecordBlock,
  type RecordClosed,
  type RecordContext,
  type SharedRecord,
} from './record-context.js';

export type RecordTaskStatus = 'idle' | 'loading' | 'ready' | 'error';

const WRONG_PATIENT_ERROR: unique symbol = Symbol.for('@care-record/components:WrongPatientError@1');

/** A result that names a different patient from the one it was asked for. */
export class WrongPatientError extends Error {
  /** True of one from any copy of the components on the page (see `instanceOfAnyCopy`). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return instanceOfAnyCopy(this, WrongPatientError, WRONG_PATIENT_ERROR, value);
  }

  override readonly name = 'WrongPatientError';
  constructor() {
    super('The answer was about a different patient from the one asked for, so it was not shown.');
  }

  /** Marks a WrongPatientError of any copy of the components. */
  get [WRONG_PATIENT_ERROR](): true {
    return true;
  }
}

export interface RecordTaskOptions<T> {
  /** Reads what the element shows from the record in context. */
  load: (record: SharedRecord, signal: AbortSignal) => Promise<T>;
  /** The patient a loaded value says it is about; a value about anyone else is an error, never shown. */
  patientOf?: (value: T) => string | undefined;
  /** Whether to load at all (an element given its data as a property does not). */
  enabled?: () => boolean;
  /**
   * Called, synchronously, when the record in context changes (a new patient, client or audience): render now.
   * `renewedSignIn` when only the client changed, for the same resident on the same hub (see `isRenewedSignIn`).
   */
  onRecordChange?: (change: { renewedSignIn: boolean }) => void;
}

interface Run {
  id: number;
  patientId: string;
  record: SharedRecord;
  controller: AbortController;
  /** Stops listening for the record page's failure. */
  stopWatching: () => void;
}

interface Tagged<T> {
  patientId: string;
  record: SharedRecord;
  value: T;
}

let contextRoot: ContextRoot | undefined;
/** Elements upgraded before their provider still find it when it arrives. */
function attachContextRoot(): void {
  if (contextRoot || typeof document === 'undefined') return;
  contextRoot = new ContextRoot();
  contextRoot.attach(document as unknown as HTMLElement);
}

export class RecordTask<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: RecordTaskOptions<T>;
  #context: RecordContext | undefined;
  #closed: RecordClosed | undefined;
  #run: Run | undefined;
  #runs = 0;
  #result: Tagged<T> | undefined;
  #error: Error | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RecordTaskOptions<T>) {
    this.#host = host;
    this.#options = options;
    attachContextRoot();
    host.addController(this);
    new ContextConsumer(host, { context: recordContext, subscribe: true, callback: (context) => this.#receive(context) });
    new ContextConsumer(host, {
      context: recordClosedContext,
      subscribe: true,
      callback: (closed) => {
        this.#closed = closed;
        host.requestUpdate();
      },
    });
  }

  /** The provider names a patient but the host has given it no client: nothing can be read yet. */
  get notConnected(): boolean {
    return this.#context === undefined && this.#closed === 'not-connected';
  }

  /** The context from the nearest provider, if any. */
  get context(): RecordContext | undefined {
    return this.#context;
  }

  get status(): RecordTaskStatus {
    const lookup = this.#context?.lookup;
    if (lookup) return lookup.state === 'pending' ? 'loading' : 'error';
    if (!this.#run) return 'idle';
    if (this.#error) return 'error';
    return this.value === undefined ? 'loading' : 'ready';
  }

  /** The loaded value, only while the patient and record it was loaded for are still in context. */
  get value(): T | undefined {
    const result = this.#result;
    const context = this.#context;
    if (!result || !context || result.patientId !== context.patientId || result.record !== context.record) return undefined;
    return result.value;
  }

  /** Why the last load failed: usually a `HubError`. */
  get error(): Error | undefined {
    const lookup = this.#context?.lookup;
    if (lookup) return lookup.state === 'failed' ? lookup.error : undefined;
    return this.#error;
  }

  /**
   * Loads again for the patient in context (or looks for the patient again,
   * when that failed). With `focus` (a selector in the element's shadow root),
   * focus moves there once the element has rendered: the "Try again" button
   * that had it is gone.
   */
  retry(focus?: string): void {
    const lookup = this.#context?.lookup;
    const record = this.#context?.record;
    if (lookup) {
      if (lookup.state === 'failed') lookup.retry();
    } else if (record?.pageFailure) {
      // The record page failed: it is asked for again first, and every element that showed a failure loads again
      // with it, this one too (`onPageRetried`) — none waits on the failed page, nor shows a list under it.
      record.retryPage();
    } else {
      this.#start();
      this.#host.requestUpdate();
    }
    if (focus) void this.#host.updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLElement>(focus)?.focus());
  }

  /** Why the whole record is not shown, when the provider found the cause to be the record's (see `RecordContext.blocked`). */
  get blocked(): RecordBlock | undefined {
    return this.#context?.blocked;
  }

  /** Hands a failure the element met outside `load` (e.g. a later page) to the provider, which may find it record-wide. */
  report(error: Error): void {
    this.#context?.reportFailure?.(error);
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    // Taken out of the page, or moving to another provider or none: the record stays with the provider. Forget it and
    // what was loaded from it, and render now, so the element never goes on showing (or holding) this patient's
    // details where no provider vouches for them. Reconnecting asks for the context again.
    const previous = this.#context;
    const hadRecord = previous !== undefined || this.#closed !== undefined;
    this.#context = undefined;
    this.#closed = undefined;
    this.#stop();
    if (!hadRecord) return;
    this.#host.requestUpdate();
    if (previous !== undefined) this.#options.onRecordChange?.({ renewedSignIn: false });
  }

  #receive(context: RecordContext | undefined): void {
    const previous = this.#context;
    this.#context = context;
    if (previous?.record === context?.record) return;
    this.#sync();
    if (previous !== undefined) this.#options.onRecordChange?.({ renewedSignIn: isRenewedSignIn(previous, context) });
  }

  /** Starts, stops or keeps the current load to match the context. */
  #sync(): void {
    const context = this.#context;
    // Nothing is loaded until the patient is known.
    const wanted = context !== undefined && context.lookup === undefined && (this.#options.enabled?.() ?? true);
    if (!wanted) {
      this.#stop();
      return;
    }
    if (this.#run?.record !== context.record) this.#start();
  }

  #stop(): void {
    this.#run?.stopWatching();
    this.#run?.controller.abort();
    this.#run = undefined;
    this.#result = undefined;
    this.#error = undefined;
  }

  /** With `afterPage`, the load waits for the record page asked for again: no list is shown before it answers. */
  #start(afterPage = false): void {
    const context = this.#context;
    this.#stop();
    if (!context) return;
    const run: Run = {
      id: ++this.#runs,
      patientId: context.patientId,
      record: context.record,
      controller: new AbortController(),
      stopWatching: () => undefined,
    };
    this.#run = run;
    const current = () => this.#run?.id === run.id && this.#context?.patientId === run.patientId && this.#context.record === run.record;
    // The record page failing (not found, not loaded) is every element's failure, whichever answer came first: what
    // was shown from the record goes, and the element says the record could not be loaded. Its own load is then
    // not shown if it answers later.
    const stopFailed = run.record.onPageFailed((error) => {
      if (!current() || this.#error) return;
      this.#result = undefined;
      this.#error = error;
      this.#host.requestUpdate();
    });
    // The record page asked for again ("Try again" here or in any element): a failure shown here goes, and this loads
    // again with the page.
    const stopRetried = run.record.onPageRetried(() => {
      if (!current() || !this.#error) return;
      this.#start(true);
      this.#host.requestUpdate();
    });
    run.stopWatching = () => {
      stopFailed();
      stopRetried();
    };
    // Added after the record page failed: that failure is this element's too, shown at once, never "Loading" on a
    // record that could not be loaded. Nothing is read until the page is asked for again.
    const failed = run.record.pageFailure;
    if (failed) {
      this.#error = failed;
      this.#host.requestUpdate();
      return;
    }
    void this.#load(run, current, afterPage ? run.record.afterPage() : Promise.resolve());
  }

  /** Reads for `run` once `pageRead` settles, and keeps the answer only while `run` is still the one in context. */
  async #load(run: Run, current: () => boolean, pageRead: Promise<unknown>): Promise<void> {
    try {
      await pageRead;
      // A run left while the page was asked for again reads nothing: its record is no longer the one in context.
      if (!current() || this.#error) return;
      const value = await this.#options.load(run.record, run.controller.signal);
      if (!current() || this.#error) return;
      const about = this.#options.patientOf?.(value);
      if (about !== undefined && about !== run.patientId) this.#error = new WrongPatientError();
      else this.#result = { patientId: run.patientId, record: run.record, value };
      this.#host.requestUpdate();
    } catch (error: unknown) {
      if (!current()) return;
      this.#error = error instanceof Error ? error : new Error(String(error));
      this.report(this.#error);
      this.#host.requestUpdate();
    }
  }
}
