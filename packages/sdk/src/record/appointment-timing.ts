/**
 * When an appointment falls, for every view that lists it: whether it is
 * still to come and the instant it is ordered by, on the UK clock whatever
 * the host's time zone. Kept apart from the appointments view so the summary
 * reads the same rule without carrying that view.
 */
import type { Appointment } from '../fhir.js';
import { lastDayKey, readMoment, type ClinicalMoment } from './clinical-moment.js';
import { fhirCode } from './status-code.js';

/** The statuses FHIR R4 defines for an Appointment (`unknown` is not one of them). */
export const APPOINTMENT_STATUSES: readonly Appointment['status'][] = [
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
];

/**
 * An appointment's status, however spelt (`Cancelled`, `No-Show`,
 * `ENTERED_IN_ERROR`); `undefined` when it spells none FHIR R4 defines,
 * which every view reads as not known.
 */
export const appointmentStatus = (status: unknown): Appointment['status'] | undefined => fhirCode(status, APPOINTMENT_STATUSES);

/** Statuses that say the appointment has begun or is over, whatever its start. */
const PAST_STATUSES: ReadonlySet<string> = new Set(['fulfilled', 'noshow', 'arrived', 'checked-in']);

/** Statuses of an appointment still being arranged: it may have no start yet, and has not happened. */
const BEING_ARRANGED: ReadonlySet<string> = new Set(['proposed', 'pending', 'waitlist']);

/** An appointment as its timing is read: FHIR R4 also sends `requestedPeriod`, which the contract leaves out. */
export type TimedAppointment = Pick<Appointment, 'start' | 'status'> & { end?: unknown; requestedPeriod?: unknown };

export interface AppointmentTiming {
  upcoming: boolean;
  /** UTC milliseconds it is ordered by; `Infinity` for an upcoming one with no date booked, `-Infinity` for a past one. */
  at: number;
  /**
   * What placed it: its start; its end, when it gives no start; the period
   * asked for, when it gives neither; `none` when it says nothing of when.
   */
  by: 'start' | 'end' | 'requested' | 'none';
  /** The moment it was placed by (its start, its end, or the last date of the period asked for). */
  moment?: ClinicalMoment;
}

/** Today's UK day (`yyyymmdd`), for appointments given a day but no time. */
export const ukDayKey = (now: number): number => readMoment(new Date(now))?.dayKey ?? Infinity;

/** A date written as a string; anything else, or a string that is no date, gives nothing. */
const momentOf = (value: unknown): ClinicalMoment | undefined => (typeof value === 'string' ? readMoment(value) : undefined);

/** The first period an appointment was asked for (`requestedPeriod`), read without trusting its shape. */
export function requestedPeriodOf(appointment: { requestedPeriod?: unknown }): { start?: ClinicalMoment; end?: ClinicalMoment } {
  const requested = appointment.requestedPeriod;
  const period: unknown = Array.isArray(requested) ? (requested as unknown[]).find((item) => item) : undefined;
  if (typeof period !== 'object' || period === null) return {};
  const { start, end } = period as { start?: unknown; end?: unknown };
  const [from, to] = [momentOf(start), momentOf(end)];
  return { ...(from ? { start: from } : {}), ...(to ? { end: to } : {}) };
}

/**
 * Whether a moment is still to come: a time after now (one that is now has begun); a date
 * (a day, a month, a year) whose last day is today or later.
 */
const notPassed = (moment: ClinicalMoment, now: number, today: number): boolean =>
  moment.instant !== undefined ? moment.instant > now : lastDayKey(moment) >= today;

/** When a moment begins, to order by: its instant, else the start of its first UK day (as UTC midnight, as days are ordered). */
function orderOf(moment: ClinicalMoment): number {
  if (moment.instant !== undefined) return moment.instant;
  const year = Math.floor(moment.dayKey / 10_000);
  const month = Math.floor(moment.dayKey / 100) % 100;
  const day = moment.dayKey % 100;
  const at = new Date(0);
  at.setUTCFullYear(year, Math.max(month, 1) - 1, Math.max(day, 1));
  return at.getTime();
}

/**
 * Whether an appointment is upcoming, on the UK clock, for every view that
 * lists it (the appointments view, the timeline, the summary). It is placed
 * by what it says of when, and never by a guess:
 *
 * - Attended, missed, arrived or checked in: past, whatever its dates say.
 * - With a start: upcoming while the start has not passed. A time is to the
 *   minute (a time without an offset is UK time); a date without a time (not
 *   valid FHIR, but sent) is still to come through its UK day; a month or a
 *   year alone, through the last day of it.
 * - With no start but an end (FHIR allows it): by its end in the same way,
 *   since something that has not ended has not passed. It says so.
 * - With neither, still being arranged (proposed, pending, on the waiting
 *   list): upcoming, after every dated one — a period asked for is not a date
 *   booked.
 * - With neither, any other status: by the last date of the period asked for
 *   (`requestedPeriod`) when there is one; with none, nothing says it has
 *   happened, so it is upcoming, after every dated one, its date "Not known".
 */
export function appointmentTiming(appointment: TimedAppointment, now: number, today = ukDayKey(now)): AppointmentTiming {
  // However it is spelt (`Fulfilled`, `no_show`): a status that names no code is neither past nor being arranged.
  const status = appointmentStatus(appointment.status) ?? '';
  const start = appointment.start ? readMoment(appointment.start) : undefined;
  const end = start ? undefined : momentOf(appointment.end);
  const requested = start || end ? {} : requestedPeriodOf(appointment);
  const wanted = requested.end ?? requested.start;
  const [by, moment]: [AppointmentTiming['by'], ClinicalMoment | undefined] = start
    ? ['start', start]
    : end
      ? ['end', end]
      : wanted
        ? ['requested', wanted]
        : ['none', undefined];
  const placed = moment ? { by, moment } : { by };
  if (PAST_STATUSES.has(status)) return { upcoming: false, at: moment ? orderOf(moment) : -Infinity, ...placed };
  const booked = by === 'start' || by === 'end' || (by === 'requested' && !BEING_ARRANGED.has(status));
  if (!booked || !moment) return { upcoming: true, at: Number.POSITIVE_INFINITY, ...placed };
  const upcoming = notPassed(moment, now, today);
  // A period asked for is not a date booked: an upcoming one waits after every dated one.
  return { upcoming, at: upcoming && by === 'requested' ? Number.POSITIVE_INFINITY : orderOf(moment), ...placed };
}

/** Soonest first, then by id, so every view lists the same appointments in the same order. */
export const soonestFirst = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  a.at - b.at || a.id.localeCompare(b.id);

/** An appointment the patient declined, in each audience's words (a carer reads the resident's): one wording for every view. */
export const PATIENT_DECLINED_LABELS: Readonly<Record<'clinician' | 'resident', string>> = {
  clinician: 'Declined by the patient',
  resident: 'Declined',
};

/** An appointment the patient's entries answer both ways, in each audience's words: one wording for every view. */
export const PATIENT_RESPONSE_UNCLEAR_LABELS: Readonly<Record<'clinician' | 'resident', string>> = {
  clinician: "Patient's response unclear",
  resident: 'Not clear if accepted or declined',
};

/** Appointment statuses that say it is still being arranged or is booked: what a patient declining changes. */
const STILL_AHEAD: ReadonlySet<string> = new Set(['proposed', 'pending', 'booked', 'waitlist']);

/**
 * What the patient has answered to an appointment still being arranged or
 * booked, whatever status the booking system left on it, read from every
 * participant that `isPatient` says is them (two systems, or one reference
 * written two ways, can each add one):
 *
 * - `declined`: an entry says `declined` (however spelt) — "will not
 *   participate" — and every other entry that answers says so too;
 * - `unclear`: one says `declined` and another answers otherwise (accepted,
 *   tentative, needs action, or a status no code spells). FHIR gives the
 *   entries no order, so neither is picked;
 * - `undefined`: no entry declined. An entry with no status says nothing.
 */
export function patientResponse(
  appointment: { status?: unknown; participant?: unknown },
  isPatient: (actor: { reference?: string } | undefined) => boolean,
): 'declined' | 'unclear' | undefined {
  const participants: unknown = appointment.participant;
  if (!STILL_AHEAD.has(appointmentStatus(appointment.status) ?? '') || !Array.isArray(participants)) return undefined;
  type Participant = { actor?: { reference?: string }; status?: unknown };
  const answers = (participants as unknown[])
    .filter((participant): participant is Participant => typeof participant === 'object' && participant !== null)
    .filter((participant) => isPatient(participant.actor) && participant.status != null)
    .map((participant) => fhirCode(participant.status, ['declined']) !== undefined);
  if (!answers.includes(true)) return undefined;
  return answers.every(Boolean) ? 'declined' : 'unclear';
}
