/**
 * What a client sends in a Consent's `meta`. The hub stored the `meta` a resident sent with her sharing choice or
 * permission (it set only `source` and `profile`, and dropped only the `SUBSETTED` tag of a view read in part): a tag
 * she sent — one claiming where the record came from, or `SUBSETTED` — was stored as the record's own, and a change
 * lost the security labels her GP practice had put on it (a `meta.security` she may not send, so every change she
 * sent had none), so that a permission restricted to those who may see it was shown to everyone after her change.
 *
 * What the hub keeps of `meta`, element by element (docs/access-policy.md R9): `source` and `profile` are the hub's own;
 * `tag`, `security` and any other element are the stored version's — none on a new Consent. Sent back as she read it,
 * any element changes nothing; sent otherwise, a tag, a label, an extension or a profile but the hub's is refused
 * (`422`) and nothing is stored (`resident-entries.ts`, as for everything a resident adds); `versionId` and
 * `lastUpdated` are the store's.
 *
 * The class: each element of `meta` × each writer (the resident adding a permission, the resident changing one, a
 * carer and a clinician, who may not write a Consent): nothing sent in `meta` is stored as sent, and what the
 * practice recorded there is kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildProxyConsent } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, OTHER_SOURCE, exampleOf } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const RESIDENT_SOURCE = 'https://care-record.example/source/resident';
const UK_CORE = 'https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent';
const CONTACT = 'ccm-contact';
/** What the practice recorded in the stored permission's meta. */
const PRACTICE_META = {
  source: OTHER_SOURCE,
  tag: [{ system: 'https://care-record.example/CodeSystem/practice-workflow', code: 'reviewed' }],
  security: [{ system: ACT_CODE, code: 'R' }],
  extension: [{ url: 'https://care-record.example/StructureDefinition/imported-from', valueString: 'GP system' }],
};

/** Each element of meta a client may send, with a value that would mislabel the record. */
const SENT: Record<string, Json> = {
  'a tag claiming where it came from': {
    tag: [{ system: 'https://care-record.example/CodeSystem/recorded-by', code: 'gp-practice', display: 'Recorded by the GP practice' }],
  },
  'the SUBSETTED tag': { tag: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' }] },
  'a security label': { security: [{ system: ACT_CODE, code: 'NOPAT' }] },
  'no security label': { security: [] },
  'a source': { source: OTHER_SOURCE },
  'a profile': { profile: ['https://example.org/StructureDefinition/other-consent'] },
  'an extension': { extension: [{ url: 'https://care-record.example/StructureDefinition/imported-from', valueString: 'Her app' }] },
};

let testHub: TestHub;
let self = '';
let caredFor = '';
const tokens: Record<string, string> = {};

const permission = (patientId: string, id?: string): Json => ({
  ...(buildProxyConsent({ patientId, relatedPersonId: CONTACT, actions: ['view-appointments'], withheld: [] }) as unknown as Json),
  ...(id === undefined ? {} : { id }),
});
const idOf = (element: string, writer: string) => `ccm-${Object.keys(SENT).indexOf(element)}-${writer}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      self = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      caredFor = personas.find((persona) => persona.id === 'cared-for-resident')?.patientId ?? '';
      await hub.store.put({
        ...exampleOf('RelatedPerson'),
        id: CONTACT,
        active: true,
        patient: { reference: `Patient/${self}` },
        identifier: [],
      });
      for (const element of Object.keys(SENT))
        for (const [writer, patientId] of [
          ['resident', self],
          ['carer', caredFor],
          ['clinician', self],
        ] as const)
          await hub.store.put({ ...permission(patientId, idOf(element, writer)), meta: PRACTICE_META });
    },
  });
  tokens['resident'] = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  tokens['carer'] = await testHub.signIn('carer');
  tokens['clinician'] = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs user/*.cu' });
});
after(() => testHub.close());

const storedMeta = async (id: string) => ((await testHub.hub.store.read('Consent', id))?.resource['meta'] ?? {}) as Json;
const without = (meta: Json, ...keys: string[]) => Object.fromEntries(Object.entries(meta).filter(([key]) => !keys.includes(key)));

/** What a stored Consent's meta must be: the hub's source and profile, the rest as `recorded` (the practice's, or none). */
function assertHubs(meta: Json, recorded: Json): void {
  assert.equal(meta['source'], RESIDENT_SOURCE, 'the hub’s source');
  assert.deepEqual(meta['profile'], [UK_CORE], 'the hub’s profile');
  assert.deepEqual(without(meta, 'source', 'profile', 'versionId', 'lastUpdated'), without(recorded, 'source'));
}

describe('the reported case: she stops a permission her practice labelled restricted', () => {
  test('the practice’s label is kept, and a tag she sends is not stored', async () => {
    await testHub.hub.store.put({ ...permission(self, 'ccm-reported'), meta: PRACTICE_META });
    const read = await testHub.call(tokens['resident']!, '/Consent/ccm-reported');
    assert.equal(read.status, 200);
    const { security: _security, ...meta } = read.body['meta'] as Json;
    const change = (sentMeta: Json, etag: string) =>
      testHub.call(tokens['resident']!, '/Consent/ccm-reported', {
        method: 'PUT',
        body: { ...read.body, status: 'inactive', meta: sentMeta },
        headers: { 'if-match': etag },
      });
    const tagged = await change({ ...meta, ...SENT['a tag claiming where it came from'] }, read.headers.get('etag') ?? '');
    assert.equal(tagged.status, 422, JSON.stringify(tagged.body));
    assert.deepEqual(without(await storedMeta('ccm-reported'), 'versionId', 'lastUpdated'), PRACTICE_META, 'nothing changed');
    // Her meta sent back as she read it (the practice's tag and extension with it) stops the permission.
    const asRead = await change(meta, read.headers.get('etag') ?? '');
    assert.equal(asRead.status, 200, JSON.stringify(asRead.body));
    assertHubs(await storedMeta('ccm-reported'), PRACTICE_META);
  });
});

describe('each element of meta, sent by each writer', () => {
  for (const element of Object.keys(SENT)) {
    const sent = SENT[element]!;
    // Only a source is not refused: the hub's own replaces it.
    const refused = element !== 'a source';
    test(`${element}: the resident adds a permission`, async () => {
      const answer = await testHub.call(tokens['resident']!, '/Consent', { method: 'POST', body: { ...permission(self), meta: sent } });
      if (refused) return assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assertHubs(await storedMeta(String(answer.body['id'])), {});
    });
    test(`${element}: the resident changes a permission`, async () => {
      const id = idOf(element, 'resident');
      const read = await testHub.call(tokens['resident']!, `/Consent/${id}`);
      const { security: _security, ...meta } = read.body['meta'] as Json;
      const answer = await testHub.call(tokens['resident']!, `/Consent/${id}`, {
        method: 'PUT',
        body: { ...read.body, status: 'inactive', meta: { ...meta, ...sent } },
        headers: { 'if-match': read.headers.get('etag') ?? '' },
      });
      if (refused) {
        assert.equal(answer.status, 422, JSON.stringify(answer.body));
        return assert.deepEqual(without(await storedMeta(id), 'versionId', 'lastUpdated'), PRACTICE_META, 'nothing changed');
      }
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assertHubs(await storedMeta(id), PRACTICE_META);
    });
    for (const writer of ['carer', 'clinician'] as const)
      test(`${element}: a ${writer} may not write a Consent, and nothing of theirs is stored`, async () => {
        const id = idOf(element, writer);
        const before = await storedMeta(id);
        const patientId = writer === 'carer' ? caredFor : self;
        const put = await testHub.call(tokens[writer]!, `/Consent/${id}`, {
          method: 'PUT',
          body: { ...permission(patientId, id), meta: { ...PRACTICE_META, ...sent } },
          headers: { 'if-match': 'W/"1"' },
        });
        const post = await testHub.call(tokens[writer]!, '/Consent', { method: 'POST', body: { ...permission(patientId), meta: sent } });
        assert.equal(put.status, 403, JSON.stringify(put.body));
        assert.equal(post.status, 403, JSON.stringify(post.body));
        assert.deepEqual(await storedMeta(id), before);
      });
  }
});
