/**
 * A name from the record (a person's, an organisation's, a source's) in an element of its own that isolates it:
 * a right-to-left name, even with no bidirectional controls in it, would carry the numbers and punctuation after it
 * into its own run, so a date or dose beside it would show out of order.
 */
import { html, type TemplateResult } from 'lit';

export const isolatedName = (name: string): TemplateResult => html`<bdi>${name}</bdi>`;

/** Names joined with commas, each isolated from the others and from the text around them. */
export const isolatedNames = (names: readonly string[]): TemplateResult[] =>
  names.map((name, index) => html`${index > 0 ? ', ' : ''}<bdi>${name}</bdi>`);

/**
 * A line of text the SDK wrote with a name in it (`…, No reference range, <source>`), with that name isolated: the
 * text is shown as written, only its first `, <name>` is put in an isolate. A line without it is shown as it is.
 */
export function withNameIsolated(line: string, name: string): TemplateResult | string {
  const at = name === '' ? -1 : line.indexOf(`, ${name}`);
  if (at < 0) return line;
  const start = at + 2;
  return html`${line.slice(0, start)}<bdi>${name}</bdi>${line.slice(start + name.length)}`;
}
