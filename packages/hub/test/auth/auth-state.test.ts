/**
 * The auth state stores behave alike, operation by operation, over generated
 * sequences (fast-check): put, read, take, claim, remove and end a session,
 * with a clock that moves forward — so a hub in memory and hubs on one
 * database (SQLite, or PostgreSQL when the tests run against it) keep the
 * same rules. Plus the atomic parts: a code is claimed once, a refresh token
 * taken once, and the signing key made once per database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { memoryAuthState } from '../../src/auth/auth-state.js';
import { openStore } from '../../src/store/open-store.js';
import type { HubStore } from '../../src/store/store.js';
import { disposeTestStore, newTestStoreSpec, openTestStore, testStoreKind } from '../support/test-store.js';

let hubStore: HubStore;
before(async () => {
  hubStore = await openTestStore();
});
after(() => hubStore.close());

/** The hub store's auth state, emptied. */
async function databaseState() {
  const state = hubStore.authState();
  await hubStore.query('DELETE FROM auth_state');
  return state;
}

const key = fc.constantFrom('a', 'b', 'c', 'd');
const kind = fc.constantFrom('code', 'refresh');
const session = fc.constantFrom('s1', 's2');
const operation = fc.oneof(
  fc.record({
    op: fc.constant('put' as const),
    kind,
    key,
    value: fc.string({ maxLength: 8 }),
    life: fc.integer({ min: 1, max: 50 }),
    session: fc.option(session, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('read' as const), kind, key }),
  fc.record({ op: fc.constant('take' as const), kind, key }),
  fc.record({ op: fc.constant('claim' as const), kind, key, session }),
  fc.record({ op: fc.constant('remove' as const), kind, key }),
  fc.record({ op: fc.constant('end' as const), kind, session }),
  fc.record({ op: fc.constant('tick' as const), by: fc.integer({ min: 1, max: 30 }) }),
);

test(`memory and the hub's database (${testStoreKind}) give the same answers to every sequence of operations`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { maxLength: 40 }), async (operations) => {
      const memory = memoryAuthState();
      const database = await databaseState();
      let now = 1_000;
      for (const step of operations) {
        const answers = await Promise.all(
          [memory, database].map((store) => {
            switch (step.op) {
              case 'put':
                return store.put(step.kind, step.key, step.value, now + step.life, now, step.session);
              case 'read':
                return store.read(step.kind, step.key, now);
              case 'take':
                return store.take(step.kind, step.key, now);
              case 'claim':
                return store.claim(step.kind, step.key, step.session, now);
              case 'remove':
                return store.remove(step.kind, step.key);
              case 'end':
                return store.removeSession(step.kind, step.session);
              case 'tick':
                return undefined;
            }
          }),
        );
        if (step.op === 'tick') now += step.by;
        assert.deepEqual(answers[1], answers[0], JSON.stringify(step));
      }
    }),
    { numRuns: testStoreKind === 'sqlite' ? 500 : 150, seed: 20261213 },
  );
});

test('a code is claimed once, a refresh token taken once, a lapsed entry is gone', async () => {
  for (const store of [memoryAuthState(), await databaseState()]) {
    await store.put('code', 'c1', '{}', 2_000, 1_000);
    assert.equal(await store.claim('code', 'c1', 'first', 1_500), true);
    assert.equal(await store.claim('code', 'c1', 'second', 1_500), false);
    assert.equal(await store.sessionOf('code', 'c1'), 'first');
    await store.put('refresh', 'r1', '"grant"', 2_000, 1_000, 'first');
    assert.equal(await store.take('refresh', 'r1', 1_500), '"grant"');
    assert.equal(await store.take('refresh', 'r1', 1_500), undefined);
    await store.put('refresh', 'r2', '"grant"', 2_000, 1_000, 'first');
    assert.equal(await store.read('refresh', 'r2', 2_000), undefined, 'lapsed at its expiry');
    await store.put('refresh', 'r3', '"grant"', 9_000, 1_000, 'first');
    await store.removeSession('refresh', 'first');
    assert.equal(await store.read('refresh', 'r3', 1_000), undefined, 'gone with its session');
  }
});

test('the signing key is made once per database and shared by every hub on it', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'care-record-auth-state-'));
  const spec = newTestStoreSpec(directory);
  const first = await openStore(spec);
  const second = await openStore(spec);
  try {
    let made = 0;
    const make = async () => `key-${++made}`;
    // Two hubs starting at once: one makes the key, and both use it.
    const keys = await Promise.all([first.authState().signingKey(make), second.authState().signingKey(make)]);
    assert.deepEqual(new Set(keys).size, 1);
    assert.match(keys[0] ?? '', /^key-[12]$/);
    assert.equal(await first.authState().signingKey(make), keys[0], 'and it stays');
  } finally {
    await first.close();
    await second.close();
    await disposeTestStore(spec);
    rmSync(directory, { recursive: true, force: true });
  }
});
