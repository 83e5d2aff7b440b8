/**
 * A resident invites someone on their record once a permission naming them
 * says what the code will let them do (R18). The check counted every such
 * permission on the record, one withheld from the resident (`NOPAT`, on it or
 * a resource it contains) included: inviting a contact whose only permission
 * is one she may not see gave her a code, where a contact with none was
 * refused ("Save what this person may do…") — telling her that a permission
 * she may not see exists, and inviting someone to take it up.
 *
 * The class: each way a permission is withheld from her × each status that
 * lets it be taken up (proposed, active) — inviting answers exactly as for a
 * contact with no permission, and no invitation is kept; with a permission
 * she can see, she is given a code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, exampleOf } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/RelatedPerson.c patient/Consent.cu';
const NOPAT = [{ system: ACT_CODE, code: 'NOPAT' }];
const WITHHOLDINGS: { name: string; withhold: (consent: Json) => Json }[] = [
  { name: 'labelled NOPAT', withhold: (consent) => ({ ...consent, meta: { security: NOPAT } }) },
  {
    name: 'a resource it contains labelled NOPAT',
    withhold: (consent) => ({ ...consent, contained: [{ resourceType: 'Basic', id: 'note', meta: { security: NOPAT } }] }),
  },
];
const STATUSES = ['proposed', 'active'] as const;

let testHub: TestHub;
let self = '';
let token = '';

const contact = (id: string): Json => ({
  ...exampleOf('RelatedPerson'),
  id,
  active: true,
  patient: { reference: `Patient/${self}` },
  identifier: [],
});

const permission = (id: string, relatedPersonId: string, status: 'proposed' | 'active'): Json => ({
  ...(buildProxyConsent({ patientId: self, relatedPersonId, actions: ['view-appointments'], withheld: [], status }) as unknown as Json),
  id,
});

/** What the resident can tell two answers apart by. */
function seen(answer: { status: number; body: Json }): Json {
  const issue = (
    answer.body['issue'] as { details?: { coding?: { code?: string }[]; text?: string }; diagnostics?: string }[] | undefined
  )?.[0];
  return { status: answer.status, code: issue?.details?.coding?.[0]?.code, text: issue?.details?.text, diagnostics: issue?.diagnostics };
}

const invite = (relatedPersonId: string) => testHub.call(token, `/RelatedPerson/${relatedPersonId}/$invite`, { method: 'POST' });
const invitationsKept = async () => testHub.hub.store.query('SELECT COUNT(*) AS n FROM invitation');

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(contact('ipw-nobody-s-contact'));
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

describe('inviting a contact whose permission is withheld from the resident', () => {
  test('the reported case: a NOPAT permission is answered as no permission', async () => {
    const none = await invite('ipw-nobody-s-contact');
    assert.equal(none.status, 422);
    await testHub.hub.store.put(contact('ipw-reported'));
    await testHub.hub.store.put(WITHHOLDINGS[0]!.withhold(permission('ipw-reported-permission', 'ipw-reported', 'proposed')));
    assert.deepEqual(seen(await invite('ipw-reported')), seen(none));
  });

  test('the class: each withholding × each status answers as no permission; one she can see gives a code', async () => {
    const none = seen(await invite('ipw-nobody-s-contact'));
    let compared = 0;
    for (const [index, { name, withhold }] of WITHHOLDINGS.entries()) {
      for (const status of STATUSES) {
        const id = `ipw-${index}-${status}`;
        await testHub.hub.store.put(contact(id));
        await testHub.hub.store.put(withhold(permission(`${id}-permission`, id, status)));
        const before = await invitationsKept();
        assert.deepEqual(seen(await invite(id)), none, `${name}, ${status}`);
        assert.deepEqual(await invitationsKept(), before, `${name}, ${status}: no invitation kept`);
        compared += 1;
        // Once she can see it, the same contact is hers to invite.
        await testHub.hub.store.put(permission(`${id}-permission`, id, status));
        const code = await invite(id);
        assert.equal(code.status, 200, `${name}, ${status}, once she can see it`);
      }
    }
    assert.equal(compared, WITHHOLDINGS.length * STATUSES.length);
  });
});
