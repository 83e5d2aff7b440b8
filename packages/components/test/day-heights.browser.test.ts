/**
 * The timeline's running heights of its days (`DayHeights`), as a property
 * against the plain sum: for any number of days, any days measured and
 * re-measured or forgotten, and any estimate for the rest, where each day
 * starts is the sum of the heights before it, and the day at a place is the
 * last day starting at or above it (clamped to the first and last day).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DayHeights } from '../src/timeline/day-heights.js';

/** The plain model: each day's height, summed. */
function tops(heights: readonly number[], estimate: number): number[] {
  const list = [0];
  heights.forEach((height, day) => list.push((list[day] as number) + (height > 0 ? height : estimate)));
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
            initial: fc.array(height, { minLength: length, maxLength: length }),
            changes: fc.array(fc.record({ day: fc.integer({ min: -2, max: length + 2 }), height }), { maxLength: 40 }),
            estimate: sixtyFourths(1, 500),
            offsets: fc.array(fc.double({ min: -1_000, max: 200_000, noNaN: true }), { maxLength: 20 }),
          }),
        ),
        ({ length, initial, changes, estimate, offsets }) => {
          const heights = new DayHeights(length, initial);
          const model = [...initial];
          for (const change of changes) {
            heights.set(change.day, change.height);
            if (change.day >= 0 && change.day < length) model[change.day] = change.height;
          }
          const starts = tops(model, estimate);
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
      { numRuns: 300 },
    );
  });

  it('a record of 10,000 days, none measured: each at the estimate, which changes for all of them at once', () => {
    const heights = new DayHeights(10_000);
    expect(heights.top(10_000, 150)).to.equal(1_500_000);
    expect(heights.dayAt(149.9, 150)).to.equal(0);
    expect(heights.dayAt(150, 150)).to.equal(1);
    expect(heights.dayAt(1e9, 150)).to.equal(9_999);
    heights.set(0, 40);
    expect(heights.top(10_000, 100)).to.equal(40 + 9_999 * 100);
  });
});
