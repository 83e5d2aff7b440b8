/**
 * `npm test`'s check that every package is publishable as it will be
 * published: packs each one (as `npm publish` would) and checks the tarball
 * with publint (strict) and Are The Types Wrong (ESM-only profile, every
 * entry point including the components' per-element `define.js`), then what
 * neither tool knows about this project: no `source` export condition, no
 * stories or tests shipped, a LICENSE, the components' manifest exported and
 * the hub's contract inside its package.
 *
 *   node --import tsx scripts/package-check.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packWorkspaces, type PackedPackage } from './pack.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** The package.json inside a tarball. */
function packedManifest(tarball: string): Record<string, unknown> {
  return JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
}

/** What this project requires of a published package beyond publint and attw: a list of problems, empty when none. */
export function contentProblems(pack: PackedPackage, manifest: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (JSON.stringify(manifest.exports ?? {}).includes('"source"'))
    problems.push('its exports still carry the workspace-only `source` condition');
  for (const file of pack.files)
    if (/(^|\/)(test|tests|stories)\/|\.(test|stories)\.[cm]?[jt]sx?$|\.tsbuildinfo$/.test(file)) problems.push(`ships ${file}`);
  if (!pack.files.includes('LICENSE')) problems.push('has no LICENSE');
  for (const field of ['repository', 'homepage', 'bugs', 'engines']) if (!(field in manifest)) problems.push(`has no "${field}"`);
  for (const path of Object.values((manifest.bin ?? {}) as Record<string, string>))
    if (!pack.files.includes(path.replace(/^\.\//, ''))) problems.push(`its bin ${path} is not in the package`);
  if (pack.name === '@care-record/components') {
    const exports = manifest.exports as Record<string, unknown>;
    if (!pack.files.includes('custom-elements.json') || exports['./custom-elements.json'] === undefined)
      problems.push('does not export its custom-elements.json');
  }
  if (pack.name === '@care-record/hub') {
    if (!pack.files.includes('contract/hub.openapi.json')) problems.push('does not carry its contract (contract/hub.openapi.json)');
  }
  return problems;
}

/** The components' entry points attw cannot find by itself behind the `./*` patterns. */
function extraEntryPoints(pack: PackedPackage): string[] {
  if (pack.name !== '@care-record/components') return [];
  return pack.files
    .filter((file) => /^dist\/([\w-]+\/)?define\.js$|^dist\/frameworks\/[\w-]+\.js$/.test(file))
    .map((file) => `./${file.replace(/^dist\//, '')}`.replace(/^\.\/frameworks\/([\w-]+)\.js$/, './frameworks/$1'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scratch = mkdtempSync(join(tmpdir(), 'care-record-packages-'));
  let failures = 0;
  try {
    for (const pack of packWorkspaces(scratch)) {
      const problems = contentProblems(pack, packedManifest(pack.tarball));
      const publint = spawnSync(bin('publint'), ['run', pack.tarball, '--strict'], { encoding: 'utf8' });
      if (publint.status !== 0 || !/All good!/.test(publint.stdout)) problems.push(`publint:\n${publint.stdout}${publint.stderr}`);
      const entries = extraEntryPoints(pack);
      const attw = spawnSync(
        bin('attw'),
        [pack.tarball, '--profile', 'esm-only', '--format', 'ascii', ...(entries.length > 0 ? ['--include-entrypoints', ...entries] : [])],
        { encoding: 'utf8' },
      );
      if (attw.status !== 0) problems.push(`attw:\n${attw.stdout}${attw.stderr}`);
      const size = readFileSync(pack.tarball).length;
      if (problems.length === 0)
        console.log(
          `✔ ${pack.name}@${pack.version}: ${pack.files.length} files, ${(size / 1024).toFixed(1)} KB packed; publint and attw clean${entries.length > 0 ? ` (${entries.length} extra entry points)` : ''}`,
        );
      else {
        failures += 1;
        console.error(`✘ ${pack.name}@${pack.version}:\n  ${problems.join('\n  ')}`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(failures === 0 ? 0 : 1);
}
