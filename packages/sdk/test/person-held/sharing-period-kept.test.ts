/**
 * A time-limited sharing choice stays time-limited through a save. The hub
 * applies a deny's `period` (3b2c0a4), but `sharingChoicesFrom` ignored it and
 * `sharingConsent` rebuilt the Consent without it: one save from the sharing
 * screen, of any change, turned a deny that ends into one that never does.
 * Through the real hub on loopback (real HTTP, real SQLite, the resident's own
 * sign-in).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createHubClient, loadSharing, saveSharing, type HubClient, type SharingChoices } from '../../src/index.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';

type Period = { start?: string; end?: string };
let testHub: TestHub;
let client: HubClient;
let patientId = '';

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  patientId = testHub.hub.borough.personas.resident.patientId;
});
after(() => testHub.close());

/**
 * Sets the resident's choice to: the first organisation stopped, and mental health kept with its service, each deny
 * for `period` (written straight to the hub, as another app might). Returns the organisation's id.
 */
async function timedChoice(period: Period): Promise<{ organisationId: string; consentId: string }> {
  const model = await loadSharing(client, patientId);
  assert.ok(model.choices.organisations.length >= 2, 'the resident has two organisations to choose from');
  const organisationId = model.choices.organisations[0]!.id;
  // From a clean start (each test uses the same resident): only these two denied, for ever; then given the period.
  const plain: SharingChoices = {
    organisations: model.choices.organisations.map(({ period: _period, ...each }) => ({ ...each, shared: each.id !== organisationId })),
    categories: model.choices.categories.map(({ period: _period, ...each }) => ({
      ...each,
      shared: each.changeable ? each.key !== 'mental-health' : each.shared,
    })),
    exceptions: [],
  };
  const saved = await saveSharing(client, model, plain);
  const current = await client.get('/Consent/{id}', { path: { id: saved.consentId! } });
  const provision = current.provision!;
  // A deny for a period is recorded by the practice, not the resident (the hub refuses a new one from her): stored
  // straight into the hub's store.
  const timed = { ...current, provision: { ...provision, provision: (provision.provision ?? []).map((deny) => ({ ...deny, period })) } };
  await testHub.hub.store.transaction(async (store) => void (await store.put(timed as unknown as Record<string, unknown>)));
  const stored = await client.get('/Consent/{id}', { path: { id: saved.consentId! } });
  assert.deepEqual(
    (stored.provision?.provision ?? []).map((deny) => deny.period),
    [period, period],
    'the hub keeps the periods given',
  );
  return { organisationId, consentId: saved.consentId! };
}

/** The period of the stored deny that names `organisationId` alone, and of the one that keeps mental health. */
async function periodsOf(consentId: string, organisationId: string): Promise<{ organisation: unknown; mentalHealth: unknown }> {
  const stored = await client.get('/Consent/{id}', { path: { id: consentId } });
  const denies = stored.provision?.provision ?? [];
  const organisation = denies.find(
    (deny) =>
      !deny.securityLabel?.length && (deny.actor ?? []).some((actor) => actor.reference.reference === `Organization/${organisationId}`),
  );
  const mentalHealth = denies.find((deny) => !deny.actor?.length && (deny.securityLabel ?? []).some((label) => label.code === 'PSY'));
  assert.ok(organisation, 'the organisation is still stopped');
  assert.ok(mentalHealth, 'mental health is still kept');
  return { organisation: organisation.period, mentalHealth: mentalHealth.period };
}

const CHANGES: { name: string; change(choices: SharingChoices, organisationId: string): SharingChoices }[] = [
  {
    name: 'another organisation stopped',
    change: (choices, organisationId) => ({
      ...choices,
      organisations: choices.organisations.map((each) => (each.id !== organisationId ? { ...each, shared: false } : each)),
    }),
  },
  {
    name: 'social care kept as well',
    change: (choices) => ({
      ...choices,
      categories: choices.categories.map((each) => (each.key === 'social-care' ? { ...each, shared: false } : each)),
    }),
  },
  { name: 'saved unchanged', change: (choices) => choices },
];

describe('a time-limited sharing choice keeps its period through a save', () => {
  test('the reported case: a deny ending 2027-06-30 still ends then after another change is saved', async () => {
    const { organisationId, consentId } = await timedChoice({ end: '2027-06-30' });
    const model = await loadSharing(client, patientId);
    await saveSharing(client, model, CHANGES[1]!.change(model.choices, organisationId));
    assert.deepEqual(await periodsOf(consentId, organisationId), {
      organisation: { end: '2027-06-30' },
      mentalHealth: { end: '2027-06-30' },
    });
  });

  const PERIODS: { name: string; period: Period }[] = [
    { name: 'start only', period: { start: '2026-01-05' } },
    { name: 'end only', period: { end: '2027-06-30' } },
    { name: 'start and end', period: { start: '2026-01-05', end: '2027-06-30' } },
  ];
  for (const period of PERIODS)
    for (const change of CHANGES)
      test(`${period.name}, ${change.name}: each deny not changed keeps its period`, async () => {
        const { organisationId, consentId } = await timedChoice(period.period);
        const model = await loadSharing(client, patientId);
        await saveSharing(client, model, change.change(model.choices, organisationId));
        assert.deepEqual(await periodsOf(consentId, organisationId), { organisation: period.period, mentalHealth: period.period });
      });
});
