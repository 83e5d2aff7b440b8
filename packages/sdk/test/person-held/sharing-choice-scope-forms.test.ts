/**
 * The SDK counts the same Consents as sharing choices as the hub does, however their scope is written (R7, the hub's
 * `isSharingChoice` and `isUnreadableSharingChoice`): `patient-privacy` in FHIR R4's system or STU3's is a choice; one
 * not a carer's permission whose scope is missing, text only or unknown, with a consent directive or a provision about
 * organisations, is one the hub cannot read; one scoped treatment, research or an advance directive is none.
 *
 * The class (every combination): scope forms × policy rules × statuses, alone and recorded after an opt-in in force
 * (the R4 form), through a real hub on loopback: what `loadSharing` tells the screen is refused to all, and why, or
 * kept from whom, equals the hub's `sharingRules`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, isSharingChoice, loadSharing, type Consent, type HubClient, type SharingChoices } from '../../src/index.js';
import { sharingRules } from '../../../hub/src/policy/sharing.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const NEW_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const OLD_SCOPE = 'http://hl7.org/fhir/consentscope';

type Json = Record<string, unknown>;

const SCOPES: Record<string, Json | undefined> = {
  'patient-privacy (R4 system)': { coding: [{ system: NEW_SCOPE, code: 'patient-privacy' }] },
  'patient-privacy (STU3 system)': { coding: [{ system: OLD_SCOPE, code: 'patient-privacy' }] },
  'text only': { text: 'Privacy Consent' },
  missing: undefined,
  'another system': { coding: [{ system: 'http://snomed.info/sct', code: '425691002' }] },
  'treatment (R4 system)': { coding: [{ system: NEW_SCOPE, code: 'treatment' }] },
  'research (STU3 system)': { coding: [{ system: OLD_SCOPE, code: 'research' }] },
  'adr (STU3 system)': { coding: [{ system: OLD_SCOPE, code: 'adr' }] },
};
const RULES: Record<string, (organisation: string) => Json> = {
  OPTOUT: () => ({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUT' }] }, provision: { type: 'deny' } }),
  OPTIN: (organisation) => ({
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ reference: { reference: `Organization/${organisation}` } }] }] },
  }),
  'OPTOUTE (another directive)': () => ({ policyRule: { coding: [{ system: ACT_CODE, code: 'OPTOUTE' }] } }),
  'no rule, deny to an organisation': (organisation) => ({
    provision: { type: 'deny', actor: [{ reference: { reference: `Organization/${organisation}` } }] },
  }),
  'no rule, no provision': () => ({}),
};
const STATUSES = ['active', 'inactive'];

let testHub: TestHub;
let client: HubClient;
let patientId = '';
let organisations: string[] = [];

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  patientId = testHub.hub.borough.personas.resident.patientId;
  organisations = (
    await testHub.hub.store.search({
      type: 'Organization',
      criteria: [],
      sort: { by: 'text', descending: false },
      count: 2,
      visibility: { hiddenLabels: [] },
    })
  ).resources.map((organisation) => String(organisation['id']));
  assert.equal(organisations.length, 2);
  // Her seeded choices are stopped: the Consents each case stores alone decide.
  const seeded = await testHub.hub.store.search({
    type: 'Consent',
    patientId,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 200,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of seeded.resources)
      if (isSharingChoice(consent as unknown as Consent)) await transaction.put({ ...consent, status: 'inactive' });
  });
});
after(() => testHub.close());

const consentOf = (id: string, scope: string, rule: string, status: string): Json => {
  const scopeElement = SCOPES[scope];
  return {
    resourceType: 'Consent',
    id,
    status,
    ...(scopeElement === undefined ? {} : { scope: scopeElement }),
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    dateTime: '2025-03-01T10:00:00Z',
    ...RULES[rule]!(organisations[1]!),
  };
};

/** Stores an opt-in in force denying the first organisation (or stops it), then the case's Consent after it. */
async function store(scope: string, rule: string, status: string, besideOptIn: boolean): Promise<void> {
  const optIn = consentOf('sdk-scope-form-opt-in', 'patient-privacy (R4 system)', 'OPTIN', besideOptIn ? 'active' : 'inactive');
  const provision = {
    type: 'permit',
    provision: [{ type: 'deny', actor: [{ reference: { reference: `Organization/${organisations[0]}` } }] }],
  };
  await testHub.hub.store.transaction(async (transaction) => void (await transaction.put({ ...optIn, provision })));
  await testHub.hub.store.transaction(
    async (transaction) => void (await transaction.put(consentOf('sdk-scope-form-case', scope, rule, status))),
  );
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
      .filter((each) => !each.shared && each.state?.kind === 'in-force')
      .map((each) => each.id)
      .sort(),
  };
}

describe('the SDK counts sharing choices as the hub does, however their scope is written', () => {
  test('reported: an OPTOUT scoped in the STU3 system is told as her record shared with no one', async () => {
    await store('patient-privacy (STU3 system)', 'OPTOUT', 'active', false);
    const { choices } = await loadSharing(client, patientId);
    assert.equal(choices.declinedToAll, 'opted-out');
  });

  test('every scope form × rule × status, alone and after an opt-in in force, reads as the hub applies it', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const scope of Object.keys(SCOPES))
      for (const rule of Object.keys(RULES))
        for (const status of STATUSES)
          for (const beside of [false, true]) {
            cases += 1;
            await store(scope, rule, status, beside);
            const hub = await hubTerms();
            const sdk = sdkTerms((await loadSharing(client, patientId)).choices);
            // Two opt-ins in force: the hub applies both's denies, the screen shows one, so only a refusal is compared.
            const both = beside && status === 'active' && hub.declined === undefined && sdk.declined === undefined;
            const same = both || JSON.stringify(sdk) === JSON.stringify(hub);
            if (!same)
              wrong.push(
                `${scope} × ${rule} × ${status}${beside ? ' after an opt-in' : ''}: sdk ${JSON.stringify(sdk)}, hub ${JSON.stringify(hub)}`,
              );
          }
    assert.deepEqual(wrong.slice(0, 6), [], `${wrong.length} of ${cases} cases read otherwise`);
  });
});
