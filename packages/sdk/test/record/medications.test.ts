import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { createBorough } from '@care-record/synthetic';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import {
  medicationsViewModel,
  organizationNames,
  type MedicationRow,
  type MedicationsViewModel,
  type RecordNotices,
} from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';
import { gpRecord } from './medicine-views.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const NO_NOTICES: RecordNotices = { withheld: false, unavailableSources: [] };
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
]);
const GP = { odsCode: 'F83999', name: 'Tufnell Green Surgery' };
const HOSPITAL = { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' };
const RESIDENT = { odsCode: 'resident', name: 'Resident (self-reported)' };

const DMD = 'https://dmd.nhs.uk';
const SNOMED = 'http://snomed.info/sct';
const PRESCRIPTION_TYPE = 'https://care-record.example/StructureDefinition/prescription-type';
const REPEAT_INFORMATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation';
const LAST_ISSUE_DATE = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate';

type Fields = Record<string, unknown>;
/** Fields a row or event should have; `undefined` means it must not have that field. */
type Expected<T> = { [Key in keyof T]?: T[Key] | undefined };

const coded = (text: string, code: string, system = DMD) => ({ coding: [{ system, code, display: text }], text });
const source = (odsCode: string) => ({ source: `https://care-record.example/source/${odsCode}` });
const prescriptionType = (code: string) => ({ url: PRESCRIPTION_TYPE, valueCoding: { code } });
const repeatInformation = (issued: number, review: string) => ({
  url: REPEAT_INFORMATION,
  extension: [
    { url: 'numberOfPrescriptionsIssued', valueUnsignedInt: issued },
    { url: 'authorisationExpiryDate', valueDateTime: review },
  ],
});

/** A MedicationStatement from the GP for the resident, with `fields` on top: free to be as odd as real feeds are. */
const statement = (id: string, fields: Fields = {}): MedicationStatement =>
  gpRecord('MedicationStatement', id, {
    medicationCodeableConcept: coded('Amlodipine 5mg tablets', '319283006'),
    informationSource: { reference: 'Practitioner/prac-0001' },
    dosage: [{ text: 'Take ONE tablet each morning' }],
    ...fields,
  });

const request = (id: string, fields: Fields = {}): MedicationRequest =>
  gpRecord('MedicationRequest', id, {
    intent: 'plan',
    medicationCodeableConcept: coded('Amlodipine 5mg tablets', '319283006'),
    dosageInstruction: [{ text: 'Take ONE tablet each morning' }],
    ...fields,
  });

function view(
  resources: { requests?: MedicationRequest[]; statements?: MedicationStatement[] },
  audience: 'clinician' | 'resident' = 'clinician',
  patientId = PATIENT,
): MedicationsViewModel {
  return medicationsViewModel(
    {
      requests: resources.requests ?? [],
      statements: resources.statements ?? [],
      patientId,
      notices: NO_NOTICES,
      organizations: ORGANIZATIONS,
    },
    { audience, now: NOW },
  );
}

const only = (rows: MedicationRow[]): MedicationRow => {
  assert.equal(rows.length, 1, `expected one row, got ${rows.map((row) => row.name).join(', ')}`);
  return rows[0]!;
};

const names = (rows: MedicationRow[]): string[] => rows.map((row) => row.name);

const example = (name: string): unknown[] =>
  (
    JSON.parse(readFileSync(new URL(`../../../../openapi/examples/${name}`, import.meta.url), 'utf8')) as {
      value: { entry: { resource: unknown }[] };
    }
  ).value.entry.map((entry) => entry.resource);

describe('medicationsViewModel: the contract examples', () => {
  const statements = example('medication-statement-search.json') as MedicationStatement[];
  const requests = (example('medication-request-search.json') as { resourceType: string }[]).filter(
    (resource) => resource.resourceType === 'MedicationRequest',
  ) as MedicationRequest[];
  const model = medicationsViewModel(
    { requests, statements, patientId: PATIENT, notices: NO_NOTICES, organizations: ORGANIZATIONS },
    { audience: 'clinician', now: NOW },
  );

  test('GP and hospital amlodipine is one current row with both sources and the dose difference flagged', () => {
    const [amlodipine] = model.current;
    assert.deepEqual(amlodipine, {
      id: 'MedicationRequest/mr-0001',
      name: 'Amlodipine 5mg tablets',
      codes: ['319283006'],
      type: 'Repeat',
      typeLabel: 'Repeat',
      dosage: 'Take ONE tablet each morning',
      startDate: '02-Apr-2024',
      status: 'active',
      statusLabel: 'Active',
      residentReported: false,
      sources: [GP, HOSPITAL],
      disagreements: [
        {
          field: 'dose',
          values: [
            { source: GP, value: 'Take ONE tablet each morning' },
            { source: HOSPITAL, value: '5 mg orally once daily' },
          ],
        },
      ],
      resourceIds: ['MedicationRequest/mr-0001', 'MedicationRequest/mr-0002', 'MedicationStatement/ms-0001', 'MedicationStatement/ms-0002'],
      quantity: '56 tablet',
      lastIssued: '02-Nov-2026',
      issuesMade: 4,
      issuesAllowed: 6,
      issues: '4 of 6',
      reviewDate: '31-Mar-2027',
      reviewOverdue: false,
    });
  });

  test('the over-the-counter paracetamol is current, marked as reported by the resident, with no dosage', () => {
    const paracetamol = model.current[1]!;
    assert.equal(model.current.length, 2);
    assert.equal(paracetamol.name, 'Paracetamol 500mg tablets');
    assert.equal(paracetamol.residentReported, true);
    assert.equal(paracetamol.residentReportedLabel, 'Reported by the resident');
    assert.equal(paracetamol.dosage, 'No information available');
    assert.equal(paracetamol.type, 'Not known');
    assert.equal(paracetamol.startDate, 'Oct-2026');
    assert.deepEqual(paracetamol.sources, [RESIDENT]);
    assert.equal(paracetamol.lastIssued, undefined);
  });

  test('past: stopped furosemide with its reason and date, then the completed acute paracetamol', () => {
    assert.deepEqual(names(model.past), ['Paracetamol 500mg tablets', 'Furosemide 40mg tablets']);
    const furosemide = model.past[1]!;
    assert.equal(furosemide.status, 'stopped');
    assert.equal(furosemide.statusLabel, 'Stopped');
    assert.equal(furosemide.endDate, '18-Jun-2026');
    assert.equal(furosemide.stoppedReason, 'Dizziness and low blood pressure at review; ankle swelling resolved');
    assert.equal(furosemide.issues, '6 of 12');
    assert.equal(furosemide.lastIssued, '20-May-2026');
    assert.deepEqual(furosemide.resourceIds, ['MedicationRequest/mr-0003', 'MedicationStatement/ms-0004']);
    const acute = model.past[0]!;
    assert.equal(acute.type, 'Acute');
    assert.equal(acute.endDate, '06-Oct-2026');
    assert.equal(acute.lastIssued, '06-Oct-2026');
    assert.equal(acute.stoppedReason, undefined);
    assert.equal(acute.issues, undefined);
  });

  test('headings, notices and no safety issues', () => {
    assert.equal(model.heading, 'Current medication');
    assert.equal(model.pastHeading, 'Past medication');
    assert.equal(model.notices, NO_NOTICES);
    assert.deepEqual(model.safetyIssues, []);
  });
});

describe('medicationsViewModel: one record, as sources send them', () => {
  const cases: { name: string; statement: MedicationStatement; expected: Expected<MedicationRow> }[] = [
    {
      name: 'no dosage at all',
      statement: statement('ms-1', { dosage: undefined }),
      expected: { dosage: 'No information available' },
    },
    {
      name: 'a dosage with no text (structured only) is said in words, never "No information available"',
      statement: statement('ms-1', { dosage: [{ doseAndRate: [{ doseQuantity: { value: 5, unit: 'mg' } }] }] }),
      expected: { dosage: '5 mg' },
    },
    {
      name: 'blank dosage text',
      statement: statement('ms-1', { dosage: [{ text: '   ' }] }),
      expected: { dosage: 'No information available' },
    },
    {
      name: 'dosage text kept verbatim, capitals and spacing included',
      statement: statement('ms-1', { dosage: [{ text: 'Take ONE  tablet at NIGHT (with water)' }] }),
      expected: { dosage: 'Take ONE  tablet at NIGHT (with water)' },
    },
    {
      name: 'two dosage lines',
      statement: statement('ms-1', { dosage: [{ text: 'ONE tablet for 7 days' }, { text: 'then TWO tablets daily' }] }),
      expected: { dosage: 'ONE tablet for 7 days; then TWO tablets daily' },
    },
    {
      name: 'text-only medicine (no dm+d code)',
      statement: statement('ms-1', { medicationCodeableConcept: { text: 'Senna 7.5mg tablets' } }),
      expected: { name: 'Senna 7.5mg tablets', codes: [] },
    },
    {
      name: 'a coding display and no text',
      statement: statement('ms-1', {
        medicationCodeableConcept: { coding: [{ system: DMD, code: '322236009', display: 'Paracetamol 500mg tablets' }] },
      }),
      expected: { name: 'Paracetamol 500mg tablets', codes: ['322236009'] },
    },
    {
      name: 'a bare code with no words: read as the code with its system, never a name made up',
      statement: statement('ms-1', { medicationCodeableConcept: { coding: [{ system: DMD, code: '999999999' }] } }),
      expected: { name: 'dm+d 999999999', codes: ['999999999'] },
    },
    {
      name: 'a local code is not a dm+d code',
      statement: statement('ms-1', {
        medicationCodeableConcept: coded('Homely remedy', 'HR-12', 'https://fhir.rz9.example/CodeSystem/drug'),
      }),
      expected: { name: 'Homely remedy', codes: [] },
    },
    {
      name: 'a dm+d code under SNOMED CT, as UK Core sends it',
      statement: statement('ms-1', { medicationCodeableConcept: coded('Ramipril 10mg capsules', '318906001', SNOMED) }),
      expected: { codes: ['318906001'] },
    },
    {
      name: 'a medicine named by reference only',
      statement: statement('ms-1', {
        medicationCodeableConcept: undefined,
        medicationReference: { reference: '#med1', display: 'Insulin glargine 100units/ml' },
      }),
      expected: { name: 'Insulin glargine 100units/ml', codes: [] },
    },
    {
      name: 'no start date',
      statement: statement('ms-1', { effectivePeriod: undefined }),
      expected: { startDate: 'Not recorded' },
    },
    {
      name: 'an unreadable start date',
      statement: statement('ms-1', { effectiveDateTime: '2026-02-30' }),
      expected: { startDate: 'Not recorded' },
    },
    {
      name: 'a statement on its own has no prescription type and no issue details',
      statement: statement('ms-1', { effectiveDateTime: '2026-09-15' }),
      expected: { type: 'Not known', typeLabel: 'Not known', startDate: '15-Sep-2026', status: 'active', statusLabel: 'Active' },
    },
    {
      name: 'the last issue date extension makes it a prescribed item',
      statement: statement('ms-1', { extension: [{ url: LAST_ISSUE_DATE, valueDateTime: '2026-11-02' }] }),
      expected: { lastIssued: '02-Nov-2026' },
    },
    {
      name: 'on hold stays current',
      statement: statement('ms-1', { status: 'on-hold', statusReason: [{ text: 'Paused during admission' }] }),
      expected: { status: 'on-hold', statusLabel: 'On hold' },
    },
    {
      name: 'intended stays current',
      statement: statement('ms-1', { status: 'intended' }),
      expected: { status: 'intended', statusLabel: 'Intended' },
    },
    {
      name: 'unknown status is shown as current, not hidden',
      statement: statement('ms-1', { status: 'unknown' }),
      expected: { status: 'unknown', statusLabel: 'Not known' },
    },
    {
      name: 'a status outside FHIR is read as not known',
      statement: statement('ms-1', { status: 'paused-ish' }),
      expected: { status: 'unknown', statusLabel: 'Not known' },
    },
  ];
  for (const { name, statement: resource, expected } of cases) {
    test(name, () => {
      const row = only(view({ statements: [resource] }).current);
      assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, row[key as keyof MedicationRow]])), expected);
    });
  }
});

describe('medicationsViewModel: prescription type and repeat details', () => {
  const cases: { name: string; fields: Fields; expected: Expected<MedicationRow> }[] = [
    { name: 'extension: acute', fields: { extension: [prescriptionType('acute')] }, expected: { type: 'Acute' } },
    { name: 'extension: repeat', fields: { extension: [prescriptionType('repeat')] }, expected: { type: 'Repeat' } },
    {
      name: 'extension: repeat dispensing',
      fields: { extension: [prescriptionType('repeat-dispensing')] },
      expected: { type: 'Repeat dispensing' },
    },
    {
      name: 'extension: delayed prescribing',
      fields: { extension: [prescriptionType('delayed-prescribing')] },
      expected: { type: 'Delayed' },
    },
    {
      name: 'courseOfTherapyType continuous, no extension',
      fields: { courseOfTherapyType: { coding: [{ code: 'continuous' }] } },
      expected: { type: 'Repeat' },
    },
    {
      name: 'courseOfTherapyType continuous repeating dispensing',
      fields: { courseOfTherapyType: { coding: [{ code: 'continuous-repeating-dispensing' }] } },
      expected: { type: 'Repeat dispensing' },
    },
    { name: 'courseOfTherapyType acute', fields: { courseOfTherapyType: { coding: [{ code: 'acute' }] } }, expected: { type: 'Acute' } },
    {
      name: 'an unknown course of therapy',
      fields: { courseOfTherapyType: { coding: [{ code: 'seasonal' }] } },
      expected: { type: 'Not known' },
    },
    {
      name: 'the extension wins over courseOfTherapyType',
      fields: { extension: [prescriptionType('delayed-prescribing')], courseOfTherapyType: { coding: [{ code: 'acute' }] } },
      expected: { type: 'Delayed' },
    },
    {
      name: 'repeat with no issue or review information: not recorded',
      fields: { extension: [prescriptionType('repeat')] },
      expected: { issues: 'Not recorded', reviewDate: 'Not recorded', lastIssued: 'Not recorded', reviewOverdue: false },
    },
    {
      name: 'repeat: issues made and allowed, review date in the future',
      fields: {
        extension: [prescriptionType('repeat'), repeatInformation(2, '2027-01-15')],
        dispenseRequest: { numberOfRepeatsAllowed: 12 },
      },
      expected: { issuesMade: 2, issuesAllowed: 12, issues: '2 of 12', reviewDate: '15-Jan-2027', reviewOverdue: false },
    },
    {
      name: 'repeat: review date passed',
      fields: { extension: [prescriptionType('repeat'), repeatInformation(6, '2026-10-01T00:00:00+01:00')] },
      expected: { issues: '6', reviewDate: '01-Oct-2026', reviewOverdue: true },
    },
    {
      name: 'quantity with a unit',
      fields: { dispenseRequest: { quantity: { value: 28, unit: 'tablet' } } },
      expected: { quantity: '28 tablet' },
    },
    {
      name: 'quantity with a code only',
      fields: { dispenseRequest: { quantity: { value: 200, code: 'dose' } } },
      expected: { quantity: '200 dose' },
    },
    {
      name: 'quantity with no value is left out',
      fields: { dispenseRequest: { quantity: { unit: 'tablet' } } },
      expected: { quantity: undefined },
    },
    {
      name: 'acute authorisation: issued when written, no repeat details',
      fields: { extension: [prescriptionType('acute')], authoredOn: '2026-11-20T10:00:00+00:00' },
      expected: { lastIssued: '20-Nov-2026', startDate: '20-Nov-2026', issues: undefined, reviewDate: undefined },
    },
  ];
  for (const { name, fields, expected } of cases) {
    test(name, () => {
      const row = only(view({ requests: [request('mr-1', fields)] }).current);
      assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, row[key as keyof MedicationRow]])), expected);
    });
  }

  test('a repeat with its latest issue and statement: last issue from the issue, status from the authorisation', () => {
    const model = view({
      requests: [
        request('mr-1', {
          extension: [prescriptionType('repeat'), repeatInformation(3, '2027-05-01')],
          dispenseRequest: { numberOfRepeatsAllowed: 6 },
        }),
        request('mr-2', {
          intent: 'order',
          status: 'completed',
          basedOn: [{ reference: 'MedicationRequest/mr-1' }],
          authoredOn: '2026-11-10T09:00:00Z',
        }),
        request('mr-3', {
          intent: 'order',
          status: 'completed',
          basedOn: [{ reference: 'MedicationRequest/mr-1' }],
          authoredOn: '2026-10-13T09:00:00Z',
        }),
      ],
      statements: [statement('ms-1', { basedOn: [{ reference: 'MedicationRequest/mr-1' }], effectivePeriod: { start: '2023-01-05' } })],
    });
    const row = only(model.current);
    assert.equal(row.lastIssued, '10-Nov-2026');
    assert.equal(row.issues, '3 of 6');
    assert.equal(row.startDate, '05-Jan-2023');
    assert.deepEqual(row.sources, [GP]);
    assert.deepEqual(row.resourceIds, [
      'MedicationRequest/mr-1',
      'MedicationRequest/mr-2',
      'MedicationRequest/mr-3',
      'MedicationStatement/ms-1',
    ]);
    assert.deepEqual(model.past, []);
  });

  test('an acute issue and the statement of its course, linked by encounter, are one row', () => {
    const model = view({
      requests: [
        request('mr-9', {
          intent: 'order',
          status: 'completed',
          extension: [prescriptionType('acute')],
          encounter: { reference: 'Encounter/enc-4' },
          authoredOn: '2026-11-25T10:00:00Z',
          medicationCodeableConcept: coded('Amoxicillin 500mg capsules', '323509004'),
        }),
      ],
      statements: [
        statement('ms-9', {
          context: { reference: 'Encounter/enc-4' },
          effectivePeriod: { start: '2026-11-25', end: '2026-12-02' },
          medicationCodeableConcept: coded('Amoxicillin 500mg capsules', '323509004'),
          dosage: [{ text: 'ONE capsule three times a day' }],
        }),
      ],
    });
    const row = only(model.current);
    assert.equal(row.type, 'Acute');
    assert.equal(row.status, 'active');
    assert.equal(row.lastIssued, '25-Nov-2026');
    assert.deepEqual(row.resourceIds, ['MedicationRequest/mr-9', 'MedicationStatement/ms-9']);
  });
});

describe('medicationsViewModel: the same medicine from several sources', () => {
  const hospital = (id: string, fields: Fields = {}) =>
    statement(id, { meta: source('RZ9'), informationSource: { reference: 'Practitioner/prac-0002' }, ...fields });

  test('same dm+d code (dm+d and SNOMED CT systems), different dose text: one row, two sources, dose flagged', () => {
    const model = view({
      statements: [
        statement('ms-1', {
          medicationCodeableConcept: coded('Metformin 500mg tablets', '325278007'),
          dosage: [{ text: 'Take ONE tablet twice a day with meals' }],
        }),
        hospital('ms-2', {
          medicationCodeableConcept: coded('METFORMIN tablets 500 mg', '325278007', SNOMED),
          dosage: [{ text: 'Take ONE tablet three times a day with meals' }],
        }),
      ],
    });
    const row = only(model.current);
    assert.equal(row.name, 'Metformin 500mg tablets');
    assert.deepEqual(row.sources, [GP, HOSPITAL]);
    assert.deepEqual(row.disagreements, [
      {
        field: 'dose',
        values: [
          { source: GP, value: 'Take ONE tablet twice a day with meals' },
          { source: HOSPITAL, value: 'Take ONE tablet three times a day with meals' },
        ],
      },
    ]);
  });

  const mergeCases: { name: string; first: Fields; second: Fields; rows: number }[] = [
    {
      name: 'same name, different strength, no codes: two rows',
      first: { medicationCodeableConcept: { text: 'Amlodipine 5mg tablets' } },
      second: { medicationCodeableConcept: { text: 'Amlodipine 10mg tablets' } },
      rows: 2,
    },
    {
      name: 'a code in common but different strengths in the names (bad data): never merged',
      first: { medicationCodeableConcept: coded('Amlodipine 5mg tablets', '319283006') },
      second: { medicationCodeableConcept: coded('Amlodipine 10mg tablets', '319283006') },
      rows: 2,
    },
    {
      name: 'names differing only in case and spacing, no codes: one row',
      first: { medicationCodeableConcept: { text: 'Senna 7.5mg Tablets' } },
      second: { medicationCodeableConcept: { text: '  senna 7.5 mg   tablets ' } },
      rows: 1,
    },
    {
      name: 'one coded, one text only, same name: one row',
      first: { medicationCodeableConcept: coded('Ramipril 10mg capsules', '318906001') },
      second: { medicationCodeableConcept: { text: 'Ramipril 10mg capsules' } },
      rows: 1,
    },
    {
      name: 'same name, different codes: two rows (codes are trusted over names)',
      first: { medicationCodeableConcept: coded('Levothyroxine 25microgram tablets', '1111') },
      second: { medicationCodeableConcept: coded('Levothyroxine 25microgram tablets', '2222') },
      rows: 2,
    },
    {
      name: 'same code, names written differently: one row',
      first: { medicationCodeableConcept: coded('Amlodipine 5mg tablets', '319283006') },
      second: { medicationCodeableConcept: coded('Amlodipine besilate 5 mg oral tablet', '319283006', SNOMED) },
      rows: 1,
    },
  ];
  for (const { name, first, second, rows } of mergeCases) {
    test(name, () => {
      const model = view({ statements: [statement('ms-1', first), hospital('ms-2', second)] });
      assert.equal(model.current.length, rows);
      assert.deepEqual(
        model.current.map((row) => row.sources.length),
        rows === 1 ? [2] : [1, 1],
      );
    });
  }

  test('the same dose in different case is not a disagreement', () => {
    const model = view({ statements: [statement('ms-1'), hospital('ms-2', { dosage: [{ text: 'take one tablet each MORNING' }] })] });
    assert.deepEqual(only(model.current).disagreements, []);
  });

  test('a source without a dose does not make a disagreement', () => {
    const model = view({ statements: [statement('ms-1'), hospital('ms-2', { dosage: undefined })] });
    const row = only(model.current);
    assert.deepEqual(row.disagreements, []);
    assert.equal(row.dosage, 'Take ONE tablet each morning');
  });

  test('active at the hospital, on hold at the GP: status flagged', () => {
    const model = view({ statements: [statement('ms-1', { status: 'on-hold' }), hospital('ms-2')] });
    const row = only(model.current);
    assert.equal(row.statusLabel, 'On hold');
    assert.deepEqual(row.disagreements, [
      {
        field: 'status',
        values: [
          { source: GP, value: 'On hold' },
          { source: HOSPITAL, value: 'Active' },
        ],
      },
    ]);
  });

  test('stopped by the GP after the hospital started it: current row names both and flags the status; the stop stays in past', () => {
    const model = view({
      requests: [
        request('mr-1', {
          status: 'stopped',
          statusReason: { text: 'Dizziness at review' },
          extension: [prescriptionType('repeat')],
          medicationCodeableConcept: coded('Furosemide 40mg tablets', '317972000'),
        }),
      ],
      statements: [
        statement('ms-1', {
          status: 'stopped',
          basedOn: [{ reference: 'MedicationRequest/mr-1' }],
          effectivePeriod: { start: '2025-12-01', end: '2026-06-18' },
          medicationCodeableConcept: coded('Furosemide 40mg tablets', '317972000'),
        }),
        hospital('ms-2', {
          effectiveDateTime: '2026-03-02',
          medicationCodeableConcept: coded('Furosemide 40mg tablets', '317972000'),
          dosage: [{ text: 'Take TWO tablets (80mg) each morning' }],
        }),
      ],
    });
    const current = only(model.current);
    assert.equal(current.id, 'MedicationStatement/ms-2');
    assert.equal(current.dosage, 'Take TWO tablets (80mg) each morning');
    assert.deepEqual(current.sources, [HOSPITAL, GP]);
    assert.deepEqual(current.disagreements, [
      {
        field: 'status',
        values: [
          { source: HOSPITAL, value: 'Active' },
          { source: GP, value: 'Stopped 18-Jun-2026' },
        ],
      },
    ]);
    const past = only(model.past);
    assert.equal(past.stoppedReason, 'Dizziness at review');
    assert.equal(past.endDate, '18-Jun-2026');
    assert.deepEqual(past.sources, [GP]);
  });

  test('stopped by the GP before the hospital restarted it: not a disagreement', () => {
    const model = view({
      statements: [
        statement('ms-1', { status: 'stopped', effectivePeriod: { start: '2019-01-01', end: '2020-02-01' } }),
        hospital('ms-2', { effectiveDateTime: '2026-03-02' }),
      ],
    });
    assert.deepEqual(only(model.current).sources, [HOSPITAL]);
    assert.deepEqual(only(model.current).disagreements, []);
    assert.deepEqual(only(model.past).sources, [GP]);
  });

  test('stopped at both GP and hospital over the same period (a death): one past row with both sources', () => {
    const model = view({
      statements: [
        statement('ms-1', {
          status: 'stopped',
          statusReason: [{ text: 'Patient died' }],
          effectivePeriod: { start: '2020-01-01', end: '2026-01-03' },
        }),
        hospital('ms-2', {
          status: 'stopped',
          statusReason: [{ text: 'Patient died' }],
          effectivePeriod: { start: '2025-11-20', end: '2026-01-03' },
        }),
      ],
    });
    const row = only(model.past);
    assert.deepEqual(row.sources, [GP, HOSPITAL]);
    assert.equal(row.stoppedReason, 'Patient died');
    assert.equal(row.endDate, '03-Jan-2026');
  });

  test('separate acute courses from one source stay separate lines, newest end first', () => {
    const course = (id: string, start: string, end: string) =>
      statement(id, {
        status: 'completed',
        medicationCodeableConcept: coded('Naproxen 250mg tablets', '329708009'),
        effectivePeriod: { start, end },
      });
    const model = view({
      statements: [
        course('ms-1', '2024-04-23', '2024-05-07'),
        course('ms-2', '2025-05-09', '2025-05-23'),
        course('ms-3', '2023-12-27', '2024-01-10'),
      ],
    });
    assert.deepEqual(
      model.past.map((row) => row.endDate),
      ['23-May-2025', '07-May-2024', '10-Jan-2024'],
    );
  });
});

describe('medicationsViewModel: status, order and audience', () => {
  test('entered in error is gone entirely; stopped, completed, cancelled and not taken are past', () => {
    const model = view({
      statements: [
        statement('ms-1', { status: 'entered-in-error', medicationCodeableConcept: { text: 'Warfarin 1mg tablets' } }),
        statement('ms-2', {
          status: 'stopped',
          medicationCodeableConcept: { text: 'Simvastatin 40mg tablets' },
          effectivePeriod: { start: '2020-01-01', end: '2026-01-10' },
        }),
        statement('ms-3', {
          status: 'completed',
          medicationCodeableConcept: { text: 'Amoxicillin 500mg capsules' },
          effectivePeriod: { start: '2026-02-01', end: '2026-02-08' },
        }),
        statement('ms-4', { status: 'cancelled', medicationCodeableConcept: { text: 'Ibuprofen 400mg tablets' } }),
        statement('ms-5', {
          status: 'not-taken',
          medicationCodeableConcept: { text: 'Aspirin 75mg dispersible tablets' },
          effectiveDateTime: '2025-06-01',
        }),
      ],
      requests: [request('mr-1', { status: 'entered-in-error', medicationCodeableConcept: { text: 'Warfarin 3mg tablets' } })],
    });
    assert.deepEqual(model.current, []);
    assert.deepEqual(names(model.past), [
      'Amoxicillin 500mg capsules',
      'Simvastatin 40mg tablets',
      'Aspirin 75mg dispersible tablets',
      'Ibuprofen 400mg tablets',
    ]);
    assert.deepEqual(
      model.past.map((row) => [row.statusLabel, row.endDate, row.stoppedReason]),
      [
        ['Completed', '08-Feb-2026', undefined],
        ['Stopped', '10-Jan-2026', 'Not recorded'],
        ['Not taken', '01-Jun-2025', 'Not recorded'],
        ['Cancelled', 'Not recorded', 'Not recorded'],
      ],
    );
  });

  test('current: repeats first, then acutes, then the rest, alphabetical within each', () => {
    const model = view({
      requests: [
        request('mr-1', { extension: [prescriptionType('acute')], medicationCodeableConcept: { text: 'Amoxicillin 500mg capsules' } }),
        request('mr-2', { extension: [prescriptionType('repeat')], medicationCodeableConcept: { text: 'simvastatin 40mg tablets' } }),
        request('mr-3', {
          extension: [prescriptionType('repeat-dispensing')],
          medicationCodeableConcept: { text: 'Atorvastatin 20mg tablets' },
        }),
        request('mr-4', {
          extension: [prescriptionType('delayed-prescribing')],
          medicationCodeableConcept: { text: 'Nitrofurantoin 100mg capsules' },
        }),
      ],
      statements: [statement('ms-1', { medicationCodeableConcept: { text: 'Aspirin 75mg dispersible tablets' } })],
    });
    assert.deepEqual(
      model.current.map((row) => `${row.type}: ${row.name}`),
      [
        'Repeat dispensing: Atorvastatin 20mg tablets',
        'Repeat: simvastatin 40mg tablets',
        'Acute: Amoxicillin 500mg capsules',
        'Delayed: Nitrofurantoin 100mg capsules',
        'Not known: Aspirin 75mg dispersible tablets',
      ],
    );
  });

  test('for the resident: plain wording, dates in words, "Added by you", and no NOPAT items', () => {
    const model = view(
      {
        requests: [
          request('mr-1', {
            extension: [prescriptionType('repeat'), repeatInformation(1, '2027-03-31')],
            dispenseRequest: { numberOfRepeatsAllowed: 6 },
            authoredOn: '2026-04-01T09:20:00+01:00',
          }),
        ],
        statements: [
          statement('ms-1', {
            meta: source('resident'),
            informationSource: { reference: `Patient/${PATIENT}` },
            medicationCodeableConcept: { text: 'Vitamin D 10 micrograms' },
            dosage: undefined,
            effectivePeriod: { start: '2026-08-06' },
          }),
          statement('ms-2', {
            meta: { ...source('RZ8'), security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'NOPAT' }] },
            medicationCodeableConcept: { text: 'Lithium carbonate 400mg modified-release tablets' },
          }),
        ],
      },
      'resident',
    );
    assert.equal(model.heading, 'Your medicines');
    assert.equal(model.pastHeading, 'Medicines you no longer take');
    assert.deepEqual(
      model.current.map((row) => [row.name, row.typeLabel, row.statusLabel, row.startDate, row.residentReportedLabel]),
      [
        ['Amlodipine 5mg tablets', 'Repeat prescription', 'Current', '1 April 2026', undefined],
        ['Vitamin D 10 micrograms', 'Not a prescription', 'Current', '6 August 2026', 'Added by you'],
      ],
    );
    assert.equal(model.current[0]!.reviewDate, '31 March 2027');
  });

  test('the clinician sees NOPAT items', () => {
    const model = view({
      statements: [
        statement('ms-2', {
          meta: { ...source('RZ8'), security: [{ code: 'NOPAT' }] },
          medicationCodeableConcept: { text: 'Lithium carbonate 400mg modified-release tablets' },
        }),
      ],
    });
    assert.deepEqual(names(model.current), ['Lithium carbonate 400mg modified-release tablets']);
    assert.deepEqual(model.current[0]!.sources, [{ odsCode: 'RZ8', name: 'Not known' }]);
  });

  test('resources without ids are still shown, each under a key of its own', () => {
    const model = view({
      statements: [
        statement('', { medicationCodeableConcept: { text: 'Senna 7.5mg tablets' } }),
        statement('  ', { medicationCodeableConcept: { text: 'Lactulose 3.35g/5ml oral solution' } }),
      ],
    });
    assert.deepEqual(
      model.current.map((row) => [row.name, row.id]),
      [
        ['Lactulose 3.35g/5ml oral solution', 'MedicationStatement/(no id 2)'],
        ['Senna 7.5mg tablets', 'MedicationStatement/(no id 1)'],
      ],
    );
  });

  test('a resident-reported statement is marked by its category too', () => {
    const row = only(
      view({ statements: [statement('ms-1', { category: { coding: [{ code: 'patientspecified' }] }, informationSource: undefined })] })
        .current,
    );
    assert.equal(row.residentReported, true);
  });
});

describe('medicationsViewModel: wrong-patient guard', () => {
  const cases: { name: string; subject: unknown; shown: boolean; issue?: string }[] = [
    { name: 'this patient, relative reference', subject: { reference: `Patient/${PATIENT}` }, shown: true },
    { name: 'this patient, absolute reference', subject: { reference: `https://hub.example/fhir/Patient/${PATIENT}` }, shown: true },
    { name: 'this patient, version-specific reference', subject: { reference: `Patient/${PATIENT}/_history/3` }, shown: true },
    {
      name: 'another patient',
      subject: { reference: 'Patient/pat-0002' },
      shown: false,
      issue: 'One MedicationStatement was not shown: it belongs to a different patient.',
    },
    {
      name: 'a patient whose id only starts the same',
      subject: { reference: `Patient/${PATIENT}0` },
      shown: false,
      issue: 'One MedicationStatement was not shown: it belongs to a different patient.',
    },
    {
      name: 'no subject at all',
      subject: undefined,
      shown: false,
      issue: 'One MedicationStatement was not shown: it does not say which patient it belongs to.',
    },
    {
      name: 'a display but no reference',
      subject: { display: 'KAYA, Hatice (Mrs)' },
      shown: false,
      issue: 'One MedicationStatement was not shown: it does not say which patient it belongs to.',
    },
  ];
  for (const { name, subject, shown, issue } of cases) {
    test(name, () => {
      const model = view({ statements: [statement('ms-x', { subject })] });
      assert.equal(model.current.length, shown ? 1 : 0);
      assert.deepEqual(
        model.safetyIssues.map((found) => found.message),
        issue ? [issue] : [],
      );
    });
  }

  test('another patient’s request is dropped and does not merge into this patient’s row', () => {
    const model = view({
      statements: [statement('ms-1')],
      requests: [request('mr-other', { subject: { reference: 'Patient/pat-0002' }, extension: [prescriptionType('repeat')] })],
    });
    const row = only(model.current);
    assert.deepEqual(row.resourceIds, ['MedicationStatement/ms-1']);
    assert.deepEqual(
      model.safetyIssues.map((issue) => issue.message),
      ['One MedicationRequest was not shown: it belongs to a different patient.'],
    );
  });

  test('everything for another patient: nothing shown, every resource reported', () => {
    const model = view({ statements: [statement('ms-1'), statement('ms-2')], requests: [request('mr-1')] }, 'clinician', 'pat-0009');
    assert.deepEqual([model.current.length, model.past.length], [0, 0]);
    assert.equal(model.safetyIssues.length, 3);
  });
});

describe('medicationsViewModel over the first 300 synthetic residents', () => {
  const borough = createBorough({ residents: 300 });
  const organizations = organizationNames(borough.organizations);
  let rows = 0;
  let merged = 0;
  let doseFlags = 0;
  let residentReported = 0;
  for (const audience of ['clinician', 'resident'] as const) {
    test(`${audience}: every string is real text`, () => {
      let strings = 0;
      for (const record of borough.residents()) {
        const requests = record.resources.filter(
          (resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest',
        );
        const statements = record.resources.filter(
          (resource): resource is MedicationStatement => resource.resourceType === 'MedicationStatement',
        );
        const model = medicationsViewModel(
          { requests, statements, patientId: record.patient.id!, notices: NO_NOTICES, organizations },
          { audience, now: '2026-11-28T09:00:00Z' },
        );
        strings += assertDisplayable(model, `${record.patient.id} (${audience})`);
        assert.deepEqual(model.safetyIssues, []);
        if (audience === 'clinician') {
          for (const row of [...model.current, ...model.past]) {
            rows++;
            if (row.sources.length > 1) merged++;
            if (row.disagreements.some((item) => item.field === 'dose')) doseFlags++;
            if (row.residentReported) residentReported++;
          }
        }
      }
      assert.ok(strings > 10_000, `strings checked: ${strings}`);
    });
  }
  test('the borough exercises merging, dose flags and resident entries', () => {
    assert.ok(rows > 500, `rows: ${rows}`);
    assert.ok(merged > 30, `merged rows: ${merged}`);
    assert.ok(doseFlags > 3, `dose flags: ${doseFlags}`);
    assert.ok(residentReported > 30, `resident-reported rows: ${residentReported}`);
  });
});
