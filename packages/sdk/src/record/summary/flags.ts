/** What alerts and legal information share: both are Flags, told apart by `legalKind`. */
import type { Flag } from '../../fhir.js';
import { NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import { conceptText } from '../allergies.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { date, endedBefore, type SummaryContext } from './context.js';

export type AlertKind = 'safeguarding' | 'safety' | 'other';
export type LegalKind =
  'lasting-power-of-attorney' | 'deprivation-of-liberty' | 'mental-health-act' | 'mental-capacity' | 'advance-decision';

export interface FlagItem {
  id: string;
  /** The alert as recorded (`code.text`). */
  text: string;
  /** Flag category as recorded: `Safety`, `Clinical`, `Administrative` …; `Not recorded` when absent. */
  category: string;
  /** Alerts: `safeguarding`, `safety` or `other`. Legal: the kind of decision. */
  kind: AlertKind | LegalKind;
  since: string;
  recordedBy: string;
  source: SourceLabel;
}

export const isActiveFlag = (flag: Flag, context: SummaryContext): boolean =>
  flag.status === 'active' && !endedBefore(flag.period?.end, context.now);

const LEGAL_CODE_PREFIXES: readonly [prefix: string, kind: LegalKind][] = [
  ['lpa', 'lasting-power-of-attorney'],
  ['dols', 'deprivation-of-liberty'],
  ['mha', 'mental-health-act'],
  ['mca', 'mental-capacity'],
  ['respect', 'advance-decision'],
  ['dnacpr', 'advance-decision'],
  ['adrt', 'advance-decision'],
];

const LEGAL_TEXT: readonly [pattern: RegExp, kind: LegalKind][] = [
  [/lasting power of attorney|\bLPA\b/i, 'lasting-power-of-attorney'],
  [/deprivation of liberty|\bDoLS\b|liberty protection safeguards/i, 'deprivation-of-liberty'],
  [/mental health act|\bsection \d+\b/i, 'mental-health-act'],
  [/mental capacity|lacks capacity/i, 'mental-capacity'],
  [/\bReSPECT\b|\bDNACPR\b|do not attempt (?:cardiopulmonary )?resuscitation|advance decision/i, 'advance-decision'],
];

/**
 * Whether a Flag is legal information, and which kind: by the hub's alert code
 * (`lpa-…`, `dols-…`, `mha-…`, `mca-…`, `respect-…`), else by the words of an
 * uncoded alert. Everything else is an alert.
 */
export function legalKind(flag: Flag): LegalKind | undefined {
  for (const coding of flag.code.coding ?? []) {
    const code = coding.code?.toLowerCase() ?? '';
    const kind = LEGAL_CODE_PREFIXES.find(([prefix]) => code === prefix || code.startsWith(`${prefix}-`))?.[1];
    if (kind) return kind;
  }
  const text = `${flag.code.text ?? ''} ${(flag.code.coding ?? []).map((coding) => coding.display ?? '').join(' ')}`;
  return LEGAL_TEXT.find(([pattern]) => pattern.test(text))?.[1];
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
  const category = flag.category?.[0];
  const known = (category?.coding ?? []).map((coding) => FLAG_CATEGORIES[coding.code ?? '']).find(Boolean);
  return conceptText(category, '') || known || NOT_RECORDED;
}

export function flagItem(flag: Flag, kind: AlertKind | LegalKind, context: SummaryContext): FlagItem {
  return {
    id: flag.id ?? NOT_KNOWN,
    text: conceptText(flag.code),
    category: flagCategory(flag),
    kind,
    since: date(flag.period?.start, context),
    recordedBy: context.directory.name(flag.author),
    source: sourceOf(flag, context.organizations),
  };
}
