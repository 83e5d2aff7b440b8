/**
 * Creates sent again against a plain FHIR server: one that keeps FHIR's own
 * rules (conditional create with `If-None-Exist`) but knows nothing of the
 * hub's `X-Request-ID` idempotency. Whatever fails after the server has stored
 * an entry (an error status, a dropped connection), the SDK never stores it
 * twice; and an error for a write says whether it may have been saved.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { createHubClient, createSubmissionQueue, HubError, inviteCarer, type HubClient, type ValidEntry } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from './loopback-server.js';

const patientId = 'pat-0001';
type Json = Record<string, unknown>;

/** What goes wrong with the first attempt of a write: after storing it, or before. */
const faults = [
  { fault: 'stored, then 500', stores: true, status: 500 },
  { fault: 'stored, then 502 from a gateway', stores: true, status: 502 },
  { fault: 'stored, then 503', stores: true, status: 503 },
  { fault: 'stored, then 504 from a gateway', stores: true, status: 504 },
  { fault: 'stored, then the connection drops', stores: true, status: 0 },
  { fault: 'refused with 429', stores: false, status: 429 },
  { fault: 'refused with 503 before storing', stores: false, status: 503 },
  { fault: 'refused with 400', stores: false, status: 400 },
  { fault: 'refused with 409', stores: false, status: 409 },
] as const;
type Fault = (typeof faults)[number];

let server: LoopbackServer;
let stored: Json[];
let fault: Fault | undefined;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());
beforeEach(() => {
  stored = [];
  fault = undefined;
  server.requests.length = 0;
  server.answer = plainFhir;
});

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...fhirJson, ...headers }).end(JSON.stringify(body));
}
const problem = (code: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] });
const identifiersOf = (resource: Json) => (resource['identifier'] as { system?: string; value?: string }[] | undefined) ?? [];

/** Plain FHIR: creates (conditional ones by `identifier=system|value`), reads, searches, and `$invite` as the hub answers it. */
function plainFhir(request: SeenRequest, response: ServerResponse): void {
  const url = new URL(request.url, server.origin);
  const path = url.pathname.replace(/^\/fhir\/?/, '');
  if (request.method === 'GET') {
    // A search (`Consent?patient=…`): everything stored of that type, as this server keeps one resident's.
    if (!path.includes('/'))
      return send(response, 200, {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: stored.filter((resource) => resource['resourceType'] === path).map((resource) => ({ resource })),
      });
    const found = stored.find((resource) => `${String(resource['resourceType'])}/${String(resource['id'])}` === path);
    return found ? send(response, 200, found) : send(response, 404, problem('not-found'));
  }
  if (/^RelatedPerson\/[^/]+\/\$invite$/.test(path)) {
    return send(response, 200, {
      resourceType: 'Parameters',
      parameter: [
        { name: 'code', valueString: 'ABCD-EFGH' },
        { name: 'expires', valueDateTime: '2026-12-13T00:00:00Z' },
      ],
    });
  }
  const type = path;
  const condition = request.headers['if-none-exist'];
  if (typeof condition === 'string') {
    const [system, value] = (new URLSearchParams(condition).get('identifier') ?? '').split('|');
    const matches = stored.filter(
      (resource) => resource['resourceType'] === type && identifiersOf(resource).some((id) => id.system === system && id.value === value),
    );
    if (matches.length === 1) return send(response, 200, matches[0]);
    if (matches.length > 1) return send(response, 412, problem('duplicate'));
  }
  const now = fault;
  fault = undefined;
  if (now && !now.stores)
    return send(response, now.status, problem(now.status === 429 ? 'throttled' : 'transient'), { 'retry-after': '0' });
  const resource = { ...(JSON.parse(request.body) as Json), id: `${type.toLowerCase()}-${stored.length + 1}`, meta: { versionId: '1' } };
  stored.push(resource);
  if (now?.status === 0) return void response.destroy();
  if (now) return send(response, now.status, problem('exception'));
  send(response, 201, resource, { location: `${server.origin}/fhir/${type}/${String(resource['id'])}/_history/1`, etag: 'W/"1"' });
}

const client = () =>
  createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: { limit: 2, maxDelay: 10 }, timeout: 5_000 });

const reading: Json = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'Weight' },
  subject: { reference: `Patient/${patientId}` },
};
const key = 'b8c0f1d2-6a4e-4f1b-9d3c-2e7a5b9c0d11';

/** The writes a resident makes, each as the SDK sends it; `type` is what it creates first. */
const writes: { name: string; type: string; write(hub: HubClient): Promise<unknown> }[] = [
  {
    name: 'a carer invitation',
    type: 'RelatedPerson',
    write: (hub) => inviteCarer(hub, patientId, { name: 'Ann Smith', actions: ['view-record'], withheld: [] }, { idempotencyKey: key }),
  },
  {
    name: 'a create with an idempotency key',
    type: 'RelatedPerson',
    write: (hub) =>
      hub.post('/RelatedPerson', {
        body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ text: 'Ann Smith' }] },
        idempotencyKey: key,
      }),
  },
  {
    name: 'a conditional create of a reading',
    type: 'Observation',
    write: (hub) =>
      hub.post('/Observation', {
        body: { ...reading, identifier: [{ system: 'https://care-record.example/Id/resident-entry', value: key }] } as never,
        idempotencyKey: key,
        ifNoneExist: `identifier=https://care-record.example/Id/resident-entry|${key}`,
      }),
  },
  {
    name: 'a reading from the outbox',
    type: 'Observation',
    write: (hub) => throughOutbox(hub, { kind: 'weight', kilograms: 70, measured: '2026-12-01' }),
  },
  {
    name: 'an over-the-counter medicine from the outbox',
    type: 'MedicationStatement',
    write: (hub) => throughOutbox(hub, { kind: 'medicine', name: 'Ibuprofen 200 mg tablets' }),
  },
];

/** Submits one entry and waits until the outbox is done with it (saved, or failed after its own attempts). */
async function throughOutbox(hub: HubClient, entry: ValidEntry): Promise<unknown> {
  const queue = createSubmissionQueue(hub, patientId, { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 });
  queue.submit(entry);
  await queue.idle();
  queue.close();
  const [done] = queue.entries;
  if (done?.state === 'failed') throw done.failure?.error ?? new Error('failed');
  return done;
}

describe('a create sent again to a plain FHIR server', () => {
  test('a carer invitation whose first POST was stored, then answered 503, adds the person once', async () => {
    fault = faults[2];
    await writes[0]?.write(client()).catch(() => undefined);
    assert.equal(stored.filter((resource) => resource['resourceType'] === 'RelatedPerson').length, 1);
  });

  for (const each of faults) {
    for (const write of writes) {
      test(`${write.name}, ${each.fault}: stored at most once, and an error says whether it may have been`, async () => {
        fault = each;
        const outcome = await write.write(client()).then(
          () => 'saved',
          (error: unknown) => error,
        );
        const created = stored.filter((resource) => resource['resourceType'] === write.type);
        assert.ok(created.length <= 1, `stored ${created.length} times`);
        if (outcome === 'saved') return assert.equal(created.length, 1);
        assert.ok(outcome instanceof HubError, String(outcome));
        // Never "not saved" for what was saved; a refusal is told as one.
        if (created.length === 1) assert.equal(outcome.mayHaveBeenSaved, true, outcome.message);
        if (!each.stores && each.status !== 503) assert.equal(outcome.mayHaveBeenSaved, false, outcome.message);
        assert.match(outcome.message, outcome.mayHaveBeenSaved ? /may have been saved/ : /not saved/);
      });
    }
  }
});

describe('whether a failed write may have been saved', () => {
  test('however the hub fails it, a write that was stored is never reported as not saved; a read says nothing of saving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...faults), fc.constantFrom('POST', 'PUT'), fc.boolean(), async (each, method, conditional) => {
        stored = [];
        fault = each;
        const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: false });
        const call =
          method === 'POST'
            ? hub.post('/Observation', {
                body: { ...reading, identifier: [{ system: 'urn:test', value: key }] } as never,
                ...(conditional ? { ifNoneExist: `identifier=urn:test|${key}` } : {}),
              })
            : hub.request('put', '/Consent/{id}', { path: { id: 'c-1' }, body: { resourceType: 'Consent', id: 'c-1' } as never });
        const outcome = await call.then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome === undefined) return;
        assert.ok(outcome instanceof HubError);
        if (stored.length > 0) assert.equal(outcome.mayHaveBeenSaved, true);
        assert.equal(typeof outcome.mayHaveBeenSaved, 'boolean');
        assert.equal(outcome.toJSON()['mayHaveBeenSaved'], outcome.mayHaveBeenSaved);
      }),
      { numRuns: 40, seed: 61206 },
    );
    server.answer = (_, response) => send(response, 503, problem('transient'));
    const error = await client()
      .get('/Patient/{id}', { path: { id: patientId } })
      .then(
        () => assert.fail('expected a failure'),
        (failure: unknown) => failure as HubError,
      );
    assert.equal(error.mayHaveBeenSaved, undefined);
    assert.doesNotMatch(error.message, /saved/);
  });
});

describe('a conditional create whose attempts are answered in turn', () => {
  /** An answer to one attempt; `lost` when the attempt may have been carried out and its answer not heard. */
  const answers = [
    { answer: 'dropped', status: 0, lost: true },
    ...[500, 502, 503, 504].map((status) => ({ answer: String(status), status, lost: true })),
    ...[408, 429, 400, 401, 403, 404, 409, 412, 422, 501].map((status) => ({ answer: String(status), status, lost: false })),
  ];

  test('an error says it may have been saved exactly when an attempt it made had its answer lost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...answers), { minLength: 1, maxLength: 4 }), async (turns) => {
        server.requests.length = 0;
        server.answer = (_, response) => {
          const turn = turns[server.requests.length - 1];
          if (turn === undefined) return send(response, 409, problem('conflict'));
          if (turn.status === 0) return void response.destroy();
          const code = turn.status === 429 ? 'throttled' : turn.status >= 500 ? 'transient' : 'processing';
          send(response, turn.status, problem(code), { 'retry-after': '0' });
        };
        const error = await client()
          .post('/Observation', {
            body: { ...reading, identifier: [{ system: 'urn:test', value: key }] } as never,
            ifNoneExist: `identifier=urn:test|${key}`,
          })
          .then(
            () => assert.fail('every answer is a failure'),
            (failure: unknown) => failure,
          );
        assert.ok(error instanceof HubError, String(error));
        const made = turns.slice(0, server.requests.length);
        assert.equal(
          error.mayHaveBeenSaved,
          made.some((turn) => turn.lost),
          `${made.map((turn) => turn.answer).join(' → ')}: ${error.message}`,
        );
      }),
      { numRuns: 120, seed: 61207 },
    );
  });
});
