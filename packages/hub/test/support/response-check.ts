/**
 * Checks a hub response against what the contract says that operation
 * answers with that status: the response's schema, resolved through the
 * contract's `$ref`s, validated by the same JSON Schema 2020-12 validators the
 * hub uses for requests.
 */
import type { ContractSchemas, OpenApiDocument } from '../../src/contract/contract.js';

function at(document: OpenApiDocument, pointer: string): unknown {
  let target: unknown = document;
  for (const segment of pointer.replace(/^#\//, '').split('/')) {
    target = (target as Record<string, unknown> | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return target;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The JSON pointer of the body schema for `status` of an operation, following response `$ref`s. */
export function responseSchemaPointer(document: OpenApiDocument, method: string, template: string, status: number): string | undefined {
  const responses = at(document, `#/paths/${escape(template)}/${method.toLowerCase()}/responses`) as Record<string, unknown> | undefined;
  if (!responses) return undefined;
  const key = String(status) in responses ? String(status) : `${String(status)[0]}XX` in responses ? `${String(status)[0]}XX` : undefined;
  if (!key) return undefined;
  let pointer = `#/paths/${escape(template)}/${method.toLowerCase()}/responses/${key}`;
  let response = responses[key] as { $ref?: string; content?: Record<string, unknown> };
  if (response.$ref) {
    pointer = response.$ref;
    response = at(document, pointer) as { content?: Record<string, unknown> };
  }
  const media = Object.keys(response.content ?? {})[0];
  return media ? `${pointer}/content/${escape(media)}/schema` : undefined;
}

export function checkResponse(
  schemas: ContractSchemas,
  method: string,
  template: string,
  status: number,
  body: unknown,
): { valid: boolean; errors: string[] } {
  const pointer = responseSchemaPointer(schemas.document, method, template, status);
  if (!pointer) return { valid: false, errors: [`the contract documents no ${status} for ${method} ${template}`] };
  return schemas.checkPointer(pointer, body);
}

/** The ids of what a searchset Bundle found (`search.mode: match`), not what it included or said. */
export const matchedIds = (bundle: Record<string, unknown>): string[] =>
  ((bundle['entry'] as { resource?: Record<string, unknown>; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource?.['id']));
