/**
 * A host that signs someone else in on the same client (its token source now says another `fhirUser`): a queue made
 * for the person who shared checked who it sends as only when given a new client (`useClient`), so an entry waiting
 * for its next attempt, or tried again by hand, was sent with the new person's sign-in — a reading typed by one
 * person stored as another's. Now it is not sent while anyone else (or a sign-in that does not say who) is signed in:
 * it fails, says why, and is sent once its person is signed in again and it is tried again.
 *
 * The class: when the sign-in changes (before it is shared, before an automatic retry, before a retry by hand) × who
 * is signed in then (another person, a sign-in that does not say who). On a plain FHIR server on loopback.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createHubClient, createSubmissionQueue, type SubmissionQueue, type ValidEntry } from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from '../client/loopback-server.js';

const PATIENT = 'pat-0001';
const SHARER = { token: 'token-of-a', fhirUser: 'RelatedPerson/a' };
const OTHERS = {
  'another person': { token: 'token-of-b', fhirUser: 'RelatedPerson/b' },
  'a sign-in that does not say who': { token: 'token-of-c', fhirUser: undefined },
};
const entry: ValidEntry = { kind: 'weight', kilograms: 70, measured: '2026-12-01' };

let server: LoopbackServer;
/** Attempts the server answers 503 before it stores. */
let failing = 0;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());
beforeEach(() => {
  failing = 0;
  server.requests.length = 0;
  server.answer = (request: SeenRequest, response: ServerResponse) => {
    if (failing > 0) {
      failing -= 1;
      response
        .writeHead(503, fhirJson)
        .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }));
      return;
    }
    response.writeHead(201, fhirJson).end(JSON.stringify({ ...(JSON.parse(request.body) as object), id: `obs-${server.requests.length}` }));
  };
});

/** The host's sign-in, changed in place as a host switching person on the same client does. */
function session() {
  const now: { token: string; fhirUser: string | undefined } = { ...SHARER };
  const client = createHubClient({
    baseUrl: `${server.origin}/fhir`,
    auth: {
      getAccessToken: () => now.token,
      get fhirUser() {
        return now.fhirUser;
      },
    },
    retry: false,
  });
  return { client, signIn: (who: { token: string; fhirUser: string | undefined }) => Object.assign(now, who) };
}

/** The tokens entries were sent with, from request `from` on. */
const sentWith = (from: number) =>
  server.requests
    .slice(from)
    .filter((request) => request.method === 'POST')
    .map((request) => String(request.headers['authorization']));

type When = 'before it is shared' | 'before an automatic retry' | 'before a retry by hand';

/** Shares an entry as the sharer, with someone else signed in at `when`; then the sharer is back and tries again. */
async function run(when: When, other: { token: string; fhirUser: string | undefined }) {
  const { client, signIn } = session();
  const from = server.requests.length;
  const queue: SubmissionQueue = createSubmissionQueue(client, PATIENT, {
    baseDelayMs: 30,
    maxDelayMs: 30,
    maxAttempts: when === 'before a retry by hand' ? 1 : 3,
  });
  if (when === 'before it is shared') signIn(other);
  else failing = 1;
  const { key } = queue.submit(entry);
  if (when === 'before an automatic retry') {
    // Its first attempt answered (503), it waits for the next.
    while (queue.entries[0]?.attempts !== 1 || server.requests.length === from) await new Promise((resolve) => setTimeout(resolve, 2));
    signIn(other);
  }
  await queue.idle();
  if (when === 'before a retry by hand') {
    signIn(other);
    queue.retry(key);
    await queue.idle();
  }
  const whileOther = { tokens: sentWith(from), state: queue.entries[0]?.state, reason: queue.entries[0]?.failure?.reason };
  signIn(SHARER);
  queue.retry(key);
  await queue.idle();
  queue.close();
  return { whileOther, after: { tokens: sentWith(from), state: queue.entries[0]?.state } };
}

describe('a queue whose client signs in someone else', () => {
  test('reported: a reading waiting for its retry is not sent as the person signed in now', async () => {
    const { whileOther, after: back } = await run('before an automatic retry', OTHERS['another person']);
    assert.ok(!whileOther.tokens.includes('Bearer token-of-b'), `sent with ${whileOther.tokens.join(', ')}`);
    assert.equal(whileOther.state, 'failed');
    assert.match(whileOther.reason ?? '', /someone else is signed in/);
    assert.equal(back.state, 'saved');
    assert.equal(back.tokens.at(-1), 'Bearer token-of-a');
  });

  test('class: when the sign-in changes × who is signed in then', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const when of ['before it is shared', 'before an automatic retry', 'before a retry by hand'] as const)
      for (const [who, other] of Object.entries(OTHERS)) {
        cases += 1;
        const { whileOther, after: back } = await run(when, other);
        const asOther = whileOther.tokens.filter((token) => token !== 'Bearer token-of-a');
        if (asOther.length > 0) wrong.push(`${when}, ${who}: sent with ${asOther.join(', ')}`);
        if (whileOther.state !== 'failed') wrong.push(`${when}, ${who}: ${String(whileOther.state)} while they were signed in`);
        if (back.state !== 'saved') wrong.push(`${when}, ${who}: ${String(back.state)} once its person was back`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} wrong in ${cases} cases`);
  });
});
