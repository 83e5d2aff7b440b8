/**
 * A throwaway PostgreSQL cluster for the tests: made in a temporary directory
 * the first time a test process asks for one, on a free loopback port, and
 * stopped (and removed) when the process ends. The server refuses to run as
 * root, so as root it runs as the `postgres` user.
 *
 * PostgreSQL is looked for in `CARE_RECORD_PG_BIN`, then `pg_config --bindir`,
 * then Debian's `/usr/lib/postgresql/<version>/bin`. Without it the tests that
 * need it are skipped, except on CI (`CI=true`), where that is a failure: the
 * suites must have run against both stores there (`.ci/run` installs it).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Where PostgreSQL's programs are, or undefined when it is not installed. */
export function postgresBinaries(): string | undefined {
  const has = (dir: string | undefined) => dir !== undefined && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const configured = process.env['CARE_RECORD_PG_BIN'];
  if (has(configured)) return configured;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (has(dir)) return dir;
  } catch {
    // No pg_config on the PATH: look where Debian puts the server.
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => join(debian, version, 'bin')).find(has);
}

/**
 * Runs one of PostgreSQL's programs in `bin`. The server refuses to run as
 * root, so as root it runs as the `postgres` user.
 */
export function postgresProgram(bin: string): (program: string, args: string[]) => Buffer {
  const asRoot = process.getuid?.() === 0;
  return (program, args) =>
    execFileSync(asRoot ? 'runuser' : join(bin, program), asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: tmpdir(),
    });
}

let started: Promise<string> | undefined;

/**
 * A connection URL for a new cluster (one per process, started on first use).
 * Throws when PostgreSQL is not installed.
 */
export function throwawayPostgres(): Promise<string> {
  started ??= startCluster();
  return started;
}

async function startCluster(): Promise<string> {
  const bin = postgresBinaries();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql, or set CARE_RECORD_PG_BIN)');
  const asRoot = process.getuid?.() === 0;
  const run = postgresProgram(bin);
  const directory = mkdtempSync(join(tmpdir(), 'care-record-pg-'));
  // The server's user must own the data directory; the socket goes in it too.
  if (asRoot) {
    chmodSync(directory, 0o755);
    execFileSync('chown', ['postgres', directory]);
  }
  const data = join(directory, 'data');
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Not running (it failed to start, or was stopped already).
    }
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${directory}`,
      '-c listen_addresses=127.0.0.1',
      // A test cluster: nothing it holds needs to survive a crash.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(directory, 'server.log'), '-w', '-t', '60', 'start']);
    process.once('exit', stop);
    return `postgres://postgres@127.0.0.1:${port}/postgres`;
  } catch (error) {
    stop();
    throw new Error('The test PostgreSQL cluster did not start', { cause: error });
  }
}

/**
 * Why PostgreSQL tests cannot run here (to skip them), or false when they can.
 * On CI its absence throws: there the suites must run against both stores.
 */
export function postgresUnavailable(): string | false {
  if (process.env['CARE_RECORD_TEST_POSTGRES'] || postgresBinaries() !== undefined) return false;
  if (process.env['CI'] === 'true')
    throw new Error('CI=true but PostgreSQL is not installed: the store and policy suites must run against it (see .ci/run)');
  return 'PostgreSQL is not installed here';
}
