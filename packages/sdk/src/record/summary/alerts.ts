/** Alerts and safeguarding: safeguarding first, then safety, then others, newest first within each. */
import type { Flag } from '../../fhir.js';
import type { SummaryContext } from './context.js';
import { byForceThenKind, flagItem, isActiveFlag, legalKind, saysPositively, wordsOf, type AlertKind, type FlagItem } from './flags.js';

const SAFEGUARDING_CODES: ReadonlySet<string> = new Set([
  'child-protection-plan',
  'risk-from-others',
  'safeguarding',
  'looked-after-child',
]);

function alertKind(flag: Flag): AlertKind {
  const codes = (flag.code.coding ?? []).map((coding) => coding.code ?? '');
  if (
    codes.some((code) => SAFEGUARDING_CODES.has(code) || code.startsWith('safeguarding')) ||
    flag.meta?.security?.some((label) => label.code === 'SDV') ||
    wordsOf(flag.code).some((words) => saysPositively(words, /safeguarding|child protection/i))
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

/**
 * Whether a Flag is listed under Alerts: every safeguarding or safety Flag,
 * even one the legal section lists too (a risk is never hidden there), and
 * every other Flag that is not legal information.
 */
export const isAlert = (flag: Flag): boolean => alertKind(flag) !== 'other' || !legalKind(flag);

/** The active alerts among `flags`, those not yet in force last (other legal information left to its own section). */
export function alertItems(flags: readonly Flag[], context: SummaryContext): FlagItem[] {
  return flags
    .filter((flag) => isActiveFlag(flag, context) && isAlert(flag))
    .map((flag) => ({ flag, item: flagItem(flag, alertKind(flag), context) }))
    .sort(byForceThenKind(ALERT_ORDER))
    .map(({ item }) => item);
}
