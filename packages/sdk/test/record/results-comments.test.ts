/**
 * A laboratory's comment on a result was dropped: potassium 6.8 mmol/L with
 * the note "Sample haemolysed: potassium falsely raised. Please repeat."
 * showed as "6.8 mmol/L High" and nothing else (reviewer R7, GP persona), so
 * a clinician could act on a false result. Every note on a result now goes
 * with each reading it gives — a single value, each part of a panel, each
 * member of a grouping, a result a report carries — verbatim, and into the
 * sentence a screen reader hears.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, type ResultComment, type ResultReading, type ResultsViewModel } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const LOINC = 'http://loinc.org';
const HAEMOLYSED = 'Sample haemolysed: potassium falsely raised. Please repeat.';

const observation = (fields: Record<string, unknown>): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    subject: { reference: `Patient/${PATIENT}` },
    code: { coding: [{ system: LOINC, code: '2823-3', display: 'Potassium' }] },
    effectiveDateTime: '2026-12-01T08:15:00Z',
    valueQuantity: { value: 6.8, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
    referenceRange: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.3, unit: 'mmol/L' } }],
    ...fields,
  }) as unknown as Observation;

const view = (observations: Observation[], reports: DiagnosticReport[] = []): ResultsViewModel =>
  resultsViewModel(
    { observations, reports, patientId: PATIENT, notices: { withheld: false, unavailableSources: [] }, organizations: new Map() },
    { audience: 'clinician' },
  );

const readingsOf = (model: ResultsViewModel): ResultReading[] => model.tests.flatMap((one) => one.readings);

describe('results: what the laboratory wrote about a result', () => {
  test('the reported case: haemolysed potassium 6.8 mmol/L carries its comment, verbatim, and says it aloud', () => {
    const model = view([observation({ note: [{ text: HAEMOLYSED }] })]);
    const [reading] = readingsOf(model);
    assert.equal(reading?.valueText, '6.8 mmol/L');
    assert.deepEqual(reading?.comments, [{ text: HAEMOLYSED }]);
    assert.ok(reading?.description.includes(HAEMOLYSED), reading?.description);
  });

  test('a note on a report as a whole is kept with the report', () => {
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'r-1',
      status: 'final',
      subject: { reference: `Patient/${PATIENT}` },
      code: { text: 'Urea and electrolytes' },
      effectiveDateTime: '2026-12-01T08:15:00Z',
      result: [{ reference: 'Observation/k-1' }],
      note: [{ text: 'Whole sample haemolysed.', authorString: 'Duty biochemist' }],
    } as unknown as DiagnosticReport;
    const [shown] = view([observation({})], [report]).reports;
    assert.deepEqual(shown?.comments, [{ text: 'Whole sample haemolysed.', by: 'Duty biochemist' }]);
  });

  // Note forms × result shapes: every reading the noted result gives carries every note's text, as written.
  const noteText = fc.constantFrom(
    HAEMOLYSED,
    'Clotted sample.\nPlease repeat **urgently**.',
    '<b>Insufficient</b> sample & re-test',
    '  Lipaemic: interpret with caution  ',
    '- Delayed in transit\n- K+ may be raised',
  );
  const note = fc.record(
    {
      text: noteText,
      authorString: fc.constantFrom('Duty biochemist', 'Dr A Patel'),
      time: fc.constantFrom('2026-12-01T10:00:00Z', '2026-12-01'),
    },
    { requiredKeys: ['text'] },
  );
  const shape = fc.constantFrom('single', 'components', 'report member', 'contained in report', 'grouping member');

  const build = (kind: string, notes: unknown[]): { observations: Observation[]; reports: DiagnosticReport[] } => {
    const report = (result: string, contained: unknown[] = []): DiagnosticReport =>
      ({
        resourceType: 'DiagnosticReport',
        id: 'r-1',
        status: 'final',
        subject: { reference: `Patient/${PATIENT}` },
        code: { text: 'Urea and electrolytes' },
        effectiveDateTime: '2026-12-01T08:15:00Z',
        result: [{ reference: result }],
        ...(contained.length > 0 ? { contained } : {}),
      }) as unknown as DiagnosticReport;
    switch (kind) {
      case 'components':
        return {
          observations: [
            observation({
              valueQuantity: undefined,
              referenceRange: undefined,
              code: { coding: [{ system: LOINC, code: '85354-9', display: 'Blood pressure' }] },
              component: [
                { code: { text: 'Systolic' }, valueQuantity: { value: 182, unit: 'mmHg' } },
                { code: { text: 'Diastolic' }, valueQuantity: { value: 96, unit: 'mmHg' } },
              ],
              note: notes,
            }),
          ],
          reports: [],
        };
      case 'report member':
        return { observations: [observation({ note: notes })], reports: [report('Observation/k-1')] };
      case 'contained in report': {
        const { subject: _subject, meta: _meta, ...inner } = observation({ id: 'k-c', note: notes }) as unknown as Record<string, unknown>;
        return { observations: [], reports: [report('#k-c', [inner])] };
      }
      case 'grouping member':
        return {
          observations: [
            observation({
              id: 'ue-1',
              code: { text: 'Urea and electrolytes' },
              valueQuantity: undefined,
              referenceRange: undefined,
              hasMember: [{ reference: 'Observation/k-1' }, { reference: 'Observation/na-1' }],
              note: notes,
            }),
            observation({}),
            observation({
              id: 'na-1',
              code: { coding: [{ system: LOINC, code: '2951-2', display: 'Sodium' }] },
              valueQuantity: { value: 139, unit: 'mmol/L' },
            }),
          ],
          reports: [],
        };
      default:
        return { observations: [observation({ note: notes })], reports: [] };
    }
  };

  test('every note form on every result shape reaches each of its readings verbatim', () => {
    fc.assert(
      fc.property(shape, fc.array(note, { minLength: 1, maxLength: 3 }), (kind, notes) => {
        const { observations, reports } = build(kind, notes);
        const model = view(observations, reports);
        const readings = readingsOf(model);
        assert.ok(readings.length > 0);
        for (const reading of readings) {
          assert.deepEqual(
            reading.comments?.map((comment) => comment.text),
            notes.map((one) => one.text.trim()),
            `${kind}: ${reading.name}`,
          );
          for (const [index, one] of notes.entries()) {
            const comment: ResultComment | undefined = reading.comments?.[index];
            assert.equal(comment?.by, one.authorString, `${kind}: author`);
            assert.equal(comment?.date !== undefined, one.time !== undefined, `${kind}: when`);
            assert.ok(reading.description.includes(one.text.trim().split(/\s+/)[0] ?? ''), reading.description);
          }
        }
        for (const report of model.reports) for (const reading of report.readings) assert.ok(reading.comments, `${kind}: in the report`);
      }),
      { seed: seedOr(5_0501), numRuns: 300 },
    );
  });
});
