/**
 * A directory look-up `loadSharing` could not make is an error, never "the directory has no such organisation". Her
 * practice's deny names an organisation by ODS code; when the hub answers that look-up with an error, the screen said
 * "An organisation with code …" — as if the code were held by no one — and a save would then keep a deny it could not
 * name. The load must fail, as it does when her choices or her record cannot be read.
 *
 * The class: how the look-up fails (500, 502, 503, 403, the connection dropped) × which look-up (the organisations her
 * deny names by ODS code; one it names by reference), through a real hub on loopback behind a fault proxy. Reads are
 * made one by one (the proxy turns the first batch away as gateways do), so each look-up can be spoiled alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, HubError, isSharingChoice, loadSharing, type Consent } from '../../src/index.js';
import { startFaultProxy, type FaultProxy, type ProxyFault } from '../../../hub/test/support/fault-proxy.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu';
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

let testHub: TestHub;
let proxy: FaultProxy;
let token = '';
let patientId = '';
let hospital = '';
let code = '';

before(async () => {
  testHub = await startTestHub();
  proxy = await startFaultProxy(testHub.fhir);
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  patientId = testHub.hub.borough.personas.resident.patientId;
  const [first] = (
    await testHub.hub.store.search({
      type: 'Organization',
      criteria: [],
      // The last by name: one she is not cared for by, so only her deny names it.
      sort: { by: 'text', descending: true },
      count: 1,
      visibility: { hiddenLabels: [] },
    })
  ).resources;
  hospital = String(first?.['id']);
  code = String(
    ((first?.['identifier'] as { system?: string; value?: string }[] | undefined) ?? []).find((each) => each.system === ODS)?.value,
  );
  assert.notEqual(code, 'undefined');
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
after(async () => {
  await proxy.close();
  await testHub.close();
});

const ACTORS = {
  'by ODS code': () => ({ identifier: { system: ODS, value: code } }),
  'by reference': () => ({ reference: `Organization/${hospital}` }),
};
const LOOKUPS: Record<keyof typeof ACTORS, (method: string, path: string) => boolean> = {
  'by ODS code': (method, path) => method === 'GET' && /\/Organization$/.test(path),
  'by reference': (method, path) => method === 'GET' && path.endsWith(`/Organization/${hospital}`),
};
const FAULTS: Record<string, ProxyFault> = {
  '500': { status: 500, outcome: 'exception' },
  '502 from a gateway': { status: 502, outcome: false },
  '503': { status: 503, outcome: 'transient' },
  '403': { status: 403, outcome: 'forbidden' },
  'the connection dropped': 'lost-before-sending',
};

async function storeDeny(actor: keyof typeof ACTORS): Promise<void> {
  await testHub.hub.store.transaction(
    async (transaction) =>
      void (await transaction.put({
        resourceType: 'Consent',
        id: 'sdk-ods-lookup-choice',
        status: 'active',
        scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
        category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
        patient: { reference: `Patient/${patientId}` },
        dateTime: '2025-03-01T10:00:00Z',
        policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
        provision: { type: 'permit', provision: [{ type: 'deny', actor: [{ reference: ACTORS[actor]() }] }] },
      })),
  );
}

/** Loads her sharing screen with the look-up of her deny's organisation spoiled so; what the screen is told. */
async function loadWith(actor: keyof typeof ACTORS, fault: ProxyFault): Promise<string> {
  await storeDeny(actor);
  // A fresh client: the first batch is turned away (405), so this client reads each part on its own from then on.
  const client = createHubClient({ baseUrl: proxy.fhir, auth: token, retry: false });
  proxy.spoil((method, path) => method === 'POST' && /\/fhir\/?$/.test(path), { status: 405, outcome: 'not-supported' });
  proxy.spoil(LOOKUPS[actor], fault);
  try {
    const { choices } = await loadSharing(client, patientId);
    const shown = choices.organisations.filter((each) => !each.shared);
    return `loaded: not shared with ${JSON.stringify(shown.map((each) => each.name))}`;
  } catch (error) {
    return error instanceof HubError ? 'failed' : `failed otherwise: ${String(error)}`;
  } finally {
    assert.equal(proxy.pending, 0, 'the fault was not met');
  }
}

describe('a directory look-up that failed fails her sharing screen’s load', () => {
  test('reported: the ODS look-up answered 500 is not shown as "An organisation with code …"', async () => {
    assert.equal(await loadWith('by ODS code', FAULTS['500']!), 'failed');
  });

  test('every way a look-up fails × ODS code or reference: the load fails', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const actor of Object.keys(ACTORS) as (keyof typeof ACTORS)[])
      for (const [name, fault] of Object.entries(FAULTS)) {
        cases += 1;
        const told = await loadWith(actor, fault);
        if (told !== 'failed') wrong.push(`${actor} × ${name}: ${told}`);
      }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} cases`);
  });

  test('unspoiled, the same loads name the organisation (the look-ups are the ones spoiled)', async () => {
    for (const actor of Object.keys(ACTORS) as (keyof typeof ACTORS)[]) {
      await storeDeny(actor);
      const client = createHubClient({ baseUrl: proxy.fhir, auth: token, retry: false });
      const { choices } = await loadSharing(client, patientId);
      const shown = choices.organisations.find((each) => each.id === hospital);
      assert.equal(shown?.shared, false, actor);
      assert.doesNotMatch(shown?.name ?? '', /with code/, actor);
    }
  });
});
