import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { createBorough } from '@care-record/synthetic';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { organizationNames, resultsViewModel, type RecordNotices, type ResultsViewModel } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const PATIENT = 'pat-0001';
const NO_NOTICES: RecordNotices = { withheld: false, unavailableSources: [] };
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
  ['F83999', 'Tufnell Green Surgery'],
]);
const HOSPITAL = { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' };
const LOINC = 'http://loinc.org';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

type Fields = Record<string, unknown>;

/** A laboratory HbA1c from the hospital, with `fields` on top: free to be as odd as real feeds are. */
function result(id: string, fields: Fields = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { coding: [{ system: LOINC, code: '59261-8', display: 'Hemoglobin A1c' }], text: 'HbA1c' },
    subject: { reference: `Patient/${PATIENT}` },
    effectiveDateTime: '2025-08-06T10:00:00+01:00',
    valueQuantity: { value: 48, unit: 'mmol/mol', system: 'http://unitsofmeasure.org', code: 'mmol/mol' },
    referenceRange: [{ low: { value: 20, unit: 'mmol/mol' }, high: { value: 41, unit: 'mmol/mol' } }],
    ...fields,
  } as unknown as Observation;
}

const flagged = (code: string) => ({ interpretation: [{ coding: [{ system: INTERPRETATION, code }] }] });

function view(
  observations: Observation[],
  audience: 'clinician' | 'resident' = 'resident',
  extra: { reports?: DiagnosticReport[]; notices?: RecordNotices } = {},
): ResultsViewModel {
  return resultsViewModel(
    {
      observations,
      ...(extra.reports ? { reports: extra.reports } : {}),
      patientId: PATIENT,
      notices: extra.notices ?? NO_NOTICES,
      organizations: ORGANIZATIONS,
    },
    { audience },
  );
}

const latestOf = (observation: Observation, audience: 'clinician' | 'resident' = 'resident') => {
  const model = view([observation], audience);
  assert.equal(model.tests.length, 1);
  return model.tests[0]!.latest;
};

describe('resultsViewModel: what a reading means', () => {
  const cases: { name: string; fields: Fields; resident: string; clinician: string; flag?: string; valueText?: string }[] = [
    { name: 'above the range, no code', fields: {}, resident: 'Above the usual range', clinician: 'High', flag: 'H' },
    {
      name: 'within the range',
      fields: { valueQuantity: { value: 38, unit: 'mmol/mol' } },
      resident: 'Within the usual range',
      clinician: 'Normal',
    },
    {
      name: 'below the range',
      fields: { valueQuantity: { value: 12.5, unit: 'mmol/mol' } },
      resident: 'Below the usual range',
      clinician: 'Low',
      flag: 'L',
      valueText: '12.5 mmol/mol',
    },
    {
      name: 'on the upper bound counts as within',
      fields: { valueQuantity: { value: 41, unit: 'mmol/mol' } },
      resident: 'Within the usual range',
      clinician: 'Normal',
    },
    {
      name: 'the laboratory code wins over the printed range, which is not hidden',
      fields: { valueQuantity: { value: 38, unit: 'mmol/mol' }, ...flagged('H') },
      resident: 'Above the usual range according to the lab, but the value is within the usual range shown',
      clinician: 'High by lab flag; value within reference range',
      flag: 'H',
    },
    {
      name: 'critically high, said without alarm',
      fields: flagged('HH'),
      resident: 'Well above the usual range',
      clinician: 'Critically high',
      flag: 'HH',
    },
    {
      name: 'critically low',
      fields: { valueQuantity: { value: 12.5, unit: 'mmol/mol' }, ...flagged('LL') },
      resident: 'Well below the usual range',
      clinician: 'Critically low',
      flag: 'LL',
    },
    { name: 'abnormal without a direction', fields: flagged('A'), resident: 'Outside the usual range', clinician: 'Abnormal', flag: 'A' },
    { name: 'no range given', fields: { referenceRange: undefined }, resident: 'No range given', clinician: 'No reference range' },
    {
      name: 'a range of text only',
      fields: { referenceRange: [{ text: 'Varies with age' }] },
      resident: 'See the usual range',
      clinician: 'See reference range',
    },
    {
      name: '> 90 against a lower bound of 60 is within',
      fields: {
        valueQuantity: { value: 90, comparator: '>', unit: 'mL/min/1.73m2' },
        referenceRange: [{ low: { value: 60 } }],
      },
      resident: 'Within the usual range',
      clinician: 'Normal',
      valueText: '> 90 mL/min/1.73m2',
    },
    {
      name: '< 5 against a range of 2 to 10 is not known',
      fields: { valueQuantity: { value: 5, comparator: '<', unit: 'mg/L' }, referenceRange: [{ low: { value: 2 }, high: { value: 10 } }] },
      resident: 'Not known',
      clinician: 'Not known',
    },
    {
      name: 'a value that is not a number',
      fields: { valueQuantity: { value: 'NaN', unit: 'mmol/mol' } },
      resident: 'Not known',
      clinician: 'Not known',
      valueText: 'Not known',
    },
    {
      name: 'a text value with no range',
      fields: { valueQuantity: undefined, valueString: 'Haemolysed sample', referenceRange: undefined },
      resident: 'Result given in words',
      clinician: 'Qualitative',
      valueText: 'Haemolysed sample',
    },
  ];
  for (const { name, fields, resident, clinician, flag, valueText } of cases) {
    test(name, () => {
      const forResident = latestOf(result('obs-1', fields), 'resident');
      const forClinician = latestOf(result('obs-1', fields), 'clinician');
      assert.equal(forResident.interpretation, resident);
      assert.equal(forClinician.interpretation, clinician);
      assert.equal(forClinician.flag, flag);
      if (valueText) assert.equal(forResident.valueText, valueText);
      assertDisplayable(forResident, name);
      assertDisplayable(forClinician, name);
    });
  }
});

describe('resultsViewModel: tests, ranges and words', () => {
  test('a reading in full, for a resident', () => {
    const reading = latestOf(result('obs-1'));
    assert.deepEqual(reading, {
      id: 'Observation/obs-1',
      name: 'HbA1c',
      value: 48,
      valueText: '48 mmol/mol',
      date: '6 August 2025',
      time: '10am',
      isoDate: '2025-08-06',
      instant: Date.parse('2025-08-06T09:00:00Z'),
      position: 'above',
      interpretation: 'Above the usual range',
      flag: 'H',
      critical: false,
      range: { low: 20, high: 41, text: '20 to 41 mmol/mol' },
      source: HOSPITAL,
      description: 'HbA1c 48 mmol/mol on 6 August 2025 at 10am, above the usual range',
    });
  });

  test('clinicians get CUI dates, a dash range and the source in the description', () => {
    const reading = latestOf(result('obs-1'), 'clinician');
    assert.equal(reading.date, '06-Aug-2025');
    assert.equal(reading.range?.text, '20–41 mmol/mol');
    assert.equal(reading.description, 'HbA1c 48 mmol/mol on 06-Aug-2025 at 10:00, High, Highbury Vale Hospital NHS Trust');
  });

  const ranges: { name: string; range: unknown; resident: string; clinician: string }[] = [
    { name: 'upper bound only', range: [{ high: { value: 41 } }], resident: '41 mmol/mol or less', clinician: '≤ 41 mmol/mol' },
    { name: 'lower bound only', range: [{ low: { value: 0.5 } }], resident: '0.5 mmol/mol or more', clinician: '≥ 0.5 mmol/mol' },
    { name: 'the source text wins', range: [{ low: { value: 20 }, text: ' 20  -  41 ' }], resident: '20 - 41', clinician: '20 - 41' },
    {
      name: 'a broken bound is ignored',
      range: [{ low: { value: null }, high: { value: 41 } }],
      resident: '41 mmol/mol or less',
      clinician: '≤ 41 mmol/mol',
    },
  ];
  for (const { name, range, resident, clinician } of ranges) {
    test(`range: ${name}`, () => {
      assert.equal(latestOf(result('obs-1', { referenceRange: range })).range?.text, resident);
      assert.equal(latestOf(result('obs-1', { referenceRange: range }), 'clinician').range?.text, clinician);
    });
  }

  test('readings are grouped by code and unit, oldest first, tests with the latest reading first', () => {
    const model = view([
      result('a1', { effectiveDateTime: '2024-02-01' }),
      result('a2', { effectiveDateTime: '2026-02-01T09:00:00Z', valueQuantity: { value: 40, unit: 'mmol/mol' } }),
      result('a3', { effectiveDateTime: '2025-02-01T09:00:00Z' }),
      result('pc', { effectiveDateTime: '2026-01-01T09:00:00Z', valueQuantity: { value: 6.5, unit: '%' } }),
      result('na', {
        code: { coding: [{ system: LOINC, code: '2951-2' }], text: 'Serum sodium' },
        effectiveDateTime: '2026-03-01T09:00:00Z',
        valueQuantity: { value: 140, unit: 'mmol/L' },
        referenceRange: [{ low: { value: 133 }, high: { value: 146 } }],
      }),
    ]);
    assert.deepEqual(
      model.tests.map((test) => [test.key, test.readings.map((reading) => reading.id)]),
      [
        ['http://loinc.org|2951-2 mmol/L', ['Observation/na']],
        ['http://loinc.org|59261-8 mmol/mol', ['Observation/a1', 'Observation/a3', 'Observation/a2']],
        ['http://loinc.org|59261-8 %', ['Observation/pc']],
      ],
    );
    const hba1c = model.tests[1]!;
    assert.equal(hba1c.latest.id, 'Observation/a2');
    assert.equal(
      hba1c.summary,
      'Your last 3 HbA1c results, from 1 February 2024 to 1 February 2026. The latest, 40 mmol/mol on 1 February 2026: it is within the usual range (20 to 41 mmol/mol).',
    );
    assert.equal(
      model.tests[0]!.summary,
      'You have 1 Serum sodium result. The latest, 140 mmol/L on 1 March 2026: it is within the usual range (133 to 146 mmol/L).',
    );
    assertDisplayable(model, 'grouped');
  });

  test('the clinician summary gives the count, the span, the flag and the range', () => {
    const model = view([result('a1', { effectiveDateTime: '2024-02-01' }), result('a2')], 'clinician');
    assert.equal(
      model.tests[0]!.summary,
      '2 results, from 01-Feb-2024 to 06-Aug-2025. Latest 48 mmol/mol (H) on 06-Aug-2025; reference range 20–41 mmol/mol.',
    );
  });

  test('only readings with a number and a date are plotted; nothing unreadable leaks into words', () => {
    const model = view([
      result('ok'),
      result('no-date', { effectiveDateTime: 'not a date' }),
      result('no-value', { valueQuantity: { value: 'abc' } }),
      result('object', { valueQuantity: { value: { nested: true }, unit: 'mmol/mol' }, effectiveDateTime: '2025-13-45' }),
    ]);
    const [test] = model.tests;
    assert.deepEqual(
      test!.plotted.map((reading) => reading.id),
      ['Observation/ok'],
    );
    const noDate = test!.readings.find((reading) => reading.id === 'Observation/no-date')!;
    assert.equal(noDate.date, 'Not known');
    assert.equal(noDate.description, 'HbA1c 48 mmol/mol on a date not known, above the usual range');
    assertDisplayable(model, 'malformed');
  });

  test('social history is not a result; entered-in-error and cancelled results are not shown', () => {
    const model = view([
      result('smoking', { category: [{ coding: [{ code: 'social-history' }] }] }),
      result('error', { status: 'entered-in-error' }),
      result('cancelled', { status: 'cancelled' }),
      result('prelim', { status: 'preliminary' }),
    ]);
    assert.deepEqual(
      model.tests.flatMap((test) => test.readings.map((reading) => [reading.id, reading.statusLabel])),
      [['Observation/prelim', 'Not final yet']],
    );
  });

  test('NOPAT results never reach the resident, and the notices say something is not shown', () => {
    const hidden = result('hidden', { meta: { source: 'https://care-record.example/source/RZ9', security: [{ code: 'NOPAT' }] } });
    const forResident = view([result('shown'), hidden]);
    assert.deepEqual(
      forResident.tests[0]!.readings.map((reading) => reading.id),
      ['Observation/shown'],
    );
    assert.equal(forResident.notices.withheld, true);
    const forClinician = view([result('shown'), hidden], 'clinician');
    assert.equal(forClinician.tests[0]!.readings.length, 2);
    assert.equal(forClinician.notices.withheld, false);
  });

  test("another patient's result is dropped and reported, never shown", () => {
    const model = view([
      result('mine'),
      result('theirs', { subject: { reference: 'Patient/pat-0002' } }),
      result('nobody', { subject: undefined }),
    ]);
    assert.deepEqual(
      model.tests[0]!.readings.map((reading) => reading.id),
      ['Observation/mine'],
    );
    assert.deepEqual(
      model.safetyIssues.map((issue) => issue.message),
      [
        'One Observation was not shown: it belongs to a different patient.',
        'One Observation was not shown: it does not say which patient it belongs to.',
      ],
    );
  });

  test('a reading names the report it was in and its source, even an unknown one', () => {
    const report = {
      resourceType: 'DiagnosticReport',
      id: 'dr-1',
      status: 'final',
      code: { text: 'Diabetes monitoring' },
      subject: { reference: `Patient/${PATIENT}` },
      result: [{ reference: 'Observation/obs-1' }],
    } as unknown as DiagnosticReport;
    const model = view([result('obs-1'), result('obs-2', { meta: { source: 'https://care-record.example/source/X99' } })], 'resident', {
      reports: [report],
    });
    const [first, second] = model.tests[0]!.readings;
    assert.deepEqual(first!.report, { id: 'dr-1', name: 'Diabetes monitoring' });
    assert.equal(second!.report, undefined);
    assert.deepEqual(second!.source, { odsCode: 'X99', name: 'Not known' });
    assert.deepEqual(
      model.tests[0]!.sources.map((source) => source.name),
      ['Highbury Vale Hospital NHS Trust', 'Not known'],
    );
  });
});

describe('resultsViewModel: the synthetic borough', () => {
  const borough = createBorough({ residents: 10 });
  const organizations = organizationNames(borough.organizations);
  for (const index of [0, 1, 2, 3]) {
    test(`resident ${index}: every string is fit to show, for both audiences`, () => {
      const record = borough.resident(index);
      for (const audience of ['resident', 'clinician'] as const) {
        const model = resultsViewModel(
          {
            observations: record.resources.filter((resource): resource is Observation => resource.resourceType === 'Observation'),
            reports: record.resources.filter((resource): resource is DiagnosticReport => resource.resourceType === 'DiagnosticReport'),
            patientId: record.patient.id!,
            notices: NO_NOTICES,
            organizations,
          },
          { audience },
        );
        assertDisplayable(model, `resident ${index} ${audience}`);
        assert.deepEqual(model.safetyIssues, []);
        for (const test of model.tests) {
          assert.ok(
            test.readings.every((reading) => reading.source.name !== 'Not known'),
            `${test.name} has a named source`,
          );
          assert.ok(
            test.readings.every((reading) => reading.position !== 'not-known' || reading.value === undefined),
            `${test.name} has a position`,
          );
        }
      }
    });
  }
});

describe('resultsViewModel: nothing is dropped or mislabelled without a word (issue 6)', () => {
  test('a result with no code is grouped by its text, then by a coding display', () => {
    const model = view([
      result('by-text', { code: { text: 'Serum ferritin' }, valueQuantity: { value: 30, unit: 'ug/L' }, referenceRange: undefined }),
      result('by-display', { code: { coding: [{ display: 'Vitamin B12' }] }, valueQuantity: { value: 300, unit: 'ng/L' } }),
    ]);
    assert.deepEqual(model.tests.map((test) => [test.name, test.readings.map((reading) => reading.id)]).sort(), [
      ['Serum ferritin', ['Observation/by-text']],
      ['Vitamin B12', ['Observation/by-display']],
    ]);
  });

  test('a result with nothing to name it by is still shown, each on its own, and says its name was not recorded', () => {
    const model = view([
      result('nameless-1', { code: {} }),
      result('nameless-2', { code: undefined, valueQuantity: { value: 5, unit: 'mmol/L' } }),
      result('bare-code', { code: { coding: [{ system: LOINC, code: '2951-2' }] }, valueQuantity: { value: 140, unit: 'mmol/L' } }),
    ]);
    const names = Object.fromEntries(model.tests.flatMap((test) => test.readings.map((reading) => [reading.id, test.name])));
    assert.deepEqual(names, {
      'Observation/nameless-1': 'Test name not recorded',
      'Observation/nameless-2': 'Test name not recorded',
      'Observation/bare-code': 'Test name not recorded (code 2951-2)',
    });
    assert.equal(model.tests.length, 3, 'two nameless results are never joined as one test');
    const nameless = model.tests.find((test) => test.readings[0]!.id === 'Observation/nameless-1')!;
    assert.equal(nameless.latest.description, 'Test name not recorded 48 mmol/mol on 6 August 2025 at 10am, above the usual range');
    assert.match(nameless.summary, /^You have 1 result of this test\. The latest, 48 mmol\/mol/);
    assertDisplayable(model, 'nameless');
  });

  test('no readable value: no tag from the laboratory flag, never "Within the usual range"', () => {
    for (const code of ['N', 'H', 'LL']) {
      for (const audience of ['resident', 'clinician'] as const) {
        const reading = latestOf(result('obs-1', { valueQuantity: { value: 'NaN', unit: 'mmol/mol' }, ...flagged(code) }), audience);
        assert.equal(reading.position, 'not-known', `${code} ${audience}`);
        assert.equal(reading.interpretation, 'Not known');
        assert.equal(reading.flag, undefined);
        assert.equal(reading.critical, false);
        assert.doesNotMatch(reading.description, /\b(range|normal|high|low)\b/i);
      }
      const summary = view([result('obs-1', { valueQuantity: { value: null }, ...flagged(code) })]).tests[0]!.summary;
      assert.doesNotMatch(summary, /: it is (within|above|below|well)/);
    }
  });

  test('a range given only as text is given on its own, not mid-sentence', () => {
    const textRange = { referenceRange: [{ text: 'See report' }] };
    const flaggedHigh = view([result('obs-1', { ...textRange, ...flagged('H') })]).tests[0]!;
    assert.equal(
      flaggedHigh.summary,
      'You have 1 HbA1c result. The latest, 48 mmol/mol on 6 August 2025: it is above the usual range. Usual range: See report.',
    );
    const unflagged = view([result('obs-1', textRange)]).tests[0]!;
    assert.equal(unflagged.summary, 'You have 1 HbA1c result. The latest, 48 mmol/mol on 6 August 2025. Usual range: See report.');
    assert.equal(unflagged.latest.interpretation, 'See the usual range');
    assert.equal(view([result('obs-1', textRange)], 'clinician').tests[0]!.latest.interpretation, 'See reference range');
    assert.equal(
      view([result('obs-1', { ...textRange, ...flagged('H') })], 'clinician').tests[0]!.summary,
      '1 result. Latest 48 mmol/mol (H) on 06-Aug-2025; reference range: See report.',
    );
  });

  test('a value in words with no numeric range gets no range tag', () => {
    for (const fields of [
      { valueQuantity: undefined, valueString: 'Not detected', referenceRange: undefined },
      { valueQuantity: undefined, valueCodeableConcept: { text: 'Not detected' }, referenceRange: [{ text: 'Not detected' }] },
    ]) {
      const reading = latestOf(result('obs-1', fields));
      assert.equal(reading.position, 'qualitative');
      assert.equal(reading.valueText, 'Not detected');
      assert.equal(reading.flag, undefined);
      assert.equal(reading.description, 'HbA1c Not detected on 6 August 2025 at 10am');
      const test = view([result('obs-1', fields)]).tests[0]!;
      assert.doesNotMatch(test.summary, /no usual range|not known/i);
      assert.equal(latestOf(result('obs-1', fields), 'clinician').interpretation, 'Qualitative');
    }
    // The laboratory's own word still counts: "Detected", flagged abnormal.
    const detected = latestOf(
      result('obs-1', { valueQuantity: undefined, valueString: 'Detected', referenceRange: undefined, ...flagged('A') }),
    );
    assert.equal(detected.interpretation, 'Outside the usual range');
  });
});
