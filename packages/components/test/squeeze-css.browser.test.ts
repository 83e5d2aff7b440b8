/**
 * The published components ship their styles squeezed (`scripts/squeeze-css.ts`:
 * no comments, indentation or optional spaces). Chromium must read the same
 * rules from the squeezed text as from the text as written: for every
 * element's styles, and for a matrix of the constructs where a space or a
 * character matters (descendant combinators before a pseudo-class, strings
 * holding punctuation, comments holding quotes, `calc()`, media queries,
 * `!important`, attribute selectors).
 */
import { expect } from '@open-wc/testing';
import type { CSSResultOrNative } from 'lit';
import * as elements from '../src/define.js';
import { squeezeCss } from '../../../scripts/squeeze-css.ts';

/**
 * The rules as the browser read them. A value holding `var()` keeps its tokens
 * as written, and to CSS any run of whitespace is one whitespace token: runs
 * are compared as one space.
 */
function rules(text: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return [...sheet.cssRules].map((rule) => rule.cssText.replace(/\s+/g, ' '));
}

const cssText = (style: CSSResultOrNative): string =>
  style instanceof CSSStyleSheet ? [...style.cssRules].map((rule) => rule.cssText).join('\n') : style.cssText;

describe('squeezed styles', () => {
  const classes = Object.values(elements).filter(
    (value): value is typeof elements.CareRecordProvider => typeof value === 'function' && 'elementStyles' in value,
  );

  it('covers every element the package defines', () => {
    expect(classes.length).to.be.greaterThanOrEqual(12);
    for (const element of classes) expect(element.elementStyles.length, element.name).to.be.greaterThan(0);
  });

  it('reads the same rules from every element’s squeezed styles, and the text is shorter', () => {
    let written = 0;
    let squeezed = 0;
    for (const element of classes)
      for (const style of element.elementStyles) {
        const text = cssText(style);
        const short = squeezeCss(text);
        expect(rules(short), element.name).to.deep.equal(rules(text));
        expect(short.split('\n').length, `${element.name}: lines kept`).to.equal(text.split('\n').length);
        written += text.length;
        squeezed += short.replace(/\n+$/, '').length;
      }
    expect(squeezed).to.be.lessThan(written * 0.85);
  });

  const selectors = [
    '.a .b',
    '.a :focus-visible',
    ':host(:not([hidden])) > .b',
    '.a + .b ~ .c',
    '[aria-invalid="true"]',
    "[data-x='a, b; {c}']",
    '.a,\n    .b',
  ];
  const declarations = [
    'color: red',
    'margin: 0 auto !important',
    'inline-size: calc(100% - 2 * var(--_space-3, 8px))',
    "content: ' ; , { } > : '",
    'content: "it\'s: a \\"quote\\""',
    'font-family: "Frutiger W01", Arial, sans-serif',
    'border-image: repeating-linear-gradient(45deg, #212b32 0 12px, #ffeb3b 12px 24px) 6',
    'grid-template-areas: "a b" "c d"',
  ];
  const layouts: [name: string, write: (selector: string, declaration: string) => string][] = [
    ['indented', (s, d) => `\n    ${s} {\n      ${d};\n    }\n`],
    ['one line', (s, d) => `${s}{${d}}`],
    ['commented', (s, d) => `/* the host's "page" */ ${s} { /* a; b */ ${d}; }`],
    ['in a media query', (s, d) => `@media (min-width: 40em) and (forced-colors: active) {\n  ${s} {\n    ${d};\n  }\n}`],
    ['in a supports query', (s, d) => `@supports (display: grid) { ${s} { ${d} ; } }`],
  ];
  for (const [layout, write] of layouts)
    it(`reads the same rules from every selector and declaration, ${layout}`, () => {
      for (const selector of selectors)
        for (const declaration of declarations) {
          const text = write(selector, declaration);
          expect(rules(text), text).to.have.length(1);
          expect(rules(squeezeCss(text)), text).to.deep.equal(rules(text));
        }
    });
});
