/**
 * A laboratory's comment goes with the result it is about (reviewer R7): the
 * haemolysed potassium 6.8 mmol/L showed "6.8 mmol/L High" with no word that
 * the value was falsely raised. The comment is shown beside the latest
 * result, in the test's table and in the report's, verbatim and as text.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { resultsViewModel, type DiagnosticReport, type Observation, type RecordAudience } from '@care-record/sdk';
import '../src/define.js';
import type { CareResults } from '../src/index.js';
import { $, $$, BAD_TEXT, text, until } from './support/dom.js';

const PATIENT = 'pat-000001';
const HAEMOLYSED = 'Sample haemolysed: potassium falsely raised. Please repeat.';

const potassium = (note: unknown[]): Observation =>
  ({
    resourceType: 'Observation',
    id: 'k-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }] },
    effectiveDateTime: '2026-12-01T08:15:00Z',
    valueQuantity: { value: 6.8, unit: 'mmol/L' },
    referenceRange: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.3, unit: 'mmol/L' } }],
    note,
  }) as unknown as Observation;

const report = {
  resourceType: 'DiagnosticReport',
  id: 'r-1',
  status: 'final',
  subject: { reference: `Patient/${PATIENT}` },
  code: { text: 'Urea and electrolytes' },
  effectiveDateTime: '2026-12-01T08:15:00Z',
  result: [{ reference: 'Observation/k-1' }],
} as unknown as DiagnosticReport;

const show = (note: unknown[], audience: RecordAudience = 'clinician') =>
  fixture<CareResults>(
    html`<care-results
      .model=${resultsViewModel(
        {
          observations: [potassium(note)],
          reports: [report],
          patientId: PATIENT,
          notices: { withheld: false, unavailableSources: [] },
          organizations: new Map(),
        },
        { audience },
      )}
      audience=${audience}
    ></care-results>`,
  );

describe('care-results: what the laboratory wrote about a result', () => {
  it('the reported case: haemolysed potassium shows its comment with the value, in the table and in the report', async () => {
    const element = await show([{ text: HAEMOLYSED }]);
    const test = $(element, '[part~="test"]')!;
    expect(text(test.querySelector('.latest'))).to.equal('Latest 6.8 mmol/L High');
    expect(text(test.querySelector('[part~="comment"]'))).to.equal(`Lab comment ${HAEMOLYSED}`);
    test.querySelector<HTMLElement>('[part~="table-disclosure"] > summary')!.click();
    await until(() => test.querySelector('tbody tr') !== null, 2000, 'the table rows');
    expect(text(test.querySelector('tbody tr'))).to.contain(HAEMOLYSED);
    $(element, '[part~="reports"] > summary')!.click();
    await until(() => $(element, '[part~="report"] tbody tr') !== null, 2000, 'the report rows');
    expect(text($(element, '[part~="report"] tbody tr'))).to.contain(HAEMOLYSED);
    expect(text(element)).not.to.match(BAD_TEXT);
    await expect(element).to.be.accessible();
  });

  it('shows each note as written, markup as text, with who wrote it and when, for a resident too', async () => {
    const markup = '<img src=x onerror=alert(1)> **Clotted**\n- please repeat';
    const element = await show(
      [{ text: markup }, { text: 'Insufficient sample', authorString: 'Duty biochemist', time: '2026-12-01T10:00:00Z' }],
      'resident',
    );
    const comments = $$(element, '[part~="test"] > [part~="comment"]').map((comment) => comment.textContent!.trim());
    expect(comments).to.deep.equal([`Comment ${markup}`, 'Comment Insufficient sample (Duty biochemist, 1 December 2026)']);
    expect($$(element, 'img, script')).to.have.length(0);
    await expect(element).to.be.accessible();
  });
});
