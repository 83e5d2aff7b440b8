/**
 * The one-file embed (`@care-record/components/dist/care-record.js`) carries
 * lit, @lit/context (BSD-3-Clause), ky (MIT) and d3 (ISC), whose licences ask
 * that their notices go with every copy. The embed is built here as the
 * package builds it, and every package its source map names must have its
 * licence, word for word, at the head of the file and in
 * `THIRD-PARTY-NOTICES.txt` beside it; the integrity hash is of the file as
 * published, notices included.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const components = fileURLToPath(new URL('../../components/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'care-record-embed-'));
let embed = '';
let notices = '';
/** The installed packages the embed's source map names, each with its folder. */
let bundled: { name: string; folder: string }[] = [];

before(async () => {
  await build({
    configFile: join(components, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  embed = readFileSync(join(outDir, 'care-record.js'), 'utf8');
  const noticesFile = join(outDir, 'THIRD-PARTY-NOTICES.txt');
  notices = existsSync(noticesFile) ? readFileSync(noticesFile, 'utf8') : '';
  const map = JSON.parse(readFileSync(join(outDir, 'care-record.js.map'), 'utf8')) as { sources: string[] };
  const folders = new Map<string, string>();
  for (const source of map.sources) {
    const found = /^(.*\/node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(source.replace(/\\/g, '/'));
    if (found?.[1] && found[2]) folders.set(found[2], join(outDir, found[1]));
  }
  bundled = [...folders].map(([name, folder]) => ({ name, folder }));
});
after(() => rmSync(outDir, { recursive: true, force: true }));

/** A licence's words with its line breaks and indents as spaces: a comment may not keep them alike. */
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The bundled packages whose licence is not, word for word, at the head of the embed and in the notices file. */
function missingLicences(names: readonly string[]): string[] {
  const head = embed.startsWith('/*!') ? words(embed.slice(0, embed.indexOf('*/'))) : '';
  const missing: string[] = [];
  for (const name of names) {
    const folder = bundled.find((found) => found.name === name)?.folder;
    assert.ok(folder, `${name} is bundled (${bundled.map((found) => found.name).join(', ')})`);
    const file = readdirSync(folder).find((entry) => /^licen[cs]e(\.(md|txt))?$/i.test(entry));
    assert.ok(file, `${name} has a licence file`);
    const licence = words(readFileSync(join(folder, file), 'utf8'));
    if (!head.includes(licence)) missing.push(`${name} (embed)`);
    if (!words(notices).includes(licence)) missing.push(`${name} (THIRD-PARTY-NOTICES.txt)`);
  }
  return missing;
}

describe('the one-file embed', () => {
  test('the reported case: the licences of lit, @lit/context, ky and d3 go with it', () => {
    const reported = ['lit-html', 'lit-element', '@lit/reactive-element', '@lit/context', 'ky', 'd3-array', 'd3-path'];
    assert.deepEqual(missingLicences(reported), []);
  });

  test('carries the licence of every package its source map names', () => {
    assert.ok(bundled.length > 0);
    assert.deepEqual(missingLicences(bundled.map(({ name }) => name)), []);
  });

  test('its integrity hash is of the file with its notices', () => {
    const hash = `sha384-${createHash('sha384')
      .update(readFileSync(join(outDir, 'care-record.js')))
      .digest('base64')}`;
    assert.equal(readFileSync(join(outDir, 'care-record.js.sri'), 'utf8').trim(), hash);
  });
});
