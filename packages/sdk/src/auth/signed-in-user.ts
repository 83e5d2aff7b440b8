/**
 * Who is signed in, for a host's header: the person the token's `fhirUser`
 * names, with their role and organisation when they are a professional —
 * "Dr Amara Okafor · GP · Tufnell Green Surgery", never a resource id.
 */
import type { HubClient } from '../client/hub-client.js';
import { formatResidentName, selectOfficialName } from '../format/name.js';
import { tidyText } from '../record/concept-text.js';

export interface SignedInUser {
  /** The person's name as they would write it ("Dr Amara Okafor"); "Not known" when the record has none. */
  name: string;
  /** A professional's role ("GP", "Receptionist"), or "Carer" for someone acting for a resident; absent for a resident. */
  role?: string;
  /** A professional's organisation; absent for a resident. */
  organisation?: string;
  /** The `fhirUser` the description was read from. */
  fhirUser: string;
}

type Concept = { text?: string | undefined; coding?: readonly { display?: string | undefined }[] | undefined };

/** Text fit for a header, or undefined: what a server sent may be blank, or not text at all. */
const shown = (value: unknown): string | undefined => (typeof value === 'string' ? tidyText(value) || undefined : undefined);

const conceptName = (concept: Concept | undefined): string | undefined =>
  shown(concept?.text) ?? concept?.coding?.map((coding) => shown(coding.display)).find((display) => display !== undefined);

const idOf = (reference: string | undefined, type: string): string | undefined =>
  reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : undefined;

/**
 * Reads the person behind a token's `fhirUser` (`Patient/…`, `Practitioner/…`,
 * `PractitionerRole/…` or a carer's `RelatedPerson/…`): their name, and for a
 * practitioner role the role and organisation. Throws a `HubError` when the person cannot be read.
 */
export async function readSignedInUser(hub: HubClient, fhirUser: string): Promise<SignedInUser> {
  const [type = '', id = ''] = fhirUser.split('/');
  if (type === 'Patient') {
    const patient = await hub.get('/Patient/{id}', { path: { id } });
    return { name: formatResidentName(selectOfficialName(patient.name)), fhirUser };
  }
  if (type === 'Practitioner') {
    const practitioner = await hub.get('/Practitioner/{id}', { path: { id } });
    return { name: personName(practitioner.name), fhirUser };
  }
  if (type === 'RelatedPerson') {
    // A carer: their own entry on the record of someone they act for.
    const person = await hub.get('/RelatedPerson/{id}', { path: { id } });
    return { name: formatResidentName(selectOfficialName(person.name)), role: 'Carer', fhirUser };
  }
  if (type !== 'PractitionerRole') throw new TypeError(`fhirUser must name a Patient, Practitioner, PractitionerRole or RelatedPerson`);
  const role = await hub.get('/PractitionerRole/{id}', { path: { id } });
  const practitionerId = idOf(role.practitioner?.reference, 'Practitioner');
  const organizationId = idOf(role.organization?.reference, 'Organization');
  const [practitioner, organization] = await Promise.all([
    practitionerId ? hub.get('/Practitioner/{id}', { path: { id: practitionerId } }) : undefined,
    organizationId ? hub.get('/Organization/{id}', { path: { id: organizationId } }) : undefined,
  ]);
  const roleName = (role.code ?? []).map((code) => conceptName(code)).find((name) => name !== undefined);
  const organisation = shown(organization?.name) ?? shown(role.organization?.display);
  return {
    name: practitioner ? personName(practitioner.name) : (shown(role.practitioner?.display) ?? formatResidentName(undefined)),
    ...(roleName ? { role: roleName } : {}),
    ...(organisation ? { organisation } : {}),
    fhirUser,
  };
}

/** "Dr Amara Okafor": a professional's name with their title, as they sign it. */
function personName(names: Parameters<typeof selectOfficialName>[0]): string {
  const name = selectOfficialName(names);
  const title = shown(name?.prefix?.[0]);
  const plain = formatResidentName(name);
  return title ? `${title} ${plain}` : plain;
}
