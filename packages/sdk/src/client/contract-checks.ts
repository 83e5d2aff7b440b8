import { HubError } from './hub-error.js';

/**
 * The resource type the contract promises for a path: a read of `/X/{id}`
 * answers with an `X` whose id is the one asked for, a search with a Bundle,
 * `/metadata` with a CapabilityStatement. A response that breaks this is
 * refused: rendering the wrong record is the worst thing a viewer can do.
 */
export interface ContractRequest {
  template: string;
  method: 'GET' | 'POST';
  path?: Record<string, unknown> | undefined;
}

export function checkResource(
  data: unknown,
  request: ContractRequest,
  failure: { operation: string; requestId: string; status: number },
): void {
  if (data === undefined) return;
  const expected = expectedResourceType(request.template, request.method);
  if (expected === undefined) return;
  const body = data as { resourceType?: unknown; id?: unknown };
  const wrongType = body.resourceType !== expected;
  const wrongId = /^\/[A-Za-z]+\/\{id\}$/.test(request.template) && body.id !== request.path?.['id'];
  if (wrongType || wrongId) {
    throw new HubError({ kind: 'invalid-response', ...failure });
  }
}

function expectedResourceType(template: string, method: 'GET' | 'POST'): string | undefined {
  if (template === '/metadata') return 'CapabilityStatement';
  if (template === '/') return 'Bundle';
  const segments = template.split('/').filter((segment) => segment !== '');
  const [type, second, third] = segments;
  if (type === undefined || !/^[A-Z][A-Za-z]+$/.test(type)) return undefined;
  if (segments.length === 1) return method === 'GET' ? 'Bundle' : type;
  if (segments.length === 2 && second === '{id}') return type;
  if (segments.length === 3 && third === '$summary') return 'Bundle';
  return undefined;
}
