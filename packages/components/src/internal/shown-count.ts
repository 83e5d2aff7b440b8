/**
 * How many of a list's items are shown, for a heading that counts them ("Past medication (3)"): the number alone only
 * when the list is whole. When a search could not be read, a source did not answer, reading stopped early, items
 * could not be read or were left out, the count is of what is shown and says so — never a bare number that reads as
 * all there is (hazard H18-21). The notices above the list say why.
 */
import { isNotPermitted, itemsLeftOut, type RecordAudience, type RecordNotices } from '@care-record/sdk';

/** The words after a count of a list that may not be whole, in each audience's words. */
const NOT_ALL: Record<RecordAudience, (count: number) => string> = {
  clinician: (count) => `${count} shown, may not be all`,
  resident: (count) => `${count} shown, there may be more`,
};

/**
 * Whether a list made from searches of `types` holds everything there is to show: each search read whole and
 * permitted, every source answered, reading did not stop early, and no item was unreadable, about someone else or
 * left out. `unreadable`: how many items of the list could not be read; `leftOut`: anything else the caller knows was
 * left out (another patient's items).
 */
export function listIsWhole(notices: RecordNotices, types: readonly string[], unreadable = 0, leftOut = false): boolean {
  return !(
    leftOut ||
    unreadable > 0 ||
    notices.unavailableSources.length > 0 ||
    itemsLeftOut(notices) ||
    isNotPermitted(notices, types) ||
    notAllRead(notices, types)
  );
}

/**
 * Whether a search of `types` could not be read, or its answer was cut short, or reading stopped early: an empty list
 * then says nothing of "none" — not even "nothing from the services that answered", since the service whose search
 * failed may have answered the others (reviewer R20). The notices above the list name what could not be read.
 */
export function notAllRead(notices: RecordNotices, types: readonly string[]): boolean {
  const named = (type: string) => type === '*' || types.includes(type);
  return (
    notices.truncated === true ||
    (notices.unreadTypes ?? []).some(({ type }) => named(type)) ||
    (notices.cutShortTypes ?? []).some(({ type }) => named(type))
  );
}

/** A count for a heading: `3` when the list is whole, else `3 shown, may not be all` (resident: `there may be more`). */
export const shownCount = (count: number, whole: boolean, audience: RecordAudience): string =>
  whole ? String(count) : (NOT_ALL[audience] ?? NOT_ALL.resident)(count);
