/**
 * "People who can act for you": the resident's side of proxy access. Reads
 * the permissions the resident (or their GP practice) has given carers, says
 * in plain words what each lets them do and whether it is in force today,
 * and saves a change or stops one with `If-Match`, so that a change made
 * elsewhere meanwhile is refused rather than overwritten. The hub applies a
 * saved change from the next request.
 */
import { batchRead } from '../client/batch.js';
import type { HubClient } from '../client/hub-client.js';
import { HubError } from '../client/hub-error.js';
import type { Consent, RelatedPerson } from '../fhir.js';
import { formatResidentDate } from '../format/date.js';
import { formatResidentName, selectOfficialName } from '../format/name.js';
import { isPartlyShown, readNotices, type RecordNotices } from '../record/notices.js';
import {
  buildProxyConsent,
  PROXY_ACTIONS,
  PROXY_CONSENT_CATEGORY,
  proxyActionLabel,
  proxyStanding,
  readProxyConsent,
  stopProxyConsent,
  ukToday,
  type ProxyAction,
  type ProxyPermission,
  type ProxyWithheldCategory,
} from './proxy.js';
import { everyPage, isPartialAnswer, resourcesOf } from './every-page.js';
import { tidyTypedText } from './readings.js';
import { relationshipWords } from './relationship.js';
import { doneButUnreadable } from './write-failure.js';

export interface CarerAccess {
  consentId: string;
  /** The version to change (`W/"3"`). */
  etag: string | undefined;
  /** The carer's RelatedPerson; `undefined` when whom it is for is not shown to this app (`personShown`). */
  relatedPersonId: string | undefined;
  /**
   * Whether this app is shown whom the permission is for. `false`: a permission for someone not shown to this app (a
   * contact kept from the resident, or an app that may not read the people on her record). It exists, and may be in
   * force: it is listed, never left out, and can be stopped; what it allows cannot be changed from here.
   */
  personShown: boolean;
  /** Their name as the record gives it; "Not known" when it has none; "Someone not shown here" when not shown. */
  name: string;
  /** How they relate to the resident ("daughter"), when recorded. */
  relationship: string | undefined;
  /** What they may do, every action listed with whether it is allowed. */
  actions: { action: ProxyAction; label: string; allowed: boolean }[];
  /** What is kept from them. */
  withheld: ProxyWithheldCategory[];
  /** "You gave access on 3 March 2024", or "Your GP practice set this up on …". */
  grantedText: string;
  /** Whether they can act for the resident today, and if not why (plain words). */
  inForce: boolean;
  standingText: string;
  /** Stopped by the resident (status inactive): listed, with nothing to change. */
  stopped: boolean;
  /**
   * Invited and not yet accepted: the person has no account on the record yet. The resident can make a new code
   * (`inviteCarerAgain`) or cancel the invitation (`stopCarerAccess`).
   */
  invited: boolean;
  /**
   * The period the permission runs for (`provision.period`) as read, kept when what it allows is changed. Absent when
   * it has none (or for a model made before this was read: such a change keeps no period).
   */
  period?: { start?: string; end?: string } | undefined;
}

export interface CarersViewModel {
  patientId: string;
  carers: CarerAccess[];
  /**
   * What the answer said it left out of her permissions (withheld, a source that did not answer, an error, pages not
   * read): someone may act for her who is not listed, so the screen never says "nobody" (`isPartialAnswer`). Absent
   * when nothing was left out, or for a model not read by `loadCarers`.
   */
  notices?: RecordNotices | undefined;
}

/** Pages of her permissions read at most (2,000 at 100 a page), every status: past that, the list is told as in part. */
const MAX_PERMISSION_PAGES = 20;

/** Kinds of information a resident can keep from a carer, in plain words. */
export const WITHHELD_LABELS: Readonly<Record<ProxyWithheldCategory, string>> = {
  'mental-health': 'Mental health',
  'sexual-health': 'Sexual health',
  'social-care': 'Social care',
};

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

const versionOf = (consent: Consent): string | undefined => (consent.meta?.versionId ? `W/"${consent.meta.versionId}"` : undefined);

/**
 * Someone the resident invited who has not accepted: the hub keeps their permission `proposed` until they do. (A
 * RelatedPerson without an account is not enough to say so: records from elsewhere may not carry accounts at all.)
 */
function invited(status: string): boolean {
  return status === 'proposed';
}

function grantedText(grantedBy: 'resident' | 'practice' | 'other', date: string | undefined): string {
  const when = date ? ` on ${formatResidentDate(date)}` : '';
  if (grantedBy === 'resident') return `You gave access${when}.`;
  if (grantedBy === 'practice') return `Your GP practice set this up${when}.`;
  return `Given by someone other than you or your GP practice${when}.`;
}

/**
 * Reads the resident's carers and their permissions (one batch). A permission
 * the hub could not enforce in full is not listed as if it were: it is shown
 * as not in force. Throws a `HubError` when the hub cannot answer.
 */
export async function loadCarers(
  hub: HubClient,
  patientId: string,
  options: { signal?: AbortSignal; now?: Date; birthDate?: string | undefined } = {},
): Promise<CarersViewModel> {
  const call = options.signal ? { signal: options.signal } : {};
  const permissionQuery = {
    patient: patientId,
    category: [`${PROXY_CONSENT_CATEGORY.system}|${PROXY_CONSENT_CATEGORY.code}`],
    _count: 100,
  };
  const [consents, people, patient] = await hub.batch(
    [
      batchRead('/Consent', { query: permissionQuery }),
      batchRead('/RelatedPerson', { query: { patient: patientId, _count: 500 } }),
      batchRead('/Patient/{id}', { path: { id: patientId } }),
    ],
    call,
  );
  if (!consents.ok) throw consents.error;
  if (!patient.ok) throw patient.error;
  // Every page of her permissions, of every status: an old one still in force may be on any page, and she must be able
  // to stop it. A page that fails fails the load (an error, never "nobody").
  const permissions = await everyPage(hub, '/Consent', permissionQuery, consents.resource, { ...call, maxPages: MAX_PERMISSION_PAGES });
  const read = readNotices(permissions.pages);
  const notices = permissions.truncated ? { ...read, truncated: true } : read;
  // An app that may not read the people on her record (403) still lists every permission: whom each is for is then
  // not shown to it (the hub leaves the actor out), or "Not known" by name. Any other failure is a failure.
  if (!people.ok && people.error.status !== 403) throw people.error;
  const byId = new Map<string, RelatedPerson>();
  if (people.ok)
    for (const entry of people.resource.entry ?? []) {
      const person = entry.resource as RelatedPerson | undefined;
      if (person?.resourceType === 'RelatedPerson' && person.id) byId.set(person.id, person);
    }
  const birthDate = options.birthDate ?? (patient.ok ? patient.resource.birthDate : undefined);
  const today = ukToday(options.now ?? new Date());
  const carers: CarerAccess[] = [];
  for (const consent of resourcesOf<Consent>(permissions.pages, 'Consent')) {
    if (!consent.id || consent.status === 'entered-in-error') continue;
    const shown = readProxyConsent(consent);
    const permission = shown ?? forSomeoneNotShown(consent);
    if (!permission) continue;
    const person = shown ? byId.get(shown.relatedPersonId) : undefined;
    const standing = proxyStanding(permission, birthDate, today);
    carers.push({
      consentId: consent.id,
      etag: versionOf(consent),
      relatedPersonId: shown?.relatedPersonId,
      personShown: shown !== undefined,
      name: shown ? formatResidentName(selectOfficialName(person?.name)) : NOT_SHOWN_NAME,
      relationship: shown ? relationshipWords(person?.relationship) : undefined,
      actions: PROXY_ACTIONS.map((action) => ({ action, label: proxyActionLabel(action), allowed: permission.actions.includes(action) })),
      withheld: permission.withheld,
      grantedText: invited(permission.status)
        ? `You invited them${permission.granted ? ` on ${formatResidentDate(permission.granted)}` : ''}.`
        : grantedText(permission.grantedBy.kind, permission.granted),
      inForce: standing.inForce,
      standingText: standing.inForce
        ? 'Can act for you now.'
        : invited(permission.status)
          ? 'Give them the code you were shown, or make a new one if it was lost or is more than 7 days old.'
          : standingWords(standing, permission),
      stopped: permission.status !== 'active' && permission.status !== 'proposed',
      invited: invited(permission.status),
      period: periodAsRead(consent),
    });
  }
  carers.sort((a, b) => Number(b.inForce) - Number(a.inForce) || a.name.localeCompare(b.name, 'en-GB'));
  return { patientId, carers, ...(isPartialAnswer(notices) ? { notices } : {}) };
}

/**
 * Why a permission is not in force, in the resident's words: one that has ended or not started says when, as the
 * sharing screen says when a choice ended or starts; any other reason in the words the policy gives.
 */
function standingWords(standing: ReturnType<typeof proxyStanding>, permission: ProxyPermission): string {
  if (standing.inForce) return 'Can act for you now.';
  if (standing.reason === 'expired' && permission.end) return `This access ended on ${formatResidentDate(permission.end)}.`;
  if (standing.reason === 'not-started' && permission.start) return `This access starts on ${formatResidentDate(permission.start)}.`;
  return standing.text;
}

/** A permission's `provision.period` as the hub gave it (start and end as written), or undefined when it has none. */
function periodAsRead(consent: Consent): CarerAccess['period'] {
  const period = consent.provision?.period;
  if (!period?.start && !period?.end) return undefined;
  return { ...(period.start ? { start: period.start } : {}), ...(period.end ? { end: period.end } : {}) };
}

/** The name of someone a permission is for whom this app is not shown. */
export const NOT_SHOWN_NAME = 'Someone not shown here';

/**
 * A permission whose actor the hub left out of this app's view (a partial view, tagged `SUBSETTED`: the carer is kept
 * from the resident, or the app may not read the people on her record), read for the rest of what it says. Only such
 * a view, with no actor at all: a permission that names its actor in a way that cannot be read grants nothing.
 */
function forSomeoneNotShown(consent: Consent): ProxyPermission | undefined {
  const provision = consent.provision;
  if (!isPartlyShown(consent) || !provision || (provision.actor ?? []).length > 0) return undefined;
  // Read as if it named a carer, to read the rest by the same strict rules; the name is never used.
  return readProxyConsent({
    ...consent,
    provision: { ...provision, actor: [{ role: {}, reference: { reference: 'RelatedPerson/not-shown' } }] },
  });
}

/** What a proxy permission says, in a form two can be compared by: who, whether stopped or invited, and what. */
function permissionTerms(consent: Consent): string | undefined {
  const permission = readProxyConsent(consent);
  if (!permission) return undefined;
  return JSON.stringify([
    permission.relatedPersonId,
    permission.status,
    [...permission.actions].sort(),
    [...permission.withheld].sort(),
    permission.start ?? null,
    permission.end ?? null,
  ]);
}

/**
 * Saves a permission with `If-Match`. A save whose answer was lost may have been stored: sent again with the
 * version it started from, it is refused as a change made elsewhere (412). Either way the permission is read
 * back, and when it already says what was asked the save stands; only a real difference is reported.
 */
async function put(hub: HubClient, carer: CarerAccess, body: Consent, signal: AbortSignal | undefined): Promise<Consent> {
  const call = signal ? { signal } : {};
  try {
    const response = await hub.request('put', '/Consent/{id}', {
      path: { id: carer.consentId },
      body,
      headers: carer.etag ? { 'if-match': carer.etag } : {},
      ...call,
    });
    return response.data;
  } catch (error) {
    if (!(error instanceof HubError) || !(error.mayHaveBeenSaved === true || error.status === 412 || error.status === 409)) throw error;
    const current = await hub.get('/Consent/{id}', { path: { id: carer.consentId }, ...call }).catch(() => undefined);
    const wanted = permissionTerms(body);
    if (current && wanted !== undefined && permissionTerms(current) === wanted) return current;
    throw error;
  }
}

/** Changes what a carer may do and what is kept from them (at least one action). */
export async function saveCarerAccess(
  hub: HubClient,
  patientId: string,
  carer: CarerAccess,
  change: { actions: readonly ProxyAction[]; withheld: readonly ProxyWithheldCategory[] },
  options: { signal?: AbortSignal } = {},
): Promise<Consent> {
  if (change.actions.length === 0) throw new RangeError('Choose at least one thing they can do, or stop their access');
  // What it allows is saved with whom it is for; a permission for someone not shown here can only be stopped.
  if (carer.relatedPersonId === undefined) throw new RangeError('This permission is for someone not shown here: it can only be stopped');
  const body = buildProxyConsent(
    {
      patientId,
      relatedPersonId: carer.relatedPersonId,
      carerName: carer.name,
      actions: change.actions,
      withheld: change.withheld,
      // The period it runs for is kept as read: a change of what it allows never makes it run for ever.
      period: carer.period,
      // Someone invited stays invited: the hub puts the permission in force when they accept.
      ...(carer.invited ? { status: 'proposed' as const } : {}),
    },
    { resourceType: 'Consent', id: carer.consentId, status: 'active', scope: {}, category: [], patient: {} },
  );
  return put(hub, carer, body, options.signal);
}

/** Stops a carer's access at once: their next request is refused. */
export async function stopCarerAccess(hub: HubClient, carer: CarerAccess, options: { signal?: AbortSignal } = {}): Promise<Consent> {
  const current = await hub.get('/Consent/{id}', { path: { id: carer.consentId }, ...(options.signal ? { signal: options.signal } : {}) });
  return put(hub, { ...carer, etag: carer.etag ?? versionOf(current) }, stopProxyConsent(current), options.signal);
}

/** Someone a resident invites to act for them, and what they may do. */
export interface CarerInvitationRequest {
  /** Their name as the resident knows them. */
  name: string;
  /** How they relate to the resident (a v3-RoleCode code: `DAU`, `SON`, `FRND`…), or undefined. */
  relationship?: CarerRelationship | undefined;
  actions: readonly ProxyAction[];
  withheld: readonly ProxyWithheldCategory[];
}

/** Relationships a resident can choose when inviting someone, with the words shown. */
export const CARER_RELATIONSHIPS = {
  DAU: 'daughter',
  SON: 'son',
  WIFE: 'wife',
  HUSB: 'husband',
  SIGOTHR: 'partner',
  MTH: 'mother',
  FTH: 'father',
  SIS: 'sister',
  BRO: 'brother',
  GRNDCHILD: 'grandchild',
  FRND: 'friend',
  NBOR: 'neighbour',
  CAREGIVER: 'paid carer',
} as const;
export type CarerRelationship = keyof typeof CARER_RELATIONSHIPS;

/** A code to give to the person invited: it works once, until `expires`. */
export interface CarerInvitation {
  code: string;
  /** ISO date-time. */
  expires: string;
  /** "Thursday 10 December 2026": the last day it works, for the screen. */
  expiresText: string;
  relatedPersonId: string;
  name: string;
}

function invitationFrom(
  answer: { data: { parameter?: { name?: string; valueString?: string; valueDateTime?: string }[] }; requestId: string },
  relatedPersonId: string,
  name: string,
): CarerInvitation {
  const value = (wanted: string) => answer.data.parameter?.find((parameter) => parameter.name === wanted);
  const code = value('code')?.valueString;
  const expires = value('expires')?.valueDateTime;
  // A code was made (and any earlier one stopped working), but this answer cannot give it.
  if (!code || !expires) throw doneButUnreadable('POST /RelatedPerson/{id}/$invite', answer.requestId);
  return { code, expires, expiresText: formatResidentDate(expires), relatedPersonId, name };
}

/** The identifier system of what one invitation adds (the person and their permission); its value is the invitation's key. */
export const CARER_INVITATION_SYSTEM = 'https://care-record.example/Id/carer-invitation';

const invitationIdentifier = (key: string) => ({ system: CARER_INVITATION_SYSTEM, value: `urn:uuid:${key}` });
const carries = (resource: { identifier?: { system?: string; value?: string }[] | undefined }, key: string) =>
  (resource.identifier ?? []).some((identifier) => identifier.system === CARER_INVITATION_SYSTEM && identifier.value === `urn:uuid:${key}`);

/**
 * The permission an earlier attempt of the same invitation saved, if any: one carrying its key, or naming the
 * person it added (someone added by this invitation has no other). Found by a search any FHIR server answers,
 * because not every server keeps `If-None-Exist` for a Consent. Every page is read, as `loadCarers` reads them (a
 * server may cap a page below `_count`): one missed on a later page would be saved again, and her "stop" would then
 * end one of two permissions for the same person.
 */
async function earlierPermission(
  hub: HubClient,
  patientId: string,
  relatedPersonId: string,
  key: string,
  call: { signal?: AbortSignal },
): Promise<Consent | undefined> {
  const query = { patient: patientId, category: [`${PROXY_CONSENT_CATEGORY.system}|${PROXY_CONSENT_CATEGORY.code}`], _count: 100 };
  let read = 0;
  for await (const page of hub.pages('/Consent', { query, ...call })) {
    for (const consent of resourcesOf<Consent>([page], 'Consent')) {
      if (consent.status === 'entered-in-error') continue;
      if (carries(consent, key) || readProxyConsent(consent)?.relatedPersonId === relatedPersonId) return consent;
    }
    // Past the bound the conditional create is left to keep it single, as the hub does.
    if (++read >= MAX_PERMISSION_PAGES) break;
  }
  return undefined;
}

/**
 * Invites someone to act for the resident, in three steps the hub checks one
 * by one: adds them to the resident's record (with no account: they link
 * their own by accepting), saves what they may do (a proxy permission,
 * `proposed` until they accept) and asks for a code. Nothing is in force
 * until the person accepts the code, signed in with their own account.
 *
 * Safe to repeat: pass the same `idempotencyKey` (a UUID made once per invitation) when the resident tries the
 * same invitation again, e.g. after an error whose `mayHaveBeenSaved` is true. The person is added with that key
 * as an identifier and a conditional create (`If-None-Exist`), so a repeat finds them rather than adding them
 * twice, on the hub or any FHIR server; their permission carries it too, is looked for before it is saved, and is
 * saved with a conditional create, so that one whose answer was lost is found, not saved twice;
 * the code is made again (an earlier one, never shown, stops working). Without a key, each call is a new
 * invitation.
 */
export async function inviteCarer(
  hub: HubClient,
  patientId: string,
  request: CarerInvitationRequest,
  options: { signal?: AbortSignal; idempotencyKey?: string } = {},
): Promise<CarerInvitation> {
  // Invisible characters (zero-width spaces, direction overrides) would name someone the resident cannot see.
  const name = tidyTypedText(request.name);
  if (name === '') throw new RangeError('Enter the name of the person you want to invite');
  if (name.length > 200) throw new RangeError('Their name must be 200 characters or fewer');
  if (request.actions.length === 0) throw new RangeError('Choose at least one thing they can do');
  const call = options.signal ? { signal: options.signal } : {};
  const key = options.idempotencyKey ?? crypto.randomUUID();
  const identifier = invitationIdentifier(key);
  const condition = `identifier=${identifier.system}|${identifier.value}`;
  const relationship = request.relationship;
  const { data: person, requestId } = await hub.request('post', '/RelatedPerson', {
    body: {
      resourceType: 'RelatedPerson',
      identifier: [identifier],
      patient: { reference: `Patient/${patientId}` },
      ...(relationship
        ? { relationship: [{ coding: [{ system: ROLE_CODE, code: relationship, display: CARER_RELATIONSHIPS[relationship] }] }] }
        : {}),
      name: [{ use: 'usual', text: name }],
    },
    idempotencyKey: key,
    ifNoneExist: condition,
    ...call,
  });
  // Added, but the answer does not say who: trying again with the same key finds them.
  if (!person.id) throw doneButUnreadable('POST /RelatedPerson', requestId);
  // A conditional create naming the invitation's key: after a lost answer the client sends it again by itself, and
  // the hub (or any FHIR server that keeps `If-None-Exist`) answers with the permission already stored. A person found
  // by a repeat of the whole invitation may already have one from a server that does not: it is looked for first.
  const relatedPersonId = person.id;
  if (!(await earlierPermission(hub, patientId, relatedPersonId, key, call)))
    try {
      await hub.request('post', '/Consent', {
        body: {
          ...buildProxyConsent({
            patientId,
            relatedPersonId,
            carerName: name,
            actions: request.actions,
            withheld: request.withheld,
            status: 'proposed',
          }),
          identifier: [identifier],
        },
        ifNoneExist: condition,
        ...call,
      });
    } catch (error) {
      // Every answer lost: when the permission is there after all, the invitation goes on to the code.
      if (!(error instanceof HubError) || error.mayHaveBeenSaved !== true) throw error;
      const saved = await earlierPermission(hub, patientId, relatedPersonId, key, call).catch(() => undefined);
      if (!saved) throw error;
    }
  return inviteCarerAgain(hub, { relatedPersonId, name }, options);
}

/** A new code for someone invited who has not accepted: any earlier code stops working. */
export async function inviteCarerAgain(
  hub: HubClient,
  carer: Pick<CarerAccess, 'relatedPersonId' | 'name'>,
  options: { signal?: AbortSignal } = {},
): Promise<CarerInvitation> {
  const relatedPersonId = carer.relatedPersonId;
  // Someone not shown here was not invited from here: there is nobody to send a code for.
  if (relatedPersonId === undefined) throw new RangeError('This permission is for someone not shown here: no code can be made for it');
  const answer = await hub.request('post', '/RelatedPerson/{id}/$invite', {
    path: { id: relatedPersonId },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return invitationFrom(answer, relatedPersonId, carer.name);
}
