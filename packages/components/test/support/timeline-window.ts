/** Records of any shape for the timeline's window tests, and what those tests check of every window. */
import { expect, fixture, html } from '@open-wc/testing';
import { createTimeline, type Timeline, type TimelineResource } from '@care-record/sdk';
import type { CareTimeline } from '../../src/index.js';
import { NOW, organizations } from './fixtures.js';
import { $, $$, stillFor, until, watchMoves } from './dom.js';

const PATIENT = 'pat-window';
/** More than a screenful of events never sits in the DOM for long: the window's bound, with room for one tall screen. */
const MOST_IN_DOM = 500;
/** Every event of a record this short is in the DOM. */
const ALL_WHEN_AT_MOST = 60;

export interface Shape {
  /** Events on each day, newest day first. */
  days: number[];
  /** Words in each event's title (cycled), so that titles wrap to one or several lines. */
  words: number[];
}

function resources(shape: Shape): TimelineResource[] {
  const start = Date.parse(NOW);
  const list: TimelineResource[] = [];
  shape.days.forEach((events, day) => {
    for (let index = 0; index < events; index++) {
      const n = list.length;
      const words = shape.words[n % shape.words.length] ?? 1;
      list.push({
        resourceType: 'Encounter',
        id: `enc-${n}`,
        status: 'finished',
        class: { code: n % 3 === 0 ? 'IMP' : 'AMB' },
        meta: { source: 'https://care-record.example/source/F83999' },
        subject: { reference: `Patient/${PATIENT}` },
        // Days apart, events an hour apart within a day (newest first).
        period: { start: new Date(start - (day + 1) * 86_400_000 - index * 3_600_000).toISOString() },
        type: [{ text: `Event ${n} ${'review '.repeat(words).trim()}` }],
      } as TimelineResource);
    }
  });
  return list;
}

export function timelineOf(shape: Shape): Timeline {
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience: 'clinician', now: NOW });
  timeline.add(resources(shape));
  return timeline;
}

/** The days in the DOM, as their keys. */
export const renderedDays = (element: CareTimeline) => $$(element, '[part~="day"]').map((day) => day.dataset['day'] ?? '');

/** Waits until the window stops moving (the same days for a few frames). */
export function settle(element: CareTimeline): Promise<void> {
  return stillFor(element, () => `${renderedDays(element).join()}|${$(element, '.spacer--above')?.style.blockSize}`);
}

/**
 * As `settle`, once the element has also read all of a record given whole:
 * it reads the rest in the background only in a pause of the scrolling
 * (300 ms), so until then a short record may not all be in the DOM yet.
 */
export async function settleRead(element: CareTimeline): Promise<void> {
  await until(() => (element.model?.pending ?? 0) === 0, 5000, 'the record given whole to be read');
  await settle(element);
}

/** `reference` is a timeline of the same record the element was not given: reading it does not read the element's. */
export function check(element: CareTimeline, reference: Timeline, what: string): void {
  const view = reference.view({ settings: [], types: element.shadowRoot!.querySelector('[aria-pressed="true"]') ? ['admission'] : [] });
  const keys = view.days.map((day) => day.isoDate);
  const shown = renderedDays(element);
  const events = $$(element, '[part~="event"]');
  expect(shown.length, `${what}: some days are in the DOM`).to.be.greaterThan(0);
  // A run of the view's days, in order.
  const start = keys.indexOf(shown[0]!);
  expect(start, `${what}: the first day in the DOM is one of the view's`).to.be.at.least(0);
  expect(shown, `${what}: the days in the DOM are a run of the view's, in order`).to.deep.equal(keys.slice(start, start + shown.length));
  expect(events.length, `${what}: the DOM's events are bounded`).to.be.at.most(MOST_IN_DOM);
  if (view.total <= ALL_WHEN_AT_MOST) expect(events.length, `${what}: a short record is all in the DOM`).to.equal(view.total);
  // What is on screen is covered by days in the DOM.
  const box = $(element, '[part~="list"]')!.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight);
  if (bottom <= top) return;
  const days = $$(element, '[part~="day"]');
  const first = days[0]!.getBoundingClientRect();
  const last = days.at(-1)!.getBoundingClientRect();
  if (start > 0) expect(first.top, `${what}: no blank space above the first day in the DOM`).to.be.at.most(top + 1);
  if (start + shown.length < keys.length)
    expect(last.bottom, `${what}: no blank space below the last day in the DOM`).to.be.at.least(bottom - 1);
}

/**
 * Watches the element's shadow DOM for days the render moved: a moved day
 * loses the browser's scroll anchor, so the screen jumps by the height of the
 * days removed around it. `moved()` gives the keys of the days moved so far.
 */
export const watchDayMoves = (element: CareTimeline) =>
  watchMoves(element.shadowRoot!, (node) => (node.matches('[part~="day"]') ? (node.dataset['day'] ?? '') : undefined));

/**
 * A timeline of `shape`, all of it read before it is opened, in its own
 * scrolling box or (`page`) scrolled by the page.
 */
export async function openRead(shape: Shape, page: boolean) {
  const model = timelineOf(shape);
  while (model.read(1_000) > 0);
  const container = await fixture<HTMLDivElement>(
    page
      ? html`<div style="--care-timeline-max-height: none"><care-timeline .model=${model}></care-timeline></div>`
      : html`<div><care-timeline .model=${model}></care-timeline></div>`,
  );
  const element = container.querySelector('care-timeline')!;
  const scroller = page ? document.scrollingElement! : $(element, '[part~="list"]')!;
  return { model, container, element, scroller };
}
