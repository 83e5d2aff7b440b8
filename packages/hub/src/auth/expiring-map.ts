/**
 * An in-memory map whose entries lapse after a lifetime. Sign-in requests,
 * launches, authorisation codes and refresh tokens live here: nothing survives
 * a restart, which is what a development sign-in wants.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Stores `value` until `expiresAt` (milliseconds, on the injected clock). */
  set(key: string, value: V, expiresAt: number): void {
    this.#sweep();
    this.#entries.set(key, { value, expiresAt });
  }

  /** The value, or undefined when there is none or it has lapsed. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Removes every live entry whose value matches. */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }
}
