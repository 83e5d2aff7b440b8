/**
 * Appointments for the record: upcoming (soonest first) and past (most
 * recent first), each with what it is for, when, where, with whom, the
 * organisation that booked it and its status in words — a cancelled
 * appointment says so plainly, wherever it falls.
 */
import { formatClinicalDate, formatClinicalTime, formatResidentDate, formatResidentTime } from '../format/date.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import type { Appointment } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import {
  appointmentStatus,
  appointmentTiming,
  PATIENT_DECLINED_LABELS,
  PATIENT_RESPONSE_UNCLEAR_LABELS,
  patientResponse,
  soonestFirst,
  ukDayKey,
  type AppointmentTiming,
} from './appointment-timing.js';
import { appointmentReasons, cancellationReason, durationWords, endWords, requestedWords } from './appointment-words.js';
import { readMoment } from './clinical-moment.js';
import { firstConceptWords, presentText, tidyText, type ConceptLike } from './concept-text.js';
import { isPartlyShown, withItemNotices, type RecordNotices } from './notices.js';
import { roleViewNotices } from './permissions.js';
import { carriedAnotherPatients, referencesPatient, unreadableIssue, wrongPatientIssue, type SafetyIssue } from './patient-reference.js';
import { isHiddenFromResident } from './security-labels.js';
import { referencedParty, sourceOf, type SourceLabel } from './source.js';
import { fhirCode } from './status-code.js';
import { requireUnderstood } from './modifier-extensions.js';
import { unreadableItem, type UnreadableItem } from './unreadable.js';

export type AppointmentStatus = Appointment['status'];

export interface AppointmentRow {
  /** The Appointment's logical id. */
  id: string;
  /** What it is for: the description, else the service; `Not known` when neither was recorded. */
  title: string;
  /** The service, when recorded. */
  service?: string;
  /** `unknown` when the source sent no status, or one FHIR R4 does not define. */
  status: AppointmentStatus | 'unknown';
  /** `status` in the audience's words: `Booked`, `Cancelled`, `You did not attend`. */
  statusLabel: string;
  cancelled: boolean;
  /** Why it was cancelled, when a cancelled appointment says: its words, else its code. */
  cancellationReason?: string;
  /**
   * Why it is booked: every reason it gives (`reasonCode` in words, else its
   * code; `reasonReference` by name), `; ` between them. For every audience.
   */
  reason?: string;
  /** The staff's note on it (`comment`): for clinicians only, as it is not written for the resident. */
  comment?: string;
  /**
   * The source or the hub left some of its details out for this viewer (the
   * hub's `SUBSETTED` tag, as for a role that may not see clinical detail):
   * say that some details are not shown, and never read what is missing as none.
   */
  detailsWithheld?: true;
  /** How long it is booked for (`minutesDuration`: `30 minutes`), when its start and end do not already say. */
  duration?: string;
  /**
   * The day, in the audience's format. With no start, what is known:
   * `Ends 4 March 2027 at 3pm, start not known`, the period asked for
   * (`Between 1 January 2027 and 31 March 2027`); `Not known` only when it says nothing of when.
   */
  date: string;
  /** UK time `14:30`, when a time was given. */
  time?: string;
  /** Start and end as UTC instants (ISO 8601), for a calendar; absent when unreadable. */
  start?: string;
  end?: string;
  /** Where: the place recorded; `Not known` when none. */
  location: string;
  /** The organisation that booked it. */
  organisation: string;
  /** The professionals booked, when named. */
  with?: string;
  /** What the resident was asked to do, for upcoming appointments. */
  instruction?: string;
  /**
   * The patient declined it (their participant status), though the appointment
   * is still booked or being arranged: `statusLabel` says so, and no calendar entry is offered.
   */
  patientDeclined?: true;
  /**
   * The patient is a participant more than once, and one entry declined while
   * another answered otherwise: `statusLabel` says the response is unclear,
   * rather than pick one, and no calendar entry is offered.
   */
  patientResponseUnclear?: true;
  /** Offers "Add to calendar": a booked upcoming appointment with a start time, whose patient has not declined or answered unclearly. */
  canAddToCalendar: boolean;
  source: SourceLabel;
}

export interface AppointmentsViewModel {
  patientId: string;
  audience: RecordAudience;
  heading: string;
  upcomingHeading: string;
  pastHeading: string;
  /** Soonest first; cancelled ones stay, marked. */
  upcoming: AppointmentRow[];
  /** Most recent first. */
  past: AppointmentRow[];
  notices: RecordNotices;
  /** Appointments that could not be read, each with its source: say so, one line per source (`unreadableNotices`). */
  unreadable: UnreadableItem[];
  /** Appointments not shown: not this patient's, or unreadable. For the host to report. */
  safetyIssues: SafetyIssue[];
  /**
   * The answer carried appointments about another patient (or no one), left
   * out (`carriedAnotherPatients`): neither list may say there are none, and
   * the view says some items could not be shown safely. Own appointments are
   * still shown. Always set by `appointmentsViewModel`.
   */
  notShownSafely?: boolean;
}

export interface AppointmentsInput {
  appointments: readonly Appointment[];
  patientId: string;
  notices: RecordNotices;
  organizations: ReadonlyMap<string, string>;
}

export interface AppointmentsOptions {
  audience: RecordAudience;
  now: Date | string;
  /**
   * A non-clinical role (a receptionist): the appointments come without their
   * reasons and notes, and the list says so once, in the role's words
   * (`notices.reducedForRole`), rather than on every row. Also taken from
   * the notices when the server said the role may not see some types.
   */
  nonClinicalRole?: boolean | undefined;
}

const BOOKING_ORGANIZATION_URL = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';

const STATUS_LABELS: Record<RecordAudience, Record<AppointmentStatus | 'unknown', string>> = {
  resident: {
    unknown: NOT_KNOWN,
    proposed: 'Not confirmed yet',
    pending: 'Not confirmed yet',
    booked: 'Booked',
    arrived: 'Arrived',
    'checked-in': 'Checked in',
    fulfilled: 'Attended',
    cancelled: 'Cancelled',
    noshow: 'Missed',
    'entered-in-error': 'Recorded in error',
    waitlist: 'On the waiting list',
  },
  clinician: {
    unknown: NOT_KNOWN,
    proposed: 'Proposed',
    pending: 'Pending',
    booked: 'Booked',
    arrived: 'Arrived',
    'checked-in': 'Checked in',
    fulfilled: 'Attended',
    cancelled: 'Cancelled',
    noshow: 'Did not attend',
    'entered-in-error': 'Entered in error',
    waitlist: 'Waiting list',
  },
};

const WORDING: Record<RecordAudience, { heading: string; upcoming: string; past: string }> = {
  resident: { heading: 'Your appointments', upcoming: 'Upcoming', past: 'Past' },
  clinician: { heading: 'Appointments', upcoming: 'Upcoming', past: 'Past' },
};

function instantOf(value: string | undefined): number | undefined {
  const moment = value ? readMoment(value) : undefined;
  return moment?.instant;
}

type Participant = NonNullable<Appointment['participant']>[number];

/**
 * The participants, reading past `null`s in the list (sent by real feeds); a
 * `participant` that is not a list cannot be read, and throws.
 */
function participantsOf(appointment: Appointment): Participant[] {
  const participants: unknown = appointment.participant ?? [];
  if (!Array.isArray(participants)) throw new TypeError('participant is not a list');
  const present = participants.filter((participant): participant is Participant => typeof participant === 'object' && participant !== null);
  // Whose appointment it is rests on these: an actor or reference that is not what FHIR says cannot be read.
  for (const { actor } of present) {
    if (actor === undefined || actor === null) continue;
    if (typeof actor !== 'object' || (actor.reference !== undefined && typeof actor.reference !== 'string'))
      throw new TypeError('participant actor cannot be read');
  }
  return present;
}

/** A participant who will take part: any but one who declined (however spelt). */
const attending = (participant: { status?: unknown }): boolean => fhirCode(participant.status, ['declined']) === undefined;

const PROFESSIONAL_TYPES: ReadonlySet<string> = new Set(['Practitioner', 'PractitionerRole']);

/**
 * The professionals who will take part and the place, however the
 * participants refer to them (`source.ts`'s one rule): by path, by `type`, or
 * contained in the appointment. An actor with only a display and no type is
 * taken for the place, as feeds send rooms; one typed otherwise is not.
 */
function whoAndWhere(appointment: Appointment, participants: readonly Participant[]): { professionals: string[]; place?: string } {
  const parties = participants.map((participant) => ({
    participant,
    ...referencedParty(participant.actor, appointment),
  }));
  const professionals = parties
    .filter(({ participant, type }) => attending(participant) && type !== undefined && PROFESSIONAL_TYPES.has(type))
    .flatMap(({ name }) => presentText(name) ?? []);
  const place = parties.find(
    ({ participant, type, name }) =>
      presentText(name) !== undefined && (type === 'Location' || (type === undefined && !presentText(participant.actor?.reference))),
  )?.name;
  return { professionals, ...(place ? { place } : {}) };
}

/** When it is, in the audience's words: its start's day, else its end, else the period asked for, else `Not known`. */
function whenWords(appointment: Appointment, timing: AppointmentTiming, audience: RecordAudience): string {
  if (timing.by === 'start' && timing.moment)
    return audience === 'resident' ? formatResidentDate(timing.moment.value) : formatClinicalDate(timing.moment.value);
  if (timing.by === 'end' && timing.moment) return endWords(timing.moment, audience);
  return requestedWords(appointment, audience) ?? NOT_KNOWN;
}

function row(appointment: Appointment, input: AppointmentsInput, audience: RecordAudience, timing: AppointmentTiming): AppointmentRow {
  const { upcoming } = timing;
  const { professionals, place } = whoAndWhere(appointment, participantsOf(appointment));
  const source = sourceOf(appointment, input.organizations);
  const booking = appointment.extension?.find((extension) => extension?.url === BOOKING_ORGANIZATION_URL)?.valueReference;
  // Words recorded for any service or the kind of appointment come before a bare code, as the timeline and summary read them.
  const serviceTypes: unknown = appointment.serviceType;
  const service = firstConceptWords([
    ...(Array.isArray(serviceTypes) ? (serviceTypes as ConceptLike[]) : []),
    ...(appointment.appointmentType ? [appointment.appointmentType] : []),
  ]);
  const title = presentText(appointment.description) ?? service;
  const moment = appointment.start ? readMoment(appointment.start) : undefined;
  const start = instantOf(appointment.start);
  const minutes = positiveMinutes(appointment.minutesDuration);
  const endInstant = instantOf(appointment.end) ?? (start !== undefined && minutes !== undefined ? start + minutes * 60_000 : undefined);
  const end = start !== undefined && endInstant !== undefined && endInstant > start ? endInstant : undefined;
  const status = appointmentStatus(appointment.status);
  const cancelled = status === 'cancelled';
  const reason = cancellationReason(appointment);
  const reasons = appointmentReasons(appointment);
  const comment = audience === 'clinician' ? tidyText(appointment.comment) : '';
  const duration = durationWords(appointment.minutesDuration);
  const instruction = upcoming && !cancelled ? presentText(appointment.patientInstruction) : undefined;
  const time = moment?.time;
  const response = patientResponse(appointment, (actor) => referencesPatient(actor?.reference, input.patientId));
  return {
    id: appointment.id?.trim() || NOT_KNOWN,
    title: title ? tidyText(title) : NOT_KNOWN,
    ...(service ? { service: tidyText(service) } : {}),
    status: status ?? 'unknown',
    statusLabel:
      response === 'declined'
        ? PATIENT_DECLINED_LABELS[audience]
        : response === 'unclear'
          ? PATIENT_RESPONSE_UNCLEAR_LABELS[audience]
          : STATUS_LABELS[audience][status ?? 'unknown'],
    ...(response === 'declined' ? { patientDeclined: true as const } : {}),
    ...(response === 'unclear' ? { patientResponseUnclear: true as const } : {}),
    cancelled,
    ...(reason ? { cancellationReason: reason } : {}),
    ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
    ...(comment ? { comment } : {}),
    ...(isPartlyShown(appointment) ? { detailsWithheld: true as const } : {}),
    // With a start and an end, its length is plain; without, it is something more that is known.
    ...(duration && end === undefined ? { duration } : {}),
    date: whenWords(appointment, timing, audience),
    ...(time && moment ? { time: audience === 'resident' ? formatResidentTime(moment.value) : formatClinicalTime(moment.value) } : {}),
    ...(start !== undefined ? { start: new Date(start).toISOString() } : {}),
    ...(end !== undefined ? { end: new Date(end).toISOString() } : {}),
    location: tidyText(place) || NOT_KNOWN,
    organisation: tidyText(booking?.display) || source.name,
    ...(professionals.length > 0 ? { with: professionals.map(tidyText).join(', ') } : {}),
    ...(instruction ? { instruction: tidyText(instruction) } : {}),
    canAddToCalendar: upcoming && status === 'booked' && response === undefined && start !== undefined && appointment.id !== undefined,
    source,
  };
}

const positiveMinutes = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/**
 * Upcoming and past appointments, placed as every view places them
 * (`appointmentTiming`): upcoming while it has not started and was not
 * attended or missed; with no start, by its end (and it says "start not
 * known"); with neither, still being arranged, or saying nothing of when,
 * upcoming after every dated one — never past by a guess. Entered-in-error
 * appointments are not shown. For residents, `NOPAT` items are dropped and the
 * notices say some information is not shown; appointments about any other
 * patient are dropped and reported in `safetyIssues`. An appointment that
 * cannot be read (a number where words belong, a `participant` that is not a
 * list) is listed in `unreadable` and `safetyIssues`, and the rest are shown;
 * `null`s inside `participant` are read past. Never throws for anything a
 * server sends.
 */
export function appointmentsViewModel(input: AppointmentsInput, options: AppointmentsOptions): AppointmentsViewModel {
  const { audience } = options;
  const now = new Date(options.now).getTime();
  /** Today's UK day, for appointments given a day but no time. */
  const today = ukDayKey(now);
  const safetyIssues: SafetyIssue[] = [];
  const unreadable: UnreadableItem[] = [];
  // An appointment the hub sent partly shown says so, whether or not its Bundle did (`withItemNotices`, the one rule).
  // A receptionist's are always partly shown: their role's view, said once for the list (`roleViewNotices`).
  const notices = roleViewNotices(withItemNotices(input.notices, input.appointments), options);
  const toldForRole = (notices.reducedForRole ?? []).includes('Appointment');
  let withheld = notices.withheld;
  const upcoming: { row: AppointmentRow; at: number }[] = [];
  const past: { row: AppointmentRow; at: number }[] = [];

  for (const appointment of input.appointments) {
    try {
      if (appointment?.resourceType !== 'Appointment') continue;
      requireUnderstood(appointment);
      const placed = place(appointment, input, audience, now, today);
      if (placed.kind === 'withheld') withheld = true;
      else if (placed.kind === 'wrong-patient') safetyIssues.push(placed.issue);
      else if (placed.kind === 'row') (placed.upcoming ? upcoming : past).push(placed);
    } catch {
      const item = unreadableItem(appointment, 'Appointment', input.organizations);
      unreadable.push(item);
      safetyIssues.push(unreadableIssue(appointment));
    }
  }

  upcoming.sort((a, b) => soonestFirst({ at: a.at, id: a.row.id }, { at: b.at, id: b.row.id }));
  past.sort((a, b) => b.at - a.at || a.row.id.localeCompare(b.row.id));
  const words = WORDING[audience];
  return {
    patientId: input.patientId,
    audience,
    heading: words.heading,
    upcomingHeading: words.upcoming,
    pastHeading: words.past,
    upcoming: upcoming.map((entry) => toldOnce(entry.row, toldForRole)),
    past: past.map((entry) => toldOnce(entry.row, toldForRole)),
    notices: { ...notices, withheld },
    unreadable,
    safetyIssues,
    notShownSafely: carriedAnotherPatients(safetyIssues),
  };
}

/** A row without its own "some details are not shown" when the list says it once for the role. */
function toldOnce(row: AppointmentRow, toldForRole: boolean): AppointmentRow {
  if (!toldForRole || !row.detailsWithheld) return row;
  const { detailsWithheld: _told, ...rest } = row;
  return rest;
}

/** Where one appointment goes. */
type Placement =
  | { kind: 'row'; row: AppointmentRow; at: number; upcoming: boolean }
  /** A NOPAT item a resident may not see. */
  | { kind: 'withheld' }
  /** Not this patient's, or does not say whose: the safety issue to report. */
  | { kind: 'wrong-patient'; issue: SafetyIssue }
  /** Not shown (entered in error). */
  | { kind: 'not-shown' };

/** Where one appointment goes, upcoming or past or nowhere. Throws when it cannot be read. */
function place(appointment: Appointment, input: AppointmentsInput, audience: RecordAudience, now: number, today: number): Placement {
  const patients = participantsOf(appointment).filter((participant) => /(?:^|\/)Patient\//.test(participant.actor?.reference ?? ''));
  const other = patients.find((participant) => !referencesPatient(participant.actor?.reference, input.patientId));
  if (patients.length === 0 || other) return { kind: 'wrong-patient', issue: wrongPatientIssue(appointment, other?.actor?.reference) };
  if (audience === 'resident' && isHiddenFromResident(appointment)) return { kind: 'withheld' };
  if (appointmentStatus(appointment.status) === 'entered-in-error') return { kind: 'not-shown' };
  const timing = appointmentTiming(appointment, now, today);
  return { kind: 'row', row: row(appointment, input, audience, timing), at: timing.at, upcoming: timing.upcoming };
}
