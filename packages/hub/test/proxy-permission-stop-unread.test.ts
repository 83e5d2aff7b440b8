/**
 * A carer's permission her practice recorded in a form the hub cannot read grants nothing (77a65c9), but she sees it
 * on her record — and could not end it: every save, stopping it too, was `422` "cannot be changed here". Stopping is
 * always safe (a stopped permission grants nothing whatever it says), so now she may set it `inactive`, the rest
 * staying as recorded; any other change is still `422` with the practice's sentence, and nothing is stored.
 *
 * The class: each form the hub cannot read × the status it was recorded with (in force, waiting for the person
 * invited) × how she sends it stopped (as read; keys in another order; with what the hub stamps sent otherwise) and,
 * as controls, stopped together with another change (an action added, an end date set).
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
/** The nested denies that make a permission one the hub cannot read. */
const FORMS: Record<string, () => Json[]> = {
  'a deny naming an organisation': () => [
    { type: 'deny', actor: [{ role: IRCP, reference: { reference: `Organization/${organisation}` } }] },
  ],
  'a deny naming an organisation and a category': () => [
    {
      type: 'deny',
      actor: [{ role: IRCP, reference: { reference: `Organization/${organisation}` } }],
      securityLabel: [{ system: ACT_CODE, code: 'PSY' }],
    },
  ],
  'a deny of an action': () => [{ type: 'deny', action: [{ coding: [{ system: ACTION, code: 'view-appointments' }] }] }],
  'a deny within a deny': () => [{ type: 'deny', provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] }],
  'a deny of a label that is not a category': () => [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'ETH' }] }],
};
const STATUSES = ['active', 'proposed'];

const reversed = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversed)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([key, inner]) => [key, reversed(inner)]),
        )
      : value;

/** How she sends it, and whether that is stopping it alone. */
const SENDS: Record<string, { make: (permission: Json) => Json; stopsOnly: boolean }> = {
  'stopped, as read': { make: (permission) => ({ ...permission, status: 'inactive' }), stopsOnly: true },
  'stopped, keys in another order': { make: (permission) => reversed({ ...permission, status: 'inactive' }) as Json, stopsOnly: true },
  'stopped, with another date and author': {
    make: (permission) => ({ ...permission, status: 'inactive', dateTime: '2020-01-01T00:00:00Z', performer: [{ display: 'Someone' }] }),
    stopsOnly: true,
  },
  'stopped, with an action added': {
    make: (permission) => {
      const provision = permission['provision'] as Json;
      const actions = (provision['action'] as Json[] | undefined) ?? [];
      return {
        ...permission,
        status: 'inactive',
        provision: { ...provision, action: [...actions, { coding: [{ system: ACTION, code: 'view-results' }] }] },
      };
    },
    stopsOnly: false,
  },
  'stopped, with an end date set': {
    make: (permission) => ({
      ...permission,
      status: 'inactive',
      provision: { ...(permission['provision'] as Json), period: { end: '2030-01-01' } },
    }),
    stopsOnly: false,
  },
};

let testHub: TestHub;
let self = '';
let token = '';
const idOf = (form: string, status: string, send: string) =>
  `ppsu-${Object.keys(FORMS).indexOf(form)}-${STATUSES.indexOf(status)}-${Object.keys(SENDS).indexOf(send)}`;

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
        await store.put(residentContact(self, 'ppsu-contact'));
        for (const [form, denies] of Object.entries(FORMS))
          for (const status of STATUSES)
            for (const send of Object.keys(SENDS)) {
              const permission = practicePermission(self, 'ppsu-contact', idOf(form, status, send), { status });
              await store.put({ ...permission, provision: { ...(permission['provision'] as Json), provision: denies() } });
            }
      });
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  assert.notEqual(organisation, '', 'the directory has an organisation');
});
after(() => testHub.close());

/** The permission as stored, but for what the hub stamps on a save (when, by whom) and its status; and its status. */
const stored = async (id: string) => {
  const { status, ...rest } = withoutSaveStamp((await testHub.hub.store.read('Consent', id))?.resource);
  return { status: String(status), rest: canonicalJson(rest) };
};
const send = (id: string, make: (permission: Json) => Json) => changeAsRead(testHub, token, id, make);
const textOf = outcomeText;

describe('she can stop a carer’s permission the hub cannot read', () => {
  test('the reported case: a permission naming an organisation in its deny, stopped as she read it', async () => {
    const id = idOf('a deny naming an organisation', 'active', 'stopped, as read');
    const before = await stored(id);
    const answer = await send(id, SENDS['stopped, as read']!.make);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(await stored(id), { status: 'inactive', rest: before.rest });
  });

  test('every form the hub cannot read × status × how she sends it stopped', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const form of Object.keys(FORMS))
      for (const status of STATUSES)
        for (const [how, { make, stopsOnly }] of Object.entries(SENDS)) {
          cases += 1;
          const id = idOf(form, status, how);
          const before = await stored(id);
          const answer = await send(id, make);
          const after = await stored(id);
          const kept = after.rest === before.rest ? 'rest as recorded' : 'rest changed';
          const got = `${answer.status}${answer.status === 422 ? ` ${PRACTICE_TEXT.test(textOf(answer.body)) ? 'practice' : 'other'}` : ''} ${after.status}, ${kept}`;
          const expected = stopsOnly ? '200 inactive, rest as recorded' : `422 practice ${status}, rest as recorded`;
          if (got !== expected) wrong.push(`${form} (${status}) × ${how}: ${got}, not ${expected}`);
        }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
  });
});
