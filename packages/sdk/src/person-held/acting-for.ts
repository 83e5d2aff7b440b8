/**
 * The people a signed-in carer acts for: the residents on whose records their
 * account has a RelatedPerson and a proxy permission in force today (the hub
 * lists only those). Each is named from their own record, so the picker and
 * the record can never disagree about who someone is.
 */
import type { HubClient } from '../client/hub-client.js';
import type { CallOptions } from '../client/types.js';
import { formatResidentName, selectOfficialName } from '../format/name.js';
import type { RelatedPerson } from '../fhir.js';
import { CARER_ACCOUNT_SYSTEM } from './proxy.js';

export interface PersonActedFor {
  patientId: string;
  /** Their name as their record gives it. */
  name: string;
  /** How the carer relates to them, in words ("daughter", "mother"); "carer" when not recorded. */
  relationship: string;
  /** The carer's RelatedPerson on their record. */
  relatedPersonId: string;
}

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';

/**
 * Reads who a carer (signed in as `fhirUser` `RelatedPerson/…`) acts for, in
 * name order. Throws a `HubError` when the hub cannot be read; an empty list
 * means the carer acts for nobody today (never "could not be read").
 */
export async function loadPeopleActedFor(hub: HubClient, fhirUser: string, options: CallOptions = {}): Promise<PersonActedFor[]> {
  const id = /^RelatedPerson\/([A-Za-z0-9\-.]{1,64})$/.exec(fhirUser)?.[1];
  if (!id) throw new TypeError('A carer signs in as a RelatedPerson (fhirUser RelatedPerson/<id>)');
  const own = await hub.get('/RelatedPerson/{id}', { path: { id }, ...options });
  const account = own.identifier?.find((identifier) => identifier.system === CARER_ACCOUNT_SYSTEM)?.value;
  if (!account) return [];
  const found: RelatedPerson[] = [];
  for await (const match of hub.matches('/RelatedPerson', {
    query: { identifier: `${CARER_ACCOUNT_SYSTEM}|${account}`, _count: 50 },
    ...options,
  }))
    if (match.resourceType === 'RelatedPerson') found.push(match as RelatedPerson);
  const people = await Promise.all(
    found.map(async (person): Promise<PersonActedFor | undefined> => {
      const patientId = /^Patient\/(.+)$/.exec(person.patient.reference ?? '')?.[1];
      if (!patientId || !person.id) return undefined;
      const patient = await hub.get('/Patient/{id}', { path: { id: patientId }, ...options });
      const kin = (person.relationship ?? []).flatMap((concept) => concept.coding ?? []).find((coding) => coding.system === ROLE_CODE);
      return {
        patientId,
        name: formatResidentName(selectOfficialName(patient.name)),
        relationship: kin?.display?.trim() || 'carer',
        relatedPersonId: person.id,
      };
    }),
  );
  return people.filter((person): person is PersonActedFor => person !== undefined).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
