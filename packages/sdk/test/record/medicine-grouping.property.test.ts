/**
 * One medicine recorded by several services in the shapes real exports use
 * — the name only, a dm+d code with its name, a dm+d code with no name (EMIS
 * and TPP extracts drop displays), the VMP with the AMP beside it — is one
 * medicine: one row in the list and one in the headline's count, whatever
 * order the records came in. Medicines that say they differ (other codes,
 * other strengths) stay apart.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-12-06T09:00:00Z';
const DMD = 'https://dmd.nhs.uk';
const organizations = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
  ['RAP', 'North Middlesex Hospital'],
]);

/** Paracetamol 500mg tablets (VMP 322236009) and a brand of it (AMP). */
const SHAPES = {
  'name only': { text: 'Paracetamol 500mg tablets' },
  'VMP with its name': { coding: [{ system: DMD, code: '322236009', display: 'Paracetamol 500mg tablets' }] },
  'VMP with no name': { coding: [{ system: DMD, code: '322236009' }] },
  'VMP and AMP': {
    coding: [
      { system: DMD, code: '322236009', display: 'Paracetamol 500mg tablets' },
      { system: DMD, code: '3215411000001105', display: 'Panadol 500mg tablets (GlaxoSmithKline)' },
    ],
  },
  'SNOMED VMP with no name': { coding: [{ system: 'http://snomed.info/sct', code: '322236009' }] },
} as const;
type Shape = keyof typeof SHAPES;

const statement = (shape: Shape, index: number, ods: string): MedicationStatement =>
  ({
    resourceType: 'MedicationStatement',
    id: `ms-${index}`,
    meta: { source: `https://care-record.example/source/${ods}` },
    status: 'active',
    subject: { reference: `Patient/${PATIENT}` },
    medicationCodeableConcept: SHAPES[shape],
    effectivePeriod: { start: '2026-10-01' },
    dosage: [{ text: 'Take TWO tablets up to four times a day when needed' }],
  }) as unknown as MedicationStatement;

function counts(statements: MedicationStatement[]): { rows: string[]; total: number } {
  const list = medicationsViewModel(
    { requests: [], statements, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience: 'clinician', now: NOW },
  );
  const summary = summaryViewModel(statements, { audience: 'clinician', now: NOW, patientId: PATIENT, organizations });
  return { rows: list.current.map((row) => row.name), total: summary.sections.medications.headline.total };
}

describe('medicines: one medicine in several shapes is one medicine', () => {
  test('paracetamol by name from the GP and as a dm+d code with no name from the hospital: one row, not "Not known" beside it', () => {
    const shown = counts([
      statement('name only', 1, 'F83999'),
      statement('VMP with its name', 2, 'RZ9'),
      statement('VMP with no name', 3, 'RAP'),
    ]);
    assert.deepEqual(shown, { rows: ['Paracetamol 500mg tablets'], total: 1 });
  });

  test('property: any mix and order of the shapes is one row and counted once', () => {
    const shapes = Object.keys(SHAPES) as Shape[];
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.constantFrom(...shapes), fc.constantFrom('F83999', 'RZ9', 'RAP')), { minLength: 1, maxLength: 5 })
          // Linked by something: at least one record carries both the code and the name, or all are coded, or all are named.
          .filter(
            (records) =>
              records.some(([shape]) => shape === 'VMP with its name' || shape === 'VMP and AMP') ||
              records.every(([shape]) => shape !== 'name only') ||
              records.every(([shape]) => shape === 'name only'),
          ),
        (records) => {
          const shown = counts(records.map(([shape, ods], index) => statement(shape, index, ods)));
          assert.equal(shown.rows.length, 1, JSON.stringify(shown.rows));
          assert.equal(shown.total, 1);
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(7501) },
    );
  });

  test('medicines that say they differ stay apart: another strength, another code', () => {
    const other = (id: string, concept: object) => ({ ...statement('name only', 0, 'RZ9'), id, medicationCodeableConcept: concept });
    const shown = counts([
      statement('VMP with its name', 1, 'F83999'),
      statement('VMP with no name', 2, 'RZ9'),
      other('ms-strength', { text: 'Paracetamol 250mg tablets' }) as MedicationStatement,
      other('ms-code', { coding: [{ system: DMD, code: '39695211000001102' }] }) as MedicationStatement,
    ]);
    assert.equal(shown.rows.length, 3);
    assert.equal(shown.total, 3);
  });
});
