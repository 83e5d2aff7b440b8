/** Goals being worked towards (proposed, planned, agreed, active or on hold): soonest due first, undated last. */
import type { Goal } from '../../fhir.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { conceptWords } from '../concept-text.js';
import { observationValueText, type ObservationValue } from '../observation-value.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { date, endedBefore, endOrder, statusCode, type SummaryContext } from './context.js';

export interface GoalSummaryItem {
  id: string;
  /** What the goal is, in words. */
  title: string;
  status: string;
  /** The targets in words: "Systolic blood pressure below 140 mmHg". */
  targets: string[];
  /** When it is due (the earliest target's due date): reviewed then; `Not recorded` when none. */
  reviewDate: string;
  reviewOverdue: boolean;
  source: SourceLabel;
}

const STATUS: Record<string, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  accepted: 'Agreed',
  active: 'Active',
  'on-hold': 'On hold',
};
const GOAL_STATUSES: readonly Goal['lifecycleStatus'][] = [
  'proposed',
  'planned',
  'accepted',
  'active',
  'on-hold',
  'completed',
  'cancelled',
  'entered-in-error',
  'rejected',
];
/** Being worked towards, or of a status missing or no FHIR code: nothing says it was finished or given up. */
const isShownGoal = (goal: Goal): boolean => {
  const status = statusCode(goal.lifecycleStatus, GOAL_STATUSES);
  return status === undefined || Object.hasOwn(STATUS, status);
};
const goalStatusWords = (goal: Goal): string => {
  const status = statusCode(goal.lifecycleStatus, GOAL_STATUSES);
  return status !== undefined && Object.hasOwn(STATUS, status) ? (STATUS[status] ?? NOT_KNOWN) : NOT_KNOWN;
};
const COMPARATOR: Record<string, string> = { '<': 'below', '<=': 'at most', '>=': 'at least', '>': 'above' };

/** The target due first, each due date lasting to the end of the day, month or year it names; unreadable ones last. */
const dueOf = (goal: Goal): string | undefined =>
  (goal.target ?? [])
    .map((target) => target.dueDate)
    .filter((due): due is string => typeof due === 'string')
    .sort((a, b) => endOrder(a) - endOrder(b) || a.localeCompare(b))[0];

/** A target as any server sends it: the contract names `detailQuantity`; FHIR R4 allows the other forms too. */
type Target = NonNullable<Goal['target']>[number] & {
  detailRange?: ObservationValue['valueRange'];
  detailRatio?: ObservationValue['valueRatio'];
  detailInteger?: number;
  detailString?: string;
  detailCodeableConcept?: ObservationValue['valueCodeableConcept'];
  detailBoolean?: boolean;
};

function targetText(target: Target): string {
  const measure = conceptWords(target.measure);
  const quantity = target.detailQuantity;
  if (typeof quantity?.value === 'number') {
    const unit = quantity.unit === 'mm[Hg]' ? 'mmHg' : (quantity.unit ?? quantity.code ?? '');
    const comparator = quantity.comparator ? `${COMPARATOR[quantity.comparator] ?? quantity.comparator} ` : '';
    return `${measure} ${comparator}${quantity.value}${unit ? ` ${unit}` : ''}`;
  }
  // Any other form the target was recorded in: a number or range follows the measure, words follow a colon.
  const { detailRange, detailRatio, detailInteger, detailString, detailCodeableConcept, detailBoolean } = target;
  const detail = observationValueText({
    valueRange: detailRange,
    valueRatio: detailRatio,
    valueInteger: detailInteger,
    valueString: detailString,
    valueCodeableConcept: detailCodeableConcept,
    valueBoolean: detailBoolean,
  });
  if (!detail.readable) return measure;
  const numeric = detail.value !== undefined || detailRange !== undefined || detailRatio !== undefined;
  return numeric ? `${measure} ${detail.text}` : `${measure}: ${detail.text}`;
}

export function goalItems(goals: readonly Goal[], context: SummaryContext): GoalSummaryItem[] {
  return goals
    .filter(isShownGoal)
    .sort((a, b) => {
      const dueA = endOrder(dueOf(a));
      const dueB = endOrder(dueOf(b));
      // Goals due on the same day come in the same order from any server: by what they are, then by id.
      if (dueA === dueB)
        return (a.description?.text ?? '').localeCompare(b.description?.text ?? '', 'en-GB') || (a.id ?? '').localeCompare(b.id ?? '');
      // Undated goals (an order of Infinity) come last.
      return dueA - dueB;
    })
    .map((goal) => {
      const due = dueOf(goal);
      return {
        id: goal.id ?? NOT_KNOWN,
        title: conceptWords(goal.description),
        status: goalStatusWords(goal),
        targets: (goal.target ?? []).map(targetText),
        reviewDate: date(due, context),
        reviewOverdue: endedBefore(due, context.now),
        source: sourceOf(goal, context.organizations),
      };
    });
}
