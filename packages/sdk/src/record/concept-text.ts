/** Reading the words a source recorded in a CodeableConcept, without inventing any. */
import { displayText, withoutBidiControls } from '../format/display-text.js';
import { NOT_KNOWN } from '../format/placeholders.js';

export interface CodingLike {
  system?: string | undefined;
  code?: string | undefined;
  display?: string | undefined;
}

export interface ConceptLike {
  text?: string | undefined;
  coding?: readonly CodingLike[] | undefined;
}

/** Trimmed text, or `undefined` when blank. */
/** Text for display on one line: trimmed, runs of white space made one space; empty when there is none. */
export function tidyText(text: string | undefined): string {
  // Anything but a string (a number where text belongs, a null) has no words to show.
  return typeof text === 'string' ? displayText(text) : '';
}

export function presentText(value: string | undefined): string | undefined {
  const text = typeof value === 'string' ? withoutBidiControls(value).trim() : undefined;
  return text ? text : undefined;
}

/** The concept's `text`, else the first coding `display`; `undefined` when it has neither (a bare code is not shown). */
export function conceptText(concept: ConceptLike | undefined): string | undefined {
  const text = presentText(concept?.text);
  if (text) return text;
  for (const coding of concept?.coding ?? []) {
    const display = presentText(coding.display);
    if (display) return display;
  }
  return undefined;
}

/**
 * The friendly names of the code systems NHS records use, by system URI
 * (trailing slashes forgiven): how a code is named when the source sent it
 * with no words.
 */
const CODE_SYSTEM_NAMES: ReadonlyMap<string, string> = new Map([
  ['http://snomed.info/sct', 'SNOMED CT'],
  ['https://dmd.nhs.uk', 'dm+d'],
  ['http://hl7.org/fhir/sid/icd-10', 'ICD-10'],
  ['http://hl7.org/fhir/sid/icd-10-uk', 'ICD-10'],
  ['http://read.info/readv2', 'Read v2'],
  ['http://read.info/ctv3', 'CTV3'],
  ['http://loinc.org', 'LOINC'],
]);

/**
 * The concept's code as words, for a concept sent with a code and no words
 * (EMIS, TPP and hospital feeds drop displays): `SNOMED CT 22298006` from the
 * first coding of a code system NHS records use, else the first code alone;
 * `undefined` when it carries no code.
 */
export function codedText(concept: ConceptLike | undefined): string | undefined {
  const codings: unknown = concept?.coding;
  const coded = (Array.isArray(codings) ? (codings as (CodingLike | null)[]) : []).flatMap((coding) => {
    const code = tidyText(coding?.code);
    return code ? [{ code, system: CODE_SYSTEM_NAMES.get(tidyText(coding?.system).replace(/\/+$/, '')) }] : [];
  });
  const known = coded.find((coding) => coding.system !== undefined);
  return known ? `${known.system} ${known.code}` : coded[0]?.code;
}

/**
 * What a concept says, on one line: its words (`conceptText`), else its code
 * (`codedText`) — a clinician is never told "Not known" when the source said
 * something — else `fallback`, "Not known" unless the caller has its own words
 * for none. Use it to show a concept; use `conceptText` to read its words.
 */
export function conceptWords(concept: ConceptLike | undefined, fallback: string = NOT_KNOWN): string {
  return tidyText(conceptText(concept)) || tidyText(codedText(concept)) || fallback;
}

/** What the first concept of a list with any words says, else the first code among them; `undefined` when none says anything. */
export function firstConceptWords(concepts: readonly ConceptLike[] | undefined): string | undefined {
  const worded = tidyText(firstConceptText(concepts));
  if (worded) return worded;
  for (const concept of concepts ?? []) {
    const code = codedText(concept);
    if (code) return code;
  }
  return undefined;
}

/** The first concept of a list with any words. */
export function firstConceptText(concepts: readonly ConceptLike[] | undefined): string | undefined {
  for (const concept of concepts ?? []) {
    const text = conceptText(concept);
    if (text) return text;
  }
  return undefined;
}

/**
 * The codes a status concept carries: every coded `code`; with none, the code
 * its words name, when they name one of `codes` (a display or text of
 * `Resolved`, `In remission`, `Entered in error`) — so a status sent only in
 * words is read as what it says, and words that name no code give nothing.
 */
export function statusCodes(concept: ConceptLike | undefined, codes: ReadonlySet<string>): string[] {
  const codings: unknown = concept?.coding;
  const list = Array.isArray(codings) ? (codings as (CodingLike | null)[]) : [];
  const coded = list.flatMap((coding) => (typeof coding?.code === 'string' && coding.code.trim() ? [coding.code.trim()] : []));
  if (coded.length > 0) return coded;
  const named = [concept?.text, ...list.map((coding) => coding?.display)].flatMap((words) => {
    const key =
      typeof words === 'string'
        ? words
            .trim()
            .toLowerCase()
            .replace(/[\s_-]+/g, '-')
        : '';
    const code = codes.has(key) ? key : key.startsWith('in-') && codes.has(key.slice(3)) ? key.slice(3) : undefined;
    return code ? [code] : [];
  });
  return named.slice(0, 1);
}

/** Whether the concept carries `code` in `system`. */
export function hasCode(concept: ConceptLike | undefined, system: string, code: string): boolean {
  return concept?.coding?.some((coding) => coding.system === system && coding.code === code) ?? false;
}

/** A quantity as recorded: `28 tablet`, `82.5 kg`; the number alone when it has no unit. */
export function quantityText(
  quantity: { value?: number | undefined; unit?: string | undefined; code?: string | undefined } | undefined,
): string | undefined {
  if (quantity?.value === undefined || !Number.isFinite(quantity.value)) return undefined;
  const unit = presentText(quantity.unit) ?? presentText(quantity.code);
  return unit ? `${quantity.value} ${unit}` : String(quantity.value);
}
