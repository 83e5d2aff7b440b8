/**
 * Where the sign-in keeps what outlives one request — sign-in requests,
 * launches, authorisation codes, refresh-token families, ended sessions and
 * its signing key — so that several hub processes on one store serve the
 * same sessions: sign in on one, refresh on another, sign out on either.
 *
 * Three stores behind one interface: in memory (one process; what a
 * development sign-in embedded in a test wants), and in the hub's SQLite or
 * PostgreSQL database (every process on it shares it: see the hub store's
 * `authState()`). Keys are stored as SHA-256
 * hashes, so a copy of the database holds no usable code or refresh token;
 * the signing key is stored as a JWK (protect the database as you would the
 * key). Single use is atomic: a code is claimed and a refresh token taken in
 * one statement, so two processes cannot both accept one.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

export interface AuthStateStore {
  /** Stores `value` under `kind`/`key` until `expiresAt` (ms on the caller's clock, `now`), optionally tagged with its session. */
  put(kind: string, key: string, value: string, expiresAt: number, now: number, session?: string): Promise<void>;
  /** The live value, or undefined. */
  read(kind: string, key: string, now: number): Promise<string | undefined>;
  /** Removes and returns the live value, in one step: only one caller can take it. */
  take(kind: string, key: string, now: number): Promise<string | undefined>;
  /** Tags a live, unclaimed entry with `session`; true only for the one caller that claimed it. */
  claim(kind: string, key: string, session: string, now: number): Promise<boolean>;
  /** The session an entry was claimed by or tagged with (live or not), if any. */
  sessionOf(kind: string, key: string): Promise<string | undefined>;
  remove(kind: string, key: string): Promise<void>;
  /** Removes every entry of `kind` tagged with `session`. */
  removeSession(kind: string, session: string): Promise<void>;
  /** The signing key (a private JWK as JSON), made by `make` the first time and shared from then on. */
  signingKey(make: () => Promise<string>): Promise<string>;
}

/** Keys as the database stores them: SHA-256, so a copy of the database holds no usable code or token. */
export const hashed = (key: string): string => createHash('sha256').update(key).digest('base64url');

interface Entry {
  value: string;
  expiresAt: number;
  session: string | undefined;
}

/** One process's memory: nothing survives a restart and nothing is shared. */
export function memoryAuthState(): AuthStateStore {
  const entries = new Map<string, Entry>();
  let key: string | undefined;
  const id = (kind: string, value: string) => `${kind}\u0000${hashed(value)}`;
  const live = (kind: string, value: string, now: number): Entry | undefined => {
    const entry = entries.get(id(kind, value));
    return entry && entry.expiresAt > now ? entry : undefined;
  };
  const sweep = (now: number) => {
    for (const [name, entry] of entries) if (entry.expiresAt <= now) entries.delete(name);
  };
  return {
    async put(kind, value, text, expiresAt, now, session) {
      sweep(now);
      entries.set(id(kind, value), { value: text, expiresAt, session });
    },
    read: async (kind, value, now) => live(kind, value, now)?.value,
    async take(kind, value, now) {
      const entry = live(kind, value, now);
      entries.delete(id(kind, value));
      return entry?.value;
    },
    async claim(kind, value, session, now) {
      const entry = live(kind, value, now);
      if (!entry || entry.session !== undefined) return false;
      entry.session = session;
      return true;
    },
    sessionOf: async (kind, value) => entries.get(id(kind, value))?.session,
    remove: async (kind, value) => void entries.delete(id(kind, value)),
    async removeSession(kind, session) {
      for (const [name, entry] of entries) if (name.startsWith(`${kind}\u0000`) && entry.session === session) entries.delete(name);
    },
    async signingKey(make) {
      key ??= await make();
      return key;
    },
  };
}

/** The hub's SQLite database: every process that opens the file shares the sessions. */
export function sqliteAuthState(db: Database.Database): AuthStateStore {
  db.exec(`
    CREATE TABLE IF NOT EXISTS auth_state (
      kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, expires_at INTEGER NOT NULL, session TEXT,
      PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS auth_state_session ON auth_state (kind, session);
    CREATE INDEX IF NOT EXISTS auth_state_expiry ON auth_state (expires_at);
  `);
  const statements = {
    put: db.prepare(
      'INSERT INTO auth_state (kind, key, value, expires_at, session) VALUES (?, ?, ?, ?, ?) ' +
        'ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at, session = excluded.session',
    ),
    read: db.prepare('SELECT value FROM auth_state WHERE kind = ? AND key = ? AND expires_at > ?'),
    take: db.prepare('DELETE FROM auth_state WHERE kind = ? AND key = ? RETURNING value, expires_at AS expiresAt'),
    claim: db.prepare('UPDATE auth_state SET session = ? WHERE kind = ? AND key = ? AND session IS NULL AND expires_at > ?'),
    sessionOf: db.prepare('SELECT session FROM auth_state WHERE kind = ? AND key = ?'),
    remove: db.prepare('DELETE FROM auth_state WHERE kind = ? AND key = ?'),
    removeSession: db.prepare('DELETE FROM auth_state WHERE kind = ? AND session = ?'),
    sweep: db.prepare('DELETE FROM auth_state WHERE expires_at <= ?'),
    readKey: db.prepare("SELECT value FROM meta WHERE key = 'auth.signing-key'"),
    // The first process to get here stores its key; the others use that one.
    putKey: db.prepare("INSERT INTO meta (key, value) VALUES ('auth.signing-key', ?) ON CONFLICT (key) DO NOTHING"),
  };
  let writes = 0;
  return {
    async put(kind, key, value, expiresAt, now, session) {
      // Now and then, lapsed entries go (they are never read: every read checks the expiry).
      if (++writes % 100 === 0) statements.sweep.run(now);
      statements.put.run(kind, hashed(key), value, expiresAt, session ?? null);
    },
    read: async (kind, key, now) => (statements.read.get(kind, hashed(key), now) as { value: string } | undefined)?.value,
    async take(kind, key, now) {
      const row = statements.take.get(kind, hashed(key)) as { value: string; expiresAt: number } | undefined;
      return row && row.expiresAt > now ? row.value : undefined;
    },
    claim: async (kind, key, session, now) => statements.claim.run(session, kind, hashed(key), now).changes === 1,
    sessionOf: async (kind, key) =>
      (statements.sessionOf.get(kind, hashed(key)) as { session: string | null } | undefined)?.session ?? undefined,
    remove: async (kind, key) => void statements.remove.run(kind, hashed(key)),
    removeSession: async (kind, session) => void statements.removeSession.run(kind, session),
    async signingKey(make) {
      const stored = statements.readKey.get() as { value: string } | undefined;
      if (stored) return stored.value;
      statements.putKey.run(await make());
      return (statements.readKey.get() as { value: string }).value;
    },
  };
}

/** A typed view of one kind of entry, on the injected clock. */
export class ExpiringState<V> {
  constructor(
    private readonly store: AuthStateStore,
    private readonly kind: string,
    private readonly now: () => number,
  ) {}

  async set(key: string, value: V, expiresAt: number, session?: string): Promise<void> {
    await this.store.put(this.kind, key, JSON.stringify(value), expiresAt, this.now(), session);
  }

  async get(key: string): Promise<V | undefined> {
    const text = await this.store.read(this.kind, key, this.now());
    return text === undefined ? undefined : (JSON.parse(text) as V);
  }

  /** Removes and returns the live value: only one caller, in any process, gets it. */
  async take(key: string): Promise<V | undefined> {
    const text = await this.store.take(this.kind, key, this.now());
    return text === undefined ? undefined : (JSON.parse(text) as V);
  }

  claim(key: string, session: string): Promise<boolean> {
    return this.store.claim(this.kind, key, session, this.now());
  }

  sessionOf(key: string): Promise<string | undefined> {
    return this.store.sessionOf(this.kind, key);
  }

  delete(key: string): Promise<void> {
    return this.store.remove(this.kind, key);
  }

  deleteSession(session: string): Promise<void> {
    return this.store.removeSession(this.kind, session);
  }
}
