/**
 * A provider with a banner, summary and medication list, and a probe that
 * sees the record context exactly when the provider publishes it: the page
 * the provider tests and the wrong-patient race both use.
 */
import { fixture, html } from '@open-wc/testing';
import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import '../../src/define.js';
import {
  type CareMedicationList,
  type CarePatientBanner,
  type CareRecordProvider,
  type CareRecordSummary,
  recordContext,
  type RecordContext,
} from '../../src/index.js';
import { $, text } from './dom.js';
import type { FakeHub } from './fake-hub.js';

/** Sees the context exactly when the provider publishes it. */
export class ContextProbe extends LitElement {
  context: RecordContext | undefined;
  published: (RecordContext | undefined)[] = [];
  onPublish: ((context: RecordContext | undefined) => void) | undefined;
  constructor() {
    super();
    new ContextConsumer(this, {
      context: recordContext,
      subscribe: true,
      callback: (context) => {
        this.context = context;
        this.published.push(context);
        this.onPublish?.(context);
      },
    });
  }
}
customElements.define('care-test-probe', ContextProbe);

declare global {
  interface HTMLElementTagNameMap {
    'care-test-probe': ContextProbe;
  }
}

export interface Page {
  provider: CareRecordProvider;
  probe: ContextProbe;
  banner: CarePatientBanner;
  summary: CareRecordSummary;
  medicines: CareMedicationList;
}

export async function page(client: FakeHub['client'], patient: string | undefined, audience = 'clinician'): Promise<Page> {
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${client} patient=${patient ?? ''} audience=${audience}>
      <care-test-probe></care-test-probe>
      <care-patient-banner></care-patient-banner>
      <care-record-summary></care-record-summary>
      <care-medication-list></care-medication-list>
    </care-record-provider>`,
  );
  return {
    provider,
    probe: provider.querySelector('care-test-probe')!,
    banner: provider.querySelector('care-patient-banner')!,
    summary: provider.querySelector('care-record-summary')!,
    medicines: provider.querySelector('care-medication-list')!,
  };
}

export const ready = ({ banner, summary, medicines }: Page) =>
  $(banner, '[part~="name"]') !== null &&
  $(summary, '[data-section]') !== null &&
  $(medicines, '[aria-busy]') === null &&
  text(medicines) !== '';
