/**
 * A conditional create never matches by a carer's account. `If-None-Exist`
 * answers with the resource it finds, so a resident who added a contact with
 * `If-None-Exist: identifier=<carer-account>|<guess>` was answered `200` with
 * the contact whose account it was, and `201` (a new contact) for a wrong
 * guess: by the status alone they learnt whose account a guess was, which no
 * answer tells anyone but that carer (R16). A condition matches only by the
 * identifiers its answer shows.
 *
 * A contact (`POST /RelatedPerson`) now takes a condition as the other
 * creates do, so that a plain FHIR client's repeat stores one.
 *
 * The class: every create that takes a condition, the account of a carer on
 * the record and the account of nobody, with and without its system: each
 * pair is answered alike, and the answer never holds the carer's entry.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildEntryResource, CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

let hub: TestHub;
let token: string;
let patientId: string;
/** The family carer's account and their entry on the cared-for resident's record. */
let account: string;
let carerEntry: string;

before(async () => {
  hub = await startTestHub();
  const caredFor = hub.hub.borough.personas.caredForResident;
  const carer = hub.hub.borough.personas.familyCarer;
  assert.ok(caredFor && carer, 'the borough has a resident cared for by her family');
  patientId = caredFor.patientId;
  account = carer.account;
  carerEntry = carer.relatedPersonId;
  token = await hub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
});
after(() => hub.close());

/** A new resource of each type that takes a condition, as the resident's app makes it. */
const BODIES: Record<string, () => Json> = {
  RelatedPerson: () => ({ resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ text: 'Pat Doe' }] }),
  Observation: () =>
    buildEntryResource({ kind: 'weight', kilograms: 60, measured: '2026-11-27T08:00:00Z' }, patientId, {
      key: randomUUID(),
    }) as unknown as Json,
  MedicationStatement: () =>
    buildEntryResource({ kind: 'medicine', name: 'Ibuprofen 200mg tablets', started: '2026-11-01' }, patientId, {
      key: randomUUID(),
    }) as unknown as Json,
};

const create = (type: string, condition: string) =>
  hub.call(token, `/${type}`, { method: 'POST', body: BODIES[type]!(), headers: { 'if-none-exist': condition } });

describe('a contact is added on condition too', () => {
  test('a contact added again with the same identifier condition, and no key, is stored once', async () => {
    const identifier = { system: 'https://care-record.example/Id/carer-invitation', value: randomUUID() };
    const body = { ...BODIES['RelatedPerson']!(), identifier: [identifier] };
    const condition = `identifier=${identifier.system}|${identifier.value}`;
    const first = await hub.call(token, '/RelatedPerson', { method: 'POST', body, headers: { 'if-none-exist': condition } });
    assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
    const again = await hub.call(token, '/RelatedPerson', { method: 'POST', body, headers: { 'if-none-exist': condition } });
    assert.equal(again.status, 200, JSON.stringify(again.body).slice(0, 300));
    assert.equal(again.body['id'], first.body['id']);
  });
});

describe('the reported case', () => {
  test('adding a contact on condition of a carer’s account does not find that carer', async () => {
    const answer = await create('RelatedPerson', `identifier=${CARER_ACCOUNT_SYSTEM}|${account}`);
    assert.equal(answer.status, 201, JSON.stringify(answer.body).slice(0, 300));
    assert.notEqual(answer.body['id'], carerEntry);
  });
});

describe('the class: a condition on an account is answered as one on nobody’s', () => {
  for (const type of Object.keys(BODIES))
    for (const form of ['system|value', 'value alone'] as const)
      test(`${type}, ${form}`, async () => {
        const condition = (value: string) =>
          form === 'value alone' ? `identifier=${value}` : `identifier=${CARER_ACCOUNT_SYSTEM}|${value}`;
        const carers = await create(type, condition(account));
        const nobodys = await create(type, condition(`nobody-${randomUUID()}`));
        assert.equal(carers.status, nobodys.status, `${JSON.stringify(carers.body).slice(0, 300)}`);
        assert.equal(carers.status, 201);
        assert.notEqual(carers.body['id'], carerEntry);
        assert.equal(JSON.stringify(carers.body).includes(account), false);
      });
});
