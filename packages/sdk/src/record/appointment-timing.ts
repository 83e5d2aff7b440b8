/**
 * When an appointment falls, for every view that lists it: whether it is
 * still to come and the instant it is ordered by, on the UK clock whatever
 * the host's time zone. Kept apart from the appointments view so the summary
 * reads the same rule without carrying that view.
 */
import type { Appointment } from '../fhir.js';
import { readMoment } from './clinical-moment.js';
import { fhirCode } from './status-code.js';

/** The statuses FHIR R4 defines for an Appointment (`unknown` is not one of them). */
const APPOINTMENT_STATUSES: readonly Appointment['status'][] = [
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

export interface AppointmentTiming {
  upcoming: boolean;
  /** UTC milliseconds it is ordered by; `-Infinity` when its start cannot be read. */
  at: number;
}

/** Today's UK day (`yyyymmdd`), for appointments given a day but no time. */
export const ukDayKey = (now: number): number => readMoment(new Date(now))?.dayKey ?? Infinity;

/**
 * An appointment is upcoming while it has not started and was not attended
 * or missed. A start with a whole date but no time (not valid FHIR, but sent)
 * is placed by its UK day: a day still to come, or today, is upcoming. A time
 * without an offset is UK time. One still being arranged (proposed, pending,
 * on the waiting list) with no start day yet is upcoming, after every dated
 * one. Any other with no readable start, or only a month or year, is not
 * upcoming: it cannot be relied on.
 */
export function appointmentTiming(
  appointment: Pick<Appointment, 'start' | 'status'>,
  now: number,
  today = ukDayKey(now),
): AppointmentTiming {
  // However it is spelt (`Fulfilled`, `no_show`): a status that names no code is neither past nor being arranged.
  const status = appointmentStatus(appointment.status) ?? '';
  const moment = appointment.start ? readMoment(appointment.start) : undefined;
  const start = moment?.instant;
  const day = start === undefined ? moment : undefined;
  const dayOnly = day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day.isoDate) ? day.dayKey : undefined;
  if (start === undefined && dayOnly === undefined && BEING_ARRANGED.has(status)) return { upcoming: true, at: Number.POSITIVE_INFINITY };
  const upcoming = !PAST_STATUSES.has(status) && (start !== undefined ? start >= now : dayOnly !== undefined && dayOnly >= today);
  const at = start ?? (dayOnly !== undefined && day ? Date.parse(`${day.isoDate}T00:00:00Z`) : -Infinity);
  return { upcoming, at };
}

/** Soonest first, then by id, so every view lists the same appointments in the same order. */
export const soonestFirst = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  a.at - b.at || a.id.localeCompare(b.id);
