/**
 * A permission for a carer the practice keeps from the resident (their RelatedPerson labelled `NOPAT`: a safeguarding
 * concern, say): she reads it without its actor, and may stop it or make it give less. Since the hub put the actor
 * back from the stored permission when she changed it, and did not check a carer again when the actor stayed the
 * same, she could also switch a stopped permission back on, or let the carer do or see more: the carer the practice
 * hid then read her record again.
 *
 * The class: every kind of change to a permission (status, actions, categories kept, period), made by the resident to
 * a permission for a hidden carer and for a carer she sees. A change that gives the carer anything the permission as
 * stored did not is refused for a hidden carer, as for someone unknown, and the stored permission is unchanged; one
 * that gives no more is saved. For a carer she sees, every change is saved.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROXY_ACTION_SYSTEM } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, practicePermission, residentContact } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const HIDDEN = 'hcp-hidden-carer';
const SEEN = 'hcp-seen-carer';
const NOPAT = [{ system: ACT_CODE, code: 'NOPAT' }];

const provisionOf = (consent: Json) => consent['provision'] as Json;
const withProvision = (consent: Json, change: (provision: Json) => Json): Json => ({ ...consent, provision: change(provisionOf(consent)) });
const action = (code: string) => ({ coding: [{ system: PROXY_ACTION_SYSTEM, code }] });
const deny = (code: string) => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code }] });

/** The permission as the practice recorded it: appointments and results, mental health kept, for 2026–2027. */
const STORED: Json = {
  provision: {
    type: 'permit',
    action: [action('view-appointments'), action('view-results')],
    period: { start: '2026-01-01', end: '2027-06-30' },
    provision: [deny('PSY')],
  },
};

/** Each change she can make from her view, whether it gives the carer more than the stored permission, and its status. */
const CHANGES: Record<string, { more: boolean; unreadable?: boolean; status?: string; change: (consent: Json) => Json }> = {
  'switch a stopped permission back on': { more: true, status: 'inactive', change: (c) => ({ ...c, status: 'active' }) },
  'add an action': {
    more: true,
    change: (c) => withProvision(c, (p) => ({ ...p, action: [...(p['action'] as Json[]), action('view-record')] })),
  },
  'swap an action for another': {
    more: true,
    change: (c) => withProvision(c, (p) => ({ ...p, action: [action('view-appointments'), action('add-readings')] })),
  },
  'keep nothing from the carer': {
    more: true,
    change: (c) =>
      withProvision(c, (p) => {
        const { provision: _denies, ...rest } = p;
        return rest;
      }),
  },
  'end it later': { more: true, change: (c) => withProvision(c, (p) => ({ ...p, period: { start: '2026-01-01', end: '2028-06-30' } })) },
  'end it never': { more: true, change: (c) => withProvision(c, (p) => ({ ...p, period: { start: '2026-01-01' } })) },
  'start it earlier': {
    more: true,
    change: (c) => withProvision(c, (p) => ({ ...p, period: { start: '2025-01-01', end: '2027-06-30' } })),
  },
  'stop it': { more: false, change: (c) => ({ ...c, status: 'inactive' }) },
  'take an action away': { more: false, change: (c) => withProvision(c, (p) => ({ ...p, action: [action('view-appointments')] })) },
  'keep more from the carer': {
    more: false,
    change: (c) =>
      withProvision(c, (p) => ({
        ...p,
        provision: [{ ...deny('PSY'), securityLabel: [deny('PSY').securityLabel[0], { system: ACT_CODE, code: 'SEX' }] }],
      })),
  },
  'end it sooner': { more: false, change: (c) => withProvision(c, (p) => ({ ...p, period: { start: '2026-01-01', end: '2026-12-31' } })) },
  'leave it as it is': { more: false, change: (c) => c },
  'end it in a year written as the year': {
    more: false,
    unreadable: true,
    change: (c) => withProvision(c, (p) => ({ ...p, period: { start: '2026-01-01', end: '2027' } })),
  },
  'end it in a month written as the month': {
    more: false,
    unreadable: true,
    change: (c) => withProvision(c, (p) => ({ ...p, period: { start: '2026-01-01', end: '2027-03' } })),
  },
};

let testHub: TestHub;
let self = '';
let token = '';
/** Whether the stored permission is in force: her own grant this year, or one nobody granted (`not-granted`). */
const STANDINGS = ['in force', 'not in force'] as const;
type Standing = (typeof STANDINGS)[number];
const idOf = (carer: string, change: string, standing: Standing = 'in force') =>
  `hcp-${carer === HIDDEN ? 'h' : 's'}-${standing === 'in force' ? 'f' : 'n'}-${Object.keys(CHANGES).indexOf(change)}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put({ ...residentContact(self, HIDDEN), meta: { security: NOPAT } });
      await hub.store.put(residentContact(self, SEEN));
      for (const carer of [HIDDEN, SEEN])
        for (const standing of STANDINGS)
          for (const [name, { status }] of Object.entries(CHANGES)) {
            const permission = practicePermission(self, carer, idOf(carer, name, standing));
            const provision = { ...provisionOf(permission), ...(STORED['provision'] as Json) };
            const granted = standing === 'in force' ? { performer: [{ reference: `Patient/${self}` }], dateTime: '2026-01-02' } : {};
            await hub.store.put({ ...permission, ...granted, provision, ...(status ? { status } : {}) });
          }
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

async function changeAsRead(id: string, change: (consent: Json) => Json) {
  const read = await testHub.call(token, `/Consent/${id}`);
  assert.equal(read.status, 200, JSON.stringify(read.body));
  const stored = (await testHub.hub.store.read('Consent', id))?.resource;
  const answer = await testHub.call(token, `/Consent/${id}`, {
    method: 'PUT',
    body: change(read.body as Json),
    headers: { 'if-match': read.headers.get('etag') ?? '' },
  });
  return { read: read.body as Json, answer, stored, after: (await testHub.hub.store.read('Consent', id))?.resource };
}

describe('a permission for a carer kept from the resident gives no more than it did', () => {
  test('the reported case: she cannot switch a hidden carer’s stopped permission back on', async () => {
    const { read, answer, stored, after } = await changeAsRead(idOf(HIDDEN, 'switch a stopped permission back on'), (c) => ({
      ...c,
      status: 'active',
    }));
    assert.ok(!JSON.stringify(read).includes(HIDDEN), 'her view does not name the hidden carer');
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.ok(!JSON.stringify(answer.body).includes(HIDDEN), 'the refusal does not name the hidden carer');
    assert.deepEqual(after, stored, 'the stored permission is unchanged');
  });

  for (const carer of [HIDDEN, SEEN])
    for (const standing of STANDINGS)
      for (const [name, { more, unreadable, change }] of Object.entries(CHANGES))
        test(`${carer === HIDDEN ? 'a hidden carer' : 'a carer she sees'}, ${standing}: ${name}`, async () => {
          const { answer, stored, after } = await changeAsRead(idOf(carer, name, standing), change);
          // Saved, a permission is her grant of today: one for a hidden carer not in force may only be stopped. A
          // period the in-force rule cannot read is refused for anyone.
          const refused = unreadable === true || (carer === HIDDEN && (more || (standing === 'not in force' && name !== 'stop it')));
          if (refused) {
            assert.equal(answer.status, 422, `refused: ${JSON.stringify(answer.body)}`);
            assert.deepEqual(after, stored, 'nothing stored');
          } else {
            assert.equal(answer.status, 200, `saved: ${JSON.stringify(answer.body)}`);
            const actor = JSON.stringify(provisionOf(after ?? {})['actor']);
            assert.ok(actor.includes(`RelatedPerson/${carer}`), 'still the same carer’s permission');
          }
        });
});
