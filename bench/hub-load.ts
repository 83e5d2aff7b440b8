/**
 * The record page under load, on SQLite (one process) and PostgreSQL (one and
 * two processes), side by side in one run.
 *
 * A "page load" is every request the SDK makes to open a resident's record the
 * way the record page does — the page (`Patient/{id}/$summary` and the names of
 * its sources), the medicines (a batch of MedicationRequest and
 * MedicationStatement, and their sources' names) and the first page of the
 * timeline (its counts and the first page of each of its searches) — captured
 * from the SDK itself for residents drawn at random among those the persona
 * may see, then replayed with autocannon on loopback:
 *
 * - at the modelled borough peak and at 10× (`--rates`, requests a second;
 *   `docs/capacity-model.md`: 37 for Islington), latency corrected for
 *   coordinated omission;
 * - flat out with a fixed number of connections (`--connections`), to compare
 *   two PostgreSQL processes with one;
 * - `$summary` alone flat out, for the hub's CPU per `$summary`.
 *
 * Hubs run as child processes (`packages/hub/src/main.ts`); CPU is read from
 * /proc for each hub, for PostgreSQL (all its processes) and for this process
 * (the load client), and the rest of the machine's busy time is shown as
 * "other" (the machine may be shared).
 *
 *   node --conditions=source --import tsx bench/hub-load.ts [--residents 2000] [--duration 30]
 *        [--rates 37,370] [--connections 32] [--sample 200] [--runs 1] [--dir /tmp/hub-load] [--json out.json]
 *        [--hub-cpu 0.3]
 *
 * `--rates ''` leaves out the runs at a rate. `--hub-cpu F` caps each hub
 * process at F of one core (a Linux cgroup CPU quota; needs root): with the
 * database and the load client on the same two cores, two uncapped processes
 * cannot be given more CPU than one already takes, so the ratio of two
 * processes to one says nothing about scaling out. Capped, each process is a
 * hub with a machine of its own (of F cores), as long as the database and the
 * client keep up (their cores are printed).
 *
 * With `--dir` the stores (a SQLite file and a PostgreSQL cluster) are kept and
 * reused by later runs with the same `--residents`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createHubClient, openRecordReader, readMedications, readTimeline } from '@care-record/sdk';
import { authorizeUrl, chooseOnSignInPage, clientId, pkce, postToken, redirectUri } from '../packages/hub/test/auth/sign-in-flow.ts';
import { benchCluster, cpuMilliseconds, machineCpu, type BenchCluster } from './support/postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    residents: { type: 'string', default: '2000' },
    duration: { type: 'string', default: '30' },
    rates: { type: 'string', default: '37,370' },
    connections: { type: 'string', default: '32' },
    sample: { type: 'string', default: '200' },
    runs: { type: 'string', default: '1' },
    persona: { type: 'string', default: 'gp' },
    dir: { type: 'string' },
    json: { type: 'string' },
    'no-max': { type: 'boolean', default: false },
    'hub-cpu': { type: 'string' },
  },
});
const residents = Number(values.residents);
const duration = Number(values.duration);
const rates = values.rates
  .split(',')
  .filter((rate) => rate.trim() !== '')
  .map(Number);
const hubCpu = values['hub-cpu'] === undefined ? undefined : Number(values['hub-cpu']);
if (hubCpu !== undefined && !(hubCpu > 0 && hubCpu <= 2)) throw new Error('--hub-cpu takes a fraction of a core, e.g. 0.3');
const maxConnections = Number(values.connections);
const runs = Number(values.runs);
const directory = values.dir ?? mkdtempSync(join(tmpdir(), 'care-record-load-'));
mkdirSync(directory, { recursive: true });

// ---- hubs ---------------------------------------------------------------------------------------------------------

interface Hub {
  child: ChildProcess;
  port: number;
  /** Seconds the first start took to seed, when it seeded. */
  seedSeconds: number | undefined;
}

const children: ChildProcess[] = [];
const started: { cluster?: BenchCluster } = {};
/** The cgroups made for `--hub-cpu`, removed at the end (a cgroup is removed once its processes have ended). */
const cgroups: string[] = [];
function cleanUp() {
  for (const child of children) child.kill('SIGTERM');
  started.cluster?.stop();
  for (const group of cgroups) {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        rmdirSync(group);
        break;
      } catch {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    }
  }
  if (values.dir === undefined) rmSync(directory, { recursive: true, force: true });
}
process.once('exit', cleanUp);
process.once('SIGINT', () => process.exit(130));

let nextPort = 18_400 + Math.floor(Math.random() * 1000);

/** Starts `care-record-hub` on a port for `store`, answering as `origin`; resolves once it listens. */
function startHub(store: string, origin?: (port: number) => string): Promise<Hub> {
  const port = nextPort++;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        join(root, 'packages/hub/src/main.ts'),
        '--store',
        store,
        '--residents',
        String(residents),
        '--port',
        String(port),
        '--origin',
        origin ? origin(port) : `http://127.0.0.1:${port}`,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    if (hubCpu !== undefined && child.pid !== undefined) capCpu(child.pid, hubCpu);
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('care-record hub: FHIR at')) {
        const seeded = /seeded \d+ residents \(\d+ resources\) in ([\d.]+) s/.exec(output);
        resolve({ child, port, seedSeconds: seeded ? Number(seeded[1]) : undefined });
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`hub on ${port} exited (${code}): ${output}`)));
  });
}

/**
 * Caps process `pid` (and what it starts) at `cores` of CPU, in a cgroup of its own: cgroup v2's `cpu.max` where the
 * CPU controller is there, else v1's CFS quota.
 */
function capCpu(pid: number, cores: number): void {
  const period = 100_000;
  const quota = Math.round(cores * period);
  const v2 = '/sys/fs/cgroup';
  const v1 = '/sys/fs/cgroup/cpu';
  const name = `care-record-hub-${pid}`;
  if (existsSync(join(v2, 'cgroup.controllers')) && readFileSync(join(v2, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu')) {
    const group = join(v2, name);
    mkdirSync(group);
    cgroups.push(group);
    writeFileSync(join(group, 'cpu.max'), `${quota} ${period}`);
    writeFileSync(join(group, 'cgroup.procs'), String(pid));
  } else if (existsSync(join(v1, 'cpu.cfs_quota_us'))) {
    const group = join(v1, name);
    mkdirSync(group);
    cgroups.push(group);
    writeFileSync(join(group, 'cpu.cfs_period_us'), String(period));
    writeFileSync(join(group, 'cpu.cfs_quota_us'), String(quota));
    writeFileSync(join(group, 'cgroup.procs'), String(pid));
  } else throw new Error('--hub-cpu needs a cgroup CPU controller (cgroup v2 with cpu, or v1 at /sys/fs/cgroup/cpu) and root');
}

/** Signs in on the development sign-in page as `persona`; resolves to an access token (5 minutes). */
async function signIn(origin: string, persona: string): Promise<string> {
  const fhir = `${origin}/fhir`;
  const { verifier, challenge } = pkce();
  const back = await chooseOnSignInPage(
    `${origin}/auth`,
    authorizeUrl(`${origin}/auth`, fhir, challenge, { scope: 'openid fhirUser offline_access user/*.rs' }),
    { persona },
  );
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`Sign-in as ${persona} gave no code`);
  const token = await postToken(`${origin}/auth`, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
  if (token.status !== 200) throw new Error(`Token exchange for ${persona} answered ${token.status}`);
  return String(token.body['access_token']);
}

// ---- the page loads ------------------------------------------------------------------------------------------------

interface Captured {
  method: string;
  /** Path and query under the origin, e.g. /fhir/Patient/pat-000001/$summary. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Residents the persona may see, drawn at random (a fixed order, so runs compare): a Patient search by `_id`
 * finds only those the persona may see (access policy R8), fifty ids at a time (the most one search takes).
 */
async function visibleResidents(origin: string, token: string, wanted: number): Promise<string[]> {
  const found: string[] = [];
  const order = shuffled(Array.from({ length: residents }, (_, index) => `pat-${String(index + 1).padStart(6, '0')}`));
  for (let start = 0; start < order.length && found.length < wanted; start += 50) {
    const chunk = order.slice(start, start + 50);
    const response = await fetch(`${origin}/fhir/Patient?_id=${chunk.join(',')}&_count=50`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
    });
    if (response.status !== 200) throw new Error(`The Patient search answered ${response.status}`);
    const bundle = (await response.json()) as { entry?: { resource?: { id?: string } }[] };
    const seen = new Set((bundle.entry ?? []).map((entry) => entry.resource?.id));
    found.push(...chunk.filter((id) => seen.has(id)));
  }
  return found.slice(0, wanted);
}

/** The requests the SDK makes to open each resident's record page, in order (the capability statement, read once per client, left out). */
async function capturePageLoads(origin: string, token: string, ids: string[]): Promise<Captured[][]> {
  let log: Captured[] = [];
  const hub = createHubClient({
    baseUrl: `${origin}/fhir`,
    auth: token,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (!url.pathname.endsWith('/metadata')) {
        const headers: Record<string, string> = {};
        for (const name of ['accept', 'content-type', 'prefer']) {
          const value = request.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        const body = request.method === 'GET' ? undefined : await request.clone().text();
        log.push({ method: request.method, path: url.pathname + url.search, headers, ...(body ? { body } : {}) });
      }
      return fetch(request);
    },
  });
  const loads: Captured[][] = [];
  for (const id of ids) {
    log = [];
    const reader = openRecordReader(hub, id, { audience: 'clinician' });
    await reader.page();
    await Promise.all([readMedications(reader), readTimeline(reader).loadMore()]);
    loads.push(log);
  }
  return loads;
}

// ---- runs -----------------------------------------------------------------------------------------------------------

interface Target {
  name: string;
  urls: string[];
  /** Sign-in origin (the first process). */
  origin: string;
  pids: () => number[];
  database: () => number;
}

interface Result {
  target: string;
  kind: string;
  rate: number | undefined;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  pageLoadsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  hubCpuMsPerRequest: number;
  databaseCpuMsPerRequest: number;
  hubCores: number;
  databaseCores: number;
  clientCores: number;
  otherCores: number;
  loadAverage: number;
}

const tokens = new Map<string, { token: string; at: number }>();
async function tokenFor(target: Target): Promise<string> {
  const known = tokens.get(target.origin);
  if (known && Date.now() - known.at < 120_000) return known.token;
  const token = await signIn(target.origin, values.persona);
  tokens.set(target.origin, { token, at: Date.now() });
  return token;
}

async function run(
  target: Target,
  kind: string,
  requests: Captured[],
  options: { rate?: number; connections: number; seconds: number; perPage: number },
): Promise<Result> {
  const token = await tokenFor(target);
  let next = Math.floor(Math.random() * requests.length);
  const hubBefore = target.pids().map(cpuMilliseconds);
  const databaseBefore = target.database();
  const clientBefore = process.cpuUsage();
  const machineBefore = machineCpu();
  const loadAverage = loadavg()[0] ?? 0;
  const result = await autocannon({
    url: target.urls,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        // Every connection takes the next request of the shuffled page loads: residents' pages interleave.
        setupRequest: (request: Record<string, unknown>) => {
          const captured = requests[next++ % requests.length] as Captured;
          return {
            ...request,
            method: captured.method,
            path: captured.path,
            headers: { ...(request['headers'] as Record<string, string>), ...captured.headers, authorization: `Bearer ${token}` },
            ...(captured.body ? { body: captured.body } : { body: undefined }),
          };
        },
      },
    ],
  });
  const hubCpu = target
    .pids()
    .map(cpuMilliseconds)
    .reduce((sum, after, index) => sum + after - (hubBefore[index] ?? 0), 0);
  const databaseCpu = target.database() - databaseBefore;
  const client = process.cpuUsage(clientBefore);
  const clientCpu = (client.user + client.system) / 1000;
  const machine = machineCpu();
  const wall = (machine.total - machineBefore.total) / 2; // two cores: ms of wall time
  const busy = machine.busy - machineBefore.busy;
  const seconds = options.seconds;
  const done = result.requests.total;
  const cores = (ms: number) => ms / (wall || seconds * 1000);
  return {
    target: target.name,
    kind,
    rate: options.rate,
    connections: options.connections,
    seconds,
    requests: done,
    requestsPerSecond: done / seconds,
    pageLoadsPerSecond: done / seconds / options.perPage,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    hubCpuMsPerRequest: hubCpu / Math.max(1, done),
    databaseCpuMsPerRequest: databaseCpu / Math.max(1, done),
    hubCores: cores(hubCpu),
    databaseCores: cores(databaseCpu),
    clientCores: cores(clientCpu),
    otherCores: cores(Math.max(0, busy - hubCpu - databaseCpu - clientCpu)),
    loadAverage,
  };
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  let state = 7;
  for (let index = copy.length - 1; index > 0; index--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const other = state % (index + 1);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
function table(results: Result[]): string {
  const lines = [
    '| run | store | req/s (page loads/s) | p50 ms | p99 ms | max ms | errors / non-2xx | hub CPU ms/req | PostgreSQL CPU ms/req | cores: hub / db / client / other |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results) {
    const kind = r.rate ? `${r.kind} at ${r.rate} req/s` : `${r.kind}, ${r.connections} connections`;
    lines.push(
      `| ${kind} | ${r.target} | ${fixed(r.requestsPerSecond)} (${fixed(r.pageLoadsPerSecond)}) | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} / ${r.non2xx} | ${fixed(r.hubCpuMsPerRequest, 2)} | ${r.databaseCpuMsPerRequest ? fixed(r.databaseCpuMsPerRequest, 2) : '—'} | ${fixed(r.hubCores, 2)} / ${fixed(r.databaseCores, 2)} / ${fixed(r.clientCores, 2)} / ${fixed(r.otherCores, 2)} |`,
    );
  }
  return lines.join('\n');
}

// ---- main -----------------------------------------------------------------------------------------------------------

console.log(
  `hub load bench: ${residents} residents, ${duration} s runs, rates ${rates.join(', ') || 'none'} req/s, in ${directory}` +
    (hubCpu === undefined ? '' : `; each hub process capped at ${hubCpu} of a core`),
);
const cluster = await benchCluster(directory);
started.cluster = cluster;
const sqliteHub = await startHub(`sqlite:${join(directory, `hub-${residents}.db`)}`);
console.log(`SQLite hub on ${sqliteHub.port}${sqliteHub.seedSeconds === undefined ? '' : `, seeded in ${sqliteHub.seedSeconds} s`}`);
const database = `${cluster.url.replace(/\/postgres$/, '')}/hub_${residents}`;
await ensureDatabase(cluster.url, `hub_${residents}`);
const postgresA = await startHub(database);
console.log(`PostgreSQL hub on ${postgresA.port}${postgresA.seedSeconds === undefined ? '' : `, seeded in ${postgresA.seedSeconds} s`}`);
const postgresOrigin = `http://127.0.0.1:${postgresA.port}`;
const postgresB = await startHub(database, () => postgresOrigin);
console.log(`second PostgreSQL hub on ${postgresB.port}, answering as ${postgresOrigin}`);

const pid = (hub: Hub) => hub.child.pid ?? 0;
const none = () => 0;
const targets: Target[] = [
  {
    name: 'SQLite, 1 process',
    urls: [`http://127.0.0.1:${sqliteHub.port}`],
    origin: `http://127.0.0.1:${sqliteHub.port}`,
    pids: () => [pid(sqliteHub)],
    database: none,
  },
  {
    name: 'PostgreSQL, 1 process',
    urls: [postgresOrigin],
    origin: postgresOrigin,
    pids: () => [pid(postgresA)],
    database: () => cluster.cpu(),
  },
  {
    name: 'PostgreSQL, 2 processes',
    urls: [postgresOrigin, `http://127.0.0.1:${postgresB.port}`],
    origin: postgresOrigin,
    pids: () => [pid(postgresA), pid(postgresB)],
    database: () => cluster.cpu(),
  },
];

const [sqliteTarget] = targets as [Target, ...Target[]];
const sqliteToken = await tokenFor(sqliteTarget);
const ids = await visibleResidents(sqliteTarget.origin, sqliteToken, Number(values.sample));
const loads = await capturePageLoads(sqliteTarget.origin, sqliteToken, ids);
const perPage = loads.reduce((sum, load) => sum + load.length, 0) / loads.length;
const mix = shuffled(loads).flat();
const summaries = mix.filter((request) => request.path.endsWith('/$summary'));
const kinds = new Map<string, number>();
for (const request of mix) {
  const key = `${request.method} ${request.path.replace(/pat-\d+/g, '{id}').replace(/\?.*$/, '')}`;
  kinds.set(key, (kinds.get(key) ?? 0) + 1);
}
console.log(`\n${ids.length} residents the ${values.persona} may see; a page load is ${fixed(perPage)} requests on average:`);
for (const [key, count] of kinds) console.log(`  ${fixed(count / loads.length, 2)} × ${key}`);

// Warm each hub (JIT, caches) before measuring.
for (const target of targets) await run(target, 'warm-up', mix, { connections: 8, seconds: 5, perPage });

const results: Result[] = [];
await statements(database, 'SELECT pg_stat_statements_reset()');
for (let round = 0; round < runs; round++) {
  for (const rate of rates) {
    for (const target of targets) {
      const result = await run(target, 'record-page mix', mix, {
        rate,
        connections: Math.min(64, Math.max(8, Math.ceil(rate / 10))),
        seconds: duration,
        perPage,
      });
      results.push(result);
      console.log(table([result]).split('\n')[2]);
    }
  }
  if (!values['no-max']) {
    for (const target of targets) {
      const result = await run(target, 'record-page mix flat out', mix, { connections: maxConnections, seconds: duration, perPage });
      results.push(result);
      console.log(table([result]).split('\n')[2]);
    }
    for (const target of targets) {
      const result = await run(target, '$summary alone flat out', summaries, {
        connections: 8,
        seconds: Math.min(duration, 15),
        perPage: 1,
      });
      results.push(result);
      console.log(table([result]).split('\n')[2]);
    }
  }
}

console.log(`\n${table(results)}`);
const flatOut = (name: string) => results.filter((r) => r.kind === 'record-page mix flat out' && r.target === name);
const mean = (items: Result[]) => items.reduce((sum, r) => sum + r.requestsPerSecond, 0) / Math.max(1, items.length);
const one = mean(flatOut('PostgreSQL, 1 process'));
const two = mean(flatOut('PostgreSQL, 2 processes'));
if (one > 0) console.log(`\nPostgreSQL, 2 processes ÷ 1 process, flat out: ${fixed(two / one, 2)}×`);
const heaviest = await statements(
  database,
  `SELECT calls, round(total_exec_time)::int AS total_ms, round(total_plan_time)::int AS plan_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows,
          regexp_replace(left(query, 160), '\\s+', ' ', 'g') AS query
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    ORDER BY total_exec_time + total_plan_time DESC LIMIT 10`,
);
const [sums] = await statements(
  database,
  `SELECT sum(calls)::bigint AS calls, round(sum(total_exec_time))::bigint AS exec_ms, round(sum(total_plan_time))::bigint AS plan_ms
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
);
const postgresRequests = results.filter((r) => r.target.startsWith('PostgreSQL')).reduce((sum, r) => sum + r.requests, 0);
console.log(
  `\nPostgreSQL over the measured runs: ${String(sums?.['calls'])} statements for ${postgresRequests} requests, ${String(sums?.['exec_ms'])} ms executing and ${String(sums?.['plan_ms'])} ms planning`,
);
console.log('\nPostgreSQL: the heaviest statements over the measured runs');
for (const row of heaviest)
  console.log(
    `  ${row['total_ms']} ms executing + ${row['plan_ms']} ms planning in ${row['calls']} calls (mean ${row['mean_ms']} ms, ${row['rows']} rows): ${row['query']}`,
  );
if (values.json) {
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        residents,
        duration,
        rates,
        hubCpu,
        perPage,
        kinds: Object.fromEntries(kinds),
        seeded: { sqlite: sqliteHub.seedSeconds, postgres: postgresA.seedSeconds },
        results,
        heaviest,
      },
      null,
      2,
    ),
  );
}
process.exit(0);

/** Creates the database for this borough size in the cluster unless it is there. */
async function ensureDatabase(url: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  await statements(`${url.replace(/\/postgres$/, '')}/${name}`, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
}

/** Runs one statement on `url`; resolves to its rows. */
async function statements(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
