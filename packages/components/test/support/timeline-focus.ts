/** The timeline focus property: records of reports and encounters arriving in any order, and a reader's steps. */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createTimeline, type RecordTimeline, type Timeline, type TimelineResource } from '@care-record/sdk';
import type { CareTimeline } from '../../src/index.js';
import { NOW, organizations } from './fixtures.js';
import { $$, stillFor } from './dom.js';

export const PATIENT = 'pat-focus';
const SOURCE = { source: 'https://care-record.example/source/F83999' };

export interface Day {
  encounters: number;
  /** Each report's results, and how many days before the report each was taken. */
  reports: number[][];
}

/** `prefix` starts every id: two records of the same shape share no resource. */
export function resources(days: Day[], prefix = ''): TimelineResource[] {
  const start = Date.parse(NOW);
  const at = (day: number, hour: number) => new Date(start - (day + 1) * 86_400_000 - hour * 3_600_000).toISOString();
  const subject = { reference: `Patient/${PATIENT}` };
  const list: TimelineResource[] = [];
  days.forEach((shape, day) => {
    for (let index = 0; index < shape.encounters; index++) {
      list.push({
        resourceType: 'Encounter',
        id: `${prefix}enc-${day}-${index}`,
        status: 'finished',
        class: { code: 'AMB' },
        meta: SOURCE,
        subject,
        period: { start: at(day, index) },
        type: [{ text: `Consultation ${day}.${index}` }],
      } as TimelineResource);
    }
    shape.reports.forEach((results, report) => {
      const ids = results.map((_, result) => `${prefix}obs-${day}-${report}-${result}`);
      results.forEach((before, result) => {
        list.push({
          resourceType: 'Observation',
          id: ids[result],
          status: 'final',
          meta: SOURCE,
          subject,
          code: { text: `Result ${day}.${report}.${result}` },
          effectiveDateTime: at(day + before, 12 + result),
          valueQuantity: { value: 4 + result, unit: 'mmol/L' },
        } as TimelineResource);
      });
      list.push({
        resourceType: 'DiagnosticReport',
        id: `${prefix}rep-${day}-${report}`,
        status: 'final',
        meta: SOURCE,
        subject,
        code: { text: `Report ${day}.${report}` },
        effectiveDateTime: at(day, 10 + report),
        issued: at(day, 10 + report),
        result: ids.map((id) => ({ reference: `Observation/${id}` })),
      } as TimelineResource);
    });
  });
  return list;
}

export type Step =
  | { kind: 'key'; key: 'End' | 'Home' | 'ArrowDown' | 'ArrowUp'; times: number }
  | { kind: 'focus'; at: number }
  | { kind: 'scroll'; to: number }
  | { kind: 'arrive' };

export const days = fc.array(
  fc.record({
    encounters: fc.integer({ min: 0, max: 3 }),
    reports: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), { maxLength: 2 }),
  }),
  { minLength: 5, maxLength: 160 },
);

export const steps = fc.array(
  fc.oneof(
    { arbitrary: fc.constant({ kind: 'arrive' as const }), weight: 3 },
    fc.record({
      kind: fc.constant('key' as const),
      key: fc.constantFrom('End' as const, 'Home' as const, 'ArrowDown' as const, 'ArrowUp' as const),
      times: fc.integer({ min: 1, max: 4 }),
    }),
    fc.record({ kind: fc.constant('focus' as const), at: fc.integer({ min: 0, max: 999 }).map((n) => n / 1000) }),
    fc.record({ kind: fc.constant('scroll' as const), to: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000) }),
  ),
  { minLength: 4, maxLength: 14 },
);

/** The order resources arrive in: any permutation, in pages of any size. */
export const arrival = fc.record({ order: fc.array(fc.nat(), { maxLength: 2000 }), page: fc.integer({ min: 5, max: 120 }) });

/** Waits until the days, events and focus stay the same for a few frames. */
export function settle(element: CareTimeline): Promise<void> {
  return stillFor(element, () => `${$$(element, '[part~="day"]').length}|${focusedId(element)}|${$$(element, '[part~="event"]').length}`);
}

export const focusedId = (element: CareTimeline) => (element.shadowRoot!.activeElement as HTMLElement | null)?.dataset['id'];

/** Whether the event with focus is (at least partly) inside the list's box, on screen. */
function onScreen(element: CareTimeline): boolean {
  const button = element.shadowRoot!.activeElement;
  const box = element.shadowRoot!.querySelector('[part~="list"]');
  if (!button || !box) return false;
  const shown = box.getBoundingClientRect();
  const at = button.getBoundingClientRect();
  return at.bottom > Math.max(shown.top, 0) && at.top < Math.min(shown.bottom, window.innerHeight);
}

function viewIds(timeline: Timeline): string[] {
  const view = timeline.view({}, { atLeast: Number.MAX_SAFE_INTEGER });
  return [...view.days.flatMap((day) => day.events), ...view.undated].map((event) => event.id);
}

export async function play(
  element: CareTimeline,
  timeline: Timeline,
  pages: TimelineResource[][],
  list: Step[],
  scroller: () => Element,
): Promise<void> {
  await settle(element);
  $$(element, '[part~="event-button"]')[0]?.focus();
  for (const [index, step] of list.entries()) {
    const what = `step ${index} (${JSON.stringify(step)})`;
    if (step.kind === 'arrive') {
      const next = pages.shift();
      if (!next) continue;
      const before = focusedId(element);
      const wasOnScreen = onScreen(element);
      timeline.add(next);
      element.requestUpdate();
      await settle(element);
      // Compared as flags: a failure naming an element cannot be sent back from the browser.
      expect(document.activeElement === element, `${what}: focus stays in the timeline`).to.equal(true);
      const after = focusedId(element);
      const ids = viewIds(timeline);
      expect(after !== undefined && ids.includes(after), `${what}: focus is on an event of the view`).to.equal(true);
      if (before !== undefined && ids.includes(before)) expect(after, `${what}: the event with focus keeps it`).to.equal(before);
      if (wasOnScreen) expect(onScreen(element), `${what}: the event with focus stays on screen`).to.equal(true);
    } else if (step.kind === 'key') {
      for (let time = 0; time < step.times; time++) {
        const target = element.shadowRoot!.activeElement;
        target?.dispatchEvent(new KeyboardEvent('keydown', { key: step.key, bubbles: true, composed: true }));
        await settle(element);
      }
      expect(document.activeElement === element, `${what}: focus stays in the timeline`).to.equal(true);
      expect(onScreen(element), `${what}: the event moved to is on screen`).to.equal(true);
    } else if (step.kind === 'scroll') {
      // The reader scrolls away (the wheel, the scrollbar): focus may be left behind, but never leaves the timeline.
      scroller().scrollTop = step.to * scroller().scrollHeight;
      await settle(element);
      expect(document.activeElement === element, `${what}: focus stays in the timeline`).to.equal(true);
    } else {
      const buttons = $$(element, '[part~="event-button"]');
      buttons[Math.floor(step.at * buttons.length)]?.focus();
      await settle(element);
    }
  }
}

/** A record's resources, shuffled by the arbitrary's numbers (a stable sort by them) and cut into pages. */
export function arriving(shape: Day[], order: number[], page: number): TimelineResource[][] {
  const all = resources(shape)
    .map((resource, index) => ({ resource, key: order[index] ?? index }))
    .sort((a, b) => a.key - b.key)
    .map(({ resource }) => resource);
  return Array.from({ length: Math.ceil(all.length / page) }, (_, n) => all.slice(n * page, n * page + page));
}

/**
 * The host shares the timeline with other parts of its screen, which may load the next pages: the element reads what
 * arrived when it next updates.
 */
export function shared(pages: TimelineResource[][]): { timeline: Timeline; host: RecordTimeline } {
  const timeline = createTimeline({ patientId: PATIENT, organizations, audience: 'clinician', now: NOW });
  timeline.add(pages.shift() ?? []);
  return { timeline, host: { timeline, notices: { withheld: false, unavailableSources: [] }, loadMore: async () => ({ done: true }) } };
}
