/**
 * A result's status in words, wherever it is shown (results view, timeline):
 * set when it is not final yet, was changed after it was final, or the
 * laboratory does not know; nothing for a final result. Kept apart so the
 * timeline says the same without carrying the results view.
 */
import type { RecordAudience } from './allergies.js';

type Standing = 'preliminary' | 'amended' | 'corrected' | 'unknown';

const WORDS: Record<RecordAudience, Record<Standing, string>> = {
  resident: { preliminary: 'Not final yet', amended: 'Updated', corrected: 'Corrected', unknown: 'Status not known' },
  clinician: { preliminary: 'Preliminary', amended: 'Amended', corrected: 'Corrected', unknown: 'Status not known' },
};

/** Observation statuses as labelled; `registered` has no result yet that is final. */
const OBSERVATION: ReadonlyMap<string, Standing> = new Map([
  ['registered', 'preliminary'],
  ['preliminary', 'preliminary'],
  ['amended', 'amended'],
  ['corrected', 'corrected'],
  ['unknown', 'unknown'],
]);

/** A report's statuses as labelled: `partial` and `registered` are not final yet; `appended` was amended. */
const REPORT: ReadonlyMap<string, Standing> = new Map([...OBSERVATION, ['partial', 'preliminary'], ['appended', 'amended']]);

/** The status label of an Observation or DiagnosticReport; `undefined` when final (or not a result status). */
export function resultStatusLabel(
  resourceType: 'Observation' | 'DiagnosticReport',
  status: unknown,
  audience: RecordAudience,
): string | undefined {
  const standing = typeof status === 'string' ? (resourceType === 'Observation' ? OBSERVATION : REPORT).get(status) : undefined;
  return standing ? WORDS[audience][standing] : undefined;
}
