/**
 * The problem list: each long-term condition as the GP practice codes it, and
 * — for conditions the mental health trust manages — the trust's own
 * diagnosis, labelled `PSY`.
 */
import type { Condition } from '@care-record/sdk';
import type { OrganizationEntry } from '../directory/organizations.js';
import type { StaffEntry } from '../directory/staff.js';
import { coding, concept, SNOMED, type CodeableConcept, type SecurityLabel } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime } from '../time.js';
import type { ResidentContext } from './context.js';

const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';

export interface ConditionSpec {
  readonly organization: OrganizationEntry;
  readonly recorder: StaffEntry;
  readonly code: CodeableConcept;
  readonly onset: number;
  /** Onset as the source knows it: a full date, or only the month. */
  readonly onsetPrecision?: 'day' | 'month';
  readonly recorded: number;
  readonly status: 'active' | 'inactive' | 'resolved';
  readonly abated?: number;
  readonly category: 'problem-list-item' | 'encounter-diagnosis';
  readonly encounterId?: string;
  readonly security?: readonly SecurityLabel[];
}

const statusDisplay = { active: 'Active', inactive: 'Inactive', resolved: 'Resolved' } as const;

export function writeCondition(context: ResidentContext, spec: ConditionSpec): Condition {
  const onset = context.past(spec.onset);
  const recorded = context.past(Math.max(onset, spec.recorded));
  const onsetText = spec.onsetPrecision === 'month' ? fhirDate(onset).slice(0, 7) : fhirDate(onset);
  return context.add<Condition>({
    resourceType: 'Condition',
    id: context.id('con'),
    meta: context.meta(spec.organization, 'Condition', recorded, spec.security),
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: spec.status, display: statusDisplay[spec.status] },
      ],
    },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed', display: 'Confirmed' }],
    },
    category: [
      {
        coding: [
          coding(CONDITION_CATEGORY, spec.category, spec.category === 'problem-list-item' ? 'Problem List Item' : 'Encounter Diagnosis'),
        ],
      },
    ],
    code: spec.code,
    subject: context.patient(),
    ...(spec.encounterId ? { encounter: { reference: `Encounter/${spec.encounterId}` } } : {}),
    onsetDateTime: onsetText,
    ...(spec.abated !== undefined ? { abatementDateTime: fhirDate(context.past(Math.max(onset, spec.abated))) } : {}),
    recordedDate: fhirDateTime(recorded),
    recorder: spec.recorder.reference(),
  });
}

/** Condition ids by condition key, for plans and letters that refer to them. */
export type ProblemIds = ReadonlyMap<string, string>;

export function writeProblems(context: ResidentContext, rng: Random): ProblemIds {
  const ids = new Map<string, string>();
  const { organizations } = context.directory;
  const source = context.plan.practice ?? organizations.hospital;
  for (const planned of context.plan.conditions) {
    const { definition } = planned;
    const recorder = context.plan.practice ? context.staff(source, 'gp', rng) : context.staff(source, 'consultant', rng);
    const code = concept(definition.text, coding(SNOMED, definition.snomed, definition.display));
    const written = writeCondition(context, {
      organization: source,
      recorder,
      code,
      onset: planned.onset,
      onsetPrecision: rng.chance(0.3) ? 'month' : 'day',
      recorded: planned.onset + rng.int(0, 20) * DAY,
      status: definition.past ? 'inactive' : 'active',
      category: 'problem-list-item',
    });
    ids.set(definition.key, written.id ?? '');
    if (definition.mentalHealthService && context.plan.features.mentalHealthService) {
      const trust = organizations.mentalHealth;
      const diagnosis = writeCondition(context, {
        organization: trust,
        recorder: context.staff(trust, 'psychiatrist', rng),
        code: { ...code },
        onset: planned.onset,
        recorded: planned.onset + rng.int(0, 40) * DAY,
        status: 'active',
        category: 'problem-list-item',
        security: ['PSY'],
      });
      ids.set(`${definition.key}@mental-health`, diagnosis.id ?? '');
    }
  }
  return ids;
}
