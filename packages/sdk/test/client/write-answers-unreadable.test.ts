/**
 * A write the server accepted (a 2XX) whose answer cannot be read: not JSON,
 * cut short, not an object, or another resource than the one written. The
 * server said it stored it, so the error never says "not saved": a resident
 * told "It was not saved" saves it again. Each write the SDK makes × each
 * unreadable 2XX answer, on a loopback server.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createHubClient, describeWriteFailure, HubError, type HubClient } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from './loopback-server.js';

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

const client = () =>
  createHubClient({ baseUrl: `${server.origin}/fhir`, auth: 'token', retry: { limit: 2, maxDelay: 10 }, timeout: 5_000 });
const reading = { resourceType: 'Observation', status: 'final', code: { text: 'Weight' }, subject: { reference: 'Patient/pat-1' } };

const WRITES: { name: string; write(hub: HubClient): Promise<unknown> }[] = [
  { name: 'a create', write: (hub) => hub.post('/Observation', { body: reading as never }) },
  {
    name: 'a conditional create',
    write: (hub) =>
      hub.post('/Observation', {
        body: { ...reading, identifier: [{ system: 'urn:test', value: 'k-1' }] } as never,
        ifNoneExist: 'identifier=urn:test|k-1',
        idempotencyKey: 'b8c0f1d2-6a4e-4f1b-9d3c-2e7a5b9c0d11',
      }),
  },
  {
    name: 'an update',
    write: (hub) => hub.request('put', '/Consent/{id}', { path: { id: 'c-1' }, body: { resourceType: 'Consent', id: 'c-1' } as never }),
  },
  {
    name: 'an operation',
    write: (hub) => hub.request('post', '/RelatedPerson/{id}/$invite', { path: { id: 'rp-1' } }),
  },
];

/** 2XX answers that cannot be read as what was written. */
const ANSWERS: { name: string; status: number; body: string; type?: string }[] = [
  { name: 'not JSON', status: 201, body: 'Created' },
  { name: 'cut short', status: 200, body: '{"resourceType":"Observation","id":"o' },
  { name: 'an HTML page', status: 200, body: '<html><body>OK</body></html>', type: 'text/html' },
  { name: 'JSON null', status: 201, body: 'null' },
  { name: 'a JSON list', status: 201, body: '[]' },
  { name: 'a number', status: 200, body: '42' },
  { name: 'another resource type', status: 201, body: '{"resourceType":"Patient","id":"pat-2"}' },
  { name: 'an object with no resource type', status: 200, body: '{"id":"x"}' },
];

describe('a write accepted with an answer that cannot be read', () => {
  test('the reported case: a create answered 201 with a body that is not JSON may have been saved', async () => {
    server.answer = (_, response: ServerResponse) => response.writeHead(201, fhirJson).end('Created');
    const error = await WRITES[0]!.write(client()).then(
      () => assert.fail('the answer cannot be read'),
      (failure: unknown) => failure,
    );
    assert.ok(error instanceof HubError);
    assert.equal(error.kind, 'invalid-response');
    assert.equal(error.mayHaveBeenSaved, true, error.message);
    assert.equal(describeWriteFailure(error, 'reading').saved, 'maybe');
  });

  for (const write of WRITES)
    for (const answer of ANSWERS)
      test(`${write.name}, answered ${answer.status} with ${answer.name}: it may have been saved`, async () => {
        server.answer = (_, response: ServerResponse) =>
          response.writeHead(answer.status, { 'content-type': answer.type ?? fhirJson['content-type'] }).end(answer.body);
        const outcome = await write.write(client()).then(
          (data) => ({ data }),
          (failure: unknown) => failure,
        );
        // An operation answers whatever it answers: a resource of any type is its answer.
        if (!(outcome instanceof HubError)) {
          assert.equal(write.name, 'an operation', `${JSON.stringify(outcome)} was taken as the answer`);
          return;
        }
        assert.equal(outcome.kind, 'invalid-response', outcome.message);
        assert.equal(outcome.mayHaveBeenSaved, true, outcome.message);
        assert.match(outcome.message, /may have been saved/);
        assert.equal(describeWriteFailure(outcome, 'reading').saved, 'maybe');
      });
});
