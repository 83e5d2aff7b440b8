/**
 * Reads and validates a request's parameters against the contract: unknown
 * search parameters, a missing required one, a value that breaks its schema
 * or a repeated single-valued parameter is a 400 with an OperationOutcome
 * naming the parameter (never its value).
 */
import type { ContractSchemas } from '../contract/contract.js';
import type { ContractOperation, ContractParameter } from './contract-operations.js';
import { FhirHttpError, invalidSearch } from './outcome.js';

/** The most values any parameter takes, whatever the contract says: a long list is refused, never half-answered. */
const MAX_VALUES = 100;

export interface RequestParameters {
  /** Query values by name: every value, split on commas where the contract joins them. */
  query: Map<string, string[]>;
  path: Record<string, string>;
  /** Header values by lower-case name. */
  headers: Record<string, string>;
}

/** Splits `a,b\,c` into `a` and `b,c` (FHIR escapes a comma inside a value as `\,`). */
export function splitOnCommas(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (char === '\\' && index + 1 < value.length) {
      current += value[index + 1];
      index += 1;
    } else if (char === ',') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

export function readParameters(
  operation: ContractOperation,
  url: URL,
  path: Record<string, string>,
  headers: Record<string, string | string[] | undefined>,
  schemas: ContractSchemas,
  options: { lenient?: boolean } = {},
): RequestParameters {
  const declared = new Map(
    operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => [parameter.name, parameter]),
  );
  // `Prefer: handling=lenient` asks for unknown parameters to be ignored rather than refused.
  if (!options.lenient)
    for (const name of new Set(url.searchParams.keys())) {
      if (!declared.has(name))
        throw invalidSearch(`Unknown search parameter "${name}" for ${operation.method} ${operation.template}`, name);
    }

  const query = new Map<string, string[]>();
  const readHeaders: Record<string, string> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in === 'query') {
      const raw = url.searchParams.getAll(parameter.name);
      if (raw.length === 0) {
        if (parameter.required) throw invalidSearch(`The search parameter "${parameter.name}" is required`, parameter.name);
        continue;
      }
      if (!parameter.isArray && raw.length > 1)
        throw invalidSearch(`The search parameter "${parameter.name}" may appear only once`, parameter.name);
      const values = parameter.commaJoined ? raw.flatMap(splitOnCommas) : raw;
      const most = parameter.maxItems ?? MAX_VALUES;
      if (values.length > most)
        throw invalidSearch(`The search parameter "${parameter.name}" takes at most ${most} values`, parameter.name);
      for (const value of values) check(parameter, value, schemas, 'query');
      query.set(parameter.name, values);
    } else if (parameter.in === 'path') {
      const value = path[parameter.name];
      if (value === undefined) throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', `Missing path parameter "${parameter.name}"`);
      check(parameter, value, schemas, 'path');
    } else if (parameter.in === 'header') {
      const value = headers[parameter.name.toLowerCase()];
      const text = Array.isArray(value) ? value.join(', ') : value;
      if (text === undefined) {
        if (parameter.required) throw new FhirHttpError(400, 'required', 'INVALID_REQUEST', `The header ${parameter.name} is required`);
        continue;
      }
      check(parameter, text, schemas, 'header');
      readHeaders[parameter.name.toLowerCase()] = text;
    }
  }
  return { query, path, headers: readHeaders };
}

function check(parameter: ContractParameter, value: string, schemas: ContractSchemas, where: 'query' | 'path' | 'header'): void {
  const typed = parameter.isInteger && /^-?\d+$/.test(value) ? Number(value) : value;
  const result = schemas.checkPointer(parameter.valuePointer, typed);
  if (result.valid) return;
  const rule = result.errors[0]?.replace(/^\/\S*\s*/, '') ?? 'is not valid';
  if (where === 'query') throw invalidSearch(`The search parameter "${parameter.name}" ${rule}`, parameter.name);
  throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', `The ${where} parameter ${parameter.name} ${rule}`);
}
