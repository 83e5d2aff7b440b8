/**
 * Where a test's hub keeps its data: SQLite by default, or PostgreSQL when
 * `CARE_RECORD_TEST_POSTGRES` names a database (`postgres://user@host:port/db`)
 * or `CARE_RECORD_TEST_STORE=postgres` asks for a throwaway cluster
 * (`postgres-stores.test.ts` runs the store and policy suites a second time
 * that way). Each test store is new: a file
 * in the test's own directory, or a schema of its own (`test_…`) in that
 * database, dropped when the test is done with it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { LABEL_RULES_VERSION } from '../../src/policy/visibility.js';
import { openStore } from '../../src/store/open-store.js';
import { throwawayPostgres } from './postgres-cluster.js';
import type { HubStore } from '../../src/store/store.js';

/**
 * The PostgreSQL database the tests run against, if any: `CARE_RECORD_TEST_POSTGRES`, or with
 * `CARE_RECORD_TEST_STORE=postgres` a throwaway cluster this process starts (see `postgres-cluster.ts`).
 */
export const testPostgres: string | undefined =
  process.env['CARE_RECORD_TEST_POSTGRES'] ||
  (process.env['CARE_RECORD_TEST_STORE'] === 'postgres' ? await throwawayPostgres() : undefined);

/** Which store the tests run against, for test names and messages. */
export const testStoreKind: 'sqlite' | 'postgres' = testPostgres ? 'postgres' : 'sqlite';

/** A new, empty store's spec: a SQLite file in `directory`, or a new schema in the test database. */
export function newTestStoreSpec(directory: string): string {
  if (!testPostgres) return `sqlite:${join(directory, 'hub.db')}`;
  const url = new URL(testPostgres);
  url.searchParams.set('schema', `test_${randomBytes(6).toString('hex')}`);
  return url.href;
}

/** Removes what a test store left in the test database (a SQLite file goes with its directory). */
export async function disposeTestStore(spec: string): Promise<void> {
  if (!spec.startsWith('postgres')) return;
  const url = new URL(spec);
  const schema = url.searchParams.get('schema');
  url.searchParams.delete('schema');
  if (!schema?.startsWith('test_')) return;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * A test store as earlier label rules left it, for tests that it is labelled again on opening: every row's labels
 * cleared, and the rules version the store records set to `version`, forgotten (a store written before versions were
 * kept), or kept as it is (so opening it must not relabel). The store must not be open.
 */
export async function asWrittenByLabelRules(spec: string, version: number | 'forget' | 'keep'): Promise<void> {
  const statements = (prefix: string) => [
    `UPDATE ${prefix}resource SET labels = ''`,
    ...(version === 'forget' ? [`DELETE FROM ${prefix}meta WHERE key = 'labels-version'`] : []),
    ...(typeof version === 'number' ? [`UPDATE ${prefix}meta SET value = '${version}' WHERE key = 'labels-version'`] : []),
  ];
  if (spec.startsWith('sqlite:')) {
    const db = new Database(spec.slice('sqlite:'.length));
    try {
      for (const sql of statements('')) db.prepare(sql).run();
    } finally {
      db.close();
    }
    return;
  }
  const url = new URL(spec);
  const schema = url.searchParams.get('schema');
  if (!schema) throw new Error('asWrittenByLabelRules: the spec names no schema of a test store');
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    for (const sql of statements(`${schema}.`)) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty store for a test (SQLite in memory, or a schema of its own): closing it removes it. */
export async function openTestStore(): Promise<HubStore> {
  if (!testPostgres) return openStore('sqlite::memory:');
  const spec = newTestStoreSpec('');
  const store = await openStore(spec);
  const close = store.close.bind(store);
  return Object.assign(store, {
    async close() {
      await close();
      await disposeTestStore(spec);
    },
  });
}

/**
 * A store written under older label rules, opened under today's: `write` fills a new test store, which is then left
 * as rules `version` left it (`asWrittenByLabelRules`) and opened again; `check` reads what it holds now, and the
 * store must say it was labelled again by today's rules. The store is removed afterwards.
 */
export async function relabelledOnOpen(
  version: number,
  write: (store: HubStore) => Promise<void>,
  check: (store: HubStore) => Promise<void>,
): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'care-relabel-'));
  const spec = newTestStoreSpec(directory);
  try {
    const written = await openStore(spec);
    try {
      await write(written);
    } finally {
      await written.close();
    }
    await asWrittenByLabelRules(spec, version);
    const reopened = await openStore(spec);
    try {
      await check(reopened);
      assert.equal(await reopened.meta('labels-version'), String(LABEL_RULES_VERSION));
    } finally {
      await reopened.close();
    }
  } finally {
    await disposeTestStore(spec);
    rmSync(directory, { recursive: true, force: true });
  }
}
