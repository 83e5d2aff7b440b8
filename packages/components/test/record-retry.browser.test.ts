/**
 * "Try again" after the record page failed asks for the record page again,
 * shows that it is loading, then shows the record or the failure — in
 * whichever element it is pressed — and every element that showed the
 * failure loads again with it, so no list is shown under a banner that
 * failed.
 *
 * The reported case: a medication list's "Try again" after the record page
 * failed (500) waited on the failed page and failed again at once, without
 * asking. Then the class: every record element the package registers ×
 * (failed, no answer in time, no connection) × (the page then answers, or
 * fails again), one provider each, side by side. The real SDK client, with a
 * server at the edge (`fetch`).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { text } from './support/dom.js';
import { RECORD_ELEMENTS } from './support/record-elements.js';
import {
  allSettled,
  busy,
  failurePanel,
  ITEMS,
  NONE_WORDING,
  providerOn,
  recordPageHub,
  retryButton,
  settled,
  shownWords,
  type PageFault,
  type RecordPageHub,
} from './support/record-page-hub.js';

/** What the banner shows of the resident once the record page is read. */
const RESIDENT = /YIP, Ming/;
/** Long enough for a page asked for again to be seen asked: past every request's time limit here. */
const ASKED_MS = 5000;

describe('"Try again" after the record page failed', function () {
  this.timeout(60_000);

  it('the reported case: a medication list’s "Try again" asks for the record page again, loads, then shows the record', async () => {
    const hub = recordPageHub(500);
    hub.release();
    const shown = await providerOn(hub, ['care-patient-banner', 'care-medication-list']);
    const [banner, medicines] = [...shown.children] as HTMLElement[];
    await allSettled([banner!, medicines!], 'the record page fails');
    expect(text(medicines)).to.match(/had a problem/);
    const asked = hub.pageAsked;

    hub.answer('ok', { held: true });
    retryButton(medicines!)!.click();
    await waitUntil(() => hub.pageAsked > asked, 'the record page is asked for again', { timeout: ASKED_MS }).catch(() => undefined);
    expect(hub.pageAsked, 'the record page asked for again').to.be.greaterThan(asked);
    expect(busy(medicines!), 'the medicines show they are loading').to.equal(true);

    hub.release();
    await allSettled([banner!, medicines!], 'the record is shown');
    expect(text(medicines)).to.include('Amlodipine');
    // No list under a banner that failed: the banner shows the resident too.
    expect(text(banner)).to.match(RESIDENT);
  });

  const CASES: [PageFault, 'ok' | 500][] = [
    [500, 'ok'],
    [500, 500],
    ['timeout', 'ok'],
    ['network', 'ok'],
    ['network', 500],
  ];
  for (const [fault, then] of CASES) {
    it(`the class: after ${fault}, every element's "Try again" asks for the record page again, loads, then shows ${then === 'ok' ? 'the record' : 'the failure again'}`, async () => {
      // One provider per element, side by side: each element's "Try again" alone asks for its record page.
      const pages = await Promise.all(
        RECORD_ELEMENTS.map(async (tag) => {
          const hub = recordPageHub(fault);
          hub.release();
          const shown = await providerOn(hub, tag === 'care-patient-banner' ? [tag] : ['care-patient-banner', tag]);
          const banner = shown.querySelector<HTMLElement>('care-patient-banner')!;
          return { tag, hub, banner, element: shown.querySelector<HTMLElement>(tag)! };
        }),
      );
      await allSettled(
        pages.flatMap(({ banner, element }) => [banner, element]),
        'every record page fails',
        8000,
      );
      const faults: string[] = [];
      const pressed: { tag: string; hub: RecordPageHub; banner: HTMLElement; element: HTMLElement; asked: number }[] = [];
      for (const page of pages) {
        const button = retryButton(page.element);
        if (!button) {
          // An element with no "Try again" of its own must not be showing a failure it cannot leave.
          if (failurePanel(page.element)) faults.push(`${page.tag}: a failure with no "Try again"`);
          continue;
        }
        const asked = page.hub.pageAsked;
        page.hub.answer(then, { held: true });
        button.click();
        pressed.push({ ...page, asked });
      }
      await waitUntil(() => pressed.every(({ hub, asked }) => hub.pageAsked > asked), 'every page asked again', {
        timeout: ASKED_MS,
      }).catch(() => undefined);
      for (const { tag, hub, element, asked } of pressed) {
        if (hub.pageAsked === asked) faults.push(`${tag}: the record page not asked for again`);
        else if (!busy(element) && !/Loading/i.test(text(element))) faults.push(`${tag}: not loading while the page is asked for`);
        hub.release();
      }
      await allSettled(
        pressed.flatMap(({ banner, element }) => [banner, element]),
        'every element settles',
        8000,
      );
      for (const { tag, banner, element } of pressed) {
        if (!settled(element)) faults.push(`${tag}: still "${shownWords(element).slice(0, 60)}"`);
        else if (then === 'ok') {
          if (failurePanel(element)) faults.push(`${tag}: still failed: "${shownWords(element).slice(0, 80)}"`);
          if (!RESIDENT.test(text(banner))) faults.push(`${tag}: the banner still failed`);
        } else {
          if (!failurePanel(element)) faults.push(`${tag}: the failure not shown`);
          if (ITEMS.test(text(element))) faults.push(`${tag}: shows items under the failed page`);
          if (NONE_WORDING.test(text(element))) faults.push(`${tag}: says "none"`);
        }
      }
      expect(pressed.length, 'elements offering "Try again"').to.be.greaterThan(5);
      expect(faults, `${faults.length} faults among ${RECORD_ELEMENTS.length} elements`).to.deep.equal([]);
    });
  }
});
