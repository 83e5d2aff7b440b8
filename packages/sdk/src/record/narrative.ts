/**
 * The words of a resource's narrative (`text.div`, XHTML), for when it is all
 * that names the resource: a Condition sent with only a narrative is named by
 * it, not "Not known". Tags are left out and character references read, so
 * the words show as text (an element escapes them again), on one line.
 */
import { displayText } from '../format/display-text.js';

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A character reference as its character; one that names no character is kept as written. */
function character(reference: string, name: string): string {
  if (name.startsWith('#')) {
    const point = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isInteger(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : reference;
  }
  return NAMED[name.toLowerCase()] ?? reference;
}

/** The narrative's words on one line; `undefined` when it has none (or is not text). */
export function narrativeWords(narrative: unknown): string | undefined {
  const div = typeof narrative === 'object' && narrative !== null ? (narrative as { div?: unknown }).div : undefined;
  if (typeof div !== 'string') return undefined;
  const words = displayText(
    div
      // Block ends and line breaks part words that would otherwise run together.
      .replace(/<(?:br|\/p|\/div|\/li|\/tr|\/td|\/th|\/h[1-6])\b[^>]*>/gi, ' ')
      .replace(/<[^>]*>/g, '')
      .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference, name: string) => character(reference, name)),
  );
  return words || undefined;
}
