/**
 * Reading a FHIR code as a person would. FHIR codes are case-sensitive, but
 * real exports send `Entered-In-Error`, `ENTERED_IN_ERROR`, ` active ` or
 * `No Show`: a code that is not exactly one of the valid codes but matches one
 * once trimmed, case-folded and read without `-`, `_` or spaces means the
 * same to anyone reading it, and is read as that code. Anything else is no
 * code at all: callers read it as not known — never as current, active or
 * final, and never as entered in error's opposite.
 *
 * One reader for every module that reads a status, so a spelling understood in
 * one place is understood in all of them.
 */
import type { ConceptLike } from './concept-text.js';

/** A code's letters alone, lower case: what two spellings of one code share. */
const folded = (value: string): string => value.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The valid code `value` spells, however it is spelt; `undefined` when it is
 * missing, not a string, or spells none of `codes`.
 */
export function fhirCode<Code extends string>(value: unknown, codes: Iterable<Code>): Code | undefined {
  if (typeof value !== 'string') return undefined;
  const key = folded(value);
  if (!key) return undefined;
  for (const code of codes) if (code === value || folded(code) === key) return code;
  return undefined;
}

/** Whether a status says its source withdrew the entry as entered in error, however spelt: such an entry is never shown. */
export const isEnteredInError = (status: unknown): boolean => fhirCode(status, ['entered-in-error']) !== undefined;

/** `In remission`, `In error`: words that name a code after an `in`. */
const IN_PREFIX = /^in[\s_-]+/i;

/**
 * The valid codes a status concept (a CodeableConcept, or in FHIR STU3 a plain
 * code) carries, however spelt:
 * every coding's code that spells one, in order; when none does, the code its
 * words name — its `text`, else a coding's `display` (`Resolved`,
 * `Entered in error`, `In remission`) — so a status sent in words, or under a
 * local code with the standard words beside it, is read as what it says.
 * Empty when it says nothing that names one of `codes`.
 */
export function conceptCodes<Code extends string>(concept: ConceptLike | string | undefined, codes: Iterable<Code>): Code[] {
  const valid = [...codes];
  // FHIR STU3 (GP Connect) sends these statuses as a plain code: `"verificationStatus": "entered-in-error"`.
  if (typeof concept === 'string') {
    const code = fhirCode(concept, valid);
    return code ? [code] : [];
  }
  const codings: unknown = concept?.coding;
  const list = (Array.isArray(codings) ? (codings as unknown[]) : []).filter(
    (coding): coding is { code?: unknown; display?: unknown } => typeof coding === 'object' && coding !== null,
  );
  const coded = list.flatMap((coding) => fhirCode(coding.code, valid) ?? []);
  if (coded.length > 0) return coded;
  for (const words of [concept?.text, ...list.map((coding) => coding.display)]) {
    if (typeof words !== 'string') continue;
    const code =
      fhirCode(words, valid) ?? (IN_PREFIX.test(words.trim()) ? fhirCode(words.trim().replace(IN_PREFIX, ''), valid) : undefined);
    if (code) return [code];
  }
  return [];
}

/** Whether a concept carries anything at all: a coding with a code or words, or text. */
export function saysAnything(concept: ConceptLike | string | undefined): boolean {
  const present = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
  if (typeof concept === 'string') return present(concept);
  const codings: unknown = concept?.coding;
  return (
    present(concept?.text) ||
    (Array.isArray(codings) &&
      (codings as unknown[]).some(
        (coding) =>
          typeof coding === 'object' &&
          coding !== null &&
          (present((coding as { code?: unknown }).code) || present((coding as { display?: unknown }).display)),
      ))
  );
}
