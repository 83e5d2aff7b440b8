/**
 * An encounter's class in the HL7 v3 ActCode words the record reasons with
 * (`AMB`, `EMER`, `IMP`, `HH`, …), whichever system the source used. FHIR R4
 * binds `Encounter.class` to v3 ActEncounterCode, but the binding is
 * extensible: HL7 v2 feeds send table 0004 (`E` emergency, `I` inpatient,
 * `O` outpatient), and some systems send only words. An A&E attendance sent
 * as v2 `E` is an A&E attendance, not a consultation.
 */

const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const V2_PATIENT_CLASS = 'http://terminology.hl7.org/CodeSystem/v2-0004';

/** The other names the two systems go by in real exports (STU3's URLs, the OIDs), to R4's. */
const SYSTEM_ALIASES: ReadonlyMap<string, string> = new Map([
  ['http://hl7.org/fhir/v3/ActCode', V3],
  ['urn:oid:2.16.840.1.113883.5.4', V3],
  ['http://hl7.org/fhir/v2/0004', V2_PATIENT_CLASS],
  ['urn:oid:2.16.840.1.113883.12.4', V2_PATIENT_CLASS],
]);

/** A system URI trimmed, without a trailing slash, by R4's name when it has one. */
const systemOf = (system: unknown): string | undefined => {
  if (typeof system !== 'string') return undefined;
  const trimmed = system.trim().replace(/\/+$/, '');
  return SYSTEM_ALIASES.get(trimmed) ?? trimmed;
};

/** HL7 v2 table 0004 (patient class) to v3 ActCode. */
const FROM_V2: Readonly<Record<string, string>> = { E: 'EMER', I: 'IMP', O: 'AMB', B: 'IMP' };

/** Words a system may send instead of a code, to v3 ActCode. */
const FROM_WORDS: readonly [RegExp, string][] = [
  [/\b(emergency|a\s*&\s*e|accident and emergency)\b/i, 'EMER'],
  [/\b(inpatient|in-patient|admission|acute)\b/i, 'IMP'],
  [/\b(home health|home visit)\b/i, 'HH'],
  [/\b(outpatient|out-patient|ambulatory)\b/i, 'AMB'],
  [/\b(virtual|telephone|video)\b/i, 'VR'],
];

const V3_CODES: ReadonlySet<string> = new Set(['AMB', 'EMER', 'FLD', 'HH', 'IMP', 'ACUTE', 'NONAC', 'OBSENC', 'PRENC', 'SS', 'VR']);

interface ClassCoding {
  system?: string | undefined;
  code?: string | undefined;
  display?: string | undefined;
}

/** The class as a v3 ActCode, or `undefined` when nothing says which. */
export function encounterClassCode(coding: ClassCoding | undefined): string | undefined {
  if (!coding) return undefined;
  const code = typeof coding.code === 'string' ? coding.code.trim() : '';
  const system = systemOf(coding.system);
  if (system === V2_PATIENT_CLASS) return FROM_V2[code.toUpperCase()] ?? fromWords(coding.display);
  if (system === undefined || system === V3) {
    if (V3_CODES.has(code.toUpperCase())) return code.toUpperCase();
    // Without a system, a v2 letter is read as v2 (no v3 class is one letter).
    if (system === undefined && FROM_V2[code.toUpperCase()]) return FROM_V2[code.toUpperCase()];
  }
  return fromWords(coding.display) ?? (system !== undefined && system !== V3 ? fromWords(code) : undefined);
}

function fromWords(words: string | undefined): string | undefined {
  if (typeof words !== 'string') return undefined;
  return FROM_WORDS.find(([pattern]) => pattern.test(words))?.[1];
}

/** HL7 v3 ActEncounterCode displays, for a class sent as a code with no display of its own. */
const CLASS_WORDS: Readonly<Record<string, string>> = {
  AMB: 'Ambulatory',
  EMER: 'Emergency',
  FLD: 'Field',
  HH: 'Home health',
  IMP: 'Inpatient encounter',
  ACUTE: 'Inpatient acute',
  NONAC: 'Inpatient non-acute',
  OBSENC: 'Observation encounter',
  PRENC: 'Pre-admission',
  SS: 'Short stay',
  VR: 'Virtual',
};

/**
 * The class in words, to title an encounter that has nothing else to name
 * it: the source's display, else the v3 display of the class it reads as
 * (`encounterClassCode`), else its code as sent; `undefined` when it has none.
 */
export function encounterClassWords(coding: ClassCoding | undefined): string | undefined {
  if (typeof coding !== 'object' || coding === null) return undefined;
  const display = typeof coding.display === 'string' ? coding.display.replace(/\s+/g, ' ').trim() : '';
  if (display) return display;
  const code = encounterClassCode(coding);
  if (code && CLASS_WORDS[code]) return CLASS_WORDS[code];
  const sent = typeof coding.code === 'string' ? coding.code.replace(/\s+/g, ' ').trim() : '';
  return sent || undefined;
}
