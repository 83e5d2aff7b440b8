/**
 * The timeline's running heights of its days (`DayHeights`), as a property
 * against the plain sum: for any number of days of any number of events,
 * any days measured and re-measured or forgotten, and any estimate for the
 * rest (so much a day and so much an event), where each day starts is the
 * sum of the heights before it, and the day at a place is the last day
 * starting at or above it (clamped to the first and last day).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DayHeights, type DayEstimate } from '../src/timeline/day-heights.js';

/** The plain model: each day's height, summed. */
function tops(heights: readonly number[], events: readonly number[], estimate: DayEstimate): number[] {
  const list = [0];
  heights.forEach((height, day) =>
    list.push((list[day] as number) + (height > 0 ? height : estimate.day + estimate.event * (events[day] as number))),
  );
  return list;
}

function dayAt(starts: readonly number[], offset: number): number {
  let found = 0;
  for (let day = 0; day < starts.length - 1; day++) if ((starts[day] as number) <= offset) found = day;
  return found;
}

/**
 * Heights as layout gives them (multiples of 1/64 px), so that sums are exact
 * in any order and a day's start can be asked for exactly.
 */
const sixtyFourths = (min: number, max: number) => fc.integer({ min: min * 64, max: max * 64 }).map((n) => n / 64);
const height = fc.oneof(fc.constant(0), sixtyFourths(1, 900));

describe('DayHeights: where each day starts, and the day at a place', () => {
  it('agrees with the plain sum through any measurements and estimates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }).chain((length) =>
          fc.record({
            length: fc.constant(length),
            events: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: length, maxLength: length }),
            initial: fc.array(height, { minLength: length, maxLength: length }),
            changes: fc.array(fc.record({ day: fc.integer({ min: -2, max: length + 2 }), height }), { maxLength: 40 }),
            // Either part may be 0, not both: every day's estimate is more than 0.
            estimate: fc.oneof(
              fc.record({ day: sixtyFourths(1, 500), event: fc.oneof(fc.constant(0), sixtyFourths(1, 200)) }),
              fc.record({ day: fc.constant(0), event: sixtyFourths(1, 200) }),
            ),
            offsets: fc.array(fc.double({ min: -1_000, max: 200_000, noNaN: true }), { maxLength: 20 }),
          }),
        ),
        ({ length, events, initial, changes, estimate, offsets }) => {
          const heights = new DayHeights(events, initial);
          const model = [...initial];
          for (const change of changes) {
            heights.set(change.day, change.height);
            if (change.day >= 0 && change.day < length) model[change.day] = change.height;
          }
          const starts = tops(model, events, estimate);
          for (let day = 0; day <= length; day++) {
            expect(heights.top(day, estimate), `top of day ${day}`).to.equal(starts[day]);
            if (day < length) expect(heights.measured(day)).to.equal((model[day] as number) > 0 ? model[day] : 0);
          }
          if (length === 0) return;
          // Offsets anywhere, and exactly at each day's start and just before it (where a rounding error would show).
          const places = [...offsets, ...starts.flatMap((start) => [start, start - 0.5])];
          for (const offset of places) expect(heights.dayAt(offset, estimate), `day at ${offset}`).to.equal(dayAt(starts, offset));
        },
      ),
      { numRuns: 300, seed: 23 },
    );
  });

  it('a record of 10,000 days, none measured: each at the estimate, which changes for all of them at once', () => {
    // Days of one, two, three and four events in turn: 25,000 events.
    const heights = new DayHeights(Array.from({ length: 10_000 }, (_, day) => (day % 4) + 1));
    expect(heights.top(10_000, { day: 150, event: 0 })).to.equal(1_500_000);
    expect(heights.top(10_000, { day: 30, event: 100 })).to.equal(300_000 + 2_500_000);
    expect(heights.dayAt(149.9, { day: 150, event: 0 })).to.equal(0);
    expect(heights.dayAt(150, { day: 150, event: 0 })).to.equal(1);
    // Day 0 is 130 px, day 1 230 px, day 2 330 px.
    expect(heights.dayAt(359.9, { day: 30, event: 100 })).to.equal(1);
    expect(heights.dayAt(360, { day: 30, event: 100 })).to.equal(2);
    expect(heights.dayAt(1e9, { day: 150, event: 0 })).to.equal(9_999);
    // Day 0 measured: its one event no longer counts at the estimate.
    heights.set(0, 40);
    expect(heights.top(10_000, { day: 30, event: 100 })).to.equal(40 + 9_999 * 30 + 24_999 * 100);
    heights.set(0, 0);
    expect(heights.top(10_000, { day: 30, event: 100 })).to.equal(300_000 + 2_500_000);
  });
});
