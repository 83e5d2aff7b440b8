/**
 * Her sharing choices are read across every page of her Consents, as the hub reads them (`sharingRules` walks them
 * page by page). Carers' permissions, advance decisions and treatment consents pile up on a record: with more of them
 * than a page, newer than her choice, the screen read the first page only and said her record was shared where the hub
 * kept it from an organisation, or from everyone.
 *
 * The class (every combination), through a real hub on loopback: her choice (an opt-in denying one organisation, an
 * `OPTOUT`) behind 0, 49, 50, 51 or 130 newer Consents of other kinds: what `loadSharing` says is refused to all, or
 * kept from whom, equals `sharingRules`. A page that fails after the first is an error, never "no choice".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, isSharingChoice, loadSharing, type Consent, type HubClient, type SharingChoices } from '../../src/index.js';
import { sharingRules } from '../../../hub/src/policy/sharing.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';

type Json = Record<string, unknown>;

let testHub: TestHub;
let client: HubClient;
let patientId = '';
let organisation = '';

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  patientId = testHub.hub.borough.personas.resident.patientId;
  const [first] = (
    await testHub.hub.store.search({
      type: 'Organization',
      criteria: [],
      sort: { by: 'text', descending: false },
      count: 1,
      visibility: { hiddenLabels: [] },
    })
  ).resources;
  organisation = String(first?.['id']);
});
after(() => testHub.close());

const consent = (id: string, scope: string, rest: Json): Json => ({
  resourceType: 'Consent',
  id,
  status: 'active',
  scope: { coding: [{ system: CONSENT_SCOPE, code: scope }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
  patient: { reference: `Patient/${patientId}` },
  ...rest,
});

const CHOICES: Record<string, () => Json> = {
  'an opt-in denying one organisation': () =>
    consent('paged-choice', 'patient-privacy', {
      policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
      provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ reference: { reference: `Organization/${organisation}` } }] }] },
    }),
  'an OPTOUT': () =>
    consent('paged-choice', 'patient-privacy', {
      policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] },
      provision: { type: 'deny' },
    }),
};

/** Her choice, then `others` newer Consents that are not sharing choices (each in its own transaction, as recorded). */
async function store(choice: Json, others: number): Promise<void> {
  const all = await testHub.hub.store.search({
    type: 'Consent',
    patientId,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 1000,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const each of all.resources)
      if (each['status'] === 'active' && (isSharingChoice(each as unknown as Consent) || String(each['id']).startsWith('paged-')))
        await transaction.put({ ...each, status: 'inactive' });
  });
  await testHub.hub.store.transaction(async (transaction) => void (await transaction.put(choice)));
  for (let index = 0; index < others; index += 1) {
    const other = consent(`paged-other-${index}`, index % 2 === 0 ? 'treatment' : 'adr', { provision: { type: 'permit' } });
    await testHub.hub.store.transaction(async (transaction) => void (await transaction.put(other)));
  }
}

async function hubTerms() {
  const rules = await sharingRules(testHub.hub.store, patientId, Date.now());
  if (rules.declinedToAll) return { declined: rules.declinedToAll };
  return { organisations: [...rules.deniedOrganizations].sort() };
}
function sdkTerms(choices: SharingChoices) {
  const declined = { 'opted-out': 'opted-out', 'not-readable': 'not-applied', 'not-in-force': 'not-in-force' } as const;
  if (choices.declinedToAll) return { declined: declined[choices.declinedToAll] };
  return {
    organisations: choices.organisations
      .filter((each) => !each.shared)
      .map((each) => each.id)
      .sort(),
  };
}

describe('her sharing choices are read across every page of her Consents', () => {
  test('reported: an opt-in behind 60 newer Consents of other kinds is read as the hub applies it', async () => {
    await store(CHOICES['an opt-in denying one organisation']!(), 60);
    const { choices } = await loadSharing(client, patientId);
    assert.deepEqual(sdkTerms(choices), { organisations: [organisation] });
    assert.deepEqual(sdkTerms(choices), await hubTerms());
  });

  test('every choice behind any number of other Consents reads as the hub applies it', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const [name, choice] of Object.entries(CHOICES))
      for (const others of [0, 49, 50, 51, 130]) {
        cases += 1;
        await store(choice(), others);
        const [sdk, hub] = [sdkTerms((await loadSharing(client, patientId)).choices), await hubTerms()];
        if (JSON.stringify(sdk) !== JSON.stringify(hub))
          wrong.push(`${name} behind ${others}: sdk ${JSON.stringify(sdk)}, hub ${JSON.stringify(hub)}`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} read otherwise`);
  });

  test('a later page that fails is an error, never no choice', async () => {
    await store(CHOICES['an OPTOUT']!(), 60);
    const failing = createHubClient({
      baseUrl: testHub.fhir,
      auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }),
      retry: false,
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.includes('_cursor')) return Promise.resolve(new Response('{}', { status: 503 }));
        return fetch(input, init);
      },
    });
    await assert.rejects(loadSharing(failing, patientId));
  });
});
