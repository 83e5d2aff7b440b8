/**
 * View models for the stories that give an element its data through `model`
 * (no provider, no hub): built the way a host builds them, with the SDK's pure
 * view models from the synthetic borough, and stretched to the sizes and
 * shapes real records reach.
 */
import {
  bannerViewModel,
  createTimeline,
  organizationNames,
  summaryViewModel,
  type BannerViewModel,
  type Patient,
  type RecordAudience,
  type Timeline,
  type TimelineResource,
} from '@care-record/sdk';
import { borough } from './synthetic-hub.js';

export const organizations = organizationNames(borough.organizations);

/** A banner for resident `index` of the borough, with some of their Patient replaced. */
export function bannerModel(index: number, audience: RecordAudience, changes: Partial<Patient> = {}): BannerViewModel {
  const record = borough.resident(index);
  const patient = { ...record.patient, ...changes } as Patient;
  const summary = summaryViewModel([patient, ...record.resources, ...borough.organizations], {
    audience,
    now: new Date(),
    patientId: String(patient.id),
    organizations,
  });
  const practice = borough.organizations.find(
    (organization) => `Organization/${String(organization.id)}` === patient.generalPractitioner?.[0]?.reference,
  );
  return bannerViewModel(patient, {
    audience,
    now: new Date(),
    organizations,
    allergies: summary.sections.allergies.allergies,
    ...(practice ? { gpPractice: practice } : {}),
  });
}

const timelineTypes = new Set([
  'Encounter',
  'Appointment',
  'DiagnosticReport',
  'Observation',
  'DocumentReference',
  'CarePlan',
  'EpisodeOfCare',
]);

/**
 * A timeline of `count` events for the long-history resident (pat-000002): their own
 * events, then the same again moved back in time (new ids), until there are enough.
 */
export function longTimeline(count: number, audience: RecordAudience): Timeline {
  const record = borough.resident(1);
  const patientId = String(record.patient.id);
  const own = record.resources.filter((resource) => timelineTypes.has(resource.resourceType)) as unknown as Record<string, unknown>[];
  const resources: Record<string, unknown>[] = [];
  const year = 365.25 * 24 * 3600_000;
  for (let round = 0; resources.length < count * 1.2; round++) {
    for (const resource of own) {
      resources.push(round === 0 ? resource : shifted(resource, round, round * 40 * year));
    }
  }
  const timeline = createTimeline({ patientId, organizations, audience, now: new Date() });
  const added: TimelineResource[] = [];
  for (const resource of resources) {
    added.push(resource as unknown as TimelineResource);
    if (added.length % 500 === 0) {
      timeline.add(added.splice(0));
      if (timeline.view().total >= count) break;
    }
  }
  if (timeline.view().total < count) timeline.add(added);
  return timeline;
}

const DATE_KEYS = ['effectiveDateTime', 'issued', 'start', 'end', 'date', 'created', 'authoredOn'];

/** A copy of a resource `milliseconds` earlier, with its own id. */
function shifted(resource: Record<string, unknown>, round: number, milliseconds: number): Record<string, unknown> {
  const move = (value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value) ? new Date(Date.parse(value) - milliseconds).toISOString() : value;
  const copy: Record<string, unknown> = { ...resource, id: `${String(resource['id'])}-r${round}` };
  for (const key of DATE_KEYS) if (key in copy) copy[key] = move(copy[key]);
  for (const key of ['period', 'effectivePeriod']) {
    const period = copy[key] as { start?: string; end?: string } | undefined;
    if (period)
      copy[key] = { ...period, ...(period.start ? { start: move(period.start) } : {}), ...(period.end ? { end: move(period.end) } : {}) };
  }
  // Results inside a report point at their own Observations: the copies stand alone.
  delete copy['result'];
  return copy;
}
