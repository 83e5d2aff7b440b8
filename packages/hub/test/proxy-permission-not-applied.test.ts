/**
 * A carer's permission her practice recorded with a deny naming an organisation (docs/access-policy.md R9): the hub
 * cannot say what it would mean — keep from the carer what that organisation recorded, or keep from the organisation
 * what the carer adds — so it applies no part of it (`readProxyConsent` reads no such permission: it grants nothing).
 * Sent back by her, even unchanged, it was refused with the generic "reload the page and try again", which she
 * cannot act on. Now she is told her practice recorded it in a way this service cannot apply, that it gives no
 * access now, and to ask the practice; nothing is stored.
 *
 * The class: each form of permission the hub cannot read × what she does (saves it as read, adds an action) — `422`
 * with the practice's sentence, nothing changed — or stops it, which she may (`200`); a permission it reads, as read,
 * is still `200`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { canonicalJson } from '../src/fhir/reduced-views.js';
import { ACT_CODE, practicePermission, residentContact } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { changeAsRead, outcomeText, withoutSaveStamp } from './support/consent-changes.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const IRCP = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };
const PRACTICE_TEXT = /recorded by your GP practice in a way this service cannot apply/;
const ACTION = 'https://care-record.example/CodeSystem/proxy-action';

let organisation = '';
/** Forms of the permission's nested deny, and whether the hub reads (and applies) the permission. */
const FORMS: Record<string, { denies: () => Json[]; read: boolean }> = {
  'a deny naming an organisation': {
    denies: () => [{ type: 'deny', actor: [{ role: IRCP, reference: { reference: `Organization/${organisation}` } }] }],
    read: false,
  },
  'a deny naming an organisation and a category': {
    denies: () => [
      {
        type: 'deny',
        actor: [{ role: IRCP, reference: { reference: `Organization/${organisation}` } }],
        securityLabel: [{ system: ACT_CODE, code: 'PSY' }],
      },
    ],
    read: false,
  },
  'a deny of an action': {
    denies: () => [{ type: 'deny', action: [{ coding: [{ system: ACTION, code: 'view-appointments' }] }] }],
    read: false,
  },
  'a deny within a deny': {
    denies: () => [{ type: 'deny', provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] }],
    read: false,
  },
  'a deny of a label that is not a category': {
    denies: () => [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'ETH' }] }],
    read: false,
  },
  'a deny of a category (read)': { denies: () => [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }], read: true },
};

/** What she does on her screen. */
const CHANGES: Record<string, (permission: Json) => Json> = {
  'saves it as read': (permission) => permission,
  'stops it': (permission) => ({ ...permission, status: 'inactive' }),
  'adds an action': (permission) => {
    const provision = permission['provision'] as Json;
    const actions = (provision['action'] as Json[] | undefined) ?? [];
    return { ...permission, provision: { ...provision, action: [...actions, { coding: [{ system: ACTION, code: 'view-results' }] }] } };
  },
};

let testHub: TestHub;
let self = '';
let token = '';
const idOf = (form: string, change: string) => `ppna-${Object.keys(FORMS).indexOf(form)}-${Object.keys(CHANGES).indexOf(change)}`;

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
        await store.put(residentContact(self, 'ppna-contact'));
        for (const [form, { denies }] of Object.entries(FORMS))
          for (const change of Object.keys(CHANGES)) {
            const permission = practicePermission(self, 'ppna-contact', idOf(form, change));
            await store.put({ ...permission, provision: { ...(permission['provision'] as Json), provision: denies() } });
          }
      });
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  assert.notEqual(organisation, '', 'the directory has an organisation');
});
after(() => testHub.close());

const stored = async (id: string) => canonicalJson(withoutSaveStamp((await testHub.hub.store.read('Consent', id))?.resource));
const changeAs = (id: string, change: (permission: Json) => Json) => changeAsRead(testHub, token, id, change);
const textOf = outcomeText;

describe('a carer’s permission the hub cannot apply says so when she changes it', () => {
  test('the reported case: a deny naming an organisation, sent back as she read it', async () => {
    const id = idOf('a deny naming an organisation', 'saves it as read');
    const before = await stored(id);
    const answer = await changeAs(id, CHANGES['saves it as read']!);
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.match(textOf(answer.body), PRACTICE_TEXT);
    assert.equal(await stored(id), before, 'nothing is saved');
  });

  test('every form the hub cannot read × what she does', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const [form, { read }] of Object.entries(FORMS))
      for (const [change, make] of Object.entries(CHANGES)) {
        if (read && change !== 'saves it as read') continue;
        cases += 1;
        const id = idOf(form, change);
        const before = await stored(id);
        const answer = await changeAs(id, make);
        const after = await stored(id);
        const got = `${answer.status}${answer.status === 422 ? ` ${PRACTICE_TEXT.test(textOf(answer.body)) ? 'practice' : 'other'}` : ''} ${after === before ? 'unchanged' : 'changed'}`;
        // Stopping it is always safe, so she may (proxy-permission-stop-unread.test.ts); any other change is hers to ask for.
        const expected = read ? '200 unchanged' : change === 'stops it' ? '200 changed' : '422 practice unchanged';
        if (got !== expected) wrong.push(`${form} × ${change}: ${got}, not ${expected}`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
  });
});
