/**
 * Apps written for SMART 1 ask for `patient/Observation.read`; reviewer R8 found such an app signed in, was granted no
 * resource scope and then refused every request (403) — an app that cannot work, told nothing at sign-in.
 *
 * Now a v1 scope is granted as its v2 equal (`.read` = `.rs`, `.write` = `.cud`, `.*` = `.cruds`), and an app that asked
 * for records and may have none of them is answered `invalid_scope` at sign-in, not with a token every request refuses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { allowedScopes, grantScopes } from '../../src/auth/index.js';
import { resourceTypes } from '../../src/auth/scopes.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { fixturePersonas } from './smart-test-hub.js';
import { authorizeUrl, chooseOnSignInPage, pkce } from './sign-in-flow.js';

let testHub: TestHub;
before(async () => {
  testHub = await startTestHub();
});
after(() => testHub.close());

describe('reported: a SMART 1 app reads what it asked for', () => {
  test('a resident’s app asking patient/Observation.read reads her Observations', async () => {
    const token = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/Observation.read' });
    const me = await testHub.call(token, '/Observation?patient=pat-000001&_count=1');
    assert.equal(me.status, 200, JSON.stringify(me.body));
  });
});

describe('class: a v1 scope is granted as its v2 equal, for every persona, context, type and permission', () => {
  const equals: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };
  const personas = fixturePersonas;
  test('every combination', () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const persona of personas)
      for (const ehrLaunch of [false, true])
        for (const context of ['patient', 'user'])
          for (const type of ['*', ...resourceTypes])
            for (const [v1, v2] of Object.entries(equals)) {
              const allowed = allowedScopes(persona, ehrLaunch);
              const asV1 = grantScopes([`${context}/${type}.${v1}`], allowed).join(' ');
              const asV2 = grantScopes([`${context}/${type}.${v2}`], allowed).join(' ');
              compared += 1;
              if (asV1 !== asV2)
                wrong.push(`${persona.id}${ehrLaunch ? ' (launch)' : ''} ${context}/${type}.${v1}: "${asV1}", not "${asV2}"`);
            }
    assert.ok(compared > 500, String(compared));
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${compared} differ`);
  });
});

describe('class: an app that may have none of the records it asked for is told at sign-in', () => {
  // persona, scope asked, whether any record access can be given.
  const cases: [string, string, boolean][] = [
    ['receptionist', 'openid user/Observation.rs', false],
    ['receptionist', 'openid user/Observation.read user/AllergyIntolerance.rs', false],
    ['receptionist', 'openid user/Observation.rs user/Patient.rs', true],
    ['gp', 'openid user/Observation.rs?category=vital-signs', false],
    ['gp', 'openid user/Observation.rs?category=vital-signs user/Condition.rs', true],
    ['gp', 'openid patient/*.rs', false],
    ['gp', 'openid system/*.rs', false],
    ['resident', 'openid launch/patient user/*.rs', false],
    ['resident', 'openid launch/patient patient/*.read', true],
    ['resident', 'openid fhirUser', true],
  ];
  const { challenge } = pkce();
  for (const [persona, scope, grantable] of cases)
    test(`${persona} asking "${scope}": ${grantable ? 'a code' : 'invalid_scope'}`, async () => {
      const page = authorizeUrl(`${new URL(testHub.fhir).origin}/auth`, testHub.fhir, challenge, { scope });
      const back = await chooseOnSignInPage(`${new URL(testHub.fhir).origin}/auth`, page, { persona });
      if (grantable) assert.ok(back.searchParams.get('code'), `error ${back.searchParams.get('error')}`);
      else {
        assert.equal(back.searchParams.get('error'), 'invalid_scope');
        assert.equal(back.searchParams.get('code'), null);
      }
    });
});
