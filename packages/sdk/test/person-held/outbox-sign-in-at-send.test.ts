/**
 * The queue checked who was signed in before each send, but the token was taken a step later, in the client's
 * request hook, after an await (a token source that checks expiry, a refresh after a 401, the client's own retry after
 * a 503). A host that signed someone else in during that await (a shared ward or family PC: sign-out, sign-in) had a
 * reading typed by one person sent with the other's token. The check now happens in the hook, in the step that
 * attaches the token: a request for one person is refused before anything is sent when the token source says someone
 * else is signed in; the queue keeps the entry, failed with a reason, and sends it once its person is back.
 *
 * The class: a seeded property over interleavings of {share an entry, sign-out, sign-in as the other person, sign-in
 * as the author, the token expiring (a 401, then a refresh), a transient failure (the client's retry), a send by
 * hand}, each sign-in change landing at one of the awaits of a send. No entry is ever sent with a token not of its
 * author, and none is lost: once its author is back, every entry is saved. On a loopback server.
 */
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import {
  buildEntryResource,
  createHubClient,
  createSubmissionQueue,
  HubError,
  type Observation,
  type ValidEntry,
} from '../../src/index.js';
import { fhirJson, startLoopbackServer, type LoopbackServer, type SeenRequest } from '../client/loopback-server.js';
import { seedOr } from '../record/property-runs.js';

const PATIENT = 'pat-0001';
type Who = 'a' | 'b' | null;
/** Something that happens at one of a send's awaits. */
type Happening = 'sign-out' | 'sign-in as b' | 'sign-in as a' | 'token expires' | 'hub fails once' | 'nothing';
/** What the person (or the host) does between sends. */
type Step = { do: 'share' } | { do: 'send failed again' } | { do: 'meanwhile'; happening: Happening };

const entry = (n: number): ValidEntry => ({ kind: 'weight', kilograms: 60 + n, measured: '2026-12-01' });

let server: LoopbackServer;
before(async () => {
  server = await startLoopbackServer();
});
after(() => server.close());

/**
 * A shared PC's sign-in, changed in place, whose token source awaits before it answers (as one checking expiry does);
 * and a hub that stores each entry once by its key, refuses expired tokens (401) and can fail once (503).
 * `atAwait` is run at each await: of the token source, of its refresh, and as the hub takes a request.
 */
function world(atAwait: () => void) {
  const now: { who: Who; generation: number } = { who: 'a', generation: 1 };
  const token = () => (now.who === null ? undefined : `token-of-${now.who}-${now.generation}`);
  const hub = { expired: new Set<string>(), failOnce: false, stored: new Map<string, string>(), posts: [] as SeenRequest[] };
  server.answer = (request: SeenRequest, response: ServerResponse) => {
    if (request.method !== 'POST') return void response.writeHead(404, fhirJson).end('{"resourceType":"OperationOutcome","issue":[]}');
    hub.posts.push(request);
    atAwait();
    const bearer = String(request.headers['authorization']).replace(/^Bearer /, '');
    if (hub.expired.has(bearer))
      return void response
        .writeHead(401, fhirJson)
        .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] }));
    if (hub.failOnce) {
      hub.failOnce = false;
      return void response
        .writeHead(503, fhirJson)
        .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }));
    }
    const key = String(request.headers['x-request-id']);
    const id = hub.stored.get(key) ?? `obs-${hub.stored.size + 1}`;
    hub.stored.set(key, id);
    response.writeHead(201, fhirJson).end(JSON.stringify({ ...(JSON.parse(request.body) as object), id }));
  };
  const client = createHubClient({
    baseUrl: `${server.origin}/fhir`,
    auth: {
      async getAccessToken() {
        await Promise.resolve();
        atAwait();
        const current = token();
        if (current === undefined) throw new Error('Signed out');
        return current;
      },
      async refreshAccessToken() {
        await Promise.resolve();
        atAwait();
        now.generation += 1;
        const current = token();
        if (current === undefined) throw new Error('Signed out');
        return current;
      },
      get fhirUser() {
        return now.who === null ? undefined : `RelatedPerson/${now.who}`;
      },
    },
    retry: { limit: 1, maxDelay: 1 },
  });
  const happen = (happening: Happening) => {
    if (happening === 'sign-out') now.who = null;
    else if (happening === 'sign-in as b') now.who = 'b';
    else if (happening === 'sign-in as a') now.who = 'a';
    else if (happening === 'token expires') {
      const current = token();
      if (current !== undefined) hub.expired.add(current);
    } else if (happening === 'hub fails once') hub.failOnce = true;
  };
  return { client, hub, happen, signInAuthor: () => Object.assign(now, { who: 'a', generation: now.generation + 1 }) };
}

/** Sends with the steps and awaits given; returns what the hub was sent with, and the entries in the end. */
async function run(steps: readonly Step[], awaits: readonly Happening[]) {
  const pending = [...awaits];
  const w = world(() => w.happen(pending.shift() ?? 'nothing'));
  const from = w.hub.posts.length;
  const queue = createSubmissionQueue(w.client, PATIENT, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 });
  const sendFailed = async () => {
    for (const submission of queue.entries) if (submission.state === 'failed') queue.retry(submission.key);
    await queue.idle();
  };
  let shared = 0;
  for (const step of steps) {
    if (step.do === 'share') queue.submit(entry((shared += 1)));
    else if (step.do === 'send failed again') await sendFailed();
    else w.happen(step.happening);
    await queue.idle();
  }
  // Its author is back and the hub is well: every entry is sent, however often it is tried.
  pending.length = 0;
  w.signInAuthor();
  w.hub.failOnce = false;
  for (let round = 0; round < 4 && queue.entries.some((submission) => submission.state !== 'saved'); round += 1) await sendFailed();
  queue.close();
  const tokens = w.hub.posts.slice(from).map((request) => String(request.headers['authorization']));
  return { shared, tokens, entries: queue.entries, stored: w.hub.stored.size };
}

const notTheAuthors = (tokens: readonly string[]) => tokens.filter((token) => !token.startsWith('Bearer token-of-a-'));

describe('a queue whose person is switched while a send awaits its token', () => {
  test('reported: someone else signed in while the token source answers, the reading is not sent with their token', async () => {
    const { tokens, entries } = await run([{ do: 'share' }], ['sign-in as b']);
    assert.deepEqual(notTheAuthors(tokens), [], `sent with ${tokens.join(', ')}`);
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.state, 'saved');
  });

  test('reported: while it is held, the entry fails and says why, in the queue', async () => {
    const pending: Happening[] = ['sign-in as b'];
    const w = world(() => w.happen(pending.shift() ?? 'nothing'));
    const queue = createSubmissionQueue(w.client, PATIENT, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 });
    const from = w.hub.posts.length;
    queue.submit(entry(1));
    await queue.idle();
    queue.close();
    assert.equal(w.hub.posts.length - from, 0, 'nothing goes out under the other sign-in');
    assert.equal(queue.entries[0]?.state, 'failed');
    assert.match(queue.entries[0]?.failure?.reason ?? '', /someone else is signed in/);
    assert.equal(queue.entries[0]?.failure?.retryable, true);
  });

  test('a call for one person is refused before it is sent when the token is someone else’s', async () => {
    const pending: Happening[] = ['sign-in as b'];
    const w = world(() => w.happen(pending.shift() ?? 'nothing'));
    const from = w.hub.posts.length;
    const body = buildEntryResource(entry(1), PATIENT, { key: 'k-1', now: 0 }) as Observation;
    const error = await w.client.post('/Observation', { body, signedInAs: 'RelatedPerson/a' }).then(
      () => assert.fail('sent'),
      (failed: unknown) => failed,
    );
    assert.ok(error instanceof HubError);
    assert.equal(error.status, 401);
    assert.equal(error.mayHaveBeenSaved, false);
    assert.ok(error.issueCodes.includes('login/SIGNED_IN_AS_SOMEONE_ELSE'), error.message);
    assert.equal(w.hub.posts.length - from, 0);
  });

  test('class: any interleaving of shares, sign-ins, expiry, failures and sends', async () => {
    const happening = fc.constantFrom<Happening>('sign-out', 'sign-in as b', 'sign-in as a', 'token expires', 'hub fails once', 'nothing');
    const step = fc.oneof(
      fc.constant<Step>({ do: 'share' }),
      fc.constant<Step>({ do: 'send failed again' }),
      happening.map((what): Step => ({ do: 'meanwhile', happening: what })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), fc.array(happening, { maxLength: 10 }), async (steps, awaits) => {
        const { shared, tokens, entries, stored } = await run([{ do: 'share' }, ...steps], awaits);
        const problems = [
          ...notTheAuthors(tokens).map((token) => `sent with ${token}`),
          ...(entries.length === shared ? [] : [`${entries.length} of ${shared} entries kept`]),
          ...entries.filter((submission) => submission.state !== 'saved').map((submission) => `${submission.summary} ${submission.state}`),
          ...(stored === shared ? [] : [`${stored} stored of ${shared}`]),
        ];
        assert.deepEqual(problems, []);
      }),
      { seed: seedOr(71021), numRuns: 150 },
    );
  });
});
