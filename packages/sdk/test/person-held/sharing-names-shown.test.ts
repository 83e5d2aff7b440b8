/**
 * The sharing screen shows organisation names, kinds and a Consent's displays without Unicode's bidirectional controls
 * and marks, as the record's views do: an override at the end of a name turns the text beside it round, so a resident
 * could untick one organisation thinking it another. What a save sends back is what it read, to the character: the hub
 * refuses a change to a deny she did not touch (`resident-attribution.ts`). Pure reading, then a save round trip through
 * the real hub on loopback (real HTTP, real SQLite, the resident's own sign-in).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';

import {
  createHubClient,
  loadSharing,
  saveSharing,
  sharingChoicesFrom,
  type Consent,
  type HubClient,
  type SharingChoices,
  type SharingDirectoryEntry,
} from '../../src/index.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';
import { seedOr } from '../record/property-runs.js';
import { ANY_BIDI_CONTROL, freeText } from '../record/bidi-text.js';

const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const ROLE = { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] };
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const NOW = new Date('2026-12-07T12:00:00Z');

type Deny = NonNullable<NonNullable<Consent['provision']>['provision']>[number];

/** Her choice, with these denies. */
const consentWith = (denies: Deny[]): Consent =>
  ({
    resourceType: 'Consent',
    id: 'consent-1',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: 'Patient/pat-1' },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit', provision: denies },
  }) as Consent;

/** What the screen shows of the choices: names, kinds, exceptions' names and the words for what it cannot apply. */
function shown(choices: SharingChoices): [string, string][] {
  return [
    ...choices.organisations.flatMap((each, index): [string, string][] => [
      [`organisations[${index}].name`, each.name],
      ...(each.kind === undefined ? [] : [[`organisations[${index}].kind`, each.kind] as [string, string]]),
    ]),
    ...choices.exceptions.map((each, index): [string, string] => [`exceptions[${index}].organisationName`, each.organisationName]),
    ...(choices.notApplied ?? []).map((words, index): [string, string] => [`notApplied[${index}]`, words]),
  ];
}

describe('the sharing screen shows names in the order they were written', () => {
  test('reported: an organisation named by a Consent display ending in an override is shown without it', () => {
    const choices = sharingChoicesFrom(
      consentWith([
        { type: 'deny', actor: [{ role: ROLE, reference: { identifier: { system: ODS, value: 'Y09' }, display: 'Ash Clinic\u202E' } }] },
      ]),
      new Map(),
      { now: NOW },
    );
    const names = choices.organisations.map((each) => each.name);
    assert.ok(names.includes('Ash Clinic'), JSON.stringify(names));
  });

  test("reported: a directory organisation's name and kind with controls are shown without them", () => {
    const directory = new Map<string, SharingDirectoryEntry>([
      ['org-1', { name: '\u2067Tufnell Green Surgery\u2069', kind: 'GP practice\u200F' }],
    ]);
    const [organisation] = sharingChoicesFrom(undefined, directory, { now: NOW }).organisations;
    assert.equal(organisation?.name, 'Tufnell Green Surgery');
    assert.equal(organisation?.kind, 'GP practice');
  });

  test('property: no name, kind or words the screen shows carry a bidirectional control or mark', () => {
    fc.assert(
      fc.property(fc.array(freeText(10), { minLength: 6, maxLength: 6 }), (texts) => {
        const text = (field: number) => texts[field] ?? 'x';
        const directory = new Map<string, SharingDirectoryEntry>([
          ['org-1', { name: text(0), kind: text(1) }],
          ['org-2', { kind: text(2) }],
        ]);
        const consent = consentWith([
          { type: 'deny', actor: [{ role: ROLE, reference: { identifier: { system: ODS, value: 'Y09' }, display: text(3) } }] },
          { type: 'deny', actor: [{ role: ROLE, reference: { reference: 'Organization/org-2', display: text(4) } }] },
          // One the service cannot read (named by a display only): told in words.
          { type: 'deny', actor: [{ role: ROLE, reference: { display: text(5) } }] },
          {
            type: 'deny',
            actor: [{ role: ROLE, reference: { reference: 'Organization/org-1' } }],
            securityLabel: [{ system: ACT_CODE, code: 'PSY' }],
          },
        ]);
        const choices = sharingChoicesFrom(consent, directory, { now: NOW });
        for (const [path, value] of shown(choices)) assert.doesNotMatch(value, ANY_BIDI_CONTROL, `${path} = ${JSON.stringify(value)}`);
      }),
      { seed: seedOr(20261207), numRuns: 300 },
    );
  });
});

describe('a save sends back what it read', () => {
  const RESIDENT_SCOPE =
    'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
  let testHub: TestHub;
  let client: HubClient;
  let patientId = '';
  let consentId = '';

  before(async () => {
    testHub = await startTestHub();
    client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
    patientId = testHub.hub.borough.personas.resident.patientId;
    const model = await loadSharing(client, patientId);
    const saved = await saveSharing(client, model, {
      ...model.choices,
      organisations: model.choices.organisations.map((each) => ({ ...each, shared: true })),
    });
    consentId = saved.consentId!;
  });
  after(() => testHub.close());

  test("a practice deny whose organisation's display has an override: shown without it, saved back with it", async () => {
    const practice: Deny = {
      type: 'deny',
      actor: [{ role: ROLE, reference: { identifier: { system: ODS, value: 'Y09' }, display: 'Ash Clinic\u202E (Leyton)' } }],
    };
    // Recorded straight into the store, as the practice's system would.
    const current = await client.get('/Consent/{id}', { path: { id: consentId } });
    const { provision: _nested, ...top } = current.provision!;
    await testHub.hub.store.transaction(
      async (store) =>
        void (await store.put({ ...current, provision: { ...top, provision: [practice] } } as unknown as Record<string, unknown>)),
    );

    const model = await loadSharing(client, patientId);
    const names = model.choices.organisations.map((each) => each.name);
    assert.ok(names.includes('Ash Clinic (Leyton)'), `shown without the override: ${JSON.stringify(names)}`);

    // She stops sharing with one of her own organisations: the practice's deny is not hers to change.
    const first = model.choices.organisations.find((each) => each.shared)!;
    await saveSharing(client, model, {
      ...model.choices,
      organisations: model.choices.organisations.map((each) => (each.id === first.id ? { ...each, shared: false } : each)),
    });
    const stored = (await client.get('/Consent/{id}', { path: { id: consentId } })).provision?.provision ?? [];
    assert.ok(
      stored.some((each) => isDeepStrictEqual(each, practice)),
      `kept to the character: ${JSON.stringify(stored)}`,
    );
    const again = await loadSharing(client, patientId);
    assert.equal(again.choices.organisations.find((each) => each.id === first.id)?.shared, false, 'her change was saved');
  });
});
