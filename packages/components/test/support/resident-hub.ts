/**
 * A stand-in hub client for the resident elements: answers the paged searches
 * `loadResults` and `loadAppointments` make (and the organisation batch) from
 * the synthetic borough, one page at a time, after a delay the test chooses,
 * with whatever extra Bundle entries (notices) or failures the test asks for.
 * The record page (`$summary`) answers with the resident alone: an element
 * that needs the record confirmed (its resident found) is given it, as the
 * hub gives it.
 */
import { HUB_SUMMARY_DEFINITION, type HubClient } from '@care-record/sdk';
import { borough } from './fixtures.js';

export interface ResidentHubOptions {
  /** Milliseconds before each answer. */
  delay?: number;
  /** Results per page, whatever `_count` asks for, so that paging is exercised. */
  pageSize?: number;
  /** An error to answer a search with instead, or nothing to answer normally. */
  fail?: (path: string) => Error | undefined;
  /** Edits the resident's resources before they are served. */
  edit?: (resources: Record<string, unknown>[]) => Record<string, unknown>[];
  /** Edits the resident as the record page (`$summary`) gives them. */
  editPatient?: (patient: Record<string, unknown>) => Record<string, unknown>;
  /** Extra entries (OperationOutcomes) and `meta` for the first page of every search. */
  firstPage?: { entry?: unknown[]; meta?: unknown };
}

export interface ResidentHub {
  client: HubClient;
  /** `GET /Observation page 1`, `POST / (organisations)`, … */
  requests: string[];
}

function residentResources(patientId: string): Record<string, unknown>[] {
  const index = Number(/^pat-(\d+)$/.exec(patientId)?.[1]) - 1;
  if (!Number.isInteger(index) || index < 0 || index > 9) throw new Error(`No resident ${patientId}`);
  return borough.resident(index).resources as unknown as Record<string, unknown>[];
}

/** Whether a resource has one of the categories a search asked for (`category=laboratory`); any resource when none was asked. */
const inCategory = (resource: Record<string, unknown>, categories: readonly string[] | undefined) =>
  !categories?.length || categories.some((category) => JSON.stringify(resource['category'] ?? []).includes(`"${category}"`));

export function createResidentHub(options: ResidentHubOptions = {}): ResidentHub {
  const requests: string[] = [];
  const wait = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, options.delay ?? 0);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
        },
        { once: true },
      );
    });

  async function* pages(path: string, init: { query: { patient: string; category?: readonly string[] }; signal?: AbortSignal }) {
    const type = path.slice(1);
    const all = (options.edit ?? ((resources) => resources))(residentResources(init.query.patient)).filter(
      (resource) => resource['resourceType'] === type && inCategory(resource, init.query.category),
    );
    const size = options.pageSize ?? 1000;
    for (let page = 0; page === 0 || page * size < all.length; page++) {
      requests.push(`GET ${path} page ${page + 1}`);
      await wait(init.signal);
      const failure = options.fail?.(path);
      if (failure) throw failure;
      const entries = all.slice(page * size, (page + 1) * size).map((resource) => ({ resource, search: { mode: 'match' } }));
      yield {
        resourceType: 'Bundle',
        type: 'searchset',
        ...(page === 0 && options.firstPage?.meta ? { meta: options.firstPage.meta } : {}),
        entry: [...entries, ...(page === 0 ? (options.firstPage?.entry ?? []) : [])],
      };
    }
  }

  const client = {
    baseUrl: 'https://hub.example.test/fhir/',
    pages,
    async get() {
      return {
        resourceType: 'CapabilityStatement',
        rest: [{ resource: [{ type: 'Patient', operation: [{ name: 'summary', definition: HUB_SUMMARY_DEFINITION }] }] }],
      };
    },
    async request(_method: string, _path: string, init: { path: { id: string }; signal?: AbortSignal }) {
      requests.push('GET /Patient/$summary');
      await wait(init.signal);
      const index = Number(/^pat-(\d+)$/.exec(init.path.id)?.[1]) - 1;
      const patient = (options.editPatient ?? ((resident) => resident))(
        borough.resident(index).patient as unknown as Record<string, unknown>,
      );
      return {
        data: { resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }] },
        status: 200,
        requestId: 'req-page',
        etag: undefined,
        headers: new Headers(),
      };
    },
    async batch(reads: readonly { url: string }[], init?: { signal?: AbortSignal }) {
      requests.push('POST / (organisations)');
      await wait(init?.signal);
      return reads.map((read) => {
        const odsCode = new URLSearchParams(read.url.split('?')[1]).get('identifier')?.split('|')[1];
        const found = borough.organizations.filter((organization) =>
          organization.identifier?.some((identifier) => identifier.value === odsCode),
        );
        return {
          ok: true,
          status: 200,
          resource: { resourceType: 'Bundle', type: 'searchset', entry: found.map((resource) => ({ resource })) },
        };
      });
    },
  };
  return { client: client as unknown as HubClient, requests };
}

/** An OperationOutcome entry saying a source did not answer, as the hub writes it. */
export function sourceUnavailable(odsCode: string, name: string): unknown {
  return {
    resource: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'warning',
          code: 'incomplete',
          details: {
            coding: [
              { system: 'https://care-record.example/CodeSystem/hub-error', code: 'SOURCE_UNAVAILABLE' },
              { system: 'https://care-record.example/source', code: odsCode, display: name },
            ],
          },
        },
      ],
    },
    search: { mode: 'outcome' },
  };
}
