/**
 * The rest of a search the resident's own screens read in one batch: when its first page says there are more
 * (`link[next]`), the search is read again page by page (one walk, so nothing is missed or counted twice), up to a
 * bound. Past the bound what was read is `truncated`, told as such, never as all there is.
 */
import type { HubClient } from '../client/hub-client.js';
import type { Bundle } from '../fhir.js';
import { hasNextPage, type RecordNotices } from '../record/notices.js';

export interface EveryPage {
  /** Every page read, the first first. */
  pages: Bundle[];
  /** The walk stopped at its bound with more pages to come. */
  truncated: boolean;
  /** Why a later page could not be read, when the caller asked to keep what was read (`keepRead`); absent otherwise. */
  failed?: unknown;
}

/**
 * Every page of the search `path` with `query`, whose first page is `first`. A page that fails fails the whole (the
 * caller says which part could not be read), unless `keepRead`: then the pages read before it are kept and `failed`
 * says why the rest could not be read. `maxPages` pages at most.
 */
export async function everyPage(
  hub: HubClient,
  path: string,
  query: Record<string, unknown>,
  first: Bundle,
  options: { signal?: AbortSignal | undefined; maxPages: number; keepRead?: boolean },
): Promise<EveryPage> {
  if (!hasNextPage(first)) return { pages: [first], truncated: false };
  const pages: Bundle[] = [];
  const walk = (hub.pages as unknown as (path: string, init: object) => AsyncIterable<Bundle>)(path, {
    query,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    for await (const page of walk) {
      pages.push(page);
      if (pages.length >= options.maxPages) return { pages, truncated: hasNextPage(page) };
    }
  } catch (error) {
    // Cancelled is cancelled, never an answer in part.
    if (!options.keepRead || options.signal?.aborted) throw error;
    // The walk reads the first page again: when that read failed, the first page of the batch is what was read.
    return { pages: pages.length > 0 ? pages : [first], truncated: false, failed: error };
  }
  return { pages, truncated: false };
}

/** The resources of `type` on `pages` (matches; includes and outcomes are not items). */
export function resourcesOf<T>(pages: readonly Bundle[], type: string): T[] {
  return pages.flatMap((page) =>
    (page.entry ?? [])
      .map((entry) => entry.resource as { resourceType?: unknown } | undefined)
      .filter((resource) => resource?.resourceType === type),
  ) as T[];
}

/**
 * Whether `notices` say an answer is not all there is (items withheld or left out for the viewer's access, a source
 * that did not answer or an error, pages not read): a list read from it is never told as "none".
 */
export const isPartialAnswer = (notices: RecordNotices): boolean =>
  notices.withheld ||
  notices.truncated === true ||
  notices.unavailableSources.length > 0 ||
  (notices.notPermittedTypes ?? []).length > 0 ||
  (notices.unreadTypes ?? []).length > 0;
