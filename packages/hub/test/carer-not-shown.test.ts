/**
 * A permission for someone not shown to this app. The hub leaves a Consent's actor out of a resident's view when the
 * carer is kept from her (a contact labelled `NOPAT`) or her app may not read the people on her record (R13). The
 * SDK read such a permission as nothing at all: "People who can act for you" did not list it, so she was not told that
 * someone can act for her (an unknown shown as "none"). It is now listed as a permission for someone not shown here,
 * with what it allows and whether it is in force, and she can stop it.
 *
 * The class: which elements her view left out (the actor, by her app's scopes or by the carer's label; its data;
 * both): each permission is listed, says whether whom it is for is shown, never names a carer kept from her, and
 * stopping it stops it for the same carer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, createHubClient, loadCarers, stopCarerAccess, type CarerAccess, type HubClient } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { exampleOf, OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const LAUNCH = 'openid fhirUser launch/patient';
const READS_PEOPLE = `${LAUNCH} patient/*.rs patient/Consent.cu`;
const CONSENTS_ONLY = `${LAUNCH} patient/Consent.rs patient/Consent.cu patient/Patient.rs`;
const SHOWN = 'cns-shown';
const KEPT = 'cns-kept';
const KEPT_NAME = 'Quillon-Marsh';
const FORM = 'cns-form';

/** Which elements of the permission her view leaves out, and how. */
const CASES: { name: string; scope: string; carer: string; data: boolean; personShown: boolean }[] = [
  { name: 'the actor: her app may not read the people on her record', scope: CONSENTS_ONLY, carer: SHOWN, data: false, personShown: false },
  { name: 'the actor: the carer is kept from her', scope: READS_PEOPLE, carer: KEPT, data: false, personShown: false },
  { name: 'its data: an item kept from her', scope: READS_PEOPLE, carer: SHOWN, data: true, personShown: true },
  { name: 'both: the carer and an item kept from her', scope: READS_PEOPLE, carer: KEPT, data: true, personShown: false },
  { name: 'both: by her app’s scopes and an item kept from her', scope: CONSENTS_ONLY, carer: SHOWN, data: true, personShown: false },
];

let testHub: TestHub;
let self = '';

const permission = (id: string, carer: string, data: boolean): Json => {
  const consent = buildProxyConsent({ patientId: self, relatedPersonId: carer, actions: ['view-appointments'], withheld: [] });
  return {
    ...(consent as unknown as Json),
    id,
    dateTime: '2026-01-05T10:00:00Z',
    performer: [{ reference: `Patient/${self}` }],
    meta: { source: OTHER_SOURCE },
    provision: {
      ...(consent.provision as unknown as Json),
      ...(data ? { data: [{ meaning: 'instance', reference: { reference: `DocumentReference/${FORM}` } }] } : {}),
    },
  };
};

const person = (id: string, labels: string[]): Json => ({
  ...exampleOf('RelatedPerson'),
  id,
  active: true,
  patient: { reference: `Patient/${self}` },
  identifier: [],
  name: [{ text: id === KEPT ? KEPT_NAME : 'Ada Shown' }],
  meta: { source: OTHER_SOURCE, ...(labels.length > 0 ? { security: labels.map((code) => ({ system: ACT_CODE, code })) } : {}) },
});
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(person(SHOWN, []));
      await hub.store.put(person(KEPT, ['NOPAT']));
      await hub.store.put(recordItem('DocumentReference', FORM, self, ['NOPAT']));
      for (const [index, each] of CASES.entries()) await hub.store.put(permission(`cns-${index}`, each.carer, each.data));
      await hub.store.put(permission('cns-reported', SHOWN, false));
    },
  });
});
after(() => testHub.close());

async function clientFor(scope: string): Promise<HubClient> {
  return createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope }), retry: false });
}

async function listed(client: HubClient, id: string): Promise<CarerAccess> {
  const model = await loadCarers(client, self, { now: new Date('2026-11-28T09:00:00Z') });
  const carer = model.carers.find((each) => each.consentId === id);
  assert.ok(carer, `the permission ${id} is listed (listed: ${model.carers.map((each) => each.consentId).join(', ')})`);
  return carer;
}

async function stopsIt(client: HubClient, carer: CarerAccess, relatedPersonId: string): Promise<void> {
  await stopCarerAccess(client, carer);
  const stored = (await testHub.hub.store.read('Consent', carer.consentId))?.resource ?? {};
  assert.equal(stored['status'], 'inactive', 'stopped');
  assert.ok(JSON.stringify(stored['provision']).includes(`RelatedPerson/${relatedPersonId}`), 'still for the same carer');
  const after = await listed(client, carer.consentId);
  assert.equal(after.stopped, true, 'listed as stopped');
}

describe('the reported case: an app with Consent scopes alone', () => {
  test('lists the permission for someone not shown, and stops it', async () => {
    const client = await clientFor(CONSENTS_ONLY);
    const carer = await listed(client, 'cns-reported');
    assert.equal(carer.personShown, false);
    assert.equal(carer.relatedPersonId, undefined);
    assert.equal(carer.inForce, true, 'it is in force, and says so');
    assert.deepEqual(
      carer.actions.filter((action) => action.allowed).map((action) => action.action),
      ['view-appointments'],
    );
    await stopsIt(client, carer, SHOWN);
  });
});

describe('which elements her view left out', () => {
  for (const [index, each] of CASES.entries())
    test(each.name, async () => {
      const id = `cns-${index}`;
      const client = await clientFor(each.scope);
      const carer = await listed(client, id);
      assert.equal(carer.personShown, each.personShown);
      assert.equal(carer.relatedPersonId, each.personShown ? each.carer : undefined);
      assert.ok(!JSON.stringify(carer).includes(KEPT_NAME) && !JSON.stringify(carer).includes(KEPT), 'never names a carer kept from her');
      assert.equal(carer.inForce, true);
      await stopsIt(client, carer, each.carer);
    });
});
