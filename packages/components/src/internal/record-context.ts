/**
 * What `<care-record-provider>` hands down to every element inside it. A new
 * object is published for every change; a new `record` (and `generation`)
 * means a new patient, client or audience, and everything loaded for the old
 * one must go.
 */
import { createContext } from '@lit/context';
import type { HubClient, RecordAudience, RecordPageData, RecordReader } from '@care-record/sdk';
import { instanceOfAnyCopy } from '@care-record/sdk';
import type { AccessDeniedReason } from './care-element.js';

/**
 * The record of the patient in context, shared by every element inside one
 * provider. Each element builds its own view model from what it reads, so a
 * page ships only the view models of the elements it shows.
 */
export interface SharedRecord {
  readonly patientId: string;
  readonly reader: RecordReader;
  /**
   * `read(reader)`, made once for this record however many elements ask: the
   * record page is fetched once for the banner and the summary. A promise that
   * fails is forgotten, so "Try again" reads again.
   */
  use<T>(read: (reader: RecordReader) => T): T;
  /**
   * Settles once the record page (banner and summary) has been read, or
   * failed, when an element asked for it by the next task; at once when none
   * did. What is below the fold (the timeline) waits for it, so the first
   * screen's data is not queued behind its searches on a slow link or CPU.
   */
  afterPage(): Promise<void>;
  /**
   * Calls `listener` whenever a read of the record page fails for a cause
   * other than a refusal (403, told where it is met): the record was not
   * found or could not be loaded, so nothing read from it may stay on screen,
   * whichever answer came first. Returns what stops it.
   */
  onPageFailed(listener: (error: Error) => void): () => void;
  /**
   * The record page's failure that `onPageFailed` told, until the page is
   * asked for again: an element added after it shows it too, rather than
   * loading what may not be shown.
   */
  readonly pageFailure: Error | undefined;
  /**
   * Asks for the record page again after it failed ("Try again"), and tells
   * every `onPageRetried` listener: each element that showed a failure loads
   * again, so none waits on, or goes on showing, the failed page.
   */
  retryPage(): void;
  /** Calls `listener` whenever `retryPage` asks for the record page again. Returns what stops it. */
  onPageRetried(listener: () => void): () => void;
}

/** The record page's resources (banner, summary, the reading form's birth date): one key, so one fetch. */
export const readPage = (reader: RecordReader): Promise<RecordPageData> => reader.page();

export interface RecordContext {
  client: HubClient;
  /** The patient in context: nothing about anyone else may be shown. */
  patientId: string;
  audience: RecordAudience;
  /** BCP 47 language of the elements' own wording. */
  locale: string;
  /** The record of `patientId`, shared by every element so a page is fetched once. */
  record: SharedRecord;
  /** Counts up on every new record, so two records for the same patient are still told apart. */
  generation: number;
  /**
   * Present while the provider finds the patient by NHS number, and when that
   * failed. Meanwhile `patientId` is empty, `record` refuses every read, and
   * the elements show loading (or the failure, with "Try again").
   */
  lookup?: PatientLookup;
  /**
   * Set when the hub refused the whole record (the sign-in has ended, or this
   * user may not see this resident): the provider shows one message for the
   * record, and the elements show nothing of their own.
   */
  blocked?: RecordBlock;
  /**
   * For a carer (the provider's `audience="carer"`): the person they act for,
   * named from that person's own record once it is read. The view models use
   * resident wording (`audience` is `resident`); the elements say whose record
   * it is ("Bridget's medicines") instead of "your".
   */
  actingFor?: ActingFor;
  /** The reason given for emergency (break-glass) access, while it lasts: sent with every request. */
  breakGlassReason?: string;
  /** Elements hand every failed load here; the provider decides whether the cause is the whole record's. */
  reportFailure?: (error: Error) => void;
}

/**
 * Who a client signs in: the person its token source names (`fhirUser`), or, when it does not say, that one sign-in
 * (the client itself), never taken for anyone else's.
 */
export const signedInAs = (client: HubClient): string | HubClient => client.fhirUser ?? client;

/**
 * The same person (as both sign-ins say), for the same resident, on the same hub, for the same reader, under a new
 * client: a renewed sign-in (the old one ended), not another record. What the person typed or changed on screen may
 * stay; with anything else it goes — someone else signed in on the same page sees none of it.
 */
export function isRenewedSignIn(previous: RecordContext | undefined, next: RecordContext | undefined): boolean {
  if (previous === undefined || next === undefined || previous.lookup !== undefined || next.lookup !== undefined) return false;
  return (
    previous.patientId !== '' &&
    previous.patientId === next.patientId &&
    previous.client !== next.client &&
    signedInAs(previous.client) === signedInAs(next.client) &&
    previous.client.baseUrl === next.client.baseUrl &&
    previous.audience === next.audience &&
    (previous.actingFor === undefined) === (next.actingFor === undefined) &&
    previous.breakGlassReason === next.breakGlassReason
  );
}

/** The person a carer acts for: their name as their record gives it, and the name to use in sentences. */
export interface ActingFor {
  /** Full name, e.g. `Bridget O'Connor`; `undefined` until their record is read. */
  name: string | undefined;
  /** How sentences name them, e.g. `Bridget` (preferred or first given name); `this person` until known. */
  short: string;
}

/** Why the whole record is not shown. */
export type RecordBlock =
  | { kind: 'auth-required'; requestId: string | undefined }
  | { kind: 'access-denied'; reason: AccessDeniedReason; breakGlassAllowed: boolean; requestId: string | undefined }
  /**
   * Found by NHS number: nobody this user may open has it — which does not mean there is nobody — and the hub says a
   * search with a break-glass reason is open to them.
   */
  | { kind: 'none-you-may-open' };

/** Finding the patient by NHS number: under way, or failed (with a way to try again). */
export type PatientLookup = { state: 'pending' } | { state: 'failed'; error: Error; retry: () => void };

/** Versioned, so that two copies of the package on one page only share context when they agree on its shape. */
export const recordContext = createContext<RecordContext | undefined>(Symbol.for('@care-record/components:record-context@1'));

const PATIENT_MISMATCH_ERROR: unique symbol = Symbol.for('@care-record/components:PatientMismatchError@1');

/**
 * Why a provider opens no record although it names a patient: `not-connected`, the host has not given it a client
 * (the sign-in is still under way, or the page never set one). Beside the record's context, so that its shape stays.
 */
export type RecordClosed = 'not-connected';
export const recordClosedContext = createContext<RecordClosed | undefined>(Symbol.for('@care-record/components:record-closed@1'));

/** The provider's patient id and NHS number name different records. */
export class PatientMismatchError extends Error {
  /** True of one from any copy of the components on the page (a provider of one copy, elements of another). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return instanceOfAnyCopy(this, PatientMismatchError, PATIENT_MISMATCH_ERROR, value);
  }

  override readonly name = 'PatientMismatchError';
  constructor() {
    super('The NHS number and the patient id given are for different records, so neither is shown.');
  }

  /** Marks a PatientMismatchError of any copy of the components. */
  get [PATIENT_MISMATCH_ERROR](): true {
    return true;
  }
}
