/**
 * Writers for the resources most parts of a record share (contacts, readings,
 * test reports, letters, appointments, alerts), so that every source writes
 * them in the contract's shape.
 */
import type { Appointment, DiagnosticReport, DocumentReference, Encounter, EpisodeOfCare, Flag, Observation } from '@care-record/sdk';
import type { OrganizationEntry } from '../directory/organizations.js';
import type { StaffEntry } from '../directory/staff.js';
import {
  labPanels,
  labTests,
  sectionDisplay,
  vitals,
  type LabPanel,
  type LabTest,
  type LabTestKey,
  type VitalSign,
} from '../clinical/tests.js';
import {
  ACT_CODE,
  coding,
  concept,
  DOCUMENT_TYPE,
  INTERPRETATION,
  LOINC,
  localIdentifierSystem,
  quantity,
  RESIDENT_ENTRY,
  SNOMED,
  ALERT,
  withArticle,
  EPISODE_TYPE,
  type CodeableConcept,
  type Quantity,
  type Reference,
  type SecurityLabel,
} from '../fhir.js';
import type { Random } from '../random.js';
import { fhirDate, fhirDateTime, fhirInstant, HOUR, MINUTE, toMinute } from '../time.js';
import type { Contributor, ResidentContext } from './context.js';

const encounterClassDisplay = {
  AMB: 'ambulatory',
  EMER: 'emergency',
  IMP: 'inpatient encounter',
  HH: 'home health',
  VR: 'virtual',
  SS: 'short stay',
} as const;

export type EncounterClass = keyof typeof encounterClassDisplay;

export interface EncounterSpec {
  readonly organization: OrganizationEntry;
  readonly class: EncounterClass;
  readonly type: CodeableConcept;
  readonly start: number;
  readonly end: number;
  readonly practitioner?: StaffEntry;
  readonly reasons?: readonly CodeableConcept[];
  readonly serviceType?: string;
  readonly episodeOfCareId?: string;
  readonly admitSource?: string;
  readonly dischargeDisposition?: string;
  readonly diagnosisIds?: readonly string[];
  readonly security?: readonly SecurityLabel[];
  /** Kind of local identifier the source gives the contact (e.g. `attendance`), if any. */
  readonly identifierKind?: string;
}

export function writeEncounter(context: ResidentContext, spec: EncounterSpec): Encounter {
  const id = context.id('enc');
  const start = context.past(spec.start);
  const end = Math.max(start, context.past(spec.end));
  const ongoing = spec.end > context.end && context.alive;
  context.relate(spec.organization);
  const encounter: Encounter = {
    resourceType: 'Encounter',
    id,
    meta: context.meta(spec.organization, 'Encounter', end, spec.security),
    ...(spec.identifierKind
      ? {
          identifier: [
            {
              system: localIdentifierSystem(spec.organization.odsCode, spec.identifierKind),
              value: `${spec.organization.odsCode}-${id.slice(4).toUpperCase()}`,
            },
          ],
        }
      : {}),
    status: ongoing ? 'in-progress' : 'finished',
    class: { system: ACT_CODE, code: spec.class, display: encounterClassDisplay[spec.class] },
    type: [spec.type],
    ...(spec.serviceType ? { serviceType: concept(spec.serviceType) } : {}),
    subject: context.patient(),
    ...(spec.episodeOfCareId ? { episodeOfCare: [{ reference: `EpisodeOfCare/${spec.episodeOfCareId}` }] } : {}),
    ...(spec.practitioner ? { participant: [{ individual: spec.practitioner.reference() }] } : {}),
    period: ongoing ? { start: fhirDateTime(start) } : { start: fhirDateTime(start), end: fhirDateTime(end) },
    ...(spec.reasons?.length ? { reasonCode: [...spec.reasons] } : {}),
    ...(spec.diagnosisIds?.length
      ? {
          diagnosis: spec.diagnosisIds.map((conditionId, rank) => ({
            condition: { reference: `Condition/${conditionId}` },
            rank: rank + 1,
          })),
        }
      : {}),
    ...(spec.admitSource || spec.dischargeDisposition
      ? {
          hospitalization: {
            ...(spec.admitSource ? { admitSource: concept(spec.admitSource) } : {}),
            ...(spec.dischargeDisposition && !ongoing ? { dischargeDisposition: concept(spec.dischargeDisposition) } : {}),
          },
        }
      : {}),
    serviceProvider: spec.organization.reference(),
  };
  return context.add(encounter);
}

const category = (code: string, display: string): CodeableConcept => ({
  coding: [coding('http://terminology.hl7.org/CodeSystem/observation-category', code, display)],
});
const VITAL_SIGNS = (): CodeableConcept => category('vital-signs', 'Vital Signs');

const interpretations = {
  H: 'High',
  L: 'Low',
  N: 'Normal',
  HH: 'Critical high',
  LL: 'Critical low',
} as const;

function interpretation(code: keyof typeof interpretations): CodeableConcept[] {
  return [{ coding: [coding(INTERPRETATION, code, interpretations[code])] }];
}

export interface ReadingSpec {
  readonly at: number;
  /** Who took the reading; `'resident'` for a reading the resident entered. */
  readonly by: { readonly organization: OrganizationEntry; readonly practitioner?: StaffEntry } | 'resident';
  readonly encounterId?: string;
  readonly security?: readonly SecurityLabel[];
}

function readingBase(context: ResidentContext, spec: ReadingSpec, rng: Random) {
  const at = context.past(spec.at);
  const contributor: Contributor = spec.by === 'resident' ? 'resident' : spec.by.organization;
  const performer: Reference[] =
    spec.by === 'resident'
      ? [context.patient()]
      : [spec.by.practitioner ? spec.by.practitioner.reference() : spec.by.organization.reference()];
  const issued = context.past(at + rng.int(1, 30) * MINUTE);
  return {
    id: context.id('obs'),
    meta: context.meta(contributor, 'Observation', issued, spec.security),
    ...(spec.by === 'resident' ? { identifier: [{ system: RESIDENT_ENTRY, value: rng.uuid() }] } : {}),
    status: 'final' as const,
    subject: context.patient(),
    ...(spec.encounterId ? { encounter: { reference: `Encounter/${spec.encounterId}` } } : {}),
    effectiveDateTime: fhirDateTime(at),
    issued: fhirInstant(issued),
    performer,
  };
}

/** A single vital sign (weight, pulse, temperature…), with its value already rounded. */
export function writeVital(
  context: ResidentContext,
  kind: Exclude<VitalSign, 'blood-pressure'>,
  value: number,
  spec: ReadingSpec,
  rng: Random,
): Observation {
  const definition = vitals[kind];
  const selfReportedWeight = spec.by === 'resident' && kind === 'weight';
  const code: CodeableConcept = selfReportedWeight
    ? concept('Weight (home reading)', coding(SNOMED, '784399000', 'Self reported body weight'), coding(LOINC, '29463-7', 'Body weight'))
    : concept(
        definition.text,
        coding(LOINC, definition.loinc[0], definition.loinc[1]),
        coding(SNOMED, definition.snomed[0], definition.snomed[1]),
      );
  return context.add<Observation>({
    resourceType: 'Observation',
    ...readingBase(context, spec, rng),
    category: [VITAL_SIGNS()],
    code,
    valueQuantity: quantity(value, definition.unit, definition.ucum),
  });
}

/** A blood pressure panel with systolic and diastolic components (self-reported codes for home readings). */
export function writeBloodPressure(
  context: ResidentContext,
  systolic: number,
  diastolic: number,
  spec: ReadingSpec,
  rng: Random,
): Observation {
  const home = spec.by === 'resident';
  const mmHg = (value: number): Quantity => quantity(value, 'mmHg', 'mm[Hg]');
  const high = systolic >= 140 || diastolic >= 90;
  return context.add<Observation>({
    resourceType: 'Observation',
    ...readingBase(context, spec, rng),
    category: [VITAL_SIGNS()],
    code: concept(
      home ? 'Blood pressure (home reading)' : 'Blood pressure',
      coding(LOINC, '85354-9', 'Blood pressure panel with all children optional'),
      coding(SNOMED, '75367002', 'Blood pressure'),
    ),
    ...(home ? {} : { interpretation: interpretation(high ? 'H' : 'N') }),
    component: [
      {
        code: {
          coding: [
            coding(LOINC, '8480-6', 'Systolic blood pressure'),
            home
              ? coding(SNOMED, '1162737008', 'Self reported systolic blood pressure')
              : coding(SNOMED, '271649006', 'Systolic blood pressure'),
          ],
        },
        valueQuantity: mmHg(systolic),
      },
      {
        code: {
          coding: [
            coding(LOINC, '8462-4', 'Diastolic blood pressure'),
            home
              ? coding(SNOMED, '1162735000', 'Self reported diastolic blood pressure')
              : coding(SNOMED, '271650006', 'Diastolic blood pressure'),
          ],
        },
        valueQuantity: mmHg(diastolic),
      },
    ],
  });
}

/** Smoking status as recorded in primary care (social history). */
export function writeSmokingStatus(
  context: ResidentContext,
  status: 'never' | 'current' | 'ex',
  spec: ReadingSpec,
  rng: Random,
): Observation {
  const values = {
    never: coding(SNOMED, '266919005', 'Never smoked tobacco'),
    current: coding(SNOMED, '77176002', 'Smoker'),
    ex: coding(SNOMED, '8517006', 'Ex-smoker'),
  } as const;
  const text = { never: 'Never smoked', current: 'Current smoker', ex: 'Ex-smoker' } as const;
  return context.add<Observation>({
    resourceType: 'Observation',
    ...readingBase(context, spec, rng),
    category: [category('social-history', 'Social History')],
    code: concept('Smoking status', coding(LOINC, '72166-2', 'Tobacco smoking status')),
    valueCodeableConcept: concept(text[status], values[status]),
  });
}

/** How a resident's results run: shifts from the healthy mean for their conditions. */
export type ResultProfile = Partial<Record<LabTestKey, { readonly mean: number; readonly spread?: number }>>;

function referenceRange(test: LabTest, sex: 'male' | 'female'): { low?: number; high?: number } {
  if (test.key === 'haemoglobin') return sex === 'male' ? { low: 130, high: 180 } : { low: 115, high: 165 };
  if (test.key === 'creatinine') return sex === 'male' ? { low: 59, high: 104 } : { low: 45, high: 84 };
  return { ...(test.low !== undefined ? { low: test.low } : {}), ...(test.high !== undefined ? { high: test.high } : {}) };
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export interface LabReportSpec {
  readonly panel: keyof typeof labPanels;
  /** When the sample was taken. */
  readonly at: number;
  readonly requester?: StaffEntry;
  readonly encounterId?: string;
  readonly results?: ResultProfile;
  readonly security?: readonly SecurityLabel[];
}

/** A pathology report from the hospital laboratory with one Observation per test. */
export function writeLabReport(context: ResidentContext, spec: LabReportSpec, rng: Random): DiagnosticReport {
  const laboratory = context.directory.organizations.hospital;
  const panel: LabPanel = labPanels[spec.panel];
  const taken = context.past(spec.at);
  const issued = context.past(taken + rng.int(3, 30) * HOUR);
  const reportId = context.id('dr');
  const results: Reference[] = [];
  const abnormal: string[] = [];
  for (const key of panel.tests) {
    const test = labTests[key];
    const shift = spec.results?.[key];
    const raw = rng.normal(shift?.mean ?? test.mean, shift?.spread ?? test.spread);
    const value = Math.max(test.decimals ? 10 ** -test.decimals : 1, round(raw, test.decimals));
    const range = referenceRange(test, context.plan.sex);
    let flag: keyof typeof interpretations = 'N';
    if (range.high !== undefined && value > range.high) flag = test.criticalHigh !== undefined && value >= test.criticalHigh ? 'HH' : 'H';
    if (range.low !== undefined && value < range.low) flag = test.criticalLow !== undefined && value <= test.criticalLow ? 'LL' : 'L';
    if (flag !== 'N') abnormal.push(`${test.text} ${flag.startsWith('H') ? 'raised' : 'low'}`);
    const capped = test.key === 'egfr' && value > 90;
    const observationId = context.id('obs');
    context.add<Observation>({
      resourceType: 'Observation',
      id: observationId,
      meta: context.meta(laboratory, 'Observation', issued, spec.security),
      status: 'final',
      category: [category('laboratory', 'Laboratory')],
      code: concept(test.text, coding(LOINC, test.loinc, test.display)),
      subject: context.patient(),
      ...(spec.encounterId ? { encounter: { reference: `Encounter/${spec.encounterId}` } } : {}),
      effectiveDateTime: fhirDateTime(taken),
      issued: fhirInstant(issued),
      performer: [laboratory.reference()],
      valueQuantity: capped ? { ...quantity(90, test.unit, test.ucum), comparator: '>' } : quantity(value, test.unit, test.ucum),
      interpretation: interpretation(capped ? 'N' : flag),
      referenceRange: [
        {
          ...(range.low !== undefined ? { low: quantity(range.low, test.unit, test.ucum) } : {}),
          ...(range.high !== undefined ? { high: quantity(range.high, test.unit, test.ucum) } : {}),
        },
      ],
    });
    results.push({ reference: `Observation/${observationId}`, display: test.text });
  }
  return context.add<DiagnosticReport>({
    resourceType: 'DiagnosticReport',
    id: reportId,
    meta: context.meta(laboratory, 'DiagnosticReport', issued, spec.security),
    identifier: [
      { system: localIdentifierSystem(laboratory.odsCode, 'lab-report'), value: `${panel.code}-${reportId.slice(4).toUpperCase()}` },
    ],
    status: 'final',
    category: [{ coding: [coding('http://terminology.hl7.org/CodeSystem/v2-0074', panel.section, sectionDisplay[panel.section])] }],
    code: concept(
      panel.text,
      coding(`https://fhir.${laboratory.odsCode.toLowerCase()}.care-record.example/CodeSystem/pathology-test`, panel.code, panel.text),
    ),
    subject: context.patient(),
    ...(spec.encounterId ? { encounter: { reference: `Encounter/${spec.encounterId}` } } : {}),
    effectiveDateTime: fhirDateTime(taken),
    issued: fhirInstant(issued),
    performer: [laboratory.reference()],
    ...(spec.requester ? { resultsInterpreter: [spec.requester.reference()] } : {}),
    result: results,
    ...(abnormal.length ? { conclusion: `${abnormal.join('; ')}. Please review.` } : {}),
  });
}

/** Kinds of document, coded in SNOMED CT where the concept is certain, otherwise in the product's document-type system. */
export const documentTypes = {
  'discharge-summary': coding(SNOMED, '373942005', 'Discharge summary'),
  'clinic-letter': coding(DOCUMENT_TYPE, 'clinic-letter', 'Outpatient clinic letter'),
  'emergency-summary': coding(SNOMED, '373942005', 'Discharge summary'),
  'care-act-assessment': coding(DOCUMENT_TYPE, 'care-act-assessment', 'Care Act needs assessment'),
  'carers-assessment': coding(DOCUMENT_TYPE, 'carers-assessment', "Carer's assessment"),
  'care-review': coding(DOCUMENT_TYPE, 'care-review', 'Care and support plan review'),
  'mental-health-letter': coding(DOCUMENT_TYPE, 'clinic-letter', 'Outpatient clinic letter'),
  'care-programme-review': coding(DOCUMENT_TYPE, 'cpa-review', 'Care programme approach review'),
  'strategy-discussion': coding(DOCUMENT_TYPE, 'strategy-discussion', 'Safeguarding strategy discussion record'),
  'sexual-health-letter': coding(DOCUMENT_TYPE, 'clinic-letter', 'Outpatient clinic letter'),
  'dialysis-review': coding(DOCUMENT_TYPE, 'clinic-letter', 'Outpatient clinic letter'),
  'community-nursing-summary': coding(DOCUMENT_TYPE, 'community-nursing-summary', 'Community nursing summary'),
} as const;

export interface DocumentSpec {
  readonly organization: OrganizationEntry;
  readonly author: StaffEntry;
  readonly type: keyof typeof documentTypes;
  /** What the source calls the document (`type.text`). */
  readonly typeText: string;
  readonly description: string;
  readonly title: string;
  readonly date: number;
  readonly encounterId?: string;
  readonly period?: { readonly start: number; readonly end: number };
  readonly security?: readonly SecurityLabel[];
}

export function writeDocument(context: ResidentContext, spec: DocumentSpec, rng: Random): DocumentReference {
  const id = context.id('doc');
  const date = context.past(spec.date);
  return context.add<DocumentReference>({
    resourceType: 'DocumentReference',
    id,
    meta: context.meta(spec.organization, 'DocumentReference', date + 5 * MINUTE, spec.security),
    status: 'current',
    docStatus: 'final',
    type: concept(spec.typeText, { ...documentTypes[spec.type] }),
    subject: context.patient(),
    date: fhirInstant(date),
    author: [spec.author.reference()],
    custodian: spec.organization.reference(),
    description: spec.description,
    content: [
      {
        attachment: {
          contentType: 'application/pdf',
          language: 'en-GB',
          url: `${context.settings.documentBaseUrl}${id}`,
          size: rng.int(18_000, 160_000),
          title: spec.title,
          creation: fhirDateTime(date),
        },
      },
    ],
    ...(spec.encounterId || spec.period
      ? {
          context: {
            ...(spec.encounterId ? { encounter: [{ reference: `Encounter/${spec.encounterId}` }] } : {}),
            ...(spec.period
              ? { period: { start: fhirDateTime(context.past(spec.period.start)), end: fhirDateTime(context.past(spec.period.end)) } }
              : {}),
          },
        }
      : {}),
  });
}

export interface AppointmentSpec {
  readonly organization: OrganizationEntry;
  readonly practitioner?: StaffEntry;
  readonly start: number;
  readonly minutes: number;
  readonly status: 'booked' | 'fulfilled' | 'noshow' | 'cancelled';
  readonly serviceType: string;
  readonly description: string;
  readonly location: string;
  /** When it was booked; defaults to some weeks before. */
  readonly created?: number;
  readonly reason?: CodeableConcept;
  readonly patientInstruction?: string;
  readonly cancellationReason?: string;
  readonly security?: readonly SecurityLabel[];
}

export function writeAppointment(context: ResidentContext, spec: AppointmentSpec, rng: Random): Appointment | undefined {
  const start = toMinute(spec.start);
  const end = start + spec.minutes * MINUTE;
  // A future appointment exists only for the living; a past one only within their lifetime.
  if (start > context.now ? !context.alive : end > context.end) return undefined;
  if (start < context.plan.birth) return undefined;
  const created = context.past(Math.min(spec.created ?? start - rng.int(7, 60) * 24 * HOUR, context.now));
  context.relate(spec.organization);
  const interpreter = context.plan.features.interpreter ? context.plan.community.language : undefined;
  const instruction = [
    spec.patientInstruction,
    interpreter ? `${withArticle(interpreter.display).replace(/^a/, 'A')} interpreter has been booked.` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return context.add<Appointment>({
    resourceType: 'Appointment',
    id: context.id('apt'),
    meta: context.meta(spec.organization, 'Appointment', spec.status === 'booked' ? created : Math.min(end, context.now), spec.security),
    extension: [
      {
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization',
        valueReference: spec.organization.reference(),
      },
    ],
    status: spec.status,
    ...(spec.cancellationReason ? { cancelationReason: concept(spec.cancellationReason) } : {}),
    serviceType: [concept(spec.serviceType)],
    ...(spec.reason ? { reasonCode: [spec.reason] } : {}),
    description: spec.description,
    start: fhirInstant(start),
    end: fhirInstant(end),
    minutesDuration: spec.minutes,
    created: fhirDateTime(created),
    ...(instruction && spec.status === 'booked' ? { patientInstruction: instruction } : {}),
    participant: [
      { actor: context.patient(), required: 'required', status: 'accepted' },
      ...(spec.practitioner ? [{ actor: spec.practitioner.reference(), required: 'required' as const, status: 'accepted' as const }] : []),
      { actor: { display: spec.location }, status: 'accepted' },
    ],
  });
}

const flagCategories = {
  safety: 'Safety',
  clinical: 'Clinical',
  behavioral: 'Behavioral',
  admin: 'Administrative',
  contact: 'Subject Contact',
  drug: 'Drug',
} as const;

export interface FlagSpec {
  readonly organization: OrganizationEntry;
  readonly author: StaffEntry | OrganizationEntry;
  readonly category: keyof typeof flagCategories;
  readonly code: string;
  readonly display: string;
  readonly text: string;
  readonly start: number;
  readonly end?: number;
  readonly security?: readonly SecurityLabel[];
}

/** An alert. It ends at death at the latest, and is inactive once ended. */
export function writeFlag(context: ResidentContext, spec: FlagSpec): Flag {
  const start = context.past(spec.start);
  const endsAt = spec.end === undefined ? context.plan.death : Math.min(spec.end, context.plan.death ?? spec.end);
  const ended = endsAt !== undefined && endsAt <= context.now;
  return context.add<Flag>({
    resourceType: 'Flag',
    id: context.id('flag'),
    meta: context.meta(spec.organization, 'Flag', ended && endsAt !== undefined ? endsAt : start, spec.security),
    status: ended ? 'inactive' : 'active',
    category: [{ coding: [coding('http://terminology.hl7.org/CodeSystem/flag-category', spec.category, flagCategories[spec.category])] }],
    code: concept(spec.text, coding(ALERT, spec.code, spec.display)),
    subject: context.patient(),
    period: endsAt === undefined ? { start: fhirDate(start) } : { start: fhirDate(start), end: fhirDate(Math.max(start, endsAt)) },
    author: spec.author.reference(),
  });
}

export interface EpisodeSpec {
  readonly organization: OrganizationEntry;
  readonly code: string;
  readonly display: string;
  readonly text: string;
  readonly start: number;
  readonly end?: number;
  readonly careManager?: StaffEntry;
  readonly team?: string;
  readonly diagnosisIds?: readonly string[];
  readonly security?: readonly SecurityLabel[];
}

/** A period a service is responsible for the resident; it ends at death at the latest. */
export function writeEpisode(context: ResidentContext, spec: EpisodeSpec): EpisodeOfCare {
  const start = context.past(spec.start);
  const endsAt = spec.end === undefined ? context.plan.death : Math.min(spec.end, context.plan.death ?? spec.end);
  const finished = endsAt !== undefined && endsAt <= context.now;
  context.relate(spec.organization);
  return context.add<EpisodeOfCare>({
    resourceType: 'EpisodeOfCare',
    id: context.id('eoc'),
    meta: context.meta(spec.organization, 'EpisodeOfCare', finished && endsAt !== undefined ? endsAt : start, spec.security),
    status: finished ? 'finished' : 'active',
    type: [concept(spec.text, coding(EPISODE_TYPE, spec.code, spec.display))],
    ...(spec.diagnosisIds?.length
      ? { diagnosis: spec.diagnosisIds.map((id, rank) => ({ condition: { reference: `Condition/${id}` }, rank: rank + 1 })) }
      : {}),
    patient: context.patient(),
    managingOrganization: spec.organization.reference(),
    period:
      finished && endsAt !== undefined ? { start: fhirDate(start), end: fhirDate(Math.max(start, endsAt)) } : { start: fhirDate(start) },
    ...(spec.careManager ? { careManager: spec.careManager.reference() } : {}),
    ...(spec.team ? { team: [{ display: spec.team }] } : {}),
  });
}
