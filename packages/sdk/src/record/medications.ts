/**
 * Medicines as GP systems present them, across every source of the record.
 *
 * Each source's resources about one medicine (a GP's authorisation, its issues
 * and its MedicationStatement, linked by `basedOn`) are read together as that
 * source's account of the medicine. Accounts of the same medicine from
 * different sources become one row naming every source, with any difference
 * in dose or status flagged. Which records are "the same medicine" is decided
 * by `isSameMedicine` (dm+d code, else normalised name with strength; never
 * across strengths): see `medicine-identity.ts`.
 *
 * Which records are current, past, "do not give" instructions or proposals is
 * decided by `medicineStanding` (`medicine-status.ts`), the rule the summary's
 * medication headline uses too: current rows are active, on hold, intended,
 * draft or of unknown status (an unknown status is shown rather than hidden);
 * past rows are stopped, completed, cancelled or not taken, or a record whose
 * course has ended (`courseEnd`: a statement's period, or every dosage line's
 * bounds), which says so (`courseEnded`). A row's prescription type is only
 * what the data says (`accountStanding`), the summary's too. Entered-in-error records are dropped. A "do not give"
 * order (`doNotPerform`) and a proposal no one has prescribed are never listed
 * as medicines: they are rows of their own (`doNotGive`, `proposed`), and only
 * while their status is current.
 * A current row's status and whether its prescription has expired are
 * decided from every account of it by the rule the summary uses too
 * (`medicineStatus`, `prescriptionExpiry`), never by the first-ranked account.
 * A current row also names a source that recorded the medicine as stopped or
 * cancelled no earlier than the row's start, and flags that status difference.
 * Past accounts from different sources merge only when their periods overlap,
 * so separate courses of the same medicine stay separate lines.
 */
import { NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import type { MedicationRequest, MedicationStatement } from '../fhir.js';
import { compareMoments, latestMoment, readMoment, recordedMoment, type ClinicalMoment } from './clinical-moment.js';
import { firstConceptWords, quantityText, type ConceptLike } from './concept-text.js';
import { groupMedicines, isSameMedicine, medicationDirectory, type MedicineIdentity } from './medicine-identity.js';
import { dosageText, type DosageDateFormat } from './medicine-dosage.js';
import {
  accountPeriod,
  accountStanding,
  carerOf,
  disagreement,
  statusDisagreement,
  stoppedElsewhere,
  STOPPED_STATUSES,
  isResidentReported,
  medicineAccounts,
  lastIssueDateOf,
  medicineTitle,
  neverWentOut,
  repeatInformation,
  statusChangeOf,
  readMedicineRecord,
  type PrescriptionType,
  type MedicineRecord,
  type SourceAccount,
} from './medicine-accounts.js';
import {
  CURRENT_MEDICATION_STATUSES,
  MEDICATION_STATUS_LABELS,
  medicineStanding,
  medicineStatus,
  nowInMilliseconds,
  prescriptionExpiry,
  type MedicationStatus,
} from './medicine-status.js';
import { isNotPermitted, withItemNotices, type RecordNotices } from './notices.js';
import { referencesPatient, resourceKey, unreadableIssue, wrongPatientIssue, type SafetyIssue } from './patient-reference.js';
import { isHiddenFromResident } from './security-labels.js';
import { recordedDate } from './summary/context.js';
import { requireUnderstood } from './modifier-extensions.js';
import type { SourceLabel } from './source.js';
import { unreadableSource } from './unreadable.js';

export type Audience = 'clinician' | 'resident';

export type { PrescriptionType } from './medicine-accounts.js';

export type { MedicationStatus } from './medicine-status.js';

export interface MedicationDisagreement {
  field: 'dose' | 'status';
  /** What each source says, one entry per source and value. */
  values: { source: SourceLabel; value: string }[];
}

export interface MedicationRow {
  /** Stable key: the main resource behind the row, e.g. `MedicationRequest/mr-0001`. */
  id: string;
  /**
   * The drug name as the main source recorded it, else as another source did;
   * sent only as a code, that code with its system (`dm+d 319283006`); `Not known` when nothing names or codes it.
   */
  name: string;
  /** dm+d concept ids, from every source. */
  codes: string[];
  type: PrescriptionType;
  /** `type` in the audience's words. */
  typeLabel: string;
  /**
   * Dosage text verbatim; without text, the structured dose and timing in words
   * (`2 tablet, 1 time a day`, `When required`); `No information available` when none was recorded.
   */
  dosage: string;
  /** Quantity per issue, e.g. `56 tablet`. */
  quantity?: string;
  startDate: string;
  /** For prescribed items: when last issued (`Not recorded` when unknown; `Not issued` for a draft, a proposal or one cancelled). */
  lastIssued?: string;
  /** For repeats: issues made, issues allowed and both as `4 of 6`. */
  issuesMade?: number;
  issuesAllowed?: number;
  issues?: string;
  /**
   * A current prescription whose validity period has ended: when it ended, in
   * the audience's date format. It stays current (no one stopped it) but has
   * expired: no more can be issued or dispensed from it without a new one.
   */
  prescriptionExpired?: string;
  /** For repeats: the authorisation's review date (`Not recorded` when unknown). */
  reviewDate?: string;
  /** A current repeat whose review date has passed. */
  reviewOverdue?: boolean;
  status: MedicationStatus;
  statusLabel: string;
  /** Past rows: when it stopped or ended (`Not recorded` when unknown). */
  endDate?: string;
  /**
   * A past medicine whose course ran out (a dosage's bounds, a statement's
   * period or an authorisation's validity ended) though no one stopped it:
   * when, in the audience's date format. Show it as "Course ended <date>".
   */
  courseEnded?: string;
  /** Stopped, cancelled or not taken: why (`Not recorded` when no reason was given). */
  stoppedReason?: string;
  /** The resident reported it themselves (e.g. bought over the counter). */
  residentReported: boolean;
  /** `Reported by the resident`, or for the resident `Added by you`. */
  residentReportedLabel?: string;
  /** Every source that has this medicine. */
  sources: SourceLabel[];
  disagreements: MedicationDisagreement[];
  /** Every resource behind the row, as `ResourceType/id`. */
  resourceIds: string[];
}

export interface MedicationsViewModel {
  /** The patient these medicines are about: an element shows them only while this patient is in context. */
  patientId: string;
  heading: string;
  pastHeading: string;
  /** Repeats first, then acutes, then the rest; alphabetical within each. */
  current: MedicationRow[];
  /** Most recently ended first. */
  past: MedicationRow[];
  /**
   * Current "do not give" orders (`doNotPerform`): medicines that must not be
   * given, never medicines being taken. Show them apart, under `doNotGiveHeading`.
   */
  doNotGive: MedicationRow[];
  doNotGiveHeading: string;
  /** Current proposals (`intent` `proposal` or `option`): suggested, not prescribed, so not medicines being taken. */
  proposed: MedicationRow[];
  proposedHeading: string;
  notices: RecordNotices;
  /**
   * The viewer's role may not see medicines (the server said `ROLE_RESTRICTED`
   * for either type): say "Clinical information is not available to your
   * role", never that none are recorded.
   */
  notPermitted: boolean;
  /** Sources of records that could not be read: show one line for each ("One item from … could not be read"). */
  unreadable: SourceLabel[];
  /** Resources not shown as sent: not this patient's, or unreadable. */
  safetyIssues: SafetyIssue[];
}

export interface MedicationsInput {
  requests: readonly MedicationRequest[];
  statements: readonly MedicationStatement[];
  patientId: string;
  notices: RecordNotices;
  /** ODS code to organisation name. */
  organizations: ReadonlyMap<string, string>;
  /** Medication resources the orders and statements may point at (`_include`d or sent alongside); others are ignored. */
  medications?: readonly unknown[] | undefined;
}

export interface MedicationsOptions {
  audience: Audience;
  now: Date | string;
}

export const NO_DOSAGE = 'No information available';

const CURRENT_STATUSES = CURRENT_MEDICATION_STATUSES;

const STATUS_LABELS = MEDICATION_STATUS_LABELS;

const TYPE_LABELS: Record<Audience, Record<PrescriptionType, string>> = {
  clinician: { Acute: 'Acute', Repeat: 'Repeat', 'Repeat dispensing': 'Repeat dispensing', Delayed: 'Delayed', 'Not known': NOT_KNOWN },
  resident: {
    Acute: 'One-off prescription',
    Repeat: 'Repeat prescription',
    'Repeat dispensing': 'Batch repeat prescription',
    Delayed: 'Delayed prescription',
    'Not known': NOT_KNOWN,
  },
};

const NOT_PRESCRIBED: Record<Audience, string> = { clinician: 'Not prescribed', resident: 'Not a prescription' };

const WORDING: Record<
  Audience,
  { heading: string; pastHeading: string; doNotGiveHeading: string; proposedHeading: string; residentReported: string }
> = {
  clinician: {
    heading: 'Current medication',
    pastHeading: 'Past medication',
    doNotGiveHeading: 'Do not give',
    proposedHeading: 'Proposed, not prescribed',
    residentReported: 'Reported by the resident',
  },
  resident: {
    heading: 'Your medicines',
    pastHeading: 'Medicines you no longer take',
    doNotGiveHeading: 'Medicines you must not be given',
    proposedHeading: 'Suggested, not prescribed',
    residentReported: 'Added by you',
  },
};

/** An account, read into what a row needs. */
interface AccountSummary {
  account: SourceAccount;
  main: MedicineRecord;
  source: SourceLabel;
  name: string | undefined;
  codeText: string | undefined;
  codes: string[];
  identity: MedicineIdentity;
  status: MedicationStatus;
  type: PrescriptionType;
  dosage: string | undefined;
  quantity: string | undefined;
  prescribed: boolean;
  lastIssued: ClinicalMoment | undefined;
  /** Nothing of its prescription can have gone out (a draft, a proposal, cancelled), and no statement says it was issued. */
  neverIssued: boolean;
  issuesMade: number | undefined;
  issuesAllowed: number | undefined;
  review: ClinicalMoment | undefined;
  /** A current prescription's validity end, as recorded, to tell whether it has expired. */
  validityEnd: unknown;
  start: ClinicalMoment | undefined;
  end: ClinicalMoment | undefined;
  /** A past account whose course ran out: when, as recorded. */
  courseEnded: ClinicalMoment | undefined;
  stoppedReason: string | undefined;
  residentReported: boolean;
  /** When a carer added it for the resident: who, as the hub names them ("Aoife O'Connor (carer)"). */
  carerReported: string | undefined;
  /** Lower is more authoritative: the prescriber's authorisation, an issue, a clinician's statement, the resident's. */
  rank: number;
}

function summarise(account: SourceAccount, formatDate: DosageDateFormat): AccountSummary {
  const standing = accountStanding(account);
  const { main, statements, issues, status, name, codes } = standing;
  const statement = statements[0];
  const latestIssue = issues[0];
  const authorisation = account.authorisation;
  const request = standing.request;
  const type = standing.type;
  const repeat = type === 'Repeat' || type === 'Repeat dispensing';
  const prescribed = request !== undefined || lastIssueDateOf(statement?.statement) !== undefined;
  const { start, end, lastIssued } = accountPeriod(account, standing);
  const information = repeatInformation(authorisation?.request);
  // GP Connect's feeds say why and when an authorisation's status changed in an extension, R4 in `statusReason`.
  const statusChange = statusChangeOf(request);
  const reasonConcepts: ConceptLike[] = [
    ...(authorisation?.request?.statusReason ? [authorisation.request.statusReason] : []),
    ...(statusChange.reason ? [statusChange.reason] : []),
    ...(statement?.statement?.statusReason ?? []),
    ...(latestIssue?.request?.statusReason ? [latestIssue.request.statusReason] : []),
  ];
  const allowed = information.allowed ?? authorisation?.request?.dispenseRequest?.numberOfRepeatsAllowed;

  return {
    account,
    main,
    source: account.source,
    name,
    codeText: standing.codeText,
    codes,
    identity: standing.identity,
    status,
    type,
    dosage:
      dosageText(authorisation?.request?.dosageInstruction, formatDate) ??
      dosageText(statement?.statement?.dosage, formatDate) ??
      dosageText(latestIssue?.request?.dosageInstruction, formatDate),
    quantity:
      quantityText(authorisation?.request?.dispenseRequest?.quantity) ?? quantityText(latestIssue?.request?.dispenseRequest?.quantity),
    prescribed,
    lastIssued,
    neverIssued:
      lastIssueDateOf(statement?.statement) === undefined &&
      [authorisation, ...issues].every((record) => record === undefined || neverWentOut(record)),
    issuesMade: repeat ? information.issued : undefined,
    issuesAllowed: repeat && allowed !== undefined && Number.isInteger(allowed) ? allowed : undefined,
    review: repeat ? recordedMoment(information.review) : undefined,
    validityEnd: standing.validityEnd,
    start,
    end,
    courseEnded: recordedMoment(standing.courseEnded),
    // A reason sent only as a code is shown as its code: a reason recorded is never "Not recorded".
    stoppedReason: STOPPED_STATUSES.has(status) ? firstConceptWords(reasonConcepts) : undefined,
    residentReported: statements.some((record) => record.statement !== undefined && isResidentReported(record.statement)),
    carerReported: statements
      .map((record) => (record.statement ? carerOf(record.statement) : undefined))
      .find((carer) => carer !== undefined),
    rank: standing.rank,
  };
}

const sameSource = (a: SourceLabel, b: SourceLabel): boolean => a.odsCode === b.odsCode && a.name === b.name;

/** Whether two periods share at least a day; an unknown start or end is open. */
function overlaps(a: AccountSummary, b: AccountSummary): boolean {
  const endsBefore = (first: AccountSummary, second: AccountSummary): boolean =>
    first.end !== undefined && second.start !== undefined && first.end.dayKey < second.start.dayKey;
  return !endsBefore(a, b) && !endsBefore(b, a);
}

function clusterCurrent(summaries: readonly AccountSummary[]): AccountSummary[][] {
  return groupMedicines(summaries, (summary) => [summary.identity]);
}

const sameMedicineAsAll = (candidate: AccountSummary, members: readonly AccountSummary[]): boolean =>
  members.every((member) => isSameMedicine(member.identity, candidate.identity));

function clusterPast(summaries: readonly AccountSummary[]): AccountSummary[][] {
  const clusters: AccountSummary[][] = [];
  for (const summary of summaries) {
    const cluster = clusters.find(
      (members) =>
        sameMedicineAsAll(summary, members) &&
        members.every((member) => !sameSource(member.source, summary.source) && overlaps(member, summary)),
    );
    if (cluster) cluster.push(summary);
    else clusters.push([summary]);
  }
  return clusters;
}

const TYPE_ORDER: Record<PrescriptionType, number> = { Repeat: 0, 'Repeat dispensing': 0, Acute: 1, Delayed: 1, 'Not known': 2 };
const byName = (a: MedicationRow, b: MedicationRow): number =>
  a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base', numeric: true }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const normalisedDose = (dose: string): string => dose.toLowerCase().replace(/\s+/g, ' ').trim();

interface RowContext {
  audience: Audience;
  now: ClinicalMoment | undefined;
  formatDate: (value: string) => string;
}

/** A prescription nothing of which went out: a draft, a proposal, one cancelled. */
const NOT_ISSUED = 'Not issued';

const displayDate = (moment: ClinicalMoment | undefined, context: RowContext): string =>
  moment ? context.formatDate(moment.value) : NOT_RECORDED;

function buildRow(
  members: readonly AccountSummary[],
  attachedStopped: readonly AccountSummary[],
  context: RowContext,
  past: boolean,
): MedicationRow {
  const ordered = [...members].sort((a, b) => a.rank - b.rank);
  const primary = ordered[0];
  if (!primary) throw new Error('A row has at least one account');
  const everyone = [...ordered, ...attachedStopped];
  const prescribing = ordered.find((summary) => summary.prescribed);
  const type = primary.type !== 'Not known' ? primary.type : (ordered.find((summary) => summary.type !== 'Not known')?.type ?? 'Not known');
  const statusLabels = STATUS_LABELS[context.audience];
  // A current medicine by the one rule the summary uses too; a past one as its main account says it ended.
  const rowStatus = past ? primary.status : medicineStatus(ordered.map((summary) => summary.status));
  const residentReported = everyone.some((summary) => summary.residentReported);

  const sources: SourceLabel[] = [];
  for (const summary of everyone) if (!sources.some((source) => sameSource(source, summary.source))) sources.push({ ...summary.source });

  const disagreements: MedicationDisagreement[] = [];
  const dose = disagreement(
    ordered.flatMap((summary) =>
      summary.dosage ? [{ source: summary.source, value: summary.dosage, compareAs: normalisedDose(summary.dosage) }] : [],
    ),
  );
  if (dose) disagreements.push({ field: 'dose', values: dose });
  const status = statusDisagreement(everyone, context.audience, context.formatDate);
  if (status) disagreements.push({ field: 'status', values: status });

  const row: MedicationRow = {
    id: primary.main.key,
    name: medicineTitle(ordered),
    codes: [...new Set(ordered.flatMap((summary) => summary.codes))],
    type,
    // What only the resident reported was not prescribed by anyone in the record: say so rather than "Not known".
    typeLabel:
      type === 'Not known' && ordered.every((summary) => summary.residentReported)
        ? NOT_PRESCRIBED[context.audience]
        : TYPE_LABELS[context.audience][type],
    dosage: ordered.find((summary) => summary.dosage)?.dosage ?? NO_DOSAGE,
    startDate: displayDate(primary.start, context),
    status: rowStatus,
    statusLabel: statusLabels[rowStatus],
    residentReported,
    sources,
    disagreements,
    resourceIds: everyone.flatMap(({ account }) =>
      [account.authorisation, ...account.issues, ...account.statements].flatMap((record) => (record ? [record.key] : [])),
    ),
  };
  const quantity = prescribing?.quantity ?? ordered.find((summary) => summary.quantity)?.quantity;
  if (quantity) row.quantity = quantity;
  if (prescribing)
    row.lastIssued = !prescribing.lastIssued && prescribing.neverIssued ? NOT_ISSUED : displayDate(prescribing.lastIssued, context);
  const expiredOn =
    !past && context.now?.instant !== undefined
      ? prescriptionExpiry(
          ordered.map((summary) => summary.validityEnd),
          context.now.instant,
        )
      : undefined;
  if (expiredOn) row.prescriptionExpired = context.formatDate(expiredOn);
  if (type === 'Repeat' || type === 'Repeat dispensing') {
    const repeat = ordered.find((summary) => summary.type === type && summary.account.authorisation) ?? prescribing ?? primary;
    if (repeat.issuesMade !== undefined) row.issuesMade = repeat.issuesMade;
    if (repeat.issuesAllowed !== undefined) row.issuesAllowed = repeat.issuesAllowed;
    row.issues =
      repeat.issuesMade === undefined
        ? NOT_RECORDED
        : repeat.issuesAllowed === undefined
          ? String(repeat.issuesMade)
          : `${repeat.issuesMade} of ${repeat.issuesAllowed}`;
    row.reviewDate = displayDate(repeat.review, context);
    if (!past)
      row.reviewOverdue = repeat.review !== undefined && context.now !== undefined && compareMoments(repeat.review, context.now) < 0;
  }
  if (past) row.endDate = displayDate(latestMoment(ordered.map((summary) => summary.end)), context);
  const courseEnded = past && rowStatus === 'completed' ? latestMoment(ordered.map((summary) => summary.courseEnded)) : undefined;
  if (courseEnded) row.courseEnded = context.formatDate(courseEnded.value);
  if (STOPPED_STATUSES.has(rowStatus)) row.stoppedReason = ordered.find((summary) => summary.stoppedReason)?.stoppedReason ?? NOT_RECORDED;
  const carer = everyone.map((summary) => summary.carerReported).find((name) => name !== undefined);
  if (carer) row.residentReportedLabel = `Added by ${carer}`;
  else if (residentReported) row.residentReportedLabel = WORDING[context.audience].residentReported;
  return row;
}

/**
 * The medicines view: current and past medicines across every source, merged
 * and flagged as described at the top of this module. Resources for any
 * patient other than `patientId` are dropped and reported in `safetyIssues`;
 * for the resident, items labelled `NOPAT` are left out.
 */
export function medicationsViewModel(input: MedicationsInput, options: MedicationsOptions): MedicationsViewModel {
  const { audience } = options;
  const safetyIssues: SafetyIssue[] = [];
  const records: MedicineRecord[] = [];
  const doNotGive: MedicineRecord[] = [];
  const proposed: MedicineRecord[] = [];
  const medications = medicationDirectory(input.medications ?? []);
  const unreadable: SourceLabel[] = [];
  const now = nowInMilliseconds(options.now);
  const context: RowContext = {
    audience,
    now: readMoment(options.now),
    // Every date a row shows is a recorded fact: one sent as midnight is on the day written.
    formatDate: (value) => recordedDate(value, audience),
  };

  // Each record is made into a row on its own, its dates in words as the list says them, to find one that cannot be.
  const probeContext: RowContext = { ...context, now: undefined };
  let read = 0;
  for (const resource of [...input.requests, ...input.statements]) {
    if (typeof resource !== 'object' || resource === null) continue;
    const subject = (resource.subject as { reference?: string } | null | undefined)?.reference;
    if (!referencesPatient(subject, input.patientId)) {
      safetyIssues.push(wrongPatientIssue(resource, subject));
      continue;
    }
    if (audience === 'resident' && isHiddenFromResident(resource)) continue;
    // Each record is read, and made into a row, on its own first: one that cannot be is one line, never the list.
    try {
      const standing = medicineStanding(resource, now);
      if (standing === 'entered-in-error') continue;
      read++;
      requireUnderstood(resource);
      // Without an id a resource cannot be linked to; it still is shown, under a key of its own.
      const key =
        typeof resource.id === 'string' && resource.id.trim() ? resourceKey(resource) : `${resource.resourceType}/(no id ${read})`;
      const record = readMedicineRecord(resource, input.organizations, medications, key, now);
      for (const account of medicineAccounts([record])) buildRow([summarise(account, probeContext.formatDate)], [], probeContext, false);
      // A "do not give" order and a proposal are never read with the medicines being taken: they neither merge with them nor count.
      (standing === 'do-not-give' ? doNotGive : standing === 'proposed' ? proposed : records).push(record);
    } catch {
      unreadable.push(unreadableSource(resource, input.organizations));
      safetyIssues.push(unreadableIssue(resource));
    }
  }

  const summaries = summariesBySource(records, context.formatDate);
  const current = summaries.filter((summary) => CURRENT_STATUSES.has(summary.status));
  const ended = summaries.filter((summary) => !CURRENT_STATUSES.has(summary.status));

  const currentRows = clusterCurrent(current).map((members) => buildRow(members, stoppedElsewhere(members, ended), context, false));
  currentRows.sort(byTypeThenName);

  const pastClusters = clusterPast(ended);
  const pastRows = pastClusters.map((members) => ({
    row: buildRow(members, [], context, true),
    end: latestMoment(members.map((member) => member.end)),
  }));
  pastRows.sort((a, b) => compareMoments(b.end, a.end) || byName(a.row, b.row));

  return {
    patientId: input.patientId,
    heading: WORDING[audience].heading,
    pastHeading: WORDING[audience].pastHeading,
    current: currentRows,
    past: pastRows.map(({ row }) => row),
    doNotGive: currentRowsOf(doNotGive, context),
    doNotGiveHeading: WORDING[audience].doNotGiveHeading,
    proposed: currentRowsOf(proposed, context),
    proposedHeading: WORDING[audience].proposedHeading,
    // A medicine the hub sent partly shown says so, whether or not its Bundle did (`withItemNotices`, the one rule).
    notices: withItemNotices(input.notices, [...input.requests, ...input.statements, ...(input.medications ?? [])]),
    notPermitted: isNotPermitted(input.notices, ['MedicationRequest', 'MedicationStatement']),
    unreadable,
    safetyIssues,
  };
}

/** Each source's records read into accounts (an authorisation with its issues and statement, or a lone record). */
const summariesBySource = (records: readonly MedicineRecord[], formatDate: DosageDateFormat): AccountSummary[] =>
  medicineAccounts(records).map((account) => summarise(account, formatDate));

const byTypeThenName = (a: MedicationRow, b: MedicationRow): number => TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || byName(a, b);

/** Rows of what still stands among records kept apart from the medicines ("do not give" orders, proposals); ended ones are gone. */
function currentRowsOf(records: readonly MedicineRecord[], context: RowContext): MedicationRow[] {
  const standing = summariesBySource(records, context.formatDate).filter((summary) => CURRENT_STATUSES.has(summary.status));
  return clusterCurrent(standing)
    .map((members) => buildRow(members, [], context, false))
    .sort(byTypeThenName);
}
