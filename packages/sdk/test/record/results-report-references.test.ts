/**
 * The results a report names, however it names them. Synthea and other
 * transaction-bundle exports name them as `urn:uuid:<id>` (the entry's
 * fullUrl, with the Observation's id the same uuid).
 *
 * Reported: a Synthea-style U&E report naming its potassium as
 * `urn:uuid:…` said "1 result not shown" and listed no reading, while the
 * potassium was listed among the tests: the report said something untrue.
 *
 * The matrix: each form of reference × whether the Observation was sent ×
 * audience: a result that was sent is the report's reading, one that was not
 * is counted as not shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const UUID = '2b8f1f9e-8c1a-4c2e-9d1f-0a1b2c3d4e5f';

const potassium = (id: string): Observation =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Potassium' },
    effectiveDateTime: '2026-11-01',
    valueQuantity: { value: 4.2, unit: 'mmol/L' },
  }) as unknown as Observation;

const report = (reference: string): DiagnosticReport =>
  ({
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'U&E' },
    result: [{ reference }],
    effectiveDateTime: '2026-11-01',
  }) as unknown as DiagnosticReport;

const reportView = (observations: Observation[], reference: string, audience: RecordAudience) => {
  const model = resultsViewModel(
    {
      observations,
      reports: [report(reference)],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience },
  );
  const [shown] = model.reports;
  return { readings: shown?.readings.map((reading) => reading.id), notShown: shown?.notShown, tests: model.tests.length };
};

const FORMS: [form: string, id: string, reference: string][] = [
  ['relative Observation/id', 'k1', 'Observation/k1'],
  ['versioned', 'k1', 'Observation/k1/_history/2'],
  ['absolute URL', 'k1', 'https://fhir.example.nhs.uk/R4/Observation/k1'],
  ['urn:uuid of the Observation’s id', UUID, `urn:uuid:${UUID}`],
  ['urn:uuid with space around', UUID, ` urn:uuid:${UUID} `],
];

describe('results: a report’s results, by every form of reference', () => {
  for (const audience of ['clinician', 'resident'] as const)
    for (const [form, id, reference] of FORMS) {
      test(`${form}, sent: the report's reading (${audience})`, () => {
        assert.deepEqual(reportView([potassium(id)], reference, audience), { readings: [`Observation/${id}`], notShown: 0, tests: 1 });
      });
      test(`${form}, not sent: counted as not shown (${audience})`, () => {
        assert.deepEqual(reportView([potassium('other')], reference, audience), { readings: [], notShown: 1, tests: 1 });
      });
    }

  test('a urn:uuid is never matched to an Observation whose id differs', () => {
    assert.deepEqual(reportView([potassium(`${UUID}0`)], `urn:uuid:${UUID}`, 'clinician'), { readings: [], notShown: 1, tests: 1 });
  });
});
