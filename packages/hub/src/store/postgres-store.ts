/**
 * The production store: PostgreSQL (node-postgres), for a borough served by
 * several hub processes on one database. The tables are the SQLite store's
 * (see `migrations/postgres/`, applied on opening, once, whichever process
 * gets there first), partitioned for growth: resources and their search index
 * entries by the resident they belong to (hash), the audit by month (range).
 * A resident's search names their partition, so it reads one sixteenth of the
 * tables, from the same `(patient_id, type, sort_date, id)` index as SQLite.
 *
 * Everything a request needs is in the database — sessions, codes, keys,
 * sharing choices, idempotency keys — so any process can answer any request.
 * A search is one round trip (its counts and its page in one statement); a
 * write is a few, in one transaction.
 *
 * `postgres://user@host:5432/database?schema=NAME` keeps the hub's tables in
 * their own schema (created if need be); without it, the `public` schema.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { LABEL_RULES_VERSION, storedLabels } from '../policy/visibility.js';
import type { AuthStateStore } from '../auth/auth-state.js';
import { hashed } from '../auth/auth-state.js';
import { indexShapes, typesToIndexAgain, type FhirJson } from './search-parameters.js';
import { compartmentStatement, searchStatements, type Sql } from './search-sql.js';
import {
  consentIdsOf,
  compartmentResult,
  IDEMPOTENCY_KEY_LIFETIME_MS,
  indexResource,
  organizationByOdsQuery,
  referencePairs,
  searchResult,
  StoredJson,
  type CompartmentQuery,
  type CompartmentResult,
  type HubStore,
  type IdempotentWrite,
  type IndexedResource,
  type LabelledRow,
  type Relationship,
  type SearchQuery,
  type SearchResult,
  type StoredInvitation,
  type StoredResource,
} from './store.js';

const migrationsFolder = fileURLToPath(new URL('../../migrations/postgres/', import.meta.url));

/** The resident a resource belongs to, as the partitioned tables keep it ('' for none: the directory). */
const NO_RESIDENT = '';

/** Rows per statement when writing many resources at once. */
const BATCH_ROWS = 5_000;

/** bigint (COUNT, ms timestamps) as a number: every value the hub keeps is within 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** `?` placeholders as PostgreSQL's `$1, $2, …` (outside quoted text). */
export function numberedPlaceholders(text: string): string {
  let index = 0;
  let quote: string | undefined;
  let out = '';
  for (const character of text) {
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') quote = character;
    else if (character === '?') {
      out += `$${++index}`;
      continue;
    }
    out += character;
  }
  return out;
}

/** A connection string with the hub's own `schema` parameter taken out. */
function parseSpec(spec: string): { connectionString: string; schema: string } {
  const url = new URL(spec);
  const schema = url.searchParams.get('schema') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error('The schema must be a lower-case SQL name (letters, digits, _)');
  url.searchParams.delete('schema');
  return { connectionString: url.href, schema };
}

interface KeyRow {
  type: string;
  id: string;
  patient_id: string;
  rid: number;
  version: number;
}

type Queryable = pg.Pool | pg.PoolClient;

/** Statement names by SQL text, for the whole process: one text, one name. */
const statementNames = new Map<string, string>();
/** Distinct statements named at most; any further are sent unnamed (the search SQL's shapes are bounded, but not by much). */
const MAX_NAMED_STATEMENTS = 1_000;

/**
 * A query as a named statement when it is one the hub runs again and again
 * (SELECT, INSERT, UPDATE, DELETE): each connection parses and plans it
 * once, and with the pool's generic plans (`plan_cache_mode`) the patient's
 * partition is chosen as it runs. Planning was more of PostgreSQL's time than
 * running (`bench/README.md`: 5.7 ms against 2.5 ms a request; `$summary`'s
 * search 6.4 ms to plan, 1.7 ms to run). Anything else goes unnamed.
 */
export function statement(text: string, values: readonly unknown[]): pg.QueryConfig {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS && /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text)) {
    name = `care_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name === undefined ? { text, values: values as unknown[] } : { name, text, values: values as unknown[] };
}

/** What the store and the transactions it opens share. */
class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** Months whose audit partitions are known to exist (`2026-11`). */
  readonly auditMonths = new Set<string>();
  /**
   * Seeding a new store: writes are almost all of resources not there yet, so
   * they insert keys first rather than look each batch up (a join that, on a
   * table growing by thousands of keys a batch, scanned it whole every time).
   */
  bulkLoading = false;
  authState: AuthStateStore | undefined;

  constructor(connectionString: string, schema: string) {
    this.schema = schema;
    this.pool = new pg.Pool({
      connectionString,
      types,
      max: 10,
      // Generic plans for named statements: planned once per connection, the partition chosen as each runs.
      // No JIT: a generic plan's cost grows with the borough's row counts, and past `jit_above_cost` (crossed near
      // 206,000 residents in the load bench) every run of a small search compiled hundreds of functions first: 250-900 ms for a 1 ms search.
      options: `-c search_path=${schema} -c plan_cache_mode=force_generic_plan -c jit=off`,
      application_name: 'care-record-hub',
    });
    // A connection that fails while idle is dropped by the pool; the next query opens another.
    this.pool.on('error', () => {});
  }

  /** Applies the migrations this database has not had, in order, under a lock so that only one process does. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [`care-record-migrations:${this.schema}`]);
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await client.query(
          'CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        const applied = new Set(
          (await client.query<{ version: number }>('SELECT version FROM schema_migration')).rows.map((row) => row.version),
        );
        for (const name of readdirSync(migrationsFolder)
          .filter((file) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(file))
          .sort()) {
          const version = Number(name.slice(0, 4));
          if (applied.has(version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(readFileSync(`${migrationsFolder}${name}`, 'utf8'));
            await client.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [version, name]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw new Error(`The PostgreSQL migration ${name} failed`, { cause: error });
          }
        }
        await relabel(client);
        await indexChangedTypes(client);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`care-record-migrations:${this.schema}`]);
      }
    } finally {
      client.release();
    }
  }
}

/**
 * Works every row's labels out again, once, when the rules that give them
 * changed since the database was written (`LABEL_RULES_VERSION`, kept as
 * `labels-version` in `meta`): its searches filter on the labels kept with
 * each row. Under the migrations' lock, through a cursor, in one transaction;
 * only rows whose labels differ are written.
 */
async function relabel(client: pg.PoolClient): Promise<void> {
  const recorded = (await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'labels-version'")).rows[0]?.value;
  if (Number(recorded ?? 1) >= LABEL_RULES_VERSION) return;
  await client.query('BEGIN');
  try {
    await client.query('DECLARE relabel NO SCROLL CURSOR FOR SELECT patient_id, rid, json, labels FROM resource');
    for (;;) {
      const { rows } = await client.query<{ patient_id: string; rid: string; json: string; labels: string }>('FETCH 2000 FROM relabel');
      if (rows.length === 0) break;
      for (const row of rows) {
        const labels = cleanText(storedLabels(JSON.parse(row.json) as FhirJson));
        if (labels !== row.labels)
          await client.query('UPDATE resource SET labels = $1 WHERE patient_id = $2 AND rid = $3', [labels, row.patient_id, row.rid]);
      }
    }
    await client.query('CLOSE relabel');
    await client.query(
      "INSERT INTO meta (key, value) VALUES ('labels-version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [String(LABEL_RULES_VERSION)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error('Working the stored labels out again failed', { cause: error });
  }
}

/**
 * Indexes again, once, every row of each type whose search parameters changed
 * since the database was written (`indexShapes`, kept as `search-parameters`
 * in `meta`), with its sort keys: else a search by a parameter added since
 * would find nothing written before it. Under the migrations' lock, through a
 * cursor, in one transaction.
 */
async function indexChangedTypes(client: pg.PoolClient): Promise<void> {
  const current = indexShapes();
  const recorded = (await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'search-parameters'")).rows[0]?.value;
  if (recorded === JSON.stringify(current)) return;
  const empty = (await client.query('SELECT 1 FROM resource LIMIT 1')).rows.length === 0;
  const types = empty ? [] : typesToIndexAgain(recorded, current);
  await client.query('BEGIN');
  try {
    for (const type of types) {
      // Type names are the search definitions' own keys; checked all the same, as the cursor's query carries one.
      if (!/^[A-Za-z]+$/.test(type)) throw new Error(`Not a resource type: ${type}`);
      const audit = type === 'AuditEvent';
      const [rows, key, tokens, dates, keyType] = audit
        ? ['audit_event', 'last_updated', 'audit_token', 'audit_date', 'bigint']
        : ['resource', 'patient_id', 'search_token', 'search_date', 'text'];
      await client.query(
        `DECLARE reindex NO SCROLL CURSOR FOR SELECT ${key} AS key, rid, json, version, last_updated FROM ${rows} WHERE type = '${type}'`,
      );
      for (;;) {
        const page = (
          await client.query<{ key: string; rid: string; json: string; version: number; last_updated: string }>('FETCH 2000 FROM reindex')
        ).rows;
        if (page.length === 0) break;
        const indexed = page.map((row) => ({
          key: row.key,
          rid: row.rid,
          entry: indexResource(JSON.parse(row.json) as FhirJson, row.version, Number(row.last_updated)),
        }));
        const keys = [indexed.map((row) => row.key), indexed.map((row) => row.rid)];
        for (const table of [tokens, dates])
          await client.query(`DELETE FROM ${table} WHERE (${key}, rid) IN (SELECT * FROM unnest($1::${keyType}[], $2::bigint[]))`, keys);
        const tokenRows = indexed.flatMap((row) =>
          row.entry.tokens.map((token) => [row.key, row.rid, token.name, cleanText(token.system), cleanText(token.code)]),
        );
        const dateRows = indexed.flatMap((row) => row.entry.dates.map((date) => [row.key, row.rid, date.name, date.start, date.end]));
        const columns = (all: unknown[][]) => [0, 1, 2, 3, 4].map((column) => all.map((row) => row[column]));
        if (tokenRows.length > 0)
          await client.query(
            `INSERT INTO ${tokens} SELECT * FROM unnest($1::${keyType}[], $2::bigint[], $3::text[], $4::text[], $5::text[])`,
            columns(tokenRows),
          );
        if (dateRows.length > 0)
          await client.query(
            `INSERT INTO ${dates} SELECT * FROM unnest($1::${keyType}[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])`,
            columns(dateRows),
          );
        await client.query(
          `UPDATE ${rows} r SET sort_date = changed.sort_date, sort_text = changed.sort_text
             FROM unnest($1::${keyType}[], $2::bigint[], $3::bigint[], $4::text[]) AS changed (key, rid, sort_date, sort_text)
            WHERE r.${key} = changed.key AND r.rid = changed.rid`,
          [
            ...keys,
            indexed.map((row) => row.entry.sortDate),
            indexed.map((row) => (row.entry.sortText === null ? null : cleanText(row.entry.sortText))),
          ],
        );
      }
      await client.query('CLOSE reindex');
    }
    await client.query(
      "INSERT INTO meta (key, value) VALUES ('search-parameters', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      [JSON.stringify(current)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error('Indexing the stored resources again failed', { cause: error });
  }
}

export class PostgresStore implements HubStore {
  readonly kind = 'postgres';
  readonly #database: PostgresDatabase;
  /** The connection of the transaction this store is the view of, if it is one. */
  readonly #client: pg.PoolClient | undefined;

  private constructor(database: PostgresDatabase, client?: pg.PoolClient) {
    this.#database = database;
    this.#client = client;
  }

  /** Connects, applies any migrations, and makes this month's and next month's audit partitions. */
  static async open(spec: string): Promise<PostgresStore> {
    const { connectionString, schema } = parseSpec(spec);
    const database = new PostgresDatabase(connectionString, schema);
    try {
      await database.migrate();
      const store = new PostgresStore(database);
      const now = Date.now();
      await store.#auditPartition(now);
      await store.#auditPartition(monthAfter(now));
      return store;
    } catch (error) {
      await database.pool.end();
      throw error;
    }
  }

  get #db(): Queryable {
    return this.#client ?? this.#database.pool;
  }

  async #rows<Row extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []): Promise<Row[]> {
    return (await this.#db.query<Row>(statement(text, values))).rows;
  }

  /** Runs `work` in this store's transaction, or in a new one. */
  async #inTransaction<T>(work: (store: PostgresStore) => Promise<T>): Promise<T> {
    return this.#client ? work(this) : this.transaction((store) => work(store as PostgresStore));
  }

  /**
   * Transactions are SERIALIZABLE, as SQLite's are (one at a time): one that
   * read what another then changed (a version checked before it is replaced,
   * a "none yet" before one is added) cannot commit, and is run again from the
   * start, when it reads what the other wrote.
   */
  async transaction<T>(work: (store: HubStore) => Promise<T>): Promise<T> {
    if (this.#client) return work(this);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#once(work);
      } catch (error) {
        if (!isSerializationFailure(error) || attempt >= TRANSACTION_ATTEMPTS) throw error;
        // Apart a little, and more each time, so that the same transactions do not meet again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  async #once<T>(work: (store: HubStore) => Promise<T>): Promise<T> {
    const client = await this.#database.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      try {
        const result = await work(new PostgresStore(this.#database, client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  async bulkLoad(load: (store: HubStore) => Promise<void>): Promise<void> {
    this.#database.bulkLoading = true;
    try {
      await load(this);
    } finally {
      this.#database.bulkLoading = false;
    }
    await this.#rows('ANALYZE');
  }

  async read(type: string, id: string): Promise<StoredResource | undefined> {
    const rows =
      type === 'AuditEvent'
        ? await this.#rows<{ json: string; version: number; last_updated: number }>(
            "SELECT json, version, last_updated FROM audit_event WHERE id = $1 AND type = 'AuditEvent'",
            [id],
          )
        : await this.#rows<{ json: string; version: number; last_updated: number }>(
            `SELECT r.json, r.version, r.last_updated FROM resource_key k
               JOIN resource r ON r.patient_id = k.patient_id AND r.rid = k.rid
              WHERE k.type = $1 AND k.id = $2`,
            [type, id],
          );
    const row = rows[0];
    return row
      ? {
          resource: JSON.parse(row.json) as FhirJson,
          versionId: String(row.version),
          lastUpdated: new Date(row.last_updated).toISOString(),
        }
      : undefined;
  }

  async readReferences(references: Iterable<string>): Promise<StoredJson[]> {
    const pairs = referencePairs(references);
    if (pairs.length === 0) return [];
    const audits = pairs.filter(([type]) => type === 'AuditEvent');
    const others = pairs.filter(([type]) => type !== 'AuditEvent');
    const found = new Map<string, string>();
    if (others.length > 0) {
      const rows = await this.#rows<{ type: string; id: string; json: string }>(
        `SELECT k.type, k.id, r.json FROM unnest($1::text[], $2::text[]) AS wanted (type, id)
           JOIN resource_key k ON k.type = wanted.type AND k.id = wanted.id
           JOIN resource r ON r.patient_id = k.patient_id AND r.rid = k.rid`,
        [others.map(([type]) => type), others.map(([, id]) => id)],
      );
      for (const row of rows) found.set(`${row.type}/${row.id}`, row.json);
    }
    for (const [, id] of audits) {
      const [row] = await this.#rows<{ json: string }>("SELECT json FROM audit_event WHERE id = $1 AND type = 'AuditEvent'", [id]);
      if (row) found.set(`AuditEvent/${id}`, row.json);
    }
    return pairs.flatMap(([type, id]) => {
      const json = found.get(`${type}/${id}`);
      return json === undefined ? [] : [new StoredJson(type, id, json)];
    });
  }

  async put(resource: FhirJson, lastUpdated = Date.now()): Promise<StoredResource> {
    if (resource['resourceType'] === 'AuditEvent') return this.#putAudit(resource, lastUpdated);
    const [stored] = await this.#inTransaction((store) => store.#write([resource], lastUpdated));
    if (!stored) throw new Error('The resource was not stored');
    return stored;
  }

  async putInPlace(resource: FhirJson): Promise<StoredResource> {
    const [stored] = await this.#inTransaction((store) => store.#write([resource], 0, true));
    if (!stored) throw new Error('The resource was not stored');
    return stored;
  }

  async putMany(resources: readonly FhirJson[], lastUpdated: number): Promise<void> {
    const audits = resources.filter((resource) => resource['resourceType'] === 'AuditEvent');
    const others = resources.filter((resource) => resource['resourceType'] !== 'AuditEvent');
    await this.#inTransaction(async (store) => {
      for (let start = 0; start < others.length; start += BATCH_ROWS / 5)
        await store.#write(others.slice(start, start + BATCH_ROWS / 5), lastUpdated);
      for (const audit of audits) await store.#putAudit(audit, lastUpdated);
    });
  }

  /**
   * Writes resources (new versions of those that exist) and their search index
   * entries. In a transaction: the keys of existing ones are locked first, so
   * two writers of one resource take turns.
   */
  async #write(resources: readonly FhirJson[], lastUpdated: number, inPlace = false): Promise<StoredResource[]> {
    const wanted = resources.map((resource) => ({ type: String(resource['resourceType']), id: String(resource['id']) }));
    const known = new Map<string, KeyRow>();
    const lookUp = async (keys: { type: string; id: string }[]) => {
      if (keys.length === 0) return;
      const rows = await this.#rows<KeyRow>(
        `SELECT k.type, k.id, k.patient_id, k.rid, k.version FROM resource_key k
           JOIN unnest($1::text[], $2::text[]) AS wanted (type, id) ON k.type = wanted.type AND k.id = wanted.id
          ORDER BY k.type, k.id FOR UPDATE OF k`,
        [keys.map((key) => key.type), keys.map((key) => key.id)],
      );
      for (const row of rows) known.set(`${row.type}/${row.id}`, row);
    };
    // While seeding, keys are inserted without a look first: one already there is not inserted, and is looked up (and locked) below.
    if (!this.#database.bulkLoading) await lookUp(wanted);

    // New resources: their keys first. Another process creating the same one at once makes ours an update.
    let fresh = wanted.filter((key) => !known.has(`${key.type}/${key.id}`));
    while (fresh.length > 0) {
      const rids = await this.#rows<{ rid: number }>("SELECT nextval('resource_rid') AS rid FROM generate_series(1, $1)", [fresh.length]);
      const byKey = new Map(fresh.map((key, index) => [`${key.type}/${key.id}`, rids[index]?.rid ?? 0]));
      const compartments = new Map(
        resources.map((resource) => [
          `${String(resource['resourceType'])}/${String(resource['id'])}`,
          indexResource(resource, 1, lastUpdated).patientId ?? NO_RESIDENT,
        ]),
      );
      const inserted = await this.#rows<{ type: string; id: string }>(
        `INSERT INTO resource_key (type, id, patient_id, rid, version)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::integer[])
         ON CONFLICT (type, id) DO NOTHING RETURNING type, id`,
        [
          fresh.map((key) => key.type),
          fresh.map((key) => key.id),
          fresh.map((key) => compartments.get(`${key.type}/${key.id}`) ?? NO_RESIDENT),
          fresh.map((key) => byKey.get(`${key.type}/${key.id}`)),
          // A new key holds its first version: no update of it is needed below unless the batch has the resource twice.
          fresh.map(() => 1),
        ],
      );
      for (const row of inserted)
        known.set(`${row.type}/${row.id}`, {
          type: row.type,
          id: row.id,
          patient_id: compartments.get(`${row.type}/${row.id}`) ?? NO_RESIDENT,
          rid: byKey.get(`${row.type}/${row.id}`) ?? 0,
          version: 0,
        });
      const taken = fresh.filter((key) => !known.has(`${key.type}/${key.id}`));
      await lookUp(taken);
      fresh = taken.filter((key) => !known.has(`${key.type}/${key.id}`));
    }

    // The same resource twice in one batch: the later is the newer version.
    const latest = new Map<string, IndexedResource & { rid: number; previous: KeyRow }>();
    for (const resource of resources) {
      const name = `${String(resource['resourceType'])}/${String(resource['id'])}`;
      const previous = known.get(name);
      if (!previous) throw new Error('A resource key was not found after it was written');
      if (inPlace) {
        // Its current version rewritten: the same version and time (the key is locked above).
        const [current] = await this.#rows<{ last_updated: string | number }>(
          'SELECT last_updated FROM resource WHERE patient_id = $1 AND rid = $2',
          [previous.patient_id, previous.rid],
        );
        if (previous.version === 0 || !current) throw new Error('Only a stored resource can be written in place');
        latest.set(name, { ...indexResource(resource, previous.version, Number(current.last_updated)), rid: previous.rid, previous });
        continue;
      }
      const version = (latest.get(name)?.version ?? previous.version) + 1;
      latest.set(name, { ...indexResource(resource, version, lastUpdated), rid: previous.rid, previous });
    }
    const rows = [...latest.values()].map((row) => ({ ...row, patientId: cleanText(row.patientId ?? NO_RESIDENT) }));
    const replaced = rows.filter((row) => row.previous.version > 0);
    // A resource that moved to another resident's record (rare) leaves its old partition.
    const moved = replaced.filter((row) => row.previous.patient_id !== row.patientId);
    if (moved.length > 0) {
      const partitions = [moved.map((row) => row.previous.patient_id), moved.map((row) => row.rid)];
      for (const table of ['resource', 'search_token', 'search_date'])
        await this.#rows(`DELETE FROM ${table} WHERE (patient_id, rid) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))`, partitions);
    }
    if (replaced.length > 0) {
      const partitions = [replaced.map((row) => row.patientId), replaced.map((row) => row.rid)];
      for (const table of ['search_token', 'search_date'])
        await this.#rows(`DELETE FROM ${table} WHERE (patient_id, rid) IN (SELECT * FROM unnest($1::text[], $2::bigint[]))`, partitions);
    }
    // Keys inserted above hold version 1 and their compartment already; the others are brought up to date.
    const changedKeys = rows.filter((row) => row.previous.version > 0 || row.version !== 1 || row.previous.patient_id !== row.patientId);
    if (changedKeys.length > 0)
      await this.#rows(
        `UPDATE resource_key k SET version = changed.version, patient_id = changed.patient_id
           FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[]) AS changed (type, id, version, patient_id)
          WHERE k.type = changed.type AND k.id = changed.id`,
        [
          changedKeys.map((row) => row.type),
          changedKeys.map((row) => row.id),
          changedKeys.map((row) => row.version),
          changedKeys.map((row) => row.patientId),
        ],
      );
    await this.#rows(
      `INSERT INTO resource (rid, type, id, patient_id, version, last_updated, sort_date, sort_text, source, labels, json)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
       ON CONFLICT (patient_id, rid) DO UPDATE SET version = excluded.version, last_updated = excluded.last_updated,
         sort_date = excluded.sort_date, sort_text = excluded.sort_text, source = excluded.source, labels = excluded.labels, json = excluded.json`,
      rowColumns(rows),
    );
    await this.#writeIndexEntries(
      'search_token',
      'search_date',
      rows.map((row) => ({ partition: row.patientId, rid: row.rid, indexed: row })),
    );
    return rows.map((row) => row.stored);
  }

  /** Writes search index entries, in statements of at most BATCH_ROWS rows. */
  async #writeIndexEntries(
    tokenTable: string,
    dateTable: string,
    entries: { partition: string | number; rid: number; indexed: IndexedResource }[],
  ): Promise<void> {
    const partitionType = tokenTable === 'audit_token' ? 'bigint' : 'text';
    const tokens = entries.flatMap(({ partition, rid, indexed }) =>
      indexed.tokens.map((token) => [partition, rid, token.name, cleanText(token.system), cleanText(token.code)] as const),
    );
    for (let start = 0; start < tokens.length; start += BATCH_ROWS) {
      const slice = tokens.slice(start, start + BATCH_ROWS);
      await this.#rows(
        `INSERT INTO ${tokenTable} SELECT * FROM unnest($1::${partitionType}[], $2::bigint[], $3::text[], $4::text[], $5::text[])`,
        [0, 1, 2, 3, 4].map((column) => slice.map((row) => row[column])),
      );
    }
    const dates = entries.flatMap(({ partition, rid, indexed }) =>
      indexed.dates.map((date) => [partition, rid, date.name, date.start, date.end] as const),
    );
    for (let start = 0; start < dates.length; start += BATCH_ROWS) {
      const slice = dates.slice(start, start + BATCH_ROWS);
      await this.#rows(
        `INSERT INTO ${dateTable} SELECT * FROM unnest($1::${partitionType}[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[])`,
        [0, 1, 2, 3, 4].map((column) => slice.map((row) => row[column])),
      );
    }
  }

  /**
   * An AuditEvent goes to its month's partition. The hub writes one for
   * every request, each new: the event and its index entries go in one
   * statement (one round trip), unless an event with its id is there already.
   */
  async #putAudit(resource: FhirJson, lastUpdated: number): Promise<StoredResource> {
    await this.#auditPartition(lastUpdated);
    const insert = async (store: PostgresStore, indexed: IndexedResource, onlyIfNew: boolean) => {
      const row = { ...indexed, patientId: cleanText(indexed.patientId ?? NO_RESIDENT) };
      const tokens = row.tokens.map((token) => [token.name, cleanText(token.system), cleanText(token.code)]);
      const [written] = await store.#rows<{ written: boolean }>(
        `WITH existing AS (SELECT 1 FROM audit_event WHERE id = $2 AND $14::boolean LIMIT 1),
         event AS (
           INSERT INTO audit_event (rid, type, id, patient_id, version, last_updated, sort_date, sort_text, source, labels, json)
           SELECT nextval('resource_rid'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 WHERE NOT EXISTS (SELECT 1 FROM existing)
           RETURNING rid, last_updated),
         tokens AS (
           INSERT INTO audit_token (last_updated, rid, name, system, code)
           SELECT event.last_updated, event.rid, t.name, t.system, t.code FROM event, unnest($11::text[], $12::text[], $13::text[]) AS t (name, system, code)),
         dates AS (
           INSERT INTO audit_date (last_updated, rid, name, start, "end")
           SELECT event.last_updated, event.rid, d.name, d.start, d.finish FROM event, unnest($15::text[], $16::bigint[], $17::bigint[]) AS d (name, start, finish))
         SELECT EXISTS (SELECT 1 FROM event) AS written`,
        [
          row.type,
          row.id,
          row.patientId,
          row.version,
          row.lastUpdated,
          row.sortDate,
          row.sortText === null ? null : cleanText(row.sortText),
          row.source === null ? null : cleanText(row.source),
          cleanText(row.labels),
          row.json,
          tokens.map((token) => token[0]),
          tokens.map((token) => token[1]),
          tokens.map((token) => token[2]),
          onlyIfNew,
          row.dates.map((date) => date.name),
          row.dates.map((date) => date.start),
          row.dates.map((date) => date.end),
        ],
      );
      return written?.written === true;
    };
    const first = indexResource(resource, 1, lastUpdated);
    if (await insert(this, first, true)) return first.stored;
    // Written again (not something the hub does): the earlier version is replaced, in one transaction.
    return this.#inTransaction(async (store) => {
      const earlier = await store.#rows<{ rid: number; last_updated: number; version: number }>(
        'SELECT rid, last_updated, version FROM audit_event WHERE id = $1 FOR UPDATE',
        [String(resource['id'])],
      );
      for (const { rid, last_updated: at } of earlier)
        for (const table of ['audit_event', 'audit_token', 'audit_date'])
          await store.#rows(`DELETE FROM ${table} WHERE last_updated = $1 AND rid = $2`, [at, rid]);
      const indexed = indexResource(resource, Math.max(0, ...earlier.map((row) => row.version)) + 1, lastUpdated);
      await insert(store, indexed, false);
      return indexed.stored;
    });
  }

  /** Makes the audit partitions of the month `at` falls in, unless this process knows they exist. */
  async #auditPartition(at: number): Promise<void> {
    const { name, start, end } = auditMonth(at);
    if (this.#database.auditMonths.has(name)) return;
    await this.#inTransaction(async (store) => {
      // One process at a time makes partitions; the others then find them made.
      await store.#rows('SELECT pg_advisory_xact_lock(hashtext($1))', [`care-record-audit-partitions:${this.#database.schema}`]);
      for (const table of ['audit_event', 'audit_token', 'audit_date'])
        await store.#rows(`CREATE TABLE IF NOT EXISTS ${table}_${name} PARTITION OF ${table} FOR VALUES FROM (${start}) TO (${end})`);
    });
    this.#database.auditMonths.add(name);
  }

  async pruneAuditEvents(before: number): Promise<number> {
    const partitions = await this.#rows<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace
        WHERE p.relname = 'audit_event' AND n.nspname = $1`,
      [this.#database.schema],
    );
    let removed = 0;
    for (const { name } of partitions) {
      const month = /^audit_event_(y\d{4}m\d{2})$/.exec(name)?.[1];
      if (!month) continue;
      const { end } = auditMonthNamed(month);
      if (end <= before) {
        // A whole month past the retention period: its partitions go at once.
        await this.#inTransaction(async (store) => {
          // Every hub process prunes: one at a time, and a month another has dropped is passed over.
          await store.#rows('SELECT pg_advisory_xact_lock(hashtext($1))', [`care-record-audit-partitions:${this.#database.schema}`]);
          const [{ found } = { found: null }] = await store.#rows<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
            `audit_event_${month}`,
          ]);
          if (found === null) return;
          removed += (await store.#rows<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_event_${month}`))[0]?.n ?? 0;
          for (const table of ['audit_event', 'audit_token', 'audit_date']) await store.#rows(`DROP TABLE IF EXISTS ${table}_${month}`);
        });
        this.#database.auditMonths.delete(month);
      }
    }
    // Part of a month, when the cut is not at a month's start.
    await this.#inTransaction(async (store) => {
      for (const table of ['audit_token', 'audit_date']) await store.#rows(`DELETE FROM ${table} WHERE last_updated < $1`, [before]);
      removed += (await store.#rows(`DELETE FROM audit_event WHERE last_updated < $1 RETURNING rid`, [before])).length;
    });
    return removed;
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    // '' is no one's id: the directory's partition key is not a resident to search within.
    if (query.patientId === NO_RESIDENT) return searchResult([], 0, undefined, 0);
    const statements = searchStatements(query, 'postgres');
    const zero: Sql = { text: 'SELECT 0', values: [] };
    const parts = [statements.total, statements.withheld?.available ?? zero, statements.withheld?.visible ?? zero, statements.page];
    // The counts and the page in one round trip: the page joined to one row of counts (an empty page still counts).
    const direction = query.sort.descending ? 'DESC' : 'ASC';
    const text = `SELECT counts.total, counts.available, counts.visible, page.id, page.json, page.k
      FROM (SELECT (${parts[0]?.text}) AS total, (${parts[1]?.text}) AS available, (${parts[2]?.text}) AS visible) counts
      LEFT JOIN LATERAL (${parts[3]?.text}) page ON true
      ORDER BY page.k ${direction}, page.id ${direction}`;
    const rows = await this.#rows<{
      total: number;
      available: number;
      visible: number;
      id: string | null;
      json: string | null;
      k: number | string | null;
    }>(
      numberedPlaceholders(text),
      parts.flatMap((part) => part.values),
    );
    const first = rows[0];
    const pageRows = rows.filter((row): row is typeof row & { id: string; json: string } => row.id !== null && row.json !== null);
    const page = pageRows.slice(0, query.count);
    const last = page.at(-1);
    return searchResult(
      page.map((row) => new StoredJson(query.type, row.id, row.json)),
      first?.total ?? 0,
      pageRows.length > query.count && last ? { key: last.k, id: last.id } : undefined,
      (first?.available ?? 0) - (first?.visible ?? 0),
    );
  }

  async compartment(query: CompartmentQuery): Promise<CompartmentResult> {
    if (query.patientId === NO_RESIDENT) return compartmentResult(query, []);
    const sql = compartmentStatement(query, 'postgres');
    return compartmentResult(
      query,
      await this.#rows<{ type: string; id: string; json: string | null }>(numberedPlaceholders(sql.text), sql.values),
    );
  }

  async organizationByOds(odsCode: string): Promise<FhirJson | undefined> {
    return (await this.search(organizationByOdsQuery(odsCode))).resources[0];
  }

  async labelledOfType(type: string, sources: readonly string[] = []): Promise<LabelledRow[]> {
    return this.#rows<LabelledRow>(
      "SELECT id, labels, source FROM resource WHERE type = $1 AND (labels <> '' OR source = ANY($2::text[]))",
      [type, [...sources]],
    );
  }

  async relate(patientId: string, organizationId: string): Promise<void> {
    await this.relateMany([{ patientId, organizationId }]);
  }

  async relateMany(relationships: readonly Relationship[]): Promise<void> {
    for (let start = 0; start < relationships.length; start += BATCH_ROWS) {
      const slice = relationships.slice(start, start + BATCH_ROWS);
      await this.#rows(
        'INSERT INTO relationship (patient_id, organization_id) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING',
        [slice.map((relationship) => relationship.patientId), slice.map((relationship) => relationship.organizationId)],
      );
    }
  }

  async isRelated(patientId: string, organizationId: string): Promise<boolean> {
    return (
      (await this.#rows('SELECT 1 FROM relationship WHERE patient_id = $1 AND organization_id = $2', [patientId, organizationId])).length >
      0
    );
  }

  async findIdempotentWrite(key: string, now = Date.now()): Promise<IdempotentWrite | undefined> {
    return (
      await this.#rows<IdempotentWrite>('SELECT fingerprint, type, id FROM idempotency WHERE key = $1 AND created >= $2', [
        key,
        now - IDEMPOTENCY_KEY_LIFETIME_MS,
      ])
    )[0];
  }

  async recordIdempotentWrite(key: string, fingerprint: string, type: string, id: string, now = Date.now()): Promise<boolean> {
    // A key past its 24 hours is as good as gone: a new write may take it even before it is pruned.
    const taken = await this.#rows(
      `INSERT INTO idempotency (key, fingerprint, type, id, created) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, type = excluded.type, id = excluded.id, created = excluded.created
       WHERE idempotency.created < $6 RETURNING key`,
      [key, fingerprint, type, id, now, now - IDEMPOTENCY_KEY_LIFETIME_MS],
    );
    return taken.length === 1;
  }

  async pruneIdempotentWrites(now = Date.now()): Promise<number> {
    return (await this.#rows('DELETE FROM idempotency WHERE created < $1 RETURNING key', [now - IDEMPOTENCY_KEY_LIFETIME_MS])).length;
  }

  async saveInvitation(invitation: StoredInvitation, now = Date.now()): Promise<void> {
    await this.#inTransaction(async (store) => {
      await store.dropInvitation(invitation.relatedPersonId, now);
      await store.#rows(
        'INSERT INTO invitation (code_hash, patient_id, related_person_id, expires, consent_ids) VALUES ($1, $2, $3, $4, $5)',
        [
          invitation.codeHash,
          invitation.patientId,
          invitation.relatedPersonId,
          invitation.expires,
          invitation.consentIds === undefined ? null : JSON.stringify(invitation.consentIds),
        ],
      );
    });
  }

  /** In a transaction the row is locked: two processes given one code take turns, and the second finds it gone. */
  async findInvitation(codeHash: string): Promise<StoredInvitation | undefined> {
    const [row] = await this.#rows<{ patient_id: string; related_person_id: string; expires: number; consent_ids: string | null }>(
      `SELECT patient_id, related_person_id, expires, consent_ids FROM invitation WHERE code_hash = $1${this.#client ? ' FOR UPDATE' : ''}`,
      [codeHash],
    );
    return row
      ? {
          codeHash,
          patientId: row.patient_id,
          relatedPersonId: row.related_person_id,
          expires: Number(row.expires),
          ...consentIdsOf(row.consent_ids),
        }
      : undefined;
  }

  async invitationExpiry(relatedPersonId: string): Promise<number | undefined> {
    return (await this.#rows<{ expires: number }>('SELECT expires FROM invitation WHERE related_person_id = $1', [relatedPersonId]))[0]
      ?.expires;
  }

  async dropInvitation(relatedPersonId: string, now = Date.now()): Promise<void> {
    await this.#rows('DELETE FROM invitation WHERE related_person_id = $1 OR expires < $2', [relatedPersonId, now]);
  }

  async recordInvitationFailure(account: string, at: number, since: number): Promise<number> {
    await this.#rows('DELETE FROM invitation_failure WHERE at < $1', [since]);
    await this.#rows('INSERT INTO invitation_failure (account, at) VALUES ($1, $2)', [account, at]);
    return this.invitationFailures(account, since);
  }

  async invitationFailures(account: string, since: number): Promise<number> {
    const [row] = await this.#rows<{ failures: number }>(
      'SELECT count(*)::integer AS failures FROM invitation_failure WHERE account = $1 AND at >= $2',
      [account, since],
    );
    return row?.failures ?? 0;
  }

  async meta(key: string): Promise<string | undefined> {
    return (await this.#rows<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]))[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.#rows('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  authState(): AuthStateStore {
    this.#database.authState ??= postgresAuthState(this.#database.pool);
    return this.#database.authState;
  }

  async query<Row = Record<string, unknown>>(sql: string, values: readonly unknown[] = []): Promise<Row[]> {
    return (await this.#rows(numberedPlaceholders(sql), values)) as Row[];
  }

  async close(): Promise<void> {
    if (!this.#client) await this.#database.pool.end();
  }
}

/** How many times a transaction is tried when others keep changing what it read. */
const TRANSACTION_ATTEMPTS = 20;

/** PostgreSQL's "could not serialize access" (40001) and "deadlock detected" (40P01): the transaction may be run again. */
function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

/** The columns of resource rows, for `unnest`. */
function rowColumns(rows: (IndexedResource & { rid: number; patientId: string })[]): unknown[][] {
  return [
    rows.map((row) => row.rid),
    rows.map((row) => row.type),
    rows.map((row) => row.id),
    rows.map((row) => row.patientId),
    rows.map((row) => row.version),
    rows.map((row) => row.lastUpdated),
    rows.map((row) => row.sortDate),
    rows.map((row) => (row.sortText === null ? null : cleanText(row.sortText))),
    rows.map((row) => (row.source === null ? null : cleanText(row.source))),
    rows.map((row) => cleanText(row.labels)),
    rows.map((row) => row.json),
  ];
}

/** PostgreSQL text cannot hold NUL; an indexed value with one is kept with U+FFFD in its place. */
function cleanText(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\ufffd') : value;
}

/** The calendar month (UTC) an instant falls in: its partition name and bounds in ms. */
export function auditMonth(at: number): { name: string; start: number; end: number } {
  const date = new Date(at);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return {
    name: `y${year}m${String(month + 1).padStart(2, '0')}`,
    start: Date.UTC(year, month, 1),
    end: Date.UTC(year, month + 1, 1),
  };
}

function auditMonthNamed(name: string): { start: number; end: number } {
  const [, year = '0', month = '1'] = /^y(\d{4})m(\d{2})$/.exec(name) ?? [];
  return { start: Date.UTC(Number(year), Number(month) - 1, 1), end: Date.UTC(Number(year), Number(month), 1) };
}

function monthAfter(at: number): number {
  return auditMonth(at).end;
}

/** The sign-in's state in the hub's PostgreSQL database: every process on it serves the same sessions. */
export function postgresAuthState(pool: pg.Pool): AuthStateStore {
  let writes = 0;
  const rows = async <Row extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<Row>(statement(text, values))).rows;
  return {
    async put(kind, key, value, expiresAt, now, session) {
      // Now and then, lapsed entries go (they are never read: every read checks the expiry).
      if (++writes % 100 === 0) await rows('DELETE FROM auth_state WHERE expires_at <= $1', [now]);
      await rows(
        `INSERT INTO auth_state (kind, key, value, expires_at, session) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, session = excluded.session`,
        [kind, hashed(key), value, expiresAt, session ?? null],
      );
    },
    read: async (kind, key, now) =>
      (
        await rows<{ value: string }>('SELECT value FROM auth_state WHERE kind = $1 AND key = $2 AND expires_at > $3', [
          kind,
          hashed(key),
          now,
        ])
      )[0]?.value,
    async take(kind, key, now) {
      const [row] = await rows<{ value: string; expires_at: number }>(
        'DELETE FROM auth_state WHERE kind = $1 AND key = $2 RETURNING value, expires_at',
        [kind, hashed(key)],
      );
      return row && row.expires_at > now ? row.value : undefined;
    },
    claim: async (kind, key, session, now) =>
      (
        await rows(
          'UPDATE auth_state SET session = $1 WHERE kind = $2 AND key = $3 AND session IS NULL AND expires_at > $4 RETURNING key',
          [session, kind, hashed(key), now],
        )
      ).length === 1,
    sessionOf: async (kind, key) =>
      (await rows<{ session: string | null }>('SELECT session FROM auth_state WHERE kind = $1 AND key = $2', [kind, hashed(key)]))[0]
        ?.session ?? undefined,
    remove: async (kind, key) => void (await rows('DELETE FROM auth_state WHERE kind = $1 AND key = $2', [kind, hashed(key)])),
    removeSession: async (kind, session) => void (await rows('DELETE FROM auth_state WHERE kind = $1 AND session = $2', [kind, session])),
    async signingKey(make) {
      const read = async () => (await rows<{ value: string }>("SELECT value FROM meta WHERE key = 'auth.signing-key'", []))[0]?.value;
      const stored = await read();
      if (stored !== undefined) return stored;
      // The first process to get here stores its key; the others use that one.
      await rows("INSERT INTO meta (key, value) VALUES ('auth.signing-key', $1) ON CONFLICT (key) DO NOTHING", [await make()]);
      const shared = await read();
      if (shared === undefined) throw new Error('The signing key could not be stored');
      return shared;
    },
  };
}
