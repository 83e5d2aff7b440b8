/**
 * Living in someone else's page: hostile host CSS, theming through `--care-*`
 * custom properties and `::part`, forced colours and reduced motion.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../src/define.js';
import type { CareMedicationList, CarePatientBanner, CareRecordProvider, CareRecordSummary } from '../src/index.js';
import { createFakeHub } from './support/fake-hub.js';
import { $ } from './support/dom.js';
import { bannerFor, CAST, medicationsFor, summaryFor } from './support/fixtures.js';

/** Adds CSS to the host page for the length of a test. */
function hostCss(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

const overlap = (a: DOMRect, b: DOMRect) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

describe('in a host page', () => {
  it('keeps the banner legible under `* { all: unset }` and a 40px root font size', async () => {
    const remove = hostCss(
      '* { all: unset } html { font-size: 40px } body { color: transparent; text-transform: uppercase; letter-spacing: 1em; white-space: nowrap; visibility: visible }',
    );
    try {
      const element = await fixture<CarePatientBanner>(html`<care-patient-banner .model=${bannerFor(CAST.adult)}></care-patient-banner>`);
      const name = $(element, '[part~="name"]')!;
      const number = $(element, '[part~="nhs-number"] .nhs-number-value')!;
      const nameBox = name.getBoundingClientRect();
      const numberBox = number.getBoundingClientRect();
      for (const box of [nameBox, numberBox]) {
        expect(box.width).to.be.greaterThan(20);
        expect(box.height).to.be.greaterThan(10);
      }
      expect(overlap(nameBox, numberBox)).to.equal(0);
      const nameStyle = getComputedStyle(name);
      expect(nameStyle.color).to.equal('rgb(33, 43, 50)');
      expect(nameStyle.textTransform).to.equal('none');
      expect(nameStyle.letterSpacing).to.equal('normal');
      expect(parseFloat(nameStyle.fontSize)).to.be.within(20, 30);
      expect(getComputedStyle(number).whiteSpace).to.equal('nowrap');
      expect(number.textContent).to.equal('999 402 1303');
      expect(name.textContent).to.equal('BENALI, Layla (Ms)');
      // Every field has its own box: none sits on another.
      const fields = [...element.shadowRoot!.querySelectorAll('.field')].map((field) => field.getBoundingClientRect());
      for (let i = 0; i < fields.length; i++)
        for (let j = i + 1; j < fields.length; j++) expect(overlap(fields[i]!, fields[j]!)).to.equal(0);
    } finally {
      remove();
    }
  });

  it('keeps the summary and the medicines table laid out under hostile host CSS', async () => {
    const remove = hostCss('* { all: unset } html { font-size: 40px }');
    try {
      const summary = await fixture<CareRecordSummary>(html`<care-record-summary .model=${summaryFor(CAST.adult)}></care-record-summary>`);
      const heading = $(summary, 'h2')!;
      expect(getComputedStyle(heading).display).to.equal('block');
      expect(heading.getBoundingClientRect().height).to.be.greaterThan(10);
      const medicines = await fixture<CareMedicationList>(
        html`<care-medication-list .model=${medicationsFor(CAST.adult)}></care-medication-list>`,
      );
      expect(getComputedStyle($(medicines, 'table')!).display).to.equal('table');
      expect($(medicines, 'tbody tr')!.getBoundingClientRect().height).to.be.greaterThan(10);
    } finally {
      remove();
    }
  });

  it('is not shrunk by a host that sets its root font size to 10px', async () => {
    const remove = hostCss('html { font-size: 62.5% } body { font-size: 1.6rem }');
    try {
      const element = await fixture<CarePatientBanner>(html`<care-patient-banner .model=${bannerFor(CAST.adult)}></care-patient-banner>`);
      expect(parseFloat(getComputedStyle($(element, 'dd')!).fontSize)).to.be.at.least(16);
    } finally {
      remove();
    }
  });

  it('takes its colours, typeface and size from --care-* custom properties, and exposes parts', async () => {
    const remove = hostCss(`
      .themed { --care-color-text: rgb(1, 2, 3); --care-font-family: 'Courier New'; --care-font-size: 20px; --care-banner-background: rgb(250, 250, 240); }
      .themed::part(name) { text-decoration: underline; }
    `);
    try {
      const element = await fixture<CarePatientBanner>(
        html`<care-patient-banner class="themed" .model=${bannerFor(CAST.adult)}></care-patient-banner>`,
      );
      const name = getComputedStyle($(element, '[part~="name"]')!);
      expect(name.color).to.equal('rgb(1, 2, 3)');
      expect(name.fontFamily).to.contain('Courier New');
      expect(name.fontSize).to.equal('30px');
      expect(name.textDecorationLine).to.equal('underline');
      expect(getComputedStyle($(element, '[part~="banner"]')!).backgroundColor).to.equal('rgb(250, 250, 240)');
    } finally {
      remove();
    }
  });

  it('stops the loading animation for people who ask for reduced motion', async () => {
    const hub = createFakeHub({ delay: () => 60_000 });
    const provider = await fixture<CareRecordProvider>(
      html`<care-record-provider .client=${hub.client} patient="pat-000001">
        <care-patient-banner></care-patient-banner>
      </care-record-provider>`,
    );
    const banner = provider.querySelector('care-patient-banner')!;
    await banner.updateComplete;
    const skeleton = $(banner, '.skeleton')!;
    expect(getComputedStyle(skeleton).animationName).to.equal('care-pulse');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(skeleton).animationName).to.equal('none');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    provider.remove();
  });
});
