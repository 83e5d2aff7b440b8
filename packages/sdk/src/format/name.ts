import { displayText } from './display-text.js';
import { NOT_KNOWN } from './placeholders.js';
import { readCivilTime, type CivilTime } from './uk-civil-time.js';

/** The parts of a FHIR HumanName these helpers read; generated FHIR types fit it. */
export interface HumanNameLike {
  use?: string | undefined;
  text?: string | undefined;
  family?: string | undefined;
  given?: readonly string[] | undefined;
  prefix?: readonly string[] | undefined;
  period?: { start?: string | undefined; end?: string | undefined } | undefined;
}

const tidy = (part: string | undefined): string => displayText(part ?? '');

function nameParts(name: HumanNameLike | undefined) {
  return {
    family: tidy(name?.family),
    given: (name?.given ?? []).map(tidy).filter(Boolean).join(' '),
    title: (name?.prefix ?? []).map(tidy).find(Boolean) ?? '',
    text: tidy(name?.text),
  };
}

/**
 * Clinician name, CUI style: `SMITH, John (Mr)`. Without a family name the
 * given names stand alone (`John (Mr)`); with neither, the name's `text`; with
 * nothing, `Not known`.
 */
export function formatClinicalName(name: HumanNameLike | undefined): string {
  const { family, given, title, text } = nameParts(name);
  // toUpperCase, not toLocaleUpperCase: the result must not depend on the browser locale.
  const familyFirst = family && given ? `${family.toUpperCase()}, ${given}` : family.toUpperCase() || given;
  if (!familyFirst) return text || NOT_KNOWN;
  return title ? `${familyFirst} (${title})` : familyFirst;
}

/** Resident name, in the order people say it: `John Smith`. */
export function formatResidentName(name: HumanNameLike | undefined): string {
  const { family, given, text } = nameParts(name);
  return [given, family].filter(Boolean).join(' ') || text || NOT_KNOWN;
}

/** A FHIR `Period`, as names, addresses and identifiers carry it. */
export interface PeriodLike {
  start?: string | undefined;
  end?: string | undefined;
}

/** Orders civil times at the precision of `precise` (`2020-05` covers all of May). */
const sortKeyAt =
  (precise: CivilTime) =>
  (time: CivilTime): number =>
    time.year * 10_000 + (precise.month === undefined ? 0 : (time.month ?? 0) * 100) + (precise.day === undefined ? 0 : (time.day ?? 0));

/** Whether a period end is before the moment, compared at the precision of the end (`2020-05` covers all of May). */
function hasEnded(end: string, now: CivilTime): boolean {
  const ended = readCivilTime(end);
  if (!ended) return false;
  if (ended.instant !== undefined && now.instant !== undefined) return ended.instant <= now.instant;
  const key = sortKeyAt(ended);
  return key(now) > key(ended);
}

/** Whether a period start is after the moment, compared at the precision of the start (`2027-03` starts on 1 March). */
function hasNotStarted(start: string, now: CivilTime): boolean {
  const starts = readCivilTime(start);
  if (!starts) return false;
  if (starts.instant !== undefined && now.instant !== undefined) return starts.instant > now.instant;
  const key = sortKeyAt(starts);
  return key(now) < key(starts);
}

/**
 * Whether a period covers the moment: not ended, not starting later. An
 * unreadable start or end does not count against it; nor does an unreadable
 * moment.
 */
export function isCurrentPeriod(period: PeriodLike | undefined, at: Date | string): boolean {
  const now = readCivilTime(at);
  if (!now || !period) return true;
  return !(period.end && hasEnded(period.end, now)) && !(period.start && hasNotStarted(period.start, now));
}

/** Names that never head the record while another name will do. */
const NEVER_CURRENT_USES: ReadonlySet<string> = new Set(['old', 'maiden']);
/** Names that stand for the person only when there is nothing better. */
const STAND_IN_USES: ReadonlySet<string> = new Set(['nickname', 'anonymous', 'temp']);

/**
 * How good a name is to head the record, lower better: a current `official`
 * name, then `usual`, then one with no use, then any other current name
 * (`nickname`, `anonymous`, `temp`); a `maiden` or `old` name, or one that has
 * ended or not yet started, only when there is nothing else.
 */
function nameRank(name: HumanNameLike, at: Date | string): number {
  const use = typeof name.use === 'string' ? name.use : undefined;
  const useRank = use === 'official' ? 0 : use === 'usual' ? 1 : use === undefined ? 2 : STAND_IN_USES.has(use) ? 3 : 4;
  const current = !(use && NEVER_CURRENT_USES.has(use)) && isCurrentPeriod(name.period, at);
  return current ? useRank : 10 + useRank;
}

/**
 * The name to head the record at the moment (now by default): the best by
 * `nameRank`, the first of equals. `undefined` only when there are no names.
 */
export function selectOfficialName<Name extends HumanNameLike>(
  names: readonly Name[] | undefined,
  at: Date | string = new Date(),
): Name | undefined {
  let best: { name: Name; rank: number } | undefined;
  for (const name of names ?? []) {
    if (typeof name !== 'object' || name === null) continue;
    const rank = nameRank(name, at);
    if (!best || rank < best.rank) best = { name, rank };
  }
  return best?.name;
}

/**
 * The name to show as "Preferred name": a current `usual` name (by the same
 * rule as the name at the head) that reads differently from the one shown
 * there. `undefined` when there is none.
 */
export function selectPreferredName<Name extends HumanNameLike>(
  names: readonly Name[] | undefined,
  at: Date | string = new Date(),
): Name | undefined {
  const official = selectOfficialName(names, at);
  const preferred = names?.find((name) => name?.use === 'usual' && nameRank(name, at) < 10);
  return preferred && formatResidentName(preferred) !== formatResidentName(official) ? preferred : undefined;
}
