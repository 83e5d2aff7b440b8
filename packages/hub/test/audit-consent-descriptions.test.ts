/**
 * The access log says what was saved. Every Consent created or changed was
 * logged as "Sharing choice saved" / "Sharing choice changed", so a resident
 * reading her log after giving a carer a permission — or stopping one — read
 * that her sharing choices had changed.
 *
 * The class: each kind of Consent (a carer's permission, a sharing choice, one
 * that is neither) × create and update (and stopping a permission), accepted
 * or refused, and an update whose body is neither said as what the stored
 * Consent is: each logged as what it is, a permission never as a sharing
 * choice and a sharing choice never as a permission.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu patient/RelatedPerson.c';

let hub: TestHub;
let patientId = '';
let token = '';

before(async () => {
  hub = await startTestHub();
  patientId = hub.hub.borough.personas.resident.patientId;
  token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => hub.close());

const sharingChoice = (): Json => ({
  resourceType: 'Consent',
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
  patient: { reference: `Patient/${patientId}` },
  policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
  provision: { type: 'permit' },
});

/** A Consent that is neither a permission nor a sharing choice (a research consent). */
const neither = (): Json => ({
  resourceType: 'Consent',
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'research' }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '57016-8' }] }],
  patient: { reference: `Patient/${patientId}` },
});

const auditIds = async (): Promise<Map<string, Json>> => {
  // The newest entries, whomever they are about: a request refused before its resident is known is logged too.
  const found = await hub.hub.store.search({
    type: 'AuditEvent',
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 50,
    visibility: { hiddenLabels: [] },
  });
  return new Map(found.resources.map((event) => [String(event['id']), event]));
};

/** Makes the request and returns the description of the one access-log entry it wrote. */
async function loggedAs(path: string, init: { method: string; body: unknown; headers?: Record<string, string> }) {
  const before = await auditIds();
  const answer = await hub.call(token, path, init);
  const written = [...(await auditIds()).entries()].filter(([id]) => !before.has(id)).map(([, event]) => event);
  assert.equal(written.length, 1, `one entry for ${init.method} ${path}`);
  const entity = (written[0]!['entity'] as { description?: string }[] | undefined) ?? [];
  const description = entity.map((item) => item.description).find((text) => typeof text === 'string');
  return { status: answer.status, body: answer.body, etag: answer.headers.get('etag') ?? '', description };
}

async function addContact(name: string): Promise<string> {
  const added = await hub.call(token, '/RelatedPerson', {
    method: 'POST',
    headers: { 'x-request-id': crypto.randomUUID() },
    body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${patientId}` }, name: [{ use: 'usual', text: name }] },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  return String(added.body['id']);
}

describe('the access log says which kind of Consent was saved', () => {
  test('the reported case: a carer’s permission saved is not logged as a sharing choice', async () => {
    const contact = await addContact('Reported Helper');
    const saved = await loggedAs('/Consent', {
      method: 'POST',
      body: buildProxyConsent({ patientId, relatedPersonId: contact, actions: ['view-record'], withheld: [], status: 'proposed' }),
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal(saved.description, 'Permission to act for you saved');
  });

  test('every kind × create and update, accepted or refused, is logged as what it is', async () => {
    const contact = await addContact('Class Helper');
    const proxy = (status: 'proposed' | 'active' | 'inactive', actions: ('view-record' | 'view-appointments')[]): Json => ({
      ...(buildProxyConsent({ patientId, relatedPersonId: contact, actions, withheld: [], status: 'proposed' }) as unknown as Json),
      status,
    });

    const permission = await loggedAs('/Consent', { method: 'POST', body: proxy('proposed', ['view-record']) });
    assert.equal(permission.status, 201);
    assert.equal(permission.description, 'Permission to act for you saved');
    const id = String(permission.body['id']);
    const changed = await loggedAs(`/Consent/${id}`, {
      method: 'PUT',
      body: { ...proxy('proposed', ['view-appointments']), id },
      headers: { 'if-match': permission.etag },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.description, 'Permission to act for you changed');
    const stale = await loggedAs(`/Consent/${id}`, {
      method: 'PUT',
      body: { ...proxy('proposed', ['view-record']), id },
      headers: { 'if-match': permission.etag },
    });
    assert.equal(stale.status, 412, 'refused: an old version');
    assert.equal(stale.description, 'Permission to act for you changed');
    const asNeither = await loggedAs(`/Consent/${id}`, {
      method: 'PUT',
      body: { ...neither(), id },
      headers: { 'if-match': changed.etag },
    });
    assert.ok(asNeither.status >= 400, 'a permission cannot be made into something else');
    assert.equal(asNeither.description, 'Permission to act for you changed', 'said as the stored permission is');
    const stopped = await loggedAs(`/Consent/${id}`, {
      method: 'PUT',
      body: { ...proxy('inactive', ['view-appointments']), id },
      headers: { 'if-match': changed.etag },
    });
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.equal(stopped.description, 'Permission to act for you stopped');

    // A sharing choice: saved (or refused, when she has one), and changed.
    const choice = await loggedAs('/Consent', { method: 'POST', body: sharingChoice() });
    assert.ok([201, 409].includes(choice.status), JSON.stringify(choice.body));
    assert.equal(choice.description, 'Sharing choice saved');
    const current = (
      await hub.hub.store.search({
        type: 'Consent',
        patientId,
        criteria: [],
        sort: { by: 'lastUpdated', descending: true },
        count: 100,
        visibility: { hiddenLabels: [] },
      })
    ).matches
      .map((match) => ({ resource: match.resource, stored: match }))
      .find(
        ({ resource }) =>
          JSON.stringify(resource['scope']).includes('patient-privacy') && !JSON.stringify(resource['category']).includes('proxy'),
      );
    assert.ok(current, 'she has a sharing choice');
    const choiceId = String(current.resource['id']);
    const read = await hub.call(token, `/Consent/${choiceId}`);
    const etag = read.headers.get('etag') ?? '';
    const choiceChanged = await loggedAs(`/Consent/${choiceId}`, {
      method: 'PUT',
      body: { ...sharingChoice(), id: choiceId },
      headers: { 'if-match': etag },
    });
    assert.equal(choiceChanged.status, 200, JSON.stringify(choiceChanged.body));
    assert.equal(choiceChanged.description, 'Sharing choice changed');
    const choiceAsNeither = await loggedAs(`/Consent/${choiceId}`, {
      method: 'PUT',
      body: { ...neither(), id: choiceId },
      headers: { 'if-match': choiceChanged.etag },
    });
    assert.ok(choiceAsNeither.status >= 400);
    assert.equal(choiceAsNeither.description, 'Sharing choice changed', 'said as the stored choice is');

    // Neither: never said to be a sharing choice or a permission.
    const other = await loggedAs('/Consent', { method: 'POST', body: neither() });
    assert.ok(other.status >= 400, JSON.stringify(other.body));
    assert.equal(other.description, 'Consent added');
    const malformed = await loggedAs('/Consent', { method: 'POST', body: { ...neither(), category: { text: 'not a list' } } });
    assert.ok(malformed.status >= 400 && malformed.status < 500, `a malformed body is refused, not a fault: ${malformed.status}`);
    assert.equal(malformed.description, 'Consent added');
  });
});
