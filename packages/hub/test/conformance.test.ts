/**
 * The conformance run: the SDK's record against a second, independent FHIR R4
 * server — Medplum's FHIR router over its in-memory repository, loaded with
 * the same synthetic residents (test/support/second-server.ts) — and against
 * the variants of that server that real vendors run: HAPI-style paging links,
 * a page size capped at 3, a server declaring HL7 IPS's `$summary`, batches
 * worked one entry at a time, and a CORS allow-list without `X-Request-ID`.
 *
 * For each, every record view model (banner, summary, medicines, the whole
 * timeline, results, appointments) must equal what the hub gives a GP for the
 * same resident. The one field left out of the comparison is `lastUpdated`:
 * each server records when it stored an item, and so it differs by design.
 * The request counts and sequential waves of one record page on each are
 * written to the test's diagnostics (the closing table of the vendor-servers
 * issue).
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
  createHubClient,
  HubError,
  loadAppointments,
  loadResults,
  openRecordReader,
  pageBanner,
  pageSummary,
  readMedications,
  readTimeline,
  type HubClient,
  type HubClientOptions,
} from '@care-record/sdk';
import { browserLikeFetch, SECOND_SERVER_VARIANTS, startSecondServer, wavesOf, type SecondServer } from './support/second-server.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

const RESIDENTS = ['pat-000001', 'pat-000002', 'pat-000003', 'pat-000004', 'pat-000005'];
/** The variants that page in threes or wait per batch entry read fewer residents, to keep the run short. */
const SLOW_VARIANT_RESIDENTS = ['pat-000001', 'pat-000003'];
const PAGE_ORIGIN = 'https://gp-system.example';

/** Every view model of one resident's record, as the elements would show it to a GP. */
async function wholeRecord(hub: HubClient, patientId: string) {
  const options = { audience: 'clinician' as const };
  const reader = openRecordReader(hub, patientId, options);
  const page = await reader.page();
  const timeline = readTimeline(reader);
  while (!(await timeline.loadMore()).done);
  const record = {
    banner: pageBanner(page, options),
    summary: pageSummary(page, options),
    medications: await readMedications(reader),
    timeline: timeline.timeline.view(),
    timelineNotices: timeline.notices,
    results: await loadResults(hub, patientId, options),
    appointments: await loadAppointments(hub, patientId, options),
  };
  // Each server says when it stored an item: not part of what must agree.
  return JSON.parse(JSON.stringify(record, (key, value: unknown) => (key === 'lastUpdated' ? undefined : value))) as typeof record;
}

let testHub: TestHub;
let gpToken: string;
const hubRecords = new Map<string, Awaited<ReturnType<typeof wholeRecord>>>();

before(async () => {
  testHub = await startTestHub({ residents: 5 });
  gpToken = await testHub.signIn('gp');
  const hub = createHubClient({ baseUrl: testHub.fhir, auth: gpToken });
  for (const id of RESIDENTS) hubRecords.set(id, await wholeRecord(hub, id));
});
after(async () => {
  await testHub?.close();
});

function clientFor(server: SecondServer, options: Partial<HubClientOptions> = {}): HubClient {
  return createHubClient({
    baseUrl: server.fhir,
    // What is compared is the record, not the speed: the in-memory second server reads a long record slowly, and
    // beside other suites on a loaded machine one search passed the default 30 s.
    timeout: { total: 120_000 },
    ...(server.variant === 'strict-cors' ? { fetch: browserLikeFetch(PAGE_ORIGIN) } : {}),
    ...options,
  });
}

for (const variant of SECOND_SERVER_VARIANTS) {
  describe(`the second server, ${variant}`, () => {
    let server: SecondServer;
    before(async () => {
      server = await startSecondServer({ variant, residents: [0, 1, 2, 3, 4] });
    });
    after(async () => {
      await server?.close();
    });

    const residents = variant === 'page-cap-3' || variant === 'sequential-batch' ? SLOW_VARIANT_RESIDENTS : RESIDENTS;
    // Behind a CORS allow-list without X-Request-ID, a host configures the client to send none.
    const options: Partial<HubClientOptions> = variant === 'strict-cors' ? { requestIdHeader: false } : {};

    for (const id of residents) {
      test(`${id}: every view model equals the hub's (a superset where the hub withholds)`, async () => {
        const record = await wholeRecord(clientFor(server, options), id);
        const expected = hubRecords.get(id);
        assert.ok(expected);
        if (expected.summary.withheld) {
          // The hub's policy withholds some of this resident's items from the GP (and says so); the second server
          // has no policy. Identity is the same, and everything the hub shows the second server shows too.
          const { allergies: _a, ...identity } = record.banner;
          const { allergies: _b, ...hubIdentity } = expected.banner;
          assert.deepEqual(identity, hubIdentity);
          const eventIds = (view: typeof record.timeline) =>
            [...view.days.flatMap((day) => day.events), ...view.undated].map((event) => event.id);
          const shown = new Set(eventIds(record.timeline));
          const missing = eventIds(expected.timeline).filter((event) => !shown.has(event));
          assert.deepEqual(missing, [], `${variant}, ${id}: the hub shows timeline events the second server does not`);
          assert.ok(record.timeline.total > expected.timeline.total, 'the second server shows what the hub withholds');
          for (const key of ['medications', 'results', 'appointments'] as const) assert.deepEqual(record[key], expected[key], key);
          return;
        }
        const differing = (Object.keys(record) as (keyof typeof record)[]).filter((key) => !isDeepStrictEqual(record[key], expected[key]));
        assert.deepEqual(differing, [], `${variant}, ${id}: differs from the hub's in ${differing.join(', ')}`);
      });
    }

    test('one record page: requests and waves', async (t) => {
      server.resetLog();
      const page = await openRecordReader(clientFor(server, options), 'pat-000001', { audience: 'clinician' }).page();
      assert.equal(pageBanner(page, { audience: 'clinician' }).patientId, 'pat-000001');
      const requests = server.log.filter((request) => request.method !== 'OPTIONS');
      const preflights = server.log.length - requests.length;
      t.diagnostic(
        `record page on ${variant}: ${requests.length} requests (${requests.reduce((sum, request) => sum + request.entries, 0)} batch entries), ${wavesOf(requests)} waves${preflights > 0 ? `, ${preflights} CORS preflights` : ''}`,
      );
      assert.ok(requests.length > 0);
    });

    if (variant === 'sequential-batch')
      test("batchReads: 'parallel' reads the same record with separate requests and no batch", async (t) => {
        for (const id of residents) {
          server.resetLog();
          const record = await wholeRecord(clientFor(server, { batchReads: 'parallel' }), id);
          assert.deepEqual(record, hubRecords.get(id), `${id}: the same view models`);
          assert.equal(server.log.filter((request) => request.method === 'POST').length, 0, 'no batch was sent');
        }
        // What it saves on this server: the record page, read each way (medians of 3).
        const pageTime = async (batchReads: 'batch' | 'parallel') => {
          const times: number[] = [];
          for (let run = 0; run < 3; run++) {
            const started = performance.now();
            await openRecordReader(clientFor(server, { batchReads }), 'pat-000001', { audience: 'clinician' }).page();
            times.push(performance.now() - started);
          }
          return Math.round(times.sort((a, b) => a - b)[1] ?? 0);
        };
        t.diagnostic(
          `record page on sequential-batch: ${await pageTime('batch')} ms as one batch, ${await pageTime('parallel')} ms as parallel reads`,
        );
      });

    if (variant === 'strict-cors')
      test('sending X-Request-ID where the server does not allow it fails as a network refusal, never as an empty record', async () => {
        const reader = openRecordReader(clientFor(server), 'pat-000001', { audience: 'clinician' });
        await assert.rejects(reader.page(), (error: unknown) => error instanceof HubError && error.kind === 'network');
      });
  });
}

test('the hub: one record page, requests and waves', async (t) => {
  const requests: string[] = [];
  const hub = createHubClient({
    baseUrl: testHub.fhir,
    auth: gpToken,
    fetch: (input, init) => {
      requests.push(new Request(input, init).method);
      return fetch(input, init);
    },
  });
  await openRecordReader(hub, 'pat-000001', { audience: 'clinician' }).page();
  t.diagnostic(`record page on the hub: ${requests.length} requests`);
  assert.ok(requests.length >= 1);
});
