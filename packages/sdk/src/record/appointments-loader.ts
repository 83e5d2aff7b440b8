/**
 * Reads a resident's appointments from the hub (or any FHIR R4 server): every
 * page, then the names of the organisations they came from.
 */
import type { HubClient } from '../client/hub-client.js';
import type { Appointment } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { appointmentsViewModel, type AppointmentsViewModel } from './appointments.js';
import { hasNextPage, readNotices, type NoticeBundle } from './notices.js';
import { callOptions } from './call-options.js';
import { lookUpSourceNames } from './source.js';

export interface LoadAppointmentsOptions {
  audience: RecordAudience;
  /** The moment that divides upcoming from past; default now. */
  now?: () => Date;
  signal?: AbortSignal;
  correlationId?: string;
  /** Appointments per page; default 500. */
  pageSize?: number;
  /** Stop after this many pages; default 20. */
  maxPages?: number;
  /** A non-clinical role (a receptionist): what its view of appointments leaves out is said once (`AppointmentsOptions`). */
  nonClinicalRole?: boolean;
}

/** The patient's appointments as a view model; rejects with a `HubError` when any page cannot be read. */
export async function loadAppointments(
  hub: HubClient,
  patientId: string,
  options: LoadAppointmentsOptions,
): Promise<AppointmentsViewModel> {
  const call = callOptions(options);
  const maxPages = options.maxPages ?? 20;
  const appointments: Appointment[] = [];
  const bundles: NoticeBundle[] = [];
  let truncated = false;
  for await (const page of hub.pages('/Appointment', {
    query: { patient: patientId, _sort: '-date', _count: options.pageSize ?? 500 },
    ...call,
  })) {
    bundles.push(page);
    for (const entry of page.entry ?? [])
      if (entry.resource?.resourceType === 'Appointment') appointments.push(entry.resource as Appointment);
    if (bundles.length >= maxPages) {
      truncated = hasNextPage(page);
      break;
    }
  }
  const organizations = await lookUpSourceNames(hub, appointments, call);
  return appointmentsViewModel(
    { appointments, patientId, notices: { ...readNotices(bundles), ...(truncated ? { truncated: true } : {}) }, organizations },
    { audience: options.audience, now: options.now?.() ?? new Date(), ...(options.nonClinicalRole ? { nonClinicalRole: true } : {}) },
  );
}
