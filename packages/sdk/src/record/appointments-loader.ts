/**
 * Reads a resident's appointments from the hub (or any FHIR R4 server): every
 * page, then the names of the organisations they came from.
 */
import type { HubClient } from '../client/hub-client.js';
import type { Appointment } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { appointmentsViewModel, type AppointmentsViewModel } from './appointments.js';
import { cutShort, hasNextPage, mergeNotices, readNotices, searchNotices, type NoticeBundle } from './notices.js';
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
  /**
   * A non-clinical role (a receptionist): what its view of appointments leaves
   * out is said once (`AppointmentsOptions`). Or a question that finds it out
   * (e.g. from the record page's notices), asked only when it matters: a
   * clinician's view with appointments that came partly shown. A question
   * that fails counts as no: every partly shown row then says so itself.
   */
  nonClinicalRole?: boolean | (() => boolean | PromiseLike<boolean>);
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
  // An answer that says it holds more than it gave, with no next link to read the rest: said as how many of how many.
  const notices = mergeNotices(
    { ...readNotices(bundles), ...(truncated ? { truncated: true } : {}) },
    searchNotices([], [truncated ? undefined : cutShort('Appointment', bundles)]),
  );
  const [organizations, nonClinicalRole] = await Promise.all([
    lookUpSourceNames(hub, appointments, call),
    roleOf(options, (notices.partlyShownTypes ?? []).includes('Appointment')),
  ]);
  return appointmentsViewModel(
    { appointments, patientId, notices, organizations },
    { audience: options.audience, now: options.now?.() ?? new Date(), ...(nonClinicalRole ? { nonClinicalRole: true } : {}) },
  );
}

/** Whether the viewer is in a non-clinical role, asking the host's question only when appointments came partly shown. */
async function roleOf(options: LoadAppointmentsOptions, partlyShown: boolean): Promise<boolean> {
  const { nonClinicalRole } = options;
  if (typeof nonClinicalRole !== 'function') return nonClinicalRole === true;
  if (options.audience !== 'clinician' || !partlyShown) return false;
  try {
    return (await nonClinicalRole()) === true;
  } catch {
    return false;
  }
}
