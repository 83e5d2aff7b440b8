/** Reading the words a source recorded in a CodeableConcept, without inventing any. */

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
  return typeof text === 'string' ? text.trim().replace(/\s+/g, ' ') : '';
}

export function presentText(value: string | undefined): string | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
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
