/**
 * Seeding a borough into the hub's store: how long the first start takes, how
 * big the database is and the seeding process's peak memory.
 *
 *   node --conditions=source --import tsx bench/hub-seed.ts --store postgres --residents 20000 [--dir /tmp/hub-load]
 *   node --conditions=source --import tsx bench/hub-seed.ts --store sqlite --residents 20000 [--dir /tmp/hub-load]
 *
 * The hub runs as a child process (`packages/hub/src/main.ts`), exactly as
 * `npm run hub -- --residents N --store …` would; it is stopped once it
 * listens. PostgreSQL is a cluster of the bench's own in `--dir`
 * (`bench/support/postgres.ts`); the database is made anew (`hub_N`). The
 * stores are left in `--dir` for `bench/hub-load.ts` to reuse.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchCluster, cpuMilliseconds, type BenchCluster } from './support/postgres.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    residents: { type: 'string', default: '2000' },
    dir: { type: 'string', default: '/tmp/care-record-bench' },
  },
});
const residents = Number(values.residents);
mkdirSync(values.dir, { recursive: true });

let cluster: BenchCluster | undefined;
process.once('exit', () => cluster?.stop());

async function query(url: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

let store: string;
let size: () => Promise<number>;
if (values.store === 'postgres') {
  cluster = await benchCluster(values.dir);
  const name = `hub_${residents}`;
  await query(cluster.url, `DROP DATABASE IF EXISTS ${name}`);
  await query(cluster.url, `CREATE DATABASE ${name}`);
  store = `${cluster.url.replace(/\/postgres$/, '')}/${name}`;
  await query(store, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  size = async () => Number((await query(store, 'SELECT pg_database_size(current_database()) AS size'))[0]?.['size']);
} else {
  const file = join(values.dir, `hub-${residents}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  store = `sqlite:${file}`;
  size = async () =>
    ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(`${file}${suffix}`) ? statSync(`${file}${suffix}`).size : 0), 0);
}

const databaseCpuBefore = cluster?.cpu() ?? 0;
console.log(`seeding ${residents.toLocaleString('en-GB')} residents into ${values.store} (${values.dir})`);
const started = performance.now();
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
    '0',
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
);
/** Peak resident memory of the seeding process so far (the kernel's high-water mark), in MB. */
const peak = () => {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
};
let output = '';
let peakMb = 0;
const watch = setInterval(() => (peakMb = Math.max(peakMb, peak() || 0)), 1000);
await new Promise<void>((resolve, reject) => {
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    const progress = /seeding: (\d+) of \d+ residents\n$/.exec(output);
    if (progress && Number(progress[1]) % 20_000 === 0)
      console.log(`  ${progress[1]} residents after ${((performance.now() - started) / 1000).toFixed(0)} s, ${peak().toFixed(0)} MB peak`);
    if (output.includes('care-record hub: FHIR at')) resolve();
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  child.on('exit', (code) => reject(new Error(`the hub exited (${code}): ${output}`)));
});
peakMb = Math.max(peakMb, peak());
clearInterval(watch);
const seconds = (performance.now() - started) / 1000;
const hubCpu = cpuMilliseconds(child.pid ?? 0) / 1000;
const databaseCpu = ((cluster?.cpu() ?? 0) - databaseCpuBefore) / 1000;
child.removeAllListeners('exit');
child.kill('SIGTERM');
const seeded = /seeded (\d+) residents \((\d+) resources\) in ([\d.]+) s/.exec(output);
const bytes = await size();
console.log(
  [
    `store: ${values.store}, residents: ${residents.toLocaleString('en-GB')}, resources: ${Number(seeded?.[2]).toLocaleString('en-GB')}`,
    `seeding: ${seeded?.[3]} s (the hub's own count); first start to listening: ${seconds.toFixed(1)} s`,
    `database: ${(bytes / 1e9).toFixed(2)} GB (${(bytes / residents / 1000).toFixed(1)} KB a resident)`,
    `peak memory of the hub process: ${peakMb.toFixed(0)} MB`,
    `CPU: hub ${hubCpu.toFixed(1)} s${cluster ? `, PostgreSQL ${databaseCpu.toFixed(1)} s` : ''}; load average at the end ${loadavg()[0]?.toFixed(2)}`,
  ].join('\n'),
);
process.exit(0);
