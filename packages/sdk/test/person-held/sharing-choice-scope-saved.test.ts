/**
 * A sharing choice is saved back in the form it was read, whatever its scope's form. Since c3b67f2 the hub reads a
 * Consent scoped `patient-privacy` in FHIR STU3's system (`http://hl7.org/fhir/consentscope`) as her choice, and the
 * screen shows and changes it; but the hub's check on save took only R4's system, so any change she made to such a
 * choice (an import from an older system) was refused 422, "could not be saved".
 *
 * The class (every combination), through a real hub on loopback: scope in R4's system, STU3's, or both × saved as read
 * or with one more organisation stopped: the save stands, the hub applies what she saw, and the scope is kept as read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, isSharingChoice, loadSharing, saveSharing, type Consent, type HubClient } from '../../src/index.js';
import { sharingRules } from '../../../hub/src/policy/sharing.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const R4 = { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' };
const STU3 = { system: 'http://hl7.org/fhir/consentscope', code: 'patient-privacy' };
const SCOPES: Record<string, { coding: { system: string; code: string }[] }> = {
  "R4's system": { coding: [R4] },
  "STU3's system": { coding: [STU3] },
  'both systems': { coding: [STU3, R4] },
};

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
});
after(() => testHub.close());

/** Her only active sharing choice: an opt-in denying the first organisation, scoped as given. */
async function store(scope: (typeof SCOPES)[string]): Promise<void> {
  const all = await testHub.hub.store.search({
    type: 'Consent',
    patientId,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 500,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const each of all.resources)
      if (each['status'] === 'active' && isSharingChoice(each as unknown as Consent))
        await transaction.put({ ...each, status: 'inactive' });
    await transaction.put({
      resourceType: 'Consent',
      id: 'scope-saved',
      status: 'active',
      scope,
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: `Patient/${patientId}` },
      policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
      provision: {
        type: 'permit',
        provision: [
          { type: 'deny', actor: [{ role: { text: 'recipient' }, reference: { reference: `Organization/${organisations[0]}` } }] },
        ],
      },
    });
  });
}

/** Saves her choice as read, or with the second organisation stopped too; what went wrong, or nothing. */
async function saveOnce(scope: (typeof SCOPES)[string], stopAnother: boolean): Promise<string[]> {
  await store(scope);
  const model = await loadSharing(client, patientId);
  const choices = structuredClone(model.choices);
  for (const each of choices.organisations) if (stopAnother && each.id === organisations[1]) each.shared = false;
  const seen = choices.organisations
    .filter((each) => !each.shared)
    .map((each) => each.id)
    .sort();
  try {
    await saveSharing(client, model, choices);
  } catch (error) {
    return [`refused: ${String(error)}`];
  }
  const rules = await sharingRules(testHub.hub.store, patientId, Date.now());
  const stored = await testHub.hub.store.read('Consent', 'scope-saved');
  return [
    ...(JSON.stringify([...rules.deniedOrganizations].sort()) === JSON.stringify(seen) && !rules.declinedToAll
      ? []
      : ['the hub applies otherwise']),
    ...(JSON.stringify(stored?.resource['scope']) === JSON.stringify(scope) ? [] : ['its scope not kept as read']),
  ];
}

describe('a sharing choice is saved back whatever the form of its scope', () => {
  test("reported: a choice scoped in STU3's system, one more organisation stopped, is saved", async () => {
    assert.deepEqual(await saveOnce(SCOPES["STU3's system"]!, true), []);
  });

  test('every scope form x saved as read or changed: saved, applied as seen, scope kept', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const [name, scope] of Object.entries(SCOPES))
      for (const stopAnother of [false, true]) {
        cases += 1;
        const problems = await saveOnce(scope, stopAnother);
        if (problems.length > 0) wrong.push(`${name}, ${stopAnother ? 'changed' : 'as read'}: ${problems.join('; ')}`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} saved otherwise`);
  });
});
