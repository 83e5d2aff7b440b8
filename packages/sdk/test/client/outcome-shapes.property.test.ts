/**
 * OperationOutcomes as other servers and gateways write them: an `issue` that
 * is one object rather than a list (XML turned into JSON), `null` entries,
 * `details.coding` as an object, numbers where text should be. Whatever the
 * shape, a failure is a typed HubError with its status (a batch entry fails on
 * its own), and what `error.outcome` hands on is a list of issues a caller can
 * read without a second check.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { batchRead, createHubClient, HubError, submissionFailure, type HubClient } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from './loopback-server.js';

const patientId = 'pat-0001';
let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const client = (options: Partial<Parameters<typeof createHubClient>[0]> = {}) =>
  createHubClient({ baseUrl: `${server.origin}/fhir`, retry: false, ...options });
const send = (response: ServerResponse, status: number, body: unknown) =>
  void response.writeHead(status, fhirJson).end(JSON.stringify(body));

/** Each way an outcome reaches a caller, answered by `answer` with the outcome for a failure of `status`. */
const ways: { name: string; answer(outcome: unknown, status: number): LoopbackServer['answer']; call(): Promise<HubError> }[] = [
  {
    name: 'a read',
    answer: (outcome, status) => (_, response) => send(response, status, outcome),
    call: () => failureOf(client().get('/Patient/{id}', { path: { id: patientId } })),
  },
  {
    name: 'a create',
    answer: (outcome, status) => (_, response) => send(response, status, outcome),
    call: () => failureOf(client().post('/Observation', { body: { resourceType: 'Observation' } as never })),
  },
  {
    name: 'a batch entry (response.outcome)',
    answer: (outcome, status) => (_, response) =>
      send(response, 200, { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: String(status), outcome } }] }),
    call: () => entryFailure(client()),
  },
  {
    name: 'a batch entry (resource)',
    answer: (outcome, status) => (_, response) =>
      send(response, 200, {
        resourceType: 'Bundle',
        type: 'batch-response',
        entry: [{ resource: outcome, response: { status: String(status) } }],
      }),
    call: () => entryFailure(client()),
  },
  {
    name: 'a batch read sent on its own',
    answer: (outcome, status) => (_: SeenRequest, response) => send(response, status, outcome),
    call: () => entryFailure(client({ batchReads: 'parallel' })),
  },
];

async function failureOf(call: Promise<unknown>): Promise<HubError> {
  const outcome = await call.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );
  assert.ok(outcome instanceof HubError, `not a HubError: ${String(outcome)}`);
  return outcome;
}

async function entryFailure(hub: HubClient): Promise<HubError> {
  const [result] = await hub.batch([batchRead('/Patient/{id}', { path: { id: patientId } })]);
  assert.ok(!result.ok, 'the entry failed');
  assert.deepEqual(result.outcome, result.error.outcome);
  return result.error;
}

/** What a caller may read of an outcome without checking again. */
function assertReadable(error: HubError): void {
  const issues = error.outcome?.issue;
  if (issues === undefined) return;
  assert.ok(Array.isArray(issues), 'issue is a list');
  for (const issue of issues) {
    assert.ok(typeof issue === 'object' && issue !== null && !Array.isArray(issue), 'each issue an object');
    for (const text of [issue.code, issue.severity, issue.diagnostics, issue.details?.text])
      assert.ok(text === undefined || typeof text === 'string', `text or nothing: ${JSON.stringify(text)}`);
    const coding: unknown = issue.details?.coding;
    assert.ok(coding === undefined || (Array.isArray(coding) && coding.every((each) => typeof each === 'object' && each !== null)));
  }
  assert.ok(error.issueCodes.every((code) => typeof code === 'string'));
  assert.equal(typeof submissionFailure(error).reason, 'string');
}

describe('an OperationOutcome of any shape', () => {
  test("one whose issue is a single object (a gateway's XML as JSON) is a HubError with that issue's code", async () => {
    const way = ways[0];
    assert.ok(way);
    server.answer = way.answer({ resourceType: 'OperationOutcome', issue: { severity: 'error', code: 'not-found' } }, 404);
    const error = await way.call();
    assert.deepEqual([error.kind, error.status, error.issueCodes], ['http', 404, ['not-found']]);
  });

  const anyValue = fc.jsonValue({ maxDepth: 2 });
  const coding = fc.oneof(anyValue, fc.array(fc.oneof(fc.record({ code: anyValue }, { requiredKeys: [] }), anyValue), { maxLength: 3 }));
  const issue = fc.oneof(
    anyValue,
    fc.record(
      {
        severity: anyValue,
        code: fc.oneof(fc.constantFrom('forbidden', 'not-found'), anyValue),
        diagnostics: anyValue,
        details: fc.oneof(anyValue, fc.record({ text: anyValue, coding }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    ),
  );
  const outcome = fc.record(
    { resourceType: fc.constant('OperationOutcome'), issue: fc.oneof(issue, fc.array(issue, { maxLength: 3 }), anyValue) },
    { requiredKeys: ['resourceType'] },
  );

  for (const way of ways) {
    test(`${way.name}: a typed failure with its status, and issues a caller can read`, async () => {
      await fc.assert(
        fc.asyncProperty(outcome, fc.constantFrom(400, 403, 404, 409, 422, 500), async (body, status) => {
          server.answer = way.answer(body, status);
          const error = await way.call();
          assert.deepEqual([error.kind, error.status], ['http', status]);
          assertReadable(error);
          assert.doesNotThrow(() => JSON.stringify(error));
        }),
        { numRuns: 60, seed: 20261206 },
      );
    });
  }
});
