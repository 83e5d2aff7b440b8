/**
 * What a resident shares reaches the hub exactly once, over a connection that
 * fails 30% of requests — including answers lost after the hub stored the
 * entry, where only the idempotency key stands between a retry and a
 * duplicate. And the hub forgets idempotency keys after 24 hours.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  createHubClient,
  createSubmissionQueue,
  HubError,
  RESIDENT_ENTRY_SYSTEM,
  validateEntry,
  type EntryInput,
  type Submission,
  type ValidEntry,
} from '@care-record/sdk';
import { parseFaults, signInPersonas } from '../src/index.js';
import { IDEMPOTENCY_KEY_LIFETIME_MS } from '../src/store/store.js';
import { openTestStore } from './support/test-store.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const SUBMISSIONS = 1_000;
const today = { day: '28', month: '11', year: '2026' };
const now = Date.parse('2026-11-28T12:00:00Z');

/** A varied stream of entries: weights, blood pressures and medicines, each one different. */
function entryNumber(index: number): ValidEntry {
  const input: EntryInput =
    index % 5 === 4
      ? { kind: 'medicine', name: `Test medicine ${index}`, dose: 'One a day', started: today }
      : index % 2 === 0
        ? { kind: 'weight', kilograms: (50 + (index % 600) / 10).toFixed(1), date: today, time: '09:30' }
        : { kind: 'blood-pressure', systolic: String(100 + (index % 80)), diastolic: String(60 + (index % 30)), date: today };
  const checked = validateEntry(input, { now });
  if (!checked.ok) throw new Error(`entry ${index} should be valid: ${checked.errors.map((error) => error.message).join('; ')}`);
  return checked.entry;
}

/** Every resident-entered resource of one type in the record, keyed by its entry identifier. */
async function residentEntries(testHub: TestHub, token: string, type: 'Observation' | 'MedicationStatement', patientId: string) {
  const hub = createHubClient({ baseUrl: testHub.fhir, auth: token });
  const byKey = new Map<string, number>();
  const query = { patient: patientId, _count: 500 };
  const found: { identifier?: { system?: string; value?: string }[] | undefined }[] = [];
  if (type === 'Observation') for await (const resource of hub.matches('/Observation', { query })) found.push(resource);
  else for await (const resource of hub.matches('/MedicationStatement', { query })) found.push(resource);
  for (const resource of found) {
    const key = resource.identifier?.find((identifier) => identifier.system === RESIDENT_ENTRY_SYSTEM)?.value;
    if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  return byKey;
}

/** The resident-entered items of the record, counted by entry key, read through a second hub (no faults) on the same database. */
async function readBack(store: string, patientId: string): Promise<Map<string, number>> {
  const clean = await startTestHub({ store });
  try {
    const token = await clean.signIn('resident');
    const observations = await residentEntries(clean, token, 'Observation', patientId);
    const medicines = await residentEntries(clean, token, 'MedicationStatement', patientId);
    const all = new Map(observations);
    for (const [key, count] of medicines) all.set(key, (all.get(key) ?? 0) + count);
    return all;
  } finally {
    await clean.close();
  }
}

describe('1,000 readings through a connection that fails 30% of requests', () => {
  let testHub: TestHub;
  let patientId: string;
  before(async () => {
    // 30% in all: 5XX, 429 with Retry-After, dropped connections, answers cut short, and answers lost after the write.
    testHub = await startTestHub({ faults: parseFaults('5xx=0.08,429=0.04,reset=0.06,malformed=0.04,lost=0.08,seed=61') });
    patientId = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
  });
  after(() => testHub.close());

  test('every entry is saved: 0 lost, 0 duplicated', { timeout: 60_000 }, async () => {
    const token = await testHub.signIn('resident');
    const posts = { sent: 0, dropped: 0, created: 0, alreadyCreated: 0, failed: 0 };
    const attemptsByKey = new Map<string, number>();
    const countingFetch: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const key = request.method === 'POST' ? request.headers.get('x-request-id') : null;
      if (key) {
        posts.sent += 1;
        attemptsByKey.set(key, (attemptsByKey.get(key) ?? 0) + 1);
      }
      try {
        const response = await fetch(request);
        if (key && response.status === 201) posts.created += 1;
        else if (key && response.status === 200) posts.alreadyCreated += 1;
        else if (key) posts.failed += 1;
        return response;
      } catch (error) {
        if (key) posts.dropped += 1;
        throw error;
      }
    };
    const client = createHubClient({
      baseUrl: testHub.fhir,
      auth: token,
      fetch: countingFetch,
      retry: { limit: 2, maxDelay: 20, maxRetryAfter: 20 },
    });
    const queue = createSubmissionQueue(client, patientId, { baseDelayMs: 5, maxDelayMs: 40, concurrency: 8, maxAttempts: 12 });
    let notifications = 0;
    queue.subscribe(() => notifications++);

    // What the record held before: the synthetic resident has entered readings of their own already.
    const earlier = await readBack(testHub.store, patientId);

    const started = performance.now();
    const submitted: Submission[] = [];
    for (let index = 0; index < SUBMISSIONS; index++) submitted.push(queue.submit(entryNumber(index)));
    assert.equal(queue.waiting, SUBMISSIONS, 'every entry is waiting as soon as it is made');
    await queue.idle();
    const seconds = (performance.now() - started) / 1000;

    const states = new Map<string, number>();
    for (const entry of queue.entries) states.set(entry.state, (states.get(entry.state) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(states), { saved: SUBMISSIONS }, 'every entry saved');
    assert.equal(new Set(queue.entries.map((entry) => entry.key)).size, SUBMISSIONS, 'one key per entry');
    assert.deepEqual(
      queue.entries.map((entry) => entry.key),
      submitted.map((entry) => entry.key),
      'entries keep their order and their keys',
    );
    // The faults really happened, and some were answers lost after the hub stored the entry.
    assert.ok(posts.sent > SUBMISSIONS * 1.2, `requests sent: ${posts.sent}`);
    assert.ok(posts.dropped > 0 && posts.failed > 0, JSON.stringify(posts));
    assert.ok(posts.alreadyCreated > 0, `a repeat was answered with the entry already stored: ${JSON.stringify(posts)}`);
    assert.ok(posts.created <= SUBMISSIONS, 'never more creates than entries');
    assert.ok(notifications >= SUBMISSIONS * 2);

    // Read back what the hub holds, through a second hub on the same database without faults.
    const stored = await readBack(testHub.store, patientId);
    const ours = new Set(queue.entries.map((entry) => entry.key));
    const duplicated = [...stored].filter(([key, count]) => ours.has(key) && count > 1).length;
    const lost = [...ours].filter((key) => !stored.has(key)).length;
    assert.equal(lost, 0, 'lost');
    assert.equal(duplicated, 0, 'duplicated');
    assert.equal(stored.size - earlier.size, SUBMISSIONS, 'exactly 1,000 more stored');
    assert.ok([...earlier.keys()].every((key) => !ours.has(key)));
    console.warn(
      `1,000 submissions in ${seconds.toFixed(1)} s: ${posts.sent} POSTs, ${posts.dropped} dropped, ${posts.failed} failed, ` +
        `${posts.alreadyCreated} answered "already stored"`,
    );
  });
});

describe('entries the hub refuses', () => {
  let testHub: TestHub;
  let patientId: string;
  before(async () => {
    testHub = await startTestHub();
    patientId = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
  });
  after(() => testHub.close());

  test('an implausible reading fails at once with the hub’s reason, is not retried, and is not lost', async () => {
    const token = await testHub.signIn('resident');
    let requests = 0;
    const client = createHubClient({
      baseUrl: testHub.fhir,
      auth: token,
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const queue = createSubmissionQueue(client, patientId, { baseDelayMs: 1 });
    // Past the form's checks (a caller that built its own entry): the hub applies the same rules.
    const entry = queue.submit({ kind: 'blood-pressure', systolic: 301, diastolic: 80, measured: '2026-11-28' });
    await queue.idle();
    const [failed] = queue.entries;
    assert.equal(failed?.key, entry.key);
    assert.equal(failed?.state, 'failed');
    assert.equal(failed?.failure?.retryable, false);
    assert.match(failed?.failure?.reason ?? '', /Systolic blood pressure \(mmHg\) must be between 50 and 300/);
    assert.ok(failed?.failure?.error instanceof HubError && failed.failure.error.status === 422);
    assert.equal(requests, 1, 'a refusal is not sent again');
  });

  test('the hub and the form apply the same limits', async () => {
    const token = await testHub.signIn('resident');
    const client = createHubClient({ baseUrl: testHub.fhir, auth: token });
    const queue = createSubmissionQueue(client, patientId, { baseDelayMs: 1 });
    const cases: [kilograms: number, accepted: boolean][] = [
      [0.5, true],
      [400, true],
      [0.49, false],
      [400.01, false],
    ];
    for (const [kilograms, accepted] of cases) {
      const form = validateEntry({ kind: 'weight', kilograms: String(kilograms), date: today }, { now });
      assert.equal(form.ok, accepted, `the form ${accepted ? 'accepts' : 'refuses'} ${kilograms}kg`);
      queue.submit({ kind: 'weight', kilograms, measured: '2026-11-28' });
    }
    await queue.idle();
    assert.deepEqual(
      queue.entries.map((entry) => entry.state),
      cases.map(([, accepted]) => (accepted ? 'saved' : 'failed')),
    );
  });

  test('a medicine is stored as the resident’s own, and shown to clinicians as resident-reported', async () => {
    const token = await testHub.signIn('resident');
    const client = createHubClient({ baseUrl: testHub.fhir, auth: token });
    const queue = createSubmissionQueue(client, patientId);
    const shared = queue.share({ kind: 'medicine', name: 'Senna tablets', dose: 'Two at night', started: today }, { now });
    assert.ok(shared.ok);
    await queue.idle();
    const savedAs = queue.entries[0]?.savedAs ?? '';
    const { body } = await testHub.call(token, `/${savedAs}`);
    assert.equal(body['informationSource'] && (body['informationSource'] as Json)['reference'], `Patient/${patientId}`);
    assert.equal((body['meta'] as Json)['source'], 'https://care-record.example/source/resident');
    assert.deepEqual((body['dosage'] as Json[])[0], { text: 'Two at night' });
    assert.deepEqual(body['effectivePeriod'], { start: '2026-11-28' });
  });

  test('a medicine sent by another app without saying where it came from is still stored as the resident’s own', async () => {
    const token = await testHub.signIn('resident');
    const sent = {
      resourceType: 'MedicationStatement',
      status: 'active',
      subject: { reference: `Patient/${patientId}` },
      medicationCodeableConcept: { text: 'Ibuprofen 200mg tablets' },
    };
    const { status, body } = await testHub.call(token, '/MedicationStatement', {
      method: 'POST',
      body: sent,
      headers: { 'x-request-id': randomUUID() },
    });
    assert.equal(status, 201, JSON.stringify(body));
    assert.deepEqual(body['informationSource'], { reference: `Patient/${patientId}` });
    assert.equal(((body['category'] as Json)['coding'] as Json[])[0]!['code'], 'patientspecified');
    assert.equal((body['meta'] as Json)['source'], 'https://care-record.example/source/resident');
  });
});

describe('a lost answer', () => {
  test('the hub stores the entry and then drops the connection', async () => {
    const testHub = await startTestHub({ faults: parseFaults('lost=1') });
    try {
      const patientId = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
      const before = ((await testHub.hub.store.query("SELECT COUNT(*) AS n FROM resource WHERE type = 'Observation'"))[0] as { n: number })
        .n;
      // The token is fetched from the SMART server, which fault injection leaves alone.
      const token = await testHub.signIn('resident');
      const checked = validateEntry({ kind: 'weight', kilograms: '70', date: today }, { now });
      assert.ok(checked.ok);
      const client = createHubClient({ baseUrl: testHub.fhir, auth: token, retry: false });
      const queue = createSubmissionQueue(client, patientId, { maxAttempts: 1 });
      queue.submit(checked.entry);
      await queue.idle();
      assert.equal(queue.entries[0]?.state, 'failed');
      assert.equal(queue.entries[0]?.failure?.retryable, true);
      const after = ((await testHub.hub.store.query("SELECT COUNT(*) AS n FROM resource WHERE type = 'Observation'"))[0] as { n: number })
        .n;
      assert.equal(after, before + 1, 'stored, though the resident never heard');
    } finally {
      await testHub.close();
    }
  });
});

describe('idempotency keys are kept for 24 hours', () => {
  test('a key answers within 24 hours, not after, and pruning removes it', async () => {
    const store = await openTestStore();
    try {
      const written = Date.parse('2026-11-27T09:00:00Z');
      const key = `Patient/pat-0001 ${randomUUID()}`;
      assert.equal(
        await store.recordIdempotentWrite(key, 'fingerprint', 'Observation', 'obs-1', written),
        true,
        'the first write takes it',
      );
      // A second process with the same key a moment later finds it taken, and answers with the first write.
      assert.equal(await store.recordIdempotentWrite(key, 'fingerprint', 'Observation', 'obs-9', written + 1), false, 'taken');
      assert.equal((await store.findIdempotentWrite(key, written + IDEMPOTENCY_KEY_LIFETIME_MS - 1))?.id, 'obs-1');
      assert.equal(await store.pruneIdempotentWrites(written + IDEMPOTENCY_KEY_LIFETIME_MS - 1), 0, 'kept while young');
      assert.equal(await store.findIdempotentWrite(key, written + IDEMPOTENCY_KEY_LIFETIME_MS + 1), undefined, 'not honoured once expired');
      assert.equal(await store.pruneIdempotentWrites(written + IDEMPOTENCY_KEY_LIFETIME_MS + 1), 1, 'pruned');
      assert.equal(await store.findIdempotentWrite(key, written), undefined, 'gone');
      // The key can be used again for a new entry once it has gone.
      assert.equal(
        await store.recordIdempotentWrite(key, 'other', 'Observation', 'obs-2', written + IDEMPOTENCY_KEY_LIFETIME_MS + 2),
        true,
      );
      assert.equal((await store.findIdempotentWrite(key, written + IDEMPOTENCY_KEY_LIFETIME_MS + 3))?.id, 'obs-2');
    } finally {
      await store.close();
    }
  });

  test('the hub prunes keys on create', async () => {
    const testHub = await startTestHub();
    try {
      const patientId = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
      const stale = `Patient/${patientId} ${randomUUID()}`;
      await testHub.hub.store.recordIdempotentWrite(
        stale,
        'f',
        'Observation',
        'obs-old',
        Date.now() - IDEMPOTENCY_KEY_LIFETIME_MS - 60_000,
      );
      const token = await testHub.signIn('resident');
      const checked = validateEntry({ kind: 'weight', kilograms: '70', date: today }, { now });
      assert.ok(checked.ok);
      const queue = createSubmissionQueue(createHubClient({ baseUrl: testHub.fhir, auth: token }), patientId);
      queue.submit(checked.entry);
      await queue.idle();
      assert.equal(queue.entries[0]?.state, 'saved');
      const left = (await testHub.hub.store.query('SELECT key FROM idempotency')) as { key: string }[];
      assert.ok(!left.some((row) => row.key === stale), 'the stale key was pruned');
      assert.equal(left.length, 1, 'the new key is kept');
    } finally {
      await testHub.close();
    }
  });
});
