/**
 * A 403 says why in its `WWW-Authenticate` challenge when, and only when, the
 * token lacks a scope the request needs (RFC 6750 §3.1, `insufficient_scope`).
 * A client tells the person to sign in again and allow it for that refusal
 * alone: said of a refusal the policy makes (a receptionist and clinical
 * items, a resident and someone else's record), it would send them round a
 * sign-in that changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestHub, type TestHub } from './support/test-hub.js';

let hub: TestHub;
let resident: string;
let stranger: string;
before(async () => {
  hub = await startTestHub();
  resident = hub.hub.borough.personas.resident.patientId;
  // Someone the resident and the carer have nothing to do with.
  stranger = ['pat-000007', 'pat-000008'].find((id) => id !== resident)!;
});
after(() => hub.close());

const CHALLENGE = /^Bearer\b.*\berror="insufficient_scope"/;

async function ask(token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${hub.fhir}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/fhir+json',
      ...(init.body ? { 'content-type': 'application/fhir+json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  await response.arrayBuffer();
  return { status: response.status, challenge: response.headers.get('www-authenticate') ?? '' };
}

const TYPES = ['Observation', 'MedicationStatement', 'Condition', 'AllergyIntolerance', 'Appointment', 'CarePlan'];
const weight = (patientId: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: '2026-11-27',
  valueQuantity: { value: 70, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

describe('a refusal for want of a scope says so in its challenge', () => {
  for (const type of TYPES) {
    test(`a resident reading ${type} with a token for every other type`, async () => {
      const others = TYPES.filter((other) => other !== type).map((other) => `patient/${other}.rs`);
      const token = await hub.signIn('resident', { scope: `openid fhirUser launch/patient patient/Patient.rs ${others.join(' ')}` });
      const answer = await ask(token, `/${type}?patient=${resident}`);
      assert.equal(answer.status, 403);
      assert.match(answer.challenge, CHALLENGE);
    });

    test(`a GP reading ${type} with a token for every other type`, async () => {
      const others = TYPES.filter((other) => other !== type).map((other) => `user/${other}.rs`);
      const token = await hub.signIn('gp', { scope: `openid fhirUser user/Patient.rs ${others.join(' ')}` });
      const answer = await ask(token, `/${type}?patient=${resident}`);
      assert.equal(answer.status, 403);
      assert.match(answer.challenge, CHALLENGE);
    });
  }

  test('a resident adding a reading with a read-only token', async () => {
    const token = await hub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
    const answer = await ask(token, '/Observation', { method: 'POST', body: weight(resident) });
    assert.equal(answer.status, 403);
    assert.match(answer.challenge, CHALLENGE);
  });
});

describe('a refusal the policy makes does not say the scope is wanting', () => {
  const refusals: { who: string; persona: string; path: () => string; method?: string; body?: () => unknown }[] = [
    { who: 'a receptionist reading clinical items', persona: 'receptionist', path: () => `/Observation?patient=${resident}` },
    { who: 'a resident reading someone else', persona: 'resident', path: () => `/Observation?patient=${stranger}` },
    {
      who: 'a resident adding to someone else’s record',
      persona: 'resident',
      path: () => '/Observation',
      method: 'POST',
      body: () => weight(stranger),
    },
    { who: 'a carer reading someone they do not act for', persona: 'carer', path: () => `/Observation?patient=${stranger}` },
  ];
  for (const refusal of refusals)
    test(refusal.who, async () => {
      const token = await hub.signIn(refusal.persona);
      const answer = await ask(token, refusal.path(), { ...(refusal.method ? { method: refusal.method } : {}), body: refusal.body?.() });
      assert.ok(answer.status >= 400 && answer.status < 500, `refused (${answer.status})`);
      assert.doesNotMatch(answer.challenge, /insufficient_scope/);
    });
});
