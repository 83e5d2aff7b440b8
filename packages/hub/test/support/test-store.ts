/**
 * A fresh, empty store for a test: SQLite in memory.
 */
import type { HubStore } from '../../src/store/store.js';
import { SqliteStore } from '../../src/store/sqlite-store.js';

export async function openTestStore(): Promise<HubStore> {
  return new SqliteStore(':memory:');
}
