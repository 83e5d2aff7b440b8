/**
 * Focus in the timeline, as a property: whatever the record (encounters,
 * reports whose results were taken days before the report), in whatever
 * order its resources arrive (a result before its report, so shown on its
 * own and then folded into the report; pages of one search bringing days
 * between those held), and wherever the reader has moved with the keyboard,
 * once each arrival has settled:
 *
 * - focus is still on an event of the timeline (never left on the page);
 * - an event that is still in the view keeps focus;
 * - an event folded away hands focus to an event at its place;
 * - the event with focus is on screen.
 */
import { expect, fixture, html } from '@open-wc/testing';
import fc from 'fast-check';
import { createTimeline } from '@care-record/sdk';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { NOW, organizations } from './support/fixtures.js';
import { $, $$ } from './support/dom.js';
import { arrival, arriving, days, focusedId, play, resources, settle, shared, steps, PATIENT } from './support/timeline-focus.js';
describe('care-timeline: focus while the record arrives (property)', () => {
  it('in its own box: focus stays on an event, kept while it is in the view, handed to its place when folded away', async function () {
    this.timeout(240_000);
    await fc.assert(
      fc.asyncProperty(days, arrival, steps, async (shape, { order, page }, list) => {
        const pages = arriving(shape, order, page);
        const { timeline, host } = shared(pages);
        // A box that fits the screen, as a host gives it (one taller than the window scrolls in two places at once).
        const element = await fixture<CareTimeline>(
          html`<care-timeline style="--care-timeline-max-height: 360px" .timeline=${host}></care-timeline>`,
        );
        await play(element, timeline, pages, list, () => $(element, '[part~="list"]')!);
        element.remove();
      }),
      { numRuns: 30, seed: 4, endOnFailure: true, includeErrorInReport: true },
    );
  });

  it('when the page scrolls: the same', async function () {
    this.timeout(240_000);
    await fc.assert(
      fc.asyncProperty(days, arrival, steps, async (shape, { order, page }, list) => {
        const pages = arriving(shape, order, page);
        const { timeline, host } = shared(pages);
        const container = await fixture<HTMLDivElement>(
          html`<div style="--care-timeline-max-height: none; padding-block-start: 200px">
            <care-timeline .timeline=${host}></care-timeline>
          </div>`,
        );
        const element = container.querySelector('care-timeline')!;
        await play(element, timeline, pages, list, () => document.scrollingElement!);
        container.remove();
        window.scrollTo(0, 0);
      }),
      { numRuns: 20, seed: 40, endOnFailure: true, includeErrorInReport: true },
    );
  });
});

describe('care-timeline: focus and a new record', () => {
  it('focus on an event is not carried to an event of the next record', async () => {
    const record = (days: number, prefix: string) => {
      const timeline = createTimeline({ patientId: PATIENT, organizations, audience: 'clinician', now: NOW });
      timeline.add(
        resources(
          Array.from({ length: days }, () => ({ encounters: 2, reports: [[0, 1]] })),
          prefix,
        ),
      );
      return timeline;
    };
    const element = await fixture<CareTimeline>(html`<care-timeline .model=${record(20, 'a-')}></care-timeline>`);
    await settle(element);
    $$(element, '[part~="event-button"]')[3]!.focus();
    expect(focusedId(element)).to.be.a('string');
    element.model = record(30, 'b-');
    await settle(element);
    // Compared as flags: a failure naming an element cannot be sent back from the browser.
    expect(focusedId(element), 'no event of the next record has focus').to.equal(undefined);
  });
});
