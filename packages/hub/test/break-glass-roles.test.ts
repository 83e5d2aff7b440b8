/**
 * Emergency (break-glass) access is for those who give care. A GP practice's
 * receptionist who gave a reason was let into any resident's record — their
 * details and appointments, and through a search by NHS number anyone in the
 * borough — and every refusal they met invited them to try it. Now a
 * non-clinical role's reason is refused with `403` `ACCESS_DENIED` on every
 * way into a record, whoever the resident, and their refusals do not offer
 * emergency access; clinical roles keep it (docs/access-policy.md R7, R8).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const REASON = 'Collapsed in the waiting room, no history available';
const NHS_NUMBER = 'https://fhir.nhs.uk/Id/nhs-number';

let testHub: TestHub;
const residents: Record<'related' | 'unrelated' | 'nobody', { id: string; nhsNumber: string }> = {
  related: { id: '', nhsNumber: '' },
  unrelated: { id: '', nhsNumber: '' },
  nobody: { id: 'pat-999999', nhsNumber: '9999999999' },
};

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;

async function nhsNumberOf(patientId: string): Promise<string> {
  const patient = (await testHub.hub.store.read('Patient', patientId))?.resource as { identifier?: { system?: string; value?: string }[] };
  return patient.identifier?.find((identifier) => identifier.system === NHS_NUMBER)?.value ?? '';
}

/** Every way into one resident's record, as a request and how to read its answer for that resident. */
const ways: Record<string, (resident: { id: string; nhsNumber: string }) => { path: string; init?: RequestInit }> = {
  'read Patient': ({ id }) => ({ path: `Patient/${id}` }),
  $summary: ({ id }) => ({ path: `Patient/${id}/$summary` }),
  'search Appointment': ({ id }) => ({ path: `Appointment?patient=${id}` }),
  'Patient search by NHS number': ({ nhsNumber }) => ({ path: `Patient?identifier=${encodeURIComponent(`${NHS_NUMBER}|${nhsNumber}`)}` }),
  'Patient search by id': ({ id }) => ({ path: `Patient?_id=${id}` }),
  'batch read': ({ id }) => ({
    path: '',
    init: {
      method: 'POST',
      body: JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Patient/${id}` } }] }),
    },
  }),
};

async function ask(
  persona: string,
  way: string,
  who: keyof typeof residents,
  breakGlass: boolean,
): Promise<{ status: number; body: Json }> {
  const token = await testHub.signIn(persona);
  const { path, init } = ways[way]!(residents[who]);
  const response = await fetch(`${testHub.fhir}/${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/fhir+json',
      'content-type': 'application/fhir+json',
      ...(breakGlass ? { 'x-break-glass-reason': REASON } : {}),
    },
  });
  const body = (await response.json()) as Json;
  // A batch answers each entry in its own status; the entry is the answer about the resident.
  if (way === 'batch read' && response.status === 200) {
    const entry = (body['entry'] as { response: { status: string; outcome?: Json }; resource?: Json }[])[0]!;
    return { status: Number.parseInt(entry.response.status, 10), body: entry.response.outcome ?? entry.resource ?? {} };
  }
  return { status: response.status, body };
}

before(async () => {
  testHub = await startTestHub();
  const receptionist = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'receptionist')!;
  const row = async (sql: string) => ((await testHub.hub.store.query(sql, [receptionist.organizationId]))[0] as { id: string }).id;
  residents.related.id = await row('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1');
  residents.unrelated.id = await row(
    "SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (SELECT patient_id FROM relationship WHERE organization_id = ?) ORDER BY id LIMIT 1",
  );
  residents.related.nhsNumber = await nhsNumberOf(residents.related.id);
  residents.unrelated.nhsNumber = await nhsNumberOf(residents.unrelated.id);
});
after(() => testHub.close());

describe('a receptionist giving a break-glass reason', () => {
  for (const way of Object.keys(ways))
    for (const who of ['related', 'unrelated', 'nobody'] as const)
      test(`${way}, a resident ${who === 'nobody' ? 'who does not exist' : who}: 403 ACCESS_DENIED, nothing of the record`, async () => {
        const answer = await ask('receptionist', way, who, true);
        assert.equal(answer.status, 403);
        assert.equal(answer.body['resourceType'], 'OperationOutcome');
        assert.equal(hubCode(answer.body), 'ACCESS_DENIED');
        assert.match(JSON.stringify(answer.body), /break-glass\) access is for clinical staff/);
      });
});

describe('a receptionist without a reason', () => {
  test('is refused an unrelated resident without being offered emergency access', async () => {
    for (const way of ['read Patient', '$summary', 'search Appointment', 'batch read']) {
      const answer = await ask('receptionist', way, 'unrelated', false);
      assert.equal(answer.status, 403, way);
      assert.equal(hubCode(answer.body), 'NO_LEGITIMATE_RELATIONSHIP', way);
      assert.doesNotMatch(JSON.stringify(answer.body), /break-glass|emergency/i, way);
    }
  });

  test('still reads the details and appointments of a resident of their practice', async () => {
    for (const way of ['read Patient', 'search Appointment', 'Patient search by NHS number']) {
      const answer = await ask('receptionist', way, 'related', false);
      assert.equal(answer.status, 200, way);
    }
  });
});

describe('clinical roles keep emergency access', () => {
  for (const persona of ['gp', 'hospital-nurse', 'social-worker'])
    test(`${persona}: every way into an unrelated resident's record opens with a reason`, async () => {
      for (const way of Object.keys(ways)) {
        const answer = await ask(persona, way, 'unrelated', true);
        assert.equal(answer.status, 200, `${persona} ${way}`);
        assert.notEqual(answer.body['resourceType'], 'OperationOutcome', `${persona} ${way}`);
      }
    });
  test('a GP of the same practice is refused the unrelated resident without a reason, and offered emergency access', async () => {
    const refused = await ask('gp', 'read Patient', 'unrelated', false);
    assert.equal(refused.status, 403);
    assert.equal(hubCode(refused.body), 'NO_LEGITIMATE_RELATIONSHIP');
    assert.match(JSON.stringify(refused.body), /break-glass/);
  });
});
