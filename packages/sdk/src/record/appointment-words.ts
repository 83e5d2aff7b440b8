/**
 * What an appointment says of why and when, in the audience's words, read
 * the same way by the appointments view and the timeline: every reason it
 * gives, why it was cancelled, and what is known of when it is when it gives
 * no start.
 */
import { formatClinicalDate, formatClinicalTime, formatResidentDate, formatResidentTime } from '../format/date.js';
import type { RecordAudience } from './allergies.js';
import { appointmentStatus, requestedPeriodOf } from './appointment-timing.js';
import type { ClinicalMoment } from './clinical-moment.js';
import { codedText, conceptText, tidyText, type ConceptLike } from './concept-text.js';

/** The parts of an Appointment read here; FHIR R4's `reasonReference` and `requestedPeriod` are not in the contract. */
export interface AppointmentWords {
  status?: unknown;
  reasonCode?: unknown;
  reasonReference?: unknown;
  cancelationReason?: unknown;
  requestedPeriod?: unknown;
}

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);

/** A concept's words, else its code (`SNOMED CT 182856006`), on one line; `undefined` when it says nothing. */
function conceptSays(concept: unknown): string | undefined {
  if (typeof concept !== 'object' || concept === null) return undefined;
  return tidyText(conceptText(concept as ConceptLike)) || tidyText(codedText(concept as ConceptLike)) || undefined;
}

/**
 * Every reason the appointment gives, each once, in the order sent: each
 * coded reason (`reasonCode`) in its words, else as its code; then each
 * record it points at (`reasonReference`, as GP Connect and UK Core point at
 * the Condition) by the name the reference gives. A reference with no name
 * says nothing that can be shown.
 */
export function appointmentReasons(appointment: AppointmentWords): string[] {
  const coded = listOf(appointment.reasonCode).map(conceptSays);
  const referenced = listOf(appointment.reasonReference).map((reference) =>
    typeof reference === 'object' && reference !== null ? tidyText((reference as { display?: string }).display) : '',
  );
  const seen = new Set<string>();
  const reasons: string[] = [];
  for (const reason of [...coded, ...referenced]) {
    if (!reason || seen.has(reason.toLowerCase())) continue;
    seen.add(reason.toLowerCase());
    reasons.push(reason);
  }
  return reasons;
}

/** Why a cancelled appointment was cancelled (`cancelationReason`, FHIR R4's spelling): its words, else its code; only a cancelled one says. */
export function cancellationReason(appointment: AppointmentWords): string | undefined {
  if (appointmentStatus(appointment.status) !== 'cancelled') return undefined;
  return conceptSays(appointment.cancelationReason);
}

const dayIn = (audience: RecordAudience, moment: ClinicalMoment): string =>
  audience === 'resident' ? formatResidentDate(moment.value) : formatClinicalDate(moment.value);

/**
 * When an appointment with no start ends, in the audience's words:
 * `Ends 4 March 2027 at 3pm, start not known`, `Ends 04-Mar-2027 15:00; start not known`.
 */
export function endWords(end: ClinicalMoment, audience: RecordAudience): string {
  const day = dayIn(audience, end);
  if (audience === 'resident') return `Ends ${day}${end.time !== undefined ? ` at ${formatResidentTime(end.value)}` : ''}, start not known`;
  return `Ends ${day}${end.time !== undefined ? ` ${formatClinicalTime(end.value)}` : ''}; start not known`;
}

/**
 * The period an appointment was asked for (`requestedPeriod`), in the
 * audience's words: `Between 1 January 2027 and 31 March 2027`,
 * `Requested 01-Jan-2027 to 31-Mar-2027`; `undefined` when it gives none that can be read.
 */
export function requestedWords(appointment: AppointmentWords, audience: RecordAudience): string | undefined {
  const { start, end } = requestedPeriodOf(appointment);
  const [from, to] = [start && dayIn(audience, start), end && dayIn(audience, end)];
  if (audience === 'resident') return from && to ? `Between ${from} and ${to}` : from ? `From ${from}` : to ? `By ${to}` : undefined;
  return from && to ? `Requested ${from} to ${to}` : from ? `Requested from ${from}` : to ? `Requested by ${to}` : undefined;
}

/** How long it is booked for (`minutesDuration`): `30 minutes`, `1 minute`; `undefined` when not a positive number. */
export function durationWords(minutes: unknown): string | undefined {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) return undefined;
  const shown = Number.isInteger(minutes) ? String(minutes) : String(Math.round(minutes * 10) / 10);
  return `${shown} ${shown === '1' ? 'minute' : 'minutes'}`;
}
