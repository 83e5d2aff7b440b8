/**
 * The resident's sharing choice on the real hub: saved through the contract's
 * Consent operations, and enforced on the very next professional request —
 * an excluded organisation is refused (break-glass still works, audited, and
 * shows in the resident's access log), a withheld category is announced as
 * withheld, and opting back in restores what was there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, isSharingConflict, loadSharing, readAccessLog, saveSharing } from '@care-record/sdk';
import { formatResidentDateTime } from '@care-record/sdk/format';
import { signInPersonas, type SignInPersona } from '../src/index.js';
import { checkResponse } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type BundleJson = { entry?: { resource: Json; search?: { mode: string } }[]; meta?: { security?: { code: string }[] } };

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';

let testHub: TestHub;
let gp: SignInPersona;
let socialWorker: SignInPersona;
let residentId: string;
let otherConsentId: string;
let mentalHealthOds: string;
let residentToken: string;
let gpToken: string;

function sharingChoice(exceptions: Json[], patient = residentId): Json {
  return {
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patient}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: { type: 'permit', ...(exceptions.length > 0 ? { provision: exceptions } : {}) },
  };
}
const denyOrganization = (id: string): Json => ({
  type: 'deny',
  actor: [
    {
      role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
      reference: { reference: `Organization/${id}` },
    },
  ],
});
const denyCategory = (system: string, code: string): Json => ({ type: 'deny', securityLabel: [{ system, code }] });

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const issueText = (body: Json) => (body['issue'] as { details?: { text?: string } }[] | undefined)?.[0]?.details?.text;
const ids = (bundle: Json) =>
  ((bundle as BundleJson).entry ?? []).filter((entry) => entry.search?.mode !== 'outcome').map((entry) => String(entry.resource['id']));
const redacted = (bundle: Json) => ((bundle as BundleJson).meta?.security ?? []).some((label) => label.code === 'REDACTED');

function contractCheck(method: string, template: string, response: { status: number; body: Json }) {
  const result = checkResponse(testHub.hub.schemas, method, template, response.status, response.body);
  assert.ok(result.valid, `${method} ${template} ${response.status}: ${result.errors.join('; ')}`);
}

/** Saves the resident's choice: creates it the first time, then replaces it with If-Match. */
let current: { id: string; etag: string } | undefined;
async function choose(exceptions: Json[]): Promise<void> {
  const body = sharingChoice(exceptions);
  const response = current
    ? await testHub.call(residentToken, `/Consent/${current.id}`, {
        method: 'PUT',
        body: { ...body, id: current.id },
        headers: { 'if-match': current.etag },
      })
    : await testHub.call(residentToken, '/Consent', { method: 'POST', body });
  assert.equal(response.status, current ? 200 : 201, JSON.stringify(response.body));
  contractCheck(current ? 'PUT' : 'POST', current ? '/Consent/{id}' : '/Consent', response);
  current = { id: String(response.body['id']), etag: response.headers.get('etag') ?? '' };
}

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  gp = personas.find((persona) => persona.id === 'gp')!;
  socialWorker = personas.find((persona) => persona.id === 'social-worker')!;
  residentId = personas.find((persona) => persona.id === 'resident')!.patientId!;
  const { store } = testHub.hub;
  assert.ok(await store.isRelated(residentId, gp.organizationId!), 'the GP cares for the resident');
  // The resident persona's record may have no synthetic Consent, mental health or social care entries: add one of each
  // kind from its own source, so that withholding a category has something to withhold.
  await store.query("DELETE FROM resource WHERE type = 'Consent' AND patient_id = ?", [residentId]);
  otherConsentId = (
    (await store.query("SELECT id FROM resource WHERE type = 'Consent' AND patient_id != ? LIMIT 1", [residentId]))[0] as { id: string }
  ).id;
  const mentalHealth = (
    (await store.query("SELECT json FROM resource WHERE type = 'Organization' AND json LIKE '%Mental health trust%'"))[0] as {
      json: string;
    }
  ).json;
  mentalHealthOds = (JSON.parse(mentalHealth) as { identifier: { value: string }[] }).identifier[0]!.value;
  await store.relate(residentId, `org-${mentalHealthOds.toLowerCase()}`);
  await store.relate(residentId, socialWorker.organizationId!);
  const condition = (id: string, source: string, text: string, security: Json[] = []) => ({
    resourceType: 'Condition',
    id,
    meta: { source: `https://care-record.example/source/${source}`, ...(security.length > 0 ? { security } : {}) },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
    code: { text },
    subject: { reference: `Patient/${residentId}` },
    recordedDate: '2026-10-01',
  });
  await store.put(condition('cond-sharing-psy', mentalHealthOds, 'Depression', [{ system: ACT_CODE, code: 'PSY' }]));
  await store.put(condition('cond-sharing-social', socialWorker.odsCode!, 'Needs help with washing and dressing'));
  residentToken = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  gpToken = await testHub.signIn('gp');
});
after(() => testHub.close());

describe('sharing choices take effect on the next professional read', () => {
  test('an excluded organisation is refused everywhere, with a reason it can show; opting back in restores access', async () => {
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 200);

    await choose([denyOrganization(gp.organizationId!)]);
    const read = await testHub.call(gpToken, `/Patient/${residentId}`);
    assert.equal(read.status, 403);
    assert.equal(hubCode(read.body), 'SHARING_DECLINED');
    assert.match(issueText(read.body) ?? '', /chosen not to share .* with your organisation/);
    contractCheck('GET', '/Patient/{id}', read);
    for (const path of [`/Condition?patient=${residentId}`, `/Patient/${residentId}/$summary`, `/Consent?patient=${residentId}`]) {
      const refused = await testHub.call(gpToken, path);
      assert.equal(refused.status, 403, path);
      assert.equal(hubCode(refused.body), 'SHARING_DECLINED', path);
    }
    const batch = await testHub.call(gpToken, '/', {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `AllergyIntolerance?patient=${residentId}` } }],
      },
    });
    const entry = (batch.body['entry'] as { response: { status: string; outcome?: Json } }[])[0]!;
    assert.equal(entry.response.status, '403 Forbidden');
    assert.equal(hubCode(entry.response.outcome!), 'SHARING_DECLINED');
    // Another organisation caring for the resident is not affected.
    const nurse = await testHub.signIn('social-worker');
    assert.equal((await testHub.call(nurse, `/Patient/${residentId}`)).status, 200);

    await choose([]);
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 200);
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}/$summary`)).status, 200);
  });

  test('break-glass still opens the record of an excluded organisation; it is audited and the resident sees it with the reason', async () => {
    await choose([denyOrganization(gp.organizationId!)]);
    const reason = 'Collapsed at the surgery, unable to give a history';
    const emergency = await testHub.call(gpToken, `/Patient/${residentId}`, { headers: { 'x-break-glass-reason': reason } });
    assert.equal(emergency.status, 200);

    const log = await testHub.call(residentToken, `/AuditEvent?patient=${residentId}&purpose=ETREAT`);
    assert.equal(log.status, 200);
    contractCheck('GET', '/AuditEvent', log);
    const events = ((log.body as BundleJson).entry ?? []).map((item) => item.resource);
    const event = events.find((candidate) => JSON.stringify(candidate).includes(reason));
    assert.ok(event, 'the break-glass read is in the resident’s access log');
    assert.equal((event['purposeOfEvent'] as { coding: { code: string }[] }[])[0]!.coding[0]!.code, 'ETREAT');
    assert.ok(JSON.stringify(event['agent']).includes(`Organization/${gp.organizationId}`));

    // The professionals' log leaves out the resident's own reads.
    const professional = await testHub.call(residentToken, `/AuditEvent?patient=${residentId}&purpose=TREAT,ETREAT&_count=500`);
    const purposes = ((professional.body as BundleJson).entry ?? []).map(
      (item) => (item.resource['purposeOfEvent'] as { coding: { code: string }[] }[])[0]!.coding[0]!.code,
    );
    assert.ok(purposes.length > 0);
    assert.ok(purposes.every((code) => code === 'TREAT' || code === 'ETREAT'));
    await choose([]);
  });

  test('a withheld category is announced as withheld to other organisations, still seen by the one that recorded it and by the resident', async () => {
    const before = await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`);
    assert.ok(ids(before.body).includes('cond-sharing-psy'));
    assert.equal(redacted(before.body), false);

    await choose([denyCategory(ACT_CODE, 'PSY')]);
    const after = await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`);
    assert.ok(!ids(after.body).includes('cond-sharing-psy'));
    assert.ok(redacted(after.body), 'the Bundle says some information is not shown');
    contractCheck('GET', '/Condition', after);
    assert.equal((await testHub.call(gpToken, '/Condition/cond-sharing-psy')).status, 404);
    const summary = await testHub.call(gpToken, `/Patient/${residentId}/$summary`);
    assert.ok(!JSON.stringify(summary.body).includes('cond-sharing-psy'));
    assert.ok(redacted(summary.body));
    // Break-glass does not reveal a withheld category.
    const emergency = await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`, {
      headers: { 'x-break-glass-reason': 'Unconscious in A&E, no history available' },
    });
    assert.ok(!ids(emergency.body).includes('cond-sharing-psy'));
    // The resident always sees their own record.
    assert.ok(ids((await testHub.call(residentToken, `/Condition?patient=${residentId}&_count=500`)).body).includes('cond-sharing-psy'));

    await choose([]);
    assert.ok(ids((await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`)).body).includes('cond-sharing-psy'));
  });

  test('social care kept with the council: other organisations see that something is withheld; the council still sees its own', async () => {
    await choose([denyCategory('https://care-record.example/CodeSystem/sharing-category', 'social-care')]);
    const gpView = await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`);
    assert.ok(!ids(gpView.body).includes('cond-sharing-social'));
    assert.ok(redacted(gpView.body));
    const council = await testHub.signIn('social-worker');
    assert.ok(ids((await testHub.call(council, `/Condition?patient=${residentId}&_count=500`)).body).includes('cond-sharing-social'));
    await choose([]);
    assert.ok(ids((await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`)).body).includes('cond-sharing-social'));
  });

  test('a category kept from one organisation only', async () => {
    await choose([{ ...denyOrganization(gp.organizationId!), securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }]);
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 200, 'the GP still sees the record');
    assert.ok(!ids((await testHub.call(gpToken, `/Condition?patient=${residentId}&_count=500`)).body).includes('cond-sharing-psy'));
    const council = await testHub.signIn('social-worker');
    assert.ok(ids((await testHub.call(council, `/Condition?patient=${residentId}&_count=500`)).body).includes('cond-sharing-psy'));
    await choose([]);
  });
});

describe('saving a sharing choice', () => {
  test('a stale If-Match is refused with 412 and changes nothing; a missing one is a bad request', async () => {
    await choose([]);
    const stale = await testHub.call(residentToken, `/Consent/${current!.id}`, {
      method: 'PUT',
      body: { ...sharingChoice([denyOrganization(gp.organizationId!)]), id: current!.id },
      headers: { 'if-match': 'W/"1"' },
    });
    assert.equal(stale.status, 412);
    assert.equal(hubCode(stale.body), 'PRECONDITION_FAILED');
    contractCheck('PUT', '/Consent/{id}', stale);
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 200, 'nothing changed');
    const missing = await testHub.call(residentToken, `/Consent/${current!.id}`, {
      method: 'PUT',
      body: { ...sharingChoice([]), id: current!.id },
    });
    assert.equal(missing.status, 400);
  });

  test('a second POST is a conflict: there is one sharing choice, changed with PUT', async () => {
    const again = await testHub.call(residentToken, '/Consent', { method: 'POST', body: sharingChoice([]) });
    assert.equal(again.status, 409);
    assert.equal(hubCode(again.body), 'SHARING_CHOICE_EXISTS');
    contractCheck('POST', '/Consent', again);
  });

  test('a resident cannot write another resident’s sharing choice', async () => {
    const other = ((await testHub.hub.store.read('Consent', otherConsentId))!.resource['patient'] as { reference: string }).reference.slice(
      8,
    );
    const created = await testHub.call(residentToken, '/Consent', { method: 'POST', body: sharingChoice([], other) });
    assert.equal(created.status, 403);
    const stored = (await testHub.hub.store.read('Consent', otherConsentId))!;
    const replaced = await testHub.call(residentToken, `/Consent/${otherConsentId}`, {
      method: 'PUT',
      body: { ...sharingChoice([]), id: otherConsentId },
      headers: { 'if-match': `W/"${stored.versionId}"` },
    });
    assert.equal(replaced.status, 404, 'another resident’s choice is not found, as an id of nothing is');
    assert.equal((await testHub.hub.store.read('Consent', otherConsentId))!.versionId, stored.versionId);
  });

  test('an unknown organisation or category is refused with 422 and a sentence to show', async () => {
    for (const exception of [denyOrganization('org-nowhere'), denyCategory(ACT_CODE, 'HIV'), { type: 'deny' }]) {
      const response = await testHub.call(residentToken, `/Consent/${current!.id}`, {
        method: 'PUT',
        body: { ...sharingChoice([exception]), id: current!.id },
        headers: { 'if-match': current!.etag },
      });
      assert.equal(response.status, 422, JSON.stringify(exception));
      assert.equal(hubCode(response.body), 'INVALID_RESOURCE');
      assert.ok(issueText(response.body));
      contractCheck('PUT', '/Consent/{id}', response);
    }
  });

  test('professionals cannot write sharing choices; changes are audited', async () => {
    const response = await testHub.call(gpToken, '/Consent', { method: 'POST', body: sharingChoice([]) });
    assert.equal(response.status, 403);
    const changes = await testHub.call(residentToken, `/AuditEvent?patient=${residentId}&action=C,U`);
    const descriptions = ((changes.body as BundleJson).entry ?? []).map((item) => JSON.stringify(item.resource['entity']));
    assert.ok(descriptions.some((text) => text.includes('Sharing choice saved')));
    assert.ok(descriptions.some((text) => text.includes('Sharing choice changed')));
  });
});

describe('the SDK against the hub', () => {
  test('loadSharing lists the organisations caring for the resident; saveSharing changes what the GP sees; a stale save is a conflict', async () => {
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: residentToken });
    const model = await loadSharing(hub, residentId);
    assert.equal(model.consentId, current?.id);
    const practice = model.choices.organisations.find((organisation) => organisation.id === gp.organizationId);
    assert.ok(practice, 'the registered practice is listed');
    assert.ok(practice.name.length > 0 && practice.name !== 'Not known');

    const stopped = structuredClone(model.choices);
    stopped.organisations.find((organisation) => organisation.id === gp.organizationId)!.shared = false;
    const saved = await saveSharing(hub, model, stopped);
    assert.notEqual(saved.etag, model.etag);
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 403);
    const reloaded = await loadSharing(hub, residentId);
    assert.equal(reloaded.choices.organisations.find((organisation) => organisation.id === gp.organizationId)!.shared, false);

    // Saving from the page as it was before (its ETag is stale) is refused, not applied.
    const stale = await saveSharing(hub, model, model.choices).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(isSharingConflict(stale));
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 403);
    await saveSharing(hub, reloaded, model.choices);
    assert.equal((await testHub.call(gpToken, `/Patient/${residentId}`)).status, 200);
    current = { id: reloaded.consentId!, etag: (await loadSharing(hub, residentId)).etag! };
  });

  test('readAccessLog shows professionals’ looks newest first, emergencies marked, page by page', async () => {
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: residentToken });
    const log = readAccessLog(hub, residentId, { pageSize: 5 });
    const first = await log.loadMore();
    assert.ok(first.entries.length > 0);
    assert.ok(log.hasMore);
    const more = await log.loadMore();
    assert.ok(more.entries.length >= first.entries.length);
    while (log.hasMore) await log.loadMore();
    const emergency = log.model.entries.find((entry) => entry.emergency);
    assert.equal(emergency?.emergency?.reason, 'Collapsed at the surgery, unable to give a history');
    // On the hour the clock reads "2pm", "midday" or "midnight": the shape, then the exact words.
    assert.match(emergency!.when, /^\d{1,2} [A-Z][a-z]+ \d{4}, (\d{1,2}(:\d{2})?(am|pm)|midday|midnight)$/);
    assert.equal(emergency!.when, formatResidentDateTime(emergency!.at));
    const times = log.model.entries.map((entry) => Date.parse(entry.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });
});
