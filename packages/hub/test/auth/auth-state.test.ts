/**
 * The two auth state stores behave alike, operation by operation, over
 * generated sequences (fast-check): put, read, take, claim, remove and end a
 * session, with a clock that moves forward — so a hub in memory and hubs on
 * one database keep the same rules. Plus the atomic parts: a code is claimed
 * once, a refresh token taken once, and the signing key made once per store.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { memoryAuthState, sqliteAuthState, type AuthStateStore } from '../../src/auth/auth-state.js';

function sqliteStore(): { store: AuthStateStore; db: Database.Database } {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  return { store: sqliteAuthState(db), db };
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

test('memory and SQLite give the same answers to every sequence of operations', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { maxLength: 40 }), async (operations) => {
      const memory = memoryAuthState();
      const { store: sqlite, db } = sqliteStore();
      let now = 1_000;
      try {
        for (const step of operations) {
          const answers = await Promise.all(
            [memory, sqlite].map((store) => {
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
      } finally {
        db.close();
      }
    }),
    { numRuns: 500 },
  );
});

test('a code is claimed once, a refresh token taken once, a lapsed entry is gone', async () => {
  for (const store of [memoryAuthState(), sqliteStore().store]) {
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

test('the signing key is made once per store and shared by every hub on it', async () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
  let made = 0;
  const make = async () => `key-${++made}`;
  const first = await sqliteAuthState(db).signingKey(make);
  const second = await sqliteAuthState(db).signingKey(make);
  assert.equal(first, 'key-1');
  assert.equal(second, 'key-1');
  assert.equal(made, 1);
  db.close();
});
