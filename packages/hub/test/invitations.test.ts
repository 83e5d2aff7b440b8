/**
 * A resident invites someone to act for them, through the real hub: adding
 * them (never with an account), saving what they may do (`proposed`), the
 * code, the person accepting it at sign-in or through the API, and every way
 * a code must fail — used, replaced, cancelled, for someone already on the
 * record, guessed — with the rate limit and the audit the resident reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM, type ProxyAction } from '@care-record/sdk';
import { authorizeUrl, pkce, requestIdOf } from './auth/sign-in-flow.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';

let hub: TestHub;
/** The main resident persona (pat-000001 in the test borough): she invites a friend. */
let resident: string;
/** Resident 2, cared for by her daughter: she invites someone her daughter already is. */
let caredFor: string;

const entries = (bundle: Json) => (bundle['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [];
const matches = (bundle: Json) =>
  entries(bundle)
    .filter((entry) => entry.search?.mode !== 'outcome')
    .map((entry) => entry.resource);
const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const parameter = (body: Json, name: string) =>
  (body['parameter'] as { name: string; valueString?: string; valueDateTime?: string; valueReference?: { reference?: string } }[]).find(
    (candidate) => candidate.name === name,
  );

before(async () => {
  hub = await startTestHub();
  resident = hub.hub.borough.personas.resident.patientId;
  const cared = hub.hub.borough.personas.caredForResident;
  assert.ok(cared, 'the borough has a resident cared for by her family');
  caredFor = cared.patientId;
});
after(() => hub.close());

const residentToken = () => hub.signIn('resident', { scope: RESIDENT_SCOPE });
const caredForToken = () => hub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });

/** Adds someone to the resident's record and saves a proposed permission for them; returns their RelatedPerson id. */
async function addInvitee(token: string, patientId: string, name: string, actions: ProxyAction[] = ['view-record']): Promise<string> {
  const added = await hub.call(token, '/RelatedPerson', {
    method: 'POST',
    headers: { 'x-request-id': crypto.randomUUID() },
    body: {
      resourceType: 'RelatedPerson',
      patient: { reference: `Patient/${patientId}` },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FRND', display: 'friend' }] }],
      name: [{ use: 'usual', text: name }],
    },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const id = String(added.body['id']);
  const saved = await hub.call(token, '/Consent', {
    method: 'POST',
    body: buildProxyConsent({ patientId, relatedPersonId: id, carerName: name, actions, withheld: [], status: 'proposed' }),
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  return id;
}

async function invite(token: string, relatedPersonId: string) {
  return hub.call(token, `/RelatedPerson/${relatedPersonId}/$invite`, { method: 'POST' });
}

async function codeFor(token: string, relatedPersonId: string): Promise<string> {
  const answer = await invite(token, relatedPersonId);
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return String(parameter(answer.body, 'code')?.valueString);
}

/** Posts the sign-in form as the invited carer with this code; the page when it is refused, the token when not. */
async function signInWithCode(code: string | undefined): Promise<{ status: number; page: string; token: string | undefined }> {
  const { challenge } = pkce();
  const pageUrl = authorizeUrl(`${hub.origin}/auth`, hub.fhir, challenge, { scope: CARER_SCOPE });
  const page = await fetch(pageUrl);
  const form = new URLSearchParams({ request: requestIdOf(await page.text()), persona: 'invited-carer' });
  if (code !== undefined) form.set('invitation:invited-carer', code);
  const answer = await fetch(`${hub.origin}/auth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  if (answer.status === 303) {
    const token = await hub.signIn('invited-carer', { scope: CARER_SCOPE });
    return { status: 303, page: '', token };
  }
  return { status: answer.status, page: await answer.text(), token: undefined };
}

const accept = (token: string, code: string) =>
  hub.call(token, '/$accept-invitation', {
    method: 'POST',
    body: { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: code }] },
  });

describe('a resident adds someone to invite', () => {
  test('added as active, marked as the resident’s, with no account', async () => {
    const token = await residentToken();
    const id = await addInvitee(token, resident, 'Amira Haddad');
    const read = await hub.call(token, `/RelatedPerson/${id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body['active'], true);
    assert.equal((read.body['meta'] as Json)['source'], 'https://care-record.example/source/resident');
    assert.equal(JSON.stringify(read.body).includes(CARER_ACCOUNT_SYSTEM), false);
  });

  test('the resident can never set the account, add someone without a name, or add to another record', async () => {
    const token = await residentToken();
    const base = { resourceType: 'RelatedPerson', patient: { reference: `Patient/${resident}` }, name: [{ text: 'Someone' }] };
    const cases: [string, Json, number, string][] = [
      ['an account identifier', { ...base, identifier: [{ system: CARER_ACCOUNT_SYSTEM, value: 'carer-0001' }] }, 422, 'INVALID_RESOURCE'],
      ['no name', { ...base, name: [{ text: '  ' }] }, 422, 'INVALID_RESOURCE'],
      ['another resident', { ...base, patient: { reference: `Patient/${caredFor}` } }, 403, 'ACCESS_DENIED'],
    ];
    for (const [what, body, status, code] of cases) {
      const answer = await hub.call(token, '/RelatedPerson', { method: 'POST', headers: { 'x-request-id': crypto.randomUUID() }, body });
      assert.equal(answer.status, status, what);
      assert.equal(hubCode(answer.body), code, what);
    }
  });

  test('carers and professionals cannot add people to a record', async () => {
    const body = { resourceType: 'RelatedPerson', patient: { reference: `Patient/${caredFor}` }, name: [{ text: 'Someone' }] };
    for (const persona of ['carer', 'gp']) {
      const token = persona === 'carer' ? await hub.signIn(persona, { scope: CARER_SCOPE }) : await hub.signIn(persona);
      const answer = await hub.call(token, '/RelatedPerson', { method: 'POST', headers: { 'x-request-id': crypto.randomUUID() }, body });
      assert.equal(answer.status, 403, persona);
    }
  });
});

describe('the code', () => {
  test('needs a permission first; then a code of 12 characters, shown once and never cached, for 7 days', async () => {
    const token = await residentToken();
    const added = await hub.call(token, '/RelatedPerson', {
      method: 'POST',
      headers: { 'x-request-id': crypto.randomUUID() },
      body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${resident}` }, name: [{ text: 'No permission yet' }] },
    });
    const refused = await invite(token, String(added.body['id']));
    assert.equal(refused.status, 422);

    const id = await addInvitee(token, resident, 'Code Format');
    const before = Date.now();
    const answer = await invite(token, id);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    assert.match(
      String(parameter(answer.body, 'code')?.valueString),
      /^[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}-[A-HJKMNP-TW-Z2-9]{4}$/,
    );
    const expires = Date.parse(String(parameter(answer.body, 'expires')?.valueDateTime));
    assert.ok(Math.abs(expires - before - 7 * 24 * 60 * 60 * 1000) < 60_000, 'expires in 7 days');
    assert.equal(parameter(answer.body, 'relatedPerson')?.valueReference?.reference, `RelatedPerson/${id}`);
  });

  test('only the resident invites, and only people on their own record', async () => {
    const token = await residentToken();
    const id = await addInvitee(token, resident, 'Only Mine');
    assert.equal((await invite(await caredForToken(), id)).status, 404, 'another resident’s contact is not found, as for a read');
    assert.equal((await invite(await hub.signIn('gp'), id)).status, 403);
    assert.equal((await invite(await hub.signIn('carer', { scope: CARER_SCOPE }), id)).status, 403);
    // Someone who already has an account cannot be invited again: the resident changes their access instead. (The
    // resident is not sent the account itself: it is the carer's, `carer-account-privacy.test.ts`.)
    const daughter = hub.hub.borough.personas.familyCarer?.relatedPersonId;
    const people = matches((await hub.call(await caredForToken(), `/RelatedPerson?patient=${caredFor}`)).body);
    assert.ok(daughter && people.some((person) => person['id'] === daughter), 'the cared-for resident has a carer with an account');
    assert.equal((await invite(await caredForToken(), daughter)).status, 422);
  });
});

describe('accepting', () => {
  test('a new carer signs in with the code, acts as allowed, and the resident’s log shows it', async () => {
    const token = await residentToken();
    const id = await addInvitee(token, resident, 'Amira Haddad', ['view-appointments']);

    // Nothing is in force before she accepts, and without a code she is told what to do.
    const none = await signInWithCode(undefined);
    assert.equal(none.status, 400);
    assert.match(none.page, /Enter the invitation code you were given/);
    const wrong = await signInWithCode('AAAA-BBBB-CCCC');
    assert.equal(wrong.status, 422);
    assert.match(wrong.page, /This code did not work/);
    assert.match(wrong.page, /aria-invalid="true"/);

    const code = await codeFor(token, id);
    const accepted = await signInWithCode(code.toLowerCase().replaceAll('-', ' '));
    assert.equal(accepted.status, 303);
    const carer = accepted.token ?? '';
    const people = matches((await hub.call(carer, `/RelatedPerson?identifier=${CARER_ACCOUNT_SYSTEM}|carer-0003`)).body);
    assert.deepEqual(
      people.map((person) => person['id']),
      [id],
      'she acts for the resident who invited her',
    );
    assert.equal((await hub.call(carer, `/Appointment?patient=${resident}`)).status, 200, 'appointments, as allowed');
    const medicines = await hub.call(carer, `/MedicationStatement?patient=${resident}`);
    assert.equal(hubCode(medicines.body), 'PROXY_RESTRICTED', 'and nothing else');

    // The permission is in force, and the code is spent.
    const consents = matches((await hub.call(token, `/Consent?patient=${resident}`)).body);
    assert.ok(consents.some((consent) => consent['status'] === 'active' && JSON.stringify(consent).includes(`RelatedPerson/${id}`)));
    assert.equal((await signInWithCode(code)).status, 303, 'the same code again is the same success for her');
    const someoneElse = await accept(await hub.signIn('carer', { scope: CARER_SCOPE }), code);
    assert.equal(hubCode(someoneElse.body), 'INVITATION_NOT_VALID', 'and spent for anyone else');
    assert.equal((await signInWithCode(undefined)).status, 303, 'after that she signs in without one');

    const log = matches((await hub.call(token, `/AuditEvent?patient=${resident}&_count=200`)).body);
    const acceptance = log.find((event) => JSON.stringify(event).includes('Invitation to act for them accepted'));
    assert.ok(acceptance, 'the acceptance is in the resident’s log');
    const agent = (acceptance['agent'] as { who?: { reference?: string; display?: string } }[])[0]?.who;
    assert.deepEqual(agent, { reference: `RelatedPerson/${id}`, display: 'Amira Haddad' }, 'named as her own record names her');
    assert.ok(log.some((event) => JSON.stringify(event).includes('Invitation to act for you made')));
  });

  test('a carer already acting for someone accepts another person’s code through the API', async () => {
    const token = await residentToken();
    const id = await addInvitee(token, resident, 'Siobhan as a friend', ['view-record']);
    const carer = await hub.signIn('carer', { scope: CARER_SCOPE });
    assert.equal((await hub.call(carer, `/Patient/${resident}`)).status, 403, 'not before accepting');
    const answer = await accept(carer, await codeFor(token, id));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(parameter(answer.body, 'patient')?.valueReference?.reference, `Patient/${resident}`);
    assert.equal((await hub.call(carer, `/Patient/${resident}/$summary`)).status, 200, 'from the next request');
  });

  test('a carer who accepts again after a lost answer is told it worked, and it never counts as a failure', async () => {
    const newResident = hub.hub.borough.personas.newResident;
    assert.ok(newResident, 'the borough has a new resident');
    const token = await hub.signIn('new-resident', { scope: RESIDENT_SCOPE });
    const id = await addInvitee(token, newResident.patientId, 'Siobhan for a neighbour', ['view-appointments']);
    const code = await codeFor(token, id);
    const carer = await hub.signIn('carer', { scope: CARER_SCOPE });
    const account = hub.hub.borough.personas.familyCarer?.account ?? '';
    const failuresBefore = await hub.hub.store.invitationFailures(account, 0);
    const first = await accept(carer, code);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    // Try again, more times than the failure limit: each is the same success, and none is a failure.
    for (let repeat = 0; repeat < 6; repeat += 1) {
      const again = await accept(carer, code.toLowerCase());
      assert.equal(again.status, 200, `repeat ${repeat}: ${JSON.stringify(again.body)}`);
      assert.deepEqual(again.body, first.body, `repeat ${repeat}`);
    }
    const person = await hub.call(carer, `/RelatedPerson/${id}`);
    const accounts = ((person.body['identifier'] as { system?: string }[] | undefined) ?? []).filter(
      (identifier) => identifier.system === CARER_ACCOUNT_SYSTEM,
    );
    assert.equal(accounts.length, 1, 'linked once');
    assert.equal(await hub.hub.store.invitationFailures(account, 0), failuresBefore, 'the repeats counted for nothing');
  });

  test('someone already on the record is told so, and the code stays unused', async () => {
    const token = await caredForToken();
    const id = await addInvitee(token, caredFor, 'Daughter again');
    const code = await codeFor(token, id);
    const answer = await accept(await hub.signIn('carer', { scope: CARER_SCOPE }), code);
    assert.equal(answer.status, 409);
    assert.equal(hubCode(answer.body), 'ALREADY_ACTING_FOR');
  });

  test('a newer code replaces the old; stopping the permission cancels it', async () => {
    const token = await residentToken();
    const carer = await hub.signIn('carer', { scope: CARER_SCOPE });
    const id = await addInvitee(token, resident, 'Replaced');
    const first = await codeFor(token, id);
    const second = await codeFor(token, id);
    assert.equal(hubCode((await accept(carer, first)).body), 'INVITATION_NOT_VALID', 'the first code no longer works');

    const consents = matches((await hub.call(token, `/Consent?patient=${resident}&status=proposed`)).body);
    const permission = consents.find((consent) => JSON.stringify(consent).includes(`RelatedPerson/${id}`));
    assert.ok(permission);
    const current = await hub.call(token, `/Consent/${String(permission['id'])}`);
    const stopped = await hub.call(token, `/Consent/${String(permission['id'])}`, {
      method: 'PUT',
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: { ...current.body, status: 'inactive' },
    });
    assert.equal(stopped.status, 200);
    assert.equal(hubCode((await accept(carer, second)).body), 'INVITATION_NOT_VALID', 'a cancelled invitation no longer works');
  });

  test('residents and professionals cannot accept codes', async () => {
    const body = { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: 'AAAA-BBBB-CCCC' }] };
    for (const token of [await residentToken(), await hub.signIn('gp')])
      assert.equal((await hub.call(token, '/$accept-invitation', { method: 'POST', body })).status, 403);
  });
});

test('five codes that do not work stop that carer for an hour, even with a good code, and no one else', async () => {
  const token = await caredForToken();
  const id = await addInvitee(token, caredFor, 'Rate Limited');
  const code = await codeFor(token, id);
  const parent = await hub.signIn('parent', { scope: CARER_SCOPE });
  const guesses = ['', 'AAAA-AAAA-AAAA', 'not a code', 'ZZZZ-ZZZZ-ZZZ', 'BBBB-BBBB-BBBB'];
  for (const guess of guesses) {
    const answer = await accept(parent, guess === '' ? 'CCCC-CCCC-CCCC' : guess);
    assert.equal(answer.status, 422, guess);
    assert.equal(hubCode(answer.body), 'INVITATION_NOT_VALID', guess);
  }
  const blocked = await accept(parent, code);
  assert.equal(blocked.status, 429);
  assert.equal(blocked.headers.get('retry-after'), '3600');
  // The code is untouched: the resident's invitee can still accept it.
  const invited = await signInWithCode(code);
  assert.equal(invited.status, 303);
});
