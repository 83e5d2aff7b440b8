/** Care and support plans: active and on hold, those started first, then soonest review first, undated last. */
import type { CarePlan } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { firstConceptWords, tidyText as tidy } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { date, endedBefore, startsAfter, statusCode, time, type SummaryContext } from './context.js';

export interface CarePlanItem {
  id: string;
  title: string;
  category: string;
  description?: string;
  /** `Active`, `On hold`, `Proposed` (a proposal, not agreed), `Option` (one of several), or `Not known`. */
  status: string;
  /** When it started; for one not yet started, when it will. */
  start: string;
  /** Its period starts after now: listed, but never as a plan that has started. */
  notYetStarted: boolean;
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
    title: tidy(plan.title) || firstConceptWords(plan.category) || NOT_KNOWN,
    category: firstConceptWords(plan.category) ?? NOT_RECORDED,
    ...(description ? { description } : {}),
    status: planStatus(plan),
    start: date(plan.period?.start ?? plan.created, context),
    notYetStarted: startsAfter(plan.period?.start, context.now),
    reviewDate: date(end, context),
    reviewOverdue: endedBefore(end, context.now),
    author: context.directory.name(plan.author, NOT_KNOWN, plan),
    source: sourceOf(plan, context.organizations),
  };
}

/** Plans in force, on hold, or of a status the source does not know; not drafts, revoked, completed or entered in error. */
const SHOWN_STATUSES: ReadonlySet<string> = new Set(['active', 'on-hold', 'unknown']);
const CARE_PLAN_STATUSES: readonly CarePlan['status'][] = [
  'draft',
  'active',
  'on-hold',
  'revoked',
  'completed',
  'entered-in-error',
  'unknown',
];
/** The plan's status as coded, in any case; one missing or no FHIR code is `unknown`, as the source does not know it. */
const planStatusCode = (plan: CarePlan): CarePlan['status'] => statusCode(plan.status, CARE_PLAN_STATUSES) ?? 'unknown';
/** Intents of a plan that was agreed; a proposal or an option was not. */
const AGREED_INTENTS: ReadonlySet<string> = new Set([
  'plan',
  'order',
  'directive',
  'original-order',
  'reflex-order',
  'filler-order',
  'instance-order',
]);

/**
 * The plan's standing in words: a proposal or an option is not an agreed
 * plan, whatever its status; an intent or status FHIR R4 does not define is
 * `Not known`.
 */
function planStatus(plan: CarePlan): string {
  const intent = String(plan.intent);
  if (intent === 'proposal') return 'Proposed';
  if (intent === 'option') return 'Option';
  const status = planStatusCode(plan);
  if (!AGREED_INTENTS.has(intent) || status === 'unknown') return NOT_KNOWN;
  return status === 'on-hold' ? 'On hold' : 'Active';
}

export function carePlanItems(plans: readonly CarePlan[], context: SummaryContext): CarePlanItem[] {
  return plans
    .filter((plan) => SHOWN_STATUSES.has(planStatusCode(plan)))
    .sort((a, b) => {
      // Plans in force before those still to start.
      const later = Number(startsAfter(a.period?.start, context.now)) - Number(startsAfter(b.period?.start, context.now));
      if (later !== 0) return later;
      const dueA = time(a.period?.end);
      const dueB = time(b.period?.end);
      if (dueA === dueB) return 0;
      if (dueA === Number.NEGATIVE_INFINITY) return 1;
      if (dueB === Number.NEGATIVE_INFINITY) return -1;
      return dueA - dueB;
    })
    .map((plan) => carePlanItem(plan, context));
}
