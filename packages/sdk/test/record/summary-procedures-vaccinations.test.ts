/**
 * Vaccinations and procedures in the record summary (issue 12, finding 7):
 * PRSB headings the summary did not have. Given and not given (with the
 * reason), done and not done, are each said; entered in error is never shown;
 * a status the record does not explain is kept as "Not known".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { summaryViewModel, SUMMARY_SECTION_ORDER } from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const GP = 'https://care-record.example/source/F83999';
const HOSPITAL = 'https://care-record.example/source/RZ9';
const SNOMED = 'http://snomed.info/sct';

const patient = { resourceType: 'Patient', id: PATIENT };
const organizations = [
  {
    resourceType: 'Organization',
    id: 'org-f83999',
    name: 'Tufnell Green Surgery',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'F83999' }],
  },
  {
    resourceType: 'Organization',
    id: 'org-rz9',
    name: 'Highbury Vale Hospital NHS Trust',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RZ9' }],
  },
];

const immunization = (id: string, fields: Record<string, unknown>) => ({
  resourceType: 'Immunization',
  id,
  meta: { source: GP },
  status: 'completed',
  vaccineCode: { coding: [{ system: SNOMED, code: '86198006', display: 'Influenza vaccination' }], text: 'Flu vaccine' },
  patient: { reference: `Patient/${PATIENT}` },
  occurrenceDateTime: '2025-10-14T10:15:00+01:00',
  ...fields,
});

const procedure = (id: string, fields: Record<string, unknown>) => ({
  resourceType: 'Procedure',
  id,
  meta: { source: HOSPITAL },
  status: 'completed',
  code: { coding: [{ system: SNOMED, code: '52734007', display: 'Total replacement of hip' }], text: 'Total hip replacement' },
  subject: { reference: `Patient/${PATIENT}` },
  performedPeriod: { start: '2024-03-11T09:30:00Z', end: '2024-03-11T11:05:00Z' },
  performer: [{ actor: { reference: 'Practitioner/p1', display: 'Mr Daniel Price' } }],
  bodySite: [{ text: 'Left hip' }],
  ...fields,
});

const summary = (resources: unknown[], audience: 'clinician' | 'resident' = 'clinician') =>
  summaryViewModel([patient, ...organizations, ...resources], { audience, now: NOW, patientId: PATIENT });

describe('summary: vaccinations and procedures (issue 12, finding 7)', () => {
  test('both are PRSB sections of the summary, after medications', () => {
    const order = [...SUMMARY_SECTION_ORDER];
    assert.deepEqual(order.slice(order.indexOf('medications'), order.indexOf('medications') + 3), [
      'medications',
      'procedures',
      'immunisations',
    ]);
  });

  test('a vaccination given and one declined, newest first; entered in error never shown', () => {
    const model = summary([
      immunization('flu-2025', {}),
      immunization('covid-declined', {
        status: 'not-done',
        statusReason: { text: 'Declined' },
        vaccineCode: { text: 'COVID-19 vaccine' },
        occurrenceDateTime: '2025-11-02',
      }),
      immunization('mistake', { status: 'entered-in-error', occurrenceDateTime: '2026-01-01' }),
      immunization('mmr-2', {
        vaccineCode: { text: 'MMR vaccine' },
        occurrenceDateTime: '2019-04-02',
        protocolApplied: [{ doseNumberPositiveInt: 2 }],
      }),
    ]);
    const section = model.sections.immunisations;
    assert.equal(section.state, 'ready');
    assert.equal(section.heading, 'Vaccinations');
    assert.deepEqual(
      section.items.map((item) => [item.vaccine, item.status, item.reason ?? '', item.date, item.dose ?? '', item.source.name]),
      [
        ['COVID-19 vaccine', 'Not given', 'Declined', '02-Nov-2025', '', 'Tufnell Green Surgery'],
        ['Flu vaccine', 'Given', '', '14-Oct-2025', '', 'Tufnell Green Surgery'],
        ['MMR vaccine', 'Given', '', '02-Apr-2019', 'Dose 2', 'Tufnell Green Surgery'],
      ],
    );
    assertDisplayable(section, 'immunisations');
  });

  test('not given without a reason says so; an unknown status is kept as Not known; free-text time is shown', () => {
    const model = summary([
      immunization('no-reason', { status: 'not-done' }),
      immunization('odd', { status: 'planned', occurrenceDateTime: undefined, occurrenceString: 'Childhood' }),
    ]);
    assert.deepEqual(
      model.sections.immunisations.items.map((item) => [item.id, item.status, item.reason ?? '', item.date]),
      [
        ['no-reason', 'Not given', 'Reason not recorded', '14-Oct-2025'],
        ['odd', 'Not known', '', 'Childhood'],
      ],
    );
  });

  test('a procedure done and one not done, newest first, with who, where and why', () => {
    const model = summary([
      procedure('hip', {}),
      procedure('hip-cancelled', {
        status: 'not-done',
        statusReason: { text: 'Not fit for surgery on the day' },
        performedPeriod: undefined,
        performedDateTime: '2024-01-10T09:00:00Z',
        performer: undefined,
      }),
      procedure('error', { status: 'entered-in-error' }),
      procedure('cataract', {
        code: { text: 'Cataract operation' },
        performedPeriod: undefined,
        performedDateTime: '2022-06-20T10:00:00+01:00',
        bodySite: [{ text: 'Right eye' }],
        performer: undefined,
      }),
    ]);
    const section = model.sections.procedures;
    assert.equal(section.state, 'ready');
    assert.deepEqual(
      section.items.map((item) => [item.text, item.status, item.reason ?? '', item.date, item.bodySite ?? '', item.performedBy ?? '']),
      [
        ['Total hip replacement', 'Completed', '', '11-Mar-2024', 'Left hip', 'Mr Daniel Price'],
        ['Total hip replacement', 'Not done', 'Not fit for surgery on the day', '10-Jan-2024', 'Left hip', ''],
        ['Cataract operation', 'Completed', '', '20-Jun-2022', 'Right eye', ''],
      ],
    );
    assertDisplayable(section, 'procedures');
  });

  test('resident wording: plain English headings, dates and statuses', () => {
    const model = summary([immunization('flu', {}), procedure('hip', {})], 'resident');
    assert.equal(model.sections.immunisations.heading, 'Your vaccinations');
    assert.equal(model.sections.procedures.heading, 'Your operations and procedures');
    assert.equal(model.sections.procedures.items[0]!.status, 'Done');
    assert.equal(model.sections.immunisations.items[0]!.date, '14 October 2025');
  });

  test('none recorded is said only when there are none; only entered-in-error counts as none', () => {
    const none = summary([]);
    assert.equal(none.sections.immunisations.state, 'empty');
    assert.equal(none.sections.immunisations.emptyText, 'No vaccinations recorded');
    assert.equal(none.sections.procedures.emptyText, 'No procedures recorded');
    const onlyErrors = summary([immunization('x', { status: 'entered-in-error' })]);
    assert.equal(onlyErrors.sections.immunisations.state, 'empty');
  });

  test("another patient's vaccination or procedure is a safety issue, never shown", () => {
    const model = summary([
      immunization('theirs', { patient: { reference: 'Patient/pat-0002' } }),
      procedure('theirs-too', { subject: { reference: 'Patient/pat-0002' } }),
    ]);
    assert.deepEqual(model.sections.immunisations.items, []);
    assert.deepEqual(model.sections.procedures.items, []);
    assert.deepEqual(
      model.safetyIssues.map((issue) => [issue.code, issue.resourceType]),
      [
        ['wrong-patient', 'Immunization'],
        ['wrong-patient', 'Procedure'],
      ],
    );
  });

  test('a role that may not read them sees "not available", never "none"', () => {
    const model = summaryViewModel([patient, immunization('flu', {}), procedure('hip', {})], {
      audience: 'clinician',
      now: NOW,
      patientId: PATIENT,
      scopes: 'user/Patient.rs user/Appointment.rs',
    });
    for (const key of ['immunisations', 'procedures'] as const) {
      assert.equal(model.sections[key].state, 'not-permitted', key);
      assert.deepEqual(model.sections[key].items, []);
    }
  });
});
