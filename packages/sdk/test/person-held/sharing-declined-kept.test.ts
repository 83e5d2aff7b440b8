/**
 * A sharing choice that is not an opt-in with exceptions is never shown as "everything shared", nor replaced by one.
 * The SDK read an active `OPTOUT` (or a top-level deny) as no choice at all: every checkbox ticked, and one save of
 * anything wrote an opt-in over it, sharing her record with every organisation. Through the real hub on loopback; the
 * choice is stored straight into the hub's store, as the practice's system would record it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';

import {
  createHubClient,
  describeWriteFailure,
  loadSharing,
  saveSharing,
  type Consent,
  type HubClient,
  type SharingChoices,
} from '../../src/index.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

let testHub: TestHub;
let client: HubClient;
let patientId = '';
let consentId = '';

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  patientId = testHub.hub.borough.personas.resident.patientId;
  const model = await loadSharing(client, patientId);
  consentId = (await saveSharing(client, model, model.choices)).consentId!;
});
after(() => testHub.close());

type Top = Pick<Consent, 'policyRule' | 'provision'>;
/** Records the choice's rule and top-level provision straight into the store. */
async function recorded(top: Top): Promise<Consent> {
  const current = await client.get('/Consent/{id}', { path: { id: consentId } });
  const { policyRule: _rule, provision: _provision, ...rest } = current;
  const next = { ...rest, ...top } as Consent;
  await testHub.hub.store.transaction(async (store) => void (await store.put(next as unknown as Record<string, unknown>)));
  return client.get('/Consent/{id}', { path: { id: consentId } });
}

const rule = (...codes: string[]) => ({ coding: codes.map((code) => ({ system: ACT_CODE, code })) });
const stopFirst = (choices: SharingChoices): SharingChoices => ({
  ...choices,
  organisations: choices.organisations.map((each, index) => (index === 0 ? { ...each, shared: false } : each)),
});

const SHAPES: [string, Top, 'opted-out' | 'not-readable'][] = [
  ['OPTOUT, top-level deny (the reported case)', { policyRule: rule('OPTOUT'), provision: { type: 'deny' } }, 'opted-out'],
  ['no rule, top-level deny', { provision: { type: 'deny' } }, 'opted-out'],
  ['OPTOUT over a permit', { policyRule: rule('OPTOUT'), provision: { type: 'permit' } }, 'opted-out'],
  ['OPTIN and OPTOUT both', { policyRule: rule('OPTIN', 'OPTOUT'), provision: { type: 'permit' } }, 'not-readable'],
  ['OPTIN over a top-level deny', { policyRule: rule('OPTIN'), provision: { type: 'deny' } }, 'not-readable'],
  [
    'a permit narrowed to one organisation',
    {
      policyRule: rule('OPTIN'),
      provision: { type: 'permit', actor: [{ role: { text: 'recipient' }, reference: { reference: 'Organization/org-f83999' } }] },
    },
    'not-readable',
  ],
];

describe('a choice not to share with anyone is kept, and said', () => {
  for (const [name, top, declined] of SHAPES)
    for (const [change, edit] of [
      ['saved unchanged', (choices: SharingChoices) => choices],
      ['one organisation stopped', stopFirst],
    ] as const)
      test(`${name}, ${change}: not shown as shared, not replaced, refused in words`, async () => {
        const before = await recorded(top);
        const model = await loadSharing(client, patientId);
        assert.equal(model.choices.declinedToAll, declined);
        const outcome = await saveSharing(client, model, edit(model.choices)).then(
          () => undefined,
          (error: unknown) => error,
        );
        const after = await client.get('/Consent/{id}', { path: { id: consentId } });
        assert.ok(isDeepStrictEqual(after.policyRule, before.policyRule) && isDeepStrictEqual(after.provision, before.provision), 'kept');
        assert.ok(outcome !== undefined, 'refused');
        const failure = describeWriteFailure(outcome, 'sharing');
        assert.equal(failure.retryable, false);
        assert.match(failure.advice, /GP practice/);
      });

  test('an opt-in with exceptions is still changed as before', async () => {
    await recorded({ policyRule: rule('OPTIN'), provision: { type: 'permit' } });
    const model = await loadSharing(client, patientId);
    assert.equal(model.choices.declinedToAll, undefined);
    await saveSharing(client, model, stopFirst(model.choices));
    assert.equal((await loadSharing(client, patientId)).choices.organisations[0]?.shared, false);
  });
});
