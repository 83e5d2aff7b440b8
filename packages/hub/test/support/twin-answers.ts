/**
 * The gate's "answered as its twin" check, shared by the suites that pair an
 * item written some odd way with a plain twin whose answer is known (a label
 * the gate should have read, or none). For every reader, the item must be
 * withheld from a read exactly when its twin is, and left out of a search of
 * the resident's record exactly when its twin is.
 */
import { isWithheld, type Visibility } from '../../src/policy/visibility.js';
import type { HubStore } from '../../src/store/store.js';

type Json = Record<string, unknown>;

export interface TwinCase {
  /** Says which case it is in a failure's message. */
  name: string;
  /** The item as stored. */
  item: Json;
  /**
   * Its twin. When the twin is stored too (under another id) the item's search answer is compared with the twin's;
   * otherwise with the twin's read.
   */
  twin: Json;
}

export interface TwinAnswers {
  /** One line per case and reader answered otherwise than its twin. */
  wrong: string[];
  /** Each answer the twins were given (withheld or not): a matrix that meets only one proves little. */
  answers: Set<boolean>;
  /** How many case-and-reader pairs were compared. */
  compared: number;
}

/** Reads and searches every case as each reader, and lists where it was answered otherwise than its twin. */
export async function answeredAsTwins(
  store: HubStore,
  readers: Record<string, Visibility>,
  cases: Iterable<TwinCase>,
  patientId: string,
): Promise<TwinAnswers> {
  const all = [...cases];
  const types = new Set(all.map(({ item }) => String(item['resourceType'])));
  const wrong: string[] = [];
  const answers = new Set<boolean>();
  let compared = 0;
  for (const [reader, visibility] of Object.entries(readers)) {
    const shown = new Set<string>();
    for (const type of types) {
      const found = await store.search({
        type,
        patientId,
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 5000,
        visibility,
      });
      for (const item of found.resources) shown.add(String(item['id']));
    }
    for (const { name, item, twin } of all) {
      const expected = isWithheld(twin, visibility);
      answers.add(expected);
      compared += 1;
      const read = isWithheld(item, visibility);
      const searched = !shown.has(String(item['id']));
      const twinSearched = twin['id'] === item['id'] ? expected : !shown.has(String(twin['id']));
      if (read !== expected || searched !== twinSearched)
        wrong.push(
          `${name} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}, ` +
            `expected ${expected ? 'withheld' : 'shown'}`,
        );
    }
  }
  return { wrong, answers, compared };
}
