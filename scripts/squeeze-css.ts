/**
 * Squeezes the text of a `css` template literal: comments and indentation
 * out, no spaces around `{ } ;` or after a property's name, no last `;` in
 * a block. Strings (`content: ', '`) are left as written. The line
 * breaks taken out are put back at the end, so that the lines after the
 * literal (and a source map of the file) stay where they were. The rules a
 * browser reads are the same: `packages/components/test/squeeze-css.browser.test.ts`
 * checks every element's styles in Chromium.
 *
 * Pure, no imports: the build (`scripts/css-literals.ts`) and the browser test share it.
 */
/** A comment or a string: read in one pass, so that a quote inside a comment does not start a string. */
const COMMENT_OR_STRING = /(\/\*[\s\S]*?\*\/|"(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*')/;
const STRING = /("(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*')/;

function squeezeOutsideStrings(text: string): string {
  return (
    text
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};]) ?/g, '$1')
      // After a property's name only (`{color: red` → `{color:red`): never in a selector or a query.
      .replace(/([{;])([\w-]+): /g, '$1$2:')
      .replace(/;}/g, '}')
  );
}

const lineBreaks = (text: string) => text.split('\n').length - 1;

/** The literal's text (between the backticks, or between `${…}` parts), squeezed, with as many line breaks as it had. */
export function squeezeCss(text: string): string {
  const withoutComments = text
    .split(COMMENT_OR_STRING)
    .map((part, index) => (index % 2 === 1 && part.startsWith('/*') ? ' ' : part))
    .join('');
  const squeezed = withoutComments
    .split(STRING)
    .map((part, index) => (index % 2 === 0 ? squeezeOutsideStrings(part) : part))
    .join('')
    .trim();
  // Whitespace at either end of a part is kept as one space: it may separate the part from a `${…}` beside it.
  const before = /^\s/.test(text) && squeezed !== '' ? ' ' : '';
  const after = /\s$/.test(text) && squeezed !== '' ? ' ' : '';
  return `${before}${squeezed}${after}${'\n'.repeat(Math.max(0, lineBreaks(text) - lineBreaks(squeezed)))}`;
}
