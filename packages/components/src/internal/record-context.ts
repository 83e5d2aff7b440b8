/**
 * What `<care-record-provider>` hands down to every element inside it. A new
 * object is published for every change; a new `record` (and `generation`)
 * means a new patient, client or audience, and everything loaded for the old
 * one must go.
 */
import { createContext } from '@lit/context';
import type { HubClient, PatientRecord, RecordAudience } from '@care-record/sdk';

export interface RecordContext {
  client: HubClient;
  /** The patient in context: nothing about anyone else may be shown. */
  patientId: string;
  audience: RecordAudience;
  /** BCP 47 language of the elements' own wording. */
  locale: string;
  /** The record of `patientId`, shared by every element so a page is fetched once. */
  record: PatientRecord;
  /** Counts up on every new record, so two records for the same patient are still told apart. */
  generation: number;
  /**
   * Present while the provider finds the patient by NHS number, and when that
   * failed. Meanwhile `patientId` is empty, `record` refuses every read, and
   * the elements show loading (or the failure, with "Try again").
   */
  lookup?: PatientLookup;
}

/** Finding the patient by NHS number: under way, or failed (with a way to try again). */
export type PatientLookup = { state: 'pending' } | { state: 'failed'; error: Error; retry: () => void };

/** Versioned, so that two copies of the package on one page only share context when they agree on its shape. */
export const recordContext = createContext<RecordContext | undefined>(Symbol.for('@care-record/components:record-context@1'));

/** The provider's patient id and NHS number name different records. */
export class PatientMismatchError extends Error {
  override readonly name = 'PatientMismatchError';
  constructor() {
    super('The NHS number and the patient id given are for different records, so neither is shown.');
  }
}
