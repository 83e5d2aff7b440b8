import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createHubClient, createSubmissionQueue, type Submission, type ValidEntry } from '../../src/index.js';
import { outcome, startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

const reading: ValidEntry = { kind: 'weight', kilograms: 61.2, measured: '2026-11-28' };
/** Retries by the client are off, so each request the hub sees is one of the queue's own. */
const client = () => createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: false });
const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe('the submission queue', () => {
  test('keeps the same key on every attempt until the entry is saved', async () => {
    hub.script('POST /Observation', (_, attempt) =>
      attempt === 1
        ? 'reset'
        : attempt === 2
          ? { status: 503, body: outcome('transient', 'SERVER_ERROR'), headers: { 'retry-after': '0' } }
          : 'example',
    );
    const queue = createSubmissionQueue(client(), 'pat-0001', fast);
    const states: string[] = [];
    queue.subscribe((entries) => states.push(entries[0]?.state ?? ''));
    const entry = queue.submit(reading);
    await queue.idle();
    const keys = hub.requests.map((request) => request.headers['x-request-id']);
    assert.deepEqual(keys, [entry.key, entry.key, entry.key]);
    assert.equal(queue.entries[0]?.state, 'saved');
    assert.equal(queue.entries[0]?.attempts, 3);
    assert.equal(queue.entries[0]?.savedAs, 'Observation/obs-0150');
    assert.equal(states.at(-1), 'saved');
    assert.ok(!states.includes('failed'), 'never shown as failed while it was being retried');
  });

  test('retries 429 and 5XX, waiting as long as Retry-After asks (up to its limit)', async () => {
    hub.script('POST /Observation', (_, attempt) =>
      attempt === 1 ? { status: 429, body: outcome('throttled', 'TOO_MANY_REQUESTS'), headers: { 'retry-after': '1' } } : 'example',
    );
    const queue = createSubmissionQueue(client(), 'pat-0001', { baseDelayMs: 1, maxDelayMs: 2_000 });
    const started = performance.now();
    queue.submit(reading);
    await queue.idle();
    const waited = performance.now() - started;
    assert.equal(queue.entries[0]?.state, 'saved');
    assert.ok(waited >= 700, `waited ${waited.toFixed(0)} ms for Retry-After: 1`);
  });

  test('does not retry a refusal: failed, with the hub’s reason in plain words, and no automatic resend', async () => {
    hub.script('POST /Observation', () => ({
      status: 422,
      body: {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'business-rule',
            details: { text: 'Body weight (kg) must be between 0.5 and 400' },
            diagnostics: '900 is outside 0.5..400 for code 27113001',
          },
        ],
      },
    }));
    const queue = createSubmissionQueue(client(), 'pat-0001', fast);
    queue.submit(reading);
    await queue.idle();
    const [entry] = queue.entries;
    assert.equal(entry?.state, 'failed');
    assert.equal(entry?.failure?.reason, 'It was not accepted: Body weight (kg) must be between 0.5 and 400.');
    assert.equal(entry?.failure?.retryable, false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(hub.requests.length, 1);
  });

  test('after too many failures an entry is failed, not dropped, and "try again" sends it with the same key', async () => {
    let down = true;
    hub.script('POST /Observation', () => (down ? 'reset' : 'example'));
    const queue = createSubmissionQueue(client(), 'pat-0001', { ...fast, maxAttempts: 3 });
    const entry = queue.submit(reading);
    await queue.idle();
    let [current] = queue.entries;
    assert.equal(current?.state, 'failed');
    // The connection dropped once the entry was sent: it may have been stored, and trying again finds it.
    assert.equal(
      current?.failure?.reason,
      'We could not reach the service. Check your internet connection. It may have been saved: trying again will not add it twice.',
    );
    assert.equal(current?.failure?.retryable, true);
    assert.equal(hub.requests.length, 3);

    down = false;
    queue.retry(entry.key);
    assert.equal(queue.entries[0]?.state, 'waiting');
    await queue.idle();
    [current] = queue.entries;
    assert.equal(current?.state, 'saved');
    assert.equal(current?.failure, undefined);
    assert.deepEqual(new Set(hub.requests.map((request) => request.headers['x-request-id'])), new Set([entry.key]));
  });

  test('an answer that cannot be read is retried (the hub may have stored it: the key makes that safe)', async () => {
    hub.script('POST /Observation', (_, attempt) => (attempt === 1 ? { status: 201, raw: '{"resourceType":"Obs' } : 'example'));
    const queue = createSubmissionQueue(client(), 'pat-0001', fast);
    queue.submit(reading);
    await queue.idle();
    assert.equal(queue.entries[0]?.state, 'saved');
    assert.equal(hub.requests.length, 2);
  });

  test('sends several at once, up to its concurrency, and keeps entries in the order they were made', async () => {
    let open = 0;
    let most = 0;
    hub.script('POST /Observation', async () => {
      open++;
      most = Math.max(most, open);
      await new Promise((resolve) => setTimeout(resolve, 15));
      open--;
      return 'example' as const;
    });
    const queue = createSubmissionQueue(client(), 'pat-0001', { ...fast, concurrency: 3 });
    const made: Submission[] = [];
    for (let index = 0; index < 9; index++) made.push(queue.submit({ ...reading, kilograms: 60 + index }));
    assert.equal(queue.waiting, 9);
    await queue.idle();
    assert.equal(most, 3);
    assert.deepEqual(
      queue.entries.map((entry) => entry.summary),
      made.map((entry) => entry.summary),
    );
    assert.equal(queue.waiting, 0);
  });

  test('a listener that throws does not stop the queue', async () => {
    const queue = createSubmissionQueue(client(), 'pat-0001', fast);
    const original = console.error;
    console.error = () => undefined;
    try {
      queue.subscribe(() => {
        throw new Error('broken host code');
      });
      queue.submit(reading);
      await queue.idle();
    } finally {
      console.error = original;
    }
    assert.equal(queue.entries[0]?.state, 'saved');
  });
});
