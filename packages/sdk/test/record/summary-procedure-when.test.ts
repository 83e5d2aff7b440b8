/**
 * When a procedure was done, in whichever form `performed[x]` gives it: a
 * date, a period, words, an age or an age range. What was recorded is never
 * "Not recorded".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const subject = { reference: `Patient/${PATIENT}` };
const years = (value: number) => ({ value, unit: 'years', system: 'http://unitsofmeasure.org', code: 'a' });

const CASES = [
  ['performedDateTime', { performedDateTime: '2019-06-03' }, '03-Jun-2019', '3 June 2019'],
  ['performedDateTime, a year only', { performedDateTime: '2019' }, '2019', '2019'],
  ['performedPeriod', { performedPeriod: { start: '2019-06', end: '2019-07' } }, 'Jun-2019', 'June 2019'],
  ['performedString', { performedString: 'In childhood' }, 'In childhood', 'In childhood'],
  ['performedAge', { performedAge: years(7) }, 'Age 7 years', 'Age 7 years'],
  ['performedRange', { performedRange: { low: years(20), high: years(30) } }, 'Age 20–30 years', 'Age 20–30 years'],
  ['nothing', {}, 'Not recorded', 'Not recorded'],
] as const;

describe('procedures: when, in every form of performed[x]', () => {
  for (const [form, fields, clinician, resident] of CASES)
    for (const [audience, expected] of [
      ['clinician', clinician],
      ['resident', resident],
    ] as const)
      test(`${audience}: ${form} reads "${expected}"`, () => {
        const model = summaryViewModel(
          [
            { resourceType: 'Patient', id: PATIENT },
            { resourceType: 'Procedure', id: 'p1', status: 'completed', subject, code: { text: 'Tonsillectomy' }, ...fields },
          ],
          { audience, now: '2026-11-28T09:00:00Z', patientId: PATIENT },
        );
        assert.deepEqual(
          model.sections.procedures.items.map((item) => item.date),
          [expected],
        );
      });
});
