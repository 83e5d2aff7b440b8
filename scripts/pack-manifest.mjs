/**
 * What npm packs is not quite the workspace package: run by each package's
 * `prepack` and `postpack` (so by `npm pack`, `npm publish` and
 * `changeset publish` alike).
 *
 *   prepack   keeps package.json as package.json.workspace, then writes the
 *             published one: no `source` export condition (it points at
 *             TypeScript with decorators, for this workspace only), and adds
 *             the project's LICENSE and, for the hub, its bundled contract.
 *   postpack  puts the workspace package.json back and removes what prepack
 *             added.
 *
 * A prepack interrupted half-way is repaired by the next prepack or postpack.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = process.cwd();
const manifestPath = join(folder, 'package.json');
const workspacePath = join(folder, 'package.json.workspace');

/** Files the packed package carries that the workspace keeps once, at the top (copied from, copied to). */
function additions(manifest) {
  const files = [[join(root, 'LICENSE'), join(folder, 'LICENSE')]];
  if (manifest.name === '@care-record/hub')
    files.push([join(root, 'openapi/dist/hub.openapi.json'), join(folder, 'contract/hub.openapi.json')]);
  return files;
}

/** `exports` without the `source` condition, at any depth. */
export function withoutSourceCondition(value) {
  if (Array.isArray(value)) return value.map(withoutSourceCondition);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .map(([key, inner]) => [key, withoutSourceCondition(inner)]),
  );
}

function restore() {
  if (!existsSync(workspacePath)) return;
  const manifest = JSON.parse(readFileSync(workspacePath, 'utf8'));
  renameSync(workspacePath, manifestPath);
  for (const [, to] of additions(manifest)) rmSync(to, { force: true });
  rmSync(join(folder, 'contract'), { recursive: true, force: true });
}

const step = process.argv[2];
if (step === 'prepack') {
  restore();
  const text = readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(text);
  for (const [from, to] of additions(manifest)) {
    if (!existsSync(from)) {
      console.error(`Cannot pack ${manifest.name}: ${from} is missing (run npm run build first).`);
      process.exit(1);
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
  writeFileSync(workspacePath, text);
  const published = { ...manifest, exports: withoutSourceCondition(manifest.exports) };
  writeFileSync(manifestPath, `${JSON.stringify(published, null, 2)}\n`);
} else if (step === 'postpack') {
  restore();
} else {
  console.error('Usage: node scripts/pack-manifest.mjs prepack|postpack (run from a package folder)');
  process.exit(2);
}
