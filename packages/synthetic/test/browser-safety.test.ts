/**
 * The generator runs in browsers as well as Node: its source imports no Node
 * built-ins, and it reads neither the clock nor Math.random (that would also
 * break determinism).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const sourceRoot = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('browser safety', () => {
  const files = sourceFiles(sourceRoot);

  test('there is source to check', () => assert.ok(files.length > 10));

  test('no Node built-in modules are imported', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /from\s+['"]node:/, file);
      assert.doesNotMatch(text, /import\(\s*['"]node:/, file);
      assert.doesNotMatch(text, /from\s+['"](fs|path|os|crypto|url|util|child_process)['"]/, file);
      assert.doesNotMatch(text, /\brequire\(/, file);
    }
  });

  test('no clock and no Math.random', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/, file);
    }
  });

  test('only the SDK is imported: its types, and its browser-safe format and proxy helpers', () => {
    for (const file of files) {
      for (const [statement = '', specifier = ''] of readFileSync(file, 'utf8').matchAll(/import[^;]*?from\s+['"]([^'"]+)['"]/g)) {
        if (specifier.startsWith('.') || specifier === '@care-record/sdk/format' || specifier === '@care-record/sdk/proxy') continue;
        assert.equal(specifier, '@care-record/sdk', `${file}: ${specifier}`);
        // The client (and its HTTP library) must not end up in a bundle that only wants synthetic data.
        assert.match(statement, /^import type /, `${file}: ${statement}`);
      }
    }
  });
});
