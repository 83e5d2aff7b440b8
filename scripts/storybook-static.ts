/**
 * Serving the static Storybook (storybook-static/): the file for a URL path,
 * with its content type, never a file outside the folder. Used by the story
 * test's own server and by `npm start` under `/storybook/`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const storybookStatic = join(root, 'storybook-static');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file for `urlPath` (relative to the Storybook root, e.g. `iframe.html`), or undefined. */
export function storybookFile(urlPath: string, folder = storybookStatic): { body: Buffer; type: string } | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  if (relative === '' || relative.endsWith('/')) relative += 'index.html';
  const path = normalize(join(folder, relative));
  if (path !== folder && !path.startsWith(folder + sep)) return undefined;
  if (!existsSync(path) || !statSync(path).isFile()) return undefined;
  return { body: readFileSync(path), type: TYPES[extname(path)] ?? 'application/octet-stream' };
}

/** Newest modification time of the files under `path` (skipping node_modules and build output). */
export function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist' || name.endsWith('.tsbuildinfo')) continue;
    newest = Math.max(newest, newestChange(join(path, name)));
  }
  return newest;
}

/** Whether storybook-static is missing or older than what it is built from. */
export function storybookIsStale(): boolean {
  const built = existsSync(join(storybookStatic, 'index.json')) ? statSync(join(storybookStatic, 'index.json')).mtimeMs : 0;
  if (built === 0) return true;
  const sources = ['.storybook', 'packages/components', 'packages/sdk/src', 'packages/synthetic/src'].map((path) =>
    newestChange(join(root, path)),
  );
  return Math.max(...sources) > built;
}
