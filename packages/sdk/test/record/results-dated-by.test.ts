/**
 * A result whose record gives no date it was taken is dated by when it was
 * issued (or by the end of its sampling period). The timeline says so; the
 * results view showed the issue date in its "Date" column as if it were when
 * the sample was taken, days apart for a culture. A reading and a report now
 * carry a `dateNote` saying which date it is, in the audience's words, and
 * none when the date is when the sample was taken.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience, type ResultsViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const meta = { source: 'https://care-record.example/source/RZ9' };
const subject = { reference: `Patient/${PATIENT}` };

const view = (dates: Record<string, unknown>, audience: RecordAudience): ResultsViewModel =>
  resultsViewModel(
    {
      observations: [
        {
          resourceType: 'Observation',
          id: 'c-1',
          meta,
          status: 'final',
          subject,
          code: { text: 'Urine culture' },
          valueString: 'No growth',
          ...dates,
        } as unknown as Observation,
      ],
      reports: [
        {
          resourceType: 'DiagnosticReport',
          id: 'r-1',
          meta,
          status: 'final',
          subject,
          code: { text: 'Microbiology' },
          ...dates,
        } as unknown as DiagnosticReport,
      ],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience },
  );

describe('results: a date that is not when the sample was taken says so', () => {
  test('the reported case: a culture dated only by its issue says the date is when it was issued', () => {
    const model = view({ issued: '2026-11-06T14:00:00Z' }, 'clinician');
    assert.equal(model.tests[0]?.latest.date, '06-Nov-2026');
    assert.equal(model.tests[0]?.latest.dateNote, 'Issued; when taken not recorded');
    assert.equal(model.reports[0]?.dateNote, 'Issued; when taken not recorded');
    assert.match(model.tests[0]?.latest.description ?? '', /issued/i);
  });

  const value = fc.constantFrom(undefined, '2026-11-01T09:00:00Z', '2026-10-02', 'unknown');
  test('property: a note exactly when the date is not when the sample was taken, for both audiences', () => {
    fc.assert(
      fc.property(
        value,
        value,
        value,
        value,
        fc.constantFrom<RecordAudience>('clinician', 'resident'),
        (effectiveDateTime, start, end, issued, audience) => {
          const dates = {
            ...(effectiveDateTime !== undefined ? { effectiveDateTime } : {}),
            ...(start !== undefined || end !== undefined
              ? { effectivePeriod: { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) } }
              : {}),
            ...(issued !== undefined ? { issued } : {}),
          };
          const model = view(dates, audience);
          const readable = (text: string | undefined) => text !== undefined && text !== 'unknown';
          const taken = readable(effectiveDateTime) || readable(start);
          const expected = taken ? undefined : readable(issued) ? 'issued' : readable(end) ? 'taken-by' : undefined;
          for (const dated of [model.tests[0]?.latest, model.reports[0]]) {
            assert.ok(dated);
            if (expected === undefined) assert.equal(dated.dateNote, undefined, JSON.stringify(dates));
            else assert.match(dated.dateNote ?? '', expected === 'issued' ? /issued/i : /by this date/i, JSON.stringify(dates));
          }
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 2000), seed: seedOr(9901) },
    );
  });
});
