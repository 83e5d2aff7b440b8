/**
 * `npm test`'s check that every package is publishable as it will be
 * published: packs each one (as `npm publish` would) and checks the tarball
 * with publint (strict) and Are The Types Wrong (ESM only, with types found
 * under TypeScript's node10 resolution too; every entry point including the
 * components' per-element `define.js`), then what
 * neither tool knows about this project: no `source` export condition, no
 * stories or tests shipped, a LICENSE, the components' manifest exported and
 * the hub's contract inside its package.
 *
 *   node --import tsx scripts/package-check.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * Source maps a vendor's debugger can follow: each source a map names is in the package, or carried inside
 * the map (`sourcesContent`); each `sourceMappingURL` names a map that is there.
 */
export function sourceMapProblems(pack: PackedPackage, read: (path: string) => string): string[] {
  const problems: string[] = [];
  const shipped = new Set(pack.files);
  for (const file of pack.files) {
    if (/\.(js|d\.ts)$/.test(file)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(file))?.[1];
      if (url !== undefined && !url.startsWith('data:') && !shipped.has(posix.join(posix.dirname(file), url)))
        problems.push(`${file} names a source map, ${url}, that is not in the package`);
    }
    if (!file.endsWith('.map')) continue;
    const map = JSON.parse(read(file)) as { sources?: string[]; sourceRoot?: string; sourcesContent?: (string | null)[] };
    const absent = (map.sources ?? []).filter(
      (source, index) =>
        typeof map.sourcesContent?.[index] !== 'string' && !shipped.has(posix.join(posix.dirname(file), map.sourceRoot ?? '', source)),
    );
    if (absent.length > 0) problems.push(`${file} points to ${absent.length} source(s) not in the package, e.g. ${absent[0]}`);
  }
  return problems;
}

/** What each `exports` entry points to at run time (`default`), its `*` expanded against the package's files. */
export function runtimeEntryFiles(exports: unknown, files: string[]): string[] {
  const targets: string[] = [];
  for (const [subpath, value] of Object.entries((exports ?? {}) as Record<string, unknown>)) {
    const target = typeof value === 'string' ? value : (value as { default?: unknown } | null)?.default;
    if (typeof target !== 'string' || !/\.js$/.test(target) || subpath.endsWith('.json')) continue;
    const path = target.replace(/^\.\//, '');
    if (!path.includes('*')) targets.push(path);
    else {
      const [head = '', tail = ''] = path.split('*');
      targets.push(...files.filter((file) => file.length > head.length + tail.length && file.startsWith(head) && file.endsWith(tail)));
    }
  }
  return targets;
}

/** The components' entry points attw cannot find by itself behind the `./*` patterns. */
function extraEntryPoints(pack: PackedPackage): string[] {
  if (pack.name !== '@care-record/components') return [];
  return pack.files
    .filter((file) => /^dist\/([\w-]+\/)?define\.js$|^dist\/frameworks\/[\w-]+\.js$/.test(file))
    .map((file) => `./${file.replace(/^dist\//, '')}`.replace(/^\.\/frameworks\/([\w-]+)\.js$/, './frameworks/$1'));
}

/**
 * Entry points that are not modules for TypeScript to resolve, which attw would report as unresolved: a file that is
 * not a module (the embed's integrity hash, its licence notices) and one offered to browsers alone (the one-file
 * embed, which needs a DOM). Each is still checked to be in the tarball (`contentProblems`).
 */
export function notModuleEntryPoints(exports: unknown): string[] {
  if (exports === null || typeof exports !== 'object') return [];
  const MODULE_CONDITIONS = ['types', 'import', 'require', 'node', 'default'];
  return Object.entries(exports as Record<string, unknown>).flatMap(([entry, target]) => {
    if (entry.includes('*') || entry === './package.json') return [];
    if (typeof target === 'string') return /\.(js|mjs|cjs|json)$/.test(target) ? [] : [entry];
    if (target === null || typeof target !== 'object') return [];
    return Object.keys(target).some((condition) => MODULE_CONDITIONS.includes(condition)) ? [] : [entry];
  });
}

/**
 * The package as unpacked from its tarball: its source maps, and each runtime entry imported in plain Node
 * (no DOM, no `source` condition), with the workspace's installed dependencies beside it.
 */
function unpackedProblems(pack: PackedPackage, folder: string): string[] {
  mkdirSync(folder, { recursive: true });
  execFileSync('tar', ['-xzf', pack.tarball, '-C', folder, '--strip-components=1']);
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'), 'dir');
  const problems = sourceMapProblems(pack, (path) => readFileSync(join(folder, path), 'utf8'));
  const entries = runtimeEntryFiles(packedManifest(pack.tarball).exports, pack.files).map((file) => pathToFileURL(join(folder, file)).href);
  const script = `for (const entry of ${JSON.stringify(entries)}) await import(entry).catch((error) => { console.error(entry, String(error)); process.exitCode = 1; });`;
  const imported = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: folder, encoding: 'utf8' });
  if (imported.status !== 0)
    problems.push(`an entry fails to import in Node:\n${imported.stderr.replaceAll(pathToFileURL(folder).href, '.')}`);
  return problems;
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
      const notModules = notModuleEntryPoints(packedManifest(pack.tarball).exports);
      const attw = spawnSync(
        bin('attw'),
        // ESM only, so CommonJS `require` is not offered; but TypeScript's older `moduleResolution: node`
        // (node10), still the setting of many vendors' projects, must find every entry point's types.
        [
          pack.tarball,
          '--ignore-rules',
          'cjs-resolves-to-esm',
          '--format',
          'ascii',
          ...(entries.length > 0 ? ['--include-entrypoints', ...entries] : []),
          ...(notModules.length > 0 ? ['--exclude-entrypoints', ...notModules] : []),
        ],
        { encoding: 'utf8' },
      );
      if (attw.status !== 0) problems.push(`attw:\n${attw.stdout}${attw.stderr}`);
      problems.push(...unpackedProblems(pack, join(scratch, 'unpacked', pack.name)));
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
