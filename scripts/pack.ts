/**
 * Packs every public workspace package the way npm publishes it (through
 * each package's prepack/postpack, scripts/pack-manifest.mjs) into a folder,
 * for the package check and the consumer tests.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface PackedPackage {
  name: string;
  version: string;
  /** The tarball's absolute path. */
  tarball: string;
  /** Paths inside the package, e.g. `dist/index.js`. */
  files: string[];
}

/** `npm pack` of every workspace package into `destination` (which must exist). Needs `npm run build` first. */
export function packWorkspaces(destination: string): PackedPackage[] {
  const output = execFileSync('npm', ['pack', '--workspaces', '--pack-destination', destination, '--json', '--loglevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  // npm prints the lifecycle scripts' own output before the JSON: the JSON is the last top-level array.
  const json = output.slice(output.indexOf('\n[') + 1 || output.indexOf('['));
  const packs = JSON.parse(json) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  return packs.map((pack) => ({
    name: pack.name,
    version: pack.version,
    tarball: join(destination, pack.filename),
    files: pack.files.map((file) => file.path),
  }));
}
