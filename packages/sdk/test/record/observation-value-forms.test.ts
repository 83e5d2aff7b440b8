/**
 * FHIR R4 lets an Observation's value be a date-time, a time or a period
 * (`valueDateTime`, `valueTime`, `valuePeriod`: a date of last menstrual
 * period, a time of onset), or data a text view cannot show
 * (`valueSampledData`, `valueAttachment`). Servers other than the hub send
 * them; the results view and the timeline read them as no value: "Not
 * known", though a value was sent. They now read in the audience's formats,
 * and data that cannot be shown says so; the two views say the same.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { createTimeline, resultsViewModel, type RecordAudience, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';

const observation = (value: Record<string, unknown>): Observation =>
  ({
    resourceType: 'Observation',
    id: 'o-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Date of last menstrual period' },
    effectiveDateTime: '2026-11-03T10:00:00Z',
    ...value,
  }) as unknown as Observation;

function shown(value: Record<string, unknown>, audience: RecordAudience): { result: string | undefined; timeline: string | undefined } {
  const resource = observation(value);
  const result = resultsViewModel(
    { observations: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience },
  ).tests[0]?.latest.valueText;
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience, now: '2026-12-06T09:00:00Z' });
  timeline.add([resource as unknown as TimelineResource]);
  return { result, timeline: timeline.view().days[0]?.events[0]?.detail };
}

const CASES: readonly [string, Record<string, unknown>, string, string][] = [
  ['a date', { valueDateTime: '2026-10-01' }, '01-Oct-2026', '1 October 2026'],
  ['a date sent as midnight', { valueDateTime: '2026-10-01T00:00:00+01:00' }, '01-Oct-2026', '1 October 2026'],
  ['a date and time', { valueDateTime: '2026-10-01T13:05:00Z' }, '01-Oct-2026 14:05', '1 October 2026, 2:05pm'],
  ['a time', { valueTime: '14:30:00' }, '14:30', '2:30pm'],
  [
    'a period',
    { valuePeriod: { start: '2026-10-01', end: '2026-10-05' } },
    '01-Oct-2026 to 05-Oct-2026',
    '1 October 2026 to 5 October 2026',
  ],
  ['a period with only a start', { valuePeriod: { start: '2026-10-01' } }, 'From 01-Oct-2026', 'From 1 October 2026'],
  ['a period with only an end', { valuePeriod: { end: '2026-10-05' } }, 'Until 05-Oct-2026', 'Until 5 October 2026'],
  [
    'sampled data',
    { valueSampledData: { origin: { value: 0 }, period: 10, dimensions: 1, data: '1 2 3' } },
    'Not shown here (sampled data)',
    'This result cannot be shown here',
  ],
  [
    'an attachment',
    { valueAttachment: { contentType: 'image/png', url: 'Binary/1' } },
    'Not shown here (attachment)',
    'This result cannot be shown here',
  ],
];

describe('results: a value that is a date, a time, a period or data', () => {
  test('the reported case: a date of last menstrual period sent as valueDateTime is shown, not "Not known"', () => {
    assert.deepEqual(shown({ valueDateTime: '2026-10-01' }, 'clinician'), { result: '01-Oct-2026', timeline: '01-Oct-2026' });
  });

  for (const [name, value, clinician, resident] of CASES)
    test(`${name}: "${clinician}" / "${resident}" in both views`, () => {
      assert.deepEqual(shown(value, 'clinician'), { result: clinician, timeline: clinician });
      assert.deepEqual(shown(value, 'resident'), { result: resident, timeline: resident });
    });

  test('property: a value in any of these forms is never "Not known" when it can be read, and both views agree', () => {
    const date = fc.constantFrom('2026-10-01', '2026-10-01T13:05:00Z', '2026-10', 'soon', '', '2026-10-01T00:00:00Z');
    const value = fc.oneof(
      date.map((valueDateTime) => ({ valueDateTime, readable: /^\d{4}/.test(valueDateTime) })),
      fc
        .constantFrom('14:30:00', '09:05', '25:00:00', 'noon')
        .map((valueTime) => ({ valueTime, readable: /^([01]\d|2[0-3]):[0-5]\d/.test(valueTime) })),
      fc.tuple(date, date).map(([start, end]) => ({ valuePeriod: { start, end }, readable: /^\d{4}/.test(start) || /^\d{4}/.test(end) })),
    );
    fc.assert(
      fc.property(value, fc.constantFrom<RecordAudience>('clinician', 'resident'), ({ readable, ...sent }, audience) => {
        const { result, timeline } = shown(sent, audience);
        assert.equal(result, timeline);
        assert.equal(result === 'Not known', !readable, `${JSON.stringify(sent)}: ${result}`);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9951) },
    );
  });
});
