/**
 * Whatever the hub applies as a resident's privacy setting is withheld as one (R7, R10, R16). Reviewer R15 found that
 * only a Consent whose scope was spelt in FHIR R4's `consentscope` system was labelled `RESIDENT-SETTINGS`: a sharing
 * choice in STU3's system (`http://hl7.org/fhir/consentscope`) — which R7 applies, and which the API let her save —
 * and a carer's permission with STU3's scope or none (a permission by its category alone, which grants access) went
 * to every GP, nurse and social worker caring for her, with or without break-glass, saying whom she shuts out and
 * what she keeps back. Now one rule (`privacySettingKind`) says what a Consent is for R7, for the proxy rule and for
 * the label, so they cannot disagree; a choice the hub cannot read (no scope, a consent directive) is a setting too.
 * The class: every scope form × category form × policy rule × provision, stored on a record, compared between "applied
 * (as a choice or a permission)" and "labelled as a setting" — and the reported cases through the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, PROXY_CONSENT_CATEGORY } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { proxyConsents } from '../src/policy/proxy.js';
import { sharingRules } from '../src/policy/sharing.js';
import { labelsOf, RESIDENT_SETTINGS_LABEL } from '../src/policy/visibility.js';
import { ACT_CODE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, testNow, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const R4_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const STU3_SCOPE = 'http://hl7.org/fhir/consentscope';
const PROFESSIONALS = ['gp', 'hospital-nurse', 'social-worker'] as const;
const REASON = 'Collapsed in the waiting room';
const RESIDENT_SOURCE = 'https://care-record.example/source/resident';

let testHub: TestHub;
let resident = '';
let newResident = '';
let socialWorkerOrg = '';
const tokens: Record<string, string> = {};

const entries = (body: Json) => (body['entry'] as { resource?: Json }[] | undefined) ?? [];

/** The forms each part of a Consent comes in, as sources and apps send them. */
const SCOPES: Record<string, Json | undefined> = {
  'R4 patient-privacy': { coding: [{ system: R4_SCOPE, code: 'patient-privacy' }] },
  'STU3 patient-privacy': { coding: [{ system: STU3_SCOPE, code: 'patient-privacy' }] },
  'R4 patient-privacy, https and a closing slash': {
    coding: [{ system: 'https://terminology.hl7.org/CodeSystem/consentscope/', code: 'patient-privacy' }],
  },
  'no scope': undefined,
  'text only': { text: 'Privacy' },
  'an unknown system': { coding: [{ system: 'http://example.org/scope', code: 'patient-privacy' }] },
  'R4 treatment': { coding: [{ system: R4_SCOPE, code: 'treatment' }] },
  'STU3 adr': { coding: [{ system: STU3_SCOPE, code: 'adr' }] },
};
const CATEGORIES: Record<string, Json[] | undefined> = {
  'LOINC privacy': [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
  'a carer’s permission': [{ coding: [{ ...PROXY_CONSENT_CATEGORY }] }],
  'no category': undefined,
  'LOINC advance directive': [{ coding: [{ system: 'http://loinc.org', code: '64298-3' }] }],
};
const RULES: Record<string, Json | undefined> = {
  OPTIN: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
  OPTOUT: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] },
  'STU3 OPTOUT': { coding: [{ system: 'http://hl7.org/fhir/v3/ActCode', code: 'OPTOUT' }] },
  'no rule': undefined,
};
const PROVISIONS = ['denies an organisation', 'permits a carer'] as const;

interface Form {
  scope: string;
  category: string;
  rule: string;
  provision: (typeof PROVISIONS)[number];
}
const FORMS: Form[] = Object.keys(SCOPES).flatMap((scope) =>
  Object.keys(CATEGORIES).flatMap((category) =>
    Object.keys(RULES).flatMap((rule) => PROVISIONS.map((provision) => ({ scope, category, rule, provision }))),
  ),
);

/** A Consent of this form on its own resident's record (`patientId`), naming the carer there. */
function consentOf(form: Form, patientId: string, carerId: string, otherOrg: string): Json {
  const base =
    form.provision === 'permits a carer'
      ? (buildProxyConsent({
          patientId,
          relatedPersonId: carerId,
          actions: ['view-record'],
          withheld: [],
          status: 'active',
        }) as unknown as Json)
      : sharingChoiceExcluding(patientId, [otherOrg]);
  const { scope: _scope, category: _category, policyRule: _rule, ...rest } = base;
  const scope = SCOPES[form.scope];
  const category = CATEGORIES[form.category];
  const rule = RULES[form.rule];
  return {
    ...rest,
    id: `ps-${patientId}`,
    meta: { source: RESIDENT_SOURCE },
    status: 'active',
    ...(scope === undefined ? {} : { scope }),
    ...(category === undefined ? {} : { category }),
    ...(rule === undefined ? {} : { policyRule: rule }),
  };
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      newResident = personas.find((persona) => persona.id === 'new-resident')?.patientId ?? '';
      const organization = (id: string) => personas.find((persona) => persona.id === id)?.organizationId ?? '';
      socialWorkerOrg = organization('social-worker');
      await hub.store.transaction(async (store) => {
        for (const id of PROFESSIONALS) {
          await store.relate(resident, organization(id));
          await store.relate(newResident, organization(id));
        }
      });
    },
  });
  for (const persona of PROFESSIONALS) tokens[persona] = await testHub.signIn(persona, { scope: 'openid fhirUser user/*.rs' });
  tokens['new-resident'] = await testHub.signIn('new-resident', {
    scope: 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu patient/RelatedPerson.c',
  });
});
after(() => testHub.close());

/** Whether any professional, directly or in a batch, with or without a reason, is given this Consent. */
async function givenToProfessionals(id: string, patientId: string): Promise<string[]> {
  const given: string[] = [];
  for (const persona of PROFESSIONALS)
    for (const breakGlass of [false, true]) {
      const headers: Record<string, string> = breakGlass ? { 'x-break-glass-reason': REASON } : {};
      const who = `${persona}${breakGlass ? ' (break-glass)' : ''}`;
      const read = await testHub.call(tokens[persona], `/Consent/${id}`, { headers });
      const search = await testHub.call(tokens[persona], `/Consent?patient=${patientId}&_count=100`, { headers });
      const batch = await testHub.call(tokens[persona], '/', {
        method: 'POST',
        headers,
        body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Consent/${id}` } }] },
      });
      // Not found, or refused (her choice may shut that organisation out: R7 tells a clinician so): never given.
      if (read.status !== 404 && read.status !== 403) given.push(`${who}: read ${read.status}`);
      if (entries(search.body).some((entry) => entry.resource?.['id'] === id)) given.push(`${who}: search lists it`);
      if (JSON.stringify(batch.body).includes(`"id":"${id}"`)) given.push(`${who}: batch gives it`);
    }
  return given;
}

describe('the reported case', () => {
  test('a sharing choice she changes to STU3’s scope is read by no professional', async () => {
    const mine = await testHub.call(tokens['new-resident'], `/Consent?patient=${newResident}&_count=100`);
    const current = entries(mine.body)
      .map((entry) => entry.resource)
      .find(
        (resource) =>
          JSON.stringify(resource?.['scope'] ?? {}).includes('patient-privacy') && !JSON.stringify(resource).includes('proxy-access'),
      );
    assert.ok(current, 'she has a sharing choice');
    const id = String(current['id']);
    const read = await testHub.call(tokens['new-resident'], `/Consent/${id}`);
    const { meta: _meta, ...choice } = sharingChoiceExcluding(newResident, [socialWorkerOrg], id);
    const saved = await testHub.call(tokens['new-resident'], `/Consent/${id}`, {
      method: 'PUT',
      body: { ...choice, scope: { coding: [{ system: STU3_SCOPE, code: 'patient-privacy' }] } },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(saved.status, 200, `she saves it (${JSON.stringify(saved.body).slice(0, 300)})`);
    assert.deepEqual(await givenToProfessionals(id, newResident), []);
  });

  test('a carer’s permission she saves with STU3’s scope is read by no professional', async () => {
    const contact = await testHub.call(tokens['new-resident'], '/RelatedPerson', {
      method: 'POST',
      body: {
        resourceType: 'RelatedPerson',
        active: true,
        patient: { reference: `Patient/${newResident}` },
        name: [{ given: ['Ana'], family: 'Carer' }],
      },
    });
    assert.equal(contact.status, 201, JSON.stringify(contact.body).slice(0, 300));
    const built = buildProxyConsent({
      patientId: newResident,
      relatedPersonId: String(contact.body['id']),
      actions: ['view-record'],
      withheld: ['sexual-health'],
      status: 'active',
    }) as unknown as Json;
    const saved = await testHub.call(tokens['new-resident'], '/Consent', {
      method: 'POST',
      body: { ...built, scope: { coding: [{ system: STU3_SCOPE, code: 'patient-privacy' }] } },
    });
    assert.equal(saved.status, 201, `she saves it (${JSON.stringify(saved.body).slice(0, 300)})`);
    assert.deepEqual(await givenToProfessionals(String(saved.body['id']), newResident), []);
  });
});

describe('the class: scope × category × policy rule × provision', () => {
  test('a Consent is labelled a privacy setting exactly when the hub applies it as a choice or a permission', async (context) => {
    const store = testHub.hub.store;
    const now = Date.parse(testNow);
    const patient = (await store.read('Patient', resident))?.resource ?? {};
    const wrong: string[] = [];
    let applied = 0;
    for (const [index, form] of FORMS.entries()) {
      // Each form on a record of its own, so that what R7 and the proxy rule read is this Consent alone.
      const patientId = `ps-${index}`;
      const carerId = `ps-carer-${index}`;
      await store.put({ ...patient, id: patientId, identifier: [] });
      await store.put({ resourceType: 'RelatedPerson', id: carerId, active: true, patient: { reference: `Patient/${patientId}` } });
      const consent = consentOf(form, patientId, carerId, socialWorkerOrg);
      await store.put(consent);
      const rules = await sharingRules(store, patientId, now);
      const asChoice =
        rules.declinedToAll !== undefined ||
        rules.deniedOrganizations.size > 0 ||
        rules.deniedCategories.size > 0 ||
        rules.deniedCategoriesFor.size > 0;
      const asPermission = (await proxyConsents(store, patientId)).some((found) => found['id'] === consent['id']);
      const stored = (await store.read('Consent', String(consent['id'])))?.resource ?? {};
      const labelled = labelsOf(stored).includes(RESIDENT_SETTINGS_LABEL);
      if (asChoice || asPermission) applied++;
      if (labelled !== (asChoice || asPermission))
        wrong.push(
          `${form.scope} / ${form.category} / ${form.rule} / ${form.provision}: applied as ${asChoice ? 'a choice' : asPermission ? 'a permission' : 'nothing'}, ${labelled ? '' : 'not '}labelled`,
        );
    }
    context.diagnostic(`${FORMS.length} forms; ${applied} applied; ${wrong.length} wrong`);
    // Both sides of the comparison are met, so it means something.
    assert.ok(applied > 0 && applied < FORMS.length, `${applied} of ${FORMS.length} applied`);
    assert.deepEqual(wrong, []);
  });
});
