/**
 * The last few reads that came with validators (ETag, Last-Modified), so a
 * `304 Not Modified` can be answered with the copy it says is current. Held in
 * memory only, a few at most, each for the token that read it: a copy is never
 * given to another token, whose view of the same resource may be narrower, and
 * none is kept of an answer its server says no cache may store.
 */

/** One 200 answer as it came: its text (parsed afresh each time, so no caller can change the copy). */
export interface ValidatedCopy {
  text: string;
  etag: string | undefined;
  lastModified: string | undefined;
  authorization: string | undefined;
}

/** What the SDK itself sent with the read (validators a host's `fetch` adds are not seen). */
export interface SentValidators {
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
}

/** Entity tags compared as `If-None-Match` compares them: weakly, `W/"1"` matching `"1"`. */
const weakEqual = (a: string, b: string): boolean => a.trim().replace(/^W\//, '') === b.trim().replace(/^W\//, '');

export class ValidatedCopies {
  readonly #limit: number;
  readonly #copies = new Map<string, ValidatedCopy>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Keeps a 200 answer to a read at `url` when it carries a validator and its server lets it be kept (no
   * `Cache-Control: no-store`, which the hub sends on every record); forgets any earlier copy otherwise.
   */
  remember(url: string, headers: Headers, text: string, authorization: string | undefined): void {
    this.#copies.delete(url);
    if (/(^|,)\s*no-store\s*(,|$)/i.test(headers.get('cache-control') ?? '')) return;
    const etag = headers.get('etag') ?? undefined;
    const lastModified = headers.get('last-modified') ?? undefined;
    if (etag === undefined && lastModified === undefined) return;
    this.#copies.set(url, { text, etag, lastModified, authorization });
    for (const oldest of this.#copies.keys()) {
      if (this.#copies.size <= this.#limit) break;
      this.#copies.delete(oldest);
    }
  }

  /**
   * The copy a 304 to a read at `url` says is current: read with the same token, and the one the 304 names
   * (its ETag or Last-Modified), or, when the 304 names none, the one the SDK's own validators named.
   */
  current(url: string, answer: Headers, authorization: string | undefined, sent: SentValidators): ValidatedCopy | undefined {
    const copy = this.#copies.get(url);
    if (copy === undefined || copy.authorization !== authorization) return undefined;
    const etag = answer.get('etag');
    if (etag !== null) return copy.etag !== undefined && weakEqual(etag, copy.etag) ? copy : undefined;
    const lastModified = answer.get('last-modified');
    if (lastModified !== null) return copy.etag === undefined && copy.lastModified === lastModified ? copy : undefined;
    if (copy.etag !== undefined) {
      const named = (sent.ifNoneMatch ?? '').split(',').some((tag) => tag.trim() !== '' && weakEqual(tag, copy.etag ?? ''));
      return named ? copy : undefined;
    }
    const since = Date.parse(sent.ifModifiedSince ?? '');
    return copy.lastModified !== undefined && since >= Date.parse(copy.lastModified) ? copy : undefined;
  }
}
