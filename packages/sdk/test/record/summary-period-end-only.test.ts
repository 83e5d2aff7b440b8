/**
 * A period sent with only its end (EMIS and TPP exports do this for a
 * procedure done "by" a date, and for a problem whose onset is known only to
 * be before a date): the source recorded a date, so the summary never says
 * "Not recorded" — it says "By <date>", the words the timeline uses for an
 * onset known only by its latest date. A start, when there is one, is what is
 * shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(200, Math.floor(PROPERTY_RUNS / 10));
const PATIENT = 'pat-1';
const subject = { reference: `Patient/${PATIENT}` };

const summaryOf = (resources: Record<string, unknown>[], audience: 'clinician' | 'resident' = 'clinician') =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], { audience, now: '2026-11-28T09:00:00Z', patientId: PATIENT });

const procedure = (id: string, performedPeriod: unknown) => ({
  resourceType: 'Procedure',
  id,
  status: 'completed',
  subject,
  code: { text: `Procedure ${id}` },
  performedPeriod,
});
const condition = (id: string, onsetPeriod: unknown) => ({
  resourceType: 'Condition',
  id,
  subject,
  clinicalStatus: { coding: [{ code: 'active' }] },
  code: { text: `Problem ${id}` },
  onsetPeriod,
});

/** Dates of each precision, as each audience reads them. */
const DATES = {
  '2019-07-02': { clinician: '02-Jul-2019', resident: '2 July 2019' },
  '2019-07': { clinician: 'Jul-2019', resident: 'July 2019' },
  '2019': { clinician: '2019', resident: '2019' },
  '2019-07-02T10:15:00+01:00': { clinician: '02-Jul-2019', resident: '2 July 2019' },
} as const;
type DateText = keyof typeof DATES;

describe('summary: a period with only an end', () => {
  test('reported: a hip replacement performed by 2 July 2019 does not read "Not recorded"', () => {
    const model = summaryOf([procedure('p1', { end: '2019-07-02' })]);
    assert.deepEqual(
      model.sections.procedures.items.map((item) => item.date),
      ['By 02-Jul-2019'],
    );
  });

  test('reported: asthma with onset known only to be by 2010 does not read "Not recorded"', () => {
    const model = summaryOf([condition('c1', { end: '2010' })]);
    assert.deepEqual(
      model.sections.problems.items.map((item) => item.onset),
      ['By 2010'],
    );
  });

  const side = fc.constantFrom<DateText | undefined>(undefined, ...(Object.keys(DATES) as DateText[]));
  test(`property: ${RUNS} periods of any precision, with a start, an end, both or neither`, () => {
    fc.assert(
      fc.property(side, side, fc.constantFrom('clinician' as const, 'resident' as const), (start, end, audience) => {
        const period = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
        const want = start ? DATES[start][audience] : end ? `By ${DATES[end][audience]}` : 'Not recorded';
        const model = summaryOf([procedure('p1', period), condition('c1', period)], audience);
        assert.equal(model.sections.procedures.items[0]?.date, want);
        assert.equal(model.sections.problems.items[0]?.onset, want);
      }),
      { numRuns: RUNS, seed: seedOr(20261210) },
    );
  });

  test('newest first counts a period known only by its end', () => {
    const model = summaryOf([
      procedure('old', { start: '2001-01-01' }),
      procedure('ended', { end: '2019-07-02' }),
      procedure('recent', { start: '2024-03-01' }),
    ]);
    assert.deepEqual(
      model.sections.procedures.items.map((item) => item.id),
      ['recent', 'ended', 'old'],
    );
  });
});
