/**
 * A result is dated from the same field on the timeline and in the results
 * view, whichever of FHIR's fields the source used: `effectiveDateTime`,
 * `effectivePeriod.start`, `effectiveInstant` (valid R4, sent by some
 * laboratory feeds), else `issued`; a field that cannot be read gives way to
 * the next rather than leaving the result undated.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { resultsViewModel, timelineViewModel, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const organizations = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);

const observation = (dates: Record<string, unknown>): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    code: { text: 'Potassium' },
    subject: { reference: `Patient/${PATIENT}` },
    valueQuantity: { value: 4.1, unit: 'mmol/L' },
    ...dates,
  }) as unknown as Observation;

const resultDate = (resource: Observation): string | undefined =>
  resultsViewModel(
    { observations: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations },
    { audience: 'clinician' },
  ).tests[0]?.latest.date;

function timelineDate(resource: Observation): string | undefined {
  const view = timelineViewModel(
    { resources: [resource] as unknown as TimelineResource[], patientId: PATIENT, organizations },
    { audience: 'clinician', now: '2026-12-06T09:00:00Z' },
  );
  return view.days[0]?.date ?? (view.undated.length > 0 ? 'Not known' : undefined);
}

describe('results: dated as the timeline dates them', () => {
  test('a potassium dated only by effectiveInstant is dated, not "Not known"', () => {
    assert.equal(resultDate(observation({ effectiveInstant: '2026-11-03T08:15:00Z' })), '03-Nov-2026');
  });

  test('an unreadable effectiveDateTime gives way to the time the result was issued', () => {
    assert.equal(resultDate(observation({ effectiveDateTime: 'unknown', issued: '2026-11-04T10:00:00Z' })), '04-Nov-2026');
  });

  test('property: whichever fields are sent, the results view and the timeline give the same date', () => {
    const value = fc.constantFrom(undefined, '2026-11-01T09:00:00Z', '2026-10-02', '2026-09', 'unknown', '');
    fc.assert(
      fc.property(value, value, value, value, (effectiveDateTime, start, effectiveInstant, issued) => {
        const resource = observation({
          ...(effectiveDateTime !== undefined ? { effectiveDateTime } : {}),
          ...(start !== undefined ? { effectivePeriod: { start } } : {}),
          ...(effectiveInstant !== undefined ? { effectiveInstant } : {}),
          ...(issued !== undefined ? { issued } : {}),
        });
        assert.equal(resultDate(resource), timelineDate(resource));
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(7601) },
    );
  });
});
