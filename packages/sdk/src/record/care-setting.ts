/**
 * The care setting an item comes from, for the timeline's filters. Decided
 * from the source organisation first, then from what the resource itself says:
 *
 * 1. What the resident entered themselves: `resident`; what someone acting for
 *    them (a carer, a relative) entered: `carer` — both carry the resident's
 *    source, a carer's under the carer's name.
 * 2. The organisation's name (from the ODS directory, else the organisation the
 *    resource names: its service provider, custodian, performer or booking
 *    organisation), first match wins:
 *    - "mental health" (any non-letters or none between the words, never
 *      within a longer word: "Fundamental Healthcare" is not), "psychiatr…"
 *      → `mental-health` — never wider than the hub's reading of a mental
 *      health service (its `policy/mental-health.ts`), so that no item the hub
 *      would have withheld as mental health is shown as from such a setting
 *    - "social care", "social services", "children's services", "council",
 *      "local authority" → `social-care`
 *    - "community" → `community`
 *    - "surgery", "medical practice/centre", "health centre", "group practice",
 *      "practice" → `gp`
 *    - "hospital", "infirmary", "NHS trust", "NHS foundation trust" → `hospital`
 * 3. The ODS code's shape: a letter and five digits (`F83999`) is a GP practice →
 *    `gp`; a council code (`LA999`, or an ONS local authority code such as
 *    `E09000019`) → `social-care`; an NHS trust or trust site (`RZ9`, `RZ9AB`) →
 *    `community` for a home visit, otherwise `hospital`.
 * 4. The encounter class alone: emergency, inpatient, short stay or observation
 *    → `hospital`; home health → `community`.
 * 5. Otherwise `other`.
 *
 * In the synthetic borough this gives: practices F83970–F83999 `gp`, Highbury
 * Vale Hospital (RZ9) `hospital`, Fleet Valley Community Health (RZ7)
 * `community`, Caledonian Mental Health (RZ8) `mental-health`, Islington Adult
 * Social Care (LA999) and Children's Services (LA998) `social-care`.
 */
import { NOT_KNOWN } from '../format/placeholders.js';
import { RESIDENT_SOURCE, type SourceLabel } from './source.js';

export type CareSetting = 'gp' | 'hospital' | 'community' | 'mental-health' | 'social-care' | 'resident' | 'carer' | 'other';

export const CARE_SETTINGS: readonly CareSetting[] = [
  'gp',
  'hospital',
  'community',
  'mental-health',
  'social-care',
  'resident',
  'carer',
  'other',
];

const NAME_PATTERNS: readonly (readonly [RegExp, CareSetting])[] = [
  [/(?<!\p{L})(?:mental\P{L}*health(?:care)?(?!\p{L})|(?:neuro)?psychiatr)/iu, 'mental-health'],
  [/social care|social services|children['’]?s services|\bcouncil\b|local authority/i, 'social-care'],
  [/\bcommunity\b/i, 'community'],
  [/\bsurgery\b|medical (practice|centre|center)|health (centre|center)|group practice|\bpractice\b/i, 'gp'],
  [/hospital|infirmary|nhs (foundation )?trust/i, 'hospital'],
];

const HOSPITAL_CLASSES: ReadonlySet<string> = new Set(['EMER', 'IMP', 'ACUTE', 'NONAC', 'SS', 'OBSENC', 'PRENC']);

function settingFromName(name: string | undefined): CareSetting | undefined {
  if (!name || name === NOT_KNOWN) return undefined;
  return NAME_PATTERNS.find(([pattern]) => pattern.test(name))?.[1];
}

function settingFromClass(encounterClass: string | undefined): CareSetting | undefined {
  if (!encounterClass) return undefined;
  if (HOSPITAL_CLASSES.has(encounterClass)) return 'hospital';
  return encounterClass === 'HH' ? 'community' : undefined;
}

function settingFromOdsCode(odsCode: string, encounterClass: string | undefined): CareSetting | undefined {
  const code = odsCode.toUpperCase();
  if (/^[A-X]\d{5}$/.test(code)) return 'gp';
  if (/^LA\d+$/.test(code) || /^E(0[6-9]|10)\d{6}$/.test(code)) return 'social-care';
  if (/^R[A-Z0-9]{2}([A-Z0-9]{2})?$/.test(code)) return encounterClass === 'HH' ? 'community' : 'hospital';
  return undefined;
}

export interface SettingHints {
  /** The organisation the resource itself names (`display`), when there is one. */
  organizationName?: string | undefined;
  /** `Encounter.class.code`. */
  encounterClass?: string | undefined;
}

/** The care setting of an item from `source`, by the rules above. */
export function careSettingOf(source: SourceLabel, hints: SettingHints = {}): CareSetting {
  if (source.odsCode === RESIDENT_SOURCE.odsCode) return source.name === RESIDENT_SOURCE.name ? 'resident' : 'carer';
  return (
    settingFromName(source.name) ??
    settingFromName(hints.organizationName) ??
    settingFromOdsCode(source.odsCode, hints.encounterClass) ??
    settingFromClass(hints.encounterClass) ??
    'other'
  );
}

const SETTING_LABELS: Record<'clinician' | 'resident', Record<CareSetting, string>> = {
  clinician: {
    gp: 'GP',
    hospital: 'Hospital',
    community: 'Community',
    'mental-health': 'Mental health',
    'social-care': 'Social care',
    resident: 'Resident',
    carer: 'Carer or relative',
    other: 'Other',
  },
  resident: {
    gp: 'GP surgery',
    hospital: 'Hospital',
    community: 'Community services',
    'mental-health': 'Mental health services',
    'social-care': 'Social care',
    resident: 'Added by you',
    carer: 'Added by your carers',
    other: 'Other',
  },
};

/**
 * What a filter chip for the setting says. A carer reading the resident's
 * record (`actingFor`, named by `short`) is not "you": what the resident added
 * is theirs by name, and what carers added is every carer's, the reader's too.
 */
export function careSettingLabel(setting: CareSetting, audience: 'clinician' | 'resident', actingFor?: { short: string }): string {
  if (audience === 'resident' && actingFor) {
    if (setting === 'resident') return `Added by ${actingFor.short}`;
    if (setting === 'carer') return 'Added by carers';
  }
  return SETTING_LABELS[audience][setting];
}
