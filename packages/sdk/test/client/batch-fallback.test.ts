/**
 * A server, or a gateway in front of it, that does not take FHIR batch
 * (`POST [base]` answered 404, 405, 501, or an OperationOutcome saying
 * `not-supported`): the reads are sent as separate GETs instead, with the same
 * answers, and the client does not offer that server a batch again. Any other
 * failure of a batch is reported as it was.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { batchRead, createHubClient, HubError, openRecord } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from './loopback-server.js';

const patientId = 'pat-0001';
const patient = { resourceType: 'Patient', id: patientId, name: [{ family: 'Smith', given: ['Ann'] }], birthDate: '1950-02-03' };
const emptySearch = { resourceType: 'Bundle', type: 'searchset', entry: [] };

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const problem = (code: string) => JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] });

/** How a server refuses a batch it does not take. */
const refusals = [
  { how: '405 with an HTML page', status: 405, type: 'text/html', body: '<h1>Method Not Allowed</h1>' },
  { how: '404 with no body', status: 404, type: undefined, body: '' },
  { how: '404 not-found', status: 404, type: 'application/fhir+json', body: problem('not-found') },
  { how: '501 not-supported', status: 501, type: 'application/fhir+json', body: problem('not-supported') },
  { how: '400 not-supported', status: 400, type: 'application/fhir+json', body: problem('not-supported') },
  { how: '422 not-supported', status: 422, type: 'application/fhir+json', body: problem('not-supported') },
];
/** Failures that say nothing about batch itself: reported, not worked round. */
const otherFailures = [
  { how: '400 invalid', status: 400, type: 'application/fhir+json', body: problem('invalid') },
  { how: '401 login', status: 401, type: 'application/fhir+json', body: problem('login') },
  { how: '403 forbidden', status: 403, type: 'application/fhir+json', body: problem('forbidden') },
  { how: '500 exception', status: 500, type: 'application/fhir+json', body: problem('exception') },
];

function serverRefusingBatch(refusal: { status: number; type: string | undefined; body: string }) {
  return (request: SeenRequest, response: ServerResponse) => {
    const path = new URL(request.url, server.origin).pathname;
    if (request.method === 'POST')
      return void response.writeHead(refusal.status, refusal.type ? { 'content-type': refusal.type } : {}).end(refusal.body);
    const body = path === `/fhir/Patient/${patientId}` ? patient : emptySearch;
    response.writeHead(200, fhirJson).end(JSON.stringify(body));
  };
}

const client = () => createHubClient({ baseUrl: `${server.origin}/fhir`, retry: false });
const reads = [
  batchRead('/Patient/{id}', { path: { id: patientId } }),
  batchRead('/AllergyIntolerance', { query: { patient: patientId } }),
] as const;

describe('a server that does not take batch', () => {
  test('a batch answered 405 is read as separate GETs, and the next batch goes straight to them', async () => {
    server.answer = serverRefusingBatch(refusals[0] ?? assert.fail());
    const hub = client();
    const [read, search] = await hub.batch(reads);
    assert.deepEqual([read.ok && read.resource, search.ok && search.resource], [patient, emptySearch]);
    await hub.batch(reads);
    assert.equal(server.requests.filter((request) => request.method === 'POST').length, 1);
  });

  for (const refusal of refusals) {
    test(`refused with ${refusal.how}: the record page reads as it would from a batch`, async () => {
      server.answer = serverRefusingBatch(refusal);
      const hub = client();
      const results = await hub.batch(reads);
      assert.deepEqual(
        results.map((result) => (result.ok ? result.resource : result.error.message)),
        [patient, emptySearch],
      );
      const page = await openRecord(hub, patientId, { audience: 'clinician' }).page();
      assert.equal(page.banner.patientId, patientId);
      assert.equal(server.requests.filter((request) => request.method === 'POST').length, 1, 'batch is not offered again');
    });
  }

  for (const failure of otherFailures) {
    test(`a batch failing with ${failure.how} is reported as it came, not worked round`, async () => {
      server.answer = serverRefusingBatch(failure);
      const error = await client()
        .batch(reads)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      assert.ok(error instanceof HubError);
      assert.deepEqual([error.kind, error.status], ['http', failure.status]);
      assert.equal(server.requests.filter((request) => request.method === 'GET').length, 0);
    });
  }
});
