/**
 * A plain FHIR server (no `$summary`) standing in for another vendor's, on the example hub's loopback server: it
 * answers `/metadata`, the SDK's batch (`POST /`) entry by entry, and each type's search alone, all from one
 * `answer` per type, so a suite says only how each search is answered (well, cut short, refused, failed).
 */
import { STATUS_CODES } from 'node:http';
import type { Resource } from '../../src/fhir.js';
import type { ExampleHub, RecordedRequest, Reply } from '../../../../scripts/example-hub.js';

/** How one search (or the resident's read) is answered: a status and its body, a searchset or an OperationOutcome. */
export interface StandInAnswer {
  status: number;
  body: unknown;
}

/** A searchset of `items`, saying it holds `total` (more than it gives, for an answer cut short). */
export const searchset = (items: readonly Resource[], total = items.length) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total,
  entry: items.map((resource) => ({ resource, search: { mode: 'match' } })),
});

/** A batch entry's status line, e.g. `404 Not Found`. */
const statusLine = (status: number): string => `${status} ${STATUS_CODES[status] ?? ''}`;

export interface StandInOptions {
  /** The resident the server holds, read by id in the batch. */
  patient: Resource;
  /** The organisations it lists (`Organization?…`), always answered well. */
  organizations: readonly Resource[];
  /** The types searched alone (`GET /{type}`), each answered by `answer`. */
  types: Iterable<string>;
  /** The answer to one type's search, in the batch or alone. */
  answer: (type: string) => StandInAnswer;
  /** The answer to the resident's read; by default the resident. */
  patientAnswer?: () => StandInAnswer;
}

/** Scripts `hub` as the stand-in server (the caller resets it first when it was scripted before). */
export function serveStandIn(hub: ExampleHub, { patient, organizations, types, answer, patientAnswer }: StandInOptions): void {
  hub.script('GET /metadata', () => ({
    status: 200,
    body: { resourceType: 'CapabilityStatement', status: 'active', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], rest: [] },
  }));
  hub.script('POST /', (request: RecordedRequest): Reply => {
    const batch = JSON.parse(request.body) as { entry: { request: { url: string } }[] };
    return {
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: batch.entry.map(({ request: entry }) => {
          const type = /^([A-Za-z]+)/.exec(entry.url)?.[1] ?? '';
          const { status, body } =
            type === 'Patient'
              ? (patientAnswer?.() ?? { status: 200, body: patient })
              : type === 'Organization'
                ? { status: 200, body: searchset(organizations) }
                : answer(type);
          return status === 200
            ? { resource: body, response: { status: statusLine(status) } }
            : { response: { status: statusLine(status), outcome: body } };
        }),
      },
    };
  });
  for (const type of new Set(types)) hub.script(`GET /${type}`, () => answer(type));
  hub.script('GET /Organization', () => ({ status: 200, body: searchset(organizations) }));
}
