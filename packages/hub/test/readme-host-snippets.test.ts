/**
 * What the READMEs tell a host to paste works as the READMEs say it does: the
 * strict Content-Security-Policy they describe blocks an inline script, so no
 * snippet has one (the components' quick start did); and every file of a
 * package a README tells hosts to load from `dist/` is in that package's
 * `exports`, so tools that resolve through `exports` find it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const packageFolders = readdirSync(join(root, 'packages')).filter((folder) => existsSync(join(root, 'packages', folder, 'README.md')));
const readmes = ['README.md', ...packageFolders.map((folder) => join('packages', folder, 'README.md'))];

/** The HTML of a README's code blocks. */
function htmlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```html\n([\s\S]*?)```/g)].map((block) => block[1] ?? '');
}

test('no README snippet has an inline script, which a strict Content-Security-Policy blocks', () => {
  const inline: string[] = [];
  for (const readme of readmes)
    for (const block of htmlBlocks(readFileSync(join(root, readme), 'utf8')))
      for (const [script, attributes = '', body = ''] of block.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g))
        if (!/\bsrc=/.test(attributes) || body.trim() !== '') inline.push(`${readme}: ${script.slice(0, 60)}`);
  assert.deepEqual(inline, []);
});

test('every dist file a package README tells hosts to load is in its exports', () => {
  const missing: string[] = [];
  for (const folder of packageFolders) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as {
      name: string;
      exports?: Record<string, unknown>;
    };
    const targets = JSON.stringify(manifest.exports ?? {});
    const named = new Set(
      [...readFileSync(join(root, 'packages', folder, 'README.md'), 'utf8').matchAll(/`dist\/([\w.-]+\.(?:js|sri|txt))`/g)].map(
        (found) => found[1] ?? '',
      ),
    );
    for (const file of named) if (!targets.includes(`"./dist/${file}"`)) missing.push(`${manifest.name}: dist/${file}`);
  }
  assert.deepEqual(missing, []);
});
