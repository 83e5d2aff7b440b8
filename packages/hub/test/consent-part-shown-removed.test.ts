/**
 * A part of a Consent the resident reads only in part — a deny her practice recorded with a note naming a form kept
 * from her — and then leaves out of what she sends back. The hub kept that part whole and answered `200`: she was told
 * her change was saved, and the deny she removed stayed in force (a category still kept from her carer, an
 * organisation still refused her record).
 *
 * The class: both kinds of Consent she may change × each way of sending back a list holding such a part (removed
 * alone, removed with the rest, every other item removed, the list reordered, an item added, sent back as read): a
 * change that drops the part she reads in part is refused (`422`, naming the list, saying her practice recorded it)
 * and nothing is stored; any other change is saved with the part and its hidden note kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { proxyWithheldLabel } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, practicePermission, recordItem, residentContact, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const CONTACT = 'cpsr-contact';
const FORM = 'cpsr-form';
const NOTE_URL = 'https://care-record.example/StructureDefinition/practice-note';
const note = { url: NOTE_URL, valueReference: { reference: `DocumentReference/${FORM}` } };
const deny = (code: string, extra: Json = {}) => ({ type: 'deny', securityLabel: [{ system: ACT_CODE, code }], ...extra });
/** A third category, social care, that neither stored deny names. */
const SOCIAL_CARE = { type: 'deny', securityLabel: [proxyWithheldLabel('social-care')] };
/** The deny her practice recorded with its note (read without the note), and one she sees whole. */
const PART_SHOWN = deny('PSY', { extension: [note] });
const WHOLE = deny('SEX');

const denyCodes = (denies: unknown) =>
  ((denies as { securityLabel?: { code?: string }[] }[] | undefined) ?? []).map((item) => item.securityLabel?.[0]?.code ?? '?');
const isPartShown = (item: Json) => JSON.stringify(item['securityLabel']).includes('"PSY"');

/** What she does to the list of denies she read ([PSY without its note, SEX]), and whether she drops the PSY deny. */
const CHANGES: Record<string, { drops: boolean; change: (denies: Json[]) => Json[] }> = {
  'removes the deny her practice noted': { drops: true, change: (denies) => denies.filter((item) => !isPartShown(item)) },
  'removes every deny': { drops: true, change: () => [] },
  'replaces it with another': { drops: true, change: (denies) => denies.map((item) => (isPartShown(item) ? SOCIAL_CARE : item)) },
  'removes the other deny': { drops: false, change: (denies) => denies.filter(isPartShown) },
  'reorders them': { drops: false, change: (denies) => [...denies].reverse() },
  'adds one': { drops: false, change: (denies) => [...denies, SOCIAL_CARE] },
  'sends them back as read': { drops: false, change: (denies) => denies },
};
const KINDS = ['permission', 'sharing choice'] as const;

let testHub: TestHub;
let self = '';
let token = '';
const idOf = (kind: (typeof KINDS)[number], change: string) =>
  `cpsr-${kind === 'permission' ? 'p' : 's'}-${Object.keys(CHANGES).indexOf(change)}`;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(residentContact(self, CONTACT));
      await hub.store.put(recordItem('DocumentReference', FORM, self, ['NOPAT']));
      for (const kind of KINDS)
        for (const change of Object.keys(CHANGES)) {
          const consent =
            kind === 'permission'
              ? practicePermission(self, CONTACT, idOf(kind, change))
              : sharingChoiceExcluding(self, [], idOf(kind, change));
          const provision = consent['provision'] as Json;
          await hub.store.put({ ...consent, provision: { ...provision, provision: [PART_SHOWN, WHOLE] } });
        }
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

describe('a part of a Consent she reads in part is never dropped as if saved', () => {
  for (const kind of KINDS)
    for (const [name, { drops, change }] of Object.entries(CHANGES))
      test(`a ${kind}: she ${name}`, async () => {
        const id = idOf(kind, name);
        const read = await testHub.call(token, `/Consent/${id}`);
        assert.equal(read.status, 200);
        assert.ok(!JSON.stringify(read.body).includes(FORM), 'her view does not name the form');
        const before = (await testHub.hub.store.read('Consent', id))?.resource;
        const provision = (read.body as Json)['provision'] as Json;
        const sent = { ...(read.body as Json), provision: { ...provision, provision: change(provision['provision'] as Json[]) } };
        const answer = await testHub.call(token, `/Consent/${id}`, {
          method: 'PUT',
          body: sent,
          headers: { 'if-match': read.headers.get('etag') ?? '' },
        });
        const stored = (await testHub.hub.store.read('Consent', id))?.resource;
        if (drops) {
          assert.equal(answer.status, 422, JSON.stringify(answer.body));
          assert.match(JSON.stringify(answer.body), /Consent\.provision\.provision/);
          assert.deepEqual(stored, before, 'nothing stored');
        } else {
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          const denies = (stored?.['provision'] as Json)['provision'] as Json[];
          const noted = denies.find(isPartShown);
          assert.deepEqual(noted, PART_SHOWN, 'the noted deny is kept with its note');
          const expected = denyCodes(change([deny('PSY'), WHOLE]));
          assert.deepEqual(denyCodes(denies), expected, 'her change is made');
        }
      });
});

describe('an item read in part is known by what it alone names', () => {
  const ORG_NOTED = 'cpsr-org-noted';
  const orgDeny = (organization: string, extra: Json = {}) => ({
    type: 'deny',
    actor: [
      {
        role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
        reference: { reference: `Organization/${organization}` },
      },
    ],
    ...extra,
  });

  test('a deny of another organisation in its place does not take its note, and is refused', async () => {
    const found = await testHub.hub.store.search({
      type: 'Organization',
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: 3,
      visibility: { hiddenLabels: [] },
    });
    const [first, second, third] = found.resources.map((organization) => String(organization['id']));
    assert.ok(third !== undefined, 'the directory has three organisations');
    const choice = sharingChoiceExcluding(self, [], ORG_NOTED);
    await testHub.hub.store.put({
      ...choice,
      provision: { ...(choice['provision'] as Json), provision: [orgDeny(first ?? '', { extension: [note] }), orgDeny(second ?? '')] },
    });
    const read = await testHub.call(token, `/Consent/${ORG_NOTED}`);
    const before = (await testHub.hub.store.read('Consent', ORG_NOTED))?.resource;
    const provision = (read.body as Json)['provision'] as Json;
    const [, kept] = provision['provision'] as Json[];
    const sent = { ...(read.body as Json), provision: { ...provision, provision: [orgDeny(third ?? ''), kept] } };
    const answer = await testHub.call(token, `/Consent/${ORG_NOTED}`, {
      method: 'PUT',
      body: sent,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.deepEqual((await testHub.hub.store.read('Consent', ORG_NOTED))?.resource, before, 'nothing stored');
  });

  test('both denies merged into one, as the SDK builds a permission: the noted deny stays as recorded beside hers', async () => {
    const id = idOf('permission', 'sends them back as read');
    const read = await testHub.call(token, `/Consent/${id}`);
    const provision = (read.body as Json)['provision'] as Json;
    const merged = {
      type: 'deny',
      securityLabel: [
        { system: ACT_CODE, code: 'PSY' },
        { system: ACT_CODE, code: 'SEX' },
      ],
    };
    const sent = { ...(read.body as Json), provision: { ...provision, provision: [merged] } };
    const answer = await testHub.call(token, `/Consent/${id}`, {
      method: 'PUT',
      body: sent,
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const denies = ((await testHub.hub.store.read('Consent', id))?.resource['provision'] as Json)['provision'] as Json[];
    assert.deepEqual(denies, [PART_SHOWN, merged]);
    // Saved again the same way (the SDK builds the same merged deny): the noted deny is still named by hers, so kept.
    const again = await testHub.call(token, `/Consent/${id}`);
    const provisionAgain = (again.body as Json)['provision'] as Json;
    const sentAgain = { ...(again.body as Json), provision: { ...provisionAgain, provision: [merged] } };
    const answerAgain = await testHub.call(token, `/Consent/${id}`, {
      method: 'PUT',
      body: sentAgain,
      headers: { 'if-match': again.headers.get('etag') ?? '' },
    });
    assert.equal(answerAgain.status, 200, JSON.stringify(answerAgain.body));
    const deniesAgain = ((await testHub.hub.store.read('Consent', id))?.resource['provision'] as Json)['provision'] as Json[];
    assert.deepEqual(deniesAgain, [PART_SHOWN, merged]);
  });
});
