import { provide } from '@lit/context';
import { findPatientByNhsNumber, openRecordReader, type HubClient, type RecordAudience, type RecordReader } from '@care-record/sdk';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { PatientMismatchError, recordContext, type RecordContext, type SharedRecord } from '../internal/record-context.js';

const AUDIENCES: ReadonlySet<string> = new Set<RecordAudience>(['clinician', 'resident']);

/**
 * One record for everyone who asks: whatever an element reads (the record
 * page, the medicines, the timeline) is read once however many elements show
 * it. A failed read is forgotten, so trying again reads again.
 */
function sharedRecord(reader: RecordReader): SharedRecord {
  const made = new Map<unknown, unknown>();
  return {
    patientId: reader.patientId,
    reader,
    use<T>(read: (reader: RecordReader) => T): T {
      if (made.has(read)) return made.get(read) as T;
      const value = read(reader);
      made.set(read, value);
      if (value instanceof Promise)
        value.catch(() => {
          if (made.get(read) === value) made.delete(read);
        });
      return value;
    },
  };
}

/** Stands in for the record while the patient is being found: every read refuses. */
function recordBeingFound(reason: Error, reader: RecordReader): SharedRecord {
  return {
    patientId: '',
    reader,
    use: () => {
      throw reason;
    },
  };
}

/**
 * Puts one patient's record in context for the care-record elements inside it.
 *
 * Changing `patient` (or `client` or `audience`) aborts every request made for
 * the previous one and publishes the new context before anything else renders:
 * the elements inside drop the previous patient's details at once and load the
 * new patient's, and a late answer for the previous patient is never shown.
 *
 * @summary Gives the elements inside it the hub client, the patient and the audience.
 *
 * @slot - The care-record elements (and anything else) that show this patient's record.
 */
export class CareRecordProvider extends CareElement {
  static override elementName = 'care-record-provider';

  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The hub client (from `createHubClient`) the elements read the record with. */
  @property({ attribute: false }) client: HubClient | undefined;

  /** The logical id of the patient in context (`Patient.id`). */
  @property({ reflect: true }) patient: string | undefined;

  /**
   * The NHS number of the patient in context, for hosts that know the person
   * by number (spaces allowed). The provider finds the one record with it
   * first; an invalid number, no match or more than one match is shown as an
   * error, never as an empty record. Given with `patient`, both must name the
   * same record.
   */
  @property({ attribute: 'nhs-number', reflect: true }) nhsNumber: string | undefined;

  /**
   * Who is looking: `clinician` (NHS CUI formats) or `resident` (plain English,
   * NHS service manual formats). An unrecognised value is treated as `resident`,
   * the view that shows less.
   */
  @property({ reflect: true }) audience: RecordAudience = 'clinician';

  /** Language of the elements' own wording (BCP 47). */
  @property({ reflect: true }) locale = 'en-GB';

  @provide({ context: recordContext }) protected recordContext: RecordContext | undefined;

  #controller: AbortController | undefined;
  #generation = 0;
  #disconnected = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#disconnected) {
      this.#disconnected = false;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Off the page, nothing is shown: stop fetching. Reconnecting opens the record afresh.
    this.#disconnected = true;
    this.#controller?.abort();
    this.#controller = undefined;
    this.recordContext = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('client') ||
      changed.has('patient') ||
      changed.has('nhsNumber') ||
      changed.has('audience') ||
      this.recordContext === undefined
    ) {
      this.#open();
    } else if (changed.has('locale') && this.recordContext) {
      this.recordContext = { ...this.recordContext, locale: this.locale };
    }
  }

  /** Aborts what was in flight, then publishes the new record, synchronously, before any consumer renders again. */
  #open(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    const patientId = this.patient?.trim() ?? '';
    const nhsNumber = this.nhsNumber?.trim() ?? '';
    const client = this.client;
    if (!client || (!patientId && !nhsNumber) || !this.isConnected) {
      this.recordContext = undefined;
      return;
    }
    let audience = this.audience;
    if (!AUDIENCES.has(audience)) {
      console.warn(`<care-record-provider>: audience "${String(audience)}" is not clinician or resident; showing the resident view.`);
      audience = 'resident';
    }
    const controller = new AbortController();
    this.#controller = controller;
    const publish = (id: string, lookup?: RecordContext['lookup']) => {
      const reader = openRecordReader(client, id, { audience, signal: controller.signal });
      const record = lookup
        ? recordBeingFound(lookup.state === 'failed' ? lookup.error : new Error('The patient is still being found.'), reader)
        : sharedRecord(reader);
      this.recordContext = {
        client,
        patientId: id,
        audience,
        locale: this.locale,
        record,
        generation: ++this.#generation,
        ...(lookup ? { lookup } : {}),
      };
    };
    if (!nhsNumber) {
      publish(patientId);
      return;
    }
    // Found by NHS number: nothing is loaded until exactly one record has it.
    publish('', { state: 'pending' });
    const current = () => this.#controller === controller && !controller.signal.aborted;
    findPatientByNhsNumber(client, nhsNumber, { signal: controller.signal }).then(
      (found) => {
        if (!current()) return;
        if (patientId && found.patientId !== patientId) this.#fail(new PatientMismatchError(), publish);
        else publish(found.patientId);
      },
      (error: unknown) => {
        if (current()) this.#fail(error instanceof Error ? error : new Error(String(error)), publish);
      },
    );
  }

  #fail(error: Error, publish: (id: string, lookup: RecordContext['lookup']) => void): void {
    publish('', {
      state: 'failed',
      error,
      retry: () => {
        if (this.recordContext?.lookup?.state === 'failed') this.#open();
      },
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-provider': CareRecordProvider;
  }
}
