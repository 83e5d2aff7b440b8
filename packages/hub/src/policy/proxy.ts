/**
 * Carers acting for a resident (proxy access), as the gate applies it. A
 * carer signs in with `fhirUser: RelatedPerson/…`; their account is the
 * `carer-account` identifier on that RelatedPerson, and they have one
 * RelatedPerson on each record they may act for. For each request about a
 * resident the gate asks `checkProxyAccess`, which reads from the store —
 * so a resident's change takes effect on the next request:
 *
 * 1. the carer's RelatedPerson on this resident's record (same account, active);
 * 2. an active proxy Consent on this record naming that RelatedPerson;
 * 3. that Consent in force today for this resident's age and who granted it
 *    (`proxyStanding` in the SDK: the rules in docs/proxy-access.md);
 * 4. what it permits: the resource types its actions cover, whether it lets
 *    the carer add readings or medicines, and the categories kept from them.
 *
 * A carer never sees what a resident would not (NOPAT), nor the sensitive
 * categories kept with the service that recorded them; categories the
 * resident kept from this carer are withheld and announced like any other.
 */
import {
  CARER_ACCOUNT_SYSTEM,
  PROXY_CONSENT_CATEGORY,
  proxyStanding,
  readProxyConsent,
  type Consent,
  type ProxyAction,
  type ProxyPermission,
  ukToday,
} from '@care-record/sdk';
import { FhirHttpError } from '../fhir/outcome.js';
import { canonicalJson } from '../fhir/reduced-views.js';
import type { FhirJson } from '../store/search-parameters.js';
import type { HubStore } from '../store/store.js';
import { categoryItemLabel, periodHolds, socialCareSources, withLabelledSources, withText, type SharingCategory } from './sharing.js';
import { isVisible, RESIDENT_HIDDEN_LABELS, SDV_ALERT_LABEL, SENSITIVE_LABELS, type Visibility } from './visibility.js';

/** Resource types each proxy action lets a carer read. `Patient` comes with any permission in force. */
const readsOf: Record<ProxyAction, readonly string[]> = {
  'view-record': [
    'AllergyIntolerance',
    'Condition',
    'MedicationStatement',
    'MedicationRequest',
    // The medicines those name by reference: about no resident, read with them.
    'Medication',
    'Encounter',
    'EpisodeOfCare',
    'Observation',
    'DiagnosticReport',
    'Immunization',
    'Procedure',
    'CarePlan',
    'Goal',
    'Flag',
    'DocumentReference',
    'RelatedPerson',
  ],
  'view-appointments': ['Appointment'],
  'view-results': ['Observation', 'DiagnosticReport'],
  'add-readings': [],
  'add-medicines': [],
};

/** Resource types each proxy action lets a carer add. */
const writesOf: Record<ProxyAction, readonly string[]> = {
  'view-record': [],
  'view-appointments': [],
  'view-results': [],
  'add-readings': ['Observation'],
  'add-medicines': ['MedicationStatement'],
};

/** What a carer may do with one resident's record today. */
export interface ProxyAccess {
  permission: ProxyPermission;
  /** The carer's RelatedPerson on this resident's record: the author of what they add, and the agent in the audit. */
  relatedPerson: { id: string; name: string | undefined };
  reads: ReadonlySet<string>;
  writes: ReadonlySet<string>;
  visibility: Visibility;
}

const noProxyAccess = () =>
  withText(
    new FhirHttpError(403, 'forbidden', 'NO_PROXY_ACCESS', 'This carer has no proxy access in force for this resident'),
    'You do not have access to this person’s record now. They, or their GP practice, can give you access.',
  );

const NOT_APPLIED =
  'This permission was recorded by your GP practice in a way this service cannot apply, so it gives no access now and cannot be changed here, though you can stop it. Ask your practice to change it.';

/** A carer asking for a kind of information their access does not include. */
export const proxyRestricted = () =>
  withText(
    new FhirHttpError(403, 'forbidden', 'PROXY_RESTRICTED', 'This carer’s proxy access does not include this'),
    'This is not part of what you were given access to.',
  );

const identifiersOf = (resource: FhirJson): { system?: unknown; value?: unknown }[] =>
  (resource['identifier'] as { system?: unknown; value?: unknown }[] | undefined) ?? [];

/** The carer-account identifier on a RelatedPerson. */
export function carerAccountOf(resource: FhirJson | undefined): string | undefined {
  if (resource?.['resourceType'] !== 'RelatedPerson') return undefined;
  const value = identifiersOf(resource).find((identifier) => identifier.system === CARER_ACCOUNT_SYSTEM)?.value;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const nameOf = (person: FhirJson): string | undefined => {
  const name = (person['name'] as { text?: string; given?: string[]; family?: string }[] | undefined)?.[0];
  const text = name?.text ?? [name?.given?.[0], name?.family].filter(Boolean).join(' ');
  return text || undefined;
};

/**
 * The RelatedPersons that carry this carer account: on one resident's record
 * (`patientId`) or on every record, newest first or oldest first. Active or
 * not; callers that act on them keep the active ones.
 */
export async function carerEntries(
  store: HubStore,
  account: string,
  options: { patientId?: string; oldestFirst?: boolean } = {},
): Promise<FhirJson[]> {
  const found = await store.search({
    type: 'RelatedPerson',
    ...(options.patientId === undefined ? {} : { patientId: options.patientId }),
    criteria: [{ kind: 'token', name: 'identifier', values: [{ system: CARER_ACCOUNT_SYSTEM, code: account }], anySystem: [false] }],
    sort: { by: 'lastUpdated', descending: options.oldestFirst !== true },
    count: 100,
    visibility: { hiddenLabels: [] },
  });
  return found.resources.filter((person) => carerAccountOf(person) === account);
}

/** The carer's RelatedPersons on this resident's record (active, with their account). */
async function carerOnRecord(store: HubStore, account: string, patientId: string): Promise<FhirJson[]> {
  return (await carerEntries(store, account, { patientId })).filter((person) => person['active'] !== false);
}

/** The resident's proxy Consents with these statuses (by default the active ones: those that can be in force). */
export async function proxyConsents(store: HubStore, patientId: string, statuses: readonly string[] = ['active']): Promise<FhirJson[]> {
  const found = await store.search({
    type: 'Consent',
    patientId,
    criteria: [
      {
        kind: 'token',
        name: 'status',
        values: statuses.map((code) => ({ system: '', code })),
        anySystem: statuses.map(() => true),
      },
      {
        kind: 'token',
        name: 'category',
        values: [{ system: PROXY_CONSENT_CATEGORY.system, code: PROXY_CONSENT_CATEGORY.code }],
        anySystem: [false],
      },
    ],
    sort: { by: 'lastUpdated', descending: true },
    count: 100,
    visibility: { hiddenLabels: [] },
  });
  return found.resources;
}

/**
 * What this carer may do with this resident's record today; throws 403
 * `NO_PROXY_ACCESS` when nothing is in force. Several permissions in force
 * for the same carer are combined (the most any one of them allows).
 */
export async function checkProxyAccess(store: HubStore, account: string, patientId: string, now: number): Promise<ProxyAccess> {
  const people = await carerOnRecord(store, account, patientId);
  if (people.length === 0) throw noProxyAccess();
  const patient = (await store.read('Patient', patientId))?.resource;
  const birthDate = typeof patient?.['birthDate'] === 'string' ? patient['birthDate'] : undefined;
  const today = ukToday(new Date(now));
  const ids = new Set(people.map((person) => String(person['id'])));
  const inForce = (await proxyConsents(store, patientId))
    .map((consent) => readProxyConsent(withDeniesInForce(consent, now) as unknown as Consent))
    .filter((permission): permission is ProxyPermission => permission !== undefined && ids.has(permission.relatedPersonId))
    .filter((permission) => proxyStanding(permission, birthDate, today).inForce);
  const first = inForce[0];
  if (!first) throw noProxyAccess();
  const actions = new Set(inForce.flatMap((permission) => permission.actions));
  // A category is withheld unless every permission in force lets the carer see it.
  const withheld = new Set<SharingCategory>(inForce.flatMap((permission) => permission.withheld));
  for (const permission of inForce)
    for (const category of [...withheld]) if (!permission.withheld.includes(category)) withheld.delete(category);
  const person = people.find((candidate) => String(candidate['id']) === first.relatedPersonId) ?? people[0];
  return {
    permission: first,
    relatedPerson: { id: first.relatedPersonId, name: person ? nameOf(person) : undefined },
    reads: new Set(['Patient', ...[...actions].flatMap((action) => readsOf[action])]),
    writes: new Set([...actions].flatMap((action) => writesOf[action])),
    visibility: await carerVisibility(store, withheld),
  };
}

/** What a carer sees: never what is kept from every carer (R17), nor these categories kept from them. */
async function carerVisibility(store: HubStore, withheld: ReadonlySet<SharingCategory>): Promise<Visibility> {
  const labels = new Set<string>([...RESIDENT_HIDDEN_LABELS, ...SENSITIVE_LABELS, SDV_ALERT_LABEL]);
  for (const category of withheld) {
    const label = categoryItemLabel[category];
    if (label) labels.add(label);
  }
  const hiddenSources = withheld.has('social-care') ? await socialCareSources(store) : [];
  return withLabelledSources({ hiddenLabels: [...labels], ...(hiddenSources.length > 0 ? { hiddenSources } : {}) }, store);
}

/**
 * What a carer sees of their own entry on a resident's record (R17: it is no exception): what their permission in force
 * lets them see; once none is in force (their own entry is still theirs to read), what any permission naming them there
 * kept from them — the most any one kept, the safe side. Only what they are shown: their access (`checkProxyAccess`)
 * and sign-in read their entries whatever their labels.
 */
export async function carerOwnEntryVisibility(store: HubStore, account: string, patientId: string, now: number): Promise<Visibility> {
  try {
    return (await checkProxyAccess(store, account, patientId, now)).visibility;
  } catch {
    const ids = new Set((await carerEntries(store, account, { patientId })).map((person) => String(person['id'])));
    const statuses = ['draft', 'proposed', 'active', 'rejected', 'inactive', 'entered-in-error'];
    const withheld = new Set<SharingCategory>(
      (await proxyConsents(store, patientId, statuses))
        .map((consent) => readProxyConsent(consent as unknown as Consent))
        .filter((permission): permission is ProxyPermission => permission !== undefined && ids.has(permission.relatedPersonId))
        .flatMap((permission) => permission.withheld),
    );
    return carerVisibility(store, withheld);
  }
}

/**
 * A permission as in force at `now`: a deny kept for a period (a practice may record one) keeps nothing from the carer
 * before it starts or after it ends (`periodHolds`, as for a sharing choice). One whose period cannot be read is left
 * as it is (kept always): withholding more from a carer is the safe side.
 */
function withDeniesInForce(consent: FhirJson, now: number): FhirJson {
  const provision = consent['provision'] as { provision?: unknown } | undefined;
  if (!provision || !Array.isArray(provision.provision)) return consent;
  const denies = (provision.provision as Record<string, unknown>[]).filter(
    (exception) => exception?.['period'] === undefined || periodHolds(exception['period'], now) !== false,
  );
  const inForce = denies.map((exception) => {
    if (exception?.['period'] === undefined) return exception;
    const { period: _period, ...rest } = exception;
    return rest;
  });
  return { ...consent, provision: { ...provision, provision: inForce } };
}

/**
 * Checks a proxy Consent a resident saves: exactly what the hub can enforce, naming a carer on their own record
 * whom they may see (a contact kept from them, `NOPAT`, is as unknown to them here as anywhere).
 */
export async function checkProxyConsent(
  consent: FhirJson,
  store: HubStore,
  patientId: string,
  visibility: Visibility,
  previous?: FhirJson,
): Promise<void> {
  const invalid = (diagnostics: string, expression: string) =>
    withText(
      new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', diagnostics, {}, [expression]),
      'These choices about who can act for you could not be saved. Reload the page and try again.',
    );
  // `proposed`: waiting for the person invited to accept (invitations.ts); it grants nothing until then.
  if (consent['status'] !== 'active' && consent['status'] !== 'inactive' && consent['status'] !== 'proposed')
    throw invalid('A proxy permission must have status proposed, active or inactive', 'Consent.status');
  const permission = readProxyConsent(consent as unknown as Consent);
  // One her practice recorded in a way the hub cannot read (a deny naming an organisation: whether it would keep the
  // carer from what that organisation recorded, or the organisation from what the carer adds, is not said, so the hub
  // applies no part of it) gives the carer nothing. She may stop it — a stopped permission grants nothing whatever it
  // says, so stopping is always safe — with the rest as recorded; any other change she is told she cannot make here,
  // not asked to reload and try again.
  if (!permission && previous !== undefined && readProxyConsent(previous as unknown as Consent) === undefined) {
    if (consent['status'] === 'inactive' && asRecordedButStatus(consent, previous)) return;
    throw withText(
      new FhirHttpError(
        422,
        'business-rule',
        'INVALID_RESOURCE',
        'This proxy permission is as recorded in a form this hub does not apply (it grants nothing): it cannot be changed here',
        {},
        ['Consent.provision'],
      ),
      NOT_APPLIED,
    );
  }
  if (!permission)
    throw invalid(
      'A proxy permission names one RelatedPerson (actor), known proxy-action codes and deny provisions with known categories only',
      'Consent.provision',
    );
  if (permission.patientId !== patientId) throw invalid('A proxy permission is about the resident themself', 'Consent.patient');
  // What the hub does not enforce is not saved, so that nobody reads a permission as narrower than it is.
  checkEnforceable(
    consent['provision'] as Record<string, unknown>,
    previous?.['provision'] as Record<string, unknown> | undefined,
    invalid,
  );
  // Whom it was for is not checked again when it stays so and the change gives them nothing they did not have: a
  // permission for someone she may not see (a contact kept from her) can still be stopped or made to give less, never
  // switched back on or widened — that would let in again someone the practice keeps from her.
  const previousActor = (previous?.['provision'] as { actor?: { reference?: { reference?: unknown } }[] } | undefined)?.actor;
  const sameActor = previousActor?.length === 1 && previousActor[0]?.reference?.reference === `RelatedPerson/${permission.relatedPersonId}`;
  const was = previous ? readProxyConsent(previous as unknown as Consent) : undefined;
  if (!sameActor || !was || givesMore(permission, was, consent, previous ?? {})) {
    const person = (await store.read('RelatedPerson', permission.relatedPersonId))?.resource;
    if (
      !person ||
      (person['patient'] as { reference?: unknown } | undefined)?.reference !== `Patient/${patientId}` ||
      !isVisible(person, visibility)
    )
      throw invalid('The actor must be a RelatedPerson on the resident’s own record', 'Consent.provision.actor[0].reference');
  }
  if (permission.actions.length === 0) throw invalid('A proxy permission allows at least one action', 'Consent.provision.action');
}

/** What the hub sets on a permission she saves whatever she sends (`stampSharingChoice`): not hers to change. */
const STAMPED = new Set(['status', 'meta', 'dateTime', 'performer']);

/** Whether a permission she sends is the one recorded but for its status (compared as content, keys in any order). */
function asRecordedButStatus(consent: FhirJson, recorded: FhirJson): boolean {
  const rest = (resource: FhirJson) => Object.fromEntries(Object.entries(resource).filter(([key]) => !STAMPED.has(key)));
  return canonicalJson(rest(consent)) === canonicalJson(rest(recorded));
}

/**
 * Whether a changed permission gives its carer anything the permission as it was did not: in force when it was not
 * (or no longer stopped), an action it did not allow, a category it kept no longer kept, or a longer period.
 */
function givesMore(next: ProxyPermission, was: ProxyPermission, nextConsent: FhirJson, wasConsent: FhirJson): boolean {
  if (next.status === 'inactive') return false;
  if (next.status !== was.status) return true;
  if (next.actions.some((action) => !was.actions.includes(action))) return true;
  if (was.withheld.some((category) => !next.withheld.includes(category))) return true;
  const periodOf = (consent: FhirJson) =>
    (consent['provision'] as { period?: { start?: unknown; end?: unknown } } | undefined)?.period ?? {};
  const [from, to] = [periodOf(nextConsent), periodOf(wasConsent)];
  const instant = (value: unknown) => (typeof value === 'string' ? Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value) : NaN);
  // A bound that stays as written gives nothing; one moved, added or taken away is compared as an instant.
  const starts = from.start === to.start || (to.start === undefined ? from.start !== undefined : instant(from.start) >= instant(to.start));
  const ends = from.end === to.end || (to.end === undefined ? from.end !== undefined : instant(from.end) <= instant(to.end));
  return !starts || !ends;
}

/**
 * A proxy permission's provision says only what the hub enforces: who, what they may do, when, and categories kept.
 * What is as it was (`previous`: a practice recorded it) is left: stopping or changing the rest must always work.
 */
function checkEnforceable(
  provision: Record<string, unknown>,
  previous: Record<string, unknown> | undefined,
  invalid: (diagnostics: string, expression: string) => FhirHttpError,
): void {
  // Compared as content: the same part sent back with its keys in another order is as it was.
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  for (const key of Object.keys(provision))
    if (!['type', 'actor', 'action', 'period', 'provision'].includes(key) && !same(provision[key], previous?.[key]))
      throw invalid(`A proxy permission's provision may not have ${key}: the hub does not enforce it`, `Consent.provision.${key}`);
  // What it keeps from the carer is categories only (`securityLabel`): a deny of anything else would not be applied.
  const exceptions = (provision['provision'] as Record<string, unknown>[] | undefined) ?? [];
  const earlier = (previous?.['provision'] as unknown[] | undefined) ?? [];
  for (const [index, exception] of exceptions.entries()) {
    if (earlier.some((kept) => same(kept, exception))) continue;
    const at = `Consent.provision.provision[${index}]`;
    for (const key of Object.keys(exception))
      if (key !== 'type' && key !== 'securityLabel')
        throw invalid(`What a proxy permission keeps from the carer is categories (securityLabel), not ${key}`, `${at}.${key}`);
    if (!Array.isArray(exception['securityLabel']) || exception['securityLabel'].length === 0)
      throw invalid('A deny provision names the categories kept from the carer', at);
  }
}
