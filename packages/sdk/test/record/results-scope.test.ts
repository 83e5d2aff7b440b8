/**
 * What "results" covers (issue 12, finding 6): not only laboratory
 * Observations. Vital signs, the resident's own readings, uncategorised
 * results and the results a DiagnosticReport carries (referenced or
 * contained) are all shown; an item that cannot be read is said, never lost.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { isResultObservation, resultsViewModel, unreadableNotices, type ResultsViewModel } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const PATIENT = 'pat-0001';
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['RZ9', 'Highbury Vale Hospital NHS Trust']]);
const LOINC = 'http://loinc.org';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

type Fields = Record<string, unknown>;

function observation(id: string, fields: Fields = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    code: { coding: [{ system: LOINC, code: '2345-7', display: 'Glucose' }], text: 'Glucose' },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: '2025-08-06T10:00:00+01:00',
    valueQuantity: { value: 5.4, unit: 'mmol/L' },
    ...fields,
  } as unknown as Observation;
}

function report(id: string, fields: Fields = {}): DiagnosticReport {
  return {
    resourceType: 'DiagnosticReport',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    code: { text: 'Full blood count' },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: '2025-09-01T09:00:00+01:00',
    ...fields,
  } as unknown as DiagnosticReport;
}

function view(observations: unknown[], reports: unknown[] = [], audience: 'resident' | 'clinician' = 'resident'): ResultsViewModel {
  return resultsViewModel(
    {
      observations: observations as Observation[],
      reports: reports as DiagnosticReport[],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: ORGANIZATIONS,
    },
    { audience },
  );
}

const shownIds = (model: ResultsViewModel): string[] =>
  [...new Set(model.tests.flatMap((item) => item.readings.map((reading) => reading.id)))].sort();

describe('results cover more than the laboratory (issue 12, finding 6)', () => {
  test('an uncategorised glucose is a result', () => {
    const model = view([observation('glucose')]);
    assert.deepEqual(shownIds(model), ['Observation/glucose']);
    assert.equal(model.tests[0]!.latest.valueText, '5.4 mmol/L');
  });

  test('vital signs are results; a blood pressure gives one reading per component', () => {
    const bp = observation('bp', {
      category: [{ coding: [{ system: CATEGORY, code: 'vital-signs' }] }],
      code: { coding: [{ system: LOINC, code: '85354-9' }], text: 'Blood pressure' },
      valueQuantity: undefined,
      component: [
        {
          code: { coding: [{ system: LOINC, code: '8480-6', display: 'Systolic blood pressure' }] },
          valueQuantity: { value: 142, unit: 'mmHg' },
        },
        {
          code: { coding: [{ system: LOINC, code: '8462-4', display: 'Diastolic blood pressure' }] },
          valueQuantity: { value: 88, unit: 'mmHg' },
        },
      ],
    });
    const weight = observation('weight', {
      category: [{ coding: [{ system: CATEGORY, code: 'vital-signs' }] }],
      code: { text: 'Body weight' },
      valueQuantity: { value: 82.5, unit: 'kg' },
    });
    const model = view([bp, weight]);
    assert.deepEqual(model.tests.map((item) => `${item.name}: ${item.latest.valueText}`).sort(), [
      'Body weight: 82.5 kg',
      'Diastolic blood pressure: 88 mmHg',
      'Systolic blood pressure: 142 mmHg',
    ]);
  });

  test("the resident's own reading is a result from the resident, on any server", () => {
    const own = observation('home', {
      meta: undefined,
      category: undefined,
      performer: [{ reference: `Patient/${PATIENT}` }],
      code: { text: 'Body weight (home reading)' },
      valueQuantity: { value: 80, unit: 'kg' },
    });
    const model = view([own]);
    assert.deepEqual(model.tests[0]!.latest.source, { odsCode: 'resident', name: 'Resident (self-reported)' });
  });

  test('social history and survey answers are not results; anything else is', () => {
    const only = (code: string) => ({ category: [{ coding: [{ system: CATEGORY, code }] }] });
    assert.equal(isResultObservation(only('social-history')), false);
    assert.equal(isResultObservation(only('survey')), false);
    for (const code of ['laboratory', 'vital-signs', 'imaging', 'exam', 'procedure', 'activity', 'local-code'])
      assert.equal(isResultObservation(only(code)), true, code);
    assert.equal(isResultObservation({}), true);
    assert.equal(isResultObservation({ category: [{ coding: [{ code: 'survey' }, { code: 'laboratory' }] }] }), true);
    assert.deepEqual(shownIds(view([observation('smoking', only('social-history'))])), []);
  });

  test('an uncategorised observation with no value is shown as Not known, not lost', () => {
    const model = view([observation('blank', { valueQuantity: undefined })]);
    assert.equal(model.tests[0]!.latest.valueText, 'Not known');
  });

  test("a report's referenced results are shown and grouped under the report, with its conclusion", () => {
    const haemoglobin = observation('hb', { code: { text: 'Haemoglobin' }, valueQuantity: { value: 131, unit: 'g/L' } });
    const platelets = observation('plt', { code: { text: 'Platelets' }, valueQuantity: { value: 250, unit: '10*9/L' } });
    const fbc = report('fbc', {
      result: [{ reference: 'Observation/hb' }, { reference: 'Observation/plt' }, { reference: 'Observation/not-sent' }],
      conclusion: 'Normal full blood count.',
    });
    const model = view([haemoglobin, platelets], [fbc]);
    assert.equal(model.reports.length, 1);
    const [only] = model.reports;
    assert.equal(only!.name, 'Full blood count');
    assert.equal(only!.conclusion, 'Normal full blood count.');
    assert.deepEqual(
      only!.readings.map((reading) => reading.id),
      ['Observation/hb', 'Observation/plt'],
    );
    assert.equal(only!.notShown, 1);
    assert.equal(model.tests.find((item) => item.name === 'Haemoglobin')!.latest.report?.name, 'Full blood count');
  });

  test('results contained in a report are shown, under the report and by test', () => {
    const contained = report('dr-c', {
      contained: [
        {
          resourceType: 'Observation',
          id: 'k',
          status: 'final',
          code: { text: 'Potassium' },
          valueQuantity: { value: 4.1, unit: 'mmol/L' },
        },
        { resourceType: 'Observation', id: 'na', status: 'final', code: { text: 'Sodium' }, valueQuantity: { value: 139, unit: 'mmol/L' } },
      ],
      result: [{ reference: '#k' }, { reference: '#na' }],
    });
    const model = view([], [contained], 'clinician');
    assert.deepEqual(model.tests.map((item) => item.name).sort(), ['Potassium', 'Sodium']);
    assert.deepEqual(
      model.reports[0]!.readings.map((reading) => reading.id),
      ['DiagnosticReport/dr-c#k', 'DiagnosticReport/dr-c#na'],
    );
    // A contained result names its report's source when it has none of its own.
    assert.equal(model.tests[0]!.latest.source.name, 'Highbury Vale Hospital NHS Trust');
    assert.equal(model.reports[0]!.notShown, 0);
  });

  test('a report whose results did not come is still listed, and says they are not shown', () => {
    const model = view([], [report('xray', { code: { text: 'Chest X-ray' }, conclusion: 'No acute abnormality.', result: [] })]);
    assert.equal(model.reports[0]!.name, 'Chest X-ray');
    assert.equal(model.reports[0]!.conclusion, 'No acute abnormality.');
    assert.equal(model.tests.length, 0);
  });

  test("another patient's report is a safety issue, and so are its contained results (never shown)", () => {
    const theirs = report('theirs', {
      subject: { reference: 'Patient/pat-0002' },
      contained: [{ resourceType: 'Observation', id: 'x', status: 'final', code: { text: 'Sodium' }, valueQuantity: { value: 139 } }],
      result: [{ reference: '#x' }],
    });
    const model = view([], [theirs]);
    assert.deepEqual(model.tests, []);
    assert.deepEqual(model.reports, []);
    assert.deepEqual(
      model.safetyIssues.map((issue) => [issue.code, issue.resourceType, issue.resourceId]),
      [['wrong-patient', 'DiagnosticReport', 'theirs']],
    );
  });

  test('an item that cannot be read is one line naming its source, and the rest is shown', () => {
    // An id that is not text: nothing can name the item or tell it from another, so it cannot be read.
    const broken = observation('broken', { id: 7 });
    const brokenReport = report('broken-report', { id: 8 });
    const model = view([observation('fine'), broken, null], [brokenReport]);
    assert.deepEqual(shownIds(model), ['Observation/fine']);
    assert.deepEqual(
      model.unreadable.map((item) => item.resource),
      ['DiagnosticReport/(no id)', 'Observation/(no id)'],
    );
    assert.deepEqual(unreadableNotices(model.unreadable), ['2 items from Highbury Vale Hospital NHS Trust could not be read']);
    assert.deepEqual(
      model.safetyIssues.map((issue) => [issue.code, issue.resourceType, issue.resourceId]),
      [
        ['unreadable', 'DiagnosticReport', 'Not known'],
        ['unreadable', 'Observation', 'Not known'],
      ],
    );
    assertDisplayable({ ...model, unreadable: model.unreadable.length }, 'unreadable');
  });

  test('a grouping with members is shown through them; with none of them sent, as Not known', () => {
    const panel = observation('panel', {
      valueQuantity: undefined,
      code: { text: 'Lipid profile' },
      hasMember: [{ reference: 'Observation/chol' }],
    });
    const withMember = view([panel, observation('chol', { code: { text: 'Cholesterol' } })]);
    assert.deepEqual(shownIds(withMember), ['Observation/chol']);
    const alone = view([panel]);
    assert.deepEqual(shownIds(alone), ['Observation/panel']);
    assert.equal(alone.tests[0]!.latest.valueText, 'Not known');
  });
});

describe('a panel flag is not its components’ flag', () => {
  test('a blood pressure flagged high does not call a normal diastolic high', () => {
    const bp = observation('bp-high', {
      code: { text: 'Blood pressure' },
      valueQuantity: undefined,
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }],
      component: [
        {
          code: { text: 'Systolic blood pressure' },
          valueQuantity: { value: 152, unit: 'mmHg' },
          interpretation: [{ coding: [{ code: 'H' }] }],
        },
        { code: { text: 'Diastolic blood pressure' }, valueQuantity: { value: 76, unit: 'mmHg' } },
      ],
    });
    const model = view([bp], [], 'clinician');
    const interpretation = Object.fromEntries(model.tests.map((item) => [item.name, item.latest.interpretation]));
    assert.deepEqual(interpretation, { 'Systolic blood pressure': 'High', 'Diastolic blood pressure': 'No reference range' });
  });
});
