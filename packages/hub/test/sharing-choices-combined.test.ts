/**
 * Several sharing choices are read as she meant them (docs/access-policy.md R7). Reviewer R4 found ordinary care
 * refused, and untrue words: any one choice not in force refused the record to everyone — an opt-in whose own period
 * had ended beside one in force, an `OPTOUT` whose period had ended ("has chosen not to share"), and an opt-in whose
 * `Consent.dateTime` (when it was recorded: seconds ahead by another system's clock) was in the future.
 *
 * The rule, as R7 says it: a choice's `dateTime` is not a start condition, only its `provision.period` is. Choices in
 * force combine — an `OPTOUT` in force refuses every organisation, a choice the hub cannot read withholds, the denies of
 * every opt-in in force apply. A choice not in force applies nothing, except that when she has opt-ins, none of them
 * is in force and no `OPTOUT` is, the record is withheld saying her agreement is not in force.
 *
 * The class (fast-check, fixed seed): sets of one to three choices (an opt-in denying some organisations, an `OPTOUT`,
 * one the hub cannot read × its period before, inside, after or none × its `dateTime` past or future) × a GP and a
 * hospital nurse caring for her and a social worker who is not, with and without a break-glass reason: the read and
 * Patient search answer as an oracle written from the rule says, refusal words and all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ukToday } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { isSharingChoice } from '../src/policy/sharing.js';
import { ACT_CODE, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Kind = 'OPTIN' | 'OPTOUT' | 'unreadable';
type When = 'before' | 'inside' | 'after' | 'none';
type Given = 'past' | 'seconds ahead' | 'days ahead';
interface Choice {
  kind: Kind;
  when: When;
  given: Given;
  /** The form its period is written in (dates or dateTimes), and its rule's (for an opt-out and an unreadable one). */
  variant: 0 | 1;
  /** The personas whose organisations an opt-in denies. */
  denies: string[];
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
const GIVEN: Record<Given, string> = {
  past: at(-3 * DAY),
  // Recorded by a system whose clock runs ahead: when it was recorded, not when it starts.
  'seconds ahead': at(45_000),
  'days ahead': at(3 * DAY),
};
const REASON = { 'X-Break-Glass-Reason': 'Unconscious in the emergency department' };
const CALLERS = ['gp', 'hospital-nurse', 'social-worker'];
const IDS = ['combined-choice-a', 'combined-choice-b', 'combined-choice-c'];

let testHub: TestHub;
let patient = '';
const callers: { persona: string; token: string; organizationId: string; related: boolean }[] = [];
const organizationOf = (persona: string) => callers.find((caller) => caller.persona === persona)!.organizationId;

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  for (const id of CALLERS) {
    const persona = personas.find((one) => one.id === id)!;
    callers.push({
      persona: id,
      token: await testHub.signIn(id),
      organizationId: persona.organizationId!,
      related: await testHub.hub.store.isRelated(patient, persona.organizationId!),
    });
  }
  assert.deepEqual(
    callers.map((caller) => caller.related),
    [true, true, false],
    'a GP and a hospital caring for her; a social worker who is not',
  );
  // Her seeded choices are stopped: the choices each case stores alone decide.
  const seeded = await testHub.hub.store.search({
    type: 'Consent',
    patientId: patient,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 200,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of seeded.resources.filter(isSharingChoice)) await transaction.put({ ...consent, status: 'inactive' });
  });
});
after(() => testHub.close());

/** A choice as her practice or an import recorded it. */
function consentOf(choice: Choice, id: string): Json {
  const period = choice.when === 'none' ? {} : { period: PERIODS[choice.when][choice.variant] };
  const base: Json = {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patient}` },
    dateTime: GIVEN[choice.given],
    meta: { source: OTHER_SOURCE },
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
          provision: choice.denies.map((persona) => ({
            type: 'deny',
            actor: [
              {
                role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' }] },
                reference: { reference: `Organization/${organizationOf(persona)}` },
              },
            ],
          })),
        },
      };
    case 'OPTOUT':
      // Under the OPTOUT rule, or a top-level deny under no rule.
      return { ...base, ...(choice.variant === 0 ? rule('OPTOUT') : {}), provision: { type: 'deny', ...period } };
    case 'unreadable':
      // A rule saying both, or a permit narrowed to some data.
      return choice.variant === 0
        ? { ...base, ...rule('OPTIN', 'OPTOUT'), provision: { type: 'permit', ...period } }
        : { ...base, ...rule('OPTIN'), provision: { type: 'permit', ...period, class: [{ code: 'Observation' }] } };
  }
}

/** Stores these choices (up to three) and stops the rest of this suite's. */
const store = (choices: readonly Choice[]) =>
  testHub.hub.store.transaction(async (transaction) => {
    for (const [index, id] of IDS.entries()) {
      const choice = choices[index];
      await transaction.put(
        choice
          ? consentOf(choice, id)
          : { ...consentOf({ kind: 'OPTOUT', when: 'none', given: 'past', variant: 0, denies: [] }, id), status: 'inactive' },
      );
    }
  });

/**
 * The oracle, from R7's words (not the hub's code): in force is inside its own period (none: always); its `dateTime`
 * plays no part.
 */
function expected(choices: readonly Choice[], persona: string, reason: boolean): string {
  const shared = 'read 200, search found';
  if (reason) return shared;
  const inForce = (choice: Choice) => choice.when === 'inside' || choice.when === 'none';
  const refused = (why: string) => `read 403 SHARING_DECLINED (${why}), search not found`;
  if (choices.some((choice) => choice.kind === 'OPTOUT' && inForce(choice))) return refused('opted out');
  if (choices.some((choice) => choice.kind === 'unreadable')) return refused('cannot apply');
  const optIns = choices.filter((choice) => choice.kind === 'OPTIN');
  if (optIns.length > 0 && !optIns.some(inForce)) return refused('not in force');
  if (optIns.some((choice) => inForce(choice) && choice.denies.includes(persona))) return refused('not with your organisation');
  if (!callers.find((caller) => caller.persona === persona)!.related) return 'read 403 NO_LEGITIMATE_RELATIONSHIP, search not found';
  return shared;
}

const codeOf = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined) ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .map((coding) => coding.code)[0];

/** What the refusal's words say, in the oracle's terms. */
function wordsOf(body: Json): string {
  const text = (body['issue'] as { details?: { text?: string } }[] | undefined)?.[0]?.details?.text ?? '';
  if (text.startsWith('This person has chosen not to share their care record with your organisation.')) return 'not with your organisation';
  if (text.startsWith('This person has chosen not to share their care record.')) return 'opted out';
  if (/recorded in a way this service cannot apply/.test(text)) return 'cannot apply';
  if (/agreement to share their care record is not in force/.test(text)) return 'not in force';
  return text;
}

/** What a caller is given: the record read (with the refusal's code and words) and a search by id. */
async function asked(token: string, reason: boolean): Promise<string> {
  const headers = reason ? REASON : {};
  const read = await testHub.call(token, `/Patient/${patient}`, { headers });
  const search = await testHub.call(token, `/Patient?_id=${patient}`, { headers });
  const found = ((search.body['entry'] as { resource: Json }[] | undefined) ?? []).some((entry) => entry.resource['id'] === patient);
  const code = read.status === 403 ? ` ${codeOf(read.body)}` : '';
  const words = codeOf(read.body) === 'SHARING_DECLINED' ? ` (${wordsOf(read.body)})` : '';
  return `read ${read.status}${code}${words}, search ${found ? 'found' : 'not found'}`;
}

/** Every caller's answer that differs from the oracle's, for these choices. */
async function differences(choices: readonly Choice[]): Promise<string[]> {
  await store(choices);
  const wrong: string[] = [];
  for (const caller of callers)
    for (const reason of [false, true]) {
      const got = await asked(caller.token, reason);
      const want = expected(choices, caller.persona, reason);
      if (got !== want) wrong.push(`${caller.persona}${reason ? ' (reason)' : ''}: ${got}; expected ${want}`);
    }
  return wrong;
}

const optIn = (when: When, given: Given = 'past', denies: string[] = []): Choice => ({ kind: 'OPTIN', when, given, variant: 0, denies });

describe('several sharing choices are read as she meant them', () => {
  test('reported: an opt-in whose period has ended beside one in force does not refuse her record', async () => {
    assert.deepEqual(await differences([optIn('after'), optIn('inside')]), []);
  });

  test('reported: an opt-out whose period has ended refuses no one, and says nothing of choosing not to share', async () => {
    assert.deepEqual(await differences([{ kind: 'OPTOUT', when: 'after', given: 'past', variant: 0, denies: [] }]), []);
  });

  test('reported: an opt-in recorded seconds ahead by another clock shares from now', async () => {
    assert.deepEqual(await differences([optIn('none', 'seconds ahead')]), []);
  });

  test('every set of one to three choices × each caller, with and without a reason, answers as the rule says', async () => {
    const choice: fc.Arbitrary<Choice> = fc.record({
      kind: fc.constantFrom<Kind>('OPTIN', 'OPTOUT', 'unreadable'),
      when: fc.constantFrom<When>('before', 'inside', 'after', 'none'),
      given: fc.constantFrom<Given>('past', 'seconds ahead', 'days ahead'),
      variant: fc.constantFrom<0 | 1>(0, 1),
      denies: fc.subarray(CALLERS),
    });
    let cases = 0;
    let failing = 0;
    const seen: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(choice, { minLength: 1, maxLength: 3 }), async (choices) => {
        cases += 1;
        const wrong = await differences(choices);
        if (wrong.length > 0) {
          failing += 1;
          if (seen.length < 5) seen.push(`${JSON.stringify(choices)}: ${wrong.join(' | ')}`);
        }
        return true;
      }),
      { seed: 20261207, numRuns: 200, endOnFailure: true },
    );
    assert.deepEqual(seen, [], `${failing} of ${cases} sets of choices answered otherwise`);
  });
});
