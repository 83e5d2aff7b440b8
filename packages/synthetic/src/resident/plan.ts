/**
 * Deciding who a resident is. Residents 0–9 are a fixed cast for demos and
 * tests (their kind is fixed; their names and details still come from the
 * seed); every other resident is drawn from borough-like distributions.
 *
 *  0 adult with diabetes and hypertension — the resident persona
 *  1 long-history: decades of records, haemodialysis, 5,000+ timeline events
 *  2 frail older person with adult social care, dementia and a lasting power of attorney
 *  3 child known to children's services (safeguarding)
 *  4 deceased older person (died in hospital)
 *  5 newborn
 *  6 adult under the mental health trust
 *  7 young adult seen at the sexual health clinic
 *  8 adult with no registered GP
 *  9 frail older person with reablement and a DoLS authorisation
 * 10 child under 11 whose mother has proxy access (set up by the practice)
 * 11 young person of 16 or 17, the same mother's son, whose proxy access ended at 16
 */
import type { Patient } from '@care-record/sdk';
import { conditions, conditionsByKey, type ConditionDefinition } from '../clinical/conditions.js';
import type { OrganizationDirectory, OrganizationEntry } from '../directory/organizations.js';
import { communities } from '../people/communities.js';
import type { Random, Weighted } from '../random.js';
import { DAY, toMinute, YEAR } from '../time.js';
import type { AllergyState, PlannedCondition, ResidentPlan, ResidentProfile, ServiceFeatures, Sex } from './plan-types.js';

/** The resident index with the long history. */
export const LONG_HISTORY_INDEX = 1;

export const patientIdForIndex = (index: number): string => `pat-${String(index + 1).padStart(6, '0')}`;

interface Cast {
  readonly profile: ResidentProfile;
  readonly age: readonly [number, number];
  readonly sex?: Sex;
  readonly conditions?: readonly string[];
  readonly practice: 'first' | 'none' | 'any';
  readonly features?: Partial<ServiceFeatures>;
  readonly allergies?: AllergyState;
  /** Years before now the resident died (deceased cast only). */
  readonly diedYearsAgo?: readonly [number, number];
}

const cast: readonly Cast[] = [
  {
    profile: 'adult',
    age: [56, 63],
    conditions: ['type-2-diabetes', 'hypertension'],
    practice: 'first',
    allergies: 'known',
    features: { emergencyAttendances: 1, overTheCounter: true, homeReadings: true, doseDisagreement: true, electiveAdmission: true },
  },
  { profile: 'long-history', age: [76, 80], sex: 'male', practice: 'first', allergies: 'known' },
  {
    profile: 'frail-older-social-care',
    age: [84, 92],
    sex: 'female',
    conditions: ['alzheimers', 'hypertension', 'osteoarthritis'],
    practice: 'first',
    features: {
      emergencyAttendances: 2,
      adultSocialCare: true,
      lastingPowerOfAttorney: true,
      resuscitationDecision: true,
      riskToOthers: true,
      districtNursing: true,
    },
  },
  {
    profile: 'child-social-care',
    age: [6, 11],
    conditions: ['asthma'],
    practice: 'first',
    features: { childrensServices: true, emergencyAttendances: 1 },
  },
  {
    profile: 'deceased',
    age: [78, 90],
    sex: 'male',
    conditions: ['heart-failure', 'copd', 'atrial-fibrillation'],
    practice: 'first',
    diedYearsAgo: [0.2, 1.5],
    features: { emergencyAttendances: 2, resuscitationDecision: true, districtNursing: true },
  },
  { profile: 'newborn', age: [5 / 365, 20 / 365], practice: 'first', allergies: 'not-recorded' },
  {
    profile: 'adult-mental-health',
    age: [30, 48],
    conditions: ['schizophrenia'],
    practice: 'first',
    features: { mentalHealthService: true, emergencyAttendances: 1 },
  },
  {
    profile: 'adult',
    age: [21, 32],
    sex: 'female',
    practice: 'first',
    allergies: 'none-known',
    features: { sexualHealth: true, riskFromOthers: true },
  },
  { profile: 'no-gp', age: [24, 40], practice: 'none', allergies: 'not-recorded', features: { emergencyAttendances: 2 } },
  {
    profile: 'frail-older-social-care',
    age: [82, 95],
    conditions: ['alzheimers', 'osteoporosis', 'chronic-kidney-disease'],
    practice: 'first',
    features: { emergencyAttendances: 1, adultSocialCare: true, deprivationOfLiberty: true, resuscitationDecision: true },
  },
  { profile: 'child', age: [7, 9], sex: 'female', conditions: ['asthma'], practice: 'first', allergies: 'none-known' },
  { profile: 'child', age: [16.1, 17.5], sex: 'male', practice: 'first' },
];

const ageBands: readonly Weighted<readonly [number, number]>[] = [
  [[0, 1], 1.2],
  [[1, 5], 4.5],
  [[5, 12], 8],
  [[12, 18], 6],
  [[18, 30], 22],
  [[30, 45], 26],
  [[45, 65], 20],
  [[65, 80], 8.5],
  [[80, 90], 3],
  [[90, 102], 0.8],
];

const deathAgeBands: readonly Weighted<readonly [number, number]>[] = [
  [[30, 65], 0.15],
  [[65, 80], 0.3],
  [[80, 100], 0.55],
];

const noFeatures = (): ServiceFeatures => ({
  emergencyAttendances: 0,
  electiveAdmission: false,
  adultSocialCare: false,
  childrensServices: false,
  mentalHealthService: false,
  sexualHealth: false,
  districtNursing: false,
  physiotherapy: false,
  overTheCounter: false,
  homeReadings: false,
  doseDisagreement: false,
  lastingPowerOfAttorney: false,
  deprivationOfLiberty: false,
  resuscitationDecision: false,
  riskToOthers: false,
  riskFromOthers: false,
  interpreter: false,
});

/** Practices differ in list size; the weights are fixed so registration does not depend on the seed's draw order. */
function practiceWeights(practices: readonly OrganizationEntry[]): Weighted<OrganizationEntry>[] {
  return practices.map((practice, position) => [practice, 0.6 + ((position * 37) % 9) / 10]);
}

function planCondition(definition: ConditionDefinition, birth: number, end: number, rng: Random): PlannedCondition {
  const ageAtEnd = (end - birth) / YEAR;
  const earliest = Math.min(definition.minimumOnsetAge, Math.max(0, ageAtEnd - 0.1));
  // Onset skews towards later life: most people are diagnosed in the years before now.
  const onsetAge = earliest + (ageAtEnd - earliest) * Math.sqrt(rng.next());
  const onset = Math.min(end - 30 * DAY, birth + onsetAge * YEAR);
  return {
    definition,
    onset: Math.max(birth + DAY, onset),
    regimen: rng.pick(definition.regimens),
    stoppedEarlier: definition.stopped !== undefined && rng.chance(0.3),
    seenInClinic: definition.clinic !== undefined && rng.chance(definition.clinicChance ?? 0),
  };
}

export function planResident(index: number, now: number, organizations: OrganizationDirectory, rng: Random): ResidentPlan {
  const fixed = cast[index];
  const features = noFeatures();
  let profile: ResidentProfile;
  let age: number;
  let death: number | undefined;

  if (fixed) {
    profile = fixed.profile;
    const [died1, died2] = fixed.diedYearsAgo ?? [0, 0];
    if (fixed.diedYearsAgo) death = toMinute(now - rng.between(died1, died2) * YEAR);
    age = rng.between(fixed.age[0], fixed.age[1]);
    Object.assign(features, fixed.features);
  } else {
    const deceased = rng.chance(0.02);
    if (deceased) {
      death = toMinute(now - rng.between(2 / 365, 6) * YEAR);
      const [from, to] = rng.weighted(deathAgeBands);
      age = rng.between(from, to);
      profile = 'deceased';
    } else {
      const [from, to] = rng.weighted(ageBands);
      age = rng.between(from, to);
      profile = 'adult';
    }
  }
  const end = death ?? now;
  const birth = toMinute(end - age * YEAR - rng.next() * DAY);
  const sexDraw = rng.next();
  const sex: Sex = fixed?.sex ?? (sexDraw < 0.5 ? 'female' : 'male');
  const genderDraw = rng.next();
  const gender: NonNullable<Patient['gender']> = genderDraw < 0.003 ? 'unknown' : genderDraw < 0.005 && age >= 16 ? 'other' : sex;

  if (!fixed && profile !== 'deceased') {
    if (age < 28 / 365) profile = 'newborn';
    else if (age < 18) profile = rng.chance(0.04) ? 'child-social-care' : 'child';
    else if (age < 70 && rng.chance(0.015)) profile = 'no-gp';
    else if (age >= 80) profile = rng.chance(0.45) ? 'frail-older-social-care' : 'older-adult';
    else if (age >= 65) profile = rng.chance(0.08) ? 'frail-older-social-care' : 'older-adult';
    else profile = rng.chance(0.03) ? 'adult-mental-health' : 'adult';
  }

  let practice: OrganizationEntry | undefined;
  const practiceChoice = fixed?.practice ?? (profile === 'no-gp' ? 'none' : 'any');
  if (practiceChoice === 'first') practice = organizations.practices[0];
  else if (practiceChoice === 'any') practice = rng.weighted(practiceWeights(organizations.practices));

  const community = rng.weighted(communities);
  const languageChance = age >= 60 ? 0.55 : age >= 18 ? 0.25 : 0.03;
  const prefersCommunityLanguage = community.language !== undefined && rng.chance(languageChance);

  // Problems: the fixed cast's, then each condition by its age-specific chance.
  const planned = new Map<string, PlannedCondition>();
  const conditionRng = rng.fork('conditions');
  for (const key of fixed?.conditions ?? []) {
    const definition = conditionsByKey.get(key);
    if (definition) planned.set(key, planCondition(definition, birth, end, conditionRng));
  }
  if (profile !== 'long-history') {
    const frailty = profile === 'frail-older-social-care' || profile === 'deceased' ? 1.6 : 1;
    for (const definition of conditions) {
      if (planned.has(definition.key) || age < definition.minimumOnsetAge) continue;
      if (conditionRng.chance(definition.chance(age, sex) * frailty))
        planned.set(definition.key, planCondition(definition, birth, end, conditionRng));
    }
  }
  if (profile === 'adult-mental-health' && ![...planned.values()].some((entry) => entry.definition.mentalHealthService)) {
    const key = conditionRng.weighted<string>([
      ['schizophrenia', 0.55],
      ['bipolar', 0.45],
    ]);
    const definition = conditionsByKey.get(key);
    if (definition) planned.set(key, planCondition(definition, birth, end, conditionRng));
  }
  const plannedConditions = [...planned.values()];
  const has = (key: string): boolean => planned.has(key);

  const featureRng = rng.fork('features');
  if (!fixed) {
    const years = Math.min(6, age);
    const rate =
      profile === 'frail-older-social-care' || profile === 'deceased' ? 0.45 : age < 5 ? 0.3 : age < 18 ? 0.12 : age >= 65 ? 0.22 : 0.1;
    features.emergencyAttendances = Math.min(4, featureRng.poisson(rate * years));
    features.electiveAdmission = age >= 40 && featureRng.chance(0.04);
    features.adultSocialCare = profile === 'frail-older-social-care';
    features.childrensServices = profile === 'child-social-care';
    features.mentalHealthService = profile === 'adult-mental-health';
    features.sexualHealth = age >= 16 && age < 45 && featureRng.chance(0.06);
    features.districtNursing =
      (profile === 'frail-older-social-care' && featureRng.chance(0.6)) || (profile === 'deceased' && featureRng.chance(0.4));
    features.physiotherapy = age >= 30 && (has('osteoarthritis') ? featureRng.chance(0.5) : featureRng.chance(0.04));
    features.overTheCounter = age >= 18 && featureRng.chance(0.15);
    features.homeReadings = age >= 30 && (has('hypertension') ? featureRng.chance(0.3) : featureRng.chance(0.03));
    features.lastingPowerOfAttorney = age >= 70 && featureRng.chance(profile === 'frail-older-social-care' ? 0.35 : 0.05);
    features.deprivationOfLiberty = profile === 'frail-older-social-care' && has('alzheimers') && featureRng.chance(0.4);
    features.resuscitationDecision = (profile === 'frail-older-social-care' || profile === 'deceased') && featureRng.chance(0.5);
    features.riskFromOthers = age >= 16 && age < 70 && featureRng.chance(0.015);
    features.riskToOthers = (profile === 'adult-mental-health' && featureRng.chance(0.2)) || (has('alzheimers') && featureRng.chance(0.1));
  }
  features.doseDisagreement ||= featureRng.chance(0.35);
  features.interpreter = prefersCommunityLanguage && age >= 18 && featureRng.chance(0.6);
  if (profile === 'no-gp') features.overTheCounter = false;

  let allergies: AllergyState = fixed?.allergies ?? 'none-known';
  if (!fixed?.allergies) {
    if (!practice) allergies = 'not-recorded';
    else if (age < 2) allergies = featureRng.chance(0.6) ? 'not-recorded' : 'none-known';
    else
      allergies = featureRng.weighted<AllergyState>([
        ['known', 0.25],
        ['none-known', 0.6],
        ['not-recorded', 0.15],
      ]);
  }

  const historyYears = profile === 'long-history' ? 45 : rng.between(6, 12);
  const diedInHospital = death !== undefined && rng.chance(index === 4 ? 1 : 0.55);
  const finalAdmission = diedInHospital && death !== undefined ? Math.max(birth, toMinute(death - rng.between(1, 12) * DAY)) : undefined;

  return {
    index,
    patientId: patientIdForIndex(index),
    profile,
    sex,
    gender,
    birth,
    ...(death !== undefined ? { death } : {}),
    diedInHospital,
    ...(finalAdmission !== undefined ? { finalAdmission } : {}),
    ...(practice ? { practice } : {}),
    community,
    prefersCommunityLanguage,
    conditions: plannedConditions,
    allergies,
    historyStart: Math.max(birth, end - historyYears * YEAR),
    features,
    constitution: { weight: Math.max(-2.5, Math.min(2.5, rng.normal(0, 1))), bloodPressure: Math.max(-2, Math.min(2.5, rng.normal(0, 1))) },
  };
}
