/**
 * A deny naming an organisation by its ODS code refuses every directory entry holding that code (docs/access-policy.md
 * R7). Reviewer R9: her opt-in denied the hospital by ODS code; a second directory entry with the same code (a
 * duplicate, sorted before it by name) was then added — and the hospital read her record (200), because only the first
 * entry holding the code was denied, and the hospital signs in under its own.
 *
 * The class: how many entries hold the code (1–3) × whether the others were added before or after her choice × the
 * actor's form (the code alone; with a reference to the hospital; with a reference to a duplicate; either reference
 * alone, as her screen writes a deny — reviewer R10) × read, search and `$summary`, for the hospital, for a duplicate's
 * caller (by the rules) and for her GP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { isSharingChoice, sharingRules } from '../src/policy/sharing.js';
import { ACT_CODE, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, testNow, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const RECIPIENT = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };

let testHub: TestHub;
let patient = '';
let hospital = '';
let hospitalOds = '';
let nurse = '';
let gp = '';

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  const denied = personas.find((persona) => persona.id === 'hospital-nurse')!;
  hospital = denied.organizationId!;
  hospitalOds = denied.odsCode!;
  nurse = await testHub.signIn('hospital-nurse');
  gp = await testHub.signIn('gp');
  const seeded = await testHub.hub.store.search({
    type: 'Consent',
    patientId: patient,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 200,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of seeded.resources.filter(isSharingChoice)) await transaction.put({ ...consent, status: 'inactive' });
  });
});
after(() => testHub.close());

function choice(actorReference: Json): Json {
  return {
    resourceType: 'Consent',
    id: 'ods-holders-choice',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patient}` },
    dateTime: '2025-03-01T10:00:00Z',
    meta: { source: OTHER_SOURCE },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ role: RECIPIENT, reference: actorReference }] }] },
  };
}

/** A second directory entry holding the hospital's ODS code, named to sort before it. */
const duplicate = (n: number): Json => ({
  resourceType: 'Organization',
  id: `ods-duplicate-${n}`,
  active: true,
  name: `AAA duplicate entry ${n}`,
  identifier: [{ system: ODS, value: hospitalOds }],
});

async function setDirectory(duplicates: number): Promise<void> {
  await testHub.hub.store.transaction(async (transaction) => {
    for (let n = 1; n <= 2; n += 1)
      if (n <= duplicates) await transaction.put(duplicate(n));
      else if (await transaction.read('Organization', `ods-duplicate-${n}`))
        await transaction.put({ ...duplicate(n), identifier: [{ system: ODS, value: `X${n}X${n}X` }] });
  });
}

async function asked(token: string): Promise<string> {
  const status = async (path: string) => (await testHub.call(token, path)).status;
  return [
    `read ${await status(`/Patient/${patient}`)}`,
    `search ${await status(`/Observation?patient=${patient}`)}`,
    `$summary ${await status(`/Patient/${patient}/$summary`)}`,
  ].join('; ');
}

const FORMS: Record<string, () => Json> = {
  'the code alone': () => ({ identifier: { system: ODS, value: hospitalOds } }),
  'the code and a reference to the hospital': () => ({
    reference: `Organization/${hospital}`,
    identifier: { system: ODS, value: hospitalOds },
  }),
  'the code and a reference to a duplicate': () => ({
    reference: 'Organization/ods-duplicate-1',
    identifier: { system: ODS, value: hospitalOds },
  }),
  // Reviewer R10: a reference alone (as her screen writes a deny) names the entry, and so the code it holds.
  'a reference to the hospital alone': () => ({ reference: `Organization/${hospital}` }),
  'a reference to a duplicate alone': () => ({ reference: 'Organization/ods-duplicate-1' }),
};

describe('a deny by ODS code refuses every directory entry holding it', () => {
  test('reported: a duplicate entry with the hospital’s code does not let the hospital in', async () => {
    await setDirectory(0);
    await testHub.hub.store.transaction((transaction) => transaction.put(choice(FORMS['the code alone']!())));
    assert.equal(await asked(nurse), 'read 403; search 403; $summary 403');
    await setDirectory(1);
    assert.equal(await asked(nurse), 'read 403; search 403; $summary 403');
    assert.equal(await asked(gp), 'read 200; search 200; $summary 200');
  });

  test('holders × when they were added × actor form: the hospital and every holder refused, her GP not', async () => {
    const wrong: string[] = [];
    let compared = 0;
    const now = Date.parse(testNow);
    for (const duplicates of [0, 1, 2])
      for (const addedAfter of [false, true])
        for (const [form, actor] of Object.entries(FORMS)) {
          // A reference to a duplicate names nothing when there is none.
          const toDuplicate = form.includes('a duplicate');
          if (toDuplicate && duplicates === 0) continue;
          if (!addedAfter) await setDirectory(duplicates);
          else await setDirectory(Math.min(duplicates, toDuplicate ? 1 : 0));
          await testHub.hub.store.transaction((transaction) => transaction.put(choice(actor())));
          if (addedAfter) await setDirectory(duplicates);
          const label = `${duplicates} duplicate(s), added ${addedAfter ? 'after' : 'before'} her choice, ${form}`;
          const rules = await sharingRules(testHub.hub.store, patient, now);
          const holders = [hospital, ...Array.from({ length: duplicates }, (_, n) => `ods-duplicate-${n + 1}`)];
          compared += 1;
          if (rules.declinedToAll !== undefined) wrong.push(`${label}: declined to all (${rules.declinedToAll})`);
          for (const holder of holders) if (!rules.deniedOrganizations.has(holder)) wrong.push(`${label}: ${holder} not denied`);
          const [byNurse, byGp] = [await asked(nurse), await asked(gp)];
          if (byNurse !== 'read 403; search 403; $summary 403') wrong.push(`${label}: the hospital ${byNurse}`);
          if (byGp !== 'read 200; search 200; $summary 200') wrong.push(`${label}: her GP ${byGp}`);
        }
    assert.ok(compared >= 24, String(compared));
    assert.deepEqual(wrong, [], `${wrong.length} faults in ${compared} cases`);
  });
});
