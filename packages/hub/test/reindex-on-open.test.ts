/**
 * A store written before a type's search parameters changed indexes that
 * type's rows again, once, when it is opened. The store keeps each type's
 * index shape (`indexShapes`: its parameters' names and kinds and its sort
 * parameters); without this, a search by a parameter added since (Consent's
 * `identifier`, added so a resident's repeated save finds the first) found
 * nothing written before it, and answered "none" for what is there.
 *
 * The class: for every type of the contract, a store whose index of that type
 * is lost and whose recorded shape for it differs is opened with the same
 * index, sort keys included, as a store written by this hub — and a store
 * that recorded no shapes at all is indexed again whole.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import Database from 'better-sqlite3';
import { seedStore } from '../src/seed.js';
import { openStore } from '../src/store/open-store.js';
import { indexShapes, searchDefinitions, type FhirJson } from '../src/store/search-parameters.js';
import { disposeTestStore, newTestStoreSpec, testStoreKind } from './support/test-store.js';

const PATIENT = 'pat-reindex';
const CONSENT: FhirJson = {
  resourceType: 'Consent',
  id: 'consent-reindex',
  identifier: [{ system: 'https://care-record.example/id/resident-choice', value: 'choice-1' }],
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
  patient: { reference: `Patient/${PATIENT}` },
  dateTime: '2026-12-01T10:00:00Z',
};
const AUDIT: FhirJson = {
  resourceType: 'AuditEvent',
  id: 'audit-reindex',
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
  action: 'R',
  recorded: '2026-12-01T10:00:00Z',
  outcome: '0',
  agent: [{ requestor: true, who: { reference: 'Practitioner/prac-1' } }],
  source: { observer: { display: 'hub' } },
  entity: [{ what: { reference: `Patient/${PATIENT}` } }],
};

/** Runs statements against the store's database directly, as an older hub would have left it. */
async function onDatabase<T>(spec: string, work: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  if (spec.startsWith('sqlite:')) {
    const db = new Database(spec.slice('sqlite:'.length));
    try {
      return await work(async (sql) => {
        const statement = db.prepare(sql);
        return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
      });
    } finally {
      db.close();
    }
  }
  const url = new URL(spec);
  const schema = url.searchParams.get('schema')!;
  url.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema}`);
    return await work(async (sql) => (await client.query(sql)).rows as Record<string, unknown>[]);
  } finally {
    await client.end();
  }
}

const TABLES = (type: string) =>
  type === 'AuditEvent'
    ? { rows: 'audit_event', tokens: 'audit_token', dates: 'audit_date' }
    : { rows: 'resource', tokens: 'search_token', dates: 'search_date' };

/** Everything the index holds for a type's rows: tokens, dates and sort keys, by resource id, in one order. */
async function indexOf(spec: string, type: string): Promise<string[]> {
  const { rows, tokens, dates } = TABLES(type);
  return onDatabase(spec, async (run) => {
    const of = `SELECT rid, id FROM ${rows} WHERE type = '${type}'`;
    const lines = [
      ...(await run(`SELECT r.id, t.name, t.system, t.code FROM ${tokens} t JOIN (${of}) r ON r.rid = t.rid`)).map(
        (row) => `token ${String(row['id'])} ${String(row['name'])} ${String(row['system'])}|${String(row['code'])}`,
      ),
      ...(await run(`SELECT r.id, d.name, d.start, d."end" FROM ${dates} d JOIN (${of}) r ON r.rid = d.rid`)).map(
        (row) => `date ${String(row['id'])} ${String(row['name'])} ${String(row['start'])}..${String(row['end'])}`,
      ),
      ...(await run(`SELECT id, sort_date, sort_text FROM ${rows} WHERE type = '${type}'`)).map(
        (row) => `sort ${String(row['id'])} ${String(row['sort_date'])} ${String(row['sort_text'])}`,
      ),
    ];
    return lines.sort();
  });
}

/** Loses a type's index and sort keys, and records another shape for it (or none at all), as an older hub left it. */
async function loseIndex(spec: string, types: readonly string[], shapes: 'stale' | 'forget'): Promise<void> {
  await onDatabase(spec, async (run) => {
    for (const type of types) {
      const { rows, tokens, dates } = TABLES(type);
      for (const table of [tokens, dates]) await run(`DELETE FROM ${table} WHERE rid IN (SELECT rid FROM ${rows} WHERE type = '${type}')`);
      await run(`UPDATE ${rows} SET sort_date = NULL, sort_text = NULL WHERE type = '${type}'`);
    }
    if (shapes === 'forget') {
      await run("DELETE FROM meta WHERE key = 'search-parameters'");
      return;
    }
    const recorded = JSON.parse(String((await run("SELECT value FROM meta WHERE key = 'search-parameters'"))[0]?.['value'])) as Record<
      string,
      string
    >;
    for (const type of types) recorded[type] = `${recorded[type] ?? ''},older`;
    const value = JSON.stringify(recorded).replaceAll("'", "''");
    await run(`UPDATE meta SET value = '${value}' WHERE key = 'search-parameters'`);
  });
}

describe(`an older store's index is built again for the types whose parameters changed (${testStoreKind})`, () => {
  const directory = mkdtempSync(join(tmpdir(), 'care-reindex-'));
  const spec = newTestStoreSpec(directory);
  const types = Object.keys(searchDefinitions).sort();
  const written = new Map<string, string[]>();

  before(async () => {
    const store = await openStore(spec);
    try {
      await seedStore(store, { residents: 3, seed: 'reindex', now: '2026-12-01T09:00:00Z' });
      await store.put({ resourceType: 'Patient', id: PATIENT, name: [{ family: 'Reindex' }], birthDate: '1950-01-01' });
      await store.put(CONSENT);
      await store.put(AUDIT);
      // The synthetic borough names its medicines by concept: a Medication, which a prescription may name instead.
      await store.put({
        resourceType: 'Medication',
        id: 'med-reindex',
        code: { coding: [{ system: 'https://dmd.nhs.uk', code: '9990000001' }] },
      });
      assert.equal(await store.meta('search-parameters'), JSON.stringify(indexShapes()), 'a new store records its shapes');
    } finally {
      await store.close();
    }
    for (const type of types) written.set(type, await indexOf(spec, type));
  });
  after(async () => {
    await disposeTestStore(spec);
    rmSync(directory, { recursive: true, force: true });
  });

  test('every type of the contract has rows here to index', () => {
    for (const type of types) assert.ok((written.get(type) ?? []).length > 0, `${type} has index entries`);
  });

  test('the reported case: a Consent saved before `identifier` was indexed is found by it', async () => {
    await loseIndex(spec, ['Consent'], 'stale');
    const store = await openStore(spec);
    try {
      const found = await store.search({
        type: 'Consent',
        patientId: PATIENT,
        criteria: [
          {
            kind: 'token',
            name: 'identifier',
            values: [{ system: 'https://care-record.example/id/resident-choice', code: 'choice-1' }],
            anySystem: [false],
          },
        ],
        sort: { by: 'lastUpdated', descending: true },
        count: 10,
        visibility: { hiddenLabels: [] },
      });
      assert.deepEqual(
        found.resources.map((resource) => resource['id']),
        ['consent-reindex'],
      );
    } finally {
      await store.close();
    }
  });

  for (const type of Object.keys(searchDefinitions).sort())
    test(`${type}: its index lost under another shape is built again as written`, async () => {
      await loseIndex(spec, [type], 'stale');
      assert.notDeepEqual(await indexOf(spec, type), written.get(type), 'the index was lost');
      await (await openStore(spec)).close();
      assert.deepEqual(await indexOf(spec, type), written.get(type));
    });

  test('a store that recorded no shapes is indexed again whole, once', async () => {
    await loseIndex(spec, types, 'forget');
    await (await openStore(spec)).close();
    for (const type of types) assert.deepEqual(await indexOf(spec, type), written.get(type), type);

    // Once: with the shapes recorded and current, an index is left as it is.
    await loseIndex(spec, ['Consent'], 'forget');
    await onDatabase(spec, (run) =>
      run(`INSERT INTO meta (key, value) VALUES ('search-parameters', '${JSON.stringify(indexShapes()).replaceAll("'", "''")}')`),
    );
    await (await openStore(spec)).close();
    assert.notDeepEqual(await indexOf(spec, 'Consent'), written.get('Consent'));
  });
});
