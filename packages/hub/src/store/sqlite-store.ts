/**
 * The embedded store: FHIR resources in one SQLite file (better-sqlite3),
 * with the values the contract's search parameters read indexed beside them.
 * Every clinical search is scoped to one resident and answered from the
 * `(patient_id, type, sort_date, id)` index, so it costs the same in a
 * borough of 2,000 residents as in one of 206,000. Several hub processes may
 * open one file (WAL journal; writes take turns).
 *
 * better-sqlite3 is synchronous: the work is done at once and the Promise the
 * interface asks for is already settled, so SQLite pays almost nothing for
 * the interface. A transaction holds the connection until it settles; calls
 * from outside it wait for it rather than join it.
 */
import Database from 'better-sqlite3';
import { sqliteAuthState, type AuthStateStore } from '../auth/auth-state.js';
import { LABEL_RULES_VERSION, storedLabels } from '../policy/visibility.js';
import { indexShapes, typesToIndexAgain, type FhirJson } from './search-parameters.js';
import { compartmentStatement, resourceTables, searchStatements, tablesFor, type SearchTables, type Sql } from './search-sql.js';
import {
  compartmentResult,
  consentIdsOf,
  IDEMPOTENCY_KEY_LIFETIME_MS,
  indexResource,
  organizationByOdsQuery,
  referencePairs,
  searchResult,
  StoredJson,
  type HubStore,
  type CompartmentQuery,
  type CompartmentResult,
  type IdempotentWrite,
  type IndexedResource,
  type LabelledRow,
  type Relationship,
  type SearchQuery,
  type SearchResult,
  type StoredInvitation,
  type StoredResource,
} from './store.js';

/**
 * Raised when a search parameter's values or the tables change: 2 indexed every resident an AuditEvent names, and
 * its outcome; 3 RelatedPerson.identifier; 4 moved AuditEvents to their own tables (as PostgreSQL keeps them, by month).
 */
const STORE_VERSION = 4;

/** Search indexes: dropped while a new store is bulk-loaded, and built once at the end (much faster than row by row). */
const searchIndexes = `
  CREATE INDEX IF NOT EXISTS resource_compartment ON resource (patient_id, type, sort_date, id);
  CREATE INDEX IF NOT EXISTS resource_text ON resource (type, sort_text, id);
  CREATE INDEX IF NOT EXISTS search_token_resource ON search_token (rid, name, code);
  CREATE INDEX IF NOT EXISTS search_token_value ON search_token (name, code, rid);
  CREATE INDEX IF NOT EXISTS search_date_resource ON search_date (rid, name);
`;
const searchIndexNames = ['resource_compartment', 'resource_text', 'search_token_resource', 'search_token_value', 'search_date_resource'];

/** A table of resources (`resource`, or `audit_event`) with its search index tables. */
const resourceColumns = `rid INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT NOT NULL, patient_id TEXT, version INTEGER NOT NULL,
    last_updated INTEGER NOT NULL, sort_date INTEGER, sort_text TEXT, source TEXT, labels TEXT NOT NULL, json TEXT NOT NULL`;

const schema = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS resource (${resourceColumns});
  CREATE UNIQUE INDEX IF NOT EXISTS resource_key ON resource (type, id);
  CREATE TABLE IF NOT EXISTS search_token (rid INTEGER NOT NULL, name TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS search_date (rid INTEGER NOT NULL, name TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS audit_event (${resourceColumns});
  CREATE UNIQUE INDEX IF NOT EXISTS audit_event_key ON audit_event (type, id);
  CREATE INDEX IF NOT EXISTS audit_event_compartment ON audit_event (patient_id, type, sort_date, id);
  CREATE INDEX IF NOT EXISTS audit_event_time ON audit_event (last_updated);
  CREATE TABLE IF NOT EXISTS audit_token (rid INTEGER NOT NULL, name TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS audit_token_resource ON audit_token (rid, name, code);
  CREATE INDEX IF NOT EXISTS audit_token_value ON audit_token (name, code, rid);
  CREATE TABLE IF NOT EXISTS audit_date (rid INTEGER NOT NULL, name TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS audit_date_resource ON audit_date (rid, name);
  CREATE TABLE IF NOT EXISTS relationship (patient_id TEXT NOT NULL, organization_id TEXT NOT NULL, PRIMARY KEY (patient_id, organization_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, created INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created);
  CREATE TABLE IF NOT EXISTS invitation (
    code_hash TEXT PRIMARY KEY, patient_id TEXT NOT NULL, related_person_id TEXT NOT NULL UNIQUE, expires INTEGER NOT NULL,
    consent_ids TEXT
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS invitation_failure (account TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS invitation_failure_account ON invitation_failure (account, at);
`;

/** The statements that read and write one table of resources and its index tables. */
function resourceStatements(db: Database.Database, tables: SearchTables) {
  return {
    read: db.prepare<[string, string], { rid: number; json: string; version: number; last_updated: number }>(
      `SELECT rid, json, version, last_updated FROM ${tables.rows} WHERE type = ? AND id = ?`,
    ),
    upsert: db.prepare(
      `INSERT INTO ${tables.rows} (type, id, patient_id, version, last_updated, sort_date, sort_text, source, labels, json)
       VALUES (@type, @id, @patientId, @version, @lastUpdated, @sortDate, @sortText, @source, @labels, @json)
       ON CONFLICT (type, id) DO UPDATE SET patient_id = excluded.patient_id, version = excluded.version,
         last_updated = excluded.last_updated, sort_date = excluded.sort_date, sort_text = excluded.sort_text,
         source = excluded.source, labels = excluded.labels, json = excluded.json
       RETURNING rid`,
    ),
    labelled: db.prepare<[string, string], { id: string; labels: string; source: string | null }>(
      `SELECT id, labels, source FROM ${tables.rows} WHERE type = ? AND (labels <> '' OR source IN (SELECT value FROM json_each(?)))`,
    ),
    deleteTokens: db.prepare(`DELETE FROM ${tables.tokens} WHERE rid = ?`),
    deleteDates: db.prepare(`DELETE FROM ${tables.dates} WHERE rid = ?`),
    insertToken: db.prepare(`INSERT INTO ${tables.tokens} (rid, name, system, code) VALUES (?, ?, ?, ?)`),
    insertDate: db.prepare(`INSERT INTO ${tables.dates} (rid, name, start, end) VALUES (?, ?, ?, ?)`),
  };
}

/** Whether two statements are the same text with the same values. */
function sameSql(one: Sql, other: Sql): boolean {
  return (
    one.text === other.text &&
    one.values.length === other.values.length &&
    one.values.every((value, index) => value === other.values[index])
  );
}

/** The synchronous work, shared by the store and the transactions it opens. */
class SqliteDatabase {
  readonly db: Database.Database;
  readonly resources;
  readonly audit;
  readonly statements;
  /** Settles when the open transaction does; calls from outside it wait. */
  busy: Promise<void> | undefined;
  #authState: AuthStateStore | undefined;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.exec(schema);
    this.db.exec(searchIndexes);
    // A store made before invitations kept the permissions they were made for (`consent_ids`) gains the column.
    if (!(this.db.pragma('table_info(invitation)') as { name?: unknown }[]).some((column) => column.name === 'consent_ids'))
      this.db.exec('ALTER TABLE invitation ADD COLUMN consent_ids TEXT');
    this.resources = resourceStatements(this.db, resourceTables);
    this.audit = resourceStatements(this.db, tablesFor('sqlite', 'AuditEvent'));
    this.statements = {
      relate: this.db.prepare('INSERT OR IGNORE INTO relationship (patient_id, organization_id) VALUES (?, ?)'),
      related: this.db.prepare<[string, string], { found: number }>(
        'SELECT 1 AS found FROM relationship WHERE patient_id = ? AND organization_id = ?',
      ),
      getMeta: this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      findKey: this.db.prepare<[string, number], IdempotentWrite>(
        'SELECT fingerprint, type, id FROM idempotency WHERE key = ? AND created >= ?',
      ),
      // A key past its 24 hours is as good as gone: a new write may take it even before it is pruned.
      saveKey: this.db.prepare(
        `INSERT INTO idempotency (key, fingerprint, type, id, created) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET fingerprint = excluded.fingerprint, type = excluded.type, id = excluded.id, created = excluded.created
         WHERE idempotency.created < ?`,
      ),
      pruneKeys: this.db.prepare('DELETE FROM idempotency WHERE created < ?'),
      dropInvitation: this.db.prepare('DELETE FROM invitation WHERE related_person_id = ? OR expires < ?'),
      saveInvitation: this.db.prepare(
        `INSERT INTO invitation (code_hash, patient_id, related_person_id, expires, consent_ids)
         VALUES (@codeHash, @patientId, @relatedPersonId, @expires, @consentIds)`,
      ),
      findInvitation: this.db.prepare<
        [string],
        { patient_id: string; related_person_id: string; expires: number; consent_ids: string | null }
      >('SELECT patient_id, related_person_id, expires, consent_ids FROM invitation WHERE code_hash = ?'),
      invitationFor: this.db.prepare<[string], { expires: number }>('SELECT expires FROM invitation WHERE related_person_id = ?'),
      recordFailure: this.db.prepare('INSERT INTO invitation_failure (account, at) VALUES (?, ?)'),
      countFailures: this.db.prepare<[string, number], { failures: number }>(
        'SELECT count(*) AS failures FROM invitation_failure WHERE account = ? AND at >= ?',
      ),
      pruneFailures: this.db.prepare('DELETE FROM invitation_failure WHERE at < ?'),
    };
    this.#upgrade();
    this.#relabel();
    this.#indexChangedTypes();
  }

  /**
   * Indexes again, once, every row of each type whose search parameters
   * changed since the store was written (`indexShapes`, kept as
   * `search-parameters` in meta), with its sort keys: else a search by a
   * parameter added since would find nothing written before it. In pages by
   * row, in one transaction.
   */
  #indexChangedTypes(): void {
    const current = indexShapes();
    const recorded = this.statements.getMeta.get('search-parameters')?.value;
    // Written by this hub's parameters: nothing to do, and nothing written on opening.
    if (recorded === JSON.stringify(current)) return;
    const empty = this.db.prepare('SELECT 1 FROM resource LIMIT 1').get() === undefined;
    const types = empty ? [] : typesToIndexAgain(recorded, current);
    type Row = { rid: number; json: string; version: number; last_updated: number };
    this.db.transaction(() => {
      for (const type of types) {
        const table = type === 'AuditEvent' ? 'audit_event' : 'resource';
        const page = this.db.prepare<[string, number], Row>(
          `SELECT rid, json, version, last_updated FROM ${table} WHERE type = ? AND rid > ? ORDER BY rid LIMIT 2000`,
        );
        const sorts = this.db.prepare(`UPDATE ${table} SET sort_date = ?, sort_text = ? WHERE rid = ?`);
        let after = 0;
        for (let rows = page.all(type, after); rows.length > 0; rows = page.all(type, after)) {
          for (const row of rows) {
            const indexed = indexResource(JSON.parse(row.json) as FhirJson, row.version, row.last_updated);
            this.#index(this.#statementsFor(type), row.rid, indexed, true);
            sorts.run(indexed.sortDate, indexed.sortText, row.rid);
            after = row.rid;
          }
        }
      }
      this.statements.setMeta.run('search-parameters', JSON.stringify(current));
    })();
  }

  /**
   * Works every row's labels out again, once, when the rules that give them
   * changed since the store was written (`LABEL_RULES_VERSION`): its searches
   * filter on the labels kept with each row. In pages by row, in one
   * transaction; only rows whose labels differ are written.
   */
  #relabel(): void {
    const recorded = Number(this.statements.getMeta.get('labels-version')?.value ?? 1);
    if (recorded >= LABEL_RULES_VERSION) return;
    const page = this.db.prepare<[number], { rid: number; json: string; labels: string }>(
      'SELECT rid, json, labels FROM resource WHERE rid > ? ORDER BY rid LIMIT 2000',
    );
    const update = this.db.prepare('UPDATE resource SET labels = ? WHERE rid = ?');
    this.db.transaction(() => {
      let after = 0;
      for (let rows = page.all(after); rows.length > 0; rows = page.all(after)) {
        for (const row of rows) {
          const labels = storedLabels(JSON.parse(row.json) as FhirJson);
          if (labels !== row.labels) update.run(labels, row.rid);
          after = row.rid;
        }
      }
      this.statements.setMeta.run('labels-version', String(LABEL_RULES_VERSION));
    })();
  }

  /**
   * Brings a store written by an older hub up to date, once: re-indexes the
   * types whose search parameters changed, and moves AuditEvents to their own
   * tables.
   */
  #upgrade(): void {
    const reindexed: Record<string, string[]> = { '2': ['AuditEvent'], '3': ['RelatedPerson'] };
    const recorded = this.statements.getMeta.get('search-index-version')?.value;
    const empty = this.db.prepare('SELECT 1 FROM resource LIMIT 1').get() === undefined;
    // A store written before versions were recorded has version 1.
    const current = recorded === undefined ? (empty ? STORE_VERSION : 1) : Number(recorded);
    if (current >= STORE_VERSION) {
      this.statements.setMeta.run('search-index-version', String(STORE_VERSION));
      return;
    }
    type Row = { rid: number; json: string; version: number; last_updated: number };
    this.db.transaction(() => {
      for (let version = current + 1; version <= STORE_VERSION; version += 1) {
        for (const type of reindexed[String(version)] ?? []) {
          const rows = this.db.prepare('SELECT rid, json, version, last_updated FROM resource WHERE type = ?').all(type) as Row[];
          for (const row of rows)
            this.#index(this.resources, row.rid, indexResource(JSON.parse(row.json) as FhirJson, row.version, row.last_updated), true);
        }
        if (version === 4) {
          const events = this.db
            .prepare("SELECT rid, json, version, last_updated FROM resource WHERE type = 'AuditEvent' ORDER BY rid")
            .all() as Row[];
          for (const row of events) {
            this.#write(this.audit, indexResource(JSON.parse(row.json) as FhirJson, row.version, row.last_updated), false);
            this.resources.deleteTokens.run(row.rid);
            this.resources.deleteDates.run(row.rid);
          }
          this.db.prepare("DELETE FROM resource WHERE type = 'AuditEvent'").run();
        }
      }
      this.statements.setMeta.run('search-index-version', String(STORE_VERSION));
    })();
  }

  #statementsFor(type: string) {
    return type === 'AuditEvent' ? this.audit : this.resources;
  }

  read(type: string, id: string): StoredResource | undefined {
    const row = this.#statementsFor(type).read.get(type, id);
    return row
      ? {
          resource: JSON.parse(row.json) as FhirJson,
          versionId: String(row.version),
          lastUpdated: new Date(row.last_updated).toISOString(),
        }
      : undefined;
  }

  put(resource: FhirJson, lastUpdated: number): StoredResource {
    // The row and its index entries in one transaction: all or nothing, and one commit rather than one per statement.
    if (!this.db.inTransaction) return this.db.transaction(() => this.put(resource, lastUpdated))();
    const statements = this.#statementsFor(String(resource['resourceType']));
    const existing = statements.read.get(String(resource['resourceType']), String(resource['id']));
    const indexed = indexResource(resource, (existing?.version ?? 0) + 1, lastUpdated);
    this.#write(statements, indexed, existing !== undefined);
    return indexed.stored;
  }

  putInPlace(resource: FhirJson): StoredResource {
    if (!this.db.inTransaction) return this.db.transaction(() => this.putInPlace(resource))();
    const statements = this.#statementsFor(String(resource['resourceType']));
    const existing = statements.read.get(String(resource['resourceType']), String(resource['id']));
    if (!existing) throw new Error('Only a stored resource can be written in place');
    const indexed = indexResource(resource, existing.version, existing.last_updated);
    this.#write(statements, indexed, true);
    return indexed.stored;
  }

  #write(statements: ReturnType<typeof resourceStatements>, indexed: IndexedResource, replace: boolean): void {
    const { type, id, patientId, version, lastUpdated, sortDate, sortText, source, labels, json } = indexed;
    const row = { type, id, patientId, version, lastUpdated, sortDate, sortText, source, labels, json };
    const { rid } = statements.upsert.get(row) as { rid: number };
    this.#index(statements, rid, indexed, replace);
  }

  /** Writes a stored resource's search values (replacing any it had). */
  #index(statements: ReturnType<typeof resourceStatements>, rid: number, indexed: IndexedResource, replace: boolean): void {
    if (replace) {
      statements.deleteTokens.run(rid);
      statements.deleteDates.run(rid);
    }
    for (const token of indexed.tokens) statements.insertToken.run(rid, token.name, token.system, token.code);
    for (const date of indexed.dates) statements.insertDate.run(rid, date.name, date.start, date.end);
  }

  /** Removes AuditEvents recorded before `before`, with their index entries. */
  pruneAudit(before: number): number {
    return this.db.transaction(() => {
      const old = 'SELECT rid FROM audit_event WHERE last_updated < ?';
      this.db.prepare(`DELETE FROM audit_token WHERE rid IN (${old})`).run(before);
      this.db.prepare(`DELETE FROM audit_date WHERE rid IN (${old})`).run(before);
      return this.db.prepare('DELETE FROM audit_event WHERE last_updated < ?').run(before).changes;
    })();
  }

  search(query: SearchQuery): SearchResult {
    const statements = searchStatements(query, 'sqlite');
    const count = (sql: Sql) => (this.#prepared(sql.text).get(...sql.values) as { n: number }).n;
    const rows = this.#prepared(statements.page.text).all(...statements.page.values) as {
      id: string;
      json: string;
      k: number | string | null;
    }[];
    // better-sqlite3 is synchronous: nothing is written between these statements, so a count the page already
    // answers is not asked again. A first page that holds every match (the page's conditions are the count's) is
    // the total; a search with no criteria of its own counts its matches as it counts the visible items.
    const total = query.after === undefined && rows.length <= query.count ? rows.length : count(statements.total);
    const visible = (sql: Sql) => (sameSql(sql, statements.total) ? total : count(sql));
    const withheld = statements.withheld ? count(statements.withheld.available) - visible(statements.withheld.visible) : 0;
    const page = rows.slice(0, query.count);
    const last = page.at(-1);
    return searchResult(
      page.map((row) => new StoredJson(query.type, row.id, row.json)),
      total,
      rows.length > query.count && last ? { key: last.k, id: last.id } : undefined,
      withheld,
    );
  }

  compartment(query: CompartmentQuery): CompartmentResult {
    const sql = compartmentStatement(query, 'sqlite');
    return compartmentResult(query, this.#prepared(sql.text).all(...sql.values) as { type: string; id: string; json: string | null }[]);
  }

  /** Searches' statements, prepared once: preparing costs more than running one of a resident's searches. */
  readonly #statementCache = new Map<string, Database.Statement>();

  #prepared(sql: string): Database.Statement {
    let statement = this.#statementCache.get(sql);
    if (!statement) {
      // Searches differ in their criteria, not in their values: a few hundred shapes cover a hub's traffic.
      if (this.#statementCache.size >= 500) this.#statementCache.clear();
      statement = this.db.prepare(sql);
      this.#statementCache.set(sql, statement);
    }
    return statement;
  }

  /** A stored resource's text, without parsing it. */
  readText(type: string, id: string): string | undefined {
    return this.#statementsFor(type).read.get(type, id)?.json;
  }

  authState(): AuthStateStore {
    this.#authState ??= sqliteAuthState(this.db);
    return this.#authState;
  }
}

export class SqliteStore implements HubStore {
  readonly kind = 'sqlite';
  readonly #database: SqliteDatabase;
  /** True for the store a transaction hands its work. */
  readonly #inTransaction: boolean;

  /**
   * Opens (creating if need be) the SQLite file at `path`, or `:memory:`.
   * (`transactionOf` is the store's own: the view of it a transaction hands its work.)
   */
  constructor(path: string, transactionOf?: SqliteStore) {
    this.#database = transactionOf ? transactionOf.#database : new SqliteDatabase(path);
    this.#inTransaction = transactionOf !== undefined;
  }

  /** The SQLite connection, for tools that read the file directly (benchmarks). */
  get db(): Database.Database {
    return this.#database.db;
  }

  /** Whether a transaction this store is not part of holds the connection. */
  #blocked(): boolean {
    return !this.#inTransaction && this.#database.busy !== undefined;
  }

  /** Waits while a transaction this store is not part of holds the connection. */
  async #turn(): Promise<void> {
    while (!this.#inTransaction && this.#database.busy) await this.#database.busy;
  }

  async read(type: string, id: string): Promise<StoredResource | undefined> {
    if (this.#blocked()) await this.#turn();
    return this.#database.read(type, id);
  }

  async readReferences(references: Iterable<string>): Promise<StoredJson[]> {
    if (this.#blocked()) await this.#turn();
    const found: StoredJson[] = [];
    for (const [type, id] of referencePairs(references)) {
      const json = this.#database.readText(type, id);
      if (json !== undefined) found.push(new StoredJson(type, id, json));
    }
    return found;
  }

  async put(resource: FhirJson, lastUpdated = Date.now()): Promise<StoredResource> {
    if (this.#blocked()) await this.#turn();
    return this.#database.put(resource, lastUpdated);
  }

  async putInPlace(resource: FhirJson): Promise<StoredResource> {
    if (this.#blocked()) await this.#turn();
    return this.#database.putInPlace(resource);
  }

  async putMany(resources: readonly FhirJson[], lastUpdated: number): Promise<void> {
    if (this.#blocked()) await this.#turn();
    const write = () => {
      for (const resource of resources) this.#database.put(resource, lastUpdated);
    };
    if (this.#database.db.inTransaction) write();
    else this.#database.db.transaction(write)();
  }

  async pruneAuditEvents(before: number): Promise<number> {
    if (this.#blocked()) await this.#turn();
    return this.#database.pruneAudit(before);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    if (this.#blocked()) await this.#turn();
    return this.#database.search(query);
  }

  async compartment(query: CompartmentQuery): Promise<CompartmentResult> {
    if (this.#blocked()) await this.#turn();
    return this.#database.compartment(query);
  }

  async organizationByOds(odsCode: string): Promise<FhirJson | undefined> {
    if (this.#blocked()) await this.#turn();
    return this.#database.search(organizationByOdsQuery(odsCode)).resources[0];
  }

  async labelledOfType(type: string, sources: readonly string[] = []): Promise<LabelledRow[]> {
    if (this.#blocked()) await this.#turn();
    return this.#database.resources.labelled.all(type, JSON.stringify(sources));
  }

  async relate(patientId: string, organizationId: string): Promise<void> {
    if (this.#blocked()) await this.#turn();
    this.#database.statements.relate.run(patientId, organizationId);
  }

  async relateMany(relationships: readonly Relationship[]): Promise<void> {
    if (this.#blocked()) await this.#turn();
    for (const { patientId, organizationId } of relationships) this.#database.statements.relate.run(patientId, organizationId);
  }

  async isRelated(patientId: string, organizationId: string): Promise<boolean> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.related.get(patientId, organizationId) !== undefined;
  }

  async findIdempotentWrite(key: string, now = Date.now()): Promise<IdempotentWrite | undefined> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.findKey.get(key, now - IDEMPOTENCY_KEY_LIFETIME_MS);
  }

  async recordIdempotentWrite(key: string, fingerprint: string, type: string, id: string, now = Date.now()): Promise<boolean> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.saveKey.run(key, fingerprint, type, id, now, now - IDEMPOTENCY_KEY_LIFETIME_MS).changes === 1;
  }

  /** Cheap: the `created` index finds them. */
  async pruneIdempotentWrites(now = Date.now()): Promise<number> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.pruneKeys.run(now - IDEMPOTENCY_KEY_LIFETIME_MS).changes;
  }

  async saveInvitation(invitation: StoredInvitation, now = Date.now()): Promise<void> {
    if (this.#blocked()) await this.#turn();
    const { statements, db } = this.#database;
    const save = () => {
      statements.dropInvitation.run(invitation.relatedPersonId, now);
      const { codeHash, patientId, relatedPersonId, expires, consentIds } = invitation;
      statements.saveInvitation.run({
        codeHash,
        patientId,
        relatedPersonId,
        expires,
        consentIds: consentIds === undefined ? null : JSON.stringify(consentIds),
      });
    };
    if (db.inTransaction) save();
    else db.transaction(save)();
  }

  async findInvitation(codeHash: string): Promise<StoredInvitation | undefined> {
    if (this.#blocked()) await this.#turn();
    const row = this.#database.statements.findInvitation.get(codeHash);
    return row
      ? {
          codeHash,
          patientId: row.patient_id,
          relatedPersonId: row.related_person_id,
          expires: row.expires,
          ...consentIdsOf(row.consent_ids),
        }
      : undefined;
  }

  async invitationExpiry(relatedPersonId: string): Promise<number | undefined> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.invitationFor.get(relatedPersonId)?.expires;
  }

  async dropInvitation(relatedPersonId: string, now = Date.now()): Promise<void> {
    if (this.#blocked()) await this.#turn();
    this.#database.statements.dropInvitation.run(relatedPersonId, now);
  }

  async recordInvitationFailure(account: string, at: number, since: number): Promise<number> {
    if (this.#blocked()) await this.#turn();
    const { statements } = this.#database;
    statements.pruneFailures.run(since);
    statements.recordFailure.run(account, at);
    return statements.countFailures.get(account, since)?.failures ?? 0;
  }

  async invitationFailures(account: string, since: number): Promise<number> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.countFailures.get(account, since)?.failures ?? 0;
  }

  async meta(key: string): Promise<string | undefined> {
    if (this.#blocked()) await this.#turn();
    return this.#database.statements.getMeta.get(key)?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    if (this.#blocked()) await this.#turn();
    this.#database.statements.setMeta.run(key, value);
  }

  async transaction<T>(work: (store: HubStore) => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work(this);
    // Waiting and taking the connection happen in one step (no await between), so two callers cannot both take it.
    while (this.#database.busy) await this.#database.busy;
    let release = () => {};
    this.#database.busy = new Promise<void>((resolve) => (release = resolve));
    const { db } = this.#database;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(new SqliteStore('', this));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.#database.busy = undefined;
      release();
    }
  }

  /**
   * Loads a new store in bulk: search indexes are dropped for the load and
   * rebuilt after it, and the journal is not synced until the end. Only for an
   * empty store: if the load fails the file is not worth keeping.
   */
  async bulkLoad(load: (store: HubStore) => Promise<void>): Promise<void> {
    if (this.#blocked()) await this.#turn();
    const { db } = this.#database;
    for (const name of searchIndexNames) db.exec(`DROP INDEX IF EXISTS ${name}`);
    db.pragma('synchronous = OFF');
    try {
      await load(this);
    } finally {
      db.exec(searchIndexes);
      db.pragma('synchronous = NORMAL');
      db.exec('ANALYZE');
    }
  }

  authState(): AuthStateStore {
    return this.#database.authState();
  }

  async query<Row = Record<string, unknown>>(sql: string, values: readonly unknown[] = []): Promise<Row[]> {
    if (this.#blocked()) await this.#turn();
    const statement = this.#database.db.prepare(sql);
    if (statement.reader) return statement.all(...values) as Row[];
    statement.run(...values);
    return [];
  }

  async close(): Promise<void> {
    if (this.#blocked()) await this.#turn();
    this.#database.db.close();
  }
}
