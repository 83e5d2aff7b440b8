/**
 * The framework integrations are generated from the Custom Elements Manifest
 * and type-check real consumer code: a React 19 host using the elements in
 * JSX, a Preact host, what a Vue 3 template and a Svelte 5 component may bind,
 * and a React host using the generated components. Each consumer also holds
 * lines that must NOT compile (a wrong audience, a client given as a URL, a
 * detail field that does not exist): with their `@ts-expect-error` removed,
 * the compiler must report exactly that many errors — so the types cannot
 * quietly become `any`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { generateFrameworkFiles } from '../../../scripts/frameworks.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const consumers = fileURLToPath(new URL('./consumers/', import.meta.url));
const tsc = (project: string) =>
  spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });

test('the generated integrations are up to date with custom-elements.json', async () => {
  for (const [path, text] of await generateFrameworkFiles())
    assert.equal(readFileSync(join(root, path), 'utf8'), text, `${path} is out of date: run npm run frameworks`);
});

test('consumer code for React 19, Preact, Vue 3, Svelte 5 and the React components type-checks', () => {
  const result = tsc(join(consumers, 'tsconfig.json'));
  assert.equal(result.status, 0, result.stdout + result.stderr);
});

test('and each line that must not compile does not', () => {
  const scratch = mkdtempSync(join(fileURLToPath(new URL('./', import.meta.url)), 'mutated-consumers-'));
  try {
    cpSync(consumers, scratch, { recursive: true });
    let expected = 0;
    for (const name of readdirSync(scratch).filter((file) => /\.tsx?$/.test(file))) {
      const text = readFileSync(join(scratch, name), 'utf8');
      expected += (text.match(/@ts-expect-error/g) ?? []).length;
      writeFileSync(join(scratch, name), text.replaceAll('// @ts-expect-error', '// (no longer expected)'));
    }
    assert.ok(expected >= 10, `${expected} lines that must not compile`);
    const result = tsc(join(scratch, 'tsconfig.json'));
    const errors = (result.stdout.match(/error TS\d+/g) ?? []).length;
    assert.equal(errors, expected, result.stdout);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
