/**
 * What a reading is said to mean, with FHIR as laboratories send it: flags in
 * HL7 v2 table 0078 or only in words, several reference ranges for different
 * ages, ranges in another unit than the value, units spelt in another case,
 * and results amended after they were final. Each fault has its reported case
 * and a test of the whole class (a matrix or a property).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience, type ResultReading, type ResultsViewModel } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-1';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0078';
const RUNS = 300;

type Fields = Record<string, unknown>;

/** A hospital potassium, with `fields` on top. */
function potassium(id: string, fields: Fields = {}): Observation {
  return {
    resourceType: 'Observation',
    id,
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    category: [{ coding: [{ code: 'laboratory' }] }],
    code: { text: 'Potassium', coding: [{ system: LOINC, code: '2823-3' }] },
    effectiveDateTime: '2026-11-01T10:00:00Z',
    valueQuantity: { value: 4.2, unit: 'mmol/L' },
    ...fields,
  } as unknown as Observation;
}

function view(
  observations: Observation[],
  audience: RecordAudience = 'clinician',
  extra: { birthDate?: string; reports?: DiagnosticReport[] } = {},
): ResultsViewModel {
  return resultsViewModel(
    {
      observations,
      ...(extra.reports ? { reports: extra.reports } : {}),
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map([['RZ9', 'Hospital']]),
      ...(extra.birthDate ? { birthDate: extra.birthDate } : {}),
    },
    { audience },
  );
}

function only(observation: Observation, audience: RecordAudience = 'clinician', birthDate?: string): ResultReading {
  const model = view([observation], audience, birthDate ? { birthDate } : {});
  assert.equal(model.tests.length, 1);
  return model.tests[0]!.latest;
}

/** Whether a reading claims where it sits against a range: Normal, High, Low or Abnormal. */
const claimsAPosition = (reading: ResultReading): boolean => ['within', 'above', 'below', 'outside'].includes(reading.position);

describe('results: the laboratory’s interpretation, in any code system it uses', () => {
  test('reported: potassium 7.5 flagged HH in HL7 v2 table 0078, no range, is critically high', () => {
    const reading = only(
      potassium('k', { valueQuantity: { value: 7.5, unit: 'mmol/L' }, interpretation: [{ coding: [{ system: V2, code: 'HH' }] }] }),
    );
    assert.equal(reading.flag, 'HH');
    assert.equal(reading.critical, true);
    assert.equal(reading.interpretation, 'Critically high');
    assert.equal(reading.position, 'above');
  });

  test('reported: an interpretation in words only is shown in the laboratory’s words, with no invented flag', () => {
    for (const audience of ['clinician', 'resident'] as const) {
      const reading = only(
        potassium('k', { valueQuantity: { value: 7.5, unit: 'mmol/L' }, interpretation: [{ text: 'Critically high' }] }),
        audience,
      );
      assert.match(reading.interpretation, /Critically high/);
      assert.equal(reading.flag, undefined);
      assert.equal(reading.critical, false);
      assert.equal(claimsAPosition(reading), false);
      assert.match(reading.description, /Critically high/);
    }
  });

  // Every code the two tables share means the same in both, and the same with no system.
  const meanings: [code: string, position: string, flag: string | undefined, critical: boolean][] = [
    ['H', 'above', 'H', false],
    ['HH', 'above', 'HH', true],
    ['HU', 'above', 'H', false],
    ['>', 'above', 'H', false],
    ['L', 'below', 'L', false],
    ['LL', 'below', 'LL', true],
    ['LU', 'below', 'L', false],
    ['<', 'below', 'L', false],
    ['A', 'outside', 'A', false],
    ['AA', 'outside', 'A', true],
    ['N', 'within', undefined, false],
  ];
  for (const system of [V3, V2, undefined]) {
    for (const [code, position, flag, critical] of meanings) {
      test(`${code} in ${system ?? 'no system'} means ${position}${critical ? ', critical' : ''}`, () => {
        // A value inside a range, so only the code can make it anything but normal.
        const reading = only(
          potassium('k', {
            valueQuantity: { value: 4.2, unit: 'mmol/L' },
            referenceRange: [{ low: { value: 3.5 }, high: { value: 5.3 } }],
            interpretation: [{ coding: [{ ...(system ? { system } : {}), code }] }],
          }),
        );
        assert.equal(reading.position, position);
        assert.equal(reading.flag, flag);
        assert.equal(reading.critical, critical);
      });
    }
  }

  test('property: an interpretation the code cannot classify never reads as normal, and its words are kept', () => {
    const words = fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,18}[A-Za-z]$/);
    const unknownSystem = fc.constantFrom('http://acme-lab.example/flags', 'urn:oid:1.2.3.4', 'http://snomed.info/sct', 'local');
    const interpretation = fc.oneof(
      words.map((text) => ({ concept: { text }, says: text })),
      fc
        .record({
          system: unknownSystem,
          code: fc.constantFrom('N', 'H', 'L', 'NORMAL', '281300000', 'x'),
          display: fc.option(words, { nil: undefined }),
        })
        .map(({ system, code, display }) => ({
          concept: { coding: [{ system, code, ...(display ? { display } : {}) }] },
          says: display ?? code,
        })),
      // A code the known tables hold but that says nothing about a range.
      fc.constantFrom('POS', 'NEG', 'IND', 'E', 'S', 'R').map((code) => ({ concept: { coding: [{ system: V3, code }] }, says: undefined })),
    );
    fc.assert(
      fc.property(
        interpretation,
        fc.constantFrom<RecordAudience>('clinician', 'resident'),
        fc.boolean(),
        ({ concept, says }, audience, withRange) => {
          const reading = only(
            potassium('k', {
              valueQuantity: { value: 4.2, unit: 'mmol/L' },
              ...(withRange ? { referenceRange: [{ low: { value: 3.5 }, high: { value: 5.3 } }] } : {}),
              interpretation: [concept],
            }),
            audience,
          );
          assert.notEqual(reading.position, 'within');
          assert.doesNotMatch(reading.interpretation, /^(Normal|Within the usual range)$/);
          assert.equal(reading.critical, false);
          if (says !== undefined) assert.ok(reading.interpretation.includes(says.trim().replace(/\s+/g, ' ')), reading.interpretation);
        },
      ),
      { numRuns: RUNS, seed: seedOr(7801) },
    );
  });
});

describe('results: which reference range applies', () => {
  const childFirst = [
    {
      low: { value: 3.4 },
      high: { value: 6.0 },
      appliesTo: [{ text: 'Child' }],
      age: { high: { value: 16, unit: 'years', system: UCUM, code: 'a' } },
    },
    { low: { value: 3.5 }, high: { value: 5.3 }, appliesTo: [{ text: 'Adult' }] },
  ];

  test('reported: a child range listed first does not make an adult’s 5.8 normal', () => {
    const adult = only(
      potassium('k', { valueQuantity: { value: 5.8, unit: 'mmol/L' }, referenceRange: childFirst }),
      'clinician',
      '1970-03-02',
    );
    assert.equal(adult.position, 'above');
    assert.equal(adult.flag, 'H');
    assert.match(adult.range?.text ?? '', /3\.5–5\.3/);
    const child = only(
      potassium('k', { valueQuantity: { value: 5.8, unit: 'mmol/L' }, referenceRange: childFirst }),
      'clinician',
      '2018-03-02',
    );
    assert.equal(child.position, 'within');
  });

  test('reported: with no age to choose by, it says the range is not certain rather than guess', () => {
    const reading = only(potassium('k', { valueQuantity: { value: 5.8, unit: 'mmol/L' }, referenceRange: childFirst }));
    assert.equal(claimsAPosition(reading), false);
    assert.equal(reading.flag, undefined);
    assert.match(reading.interpretation, /range/i);
    assert.doesNotMatch(reading.interpretation, /^(Normal|High|Low)$/);
    // Both ranges are still there to read, each with what it applies to.
    assert.match(reading.range?.text ?? '', /Child/);
    assert.match(reading.range?.text ?? '', /Adult/);
    assert.equal(reading.range?.low, undefined);
  });

  test('a normal range wins over a therapeutic one, whatever the order', () => {
    const ranges = [
      { low: { value: 2 }, high: { value: 3 }, type: { coding: [{ code: 'treatment' }] } },
      { low: { value: 0.8 }, high: { value: 1.2 }, type: { coding: [{ code: 'normal' }] } },
    ];
    for (const referenceRange of [ranges, [...ranges].reverse()]) {
      const reading = only(potassium('inr', { valueQuantity: { value: 2.5, unit: '{INR}' }, referenceRange }));
      assert.equal(reading.position, 'above');
      assert.equal(reading.range?.high, 1.2);
    }
  });

  // Any list of ranges, in any order, for a patient of a known or unknown age.
  const bound = fc.integer({ min: 1, max: 90 }).map((value) => value / 10);
  const ageLimit = fc.record({
    low: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    high: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  });
  const range = fc.record({
    low: bound,
    width: bound,
    appliesTo: fc.option(fc.constantFrom('Child', 'Adult', 'Male', 'Female'), { nil: undefined }),
    age: fc.option(ageLimit, { nil: undefined }),
    type: fc.option(fc.constantFrom('normal', 'treatment'), { nil: undefined }),
  });
  const toFhir = (item: {
    low: number;
    width: number;
    appliesTo: string | undefined;
    age: { low?: number | undefined; high?: number | undefined } | undefined;
    type: string | undefined;
  }) => ({
    low: { value: item.low },
    high: { value: Math.round((item.low + item.width) * 10) / 10 },
    ...(item.appliesTo ? { appliesTo: [{ text: item.appliesTo }] } : {}),
    ...(item.age
      ? {
          age: {
            ...(item.age.low !== undefined ? { low: { value: item.age.low, system: UCUM, code: 'a' } } : {}),
            ...(item.age.high !== undefined ? { high: { value: item.age.high, system: UCUM, code: 'a' } } : {}),
          },
        }
      : {}),
    ...(item.type ? { type: { coding: [{ code: item.type }] } } : {}),
  });

  test('property: the order the ranges come in never changes what a reading means', () => {
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 120 }).map((value) => value / 10),
        fc.option(fc.integer({ min: 1930, max: 2025 }), { nil: undefined }),
        fc.nat(),
        (ranges, value, birthYear, rotation) => {
          const referenceRange = ranges.map(toFhir);
          const turned = [
            ...referenceRange.slice(rotation % referenceRange.length),
            ...referenceRange.slice(0, rotation % referenceRange.length),
          ];
          const birthDate = birthYear ? `${birthYear}-06-15` : undefined;
          const a = only(potassium('k', { valueQuantity: { value, unit: 'mmol/L' }, referenceRange }), 'clinician', birthDate);
          const b = only(
            potassium('k', { valueQuantity: { value, unit: 'mmol/L' }, referenceRange: [...turned].reverse() }),
            'clinician',
            birthDate,
          );
          assert.equal(a.position, b.position);
          assert.equal(a.flag, b.flag);
          assert.equal(a.range?.low, b.range?.low);
          assert.equal(a.range?.high, b.range?.high);
        },
      ),
      { numRuns: RUNS, seed: seedOr(7802) },
    );
  });

  test('property: a claim of Normal/High/Low is made only against a range that applies to the patient', () => {
    fc.assert(
      fc.property(
        fc.array(range, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 120 }).map((value) => value / 10),
        fc.option(fc.integer({ min: 1930, max: 2025 }), { nil: undefined }),
        (ranges, value, birthYear) => {
          const birthDate = birthYear ? `${birthYear}-06-15` : undefined;
          const reading = only(
            potassium('k', { valueQuantity: { value, unit: 'mmol/L' }, referenceRange: ranges.map(toFhir) }),
            'clinician',
            birthDate,
          );
          if (!claimsAPosition(reading)) return;
          const age = birthYear === undefined ? undefined : 2026 - birthYear; // tested 1 Nov, born 15 June: the birthday has passed
          const used = ranges.filter(
            (item) => item.low === reading.range?.low && Math.round((item.low + item.width) * 10) / 10 === reading.range?.high,
          );
          assert.ok(used.length > 0, 'the range compared with is one that was sent');
          // The range used is certain: every range that might apply to this patient agrees with it.
          const mightApply = ranges.filter(
            (item) =>
              (age === undefined || !item.age || ((item.age.low ?? 0) <= age && age <= (item.age.high ?? Infinity))) &&
              (ranges.some((other) => other.type === undefined || other.type === 'normal') ? item.type !== 'treatment' : true),
          );
          const hasAgeLimit = (item: (typeof ranges)[number]): boolean => item.age?.low !== undefined || item.age?.high !== undefined;
          const specific = age === undefined ? [] : mightApply.filter(hasAgeLimit);
          const contenders = specific.length > 0 ? specific : mightApply;
          for (const other of contenders)
            assert.ok(
              other.low === reading.range?.low && Math.round((other.low + other.width) * 10) / 10 === reading.range?.high,
              `no other range that might apply says otherwise: ${JSON.stringify(reading.range)} ${JSON.stringify(other)}`,
            );
        },
      ),
      { numRuns: RUNS, seed: seedOr(7803) },
    );
  });
});

describe('results: a range in another unit', () => {
  test('reported: 100 mg/dL against 3.9–5.5 mmol/L is not flagged, and the range keeps its own unit', () => {
    const reading = only(
      potassium('glucose', {
        code: { text: 'Glucose', coding: [{ system: LOINC, code: '2345-7' }] },
        valueQuantity: { value: 100, unit: 'mg/dL' },
        referenceRange: [{ low: { value: 3.9, unit: 'mmol/L' }, high: { value: 5.5, unit: 'mmol/L' } }],
      }),
    );
    assert.equal(reading.flag, undefined);
    assert.equal(claimsAPosition(reading), false);
    assert.match(reading.range?.text ?? '', /3\.9–5\.5 mmol\/L/);
    assert.doesNotMatch(reading.range?.text ?? '', /mg\/dL/);
    assert.equal(reading.range?.low, undefined, 'no band to draw on a chart in another unit');
  });

  const units = ['mmol/L', 'mmol/l', 'MMOL/L', 'mg/dL', 'mg/dl', 'umol/L', 'g/L'];
  test('property: a range is compared with the value only when their units agree', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...units),
        fc.option(fc.constantFrom(...units), { nil: undefined }),
        fc.integer({ min: 1, max: 200 }),
        (valueUnit, rangeUnit, value) => {
          const reading = only(
            potassium('k', {
              valueQuantity: { value, unit: valueUnit },
              referenceRange: [
                {
                  low: { value: 10, ...(rangeUnit ? { unit: rangeUnit } : {}) },
                  high: { value: 20, ...(rangeUnit ? { unit: rangeUnit } : {}) },
                },
              ],
            }),
          );
          const agree = rangeUnit === undefined || rangeUnit.toLowerCase() === valueUnit.toLowerCase();
          assert.equal(claimsAPosition(reading), agree);
          if (!agree) assert.equal(reading.flag, undefined);
          assert.ok((reading.range?.text ?? '').endsWith(rangeUnit ?? valueUnit), reading.range?.text);
        },
      ),
      { numRuns: RUNS, seed: seedOr(7804) },
    );
  });

  test('UCUM codes decide when both are given: mm and Mm are different units', () => {
    const reading = only(
      potassium('k', {
        valueQuantity: { value: 15, unit: 'mm', system: UCUM, code: 'mm' },
        referenceRange: [
          { low: { value: 10, unit: 'Mm', system: UCUM, code: 'Mm' }, high: { value: 20, unit: 'Mm', system: UCUM, code: 'Mm' } },
        ],
      }),
    );
    assert.equal(claimsAPosition(reading), false);
  });
});

describe('results: one test, one trend, whatever the unit’s letter case', () => {
  test('reported: mmol/L and mmol/l readings of one test are one trend', () => {
    const model = view([
      potassium('a', { valueQuantity: { value: 4, unit: 'mmol/L' } }),
      potassium('b', { effectiveDateTime: '2026-11-10T10:00:00Z', valueQuantity: { value: 6.5, unit: 'mmol/l' } }),
    ]);
    assert.equal(model.tests.length, 1);
    assert.equal(model.tests[0]!.readings.length, 2);
  });

  test('property: readings of one test in one unit, spelt in any case, are one test; the order they come in does not matter', () => {
    const spelling = fc.constantFrom('mmol/L', 'mmol/l', 'MMOL/L', 'Mmol/L');
    fc.assert(
      fc.property(fc.array(spelling, { minLength: 1, maxLength: 6 }), fc.boolean(), (spellings, withUcum) => {
        const observations = spellings.map((unit, index) =>
          potassium(`k${index}`, {
            effectiveDateTime: `2026-11-${String(index + 1).padStart(2, '0')}T10:00:00Z`,
            // Only one reading carries the UCUM code: the others are the same unit spelt otherwise.
            valueQuantity: { value: 4, unit, ...(withUcum && index === 0 ? { system: UCUM, code: 'mmol/L' } : {}) },
          }),
        );
        const model = view(observations);
        assert.equal(model.tests.length, 1);
        assert.equal(model.tests[0]!.readings.length, spellings.length);
        assert.equal(view([...observations].reverse()).tests[0]!.key, model.tests[0]!.key);
      }),
      { numRuns: RUNS, seed: seedOr(7805) },
    );
  });

  test('units UCUM tells apart by case stay apart: mm and Mm', () => {
    const model = view([
      potassium('a', { valueQuantity: { value: 4, unit: 'mm', system: UCUM, code: 'mm' } }),
      potassium('b', { effectiveDateTime: '2026-11-10T10:00:00Z', valueQuantity: { value: 4, unit: 'Mm', system: UCUM, code: 'Mm' } }),
    ]);
    assert.equal(model.tests.length, 2);
  });

  test('different units stay different tests', () => {
    const model = view([
      potassium('a', { valueQuantity: { value: 5, unit: 'mmol/L' } }),
      potassium('b', { effectiveDateTime: '2026-11-10T10:00:00Z', valueQuantity: { value: 90, unit: 'mg/dL' } }),
    ]);
    assert.equal(model.tests.length, 2);
  });
});

describe('results: a result changed after it was final says so', () => {
  const statuses: [status: string, clinician: string | undefined, resident: string | undefined][] = [
    ['final', undefined, undefined],
    ['preliminary', 'Preliminary', 'Not final yet'],
    ['amended', 'Amended', 'Updated'],
    ['corrected', 'Corrected', 'Corrected'],
  ];
  for (const [status, clinician, resident] of statuses) {
    test(`a result with status ${status}: ${clinician ?? 'no label'}`, () => {
      assert.equal(only(potassium('k', { status }), 'clinician').statusLabel, clinician);
      assert.equal(only(potassium('k', { status }), 'resident').statusLabel, resident);
    });
  }

  for (const [status, label] of [
    ['amended', 'Amended'],
    ['corrected', 'Corrected'],
    ['appended', 'Amended'],
  ] as const) {
    test(`a report with status ${status} is labelled ${label}`, () => {
      const report = {
        resourceType: 'DiagnosticReport',
        id: 'r1',
        status,
        subject: { reference: `Patient/${PATIENT}` },
        code: { text: 'U&E' },
        result: [{ reference: 'Observation/k' }],
        effectiveDateTime: '2026-11-01',
      } as unknown as DiagnosticReport;
      assert.equal(view([potassium('k')], 'clinician', { reports: [report] }).reports[0]!.statusLabel, label);
    });
  }
});
