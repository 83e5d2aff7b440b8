/**
 * A resident's app sends back a Consent it read, unchanged but for the order of each object's keys (JSON says nothing
 * of it; an app that rebuilds the object, or a library that sorts keys, sends it so). What a practice recorded that
 * her screens never write is let through only when it is as it was — and "as it was" was its JSON text, keys in
 * order: a practice's deny kept for a period, sent back as she read it with `end` before `start`, was `422`.
 *
 * The property (fixed seed): for a sharing choice and a permission for a carer, each holding parts only a practice
 * records, every object's keys shuffled → `200`, and what is stored is what was (as content).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { signInPersonas } from '../src/index.js';
import { canonicalJson } from '../src/fhir/reduced-views.js';
import { ACT_CODE, OTHER_SOURCE, practicePermission, residentContact, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { withoutSaveStamp } from './support/consent-changes.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const CHOICE = 'cko-choice';
const PERMISSION = 'cko-permission';
const CONTACT = 'cko-contact';

let testHub: TestHub;
let self = '';
let token = '';

/** A sharing choice as a practice records it: a deny kept for a period and one for a purpose. */
function practiceChoice(): Json {
  const choice = sharingChoiceExcluding(self, [], CHOICE);
  const provision = choice['provision'] as Json;
  return {
    ...choice,
    meta: { source: OTHER_SOURCE },
    provision: {
      ...provision,
      dataPeriod: { start: '2019-01-01', end: '2030-12-31' },
      provision: [
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'SEX' }], period: { start: '2024-01-01', end: '2027-01-01' } },
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], purpose: [{ system: ACT_CODE, code: 'TREAT' }] },
      ],
    },
  };
}

/** A permission for a carer as a practice records it: a deny kept for a period, and a data period. */
function practiceProxy(): Json {
  const permission = practicePermission(self, CONTACT, PERMISSION);
  const provision = permission['provision'] as Json;
  return {
    ...permission,
    provision: {
      ...provision,
      dataPeriod: { start: '2020-01-01', end: '2030-12-31' },
      provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], period: { start: '2024-01-01', end: '2027-01-01' } }],
    },
  };
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put({ ...residentContact(self, CONTACT), meta: { source: OTHER_SOURCE } });
      await hub.store.put(practiceChoice());
      await hub.store.put(practiceProxy());
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

/** Every object's keys in the order `order` picks (its numbers used in turn, Fisher–Yates). */
function shuffled(value: unknown, order: readonly number[], at = { next: 0 }): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffled(item, order, at));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  for (let index = keys.length - 1; index > 0; index--) {
    const pick = (order[at.next++ % order.length] ?? 0) % (index + 1);
    [keys[index], keys[pick]] = [keys[pick]!, keys[index]!];
  }
  return Object.fromEntries(keys.map((key) => [key, shuffled((value as Json)[key], order, at)]));
}

/** What she could change: not what the hub stamps on every save (its `meta`, when and by whom). */
const content = (resource: Json | undefined) => canonicalJson(withoutSaveStamp(resource));

describe('a Consent sent back as read, its keys in another order', () => {
  test('the reported case: a practice deny kept for a period, `end` before `start`', async () => {
    const read = await testHub.call(token, `/Consent/${CHOICE}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const before = content((await testHub.hub.store.read('Consent', CHOICE))?.resource);
    const body = structuredClone(read.body) as Json;
    const deny = ((body['provision'] as Json)['provision'] as Json[])[0]!;
    deny['period'] = { end: '2027-01-01', start: '2024-01-01' };
    const answer = await testHub.call(token, `/Consent/${CHOICE}`, {
      method: 'PUT',
      body,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(content((await testHub.hub.store.read('Consent', CHOICE))?.resource), before);
  });

  for (const id of [CHOICE, PERMISSION])
    test(`${id === CHOICE ? 'a sharing choice' : 'a permission for a carer'}: any order of any object's keys is as it was`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), async (order) => {
          const read = await testHub.call(token, `/Consent/${id}`);
          assert.equal(read.status, 200, JSON.stringify(read.body));
          const body = shuffled(read.body, order) as Json;
          const before = content((await testHub.hub.store.read('Consent', id))?.resource);
          const answer = await testHub.call(token, `/Consent/${id}`, {
            method: 'PUT',
            body,
            headers: { 'if-match': read.headers.get('etag') ?? '' },
          });
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          assert.equal(content((await testHub.hub.store.read('Consent', id))?.resource), before, 'nothing changed');
        }),
        { seed: 20261207, numRuns: 25 },
      );
    });
});
