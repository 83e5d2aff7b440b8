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

const tidy = (part: string | undefined): string => (part ?? '').trim().replace(/\s+/g, ' ');

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

/** Whether a period end is before the moment, compared at the precision of the end (`2020-05` covers all of May). */
function hasEnded(end: string, now: CivilTime): boolean {
  const ended = readCivilTime(end);
  if (!ended) return false;
  if (ended.instant !== undefined && now.instant !== undefined) return ended.instant <= now.instant;
  const sortKey = (time: CivilTime): number =>
    time.year * 10_000 + (ended.month === undefined ? 0 : (time.month ?? 0) * 100) + (ended.day === undefined ? 0 : (time.day ?? 0));
  return sortKey(now) > sortKey(ended);
}

function isCurrent(name: HumanNameLike, now: CivilTime | undefined): boolean {
  const end = name.period?.end;
  return name.use !== 'old' && !(end && now && hasEnded(end, now));
}

/**
 * The name to head the record: among names still in use at the moment (now by
 * default), the `official` one, else the `usual` one, else the first.
 */
export function selectOfficialName<Name extends HumanNameLike>(
  names: readonly Name[] | undefined,
  at: Date | string = new Date(),
): Name | undefined {
  const now = readCivilTime(at);
  const current = (names ?? []).filter((name) => isCurrent(name, now));
  return current.find((name) => name.use === 'official') ?? current.find((name) => name.use === 'usual') ?? current[0];
}

/**
 * The name to show as "Preferred name": a current `usual` name that reads
 * differently from the official one. `undefined` when there is none.
 */
export function selectPreferredName<Name extends HumanNameLike>(
  names: readonly Name[] | undefined,
  at: Date | string = new Date(),
): Name | undefined {
  const now = readCivilTime(at);
  const official = selectOfficialName(names, at);
  const preferred = names?.find((name) => name.use === 'usual' && isCurrent(name, now));
  return preferred && formatResidentName(preferred) !== formatResidentName(official) ? preferred : undefined;
}
