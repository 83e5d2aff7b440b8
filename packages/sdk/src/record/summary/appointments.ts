/** Upcoming appointments: booked and not yet begun, soonest first. */
import type { Appointment } from '../../fhir.js';
import { formatClinicalTime, formatResidentTime } from '../../format/date.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { firstConceptWords, tidyText as tidy } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import {
  appointmentStatus,
  appointmentTiming,
  patientResponse,
  soonestFirst,
  ukDayKey,
  type AppointmentTiming,
} from '../appointment-timing.js';
import { referencesPatient } from '../patient-reference.js';
import { endWords, requestedWords } from '../appointment-words.js';
import { fhirCode } from '../status-code.js';
import { date, type SummaryContext } from './context.js';

export interface AppointmentItem {
  id: string;
  description: string;
  service: string;
  /** The day; with no start, when it ends or the period asked for (as the appointments view says it); `Not known` when it says nothing. */
  date: string;
  /** The start's UK time; `Not known` when it gives none. */
  time: string;
  /** The professionals booked, or `Not known`. */
  with: string;
  location: string;
  organisation: string;
  instruction?: string;
  /** The patient declined it, though it is still booked: show it beside the appointment. */
  patientDeclined?: true;
  /** The patient's entries answer both ways (one declined, another not): show that the response is unclear beside it. */
  patientResponseUnclear?: true;
  source: SourceLabel;
}

const BOOKING_ORGANIZATION_URL = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';

/** When it is, as the appointments view says it: its start's day; else its end, the period asked for, or `Not known`. */
function whenWords(appointment: Appointment, timing: AppointmentTiming, context: SummaryContext): string {
  if (timing.by === 'start') return date(appointment.start, context);
  if (timing.by === 'end' && timing.moment) return endWords(timing.moment, context.audience);
  return requestedWords(appointment, context.audience) ?? NOT_KNOWN;
}

function appointmentItem(appointment: Appointment, timing: AppointmentTiming, context: SummaryContext): AppointmentItem {
  const participants = appointment.participant ?? [];
  const professionals = participants
    // One who declined will not be there.
    .filter((participant) => fhirCode(participant.status, ['declined']) === undefined)
    .filter((participant) => /(?:^|\/)(?:Practitioner|PractitionerRole)\//.test(participant.actor?.reference ?? ''))
    .map((participant) => context.directory.name(participant.actor, ''))
    .filter(Boolean);
  const place = participants.find(
    (participant) =>
      participant.actor !== undefined &&
      (/(?:^|\/)Location\//.test(participant.actor.reference ?? '') || (!participant.actor.reference && tidy(participant.actor.display))),
  );
  const source = sourceOf(appointment, context.organizations);
  const booking = appointment.extension?.find((extension) => extension.url === BOOKING_ORGANIZATION_URL)?.valueReference;
  // Words recorded for the service or the kind of appointment, before any bare code.
  const service =
    firstConceptWords([...(appointment.serviceType ?? []), ...(appointment.appointmentType ? [appointment.appointmentType] : [])]) ?? '';
  const instruction = tidy(appointment.patientInstruction);
  return {
    id: appointment.id ?? NOT_KNOWN,
    description: tidy(appointment.description) || service || NOT_KNOWN,
    service: service || NOT_KNOWN,
    date: whenWords(appointment, timing, context),
    // The start's time when it gives one; else `Not known` (a date alone, or no start: the date's words say what is known).
    time:
      timing.by === 'start' && timing.moment?.time !== undefined
        ? context.audience === 'resident'
          ? formatResidentTime(appointment.start)
          : formatClinicalTime(appointment.start)
        : NOT_KNOWN,
    with: professionals.length > 0 ? professionals.join(', ') : NOT_KNOWN,
    location: tidy(place?.actor?.display) || NOT_KNOWN,
    organisation: context.directory.name(booking, source.name),
    ...(instruction ? { instruction } : {}),
    ...{ declined: { patientDeclined: true as const }, unclear: { patientResponseUnclear: true as const }, none: {} }[
      patientResponse(appointment, (actor) => referencesPatient(actor?.reference, context.patientId)) ?? 'none'
    ],
    source,
  };
}

/** Booked and still to come, soonest first: placed as the appointments view places them (`appointment-timing.ts`). */
export function appointmentItems(appointments: readonly Appointment[], context: SummaryContext): AppointmentItem[] {
  const today = ukDayKey(context.now);
  return appointments
    .filter((appointment) => appointmentStatus(appointment.status) === 'booked')
    .map((appointment) => ({ appointment, id: appointment.id?.trim() || NOT_KNOWN, ...appointmentTiming(appointment, context.now, today) }))
    .filter((placed) => placed.upcoming)
    .sort(soonestFirst)
    .map((placed) => appointmentItem(placed.appointment, placed, context));
}
