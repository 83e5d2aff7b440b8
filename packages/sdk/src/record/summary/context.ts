/** What every summary section reads with: the audience, the moment, and the names of organisations and people. */
import { requireUnderstood } from '../modifier-extensions.js';
import type { Organization, Practitioner } from '../../fhir.js';
import { formatResidentName, selectOfficialName } from '../../format/name.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { daysInMonth, readCivilTime } from '../../format/uk-civil-time.js';
import { recordDate, type RecordAudience } from '../allergies.js';
import { recordedMoment } from '../clinical-moment.js';
import { tidyText as tidy } from '../concept-text.js';

export interface AnyResource {
  resourceType?: unknown;
  id?: string;
  meta?: { source?: string; security?: { code?: string }[] };
}

export const isResource = (value: unknown): value is AnyResource =>
  typeof value === 'object' && value !== null && typeof (value as AnyResource).resourceType === 'string';

export const ofType =
  <T>(type: string) =>
  (resource: AnyResource): resource is AnyResource & T =>
    resource.resourceType === type;

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
export const codeWords = (code: string | undefined): string => (code ? capitalise(code.replace(/-/g, ' ')) : NOT_RECORDED);
export const byText = (a: string, b: string): number => a.localeCompare(b, 'en-GB', { sensitivity: 'base' });

/**
 * A status as FHIR R4 codes it, read in any case or spacing as feeds send it
 * (`Active`, ` on-hold `); `undefined` when it is missing or none of `codes`,
 * which a section reads as a status not known — never as one that ended.
 */
export function statusCode<Code extends string>(status: unknown, codes: readonly Code[]): Code | undefined {
  const code = typeof status === 'string' ? status.trim().toLowerCase() : '';
  return codes.find((candidate) => candidate === code);
}

/** Milliseconds of a FHIR date/time for sorting and comparing; `-Infinity` when absent or unreadable. */
export const time = (value: string | undefined): number => {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};

export const newestFirst = (a: string | undefined, b: string | undefined): number => time(b) - time(a);

const DATE_ONLY = /^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$/;

/** A UK calendar day as a comparable number, `yyyymmdd`. */
const dayKey = (year: number, month: number, day: number): number => year * 10_000 + month * 100 + day;

/** The UK calendar day of a moment (in summer it starts an hour before UTC's). */
function ukDayOf(moment: number): number {
  const civil = readCivilTime(new Date(moment));
  return civil ? dayKey(civil.year, civil.month ?? 1, civil.day ?? 1) : Number.NaN;
}

/** The instant of a FHIR dateTime; one without an offset is UK wall-clock time, whatever the machine's zone. */
const instantOf = (value: string | undefined): number =>
  value ? (readCivilTime(value)?.instant ?? time(value)) : Number.NEGATIVE_INFINITY;

/**
 * Whether a period end is before the moment. A date without a time covers the
 * whole of its day, month or year on the UK calendar (an alert ending
 * `2026-11-28` still shows that day). An unreadable end is taken as not ended,
 * so the item stays in view.
 */
export function endedBefore(end: string | undefined, moment: number): boolean {
  const partial = DATE_ONLY.exec(tidy(end));
  if (partial) {
    const [, yearText, monthText, dayText] = partial;
    const year = Number(yearText);
    const month = monthText ? Number(monthText) : 12;
    return dayKey(year, month, dayText ? Number(dayText) : daysInMonth(year, month)) < ukDayOf(moment);
  }
  const at = instantOf(tidy(end));
  return at !== Number.NEGATIVE_INFINITY && at < moment;
}

/**
 * Milliseconds by which to order ends and due dates: a date without a time by
 * the end of the last day it covers, so `2026` comes after `2026-11-27`;
 * `Infinity` when absent or unreadable, so those come last.
 */
export function endOrder(end: string | undefined): number {
  const partial = DATE_ONLY.exec(tidy(end));
  if (partial) {
    const [, yearText, monthText, dayText] = partial;
    const year = Number(yearText);
    const month = monthText ? Number(monthText) : 12;
    return Date.UTC(year, month - 1, dayText ? Number(dayText) : daysInMonth(year, month), 23, 59, 59, 999);
  }
  const at = instantOf(tidy(end));
  return at === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : at;
}

/**
 * Whether a period start is after the moment. A date without a time begins at
 * the start of its day, month or year on the UK calendar (an alert starting
 * `2026-11` is in force all November). An unreadable start is taken as begun,
 * so the item stays in view.
 */
export function startsAfter(start: string | undefined, moment: number): boolean {
  const partial = DATE_ONLY.exec(tidy(start));
  if (partial) {
    const [, year, month, day] = partial;
    return dayKey(Number(year), month ? Number(month) : 1, day ? Number(day) : 1) > ukDayOf(moment);
  }
  return instantOf(tidy(start)) > moment;
}

/** The name of an Organization or Practitioner; `undefined` for anything else, or one without a name. */
function nameOf(resource: AnyResource): string | undefined {
  if (resource.resourceType === 'Organization') return tidy((resource as Organization).name) || undefined;
  if (resource.resourceType !== 'Practitioner') return undefined;
  const official = selectOfficialName((resource as Practitioner).name);
  return official ? formatResidentName(official) : undefined;
}

/** Names of the Organizations and Practitioners the summary carries, by reference. */
export class Directory {
  private readonly names = new Map<string, string>();

  constructor(resources: readonly AnyResource[]) {
    for (const resource of resources) {
      if (typeof resource.id !== 'string' || !resource.id) continue;
      try {
        const name = nameOf(resource);
        if (name) this.names.set(`${String(resource.resourceType)}/${resource.id}`, name);
      } catch {
        // A directory entry that cannot be read names no one: references to it read "Not known".
      }
    }
  }

  /**
   * The reference's display, else the name of what it points at, else
   * `fallback`. A reference `#id` points into `container`'s `contained`
   * resources (exports carry the recorder inside the entry), never elsewhere.
   */
  name(reference: { reference?: string; display?: string } | undefined, fallback: string = NOT_KNOWN, container?: object): string {
    const display = tidy(reference?.display);
    if (display) return display;
    const target = tidy(reference?.reference);
    if (target.startsWith('#')) return containedName(target.slice(1), container) || fallback;
    const key = /(?:^|\/)((?:Organization|Practitioner)\/[^/]+)$/.exec(target)?.[1];
    return (key ? this.names.get(key) : undefined) || fallback;
  }
}

/** The name of the resource `id` contained in `container`. */
function containedName(id: string, container: object | undefined): string | undefined {
  const contained: unknown = container && 'contained' in container ? container.contained : undefined;
  if (!id || !Array.isArray(contained)) return undefined;
  const found = contained.find((resource): resource is AnyResource => isResource(resource) && resource.id === id);
  try {
    return found ? nameOf(found) : undefined;
  } catch {
    return undefined;
  }
}

export interface SummaryContext {
  audience: RecordAudience;
  now: number;
  /** The patient in context. */
  patientId: string;
  /** The person's date of birth as recorded, to place an age recorded in place of a date. */
  birthDate?: string | undefined;
  organizations: ReadonlyMap<string, string>;
  directory: Directory;
}

export const date = (value: string | undefined, context: SummaryContext): string => recordDate(value, context.audience);

/**
 * The day of a recorded fact (a medicine prescribed or ended, a problem's
 * onset), in the audience's format: a date sent as midnight is on the day
 * written, by the record's rule for recorded moments (`recordedMoment`).
 * A booked time (an appointment) is dated with `date`.
 */
export const recordedDate = (value: string | undefined, audience: RecordAudience): string =>
  recordDate(typeof value === 'string' ? (recordedMoment(value)?.value ?? value) : value, audience);

/**
 * When a period began, in the audience's words: its start; with only an end
 * (done or begun "by" then, as exports send it), `By <end>`; `undefined` when
 * it has neither, so the caller says what else the source recorded.
 */
export function periodStartWords(
  period: { start?: string; end?: string } | undefined,
  context: SummaryContext,
  dated: (value: string, context: SummaryContext) => string = date,
): string | undefined {
  if (period?.start !== undefined) return dated(period.start, context);
  return period?.end !== undefined ? `By ${dated(period.end, context)}` : undefined;
}

/**
 * Splits `resources` into those a section can read and those it cannot: each
 * is tried on its own with `read`, so one bad field costs one item, never the
 * section.
 */
export function readable<R>(resources: readonly R[], read: (one: R[]) => unknown): { ok: R[]; unreadable: R[] } {
  const ok: R[] = [];
  const unreadable: R[] = [];
  for (const resource of resources) {
    try {
      requireUnderstood(resource);
      read([resource]);
      ok.push(resource);
    } catch {
      unreadable.push(resource);
    }
  }
  return { ok, unreadable };
}
