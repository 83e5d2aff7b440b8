/**
 * What the viewer may see, from everything that can say so: the SMART scopes
 * granted, a non-clinical role the host declared, and the server's own
 * `ROLE_RESTRICTED` notices. A type the viewer may not see is "not available
 * to your role", never "none".
 */
import { isNotPermitted, type RecordNotices } from './notices.js';

export interface ViewerPermissions {
  /** The SMART scopes granted (space-separated or a list). Omitted: scopes restrict nothing. */
  scopes?: string | readonly string[] | undefined;
  /** A non-clinical role (e.g. a receptionist): only contacts and appointments, as at the hub. */
  nonClinicalRole?: boolean | undefined;
}

/** What a non-clinical role may read, as at the hub. */
const NON_CLINICAL_TYPES: ReadonlySet<string> = new Set(['Patient', 'RelatedPerson', 'Appointment', 'Organization', 'Practitioner']);

/** SMART scopes (v2 `user/Flag.rs`, `patient/*.r`; v1 `user/Flag.read`) that let the viewer read a resource type. */
function scopeReads(scope: string, type: string): boolean {
  const match = /^(?:patient|user|system)\/([A-Za-z]+|\*)\.(read|\*|[cruds]+)$/.exec(scope);
  if (!match) return false;
  const [, scopeType, permissions = ''] = match;
  return (scopeType === '*' || scopeType === type) && (permissions === 'read' || permissions === '*' || permissions.includes('r'));
}

/**
 * Whether the viewer may see what is made from `types`: the role allows all of
 * them, some scope reads at least one of them, and the server restricted none.
 */
export function mayRead(viewer: ViewerPermissions, notices: RecordNotices | undefined, types: readonly string[]): boolean {
  if (isNotPermitted(notices, types)) return false;
  if (viewer.nonClinicalRole && !types.every((type) => NON_CLINICAL_TYPES.has(type))) return false;
  const scopes = typeof viewer.scopes === 'string' ? viewer.scopes.split(/\s+/).filter(Boolean) : viewer.scopes;
  return scopes === undefined || types.some((type) => scopes.some((scope) => scopeReads(scope, type)));
}
