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
import { isNotPermitted, type RecordNotices } from './notices.js';
import { mayRead, type ViewerPermissions } from './permissions.js';
import { referencesPatient } from './patient-reference.js';
import { odsCodeOf, sourceOf, type SourceLabel } from './source.js';
import { tidyText as tidy } from './concept-text.js';

/** Who the view is for: a professional (NHS CUI formats) or the resident (NHS service manual formats). */
export type RecordAudience = 'clinician' | 'resident';

export type AllergyStateKind = 'known' | 'no-known-allergies' | 'not-recorded' | 'unavailable' | 'not-permitted';

/** The CUI wording of each state, for clinicians and residents alike. */
export const ALLERGY_STATE_LABELS: Readonly<Record<AllergyStateKind, string>> = {
  known: 'Known allergies',
  'no-known-allergies': 'No known allergies',
  'not-recorded': 'Allergies not recorded',
  unavailable: 'Allergies unavailable',
  'not-permitted': 'Allergies not available to your role',
};

export interface AllergyReaction {
  /** What happened, as the source recorded it; at least one entry (`Not known` when none was recorded). */
  manifestations: string[];
  /** `Mild`, `Moderate`, `Severe` or `Not recorded`. */
  severity: string;
  /** Free-text description, when recorded. */
  description?: string;
}

export interface AllergyItem {
  id: string;
  /** The substance as recorded: `code.text`, else the coding's display; never a substituted term. */
  substance: string;
  /** `Allergy`, `Intolerance` or `Not recorded`. */
  type: string;
  /** `Medication`, `Food`, `Environment`, `Biologic`, joined; `Not recorded` when absent. */
  category: string;
  reactions: AllergyReaction[];
  /** The most severe reaction: `Severe`, `Moderate`, `Mild` or `Not recorded`. */
  severity: string;
  /** `High`, `Low`, `Unable to assess` or `Not recorded`. */
  criticality: string;
  /** `Confirmed`, `Unconfirmed` or `Not recorded`. */
  verification: string;
  /** `Active`, `Inactive` or `Resolved`. */
  status: string;
  onset: string;
  /** When the entry was last updated (its `meta.lastUpdated`, else its recorded date). */
  lastUpdated: string;
  /** Who recorded it, as the source names them; `Not known` when not recorded. */
  recordedBy: string;
  /** Set when the resident (or a carer) reported it rather than a professional. */
  reportedByResident: boolean;
  notes: string[];
  source: SourceLabel;
}

interface AllergyStateBase {
  label: string;
  /** Some items are not shown to this viewer: show "Some information is not shown" beside the state. */
  withheld: boolean;
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
      reason: 'error' | 'source-unavailable';
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

const SNOMED = 'http://snomed.info/sct';

const isAllergyIntolerance = (resource: unknown): resource is AllergyIntolerance =>
  typeof resource === 'object' && resource !== null && (resource as { resourceType?: unknown }).resourceType === 'AllergyIntolerance';

/**
 * SNOMED CT codes that state an absence of allergy: no known allergy, no known
 * drug allergy, no known food allergy, no known environmental allergy, no known
 * insect allergy.
 */
export const NO_KNOWN_ALLERGY_CODES: ReadonlySet<string> = new Set(['716186003', '409137002', '429625007', '428607008', '428197003']);

// Free-text statements some feeds send without a code.
const NO_KNOWN_ALLERGY_TEXT = /^(?:no known (?:drug |food |medication |environmental )?allerg(?:y|ies)|nkda|nka)\.?$/i;

/** Picks the date format for the audience. */
export const recordDate = (value: ClinicalDateInput, audience: RecordAudience): string =>
  audience === 'resident' ? formatResidentDate(value) : formatClinicalDate(value);

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

const statusCode = (allergy: AllergyIntolerance): string | undefined => allergy.clinicalStatus?.coding?.find((coding) => coding.code)?.code;
const verificationCode = (allergy: AllergyIntolerance): string | undefined =>
  allergy.verificationStatus?.coding?.find((coding) => coding.code)?.code;

/** An entry that must not be shown at all: entered in error, or refuted. */
const isVoid = (allergy: AllergyIntolerance): boolean => {
  const verification = verificationCode(allergy);
  return verification === 'entered-in-error' || verification === 'refuted';
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

export function isNoKnownAllergyStatement(allergy: AllergyIntolerance): boolean {
  const codings = allergy.code?.coding ?? [];
  if (codings.some((coding) => coding.system === SNOMED && coding.code !== undefined && NO_KNOWN_ALLERGY_CODES.has(coding.code)))
    return true;
  return codings.every((coding) => !coding.code) && NO_KNOWN_ALLERGY_TEXT.test(tidy(allergy.code?.text));
}

const onsetOf = (allergy: AllergyIntolerance, audience: RecordAudience): string => {
  if (allergy.onsetDateTime !== undefined) return recordDate(allergy.onsetDateTime, audience);
  if (allergy.onsetPeriod !== undefined) return recordDate(allergy.onsetPeriod.start, audience);
  if (allergy.onsetString !== undefined) return tidy(allergy.onsetString) || NOT_RECORDED;
  if (allergy.onsetAge?.value !== undefined) return `Age ${allergy.onsetAge.value} ${tidy(allergy.onsetAge.unit) || 'years'}`.trim();
  return NOT_RECORDED;
};

const lastUpdatedValue = (allergy: AllergyIntolerance): string | undefined => allergy.meta?.lastUpdated ?? allergy.recordedDate;

function allergyItem(allergy: AllergyIntolerance, options: AllergyStateOptions): AllergyItem {
  const reactions = (allergy.reaction ?? []).map((reaction): AllergyReaction => {
    const manifestations = (reaction.manifestation ?? []).map((concept) => conceptText(concept)).filter((text) => text !== NOT_KNOWN);
    const description = tidy(reaction.description);
    return {
      manifestations: manifestations.length > 0 ? manifestations : [NOT_KNOWN],
      severity: codeWords(reaction.severity),
      ...(description ? { description } : {}),
    };
  });
  const worst = (allergy.reaction ?? [])
    .map((reaction) => reaction.severity)
    .reduce<string | undefined>(
      (most, severity) => ((SEVERITY_RANK[severity ?? ''] ?? 0) > (SEVERITY_RANK[most ?? ''] ?? 0) ? severity : most),
      undefined,
    );
  const asserter = allergy.asserter?.reference ?? '';
  return {
    id: allergy.id ?? NOT_KNOWN,
    substance: conceptText(allergy.code, '') || conceptText(allergy.reaction?.find((reaction) => reaction.substance)?.substance),
    type: codeWords(allergy.type),
    category: allergy.category?.length ? allergy.category.map(codeWords).join(', ') : NOT_RECORDED,
    reactions,
    severity: codeWords(worst),
    criticality: codeWords(allergy.criticality),
    verification: codeWords(verificationCode(allergy)),
    status: isActive(allergy) ? 'Active' : codeWords(statusCode(allergy)),
    onset: onsetOf(allergy, options.audience),
    lastUpdated: recordDate(lastUpdatedValue(allergy), options.audience),
    recordedBy: tidy(allergy.recorder?.display) || NOT_KNOWN,
    reportedByResident: /(^|\/)(Patient|RelatedPerson)\//.test(asserter),
    notes: (allergy.note ?? []).map((note) => tidy(note.text)).filter(Boolean),
    source: sourceOf(allergy, options.organizations),
  };
}

const time = (value: string | undefined): number => {
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
};

/** Highest criticality first, then the most recently updated, then by substance. */
function byCriticalityThenRecency(a: { allergy: AllergyIntolerance; item: AllergyItem }, b: typeof a): number {
  return (
    (CRITICALITY_RANK[b.allergy.criticality ?? ''] ?? 0) - (CRITICALITY_RANK[a.allergy.criticality ?? ''] ?? 0) ||
    time(lastUpdatedValue(b.allergy)) - time(lastUpdatedValue(a.allergy)) ||
    a.item.substance.localeCompare(b.item.substance, 'en-GB')
  );
}

const byRecency = (a: AllergyIntolerance, b: AllergyIntolerance): number => time(lastUpdatedValue(b)) - time(lastUpdatedValue(a));

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
 * 4. an active "no known allergy" statement (SNOMED 716186003 and kin) →
 *    `no-known-allergies`, the most recent statement giving source and date;
 * 5. otherwise → `not-recorded` (including when only resolved entries exist).
 * Entries entered in error or refuted are ignored. Withheld items do not change
 * the state; `withheld` says to show "Some information is not shown" with it.
 */
export function allergyState(input: AllergyStateInput, options: AllergyStateOptions): AllergyState {
  const withheld = input.notices.withheld;
  if (input.notPermitted || isNotPermitted(input.notices, ['AllergyIntolerance'])) {
    return { kind: 'not-permitted', label: ALLERGY_STATE_LABELS['not-permitted'], withheld: false };
  }
  if (input.failed || !input.bundle) {
    return { kind: 'unavailable', label: ALLERGY_STATE_LABELS.unavailable, withheld, reason: 'error', sources: [] };
  }

  const allergies = (input.bundle.entry ?? [])
    .filter((entry) => entry.search?.mode !== 'include' && entry.search?.mode !== 'outcome')
    .map((entry) => entry.resource)
    .filter(isAllergyIntolerance)
    .filter((allergy) => !isVoid(allergy));
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
    };
  }
  if (active.length > 0) {
    return {
      kind: 'known',
      label: ALLERGY_STATE_LABELS.known,
      withheld,
      items: active,
      resolved,
      unavailableSources: unavailableSources.map((source) => ({ ...source })),
    };
  }
  const statement = statements.filter(isActive).sort(byRecency)[0];
  if (statement) {
    return {
      kind: 'no-known-allergies',
      label: ALLERGY_STATE_LABELS['no-known-allergies'],
      withheld,
      statement: conceptText(statement.code, ALLERGY_STATE_LABELS['no-known-allergies']),
      source: sourceOf(statement, options.organizations),
      recorded: recordDate(statement.recordedDate ?? statement.meta?.lastUpdated, options.audience),
      recordedBy: tidy(statement.recorder?.display) || NOT_KNOWN,
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
  const id = (patient.generalPractitioner ?? [])
    .map((reference) => /(?:^|\/)Organization\/([^/]+)$/.exec(tidy(reference.reference))?.[1])
    .find((found) => found !== undefined);
  return id === undefined
    ? undefined
    : resources.find(
        (resource): resource is Organization =>
          (resource as Organization).resourceType === 'Organization' && (resource as Organization).id === id,
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
  const entry = resources
    .filter(isAllergyIntolerance)
    .filter((allergy) => referencesPatient(allergy.patient?.reference, patientId))
    .filter((allergy) => {
      const notForResident = audience === 'resident' && (allergy.meta?.security ?? []).some((label) => label.code === 'NOPAT');
      hidden ||= notForResident;
      return !notForResident;
    })
    .map((resource) => ({ resource }));
  const patient = resources.find(
    (resource): resource is Patient => (resource as Patient).resourceType === 'Patient' && (resource as Patient).id === patientId,
  );
  const practice = patient ? registeredPractice(patient, resources) : undefined;
  const gpSourceOds = odsCodeOf(practice?.identifier);
  return allergyState(
    {
      bundle: { entry },
      notices: { withheld: notices.withheld || hidden, unavailableSources: notices.unavailableSources },
      gpSourceOds,
      notPermitted: !mayRead(options.viewer ?? {}, notices, ['AllergyIntolerance']),
    },
    options,
  );
}
