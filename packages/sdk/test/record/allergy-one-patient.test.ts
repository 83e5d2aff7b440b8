/**
 * `allergyState` is public and takes a bundle of allergies with no patient
 * to check them against. A bundle naming two patients (a server that mixed
 * answers up) was shown as one person's allergies, or as "No known
 * allergies" beside another person's entry. Whichever patient is in
 * context, such a bundle cannot be one person's: the state is now
 * "Allergies unavailable" (an error, never "none"), each entry reported as a
 * safety issue, and nothing from it is shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { allergyState, type AllergyState } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const allergy = (id: string, patient: string | undefined, code: Record<string, unknown>) => ({
  resourceType: 'AllergyIntolerance',
  id,
  meta: { source: 'https://care-record.example/source/F83999' },
  ...(patient ? { patient: { reference: patient } } : {}),
  clinicalStatus: { coding: [{ code: 'active' }] },
  code,
});

const stateOf = (allergies: object[]): AllergyState =>
  allergyState(
    { bundle: { entry: allergies.map((resource) => ({ resource })) }, notices: { withheld: false, unavailableSources: [] } },
    { audience: 'clinician', organizations: new Map() },
  );

const NKA = { coding: [{ system: 'http://snomed.info/sct', code: '716186003' }] };

describe('allergies: a bundle naming two patients is no one person’s', () => {
  test('the reported case: penicillin for Patient/a and peanut for Patient/b are not shown as one person’s allergies', () => {
    const state = stateOf([allergy('1', 'Patient/a', { text: 'Penicillin' }), allergy('2', 'Patient/b', { text: 'Peanut' })]);
    assert.equal(state.kind, 'unavailable');
    assert.equal(state.safetyIssues?.length, 2);
    assert.doesNotMatch(JSON.stringify(state), /Penicillin|Peanut/);
  });

  test('property: two patients named gives "unavailable"; one patient (however referenced) gives the state it did', () => {
    const patient = fc.constantFrom('Patient/a', 'https://fhir.example.org/Patient/a/_history/2', 'Patient/b', undefined);
    const code = fc.constantFrom<Record<string, unknown>>({ text: 'Penicillin' }, NKA, { text: 'Latex' });
    fc.assert(
      fc.property(fc.array(fc.tuple(patient, code), { minLength: 1, maxLength: 4 }), (entries) => {
        const allergies = entries.map(([reference, concept], index) => allergy(String(index), reference, concept));
        const state = stateOf(allergies);
        const named = new Set(entries.flatMap(([reference]) => (reference ? [reference.includes('Patient/a') ? 'a' : 'b'] : [])));
        if (named.size > 1) {
          assert.equal(state.kind, 'unavailable');
          assert.equal(state.safetyIssues?.length, entries.length);
        } else {
          assert.notEqual(state.kind, 'unavailable');
          // As the same bundle with no patient named at all reads.
          assert.equal(state.kind, stateOf(entries.map(([, concept], index) => allergy(String(index), undefined, concept))).kind);
        }
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9991) },
    );
  });
});
