/**
 * A provider that names a patient before the host gives it a client (the
 * sign-in still under way, or never set): every element says what is true —
 * not connected to the care record — never "No patient selected", which would
 * tell a clinician looking at this person's screen that no one is chosen. With
 * no patient named, they still say none is selected; given a client, the
 * record opens.
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { settled, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';

/** The elements that read the record from the provider, by tag. */
const ELEMENTS = [
  'care-patient-banner',
  'care-record-summary',
  'care-medication-list',
  'care-timeline',
  'care-results',
  'care-appointments',
  'care-access-log',
  'care-wellbeing',
  'care-carers',
  'care-sharing',
] as const;

async function provider(audience: 'clinician' | 'resident', patient: string | undefined): Promise<CareRecordProvider> {
  const element = await fixture<CareRecordProvider>(
    html`<care-record-provider audience=${audience} patient=${patient ?? ''}>
      <care-patient-banner></care-patient-banner>
      <care-record-summary></care-record-summary>
      <care-medication-list></care-medication-list>
      <care-timeline></care-timeline>
      <care-results></care-results>
      <care-appointments></care-appointments>
      <care-access-log></care-access-log>
      <care-wellbeing></care-wellbeing>
      <care-carers></care-carers>
      <care-sharing></care-sharing>
    </care-record-provider>`,
  );
  await settled(element, ...ELEMENTS.map((tag) => element.querySelector<LitElement>(tag)!));
  return element;
}

const shown = (element: CareRecordProvider, tag: string) => text(element.querySelector(tag)?.shadowRoot);

describe('a provider with a patient but no client', () => {
  it('the reported case: the banner says it is not connected, not that no patient is selected', async () => {
    const element = await provider('clinician', 'pat-000001');
    expect(shown(element, 'care-patient-banner')).to.equal('Not connected to the care record.');
  });

  for (const audience of ['clinician', 'resident'] as const)
    it(`for a ${audience}: no element says no patient or record is selected, each says it is not connected`, async () => {
      const element = await provider(audience, 'pat-000001');
      const untrue: string[] = [];
      for (const tag of ELEMENTS) {
        const words = shown(element, tag);
        if (/selected/i.test(words) || !words.includes('Not connected to the care record.')) untrue.push(`${tag}: ${words}`);
      }
      expect(untrue).to.deep.equal([]);
    });

  it('with no patient named either, the elements say none is selected', async () => {
    const element = await provider('clinician', undefined);
    expect(shown(element, 'care-patient-banner')).to.equal('No patient selected');
    for (const tag of ELEMENTS) expect(shown(element, tag), tag).to.not.contain('Not connected');
  });

  it('given a client, the record opens', async () => {
    const element = await provider('clinician', 'pat-000001');
    element.client = createFakeHub().client;
    await until(() => shown(element, 'care-patient-banner').includes('NHS No.'), 3000, 'the banner');
    for (const tag of ELEMENTS) expect(shown(element, tag), tag).to.not.contain('Not connected');
  });
});
