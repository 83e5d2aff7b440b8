/**
 * Sensitive by what it says, not only by its label. DOMAIN: sexual health,
 * IVF and assisted fertilisation, termination of pregnancy and gender
 * reassignment are withheld from shared views. Systems that label them
 * (`meta.security` SEX) are honoured as they are; GP and hospital exports
 * often send them unlabelled, so an item is also treated as labelled SEX
 * when what it is about says it is one of these: a SNOMED CT code of the
 * list below, or words naming one in a coded concept's display or text, in
 * an identifier's type, in a reference's display — a reason, a diagnosis,
 * what a plan addresses or an order is based on, where and by whom —
 * whether the reference points at an item of this hub, at another server,
 * or by identifier alone, or in the item's title or the instructions shown
 * with it (a medicine's dosage, an instruction to the resident). These are read at any
 * depth: in the item's parts, its extensions and the resources it contains.
 * The list errs towards withholding from shared views; the resident and the
 * organisation that recorded the item still see it, and others are told
 * something is not shown.
 *
 * A title is a string element FHIR R4 defines as what an item, or a part of
 * it, is called — what every list shows as the item (`TITLES`): an
 * appointment's description, a care plan's title and description and an
 * activity's description, a document's description and its content's title,
 * a report's presented form's title, a composition's title and its
 * sections'. "Chlamydia follow-up" there says what the item is as plainly as
 * its code would. Each is read only on the type that defines it (and on a
 * contained resource of that type).
 *
 * So are the instructions shown with an item wherever it is listed
 * (`INSTRUCTIONS`): a medicine's dosage text and its instruction to the
 * resident, which every medicines list shows verbatim beside the medicine
 * (DOMAIN), and an appointment's instruction to the resident, which the
 * desk's view keeps. "One tablet twice a day for 7 days (chlamydia
 * treatment)" there tells a reader what the medicine is for as its code
 * would; withheld, the reader is told something is not shown.
 *
 * So are results written as words (reviewer R18): a string value (an
 * observation's, a component's) and a report's conclusion — "Chlamydia
 * trachomatis detected" there is the result as its code would be — and the
 * text of an attachment the hub can read (`attachmentText`: text, HTML, JSON
 * or XML sent as data, its first megabyte), a letter sent as text/plain. An
 * attachment it cannot read (a PDF, an image, one sent by URL only) is not
 * read, and its item is told by everything else it says.
 *
 * The boundary: free text that is none of these is not read — a note or
 * comment, the narrative, a reaction's description — and nor is `meta`
 * (its security labels count as labels, not as words). These say more than
 * what the item is, in sentences no word list can read safely either way.
 * R4 has no CodeableReference; a concept or a reference in its place is read
 * as either is.
 *
 * No Node imports: the stories' in-browser hub imports this module.
 */

import { sameCodeSystem } from '@care-record/sdk';
import {
  HL7_SERVICE_TYPE_SYSTEMS,
  type PracticeOwned,
  saysMentalHealthType,
  servedAs,
  SNOMED,
  typedAsService,
  UK_CORE_PRACTICE_SETTING,
  V3_ROLE_CODE_SYSTEMS,
} from './mental-health.js';
import { anyCaseOf, phrasesPattern, withoutFormatCharacters } from './words.js';

/**
 * SNOMED CT concepts that make an item sensitive, and their meaning, for review — so that an item coded by one of
 * these alone (no display, no text, as GP and hospital exports often send it) is read as its words would be. Each
 * code beyond the first eight was seen beside this meaning in published terminology: value sets of the public
 * health case definitions (chlamydia, lymphogranuloma venereum), HL7 and national implementation guides (gonorrhoea,
 * syphilis, genital herpes, assisted fertilisation, transsexual), a method-of-induced-abortion value set, and coded
 * condition tables (genital warts, trichomoniasis). A concept not seen so is not listed: its words still are.
 */
export const SENSITIVE_SNOMED: ReadonlyMap<string, string> = new Map([
  ['386639001', 'Termination of pregnancy'],
  ['57797005', 'Induced termination of pregnancy'],
  ['285409006', 'Medical termination of pregnancy'],
  ['52637005', 'In vitro fertilization'],
  ['93461009', 'Gender dysphoria'],
  ['407376001', 'Male-to-female transsexual'],
  ['407377005', 'Female-to-male transsexual'],
  ['8098009', 'Sexually transmitted infectious disease'],
  // Sexually transmitted infections.
  ['105629000', 'Chlamydial infection (disorder)'],
  ['240589008', 'Chlamydia trachomatis infection (disorder)'],
  ['312099009', 'Genitourinary chlamydia infection (disorder)'],
  ['186729003', 'Chlamydial infection of lower genitourinary tract (disorder)'],
  ['236683007', 'Chlamydial urethritis (disorder)'],
  ['237084006', 'Chlamydial cervicitis (disorder)'],
  ['188463006', 'Chlamydial pelvic inflammatory disease (disorder)'],
  ['186946009', 'Lymphogranuloma venereum (disorder)'],
  ['240602008', 'Early lymphogranuloma venereum (disorder)'],
  ['240603003', 'Late lymphogranuloma venereum (disorder)'],
  ['240604009', 'Latent lymphogranuloma venereum (disorder)'],
  ['15628003', 'Gonorrhea (disorder)'],
  ['76272004', 'Syphilis'],
  ['33839006', 'Genital herpes simplex (disorder)'],
  ['240542006', 'genital warts'],
  ['56335008', 'trichomoniasis'],
  // Termination of pregnancy.
  ['288045002', 'TOP - amniotic injection'],
  ['18302006', 'Therapeutic abortion by hysterotomy'],
  ['274973002', 'Dilation of cervix uteri and curettage for termination of pregnancy'],
  // Assisted conception.
  ['63487001', 'Assisted fertilization (procedure)'],
  // Gender reassignment.
  ['407374003', 'Transsexual'],
  // A specialty or practice setting (HL7's c80-practice-codes), as a service's or an organisation's type is coded.
  ['394808002', 'Genito-urinary medicine'],
  // A place, as a Location's type is coded: seen with this display in the Nigeria Core IG's value set
  // ng-hiv-prevention-plan-vs (https://fhir-ig.digitalhealth.gov.ng/ValueSet/ng-hiv-prevention-plan-vs).
  ['25681007', 'Sexually transmitted disease clinic'],
]);

/**
 * National treatment functions (`UK_CORE_PRACTICE_SETTING`) that are a sexual health service, read as their words:
 * each seen with this meaning in a published list of the national codes (a HES outpatient extract's labels of the
 * treatment function and main specialty). 504 is contraception and sexual health, whose display ("Community Sexual
 * and Reproductive Health") the words alone do not find.
 */
export const SENSITIVE_TREATMENT_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['360', 'Genitourinary Medicine'],
  ['504', 'Community Sexual and Reproductive Health'],
]);

/**
 * HL7 service types (`HL7_SERVICE_TYPE_SYSTEMS`) that are a sexual health or fertility service, each with its definition
 * in HL7's code system (HL7 Terminology, http://terminology.hl7.org/CodeSystem/service-type, its source of truth's
 * CodeSystem-service-type.xml): sexual health and sexually transmitted diseases, which the words find by their display,
 * STD and STI, which they do not, and reproductive endocrinology and infertility, a fertility service. None of that
 * system is a termination or gender identity service. Not Family Planning (54), Birth Control (264), Contraception
 * Information (301), Diaphragm Fitting (319), Safe Sex (433), Sex Education (438), Sexual Issues (440), Aids (245) or
 * Sexual Assault (543, 80): contraception is a word beside a sensitive service (R11), not one, and the others are
 * information, education or support services whose words the hub does not read either.
 */
export const SENSITIVE_SERVICE_TYPES: ReadonlyMap<string, string> = new Map([
  ['67', 'Sexual health'],
  ['441', 'Sexually Transmitted Diseases'],
  ['450', 'STD'],
  ['451', 'STI'],
  ['187', 'Reproductive Endocrinology & Infertility'],
]);

/**
 * v3 RoleCodes (`V3_ROLE_CODE_SYSTEMS`) of a sensitive place: `INV`, "Infertility clinic", in HL7's RoleCode code
 * system (HL7 Terminology's source of truth, v3-RoleCode.xml; FHIR R4's v3-ServiceDeliveryLocationRoleType expansion).
 * And `STD`, which 3e9f3c4 read as "Sexually transmitted disease clinic" citing v3-OutpatientFacilityPracticeSetting:
 * neither that value set (RoleCode `OF` and what is under it) nor RoleCode itself holds an `STD` now (HL7 Terminology's
 * source of truth, August 2026), so it is a code no HL7 list confirms; kept, as withholding a local clinic coded so errs
 * the safe way, until the hub is told otherwise. Only in RoleCode: v3 RoleClass's `STD` is a student.
 */
const SENSITIVE_ROLE_CODES: ReadonlyMap<string, string> = new Map([
  ['INV', 'Infertility clinic'],
  ['STD', 'Sexually transmitted disease clinic (not in HL7 RoleCode)'],
]);

/**
 * Whether a coding is one the hub reads as sensitive by its code: SNOMED CT (`SENSITIVE_SNOMED`), a treatment function,
 * an HL7 service type or a place's v3 RoleCode.
 */
const sensitiveCode = (system: unknown, code: unknown): boolean =>
  typeof code === 'string' &&
  ((sameCodeSystem(system, SNOMED) && SENSITIVE_SNOMED.has(code)) ||
    (sameCodeSystem(system, UK_CORE_PRACTICE_SETTING) && SENSITIVE_TREATMENT_FUNCTIONS.has(code)) ||
    (typeof system === 'string' && HL7_SERVICE_TYPE_SYSTEMS.has(system) && SENSITIVE_SERVICE_TYPES.has(code)) ||
    (typeof system === 'string' && V3_ROLE_CODE_SYSTEMS.has(system) && SENSITIVE_ROLE_CODES.has(code)));

/**
 * Phrases that name a sensitive concept in a display or a text: words (separated by a space here, by any `GAP` of
 * `words.ts` in what is read) with the forms a display uses (`chlamydial`, `transsexualism`, `syphilitic`), in any
 * case, never within a longer word: nothing but a non-letter or the text's end on either side (an underscore or a
 * digit beside is no part of the word, as `\b` would take it).
 */
const SENSITIVE_PHRASES: readonly string[] = [
  'terminations? of pregnancy',
  // An abortion is a termination, by any name ("Abortion clinic", "Medical abortion"); not a miscarriage, which a
  // display calls a spontaneous, missed, threatened, tubal, habitual or recurrent abortion.
  '(?<!(?:spontaneous|missed|threatened|tubal|habitual|recurrent)[^\\p{L}]+)abortions?',
  'in vitro fertili[sz]ation',
  'ivf',
  'assisted (?:conception|fertili[sz]ation|reproduction)',
  // A fertility service by its name (where IVF is given): a fertility or infertility clinic, centre, unit, service or
  // treatment, reproductive endocrinology and infertility. Not "infertility" alone, a diagnosis a GP records.
  '(?:in)?fertility (?:clinics?|centres?|centers?|units?|services?|treatments?|preservation)',
  'reproductive endocrinology(?: and)? infertility',
  'intracytoplasmic sperm injection',
  'gender (?:reassignment|dysphoria|identity (?:clinics?|services?|development))',
  'transsexual(?:s|ism)?',
  'sexually transmitted',
  'sexual health',
  // Sexual and reproductive health, as community services and treatment function 504 are named.
  'sexual(?: and)? reproductive health',
  // A sexually transmitted infection or disease by its abbreviation: "STI", "STIs" mean nothing else in a record;
  // "STD" is also "standard" ("STD dose"), so only as a service, a screen or a test, or as "STDs".
  'stis?',
  'stds',
  'std (?:clinics?|services?|centres?|centers?|screen(?:s|ing)?|tests?|testing)',
  // HIV pre-exposure prophylaxis (PrEP), which sexual health clinics provide in England (R11); not pre-exposure
  // prophylaxis alone (rabies, COVID-19), nor HIV alone (a GP's diagnosis, an antenatal screen's test). And
  // post-exposure prophylaxis after sexual exposure (PEPSE), not after a needlestick injury.
  'hiv pre-?exposure prophylaxis',
  'pre-?exposure prophylaxis (?:(?:of|for|against) )?hiv',
  'hiv prep',
  'pepse',
  'post-?exposure prophylaxis (?:after|following) sexual exposure',
  'genito-?urinary medicine',
  'chlamydia[el]?',
  'gonorrh?o?eal?',
  'gonococcal',
  'syphili(?:s|tic)',
  'genital (?:herpes|warts)',
];

/** Words that name a sensitive concept in a display or a text (whole words, any case, any gap between them). */
const SENSITIVE_PHRASES_FOUND = phrasesPattern(SENSITIVE_PHRASES);

/** Words naming a service beside an abbreviation (`SENSITIVE_ABBREVIATIONS`), in any case. */
const SERVICE_WORDS = ['clinic', 'clinics', 'service', 'services', 'department', 'dept', 'centre', 'center', 'team', 'unit']
  .map(anyCaseOf)
  .join('|');

/**
 * Words naming a visit to a service, or what is done there, beside an abbreviation (`SENSITIVE_ABBREVIATIONS`), in
 * any case: "GUM follow-up", "GUM appt", "referred to GUM".
 */
const VISIT_WORDS = [
  'follow-?up',
  'f/u',
  'appointments?',
  'appts?',
  'referrals?',
  'reviews?',
  'screens?',
  'screening',
  'attendances?',
  'visits?',
  'consultations?',
  'results?',
]
  .map((word) => word.replace(/\p{L}+/gu, anyCaseOf))
  .join('|');

/** Words before an abbreviation that make it a service the resident was sent to or seen in: "referred to GUM". */
const SENT_TO_WORDS = ['referred to', 'referral to', 'seen (?:in|at|by)', 'attended']
  .map((words) => words.replace(/\p{L}+/gu, anyCaseOf))
  .join('|');

/**
 * Abbreviations that name a sensitive service or medicine only in the case a record writes them, as `SENSITIVE_PHRASES`
 * (whole words, any gap): "PrEP", HIV pre-exposure prophylaxis — never "prep" or "PREP" ("bowel prep", "Prep for
 * colonoscopy"); "CaSH", contraception and sexual health — never "cash"; "GUM", genito-urinary medicine, before a
 * service word ("GUM clinic") or a visit's ("GUM follow-up"), or after being sent there ("referred to GUM") — never
 * "gum" or "Gum clinic", a dental one, nor "GUM disease" or "NICOTINE GUM".
 */
const SENSITIVE_ABBREVIATIONS = phrasesPattern(
  ['PrEP', 'CaSH', `GUM (?:${SERVICE_WORDS}|${VISIT_WORDS})`, `(?:${SENT_TO_WORDS}) GUM`],
  undefined,
  'as-written',
);

/** Whether a display or a text names a sensitive concept (`SENSITIVE_PHRASES`, `SENSITIVE_ABBREVIATIONS`). */
const SENSITIVE_WORDS = {
  test: (text: string): boolean => SENSITIVE_PHRASES_FOUND.test(text) || SENSITIVE_ABBREVIATIONS.test(text),
};

/**
 * HIV pre-exposure prophylaxis by its medicine and what it is for: emtricitabine with tenofovir (Truvada, or the two
 * named apart, as a medicine's ingredients are) in an item that also says pre-exposure or PrEP in any case, where the
 * medicine leaves no other reading of "prep" — anywhere the words are read. The medicine alone is not: it treats HIV
 * too, which is not withheld for its own sake (R11).
 */
const PREP_MEDICINE = { whole: phrasesPattern(['truvada']), parts: [phrasesPattern(['emtricitabine']), phrasesPattern(['tenofovir'])] };
const PREP_PURPOSE = phrasesPattern(['pre-?exposure', 'prep']);
const namesPrepMedicine = (texts: readonly string[]): boolean =>
  texts.some((text) => PREP_MEDICINE.whole.test(text)) || PREP_MEDICINE.parts.every((part) => texts.some((text) => part.test(text)));

/**
 * The elements that say what an item, or a part of it, is about — every CodeableConcept of the record's resources
 * in the contract, at any depth (a code, a category, a type or service, a specialty, a reason, a result's value or
 * conclusion, a goal's description, a medicine, an admission's source, a document's practice setting). A concept is
 * read wherever it sits (an Observation's components too), and any
 * element holding codings is read as one, so that a source's choice of element cannot carry a sensitive item past
 * the rule. Free text that is not a concept (a note, a narrative) is not read.
 */
const CONCEPT_ELEMENTS: ReadonlySet<string> = new Set([
  'code',
  'category',
  'type',
  'serviceType',
  'serviceCategory',
  'specialty',
  'appointmentType',
  'reasonCode',
  'cancelationReason',
  'statusReason',
  'priority',
  'severity',
  'bodySite',
  'site',
  'method',
  'interpretation',
  'dataAbsentReason',
  'conclusionCode',
  'description',
  'achievementStatus',
  'courseOfTherapyType',
  'vaccineCode',
  'reportOrigin',
  'route',
  'outcome',
  'complication',
  'relationship',
  'securityLabel',
  'valueCodeableConcept',
  'medicationCodeableConcept',
  // A contained medicine's ingredients, each a medicine by its text alone as much as by a coding.
  'itemCodeableConcept',
  // Within the parts of an item: a reaction, a dose, a stay, a reference range, a target, a document's context, a
  // performer, a vaccine's protocol.
  'substance',
  'manifestation',
  'exposureRoute',
  'additionalInstruction',
  'admitSource',
  'dischargeDisposition',
  'appliesTo',
  'measure',
  'facilityType',
  'practiceSetting',
  'function',
  'targetDisease',
]);

/**
 * The titles of each type (FHIR R4 string elements that name the item or a part of it), as paths from the resource;
 * a step ending in `*` may nest in itself (a composition's sections hold sections).
 */
const TITLES: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['Appointment', [['description']]],
  ['CarePlan', [['title'], ['description'], ['activity', 'detail', 'description']]],
  ['DocumentReference', [['description'], ['content', 'attachment', 'title']]],
  ['DiagnosticReport', [['presentedForm', 'title']]],
  ['Composition', [['title'], ['section*', 'title']]],
  // A medicine as a product may say what it is for only in its narrative ("Estradiol for gender reassignment").
  ['Medication', [['text', 'div']]],
]);

/**
 * The instructions shown with an item of each type (FHIR R4 strings a list shows beside it verbatim), as `TITLES`:
 * a medicine's dosage text and instruction to the resident, an appointment's instruction to the resident.
 */
const INSTRUCTIONS: ReadonlyMap<string, readonly (readonly string[])[]> = new Map([
  ['Appointment', [['patientInstruction']]],
  [
    'MedicationStatement',
    [
      ['dosage', 'text'],
      ['dosage', 'patientInstruction'],
    ],
  ],
  [
    'MedicationRequest',
    [
      ['dosageInstruction', 'text'],
      ['dosageInstruction', 'patientInstruction'],
    ],
  ],
]);

/** The strings at a path from a value: through lists at every step, and a `*` step at any depth of itself. */
function stringsAt(value: unknown, path: readonly string[], found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) stringsAt(item, path, found);
    return found;
  }
  const [step, ...rest] = path;
  if (step === undefined) {
    if (typeof value === 'string') found.push(value);
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  const nests = step.endsWith('*');
  const child = (value as Record<string, unknown>)[nests ? step.slice(0, -1) : step];
  stringsAt(child, rest, found);
  if (nests) stringsAt(child, path, found);
  return found;
}

/**
 * The titles of a resource and the instructions shown with it, and those of every resource it contains, each read by
 * its own type's `TITLES` and `INSTRUCTIONS`.
 */
function titlesOf(resource: Record<string, unknown>, found: string[] = []): string[] {
  const type = String(resource['resourceType']);
  for (const path of [...(TITLES.get(type) ?? []), ...(INSTRUCTIONS.get(type) ?? [])]) stringsAt(resource, path, found);
  const contained = resource['contained'];
  for (const inner of Array.isArray(contained) ? contained : [])
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) titlesOf(inner as Record<string, unknown>, found);
  return found;
}

interface Concept {
  text?: unknown;
  coding?: { system?: unknown; code?: unknown; display?: unknown }[];
}

/**
 * Every concept in the item: objects in a concept element, and any object holding codings, at any depth — and,
 * read as a concept's text, the display of every reference in it (where and by whom: "the sexual health clinic",
 * a genito-urinary medicine team), which says what the item was as plainly as its code.
 */
function conceptsOf(value: unknown, element: string, found: Concept[] = []): Concept[] {
  if (Array.isArray(value)) {
    for (const item of value) conceptsOf(item, element, found);
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  const object = value as Record<string, unknown>;
  if (CONCEPT_ELEMENTS.has(element) || Array.isArray(object['coding'])) found.push(object as Concept);
  if (typeof object['display'] === 'string' && !Array.isArray(object['coding'])) found.push({ text: object['display'] });
  const identifier = object['identifier'];
  // A medicine named by its product's code alone (a dm+d or SNOMED CT identifier, no reference: reviewer R13) is that code.
  if (MEDICINE_REFERENCES.has(element) && typeof identifier === 'object' && identifier !== null && !Array.isArray(identifier)) {
    const { system, value } = identifier as { system?: unknown; value?: unknown };
    found.push({ coding: [{ system, code: value }] });
  }
  for (const [key, child] of Object.entries(object)) if (key !== 'meta' && key !== 'coding') conceptsOf(child, key, found);
  return found;
}

/**
 * The elements FHIR R4 gives a result written as words rather than coded, read as the result's value is: a string
 * value (an observation's, a component's), and a report's or an assessment's conclusion.
 */
const WRITTEN_RESULTS: ReadonlySet<string> = new Set(['valueString', 'conclusion']);

/**
 * An item's results written as words (`WRITTEN_RESULTS`), at any depth of it and the resources it contains but in an
 * extension (whose string value is a source's own note, not a result), and the text of every attachment in it the hub
 * can read (`attachmentText`), extensions too — never `meta`.
 */
function writtenResults(value: unknown, found: string[], key = '', inExtension = false): string[] {
  if (typeof value === 'string') {
    if (WRITTEN_RESULTS.has(key) && !inExtension) found.push(value);
    return found;
  }
  if (Array.isArray(value)) {
    for (const item of value) writtenResults(item, found, key, inExtension);
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  const object = value as Record<string, unknown>;
  const text = attachmentText(object);
  if (text !== undefined) found.push(text);
  const extension = (child: string) => inExtension || child === 'extension' || child === 'modifierExtension';
  for (const [child, inner] of Object.entries(object)) if (child !== 'meta') writtenResults(inner, found, child, extension(child));
  return found;
}

/**
 * The most of an attachment's data the hub reads (bytes, decoded): a letter or a result sent as text is a few
 * kilobytes; what lies beyond this is not read, as an attachment the hub cannot read is not (docs/access-policy.md, R11).
 */
export const ATTACHMENT_READ_LIMIT = 1 << 20;

/** Content types the hub reads as text: any `text/*` (plain, HTML, RTF as sent), and JSON or XML. */
const READABLE_TYPES = /^(?:text\/[^;\s]+|application\/(?:[\w.+-]+\+)?(?:json|xml))\s*(?:;|$)/i;

/**
 * The text of an attachment (an object with `data`, base64, and a `contentType`) whose content type the hub reads as
 * text (`READABLE_TYPES`), decoded in its `charset` (UTF-8 when none or one it does not know), its first
 * `ATTACHMENT_READ_LIMIT` bytes; HTML and XML with their tags and character references read as the words they show.
 * None for anything else — a PDF, an image, one sent by `url` only, data that is not base64: those the hub cannot read,
 * and an item is then told by everything else it says (docs/access-policy.md, R11; hazard log H18-22).
 */
export function attachmentText(attachment: Record<string, unknown>): string | undefined {
  const { contentType, data } = attachment;
  if (typeof contentType !== 'string' || typeof data !== 'string' || !READABLE_TYPES.test(contentType.trim())) return undefined;
  const base64 = data.replace(/[\s]+/g, '').slice(0, Math.ceil(ATTACHMENT_READ_LIMIT / 3) * 4);
  let binary: string;
  try {
    binary = atob(base64.length % 4 === 0 ? base64 : base64.slice(0, base64.length - (base64.length % 4)));
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (character) => character.charCodeAt(0));
  const charset = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType)?.[1];
  let text: string;
  try {
    text = new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
  }
  if (!/html|xml/i.test(contentType)) return text;
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16) % 0x110000))
    .replace(/&#([0-9]+);/g, (_, decimal: string) => String.fromCodePoint(Number.parseInt(decimal, 10) % 0x110000))
    .replace(/&(?:nbsp|amp|lt|gt|quot|apos);/gi, ' ');
}

/** The references that name a medicine: an item's, and a medicine's ingredient's. */
const MEDICINE_REFERENCES: ReadonlySet<string> = new Set(['medicationReference', 'itemReference']);

/**
 * Whether an item's own concepts, references' names, titles or instructions say it is sexual health, fertility treatment, a
 * termination or gender reassignment.
 */
export function isSensitiveContent(resource: Record<string, unknown>): boolean {
  const texts = titlesOf(resource);
  // A result written as words (reviewer R18): "Chlamydia trachomatis detected" as a string value or a report's
  // conclusion says what the item is as plainly as the same words coded; so does a letter sent as text.
  writtenResults(resource, texts);
  // A contained directory entry is read as the directory's own would be (`isSensitiveService`): a service by its kinds
  // as a whole, not by any one of them, so its kinds are left out of the concepts read below.
  const contained = Array.isArray(resource['contained']) ? (resource['contained'] as unknown[]) : [];
  const entries = contained.filter(
    (inner): inner is Record<string, unknown> =>
      typeof inner === 'object' && inner !== null && DIRECTORY_ENTRIES.has(String((inner as Record<string, unknown>)['resourceType'])),
  );
  if (entries.some((entry) => isSensitiveService(entry))) return true;
  const read = entries.some((entry) => entry['resourceType'] === 'HealthcareService')
    ? {
        ...resource,
        contained: contained.map((inner) =>
          entries.includes(inner as Record<string, unknown>) ? withoutServiceKinds(inner as Record<string, unknown>) : inner,
        ),
      }
    : resource;
  for (const concept of conceptsOf(read, '')) {
    if (typeof concept.text === 'string') texts.push(concept.text);
    for (const coding of Array.isArray(concept.coding) ? concept.coding : []) {
      if (sensitiveCode(coding?.system, coding?.code)) return true;
      if (typeof coding?.display === 'string') texts.push(coding.display);
    }
  }
  if (texts.some((text) => SENSITIVE_WORDS.test(text))) return true;
  return texts.some((text) => PREP_PURPOSE.test(text)) && namesPrepMedicine(texts);
}

/** The directory's types, as an item may contain one: read by `isSensitiveService` as the directory's own are. */
const DIRECTORY_ENTRIES: ReadonlySet<string> = new Set([
  'Organization',
  'Location',
  'HealthcareService',
  'PractitionerRole',
  'Practitioner',
]);

/** A service without its kinds (`servedAs` reads them as a whole). */
function withoutServiceKinds(entry: Record<string, unknown>): Record<string, unknown> {
  if (entry['resourceType'] !== 'HealthcareService') return entry;
  const { category: _category, type: _type, specialty: _specialty, ...rest } = entry;
  return rest;
}

/**
 * "GUM", as services write genito-urinary medicine in their names ("Whittington GUM Clinic"): in capitals only, as a
 * whole word, and only in a directory entry's name or an organisation's type — "gum" in any other case is a dental
 * word ("Gum Health Dental Practice"), and is never read in an item's content.
 */
const GUM = /(?<!\p{L})GUM(?!\p{L})/u;

/** A directory entry's name or an alias saying it is a sexual health, fertility, termination or gender service. */
const namesSensitiveService = (name: unknown): boolean =>
  typeof name === 'string' && (SENSITIVE_WORDS.test(name) || GUM.test(name) || GUM.test(withoutFormatCharacters(name)));

/**
 * An organisation's or a place's type saying so, by its text, a coding's display, a coding's SNOMED CT code
 * (`SENSITIVE_SNOMED`), its HL7 service type or its HL7 v3 RoleCode (`SENSITIVE_ROLE_CODES`): `sensitiveCode`.
 */
const typedSensitive = (concept: unknown): boolean => {
  if (typeof concept !== 'object' || concept === null) return false;
  const { text, coding } = concept as { text?: unknown; coding?: unknown };
  return (
    namesSensitiveService(text) ||
    (Array.isArray(coding) ? coding : []).some((each) => {
      const { system, code, display } = (each ?? {}) as { system?: unknown; code?: unknown; display?: unknown };
      return namesSensitiveService(display) || sensitiveCode(system, code);
    })
  );
};

/**
 * Whether a directory entry (an organisation, a place, a service) is a sexual health, fertility, termination or
 * gender identity service by what it calls itself — its name or an alias ("GUM" in capitals among them) — and, for an
 * organisation or a place, its types, as R12 reads a mental health organisation: so that an item whose service
 * elements point at it by reference alone, with no display to read, is told as one naming it would be
 * (`Visibility.labelledServices`), and so is an item from its source system (`Visibility.labelledSources`). A place's
 * type is what kind of place it is: a trust's "Clinic 4" typed a genito-urinary medicine clinic (or v3 RoleCode `STD`)
 * is the clinic. A service (a HealthcareService) by its category, or by its types and specialties as a whole
 * (`servedAs`): a practice's own service (`practiceOwned`: its provider the directory's GP practice, never by what the
 * service says of itself) lists every kind of care it offers, contraception and sexual health among them, beside
 * general practice, and its appointments are not sexual health for that. (A place is one place, and so is a
 * clinic part of a trust: any sensitive type makes it one, whatever ordinary types it copies from its trust. Only a
 * trust's types — an organisation part of no other — count as a whole, `typedAsService`: one that also lists an
 * ordinary service of its own is told by its own service, unit, place or role.)
 */
export function isSensitiveService(entry: Record<string, unknown>, practiceOwned?: PracticeOwned): boolean {
  const names = [entry['name'], ...(Array.isArray(entry['alias']) ? (entry['alias'] as unknown[]) : [])];
  if (names.some(namesSensitiveService)) return true;
  // A service by its category, or by its types and specialties as a whole (`servedAs`): a practice's service listing
  // contraception and sexual health beside general practice is not a sexual health service.
  if (entry['resourceType'] === 'HealthcareService')
    return servedAs(entry, typedSensitive, (type) => typedSensitive(type) || saysMentalHealthType(type), practiceOwned);
  if (entry['resourceType'] !== 'Organization' && entry['resourceType'] !== 'Location') return false;
  // A place, or an organisation part of another, by any sensitive type; a trust only by its types as a whole — not one
  // listing acute or community services beside sexual health (a mental health type beside it is sensitive too, so an
  // organisation of both is withheld whole as this).
  return typedAsService(entry, typedSensitive, (type) => typedSensitive(type) || saysMentalHealthType(type));
}
/**
 * Sexual assault and domestic violence (`SDV`, DOMAIN's "some safeguarding"): SNOMED CT concepts that say an item is
 * about domestic abuse, each seen with this meaning in a published UK primary care code list (a domestic violence and
 * abuse list of SNOMED CT codes used in an England GP-records study), and the NHS England FGM programme's flag code
 * (its FGM flag value set). Rape, sexual assault and MARAC are found by their words: no code for them was seen in a
 * published list, so none is listed.
 */
export const SDV_SNOMED: ReadonlyMap<string, string> = new Map([
  ['160802003', 'Violent spouse'],
  ['161051006', 'At risk violence in the home'],
  ['205171000000107', 'Victim of domestic violence'],
  ['313070006', 'Counseling for domestic abuse'],
  ['412732008', 'History of domestic violence'],
  ['413457006', 'Domestic violence education'],
  ['429746005', 'History of domestic abuse'],
  ['720428004', 'History of domestic emotional abuse'],
  ['720741001', 'History of domestic sexual abuse'],
  ['850441000000102', 'History of being victim of domestic violence'],
  ['879911000000102', 'Victim of domestic abuse'],
  ['881081000000100', 'Domestic abuse victim in household'],
  ['895141000000105', 'Police domestic incident report received'],
  ['902961000000107', 'Female genital mutilation flag (NHS England FGM programme)'],
]);

/**
 * HL7 service types (`HL7_SERVICE_TYPE_SYSTEMS`) of a sexual assault service: "Sexual Assault" (80, 543) in HL7's
 * service-type code system, as read for `SENSITIVE_SERVICE_TYPES` (which leaves them out as SEX: they are SDV).
 */
export const SDV_SERVICE_TYPES: ReadonlyMap<string, string> = new Map([
  ['80', 'Sexual Assault'],
  ['543', 'Sexual Assault'],
]);

const sdvCode = (system: unknown, code: unknown): boolean =>
  typeof code === 'string' &&
  ((sameCodeSystem(system, SNOMED) && SDV_SNOMED.has(code)) ||
    (typeof system === 'string' && HL7_SERVICE_TYPE_SYSTEMS.has(system) && SDV_SERVICE_TYPES.has(code)));

/**
 * Words naming sexual assault or domestic abuse, or a service for them (whole words, any case, any gap): not
 * "assault" or "abuse" alone (a fall, a fight in a pub, alcohol or drug misuse), nor "rape" in oilseed rape (a pollen
 * allergy). Said or denied alike ("no domestic abuse disclosed", "asked about domestic abuse: no"): that she was asked
 * is itself what a partner holding her proxy access must not read.
 */
const SDV_PHRASES = phrasesPattern([
  'domestic (?:abuse|violence|incidents?)',
  'intimate partner (?:abuse|violence)',
  'partner (?:abuse|violence)',
  'violent (?:spouse|partner)',
  'violence in the home',
  'sexual(?:ly)? (?:assault(?:ed|s)?|abuse[ds]?|violence|exploitation)',
  '(?<!oilseed[^\\p{L}]+)raped?(?![^\\p{L}]+(?:seed|pollen))',
  'female genital mutilation',
  'fgm',
  'coercive (?:and )?controll?(?:ing)?(?: behaviou?r)?',
  'honou?r[^\\p{L}]*based (?:abuse|violence)',
  'forced marriage',
  'marac',
  'multi-?agency risk assessment conferences?',
  'sarcs?',
  'sexual assault referral cent(?:re|er)s?',
  'idvas?',
  'independent domestic violence (?:advisers?|advisors?|advocates?)',
  'refuge (?:services?|places?|accommodation)',
  'dash risk (?:assessment|checklist)',
]);

/** The directory's entries read by their names and kinds (`isSdvService`) wherever an item contains one. */
const SERVICE_ENTRIES: ReadonlySet<string> = new Set(['Organization', 'Location', 'HealthcareService']);

/** Keys whose strings name no content: addresses, systems, ids and versions. */
const NOT_CONTENT: ReadonlySet<string> = new Set(['reference', 'system', 'url', 'id', 'fullUrl', 'version', 'versionId', 'meta', 'data']);

/**
 * Whether anything an item says — any string or coding, at any depth: a code, its text, a note, its narrative, a
 * reason, a reference's display — names sexual assault or domestic abuse. Unlike SEX (`isSensitiveContent`), notes
 * and narrative are read: a GP's "Disclosed domestic abuse by partner" is most often a note, and the reader it must
 * not reach (a carer or proxy who may be the abuser) would read it there. A contained directory entry is read as the
 * directory's own (`isSdvService`).
 */
export function isSdvContent(resource: Record<string, unknown>): boolean {
  // The directory is anyone's to look up: a refuge's entry is found, and the items at it are withheld.
  if (SERVICE_ENTRIES.has(String(resource['resourceType'])) || String(resource['resourceType']).startsWith('Practitioner')) return false;
  return saysSdv(resource, '', true);
}

/**
 * Whether what an item contains (`contained`), not its own elements, says SDV as `isSdvContent` reads it: a safety
 * alert shown to every clinician (`SDV-ALERT`) shows them what it contains too, so only its own words make one.
 */
export function containsSdv(resource: Record<string, unknown>): boolean {
  return saysSdv(resource['contained'], 'contained', false);
}

function saysSdv(value: unknown, key: string, top: boolean): boolean {
  if (typeof value === 'string') return !NOT_CONTENT.has(key) && SDV_PHRASES.test(value);
  if (Array.isArray(value)) return value.some((item) => saysSdv(item, key, false));
  if (typeof value !== 'object' || value === null) return false;
  const object = value as Record<string, unknown>;
  if (!top && key === 'contained' && SERVICE_ENTRIES.has(String(object['resourceType']))) return isSdvService(object);
  if (Array.isArray(object['coding']) && (object['coding'] as unknown[]).some((coding) => sdvCoding(coding))) return true;
  // An attachment's text, decoded (`attachmentText`), as its title is read: a letter sent as text/plain (reviewer R18).
  const text = attachmentText(object);
  if (text !== undefined && SDV_PHRASES.test(text)) return true;
  return Object.entries(object).some(([child, inner]) => child !== 'meta' && saysSdv(inner, child, false));
}

const sdvCoding = (coding: unknown): boolean =>
  typeof coding === 'object' && coding !== null && sdvCode((coding as { system?: unknown }).system, (coding as { code?: unknown }).code);

/** "SARC" as a service writes it in its name, and the words of `SDV_PHRASES`. */
const namesSdvService = (name: unknown): boolean => typeof name === 'string' && SDV_PHRASES.test(name);

/** A type saying so by its text, a coding's display or code (`SDV_SNOMED`, `SDV_SERVICE_TYPES`). */
const typedSdv = (concept: unknown): boolean => {
  if (typeof concept !== 'object' || concept === null) return false;
  const { text, coding } = concept as { text?: unknown; coding?: unknown };
  return (
    namesSdvService(text) ||
    (Array.isArray(coding) ? coding : []).some(
      (each) => namesSdvService((each as { display?: unknown } | null)?.display) || sdvCoding(each),
    )
  );
};

/**
 * Whether a directory entry is a sexual assault referral centre or a domestic abuse service: by its name or an alias,
 * and by its kinds. A service (a HealthcareService) by any category, type or specialty saying so, whatever else it
 * lists: unlike a practice's contraception beside general practice (`servedAs`), a listing that holds domestic abuse
 * support or sexual assault is withheld whole, as a partner must not learn she was seen there. A place or a unit by
 * any such type, a trust only by its types as a whole (`typedAsService`), as `isSensitiveService` reads them.
 */
export function isSdvService(entry: Record<string, unknown>): boolean {
  const names = [entry['name'], ...(Array.isArray(entry['alias']) ? (entry['alias'] as unknown[]) : [])];
  if (names.some(namesSdvService)) return true;
  const sensitive = (type: unknown) => typedSdv(type) || typedSensitive(type) || saysMentalHealthType(type);
  if (entry['resourceType'] === 'HealthcareService')
    return [entry['category'], entry['type'], entry['specialty']].some((kinds) => Array.isArray(kinds) && kinds.some(typedSdv));
  if (entry['resourceType'] !== 'Organization' && entry['resourceType'] !== 'Location') return false;
  return typedAsService(entry, typedSdv, sensitive);
}
