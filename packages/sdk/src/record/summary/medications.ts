/**
 * The medication headline: current medicines counted once each, repeats then
 * acutes then others (hospital, over the counter), alphabetical within each.
 * What is current is the medication list's rule (`medicineStanding`): a
 * "do not give" order, a proposal, or a statement whose period has ended is
 * never counted; on hold, draft, intended and unknown are.
 */
import type { MedicationRequest, MedicationStatement } from '../../fhir.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { tidyText as tidy } from '../concept-text.js';
import {
  dmdCodes,
  groupMedicines,
  isSameMedicine,
  medicationConceptOf,
  medicineIdentity,
  medicineName,
  type MedicationDirectory,
  type MedicineIdentity,
} from '../medicine-identity.js';
import {
  expiredValidityEnd,
  MEDICATION_STATUS_LABELS,
  medicationStatusOf,
  medicineStanding,
  type MedicationStatus,
  type MedicineStanding,
} from '../medicine-status.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { byText, date, time, type SummaryContext } from './context.js';

export type MedicationKind = 'repeat' | 'acute' | 'other';

export interface MedicationPreviewItem {
  /** The drug name as the first source recorded it. */
  name: string;
  kind: MedicationKind;
  sources: SourceLabel[];
  /** Its status in the audience's words when it is current but not simply active (`On hold`, `Draft`, `Not known`), as the list tags it. */
  statusLabel?: string;
  /** A current prescription past its validity period: when it ended, as the list says it (`prescriptionExpired`). */
  prescriptionExpired?: string;
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

function prescriptionKind(request: MedicationRequest): MedicationKind {
  const typeCode = request.extension?.find((extension) => extension.url === PRESCRIPTION_TYPE_URL)?.valueCoding?.code;
  if (typeCode === 'acute' || typeCode === 'delayed-prescribing') return 'acute';
  if (typeCode === 'repeat' || typeCode === 'repeat-dispensing') return 'repeat';
  const course = request.courseOfTherapyType?.coding?.map((coding) => coding.code) ?? [];
  if (course.includes('acute')) return 'acute';
  if (course.includes('continuous') || course.includes('continuous-repeating-dispensing')) return 'repeat';
  // Nothing says which (the list shows its type as "Not known"): neither a repeat nor an acute course is claimed.
  return 'other';
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

/** The medicine's name as recorded, inline or by a contained or included Medication. */
const medicationName = (resource: MedicationResource, medications: MedicationDirectory): string =>
  tidy(medicineName(resource, medications)) || NOT_KNOWN;

/** The medicine's identity, read as the medication list reads it, so that both count the same medicines as one. */
const identityOf = (resource: MedicationResource, medications: MedicationDirectory): MedicineIdentity =>
  medicineIdentity(dmdCodes(medicationConceptOf(resource, medications)), medicineName(resource, medications));

/** Intents of a MedicationRequest that stands for a medication authorisation, which orders may be issued from. */
const AUTHORISATION_INTENTS: ReadonlySet<string> = new Set(['plan', 'order', 'original-order']);

const requestIdOf = (reference: unknown): string | undefined =>
  typeof reference === 'string' ? /(?:^|\/)MedicationRequest\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(reference.trim())?.[1] : undefined;

/**
 * What a medicine's records say of its status and its prescriptions, gathered
 * from every record counted as that medicine, so that no order of records
 * loses what one of them says.
 */
interface MedicineEvidence {
  statuses: ReadonlySet<MedicationStatus>;
  /** The latest validity end of its prescriptions that has passed, as recorded. */
  expiredOn?: string;
  /** One of its prescriptions has a validity period that has not ended: it can still be issued or dispensed. */
  inDate: boolean;
}

/**
 * The status a medicine is tagged with when its records differ: one that
 * holds it back (on hold, not yet started) before active, and active, which a
 * source knows, before a status no source knows.
 */
const STATUS_PRECEDENCE: readonly MedicationStatus[] = [
  'on-hold',
  'draft',
  'intended',
  'stopped',
  'cancelled',
  'completed',
  'not-taken',
  'active',
  'unknown',
];

function evidenceOf(resource: MedicationResource, now: number): MedicineEvidence {
  const statuses = new Set([medicationStatusOf(resource, now)]);
  if (resource.resourceType !== 'MedicationRequest') return { statuses, inDate: false };
  const expiredOn = expiredValidityEnd(resource, now);
  const end: unknown = resource.dispenseRequest?.validityPeriod?.end;
  // An end that cannot be read says nothing either way.
  const inDate = !expiredOn && typeof end === 'string' && time(end) !== Number.NEGATIVE_INFINITY;
  return { statuses, inDate, ...(expiredOn ? { expiredOn } : {}) };
}

function joinEvidence(a: MedicineEvidence, b: MedicineEvidence): MedicineEvidence {
  const expiredOn = [a.expiredOn, b.expiredOn].reduce<string | undefined>(
    (latest, end) => (end !== undefined && (latest === undefined || time(end) > time(latest)) ? end : latest),
    undefined,
  );
  return { statuses: new Set([...a.statuses, ...b.statuses]), inDate: a.inDate || b.inDate, ...(expiredOn ? { expiredOn } : {}) };
}

/**
 * Current, by the medication list's rule (`medicineStanding`): a current
 * authorisation (MedicationRequest `plan`) or a current prescription not
 * issued from one; a current MedicationStatement. A statement based on an
 * authorisation in view is that authorisation's medicine: counted with it, or
 * not at all when the authorisation is not current, as the list shows it. A
 * prescription with a statement of its course says whether it is being taken
 * by the latest such statement, as the list does.
 */
export function medicationHeadline(
  requests: readonly MedicationRequest[],
  statements: readonly MedicationStatement[],
  context: SummaryContext,
  previewCount: number,
  medications: MedicationDirectory = new Map(),
): { headline: MedicationHeadline; items: MedicationPreviewItem[] } {
  type CountedMedicine = Omit<MedicationPreviewItem, 'statusLabel' | 'prescriptionExpired'> & {
    identity: MedicineIdentity;
    identities: MedicineIdentity[];
    sourceCodes: Set<string>;
    evidence: MedicineEvidence;
  };
  const medicines: CountedMedicine[] = [];
  const counted = new Map<string, CountedMedicine>(); // MedicationRequest id -> its medicine
  /** Counts the record's medicine once: with `into` (the authorisation it rests on), else with the same medicine, else anew. */
  const add = (resource: MedicationResource, kind: MedicationKind, into?: CountedMedicine): CountedMedicine => {
    const source = sourceOf(resource, context.organizations);
    const identity = identityOf(resource, medications);
    const evidence = evidenceOf(resource, context.now);
    const existing = into ?? medicines.find((medicine) => isSameMedicine(medicine.identity, identity));
    if (!existing) {
      const medicine = {
        name: medicationName(resource, medications),
        kind,
        sources: [source],
        identity,
        identities: [identity],
        sourceCodes: new Set([source.odsCode]),
        evidence,
      };
      medicines.push(medicine);
      return medicine;
    }
    existing.identities.push(identity);
    // Named as the list names it: by the first record that gives a name.
    if (existing.name === NOT_KNOWN) existing.name = medicationName(resource, medications);
    existing.evidence = joinEvidence(existing.evidence, evidence);
    if (!existing.sourceCodes.has(source.odsCode)) {
      existing.sourceCodes.add(source.odsCode);
      existing.sources.push(source);
    }
    return existing;
  };
  const standing = (resource: MedicationResource): MedicineStanding => medicineStanding(resource, context.now);
  // "Do not give" orders, proposals and records entered in error are not medicines, here as in the list.
  const medicineRequests = requests.filter((request) => ['current', 'past'].includes(standing(request)));
  const medicineStatements = statements.filter((statement) => ['current', 'past'].includes(standing(statement)));

  // A current order is an issue of an authorisation — counted with it, or not at all when it has ended, as the
  // medication list does — only when it is based on a MedicationRequest in view that stands for an authorisation
  // (a plan, or an order resting on no other request). A basedOn pointing at anything else (a CarePlan, a
  // ServiceRequest, an order not in view) leaves the order in the headline on its own.
  const basedOnRequests = (resource: MedicationResource): string[] =>
    (Array.isArray(resource.basedOn) ? resource.basedOn : []).flatMap((reference) => requestIdOf(reference?.reference) ?? []);
  const authorisations = new Set(
    medicineRequests
      .filter(
        (request) =>
          request.id &&
          (request.intent === 'plan' || (AUTHORISATION_INTENTS.has(String(request.intent)) && basedOnRequests(request).length === 0)),
      )
      .map((request) => String(request.id).trim()),
  );
  const isIssueOfAuthorisation = (request: MedicationRequest): boolean =>
    request.intent !== 'plan' && basedOnRequests(request).some((id) => id !== request.id && authorisations.has(id));
  // The latest statement of each prescription's course: whether that prescription is being taken.
  const plans = new Set(
    medicineRequests.flatMap((request) => (request.id && request.intent === 'plan' ? [String(request.id).trim()] : [])),
  );
  const courseStatement = new Map<string, MedicationStatement>();
  for (const statement of [...medicineStatements].sort((a, b) => time(a.dateAsserted) - time(b.dateAsserted)))
    for (const id of basedOnRequests(statement)) if (!plans.has(id)) courseStatement.set(id, statement);
  const isCurrentRequest = (request: MedicationRequest): boolean => {
    const course = request.id ? courseStatement.get(String(request.id).trim()) : undefined;
    return standing(course ?? request) === 'current';
  };
  const currentRequests = medicineRequests.filter((request) => !isIssueOfAuthorisation(request) && isCurrentRequest(request));
  for (const kind of ['repeat', 'acute', 'other'] as const) {
    for (const request of currentRequests.filter((candidate) => prescriptionKind(candidate) === kind)) {
      const medicine = add(request, kind);
      if (request.id) counted.set(String(request.id).trim(), medicine);
    }
  }
  const requestsInView = new Set(medicineRequests.flatMap((request) => (request.id ? [String(request.id).trim()] : [])));
  for (const statement of medicineStatements.filter((candidate) => standing(candidate) === 'current')) {
    const basedOn = basedOnRequests(statement);
    const basis = basedOn.find((id) => counted.has(id));
    if (basis) add(statement, statementKind(statement), counted.get(basis));
    // Based on an authorisation or a prescription in view that is not current: the list shows it as past.
    else if (!basedOn.some((id) => requestsInView.has(id))) add(statement, statementKind(statement));
  }

  // One medicine recorded in several shapes (a dm+d code with no name, the name alone) is counted once, as the list shows it.
  const merged = groupMedicines(medicines, (medicine) => medicine.identities).map((group) => {
    const [first, ...rest] = group as [CountedMedicine, ...CountedMedicine[]];
    for (const source of rest.flatMap((other) => other.sources))
      if (!first.sourceCodes.has(source.odsCode)) {
        first.sourceCodes.add(source.odsCode);
        first.sources.push(source);
      }
    // Named as the list names it: by the first record that gives a name.
    return {
      ...first,
      name: group.find((medicine) => medicine.name !== NOT_KNOWN)?.name ?? NOT_KNOWN,
      evidence: group.map((medicine) => medicine.evidence).reduce(joinEvidence),
    };
  });
  const rank: Record<MedicationKind, number> = { repeat: 0, acute: 1, other: 2 };
  const all = merged
    .sort((a, b) => rank[a.kind] - rank[b.kind] || byText(a.name, b.name))
    .map(({ name, kind, sources, evidence }) => {
      const status = STATUS_PRECEDENCE.find((candidate) => evidence.statuses.has(candidate)) ?? 'unknown';
      const expiredOn = evidence.inDate ? undefined : evidence.expiredOn;
      return {
        name,
        kind,
        sources,
        ...(status === 'active' ? {} : { statusLabel: MEDICATION_STATUS_LABELS[context.audience][status] }),
        ...(expiredOn ? { prescriptionExpired: date(expiredOn, context) } : {}),
      };
    });
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
