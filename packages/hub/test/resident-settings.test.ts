/**
 * A resident's privacy settings are theirs (docs/access-policy.md R13, R19).
 * A GP or a hospital nurse caring for a resident could search their Consents
 * and read, in the sharing choice, what the resident keeps from whom ("mental
 * health, from every service but the one that recorded it") and, in each
 * carer's permission, what is kept from that carer — "what and where" of
 * what is withheld, which the withheld notice is written never to say. Now
 * sharing choices and carers' permissions are withheld from professionals
 * like a sensitive item (announced, never shown; break-glass does not reveal
 * them), but for the organisation that recorded one; other Consents (an
 * advance decision) are shared as before. The class: every GET of the
 * contract that answers Consents, direct and in a batch, × every professional
 * persona × every kind of setting, with and without break-glass.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const PROFESSIONALS = ['gp', 'hospital-nurse', 'social-worker'] as const;
const REASON = 'Collapsed in the waiting room';

let testHub: TestHub;
let resident = '';
const tokens: Record<string, string> = {};
/** The resident's settings, each kind once, recorded by the hub for the resident (not by any professional's organisation). */
const SETTINGS: Record<string, Json> = {};

const entries = (body: Json) => (body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? [];
const saysWithheld = (body: Json) => JSON.stringify(body).includes('INFORMATION_WITHHELD');

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      const organization = (id: string) => personas.find((persona) => persona.id === id)?.organizationId ?? '';
      const privacy = (id: string, provision: Json[]): Json => ({
        resourceType: 'Consent',
        id,
        status: 'active',
        meta: { source: 'https://care-record.example/source/resident' },
        scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
        patient: { reference: `Patient/${resident}` },
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: { type: 'permit', provision },
      });
      SETTINGS['keeps a category'] = privacy('rs-category', [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }]);
      SETTINGS['keeps from a service'] = privacy('rs-organisation', [
        {
          type: 'deny',
          actor: [{ reference: { reference: `Organization/${organization('social-worker')}` } }],
          securityLabel: [{ system: ACT_CODE, code: 'SEX' }],
        },
      ]);
      for (const status of ['active', 'proposed', 'inactive'] as const)
        SETTINGS[`a carer's permission (${status})`] = {
          ...buildProxyConsent({ patientId: resident, relatedPersonId: 'rs-carer', actions: ['view-record'], withheld: ['mental-health'] }),
          id: `rs-proxy-${status}`,
          status,
          meta: { source: 'https://care-record.example/source/resident' },
        } as unknown as Json;
      await hub.store.transaction(async (store) => {
        await store.put({
          resourceType: 'RelatedPerson',
          id: 'rs-carer',
          active: true,
          patient: { reference: `Patient/${resident}` },
          name: [{ text: 'Sam Carer' }],
        });
        for (const setting of Object.values(SETTINGS)) await store.put(setting);
        // Not a setting: an advance decision a GP recorded, which every clinician caring for the resident needs.
        await store.put({
          resourceType: 'Consent',
          id: 'rs-advance-decision',
          status: 'active',
          meta: { source: 'https://care-record.example/source/RX999' },
          scope: { coding: [{ system: CONSENT_SCOPE, code: 'adr' }] },
          category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
          patient: { reference: `Patient/${resident}` },
          provision: { type: 'deny', code: [{ text: 'Do not attempt cardiopulmonary resuscitation' }] },
        });
        // Every professional persona cares for the resident, so only the rule keeps the settings from them.
        for (const id of PROFESSIONALS) await store.relate(resident, organization(id));
      });
    },
  });
  for (const persona of PROFESSIONALS) tokens[persona] = await testHub.signIn(persona, { scope: 'openid fhirUser user/*.rs' });
  tokens['resident'] = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs' });
});
after(() => testHub.close());

describe('the reported case', () => {
  test('the GP cannot read what the resident keeps from whom; the resident can, and the advance decision is shared', async () => {
    const search = await testHub.call(tokens['gp'], `/Consent?patient=${resident}&_count=100`);
    assert.equal(search.status, 200);
    const ids = entries(search.body).map((entry) => String(entry.resource?.['id']));
    assert.ok(!ids.includes('rs-category'), 'the sharing choice is not shown');
    assert.ok(ids.includes('rs-advance-decision'), 'the advance decision is');
    assert.ok(saysWithheld(search.body), 'and the answer says that something is not shown');
    assert.equal((await testHub.call(tokens['gp'], '/Consent/rs-category')).status, 404);
    assert.equal((await testHub.call(tokens['resident'], '/Consent/rs-category')).status, 200);
  });
});

describe('the class: every Consent GET of the contract × professional × setting × break-glass', () => {
  test('no professional is given a setting, directly or in a batch; it is announced; the advance decision is shared', async (context) => {
    const reads = contractOperations(testHub.hub.schemas.document).filter(
      (operation) => operation.method === 'GET' && operation.template.startsWith('/Consent'),
    );
    assert.deepEqual(reads.map((operation) => operation.template).sort(), ['/Consent', '/Consent/{id}']);
    const wrong: string[] = [];
    let asked = 0;
    for (const persona of PROFESSIONALS)
      for (const breakGlass of [false, true]) {
        const headers = breakGlass ? { 'x-break-glass-reason': REASON } : {};
        const who = `${persona}${breakGlass ? ' (break-glass)' : ''}`;
        const urls = [
          `Consent?patient=${resident}&_count=100`,
          ...Object.values(SETTINGS).map((setting) => `Consent/${String(setting['id'])}`),
        ];
        const direct = await Promise.all(urls.map((url) => testHub.call(tokens[persona], `/${url}`, { headers })));
        const batch = await testHub.call(tokens[persona], '/', {
          method: 'POST',
          headers,
          body: { resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) },
        });
        const batched = entries(batch.body).map((entry) => ({
          status: Number(String((entry as { response?: { status?: string } }).response?.status).slice(0, 3)),
          body: entry.resource ?? {},
        }));
        for (const [way, answers] of [
          ['directly', direct],
          ['in a batch', batched],
        ] as const) {
          const [search, ...readsOfSettings] = answers;
          asked += answers.length;
          const found = JSON.stringify(search?.body ?? {});
          for (const [kind, setting] of Object.entries(SETTINGS))
            if (found.includes(`"id":"${String(setting['id'])}"`)) wrong.push(`${who} ${way}: the search gave ${kind}`);
          if (!found.includes('rs-advance-decision')) wrong.push(`${who} ${way}: the advance decision is missing`);
          if (!saysWithheld(search?.body ?? {})) wrong.push(`${who} ${way}: the search does not say something is not shown`);
          readsOfSettings.forEach((answer, index) => {
            if (answer.status !== 404) wrong.push(`${who} ${way}: reading ${Object.keys(SETTINGS)[index]} answered ${answer.status}`);
          });
        }
      }
    for (const setting of Object.values(SETTINGS))
      if ((await testHub.call(tokens['resident'], `/Consent/${String(setting['id'])}`)).status !== 200)
        wrong.push(`the resident cannot read ${String(setting['id'])}`);
    context.diagnostic(`${asked} answers checked`);
    assert.deepEqual(wrong, []);
  });
});
