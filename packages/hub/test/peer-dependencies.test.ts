/**
 * A peer dependency puts a version on the host's own install: npm refuses a
 * host whose framework is outside the range (a Vue 2.7 host met
 * `ERESOLVE peerOptional vue@">=3.3"` installing the components for their
 * Vue 3 types), even when the peer is optional and the host never loads the
 * file that names it. So a package names as a peer only what its code imports
 * when it runs; a framework named only in type files (the JSX and template
 * types in `frameworks/`) is the host's to have, at whatever version it has.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('../../', import.meta.url));

/** Every source file under a folder, tests left out. */
function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && !/\.(test|stories)\./.test(file))
    .map((file) => join(folder, file));
}

/** The packages a file imports for its code to run: `import type` and `import { type … }` alone leave no import in the output. */
function runtimeImports(code: string): Set<string> {
  const found = new Set<string>();
  const statements = code.matchAll(/^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*(?:from\s+)?['"]([^'"]+)['"]/gm);
  for (const [, , typeOnly, clause = '', specifier = ''] of statements) {
    if (typeOnly) continue;
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    if (names !== undefined && names.split(',').every((name) => name.trim() === '' || name.trim().startsWith('type '))) continue;
    const parts = specifier.split('/');
    found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  for (const [, specifier = ''] of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.add(specifier);
  return found;
}

test('runtimeImports tells a type-only import from one the code runs', () => {
  assert.deepEqual([...runtimeImports("import type { DefineComponent } from 'vue';")], []);
  assert.deepEqual([...runtimeImports("import { type HTMLAttributes } from 'preact';")], []);
  assert.deepEqual([...runtimeImports("import * as React from 'react';")], ['react']);
  assert.deepEqual([...runtimeImports("import { html } from 'lit';\nimport '@lit/context/x.js';")], ['lit', '@lit/context']);
});

test('every peer dependency of a package is imported by its code when it runs', () => {
  const wrong: string[] = [];
  for (const folder of readdirSync(packages)) {
    const manifestFile = join(packages, folder, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name: string; peerDependencies?: Record<string, string> };
    const imported = new Set(sources(join(packages, folder, 'src')).flatMap((file) => [...runtimeImports(readFileSync(file, 'utf8'))]));
    for (const peer of Object.keys(manifest.peerDependencies ?? {}))
      if (!imported.has(peer)) wrong.push(`${manifest.name}: ${peer} is named only in types`);
  }
  assert.deepEqual(wrong, []);
});
