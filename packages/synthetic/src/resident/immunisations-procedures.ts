/**
 * Vaccinations and procedures. Children get the UK routine childhood
 * schedule by age (a few doses declined by a parent, recorded as not given);
 * older people their autumn flu and COVID-19 vaccinations, a pneumococcal and
 * a shingles vaccination; some adults an operation at the hospital (a
 * cataract operation, a hip or knee replacement, an appendicectomy) or minor
 * surgery at the practice. Now and then an entry is recorded in error, as in
 * real records, and is never shown.
 */
import type { Immunization, Procedure } from '@care-record/sdk';
import type { OrganizationEntry } from '../directory/organizations.js';
import { coding, concept, SNOMED, type CodeableConcept } from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDateTime, fhirInstant, MINUTE, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';

interface Vaccine {
  readonly text: string;
  /** SNOMED CT vaccination procedure, where the record carries one. */
  readonly snomed?: readonly [code: string, display: string];
}

const vaccines = {
  sixInOne: { text: '6-in-1 vaccine (DTaP/IPV/Hib/HepB)' },
  menB: { text: 'MenB vaccine' },
  rotavirus: { text: 'Rotavirus vaccine' },
  pneumococcalConjugate: { text: 'Pneumococcal conjugate vaccine (PCV)' },
  hibMenC: { text: 'Hib/MenC vaccine' },
  mmr: { text: 'MMR vaccine', snomed: ['38598009', 'Measles, mumps and rubella vaccination'] },
  preschoolBooster: { text: '4-in-1 pre-school booster (DTaP/IPV)' },
  hpv: { text: 'HPV vaccine' },
  teenageBooster: { text: '3-in-1 teenage booster (Td/IPV)' },
  menACWY: { text: 'MenACWY vaccine' },
  flu: { text: 'Flu vaccine', snomed: ['86198006', 'Influenza vaccination'] },
  covid: { text: 'COVID-19 vaccine', snomed: ['840534001', 'SARS-CoV-2 vaccination'] },
  pneumococcal: { text: 'Pneumococcal polysaccharide vaccine (PPV)', snomed: ['12866006', 'Pneumococcal vaccination'] },
  shingles: { text: 'Shingles vaccine' },
} as const satisfies Record<string, Vaccine>;

/** The routine childhood schedule: age in days, the vaccine, and its dose in the course. */
const childhoodSchedule: readonly (readonly [ageDays: number, vaccine: Vaccine, dose: number])[] = [
  [56, vaccines.sixInOne, 1],
  [56, vaccines.menB, 1],
  [56, vaccines.rotavirus, 1],
  [84, vaccines.sixInOne, 2],
  [84, vaccines.pneumococcalConjugate, 1],
  [84, vaccines.rotavirus, 2],
  [112, vaccines.sixInOne, 3],
  [112, vaccines.menB, 2],
  [365, vaccines.hibMenC, 1],
  [365, vaccines.mmr, 1],
  [365, vaccines.pneumococcalConjugate, 2],
  [365, vaccines.menB, 3],
  [1220, vaccines.mmr, 2],
  [1220, vaccines.preschoolBooster, 1],
  [4600, vaccines.hpv, 1],
  [5110, vaccines.teenageBooster, 1],
  [5110, vaccines.menACWY, 1],
];

const declinedByParent = concept('Declined by parent', coding(SNOMED, '310376006', 'Immunization consent not given'));
const declined = concept('Declined', coding(SNOMED, '591000119102', 'Vaccine refused by patient'));

function vaccineConcept(vaccine: Vaccine): CodeableConcept {
  return vaccine.snomed ? concept(vaccine.text, coding(SNOMED, vaccine.snomed[0], vaccine.snomed[1])) : concept(vaccine.text);
}

interface VaccinationSpec {
  readonly vaccine: Vaccine;
  readonly at: number;
  readonly dose?: number;
  readonly practice: OrganizationEntry;
  readonly notGiven?: CodeableConcept;
  readonly inError?: boolean;
}

function writeVaccination(context: ResidentContext, spec: VaccinationSpec, rng: Random): Immunization {
  const at = context.past(spec.at);
  const nurse = context.staff(spec.practice, 'practice-nurse', rng);
  const status = spec.inError ? 'entered-in-error' : spec.notGiven ? 'not-done' : 'completed';
  return context.add<Immunization>({
    resourceType: 'Immunization',
    id: context.id('imm'),
    meta: context.meta(spec.practice, 'Immunization', at + 10 * MINUTE),
    status,
    ...(spec.notGiven ? { statusReason: spec.notGiven } : {}),
    vaccineCode: vaccineConcept(spec.vaccine),
    patient: context.patient(),
    occurrenceDateTime: fhirDateTime(at),
    recorded: fhirInstant(context.past(at + 10 * MINUTE)),
    primarySource: true,
    location: spec.practice.reference(),
    ...(spec.notGiven ? {} : { performer: [{ actor: nurse.reference() }] }),
    ...(spec.dose ? { protocolApplied: [{ doseNumberPositiveInt: spec.dose }] } : {}),
  });
}

/** 1 October to 30 November of the autumn that starts in `year`, in office hours. */
const autumn = (context: ResidentContext, rng: Random, year: number): number =>
  context.officeTime(rng, Date.UTC(year, 9, 1), Date.UTC(year, 10, 30));

export function writeImmunisations(context: ResidentContext, rng: Random): void {
  const { plan } = context;
  const practice = plan.practice;
  if (!practice) return;
  const age = (context.end - plan.birth) / YEAR;
  // A family that declines declines most of the schedule; others miss the odd dose.
  const familyDeclines = rng.chance(0.03);
  if (age < 18) {
    for (const [ageDays, vaccine, dose] of childhoodSchedule) {
      const due = plan.birth + ageDays * DAY;
      if (due > context.end) break;
      const at = context.officeTime(rng, due, due + 21 * DAY);
      if (at > context.end) break;
      const notGiven = familyDeclines || rng.chance(0.02) ? declinedByParent : undefined;
      writeVaccination(context, { vaccine, at, dose, practice, ...(notGiven ? { notGiven } : {}), inError: rng.chance(0.005) }, rng);
    }
    return;
  }
  const endYear = new Date(context.end).getUTCFullYear();
  const atRisk = plan.conditions.length > 0;
  for (let year = endYear - 4; year <= endYear; year++) {
    const autumnStart = Date.UTC(year, 9, 1);
    if (autumnStart > context.end) continue;
    const ageThen = (autumnStart - plan.birth) / YEAR;
    if (ageThen >= 65 || (atRisk && ageThen >= 18 && rng.chance(0.6))) {
      const at = autumn(context, rng, year);
      if (at <= context.end)
        writeVaccination(context, { vaccine: vaccines.flu, at, practice, ...(rng.chance(0.1) ? { notGiven: declined } : {}) }, rng);
    }
    if (ageThen >= 75 && year >= endYear - 2) {
      const at = autumn(context, rng, year);
      if (at <= context.end)
        writeVaccination(context, { vaccine: vaccines.covid, at, practice, ...(rng.chance(0.15) ? { notGiven: declined } : {}) }, rng);
    }
  }
  const at65 = plan.birth + 65 * YEAR;
  if (at65 <= context.end && at65 >= context.historyStart)
    writeVaccination(context, { vaccine: vaccines.pneumococcal, at: context.officeTime(rng, at65, at65 + 120 * DAY), practice }, rng);
  const at70 = plan.birth + 70 * YEAR;
  if (at70 <= context.end && at70 >= context.historyStart && rng.chance(0.7))
    writeVaccination(
      context,
      { vaccine: vaccines.shingles, at: context.officeTime(rng, at70, at70 + 200 * DAY), dose: 1, practice, inError: rng.chance(0.02) },
      rng,
    );
}

interface Operation {
  readonly text: string;
  readonly snomed?: readonly [code: string, display: string];
  readonly bodySite?: string;
  readonly reason?: string;
  /** Done at the practice rather than the hospital. */
  readonly atPractice?: boolean;
}

const operations = {
  cataract: { text: 'Cataract operation', snomed: ['110473004', 'Cataract surgery'], bodySite: 'Right eye', reason: 'Cataract' },
  hip: {
    text: 'Total hip replacement',
    snomed: ['52734007', 'Total replacement of hip'],
    bodySite: 'Left hip',
    reason: 'Osteoarthritis of hip',
  },
  knee: {
    text: 'Total knee replacement',
    snomed: ['609588000', 'Total knee replacement'],
    bodySite: 'Right knee',
    reason: 'Osteoarthritis of knee',
  },
  appendix: { text: 'Appendicectomy', snomed: ['80146002', 'Appendectomy'], reason: 'Acute appendicitis' },
  skinLesion: { text: 'Excision of skin lesion', bodySite: 'Back', reason: 'Seborrhoeic keratosis', atPractice: true },
} as const satisfies Record<string, Operation>;

const surgical = concept('Surgical procedure', coding(SNOMED, '387713003', 'Surgical procedure'));
const unfit = concept('Not fit for surgery on the day');

function writeOperation(context: ResidentContext, operation: Operation, at: number, rng: Random, notDone?: CodeableConcept): Procedure {
  const { plan } = context;
  const organization = operation.atPractice && plan.practice ? plan.practice : context.directory.organizations.hospital;
  context.relate(organization);
  const surgeon = context.staff(organization, operation.atPractice ? 'gp' : 'consultant', rng);
  const start = context.past(at);
  const end = context.past(start + rng.int(30, 120) * MINUTE);
  return context.add<Procedure>({
    resourceType: 'Procedure',
    id: context.id('proc'),
    meta: context.meta(organization, 'Procedure', end + 30 * MINUTE),
    status: notDone ? 'not-done' : 'completed',
    ...(notDone ? { statusReason: notDone } : {}),
    category: surgical,
    code: operation.snomed ? concept(operation.text, coding(SNOMED, operation.snomed[0], operation.snomed[1])) : concept(operation.text),
    subject: context.patient(),
    ...(notDone ? { performedDateTime: fhirDateTime(start) } : { performedPeriod: { start: fhirDateTime(start), end: fhirDateTime(end) } }),
    ...(notDone ? {} : { performer: [{ actor: surgeon.reference(), onBehalfOf: organization.reference() }] }),
    ...(operation.bodySite ? { bodySite: [concept(operation.bodySite)] } : {}),
    ...(operation.reason ? { reasonCode: [concept(operation.reason)] } : {}),
  });
}

export function writeProcedures(context: ResidentContext, rng: Random): void {
  const { plan } = context;
  const age = (context.end - plan.birth) / YEAR;
  const from = Math.max(context.historyStart, plan.birth + 18 * YEAR);
  if (from >= context.atHomeUntil) return;
  const when = () => context.officeTime(rng, from, context.atHomeUntil - DAY);
  const arthritis = plan.conditions.some((planned) => planned.definition.key === 'osteoarthritis');
  if (age >= 60 && rng.chance(0.3)) writeOperation(context, operations.cataract, when(), rng);
  if (age >= 60 && rng.chance(arthritis ? 0.5 : 0.08)) {
    // Sometimes the first date was cancelled on the day, and the operation done later.
    const at = when();
    const joint = rng.chance(0.5) ? operations.hip : operations.knee;
    if (at - 60 * DAY >= from && rng.chance(0.15)) writeOperation(context, joint, at - 60 * DAY, rng, unfit);
    writeOperation(context, joint, at, rng);
  }
  if (rng.chance(0.04)) writeOperation(context, operations.appendix, when(), rng);
  if (plan.practice && rng.chance(0.06)) writeOperation(context, operations.skinLesion, when(), rng);
}
