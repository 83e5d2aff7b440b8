/**
 * CI's check that a change users will notice carries a changeset: compared
 * with the base branch, every public package whose published files changed
 * (its `src/`, or what its package.json says it depends on or exports) must
 * be named in a changeset added by the change. Tests, stories, docs and
 * private packages need none.
 *
 *   node --import tsx scripts/changeset-check.ts --base origin/main
 *
 * `.ci/run` runs it when CI gives the base of a pull request (`CI_BASE_REF`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { publicPackages } from './release.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Files under a package that are not published or do not change what users get. */
const NOT_USER_VISIBLE = /(^|\/)(test|tests|stories)\/|\.stories\.ts$|\.test\.ts$|\.md$|(^|\/)tsconfig[^/]*\.json$/;

/** The packages named in a changeset's front matter. */
export function packagesInChangeset(text: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return [...front.matchAll(/^['"]?(@?[\w./-]+)['"]?\s*:\s*(?:major|minor|patch)\s*$/gm)].map((match) => match[1] ?? '');
}

/**
 * Which public packages changed in a user-visible way and are not named in
 * any of the changesets added: `changedFiles` are repository paths.
 */
export function packagesMissingChangeset(
  changedFiles: readonly string[],
  addedChangesets: readonly string[],
  packages: readonly { folder: string; name: string }[],
): string[] {
  const named = new Set(addedChangesets.flatMap(packagesInChangeset));
  const missing = new Set<string>();
  for (const file of changedFiles) {
    const match = /^packages\/([^/]+)\/(.+)$/.exec(file);
    if (!match) continue;
    const [, folder = '', inside = ''] = match;
    const owner = packages.find((candidate) => candidate.folder === folder);
    if (!owner || NOT_USER_VISIBLE.test(inside)) continue;
    if (!named.has(owner.name)) missing.add(owner.name);
  }
  return [...missing].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { base: { type: 'string', default: 'origin/main' } } });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  const since = git('merge-base', values.base, 'HEAD').trim();
  const changed = git('diff', '--name-only', since, 'HEAD').split('\n').filter(Boolean);
  const added = git('diff', '--name-only', '--diff-filter=A', since, 'HEAD', '--', '.changeset')
    .split('\n')
    .filter((file) => file.endsWith('.md') && !file.endsWith('README.md'))
    .map((file) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : ''));
  const missing = packagesMissingChangeset(changed, added, publicPackages());
  if (missing.length > 0) {
    console.error(
      `These packages changed in ways users will notice, with no changeset naming them: ${missing.join(', ')}.\n` +
        'Run `npm run changeset` and describe the change for the CHANGELOG.',
    );
    process.exit(1);
  }
  console.log(`Changesets: every user-visible change since ${values.base} is described (${changed.length} files changed).`);
}
