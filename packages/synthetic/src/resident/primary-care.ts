/**
 * General practice: consultations (face to face and by telephone) with the
 * readings taken and acute prescriptions given, long-term condition reviews
 * with their blood tests, smoking status, and GP appointments.
 */
import { complaints, type MonitoringPanel } from '../clinical/conditions.js';
import { medicine } from '../clinical/medicines.js';
import { coding, concept, SNOMED } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, HOUR, MINUTE, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import { writeAcute } from './medicines.js';
import { bloodPressureFor, pulseFor, resultProfileFor, weightFor } from './results-profile.js';
import { writeAppointment, writeBloodPressure, writeEncounter, writeLabReport, writeSmokingStatus, writeVital } from './writers.js';

const consultationType = concept('GP consultation', coding(SNOMED, '11429006', 'Consultation'));
const telephoneType = concept('Telephone consultation', coding(SNOMED, '185317003', 'Telephone encounter'));
const reviewType = concept('Long-term condition review');

function consultationsPerYear(age: number, conditionCount: number): number {
  const base = age < 5 ? 4 : age < 18 ? 1.5 : age < 45 ? 2 : age < 65 ? 3.2 : age < 80 ? 4.5 : 6;
  return base * (1 + 0.3 * Math.min(conditionCount, 4));
}

export function writePrimaryCare(context: ResidentContext, rng: Random): void {
  const { plan } = context;
  const practice = plan.practice;
  if (!practice) return;
  const age = (context.end - plan.birth) / YEAR;
  const windowStart = Math.max(context.historyStart, context.end - 6 * YEAR);
  const years = Math.max(0.05, (context.end - windowStart) / YEAR);
  const nurse = context.staff(practice, 'practice-nurse', rng);
  const usualGp = context.staff(practice, 'gp', rng);

  // Consultations.
  const count = Math.min(
    plan.profile === 'newborn' ? 1 : 14,
    rng.poisson(consultationsPerYear(age, plan.conditions.length) * Math.min(years, 3)),
  );
  let acuteCount = 0;
  for (let consultation = 0; consultation < count; consultation++) {
    const start = context.officeTime(rng, context.atHomeUntil - Math.min(years, 3) * YEAR, context.atHomeUntil);
    const ageThen = (start - plan.birth) / YEAR;
    const child = ageThen < 16;
    const byPhone = rng.chance(0.3);
    const gp = rng.chance(0.7) ? usualGp : context.staff(practice, 'gp', rng);
    const knownConditions = plan.conditions.filter((planned) => planned.onset <= start);
    const forCondition = knownConditions.length > 0 && rng.chance(0.35);
    const complaint = rng.pick(complaints.filter((candidate) => (child ? candidate.children : candidate.adults)));
    const reason = forCondition
      ? concept(rng.pick(knownConditions).definition.text)
      : concept(complaint.text, coding(SNOMED, complaint.snomed, complaint.display));
    const encounter = writeEncounter(context, {
      organization: practice,
      class: byPhone ? 'VR' : 'AMB',
      type: byPhone ? telephoneType : consultationType,
      start,
      end: start + rng.int(8, 15) * MINUTE,
      practitioner: gp,
      reasons: [reason],
    });
    const encounterId = encounter.id ?? '';
    if (!byPhone && !child && ageThen >= 40 && rng.chance(0.35)) {
      const [systolic, diastolic] = bloodPressureFor(plan, start, () => rng.normal(0, 1));
      writeBloodPressure(
        context,
        systolic,
        diastolic,
        { at: start + 5 * MINUTE, by: { organization: practice, practitioner: gp }, encounterId },
        rng,
      );
    }
    if (!byPhone && child && complaint.snomed === '386661006') {
      writeVital(
        context,
        'temperature',
        Math.round(rng.between(37.8, 39.4) * 10) / 10,
        { at: start + 3 * MINUTE, by: { organization: practice, practitioner: gp }, encounterId },
        rng,
      );
    }
    const prescribed = forCondition ? undefined : child ? complaint.childMedicine : complaint.adultMedicine;
    if (prescribed && acuteCount < 4 && rng.chance(0.6)) {
      acuteCount++;
      writeAcute(context, medicine(prescribed), start + 10 * MINUTE, gp, practice, reason, encounterId);
    }
  }

  // Long-term condition reviews: one combined review a year (two for six-monthly conditions), bloods a week before.
  const reviewed = plan.conditions.filter((planned) => planned.definition.reviewMonths > 0);
  if (reviewed.length) {
    const firstOnset = Math.min(...reviewed.map((planned) => planned.onset));
    const reviewYears = Math.min(3, Math.floor((context.end - Math.max(firstOnset, windowStart)) / YEAR));
    const twiceYearly = reviewed.some((planned) => planned.definition.reviewMonths <= 6);
    for (let year = 0; year < reviewYears; year++) {
      for (let half = 0; half < (twiceYearly ? 2 : 1); half++) {
        const slot = (twiceYearly ? 0.5 : 1) * YEAR;
        const slotStart = context.end - (year + 1) * YEAR + half * slot;
        const at = context.officeTime(rng, slotStart, slotStart + slot - DAY);
        const panels = new Set<MonitoringPanel>();
        for (const planned of reviewed) {
          if (planned.onset > at) continue;
          if (half === 1 && planned.definition.reviewMonths > 6) continue;
          for (const panel of planned.definition.monitoring) panels.add(panel);
        }
        const bloodsTaken = context.past(at - rng.int(5, 10) * DAY);
        const results = resultProfileFor(plan, bloodsTaken);
        for (const panel of panels) writeLabReport(context, { panel, at: bloodsTaken, requester: usualGp, results }, rng);
        const review = writeEncounter(context, {
          organization: practice,
          class: 'AMB',
          type: reviewType,
          start: at,
          end: at + 20 * MINUTE,
          practitioner: nurse,
          reasons: reviewed
            .filter((planned) => planned.onset <= at)
            .map((planned) => concept(planned.definition.text, coding(SNOMED, planned.definition.snomed, planned.definition.display))),
        });
        const by = { organization: practice, practitioner: nurse };
        if ((at - plan.birth) / YEAR >= 16) {
          const [systolic, diastolic] = bloodPressureFor(plan, at, () => rng.normal(0, 1));
          writeBloodPressure(context, systolic, diastolic, { at: at + 5 * MINUTE, by, encounterId: review.id ?? '' }, rng);
        }
        writeVital(
          context,
          'weight',
          weightFor(plan, at, () => rng.normal(0, 1)),
          { at: at + 8 * MINUTE, by, encounterId: review.id ?? '' },
          rng,
        );
        if (rng.chance(0.5))
          writeVital(
            context,
            'heart-rate',
            pulseFor(plan, at, () => rng.normal(0, 1)),
            { at: at + 9 * MINUTE, by, encounterId: review.id ?? '' },
            rng,
          );
      }
    }
  }

  if (age >= 16) {
    const status = rng.weighted<'never' | 'current' | 'ex'>([
      ['never', 0.6],
      ['current', 0.14],
      ['ex', 0.26],
    ]);
    writeSmokingStatus(
      context,
      status,
      { at: context.officeTime(rng, windowStart, context.end), by: { organization: practice, practitioner: nurse } },
      rng,
    );
  }

  // Appointments: a booked GP or review appointment for some; a missed one now and then.
  if (age >= 1 && rng.chance(reviewed.length ? 0.5 : 0.2)) {
    const withNurse = reviewed.length > 0 && rng.chance(0.6);
    writeAppointment(
      context,
      {
        organization: practice,
        practitioner: withNurse ? nurse : usualGp,
        start: context.futureOfficeTime(rng, 1, 42),
        minutes: withNurse ? 20 : 10,
        status: 'booked',
        serviceType: withNurse ? 'Long-term condition review' : 'GP appointment',
        description: withNurse ? 'Annual review with the practice nurse' : 'GP appointment',
        location: `${practice.name}`,
        ...(withNurse ? { patientInstruction: 'Please bring a urine sample and a list of your medicines.' } : {}),
      },
      rng,
    );
  }
  if (rng.chance(0.08)) {
    writeAppointment(
      context,
      {
        organization: practice,
        practitioner: usualGp,
        start: context.officeTime(rng, windowStart, context.end - 2 * HOUR),
        minutes: 10,
        status: 'noshow',
        serviceType: 'GP appointment',
        description: 'GP appointment',
        location: practice.name,
      },
      rng,
    );
  }
}
