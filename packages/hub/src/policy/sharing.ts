/**
 * The resident's sharing choice (an active `patient-privacy` Consent) and what
 * it means for a professional's request:
 *
 * - by default every organisation caring for the resident sees the record;
 * - an opt-out (`OPTOUT`) in force refuses it to every organisation, as does a choice the hub cannot read in full:
 *   withheld rather than shared (`readChoice`); a choice applies only inside its own `provision.period`;
 * - a `deny` provision naming organisations (`actor`) stops those
 *   organisations seeing the record at all — except in an emergency, with a
 *   stated reason, which is audited and shown to the resident;
 * - a `deny` provision naming categories (`securityLabel`) keeps items of those
 *   categories with the organisation that recorded them; with `actor` as
 *   well, only from those organisations. Withheld items are announced ("Some
 *   information is not shown"), never silently left out, and break-glass
 *   access does not reveal them.
 *
 * The choice is read from the store on every request, so a change takes
 * effect on the next one.
 */
import {
  codeSystemKey,
  isSharingChoice as isSdkSharingChoice,
  isUnreadableSharingChoice as isSdkUnreadableSharingChoice,
  ODS_SYSTEM,
  sameCodeSystem,
  ukToday,
  type Consent,
} from '@care-record/sdk';
import { FhirHttpError } from '../fhir/outcome.js';
import { canonicalJson } from '../fhir/reduced-views.js';
import type { FhirJson } from '../store/search-parameters.js';
import { odsCodesHeld, organizationsHoldingOds, type HubStore, type LabelledRow, type PageCursor } from '../store/store.js';
import { addressKey, hubOrganizationId, isMentalHealthOrganization, namesMentalHealthEntry, servicesOf } from './mental-health.js';
import { isSdvService, isSensitiveService } from './sensitive-content.js';
import {
  MENTAL_HEALTH_LABEL,
  privacySettingKind,
  storedLabelsHold,
  storedLabelsName,
  storedLabelsNamingAny,
  type Visibility,
} from './visibility.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const SHARING_CATEGORY_SYSTEM = 'https://care-record.example/CodeSystem/sharing-category';
const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

/** A kind of information a resident can keep with the service that recorded it. */
export type SharingCategory = 'mental-health' | 'sexual-health' | 'social-care';

/** `system|code` of each category's security label, its system as a key (`codeSystemKey`: any spelling of it). */
const categoryLabels: Record<string, SharingCategory> = {
  [`${codeSystemKey(ACT_CODE)}|PSY`]: 'mental-health',
  [`${codeSystemKey(ACT_CODE)}|SEX`]: 'sexual-health',
  [`${codeSystemKey(SHARING_CATEGORY_SYSTEM)}|social-care`]: 'social-care',
};

/** The `meta.security` label a category's items carry; social care is told by its source instead. */
export const categoryItemLabel: Record<SharingCategory, string | undefined> = {
  'mental-health': 'PSY',
  'sexual-health': 'SEX',
  'social-care': undefined,
};

export interface SharingRules {
  /**
   * Organisations (ids) the resident has chosen not to share their record with; one named by an ODS code the directory
   * does not hold is kept as `system|CODE` (`ActorNamer`), which no organisation signing in here has.
   */
  deniedOrganizations: Set<string>;
  /** Categories kept with the organisation that recorded them, from everyone else. */
  deniedCategories: Set<SharingCategory>;
  /** Categories kept from particular organisations (id → categories). */
  deniedCategoriesFor: Map<string, Set<SharingCategory>>;
  /**
   * Set when her choices refuse the record to every organisation (`sharingRules`): an opt-out in force; one the hub
   * cannot read in full, withheld rather than shared; or opt-ins of which none is in force now (their own periods).
   */
  declinedToAll?: DeclinedToAll;
}

/** Why a sharing choice refuses the record to every organisation. */
export type DeclinedToAll = 'opted-out' | 'not-applied' | 'not-in-force';

/** A deny's actor's reference: by this hub's entry, by an identifier (an ODS code), or both. */
interface ActorReferenceJson {
  reference?: unknown;
  identifier?: unknown;
  display?: unknown;
}

interface ProvisionJson {
  type?: unknown;
  actor?: { reference?: ActorReferenceJson }[];
  securityLabel?: { system?: unknown; code?: unknown }[];
  provision?: ProvisionJson[];
  [key: string]: unknown;
}

/**
 * What a deny's actor names, as the hub applies it: the directory's Organization id; or, for an ODS code no
 * organisation in the directory has, `system|CODE` — refusing nobody who can sign in here (every caller's organisation
 * is the directory's), kept as her choice and applied once the directory holds it; a typo of her own GP's code does
 * not shut her GP out. A code two directory entries hold names both: each signs in by its own id, and her deny of the
 * code is a deny of whoever holds it. Undefined when the hub cannot say which organisation it is: the choice is not
 * applied in part.
 */
type ActorNamer = (actor: unknown) => string[] | undefined;

/** An actor's ODS code (trimmed, in capitals); null when it gives no identifier; undefined for one not an ODS code. */
function actorOdsCode(identifier: unknown): string | null | undefined {
  if (identifier === undefined) return null;
  if (typeof identifier !== 'object' || identifier === null) return undefined;
  const { system, value } = identifier as { system?: unknown; value?: unknown };
  if (!sameCodeSystem(system, ODS_SYSTEM) || typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim().toUpperCase();
}

const actorReferenceOf = (actor: unknown): ActorReferenceJson | undefined => {
  const reference = (actor as { reference?: unknown } | null)?.reference;
  return typeof reference === 'object' && reference !== null ? (reference as ActorReferenceJson) : undefined;
};

/** The ODS codes the deny actors of these Consents name, for one look-up in the directory. */
function odsCodesNamed(consents: readonly FhirJson[]): string[] {
  const codes = new Set<string>();
  for (const consent of consents) {
    const nested = (consent['provision'] as ProvisionJson | undefined)?.provision;
    for (const exception of Array.isArray(nested) ? nested : [])
      for (const actor of Array.isArray(exception?.actor) ? exception.actor : []) {
        const code = actorOdsCode(actorReferenceOf(actor)?.identifier);
        if (typeof code === 'string') codes.add(code);
      }
  }
  return [...codes];
}

/**
 * Names deny actors (`ActorNamer`) for these Consents: by a reference in any form the hub reads as its own entry
 * (`hubOrganizationId`: relative, a version, this hub's address in any spelling), or by an ODS code through the
 * directory (`organizationsHoldingOds`). Both given, they must name the same organisation — but a reference to another
 * server's entry is named by its code. Another server's entry alone, a display alone, another identifier, or a
 * reference and a code naming two organisations: none.
 */
async function actorNamer(store: HubStore, consents: readonly FhirJson[], hubStore: HubStore = store): Promise<ActorNamer> {
  const addresses = hubAddresses.get(hubStore) ?? [];
  // An entry named by reference is the organisation its ODS codes name: a duplicate entry holding its code is denied too.
  const codesOf = new Map<string, string[]>();
  for (const id of referencedOrganizations(consents, addresses)) {
    const stored = await store.read('Organization', id);
    codesOf.set(id, stored === undefined ? [] : odsCodesHeld(stored.resource));
  }
  const byCode = await organizationsHoldingOds(store, [...new Set([...odsCodesNamed(consents), ...[...codesOf.values()].flat()])]);
  const withHolders = (id: string) => [...new Set([id, ...(codesOf.get(id) ?? []).flatMap((code) => byCode.get(code) ?? [])])];
  return (actor) => {
    const reference = actorReferenceOf(actor);
    const code = actorOdsCode(reference?.identifier);
    if (reference === undefined || code === undefined) return undefined;
    const target = reference.reference;
    if (target !== undefined && typeof target !== 'string') return undefined;
    const here = target === undefined ? undefined : hubOrganizationId(target, addresses);
    if (code === null) return here === undefined ? undefined : withHolders(here);
    const coded = byCode.get(code);
    // Both given, they must agree; the code then names every entry holding it, as it does alone.
    if (here !== undefined) return coded?.includes(here) ? coded : undefined;
    // A reference the hub cannot read as its own: another server's entry is the organisation its code names.
    if (target !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target.trim())) return undefined;
    return coded ?? [`${ODS_SYSTEM}|${code}`];
  };
}

/** The directory entries the deny actors of these Consents name by a reference the hub reads as its own. */
function referencedOrganizations(consents: readonly FhirJson[], addresses: Parameters<typeof hubOrganizationId>[1]): Set<string> {
  const ids = new Set<string>();
  for (const consent of consents) {
    const nested = (consent['provision'] as ProvisionJson | undefined)?.provision;
    for (const exception of Array.isArray(nested) ? nested : [])
      for (const actor of Array.isArray(exception?.actor) ? exception.actor : []) {
        const target = actorReferenceOf(actor)?.reference;
        const id = typeof target === 'string' ? hubOrganizationId(target, addresses) : undefined;
        if (id !== undefined) ids.add(id);
      }
  }
  return ids;
}

/** Whether `check` holds for every item, checked one after another. */
async function everyOf<T>(items: readonly T[], check: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (!(await check(item))) return false;
  return true;
}

/**
 * The sharing category a deny's security label names, its system in any spelling (`codeSystemKey`): her choice written
 * with `https://terminology.hl7.org/CodeSystem/v3-ActCode/` is hers still. Another system is none.
 */
const categoryOf = (label: { system?: unknown; code?: unknown }): SharingCategory | undefined =>
  typeof label.system === 'string' ? categoryLabels[`${codeSystemKey(label.system)}|${String(label.code)}`] : undefined;

/** Whether a concept has the code in the system, the system in any spelling (`sameCodeSystem`). */
const hasCoding = (concept: unknown, system: string, code: string): boolean =>
  ((concept as { coding?: { system?: unknown; code?: unknown }[] } | undefined)?.coding ?? []).some(
    (coding) => sameCodeSystem(coding.system, system) && coding.code === code,
  );

/**
 * Whether a Consent is a sharing choice (`patient-privacy`, in FHIR R4's system or STU3's, and not a permission for a
 * carer): what the resident saves and changes about who sees their record. Other Consents on a record (a treatment
 * consent, an advance decision) are organisations' entries. The SDK's rule, so that her screen counts the same ones.
 */
export function isSharingChoice(consent: FhirJson): boolean {
  return isSdkSharingChoice(consent as unknown as Consent);
}

/**
 * Whether a Consent looks like a sharing choice whose scope the hub cannot tell (missing, text only, or no scope it
 * knows): not a carer's permission, not clearly another kind (treatment, research, an advance directive), and its
 * policy rule a consent directive or its provision permitting or denying organisations (the SDK's rule). The hub counts
 * it as a choice it cannot read — withheld rather than shared (R7) — since left out, an opt-out so recorded would share
 * her record.
 */
export function isUnreadableSharingChoice(consent: FhirJson): boolean {
  return isSdkUnreadableSharingChoice(consent as unknown as Consent);
}

const DATE_FORM = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether a rule's `period` holds at `now`: a date (or a year, a month) is a UK civil date, the start's from its first
 * moment and the end's to its last; a dateTime is the instant it says; a bound left out is open. Undefined when a bound
 * cannot be read: a rule the hub cannot read in full is not applied in part.
 */
export function periodHolds(period: unknown, now: number): boolean | undefined {
  if (typeof period !== 'object' || period === null || Array.isArray(period)) return undefined;
  const { start, end } = period as { start?: unknown; end?: unknown };
  const today = ukToday(new Date(now));
  const holds = (bound: unknown, side: 'start' | 'end'): boolean | undefined => {
    if (bound === undefined) return true;
    if (typeof bound !== 'string') return undefined;
    if (DATE_FORM.test(bound)) {
      const day = today.slice(0, bound.length);
      return side === 'start' ? day >= bound : day <= bound;
    }
    const instant = DATE_TIME_FORM.test(bound) ? Date.parse(bound) : NaN;
    if (Number.isNaN(instant)) return undefined;
    return side === 'start' ? now >= instant : now <= instant;
  };
  const [from, to] = [holds(start, 'start'), holds(end, 'end')];
  return from === undefined || to === undefined ? undefined : from && to;
}

/** What a nested deny of a sharing choice keeps, and when. */
interface DenyRule {
  organizations: string[];
  categories: SharingCategory[];
  inForceAt: (now: number) => boolean;
}

/**
 * What a nested provision of a sharing choice keeps, as the hub applies it: a deny naming organisations, categories or
 * both, every one known, for its `period` if it has one (`periodHolds`; a purpose is not read: applied whatever it
 * says). None when the hub does not apply it: a rule it cannot read in full is not applied in part.
 */
function denyRuleOf(exception: ProvisionJson, nameActor: ActorNamer): DenyRule | undefined {
  if (exception.type !== 'deny') return undefined;
  const [actors, labels]: unknown[] = [exception.actor ?? [], exception.securityLabel ?? []];
  if (!Array.isArray(actors) || !Array.isArray(labels)) return undefined;
  const named = actors.map((actor: unknown) => nameActor(actor));
  const categories = labels.map((label: { system?: unknown; code?: unknown } | null) => (label ? categoryOf(label) : undefined));
  if (named.includes(undefined) || categories.includes(undefined)) return undefined;
  const organizations = (named as string[][]).flat();
  if (organizations.length === 0 && categories.length === 0) return undefined;
  const period = exception['period'];
  if (period !== undefined && periodHolds(period, 0) === undefined) return undefined;
  return {
    organizations,
    categories: categories as SharingCategory[],
    inForceAt: (now) => period === undefined || periodHolds(period, now) === true,
  };
}

/** The keys of a top-level permit that would narrow whom or what it shares with: the hub applies none of them. */
const NARROWING_KEYS = ['actor', 'securityLabel', 'class', 'code', 'data', 'action', 'dataPeriod'];

type ChoiceReading =
  { kind: 'opt-out'; inForce: boolean } | { kind: 'not-applied' } | { kind: 'opt-in'; inForce: boolean; denies: DenyRule[] };

/**
 * What one active sharing choice means at `now`, read as the hub can apply it. An `OPTOUT` (a policy rule saying
 * only that, or a top-level `deny` under none) is a refusal to share, never consent. An opt-in (`OPTIN` alone, or no
 * rule over a top-level `permit`) shares but for its nested denies. Either is in force only while its own
 * `provision.period` holds (`periodHolds`: UK civil dates, dateTimes as instants, open ends); `Consent.dateTime` is
 * when the choice was recorded (another system's clock may put it seconds ahead), not when it starts, so it plays no
 * part. Anything else — a rule saying more or other than one of those, a permit narrowed to some actors or data, a
 * nested provision that is not a deny the hub applies, a period or date it cannot read — is a choice the hub cannot
 * tell the meaning of: `not-applied`, withheld rather than shared.
 */
function readChoice(consent: FhirJson, now: number, nameActor: ActorNamer): ChoiceReading {
  const policy = policyOf(consent['policyRule']);
  const top = consent['provision'] as ProvisionJson | undefined;
  const period = typeof top === 'object' && top !== null ? top['period'] : undefined;
  const inPeriod = period === undefined ? true : periodHolds(period, now);
  if (policy === 'opt-out' || (policy === 'unstated' && top?.type === 'deny'))
    return inPeriod === undefined ? { kind: 'not-applied' } : { kind: 'opt-out', inForce: inPeriod };
  if (policy === 'unknown') return { kind: 'not-applied' };
  // An opt-in recorded at a date the hub cannot read is not one it can vouch for: withheld, though the date decides
  // nothing when it can be read.
  const dateTime = consent['dateTime'];
  if (dateTime !== undefined && periodHolds({ start: dateTime }, now) === undefined) return { kind: 'not-applied' };
  if (top === undefined && policy === 'unstated') return { kind: 'not-applied' };
  if (top !== undefined) {
    if (typeof top !== 'object' || top === null || top.type !== 'permit') return { kind: 'not-applied' };
    if (NARROWING_KEYS.some((key) => top[key] !== undefined)) return { kind: 'not-applied' };
  }
  const nested: unknown = top?.provision ?? [];
  if (inPeriod === undefined || !Array.isArray(nested)) return { kind: 'not-applied' };
  const denies = nested.map((exception: unknown) =>
    typeof exception === 'object' && exception !== null ? denyRuleOf(exception as ProvisionJson, nameActor) : undefined,
  );
  if (denies.includes(undefined)) return { kind: 'not-applied' };
  return { kind: 'opt-in', inForce: inPeriod, denies: denies as DenyRule[] };
}

/**
 * The rules of the resident's active sharing choices, all of them together, at `now` (R7). Choices in force combine:
 * an `OPTOUT` in force refuses every organisation; one the hub cannot read withholds the record from every
 * organisation, and keeps every sharing category too, so that emergency access does not show what it may have kept;
 * the denies of every opt-in in force apply (a deny for a period keeps nothing before it starts or after it ends). A
 * choice not in force applies nothing — neither refusal nor denies — except that when she has opt-ins, none of them
 * is in force and no `OPTOUT` is, her record is withheld: her agreement to share is not in force. An `OPTOUT` whose
 * period has ended, alone, leaves her record shared as with no choice.
 */
export async function sharingRules(store: HubStore, patientId: string, now: number): Promise<SharingRules> {
  const rules: SharingRules = { deniedOrganizations: new Set(), deniedCategories: new Set(), deniedCategoriesFor: new Map() };
  // Every active Consent on her record, page by page: a choice older than a page of others (treatment consents,
  // carers' permissions) still applies.
  const consents: FhirJson[] = [];
  let after: PageCursor | undefined;
  do {
    const page = await store.search({
      type: 'Consent',
      patientId,
      criteria: [{ kind: 'token', name: 'status', values: [{ system: '', code: 'active' }], anySystem: [true] }],
      sort: { by: 'lastUpdated', descending: true },
      count: 200,
      visibility: { hiddenLabels: [] },
      ...(after === undefined ? {} : { after }),
    });
    consents.push(...page.resources);
    after = page.next;
  } while (after !== undefined);
  const nameActor = await actorNamer(store, consents);
  let optedOut = false;
  let notApplied = false;
  let optIns = 0;
  let optInsInForce = 0;
  for (const consent of consents) {
    // A permission for a carer to act for the resident is not a sharing choice (see proxy.ts); one whose scope the hub
    // cannot tell is one it cannot read. Told by the rule that labels them too (`privacySettingKind`), so that whatever
    // is applied here is withheld as her setting (R10).
    const kind = privacySettingKind(consent);
    if (kind !== 'sharing-choice' && kind !== 'unreadable-choice') continue;
    const unreadable = kind === 'unreadable-choice';
    const reading: ChoiceReading = unreadable ? { kind: 'not-applied' } : readChoice(consent, now, nameActor);
    if (reading.kind === 'opt-out') {
      optedOut ||= reading.inForce;
      continue;
    }
    if (reading.kind === 'not-applied') {
      notApplied = true;
      for (const kind of Object.values(categoryLabels)) rules.deniedCategories.add(kind);
      continue;
    }
    optIns += 1;
    if (!reading.inForce) continue;
    optInsInForce += 1;
    for (const rule of reading.denies) {
      if (!rule.inForceAt(now)) continue;
      const { organizations: known, categories: kinds } = rule;
      if (kinds.length === 0) for (const id of known) rules.deniedOrganizations.add(id);
      else if (known.length === 0) for (const kind of kinds) rules.deniedCategories.add(kind);
      else
        for (const id of known) {
          const set = rules.deniedCategoriesFor.get(id) ?? new Set<SharingCategory>();
          for (const kind of kinds) set.add(kind);
          rules.deniedCategoriesFor.set(id, set);
        }
    }
  }
  // What she said first, then what the hub cannot apply, then an agreement of hers not in force.
  if (optedOut) rules.declinedToAll = 'opted-out';
  else if (notApplied) rules.declinedToAll = 'not-applied';
  else if (optIns > 0 && optInsInForce === 0) rules.declinedToAll = 'not-in-force';
  return rules;
}

/** Whether the choices refuse the record to this organisation (or, refusing it to all, to a caller of none). */
export function declinesOrganization(rules: SharingRules, organizationId: string | undefined): boolean {
  return rules.declinedToAll !== undefined || (organizationId !== undefined && rules.deniedOrganizations.has(organizationId));
}

/** The categories kept from this organisation. */
export function categoriesWithheldFrom(rules: SharingRules, organizationId: string | undefined): Set<SharingCategory> {
  const withheld = new Set(rules.deniedCategories);
  for (const kind of (organizationId && rules.deniedCategoriesFor.get(organizationId)) || []) withheld.add(kind);
  return withheld;
}

interface DirectorySources {
  /** Social care services (`isSocialCareOrganization`) and organisations part of one at any remove. */
  socialCare: string[];
  /**
   * Mental health services (an organisation whose type or name says so: `mental-health.ts`), and organisations part
   * of one at any remove — less any source an organisation that is not one sends from too.
   */
  mentalHealth: string[];
  /**
   * The directory's mental health services as an item's service elements may point at them (`directoryKeys`): the
   * organisations above, and the places, services and practitioners' roles that are one or belong to one.
   */
  mentalHealthEntries: string[];
  /** The same for sexual health, fertility, termination and gender identity services (R11, `isSensitiveService`). */
  sensitiveEntries: string[];
  /**
   * The source systems of such services' organisations, and of organisations part of one at any remove — less any an
   * organisation that is not one sends from too (a practice's clinic on the practice's own system).
   */
  sensitive: string[];
  /** The same for sexual assault referral centres and domestic abuse services (`SDV`, `isSdvService`). */
  sdvEntries: string[];
  sdv: string[];
}

const directorySourcesByStore = new WeakMap<HubStore, Promise<DirectorySources>>();

/**
 * The source systems of the directory's organisations whose setting a sharing category follows. Loaded once a store
 * (requests that arrive together share the load); the directory is loaded before the hub answers and does not change
 * while it runs — no request writes it.
 */
function directorySources(store: HubStore): Promise<DirectorySources> {
  const known = directorySourcesByStore.get(store);
  if (known) return known;
  const loading = loadDirectorySources(store);
  directorySourcesByStore.set(store, loading);
  // Not kept if it failed, or if the store held no directory yet (a hub still being seeded).
  loading.then(
    (sources) => sources.empty && directorySourcesByStore.delete(store),
    () => directorySourcesByStore.delete(store),
  );
  return loading;
}

async function loadDirectorySources(store: HubStore): Promise<DirectorySources & { empty: boolean }> {
  // Every entry of the type, page by page: a directory may hold more than any one page.
  const entriesOf = async (type: string) => {
    const entries: FhirJson[] = [];
    let after: PageCursor | undefined;
    do {
      const page = await store.search({
        type,
        criteria: [],
        sort: { by: 'text', descending: false },
        count: 5_000,
        visibility: { hiddenLabels: [] },
        ...(after === undefined ? {} : { after }),
      });
      entries.push(...page.resources);
      after = page.next;
    } while (after !== undefined);
    return entries;
  };
  const organizations = await entriesOf('Organization');
  const sourcesOf = (which: (organization: FhirJson) => boolean) =>
    organizations
      .filter(which)
      .map((organization) => (organization['meta'] as { source?: unknown } | undefined)?.source)
      .filter((source): source is string => typeof source === 'string');
  // The organisations that are such a service, and the places, services and practitioners' roles that are one or
  // belong to one (a trust has hundreds of roles: one key each, matched in one SQL term, `notWithheldSql`).
  const entries = [
    ...organizations,
    ...(await entriesOf('Location')),
    ...(await entriesOf('HealthcareService')),
    ...(await entriesOf('PractitionerRole')),
  ];
  const mentalHealthEntries = servicesOf(entries, isMentalHealthOrganization, namesMentalHealthEntry);
  const sensitiveEntries = servicesOf(entries, isSensitiveService, isSensitiveService);
  const sdvEntries = servicesOf(entries, isSdvService, isSdvService);
  // A service's source, and that of every organisation part of one at any remove (a unit with its own system): what
  // they send is the service's (a mental health trust's, a sexual health clinic's). Not a source an organisation that
  // is not one shares: a practice whose clinic or team works on the practice's own system would else have all its
  // items withheld for it.
  const ownSources = (serviceKeys: readonly string[]) => {
    const ids = new Set(serviceKeys.filter((key) => key.startsWith('Organization/')));
    const isOne = (organization: FhirJson) => ids.has(`Organization/${String(organization['id'])}`);
    const shared = new Set(sourcesOf((organization) => !isOne(organization)));
    return sourcesOf(isOne).filter((source) => !shared.has(source));
  };
  return {
    // Told as mental health is: by its type, and every organisation part of one at any remove (R18: a council's
    // reablement team on its own system sends social care as the council does).
    socialCare: ownSources(servicesOf(organizations, isSocialCareOrganization, () => false)),
    mentalHealth: ownSources(mentalHealthEntries),
    mentalHealthEntries,
    sensitiveEntries,
    sensitive: ownSources(sensitiveEntries),
    sdvEntries,
    sdv: ownSources(sdvEntries),
    empty: organizations.length === 0,
  };
}

/** Words that type an organisation as social care (in a type's text or a coding's display). */
const SOCIAL_CARE_TYPE_WORDS = /\bsocial (care|services?|work)\b|\blocal authority\b/i;

/**
 * A social care service: an organisation typed `govt` (a council), or whose type says social care in its words
 * ("Local authority adult social care", a coding displayed "Social services department"). Not by its name: a
 * practice's "Social Prescribing" team is not one.
 */
export function isSocialCareOrganization(organization: FhirJson): boolean {
  const types = Array.isArray(organization['type']) ? (organization['type'] as unknown[]) : [];
  return types.some((type) => {
    if (hasCoding(type, ORGANIZATION_TYPE, 'govt')) return true;
    const concept = type as { text?: unknown; coding?: { display?: unknown }[] } | undefined;
    const words = [concept?.text, ...(Array.isArray(concept?.coding) ? concept.coding.map((coding) => coding?.display) : [])];
    return words.some((word) => typeof word === 'string' && SOCIAL_CARE_TYPE_WORDS.test(word));
  });
}

/**
 * The source systems of the council's social care services (`isSocialCareOrganization`), and of organisations part of
 * one at any remove — less any source an organisation that is not one sends from too.
 */
export async function socialCareSources(store: HubStore): Promise<string[]> {
  return (await directorySources(store)).socialCare;
}

/**
 * The source systems of mental health services, and of organisations part of one (a unit of the trust with its own
 * system): what they send is mental health, labelled `PSY` or not.
 */
export async function mentalHealthSources(store: HubStore): Promise<string[]> {
  return (await directorySources(store)).mentalHealth;
}

/** Each store's hub's own addresses (its FHIR bases, `addressKey`), once the hub has said them (`knowHubAddress`). */
const hubAddresses = new WeakMap<HubStore, readonly string[]>();

/**
 * Tells the rules every address the hub on this store answers at (its FHIR bases: the one clients use, and any other
 * it is reached by — an internal name, each process's own behind a load balancer): an item's reference by any of them
 * (`https://<hub>/fhir/Organization/x`) is to the directory's entry, as `Organization/x` is; by any other address, to
 * another server's. Replaces what it was told before.
 */
export function knowHubAddress(store: HubStore, fhirBaseUrls: string | readonly string[]): void {
  const addresses = [
    ...new Set(
      (typeof fhirBaseUrls === 'string' ? [fhirBaseUrls] : fhirBaseUrls).flatMap((url) => addressKey(url) ?? []).flatMap(loopbackSpellings),
    ),
  ];
  if (addresses.length > 0) hubAddresses.set(store, addresses);
  else hubAddresses.delete(store);
}

/** This machine's names for itself, as `addressKey` spells them. */
const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * An address of this hub with every other name of this machine in place of its host, when it is one (reviewer R13): reached
 * only from the hub's own machine, `http://localhost:8080/fhir` is the hub at `http://127.0.0.1:8080/fhir` — an item
 * naming a Medication or a service by it names the hub's own, and is withheld rather than shown as another server's.
 */
function loopbackSpellings(address: string): string[] {
  const host = /^https:\/\/(\[[^\]]*\]|[^/:]+)/.exec(address)?.[1];
  if (host === undefined || !LOOPBACK_HOSTS.includes(host)) return [address];
  const rest = address.slice(`https://${host}`.length);
  return LOOPBACK_HOSTS.map((loopback) => `https://${loopback}${rest}`);
}

const addressed = new WeakMap<readonly string[], { addresses: readonly string[]; keys: readonly string[] }>();

/**
 * Directory keys with each entry's `Type/id` at each of this hub's addresses beside it (as `serviceReferenceKeys`
 * keeps an absolute reference). Worked out once a directory load and set of addresses.
 */
function atHubAddress(entries: readonly string[], addresses: readonly string[] | undefined): readonly string[] {
  if (addresses === undefined || addresses.length === 0 || entries.length === 0) return entries;
  const known = addressed.get(entries);
  if (known?.addresses === addresses) return known.keys;
  // An identifier's key holds `|`; an entry's own is `Type/id`.
  const own = entries.filter((key) => !key.includes('|'));
  const keys = [...entries, ...addresses.flatMap((address) => own.map((key) => `${address}/${key}`))];
  addressed.set(entries, { addresses, keys });
  return keys;
}

/** Sexual and reproductive health (R11). */
const SEXUAL_HEALTH_LABEL = 'SEX';
/** Sexual assault and domestic violence. */
const SDV_LABEL = 'SDV';

/**
 * A viewer's visibility with the items that count as labelled though they came without it: whenever `PSY` is
 * withheld from someone (a receptionist, a sharing choice, a carer's permission), so is an unlabelled item from a
 * mental health service, and one whose service elements point at the directory's entry for one by reference alone
 * (`labelledServices`); whenever `SEX` is, so is one from a sexual health (fertility, termination, gender identity)
 * service's system (`labelledSources`) or pointing so at such a service's entry. And whatever label is withheld, so is
 * an item naming by reference, in any element, a Medication a read of which would withhold it (`labelledMedications`);
 * one naming a Medication from a source the resident keeps from the viewer is withheld as that source's items are,
 * whether or not any label is kept from them (`withheldEntries`).
 */
export async function withLabelledSources(visibility: Visibility, store: HubStore): Promise<Visibility> {
  // Not only for labels: a source kept from the viewer keeps its Medications, and what names them, with it (R14).
  if (visibility.hiddenLabels.length === 0 && (visibility.hiddenSources ?? []).length === 0) return visibility;
  const hidesMentalHealth = visibility.hiddenLabels.includes(MENTAL_HEALTH_LABEL);
  const hidesSexualHealth = visibility.hiddenLabels.includes(SEXUAL_HEALTH_LABEL);
  const hidesSdv = visibility.hiddenLabels.includes(SDV_LABEL);
  const directory = hidesMentalHealth || hidesSexualHealth || hidesSdv ? await directorySources(store) : undefined;
  const sources = Object.fromEntries(
    [
      [MENTAL_HEALTH_LABEL, hidesMentalHealth ? (directory?.mentalHealth ?? []) : []] as const,
      [SEXUAL_HEALTH_LABEL, hidesSexualHealth ? (directory?.sensitive ?? []) : []] as const,
      [SDV_LABEL, hidesSdv ? (directory?.sdv ?? []) : []] as const,
    ].filter(([, list]) => list.length > 0),
  );
  const addresses = hubAddresses.get(store);
  const entries = Object.fromEntries(
    visibility.hiddenLabels.map((label) => {
      const keys =
        label === MENTAL_HEALTH_LABEL
          ? (directory?.mentalHealthEntries ?? [])
          : label === SEXUAL_HEALTH_LABEL
            ? (directory?.sensitiveEntries ?? [])
            : label === SDV_LABEL
              ? (directory?.sdvEntries ?? [])
              : [];
      return [label, atHubAddress(keys, addresses)] as const;
    }),
  );
  const { byLabel: medications, fromHiddenSources } = await labelledMedications(visibility, sources, entries, store, addresses);
  const services = Object.fromEntries(
    visibility.hiddenLabels
      .map((label) => [label, [...(entries[label] ?? []), ...atHubAddress(medications.get(label) ?? [], addresses)]] as const)
      .filter(([, keys]) => keys.length > 0),
  );
  return {
    ...visibility,
    ...(Object.keys(sources).length === 0 ? {} : { labelledSources: sources }),
    ...(Object.keys(services).length === 0 ? {} : { labelledServices: services }),
    ...(fromHiddenSources.length === 0 ? {} : { withheldEntries: atHubAddress(fromHiddenSources, addresses) }),
  };
}

/**
 * For each label this viewer is kept from, the Medications a read by them would withhold by it (`Medication/x`): one
 * that carries it as the store holds it now, one from a source that counts as carrying it (`sources`, the viewer's
 * `labelledSources`: a sexual health clinic's system, labelled or not), or one pointing at a directory entry that
 * counts as carrying it (`entries`, the label's services: a clinic's own preparation, R14); and, whatever labels are
 * kept from them, those from a source the resident keeps from them (`hiddenSources`, `Visibility.withheldEntries`) — a
 * prescription naming one by reference is withheld as the Medication is, never sent with its name taken out (R14).
 * Read for each request, not kept: a Medication is a source's product data, which may change after the items naming it
 * were written. A Medication made of one so withheld (`ingredient.itemReference`, or any other reference to it, by any
 * of this hub's addresses too) is too, at any remove (reviewer R13): each is added once, so a loop of Medications made
 * of each other ends.
 */
async function labelledMedications(
  visibility: Visibility,
  sources: Readonly<Record<string, readonly string[]>>,
  entries: Readonly<Record<string, readonly string[]>>,
  store: HubStore,
  addresses: readonly string[] | undefined,
): Promise<{ byLabel: Map<string, string[]>; fromHiddenSources: string[] }> {
  const hiddenSources = visibility.hiddenSources ?? [];
  const medications = await store.labelledOfType('Medication', [...new Set([...Object.values(sources).flat(), ...hiddenSources])]);
  // The Medications these are, with every one made of any of them at any remove, as `Medication/x`.
  const withMadeOf = (withheld: (medication: LabelledRow) => boolean): string[] => {
    const carrying = new Set(medications.filter(withheld).map(({ id }) => id));
    let added = carrying.size > 0;
    while (added) {
      const named = atHubAddress(
        [...carrying].map((id) => `Medication/${id}`),
        addresses,
      );
      const madeOf = medications.filter(
        ({ id, labels: stored }) => !carrying.has(id) && named.some((key) => storedLabelsName(stored, key)),
      );
      for (const { id } of madeOf) carrying.add(id);
      added = madeOf.length > 0;
    }
    return [...carrying].map((id) => `Medication/${id}`);
  };
  const byLabel = new Map<string, string[]>();
  for (const label of visibility.hiddenLabels) {
    const fromSources = sources[label] ?? [];
    const namesService = storedLabelsNamingAny(entries[label] ?? []);
    const carrying = withMadeOf(
      (medication) =>
        storedLabelsHold(medication.labels, label) ||
        (medication.source !== null && fromSources.includes(medication.source)) ||
        namesService(medication.labels),
    );
    if (carrying.length > 0) byLabel.set(label, carrying);
  }
  const fromHiddenSources = hiddenSources.length === 0 ? [] : withMadeOf(({ source }) => source !== null && hiddenSources.includes(source));
  return { byLabel, fromHiddenSources };
}

const invalid = (diagnostics: string, text: string, expression?: string) =>
  withText(new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', diagnostics, {}, expression ? [expression] : undefined), text);

/** Adds the sentence a screen may show (`details.text`) to an error's OperationOutcome. */
export function withText(error: FhirHttpError, text: string): FhirHttpError {
  const details = error.outcome.issue[0]?.details;
  if (details) details.text = text;
  return error;
}

/**
 * What a sharing choice's policy rule says: `OPTIN` or `OPTOUT` when every coding is that v3-ActCode; none stated; or
 * anything else (`OPTIN` and `OPTOUT` both, another code), which is ambiguous, so read as neither.
 */
function policyOf(rule: unknown): 'opt-in' | 'opt-out' | 'unstated' | 'unknown' {
  if (rule === undefined) return 'unstated';
  const codings = (rule as { coding?: unknown } | null)?.coding;
  const says = (code: string) =>
    Array.isArray(codings) &&
    codings.length > 0 &&
    codings.every(
      (coding: { system?: unknown; code?: unknown } | null) => sameCodeSystem(coding?.system, ACT_CODE) && coding?.code === code,
    );
  return says('OPTIN') ? 'opt-in' : says('OPTOUT') ? 'opt-out' : 'unknown';
}

const CHECK_AGAIN = 'These sharing choices could not be saved. Reload the page and try again.';
const NOT_APPLIED =
  'Part of these sharing choices was recorded by your GP practice in a way this service cannot apply, so they cannot be changed here. Ask your practice to change them.';

/**
 * Checks that a Consent is a sharing choice the hub can enforce exactly as
 * written; anything it could not enforce is refused, so that a resident is
 * never told a choice is in force when it is not. `hubStore` is the hub's own
 * store, told the hub's addresses (`knowHubAddress`), when `store` is a
 * transaction on it.
 */
export async function checkSharingChoice(
  consent: FhirJson,
  store: HubStore,
  previous?: FhirJson,
  hubStore: HubStore = store,
): Promise<void> {
  // What is as it was (`previous`: a practice recorded it) is not checked again, as for a proxy permission: changing
  // the rest must always work. What she adds or changes is checked in full. Compared as content, not as text: the
  // same part sent back with its keys in another order is as it was.
  const same = (a: unknown, b: unknown) => previous !== undefined && canonicalJson(a) === canonicalJson(b);
  const before = previous?.['provision'] as ProvisionJson | undefined;
  const nameActor = await actorNamer(store, previous === undefined ? [consent] : [consent, previous], hubStore);
  if (consent['status'] !== 'active') throw invalid('A sharing choice must have status active', CHECK_AGAIN, 'Consent.status');
  // Scoped as the hub reads a choice (`isSharingChoice`: R4's system or STU3's): one read in either is saved back as read.
  if (!isSharingChoice(consent)) throw invalid('A sharing choice must have scope patient-privacy', CHECK_AGAIN, 'Consent.scope');
  const categories = (consent['category'] as unknown[] | undefined) ?? [];
  if (!categories.some((category) => hasCoding(category, 'http://loinc.org', '59284-0') || hasCoding(category, ACT_CODE, 'INFA')))
    throw invalid('A sharing choice must have category LOINC 59284-0 or v3-ActCode INFA', CHECK_AGAIN, 'Consent.category');
  // A rule other than OPTIN is not applied (`sharingRules` reads the choice as opt-in), as it was or not: saving the
  // choice would tell her it is in force.
  if (consent['policyRule'] !== undefined && policyOf(consent['policyRule']) !== 'opt-in')
    throw same(consent['policyRule'], previous?.['policyRule'])
      ? invalid('The policy rule recorded is not applied by this hub: only OPTIN is', NOT_APPLIED, 'Consent.policyRule')
      : invalid('Only the OPTIN policy rule is supported: exceptions go in nested deny provisions', CHECK_AGAIN, 'Consent.policyRule');
  const top = consent['provision'] as ProvisionJson | undefined;
  if (top?.type !== 'permit') throw invalid('The top-level provision must be type permit', CHECK_AGAIN, 'Consent.provision.type');
  for (const key of ['actor', 'securityLabel', 'class', 'code', 'data', 'action', 'dataPeriod'])
    if (top[key] !== undefined && !same(top[key], before?.[key]))
      throw invalid(
        `The top-level provision may not have ${key}: exceptions go in nested deny provisions`,
        CHECK_AGAIN,
        `Consent.provision.${key}`,
      );
  // Her agreement's own period is applied (`readChoice`): one the hub cannot read would withhold her record from all.
  if (top['period'] !== undefined && periodHolds(top['period'], 0) === undefined)
    throw same(top['period'], before?.['period'])
      ? invalid('The period recorded is not one this hub can read', NOT_APPLIED, 'Consent.provision.period')
      : invalid('The period must be a Period of dates or dateTimes with a time zone', CHECK_AGAIN, 'Consent.provision.period');
  for (const [index, exception] of (top.provision ?? []).entries()) {
    const at = `Consent.provision.provision[${index}]`;
    // As it was, it is left only if the hub applies it (at least as written): one it skips would be told in force.
    if ((before?.provision ?? []).some((kept) => same(kept, exception))) {
      if (denyRuleOf(exception, nameActor) !== undefined) continue;
      throw invalid(`${at} is as recorded, but is not a deny this hub applies`, NOT_APPLIED, at);
    }
    if (exception.type !== 'deny') throw invalid('Nested provisions must be type deny', CHECK_AGAIN, `${at}.type`);
    for (const key of ['provision', 'class', 'code', 'data', 'action', 'purpose', 'period', 'dataPeriod'])
      if (exception[key] !== undefined) throw invalid(`A deny provision may not have ${key} here`, CHECK_AGAIN, `${at}.${key}`);
    const actors = exception.actor ?? [];
    const labels = exception.securityLabel ?? [];
    if (actors.length === 0 && labels.length === 0)
      throw invalid('A deny provision must name organisations (actor), categories (securityLabel) or both', CHECK_AGAIN, at);
    for (const [position, actor] of actors.entries()) {
      // An organisation in the directory, however it is named; or one named as it was recorded before (her practice's
      // deny of an organisation the directory does not hold yet), kept when she changes the rest of that deny.
      const ids = nameActor(actor);
      const asRecorded = (before?.provision ?? []).some((kept) => (kept.actor ?? []).some((each) => same(each, actor)));
      const known = async (id: string) => (asRecorded && id.includes('|')) || (await store.read('Organization', id)) !== undefined;
      if (ids === undefined || !(await everyOf(ids, known)))
        throw invalid(
          `${at}.actor[${position}].reference does not name a known Organization`,
          'One of the organisations in these sharing choices is not known. Reload the page and try again.',
          `${at}.actor[${position}].reference`,
        );
    }
    labels.forEach((label, position) => {
      if (categoryOf(label) === undefined)
        throw invalid(
          `${at}.securityLabel[${position}] is not a sharing category (v3-ActCode PSY or SEX, or sharing-category social-care)`,
          'One of the kinds of information in these sharing choices is not known. Reload the page and try again.',
          `${at}.securityLabel[${position}]`,
        );
    });
  }
}
