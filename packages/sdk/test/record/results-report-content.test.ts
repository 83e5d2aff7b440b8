/**
 * A report whose content is not in readings: one presented only as a
 * document (`presentedForm`: a PDF, a scanned letter, as many pathology and
 * radiology systems send) showed its name and date and nothing else, as if
 * nothing was reported; one whose conclusion was coded (`conclusionCode`)
 * with no text lost it. A report now says how many documents carry it, and a
 * coded conclusion reads in words, else as its code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { DiagnosticReport } from '../../src/fhir.js';
import { resultsViewModel, timelineViewModel, type ResultReport, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';

function reportOf(fields: Record<string, unknown>): ResultReport {
  const report = {
    resourceType: 'DiagnosticReport',
    id: 'r-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Chest X-ray' },
    effectiveDateTime: '2026-11-03T10:00:00Z',
    ...fields,
  } as unknown as DiagnosticReport;
  const [event] = timelineViewModel(
    { resources: [report as unknown as TimelineResource], patientId: PATIENT, organizations: new Map() },
    { audience: 'clinician', now: '2026-12-06T09:00:00Z' },
  ).days.flatMap((day) => day.events);
  const [shown] = resultsViewModel(
    {
      observations: [],
      reports: [report],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience: 'clinician' },
  ).reports;
  assert.ok(shown);
  // The timeline's second line for a report is its conclusion, read the same way.
  assert.equal(event?.detail, shown.conclusion === 'Chest X-ray' ? undefined : shown.conclusion);
  return shown;
}

describe('results: a report whose content is a document or a coded conclusion', () => {
  test('the reported case: a chest X-ray presented only as a PDF says a document carries it', () => {
    const report = reportOf({ presentedForm: [{ contentType: 'application/pdf', url: 'Binary/xr-1', title: 'Report' }] });
    assert.equal(report.documents, 1);
  });

  test('a conclusion coded SNOMED CT 169069000 with no text reads as its code', () => {
    assert.equal(reportOf({ conclusionCode: [{ coding: [{ system: SNOMED, code: '169069000' }] }] }).conclusion, 'SNOMED CT 169069000');
  });

  const blank = fc.constantFrom(undefined, '', '  ');
  const concept = fc.record(
    {
      text: fc.oneof(blank, fc.constantFrom('No abnormality detected')),
      coding: fc.array(
        fc.record(
          {
            system: fc.constantFrom(undefined, SNOMED),
            code: fc.oneof(blank, fc.constantFrom('169069000')),
            display: fc.oneof(blank, fc.constantFrom('Normal chest X-ray')),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
    },
    { requiredKeys: [] },
  );
  const form = fc.oneof(
    fc.record({ contentType: fc.constantFrom('application/pdf', 'text/plain'), url: fc.constant('Binary/1') }, { requiredKeys: [] }),
    fc.constant(null),
    fc.constant({}),
  );

  test('property: documents are counted and a conclusion is dropped only when nothing was said', () => {
    fc.assert(
      fc.property(
        fc.array(form, { maxLength: 3 }),
        fc.oneof(blank, fc.constantFrom('Clear lung fields')),
        fc.array(concept, { maxLength: 2 }),
        (presentedForm, conclusion, conclusionCode) => {
          const report = reportOf({ presentedForm, ...(conclusion !== undefined ? { conclusion } : {}), conclusionCode });
          const documents = presentedForm.filter((one) => one !== null && Object.keys(one).length > 0).length;
          assert.equal(report.documents ?? 0, documents);
          const said =
            conclusion?.trim() ||
            conclusionCode.some((one) => one.text?.trim() || one.coding?.some((coding) => coding.display?.trim() || coding.code?.trim()));
          assert.equal(
            report.conclusion !== undefined,
            Boolean(said),
            JSON.stringify({ conclusion, conclusionCode, shown: report.conclusion }),
          );
          if (conclusion?.trim()) assert.equal(report.conclusion, conclusion.trim());
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9801) },
    );
  });
});
