/**
 * Medicines, as GP systems and hospitals send them. A repeat is an
 * authorisation (`MedicationRequest`, intent `plan`) with issues allowed,
 * issues made and a review date, its latest issue (intent `order`), and the
 * GP's `MedicationStatement` with the last issue date. Acute prescriptions
 * are single orders. Hospitals send what they prescribed on discharge, with
 * their own dosage text — sometimes not the GP's — and residents add what
 * they buy over the counter.
 */
import type { MedicationRequest, MedicationStatement } from '@care-record/sdk';
import { medicine as medicineNamed, overTheCounter, type MedicineDefinition } from '../clinical/medicines.js';
import type { OrganizationEntry } from '../directory/organizations.js';
import type { StaffEntry } from '../directory/staff.js';
import {
  coding,
  concept,
  DMD,
  localIdentifierSystem,
  PRESCRIPTION_TYPE_EXTENSION,
  RESIDENT_ENTRY,
  SNOMED,
  type CodeableConcept,
  type Extension,
  type SecurityLabel,
} from '../fhir.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime, MINUTE, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';

const PRESCRIPTION_TYPE = 'https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-PrescriptionType-1';
const COURSE_OF_THERAPY = 'http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy';
const STATEMENT_CATEGORY = 'http://terminology.hl7.org/CodeSystem/medication-statement-category';
const REPEAT_INFORMATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation';
const LAST_ISSUE_DATE = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate';

export function medicationConcept(medicine: MedicineDefinition): CodeableConcept {
  return medicine.dmd ? concept(medicine.name, coding(DMD, medicine.dmd, medicine.name)) : concept(medicine.name);
}

function prescriptionType(code: 'acute' | 'repeat'): Extension {
  return { url: PRESCRIPTION_TYPE_EXTENSION, valueCoding: coding(PRESCRIPTION_TYPE, code, code === 'acute' ? 'Acute' : 'Repeat') };
}

const courseOfTherapy = (code: 'acute' | 'continuous'): CodeableConcept => ({
  coding: [coding(COURSE_OF_THERAPY, code, code === 'acute' ? 'Short course (acute) therapy' : 'Continuous long term therapy')],
});

const statementCategory = (code: 'community' | 'inpatient' | 'patientspecified'): CodeableConcept => ({
  coding: [
    coding(STATEMENT_CATEGORY, code, { community: 'Community', inpatient: 'Inpatient', patientspecified: 'Patient Specified' }[code]),
  ],
});

export interface RepeatSpec {
  readonly medicine: MedicineDefinition;
  readonly reason: CodeableConcept;
  /** When the resident first started the medicine. */
  readonly started: number;
  /** Stopped earlier (with the reason) rather than current. */
  readonly stopped?: { readonly at: number; readonly reason: string };
  readonly prescriber: StaffEntry;
  readonly practice: OrganizationEntry;
}

export interface WrittenRepeat {
  readonly medicine: MedicineDefinition;
  readonly planId: string;
  readonly active: boolean;
  /** Taken up to now (or death), rather than stopped earlier. */
  readonly current: boolean;
}

/** A repeat authorisation with its latest issue and the GP's statement of it. */
export function writeRepeat(context: ResidentContext, spec: RepeatSpec, rng: Random): WrittenRepeat {
  const { medicine, practice, prescriber } = spec;
  const died = context.plan.death;
  const ends = spec.stopped?.at ?? died;
  const end = ends === undefined ? context.now : Math.min(ends, context.end);
  // Repeats are re-authorised each year: the current authorisation began within the last year.
  const renewal = Math.max(spec.started, end - rng.between(0.05, 0.95) * YEAR);
  const authorised = context.past(context.officeTime(rng, renewal, Math.min(renewal + 3 * DAY, end)));
  const issuesAllowed = rng.pick([6, 12]);
  const issuesMade = Math.max(1, Math.min(issuesAllowed, 1 + Math.floor((end - authorised) / (medicine.supplyDays * DAY))));
  const lastIssued = context.past(Math.min(end, authorised + (issuesMade - 1) * medicine.supplyDays * DAY));
  const review = ends === undefined ? authorised + YEAR : Math.min(authorised + YEAR, ends);
  const active = ends === undefined;
  const stopReason = spec.stopped?.reason ?? (died !== undefined ? 'Patient died' : undefined);
  const planId = context.id('mr');
  const authorisationSystem = localIdentifierSystem(practice.odsCode, 'medication-authorisation');
  context.add<MedicationRequest>({
    resourceType: 'MedicationRequest',
    id: planId,
    meta: context.meta(practice, 'MedicationRequest', active ? lastIssued : end),
    extension: [
      prescriptionType('repeat'),
      {
        url: REPEAT_INFORMATION,
        extension: [
          { url: 'numberOfPrescriptionsIssued', valueUnsignedInt: issuesMade },
          { url: 'authorisationExpiryDate', valueDateTime: fhirDateTime(review) },
        ],
      },
    ],
    identifier: [{ system: authorisationSystem, value: `AUTH-${planId.slice(4).toUpperCase()}` }],
    status: active ? 'active' : 'stopped',
    ...(stopReason ? { statusReason: concept(stopReason) } : {}),
    intent: 'plan',
    medicationCodeableConcept: medicationConcept(medicine),
    subject: context.patient(),
    authoredOn: fhirDateTime(authorised),
    requester: prescriber.reference(),
    reasonCode: [spec.reason],
    courseOfTherapyType: courseOfTherapy('continuous'),
    dosageInstruction: [{ text: medicine.dose }],
    dispenseRequest: {
      validityPeriod: { start: fhirDate(authorised), end: fhirDate(review) },
      numberOfRepeatsAllowed: issuesAllowed,
      quantity: { value: medicine.quantity, unit: medicine.unit },
      expectedSupplyDuration: { value: medicine.supplyDays, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
    },
  });
  context.add<MedicationRequest>({
    resourceType: 'MedicationRequest',
    id: context.id('mr'),
    meta: context.meta(practice, 'MedicationRequest', lastIssued),
    extension: [prescriptionType('repeat')],
    status: 'completed',
    intent: 'order',
    medicationCodeableConcept: medicationConcept(medicine),
    subject: context.patient(),
    authoredOn: fhirDateTime(lastIssued),
    requester: prescriber.reference(),
    basedOn: [{ reference: `MedicationRequest/${planId}` }],
    courseOfTherapyType: courseOfTherapy('continuous'),
    dosageInstruction: [{ text: medicine.dose }],
    dispenseRequest: { quantity: { value: medicine.quantity, unit: medicine.unit } },
  });
  context.add<MedicationStatement>({
    resourceType: 'MedicationStatement',
    id: context.id('ms'),
    meta: context.meta(practice, 'MedicationStatement', active ? lastIssued : end),
    extension: [{ url: LAST_ISSUE_DATE, valueDateTime: fhirDate(lastIssued) }],
    basedOn: [{ reference: `MedicationRequest/${planId}` }],
    status: active ? 'active' : 'stopped',
    ...(stopReason ? { statusReason: [concept(stopReason)] } : {}),
    category: statementCategory('community'),
    medicationCodeableConcept: medicationConcept(medicine),
    subject: context.patient(),
    effectivePeriod: active
      ? { start: fhirDate(context.past(spec.started)) }
      : { start: fhirDate(context.past(spec.started)), end: fhirDate(end) },
    dateAsserted: fhirDateTime(lastIssued),
    informationSource: prescriber.reference(),
    reasonCode: [spec.reason],
    dosage: [{ text: medicine.dose }],
  });
  return { medicine, planId, active, current: spec.stopped === undefined };
}

/** An acute prescription: one issue, completed, and the statement of the course taken. */
export function writeAcute(
  context: ResidentContext,
  medicine: MedicineDefinition,
  at: number,
  prescriber: StaffEntry,
  practice: OrganizationEntry,
  reason: CodeableConcept,
  encounterId: string,
  security?: readonly SecurityLabel[],
): void {
  const issued = context.past(at);
  const courseEnd = context.past(issued + medicine.supplyDays * DAY);
  context.add<MedicationRequest>({
    resourceType: 'MedicationRequest',
    id: context.id('mr'),
    meta: context.meta(practice, 'MedicationRequest', issued, security),
    extension: [prescriptionType('acute')],
    status: 'completed',
    intent: 'order',
    medicationCodeableConcept: medicationConcept(medicine),
    subject: context.patient(),
    encounter: { reference: `Encounter/${encounterId}` },
    authoredOn: fhirDateTime(issued),
    requester: prescriber.reference(),
    reasonCode: [reason],
    courseOfTherapyType: courseOfTherapy('acute'),
    dosageInstruction: [{ text: medicine.dose }],
    dispenseRequest: { numberOfRepeatsAllowed: 0, quantity: { value: medicine.quantity, unit: medicine.unit } },
  });
  context.add<MedicationStatement>({
    resourceType: 'MedicationStatement',
    id: context.id('ms'),
    meta: context.meta(practice, 'MedicationStatement', issued, security),
    extension: [{ url: LAST_ISSUE_DATE, valueDateTime: fhirDate(issued) }],
    status: courseEnd < context.end ? 'completed' : 'active',
    category: statementCategory('community'),
    medicationCodeableConcept: medicationConcept(medicine),
    subject: context.patient(),
    context: { reference: `Encounter/${encounterId}` },
    effectivePeriod: { start: fhirDate(issued), end: fhirDate(courseEnd) },
    dateAsserted: fhirDateTime(issued),
    informationSource: prescriber.reference(),
    reasonCode: [reason],
    dosage: [{ text: medicine.dose }],
  });
}

/** A medicine the hospital prescribed on discharge, with the hospital's dosage text. */
export function writeHospitalMedicine(
  context: ResidentContext,
  medicine: MedicineDefinition,
  dose: string,
  at: number,
  consultant: StaffEntry,
  encounterId: string,
  security?: readonly SecurityLabel[],
): void {
  const hospital = consultant.organization;
  const when = context.past(at);
  context.add<MedicationStatement>({
    resourceType: 'MedicationStatement',
    id: context.id('ms'),
    meta: context.meta(hospital, 'MedicationStatement', when, security),
    status: context.alive ? 'active' : 'stopped',
    ...(context.alive ? {} : { statusReason: [concept('Patient died')] }),
    category: statementCategory('inpatient'),
    medicationCodeableConcept: medicationConcept(medicine),
    subject: context.patient(),
    context: { reference: `Encounter/${encounterId}` },
    effectivePeriod: context.alive ? { start: fhirDate(when) } : { start: fhirDate(when), end: fhirDate(context.end) },
    dateAsserted: fhirDateTime(when),
    informationSource: consultant.reference(),
    note: [{ text: 'Medicines on discharge. Please continue in primary care.' }],
    dosage: [{ text: dose }],
  });
}

/** Over-the-counter medicines the resident added themselves; some say no dose. */
export function writeOverTheCounter(context: ResidentContext, rng: Random): void {
  const count = rng.int(1, 2);
  const picked = new Set<(typeof overTheCounter)[number]>();
  while (picked.size < count) picked.add(rng.pick(overTheCounter));
  for (const item of picked) {
    const asserted = context.anyTime(rng, context.end - 2 * YEAR, context.end);
    const started = context.past(asserted - rng.int(0, 120) * DAY);
    context.add<MedicationStatement>({
      resourceType: 'MedicationStatement',
      id: context.id('ms'),
      meta: context.meta('resident', 'MedicationStatement', asserted + 3 * MINUTE),
      identifier: [{ system: RESIDENT_ENTRY, value: rng.uuid() }],
      status: 'active',
      category: statementCategory('patientspecified'),
      medicationCodeableConcept: { text: item.name },
      subject: context.patient(),
      effectivePeriod: { start: fhirDate(started) },
      dateAsserted: fhirDateTime(asserted),
      informationSource: context.patient(),
      ...(item.dose ? { dosage: [{ text: item.dose }] } : {}),
    });
  }
}

/** Repeats for the resident's conditions, and the medicines they stopped along the way. */
export function writeRepeatMedicines(context: ResidentContext, rng: Random): WrittenRepeat[] {
  const practice = context.plan.practice;
  if (!practice) return [];
  const written: WrittenRepeat[] = [];
  const seen = new Set<string>();
  const gp = context.staff(practice, 'gp', rng);
  for (const planned of context.plan.conditions) {
    const { definition } = planned;
    const reason = concept(definition.text, coding(SNOMED, definition.snomed, definition.display));
    const started = planned.onset + rng.int(1, 60) * DAY;
    if (
      planned.stoppedEarlier &&
      definition.stopped &&
      !seen.has(definition.stopped.medicine) &&
      !planned.regimen.includes(definition.stopped.medicine)
    ) {
      const stoppedAt = started + rng.between(0.1, 1.5) * YEAR;
      if (stoppedAt < context.end) {
        seen.add(definition.stopped.medicine);
        written.push(
          writeRepeat(
            context,
            {
              medicine: medicineNamed(definition.stopped.medicine),
              reason,
              started,
              stopped: { at: stoppedAt, reason: definition.stopped.reason },
              prescriber: gp,
              practice,
            },
            rng,
          ),
        );
      }
    }
    for (const key of planned.regimen) {
      if (seen.has(key)) continue;
      seen.add(key);
      written.push(writeRepeat(context, { medicine: medicineNamed(key), reason, started, prescriber: gp, practice }, rng));
    }
  }
  return written;
}
