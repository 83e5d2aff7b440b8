/**
 * `npx @care-record/sdk check`: run as a vendor runs it, against the hub, the
 * second FHIR server and its variants, and a server that cannot carry the
 * record. Each report must say, in plain words, what the reader will use and
 * miss; the exit code says whether the record can be shown truthfully.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startSecondServer, type SecondServer, type SecondServerVariant } from './support/second-server.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

const cli = fileURLToPath(new URL('../../sdk/src/cli.ts', import.meta.url));
const ORIGIN = 'https://gp-system.example';

/** Runs the checker (asynchronously: the servers it checks answer from this process), with `input` on its stdin. */
function check(args: string[], env: Record<string, string> = {}, input = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { env: { ...process.env, ...env } });
    child.stdin.end(input);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

let testHub: TestHub;
before(async () => {
  testHub = await startTestHub({ residents: 5 });
});
after(async () => {
  await testHub?.close();
});

test('the hub: its own $summary, pages followed, CORS allowed; the token is never printed', async () => {
  const token = await testHub.signIn('gp');
  const { code, out } = await check(['check', testHub.fhir, '--patient', 'pat-000001', '--origin', ORIGIN], { CARE_RECORD_TOKEN: token });
  assert.equal(code, 0, out);
  assert.match(out, /offers the care-record \$summary: the record page is one request/);
  assert.match(out, /✔ Paging: /);
  assert.match(out, /✔ CORS: Requests from https:\/\/gp-system\.example are allowed/);
  assert.match(out, /can be shown truthfully from this server \(one \$summary per record page\)/);
  assert.doesNotMatch(out, /✘/);
  assert.ok(!out.includes(token), 'the token is not in the report');
});

test('the token read from standard input (--token-stdin): the hub is read with it, and it is never printed', async () => {
  const token = await testHub.signIn('gp');
  const { code, out } = await check(['check', testHub.fhir, '--patient', 'pat-000001', '--token-stdin'], {}, `${token}\n`);
  assert.equal(code, 0, out);
  assert.match(out, /✔ Paging: /);
  assert.ok(!out.includes(token), 'the token is not in the report');
});

const expectations: [SecondServerVariant, RegExp[]][] = [
  ['plain', [/read with one batch of plain searches/, /✔ Batch: Batches are answered promptly/]],
  ['hapi-links', [/✔ Paging: Followed \d+ pages of results/]],
  ['page-cap-3', [/⚠ Paging: The server caps a page at 3 results/]],
  ['ips-summary', [/\$summary is another operation \(http:\/\/hl7\.org\/fhir\/uv\/ips\/OperationDefinition\/summary\)/]],
  ['sequential-batch', [/⚠ Batch: The server seems to work through a batch one entry at a time .*`batchReads: 'parallel'`/]],
  ['strict-cors', [/⚠ CORS: The server's CORS allow-list lacks X-Request-ID: create the client with `requestIdHeader: false`/]],
];

describe('the second FHIR server and its variants', () => {
  for (const [variant, patterns] of expectations) {
    test(`${variant}: the record can be shown, and the report says what is different`, async () => {
      let server: SecondServer | undefined;
      try {
        server = await startSecondServer({ variant, residents: [0, 1, 2, 3, 4], entryDelayMs: 80 });
        const { code, out } = await check(['check', server.fhir, '--patient', 'pat-000002', '--origin', ORIGIN]);
        assert.equal(code, 0, out);
        for (const pattern of patterns) assert.match(out, pattern);
        assert.match(out, /can be shown truthfully from this server \(a batch of plain searches per record page\)/);
      } finally {
        await server?.close();
      }
    });
  }
});

test('R17: a server that caps pages and keeps the total with no next link is flagged, never "one page held every result"', async () => {
  let server: SecondServer | undefined;
  try {
    server = await startSecondServer({ variant: 'cut-short-3', residents: [0, 1, 2, 3, 4], entryDelayMs: 0 });
    const { out } = await check(['check', server.fhir, '--patient', 'pat-000002', '--origin', ORIGIN]);
    assert.match(out, /⚠ Paging: The server said the search holds \d+ results but gave 3, with no next link/);
    assert.doesNotMatch(out, /One page held every result/);
  } finally {
    await server?.close();
  }
});

test('a server that cannot carry the record: each gap named, and a non-zero exit', async () => {
  const capability = {
    resourceType: 'CapabilityStatement',
    fhirVersion: '4.0.1',
    rest: [{ mode: 'server', resource: [{ type: 'Patient', interaction: [{ code: 'read' }] }] }],
  };
  const server = createServer((request, response) => {
    if (request.method === 'OPTIONS') response.writeHead(204, { 'access-control-allow-origin': 'https://elsewhere.example' }).end();
    else response.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(capability));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const { code, out } = await check(['check', `http://127.0.0.1:${port}/fhir`, '--origin', ORIGIN]);
    assert.equal(code, 1, out);
    assert.match(out, /✘ Summary: The server does not offer AllergyIntolerance/);
    assert.match(out, /⚠ Timeline: The server does not offer Observation/);
    assert.match(out, /✘ Batch: The server does not declare batch/);
    assert.match(out, /✘ CORS: The server does not allow requests from https:\/\/gp-system\.example/);
    assert.match(out, /cannot be shown truthfully from this server until the problems above/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a server that cannot be reached, and a usage error', async () => {
  const unreachable = await check(['check', 'http://127.0.0.1:9/fhir']);
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.out, /✘ CapabilityStatement: The server could not be reached/);
  const usage = await check(['check']);
  assert.equal(usage.code, 2);
  assert.match(usage.err, /Usage: npx @care-record\/sdk check <fhir-base-url>/);
  // R17: the usage offers the token by environment or standard input, and says why not on the command line.
  assert.doesNotMatch(usage.err, /^Usage:.*--token TOKEN/m);
  assert.match(usage.err, /CARE_RECORD_TOKEN/);
  assert.match(usage.err, /--token-stdin/);
  assert.match(usage.err, /--token TOKEN is still read, but do not use it: .*list processes/s);
  const unknown = await check(['check', testHub.fhir, '--tokn', 'x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown option --tokn/);
});
