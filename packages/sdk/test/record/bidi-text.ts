/**
 * Text as feeds send it, with Unicode's bidirectional controls and marks
 * anywhere in it, and a way to find every string a view model would show:
 * for the properties that no view the SDK builds carries a control.
 */
import fc from 'fast-check';

/** Embeddings, overrides, isolates and the three marks. */
export const BIDI_CONTROL_CHARACTERS = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
  '\u061C',
] as const;
export const ANY_BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** Latin, Arabic, Hebrew, digits, comparators and emoji, with controls anywhere among them; never empty. */
export const freeText = (maxLength = 12): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom('a', 'Z', ' ', '5', '.', '<', '>', '(', 'م', 'ر', 'י', 'ש', '😀', ...BIDI_CONTROL_CHARACTERS), {
      minLength: 1,
      maxLength,
    })
    .map((units) => `x${units.join('')}`);

/** Every string in a view model, however deep, with where it is. */
export function* strings(value: unknown, path = '$'): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* strings(item, `${path}[${index}]`);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) yield* strings(item, `${path}.${key}`);
}
