/**
 * How much of the hub's CPU a record page costs: the hub runs in a child
 * process on loopback with a seeded SQLite borough, a GP signs in, and this
 * process asks, one request at a time, for what a record page asks of random
 * residents the GP may see — `Patient/{id}/$summary`, a timeline page (the
 * first page of each of the timeline's searches, `_sort=-date&_count=100`)
 * and the medicines (one batch of MedicationRequest and MedicationStatement).
 * The child's CPU (user + system, `process.cpuUsage()`, read over IPC before
 * and after each phase) is divided by the requests of the phase; latency is
 * what the client saw.
 *
 * With `--compare` a second hub runs on the same file, parsing and
 * re-serialising every stored resource (`reparseStored`, the answer path
 * before issue 15's part 5); with `--baseline DIR` another runs the hub's
 * source from another checkout (the code before the change). The phases take
 * turns between the hubs, so that all see the same machine.
 *
 *   node --conditions=source --import tsx bench/hub-cpu.ts [--residents 2000] [--requests 200] [--rounds 3] [--compare] [--baseline DIR] [--only '$summary'] [--cpu-prof]
 *
 * `--cpu-prof` writes a V8 CPU profile of each hub into `--prof-dir`
 * (default /tmp/care-record-hub-cpu), and prints the functions with the most
 * self time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type * as HubModule from '@care-record/hub';
import { freePort } from '../packages/hub/test/support/free-port.ts';

const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '3' },
    'warm-up': { type: 'string', default: '60' },
    only: { type: 'string' },
    db: { type: 'string' },
    compare: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    'prof-dir': { type: 'string', default: join(tmpdir(), 'care-record-hub-cpu') },
    child: { type: 'string' },
    port: { type: 'string' },
  },
});

const residents = Number(values.residents);
const NOW = '2026-11-28T09:00:00Z';
const dbPath = values.db ?? join(tmpdir(), 'care-record-bench', `hub-${residents}.db`);

type Mode = 'stored-text' | 'reparse' | 'baseline';
type ToChild = { kind: 'cpu' } | { kind: 'profile'; start: boolean } | { kind: 'close' };
type FromChild =
  | { kind: 'ready'; fhir: string; token: string; patients: string[] }
  | { kind: 'cpu'; user: number; system: number; mainThread: number }
  | { kind: 'profiled'; file?: string }
  | { kind: 'closed' };

// ---- The hub, in its own process --------------------------------------------------------------

async function runChild(mode: Mode, port: number): Promise<void> {
  // The baseline: the hub's source in another checkout (e.g. `git worktree add /tmp/base <commit>`, its
  // node_modules a link to this one's), run on the same store.
  const { createHub, signInPersonas } = (
    mode === 'baseline' ? await import(join(values.baseline ?? '', 'packages/hub/src/index.ts')) : await import('@care-record/hub')
  ) as typeof HubModule;
  const { authorizeUrl, chooseOnSignInPage, clientId, pkce, postToken, redirectUri } =
    await import('../packages/hub/test/auth/sign-in-flow.js');
  const origin = `http://127.0.0.1:${port}`;
  const hub = await createHub({
    store: `sqlite:${dbPath}`,
    residents,
    seed: 'islington',
    now: NOW,
    origin,
    ...(mode === 'reparse' ? { reparseStored: true } : {}),
  } as Parameters<typeof createHub>[0]);
  await hub.app.listen({ port, host: '127.0.0.1' });
  const { verifier, challenge } = pkce();
  const back = await chooseOnSignInPage(
    `${origin}/auth`,
    authorizeUrl(`${origin}/auth`, hub.fhirBaseUrl, challenge, { scope: 'openid fhirUser offline_access user/*.rs' }),
    { persona: 'gp' },
  );
  const token = await postToken(`${origin}/auth`, {
    grant_type: 'authorization_code',
    code: back.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
  const gp = signInPersonas(hub.borough).find((persona) => persona.id === 'gp');
  const rows = await hub.store.query<{ patient_id: string }>('SELECT patient_id FROM relationship WHERE organization_id = ? ORDER BY 1', [
    gp?.organizationId ?? '',
  ]);
  const send = (message: FromChild) => process.send?.(message);
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  process.on('message', (message: ToChild) => {
    if (message.kind === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ kind: 'cpu', user, system, mainThread: mainThreadMicroseconds() });
    } else if (message.kind === 'profile') {
      void (async () => {
        if (message.start) {
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          await session.post('Profiler.start');
          send({ kind: 'profiled' });
        } else {
          const { profile } = await session.post('Profiler.stop');
          mkdirSync(values['prof-dir'], { recursive: true });
          const file = join(values['prof-dir'], `hub-${mode}-${Date.now()}.cpuprofile`);
          writeFileSync(file, JSON.stringify(profile));
          session.disconnect();
          send({ kind: 'profiled', file });
        }
      })();
    } else {
      void hub.close().then(() => {
        send({ kind: 'closed' });
        // Let the profile be written on the way out.
        process.exit(0);
      });
    }
  });
  send({ kind: 'ready', fhir: hub.fhirBaseUrl, token: String(token.body['access_token']), patients: rows.map((row) => row.patient_id) });
}

/**
 * The CPU the main thread (the event loop: JavaScript and SQLite) has used, in microseconds, from Linux's
 * per-thread accounting (clock ticks of 10 ms): the rest of the process's CPU is V8's helper threads
 * (garbage collection, compiling).
 */
function mainThreadMicroseconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return Number.NaN;
  }
}

// ---- The client -------------------------------------------------------------------------------

interface HubProcess {
  mode: Mode;
  child: ChildProcess;
  fhir: string;
  token: string;
  patients: string[];
  ask(message: ToChild): Promise<FromChild>;
}

async function startHub(mode: Mode): Promise<HubProcess> {
  const port = await freePort();
  const child = fork(
    fileURLToPath(import.meta.url),
    [
      '--child',
      mode,
      '--port',
      String(port),
      '--residents',
      String(residents),
      '--db',
      dbPath,
      ...(values.baseline ? ['--baseline', values.baseline] : []),
    ],
    {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const waiting: ((message: FromChild) => void)[] = [];
  let ready: (message: FromChild) => void = () => {};
  const first = new Promise<FromChild>((resolve) => (ready = resolve));
  child.on('message', (message: FromChild) => {
    if (message.kind === 'ready') ready(message);
    else waiting.shift()?.(message);
  });
  child.on('exit', (code) => {
    if (code !== 0) console.error(`The ${mode} hub stopped (${String(code)})`);
  });
  const started = await first;
  if (started.kind !== 'ready') throw new Error('The hub did not start');
  return {
    mode,
    child,
    fhir: started.fhir,
    token: started.token,
    patients: started.patients,
    ask: (message) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.send(message);
      }),
  };
}

/** A seeded random number generator, so that every run (and both hubs) draw the same residents. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIMELINE = ['Encounter', 'Appointment', 'DiagnosticReport', 'Observation', 'DocumentReference', 'CarePlan', 'EpisodeOfCare'];

interface Kind {
  name: string;
  /** HTTP requests one call makes. */
  requests: number;
  call(hub: HubProcess, patientId: string): Promise<number>;
}

async function get(hub: HubProcess, path: string): Promise<number> {
  const response = await fetch(`${hub.fhir}${path}`, {
    headers: { authorization: `Bearer ${hub.token}`, accept: 'application/fhir+json' },
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${path.split('?')[0] ?? ''} answered ${response.status}`);
  return text.length;
}

async function post(hub: HubProcess, body: unknown): Promise<number> {
  const response = await fetch(`${hub.fhir}/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.token}`, accept: 'application/fhir+json', 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`batch answered ${response.status}`);
  return text.length;
}

const kinds: Kind[] = [
  // The least a request about a record costs: sign-in token, gate, policy, audit.
  { name: 'Patient read', requests: 1, call: (hub, id) => get(hub, `/Patient/${id}`) },
  { name: '$summary', requests: 1, call: (hub, id) => get(hub, `/Patient/${id}/$summary`) },
  {
    name: 'Observation page (_count=100)',
    requests: 1,
    call: (hub, id) => get(hub, `/Observation?patient=${id}&_sort=-date&_count=100`),
  },
  {
    name: 'timeline page (7 searches)',
    requests: TIMELINE.length,
    call: async (hub, id) => {
      let bytes = 0;
      for (const type of TIMELINE) bytes += await get(hub, `/${type}?patient=${id}&_sort=-date&_count=100`);
      return bytes;
    },
  },
  {
    name: 'medicines (batch of 2)',
    requests: 1,
    call: (hub, id) =>
      post(hub, {
        resourceType: 'Bundle',
        type: 'batch',
        entry: ['MedicationRequest', 'MedicationStatement'].map((type) => ({
          request: { method: 'GET', url: `${type}?patient=${id}&_count=500` },
        })),
      }),
  },
];

interface Measure {
  cpuMs: number;
  mainMs: number;
  requests: number;
  calls: number;
  bytes: number;
  latencies: number[];
}

async function phase(hub: HubProcess, kind: Kind, patients: string[]): Promise<Measure> {
  const before = await hub.ask({ kind: 'cpu' });
  const latencies: number[] = [];
  let bytes = 0;
  for (const id of patients) {
    const started = performance.now();
    bytes += await kind.call(hub, id);
    latencies.push(performance.now() - started);
  }
  const after = await hub.ask({ kind: 'cpu' });
  if (before.kind !== 'cpu' || after.kind !== 'cpu') throw new Error('No CPU reading');
  const cpuMs = (after.user + after.system - before.user - before.system) / 1000;
  const mainMs = (after.mainThread - before.mainThread) / 1000;
  return { cpuMs, mainMs, requests: patients.length * kind.requests, calls: patients.length, bytes, latencies };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function runParent(): Promise<void> {
  mkdirSync(join(tmpdir(), 'care-record-bench'), { recursive: true });
  const requests = Number(values.requests);
  const rounds = Number(values.rounds);
  const warmUp = Number(values['warm-up']);
  const modes: Mode[] = [
    'stored-text',
    ...(values.compare ? (['reparse'] as const) : []),
    ...(values.baseline ? (['baseline'] as const) : []),
  ];
  console.log(`Seeding or opening ${dbPath} (${residents} residents)…`);
  // The first hub seeds the file; the second opens it.
  const hubs: HubProcess[] = [];
  for (const mode of modes) hubs.push(await startHub(mode));
  const first = hubs[0];
  if (!first) return;
  // Residents the GP may see: related to the practice and not declined (a summary that answers 200).
  const candidates: string[] = [];
  for (const id of first.patients) {
    if (candidates.length >= 400) break;
    const ok = await get(first, `/Patient/${id}/$summary`).then(
      () => true,
      () => false,
    );
    if (ok) candidates.push(id);
  }
  console.log(`${first.patients.length} residents cared for by the GP's practice; ${candidates.length} drawn from.`);
  const profiling = values['cpu-prof'];
  if (profiling) for (const hub of hubs) await hub.ask({ kind: 'profile', start: true });
  const results = new Map<string, Measure[]>();
  for (let round = 0; round < rounds; round++) {
    const draw = random(1000 + round);
    const patients = Array.from({ length: requests }, () => candidates[Math.floor(draw() * candidates.length)] ?? '');
    for (const kind of kinds.filter((candidate) => values.only === undefined || candidate.name.startsWith(values.only))) {
      // Warm the hubs before measuring (the first round longer: V8 compiles the hot paths while they run).
      for (const hub of hubs) for (const id of patients.slice(0, round === 0 ? warmUp : 10)) await kind.call(hub, id);
      for (const hub of round % 2 === 0 ? hubs : [...hubs].reverse()) {
        const key = `${kind.name}\t${hub.mode}`;
        results.set(key, [...(results.get(key) ?? []), await phase(hub, kind, patients)]);
      }
    }
  }
  console.log(`\n${rounds} rounds × ${requests} calls each, one at a time (hub in its own process; CPU = its user + system)\n`);
  console.log(
    '| request | hub path | hub CPU per request (ms), each round | of which the main thread | p50 / p99 latency per call (ms) | answer size (KB, mean) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [key, measures] of results) {
    const [name, mode] = key.split('\t');
    const perRequest = measures.map((measure) => (measure.cpuMs / measure.requests).toFixed(2)).join(', ');
    const mainPerRequest = measures.map((measure) => (measure.mainMs / measure.requests).toFixed(2)).join(', ');
    const latencies = measures.flatMap((measure) => measure.latencies).sort((a, b) => a - b);
    const bytes = measures.reduce((sum, measure) => sum + measure.bytes, 0) / measures.reduce((sum, measure) => sum + measure.calls, 0);
    console.log(
      `| ${name} | ${mode} | ${perRequest} | ${mainPerRequest} | ${percentile(latencies, 50).toFixed(2)} / ${percentile(latencies, 99).toFixed(2)} | ${(bytes / 1024).toFixed(1)} |`,
    );
  }
  if (profiling)
    for (const hub of hubs) {
      const done = await hub.ask({ kind: 'profile', start: false });
      if (done.kind === 'profiled' && done.file) printProfile(hub.mode, done.file);
    }
  for (const hub of hubs) await hub.ask({ kind: 'close' });
}

// ---- Where the time goes ----------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function printProfile(mode: Mode, file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const sample of profile.samples) {
    const frame = byNode.get(sample)?.callFrame;
    if (!frame) continue;
    const where = frame.url.replace(/^.*\/(node_modules|packages)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const busy = profile.samples.filter((sample) => byNode.get(sample)?.callFrame.functionName !== '(idle)').length;
  console.log(`\nTop self time of the ${mode} hub while measured (${file}; ${busy} busy samples of ${profile.samples.length}):`);
  for (const [key, count] of [...self]
    .filter(([key]) => !key.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30))
    console.log(`${((100 * count) / busy).toFixed(1).padStart(5)}%  ${key}`);
}

if (values.child) await runChild(values.child as Mode, Number(values.port));
else await runParent();
