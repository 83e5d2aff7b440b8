/**
 * A resident's sharing choice, and a Consent about her privacy, are read whatever spelling of a code system they were
 * written in. Reported: her choice not to share mental health with other organisations, written by an external client
 * with `https://terminology.hl7.org/CodeSystem/v3-ActCode` (and `https://…/consentscope`), was not read as a choice at
 * all — the hub compared code systems exactly — so another organisation's GP was shown the mental health she declined,
 * and her choice itself.
 *
 * The class: every place the sharing and privacy rules read a code by its system (the choice's scope, R4's and STU3's;
 * its category, LOINC's and v3-ActCode's; its policy rule; each sharing category of a deny; an organisation denied by
 * ODS code; a carer's permission's kind, an action it grants and a category it keeps; a choice of unknown scope with an
 * opt-out rule; a council organisation's type)
 * × each spelling of the same system (`http`/`https`, the host in capitals, a closing slash) — each read exactly as its
 * twin in FHIR's own spelling: by the rules the hub applies, by the check of a save, by the resident's screen (the
 * SDK) and by the labels the Consent carries. And never wider: a spelling that is another system (another host, a
 * longer path, another scheme) is read as a system the hub does not know.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  isProxyConsent,
  isSharingChoice as sdkIsSharingChoice,
  isUnreadableSharingChoice as sdkIsUnreadable,
  ODS_SYSTEM,
  PROXY_ACTION_SYSTEM,
  PROXY_CONSENT_CATEGORY,
  readProxyConsent,
  sharingChoicesFrom,
  type Consent,
  type SharingDirectoryEntry,
} from '@care-record/sdk';
import { FhirHttpError } from '../src/fhir/outcome.js';
import {
  checkSharingChoice,
  isSharingChoice,
  isUnreadableSharingChoice,
  sharingRules,
  socialCareSources,
  type SharingRules,
} from '../src/policy/sharing.js';
import { labelsOf } from '../src/policy/visibility.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { ACT_CODE, OTHER_SOURCE, practicePermission, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;

const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
const STU3_CONSENT_SCOPE = 'http://hl7.org/fhir/consentscope';
const LOINC = 'http://loinc.org';
const SHARING_CATEGORY = 'https://care-record.example/CodeSystem/sharing-category';
const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const IRCP = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] };
const NOW = Date.parse('2026-06-01T12:00:00Z');

/** Every spelling of the same system a source may send: http or https, a closing slash, the host in capitals. */
const sameSystemSpellings = (system: string): string[] => {
  const https = system.replace(/^http:/, 'https:');
  const http = system.replace(/^https:/, 'http:');
  const upper = (uri: string) =>
    uri.replace(/^(https?:\/\/)([^/]+)/, (_all, scheme: string, host: string) => scheme.toUpperCase() + host.toUpperCase());
  return [...new Set([http, https, `${http}/`, `${https}/`, upper(https), `${upper(http)}//`])].filter((spelled) => spelled !== system);
};

/** Spellings that are another system: another host, a longer path, another scheme. Never read as the system. */
const otherSystems = (system: string): string[] => [
  system.replace(/^(https?:\/\/)([^/]+)/, '$1$2.example'),
  `${system}/other`,
  system.replace(/^https?:/, 'ftp:'),
];

/** A code system the hub knows nothing of: what a spelling of another system must be read as. */
const UNKNOWN_SYSTEM = 'urn:example:not-a-code-system';

/** A sharing choice in FHIR's own spelling, keeping what `denies` say (OPTIN, permit). */
const choice = (patient: string, denies: Json[], rest: Json = {}): Json => ({
  resourceType: 'Consent',
  status: 'active',
  scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy' }] },
  category: [{ coding: [{ system: LOINC, code: '59284-0' }] }],
  patient: { reference: `Patient/${patient}` },
  meta: { source: OTHER_SOURCE },
  policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
  provision: { type: 'permit', provision: denies },
  ...rest,
});
const denyLabel = (system: string, code: string): Json => ({ type: 'deny', securityLabel: [{ system, code }] });
const KEEP_MENTAL_HEALTH = denyLabel(ACT_CODE, 'PSY');
const DENIED_ODS = 'Q2S9X';

/**
 * Each place a code is read by its system: its system in FHIR's spelling, and the Consent with that one system spelt
 * `system` (every other part as FHIR spells it).
 */
const PLACES: Record<string, { system: string; consent: (patient: string, system: string) => Json }> = {
  'the scope (R4)': {
    system: CONSENT_SCOPE,
    consent: (patient, system) => choice(patient, [KEEP_MENTAL_HEALTH], { scope: { coding: [{ system, code: 'patient-privacy' }] } }),
  },
  'the scope (STU3)': {
    system: STU3_CONSENT_SCOPE,
    consent: (patient, system) => choice(patient, [KEEP_MENTAL_HEALTH], { scope: { coding: [{ system, code: 'patient-privacy' }] } }),
  },
  'the category (LOINC)': {
    system: LOINC,
    consent: (patient, system) => choice(patient, [KEEP_MENTAL_HEALTH], { category: [{ coding: [{ system, code: '59284-0' }] }] }),
  },
  'the category (v3-ActCode INFA)': {
    system: ACT_CODE,
    consent: (patient, system) => choice(patient, [KEEP_MENTAL_HEALTH], { category: [{ coding: [{ system, code: 'INFA' }] }] }),
  },
  'the policy rule OPTIN': {
    system: ACT_CODE,
    consent: (patient, system) => choice(patient, [KEEP_MENTAL_HEALTH], { policyRule: { coding: [{ system, code: 'OPTIN' }] } }),
  },
  'the policy rule OPTOUT': {
    system: ACT_CODE,
    consent: (patient, system) => choice(patient, [], { policyRule: { coding: [{ system, code: 'OPTOUT' }] }, provision: undefined }),
  },
  'a deny of mental health (PSY)': { system: ACT_CODE, consent: (patient, system) => choice(patient, [denyLabel(system, 'PSY')]) },
  'a deny of sexual health (SEX)': { system: ACT_CODE, consent: (patient, system) => choice(patient, [denyLabel(system, 'SEX')]) },
  'a deny of social care': {
    system: SHARING_CATEGORY,
    consent: (patient, system) => choice(patient, [denyLabel(system, 'social-care')]),
  },
  'a deny of an organisation by ODS code': {
    system: ODS_SYSTEM,
    consent: (patient, system) =>
      choice(patient, [{ type: 'deny', actor: [{ role: IRCP, reference: { identifier: { system, value: DENIED_ODS } } }] }]),
  },
  'a choice of no scope it knows, its rule OPTOUT': {
    system: ACT_CODE,
    consent: (patient, system) =>
      choice(patient, [], { scope: { text: 'Sharing' }, policyRule: { coding: [{ system, code: 'OPTOUT' }] }, provision: undefined }),
  },
  'a carer’s permission (an action)': {
    system: PROXY_ACTION_SYSTEM,
    consent: (patient, system) => {
      const permission = practicePermission(patient, 'spelt-carer', 'unused');
      const provision = permission['provision'] as Json;
      return { ...permission, provision: { ...provision, action: [{ coding: [{ system, code: 'view-appointments' }] }] } };
    },
  },
  'a carer’s permission (mental health kept from them)': {
    system: ACT_CODE,
    consent: (patient, system) => {
      const permission = practicePermission(patient, 'spelt-carer', 'unused');
      const provision = permission['provision'] as Json;
      return { ...permission, provision: { ...provision, provision: [denyLabel(system, 'PSY')] } };
    },
  },
  'a carer’s permission (its kind)': {
    system: PROXY_CONSENT_CATEGORY.system,
    consent: (patient, system) => {
      const permission = practicePermission(patient, 'spelt-carer', 'unused');
      const categories = (permission['category'] as Json[]).map((category) =>
        JSON.stringify(category).includes(PROXY_CONSENT_CATEGORY.code)
          ? { coding: [{ system, code: PROXY_CONSENT_CATEGORY.code }] }
          : category,
      );
      return { ...permission, category: categories };
    },
  },
};

const asJson = (rules: SharingRules): Json => ({
  deniedOrganizations: [...rules.deniedOrganizations].sort(),
  deniedCategories: [...rules.deniedCategories].sort(),
  deniedCategoriesFor: [...rules.deniedCategoriesFor].map(([id, kinds]) => [id, [...kinds].sort()]).sort(),
  declinedToAll: rules.declinedToAll ?? null,
});

const DIRECTORY: ReadonlyMap<string, SharingDirectoryEntry> = new Map([
  ['spelt-denied', { name: 'Denied hospital', odsCode: DENIED_ODS }],
  ['spelt-other', { name: 'Another practice', odsCode: 'Y0001' }],
]);

/**
 * Everything the hub and the resident's screen make of one stored Consent, as text, with its own id and its resident's
 * written as `<consent>` and `<patient>` so that twins compare.
 */
async function readingOf(store: Awaited<ReturnType<typeof openTestStore>>, consent: Json): Promise<string> {
  const patient = String((consent['patient'] as Json)['reference']).slice('Patient/'.length);
  const saved = await checkSharingChoice(consent, store).then(
    () => 'saved',
    (error: unknown) => (error instanceof FhirHttpError ? `refused: ${error.message}` : 'failed'),
  );
  const screen = sharingChoicesFrom(consent as unknown as Consent, DIRECTORY, { now: new Date(NOW) });
  const reading = {
    rules: asJson(await sharingRules(store, patient, NOW)),
    saved,
    labels: labelsOf(consent).sort(),
    hub: { choice: isSharingChoice(consent), unreadable: isUnreadableSharingChoice(consent) },
    sdk: {
      choice: sdkIsSharingChoice(consent as unknown as Consent),
      unreadable: sdkIsUnreadable(consent as unknown as Consent),
      carer: isProxyConsent(consent as unknown as Consent),
      permission: readProxyConsent(consent as unknown as Consent) ?? null,
    },
    screen: {
      organisations: screen.organisations.map(({ id, shared }) => `${id}:${String(shared)}`).sort(),
      categories: screen.categories.map((category) => JSON.stringify(category)).sort(),
      declinedToAll: screen.declinedToAll ?? null,
      notShown: screen.notShown ?? 0,
    },
  };
  return JSON.stringify(reading).replaceAll(String(consent['id']), '<consent>').replaceAll(patient, '<patient>');
}

/** The parts of two readings that differ, for a message. */
function differences(reading: string, expected: string): string {
  const [mine, theirs] = [JSON.parse(reading) as Json, JSON.parse(expected) as Json];
  return Object.keys(theirs)
    .filter((key) => JSON.stringify(mine[key]) !== JSON.stringify(theirs[key]))
    .map((key) => `${key} ${JSON.stringify(mine[key]).slice(0, 160)}`)
    .join('; ');
}

describe('the reported case, over HTTP', () => {
  let testHub: TestHub;
  let gp = '';
  const PATIENT = 'pat-000003';
  const HTTPS_ACT_CODE = 'https://terminology.hl7.org/CodeSystem/v3-ActCode';

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [PATIENT]);
        const seeded = await hub.store.search({
          type: 'Consent',
          patientId: PATIENT,
          criteria: [],
          sort: { by: 'lastUpdated', descending: true },
          count: 200,
          visibility: { hiddenLabels: [] },
        });
        await hub.store.transaction(async (store) => {
          for (const consent of seeded.resources.filter((one) => isSharingChoice(one) || isUnreadableSharingChoice(one)))
            await store.put({ ...consent, status: 'inactive' });
          // Her choice as an external client wrote it: every system in https.
          await store.put(
            choice(PATIENT, [denyLabel(HTTPS_ACT_CODE, 'PSY')], {
              id: 'spelt-keep-psy',
              scope: { coding: [{ system: 'https://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
              category: [{ coding: [{ system: 'https://loinc.org', code: '59284-0' }] }],
              policyRule: { coding: [{ system: HTTPS_ACT_CODE, code: 'OPTIN' }] },
            }),
          );
          await store.put(recordItem('Condition', 'spelt-psy-item', PATIENT, ['PSY']));
          await store.put(recordItem('Condition', 'spelt-ordinary-item', PATIENT));
        });
      },
    });
    gp = await testHub.signIn('gp');
  });
  after(() => testHub.close());

  test('another organisation’s GP is not shown the mental health she declined, nor her choice', async () => {
    const read = await testHub.call(gp, '/Condition/spelt-psy-item');
    const page = await testHub.call(gp, `/Condition?patient=${PATIENT}&_count=200`);
    const found = ((page.body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => entry.resource?.['id']);
    const herChoice = await testHub.call(gp, '/Consent/spelt-keep-psy');
    assert.equal(page.status, 200);
    assert.ok(found.includes('spelt-ordinary-item'), 'what she shares is shown');
    assert.deepEqual(
      { read: read.status, searched: found.includes('spelt-psy-item'), choice: herChoice.status },
      { read: 404, searched: false, choice: 404 },
    );
  });
});

test('every place a code is read by its system × spelling: read as FHIR’s spelling, another system as none', async () => {
  const store = await openTestStore();
  await store.put({
    resourceType: 'Organization',
    id: 'spelt-denied',
    name: 'Denied hospital',
    identifier: [{ system: ODS_SYSTEM, value: DENIED_ODS }],
  });
  const wrong: string[] = [];
  const placesRead = new Set<string>();
  let compared = 0;
  let patients = 0;
  const stored = async (make: (patient: string) => Json): Promise<string> => {
    patients += 1;
    const patient = `spelt-${patients}`;
    const consent = { ...make(patient), id: `spelt-consent-${patients}` };
    await store.put(consent);
    return readingOf(store, consent);
  };
  for (const [place, { system, consent }] of Object.entries(PLACES)) {
    const twin = await stored((patient) => consent(patient, system));
    const unknown = await stored((patient) => consent(patient, UNKNOWN_SYSTEM));
    // The place is one that reads its system: its code in a system the hub does not know is read otherwise.
    if (twin === unknown) wrong.push(`${place}: read the same in a system it does not know`);
    else placesRead.add(place);
    for (const [spelled, expected, as] of [
      ...sameSystemSpellings(system).map((spelling) => [spelling, twin, 'its twin'] as const),
      ...otherSystems(system).map((spelling) => [spelling, unknown, 'an unknown system'] as const),
    ]) {
      compared += 1;
      const reading = await stored((patient) => consent(patient, spelled));
      if (reading !== expected) wrong.push(`${place} in ${spelled}, read otherwise than ${as}: ${differences(reading, expected)}`);
    }
  }
  await store.close();
  assert.equal(placesRead.size, Object.keys(PLACES).length, 'every place reads its system');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${compared} read otherwise`);
});

test('a council organisation is social care by its type in any spelling of the system, not another system', async () => {
  const store = await openTestStore();
  const spellings = [
    ...[ORGANIZATION_TYPE, ...sameSystemSpellings(ORGANIZATION_TYPE)].map((system) => ({ system, council: true })),
    ...otherSystems(ORGANIZATION_TYPE).map((system) => ({ system, council: false })),
  ];
  for (const [index, { system }] of spellings.entries())
    await store.put({
      resourceType: 'Organization',
      id: `spelt-council-${index}`,
      name: `Council ${index}`,
      meta: { source: `https://care-record.example/source/SPELT${index}` },
      type: [{ coding: [{ system, code: 'govt' }] }],
    });
  const sources = await socialCareSources(store);
  await store.close();
  const wrong = spellings.filter(({ council }, index) => sources.includes(`https://care-record.example/source/SPELT${index}`) !== council);
  assert.deepEqual(
    wrong.map(({ system, council }) => `${system}: ${council ? 'not' : ''} read as social care`),
    [],
  );
});
