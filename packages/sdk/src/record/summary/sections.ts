/**
 * What every summary section has in common: its key and PRSB order, its
 * headings and empty wording for each audience, the resource types it is made
 * from, whether the viewer may see it, and its state.
 */
import type { RecordAudience } from '../allergies.js';
import {
  cutShortNotice,
  NOT_PERMITTED_NOTICE,
  notPermittedNotices,
  NOT_SHOWN_SAFELY_NOTICE,
  reducedForRoleNotice,
  unavailableNotice,
  unreadableNotice,
  unreadNotices,
  unreadTypeNotice,
  WITHHELD_NOTICE,
  type RecordNotices,
} from '../notices.js';
import { mayRead, type ViewerPermissions } from '../permissions.js';
import type { SourceLabel } from '../source.js';

export type SummarySectionKey =
  | 'alerts'
  | 'allergies'
  | 'problems'
  | 'medications'
  | 'procedures'
  | 'immunisations'
  | 'legal'
  | 'contacts'
  | 'carePlans'
  | 'goals'
  | 'involvement'
  | 'appointments';

/** PRSB order of the summary's sections. */
export const SUMMARY_SECTION_ORDER: readonly SummarySectionKey[] = [
  'alerts',
  'allergies',
  'problems',
  'medications',
  'procedures',
  'immunisations',
  'legal',
  'contacts',
  'carePlans',
  'goals',
  'involvement',
  'appointments',
];

/**
 * `not-permitted`: the viewer's role may not see this section (takes
 * precedence); `partial`: a source did not answer; `withheld`: some items are
 * not shown to this viewer; otherwise `ready` or `empty`.
 */
export type SectionState = 'ready' | 'empty' | 'withheld' | 'partial' | 'not-permitted';

export interface SummarySection<Item> {
  key: SummarySectionKey;
  heading: string;
  state: SectionState;
  items: Item[];
  /** What to say when `items` is empty, in this section's own words. */
  emptyText: string;
  withheld: boolean;
  unavailableSources: SourceLabel[];
  /** Lines to show with the section: not permitted, unavailable sources by name, items that could not be read, withheld. */
  notices: string[];
  /** Items that could not be read, each shown as one line in `notices`: the section never reads as empty while any exist. */
  unreadable: SourceLabel[];
  /**
   * The answer carried items of this section about another patient (or no
   * one), left out: `notices` says some items could not be shown safely,
   * `emptyText` says so too, and the section never reads as empty. Its own
   * items are still shown.
   */
  notShownSafely: boolean;
  /**
   * A search of this section could not be read, or its answer was cut short: `notices` says which, the section is
   * `partial`, and it never reads as empty — not even as "nothing from the services that answered", since the one
   * not read may have answered. Absent: every search of the section was read whole.
   */
  notAllRead?: boolean;
}

type Texts = Record<SummarySectionKey, { heading: string; empty: string }>;

const CLINICIAN_TEXTS: Texts = {
  alerts: { heading: 'Alerts and safeguarding', empty: 'No alerts recorded' },
  allergies: { heading: 'Allergies and adverse reactions', empty: 'Allergies not recorded' },
  problems: { heading: 'Problems and issues', empty: 'No active problems recorded' },
  medications: { heading: 'Medications', empty: 'No current medications recorded' },
  procedures: { heading: 'Procedures', empty: 'No procedures recorded' },
  immunisations: { heading: 'Vaccinations', empty: 'No vaccinations recorded' },
  legal: { heading: 'Legal information and advance decisions', empty: 'No legal information recorded' },
  contacts: { heading: 'Personal contacts', empty: 'No personal contacts recorded' },
  carePlans: { heading: 'Care and support plans', empty: 'No care and support plans recorded' },
  goals: { heading: 'Goals', empty: 'No goals recorded' },
  involvement: { heading: 'Services involved', empty: 'No current services recorded' },
  appointments: { heading: 'Upcoming appointments', empty: 'No upcoming appointments' },
};

const RESIDENT_TEXTS: Texts = {
  alerts: { heading: 'Important notes about your care', empty: 'No alerts recorded' },
  allergies: { heading: 'Your allergies', empty: 'Allergies not recorded' },
  problems: { heading: 'Your health conditions', empty: 'No current health conditions recorded' },
  medications: { heading: 'Your medicines', empty: 'No current medicines recorded' },
  procedures: { heading: 'Your operations and procedures', empty: 'No operations or procedures recorded' },
  immunisations: { heading: 'Your vaccinations', empty: 'No vaccinations recorded' },
  legal: { heading: 'Legal and advance decisions about your care', empty: 'No legal decisions recorded' },
  contacts: { heading: 'Your carers and contacts', empty: 'No carers or contacts recorded' },
  carePlans: { heading: 'Your care and support plans', empty: 'No care and support plans recorded' },
  goals: { heading: 'Your goals', empty: 'No goals recorded' },
  involvement: { heading: 'Services supporting you', empty: 'No current services recorded' },
  appointments: { heading: 'Your upcoming appointments', empty: 'You have no upcoming appointments' },
};

export const sectionTexts = (audience: RecordAudience): Texts => (audience === 'resident' ? RESIDENT_TEXTS : CLINICIAN_TEXTS);

/**
 * The resident's section texts about someone else, for a carer acting for
 * them: `who` names them in sentences ("Bridget"). Sections that do not say
 * "your" or "you" keep the resident's words.
 */
export function carerSectionTexts(who: string): Texts {
  const their = `${who}’s`;
  return {
    ...RESIDENT_TEXTS,
    alerts: { heading: `Important notes about ${their} care`, empty: 'No alerts recorded' },
    allergies: { heading: `${their} allergies`, empty: 'Allergies not recorded' },
    problems: { heading: `${their} health conditions`, empty: 'No current health conditions recorded' },
    medications: { heading: `${their} medicines`, empty: 'No current medicines recorded' },
    procedures: { heading: `${their} operations and procedures`, empty: 'No operations or procedures recorded' },
    immunisations: { heading: `${their} vaccinations`, empty: 'No vaccinations recorded' },
    legal: { heading: `Legal and advance decisions about ${their} care`, empty: 'No legal decisions recorded' },
    contacts: { heading: `${their} carers and contacts`, empty: 'No carers or contacts recorded' },
    carePlans: { heading: `${their} care and support plans`, empty: 'No care and support plans recorded' },
    goals: { heading: `${their} goals`, empty: 'No goals recorded' },
    involvement: { heading: `Services supporting ${who}`, empty: 'No current services recorded' },
    appointments: { heading: `${their} upcoming appointments`, empty: `${who} has no upcoming appointments` },
  };
}

/** The resource types each section is built from; readable if any of them is. */
export const SECTION_TYPES: Readonly<Record<SummarySectionKey, readonly string[]>> = {
  alerts: ['Flag'],
  allergies: ['AllergyIntolerance'],
  problems: ['Condition'],
  medications: ['MedicationRequest', 'MedicationStatement'],
  procedures: ['Procedure'],
  immunisations: ['Immunization'],
  legal: ['Flag'],
  contacts: ['RelatedPerson'],
  carePlans: ['CarePlan'],
  goals: ['Goal'],
  involvement: ['EpisodeOfCare'],
  appointments: ['Appointment'],
};

/** Whether the viewer may see each section, from their scopes and role and the server's notices. */
export function permittedSections(viewer: ViewerPermissions, notices: RecordNotices): (key: SummarySectionKey) => boolean {
  return (key) => mayRead(viewer, notices, SECTION_TYPES[key]);
}

export interface SectionInputs {
  audience: RecordAudience;
  notices: RecordNotices;
  permitted: (key: SummarySectionKey) => boolean;
  /** Resource types (and section keys) of which some items were not shown to this viewer. */
  hiddenTypes: ReadonlySet<string>;
  /** Resource types (and section keys) of which the answer carried items about another patient, left out. */
  strayTypes?: ReadonlySet<string> | undefined;
}

/** Whether a section is made from any of `marks` (resource types, or section keys). */
const touches = (key: SummarySectionKey, marks: ReadonlySet<string>): boolean =>
  marks.has(key) || SECTION_TYPES[key].some((type) => marks.has(type));

const NO_MARKS: ReadonlySet<string> = new Set();

/**
 * Why a section the viewer may not read is not shown, in the words of who left it out: the role, the sign-in's scopes
 * or a carer's proxy access, as the answer said; the role's when only the host's scopes or role say so.
 */
const notPermittedWords = (key: SummarySectionKey, notices: RecordNotices): string[] => {
  const said = notPermittedNotices(notices, SECTION_TYPES[key]);
  return said.length > 0 ? said : [NOT_PERMITTED_NOTICE];
};

/** One section with its state and notices, from its items. */
export function buildSection<Item>(
  key: SummarySectionKey,
  items: Item[],
  inputs: SectionInputs,
  hasContent = items.length > 0,
  unreadableSources: readonly SourceLabel[] = [],
): SummarySection<Item> {
  const { notices, hiddenTypes } = inputs;
  const texts = sectionTexts(inputs.audience)[key];
  const allowed = inputs.permitted(key);
  const withheld = allowed && (notices.withheld || touches(key, hiddenTypes));
  // The one place a summary section learns that its answer was misrouted: it then never reads as empty.
  const notShownSafely = allowed && touches(key, inputs.strayTypes ?? NO_MARKS);
  const unavailableSources = allowed ? notices.unavailableSources.map((source) => ({ ...source })) : [];
  // A search of this section that could not be read, or whose answer was cut short: never "none", never complete.
  const unread = allowed ? (notices.unreadTypes ?? []).filter((item) => SECTION_TYPES[key].includes(item.type)) : [];
  const cut = allowed ? (notices.cutShortTypes ?? []).filter((item) => SECTION_TYPES[key].includes(item.type)) : [];
  // A section made from several searches (the medicines), some read, names the part that could not be: the rest is shown.
  const wholeUnread = SECTION_TYPES[key].every((type) => unread.some((item) => item.type === type));
  const unreadLines = wholeUnread ? unread.map((item) => unreadTypeNotice(item.reason)) : unreadNotices(unread);
  const searchLines = [...new Set([...unreadLines, ...cut.map(cutShortNotice)])];
  let state: SectionState;
  if (!allowed) state = 'not-permitted';
  else if (unavailableSources.length > 0 || searchLines.length > 0) state = 'partial';
  else if (withheld) state = 'withheld';
  else state = hasContent || unreadableSources.length > 0 || notShownSafely ? 'ready' : 'empty';
  const unreadable = allowed ? unreadableSources.map((source) => ({ ...source })) : [];
  // What the role's view of this section's types leaves out (a receptionist's appointments): said here, once.
  const reducedTypes = (notices.reducedForRole ?? []).filter((type) => SECTION_TYPES[key].includes(type));
  return {
    key,
    heading: texts.heading,
    state,
    items: allowed ? items : [],
    emptyText: searchLines[0] ?? (notShownSafely ? NOT_SHOWN_SAFELY_NOTICE : texts.empty),
    withheld,
    unavailableSources,
    notices: allowed
      ? [
          ...searchLines,
          ...(notShownSafely ? [NOT_SHOWN_SAFELY_NOTICE] : []),
          ...unavailableSources.map(unavailableNotice),
          ...unreadable.map((source) => unreadableNotice(source, inputs.audience)),
          ...(reducedTypes.length > 0 ? [reducedForRoleNotice(reducedTypes)] : []),
          ...(withheld ? [WITHHELD_NOTICE] : []),
        ]
      : notPermittedWords(key, notices),
    unreadable,
    notShownSafely,
    ...(allowed && searchLines.length > 0 ? { notAllRead: true } : {}),
  };
}
