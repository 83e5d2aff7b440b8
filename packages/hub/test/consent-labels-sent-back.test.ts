/**
 * A Consent whose security labels her GP practice set (`R`: restricted) can be stopped or changed by the resident the
 * way every client changes a resource: by sending back what it read. The gate refused any `meta.security` in a write
 * (`422`, "set by the hub"), so the SDK's own `stopProxyConsent` of what she read — labels and all — was refused, and
 * she could not stop a carer's access her practice had labelled.
 *
 * The class: each Consent she may change (a permission, a sharing choice), with labels as the practice set them × what
 * her client sends in `meta.security` (the labels as read, in another order, none at all, one more, one fewer,
 * another): the labels as stored, in any order, or none, are accepted and the stored labels kept; any other labels are
 * refused (`422`, naming `meta.security`) and nothing is stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { stopProxyConsent, type Consent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, practicePermission, residentContact, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const CONTACT = 'clsb-contact';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const LABELS = [
  { system: CONFIDENTIALITY, code: 'R' },
  { system: ACT_CODE, code: 'DEMO' },
];

/** What her client may send in `meta.security`, and whether the hub accepts it. */
const SENT: Record<string, { security: Json[] | undefined; accepted: boolean }> = {
  'the labels as read': { security: LABELS, accepted: true },
  'the labels in another order': { security: [...LABELS].reverse(), accepted: true },
  'no labels at all': { security: undefined, accepted: true },
  'one label more': { security: [...LABELS, { system: ACT_CODE, code: 'NOPAT' }], accepted: false },
  'one label fewer': { security: [LABELS[0] as Json], accepted: false },
  'an empty list': { security: [], accepted: false },
  'other labels': { security: [{ system: ACT_CODE, code: 'PSY' }], accepted: false },
};
const KINDS = ['permission', 'sharing choice'] as const;

let testHub: TestHub;
let self = '';
let token = '';
const idOf = (kind: (typeof KINDS)[number], sent: string) => `clsb-${kind === 'permission' ? 'p' : 's'}-${Object.keys(SENT).indexOf(sent)}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(residentContact(self, CONTACT));
      await hub.store.put({ ...practicePermission(self, CONTACT, 'clsb-reported'), meta: { security: LABELS } });
      for (const kind of KINDS)
        for (const sent of Object.keys(SENT)) {
          const consent =
            kind === 'permission'
              ? practicePermission(self, CONTACT, idOf(kind, sent))
              : sharingChoiceExcluding(self, [], idOf(kind, sent));
          await hub.store.put({ ...consent, meta: { security: LABELS } });
        }
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

const canonicalLabels = (labels: unknown) =>
  ((labels as { system?: string; code?: string }[] | undefined) ?? []).map((label) => `${label.system}|${label.code}`).sort();

describe('a Consent with labels is changed by sending back what was read', () => {
  test('the reported case: the SDK stops a permission her practice labelled, from what she read', async () => {
    const read = await testHub.call(token, '/Consent/clsb-reported');
    assert.equal(read.status, 200);
    assert.deepEqual(canonicalLabels((read.body as { meta?: { security?: unknown } }).meta?.security), canonicalLabels(LABELS));
    const stop = await testHub.call(token, '/Consent/clsb-reported', {
      method: 'PUT',
      body: stopProxyConsent(read.body as Consent),
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(stop.status, 200, JSON.stringify(stop.body));
    const stored = (await testHub.hub.store.read('Consent', 'clsb-reported'))?.resource;
    assert.equal(stored?.['status'], 'inactive');
    assert.deepEqual(canonicalLabels((stored?.['meta'] as { security?: unknown }).security), canonicalLabels(LABELS), 'labels kept');
  });

  for (const kind of KINDS)
    for (const [sent, { security, accepted }] of Object.entries(SENT))
      test(`a ${kind}, sent back with ${sent}`, async () => {
        const id = idOf(kind, sent);
        const read = await testHub.call(token, `/Consent/${id}`);
        assert.equal(read.status, 200);
        const before = (await testHub.hub.store.read('Consent', id))?.resource;
        const { meta, ...rest } = read.body as Json;
        const { security: _read, ...otherMeta } = (meta ?? {}) as Json;
        // A permission is stopped; a sharing choice (always in force) is sent back as it was read.
        const status = kind === 'permission' ? 'inactive' : 'active';
        const body = { ...rest, status, meta: { ...otherMeta, ...(security === undefined ? {} : { security }) } };
        const answer = await testHub.call(token, `/Consent/${id}`, {
          method: 'PUT',
          body,
          headers: { 'if-match': read.headers.get('etag') ?? '' },
        });
        const stored = (await testHub.hub.store.read('Consent', id))?.resource;
        if (accepted) {
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          assert.equal(stored?.['status'], status);
          assert.deepEqual(canonicalLabels((stored?.['meta'] as { security?: unknown }).security), canonicalLabels(LABELS), 'labels kept');
        } else {
          assert.equal(answer.status, 422, JSON.stringify(answer.body));
          assert.match(JSON.stringify(answer.body), /meta\.security/);
          assert.deepEqual(stored, before, 'nothing stored');
        }
      });
});
