/**
 * A save from the sharing screen keeps every deny she did not touch as it was recorded, and says in words what it
 * cannot do. Through the real hub on loopback (real HTTP, real SQLite, the resident's own sign-in); the practice's
 * denies are stored straight into the hub's store, as the practice's system would record them.
 *
 * - The same organisation stopped under two periods: only the first was written back (the other lost).
 * - A deny for a period written in the practice's own (equivalent) way: the SDK rewrote it in its own form (role,
 *   wording, order), which the hub does not take as the same deny, so every save was refused (422).
 * - Sharing back one organisation of a deny for a period that names several: the hub refuses a deny for a period
 *   she writes; she was told "Reload the page and try again", which can never work.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';

import {
  createHubClient,
  describeWriteFailure,
  loadSharing,
  saveSharing,
  sharingChoicesFrom,
  type Consent,
  type HubClient,
  type SharingChoices,
} from '../../src/index.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SHARING_CATEGORY = 'https://care-record.example/CodeSystem/sharing-category';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

type Deny = NonNullable<NonNullable<Consent['provision']>['provision']>[number];
type Period = { start?: string; end?: string };

let testHub: TestHub;
let client: HubClient;
let patientId = '';
let organisationIds: string[] = [];
let consentId = '';

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  patientId = testHub.hub.borough.personas.resident.patientId;
  const model = await loadSharing(client, patientId);
  organisationIds = model.choices.organisations.map((organisation) => organisation.id);
  assert.ok(organisationIds.length >= 2, 'the resident has two organisations to choose from');
  // Her first choice (nothing kept), so that there is a Consent for the practice's denies to go in.
  const saved = await saveSharing(client, model, {
    ...model.choices,
    organisations: model.choices.organisations.map((each) => ({ ...each, shared: true })),
  });
  consentId = saved.consentId!;
});
after(() => testHub.close());

/** Records `denies` as the resident's sharing choice, straight into the store (as the practice's system would). */
async function recorded(denies: Deny[]): Promise<void> {
  const current = await client.get('/Consent/{id}', { path: { id: consentId } });
  const { provision: _nested, ...top } = current.provision!;
  const next = { ...current, provision: { ...top, ...(denies.length > 0 ? { provision: denies } : {}) } };
  await testHub.hub.store.transaction(async (store) => void (await store.put(next as unknown as Record<string, unknown>)));
}

async function storedDenies(): Promise<Deny[]> {
  return (await client.get('/Consent/{id}', { path: { id: consentId } })).provision?.provision ?? [];
}

const orgActor = (id: string) => ({
  role: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
  reference: { reference: `Organization/${id}` },
});
const PSY = { system: ACT_CODE, code: 'PSY', display: 'psychiatry information sensitivity' };
const SOCIAL = { system: SHARING_CATEGORY, code: 'social-care', display: 'social care information' };

const keepSocialCare = (choices: SharingChoices): SharingChoices => ({
  ...choices,
  categories: choices.categories.map((each) => (each.key === 'social-care' ? { ...each, shared: false } : each)),
});

describe('the same organisation under two periods', () => {
  const denies = (): Deny[] => [
    { type: 'deny', actor: [orgActor(organisationIds[0]!)], period: { end: '2025-03-31' } },
    { type: 'deny', actor: [orgActor(organisationIds[0]!)], period: { start: '2027-01-01', end: '2027-12-31' } },
  ];
  for (const [name, change] of [
    ['saved unchanged', (choices: SharingChoices) => choices],
    ['saved with social care kept as well', keepSocialCare],
  ] as const)
    test(`the reported case, ${name}: both denies are kept as recorded`, async () => {
      await recorded(denies());
      const model = await loadSharing(client, patientId);
      await saveSharing(client, model, change(model.choices));
      const stored = await storedDenies();
      for (const deny of denies())
        assert.ok(
          stored.some((each) => isDeepStrictEqual(each, deny)),
          `kept: ${JSON.stringify(deny.period)}`,
        );
    });
});

describe('a practice deny for a period written in its own way', () => {
  test('the reported case: a role without its display, a display, labels without displays in another order, sent back as read', async () => {
    const practice: Deny[] = [
      {
        type: 'deny',
        actor: [
          {
            role: { coding: [{ system: PARTICIPATION, code: 'IRCP' }] },
            reference: { reference: `Organization/${organisationIds[1]!}`, display: 'As the practice named it' },
          },
        ],
        period: { start: '2026-01-05', end: '2027-06-30' },
      },
      {
        type: 'deny',
        securityLabel: [
          { system: SHARING_CATEGORY, code: 'social-care' },
          { system: ACT_CODE, code: 'PSY' },
        ],
        period: { end: '2027-06-30T17:00:00+01:00' },
      },
    ];
    await recorded(practice);
    const model = await loadSharing(client, patientId);
    // She stops sharing with the first organisation too: the practice's denies are not hers to rewrite.
    await saveSharing(client, model, {
      ...model.choices,
      organisations: model.choices.organisations.map((each) => (each.id === organisationIds[0] ? { ...each, shared: false } : each)),
    });
    const stored = await storedDenies();
    for (const deny of practice)
      assert.ok(
        stored.some((each) => isDeepStrictEqual(each, deny)),
        `kept as written: ${JSON.stringify(deny)}`,
      );
  });
});

// An organisation by its ODS code, or by this hub's own address, is read (sharing-choice-scope-forms.test.ts).
describe('a practice deny this service cannot read (an organisation by another server’s address, or by a display only)', () => {
  for (const [name, reference] of [
    ['another server’s address', (id: string) => ({ reference: `https://hub.example/fhir/Organization/${id}` })],
    ['a display only', () => ({ display: 'Tufnell Green Surgery' })],
  ] as const)
    test(`the reported case (${name}): never dropped by a save of something else; refused in words if it cannot be kept`, async () => {
      const practice: Deny[] = [{ type: 'deny', actor: [{ role: orgActor('x').role, reference: reference(organisationIds[1]!) }] }];
      await recorded(practice);
      const model = await loadSharing(client, patientId);
      assert.equal(model.choices.notShown, 1, 'the screen can say part is not shown');
      const outcome = await saveSharing(client, model, keepSocialCare(model.choices)).then(
        () => undefined,
        (error: unknown) => error,
      );
      const stored = await storedDenies();
      assert.ok(
        stored.some((each) => isDeepStrictEqual(each, practice[0])),
        `the practice's deny is kept as written (${outcome === undefined ? 'saved' : 'refused'})`,
      );
      if (outcome !== undefined) {
        assert.deepEqual(stored, practice, 'a refused save changes nothing');
        assert.match(describeWriteFailure(outcome, 'sharing').advice, /GP practice/);
      }
    });
});

describe('sharing back one organisation of a deny for a period that names several', () => {
  test('the reported case: split if the hub takes it; if not, she is told why, in words, and nothing is lost', async () => {
    const practice: Deny[] = [
      { type: 'deny', actor: [orgActor(organisationIds[0]!), orgActor(organisationIds[1]!)], period: { end: '2027-06-30' } },
    ];
    await recorded(practice);
    const model = await loadSharing(client, patientId);
    const first = model.choices.organisations.find((each) => each.id === organisationIds[0])!;
    const wanted = {
      ...model.choices,
      organisations: model.choices.organisations.map((each) => (each.id === first.id ? { ...each, shared: true } : each)),
    };
    const outcome = await saveSharing(client, model, wanted).then(
      () => undefined,
      (error: unknown) => error,
    );
    const stored = await storedDenies();
    if (outcome === undefined) {
      // Split: the other is kept under the same period.
      assert.deepEqual(stored, [{ ...practice[0]!, actor: [orgActor(organisationIds[1]!)] }]);
      return;
    }
    assert.deepEqual(stored, practice, 'nothing was changed');
    const failure = describeWriteFailure(outcome, 'sharing');
    assert.equal(failure.saved, 'no');
    assert.equal(failure.retryable, false, 'trying again as it is cannot work');
    assert.match(failure.advice, new RegExp(first.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'names the organisation');
    assert.match(failure.advice, /30 June 2027/, 'says the period');
    assert.match(failure.advice, /GP practice/, 'says who can change it');
    assert.doesNotMatch(failure.advice, /Reload the page/, 'not advice that cannot work');
  });
});

// The class: any denies a practice records (organisations, categories, both; for ever or for periods, date and dateTime
// forms, open ends; written in any of the equivalent forms) and any change she makes, saved: every deny she did not
// touch is kept word for word, and what the hub keeps afterwards is exactly what she chose. When the hub refuses (a
// deny for a period cut in part), nothing is changed and she is told why in words.
const PERIODS: (Period | undefined)[] = [
  undefined,
  { end: '2025-03-31' },
  { start: '2027-01-01' },
  { start: '2026-01-05', end: '2027-06-30' },
  { end: '2027-06-30T17:00:00+01:00' },
  { start: '2026-06' },
  { end: '2025' },
];

const denyArbitrary = (organisations: string[]) =>
  fc
    .record({
      kind: fc.constantFrom('organisations', 'categories', 'both'),
      ids: fc.subarray(organisations, { minLength: 1 }),
      labels: fc.subarray([PSY, SOCIAL], { minLength: 1 }),
      reversed: fc.boolean(),
      period: fc.constantFrom(...PERIODS),
      role: fc.constantFrom('IRCP', 'text', 'PRCP'),
      display: fc.boolean(),
      labelDisplay: fc.boolean(),
      // Mostly as the hub reads it; now and then a form neither reads (a full address, an identifier alone).
      form: fc.constantFrom('reference', 'reference', 'reference', 'reference', 'full address', 'identifier'),
    })
    .map(({ kind, ids, labels, reversed, period, role, display, labelDisplay, form }): Deny => {
      const actor = ids.map((id) => ({
        role: role === 'text' ? { text: 'information recipient' } : { coding: [{ system: PARTICIPATION, code: role }] },
        reference: {
          ...(form === 'reference'
            ? { reference: `Organization/${id}` }
            : form === 'full address'
              ? { reference: `https://hub.example/fhir/Organization/${id}` }
              : { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: id.toUpperCase() } }),
          ...(display ? { display: `Practice name for ${id}` } : {}),
        },
      }));
      const securityLabel = (reversed ? [...labels].reverse() : labels).map(({ system, code, display: words }) => ({
        system,
        code,
        ...(labelDisplay ? { display: words } : {}),
      }));
      return {
        type: 'deny',
        ...(kind !== 'categories' ? { actor } : {}),
        ...(kind !== 'organisations' ? { securityLabel } : {}),
        ...(period ? { period } : {}),
      };
    });

/** Everything a set of choices keeps, by name and period: what a save must keep, and nothing else. */
function terms(choices: SharingChoices): string[] {
  const key = (period: Period | undefined) => (period?.start || period?.end ? `${period.start ?? ''}..${period.end ?? ''}` : 'ever');
  const all = (item: { period?: Period | undefined; periods?: Period[] | undefined }) =>
    item.periods?.length ? item.periods.map(key) : [key(item.period)];
  return [
    ...choices.organisations.filter((each) => !each.shared).flatMap((each) => all(each).map((period) => `o ${each.id} ${period}`)),
    ...choices.categories
      .filter((each) => !each.shared && each.changeable)
      .flatMap((each) => all(each).map((period) => `c ${each.key} ${period}`)),
    ...choices.exceptions.filter((each) => !each.shared).map((each) => `x ${each.organisationId} ${each.category} ${key(each.period)}`),
  ].sort();
}

describe('the class: a save never loses or changes a deny she did not touch', () => {
  test('any denies x any periods x any forms x any change (fast-check, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(denyArbitrary(organisationIds.slice(0, 3)), { maxLength: 4 }),
        fc.array(fc.nat(20), { maxLength: 3 }),
        async (denies, flips) => {
          await recorded(denies);
          const model = await loadSharing(client, patientId);
          const wanted = structuredClone(model.choices);
          const items = [...wanted.organisations, ...wanted.categories.filter((each) => each.changeable), ...wanted.exceptions];
          for (const flip of flips) if (items.length > 0) items[flip % items.length]!.shared = !items[flip % items.length]!.shared;
          const outcome = await saveSharing(client, model, wanted).then(
            () => undefined,
            (error: unknown) => error,
          );
          const stored = await storedDenies();
          if (outcome !== undefined) {
            // Refused: nothing changed, and she is told why in words she can act on.
            assert.deepEqual(stored, denies, 'a refused save changes nothing');
            const failure = describeWriteFailure(outcome, 'sharing');
            assert.doesNotMatch(failure.advice, /Reload the page/, `told why: ${failure.advice}`);
            assert.match(failure.advice, /GP practice/);
            return;
          }
          // Saved: what the hub holds keeps exactly what she chose ...
          const directory = new Map(model.choices.organisations.map((each) => [each.id, { name: each.name }]));
          assert.deepEqual(
            terms(sharingChoicesFrom({ ...(await client.get('/Consent/{id}', { path: { id: consentId } })) }, directory)),
            terms(wanted),
          );
          // ... and each deny whose every part she kept is there word for word.
          const kept = new Set(terms(wanted));
          for (const deny of denies) {
            const own = terms(
              sharingChoicesFrom(
                { resourceType: 'Consent', status: 'active', provision: { type: 'permit', provision: [deny] } } as Consent,
                directory,
              ),
            );
            if (own.every((term) => kept.has(term)))
              assert.ok(
                stored.some((each) => isDeepStrictEqual(each, deny)),
                `untouched deny kept as written: ${JSON.stringify(deny)}`,
              );
          }
        },
      ),
      { seed: 20261207, numRuns: 60 },
    );
  });
});
