/**
 * A keyed list that leaves in place every element whose order among the
 * others has not changed: only those that must move to put the list in its
 * new order are moved (the fewest), and none when the elements kept are in
 * the same order as before, as when a window slides over a list.
 *
 * Lit's `repeat` moves an element in some of those cases: the window
 * `[A, B]` becoming `[B, C]` moves B before A, then removes A. A moved
 * element is taken out of the page and put back, and the browser's scroll
 * anchoring (which keeps what is on screen still when content above it
 * changes height) loses its anchor: a list scrolled to B then jumps by the
 * height of the space that took A's place. A moved element also loses focus.
 */
import { noChange, type ChildPart } from 'lit';
import { directive, Directive, PartType, type PartInfo } from 'lit/directive.js';
import { getCommittedValue, insertPart, removePart, setChildPartValue, setCommittedValue } from 'lit/directive-helpers.js';

/**
 * The positions in `sequence` of a longest strictly increasing subsequence of
 * its values, ignoring negative values (O(n log n)).
 */
export function longestIncreasing(sequence: readonly number[]): Set<number> {
  // ends[length - 1]: the position of the smallest value ending an increasing run of that length so far.
  const ends: number[] = [];
  const previous = new Array<number>(sequence.length).fill(-1);
  sequence.forEach((value, position) => {
    if (value < 0) return;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sequence[ends[middle] as number] as number) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[position] = ends[low - 1] as number;
    ends[low] = position;
  });
  const kept = new Set<number>();
  for (let position = ends.at(-1) ?? -1; position >= 0; position = previous[position] as number) kept.add(position);
  return kept;
}

type Key = (item: unknown) => unknown;
type Template = (item: unknown) => unknown;

class InPlaceDirective extends Directive {
  #keys: unknown[] = [];

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.CHILD) throw new Error('inPlace() can only be used in child expressions');
  }

  render(items: readonly unknown[], _key: Key, template: Template): unknown[] {
    return items.map(template);
  }

  override update(container: ChildPart, [items, key, template]: [readonly unknown[], Key, Template]): unknown {
    const keys = items.map(key);
    const values = items.map(template);
    const committed = getCommittedValue(container);
    if (!Array.isArray(committed)) {
      // The first render: Lit makes a part for each value.
      this.#keys = keys;
      return values;
    }
    const parts = committed as ChildPart[];
    const before = new Map<unknown, number>();
    this.#keys.forEach((old, index) => before.set(old, index));
    // Where each item's part was (-1: new). A key given twice is one element, reused once.
    const reused = new Array<boolean>(parts.length).fill(false);
    const from = keys.map((itemKey) => {
      const index = before.get(itemKey);
      if (index === undefined || reused[index]) return -1;
      reused[index] = true;
      return index;
    });
    parts.forEach((part, index) => {
      if (!reused[index]) removePart(part);
    });
    // The parts kept in their order stay where they are; the rest are put before the part that follows them.
    const stay = longestIncreasing(from);
    const next: ChildPart[] = new Array<ChildPart>(items.length);
    let following: ChildPart | undefined;
    for (let index = items.length - 1; index >= 0; index--) {
      const old = from[index] as number;
      let part: ChildPart;
      if (old < 0) part = insertPart(container, following);
      else {
        part = parts[old] as ChildPart;
        if (!stay.has(index)) insertPart(container, following, part);
      }
      setChildPartValue(part, values[index]);
      next[index] = part;
      following = part;
    }
    setCommittedValue(container, next);
    this.#keys = keys;
    return noChange;
  }
}

const inPlaceDirective = directive(InPlaceDirective);

/**
 * Renders `items` keyed by `key`, moving no element whose order among those
 * kept is unchanged (see the module's note).
 */
export const inPlace = <T>(items: readonly T[], key: (item: T) => unknown, template: (item: T) => unknown) =>
  inPlaceDirective(items, key as Key, template as Template);
