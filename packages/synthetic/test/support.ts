/**
 * Shared helpers for the synthetic borough's tests: a cached sample of
 * residents, and walkers over every reference and date in a resource.
 */
import type { Resource } from '@care-record/sdk';
import { createBorough, type Borough, type ResidentRecord } from '../src/index.js';

export const SEED = 'test-seed';
export const NOW = '2026-11-28T09:00:00Z';

let cached: { borough: Borough; records: ResidentRecord[] } | undefined;

/** The first `count` residents of a test borough (generated once per test file). */
export function sample(count = 2000): { borough: Borough; records: ResidentRecord[] } {
  if (!cached || cached.records.length < count) {
    const borough = createBorough({ seed: SEED, residents: 206_000, now: NOW });
    const records: ResidentRecord[] = [];
    for (let index = 0; index < count; index++) records.push(borough.resident(index));
    cached = { borough, records };
  }
  return { borough: cached.borough, records: cached.records.slice(0, count) };
}

/** Every `reference` string in a value, with the path it was found at. */
export function references(value: unknown, path = ''): [path: string, reference: string][] {
  const found: [string, string][] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}[${index}]`));
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'reference' && typeof child === 'string') found.push([`${at}.${key}`, child]);
        else walk(child, `${at}.${key}`);
      }
    }
  };
  walk(value, path);
  return found;
}

const DATE_LIKE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const NOT_DATES = new Set(['code', 'value', 'versionId', 'display', 'text']);

/** Every FHIR date, dateTime or instant string in a resource, with its path. */
export function dates(resource: Resource): [path: string, date: string][] {
  const found: [string, string][] = [];
  const walk = (node: unknown, at: string, key: string): void => {
    if (typeof node === 'string') {
      if (!NOT_DATES.has(key) && DATE_LIKE.test(node)) found.push([at, node]);
    } else if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${at}[${index}]`, key));
    else if (node && typeof node === 'object')
      for (const [childKey, child] of Object.entries(node)) walk(child, `${at}.${childKey}`, childKey);
  };
  walk(resource, resource.resourceType, '');
  return found;
}

/** Earliest and latest UTC instants a FHIR date string (possibly partial, possibly with a time) can mean. */
export function span(date: string): [earliest: number, latest: number] {
  if (date.includes('T')) {
    const instant = Date.parse(date);
    return [instant, instant];
  }
  const [year = 0, month, day] = date.split('-').map(Number);
  // A civil date in London starts at most an hour before UTC midnight and ends at UTC midnight.
  const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1) - 3_600_000;
  const end =
    day !== undefined
      ? Date.UTC(year, (month ?? 1) - 1, day + 1)
      : month !== undefined
        ? Date.UTC(year, month, 1)
        : Date.UTC(year + 1, 0, 1);
  return [start, end - 1];
}

export const TIMELINE_TYPES = new Set(['Encounter', 'Observation', 'Appointment', 'DocumentReference', 'DiagnosticReport']);
