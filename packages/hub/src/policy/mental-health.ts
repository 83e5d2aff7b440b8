/**
 * Mental health by where an item comes from, not only by its label. A source
 * does not always label what its mental health services record `PSY`, and an
 * unlabelled item must not get past a resident's choice to keep mental health
 * with its service, nor reach another organisation's receptionist or a carer.
 * So an item counts as mental health when
 *
 * - its source is an organisation whose name, alias or type says it is a
 *   mental health service (the directory: `mentalHealthSources` in
 *   `sharing.ts`, given to the rules as `Visibility.labelledSources`), or
 * - the service it names says so (`SERVICE_ELEMENTS`): the service, its
 *   category, type or specialty, and the organisation, team, place or role
 *   that provided, booked or holds it — here, in or in any resource it
 *   contains (`labelsOf` gives it `PSY`); and so does any other reference
 *   in it, at any depth, to who or where (`eachReference`, reviewer R18:
 *   a recorder, a note's author, an extension's reference).
 *
 * A reference names a service by its display, whatever else it has: a
 * reference to this hub or another server, an identifier, or nothing but the
 * display (as GP exports send a booked clinic or a provider) — and by its
 * name, alias or type when it points at a resource the item contains. A
 * reference to the resident or their people (Patient, RelatedPerson) names no
 * service. What an item is about — its reason, diagnosis, notes, title — is
 * not read: a GP's own mental health review is told by its label only.
 *
 * The words (`MENTAL_HEALTH_PHRASES`) are found in any case, with any run of
 * non-letters between the words ("Mental-Health", "mental_health",
 * "MENTAL/HEALTH", two spaces, a non-breaking space), never within a longer
 * word ("Fundamental healthcare" is not one). They are the names of mental
 * health services in the NHS and nothing else:
 *
 * - "mental health" (and "mental healthcare"), "psychiatry", "psychiatric",
 *   "psychiatrist", "neuropsychiatry" and "psychogeriatric" (old age
 *   psychiatry's older name);
 * - CAMHS (child and adolescent mental health services), CYPMHS (children
 *   and young people's), CMHT (community mental health team);
 * - IAPT ("Improving Access to Psychological Therapies") and its successor
 *   "NHS Talking Therapies for anxiety and depression": "talking therapies"
 *   and "psychological therapies" name that service and its step-up
 *   psychological therapy services, which are mental health services;
 * - "psychosis" (early intervention in psychosis services) and "eating
 *   disorders" (eating disorder services are commissioned as mental health).
 *
 * Not read, because each also names services for physical health or others
 * that are not mental health, whose withholding from another organisation's
 * clinicians a resident who keeps mental health with its service did not
 * ask for: "psychology" and "psychological" alone (clinical health
 * psychology, neuropsychology, pain and diabetes psychology), "counselling"
 * (bereavement, genetic counselling), "psychotherapy" alone, "wellbeing",
 * memory clinics and dementia services (older people's medicine and
 * neurology run them too), learning disability and drug and alcohol
 * services. Such a service's items are mental health by their label or their
 * source, as before.
 *
 * The SDK names a care setting for display by its own, narrower words
 * (`record/care-setting.ts`): an organisation whose name it reads as mental
 * health is one here too, so a reader is never shown the setting of an item
 * this rule would have withheld from them.
 *
 * No Node imports: `visibility.ts` uses this module in the stories' in-browser hub.
 */

import { codeSystemKey, sameCodeSystem } from '@care-record/sdk';
import { ANY_NON_LETTER, phrasesPattern } from './words.js';

type Json = Record<string, unknown>;

/** What names a mental health service (the doc comment above says why each does, and why others do not). */
export const MENTAL_HEALTH_PHRASES: readonly string[] = [
  'mental-?health(?:care)?',
  '(?:neuro)?psychiatr\\p{L}*',
  'psychogeriatr\\p{L}*',
  'camhs',
  'cypmhs',
  'cmhts?',
  'iapts?',
  'talking therap(?:y|ies)',
  'psychological therap(?:y|ies)',
  'psychos[ie]s',
  'eating disorders?',
];

/** The phrases, whole words, in any case, with any run of non-letters between the words. */
const MENTAL_HEALTH_WORDS = phrasesPattern(MENTAL_HEALTH_PHRASES, ANY_NON_LETTER);

/** Whether a text names a mental health service. */
export const namesMentalHealthService = (text: unknown): boolean => typeof text === 'string' && MENTAL_HEALTH_WORDS.test(text);

/** The directory: what it says is about services, not about a resident. */
const DIRECTORY_TYPES: ReadonlySet<string> = new Set(['Organization', 'Practitioner', 'PractitionerRole', 'HealthcareService', 'Location']);

/** What a reference to the resident or to their people names: never a service. */
const PEOPLE: ReadonlySet<string> = new Set(['Patient', 'RelatedPerson']);

const BOOKING_ORGANIZATION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The values at a path from a resource, through lists at every step. */
function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  const [step, ...rest] = path;
  if (step === undefined) return [value];
  return isObject(value) ? valuesAt(value[step], rest) : [];
}

/**
 * SNOMED CT concepts that name a mental health service or specialty, read as their words would be when a coding is
 * sent with no display (or with one that says something else: the code is what the source meant), as GP and hospital
 * exports send a specialty or a practice setting. Each is in HL7's practice setting value set (c80-practice-codes), the
 * one SNOMED CT list of specialties the hub's sources send. Psychotherapy and learning disability are not listed, as
 * their words are not read (the doc comment above says why).
 */
export const MENTAL_HEALTH_SNOMED: ReadonlyMap<string, string> = new Map([
  ['394587001', 'Psychiatry'],
  ['408467006', 'Adult mental illness'],
  ['394588006', 'Child and adolescent psychiatry'],
]);

/** A set of code systems that holds any spelling of each (`codeSystemKey`). */
class CodeSystems extends Set<string> {
  override has(system: string): boolean {
    return typeof system === 'string' && super.has(codeSystemKey(system));
  }
}
const codeSystems = (systems: readonly string[]): ReadonlySet<string> => new CodeSystems(systems.map(codeSystemKey));

/** SNOMED CT, as a coding names it. */
export const SNOMED = 'http://snomed.info/sct';

/**
 * UK Core's practice setting codes: the NHS Data Dictionary's main specialty and treatment function codes, as a UK
 * source codes a specialty, a service type or a practice setting. The system is the one UK Core's value sets expand
 * (seen in the NHS North West Genomics IG's ValueSet `specialty`, https://build.fhir.org/ig/nw-gmsa/R4/ValueSet-specialty.html,
 * "100 General Surgery" onwards).
 */
export const UK_CORE_PRACTICE_SETTING = 'https://fhir.hl7.org.uk/CodeSystem/UKCore-PracticeSettingCode';

/**
 * The treatment functions that name a mental health service, read as their words: each seen with this meaning in a
 * published list of the national codes (a HES outpatient extract's labels of `tretspef` and `mainspef`, the treatment
 * function and main specialty). Not 700 (learning disability), 713 (medical psychotherapy), 721 (addiction) or 727
 * (dementia assessment): their words are not read either (the doc comment above says why).
 */
export const MENTAL_HEALTH_TREATMENT_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['710', 'Adult Mental Illness'],
  ['711', 'Child and Adolescent Psychiatry'],
  ['712', 'Forensic Psychiatry'],
  ['715', 'Old Age Psychiatry'],
  ['720', 'Eating Disorders'],
  ['722', 'Liaison Psychiatry'],
  ['723', 'Psychiatric Intensive Care'],
  ['724', 'Perinatal Mental Health'],
  ['725', 'Mental Health Recovery and Rehabilitation'],
  ['726', 'Mental Health Dual Diagnosis'],
  ['730', 'Neuropsychiatry'],
]);

/**
 * HL7's service type code system (FHIR's example service types, as a service's type, an appointment's or an
 * encounter's service type is coded), in its current and its R3 system.
 */
export const HL7_SERVICE_TYPE_SYSTEMS: ReadonlySet<string> = codeSystems([
  'http://terminology.hl7.org/CodeSystem/service-type',
  'http://hl7.org/fhir/service-type',
]);

/**
 * HL7 service types that name a mental health service, read as their words: every code of HL7's service type code
 * system (HL7 Terminology, http://terminology.hl7.org/CodeSystem/service-type, its source of truth's
 * CodeSystem-service-type.xml) whose display or definition the words above read as mental health, by its definition
 * (several displays there are cut short: 346 "Forensic Mental Heal"). Not Psychology (142), Counselling (305),
 * Depression, Anxiety, Bipolar, Phobias, Dementia Care or the drug and alcohol services, as their words are not read
 * either (the doc comment above says why), nor Crisis Assessment And Treatment Services (308), whose words do not say.
 */
export const MENTAL_HEALTH_SERVICE_TYPES: ReadonlyMap<string, string> = new Map([
  ['134', 'Mental health advocacy'],
  ['135', 'Mental health assessment/triage/crisis response'],
  ['136', 'Mental health case management/continuing care'],
  ['137', 'Mental health information/referral'],
  ['138', 'Mental health inpatient services (hospital psychiatric unit)'],
  ['139', 'Mental health non-residential rehabilitation'],
  ['140', 'Mental health residential rehabilitation/community care unit'],
  ['141', 'Psychiatry (requires referral)'],
  ['239', 'Adult Mental Health Services'],
  ['242', 'Aged Persons Mental Health Residential Units'],
  ['243', 'Aged Persons Mental Health Services'],
  ['244', 'Aged Persons Mental Health Teams'],
  ['283', 'Child And Adolescent Mental Health Services'],
  ['292', 'Community Child And Adolescent Mental Health Services'],
  ['328', 'Eating Disorder'],
  ['346', 'Forensic Mental Health Services'],
  ['414', 'Primary Mental Health And Early Intervention Teams'],
  ['417', 'Psychiatric'],
  ['418', 'Psychiatric Disability Support Services - Home-Based Outreach'],
  ['419', 'Psychiatric Disability Support Services - Planned Respite'],
  ['420', 'Psychiatric Disability Support Services - Residential Rehabilitation'],
  ['421', 'Psychiatric Disability Support Services Home-Based Outreach'],
  ['422', 'Psychiatric Disability Support Services Mutual Support And Self Help'],
  ['423', 'Psychiatric Support'],
  ['490', 'General Mental Health Services'],
  ['541', 'Crisis - Mental Health'],
  ['564', 'Adolescent Mental Health Services'],
]);

/** HL7 v3 RoleCode, as a place's type is coded (ServiceDeliveryLocationRoleType), in its current and its R3 system. */
export const V3_ROLE_CODE_SYSTEMS: ReadonlySet<string> = codeSystems([
  'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  'http://hl7.org/fhir/v3/RoleCode',
]);

/**
 * v3 RoleCodes of a mental health place, read as their words: each in HL7's RoleCode code system with this display
 * (HL7 Terminology's source of truth, v3-RoleCode.xml; FHIR R4's v3-ServiceDeliveryLocationRoleType expansion). Not
 * `PSI` (Psychology clinic), `RHAT` (addiction treatment center), `SURF` (Substance use rehabilitation facility), `RTF`
 * (Residential treatment facility) or `CHR` (Chronic Care Facility), whose words do not say mental health.
 */
export const MENTAL_HEALTH_ROLE_CODES: ReadonlyMap<string, string> = new Map([
  ['PSYCHF', 'Psychatric Care Facility'],
  ['PHU', 'Psychiatric hospital unit'],
  ['PSY', 'Psychiatry clinic'],
  ['CAPC', 'Child and adolescent psychiatry clinic'],
]);

/** Whether a coding's code is one of `codes` in `system` (or in any of `system`). */
const codedAs = (coding: Json, system: string | ReadonlySet<string>, codes: ReadonlyMap<string, string>): boolean =>
  typeof coding['system'] === 'string' &&
  (typeof system === 'string' ? sameCodeSystem(coding['system'], system) : system.has(coding['system'])) &&
  typeof coding['code'] === 'string' &&
  codes.has(coding['code']);

/** A CodeableConcept whose text or any coding's display names a mental health service, or whose code does. */
const saysMentalHealth = (concept: unknown): boolean =>
  isObject(concept) &&
  (namesMentalHealthService(concept['text']) ||
    listOf(concept['coding']).some(
      (coding) =>
        isObject(coding) &&
        (namesMentalHealthService(coding['display']) ||
          codedAs(coding, SNOMED, MENTAL_HEALTH_SNOMED) ||
          codedAs(coding, UK_CORE_PRACTICE_SETTING, MENTAL_HEALTH_TREATMENT_FUNCTIONS) ||
          codedAs(coding, HL7_SERVICE_TYPE_SYSTEMS, MENTAL_HEALTH_SERVICE_TYPES) ||
          codedAs(coding, V3_ROLE_CODE_SYSTEMS, MENTAL_HEALTH_ROLE_CODES)),
    ));

/**
 * Each record type's elements that name the service an item is from (as paths; FHIR R4): the concepts that say what
 * service it is, and the references to who provided, booked or holds it and where.
 */
export const SERVICE_ELEMENTS: ReadonlyMap<string, { concepts: readonly string[]; references: readonly string[] }> = new Map([
  [
    'Appointment',
    {
      concepts: ['serviceCategory', 'serviceType', 'specialty'],
      references: ['participant.actor', `extension[${BOOKING_ORGANIZATION}].valueReference`],
    },
  ],
  ['Encounter', { concepts: ['serviceType'], references: ['serviceProvider', 'location.location', 'participant.individual'] }],
  ['EpisodeOfCare', { concepts: ['type'], references: ['managingOrganization', 'team', 'careManager'] }],
  ['DocumentReference', { concepts: ['context.practiceSetting', 'context.facilityType'], references: ['custodian', 'author'] }],
  ['Observation', { concepts: [], references: ['performer'] }],
  ['DiagnosticReport', { concepts: [], references: ['performer', 'resultsInterpreter'] }],
  ['Procedure', { concepts: [], references: ['performer.actor', 'performer.onBehalfOf', 'location', 'asserter'] }],
  ['Immunization', { concepts: [], references: ['performer.actor', 'location'] }],
  ['MedicationRequest', { concepts: [], references: ['requester', 'performer'] }],
  ['MedicationStatement', { concepts: [], references: ['informationSource'] }],
  ['Condition', { concepts: [], references: ['asserter'] }],
  ['AllergyIntolerance', { concepts: [], references: ['asserter'] }],
  ['CarePlan', { concepts: [], references: ['author', 'careTeam'] }],
  ['Goal', { concepts: [], references: ['expressedBy'] }],
  ['Flag', { concepts: [], references: ['author'] }],
  // A product made by a service (a clinic's own preparation) is that service's, as an item it provided is (R14).
  ['Medication', { concepts: [], references: ['manufacturer'] }],
]);

/** The values at a path, where a step `extension[url]` is the extensions of that url only. */
function elementsAt(resource: Json, path: string): unknown[] {
  const extension = /^extension\[(.+)\]\.(.+)$/.exec(path);
  if (!extension) return valuesAt(resource, path.split('.'));
  const [, url = '', rest = ''] = extension;
  return listOf(resource['extension'])
    .filter((candidate) => isObject(candidate) && candidate['url'] === url)
    .flatMap((candidate) => valuesAt(candidate, rest.split('.')));
}

/**
 * What a directory entry (contained in an item, or in the directory) calls itself: name, aliases, type and kind — a
 * service's kinds as a whole (`servedAs`), any other entry's by any one.
 */
const namesItself = (entry: Json): boolean =>
  namesMentalHealthService(entry['name']) ||
  listOf(entry['alias']).some(namesMentalHealthService) ||
  (entry['resourceType'] === 'HealthcareService'
    ? servedAs(entry, saysMentalHealth)
    : ['type', 'category', 'specialty'].some((element) => listOf(entry[element]).some(saysMentalHealth)));

/**
 * A reference naming a mental health service: by its display, or by what the contained resource it points at says —
 * itself, or whose it is (`ownersOf`: a role's service, place or organisation, a place's or a service's own), followed
 * among the item's contained resources to any depth, each once.
 * Its type is read as the directory's keys read it (`entryType`: its own over a `type` that disagrees); a display is
 * left unread only when the reference is to a person by both, since where the two disagree it may be a service's.
 */
function namesMentalHealth(reference: unknown, contained: readonly Json[], followed: Set<Json> = new Set()): boolean {
  if (!isObject(reference)) return false;
  const type = entryType(reference);
  const declared = typeof reference['type'] === 'string' ? entryType({ type: reference['type'] }) : undefined;
  if (type !== undefined && PEOPLE.has(type) && (declared === undefined || PEOPLE.has(declared))) return false;
  if (namesMentalHealthService(reference['display'])) return true;
  const inner = containedTarget(reference, contained);
  if (inner === undefined || followed.has(inner) || PEOPLE.has(String(inner['resourceType']))) return false;
  followed.add(inner);
  return namesItself(inner) || ownersOf(inner).some((owner) => namesMentalHealth(owner, contained, followed));
}

/** The contained resource a reference points at (`#id`), if any. */
function containedTarget(reference: unknown, contained: readonly Json[]): Json | undefined {
  const target = isObject(reference) ? reference['reference'] : undefined;
  if (typeof target !== 'string' || !target.trim().startsWith('#')) return undefined;
  const id = target.trim().slice(1);
  return contained.find((resource) => resource['id'] === id);
}

/**
 * Whether the service an item (or a resource it contains) names is a mental health service: by its service elements
 * (`SERVICE_ELEMENTS`), and by every other reference in it that names who or where (`eachReference`, reviewer R18):
 * one to an organisation, a place, a service, a role or a practitioner, or one that does not say what it points at,
 * unless it sits in an element saying what the item is about or rests on (`ABOUT_ELEMENTS`: a reason, what it is
 * based on, its evidence), whose display is what the item is about, which is not read.
 */
export function isMentalHealthService(resource: Json): boolean {
  if (DIRECTORY_TYPES.has(String(resource['resourceType']))) return false;
  const contained = listOf(resource['contained']).filter(isObject);
  const elements = SERVICE_ELEMENTS.get(String(resource['resourceType']));
  if (elements) {
    if (elements.concepts.some((path) => elementsAt(resource, path).some(saysMentalHealth))) return true;
    if (elements.references.some((path) => elementsAt(resource, path).some((reference) => namesMentalHealth(reference, contained))))
      return true;
  }
  let named = false;
  eachReference(resource, (reference, element) => {
    if (named) return;
    const type = entryType(reference) ?? targetType(reference, contained);
    const whoOrWhere = type === undefined ? !ABOUT_ELEMENTS.has(element) : SERVICE_ENTRIES.has(type) || DIRECTORY_TYPES.has(type);
    if (whoOrWhere && namesMentalHealth(reference, contained)) named = true;
  });
  return named || contained.some((inner) => isMentalHealthService(inner));
}

/** The type of the contained resource a reference points at (`#id`), if any. */
const targetType = (reference: Json, contained: readonly Json[]): string | undefined => {
  const inner = containedTarget(reference, contained);
  return inner === undefined ? undefined : String(inner['resourceType']);
};

/**
 * The elements (FHIR R4) whose references say what an item is about or rests on, not who recorded or provided it or
 * where: a reason, a request it is based on or fulfils, what it is part of, its focus, members, evidence and results,
 * the medicine or device it names. A reference there that does not say what it points at is read by its keys only
 * (`serviceReferenceKeys`), never by its display: "Psychosis review" there is what the item is about (R12).
 */
const ABOUT_ELEMENTS: ReadonlySet<string> = new Set([
  'subject',
  'patient',
  'reasonReference',
  'basedOn',
  'partOf',
  'focus',
  'hasMember',
  'derivedFrom',
  'result',
  'addresses',
  'supportingInfo',
  'supportingInformation',
  'detail',
  'condition',
  'replaces',
  'target',
  'outcomeReference',
  'related',
  'assessment',
  'report',
  'complicationDetail',
  'usedReference',
  'medicationReference',
  'itemReference',
  'specimen',
  'device',
  'focalDevice',
  'manipulated',
  'reference',
  'item',
  'sourcePatientInfo',
  'goal',
]);

/**
 * Every reference in an item, at any depth — its elements, its extensions (an extension's `valueReference`, one
 * nested in another), an identifier's `assigner`, and the resources it contains — with the element holding it: an
 * object that is not a resource, a coding or an identifier and holds a `reference`, an `identifier` or a `display`.
 * Not the resident's or their people's resources an item contains (their GP is no service of the item's), nor a
 * privacy setting's `provision` (the organisations a resident's choice names are kept from or given her record, which
 * says nothing of where she was seen), nor `meta`.
 */
export function eachReference(resource: Json, visit: (reference: Json, element: string) => void): void {
  const walk = (value: unknown, element: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, element);
      return;
    }
    if (!isObject(value)) return;
    if (typeof value['resourceType'] === 'string') {
      if (PEOPLE.has(value['resourceType'])) return;
      for (const key in value) if (key !== 'meta' && !(value['resourceType'] === 'Consent' && key === 'provision')) walk(value[key], key);
      return;
    }
    if (
      !('coding' in value) &&
      !('system' in value) &&
      (typeof value['reference'] === 'string' || isObject(value['identifier']) || typeof value['display'] === 'string')
    )
      visit(value, element);
    for (const key in value) if (typeof value[key] === 'object') walk(value[key], key);
  };
  walk(resource, '');
}

/** Whether a type (a CodeableConcept) names a mental health service, by its words or its SNOMED CT code. */
export const saysMentalHealthType = (concept: unknown): boolean => saysMentalHealth(concept);

/**
 * Words that say only what kind of setting or body a type is — a clinic, an outpatient department, a service, a
 * provider, a trust — and never which service: left out before a type's words are matched against `ORDINARY_SERVICES`,
 * and alone they name none ("Outpatient clinic", "Healthcare Provider").
 */
const SETTING_WORDS: ReadonlySet<string> = new Set([
  'service',
  'services',
  'department',
  'departments',
  'dept',
  'unit',
  'units',
  'centre',
  'centres',
  'center',
  'centers',
  'team',
  'teams',
  'clinic',
  'clinics',
  'outpatient',
  'outpatients',
  'out',
  'patient',
  'patients',
  'inpatient',
  'inpatients',
  'nhs',
  'trust',
  'foundation',
  'provider',
  'healthcare',
  'organisation',
  'organization',
  'organisational',
  'organizational',
  'the',
  'of',
  'for',
  'and',
]);

/**
 * Ordinary services an organisation may list as its own, as their words read with `SETTING_WORDS` left out: a type
 * whose words are one of these, and nothing else, is an ordinary service (R11). A closed list on purpose, and a short
 * one: only a whole hospital or a service no dedicated clinic is a part of — an emergency department, general
 * practice, radiology, pathology, an ambulance, district nursing, health visiting. Never a specialty or a setting a
 * sensitive clinic may list beside itself as part of what it does: medicine (genito-urinary medicine, an eating
 * disorder unit's), surgery and anaesthetics (termination, gender surgery), endocrinology and diabetes (gender identity,
 * eating disorders), paediatrics and child health (CAMHS), neurology (neuropsychiatry), intensive care (psychiatric
 * intensive care), rehabilitation, acute or community services (an acute ward, community sexual health), primary
 * care, urgent care, nor any word the hub does not know — contraception, HIV, pregnancy advisory, psychology,
 * maternity (termination services are run under obstetrics and gynaecology). "Hospital" is not a setting word here:
 * an acute hospital is a whole hospital, "acute" alone an acute mental health ward.
 */
const ORDINARY_SERVICES: ReadonlySet<string> = new Set([
  'emergency',
  'accident emergency',
  'a e',
  'emergency medicine',
  'acute hospital',
  'general hospital',
  'district general hospital',
  'general practice',
  'radiology',
  'pathology',
  'ambulance',
  'district nursing',
  'health visiting',
]);

/**
 * Words that name a kind of body — a trust, a foundation trust, a provider, an organisation. A type carrying one says
 * what kind of body the organisation is, never a service of its own: "Acute hospital trust" is the trust's type, which
 * a clinic of the trust copies beside its own ("Sexual health clinic"), so it makes no clinic ordinary. A trust is told
 * apart by the services it lists ("Acute hospital services", "Emergency department").
 */
const BODY_WORDS: ReadonlySet<string> = new Set([
  'trust',
  'trusts',
  'foundation',
  'provider',
  'providers',
  'organisation',
  'organization',
  'organisational',
  'organizational',
]);

/**
 * The one kind of care a single service (a HealthcareService) may list others beside as its own (R13): general
 * practice, whose service really lists every kind of care the practice gives. Not an emergency department, an
 * ambulance, district nursing or health visiting: a crisis team answers emergencies, a sexual assault referral centre
 * is an emergency service, a domestic abuse service works beside health visitors — those kinds are what a sensitive
 * service is too, and neutralise none.
 */
const PRIMARY_CARE: ReadonlySet<string> = new Set(['general practice']);

/** What a type's text or display says: an ordinary service of its own, only a setting (or a kind of body), or anything else. */
function serviceWords(text: string, ordinary: ReadonlySet<string>): 'ordinary' | 'setting' | 'other' {
  const all = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== '');
  if (all.some((word) => BODY_WORDS.has(word))) return 'setting';
  const words = all.filter((word) => !SETTING_WORDS.has(word));
  if (words.length === 0) return 'setting';
  return ordinary.has(words.join(' ')) ? 'ordinary' : 'other';
}

/**
 * Whether an organisation's type names an ordinary service of its own: every word it carries (its text, each coding's
 * display) is an ordinary service or only a setting, and one is an ordinary service. A code with no words, of any
 * system, is not read as one: the hub cannot tell it is not another part of the sensitive service.
 */
function namesOrdinaryService(concept: unknown, ordinary: ReadonlySet<string> = ORDINARY_SERVICES): boolean {
  if (!isObject(concept)) return false;
  const words = [concept['text'], ...listOf(concept['coding']).map((coding) => (isObject(coding) ? coding['display'] : undefined))]
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .map((text) => serviceWords(text, ordinary));
  return words.includes('ordinary') && !words.includes('other');
}

/**
 * Whether a directory entry's types say it is such a service (`says`). A place (a Location) is one place, and an
 * organisation part of another (`partOf`: a unit, a clinic of a trust) one service: any type saying so makes it one,
 * whatever ordinary types it lists beside — those are its trust's, copied ("Sexual health clinic" and "Acute hospital
 * services"), never a hospital of its own. Only an organisation part of none (`mayListServices`) may be a multi-service
 * trust, told by its types as a whole: one says so, and none is an ordinary service of its own
 * (`namesOrdinaryService`) that is not sensitive too (`sensitive`). A trust typed acute, community and sexual health
 * services is not a sexual health service as a whole: its own items are told by their service elements (its clinic's
 * service, unit, place or role), as a practice that runs a clinic is (R11, R12), else a GP would lose a whole hospital's
 * results for it. A clinic typed sexual health and contraception, HIV care, an outpatient clinic or anything else the
 * hub does not know as an ordinary service is withheld whole: when unsure, the rule withholds.
 */
export function typedAsService(entry: Json, says: (type: unknown) => boolean, sensitive = says): boolean {
  const types = listOf(entry['type']);
  if (!types.some(says)) return false;
  return !mayListServices(entry) || !types.some((type) => !says(type) && !sensitive(type) && namesOrdinaryService(type));
}

/**
 * Whether a service (a HealthcareService) is one of a GP practice's own, as the directory knows its provider
 * (`practiceServices`); none for a service the hub cannot look its provider up for (one an item contains).
 */
export type PracticeOwned = (service: Json) => boolean;

const NO_PRACTICE_KNOWN: PracticeOwned = () => false;

/**
 * Whether a service (a HealthcareService) is such a service (`says`) by its kinds: by its category, the broad kind
 * of the whole service, or by any type or specialty saying so — unless it is a practice's own service (`practiceOwned`:
 * provided by an organisation the directory knows as a GP practice) listing general practice too (`PRIMARY_CARE`),
 * which lists every kind of care the practice gives (general practice, contraception, a mental health review): that
 * is not a sensitive service, and its items are told by their own codes and place. What the service says of itself
 * does not make it a practice's (reviewer R14): a clinic of the category general practice (HL7's service category 17)
 * typed general practice beside sexual health is the clinic, and a practice's service with no category is the
 * practice's. Nothing else keeps a mixed listing ordinary (R13): not a clinic that merely adds "General practice" to
 * "Sexual health", nor an emergency, crisis, community or health-visiting kind beside a sensitive one (a sexual assault
 * referral centre typed "Emergency", a crisis team typed adult mental health and "Emergency"). (A sexual assault or
 * domestic abuse kind is never neutralised: `isSdvService` reads any one.) When unsure — a service whose provider the
 * hub cannot look up, one an item contains — the rule withholds.
 */
export function servedAs(
  entry: Json,
  says: (type: unknown) => boolean,
  sensitive = says,
  practiceOwned: PracticeOwned = NO_PRACTICE_KNOWN,
): boolean {
  if (listOf(entry['category']).some(says)) return true;
  const kinds = [...listOf(entry['type']), ...listOf(entry['specialty'])];
  if (!kinds.some(says)) return false;
  if (!practiceOwned(entry)) return true;
  return !kinds.some((kind) => !says(kind) && !sensitive(kind) && namesOrdinaryService(kind, PRIMARY_CARE));
}

/** What the directory calls a GP practice, as an organisation's type says it in words (its text or a display). */
const GP_PRACTICE_WORDS: ReadonlySet<string> = new Set(['gp practice', 'general practice', 'general medical practice']);

/**
 * Whether a directory Organization is a GP practice by its types (in words: "GP practice", as the directory writes a
 * practice's kind), and not by its name: the directory, which no request writes, says what an organisation is.
 */
const isGpPractice = (organization: Json): boolean =>
  organization['resourceType'] === 'Organization' &&
  listOf(organization['type']).some((type) =>
    isObject(type)
      ? [type['text'], ...listOf(type['coding']).map((coding) => (isObject(coding) ? coding['display'] : undefined))].some(
          (words) =>
            typeof words === 'string' &&
            GP_PRACTICE_WORDS.has(
              words
                .normalize('NFKC')
                .toLowerCase()
                .split(/[^\p{L}]+/u)
                .filter((word) => word !== '')
                .join(' '),
            ),
        )
      : false,
  );

/**
 * Which services are a GP practice's own (`PracticeOwned`), by the directory's organisations: a service whose
 * `providedBy` names, in every key it is known by (`referenceKeys`: by this hub's id, an identifier), organisations the
 * directory knows as GP practices (`isGpPractice`). A provider named by another server's address, contained, or by a
 * display alone is not one the hub can look up: the service is read as a clinic's.
 */
export function practiceServices(organizations: readonly Json[]): PracticeOwned {
  const practices = new Set(organizations.filter(isGpPractice).flatMap(directoryKeys));
  const others = new Set(organizations.filter((organization) => !isGpPractice(organization)).flatMap(directoryKeys));
  return (service) => {
    const keys = referenceKeys(service['providedBy'], []);
    return keys.length > 0 && keys.every((key) => practices.has(key) && !others.has(key));
  };
}

/**
 * Whether a directory entry may list several services of its own beside a sensitive one: an organisation that is part
 * of no other (no `partOf`) — a trust. Not a place (a Location names its trust by `managingOrganization`, and copies
 * its types), nor an organisation part of another.
 */
export const mayListServices = (entry: Json): boolean =>
  entry['resourceType'] === 'Organization' && !listOf(entry['partOf']).some(isObject);

/**
 * Whether a directory Organization is a mental health service: by its name or an alias, or by its types when they say
 * so as a whole (`typedAsService`: not a trust that lists other services beside mental health).
 */
export function isMentalHealthOrganization(organization: Json): boolean {
  return (
    namesMentalHealthService(organization['name']) ||
    listOf(organization['alias']).some(namesMentalHealthService) ||
    typedAsService(organization, saysMentalHealth)
  );
}

/**
 * The directory entries a service can be referred to as, which the hub can tell apart from an item alone: an
 * organisation, a place, a service, a practitioner's role at one of them (sent with the practitioner's name as its
 * display, or none: whose service it is, only the directory says), and a practitioner — who is such a service's only
 * when every role the directory gives them is at one (`servicesOf`): the same person may work for a practice and a
 * trust, and then the practitioner alone says neither.
 */
const SERVICE_ENTRIES: ReadonlySet<string> = new Set(['Organization', 'Location', 'HealthcareService', 'PractitionerRole', 'Practitioner']);

/**
 * An identifier's system as a key: in any case, `http` or `https`, with or without a closing slash — the same
 * system however a source wrote its address.
 */
const systemKey = (system: unknown): string =>
  typeof system === 'string'
    ? system
        .trim()
        .toLowerCase()
        .replace(/^http:/, 'https:')
        .replace(/\/+$/, '')
    : '';

/**
 * An identifier as keys: its system and value (`system|VALUE`, the value's case set aside: ODS codes are sent in
 * either), and, for an identifier sent without a system, the value alone (`|VALUE`), which `directoryKeys` gives
 * every entry's identifiers too.
 */
function identifierKey(identifier: unknown): string | undefined {
  if (!isObject(identifier) || typeof identifier['value'] !== 'string') return undefined;
  const value = identifier['value'].trim().toUpperCase();
  if (value === '') return undefined;
  return `${systemKey(identifier['system'])}|${value}`;
}

/**
 * What a directory entry may be referred to by (`serviceReferenceKeys`): `Type/id`, each of its identifiers as
 * `system|VALUE`, and each identifier's value alone, as a reference sent without its system names it.
 */
export function directoryKeys(entry: Json): string[] {
  const keys = listOf(entry['identifier']).flatMap((identifier) => {
    const key = identifierKey(identifier);
    return key === undefined ? [] : [key, key.slice(key.indexOf('|'))];
  });
  if (typeof entry['id'] === 'string' && entry['id'] !== '') keys.unshift(`${String(entry['resourceType'])}/${entry['id']}`);
  return [...new Set(keys)];
}

const safelyDecoded = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * The elements of a directory entry that say whose it is: a place's manager, a service's provider, what it is part of,
 * and a role's organisation, services and places (only a role's: a service's own places may be another's premises).
 */
const OWNER_ELEMENTS = ['managingOrganization', 'providedBy', 'partOf'] as const;
const ROLE_OWNER_ELEMENTS = ['organization', 'healthcareService', 'location'] as const;
const ownersOf = (entry: Json): unknown[] =>
  [...OWNER_ELEMENTS, ...(entry['resourceType'] === 'PractitionerRole' ? ROLE_OWNER_ELEMENTS : [])].flatMap((element) =>
    listOf(entry[element]),
  );

/**
 * A URL's path as a server reads it: percent-encoded letters, digits and `-._~` decoded (RFC 3986 says they are the
 * same characters; `%66hir` is `fhir`, `%2F` stays a slash's code), runs of slashes as one (`//fhir` is `/fhir`),
 * `.` and `..` segments resolved as the WHATWG URL parser resolves them — after decoding too, so `%2E%2E` is `..` —
 * and a segment's parameters (`x;v=1`) set aside: no part of a FHIR id or base, so `Organization/x;v=1` is not valid,
 * and read as `Organization/x` an item naming a sensitive service so is withheld rather than shown.
 */
function normalPath(path: string): string {
  return new URL(
    unreserved(path)
      .replace(/;[^/]*/g, '')
      .replace(/\/{2,}/g, '/'),
    'https://path.invalid',
  ).pathname;
}

/** Percent-encoded letters, digits and `-._~` decoded, as RFC 3986 reads them; any other escape left as it is. */
const unreserved = (text: string): string =>
  text.replace(/%([0-9A-Fa-f]{2})/g, (escape: string, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(character) ? character : escape.toUpperCase();
  });

/**
 * An absolute reference read as the WHATWG URL parser reads it — scheme and host in lower case, a default port left
 * out, `.` and `..` resolved, query and fragment set aside — with its path as a server reads it (`normalPath`); then
 * its server's address and `Type/id` (any version of it, `_history` in any case, a stray closing slash). The address
 * is the shortest that leaves such a tail, so `…/fhir/Organization/x/_history/2` is `Organization/x` there. None for a
 * reference that is not an absolute URL.
 */
function absoluteReference(target: string): { address: string; type: string; id: string } | undefined {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target)) return undefined;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const tail = /^(\/.*?)?\/([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/i.exec(normalPath(url.pathname));
  if (!tail) return undefined;
  return { address: `${url.protocol}//${url.host}${tail[1] ?? ''}`, type: tail[2] ?? '', id: tail[3] ?? '' };
}

/**
 * A reference relative to this hub's base, as a URI resolver reads one: `Type/id` (FHIR's form), or spelled as a
 * path from the base (`./Organization/x`) or from the host (`/fhir/Organization/x`) — its path as a server reads it
 * (`normalPath`), its query and fragment set aside; then its `Type/id` (any version of it, a stray closing slash).
 * A path that leaves the base (`../x/Organization/y`, `/other/Organization/y`) is read so too: it can only be
 * resolved against this hub's host, and an entry of this hub's id there is withheld rather than shown. None for an
 * absolute URL, a network path (`//host/…`), a contained entry (`#x`) or a conditional reference.
 */
function localReference(target: string): { type: string; id: string } | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) || /^[#?]|^\/\//.test(target)) return undefined;
  const path = target.split(/[?#]/, 1)[0] ?? '';
  const tail = /^(?:\/.*?)?\/([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/i.exec(normalPath(path));
  return tail ? { type: tail[1] ?? '', id: tail[2] ?? '' } : undefined;
}

/**
 * A server's address as a key (`https://host[:port]/path`): in any case, `http` or `https`, with its default port
 * or none, with or without a closing slash, its path as a server reads it (`normalPath`: `%66hir`, `//fhir`, `./`) —
 * the same server however a source wrote it. None for other schemes.
 */
export function addressKey(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const port = ['', '80', '443'].includes(url.port) ? '' : `:${url.port}`;
  // A host written with its closing dot (`hub.example.`) is the same host, fully qualified.
  const host = url.hostname.replace(/\.$/, '');
  return `https://${host}${port}${normalPath(url.pathname).replace(/\/+$/, '')}`.toLowerCase();
}

/**
 * The id of the directory's Organization a reference names as this hub's own entry, read as `referenceKeys` reads one:
 * relative in any form a resolver takes to this hub (`Organization/x`, a version of it, `./`, a path from the host), or
 * absolute at one of this hub's addresses (`addressKey`s) in any spelling. None for another server's entry, another
 * type, or a form that is no reference to an entry.
 */
export function hubOrganizationId(target: string, hubAddresses: readonly string[]): string | undefined {
  const named = hubEntry(target, hubAddresses);
  return named && !named.elsewhere && named.type.toLowerCase() === 'organization' ? named.id : undefined;
}

/**
 * The entry of this hub a reference names (`Type/id`, in any form `hubOrganizationId` reads), or `elsewhere` for an
 * absolute reference to another server's entry; none for a form that is no reference to an entry.
 */
export function hubEntry(target: string, hubAddresses: readonly string[]): { type: string; id: string; elsewhere?: true } | undefined {
  const trimmed = target.trim();
  const local = localReference(trimmed);
  if (local) return local;
  const absolute = absoluteReference(trimmed);
  const address = absolute ? addressKey(absolute.address) : undefined;
  if (!absolute) return undefined;
  return address !== undefined && hubAddresses.includes(address)
    ? { type: absolute.type, id: absolute.id }
    : { type: absolute.type, id: absolute.id, elsewhere: true };
}

/** The type a reference names its target by: its `reference`'s own (`Type/id`, at any address), else its `type`, in any case. */
function entryType(reference: Json): string | undefined {
  const target = typeof reference['reference'] === 'string' ? reference['reference'].trim() : '';
  const named =
    /^([A-Za-z]+)(?:\/|\?)/.exec(target)?.[1] ??
    absoluteReference(target)?.type ??
    localReference(target)?.type ??
    (typeof reference['type'] === 'string' ? reference['type'].split('/').pop() : undefined);
  if (named === undefined) return undefined;
  return [...SERVICE_ENTRIES, ...PEOPLE, ...DIRECTORY_TYPES].find((type) => type.toLowerCase() === named.toLowerCase()) ?? named;
}

/**
 * What one reference names a directory entry by: a reference to this hub's entry, an identifier, a contained entry's
 * (and whose that is, followed among the contained resources to any depth, each once).
 */
function referenceKeys(reference: unknown, contained: readonly Json[], followed: Set<Json> = new Set()): string[] {
  if (!isObject(reference)) return [];
  const type = entryType(reference);
  if (type !== undefined && !SERVICE_ENTRIES.has(type)) return [];
  const keys: string[] = [];
  const target = typeof reference['reference'] === 'string' ? reference['reference'].trim() : undefined;
  if (target !== undefined) {
    // This hub's own entry (`Organization/abc`, a version of it, a stray closing slash or query; `./`, a path from
    // the host), kept only for the entries a service is referred to as.
    const local = localReference(target);
    const localType = local ? entryType({ reference: `${local.type}/` }) : undefined;
    if (local && localType !== undefined && SERVICE_ENTRIES.has(localType)) keys.push(`${localType}/${local.id}`);
    // The same at a server's address (`https://hub.example/fhir/Organization/abc`): kept with the address, as the
    // item does not say whose it is — by this hub's address it is the directory's entry (`Visibility.labelledServices`
    // holds the entries at the hub's address too), by any other it is another server's, whatever its id.
    const absolute = absoluteReference(target);
    const address = absolute ? addressKey(absolute.address) : undefined;
    const absoluteType = absolute ? entryType({ reference: `${absolute.type}/` }) : undefined;
    if (address !== undefined && absoluteType !== undefined && SERVICE_ENTRIES.has(absoluteType))
      keys.push(`${address}/${absoluteType}/${absolute?.id ?? ''}`);
    // A conditional reference, as a transaction sends one: `Organization?identifier=system|value` (or `:exact`, with
    // other parameters beside it, with or without a system).
    const conditional = /^(?:Organization|Location|HealthcareService|PractitionerRole|Practitioner)\?(.*)$/i.exec(target);
    for (const parameter of conditional?.[1]?.split('&') ?? []) {
      const [name = '', ...rest] = parameter.split('=');
      if (!/^identifier(?::exact)?$/i.test(safelyDecoded(name))) continue;
      const text = safelyDecoded(rest.join('='));
      const bar = text.indexOf('|');
      const key = identifierKey(bar === -1 ? { value: text } : { system: text.slice(0, bar), value: text.slice(bar + 1) });
      if (key) keys.push(key);
    }
    if (target.startsWith('#')) {
      // A contained entry: by its identifiers, and by whose it is (a ward contained, managed by the trust).
      const inner = contained.find((resource) => resource['id'] === target.slice(1));
      if (inner && !followed.has(inner) && SERVICE_ENTRIES.has(String(inner['resourceType']))) {
        followed.add(inner);
        keys.push(
          ...listOf(inner['identifier']).flatMap((identifier) => identifierKey(identifier) ?? []),
          ...ownersOf(inner).flatMap((owner) => referenceKeys(owner, contained, followed)),
        );
      }
    }
  }
  const identified = identifierKey(reference['identifier']);
  if (identified) keys.push(identified);
  return keys;
}

/**
 * The directory entries the service elements (`SERVICE_ELEMENTS`) of an item, or of a resource it contains, point
 * at — by reference to this hub, by identifier (an ODS code) or through a contained entry's identifier — whatever
 * display they carry or lack. Which of them are mental health services the directory says when the item is read
 * (`Visibility.labelledServices`): a reference with no display, as exports often send, names the service all the
 * same. None for the directory itself and the resident's own entry.
 */
export function serviceReferenceKeys(resource: Json): string[] {
  const type = String(resource['resourceType']);
  if (DIRECTORY_TYPES.has(type) || PEOPLE.has(type)) return [];
  const keys = new Set<string>();
  const contained = listOf(resource['contained']).filter(isObject);
  // Every reference in the item, not only its service elements (reviewer R18): a recorder, a note's author, a
  // dispenser, an extension's reference at a service names it as plainly.
  eachReference(resource, (reference) => {
    for (const key of referenceKeys(reference, contained)) keys.add(key);
  });
  return [...keys];
}

/**
 * The Medications an item names by reference, anywhere in it (reviewer R14): a prescription's, a statement's, a
 * dispense's or an administration's `medicationReference`, a Medication's ingredients (`ingredient.itemReference`,
 * R13), and every other element that may point at one — a care plan activity's product, a procedure's used item, a
 * list's entries, an observation's focus, a task's focus, what a communication is about, an extension's
 * `valueReference` — at any depth, in the resources it contains too. Kept as `referenceKeys` keeps a directory entry:
 * `Medication/x` for a reference to this hub in any form a resolver takes (a `_history` version of it too),
 * `<address>/Medication/x` for an absolute one. Which of them carry a label the store says when the item is read
 * (`Visibility.labelledServices`, a Medication made of one that does counting as carrying it): the item is withheld as
 * it would be with the medicine written in it, whichever element names it. None for a contained one (`#med`), whose
 * content and labels are the item's own already (`labelsOf`). A `urn:uuid:` reference names nothing the hub holds once
 * stored, and a server's it does not know nothing of its own: neither says anything either way
 * (docs/access-policy.md, R11).
 */
const MAY_NAME_MEDICATION = /medication|%/i;

export function medicationReferenceKeys(resource: Json): string[] {
  const keys = new Set<string>();
  const add = (target: string) => {
    const local = localReference(target);
    if (local !== undefined && local.type.toLowerCase() === 'medication') keys.add(`Medication/${local.id}`);
    const absolute = absoluteReference(target);
    const address = absolute ? addressKey(absolute.address) : undefined;
    if (absolute !== undefined && address !== undefined && absolute.type.toLowerCase() === 'medication')
      keys.add(`${address}/Medication/${absolute.id}`);
  };
  // One walk over the item. A reference is parsed only when it may name a Medication: its type written out, or an
  // escape that may spell it (`Medic%61tion`, which a server reads as the same).
  const walk = (value: object): void => {
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (typeof item === 'object' && item !== null) walk(item);
      return;
    }
    for (const key in value) {
      const child: unknown = (value as Json)[key];
      if (typeof child === 'object' && child !== null) walk(child);
      else if (key === 'reference' && typeof child === 'string' && MAY_NAME_MEDICATION.test(child)) add(child.trim());
    }
  };
  walk(resource);
  return [...keys];
}

/**
 * Whether a directory entry is a mental health service by what it calls itself: its name or an alias, and a place's
 * types, which say what kind of place it is — a trust's "Ward 7" typed a psychiatric hospital unit (v3 RoleCode `PHU`)
 * is the unit — by any one of them, whatever else it lists: a place is one place (`typedAsService`). A service's
 * category and kinds are read as a whole (`servedAs`): a practice's own service (`practiceOwned`, by its provider in
 * the directory) lists every kind of care it offers, mental health support among them, and is not one for that.
 */
export const namesMentalHealthEntry = (entry: Json, practiceOwned: PracticeOwned = NO_PRACTICE_KNOWN): boolean =>
  namesMentalHealthService(entry['name']) ||
  listOf(entry['alias']).some(namesMentalHealthService) ||
  (entry['resourceType'] === 'Location' && typedAsService(entry, saysMentalHealth)) ||
  (entry['resourceType'] === 'HealthcareService' && servedAs(entry, saysMentalHealth, saysMentalHealth, practiceOwned));

/**
 * The keys (`directoryKeys`) of the directory's entries that are such a service, and of every entry that belongs to
 * one — a place it manages, a service it provides, an organisation, place or service part of it, a practitioner's role
 * at it, at a service or at a place of it — at any remove; and a practitioner every one of whose roles in the directory
 * is such a service's (as the role names them: `Practitioner/x`, an identifier). Not one with a role anywhere else, nor
 * by a qualification: that says what they trained as, not where an item was recorded. A service is read knowing which
 * are the directory's GP practices' own (`practiceServices`, by their providers among `entries`).
 */
export function servicesOf(
  entries: readonly Json[],
  isOrganization: (organization: Json) => boolean,
  isPlace: (entry: Json, practiceOwned: PracticeOwned) => boolean,
): string[] {
  const practiceOwned = practiceServices(entries.filter((entry) => entry['resourceType'] === 'Organization'));
  const keys = new Set<string>();
  const taken = new Set<Json>();
  const take = (entry: Json) => {
    taken.add(entry);
    for (const key of directoryKeys(entry)) keys.add(key);
  };
  for (const entry of entries)
    if (entry['resourceType'] === 'Organization' ? isOrganization(entry) : isPlace(entry, practiceOwned)) take(entry);
  for (let grew = true; grew;) {
    grew = false;
    for (const entry of entries)
      if (!taken.has(entry) && ownersOf(entry).some((owner) => referenceKeys(owner, []).some((key) => keys.has(key)))) {
        take(entry);
        grew = true;
      }
  }
  // Each practitioner a role names, with whether every role naming them is taken.
  const onlyHere = new Map<string, boolean>();
  for (const entry of entries) {
    if (entry['resourceType'] !== 'PractitionerRole') continue;
    for (const key of referenceKeys(entry['practitioner'], []))
      if (key.startsWith('Practitioner/') || key.includes('|')) onlyHere.set(key, (onlyHere.get(key) ?? true) && taken.has(entry));
  }
  for (const [key, only] of onlyHere) if (only) keys.add(key);
  return [...keys];
}
