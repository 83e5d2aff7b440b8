/**
 * The client against servers that are not our hub, answering the way other
 * FHIR servers, gateways and proxies do on a real socket: bodies that stall or
 * break off after the headers, redirects to other places, `Retry-After` as an
 * HTTP-date. Each fault is tested as a class, across the operations that meet it.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { batchRead, createHubClient, HubError, type HubClient } from '../../src/index.js';
import { fhirJson, rejection, startLoopbackServer, type LoopbackServer, type SeenRequest } from './loopback-server.js';

const patientId = 'pat-0001';
const token = 'bearer-for-the-hub-only';
/** A client that hangs fails its test rather than the whole file. */
const bounded = { timeout: 30_000 };
/**
 * "At once", on a machine busy with other test files: far below every wait a fault here would make (the server's
 * 20–120 s, a total timeout of 8–15 s, a hang), far above a loaded machine's pauses. The error's kind tells the
 * fault apart as well.
 */
const PROMPTLY_MS = 5_000;

let server: LoopbackServer;
let elsewhere: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
  elsewhere = await startLoopbackServer();
});
after(async () => {
  await server.close();
  await elsewhere.close();
});
beforeEach(() => {
  server.requests.length = 0;
  elsewhere.requests.length = 0;
  elsewhere.answer = (_, response) => send(response, 200, patient);
});

const base = () => `${server.origin}/fhir`;
const client = (options: Partial<Parameters<typeof createHubClient>[0]> = {}): HubClient =>
  createHubClient({ baseUrl: base(), auth: token, retry: { limit: 2, maxDelay: 20 }, ...options });

const patient = { resourceType: 'Patient', id: patientId };
const observation = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'Blood pressure' },
  subject: { reference: `Patient/${patientId}` },
};
const searchPage = (next?: string) => ({
  resourceType: 'Bundle',
  type: 'searchset',
  ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
  entry: [{ resource: { ...observation, id: 'obs-1' }, search: { mode: 'match' } }],
});

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...fhirJson, ...headers }).end(JSON.stringify(body));
}

/** The operations a record screen and a reading form make, each answered well by `answerWell`. */
interface Operation {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  answerWell(request: SeenRequest, response: ServerResponse): void;
  call(hub: HubClient, signal?: AbortSignal): Promise<unknown>;
}
const operations: Operation[] = [
  {
    name: 'a read',
    method: 'GET',
    answerWell: (_, response) => send(response, 200, patient),
    call: (hub, signal) => hub.get('/Patient/{id}', { path: { id: patientId }, ...(signal ? { signal } : {}) }),
  },
  {
    name: 'a search',
    method: 'GET',
    answerWell: (_, response) => send(response, 200, searchPage()),
    call: (hub, signal) => hub.collect('/Observation', { query: { patient: patientId }, ...(signal ? { signal } : {}) }, { max: 10 }),
  },
  {
    name: 'a batch',
    method: 'POST',
    answerWell: (_, response) =>
      send(response, 200, {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ resource: patient, response: { status: '200 OK' } }],
      }),
    call: (hub, signal) => hub.batch([batchRead('/Patient/{id}', { path: { id: patientId } })], signal ? { signal } : {}),
  },
  {
    name: 'a create',
    method: 'POST',
    answerWell: (_, response) => send(response, 201, { ...observation, id: 'obs-2' }),
    call: (hub, signal) => hub.post('/Observation', { body: observation as never, ...(signal ? { signal } : {}) }),
  },
  {
    name: 'an update',
    method: 'PUT',
    answerWell: (_, response) => send(response, 200, { resourceType: 'Consent', id: 'consent-1' }),
    call: (hub, signal) =>
      hub.request('put', '/Consent/{id}', {
        path: { id: 'consent-1' },
        body: { resourceType: 'Consent', id: 'consent-1' } as never,
        headers: { 'if-match': 'W/"1"' },
        ...(signal ? { signal } : {}),
      }),
  },
];

describe('a body that stalls or breaks off after the headers', () => {
  /** Headers and the start of the JSON, then `then` decides what happens to the rest. */
  const startThen = (then: (response: ServerResponse) => void) => (_: SeenRequest, response: ServerResponse) => {
    response.writeHead(200, { ...fhirJson, 'content-length': '4000' });
    response.write('{"resourceType":"Patient",');
    then(response);
  };

  test('a body that never finishes times out within the total timeout', bounded, async () => {
    server.answer = startThen(() => undefined);
    const started = Date.now();
    const error = await rejection(client({ timeout: { total: 300 } }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'timeout');
    assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
  });

  test('a connection dropped halfway through the body is a network error, not a raw TypeError', bounded, async () => {
    server.answer = startThen((response) => setTimeout(() => response.destroy(), 20));
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'network');
  });

  const faults = [
    { fault: 'stalls', kind: 'timeout', then: () => undefined },
    { fault: 'breaks off', kind: 'network', then: (response: ServerResponse) => setTimeout(() => response.destroy(), 20) },
    { fault: 'is cancelled by the caller', kind: 'aborted', then: () => undefined, abortAfterMs: 100 },
  ] as const;
  for (const operation of operations) {
    for (const { fault, kind, then, ...rest } of faults) {
      test(`${operation.name} whose body ${fault} fails as a '${kind}' HubError, promptly`, bounded, async () => {
        server.answer = startThen(then);
        const controller = new AbortController();
        if ('abortAfterMs' in rest) setTimeout(() => controller.abort(), rest.abortAfterMs);
        const started = Date.now();
        const error = await rejection(operation.call(client({ timeout: { total: 400 } }), controller.signal));
        assert.equal(error.kind, kind);
        assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
      });
    }
  }

  test('the next page of a search that stalls is bounded the same way', bounded, async () => {
    server.answer = (request, response) => {
      if (request.url.includes('page=2')) startThen(() => undefined)(request, response);
      else send(response, 200, searchPage(`${base()}/Observation?patient=${patientId}&page=2`));
    };
    const error = await rejection(
      client({ timeout: { total: 400 } }).collect('/Observation', { query: { patient: patientId } }, { max: 10 }),
    );
    assert.equal(error.kind, 'timeout');
    assert.equal(server.requests.length, 2);
  });
});

describe('redirects', () => {
  const redirectTo = (status: number, location: () => string) => (_: SeenRequest, response: ServerResponse) => {
    response.writeHead(status, { location: location() }).end();
  };

  test('a read redirected to another origin is refused, and the token does not follow it', async () => {
    server.answer = redirectTo(307, () => `${elsewhere.origin}/fhir/Patient/${patientId}`);
    const error = await rejection(client().get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'unsafe-link');
    assert.equal(elsewhere.requests[0]?.headers.authorization, undefined);
  });

  test("a create redirected to another origin does not carry the resident's reading there", async () => {
    server.answer = redirectTo(307, () => `${elsewhere.origin}/fhir/Observation`);
    const error = await rejection(client().post('/Observation', { body: observation as never }));
    assert.equal(error.kind, 'unsafe-link');
    assert.equal(error.status, 307);
    assert.deepEqual(elsewhere.requests, []);
  });

  const targets = [
    { target: 'another origin', location: () => `${elsewhere.origin}/fhir/Patient/${patientId}`, underBase: false },
    { target: 'beside the base on the same origin', location: () => `${server.origin}/admin/Patient/${patientId}`, underBase: false },
    { target: 'under the base', location: () => `${base()}/Patient/${patientId}?_format=json`, underBase: true },
  ];
  for (const status of [301, 302, 303, 307, 308]) {
    for (const { target, location, underBase } of targets) {
      for (const operation of operations) {
        // Only a read is ever followed, and only while it stays under the hub's base.
        const followed = operation.method === 'GET' && underBase;
        test(`${status} to ${target} for ${operation.name}: ${followed ? 'followed' : 'refused as unsafe-link'}`, bounded, async () => {
          let first = true;
          const answer: LoopbackServer['answer'] = (request, response) => {
            if (first) {
              first = false;
              redirectTo(status, location)(request, response);
            } else operation.answerWell(request, response);
          };
          server.answer = answer;
          elsewhere.answer = answer;
          const outcome = await operation.call(client()).then(
            () => 'ok',
            (error: unknown) => (error instanceof HubError ? error.kind : String(error)),
          );
          assert.equal(outcome, followed ? 'ok' : 'unsafe-link');
          const sentOn = [...server.requests.slice(1), ...elsewhere.requests];
          if (operation.method !== 'GET') assert.deepEqual(sentOn, [], 'a write is sent once, to the hub only');
          for (const request of elsewhere.requests) assert.equal(request.headers.authorization, undefined);
        });
      }
    }
  }
});

describe('Retry-After', () => {
  test('an HTTP-date is read as the seconds it is away, as HAPI and gateways send it', async () => {
    const now = Date.now();
    server.answer = (_, response) =>
      send(
        response,
        503,
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] },
        {
          date: new Date(now).toUTCString(),
          'retry-after': new Date(now + 120_000).toUTCString(),
        },
      );
    const error = await rejection(client({ retry: false }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.retryAfterSeconds, 120);
  });

  test('in seconds or as an HTTP-date, on every status that carries it, the error says how long to wait', async () => {
    const statuses = [403, 404, 410, 412, 422, 429, 500, 503];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...statuses),
        fc.integer({ min: 0, max: 86_400 }),
        fc.constantFrom('seconds', 'date', 'date without Date header'),
        fc.integer({ min: -600, max: 600 }),
        async (status, delay, form, clockSkewSeconds) => {
          // Whole seconds on the server's clock, which may be ahead of or behind this one.
          const serverNow = Math.floor(Date.now() / 1000) * 1000 + clockSkewSeconds * 1000;
          const headers: Record<string, string> =
            form === 'seconds'
              ? { 'retry-after': String(delay) }
              : form === 'date'
                ? { date: new Date(serverNow).toUTCString(), 'retry-after': new Date(serverNow + delay * 1000).toUTCString() }
                : { 'retry-after': new Date(Math.floor(Date.now() / 1000) * 1000 + delay * 1000).toUTCString() };
          server.answer = (_, response) => response.writeHead(status, { 'content-type': 'text/html', ...headers }).end('<h1>Busy</h1>');
          const error = await rejection(client({ retry: false }).get('/Patient/{id}', { path: { id: patientId } }));
          assert.equal(error.status, status);
          const told = error.retryAfterSeconds;
          assert.ok(told !== undefined, `${form} ${headers['retry-after']}`);
          // Without the server's clock to measure against, a second may pass between sending and reading.
          const slack = form === 'date without Date header' ? 1 : 0;
          assert.ok(Math.abs(told - delay) <= slack, `${form}: told ${told}, meant ${delay}`);
        },
      ),
      { numRuns: 60, seed: 20261206 },
    );
  });
});

describe('a wait the server asks for', () => {
  const busy = (status: number, retryAfter: string) => (_: SeenRequest, response: ServerResponse) =>
    send(
      response,
      status,
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'throttled' }] },
      { 'retry-after': retryAfter },
    );

  test('longer than the time left is reported at once as the 429 it is, not waited out into a timeout', bounded, async () => {
    server.answer = busy(429, '120');
    const started = Date.now();
    const error = await rejection(client({ timeout: { total: 15_000 } }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.equal(error.kind, 'http');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterSeconds, 120);
    assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
    assert.equal(server.requests.length, 1);
  });

  // Time left 8 s: a wait of 0 or 1 s is kept, 20 s is longer than the time left; 30 s cut to a 0.5 s maxRetryAfter is kept.
  const waits = [
    { seconds: 0, maxRetryAfter: 60_000, waited: true },
    { seconds: 1, maxRetryAfter: 60_000, waited: true },
    { seconds: 20, maxRetryAfter: 60_000, waited: false },
    { seconds: 30, maxRetryAfter: 500, waited: true },
  ];
  for (const status of [429, 503]) {
    for (const form of ['seconds', 'HTTP-date'] as const) {
      for (const { seconds, maxRetryAfter, waited } of waits) {
        test(
          `${status} asking for ${seconds} s as ${form}: ${waited ? 'waited for, then sent again' : 'reported at once'}`,
          bounded,
          async () => {
            const retryAfter = () => (form === 'seconds' ? String(seconds) : new Date(Date.now() + seconds * 1000).toUTCString());
            let first = true;
            server.answer = (request, response) => {
              if (first) busy(status, retryAfter())(request, response);
              else send(response, 200, patient);
              first = false;
            };
            const hub = client({ timeout: { total: 8_000 }, retry: { limit: 1, maxDelay: 20, maxRetryAfter } });
            const started = Date.now();
            const outcome = await hub.get('/Patient/{id}', { path: { id: patientId } }).then(
              () => 'ok',
              (error: unknown) => error,
            );
            if (waited) {
              assert.equal(outcome, 'ok');
              assert.equal(server.requests.length, 2);
            } else {
              assert.ok(outcome instanceof HubError, String(outcome));
              assert.deepEqual([outcome.kind, outcome.status, server.requests.length], ['http', status, 1]);
              assert.ok(outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds >= seconds - 1);
              assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
            }
          },
        );
      }
    }
  }
});

describe('cancelling while a token is awaited', () => {
  const never = () => new Promise<string>(() => undefined);
  const unauthorised = (_: SeenRequest, response: ServerResponse) =>
    send(
      response,
      401,
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] },
      {
        'www-authenticate': 'Bearer error="invalid_token"',
      },
    );

  test('a cancel during a refresh that hangs ends the request at once, not at the total timeout', bounded, async () => {
    server.answer = unauthorised;
    const hub = client({ auth: { getAccessToken: () => 'expired', refreshAccessToken: never } });
    const started = Date.now();
    const error = await rejection(hub.get('/Patient/{id}', { path: { id: patientId }, signal: AbortSignal.timeout(100) }));
    assert.equal(error.kind, 'aborted');
    assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
  });

  const waits = [
    { wait: 'its own refresh after a 401', before: () => Promise.resolve() },
    {
      wait: "another request's refresh",
      // Another read meets the 401 first; this request then waits for the refresh it started.
      before: (hub: HubClient) => {
        void hub.get('/Patient/{id}', { path: { id: patientId } }).catch(() => undefined);
        return new Promise((resolve) => setTimeout(resolve, 50));
      },
    },
  ];
  for (const { wait, before: first } of waits) {
    for (const operation of operations) {
      test(`${operation.name} cancelled while waiting for ${wait} fails as 'aborted' at once`, bounded, async () => {
        server.answer = unauthorised;
        const hub = client({ auth: { getAccessToken: () => 'expired', refreshAccessToken: never } });
        await first(hub);
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 150);
        const started = Date.now();
        const error = await rejection(operation.call(hub, controller.signal));
        assert.equal(error.kind, 'aborted');
        assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
      });
    }
  }

  test('a cancel while a token provider is slow to give the token ends the request at once', bounded, async () => {
    server.answer = (_, response) => send(response, 200, patient);
    const hub = client({ auth: { getAccessToken: never } });
    const started = Date.now();
    const error = await rejection(hub.get('/Patient/{id}', { path: { id: patientId }, signal: AbortSignal.timeout(100) }));
    assert.equal(error.kind, 'aborted');
    assert.ok(Date.now() - started < PROMPTLY_MS, `took ${Date.now() - started} ms`);
    assert.equal(server.requests.length, 0);
  });
});

describe('paging links that lead back', () => {
  /** Page `index` of a chain of `count` pages whose last page's next link leads back to page `back`. */
  function chain(count: number, back: number, form: 'absolute' | 'relative' | 'HAPI', withSelf: boolean) {
    const first = `${base()}/Observation?patient=${patientId}`;
    const url = (index: number) =>
      index === 0
        ? first
        : form === 'absolute'
          ? `${first}&page=${index}`
          : form === 'relative'
            ? `Observation?patient=${patientId}&page=${index}`
            : `${base()}?_getpages=a1b2&_getpagesoffset=${index * 2}&_count=2`;
    return (request: SeenRequest, response: ServerResponse) => {
      const query = new URL(request.url, server.origin).searchParams;
      const index = Number(query.get('page') ?? Number(query.get('_getpagesoffset') ?? 0) / 2);
      const next = index < count - 1 ? index + 1 : back;
      send(response, 200, {
        resourceType: 'Bundle',
        type: 'searchset',
        link: [...(withSelf ? [{ relation: 'self', url: url(index) }] : []), { relation: 'next', url: url(next) }],
        entry: [0, 1].map((n) => ({ resource: { ...observation, id: `obs-${index}-${n}` }, search: { mode: 'match' } })),
      });
    };
  }

  test('a last page whose next link is itself ends the walk: each match once', bounded, async () => {
    server.answer = chain(2, 1, 'absolute', true);
    const found = await client().collect('/Observation', { query: { patient: patientId } }, { max: 100 });
    assert.deepEqual(
      found.map((match) => match.id),
      ['obs-0-0', 'obs-0-1', 'obs-1-0', 'obs-1-1'],
    );
    assert.equal(server.requests.length, 2);
  });

  test('however a server writes a next link back to a page already read, every page is read once and the walk ends', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((count) => fc.tuple(fc.constant(count), fc.integer({ min: 0, max: count - 1 }))),
        fc.constantFrom('absolute' as const, 'relative' as const, 'HAPI' as const),
        fc.boolean(),
        async ([count, back], form, withSelf) => {
          server.requests.length = 0;
          server.answer = chain(count, back, form, withSelf);
          const found = await client().collect('/Observation', { query: { patient: patientId } }, { max: 200 });
          const expected = Array.from({ length: count }, (_, index) => [`obs-${index}-0`, `obs-${index}-1`]).flat();
          assert.deepEqual(
            found.map((match) => match.id),
            expected,
          );
          assert.equal(server.requests.length, count);
        },
      ),
      { numRuns: 60, seed: 3107 },
    );
  });
});

describe('content types other servers send', () => {
  const denied = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'forbidden', details: { coding: [{ code: 'NO_LEGITIMATE_RELATIONSHIP' }] } }],
  };
  const answerAs = (status: number, body: unknown, contentType: string | undefined) => (_: SeenRequest, response: ServerResponse) =>
    response.writeHead(status, contentType === undefined ? {} : { 'content-type': contentType }).end(JSON.stringify(body));

  test("a 403's OperationOutcome sent as application/json+fhir (the DSTU2 type) is read", async () => {
    server.answer = answerAs(403, denied, 'application/json+fhir');
    const error = await rejection(client({ retry: false }).get('/Patient/{id}', { path: { id: patientId } }));
    assert.deepEqual(error.issueCodes, ['forbidden/NO_LEGITIMATE_RELATIONSHIP']);
    assert.deepEqual(error.outcome, denied);
  });

  const contentTypes = [
    'application/fhir+json',
    'application/fhir+json; fhirVersion=4.0; charset=utf-8',
    'application/json',
    'application/json+fhir',
    'text/plain',
    'text/html',
    undefined,
  ];
  for (const contentType of contentTypes) {
    test(`as ${contentType ?? 'no content type'}: a resource is read, and every error status's OperationOutcome with it`, async () => {
      server.answer = answerAs(200, patient, contentType);
      assert.deepEqual(await client().get('/Patient/{id}', { path: { id: patientId } }), patient);
      for (const status of [400, 401, 403, 404, 409, 410, 412, 422, 429, 500, 503]) {
        server.answer = answerAs(status, denied, contentType);
        const error = await rejection(client({ retry: false }).get('/Patient/{id}', { path: { id: patientId } }));
        assert.deepEqual([error.status, error.outcome], [status, denied]);
      }
    });
  }
});

describe("a batch entry's OperationOutcome", () => {
  const gone = {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code: 'deleted', details: { coding: [{ code: 'RESOURCE_DELETED' }] } }],
  };
  const batchAnswer = (status: number, where: 'response.outcome' | 'resource') => (request: SeenRequest, response: ServerResponse) => {
    if (request.method === 'GET') return send(response, status, gone);
    const entry = { response: { status: String(status), ...(where === 'response.outcome' ? { outcome: gone } : {}) } };
    send(response, 200, {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [where === 'resource' ? { ...entry, resource: gone } : entry],
    });
  };

  test('is read from the entry’s resource, where some servers put it', async () => {
    server.answer = batchAnswer(410, 'resource');
    const [result] = await client().batch([batchRead('/Patient/{id}', { path: { id: patientId } })]);
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? undefined : [result.outcome, result.error.issueCodes], [gone, ['deleted/RESOURCE_DELETED']]);
  });

  for (const status of [400, 403, 404, 410, 500]) {
    for (const where of ['response.outcome', 'resource'] as const) {
      test(`${status} with the outcome in ${where}: the same failure as a batch and as separate reads`, async () => {
        server.answer = batchAnswer(status, where);
        const reads = [batchRead('/Patient/{id}', { path: { id: patientId } })] as const;
        for (const batchReads of ['batch', 'parallel'] as const) {
          const [result] = await client({ batchReads, retry: false }).batch(reads);
          assert.ok(!result.ok, batchReads);
          assert.deepEqual(
            [result.status, result.outcome, result.error.issueCodes],
            [status, gone, ['deleted/RESOURCE_DELETED']],
            batchReads,
          );
        }
      });
    }
  }
});

describe('a write answered without its resource (Prefer: return=minimal)', () => {
  const stored = { ...observation, id: 'obs-9', meta: { versionId: '1' } };
  const consent = { resourceType: 'Consent', id: 'consent-1', meta: { versionId: '2' } };
  /** Answers the write with an empty body, and reads of `path` with `resource`. */
  const minimal =
    (status: number, location: string | undefined, path: string, resource: unknown) => (request: SeenRequest, response: ServerResponse) => {
      if (request.method === 'GET') return request.url.startsWith(path) ? send(response, 200, resource) : send(response, 404, {});
      response.writeHead(status, { etag: 'W/"1"', ...(location === undefined ? {} : { location }) }).end();
    };

  test('a create answered 201 with only a Location gives the created resource, read from there', async () => {
    server.answer = minimal(201, `${base()}/Observation/obs-9/_history/1`, '/fhir/Observation/obs-9', stored);
    const created = await client().request('post', '/Observation', { body: observation as never });
    assert.deepEqual([created.status, created.data, created.etag], [201, stored, 'W/"1"']);
    assert.deepEqual(
      server.requests.map((request) => `${request.method} ${request.url}`),
      ['POST /fhir/Observation', 'GET /fhir/Observation/obs-9/_history/1'],
    );
  });

  const locations = [
    { form: 'absolute', location: () => `${base()}/Observation/obs-9/_history/1` },
    { form: 'relative', location: () => 'Observation/obs-9/_history/1' },
    { form: 'absent', location: () => undefined },
  ];
  for (const status of [200, 201]) {
    for (const { form, location } of locations) {
      test(`a create answered ${status} with its Location ${form}: ${form === 'absent' ? 'a broken contract' : 'the resource'}, sent once`, async () => {
        server.answer = minimal(status, location(), '/fhir/Observation/obs-9', stored);
        const outcome = await client()
          .post('/Observation', { body: observation as never })
          .then(
            (created) => created,
            (error: unknown) => (error instanceof HubError ? error.kind : error),
          );
        assert.deepEqual(outcome, form === 'absent' ? 'invalid-response' : stored);
        assert.equal(server.requests.filter((request) => request.method === 'POST').length, 1);
      });
      test(`an update answered ${status} with its Location ${form}: the resource, sent once`, async () => {
        server.answer = minimal(
          status,
          location()?.replace('Observation/obs-9/_history/1', 'Consent/consent-1'),
          '/fhir/Consent/consent-1',
          consent,
        );
        const updated = await client().request('put', '/Consent/{id}', {
          path: { id: 'consent-1' },
          body: consent as never,
          headers: { 'if-match': 'W/"1"' },
        });
        assert.deepEqual([updated.status, updated.data], [status, consent]);
        assert.equal(server.requests.filter((request) => request.method === 'PUT').length, 1);
        assert.equal(server.requests.find((request) => request.method === 'GET')?.headers['if-match'], undefined);
      });
    }
  }

  test('a Location away from the hub is not followed, nor the token sent there', async () => {
    server.answer = minimal(201, `${elsewhere.origin}/fhir/Observation/obs-9`, '/none', stored);
    const error = await rejection(client().post('/Observation', { body: observation as never }));
    assert.equal(error.kind, 'unsafe-link');
    assert.deepEqual(elsewhere.requests, []);
  });
});

describe('next links written by a server behind a TLS terminator', () => {
  /** The scheme a server behind a TLS terminator sees (http for https, here the other way round), on the hub's host. */
  const innerBases = [
    { behind: 'on the same port', base: () => base().replace(/^http:/, 'https:') },
    { behind: 'on the default port', base: () => base().replace(/^http:\/\/([^:/]+):\d+/, 'https://$1') },
  ];
  const forms = [
    { form: 'search', next: (inner: string, index: number) => `${inner}/Observation?patient=${patientId}&page=${index}` },
    { form: 'HAPI _getpages', next: (inner: string, index: number) => `${inner}?_getpages=a1b2&_getpagesoffset=${index * 2}` },
  ];
  const chain = (next: (index: number) => string, pages: number) => (request: SeenRequest, response: ServerResponse) => {
    const query = new URL(request.url, server.origin).searchParams;
    const index = Number(query.get('page') ?? Number(query.get('_getpagesoffset') ?? 0) / 2);
    send(response, 200, {
      resourceType: 'Bundle',
      type: 'searchset',
      link: index < pages - 1 ? [{ relation: 'next', url: next(index + 1) }] : [],
      entry: [{ resource: { ...observation, id: `obs-${index}` }, search: { mode: 'match' } }],
    });
  };
  for (const { behind, base: inner } of innerBases) {
    for (const { form, next } of forms) {
      test(`the other scheme ${behind}, ${form} links: every page read from the hub's own address`, async () => {
        server.answer = chain((index) => next(inner(), index), 3);
        const found = await client().collect('/Observation', { query: { patient: patientId } }, { max: 10 });
        assert.deepEqual(
          found.map((match) => match.id),
          ['obs-0', 'obs-1', 'obs-2'],
        );
        assert.equal(server.requests.length, 3);
        assert.ok(server.requests.every((request) => request.headers.authorization === `Bearer ${token}`));
      });
    }
  }

  test('another host or port, or a path beside the base, is another server: still refused', async () => {
    const port = new URL(server.origin).port;
    for (const link of [
      'http://fhir-internal.local:8080/fhir/Observation?page=1',
      `https://127.0.0.2:${port}/fhir/Observation?page=1`,
      `${elsewhere.origin}/fhir/Observation?page=1`,
      `https://127.0.0.1:${port}/admin/Observation?page=1`,
      `ftp://127.0.0.1:${port}/fhir/Observation?page=1`,
    ]) {
      server.requests.length = 0;
      server.answer = (_, response) => send(response, 200, searchPage(link));
      const error = await rejection(client().collect('/Observation', { query: { patient: patientId } }, { max: 10 }));
      assert.equal(error.kind, 'unsafe-link', link);
      assert.equal(server.requests.length, 1, link);
      assert.deepEqual(elsewhere.requests, []);
    }
  });
});
