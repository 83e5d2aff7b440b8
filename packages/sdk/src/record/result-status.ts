/**
 * A result's status, wherever it is shown (results view, timeline): read
 * however it is spelt (`Final`, `ENTERED-IN-ERROR`), and in words when it is
 * not final yet, was changed after it was final, or is not known — the
 * laboratory said `unknown`, or sent a status that names no code, which is
 * never read as final. Nothing for a final result. Kept apart so the timeline
 * says the same without carrying the results view.
 */
import type { RecordAudience } from './allergies.js';
import { fhirCode } from './status-code.js';

type Standing = 'preliminary' | 'amended' | 'corrected' | 'unknown';

const WORDS: Record<RecordAudience, Record<Standing, string>> = {
  resident: { preliminary: 'Not final yet', amended: 'Updated', corrected: 'Corrected', unknown: 'Status not known' },
  clinician: { preliminary: 'Preliminary', amended: 'Amended', corrected: 'Corrected', unknown: 'Status not known' },
};

/** Observation statuses (FHIR R4), as labelled; `registered` has no result yet that is final. */
const OBSERVATION_CODES = [
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
] as const;
/** DiagnosticReport statuses (FHIR R4). */
const REPORT_CODES = [...OBSERVATION_CODES, 'partial', 'appended'] as const;
export type ResultStatus = (typeof REPORT_CODES)[number];

const STANDING: ReadonlyMap<ResultStatus, Standing> = new Map<ResultStatus, Standing>([
  ['registered', 'preliminary'],
  ['preliminary', 'preliminary'],
  ['partial', 'preliminary'],
  ['amended', 'amended'],
  ['appended', 'amended'],
  ['corrected', 'corrected'],
  ['unknown', 'unknown'],
]);

/**
 * The status of an Observation or DiagnosticReport as the FHIR code it spells;
 * `unknown` for one that spells none (or is missing), never `final`.
 */
export function resultStatus(resourceType: 'Observation' | 'DiagnosticReport', status: unknown): ResultStatus {
  return fhirCode<ResultStatus>(status, resourceType === 'Observation' ? OBSERVATION_CODES : REPORT_CODES) ?? 'unknown';
}

/** The status label of an Observation or DiagnosticReport; `undefined` when final (or withdrawn, which is not shown). */
export function resultStatusLabel(
  resourceType: 'Observation' | 'DiagnosticReport',
  status: unknown,
  audience: RecordAudience,
): string | undefined {
  const standing = STANDING.get(resultStatus(resourceType, status));
  return standing ? WORDS[audience][standing] : undefined;
}
