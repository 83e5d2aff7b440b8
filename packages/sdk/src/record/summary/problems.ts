/** Problems and issues: current ones apart from past ones, newest onset first; refuted and entered in error left out. */
import type { Condition } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { conceptText } from '../allergies.js';
import { tidyText as tidy } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { codeWords, date, newestFirst, type SummaryContext } from './context.js';

export interface ProblemItem {
  id: string;
  text: string;
  /** `Active`, `Recurrence`, `Relapse`, `Inactive`, `Remission` or `Resolved`. */
  status: string;
  /** `Confirmed`, `Provisional` …, or `Not recorded`. */
  verification: string;
  onset: string;
  recorded: string;
  recordedBy: string;
  source: SourceLabel;
}

const CONDITION_ACTIVE = new Set(['active', 'recurrence', 'relapse']);

const conditionStatus = (condition: Condition): string | undefined => condition.clinicalStatus?.coding?.find((coding) => coding.code)?.code;
const conditionVerification = (condition: Condition): string | undefined =>
  condition.verificationStatus?.coding?.find((coding) => coding.code)?.code;
const conditionWhen = (condition: Condition): string | undefined =>
  condition.onsetDateTime ?? condition.onsetPeriod?.start ?? condition.recordedDate;

function problemItem(condition: Condition, context: SummaryContext): ProblemItem {
  let onset: string;
  if (condition.onsetDateTime !== undefined) onset = date(condition.onsetDateTime, context);
  else if (condition.onsetPeriod !== undefined) onset = date(condition.onsetPeriod.start, context);
  else onset = tidy(condition.onsetString) || NOT_RECORDED;
  const status = conditionStatus(condition);
  return {
    id: condition.id ?? NOT_KNOWN,
    text: conceptText(condition.code),
    // Missing clinical status reads as active, as for allergies: the side that keeps the problem in view.
    status: status ? codeWords(status) : 'Active',
    verification: codeWords(conditionVerification(condition)),
    onset,
    recorded: date(condition.recordedDate, context),
    recordedBy: context.directory.name(condition.recorder),
    source: sourceOf(condition, context.organizations),
  };
}

/** Current problems (active, recurrence, relapse, or no status) and past ones, each newest first. */
export function problemItems(conditions: readonly Condition[], context: SummaryContext): { current: ProblemItem[]; past: ProblemItem[] } {
  const shown = conditions.filter((condition) => {
    const verification = conditionVerification(condition);
    return verification !== 'entered-in-error' && verification !== 'refuted';
  });
  const isCurrent = (condition: Condition) => {
    const status = conditionStatus(condition);
    return status === undefined || CONDITION_ACTIVE.has(status);
  };
  const problems = (current: boolean) =>
    shown
      .filter((condition) => isCurrent(condition) === current)
      .sort((a, b) => newestFirst(conditionWhen(a), conditionWhen(b)))
      .map((condition) => problemItem(condition, context));
  return { current: problems(true), past: problems(false) };
}
