/**
 * Bundling as a host does from the published packages: esbuild from the
 * sources (the `source` condition), with the components' `css` literals
 * squeezed as the package's build squeezes them in `dist`
 * (`scripts/squeeze-dist-css.ts`). `--styles-as-written` on the command line
 * leaves them as written (what the package shipped before it squeezed them).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { squeezeCssLiterals } from '../scripts/css-literals.ts';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const stylesAsWritten = process.argv.includes('--styles-as-written');

/** The components' modules with their styles squeezed, as in the package's `dist`. */
export const squeezedStyles: Plugin = {
  name: 'squeezed-styles',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]packages[\\/]components[\\/]src[\\/].*\.ts$/ }, (args) => {
      const code = readFileSync(args.path, 'utf8');
      return { contents: stylesAsWritten ? code : squeezeCssLiterals(code, args.path), loader: 'ts' };
    });
  },
};

/** esbuild's options for a host's bundle (`--bundle --minify --format=esm`) of `contents`. */
export const hostBuild = (contents: string, options: BuildOptions = {}): BuildOptions => ({
  stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'host.ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
  conditions: ['source'],
  tsconfig: `${root}tsconfig.base.json`,
  logLevel: 'silent',
  plugins: [squeezedStyles],
  ...options,
});

/** The text of one bundle. */
export async function hostBundle(contents: string, options: BuildOptions = {}): Promise<string> {
  const result = await build(hostBuild(contents, options));
  return result.outputFiles?.map((file) => file.text).join('') ?? '';
}
