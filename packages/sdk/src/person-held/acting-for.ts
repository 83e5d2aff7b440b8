/**
 * The people a signed-in carer acts for: the residents for whom a proxy
 * permission of theirs is in force today, as the hub lists them (a carer's
 * `Patient` search) — not found through the carer's own entries, one of which
 * may be kept from them (a category their permission keeps, R17) while their
 * access works. Each is named from their own record, so the picker and the
 * record can never disagree about who someone is.
 */
import type { HubClient } from '../client/hub-client.js';
import { HubError } from '../client/hub-error.js';
import type { CallOptions } from '../client/types.js';
import { formatResidentName, selectOfficialName } from '../format/name.js';
import type { Patient, RelatedPerson } from '../fhir.js';
import { CARER_ACCOUNT_SYSTEM } from './proxy.js';
import { readNotices, type NoticeBundle } from '../record/notices.js';
import { relationshipWords } from './relationship.js';
import { doneButUnreadable } from './write-failure.js';

export interface PersonActedFor {
  patientId: string;
  /** Their name as their record gives it; "Not known" when it gives none. */
  name: string;
  /** How the carer relates to them, in words ("daughter", "mother"); "carer" when not recorded or kept from them. */
  relationship: string;
  /** The carer's RelatedPerson on their record; absent when that entry is kept from the carer. */
  relatedPersonId?: string | undefined;
}

const NOT_ALL_SHOWN = 'Some of the people you act for cannot be shown here.';

/**
 * Reads who a carer (signed in as `fhirUser` `RelatedPerson/…`) acts for, in
 * name order. Throws a `HubError` when the hub cannot be read, and an `Error`
 * when the hub says someone was left out (their own entry kept from the
 * carer) and none of the carer's entries says who; an empty list means the
 * carer acts for nobody today (never "could not be read").
 */
export async function loadPeopleActedFor(hub: HubClient, fhirUser: string, options: CallOptions = {}): Promise<PersonActedFor[]> {
  const id = /^RelatedPerson\/([A-Za-z0-9\-.]{1,64})$/.exec(fhirUser)?.[1];
  if (!id) throw new TypeError('A carer signs in as a RelatedPerson (fhirUser RelatedPerson/<id>)');
  // Whom the hub lets them act for today (their permissions in force), whatever they may read of their own entries.
  const residents: (Patient & { id: string })[] = [];
  const pages: NoticeBundle[] = [];
  for await (const page of hub.pages('/Patient', { query: { _count: 50 }, ...options })) {
    pages.push(page);
    for (const { resource, search } of page.entry ?? [])
      if (resource?.resourceType === 'Patient' && resource.id && search?.mode !== 'outcome')
        residents.push({ ...resource, id: resource.id });
  }
  // The hub left out someone he may find whose own entry is kept from him (R13): never "nobody", and never unnamed
  // unless one of his entries says who (below).
  const someoneWithheld = readNotices(pages).withheld;
  if (residents.length === 0 && !someoneWithheld) return [];
  // How they relate to each, from their entries they may read: one kept from them (404) gives nothing, never an error.
  let own: RelatedPerson | undefined;
  try {
    own = await hub.get('/RelatedPerson/{id}', { path: { id }, ...options });
  } catch (error) {
    if (!(error instanceof HubError && error.status === 404)) throw error;
  }
  const account = own?.identifier?.find((identifier) => identifier.system === CARER_ACCOUNT_SYSTEM)?.value;
  const entries = new Map<string, RelatedPerson>();
  if (account)
    for await (const match of hub.matches('/RelatedPerson', {
      query: { identifier: `${CARER_ACCOUNT_SYSTEM}|${account}`, _count: 50 },
      ...options,
    })) {
      const patientId = match.resourceType === 'RelatedPerson' ? /^Patient\/(.+)$/.exec(match.patient.reference ?? '')?.[1] : undefined;
      if (patientId && match.id && !entries.has(patientId)) entries.set(patientId, match as RelatedPerson);
    }
  const shown = new Set(residents.map((patient) => patient.id));
  // His entry on her record is listed only while a permission of his is in force: he acts for her, her name kept.
  const unnamed = someoneWithheld ? [...entries.keys()].filter((patientId) => !shown.has(patientId)) : [];
  if (someoneWithheld && unnamed.length === 0) throw new Error(NOT_ALL_SHOWN);
  return [...residents, ...unnamed.map((patientId): Patient & { id: string } => ({ resourceType: 'Patient', id: patientId }))]
    .map((patient): PersonActedFor => {
      const entry = entries.get(patient.id);
      return {
        patientId: patient.id,
        name: formatResidentName(selectOfficialName(patient.name)),
        relationship: relationshipWords(entry?.relationship) ?? 'carer',
        ...(entry ? { relatedPersonId: entry.id } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Whom a carer can act for after accepting an invitation. */
export interface AcceptedInvitation {
  patientId: string;
  /** Their name as the hub gives it, when it does. */
  name: string | undefined;
  /** The carer's own entry on their record. */
  relatedPersonId: string;
}

/**
 * Accepts the code someone gave a signed-in carer: from the next request the
 * carer can act for them as they chose. Spaces, hyphens and letter case in
 * the code do not matter. A code that does not work is a `HubError` whose
 * `issueCodes` hold `business-rule/INVITATION_NOT_VALID` (after five within
 * an hour, status 429 `TOO_MANY_REQUESTS`); one for a person the carer is
 * already on the record of is `conflict/ALREADY_ACTING_FOR`.
 */
export async function acceptInvitation(hub: HubClient, code: string, options: CallOptions = {}): Promise<AcceptedInvitation> {
  const typed = code.trim();
  if (typed === '') throw new RangeError('Enter the invitation code you were given');
  const answer = await hub.request('post', '/$accept-invitation', {
    body: { resourceType: 'Parameters', parameter: [{ name: 'code', valueString: typed }] },
    ...options,
  });
  const reference = (wanted: string) => answer.data.parameter.find((parameter) => parameter.name === wanted)?.valueReference;
  const patient = reference('patient');
  const patientId = /^Patient\/(.+)$/.exec(patient?.reference ?? '')?.[1];
  const relatedPersonId = /^RelatedPerson\/(.+)$/.exec(reference('relatedPerson')?.reference ?? '')?.[1];
  // Accepted, but the answer does not say for whom: the carer's list of people they act for will.
  if (!patientId || !relatedPersonId) throw doneButUnreadable('POST /$accept-invitation', answer.requestId);
  return { patientId, name: patient?.display, relatedPersonId };
}
