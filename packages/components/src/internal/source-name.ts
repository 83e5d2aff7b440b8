/**
 * The name of where an item came from, for the audience: what a resident
 * added themselves is "You" to them and "the resident (self-reported)" to a
 * clinician.
 */
import type { RecordAudience, SourceLabel } from '@care-record/sdk';

export function sourceName(source: SourceLabel, audience: RecordAudience): string {
  return source.odsCode === 'resident' && audience === 'resident' ? 'You' : source.name;
}
