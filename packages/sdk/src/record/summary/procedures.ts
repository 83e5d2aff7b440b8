/**
 * Procedures: operations and other procedures done, and those recorded as
 * not done (with the reason when recorded), newest first; entered in error
 * left out.
 */
import type { Procedure } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import type { RecordAudience } from '../allergies.js';
import { conceptWords, firstConceptWords, tidyText as tidy } from '../concept-text.js';
import { ageRangeText, ageText } from '../onset-age.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { isEnteredInError } from '../status-code.js';
import { date, newestFirst, periodStartWords, type SummaryContext } from './context.js';

export interface ProcedureItem {
  id: string;
  /** The procedure as recorded: `Total hip replacement`; `Not known` when unnamed. */
  text: string;
  /** The FHIR status: `completed`, `not-done`, `in-progress` …; `unknown` when the record does not say. */
  state: Procedure['status'];
  /** `state` in the audience's words: `Completed` / `Done`, `Not done` …. */
  status: string;
  /** Why it was not done, when recorded; `Reason not recorded` for a not-done one without. */
  reason?: string;
  /** When it was done (the start of a period); the source's own words when only those were recorded; `Not recorded` when none. */
  date: string;
  /** Where on the body, when recorded. */
  bodySite?: string;
  /** Who did it, or the organisation they did it for, when recorded. */
  performedBy?: string;
  source: SourceLabel;
}

const STATUS_WORDS: Record<RecordAudience, Record<Procedure['status'], string>> = {
  clinician: {
    preparation: 'Planned',
    'in-progress': 'In progress',
    'not-done': 'Not done',
    'on-hold': 'On hold',
    stopped: 'Stopped',
    completed: 'Completed',
    'entered-in-error': 'Entered in error',
    unknown: NOT_KNOWN,
  },
  resident: {
    preparation: 'Planned',
    'in-progress': 'In progress',
    'not-done': 'Not done',
    'on-hold': 'On hold',
    stopped: 'Stopped before it was finished',
    completed: 'Done',
    'entered-in-error': 'Recorded in error',
    unknown: NOT_KNOWN,
  },
};

const stateOf = (status: unknown): Procedure['status'] =>
  typeof status === 'string' && Object.hasOwn(STATUS_WORDS.clinician, status) ? (status as Procedure['status']) : 'unknown';

/** `performedAge` or `performedRange` as an age, which the contract's Procedure leaves out but FHIR R4 allows. */
const ageOf = (procedure: Procedure): string | undefined => {
  const { performedAge, performedRange } = procedure as { performedAge?: unknown; performedRange?: unknown };
  return ageText(performedAge) ?? ageRangeText(performedRange);
};

const when = (procedure: Procedure): string | undefined =>
  procedure.performedDateTime ?? procedure.performedPeriod?.start ?? procedure.performedPeriod?.end;

function procedureItem(procedure: Procedure, context: SummaryContext): ProcedureItem {
  const state = stateOf(procedure.status);
  const reason = state === 'not-done' ? conceptWords(procedure.statusReason, '') : undefined;
  const bodySite = firstConceptWords(procedure.bodySite);
  const performer = procedure.performer?.find((item) => item.actor);
  const performedBy = performer
    ? context.directory.name(performer.actor, '', procedure) || context.directory.name(performer.onBehalfOf, '', procedure)
    : '';
  return {
    id: procedure.id ?? NOT_KNOWN,
    text: conceptWords(procedure.code),
    state,
    status: STATUS_WORDS[context.audience][state],
    ...(state === 'not-done' ? { reason: reason || 'Reason not recorded' } : {}),
    // Whichever form performed[x] takes, what was recorded is said: an age or age range too, never "Not recorded".
    date:
      (procedure.performedDateTime !== undefined
        ? date(procedure.performedDateTime, context)
        : periodStartWords(procedure.performedPeriod, context)) ||
      tidy(procedure.performedString) ||
      ageOf(procedure) ||
      NOT_RECORDED,
    ...(bodySite ? { bodySite } : {}),
    ...(performedBy ? { performedBy } : {}),
    source: sourceOf(procedure, context.organizations),
  };
}

/** Every procedure but those entered in error, newest first. */
export function procedureItems(procedures: readonly Procedure[], context: SummaryContext): ProcedureItem[] {
  return procedures
    .filter((procedure) => !isEnteredInError(procedure.status))
    .sort((a, b) => newestFirst(when(a), when(b)))
    .map((procedure) => procedureItem(procedure, context));
}
