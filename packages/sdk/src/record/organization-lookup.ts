/**
 * Names for the organisations that results and appointments came from, read
 * in one batch for the ODS codes not already known. A name that cannot be read
 * is left out, so the view models show `Not known`, never another
 * organisation's name.
 */
import { batchRead } from '../client/batch.js';
import type { HubClient } from '../client/hub-client.js';
import type { CallOptions } from '../client/types.js';
import type { Bundle } from '../fhir.js';
import { organizationNames } from './source.js';

const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
const SOURCE_CODE = /\/source\/([A-Z0-9]+)$/;

/** The ODS code to name map for the sources of `resources` (and any Organizations among them). */
export async function lookUpSourceNames(hub: HubClient, resources: readonly unknown[], call: CallOptions): Promise<Map<string, string>> {
  const names = organizationNames(resources);
  const missing = new Set<string>();
  for (const resource of resources) {
    const source = (resource as { meta?: { source?: unknown } } | undefined)?.meta?.source;
    const code = typeof source === 'string' ? SOURCE_CODE.exec(source)?.[1] : undefined;
    if (code && !names.has(code)) missing.add(code);
  }
  if (missing.size === 0) return names;
  const results = await hub.batch(
    [...missing].map((code) => batchRead('/Organization', { query: { identifier: `${ODS_SYSTEM}|${code}` } })),
    call,
  );
  for (const result of results) {
    if (!result.ok) continue;
    const found = ((result.resource as Bundle).entry ?? []).map((entry) => entry.resource);
    for (const [code, name] of organizationNames(found)) if (!names.has(code)) names.set(code, name);
  }
  return names;
}

/** Call options from a loader's options: the signal and correlation id, when given. */
export function callOptions(options: { signal?: AbortSignal | undefined; correlationId?: string | undefined }): CallOptions {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
  };
}
