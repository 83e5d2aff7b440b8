/**
 * Every `css` tagged template literal of a module, squeezed (`squeeze-css.ts`):
 * what the published components ship. Used on the built `dist` files
 * (`squeeze-dist-css.ts`), in the Vite build of the one-file embed, and by
 * the bundle benches so that they measure what a host ships.
 */
import ts from 'typescript';
import { squeezeCss } from './squeeze-css.ts';

export function squeezeCssLiterals(code: string, fileName: string): string {
  if (!/\bcss\s*`/.test(code)) return code;
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS,
  );
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'css') {
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // Between the opening `` ` `` or `}` and the closing `` ` `` or `${`.
        const start = part.getStart(source) + 1;
        const end = part.getEnd() - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2);
        edits.push({ start, end, text: squeezeCss(code.slice(start, end)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let result = code;
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, start) + text + result.slice(end);
  return result;
}
