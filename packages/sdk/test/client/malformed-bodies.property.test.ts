/**
 * Whatever JSON a server answers with, the client resolves with a body that
 * keeps the contract's promise for that operation, or fails with a HubError:
 * never a raw TypeError from reading a field of `null`, an array or a number.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { batchRead, createHubClient, HubError, type HubClient } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const patientId = 'pat-0001';
const operations: Record<string, (hub: HubClient) => Promise<unknown>> = {
  read: (hub) => hub.get('/Patient/{id}', { path: { id: patientId } }),
  search: (hub) => hub.collect('/Observation', { query: { patient: patientId } }, { max: 20 }),
  pages: async (hub) => {
    const pages: unknown[] = [];
    for await (const page of hub.pages('/Observation', { query: { patient: patientId } })) {
      pages.push(page);
      if (pages.length >= 3) break;
    }
    return pages;
  },
  batch: (hub) => hub.batch([batchRead('/Patient/{id}', { path: { id: patientId } })]),
  create: (hub) => hub.post('/Observation', { body: { resourceType: 'Observation' } as never }),
};

/** JSON as servers get it wrong: anything at all, or a resource-shaped object with anything in its fields. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const resourceShaped = fc.record(
  {
    resourceType: fc.constantFrom('Bundle', 'Patient', 'Observation', 'OperationOutcome'),
    id: fc.oneof(fc.constant(patientId), anyJson),
    type: fc.oneof(fc.constantFrom('searchset', 'batch-response'), anyJson),
    link: fc.oneof(anyJson, fc.array(fc.oneof(anyJson, fc.record({ relation: fc.constant('next'), url: anyJson })), { maxLength: 2 })),
    entry: fc.oneof(
      anyJson,
      fc.array(
        fc.oneof(
          anyJson,
          fc.record({ resource: anyJson, search: anyJson, response: anyJson }, { requiredKeys: [] }),
          fc.record({
            resource: fc.record({ resourceType: fc.constant('Observation'), id: anyJson }),
            search: fc.record({ mode: anyJson }),
          }),
        ),
        { maxLength: 3 },
      ),
    ),
  },
  { requiredKeys: ['resourceType'] },
);

test('a read answered with null, and a search page whose entries hold null, fail as broken contracts', async () => {
  const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, retry: false });
  for (const [body, call] of [
    [null, () => hub.get('/Patient/{id}', { path: { id: patientId } })],
    [
      { resourceType: 'Bundle', type: 'searchset', entry: [null] },
      () => hub.collect('/Observation', { query: { patient: patientId } }, { max: 5 }),
    ],
  ] as const) {
    server.answer = (_, response: ServerResponse) => response.writeHead(200, fhirJson).end(JSON.stringify(body));
    const error: unknown = await call().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof HubError, inspect(error));
    assert.equal(error.kind, 'invalid-response');
  }
});

test('any JSON body is either read or refused as a HubError', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(operations)), fc.oneof(anyJson, resourceShaped), async (name, body) => {
      server.answer = (_, response: ServerResponse) => response.writeHead(200, fhirJson).end(JSON.stringify(body));
      const hub = createHubClient({ baseUrl: `${server.origin}/fhir`, retry: false, timeout: { total: 5_000 } });
      const operation = operations[name];
      assert.ok(operation);
      await operation(hub).catch((error: unknown) => {
        assert.ok(error instanceof HubError, `${name} with ${JSON.stringify(body)}: ${inspect(error)}`);
      });
    }),
    { numRuns: 400, seed: 1206 },
  );
});
