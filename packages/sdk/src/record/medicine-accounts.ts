/**
 * One source's account of one medicine, the same for the medication list and
 * the summary's medication headline: each record read once, a GP's
 * authorisation grouped with its issues and its statements (by `basedOn` or
 * `derivedFrom`), an acute issue with the statement of its course (by
 * reference, encounter, or medicine and start day), anything else alone.
 * Whether an account is current, the status it is tagged with and its
 * prescription's validity end are read here (`accountStanding`), so the two
 * views never decide them differently.
 */
import { carerAuthorName } from '../person-held/relationship.js';
import type { MedicationRequest, MedicationStatement } from '../fhir.js';
import type { ConceptLike } from './concept-text.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import { compareMoments, firstRecordedMoment, latestMoment, readMoment, recordedMoment, type ClinicalMoment } from './clinical-moment.js';
import {
  dmdCodes,
  isSameMedicine,
  medicationConceptOf,
  medicineCodeText,
  medicineIdentity,
  medicineName,
  type MedicationDirectory,
  type MedicineIdentity,
} from './medicine-identity.js';
import {
  CURRENT_MEDICATION_STATUSES,
  MEDICATION_STATUS_LABELS,
  ORDER_INTENTS,
  courseEnd,
  medicationStatusOf,
  medicineStatus,
  requestIntent,
  type MedicationStatus,
} from './medicine-status.js';
import { referencedParty, sourceOf, type SourceLabel } from './source.js';
import { fhirCode } from './status-code.js';

/** Prescription type, from the contract's prescription-type extension or else `courseOfTherapyType`. */
export type PrescriptionType = 'Acute' | 'Repeat' | 'Repeat dispensing' | 'Delayed' | 'Not known';

/**
 * The extensions GP systems carry a medicine's details in, under the URL of
 * the profile each was built to: the contract's and UK Core's (R4), and GP
 * Connect's and Care Connect's (STU3 profiles, still sent on R4 resources by
 * many GP feeds). Each is read wherever it comes from.
 */
const PRESCRIPTION_TYPE_URLS: ReadonlySet<string> = new Set([
  'https://care-record.example/StructureDefinition/prescription-type',
  'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescriptionType-1',
]);
const REPEAT_INFORMATION_URLS: ReadonlySet<string> = new Set([
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation',
  'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationRepeatInformation-1',
  'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-MedicationRepeatInformation-1',
]);
const STATUS_REASON_URLS: ReadonlySet<string> = new Set([
  'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatusReason-1',
]);
const LAST_ISSUE_DATE_URLS: ReadonlySet<string> = new Set([
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate',
  'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatementLastIssueDate-1',
  'https://fhir.hl7.org.uk/STU3/StructureDefinition/Extension-CareConnect-MedicationStatementLastIssueDate-1',
]);

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first extension among `extensions` whose URL (trailing slashes forgiven) is one of `urls`. */
function extensionAt(extensions: unknown, urls: ReadonlySet<string>): Json | undefined {
  return (Array.isArray(extensions) ? extensions : []).find(
    (extension): extension is Json =>
      isJson(extension) && typeof extension['url'] === 'string' && urls.has(extension['url'].trim().replace(/\/+$/, '')),
  );
}

/** A count as profiles send it: `valueUnsignedInt`, `valuePositiveInt` or `valueInteger`; `undefined` unless a whole number of none or more. */
function countOf(extension: Json | undefined): number | undefined {
  const value = extension?.['valueUnsignedInt'] ?? extension?.['valuePositiveInt'] ?? extension?.['valueInteger'];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

const dateOf = (extension: Json | undefined): string | undefined => {
  const value = extension?.['valueDateTime'] ?? extension?.['valueDate'];
  return typeof value === 'string' ? value : undefined;
};

/** A repeat authorisation's issues made and allowed, and its review (authorisation expiry) date, from any profile's repeat information. */
export function repeatInformation(request: MedicationRequest | undefined): { issued?: number; allowed?: number; review?: string } {
  const nested = extensionAt(request?.extension, REPEAT_INFORMATION_URLS)?.['extension'];
  const part = (...urls: string[]) => extensionAt(nested, new Set(urls));
  const issued = countOf(part('numberOfPrescriptionsIssued', 'numberOfRepeatPrescriptionsIssued'));
  const allowed = countOf(part('numberOfRepeatPrescriptionsAllowed'));
  const review = dateOf(part('authorisationExpiryDate'));
  return {
    ...(issued !== undefined ? { issued } : {}),
    ...(allowed !== undefined ? { allowed } : {}),
    ...(review !== undefined ? { review } : {}),
  };
}

/** Why and when a request's status changed, from GP Connect's status-reason extension (R4 says why in `statusReason`). */
export function statusChangeOf(request: MedicationRequest | undefined): { reason?: ConceptLike; date?: string } {
  const nested = extensionAt(request?.extension, STATUS_REASON_URLS)?.['extension'];
  const reason = extensionAt(nested, new Set(['statusReason']))?.['valueCodeableConcept'];
  const date = dateOf(extensionAt(nested, new Set(['statusChangeDate'])));
  return { ...(isJson(reason) ? { reason: reason as ConceptLike } : {}), ...(date !== undefined ? { date } : {}) };
}

/** When a statement's medicine was last issued, from any profile's last-issue-date extension. */
export const lastIssueDateOf = (statement: MedicationStatement | undefined): string | undefined =>
  dateOf(extensionAt(statement?.extension, LAST_ISSUE_DATE_URLS));

/** The prescription type, from codes read however they are spelt (`Repeat`, `REPEAT_DISPENSING`, `Continuous`), in a Coding or a CodeableConcept. */
export function prescriptionType(request: MedicationRequest | undefined): PrescriptionType {
  const typeExtension = extensionAt(request?.extension, PRESCRIPTION_TYPE_URLS);
  const concept = typeExtension?.['valueCodeableConcept'];
  const codings = [typeExtension?.['valueCoding'], ...(isJson(concept) && Array.isArray(concept['coding']) ? concept['coding'] : [])];
  const sent = codings.map((coding) => (isJson(coding) ? coding['code'] : undefined)).find((code) => typeof code === 'string');
  const coded = fhirCode(sent, ['acute', 'repeat', 'repeat-dispensing', 'delayed-prescribing']);
  switch (coded) {
    case 'acute':
      return 'Acute';
    case 'repeat':
      return 'Repeat';
    case 'repeat-dispensing':
      return 'Repeat dispensing';
    case 'delayed-prescribing':
      return 'Delayed';
  }
  const course =
    request?.courseOfTherapyType?.coding?.map((coding) =>
      fhirCode(coding.code, ['acute', 'continuous', 'continuous-repeating-dispensing']),
    ) ?? [];
  if (course.includes('continuous-repeating-dispensing')) return 'Repeat dispensing';
  if (course.includes('continuous')) return 'Repeat';
  if (course.includes('acute')) return 'Acute';
  return 'Not known';
}

/** One resource about a medicine, read once. */
export interface MedicineRecord {
  key: string;
  role: 'authorisation' | 'issue' | 'statement';
  request?: MedicationRequest;
  statement?: MedicationStatement;
  source: SourceLabel;
  name: string | undefined;
  /** Its code as words (`dm+d 319283006`), to show only when no record names the medicine. */
  codeText: string | undefined;
  codes: string[];
  identity: MedicineIdentity;
  status: MedicationStatus;
  /** When its course ended, as recorded, when it has ended by now (`courseEnd`): it is then a past medicine, `completed`. */
  courseEnd: string | undefined;
  /** `ResourceType/id` of what it is based on or derived from. */
  links: string[];
  encounter: string | undefined;
  /** When it started (statement) or was written (request). */
  start: ClinicalMoment | undefined;
}

/** One source's account of one medicine: an authorisation with its issues and statement, or a lone record. */
export interface SourceAccount {
  source: SourceLabel;
  authorisation?: MedicineRecord;
  issues: MedicineRecord[];
  statements: MedicineRecord[];
}

const referenceKey = (reference: string | undefined): string | undefined => {
  const match = /([A-Za-z]+)\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(reference?.trim() ?? '');
  return match ? `${match[1]}/${match[2]}` : undefined;
};

export function readMedicineRecord(
  resource: MedicationRequest | MedicationStatement,
  organizations: ReadonlyMap<string, string>,
  medications: MedicationDirectory,
  key: string,
  now: number,
): MedicineRecord {
  // The medicine may be named inline, or by a contained or included Medication.
  const name = medicineName(resource, medications);
  const codes = dmdCodes(medicationConceptOf(resource, medications));
  const status = medicationStatusOf(resource, now);
  const base = {
    key,
    source: sourceOf(resource, organizations),
    name,
    codeText: medicineCodeText(resource, medications),
    codes,
    identity: medicineIdentity(codes, name),
    status,
    courseEnd: status === 'completed' ? courseEnd(resource, now) : undefined,
  };
  if (resource.resourceType === 'MedicationRequest') {
    return {
      ...base,
      role: requestIntent(resource.intent) === 'plan' ? 'authorisation' : 'issue',
      request: resource,
      links: (resource.basedOn ?? []).flatMap((reference) => referenceKey(reference?.reference) ?? []),
      encounter: referenceKey(resource.encounter?.reference),
      start: recordedMoment(resource.authoredOn),
    };
  }
  return {
    ...base,
    role: 'statement',
    statement: resource,
    links: [...(resource.basedOn ?? []), ...(resource.derivedFrom ?? [])].flatMap((reference) => referenceKey(reference?.reference) ?? []),
    encounter: referenceKey(resource.context?.reference),
    start: firstRecordedMoment(resource.effectivePeriod?.start, resource.effectiveDateTime),
  };
}

/** Groups one source's records into accounts: authorisations with what is linked to them, then acute issues with their statement. */
function accountsOf(records: readonly MedicineRecord[]): SourceAccount[] {
  const accounts: SourceAccount[] = [];
  const byAuthorisation = new Map<string, SourceAccount>();
  const byIssue = new Map<string, SourceAccount>();
  for (const record of records) {
    if (record.role !== 'authorisation') continue;
    const account: SourceAccount = { source: record.source, authorisation: record, issues: [], statements: [] };
    byAuthorisation.set(record.key, account);
    accounts.push(account);
  }
  const linkedAuthorisation = (record: MedicineRecord): SourceAccount | undefined =>
    record.links.map((link) => byAuthorisation.get(link)).find((account) => account !== undefined);

  const looseStatements: MedicineRecord[] = [];
  for (const record of records) {
    if (record.role === 'authorisation') continue;
    const authorised = linkedAuthorisation(record);
    if (authorised) {
      (record.role === 'issue' ? authorised.issues : authorised.statements).push(record);
    } else if (record.role === 'issue') {
      const account: SourceAccount = { source: record.source, issues: [record], statements: [] };
      byIssue.set(record.key, account);
      accounts.push(account);
    } else {
      looseStatements.push(record);
    }
  }

  // A statement of an acute course pairs with its issue: by reference, by encounter, or by medicine and start day.
  for (const statement of looseStatements) {
    const paired =
      statement.links.map((link) => byIssue.get(link)).find((account) => account !== undefined && account.statements.length === 0) ??
      [...byIssue.values()].find((account) => {
        const issue = account.issues[0];
        if (!issue || account.statements.length > 0 || !isSameMedicine(issue.identity, statement.identity)) return false;
        const sameEncounter = issue.encounter !== undefined && issue.encounter === statement.encounter;
        const sameDay = issue.start !== undefined && statement.start !== undefined && issue.start.dayKey === statement.start.dayKey;
        return sameEncounter || sameDay;
      });
    if (paired) paired.statements.push(statement);
    else accounts.push({ source: statement.source, issues: [], statements: [statement] });
  }
  return accounts;
}

export function isResidentReported(statement: MedicationStatement): boolean {
  const category = statement.category?.coding?.some((coding) => fhirCode(coding.code, ['patientspecified']) !== undefined) ?? false;
  return category || referencedParty(statement.informationSource, statement).type === 'Patient' || carerOf(statement) !== undefined;
}

/**
 * The carer who added a statement for the resident (`informationSource` a
 * RelatedPerson, however the statement refers to them: `source.ts`'s one
 * rule), named as the source names them.
 */
export function carerOf(statement: MedicationStatement): string | undefined {
  const { type, name } = referencedParty(statement.informationSource, statement);
  return type === 'RelatedPerson' ? (name ? carerAuthorName(name) : '') || 'a carer' : undefined;
}

const byLatestAsserted = (a: MedicineRecord, b: MedicineRecord): number =>
  compareMoments(readMoment(b.statement?.dateAsserted), readMoment(a.statement?.dateAsserted));

/** What an account says, read by the one rule the list and the summary share. */
export interface AccountStanding {
  /** The authorisation, else the latest statement, else the latest issue: the record that names the account. */
  main: MedicineRecord;
  /** Its statements, latest asserted first. */
  statements: MedicineRecord[];
  /** Its issues, latest first. */
  issues: MedicineRecord[];
  /** The prescription: the authorisation, else the latest issue. */
  request: MedicationRequest | undefined;
  name: string | undefined;
  /** Its code as words, from the main record else another: shown only when nothing names the medicine (`medicineTitle`). */
  codeText: string | undefined;
  codes: string[];
  identity: MedicineIdentity;
  /**
   * Current or not as a repeat's authorisation says, else as the statement of
   * an acute course says, else as the issue says; a current account tagged by
   * each of its current records, the prescription and its statements
   * (`medicineStatus`); a past one by the record that decided it.
   */
  status: MedicationStatus;
  current: boolean;
  /**
   * A past account whose course ran out (`courseEnd`) rather than being
   * stopped: when, as recorded ("Course ended …").
   */
  courseEnded: string | undefined;
  /**
   * The prescription type, only as the data says it (`prescriptionType` of
   * the prescription): a statement with no prescription is "Not known",
   * never guessed from its category or its dates.
   */
  type: PrescriptionType;
  /** A current prescription's validity end, as recorded, to tell whether it has expired. */
  validityEnd: unknown;
  /** Lower is more authoritative: the prescriber's authorisation, an issue, a clinician's statement, the resident's. */
  rank: number;
}

export function accountStanding(account: SourceAccount): AccountStanding {
  const statements = [...account.statements].sort(byLatestAsserted);
  const statement = statements[0];
  const issues = [...account.issues].sort((a, b) => compareMoments(b.start, a.start));
  const latestIssue = issues[0];
  const authorisation = account.authorisation;
  const main = authorisation ?? statement ?? latestIssue;
  if (!main) throw new Error('An account has at least one record');
  const records = [authorisation, ...issues, ...statements].filter((record): record is MedicineRecord => record !== undefined);
  const prescription = authorisation ?? latestIssue;
  const deciding = (authorisation ?? statement ?? main).status;
  const current = CURRENT_MEDICATION_STATUSES.has(deciding);
  const status = current
    ? medicineStatus(
        [prescription, ...statements].flatMap((record) =>
          record && CURRENT_MEDICATION_STATUSES.has(record.status) ? [record.status] : [],
        ),
      )
    : deciding;
  const codes = [...new Set(records.flatMap((record) => record.codes))];
  const name = main.name ?? records.find((record) => record.name)?.name;
  return {
    main,
    statements,
    issues,
    request: prescription?.request,
    name,
    codeText: main.codeText ?? records.find((record) => record.codeText)?.codeText,
    codes,
    identity: medicineIdentity(codes, name),
    status,
    current,
    courseEnded: current ? undefined : (authorisation ?? statement ?? main).courseEnd,
    type: prescriptionType(prescription?.request),
    validityEnd: current ? prescription?.request?.dispenseRequest?.validityPeriod?.end : undefined,
    rank: authorisation
      ? 0
      : latestIssue
        ? 1
        : statements.some((record) => record.statement && isResidentReported(record.statement))
          ? 3
          : 2,
  };
}

/** Records grouped by source, then into each source's accounts. */
export function medicineAccounts(records: readonly MedicineRecord[]): SourceAccount[] {
  const bySource = new Map<string, MedicineRecord[]>();
  for (const record of records) {
    const key = `${record.source.odsCode}\u0000${record.source.name}`;
    const list = bySource.get(key);
    if (list) list.push(record);
    else bySource.set(key, [record]);
  }
  return [...bySource.values()].flatMap(accountsOf);
}

/**
 * What one medicine is called, from its accounts, most authoritative first:
 * the first name a record gives it, else the first code a record gives it in
 * words (`dm+d 319283006`, never "Not known" when the source coded it), else
 * "Not known". The list and the summary name a medicine by this rule alike.
 */
export function medicineTitle(accounts: readonly { name: string | undefined; codeText: string | undefined }[]): string {
  return accounts.find((account) => account.name)?.name ?? accounts.find((account) => account.codeText)?.codeText ?? NOT_KNOWN;
}

/** Request statuses that say a prescription went out: in force, finished, or stopped after it went out. */
const ISSUED_STATUSES = ['active', 'completed', 'stopped'] as const;
/** Request statuses that say nothing of it went out: not yet signed, or withdrawn before it did. */
const UNISSUED_STATUSES = ['draft', 'cancelled', 'entered-in-error'] as const;

/** A request that is a prescription (an order, an authorisation, or one whose intent is not recognised), not a suggestion. */
const isPrescription = (request: MedicationRequest): boolean => {
  const intent = requestIntent(request.intent);
  return intent === undefined || intent === 'plan' || ORDER_INTENTS.has(intent);
};

/**
 * Whether a request record went out as a prescription: an order or an
 * authorisation that is active, completed, or stopped — never a draft, a
 * proposal, one on hold, cancelled, or of a status not known.
 */
export const wentOut = (record: MedicineRecord): boolean =>
  record.request !== undefined && isPrescription(record.request) && fhirCode(record.request.status, ISSUED_STATUSES) !== undefined;

/** Whether nothing of a request record can have gone out: a proposal, a draft, or one cancelled. */
export const neverWentOut = (record: MedicineRecord): boolean =>
  record.request !== undefined && (!isPrescription(record.request) || fhirCode(record.request.status, UNISSUED_STATUSES) !== undefined);

/**
 * When an account's medicine started, when it was last issued, and — once it
 * is no longer current — when it ended, as recorded: one reading for the
 * list's rows and the summary's disagreements.
 */
export function accountPeriod(
  account: SourceAccount,
  standing: AccountStanding,
): { start: ClinicalMoment | undefined; end: ClinicalMoment | undefined; lastIssued: ClinicalMoment | undefined } {
  const statement = standing.statements[0]?.statement;
  const { authorisation } = account;
  const request = standing.request;
  const repeat = standing.type === 'Repeat' || standing.type === 'Repeat dispensing';
  // Only what went out was issued: a draft, a proposal, one on hold or cancelled was written, not issued.
  const issueDates = standing.issues.filter(wentOut).map((issue) => issue.start);
  if (!repeat && authorisation && wentOut(authorisation)) issueDates.push(authorisation.start);
  const lastIssued = latestMoment([...issueDates, recordedMoment(lastIssueDateOf(statement))]);
  const end = standing.current
    ? undefined
    : (recordedMoment(standing.courseEnded) ??
      firstRecordedMoment(statement?.effectivePeriod?.end, statusChangeOf(request).date, request?.dispenseRequest?.validityPeriod?.end) ??
      (standing.status === 'completed' ? lastIssued : undefined) ??
      firstRecordedMoment(statement?.effectiveDateTime));
  const start =
    firstRecordedMoment(statement?.effectivePeriod?.start, statement?.effectiveDateTime) ??
    authorisation?.start ??
    firstRecordedMoment(request?.dispenseRequest?.validityPeriod?.start) ??
    standing.issues.at(-1)?.start;
  return { start, end, lastIssued };
}

/** One source's account of a medicine, as far as telling sources apart reads it. */
export interface AccountSaying {
  source: SourceLabel;
  identity: MedicineIdentity;
  status: MedicationStatus;
  start: ClinicalMoment | undefined;
  end: ClinicalMoment | undefined;
}

/** Statuses that say a source stopped a medicine (rather than its course running out). */
export const STOPPED_STATUSES: ReadonlySet<MedicationStatus> = new Set(['stopped', 'cancelled', 'not-taken']);
const sameSource = (a: SourceLabel, b: SourceLabel): boolean => a.odsCode === b.odsCode && a.name === b.name;

/**
 * The ended accounts that say another source stopped a medicine that
 * `members` (one medicine's current accounts) have current: stopped,
 * cancelled or not taken, from a source none of them is, of the same
 * medicine, and not ended before it was started (an unknown date could be any time).
 */
export function stoppedElsewhere<Account extends AccountSaying>(members: readonly Account[], ended: readonly Account[]): Account[] {
  const earliestStart = members.some((member) => member.start === undefined)
    ? undefined
    : members.map((member) => member.start).reduce((a, b) => (compareMoments(a, b) <= 0 ? a : b));
  return ended.filter(
    (summary) =>
      STOPPED_STATUSES.has(summary.status) &&
      !members.some((member) => sameSource(member.source, summary.source)) &&
      members.every((member) => isSameMedicine(member.identity, summary.identity)) &&
      (summary.end === undefined || earliestStart === undefined || compareMoments(summary.end, earliestStart) >= 0),
  );
}

/** What each source says, one entry per source and value, when the values disagree; `undefined` when they agree. */
export function disagreement(
  values: readonly { source: SourceLabel; value: string; compareAs: string }[],
): { source: SourceLabel; value: string }[] | undefined {
  if (new Set(values.map((value) => value.compareAs)).size < 2) return undefined;
  const seen = new Set<string>();
  const distinct = values.filter((value) => {
    const key = `${value.source.odsCode}\u0000${value.source.name}\u0000${value.compareAs}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return distinct.map(({ source, value }) => ({ source: { ...source }, value }));
}

/** The statuses of one medicine's accounts when they disagree, in the audience's words; an ended one with when it ended. */
export function statusDisagreement(
  accounts: readonly AccountSaying[],
  audience: 'clinician' | 'resident',
  formatDate: (value: string) => string,
): { source: SourceLabel; value: string }[] | undefined {
  return disagreement(
    accounts.map((account) => {
      const label = MEDICATION_STATUS_LABELS[audience][account.status];
      const ended = !CURRENT_MEDICATION_STATUSES.has(account.status) && account.end;
      return { source: account.source, value: ended ? `${label} ${formatDate(ended.value)}` : label, compareAs: account.status };
    }),
  );
}
