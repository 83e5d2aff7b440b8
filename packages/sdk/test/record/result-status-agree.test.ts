/**
 * A result's status reads the same to a resident on the timeline as in the
 * results view: one not final yet, one updated or corrected after it was
 * final, and one whose status the laboratory does not know all say so in
 * both places, in the same words. A corrected result is never shown to the
 * resident as if nothing had changed, and a result of unknown status never
 * reads as final.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, timelineViewModel, type RecordAudience, type TimelineResource } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const organizations = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);
const meta = { source: 'https://care-record.example/source/RZ9' };
const subject = { reference: `Patient/${PATIENT}` };

const observation = (status: string): Observation =>
  ({
    resourceType: 'Observation',
    id: `k-${status}`,
    meta,
    status,
    code: { text: 'Potassium' },
    subject,
    effectiveDateTime: '2026-11-01T09:00:00Z',
    valueQuantity: { value: 4.1, unit: 'mmol/L' },
  }) as unknown as Observation;

const report = (status: string): DiagnosticReport =>
  ({
    resourceType: 'DiagnosticReport',
    id: `ue-${status}`,
    meta,
    status,
    code: { text: 'Urea and electrolytes' },
    subject,
    effectiveDateTime: '2026-11-01T09:00:00Z',
    conclusion: 'Normal',
  }) as unknown as DiagnosticReport;

const timelineStatus = (resource: Observation | DiagnosticReport, audience: RecordAudience): string | undefined =>
  timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations },
    { audience, now: '2026-12-06T09:00:00Z' },
  ).days[0]?.events[0]?.status;

const results = (observations: Observation[], reports: DiagnosticReport[], audience: RecordAudience) =>
  resultsViewModel(
    { observations, reports, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience },
  );

const OBSERVATION_STATUSES = ['registered', 'preliminary', 'final', 'amended', 'corrected', 'unknown'];
const REPORT_STATUSES = ['registered', 'partial', 'preliminary', 'final', 'amended', 'corrected', 'appended', 'unknown'];

describe('result status: the resident timeline and the results view agree', () => {
  test('a corrected potassium says "Corrected" on the resident’s timeline, as in their results', () => {
    assert.equal(timelineStatus(observation('corrected'), 'resident'), 'Corrected');
  });

  for (const status of OBSERVATION_STATUSES)
    test(`an Observation "${status}"`, () => {
      const shown = results([observation(status)], [], 'resident').tests[0]?.latest.statusLabel;
      assert.equal(timelineStatus(observation(status), 'resident'), shown);
    });

  for (const status of REPORT_STATUSES)
    test(`a DiagnosticReport "${status}"`, () => {
      const shown = results([], [report(status)], 'resident').reports[0]?.statusLabel;
      assert.equal(timelineStatus(report(status), 'resident'), shown);
    });

  for (const audience of ['resident', 'clinician'] as const)
    test(`${audience}: a result or report whose status is unknown never reads as final`, () => {
      assert.ok(results([observation('unknown')], [], audience).tests[0]?.latest.statusLabel);
      assert.ok(results([], [report('unknown')], audience).reports[0]?.statusLabel);
      assert.ok(timelineStatus(observation('unknown'), audience));
    });
});
