/**
 * What is decided about a resident before any resource is written: who they
 * are, when they were born (and died), where they are registered, what they
 * live with, and which services know them.
 */
import type { Patient } from '@care-record/sdk';
import type { OrganizationEntry } from '../directory/organizations.js';
import type { ConditionDefinition } from '../clinical/conditions.js';
import type { Community } from '../people/communities.js';

/**
 * The kind of resident, for picking demo cases: `newborn` (under four weeks),
 * `child`, `child-social-care` (known to children's services), `adult`,
 * `adult-mental-health` (under the mental health trust), `older-adult`,
 * `frail-older-social-care` (adult social care involvement), `deceased`,
 * `no-gp` (not registered with a practice) and `long-history` (decades of
 * records, thousands of timeline events).
 */
export type ResidentProfile =
  | 'newborn'
  | 'child'
  | 'child-social-care'
  | 'adult'
  | 'adult-mental-health'
  | 'older-adult'
  | 'frail-older-social-care'
  | 'deceased'
  | 'no-gp'
  | 'long-history';

export type Sex = 'male' | 'female';

export interface PlannedCondition {
  readonly definition: ConditionDefinition;
  readonly onset: number;
  readonly regimen: readonly string[];
  readonly stoppedEarlier: boolean;
  readonly seenInClinic: boolean;
}

export type AllergyState = 'known' | 'none-known' | 'not-recorded';

export interface ServiceFeatures {
  emergencyAttendances: number;
  /** Planned admission besides any after an emergency attendance. */
  electiveAdmission: boolean;
  adultSocialCare: boolean;
  childrensServices: boolean;
  mentalHealthService: boolean;
  sexualHealth: boolean;
  districtNursing: boolean;
  physiotherapy: boolean;
  overTheCounter: boolean;
  homeReadings: boolean;
  doseDisagreement: boolean;
  lastingPowerOfAttorney: boolean;
  deprivationOfLiberty: boolean;
  resuscitationDecision: boolean;
  riskToOthers: boolean;
  riskFromOthers: boolean;
  interpreter: boolean;
}

export interface ResidentPlan {
  readonly index: number;
  readonly patientId: string;
  readonly profile: ResidentProfile;
  readonly sex: Sex;
  readonly gender: NonNullable<Patient['gender']>;
  readonly birth: number;
  readonly death?: number;
  readonly diedInHospital: boolean;
  /** For a death in hospital, when the final admission began: care at home stops there. */
  readonly finalAdmission?: number;
  readonly practice?: OrganizationEntry;
  readonly community: Community;
  readonly prefersCommunityLanguage: boolean;
  readonly conditions: readonly PlannedCondition[];
  readonly allergies: AllergyState;
  /** Start of the detailed record the sources still hold (older events are summarised as problems). */
  readonly historyStart: number;
  readonly features: ServiceFeatures;
  /** The person's own build and blood pressure, as z-scores, so their readings stay consistent over time. */
  readonly constitution: { readonly weight: number; readonly bloodPressure: number };
}
