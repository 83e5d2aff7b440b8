/**
 * An appointment as an iCalendar file (RFC 5545) that any calendar app can
 * import: CRLF line ends, lines folded at 75 octets without splitting a
 * character, text escaped, times in UTC so no time zone definition is needed.
 */
import type { AppointmentRow } from './appointments.js';

export interface CalendarOptions {
  /** When the file is made (`DTSTAMP`); default now. */
  now?: Date;
  /** The domain that makes the `UID` globally unique: the hub's host, for example. */
  domain?: string;
  /** `PRODID`: who made the file. */
  productId?: string;
}

const encoder = new TextEncoder();

/** `20260806T143000Z`. */
export function icsDateTime(value: Date): string {
  return value
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line so that no physical line is longer than 75 octets (continuations start with a space). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const character of line) {
    const size = encoder.encode(character).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation counts
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * The `.ics` text for one appointment, or `undefined` when it has no start
 * time to put in a calendar. A cancelled appointment is written with
 * `STATUS:CANCELLED`, so importing it again takes it out of the calendar.
 */
export function appointmentCalendar(appointment: AppointmentRow, options: CalendarOptions = {}): string | undefined {
  if (!appointment.start) return undefined;
  const start = new Date(appointment.start);
  if (Number.isNaN(start.getTime())) return undefined;
  const end = appointment.end ? new Date(appointment.end) : undefined;
  const domain = (options.domain ?? 'care-record.example').replace(/[^A-Za-z0-9.-]/g, '') || 'care-record.example';
  const description = [
    appointment.service && appointment.service !== appointment.title ? appointment.service : undefined,
    appointment.with ? `With ${appointment.with}` : undefined,
    `Booked by ${appointment.organisation}`,
    appointment.instruction,
  ].filter((line): line is string => Boolean(line));
  const location = appointment.location === 'Not known' ? undefined : appointment.location;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${options.productId ?? '-//care-record//Appointments//EN'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:appointment-${appointment.id.replace(/[^A-Za-z0-9.-]/g, '-')}@${domain}`,
    `DTSTAMP:${icsDateTime(options.now ?? new Date())}`,
    `DTSTART:${icsDateTime(start)}`,
    ...(end && !Number.isNaN(end.getTime()) && end > start ? [`DTEND:${icsDateTime(end)}`] : []),
    `SUMMARY:${icsText(appointment.title)}`,
    ...(location ? [`LOCATION:${icsText(location)}`] : []),
    `DESCRIPTION:${icsText(description.join('\n'))}`,
    `STATUS:${appointment.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** A file name for the appointment's `.ics` that says what it is and carries nothing about the person: `appointment-2026-12-22.ics`. */
export function appointmentFileName(appointment: AppointmentRow): string {
  const day = appointment.start?.slice(0, 10);
  return day && /^\d{4}-\d\d-\d\d$/.test(day) ? `appointment-${day}.ics` : 'appointment.ics';
}
