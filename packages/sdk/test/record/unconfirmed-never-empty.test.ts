/**
 * A record whose resident could not be confirmed, or whose record page
 * failed, shows neither items nor "none" in any list read from it: the
 * medicines and the timeline fail as the record did (not found, or could not
 * be loaded), whichever answer comes first.
 *
 * Through a real hub client against the example hub on loopback: first the
 * case reported (the timeline said "no events" for a record not found), then
 * the class — every list × (404, 410, 500, timeout) × the order the answers
 * come in.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { createHubClient, HubError, openRecord } from '../../src/index.js';
import { startExampleHub, type ExampleHub, type Reply } from '../../../../scripts/example-hub.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:12Z';
const SUMMARY_DEFINITION = 'https://care-record.example/fhir/OperationDefinition/care-record-summary';
/** Each request's time limit here; a page that "times out" hangs past it. */
const TIMEOUT_MS = 600;

const patient = {
  resourceType: 'Patient',
  id: PATIENT,
  name: [{ use: 'official', family: 'Yip', given: ['Ming'] }],
  birthDate: '1950-03-02',
  gender: 'female',
};
const medicine = {
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  status: 'active',
  intent: 'order',
  subject: { reference: `Patient/${PATIENT}` },
  authoredOn: '2026-10-01',
  medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' },
};
const encounter = {
  resourceType: 'Encounter',
  id: 'enc-1',
  status: 'finished',
  class: { code: 'AMB' },
  subject: { reference: `Patient/${PATIENT}` },
  period: { start: '2026-10-02T10:00:00Z' },
  type: [{ text: 'GP appointment' }],
};

/** How the record fails: the resident not found (404), gone (410), the page failing (500), or the page not answering. */
type Fault = 404 | 410 | 500 | 'timeout';
const FAULTS: Fault[] = [404, 410, 500, 'timeout'];
/** Which answer comes first: the record page's failure, or the list's searches. */
type Order = 'page fails first' | 'list answers first';
const ORDERS: Order[] = ['page fails first', 'list answers first'];

interface World {
  fault: Fault;
  /** Items every search answers with (none: the reported case). */
  withItems: boolean;
  /** How long (ms) the record page's answer waits. */
  pageDelay: number;
}

const fhir = (body: object, status = 200, delayMs = 0): Reply => ({
  status,
  body,
  headers: { 'content-type': 'application/fhir+json' },
  ...(delayMs ? { delayMs } : {}),
});
const failure = (status: number) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: status === 500 ? 'exception' : 'not-found' }],
});
const searchset = (resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: resources.map((resource) => ({ resource, search: { mode: 'match' } })),
});
const itemsOf = (world: World, type: string): object[] =>
  !world.withItems ? [] : type === 'MedicationRequest' ? [medicine] : type === 'Encounter' ? [encounter] : [];
const notFound = (world: World): boolean => world.fault === 404 || world.fault === 410;

function script(hub: ExampleHub, world: World): void {
  hub.script('GET /metadata', () =>
    fhir({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json'],
      rest: [{ mode: 'server', resource: [{ type: 'Patient', operation: [{ name: 'summary', definition: SUMMARY_DEFINITION }] }] }],
    }),
  );
  hub.script('GET /Patient/{id}/$summary', () => {
    if (world.fault === 'timeout') return { hangMs: TIMEOUT_MS * 4 };
    return fhir(failure(world.fault), world.fault, world.pageDelay);
  });
  hub.script('GET /Patient/{id}', () => (notFound(world) ? fhir(failure(Number(world.fault)), Number(world.fault)) : fhir(patient)));
  hub.script('POST /', (request) => {
    const batch = JSON.parse(request.body) as { entry: { request: { url: string } }[] };
    return fhir({
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: batch.entry.map(({ request: asked }) => {
        const type = /^([A-Za-z]+)/.exec(asked.url)?.[1] ?? '';
        if (type === 'Patient')
          return notFound(world)
            ? { response: { status: `${world.fault} Not Found`, outcome: failure(Number(world.fault)) } }
            : { resource: patient, response: { status: '200 OK' } };
        return { resource: searchset(itemsOf(world, type)), response: { status: '200 OK' } };
      }),
    });
  });
  const searched = ['MedicationRequest', 'MedicationStatement', 'Encounter', 'Appointment', 'DiagnosticReport', 'Observation'];
  for (const type of [...searched, 'DocumentReference', 'CarePlan', 'EpisodeOfCare'])
    hub.script(`GET /${type}`, () => fhir(searchset(itemsOf(world, type))));
}

/** Whether an error is what the record's fault makes of it: the status, or no answer in time. */
const failedAs = (fault: Fault) => (error: unknown) =>
  error instanceof HubError && (fault === 'timeout' ? error.kind === 'timeout' : error.status === fault);

describe('a record not confirmed is never an empty list', () => {
  let hub: ExampleHub;
  before(async () => {
    hub = await startExampleHub();
  });
  after(() => hub.close());
  beforeEach(() => hub.reset());

  const record = () =>
    openRecord(createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 }, timeout: TIMEOUT_MS }), PATIENT, {
      audience: 'clinician',
      now: () => new Date(NOW),
    });

  describe('the case reported', () => {
    for (const status of [404, 410] as const) {
      test(`$summary and Patient ${status}, searches empty: the timeline fails as not found, never "no events"`, async () => {
        script(hub, { fault: status, withItems: false, pageDelay: 0 });
        const opened = record();
        await assert.rejects(opened.page(), failedAs(status));
        await assert.rejects(opened.timeline().loadMore(), failedAs(status));
      });
      test(`Patient ${status}, the record page not read: the timeline alone fails as not found`, async () => {
        script(hub, { fault: status, withItems: false, pageDelay: 0 });
        await assert.rejects(record().timeline().loadMore(), failedAs(status));
      });
    }
    test('$summary 500, searches empty: the timeline of the same record fails too', async () => {
      script(hub, { fault: 500, withItems: false, pageDelay: 0 });
      const opened = record();
      await assert.rejects(opened.page(), failedAs(500));
      await assert.rejects(opened.timeline().loadMore(), failedAs(500));
    });
    test('a record found whose page is complete: the timeline reads its events (control)', async () => {
      script(hub, { fault: 500, withItems: true, pageDelay: 0 });
      hub.script('GET /Patient/{id}/$summary', () => fhir({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }] }));
      const opened = record();
      await opened.page();
      const timeline = opened.timeline();
      await timeline.loadMore();
      assert.equal(timeline.coverage?.loaded, 1);
    });
  });

  describe('the class: every list × every fault × either order', () => {
    const LISTS = {
      medicines: (opened: ReturnType<typeof record>) => opened.medications(),
      timeline: (opened: ReturnType<typeof record>) => opened.timeline().loadMore(),
    };
    for (const [list, read] of Object.entries(LISTS))
      for (const fault of FAULTS)
        for (const order of ORDERS)
          for (const withItems of [false, true])
            test(`${list}: ${fault}, ${order}, ${withItems ? 'with items' : 'searches empty'}`, async () => {
              script(hub, { fault, withItems, pageDelay: order === 'list answers first' ? 200 : 0 });
              const opened = record();
              const page = opened.page();
              if (order === 'page fails first') await assert.rejects(page, failedAs(fault));
              const listed = read(opened);
              await assert.rejects(listed, failedAs(fault));
              if (order === 'list answers first') await assert.rejects(page, failedAs(fault));
            });
  });
});
