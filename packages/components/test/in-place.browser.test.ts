/**
 * The keyed list that leaves elements in place (`inPlace`), against any
 * change of a list: the new order rendered, every element kept for its key,
 * and no element moved that its order among the others did not require.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { html, render } from 'lit';
import { inPlace, longestIncreasing } from '../src/internal/in-place.js';
import { watchMoves } from './support/dom.js';

/** Renders `keys` as `<li>`s into `host`. */
const show = (host: HTMLElement, keys: readonly number[]) =>
  render(
    html`<ol>
      ${inPlace(
        keys,
        (key) => key,
        (key) => html`<li data-key=${key}>${key}</li>`,
      )}
    </ol>`,
    host,
  );

const items = (host: HTMLElement) => [...host.querySelectorAll<HTMLElement>('li')];

/** The keys of the elements moved (taken out of the page and put back) while `change` runs. */
function movedDuring(host: HTMLElement, change: () => void): Set<string> {
  const watch = watchMoves(host, (node) => node.dataset['key']);
  change();
  const moved = new Set(watch.moved());
  watch.stop();
  return moved;
}

/** Length of a longest strictly increasing subsequence, by the plain quadratic method. */
function plainLongest(sequence: readonly number[]): number {
  const best = sequence.map(() => 1);
  let most = 0;
  sequence.forEach((value, index) => {
    if (value < 0) {
      best[index] = 0;
      return;
    }
    for (let before = 0; before < index; before++)
      if ((sequence[before] as number) >= 0 && (sequence[before] as number) < value)
        best[index] = Math.max(best[index] as number, (best[before] as number) + 1);
    most = Math.max(most, best[index] as number);
  });
  return most;
}

describe('inPlace: a keyed list that moves no element it need not', () => {
  it('finds a longest increasing run, skipping negatives, as the plain method does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 30 }), { maxLength: 40 }), (sequence) => {
        const kept = [...longestIncreasing(sequence)].sort((a, b) => a - b);
        const values = kept.map((position) => sequence[position] as number);
        expect(
          values.every((value) => value >= 0),
          'no negative kept',
        ).to.equal(true);
        expect(
          values.every((value, index) => index === 0 || value > (values[index - 1] as number)),
          'increasing',
        ).to.equal(true);
        expect(kept.length, `longest of ${JSON.stringify(sequence)}`).to.equal(plainLongest(sequence));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('a window sliding by all but one item keeps that item where it is (Lit’s repeat moves it)', () => {
    const host = document.createElement('div');
    document.body.append(host);
    show(host, [1, 2]);
    const kept = items(host)[1];
    expect([...movedDuring(host, () => show(host, [2, 3]))]).to.deep.equal([]);
    expect(items(host)[0]).to.equal(kept);
    expect([...movedDuring(host, () => show(host, [1, 2]))]).to.deep.equal([]);
    expect(items(host)[1]).to.equal(kept);
    host.remove();
  });

  it('renders any new order, keeps each key’s element, and moves only those out of order', () => {
    const keys = fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 25 });
    fc.assert(
      fc.property(keys, keys, fc.boolean(), (before, after, window) => {
        // A window over one ordered list (as the timeline's days): the kept items are in the same order.
        const next = window ? [...after].sort((a, b) => a - b) : after;
        const first = window ? [...before].sort((a, b) => a - b) : before;
        const host = document.createElement('div');
        document.body.append(host);
        show(host, first);
        const elements = new Map(items(host).map((item) => [item.dataset['key'], item]));
        const moved = movedDuring(host, () => show(host, next));
        const now = items(host);
        expect(now.map((item) => Number(item.dataset['key']))).to.deep.equal(next);
        for (const item of now) {
          const old = elements.get(item.dataset['key']);
          if (old) expect(item, `key ${item.dataset['key']} keeps its element`).to.equal(old);
        }
        const from = next.map((key) => first.indexOf(key));
        const kept = from.filter((index) => index >= 0).length;
        expect(moved.size, `moves from ${JSON.stringify(first)} to ${JSON.stringify(next)}`).to.equal(kept - plainLongest(from));
        if (window) expect(moved.size, 'a window moves nothing').to.equal(0);
        host.remove();
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
