/** What alerts and legal information share: both are Flags, told apart by `legalKind`. */
import type { Flag } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { conceptWords, firstConceptText, firstConceptWords, tidyText as tidy, type ConceptLike } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { date, endedBefore, newestFirst, startsAfter, statusCode, type SummaryContext } from './context.js';

export type AlertKind = 'safeguarding' | 'safety' | 'other';
export type LegalKind =
  'lasting-power-of-attorney' | 'deputy' | 'deprivation-of-liberty' | 'mental-health-act' | 'mental-capacity' | 'advance-decision';

export interface FlagItem {
  id: string;
  /** The alert as recorded (`code.text`). */
  text: string;
  /** Flag category as recorded: `Safety`, `Clinical`, `Administrative` …; `Not recorded` when absent. */
  category: string;
  /** Alerts: `safeguarding`, `safety` or `other`. Legal: the kind of decision. */
  kind: AlertKind | LegalKind;
  /** When it came into force; for one not yet in force, when it will. */
  since: string;
  /** An active Flag whose period starts after now: listed, but never as a current alert. */
  notYetInForce: boolean;
  /** Set when the Flag's status is missing or no FHIR code: listed, as nothing says it has ended, but never called active. */
  statusNotKnown?: true;
  recordedBy: string;
  source: SourceLabel;
}

const FLAG_STATUSES: readonly Flag['status'][] = ['active', 'inactive', 'entered-in-error'];
/** The Flag's status as FHIR R4 codes it, in any case or spacing; `undefined` when missing or no code. */
const flagStatus = (flag: Flag): Flag['status'] | undefined => statusCode(flag.status, FLAG_STATUSES);

/**
 * A Flag in force now, or due to be (see `notYetInForce`), whose period has
 * not ended: active, or of a status not known — a feed that leaves the status
 * out has not said the alert has ended, and an alert left out would read as
 * none (see `statusNotKnown`).
 */
export const isActiveFlag = (flag: Flag, context: SummaryContext): boolean => {
  const status = flagStatus(flag);
  return (status === 'active' || status === undefined) && !endedBefore(flag.period?.end, context.now);
};

const notYetInForce = (flag: Flag, context: SummaryContext): boolean => startsAfter(flag.period?.start, context.now);

/** Flags in force first, then those still to come; within each, by `kindOrder`, then newest first. */
export const byForceThenKind =
  (kindOrder: readonly string[]) =>
  (a: { flag: Flag; item: FlagItem }, b: { flag: Flag; item: FlagItem }): number =>
    Number(a.item.notYetInForce) - Number(b.item.notYetInForce) ||
    kindOrder.indexOf(a.item.kind) - kindOrder.indexOf(b.item.kind) ||
    newestFirst(a.flag.period?.start, b.flag.period?.start);

const LEGAL_CODE_PREFIXES: readonly [prefix: string, kind: LegalKind][] = [
  ['lpa', 'lasting-power-of-attorney'],
  ['dols', 'deprivation-of-liberty'],
  ['mha', 'mental-health-act'],
  ['mca', 'mental-capacity'],
  ['respect', 'advance-decision'],
  ['dnacpr', 'advance-decision'],
  ['adrt', 'advance-decision'],
];

/**
 * Words that deny what follows them in the same clause ("No LPA in place",
 * "Not for DNACPR", "Nil safeguarding concerns"): up to three words may come
 * between. A clause ends at punctuation, a dash or "and"/"but".
 */
const DENIED_BEFORE = /\b(?:no|not|none|nil|without)\b(?:\s+\S+){0,3}\s*$/i;
const CLAUSE_BREAK = /[.,;:!?()[\]/\u2013\u2014]|\s-\s|\b(?:and|but)\b/gi;

/** What a term may be said not to be ("DNACPR not in place", "ReSPECT form: not completed"). */
const NOT_WHAT = String.raw`(?:in place|in force|applicable|completed?|done|recorded|made|registered|valid|active|present|held|appointed|signed|agreed|known)`;
/** Words that say a decision or authority has ended. */
const ENDED = String.raw`(?:rescinded|withdrawn|cancell?ed|revoked|removed|reversed|ended|expired|lapsed|discontinued|void|invalid|inactive|superseded|overturned)`;
/**
 * "None", "nil" or "N/A" denies the term only alone or before words about the
 * term ("none in place", "nil recorded"): before anything else it qualifies
 * that ("none of the attorneys may act alone", "nil restrictions").
 */
const NONE_OF_IT = String.raw`(?:none|nil|n/a)(?:\s+(?:currently\s+|yet\s+|at present\s+)?(?:${NOT_WHAT}|documented|noted|found|on (?:record|file)|current)(?![\w/])|\s*$)`;
/** "No" alone, or before words about the term ("no current", "no such"); never "no restrictions". */
const NO_IT = String.raw`no(?:\s+(?:current|valid|active|such|in place))*\s*$`;
const DENIAL = String.raw`(?:${NONE_OF_IT}|no longer(?:\s+${NOT_WHAT}(?![\w/]))?|${NO_IT}|not\s+(?:currently\s+|yet\s+)?${NOT_WHAT}(?![\w/])|${ENDED}(?![\w/]))`;

/**
 * Words that deny what comes before them ("LPA: none", "DNACPR not in place",
 * "DNACPR decision rescinded", "ReSPECT form: not completed"), up to three
 * words after it. Only denials are listed: "not for CPR", "do not attempt
 * CPR" and "no CPR" after a ReSPECT form are what it records, not a denial.
 * A word that negates cannot be passed over to reach a denial: "not expired",
 * "never revoked" deny the denial.
 */
const DENIED_AFTER = new RegExp(String.raw`^(?:(?!(?:not|never|no|nor|none|nil)\b)\S+\s+){0,3}?${DENIAL}`, 'i');
/** Where the words after a term stop being about it: a sentence or list break, a dash after words, "and"/"but". A colon is no break ("LPA: none"). */
const AFTER_BREAK = /[.,;!?()[\]]|\s[-\u2013\u2014]\s|[\u2013\u2014]|\b(?:and|but)\b/i;
/** Words after which a denial is only a condition of the decision standing ("in place until revoked", "valid unless withdrawn"). */
const CONDITION = /\b(?:unless|until|till|if|except|provided|subject to|pending)\b/i;
/** What may stand between a term and its value: a colon, a dash, an opening bracket. */
const LEADING_SEPARATORS = /^[\s:(\-\u2013\u2014]*/;

const deniedAfter = (after: string): boolean => {
  const value = after.replace(LEADING_SEPARATORS, '').replaceAll(':', ' ');
  const clause = (value.split(AFTER_BREAK)[0] ?? '').split(CONDITION)[0] ?? '';
  return DENIED_AFTER.test(clause.trim());
};

/**
 * Words that, whole, say there is no such decision or authority: a denial and
 * the term, with at most a word such as "decision" and a date besides ("No
 * DNACPR", "DNACPR: not applicable", "DNACPR decision rescinded 2025"). "Not
 * known" is no denial: it says nothing either way.
 */
const WHOLE_DENIAL_BEFORE = /^(?:no|nil|none|not for|without|no longer)\s+$/i;
const WHOLE_DENIAL_BEFORE_TAIL = /^(?:\s+(?:recorded|in place|in force|on (?:record|file)|documented|held|known))?[\s.]*$/i;
const WHOLE_DENIAL_AFTER = new RegExp(
  String.raw`^(?:(?:decision|form|order|status|is|was|has been|now)\s+){0,2}(?!not\s+(?:currently\s+|yet\s+)?known\b)${DENIAL}\s*$`,
  'i',
);
/** A date, and the stops and brackets, that may end words that deny a term ("revoked 2024.", "withdrawn on 3 March 2025"). */
const TRAILING_DATE = /(?:\s+(?:on|in|from|since|at)?\s*(?:\d{1,2}\s+[a-z]{3,9}\s+\d{4}|[a-z]{3,9}\s+\d{4}|[\d/.-]{4,10}))?[\s.)]*$/i;

/** Whether `words`, whole, only deny what `pattern` names (see `WHOLE_DENIAL_AFTER`). */
const wholeDenial = (words: string, pattern: RegExp): boolean => {
  const match = pattern.exec(words);
  if (!match) return false;
  const before = words.slice(0, match.index);
  const after = words.slice(match.index + match[0].length);
  if (before.trim() === '')
    return WHOLE_DENIAL_AFTER.test(after.replace(LEADING_SEPARATORS, '').replaceAll(':', ' ').replace(TRAILING_DATE, ''));
  return WHOLE_DENIAL_BEFORE.test(before) && WHOLE_DENIAL_BEFORE_TAIL.test(after);
};

/** Whether `pattern` occurs in `words` at least once with no denying word before it in its clause, nor after it. */
export function saysPositively(words: string, pattern: RegExp): boolean {
  const everywhere = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const match of words.matchAll(everywhere)) {
    const before = words.slice(0, match.index);
    const clause = before.split(CLAUSE_BREAK).at(-1) ?? '';
    if (!DENIED_BEFORE.test(clause) && !deniedAfter(words.slice(match.index + match[0].length))) return true;
  }
  return false;
}

/** The kinds of a power of attorney or deputyship, which belong to the term ("LPA (health and welfare): none"). */
const LPA_TYPE = String.raw`(?:health and welfare|property and (?:financial )?affairs|property and finance|personal welfare)`;

/**
 * Words that name each legal kind. A bare "Section 42" is not the Mental
 * Health Act: the Care Act (s42 safeguarding enquiries), the Children Act
 * (s17, s47) and others number their sections too, so only words that name
 * the Act, or "sectioned", say so. "Not for resuscitation", "NFR", "not for
 * CPR" and "do not attempt CPR" are resuscitation decisions, as a DNACPR is;
 * "not for" anything else is not one. A bare "deputy" (a deputy manager) is
 * not a Court of Protection deputy.
 */
const LEGAL_TEXT: readonly [pattern: RegExp, kind: LegalKind][] = [
  [
    new RegExp(String.raw`(?:${LPA_TYPE}\s+)?(?:lasting power of attorney|\bLPA\b)(?:\s*\(?\s*(?:for\s+)?${LPA_TYPE}\s*\)?)?`, 'i'),
    'lasting-power-of-attorney',
  ],
  [
    new RegExp(
      String.raw`(?:court of protection|court[- ]appointed)\s+deputy(?:ship)?|\bdeputy(?:ship)?\s+(?:order\s+)?(?:for\s+)?${LPA_TYPE}|\bdeputyship\b`,
      'i',
    ),
    'deputy',
  ],
  [/deprivation of liberty|\bDoLS\b|liberty protection safeguards/i, 'deprivation-of-liberty'],
  [/mental health act|\bMHA\b|\bsectioned\b/i, 'mental-health-act'],
  [/mental capacity|lacks capacity/i, 'mental-capacity'],
  [
    /\bReSPECT\b(?: form)?|\bDNACPR\b|\bDNAR\b|\bDNR\b|\bNFR\b|\bnot for (?:cardio-?pulmonary )?(?:resus(?:citation)?|CPR)\b|\bdo not (?:attempt )?(?:cardio-?pulmonary )?(?:resuscitation|resuscitate|CPR)\b|advance decision(?: to refuse (?:life[- ]sustaining )?treatment)?|\bADRT\b/i,
    'advance-decision',
  ],
];

/**
 * Whether `words` name `kind` only to deny it, each whole (see
 * `wholeDenial`): words that also say anything else do not stand against a
 * code that says there is a decision.
 */
const wholeDenied = (words: readonly string[], kind: LegalKind): boolean => {
  const patterns = LEGAL_TEXT.filter(([, named]) => named === kind).map(([pattern]) => pattern);
  const named = words.filter((text) => patterns.some((pattern) => pattern.test(text)));
  return named.length > 0 && named.every((text) => patterns.some((pattern) => wholeDenial(text, pattern)));
};

/** What a concept records in words: its text and each coding's display, each on its own. */
export const wordsOf = (concept: ConceptLike | undefined): string[] =>
  [concept?.text, ...(concept?.coding ?? []).map((coding) => coding.display)].map((words) => tidy(words)).filter(Boolean);

/**
 * Whether a Flag is legal information, and which kind: by the hub's alert code
 * (`lpa-…`, `dols-…`, `mha-…`, `mca-…`, `respect-…`), else by words of an
 * uncoded alert that say so (not deny it). Everything else is an alert. A
 * code does not stand against words that, whole, deny it ("DNACPR decision
 * rescinded" under `respect-dnacpr`): listing that as a decision in force
 * could withhold CPR. But it stands against any words less plain ("DNACPR in
 * place until revoked", "DNACPR: not known"), listed in those words: missing
 * a decision in force could give CPR against it.
 */
export function legalKind(flag: Flag): LegalKind | undefined {
  const words = wordsOf(flag.code);
  for (const coding of flag.code.coding ?? []) {
    const code = coding.code?.toLowerCase() ?? '';
    const kind = LEGAL_CODE_PREFIXES.find(([prefix]) => code === prefix || code.startsWith(`${prefix}-`))?.[1];
    if (kind) return wholeDenied(words, kind) ? undefined : kind;
  }
  return LEGAL_TEXT.find(([pattern]) => words.some((text) => saysPositively(text, pattern)))?.[1];
}

/** Displays of `http://terminology.hl7.org/CodeSystem/flag-category`, for a category sent as a bare code. */
const FLAG_CATEGORIES: Readonly<Record<string, string>> = {
  diet: 'Diet',
  drug: 'Drug',
  lab: 'Lab',
  admin: 'Administrative',
  contact: 'Subject contact',
  clinical: 'Clinical',
  behavioral: 'Behavioral',
  research: 'Research',
  'advance-directive': 'Advance directive',
  safety: 'Safety',
};

function flagCategory(flag: Flag): string {
  const categories = flag.category ?? [];
  const known = categories
    .flatMap((category) => category.coding ?? [])
    .map((coding) => (coding.code && Object.hasOwn(FLAG_CATEGORIES, coding.code) ? FLAG_CATEGORIES[coding.code] : undefined))
    .find(Boolean);
  // Words recorded in any category, then the standard category's name, and only then a bare code.
  return tidy(firstConceptText(categories)) || known || firstConceptWords(categories) || NOT_RECORDED;
}

export function flagItem(flag: Flag, kind: AlertKind | LegalKind, context: SummaryContext): FlagItem {
  return {
    id: flag.id ?? NOT_KNOWN,
    text: conceptWords(flag.code),
    category: flagCategory(flag),
    kind,
    since: date(flag.period?.start, context),
    notYetInForce: notYetInForce(flag, context),
    ...(flagStatus(flag) === undefined ? { statusNotKnown: true as const } : {}),
    recordedBy: context.directory.name(flag.author, NOT_KNOWN, flag),
    source: sourceOf(flag, context.organizations),
  };
}
