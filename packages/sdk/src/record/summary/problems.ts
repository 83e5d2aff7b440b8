/**
 * Problems and issues: current ones apart from past ones, newest onset first;
 * refuted and entered in error left out; a diagnosis not confirmed says so.
 * The rules are `condition-status.ts`'s, which the timeline reads by too.
 */
import type { Condition } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { conceptWords, tidyText as tidy } from '../concept-text.js';
import {
  conditionUncertainty,
  conditionVerification,
  isCurrentCondition,
  isVoidCondition,
  knownClinicalStatus,
  type ConditionUncertainty,
} from '../condition-status.js';
import { ageRangeText, ageText } from '../onset-age.js';
import { narrativeWords } from '../narrative.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { saysAnything } from '../status-code.js';
import { codeWords, newestFirst, periodStartWords, recordedDate, type SummaryContext } from './context.js';

/** A condition's dates are recorded facts: one sent as midnight is on the day written. */
const recorded = (value: string | undefined, context: SummaryContext): string => recordedDate(value, context.audience);

export interface ProblemItem {
  id: string;
  text: string;
  /**
   * `Active`, `Recurrence`, `Relapse`, `Inactive`, `Remission` or `Resolved`;
   * `Inactive` when none is recorded but it has abated; `Active` when neither.
   */
  status: string;
  /** `Confirmed`, `Provisional` …, or `Not recorded`. */
  verification: string;
  /**
   * Set when the diagnosis is not confirmed (unconfirmed, provisional or
   * differential): show it beside the problem, in `CONDITION_UNCERTAINTY_LABELS`' words.
   */
  uncertainty?: ConditionUncertainty;
  onset: string;
  /** How severe, as recorded (`Severe`, or its code, `SNOMED CT 24484000`); absent when none was recorded. */
  severity?: string;
  recorded: string;
  recordedBy: string;
  source: SourceLabel;
}

/** The verification in words, however its code is spelt: `Not recorded` when none was sent, `Not known` when it names no code. */
const verificationWords = (condition: Condition): string => {
  const code = conditionVerification(condition);
  return code ? codeWords(code) : saysAnything(condition.verificationStatus) ? NOT_KNOWN : NOT_RECORDED;
};
const conditionWhen = (condition: Condition): string | undefined =>
  condition.onsetDateTime ?? condition.onsetPeriod?.start ?? condition.onsetPeriod?.end ?? condition.recordedDate;

function problemItem(condition: Condition, context: SummaryContext): ProblemItem {
  const onset =
    (condition.onsetDateTime !== undefined
      ? recorded(condition.onsetDateTime, context)
      : periodStartWords(condition.onsetPeriod, context, recorded)) ||
    tidy(condition.onsetString) ||
    ageText(condition.onsetAge) ||
    ageRangeText((condition as { onsetRange?: unknown }).onsetRange) ||
    NOT_RECORDED;
  const status = knownClinicalStatus(condition, context);
  const uncertainty = conditionUncertainty(condition);
  const severity = conceptWords(condition.severity, '');
  return {
    id: condition.id ?? NOT_KNOWN,
    // A condition sent with only its narrative is named by it (`narrativeWords`), not `Not known`.
    text: conceptWords(condition.code, narrativeWords(condition.text) ?? NOT_KNOWN),
    // A problem with no clinical status stays among current ones (the side that keeps it in view), but is not called active.
    status: status ? codeWords(status) : NOT_KNOWN,
    verification: verificationWords(condition),
    ...(uncertainty ? { uncertainty } : {}),
    onset,
    ...(severity ? { severity } : {}),
    recorded: recorded(condition.recordedDate, context),
    recordedBy: context.directory.name(condition.recorder, NOT_KNOWN, condition),
    source: sourceOf(condition, context.organizations),
  };
}

/** Current problems (active, recurrence, relapse, or no status and not abated, or abating only later) and past ones, each newest first. */
export function problemItems(conditions: readonly Condition[], context: SummaryContext): { current: ProblemItem[]; past: ProblemItem[] } {
  const shown = conditions.filter((condition) => !isVoidCondition(condition));
  const problems = (current: boolean) =>
    shown
      .filter((condition) => isCurrentCondition(condition, context) === current)
      .sort((a, b) => newestFirst(conditionWhen(a), conditionWhen(b)))
      .map((condition) => problemItem(condition, context));
  return { current: problems(true), past: problems(false) };
}
