/**
 * A jump by script (a host's "oldest" control, End handled by the host,
 * `scrollTop`, `scrollTo`, `scrollBy` on the list) is painted with the events
 * of the place jumped to in its first frame, not with blank space there
 * while the window catches up in the frames after (issue 17: the jump to the
 * oldest showed blank space for two of its three frames).
 *
 * What a frame painted is read where nothing has changed the DOM since it
 * was painted: a jump made in a task is painted by the next frame, read
 * after it (a task queued from its animation frame callback); a jump made
 * in an animation frame callback is painted by that frame, read in the first
 * callback of the next.
 */
import { expect } from '@open-wc/testing';
import '../src/timeline/define.js';
import type { CareTimeline } from '../src/index.js';
import { $, $$, text } from './support/dom.js';
import { check, openRead, settle, type Shape } from './support/timeline-window.js';

type Scroller = Element;

const repeat = (count: number, events: number) => Array.from({ length: count }, () => events);

/** Records of days of one, four and twelve events, with titles of one line or several. */
const SHAPES: { name: string; shape: Shape }[] = [
  { name: 'days of one event', shape: { days: repeat(1500, 1), words: [1] } },
  { name: 'days of four events', shape: { days: repeat(600, 4), words: [1] } },
  { name: 'days of twelve events, titles of several lines', shape: { days: repeat(200, 12), words: [2, 30] } },
];

/** Ways script moves the list far from where it is. */
const JUMPS: { name: string; setUp?: (scroller: Scroller) => void; jump: (scroller: Scroller) => void }[] = [
  { name: 'scrollTop to the end (the oldest)', jump: (scroller) => (scroller.scrollTop = scroller.scrollHeight) },
  { name: 'scrollTo the middle', jump: (scroller) => scroller.scrollTo({ top: scroller.scrollHeight / 2 }) },
  { name: 'scroll a quarter of the way', jump: (scroller) => scroller.scroll(0, scroller.scrollHeight / 4) },
  { name: 'scrollBy ten screens', jump: (scroller) => scroller.scrollBy(0, 10 * scroller.clientHeight) },
  {
    name: 'scrollTop back to the newest from the oldest',
    setUp: (scroller) => (scroller.scrollTop = scroller.scrollHeight),
    jump: (scroller) => (scroller.scrollTop = 0),
  },
];

/** The next animation frame's first callback (one asked for now comes before any asked for in that frame). */
const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
/** After the next frame is painted: a task queued from its animation frame callback. */
const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/** Days of the list on screen: `[first, last]` keys, for the message. */
function daysOnScreen(element: CareTimeline): string {
  const box = $(element, '[part~="list"]')!.getBoundingClientRect();
  const shown = $$(element, '[part~="day"]').filter((day) => {
    const rect = day.getBoundingClientRect();
    return rect.bottom > box.top && rect.top < box.bottom;
  });
  return `${shown.length} days on screen (${shown[0]?.dataset['day'] ?? 'none'} … ${shown.at(-1)?.dataset['day'] ?? 'none'})`;
}

describe('care-timeline: a jump by script is painted with its events in its first frame', () => {
  for (const when of ['in a task', 'in an animation frame'] as const)
    it(`scrolled ${when}: the first frame painted at the place jumped to shows its events`, async function () {
      this.timeout(240_000);
      const failures: string[] = [];
      for (const { name: shapeName, shape } of SHAPES)
        for (const { name, setUp, jump } of JUMPS) {
          // A record just opened: the element's first jump, when what an event costs is learnt from its first render.
          const { model, container, element, scroller } = await openRead(shape, false);
          await settle(element);
          if (setUp) {
            setUp(scroller);
            await settle(element);
          }
          const what = `${shapeName}, ${name}, ${when}`;
          if (when === 'in a task') {
            jump(scroller);
            await afterPaint();
          } else {
            await new Promise<void>((resolve) =>
              requestAnimationFrame(() => {
                jump(scroller);
                resolve();
              }),
            );
            await nextFrame();
          }
          try {
            check(element, model, `${what}: the first frame painted (${daysOnScreen(element)})`);
          } catch (error) {
            failures.push((error as Error).message);
          }
          container.remove();
        }
      expect(failures, `${failures.length} of ${SHAPES.length * JUMPS.length} jumps painted blank space first`).to.deep.equal([]);
    });

  it('a filter chosen far down the list (the element scrolls back itself) is painted from the newest events it matches', async function () {
    this.timeout(120_000);
    const failures: string[] = [];
    for (const { name, shape } of SHAPES)
      for (const at of [0.25, 1]) {
        const { model, container, element, scroller } = await openRead(shape, false);
        await settle(element);
        scroller.scrollTop = at * scroller.scrollHeight;
        await settle(element);
        $$(element, '[part~="chip"]')
          .find((chip) => text(chip).startsWith('Admissions'))!
          .click();
        await afterPaint();
        try {
          expect(scroller.scrollTop, `${name}, filtered at ${at}: back at the newest`).to.equal(0);
          check(element, model, `${name}, filtered at ${at}: the first frame painted (${daysOnScreen(element)})`);
          const first = model.view({ settings: [], types: ['admission'] }).days[0]?.isoDate;
          expect($$(element, '[part~="day"]')[0]?.dataset['day'], `${name}, filtered at ${at}: the newest matching day first`).to.equal(
            first,
          );
        } catch (error) {
          failures.push((error as Error).message);
        }
        container.remove();
      }
    expect(failures, `${failures.length} of ${SHAPES.length * 2} filters painted elsewhere first`).to.deep.equal([]);
  });
});
