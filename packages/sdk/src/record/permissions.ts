/**
 * What the viewer may see, from everything that can say so: the SMART scopes
 * granted, a non-clinical role the host declared, and the server's own
 * `ROLE_RESTRICTED` notices. A type the viewer may not see is "not available
 * to your role", never "none".
 */
import { isNotPermitted, itemsLeftOut, type RecordNotices } from './notices.js';
import type { RecordAudience } from './allergies.js';

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

/**
 * Types the hub serves a non-clinical role (a receptionist) in a reduced view,
 * always tagged partly shown (policy R3): an Appointment without its reason,
 * comments or the notes behind it.
 */
const REDUCED_FOR_NON_CLINICAL: ReadonlySet<string> = new Set(['Appointment']);

/**
 * Whether the viewer is a professional in a non-clinical role: the host says
 * so (`nonClinicalRole`), or the server said the role may not see some types
 * (`ROLE_RESTRICTED`, not a narrow sign-in's `SCOPE_RESTRICTED`), which it
 * says only to such a role.
 */
export function isNonClinicalViewer(viewer: ViewerPermissions & { audience: RecordAudience }, notices: RecordNotices | undefined): boolean {
  // Types a narrow sign-in or a carer's proxy access left out say nothing of the role.
  const byAccess = notices?.accessLeftOutTypes ?? [];
  const byRole = (notices?.notPermittedTypes ?? []).filter((type) => !byAccess.includes(type));
  return viewer.audience === 'clinician' && (viewer.nonClinicalRole === true || byRole.length > 0);
}

/**
 * `notices` as this viewer's role should be told them. A receptionist's
 * appointments always come partly shown: that is their role's view, said once
 * in its words (`reducedForRole`, "Reasons and notes for appointments are not
 * shown to your role") — not "Some information is not shown" on every part of
 * the page. Anything else left out (whole items withheld, other items partly
 * shown) is still `withheld`. Any other viewer's notices are returned as they
 * are.
 */
export function roleViewNotices(notices: RecordNotices, viewer: ViewerPermissions & { audience: RecordAudience }): RecordNotices {
  if (!isNonClinicalViewer(viewer, notices)) return notices;
  const partly = notices.partlyShownTypes ?? [];
  const reduced = partly.filter((type) => REDUCED_FOR_NON_CLINICAL.has(type));
  if (reduced.length === 0) return notices;
  const rest = partly.filter((type) => !REDUCED_FOR_NON_CLINICAL.has(type));
  const leftOut = itemsLeftOut(notices);
  const { partlyShownTypes: _partly, itemsLeftOut: _leftOut, ...others } = notices;
  return {
    ...others,
    withheld: leftOut || rest.length > 0,
    ...(rest.length > 0 ? { partlyShownTypes: rest, itemsLeftOut: leftOut } : {}),
    reducedForRole: [...new Set([...(notices.reducedForRole ?? []), ...reduced])],
  };
}
