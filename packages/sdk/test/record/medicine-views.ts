/**
 * A GP practice's medicine records for the resident, and what the medicines
 * list and the summary's medicines section make of the same records, for the
 * tests that check the two views agree.
 */
import type { MedicationRequest, MedicationStatement } from '../../src/fhir.js';
import { medicationsViewModel, summaryViewModel } from '../../src/record/index.js';

export const PATIENT = 'pat-0001';
export const NOW = '2026-11-28T09:00:00Z';
/** The GP practice and the hospital, by ODS code. */
export const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
]);
export const AMOXICILLIN = 'Amoxicillin 500mg capsules';

/** An active record of a medicine the GP practice holds for the resident, `fields` over it: free to be as odd as real feeds are. */
export function gpRecord<T extends MedicationRequest | MedicationStatement>(
  resourceType: T['resourceType'],
  id: string,
  fields: Record<string, unknown> = {},
): T {
  return {
    resourceType,
    id,
    meta: { source: 'https://care-record.example/source/F83999' },
    status: 'active',
    subject: { reference: `Patient/${PATIENT}` },
    ...fields,
  } as unknown as T;
}

/** An active acute order for amoxicillin from the GP practice, with `fields` over it. */
export const acuteRequest = (fields: Record<string, unknown> = {}): MedicationRequest =>
  gpRecord('MedicationRequest', 'mr-1', {
    intent: 'order',
    courseOfTherapyType: { coding: [{ code: 'acute' }] },
    medicationCodeableConcept: { text: AMOXICILLIN, coding: [{ system: 'https://dmd.nhs.uk', code: '323509004' }] },
    ...fields,
  });

/**
 * The medicines list and the summary's medicines section, for the same records, audience and time;
 * `previewCount` is how many medicines the summary lists before "and N more".
 */
export function medicineViews(
  resources: readonly (MedicationRequest | MedicationStatement)[],
  { now = NOW, audience = 'clinician', previewCount }: { now?: string; audience?: 'clinician' | 'resident'; previewCount?: number } = {},
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
    ...(previewCount === undefined ? {} : { medicationPreviewCount: previewCount }),
  }).sections.medications;
  return { list, summary };
}
