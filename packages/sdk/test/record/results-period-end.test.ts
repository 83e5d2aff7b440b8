/**
 * A result whose effective period gives only when sampling ended (a 24-hour
 * urine collection, a feed that fills `effectivePeriod.end`) and no issue
 * date was undated: "Not known" in the results view and "Not recorded" on
 * the timeline, though the record says when it was taken by. It is now
 * dated by that end, and the timeline says the date is when it was taken by.
 * The property: whatever date fields are sent, readable or not, the results
 * view and the timeline date a result alike, and "Not known" only when none
 * of them can be read.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, timelineViewModel, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const meta = { source: 'https://care-record.example/source/RZ9' };
const subject = { reference: `Patient/${PATIENT}` };
const NOW = '2026-12-06T09:00:00Z';

const observation = (dates: Record<string, unknown>): Observation =>
  ({
    resourceType: 'Observation',
    id: 'u-1',
    meta,
    status: 'final',
    code: { text: '24-hour urine protein' },
    subject,
    valueQuantity: { value: 0.2, unit: 'g/24h' },
    ...dates,
  }) as unknown as Observation;

const report = (dates: Record<string, unknown>): DiagnosticReport =>
  ({
    resourceType: 'DiagnosticReport',
    id: 'r-1',
    meta,
    status: 'final',
    code: { text: 'Urine studies' },
    subject,
    ...dates,
  }) as unknown as DiagnosticReport;

const results = (observations: Observation[], reports: DiagnosticReport[], audience: 'clinician' | 'resident' = 'clinician') =>
  resultsViewModel(
    { observations, reports, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience },
  );

function timelineEvent(resource: object, audience: 'clinician' | 'resident' = 'clinician'): TimelineEvent {
  const view = timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations: new Map() },
    { audience, now: NOW },
  );
  const [event] = [...view.days.flatMap((day) => day.events), ...view.undated];
  assert.ok(event);
  return event;
}

describe('results: a result dated only by the end of its sampling period', () => {
  test('the reported case: a 24-hour urine with effectivePeriod.end only is dated 03-Nov-2026, taken by then', () => {
    const resource = observation({ effectivePeriod: { end: '2026-11-03T10:00:00Z' } });
    assert.equal(results([resource], []).tests[0]?.latest.date, '03-Nov-2026');
    const event = timelineEvent(resource);
    assert.equal(event.date, '03-Nov-2026');
    assert.match(event.dateNote ?? '', /Taken by 03-Nov-2026/);
    assert.match(timelineEvent(resource, 'resident').dateNote ?? '', /by 3 November 2026/);
  });

  test('a report with only an end is dated by it too', () => {
    const resource = report({ effectivePeriod: { end: '2026-11-03T10:00:00Z' } });
    assert.equal(results([], [resource]).reports[0]?.date, '03-Nov-2026');
    assert.equal(timelineEvent(resource).date, '03-Nov-2026');
  });

  const value = fc.constantFrom(undefined, '2026-11-01T09:00:00Z', '2026-10-02', '2026-09', 'unknown', '', '2026-11-05T00:00:00+01:00');
  const readable = (text: string | undefined) => text !== undefined && /^\d{4}/.test(text);

  test('property: results and timeline agree on the date, and it is unknown only when no date field can be read', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Observation', 'DiagnosticReport'),
        value,
        value,
        value,
        value,
        value,
        (resourceType, effectiveDateTime, start, end, effectiveInstant, issued) => {
          const dates = {
            ...(effectiveDateTime !== undefined ? { effectiveDateTime } : {}),
            ...(start !== undefined || end !== undefined
              ? { effectivePeriod: { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) } }
              : {}),
            ...(effectiveInstant !== undefined && resourceType === 'Observation' ? { effectiveInstant } : {}),
            ...(issued !== undefined ? { issued } : {}),
          };
          const resource = resourceType === 'Observation' ? observation(dates) : report(dates);
          const view =
            resourceType === 'Observation' ? results([resource as Observation], []) : results([], [resource as DiagnosticReport]);
          const shown = resourceType === 'Observation' ? view.tests[0]?.latest.date : view.reports[0]?.date;
          const event = timelineEvent(resource);
          const anyReadable = [effectiveDateTime, start, end, resourceType === 'Observation' ? effectiveInstant : undefined, issued].some(
            readable,
          );
          assert.equal(shown === 'Not known', !anyReadable, `${JSON.stringify(dates)}: ${shown}`);
          assert.equal(event.date === 'Not recorded', !anyReadable, `${JSON.stringify(dates)}: ${event.date}`);
          if (anyReadable) assert.equal(shown, event.date, JSON.stringify(dates));
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 3000), seed: seedOr(9401) },
    );
  });
});
