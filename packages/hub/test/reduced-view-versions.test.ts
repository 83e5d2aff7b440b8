/**
 * A reader of a reduced view cannot tell that what they cannot see changed.
 *
 * The reported case: a receptionist reads an Appointment without its clinical detail (reason, comment, notes), but
 * its `meta.versionId`, `meta.lastUpdated`, `ETag` and `Last-Modified`, its `If-None-Match` 304 and a
 * `_lastUpdated` search all moved when only the hidden reason or comment changed — telling the desk that a
 * clinical change was made. Now a reduced view carries a version of its own (a hash of what it shows), no time of
 * last change, and a search by last change of that type is refused to its reader.
 *
 * The class: every role × every resource type of the record it may read × a change only to what a reduced view
 * leaves out (the narrative, and an appointment's reason and comment) and a change to what every view shows (an
 * identifier). Observed over everything a reader gets of the item: a read's body, ETag, Last-Modified and a 304 on
 * the old ETag, the item in a search of the record, in a batch, in a `_lastUpdated` search and in the summary. A
 * hidden-only change must leave all of it as it was for the reader whose view leaves it out, and must show to a
 * reader who reads the whole item; a visible change shows to everyone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { OTHER_SOURCE, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { checkResponse } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const ROLES = ['gp', 'hospital-nurse', 'social-worker', 'receptionist', 'resident'] as const;
type Role = (typeof ROLES)[number];
/** What a receptionist reads of a resident's record (R3): the rest is refused to their role. */
const NON_CLINICAL_TYPES = new Set(['Appointment', 'RelatedPerson']);
/** The reduced views the access policy describes (R3): who reads which type with its clinical detail left out. */
const reducedFor = (role: Role, type: string) => role === 'receptionist' && type === 'Appointment';
const mayRead = (role: Role, type: string) => role !== 'receptionist' || NON_CLINICAL_TYPES.has(type);

const T0 = Date.parse('2026-11-20T09:00:00Z');
const T1 = Date.parse('2026-11-25T09:00:00Z');
const BETWEEN = '2026-11-22T00:00:00Z';

let testHub: TestHub;
let patientId = '';
const tokens: Partial<Record<Role, string>> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      patientId = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      for (const persona of personas) if (persona.organizationId) await hub.store.relate(patientId, persona.organizationId);
    },
  });
  for (const role of ROLES) tokens[role] = await testHub.signIn(role);
});
after(() => testHub.close());

const narrative = (words: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${words}</div>` });

/** An item of the type on the resident's record, as a source sends it (an appointment booked for the future). */
function item(type: string, id: string): Json {
  const base = recordItem(type, id, patientId);
  const resource: Json = { ...base, text: narrative('Seen about the left knee') };
  if (type === 'Appointment')
    Object.assign(resource, {
      status: 'booked',
      start: '2026-12-20T10:00:00Z',
      end: '2026-12-20T10:20:00Z',
      description: 'Review',
      comment: 'Check the wound',
      reasonCode: [{ text: 'Knee pain' }],
    });
  return resource;
}

/** The same item with only what a reduced view leaves out changed. */
function hiddenChange(resource: Json): Json {
  const changed: Json = { ...resource, text: narrative('Seen about the right knee, worse') };
  if (resource['resourceType'] === 'Appointment')
    Object.assign(changed, { comment: 'Wound infected', reasonCode: [{ text: 'Knee wound' }] });
  return changed;
}

/** The same item with what every view shows changed. */
function visibleChange(resource: Json): Json {
  return { ...resource, identifier: [{ system: 'https://care-record.example/test/booking', value: 'second' }] };
}

const entries = (body: Json) => (body['entry'] as { resource?: Json; response?: Json; search?: { mode?: string } }[] | undefined) ?? [];

/** Everything a role observes of one item, as text to compare. */
async function observe(role: Role, type: string, id: string, oldEtag?: string): Promise<Json> {
  const token = tokens[role];
  const read = await testHub.call(token, `/${type}/${id}`);
  assert.equal(read.status, 200, `${role} reads ${type}: ${JSON.stringify(read.body).slice(0, 300)}`);
  const etag = read.headers.get('etag') ?? '';
  const notModified =
    oldEtag === undefined ? undefined : (await testHub.call(token, `/${type}/${id}`, { headers: { 'if-none-match': oldEtag } })).status;
  const search = await testHub.call(token, `/${type}?patient=${patientId}`);
  assert.equal(search.status, 200, `${role} searches ${type}`);
  const inSearch = entries(search.body).find((entry) => entry.resource?.['id'] === id)?.resource;
  const batch = await testHub.call(token, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `${type}/${id}` } }] },
  });
  const [batchEntry] = entries(batch.body);
  const since = await testHub.call(token, `/${type}?patient=${patientId}&_lastUpdated=gt${BETWEEN}`);
  const sorted = await testHub.call(token, `/${type}?patient=${patientId}&_sort=-_lastUpdated`);
  const summary = await testHub.call(token, `/Patient/${patientId}/$summary`);
  return {
    body: read.body,
    etag,
    lastModified: read.headers.get('last-modified'),
    notModified,
    inSearch,
    batch: batchEntry,
    since: since.status === 200 ? entries(since.body).some((entry) => entry.resource?.['id'] === id) : since.body,
    sorted: sorted.status === 200 ? entries(sorted.body).map((entry) => entry.resource?.['id']) : sorted.body,
    inSummary: entries(summary.body).find((entry) => entry.resource?.['id'] === id)?.resource,
  };
}

const CHANGES = { 'hidden-only': hiddenChange, visible: visibleChange } as const;

describe('the reported case: a receptionist and an appointment whose reason and comment change', () => {
  test('nothing the receptionist reads of it moves; the GP sees the change', async () => {
    const id = 'rv-reported';
    const stored = item('Appointment', id);
    await testHub.hub.store.put(stored, T0);
    const desk = await observe('receptionist', 'Appointment', id);
    const gp = await observe('gp', 'Appointment', id);
    await testHub.hub.store.put(hiddenChange(stored), T1);
    const deskAfter = await observe('receptionist', 'Appointment', id, String(desk['etag']));
    assert.equal(deskAfter['notModified'], 304, 'the old ETag is still current for the desk');
    assert.deepEqual({ ...deskAfter, notModified: undefined }, { ...desk, notModified: undefined });
    assert.equal(JSON.stringify(deskAfter).includes('Wound'), false);
    // The desk view is an Appointment as the contract describes it, read and searched.
    for (const [template, body] of [
      ['/Appointment/{id}', deskAfter['body']],
      ['/Appointment', (await testHub.call(tokens.receptionist, `/Appointment?patient=${patientId}`)).body],
    ] as const) {
      const check = checkResponse(testHub.hub.schemas, 'GET', template, 200, body as Json);
      assert.ok(check.valid, `${template}: ${check.errors.slice(0, 3).join('; ')}`);
    }
    const gpAfter = await observe('gp', 'Appointment', id, String(gp['etag']));
    assert.notEqual(gpAfter['etag'], gp['etag']);
    assert.equal(gpAfter['notModified'], 200);
  });

  test('an appointment given a reason where it had none looks the same to the desk, tag and all', async () => {
    const id = 'rv-first-reason';
    const { comment: _comment, reasonCode: _reasonCode, text: _text, ...bare } = item('Appointment', id);
    await testHub.hub.store.put(bare, T0);
    const desk = await observe('receptionist', 'Appointment', id);
    await testHub.hub.store.put(hiddenChange(bare), T1);
    const deskAfter = await observe('receptionist', 'Appointment', id, String(desk['etag']));
    assert.equal(deskAfter['notModified'], 304);
    assert.deepEqual({ ...deskAfter, notModified: undefined }, { ...desk, notModified: undefined });
  });

  test('a search by last change of appointments is refused to the desk with a reason, not answered', async () => {
    for (const query of [`_lastUpdated=gt${BETWEEN}`, `_lastUpdated=le${BETWEEN}`, '_sort=_lastUpdated', '_sort=-_lastUpdated']) {
      const answer = await testHub.call(tokens.receptionist, `/Appointment?patient=${patientId}&${query}`);
      assert.equal(answer.status, 400, query);
      assert.match(JSON.stringify(answer.body), /_lastUpdated/);
    }
  });
});

describe('the class: every role × every type it reads × a hidden-only and a visible change', () => {
  for (const type of RECORD_TYPES)
    for (const [change, apply] of Object.entries(CHANGES))
      test(`${type}, ${change} change`, async () => {
        const id = `rv-${type.toLowerCase()}-${change}`;
        const stored = { ...item(type, id), meta: { source: OTHER_SOURCE } };
        await testHub.hub.store.put(stored, T0);
        const roles = ROLES.filter((role) => mayRead(role, type));
        const before = new Map<Role, Json>();
        for (const role of roles) before.set(role, await observe(role, type, id));
        await testHub.hub.store.put(apply(stored), T1);
        for (const role of roles) {
          const earlier = before.get(role)!;
          const now = await observe(role, type, id, String(earlier['etag']));
          const unseen = change === 'hidden-only' && reducedFor(role, type);
          const { notModified, ...observed } = now;
          if (unseen) {
            assert.deepEqual(observed, pick(earlier, Object.keys(observed)), `${role}: ${type} looks the same after a hidden-only change`);
            assert.equal(notModified, 304, `${role}: the ETag read before is still current`);
            assert.equal(observed['lastModified'], null, `${role}: a reduced view says nothing of when the item changed`);
          } else {
            assert.notEqual(observed['etag'], earlier['etag'], `${role}: ${type}'s ETag shows the change`);
            assert.notDeepEqual(observed['body'], earlier['body'], `${role}: ${type}'s body shows the change`);
            assert.notDeepEqual(observed['inSearch'], earlier['inSearch'], `${role}: ${type} in a search shows the change`);
            assert.equal(notModified, 200, `${role}: the ETag read before is no longer current`);
          }
          if (reducedFor(role, type)) {
            const meta = (observed['body'] as Json)['meta'] as Json;
            assert.equal(meta['lastUpdated'], undefined, `${role}: no lastUpdated in a reduced view`);
            assert.equal(observed['etag'], `W/"${String(meta['versionId'])}"`, `${role}: the ETag is the view's version`);
            assert.equal(
              ((observed['batch'] as Json)['response'] as Json)['etag'],
              observed['etag'],
              `${role}: a batch gives the same ETag`,
            );
          }
        }
      });
});

describe('writes', () => {
  test('the receptionist cannot write an appointment, so no hidden detail is lost by a write from the desk', async () => {
    const id = 'rv-write';
    await testHub.hub.store.put(item('Appointment', id), T0);
    const desk = await testHub.call(tokens.receptionist, `/Appointment/${id}`);
    const etag = desk.headers.get('etag') ?? '';
    for (const method of ['PUT', 'POST']) {
      const path = method === 'PUT' ? `/Appointment/${id}` : '/Appointment';
      const answer = await testHub.call(tokens.receptionist, path, { method, body: desk.body, headers: { 'if-match': etag } });
      assert.ok(answer.status >= 400 && answer.status < 500, `${method}: refused (${answer.status})`);
    }
    const stored = (await testHub.hub.store.read('Appointment', id))!.resource;
    assert.equal(stored['comment'], 'Check the wound');
    assert.deepEqual(stored['reasonCode'], [{ text: 'Knee pain' }]);
  });

  test('a resident who reads the whole of their sharing choice still updates it with If-Match', async () => {
    const resident = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu' });
    // The resident persona's own sharing choice (the borough gives them one): a Consent naming no carer.
    const consents = await testHub.call(resident, `/Consent?patient=${patientId}&status=active`);
    const choice = entries(consents.body).find(
      (entry) => entry.resource?.['resourceType'] === 'Consent' && !JSON.stringify(entry.resource).includes('RelatedPerson/'),
    )?.resource;
    assert.ok(choice, JSON.stringify(consents.body).slice(0, 500));
    const id = String(choice['id']);
    const read = await testHub.call(resident, `/Consent/${id}`);
    const updated = await testHub.call(resident, `/Consent/${id}`, {
      method: 'PUT',
      body: { ...read.body, provision: { type: 'permit' } },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    const stale = await testHub.call(resident, `/Consent/${id}`, {
      method: 'PUT',
      body: { ...read.body, provision: { type: 'permit', provision: [] } },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(stale.status, 412);
  });
});

function pick(value: Json, keys: string[]): Json {
  return Object.fromEntries(keys.map((key) => [key, value[key]]));
}
