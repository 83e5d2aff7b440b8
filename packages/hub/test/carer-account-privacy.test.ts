/**
 * A carer's account is theirs. Each RelatedPerson a carer signs in as carries
 * the `carer-account` identifier of their sign-in account; the hub reads it to
 * know whom they act for, and the carer's own app reads it from their own
 * entry to find the people they act for. It was sent to everyone who could
 * read the contact: a GP, a nurse, a social worker and a receptionist read it
 * on the RelatedPerson, in `$summary`, through `_include` of a reading the
 * carer added, and in a resource that contained the contact; a resident read
 * their carers' accounts on their own record, and a carer read other carers'.
 * It is the sign-in identity of a member of the public (with NHS login, a
 * number that follows them across services), and nobody's record needs it:
 * the resident knows whether someone accepted from the permission's status
 * (`proposed` until they do, `docs/proxy-access.md`).
 *
 * The class: every caller × every way a RelatedPerson, or a reference to one,
 * reaches an answer (read, search, a carer's own search, `$summary`,
 * `_include` from each type that refers to one, a resource that contains one
 * or names one by identifier), each directly and as a batch entry. No answer
 * holds an account's value, except a carer's own account on their own entry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { askAs, signInCallers, type Answer } from './support/callers.js';
import { exampleOf, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident of the synthetic borough: her family carer signs in as the `carer` persona. */
const RESIDENT = 'pat-000003';
const OTHER_CARER = 'cap-other-carer';
const OTHER_ACCOUNT = 'cap-account-of-another-carer';
const CONTAINED_ACCOUNT = 'cap-account-contained';
const REFERENCED_ACCOUNT = 'cap-account-referenced';
const RESIDENT_SOURCE = 'https://care-record.example/source/resident';
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

let testHub: TestHub;
let familyCarerAccount = '';
let familyCarerEntry = '';
const tokens: Record<string, string> = {};

const withAccount = (account: string) => ({ system: CARER_ACCOUNT_SYSTEM, value: account });

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const carer = hub.borough.personas.familyCarer;
      assert.ok(carer, 'the borough has a family carer');
      familyCarerAccount = carer.account;
      familyCarerEntry = carer.relatedPersonId;
      // Every professional persona cares for the resident, so that nothing but this rule keeps the accounts from them.
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany([...new Set(organizations)].map((organizationId) => ({ patientId: RESIDENT, organizationId })));
      const patient = { reference: `Patient/${RESIDENT}` };
      await hub.store.transaction(async (store) => {
        // A second carer on her record, with an account of their own.
        await store.put({
          ...exampleOf('RelatedPerson'),
          id: OTHER_CARER,
          active: true,
          patient,
          identifier: [withAccount(OTHER_ACCOUNT)],
          // A narrative written from the entry by its source, repeating the account.
          text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">Amira Haddad (account ${OTHER_ACCOUNT})</div>` },
          meta: { source: RESIDENT_SOURCE },
        });
        // A reading her family carer added, a medicine the other carer told of, an appointment the other carer goes to.
        await store.put({
          ...recordItem('Observation', 'cap-reading', RESIDENT),
          performer: [{ reference: `RelatedPerson/${familyCarerEntry}` }],
        });
        await store.put({
          ...recordItem('MedicationStatement', 'cap-medicine', RESIDENT),
          informationSource: { reference: `RelatedPerson/${OTHER_CARER}` },
        });
        await store.put({
          ...recordItem('Appointment', 'cap-appointment', RESIDENT),
          status: 'booked',
          start: '2027-01-12T10:00:00Z',
          end: '2027-01-12T10:20:00Z',
          participant: [
            { actor: patient, status: 'accepted' },
            { actor: { reference: `RelatedPerson/${OTHER_CARER}` }, status: 'accepted' },
          ],
        });
        // A problem a source sent with the contact contained, and naming another by identifier only.
        await store.put({
          ...recordItem('Condition', 'cap-contained', RESIDENT),
          contained: [{ resourceType: 'RelatedPerson', id: 'informant', patient, identifier: [withAccount(CONTAINED_ACCOUNT)] }],
          asserter: { reference: '#informant' },
          recorder: { identifier: withAccount(REFERENCED_ACCOUNT), display: 'A carer' },
        });
      });
    },
  });
  Object.assign(tokens, await signInCallers(testHub, RESIDENT));
  tokens['cared-for resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

/** Every way a RelatedPerson, or a reference to one by identifier, can be in an answer. */
function ways(): string[] {
  const account = encodeURIComponent(`${CARER_ACCOUNT_SYSTEM}|${familyCarerAccount}`);
  return [
    `/RelatedPerson/${familyCarerEntry}`,
    `/RelatedPerson/${OTHER_CARER}`,
    `/RelatedPerson?patient=${RESIDENT}`,
    `/RelatedPerson?patient=${RESIDENT}&_count=1`,
    `/RelatedPerson?identifier=${account}`,
    `/Patient/${RESIDENT}/$summary`,
    `/Observation?patient=${RESIDENT}&_include=Observation:performer`,
    `/MedicationStatement?patient=${RESIDENT}&_include=MedicationStatement:source`,
    `/Appointment?patient=${RESIDENT}&_include=Appointment:actor`,
    `/Observation/cap-reading`,
    `/Condition/cap-contained`,
    `/Condition?patient=${RESIDENT}`,
  ];
}

/** The accounts whose values are in an answer, wherever they are in it. */
function accountsIn(answer: Answer): string[] {
  const text = JSON.stringify(answer.body);
  return [familyCarerAccount, OTHER_ACCOUNT, CONTAINED_ACCOUNT, REFERENCED_ACCOUNT].filter((account) => text.includes(account));
}

/** The RelatedPersons an answer holds, by id (in a Bundle or as the answer itself). */
function relatedPeopleIn(answer: Answer): string[] {
  const resources =
    answer.body['resourceType'] === 'Bundle'
      ? ((answer.body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => entry.resource ?? {})
      : [answer.body];
  return resources.filter((resource) => resource['resourceType'] === 'RelatedPerson').map((resource) => String(resource['id']));
}

describe('the reported case: a GP reads a carer’s contact entry', () => {
  test('and is not sent the carer’s account', async () => {
    const read = await askAs(testHub, tokens['gp'], `/RelatedPerson/${familyCarerEntry}`, false, {});
    assert.equal(read.status, 200);
    assert.equal(read.body['id'], familyCarerEntry, 'the entry itself is read');
    assert.deepEqual(accountsIn(read), []);
  });

  test('the carer reads their own account on their own entry, which their app needs to find the people they act for', async () => {
    const read = await askAs(testHub, tokens['carer'], `/RelatedPerson/${familyCarerEntry}`, false, {});
    assert.equal(read.status, 200);
    const identifiers = (read.body['identifier'] as { system?: string; value?: string }[] | undefined) ?? [];
    assert.ok(identifiers.some((identifier) => identifier.system === CARER_ACCOUNT_SYSTEM && identifier.value === familyCarerAccount));
  });
});

describe('the class: no answer holds a carer’s account but the carer’s own', () => {
  test('every caller × every way a contact is answered, directly and as a batch entry', async (context) => {
    const wrong: string[] = [];
    const seen = new Map<string, number>();
    for (const caller of Object.keys(tokens))
      for (const path of ways())
        for (const batch of [false, true]) {
          const answer = await askAs(testHub, tokens[caller], path, batch, {});
          const own = caller === 'carer' ? [familyCarerAccount] : [];
          const leaked = accountsIn(answer).filter((account) => !own.includes(account));
          if (leaked.length > 0) wrong.push(`${caller} ${batch ? 'batch entry ' : ''}${path}: ${answer.status} holds ${leaked.join(', ')}`);
          if (answer.status === 200) seen.set(caller, (seen.get(caller) ?? 0) + relatedPeopleIn(answer).length);
        }
    context.diagnostic(`contacts answered: ${JSON.stringify(Object.fromEntries(seen))}`);
    // The matrix reaches contacts for every caller who may read them: it is not passing because nothing was answered.
    for (const caller of ['gp', 'hospital-nurse', 'social-worker', 'receptionist', 'gp (EHR launch)', 'cared-for resident', 'carer'])
      assert.ok((seen.get(caller) ?? 0) > 0, `${caller} was answered no contact`);
    assert.deepEqual(wrong, []);
  });

  test('the carer still reads their own account wherever their own entry is answered', async () => {
    for (const path of [`/RelatedPerson?patient=${RESIDENT}`, `/Observation?patient=${RESIDENT}&_include=Observation:performer`])
      for (const batch of [false, true]) {
        const answer = await askAs(testHub, tokens['carer'], path, batch, {});
        assert.equal(answer.status, 200, path);
        assert.deepEqual(accountsIn(answer), [familyCarerAccount], path);
      }
  });
});

describe('a resident repeating the create of a contact they added, after the person accepted', () => {
  test('is answered the contact without the account the person linked', async () => {
    const token = tokens['cared-for resident'];
    const key = '3f6f2f7e-6a51-4c2e-9a0e-3d1b9d2b7c41';
    const contact = {
      resourceType: 'RelatedPerson',
      patient: { reference: `Patient/${RESIDENT}` },
      name: [{ given: ['Nadia'], family: 'Okafor' }],
    };
    const first = await testHub.call(token, '/RelatedPerson', { method: 'POST', body: contact, headers: { 'x-request-id': key } });
    assert.equal(first.status, 201);
    const id = String(first.body['id']);
    // The person accepts an invitation: their account is linked to the entry.
    const stored = (await testHub.hub.store.read('RelatedPerson', id))!.resource;
    await testHub.hub.store.put({ ...stored, identifier: [withAccount('cap-account-accepted')] }, Date.parse('2026-11-28T09:00:00Z'));
    const again = await testHub.call(token, '/RelatedPerson', { method: 'POST', body: contact, headers: { 'x-request-id': key } });
    assert.equal(again.body['id'], id, 'the repeat answers with the entry first made');
    assert.ok(!JSON.stringify(again.body).includes('cap-account-accepted'));
  });
});
