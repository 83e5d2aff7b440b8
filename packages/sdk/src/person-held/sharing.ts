/**
 * The resident's sharing choices: who may see their record, and which kinds
 * of information may leave the service that recorded them. Read from and
 * written back to one FHIR Consent (`patient-privacy`), as the hub's contract
 * describes it:
 *
 * - by default every organisation caring for the resident sees the record;
 * - a `deny` provision naming organisations stops them seeing it (except in
 *   an emergency, which the resident is told about);
 * - a `deny` provision naming categories keeps those with the service that
 *   recorded them; with organisations as well, only from those.
 *
 * `sharingChoicesFrom` and `sharingConsent` are pure and inverse; `loadSharing`
 * and `saveSharing` do the reading and writing.
 */
import { batchRead } from '../client/batch.js';
import { isProxyConsent } from './proxy.js';
import type { HubClient } from '../client/hub-client.js';
import { HubError } from '../client/hub-error.js';
import type { Consent, Organization } from '../fhir.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import { ODS_SYSTEM } from '../record/source.js';

/** A kind of information the resident can keep with the service that recorded it. */
export type SharingCategoryKey = 'mental-health' | 'social-care' | 'sexual-health';

export interface SharingOrganisation {
  /** `Organization` id. */
  id: string;
  /**
   * Its name; for one with no name, what is known of it (`An organisation with
   * code RZ9`). Never the same as another organisation's name with the same
   * `kind`: the resident must be able to tell which one they are unticking.
   */
  name: string;
  /** Its ODS code, when known. */
  odsCode?: string | undefined;
  /** What kind of organisation it is, in plain words (`GP practice`), when known. */
  kind?: string | undefined;
  /** Whether it may see the record. */
  shared: boolean;
  /**
   * When it is stopped by a deny for a period (recorded by the practice), that period as read: kept through a save
   * while it stays stopped. Absent for a deny that holds for ever. The hub applies the period: a deny whose period has
   * ended, or not begun, keeps nothing today, though `shared` is false (see `SharingPeriod`).
   */
  period?: SharingPeriod | undefined;
}

/** The period a deny holds for (`provision.period`), as the Consent gives it. */
export interface SharingPeriod {
  start?: string;
  end?: string;
}

export interface SharingCategoryChoice {
  key: SharingCategoryKey;
  /** `Mental health` */
  label: string;
  /** What it covers and what turning it off means, in plain words. */
  description: string;
  /** Whether it is shared beyond the service that recorded it. */
  shared: boolean;
  /** False for sexual health, which is always kept with the service that recorded it. */
  changeable: boolean;
  /** When kept by a deny for a period, that period as read (see `SharingOrganisation.period`). */
  period?: SharingPeriod | undefined;
}

/** A category kept from one organisation only (made elsewhere, e.g. by a carer with power of attorney). */
export interface SharingException {
  organisationId: string;
  organisationName: string;
  category: SharingCategoryKey;
  /** Whether this category is shared with this organisation after all (the exception removed). */
  shared: boolean;
  /** When the exception is for a period, that period as read (see `SharingOrganisation.period`). */
  period?: SharingPeriod | undefined;
}

/** What is known of an organisation caring for the resident; any part may be missing. */
export interface SharingDirectoryEntry {
  name?: string | undefined;
  /** What kind of organisation it is, in plain words (`GP practice`). */
  kind?: string | undefined;
  /** Its ODS code (`RZ9`). */
  odsCode?: string | undefined;
}

export interface SharingChoices {
  organisations: SharingOrganisation[];
  categories: SharingCategoryChoice[];
  exceptions: SharingException[];
}

export interface SharingViewModel {
  patientId: string;
  /** The Consent being changed, and its version (`W/"3"`); absent before the first save. */
  consentId?: string | undefined;
  etag?: string | undefined;
  choices: SharingChoices;
}

/** Said on the sharing page: what happens in an emergency. */
export const SHARING_EMERGENCY_NOTE =
  'If you need care urgently and cannot tell staff about yourself, a professional can still look at your record, even at an organisation you have stopped sharing with. They must give a reason, it is checked, and you will see it in the list of who has looked at your record. Information you keep with the service that recorded it stays hidden.';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SHARING_CATEGORY_SYSTEM = 'https://care-record.example/CodeSystem/sharing-category';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

const categoryLabels: Record<SharingCategoryKey, { system: string; code: string; display: string }> = {
  'mental-health': { system: ACT_CODE, code: 'PSY', display: 'psychiatry information sensitivity' },
  'social-care': { system: SHARING_CATEGORY_SYSTEM, code: 'social-care', display: 'social care information' },
  'sexual-health': { system: ACT_CODE, code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
};

const categoryWords: Record<SharingCategoryKey, { label: string; description: string; changeable: boolean }> = {
  'mental-health': {
    label: 'Mental health',
    description:
      'What mental health services record about you, and notes about your mental health made elsewhere. If you stop sharing it, only the service that wrote it down will see it.',
    changeable: true,
  },
  'social-care': {
    label: 'Social care',
    description:
      'What the council’s social care services record, such as your care and support plan. If you stop sharing it, only social care will see it.',
    changeable: true,
  },
  'sexual-health': {
    label: 'Sexual health',
    description: 'Always kept private: only the clinic that wrote it down can see it. You do not need to do anything.',
    changeable: false,
  },
};

const CATEGORY_ORDER: SharingCategoryKey[] = ['mental-health', 'social-care', 'sexual-health'];

/** In plain words: `Mental health`. */
export function sharingCategoryLabel(key: SharingCategoryKey): string {
  return categoryWords[key].label;
}

const organisationIdOf = (reference: string | undefined): string | undefined => /^Organization\/(.+)$/.exec(reference ?? '')?.[1];

function categoryOf(label: { system?: string | undefined; code?: string | undefined }): SharingCategoryKey | undefined {
  return CATEGORY_ORDER.find((key) => categoryLabels[key].system === label.system && categoryLabels[key].code === label.code);
}

type Provision = NonNullable<Consent['provision']>;

/** A deny's period as read (its start and end as written), or undefined when it holds for ever. */
function periodOf(provision: Provision): SharingPeriod | undefined {
  const period = provision.period;
  if (!period?.start && !period?.end) return undefined;
  return { ...(period.start ? { start: period.start } : {}), ...(period.end ? { end: period.end } : {}) };
}

const periodKey = (period: SharingPeriod | undefined): string => (period ? JSON.stringify([period.start ?? '', period.end ?? '']) : '');

/**
 * Notes that `key` is denied for `period`: a deny for ever wins over one for a period (what is kept for ever is kept
 * now); of two for periods, the first read is kept.
 */
function noteDenied<K>(denied: Map<K, SharingPeriod | undefined>, key: K, period: SharingPeriod | undefined): void {
  if (!denied.has(key)) denied.set(key, period);
  else if (period === undefined) denied.set(key, undefined);
}

/** A name worth showing: not blank, and not a placeholder standing in for one. */
const realName = (name: string | undefined): string | undefined => {
  const tidy = name?.trim().replace(/\s+/g, ' ');
  return tidy && tidy !== NOT_KNOWN ? tidy : undefined;
};

/** What to call an organisation with no name: by its ODS code when known, else by the record's reference to it. */
const unnamedOrganisation = (id: string, odsCode: string | undefined): string =>
  odsCode ? `An organisation with code ${odsCode}` : `An organisation whose name is not recorded (reference ${id})`;

/**
 * Makes every label (name and kind, as shown) different from every other: two
 * organisations that would read the same get their ODS code, or else their
 * reference, added. A resident must never face two identical checkboxes.
 */
function distinguish(organisations: SharingOrganisation[]): void {
  const label = (organisation: SharingOrganisation) => `${organisation.name.toLowerCase()}|${organisation.kind?.toLowerCase() ?? ''}`;
  const counts = new Map<string, number>();
  for (const organisation of organisations) counts.set(label(organisation), (counts.get(label(organisation)) ?? 0) + 1);
  for (const organisation of organisations) {
    if ((counts.get(label(organisation)) ?? 0) < 2) continue;
    const byCode = organisation.odsCode && !organisation.name.includes(organisation.odsCode) ? `code ${organisation.odsCode}` : undefined;
    organisation.name = `${organisation.name} (${byCode ?? `reference ${organisation.id}`})`;
  }
}

/**
 * The choices a Consent records, for the organisations caring for the
 * resident (`organisations`: id → name and kind). Organisations the Consent
 * names but the list does not are added, so that no choice is hidden.
 * No Consent means everything is shared.
 */
export function sharingChoicesFrom(
  consent: Consent | undefined,
  organisations: ReadonlyMap<string, SharingDirectoryEntry>,
): SharingChoices {
  const deniedOrganisations = new Map<string, SharingPeriod | undefined>();
  const deniedCategories = new Map<SharingCategoryKey, SharingPeriod | undefined>([['sexual-health', undefined]]);
  const exceptions: SharingException[] = [];
  const names = new Map<string, string>();
  const active = consent?.status === 'active' && consent.provision?.type === 'permit';
  for (const provision of active ? (consent.provision?.provision ?? []) : []) {
    if (provision.type !== 'deny') continue;
    const actorIds = (provision.actor ?? []).map((actor) => organisationIdOf(actor.reference.reference));
    const labelled = (provision.securityLabel ?? []).map(categoryOf);
    // A rule that cannot be read in full is not shown in part (the hub does not apply it either).
    const ids = actorIds.filter((id): id is string => id !== undefined);
    const categories = labelled.filter((category): category is SharingCategoryKey => category !== undefined);
    if (ids.length !== actorIds.length || categories.length !== labelled.length) continue;
    for (const actor of provision.actor ?? []) {
      const id = organisationIdOf(actor.reference.reference);
      const display = realName(actor.reference.display);
      if (id && display) names.set(id, display);
    }
    const period = periodOf(provision);
    if (categories.length === 0) for (const id of ids) noteDenied(deniedOrganisations, id, period);
    else if (ids.length === 0) for (const category of categories) noteDenied(deniedCategories, category, period);
    else
      for (const id of ids)
        for (const category of categories)
          exceptions.push({ organisationId: id, organisationName: '', category, shared: false, ...(period ? { period } : {}) });
  }
  const all = new Map(organisations);
  for (const id of [...deniedOrganisations.keys(), ...exceptions.map((exception) => exception.organisationId)])
    if (!all.has(id)) all.set(id, {});
  const listed: SharingOrganisation[] = [...all].map(([id, entry]) => {
    const odsCode = realName(entry.odsCode);
    const kind = realName(entry.kind);
    return {
      id,
      name: realName(entry.name) ?? names.get(id) ?? unnamedOrganisation(id, odsCode),
      ...(odsCode ? { odsCode } : {}),
      ...(kind ? { kind } : {}),
      shared: !deniedOrganisations.has(id),
      ...(deniedOrganisations.get(id) ? { period: deniedOrganisations.get(id) } : {}),
    };
  });
  distinguish(listed);
  const byId = new Map(listed.map((organisation) => [organisation.id, organisation]));
  for (const exception of exceptions) {
    const organisation = byId.get(exception.organisationId);
    exception.organisationName = organisation ? organisation.name : unnamedOrganisation(exception.organisationId, undefined);
  }
  return {
    // Organisations named only in an exception are listed there, not as a choice of their own (as before).
    organisations: listed
      .filter((organisation) => organisations.has(organisation.id) || deniedOrganisations.has(organisation.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id)),
    categories: CATEGORY_ORDER.map((key) => ({
      key,
      ...categoryWords[key],
      shared: !deniedCategories.has(key),
      ...(deniedCategories.get(key) ? { period: deniedCategories.get(key) } : {}),
    })),
    exceptions,
  };
}

/**
 * The Consent that records these choices for this resident. Pass the Consent
 * being changed to keep its id (for `PUT`); without it the result is new (for
 * `POST`). Sexual health is not written: it is always kept private anyway.
 */
export function sharingConsent(patientId: string, choices: SharingChoices, existing?: Pick<Consent, 'id'>): Consent {
  const actor = (id: string) => ({
    role: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
    reference: { reference: `Organization/${id}` },
  });
  const exceptions: Provision[] = [];
  // One deny for each period (for ever first): a deny for a period is kept as read while what it names stays denied.
  const byPeriod = <T extends { period?: SharingPeriod | undefined }>(items: T[]): [SharingPeriod | undefined, T[]][] => {
    const groups = new Map<string, [SharingPeriod | undefined, T[]]>();
    for (const item of items) {
      const key = periodKey(item.period);
      const group = groups.get(key) ?? [item.period, []];
      group[1].push(item);
      groups.set(key, group);
    }
    return [...groups].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0)).map(([, group]) => group);
  };
  const during = (period: SharingPeriod | undefined) => (period ? { period: { ...period } } : {});
  const excluded = choices.organisations.filter((organisation) => !organisation.shared);
  for (const [period, group] of byPeriod(excluded))
    exceptions.push({ type: 'deny', actor: group.map((organisation) => actor(organisation.id)), ...during(period) });
  const kept = choices.categories.filter((category) => !category.shared && category.changeable);
  for (const [period, group] of byPeriod(kept))
    exceptions.push({ type: 'deny', securityLabel: group.map((category) => ({ ...categoryLabels[category.key] })), ...during(period) });
  for (const exception of choices.exceptions)
    if (!exception.shared)
      exceptions.push({
        type: 'deny',
        actor: [actor(exception.organisationId)],
        securityLabel: [{ ...categoryLabels[exception.category] }],
        ...during(exception.period),
      });
  return {
    resourceType: 'Consent',
    ...(existing?.id ? { id: existing.id } : {}),
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: { reference: `Patient/${patientId}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN', display: 'opt-in' }] },
    provision: {
      type: 'permit',
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }],
      ...(exceptions.length > 0 ? { provision: exceptions } : {}),
    },
  };
}

/**
 * Whether a save failed because the choices changed elsewhere since they were read (reload, then ask again): nothing
 * of it was saved. Not when an earlier attempt's answer was lost (`mayHaveBeenSaved`): that one may stand.
 */
export function isSharingConflict(error: unknown): boolean {
  return error instanceof HubError && (error.status === 412 || error.status === 409) && error.mayHaveBeenSaved !== true;
}

const etagOf = (consent: Consent | undefined) => (consent?.meta?.versionId ? `W/"${consent.meta.versionId}"` : undefined);

/** What is known of each organisation, by id: its name, kind and ODS code, whichever it gives. */
function organisationDirectory(organisations: Iterable<Organization>): Map<string, SharingDirectoryEntry> {
  const directory = new Map<string, SharingDirectoryEntry>();
  for (const organisation of organisations) {
    if (!organisation.id) continue;
    const type = organisation.type?.[0];
    const kind = realName(type?.text) ?? realName(type?.coding?.find((coding) => realName(coding.display))?.display);
    const odsCode = realName(organisation.identifier?.find((identifier) => identifier.system === ODS_SYSTEM)?.value);
    directory.set(organisation.id, {
      ...(realName(organisation.name) ? { name: realName(organisation.name) } : {}),
      ...(kind ? { kind } : {}),
      ...(odsCode ? { odsCode } : {}),
    });
  }
  return directory;
}

/**
 * Reads the resident's sharing choice and the organisations caring for them:
 * those that recorded anything in the record's main parts, their registered
 * practice, the services managing their care, and any the choice names. Two
 * round trips (one batch for the record, one for the organisations).
 */
export async function loadSharing(hub: HubClient, patientId: string, options: { signal?: AbortSignal } = {}): Promise<SharingViewModel> {
  const call = options.signal ? { signal: options.signal } : {};
  const [consents, patient, episodes, encounters, conditions, plans] = await hub.batch(
    [
      batchRead('/Consent', { query: { patient: patientId, status: ['active'], _sort: '-_lastUpdated' } }),
      batchRead('/Patient/{id}', { path: { id: patientId } }),
      batchRead('/EpisodeOfCare', { query: { patient: patientId, _count: 500 } }),
      batchRead('/Encounter', { query: { patient: patientId, _count: 500 } }),
      batchRead('/Condition', { query: { patient: patientId, _count: 500 } }),
      batchRead('/CarePlan', { query: { patient: patientId, _count: 500 } }),
    ],
    call,
  );
  for (const result of [consents, patient]) if (!result.ok) throw result.error;
  const consent = consents.ok
    ? consents.resource.entry
        ?.map((entry) => entry.resource)
        // A permission for a carer to act for the resident is not their sharing choice.
        .find((resource): resource is Consent => resource?.resourceType === 'Consent' && !isProxyConsent(resource))
    : undefined;

  const ids = new Set<string>();
  const odsCodes = new Set<string>();
  const note = (reference: string | undefined) => {
    const id = organisationIdOf(reference);
    if (id) ids.add(id);
  };
  if (patient.ok) for (const practice of patient.resource.generalPractitioner ?? []) note(practice.reference);
  for (const result of [episodes, encounters, conditions, plans]) {
    if (!result.ok) continue;
    for (const entry of result.resource.entry ?? []) {
      const resource = entry.resource as
        { meta?: { source?: string }; managingOrganization?: { reference?: string }; serviceProvider?: { reference?: string } } | undefined;
      const ods = /\/source\/([A-Z0-9]+)$/.exec(resource?.meta?.source ?? '')?.[1];
      if (ods) odsCodes.add(ods);
      note(resource?.managingOrganization?.reference);
      note(resource?.serviceProvider?.reference);
    }
  }
  for (const provision of consent?.provision?.provision ?? []) for (const actor of provision.actor ?? []) note(actor.reference.reference);

  const byOds = [...odsCodes].map((code) => batchRead('/Organization', { query: { identifier: `${ODS_SYSTEM}|${code}` } }));
  const byId = [...ids].map((id) => batchRead('/Organization/{id}', { path: { id } }));
  const found: Organization[] = [];
  if (byOds.length + byId.length > 0) {
    const results = await hub.batch([...byOds, ...byId], call);
    for (const result of results) {
      if (!result.ok) continue;
      const resource = result.resource as Organization | { resourceType: 'Bundle'; entry?: { resource?: unknown }[] };
      if (resource.resourceType === 'Organization') found.push(resource);
      else
        for (const entry of resource.entry ?? [])
          if ((entry.resource as Organization | undefined)?.resourceType === 'Organization') found.push(entry.resource as Organization);
    }
  }
  return {
    patientId,
    consentId: consent?.id,
    etag: etagOf(consent),
    choices: sharingChoicesFrom(consent, organisationDirectory(found)),
  };
}

/** What a set of choices keeps from whom, in a form two sets can be compared by. */
function choicesTerms(choices: SharingChoices): string {
  return JSON.stringify([
    choices.organisations
      .filter((organisation) => !organisation.shared)
      .map((organisation) => `${organisation.id} ${periodKey(organisation.period)}`)
      .sort(),
    choices.categories
      .filter((category) => !category.shared && category.changeable)
      .map((category) => `${category.key} ${periodKey(category.period)}`)
      .sort(),
    choices.exceptions
      .filter((exception) => !exception.shared)
      .map((exception) => `${exception.organisationId} ${exception.category} ${periodKey(exception.period)}`)
      .sort(),
  ]);
}

/** The resident's sharing choice as the server holds it now, or undefined when they have none. */
async function currentSharingChoice(hub: HubClient, patientId: string, call: { signal?: AbortSignal }): Promise<Consent | undefined> {
  const found = await hub.get('/Consent', { query: { patient: patientId, status: ['active'], _sort: '-_lastUpdated' }, ...call });
  return found.entry
    ?.map((entry) => entry.resource)
    .find((resource): resource is Consent => resource?.resourceType === 'Consent' && !isProxyConsent(resource));
}

/** The stored choice as a model, when it records exactly these choices. */
function asSaved(model: SharingViewModel, choices: SharingChoices, stored: Consent | undefined): SharingViewModel | undefined {
  if (!stored?.id) return undefined;
  const directory = new Map(choices.organisations.map((organisation) => [organisation.id, { name: organisation.name }]));
  if (choicesTerms(sharingChoicesFrom(stored, directory)) !== choicesTerms(choices)) return undefined;
  return { patientId: model.patientId, consentId: stored.id, etag: etagOf(stored), choices };
}

/**
 * Saves the choices: the first time with `POST /Consent`, then with
 * `PUT /Consent/{id}` and `If-Match`, so that a change made elsewhere in the
 * meantime is refused (`isSharingConflict`) rather than overwritten. Resolves
 * to the model as saved.
 *
 * Safe to repeat with the same model after an error whose `mayHaveBeenSaved` is true: a first save looks for a
 * choice saved since the model was read before it adds one (a plain FHIR server would keep two); and after a
 * failure that may hide a save (an answer lost, or a repeat refused as a change made elsewhere), the choice is
 * read back: if it already records these choices, the save stands.
 */
export async function saveSharing(
  hub: HubClient,
  model: SharingViewModel,
  choices: SharingChoices,
  options: { signal?: AbortSignal } = {},
): Promise<SharingViewModel> {
  const call = options.signal ? { signal: options.signal } : {};
  const body = sharingConsent(model.patientId, choices, model.consentId ? { id: model.consentId } : undefined);
  if (!model.consentId) {
    const earlier = await currentSharingChoice(hub, model.patientId, call);
    const same = asSaved(model, choices, earlier);
    if (same) return same;
    // Saved elsewhere since this model was read: not overwritten, as the hub refuses a second choice.
    if (earlier)
      throw new HubError({ kind: 'http', status: 409, operation: 'POST /Consent', requestId: 'not-sent', mayHaveBeenSaved: false });
  }
  try {
    if (model.consentId) {
      // A server that keeps no versions gives no ETag: the choice is then replaced as it stands.
      const response = await hub.request('put', '/Consent/{id}', {
        path: { id: model.consentId },
        body,
        headers: model.etag ? { 'if-match': model.etag } : {},
        ...call,
      });
      return { patientId: model.patientId, consentId: response.data.id, etag: response.etag ?? etagOf(response.data), choices };
    }
    const response = await hub.request('post', '/Consent', { body, ...call });
    return { patientId: model.patientId, consentId: response.data.id, etag: response.etag ?? etagOf(response.data), choices };
  } catch (error) {
    if (!(error instanceof HubError) || !(error.mayHaveBeenSaved === true || isSharingConflict(error))) throw error;
    const saved = asSaved(model, choices, await currentSharingChoice(hub, model.patientId, call).catch(() => undefined));
    if (saved) return saved;
    throw error;
  }
}
