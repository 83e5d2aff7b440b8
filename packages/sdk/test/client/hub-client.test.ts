import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { inspect } from 'node:util';
import { batchRead, createHubClient, type AccessTokenSource } from '../../src/index.js';
import { firstExample, outcome, startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';
import { rejection } from './loopback-server.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const patientId = 'pat-0001';

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

/** Fast retries so the suite stays quick; Retry-After is still honoured as sent. */
function client(options: Partial<Parameters<typeof createHubClient>[0]> = {}) {
  return createHubClient({ baseUrl: hub.baseUrl, auth: 'static-token', retry: { limit: 2, maxDelay: 20 }, ...options });
}

describe('reads', () => {
  test('reads a patient typed from the contract, with FHIR headers, a bearer token and a request id', async () => {
    const patient = await client().get('/Patient/{id}', { path: { id: patientId } });
    assert.equal(patient.resourceType, 'Patient');
    assert.equal(patient.id, patientId);
    const [sent] = hub.requests;
    assert.equal(sent?.operation, 'GET /Patient/{id}');
    assert.equal(sent?.headers['accept'], 'application/fhir+json');
    assert.equal(sent?.headers['authorization'], 'Bearer static-token');
    assert.match(String(sent?.headers['x-request-id']), uuid);
  });

  test('percent-encodes path parameters so an id cannot change the path', async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 404, body: outcome('not-found', 'RESOURCE_NOT_FOUND') }));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: '../metadata' } }));
    assert.equal(error.status, 404);
    assert.equal(hub.requests[0]?.url.pathname, '/fhir/Patient/..%2Fmetadata');
  });

  test('repeats a search parameter for each value (FHIR AND), and sends numbers as text', async () => {
    await client().get('/Observation', {
      query: { patient: patientId, date: ['ge2025-01-01', 'le2025-12-31'], _count: 20 },
    });
    const url = hub.requests[0]?.url;
    assert.deepEqual(url?.searchParams.getAll('date'), ['ge2025-01-01', 'le2025-12-31']);
    assert.equal(url?.searchParams.get('_count'), '20');
    assert.equal(url?.searchParams.get('patient'), patientId);
  });

  test('joins OR values with commas where the contract says so, escaping commas inside a value', async () => {
    await client().get('/Condition', {
      query: { patient: patientId, 'clinical-status': ['active', 'recurrence'], code: ['http://example.org/codes|a,b'] },
    });
    const url = hub.requests[0]?.url;
    assert.deepEqual(url?.searchParams.getAll('clinical-status'), ['active,recurrence']);
    assert.deepEqual(url?.searchParams.getAll('code'), ['http://example.org/codes|a\\,b']);
  });

  test('returns status, ETag and request id with request()', async () => {
    hub.script('GET /Patient/{id}', (request) => ({
      status: 200,
      headers: { etag: 'W/"3"' },
      body: { ...(firstExample(hub.spec, 'GET /Patient/{id}', '200') as object), id: request.params['id'] },
    }));
    const response = await client().request('get', '/Patient/{id}', { path: { id: patientId } });
    assert.equal(response.status, 200);
    assert.equal(response.etag, 'W/"3"');
    assert.equal(response.requestId, hub.requests[0]?.headers['x-request-id']);
  });

  test('refuses a read answered with a different patient (wrong-patient guard)', async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 200, body: { resourceType: 'Patient', id: 'someone-else' } }));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'invalid-response');
  });

  test('refuses a body that is not JSON', async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 200, raw: '<html>proxy login</html>' }));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.status, 200);
  });
});

describe('retries', () => {
  test('retries a GET after 503, honouring Retry-After, with the same request id on every attempt', async () => {
    hub.script('GET /Patient/{id}', (_, attempt) =>
      attempt === 1 ? { status: 503, headers: { 'retry-after': '1' }, body: outcome('transient', 'SERVER_ERROR') } : 'example',
    );
    const started = performance.now();
    const patient = await client().get('/Patient/{id}', { path: { id: patientId } });
    const waited = performance.now() - started;
    assert.equal(patient.id, patientId);
    assert.equal(hub.requests.length, 2);
    assert.ok(waited >= 950, `waited ${waited.toFixed(0)} ms, Retry-After asked for 1000`);
    const ids = new Set(hub.requests.map((request) => request.headers['x-request-id']));
    assert.equal(ids.size, 1);
  });

  test('retries after 429 Too Many Requests, waiting as told', async () => {
    hub.script('GET /Observation', (_, attempt) =>
      attempt <= 2 ? { status: 429, headers: { 'retry-after': '0' }, body: outcome('throttled', 'TOO_MANY_REQUESTS') } : 'example',
    );
    const bundle = await client().get('/Observation', { query: { patient: patientId } });
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(hub.requests.length, 3);
  });

  test('gives up after the retry limit and reports the last status and Retry-After', async () => {
    hub.script('GET /Patient/{id}', () => ({
      status: 429,
      headers: { 'retry-after': '0' },
      body: outcome('throttled', 'TOO_MANY_REQUESTS'),
    }));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterSeconds, 0);
    assert.equal(hub.requests.length, 3);
  });

  test('does not retry a 4XX other than 408 and 429', async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 404, body: outcome('not-found', 'RESOURCE_NOT_FOUND') }));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.status, 404);
    assert.equal(hub.requests.length, 1);
  });

  test('retries a GET after the connection is reset, then reports a network error', async () => {
    hub.script('GET /Patient/{id}', () => 'reset');
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'network');
    assert.equal(hub.requests.length, 3);
  });

  test('never repeats a POST that has no idempotency key', async () => {
    hub.script('POST /Observation', () => ({ status: 503, body: outcome('transient', 'SERVER_ERROR') }));
    const body = firstExample(hub.spec, 'POST /Observation', '201') as never;
    const error = await rejection(client().post('/Observation', { body }));
    assert.equal(error.status, 503);
    assert.equal(hub.requests.length, 1);
  });

  test('repeats a conditional create, sending its key as X-Request-ID and its condition each time', async () => {
    hub.script('POST /Observation', (_, attempt) =>
      attempt === 1 ? { status: 503, body: outcome('transient', 'SERVER_ERROR') } : 'example',
    );
    const body = firstExample(hub.spec, 'POST /Observation', '201') as never;
    const key = '0b7f8a7e-3c1d-4f55-9a9e-2f4c1d6b8e01';
    const ifNoneExist = `identifier=https://care-record.example/Id/resident-entry|${key}`;
    const created = await client().post('/Observation', { body, idempotencyKey: key, ifNoneExist });
    assert.deepEqual(
      hub.requests.map((request) => request.headers['if-none-exist']),
      [ifNoneExist, ifNoneExist],
    );
    assert.equal(created.resourceType, 'Observation');
    assert.deepEqual(
      hub.requests.map((request) => request.headers['x-request-id']),
      [key, key],
    );
    assert.equal(hub.requests[0]?.headers['content-type'], 'application/fhir+json');
  });

  test('sends If-None-Exist for a conditional create', async () => {
    const body = firstExample(hub.spec, 'POST /Observation', '201') as never;
    const condition = 'identifier=https://care-record.example/Id/resident-entry|0b7f8a7e';
    await client().post('/Observation', { body, idempotencyKey: '0b7f8a7e-3c1d-4f55-9a9e-2f4c1d6b8e02', ifNoneExist: condition });
    assert.equal(hub.requests[0]?.headers['if-none-exist'], condition);
  });

  test('retry: false sends once', async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 503, body: outcome('transient', 'SERVER_ERROR') }));
    await rejection(client({ retry: false }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(hub.requests.length, 1);
  });
});

describe('the base URL', () => {
  test('outside a page, a base that is only a path is a clear TypeError that does not repeat it', () => {
    for (const baseUrl of ['/fhir', 'fhir', '', 'hub.example.org/fhir?patient=9434765919']) {
      assert.throws(
        () => createHubClient({ baseUrl }),
        (error: unknown) =>
          error instanceof TypeError &&
          /^createHubClient: baseUrl must be a URL/.test(error.message) &&
          !error.message.includes('9434765919'),
        baseUrl,
      );
    }
    assert.equal(createHubClient({ baseUrl: `${hub.baseUrl}?tenant=a#top` }).baseUrl, `${hub.baseUrl.replace(/\/?$/, '')}/`);
  });
});

describe('the request id header', () => {
  test('can be renamed or left out for servers whose CORS policy does not allow it', async () => {
    await client({ requestIdHeader: 'X-Trace-ID' }).get('/Patient/{id}', { path: { id: patientId } });
    assert.match(String(hub.requests[0]?.headers['x-trace-id']), uuid);
    assert.equal(hub.requests[0]?.headers['x-request-id'], undefined);
    hub.reset();
    const response = await client({ requestIdHeader: false }).request('get', '/Patient/{id}', { path: { id: patientId } });
    assert.equal(hub.requests[0]?.headers['x-request-id'], undefined);
    assert.match(response.requestId, uuid, 'errors can still name the request');
  });

  test('without the header a create is never sent twice, having no idempotency key', async () => {
    hub.script('POST /Observation', () => ({ status: 503, body: outcome('transient', 'SERVER_ERROR') }));
    const reading = firstExample(hub.spec, 'POST /Observation', '201') as Record<string, unknown>;
    await rejection(
      client({ requestIdHeader: false }).post('/Observation', {
        body: reading as never,
        idempotencyKey: '0b7c9f8e-55a4-4d3c-9a51-0e0c1f3b7a09',
      }),
    );
    assert.equal(hub.requests.length, 1);
  });
});

describe('timeouts and cancelling', () => {
  test('an attempt that times out is not sent again while the server may still be working on it', async () => {
    hub.script('GET /Patient/{id}', (_, attempt) => (attempt === 1 ? { hangMs: 2_000 } : 'example'));
    const error = await rejection(client({ timeout: { attempt: 150, total: 5_000 } }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'timeout');
    assert.equal(hub.requests.length, 1);
  });

  test('a slow server that answers within the total budget is waited for, once, batch and reads alike', async () => {
    hub.script('GET /Patient/{id}', () => ({ delayMs: 400, status: 200, body: { resourceType: 'Patient', id: patientId } }));
    hub.script('POST /', () => ({
      delayMs: 400,
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ response: { status: '200 OK' }, resource: { resourceType: 'Patient', id: patientId } }],
      },
    }));
    const slow = client({ timeout: { total: 5_000 } });
    const patient = await slow.get('/Patient/{id}', { path: { id: patientId } });
    assert.equal(patient.id, patientId);
    await slow.batch([batchRead('/Patient/{id}', { path: { id: patientId } })]);
    assert.deepEqual(
      hub.requests.map((request) => request.operation),
      ['GET /Patient/{id}', 'POST /'],
    );
  });

  // Ten attempts of 1 s each would take 10 s: a total of 2 s bounding them all ends well before that, even on a busy
  // machine (the margin is the fault's size, not a guess at the machine's speed).
  test('the total timeout bounds the whole request, retries included', async () => {
    hub.script('GET /Patient/{id}', () => ({ hangMs: 30_000 }));
    const started = performance.now();
    const error = await rejection(
      client({ timeout: { attempt: 1_000, total: 2_000 }, retry: { limit: 10, maxDelay: 10 } }).get('/Patient/{id}', {
        path: { id: patientId },
      }),
    );
    const took = performance.now() - started;
    assert.equal(error.kind, 'timeout');
    assert.ok(took < 6_000, `took ${took.toFixed(0)} ms for a 2 s budget`);
  });

  test('aborting cancels an in-flight request', async () => {
    hub.script('GET /Patient/{id}', () => ({ hangMs: 5_000 }));
    const controller = new AbortController();
    const pending = rejection(client().get('/Patient/{id}', { path: { id: patientId }, signal: controller.signal }));
    // Cancelled once the hub has it in hand (after a fixed wait, a loaded machine may not have sent it yet).
    for (let waited = 0; hub.requests.length === 0; waited += 5) {
      assert.ok(waited < 10_000, 'the hub never received the request');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    controller.abort();
    const error = await pending;
    assert.equal(error.kind, 'aborted');
    assert.equal(hub.requests.length, 1);
  });

  test('aborting cancels the wait before a retry', async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 503, headers: { 'retry-after': '30' }, body: outcome('transient', 'SERVER_ERROR') }));
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(
      client({ timeout: { total: 60_000 }, retry: { limit: 2, maxRetryAfter: 60_000 } }).get('/Patient/{id}', {
        path: { id: patientId },
        signal: controller.signal,
      }),
    );
    assert.equal(error.kind, 'aborted');
    // The wait asked for is 30 s; ended by the cancel, it is over in a moment even on a busy machine.
    assert.ok(performance.now() - started < 10_000, `took ${(performance.now() - started).toFixed(0)} ms`);
    assert.equal(hub.requests.length, 1);
  });
});

describe('auth', () => {
  /** A token source whose refresh takes a while, as a real token endpoint does. */
  function rotatingSource(): AccessTokenSource & { refreshes: number } {
    let token = 'expired-token';
    const source = {
      refreshes: 0,
      getAccessToken: () => token,
      async refreshAccessToken() {
        source.refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        token = `fresh-token-${source.refreshes}`;
        return token;
      },
    };
    return source;
  }

  const acceptOnly = (token: string) => (request: { headers: Record<string, unknown> }) =>
    request.headers['authorization'] === `Bearer ${token}`
      ? ('example' as const)
      : { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' }, body: outcome('login', 'ACCESS_DENIED') };

  test('takes the token from an async provider for each request', async () => {
    const hubClient = client({ auth: { getAccessToken: async () => 'provided-token' } });
    await hubClient.get('/Patient/{id}', { path: { id: patientId } });
    assert.equal(hub.requests[0]?.headers['authorization'], 'Bearer provided-token');
  });

  test('refreshes once for ten concurrent requests that meet an expired token, and all succeed', async () => {
    const source = rotatingSource();
    hub.script('GET /Patient/{id}', acceptOnly('fresh-token-1'));
    const hubClient = client({ auth: source });
    const results = await Promise.all(Array.from({ length: 10 }, () => hubClient.get('/Patient/{id}', { path: { id: patientId } })));
    assert.equal(source.refreshes, 1);
    assert.equal(results.length, 10);
    assert.ok(results.every((patient) => patient.id === patientId));
    assert.equal(hub.requests.length, 20);
    // Each logical request kept its own request id across its two attempts.
    assert.equal(new Set(hub.requests.map((request) => request.headers['x-request-id'])).size, 10);
  });

  test('a second 401 after refreshing is the answer: no loop, one refresh', async () => {
    const source = rotatingSource();
    hub.script('GET /Patient/{id}', acceptOnly('a-token-the-hub-never-issued'));
    const error = await rejection(client({ auth: source }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.status, 401);
    assert.equal(source.refreshes, 1);
    assert.equal(hub.requests.length, 2);
  });

  test('a static token that is refused fails at once', async () => {
    hub.script('GET /Patient/{id}', acceptOnly('another-token'));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.status, 401);
    assert.equal(hub.requests.length, 1);
  });

  test('a refresh that fails is reported as 401 without retrying', async () => {
    hub.script('GET /Patient/{id}', acceptOnly('fresh'));
    const source: AccessTokenSource = {
      getAccessToken: () => 'expired-token',
      refreshAccessToken: () => Promise.reject(new Error('refresh token expired')),
    };
    const error = await rejection(client({ auth: source }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.status, 401);
    assert.equal(hub.requests.length, 1);
  });
});

describe('errors', () => {
  test('a HubError names the operation, status, coded issue and request id — and no token or patient data', async () => {
    const diagnostics = 'Patient Jane DOE (NHS 999 000 0018) has no record at F83999';
    hub.script('GET /Patient/{id}', () => ({ status: 404, body: outcome('not-found', 'RESOURCE_NOT_FOUND', diagnostics) }));
    const error = await rejection(client({ auth: 'secret-bearer-token' }).get('/Patient/{id}', { path: { id: '9990000018' } }));
    const requestId = String(hub.requests[0]?.headers['x-request-id']);
    assert.equal(error.status, 404);
    assert.equal(error.requestId, requestId);
    assert.equal(error.outcome?.issue[0]?.diagnostics, diagnostics);
    assert.deepEqual(error.issueCodes, ['not-found/RESOURCE_NOT_FOUND']);
    assert.equal(error.message, `GET /Patient/{id} failed: error response (404) [not-found/RESOURCE_NOT_FOUND]; request ${requestId}`);
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })} ${String(error)}`;
    for (const secret of ['secret-bearer-token', '9990000018', 'DOE', 'Jane', 'F83999']) {
      assert.ok(!everything.includes(secret), `error text leaks "${secret}"`);
    }
  });

  test('a refused connection is a network error', async () => {
    const closed = await startExampleHub(hub.spec);
    await closed.close();
    const error = await rejection(
      createHubClient({ baseUrl: closed.baseUrl, retry: false }).get('/Patient/{id}', { path: { id: patientId } }),
    );
    assert.equal(error.kind, 'network');
  });
});

describe('paging', () => {
  const page = (index: number, hasNext: boolean, base: string) => ({
    resourceType: 'Bundle',
    type: 'searchset',
    total: 5,
    link: [
      { relation: 'self', url: `${base}/Condition?patient=${patientId}&_page=${index}` },
      ...(hasNext ? [{ relation: 'next', url: `${base}/Condition?patient=${patientId}&_page=${index + 1}` }] : []),
    ],
    entry: [0, 1].map((n) => ({
      fullUrl: `${base}/Condition/c-${index}-${n}`,
      resource: { resourceType: 'Condition', id: `c-${index}-${n}`, subject: { reference: `Patient/${patientId}` } },
      search: { mode: 'match' },
    })),
  });

  test('follows link[next] page by page as the loop asks', async () => {
    hub.script('GET /Condition', (request) => {
      const index = Number(request.url.searchParams.get('_page') ?? '1');
      return { status: 200, body: page(index, index < 3, hub.baseUrl) };
    });
    const ids: string[] = [];
    for await (const condition of client().matches('/Condition', { query: { patient: patientId } })) {
      assert.equal(condition.resourceType, 'Condition');
      ids.push(String(condition.id));
    }
    assert.deepEqual(ids, ['c-1-0', 'c-1-1', 'c-2-0', 'c-2-1', 'c-3-0', 'c-3-1']);
    assert.equal(hub.requests.length, 3);
  });

  test('aborting between pages stops the walk with an aborted HubError', async () => {
    hub.script('GET /Condition', (request) => {
      const index = Number(request.url.searchParams.get('_page') ?? '1');
      return { status: 200, body: page(index, true, hub.baseUrl) };
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const condition of client().matches('/Condition', { query: { patient: patientId }, signal: controller.signal })) {
        seen.push(String(condition.id));
        if (seen.length === 2) controller.abort();
      }
    })();
    const error = await rejection(walk);
    assert.equal(error.kind, 'aborted');
    assert.deepEqual(seen, ['c-1-0', 'c-1-1']);
    assert.equal(hub.requests.length, 1);
  });

  test('collect stops fetching once it has enough', async () => {
    hub.script('GET /Condition', (request) => {
      const index = Number(request.url.searchParams.get('_page') ?? '1');
      return { status: 200, body: page(index, true, hub.baseUrl) };
    });
    const found = await client().collect('/Condition', { query: { patient: patientId } }, { max: 3 });
    assert.deepEqual(
      found.map((condition) => condition.id),
      ['c-1-0', 'c-1-1', 'c-2-0'],
    );
    assert.equal(hub.requests.length, 2);
  });

  test('skips included resources and outcomes when listing matches', async () => {
    hub.script('GET /Condition', () => ({
      status: 200,
      body: {
        ...page(1, false, hub.baseUrl),
        entry: [
          ...page(1, false, hub.baseUrl).entry,
          { resource: outcome('incomplete', 'SOURCE_UNAVAILABLE'), search: { mode: 'outcome' } },
        ],
      },
    }));
    const found = await client().collect('/Condition', { query: { patient: patientId } }, { max: 10 });
    assert.equal(found.length, 2);
  });

  test('follows paging links the way other FHIR servers write them (HAPI: the base itself with _getpages)', async () => {
    const base = hub.baseUrl.replace(/\/$/, '');
    hub.script('GET /Condition', () => ({
      status: 200,
      body: { ...page(1, false, hub.baseUrl), link: [{ relation: 'next', url: `${base}?_getpages=abc123&_getpagesoffset=2&_count=2` }] },
    }));
    hub.script('GET /', (request) => {
      assert.equal(request.url.searchParams.get('_getpages'), 'abc123');
      return { status: 200, body: { ...page(2, false, hub.baseUrl), link: [] } };
    });
    const found = await client().collect('/Condition', { query: { patient: patientId } }, { max: 10 });
    assert.equal(found.length, 4);
    assert.equal(hub.requests[1]?.headers['authorization'], 'Bearer static-token');
  });

  test('refuses links beside the base that only share its beginning, or that leave its origin', async () => {
    const base = new URL(hub.baseUrl);
    for (const link of [
      `${base.origin}/fhirx/Condition?page=2`,
      `${base.origin}/other/Condition`,
      `http://127.0.0.2:${base.port}/fhir/Condition`,
    ]) {
      hub.reset();
      hub.script('GET /Condition', () => ({
        status: 200,
        body: { ...page(1, false, hub.baseUrl), link: [{ relation: 'next', url: link }] },
      }));
      const error = await rejection(client().collect('/Condition', { query: { patient: patientId } }, { max: 10 }));
      assert.equal(error.kind, 'unsafe-link', link);
      assert.equal(hub.requests.length, 1, link);
    }
  });

  test('does not follow a next link that leads away from the hub, nor send the token there', async () => {
    hub.script('GET /Condition', () => ({
      status: 200,
      body: { ...page(1, false, hub.baseUrl), link: [{ relation: 'next', url: 'http://127.0.0.2:9/steal?token=1' }] },
    }));
    const error = await rejection(client().collect('/Condition', { query: { patient: patientId } }, { max: 10 }));
    assert.equal(error.kind, 'unsafe-link');
    assert.equal(hub.requests.length, 1);
  });
});

describe('batch', () => {
  test('sends several reads as one batch Bundle and returns each entry typed, failures included', async () => {
    hub.script('POST /', (request) => {
      const sent = JSON.parse(request.body) as { type: string; entry: { request: { method: string; url: string } }[] };
      assert.equal(sent.type, 'batch');
      assert.deepEqual(
        sent.entry.map((entry) => `${entry.request.method} ${entry.request.url}`),
        [`GET Patient/${patientId}`, `GET AllergyIntolerance?patient=${patientId}`, 'GET Patient/pat-9999'],
      );
      return {
        status: 200,
        body: {
          resourceType: 'Bundle',
          type: 'batch-response',
          entry: [
            { resource: { resourceType: 'Patient', id: patientId }, response: { status: '200 OK' } },
            { resource: { resourceType: 'Bundle', type: 'searchset', total: 0 }, response: { status: '200 OK' } },
            { response: { status: '404 Not Found', outcome: outcome('not-found', 'RESOURCE_NOT_FOUND') } },
          ],
        },
      };
    });
    const [patient, allergies, missing] = await client().batch([
      batchRead('/Patient/{id}', { path: { id: patientId } }),
      batchRead('/AllergyIntolerance', { query: { patient: patientId } }),
      batchRead('/Patient/{id}', { path: { id: 'pat-9999' } }),
    ]);
    assert.equal(hub.requests.length, 1);
    assert.ok(patient.ok && patient.resource.id === patientId);
    assert.ok(allergies.ok && allergies.resource.type === 'searchset');
    assert.ok(!missing.ok);
    assert.equal(missing.status, 404);
    assert.equal(missing.error.kind, 'http');
    assert.deepEqual(missing.error.issueCodes, ['not-found/RESOURCE_NOT_FOUND']);
    assert.equal(missing.error.operation, 'GET /Patient/{id}');
  });

  test('an entry that answers with another patient fails on its own', async () => {
    hub.script('POST /', () => ({
      status: 200,
      body: {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ resource: { resourceType: 'Patient', id: 'pat-0002' }, response: { status: '200 OK' } }],
      },
    }));
    const [patient] = await client().batch([batchRead('/Patient/{id}', { path: { id: patientId } })]);
    assert.ok(!patient.ok);
    assert.equal(patient.error.kind, 'invalid-response');
  });

  test("batchReads: 'parallel' sends each read as its own GET, and answers exactly as a batch would", async () => {
    hub.script('GET /Patient/{id}', (request) =>
      request.url.pathname.includes('pat-9999')
        ? { status: 404, body: outcome('not-found', 'RESOURCE_NOT_FOUND') }
        : { status: 200, body: { resourceType: 'Patient', id: patientId } },
    );
    hub.script('GET /AllergyIntolerance', () => ({ status: 200, body: { resourceType: 'Bundle', type: 'searchset', total: 0 } }));
    const [patient, allergies, missing] = await client({ batchReads: 'parallel' }).batch([
      batchRead('/Patient/{id}', { path: { id: patientId } }),
      batchRead('/AllergyIntolerance', { query: { patient: patientId } }),
      batchRead('/Patient/{id}', { path: { id: 'pat-9999' } }),
    ]);
    assert.deepEqual(hub.requests.map((request) => request.method).sort(), ['GET', 'GET', 'GET']);
    assert.ok(patient.ok && patient.resource.id === patientId);
    assert.ok(allergies.ok && allergies.resource.type === 'searchset');
    assert.ok(!missing.ok);
    assert.equal(missing.status, 404);
    assert.equal(missing.error.kind, 'http');
    assert.deepEqual(missing.error.issueCodes, ['not-found/RESOURCE_NOT_FOUND']);
  });

  test("batchReads: 'parallel': an answer about another patient fails that read only", async () => {
    hub.script('GET /Patient/{id}', () => ({ status: 200, body: { resourceType: 'Patient', id: 'pat-0002' } }));
    const [patient] = await client({ batchReads: 'parallel' }).batch([batchRead('/Patient/{id}', { path: { id: patientId } })]);
    assert.ok(!patient.ok);
    assert.equal(patient.error.kind, 'invalid-response');
  });

  test('a batch-response with the wrong number of entries is refused whole', async () => {
    hub.script('POST /', () => ({ status: 200, body: { resourceType: 'Bundle', type: 'batch-response', entry: [] } }));
    const error = await rejection(client().batch([batchRead('/Patient/{id}', { path: { id: patientId } })]));
    assert.equal(error.kind, 'invalid-response');
  });
});
