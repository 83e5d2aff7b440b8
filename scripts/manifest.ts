/**
 * `npm run manifest`: writes the components' Custom Elements Manifest
 * (packages/components/custom-elements.json) from their JSDoc, with the
 * analyzer and packages/components/custom-elements-manifest.config.mjs.
 * `--check` writes nothing and fails when the committed manifest differs from
 * what the source says now (run by `npm test`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The analyzer's programmatic entry; it ships no types for this file.
// @ts-expect-error -- untyped module
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { format, resolveConfig } from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const components = join(root, 'packages/components');
const manifestPath = join(components, 'custom-elements.json');
const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

/** The manifest as the source describes it now, formatted as the repository formats JSON. */
export async function generateManifest(): Promise<string> {
  const manifest = (await (cli as (options: { argv: string[]; cwd: string; noWrite: boolean }) => Promise<unknown>)({
    argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs'],
    cwd: components,
    noWrite: true,
  })) as { modules?: { path: string }[] };
  // The analyzer lists modules in the order the file system gives them, which differs between machines: sort by path.
  manifest.modules?.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const options = (await resolveConfig(manifestPath)) ?? {};
  return format(JSON.stringify(manifest), { ...options, filepath: manifestPath });
}

const generated = await generateManifest();
if (values.check) {
  let committed = '';
  try {
    committed = readFileSync(manifestPath, 'utf8');
  } catch {
    // Reported below as stale.
  }
  if (committed !== generated) {
    console.error(
      '✘ packages/components/custom-elements.json is stale: the JSDoc of the components changed. Run `npm run manifest` and commit it.',
    );
    process.exit(1);
  }
  console.log('✔ packages/components/custom-elements.json matches the components’ JSDoc');
} else {
  writeFileSync(manifestPath, generated);
  console.log(`✔ wrote ${manifestPath}`);
}
