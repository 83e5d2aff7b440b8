/**
 * The allergy area: four different clinical facts that must never be confused
 * — known allergies, a recorded "no known allergies", allergies not recorded,
 * and allergies unavailable (an error or a source that did not answer is never
 * "none") — and a fifth state for a viewer whose role may not see allergies,
 * which is none of the four.
 */
import type { AllergyIntolerance, Organization, Patient } from '../fhir.js';
import { formatClinicalDate, formatResidentDate, type ClinicalDateInput } from '../format/date.js';
import { NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import { isNotPermitted, leftOutBy, type LeftOutBy, type RecordNotices } from './notices.js';
import { mayRead, type ViewerPermissions } from './permissions.js';
import {
  identityConflictIssue,
  patientIdOf,
  referencesPatient,
  unreadableIssue,
  wrongPatientIssue,
  type SafetyIssue,
} from './patient-reference.js';
import { isHiddenFromResident } from './security-labels.js';
import { requireUnderstood } from './modifier-extensions.js';
import { odsCodeOf, referencedParty, sourceOf, type SourceLabel } from './source.js';
import { unreadableSource } from './unreadable.js';
import { conceptWords, firstConceptWords, tidyText as tidy } from './concept-text.js';
import { conceptCodes, fhirCode, saysAnything } from './status-code.js';
import { ageRangeText, ageText } from './onset-age.js';
import { recordedMoment } from './clinical-moment.js';

/** Who the view is for: a professional (NHS CUI formats) or the resident (NHS service manual formats). */
export type RecordAudience = 'clinician' | 'resident';

export type AllergyStateKind = 'known' | 'no-known-allergies' | 'not-recorded' | 'unavailable' | 'not-permitted';

/** The CUI wording of each state, for clinicians and residents alike. */
export const ALLERGY_STATE_LABELS: Readonly<Record<AllergyStateKind, string>> = {
  known: 'Known allergies',
  // A narrower statement ("No known drug allergy") is labelled for what it covers: `noKnownAllergiesLabel`.
  'no-known-allergies': 'No known allergies',
  'not-recorded': 'Allergies not recorded',
  unavailable: 'Allergies unavailable',
  'not-permitted': 'Allergies not available to your role',
};

/**
 * The `not-permitted` label in the words of who left allergies out: the role (`ALLERGY_STATE_LABELS`), the sign-in's
 * scopes, or a carer's proxy access (a carer has no role).
 */
const NOT_PERMITTED_LABELS: Readonly<Record<LeftOutBy, string>> = {
  role: ALLERGY_STATE_LABELS['not-permitted'],
  scope: 'Allergies not available to the app you signed in with',
  proxy: 'Allergies not available: not part of what you were given access to',
};

export interface AllergyReaction {
  /** What happened, as the source recorded it; at least one entry (`Not known` when none was recorded). */
  manifestations: string[];
  /** `Mild`, `Moderate`, `Severe`, `Not recorded`, or `Not known` when it spells no code. */
  severity: string;
  /** Free-text description, when recorded. */
  description?: string;
}

export interface AllergyItem {
  id: string;
  /** The substance as recorded: `code.text`, else the coding's display; never a substituted term. */
  substance: string;
  /** `Allergy`, `Intolerance`, `Not recorded`, or `Not known` when it spells no code. */
  type: string;
  /** `Medication`, `Food`, `Environment`, `Biologic`, joined; `Not recorded` when absent; `Not known` for one that spells no code. */
  category: string;
  reactions: AllergyReaction[];
  /**
   * The most severe reaction: `Severe`, `Moderate`, `Mild` or `Not recorded`;
   * `Not known` when a reaction's severity spells no code and none was severe.
   */
  severity: string;
  /** `High`, `Low`, `Unable to assess`, `Not recorded`, or `Not known` when it spells no code. */
  criticality: string;
  /** `Confirmed`, `Unconfirmed`, `Not recorded`, or `Not known` when what was sent names no verification code. */
  verification: string;
  /** `Active`, `Inactive` or `Resolved`. */
  status: string;
  onset: string;
  /**
   * When the entry was last updated by a clinician: its recorded date; else,
   * when it has none, when the source last stored it (`meta.lastUpdated`).
   */
  lastUpdated: string;
  /**
   * Who updated it then: the recorder, only when `lastUpdated` is their
   * recorded date (a storage date is no one's); absent otherwise.
   */
  lastUpdatedBy?: string;
  /** Who recorded it, as the source names them; `Not known` when not recorded. */
  recordedBy: string;
  /** Set when the resident (or a carer) reported it rather than a professional. */
  reportedByResident: boolean;
  /** When a carer or relative (a RelatedPerson) reported it rather than the resident: who, as the source names them. */
  reportedByCarer?: string;
  notes: string[];
  source: SourceLabel;
}

interface AllergyStateBase {
  label: string;
  /** Some items are not shown to this viewer: show "Some information is not shown" beside the state. */
  withheld: boolean;
  /** The sources of entries that could not be read: show one line for each ("One item from … could not be read"). */
  unreadable?: SourceLabel[];
  /** Entries not shown as sent (unreadable), for the host to report. */
  safetyIssues?: SafetyIssue[];
}

export type AllergyState =
  | (AllergyStateBase & {
      kind: 'known';
      /** Active allergies, highest criticality first, then most recently updated. */
      items: AllergyItem[];
      /** Resolved and inactive entries, listed apart; they never feed the headline or prescribing. */
      resolved: AllergyItem[];
      /** Sources that did not answer: the list may be incomplete. */
      unavailableSources: SourceLabel[];
    })
  | (AllergyStateBase & {
      kind: 'no-known-allergies';
      /**
       * `No known allergies` only for a general statement; a narrower one says
       * what it covers: `No known drug allergies`, `No known drug or food allergies`.
       * When every statement is unconfirmed it says so: `No known allergies (unconfirmed)`.
       */
      label: string;
      /** Set when no statement is confirmed (or sent without verification): the "none" is not established. */
      unconfirmed?: true;
      /** The statement as recorded, e.g. `No known allergies`, `No known drug allergy`. */
      statement: string;
      source: SourceLabel;
      recorded: string;
      recordedBy: string;
      resolved: AllergyItem[];
    })
  | (AllergyStateBase & { kind: 'not-recorded'; resolved: AllergyItem[] })
  | (AllergyStateBase & {
      kind: 'unavailable';
      /** `unreadable`: an entry could not be read and no active allergy was, so no state can be claimed. */
      reason: 'error' | 'source-unavailable' | 'unreadable';
      /** The sources that did not answer; empty when the request failed. */
      sources: SourceLabel[];
    })
  /** The viewer's role may not see allergies: not that there are none. */
  | (AllergyStateBase & { kind: 'not-permitted' });

export interface AllergyStateInput {
  /**
   * The AllergyIntolerance search result (`AllergyIntoleranceSearchBundle`), or
   * any Bundle holding the resident's allergies (a summary, a batch entry).
   * Entries of other types are ignored.
   */
  bundle?: { entry?: readonly { resource?: unknown; search?: { mode?: string } }[] } | undefined;
  /** The request failed (network, 5XX, forbidden): the state is `unavailable`, never `not-recorded`. */
  failed?: boolean;
  /**
   * The viewer's role may not see allergies (also read from `notices`, when
   * the server said `ROLE_RESTRICTED`): the state is `not-permitted`.
   */
  notPermitted?: boolean;
  notices: RecordNotices;
  /** ODS code of the registered GP practice, the main source of allergies: its absence is named first. */
  gpSourceOds?: string | undefined;
}

export interface AllergyStateOptions {
  audience: RecordAudience;
  /** ODS code to organisation name, for the source of each item. */
  organizations: ReadonlyMap<string, string>;
}

/** `http://snomed.info/sct`, also as some feeds send it with a module or edition after it. */
const isSnomed = (system: unknown): boolean =>
  typeof system === 'string' && /^https?:\/\/snomed\.info\/sct(?:\/\d+)?\/?$/.test(system.trim());

const isAllergyIntolerance = (resource: unknown): resource is AllergyIntolerance =>
  typeof resource === 'object' && resource !== null && (resource as { resourceType?: unknown }).resourceType === 'AllergyIntolerance';

/** What a "no known allergy" statement covers: every kind of allergy, or one kind. */
type NoKnownAllergyScope = 'all' | 'drug' | 'food' | 'environmental' | 'insect';

/** SNOMED CT codes that state an absence of allergy, and what each covers. */
const NO_KNOWN_ALLERGY_SCOPES: ReadonlyMap<string, NoKnownAllergyScope> = new Map<string, NoKnownAllergyScope>([
  ['716186003', 'all'], // No known allergy
  ['409137002', 'drug'], // No known drug allergy
  ['429625007', 'food'], // No known food allergy
  ['428607008', 'environmental'], // No known environmental allergy
  ['428197003', 'insect'], // No known insect allergy
]);

/** SNOMED CT codes that state an absence of allergy: no known allergy, drug, food, environmental, insect allergy. */
export const NO_KNOWN_ALLERGY_CODES: ReadonlySet<string> = new Set(NO_KNOWN_ALLERGY_SCOPES.keys());

// The whole text of a statement, as feeds send it without a SNOMED code (free text, Read codes, local codes).
const NO_KNOWN_ALLERGY_TEXT = /^(?:no known (?:(drug|medication|medicine|food|environmental|insect) )?allerg(?:y|ies)|(nkda)|nka)\.?$/i;

const SCOPE_ORDER: readonly Exclude<NoKnownAllergyScope, 'all'>[] = ['drug', 'food', 'environmental', 'insect'];

/** Picks the date format for the audience. */
export const recordDate = (value: ClinicalDateInput, audience: RecordAudience): string =>
  audience === 'resident' ? formatResidentDate(value) : formatClinicalDate(value);

/** The day of a recorded fact, in the audience's format: a date sent as midnight is on the day written (`recordedMoment`). */
const recordedDay = (value: string | undefined, audience: RecordAudience): string =>
  recordDate(typeof value === 'string' ? (recordedMoment(value)?.value ?? value) : value, audience);

/** A concept's text as recorded: its `text`, else the first coding display; `fallback` when neither. */
export function conceptText(
  concept: { text?: string | undefined; coding?: readonly { display?: string | undefined }[] | undefined } | undefined,
  fallback: string = NOT_KNOWN,
): string {
  return tidy(concept?.text) || concept?.coding?.map((coding) => tidy(coding.display)).find(Boolean) || fallback;
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const codeWords = (code: string | undefined): string => (code ? capitalise(code.replace(/-/g, ' ')) : NOT_RECORDED);

const SEVERITY_RANK: Readonly<Record<string, number>> = { severe: 3, moderate: 2, mild: 1 };
const CRITICALITY_RANK: Readonly<Record<string, number>> = { high: 3, 'unable-to-assess': 2, low: 1 };
const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
const CRITICALITIES = ['low', 'high', 'unable-to-assess'] as const;
const TYPES = ['allergy', 'intolerance'] as const;
const CATEGORIES = ['food', 'medication', 'environment', 'biologic'] as const;

const isAbsent = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** A coded fact in words, however the code is spelt (`Severe`, `HIGH`): `Not recorded` when absent, `Not known` when it spells no code. */
const codedWords = (value: unknown, codes: readonly string[]): string => {
  if (isAbsent(value)) return NOT_RECORDED;
  const code = fhirCode(value, codes);
  return code ? codeWords(code) : NOT_KNOWN;
};

const criticalityRank = (allergy: AllergyIntolerance): number => CRITICALITY_RANK[fhirCode(allergy.criticality, CRITICALITIES) ?? ''] ?? 0;

/**
 * The most severe reaction in words: `Severe` when any reaction was, else
 * `Not known` when any reaction's severity spells no code (it may have been
 * the worst), else the worst recorded; `Not recorded` when none was.
 */
function worstSeverity(reactions: readonly { severity?: unknown }[]): string {
  const recorded = reactions.map((reaction) => reaction.severity).filter((severity) => !isAbsent(severity));
  const ranks = recorded.map((severity) => SEVERITY_RANK[fhirCode(severity, SEVERITIES) ?? ''] ?? 0);
  const worst = SEVERITIES.filter((code) => ranks.includes(SEVERITY_RANK[code] ?? 0)).at(-1);
  if (recorded.length === 0) return NOT_RECORDED;
  if (worst !== 'severe' && ranks.includes(0)) return NOT_KNOWN;
  return codeWords(worst);
}

const CLINICAL_CODES = ['active', 'inactive', 'resolved'] as const;
const VERIFICATION_CODES = ['unconfirmed', 'confirmed', 'refuted', 'entered-in-error'] as const;
/** The status codes however spelt, or as their words name them when they have no code (`Resolved`, `Refuted`). */
const statusCode = (allergy: AllergyIntolerance): string | undefined => conceptCodes(allergy.clinicalStatus, CLINICAL_CODES)[0];
const verificationCodes = (allergy: AllergyIntolerance): string[] => conceptCodes(allergy.verificationStatus, VERIFICATION_CODES);

/** An entry that must not be shown at all: any of its verification codes says entered in error, or refuted. */
const isVoid = (allergy: AllergyIntolerance): boolean =>
  verificationCodes(allergy).some((code) => code === 'entered-in-error' || code === 'refuted');

/** The verification in words: `Not recorded` when none was sent, `Not known` when what was sent names no code. */
const verificationWords = (allergy: AllergyIntolerance): string => {
  const [code] = verificationCodes(allergy);
  return code ? codeWords(code) : saysAnything(allergy.verificationStatus) ? NOT_KNOWN : NOT_RECORDED;
};

/**
 * Active unless it says otherwise. FHIR requires a clinical status on every
 * entry that is not in error; when a feed leaves it out, the entry counts as
 * active, the side that keeps a prescriber safe.
 */
const isActive = (allergy: AllergyIntolerance): boolean => {
  const status = statusCode(allergy);
  return status !== 'resolved' && status !== 'inactive';
};

/**
 * What a "no known allergy" statement covers; `undefined` for anything else.
 * Read from a SNOMED CT code when there is one: a statement's code says so,
 * any other SNOMED code (a substance, an allergy) outweighs what the text
 * says. Without one (free text, Read or local codes), from the whole text:
 * `code.text`, else a coding's display.
 */
function noKnownAllergyScope(allergy: AllergyIntolerance): NoKnownAllergyScope | undefined {
  const listed: unknown = allergy.code?.coding;
  const codings = (Array.isArray(listed) ? (listed as unknown[]) : []).filter(
    (coding): coding is { system?: unknown; code?: unknown; display?: unknown } => typeof coding === 'object' && coding !== null,
  );
  const snomedCodes = codings.flatMap((coding) =>
    isSnomed(coding.system) && typeof coding.code === 'string' && coding.code.trim() ? [coding.code.trim()] : [],
  );
  const coded = snomedCodes.map((code) => NO_KNOWN_ALLERGY_SCOPES.get(code));
  if (coded.includes('all')) return 'all';
  if (snomedCodes.length > 0) return coded.find((scope) => scope !== undefined);
  const text =
    tidy(allergy.code?.text) || codings.map((coding) => tidy(typeof coding.display === 'string' ? coding.display : '')).find(Boolean);
  const match = NO_KNOWN_ALLERGY_TEXT.exec(text ?? '');
  if (!match) return undefined;
  const [, kind, nkda] = match;
  if (nkda) return 'drug';
  if (kind === undefined) return 'all';
  const lower = kind.toLowerCase();
  return lower === 'medication' || lower === 'medicine' ? 'drug' : (lower as NoKnownAllergyScope);
}

export function isNoKnownAllergyStatement(allergy: AllergyIntolerance): boolean {
  return noKnownAllergyScope(allergy) !== undefined;
}

/** The label for the active statements together: `No known allergies` only when one covers every kind. */
function noKnownAllergiesLabel(statements: readonly AllergyIntolerance[]): string {
  const scopes = new Set(statements.map(noKnownAllergyScope));
  if (scopes.has('all')) return ALLERGY_STATE_LABELS['no-known-allergies'];
  const kinds = SCOPE_ORDER.filter((scope) => scopes.has(scope));
  return `No known ${new Intl.ListFormat('en-GB', { type: 'disjunction' }).format(kinds)} allergies`;
}

const onsetOf = (allergy: AllergyIntolerance, audience: RecordAudience): string => {
  if (allergy.onsetDateTime !== undefined) return recordedDay(allergy.onsetDateTime, audience);
  if (allergy.onsetPeriod !== undefined) return recordedDay(allergy.onsetPeriod.start, audience);
  if (allergy.onsetString !== undefined) return tidy(allergy.onsetString) || NOT_RECORDED;
  return ageText(allergy.onsetAge) ?? ageRangeText((allergy as { onsetRange?: unknown }).onsetRange) ?? NOT_RECORDED;
};

/**
 * Who reported the entry: its asserter, when that names anyone; else whoever
 * recorded it. Read by the one rule for references (`source.ts`), so a carer
 * contained in the entry, typed by `type` or named by an absolute URL is a carer.
 */
function reporterOf(allergy: AllergyIntolerance): { type: string | undefined; name: string | undefined } {
  const asserter = referencedParty(allergy.asserter, allergy);
  return asserter.type !== undefined || asserter.name !== undefined ? asserter : referencedParty(allergy.recorder, allergy);
}

/** The clinician's date (recorded), else the source's storage date: a migration or a reload must not look like an update. */
const lastUpdatedValue = (allergy: AllergyIntolerance): string | undefined => tidy(allergy.recordedDate) || allergy.meta?.lastUpdated;

function allergyItem(allergy: AllergyIntolerance, options: AllergyStateOptions): AllergyItem {
  const reactions = (allergy.reaction ?? []).map((reaction): AllergyReaction => {
    // Words, else a code sent with none: a reaction named by code is not "Not known".
    const manifestations = (reaction.manifestation ?? []).map((concept) => conceptWords(concept, '')).filter(Boolean);
    const description = tidy(reaction.description);
    return {
      manifestations: manifestations.length > 0 ? manifestations : [NOT_KNOWN],
      severity: codedWords(reaction.severity, SEVERITIES),
      ...(description ? { description } : {}),
    };
  });
  const reporter = reporterOf(allergy);
  const recordedBy = tidy(referencedParty(allergy.recorder, allergy).name);
  return {
    id: allergy.id ?? NOT_KNOWN,
    substance:
      firstConceptWords(
        [allergy.code, allergy.reaction?.find((reaction) => reaction.substance)?.substance].filter((concept) => concept !== undefined),
      ) ?? NOT_KNOWN,
    type: codedWords(allergy.type, TYPES),
    category: allergy.category?.length
      ? [...new Set(allergy.category.map((category) => codedWords(category, CATEGORIES)))].join(', ')
      : NOT_RECORDED,
    reactions,
    severity: worstSeverity(allergy.reaction ?? []),
    criticality: codedWords(allergy.criticality, CRITICALITIES),
    verification: verificationWords(allergy),
    // Kept among known allergies when its status is not recorded (the side that keeps a prescriber safe), but not called active.
    status: statusCode(allergy) !== undefined ? codeWords(statusCode(allergy)) : NOT_KNOWN,
    onset: onsetOf(allergy, options.audience),
    lastUpdated: recordedDay(lastUpdatedValue(allergy), options.audience),
    ...(recordedBy && tidy(allergy.recordedDate) ? { lastUpdatedBy: recordedBy } : {}),
    recordedBy: recordedBy || NOT_KNOWN,
    reportedByResident: reporter.type === 'Patient' || reporter.type === 'RelatedPerson',
    ...(reporter.type === 'RelatedPerson' ? { reportedByCarer: tidy(reporter.name) || 'A carer' } : {}),
    notes: (allergy.note ?? []).map((note) => tidy(note.text)).filter(Boolean),
    source: sourceOf(allergy, options.organizations),
  };
}

const time = (value: string | undefined): number => {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};

/** Most recently updated first: by the date shown, then by when the source stored it. */
const byRecency = (a: AllergyIntolerance, b: AllergyIntolerance): number =>
  time(lastUpdatedValue(b)) - time(lastUpdatedValue(a)) || time(b.meta?.lastUpdated) - time(a.meta?.lastUpdated);

/** Highest criticality first, then the most recently updated, then by substance. */
function byCriticalityThenRecency(a: { allergy: AllergyIntolerance; item: AllergyItem }, b: typeof a): number {
  return (
    criticalityRank(b.allergy) - criticalityRank(a.allergy) ||
    byRecency(a.allergy, b.allergy) ||
    a.item.substance.localeCompare(b.item.substance, 'en-GB')
  );
}

/**
 * The allergy state from an AllergyIntolerance search (or the allergies of a
 * summary), in this order of precedence:
 * 0. the viewer's role may not see allergies → `not-permitted`;
 * 1. the request failed, or there is no result at all → `unavailable` (`error`);
 * 2. any source did not answer and no active allergy is visible → `unavailable`
 *    (`source-unavailable`): the missing source may hold one, so neither
 *    "no known allergies" nor "not recorded" may be claimed;
 * 3. any active allergy → `known` (a "no known allergy" entry alongside is
 *    outweighed), still listing the unavailable sources;
 * 4. an active "no known allergy" statement (SNOMED 716186003 and kin, or
 *    its whole text when no SNOMED code says otherwise) → `no-known-allergies`,
 *    labelled for what the statements cover (`No known drug allergies`), the
 *    most recent statement giving source and date;
 * 5. otherwise → `not-recorded` (including when only resolved entries exist).
 * Entries entered in error or refuted are ignored. Withheld items do not change
 * the state; `withheld` says to show "Some information is not shown" with it.
 */
export function allergyState(input: AllergyStateInput, options: AllergyStateOptions): AllergyState {
  const withheld = input.notices.withheld;
  if (input.notPermitted || isNotPermitted(input.notices, ['AllergyIntolerance'])) {
    const by = leftOutBy(input.notices, ['AllergyIntolerance'])[0] ?? 'role';
    return { kind: 'not-permitted', label: NOT_PERMITTED_LABELS[by], withheld: false };
  }
  if (input.failed || !input.bundle) {
    return { kind: 'unavailable', label: ALLERGY_STATE_LABELS.unavailable, withheld, reason: 'error', sources: [] };
  }

  const entries: unknown = input.bundle.entry;
  const candidates = (Array.isArray(entries) ? (entries as unknown[]) : [])
    .filter((entry): entry is { resource?: unknown; search?: { mode?: unknown } } => typeof entry === 'object' && entry !== null)
    .filter((entry) => entry.search?.mode !== 'include' && entry.search?.mode !== 'outcome')
    .map((entry) => entry.resource)
    .filter(isAllergyIntolerance);
  // A bundle naming two patients cannot be one person's allergies, whoever is in context: none of it is shown.
  const patients = new Set(candidates.flatMap((allergy) => patientIdOf(allergy.patient?.reference) ?? []));
  if (patients.size > 1) {
    return {
      kind: 'unavailable',
      label: ALLERGY_STATE_LABELS.unavailable,
      withheld,
      reason: 'error',
      sources: [],
      safetyIssues: candidates.map((allergy) => identityConflictIssue(allergy, 'a patient other than the rest of its answer')),
    };
  }
  // Each entry is read on its own: one that cannot be read is one line, never the whole allergy area.
  const allergies: AllergyIntolerance[] = [];
  const unreadableEntries: AllergyIntolerance[] = [];
  for (const allergy of candidates) {
    try {
      if (isVoid(allergy)) continue;
      requireUnderstood(allergy);
      isNoKnownAllergyStatement(allergy);
      isActive(allergy);
      allergyItem(allergy, options);
      byCriticalityThenRecency({ allergy, item: allergyItem(allergy, options) }, { allergy, item: allergyItem(allergy, options) });
      allergies.push(allergy);
    } catch {
      unreadableEntries.push(allergy);
    }
  }
  const unreadable = unreadableEntries.map((allergy) => unreadableSource(allergy, options.organizations));
  const extra = unreadable.length > 0 ? { unreadable, safetyIssues: unreadableEntries.map(unreadableIssue) } : {};
  const statements = allergies.filter((allergy) => isNoKnownAllergyStatement(allergy));
  const substances = allergies.filter((allergy) => !isNoKnownAllergyStatement(allergy));
  const active = substances
    .filter(isActive)
    .map((allergy) => ({ allergy, item: allergyItem(allergy, options) }))
    .sort(byCriticalityThenRecency)
    .map(({ item }) => item);
  const resolved = substances
    .filter((allergy) => !isActive(allergy))
    .sort(byRecency)
    .map((allergy) => allergyItem(allergy, options));

  const gp = input.gpSourceOds;
  const unavailableSources = [...input.notices.unavailableSources].sort((a, b) => Number(b.odsCode === gp) - Number(a.odsCode === gp));

  if (unavailableSources.length > 0 && active.length === 0) {
    return {
      kind: 'unavailable',
      label: ALLERGY_STATE_LABELS.unavailable,
      withheld,
      reason: 'source-unavailable',
      sources: unavailableSources.map((source) => ({ ...source })),
      ...extra,
    };
  }
  // An entry that could not be read may be an allergy: neither "none" nor "not recorded" may be claimed.
  if (unreadable.length > 0 && active.length === 0) {
    return { kind: 'unavailable', label: ALLERGY_STATE_LABELS.unavailable, withheld, reason: 'unreadable', sources: [], ...extra };
  }
  if (active.length > 0) {
    return {
      kind: 'known',
      label: ALLERGY_STATE_LABELS.known,
      withheld,
      items: active,
      resolved,
      unavailableSources: unavailableSources.map((source) => ({ ...source })),
      ...extra,
    };
  }
  const activeStatements = statements.filter(isActive).sort(byRecency);
  // An unconfirmed "no known allergy" is not the fact "no known allergies": a confirmed statement stands alone; with
  // none, the label says it is unconfirmed.
  const confirmedStatements = activeStatements.filter((allergy) => !verificationCodes(allergy).includes('unconfirmed'));
  const unconfirmed = confirmedStatements.length === 0;
  const standing = unconfirmed ? activeStatements : confirmedStatements;
  const [statement] = standing;
  if (statement) {
    return {
      kind: 'no-known-allergies',
      label: unconfirmed ? `${noKnownAllergiesLabel(standing)} (unconfirmed)` : noKnownAllergiesLabel(standing),
      ...(unconfirmed ? { unconfirmed: true as const } : {}),
      withheld,
      statement: conceptText(statement.code, ALLERGY_STATE_LABELS['no-known-allergies']),
      source: sourceOf(statement, options.organizations),
      recorded: recordedDay(statement.recordedDate ?? statement.meta?.lastUpdated, options.audience),
      recordedBy: tidy(referencedParty(statement.recorder, statement).name) || NOT_KNOWN,
      resolved,
    };
  }
  return { kind: 'not-recorded', label: ALLERGY_STATE_LABELS['not-recorded'], withheld, resolved };
}

export interface RecordAllergyOptions extends AllergyStateOptions {
  /** The patient in context: allergies about anyone else are left out. */
  patientId: string;
  /** What the record's responses said they left out. */
  notices: RecordNotices;
  /** The viewer's scopes and role: allergies they may not see are `not-permitted`. */
  viewer?: ViewerPermissions | undefined;
}

/** The Organization among `resources` that the patient's `generalPractitioner` points at, if the page holds it. */
export function registeredPractice(patient: Patient, resources: readonly unknown[]): Organization | undefined {
  const references: unknown = patient.generalPractitioner;
  const id = (Array.isArray(references) ? (references as unknown[]) : [])
    .map((reference) => /(?:^|\/)Organization\/([^/]+)$/.exec(tidy((reference as { reference?: string } | null)?.reference))?.[1])
    .find((found) => found !== undefined);
  return id === undefined
    ? undefined
    : resources.find(
        (resource): resource is Organization =>
          typeof resource === 'object' &&
          resource !== null &&
          (resource as Organization).resourceType === 'Organization' &&
          (resource as Organization).id === id,
      );
}

/**
 * The allergy state of a record page — the resources of a `$summary`, or of
 * the page's searches — as the banner and the record summary both show it:
 * only allergies that say they are about `options.patientId`; for residents,
 * an allergy labelled `NOPAT` is left out and the state says some information
 * is not shown; the registered practice (read from the Patient and the
 * Organization it points at, when the page holds them) is named first when
 * sources did not answer.
 */
export function recordAllergyState(resources: readonly unknown[], options: RecordAllergyOptions): AllergyState {
  const { patientId, audience, notices } = options;
  let hidden = false;
  // Allergies about this resident, and those about someone else (or no one), which are never shown as theirs.
  const theirs: AllergyIntolerance[] = [];
  const strays: AllergyIntolerance[] = [];
  for (const allergy of resources.filter(isAllergyIntolerance))
    (referencesPatient(allergy.patient?.reference, patientId) ? theirs : strays).push(allergy);
  const entry = theirs
    .filter((allergy) => {
      const notForResident = audience === 'resident' && isHiddenFromResident(allergy);
      hidden ||= notForResident;
      return !notForResident;
    })
    .map((resource) => ({ resource }));
  const patient = resources.find(
    (resource): resource is Patient =>
      typeof resource === 'object' &&
      resource !== null &&
      (resource as Patient).resourceType === 'Patient' &&
      (resource as Patient).id === patientId,
  );
  const practice = patient ? registeredPractice(patient, resources) : undefined;
  const gpSourceOds = odsCodeOf(practice?.identifier);
  const state = allergyState(
    {
      bundle: { entry },
      notices: {
        withheld: notices.withheld || hidden,
        unavailableSources: notices.unavailableSources,
        // Who left allergies out, so that the label says so (a carer's access, a sign-in's scopes or the role).
        ...(notices.notPermittedTypes ? { notPermittedTypes: notices.notPermittedTypes } : {}),
        ...(notices.accessLeftOutTypes ? { accessLeftOutTypes: notices.accessLeftOutTypes } : {}),
        ...(notices.proxyLeftOutTypes ? { proxyLeftOutTypes: notices.proxyLeftOutTypes } : {}),
      },
      gpSourceOds,
      notPermitted: !mayRead(options.viewer ?? {}, notices, ['AllergyIntolerance']),
    },
    options,
  );
  // An allergy search that could not be read, or whose answer was cut short, cannot say "none" or "not recorded": what
  // was not read may be an allergy. Allergies it did read are still shown (the section says it may be incomplete).
  const searchFailed = (notices.unreadTypes ?? []).some((item) => item.type === 'AllergyIntolerance');
  const searchCut = (notices.cutShortTypes ?? []).some((item) => item.type === 'AllergyIntolerance');
  if (state.kind !== 'not-permitted' && (searchFailed || (searchCut && state.kind !== 'known')))
    return {
      kind: 'unavailable',
      label: ALLERGY_STATE_LABELS.unavailable,
      withheld: state.withheld,
      reason: 'error',
      sources: [],
      safetyIssues: [...(state.safetyIssues ?? []), ...strays.map((allergy) => wrongPatientIssue(allergy, allergy.patient?.reference))],
    };
  // An allergy about someone else on this resident's page says the answer was not this resident's alone: their own
  // allergies are still shown when there are some, but neither "no known allergies" nor "not recorded" is claimed from
  // an answer that carried another's — theirs may have gone elsewhere.
  if (strays.length === 0 || state.kind === 'not-permitted') return state;
  const safetyIssues = [...(state.safetyIssues ?? []), ...strays.map((allergy) => wrongPatientIssue(allergy, allergy.patient?.reference))];
  if (state.kind === 'known' || state.kind === 'unavailable') return { ...state, safetyIssues };
  return {
    kind: 'unavailable',
    label: ALLERGY_STATE_LABELS.unavailable,
    withheld: state.withheld,
    reason: 'error',
    sources: [],
    safetyIssues,
  };
}
