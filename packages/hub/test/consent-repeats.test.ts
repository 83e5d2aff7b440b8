/**
 * A resident's Consent creates are safe to repeat on the hub, as every other
 * create is: a repeat with the same `X-Request-ID` answers with the Consent
 * first stored, and `If-None-Exist: identifier=…` finds the Consent that
 * identifier already names, so a Try again after a lost answer stores one
 * permission or sharing choice, never two. A Consent is found by its
 * identifier (`GET /Consent?identifier=`), as the SDK's invitation looks for
 * an earlier permission.
 *
 * The class: a matrix of both kinds of Consent a resident saves (a permission
 * for someone to act for them, a sharing choice) × each guard (the key, the
 * condition, both) × one to three repeats, each stored once and answered
 * `200` with it; the same key with another body is `409`; a condition naming
 * another identifier is a new create.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, sharingConsent } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const KEY_SYSTEM = 'https://care-record.example/Id/carer-invitation';

let hub: TestHub;
let token: string;
let patientId: string;

before(async () => {
  hub = await startTestHub();
  patientId = hub.hub.borough.personas.resident.patientId;
  token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => hub.close());

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const matches = (bundle: Json) =>
  ((bundle['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode !== 'outcome')
    .map((entry) => entry.resource);

/** Someone added to the resident's record, to be named by a permission. */
async function someone(name: string): Promise<string> {
  const added = await hub.call(token, '/RelatedPerson', {
    method: 'POST',
    headers: { 'x-request-id': randomUUID() },
    body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ text: name }] },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  return String(added.body['id']);
}

type Kind = 'permission' | 'sharing choice';
type Guard = 'key' | 'condition' | 'both';

/** A Consent of this kind carrying a fresh identifier. */
async function consentOf(kind: Kind): Promise<{ body: Json; identifier: string }> {
  const value = randomUUID();
  const identifier = [{ system: KEY_SYSTEM, value }];
  const body =
    kind === 'permission'
      ? buildProxyConsent({
          patientId,
          relatedPersonId: await someone(`Friend ${value.slice(0, 4)}`),
          actions: ['view-appointments'],
          withheld: [],
          status: 'proposed',
        })
      : sharingConsent(patientId, { organisations: [], categories: [], exceptions: [] });
  return { body: { ...body, identifier } as unknown as Json, identifier: `${KEY_SYSTEM}|${value}` };
}

/** A sharing choice already saved is put aside in the store, so that each case starts with none. */
async function withoutSharingChoice(): Promise<void> {
  const found = await hub.call(token, `/Consent?patient=${patientId}&status=active`);
  for (const consent of matches(found.body))
    if (!JSON.stringify(consent['category']).includes('proxy'))
      await hub.hub.store.put({ ...consent, status: 'inactive' } as Json, Date.now());
}

const post = (body: Json, headers: Record<string, string>) => hub.call(token, '/Consent', { method: 'POST', body, headers });
const headersFor = (guard: Guard, key: string, identifier: string): Record<string, string> => ({
  ...(guard !== 'condition' ? { 'x-request-id': key } : {}),
  ...(guard !== 'key' ? { 'if-none-exist': `identifier=${identifier}` } : {}),
});
const stored = async (identifier: string) =>
  matches((await hub.call(token, `/Consent?patient=${patientId}&identifier=${encodeURIComponent(identifier)}`)).body);

describe('the reported case', () => {
  test('a permission saved again after a lost answer, with the same key and condition, is stored once', async () => {
    const { body, identifier } = await consentOf('permission');
    const headers = headersFor('both', randomUUID(), identifier);
    const first = await post(body, headers);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    // The answer was lost: the SDK sends the same request again.
    const again = await post(body, headers);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body['id'], first.body['id']);
    assert.deepEqual(
      (await stored(identifier)).map((consent) => consent['id']),
      [first.body['id']],
    );
  });
});

describe('every kind, every guard, any number of repeats: stored once', () => {
  for (const kind of ['permission', 'sharing choice'] as const)
    for (const guard of ['key', 'condition', 'both'] as const)
      for (const repeats of [1, 3])
        test(`${kind}, ${guard}, ${repeats} repeat(s)`, async () => {
          if (kind === 'sharing choice') await withoutSharingChoice();
          const { body, identifier } = await consentOf(kind);
          const headers = headersFor(guard, randomUUID(), identifier);
          const first = await post(body, headers);
          assert.equal(first.status, 201, JSON.stringify(first.body));
          for (let repeat = 0; repeat < repeats; repeat += 1) {
            const again = await post(body, headers);
            assert.equal(again.status, 200, `repeat ${repeat}: ${JSON.stringify(again.body)}`);
            assert.equal(again.body['id'], first.body['id']);
            assert.equal(again.headers.get('etag'), first.headers.get('etag'), 'the same version: nothing changed');
          }
          const found = await stored(identifier);
          assert.deepEqual(
            found.map((consent) => consent['id']),
            [first.body['id']],
            'found by its identifier, once',
          );
        });

  test('the same key with another body is a conflict, and stores nothing', async () => {
    const key = randomUUID();
    const { body, identifier } = await consentOf('permission');
    assert.equal((await post(body, { 'x-request-id': key })).status, 201);
    const other = await consentOf('permission');
    const answer = await post(other.body, { 'x-request-id': key });
    assert.equal(answer.status, 409);
    assert.equal(hubCode(answer.body), 'DUPLICATE_REQUEST');
    assert.equal((await stored(other.identifier)).length, 0);
    assert.equal((await stored(identifier)).length, 1);
  });

  test('a condition naming another identifier is a new permission', async () => {
    const first = await consentOf('permission');
    assert.equal((await post(first.body, { 'if-none-exist': `identifier=${first.identifier}` })).status, 201);
    const second = await consentOf('permission');
    const answer = await post(second.body, { 'if-none-exist': `identifier=${second.identifier}` });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.notEqual(answer.body['id'], undefined);
  });

  test('a condition that is not one identifier is refused, and stores nothing', async () => {
    const { body, identifier } = await consentOf('permission');
    for (const condition of ['status=active', `identifier=${KEY_SYSTEM}|`, `identifier=${identifier}&status=active`]) {
      const answer = await post(body, { 'if-none-exist': condition });
      assert.equal(answer.status, 400, condition);
    }
    assert.equal((await stored(identifier)).length, 0);
  });
});
