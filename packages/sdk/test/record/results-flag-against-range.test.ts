/**
 * A laboratory's flag and the reference range it sent can disagree: an `H`
 * on a potassium of 4.2 with a range of 3.5 to 5.3 read simply "High", and an
 * `N` on a value outside its range "Normal", hiding that the value says
 * otherwise. In UK practice the laboratory's flag stands (its position, flag
 * and chart mark are the laboratory's), but the words now say both, for the
 * clinician and the resident alike; where they agree, nothing changes.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience, type ResultReading } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-1';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0078';

function reading(fields: Record<string, unknown>, audience: RecordAudience): ResultReading & { summary: string } {
  const observation = {
    resourceType: 'Observation',
    id: 'k',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Potassium' },
    effectiveDateTime: '2026-11-01T10:00:00Z',
    ...fields,
  } as unknown as Observation;
  const model = resultsViewModel(
    { observations: [observation], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience },
  );
  const [test] = model.tests;
  assert.ok(test);
  return { ...test.latest, summary: test.summary };
}

/** Where the laboratory's code places a reading. */
const LAB: Readonly<Record<string, 'within' | 'above' | 'below' | 'outside'>> = {
  N: 'within',
  H: 'above',
  HH: 'above',
  L: 'below',
  LL: 'below',
  A: 'outside',
  AA: 'outside',
};

/** What the range says, in the words each audience reads. */
const RANGE_WORDS: Readonly<Record<RecordAudience, Record<'within' | 'above' | 'below', RegExp>>> = {
  clinician: { within: /within reference range/, above: /above reference range/, below: /below reference range/ },
  resident: { within: /within the usual range/, above: /above the usual range/, below: /below the usual range/ },
};

describe('results: a laboratory flag the range disagrees with', () => {
  test('the reported case: H on 4.2 mmol/L with a range of 3.5 to 5.3 is flagged H and says the value is within the range', () => {
    const fields = {
      valueQuantity: { value: 4.2, unit: 'mmol/L' },
      referenceRange: [{ low: { value: 3.5 }, high: { value: 5.3 } }],
      interpretation: [{ coding: [{ system: V2, code: 'H' }] }],
    };
    const clinician = reading(fields, 'clinician');
    assert.equal(clinician.flag, 'H');
    assert.equal(clinician.position, 'above');
    assert.equal(clinician.rangePosition, 'within');
    assert.equal(clinician.interpretation, 'High by lab flag; value within reference range');
    assert.match(reading(fields, 'resident').interpretation, /lab.*within the usual range/);
  });

  test(`property: ${Math.min(PROPERTY_RUNS, 3000)} readings — the words name both when the flag and the range disagree, and only then`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.constantFrom(...Object.keys(LAB)),
        fc.constantFrom<RecordAudience>('clinician', 'resident'),
        (value, low, high, code, audience) => {
          fc.pre(low === undefined || high === undefined || low <= high);
          const shown = reading(
            {
              valueQuantity: { value, unit: 'mmol/L' },
              ...(low === undefined && high === undefined
                ? {}
                : {
                    referenceRange: [
                      { ...(low === undefined ? {} : { low: { value: low } }), ...(high === undefined ? {} : { high: { value: high } }) },
                    ],
                  }),
              interpretation: [{ coding: [{ system: V2, code }] }],
            },
            audience,
          );
          const lab = LAB[code];
          // The laboratory's word stands.
          assert.equal(shown.position, lab);
          const byRange =
            low === undefined && high === undefined
              ? undefined
              : low !== undefined && value < low
                ? 'below'
                : high !== undefined && value > high
                  ? 'above'
                  : 'within';
          const agree = byRange === undefined || byRange === lab || (lab === 'outside' && byRange !== 'within');
          if (agree) {
            assert.equal(shown.rangePosition, undefined);
            assert.doesNotMatch(shown.interpretation, /lab/i, shown.interpretation);
            assert.doesNotMatch(shown.summary, /lab/i, shown.summary);
          } else {
            assert.equal(shown.rangePosition, byRange);
            assert.match(shown.interpretation, /lab/i);
            assert.match(shown.interpretation, RANGE_WORDS[audience][byRange!], shown.interpretation);
            assert.match(shown.description, RANGE_WORDS[audience][byRange!], shown.description);
            assert.match(shown.summary, RANGE_WORDS[audience][byRange!], shown.summary);
          }
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 3000), seed: seedOr(9301) },
    );
  });
});
