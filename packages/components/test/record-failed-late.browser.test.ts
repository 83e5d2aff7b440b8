/**
 * After the record page ended — failed, refused, or answered — an element
 * added to the provider shows what one added before shows: never "Loading…"
 * for ever, never items or "none" where the record could not be loaded, and
 * the same failure, request ID and "Try again" as the others.
 *
 * The reported case: an element added after the record page failed went on as
 * if it had not (see record-failed-drops-all for elements added after the
 * lists failed as not found). Then the class: every record element the
 * package registers × how the record page ends (not found, gone, refused,
 * failed, no answer in time, no connection, a section a narrow sign-in or a
 * carer's proxy access left out, answered) × added before or after it ended
 * (each alone).
 * The real SDK client, with a server at the edge (`fetch`).
 */
import { expect } from '@open-wc/testing';
import { text } from './support/dom.js';
import { RECORD_ELEMENTS } from './support/record-elements.js';
import {
  addTo,
  allSettled,
  ITEMS,
  NONE_WORDING,
  providerOn,
  recordPageHub,
  retryButton,
  settled,
  shownWords,
  type PageAnswer,
  type PageFault,
} from './support/record-page-hub.js';

/** The page's ends after which nothing read from the record may be shown (the banner's failure is every element's). */
const FAILS_THE_RECORD: PageFault[] = [404, 410, 500, 'timeout', 'network'];
const ENDS: PageAnswer[] = [...FAILS_THE_RECORD, 403, 'SCOPE_RESTRICTED', 'PROXY_RESTRICTED', 'ok'];

describe('an element added after the record page ended shows what the others show', function () {
  this.timeout(60_000);

  it('covers every record element the package defines', () => {
    expect(RECORD_ELEMENTS).to.include.members(['care-patient-banner', 'care-medication-list', 'care-timeline', 'care-record-summary']);
    expect(RECORD_ELEMENTS.length).to.be.greaterThan(8);
  });

  it('the reported case: a list added after the record page failed (500) shows that failure, its request ID and "Try again"', async () => {
    const hub = recordPageHub(500);
    hub.release();
    const shown = await providerOn(hub, ['care-patient-banner', 'care-access-log']);
    const [banner, early] = [...shown.children] as HTMLElement[];
    await allSettled([banner!, early!], 'the record page fails');
    const [late] = addTo(shown, ['care-access-log']);
    await allSettled([late!], 'the list added after settles');
    expect(text(banner)).to.match(/had a problem/);
    expect(shownWords(late!)).to.equal(shownWords(early!));
    expect(text(late)).to.match(/had a problem/);
    expect(text(late)).to.match(/Request ID/);
    expect(retryButton(late!)).to.not.equal(null);
  });

  for (const end of ENDS) {
    it(`the class: the record page ends with ${end} — every element added after shows what one added before shows`, async () => {
      const hub = recordPageHub(end);
      hub.release();
      const shown = await providerOn(hub, RECORD_ELEMENTS);
      const before = [...shown.children] as HTMLElement[];
      await allSettled(before, 'every element added before settles');
      // Each added alone, so that none is shown the failure only because another asked for the page again.
      const after: HTMLElement[] = [];
      for (const tag of RECORD_ELEMENTS) {
        const [late] = addTo(shown, [tag]);
        after.push(late!);
        await allSettled([late!], `<${tag}> added after settles`);
      }

      const faults: string[] = [];
      RECORD_ELEMENTS.forEach((tag, index) => {
        const early = before[index]!;
        const late = after[index]!;
        if (!settled(early)) faults.push(`${tag} added before: still "${shownWords(early).slice(0, 60)}"`);
        if (!settled(late)) faults.push(`${tag} added after: still "${shownWords(late).slice(0, 60)}"`);
        else if (shownWords(late) !== shownWords(early))
          faults.push(`${tag} added after shows "${shownWords(late).slice(0, 90)}", before "${shownWords(early).slice(0, 90)}"`);
        if ((FAILS_THE_RECORD as PageAnswer[]).includes(end))
          for (const [when, element] of [
            ['before', early],
            ['after', late],
          ] as const) {
            if (ITEMS.test(text(element))) faults.push(`${tag} added ${when} shows items`);
            if (NONE_WORDING.test(text(element))) faults.push(`${tag} added ${when} says "none"`);
          }
      });
      expect(faults, `${faults.length} faults among ${RECORD_ELEMENTS.length * 2} elements`).to.deep.equal([]);
    });
  }
});
