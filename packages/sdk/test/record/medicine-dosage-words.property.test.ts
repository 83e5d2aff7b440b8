/**
 * A dosage sent only in its structured parts, as GP Connect, UK Core examples
 * and Synthea send it, says everything those parts say: a dose range with one
 * end (`up to 2 puff`), the reason a medicine is taken when required even
 * when only coded, a timing sent only as a code (`QID`), and the most that may
 * be taken in a period. None of it is dropped, so a clinician is never shown
 * less than the source recorded ("When required" for "up to 2 puffs four
 * times a day when required for asthma, no more than 8 in a day").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';

/** The row's dosage for a statement carrying `dosage`. */
function dosageShown(dosage: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician'): string | undefined {
  const view = medicationsViewModel(
    {
      requests: [],
      statements: [
        {
          resourceType: 'MedicationStatement',
          id: 'ms-1',
          meta: { source: 'https://care-record.example/source/F83999' },
          status: 'active',
          subject: { reference: `Patient/${PATIENT}` },
          medicationCodeableConcept: { text: 'Salbutamol 100micrograms/dose inhaler' },
          dosage: [dosage],
        } as unknown as MedicationStatement,
      ],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience, now: '2026-11-28T09:00:00Z' },
  );
  // A course whose dates have passed is a past medicine: its dosage is said the same there.
  return (view.current[0] ?? view.past[0])?.dosage;
}

describe('medicines: a structured dosage says all its parts say', () => {
  test('reported: a reliever inhaler sent only in parts reads in full, not just "When required"', () => {
    const shown = dosageShown({
      asNeededCodeableConcept: { coding: [{ system: SNOMED, code: '195967001' }] },
      doseAndRate: [{ doseRange: { high: { value: 2, unit: 'puff' } } }],
      timing: { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'QID' }] } },
      maxDosePerPeriod: { numerator: { value: 8, unit: 'puff' }, denominator: { value: 1, unit: 'day', code: 'd' } },
    });
    assert.equal(shown, 'Up to 2 puff, QID, when required for SNOMED CT 195967001, no more than 8 puff a day');
  });

  test('reported: a dose range with only its lower end says it', () => {
    assert.equal(dosageShown({ doseAndRate: [{ doseRange: { low: { value: 1, unit: 'capsule' } } }] }), 'At least 1 capsule');
  });

  test('reported: a course given by its dates says when it runs, not only how often', () => {
    const course = {
      timing: { repeat: { frequency: 3, period: 1, periodUnit: 'd', boundsPeriod: { start: '2026-01-01', end: '2026-01-08' } } },
    };
    assert.equal(dosageShown(course), '3 times a day, from 01-Jan-2026 until 08-Jan-2026');
    assert.equal(dosageShown(course, 'resident'), '3 times a day, from 1 January 2026 until 8 January 2026');
  });

  for (const audience of ['clinician', 'resident'] as const)
    test(`${audience}: a course's start, end or both are said, each on the day written, in the audience's words`, () => {
      const words = { clinician: ['01-Jan-2026', '08-Jan-2026'], resident: ['1 January 2026', '8 January 2026'] }[audience];
      const bounds = [
        [{ start: '2026-01-01' }, `From ${words[0]}`],
        [{ end: '2026-01-08T00:00:00+05:30' }, `Until ${words[1]}`],
        [{ start: '2026-01-01T00:00:00Z', end: '2026-01-08' }, `From ${words[0]} until ${words[1]}`],
        [{ start: 'soon' }, 'No information available'],
      ] as const;
      for (const [boundsPeriod, expected] of bounds)
        assert.equal(dosageShown({ timing: { repeat: { boundsPeriod } } }, audience), expected, JSON.stringify(boundsPeriod));
    });

  const quantity = fc.record({ value: fc.integer({ min: 1, max: 20 }), unit: fc.constantFrom('tablet', 'puff', 'mL') });
  const part = fc.record(
    {
      low: quantity,
      high: quantity,
      // A reason for taking it when required, and the words it should be said in.
      reason: fc.constantFrom(
        [{ coding: [{ system: SNOMED, code: '195967001' }] }, 'SNOMED CT 195967001'] as const,
        [{ coding: [{ system: SNOMED, code: '22253000', display: 'Pain' }] }, 'Pain'] as const,
        [{ text: 'breathlessness' }, 'breathlessness'] as const,
      ),
      timingCode: fc.constantFrom('BID', 'TID', 'QID', 'AM'),
      max: fc.record({ count: fc.integer({ min: 1, max: 12 }), per: fc.constantFrom(['d', 'a day'] as const, ['h', 'an hour'] as const) }),
    },
    { requiredKeys: [] },
  );

  test(`property: ${RUNS} dosages sent in parts — each part's words are shown`, () => {
    fc.assert(
      fc.property(part, (parts) => {
        const dosage: Record<string, unknown> = {};
        if (parts.low || parts.high)
          dosage['doseAndRate'] = [
            { doseRange: { ...(parts.low ? { low: parts.low } : {}), ...(parts.high ? { high: parts.high } : {}) } },
          ];
        if (parts.reason) dosage['asNeededCodeableConcept'] = parts.reason[0];
        if (parts.timingCode) dosage['timing'] = { code: { coding: [{ code: parts.timingCode }] } };
        if (parts.max)
          dosage['maxDosePerPeriod'] = {
            numerator: { value: parts.max.count, unit: 'tablet' },
            denominator: { value: 1, code: parts.max.per[0] },
          };
        const shown = dosageShown(dosage) ?? '';
        const expected: string[] = [];
        if (parts.low) expected.push(String(parts.low.value));
        if (parts.high) expected.push(`${parts.high.value} ${parts.high.unit}`);
        if (parts.reason) expected.push(parts.reason[1]);
        if (parts.timingCode) expected.push(parts.timingCode);
        if (parts.max) expected.push(`no more than ${parts.max.count} tablet ${parts.max.per[1]}`);
        if (expected.length === 0) assert.equal(shown, 'No information available');
        for (const words of expected) assert.ok(shown.toLowerCase().includes(words.toLowerCase()), `"${shown}" says "${words}"`);
      }),
      { numRuns: RUNS, seed: seedOr(20261210) },
    );
  });
});
