/**
 * Who may see what. Applied by the gate (`gate/gate.ts`) to every FHIR
 * request; the rules are written out in `docs/access-policy.md`:
 * - scopes: the token's SMART v2 scopes must allow the interaction;
 * - a resident sees only their own record, and never NOPAT items;
 * - a professional needs a legitimate relationship with the resident (their
 *   organisation is the registered practice, or had an encounter or episode
 *   with them) — or break-glass access with a stated reason, which the audit
 *   flags;
 * - sensitive items are withheld from shared views (shown only to the
 *   organisation that recorded them), and the answer says that items were
 *   withheld without saying what;
 * - non-clinical roles see no clinical resources;
 * - a carer sees a resident's record only through a proxy permission in force
 *   today, and only what it covers (see `proxy.ts`);
 * - the resident's sharing choice (see `sharing.ts`) can exclude an
 *   organisation (break-glass still works, audited) and keep categories with
 *   the organisation that recorded them (announced as withheld).
 */
import type { HubStore } from '../store/store.js';
import { compartmentsOf, type FhirJson } from '../store/search-parameters.js';
import { defaultVisibility, sourceOf, type Visibility } from './visibility.js';
import { nonClinicalResourceTypes } from '../auth/scopes.js';
import { forbidden, hubErrorSystem, type FhirHttpError, type HubErrorCode, type OperationOutcomeJson } from '../fhir/outcome.js';
import { checkProxyAccess, type ProxyAccess } from './proxy.js';
import {
  categoriesWithheldFrom,
  categoryItemLabel,
  declinesOrganization,
  sharingRules,
  socialCareSources,
  withLabelledSources,
  withText,
  type DeclinedToAll,
  type SharingCategory,
  type SharingRules,
} from './sharing.js';

export interface Viewer {
  kind: 'resident' | 'professional' | 'carer';
  /** `Practitioner/…`, `PractitionerRole/…`, `Patient/…` or (a carer) `RelatedPerson/…`. */
  fhirUser: string;
  /** A carer's account: the `carer-account` identifier on each of their RelatedPersons. */
  carerAccount?: string | undefined;
  role: string;
  clinical: boolean;
  scopes: string[];
  /** The resident's own record, or the patient in an EHR launch context. */
  patientId?: string | undefined;
  organizationId?: string | undefined;
  odsCode?: string | undefined;
  /** A stated reason for emergency access to a record without a relationship. */
  breakGlassReason?: string | undefined;
  /** For the audit, so a resident can read who looked. */
  name?: string | undefined;
  organizationName?: string | undefined;
}

/** Resources a non-clinical role (e.g. a receptionist) may see. */
export const nonClinicalTypes: ReadonlySet<string> = new Set(nonClinicalResourceTypes);
/** Directory resources: not about a resident. */
export const directoryTypes = new Set(['Organization', 'Practitioner', 'PractitionerRole']);
/**
 * Clinical resources about no resident (R5a): a medicine as a product, which prescriptions name by reference. Read
 * as the directory is — no record to open, nothing audited — but only by a role and scopes that may see clinical items.
 */
export const clinicalDefinitionTypes: ReadonlySet<string> = new Set(['Medication']);
/** Every type whose items are about no resident: in no patient compartment, never a look at anyone's record. */
export const aboutNoResidentTypes: ReadonlySet<string> = new Set([...directoryTypes, ...clinicalDefinitionTypes]);

/**
 * Where an item is read, by its type and whom it names — for a read of it by its id and for `_include` alike, so that
 * the two cannot disagree (R5, R13): `'directory'` for an item about no resident (the directory, a Medication); the
 * residents it names as `Patient/<id>` (`compartmentsOf`), under whose records it is read; or `'nobody'` for an item
 * of a record's type that names no resident (an Observation whose subject is a Group or a Location, or that has none):
 * no record holds it, so no reader is given it — `404` by its id, and never brought by `_include` (reviewer R15).
 */
export function placeOfItem(item: FhirJson): 'directory' | 'nobody' | readonly string[] {
  if (aboutNoResidentTypes.has(String(item['resourceType']))) return 'directory';
  const residents = compartmentsOf(item);
  return residents.length === 0 ? 'nobody' : residents;
}

export { sourceOf };

/** SMART v2: `patient/Observation.rs` grants read+search of Observations in patient context; `*` any type. */
export function scopeGrants(granted: string, required: string): boolean {
  const parse = (scope: string) => /^(patient|user|system)\/([A-Za-z*]+)\.([cruds]+)$/.exec(scope);
  const [, haveContext, haveType, havePermissions = ''] = parse(granted) ?? [];
  const [, needContext, needType, needPermissions = ''] = parse(required) ?? [];
  if (!haveContext || !needContext) return granted === required;
  return (
    haveContext === needContext &&
    (haveType === '*' || haveType === needType) &&
    [...needPermissions].every((permission) => havePermissions.includes(permission))
  );
}

/** What the policy decided about one viewer and one resident's record. */
export interface PatientAccess {
  /** Emergency access: audited with the reason and highlighted to the resident. */
  breakGlass: boolean;
  /** What the viewer may see of the record: the defaults plus the resident's sharing choice. */
  visibility: Visibility;
  /** For a carer: what their proxy permission allows. */
  proxy?: ProxyAccess | undefined;
}

/**
 * Emergency (break-glass) access is for those who give care: a clinical
 * professional. Nobody else — a receptionist, a resident, a carer — can open
 * a record they are refused by giving a reason, so nobody else is offered it.
 */
export const mayUseBreakGlass = (viewer: Viewer): boolean => viewer.kind === 'professional' && viewer.clinical;

/**
 * A non-clinical role (a receptionist) giving a reason is refused, never let
 * in, and never silently treated as if no reason were given.
 */
export function checkBreakGlassRole(viewer: Viewer): void {
  if (viewer.kind === 'professional' && viewer.breakGlassReason && !mayUseBreakGlass(viewer))
    throw forbidden('Emergency (break-glass) access is for clinical staff; your role cannot use it', 'ACCESS_DENIED');
}

/** The hub code of the issue that says a refusal can be overcome with emergency access. */
export const BREAK_GLASS_AVAILABLE: HubErrorCode = 'BREAK_GLASS_AVAILABLE';

/**
 * Tells the client, in an issue of its own (`informational`, hub code
 * `BREAK_GLASS_AVAILABLE`), that giving a reason (`X-Break-Glass-Reason`)
 * would open this record to this user. Only a refusal that a reason overcomes
 * carries it, and only for a user who may use it: a screen offers emergency
 * access when it is there, and never otherwise.
 */
export function offeringBreakGlass(error: FhirHttpError): FhirHttpError {
  error.outcome.issue.push({
    severity: 'information',
    code: 'informational',
    details: {
      coding: [{ system: hubErrorSystem, code: BREAK_GLASS_AVAILABLE }],
      text: 'In an emergency you can see this record by giving a reason. Your access and your reason are recorded, and the person can see them.',
    },
    diagnostics: 'Emergency (break-glass) access is open to this user: repeat the request with X-Break-Glass-Reason; it will be audited.',
  });
  return error;
}

/**
 * For a Patient search that found nobody this user may open: an OperationOutcome (for a `search.mode: outcome`
 * entry) saying that the same search with a reason (`X-Break-Glass-Reason`) is open to them. It says nothing of
 * whether anyone has that number — it is given whenever nobody is found — so "nobody found" is not "nobody there".
 */
export function breakGlassSearchOffer(): OperationOutcomeJson {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'information',
        code: 'informational',
        details: {
          coding: [{ system: hubErrorSystem, code: BREAK_GLASS_AVAILABLE }],
          text: 'No record you can see was found. There may still be one: in an emergency you can search again by giving a reason. Your access and your reason are recorded, and the person can see them.',
        },
        diagnostics:
          'No record this user may open was found, which does not mean there is none. Emergency (break-glass) access is open to this user: repeat the search with X-Break-Glass-Reason; it will be audited.',
      },
    ],
  };
}

/** A refusal that a break-glass reason would overcome: offered as such only to those who may use it. */
const overcomable = (viewer: Viewer, error: FhirHttpError): FhirHttpError => (mayUseBreakGlass(viewer) ? offeringBreakGlass(error) : error);

/**
 * May this viewer see this resident's record at all, and what of it? Throws
 * 403 when not: no care relationship (`NO_LEGITIMATE_RELATIONSHIP`), or the
 * resident has chosen not to share with the viewer's organisation
 * (`SHARING_DECLINED`) — either is overridden by break-glass access, and says
 * so (`BREAK_GLASS_AVAILABLE`) to a clinical professional.
 */
export async function checkPatientAccess(viewer: Viewer, patientId: string, store: HubStore, now: number): Promise<PatientAccess> {
  if (viewer.kind === 'resident') {
    if (viewer.patientId !== patientId) throw forbidden('A resident can see only their own record');
    // An item naming a Medication labelled NOPAT is kept from her as one with the medicine written in it.
    return { breakGlass: false, visibility: await withLabelledSources(visibilityFor(viewer), store) };
  }
  if (viewer.kind === 'carer') {
    // A carer has no break-glass: only a proxy permission in force today (docs/proxy-access.md).
    const proxy = await checkProxyAccess(store, viewer.carerAccount ?? '', patientId, now);
    return { breakGlass: false, visibility: proxy.visibility, proxy };
  }
  checkBreakGlassRole(viewer);
  const offered = mayUseBreakGlass(viewer);
  const rules = await sharingRules(store, patientId, now);
  const chosen = await withSharingChoice(visibilityFor(viewer), viewer, categoriesWithheldFrom(rules, viewer.organizationId), store);
  const visibility = await withLabelledSources(chosen, store);
  if (declinesOrganization(rules, viewer.organizationId)) {
    if (viewer.breakGlassReason) return { breakGlass: true, visibility };
    const why = declinedWords(rules.declinedToAll);
    throw overcomable(
      viewer,
      withText(
        forbidden(
          offered
            ? `${why.diagnostics} In an emergency, give a reason for break-glass access (X-Break-Glass-Reason); it will be audited and the resident will see it.`
            : why.diagnostics,
          'SHARING_DECLINED',
        ),
        offered ? `${why.text} In an emergency you can still see it by giving a reason; this is recorded and they will be told.` : why.text,
      ),
    );
  }
  if (viewer.organizationId && (await store.isRelated(patientId, viewer.organizationId))) return { breakGlass: false, visibility };
  if (viewer.breakGlassReason) return { breakGlass: true, visibility };
  throw overcomable(
    viewer,
    forbidden(
      offered
        ? 'There is no care relationship between your organisation and this resident. In an emergency, give a reason for break-glass access (X-Break-Glass-Reason); it will be audited.'
        : 'There is no care relationship between your organisation and this resident.',
      'NO_LEGITIMATE_RELATIONSHIP',
    ),
  );
}

/**
 * What a refusal under the resident's sharing choices says (`SHARING_DECLINED`): that she chose it — excluding this
 * organisation, or opting out — or that the choice recorded cannot be applied as it stands, or is not in force now,
 * so the record is withheld rather than shared.
 */
function declinedWords(toAll: DeclinedToAll | undefined): { diagnostics: string; text: string } {
  switch (toAll) {
    case 'opted-out':
      return {
        diagnostics: 'The resident has opted out of sharing their record.',
        text: 'This person has chosen not to share their care record.',
      };
    case 'not-applied':
      return {
        diagnostics:
          "The resident's sharing choice is recorded in a form this hub cannot apply, so the record is withheld rather than shared.",
        text: "This person's sharing choice is recorded in a way this service cannot apply, so their care record is not shared.",
      };
    case 'not-in-force':
      return {
        diagnostics: "The resident's agreement to share their record is not in force now (its period or date), so the record is withheld.",
        text: "This person's agreement to share their care record is not in force now, so it is not shared.",
      };
    default:
      return {
        diagnostics: 'The resident has chosen not to share their record with your organisation.',
        text: 'This person has chosen not to share their care record with your organisation.',
      };
  }
}

/** Whether the resident's sharing choices refuse their record to this organisation (`SharingRules`). */
export async function sharingDeclines(store: HubStore, patientId: string, organizationId: string, now: number): Promise<boolean> {
  const rules: SharingRules = await sharingRules(store, patientId, now);
  return declinesOrganization(rules, organizationId);
}

/** The default visibility for a viewer, before any resident's sharing choice. */
export function visibilityFor(viewer: Viewer): Visibility {
  return defaultVisibility(viewer);
}

/** Adds the categories the resident keeps from this viewer's organisation; its own records stay visible to it. */
async function withSharingChoice(
  visibility: Visibility,
  viewer: Viewer,
  withheld: Set<SharingCategory>,
  store: HubStore,
): Promise<Visibility> {
  if (withheld.size === 0) return visibility;
  const labels = new Set(visibility.hiddenLabels);
  for (const category of withheld) {
    const label = categoryItemLabel[category];
    if (label) labels.add(label);
  }
  const own = viewer.odsCode ? sourceOf(viewer.odsCode) : undefined;
  const hiddenSources = withheld.has('social-care') ? (await socialCareSources(store)).filter((source) => source !== own) : [];
  return { ...visibility, hiddenLabels: [...labels], ...(hiddenSources.length > 0 ? { hiddenSources } : {}) };
}
