/**
 * With several sharing choices on her record, the SDK reads them together as the hub applies them (`sharingRules`,
 * docs/access-policy.md R7). The hub now reads a choice not in force as applying nothing — beside an opt-in in force,
 * an ended one no longer withholds her record — and takes `dateTime` as when a choice was recorded, not when it starts.
 * The sharing screen took the latest choice alone: an ended opt-in recorded after the one in force told her that her
 * record was shared with no one, where the hub shares it.
 *
 * The class (fast-check, fixed seed), through the real hub on loopback: sets of one to four stored choices (an opt-in
 * denying some organisations, an `OPTOUT`, one the hub cannot read × its period before, inside, after or none × its
 * `dateTime` past or ahead): what `loadSharing` says is refused to all, and why, or kept from whom, equals the hub's
 * `sharingRules` — with several opt-ins in force, the denies of them all, as the hub applies them. And a save from such
 * a screen leaves her with what she saw: each choice in force changed only where she changed it, the rest as recorded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';

import {
  createHubClient,
  isSharingChoice,
  loadSharing,
  saveSharing,
  ukToday,
  type Consent,
  type HubClient,
  type SharingChoices,
} from '../../src/index.js';
import { sharingRules } from '../../../hub/src/policy/sharing.js';
import { startTestHub, type TestHub } from '../../../hub/test/support/test-hub.js';

const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

type Json = Record<string, unknown>;
type Kind = 'OPTIN' | 'OPTOUT' | 'unreadable';
type When = 'before' | 'inside' | 'after' | 'none';
type Given = 'past' | 'seconds ahead' | 'days ahead';
interface Choice {
  kind: Kind;
  when: When;
  given: Given;
  variant: 0 | 1;
  /** Which of the organisations (`ORGANISATIONS`) an opt-in denies. */
  denies: number[];
}

const NOW = Date.now();
const DAY = 86_400_000;
const day = (offset: number) => ukToday(new Date(NOW + offset * DAY));
const at = (milliseconds: number) => new Date(NOW + milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
const PERIODS: Record<Exclude<When, 'none'>, [Json, Json]> = {
  before: [{ start: day(2) }, { start: at(2 * 3_600_000), end: at(30 * DAY) }],
  inside: [{ start: day(-30), end: day(30) }, { start: at(-3_600_000) }],
  after: [{ start: day(-60), end: day(-2) }, { end: at(-3_600_000) }],
};
const GIVEN: Record<Given, string> = { past: at(-3 * DAY), 'seconds ahead': at(45_000), 'days ahead': at(3 * DAY) };
const IDS = ['sdk-combined-a', 'sdk-combined-b', 'sdk-combined-c', 'sdk-combined-d'];

let testHub: TestHub;
let client: HubClient;
let patientId = '';
let organisations: string[] = [];

before(async () => {
  testHub = await startTestHub();
  client = createHubClient({ baseUrl: testHub.fhir, auth: await testHub.signIn('resident', { scope: RESIDENT_SCOPE }), retry: false });
  const personas = testHub.hub.borough.personas;
  patientId = personas.resident.patientId;
  organisations = (
    await testHub.hub.store.search({
      type: 'Organization',
      criteria: [],
      sort: { by: 'text', descending: false },
      count: 3,
      visibility: { hiddenLabels: [] },
    })
  ).resources.map((organisation) => String(organisation['id']));
  assert.equal(organisations.length, 3);
  // Her seeded choices are stopped: the choices each case stores alone decide.
  const seeded = await testHub.hub.store.search({
    type: 'Consent',
    patientId,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 200,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of seeded.resources)
      if (isSharingChoice(consent as unknown as Consent)) await transaction.put({ ...consent, status: 'inactive' });
  });
});
after(() => testHub.close());

function consentOf(choice: Choice, id: string): Json {
  const period = choice.when === 'none' ? {} : { period: PERIODS[choice.when][choice.variant] };
  const base: Json = {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    dateTime: GIVEN[choice.given],
  };
  const rule = (...codes: string[]) => ({ policyRule: { coding: codes.map((code) => ({ system: ACT_CODE, code })) } });
  switch (choice.kind) {
    case 'OPTIN':
      return {
        ...base,
        ...rule('OPTIN'),
        provision: {
          type: 'permit',
          ...period,
          provision: choice.denies.map((index) => ({
            type: 'deny',
            actor: [{ role: { text: 'recipient' }, reference: { reference: `Organization/${organisations[index]}` } }],
          })),
        },
      };
    case 'OPTOUT':
      return { ...base, ...(choice.variant === 0 ? rule('OPTOUT') : {}), provision: { type: 'deny', ...period } };
    case 'unreadable':
      return choice.variant === 0
        ? { ...base, ...rule('OPTIN', 'OPTOUT'), provision: { type: 'permit', ...period } }
        : { ...base, ...rule('OPTIN'), provision: { type: 'permit', ...period, class: [{ code: 'Observation' }] } };
  }
}

/** Stores these choices, the latest last, and stops the rest of this suite's. */
async function store(choices: readonly Choice[]): Promise<void> {
  for (const [index, id] of IDS.entries()) {
    const choice = choices[index];
    const consent = choice
      ? consentOf(choice, id)
      : { ...consentOf({ kind: 'OPTOUT', when: 'none', given: 'past', variant: 0, denies: [] }, id), status: 'inactive' };
    // One transaction each: each is changed after the one before it, as a practice records them one by one.
    await testHub.hub.store.transaction(async (transaction) => void (await transaction.put(consent)));
  }
}

/** What the hub refuses to all, or keeps from whom, now. */
async function hubTerms() {
  const rules = await sharingRules(testHub.hub.store, patientId, Date.now());
  if (rules.declinedToAll) return { declined: rules.declinedToAll };
  return { organisations: [...rules.deniedOrganizations].sort() };
}
/** The same, as the sharing screen is told it. */
function sdkTerms(choices: SharingChoices) {
  const declined = { 'opted-out': 'opted-out', 'not-readable': 'not-applied', 'not-in-force': 'not-in-force' } as const;
  if (choices.declinedToAll) return { declined: declined[choices.declinedToAll] };
  return {
    organisations: choices.organisations
      .filter((each) => !each.shared && each.state?.kind === 'in-force')
      .map((each) => each.id)
      .sort(),
  };
}

const inForce = (choice: Choice) => choice.when === 'inside' || choice.when === 'none';
const optIn = (when: When, denies: number[] = [], given: Given = 'past'): Choice => ({ kind: 'OPTIN', when, given, variant: 0, denies });

/** JSON with every object's keys in order: the hub may store a choice's keys in another order than it was given. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, each: unknown) =>
    each && typeof each === 'object' && !Array.isArray(each)
      ? Object.fromEntries(Object.entries(each as Json).sort(([a], [b]) => a.localeCompare(b)))
      : each,
  );

/** Each stored choice of this suite as it stands: all but its denies and stamp (what a save must keep), and those. */
async function storedChoices() {
  const stored = await Promise.all(IDS.map((id) => testHub.hub.store.read('Consent', id)));
  return stored.map((each) => {
    // Who saved it and when are the hub's to stamp on a save (`performer`, `dateTime`).
    const { meta: _meta, provision, dateTime, performer, ...rest } = (each?.resource ?? {}) as Json & { provision?: Json };
    const { provision: denies, ...top } = provision ?? {};
    return { rest: canonical({ ...rest, provision: top }), denies: canonical(denies ?? []), stamp: canonical([dateTime, performer]) };
  });
}

describe('several sharing choices are read by the SDK as the hub applies them', () => {
  test('reported: an ended opt-in recorded after one in force is not told as her record shared with no one', async () => {
    await store([optIn('inside', [0]), optIn('after')]);
    const { choices } = await loadSharing(client, patientId);
    assert.deepEqual(sdkTerms(choices), await hubTerms());
    assert.equal(choices.declinedToAll, undefined);
  });

  test('reported: two opt-ins in force are shown together, every organisation either denies, and said to be several', async () => {
    await store([optIn('none', [0]), optIn('inside', [1])]);
    const { choices } = await loadSharing(client, patientId);
    assert.deepEqual(sdkTerms(choices), { organisations: [organisations[0], organisations[1]].sort() });
    assert.deepEqual(sdkTerms(choices), await hubTerms());
    assert.equal(choices.inForce, 2);
  });

  test('reported: sharing again with an organisation another choice in force stops is saved as she sees it', async () => {
    await store([optIn('none', [0]), optIn('inside', [1])]);
    const model = await loadSharing(client, patientId);
    const choices = structuredClone(model.choices);
    for (const each of choices.organisations) if (each.id === organisations[0]) each.shared = true;
    await saveSharing(client, model, choices);
    assert.deepEqual(await hubTerms(), { organisations: [organisations[1]] });
  });

  test('every set of one to four choices reads as the hub applies it', async () => {
    const choice: fc.Arbitrary<Choice> = fc.record({
      kind: fc.constantFrom<Kind>('OPTIN', 'OPTOUT', 'unreadable'),
      when: fc.constantFrom<When>('before', 'inside', 'after', 'none'),
      given: fc.constantFrom<Given>('past', 'seconds ahead', 'days ahead'),
      variant: fc.constantFrom<0 | 1>(0, 1),
      denies: fc.subarray([0, 1, 2]),
    });
    let cases = 0;
    let failing = 0;
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(choice, { minLength: 1, maxLength: 4 }), async (choices) => {
        cases += 1;
        await store(choices);
        const hub = await hubTerms();
        const sdk = sdkTerms((await loadSharing(client, patientId)).choices);
        const same = JSON.stringify(sdk) === JSON.stringify(hub);
        if (!same) failing += 1;
        if (!same && wrong.length < 5) wrong.push(`${JSON.stringify(choices)}: sdk ${JSON.stringify(sdk)}, hub ${JSON.stringify(hub)}`);
        return true;
      }),
      { seed: 20261207, numRuns: 150 },
    );
    assert.deepEqual(wrong, [], `${failing} of ${cases} sets read otherwise`);
  });

  test('a save over one to four opt-ins leaves her with what she saw, and the rest of each as recorded', async () => {
    const choice: fc.Arbitrary<Choice> = fc.record({
      kind: fc.constant<Kind>('OPTIN'),
      when: fc.constantFrom<When>('before', 'inside', 'after', 'none'),
      given: fc.constant<Given>('past'),
      variant: fc.constantFrom<0 | 1>(0, 1),
      denies: fc.subarray([0, 1, 2]),
    });
    let cases = 0;
    let failing = 0;
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(choice, { minLength: 1, maxLength: 4 }), fc.subarray([0, 1, 2]), async (choices, flips) => {
        await store(choices);
        const model = await loadSharing(client, patientId);
        // Her agreement not in force: the save is refused in words (another suite), nothing to compare.
        if (model.choices.declinedToAll) return true;
        cases += 1;
        const before = await storedChoices();
        const changed = structuredClone(model.choices);
        for (const index of flips) {
          const shown = changed.organisations.find((each) => each.id === organisations[index]);
          if (shown) shown.shared = !shown.shared;
        }
        const seen = changed.organisations
          .filter((each) => !each.shared)
          .map((each) => each.id)
          .sort();
        let said = '';
        try {
          await saveSharing(client, model, changed);
        } catch (error) {
          said = `refused: ${String(error)}`;
        }
        const after = await storedChoices();
        const problems = [
          ...(said ? [said] : []),
          ...(JSON.stringify(await hubTerms()) === JSON.stringify({ organisations: seen }) ? [] : ['the hub applies otherwise']),
          ...(JSON.stringify(sdkTerms((await loadSharing(client, patientId)).choices)) === JSON.stringify({ organisations: seen })
            ? []
            : ['read back otherwise']),
          ...before.flatMap((each, index) => (each.rest === after[index]?.rest ? [] : [`${IDS[index] ?? ''} changed beyond its denies`])),
          // A choice not in force applies nothing: it is hers as recorded, denies and all.
          ...choices.flatMap((each, index) =>
            inForce(each) || (before[index]?.denies === after[index]?.denies && before[index]?.stamp === after[index]?.stamp)
              ? []
              : [`${IDS[index] ?? ''} not in force, changed`],
          ),
        ];
        if (problems.length > 0) failing += 1;
        if (problems.length > 0 && wrong.length < 5)
          wrong.push(`${JSON.stringify(choices)} flip ${JSON.stringify(flips)}: ${problems.join('; ')}`);
        return true;
      }),
      { seed: 20261207, numRuns: 60 },
    );
    assert.deepEqual(wrong, [], `${failing} of ${cases} saves left her otherwise`);
  });
});
