/**
 * What residents add to their own record: home blood pressure and weight
 * readings (self-reported codes, `meta.source` resident, a resident-entry
 * identifier) and medicines bought over the counter.
 */
import type { Random } from '../random.js';
import { atLondonTime, DAY, MINUTE } from '../time.js';
import type { ResidentContext } from './context.js';
import { writeOverTheCounter } from './medicines.js';
import { bloodPressureFor, weightFor } from './results-profile.js';
import { writeBloodPressure, writeVital } from './writers.js';

export function writeHomeReadings(context: ResidentContext, rng: Random, days = 90, bloodPressures = rng.int(3, 10)): void {
  const morning = (): number => {
    const day = context.end - rng.int(1, days) * DAY;
    return context.past(atLondonTime(day, 7, 0) + rng.int(0, 150) * MINUTE);
  };
  for (let reading = 0; reading < bloodPressures; reading++) {
    const at = morning();
    const [systolic, diastolic] = bloodPressureFor(context.plan, at, () => rng.normal(-0.3, 1));
    writeBloodPressure(context, systolic, diastolic, { at, by: 'resident' }, rng);
  }
  const weights = rng.int(1, 3);
  for (let reading = 0; reading < weights; reading++) {
    const at = morning();
    writeVital(
      context,
      'weight',
      weightFor(context.plan, at, () => rng.normal(0, 0.5)),
      { at, by: 'resident' },
      rng,
    );
  }
}

export function writeResidentEntries(context: ResidentContext, rng: Random): void {
  const { features } = context.plan;
  if (features.overTheCounter) writeOverTheCounter(context, rng.fork('over-the-counter'));
  if (features.homeReadings) writeHomeReadings(context, rng.fork('home-readings'));
}
