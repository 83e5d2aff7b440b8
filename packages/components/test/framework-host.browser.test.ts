/**
 * Properties as framework hosts set them. React and Vue pass `null` for "no
 * value" (`model={summary ?? null}`): for every element that takes a `model`,
 * `null` means what leaving it out means — read the record from the provider —
 * never "No patient selected" under a provider that has a patient.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ReactiveElement } from 'lit';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { createFakeHub } from './support/fake-hub.js';

/** Every registered care-record element that takes a view model through `model`. */
const modelTakers = [
  'care-patient-banner',
  'care-record-summary',
  'care-medication-list',
  'care-timeline',
  'care-results',
  'care-appointments',
  'care-access-log',
].filter((tag) => (customElements.get(tag) as typeof ReactiveElement | undefined)?.elementProperties.has('model'));

type ModelTaker = HTMLElement & { model?: unknown; updateComplete: Promise<boolean> };

/** The element's text once it has stopped loading, under a provider for a patient the fake hub knows. */
async function settledText(tag: string, model: null | undefined): Promise<string> {
  const hub = createFakeHub();
  const provider = await fixture<CareRecordProvider>(
    html`<care-record-provider .client=${hub.client} patient="pat-000001"></care-record-provider>`,
  );
  const element = document.createElement(tag) as ModelTaker;
  element.model = model;
  provider.append(element);
  const text = () => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
  // Settled: nothing loading (a list that pages in, e.g. the timeline, loads and lays out more after its first page)
  // and the text the same across two looks a moment apart.
  const busy = () => /Loading/.test(text()) || element.shadowRoot?.querySelector('[aria-busy="true"]') != null;
  let last = '';
  await waitUntil(
    async () => {
      const before = text();
      if (before === '' || busy()) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await element.updateComplete;
      const same = text() === before && before === last;
      last = text();
      return same;
    },
    `${tag} with model ${String(model)} never settled`,
    { timeout: 5_000 },
  );
  const shown = text();
  // Off the page, so the next fixture is where this one was: what is drawn when on screen (a chart) is drawn alike.
  provider.remove();
  return shown;
}

describe('a framework host that passes null', () => {
  it('the summary given model null reads the record, not "No patient selected"', async () => {
    expect(await settledText('care-record-summary', null)).to.not.match(/No patient selected/);
  });

  it('covers every element that takes a model', () => {
    expect(modelTakers.length).to.be.greaterThan(4);
  });

  for (const tag of modelTakers) {
    it(`${tag}: model null shows what no model shows`, async () => {
      const left = await settledText(tag, undefined);
      const nulled = await settledText(tag, null);
      expect(nulled).to.equal(left);
      expect(nulled).to.not.match(/No patient selected|No record selected/);
    });
  }
});
