/**
 * The licences of the packages a bundle carries. lit and @lit/context
 * (BSD-3-Clause), ky (MIT) and d3 (ISC) each ask that their copyright notice
 * and licence go with every copy, the minified one-file embed included: the
 * embed starts with them, and `dist/THIRD-PARTY-NOTICES.txt` holds the same.
 * Read from each package's own licence file at build time, so a new
 * dependency or version brings its own words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  /** The package's licence file, as it wrote it. */
  text: string;
}

/** The folder of the installed package a module id lies in, or undefined for the workspace's own code. */
function packageFolder(id: string): string | undefined {
  const path = id.replace(/^\0/, '').replace(/\?.*$/, '');
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const rest = path.slice(at + '/node_modules/'.length).split('/');
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  return `${path.slice(0, at)}/node_modules/${rest.slice(0, depth).join('/')}`;
}

/** Every installed package among `moduleIds`, with its licence, by name. */
export function bundledPackages(moduleIds: Iterable<string>): BundledPackage[] {
  const folders = new Set<string>();
  for (const id of moduleIds) {
    const folder = packageFolder(id);
    if (folder !== undefined) folders.add(folder);
  }
  return [...folders]
    .map((folder): BundledPackage => {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name: string;
        version: string;
        license?: string;
      };
      const file = readdirSync(folder).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
      if (file === undefined) throw new Error(`${manifest.name} is bundled but has no licence file to carry with it`);
      return {
        name: manifest.name,
        version: manifest.version,
        license: manifest.license ?? 'see its licence',
        text: readFileSync(join(folder, file), 'utf8').trim(),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The notices as plain text: each licence once, under the packages it covers. */
export function noticesText(packages: readonly BundledPackage[]): string {
  const byText = new Map<string, BundledPackage[]>();
  for (const bundled of packages) byText.set(bundled.text, [...(byText.get(bundled.text) ?? []), bundled]);
  const sections = [...byText].map(
    ([text, covered]) => `${covered.map(({ name, version, license }) => `${name} ${version} (${license})`).join('\n')}\n\n${text}`,
  );
  return `Third-party software in this file, and its licences.\n\n${sections.join('\n\n----------------------------------------\n\n')}\n`;
}

/** The notices as a legal comment that minifiers and hosts keep (`/*!`). */
export function noticesComment(packages: readonly BundledPackage[]): string {
  return `/*!\n${noticesText(packages).replaceAll('*/', '* /')}*/`;
}
