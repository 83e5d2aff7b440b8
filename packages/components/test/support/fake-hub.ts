/**
 * A stand-in for the hub client that answers `openRecord`'s calls from the
 * synthetic borough after a delay the test chooses, so answers can be made to
 * arrive late and out of order. It can ignore the abort signal, as a slow
 * network sometimes seems to, so the wrong-patient guard is tested on its own.
 * Searches (`pages`: the timeline, appointments and results) answer as the
 * hub does: the patient's matches newest first by each type's date, `_count`
 * to a page with a `next` link while more remain, and a report's results
 * included for `_include=DiagnosticReport:result`.
 */
import type { BatchRead, HubClient, HubResponse } from '@care-record/sdk';
import { borough, summaryResources } from './fixtures.js';

export interface FakeHubOptions {
  /** Milliseconds before an answer, per request. */
  delay?: (request: { operation: string; patientId: string | undefined }) => number;
  /** Whether an aborted request rejects (true) or still answers (false). */
  honourAbort?: boolean;
  /** An error to answer with instead (e.g. a HubError), or nothing to answer normally. */
  fail?: (request: { operation: string; patientId: string | undefined }) => Error | undefined;
  /** The well-being library `GET /$wellbeing-advice` answers with (default: two small pages); `'fail'` to refuse. */
  advice?: unknown[] | 'fail';
  /** Told of every answer as it is delivered. */
  onAnswer?: (request: { operation: string; patientId: string | undefined }) => void;
}

export interface FakeHub {
  client: HubClient;
  /** Every request made, as `operation patientId`. */
  requests: string[];
  /** Requests cancelled before their answer. */
  aborted: number;
}

const capabilities = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['application/fhir+json'],
  rest: [
    {
      mode: 'server',
      resource: [
        {
          type: 'Patient',
          operation: [{ name: 'summary', definition: 'https://care-record.example/fhir/OperationDefinition/care-record-summary' }],
        },
      ],
    },
  ],
};

/** A small well-being library for the tests: one page for high blood pressure, one for everyone. */
const ADVICE = [
  {
    id: 'getting-active',
    title: 'Getting active',
    summary: 'Moving more helps your heart.',
    sections: [{ paragraphs: ['A brisk walk most days helps.'] }],
    helpsWith: [{ system: 'http://snomed.info/sct', code: '38341003', display: 'Hypertension' }],
  },
  {
    id: 'sleep',
    title: 'Sleeping well',
    summary: 'Habits for good sleep.',
    sections: [{ paragraphs: ['Keep to regular times.'] }],
    helpsWith: [],
  },
];

function residentById(id: string | undefined) {
  const index = Number(/^pat-(\d+)$/.exec(id ?? '')?.[1]) - 1;
  if (!Number.isInteger(index) || index < 0) throw new Error(`No resident ${id}`);
  return borough.resident(index);
}

const searchset = (resources: unknown[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});

type Json = Record<string, unknown>;
const at = (resource: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Json | undefined)?.[key], resource);

/** What each type's `_sort=-date` sorts by in the hub (its search parameters' `sortDate`): the first present. */
const SORT_DATE: Record<string, readonly string[]> = {
  Encounter: ['period.start', 'period.end'],
  Appointment: ['start', 'end'],
  EpisodeOfCare: ['period.start', 'period.end'],
  Observation: ['effectiveDateTime', 'effectiveInstant', 'effectivePeriod.start', 'effectivePeriod.end'],
  DiagnosticReport: ['effectiveDateTime', 'effectiveInstant', 'effectivePeriod.start', 'effectivePeriod.end'],
  CarePlan: ['period.start', 'period.end', 'created'],
  DocumentReference: ['date'],
};

/** A resource's sort date (ms), or -Infinity when it has none: undated items come last, as the hub's do. */
function sortDate(resource: unknown): number {
  for (const path of SORT_DATE[String(at(resource, 'resourceType'))] ?? []) {
    const value = at(resource, path);
    const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(time)) return time;
  }
  return Number.NEGATIVE_INFINITY;
}

/** Newest first, then by id (descending), as the hub orders `_sort=-date`. */
const newestFirst = (a: unknown, b: unknown) => sortDate(b) - sortDate(a) || String(at(b, 'id')).localeCompare(String(at(a, 'id'))) || 0;

export function createFakeHub(options: FakeHubOptions = {}): FakeHub {
  const requests: string[] = [];
  const hub = { requests, aborted: 0 };
  let counter = 0;

  function answer<T>(operation: string, patientId: string | undefined, signal: AbortSignal | undefined, make: () => T): Promise<T> {
    requests.push(`${operation} ${patientId ?? ''}`.trim());
    const delay = options.delay?.({ operation, patientId }) ?? 0;
    return new Promise<T>((resolve, reject) => {
      const abort = () => {
        if (options.honourAbort === false) return;
        hub.aborted++;
        clearTimeout(timer);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        const failure = options.fail?.({ operation, patientId });
        options.onAnswer?.({ operation, patientId });
        if (failure) reject(failure);
        else {
          try {
            resolve(make());
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        }
      }, delay);
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
    });
  }

  const client = {
    baseUrl: 'https://hub.example.test/fhir/',
    get(path: string, init?: { signal?: AbortSignal; query?: { identifier?: string } }) {
      if (path === '/Patient') {
        // Finding a resident of the cast by NHS number (`system|value`).
        const nhsNumber = init?.query?.identifier?.split('|')[1];
        return answer('GET /Patient', nhsNumber, init?.signal, () =>
          searchset(
            Array.from({ length: 10 }, (_, index) => borough.resident(index).patient).filter((patient) =>
              patient.identifier?.some((identifier) => identifier.value === nhsNumber),
            ),
          ),
        );
      }
      if (path === '/$wellbeing-advice')
        return answer('GET /$wellbeing-advice', undefined, init?.signal, () => {
          if (options.advice === 'fail') throw new Error('The library could not be read');
          return { pages: options.advice ?? ADVICE };
        });
      if (path !== '/metadata') throw new Error(`The fake hub does not answer GET ${path}`);
      // Not cancelled: the SDK remembers, per client, a failed capabilities read as "no $summary"
      // (plain searches from then on), which would change the record's path mid-test.
      void init;
      return answer('GET /metadata', undefined, undefined, () => capabilities);
    },
    request(_method: string, path: string, init: { path: { id: string }; signal?: AbortSignal }) {
      if (path !== '/Patient/{id}/$summary') throw new Error(`The fake hub does not answer ${path}`);
      const id = init.path.id;
      return answer('GET /Patient/{id}/$summary', id, init.signal, (): HubResponse<unknown> => {
        const record = residentById(id);
        return {
          data: { resourceType: 'Bundle', type: 'collection', entry: summaryResources(record).map((resource) => ({ resource })) },
          status: 200,
          requestId: `fake-${++counter}`,
          etag: undefined,
          headers: new Headers(),
        };
      });
    },
    /** A search of the patient's compartment, a page per request (each delayed, cancelled or failed as any answer). */
    async *pages(path: string, init?: { signal?: AbortSignal; query?: Record<string, unknown> }) {
      const type = path.slice(1);
      const query = init?.query ?? {};
      const patientId = typeof query['patient'] === 'string' ? query['patient'] : undefined;
      const count = Number(query['_count'] ?? 100);
      const include = [query['_include'] ?? []].flat().includes('DiagnosticReport:result');
      for (let offset = 0; ; offset += count) {
        const page = await answer(`GET ${path}`, patientId, init?.signal, () => {
          const resources = residentById(patientId).resources;
          const matches = resources.filter((resource) => resource.resourceType === type).sort(newestFirst);
          const shown = matches.slice(offset, offset + count);
          const results = new Set(
            include ? shown.flatMap((report) => [at(report, 'result') ?? []].flat().map((reference) => at(reference, 'reference'))) : [],
          );
          const included = resources.filter((resource) => results.has(`${resource.resourceType}/${resource.id ?? ''}`));
          const more = offset + count < matches.length;
          return {
            ...searchset(shown),
            total: matches.length,
            entry: [
              ...shown.map((resource) => ({ resource, search: { mode: 'match' } })),
              ...included.map((resource) => ({ resource, search: { mode: 'include' } })),
            ],
            link: more ? [{ relation: 'next', url: `https://hub.example.test/fhir${path}?_cursor=${offset + count}` }] : [],
          };
        });
        yield page;
        if (page.link.length === 0) return;
      }
    },
    batch(reads: readonly BatchRead<unknown>[], init?: { signal?: AbortSignal }) {
      const patientId = /[?&]patient=([^&]+)/.exec(reads[0]?.url ?? '')?.[1] ?? /^Patient\/([^/?]+)$/.exec(reads[0]?.url ?? '')?.[1];
      return answer(`POST / (batch${patientId ? '' : ' of organisations'})`, patientId, init?.signal, () =>
        reads.map((read) => {
          const [type = '', query = ''] = read.url.split('?');
          const parameters = new URLSearchParams(query);
          const odsCode = parameters.get('identifier')?.split('|')[1];
          const [, patientRead] = /^Patient\/([^/?]+)$/.exec(type) ?? [];
          if (patientRead) return { ok: true, status: 200, resource: residentById(patientRead).patient };
          const resources =
            type === 'Organization'
              ? borough.organizations.filter((organization) => organization.identifier?.some((identifier) => identifier.value === odsCode))
              : residentById(parameters.get('patient') ?? undefined).resources.filter((resource) => resource.resourceType === type);
          return { ok: true, status: 200, resource: searchset(resources) };
        }),
      );
    },
  };
  return Object.assign(hub, { client: client as unknown as HubClient });
}
