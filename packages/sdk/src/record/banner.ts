/**
 * The patient banner: who this record is about, in the CUI order — name, date
 * of birth with age, gender, NHS number — then date of death, address, GP
 * practice and the allergy state. Every value is display-ready; anything
 * unknown reads `Not known`, a date never recorded `Not recorded`.
 */
import type { Organization, Patient } from '../fhir.js';
import { ageAt, formatAge, formatAgeAtDeath } from '../format/age.js';
import {
  formatClinicalName,
  formatResidentName,
  isCurrentPeriod,
  selectOfficialName,
  selectPreferredName,
  type PeriodLike,
} from '../format/name.js';
import { formatNhsNumber, isValidNhsNumber, parseNhsNumber } from '../format/nhs-number.js';
import { absentForReason, NOT_KNOWN, NOT_RECORDED } from '../format/placeholders.js';
import { readCivilTime } from '../format/uk-civil-time.js';
import { recordDate, type AllergyState, type RecordAudience } from './allergies.js';
import { identityConflictIssue, identityWarningIssue, unreadablePartIssue, type SafetyIssue } from './patient-reference.js';
import { odsCodeOf, sourceOf, type SourceLabel } from './source.js';
import { tidyText as tidy } from './concept-text.js';
import { NHS_NUMBER_SYSTEM } from './patient-lookup.js';
import { fhirCode } from './status-code.js';

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
  /**
   * `943 476 5919` when valid; otherwise the value as recorded, so a wrong
   * number is never dressed up as right. With `conflict`, words saying so
   * (`Conflicting NHS numbers`) and no number.
   */
  formatted: string;
  valid: boolean;
  /**
   * The Patient has two different current valid NHS numbers (a temporary one
   * beside a lasting one does not count): neither is shown, and
   * `safetyIssues` reports it (`identity-conflict`).
   */
  conflict?: true;
  /**
   * Words (`not verified`) when the number's source says it is not verified:
   * its NHS number verification status (UK Core, or GP Connect's CareConnect)
   * is any code but `01`. Show them beside the number: records must not be
   * matched on it.
   */
  notVerified?: string;
  /**
   * Words (`temporary`) when the number shown is a temporary one (`use:
   * temp`), shown because the patient has no lasting number. Show them beside
   * the number: it stands in until the lasting one is known, so it also always
   * carries `notVerified`, whatever status its source sent.
   */
  temporary?: string;
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
  /**
   * Present only when whether the patient has died cannot be read (a
   * `deceasedBoolean` or `deceasedDateTime` of the wrong type): words saying
   * so, to show with the name. The age is then `Not known`.
   */
  deceasedNotKnown?: string;
  /**
   * Present only when this record must no longer be used: merged into another
   * (`link.type` `replaced-by`) or marked `active: false`. Show `text` with the
   * name, never in place of it.
   */
  notInUse?: { kind: 'replaced' | 'inactive'; text: string };
  /**
   * The current home address on one line (else another current address one
   * can live at — not a postal-only one), or `Not known`.
   */
  address: string;
  /** The registered practice's name, `Not known` when it cannot be named, or `No registered GP`. */
  gpPractice: string;
  /** Whether the patient has a registered GP practice at all. */
  hasRegisteredGp: boolean;
  allergies: AllergyState;
  labels: BannerLabels;
  /** The organisation that supplied the demographics. */
  source: SourceLabel;
  /**
   * Items not shown as sent, for the host to report: an allergy that could not
   * be read, and every warning the banner shows, one issue each — two
   * conflicting NHS numbers (`identity-conflict`); a record replaced or not in
   * active use, an NHS number not valid, not verified or temporary
   * (`identity-warning`); a deceased value that cannot be read (`unreadable`).
   */
  safetyIssues: SafetyIssue[];
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

const BIRTH_TIME = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';
const twoDigits = (value: number | undefined): string => String(value).padStart(2, '0');

/** The extension on `_birthDate` with `url`, if any. */
function birthDateExtension(patient: Patient, url: string): { valueDateTime?: unknown } | undefined {
  const extensions: unknown = (patient as { _birthDate?: { extension?: unknown } })._birthDate?.extension;
  if (!Array.isArray(extensions)) return undefined;
  return (extensions as ({ url?: unknown; valueDateTime?: unknown } | null)[]).find((extension) => extension?.url === url) ?? undefined;
}

/**
 * When the patient was born, to count an age from: the time of birth (FHIR's
 * `patient-birthTime` extension on `_birthDate`) when it falls on `birthDate`
 * in UK time, so a newborn is aged in minutes and hours; else `birthDate`.
 */
function birthMoment(patient: Patient, birthDate: string | undefined): string | undefined {
  const time: unknown = birthDateExtension(patient, BIRTH_TIME)?.valueDateTime;
  const civil = typeof time === 'string' ? readCivilTime(time) : undefined;
  if (!birthDate || civil?.instant === undefined) return birthDate;
  return `${civil.year}-${twoDigits(civil.month)}-${twoDigits(civil.day)}` === birthDate ? (time as string) : birthDate;
}

/** Plain-English age for residents: `3 days`, `5 weeks`, `13 months`, `16 years`. */
function residentAge(birthDate: string | undefined, at: Date | string): string {
  const age = birthDate ? ageAt(birthDate, at) : undefined;
  if (!age) return NOT_KNOWN;
  if (age.totalDays < 28) return plural(age.totalDays, 'day');
  if (age.years < 1) return plural(Math.floor(age.totalDays / 7), 'week');
  if (age.years < 2) return plural(12 + age.months, 'month');
  return plural(age.years, 'year');
}

const CONFLICTING_NHS_NUMBERS: Record<RecordAudience, string> = {
  clinician: 'Conflicting NHS numbers',
  resident: 'More than one NHS number is recorded',
};

const NOT_VERIFIED: Record<RecordAudience, string> = { clinician: 'not verified', resident: 'not yet confirmed' };

const TEMPORARY: Record<RecordAudience, string> = { clinician: 'temporary', resident: 'temporary' };

/** UK Core's and CareConnect's NHS number verification status extension, and their code systems. */
const VERIFICATION_STATUS = /NHSNumberVerificationStatus(?:England)?(?:-1)?$/;

/**
 * Whether the identifier's source says the number is not verified: a
 * verification status whose code is not `01` (present and verified). A
 * status with no code we can read is not read as verified; no status at all
 * says nothing.
 */
function isUnverified(identifier: { extension?: unknown }): boolean {
  const extensions = Array.isArray(identifier.extension) ? (identifier.extension as ({ url?: unknown } | null)[]) : [];
  const status = extensions.find((extension) => typeof extension?.url === 'string' && VERIFICATION_STATUS.test(extension.url));
  if (!status) return false;
  const codings: unknown = (status as { valueCodeableConcept?: { coding?: unknown } }).valueCodeableConcept?.coding;
  return !(
    Array.isArray(codings) &&
    codings.some(
      (coding: { system?: unknown; code?: unknown } | null) =>
        typeof coding?.system === 'string' && VERIFICATION_STATUS.test(coding.system) && tidy(coding.code as string) === '01',
    )
  );
}

/**
 * The patient's NHS number now: among NHS-number identifiers that are current
 * (not `use: 'old'`, period not ended, not starting later), a valid one —
 * `official` or `usual` first, a `temp` one only when no lasting one is valid
 * — else the first current one as recorded, so a wrong number is shown as
 * wrong. Two different current valid lasting numbers (or, with none, two
 * temporary ones) are an identity conflict: neither is shown, and `conflict`
 * says so.
 */
function nhsNumberOf(patient: Patient, now: Date | string, audience: RecordAudience): BannerNhsNumber | typeof NOT_KNOWN {
  const current = (patient.identifier ?? []).filter(
    (identifier) =>
      identifier?.system === NHS_NUMBER_SYSTEM &&
      tidy(identifier.value) &&
      identifier.use !== 'old' &&
      isCurrentPeriod((identifier as { period?: PeriodLike }).period, now),
  );
  // official or usual, then any other lasting use, then a temporary number.
  const rank = (use: string | undefined): number => (use === 'official' || use === 'usual' ? 0 : use === 'temp' ? 2 : 1);
  const preferred = [...current].sort((a, b) => rank(a.use) - rank(b.use));
  const valid = new Map<string, (typeof preferred)[number]>();
  for (const identifier of preferred) {
    const parsed = parseNhsNumber(tidy(identifier.value));
    // A temporary number stands in only while there is no valid lasting one.
    const outranked = identifier.use === 'temp' && [...valid.values()].some((kept) => kept.use !== 'temp');
    if (parsed.ok && !valid.has(parsed.value) && !outranked) valid.set(parsed.value, identifier);
  }
  if (valid.size > 1) return { formatted: CONFLICTING_NHS_NUMBERS[audience], valid: false, conflict: true };
  const shown = [...valid.values()][0] ?? preferred[0];
  const value = tidy(shown?.value);
  if (!shown || !value) return NOT_KNOWN;
  // A temporary number stands in until the lasting one is known: never presented as a verified NHS number.
  const temporary = shown.use === 'temp';
  return {
    formatted: formatNhsNumber(value),
    valid: isValidNhsNumber(value),
    ...(temporary ? { temporary: TEMPORARY[audience] } : {}),
    ...(temporary || isUnverified(shown) ? { notVerified: NOT_VERIFIED[audience] } : {}),
  };
}

const DECEASED_NOT_KNOWN: Record<RecordAudience, string> = {
  clinician: 'Not known whether alive or deceased',
  resident: 'Not known whether this person has died',
};

/**
 * Whether the Patient says it has died, `undefined` when that cannot be read:
 * `deceasedBoolean` spelt as text (`"true"`) is read as the boolean it spells,
 * like any FHIR code; any other value of the wrong type, or a
 * `deceasedDateTime` that is not text, is never read as alive.
 */
function diedFlag(patient: Patient): boolean | undefined {
  const { deceasedBoolean, deceasedDateTime } = patient as { deceasedBoolean?: unknown; deceasedDateTime?: unknown };
  const flag =
    typeof deceasedBoolean === 'boolean' || deceasedBoolean == null ? deceasedBoolean : fhirCode(deceasedBoolean, ['true', 'false']);
  if (flag === 'true' || flag === true) return true;
  if (deceasedDateTime != null && typeof deceasedDateTime !== 'string') return undefined;
  return flag === undefined && deceasedBoolean != null ? undefined : false;
}

const NOT_IN_USE: Record<RecordAudience, Record<'replaced' | 'inactive', string>> = {
  clinician: { replaced: 'Record replaced by another: use the current record', inactive: 'Record not in active use' },
  resident: { replaced: 'This record has been replaced by a newer one', inactive: 'This record is no longer in use' },
};

/** Why the record must no longer be used: a link to the record that replaced it outweighs `active: false`. */
function notInUseKind(patient: Patient): 'replaced' | 'inactive' | undefined {
  // Not in the hub's Patient profile, but any FHIR server's merge sends it.
  const links: unknown = (patient as { link?: unknown }).link;
  const replaced =
    Array.isArray(links) && links.some((link: { type?: unknown } | null) => fhirCode(link?.type, ['replaced-by']) !== undefined);
  return replaced ? 'replaced' : patient.active === false ? 'inactive' : undefined;
}

/** Address uses that say where the person is not living; and one only for post. */
const NOT_LIVED_AT: ReadonlySet<string> = new Set(['old', 'billing']);

/**
 * The address to show now, as one line (the lines, then town, then postcode):
 * a current one (not `old`, not ended, not starting later) that one can live
 * at (not `type: 'postal'` only, nor `billing`): `home` first, then one with
 * no use, then a temporary one, then any other (work).
 */
function addressLine(patient: Patient, now: Date | string): string {
  const current = (patient.address ?? []).filter(
    (address) =>
      typeof address === 'object' &&
      address !== null &&
      !(address.use !== undefined && NOT_LIVED_AT.has(address.use)) &&
      address.type !== 'postal' &&
      isCurrentPeriod(address.period, now),
  );
  const rank = (use: string | undefined): number => (use === 'home' ? 0 : use === undefined ? 1 : use === 'temp' ? 2 : 3);
  const address = current.reduce<(typeof current)[number] | undefined>(
    (best, candidate) => (best === undefined || rank(candidate.use) < rank(best.use) ? candidate : best),
    undefined,
  );
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
 * The banner for one patient. A date of birth absent for a reason the source
 * gives (`_birthDate`'s data-absent-reason) reads `Not known`, one never
 * recorded `Not recorded`. A deceased patient's age is the age at death;
 * `deceasedBoolean: true` with no date gives `Died Not recorded` and an age
 * `Not known`; a deceased value that cannot be read gives `deceasedNotKnown`,
 * never a living patient. When the Patient has no `generalPractitioner` the practice reads
 * `No registered GP` (a fact), and when it has one that cannot be named,
 * `Not known`.
 */
export function bannerViewModel(patient: Patient, options: BannerOptions): BannerViewModel {
  const { audience, now } = options;
  // Each field is read on its own: a field that cannot be read is "Not known", and costs no other field.
  const official = readField(() => selectOfficialName(patient.name, now), undefined);
  const preferred = readField(() => selectPreferredName(patient.name, now), undefined);
  const birthDate = tidy(patient.birthDate) || undefined;
  const deathDate = tidy(patient.deceasedDateTime) || undefined;
  const died = readField(() => diedFlag(patient), undefined);
  const isDeceased = deathDate !== undefined || died === true;
  const deceasedNotKnown = !isDeceased && died === undefined;

  const born = readField(() => birthMoment(patient, birthDate), birthDate);
  const age = readField(() => {
    if (deceasedNotKnown) return NOT_KNOWN;
    if (isDeceased) {
      if (!born || !deathDate) return NOT_KNOWN;
      return audience === 'resident' ? residentAge(born, deathDate) : formatAgeAtDeath(born, deathDate);
    }
    return audience === 'resident' ? residentAge(born, now) : born ? formatAge(born, now) : NOT_KNOWN;
  }, NOT_KNOWN);

  const gp = readField(() => gpPracticeName(patient, options), { name: NOT_KNOWN, registered: true });
  const labels = audience === 'resident' ? RESIDENT_LABELS : CLINICIAN_LABELS;
  const preferredName = readField(() => (preferred ? formatResidentName(preferred) : undefined), undefined);
  const gender = typeof patient.gender === 'string' ? GENDERS[patient.gender] : undefined;
  const nhsNumber = readField(() => nhsNumberOf(patient, now, audience), NOT_KNOWN);
  const notInUse = readField(() => notInUseKind(patient), undefined);
  const identityIssues = bannerWarningIssues(patient, nhsNumber, notInUse, deceasedNotKnown);

  return {
    patientId: tidy(patient.id) || NOT_KNOWN,
    audience,
    name: readField(() => (audience === 'resident' ? formatResidentName(official) : formatClinicalName(official)), NOT_KNOWN),
    ...(preferredName && preferredName !== NOT_KNOWN ? { preferredName } : {}),
    born: {
      // No date, but a reason it is absent (data-absent-reason): not known, rather than never recorded.
      date: readField(
        () =>
          !birthDate && absentForReason((patient as { _birthDate?: unknown })._birthDate) ? NOT_KNOWN : recordDate(birthDate, audience),
        NOT_KNOWN,
      ),
      age,
    },
    gender: gender ?? NOT_KNOWN,
    nhsNumber,
    ...(isDeceased
      ? {
          deceased: {
            // A date of death sent but unreadable (not text) is not known, not unrecorded.
            date: deathDate
              ? readField(() => recordDate(deathDate, audience), NOT_KNOWN)
              : patient.deceasedDateTime == null
                ? NOT_RECORDED
                : NOT_KNOWN,
            ageAtDeath: age,
          },
        }
      : {}),
    ...(deceasedNotKnown ? { deceasedNotKnown: DECEASED_NOT_KNOWN[audience] } : {}),
    ...(notInUse ? { notInUse: { kind: notInUse, text: NOT_IN_USE[audience][notInUse] } } : {}),
    address: readField(() => addressLine(patient, now), NOT_KNOWN),
    gpPractice: gp.name,
    hasRegisteredGp: gp.registered,
    allergies: options.allergies,
    labels: { ...labels, allergies: options.allergies.label },
    source: sourceOf(patient, options.organizations),
    safetyIssues: [...identityIssues, ...(options.allergies.safetyIssues ?? [])],
  };
}

/**
 * Every warning the banner shows, as the issue a host reports: one each, so
 * what a host counts is what the clinician sees. Messages name neither the
 * NHS number nor an id.
 */
function bannerWarningIssues(
  patient: Patient,
  nhsNumber: BannerNhsNumber | typeof NOT_KNOWN,
  notInUse: 'replaced' | 'inactive' | undefined,
  deceasedNotKnown: boolean,
): SafetyIssue[] {
  const issues: SafetyIssue[] = [];
  if (nhsNumber !== NOT_KNOWN && nhsNumber.conflict) issues.push(identityConflictIssue(patient, 'two different current NHS numbers'));
  else if (nhsNumber !== NOT_KNOWN) {
    if (!nhsNumber.valid) issues.push(identityWarningIssue(patient, 'has an NHS number that is not valid'));
    if (nhsNumber.notVerified !== undefined) issues.push(identityWarningIssue(patient, 'has an NHS number its source has not verified'));
    if (nhsNumber.temporary !== undefined) issues.push(identityWarningIssue(patient, 'has only a temporary NHS number'));
  }
  if (notInUse === 'replaced') issues.push(identityWarningIssue(patient, 'has been replaced by another record'));
  if (notInUse === 'inactive') issues.push(identityWarningIssue(patient, 'is not in active use'));
  if (deceasedNotKnown) issues.push(unreadablePartIssue(patient, 'whether the patient has died'));
  return issues;
}

/** A banner field, or `fallback` when the Patient's data for it cannot be read. */
function readField<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
