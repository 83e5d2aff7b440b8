/**
 * Issue 13, findings 2 and 3, as a class: whatever the server's page size and
 * whatever it calls `$summary`, the record page shows the same record as a
 * server that sends everything at once.
 *
 * A loopback server holds real synthetic residents (several alerts, many
 * problems) and answers the page's batch and searches itself. Variants: no
 * `$summary` (the reference), a maximum page size of 1, 2, 3 and 7 (next
 * links the reader must follow), and a CapabilityStatement declaring HL7's
 * International Patient Summary `$summary` — a document that covers only
 * some sections, which must never be read as ours.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Resource } from '../../src/fhir.js';
import { createHubClient, HUB_SUMMARY_DEFINITION, openRecord, type SummaryViewModel } from '../../src/index.js';
import { createBorough } from '../../../synthetic/src/index.js';
import { startExampleHub, type ExampleHub, type RecordedRequest, type Reply } from '../../../../scripts/example-hub.js';
import { RECORD_PAGE_SEARCHES } from './record-page-searches.js';

const NOW = '2026-11-28T09:00:00Z';
const IPS_SUMMARY = 'http://hl7.org/fhir/uv/ips/OperationDefinition/summary';
const SEARCHED = RECORD_PAGE_SEARCHES;

/** Residents with at least two alerts and five problems: where a first page of three leaves things out. */
const borough = createBorough({ seed: 'test-seed', residents: 206_000, now: NOW });
const residents = Array.from({ length: 400 }, (_, index) => borough.resident(index))
  .filter((record) => {
    const active = (type: string) =>
      record.resources.filter(
        (resource) =>
          resource.resourceType === type &&
          (resource.resourceType === 'Flag'
            ? resource.status === 'active'
            : resource.resourceType === 'Condition' && resource.clinicalStatus?.coding?.[0]?.code === 'active'),
      ).length;
    return active('Flag') >= 2 && active('Condition') >= 5;
  })
  .slice(0, 3);

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

interface Variant {
  cap: number;
  summaryDefinition?: string;
}

/** The resident's resources of a search's type, in a stable order. */
function ofType(record: (typeof residents)[number], type: string): Resource[] {
  return record.resources.filter((resource) => resource.resourceType === type).sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
}

/** One page of a search from `offset`, with a next link while there are more. */
function page(baseUrl: string, url: URL | string, items: Resource[], offset: number, cap: number) {
  const slice = items.slice(offset, offset + cap);
  // Requests recorded by the test server carry its path only: the link is made under the base the client uses.
  const next =
    typeof url === 'string' ? new URL(url, `${baseUrl}/`) : new URL(`${url.pathname.replace(/^\/fhir\//, '')}${url.search}`, `${baseUrl}/`);
  next.searchParams.set('_offset', String(offset + cap));
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: items.length,
    entry: slice.map((resource) => ({ resource, search: { mode: 'match' } })),
    ...(offset + cap < items.length ? { link: [{ relation: 'next', url: next.href }] } : {}),
  };
}

/** Serves one resident as a server with the variant's page size and `$summary`. */
function serve(record: (typeof residents)[number], variant: Variant): void {
  const base = hub.baseUrl;
  hub.script('GET /metadata', () => ({
    status: 200,
    body: {
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [
        {
          mode: 'server',
          interaction: [{ code: 'batch' }],
          resource: [
            {
              type: 'Patient',
              ...(variant.summaryDefinition ? { operation: [{ name: 'summary', definition: variant.summaryDefinition }] } : {}),
            },
          ],
        },
      ],
    },
  }));
  // An IPS-style answer: a document with the patient and a composition, covering some sections only.
  hub.script('GET /Patient/{id}/$summary', () => ({
    status: 200,
    body: {
      resourceType: 'Bundle',
      type: 'document',
      entry: [
        { resource: { resourceType: 'Composition', status: 'final', title: 'International Patient Summary' } },
        { resource: record.patient },
      ],
    },
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
          if (type === 'Patient') return { resource: record.patient, response: { status: '200 OK' } };
          if (type === 'Organization')
            return {
              resource: { resourceType: 'Bundle', type: 'searchset', entry: borough.organizations.map((resource) => ({ resource })) },
              response: { status: '200 OK' },
            };
          return { resource: page(base, entry.url, ofType(record, type), 0, variant.cap), response: { status: '200 OK' } };
        }),
      },
    };
  });
  for (const type of SEARCHED)
    hub.script(`GET /${type}`, (request) => ({
      status: 200,
      body: page(base, request.url, ofType(record, type), Number(request.url.searchParams.get('_offset') ?? 0), variant.cap),
    }));
  hub.script('GET /Organization', () => ({
    status: 200,
    body: { resourceType: 'Bundle', type: 'searchset', entry: borough.organizations.map((resource) => ({ resource })) },
  }));
}

/** What the summary shows, section by section: the ids listed and what each section says. */
function shown(summary: SummaryViewModel) {
  return Object.fromEntries(
    Object.entries(summary.sections).map(([key, section]) => [
      key,
      { ids: (section.items as { id: string }[]).map((item) => item.id).sort(), state: section.state, empty: section.emptyText },
    ]),
  );
}

async function summaryFrom(record: (typeof residents)[number], variant: Variant) {
  hub.reset();
  serve(record, variant);
  const client = createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
  const page = await openRecord(client, record.patient.id ?? '', { audience: 'clinician', now: () => new Date(NOW) }).page();
  return { page, requests: hub.requests.map((request) => request.operation) };
}

describe('the same record from any server', () => {
  test('the test borough gives residents with several alerts and many problems', () => {
    assert.equal(residents.length, 3);
  });

  for (const cap of [1, 2, 3, 7])
    test(`a server whose page size is at most ${cap}: every alert and problem, as from a server that sends all at once`, async () => {
      for (const record of residents) {
        const reference = await summaryFrom(record, { cap: 1000 });
        const capped = await summaryFrom(record, { cap });
        assert.deepEqual(shown(capped.page.summary), shown(reference.page.summary), record.patient.id);
        assert.ok(reference.page.summary.sections.problems.items.length >= 5, 'the record has more than a page of problems');
        for (const type of SEARCHED)
          if (ofType(record, type).length > cap) assert.ok(capped.requests.includes(`GET /${type}`), `followed the next links of ${type}`);
      }
    });

  test('an IPS $summary is not taken for the hub’s: the page is read with searches and shows every section', async () => {
    for (const record of residents) {
      const reference = await summaryFrom(record, { cap: 1000 });
      const ips = await summaryFrom(record, { cap: 1000, summaryDefinition: IPS_SUMMARY });
      assert.ok(!ips.requests.includes('GET /Patient/{id}/$summary'), 'never asks the IPS operation');
      assert.deepEqual(shown(ips.page.summary), shown(reference.page.summary), record.patient.id);
      const flags = ips.page.summary.sections.alerts.items.length + ips.page.summary.sections.legal.items.length;
      assert.ok(flags >= 2, 'the alerts and legal flags are shown, not "No alerts recorded"');
      assert.ok(ips.page.summary.sections.problems.items.length >= 5, 'the problems are shown');
    }
  });

  test('the hub’s own $summary, declared by its canonical definition (with or without a version), is used', async () => {
    for (const definition of [HUB_SUMMARY_DEFINITION, `${HUB_SUMMARY_DEFINITION}|1.0.0`]) {
      const record = residents[0]!;
      // The IPS-style answer served here has no record sections: what matters is that the hub's operation was asked.
      const { requests } = await summaryFrom(record, { cap: 1000, summaryDefinition: definition }).catch(() => ({
        requests: hub.requests.map((request) => request.operation),
      }));
      assert.ok(requests.includes('GET /Patient/{id}/$summary'), `asked ${definition}`);
    }
  });
});
