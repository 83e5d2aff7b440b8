/**
 * The bundle's sizes, held where they are: what a host ships for the record's
 * first screen (provider, banner, summary and the SDK client) and for all
 * five record elements, bundled as `bench/bundle-budget.ts` bundles them
 * (esbuild `--bundle --minify --format=esm` from the sources, styles
 * squeezed as the package ships them, gzip -9). Byte counts: the same code
 * always gives the same figure, so this is a check, not a timing.
 *
 * Issue 17's budgets (40 and 48 KB) are not met (`bench/README.md`, "Bundle
 * budgets"). What this check keeps is that nothing adds to either bundle
 * unnoticed: a change that makes one more than `SLACK` bytes larger than the
 * figure recorded in `bench/bundle-sizes.json` fails, until the commit that
 * makes it raises the figure and says why. A saving of more than `SLACK`
 * fails too, until the figure is lowered, so that the saving is kept.
 *
 *   node --import tsx scripts/bundle-ratchet.ts          check
 *   node --import tsx scripts/bundle-ratchet.ts --write  record today's figures
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { hostBundle, root } from '../bench/host-bundle.ts';

/** Bytes of gzip a change may move either bundle by without recording it: about one short rule. */
export const SLACK = 256;
const FILE = `${root}bench/bundle-sizes.json`;

const CLIENT = `
  import { createHubClient } from '@care-record/sdk';
  export const client = (baseUrl, auth) => createHubClient({ baseUrl, auth });
`;
const define = (...names: string[]) => names.map((name) => `import '@care-record/components/${name}/define.js';`).join('\n');
const FIRST_SCREEN = ['provider', 'patient-banner', 'record-summary'];
const FIVE = [...FIRST_SCREEN, 'medication-list', 'timeline'];

interface Sizes {
  firstScreen: number;
  fiveElements: number;
}
const LABELS: Record<keyof Sizes, string> = {
  firstScreen: 'first screen (provider, banner, summary, SDK client)',
  fiveElements: 'all five record elements',
};

const gzipped = async (contents: string) => gzipSync(await hostBundle(contents), { level: 9 }).length;
const now: Sizes = {
  firstScreen: await gzipped(`${define(...FIRST_SCREEN)} ${CLIENT}`),
  fiveElements: await gzipped(`${define(...FIVE)} ${CLIENT}`),
};

if (process.argv.includes('--write')) {
  writeFileSync(FILE, `${JSON.stringify(now, null, 2)}\n`);
  console.log(`Recorded in bench/bundle-sizes.json: ${JSON.stringify(now)}`);
} else {
  let recorded: Partial<Sizes>;
  try {
    recorded = JSON.parse(readFileSync(FILE, 'utf8')) as Partial<Sizes>;
  } catch (error) {
    console.error(`bench/bundle-sizes.json could not be read (${(error as Error).message}).`);
    process.exit(1);
  }
  let failed = false;
  for (const key of Object.keys(LABELS) as (keyof Sizes)[]) {
    const was = recorded[key];
    const is = now[key];
    if (typeof was !== 'number') {
      console.error(`bench/bundle-sizes.json has no figure for ${key}.`);
      failed = true;
      continue;
    }
    const change = is - was;
    const line = `${LABELS[key]}: ${is} bytes gzip, recorded ${was} (${change >= 0 ? '+' : ''}${change})`;
    if (change > SLACK) {
      console.error(`${line}: larger than recorded. If the bytes are worth it, record them in the same commit`);
      console.error('  (`node --import tsx scripts/bundle-ratchet.ts --write`) and say in its message what they buy.');
      failed = true;
    } else if (change < -SLACK) {
      console.error(`${line}: smaller than recorded. Record the saving (\`--write\`) so that it is kept.`);
      failed = true;
    } else console.log(line);
  }
  process.exitCode = failed ? 1 : 0;
}
