/**
 * GP systems send what they know of a repeat in extensions, under the URLs of
 * the profile they were built to: UK Core (R4), or GP Connect's CareConnect
 * profiles, which many feeds still send on R4 resources. The prescription
 * type, the issues made and allowed, the authorisation's review date and the
 * last issue date are read from each, so a GP Connect repeat is not shown as
 * of type "Not known" with its issues and review "Not recorded", and the
 * summary counts it as the repeat the list shows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:00:00Z';
const common = {
  meta: { source: 'https://care-record.example/source/F83999' },
  subject: { reference: `Patient/${PATIENT}` },
  medicationCodeableConcept: { text: 'Atorvastatin 20mg tablets' },
};

/** Each profile family's URLs and the names of the parts inside its repeat information. */
const FAMILIES = {
  'GP Connect': {
    type: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1',
    repeat: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationRepeatInformation-1',
    issued: 'numberOfRepeatPrescriptionsIssued',
    allowed: 'numberOfRepeatPrescriptionsAllowed',
    lastIssue: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1',
  },
  'UK Core': {
    type: 'https://care-record.example/StructureDefinition/prescription-type',
    repeat: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation',
    issued: 'numberOfPrescriptionsIssued',
    allowed: undefined,
    lastIssue: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate',
  },
} as const;

const TYPE_VALUES = {
  valueCoding: (code: string) => ({ valueCoding: { code } }),
  valueCodeableConcept: (code: string) => ({
    valueCodeableConcept: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-PrescriptionType-1', code }] },
  }),
} as const;
const COUNT_VALUES = ['valueUnsignedInt', 'valuePositiveInt', 'valueInteger'] as const;
const TYPES = { acute: 'Acute', repeat: 'Repeat', 'repeat-dispensing': 'Repeat dispensing', 'delayed-prescribing': 'Delayed' } as const;

function gpRecord(
  family: keyof typeof FAMILIES,
  typeCode: keyof typeof TYPES,
  typeValue: keyof typeof TYPE_VALUES,
  count: (typeof COUNT_VALUES)[number],
) {
  const urls = FAMILIES[family];
  const plan = {
    resourceType: 'MedicationRequest',
    id: 'mr-plan',
    ...common,
    status: 'active',
    intent: 'plan',
    authoredOn: '2026-01-10',
    dispenseRequest: { numberOfRepeatsAllowed: 6 },
    extension: [
      { url: urls.type, ...TYPE_VALUES[typeValue](typeCode) },
      {
        url: urls.repeat,
        extension: [
          { url: urls.issued, [count]: 4 },
          ...(urls.allowed ? [{ url: urls.allowed, [count]: 6 }] : []),
          { url: 'authorisationExpiryDate', valueDateTime: '2027-01-10' },
        ],
      },
    ],
  };
  const taken = {
    resourceType: 'MedicationStatement',
    id: 'ms-1',
    ...common,
    status: 'active',
    basedOn: [{ reference: 'MedicationRequest/mr-plan' }],
    effectivePeriod: { start: '2026-01-10' },
    extension: [{ url: urls.lastIssue, valueDateTime: '2026-11-02' }],
  };
  const list = medicationsViewModel(
    {
      requests: [plan as unknown as MedicationRequest],
      statements: [taken as unknown as MedicationStatement],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map([['F83999', 'Tufnell Green Surgery']]),
    },
    { audience: 'clinician', now: NOW },
  );
  const summary = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, plan, taken], {
    audience: 'clinician',
    now: NOW,
    patientId: PATIENT,
  });
  const row = list.current[0];
  return {
    row: row && { type: row.type, issues: row.issues, reviewDate: row.reviewDate, lastIssued: row.lastIssued },
    kind: summary.sections.medications.items[0]?.kind,
  };
}

describe('medicines: repeat details from GP Connect and UK Core extensions', () => {
  test('reported: a GP Connect repeat reads as a repeat, 4 of 6 issued, review and last issue dates, in the list and the summary', () => {
    assert.deepEqual(gpRecord('GP Connect', 'repeat', 'valueCodeableConcept', 'valuePositiveInt'), {
      row: { type: 'Repeat', issues: '4 of 6', reviewDate: '10-Jan-2027', lastIssued: '02-Nov-2026' },
      kind: 'repeat',
    });
  });

  for (const family of Object.keys(FAMILIES) as (keyof typeof FAMILIES)[])
    test(`${family}: every type × type value × count value reads in full`, () => {
      for (const [code, type] of Object.entries(TYPES) as [keyof typeof TYPES, string][])
        for (const typeValue of Object.keys(TYPE_VALUES) as (keyof typeof TYPE_VALUES)[])
          for (const count of COUNT_VALUES) {
            const { row, kind } = gpRecord(family, code, typeValue, count);
            const repeat = type === 'Repeat' || type === 'Repeat dispensing';
            assert.deepEqual(
              row,
              {
                type,
                issues: repeat ? '4 of 6' : undefined,
                reviewDate: repeat ? '10-Jan-2027' : undefined,
                lastIssued: '02-Nov-2026',
              },
              `${code} ${typeValue} ${count}`,
            );
            assert.equal(kind, repeat ? 'repeat' : 'acute', `${code} ${typeValue} ${count}`);
          }
    });
});
