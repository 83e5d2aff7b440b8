/**
 * The timeline and the results view agree on which tests have a value: a
 * cancelled Observation or DiagnosticReport carries none that may be relied
 * on (the results view hides it), so the timeline shows that it was
 * cancelled and nothing of its value or conclusion; entered in error is not
 * shown in either.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import {
  resultsViewModel,
  timelineViewModel,
  type RecordAudience,
  type TimelineEvent,
  type TimelineResource,
} from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const organizations = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);
const meta = { source: 'https://care-record.example/source/RZ9' };
const subject = { reference: `Patient/${PATIENT}` };

const OBSERVATION_STATUSES = ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'];
const REPORT_STATUSES = [
  'registered',
  'partial',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'appended',
  'cancelled',
  'entered-in-error',
  'unknown',
];

const potassium = (status: string): Observation =>
  ({
    resourceType: 'Observation',
    id: `k-${status}`,
    meta,
    status,
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { text: 'Potassium' },
    subject,
    effectiveDateTime: '2026-11-01T09:00:00Z',
    valueQuantity: { value: 9, unit: 'mmol/L' },
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
    conclusion: 'Potassium dangerously high. Repeat urgently.',
  }) as unknown as DiagnosticReport;

function timelineEvents(resources: readonly (Observation | DiagnosticReport)[], audience: RecordAudience = 'clinician'): TimelineEvent[] {
  const view = timelineViewModel(
    { resources: resources as unknown as TimelineResource[], patientId: PATIENT, organizations },
    { audience, now: NOW },
  );
  return [...view.days.flatMap((day) => day.events), ...view.undated];
}

const results = (observations: Observation[], reports: DiagnosticReport[] = [], audience: RecordAudience = 'clinician') =>
  resultsViewModel(
    { observations, reports, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience },
  );

describe('timeline: cancelled and entered-in-error tests, as the results view reads them', () => {
  test('a cancelled potassium of 9 mmol/L is shown as cancelled, without its value', () => {
    const [event] = timelineEvents([potassium('cancelled')]);
    assert.deepEqual([event?.title, event?.detail, event?.status], ['Potassium', undefined, 'Cancelled']);
  });

  for (const status of OBSERVATION_STATUSES) {
    test(`an Observation "${status}": the timeline shows its value exactly when the results view shows the reading`, () => {
      const inResults = results([potassium(status)]).tests.length > 0;
      const events = timelineEvents([potassium(status)]);
      const valueShown = events.some((event) => JSON.stringify(event).includes('9 mmol/L'));
      assert.equal(valueShown, inResults);
      if (status === 'entered-in-error') assert.deepEqual(events, []);
    });
  }

  for (const status of REPORT_STATUSES) {
    test(`a DiagnosticReport "${status}": the timeline shows its conclusion exactly when the results view lists the report`, () => {
      const inResults = results([], [report(status)]).reports.length > 0;
      const events = timelineEvents([report(status)]);
      const conclusionShown = events.some((event) => JSON.stringify(event).includes('dangerously high'));
      assert.equal(conclusionShown, inResults);
      if (status === 'entered-in-error') assert.deepEqual(events, []);
    });
  }
});

/**
 * A result's status reads the same to a resident on the timeline as in the
 * results view: one not final yet, one updated or corrected after it was
 * final, and one whose status the laboratory does not know all say so in
 * both places, in the same words. A corrected result is never shown to the
 * resident as if nothing had changed, and a result of unknown status never
 * reads as final.
 */
describe('result status: the resident timeline and the results view agree', () => {
  const timelineStatus = (resource: Observation | DiagnosticReport, audience: RecordAudience): string | undefined =>
    timelineEvents([resource], audience)[0]?.status;

  test('a corrected potassium says "Corrected" on the resident’s timeline, as in their results', () => {
    assert.equal(timelineStatus(potassium('corrected'), 'resident'), 'Corrected');
  });

  for (const status of OBSERVATION_STATUSES.filter((shown) => !['cancelled', 'entered-in-error'].includes(shown)))
    test(`an Observation "${status}"`, () => {
      const shown = results([potassium(status)], [], 'resident').tests[0]?.latest.statusLabel;
      assert.equal(timelineStatus(potassium(status), 'resident'), shown);
    });

  for (const status of REPORT_STATUSES.filter((shown) => !['cancelled', 'entered-in-error'].includes(shown)))
    test(`a DiagnosticReport "${status}"`, () => {
      const shown = results([], [report(status)], 'resident').reports[0]?.statusLabel;
      assert.equal(timelineStatus(report(status), 'resident'), shown);
    });

  for (const audience of ['resident', 'clinician'] as const)
    test(`${audience}: a result or report whose status is unknown never reads as final`, () => {
      assert.ok(results([potassium('unknown')], [], audience).tests[0]?.latest.statusLabel);
      assert.ok(results([], [report('unknown')], audience).reports[0]?.statusLabel);
      assert.ok(timelineStatus(potassium('unknown'), audience));
    });
});
