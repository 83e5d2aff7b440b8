/**
 * The patient banner: who this record is about, in the CUI order — name, date
 * of birth with age, gender, NHS number — then date of death, address, GP
 * practice and the allergy state. Every value is display-ready; anything
 * unknown reads `Not known`, a date never recorded `Not recorded`.
 */
import type { Organization, Patient } from '../fhir.js';
import { ageAt, formatAge, formatAgeAtDeath } from '../format/age.js';
import { formatClinicalName, formatResidentName, selectOfficialName, selectPreferredName } from '../format/name.js';
import { formatNhsNumber, isValidNhsNumber } from '../format/nhs-number.js';
import { NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import { recordDate, type AllergyState, type RecordAudience } from './allergies.js';
import { odsCodeOf, sourceOf, type SourceLabel } from './source.js';
import { tidyText as tidy } from './concept-text.js';
import { NHS_NUMBER_SYSTEM } from './patient-lookup.js';

export interface BannerOptions {
  audience: RecordAudience;
  /** The moment ages are counted to. */
  now: Date | string;
  /** ODS code to organisation name. */
  organizations: ReadonlyMap<string, string>;
  allergies: AllergyState;
  /** The Organization the patient's `generalPractitioner` points at, when the caller read it. */
  gpPractice?: Organization | undefined;
}

export interface BannerNhsNumber {
  /** `943 476 5919` when valid; otherwise the value as recorded, so a wrong number is never dressed up as right. */
  formatted: string;
  valid: boolean;
}

export interface BannerLabels {
  name: string;
  preferredName: string;
  born: string;
  gender: string;
  nhsNumber: string;
  died: string;
  address: string;
  gpPractice: string;
  allergies: string;
}

export interface BannerViewModel {
  /** The Patient's logical id: render only while this patient is in context. */
  patientId: string;
  audience: RecordAudience;
  /** Clinicians: `KAYA, Hatice (Mrs)`; residents: `Hatice Kaya`. */
  name: string;
  /** A `usual` name that differs from the official one, shown below it. */
  preferredName?: string;
  born: {
    /** Clinicians `05-Apr-2008`, residents `5 April 2008`. */
    date: string;
    /** Clinicians `4y 1m` (CUI bands); residents `16 years`. For a deceased patient, the age at death. */
    age: string;
  };
  /** `Female`, `Male`, `Other` or `Not known`. */
  gender: string;
  nhsNumber: BannerNhsNumber | typeof NOT_KNOWN;
  /** Present only when the patient is recorded as deceased; style the banner differently. */
  deceased?: { date: string; ageAtDeath: string };
  /** The current home address on one line, or `Not known`. */
  address: string;
  /** The registered practice's name, `Not known` when it cannot be named, or `No registered GP`. */
  gpPractice: string;
  /** Whether the patient has a registered GP practice at all. */
  hasRegisteredGp: boolean;
  allergies: AllergyState;
  labels: BannerLabels;
  /** The organisation that supplied the demographics. */
  source: SourceLabel;
}

/** Wording when a Patient names no registered GP practice: a fact in its own right, not an unknown. */
export const NO_REGISTERED_GP = 'No registered GP';

const CLINICIAN_LABELS: Omit<BannerLabels, 'allergies'> = {
  name: 'Name',
  preferredName: 'Preferred name',
  born: 'Born',
  gender: 'Gender',
  nhsNumber: 'NHS No.',
  died: 'Died',
  address: 'Address',
  gpPractice: 'GP practice',
};

const RESIDENT_LABELS: Omit<BannerLabels, 'allergies'> = {
  name: 'Name',
  preferredName: 'Preferred name',
  born: 'Date of birth',
  gender: 'Gender',
  nhsNumber: 'NHS number',
  died: 'Date of death',
  address: 'Address',
  gpPractice: 'GP surgery',
};

const GENDERS: Readonly<Record<string, string>> = { female: 'Female', male: 'Male', other: 'Other' };

const plural = (count: number, unit: string): string => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** Plain-English age for residents: `3 days`, `5 weeks`, `13 months`, `16 years`. */
function residentAge(birthDate: string | undefined, at: Date | string): string {
  const age = birthDate ? ageAt(birthDate, at) : undefined;
  if (!age) return NOT_KNOWN;
  if (age.totalDays < 28) return plural(age.totalDays, 'day');
  if (age.years < 1) return plural(Math.floor(age.totalDays / 7), 'week');
  if (age.years < 2) return plural(12 + age.months, 'month');
  return plural(age.years, 'year');
}

function nhsNumberOf(patient: Patient): BannerNhsNumber | typeof NOT_KNOWN {
  const value = tidy(patient.identifier?.find((identifier) => identifier.system === NHS_NUMBER_SYSTEM && tidy(identifier.value))?.value);
  if (!value) return NOT_KNOWN;
  return { formatted: formatNhsNumber(value), valid: isValidNhsNumber(value) };
}

/** A home (or unlabelled) address still in use, as one line: the lines, then town, then postcode. */
function addressLine(patient: Patient, now: Date | string): string {
  const nowTime = new Date(now).getTime();
  const current = (patient.address ?? []).filter((address) => {
    const end = address.period?.end ? Date.parse(address.period.end) : Number.NaN;
    return address.use !== 'old' && !(end < nowTime);
  });
  const address =
    current.find((candidate) => candidate.use === 'home') ?? current.find((candidate) => candidate.use !== 'work') ?? current[0];
  if (!address) return NOT_KNOWN;
  const parts = [...(address.line ?? []), address.city, address.postalCode].map(tidy).filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : tidy(address.text) || NOT_KNOWN;
}

const referenceId = (reference: string | undefined): string | undefined => /(?:^|\/)Organization\/([^/]+)/.exec(reference ?? '')?.[1];

/** The registered practice's name: the Organization read for it, its ODS code in the directory, or the reference's display. */
function gpPracticeName(patient: Patient, options: BannerOptions): { name: string; registered: boolean } {
  const references = patient.generalPractitioner ?? [];
  if (references.length === 0) return { name: NO_REGISTERED_GP, registered: false };
  const reference = references.find((candidate) => referenceId(candidate.reference)) ?? references[0];
  const organization = options.gpPractice;
  // The Organization the caller passed counts only if it is the one the Patient points at.
  const matches =
    organization !== undefined &&
    (referenceId(reference?.reference) === undefined ||
      organization.id === undefined ||
      referenceId(reference?.reference) === organization.id);
  const ods = (matches ? odsCodeOf(organization.identifier) : undefined) ?? odsCodeOf(reference?.identifier);
  const name =
    (matches ? tidy(organization.name) : '') ||
    tidy(ods ? options.organizations.get(ods) : undefined) ||
    tidy(reference?.display) ||
    NOT_KNOWN;
  return { name, registered: true };
}

/**
 * The banner for one patient. A deceased patient's age is the age at death;
 * `deceasedBoolean: true` with no date gives `Died Not recorded` and an age
 * `Not known`. When the Patient has no `generalPractitioner` the practice reads
 * `No registered GP` (a fact), and when it has one that cannot be named,
 * `Not known`.
 */
export function bannerViewModel(patient: Patient, options: BannerOptions): BannerViewModel {
  const { audience, now } = options;
  const official = selectOfficialName(patient.name, now);
  const preferred = selectPreferredName(patient.name, now);
  const birthDate = tidy(patient.birthDate) || undefined;
  const deathDate = tidy(patient.deceasedDateTime) || undefined;
  const isDeceased = deathDate !== undefined || patient.deceasedBoolean === true;

  let age: string;
  if (isDeceased) {
    age =
      birthDate && deathDate
        ? audience === 'resident'
          ? residentAge(birthDate, deathDate)
          : formatAgeAtDeath(birthDate, deathDate)
        : NOT_KNOWN;
  } else {
    age = audience === 'resident' ? residentAge(birthDate, now) : birthDate ? formatAge(birthDate, now) : NOT_KNOWN;
  }

  const gp = gpPracticeName(patient, options);
  const labels = audience === 'resident' ? RESIDENT_LABELS : CLINICIAN_LABELS;
  const preferredName = preferred ? formatResidentName(preferred) : undefined;

  return {
    patientId: tidy(patient.id) || NOT_KNOWN,
    audience,
    name: audience === 'resident' ? formatResidentName(official) : formatClinicalName(official),
    ...(preferredName && preferredName !== NOT_KNOWN ? { preferredName } : {}),
    born: { date: recordDate(birthDate, audience), age },
    gender: GENDERS[patient.gender ?? ''] ?? NOT_KNOWN,
    nhsNumber: nhsNumberOf(patient),
    ...(isDeceased ? { deceased: { date: deathDate ? recordDate(deathDate, audience) : NOT_RECORDED, ageAtDeath: age } } : {}),
    address: addressLine(patient, now),
    gpPractice: gp.name,
    hasRegisteredGp: gp.registered,
    allergies: options.allergies,
    labels: { ...labels, allergies: options.allergies.label },
    source: sourceOf(patient, options.organizations),
  };
}
