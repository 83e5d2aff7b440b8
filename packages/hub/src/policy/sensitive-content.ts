/**
 * Sensitive by what it says, not only by its label. DOMAIN: sexual health,
 * IVF and assisted fertilisation, termination of pregnancy and gender
 * reassignment are withheld from shared views. Systems that label them
 * (`meta.security` SEX) are honoured as they are; GP and hospital exports
 * often send them unlabelled, so an item is also treated as labelled SEX
 * when its own coded concept says it is one of these: a SNOMED CT code of
 * the list below, or a display or text naming one. The list errs towards
 * withholding from shared views; the resident and the organisation that
 * recorded the item still see it, and others are told something is not
 * shown.
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

/** Words that name a sensitive concept in a display or a text (whole words, any case). */
const SENSITIVE_WORDS = new RegExp(
  [
    'termination of pregnancy',
    'induced abortion',
    'in[- ]vitro fertili[sz]ation',
    'ivf',
    'assisted (?:conception|fertili[sz]ation|reproduction)',
    'intracytoplasmic sperm injection',
    'gender (?:reassignment|dysphoria|identity clinic)',
    'transsexual',
    'sexually transmitted',
    'sexual health',
    'genito-?urinary medicine',
    'chlamydia',
    'gonorrh?o?ea',
    'syphilis',
    'genital (?:herpes|warts)',
  ]
    .map((words) => `\\b${words}\\b`)
    .join('|'),
  'i',
);

/**
 * The elements that say what an item, or a part of it, is about — every CodeableConcept of the record's resources
 * in the contract (a code, a category, a type or service, a specialty, a reason, a result's value or conclusion, a
 * goal's description, a medicine). A concept is read wherever it sits (an Observation's components too), and any
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
