/**
 * Opens the store a hub is started with: `sqlite:PATH` (the default; a file
 * created on first use, or `sqlite::memory:`), or a PostgreSQL URL
 * (`postgres://user@host:5432/database`, optionally `?schema=NAME`), whose
 * migrations are applied on opening. A bare path is a SQLite file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteStore } from './sqlite-store.js';
import type { HubStore } from './store.js';

export async function openStore(spec: string): Promise<HubStore> {
  if (/^postgres(ql)?:\/\//.test(spec)) {
    // Loaded only when asked for: the embedded default needs nothing of PostgreSQL's.
    const { PostgresStore } = await import('./postgres-store.js');
    return PostgresStore.open(spec);
  }
  const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec;
  if (path === '') throw new Error('A SQLite store needs a file: sqlite:PATH');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return new SqliteStore(path);
}
