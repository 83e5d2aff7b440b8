/**
 * A resident's app that manages who may act for her asks for `patient/Consent.rs patient/Consent.cu`, and not for the
 * people on her record (`patient/RelatedPerson.rs`). It could not save a change to a permission: `400`. Her view of a
 * permission leaves out the reference to the carer, a type her token does not read (R13) — but kept the actor's
 * role, so the actor she sent back had no `reference`, which the contract requires.
 *
 * The class: each set of scopes that lets an app read and change her Consents × each change (stopping a permission,
 * changing what the carer may do, changing a sharing choice). Each read and each answer matches the contract and
 * names the carer only to a token that reads RelatedPerson; each change is made, and keeps whom the permission is for.
 * Naming a carer afresh needs a token that reads them: to any other it is answered as naming nobody, so that the
 * answer does not tell which contacts are on her record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, PROXY_ACTION_SYSTEM } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, practicePermission, residentContact, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { checkResponse } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const CONTACT = 'csc-contact';
const CONTACT_NAME = 'Kaya-Morgan';
const NOBODY = 'csc-nobody';
const LAUNCH = 'openid fhirUser launch/patient';
/** Scope sets that let an app read and change her Consents, and whether each reads the people on her record. */
const SCOPE_SETS: { scope: string; readsPeople: boolean }[] = [
  { scope: `${LAUNCH} patient/Consent.rs patient/Consent.cu`, readsPeople: false },
  { scope: `${LAUNCH} patient/Consent.crus`, readsPeople: false },
  { scope: `${LAUNCH} patient/Consent.rs patient/Consent.cu patient/Organization.rs`, readsPeople: false },
  { scope: `${LAUNCH} patient/Consent.rs patient/Consent.cu patient/RelatedPerson.rs`, readsPeople: true },
  { scope: `${LAUNCH} patient/*.rs patient/Consent.cu`, readsPeople: true },
];
const CHANGES: Record<string, { kind: 'proxy' | 'sharing'; make: (consent: Json) => Json; made: (stored: Json) => boolean }> = {
  'stops a permission': {
    kind: 'proxy',
    make: (consent) => ({ ...consent, status: 'inactive' }),
    made: (stored) => stored['status'] === 'inactive',
  },
  'changes what the carer may do': {
    kind: 'proxy',
    make: (consent) => ({
      ...consent,
      provision: {
        ...(consent['provision'] as Json),
        action: ['view-appointments', 'view-results'].map((code) => ({ coding: [{ system: PROXY_ACTION_SYSTEM, code }] })),
      },
    }),
    made: (stored) => JSON.stringify(stored['provision']).includes('view-results'),
  },
  'keeps mental health with its service': {
    kind: 'sharing',
    make: (consent) => {
      const provision = consent['provision'] as Json;
      const denies = (provision['provision'] as Json[] | undefined) ?? [];
      return {
        ...consent,
        provision: { ...provision, provision: [...denies, { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] },
      };
    },
    made: (stored) => JSON.stringify(stored['provision']).includes('"PSY"'),
  },
};

let testHub: TestHub;
let self = '';
const tokens: string[] = [];

const permission = (id: string): Json => practicePermission(self, CONTACT, id);

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(residentContact(self, CONTACT));
      for (const [set] of SCOPE_SETS.entries())
        for (const [change, { kind }] of Object.entries(CHANGES)) {
          const id = `csc-${set}-${Object.keys(CHANGES).indexOf(change)}`;
          await hub.store.put(kind === 'proxy' ? permission(id) : sharingChoiceExcluding(self, [], id));
        }
    },
  });
  for (const { scope } of SCOPE_SETS) tokens.push(await testHub.signIn('resident', { scope }));
});
after(() => testHub.close());

const namesCarer = (body: unknown) => JSON.stringify(body).includes(CONTACT) || JSON.stringify(body).includes(CONTACT_NAME);

describe('the reported case: an app with Consent scopes alone stops a permission', () => {
  test('the permission is stopped, still for the same carer', async () => {
    const token = tokens[0] ?? '';
    const read = await testHub.call(token, '/Consent/csc-0-0');
    assert.equal(read.status, 200);
    const answer = await testHub.call(token, '/Consent/csc-0-0', {
      method: 'PUT',
      body: { ...read.body, status: 'inactive' },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const stored = (await testHub.hub.store.read('Consent', 'csc-0-0'))?.resource ?? {};
    assert.equal(stored['status'], 'inactive');
    assert.ok(JSON.stringify(stored['provision']).includes(`RelatedPerson/${CONTACT}`), 'still for the same carer');
  });
});

describe('the class: every scope set that manages her Consents × every change', () => {
  test('each read and answer matches the contract, names the carer only to a token that reads them, and the change is made', async () => {
    const wrong: string[] = [];
    for (const [set, { scope, readsPeople }] of SCOPE_SETS.entries())
      for (const [index, [change, { make, made }]] of Object.entries(CHANGES).entries()) {
        const name = `${scope.slice(LAUNCH.length + 1)}: ${change}`;
        const token = tokens[set] ?? '';
        const id = `csc-${set}-${index}`;
        if (set === 0 && index === 0) continue; // the reported case above stopped it already
        const read = await testHub.call(token, `/Consent/${id}`);
        const readCheck = checkResponse(testHub.hub.schemas, 'GET', '/Consent/{id}', read.status, read.body);
        if (read.status !== 200 || !readCheck.valid) {
          wrong.push(`${name}: read ${read.status} ${readCheck.errors.join('; ')}`);
          continue;
        }
        if (namesCarer(read.body) && !readsPeople) wrong.push(`${name}: the read names the carer`);
        const answer = await testHub.call(token, `/Consent/${id}`, {
          method: 'PUT',
          body: make(read.body),
          headers: { 'if-match': read.headers.get('etag') ?? '' },
        });
        const check = checkResponse(testHub.hub.schemas, 'PUT', '/Consent/{id}', answer.status, answer.body);
        if (answer.status !== 200 || !check.valid) {
          wrong.push(`${name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)} ${check.errors.join('; ')}`);
          continue;
        }
        if (namesCarer(answer.body) && !readsPeople) wrong.push(`${name}: the answer names the carer`);
        const stored = (await testHub.hub.store.read('Consent', id))?.resource ?? {};
        if (!made(stored)) wrong.push(`${name}: not changed`);
        if (CHANGES[change]?.kind === 'proxy' && !JSON.stringify(stored['provision']).includes(`RelatedPerson/${CONTACT}`))
          wrong.push(`${name}: no longer for the same carer`);
      }
    assert.deepEqual(wrong, []);
  });

  test('naming a carer afresh needs a token that reads them; to any other it is as naming nobody', async () => {
    const wrong: string[] = [];
    for (const [set, { scope, readsPeople }] of SCOPE_SETS.entries()) {
      const token = tokens[set] ?? '';
      const asking = async (relatedPersonId: string) =>
        testHub.call(token, '/Consent', {
          method: 'POST',
          body: buildProxyConsent({ patientId: self, relatedPersonId, actions: ['view-appointments'], withheld: [], status: 'active' }),
        });
      const carer = await asking(CONTACT);
      const nobody = await asking(NOBODY);
      const outcome = (answer: { status: number; body: Json }) => `${answer.status} ${JSON.stringify(answer.body['issue'])}`;
      if (readsPeople ? carer.status !== 201 : outcome(carer) !== outcome(nobody))
        wrong.push(`${scope}: ${outcome(carer)} where nobody is ${outcome(nobody)}`);
      if (nobody.status !== 422) wrong.push(`${scope}: naming nobody is ${nobody.status}`);
    }
    assert.deepEqual(wrong, []);
  });
});
