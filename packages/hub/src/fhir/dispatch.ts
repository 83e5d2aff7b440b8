/**
 * What the hub's FHIR handlers share: the store, the contract, and the source
 * systems that are not answering; and the shape of their answers apart from HTTP.
 */
import type { ContractSchemas } from '../contract/contract.js';
import type { HubStore } from '../store/store.js';
import type { ContractOperation } from './contract-operations.js';
import type { SourceOutage } from './search.js';

export interface HubContext {
  store: HubStore;
  schemas: ContractSchemas;
  operations: ContractOperation[];
  /** Source systems that are not answering (fault injection). */
  outages: SourceOutage[];
  now(): number;
  /** The most items of one type a `$summary` reads (`SUMMARY_LIMIT` unless set, lower in tests). */
  summaryLimit?: number;
}

export interface FhirReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
