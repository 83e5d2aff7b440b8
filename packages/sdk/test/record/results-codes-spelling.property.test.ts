/**
 * A laboratory's interpretation codes and an Observation's category as real
 * exports spell them: `hh`, ` H `, `Social-History`.
 *
 * Reported: potassium 7.5 flagged `hh` was shown "Lab: hh", neither high nor
 * critical, because only the exact code was read; a smoking status
 * categorised `Social-History` was listed among test results.
 *
 * The property: each interpretation code that places a reading × generated
 * spellings × audience reads the same as the exact code; each category that
 * is not a result, however spelt, keeps the Observation out of the results.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { isResultObservation, resultsViewModel, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(100, Math.floor(PROPERTY_RUNS / 20));
const PATIENT = 'pat-1';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0078';

const potassium = (fields: object): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { text: 'Potassium', coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
    effectiveDateTime: '2026-11-01T10:00:00Z',
    valueQuantity: { value: 7.5, unit: 'mmol/L' },
    ...fields,
  }) as unknown as Observation;

const view = (observation: Observation, audience: RecordAudience) =>
  JSON.parse(
    JSON.stringify(
      resultsViewModel(
        {
          observations: [observation],
          patientId: PATIENT,
          notices: { withheld: false, unavailableSources: [] },
          organizations: new Map([['RZ9', 'Hospital']]),
        },
        { audience },
      ),
    ),
  ) as { tests: { latest: { flag?: string; critical: boolean; interpretation: string } }[] };

const flagged = (code: string, system: string | undefined) =>
  potassium({ interpretation: [{ coding: [{ ...(system ? { system } : {}), code }] }] });

/** The codes that place a reading against its range (HL7 v3 and v2 table 0078 share them). */
const PLACING = ['N', 'H', '>', 'HU', 'HH', 'L', '<', 'LU', 'LL', 'A', 'AA'];

const spelling = (code: string): fc.Arbitrary<string> =>
  fc
    .record({
      lower: fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
      before: fc.constantFrom('', ' ', '\t'),
      after: fc.constantFrom('', ' ', '\n'),
    })
    .map(
      ({ lower, before, after }) =>
        before + [...code].map((letter, index) => (lower[index] ? letter.toLowerCase() : letter)).join('') + after,
    );

describe('results: interpretation codes and categories however they are spelt', () => {
  test('reported: potassium 7.5 flagged "hh" is critically high', () => {
    const [test] = view(flagged('hh', V3), 'clinician').tests;
    assert.equal(test?.latest.flag, 'HH');
    assert.equal(test?.latest.critical, true);
    assert.equal(test?.latest.interpretation, 'Critically high');
  });

  test('every spelling of a placing interpretation code reads as the code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PLACING).chain((code) => fc.tuple(fc.constant(code), spelling(code))),
        fc.constantFrom(V3, V2, undefined),
        fc.constantFrom<RecordAudience>('clinician', 'resident'),
        ([code, spelt], system, audience) => {
          assert.deepEqual(view(flagged(spelt, system), audience), view(flagged(code, system), audience), JSON.stringify(spelt));
        },
      ),
      { numRuns: RUNS, seed: seedOr(8600) },
    );
  });

  test('reported: a smoking status categorised "Social-History" is not a test result', () => {
    assert.equal(isResultObservation({ category: [{ coding: [{ code: 'Social-History' }] }] }), false);
  });

  test('every spelling of a category that is not a result keeps it out of the results', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('social-history', 'survey').chain((code) =>
          fc
            .record({
              upper: fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
              separator: fc.constantFrom('-', '_', ' ', ''),
              after: fc.constantFrom('', ' '),
            })
            .map(
              ({ upper, separator, after }) =>
                [...code].map((letter, index) => (letter === '-' ? separator : upper[index] ? letter.toUpperCase() : letter)).join('') +
                after,
            ),
        ),
        (spelt) => {
          assert.equal(isResultObservation({ category: [{ coding: [{ code: spelt }] }] }), false, spelt);
          assert.equal(isResultObservation({ category: [{ coding: [{ code: spelt }] }, { coding: [{ code: 'Laboratory' }] }] }), true);
        },
      ),
      { numRuns: RUNS, seed: seedOr(8700) },
    );
  });
});
