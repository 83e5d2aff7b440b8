/** Handling caveats in `meta.security` that view models act on. */

interface Labelled {
  meta?: { security?: readonly { code?: string | undefined }[] | undefined } | undefined;
}

/** `NOPAT` (v3-ActCode): never shown to the resident, whatever else they may see. */
export function isHiddenFromResident(resource: Labelled): boolean {
  const security: unknown = resource.meta?.security;
  return Array.isArray(security) && security.some((label: unknown) => (label as { code?: unknown } | null)?.code === 'NOPAT');
}
