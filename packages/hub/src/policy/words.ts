/**
 * Words found as a source writes them: one pattern for a list of phrases, each found in any case, with whatever an
 * export puts between its words, and never within a longer word. The rules that read what an item says
 * (`sensitive-content.ts`) or which service it names (`mental-health.ts`) both find their words so.
 *
 * No Node imports: the stories' in-browser hub imports this module.
 */

/**
 * Between the words of a phrase: whatever a source or its export puts there — a space or several, a line break, a
 * non-breaking space, a hyphen, an underscore, a slash — any run of what is neither a letter nor a digit.
 */
export const GAP = '[^\\p{L}\\p{N}]+';

/** Between the words of a phrase, for a rule that lets a digit stand there too: any run of what is not a letter. */
export const ANY_NON_LETTER = '[^\\p{L}]+';

/**
 * A text without its Unicode format characters (category Cf: a soft hyphen, a zero-width space or joiner, a direction
 * mark), which a display carries unseen inside a word ("Sex\u00adual health") and which would otherwise split it.
 */
export const withoutFormatCharacters = (text: string): string => text.replace(/\p{Cf}/gu, '');

/** Phrases found in a text (`phrasesPattern`). */
export interface Phrases {
  test(text: string): boolean;
}

/**
 * A pattern that finds any of `phrases` — regular expressions whose words are separated by a space, where `gap` is
 * found (`-?` where the gap may be left out: "genito-?urinary" finds "genitourinary" too) — in any case, never within
 * a longer word: nothing but a non-letter or the text's end on either side (an underscore or a digit beside is no
 * part of the word, as `\b` would take it). With `inCase` `as-written`, only in the case written: an abbreviation
 * that is another word in other cases ("PrEP", not "prep"), with `anyCaseOf` for a word beside it. Found in the text
 * as it is, or with its format characters left out (`withoutFormatCharacters`): a soft hyphen inside a word hides no
 * phrase, and a zero-width space between two words is still a gap.
 */
export function phrasesPattern(phrases: readonly string[], gap: string = GAP, inCase: 'any' | 'as-written' = 'any'): Phrases {
  const pattern = new RegExp(
    phrases.map((phrase) => `(?<!\\p{L})${phrase.replaceAll(' ', gap).replaceAll('-?', `(?:${gap})?`)}(?!\\p{L})`).join('|'),
    inCase === 'any' ? 'iu' : 'u',
  );
  return { test: (text) => pattern.test(text) || pattern.test(withoutFormatCharacters(text)) };
}

/** A word as a pattern found in any case, for a phrase of a pattern found as written (`phrasesPattern`'s `inCase`). */
export const anyCaseOf = (word: string): string =>
  [...word]
    .map((letter) => (letter.toLowerCase() === letter.toUpperCase() ? letter : `[${letter.toLowerCase()}${letter.toUpperCase()}]`))
    .join('');
