/**
 * The results a report names, however it names them. Synthea and other
 * transaction-bundle exports name them as `urn:uuid:<id>` (the entry's
 * fullUrl, with the Observation's id the same uuid).
 *
 * Reported: a Synthea-style U&E report naming its potassium as
 * `urn:uuid:…` said "1 result not shown" and listed no reading, while the
 * potassium was listed among the tests: the report said something untrue.
 *
 * The matrix: each form of reference × whether the Observation was sent ×
 * audience: a result that was sent is the report's reading, one that was not
 * is counted as not shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { DiagnosticReport, Observation } from '../../src/fhir.js';
import { resultsViewModel, type RecordAudience } from '../../src/record/index.js';

const PATIENT = 'pat-1';
const UUID = '2b8f1f9e-8c1a-4c2e-9d1f-0a1b2c3d4e5f';

const potassium = (id: string): Observation =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Potassium' },
    effectiveDateTime: '2026-11-01',
    valueQuantity: { value: 4.2, unit: 'mmol/L' },
  }) as unknown as Observation;

const report = (reference: string): DiagnosticReport =>
  ({
    resourceType: 'DiagnosticReport',
    id: 'r1',
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'U&E' },
    result: [{ reference }],
    effectiveDateTime: '2026-11-01',
  }) as unknown as DiagnosticReport;

const reportView = (observations: Observation[], reference: string, audience: RecordAudience) => {
  const model = resultsViewModel(
    {
      observations,
      reports: [report(reference)],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience },
  );
  const [shown] = model.reports;
  return { readings: shown?.readings.map((reading) => reading.id), notShown: shown?.notShown, tests: model.tests.length };
};

const FORMS: [form: string, id: string, reference: string][] = [
  ['relative Observation/id', 'k1', 'Observation/k1'],
  ['versioned', 'k1', 'Observation/k1/_history/2'],
  ['absolute URL', 'k1', 'https://fhir.example.nhs.uk/R4/Observation/k1'],
  ['urn:uuid of the Observation’s id', UUID, `urn:uuid:${UUID}`],
  ['urn:uuid with space around', UUID, ` urn:uuid:${UUID} `],
];

describe('results: a report’s results, by every form of reference', () => {
  for (const audience of ['clinician', 'resident'] as const)
    for (const [form, id, reference] of FORMS) {
      test(`${form}, sent: the report's reading (${audience})`, () => {
        assert.deepEqual(reportView([potassium(id)], reference, audience), { readings: [`Observation/${id}`], notShown: 0, tests: 1 });
      });
      test(`${form}, not sent: counted as not shown (${audience})`, () => {
        assert.deepEqual(reportView([potassium('other')], reference, audience), { readings: [], notShown: 1, tests: 1 });
      });
    }

  test('a urn:uuid is never matched to an Observation whose id differs', () => {
    assert.deepEqual(reportView([potassium(`${UUID}0`)], `urn:uuid:${UUID}`, 'clinician'), { readings: [], notShown: 1, tests: 1 });
  });
});

/**
 * GP Connect's shape: a report names a test group (an Observation with no value of its own whose `hasMember` are the
 * results), not the results. Reported: a full blood count report naming its group said "1 result from this report is
 * not shown here" and listed no reading, while the haemoglobin was listed among the tests.
 */
const group = (id: string, members: string[]): Observation =>
  ({
    resourceType: 'Observation',
    id,
    status: 'final',
    subject: { reference: `Patient/${PATIENT}` },
    code: { text: 'Full blood count' },
    effectiveDateTime: '2026-11-01',
    hasMember: members.map((reference) => ({ reference })),
  }) as unknown as Observation;

describe('results: a report naming a test group shows the group’s results', () => {
  test('reported: a report → group → haemoglobin lists the haemoglobin and says nothing is missing', () => {
    assert.deepEqual(reportView([group('fbc', ['Observation/hb']), potassium('hb')], 'Observation/fbc', 'clinician'), {
      readings: ['Observation/hb'],
      notShown: 0,
      tests: 1,
    });
  });

  // Each member sent or not, one level or two (a group of groups), under each form of reference: the report lists every
  // member sent and counts every member not sent; a group shown through its results is not itself counted.
  for (const audience of ['clinician', 'resident'] as const)
    for (const [form, , reference] of FORMS.slice(0, 3))
      for (const nested of [false, true])
        for (const sent of [
          [true, true],
          [true, false],
          [false, false],
        ]) {
          const name = `${form}, ${nested ? 'a group of groups' : 'one group'}, members sent ${sent.join('/')} (${audience})`;
          test(name, () => {
            const ids = ['m1', 'm2'];
            const members = ids.map((id) => reference.replace('k1', id));
            const groups = nested ? [group('outer', ['Observation/inner']), group('inner', members)] : [group('outer', members)];
            const results = ids.filter((_, index) => sent[index]).map((id) => potassium(id));
            const shown = reportView([...groups, ...results], 'Observation/outer', audience);
            // With none of its results sent, the innermost group is shown as itself ("Not known") and the results counted.
            const expected =
              results.length > 0 ? results.map((result) => `Observation/${result.id}`) : [`Observation/${nested ? 'inner' : 'outer'}`];
            assert.deepEqual(shown.readings?.sort(), expected.sort());
            assert.equal(shown.notShown, sent.filter((each) => !each).length);
          });
        }
});
