/**
 * The acute hospital: emergency department attendances (with triage
 * readings, bloods and a discharge summary), admissions and discharges (with
 * the diagnosis, a discharge summary and the medicines on discharge — where
 * the hospital's dosage text may differ from the GP's), planned admissions,
 * outpatient clinics with letters and next appointments, births, and deaths in
 * hospital.
 */
import { emergencyReasons, type EmergencyReason } from '../clinical/conditions.js';
import type { StaffEntry } from '../directory/staff.js';
import { specialtyText } from '../directory/staff.js';
import { coding, concept, SNOMED } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, HOUR, MINUTE, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import { writeHospitalMedicine, type WrittenRepeat } from './medicines.js';
import { writeCondition } from './problems.js';
import { bloodPressureFor, resultProfileFor, weightFor } from './results-profile.js';
import { writeAppointment, writeBloodPressure, writeDocument, writeEncounter, writeLabReport, writeVital } from './writers.js';

const emergencyType = () => concept('Emergency department attendance', coding(SNOMED, '4525004', 'Emergency department patient visit'));
const admissionType = () => concept('Emergency admission', coding(SNOMED, '32485007', 'Hospital admission'));

interface Admission {
  readonly encounterId: string;
  readonly start: number;
  readonly end: number;
  readonly consultant: StaffEntry;
}

function reasonsFor(age: number): readonly EmergencyReason[] {
  return emergencyReasons.filter((reason) => {
    if (reason.snomed === '4120002') return age < 2;
    if (age < 16) return reason.children;
    if (age >= 70) return reason.olderPeople;
    return reason.adults;
  });
}

function writeAdmission(
  context: ResidentContext,
  rng: Random,
  reason: EmergencyReason,
  start: number,
  admitSource: string,
  dies: boolean,
  procedure?: string,
  /** When the stay ends, if not chosen here (an admission still in progress ends after now). */
  until?: number,
): Admission {
  const hospital = context.directory.organizations.hospital;
  const consultant = context.directory.staff.consultant(reason.specialty === 'emergency' ? 'general-medicine' : reason.specialty);
  const age = (start - context.plan.birth) / YEAR;
  const stay = (age >= 75 ? rng.between(3, 16) : rng.between(1, 7)) * DAY;
  const end = dies && context.plan.death !== undefined ? context.plan.death : (until ?? start + stay);
  const reasonCode = concept(reason.text, coding(SNOMED, reason.snomed, reason.display));
  const diagnosis = writeCondition(context, {
    organization: hospital,
    recorder: consultant,
    code: concept(reason.text, coding(SNOMED, reason.snomed, reason.display)),
    onset: start,
    recorded: start + rng.int(2, 20) * HOUR,
    // Still in hospital: the reason is still active.
    status: dies || end > context.end ? 'active' : 'resolved',
    ...(dies || end > context.end ? {} : { abated: end }),
    category: 'encounter-diagnosis',
  });
  const encounter = writeEncounter(context, {
    organization: hospital,
    class: 'IMP',
    type: procedure ? concept(`Planned admission: ${procedure}`, coding(SNOMED, '32485007', 'Hospital admission')) : admissionType(),
    start,
    end,
    practitioner: consultant,
    reasons: [reasonCode],
    serviceType: specialtyText[consultant.specialty ?? 'general-medicine'],
    admitSource,
    dischargeDisposition: dies
      ? 'Died in hospital'
      : age >= 80 && rng.chance(0.2)
        ? 'Discharged to a care home'
        : 'Usual place of residence',
    diagnosisIds: [diagnosis.id ?? ''],
    identifierKind: 'spell',
  });
  const encounterId = encounter.id ?? '';
  const settled = context.past(end);
  if (settled >= end || dies) {
    writeDocument(
      context,
      {
        organization: hospital,
        author: consultant,
        type: 'discharge-summary',
        typeText: dies ? 'Death in hospital: summary for the GP' : 'Inpatient discharge summary',
        description: dies
          ? `Died in hospital — ${reason.text.toLowerCase()}`
          : `Discharge summary — ${procedure ?? reason.text.toLowerCase()}`,
        title: `Discharge summary ${fhirDate(settled)}`,
        date: dies ? settled : settled + rng.int(1, 6) * HOUR,
        encounterId,
        period: { start, end: settled },
      },
      rng,
    );
  }
  return { encounterId, start, end: settled, consultant };
}

/**
 * About 1 resident in 250 is on one of the trust's wards today: more than a
 * real borough (nearer 1 in 700), so that a demonstration borough of a few
 * thousand fills a ward board.
 */
const ON_A_WARD_TODAY = 0.004;

/** The ward a resident of this age is admitted to. */
export function wardFor(ageInYears: number): string {
  return ageInYears < 16 ? 'Robin Ward (children)' : 'Acute Medical Unit';
}

/** An emergency admission that began in the last few days and has not ended: the resident is on a ward now. */
function writeCurrentAdmission(context: ResidentContext, rng: Random): void {
  const age = (context.end - context.plan.birth) / YEAR;
  const candidates = reasonsFor(age).filter((reason) => reason.admitChance > 0);
  const reason = rng.pick(candidates.length > 0 ? candidates : reasonsFor(age));
  // Admitted from the emergency department between 6 hours and 3 days ago, and still there.
  const start = context.end - rng.between(0.25, 3) * DAY;
  const admission = writeAdmission(context, rng, reason, start, 'Emergency department', false, undefined, context.end + 2 * DAY);
  const encounter = context.resources.find((resource) => resource.resourceType === 'Encounter' && resource.id === admission.encounterId);
  if (encounter?.resourceType === 'Encounter') encounter.location = [{ location: { display: `${wardFor(age)}, Highbury Vale Hospital` } }];
}

export function writeHospitalCare(context: ResidentContext, rng: Random, repeats: readonly WrittenRepeat[]): void {
  const { plan } = context;
  const { organizations, staff } = context.directory;
  const hospital = organizations.hospital;
  const admissions: Admission[] = [];

  // Birth, for residents born in the last few years here.
  if ((context.end - plan.birth) / YEAR < 3) {
    const midwife = context.staff(hospital, 'midwife', rng);
    const birthStay = context.later(plan.birth, rng.int(8, 52));
    const birth = writeEncounter(context, {
      organization: hospital,
      class: 'IMP',
      type: concept('Birth'),
      start: plan.birth,
      end: birthStay,
      practitioner: midwife,
      serviceType: 'Maternity',
      admitSource: 'Born in hospital',
      dischargeDisposition: 'Discharged home with mother',
      identifierKind: 'spell',
    });
    writeVital(
      context,
      'weight',
      Math.round(rng.normal(3.4, 0.45) * 100) / 100,
      { at: plan.birth + 30 * MINUTE, by: { organization: hospital, practitioner: midwife }, encounterId: birth.id ?? '' },
      rng,
    );
    writeDocument(
      context,
      {
        organization: hospital,
        author: context.directory.staff.consultant('paediatrics'),
        type: 'discharge-summary',
        typeText: 'Newborn discharge summary',
        description: 'Newborn discharge summary — newborn and infant physical examination normal',
        title: `Newborn discharge summary ${fhirDate(birthStay)}`,
        date: birthStay,
        encounterId: birth.id ?? '',
      },
      rng,
    );
  }

  // Emergency attendances, some ending in admission.
  const emergencyWindow = Math.max(plan.birth, context.end - 6 * YEAR);
  const attendances = plan.features.emergencyAttendances + (plan.diedInHospital ? 1 : 0);
  const times = Array.from({ length: plan.features.emergencyAttendances }, () =>
    context.anyTime(rng, emergencyWindow, context.atHomeUntil - 2 * DAY),
  ).sort((a, b) => a - b);
  if (plan.finalAdmission !== undefined) times.push(plan.finalAdmission - rng.between(2, 8) * HOUR);
  for (let attendance = 0; attendance < attendances; attendance++) {
    const start = context.past(times[attendance] ?? context.end);
    const dies = plan.diedInHospital && attendance === attendances - 1;
    const ageThen = (start - plan.birth) / YEAR;
    const candidates = reasonsFor(ageThen);
    const serious = candidates.filter((candidate) => candidate.admitChance >= 0.3);
    const reason = rng.pick(dies && serious.length ? serious : candidates);
    const doctor = context.staff(hospital, 'ed-doctor', rng);
    const admitted = dies || rng.chance(reason.admitChance);
    const leaves = start + rng.between(2, dies ? 4 : 9) * HOUR;
    const reasonCode = concept(reason.text, coding(SNOMED, reason.snomed, reason.display));
    const visit = writeEncounter(context, {
      organization: hospital,
      class: 'EMER',
      type: emergencyType(),
      start,
      end: leaves,
      practitioner: doctor,
      reasons: [reasonCode],
      dischargeDisposition: admitted
        ? 'Admitted to a ward'
        : rng.pick(['Discharged home', 'Discharged home with GP follow-up', 'Discharged home with carer']),
      identifierKind: 'attendance',
    });
    const visitId = visit.id ?? '';
    const triage = { organization: hospital, practitioner: context.staff(hospital, 'hospital-nurse', rng) };
    writeVital(
      context,
      'heart-rate',
      Math.round(rng.normal(ageThen < 5 ? 120 : 86, 12)),
      { at: start + 15 * MINUTE, by: triage, encounterId: visitId },
      rng,
    );
    if (ageThen >= 12) {
      const [systolic, diastolic] = bloodPressureFor(plan, start, () => rng.normal(0.4, 1));
      writeBloodPressure(context, systolic, diastolic, { at: start + 16 * MINUTE, by: triage, encounterId: visitId }, rng);
    }
    if (rng.chance(0.5))
      writeVital(
        context,
        'temperature',
        Math.round(rng.normal(37.2, 0.7) * 10) / 10,
        { at: start + 17 * MINUTE, by: triage, encounterId: visitId },
        rng,
      );
    if (rng.chance(0.5))
      writeVital(
        context,
        'oxygen-saturation',
        Math.min(100, Math.round(rng.normal(96, 2))),
        { at: start + 18 * MINUTE, by: triage, encounterId: visitId },
        rng,
      );
    if (ageThen >= 16 && (admitted || rng.chance(0.4))) {
      const results = resultProfileFor(plan, start);
      writeLabReport(context, { panel: 'fbc', at: start + 40 * MINUTE, requester: doctor, encounterId: visitId, results }, rng);
      writeLabReport(context, { panel: 'ue', at: start + 40 * MINUTE, requester: doctor, encounterId: visitId, results }, rng);
      if (rng.chance(0.6))
        writeLabReport(
          context,
          {
            panel: 'crp',
            at: start + 40 * MINUTE,
            requester: doctor,
            encounterId: visitId,
            results: { crp: { mean: admitted ? 60 : 8, spread: admitted ? 40 : 6 } },
          },
          rng,
        );
    }
    if (!admitted && rng.chance(0.7)) {
      writeDocument(
        context,
        {
          organization: hospital,
          author: doctor,
          type: 'emergency-summary',
          typeText: 'Emergency department discharge summary',
          description: `ED discharge summary — ${reason.text.toLowerCase()}`,
          title: `ED discharge summary ${fhirDate(leaves)}`,
          date: leaves + 10 * MINUTE,
          encounterId: visitId,
          period: { start, end: leaves },
        },
        rng,
      );
    }
    if (admitted) admissions.push(writeAdmission(context, rng, reason, leaves, 'Emergency department', dies));
  }

  if (plan.features.electiveAdmission) {
    const start = context.officeTime(rng, Math.max(context.historyStart, context.end - 4 * YEAR), context.end - 10 * DAY);
    const reason = {
      snomed: '396275006',
      display: 'Osteoarthritis',
      text: 'Osteoarthritis of knee',
      admitChance: 1,
      specialty: 'orthopaedics',
      children: false,
      adults: true,
      olderPeople: true,
    } as const;
    admissions.push(writeAdmission(context, rng, reason, start, 'Waiting list', false, 'knee replacement'));
  }

  // On a ward today: an emergency admission still in progress, on the children's ward for a child.
  if (context.alive && rng.fork('on-a-ward').chance(ON_A_WARD_TODAY)) writeCurrentAdmission(context, rng.fork('current-admission'));

  // Medicines on discharge from the most recent admission the resident survived.
  const last = admissions.filter((admission) => admission.end < context.end - HOUR).at(-1);
  const activeRepeats = repeats.filter((repeat) => repeat.current);
  if (last && activeRepeats.length) {
    const disagreeing = plan.features.doseDisagreement ? activeRepeats.find((repeat) => repeat.medicine.hospitalDose) : undefined;
    const listed = activeRepeats.slice(0, 3);
    if (disagreeing && !listed.includes(disagreeing)) listed[listed.length - 1] = disagreeing;
    for (const repeat of listed) {
      const dose = repeat === disagreeing && repeat.medicine.hospitalDose ? repeat.medicine.hospitalDose : repeat.medicine.dose;
      writeHospitalMedicine(context, repeat.medicine, dose, last.end - HOUR, last.consultant, last.encounterId);
    }
  }

  // Outpatient clinics for conditions followed up in hospital.
  for (const planned of plan.conditions) {
    const specialty = planned.definition.clinic;
    if (!planned.seenInClinic || !specialty) continue;
    const consultant = staff.consultant(specialty);
    const clinic = `${specialtyText[specialty]} clinic`;
    const location = `${specialty === 'older-people' ? 'Memory Clinic' : specialtyText[specialty]}, Outpatients, Highbury Vale Hospital`;
    const from = Math.max(planned.onset, context.historyStart);
    const visits = Math.min(3, 1 + Math.floor((context.end - from) / YEAR));
    for (let visit = 0; visit < visits; visit++) {
      const start = context.officeTime(rng, from, context.end - 3 * DAY);
      const appointment = writeAppointment(
        context,
        {
          organization: hospital,
          practitioner: consultant,
          start,
          minutes: 20,
          status: 'fulfilled',
          serviceType: clinic,
          description: `${clinic} appointment`,
          location,
        },
        rng,
      );
      if (!appointment) continue;
      const encounter = writeEncounter(context, {
        organization: hospital,
        class: 'AMB',
        type: concept('Outpatient attendance', coding(SNOMED, '185389009', 'Follow-up visit')),
        start,
        end: start + 20 * MINUTE,
        practitioner: consultant,
        serviceType: clinic,
        reasons: [concept(planned.definition.text, coding(SNOMED, planned.definition.snomed, planned.definition.display))],
        identifierKind: 'attendance',
      });
      if (rng.chance(0.75)) {
        writeDocument(
          context,
          {
            organization: hospital,
            author: consultant,
            type: 'clinic-letter',
            typeText: `${clinic} letter`,
            description: `${clinic} letter — ${planned.definition.text}`,
            title: `${clinic} letter ${fhirDate(start)}`,
            date: start + rng.int(2, 12) * DAY,
            encounterId: encounter.id ?? '',
          },
          rng,
        );
      }
      if (specialty === 'diabetes' || specialty === 'cardiology') {
        writeVital(
          context,
          'weight',
          weightFor(plan, start, () => rng.normal(0, 1)),
          { at: start + 5 * MINUTE, by: { organization: hospital, practitioner: consultant }, encounterId: encounter.id ?? '' },
          rng,
        );
      }
    }
    if (context.alive && rng.chance(0.6)) {
      writeAppointment(
        context,
        {
          organization: hospital,
          practitioner: consultant,
          start: context.futureOfficeTime(rng, 7, 150),
          minutes: 20,
          status: 'booked',
          serviceType: clinic,
          description: `${clinic} follow-up`,
          location,
          patientInstruction:
            specialty === 'diabetes' ? 'Please have your HbA1c blood test a week before.' : 'Please bring your medicines.',
        },
        rng,
      );
    }
  }
}
