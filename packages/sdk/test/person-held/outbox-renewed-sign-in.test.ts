/**
 * The submission queue across a renewed sign-in: when the resident's sign-in
 * ends (401) or fails otherwise, the host signs them in again and gives the
 * queue the new client. What failed or waits is kept, sent with the new
 * client under the same key, and stored once; a client for another hub, or
 * one that signs in someone else, is refused. On a plain FHIR server on
 * loopback that keeps conditional creates.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createHubClient, createSubmissionQueue, RESIDENT_ENTRY_SYSTEM, type ValidEntry } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer } from '../client/loopback-server.js';

type Json = Record<string, unknown>;
let server: LoopbackServer;
let stored: Json[];
/** How the server treats a request with the old token. */
let oldTokenFault: (typeof FAULTS)[number] | undefined;

const FAULTS = [
  { name: 'the sign-in ended (401)', status: 401, stores: false },
  { name: 'the scope is missing (403)', status: 403, stores: false },
  { name: 'stored, then the connection drops', status: 0, stores: true },
  { name: 'stored, then 503', status: 503, stores: true },
] as const;

before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());
beforeEach(() => {
  stored = [];
  oldTokenFault = undefined;
  server.answer = answer;
});

const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { ...fhirJson, ...headers }).end(JSON.stringify(body));

function answer(request: { method: string; url: string; headers: Record<string, unknown>; body: string }, response: ServerResponse) {
  const type = new URL(request.url, server.origin).pathname.replace(/^\/fhir\//, '');
  const condition = new URLSearchParams(String(request.headers['if-none-exist'] ?? '')).get('identifier') ?? '';
  const found = stored.find((resource) => JSON.stringify(resource['identifier']).includes(condition.split('|')[1] ?? '\u0000'));
  const old = request.headers['authorization'] === 'Bearer old-token' ? oldTokenFault : undefined;
  if (old && !old.stores) {
    const challenge = old.status === 403 ? 'Bearer error="insufficient_scope"' : 'Bearer error="invalid_token"';
    return send(
      response,
      old.status,
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] },
      { 'www-authenticate': challenge },
    );
  }
  if (found) return send(response, 200, found);
  const resource = { ...(JSON.parse(request.body) as Json), id: `${type.toLowerCase()}-${stored.length + 1}` };
  stored.push(resource);
  if (old?.status === 0) return void response.destroy();
  if (old) return send(response, old.status, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception' }] });
  send(response, 201, resource);
}

const client = (token: string, base = `${server.origin}/fhir`) => createHubClient({ baseUrl: base, auth: token, retry: false });
const entry: ValidEntry = { kind: 'weight', kilograms: 70, measured: '2026-12-01' };

describe('a submission queue given a renewed sign-in', () => {
  for (const fault of FAULTS)
    test(`${fault.name}: the entry is kept, sent with the new client under its key, and stored once`, async () => {
      oldTokenFault = fault;
      const queue = createSubmissionQueue(client('old-token'), 'pat-0001', { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 1 });
      const { key } = queue.submit(entry);
      await queue.idle();
      assert.equal(queue.entries[0]?.state, 'failed');
      queue.useClient(client('new-token'));
      queue.retry(key);
      await queue.idle();
      queue.close();
      assert.equal(queue.entries.length, 1);
      assert.equal(queue.entries[0]?.state, 'saved', queue.entries[0]?.failure?.reason);
      const keyed = stored.filter((resource) =>
        ((resource['identifier'] as { system?: string; value?: string }[]) ?? []).some(
          (identifier) => identifier.system === RESIDENT_ENTRY_SYSTEM && identifier.value === key,
        ),
      );
      assert.equal(keyed.length, 1);
      const last = server.requests.at(-1);
      assert.equal(last?.headers['authorization'], 'Bearer new-token');
      assert.equal(last?.headers['x-request-id'], key);
    });

  test('a client for another hub is refused: the entries stay with the hub they were made for', () => {
    const queue = createSubmissionQueue(client('old-token'), 'pat-0001');
    for (const other of ['http://127.0.0.1:1/fhir', `${server.origin}/other-fhir`])
      assert.throws(() => queue.useClient(client('new-token', other)), TypeError);
    queue.close();
  });

  test('a client that signs in someone else is refused: what one person shared is never sent as another', () => {
    const as = (token: string, fhirUser: string | undefined) =>
      createHubClient({ baseUrl: `${server.origin}/fhir`, auth: { getAccessToken: () => token, fhirUser }, retry: false });
    const people = [undefined, 'RelatedPerson/rp-x', 'RelatedPerson/rp-y', 'Patient/pat-0001'];
    const refused: string[] = [];
    for (const first of people)
      for (const next of people) {
        const queue = createSubmissionQueue(as('old-token', first), 'pat-0001');
        try {
          queue.useClient(as('new-token', next));
        } catch (error) {
          assert.ok(error instanceof TypeError);
          refused.push(`${String(first)} then ${String(next)}`);
        }
        queue.close();
      }
    const others = people.flatMap((first) =>
      people.filter((next) => next !== first).map((next) => `${String(first)} then ${String(next)}`),
    );
    assert.deepEqual(refused, others);
  });
});
