/**
 * A new record opens at its newest events, wherever the last one was
 * scrolled to: in the list's own box or scrolled by the page, with or
 * without the browser's scroll anchoring, and when the two records share
 * dates (so no day of the last record can be mistaken for one to hold).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createTimeline, type Timeline, type TimelineResource } from '@care-record/sdk';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { $, $$, frame } from './support/dom.js';
import { NOW, organizations } from './support/fixtures.js';
import { renderedDays, settle } from './support/timeline-window.js';

/** `days` days of three encounters each, back from the fixtures' now: any two records share their dates. */
function record(patient: string, days: number): Timeline {
  const start = Date.parse(NOW);
  const resources: TimelineResource[] = [];
  for (let day = 0; day < days; day++)
    for (let index = 0; index < 3; index++)
      resources.push({
        resourceType: 'Encounter',
        id: `${patient}-${day}-${index}`,
        status: 'finished',
        class: { code: 'AMB' },
        meta: { source: 'https://care-record.example/source/F83999' },
        subject: { reference: `Patient/${patient}` },
        period: { start: new Date(start - (day + 1) * 86_400_000 - index * 3_600_000).toISOString() },
        // Titles of one line to several, so days are not all the height of the first estimate.
        type: [{ text: `${patient} ${day}.${index} ${'review '.repeat((day * 7 + index) % 20)}`.trim() }],
      } as TimelineResource);
  const timeline = createTimeline({ patientId: patient, organizations, audience: 'clinician', now: NOW });
  timeline.add(resources);
  while (timeline.read(1_000) > 0);
  return timeline;
}

describe('care-timeline: a new record opens at its newest events', () => {
  afterEach(() => {
    document.querySelectorAll('style[data-anchoring-off]').forEach((style) => style.remove());
    window.scrollTo(0, 0);
  });

  for (const page of [false, true])
    for (const anchoring of [true, false])
      it(`${page ? 'scrolled by the page' : 'in its own box'}, ${anchoring ? 'with' : 'without'} scroll anchoring`, async function () {
        this.timeout(60_000);
        if (!anchoring) {
          const off = document.createElement('style');
          off.dataset['anchoringOff'] = '';
          off.textContent = page ? 'body { overflow-anchor: none; }' : 'care-timeline::part(list) { overflow-anchor: none; }';
          document.head.append(off);
        }
        const container = await fixture<HTMLDivElement>(
          page
            ? html`<div style="--care-timeline-max-height: none"><care-timeline .model=${record('pat-a', 300)}></care-timeline></div>`
            : html`<div><care-timeline .model=${record('pat-a', 300)}></care-timeline></div>`,
        );
        const element = container.querySelector('care-timeline') as CareTimeline;
        const scroller = page ? document.scrollingElement! : $(element, '[part~="list"]')!;
        const screenTop = () => (page ? 0 : scroller.getBoundingClientRect().top);
        await settle(element);
        for (const [at, next] of [
          [0.5, 'pat-b'],
          [0.97, 'pat-c'],
          [0.1, 'pat-d'],
        ] as const) {
          scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * at;
          await frame();
          await settle(element);
          const was = renderedDays(element)[0];
          expect(was, `scrolled to ${at}: the window moved into the record`).to.not.equal('2026-11-27');
          element.model = record(next, 300);
          await settle(element);
          const days = $$(element, '[part~="day"]');
          expect(days[0]?.dataset['day'], `after scrolling to ${at}: the newest day of ${next} is in the DOM`).to.equal('2026-11-27');
          const shown = days.find((day) => day.getBoundingClientRect().bottom > screenTop() + 1);
          expect(shown?.dataset['day'], `after scrolling to ${at}: the first day on screen is the newest`).to.equal('2026-11-27');
          expect(days[0]!.getBoundingClientRect().top, `after scrolling to ${at}: the newest day is not above the screen`).to.be.at.least(
            screenTop() - 1,
          );
          expect(
            $$(element, '[part~="event"]').every((event) => (event.textContent ?? '').includes(`${next} `)),
            'only the new record’s events are in the DOM',
          ).to.equal(true);
        }
      });
});
