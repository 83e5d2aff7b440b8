/**
 * Why a medicine was stopped, cancelled or not taken, wherever the source put
 * it: FHIR R4's `statusReason` (in words, or only as a code), or GP Connect's
 * status-reason extension on the authorisation, which GP feeds send on R4
 * resources. A reason recorded is never shown as "Not recorded".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const SNOMED = 'http://snomed.info/sct';
const GPC_STATUS_REASON = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatusReason-1';
const common = {
  meta: { source: 'https://care-record.example/source/F83999' },
  subject: { reference: `Patient/${PATIENT}` },
  medicationCodeableConcept: { text: 'Ramipril 5mg capsules' },
};

const pastRow = (resource: Record<string, unknown>) =>
  medicationsViewModel(
    {
      requests: resource['resourceType'] === 'MedicationRequest' ? [resource as unknown as MedicationRequest] : [],
      statements: resource['resourceType'] === 'MedicationStatement' ? [resource as unknown as MedicationStatement] : [],
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: new Map(),
    },
    { audience: 'clinician', now: '2026-11-28T09:00:00Z' },
  ).past[0];
const stoppedReason = (resource: Record<string, unknown>) => pastRow(resource)?.stoppedReason;
const endDate = (resource: Record<string, unknown>) => pastRow(resource)?.endDate;

const plan = (fields: Record<string, unknown>) => ({
  resourceType: 'MedicationRequest',
  id: 'mr-1',
  ...common,
  status: 'stopped',
  intent: 'plan',
  authoredOn: '2025-01-10',
  ...fields,
});
const gpcReason = (statusReason: unknown) => ({
  extension: [
    {
      url: GPC_STATUS_REASON,
      extension: [
        { url: 'statusChangeDate', valueDateTime: '2026-03-01' },
        { url: 'statusReason', valueCodeableConcept: statusReason },
      ],
    },
  ],
});

describe('medicines: why a medicine was stopped', () => {
  test('reported: a GP Connect authorisation stopped for a cough says so, not "Not recorded"', () => {
    assert.equal(stoppedReason(plan(gpcReason({ text: 'Dry cough' }))), 'Dry cough');
    assert.equal(endDate(plan(gpcReason({ text: 'Dry cough' }))), '01-Mar-2026', 'and when it was stopped');
  });

  test('reported: a reason sent only as a code reads as its code', () => {
    assert.equal(stoppedReason(plan({ statusReason: { coding: [{ system: SNOMED, code: '49727002' }] } })), 'SNOMED CT 49727002');
  });

  const REASONS = [
    [{ text: 'Dry cough' }, 'Dry cough'],
    [{ coding: [{ system: SNOMED, code: '49727002', display: 'Cough' }] }, 'Cough'],
    [{ coding: [{ system: SNOMED, code: '49727002' }] }, 'SNOMED CT 49727002'],
  ] as const;
  const PLACES = {
    "a request's statusReason": (reason: unknown) => plan({ statusReason: reason }),
    "GP Connect's status-reason extension": (reason: unknown) => plan(gpcReason(reason)),
    "a statement's statusReason": (reason: unknown) => ({
      resourceType: 'MedicationStatement',
      id: 'ms-1',
      ...common,
      status: 'stopped',
      effectivePeriod: { start: '2025-01-10', end: '2026-03-01' },
      statusReason: [reason],
    }),
  };
  for (const [place, make] of Object.entries(PLACES))
    test(`${place}: in words, by display or only as a code, the reason is shown; with none, "Not recorded"`, () => {
      for (const [reason, words] of REASONS) assert.equal(stoppedReason(make(reason)), words, JSON.stringify(reason));
      assert.equal(stoppedReason(make({ coding: [{ system: SNOMED }] })), 'Not recorded');
    });
});
