/**
 * A resident changes what is theirs to change (docs/access-policy.md R9):
 * their sharing choices and the permissions they give carers — never an
 * organisation's entry on their record. `PUT /Consent/{id}` accepted any
 * Consent on the resident's record, so a resident could overwrite their GP's
 * advance decision (a DNACPR recorded as a Consent) with a sharing choice;
 * and that advance decision, being an active Consent, was taken for a sharing
 * choice already made, so the resident could not save a first one. The class:
 * every update the contract allows × every kind of Consent an organisation or
 * the resident records, from every source, with either kind of body.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';

/** Kinds of Consent a record holds; the resident's own are their sharing choice and the permissions they give. */
const KINDS = ['sharing-choice', 'proxy-permission', 'adr', 'research', 'treatment'] as const;
type Kind = (typeof KINDS)[number];
const residentsKind = (kind: Kind) => kind === 'sharing-choice' || kind === 'proxy-permission';
/** Who recorded it: the resident through the hub, their GP practice, a hospital. */
const SOURCES = ['resident', 'F83999', 'RZ9'] as const;

let testHub: TestHub;
let self = '';
let token = '';
const carer = 'ro-carer';

function sharingChoice(id: string | undefined, status = 'active'): Json {
  return {
    resourceType: 'Consent',
    ...(id ? { id } : {}),
    status,
    scope: { coding: [{ system: CONSENT_SCOPE, code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${self}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit' },
  };
}

function proxyPermission(id: string, status: 'active' | 'inactive' = 'active'): Json {
  const consent = buildProxyConsent({ patientId: self, relatedPersonId: carer, actions: ['view-appointments'], withheld: [] });
  return { ...consent, id, status } as unknown as Json;
}

/** A Consent of this kind on the resident's record, as its source recorded it. */
function consentOf(kind: Kind, id: string, source: string, status: 'active' | 'inactive'): Json {
  const made =
    kind === 'sharing-choice'
      ? sharingChoice(id, status)
      : kind === 'proxy-permission'
        ? proxyPermission(id, status)
        : {
            resourceType: 'Consent',
            id,
            status,
            scope: { coding: [{ system: CONSENT_SCOPE, code: kind }] },
            category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
            patient: { reference: `Patient/${self}` },
            dateTime: '2025-03-01',
            provision: { type: 'deny', code: [{ text: kind === 'adr' ? 'Do not attempt cardiopulmonary resuscitation' : kind }] },
          };
  return { ...made, meta: { source: `https://care-record.example/source/${source}` } };
}

const cases: { kind: Kind; source: string; id: string }[] = [];

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.transaction(async (store) => {
        // The resident's first sharing choice is not made yet: their record holds their GP's advance decision.
        for (const found of await store
          .search({
            type: 'Consent',
            patientId: self,
            criteria: [],
            sort: { by: 'lastUpdated', descending: true },
            count: 100,
            visibility: { hiddenLabels: [] },
          })
          .then((result) => result.resources))
          await store.put({ ...found, status: 'inactive' });
        await store.put({
          resourceType: 'RelatedPerson',
          id: carer,
          active: true,
          patient: { reference: `Patient/${self}` },
          name: [{ text: 'Sam Carer' }],
        });
        await store.put(consentOf('adr', 'ro-dnacpr', 'F83999', 'active'));
        for (const kind of KINDS)
          for (const source of SOURCES) {
            const id = `ro-${kind}-${source}`.toLowerCase();
            // Stopped, so that the resident's own sharing choices here do not stand in each other's way.
            await store.put(consentOf(kind, id, source, 'inactive'));
            cases.push({ kind, source, id });
          }
      });
    },
  });
  token = await testHub.signIn('resident', { scope: SCOPE });
});
after(() => testHub.close());

const versionOf = async (id: string) => (await testHub.hub.store.read('Consent', id))?.versionId;

describe('the reported case', () => {
  test('the resident cannot overwrite their GP’s advance decision, and can save their first sharing choice', async () => {
    const before = await versionOf('ro-dnacpr');
    const overwrite = await testHub.call(token, '/Consent/ro-dnacpr', {
      method: 'PUT',
      body: sharingChoice('ro-dnacpr'),
      headers: { 'if-match': `W/"${before ?? ''}"` },
    });
    assert.equal(overwrite.status, 403);
    assert.equal(await versionOf('ro-dnacpr'), before, 'the advance decision is as the GP recorded it');
    assert.equal((await testHub.hub.store.read('Consent', 'ro-dnacpr'))?.resource['provision'] !== undefined, true);
    const first = await testHub.call(token, '/Consent', { method: 'POST', body: sharingChoice(undefined) });
    assert.equal(first.status, 201, JSON.stringify(first.body).slice(0, 300));
  });
});

describe('the class: every update of the contract × every kind of Consent and source', () => {
  test('only the resident’s own kinds change; an organisation’s entry is refused and unchanged', async (context) => {
    const updates = contractOperations(testHub.hub.schemas.document).filter((operation) => operation.method === 'PUT');
    assert.deepEqual(
      updates.map((operation) => operation.template),
      ['/Consent/{id}'],
      'a new update in the contract needs its own kinds here',
    );
    const wrong: string[] = [];
    for (const { kind, source, id } of cases)
      for (const [bodyKind, body] of [
        ['sharing-choice', sharingChoice(id)],
        ['proxy-permission', proxyPermission(id)],
      ] as const) {
        const before = await versionOf(id);
        const answer = await testHub.call(token, `/Consent/${id}`, {
          method: 'PUT',
          body,
          headers: { 'if-match': `W/"${before ?? ''}"` },
        });
        const name = `${kind} from ${source} ← ${bodyKind}`;
        const allowed = residentsKind(kind) && kind === bodyKind;
        if (allowed && answer.status !== 200) wrong.push(`${name}: answered ${answer.status}`);
        if (!allowed && answer.status < 400) wrong.push(`${name}: answered ${answer.status}`);
        if (!residentsKind(kind) && answer.status !== 403) wrong.push(`${name}: answered ${answer.status}, not 403`);
        if (!allowed && (await versionOf(id)) !== before) wrong.push(`${name}: changed`);
        // Put back as it was, so that the next body meets the same stored kind.
        if (allowed) await testHub.hub.store.put(consentOf(kind, id, source, 'inactive'));
      }
    context.diagnostic(`${cases.length * 2} updates tried`);
    assert.deepEqual(wrong, []);
  });
});
