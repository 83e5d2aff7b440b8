/**
 * Conditional reads between the SDK and the real hub: the hub answers
 * `304 Not Modified` with the version's ETag, and marks every record
 * `no-store`, so the SDK keeps no copy and reads the resource again, never
 * an error and never nothing. A receptionist, who reads the same version
 * with less in it, is never given the copy a clinician read, even through a
 * host's caching fetch that ignores `no-store`: their view has its own ETag.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHubClient, HubError } from '@care-record/sdk';
import { signInPersonas } from '../../src/index.js';
import { aboutPatient, exampleOf } from '../support/policy-fixtures.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let patientId: string;
const appointmentId = 'appt-conditional-read';
before(async () => {
  testHub = await startTestHub();
  const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist');
  assert.ok(receptionist);
  const [related] = (await testHub.hub.store.query(
    'SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1',
    [receptionist.organizationId],
  )) as { id: string }[];
  assert.ok(related);
  patientId = related.id;
  const appointment = aboutPatient(
    { ...exampleOf('Appointment'), id: appointmentId, status: 'booked', start: '2026-12-10T09:30:00Z', comment: 'HbA1c rising' },
    patientId,
  );
  await testHub.hub.store.transaction(async (store) => {
    await store.put(appointment);
  });
});
after(() => testHub.close());

/** A host's `fetch` with its own cache of validators, shared by everyone on the machine; a 304 is handed on as it came. */
function cachingHostFetch(log: number[]): typeof fetch {
  const etags = new Map<string, string>();
  return async (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    const etag = etags.get(request.url);
    if (etag) headers.set('if-none-match', etag);
    const response = await fetch(new Request(request, { headers }));
    log.push(response.status);
    const answered = response.headers.get('etag');
    if (response.status === 200 && answered) etags.set(request.url, answered);
    return response;
  };
}

test('a read the caller makes conditional gives the resource from the hub, which lets no copy be kept', async () => {
  const statuses: number[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  const hub = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('receptionist'), fetch: recording });
  const first = await hub.request('get', '/Appointment/{id}', { path: { id: appointmentId } });
  assert.match(first.headers.get('cache-control') ?? '', /no-store/);
  assert.ok(first.etag);
  const again = await hub.request('get', '/Appointment/{id}', { path: { id: appointmentId }, headers: { 'if-none-match': first.etag } });
  assert.deepEqual(again.data, first.data);
  // The hub said 304; with no copy kept (no-store), the client read it again rather than fail or give nothing.
  assert.deepEqual(statuses, [200, 304, 200]);
});

test('a copy read by one person is never given to another who reads the same version with less in it', async () => {
  const statuses: number[] = [];
  let token = await testHub.signIn('gp');
  const hub = createHubClient({ baseUrl: testHub.fhir, auth: { getAccessToken: () => token }, fetch: cachingHostFetch(statuses) });
  const full = await hub.get('/Appointment/{id}', { path: { id: appointmentId } });
  assert.equal(full.comment, 'HbA1c rising');
  token = await testHub.signIn('receptionist');
  const desk = await hub.get('/Appointment/{id}', { path: { id: appointmentId } });
  // The desk's view is versioned by what it shows (a hash of the view), so the clinician's validator names no
  // version of it: the hub answers the desk in full, with its own view, and the clinician's copy is never used.
  assert.deepEqual(statuses, [200, 200]);
  assert.equal(desk.id, appointmentId);
  assert.equal(desk.comment, undefined);
  assert.ok(!JSON.stringify(desk).includes('HbA1c rising'));
});

test('a host cache that insists on its validator gets a typed failure, never a copy the SDK did not keep', async () => {
  const statuses: number[] = [];
  const hub = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('receptionist'), fetch: cachingHostFetch(statuses) });
  await hub.get('/Appointment/{id}', { path: { id: appointmentId } });
  const again = await hub.get('/Appointment/{id}', { path: { id: appointmentId } }).then(
    (found) => found,
    (error: unknown) => error,
  );
  // The SDK keeps no copy (no-store), so it reads again; the host's fetch puts its validator back, and the second
  // 304 is a typed failure rather than a resource from nowhere or nothing.
  assert.deepEqual(statuses, [200, 304, 304]);
  assert.ok(again instanceof HubError, String(again));
  assert.deepEqual([again.kind, again.status], ['invalid-response', 304]);
});
