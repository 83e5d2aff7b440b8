/**
 * Which organisation an item came from. The hub names the contributing system
 * in `meta.source` as `https://care-record.example/source/<ODS code>`.
 */
import { NOT_KNOWN } from '../format/placeholders.js';

export interface SourceLabel {
  /** ODS code; `resident` for items the resident entered, `hub` for the hub's own, `unknown` when unreadable. */
  odsCode: string;
  /** Organisation name for display; `Not known` when the organisation is not known. */
  name: string;
}

const SOURCE_PREFIX = 'https://care-record.example/source/';
const ODS_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';

/** The source of what residents entered themselves (home readings, over-the-counter medicines). */
export const RESIDENT_SOURCE: Readonly<SourceLabel> = Object.freeze({ odsCode: 'resident', name: 'Resident (self-reported)' });
const HUB_SOURCE: SourceLabel = { odsCode: 'hub', name: 'Care record hub' };
const UNKNOWN_SOURCE: SourceLabel = { odsCode: 'unknown', name: NOT_KNOWN };

/**
 * The source organisation of a resource, named from `organizations` (ODS code
 * to name). An ODS code missing from the map keeps its code and is named
 * `Not known`; a missing or foreign `meta.source` gives `{ odsCode: 'unknown' }`.
 */
export function sourceOf(
  resource: { meta?: { source?: string | undefined } | undefined } | undefined,
  organizations: ReadonlyMap<string, string>,
): SourceLabel {
  const source = resource?.meta?.source?.trim();
  if (!source?.startsWith(SOURCE_PREFIX)) return { ...UNKNOWN_SOURCE };
  const odsCode = source.slice(SOURCE_PREFIX.length).replace(/\/+$/, '');
  if (odsCode === 'resident') return { ...RESIDENT_SOURCE };
  if (odsCode === 'hub') return { ...HUB_SOURCE };
  if (!odsCode || odsCode.includes('/')) return { ...UNKNOWN_SOURCE };
  const name = (organizations.get(odsCode) ?? organizations.get(odsCode.toUpperCase()))?.trim();
  return { odsCode, name: name || NOT_KNOWN };
}

interface OrganizationLike {
  resourceType?: unknown;
  name?: unknown;
  identifier?: readonly { system?: unknown; value?: unknown }[] | undefined;
}

/**
 * The ODS code to name map `sourceOf` needs, from the Organization resources
 * among `resources` (others are ignored). The first name seen for a code wins.
 */
export function organizationNames(resources: Iterable<unknown>): Map<string, string> {
  const names = new Map<string, string>();
  for (const resource of resources) {
    if (typeof resource !== 'object' || resource === null) continue;
    const organization = resource as OrganizationLike;
    if (organization.resourceType !== 'Organization' || typeof organization.name !== 'string' || !organization.name.trim()) continue;
    for (const identifier of organization.identifier ?? []) {
      if (identifier.system !== ODS_SYSTEM || typeof identifier.value !== 'string' || !identifier.value.trim()) continue;
      if (!names.has(identifier.value.trim())) names.set(identifier.value.trim(), organization.name.trim());
    }
  }
  return names;
}
