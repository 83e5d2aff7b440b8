/**
 * The borough's professionals: a Practitioner and one PractitionerRole each,
 * at one organisation. Every role carries the role-access-category extension
 * (`clinical` or `non-clinical`) the hub's role-aware views read. The
 * directory is the same for every seed, so persona ids never move; the first
 * seven professionals are the people of the contract's examples.
 */
import type { Practitioner, PractitionerRole } from '@care-record/sdk';
import {
  coding,
  concept,
  ROLE_ACCESS_CATEGORY,
  ROLE_ACCESS_CATEGORY_EXTENSION,
  SNOMED,
  STAFF_ROLE,
  ukCoreProfile,
  type CodeableConcept,
  type HumanName,
  type Identifier,
  type Reference,
} from '../fhir.js';
import { communities, familyNameFor } from '../people/communities.js';
import { Random } from '../random.js';
import type { OrganizationDirectory, OrganizationEntry } from './organizations.js';

export type StaffRole =
  | 'gp'
  | 'practice-nurse'
  | 'receptionist'
  | 'consultant'
  | 'ed-doctor'
  | 'hospital-nurse'
  | 'renal-nurse'
  | 'midwife'
  | 'medical-secretary'
  | 'district-nurse'
  | 'health-visitor'
  | 'physiotherapist'
  | 'sexual-health-nurse'
  | 'psychiatrist'
  | 'care-coordinator'
  | 'social-worker'
  | 'occupational-therapist';

export type Specialty =
  | 'diabetes'
  | 'cardiology'
  | 'respiratory'
  | 'renal'
  | 'older-people'
  | 'orthopaedics'
  | 'paediatrics'
  | 'emergency'
  | 'obstetrics'
  | 'dermatology'
  | 'neurology'
  | 'gastroenterology'
  | 'general-medicine';

export const specialtyText: Record<Specialty, string> = {
  diabetes: 'Diabetes and endocrinology',
  cardiology: 'Cardiology',
  respiratory: 'Respiratory medicine',
  renal: 'Renal medicine',
  'older-people': 'Care of older people',
  orthopaedics: 'Trauma and orthopaedics',
  paediatrics: 'Paediatrics',
  emergency: 'Emergency medicine',
  obstetrics: 'Obstetrics',
  dermatology: 'Dermatology',
  neurology: 'Neurology',
  gastroenterology: 'Gastroenterology',
  'general-medicine': 'General medicine',
};

interface RoleDefinition {
  readonly display: string;
  readonly snomed?: readonly [code: string, display: string];
  readonly clinical: boolean;
  readonly doctor: boolean;
  readonly registration?: 'gmc' | 'nmc' | 'hcpc' | 'swe';
}

const roleDefinitions: Record<StaffRole, RoleDefinition> = {
  gp: { display: 'GP', snomed: ['62247001', 'General practitioner'], clinical: true, doctor: true, registration: 'gmc' },
  'practice-nurse': {
    display: 'Practice nurse',
    snomed: ['159002008', 'Practice nurse'],
    clinical: true,
    doctor: false,
    registration: 'nmc',
  },
  receptionist: { display: 'Receptionist', snomed: ['159561009', 'Receptionist'], clinical: false, doctor: false },
  consultant: { display: 'Consultant', snomed: ['309390008', 'Hospital consultant'], clinical: true, doctor: true, registration: 'gmc' },
  'ed-doctor': {
    display: 'Emergency department doctor',
    snomed: ['309294001', 'Accident and Emergency doctor'],
    clinical: true,
    doctor: true,
    registration: 'gmc',
  },
  'hospital-nurse': { display: 'Staff nurse', snomed: ['158994007', 'Staff nurse'], clinical: true, doctor: false, registration: 'nmc' },
  'renal-nurse': {
    display: 'Dialysis nurse',
    snomed: ['224566003', 'Hemodialysis nurse'],
    clinical: true,
    doctor: false,
    registration: 'nmc',
  },
  midwife: { display: 'Midwife', snomed: ['309453006', 'Midwife'], clinical: true, doctor: false, registration: 'nmc' },
  'medical-secretary': { display: 'Medical secretary', snomed: ['394572006', 'Medical secretary'], clinical: false, doctor: false },
  'district-nurse': {
    display: 'District nurse',
    snomed: ['158997000', 'District nurse'],
    clinical: true,
    doctor: false,
    registration: 'nmc',
  },
  'health-visitor': {
    display: 'Health visitor',
    snomed: ['224534008', 'Health visitor, nurse/midwife'],
    clinical: true,
    doctor: false,
    registration: 'nmc',
  },
  physiotherapist: {
    display: 'Physiotherapist',
    snomed: ['224589006', 'Community-based physiotherapist'],
    clinical: true,
    doctor: false,
    registration: 'hcpc',
  },
  'sexual-health-nurse': {
    display: 'Sexual health nurse',
    snomed: ['310178002', 'Genitourinary nurse'],
    clinical: true,
    doctor: false,
    registration: 'nmc',
  },
  psychiatrist: {
    display: 'Consultant psychiatrist',
    snomed: ['80584001', 'Psychiatrist'],
    clinical: true,
    doctor: true,
    registration: 'gmc',
  },
  'care-coordinator': {
    display: 'Care coordinator',
    snomed: ['224564000', 'Community mental health nurse'],
    clinical: true,
    doctor: false,
    registration: 'nmc',
  },
  'social-worker': { display: 'Social worker', snomed: ['106328005', 'Social worker'], clinical: true, doctor: false, registration: 'swe' },
  'occupational-therapist': {
    display: 'Occupational therapist',
    snomed: ['309427003', 'Social services occupational therapist'],
    clinical: true,
    doctor: false,
    registration: 'hcpc',
  },
};

export const isClinicalRole = (role: StaffRole): boolean => roleDefinitions[role].clinical;
export const roleDisplay = (role: StaffRole): string => roleDefinitions[role].display;

export interface StaffEntry {
  readonly id: string;
  readonly roleId: string;
  readonly role: StaffRole;
  readonly organization: OrganizationEntry;
  readonly specialty?: Specialty;
  /** How people see the name: `Dr Priya Raman`. */
  readonly display: string;
  readonly practitioner: Practitioner;
  readonly practitionerRole: PractitionerRole;
  /** `Practitioner/<id>` with the display name: how records name who did what. */
  reference(): Reference;
}

interface StaffSeed {
  readonly role: StaffRole;
  readonly organization: OrganizationEntry;
  readonly specialty?: Specialty;
  readonly name?: { readonly given: string; readonly family: string; readonly sex: 'male' | 'female' };
  readonly since?: string;
  readonly roleText?: string;
}

const registrationSystems = {
  gmc: 'https://fhir.hl7.org.uk/Id/gmc-number',
  nmc: 'https://fhir.hl7.org.uk/Id/nmc-number',
  hcpc: 'https://fhir.hl7.org.uk/Id/hcpc-number',
  swe: 'https://fhir.hl7.org.uk/Id/social-work-england-number',
} as const;

function registrationValue(kind: keyof typeof registrationSystems, serial: number, role: StaffRole): string {
  const digits = String(serial).padStart(4, '0');
  switch (kind) {
    case 'gmc':
      return `799${digits}`;
    case 'nmc':
      return `99A${digits}E`;
    case 'hcpc':
      return `${role === 'physiotherapist' ? 'PH' : 'OT'}99${digits}`;
    case 'swe':
      return `SW99${digits}`;
  }
}

function roleCode(seed: StaffSeed): CodeableConcept {
  const definition = roleDefinitions[seed.role];
  const text =
    seed.roleText ?? (seed.specialty && seed.role === 'consultant' ? `Consultant, ${specialtyText[seed.specialty]}` : definition.display);
  const codings = [coding(STAFF_ROLE, seed.role, definition.display)];
  if (definition.snomed) codings.unshift(coding(SNOMED, definition.snomed[0], definition.snomed[1]));
  return concept(text, ...codings);
}

function buildEntry(seed: StaffSeed, serial: number, rng: Random): StaffEntry {
  const definition = roleDefinitions[seed.role];
  const id = `prac-${String(serial).padStart(4, '0')}`;
  const roleId = `prr-${String(serial).padStart(4, '0')}`;
  let name = seed.name;
  if (!name) {
    const community = rng.weighted(communities);
    const sex = rng.chance(0.6) ? 'female' : 'male';
    name = { given: rng.pick(community[sex]), family: familyNameFor(rng.pick(community.family), sex), sex };
  }
  const title = definition.doctor ? 'Dr' : name.sex === 'male' ? 'Mr' : 'Ms';
  const display = `${title} ${name.given} ${name.family}`;
  const humanName: HumanName = { use: 'official', family: name.family, given: [name.given], prefix: [title] };
  const identifier: Identifier[] = [];
  if (definition.registration) {
    identifier.push({
      system: registrationSystems[definition.registration],
      value: registrationValue(definition.registration, serial, seed.role),
    });
  }
  identifier.push({ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: `9999990${String(serial).padStart(5, '0')}` });
  const meta = (profile: string) => ({
    versionId: '1',
    lastUpdated: '2026-03-02T07:00:00Z',
    source: seed.organization.source,
    profile: [ukCoreProfile(profile)],
  });
  const organization = seed.organization;
  const telephone = organization.resource.telecom?.[0]?.value;
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id,
    meta: meta('Practitioner'),
    identifier,
    active: true,
    name: [humanName],
    gender: name.sex,
  };
  const accessCategory = definition.clinical ? 'clinical' : 'non-clinical';
  const practitionerRole: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: roleId,
    meta: meta('PractitionerRole'),
    extension: [
      {
        url: ROLE_ACCESS_CATEGORY_EXTENSION,
        valueCoding: coding(ROLE_ACCESS_CATEGORY, accessCategory, definition.clinical ? 'Clinical' : 'Non-clinical'),
      },
    ],
    active: true,
    period: { start: seed.since ?? `${2005 + rng.int(0, 20)}-${String(rng.int(1, 12)).padStart(2, '0')}-01` },
    practitioner: { reference: `Practitioner/${id}`, display },
    organization: organization.reference(),
    code: [roleCode(seed)],
    ...(seed.specialty ? { specialty: [concept(specialtyText[seed.specialty])] } : {}),
    ...(telephone ? { telecom: [{ system: 'phone' as const, value: telephone, use: 'work' as const }] } : {}),
  };
  return {
    id,
    roleId,
    role: seed.role,
    organization,
    ...(seed.specialty ? { specialty: seed.specialty } : {}),
    display,
    practitioner,
    practitionerRole,
    reference: () => ({ reference: `Practitioner/${id}`, display }),
  };
}

export interface StaffDirectory {
  readonly all: readonly StaffEntry[];
  readonly byId: ReadonlyMap<string, StaffEntry>;
  /** The staff in a role at an organisation (never empty for the roles the borough staffs). */
  at(organization: OrganizationEntry, role: StaffRole): readonly StaffEntry[];
  consultant(specialty: Specialty): StaffEntry;
}

export function buildStaff(organizations: OrganizationDirectory): StaffDirectory {
  const { practices, hospital, community, mentalHealth, adultSocialCare, childrensServices } = organizations;
  const [tufnellGreen, canonburyLock] = practices;
  if (!tufnellGreen || !canonburyLock) throw new Error('The directory needs at least two practices');
  const seeds: StaffSeed[] = [
    {
      role: 'gp',
      organization: tufnellGreen,
      name: { given: 'Priya', family: 'Raman', sex: 'female' },
      since: '2019-08-01',
      roleText: 'GP partner',
    },
    {
      role: 'consultant',
      organization: hospital,
      specialty: 'older-people',
      name: { given: 'Tomasz', family: 'Nowak', sex: 'male' },
      since: '2014-02-01',
      roleText: 'Consultant, Care of older people (memory clinic)',
    },
    {
      role: 'hospital-nurse',
      organization: hospital,
      name: { given: 'Grace', family: 'Mensah', sex: 'female' },
      since: '2018-09-01',
      roleText: 'Staff nurse, Acute Medical Unit',
    },
    {
      role: 'social-worker',
      organization: adultSocialCare,
      name: { given: 'Kemal', family: 'Arslan', sex: 'male' },
      since: '2016-05-01',
      roleText: 'Social worker, North Locality Team',
    },
    {
      role: 'consultant',
      organization: hospital,
      specialty: 'emergency',
      name: { given: 'Fiona', family: 'Gallagher', sex: 'female' },
      since: '2012-10-01',
    },
    { role: 'gp', organization: canonburyLock, name: { given: 'Samuel', family: 'Okoro', sex: 'male' }, since: '2017-03-01' },
    {
      role: 'receptionist',
      organization: tufnellGreen,
      name: { given: 'Chloe', family: 'Barker', sex: 'female' },
      since: '2021-01-04',
      roleText: 'Receptionist',
    },
  ];
  for (const practice of practices) {
    const gps = practice === tufnellGreen || practice === canonburyLock ? 2 : 3;
    for (let count = 0; count < gps; count++) seeds.push({ role: 'gp', organization: practice });
    seeds.push({ role: 'practice-nurse', organization: practice });
    if (practice !== tufnellGreen) seeds.push({ role: 'receptionist', organization: practice });
  }
  const specialties = Object.keys(specialtyText) as Specialty[];
  for (const specialty of specialties) {
    if (specialty !== 'older-people' && specialty !== 'emergency') seeds.push({ role: 'consultant', organization: hospital, specialty });
  }
  for (let count = 0; count < 3; count++) seeds.push({ role: 'ed-doctor', organization: hospital, specialty: 'emergency' });
  for (let count = 0; count < 5; count++) seeds.push({ role: 'hospital-nurse', organization: hospital });
  for (let count = 0; count < 2; count++) seeds.push({ role: 'renal-nurse', organization: hospital, specialty: 'renal' });
  for (let count = 0; count < 2; count++) seeds.push({ role: 'midwife', organization: hospital, specialty: 'obstetrics' });
  seeds.push({ role: 'medical-secretary', organization: hospital });
  for (let count = 0; count < 4; count++) seeds.push({ role: 'district-nurse', organization: community });
  for (let count = 0; count < 3; count++) seeds.push({ role: 'health-visitor', organization: community });
  for (let count = 0; count < 2; count++) seeds.push({ role: 'physiotherapist', organization: community });
  for (let count = 0; count < 2; count++) seeds.push({ role: 'sexual-health-nurse', organization: community });
  for (let count = 0; count < 2; count++) seeds.push({ role: 'psychiatrist', organization: mentalHealth });
  for (let count = 0; count < 4; count++) seeds.push({ role: 'care-coordinator', organization: mentalHealth });
  for (let count = 0; count < 4; count++) seeds.push({ role: 'social-worker', organization: adultSocialCare });
  for (let count = 0; count < 2; count++) seeds.push({ role: 'occupational-therapist', organization: adultSocialCare });
  for (let count = 0; count < 3; count++) seeds.push({ role: 'social-worker', organization: childrensServices });

  // Fixed seed: the directory does not change with the borough's seed.
  const rng = new Random('care-record/directory');
  const all = seeds.map((seed, position) => buildEntry(seed, position + 1, rng));
  const byPlace = new Map<string, StaffEntry[]>();
  for (const member of all) {
    const key = `${member.organization.id}|${member.role}`;
    const list = byPlace.get(key);
    if (list) list.push(member);
    else byPlace.set(key, [member]);
  }
  const consultants = new Map<Specialty, StaffEntry>();
  for (const member of all) {
    if (member.role === 'consultant' && member.specialty && !consultants.has(member.specialty)) consultants.set(member.specialty, member);
  }
  return {
    all,
    byId: new Map(all.map((member) => [member.id, member])),
    at(organization, role) {
      const list = byPlace.get(`${organization.id}|${role}`);
      if (!list?.length) throw new Error(`No ${role} at ${organization.name}`);
      return list;
    },
    consultant(specialty) {
      const found = consultants.get(specialty);
      if (!found) throw new Error(`No consultant in ${specialty}`);
      return found;
    },
  };
}
