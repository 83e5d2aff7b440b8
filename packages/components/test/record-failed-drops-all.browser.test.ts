/**
 * A record whose resident could not be confirmed, or whose record page failed,
 * shows nothing read from it in any element: no items, and no "none". The
 * reported cases: the timeline said "No events recorded" under "The record
 * was not found"; medicines shown before the record page failed stayed on
 * screen under the failed banner. Then the class: every record element the
 * package defines × (404, 410, 500, no answer in time) × the order the
 * answers come in. The real SDK client, with a server at the edge (`fetch`)
 * whose record page answers when the test lets it.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CareRecordProvider } from '../src/provider/record-provider.js';
import { text } from './support/dom.js';
import { RECORD_ELEMENTS as ELEMENTS } from './support/record-elements.js';
import {
  addTo,
  busy,
  ITEMS,
  NONE_WORDING,
  providerOn,
  recordPageHub as server,
  settled,
  type PageFault,
  type RecordPageHub,
} from './support/record-page-hub.js';

/** Each request's time limit here; a record page that does not answer fails after it. */
const TIMEOUT_MS = 1500;
/** Those that do not read the record page themselves: they can show what they read before it fails. */
const NOT_READING_THE_PAGE = ['care-medication-list', 'care-timeline'];

const FAULTS: PageFault[] = [404, 410, 500, 'timeout'];

const provider = (hub: RecordPageHub, tags: readonly string[]): Promise<CareRecordProvider> => providerOn(hub, tags, TIMEOUT_MS);
const add = (shown: CareRecordProvider, tags: readonly string[]) => void addTo(shown, tags);
const elementsIn = (shown: CareRecordProvider): HTMLElement[] =>
  ELEMENTS.map((tag) => shown.querySelector<HTMLElement>(tag)!).filter(Boolean);

/**
 * Every element has stopped loading, and none shows items or "none". Each must first say something: an element just
 * added has not rendered, and is neither busy nor showing items (waiting on that once read elements too early).
 */
async function expectNothingShown(shown: CareRecordProvider): Promise<void> {
  const settledAndEmpty = () => elementsIn(shown).every((element) => settled(element) && !ITEMS.test(text(element)));
  await waitUntil(settledAndEmpty, 'the record fails everywhere', { timeout: TIMEOUT_MS * 4 }).catch(() => undefined);
  for (const element of elementsIn(shown)) {
    expect(busy(element), `${element.localName} still loading`).to.equal(false);
    expect(text(element), element.localName).not.to.match(ITEMS);
    expect(text(element), element.localName).not.to.match(NONE_WORDING);
  }
}

describe('a record not confirmed, or whose page failed, shows nothing of it', () => {
  it('covers every record element the package defines', () => {
    expect(ELEMENTS).to.include.members(['care-patient-banner', 'care-medication-list', 'care-timeline', 'care-record-summary']);
    expect(ELEMENTS.length).to.be.greaterThan(8);
  });

  it('the reported case: the timeline of a record not found says so, not "No events recorded"', async () => {
    const hub = server(404);
    hub.release();
    const shown = await provider(hub, ['care-patient-banner', 'care-timeline']);
    const timeline = shown.querySelector('care-timeline')!;
    await waitUntil(() => !busy(timeline) && text(timeline) !== '', 'the timeline loads or fails', { timeout: 8000 });
    expect(text(timeline)).not.to.match(NONE_WORDING);
    expect(text(timeline)).to.match(/not found|could not be loaded/i);
  });

  it('the reported case: medicines shown before the record page failed go when it fails', async () => {
    const hub = server(500);
    const shown = await provider(hub, ['care-medication-list']);
    const medicines = shown.querySelector('care-medication-list')!;
    await waitUntil(() => text(medicines).includes('Amlodipine'), 'the medicines are shown', { timeout: 8000 });
    add(shown, ['care-patient-banner']);
    hub.release();
    await waitUntil(() => !text(medicines).includes('Amlodipine'), 'the medicines go', { timeout: 8000 });
    expect(text(medicines)).to.match(/could not be loaded|had a problem|went wrong/i);
    expect(text(medicines)).not.to.match(NONE_WORDING);
  });

  for (const fault of FAULTS) {
    it(`the class: ${fault}, the record page failing first — no element shows items or "none"`, async () => {
      const hub = server(fault);
      hub.release();
      await expectNothingShown(await provider(hub, ELEMENTS));
    });

    it(`the class: ${fault}, lists answering first — what they showed goes, and no element says "none"`, async () => {
      const hub = server(fault);
      const shown = await provider(hub, NOT_READING_THE_PAGE);
      const lists = NOT_READING_THE_PAGE.map((tag) => shown.querySelector<HTMLElement>(tag)!);
      await waitUntil(() => lists.every((element) => !busy(element) && text(element) !== ''), 'the lists answer', { timeout: 8000 });
      add(
        shown,
        ELEMENTS.filter((tag) => !NOT_READING_THE_PAGE.includes(tag)),
      );
      hub.release();
      await expectNothingShown(shown);
    });
  }
});
