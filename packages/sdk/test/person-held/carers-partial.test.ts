/**
 * Her carers screen (R16, 3/3): `loadCarers` read one page of 100 of her permissions (every status, newest first), so
 * an old permission still in force fell off behind newer stopped ones and she could not stop someone still acting for
 * her; and an answer that said items were withheld or carried a timeout was listed as all there is ("Nobody can act
 * for you at the moment").
 *
 * The class: where her permission in force is (the first page, a later page, past the bound) × how the answer came (in
 * full, each kind of answer in part, a later page in part, a later page failing): it is listed in force, or the model
 * says the answer is in part (`isPartialAnswer`), or the load fails — never a complete-looking list without it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HubError, isPartialAnswer, loadCarers, PROXY_ACTION_SYSTEM, PROXY_CONSENT_CATEGORY } from '../../src/index.js';
import { PARTIAL, scriptedHub, type Json, type SearchScript } from './scripted-hub.js';

const PATIENT = 'pat-1';
const permission = (id: string, status: string, dateTime: string, person: string): Json => ({
  resourceType: 'Consent',
  id,
  status,
  dateTime,
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [PROXY_CONSENT_CATEGORY] }],
  patient: { reference: `Patient/${PATIENT}` },
  performer: [{ reference: `Patient/${PATIENT}` }],
  provision: {
    type: 'permit',
    actor: [{ role: { coding: [{ code: 'AUT' }] }, reference: { reference: `RelatedPerson/${person}` } }],
    action: [{ coding: [{ system: PROXY_ACTION_SYSTEM, code: 'view-record' }] }],
  },
});
const person = (id: string, family: string): Json => ({
  resourceType: 'RelatedPerson',
  id,
  patient: { reference: `Patient/${PATIENT}` },
  name: [{ family, given: ['Sam'] }],
});
const stopped = (page: number): Json[] =>
  Array.from({ length: 100 }, (_, i) => permission(`c${page}-${i}`, 'inactive', `2026-0${1 + (i % 9)}-10`, 'rp-new'));
const parent = permission('parent', 'active', '2021-03-01', 'rp-old');

function load(script: SearchScript) {
  const read = (template: string): Json => {
    if (template === '/RelatedPerson')
      return {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [{ resource: person('rp-old', 'Parent') }, { resource: person('rp-new', 'Invitee') }],
      };
    if (template === '/Patient/{id}') return { resourceType: 'Patient', id: PATIENT, birthDate: '1960-01-01' };
    throw new Error(`unexpected ${template}`);
  };
  return loadCarers(scriptedHub({ '/Consent': script }, read).client, PATIENT, { now: new Date('2026-12-07T12:00:00Z') });
}

/** What her screen is told: her parent listed in force, the answer in part, a failure, or a list without them told whole. */
async function told(script: SearchScript): Promise<string> {
  try {
    const model = await load(script);
    if (model.carers.some((carer) => carer.consentId === 'parent' && carer.inForce && carer.name.includes('Parent'))) return 'listed';
    return model.notices && isPartialAnswer(model.notices) ? 'in part' : 'whole without them';
  } catch (error) {
    return error instanceof HubError ? 'failed' : `threw ${String(error)}`;
  }
}

describe('her carers: every page read, and no list told whole from an answer in part', () => {
  test('reported: her parent’s permission in force behind 100 newer stopped ones is listed, and can be stopped', async () => {
    assert.equal(await told({ pages: [stopped(0), [parent]] }), 'listed');
  });

  test('reported: an answer saying items were withheld, or carrying a timeout, is not "nobody"', async () => {
    assert.equal(await told({ pages: [[]], extra: () => PARTIAL['labelled REDACTED']! }), 'in part');
    assert.equal(await told({ pages: [[]], extra: () => PARTIAL['a timeout outcome']! }), 'in part');
  });

  test('class: where her permission is × how the answer came', async () => {
    const WHERE: Record<string, Json[][]> = {
      'nowhere (she has none)': [[]],
      'the first page': [[parent]],
      'the second page': [stopped(0), [parent]],
      'the fifth page': [stopped(0), stopped(1), stopped(2), stopped(3), [parent]],
      'past the bound': [...Array.from({ length: 22 }, (_, n) => stopped(n)), [parent]],
    };
    const HOW: Record<string, (pages: number) => Partial<SearchScript>> = {
      'in full': () => ({}),
      ...Object.fromEntries(Object.entries(PARTIAL).map(([kind, extra]) => [kind, () => ({ extra: () => extra })])),
      'the last page in part': (pages) => ({ extra: (n: number) => (n === pages - 1 ? PARTIAL['items withheld']! : {}) }),
      'a later page dropped': () => ({ laterPageFails: 'network' }),
      'a later page 503': () => ({ laterPageFails: 503 }),
    };
    const wrong: string[] = [];
    let cases = 0;
    for (const [where, pages] of Object.entries(WHERE))
      for (const [how, script] of Object.entries(HOW)) {
        cases += 1;
        const said = await told({ pages, ...script(pages.length) });
        const hers = where !== 'nowhere (she has none)';
        if (said.startsWith('threw') || (hers && said === 'whole without them')) wrong.push(`${where} ${how}: ${said}`);
        // In full on every page read, she is listed; with none and a whole answer, "nobody" is right.
        if (how === 'in full' && hers && where !== 'past the bound' && said !== 'listed') wrong.push(`${where} ${how}: ${said}`);
        if (how === 'in full' && !hers && said !== 'whole without them') wrong.push(`${where} ${how}: ${said}`);
      }
    assert.deepEqual(wrong, [], `${new Set(wrong).size}/${cases} cases wrong`);
  });
});
