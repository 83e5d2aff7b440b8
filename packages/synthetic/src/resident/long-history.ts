/**
 * The long-history resident (index 1): registered at the same practice since
 * 1985, with hypertension, type 2 diabetes, and kidney disease that led to
 * haemodialysis three times a week. Decades of consultations, blood tests,
 * clinic letters and dialysis sessions give well over 5,000 timeline events —
 * the case that timeline paging and windowing are measured against.
 */
import { medicine } from '../clinical/medicines.js';
import { coding, concept, SNOMED, type CodeableConcept } from '../fhir.js';
import type { Random } from '../random.js';
import { atLondonTime, DAY, fhirDate, HOUR, londonTime, londonWeekday, MINUTE, WEEK, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import { writeRepeat } from './medicines.js';
import { writeContact } from './people.js';
import { writeCondition } from './problems.js';
import { writeHomeReadings } from './resident-entries.js';
import {
  writeAppointment,
  writeBloodPressure,
  writeDocument,
  writeEncounter,
  writeFlag,
  writeLabReport,
  writeVital,
  type ResultProfile,
} from './writers.js';

const year = (value: number, month = 1, day = 1): number => londonTime(value, month, day, 9);

/** Creatinine and eGFR drifting from early kidney disease to end stage. */
function kidneyResults(at: number): ResultProfile {
  const decline = Math.min(1, Math.max(0, (at - year(2010)) / (year(2018, 5) - year(2010))));
  return {
    creatinine: { mean: 130 + decline * 330, spread: 15 },
    egfr: { mean: 48 - decline * 38, spread: 3 },
    urea: { mean: 8 + decline * 14, spread: 2 },
    potassium: { mean: 4.5 + decline * 0.6, spread: 0.3 },
    hba1c: { mean: 60, spread: 7 },
    haemoglobin: { mean: 132 - decline * 22, spread: 7 },
  };
}

const dialysisResults: ResultProfile = {
  creatinine: { mean: 690, spread: 110 },
  egfr: { mean: 6, spread: 1.5 },
  urea: { mean: 21, spread: 4 },
  potassium: { mean: 5.2, spread: 0.5 },
  haemoglobin: { mean: 108, spread: 8 },
  phosphate: { mean: 1.8, spread: 0.35 },
  calcium: { mean: 2.3, spread: 0.1 },
};

export function writeLongHistory(context: ResidentContext, rng: Random, familyName: string): void {
  const { organizations, staff } = context.directory;
  const practice = context.plan.practice ?? organizations.practices[0];
  if (!practice) throw new Error('The long-history resident needs a practice');
  const hospital = organizations.hospital;
  const gp = context.staff(practice, 'gp', rng);
  const nurse = context.staff(practice, 'practice-nurse', rng);
  const renal = staff.consultant('renal');
  const registered = Math.max(context.plan.birth + 18 * YEAR, year(1985, 4, 15));
  const dialysisStart = year(2018, 5, 14);
  const snomedConcept = (code: string, display: string, text = display): CodeableConcept => concept(text, coding(SNOMED, code, display));

  // Problems.
  const problem = (code: CodeableConcept, onset: number, status: 'active' | 'inactive' | 'resolved' = 'active', abated?: number): string =>
    writeCondition(context, {
      organization: practice,
      recorder: gp,
      code,
      onset,
      onsetPrecision: 'month',
      recorded: onset + 7 * DAY,
      status,
      ...(abated !== undefined ? { abated } : {}),
      category: 'problem-list-item',
    }).id ?? '';
  const hypertension = snomedConcept('38341003', 'Hypertensive disorder', 'Hypertension');
  const diabetes = snomedConcept('44054006', 'Diabetes mellitus type 2', 'Type 2 diabetes mellitus');
  const kidney = snomedConcept('433146000', 'Chronic kidney disease stage 5', 'Chronic kidney disease stage 5 (on haemodialysis)');
  const gout = snomedConcept('90560007', 'Gout');
  problem(snomedConcept('74400008', 'Appendicitis'), context.plan.birth + 19 * YEAR, 'resolved', context.plan.birth + 19 * YEAR + 10 * DAY);
  problem(hypertension, year(1992, 3));
  problem(diabetes, year(1999, 6));
  problem(gout, year(2005, 9));
  problem(kidney, year(2010, 2));
  problem(snomedConcept('105502003', 'Dependence on renal dialysis'), dialysisStart);
  problem(snomedConcept('35489007', 'Depressive disorder', 'Depression'), year(2018, 10), 'resolved', year(2020, 6));

  // Medicines, current and stopped.
  const repeat = (key: string, reason: CodeableConcept, started: number, stopped?: { at: number; reason: string }) =>
    writeRepeat(context, { medicine: medicine(key), reason, started, prescriber: gp, practice, ...(stopped ? { stopped } : {}) }, rng);
  repeat('amlodipine', hypertension, year(1992, 4));
  repeat('ramipril', hypertension, year(1996, 2), { at: year(2017, 3), reason: 'Stopped by the renal team: kidney function worsening' });
  repeat('metformin', diabetes, year(1999, 7), { at: year(2014, 8), reason: 'Stopped: eGFR below 30' });
  repeat('insulin-glargine', diabetes, year(2014, 8));
  repeat('atorvastatin', diabetes, year(2003, 1));
  repeat('allopurinol', gout, year(2005, 10));
  repeat('sevelamer', kidney, dialysisStart);
  repeat('sertraline', snomedConcept('35489007', 'Depressive disorder', 'Depression'), year(2018, 11), {
    at: year(2020, 6),
    reason: 'Mood improved; tapered and stopped',
  });

  // GP consultations across four decades, with blood pressure once hypertension was known.
  for (let consultation = registered; consultation < context.end - WEEK;) {
    const perYear = consultation < year(2000) ? 4 : consultation < year(2010) ? 6 : 8;
    consultation += rng.between(0.3, 1.7) * (YEAR / perYear);
    const at = context.officeTime(rng, consultation, consultation + 3 * DAY);
    if (at >= context.end) break;
    const encounter = writeEncounter(context, {
      organization: practice,
      class: at > year(2020, 3) && rng.chance(0.4) ? 'VR' : 'AMB',
      type: concept('GP consultation', coding(SNOMED, '11429006', 'Consultation')),
      start: at,
      end: at + 10 * MINUTE,
      practitioner: rng.chance(0.6) ? gp : context.staff(practice, 'gp', rng),
      reasons: [rng.pick([hypertension, diabetes, gout, concept('Medication review'), concept('Cough'), concept('Back pain')])],
    });
    if (at > year(1992) && rng.chance(0.5)) {
      writeBloodPressure(
        context,
        Math.round(rng.normal(146, 12)),
        Math.round(rng.normal(84, 8)),
        { at: at + 4 * MINUTE, by: { organization: practice, practitioner: gp }, encounterId: encounter.id ?? '' },
        rng,
      );
    }
  }

  // Diabetes and kidney monitoring in primary care, twice a year until dialysis.
  for (let review = year(1999, 9); review < dialysisStart; review += 0.5 * YEAR) {
    const at = context.officeTime(rng, review, review + 4 * WEEK);
    const results = kidneyResults(at);
    writeLabReport(context, { panel: 'hba1c', at, requester: gp, results }, rng);
    writeLabReport(context, { panel: 'ue', at, requester: gp, results }, rng);
    if (rng.chance(0.5)) writeLabReport(context, { panel: 'lipids', at, requester: gp, results }, rng);
    writeVital(
      context,
      'weight',
      Math.round(rng.normal(84, 2) * 10) / 10,
      { at: at + WEEK, by: { organization: practice, practitioner: nurse } },
      rng,
    );
  }

  // Renal clinic every three months from 2010 until dialysis began.
  for (let visit = year(2010, 5); visit < dialysisStart; visit += 0.25 * YEAR) {
    const at = context.officeTime(rng, visit, visit + 2 * WEEK);
    writeAppointment(
      context,
      {
        organization: hospital,
        practitioner: renal,
        start: at,
        minutes: 20,
        status: 'fulfilled',
        serviceType: 'Renal medicine clinic',
        description: 'Renal clinic',
        location: 'Renal Unit, Highbury Vale Hospital',
      },
      rng,
    );
    const encounter = writeEncounter(context, {
      organization: hospital,
      class: 'AMB',
      type: concept('Outpatient attendance', coding(SNOMED, '185389009', 'Follow-up visit')),
      start: at,
      end: at + 20 * MINUTE,
      practitioner: renal,
      serviceType: 'Renal medicine clinic',
      reasons: [kidney],
      identifierKind: 'attendance',
    });
    writeDocument(
      context,
      {
        organization: hospital,
        author: renal,
        type: 'clinic-letter',
        typeText: 'Renal clinic letter',
        description: 'Renal clinic letter — chronic kidney disease',
        title: `Renal clinic letter ${fhirDate(at)}`,
        date: at + rng.int(3, 10) * DAY,
        encounterId: encounter.id ?? '',
      },
      rng,
    );
  }

  // Hospital stays.
  const stays: readonly (readonly [number, number, string, string])[] = [
    [year(2017, 1, 9), 6, 'Fluid overload', 'Emergency department'],
    [year(2018, 3, 20), 2, 'Formation of arteriovenous fistula for dialysis', 'Waiting list'],
    [year(2021, 12, 2), 8, 'Pneumonia', 'Emergency department'],
    [year(2024, 7, 15), 5, 'Infection of dialysis access', 'Renal Unit'],
  ];
  for (const [start, days, reason, admitSource] of stays) {
    const admission = writeEncounter(context, {
      organization: hospital,
      class: 'IMP',
      type: concept(
        admitSource === 'Waiting list' ? 'Planned admission' : 'Emergency admission',
        coding(SNOMED, '32485007', 'Hospital admission'),
      ),
      start,
      end: start + days * DAY,
      practitioner: renal,
      reasons: [concept(reason)],
      serviceType: 'Renal medicine',
      admitSource,
      dischargeDisposition: 'Usual place of residence',
      identifierKind: 'spell',
    });
    writeDocument(
      context,
      {
        organization: hospital,
        author: renal,
        type: 'discharge-summary',
        typeText: 'Inpatient discharge summary',
        description: `Discharge summary — ${reason.toLowerCase()}`,
        title: `Discharge summary ${fhirDate(start + days * DAY)}`,
        date: start + days * DAY + 3 * HOUR,
        encounterId: admission.id ?? '',
        period: { start, end: start + days * DAY },
      },
      rng,
    );
  }
  writeFlag(context, {
    organization: hospital,
    author: renal,
    category: 'clinical',
    code: 'fistula-arm',
    display: 'Arteriovenous fistula: protect the arm',
    text: 'Left arm fistula for dialysis: no blood pressure cuffs, blood tests or cannulas on the left arm',
    start: year(2018, 3, 22),
  });

  // Haemodialysis: Monday, Wednesday and Friday mornings, with pre-dialysis weight and blood pressure.
  const renalNurses = staff.at(hospital, 'renal-nurse');
  const dialysisType = concept('Haemodialysis session');
  for (let day = dialysisStart; day < context.end; day += DAY) {
    const weekday = londonWeekday(day);
    if (weekday !== 1 && weekday !== 3 && weekday !== 5) continue;
    if (rng.chance(0.02)) continue;
    const start = atLondonTime(day, 7, 30) + rng.int(0, 3) * 5 * MINUTE;
    if (start + 4 * HOUR > context.end) break;
    const nurse = rng.pick(renalNurses);
    const session = writeEncounter(context, {
      organization: hospital,
      class: 'AMB',
      type: dialysisType,
      start,
      end: start + 4 * HOUR,
      practitioner: nurse,
      serviceType: 'Renal dialysis',
    });
    const by = { organization: hospital, practitioner: nurse };
    const sessionId = session.id ?? '';
    writeVital(context, 'weight', Math.round(rng.normal(74.5, 0.9) * 10) / 10, { at: start + 5 * MINUTE, by, encounterId: sessionId }, rng);
    writeBloodPressure(
      context,
      Math.round(rng.normal(152, 12)),
      Math.round(rng.normal(80, 7)),
      { at: start + 8 * MINUTE, by, encounterId: sessionId },
      rng,
    );
  }
  // Monthly dialysis bloods, and a quarterly review letter.
  let month = 0;
  for (let bloods = dialysisStart + 2 * DAY; bloods < context.end; bloods += YEAR / 12, month++) {
    const at = atLondonTime(bloods, 7, 45);
    writeLabReport(context, { panel: 'ue', at, requester: renal, results: dialysisResults }, rng);
    writeLabReport(context, { panel: 'fbc', at, requester: renal, results: dialysisResults }, rng);
    writeLabReport(context, { panel: 'bone', at, requester: renal, results: dialysisResults }, rng);
    if (month % 3 === 2) {
      writeDocument(
        context,
        {
          organization: hospital,
          author: renal,
          type: 'dialysis-review',
          typeText: 'Dialysis review letter',
          description: 'Quarterly haemodialysis review: adequacy, bloods, fluid and access',
          title: `Dialysis review ${fhirDate(at)}`,
          date: at + 5 * DAY,
        },
        rng,
      );
    }
  }

  // The next two weeks of dialysis, and a clinic review.
  for (let day = context.now + DAY, booked = 0; booked < 6; day += DAY) {
    const weekday = londonWeekday(day);
    if (weekday !== 1 && weekday !== 3 && weekday !== 5) continue;
    booked++;
    writeAppointment(
      context,
      {
        organization: hospital,
        start: atLondonTime(day, 7, 30),
        minutes: 240,
        status: 'booked',
        serviceType: 'Renal dialysis',
        description: 'Haemodialysis session',
        location: 'Renal Unit, Highbury Vale Hospital',
        created: context.now - 60 * DAY,
      },
      rng,
    );
  }
  writeAppointment(
    context,
    {
      organization: hospital,
      practitioner: renal,
      start: context.futureOfficeTime(rng, 14, 60),
      minutes: 30,
      status: 'booked',
      serviceType: 'Renal medicine clinic',
      description: 'Transplant work-up review',
      location: 'Renal Unit, Highbury Vale Hospital',
    },
    rng,
  );

  writeContact(context, { organization: practice, kin: 'WIFE', nextOfKin: true, since: registered, familyName }, rng);
  writeHomeReadings(context, rng, 2 * 365, 100);
}
