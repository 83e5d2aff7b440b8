/**
 * A resident is never told a sharing choice is in force when it is not (docs/access-policy.md). Since 0b279b7 a
 * part of a choice her practice recorded is let through unchecked when she sends it back as it was — but the hub
 * applies only what it reads (`sharingRules`): it ignores the policy rule, so a recorded `OPTOUT` is applied as
 * opt-in, and it skips whole a deny naming a label that is not a sharing category (`ETH`) or nothing it can apply.
 * Her changes to such a choice were saved `200`, telling her it was in force. Now a part as it was passes only when
 * the hub applies it; otherwise the change is refused `422`, saying her practice recorded it in a way this service
 * cannot apply, and nothing is stored.
 *
 * The class: each policy rule the practice may have recorded × each kind of deny it may hold × whether she changes
 * the rest or saves it as read — `200` (and saved) exactly when the hub applies every part, else `422` with the
 * practice's sentence (and nothing changed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { canonicalJson } from '../src/fhir/reduced-views.js';
import { ACT_CODE, OTHER_SOURCE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { changeAsRead, outcomeText, withoutSaveStamp } from './support/consent-changes.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const IRCP = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };
const PRACTICE_TEXT = /recorded by your GP practice/;

/** The policy rules a practice may record, and whether the hub applies the choice as it says. */
const RULES: Record<string, { rule: Json | undefined; applied: boolean }> = {
  none: { rule: undefined, applied: true },
  OPTIN: { rule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] }, applied: true },
  OPTOUT: { rule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] }, applied: false },
  OPTINR: { rule: { coding: [{ system: ACT_CODE, code: 'OPTINR' }] }, applied: false },
  OPTOUTE: { rule: { coding: [{ system: ACT_CODE, code: 'OPTOUTE' }] }, applied: false },
  // Both at once says nothing the hub can apply: ambiguous, so not read as opt-in (in either order).
  'OPTIN and OPTOUT': {
    rule: {
      coding: [
        { system: ACT_CODE, code: 'OPTIN' },
        { system: ACT_CODE, code: 'OPTOUT' },
      ],
    },
    applied: false,
  },
  'OPTOUT and OPTIN': {
    rule: {
      coding: [
        { system: ACT_CODE, code: 'OPTOUT' },
        { system: ACT_CODE, code: 'OPTIN' },
      ],
    },
    applied: false,
  },
  'OPTIN twice': {
    rule: {
      coding: [
        { system: ACT_CODE, code: 'OPTIN' },
        { system: ACT_CODE, code: 'OPTIN' },
      ],
    },
    applied: true,
  },
  'OPTIN and another system': {
    rule: {
      coding: [
        { system: ACT_CODE, code: 'OPTIN' },
        { system: 'http://snomed.info/sct', code: '425691002' },
      ],
    },
    applied: false,
  },
};

let organisation = '';
/** The kinds of deny a practice may record, and whether the hub applies it. */
const DENIES: Record<string, { deny: () => Json; applied: boolean }> = {
  'a sharing category': { deny: () => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'SEX' }] }), applied: true },
  'a sharing category kept for a period': {
    deny: () => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'SEX' }], period: { start: '2024-01-01' } }),
    applied: true,
  },
  'an organisation': {
    deny: () => ({ type: 'deny', actor: [{ role: IRCP, reference: { reference: `Organization/${organisation}` } }] }),
    applied: true,
  },
  'a label that is not a sharing category': {
    deny: () => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'ETH' }] }),
    applied: false,
  },
  'a category and a label that is not one': {
    deny: () => ({
      type: 'deny',
      securityLabel: [
        { system: ACT_CODE, code: 'PSY' },
        { system: ACT_CODE, code: 'HIV' },
      ],
    }),
    applied: false,
  },
  'a purpose alone': { deny: () => ({ type: 'deny', purpose: [{ system: ACT_CODE, code: 'TREAT' }] }), applied: false },
  'an actor that is not an organisation': {
    deny: () => ({ type: 'deny', actor: [{ role: IRCP, reference: { reference: 'Practitioner/someone' } }] }),
    applied: false,
  },
};

/** What she does on her screen. */
const CHANGES: Record<string, (choice: Json) => Json> = {
  'keeps mental health from everyone': (choice) => {
    const provision = choice['provision'] as Json;
    const denies = (provision['provision'] as Json[] | undefined) ?? [];
    return {
      ...choice,
      provision: { ...provision, provision: [...denies, { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] },
    };
  },
  'saves it as she read it': (choice) => choice,
};

let testHub: TestHub;
let self = '';
let token = '';
const idOf = (rule: string, deny: string, change: string) =>
  `sce-${Object.keys(RULES).indexOf(rule)}-${Object.keys(DENIES).indexOf(deny)}-${Object.keys(CHANGES).indexOf(change)}`;

function practiceChoice(rule: string, deny: string, id: string): Json {
  const choice = sharingChoiceExcluding(self, [], id);
  const { policyRule: _policyRule, ...rest } = choice;
  const recorded = RULES[rule]!.rule;
  return {
    ...rest,
    ...(recorded === undefined ? {} : { policyRule: recorded }),
    meta: { source: OTHER_SOURCE },
    provision: { type: 'permit', provision: [DENIES[deny]!.deny()] },
  };
}

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
      await hub.store.transaction(async (store) => {
        for (const rule of Object.keys(RULES))
          for (const deny of Object.keys(DENIES))
            for (const change of Object.keys(CHANGES)) await store.put(practiceChoice(rule, deny, idOf(rule, deny, change)));
      });
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  assert.notEqual(organisation, '', 'the directory has an organisation');
});
after(() => testHub.close());

const stored = async (id: string) => canonicalJson(withoutSaveStamp((await testHub.hub.store.read('Consent', id))?.resource));
const changeAs = (id: string, change: (choice: Json) => Json) => changeAsRead(testHub, token, id, change);
const textOf = outcomeText;

describe('a part of a sharing choice the hub does not apply is not saved as in force', () => {
  test('the reported case: her practice recorded OPTOUT; she keeps mental health from everyone', async () => {
    const id = idOf('OPTOUT', 'a sharing category', 'keeps mental health from everyone');
    const before = await stored(id);
    const answer = await changeAs(id, CHANGES['keeps mental health from everyone']!);
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.match(textOf(answer.body), PRACTICE_TEXT);
    assert.equal(await stored(id), before, 'nothing is saved');
  });

  test('the reported case: her practice recorded both OPTIN and OPTOUT; she keeps mental health from everyone', async () => {
    const id = idOf('OPTIN and OPTOUT', 'a sharing category', 'keeps mental health from everyone');
    const before = await stored(id);
    const answer = await changeAs(id, CHANGES['keeps mental health from everyone']!);
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.match(textOf(answer.body), PRACTICE_TEXT);
    assert.equal(await stored(id), before, 'nothing is saved');
  });

  test('a choice she makes afresh with both OPTIN and OPTOUT is refused as one to check again', async () => {
    const choice = sharingChoiceExcluding(self, []);
    const answer = await testHub.call(token, '/Consent', {
      method: 'POST',
      body: { ...choice, policyRule: RULES['OPTIN and OPTOUT']!.rule },
    });
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.doesNotMatch(textOf(answer.body), PRACTICE_TEXT);
  });

  test('every policy rule × kind of deny × change or none', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const [rule, { applied: ruleApplied }] of Object.entries(RULES))
      for (const [deny, { applied: denyApplied }] of Object.entries(DENIES))
        for (const [change, make] of Object.entries(CHANGES)) {
          cases += 1;
          const id = idOf(rule, deny, change);
          const before = await stored(id);
          const answer = await changeAs(id, make);
          const applied = ruleApplied && denyApplied;
          const after = await stored(id);
          const got = `${answer.status}${answer.status === 422 ? ` ${PRACTICE_TEXT.test(textOf(answer.body)) ? 'practice' : 'other'}` : ''} ${after === before ? 'unchanged' : 'changed'}`;
          const expected = applied ? `200 ${change === 'saves it as she read it' ? 'unchanged' : 'changed'}` : '422 practice unchanged';
          if (got !== expected) wrong.push(`${rule} × ${deny} × ${change}: ${got}, not ${expected}`);
        }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
  });
});
