/**
 * Sensitive by what it says, not only by its label. DOMAIN: sexual health,
 * IVF and assisted fertilisation, termination of pregnancy and gender
 * reassignment are withheld from shared views. Systems that label them
 * (`meta.security` SEX) are honoured as they are; GP and hospital exports
 * often send them unlabelled, so an item is also treated as labelled SEX
 * when what it is about says it is one of these: a SNOMED CT code of the
 * list below, or words naming one in a coded concept's display or text, in
 * an identifier's type, or in a reference's display — a reason, a
 * diagnosis, what a plan addresses or an order is based on, where and by
 * whom — whether the reference points at an item of this hub, at another
 * server, or by identifier alone. These are read at any depth: in the
 * item's parts, its extensions and the resources it contains. The list
 * errs towards withholding from shared views; the resident and the
 * organisation that recorded the item still see it, and others are told
 * something is not shown.
 *
 * The boundary: free text that is not a concept or a reference's name — a
 * note, the narrative, a string value, a document's description or
 * attachment — is not read, and nor is `meta` (its security labels count
 * as labels, not as words). R4 has no CodeableReference; a concept or a
 * reference in its place is read as either is.
 *
 * No Node imports: the stories' in-browser hub imports this module.
 */

/** SNOMED CT concepts that make an item sensitive (and their meaning, for review). */
export const SENSITIVE_SNOMED: ReadonlyMap<string, string> = new Map([
  ['386639001', 'Termination of pregnancy'],
  ['57797005', 'Induced termination of pregnancy'],
  ['285409006', 'Medical termination of pregnancy'],
  ['52637005', 'In vitro fertilization'],
  ['93461009', 'Gender dysphoria'],
  ['407376001', 'Male-to-female transsexual'],
  ['407377005', 'Female-to-male transsexual'],
  ['8098009', 'Sexually transmitted infectious disease'],
]);

/**
 * Between the words of a phrase: whatever a source or its export puts there — a space or several, a line break, a
 * non-breaking space, a hyphen, an underscore, a slash — any run of what is neither a letter nor a digit.
 */
const GAP = '[^\\p{L}\\p{N}]+';

/**
 * Phrases that name a sensitive concept in a display or a text: words (separated by a space here, by any `GAP` in
 * what is read) with the forms a display uses (`chlamydial`, `transsexualism`, `syphilitic`), in any case, never
 * within a longer word: nothing but a non-letter or the text's end on either side (an underscore or a digit beside is
 * no part of the word, as `\b` would take it).
 */
const SENSITIVE_PHRASES: readonly string[] = [
  'terminations? of pregnancy',
  'induced abortions?',
  'in vitro fertili[sz]ation',
  'ivf',
  'assisted (?:conception|fertili[sz]ation|reproduction)',
  'intracytoplasmic sperm injection',
  'gender (?:reassignment|dysphoria|identity clinic)',
  'transsexual(?:s|ism)?',
  'sexually transmitted',
  'sexual health',
  'genito-?urinary medicine',
  'chlamydia[el]?',
  'gonorrh?o?eal?',
  'gonococcal',
  'syphili(?:s|tic)',
  'genital (?:herpes|warts)',
];

/** Words that name a sensitive concept in a display or a text (whole words, any case, any gap between them). */
const SENSITIVE_WORDS = new RegExp(
  SENSITIVE_PHRASES.map((phrase) => `(?<!\\p{L})${phrase.replaceAll(' ', GAP).replaceAll('-?', '[^\\p{L}\\p{N}]*')}(?!\\p{L})`).join('|'),
  'iu',
);

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
  for (const [key, child] of Object.entries(object)) if (key !== 'meta' && key !== 'coding') conceptsOf(child, key, found);
  return found;
}

/** Whether an item's own concepts say it is sexual health, fertility treatment, a termination or gender reassignment. */
export function isSensitiveContent(resource: Record<string, unknown>): boolean {
  for (const concept of conceptsOf(resource, '')) {
    if (typeof concept.text === 'string' && SENSITIVE_WORDS.test(concept.text)) return true;
    for (const coding of Array.isArray(concept.coding) ? concept.coding : []) {
      if (coding?.system === 'http://snomed.info/sct' && typeof coding.code === 'string' && SENSITIVE_SNOMED.has(coding.code)) return true;
      if (typeof coding?.display === 'string' && SENSITIVE_WORDS.test(coding.display)) return true;
    }
  }
  return false;
}
