/**
 * The borough's organisations: 30 fictional GP practices, the acute hospital
 * trust, the community health trust, the mental health trust, and the
 * council's adult social care and children's services. Codes look like ODS
 * codes but are not real ones (GP practices F83970–F83999, trusts RZ7–RZ9,
 * council services LA998–LA999). The first practice, the hospital and adult
 * social care are the organisations of the contract's examples.
 */
import type { Organization } from '@care-record/sdk';
import { coding, concept, ODS, sourceFor, ukCoreProfile, type Reference } from '../fhir.js';
import { workAddress } from '../people/addresses.js';

export type OrganizationKind =
  'gp-practice' | 'acute-trust' | 'community-trust' | 'mental-health-trust' | 'adult-social-care' | 'childrens-services';

export interface OrganizationEntry {
  readonly id: string;
  readonly odsCode: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  /** `meta.source` of everything this organisation contributed. */
  readonly source: string;
  readonly resource: Organization;
  reference(): Reference;
}

interface OrganizationSeed {
  readonly odsCode: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly line: string;
  readonly postalCode: string;
}

const practiceSeeds: readonly (readonly [name: string, line: string, postalCode: string])[] = [
  ['Tufnell Green Surgery', '41 Tufnell Green Road', 'N19 5QA'],
  ['Canonbury Lock Medical Practice', "2 Lockkeeper's Walk", 'N1 2TS'],
  ['Hollybush Vale Surgery', '18 Hollybush Vale', 'N7 8RT'],
  ['Caledonian Yard Health Centre', '1 Caledonian Walk', 'N7 9DP'],
  ['Larkspur Row Medical Centre', '6 Larkspur Row', 'N4 3QZ'],
  ['Kestrel Lane Surgery', '27 Kestrel Lane', 'N5 1XB'],
  ['Amberley Fields Group Practice', '90 Amberley Fields', 'N19 4EL'],
  ['Quill Street Health Centre', '12 Quill Street', 'N1 8HA'],
  ['Ropemakers Walk Surgery', '5 Ropewalk Terrace', 'EC1V 4PW'],
  ['Linnet Court Medical Practice', 'Linnet Court, 33 Blackstock Rise', 'N4 2JN'],
  ['Bramblegate Surgery', '71 Brambledown Road', 'N4 4EU'],
  ['Fenwick Place Health Centre', '3 Fenwick Place', 'N7 0LB'],
  ['Whitlow Green Practice', '48 Whitehall Rise', 'N19 3PS'],
  ['Sparrow Hill Surgery', '15 Sparrow Hill', 'N5 2HT'],
  ['Old Tannery Medical Centre', 'The Old Tannery, Tanners Yard Road', 'N1 7GU'],
  ['Mulberry Arches Practice', '9 Mulberry Arches', 'EC1R 0EW'],
  ['Saltmarsh Road Surgery', '140 Saltmarsh Road', 'N7 6QD'],
  ['Gasworks Basin Medical Practice', '2 Gasholder Lane', 'N1 0SB'],
  ['Copperfield Lock Health Centre', '11 Canalside Crescent', 'N1 3LF'],
  ['Nightingale Steps Surgery', '7 Nightingale Steps', 'N19 5AJ'],
  ['Weavers Row Group Practice', '22 Weavers Row', 'EC1M 3HR'],
  ['Chalk Pit Lane Surgery', '64 Chalk Pit Lane', 'N5 1RW'],
  ['Orchard Gate Medical Centre', 'Orchard Gate, Tollington Vale', 'N4 3DY'],
  ['Foundry Yard Practice', '4 Foundry Yard', 'EC1Y 8ND'],
  ['Heronsgate Surgery', '37 Heronsgate', 'N7 7JS'],
  ['Lantern Court Health Centre', 'Lantern Court, Amwell Row', 'EC1R 1UP'],
  ['Ravensbourne Terrace Practice', '19 Ravensbourne Terrace', 'N19 4QG'],
  ['Millpond Street Surgery', '58 Millpond Street', 'N1 9PE'],
  ['Bellfounders Medical Practice', '1 Bellfounders Yard', 'EC1V 7LQ'],
  ['Hazelmere Row Surgery', '26 Hazelmere Row', 'N5 2SX'],
];

/** Practice `p` has ODS code F83999 − p: the first is the persona GP's practice. */
const practiceOdsCode = (position: number): string => `F83${999 - position}`;

const organizationSeeds: readonly OrganizationSeed[] = [
  ...practiceSeeds.map(([name, line, postalCode], position) => ({
    odsCode: practiceOdsCode(position),
    name,
    kind: 'gp-practice' as const,
    line,
    postalCode,
  })),
  {
    odsCode: 'RZ9',
    name: 'Highbury Vale Hospital NHS Trust',
    kind: 'acute-trust',
    line: 'Highbury Vale Hospital, Vale Road',
    postalCode: 'N19 5NF',
  },
  {
    odsCode: 'RZ7',
    name: 'Fleet Valley Community Health NHS Trust',
    kind: 'community-trust',
    line: '10 Bowling Green Walk',
    postalCode: 'EC1R 0BD',
  },
  {
    odsCode: 'RZ8',
    name: 'Caledonian Mental Health NHS Trust',
    kind: 'mental-health-trust',
    line: 'Caledonian Centre, 4 Market Gardens Road',
    postalCode: 'N7 9JL',
  },
  { odsCode: 'LA999', name: 'Islington Adult Social Care', kind: 'adult-social-care', line: '222 Upper Vale Street', postalCode: 'N1 1XR' },
  {
    odsCode: 'LA998',
    name: "Islington Children's Services",
    kind: 'childrens-services',
    line: '222 Upper Vale Street',
    postalCode: 'N1 1XR',
  },
];

const typeText: Record<OrganizationKind, string> = {
  'gp-practice': 'GP practice',
  'acute-trust': 'Acute hospital trust',
  'community-trust': 'Community health services trust',
  'mental-health-trust': 'Mental health trust',
  'adult-social-care': 'Local authority adult social care',
  'childrens-services': "Local authority children's services",
};

const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';

function organizationResource(seed: OrganizationSeed, telephone: string): Organization {
  const council = seed.kind === 'adult-social-care' || seed.kind === 'childrens-services';
  return {
    resourceType: 'Organization',
    id: `org-${seed.odsCode.toLowerCase()}`,
    meta: {
      versionId: '1',
      lastUpdated: '2026-04-01T06:00:00Z',
      source: sourceFor(seed.odsCode),
      profile: [ukCoreProfile('Organization')],
    },
    identifier: [{ system: ODS, value: seed.odsCode }],
    active: true,
    type: [
      concept(
        typeText[seed.kind],
        council ? coding(ORGANIZATION_TYPE, 'govt', 'Government') : coding(ORGANIZATION_TYPE, 'prov', 'Healthcare Provider'),
      ),
    ],
    name: seed.name,
    telecom: [{ system: 'phone', value: telephone, use: 'work' }],
    address: [workAddress(seed.line, seed.postalCode)],
  };
}

function entry(seed: OrganizationSeed, position: number): OrganizationEntry {
  const telephone = `020 7946 ${String(100 + position * 10).padStart(4, '0')}`;
  const resource = organizationResource(seed, telephone);
  const id = `org-${seed.odsCode.toLowerCase()}`;
  return {
    id,
    odsCode: seed.odsCode,
    name: seed.name,
    kind: seed.kind,
    source: sourceFor(seed.odsCode),
    resource,
    reference: () => ({ reference: `Organization/${id}`, display: seed.name }),
  };
}

export interface OrganizationDirectory {
  readonly all: readonly OrganizationEntry[];
  readonly practices: readonly OrganizationEntry[];
  readonly hospital: OrganizationEntry;
  readonly community: OrganizationEntry;
  readonly mentalHealth: OrganizationEntry;
  readonly adultSocialCare: OrganizationEntry;
  readonly childrensServices: OrganizationEntry;
  readonly byId: ReadonlyMap<string, OrganizationEntry>;
}

export function buildOrganizations(): OrganizationDirectory {
  const all = organizationSeeds.map(entry);
  const byKind = (kind: OrganizationKind): OrganizationEntry => {
    const found = all.find((organization) => organization.kind === kind);
    if (!found) throw new Error(`No ${kind} in the directory`);
    return found;
  };
  return {
    all,
    practices: all.filter((organization) => organization.kind === 'gp-practice'),
    hospital: byKind('acute-trust'),
    community: byKind('community-trust'),
    mentalHealth: byKind('mental-health-trust'),
    adultSocialCare: byKind('adult-social-care'),
    childrensServices: byKind('childrens-services'),
    byId: new Map(all.map((organization) => [organization.id, organization])),
  };
}
