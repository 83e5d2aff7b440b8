/**
 * View models for the tests, built the way a host would build them: from the
 * synthetic borough's residents (0–9 are a fixed cast: see the synthetic
 * package's README) and the SDK's pure view models, plus edge cases made by
 * editing a resident's Patient.
 */
import { createBorough, type ResidentRecord } from '@care-record/synthetic';
import {
  bannerViewModel,
  medicationsViewModel,
  organizationNames,
  summaryViewModel,
  type BannerViewModel,
  type MedicationRequest,
  type MedicationStatement,
  type MedicationsViewModel,
  type Organization,
  type Patient,
  type RecordAudience,
  type RecordNotices,
  type SummaryOptions,
  type SummaryViewModel,
} from '@care-record/sdk';

export const NOW = '2026-11-28T09:00:00Z';
export const borough = createBorough({ residents: 10 });
export const organizations = organizationNames(borough.organizations);

/** The fixed cast, by what each shows. */
export const CAST = {
  adult: 0,
  frailOlder: 2,
  child: 3,
  deceased: 4,
  newborn: 5,
  mentalHealth: 6,
  noGp: 8,
} as const;

const NO_NOTICES: RecordNotices = { withheld: false, unavailableSources: [] };

let wider: ReturnType<typeof createBorough> | undefined;
/** Resident `index` (the same person whatever the borough's size); beyond the cast, from a larger borough. */
export function resident(index: number): ResidentRecord {
  if (index < 10) return borough.resident(index);
  wider ??= createBorough({ residents: 100 });
  return wider.resident(index);
}

/** Everything a `$summary` would hold for the resident: the Patient, their record and the directory. */
export function summaryResources(record: ResidentRecord): unknown[] {
  return [record.patient, ...record.resources, ...borough.organizations, ...borough.practitioners];
}

export function summaryFor(index: number, audience: RecordAudience = 'clinician', options: Partial<SummaryOptions> = {}): SummaryViewModel {
  const record = resident(index);
  return summaryViewModel(summaryResources(record), {
    audience,
    now: NOW,
    patientId: record.patient.id!,
    organizations,
    ...options,
  });
}

function gpPracticeOf(patient: Patient): Organization | undefined {
  const reference = patient.generalPractitioner?.[0]?.reference;
  return borough.organizations.find((organization) => `Organization/${organization.id}` === reference);
}

export function bannerForPatient(
  patient: Patient,
  audience: RecordAudience = 'clinician',
  allergies = summaryFor(CAST.adult, audience).sections.allergies.allergies,
): BannerViewModel {
  return bannerViewModel(patient, { audience, now: NOW, organizations, allergies, gpPractice: gpPracticeOf(patient) });
}

export function bannerFor(index: number, audience: RecordAudience = 'clinician'): BannerViewModel {
  const record = resident(index);
  return bannerForPatient(record.patient, audience, summaryFor(index, audience).sections.allergies.allergies);
}

export function medicationsFor(index: number, audience: RecordAudience = 'clinician', notices = NO_NOTICES): MedicationsViewModel {
  const record = resident(index);
  return medicinesModel(record.resources, { audience, patientId: record.patient.id!, notices });
}

/** The medicines view model of these records (requests and statements, in any order), for resident 0 unless told. */
export function medicinesModel(
  resources: readonly unknown[],
  {
    audience = 'clinician',
    patientId = 'pat-000001',
    notices = NO_NOTICES,
  }: { audience?: RecordAudience; patientId?: string; notices?: RecordNotices } = {},
): MedicationsViewModel {
  const records = resources as readonly { resourceType?: unknown }[];
  return medicationsViewModel(
    {
      requests: records.filter((resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest'),
      statements: records.filter((resource): resource is MedicationStatement => resource.resourceType === 'MedicationStatement'),
      patientId,
      notices,
      organizations,
    },
    { audience, now: NOW },
  );
}

/** A resident's Patient with some fields replaced. */
export function patientWith(index: number, changes: Partial<Patient>): Patient {
  return { ...resident(index).patient, ...changes } as Patient;
}

/** The name a resident's banner shows, for the audience. */
export function bannerName(index: number, audience: RecordAudience = 'clinician'): string {
  return bannerFor(index, audience).name;
}
