/**
 * Staying well: the plans and goals a practice nurse agrees with residents
 * whose conditions call for them — a blood pressure goal for hypertension, a
 * weight goal and a healthy eating plan for type 2 diabetes, an activity plan
 * for heart and lung conditions, a strength and balance plan for frailty.
 * Goals are judged by the readings residents can share (weight, blood
 * pressure), so their own readings show progress against them.
 */
import type { CarePlan, Goal } from '@care-record/sdk';
import { CARE_PLAN_TYPE, coding, SNOMED, UCUM, type Reference } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import type { ProblemIds } from './problems.js';
import { weightFor } from './results-profile.js';

const SYSTOLIC = coding(SNOMED, '271649006', 'Systolic blood pressure');
const DIASTOLIC = coding(SNOMED, '271650006', 'Diastolic blood pressure');
const BODY_WEIGHT = coding(SNOMED, '27113001', 'Body weight');

type PlanKind = 'blood-pressure' | 'weight' | 'dietary' | 'activity' | 'strength-and-balance';

const planWords: Record<Exclude<PlanKind, 'blood-pressure' | 'weight'>, { title: string; display: string; activities: string[] }> = {
  dietary: {
    title: 'Healthy eating plan',
    display: 'Dietary plan',
    activities: [
      'Swap sugary drinks for water or sugar-free drinks.',
      'Half of each plate vegetables or salad; wholegrain bread and rice.',
      'Cakes, biscuits and crisps kept for weekends.',
    ],
  },
  activity: {
    title: 'Getting active plan',
    display: 'Activity plan',
    activities: ['A brisk walk of 20 minutes on most days, building up to 30.', 'Take the stairs instead of the lift when I can.'],
  },
  'strength-and-balance': {
    title: 'Staying steady: strength and balance',
    display: 'Activity plan',
    activities: [
      'Strength and balance exercises from the leaflet, 10 minutes twice a day.',
      'A weekly seated exercise class at the community centre.',
    ],
  },
};

/** Writes the resident's well-being plans and goals, when their conditions call for them. */
export function writeWellbeing(context: ResidentContext, rng: Random, problems: ProblemIds): void {
  const { plan } = context;
  const age = (context.end - plan.birth) / YEAR;
  const practice = plan.practice;
  if (!context.alive || age < 18 || !practice) return;
  const has = (key: string) => plan.conditions.some((planned) => planned.definition.key === key && planned.onset <= context.end);
  const kinds: PlanKind[] = [];
  if (has('hypertension')) kinds.push('blood-pressure');
  if (has('type-2-diabetes')) kinds.push('weight', 'dietary');
  if (['coronary-heart-disease', 'copd', 'heart-failure'].some(has) || (has('hypertension') && rng.chance(0.5))) kinds.push('activity');
  if (plan.profile === 'frail-older-social-care') kinds.push('strength-and-balance');
  if (kinds.length === 0) return;

  const nurse = context.staff(practice, 'practice-nurse', rng);
  // Agreed at the last review, within the past year; reviewed six months on.
  const agreed = context.officeTime(rng, context.end - rng.between(0.1, 0.9) * YEAR, context.end - DAY);
  const review = agreed + 0.5 * YEAR;
  const addresses = (key: string): Reference[] => {
    const id = problems.get(key);
    const definition = plan.conditions.find((planned) => planned.definition.key === key)?.definition;
    return id && definition ? [{ reference: `Condition/${id}`, display: definition.text }] : [];
  };
  const goals: Reference[] = [];
  const addGoal = (goal: Omit<Goal, 'resourceType' | 'id' | 'meta' | 'subject' | 'lifecycleStatus' | 'startDate'>) => {
    const id = context.id('goal');
    context.add<Goal>({
      resourceType: 'Goal',
      id,
      meta: context.meta(practice, 'Goal', agreed),
      lifecycleStatus: 'active',
      subject: context.patient(),
      startDate: fhirDate(agreed),
      expressedBy: context.patient(),
      ...goal,
    });
    goals.push({ reference: `Goal/${id}`, display: goal.description.text ?? '' });
  };

  if (kinds.includes('blood-pressure')) {
    // Judged against the resident's own readings at home, so the home targets of NICE NG136 (1.4.20–1.4.21):
    // below 135/85, or 145/85 from 80. The clinic targets (140/90, 150/90) are 5 mmHg higher.
    const [systolic, diastolic] = age >= 80 ? [145, 85] : [135, 85];
    addGoal({
      category: [{ coding: [coding(CARE_PLAN_TYPE, 'blood-pressure', 'Blood pressure')] }],
      description: { text: `Keep my blood pressure at home below ${systolic}/${diastolic}` },
      target: [
        { measure: { coding: [SYSTOLIC] }, detailQuantity: mmHg(systolic), dueDate: fhirDate(review) },
        { measure: { coding: [DIASTOLIC] }, detailQuantity: mmHg(diastolic), dueDate: fhirDate(review) },
      ],
      addresses: addresses('hypertension'),
    });
  }
  if (kinds.includes('weight')) {
    const now = weightFor(plan, agreed, () => 0);
    const target = Math.round((now - rng.between(3, 6)) * 2) / 2;
    addGoal({
      category: [{ coding: [coding(CARE_PLAN_TYPE, 'weight', 'Weight')] }],
      description: { text: `Bring my weight down to ${target} kg` },
      target: [
        {
          measure: { coding: [BODY_WEIGHT] },
          detailQuantity: { value: target, comparator: '<=', unit: 'kg', system: UCUM, code: 'kg' },
          dueDate: fhirDate(review),
        },
      ],
      addresses: addresses('type-2-diabetes'),
    });
  }
  for (const kind of kinds) {
    if (kind === 'blood-pressure' || kind === 'weight') continue;
    const words = planWords[kind];
    context.add<CarePlan>({
      resourceType: 'CarePlan',
      id: context.id('cp'),
      meta: context.meta(practice, 'CarePlan', agreed),
      status: 'active',
      intent: 'plan',
      category: [{ coding: [coding(CARE_PLAN_TYPE, kind === 'dietary' ? 'dietary' : 'activity', words.display)] }],
      title: words.title,
      description: 'Agreed with the practice nurse at my review.',
      subject: context.patient(),
      period: { start: fhirDate(agreed), end: fhirDate(review) },
      created: fhirDateTime(agreed),
      author: nurse.reference(),
      addresses: [
        ...addresses('type-2-diabetes'),
        ...addresses('hypertension'),
        ...addresses('copd'),
        ...addresses('coronary-heart-disease'),
      ].slice(0, 2),
      ...(goals.length > 0 ? { goal: goals } : {}),
      activity: words.activities.map((description) => ({ detail: { status: 'in-progress' as const, description } })),
    });
  }
}

const mmHg = (value: number) => ({ value, comparator: '<' as const, unit: 'mmHg', system: UCUM, code: 'mm[Hg]' });
