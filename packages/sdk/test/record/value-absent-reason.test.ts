/**
 * A result with no value says why when the source said why
 * (`dataAbsentReason`): "Not known (Sample haemolysed)", in the results view
 * and on the timeline alike. A reason sent only as a code was dropped: one of
 * FHIR's data-absent-reason codes now reads in words ("Not known (Error)"),
 * any other code as itself; "Not known" alone when nothing was said.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { Observation } from '../../src/fhir.js';
import { createTimeline, resultsViewModel, type TimelineResource } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-1';
const DAR = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

const observation = (fields: Record<string, unknown>): Observation =>
  ({
    resourceType: 'Observation',
    id: 'o1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Potassium' },
    effectiveDateTime: '2026-10-08T09:00:00Z',
    ...fields,
  }) as unknown as Observation;

const resultText = (resource: Observation): string | undefined =>
  resultsViewModel(
    { observations: [resource], patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience: 'clinician' },
  ).tests[0]?.latest.valueText;

const timelineText = (resource: Observation): string | undefined => {
  const timeline = createTimeline({ patientId: PATIENT, organizations: new Map(), audience: 'clinician', now: '2026-11-28T09:00:00Z' });
  timeline.add([resource as unknown as TimelineResource]);
  return timeline.view().days[0]?.events[0]?.detail;
};

const REASONS = [
  ['in words', { text: 'Sample haemolysed' }, 'Not known (Sample haemolysed)'],
  ['coded with a display', { coding: [{ system: DAR, code: 'not-performed', display: 'Not Performed' }] }, 'Not known (Not Performed)'],
  ['coded, no display', { coding: [{ system: DAR, code: 'error' }] }, 'Not known (Error)'],
  ['coded "not-performed", no display', { coding: [{ system: DAR, code: 'not-performed' }] }, 'Not known (Not performed)'],
  ['coded "unknown", no display', { coding: [{ system: DAR, code: 'unknown' }] }, 'Not known'],
  ['a local code, no display', { coding: [{ system: 'https://lab.example/absent', code: 'HAEM' }] }, 'Not known (HAEM)'],
  ['nothing said', {}, 'Not known'],
] as const;
const ABSENCES = [
  ['no value at all', {}],
  ['a quantity with no number', { valueQuantity: { unit: 'mmol/L' } }],
  ['a blank string', { valueString: '  ' }],
] as const;

describe('a result with no value says why, when the source said', () => {
  test('reported: a haemolysed potassium reads "Not known (Sample haemolysed)", not a bare "Not known"', () => {
    const resource = observation({ dataAbsentReason: { text: 'Sample haemolysed' } });
    assert.equal(resultText(resource), 'Not known (Sample haemolysed)');
  });

  for (const [absence, value] of ABSENCES)
    for (const [reasonShape, reason, expected] of REASONS)
      test(`${absence}, reason ${reasonShape}: "${expected}" in both views`, () => {
        const resource = observation({ ...value, dataAbsentReason: reason });
        assert.equal(resultText(resource), expected);
        assert.equal(timelineText(resource), expected);
      });

  test('property: a reason is dropped only when nothing was said, and both views say the same', () => {
    const blank = fc.constantFrom(undefined, '', ' ');
    const DAR_CODES = ['asked-unknown', 'temp-unknown', 'not-asked', 'asked-declined', 'masked', 'not-applicable', 'unsupported'];
    const moreCodes = ['as-text', 'error', 'not-a-number', 'negative-infinity', 'positive-infinity', 'not-performed', 'not-permitted'];
    const coding = fc.record(
      {
        system: fc.constantFrom(undefined, DAR, `${DAR}/`, 'https://lab.example/absent'),
        code: fc.oneof(blank, fc.constantFrom(...DAR_CODES, ...moreCodes, 'HAEM', ' Error ')),
        display: fc.oneof(blank, fc.constantFrom('Sample clotted', 'Not Performed')),
      },
      { requiredKeys: [] },
    );
    const reason = fc.record(
      { text: fc.oneof(blank, fc.constantFrom('Sample haemolysed')), coding: fc.array(coding, { maxLength: 2 }) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(reason, (given) => {
        const resource = observation({ dataAbsentReason: given });
        const shown = resultText(resource);
        assert.equal(timelineText(resource), shown);
        const said = [given.text, ...(given.coding ?? []).flatMap((one) => [one.display, one.code])].some((words) => words?.trim());
        assert.equal(shown === 'Not known', !said, `${JSON.stringify(given)}: ${shown}`);
        assert.match(shown ?? '', /^Not known( \(.+\))?$/);
      }),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9501) },
    );
  });

  test('a value that is there is never given a reason for being absent', () => {
    const resource = observation({ valueQuantity: { value: 4.2, unit: 'mmol/L' }, dataAbsentReason: { text: 'Sample haemolysed' } });
    assert.equal(resultText(resource), '4.2 mmol/L');
    assert.equal(timelineText(resource), '4.2 mmol/L');
  });
});
