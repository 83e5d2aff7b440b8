/**
 * A Consent a resident saves may name people on their own record (R9), and
 * one they may not see is, to them, not there (R13). The check of what a
 * Consent names (`consentClaimAt`) looked people up as stored: a contact kept
 * from the resident (`NOPAT`) passed it and was refused later with other
 * words ("The actor must be a RelatedPerson on the resident's own record"),
 * while an id of nobody was refused by it — so the answer told the resident
 * that a contact they may not see is on their record.
 *
 * The class: each place a Consent can name a contact × each kind of save (a
 * new permission, a new sharing choice, a change to a permission) × each way
 * the contact is withheld (labelled, or a resource it contains labelled) —
 * naming the withheld contact answers exactly as naming an id of nobody, and
 * nothing is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, exampleOf, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const NOBODY = 'cnw-nobody';
const WITHHOLDINGS = ['cnw-labelled', 'cnw-contained'] as const;
const SHOWN = 'cnw-shown';

let testHub: TestHub;
let self = '';
let token = '';

/** The places a Consent can name someone, each as the body with `Patient`'s contact `id` put there. */
const PLACES: { name: string; put: (consent: Json, id: string) => Json }[] = [
  {
    name: 'the provision’s actor',
    put: (consent, id) => ({ ...consent, provision: withActor(consent['provision'] as Json, id) }),
  },
  {
    name: 'a nested provision’s actor',
    put: (consent, id) => ({
      ...consent,
      provision: { ...(consent['provision'] as Json), provision: [{ type: 'deny', actor: [actorFor(id)] }] },
    }),
  },
  {
    name: 'the provision’s data',
    put: (consent, id) => ({
      ...consent,
      provision: { ...(consent['provision'] as Json), data: [{ meaning: 'related', reference: { reference: `RelatedPerson/${id}` } }] },
    }),
  },
  {
    name: 'an extension',
    put: (consent, id) => ({
      ...consent,
      extension: [{ url: 'https://example.org/named', valueReference: { reference: `RelatedPerson/${id}` } }],
    }),
  },
];

const actorFor = (id: string) => ({
  role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'DELEGATEE' }] },
  reference: { reference: `RelatedPerson/${id}` },
});

function withActor(provision: Json, id: string): Json {
  const actors = (provision['actor'] as Json[] | undefined) ?? [];
  return { ...provision, actor: [...actors.slice(0, 0), actorFor(id), ...actors.slice(1)] };
}

/** What the resident can tell two answers apart by. */
function seen(answer: { status: number; body: Json }): Json {
  const issue = (
    answer.body['issue'] as
      { details?: { coding?: { code?: string }[]; text?: string }; diagnostics?: string; expression?: string[] }[] | undefined
  )?.[0];
  return {
    status: answer.status,
    code: issue?.details?.coding?.[0]?.code,
    text: issue?.details?.text,
    diagnostics: issue?.diagnostics,
    expression: issue?.expression,
  };
}

const permission = (relatedPersonId: string) =>
  buildProxyConsent({
    patientId: self,
    relatedPersonId,
    actions: ['view-appointments'],
    withheld: [],
    status: 'proposed',
  }) as unknown as Json;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      const contact = (id: string, extra: Json) => ({
        ...exampleOf('RelatedPerson'),
        id,
        active: true,
        patient: { reference: `Patient/${self}` },
        identifier: [],
        ...extra,
      });
      const nopat = [{ system: ACT_CODE, code: 'NOPAT' }];
      await hub.store.put(contact('cnw-labelled', { meta: { security: nopat } }));
      await hub.store.put(contact('cnw-contained', { contained: [{ resourceType: 'Basic', id: 'note', meta: { security: nopat } }] }));
      await hub.store.put(contact(SHOWN, {}));
      // A permission of hers to change.
      await hub.store.put({ ...permission(SHOWN), id: 'cnw-permission' });
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

/** The kinds of save, each with the body it starts from. */
function saves(): { name: string; send: (body: Json) => Promise<{ status: number; body: Json }>; body: () => Json }[] {
  return [
    { name: 'a new permission', body: () => permission(SHOWN), send: (body) => testHub.call(token, '/Consent', { method: 'POST', body }) },
    {
      name: 'a new sharing choice',
      body: () => sharingChoiceExcluding(self, []),
      send: (body) => testHub.call(token, '/Consent', { method: 'POST', body }),
    },
    {
      name: 'a change to a permission',
      body: () => ({ ...permission(SHOWN), id: 'cnw-permission' }),
      send: async (body) => {
        const current = await testHub.call(token, '/Consent/cnw-permission');
        return testHub.call(token, '/Consent/cnw-permission', {
          method: 'PUT',
          body,
          headers: { 'if-match': current.headers.get('etag') ?? '' },
        });
      },
    },
  ];
}

const consentsStored = async () => testHub.hub.store.query("SELECT COUNT(*) AS n, MAX(version) AS v FROM resource WHERE type = 'Consent'");

describe('a contact withheld from the resident, named in a Consent', () => {
  test('each place × each save × each withholding answers as naming nobody, and stores nothing', async () => {
    let compared = 0;
    for (const place of PLACES) {
      for (const save of saves()) {
        const before = await consentsStored();
        const nobody = seen(await save.send(place.put(save.body(), NOBODY)));
        assert.equal(nobody['status'], 422, `${place.name}, ${save.name}: naming nobody is refused`);
        for (const withheld of WITHHOLDINGS) {
          const where = `${place.name}, ${save.name}, ${withheld}`;
          assert.equal((await testHub.call(token, `/RelatedPerson/${withheld}`)).status, 404, `${where}: withheld from her`);
          assert.deepEqual(seen(await save.send(place.put(save.body(), withheld))), nobody, where);
          compared += 1;
        }
        assert.deepEqual(await consentsStored(), before, `${place.name}, ${save.name}: nothing stored`);
      }
    }
    assert.equal(compared, PLACES.length * 3 * WITHHOLDINGS.length);
  });

  test('a contact she can see is still hers to name', async () => {
    const answer = await testHub.call(token, '/Consent', { method: 'POST', body: permission(SHOWN) });
    assert.equal(answer.status, 201);
  });
});
