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
import {
  createHubClient,
  isSharingChoice,
  loadSharing,
  saveSharing,
  type Consent,
  type HubClient,
  type SharingChoices,
} from '../../src/index.js';
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

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const RECIPIENT = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };

/** The forms a deny's actor may name an organisation in (the hub's `sharing-deny-actor-forms` suite has the rule). */
const ACTOR_FORMS: Record<string, (named: { id: string; ods: string; otherOds: string; fhir: string }) => Json> = {
  'a relative reference': ({ id }) => ({ reference: `Organization/${id}` }),
  'a relative reference with _history': ({ id }) => ({ reference: `Organization/${id}/_history/3` }),
  'this hub’s full address': ({ id, fhir }) => ({ reference: `${fhir}/Organization/${id}` }),
  'this hub’s address, upper-case scheme and host, doubled slash': ({ id, fhir }) => ({
    reference: `${fhir.toUpperCase().replace('/FHIR', '//fhir')}/Organization/${id}`,
  }),
  'this hub’s address with _history': ({ id, fhir }) => ({ reference: `${fhir}/Organization/${id}/_history/2` }),
  'an ODS identifier': ({ ods }) => ({ identifier: { system: ODS, value: ods } }),
  'an ODS identifier and a display': ({ ods }) => ({ identifier: { system: ODS, value: ods }, display: 'A hospital' }),
  'an ODS identifier and a reference agreeing': ({ id, ods }) => ({
    reference: `Organization/${id}`,
    identifier: { system: ODS, value: ods },
  }),
  'an ODS identifier and another server’s reference': ({ id, ods }) => ({
    reference: `https://directory.example.nhs.uk/fhir/Organization/${id}`,
    identifier: { system: ODS, value: ods },
  }),
  'an ODS identifier and a reference disagreeing': ({ id, otherOds }) => ({
    reference: `Organization/${id}`,
    identifier: { system: ODS, value: otherOds },
  }),
  'an ODS code no organisation here has': () => ({ identifier: { system: ODS, value: 'Y99999' } }),
  'another server’s address': ({ id }) => ({ reference: `https://other-hub.example/fhir/Organization/${id}` }),
  'a display alone': () => ({ display: 'Whittington Hospital' }),
  'an identifier of another system': ({ ods }) => ({ identifier: { system: 'https://example.org/local-codes', value: ods } }),
};

describe('the SDK reads a deny’s organisation as the hub does, however the record names it', () => {
  let named: { id: string; ods: string; otherOds: string; fhir: string; name: string };
  const odsOf = (organisation: Json | undefined) =>
    String(
      ((organisation?.['identifier'] as { system?: string; value?: string }[] | undefined) ?? []).find((each) => each.system === ODS)
        ?.value,
    );

  before(async () => {
    const [other, denied] = await Promise.all(organisations.map((id) => testHub.hub.store.read('Organization', id)));
    named = {
      id: organisations[1]!,
      ods: odsOf(denied?.resource),
      otherOds: odsOf(other?.resource),
      fhir: testHub.fhir,
      name: String(denied?.resource['name']),
    };
    assert.ok(named.ods !== 'undefined' && named.otherOds !== 'undefined' && named.ods !== named.otherOds);
  });

  /** Her practice's opt-in with one deny naming the organisation so (the seeded and other choices stopped). */
  async function storeActor(form: string): Promise<void> {
    await store('patient-privacy (R4 system)', 'OPTIN', 'inactive', false);
    const choice = {
      ...consentOf('sdk-actor-form-choice', 'patient-privacy (R4 system)', 'OPTIN', 'active'),
      provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ role: RECIPIENT, reference: ACTOR_FORMS[form]!(named) }] }] },
    };
    await testHub.hub.store.transaction(async (transaction) => void (await transaction.put(choice)));
  }

  after(async () => {
    const choice = await testHub.hub.store.read('Consent', 'sdk-actor-form-choice');
    if (choice)
      await testHub.hub.store.transaction(async (transaction) => void (await transaction.put({ ...choice.resource, status: 'inactive' })));
  });

  test('reported: a deny by ODS code is shown as that organisation, not shared, and her record shared with the rest', async () => {
    await storeActor('an ODS identifier');
    const { choices } = await loadSharing(client, patientId);
    assert.equal(choices.declinedToAll, undefined);
    const shown = choices.organisations.find((each) => each.id === named.id);
    assert.equal(shown?.name, named.name);
    assert.equal(shown?.shared, false);
  });

  test('every actor form reads as the hub applies it', async () => {
    const wrong: string[] = [];
    for (const form of Object.keys(ACTOR_FORMS)) {
      await storeActor(form);
      const hub = await hubTerms();
      const sdk = sdkTerms((await loadSharing(client, patientId)).choices);
      if (JSON.stringify(sdk) !== JSON.stringify(hub)) wrong.push(`${form}: sdk ${JSON.stringify(sdk)}, hub ${JSON.stringify(hub)}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${Object.keys(ACTOR_FORMS).length} forms read otherwise`);
  });

  test('a save beside each deny the hub applies keeps it word for word, and the hub still applies it', async () => {
    const wrong: string[] = [];
    for (const form of Object.keys(ACTOR_FORMS)) {
      await storeActor(form);
      const model = await loadSharing(client, patientId);
      if (model.choices.declinedToAll) continue;
      const before = await hubTerms();
      const categories = model.choices.categories.map((each) => (each.key === 'social-care' ? { ...each, shared: false } : each));
      try {
        await saveSharing(client, model, { ...model.choices, categories });
      } catch (error) {
        wrong.push(`${form}: save refused (${String(error)})`);
        continue;
      }
      const stored = await testHub.hub.store.read('Consent', 'sdk-actor-form-choice');
      const actors = ((stored?.resource['provision'] as { provision?: { actor?: { reference?: unknown }[] }[] }).provision ?? []).flatMap(
        (each) => each.actor ?? [],
      );
      if (!actors.some((actor) => JSON.stringify(actor.reference) === JSON.stringify(ACTOR_FORMS[form]!(named))))
        wrong.push(`${form}: not kept as written (${JSON.stringify(actors)})`);
      const after = await hubTerms();
      if (JSON.stringify(after) !== JSON.stringify(before))
        wrong.push(`${form}: hub ${JSON.stringify(before)} before, ${JSON.stringify(after)} after`);
    }
    assert.deepEqual(wrong, []);
  });
});

/**
 * A deny by ODS code refuses every directory entry holding the code (the hub's `sharing-deny-ods-holders` suite): her
 * screen must show each of them as not shared, not only the first, over 0–2 duplicates × the actor's form.
 */
describe('the SDK reads a deny by ODS code as the hub does when several entries hold the code', () => {
  let hospital = '';
  let code = '';
  const duplicate = (n: number): Json => ({
    resourceType: 'Organization',
    id: `sdk-ods-duplicate-${n}`,
    active: true,
    name: `AAA duplicate entry ${n}`,
    identifier: [{ system: ODS, value: code }],
  });
  const FORMS: Record<string, (duplicateId: string) => Json> = {
    'the code alone': () => ({ identifier: { system: ODS, value: code } }),
    'the code with a reference to the hospital': () => ({
      reference: `Organization/${hospital}`,
      identifier: { system: ODS, value: code },
    }),
    'the code with a reference to a duplicate': (duplicateId) => ({
      reference: `Organization/${duplicateId}`,
      identifier: { system: ODS, value: code },
    }),
  };

  before(async () => {
    hospital = organisations[1]!;
    const entry = await testHub.hub.store.read('Organization', hospital);
    code = String(
      ((entry?.resource['identifier'] as { system?: string; value?: string }[] | undefined) ?? []).find((each) => each.system === ODS)
        ?.value,
    );
    assert.notEqual(code, 'undefined');
  });

  async function setCase(duplicates: number, form: string): Promise<void> {
    await store('patient-privacy (R4 system)', 'OPTIN', 'inactive', false);
    await testHub.hub.store.transaction(async (transaction) => {
      for (let n = 1; n <= 2; n += 1)
        if (n <= duplicates) await transaction.put(duplicate(n));
        else if (await transaction.read('Organization', `sdk-ods-duplicate-${n}`))
          await transaction.put({ ...duplicate(n), identifier: [{ system: ODS, value: `X${n}X${n}X` }] });
      const reference = FORMS[form]!(duplicates > 0 ? 'sdk-ods-duplicate-1' : hospital);
      await transaction.put({
        ...consentOf('sdk-actor-form-choice', 'patient-privacy (R4 system)', 'OPTIN', 'active'),
        provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ role: RECIPIENT, reference }] }] },
      });
    });
  }

  after(async () => {
    await setCase(0, 'the code alone');
    const choice = await testHub.hub.store.read('Consent', 'sdk-actor-form-choice');
    if (choice)
      await testHub.hub.store.transaction(async (transaction) => void (await transaction.put({ ...choice.resource, status: 'inactive' })));
  });

  test('reported: with a second entry holding the denied code, neither is shown as shared, and the screen says why', async () => {
    await setCase(1, 'the code alone');
    const { choices } = await loadSharing(client, patientId);
    const shown = choices.organisations.filter((each) => each.id === hospital || each.id === 'sdk-ods-duplicate-1');
    assert.deepEqual(
      shown.map((each) => [each.id, each.shared]).sort(),
      [
        [hospital, false],
        ['sdk-ods-duplicate-1', false],
      ].sort(),
    );
    for (const each of shown) assert.match(each.name, new RegExp(`${code}.*(2|two) (directory )?entries|entries.*${code}`, 'i'));
  });

  test('0–2 duplicates × actor form read as the hub applies them, and a save keeps the deny as recorded', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (let duplicates = 0; duplicates <= 2; duplicates += 1)
      for (const form of Object.keys(FORMS)) {
        cases += 1;
        const at = `${duplicates} duplicate(s) × ${form}`;
        await setCase(duplicates, form);
        const hub = await hubTerms();
        const model = await loadSharing(client, patientId);
        const sdk = sdkTerms(model.choices);
        if (JSON.stringify(sdk) !== JSON.stringify(hub)) wrong.push(`${at}: sdk ${JSON.stringify(sdk)}, hub ${JSON.stringify(hub)}`);
        if (model.choices.declinedToAll) continue;
        const categories = model.choices.categories.map((each) => (each.key === 'social-care' ? { ...each, shared: false } : each));
        try {
          await saveSharing(client, model, { ...model.choices, categories });
        } catch (error) {
          wrong.push(`${at}: save refused (${String(error)})`);
          continue;
        }
        const stored = await testHub.hub.store.read('Consent', 'sdk-actor-form-choice');
        const actors = ((stored?.resource['provision'] as { provision?: { actor?: { reference?: unknown }[] }[] }).provision ?? []).flatMap(
          (each) => each.actor ?? [],
        );
        const recorded = FORMS[form]!(duplicates > 0 ? 'sdk-ods-duplicate-1' : hospital);
        if (!actors.some((actor) => JSON.stringify(actor.reference) === JSON.stringify(recorded)))
          wrong.push(`${at}: not kept as recorded (${JSON.stringify(actors)})`);
        const afterSave = await hubTerms();
        if (JSON.stringify(afterSave) !== JSON.stringify(hub))
          wrong.push(`${at}: hub ${JSON.stringify(hub)} before the save, ${JSON.stringify(afterSave)} after`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} faults in ${cases} cases`);
  });
});
