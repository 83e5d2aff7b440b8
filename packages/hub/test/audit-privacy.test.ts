/**
 * A resident's access log names no one else. One AuditEvent lists every
 * resident a request found (a professional's Patient search finds several);
 * the log a resident reads, by search or by id, keeps only the entity that is
 * about them, so another resident's id never reaches them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
let hub: TestHub;
let resident: string;
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';

before(async () => {
  hub = await startTestHub();
  resident = hub.hub.borough.personas.resident.patientId;
});
after(() => hub.close());

const entries = (bundle: Json) => ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource);
const patientsNamed = (value: unknown): string[] =>
  [...JSON.stringify(value).matchAll(/"Patient\/([A-Za-z0-9\-.]+)"/g)].map((match) => match[1] ?? '');

test('a search that found several residents is in each one’s log, naming only them', async () => {
  // A GP's search by id finds the resident and others it may see (one AuditEvent lists them all).
  const others = ['pat-000004', 'pat-000005', 'pat-000006'];
  const gp = await hub.signIn('gp');
  const found = await hub.call(gp, `/Patient?_id=${[resident, ...others].join(',')}`);
  assert.equal(found.status, 200);
  const foundIds = entries(found.body)
    .filter((resource) => resource['resourceType'] === 'Patient')
    .map((resource) => resource['id']);
  assert.ok(foundIds.length >= 2 && foundIds.includes(resident), `the search found the resident and someone else (${foundIds.join(', ')})`);
  const [stored] = await hub.hub.store.query<{ json: string }>(
    `SELECT json FROM audit_event WHERE type = 'AuditEvent' AND json LIKE '%Patient search%' ORDER BY last_updated DESC LIMIT 1`,
  );
  assert.ok(stored, 'the hub recorded the search');
  assert.ok(new Set(patientsNamed(JSON.parse(stored.json))).size >= 2, 'the hub’s own record of it names everyone found');

  const token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
  const log = await hub.call(token, `/AuditEvent?patient=${resident}&_count=200`);
  assert.equal(log.status, 200);
  const events = entries(log.body).filter((resource) => resource['resourceType'] === 'AuditEvent');
  // The resident reads it without the type searched (`Record search`), as every entry (R13: audit-withheld-items).
  const search = events.find((event) => event['id'] === (JSON.parse(stored.json) as Json)['id']);
  assert.equal(JSON.stringify(search?.['entity']).includes('Patient search'), false, 'not the type searched');
  assert.ok(search, 'the search is in the resident’s log');
  for (const event of events) assert.deepEqual([...new Set(patientsNamed(event))], [resident], `AuditEvent/${String(event['id'])}`);
  const read = await hub.call(token, `/AuditEvent/${String(search['id'])}`);
  assert.equal(read.status, 200);
  assert.deepEqual([...new Set(patientsNamed(read.body))], [resident], 'read by id, too');
});
