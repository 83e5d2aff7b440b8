/**
 * The hub serves what the record page asks for its medication headline: every
 * status the SDK counts as current (on hold, draft, intended, unknown as well
 * as active), by `$summary` and by the page's plain searches, and nothing
 * past. Without them the headline said "No current medications recorded"
 * while the medication list showed a current one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CURRENT_REQUEST_STATUSES, CURRENT_STATEMENT_STATUSES } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const REQUEST_STATUSES = ['active', 'on-hold', 'cancelled', 'completed', 'entered-in-error', 'stopped', 'draft', 'unknown'];
const STATEMENT_STATUSES = ['active', 'completed', 'entered-in-error', 'intended', 'stopped', 'on-hold', 'unknown', 'not-taken'];

let testHub: TestHub;
let patientId: string;
let source: string;

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patientId = personas.find((persona) => persona.id === 'resident')!.patientId!;
  source = `https://care-record.example/source/${personas.find((persona) => persona.id === 'gp')!.odsCode}`;
  for (const status of REQUEST_STATUSES)
    await testHub.hub.store.put({
      resourceType: 'MedicationRequest',
      id: `mr-status-${status}`,
      meta: { source },
      status,
      intent: 'order',
      subject: { reference: `Patient/${patientId}` },
      medicationCodeableConcept: { text: `Request ${status}` },
    });
  for (const status of STATEMENT_STATUSES)
    await testHub.hub.store.put({
      resourceType: 'MedicationStatement',
      id: `ms-status-${status}`,
      meta: { source },
      status,
      subject: { reference: `Patient/${patientId}` },
      medicationCodeableConcept: { text: `Statement ${status}` },
    });
});
after(() => testHub.close());

const ids = (body: Json, prefix: string): string[] =>
  ((body['entry'] as { resource: Json }[] | undefined) ?? [])
    .map((entry) => String(entry.resource['id']))
    .filter((id) => id.startsWith(prefix))
    .sort();
const expected = (prefix: string, statuses: readonly string[]) => statuses.map((status) => `${prefix}${status}`).sort();

describe('the medicines the record page asks for', () => {
  test('$summary carries every current status of a request and a statement, and no past one', async () => {
    const token = await testHub.signIn('resident');
    const { status, body } = await testHub.call(token, `/Patient/${patientId}/$summary`);
    assert.equal(status, 200);
    assert.deepEqual(ids(body, 'mr-status-'), expected('mr-status-', CURRENT_REQUEST_STATUSES));
    assert.deepEqual(ids(body, 'ms-status-'), expected('ms-status-', CURRENT_STATEMENT_STATUSES));
  });

  test('a search for the current statuses, comma-separated, finds each of them', async () => {
    const token = await testHub.signIn('resident');
    const requests = await testHub.call(
      token,
      `/MedicationRequest?patient=${patientId}&status=${CURRENT_REQUEST_STATUSES.join(',')}&_count=500`,
    );
    assert.deepEqual(ids(requests.body, 'mr-status-'), expected('mr-status-', CURRENT_REQUEST_STATUSES));
    const statements = await testHub.call(
      token,
      `/MedicationStatement?patient=${patientId}&status=${CURRENT_STATEMENT_STATUSES.join(',')}&_count=500`,
    );
    assert.deepEqual(ids(statements.body, 'ms-status-'), expected('ms-status-', CURRENT_STATEMENT_STATUSES));
  });
});
