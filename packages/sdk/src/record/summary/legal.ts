/** Legal information and advance decisions: by kind (advance decisions first), then newest. */
import type { Flag } from '../../fhir.js';
import { newestFirst, type SummaryContext } from './context.js';
import { flagItem, isActiveFlag, legalKind, type FlagItem, type LegalKind } from './flags.js';

const LEGAL_ORDER: readonly LegalKind[] = [
  'advance-decision',
  'lasting-power-of-attorney',
  'deprivation-of-liberty',
  'mental-health-act',
  'mental-capacity',
];

/** The active legal information among `flags`. */
export function legalItems(flags: readonly Flag[], context: SummaryContext): FlagItem[] {
  return flags
    .filter((flag) => isActiveFlag(flag, context))
    .flatMap((flag) => {
      const kind = legalKind(flag);
      return kind ? [{ flag, item: flagItem(flag, kind, context) }] : [];
    })
    .sort(
      (a, b) =>
        LEGAL_ORDER.indexOf(a.item.kind as LegalKind) - LEGAL_ORDER.indexOf(b.item.kind as LegalKind) ||
        newestFirst(a.flag.period?.start, b.flag.period?.start),
    )
    .map(({ item }) => item);
}
