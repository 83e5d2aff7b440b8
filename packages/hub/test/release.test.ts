/**
 * Releasing: `changeset version` on a copy of the repository's package
 * manifests and changesets gives every package a CHANGELOG under its new
 * version and keeps internal dependencies pointing at the new versions; and
 * the changeset check flags exactly the public packages whose published
 * files changed without a changeset naming them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { packagesInChangeset, packagesMissingChangeset } from '../../../scripts/changeset-check.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('changeset version', () => {
  test('writes a CHANGELOG for every package under its new version, and internal dependencies follow', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'care-record-release-'));
    try {
      cpSync(join(root, 'package.json'), join(scratch, 'package.json'));
      cpSync(join(root, '.changeset'), join(scratch, '.changeset'), { recursive: true });
      const folders = readdirSync(join(root, 'packages')).filter((folder) => existsSync(join(root, 'packages', folder, 'package.json')));
      for (const folder of folders) {
        mkdirSync(join(scratch, 'packages', folder), { recursive: true });
        cpSync(join(root, 'packages', folder, 'package.json'), join(scratch, 'packages', folder, 'package.json'));
      }
      const pending = readdirSync(join(scratch, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
      assert.ok(pending.length > 0, 'there are changesets to version');
      const git = (...args: string[]) => execFileSync('git', args, { cwd: scratch, encoding: 'utf8' });
      git('init', '-q');
      git('add', '-A');
      git('-c', 'user.email=release@care-record.example', '-c', 'user.name=release', 'commit', '-qm', 'before');
      execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: scratch, encoding: 'utf8' });

      const manifests = new Map(
        folders.map((folder) => {
          const manifest = JSON.parse(readFileSync(join(scratch, 'packages', folder, 'package.json'), 'utf8')) as {
            name: string;
            version: string;
            dependencies?: Record<string, string>;
          };
          return [manifest.name, { folder, manifest }] as const;
        }),
      );
      for (const { folder, manifest } of manifests.values()) {
        const changelog = join(scratch, 'packages', folder, 'CHANGELOG.md');
        assert.ok(existsSync(changelog), `${manifest.name} has a CHANGELOG`);
        assert.match(readFileSync(changelog, 'utf8'), new RegExp(`^## ${manifest.version.replaceAll('.', '\\.')}$`, 'm'));
        assert.notEqual(manifest.version, '0.1.0', `${manifest.name} was versioned`);
        for (const [dependency, range] of Object.entries(manifest.dependencies ?? {})) {
          const internal = manifests.get(dependency);
          // Pinned, or (one a host installs beside it, shared with the host's own) a caret range from the new version.
          if (internal)
            assert.ok(
              [internal.manifest.version, `^${internal.manifest.version}`].includes(range),
              `${manifest.name} depends on ${dependency} ${internal.manifest.version}, not ${range}`,
            );
        }
      }
      const left = readdirSync(join(scratch, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
      assert.deepEqual(left, [], 'every changeset was used');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('what a host installs beside them', () => {
  // A host page has one copy of the SDK and one definition of each element: a package it installs beside another takes
  // that one as a caret range, else npm nests a second copy (another version's) — two SDKs whose errors the elements
  // read apart, or two copies of the components trying to define the same `care-*` elements.
  const shared = ['@care-record/sdk', '@care-record/components', '@care-record/react'];
  const manifests = readdirSync(join(root, 'packages'))
    .filter((folder) => existsSync(join(root, 'packages', folder, 'package.json')))
    .map(
      (folder) =>
        JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as {
          name: string;
          version: string;
          dependencies?: Record<string, string>;
        },
    );
  const versions = new Map(manifests.map((manifest) => [manifest.name, manifest.version]));
  const pairs = manifests
    .filter((manifest) => shared.includes(manifest.name))
    .flatMap((manifest) =>
      Object.entries(manifest.dependencies ?? {})
        .filter(([dependency]) => shared.includes(dependency))
        .map(([dependency, range]) => [manifest.name, dependency, range] as const),
    );
  test('there are such pairs', () => assert.ok(pairs.length >= 2, JSON.stringify(pairs)));
  for (const [name, dependency, range] of pairs)
    test(`${name} takes ${dependency} as a caret range from its version`, () => assert.equal(range, `^${versions.get(dependency)}`));
});

describe('the changeset check', () => {
  const packages = [
    { folder: 'sdk', name: '@care-record/sdk' },
    { folder: 'components', name: '@care-record/components' },
  ];
  const sdkChange = "---\n'@care-record/sdk': minor\n---\n\nA change.";
  const cases: [string, string[], string[], string[]][] = [
    ['a source change with no changeset', ['packages/sdk/src/client/transport.ts'], [], ['@care-record/sdk']],
    ['a source change with its changeset', ['packages/sdk/src/client/transport.ts'], [sdkChange], []],
    ['a changeset for another package', ['packages/components/src/timeline/timeline.ts'], [sdkChange], ['@care-record/components']],
    ['a dependency change in package.json', ['packages/components/package.json'], [], ['@care-record/components']],
    [
      'tests, stories and docs only',
      ['packages/sdk/test/a.test.ts', 'packages/components/src/x/x.stories.ts', 'packages/sdk/README.md'],
      [],
      [],
    ],
    ['a private or unknown package', ['packages/hub/src/server.ts', 'scripts/start.ts', 'docs/hazard-log.md'], [], []],
    ['two packages, one described', ['packages/sdk/src/a.ts', 'packages/components/src/b.ts'], [sdkChange], ['@care-record/components']],
  ];
  for (const [name, changed, changesets, missing] of cases)
    test(name, () => assert.deepEqual(packagesMissingChangeset(changed, changesets, packages), missing));

  test('reads the packages a changeset names, quoted or not', () => {
    assert.deepEqual(
      packagesInChangeset(
        '---\n\'@care-record/sdk\': minor\n"@care-record/react": patch\n@care-record/components: major\n---\n\nText: minor',
      ),
      ['@care-record/sdk', '@care-record/react', '@care-record/components'],
    );
    assert.deepEqual(packagesInChangeset('No front matter: minor'), []);
  });

  test('every changeset in the repository names only real packages', () => {
    const names = new Set(
      readdirSync(join(root, 'packages')).map(
        (folder) => (JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as { name: string }).name,
      ),
    );
    for (const file of readdirSync(join(root, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md'))
      for (const name of packagesInChangeset(readFileSync(join(root, '.changeset', file), 'utf8')))
        assert.ok(names.has(name), `${file} names ${name}`);
  });
});
