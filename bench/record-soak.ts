/**
 * The record's property tests, soaked: every view-model property (summary and
 * banner, results, appointments, timeline) run with many more generated cases
 * than `npm test` gives them, from a fresh seed that is printed so that a
 * failure can be replayed.
 *
 *   node --import tsx bench/record-soak.ts [--runs 200000] [--seed N]
 *
 * Replay a failure: the same command with the printed seed.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '200000' }, seed: { type: 'string' } } });
const seed = values.seed ?? String(Math.floor(Math.random() * 1_000_000_000));
const files = ['summary-banner', 'medications', 'results', 'appointments', 'timeline'].map(
  (name) => `packages/sdk/test/record/${name}.property.test.ts`,
);

console.log(`Soaking ${files.length} property files with ${Number(values.runs).toLocaleString('en-GB')} cases per property, seed ${seed}`);
const started = Date.now();
const result = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CARE_PROPERTY_RUNS: values.runs, CARE_PROPERTY_SEED: seed },
});
console.log(`${result.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s (seed ${seed})`);
process.exit(result.status ?? 1);
