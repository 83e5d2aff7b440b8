/**
 * What a FHIR handler sees and returns, apart from HTTP: the same handlers
 * answer a request from the network and an entry of a batch.
 */
import type { ContractSchemas } from '../contract/contract.js';
import type { Viewer } from '../policy/access-policy.js';
import type { HubStore } from '../store/store.js';
import type { ContractOperation } from './contract-operations.js';
import type { RequestParameters } from './parameters.js';
import type { SourceOutage } from './search.js';

export interface HubContext {
  store: HubStore;
  schemas: ContractSchemas;
  operations: ContractOperation[];
  /** Source systems that are not answering (fault injection). */
  outages: SourceOutage[];
  now(): number;
}

export interface FhirRequest {
  operation: ContractOperation;
  parameters: RequestParameters;
  /** Undefined only for public operations. */
  viewer: Viewer | undefined;
  /** FHIR base URL for links and fullUrls, without a trailing slash. */
  baseUrl: string;
  requestId: string;
  body: unknown;
}

export interface FhirReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FhirHandler = (hub: HubContext, request: FhirRequest) => FhirReply | Promise<FhirReply>;

/** Finds the contract operation for a method and a path relative to the FHIR base, with its path parameters. */
export function matchOperation(
  operations: ContractOperation[],
  method: string,
  path: string,
): { operation: ContractOperation; path: Record<string, string> } | undefined {
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
        found[name] = decodeURIComponent(segment);
        return true;
      }
      return part === segment;
    });
    if (matches) return { operation, path: found };
  }
  return undefined;
}
