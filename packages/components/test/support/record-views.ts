/**
 * Every record element's view model for one resident, built from the resident's
 * resources and the directory as the provider builds them: for suites that change
 * what the record holds (its names, its text) and look at what each element shows.
 */
import {
  appointmentsViewModel,
  bannerViewModel,
  createTimeline,
  medicationsViewModel,
  organizationNames,
  resultsViewModel,
  summaryViewModel,
  type Appointment,
  type DiagnosticReport,
  type MedicationRequest,
  type MedicationStatement,
  type Observation,
  type Organization,
  type Patient,
  type TimelineResource,
} from '@care-record/sdk';
import { NOW } from './fixtures.js';

const NO_NOTICES = { withheld: false, unavailableSources: [] };

/** What a `$summary` and the lists would hold for one resident: her Patient, her record and the directory. */
export interface RecordParts {
  patient: Patient;
  resources: readonly { resourceType?: string }[];
  directory: readonly unknown[];
}

/** The clinician's view model of each element that shows the record, by tag. */
export function recordViewModels({ patient, resources, directory }: RecordParts): Record<string, unknown> {
  const organizations = organizationNames(directory);
  const patientId = patient.id!;
  const of = <T>(type: string) => resources.filter((resource) => resource.resourceType === type) as unknown as T[];
  const summary = summaryViewModel([patient, ...resources, ...directory], { audience: 'clinician', now: NOW, patientId, organizations });
  const gpReference = patient.generalPractitioner?.[0]?.reference;
  const gpPractice = (directory as Organization[]).find((organization) => `Organization/${organization.id}` === gpReference);
  const timeline = createTimeline({ patientId, organizations, audience: 'clinician', now: NOW });
  timeline.add(resources as TimelineResource[]);
  return {
    'care-patient-banner': bannerViewModel(patient, {
      audience: 'clinician',
      now: NOW,
      organizations,
      allergies: summary.sections.allergies.allergies,
      ...(gpPractice ? { gpPractice } : {}),
    }),
    'care-record-summary': summary,
    'care-medication-list': medicationsViewModel(
      {
        requests: of<MedicationRequest>('MedicationRequest'),
        statements: of<MedicationStatement>('MedicationStatement'),
        patientId,
        notices: NO_NOTICES,
        organizations,
      },
      { audience: 'clinician', now: NOW },
    ),
    'care-timeline': timeline,
    'care-results': resultsViewModel(
      {
        observations: of<Observation>('Observation'),
        reports: of<DiagnosticReport>('DiagnosticReport'),
        patientId,
        notices: NO_NOTICES,
        organizations,
      },
      { audience: 'clinician' },
    ),
    'care-appointments': appointmentsViewModel(
      { appointments: of<Appointment>('Appointment'), patientId, notices: NO_NOTICES, organizations },
      { audience: 'clinician', now: NOW },
    ),
  };
}
