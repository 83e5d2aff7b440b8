/**
 * The operations of the contract, read from the bundled OpenAPI document:
 * their paths, parameters (with the JSON pointers of their schemas, for
 * validation), request body schema and required scopes. The hub registers
 * its routes from this list, so it serves exactly what the contract says.
 */
import type { OpenApiDocument } from '../contract/contract.js';

export interface ContractParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required: boolean;
  /** Comma-joined array (`explode: false`) rather than repeated. */
  commaJoined: boolean;
  isArray: boolean;
  /** JSON pointer of the schema of one value (the items schema for arrays). */
  valuePointer: string;
  isInteger: boolean;
  /** The most values an array parameter takes (`maxItems`). */
  maxItems?: number | undefined;
}

export interface ContractOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT';
  /** Template as the contract writes it, e.g. `/Patient/{id}/$summary`. */
  template: string;
  parameters: ContractParameter[];
  /** JSON pointer of the request body schema, when there is a body. */
  bodyPointer: string | undefined;
  /** Alternative scope sets, any one of which is enough; empty when the operation is public. */
  scopeAlternatives: string[][];
  isPublic: boolean;
}

interface RawParameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
  explode?: boolean;
  schema?: { type?: string; items?: unknown; maxItems?: number };
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

export function contractOperations(document: OpenApiDocument): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put'] as const) {
      const operation = methods[method] as
        { operationId: string; parameters?: RawParameter[]; requestBody?: unknown; security?: Record<string, string[]>[] } | undefined;
      if (!operation) continue;
      const base = `#/paths/${escape(template)}/${method}`;
      const parameters = (operation.parameters ?? []).map((raw, index): ContractParameter => {
        const pointer = raw.$ref ?? `${base}/parameters/${index}`;
        const parameter = raw.$ref ? (resolve(document, raw.$ref) as RawParameter) : raw;
        const isArray = parameter.schema?.type === 'array';
        const schemaPointer = `${pointer}/schema`;
        const items = parameter.schema?.items as { type?: string } | undefined;
        return {
          name: String(parameter.name),
          in: parameter.in as ContractParameter['in'],
          required: parameter.required === true,
          commaJoined: isArray && parameter.explode === false,
          isArray,
          valuePointer: isArray ? `${schemaPointer}/items` : schemaPointer,
          isInteger: (isArray ? items?.type : parameter.schema?.type) === 'integer',
          maxItems: parameter.schema?.maxItems,
        };
      });
      const security = operation.security ?? [];
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase() as ContractOperation['method'],
        template,
        parameters,
        bodyPointer: operation.requestBody ? `${base}/requestBody/content/application~1fhir+json/schema` : undefined,
        scopeAlternatives: security.map((requirement) => requirement['smart'] ?? []),
        isPublic: security.length === 0,
      });
    }
  }
  return operations;
}

function resolve(document: OpenApiDocument, pointer: string): unknown {
  let target: unknown = document;
  for (const segment of pointer.replace(/^#\//, '').split('/')) {
    target = (target as Record<string, unknown> | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return target;
}
