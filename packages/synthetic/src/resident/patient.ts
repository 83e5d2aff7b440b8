/**
 * The resident's demographics, as their registered practice holds them (or
 * the hospital, for someone with no GP): NHS number, names, birth and death,
 * home address, contact details, language and registered practice.
 */
import type { Patient } from '@care-record/sdk';
import { formatClinicalName } from '@care-record/sdk/format';
import { BCP47, coding, concept, localIdentifierSystem, NHS_NUMBER, ROLE_CODE, type ContactPoint, type HumanName } from '../fhir.js';
import { nhsNumberForIndex } from '../nhs-number.js';
import { homeAddress, landline, mobile } from '../people/addresses.js';
import { ENGLISH, familyNameFor } from '../people/communities.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';

function title(rng: Random, sex: 'male' | 'female', gender: string, age: number): string | undefined {
  if (age < 16) return undefined;
  if (gender === 'other') return 'Mx';
  if (rng.chance(0.01)) return 'Dr';
  if (sex === 'male') return 'Mr';
  if (age < 25) return rng.chance(0.6) ? 'Miss' : 'Ms';
  return rng.weighted([
    ['Mrs', 0.5],
    ['Ms', 0.35],
    ['Miss', 0.15],
  ]);
}

/** A parent named in `Patient.contact`, written as a RelatedPerson too. */
export interface ParentDetails {
  readonly kin: 'MTH' | 'FTH';
  readonly given: string;
  readonly family: string;
  readonly phone: string;
}

export interface PatientDetails {
  readonly patient: Patient;
  readonly family: string;
  readonly given: string;
  /** For a child under 16: the parents with parental responsibility. */
  readonly parents: readonly ParentDetails[];
}

/** `familyName`: the family name of a brother or sister already written, so that siblings share it. */
export function buildPatient(context: ResidentContext, rng: Random, familyName?: string): PatientDetails {
  const { plan } = context;
  const { community, sex } = plan;
  const age = (context.end - plan.birth) / YEAR;
  const given = rng.pick(community[sex]);
  const middle = rng.chance(0.35) ? rng.pick(community[sex].filter((name) => name !== given)) : undefined;
  const drawn = familyNameFor(rng.pick(community.family), sex);
  const family = familyName ?? drawn;
  const prefix = title(rng, sex, plan.gender, age);
  const official: HumanName = {
    use: 'official',
    family,
    given: middle ? [given, middle] : [given],
    ...(prefix ? { prefix: [prefix] } : {}),
  };
  const names: HumanName[] = [official];
  const nickname = community.preferred?.[given];
  const adopted = community.adoptedNames && age >= 12 && rng.chance(0.3) ? rng.pick(community.adoptedNames[sex]) : undefined;
  const preferred = adopted ?? (nickname && age >= 12 && rng.chance(0.5) ? nickname : undefined);
  if (preferred) names.push({ use: 'usual', given: [preferred] });
  context.setPatientGivenNames([given, ...(middle ? [middle] : []), ...(preferred ? [preferred] : [])]);

  const hospital = context.directory.organizations.hospital;
  const identifier: NonNullable<Patient['identifier']> = [
    {
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
          valueCodeableConcept: {
            coding: [
              coding('https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', '01', 'Number present and verified'),
            ],
          },
        },
      ],
      system: NHS_NUMBER,
      value: nhsNumberForIndex(plan.index),
    },
    // A hospital record number for everyone: the trust registers residents when they first attend.
    {
      system: localIdentifierSystem(hospital.odsCode, 'mrn'),
      value: `${hospital.odsCode}-${String((plan.index * 7919 + 1_000_003) % 10_000_000).padStart(7, '0')}`,
    },
  ];
  if (plan.features.adultSocialCare || plan.features.childrensServices) {
    const council = plan.features.adultSocialCare
      ? context.directory.organizations.adultSocialCare
      : context.directory.organizations.childrensServices;
    identifier.push({ system: localIdentifierSystem(council.odsCode, 'person'), value: String(400_000 + plan.index) });
  }

  const telecom: ContactPoint[] = [];
  if (age >= 16) {
    if (rng.chance(0.85)) telecom.push({ system: 'phone', value: mobile(rng), use: 'mobile', rank: 1 });
    if (age >= 60 ? rng.chance(0.6) : rng.chance(0.15))
      telecom.push({ system: 'phone', value: landline(rng), use: 'home', rank: telecom.length + 1 });
  }

  const contact: NonNullable<Patient['contact']> = [];
  const parents: ParentDetails[] = [];
  if (age < 16) {
    parents.push({
      kin: 'MTH',
      given: context.givenNameForContact(rng, community.female),
      family: rng.chance(0.7) ? familyNameFor(family, 'female') : familyNameFor(rng.pick(community.family), 'female'),
      phone: mobile(rng),
    });
    if (rng.chance(0.5)) {
      parents.push({
        kin: 'FTH',
        given: context.givenNameForContact(rng, community.male),
        family: familyNameFor(family, 'male'),
        phone: mobile(rng),
      });
    }
    for (const parent of parents) {
      contact.push({
        relationship: [{ coding: [parent.kin === 'MTH' ? coding(ROLE_CODE, 'MTH', 'mother') : coding(ROLE_CODE, 'FTH', 'father')] }],
        name: { use: 'official', family: parent.family, given: [parent.given] },
        telecom: [{ system: 'phone', value: parent.phone, use: 'mobile' }],
      });
    }
  }

  const languages = plan.prefersCommunityLanguage && community.language ? [community.language, ENGLISH] : [];
  const source = plan.practice ?? hospital;
  const address = homeAddress(rng);
  const patient: Patient = {
    resourceType: 'Patient',
    id: plan.patientId,
    meta: context.meta(source, 'Patient', context.end - rng.int(1, 400) * DAY),
    identifier,
    active: true,
    name: names,
    ...(telecom.length ? { telecom } : {}),
    gender: plan.gender,
    birthDate: fhirDate(plan.birth),
    ...(plan.death !== undefined ? { deceasedDateTime: fhirDateTime(plan.death) } : {}),
    address: [{ ...address, period: { start: fhirDate(Math.max(plan.birth, context.end - rng.between(0, 25) * YEAR)) } }],
    ...(contact.length ? { contact } : {}),
    ...(languages.length
      ? {
          communication: languages.map((language, position) => ({
            language: concept(language.display, coding(BCP47, language.code, language.display)),
            ...(position === 0 ? { preferred: true } : {}),
          })),
        }
      : {}),
    ...(plan.practice ? { generalPractitioner: [plan.practice.reference()] } : {}),
  };
  context.setPatientDisplay(formatClinicalName(official));
  return { patient, family, given, parents };
}
