/**
 * The store behind its interface, on whichever database the tests run against
 * (SQLite, or PostgreSQL with `CARE_RECORD_TEST_POSTGRES`): versions replace
 * each other everywhere, the audit is kept by month and its retention removes
 * whole months, PostgreSQL's partitions hold what they should, its migrations
 * run once however many hubs start together — and SQLite and PostgreSQL give
 * the same answers, page by page, to generated searches over generated records.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { auditCutoff } from '../src/hub.js';
import { openStore } from '../src/store/open-store.js';
import type { FhirJson } from '../src/store/search-parameters.js';
import type { HubStore, SearchQuery } from '../src/store/store.js';
import { disposeTestStore, newTestStoreSpec, openTestStore, testStoreKind } from './support/test-store.js';

const postgresOnly = testStoreKind === 'postgres' ? false : 'PostgreSQL only (set CARE_RECORD_TEST_POSTGRES)';

/** A small deterministic generator (mulberry32), so a failure names a seed that repeats it. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function auditEvent(id: string, patientId: string, recorded: string): FhirJson {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded,
    outcome: '0',
    agent: [{ who: { reference: 'PractitionerRole/pr-1' }, requestor: true }],
    source: { observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: `Patient/${patientId}` } }],
  };
}

const accessLog = (patientId: string): SearchQuery => ({
  type: 'AuditEvent',
  criteria: [{ kind: 'token', name: 'patient', values: [{ system: '', code: `Patient/${patientId}` }], anySystem: [false] }],
  sort: { by: 'date', descending: true },
  count: 100,
  visibility: { hiddenLabels: [] },
});

const observation = (id: string, patientId: string, code: string, date: string): FhirJson => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://snomed.info/sct', code }] },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: date,
});

const byCode = (patientId: string, code: string): SearchQuery => ({
  type: 'Observation',
  patientId,
  criteria: [{ kind: 'token', name: 'code', values: [{ system: 'http://snomed.info/sct', code }], anySystem: [false] }],
  sort: { by: 'date', descending: true },
  count: 50,
  visibility: { hiddenLabels: [] },
});

describe(`the store (${testStoreKind})`, () => {
  test('a new version replaces the old one in reads, searches and counts, also when it moves to another record', async () => {
    const store = await openTestStore();
    try {
      const first = await store.put(observation('obs-v', 'pat-a', '1111', '2026-01-01'), Date.parse('2026-11-01T10:00:00Z'));
      assert.equal(first.versionId, '1');
      const second = await store.put(observation('obs-v', 'pat-a', '2222', '2026-01-02'), Date.parse('2026-11-02T10:00:00Z'));
      assert.equal(second.versionId, '2');
      assert.equal((await store.search(byCode('pat-a', '1111'))).total, 0, 'the old code is no longer found');
      assert.deepEqual(
        (await store.search(byCode('pat-a', '2222'))).resources.map((resource) => (resource['meta'] as { versionId: string }).versionId),
        ['2'],
      );
      // Moved to another resident's record: found there, and no longer in the first one (in PostgreSQL, another partition).
      await store.put(observation('obs-v', 'pat-b', '2222', '2026-01-03'), Date.parse('2026-11-03T10:00:00Z'));
      assert.equal((await store.search(byCode('pat-a', '2222'))).total, 0);
      assert.equal((await store.search(byCode('pat-b', '2222'))).total, 1);
      const read = await store.read('Observation', 'obs-v');
      assert.equal(read?.versionId, '3');
      assert.equal(read?.lastUpdated, '2026-11-03T10:00:00.000Z');
      assert.deepEqual(
        (await store.readReferences(['Observation/obs-v', 'Observation/none', 'Observation/obs-v'])).map((found) => found.resource),
        [read?.resource],
      );
    } finally {
      await store.close();
    }
  });

  test('transactions that read a version and write the next take turns: of several at once, one wins', async () => {
    const store = await openTestStore();
    try {
      await store.put(observation('obs-cas', 'pat-c', '1111', '2026-01-01'));
      for (const writers of [2, 5]) {
        const expected = (await store.read('Observation', 'obs-cas'))?.versionId;
        // Each writer does what a PUT with If-Match does: read the version, and write only if it is the one it knew.
        const outcomes = await Promise.allSettled(
          Array.from({ length: writers }, (_, writer) =>
            store.transaction(async (transaction) => {
              const current = await transaction.read('Observation', 'obs-cas');
              if (current?.versionId !== expected) throw new Error('changed since it was read');
              // Give the others the time to read the same version before this one writes.
              await new Promise((resolve) => setTimeout(resolve, 25));
              return transaction.put(observation('obs-cas', 'pat-c', `w${writer}`, '2026-01-01'));
            }),
          ),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        assert.equal(won.length, 1, `${writers} writers: ${outcomes.map((outcome) => outcome.status).join(', ')}`);
        assert.equal((await store.read('Observation', 'obs-cas'))?.versionId, String(Number(expected) + 1));
      }
    } finally {
      await store.close();
    }
  });

  test('text that PostgreSQL cannot index as it is (a NUL) is stored and read back exactly', async () => {
    const store = await openTestStore();
    try {
      const odd = observation('obs-nul', 'pat-a', 'nul\u0000code', '2026-01-01');
      await store.put(odd);
      assert.deepEqual((await store.read('Observation', 'obs-nul'))?.resource['code'], odd['code']);
      assert.equal((await store.search({ ...byCode('pat-a', 'x'), criteria: [] })).total, 1);
    } finally {
      await store.close();
    }
  });

  test('AuditEvents are kept by month, and the retention removes the months before it with their index entries', async () => {
    const store = await openTestStore();
    try {
      const months = [
        '2026-08-31T23:59:59Z',
        '2026-09-15T12:00:00Z',
        '2026-10-01T00:00:00Z',
        '2026-11-30T08:00:00Z',
        '2026-12-02T09:00:00Z',
      ];
      for (const [index, recorded] of months.entries()) await store.put(auditEvent(`ae-${index}`, 'pat-r', recorded), Date.parse(recorded));
      await store.put(auditEvent('ae-other', 'pat-s', months[1] ?? ''), Date.parse(months[1] ?? ''));
      assert.equal((await store.search(accessLog('pat-r'))).total, 5);
      if (store.kind === 'postgres') {
        const partitions = await auditPartitions(store);
        for (const month of ['y2026m08', 'y2026m09', 'y2026m10', 'y2026m11', 'y2026m12'])
          assert.ok(partitions.includes(month), `a partition for ${month}: ${partitions.join(', ')}`);
      }

      // Keep this month and one before it (on 4 December 2026: November and December).
      const cutoff = auditCutoff(Date.parse('2026-12-04T10:00:00Z'), 1);
      assert.equal(new Date(cutoff).toISOString(), '2026-11-01T00:00:00.000Z');
      assert.equal(await store.pruneAuditEvents(cutoff), 4, 'three of the resident’s events and the other resident’s');
      const left = (await store.search(accessLog('pat-r'))).resources.map((event) => event['id']);
      assert.deepEqual(left, ['ae-4', 'ae-3']);
      assert.equal((await store.search(accessLog('pat-s'))).total, 0);
      assert.equal(await store.read('AuditEvent', 'ae-1'), undefined);
      assert.equal((await store.read('AuditEvent', 'ae-3'))?.resource['id'], 'ae-3');
      const [entries] = await store.query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM audit_token WHERE rid NOT IN (SELECT rid FROM audit_event)',
      );
      assert.equal(entries?.n, 0, 'no index entries are left of removed events');
      if (store.kind === 'postgres') {
        const kept = await auditPartitions(store);
        assert.ok(!kept.includes('y2026m08') && !kept.includes('y2026m10'), `old months dropped: ${kept.join(', ')}`);
        assert.ok(kept.includes('y2026m11') && kept.includes('y2026m12'));
      }
      assert.equal(await store.pruneAuditEvents(cutoff), 0, 'pruning again finds nothing');
    } finally {
      await store.close();
    }
  });

  test(
    'resources are hash-partitioned by resident: each resident’s rows and index entries in one partition',
    { skip: postgresOnly },
    async () => {
      const store = await openTestStore();
      try {
        for (let index = 0; index < 40; index += 1) {
          const patientId = `pat-${String(index).padStart(3, '0')}`;
          await store.putMany(
            [0, 1, 2].map((item) => observation(`obs-${index}-${item}`, patientId, `c${item}`, `2025-0${item + 1}-01`)),
            Date.now(),
          );
        }
        const partitions = await store.query<{ patient_id: string; rows: string; tokens: string; dates: string }>(
          `SELECT r.patient_id, string_agg(DISTINCT r.tableoid::regclass::text, ',') AS rows,
                (SELECT string_agg(DISTINCT t.tableoid::regclass::text, ',') FROM search_token t WHERE t.patient_id = r.patient_id) AS tokens,
                (SELECT string_agg(DISTINCT d.tableoid::regclass::text, ',') FROM search_date d WHERE d.patient_id = r.patient_id) AS dates
           FROM resource r GROUP BY r.patient_id`,
        );
        assert.equal(partitions.length, 40);
        const used = new Set<string>();
        for (const row of partitions) {
          const number = /^resource_p(\d\d)$/.exec(row.rows)?.[1];
          assert.ok(number, `one partition for ${row.patient_id}: ${row.rows}`);
          assert.equal(row.tokens, `search_token_p${number}`);
          assert.equal(row.dates, `search_date_p${number}`);
          used.add(number);
        }
        assert.ok(used.size >= 8, `40 residents spread over ${used.size} of 16 partitions`);
      } finally {
        await store.close();
      }
    },
  );

  test('migrations run once when several hubs open a new database together', { skip: postgresOnly }, async () => {
    const spec = newTestStoreSpec('');
    const stores = await Promise.all([openStore(spec), openStore(spec), openStore(spec)]);
    try {
      const migrations = readdirSync(fileURLToPath(new URL('../migrations/postgres/', import.meta.url))).filter((name) =>
        name.endsWith('.sql'),
      );
      const applied = await stores[0]!.query<{ version: number }>('SELECT version FROM schema_migration ORDER BY version');
      assert.deepEqual(
        applied.map((row) => row.version),
        migrations.map((name) => Number(name.slice(0, 4))),
      );
      await stores[1]!.put(observation('obs-m', 'pat-m', 'c', '2026-01-01'));
      assert.equal((await stores[2]!.read('Observation', 'obs-m'))?.versionId, '1');
    } finally {
      for (const store of stores) await store.close();
      await disposeTestStore(spec);
    }
  });

  test('SQLite and PostgreSQL give the same answers, page by page, to generated searches', { skip: postgresOnly }, async () => {
    const directory = mkdtempSync(join(tmpdir(), 'care-record-store-'));
    const sqlite = await openStore(`sqlite:${join(directory, 'hub.db')}`);
    const postgres = await openTestStore();
    try {
      const next = random(20261204);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const patients = ['pat-1', 'pat-2', 'pat-3'];
      const families = ['Smith', 'smith', 'Ørsted', 'O’Neil', 'Zhang', 'Åberg', 'Éclair', 'adams', 'Smithson', '', 'Über'];
      const codes = ['a', 'b', 'c', 'A', 'é'];
      const labels = ['SEX', 'R', 'PSY', 'NOPAT'];
      const sources = ['https://care-record.example/source/F1', 'https://care-record.example/source/F2', undefined];
      const records: FhirJson[] = [];
      for (let index = 0; index < 300; index += 1) {
        const source = pick(sources);
        const security = labels.filter(() => next() < 0.15).map((code) => ({ system: 'urn:test', code }));
        const meta = { ...(source ? { source } : {}), ...(security.length > 0 ? { security } : {}) };
        const day =
          next() < 0.1 ? undefined : `20${10 + Math.floor(next() * 15)}-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}`;
        records.push(
          index % 5 === 0
            ? {
                resourceType: 'Patient',
                id: `pat-x${index}`,
                meta,
                name: [{ family: pick(families), given: ['Sam'] }],
                birthDate: day ?? '2000-01-01',
                identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: `999${index}` }],
              }
            : {
                resourceType: 'Condition',
                id: `c-${index}`,
                meta,
                subject: { reference: `Patient/${pick(patients)}` },
                code: { coding: [{ system: 'urn:codes', code: pick(codes) }] },
                ...(day ? { recordedDate: day } : {}),
              },
        );
      }
      // Times that tie, so that the id breaks ties in both.
      const at = Date.parse('2026-11-28T09:00:00Z');
      for (const [index, record] of records.entries()) {
        await sqlite.put(record, at + (index % 7) * 1000);
        await postgres.put(record, at + (index % 7) * 1000);
      }
      let compared = 0;
      for (let round = 0; round < 120; round += 1) {
        const patientSearch = next() < 0.3;
        const query: SearchQuery = patientSearch
          ? {
              type: 'Patient',
              criteria: next() < 0.5 ? [{ kind: 'string', name: 'family', prefixes: [pick(['sm', 'ø', 'z', 'a', 'é'])] }] : [],
              sort: { by: pick(['text', 'date', 'lastUpdated'] as const), descending: next() < 0.5 },
              count: 1 + Math.floor(next() * 7),
              visibility: { hiddenLabels: [] },
            }
          : {
              type: 'Condition',
              patientId: pick(patients),
              criteria: [
                ...(next() < 0.4
                  ? [{ kind: 'token' as const, name: 'code', values: [{ system: '', code: pick(codes) }], anySystem: [true] }]
                  : []),
                ...(next() < 0.3
                  ? [
                      {
                        kind: 'date' as const,
                        name: 'recorded-date',
                        criteria: [
                          { prefix: pick(['ge', 'lt'] as const), range: { start: Date.UTC(2018, 0, 1), end: Date.UTC(2018, 0, 2) - 1 } },
                        ],
                      },
                    ]
                  : []),
              ],
              sort: { by: pick(['date', 'lastUpdated'] as const), descending: next() < 0.5 },
              count: 1 + Math.floor(next() * 9),
              visibility: {
                hiddenLabels: labels.filter(() => next() < 0.4),
                ...(next() < 0.5 ? { unlessSource: pick(sources.filter(Boolean)) } : {}),
                ...(next() < 0.2 ? { unavailableSources: [sources[0] ?? ''] } : {}),
              },
            };
        const pages = async (store: HubStore) => {
          const seen: { ids: string[]; total: number; withheld: number }[] = [];
          let after: SearchQuery['after'];
          do {
            const result = await store.search({ ...query, after });
            seen.push({ ids: result.resources.map((resource) => String(resource['id'])), total: result.total, withheld: result.withheld });
            after = result.next;
          } while (after && seen.length < 100);
          return seen;
        };
        assert.deepEqual(await pages(postgres), await pages(sqlite), `round ${round}: ${JSON.stringify(query)}`);
        compared += 1;
      }
      assert.equal(compared, 120);
    } finally {
      await sqlite.close();
      await postgres.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** The months the PostgreSQL audit has partitions for (`y2026m11`), in order. */
async function auditPartitions(store: HubStore): Promise<string[]> {
  const rows = await store.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE p.relname = 'audit_event' AND p.relnamespace = c.relnamespace AND c.relnamespace = to_regnamespace(current_schema())`,
  );
  return rows.map((row) => row.name.replace(/^audit_event_/, '')).sort();
}
