import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBorough, LONG_HISTORY_INDEX } from '../src/index.js';

const slice = (seed: string | number, residents: number, indexes: readonly number[]) => {
  const borough = createBorough({ seed, residents });
  return indexes.map((index) => borough.resident(index));
};

describe('determinism', () => {
  test('the same seed gives the same residents, directory and personas', () => {
    const first = createBorough({ seed: 'islington', residents: 50 });
    const second = createBorough({ seed: 'islington', residents: 50 });
    assert.deepEqual([...first.residents()], [...second.residents()]);
    assert.deepEqual(first.organizations, second.organizations);
    assert.deepEqual(first.practitioners, second.practitioners);
    assert.deepEqual(first.practitionerRoles, second.practitionerRoles);
    assert.deepEqual(first.personas, second.personas);
  });

  test('a numeric seed and its string form give the same borough', () => {
    assert.deepEqual(slice(42, 5, [0, 3]), slice('42', 5, [0, 3]));
  });

  test('a different seed gives different residents', () => {
    const first = slice('islington', 20, [0, 2, 11, 19]);
    const second = slice('camden', 20, [0, 2, 11, 19]);
    for (let index = 0; index < first.length; index++) assert.notDeepEqual(first[index], second[index]);
  });

  test('resident(i) is the i-th resident of residents()', () => {
    const borough = createBorough({ seed: 'islington', residents: 40 });
    let index = 0;
    for (const record of borough.residents()) {
      assert.deepEqual(record, borough.resident(index), `resident ${index}`);
      index++;
    }
    assert.equal(index, 40);
  });

  test('resident(i) is the same in a borough of 10 and of 1,000', () => {
    const small = createBorough({ seed: 'islington', residents: 10 });
    const large = createBorough({ seed: 'islington', residents: 1000 });
    for (const index of [0, LONG_HISTORY_INDEX, 5, 9]) assert.deepEqual(small.resident(index), large.resident(index));
  });

  test('residents() is lazy: it yields one resident at a time', () => {
    const borough = createBorough({ seed: 'islington', residents: 206_000 });
    const iterator = borough.residents()[Symbol.iterator]();
    const first = iterator.next();
    assert.equal(first.done, false);
    assert.equal(first.value?.patient.id, 'pat-000001');
    assert.equal(iterator.next().value?.patient.id, 'pat-000002');
  });

  test('"now" is an option, and changes the record', () => {
    const atDefault = createBorough({ seed: 'islington', residents: 3 }).resident(0);
    const earlier = createBorough({ seed: 'islington', residents: 3, now: '2025-01-15T12:00:00Z' }).resident(0);
    assert.notDeepEqual(atDefault, earlier);
    const limit = Date.parse('2025-01-15T12:00:00Z');
    for (const resource of earlier.resources) {
      const updated = resource.meta?.lastUpdated;
      assert.ok(updated && Date.parse(updated) <= limit, `${resource.id} updated ${updated} after now`);
      if (resource.resourceType === 'Encounter' && resource.period?.end)
        assert.ok(Date.parse(resource.period.end) <= limit, `${resource.id} ends after now`);
    }
  });

  test("the machine's time zone makes no difference", () => {
    const saved = process.env['TZ'];
    const generate = (zone: string) => {
      process.env['TZ'] = zone;
      return JSON.stringify(slice('islington', 12, [0, 4, 5, 11]));
    };
    try {
      const inUtc = generate('UTC');
      assert.equal(generate('America/New_York'), inUtc);
      assert.equal(generate('Pacific/Chatham'), inUtc);
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  test('out-of-range residents and borough sizes are refused', () => {
    const borough = createBorough({ residents: 3 });
    assert.throws(() => borough.resident(3), RangeError);
    assert.throws(() => borough.resident(-1), RangeError);
    assert.throws(() => borough.resident(1.5), RangeError);
    assert.throws(() => createBorough({ residents: 0 }), RangeError);
    assert.throws(() => createBorough({ residents: 900_001 }), RangeError);
    assert.throws(() => createBorough({ residents: 1, now: 'not a date' }), RangeError);
  });
});
