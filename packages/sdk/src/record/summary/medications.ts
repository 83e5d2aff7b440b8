/**
 * The medication headline: current medicines counted once each, repeats then
 * acutes then others (hospital, over the counter), alphabetical within each.
 */
import type { MedicationRequest, MedicationStatement } from '../../fhir.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { conceptText } from '../allergies.js';
import { tidyText as tidy } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { byText, endedBefore, type SummaryContext } from './context.js';

export type MedicationKind = 'repeat' | 'acute' | 'other';

export interface MedicationPreviewItem {
  /** The drug name as the first source recorded it. */
  name: string;
  kind: MedicationKind;
  sources: SourceLabel[];
}

export interface MedicationHeadline {
  /** Current medicines, each counted once however many sources hold it. */
  total: number;
  repeat: number;
  acute: number;
  /** Current medicines outside GP prescribing: hospital, over the counter. */
  other: number;
  /** The number of current medicines not named in the preview. */
  moreCount: number;
}

const PRESCRIPTION_TYPE_URL = 'https://care-record.example/StructureDefinition/prescription-type';
const SNOMED = 'http://snomed.info/sct';

function prescriptionKind(request: MedicationRequest): MedicationKind {
  const typeCode = request.extension?.find((extension) => extension.url === PRESCRIPTION_TYPE_URL)?.valueCoding?.code;
  if (typeCode === 'acute' || typeCode === 'delayed-prescribing') return 'acute';
  if (typeCode === 'repeat' || typeCode === 'repeat-dispensing') return 'repeat';
  const course = request.courseOfTherapyType?.coding?.map((coding) => coding.code) ?? [];
  if (course.includes('acute')) return 'acute';
  if (course.includes('continuous') || course.includes('continuous-repeating-dispensing')) return 'repeat';
  return request.intent === 'plan' ? 'repeat' : 'acute';
}

/**
 * A statement with no authorisation in view: a GP (`community`) statement is a
 * repeat when it rests on an authorisation and has no end, an acute course when
 * it has an end; anything else (hospital, over the counter) is `other`.
 */
function statementKind(statement: MedicationStatement): MedicationKind {
  if (!(statement.category?.coding ?? []).some((coding) => coding.code === 'community')) return 'other';
  if (statement.effectivePeriod?.end !== undefined) return 'acute';
  return (statement.basedOn ?? []).length > 0 ? 'repeat' : 'other';
}

type MedicationResource = MedicationRequest | MedicationStatement;

const medicationName = (resource: MedicationResource): string =>
  resource.medicationCodeableConcept
    ? conceptText(resource.medicationCodeableConcept)
    : tidy(resource.medicationReference?.display) || NOT_KNOWN;

/** Same medicine across sources: the same dm+d/SNOMED code, else the same name ignoring case and spacing. */
function medicationKey(resource: MedicationResource): string {
  const code = resource.medicationCodeableConcept?.coding?.find(
    (coding) => (coding.system === 'https://dmd.nhs.uk' || coding.system === SNOMED) && coding.code,
  )?.code;
  return code ? `code:${code}` : `name:${medicationName(resource).toLowerCase()}`;
}

/**
 * Current: an active authorisation (MedicationRequest `plan`) or an active
 * prescription not issued from one; an active MedicationStatement whose
 * period has not ended. A statement based on a counted authorisation is the
 * same medicine.
 */
export function medicationHeadline(
  requests: readonly MedicationRequest[],
  statements: readonly MedicationStatement[],
  context: SummaryContext,
  previewCount: number,
): { headline: MedicationHeadline; items: MedicationPreviewItem[] } {
  const byKey = new Map<string, MedicationPreviewItem & { sourceCodes: Set<string> }>();
  const counted = new Map<string, string>(); // MedicationRequest id -> key
  const add = (resource: MedicationResource, kind: MedicationKind, key = medicationKey(resource)) => {
    const source = sourceOf(resource, context.organizations);
    const existing = byKey.get(key);
    if (!existing) {
      byKey.set(key, { name: medicationName(resource), kind, sources: [source], sourceCodes: new Set([source.odsCode]) });
      return key;
    }
    if (!existing.sourceCodes.has(source.odsCode)) {
      existing.sourceCodes.add(source.odsCode);
      existing.sources.push(source);
    }
    return key;
  };

  const currentRequests = requests.filter(
    (request) => request.status === 'active' && (request.intent === 'plan' || !(request.basedOn ?? []).length),
  );
  for (const kind of ['repeat', 'acute'] as const) {
    for (const request of currentRequests.filter((candidate) => prescriptionKind(candidate) === kind)) {
      const key = add(request, kind);
      if (request.id) counted.set(request.id, key);
    }
  }
  const currentStatements = statements.filter(
    (statement) => statement.status === 'active' && !endedBefore(statement.effectivePeriod?.end, context.now),
  );
  for (const statement of currentStatements) {
    const basis = (statement.basedOn ?? [])
      .map((reference) => /(?:^|\/)MedicationRequest\/([^/]+)$/.exec(tidy(reference.reference))?.[1])
      .find((id) => id !== undefined && counted.has(id));
    add(statement, statementKind(statement), basis ? counted.get(basis) : undefined);
  }

  const rank: Record<MedicationKind, number> = { repeat: 0, acute: 1, other: 2 };
  const all = [...byKey.values()]
    .sort((a, b) => rank[a.kind] - rank[b.kind] || byText(a.name, b.name))
    .map(({ name, kind, sources }) => ({ name, kind, sources }));
  const items = all.slice(0, Math.max(0, previewCount));
  const count = (kind: MedicationKind) => all.filter((item) => item.kind === kind).length;
  return {
    headline: {
      total: all.length,
      repeat: count('repeat'),
      acute: count('acute'),
      other: count('other'),
      moreCount: all.length - items.length,
    },
    items,
  };
}
