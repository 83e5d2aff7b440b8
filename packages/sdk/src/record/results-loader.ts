/**
 * Reads a resident's test results from the hub (or any FHIR R4 server): every
 * page of their Observations (all categories: which are results is the view
 * model's rule, and a server cannot be asked for "uncategorised") and of their
 * DiagnosticReports with the results they reference (`_include`), newest
 * first, then the names of the organisations they came from.
 */
import type { HubClient } from '../client/hub-client.js';
import type { Bundle, DiagnosticReport, Observation } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { cutShort, hasNextPage, mergeNotices, readNotices, searchNotices, type NoticeBundle } from './notices.js';
import { callOptions } from './call-options.js';
import { lookUpSourceNames } from './source.js';
import { resultsViewModel, type ResultsViewModel } from './results.js';

export interface LoadResultsOptions {
  audience: RecordAudience;
  /** Cancels every request (e.g. when the patient in context changes). */
  signal?: AbortSignal;
  correlationId?: string;
  /** Results per page; default 500 (the contract's largest page). */
  pageSize?: number;
  /** Stop after this many pages of each search; default 40 (20,000 results at the default page size). */
  maxPages?: number;
  /**
   * The patient's date of birth, when the caller has it (or will: a promise is
   * awaited once the results are read, so it is fetched alongside them):
   * chooses among reference ranges given for different ages.
   */
  birthDate?: string | PromiseLike<string | undefined> | undefined;
}

/** Every page of a search, with the resources of the searched type and the pages themselves for their notices. */
async function readAll<T extends { resourceType?: string }>(
  pages: AsyncIterable<Bundle>,
  type: string | readonly string[],
  maxPages: number,
): Promise<{ resources: T[]; bundles: NoticeBundle[]; truncated: boolean; cut: ReturnType<typeof cutShort> }> {
  const resources: T[] = [];
  const bundles: NoticeBundle[] = [];
  let count = 0;
  let truncated = false;
  const read: Bundle[] = [];
  for await (const page of pages) {
    bundles.push(page);
    read.push(page);
    for (const entry of page.entry ?? []) {
      const resource = entry?.resource as { resourceType?: string } | undefined;
      if (resource?.resourceType !== undefined && (typeof type === 'string' ? [type] : type).includes(resource.resourceType))
        resources.push(resource as T);
    }
    if (++count >= maxPages) {
      // Stopped with more to come: the view says so rather than pass what was read for everything.
      truncated = hasNextPage(page);
      break;
    }
  }
  // An answer that says it holds more than it gave, with no next link to read the rest: said as how many of how many.
  return { resources, bundles, truncated, cut: truncated ? undefined : cutShort(typeof type === 'string' ? type : (type[0] ?? ''), read) };
}

/** The patient's test results as a view model; rejects with a `HubError` when any page cannot be read. */
export async function loadResults(hub: HubClient, patientId: string, options: LoadResultsOptions): Promise<ResultsViewModel> {
  const call = callOptions(options);
  const _count = options.pageSize ?? 500;
  const maxPages = options.maxPages ?? 40;
  const [observations, reports] = await Promise.all([
    readAll<Observation>(
      hub.pages('/Observation', { query: { patient: patientId, _sort: '-date', _count }, ...call }),
      'Observation',
      maxPages,
    ),
    readAll<DiagnosticReport | Observation>(
      hub.pages('/DiagnosticReport', {
        query: { patient: patientId, _include: ['DiagnosticReport:result'], _sort: '-date', _count },
        ...call,
      }),
      ['DiagnosticReport', 'Observation'],
      maxPages,
    ),
  ]);
  // A report's included results may also have come in the Observation search (or beyond its last page): each once.
  const seen = new Set<string>();
  const allObservations = [
    ...observations.resources,
    ...(reports.resources.filter((resource) => resource.resourceType === 'Observation') as Observation[]),
  ].filter((observation) => {
    const key = typeof observation.id === 'string' ? observation.id : undefined;
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const reportList = reports.resources.filter((resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport');
  const [organizations, birthDate] = await Promise.all([
    lookUpSourceNames(hub, [...allObservations, ...reportList], call),
    options.birthDate,
  ]);
  return resultsViewModel(
    {
      observations: allObservations,
      reports: reportList,
      patientId,
      notices: mergeNotices(
        {
          ...readNotices([...observations.bundles, ...reports.bundles]),
          ...(observations.truncated || reports.truncated ? { truncated: true } : {}),
        },
        searchNotices([], [observations.cut, reports.cut]),
      ),
      organizations,
      birthDate,
    },
    { audience: options.audience },
  );
}
