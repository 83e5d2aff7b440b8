/**
 * Releasing the packages, after `changeset version` has set versions and
 * written CHANGELOGs (and that has been reviewed and merged):
 *
 *   npm run release               build, then `changeset publish` (publishes what npm does not have yet)
 *   npm run release -- --dry-run  build, then `npm publish --dry-run` for every public package: what would be published
 *
 * `scripts/changeset-check.ts` is the other half: CI refuses a change to a
 * package's published files that does not carry a changeset.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The workspace packages npm would publish (not `private`), by folder and name. */
export function publicPackages(): { folder: string; name: string; version: string }[] {
  return readdirSync(join(root, 'packages'))
    .map((folder) => ({ folder, manifest: JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ folder, manifest }) => ({ folder, name: manifest.name as string, version: manifest.version as string }));
}

function run(command: string, args: string[]): void {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dryRun = process.argv.includes('--dry-run');
  run('npm', ['run', 'build']);
  if (!dryRun) run(join(root, 'node_modules', '.bin', 'changeset'), ['publish']);
  else for (const { name } of publicPackages()) run('npm', ['publish', '--dry-run', '--workspace', name]);
}
