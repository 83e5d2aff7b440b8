/**
 * The hub's store: FHIR resources in SQLite (better-sqlite3), with the values
 * the contract's search parameters read indexed beside them. Every clinical
 * search is scoped to one resident and answered from the
 * `(patient_id, type, sort_date, id)` index, so it costs the same in a borough
 * of 2,000 residents as in one of 206,000.
 */
import Database from 'better-sqlite3';
import { dateCondition, type DateCriterion } from './fhir-date.js';
import { availableSql, notWithheldSql, storedLabels, type Visibility } from '../policy/visibility.js';
import { compartmentOf, searchDefinitions, type FhirJson, type Token } from './search-parameters.js';

export { isVisible, type Visibility } from '../policy/visibility.js';

/** The store's columns the visibility rules read. */
const columns = { source: 'r.source', labels: 'r.labels' };

/** How long a create's `X-Request-ID` is remembered: a repeat within it returns the original, after it is a new request. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Raised when a search parameter's values change: 2 indexed every resident an AuditEvent names, and its outcome; 3 RelatedPerson.identifier. */
const SEARCH_INDEX_VERSION = 3;

export interface StoredResource {
  resource: FhirJson;
  versionId: string;
  lastUpdated: string;
}

/** One search parameter's values: a resource matches when any value matches (FHIR OR). */
export type Criterion =
  | { kind: 'token'; name: string; values: Token[]; anySystem: boolean[] }
  | { kind: 'string'; name: string; prefixes: string[] }
  | { kind: 'date'; name: string; criteria: DateCriterion[] }
  | { kind: 'lastUpdated'; criteria: DateCriterion[] }
  | { kind: 'id'; ids: string[] }
  /** Residents this organisation has a care relationship with. */
  | { kind: 'relatedTo'; organizationId: string };

export interface SearchQuery {
  type: string;
  patientId?: string | undefined;
  criteria: Criterion[];
  sort: { by: 'date' | 'text' | 'lastUpdated'; descending: boolean };
  count: number;
  after?: PageCursor | undefined;
  visibility: Visibility;
}

export interface PageCursor {
  key: number | string | null;
  id: string;
}

export interface SearchResult {
  resources: FhirJson[];
  total: number;
  next: PageCursor | undefined;
  /** How many matching items the visibility rules left out (never which). */
  withheld: number;
}

/** Search indexes: dropped while a new store is bulk-loaded, and built once at the end (much faster than row by row). */
const searchIndexes = `
  CREATE INDEX IF NOT EXISTS resource_compartment ON resource (patient_id, type, sort_date, id);
  CREATE INDEX IF NOT EXISTS resource_text ON resource (type, sort_text, id);
  CREATE INDEX IF NOT EXISTS search_token_resource ON search_token (rid, name, code);
  CREATE INDEX IF NOT EXISTS search_token_value ON search_token (name, code, rid);
  CREATE INDEX IF NOT EXISTS search_date_resource ON search_date (rid, name);
`;
const searchIndexNames = ['resource_compartment', 'resource_text', 'search_token_resource', 'search_token_value', 'search_date_resource'];

const schema = `
  PRAGMA journal_mode = WAL;
  PRAGMA synchronous = NORMAL;
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS resource (
    rid INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT NOT NULL, patient_id TEXT, version INTEGER NOT NULL,
    last_updated INTEGER NOT NULL, sort_date INTEGER, sort_text TEXT, source TEXT, labels TEXT NOT NULL, json TEXT NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS resource_key ON resource (type, id);
  CREATE TABLE IF NOT EXISTS search_token (rid INTEGER NOT NULL, name TEXT NOT NULL, system TEXT NOT NULL, code TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS search_date (rid INTEGER NOT NULL, name TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS relationship (patient_id TEXT NOT NULL, organization_id TEXT NOT NULL, PRIMARY KEY (patient_id, organization_id)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, created INTEGER NOT NULL) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS idempotency_created ON idempotency (created);
  CREATE TABLE IF NOT EXISTS invitation (
    code_hash TEXT PRIMARY KEY, patient_id TEXT NOT NULL, related_person_id TEXT NOT NULL UNIQUE, expires INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS invitation_failure (account TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX IF NOT EXISTS invitation_failure_account ON invitation_failure (account, at);
`;

/** An invitation to act for a resident: only the hash of its code is kept. */
export interface StoredInvitation {
  codeHash: string;
  patientId: string;
  relatedPersonId: string;
  /** Milliseconds since the epoch. */
  expires: number;
}

export class HubStore {
  readonly db: Database.Database;
  readonly #statements;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.exec(schema);
    this.db.exec(searchIndexes);
    this.#statements = {
      read: this.db.prepare<[string, string], { rid: number; json: string; version: number; last_updated: number }>(
        'SELECT rid, json, version, last_updated FROM resource WHERE type = ? AND id = ?',
      ),
      upsert: this.db.prepare(
        `INSERT INTO resource (type, id, patient_id, version, last_updated, sort_date, sort_text, source, labels, json)
         VALUES (@type, @id, @patientId, @version, @lastUpdated, @sortDate, @sortText, @source, @labels, @json)
         ON CONFLICT (type, id) DO UPDATE SET patient_id = excluded.patient_id, version = excluded.version,
           last_updated = excluded.last_updated, sort_date = excluded.sort_date, sort_text = excluded.sort_text,
           source = excluded.source, labels = excluded.labels, json = excluded.json
         RETURNING rid`,
      ),
      deleteTokens: this.db.prepare('DELETE FROM search_token WHERE rid = ?'),
      deleteDates: this.db.prepare('DELETE FROM search_date WHERE rid = ?'),
      insertToken: this.db.prepare('INSERT INTO search_token (rid, name, system, code) VALUES (?, ?, ?, ?)'),
      insertDate: this.db.prepare('INSERT INTO search_date (rid, name, start, end) VALUES (?, ?, ?, ?)'),
      relate: this.db.prepare('INSERT OR IGNORE INTO relationship (patient_id, organization_id) VALUES (?, ?)'),
      related: this.db.prepare<[string, string], { found: number }>(
        'SELECT 1 AS found FROM relationship WHERE patient_id = ? AND organization_id = ?',
      ),
      getMeta: this.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
      setMeta: this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      findKey: this.db.prepare<[string, number], { fingerprint: string; type: string; id: string }>(
        'SELECT fingerprint, type, id FROM idempotency WHERE key = ? AND created >= ?',
      ),
      saveKey: this.db.prepare('INSERT INTO idempotency (key, fingerprint, type, id, created) VALUES (?, ?, ?, ?, ?)'),
      pruneKeys: this.db.prepare('DELETE FROM idempotency WHERE created < ?'),
      dropInvitation: this.db.prepare('DELETE FROM invitation WHERE related_person_id = ? OR expires < ?'),
      saveInvitation: this.db.prepare(
        'INSERT INTO invitation (code_hash, patient_id, related_person_id, expires) VALUES (@codeHash, @patientId, @relatedPersonId, @expires)',
      ),
      findInvitation: this.db.prepare<[string], { patient_id: string; related_person_id: string; expires: number }>(
        'SELECT patient_id, related_person_id, expires FROM invitation WHERE code_hash = ?',
      ),
      invitationFor: this.db.prepare<[string], { expires: number }>('SELECT expires FROM invitation WHERE related_person_id = ?'),
      recordFailure: this.db.prepare('INSERT INTO invitation_failure (account, at) VALUES (?, ?)'),
      countFailures: this.db.prepare<[string, number], { failures: number }>(
        'SELECT count(*) AS failures FROM invitation_failure WHERE account = ? AND at >= ?',
      ),
      pruneFailures: this.db.prepare('DELETE FROM invitation_failure WHERE at < ?'),
    };
    this.#upgradeIndexes();
  }

  /**
   * Re-indexes the types whose search parameters changed since the store was
   * written (an older database opened by a newer hub), once.
   */
  #upgradeIndexes(): void {
    const reindexed: Record<string, string[]> = { '2': ['AuditEvent'], '3': ['RelatedPerson'] };
    const recorded = this.meta('search-index-version');
    const empty = this.db.prepare('SELECT 1 FROM resource LIMIT 1').get() === undefined;
    // A store written before versions were recorded has version 1.
    const current = recorded === undefined ? (empty ? SEARCH_INDEX_VERSION : 1) : Number(recorded);
    if (current >= SEARCH_INDEX_VERSION) {
      this.setMeta('search-index-version', String(SEARCH_INDEX_VERSION));
      return;
    }
    this.transaction(() => {
      for (let version = current + 1; version <= SEARCH_INDEX_VERSION; version += 1)
        for (const type of reindexed[String(version)] ?? []) {
          const rows = this.db.prepare('SELECT rid, json FROM resource WHERE type = ?').all(type) as { rid: number; json: string }[];
          for (const row of rows) this.#indexValues(row.rid, JSON.parse(row.json) as FhirJson, true);
        }
      this.setMeta('search-index-version', String(SEARCH_INDEX_VERSION));
    });
  }

  close(): void {
    this.db.close();
  }

  meta(key: string): string | undefined {
    return this.#statements.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.#statements.setMeta.run(key, value);
  }

  /**
   * Loads a new store in bulk: search indexes are dropped for the load and
   * rebuilt after it, and the journal is not synced until the end. Only for an
   * empty store: if the load fails the file is not worth keeping.
   */
  bulkLoad(load: () => void): void {
    for (const name of searchIndexNames) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
    this.db.pragma('synchronous = OFF');
    try {
      load();
    } finally {
      this.db.exec(searchIndexes);
      this.db.pragma('synchronous = NORMAL');
      this.db.exec('ANALYZE');
    }
  }

  /** Runs `work` in one transaction (much faster for bulk writes). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  read(type: string, id: string): StoredResource | undefined {
    const row = this.#statements.read.get(type, id);
    return row
      ? {
          resource: JSON.parse(row.json) as FhirJson,
          versionId: String(row.version),
          lastUpdated: new Date(row.last_updated).toISOString(),
        }
      : undefined;
  }

  /**
   * Writes a resource (a new version if it exists), stamping `meta.versionId`
   * and `meta.lastUpdated`, and indexes its search values.
   */
  put(resource: FhirJson, lastUpdated = Date.now()): StoredResource {
    const type = String(resource['resourceType']);
    const id = String(resource['id']);
    const existing = this.#statements.read.get(type, id);
    const version = (existing?.version ?? 0) + 1;
    const meta: FhirJson & { versionId: string; lastUpdated: string } = {
      ...(resource['meta'] as FhirJson | undefined),
      versionId: String(version),
      lastUpdated: new Date(lastUpdated).toISOString(),
    };
    const stored = { ...resource, meta };
    const definition = searchDefinitions[type];
    const { rid } = this.#statements.upsert.get({
      type,
      id,
      patientId: type === 'AuditEvent' ? auditedPatient(stored) : (compartmentOf(stored) ?? null),
      version,
      lastUpdated,
      sortDate: definition?.sortDate?.value(stored) ?? null,
      sortText: definition?.sortText?.value(stored) ?? null,
      source: typeof meta['source'] === 'string' ? meta['source'] : null,
      labels: storedLabels(stored),
      json: JSON.stringify(stored),
    }) as { rid: number };
    this.#indexValues(rid, stored, existing !== undefined);
    return { resource: stored, versionId: meta.versionId, lastUpdated: meta.lastUpdated };
  }

  /** Writes a stored resource's search values (replacing any it had). */
  #indexValues(rid: number, stored: FhirJson, replace: boolean): void {
    if (replace) {
      this.#statements.deleteTokens.run(rid);
      this.#statements.deleteDates.run(rid);
    }
    for (const [name, parameter] of Object.entries(searchDefinitions[String(stored['resourceType'])]?.parameters ?? {})) {
      if (parameter.kind === 'date') {
        for (const range of parameter.values(stored)) this.#statements.insertDate.run(rid, name, range.start, range.end);
      } else {
        for (const value of parameter.values(stored)) this.#statements.insertToken.run(rid, name, value.system, value.code);
      }
    }
  }

  relate(patientId: string, organizationId: string): void {
    this.#statements.relate.run(patientId, organizationId);
  }

  isRelated(patientId: string, organizationId: string): boolean {
    return this.#statements.related.get(patientId, organizationId) !== undefined;
  }

  /**
   * The earlier result of an idempotent write with this key, if there was one
   * in the last 24 hours (the contract keeps keys that long; an older one is
   * as good as gone even before it is pruned).
   */
  findIdempotentWrite(key: string, now = Date.now()): { fingerprint: string; type: string; id: string } | undefined {
    return this.#statements.findKey.get(key, now - IDEMPOTENCY_KEY_LIFETIME_MS);
  }

  recordIdempotentWrite(key: string, fingerprint: string, type: string, id: string, now = Date.now()): void {
    this.#statements.saveKey.run(key, fingerprint, type, id, now);
  }

  /** Forgets idempotency keys older than 24 hours; returns how many went. Cheap: the `created` index finds them. */
  pruneIdempotentWrites(now = Date.now()): number {
    return this.#statements.pruneKeys.run(now - IDEMPOTENCY_KEY_LIFETIME_MS).changes;
  }

  /** Keeps an invitation, replacing any earlier one for the same person (and dropping expired ones). */
  saveInvitation(invitation: StoredInvitation, now = Date.now()): void {
    this.transaction(() => {
      this.#statements.dropInvitation.run(invitation.relatedPersonId, now);
      this.#statements.saveInvitation.run(invitation);
    });
  }

  /** The invitation with this code hash, if there is one (expired or not: the caller checks). */
  findInvitation(codeHash: string): StoredInvitation | undefined {
    const row = this.#statements.findInvitation.get(codeHash);
    return row ? { codeHash, patientId: row.patient_id, relatedPersonId: row.related_person_id, expires: row.expires } : undefined;
  }

  /** When the open invitation for this person expires, if they have one. */
  invitationExpiry(relatedPersonId: string): number | undefined {
    return this.#statements.invitationFor.get(relatedPersonId)?.expires;
  }

  /** Cancels any invitation for this person (used, replaced or withdrawn), and drops expired ones. */
  dropInvitation(relatedPersonId: string, now = Date.now()): void {
    this.#statements.dropInvitation.run(relatedPersonId, now);
  }

  /** Records a code that did not work, for this account; returns how many since `since` (this one included). */
  recordInvitationFailure(account: string, at: number, since: number): number {
    this.#statements.pruneFailures.run(since);
    this.#statements.recordFailure.run(account, at);
    return this.invitationFailures(account, since);
  }

  invitationFailures(account: string, since: number): number {
    return this.#statements.countFailures.get(account, since)?.failures ?? 0;
  }

  search(query: SearchQuery): SearchResult {
    const filters: string[] = ['r.type = ?'];
    const values: unknown[] = [query.type];
    if (query.patientId !== undefined) {
      filters.push('r.patient_id = ?');
      values.push(query.patientId);
    }
    // Within one resident's records the compartment index leads and each criterion is checked per row;
    // across the borough (finding a patient, the directory) the criterion's own index leads.
    const scoped = query.patientId !== undefined;
    for (const criterion of query.criteria) addCriterion(criterion, scoped, filters, values);
    const available = availableSql(query.visibility, columns);
    filters.push(...available.conditions);
    values.push(...available.values);
    const { conditions: visibilityFilters, values: visibilityValues } = notWithheldSql(query.visibility, columns);

    const where = [...filters, ...visibilityFilters].join(' AND ');
    const whereValues = [...values, ...visibilityValues];
    const count = (conditions: string, conditionValues: unknown[]) =>
      (this.db.prepare(`SELECT COUNT(*) AS n FROM resource r WHERE ${conditions}`).get(...conditionValues) as { n: number }).n;
    const total = count(where, whereValues);
    const withheld = visibilityFilters.length === 0 ? 0 : this.#withheld(query, visibilityFilters, visibilityValues);

    const key =
      query.sort.by === 'date'
        ? 'COALESCE(r.sort_date, -9007199254740991)'
        : query.sort.by === 'text'
          ? "COALESCE(r.sort_text, '')"
          : 'r.last_updated';
    const direction = query.sort.descending ? 'DESC' : 'ASC';
    const comparison = query.sort.descending ? '<' : '>';
    const pageFilters = [where];
    const pageValues = [...whereValues];
    if (query.after) {
      pageFilters.push(`(${key} ${comparison} ? OR (${key} = ? AND r.id ${comparison} ?))`);
      pageValues.push(query.after.key, query.after.key, query.after.id);
    }
    const rows = this.db
      .prepare(
        `SELECT r.id AS id, r.json AS json, ${key} AS k FROM resource r WHERE ${pageFilters.join(' AND ')} ORDER BY k ${direction}, r.id ${direction} LIMIT ?`,
      )
      .all(...pageValues, query.count + 1) as { id: string; json: string; k: number | string | null }[];
    const page = rows.slice(0, query.count);
    const last = page.at(-1);
    return {
      resources: page.map((row) => JSON.parse(row.json) as FhirJson),
      total,
      next: rows.length > query.count && last ? { key: last.k, id: last.id } : undefined,
      withheld,
    };
  }

  /**
   * How many of the resident's items of this type the visibility rules leave
   * out — whatever the search's own criteria, so that whether something was
   * withheld never answers a question about what it was (a code, a date).
   * Outside a resident's compartment nothing is counted.
   */
  #withheld(query: SearchQuery, visibilityFilters: string[], visibilityValues: unknown[]): number {
    if (query.patientId === undefined) return 0;
    const available = availableSql(query.visibility, columns);
    const scope = ['r.type = ?', 'r.patient_id = ?', ...available.conditions];
    const scopeValues: unknown[] = [query.type, query.patientId, ...available.values];
    const count = (conditions: string[], conditionValues: unknown[]) =>
      (this.db.prepare(`SELECT COUNT(*) AS n FROM resource r WHERE ${conditions.join(' AND ')}`).get(...conditionValues) as { n: number })
        .n;
    return count(scope, scopeValues) - count([...scope, ...visibilityFilters], [...scopeValues, ...visibilityValues]);
  }

  /** The Organization with this ODS code, if the directory has it. */
  organizationByOds(odsCode: string): FhirJson | undefined {
    return this.search({
      type: 'Organization',
      criteria: [
        {
          kind: 'token',
          name: 'identifier',
          values: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', code: odsCode }],
          anySystem: [false],
        },
      ],
      sort: { by: 'text', descending: false },
      count: 1,
      visibility: { hiddenLabels: [] },
    }).resources[0];
  }

  /** Reads several resources by reference (`Type/id`), skipping any that don't exist. */
  readReferences(references: Iterable<string>): FhirJson[] {
    const found: FhirJson[] = [];
    for (const reference of new Set(references)) {
      const [type, id] = reference.split('/');
      if (!type || !id) continue;
      const stored = this.read(type, id);
      if (stored) found.push(stored.resource);
    }
    return found;
  }
}

function addCriterion(criterion: Criterion, scoped: boolean, filters: string[], values: unknown[]): void {
  const tokenFilter = (condition: string) =>
    scoped
      ? `EXISTS (SELECT 1 FROM search_token t WHERE t.rid = r.rid AND t.name = ? AND (${condition}))`
      : `r.rid IN (SELECT t.rid FROM search_token t WHERE t.name = ? AND (${condition}))`;
  switch (criterion.kind) {
    case 'id':
      filters.push(`r.id IN (${criterion.ids.map(() => '?').join(', ')})`);
      values.push(...criterion.ids);
      return;
    case 'relatedTo':
      filters.push('r.id IN (SELECT patient_id FROM relationship WHERE organization_id = ?)');
      values.push(criterion.organizationId);
      return;
    case 'token': {
      const alternatives = criterion.values.map((token, index) =>
        criterion.anySystem[index] ? 't.code = ?' : token.code === '' ? 't.system = ?' : '(t.system = ? AND t.code = ?)',
      );
      filters.push(tokenFilter(alternatives.join(' OR ')));
      values.push(criterion.name);
      criterion.values.forEach((token, index) => {
        if (criterion.anySystem[index]) values.push(token.code);
        else if (token.code === '') values.push(token.system);
        else values.push(token.system, token.code);
      });
      return;
    }
    case 'string': {
      const alternatives = criterion.prefixes.map(() => '(t.code >= ? AND t.code < ?)');
      filters.push(tokenFilter(alternatives.join(' OR ')));
      values.push(criterion.name);
      for (const prefix of criterion.prefixes) values.push(prefix, `${prefix}\uffff`);
      return;
    }
    case 'date':
      // Each criterion must hold (FHIR AND over repeats); any of the resource's dates may satisfy it.
      for (const dateCriterion of criterion.criteria) {
        const condition = dateCondition(dateCriterion, { start: 'd.start', end: 'd.end' });
        filters.push(`EXISTS (SELECT 1 FROM search_date d WHERE d.rid = r.rid AND d.name = ? AND ${condition.sql})`);
        values.push(criterion.name, ...condition.values);
      }
      return;
    case 'lastUpdated':
      for (const dateCriterion of criterion.criteria) {
        const condition = dateCondition(dateCriterion, { start: 'r.last_updated', end: 'r.last_updated' });
        filters.push(condition.sql);
        values.push(...condition.values);
      }
      return;
  }
}

/** An AuditEvent belongs to the resident whose record was looked at (its Patient entity). */
function auditedPatient(event: FhirJson): string | null {
  for (const entity of (event['entity'] as { what?: { reference?: unknown } }[] | undefined) ?? []) {
    const reference = entity.what?.reference;
    if (typeof reference === 'string' && reference.startsWith('Patient/')) return reference.slice('Patient/'.length);
  }
  return null;
}
