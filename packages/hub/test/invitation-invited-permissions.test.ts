/**
 * Accepting an invitation puts in force what the resident invited the person
 * to do: the proxy permission(s) she saw when she asked for the code. It put in
 * force every proposed permission naming that contact — one withheld from her
 * (`NOPAT`, on it or on a resource it contains) included, and one saved after
 * the code was given.
 *
 * The class: a record holding, beside the invited permission, proposed
 * permissions of every other kind — withheld from the resident in each way,
 * visible to her but saved after the invitation, for another contact on her
 * record, on another resident's record naming the same contact — each saved
 * before and after the invitation: accepting puts the invited one(s) in force,
 * and every other stays as it was, its version unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu patient/RelatedPerson.c';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const NOPAT = [{ system: ACT_CODE, code: 'NOPAT' }];

let hub: TestHub;

before(async () => {
  hub = await startTestHub();
});
after(() => hub.close());

const permission = (id: string, patientId: string, relatedPersonId: string): Json => ({
  ...(buildProxyConsent({
    patientId,
    relatedPersonId,
    actions: ['view-appointments'],
    withheld: [],
    status: 'proposed',
  }) as unknown as Json),
  id,
});

/** The other kinds of proposed permission, each made for the invited contact `invitee` on `patientId`'s record. */
const OTHER_KINDS: { name: string; make: (id: string, patientId: string, invitee: string, other: string, elsewhere: string) => Json }[] = [
  { name: 'labelled NOPAT', make: (id, patientId, invitee) => ({ ...permission(id, patientId, invitee), meta: { security: NOPAT } }) },
  {
    name: 'containing a resource labelled NOPAT',
    make: (id, patientId, invitee) => ({
      ...permission(id, patientId, invitee),
      contained: [{ resourceType: 'Basic', id: 'note', meta: { security: NOPAT } }],
    }),
  },
  { name: 'for another contact on her record', make: (id, patientId, _invitee, other) => permission(id, patientId, other) },
  {
    name: 'on another resident’s record, naming the contact',
    make: (id, _patientId, invitee, _other, elsewhere) => permission(id, elsewhere, invitee),
  },
];

async function addContact(token: string, patientId: string, name: string): Promise<string> {
  const added = await hub.call(token, '/RelatedPerson', {
    method: 'POST',
    headers: { 'x-request-id': crypto.randomUUID() },
    body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ use: 'usual', text: name }] },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  return String(added.body['id']);
}

async function saveInvited(token: string, patientId: string, relatedPersonId: string): Promise<string> {
  const saved = await hub.call(token, '/Consent', {
    method: 'POST',
    body: buildProxyConsent({ patientId, relatedPersonId, actions: ['view-record'], withheld: [], status: 'proposed' }),
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  return String(saved.body['id']);
}

async function codeFor(token: string, relatedPersonId: string): Promise<string> {
  const invited = await hub.call(token, `/RelatedPerson/${relatedPersonId}/$invite`, { method: 'POST' });
  assert.equal(invited.status, 200, JSON.stringify(invited.body));
  return String((invited.body['parameter'] as { name: string; valueString?: string }[]).find((p) => p.name === 'code')?.valueString);
}

async function accept(persona: string, code: string): Promise<void> {
  const carer = await hub.signIn(persona, { scope: CARER_SCOPE });
  const accepted = await hub.call(carer, '/$accept-invitation', {
    method: 'POST',
    body: { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: code }] },
  });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
}

const stored = async (id: string) => {
  const found = await hub.hub.store.read('Consent', id);
  assert.ok(found, id);
  return { status: found.resource['status'], versionId: found.versionId };
};

describe('accepting puts in force only the permission(s) the invitation was made for', () => {
  test('the reported case: a proposed permission withheld from the resident stays proposed', async () => {
    const patientId = hub.hub.borough.personas.newResident?.patientId ?? '';
    assert.ok(patientId, 'the borough has a new resident');
    const token = await hub.signIn('new-resident', { scope: RESIDENT_SCOPE });
    const contact = await addContact(token, patientId, 'Reported Neighbour');
    const invited = await saveInvited(token, patientId, contact);
    await hub.hub.store.put({ ...permission('iip-reported-withheld', patientId, contact), meta: { security: NOPAT } });
    await accept('parent', await codeFor(token, contact));
    assert.equal((await stored(invited)).status, 'active');
    assert.equal((await stored('iip-reported-withheld')).status, 'proposed');
  });

  test('every other kind of proposed permission, saved before or after the code, stays as it was', async () => {
    const patientId = hub.hub.borough.personas.resident.patientId;
    const elsewhere = hub.hub.borough.personas.newResident?.patientId ?? '';
    const token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
    const contact = await addContact(token, patientId, 'Class Friend');
    const other = await addContact(token, patientId, 'Another Friend');
    // Two permissions she sees when she asks for the code: both are what it invites to.
    const invited = [await saveInvited(token, patientId, contact)];
    invited.push('iip-invited-second');
    await hub.hub.store.put(permission('iip-invited-second', patientId, contact));
    const others: string[] = [];
    for (const [index, kind] of OTHER_KINDS.entries()) {
      const id = `iip-before-${index}`;
      await hub.hub.store.put(kind.make(id, patientId, contact, other, elsewhere));
      others.push(id);
    }
    const code = await codeFor(token, contact);
    for (const [index, kind] of OTHER_KINDS.entries()) {
      const id = `iip-after-${index}`;
      await hub.hub.store.put(kind.make(id, patientId, contact, other, elsewhere));
      others.push(id);
    }
    // Visible to her, naming the contact, but saved after she was given the code: not what she invited them to.
    await hub.hub.store.put(permission('iip-after-visible', patientId, contact));
    others.push('iip-after-visible');
    const before = new Map<string, Json>();
    for (const id of others) before.set(id, await stored(id));
    await accept('carer', code);
    for (const id of invited) assert.equal((await stored(id)).status, 'active', `${id} is in force`);
    for (const id of others) assert.deepEqual(await stored(id), before.get(id), `${id} is as it was`);
  });

  test('an invitation saved before its permissions were kept puts in force only those the resident sees', async () => {
    const patientId = hub.hub.borough.personas.caredForResident?.patientId ?? '';
    assert.ok(patientId, 'the borough has a resident cared for by her family');
    const token = await hub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
    const contact = await addContact(token, patientId, 'Older Invitation Friend');
    const invited = await saveInvited(token, patientId, contact);
    await hub.hub.store.put({ ...permission('iip-older-withheld', patientId, contact), meta: { security: NOPAT } });
    const code = await codeFor(token, contact);
    // As a store written before `consent_ids` holds it.
    await hub.hub.store.query('UPDATE invitation SET consent_ids = NULL WHERE related_person_id = ?', [contact]);
    await accept('parent', code);
    assert.equal((await stored(invited)).status, 'active');
    assert.equal((await stored('iip-older-withheld')).status, 'proposed');
  });
});
