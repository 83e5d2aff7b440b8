/**
 * How a resident's test results and readings run, given their conditions and
 * age: diabetes raises HbA1c, kidney disease raises creatinine, and so on,
 * so abnormal results turn up where a clinician would expect them.
 */
import type { ResultProfile } from './writers.js';
import type { ResidentPlan } from './plan-types.js';
import { YEAR } from '../time.js';

export function resultProfileFor(plan: ResidentPlan, at: number): ResultProfile {
  const has = (key: string): boolean => plan.conditions.some((planned) => planned.definition.key === key && planned.onset <= at);
  const age = (at - plan.birth) / YEAR;
  const profile: Record<string, { mean: number; spread?: number }> = {};
  if (has('type-2-diabetes')) profile['hba1c'] = { mean: 57, spread: 9 };
  if (has('type-1-diabetes')) profile['hba1c'] = { mean: 64, spread: 10 };
  if (has('schizophrenia')) {
    profile['triglyceride'] = { mean: 2.1, spread: 0.6 };
    profile['hba1c'] ??= { mean: 41, spread: 4 };
  }
  if (has('chronic-kidney-disease')) {
    profile['creatinine'] = { mean: plan.sex === 'male' ? 150 : 125, spread: 22 };
    profile['egfr'] = { mean: 44, spread: 7 };
    profile['urea'] = { mean: 9, spread: 2 };
  } else if (age >= 70) {
    profile['egfr'] = { mean: 68, spread: 10 };
  }
  if (has('heart-failure')) profile['sodium'] = { mean: 135, spread: 3 };
  if (has('hypothyroidism')) profile['tsh'] = { mean: 3.2, spread: 2.2 };
  if (has('bipolar')) profile['lithium'] = { mean: 0.75, spread: 0.18 };
  if (has('coronary-heart-disease') || has('stroke')) profile['cholesterol'] = { mean: 4.1, spread: 0.7 };
  if (age >= 75) profile['haemoglobin'] = { mean: plan.sex === 'male' ? 128 : 119, spread: 12 };
  else if (plan.sex === 'female') profile['haemoglobin'] = { mean: 132, spread: 11 };
  else profile['haemoglobin'] = { mean: 148, spread: 11 };
  if (plan.sex === 'female' && !profile['creatinine']) profile['creatinine'] = { mean: 64, spread: 10 };
  return profile;
}

/** Systolic/diastolic for a clinic reading, higher with hypertension and age. */
export function bloodPressureFor(plan: ResidentPlan, at: number, draw: () => number): readonly [number, number] {
  const age = (at - plan.birth) / YEAR;
  const hypertensive = plan.conditions.some((planned) => planned.definition.key === 'hypertension' && planned.onset <= at);
  const personal = plan.constitution.bloodPressure;
  const systolicMean = (age < 16 ? 102 : 112 + Math.max(0, age - 30) * 0.45) + (hypertensive ? 12 : 0) + personal * 9;
  const systolic = Math.round(systolicMean + draw() * 7);
  const diastolic = Math.round(Math.min(systolic - 25, (age < 16 ? 62 : 72) + (hypertensive ? 7 : 0) + personal * 5 + draw() * 5));
  return [systolic, diastolic];
}

/** A body weight (kg) that suits the age. */
export function weightFor(plan: ResidentPlan, at: number, draw: () => number): number {
  const age = Math.max(0, (at - plan.birth) / YEAR);
  let typical: number;
  if (age < 1) typical = 3.4 + age * 6.5;
  else if (age < 18) typical = 10 + age * 3.1;
  else typical = (plan.sex === 'male' ? 82 : 70) - (age > 75 ? (age - 75) * 0.6 : 0);
  const build = typical + plan.constitution.weight * (age < 18 ? typical * 0.1 : 13);
  const wobble = draw() * (age < 18 ? typical * 0.02 : 1.4);
  return Math.round(Math.max(typical * 0.6, build + wobble) * 10) / 10;
}

/** A resting pulse (beats per minute) for the age: faster in young children. */
export function pulseFor(plan: ResidentPlan, at: number, draw: () => number): number {
  const age = Math.max(0, (at - plan.birth) / YEAR);
  const typical = age < 1 ? 130 : age < 5 ? 105 : age < 12 ? 88 : age < 18 ? 78 : 72;
  return Math.round(typical + draw() * 9);
}
