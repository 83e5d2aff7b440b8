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
 * A pattern that finds any of `phrases` — regular expressions whose words are separated by a space, where `gap` is
 * found (`-?` where the gap may be left out: "genito-?urinary" finds "genitourinary" too) — in any case, never within
 * a longer word: nothing but a non-letter or the text's end on either side (an underscore or a digit beside is no
 * part of the word, as `\b` would take it).
 */
export function phrasesPattern(phrases: readonly string[], gap: string = GAP): RegExp {
  return new RegExp(
    phrases.map((phrase) => `(?<!\\p{L})${phrase.replaceAll(' ', gap).replaceAll('-?', `(?:${gap})?`)}(?!\\p{L})`).join('|'),
    'iu',
  );
}
