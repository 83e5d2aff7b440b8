/**
 * The medication headline: current medicines counted once each, repeats then
 * acutes then others (hospital, over the counter), alphabetical within each.
 * What is current is the medication list's rule (`medicineStanding`): a
 * "do not give" order, a proposal, or a record whose course has ended
 * (`courseEnd`) is never counted; a medicine is a repeat or an acute only as
 * its prescription type says, the list's (`accountStanding`); on hold, draft, intended and unknown are. Each medicine's
 * status tag and expiry are the list's too (`medicineStatus`,
 * `prescriptionExpiry`), read from every record counted as it. "Do not give"
 * orders still in force are named apart (`doNotGive`), as the list's rows are.
 */
import type { MedicationRequest, MedicationStatement } from '../../fhir.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { tidyText as tidy } from '../concept-text.js';
import {
  accountPeriod,
  accountStanding,
  medicineAccounts,
  medicineTitle,
  readMedicineRecord,
  statusDisagreement,
  stoppedElsewhere,
  type AccountSaying,
  type AccountStanding,
  type MedicineRecord,
  type PrescriptionType,
} from '../medicine-accounts.js';
import { groupMedicines, type MedicationDirectory } from '../medicine-identity.js';
import {
  MEDICATION_STATUS_LABELS,
  medicineStanding,
  medicineStatus,
  prescriptionExpiry,
  type MedicineStanding,
} from '../medicine-status.js';
import { resourceKey } from '../patient-reference.js';
import { type SourceLabel } from '../source.js';
import { byText, recordedDate, type SummaryContext } from './context.js';

export type MedicationKind = 'repeat' | 'acute' | 'other';

export interface MedicationPreviewItem {
  /** The drug name as the list gives it (`medicineTitle`): as recorded, else its code (`dm+d 319283006`), else `Not known`. */
  name: string;
  kind: MedicationKind;
  sources: SourceLabel[];
  /** Its status in the audience's words when it is current but not simply active (`On hold`, `Draft`, `Not known`), as the list tags it. */
  statusLabel?: string;
  /** A current prescription past its validity period: when it ended, as the list says it (`prescriptionExpired`). */
  prescriptionExpired?: string;
  /**
   * What each source says of its status, when they disagree — one has it on
   * hold, another stopped it (`Stopped 20-Nov-2026`) — as the list's row says it.
   */
  statusDisagreement?: { source: SourceLabel; value: string }[];
}

/** A "do not give" order still in force, one per medicine however many sources hold it. */
export interface DoNotGiveItem {
  /** The drug name as the list gives it (`medicineTitle`). */
  name: string;
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

/** The kind the headline counts a prescription as: the list's prescription type (`prescriptionType`), however spelt. */
const KIND_OF_TYPE: Record<PrescriptionType, MedicationKind> = {
  Acute: 'acute',
  Delayed: 'acute',
  Repeat: 'repeat',
  'Repeat dispensing': 'repeat',
  // Nothing says which (the list shows its type as "Not known"): neither a repeat nor an acute course is claimed.
  'Not known': 'other',
};

type MedicationResource = MedicationRequest | MedicationStatement;

/** An account of a medicine, as the headline counts it (when current) or sets it against the current ones (when not). */
interface CountedAccount extends AccountSaying {
  standing: AccountStanding;
  kind: MedicationKind;
}

/**
 * Current, by the medication list's rules: the same accounts
 * (`medicine-accounts.ts` — a GP authorisation with its issues and statements,
 * an acute issue with the statement of its course), current by the same
 * record (`medicineStanding`; "do not give" orders and proposals are never
 * medicines), one medicine across sources by the same identity rule, and
 * tagged and said to have expired by the same rule (`medicineStatus`,
 * `prescriptionExpiry`).
 */
export function medicationHeadline(
  requests: readonly MedicationRequest[],
  statements: readonly MedicationStatement[],
  context: SummaryContext,
  previewCount: number,
  medications: MedicationDirectory = new Map(),
): { headline: MedicationHeadline; items: MedicationPreviewItem[]; doNotGive: DoNotGiveItem[] } {
  // Medicines, and "do not give" orders apart from them (they never merge with a medicine or count as one), as the list reads them.
  const recordsOf = (wanted: (standing: MedicineStanding) => boolean) =>
    [...requests, ...statements].flatMap((resource: MedicationResource, index) => {
      if (!wanted(medicineStanding(resource, context.now))) return [];
      // Without an id a resource cannot be linked to; it still counts, under a key of its own.
      const key =
        typeof resource.id === 'string' && resource.id.trim() ? resourceKey(resource) : `${resource.resourceType}/(no id ${index})`;
      return [readMedicineRecord(resource, context.organizations, medications, key, context.now)];
    });
  const accountsOf = (records: MedicineRecord[]): CountedAccount[] =>
    medicineAccounts(records).map((account) => {
      const standing = accountStanding(account);
      const { start, end } = accountPeriod(account, standing);
      // The list's prescription type, read by the same rule: "Not known" (a lone statement, no type sent) is never guessed.
      const kind = KIND_OF_TYPE[standing.type];
      return { standing, source: account.source, identity: standing.identity, status: standing.status, start, end, kind };
    });
  const currentAccounts = (records: MedicineRecord[]): CountedAccount[] =>
    accountsOf(records).filter((account) => account.standing.current);
  const medicineAccountsRead = accountsOf(recordsOf((standing) => standing === 'current' || standing === 'past'));
  const counted = medicineAccountsRead.filter((account) => account.standing.current);
  const ended = medicineAccountsRead.filter((account) => !account.standing.current);
  const formatDate = (value: string) => recordedDate(value, context.audience);
  const sourcesOf = (group: readonly CountedAccount[]): SourceLabel[] => {
    const sources: SourceLabel[] = [];
    for (const { source } of group) if (!sources.some((known) => known.odsCode === source.odsCode)) sources.push(source);
    return sources;
  };
  const doNotGive = groupMedicines(currentAccounts(recordsOf((standing) => standing === 'do-not-give')), (account) => [
    account.standing.identity,
  ])
    .map((group) => {
      const ordered = [...group].sort((a, b) => a.standing.rank - b.standing.rank);
      return { name: tidy(medicineTitle(ordered.map((account) => account.standing))) || NOT_KNOWN, sources: sourcesOf(ordered) };
    })
    .sort((a, b) => byText(a.name, b.name));

  const rank: Record<MedicationKind, number> = { repeat: 0, acute: 1, other: 2 };
  const all = groupMedicines(counted, (account) => [account.standing.identity])
    .map((group) => {
      const ordered = [...group].sort((a, b) => a.standing.rank - b.standing.rank);
      const sources = sourcesOf(ordered);
      const status = medicineStatus(ordered.map((account) => account.standing.status));
      const disagreement = statusDisagreement([...ordered, ...stoppedElsewhere(group, ended)], context.audience, formatDate);
      const expiredOn = prescriptionExpiry(
        ordered.map((account) => account.standing.validityEnd),
        context.now,
      );
      return {
        // Named as the list names it: by the most authoritative account that gives a name.
        name: tidy(medicineTitle(ordered.map((account) => account.standing))) || NOT_KNOWN,
        kind: ordered.find((account) => account.kind !== 'other')?.kind ?? 'other',
        sources,
        ...(status === 'active' ? {} : { statusLabel: MEDICATION_STATUS_LABELS[context.audience][status] }),
        ...(expiredOn ? { prescriptionExpired: formatDate(expiredOn) } : {}),
        ...(disagreement ? { statusDisagreement: disagreement } : {}),
      };
    })
    .sort((a, b) => rank[a.kind] - rank[b.kind] || byText(a.name, b.name));
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
    doNotGive,
  };
}
