/**
 * Serial results on one day (troponin at 0 and 3 hours, potassium on a ward
 * round and after treatment) were told apart only by their order: a reading
 * carried the day it was taken and no time. It now carries the UK time of
 * day when the source gave one (none for a date sent as midnight), in the
 * audience's format, as the timeline shows it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { createTimeline, resultsViewModel, type RecordAudience, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';

const troponin = (id: string, effectiveDateTime: string): Observation =>
  ({
    resourceType: 'Observation',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Troponin T' },
    valueQuantity: { value: 14, unit: 'ng/L' },
    effectiveDateTime,
  }) as unknown as Observation;

const readings = (observations: Observation[], audience: RecordAudience) =>
  resultsViewModel(
    { observations, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience },
  ).tests[0]?.readings.map((reading) => [reading.date, reading.time]);

describe('results: the time a sample was taken', () => {
  test('the reported case: troponins at 08:15 and 11:20 BST on one day carry their times', () => {
    const both = [troponin('t0', '2026-07-01T07:15:00Z'), troponin('t3', '2026-07-01T10:20:00Z')];
    assert.deepEqual(readings(both, 'clinician'), [
      ['01-Jul-2026', '08:15'],
      ['01-Jul-2026', '11:20'],
    ]);
    assert.deepEqual(readings(both, 'resident'), [
      ['1 July 2026', '8:15am'],
      ['1 July 2026', '11:20am'],
    ]);
  });

  const value = fc.oneof(
    fc
      .record({
        day: fc.integer({ min: 1, max: 28 }),
        month: fc.integer({ min: 1, max: 12 }),
        minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        zone: fc.constantFrom('', 'Z', '+01:00', '-05:00'),
      })
      .map(
        ({ day, month, minutes, zone }) =>
          `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00${zone}`,
      ),
    fc.constantFrom('2026-07-01', '2026-07', '2026-07-01T00:00:00', 'unknown'),
  );

  test('property: a reading has the time the timeline shows for it, for both audiences', () => {
    fc.assert(
      fc.property(value, fc.constantFrom<RecordAudience>('clinician', 'resident'), (effectiveDateTime, audience) => {
        const resource = troponin('t', effectiveDateTime);
        const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: '2026-12-06T09:00:00Z' });
        timeline.add([resource as unknown as TimelineResource]);
        const event = [...timeline.view().days.flatMap((day) => day.events), ...timeline.view().undated][0];
        const [[date, time] = []] = readings([resource], audience) ?? [];
        assert.equal(time, event?.time, effectiveDateTime);
        if (event?.date !== 'Not recorded') assert.equal(date, event?.date, effectiveDateTime);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9971) },
    );
  });
});
