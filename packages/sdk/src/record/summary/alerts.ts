/** Alerts and safeguarding: safeguarding first, then safety, then others, newest first within each. */
import type { Flag } from '../../fhir.js';
import { tidyText as tidy, type ConceptLike } from '../concept-text.js';
import type { SummaryContext } from './context.js';
import { byForceThenKind, flagItem, isActiveFlag, legalKind, type AlertKind, type FlagItem } from './flags.js';

const SAFEGUARDING_CODES: ReadonlySet<string> = new Set([
  'child-protection-plan',
  'risk-from-others',
  'safeguarding',
  'looked-after-child',
]);

/** What a concept records in words: its text and each coding's display (feeds often send the words only there). */
const wordsOf = (concept: ConceptLike | undefined): string[] =>
  [concept?.text, ...(concept?.coding ?? []).map((coding) => coding.display)].map((words) => tidy(words)).filter(Boolean);

function alertKind(flag: Flag): AlertKind {
  const codes = (flag.code.coding ?? []).map((coding) => coding.code ?? '');
  if (
    codes.some((code) => SAFEGUARDING_CODES.has(code) || code.startsWith('safeguarding')) ||
    flag.meta?.security?.some((label) => label.code === 'SDV') ||
    wordsOf(flag.code).some((words) => /safeguarding|child protection/i.test(words))
  )
    return 'safeguarding';
  const categories = flag.category ?? [];
  const safety = categories.some(
    (category) =>
      (category.coding ?? []).some((coding) => coding.code === 'safety') || wordsOf(category).some((words) => /^safety$/i.test(words)),
  );
  return safety ? 'safety' : 'other';
}

const ALERT_ORDER: readonly AlertKind[] = ['safeguarding', 'safety', 'other'];

/** The active alerts among `flags`, those not yet in force last (legal information left to its own section). */
export function alertItems(flags: readonly Flag[], context: SummaryContext): FlagItem[] {
  return flags
    .filter((flag) => isActiveFlag(flag, context) && !legalKind(flag))
    .map((flag) => ({ flag, item: flagItem(flag, alertKind(flag), context) }))
    .sort(byForceThenKind(ALERT_ORDER))
    .map(({ item }) => item);
}
