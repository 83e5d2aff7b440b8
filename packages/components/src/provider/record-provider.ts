import { provide } from '@lit/context';
import { openRecord, type HubClient, type PatientRecord, type RecordAudience } from '@care-record/sdk';
import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { recordContext, type RecordContext } from '../internal/record-context.js';

const AUDIENCES: ReadonlySet<string> = new Set<RecordAudience>(['clinician', 'resident']);

/**
 * One record for everyone who asks: the record page and the medicines are each
 * fetched once however many elements show them. A failed fetch is forgotten,
 * so trying again fetches again.
 */
function sharedRecord(record: PatientRecord): PatientRecord {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let pending: Promise<T> | undefined;
    return () => {
      if (!pending) {
        const attempt = load();
        pending = attempt;
        attempt.catch(() => {
          if (pending === attempt) pending = undefined;
        });
      }
      return pending;
    };
  };
  let timeline: ReturnType<PatientRecord['timeline']> | undefined;
  return {
    patientId: record.patientId,
    page: once(() => record.page()),
    medications: once(() => record.medications()),
    timeline: () => (timeline ??= record.timeline()),
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
    if (changed.has('client') || changed.has('patient') || changed.has('audience') || this.recordContext === undefined) {
      this.#open();
    } else if (changed.has('locale') && this.recordContext) {
      this.recordContext = { ...this.recordContext, locale: this.locale };
    }
  }

  /** Aborts what was in flight, then publishes the new record, synchronously, before any consumer renders again. */
  #open(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    const patientId = this.patient?.trim();
    if (!this.client || !patientId || !this.isConnected) {
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
    const record = sharedRecord(openRecord(this.client, patientId, { audience, signal: controller.signal }));
    this.recordContext = {
      client: this.client,
      patientId,
      audience,
      locale: this.locale,
      record,
      generation: ++this.#generation,
    };
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
