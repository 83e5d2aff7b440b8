/**
 * An unconfirmed "No known allergy" (SNOMED 716186003, verification
 * `unconfirmed`) was labelled plainly "No known allergies" (reviewer R7), the
 * same as a confirmed one: the four allergy states must never be confused,
 * and a "none" that is not established must say so. A confirmed statement
 * stands on its own; with none confirmed, the label says "(unconfirmed)".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { AllergyIntolerance } from '../../src/fhir.js';
import { allergyState, type AllergyState } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const SNOMED = 'http://snomed.info/sct';
const VERIFICATION = 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification';
const STATEMENTS = {
  all: ['716186003', 'No known allergy'],
  drug: ['409137002', 'No known drug allergy'],
  food: ['429625007', 'No known food allergy'],
} as const;

function statement(scope: keyof typeof STATEMENTS, verification: string | undefined, recorded: string): AllergyIntolerance {
  const [code, display] = STATEMENTS[scope];
  return {
    resourceType: 'AllergyIntolerance',
    id: `${scope}-${verification ?? 'none'}-${recorded}`,
    meta: { source: 'https://care-record.example/source/F83999' },
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
    ...(verification ? { verificationStatus: { coding: [{ system: VERIFICATION, code: verification }] } } : {}),
    code: { coding: [{ system: SNOMED, code, display }] },
    patient: { reference: 'Patient/pat-0001' },
    recordedDate: recorded,
  } as unknown as AllergyIntolerance;
}

const stateOf = (allergies: AllergyIntolerance[]): AllergyState =>
  allergyState(
    {
      bundle: { resourceType: 'Bundle', type: 'searchset', entry: allergies.map((resource) => ({ resource })) },
      notices: { withheld: false, unavailableSources: [] },
    } as unknown as Parameters<typeof allergyState>[0],
    { audience: 'clinician', organizations: new Map() },
  );

describe('allergies: an unconfirmed "no known allergy" says it is unconfirmed', () => {
  test('the reported case: unconfirmed 716186003 is "No known allergies (unconfirmed)"', () => {
    const state = stateOf([statement('all', 'unconfirmed', '2026-11-01')]);
    assert.equal(state.kind, 'no-known-allergies');
    assert.equal(state.label, 'No known allergies (unconfirmed)');
  });

  test('any mix of statements: the label says unconfirmed exactly when none is confirmed, and covers the confirmed ones', () => {
    const one = fc.record({
      scope: fc.constantFrom(...(Object.keys(STATEMENTS) as (keyof typeof STATEMENTS)[])),
      verification: fc.constantFrom('unconfirmed', 'confirmed', undefined),
      recorded: fc.constantFrom('2025-01-02', '2026-03-04', '2026-11-01'),
    });
    fc.assert(
      fc.property(fc.array(one, { minLength: 1, maxLength: 4 }), (sent) => {
        const state = stateOf(sent.map((item) => statement(item.scope, item.verification, item.recorded)));
        assert.equal(state.kind, 'no-known-allergies');
        if (state.kind !== 'no-known-allergies') return;
        const standing = sent.filter((item) => item.verification !== 'unconfirmed');
        const noneConfirmed = standing.length === 0;
        assert.equal(state.label.endsWith('(unconfirmed)'), noneConfirmed, state.label);
        assert.equal(state.unconfirmed === true, noneConfirmed);
        const covered = noneConfirmed ? sent : standing;
        if (covered.some((item) => item.scope === 'all')) assert.match(state.label, /^No known allergies/);
        else for (const item of covered) assert.ok(state.label.includes(item.scope), state.label);
      }),
      { seed: seedOr(5_0503), numRuns: 300 },
    );
  });
});
