/**
 * A PostgreSQL cluster for the benches, in a directory of its own (made the
 * first time, started again on later runs so that a seeded borough is kept).
 * Unlike the tests' throwaway cluster it keeps fsync on: commits are written
 * to the log in the background (`synchronous_commit = off`), as SQLite's WAL
 * with `synchronous = NORMAL` does for the hub's SQLite store.
 *
 * The server refuses to run as root, so as root it runs as `postgres`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../packages/hub/test/support/free-port.ts';
import { postgresBinaries, postgresProgram } from '../../packages/hub/test/support/postgres-cluster.ts';

export interface BenchCluster {
  url: string;
  /** CPU the server has used so far (postmaster, its backends and those that have ended), in milliseconds. */
  cpu(): number;
  stop(): void;
}

/** Starts (making it first if need be) a cluster in `directory`/pg; resolves to its URL. */
export async function benchCluster(directory: string): Promise<BenchCluster> {
  const bin = postgresBinaries();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql, or set CARE_RECORD_PG_BIN)');
  const asRoot = process.getuid?.() === 0;
  const run = postgresProgram(bin);
  const home = join(directory, 'pg');
  const data = join(home, 'data');
  mkdirSync(home, { recursive: true });
  if (asRoot) {
    chmodSync(home, 0o755);
    execFileSync('chown', ['postgres', home]);
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale', 'C']);
  }
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${home}`,
    '-c listen_addresses=127.0.0.1',
    '-c synchronous_commit=off',
    '-c shared_buffers=1GB',
    '-c max_connections=200',
    '-c max_wal_size=8GB',
    '-c checkpoint_timeout=15min',
    // Where the database's time goes, per statement (the load bench prints the heaviest).
    '-c shared_preload_libraries=pg_stat_statements',
    '-c pg_stat_statements.track_planning=on',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(home, 'server.log'), '-w', '-t', '120', 'start']);
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Stopped already.
    }
  };
  const cpu = () => treeCpuMilliseconds(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]));
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, cpu, stop };
}

/** Processes whose parent is `parent`. */
export function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent) children.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}

/**
 * CPU time (user + system) a process has used, in milliseconds, with that of
 * its children that have ended (and been waited for); 0 when it has ended.
 */
export function cpuMilliseconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime, stime, cutime, cstime are fields 14-17 of the line (12-15 after the command name), in ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** CPU of a process and its children, living or ended, in milliseconds. */
export function treeCpuMilliseconds(pid: number): number {
  return cpuMilliseconds(pid) + childrenOf(pid).reduce((sum, child) => sum + cpuMilliseconds(child), 0);
}

/** Busy and total CPU time of the whole machine, in milliseconds (from /proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number); // user … steal (guest time is in user already)
  const total = ticks.reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) * 10, total: total * 10 };
}
