/**
 * Structured dosage parts were dropped (reviewer R7, GP persona): oxygen at
 * `doseAndRate.rateQuantity` 2 L/min read "No information available"; route,
 * method and site were never read ("5 mL", not subcutaneous); a single dose
 * (`timing.repeat.count` 1) read as a regular one; `additionalInstruction`
 * was never read; and GP Connect's `patientInstruction` ("Take with food")
 * was dropped whenever `text` came too. Each part now reaches the shown dose,
 * alone or beside `text`, which still leads verbatim.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';

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
          medicationCodeableConcept: { text: 'Example medicine' },
          dosage: [dosage],
        } as unknown as MedicationStatement,
      ],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience, now: '2026-11-28T09:00:00Z' },
  );
  return (view.current[0] ?? view.past[0])?.dosage;
}

const concept = (display: string, code: string) => ({ coding: [{ system: SNOMED, code, display }] });

describe('medicines: every structured dosage part reaches the shown dose', () => {
  test('reported: oxygen at 2 L/min says its rate, not "No information available"', () => {
    assert.equal(dosageShown({ doseAndRate: [{ rateQuantity: { value: 2, unit: 'L/min' } }] }), 'At a rate of 2 L/min');
  });

  test('reported: 5 mL subcutaneous says its route', () => {
    assert.equal(
      dosageShown({ doseAndRate: [{ doseQuantity: { value: 5, unit: 'mL' } }], route: concept('Subcutaneous', '34206005') }),
      '5 mL, route: Subcutaneous',
    );
  });

  test('reported: a single dose says so, not a regular one', () => {
    assert.equal(
      dosageShown({
        doseAndRate: [{ doseQuantity: { value: 1, unit: 'tablet' } }],
        timing: { repeat: { count: 1, frequency: 1, period: 1, periodUnit: 'd' } },
      }),
      '1 tablet, 1 time a day, once only',
    );
  });

  test('reported: GP Connect "take with food" beside the text is kept after it, the text verbatim', () => {
    assert.equal(
      dosageShown({ text: 'One tablet twice a day', patientInstruction: 'Take with food' }),
      'One tablet twice a day — Take with food',
    );
  });

  test('reported: an additional instruction is read', () => {
    assert.equal(
      dosageShown({ text: 'One tablet at night', additionalInstruction: [concept('Avoid alcoholic drink', '421769005')] }),
      'One tablet at night — Avoid alcoholic drink',
    );
  });

  test('words that already say a part are not followed by it again', () => {
    assert.equal(
      dosageShown({ text: 'Inject 5 mL subcutaneous once', route: concept('Subcutaneous', '34206005') }),
      'Inject 5 mL subcutaneous once',
    );
  });

  // Each part, by the slot it fills (a dosage has one route, one rate, one timing), with what the shown dose must then say.
  type Part = readonly [name: string, part: Record<string, unknown>, says: string];
  const SLOTS: Record<string, readonly Part[]> = {
    rate: [
      ['rateQuantity', { doseAndRate: [{ rateQuantity: { value: 2, unit: 'L/min' } }] }, '2 L/min'],
      ['rateRange', { doseAndRate: [{ rateRange: { low: { value: 1, unit: 'L/min' }, high: { value: 4, unit: 'L/min' } } }] }, '4 L/min'],
      [
        'rateRatio',
        { doseAndRate: [{ rateRatio: { numerator: { value: 5, unit: 'mg' }, denominator: { value: 1, unit: 'h' } } }] },
        '5 mg per 1 h',
      ],
    ],
    route: [
      ['route', { route: concept('Subcutaneous', '34206005') }, 'Subcutaneous'],
      ['route as a code only', { route: { coding: [{ system: SNOMED, code: '34206005' }] } }, '34206005'],
    ],
    method: [['method', { method: concept('Inject', '422145002') }, 'Inject']],
    site: [['site', { site: concept('Left upper arm', '368208006') }, 'Left upper arm']],
    count: [
      ['count 1', { timing: { repeat: { count: 1 } } }, 'once only'],
      ['count 3', { timing: { repeat: { count: 3, frequency: 1, period: 1, periodUnit: 'd' } } }, '3 doses'],
    ],
    additional: [
      ['additionalInstruction', { additionalInstruction: [concept('Avoid alcoholic drink', '421769005')] }, 'Avoid alcoholic drink'],
    ],
    patient: [['patientInstruction', { patientInstruction: 'Take with food' }, 'Take with food']],
  };
  const TEXTS = ['One tablet twice a day', 'As directed', 'Use as advised by the clinic'];
  const parts = fc
    .tuple(...Object.values(SLOTS).map((choices) => fc.option(fc.constantFrom(...choices), { nil: undefined })))
    .map((chosen) => chosen.filter((part): part is Part => part !== undefined))
    .filter((chosen) => chosen.length > 0);

  test('each part alone and beside text: the shown dose says it, and the text leads verbatim', () => {
    fc.assert(
      fc.property(
        parts,
        fc.option(fc.constantFrom(...TEXTS), { nil: undefined }),
        fc.constantFrom('clinician' as const, 'resident' as const),
        (chosen, written, audience) => {
          const dosage = Object.assign({}, ...chosen.map(([, part]) => part), written ? { text: written } : {}) as Record<string, unknown>;
          const shown = dosageShown(dosage, audience) ?? '';
          if (written) assert.ok(shown.startsWith(written), shown);
          for (const [name, , says] of chosen) assert.ok(shown.toLowerCase().includes(says.toLowerCase()), `${name}: ${shown}`);
        },
      ),
      { seed: seedOr(5_0502), numRuns: 400 },
    );
  });
});
