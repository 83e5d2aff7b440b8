/**
 * Her well-being screen (R16): her goals and readings were matched only as `Patient/<id>` exactly, so a newest reading
 * naming her by this hub's full address or a version was dropped and she was told an older reading met her goal
 * (2/2), and goals written so vanished (2/2); readings stopped at one page of 500 with nothing said; and an answer in
 * part (withheld, a source that did not answer, an error) left lists to say "none".
 *
 * The class: reference form × kind of item (plan, goal, reading) — hers in every form FHIR allows is kept, another
 * patient's never (and reported as a safety issue, so the view does not say "none"); and part (plans, goals, conditions, readings) × how it answers (each kind of answer in part, her item
 * on a later page, more pages than are read, a later page failing): the item is there, or the notices say the answer
 * is in part (`isPartialAnswer`), or the load fails — never a complete-looking answer without it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  HubError,
  isPartialAnswer,
  loadWellbeing,
  wellbeingViewModel,
  type CarePlan,
  type Goal,
  type Observation,
} from '../../src/index.js';
import { PARTIAL, scriptedHub, type Json, type SearchScript } from './scripted-hub.js';

const SNOMED = 'http://snomed.info/sct';
const PATIENT = 'pat-1';
const FORMS_OF_HERS = [
  `Patient/${PATIENT}`,
  `https://hub.test/fhir/Patient/${PATIENT}`,
  `Patient/${PATIENT}/_history/3`,
  `https://hub.test/fhir/Patient/${PATIENT}/_history/12`,
];
const NOT_HERS = ['Patient/pat-2', `Patient/${PATIENT}x`, `https://hub.test/fhir/Patient/pat-2/_history/1`, `Group/${PATIENT}`];

const goal = (subject = `Patient/${PATIENT}`, id = 'g1'): Json => ({
  resourceType: 'Goal',
  id,
  lifecycleStatus: 'active',
  subject: { reference: subject },
  description: { text: 'Lower blood pressure' },
  target: [{ measure: { coding: [{ system: SNOMED, code: '271649006' }] }, detailQuantity: { value: 140, comparator: '<', unit: 'mmHg' } }],
});
const plan = (subject = `Patient/${PATIENT}`): Json => ({
  resourceType: 'CarePlan',
  id: 'p1',
  status: 'active',
  intent: 'plan',
  subject: { reference: subject },
  category: [{ coding: [{ system: 'https://care-record.example/CodeSystem/care-plan-type', code: 'activity' }] }],
});
const reading = (id: string, at: string, value: number, subject = `Patient/${PATIENT}`): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject: { reference: subject },
  code: { coding: [{ system: SNOMED, code: '271649006' }] },
  effectiveDateTime: at,
  valueQuantity: { value, unit: 'mmHg' },
});
const condition = (): Json => ({
  resourceType: 'Condition',
  id: 'c1',
  subject: { reference: `Patient/${PATIENT}` },
  code: { coding: [{ code: '38341003' }] },
});

const NONE = { withheld: false, unavailableSources: [] };
const load = (scripts: Record<string, SearchScript>) =>
  loadWellbeing(
    scriptedHub(scripts, () => {
      throw new Error('unexpected read');
    }).client,
    PATIENT,
  );
const whole = (overrides: Record<string, SearchScript> = {}): Record<string, SearchScript> => ({
  '/CarePlan': { pages: [[plan()]] },
  '/Goal': { pages: [[goal()]] },
  '/Condition': { pages: [[condition()]] },
  '/Observation': { pages: [[reading('new', '2026-11-27T09:00:00Z', 168), reading('old', '2026-01-05T09:00:00Z', 128)]] },
  ...overrides,
});

describe('her well-being screen: her items in any reference form, and no list told whole from an answer in part', () => {
  test('reported: the newest reading naming her by full address or version is the latest (not "128 … meets this goal")', async () => {
    for (const subject of [`https://hub.test/fhir/Patient/${PATIENT}`, `Patient/${PATIENT}/_history/3`]) {
      const model = await load(
        whole({
          '/Observation': { pages: [[reading('new', '2026-11-27T09:00:00Z', 168, subject), reading('old', '2026-01-05T09:00:00Z', 128)]] },
        }),
      );
      const target = model.goals[0]?.targets[0];
      assert.equal(target?.readings.at(-1)?.value, 168, subject);
      assert.equal(target?.latestMeets, false, subject);
    }
  });

  test('class: reference form × plan, goal, reading — hers kept, another patient’s never', () => {
    const wrong: string[] = [];
    for (const subject of [...FORMS_OF_HERS, ...NOT_HERS]) {
      const hers = FORMS_OF_HERS.includes(subject);
      const model = wellbeingViewModel({
        patientId: PATIENT,
        plans: [plan(subject) as unknown as CarePlan],
        goals: [goal(subject) as unknown as Goal],
        conditions: [],
        observations: [],
        notices: NONE,
      });
      if ((model.plans.length === 1) !== hers) wrong.push(`plan ${subject}`);
      // Left out, and said: never "none" from what was left.
      if ((model.safetyIssues ?? []).length !== (hers ? 0 : 2)) wrong.push(`not reported ${subject}`);
      if ((model.goals.length === 1) !== hers) wrong.push(`goal ${subject}`);
      const judged = wellbeingViewModel({
        patientId: PATIENT,
        plans: [],
        goals: [goal() as unknown as Goal],
        conditions: [],
        observations: [reading('r', '2026-11-27T09:00:00Z', 150, subject) as unknown as Observation],
        notices: NONE,
      });
      if ((judged.goals[0]?.targets[0]?.readings.length === 1) !== hers) wrong.push(`reading ${subject}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('reported: readings past one page are read, newest first; past the bound only the latest, said so', async () => {
    const page = (n: number) =>
      Array.from({ length: 3 }, (_, i) => reading(`r${n}-${i}`, new Date(Date.UTC(2026, 10, 27 - n * 3 - i)).toISOString(), 150));
    const two = await load(whole({ '/Observation': { pages: [page(0), page(1)] } }));
    assert.equal(two.goals[0]?.targets[0]?.readings.length, 6);
    assert.equal(two.notices.truncated, undefined);
    const many = await load(whole({ '/Observation': { pages: Array.from({ length: 12 }, (_, n) => page(n)) } }));
    assert.equal(many.notices.truncated, true);
    assert.ok(isPartialAnswer(many.notices));
  });

  test('class: part × how it answers — the item, or "in part", or an error; never whole without it', async () => {
    const ITEMS: Record<string, () => Json> = {
      '/CarePlan': plan,
      '/Goal': goal,
      '/Condition': condition,
      '/Observation': () => reading('x', '2026-11-27T09:00:00Z', 168),
    };
    const present = (part: string, model: Awaited<ReturnType<typeof loadWellbeing>>) =>
      part === '/CarePlan'
        ? model.plans.length > 0
        : part === '/Goal'
          ? model.goals.length > 0
          : part === '/Condition'
            ? model.recordCodes.includes('38341003')
            : (model.goals[0]?.targets[0]?.readings.length ?? 0) > 0;
    const HOW: Record<string, (part: string) => SearchScript> = {
      ...Object.fromEntries(
        Object.entries(PARTIAL).map(([kind, extra]) => [kind, (): SearchScript => ({ pages: [[]], extra: () => extra })]),
      ),
      'on a later page': (part) => ({ pages: [[], [ITEMS[part]!()]] }),
      'in part on a later page': () => ({ pages: [[], []], extra: (n) => (n === 1 ? PARTIAL['items withheld']! : {}) }),
      'more pages than are read': (part) => ({ pages: [...Array.from({ length: 24 }, () => []), [ITEMS[part]!()]] }),
      'a later page dropped': (part) => ({ pages: [[], [ITEMS[part]!()]], laterPageFails: 'network' }),
      'a later page 500': (part) => ({ pages: [[], [ITEMS[part]!()]], laterPageFails: 500 }),
    };
    const wrong: string[] = [];
    let cases = 0;
    for (const part of Object.keys(ITEMS))
      for (const [how, script] of Object.entries(HOW)) {
        cases += 1;
        let said: string;
        try {
          const model = await load(whole({ [part]: script(part) }));
          said = present(part, model) ? 'shown' : isPartialAnswer(model.notices) ? 'in part' : 'whole without it';
        } catch (error) {
          said = error instanceof HubError ? 'failed' : `threw ${String(error)}`;
        }
        if (said === 'whole without it' || said.startsWith('threw')) wrong.push(`${part} ${how}: ${said}`);
        if (how === 'on a later page' && said !== 'shown') wrong.push(`${part} ${how}: ${said}`);
      }
    const failed = new Set(wrong.map((line) => line.split(':')[0]));
    assert.deepEqual(wrong, [], `${failed.size}/${cases} cases wrong`);
  });
});
