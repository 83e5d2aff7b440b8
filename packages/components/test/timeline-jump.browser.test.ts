/**
 * The timeline's window when a jump keeps one day of it: the place jumped to
 * is kept, and no day is moved in the DOM (a moved day loses the browser's
 * scroll anchor).
 */
import { expect } from '@open-wc/testing';
import '../src/timeline/define.js';
import { $$ } from './support/dom.js';
import { check, openRead, settle, watchDayMoves } from './support/timeline-window.js';

describe('care-timeline: a jump that keeps one day of the window', () => {
  it('a jump that keeps one day of the window keeps the place jumped to, down or up, in its own box or the page', async function () {
    this.timeout(120_000);
    // Days alike, all read, so the list's height is known before any jump. A jump whose new window (the screen and the
    // element's OVERSCAN, 600 px, either side) starts at the last day rendered, or ends at the first, keeps that one day:
    // rendered in place, the browser's scroll anchor holds; moved to the new window's other end, the screen slid by the
    // height of the days removed, or ran on to the end of the list.
    const overscan = 600;
    const offsets = [-0.5, 0, 0.25, 0.5, 1];
    const matrix = [
      // Short days: the day kept is above the screen.
      { days: 3, words: 1, page: false },
      { days: 3, words: 1, page: true },
      // Days taller than the overscan: the day kept is on screen, the browser's scroll anchor.
      { days: 12, words: 40, page: false },
      { days: 12, words: 40, page: true },
    ];
    for (const { days, words, page } of matrix) {
      const shape = { days: Array.from({ length: Math.round(1500 / days) }, () => days), words: [words] };
      const { model, container, element, scroller } = await openRead(shape, page);
      const screenTop = () => (page ? 0 : scroller.getBoundingClientRect().top);
      const screenHeight = () => (page ? window.innerHeight : scroller.clientHeight);
      await settle(element);
      const height = $$(element, '[part~="day"]')[0]!.getBoundingClientRect().height;
      for (const down of [true, false])
        for (const offset of offsets) {
          const what = `${page ? 'the page' : 'its own box'}, days of ${days} events, ${down ? 'down' : 'up'} to ${offset} of a day`;
          // From the middle of the list, settled.
          scroller.scrollTop = scroller.scrollHeight / 2;
          await settle(element);
          const rendered = $$(element, '[part~="day"]');
          const by = down
            ? rendered.at(-1)!.getBoundingClientRect().top - screenTop() + overscan + offset * height
            : rendered[0]!.getBoundingClientRect().top - screenTop() - overscan + offset * height - screenHeight();
          const watch = watchDayMoves(element);
          scroller.scrollTop += by;
          const reached = scroller.scrollTop;
          await settle(element);
          expect(Math.abs(scroller.scrollTop - reached), `${what}: the place jumped to (${reached}) is kept`).to.be.at.most(2);
          expect(watch.moved(), `${what}: no day is moved in the DOM`).to.deep.equal([]);
          watch.stop();
          check(element, model, what);
        }
      container.remove();
      window.scrollTo(0, 0);
    }
  });
});
