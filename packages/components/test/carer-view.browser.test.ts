/**
 * A carer's view (`audience="carer"`): the resident's plain English about
 * someone else. For every resident of the cast and every record element, the
 * line at the top names the person from their own record, and no element
 * addresses the carer as if the record were theirs ("Your medicines",
 * "You have 3 …"). Every element loads what it shows — none is in its error
 * state ("We could not load …") — and the timeline shows the person's events.
 * Switching person never names the previous one.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../src/define.js';
import type { CareRecordProvider } from '../src/index.js';
import { shadow, text, until } from './support/dom.js';
import { createFakeHub } from './support/fake-hub.js';
import { bannerName, CAST } from './support/fixtures.js';

const ELEMENTS = [
  'care-patient-banner',
  'care-record-summary',
  'care-medication-list',
  'care-appointments',
  'care-results',
  'care-timeline',
  'care-reading-form',
] as const;

/** What addresses the reader as the person the record is about, at the start of a sentence or heading. */
const ADDRESSED_AS_SUBJECT = /(^|[.:!?]\s+|\n\s*)(Your|You have|You no longer|Allergies you)\b/;
/** What names the reader as the one who added an entry the person added themselves: a source of "You", "Added by you". */
const ADDED_BY_READER = /(^|\n)\s*(You|Added by you)\s*(,|\n|$)/;

async function carerPage(patient: string): Promise<CareRecordProvider> {
  const hub = createFakeHub();
  return fixture<CareRecordProvider>(
    html`<care-record-provider .client=${hub.client} audience="carer" patient=${patient}>
      ${ELEMENTS.map((tag) => document.createElement(tag))}
    </care-record-provider>`,
  );
}

/** Each element's text, heading by heading, so sentences start on their own lines. */
function linesOf(element: Element): string {
  const root = shadow(element);
  return [...root.querySelectorAll('h2, h3, h4, p, legend, label, caption, summary, dt, dd, li, th, td, span')]
    .map((node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '')
    .join('\n');
}

/** What an element says when it could not load what it shows. */
const FAILED = /could not (load|be loaded)|went wrong/i;

/** An element's error panel, or its words for a failed load: `undefined` when there is none. */
function failure(element: Element): string | undefined {
  const panel = shadow(element).querySelector('[part~="error"], [role="alert"]');
  if (panel) return text(panel) || '(an empty error panel)';
  return FAILED.exec(text(element)) ? text(element) : undefined;
}

const loaded = (provider: CareRecordProvider) =>
  ELEMENTS.every((tag) => {
    const element = provider.querySelector(tag);
    return element !== null && text(element) !== '' && shadow(element).querySelector('[aria-busy="true"]') === null;
  });

describe('a carer’s view of the record', function () {
  // Each test waits up to 5 s for the record to load (the frail older resident's is large): more than mocha's 2 s.
  this.timeout(15_000);
  for (const [who, index] of Object.entries(CAST)) {
    it(`names ${who} from their record, and never speaks to the carer as the patient`, async () => {
      const patientId = `pat-${String(index + 1).padStart(6, '0')}`;
      const provider = await carerPage(patientId);
      await until(
        () => loaded(provider) && text(provider).includes('You are acting for') && !text(provider).includes('Loading whose'),
        5000,
        who,
      );
      const line = shadow(provider).querySelector('[part~="acting-for"]');
      expect(line?.textContent?.replace(/\s+/g, ' ')).to.contain(`You are acting for ${bannerName(index, 'resident')}`);
      for (const tag of ELEMENTS) {
        // An error panel is text too, and speaks of the person: it must not pass for what the element shows.
        expect(failure(provider.querySelector(tag)!), `${tag} for ${who} is in its error state`).to.equal(undefined);
      }
      const timeline = provider.querySelector('care-timeline')!;
      expect(shadow(timeline).querySelectorAll('[part~="event-button"]').length, `${who}’s timeline shows their events`).to.be.greaterThan(
        0,
      );
      for (const tag of ELEMENTS) {
        const lines = linesOf(provider.querySelector(tag)!);
        expect(lines, `${tag} for ${who}`).not.to.match(ADDRESSED_AS_SUBJECT);
        expect(lines, `${tag} for ${who}: who added it`).not.to.match(ADDED_BY_READER);
      }
      await expect(provider).shadowDom.to.be.accessible();
    });
  }

  it('switching person never names the previous one', async () => {
    const provider = await carerPage('pat-000001');
    await until(() => text(provider).includes(`You are acting for ${bannerName(0, 'resident')}`), 5000, 'the first person');
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(text(provider)));
    observer.observe(shadow(provider), { subtree: true, childList: true, characterData: true });
    provider.patient = 'pat-000003';
    await provider.updateComplete;
    expect(text(provider)).not.to.contain(bannerName(0, 'resident'), 'the previous name goes with the previous record');
    await until(() => text(provider).includes(`You are acting for ${bannerName(2, 'resident')}`), 5000, 'the second person');
    observer.disconnect();
    expect(seen.filter((shown) => shown.includes(bannerName(0, 'resident')))).to.deep.equal([]);
  });
});
