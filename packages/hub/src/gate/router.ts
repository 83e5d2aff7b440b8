/**
 * The hub's one router: a method and a path relative to the FHIR base give the
 * contract operation and its path parameters. Direct requests and batch
 * entries are both routed here, so both meet the same gate.
 */
import type { ContractOperation } from '../fhir/contract-operations.js';
import { FhirHttpError } from '../fhir/outcome.js';

export interface Route {
  operation: ContractOperation;
  path: Record<string, string>;
}

/** Decodes one percent-encoded piece of a URL, refusing a malformed escape or bytes that are not UTF-8. */
export function decodeStrictly(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', `The ${what} is not valid percent-encoded UTF-8`);
  }
}

/** Finds the contract operation for a method and a path relative to the FHIR base (`/Patient/123`). */
export function routeFhir(operations: ContractOperation[], method: string, path: string): Route | undefined {
  const segments = path.replace(/^\/+/, '').split('/');
  for (const operation of operations) {
    if (operation.method !== method) continue;
    const template = operation.template.replace(/^\/+/, '').split('/');
    if (template.length !== segments.length) continue;
    const found: Record<string, string> = {};
    const matches = template.every((part, index) => {
      const segment = segments[index] ?? '';
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name) {
        if (segment === '') return false;
        found[name] = decodeStrictly(segment, 'path');
        return true;
      }
      return part === segment;
    });
    if (matches) return { operation, path: found };
  }
  return undefined;
}

/** The longest request URL the hub reads; longer ones are refused with 414 before anything else. */
export const MAX_URL_LENGTH = 8_192;

/** Refuses a request URL — a request's own, or a batch entry's — longer than the hub reads (R2). */
export function checkUrlLength(url: string): void {
  if (url.length > MAX_URL_LENGTH)
    throw new FhirHttpError(414, 'too-long', 'INVALID_REQUEST', `The request URL is longer than ${MAX_URL_LENGTH} characters`);
}

/** Checks a query string decodes as UTF-8 before URLSearchParams would quietly replace what doesn't. */
export function checkQueryEncoding(search: string): void {
  for (const part of search.replace(/^\?/, '').split('&')) decodeStrictly(part.replaceAll('+', ' '), 'query string');
}
