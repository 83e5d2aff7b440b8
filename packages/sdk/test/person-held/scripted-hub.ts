/**
 * A hub client scripted at the edge, for what a real hub cannot be made to answer on demand: a part of her record
 * that answers in part (a source that did not answer, items withheld, left out for her access, more pages), or whose
 * next page fails. Each search is one script: its pages, in order, or a failure. Everything past the edge is real.
 */
import { HubError, type BatchRead, type HubClient } from '../../src/index.js';

export type Json = Record<string, unknown>;

/** How a search answers: its pages (the first in the batch, the rest by `pages`), a failed first answer, or pages then a failure. */
export interface SearchScript {
  pages?: Json[][];
  /** Extra fields of page n (meta, an outcome entry). */
  extra?: (page: number) => Json;
  /** The batch entry fails with this status. */
  status?: number;
  /** A later page fails: `network` (the connection dropped) or an HTTP status. */
  laterPageFails?: 'network' | number;
}

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const outcomeEntry = (issue: Json): Json => ({
  resource: { resourceType: 'OperationOutcome', issue: [issue] },
  search: { mode: 'outcome' },
});

/** What an answer in part carries, as the hub says it. */
export const PARTIAL: Record<string, Json> = {
  'a source did not answer': {
    entry: [
      outcomeEntry({
        severity: 'warning',
        code: 'incomplete',
        details: {
          coding: [
            { system: HUB_ERROR, code: 'SOURCE_UNAVAILABLE' },
            { system: 'https://care-record.example/source', code: 'RV999', display: 'Whittington Hospital' },
          ],
        },
      }),
    ],
  },
  'items withheld': {
    entry: [
      outcomeEntry({
        severity: 'information',
        code: 'suppressed',
        details: { coding: [{ system: HUB_ERROR, code: 'INFORMATION_WITHHELD' }] },
      }),
    ],
  },
  'labelled REDACTED': { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] } },
  'left out for her access': {
    entry: [
      outcomeEntry({
        severity: 'information',
        code: 'suppressed',
        details: { coding: [{ system: HUB_ERROR, code: 'SCOPE_RESTRICTED' }] },
        expression: ['Encounter'],
      }),
    ],
  },
  'a timeout outcome': { entry: [outcomeEntry({ severity: 'error', code: 'timeout' })] },
};

/** A searchset of `resources` (matches), with `extra` merged (its entries after the matches), linking to a next page when `next`. */
export function searchset(resources: readonly Json[], extra: Json = {}, next?: string): Json {
  const { entry: more, ...rest } = extra as { entry?: Json[] };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    entry: [...resources.map((resource) => ({ resource, search: { mode: 'match' } })), ...(more ?? [])],
    ...rest,
    ...(next ? { link: [{ relation: 'next', url: `https://hub.test/fhir${next}?_cursor=${Math.random().toString(36).slice(2)}` }] } : {}),
  };
}

/**
 * A client whose searches answer as `scripts` say (by template, e.g. `/Encounter`), and whose other reads `read` answers.
 * `calls` counts the pages read of each search.
 */
export function scriptedHub(
  scripts: Readonly<Record<string, SearchScript>>,
  read: (template: string, path: Record<string, unknown> | undefined, url: string) => Json,
): { client: HubClient; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const page = (template: string, script: SearchScript, index: number): Json => {
    const pages = script.pages ?? [[]];
    return searchset(pages[index] ?? [], script.extra?.(index) ?? {}, index + 1 < pages.length ? template : undefined);
  };
  const client = {
    baseUrl: 'https://hub.test/fhir/',
    async batch(reads: readonly BatchRead<unknown>[]) {
      return reads.map((each) => {
        const script = scripts[each.template];
        if (!script)
          return { ok: true, status: 200, resource: read(each.template, each.path as Record<string, unknown> | undefined, each.url) };
        if (script.status !== undefined) {
          const error = new HubError({ kind: 'http', operation: `GET ${each.template}`, requestId: 'r', status: script.status });
          return { ok: false, status: script.status, outcome: undefined, error };
        }
        return { ok: true, status: 200, resource: page(each.template, script, 0) };
      });
    },
    async *pages(template: string) {
      const script = scripts[template] ?? {};
      const count = (script.pages ?? [[]]).length;
      for (let index = 0; index < count; index++) {
        calls.set(template, (calls.get(template) ?? 0) + 1);
        if (index > 0 && script.laterPageFails !== undefined)
          throw script.laterPageFails === 'network'
            ? new HubError({ kind: 'network', operation: `GET ${template}`, requestId: 'r' })
            : new HubError({ kind: 'http', operation: `GET ${template}`, requestId: 'r', status: script.laterPageFails });
        yield page(template, script, index);
      }
    },
    async get(template: string) {
      return read(template, undefined, template);
    },
  };
  return { client: client as unknown as HubClient, calls };
}
