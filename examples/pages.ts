/**
 * How the example pages are built and served, by `npm start` and by their
 * end-to-end tests alike: each page's script bundled from the packages'
 * sources (React's JSX and production build for the React host), and the
 * page itself served under the strict policy a cautious host sets.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { build as viteBuild, type Rolldown } from 'vite';
import type { Hub } from '@care-record/hub';
import { strictContentSecurityPolicy } from './content-security-policy.ts';

const examples = fileURLToPath(new URL('.', import.meta.url));

/** An example's entry point (`gp-system/main.ts`) as one browser script. */
export async function bundleExample(entry: string, options: { minify?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [`${examples}${entry}`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source'],
    minify: options.minify ?? false,
    // The React host: JSX without importing React, and React's production build.
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface ExamplePage {
  /** Where the page is served: `/demo/gp/`. Its stylesheet and script are served beside it. */
  mount: string;
  /** The example's folder: `gp-system`. Its `index.html` is the page. */
  folder: string;
  /** The page's stylesheet in the folder, if it has one. */
  stylesheet?: string;
  /** The script's file name, as the page asks for it. */
  scriptName: string;
  /** The script (from `bundleExample`). */
  script: string;
}

/** Serves an example page under the strict Content-Security-Policy, with its stylesheet and script. */
export function serveExample(app: Hub['app'], page: ExamplePage): void {
  const file = (name: string) => readFileSync(`${examples}${page.folder}/${name}`);
  app.get(page.mount, (_request, reply) =>
    reply
      .headers({ 'content-security-policy': strictContentSecurityPolicy, 'content-type': 'text/html; charset=utf-8' })
      .send(file('index.html')),
  );
  const { stylesheet } = page;
  if (stylesheet) app.get(`${page.mount}${stylesheet}`, (_request, reply) => reply.type('text/css; charset=utf-8').send(file(stylesheet)));
  app.get(`${page.mount}${page.scriptName}`, (_request, reply) => reply.type('text/javascript; charset=utf-8').send(page.script));
}

/** The one-file embed and its Subresource Integrity hash (`sha384-…`). */
export interface OneFileEmbed {
  script: string;
  integrity: string;
}

/** Builds the one-file embed in memory with the components' own vite.config.ts, as `npm run build:embed` does. */
export async function buildOneFileEmbed(): Promise<OneFileEmbed> {
  const output = (await viteBuild({
    configFile: fileURLToPath(new URL('../packages/components/vite.config.ts', import.meta.url)),
    build: { write: false, sourcemap: false },
    plugins: [],
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const chunk = (Array.isArray(output) ? output[0] : output)?.output.find((file) => file.type === 'chunk');
  if (!chunk) throw new Error('the one-file embed build wrote no script');
  return { script: chunk.code, integrity: integrityOf(chunk.code) };
}

/** A script's Subresource Integrity value. */
export function integrityOf(script: string): string {
  return `sha384-${createHash('sha384').update(script).digest('base64')}`;
}

/**
 * Serves the one-file page (`examples/one-file/`) under the strict policy:
 * its HTML with the embed's integrity filled in, its own page.js, and the
 * embed. `integrity` may be given to check that a wrong hash stops the page.
 */
export function serveOneFileExample(app: Hub['app'], mount: string, embed: OneFileEmbed, integrity = embed.integrity): void {
  const file = (name: string) => readFileSync(`${examples}one-file/${name}`, 'utf8');
  app.get(mount, (_request, reply) =>
    reply
      .headers({ 'content-security-policy': strictContentSecurityPolicy, 'content-type': 'text/html; charset=utf-8' })
      .send(file('index.html').replace('__CARE_RECORD_INTEGRITY__', integrity)),
  );
  app.get(`${mount}page.js`, (_request, reply) => reply.type('text/javascript; charset=utf-8').send(file('page.js')));
  app.get(`${mount}care-record.js`, (_request, reply) => reply.type('text/javascript; charset=utf-8').send(embed.script));
}
