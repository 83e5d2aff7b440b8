/**
 * Whether something exists is told only to those who may see it. A resident
 * probing `Patient/{id}` got `403` for a resident of the borough and `404` for
 * an id of no one; probing `Observation/{id}` got `403` for an item of someone
 * else's record and `404` otherwise — enough to count another resident's
 * items by their ids. Now (docs/access-policy.md R13): a resident who does not
 * exist is refused as one the caller may not see is, and an item a resident,
 * a carer or a `patient/` token may not see is not found — whether it is in
 * another record, withheld from theirs, of a type their permission leaves
 * out, or not there at all. The class is every id-addressed operation of the
 * contract, read from the contract itself, for every kind of caller.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { contractOperations, type ContractOperation } from '../src/fhir/contract-operations.js';
import { signInPersonas, type Hub } from '../src/index.js';
import { ACT_CODE, exampleOf, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json };

const RESIDENT_SCOPE =
  'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';

/** A resident nobody here cares for or acts for. */
const STRANGER = 'ex-stranger';
/** The resident the family carer acts for (the synthetic borough's cared-for resident). */
const MOTHER = 'pat-000003';
const DIRECTORY = new Set(['Organization', 'Practitioner', 'PractitionerRole', 'OperationDefinition']);

let testHub: TestHub;
let self = '';
let launchPatient = '';
const tokens: Record<string, string> = {};

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const diagnostics = (body: Json) => (body['issue'] as { diagnostics?: string }[] | undefined)?.[0]?.diagnostics;
/** What a caller can tell two answers apart by. */
const seen = (answer: Answer) => ({ status: answer.status, code: hubCode(answer.body), diagnostics: diagnostics(answer.body) });

function sharingChoice(id: string, patientId: string): Json {
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit' },
  };
}

/** An allowed look at a resident's record, as the hub writes it. */
function lookAt(id: string, patientId: string): Json {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded: '2026-11-27T10:00:00Z',
    outcome: '0',
    agent: [{ who: { reference: 'PractitionerRole/prr-0001' }, requestor: true }],
    source: { observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: `Patient/${patientId}` } }],
  };
}

/** Items of every type of the contract's id-addressed operations, on a record (and with labels) as named. */
async function placeItems(hub: Hub, prefix: string, patientId: string, labels: string[]): Promise<void> {
  const security = labels.map((code) => ({ system: ACT_CODE, code }));
  await hub.store.transaction(async (store) => {
    for (const type of RECORD_TYPES) await store.put(recordItem(type, `${prefix}-${type.toLowerCase()}`, patientId, labels));
    const meta = security.length > 0 ? { meta: { security } } : {};
    await store.put({ ...sharingChoice(`${prefix}-consent`, patientId), ...meta });
    await store.put({ ...lookAt(`${prefix}-auditevent`, patientId), ...meta });
  });
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      await hub.store.put({ ...exampleOf('Patient'), id: STRANGER, identifier: [] });
      await placeItems(hub, 'ex-stranger', STRANGER, []);
      const resident = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      // What the resident never sees on their own record, and what a carer never sees on the record they act for.
      await placeItems(hub, 'ex-own-nopat', resident, ['NOPAT']);
      await placeItems(hub, 'ex-mother-sex', MOTHER, ['SEX']);
    },
  });
  const personas = signInPersonas(testHub.hub.borough);
  self = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  const gp = personas.find((persona) => persona.id === 'gp');
  launchPatient = (
    (
      await testHub.hub.store.query('SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1', [
        gp?.organizationId,
      ])
    )[0] as { id: string }
  ).id;
  const launch = await fetch(`${testHub.origin}/auth/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient: launchPatient }),
  });
  const { launch: launchId } = (await launch.json()) as { launch: string };
  tokens['resident'] = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  tokens['carer'] = await testHub.signIn('carer', { scope: CARER_SCOPE });
  tokens['ehr-launch'] = await testHub.signIn('gp', { launch: launchId, scope: 'openid fhirUser launch patient/*.rs' });
  tokens['gp'] = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
  tokens['receptionist'] = await testHub.signIn('receptionist', { scope: 'openid fhirUser user/*.rs' });
});
after(() => testHub.close());

describe('the reported case: a resident probing ids', () => {
  test('another resident and no resident at all answer alike; so do another’s item and no item', async () => {
    const [other, nobody] = [
      await testHub.call(tokens['resident'], `/Patient/${STRANGER}`),
      await testHub.call(tokens['resident'], '/Patient/ex-nobody'),
    ];
    assert.equal(other.status, 403);
    assert.deepEqual(seen(nobody), seen(other));
    const [theirs, none] = [
      await testHub.call(tokens['resident'], '/Observation/ex-stranger-observation'),
      await testHub.call(tokens['resident'], '/Observation/ex-nobody'),
    ];
    assert.equal(none.status, 404);
    assert.deepEqual(seen(theirs), seen(none));
  });
});

describe('the reported case: a contact kept from the resident', () => {
  test('cannot be named in a permission, invited or changed: answered as a contact who is not there', async () => {
    const hidden = 'ex-own-nopat-relatedperson';
    const permission = (relatedPersonId: string) =>
      buildProxyConsent({ patientId: self, relatedPersonId, actions: ['view-appointments'], withheld: [], status: 'proposed' });
    const consentsBefore = await testHub.hub.store.query("SELECT COUNT(*) AS n FROM resource WHERE type = 'Consent'");
    const [naming, namingNobody] = [
      await testHub.call(tokens['resident'], '/Consent', { method: 'POST', body: permission(hidden) }),
      await testHub.call(tokens['resident'], '/Consent', { method: 'POST', body: permission('ex-nobody') }),
    ];
    assert.equal(namingNobody.status, 422);
    assert.deepEqual(seen(naming), seen(namingNobody));
    assert.deepEqual(await testHub.hub.store.query("SELECT COUNT(*) AS n FROM resource WHERE type = 'Consent'"), consentsBefore);
    const [invite, inviteNobody] = [
      await testHub.call(tokens['resident'], `/RelatedPerson/${hidden}/$invite`, { method: 'POST' }),
      await testHub.call(tokens['resident'], '/RelatedPerson/ex-nobody/$invite', { method: 'POST' }),
    ];
    assert.equal(inviteNobody.status, 404);
    assert.deepEqual(seen(invite), seen(inviteNobody));
    assert.ok(!JSON.stringify(invite.body).includes('valueString'), 'no code, and no name, for a contact kept from them');
  });
});

/** The contract's operations that name one resource by its id: reads, updates and operations on an instance. */
function idOperations(): ContractOperation[] {
  return contractOperations(testHub.hub.schemas.document).filter(
    (operation) => /^\/[A-Z][A-Za-z]+\/\{id\}/.test(operation.template) && !DIRECTORY.has(operation.template.split('/')[1] ?? ''),
  );
}

/** The request an operation makes of an id, with a body the contract accepts. */
function requestFor(operation: ContractOperation, id: string, caller: string): { path: string; init: Parameters<TestHub['call']>[2] } {
  const path = operation.template.replace('{id}', id);
  if (operation.method === 'GET') return { path, init: {} };
  const type = operation.template.split('/')[1] ?? '';
  const body = operation.bodyPointer && type === 'Consent' ? sharingChoice(id, caller === 'resident' ? self : MOTHER) : undefined;
  return { path, init: { method: operation.method, ...(body ? { body, headers: { 'if-match': 'W/"1"' } } : {}) } };
}

describe('the class: no id-addressed operation tells a caller what exists beyond what they may see', () => {
  /** Ids each caller may not see, beside an id of nothing: another resident's item, and what their own view withholds. */
  const hiddenFrom: Record<string, ((type: string) => string)[]> = {
    resident: [(type) => `ex-stranger-${type.toLowerCase()}`, (type) => `ex-own-nopat-${type.toLowerCase()}`],
    carer: [(type) => `ex-stranger-${type.toLowerCase()}`, (type) => `ex-mother-sex-${type.toLowerCase()}`],
    'ehr-launch': [(type) => `ex-stranger-${type.toLowerCase()}`],
  };
  /** Residents each caller may not see (read when the hub has started). */
  const patientIdsHiddenFrom = (): Record<string, string[]> => ({
    resident: [STRANGER, MOTHER],
    carer: [STRANGER, self],
    'ehr-launch': [STRANGER, MOTHER === launchPatient ? self : MOTHER],
    gp: [STRANGER],
    receptionist: [STRANGER],
  });

  test('for every id-addressed item operation, a hidden item and no item answer alike', async (context) => {
    const operations = idOperations().filter((operation) => !operation.template.startsWith('/Patient/'));
    assert.ok(operations.length >= 18, `only ${operations.length} id-addressed operations found in the contract`);
    const differences: string[] = [];
    let compared = 0;
    for (const [caller, hidden] of Object.entries(hiddenFrom))
      for (const operation of operations) {
        const type = operation.template.split('/')[1] ?? '';
        const ask = async (id: string) => {
          const { path, init } = requestFor(operation, id, caller);
          return seen(await testHub.call(tokens[caller], path, init));
        };
        const nothing = await ask(`ex-nothing-${type.toLowerCase()}`);
        for (const idOf of hidden) {
          const id = idOf(type);
          const answer = await ask(id);
          compared += 1;
          if (answer.status < 400) differences.push(`${caller} ${operation.method} ${operation.template} ${id}: answered ${answer.status}`);
          else if (JSON.stringify(answer) !== JSON.stringify(nothing))
            differences.push(
              `${caller} ${operation.method} ${operation.template} ${id}: ${JSON.stringify(answer)} vs nothing: ${JSON.stringify(nothing)}`,
            );
        }
      }
    context.diagnostic(`${compared} hidden ids compared with ids of nothing`);
    assert.deepEqual(differences, []);
  });

  test('for every operation on a resident by id, a resident the caller may not see and no resident answer alike', async (context) => {
    const operations = idOperations().filter((operation) => operation.template.startsWith('/Patient/'));
    assert.ok(operations.length >= 2, 'the contract reads a Patient and their summary by id');
    const differences: string[] = [];
    let compared = 0;
    for (const [caller, hidden] of Object.entries(patientIdsHiddenFrom()))
      for (const operation of operations) {
        const ask = async (id: string) => seen(await testHub.call(tokens[caller], operation.template.replace('{id}', id)));
        const nobody = await ask('ex-nobody');
        for (const id of hidden) {
          const answer = await ask(id);
          compared += 1;
          if (answer.status !== 403) differences.push(`${caller} ${operation.template} ${id}: answered ${answer.status}`);
          else if (JSON.stringify(answer) !== JSON.stringify(nobody))
            differences.push(`${caller} ${operation.template} ${id}: ${JSON.stringify(answer)} vs nobody: ${JSON.stringify(nobody)}`);
        }
      }
    context.diagnostic(`${compared} residents compared with no resident`);
    assert.deepEqual(differences, []);
  });

  test('what the caller may see is still found, and break-glass still opens a record (not the class)', async () => {
    assert.equal((await testHub.call(tokens['resident'], `/Patient/${self}`)).status, 200);
    assert.equal((await testHub.call(tokens['ehr-launch'], `/Patient/${launchPatient}`)).status, 200);
    const glass = { headers: { 'x-break-glass-reason': 'Collapsed in the waiting room' } };
    assert.equal((await testHub.call(tokens['gp'], `/Patient/${STRANGER}`, glass)).status, 200);
    assert.equal((await testHub.call(tokens['gp'], '/Patient/ex-nobody', glass)).status, 404);
    const unrelatedItem = await testHub.call(tokens['gp'], '/Condition/ex-stranger-condition');
    assert.equal(hubCode(unrelatedItem.body), 'NO_LEGITIMATE_RELATIONSHIP', 'a professional is still offered break-glass');
  });
});
