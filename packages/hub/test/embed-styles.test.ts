/**
 * The components' build squeezes the `css` literals of every module
 * (`scripts/css-literals.ts`): only those literals change, the other code
 * (markup in `html` literals, strings, logic) is left byte for byte, every
 * line stays where it was (the source maps still hold), and squeezing twice
 * changes nothing. Over every module of the components package, and over the
 * JavaScript `tsc` writes (`css \`…\``, with a space). That the browser reads
 * the same rules is `packages/components/test/squeeze-css.browser.test.ts`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { squeezeCssLiterals } from '../../../scripts/css-literals.ts';

const src = fileURLToPath(new URL('../../components/src', import.meta.url));
const modules = readdirSync(src, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
  .map((entry) => join(entry.parentPath, entry.name));

/** The module with the text of every `css` literal taken out: what must not change. */
function withoutCss(code: string, fileName: string): string {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const spans: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css')
      spans.push([node.template.getStart(source), node.template.getEnd()]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  let result = code;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0])) result = `${result.slice(0, start)}\`…\`${result.slice(end)}`;
  return result;
}

const lines = (code: string) => code.split('\n').length;

describe('the css literals of the components, squeezed', () => {
  test('the package has modules with styles to squeeze', () => {
    const styled = modules.filter((file) => /\bcss`/.test(readFileSync(file, 'utf8')));
    assert.ok(styled.length >= 12, `${styled.length} modules with css literals`);
  });

  for (const file of modules) {
    const name = file.slice(src.length + 1);
    test(name, () => {
      const code = readFileSync(file, 'utf8');
      const squeezed = squeezeCssLiterals(code, file);
      assert.equal(withoutCss(squeezed, file), withoutCss(code, file), 'only the css literals change');
      assert.equal(lines(squeezed), lines(code), 'every line stays where it was');
      assert.equal(squeezeCssLiterals(squeezed, file), squeezed, 'squeezing twice changes nothing');
      if (/\bcss`/.test(code)) assert.ok(squeezed.length < code.length, 'the styles are shorter');

      // The same module as tsc writes it.
      const emitted = ts.transpileModule(code, {
        compilerOptions: { target: ts.ScriptTarget.ES2022, experimentalDecorators: true, useDefineForClassFields: false },
      }).outputText;
      const squeezedJs = squeezeCssLiterals(emitted, file.replace(/\.ts$/, '.js'));
      assert.equal(lines(squeezedJs), lines(emitted));
      if (/\bcss\s*`/.test(emitted)) assert.ok(squeezedJs.length < emitted.length, 'the built styles are shorter');
    });
  }
});
