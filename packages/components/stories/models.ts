/**
 * View models for the stories that give an element its data through `model`
 * (no provider, no hub): built the way a host builds them, with the SDK's pure
 * view models from the synthetic borough, and stretched to the sizes and
 * shapes real records reach.
 */
import {
  accessLogViewModel,
  appointmentsViewModel,
  bannerViewModel,
  createTimeline,
  organizationNames,
  resultsViewModel,
  sharingChoicesFrom,
  summaryViewModel,
  type AccessLogViewModel,
  type Appointment,
  type AppointmentsViewModel,
  type AuditEvent,
  type BannerViewModel,
  type Consent,
  type DiagnosticReport,
  type Observation,
  type Patient,
  type RecordAudience,
  type ResultsViewModel,
  type SharingViewModel,
  type Timeline,
  type TimelineResource,
} from '@care-record/sdk';
import { accessLog, borough, BOROUGH_NOW } from './synthetic-hub.js';

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

// ——— Broken data, given as a `model`, for the person-held elements ———

type Json = Record<string, unknown>;
const NO_NOTICES = { withheld: false, unavailableSources: [] };
const recordOf = (index: number) => borough.resident(index).resources as unknown as Json[];
const ofType = (index: number, type: string) => recordOf(index).filter((resource) => resource['resourceType'] === type);
const without = (resource: Json, ...keys: string[]): Json =>
  Object.fromEntries(Object.entries(resource).filter(([key]) => !keys.includes(key)));

/**
 * The adult's laboratory results as real feeds break them: a test code with no name,
 * a result with no value, one with no date, one with no source, a range with
 * no numbers, a unit missing, and one result about someone else.
 */
/**
 * A haemolysed potassium with the laboratory's comment (a note on the result) and a report: the comment is shown
 * with the value, in the test's table and in the report's.
 */
export function commentedResults(audience: RecordAudience): ResultsViewModel {
  const potassium: Json = {
    resourceType: 'Observation',
    id: 'k-story',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    subject: { reference: 'Patient/pat-000001' },
    code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }] },
    effectiveDateTime: '2026-12-01T08:15:00Z',
    valueQuantity: { value: 6.8, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
    referenceRange: [{ low: { value: 3.5, unit: 'mmol/L' }, high: { value: 5.3, unit: 'mmol/L' } }],
    note: [
      {
        text: 'Sample haemolysed: potassium falsely raised. Please repeat.',
        authorString: 'Duty biochemist',
        time: '2026-12-01T11:02:00Z',
      },
    ],
  };
  const report: Json = {
    resourceType: 'DiagnosticReport',
    id: 'ue-story',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'final',
    subject: { reference: 'Patient/pat-000001' },
    code: { text: 'Urea and electrolytes' },
    effectiveDateTime: '2026-12-01T08:15:00Z',
    result: [{ reference: 'Observation/k-story' }],
  };
  return resultsViewModel(
    {
      observations: [potassium] as unknown as Observation[],
      reports: [report] as unknown as DiagnosticReport[],
      patientId: 'pat-000001',
      notices: NO_NOTICES,
      organizations,
    },
    { audience },
  );
}

export function malformedResults(audience: RecordAudience): ResultsViewModel {
  const isLaboratory = (resource: Json) => JSON.stringify(resource['category'] ?? []).includes('"laboratory"');
  const breaks: ((observation: Json) => Json)[] = [
    (observation) => ({
      ...observation,
      code: { coding: ((observation['code'] as Json)['coding'] as Json[]).map((coding) => without(coding, 'display')) },
    }),
    (observation) => without(observation, 'valueQuantity'),
    (observation) => without(observation, 'effectiveDateTime', 'issued'),
    (observation) => without(observation, 'meta'),
    (observation) => ({ ...observation, referenceRange: [{ text: 'See report' }] }),
    (observation) => ({ ...observation, valueQuantity: { value: (observation['valueQuantity'] as Json | undefined)?.['value'] } }),
  ];
  const observations = ofType(0, 'Observation')
    .filter(isLaboratory)
    .slice(0, 18)
    .map((observation, index) => breaks[index % breaks.length]?.(observation) ?? observation);
  const stray = ofType(1, 'Observation').find(isLaboratory);
  return resultsViewModel(
    {
      observations: [...observations, ...(stray ? [stray] : [])] as unknown as Observation[],
      patientId: 'pat-000001',
      notices: NO_NOTICES,
      organizations,
    },
    { audience },
  );
}

/** Appointments with no time, no title, no booking organisation or place, an odd status, and one for someone else. */
export function malformedAppointments(audience: RecordAudience): AppointmentsViewModel {
  const breaks: ((appointment: Json) => Json)[] = [
    (appointment) => ({ ...appointment, status: 'entered-in-error' }),
    (appointment) => without(appointment, 'start', 'end'),
    (appointment) => without(appointment, 'extension', 'meta'),
    (appointment) => without(appointment, 'serviceType', 'description', 'appointmentType'),
  ];
  const appointments = ofType(0, 'Appointment').map((appointment, index) => breaks[index % breaks.length]?.(appointment) ?? appointment);
  const stray = ofType(2, 'Appointment')[0];
  return appointmentsViewModel(
    {
      appointments: [...appointments, ...(stray ? [stray] : [])] as unknown as Appointment[],
      patientId: 'pat-000001',
      notices: NO_NOTICES,
      organizations,
    },
    { audience, now: new Date(BOROUGH_NOW) },
  );
}

/** The frail older resident's appointments, one of the upcoming ones cancelled by the hospital, and one missed. */
export function appointmentsWithChanges(audience: RecordAudience): AppointmentsViewModel {
  const appointments = ofType(2, 'Appointment');
  const upcoming = appointments.findIndex((appointment) => appointment['status'] === 'booked');
  const past = appointments.findIndex((appointment) => appointment['status'] === 'fulfilled');
  const changed = appointments.map((appointment, index) => {
    if (index === upcoming)
      return { ...appointment, status: 'cancelled', cancelationReason: { text: 'The clinic was cancelled. We will send you a new date.' } };
    if (index === past) return { ...appointment, status: 'noshow' };
    return appointment;
  });
  return appointmentsViewModel(
    { appointments: changed as unknown as Appointment[], patientId: 'pat-000003', notices: NO_NOTICES, organizations },
    { audience, now: new Date() },
  );
}

/**
 * Appointments that say all they can: one with its reasons (one sent only as a code, one naming the condition) and
 * the staff's comment; one that gives only when it ends; one on the waiting list for a period; one cancelled, its
 * reason only a code; and one the hub cut down for the viewer's role.
 */
export function appointmentsSaidInFull(audience: RecordAudience): AppointmentsViewModel {
  const [template] = ofType(0, 'Appointment');
  const base = without(template ?? {}, 'start', 'end', 'minutesDuration', 'status', 'description', 'patientInstruction');
  const snomed = (code: string) => ({ coding: [{ system: 'http://snomed.info/sct', code }] });
  const appointments = [
    {
      ...base,
      id: 'reasons',
      status: 'booked',
      start: '2026-12-14T10:30:00Z',
      end: '2026-12-14T10:50:00Z',
      description: 'Diabetes annual review',
      reasonCode: [snomed('44054006'), { text: 'Foot check' }],
      reasonReference: [{ reference: 'Condition/c1', display: 'Type 2 diabetes mellitus' }],
      comment: 'Interpreter (Bengali) booked',
    },
    { ...base, id: 'ends', status: 'booked', description: 'Physiotherapy course', end: '2027-03-04T15:00:00Z', minutesDuration: 45 },
    {
      ...base,
      id: 'wait',
      status: 'waitlist',
      description: 'Cataract surgery',
      requestedPeriod: [{ start: '2027-01-01', end: '2027-03-31' }],
    },
    {
      ...base,
      id: 'cancelled',
      status: 'cancelled',
      description: 'Eye clinic',
      start: '2026-12-20T09:00:00Z',
      cancelationReason: snomed('182856006'),
    },
    {
      ...base,
      id: 'desk',
      status: 'booked',
      description: 'Blood test',
      start: '2026-12-02T08:40:00Z',
      meta: { ...((base['meta'] as Json | undefined) ?? {}), tag: [{ code: 'SUBSETTED' }] },
    },
  ];
  return appointmentsViewModel(
    { appointments: appointments as unknown as Appointment[], patientId: 'pat-000001', notices: NO_NOTICES, organizations },
    { audience, now: new Date(BOROUGH_NOW) },
  );
}

/** The adult's access log with one of each break: no time (left out), no role, no organisation, an unknown part read, an emergency with no reason. */
export function malformedAccessLog(): AccessLogViewModel {
  const breaks: ((event: Json) => Json)[] = [
    (event) => event,
    (event) => without(event, 'recorded'),
    (event) => ({ ...event, agent: (event['agent'] as Json[]).map((agent) => without(agent, 'role')) }),
    (event) => ({ ...event, agent: (event['agent'] as Json[]).slice(0, 1) }),
    (event) => ({ ...event, entity: [{ description: 'Binary vread' }] }),
    (event) => ({
      ...event,
      purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'ETREAT' }] }],
    }),
  ];
  // An hour apart, so that each event is an entry of its own.
  const events = accessLog('pat-000001', recordOf(0))
    .filter((event) => !JSON.stringify(event['purposeOfEvent']).includes('ETREAT'))
    .slice(0, 8)
    .map((event, index) => {
      const spaced = { ...event, recorded: new Date(Date.parse(BOROUGH_NOW) - (index + 1) * 3_600_000).toISOString() };
      return breaks[index]?.(spaced) ?? spaced;
    });
  return accessLogViewModel(events as unknown as AuditEvent[], undefined, { patientId: 'pat-000001' });
}

/** Only a few looks, the newest in an emergency: what the marked entry looks like, for designers. */
export function emergencyAccessLog(): AccessLogViewModel {
  const events = accessLog('pat-000001', recordOf(0));
  const emergency = events.filter((event) => JSON.stringify(event['purposeOfEvent']).includes('ETREAT'));
  const first = events.find((event) => !emergency.includes(event));
  return accessLogViewModel([...emergency, ...(first ? [first] : [])] as unknown as AuditEvent[], undefined, { patientId: 'pat-000001' });
}

/**
 * A sharing choice that cannot all be read: a rule naming an organisation the
 * hub no longer lists and with no name, a rule with a category nobody knows
 * (left out, as the hub leaves it out), and an organisation with no name.
 */
export function malformedSharing(): SharingViewModel {
  const consent = (ofType(6, 'Consent')[0] ?? {}) as Json;
  const provision = (consent['provision'] as Json | undefined) ?? {};
  const actor = (reference: string) => ({ reference: { reference } });
  const broken = {
    ...consent,
    provision: {
      ...provision,
      provision: [...((provision['provision'] as Json[] | undefined) ?? []), { type: 'deny', actor: [actor('Organization/org-gone')] }],
    },
  } as unknown as Consent;
  const directory = new Map<string, { name: string; kind?: string }>([
    ['org-f83999', { name: 'Tufnell Green Surgery', kind: 'GP practice' }],
    ['org-la999', { name: 'Islington Adult Social Care', kind: 'Local authority adult social care' }],
    ['org-rz8', { name: 'Not known' }],
  ]);
  return { patientId: 'pat-000007', consentId: String(consent['id']), etag: 'W/"1"', choices: sharingChoicesFrom(broken, directory) };
}
