/**
 * A resident reads a Consent without its references to items kept from her (R13: a form labelled `NOPAT`, another
 * resident's item, a type her app's token does not read), and changes it by sending back what she read. The hub kept
 * a professional's `verification` and `sourceReference` as they were, but stored the rest as she sent it: a reference
 * the practice recorded anywhere else — an extension's value, an extension nested in one, the provision's `data`, a
 * nested provision — was lost from the record, because her view had left it out.
 *
 * The class: any part of a Consent that her view leaves out or changes is kept as recorded when she changes it, since
 * she could not see it to change it. A property generates Consents of both kinds she may change (a permission for a
 * carer, a sharing choice) with withheld references at random places and in every form (literal, with a display, by
 * identifier alone), next to parts she sees; she makes a change to what she sees (or none) from her view, and what is
 * stored is exactly that change made to the Consent as recorded. The only update of the contract is a Consent's:
 * what a resident or carer adds otherwise (readings, medicines, contacts) is created, never written back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { PROXY_ACTION_SYSTEM } from '@care-record/sdk';
import { loadContract } from '../src/contract/contract.js';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, practicePermission, recordItem, residentContact, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { changeAsRead as changeAsReadBy, withoutSaveStamp } from './support/consent-changes.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const CONTACT = 'cwk-contact';
const FORM = 'cwk-signed-form';
const FORM_IDENTIFIER = { system: 'https://care-record.example/Id/scanned-form', value: 'cwk-form-1' };
const OTHER_RESIDENT = 'cwk-other-resident';
const OTHERS_CONDITION = 'cwk-others-condition';
const NOTE_URL = 'https://care-record.example/StructureDefinition/practice-note';

let testHub: TestHub;
let self = '';
let token = '';

const permission = (id: string): Json => practicePermission(self, CONTACT, id);

const sharingChoice = (id: string): Json => {
  const choice = sharingChoiceExcluding(self, [], id);
  const provision = choice['provision'] as Json;
  return { ...choice, provision: { ...provision, provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'SEX' }] }] } };
};

/** What the hub sets on every change: not hers, not the practice's. */
const recorded = (consent: Json): string => canonical(withoutSaveStamp(consent));

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Json)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      await hub.store.put(residentContact(self, CONTACT));
      await hub.store.put({ ...recordItem('DocumentReference', FORM, self, ['NOPAT']), identifier: [FORM_IDENTIFIER] });
      const patient = (await hub.store.read('Patient', self))?.resource ?? {};
      await hub.store.put({ ...patient, id: OTHER_RESIDENT, identifier: [] });
      await hub.store.put(recordItem('Condition', OTHERS_CONDITION, OTHER_RESIDENT));
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

/** She reads the Consent, changes what she sees, and sends it back with the version she read. */
const changeAsRead = (id: string, change: (consent: Json) => Json) => changeAsReadBy(testHub, token, id, change);

const withActions = (consent: Json): Json => ({
  ...consent,
  provision: {
    ...(consent['provision'] as Json),
    action: ['view-appointments', 'view-results'].map((code) => ({ coding: [{ system: PROXY_ACTION_SYSTEM, code }] })),
  },
});

describe('the reported case: a permission whose practice note names the signed form kept from her', () => {
  test('she lets the carer see her results too, and the practice’s note is kept', async () => {
    const note = { url: NOTE_URL, valueReference: { reference: `DocumentReference/${FORM}`, display: 'Signed form' } };
    await testHub.hub.store.put({ ...permission('cwk-reported'), extension: [note] });
    const answer = await changeAsRead('cwk-reported', withActions);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(!JSON.stringify(answer.body).includes(FORM), 'the answer does not name the form');
    const stored = (await testHub.hub.store.read('Consent', 'cwk-reported'))?.resource ?? {};
    assert.ok(JSON.stringify(stored['provision']).includes('view-results'), 'her change is made');
    assert.deepEqual(stored['extension'], [note], 'the practice’s note is kept');
  });
});

/** Where a withheld reference may sit in each kind of Consent she may change. */
type Place = (consent: Json, reference: Json) => Json;
const atTop =
  (key: string, value: (reference: Json) => unknown): Place =>
  (consent, reference) => ({ ...consent, [key]: value(reference) });
const inProvision =
  (value: (provision: Json, reference: Json) => Json): Place =>
  (consent, reference) => ({ ...consent, provision: value(consent['provision'] as Json, reference) });
const extensionNaming = (reference: Json) => ({ url: NOTE_URL, valueReference: reference });
const COMMON_PLACES: Record<string, Place> = {
  'an extension': (consent, reference) => ({
    ...consent,
    extension: [...((consent['extension'] as Json[]) ?? []), extensionNaming(reference)],
  }),
  'a nested extension': (consent, reference) => ({
    ...consent,
    extension: [
      ...((consent['extension'] as Json[]) ?? []),
      {
        url: NOTE_URL,
        extension: [
          { url: 'kind', valueString: 'form' },
          { url: 'form', valueReference: reference },
        ],
      },
    ],
  }),
  'the provision’s extension': inProvision((provision, reference) => ({ ...provision, extension: [extensionNaming(reference)] })),
  verification: atTop('verification', (reference) => [{ verified: true, verifiedWith: reference, verificationDate: '2026-10-01' }]),
  'the source': atTop('sourceReference', (reference) => reference),
};
const PLACES: Record<'proxy' | 'sharing', Record<string, Place>> = {
  proxy: {
    ...COMMON_PLACES,
    'the provision’s data': inProvision((provision, reference) => ({
      ...provision,
      data: [...((provision['data'] as Json[]) ?? []), { meaning: 'related', reference }],
    })),
    'a deny provision’s data': inProvision((provision, reference) => ({
      ...provision,
      provision: [
        ...((provision['provision'] as Json[]) ?? []),
        { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], data: [{ meaning: 'instance', reference }] },
      ],
    })),
  },
  sharing: {
    ...COMMON_PLACES,
    'a deny provision’s extension': inProvision((provision, reference) => {
      const [first, ...rest] = (provision['provision'] as Json[]) ?? [];
      return { ...provision, provision: [{ ...first, extension: [extensionNaming(reference)] }, ...rest] };
    }),
  },
};

/** The items kept from her, each in every form a reference takes. */
const WITHHELD_REFERENCES: Json[] = [
  { reference: `DocumentReference/${FORM}` },
  { reference: `DocumentReference/${FORM}`, display: 'Signed form' },
  { identifier: FORM_IDENTIFIER },
  { reference: `Condition/${OTHERS_CONDITION}` },
];

/** What she does to what she sees, made the same way to her view and to the Consent as recorded. */
const CHANGES: Record<'proxy' | 'sharing', Record<string, (consent: Json) => Json>> = {
  proxy: {
    nothing: (consent) => consent,
    'stops it': (consent) => ({ ...consent, status: 'inactive' }),
    'changes what the carer may do': withActions,
    'sets when it ends': (consent) => ({ ...consent, provision: { ...(consent['provision'] as Json), period: { end: '2027-06-30' } } }),
  },
  sharing: {
    nothing: (consent) => consent,
    'keeps mental health too': (consent) => {
      const provision = consent['provision'] as Json;
      const denies = (provision['provision'] as Json[]) ?? [];
      return {
        ...consent,
        provision: { ...provision, provision: [...denies, { type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }] }] },
      };
    },
    'sets when it starts': (consent) => ({ ...consent, provision: { ...(consent['provision'] as Json), period: { start: '2026-12-01' } } }),
  },
};

const seenNote = { url: NOTE_URL, valueString: 'Discussed at the surgery' };

describe('the class: withheld references anywhere, kept as recorded whatever she changes of what she sees', () => {
  test('the stored Consent is her change made to the Consent as recorded', async () => {
    let run = 0;
    const kinds = fc.constantFrom<'proxy' | 'sharing'>('proxy', 'sharing');
    const cases = kinds.chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        withheld: fc.uniqueArray(
          fc.record({ place: fc.constantFrom(...Object.keys(PLACES[kind])), reference: fc.constantFrom(...WITHHELD_REFERENCES) }),
          { minLength: 1, maxLength: 4, selector: (item) => item.place },
        ),
        seenBefore: fc.boolean(),
        seenAfter: fc.boolean(),
        change: fc.constantFrom(...Object.keys(CHANGES[kind])),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ kind, withheld, seenBefore, seenAfter, change }) => {
        const id = `cwk-${run++}`;
        let consent = kind === 'proxy' ? permission(id) : sharingChoice(id);
        if (seenBefore) consent = { ...consent, extension: [seenNote] };
        for (const { place, reference } of withheld) consent = PLACES[kind][place]!(consent, reference);
        if (seenAfter) consent = { ...consent, extension: [...((consent['extension'] as Json[]) ?? []), seenNote] };
        await testHub.hub.store.put(consent);
        const before = (await testHub.hub.store.read('Consent', id))?.resource ?? {};
        const made = CHANGES[kind][change]!;
        const answer = await changeAsRead(id, made);
        assert.equal(answer.status, 200, `${change}: ${JSON.stringify(answer.body)}`);
        const stored = (await testHub.hub.store.read('Consent', id))?.resource ?? {};
        assert.equal(recorded(stored), recorded(made(before)), `${kind}, ${change}: what is stored is her change made to the record`);
        assert.ok(
          !JSON.stringify(answer.body).includes(FORM) && !JSON.stringify(answer.body).includes(OTHERS_CONDITION),
          'answered as she reads it',
        );
      }),
      { seed: 20261207, numRuns: 60 },
    );
  });

  test('a Consent is the only thing the contract lets anyone change', () => {
    const updates = Object.entries(loadContract().paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((method) => method === 'put' || method === 'patch')
        .map((method) => `${method} ${path}`),
    );
    assert.deepEqual(updates, ['put /Consent/{id}'], 'a new update must be covered by this property');
  });
});
