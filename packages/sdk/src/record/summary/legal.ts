/** Legal information and advance decisions: by kind (advance decisions first), then newest. */
import type { Flag } from '../../fhir.js';
import type { SummaryContext } from './context.js';
import { byForceThenKind, flagItem, isActiveFlag, legalKind, type FlagItem, type LegalKind } from './flags.js';

const LEGAL_ORDER: readonly LegalKind[] = [
  'advance-decision',
  'lasting-power-of-attorney',
  'deputy',
  'deprivation-of-liberty',
  'mental-health-act',
  'mental-capacity',
];

/** The active legal information among `flags`, that not yet in force last. */
export function legalItems(flags: readonly Flag[], context: SummaryContext): FlagItem[] {
  return flags
    .filter((flag) => isActiveFlag(flag, context))
    .flatMap((flag) => {
      const kind = legalKind(flag);
      return kind ? [{ flag, item: flagItem(flag, kind, context) }] : [];
    })
    .sort(byForceThenKind(LEGAL_ORDER))
    .map(({ item }) => item);
}
