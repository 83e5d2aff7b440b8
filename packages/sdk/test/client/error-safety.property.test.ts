/**
 * Every way a request can fail ends in a HubError whose every rendering
 * (message, stack, String, JSON, util.inspect, cause) is free of the bearer
 * token and of the patient: NHS number, name, identifiers in the path, the
 * query or a paging link. Generated patients and tokens, real loopback servers.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { batchRead, createHubClient, HubError, type HubClient, type HubErrorKind } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from './loopback-server.js';

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

interface Secrets {
  token: string;
  nhsNumber: string;
  family: string;
  given: string;
}

const secrets = fc.record({
  token: fc.stringMatching(/^tok_[A-Za-z0-9._~+/-]{16,40}$/),
  nhsNumber: fc.stringMatching(/^9[0-9]{9}$/),
  family: fc.stringMatching(/^Zq[a-z]{3,8}$/),
  given: fc.stringMatching(/^Xv[a-z]{3,8}$/),
});

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { ...fhirJson, ...headers }).end(JSON.stringify(body));

/** What the servers say, echoing the patient back as careless servers do. */
function outcomeAbout(s: Secrets, url: string) {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: 'not-found', diagnostics: `No ${s.given} ${s.family} with NHS number ${s.nhsNumber} at ${url}` },
      { severity: 'error', code: 'processing', details: { text: `${s.family} ${s.nhsNumber}`, coding: [{ code: s.nhsNumber }] } },
      { severity: 'warning', code: s.family, expression: [`Patient.identifier.where(value='${s.nhsNumber}')`] },
    ],
  };
}

interface Scenario {
  kind: HubErrorKind;
  /** What the hub does with the request. */
  answer(s: Secrets, request: SeenRequest, response: ServerResponse): void;
  /** Makes the failing call, with the patient in the path, the query or the body. */
  call(hub: HubClient, s: Secrets): Promise<unknown>;
  /** The client's total timeout: short only where running out of time is the point, so a busy machine can't. */
  timeoutMs?: number;
}

const read = (hub: HubClient, s: Secrets, signal?: AbortSignal) =>
  hub.get('/Patient/{id}', { path: { id: `nhs-${s.nhsNumber}` }, ...(signal ? { signal } : {}) });
const search = (hub: HubClient, s: Secrets) =>
  hub.collect(
    '/Observation',
    { query: { patient: `nhs-${s.nhsNumber}`, identifier: `https://fhir.nhs.uk/Id/nhs-number|${s.nhsNumber}`, family: s.family } as never },
    { max: 50 },
  );
const page = (next: string) => ({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: next }], entry: [] });
const stallBody = (response: ServerResponse) => {
  response.writeHead(200, { ...fhirJson, 'content-length': '4000' });
  response.write('{"resourceType":"Patient",');
};

const scenarios: Record<string, Scenario> = {
  'error status with an OperationOutcome about the patient': {
    kind: 'http',
    answer: (s, request, response) =>
      send(
        response,
        [400, 403, 404, 409, 410, 412, 422, 429, 500, 503][s.nhsNumber.charCodeAt(9) % 10] ?? 400,
        outcomeAbout(s, request.url),
      ),
    call: read,
  },
  '401 whose WWW-Authenticate repeats the token': {
    kind: 'http',
    answer: (s, request, response) =>
      send(response, 401, outcomeAbout(s, request.url), {
        'www-authenticate': `Bearer error="invalid_token", error_description="token ${s.token} for ${s.nhsNumber} expired"`,
      }),
    call: read,
  },
  'HTML error page echoing the request': {
    kind: 'http',
    answer: (s, request, response) =>
      response.writeHead(502, { 'content-type': 'text/html' }).end(`<h1>Bad gateway</h1><p>${request.url} ${s.family}</p>`),
    call: search,
  },
  'a body that is not JSON': {
    kind: 'invalid-response',
    answer: (s, _, response) => response.writeHead(200, fhirJson).end(`Patient ${s.given} ${s.family} ${s.nhsNumber}`),
    call: read,
  },
  'another patient than the one asked for': {
    kind: 'invalid-response',
    answer: (s, _, response) =>
      send(response, 200, { resourceType: 'Patient', id: 'someone-else', name: [{ family: s.family, given: [s.given] }] }),
    call: read,
  },
  'no answer at all': { kind: 'timeout', answer: () => undefined, call: read, timeoutMs: 300 },
  'headers, then a body that stalls': { kind: 'timeout', answer: (_, __, response) => stallBody(response), call: read, timeoutMs: 300 },
  'a connection reset before any answer': { kind: 'network', answer: (_, __, response) => response.socket?.destroy(), call: read },
  'a connection dropped halfway through the body': {
    kind: 'network',
    answer: (_, __, response) => {
      stallBody(response);
      setTimeout(() => response.destroy(), 10);
    },
    call: search,
  },
  'cancelled on a patient switch': {
    kind: 'aborted',
    answer: (_, __, response) => stallBody(response),
    call: (hub, s) => read(hub, s, AbortSignal.timeout(50)),
  },
  'a next link to another origin carrying the patient': {
    kind: 'unsafe-link',
    answer: (s, _, response) =>
      send(response, 200, page(`${elsewhere.origin}/fhir/Observation?identifier=${s.nhsNumber}&token=${s.token}`)),
    call: search,
  },
  'a next link that is not a URL': {
    kind: 'invalid-response',
    answer: (s, _, response) => send(response, 200, page(`http://hub:99999/fhir/Observation?identifier=${s.nhsNumber}&family=${s.family}`)),
    call: search,
  },
  'a read redirected away, the patient in its Location': {
    kind: 'unsafe-link',
    answer: (s, _, response) => response.writeHead(302, { location: `${elsewhere.origin}/leak?nhs=${s.nhsNumber}&name=${s.family}` }).end(),
    call: read,
  },
  'a create redirected, with the resident in its body': {
    kind: 'unsafe-link',
    answer: (s, _, response) => response.writeHead(307, { location: `${elsewhere.origin}/fhir/Observation?nhs=${s.nhsNumber}` }).end(),
    call: (hub, s) =>
      hub.post('/Observation', {
        body: {
          resourceType: 'Observation',
          status: 'final',
          code: { text: s.family },
          subject: { reference: `Patient/nhs-${s.nhsNumber}` },
        } as never,
      }),
  },
  'a batch entry that failed': {
    kind: 'http',
    answer: (s, request, response) =>
      send(response, 200, {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ response: { status: '404 Not Found', outcome: outcomeAbout(s, request.url) } }],
      }),
    call: async (hub, s) => {
      const [result] = await hub.batch([batchRead('/Patient/{id}', { path: { id: `nhs-${s.nhsNumber}` } })]);
      if (result.ok) assert.fail('expected the entry to fail');
      throw result.error;
    },
  },
};

/** Everything a logger, a crash reporter or a developer's console could show of an error. */
function renderings(error: Error): string {
  return [
    error.message,
    error.stack ?? '',
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    error.cause === undefined ? '' : inspect(error.cause, { depth: 10, showHidden: true }),
  ].join('\n');
}

test('every failure is a HubError of its kind that shows neither the token nor the patient', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(scenarios)), secrets, async (name, s) => {
      const scenario = scenarios[name];
      assert.ok(scenario);
      server.answer = (request, response) => scenario.answer(s, request, response);
      elsewhere.answer = (_, response) => send(response, 200, { resourceType: 'Patient', id: `nhs-${s.nhsNumber}` });
      const hub = createHubClient({
        baseUrl: `${server.origin}/fhir`,
        auth: s.token,
        retry: false,
        timeout: { total: scenario.timeoutMs ?? 10_000 },
      });
      const error = await scenario.call(hub, s).then(
        () => assert.fail(`${name}: expected a failure`),
        (failure: unknown) => failure,
      );
      assert.ok(error instanceof HubError, `${name}: expected a HubError, got ${inspect(error)}`);
      assert.equal(error.kind, scenario.kind, name);
      const shown = renderings(error);
      for (const secret of [s.token, s.nhsNumber, s.family, s.given]) {
        assert.ok(!shown.includes(secret), `${name}: the error shows "${secret}":\n${shown}`);
      }
    }),
    { numRuns: 150, seed: 4205 },
  );
});

test("a server's own codes holding an NHS number or a name stay out of the message, and in the outcome", async () => {
  const outcome = {
    resourceType: 'OperationOutcome',
    issue: [
      { severity: 'error', code: 'not-found', details: { coding: [{ system: 'https://hub.example/errors', code: '9434765919' }] } },
      { severity: 'error', code: 'Smith', details: { coding: [{ code: 'RESOURCE_NOT_FOUND' }] } },
      { severity: 'error', code: 'forbidden', details: { coding: [{ code: 'NO_LEGITIMATE_RELATIONSHIP' }] } },
    ],
  };
  server.answer = (_, response) => send(response, 404, outcome);
  const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, retry: false });
  const error = await hub.get('/Patient/{id}', { path: { id: 'p1' } }).then(
    () => assert.fail('expected a failure'),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof HubError);
  assert.deepEqual(error.issueCodes, ['not-found', 'RESOURCE_NOT_FOUND', 'forbidden/NO_LEGITIMATE_RELATIONSHIP']);
  assert.ok(!error.message.includes('9434765919') && !error.message.includes('Smith'), error.message);
  assert.deepEqual(error.outcome, outcome);
});

test('a next link that is not a URL fails as a broken contract, without repeating the link', async () => {
  const link = 'http://hub:99999/fhir/Observation?identifier=https://fhir.nhs.uk/Id/nhs-number|9434765919';
  server.answer = (_, response) => send(response, 200, page(link));
  const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, retry: false });
  const error = await hub.collect('/Observation', { query: { patient: 'p1' } }, { max: 10 }).then(
    () => assert.fail('expected a failure'),
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof HubError, inspect(error));
  assert.equal(error.kind, 'invalid-response');
  assert.equal(error.requestId, server.requests.at(-1)?.headers['x-request-id']);
  assert.ok(!renderings(error).includes('9434765919'));
});
