/**
 * A resident can always stop or change a permission for someone to act for them (R9), even one a practice recorded
 * whose source document is kept from her (`NOPAT`). She reads that permission as a partial view: the reference to the
 * document left out, tagged `SUBSETTED`, versioned by what she sees (R13, `withheld-references.ts`). Her change is
 * sent with that version in `If-Match`, as the SDK sends it. The hub compared `If-Match` with the version as stored
 * (which the contract would not even let her send: `400`), so she could never stop it; once past that, the change
 * stored what she sent, dropping the practice's record of the form, and answered with the permission as stored,
 * naming the form kept from her.
 *
 * The class: why a reference in the permission is kept from her (the item labelled `NOPAT`, a resource it contains
 * labelled so, another resident's item, a type her app's token does not read) × where the practice recorded it (the
 * source document, who verified it) × what she does (stops it, changes what the carer may do) × where she took the
 * version from (a read's `ETag`, a search entry's `meta.versionId`). Each change is made, keeps what the practice
 * recorded, and is answered as she reads the permission; a version she read before a change she can see is `412`,
 * naming only versions she was given. A permission she reads whole keeps what others recorded when she leaves it out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent, PROXY_ACTION_SYSTEM, stopProxyConsent, type Consent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, OTHER_SOURCE, exampleOf, practicePermission, recordItem, residentContact } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
/** A resident's app that manages who acts for her, and reads nothing else of the record but the people on it. */
const NARROW_SCOPE = 'openid fhirUser launch/patient patient/Consent.rs patient/Consent.cu patient/RelatedPerson.rs';
const OTHER_RESIDENT = 'cpv-other-resident';
const CONTACT = 'cpv-contact';
const FORM = 'cpv-signed-form';

let testHub: TestHub;
let self = '';
let token = '';
let narrowToken = '';

const WHYS = ['NOPAT', 'contained NOPAT', 'another resident', 'outside her token', 'she reads it'] as const;
type Why = (typeof WHYS)[number];
/** Where the practice records a reference, and to what. */
const WHERES = [
  { element: 'sourceReference', target: 'DocumentReference', put: (reference: Json): Json => ({ sourceReference: reference }) },
  {
    element: 'verification',
    target: 'RelatedPerson',
    put: (reference: Json): Json => ({ verification: [{ verified: true, verifiedWith: reference, verificationDate: '2026-10-01' }] }),
  },
] as const;
type Change = 'stop' | 'change actions';
type VersionFrom = 'read' | 'search';
interface Case {
  id: string;
  why: Why;
  where: (typeof WHERES)[number];
  change: Change;
  from: VersionFrom;
  target: string;
}
const cases: Case[] = [];

function target(type: string, id: string, why: Why): Json {
  const patientId = why === 'another resident' ? OTHER_RESIDENT : self;
  const nopat = [{ system: ACT_CODE, code: 'NOPAT' }];
  const item =
    type === 'RelatedPerson'
      ? {
          ...exampleOf('RelatedPerson'),
          id,
          active: true,
          patient: { reference: `Patient/${patientId}` },
          identifier: [],
          meta: { source: OTHER_SOURCE },
        }
      : recordItem(type, id, patientId);
  if (why === 'NOPAT') return { ...item, meta: { ...(item['meta'] as Json), security: nopat } };
  if (why === 'contained NOPAT') return { ...item, contained: [{ resourceType: 'Basic', id: 'note', meta: { security: nopat } }] };
  return item;
}

const permission = (id: string, extra: Json) => practicePermission(self, CONTACT, id, extra);

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(residentContact(self, CONTACT));
      // The practice scanned the form it was asked with, and kept it from the resident.
      await hub.store.put(recordItem('DocumentReference', FORM, self, ['NOPAT']));
      await hub.store.put(permission('cpv-reported', { sourceReference: { reference: `DocumentReference/${FORM}` } }));
      const patient = (await hub.store.read('Patient', self))?.resource ?? {};
      await hub.store.put({ ...patient, id: OTHER_RESIDENT, identifier: [] });
      for (const why of WHYS)
        for (const where of WHERES.filter((place) => why !== 'outside her token' || place.target !== 'RelatedPerson'))
          for (const change of ['stop', 'change actions'] as const)
            for (const from of ['read', 'search'] as const) {
              const id = `cpv-${cases.length}`;
              await hub.store.put(target(where.target, `${id}-target`, why));
              await hub.store.put(permission(id, where.put({ reference: `${where.target}/${id}-target` })));
              cases.push({ id, why, where, change, from, target: `${id}-target` });
            }
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  narrowToken = await testHub.signIn('resident', { scope: NARROW_SCOPE });
});
after(() => testHub.close());

describe('the reported case: a permission whose source document is kept from the resident', () => {
  test('she stops it with the version she read, and is not sent what is kept from her', async () => {
    const read = await testHub.call(token, '/Consent/cpv-reported');
    assert.equal(read.status, 200);
    assert.ok(!JSON.stringify(read.body).includes(FORM), 'the document is not named to her');
    const stopped = await testHub.call(token, '/Consent/cpv-reported', {
      method: 'PUT',
      body: stopProxyConsent(read.body as unknown as Consent) as unknown as Json,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.equal(stopped.body['status'], 'inactive');
    assert.ok(!JSON.stringify(stopped.body).includes(FORM), 'the answer does not name the document');
    const stored = (await testHub.hub.store.read('Consent', 'cpv-reported'))?.resource ?? {};
    assert.equal(stored['status'], 'inactive', 'stopped');
    assert.deepEqual(stored['sourceReference'], { reference: `DocumentReference/${FORM}` }, 'the practice’s record of the form is kept');
  });
});

describe('the class: why kept from her × where recorded × what she does × where the version came from', () => {
  test('every change is made, keeps what the practice recorded, and is answered as she reads it', async () => {
    const wrong: string[] = [];
    for (const item of cases) {
      const name = `${item.why}, ${item.where.element}, ${item.change}, version from a ${item.from}`;
      const tokenFor = item.why === 'outside her token' ? narrowToken : token;
      const read = await testHub.call(tokenFor, `/Consent/${item.id}`);
      const shown = JSON.stringify(read.body).includes(item.target);
      if (read.status !== 200 || shown !== (item.why === 'she reads it')) {
        wrong.push(`${name}: read ${read.status}, the reference ${shown ? 'shown' : 'left out'}`);
        continue;
      }
      const found = await testHub.call(tokenFor, `/Consent?patient=${self}&_count=500`);
      const entry = ((found.body['entry'] as { resource: Json }[] | undefined) ?? []).find((e) => e.resource['id'] === item.id)?.resource;
      const version =
        item.from === 'read' ? read.headers.get('etag') : `W/"${String((entry?.['meta'] as Json | undefined)?.['versionId'])}"`;
      const current = read.body as unknown as Consent;
      const body = (item.change === 'stop'
        ? stopProxyConsent(current)
        : buildProxyConsent(
            { patientId: self, relatedPersonId: CONTACT, actions: ['view-appointments', 'view-results'], withheld: [] },
            current,
          )) as unknown as Json;
      const before = (await testHub.hub.store.read('Consent', item.id))?.resource ?? {};
      const answer = await testHub.call(tokenFor, `/Consent/${item.id}`, { method: 'PUT', body, headers: { 'if-match': version ?? '' } });
      if (answer.status !== 200) {
        wrong.push(`${name}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
        continue;
      }
      const after = (await testHub.hub.store.read('Consent', item.id))?.resource ?? {};
      if (JSON.stringify(after[item.where.element]) !== JSON.stringify(before[item.where.element]))
        wrong.push(`${name}: what the practice recorded was not kept`);
      if (item.change === 'stop' ? after['status'] !== 'inactive' : !JSON.stringify(after['provision']).includes('view-results'))
        wrong.push(`${name}: not changed`);
      if (item.why !== 'she reads it' && JSON.stringify(answer.body).includes(item.target))
        wrong.push(`${name}: the answer names what is kept from her`);
      if (item.why !== 'she reads it' && answer.headers.get('last-modified') !== null)
        wrong.push(`${name}: the answer says when it changed as stored`);
      const again = await testHub.call(tokenFor, `/Consent/${item.id}`);
      if (again.headers.get('etag') !== answer.headers.get('etag')) wrong.push(`${name}: the answer's version is not the one she reads`);
    }
    assert.equal(cases.length, (WHYS.length * WHERES.length - 1) * 2 * 2);
    assert.deepEqual(wrong, []);
  });

  test('a version she read before a change she can see is refused, naming only versions she was given', async () => {
    for (const why of ['NOPAT', 'she reads it'] as const) {
      const id = `cpv-stale-${why.replaceAll(' ', '-')}`;
      await testHub.hub.store.put(permission(id, { sourceReference: { reference: `DocumentReference/${id}-target` } }));
      await testHub.hub.store.put(target('DocumentReference', `${id}-target`, why));
      const read = await testHub.call(token, `/Consent/${id}`);
      // The practice changes what the carer may do: a change she can see.
      const stored = (await testHub.hub.store.read('Consent', id))?.resource ?? {};
      const provision = stored['provision'] as Json;
      await testHub.hub.store.put({
        ...stored,
        provision: { ...provision, action: [{ coding: [{ system: PROXY_ACTION_SYSTEM, code: 'view-results' }] }] },
      });
      const answer = await testHub.call(token, `/Consent/${id}`, {
        method: 'PUT',
        body: stopProxyConsent(read.body as unknown as Consent) as unknown as Json,
        headers: { 'if-match': read.headers.get('etag') ?? '' },
      });
      assert.equal(answer.status, 412, `${why} ${JSON.stringify(answer.body)}`);
      const now = await testHub.call(token, `/Consent/${id}`);
      const diagnostics = String((answer.body['issue'] as { diagnostics?: string }[])[0]?.diagnostics);
      assert.ok(diagnostics.includes(now.headers.get('etag') ?? 'none'), `${why}: names the version she now reads`);
      assert.equal((await testHub.hub.store.read('Consent', id))?.resource['status'], 'active', `${why}: unchanged`);
    }
  });
});
