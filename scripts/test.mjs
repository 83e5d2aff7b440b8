#!/usr/bin/env node
/**
 * `npm test`: every check and test suite of the repository, in one run.
 * Checks (spec lint, generated types up to date, types, lint, formatting)
 * count as one test each; the Node and browser runners and the story runner
 * report their own counts. The last line is `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(join(tmpdir(), 'care-record-test-'));
const results = [];

/** Runs a command with its output shown; resolves to its exit code and its output. */
function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const show = (chunk) => {
      output += chunk;
      if (!options.quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', show);
    child.stderr.on('data', show);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * The failing tests named in the spec reporter's closing list ("test at FILE:LINE" then "✖ NAME"),
 * so the summary at the end of a long log says which failed and where.
 */
function failingNodeTests(output) {
  const start = output.lastIndexOf('✖ failing tests:');
  if (start < 0) return [];
  const failures = [];
  let location;
  for (const line of output.slice(start).split('\n')) {
    const at = /^test at (.+)$/.exec(line.trim());
    if (at) location = at[1].replace(/^file:\/\//, '');
    const name = /^✖ (.+?)(?: \([\d.]+m?s\))?$/.exec(line.trim());
    if (name && location && name[1] !== 'failing tests:') {
      failures.push(`${name[1]} (${location.startsWith('/') ? relative(root, location) : location})`);
      location = undefined;
    }
  }
  return failures;
}

async function check(name, command, args, options) {
  console.log(`\n▶ ${name}`);
  const { code, output } = await run(command, args, options);
  if (code !== 0 && options?.quiet) process.stdout.write(output);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  console.log(code === 0 ? `✔ ${name}` : `✘ ${name} (exit ${code})`);
  return code === 0;
}

function findFiles(dir, pattern) {
  const found = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...findFiles(path, pattern));
    else if (pattern.test(name)) found.push(relative(root, path));
  }
  return found.sort();
}

// The contract: lint it, bundle it, and make sure the committed SDK types were generated from it.
await check('OpenAPI contract lints clean', bin('redocly'), ['lint', 'openapi/openapi.yaml', '--config', 'openapi/redocly.yaml']);
const bundled = await check('OpenAPI contract bundles', bin('redocly'), [
  'bundle',
  'openapi/openapi.yaml',
  '--output',
  'openapi/dist/hub.openapi.json',
  '--ext',
  'json',
]);
if (bundled) {
  await check('SDK generated files are up to date with the contract', process.execPath, [
    '--import',
    'tsx',
    'scripts/generate-sdk.ts',
    '--check',
  ]);
}

// The components' Custom Elements Manifest must say what their JSDoc says now.
await check('Custom Elements Manifest is up to date with the components', process.execPath, [
  '--import',
  'tsx',
  'scripts/manifest.ts',
  '--check',
]);

await check('TypeScript (including type tests)', bin('tsc'), ['-b']);
// Every package as npm would publish it: publint, Are The Types Wrong, and what this project requires of a tarball.
await check('Packages are publishable (publint, attw, contents)', process.execPath, ['--import', 'tsx', 'scripts/package-check.ts']);
await check('ESLint', bin('eslint'), ['.', '--max-warnings', '0']);
await check('Prettier', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
// The bundles a host ships, in bytes: no change adds to them (or saves) unrecorded (bench/bundle-sizes.json).
await check('Bundle sizes are as recorded', process.execPath, ['--import', 'tsx', 'scripts/bundle-ratchet.ts']);

// Node: the SDK against a real HTTP server on loopback.
const nodeTests = findFiles(join(root, 'packages'), /\.test\.ts$/).filter((file) => !file.endsWith('.browser.test.ts'));
console.log(`\n▶ Node tests (${nodeTests.length} files)`);
const node = await run(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-reporter=spec', ...nodeTests]);
const nodeCount = (label) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(node.output)?.[1] ?? 0);
const nodeResult = { name: 'node tests', passed: nodeCount('pass'), failed: nodeCount('fail') + nodeCount('cancelled') };
if (node.code !== 0 && nodeResult.failed === 0) nodeResult.failed = 1;
nodeResult.failures = failingNodeTests(node.output);
results.push(nodeResult);

// Browser: the same SDK in Chromium.
console.log('\n▶ Browser tests (Chromium)');
const countsFile = join(scratch, 'wtr-counts.json');
const browser = await run(process.execPath, ['--import', 'tsx', bin('wtr'), '--config', 'web-test-runner.config.ts'], {
  env: { WTR_COUNTS_FILE: countsFile },
});
let browserResult = { name: 'browser tests', passed: 0, failed: 1 };
try {
  const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  browserResult = { name: 'browser tests', passed: counts.passed, failed: counts.failed };
} catch {
  console.log('✘ the browser test runner did not report its results');
}
if (browser.code !== 0 && browserResult.failed === 0) browserResult.failed = 1;
results.push(browserResult);

// Storybook: built statically, every story rendered in Chromium and checked with axe; each story counts as a test.
console.log('\n▶ Storybook stories (Chromium, axe)');
const storyCountsFile = join(scratch, 'story-counts.json');
const storyRun = await run(process.execPath, ['--import', 'tsx', 'scripts/storybook-test.ts'], {
  env: { STORYBOOK_COUNTS_FILE: storyCountsFile },
});
let storyResult = { name: 'stories', passed: 0, failed: 1 };
try {
  const counts = JSON.parse(readFileSync(storyCountsFile, 'utf8'));
  storyResult = { name: 'stories', passed: counts.passed, failed: counts.failed };
} catch {
  console.log('✘ the story runner did not report its results');
}
if (storyRun.code !== 0 && storyResult.failed === 0) storyResult.failed = 1;
results.push(storyResult);

rmSync(scratch, { recursive: true, force: true });
console.log('\nSummary');
for (const result of results) {
  console.log(`  ${result.failed === 0 ? '✔' : '✘'} ${result.name}: ${result.passed} passed, ${result.failed} failed`);
  for (const failure of (result.failures ?? []).slice(0, 20)) console.log(`      ✘ ${failure}`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
