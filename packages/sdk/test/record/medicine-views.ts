/**
 * A GP's amoxicillin prescription and what the medicines list and the
 * summary's medicines section make of the same records, for the tests that
 * check the two views agree.
 */
import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel } from '../../src/record/index.js';

export const PATIENT = 'pat-0001';
export const NOW = '2026-11-28T09:00:00Z';
export const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['F83999', 'Tufnell Green Surgery']]);
export const AMOXICILLIN = 'Amoxicillin 500mg capsules';

/** An active acute order for amoxicillin from the GP practice, with `fields` over it. */
export function acuteRequest(fields: Record<string, unknown> = {}): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: 'mr-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'active',
    intent: 'order',
    subject: { reference: `Patient/${PATIENT}` },
    courseOfTherapyType: { coding: [{ code: 'acute' }] },
    medicationCodeableConcept: { text: AMOXICILLIN, coding: [{ system: 'https://dmd.nhs.uk', code: '323509004' }] },
    ...fields,
  } as unknown as MedicationRequest;
}

/** The medicines list and the summary's medicines section, for the same records, audience and time. */
export function medicineViews(
  resources: readonly (MedicationRequest | MedicationStatement)[],
  { now = NOW, audience = 'clinician' }: { now?: string; audience?: 'clinician' | 'resident' } = {},
) {
  const list = medicationsViewModel(
    {
      requests: resources.filter((resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest'),
      statements: resources.filter((resource): resource is MedicationStatement => resource.resourceType === 'MedicationStatement'),
      patientId: PATIENT,
      notices: { withheld: false, unavailableSources: [] },
      organizations: ORGANIZATIONS,
    },
    { audience, now },
  );
  const summary = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...resources], {
    audience,
    now,
    patientId: PATIENT,
    organizations: ORGANIZATIONS,
  }).sections.medications;
  return { list, summary };
}
