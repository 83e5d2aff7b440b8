/**
 * The timeline's window, as a property: for records of any size and shape
 * (days of one to many events, titles of one to several lines, so days of
 * many heights), scrolled in any way (jumps anywhere, steady steps, the End
 * key, a filter), with the list scrolling in its box or the page scrolling,
 * once the frames after a move have settled:
 *
 * - what is in the DOM is a run of the view's days, in order;
 * - the part of the list on screen is covered by days in the DOM (no blank
 *   screen where events should be);
 * - the DOM holds a bounded number of events whatever the record's size, and
 *   every event of a short record.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { $, $$, frame, text } from './support/dom.js';
import { check, openRead, renderedDays, settle, settleRead, timelineOf, watchDayMoves, type Shape } from './support/timeline-window.js';

type Move =
  { kind: 'jump'; to: number } | { kind: 'step'; by: number; times: number } | { kind: 'end' } | { kind: 'home' } | { kind: 'filter' };

const moves = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('jump' as const), to: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000) }),
    fc.record({ kind: fc.constant('step' as const), by: fc.integer({ min: -900, max: 900 }), times: fc.integer({ min: 1, max: 8 }) }),
    fc.constant({ kind: 'end' as const }),
    fc.constant({ kind: 'home' as const }),
    fc.constant({ kind: 'filter' as const }),
  ),
  { minLength: 1, maxLength: 5 },
);

const shapes = fc.record({
  days: fc.oneof(
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 50, maxLength: 600 }),
  ),
  words: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 7 }),
});

async function play(element: CareTimeline, scroller: () => { scrollTop: number; scrollHeight: number }, list: Move[], shape: Shape) {
  const model = timelineOf(shape);
  await settleRead(element);
  check(element, model, 'opened');
  const watch = watchDayMoves(element);
  for (const [index, move] of list.entries()) {
    const what = `move ${index} (${JSON.stringify(move)})`;
    if (move.kind === 'jump') {
      const asked = move.to * scroller().scrollHeight;
      scroller().scrollTop = asked;
      const reached = scroller().scrollTop;
      await settleRead(element);
      // Where the reader jumped to stays on screen: the window comes to it, not it back to the window.
      if (reached > 2 * window.innerHeight)
        expect(scroller().scrollTop, `${what}: the place jumped to is kept`).to.be.within(0.5 * reached, 1.5 * reached);
    } else if (move.kind === 'step') {
      for (let time = 0; time < move.times; time++) {
        scroller().scrollTop += move.by;
        await frame();
      }
    } else if (move.kind === 'filter') {
      $$(element, '[part~="chip"]')
        .find((chip) => text(chip).startsWith('Admissions'))
        ?.click();
    } else {
      const button = $$(element, '[part~="event-button"]')[0];
      button?.focus();
      button?.dispatchEvent(new KeyboardEvent('keydown', { key: move.kind === 'end' ? 'End' : 'Home', bubbles: true, composed: true }));
    }
    await settleRead(element);
    check(element, model, what);
    expect(watch.moved(), `${what}: no day is moved in the DOM`).to.deep.equal([]);
  }
  watch.stop();
}

/** New events a frame may add beyond those on screen: the step (20 events), and the rest of the day it ends in. */
const STEP_BEYOND_SCREEN = 20 + 12;

/** Events of the list on screen (inside its box and the window). */
function eventsOnScreen(element: CareTimeline): number {
  const box = $(element, '[part~="list"]')!.getBoundingClientRect();
  const top = Math.max(box.top, 0);
  const bottom = Math.min(box.bottom, window.innerHeight);
  return $$(element, '[part~="event"]').filter((event) => {
    const rect = event.getBoundingClientRect();
    return rect.bottom > top && rect.top < bottom;
  }).length;
}

/**
 * Frames until the window is still, each checked: no frame adds more events to
 * the DOM than are on screen and a step beyond.
 */
async function framesAfterMove(element: CareTimeline, what: string): Promise<void> {
  let before = new Set($$(element, '[part~="event"]').map((event) => event.dataset['id']));
  let still = 0;
  for (let count = 0; count < 600 && still < 6; count++) {
    await frame();
    const now = $$(element, '[part~="event"]').map((event) => event.dataset['id']);
    const added = now.filter((id) => !before.has(id)).length;
    expect(added, `${what}, frame ${count}: events added beyond the screen`).to.be.at.most(eventsOnScreen(element) + STEP_BEYOND_SCREEN);
    still = added === 0 && now.length === before.size ? still + 1 : 0;
    before = new Set(now);
  }
}

/** Scrolls `box` through the browser's own setter, not the list's: as a scrollbar drag or the wheel does. */
const scrollByBrowser = (box: HTMLElement, top: number): void =>
  Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTop')!.set!.call(box, top);

/** After the next frame has run its animation frame callbacks (the element's too) and the update they asked for. */
const afterFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** The part of the list's box on screen (the window may cut it). */
function screenOf(element: CareTimeline): { top: number; bottom: number } {
  const box = $(element, '[part~="list"]')!.getBoundingClientRect();
  return { top: Math.max(box.top, 0), bottom: Math.min(box.bottom, window.innerHeight) };
}

/**
 * Whether the days in the DOM start at or above the top of the screen (none
 * left blank above them), and whether they cover the screen to its bottom
 * (or to the list's end).
 */
function screenCover(element: CareTimeline): { fromTop: boolean; whole: boolean } {
  const { top, bottom } = screenOf(element);
  const days = $$(element, '[part~="day"]').map((day) => day.getBoundingClientRect());
  const fromTop = days.length > 0 && days[0]!.top <= top + 1;
  const atEnd = $(element, '.spacer--below')!.getBoundingClientRect().height < 1;
  return { fromTop, whole: fromTop && (days.at(-1)!.bottom >= bottom - 1 || atEnd) };
}

describe('care-timeline: the window (property)', () => {
  it('in its own scrolling box: a run of the view in order, the screen covered, the DOM bounded', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(shapes, moves, async (shape, list) => {
        const model = timelineOf(shape);
        const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
        await play(element, () => $(element, '[part~="list"]')!, list, shape);
        element.remove();
      }),
      { numRuns: 14, seed: 17, endOnFailure: true, includeErrorInReport: true },
    );
  });

  it('when the page scrolls (no height of its own): the same', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(shapes, moves, async (shape, list) => {
        const model = timelineOf(shape);
        const container = await fixture<HTMLDivElement>(
          html`<div style="--care-timeline-max-height: none; padding-block-start: 300px">
            <care-timeline .model=${model}></care-timeline>
          </div>`,
        );
        const element = container.querySelector('care-timeline')!;
        await play(element, () => document.scrollingElement!, list, shape);
        container.remove();
        window.scrollTo(0, 0);
      }),
      { numRuns: 10, seed: 71, endOnFailure: true, includeErrorInReport: true },
    );
  });

  it('a jump or End renders the screen first, then the days around it a step a frame', async function () {
    this.timeout(120_000);
    const jumps = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('jump' as const), to: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000) }),
        fc.constant({ kind: 'end' as const }),
      ),
      { minLength: 1, maxLength: 4 },
    );
    const long = fc.record({
      days: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 200, maxLength: 600 }),
      words: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 7 }),
    });
    await fc.assert(
      fc.asyncProperty(long, jumps, async (shape, list) => {
        const model = timelineOf(shape);
        const element = await fixture<CareTimeline>(html`<care-timeline .model=${model}></care-timeline>`);
        await settle(element);
        const scroller = $(element, '[part~="list"]')!;
        for (const [index, move] of list.entries()) {
          const what = `move ${index} (${JSON.stringify(move)})`;
          if (move.kind === 'jump') scroller.scrollTop = move.to * scroller.scrollHeight;
          else {
            const button = $$(element, '[part~="event-button"]')[0];
            button?.focus();
            button?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }));
          }
          await framesAfterMove(element, what);
          check(element, model, what);
        }
        element.remove();
      }),
      { numRuns: 10, seed: 29, endOnFailure: true, includeErrorInReport: true },
    );
  });

  it('on a slow machine a jump renders from the top of the screen down, over frames, at least a day a frame', async function () {
    this.timeout(240_000);
    // A day or two of events a day, so the screen holds many days and a frame's step can stop between them.
    const long = fc.record({
      days: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 300, maxLength: 800 }),
      words: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
    });
    const jumps = fc.array(
      fc.integer({ min: 200, max: 1000 }).map((n) => n / 1000),
      { minLength: 1, maxLength: 3 },
    );
    let spread = 0;
    let jumped = 0;
    await executeServerCommand('cpu-throttle', { rate: 8 });
    try {
      await fc.assert(
        fc.asyncProperty(long, jumps, async (shape, list) => {
          const element = await fixture<CareTimeline>(html`<care-timeline .model=${timelineOf(shape)}></care-timeline>`);
          await settle(element);
          const scroller = $(element, '[part~="list"]')!;
          for (const [index, to] of list.entries()) {
            const what = `jump ${index} to ${to}`;
            const before = new Set(renderedDays(element));
            // As the reader drags the scrollbar: the element learns of it only from its scroll event. (A jump by script is
            // laid out whole before it is painted: timeline-jump-paint.)
            scrollByBrowser(scroller, to * scroller.scrollHeight);
            await afterFrame();
            await element.updateComplete;
            // Far enough that nothing rendered before is on screen: the screen is rendered anew.
            if (renderedDays(element).some((day) => before.has(day))) continue;
            jumped++;
            // Where the reader looks first: the days rendered start from the top of the screen and fill it downwards.
            expect(screenCover(element).fromTop, `${what}: the first frame renders from the top of the screen`).to.equal(true);
            const days = new Set(renderedDays(element));
            let frames = 1;
            while (!screenCover(element).whole) {
              expect(frames, `${what}: the screen is covered within 200 frames`).to.be.below(200);
              await afterFrame();
              await element.updateComplete;
              const now = renderedDays(element);
              expect(
                now.filter((day) => !days.has(day)).length,
                `${what}, frame ${frames}: a frame renders at least one more day while the screen is not covered`,
              ).to.be.at.least(1);
              now.forEach((day) => days.add(day));
              frames++;
            }
            if (frames > 1) spread++;
            await settle(element);
          }
          element.remove();
        }),
        { numRuns: 6, seed: 41, endOnFailure: true, includeErrorInReport: true },
      );
    } finally {
      await executeServerCommand('cpu-throttle', { rate: 1 });
    }
    expect(jumped, 'jumps that left every rendered day').to.be.greaterThan(0);
    // At an eighth of this machine's speed, a screen of days costs more than one frame's step, so it comes over frames.
    expect(spread, `of ${jumped} jumps, those whose screen was rendered over more than one frame`).to.be.greaterThan(0);
  });

  it('the list is as long from its first screen as when every day is measured, whatever the days hold', async function () {
    this.timeout(120_000);
    // The days measured first (the newest) are seldom like the rest: a day of one event today, a few days of many,
    // days that alternate. The height of the days not yet seen is estimated from them; if that estimate is off, the
    // list's length (and the scrollbar) moves by thousands of pixels as the reader scrolls, and a drag to the end
    // or End lands on a list that is still growing or shrinking.
    const repeat = (count: number, events: number) => Array.from({ length: count }, () => events);
    const fixed: { name: string; days: number[]; words: number[]; hostStyle?: string }[] = [
      { name: 'one event today, then days of four', days: [1, ...repeat(300, 4)], words: [1] },
      { name: 'five days of twelve, then days of one', days: [...repeat(5, 12), ...repeat(300, 1)], words: [1] },
      { name: 'days of one and six in turn', days: Array.from({ length: 300 }, (_, day) => (day % 2 ? 6 : 1)), words: [1] },
      { name: 'titles of one and many lines in turn, days of three', days: repeat(300, 3), words: [1, 30] },
      // A host may style the parts: days of headings alone, or events without headings.
      {
        name: 'events hidden by the host',
        days: [1, ...repeat(300, 4)],
        words: [1],
        hostStyle: 'care-timeline::part(event) { display: none; }',
      },
      {
        name: 'headings hidden by the host',
        days: [1, ...repeat(300, 4)],
        words: [1],
        hostStyle: 'care-timeline::part(day-heading) { display: none; }',
      },
    ];
    const generated = fc.sample(
      fc.record({ days: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 150, maxLength: 300 }), words: fc.constant<number[]>([2]) }),
      { numRuns: 4, seed: 5 },
    );
    const cases: typeof fixed = [...fixed, ...generated.map((shape, index) => ({ name: `random days ${index}`, ...shape }))];
    for (const { name, days, words, hostStyle } of cases) {
      const model = timelineOf({ days, words });
      while (model.read(1_000) > 0);
      // The host's style is there before the element first renders and measures.
      const container = document.createElement('div');
      if (hostStyle) container.append(Object.assign(document.createElement('style'), { textContent: hostStyle }));
      const element = Object.assign(document.createElement('care-timeline'), { model });
      container.append(element);
      document.body.append(container);
      await element.updateComplete;
      await settle(element);
      const list = $(element, '[part~="list"]')!;
      const estimated = list.scrollHeight;
      // Every day rendered (as for printing, without the print styles): the list's height measured, not estimated.
      window.dispatchEvent(new Event('beforeprint'));
      await element.updateComplete;
      const measured = list.scrollHeight;
      window.dispatchEvent(new Event('afterprint'));
      expect(
        Math.abs(estimated - measured) / measured,
        `${name}: the list is ${estimated} px from its first screen, ${measured} px measured`,
      ).to.be.at.most(0.02);
      container.remove();
    }
  });

  it('no frame after a jump towards the end leaves the top of the screen blank, however short the last days are', async function () {
    this.timeout(240_000);
    // The newest days are tall (two events of long titles), so the height of days not yet seen is estimated from them;
    // the oldest are short (one event of a word). Rendered, the last days are far shorter than their estimate, the list
    // shortens, and a list scrolled to its end is pulled up past the first day rendered.
    const matrix = [
      { tall: 40, short: 400, to: 1, page: false },
      { tall: 40, short: 400, to: 0.997, page: false },
      { tall: 60, short: 120, to: 0.99, page: false },
      { tall: 35, short: 60, to: 1, page: false },
      { tall: 40, short: 400, to: 1, page: true },
      { tall: 60, short: 120, to: 0.995, page: true },
    ];
    let pulled = 0;
    for (const rate of [1, 8]) {
      await executeServerCommand('cpu-throttle', { rate });
      try {
        for (const { tall, short, to, page } of matrix) {
          const what = `at ${rate}x, ${tall} tall and ${short} short days, ${page ? 'the page' : 'the list'} jumped to ${to}`;
          const days = [...Array.from({ length: tall }, () => 2), ...Array.from({ length: short }, () => 1)];
          const words = [...Array.from({ length: tall * 2 }, () => 40), ...Array.from({ length: short }, () => 1)];
          // All of it read, so the list's height is what the estimates make it before the jump.
          const { model, container, element, scroller } = await openRead({ days, words }, page);
          await settle(element);
          scroller.scrollTop = to * scroller.scrollHeight;
          const asked = scroller.scrollTop;
          for (let frames = 0; frames < 30; frames++) {
            await afterFrame();
            await element.updateComplete;
            expect(screenCover(element).fromTop, `${what}, frame ${frames}: the top of the screen is covered`).to.equal(true);
          }
          if (scroller.scrollTop < asked - 1) pulled++;
          await settle(element);
          check(element, model, what);
          container.remove();
          window.scrollTo(0, 0);
        }
      } finally {
        await executeServerCommand('cpu-throttle', { rate: 1 });
      }
    }
    // The case is the one described: the list shortened under the screen.
    expect(pulled, 'jumps where the list shortened and pulled the screen up').to.be.greaterThan(0);
  });
});
