/**
 * The name of where an item came from, for the audience: what a resident
 * added themselves is "You" to them, the person's name to a carer acting for
 * them, and "the resident (self-reported)" to a clinician. What a carer added
 * carries the resident's source but the carer's name, and is the carer's to
 * everyone: never "You".
 */
import { RESIDENT_SOURCE, type RecordAudience, type SourceLabel } from '@care-record/sdk';
import type { ActingFor } from './record-context.js';

/** Whether the resident added it themselves (not a carer acting for them). */
export const addedByResident = (source: SourceLabel): boolean =>
  source.odsCode === RESIDENT_SOURCE.odsCode && source.name === RESIDENT_SOURCE.name;

/** Whether someone acting for the resident (a carer) added it. */
export const addedByCarer = (source: SourceLabel): boolean => source.odsCode === RESIDENT_SOURCE.odsCode && !addedByResident(source);

export function sourceName(source: SourceLabel, audience: RecordAudience, actingFor?: ActingFor): string {
  if (audience !== 'resident' || !addedByResident(source)) return source.name;
  return actingFor ? actingFor.short : 'You';
}
