/**
 * Accepting an invitation links the carer's account to the contact entry
 * (RelatedPerson) the resident made, and that account is shown to the carer
 * alone (R16). The link was written as a new version of the entry: its
 * versionId, ETag, Last-Modified and `meta.lastUpdated` moved, so a GP — or
 * anyone else who may read the entry but not the account — learned that the
 * contact had accepted.
 *
 * The class: for every reader (each professional, a GP's EHR launch, a
 * clinician with a break-glass reason, the resident, another carer of hers), all they
 * can observe of the entry — the read with its headers, a conditional read,
 * searches (with `_lastUpdated`, `_count`, totals), `_history` and vread — is
 * the same before and after acceptance. The carer who accepted reads the entry
 * with their account, at the version everyone else sees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu patient/RelatedPerson.c';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const REASON = 'Emergency: unconscious in the emergency department';

let hub: TestHub;
let resident = '';
const readers: { name: string; token: string; headers: Record<string, string> }[] = [];

before(async () => {
  hub = await startTestHub();
  resident = hub.hub.borough.personas.resident.patientId;
  for (const persona of ['gp', 'hospital-nurse', 'social-worker', 'receptionist'])
    readers.push({ name: persona, token: await hub.signIn(persona), headers: {} });
  for (const persona of ['gp', 'hospital-nurse'])
    readers.push({ name: `${persona} (break-glass)`, token: await hub.signIn(persona), headers: { 'x-break-glass-reason': REASON } });
  const launch = await fetch(`${hub.origin}/auth/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient: resident }),
  });
  const { launch: launchId } = (await launch.json()) as { launch: string };
  readers.push({
    name: 'gp (EHR launch)',
    token: await hub.signIn('gp', { launch: launchId, scope: 'openid fhirUser launch patient/*.rs' }),
    headers: {},
  });
  readers.push({ name: 'resident', token: await hub.signIn('resident', { scope: RESIDENT_SCOPE }), headers: {} });
  // Another carer: the parent persona, who acts for her own children, and for this resident once she accepts (below).
  readers.push({ name: 'another carer', token: await hub.signIn('parent', { scope: CARER_SCOPE }), headers: {} });
});
after(() => hub.close());

async function addInvitee(name: string): Promise<string> {
  const token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
  const added = await hub.call(token, '/RelatedPerson', {
    method: 'POST',
    headers: { 'x-request-id': crypto.randomUUID() },
    body: { resourceType: 'RelatedPerson', patient: { reference: `Patient/${resident}` }, name: [{ use: 'usual', text: name }] },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const id = String(added.body['id']);
  const saved = await hub.call(token, '/Consent', {
    method: 'POST',
    body: buildProxyConsent({
      patientId: resident,
      relatedPersonId: id,
      carerName: name,
      actions: ['view-record'],
      withheld: [],
      status: 'proposed',
    }),
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  return id;
}

async function inviteAndAccept(id: string, persona: string): Promise<string> {
  const token = await hub.signIn('resident', { scope: RESIDENT_SCOPE });
  const invited = await hub.call(token, `/RelatedPerson/${id}/$invite`, { method: 'POST' });
  assert.equal(invited.status, 200, JSON.stringify(invited.body));
  const code = (invited.body['parameter'] as { name: string; valueString?: string }[]).find((p) => p.name === 'code')?.valueString;
  const carer = await hub.signIn(persona, { scope: CARER_SCOPE });
  const accepted = await hub.call(carer, '/$accept-invitation', {
    method: 'POST',
    body: { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: code }] },
  });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  return carer;
}

/** A search bundle as a reader can compare it: without what every search answer has anew (its id, time, links). */
function bundleSeen(body: Json): Json {
  const { id: _id, meta: _meta, timestamp: _timestamp, link: _link, ...rest } = body;
  return rest;
}

/** Everything one reader can observe of the contact entry `id`, given the ETag they held before. */
async function observe(reader: (typeof readers)[number], id: string, since: string, etagBefore: string | undefined): Promise<Json> {
  const seen: Json = {};
  const read = await hub.call(reader.token, `/RelatedPerson/${id}`, { headers: reader.headers });
  seen['read'] = { status: read.status, body: read.body, etag: read.headers.get('etag'), lastModified: read.headers.get('last-modified') };
  if (etagBefore !== undefined) {
    const conditional = await hub.call(reader.token, `/RelatedPerson/${id}`, {
      headers: { ...reader.headers, 'if-none-match': etagBefore },
    });
    seen['conditional read'] = { status: conditional.status, etag: conditional.headers.get('etag') };
  }
  for (const path of [
    `/RelatedPerson?patient=${resident}`,
    `/RelatedPerson?patient=${resident}&_lastUpdated=gt${since}`,
    `/RelatedPerson?patient=${resident}&_lastUpdated=le${since}`,
    `/RelatedPerson?patient=${resident}&_count=1`,
    `/RelatedPerson?patient=${resident}&_sort=-_lastUpdated&_count=1`,
    `/RelatedPerson/${id}/_history`,
    `/RelatedPerson/${id}/_history/1`,
    `/RelatedPerson/${id}/_history/2`,
  ]) {
    const answer = await hub.call(reader.token, path, { headers: reader.headers });
    seen[path.replace(id, '{id}')] = {
      status: answer.status,
      body: answer.body['resourceType'] === 'Bundle' ? bundleSeen(answer.body) : answer.body,
    };
  }
  return seen;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('accepting an invitation is not seen by those who may read the contact but not the account', () => {
  test('the reported case: a GP reads the same version, ETag and lastUpdated before and after', async () => {
    const id = await addInvitee('Reported Friend');
    const gp = readers.find((reader) => reader.name === 'gp')!;
    const before = await hub.call(gp.token, `/RelatedPerson/${id}`);
    await pause(5);
    await inviteAndAccept(id, 'parent');
    const afterwards = await hub.call(gp.token, `/RelatedPerson/${id}`);
    assert.equal(afterwards.status, before.status);
    assert.equal(afterwards.headers.get('etag'), before.headers.get('etag'));
    assert.deepEqual(afterwards.body['meta'], before.body['meta']);
  });

  test('every reader observes exactly the same of the entry; the carer alone sees the account, at that version', async () => {
    const id = await addInvitee('Class Friend');
    await pause(5);
    const since = new Date().toISOString();
    await pause(5);
    const etags = new Map<string, string | undefined>();
    const before = new Map<string, Json>();
    for (const reader of readers) {
      const seen = await observe(reader, id, since, undefined);
      before.set(reader.name, seen);
      etags.set(reader.name, ((seen['read'] as Json)['etag'] as string | null) ?? undefined);
    }
    const carer = await inviteAndAccept(id, 'carer');
    for (const reader of readers) {
      const expected = await observe(reader, id, since, etags.get(reader.name));
      const { 'conditional read': conditional, ...seen } = expected;
      assert.deepEqual(seen, before.get(reader.name), reader.name);
      const etag = etags.get(reader.name);
      if (etag !== undefined) assert.equal((conditional as Json)['status'], 304, `${reader.name}: the ETag they held still holds`);
    }
    const own = await hub.call(carer, `/RelatedPerson/${id}`);
    assert.equal(own.status, 200);
    const identifiers = (own.body['identifier'] as { system?: string }[] | undefined) ?? [];
    assert.equal(identifiers.filter((identifier) => identifier.system === CARER_ACCOUNT_SYSTEM).length, 1, 'the carer sees their account');
    const residentRead = (before.get('resident')!['read'] as Json)['body'] as Json;
    assert.deepEqual(own.body['meta'], residentRead['meta'], 'at the version everyone else sees');
    // And the link works: the carer acts for the resident from the next request.
    assert.equal((await hub.call(carer, `/Patient/${resident}`)).status, 200);
  });
});
