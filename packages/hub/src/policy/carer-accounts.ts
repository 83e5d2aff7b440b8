/**
 * A carer's account is theirs. Each RelatedPerson a carer signs in as carries
 * the `carer-account` identifier of their sign-in account (with NHS login, an
 * identity that follows a member of the public across services). The hub reads
 * it to know whom a carer acts for, and the carer's app reads it from the
 * carer's own entry to find the people they act for; nobody else's screen
 * needs it — the resident knows that someone accepted an invitation from the
 * permission's status — so no answer carries it to anyone but that carer
 * (`docs/proxy-access.md`, `docs/access-policy.md` R16).
 *
 * The gate applies this to every answer, whatever way the contact reached it:
 * a read, a search, `$summary`, `_include`, a resource that contains the
 * contact or names it by identifier. Nothing says that an account was left
 * out: a mark would itself tell a professional that the contact acts for the
 * resident through an account, which R10 keeps from them.
 */
import { CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { StoredJson } from '../store/store.js';

/** Anything with the carer-account system whose value is not the reader's own account: an Identifier, as a rule. */
function isOthersAccount(value: unknown, own: string | undefined): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { system, value: account } = value as { system?: unknown; value?: unknown };
  return system === CARER_ACCOUNT_SYSTEM && (own === undefined || account !== own);
}

/**
 * Whether an indexed search value is one the reader's answer shows: not another's carer account. A search matches
 * only by these (`matchesShownTokens`), else asking for an account would tell whose it is by `total` alone.
 */
export const isShownSearchValue =
  (own: string | undefined) =>
  (token: { system: string; code: string }): boolean =>
    token.system !== CARER_ACCOUNT_SYSTEM || (own !== undefined && token.code === own);

const accountValueOf = (value: unknown): string | undefined => {
  const account = (value as { value?: unknown }).value;
  return typeof account === 'string' && account !== '' ? account : undefined;
};

/**
 * The value without any carer account but `own` (the signed-in carer's), or the value itself when it holds none.
 * A resource whose narrative repeats an account it lost loses its narrative too. Stored text is looked into only
 * when it names the carer-account system, so an answer that holds none costs a text search per stored resource.
 */
export function withoutCarerAccounts<T>(value: T, own: string | undefined): T {
  return redact(value, own, []) as T;
}

function redact(value: unknown, own: string | undefined, removed: string[]): unknown {
  if (value instanceof StoredJson) {
    if (!value.json.includes(CARER_ACCOUNT_SYSTEM)) return value;
    const resource = redact(value.resource, own, removed);
    return resource === value.resource
      ? value
      : new StoredJson(value.type, value.id, JSON.stringify(resource), resource as Record<string, unknown>);
  }
  if (Array.isArray(value)) {
    let changed = false;
    const kept: unknown[] = [];
    for (const item of value) {
      if (isOthersAccount(item, own)) {
        const account = accountValueOf(item);
        if (account !== undefined) removed.push(account);
        changed = true;
        continue;
      }
      const next = redact(item, own, removed);
      if (next !== item) changed = true;
      kept.push(next);
    }
    return changed ? kept : value;
  }
  if (value === null || typeof value !== 'object') return value;
  const removedHere: string[] = [];
  let changed = false;
  const kept: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isOthersAccount(item, own)) {
      const account = accountValueOf(item);
      if (account !== undefined) removedHere.push(account);
      changed = true;
      continue;
    }
    const next = redact(item, own, removedHere);
    // FHIR has no empty lists: a list that held only accounts goes.
    if (Array.isArray(next) && next.length === 0 && Array.isArray(item) && item.length > 0) {
      changed = true;
      continue;
    }
    if (next !== item) changed = true;
    kept[key] = next;
  }
  // A resource's narrative written from what it held says what was left out: it goes with it.
  const narrative = (kept['text'] as { div?: unknown } | undefined)?.div;
  if ('resourceType' in kept && typeof narrative === 'string' && removedHere.some((account) => narrative.includes(account))) {
    delete kept['text'];
    changed = true;
  }
  removed.push(...removedHere);
  return changed ? kept : value;
}
