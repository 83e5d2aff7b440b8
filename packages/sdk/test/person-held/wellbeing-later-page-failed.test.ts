/**
 * Her well-being screen when a later page fails: the whole load failed, so what was read (her plans, her goals, the
 * newest readings) was not shown at all. Now what was read is kept and `notices.unreadTypes` says what could not be
 * read (never a list said as all there is), and a goal none of whose readings were read is "Not known: the latest
 * readings could not be read" — never "No readings yet", never judged. Readings are read newest first, so a goal with
 * a reading among those read is judged on the newest there is.
 *
 * The class: list (plans, goals, conditions, readings) × the page that fails (2, 3, 5) × how (dropped, 500).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPartialAnswer, loadWellbeing, READINGS_UNREAD_STATEMENT } from '../../src/index.js';
import { scriptedHub, type Json, type SearchScript } from './scripted-hub.js';

const PATIENT = 'pat-1';
const SNOMED = 'http://snomed.info/sct';
const subject = { reference: `Patient/${PATIENT}` };
const goal = (id: string): Json => ({
  resourceType: 'Goal',
  id,
  lifecycleStatus: 'active',
  subject,
  description: { text: `Lower blood pressure ${id}` },
  target: [{ measure: { coding: [{ system: SNOMED, code: '271649006' }] }, detailQuantity: { value: 140, comparator: '<', unit: 'mmHg' } }],
});
const plan = (id: string): Json => ({
  resourceType: 'CarePlan',
  id,
  status: 'active',
  intent: 'plan',
  subject,
  category: [{ coding: [{ system: 'https://care-record.example/CodeSystem/care-plan-type', code: 'activity' }] }],
});
const condition = (id: string): Json => ({ resourceType: 'Condition', id, subject, code: { coding: [{ code: `3834100${id.length}` }] } });
const reading = (id: string, at: string, value: number): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  subject,
  code: { coding: [{ system: SNOMED, code: '271649006' }] },
  effectiveDateTime: at,
  valueQuantity: { value, unit: 'mmHg' },
});

const load = (scripts: Record<string, SearchScript>) =>
  loadWellbeing(
    scriptedHub(scripts, () => {
      throw new Error('unexpected read');
    }).client,
    PATIENT,
  );
const whole = (overrides: Record<string, SearchScript>): Record<string, SearchScript> => ({
  '/CarePlan': { pages: [[plan('p1')]] },
  '/Goal': { pages: [[goal('g1')]] },
  '/Condition': { pages: [[condition('c1')]] },
  '/Observation': { pages: [[reading('r1', '2026-11-27T09:00:00Z', 168)]] },
  ...overrides,
});

describe('her well-being screen when a later page fails', () => {
  test('reported: page 1 of readings read, page 3 failed: plans and goals shown, her goal "Not known", said in part', async () => {
    const model = await load(
      whole({ '/Observation': { pages: [[], [], [reading('r-old', '2025-01-01T09:00:00Z', 128)]], laterPageFails: 500 } }),
    );
    assert.equal(model.plans.length, 1);
    assert.equal(model.goals[0]?.targets[0]?.statement, READINGS_UNREAD_STATEMENT);
    assert.equal(model.goals[0]?.targets[0]?.latestMeets, undefined);
    assert.deepEqual(
      model.notices.unreadTypes?.map((item) => item.type),
      ['Observation'],
    );
    assert.ok(isPartialAnswer(model.notices));
  });

  test('class: list × the page that fails × how: what was read kept, said in part, no goal judged or "none" from less', async () => {
    // Page n of a list holds its item `n`; readings newest first, so page 1's is the newest there is.
    const ITEM: Record<string, (n: number) => Json> = {
      '/CarePlan': (n) => plan(`p${n}`),
      '/Goal': (n) => goal(`g${n}`),
      '/Condition': (n) => condition(`c${'x'.repeat(n)}`),
      '/Observation': (n) => reading(`r${n}`, new Date(Date.UTC(2026, 10, 28 - n)).toISOString(), n === 1 ? 168 : 128),
    };
    const wrong: string[] = [];
    let cases = 0;
    for (const list of Object.keys(ITEM))
      for (const failing of [2, 3, 5])
        for (const how of ['network', 500] as const) {
          cases += 1;
          const label = `${list}, page ${failing} ${how}`;
          const pages = Array.from({ length: failing + 1 }, (_, index) => [ITEM[list]!(index + 1)]);
          let model: Awaited<ReturnType<typeof loadWellbeing>>;
          try {
            model = await load(whole({ [list]: { pages, laterPageFails: how } }));
          } catch (error) {
            wrong.push(`${label}: failed whole (${String(error)})`);
            continue;
          }
          if (!(model.notices.unreadTypes ?? []).some((item) => item.type === list.slice(1))) wrong.push(`${label}: not said`);
          if (!isPartialAnswer(model.notices)) wrong.push(`${label}: told whole`);
          if (list === '/CarePlan' && !model.plans.some((item) => item.id === 'p1')) wrong.push(`${label}: page 1 not kept`);
          if (list === '/Goal' && !model.goals.some((item) => item.id === 'g1')) wrong.push(`${label}: page 1 not kept`);
          const target = model.goals[0]?.targets[0];
          if (list === '/Observation' && !target?.statement.includes('168 mmHg')) wrong.push(`${label}: not judged on the newest`);
          if (model.goals.some((item) => item.targets.some((each) => each.statement.startsWith('No readings yet'))))
            wrong.push(`${label}: "No readings yet"`);
        }
    assert.deepEqual(wrong, [], `${wrong.length} wrong in ${cases} cases`);
  });
});
