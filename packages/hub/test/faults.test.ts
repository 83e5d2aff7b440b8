import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, HubError } from '@care-record/sdk';
import { parseFaults, signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

describe('parsing --faults', () => {
  test('reads every kind of fault and refuses nonsense with a clear message', () => {
    const faults = parseFaults('latency=300,5xx=0.1,429=0.05,reset=0.02,malformed=0.01,unavailable=F83003+RAL01,seed=7');
    assert.equal(faults.latencyMs, 300);
    assert.equal(faults.serverErrorRate, 0.1);
    assert.equal(faults.throttleRate, 0.05);
    assert.equal(faults.resetRate, 0.02);
    assert.equal(faults.malformedRate, 0.01);
    assert.deepEqual(faults.unavailableSources, ['F83003', 'RAL01']);
    assert.throws(() => parseFaults('5xx=2'), /between 0 and 1/);
    assert.throws(() => parseFaults('explode=1'), /Unknown fault "explode"/);
    assert.throws(() => parseFaults('5xx=0.6,429=0.6'), /more than 1/);
    assert.throws(() => parseFaults('unavailable='), /ODS codes/);
  });

  test('the same seed gives the same faults', () => {
    const draws = (text: string) => {
      const faults = parseFaults(text);
      return Array.from({ length: 5 }, () => faults.random());
    };
    assert.deepEqual(draws('seed=42'), draws('seed=42'));
  });
});

describe('a source system that does not answer', () => {
  let testHub: TestHub;
  let patientId: string;
  let gpOds: string;
  before(async () => {
    // The GP practice's own system is "down": its records are missing, and every answer says so.
    const probe = await startTestHub();
    const gp = signInPersonas(probe.hub.borough).find((persona) => persona.id === 'hospital-nurse')!;
    const practice = signInPersonas(probe.hub.borough).find((persona) => persona.id === 'gp')!;
    gpOds = practice.odsCode!;
    patientId =
      (
        (
          await probe.hub.store.query(
            'SELECT a.patient_id AS id FROM relationship a JOIN relationship b ON a.patient_id = b.patient_id WHERE a.organization_id = ? AND b.organization_id = ? LIMIT 1',
            [gp.organizationId, practice.organizationId],
          )
        )[0] as { id: string } | undefined
      )?.id ?? '';
    await probe.close();
    testHub = await startTestHub({ faults: parseFaults(`unavailable=${gpOds}`) });
  });
  after(() => testHub.close());

  test('a search returns the other sources and names the missing one', async () => {
    assert.notEqual(patientId, '', 'a resident known to both the hospital and the GP practice');
    const token = await testHub.signIn('hospital-nurse');
    const { status, body } = await testHub.call(token, `/MedicationRequest?patient=${patientId}&_count=500`);
    assert.equal(status, 200);
    const entries = body['entry'] as { resource: Json; search: { mode: string } }[];
    const sources = entries
      .filter((entry) => entry.search.mode === 'match')
      .map((entry) => (entry.resource['meta'] as { source: string }).source);
    assert.ok(!sources.includes(`https://care-record.example/source/${gpOds}`));
    const outage = entries.find(
      (entry) => entry.search.mode === 'outcome' && JSON.stringify(entry.resource).includes('SOURCE_UNAVAILABLE'),
    );
    assert.ok(outage, 'an OperationOutcome names the unavailable source');
    assert.match(JSON.stringify(outage.resource), new RegExp(`"code":"${gpOds}"`));
  });

  test('the record summary is partial, and says which source is missing', async () => {
    const token = await testHub.signIn('hospital-nurse');
    const { body } = await testHub.call(token, `/Patient/${patientId}/$summary`);
    const text = JSON.stringify(body);
    assert.match(text, /SOURCE_UNAVAILABLE/);
    assert.match(text, new RegExp(`"code":"${gpOds}"`));
  });
});

describe('a flaky hub', () => {
  let testHub: TestHub;
  let patientId: string;
  before(async () => {
    testHub = await startTestHub({ faults: parseFaults('5xx=0.15,429=0.1,reset=0.05,seed=2026') });
    patientId = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
  });
  after(() => testHub.close());

  test('answers some requests with 5XX, 429 with Retry-After, or a dropped connection', async () => {
    const token = await testHub.signIn('resident');
    const seen = new Map<string, number>();
    for (let index = 0; index < 80; index += 1) {
      let outcome: string;
      try {
        const { status, headers } = await testHub.call(token, `/Patient/${patientId}`);
        outcome = status === 429 ? `429 retry-after ${headers.get('retry-after')}` : String(status >= 500 ? '5XX' : status);
      } catch {
        outcome = 'connection dropped';
      }
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
    }
    for (const expected of ['200', '5XX', '429 retry-after 1', 'connection dropped'])
      assert.ok(seen.has(expected), `saw ${[...seen.keys()].join(', ')}`);
  });

  test('the SDK rides through it: every read arrives, in order, for the right patient', async () => {
    const token = await testHub.signIn('resident');
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: token, retry: { limit: 8, maxDelay: 20, maxRetryAfter: 50 } });
    for (let index = 0; index < 40; index += 1) {
      const patient = await hub.get('/Patient/{id}', { path: { id: patientId } });
      assert.equal(patient.id, patientId);
    }
  });

  test('a malformed answer is reported as such, not parsed', async () => {
    const broken = await startTestHub({ faults: parseFaults('malformed=1') });
    try {
      const resident = signInPersonas(broken.hub.borough).find((persona) => persona.id === 'resident')!.patientId!;
      const token = await broken.signIn('resident');
      const hub = createHubClient({ baseUrl: broken.fhir, auth: token, retry: false });
      await assert.rejects(
        hub.get('/Patient/{id}', { path: { id: resident } }),
        (error: unknown) => error instanceof HubError && error.kind === 'invalid-response',
      );
    } finally {
      await broken.close();
    }
  });
});
