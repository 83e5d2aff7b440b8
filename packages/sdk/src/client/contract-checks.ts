import { HubError } from './hub-error.js';

/**
 * The resource type the contract promises for a path: a read of `/X/{id}`
 * answers with an `X` whose id is the one asked for, a search with a Bundle,
 * `/metadata` with a CapabilityStatement. A response that breaks this is
 * refused: rendering the wrong record is the worst thing a viewer can do.
 */
export interface ContractRequest {
  template: string;
  method: 'GET' | 'POST' | 'PUT';
  path?: Record<string, unknown> | undefined;
}

export function checkResource(
  data: unknown,
  request: ContractRequest,
  failure: { operation: string; requestId: string; status: number },
): void {
  if (data === undefined) return;
  const expected = expectedResource(request.template, request.method);
  if (expected === undefined) return;
  const body = data as { resourceType?: unknown; id?: unknown; link?: unknown; entry?: unknown };
  const wrongShape = expected.type === 'Bundle' && !(isListOfObjects(body.link) && isListOfObjects(body.entry));
  if (body.resourceType !== expected.type || (expected.isRead && body.id !== request.path?.['id']) || wrongShape) {
    throw new HubError({ kind: 'invalid-response', ...failure });
  }
}

/** A Bundle's `link` and `entry` are lists of objects, or absent: what paging and matching read without a second look. */
const isListOfObjects = (value: unknown): boolean =>
  value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)));

function expectedResource(template: string, method: 'GET' | 'POST' | 'PUT'): { type: string; isRead?: boolean } | undefined {
  if (template === '/metadata') return { type: 'CapabilityStatement' };
  const [, type = '', id, operation] = template.split('/');
  if (!/^[A-Z]/.test(type)) return template === '/' ? { type: 'Bundle' } : undefined;
  if (id === undefined) return { type: method === 'GET' ? 'Bundle' : type };
  if (id !== '{id}') return undefined;
  if (operation === undefined) return { type, isRead: true };
  return operation === '$summary' ? { type: 'Bundle' } : undefined;
}
