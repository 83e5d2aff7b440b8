/**
 * The synthetic borough: its directory of organisations and professionals,
 * the sign-in personas, and its residents, each generated on demand.
 */
import type { Organization, Practitioner, PractitionerRole, RelatedPerson } from '@care-record/sdk';
import { CARER_ACCOUNT_SYSTEM } from '@care-record/sdk/proxy';
import { formatResidentName, selectOfficialName } from '@care-record/sdk/format';
import { buildOrganizations } from './directory/organizations.js';
import { buildStaff, isClinicalRole, roleDisplay, type StaffDirectory, type StaffEntry } from './directory/staff.js';
import { NHS_NUMBER_CAPACITY } from './nhs-number.js';
import type { Directory, GeneratorSettings } from './resident/context.js';
import { buildResident, type ResidentRecord } from './resident/resident.js';
import { CARER_ACCOUNTS } from './resident/proxies.js';
import { ROLE_CODE } from './fhir.js';
import { parseInstant } from './time.js';

export interface BoroughOptions {
  /** Same seed, same borough. Default `care-record`. */
  seed?: string | number;
  /** How many residents (1 to 900,000). */
  residents: number;
  /** "Now" for the borough, an ISO 8601 date-time. Default `2026-11-28T09:00:00Z`. */
  now?: string;
  /** Where documents are fetched from: `<documentBaseUrl><DocumentReference id>`. Default `http://127.0.0.1:8080/fhir/Binary/`. */
  documentBaseUrl?: string;
}

/** A professional to sign in as on a development sign-in page. */
export interface ProfessionalPersona {
  readonly practitionerId: string;
  readonly practitionerRoleId: string;
  readonly organizationId: string;
  readonly odsCode: string;
  /** Code in `https://care-record.example/CodeSystem/staff-role`, e.g. `gp`, `receptionist`. */
  readonly roleCode: string;
  readonly roleDisplay: string;
  readonly clinical: boolean;
  readonly name: string;
  /** What a sign-in page shows, e.g. `Dr Priya Raman — GP, Tufnell Green Surgery`. */
  readonly display: string;
}

/** The resident signing in to their own record. */
export interface ResidentPersona {
  readonly patientId: string;
  readonly nhsNumber: string;
  /** The registered practice. */
  readonly organizationId: string;
  readonly odsCode: string;
  readonly roleCode: 'resident';
  readonly roleDisplay: 'Resident';
  readonly clinical: false;
  readonly name: string;
  readonly display: string;
}

/** Someone who cares for residents and signs in to act for them (proxy access). */
export interface CarerPersona {
  /** Their account: the `https://care-record.example/Id/carer-account` identifier on each of their RelatedPersons. */
  readonly account: string;
  /** Their RelatedPerson on the first record they act for: the token's `fhirUser`. */
  readonly relatedPersonId: string;
  readonly name: string;
  /** What the sign-in page shows, e.g. `Siobhan O'Connor — daughter and carer of Bridget O'Connor`. */
  readonly display: string;
  /** The residents whose records carry their RelatedPerson (whether or not access is in force today). */
  readonly residents: readonly {
    readonly patientId: string;
    readonly relatedPersonId: string;
    readonly name: string;
    readonly relationship: string;
  }[];
}

export interface Personas {
  readonly gp: ProfessionalPersona;
  readonly hospitalNurse: ProfessionalPersona;
  readonly socialWorker: ProfessionalPersona;
  readonly receptionist: ProfessionalPersona;
  readonly resident: ResidentPersona;
  /**
   * A second resident with very little in their record (an adult new to the
   * borough), so the person-held record can be seen nearly empty. Undefined
   * in a borough too small to have one.
   */
  readonly newResident: ResidentPersona | undefined;
  /** Resident 2, frail and cared for by her family carer; undefined in a borough too small to have her. */
  readonly caredForResident: ResidentPersona | undefined;
  /** The family carer of resident 2, and the mother of residents 10 and 11 (undefined in a smaller borough). */
  readonly familyCarer: CarerPersona | undefined;
  readonly parent: CarerPersona | undefined;
}

export interface Borough {
  readonly organizations: Organization[];
  readonly practitioners: Practitioner[];
  readonly practitionerRoles: PractitionerRole[];
  readonly personas: Personas;
  /** Resident `index` (0-based), generated on demand; the same whatever the borough's size. */
  resident(index: number): ResidentRecord;
  /** Residents 0 to `residents - 1`, one at a time, without holding them all. */
  residents(): Iterable<ResidentRecord>;
}

export const DEFAULT_NOW = '2026-11-28T09:00:00Z';
export const DEFAULT_SEED = 'care-record';
export const DEFAULT_DOCUMENT_BASE_URL = 'http://127.0.0.1:8080/fhir/Binary/';

let sharedDirectory: Directory | undefined;

/** The directory is the same for every seed, so it is built once. */
function directory(): Directory {
  if (!sharedDirectory) {
    const organizations = buildOrganizations();
    sharedDirectory = { organizations, staff: buildStaff(organizations) };
  }
  return sharedDirectory;
}

function professional(staff: StaffDirectory, id: string): ProfessionalPersona {
  const member: StaffEntry | undefined = staff.byId.get(id);
  if (!member) throw new Error(`Persona ${id} is missing from the directory`);
  const roleText = member.practitionerRole.code?.[0]?.text ?? roleDisplay(member.role);
  return {
    practitionerId: member.id,
    practitionerRoleId: member.roleId,
    organizationId: member.organization.id,
    odsCode: member.organization.odsCode,
    roleCode: member.role,
    roleDisplay: roleDisplay(member.role),
    clinical: isClinicalRole(member.role),
    name: member.display,
    display: `${member.display} — ${roleText}, ${member.organization.name}`,
  };
}

/** Raised whenever the same seed gives a different borough (a store seeded with an older one is not reused). */
export const BOROUGH_VERSION = 4;

export function createBorough(options: BoroughOptions): Borough {
  const count = options.residents;
  if (!Number.isInteger(count) || count < 1 || count > NHS_NUMBER_CAPACITY) {
    throw new RangeError(`residents must be a whole number from 1 to ${NHS_NUMBER_CAPACITY}`);
  }
  const { organizations, staff } = directory();
  const settings: GeneratorSettings = {
    seed: String(options.seed ?? DEFAULT_SEED),
    now: parseInstant(options.now ?? DEFAULT_NOW),
    documentBaseUrl: options.documentBaseUrl ?? DEFAULT_DOCUMENT_BASE_URL,
    directory: { organizations, staff },
  };
  const resident = (index: number): ResidentRecord => {
    if (!Number.isInteger(index) || index < 0 || index >= count)
      throw new RangeError(`No resident ${index}: the borough has residents 0–${count - 1}`);
    return buildResident(index, settings);
  };

  let personas: Personas | undefined;
  const borough: Borough = {
    organizations: organizations.all.map((organization) => organization.resource),
    practitioners: staff.all.map((member) => member.practitioner),
    practitionerRoles: staff.all.map((member) => member.practitionerRole),
    get personas(): Personas {
      if (!personas) {
        const residentPersona = (record: ResidentRecord, note: string): ResidentPersona | undefined => {
          const patient = record.patient;
          const practiceId = patient.generalPractitioner?.[0]?.reference?.replace(/^Organization\//, '');
          const practice = organizations.practices.find((candidate) => candidate.id === practiceId) ?? organizations.practices[0];
          if (!practice) throw new Error('The directory has no practices');
          const name = selectOfficialName(patient.name, new Date(settings.now));
          const nhsNumber =
            patient.identifier?.find((identifier) => identifier.system === 'https://fhir.nhs.uk/Id/nhs-number')?.value ?? '';
          return {
            patientId: patient.id ?? '',
            nhsNumber,
            organizationId: practice.id,
            odsCode: practice.odsCode,
            roleCode: 'resident',
            roleDisplay: 'Resident',
            clinical: false,
            name: formatResidentName(name),
            display: `${formatResidentName(name)} — resident, ${note} ${practice.name}`,
          };
        };
        const first = residentPersona(resident(0), 'registered at');
        if (!first) throw new Error('The borough has no residents');
        // The adult (18 to 60, alive, registered with a practice) with the fewest entries among the first few hundred residents after the cast.
        let fewest: ResidentRecord | undefined;
        const nowYear = new Date(settings.now).getUTCFullYear();
        for (let index = 10; index < Math.min(count, 300); index++) {
          const candidate = resident(index);
          const age = nowYear - Number(candidate.patient.birthDate?.slice(0, 4));
          if (age < 18 || age > 60 || candidate.patient.deceasedDateTime || !candidate.patient.generalPractitioner?.length) continue;
          if (!fewest || candidate.resources.length < fewest.resources.length) fewest = candidate;
        }
        personas = {
          gp: professional(staff, 'prac-0001'),
          hospitalNurse: professional(staff, 'prac-0003'),
          socialWorker: professional(staff, 'prac-0004'),
          receptionist: professional(staff, 'prac-0007'),
          resident: first,
          newResident: fewest ? residentPersona(fewest, 'recently registered at') : undefined,
          caredForResident: count > 2 ? residentPersona(resident(2), 'registered at') : undefined,
          familyCarer: carerPersona(CARER_ACCOUNTS.familyCarer, count, resident, new Date(settings.now)),
          parent: carerPersona(CARER_ACCOUNTS.parent, count, resident, new Date(settings.now)),
        };
      }
      return personas;
    },
    resident,
    *residents() {
      for (let index = 0; index < count; index++) yield resident(index);
    },
  };
  return borough;
}

const relationshipWords: Record<string, string> = { DAU: 'daughter', SON: 'son', MTH: 'mother', FTH: 'father' };

/** A carer as the sign-in page offers them, from the records that carry their account. */
function carerPersona(
  carer: { readonly account: string; readonly residents: readonly number[] },
  count: number,
  resident: (index: number) => ResidentRecord,
  now: Date,
): CarerPersona | undefined {
  if (carer.residents.some((index) => index >= count)) return undefined;
  const residents = carer.residents.map((index) => {
    const record = resident(index);
    const person = record.resources.find(
      (candidate): candidate is RelatedPerson =>
        candidate.resourceType === 'RelatedPerson' &&
        (candidate as RelatedPerson).identifier?.some(
          (identifier) => identifier.system === CARER_ACCOUNT_SYSTEM && identifier.value === carer.account,
        ) === true,
    );
    if (!person?.id) throw new Error(`Resident ${index} has no RelatedPerson for carer account ${carer.account}`);
    const kin = person.relationship?.flatMap((concept) => concept.coding ?? []).find((code) => code.system === ROLE_CODE)?.code ?? '';
    return {
      patientId: record.patient.id ?? '',
      relatedPersonId: person.id,
      name: formatResidentName(selectOfficialName(record.patient.name, now)),
      relationship: relationshipWords[kin] ?? 'carer',
      person,
    };
  });
  const first = residents[0];
  if (!first) return undefined;
  const name = [first.person.name?.[0]?.given?.[0], first.person.name?.[0]?.family].filter(Boolean).join(' ');
  const whom = residents.map((entry) => entry.name).join(' and ');
  return {
    account: carer.account,
    relatedPersonId: first.relatedPersonId,
    name,
    display: `${name} — ${first.relationship} and carer of ${whom}`,
    residents: residents.map(({ patientId, relatedPersonId, name: residentName, relationship }) => ({
      patientId,
      relatedPersonId,
      name: residentName,
      relationship,
    })),
  };
}
