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
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { base64url, generateKeyPair, importJWK, SignJWT } from 'jose';
import { createBorough } from '@care-record/synthetic';
import { createHub, signInPersonas, type Hub, type SignInPersona } from '../../src/index.js';
import { sharingChoiceExcluding } from '../support/policy-fixtures.js';
import { freePort, testNow } from '../support/test-hub.js';
import { startExternalProvider, type ExternalProvider } from './external-provider.js';

type Json = Record<string, unknown>;

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
let carer: { relatedPersonId: string; residents: readonly { patientId: string }[] };
let related: string;
let unrelated: string;
let gpPractitioner: string;
/** A key the professionals' provider does not have, for tokens that borrow its key id. */
let foreignKey: CryptoKey;
let foreignRs512Key: CryptoKey;
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
  // The status only: an accepted token's answer is a resident's record, which has no place in a test report.
  assert.equal(answer.status, 401, `${what}: answered ${answer.status}`);
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
  assert.ok(borough.personas.familyCarer, 'the borough has a family carer');
  carer = borough.personas.familyCarer;
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
      // The same person signed in for the other organisation they work at (a role added to the directory below).
      'gp-practitioner-elsewhere': professional(gp, {
        organization: nurse.odsCode,
        fhirUser: practitionerOf(gp.fhirUser.split('/')[1]!),
      }),
      receptionist: professional(receptionist),
      'unknown-role': professional(gp, { role: 'surgeon' }),
      'unknown-organisation': professional(gp, { organization: 'Z9Z9Z' }),
      'elsewhere-organisation': professional(gp, { organization: nurse.odsCode }),
      // A council's provider signs in carers too: their role and RelatedPerson come from its claims.
      carer: { role: 'carer', fhirUser: `RelatedPerson/${carer.relatedPersonId}` },
    },
    { audience: fhir, alg: 'RS256' },
  );
  residents = await startExternalProvider(
    {
      resident: { nhs_number: resident.nhsNumber, identity_proofing_level: 'P9' },
      // Signed in, but their identity not checked in full: not enough to open a health record.
      'resident-p5': { nhs_number: resident.nhsNumber, identity_proofing_level: 'P5' },
      stranger: { nhs_number: '9990000000', identity_proofing_level: 'P9' },
    },
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
        requiredClaims: { identity_proofing_level: ['P9'] },
        maxTokenLifetimeSeconds: 900,
      },
    ],
  });
  await hub.app.listen({ port, host: '127.0.0.1' });
  related = (
    await hub.store.query<{ id: string }>(
      'SELECT patient_id AS id FROM relationship WHERE organization_id = ? AND patient_id != ? ORDER BY patient_id LIMIT 1',
      [gp.organizationId, resident.patientId],
    )
  )[0]!.id;
  unrelated = (
    await hub.store.query<{ id: string }>(
      "SELECT id FROM resource WHERE type = 'Patient' AND id NOT IN (SELECT patient_id FROM relationship WHERE organization_id = ?) ORDER BY id LIMIT 1",
      [gp.organizationId],
    )
  )[0]!.id;
  assert.ok(await hub.store.isRelated(resident.patientId, gp.organizationId!), 'the GP cares for the resident persona');
  // The GP also works a session at the hospital: a second PractitionerRole, at the nurse's organisation.
  gpPractitioner = borough.practitionerRoles.find((role) => `PractitionerRole/${role.id}` === gp.fhirUser)!.practitioner!.reference!;
  await hub.store.put({
    resourceType: 'PractitionerRole',
    id: 'ext-test-second-role',
    active: true,
    practitioner: { reference: gpPractitioner },
    organization: { reference: `Organization/${nurse.organizationId}` },
  });
  // The resident starts with no sharing choice, so that the one they make here is the first.
  await hub.store.query("DELETE FROM resource WHERE type = 'Consent' AND patient_id = ?", [resident.patientId]);
  foreignKey = (await generateKeyPair('RS256')).privateKey;
  foreignRs512Key = (await generateKeyPair('RS512')).privateKey;
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

  test('someone working at two organisations is audited under the one they signed in for, each time', async () => {
    const atPractice = await professionals.accessToken('gp-practitioner', 'user/*.rs');
    const atHospital = await professionals.accessToken('gp-practitioner-elsewhere', 'user/*.rs');
    for (const token of [atPractice, atHospital, atPractice]) await call(token, `/Patient/${related}`);
    const events = (
      await hub.store.query<{ json: string }>("SELECT json FROM audit_event WHERE type = 'AuditEvent' AND json LIKE ?", [
        `%"reference":"${gpPractitioner}"%`,
      ])
    ).map((row) => JSON.parse(row.json) as { agent: { who: { reference: string; display?: string } }[] });
    const organisations = events.map((event) => event.agent.find((agent) => agent.who.reference.startsWith('Organization/'))!.who);
    assert.deepEqual(
      new Set(organisations.map((who) => who.reference)),
      new Set([`Organization/${gp.organizationId}`, `Organization/${nurse.organizationId}`]),
    );
    for (const who of organisations) {
      const name = (await hub.store.read('Organization', who.reference.split('/')[1]!))?.resource['name'];
      assert.equal(who.display, name, `${who.reference} is named as itself`);
    }
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
      body: sharingChoiceExcluding(resident.patientId, [gp.organizationId!]),
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

  test('a resident whose identity was not checked to the level required is refused', async () => {
    await assertRefused(await residents.accessToken('resident-p5', 'patient/*.rs'), 'proofing level P5');
  });
});

describe('a carer signed in by a trusted provider', () => {
  test('sees the record of the person they act for, and no one else’s', async () => {
    const token = await professionals.accessToken('carer', 'user/*.rs user/Observation.c');
    const actedFor = carer.residents[0]!.patientId;
    const own = await call(token, `/Patient/${actedFor}`);
    assert.equal(own.status, 200, `answered ${own.status}`);
    assert.equal(own.body['id'], actedFor);
    const stranger = await call(token, `/Patient/${unrelated === actedFor ? related : unrelated}`);
    assert.equal(stranger.status, 403);
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

/** A token as the professionals' provider would sign it, before it is signed: what the mutations change. */
interface Draft {
  header: Json & { alg: string; kid?: string };
  claims: Json;
  /** `issuer`: the provider's own key for `header.alg`. The others are forgeries. */
  signing: 'issuer' | 'hmac-with-public-key' | 'none' | 'foreign-key' | 'foreign-rs512-key';
}

const seconds = () => Math.floor(Date.now() / 1000);

/** The exact token the hub must accept: a GP, signed RS256 by the trusted professionals' provider. */
function validDraft(alg: 'RS256' | 'PS256' | 'ES256' = 'RS256'): Draft {
  const now = seconds();
  const key = alg === 'ES256' ? professionals.keys.ec : professionals.keys.rsa;
  return {
    header: { alg, kid: key.kid, typ: 'at+jwt' },
    claims: {
      iss: professionals.issuer,
      aud: fhir,
      sub: 'gp',
      iat: now,
      exp: now + 300,
      jti: `jti-${Math.random()}`,
      client_id: 'borough-record-app',
      scope: 'user/*.rs',
      role: gp.role,
      organization: gp.odsCode,
      fhirUser: gp.fhirUser,
    },
    signing: 'issuer',
  };
}

async function signDraft(draft: Draft): Promise<string> {
  const encode = (part: Json) => base64url.encode(JSON.stringify(part));
  const jwt = new SignJWT(draft.claims).setProtectedHeader(draft.header);
  switch (draft.signing) {
    case 'none':
      return `${encode({ ...draft.header, alg: 'none' })}.${encode(draft.claims)}.`;
    case 'hmac-with-public-key':
      // The classic confusion: the issuer's public key (which anyone can fetch) used as an HMAC secret, under its kid.
      return new SignJWT(draft.claims)
        .setProtectedHeader({ ...draft.header, alg: 'HS256' })
        .sign(new TextEncoder().encode(professionals.keys.rsa.publicPem));
    case 'foreign-key':
      return new SignJWT(draft.claims).setProtectedHeader({ ...draft.header, alg: 'RS256' }).sign(foreignKey);
    case 'foreign-rs512-key':
      return new SignJWT(draft.claims).setProtectedHeader({ ...draft.header, alg: 'RS512' }).sign(foreignRs512Key);
    case 'issuer': {
      const { alg } = draft.header;
      const source = alg === 'ES256' ? professionals.keys.ec : professionals.keys.rsa;
      return jwt.sign(alg === source.alg ? source.privateKey : await importJWK(source.privateJwk, alg));
    }
  }
}

/** One way a token can be wrong; `k` varies the amounts (seconds) and picks among values. */
interface Mutation {
  name: string;
  apply(draft: Draft, k: number): void;
}
const set =
  (claim: string, value: (k: number) => unknown): Mutation['apply'] =>
  (draft, k) => {
    draft.claims[claim] = value(k);
  };
const remove =
  (claim: string): Mutation['apply'] =>
  (draft) => {
    draft.claims = Object.fromEntries(Object.entries(draft.claims).filter(([name]) => name !== claim));
  };
const margin = 46; // beyond the hub's 30 s clock tolerance, with room for a slow machine

const mutations: Mutation[] = [
  // iss: exact, and only a configured one.
  { name: 'iss: an issuer nobody configured', apply: set('iss', () => untrusted.issuer) },
  { name: 'iss: trailing slash', apply: set('iss', () => `${professionals.issuer}/`) },
  { name: 'iss: different case', apply: set('iss', () => professionals.issuer.replace('http://', 'HTTP://')) },
  { name: 'iss: missing', apply: remove('iss') },
  { name: "iss: the hub's own sign-in", apply: set('iss', () => hub.auth.issuer) },
  { name: 'iss: the other trusted issuer (residents)', apply: set('iss', () => residents.issuer) },
  // aud: exact.
  { name: 'aud: another service', apply: set('aud', () => 'https://other-service.example/fhir') },
  { name: 'aud: trailing slash', apply: set('aud', () => `${fhir}/`) },
  { name: 'aud: ours and another', apply: set('aud', () => [fhir, 'https://other-service.example/fhir']) },
  { name: 'aud: a path below ours', apply: set('aud', () => `${fhir}/Patient`) },
  { name: 'aud: missing', apply: remove('aud') },
  // exp / nbf / iat: required, in date, short-lived.
  { name: 'exp: missing', apply: remove('exp') },
  { name: 'exp: past the clock tolerance', apply: set('exp', (k) => seconds() - margin - k) },
  { name: 'exp: a string', apply: set('exp', () => String(seconds() + 300)) },
  { name: 'exp: beyond the longest lifetime allowed', apply: set('exp', (k) => seconds() + 900 + margin + k) },
  { name: 'nbf: in the future', apply: set('nbf', (k) => seconds() + margin + k) },
  { name: 'iat: in the future', apply: set('iat', (k) => seconds() + margin + k) },
  { name: 'iat: lifetime longer than allowed', apply: set('iat', (k) => seconds() - 900 - margin - k) },
  // alg and key: asymmetric, the issuer's own key.
  { name: 'alg: HS256 with the public key as secret, same kid', apply: (draft) => void (draft.signing = 'hmac-with-public-key') },
  { name: 'alg: none', apply: (draft) => void (draft.signing = 'none') },
  { name: 'key: another RSA key under the same kid', apply: (draft) => void (draft.signing = 'foreign-key') },
  { name: 'alg: RS512 (not accepted) under the same kid', apply: (draft) => void (draft.signing = 'foreign-rs512-key') },
  {
    name: 'alg: ES256 claimed for the RSA kid',
    apply: (draft) => {
      draft.header = { ...draft.header, alg: 'ES256', kid: professionals.keys.rsa.kid };
    },
  },
  // role: one the hub knows, fitting the person.
  { name: 'role: unknown', apply: set('role', () => 'surgeon') },
  { name: 'role: different case', apply: set('role', () => 'GP') },
  { name: 'role: missing', apply: remove('role') },
  { name: 'role: a list', apply: set('role', () => ['gp']) },
  { name: 'role: resident for a PractitionerRole', apply: set('role', () => 'resident') },
  { name: 'role: carer for a PractitionerRole', apply: set('role', () => 'carer') },
  { name: 'role: an object property name', apply: set('role', (k) => ['__proto__', 'constructor', 'toString', 'hasOwnProperty'][k % 4]) },
  // organisation: known, and theirs.
  { name: 'organisation: unknown ODS code', apply: set('organization', () => 'Z9Z9Z') },
  { name: 'organisation: missing', apply: remove('organization') },
  { name: 'organisation: known, but not where they work', apply: set('organization', () => nurse.organizationId) },
  { name: 'organisation: ODS code in lower case', apply: set('organization', () => gp.odsCode!.toLowerCase()) },
  { name: 'organisation: a number', apply: set('organization', () => 42) },
  // fhirUser: exists, fits the role, belongs to the organisation.
  { name: 'fhirUser: missing', apply: remove('fhirUser') },
  { name: 'fhirUser: no such PractitionerRole', apply: set('fhirUser', () => 'PractitionerRole/does-not-exist') },
  { name: 'fhirUser: a Patient, for a GP', apply: set('fhirUser', () => `Patient/${related}`) },
  { name: 'fhirUser: a RelatedPerson, for a GP', apply: set('fhirUser', () => 'RelatedPerson/anyone') },
  { name: 'fhirUser: an Organization', apply: set('fhirUser', () => `Organization/${gp.organizationId}`) },
  { name: 'fhirUser: malformed', apply: set('fhirUser', () => 'PractitionerRole/') },
  { name: "fhirUser: another organisation's PractitionerRole", apply: set('fhirUser', () => nurse.fhirUser) },
  // sub and scope: present.
  { name: 'sub: missing', apply: remove('sub') },
  { name: 'sub: empty', apply: set('sub', () => '') },
  { name: 'scope: missing', apply: remove('scope') },
  { name: 'scope: a number', apply: set('scope', () => 42) },
];

/**
 * Pairs of mutations that, together, describe another real person consistently — the provider is trusted
 * to say who someone is, so such a token is not a forgery: a resident (role and Patient), or the nurse
 * (her organisation and her PractitionerRole). The property leaves these out; the tests above cover
 * residents, and the single mutations show each half alone is refused.
 */
const anotherPerson: [string, string][] = [
  ['role: resident for a PractitionerRole', 'fhirUser: a Patient, for a GP'],
  ['organisation: known, but not where they work', "fhirUser: another organisation's PractitionerRole"],
];
const namesAnotherPerson = (names: string[]) => anotherPerson.some(([one, other]) => names.includes(one) && names.includes(other));

describe('forged and altered tokens', () => {
  test('an expired token is refused, and the same token in date is accepted', async () => {
    const inDate = validDraft();
    assert.equal((await call(await signDraft(inDate), `/Patient/${related}`)).status, 200);
    const expired = validDraft();
    expired.claims['iat'] = seconds() - 400;
    expired.claims['exp'] = seconds() - 100;
    await assertRefused(await signDraft(expired), 'expired');
  });

  test('HS256 signed with the issuer’s public key under its kid is refused', async () => {
    await assertRefused(await signDraft({ ...validDraft(), signing: 'hmac-with-public-key' }), 'HS256');
  });

  test('alg none is refused', async () => {
    await assertRefused(await signDraft({ ...validDraft(), signing: 'none' }), 'none');
  });

  test(`every one of ${mutations.length} single mutations is refused; the exact token, signed RS256, PS256 or ES256, is accepted`, async () => {
    for (const alg of ['RS256', 'PS256', 'ES256'] as const) {
      const accepted = await call(await signDraft(validDraft(alg)), `/Patient/${related}`);
      assert.equal(accepted.status, 200, `${alg}: answered ${accepted.status}`);
    }
    const notRefused: string[] = [];
    for (const mutation of mutations) {
      const draft = validDraft();
      mutation.apply(draft, 0);
      try {
        await assertRefused(await signDraft(draft), mutation.name);
      } catch (error) {
        notRefused.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
      }
    }
    assert.deepEqual(notRefused, []);
  });

  test('any combination of mutations, with any amounts, is refused (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: mutations.length - 1 }), { minLength: 1, maxLength: 4 }),
        fc.nat({ max: 3600 }),
        fc.constantFrom('RS256' as const, 'PS256' as const, 'ES256' as const),
        async (chosen, k, alg) => {
          fc.pre(!namesAnotherPerson(chosen.map((index) => mutations[index]!.name)));
          const control = await call(await signDraft(validDraft(alg)), `/Patient/${related}`);
          assert.equal(control.status, 200, `the unaltered ${alg} token: ${control.text}`);
          const draft = validDraft(alg);
          for (const index of chosen) mutations[index]!.apply(draft, k);
          await assertRefused(await signDraft(draft), chosen.map((index) => mutations[index]!.name).join(' + '));
        },
      ),
      { numRuns: 100 },
    );
  });

  test('a resident’s token: every wrong NHS number, Patient or proofing level is refused; the exact token is accepted', async () => {
    const key = residents.keys.ec;
    const sign = (claims: Json) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'at+jwt' }).sign(key.privateKey);
    const now = seconds();
    const valid: Json = {
      iss: residents.issuer,
      aud: fhir,
      sub: 'resident',
      iat: now,
      exp: now + 300,
      scope: 'patient/*.rs',
      nhs_number: resident.nhsNumber,
      identity_proofing_level: 'P9',
    };
    const own = await call(await sign(valid), `/Patient/${resident.patientId}`);
    assert.equal(own.status, 200, `answered ${own.status}`);
    // Naming their own Patient as well as their NHS number is fine when the two agree.
    assert.equal(
      (await call(await sign({ ...valid, fhirUser: `Patient/${resident.patientId}` }), `/Patient/${resident.patientId}`)).status,
      200,
    );
    const without = (claim: string) => Object.fromEntries(Object.entries(valid).filter(([name]) => name !== claim));
    const wrong: [string, Json][] = [
      ['NHS number missing', without('nhs_number')],
      ['NHS number of nine digits', { ...valid, nhs_number: resident.nhsNumber.slice(1) }],
      ['NHS number with spaces', { ...valid, nhs_number: resident.nhsNumber.replace(/^(\d{3})(\d{3})/, '$1 $2 ') }],
      ['NHS number as a number', { ...valid, nhs_number: Number(resident.nhsNumber) }],
      ['NHS number nobody has', { ...valid, nhs_number: '9990000000' }],
      ['another Patient beside their NHS number', { ...valid, fhirUser: `Patient/${related}` }],
      ['a Practitioner beside their NHS number', { ...valid, fhirUser: gp.fhirUser }],
      ['proofing level missing', without('identity_proofing_level')],
      ['proofing level P5', { ...valid, identity_proofing_level: 'P5' }],
      ['proofing level in lower case', { ...valid, identity_proofing_level: 'p9' }],
      ['the professionals’ issuer named, signed with the residents’ key', { ...valid, iss: professionals.issuer }],
    ];
    const notRefused: string[] = [];
    for (const [name, claims] of wrong) {
      const answer = await call(await sign(claims), `/Patient/${resident.patientId}`);
      if (answer.status !== 401 || answer.text !== refusal.text) notRefused.push(`${name}: answered ${answer.status}`);
    }
    assert.deepEqual(notRefused, []);
  });

  test('the untrusted issuer’s keys were never fetched, whatever its tokens claimed', () => {
    assert.equal(untrusted.jwksFetches(), 0);
  });
});

describe('configuration', () => {
  test("a trusted issuer that is the hub's own sign-in is refused at start", async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    await assert.rejects(
      createHub({
        dbPath: ':memory:',
        residents: 5,
        seed: 'test-borough',
        now: testNow,
        origin,
        trustedIssuers: [{ issuer: `${origin}/auth`, jwksUri: `${origin}/auth/jwks`, audience: `${origin}/fhir` }],
      }),
      /cannot be the hub's own sign-in/,
    );
  });

  test('care-record-hub --trust-issuers FILE accepts that issuer’s tokens; a bad file stops it before it starts', async () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const port = await freePort();
    const cliFhir = `http://127.0.0.1:${port}/fhir`;
    const file = join(directory, 'issuers.json');
    const run = (args: string[], until: string) =>
      new Promise<{ output: string; code: number | null; stop: () => void }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', join(root, 'packages/hub/src/main.ts'), ...args], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        const timer = setTimeout(() => {
          child.kill();
          reject(new Error(`care-record-hub did not get to "${until}": ${output}`));
        }, 90_000);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes(until)) {
            clearTimeout(timer);
            resolve({ output, code: null, stop: () => child.kill() });
          }
        };
        child.stdout.on('data', read);
        child.stderr.on('data', read);
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ output, code, stop: () => undefined });
        });
      });
    const common = ['--db', join(directory, 'cli.db'), '--residents', '60', '--seed', 'test-borough', '--port', String(port)];

    writeFileSync(file, JSON.stringify({ issuers: [{ issuer: professionals.issuer, jwksUri: professionals.jwksUri, audiance: cliFhir }] }));
    const refused = await run([...common, '--trust-issuers', file], 'never printed');
    assert.equal(refused.code, 1);
    assert.match(refused.output, /unknown field "audiance"/);

    writeFileSync(file, JSON.stringify({ issuers: [{ issuer: professionals.issuer, jwksUri: professionals.jwksUri, audience: cliFhir }] }));
    const started = await run([...common, '--trust-issuers', file], `also accepting access tokens from ${professionals.issuer}`);
    try {
      assert.equal(started.code, null, started.output);
      assert.match(started.output, /care-record hub: FHIR at/);
      assert.match(started.output, new RegExp(`also accepting access tokens from ${professionals.issuer}`));
      const token = await professionals.accessToken('gp', 'user/*.rs', cliFhir);
      const read = await fetch(`${cliFhir}/Patient/${resident.patientId}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(read.status, 200);
      // The same person's token for the test hub above is not for this one.
      const elsewhere = await professionals.accessToken('gp', 'user/*.rs');
      assert.equal(
        (await fetch(`${cliFhir}/Patient/${resident.patientId}`, { headers: { authorization: `Bearer ${elsewhere}` } })).status,
        401,
      );
    } finally {
      started.stop();
    }
  });
});
