/**
 * A store search as SQL, written once for both databases. Within one
 * resident's records the compartment index `(patient_id, type, sort_date, id)`
 * leads and each criterion is checked per row; across the borough (finding a
 * patient, the directory) the criterion's own index leads. The two dialects
 * differ only in a few functions and, in PostgreSQL, in joining the index
 * tables on the partition key so that a resident's search reads one partition.
 */
import { dateCondition } from './fhir-date.js';
import { availableSql, notWithheldSql } from '../policy/visibility.js';
import { OTHER_COMPARTMENT, SHARED_COMPARTMENT_TYPES } from './search-parameters.js';
import type { CompartmentQuery, Criterion, SearchQuery } from './store.js';

export type Dialect = 'sqlite' | 'postgres';

/** SQL text with `?` placeholders, and its values in order. */
export interface Sql {
  text: string;
  values: unknown[];
}

/** The tables a search reads: resources and their token and date index entries. */
export interface SearchTables {
  rows: string;
  tokens: string;
  dates: string;
  /** The column the index tables share with the rows table to find their partition (PostgreSQL), if any. */
  partitionKey?: string;
}

export const resourceTables: SearchTables = { rows: 'resource', tokens: 'search_token', dates: 'search_date' };
const auditTables: SearchTables = { rows: 'audit_event', tokens: 'audit_token', dates: 'audit_date' };

/**
 * The tables a search of this type reads in this database: AuditEvents have their own (by month, in
 * PostgreSQL); everything else is in `resource` (by resident, in PostgreSQL).
 */
export function tablesFor(dialect: Dialect, type: string): SearchTables {
  const tables = type === 'AuditEvent' ? auditTables : resourceTables;
  if (dialect === 'sqlite') return tables;
  return { ...tables, partitionKey: type === 'AuditEvent' ? 'last_updated' : 'patient_id' };
}

/**
 * The rows a resident's search or compartment read starts from: those kept under them (`patient_id`) and, for a type
 * whose items may name several residents (`SHARED_COMPARTMENT_TYPES`), those kept under another resident that name
 * them too (found by their `OTHER_COMPARTMENT` index entries; in PostgreSQL each fetched from its own partition). Other
 * types read the compartment index alone, as before. `shared` says whether rows may sit in another's partition.
 */
interface Scope {
  from: Sql;
  conditions: string[];
  values: unknown[];
  shared: boolean;
}

function residentScope(patientId: string, types: readonly string[], tables: SearchTables): Scope {
  if (!types.some((type) => SHARED_COMPARTMENT_TYPES.has(type)))
    return { from: { text: `${tables.rows} r`, values: [] }, conditions: ['r.patient_id = ?'], values: [patientId], shared: false };
  // In PostgreSQL each row named is fetched by its primary key in its own partition, one index entry at a time
  // (`OFFSET 0` keeps the lookup per entry): joined instead, a plan may read every partition whole.
  const named = tables.partitionKey
    ? `SELECT x.* FROM ${tables.tokens} t CROSS JOIN LATERAL (SELECT * FROM ${tables.rows} x WHERE x.patient_id = t.patient_id AND x.rid = t.rid OFFSET 0) x WHERE t.name = ? AND t.system = '' AND t.code = ?`
    : `SELECT * FROM ${tables.rows} WHERE rid IN (SELECT t.rid FROM ${tables.tokens} t WHERE t.name = ? AND t.system = '' AND t.code = ?)`;
  return {
    from: {
      text: `(SELECT * FROM ${tables.rows} WHERE patient_id = ? UNION ALL ${named}) r`,
      values: [patientId, OTHER_COMPARTMENT, patientId],
    },
    conditions: [],
    values: [],
    shared: true,
  };
}

/** The store's columns the visibility rules read. */
const columns = { source: 'r.source', labels: 'r.labels', type: 'r.type' };

export interface SearchStatements {
  /** How many match (visible ones). */
  total: Sql;
  /** For a resident's search, how many of their items of the type are available, and how many of those visible. */
  withheld: { available: Sql; visible: Sql } | undefined;
  /** The page: `id`, `json` and the sort key `k`, one row more than asked for (to know there is a next page). */
  page: Sql;
}

export function searchStatements(
  query: SearchQuery,
  dialect: Dialect,
  tables: SearchTables = tablesFor(dialect, query.type),
): SearchStatements {
  const scope = query.patientId === undefined ? undefined : residentScope(query.patientId, [query.type], tables);
  const from = scope?.from ?? { text: `${tables.rows} r`, values: [] };
  const filters: string[] = ['r.type = ?', ...(scope?.conditions ?? [])];
  const values: unknown[] = [query.type, ...(scope?.values ?? [])];
  const shared = scope?.shared ?? false;
  for (const criterion of query.criteria) addCriterion(criterion, query.type, query.patientId, shared, tables, filters, values);
  const available = availableSql(query.visibility, columns);
  filters.push(...available.conditions);
  values.push(...available.values);
  const { conditions: visibilityFilters, values: visibilityValues } = notWithheldSql(query.visibility, columns, dialect);

  const where = [...filters, ...visibilityFilters].join(' AND ');
  const whereValues = [...values, ...visibilityValues];
  const count = (conditions: string, conditionValues: unknown[]): Sql => ({
    text: `SELECT COUNT(*) AS n FROM ${from.text} WHERE ${conditions}`,
    values: [...from.values, ...conditionValues],
  });

  // How many of the resident's items of this type the visibility rules leave out — whatever the search's own
  // criteria, so that whether something was withheld never answers a question about what it was (a code, a
  // date). Outside a resident's compartment nothing is counted.
  let withheld: SearchStatements['withheld'];
  if (visibilityFilters.length > 0 && scope) {
    const scoped = ['r.type = ?', ...scope.conditions, ...available.conditions];
    const scopeValues: unknown[] = [query.type, ...scope.values, ...available.values];
    withheld = {
      available: count(scoped.join(' AND '), scopeValues),
      visible: count([...scoped, ...visibilityFilters].join(' AND '), [...scopeValues, ...visibilityValues]),
    };
  }

  const key = sortKey(query.sort);
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  const comparison = query.sort.descending ? '<' : '>';
  const pageFilters = [where];
  const pageValues = [...whereValues];
  if (query.after) {
    pageFilters.push(`(${key} ${comparison} ? OR (${key} = ? AND r.id ${comparison} ?))`);
    pageValues.push(query.after.key, query.after.key, query.after.id);
  }
  return {
    total: count(where, whereValues),
    withheld,
    page: {
      text: `SELECT r.id AS id, r.json AS json, ${key} AS k FROM ${from.text} WHERE ${pageFilters.join(' AND ')} ORDER BY k ${direction}, r.id ${direction} LIMIT ?`,
      values: [...from.values, ...pageValues, query.count + 1],
    },
  };
}

/** The column a search sorts on, as an expression named `k` in the page's rows. */
function sortKey(sort: SearchQuery['sort']): string {
  return sort.by === 'date'
    ? 'COALESCE(r.sort_date, -9007199254740991)'
    : sort.by === 'text'
      ? "COALESCE(r.sort_text, '')"
      : 'r.last_updated';
}

/**
 * A resident's items of several types, for one reader, in one statement (the
 * summary's sections): every available item of the types, in each type's
 * search order, with its text when the reader may see it and none when it is
 * withheld — so that one pass over the resident's compartment answers what a
 * search of each type and its two counts would (`withheld` is the rows
 * without text). The order within a type is the search's (`k`, then `id`).
 */
export function compartmentStatement(query: CompartmentQuery, dialect: Dialect): Sql {
  if (query.types.length === 0 || query.types.includes('AuditEvent'))
    throw new Error('A compartment read is of resource types other than AuditEvent');
  const available = availableSql(query.visibility, columns);
  const visible = notWithheldSql(query.visibility, columns, dialect);
  const json = visible.conditions.length > 0 ? `CASE WHEN ${visible.conditions.join(' AND ')} THEN r.json END` : 'r.json';
  const key = sortKey(query.sort);
  const direction = query.sort.descending ? 'DESC' : 'ASC';
  const scope = residentScope(query.patientId, query.types, tablesFor(dialect, query.types[0] ?? ''));
  const filters = [...scope.conditions, `r.type IN (${query.types.map(() => '?').join(', ')})`, ...available.conditions];
  return {
    text: `SELECT r.type AS type, r.id AS id, ${json} AS json, ${key} AS k FROM ${scope.from.text} WHERE ${filters.join(' AND ')} ORDER BY k ${direction}, r.id ${direction}`,
    values: [...visible.values, ...scope.from.values, ...scope.values, ...query.types, ...available.values],
  };
}

function addCriterion(
  criterion: Criterion,
  type: string,
  patientId: string | undefined,
  shared: boolean,
  tables: SearchTables,
  filters: string[],
  values: unknown[],
): void {
  const scoped = patientId !== undefined;
  const key = tables.partitionKey;
  // Within a resident's records (the compartment index leads), each criterion is checked per row: in PostgreSQL an
  // index table's entries of that row, looked up by rid in the resident's own partition (named by value, so that it
  // is the only one read). `OFFSET 0` keeps the check per row: joined instead, a generic plan reads every entry with
  // the criterion's name and value in the partition (every active Consent of ~1/16 of the borough, say), a cost that
  // grows with the borough rather than with the record.
  const partitionOf = (alias: string): { text: string; values: unknown[]; end: string } =>
    !key
      ? { text: '', values: [], end: '' }
      : !scoped
        ? { text: ` AND ${alias}.${key} = r.${key}`, values: [], end: '' }
        : key === 'patient_id' && !shared
          ? { text: ` AND ${alias}.patient_id = ?`, values: [patientId], end: ' OFFSET 0' }
          : { text: ` AND ${alias}.${key} = r.${key}`, values: [], end: ' OFFSET 0' };
  // Across the borough a row is found through an index table and fetched by its partition's primary key,
  // (partition key, rid): by rid alone, every partition's key index would be read whole.
  const tokenFilter = (condition: string): { text: string; values: unknown[] } => {
    if (!scoped)
      return {
        text: key
          ? `(r.${key}, r.rid) IN (SELECT t.${key}, t.rid FROM ${tables.tokens} t WHERE t.name = ? AND (${condition}))`
          : `r.rid IN (SELECT t.rid FROM ${tables.tokens} t WHERE t.name = ? AND (${condition}))`,
        values: [],
      };
    const partition = partitionOf('t');
    return {
      text: `EXISTS (SELECT 1 FROM ${tables.tokens} t WHERE t.rid = r.rid${partition.text} AND t.name = ? AND (${condition})${partition.end})`,
      values: partition.values,
    };
  };
  switch (criterion.kind) {
    case 'id': {
      const ids = criterion.ids.map(() => '?').join(', ');
      filters.push(`r.id IN (${ids})`);
      values.push(...criterion.ids);
      // In PostgreSQL, where each resource is (resource_key) leads to its row in its resident's partition.
      if (!scoped && key === 'patient_id') {
        filters.push(`(r.patient_id, r.rid) IN (SELECT k.patient_id, k.rid FROM resource_key k WHERE k.type = ? AND k.id IN (${ids}))`);
        values.push(type, ...criterion.ids);
      }
      return;
    }
    case 'relatedTo':
      // Residents (Patients, each in its own compartment): in PostgreSQL, found in their own partitions.
      filters.push(
        key === 'patient_id'
          ? '(r.patient_id, r.id) IN (SELECT patient_id, patient_id FROM relationship WHERE organization_id = ?)'
          : 'r.id IN (SELECT patient_id FROM relationship WHERE organization_id = ?)',
      );
      values.push(criterion.organizationId);
      return;
    case 'token': {
      const alternatives = criterion.values.map((token, index) =>
        criterion.anySystem[index] ? 't.code = ?' : token.code === '' ? 't.system = ?' : '(t.system = ? AND t.code = ?)',
      );
      const filter = tokenFilter(alternatives.join(' OR '));
      filters.push(filter.text);
      values.push(...filter.values, criterion.name);
      criterion.values.forEach((token, index) => {
        if (criterion.anySystem[index]) values.push(token.code);
        else if (token.code === '') values.push(token.system);
        else values.push(token.system, token.code);
      });
      return;
    }
    case 'string': {
      const alternatives = criterion.prefixes.map(() => '(t.code >= ? AND t.code < ?)');
      const filter = tokenFilter(alternatives.join(' OR '));
      filters.push(filter.text);
      values.push(...filter.values, criterion.name);
      for (const prefix of criterion.prefixes) values.push(prefix, `${prefix}\uffff`);
      return;
    }
    case 'date':
      // Each criterion must hold (FHIR AND over repeats); any of the resource's dates may satisfy it.
      for (const dateCriterion of criterion.criteria) {
        const condition = dateCondition(dateCriterion, { start: 'd.start', end: 'd.end' });
        const partition = partitionOf('d');
        filters.push(
          `EXISTS (SELECT 1 FROM ${tables.dates} d WHERE d.rid = r.rid${partition.text} AND d.name = ? AND ${condition.sql}${partition.end})`,
        );
        values.push(...partition.values, criterion.name, ...condition.values);
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
