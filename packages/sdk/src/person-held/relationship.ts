/**
 * How someone is related to the resident, as a carer's screens say it in a
 * sentence ("Aoife Lloyd (daughter)", "you are their mother"): read as the
 * record summary reads a contact's relationship, whatever system or shape it
 * was sent in. No I/O.
 */
import { conceptText, tidyText, type ConceptLike } from '../record/concept-text.js';
import { relationshipText } from '../record/summary/contacts.js';

/** The record's own words for a code (`Mother`, `Next of kin`, `Half-sister`): a capital, then lower-case words. */
const ownWords = /^[A-Z][a-z]+(?:[ -][a-z]+)*$/;

/**
 * The first of the concepts that says anything: the source's words as it wrote them (`text`, else a display);
 * else the words for a code the record knows, in lower case for a sentence (`DAU` is `daughter`); else the code
 * as the record shows codes (`HL7 RoleCode STPGRMTH`). `undefined` when none says anything.
 */
export function relationshipWords(concepts: readonly ConceptLike[] | undefined): string | undefined {
  for (const concept of Array.isArray(concepts) ? concepts : []) {
    if (typeof concept !== 'object' || concept === null) continue;
    const said = tidyText(conceptText(concept));
    if (said) return said;
    const words = tidyText(relationshipText(concept));
    if (words) return ownWords.test(words) ? `${words.charAt(0).toLowerCase()}${words.slice(1)}` : words;
  }
  return undefined;
}
