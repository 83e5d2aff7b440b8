/**
 * The hub accepting access tokens from identity providers it is configured to
 * trust, on real HTTP: an independent OpenID provider (`oidc-provider`) plays
 * a professionals' provider (as NHS CIS2 would be) and another a residents'
 * (as NHS login would be, mapping the NHS number to the Patient); a third,
 * not configured, plays an issuer nobody trusts. Tokens they issue are used
 * against the hub exactly as its own are — the policy decides what each
 * person sees — and every way a token can be wrong is refused with the same
 * 401 the hub gives any bad token.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createBorough } from '@care-record/synthetic';
import { createHub, signInPersonas, type Hub, type SignInPersona } from '../../src/index.js';
import { freePort, testNow } from '../support/test-hub.js';
import { startExternalProvider, type ExternalProvider } from './external-provider.js';

type Json = Record<string, unknown>;
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

let hub: Hub;
let directory: string;
let fhir: string;
let professionals: ExternalProvider;
let residents: ExternalProvider;
let untrusted: ExternalProvider;
let gp: SignInPersona;
let receptionist: SignInPersona;
let nurse: SignInPersona;
let resident: { patientId: string; nhsNumber: string };
let related: string;
let unrelated: string;
const logLines: string[] = [];

async function call(token: string | undefined, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${fhir}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/fhir+json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/fhir+json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;

/** The hub's answer to a token it does not accept, made with a token that is plainly not one. */
let refusal: { status: number; text: string; challenge: string | null };
async function assertRefused(token: string, what: string) {
  const answer = await call(token, `/Patient/${related}`);
  assert.equal(answer.status, 401, `${what}: ${answer.text}`);
  assert.equal(answer.text, refusal.text, `${what}: the refusal says no more than any bad token's`);
  assert.equal(answer.headers.get('www-authenticate'), refusal.challenge, what);
}

before(async () => {
  directory = mkdtempSync(join(tmpdir(), 'care-record-external-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  fhir = `${origin}/fhir`;
  // The borough's people, to give the providers' accounts: the same synthetic borough the hub seeds.
  const borough = createBorough({ residents: 60, seed: 'test-borough', now: testNow });
  const personas = signInPersonas(borough);
  const persona = (id: string) => personas.find((candidate) => candidate.id === id)!;
  [gp, receptionist, nurse] = [persona('gp'), persona('receptionist'), persona('hospital-nurse')];
  resident = borough.personas.resident;
  const practitionerOf = (practitionerRoleId: string) =>
    borough.practitionerRoles.find((role) => role.id === practitionerRoleId)?.practitioner?.reference;

  const professional = (who: SignInPersona, claims: Json = {}) => ({
    role: who.role,
    organization: who.odsCode,
    fhirUser: who.fhirUser,
    ...claims,
  });
  professionals = await startExternalProvider(
    {
      gp: professional(gp),
      // The organisation by its directory id rather than its ODS code, and the person as a Practitioner.
      'gp-practitioner': professional(gp, { organization: gp.organizationId, fhirUser: practitionerOf(gp.fhirUser.split('/')[1]!) }),
      receptionist: professional(receptionist),
      'unknown-role': professional(gp, { role: 'surgeon' }),
      'unknown-organisation': professional(gp, { organization: 'Z9Z9Z' }),
      'elsewhere-organisation': professional(gp, { organization: nurse.odsCode }),
    },
    { audience: fhir, alg: 'RS256' },
  );
  residents = await startExternalProvider(
    { resident: { nhs_number: resident.nhsNumber }, stranger: { nhs_number: '9990000000' } },
    { audience: fhir, alg: 'ES256' },
  );
  untrusted = await startExternalProvider({ gp: professional(gp) }, { audience: fhir, alg: 'RS256' });

  hub = await createHub({
    dbPath: join(directory, 'hub.db'),
    residents: 60,
    seed: 'test-borough',
    now: testNow,
    origin,
    log: (line) => logLines.push(line),
    trustedIssuers: [
      { issuer: professionals.issuer, jwksUri: professionals.jwksUri, audience: fhir, maxTokenLifetimeSeconds: 900 },
      {
        issuer: residents.issuer,
        jwksUri: residents.jwksUri,
        audience: fhir,
        role: 'resident',
        claims: { nhsNumber: 'nhs_number' },
        maxTokenLifetimeSeconds: 900,
      },
    ],
  });
  await hub.app.listen({ port, host: '127.0.0.1' });
  const { db } = hub.store;
  related = (
    db
      .prepare('SELECT patient_id AS id FROM relationship WHERE organization_id = ? AND patient_id != ? ORDER BY patient_id LIMIT 1')
      .get(gp.organizationId, resident.patientId) as { id: string }
  ).id;
  unrelated = (
    db
      .prepare(
        "SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (SELECT patient_id FROM relationship WHERE organization_id = ?) ORDER BY id LIMIT 1",
      )
      .get(gp.organizationId) as { id: string }
  ).id;
  assert.ok(hub.store.isRelated(resident.patientId, gp.organizationId!), 'the GP cares for the resident persona');
  // The resident starts with no sharing choice, so that the one they make here is the first.
  db.prepare("DELETE FROM resource WHERE type = 'Consent' AND patient_id = ?").run(resident.patientId);
  const garbage = await call('not-a-token', `/Patient/${related}`);
  refusal = { status: garbage.status, text: garbage.text, challenge: garbage.headers.get('www-authenticate') };
  assert.equal(refusal.status, 401);
});

after(async () => {
  await hub?.close();
  for (const provider of [professionals, residents, untrusted]) provider?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('a professional signed in by a trusted provider', () => {
  test('reads the records of their organisation’s residents, and not of others', async () => {
    const token = await professionals.accessToken('gp', 'user/*.rs');
    assert.equal((await call(token, `/Patient/${related}`)).status, 200);
    const conditions = await call(token, `/Condition?patient=${related}`);
    assert.equal(conditions.status, 200, conditions.text);
    assert.equal(conditions.body['resourceType'], 'Bundle');
    const stranger = await call(token, `/Patient/${unrelated}`);
    assert.equal(stranger.status, 403);
    assert.equal(hubCode(stranger.body), 'NO_LEGITIMATE_RELATIONSHIP');
  });

  test('named as a Practitioner and their organisation by directory id, the same policy applies', async () => {
    const token = await professionals.accessToken('gp-practitioner', 'user/*.rs');
    assert.equal((await call(token, `/Patient/${related}`)).status, 200);
    assert.equal((await call(token, `/Patient/${unrelated}`)).status, 403);
  });

  test('a receptionist gets demographics but no clinical record, whatever scopes the provider granted', async () => {
    const token = await professionals.accessToken('receptionist', 'user/*.rs user/Condition.rs');
    assert.equal((await call(token, `/Patient/${related}`)).status, 200);
    const conditions = await call(token, `/Condition?patient=${related}`);
    assert.equal(conditions.status, 403, conditions.text);
  });

  test('a resident who declined sharing with the GP’s organisation is refused to the GP', async () => {
    const residentToken = await residents.accessToken('resident', 'patient/*.rs patient/Consent.cu');
    const gpToken = await professionals.accessToken('gp', 'user/*.rs');
    assert.equal((await call(gpToken, `/Patient/${resident.patientId}`)).status, 200);
    const choice = await call(residentToken, '/Consent', {
      method: 'POST',
      body: {
        resourceType: 'Consent',
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
        patient: { reference: `Patient/${resident.patientId}` },
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: {
          type: 'permit',
          provision: [
            {
              type: 'deny',
              actor: [
                {
                  role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
                  reference: { reference: `Organization/${gp.organizationId}` },
                },
              ],
            },
          ],
        },
      },
    });
    assert.equal(choice.status, 201, choice.text);
    const declined = await call(gpToken, `/Patient/${resident.patientId}`);
    assert.equal(declined.status, 403);
    assert.equal(hubCode(declined.body), 'SHARING_DECLINED');
    // Their organisation's other residents are still theirs to see.
    assert.equal((await call(gpToken, `/Patient/${related}`)).status, 200);
  });
});

describe('a resident signed in by a trusted provider (NHS number → Patient)', () => {
  test('is confined to their own record', async () => {
    const token = await residents.accessToken('resident', 'patient/*.rs');
    const own = await call(token, `/Patient/${resident.patientId}`);
    assert.equal(own.status, 200, own.text);
    assert.equal(own.body['id'], resident.patientId);
    assert.equal((await call(token, `/Condition?patient=${resident.patientId}`)).status, 200);
    for (const path of [`/Patient/${related}`, `/Condition?patient=${related}`, `/Patient/${unrelated}`]) {
      assert.equal((await call(token, path)).status, 403, path);
    }
  });

  test('an NHS number the hub has no Patient for is refused', async () => {
    await assertRefused(await residents.accessToken('stranger', 'patient/*.rs'), 'unknown NHS number');
  });
});

describe('tokens the hub must refuse', () => {
  test('a token from an issuer that is not configured is refused without fetching its keys', async () => {
    const token = await untrusted.accessToken('gp', 'user/*.rs');
    await assertRefused(token, 'untrusted issuer');
    assert.equal(untrusted.jwksFetches(), 0, 'the untrusted issuer’s keys were never fetched');
  });

  test('a token for another audience is refused', async () => {
    await assertRefused(await professionals.accessToken('gp', 'user/*.rs', 'https://other-service.example/fhir'), 'other audience');
  });

  test('an unknown role and an unknown or wrong organisation are refused', async () => {
    await assertRefused(await professionals.accessToken('unknown-role', 'user/*.rs'), 'unknown role');
    await assertRefused(await professionals.accessToken('unknown-organisation', 'user/*.rs'), 'unknown organisation');
    await assertRefused(await professionals.accessToken('elsewhere-organisation', 'user/*.rs'), 'an organisation they do not work at');
  });

  test('no token appears in the hub’s log', async () => {
    const token = await professionals.accessToken('gp', 'user/*.rs');
    await call(token, `/Patient/${related}`);
    await call(`${token}x`, `/Patient/${related}`);
    assert.ok(logLines.length > 0, 'the hub logged its requests');
    const [, payload = '', signature = ''] = token.split('.');
    for (const line of logLines) {
      assert.ok(!line.includes(payload) && !line.includes(signature), 'a log line carries a token');
    }
  });
});
