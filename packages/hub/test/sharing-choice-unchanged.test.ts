/**
 * A resident changes a sharing choice her GP practice recorded for her. The practice's record held an element the
 * resident's own screens never write (an `OPTOUT` rule, a deny kept for a period, a label that is not a sharing
 * category): every change she made to the rest was refused `422`, because the hub checked the whole choice again,
 * the parts she did not change among them. A permission for a carer skips what is as it was (`checkProxyConsent`);
 * a sharing choice now does the same.
 *
 * The class: each unusual element the practice may have recorded × each change she makes to the rest — the change is
 * saved, with the practice's element kept. And the same element added afresh is refused as before: only what is as
 * it was goes unchecked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, OTHER_SOURCE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { changeAsRead } from './support/consent-changes.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const IRCP = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };
const sexualHealth = { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'SEX' }] };

/**
 * Elements a practice may record on a sharing choice that the resident's screens never write, and the hub applies (at
 * least as written). One it does not apply — an `OPTOUT` rule, a deny of a label that is not a sharing category — is
 * refused as it was too, so that she is not told it is in force (`sharing-choice-enforced.test.ts`).
 */
const UNUSUAL: Record<string, (choice: Json) => Json> = {
  'a top-level data period': (choice) => ({
    ...choice,
    provision: { ...(choice['provision'] as Json), dataPeriod: { start: '2019-01-01' } },
  }),
  'a deny kept for a period': (choice) => withDeny(choice, { ...sexualHealth, period: { start: '2024-01-01', end: '2027-01-01' } }),
  'a deny for a purpose': (choice) => withDeny(choice, { ...sexualHealth, purpose: [{ system: ACT_CODE, code: 'TREAT' }] }),
};

function withDeny(choice: Json, deny: Json): Json {
  const provision = choice['provision'] as Json;
  return { ...choice, provision: { ...provision, provision: [...((provision['provision'] as Json[] | undefined) ?? []), deny] } };
}

let organisation = '';
/** Changes she makes to the rest of the choice, from her screen. */
const CHANGES: Record<string, (choice: Json) => Json> = {
  'keeps mental health from everyone': (choice) => withDeny(choice, { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }),
  'keeps her record from an organisation': (choice) =>
    withDeny(choice, { type: 'deny', actor: [{ role: IRCP, reference: { reference: `Organization/${organisation}` } }] }),
};

let testHub: TestHub;
let self = '';
let token = '';
const idOf = (unusual: string, change: string) =>
  `scu-${Object.keys(UNUSUAL).indexOf(unusual)}-${change === '' ? 'x' : Object.keys(CHANGES).indexOf(change)}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      const found = await hub.store.search({
        type: 'Organization',
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 1,
        visibility: { hiddenLabels: [] },
      });
      organisation = String(found.resources[0]?.['id'] ?? '');
      for (const [unusual, make] of Object.entries(UNUSUAL))
        for (const change of Object.keys(CHANGES))
          await hub.store.put({ ...make(sharingChoiceExcluding(self, [], idOf(unusual, change))), meta: { source: OTHER_SOURCE } });
      for (const unusual of Object.keys(UNUSUAL))
        await hub.store.put({ ...sharingChoiceExcluding(self, [], idOf(unusual, '')), meta: { source: OTHER_SOURCE } });
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  assert.notEqual(organisation, '', 'the directory has an organisation');
});
after(() => testHub.close());

const changeAs = (id: string, change: (choice: Json) => Json) => changeAsRead(testHub, token, id, change);

const stored = async (id: string) => JSON.stringify((await testHub.hub.store.read('Consent', id))?.resource ?? {});

describe('a sharing choice the practice recorded with an element her screens never write', () => {
  test('the reported case: she keeps mental health from everyone, on a choice with a deny kept for a period', async () => {
    const id = idOf('a deny kept for a period', 'keeps mental health from everyone');
    const answer = await changeAs(id, CHANGES['keeps mental health from everyone']!);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const now = await stored(id);
    assert.ok(now.includes('"PSY"'), 'her change is saved');
    assert.ok(now.includes('2027-01-01'), 'the practice’s deny is kept');
  });

  for (const unusual of Object.keys(UNUSUAL))
    for (const change of Object.keys(CHANGES))
      test(`${unusual}: she ${change}`, async () => {
        const id = idOf(unusual, change);
        const before = JSON.parse(await stored(id)) as Json;
        const answer = await changeAs(id, CHANGES[change]!);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const now = JSON.parse(await stored(id)) as Json;
        // Her change is there, and the practice's element is as it was.
        assert.equal(JSON.stringify(now['provision']), JSON.stringify(CHANGES[change]!(before)['provision']));
        assert.equal(JSON.stringify(now['policyRule']), JSON.stringify(before['policyRule']));
      });

  for (const unusual of Object.keys(UNUSUAL))
    test(`${unusual}, added by her afresh, is still refused`, async () => {
      const answer = await changeAs(idOf(unusual, ''), UNUSUAL[unusual]!);
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
    });
});
