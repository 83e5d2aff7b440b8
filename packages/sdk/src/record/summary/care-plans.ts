/** Care and support plans: active and on hold, soonest review first, undated last. */
import type { CarePlan } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { conceptText } from '../allergies.js';
import { tidyText as tidy } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { date, endedBefore, time, type SummaryContext } from './context.js';

export interface CarePlanItem {
  id: string;
  title: string;
  category: string;
  description?: string;
  /** `Active` or `On hold`. */
  status: string;
  start: string;
  /** The plan's end of period, when it is due for review; `Not recorded` when none. */
  reviewDate: string;
  reviewOverdue: boolean;
  author: string;
  source: SourceLabel;
}

function carePlanItem(plan: CarePlan, context: SummaryContext): CarePlanItem {
  const description = tidy(plan.description);
  const end = plan.period?.end;
  return {
    id: plan.id ?? NOT_KNOWN,
    title: tidy(plan.title) || conceptText(plan.category?.[0]),
    category: conceptText(plan.category?.[0], NOT_RECORDED),
    ...(description ? { description } : {}),
    status: plan.status === 'on-hold' ? 'On hold' : 'Active',
    start: date(plan.period?.start ?? plan.created, context),
    reviewDate: date(end, context),
    reviewOverdue: endedBefore(end, context.now),
    author: context.directory.name(plan.author),
    source: sourceOf(plan, context.organizations),
  };
}

export function carePlanItems(plans: readonly CarePlan[], context: SummaryContext): CarePlanItem[] {
  return plans
    .filter((plan) => plan.status === 'active' || plan.status === 'on-hold')
    .sort((a, b) => {
      const dueA = time(a.period?.end);
      const dueB = time(b.period?.end);
      if (dueA === dueB) return 0;
      if (dueA === Number.NEGATIVE_INFINITY) return 1;
      if (dueB === Number.NEGATIVE_INFINITY) return -1;
      return dueA - dueB;
    })
    .map((plan) => carePlanItem(plan, context));
}
