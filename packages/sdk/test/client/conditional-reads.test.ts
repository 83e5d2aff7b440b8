/**
 * Conditional reads (`If-None-Match`, `If-Modified-Since`) answered `304 Not
 * Modified`, whoever adds the validators: the caller for one call, the client's
 * own `headers`, or a host's `fetch` that keeps its own copy of what it saw.
 * A 304 is never an error shown as a failure, and never "none": the caller gets
 * the resource, or, when nothing can give it, a typed `invalid-response`.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { batchRead, createHubClient, HubError, type HubClient } from '../../src/index.js';
import { fhirJson, rejection, startLoopbackServer, type LoopbackServer, type SeenRequest } from './loopback-server.js';

const patientId = 'pat-0001';
const lastModified = 'Tue, 01 Dec 2026 09:00:00 GMT';

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.answer = plainConditional(() => patient);
});

const base = () => `${server.origin}/fhir`;
const patient = { resourceType: 'Patient', id: patientId, name: [{ family: 'Smith' }] };
const searchset = {
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [{ resource: { resourceType: 'Observation', id: 'obs-1', status: 'final', code: { text: 'Weight' } }, search: { mode: 'match' } }],
};

/**
 * Plain HTTP conditional semantics, as FHIR servers and caches keep them: each answer has an ETag (for the
 * token that asked, so a narrower view has its own) and a Last-Modified; a request whose If-None-Match names
 * the current ETag, or (without If-None-Match) whose If-Modified-Since is not before Last-Modified, is 304.
 */
function plainConditional(resourceFor: (request: SeenRequest) => unknown, etagFor: (request: SeenRequest) => string = () => 'W/"3"') {
  return (request: SeenRequest, response: ServerResponse) => {
    const resource = request.url.startsWith('/fhir/Observation') ? searchset : resourceFor(request);
    const etag = etagFor(request);
    const validators = { etag, 'last-modified': lastModified };
    const ifNoneMatch = request.headers['if-none-match'];
    const ifModifiedSince = request.headers['if-modified-since'];
    const unchanged =
      ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))
        : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
    if (unchanged) response.writeHead(304, validators).end();
    else response.writeHead(200, { ...fhirJson, ...validators }).end(JSON.stringify(resource));
  };
}

/** A host's `fetch` with its own cache: adds the validators of what it saw at a URL, and hands a 304 on as it came. */
function cachingHostFetch(): typeof fetch {
  const seen = new Map<string, { etag: string | null; lastModified: string | null }>();
  return async (input, init) => {
    const request = new Request(input, init);
    const known = seen.get(request.url);
    const headers = new Headers(request.headers);
    if (known?.etag) headers.set('if-none-match', known.etag);
    if (known?.lastModified) headers.set('if-modified-since', known.lastModified);
    const response = await fetch(new Request(request, { headers }));
    if (response.status === 200)
      seen.set(request.url, { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') });
    return response;
  };
}

const validators = [
  { validator: 'If-None-Match', headers: { 'if-none-match': 'W/"3"' } },
  { validator: 'If-Modified-Since', headers: { 'if-modified-since': lastModified } },
];

/** Ways a record screen reads, each with what it should give. */
const reads: { name: string; call(hub: HubClient, headers?: Record<string, string>): Promise<unknown>; expected: unknown }[] = [
  {
    name: 'get',
    call: (hub, headers) => hub.get('/Patient/{id}', { path: { id: patientId }, ...(headers ? { headers } : {}) }),
    expected: patient,
  },
  {
    name: 'request',
    call: (hub, headers) =>
      hub.request('get', '/Patient/{id}', { path: { id: patientId }, ...(headers ? { headers } : {}) }).then((answer) => {
        assert.equal(answer.status, 200, 'the copy given is the 200 it stands for');
        return answer.data;
      }),
    expected: patient,
  },
  {
    name: 'a search',
    call: (hub, headers) => hub.collect('/Observation', { query: { patient: patientId }, ...(headers ? { headers } : {}) }, { max: 10 }),
    expected: searchset.entry.map((entry) => entry.resource),
  },
  {
    name: 'a batch sent as separate reads',
    call: (hub, headers) =>
      hub
        .batch([batchRead('/Patient/{id}', { path: { id: patientId } })], headers ? { headers } : {})
        .then(([result]) => (result.ok ? result.resource : result.error)),
    expected: patient,
  },
];

const client = (options: Partial<Parameters<typeof createHubClient>[0]> = {}) =>
  createHubClient({ baseUrl: base(), auth: 'token-a', retry: false, batchReads: 'parallel', ...options });

describe('a 304 Not Modified', () => {
  test('a read the host makes conditional with If-None-Match gives the patient, not an error', async () => {
    const found = await client().get('/Patient/{id}', { path: { id: patientId }, headers: { 'if-none-match': 'W/"3"' } });
    assert.deepEqual(found, patient);
  });

  for (const { validator, headers } of validators) {
    for (const read of reads) {
      test(`${read.name} with ${validator} for the one call: the resource`, async () => {
        const hub = client();
        assert.deepEqual(await read.call(hub), read.expected);
        assert.deepEqual(await read.call(hub, headers), read.expected);
        assert.deepEqual(await read.call(client(), headers), read.expected, 'a client that holds no copy reads it whole');
      });
      test(`${read.name} with ${validator} in the client's headers: the resource`, async () => {
        assert.deepEqual(await read.call(client({ headers })), read.expected);
      });
    }
  }

  for (const read of reads) {
    test(`${read.name} through a host's caching fetch: the resource every time, without reading it whole again`, async () => {
      const hub = client({ fetch: cachingHostFetch() });
      for (let time = 0; time < 3; time++) assert.deepEqual(await read.call(hub), read.expected, `time ${time}`);
      assert.equal(server.requests.length, 3, 'one request a time: the copy answered each 304');
      assert.ok(
        server.requests.slice(1).every((request) => request.headers['if-none-match'] !== undefined),
        'the later reads were conditional',
      );
    });
  }

  test("a copy read with one token is never given to another, even when the server's ETag is the same", async () => {
    const full = { ...patient, telecom: [{ system: 'phone', value: '020 7946 0000' }] };
    server.answer = plainConditional((request) => (request.headers.authorization === 'Bearer token-a' ? full : patient));
    let token = 'token-a';
    const hub = client({ fetch: cachingHostFetch(), auth: { getAccessToken: () => token } });
    assert.deepEqual(await hub.get('/Patient/{id}', { path: { id: patientId } }), full);
    token = 'token-b';
    const outcome = await hub.get('/Patient/{id}', { path: { id: patientId } }).then(
      (found) => found,
      (error: unknown) => error,
    );
    assert.notDeepEqual(outcome, full);
    if (outcome instanceof HubError) assert.deepEqual([outcome.kind, outcome.status], ['invalid-response', 304]);
    else assert.deepEqual(outcome, patient);
  });

  test('no copy is kept of an answer marked Cache-Control: no-store: a 304 to it is answered by reading it again', async () => {
    const noStore = plainConditional(() => patient);
    server.answer = (request, response) => {
      response.setHeader('cache-control', 'private, no-store');
      noStore(request, response);
    };
    const hub = client();
    assert.deepEqual(await hub.get('/Patient/{id}', { path: { id: patientId } }), patient);
    const again = await hub.request('get', '/Patient/{id}', { path: { id: patientId }, headers: { 'if-none-match': 'W/"3"' } });
    assert.deepEqual([again.data, again.status, again.notModified], [patient, 200, undefined]);
    assert.deepEqual(
      server.requests.map((request) => request.headers['if-none-match'] ?? 'unconditional'),
      ['unconditional', 'W/"3"', 'unconditional'],
    );
    // A host's fetch that keeps what it was told not to, and insists on its validator: no copy to give, so a typed failure.
    const insisting = client({ fetch: cachingHostFetch() });
    assert.deepEqual(await insisting.get('/Patient/{id}', { path: { id: patientId } }), patient);
    const error = await rejection(insisting.get('/Patient/{id}', { path: { id: patientId } }));
    assert.deepEqual([error.kind, error.status], ['invalid-response', 304]);
  });

  test('a 304 for which no copy can be had, however it is asked, is a typed broken contract, never "none"', async () => {
    server.answer = (_, response) => response.writeHead(304, { etag: 'W/"9"' }).end();
    for (const read of reads) {
      for (const headers of [undefined, ...validators.map((each) => each.headers)]) {
        const outcome = await read.call(client(), headers).then(
          (found) => found,
          (error: unknown) => error,
        );
        assert.ok(outcome instanceof HubError, `${read.name}: ${JSON.stringify(outcome)}`);
        assert.deepEqual([outcome.kind, outcome.status], ['invalid-response', 304], read.name);
      }
    }
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.match(error.message, /^GET \/Patient\/\{id\} failed: response breaks the contract \(304\)/);
  });
});
