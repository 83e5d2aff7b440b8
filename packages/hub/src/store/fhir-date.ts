/**
 * FHIR dates as ranges of instants, and the FHIR search prefixes over them.
 * `2026` covers the whole year, `2026-03-29` the whole (UTC) day, a dateTime
 * its second; a Period its start to its end (open-ended when it has none).
 */

export interface InstantRange {
  start: number;
  end: number;
}

const partial = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The range a FHIR date, dateTime or instant covers; undefined when it cannot be read. */
export function rangeOf(value: string | undefined): InstantRange | undefined {
  if (!value) return undefined;
  const match = partial.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = match[2] === undefined ? undefined : Number(match[2]) - 1;
    const day = match[3] === undefined ? undefined : Number(match[3]);
    if (month === undefined) return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) - 1 };
    if (day === undefined) return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) - 1 };
    const start = Date.UTC(year, month, day);
    return { start, end: start + 86_400_000 - 1 };
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return undefined;
  const hasSeconds = /T\d{2}:\d{2}:\d{2}/.test(value);
  return { start: instant, end: instant + (hasSeconds ? 999 : 59_999) };
}

/** A Period's range; a missing end means "still going". */
export function periodRange(period: { start?: string; end?: string } | undefined): InstantRange | undefined {
  const start = rangeOf(period?.start);
  const end = rangeOf(period?.end);
  if (!start && !end) return undefined;
  return { start: start?.start ?? Number.MIN_SAFE_INTEGER, end: end?.end ?? Number.MAX_SAFE_INTEGER };
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb';

export interface DateCriterion {
  prefix: DatePrefix;
  range: InstantRange;
}

/** Reads `ge2026-01-01` and the like; undefined when it is not a FHIR date search value. */
export function parseDateCriterion(value: string): DateCriterion | undefined {
  const match = /^(eq|ne|gt|lt|ge|le|sa|eb)?(\d.*)$/.exec(value);
  const range = rangeOf(match?.[2]);
  if (!match || !range) return undefined;
  return { prefix: (match[1] ?? 'eq') as DatePrefix, range };
}

/**
 * The SQL condition a criterion means over the columns holding a target's
 * range, with its parameters. Follows the FHIR search rules for prefixes.
 */
export function dateCondition(criterion: DateCriterion, columns: { start: string; end: string }): { sql: string; values: number[] } {
  const { start, end } = criterion.range;
  const sql = (text: string) => text.replaceAll('START', columns.start).replaceAll('END', columns.end);
  switch (criterion.prefix) {
    case 'eq':
      return { sql: sql('START >= ? AND END <= ?'), values: [start, end] };
    case 'ne':
      return { sql: sql('NOT (START >= ? AND END <= ?)'), values: [start, end] };
    case 'gt':
      return { sql: sql('END > ?'), values: [end] };
    case 'lt':
      return { sql: sql('START < ?'), values: [start] };
    case 'ge':
      return { sql: sql('END >= ?'), values: [start] };
    case 'le':
      return { sql: sql('START <= ?'), values: [end] };
    case 'sa':
      return { sql: sql('START > ?'), values: [end] };
    case 'eb':
      return { sql: sql('END < ?'), values: [start] };
  }
}
