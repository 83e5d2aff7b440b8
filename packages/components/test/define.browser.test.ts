/**
 * Registration as a host page meets it: another copy or version of these
 * elements, or another library, already holding a tag; and a framework that
 * sets properties on an element before its definition has loaded. Nothing
 * throws, every other element is registered, and what was set is shown.
 * (Each test file runs in a page of its own, so this one registers the tags.)
 */
import { expect, nextFrame } from '@open-wc/testing';
import { CarePatientBanner } from '../src/patient-banner/patient-banner.js';
import type { CareRecordSummary } from '../src/record-summary/record-summary.js';
import { bannerFor, CAST, summaryFor } from './support/fixtures.js';

const tags = [
  'care-record-provider',
  'care-patient-banner',
  'care-record-summary',
  'care-medication-list',
  'care-timeline',
  'care-results',
  'care-appointments',
  'care-reading-form',
  'care-access-log',
  'care-sharing',
];

describe('registering the elements', () => {
  it('with a tag held by another copy and one by another library, the rest register and the page keeps working', async () => {
    // Another copy (or version) of the banner, and an unrelated element of the same name as the timeline.
    class OtherCopyOfTheBanner extends CarePatientBanner {}
    class SomeoneElsesTimeline extends HTMLElement {}
    customElements.define('care-patient-banner', OtherCopyOfTheBanner);
    customElements.define('care-timeline', SomeoneElsesTimeline);
    // Set by a framework before the definitions load: kept, and shown once they have.
    const summary = document.createElement('care-record-summary') as CareRecordSummary;
    summary.model = summaryFor(CAST.adult);
    document.body.append(summary);

    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      await import('../src/define.js');
    } finally {
      console.warn = warn;
    }

    for (const tag of tags) expect(customElements.get(tag), tag).to.not.equal(undefined);
    expect(customElements.get('care-patient-banner')).to.equal(OtherCopyOfTheBanner);
    expect(customElements.get('care-timeline')).to.equal(SomeoneElsesTimeline);
    expect(warnings.length).to.equal(2);
    expect(warnings.some((text) => text.includes('<care-patient-banner>'))).to.equal(true);
    expect(warnings.some((text) => text.includes('<care-timeline>'))).to.equal(true);
    for (const text of warnings) expect(text).to.match(/already defined/);
    // Says who holds it: a developer looking for a second copy of the package where there is none is misled.
    expect(warnings.find((text) => text.includes('<care-timeline>'))).to.match(/another library/);
    expect(warnings.find((text) => text.includes('<care-patient-banner>'))).to.match(/another copy of @care-record\/components/);

    await summary.updateComplete;
    expect(summary.shadowRoot?.textContent ?? '').to.not.match(/No patient selected/);
    expect((summary.shadowRoot?.textContent ?? '').trim().length).to.be.greaterThan(0);

    const banner = document.createElement('care-patient-banner') as CarePatientBanner;
    banner.model = bannerFor(CAST.adult);
    document.body.append(banner);
    await banner.updateComplete;
    await nextFrame();
    expect(banner.shadowRoot?.textContent ?? '').to.match(/NHS No\./);
    summary.remove();
    banner.remove();
  });
});
