/**
 * The timeline's step towards the window it wants (`stepWindow`), as
 * properties over any record (days of any number of events), any window
 * wanted around any screen, any window already in the DOM, and any cost of
 * rendering an event: what a frame renders stays in the window, shows the
 * screen, keeps what is there, spends no more than the frame affords (but
 * a day), fills the screen before anything beyond it, and frame by frame
 * reaches the window wanted.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { stepWindow, type WindowStep } from '../src/timeline/window-step.js';

interface Case {
  events: number[];
  wanted: [number, number];
  screen: [number, number];
  rendered: [number, number];
  affordable: number;
  most: number;
}

/** Two ordered places in `[min, max]`, the first below the second. */
const range = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max: max - 1 }), fc.integer({ min: 1, max: max - min }))
    .map(([a, span]): [number, number] => [a, Math.min(max, a + span)]);

const cases: fc.Arbitrary<Case> = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 200 }).chain((events) =>
  range(0, events.length).chain((wanted) =>
    fc.record({
      events: fc.constant(events),
      wanted: fc.constant(wanted),
      // As the element asks: the screen inside the window wanted (the window is the screen and days around it).
      screen: range(wanted[0], wanted[1]),
      // Anything, even nothing, may be in the DOM: the last frame's window, or one far away before a jump.
      rendered: fc
        .tuple(fc.integer({ min: 0, max: events.length }), fc.integer({ min: 0, max: events.length }))
        .map(([a, b]): [number, number] => [Math.min(a, b), Math.max(a, b)]),
      affordable: fc.oneof(fc.constant(Number.POSITIVE_INFINITY), fc.integer({ min: 1, max: 120 })),
      most: fc.integer({ min: 1, max: 40 }),
    }),
  ),
);

function stepOf(test: Case, rendered = test.rendered): WindowStep {
  const starts = [0];
  test.events.forEach((count, day) => starts.push((starts[day] as number) + count));
  return {
    wanted: test.wanted,
    rendered,
    screen: test.screen,
    count: (from, to) => (to <= from ? 0 : (starts[Math.min(to, test.events.length)] as number) - (starts[from] as number)),
    affordable: test.affordable,
    most: test.most,
  };
}

/** The days on screen as the step sees them: inside the window wanted, at least one. */
function shown({ wanted, screen }: Case): [number, number] {
  const first = Math.max(wanted[0], screen[0]);
  return [first, Math.min(wanted[1], Math.max(first + 1, screen[1]))];
}

const days = ([from, to]: readonly [number, number]): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

describe('stepWindow: what a frame of the timeline renders', () => {
  it('stays inside the window wanted and holds a day on screen', () => {
    fc.assert(
      fc.property(cases, (test) => {
        const [from, to] = stepWindow(stepOf(test));
        const [shownFirst, shownLast] = shown(test);
        expect(from).to.be.at.least(test.wanted[0]);
        expect(to).to.be.at.most(test.wanted[1]);
        expect(from).to.be.below(to);
        expect(from < shownLast && to > shownFirst, 'a day on screen').to.equal(true);
      }),
      { numRuns: 2000, seed: 43 },
    );
  });

  it('keeps what is in the DOM and still wanted, when it touches the screen', () => {
    fc.assert(
      fc.property(cases, (test) => {
        const [from, to] = stepWindow(stepOf(test));
        const [shownFirst, shownLast] = shown(test);
        const keptFirst = Math.max(test.wanted[0], test.rendered[0]);
        const keptLast = Math.min(test.wanted[1], test.rendered[1]);
        if (keptFirst < keptLast && keptFirst <= shownLast && keptLast >= shownFirst) {
          expect(from).to.be.at.most(keptFirst);
          expect(to).to.be.at.least(keptLast);
        }
      }),
      { numRuns: 2000, seed: 47 },
    );
  });

  it('adds no more new events than the frame affords, but for the last day on either side', () => {
    fc.assert(
      fc.property(cases, (test) => {
        const [from, to] = stepWindow(stepOf(test));
        const isNew = (day: number) => day < test.rendered[0] || day >= test.rendered[1];
        const added = days([from, to])
          .filter(isNew)
          .reduce((sum, day) => sum + (test.events[day] as number), 0);
        const edge = Math.max(test.events[from] as number, test.events[to - 1] as number);
        expect(added - edge).to.be.below(Math.max(test.affordable, 1));
      }),
      { numRuns: 2000, seed: 53 },
    );
  });

  it('fills the screen before adding anything beyond it, and all of it when the cost is not known', () => {
    fc.assert(
      fc.property(cases, (test) => {
        const [from, to] = stepWindow(stepOf(test));
        const [shownFirst, shownLast] = shown(test);
        const covered = from <= shownFirst && to >= shownLast;
        if (test.affordable === Number.POSITIVE_INFINITY) expect(covered, 'the whole screen').to.equal(true);
        if (!covered) {
          const beyond = days([from, to]).filter(
            (day) => (day < test.rendered[0] || day >= test.rendered[1]) && (day < shownFirst || day >= shownLast),
          );
          expect(beyond, 'new days off screen while the screen is not covered').to.deep.equal([]);
        }
      }),
      { numRuns: 2000, seed: 59 },
    );
  });

  it('reaches the window wanted, a step a frame, from anything in the DOM', () => {
    fc.assert(
      fc.property(cases, (test) => {
        let rendered: [number, number] = test.rendered;
        const limit = test.wanted[1] - test.wanted[0] + 2;
        for (let frame = 0; frame < limit; frame++) rendered = stepWindow(stepOf(test, rendered));
        expect(rendered).to.deep.equal(test.wanted);
      }),
      { numRuns: 1000, seed: 61 },
    );
  });
});
