/**
 * An allergy whose substance, or a reaction whose manifestation, was sent as
 * a code with no words (GP exports drop displays) read "Not known": a
 * prescriber told the substance is not known, when the record names it by
 * code. It now reads as its code (`SNOMED CT 764146007`), as the rest of the
 * record does; recorded words come first, and "Not known" is kept for an
 * entry that names nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { allergyState, type AllergyItem } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';
import { codesOf, sentConcept, wordsOf, type Sent } from './sent-concepts.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';

function itemOf(fields: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician'): AllergyItem {
  const allergy = {
    resourceType: 'AllergyIntolerance',
    id: 'a-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    patient: { reference: `Patient/${PATIENT}` },
    clinicalStatus: { coding: [{ code: 'active' }] },
    ...fields,
  };
  const state = allergyState(
    { bundle: { entry: [{ resource: allergy }] }, notices: { withheld: false, unavailableSources: [] } },
    { audience, organizations: new Map() },
  );
  assert.equal(state.kind, 'known');
  const [item] = state.kind === 'known' ? state.items : [];
  assert.ok(item);
  return item;
}

describe('allergies: a substance or reaction sent as a code', () => {
  test('the reported case: a substance coded SNOMED CT 764146007 with no words is named by its code', () => {
    assert.equal(itemOf({ code: { coding: [{ system: SNOMED, code: '764146007' }] } }).substance, 'SNOMED CT 764146007');
  });

  test('a manifestation coded SNOMED CT 271807003 with no words is named by its code', () => {
    const item = itemOf({
      code: { text: 'Penicillin' },
      reaction: [{ manifestation: [{ coding: [{ system: SNOMED, code: '271807003' }] }], severity: 'severe' }],
    });
    assert.deepEqual(item.reactions[0]?.manifestations, ['SNOMED CT 271807003']);
  });

  const concept = sentConcept({
    words: ['Penicillin', ' Peanut  oil ', 'Rash'],
    systems: [undefined, SNOMED, 'https://dmd.nhs.uk', 'https://gp.example/codes'],
    codes: ['764146007', '271807003', 'LOC-9'],
  });
  /** What a concept must read as: one of its words, else ends with one of its codes; `undefined` when it says nothing. */
  const reads = (given: Sent | undefined, shown: string | undefined): boolean | undefined => {
    const said = wordsOf(given);
    if (said.length > 0) return said.includes(shown ?? '');
    const codes = codesOf(given);
    return codes.length > 0 ? codes.some((code) => shown?.endsWith(code)) : undefined;
  };

  test('property: a substance and each manifestation read as their words, else their code; "Not known" only when nothing was sent', () => {
    fc.assert(
      fc.property(
        fc.option(concept, { nil: undefined }),
        fc.array(concept, { maxLength: 3 }),
        fc.constantFrom('clinician', 'resident' as const),
        (code, manifestation, audience) => {
          // A substance that reads as "no known allergy" is a statement, not an allergy: not what this property is about.
          fc.pre(!wordsOf(code).some((one) => /^no known/i.test(one)));
          const item = itemOf({ ...(code ? { code } : {}), reaction: [{ manifestation }] }, audience);
          const substance = reads(code, item.substance);
          assert.equal(item.substance === 'Not known', substance === undefined, item.substance);
          if (substance !== undefined) assert.ok(substance, item.substance);
          const saying = manifestation.filter((one) => reads(one, undefined) !== undefined);
          const shown = item.reactions[0]?.manifestations ?? [];
          if (saying.length === 0) assert.deepEqual(shown, ['Not known']);
          else {
            assert.equal(shown.length, saying.length);
            saying.forEach((one, index) => assert.ok(reads(one, shown[index]), shown[index]));
          }
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 3000), seed: seedOr(9701) },
    );
  });
});
