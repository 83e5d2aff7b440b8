/**
 * Coded concepts as sources send them, for the properties that a concept
 * reads as its words before its codes, and is "Not known" only when nothing
 * was sent: text and each coding's code and display blank, missing or set.
 */
import fc from 'fast-check';

/** A concept as it was sent. */
export type Sent = { text?: string | undefined; coding?: { code?: string | undefined; display?: string | undefined }[] | undefined };

/** Concepts drawn from these systems, codes and words, with up to two codings. */
export function sentConcept(choices: { systems: readonly (string | undefined)[]; codes: readonly string[]; words: readonly string[] }) {
  const blank = fc.constantFrom(undefined, '', '  ');
  const words = fc.constantFrom(...choices.words);
  const coding = fc.record(
    {
      system: fc.constantFrom(...choices.systems),
      code: fc.oneof(blank, fc.constantFrom(...choices.codes)),
      display: fc.oneof(blank, words),
    },
    { requiredKeys: [] },
  );
  return fc.record({ text: fc.oneof(blank, words), coding: fc.array(coding, { maxLength: 2 }) }, { requiredKeys: [] });
}

/** Text as a person reads it: trimmed, its runs of white space one space. */
export const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
/** The words a concept was sent with: its text, then each coding's display. */
export const wordsOf = (given: Sent | undefined) =>
  [tidy(given?.text), ...(given?.coding ?? []).map((one) => tidy(one.display))].filter(Boolean);
/** The codes a concept was sent with. */
export const codesOf = (given: Sent | undefined) => (given?.coding ?? []).map((one) => tidy(one.code)).filter(Boolean);
