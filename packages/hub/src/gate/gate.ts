/**
 * The one gate between routing and the handlers. Every FHIR operation —
 * a direct request or a batch entry — passes here, and only here is the
 * access policy applied and the audit written:
 *
 * 1. the body is readable (UTF-8 JSON, not too deep, no huge strings) and the
 *    parameters are the contract's;
 * 2. the token's scopes allow the operation; a token that holds only
 *    `patient/` scopes is confined to the patient it was launched for;
 * 3. a non-clinical role may not see clinical resource types;
 * 4. the resident the request is about is found (from the path, the
 *    `patient` parameter, the stored resource or the body), and the viewer
 *    may see that resident's record: their own (residents), or a care
 *    relationship not declined by the resident, or break-glass with a reason;
 * 5. writes are the resident's own, and carry no security labels (the hub
 *    sets those);
 * 6. what of the record the viewer may see (labels, sharing choices, sources
 *    not answering) is handed to the handler as a narrowed query;
 * 7. an AuditEvent is written for every request about a resident's record,
 *    allowed or refused, and for every refused request of any kind;
 * 8. no answer carries a carer's account to anyone but that carer.
 *
 * Handlers never call the policy: they receive a `Pass`. An operation whose
 * shape the gate does not know is refused, so a new contract path cannot
 * slip past it.
 */
import { writeAuditEvent, type AuditedInteraction } from '../policy/audit.js';
import {
  checkBreakGlassRole,
  checkPatientAccess,
  aboutNoResidentTypes,
  directoryTypes,
  mayUseBreakGlass,
  nonClinicalTypes,
  placeOfItem,
  scopeGrants,
  sharingDeclines,
  sourceOf,
  visibilityFor,
  type PatientAccess,
  type Viewer,
} from '../policy/access-policy.js';
import { isShownSearchValue, withoutCarerAccounts } from '../policy/carer-accounts.js';
import { carerAccountOf, carerEntries, carerOwnEntryVisibility, checkProxyAccess, proxyRestricted } from '../policy/proxy.js';
import { consentClaimAt, professionalClaimAt } from '../policy/resident-attribution.js';
import { isSharingChoice, withLabelledSources, withText } from '../policy/sharing.js';
import { CARER_ACCOUNT_SYSTEM, isProxyConsent, type Consent } from '@care-record/sdk';
import type { ContractOperation } from '../fhir/contract-operations.js';
import type { FhirReply, HubContext } from '../fhir/dispatch.js';
import { FhirHttpError, forbidden, notFound } from '../fhir/outcome.js';
import { readParameters, type RequestParameters } from '../fhir/parameters.js';
import { readsReducedView } from '../fhir/reduced-views.js';
import { holdsPartialView, targetOf, withheldTargets, withoutWithheldReferences } from '../fhir/withheld-references.js';
import { accessLogAsResidentReads } from '../fhir/access-log-views.js';
import { matchesShownReferences, matchesShownTokens, referenceValues } from '../fhir/search.js';
import { namedByNhsNumberAlone, nhsNumberNotPlacedForWriter, withVersionsDropped } from '../policy/resident-references.js';
import { compartmentOf, compartmentsOf, type FhirJson } from '../store/search-parameters.js';
import { isVisible, type Criterion, type StoredResource, type Visibility } from '../store/store.js';
import { isUnavailable, isWithheld } from '../policy/visibility.js';

export type OperationKind =
  | 'public'
  | 'batch'
  | 'read'
  | 'search'
  | 'patient-operation'
  | 'create'
  | 'update'
  /** `POST /{Type}/{id}/$op`: the resident acting on a resource of their own record (e.g. inviting a carer). */
  | 'instance-operation'
  /** `POST /$op`: about the signed-in account itself, not yet about a record (e.g. a carer accepting an invitation). */
  | 'account-operation';

/** The shape of a contract operation, from its method and path template; undefined when the gate does not know it. */
export function operationKind(operation: ContractOperation): OperationKind | undefined {
  const { method, template } = operation;
  if (operation.isPublic) return 'public';
  if (method === 'POST' && template === '/') return 'batch';
  if (/^\/[A-Z][A-Za-z]+$/.test(template)) return method === 'GET' ? 'search' : method === 'POST' ? 'create' : undefined;
  if (/^\/[A-Z][A-Za-z]+\/\{id\}$/.test(template)) return method === 'GET' ? 'read' : method === 'PUT' ? 'update' : undefined;
  if (method === 'GET' && /^\/Patient\/\{id\}\/\$[a-z-]+$/.test(template)) return 'patient-operation';
  if (method === 'POST' && /^\/[A-Z][A-Za-z]+\/\{id\}\/\$[a-z-]+$/.test(template)) return 'instance-operation';
  if (method === 'POST' && /^\/\$[a-z-]+$/.test(template)) return 'account-operation';
  return undefined;
}

export const resourceTypeOf = (operation: ContractOperation) => operation.template.split('/')[1] ?? '';

/** What the gate decided, handed to the handler. */
export interface Pass {
  /** Undefined only for public operations. */
  viewer: Viewer | undefined;
  /** The resident the request is about, when it is about one resident's record. */
  patientId: string | undefined;
  /** What of that record the viewer may see, with sources that are not answering left out. */
  visibility: Visibility;
  /** Emergency access: audited with its reason. */
  breakGlass: boolean;
  /** Criteria the policy adds to a search (e.g. a resident finds only themself). */
  criteria: Criterion[];
  /** For a Patient search: whether a found patient may be shown to this viewer. */
  admitsPatient: (patientId: string) => Promise<boolean>;
  /**
   * For a Patient search that finds nobody this viewer may open: whether the same search with a break-glass reason is
   * open to them (a clinical professional, a search that names one person). Said whoever exists, so it tells nothing.
   */
  offersBreakGlass?: boolean | undefined;
  /** For a search the policy filters item by item (a carer's own RelatedPersons): whether an item may be shown. */
  admits?: ((resource: FhirJson) => Promise<boolean>) | undefined;
  /** For a carer: the RelatedPerson they act as on this resident's record (the author of what they add). */
  actingAs?: { id: string; name: string | undefined } | undefined;
  /** For a carer's Patient search: the RelatedPerson they act as on each record it found (each audited under it). */
  actingAsOn?: ((patientId: string) => { id: string; name: string | undefined } | undefined) | undefined;
  /** Whether the viewer's role and scopes let them see this resource type (for `_include` and `$summary`). */
  mayRead: (type: string) => boolean;
  /** Whether the viewer may be shown the other record a resident's Patient links to (`opensLinkedRecord`). */
  opensLinked?: ((from: string, to: string, type: string) => Promise<boolean>) | undefined;
  /** Whether the viewer's role (rather than their token) keeps this resource type from them. */
  roleRestricts: (type: string) => boolean;
  /** A read's or update's stored resource, already checked. */
  stored: StoredResource | undefined;
}

/** A request as it reaches the gate. */
export interface GateRequest {
  operation: ContractOperation;
  url: URL;
  path: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  viewer: Viewer | undefined;
  baseUrl: string;
  requestId: string;
  body: unknown;
  /** For an entry of a batch: what the batch's entries so far have opened. */
  batch?: BatchState | undefined;
}

/** What one batch has opened so far, shared by its entries. */
export interface BatchState {
  /** The one resident whose record the batch opened with break-glass. */
  breakGlassResident?: string | undefined;
}

/**
 * Break-glass opens one person's record a request: a batch that asked for a second under the same reason would
 * open twenty records at once. The first resident a batch opens with break-glass is its one; another is `400`.
 */
function claimBreakGlass(batch: BatchState | undefined, patientId: string): boolean {
  if (batch === undefined) return true;
  batch.breakGlassResident ??= patientId;
  return batch.breakGlassResident === patientId;
}

const oneByBreakGlass = () =>
  new FhirHttpError(
    400,
    'invalid',
    'INVALID_REQUEST',
    'With break-glass, a batch is about one person: ask for another person’s record in a request of its own',
  );

/** What a handler receives: the request, its checked parameters, and the gate's decision. */
export interface FhirRequest extends GateRequest {
  parameters: RequestParameters;
  pass: Pass;
}

/** A handler's answer, plus the residents a search found (for the audit). */
export interface GatedReply extends FhirReply {
  patientsFound?: string[];
  /** The carer as the resident's record names them, when the handler found it (an accepted invitation). */
  actingAs?: { id: string; name: string | undefined };
  /** A create answered with an entry already stored (a repeat, or an `If-None-Exist` match): it added nothing. */
  repeated?: true;
}

export type Handler = (hub: HubContext, request: FhirRequest) => GatedReply | Promise<GatedReply>;

/** A body the content parser could not read: refused once the caller is known. */
export class UnreadableBody {
  constructor(readonly error: FhirHttpError) {}
}

/** Limits for any request body (the contract states them too). */
export const BODY_LIMITS = { maxDepth: 32, maxStringLength: 10_000 } as const;

const roleRestricted = () =>
  new FhirHttpError(
    403,
    'forbidden',
    'ROLE_RESTRICTED',
    'This role does not give access to clinical records',
    {},
    undefined,
    'Clinical information is not available to your role',
  );

const open: Pass = {
  viewer: undefined,
  patientId: undefined,
  visibility: { hiddenLabels: [] },
  breakGlass: false,
  criteria: [],
  admitsPatient: async () => false,
  mayRead: () => false,
  roleRestricts: () => false,
  stored: undefined,
};

/** Passes a request through the gate to its handler, and audits it. */
export async function passGate(hub: HubContext, request: GateRequest, handle: Handler): Promise<GatedReply> {
  const kind = operationKind(request.operation);
  if (kind === undefined)
    throw new FhirHttpError(501, 'not-supported', 'SERVER_ERROR', 'This operation is not handled by the hub’s access gate');
  if (kind === 'public') {
    const parameters = readParameters(request.operation, generalParameters(request), request.path, request.headers, hub.schemas);
    return handle(hub, { ...request, parameters, pass: open });
  }
  const viewer = request.viewer;
  if (!viewer) throw new FhirHttpError(401, 'login', 'ACCESS_DENIED', 'An access token is required');
  const type = resourceTypeOf(request.operation);
  const attempt: Attempt = {
    interaction: interactionOf(kind),
    description: descriptionOf(kind, request.operation, request.body),
    patientId: undefined,
    breakGlass: false,
    audited: true,
  };
  try {
    checkBody(request.body);
    const parameters = readParameters(request.operation, generalParameters(request), request.path, request.headers, hub.schemas, {
      lenient: /\bhandling=lenient\b/.test(String(request.headers['prefer'] ?? '')),
    });
    if (request.operation.bodyPointer) {
      const check = hub.schemas.checkPointer(request.operation.bodyPointer, request.body);
      if (!check.valid)
        throw new FhirHttpError(
          400,
          'structure',
          'INVALID_REQUEST',
          `The resource does not match the contract: ${check.errors.slice(0, 3).join('; ')}`,
        );
    }
    const pass = await decide(hub, kind, type, request, parameters, viewer, attempt);
    // A change whose body is not a Consent of a kind is said as what the stored one is (read once it may be).
    if (type === 'Consent' && kind === 'update' && consentKindOf(request.body) === undefined && pass.stored)
      attempt.description = consentDescription(kind, { ...pass.stored.resource, status: undefined });
    const handled = await handle(hub, { ...request, parameters, pass });
    // Her access log says what the request did: a create that found what was already there added nothing.
    if (handled.repeated) attempt.description = alreadyAdded(attempt.description);
    // Whatever way a carer's contact entry reached the answer, their account goes only to them (a batch's entries
    // passed here each on their own).
    const reply =
      handled.body === undefined || kind === 'batch'
        ? handled
        : { ...handled, body: withoutCarerAccounts(handled.body, viewer.kind === 'carer' ? viewer.carerAccount : undefined) };
    if (attempt.audited && kind !== 'batch') {
      const patients = reply.patientsFound ?? (attempt.patientId === undefined ? [] : [attempt.patientId]);
      const actingAsOn = pass.actingAsOn;
      // A carer's search is audited on each record it found, naming them as that record does (never by their entry
      // on someone else's record).
      if (actingAsOn && patients.length > 0)
        for (const patient of new Set(patients)) await audit(hub, viewer, { ...attempt, actingAs: actingAsOn(patient) }, [patient]);
      else await audit(hub, viewer, reply.actingAs ? { ...attempt, actingAs: reply.actingAs } : attempt, patients);
    }
    return reply;
  } catch (error) {
    if (error instanceof FhirHttpError && error.status >= 400 && error.status < 500)
      await audit(hub, viewer, attempt, attempt.patientId === undefined ? [] : [attempt.patientId], error);
    throw error;
  }
}

interface Attempt {
  interaction: AuditedInteraction;
  description: string;
  patientId: string | undefined;
  breakGlass: boolean;
  /** Directory reads are not about anyone's record, and are not audited unless refused. */
  audited: boolean;
  /** A carer's RelatedPerson on the resident's record, once the policy found it. */
  actingAs?: { id: string; name: string | undefined } | undefined;
}

async function audit(hub: HubContext, viewer: Viewer, attempt: Attempt, patients: string[], refused?: FhirHttpError): Promise<void> {
  await writeAuditEvent(hub.store, {
    viewer,
    patients,
    interaction: attempt.interaction,
    description: attempt.description,
    breakGlass: attempt.breakGlass,
    actingAs: attempt.actingAs,
    at: hub.now(),
    ...(refused ? { refused: { status: refused.status, code: refused.detail } } : {}),
  });
}

const interactions: Record<Exclude<OperationKind, 'public'>, AuditedInteraction> = {
  read: 'read',
  search: 'search-type',
  'patient-operation': 'operation',
  create: 'create',
  update: 'update',
  batch: 'batch',
  'instance-operation': 'operation',
  'account-operation': 'operation',
};
const interactionOf = (kind: Exclude<OperationKind, 'public'>): AuditedInteraction => interactions[kind];

/** What a Consent is, by its scope and category: a carer's permission, a sharing choice, or neither. */
function consentKindOf(consent: unknown): 'proxy' | 'sharing' | undefined {
  if (consent === null || typeof consent !== 'object' || Array.isArray(consent)) return undefined;
  // Told before the body is checked: a malformed one is neither, never an error here.
  try {
    if (isProxyConsent(consent as unknown as Consent)) return 'proxy';
    return isSharingChoice(consent as FhirJson) ? 'sharing' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Consent saved or changed, said as what it is (from the body sent): a permission for someone to act for the
 * resident (stopped, when it is), or a sharing choice; one that is neither is said as a Consent.
 */
function consentDescription(kind: 'create' | 'update', consent: unknown): string {
  switch (consentKindOf(consent)) {
    case 'proxy':
      if (kind === 'update' && (consent as FhirJson)['status'] === 'inactive') return 'Permission to act for you stopped';
      return kind === 'create' ? 'Permission to act for you saved' : 'Permission to act for you changed';
    case 'sharing':
      return kind === 'create' ? 'Sharing choice saved' : 'Sharing choice changed';
    default:
      return kind === 'create' ? 'Consent added' : 'Consent changed';
  }
}

/** A create's description ("Observation added", "Sharing choice saved") for one that found the entry already there. */
const alreadyAdded = (description: string): string => description.replace(/ (added|saved)$/, ' already $1 (sent again)');

function descriptionOf(kind: OperationKind, operation: ContractOperation, body?: unknown): string {
  const type = resourceTypeOf(operation);
  switch (kind) {
    case 'read':
      return `${type} read`;
    case 'search':
      return `${type} search`;
    case 'patient-operation':
      return operation.template.endsWith('$summary') ? 'Record summary' : `Patient ${operation.template.split('/').at(-1) ?? ''}`;
    case 'create':
    case 'update':
      return type === 'Consent' ? consentDescription(kind, body) : `${type} ${kind === 'create' ? 'added' : 'changed'}`;
    case 'instance-operation':
      return operation.template.endsWith('$invite')
        ? 'Invitation to act for you made'
        : `${type} ${operation.template.split('/').at(-1) ?? ''}`;
    case 'account-operation':
      return operation.template.endsWith('$accept-invitation') ? 'Invitation to act for them accepted' : operation.template.slice(1);
    default:
      return 'Batch';
  }
}

const jsonFormats = new Set(['json', 'application/json', 'application/fhir+json']);

/**
 * FHIR's general parameters, which any client may send to any operation:
 * `_format` (JSON only: XML is 406), `_pretty` and `_total` (the hub always
 * counts exactly) are read and set aside; `subject=Patient/…` on a search of a
 * resident's record is `patient`. What is left is checked against the contract.
 */
function generalParameters(request: GateRequest): URL {
  const url = new URL(request.url);
  for (const format of url.searchParams.getAll('_format')) {
    if (!jsonFormats.has(format.split(';')[0]?.trim().toLowerCase() ?? ''))
      throw new FhirHttpError(406, 'not-supported', 'INVALID_REQUEST', 'This hub answers in FHIR JSON only (_format=json)');
  }
  for (const total of url.searchParams.getAll('_total'))
    if (!['none', 'estimate', 'accurate'].includes(total))
      throw new FhirHttpError(400, 'invalid', 'INVALID_SEARCH_PARAMETER', '_total is none, estimate or accurate', {}, ['_total']);
  for (const name of ['_format', '_pretty', '_total']) url.searchParams.delete(name);
  const takesPatient = request.operation.parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'patient');
  const subjects = url.searchParams.getAll('subject');
  if (takesPatient && subjects.length > 0 && !url.searchParams.has('patient')) {
    const ids = subjects.map((subject) => /^(?:Patient\/)?([A-Za-z0-9\-.]{1,64})$/.exec(subject)?.[1]);
    if (ids.length !== 1 || ids[0] === undefined)
      throw new FhirHttpError(400, 'invalid', 'INVALID_SEARCH_PARAMETER', 'subject must name one Patient (subject=Patient/{id})', {}, [
        'subject',
      ]);
    url.searchParams.delete('subject');
    url.searchParams.set('patient', ids[0]);
  }
  return url;
}

/** Refuses a body the hub cannot safely read: unreadable, nested too deeply, or holding a huge string. */
function checkBody(body: unknown): void {
  if (body instanceof UnreadableBody) throw body.error;
  if (body === undefined || body === null) return;
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, depth } = next;
    if (typeof value === 'string') {
      if (value.length > BODY_LIMITS.maxStringLength)
        throw new FhirHttpError(
          422,
          'too-long',
          'INVALID_RESOURCE',
          `A text in the request is longer than ${BODY_LIMITS.maxStringLength} characters`,
        );
    } else if (value !== null && typeof value === 'object') {
      if (depth >= BODY_LIMITS.maxDepth)
        throw new FhirHttpError(
          422,
          'structure',
          'INVALID_RESOURCE',
          `The request is nested more than ${BODY_LIMITS.maxDepth} levels deep`,
        );
      for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
    }
  }
}

/** Whether a search asks by when its items last changed: a `_lastUpdated` criterion, or sorted by it. */
export function asksByLastChange(query: Map<string, string[]>): boolean {
  return (
    query.has('_lastUpdated') ||
    (query.get('_sort') ?? []).some((sort) => sort.split(',').some((name) => name.replace(/^-/, '') === '_lastUpdated'))
  );
}

/**
 * A reader who sees part of an item — a reduced view of its type (`reduced-views.ts`), or an item without its
 * references to what is withheld from them (`withheld-references.ts`) — may not search its type by when an item last
 * changed, nor sort by it: the store knows only when the whole item did, so such a search would tell them when what
 * they cannot see changed. Refused with a reason, never answered by the hidden change.
 */
export function refuseByLastChange(query: Map<string, string[]>, diagnostics: string): FhirHttpError {
  return new FhirHttpError(400, 'invalid', 'INVALID_SEARCH_PARAMETER', diagnostics, {}, [
    query.has('_lastUpdated') ? '_lastUpdated' : '_sort',
  ]);
}

/** Which kind of scope lets the viewer do this: `user` (any resident the policy allows) or only `patient` (the launch patient). */
function scopeReach(viewer: Viewer, alternatives: string[][]): 'user' | 'patient' {
  const satisfied = (context: 'user' | 'patient') =>
    alternatives.some((needed) =>
      needed.every((scope) => {
        const wanted = scope.replace(/^(patient|user|system)\//, `${context}/`);
        return viewer.scopes.some((granted) => scopeGrants(granted, wanted));
      }),
    );
  if ((viewer.kind === 'professional' || viewer.kind === 'carer') && satisfied('user')) return 'user';
  if (satisfied('patient')) return 'patient';
  // RFC 6750 §3.1: the challenge says the token lacks a scope, so a client can tell signing in again (and allowing
  // it) from a refusal that no sign-in would change.
  throw new FhirHttpError(403, 'forbidden', 'ACCESS_DENIED', 'The access token’s scopes do not allow this request', {
    'www-authenticate': 'Bearer realm="care-record hub", error="insufficient_scope"',
  });
}

/** A non-clinical role (a receptionist) sees demographics, appointments and contacts, never clinical items. */
const roleRestricts = (viewer: Viewer, type: string) => viewer.kind === 'professional' && !viewer.clinical && !nonClinicalTypes.has(type);

function readable(viewer: Viewer, reach: 'user' | 'patient'): (type: string) => boolean {
  return (type) =>
    !roleRestricts(viewer, type) &&
    viewer.scopes.some((granted) => scopeGrants(granted, `${reach}/${type}.rs`) || scopeGrants(granted, `user/${type}.rs`));
}

function withOutages(hub: HubContext, visibility: Visibility): Visibility {
  return { ...visibility, unavailableSources: hub.outages.map((outage) => outage.source) };
}

/** The purpose codes an event shows (v3-ActReason). */
function shownPurposes(event: FhirJson): string[] {
  const purposes = Array.isArray(event['purposeOfEvent']) ? (event['purposeOfEvent'] as { coding?: unknown }[]) : [];
  return purposes.flatMap((purpose) =>
    Array.isArray(purpose?.coding)
      ? (purpose.coding as { code?: unknown }[]).flatMap((coding) => (typeof coding?.code === 'string' ? [coding.code] : []))
      : [],
  );
}

/**
 * What the viewer may see of this resident's record, or undefined when refused (`403`); any other failure (a store
 * that failed) is an error, never an empty answer or "not shown".
 */
async function accessUnlessRefused(hub: HubContext, viewer: Viewer, patientId: string): Promise<PatientAccess | undefined> {
  return checkPatientAccess(viewer, patientId, hub.store, hub.now()).catch((error: unknown) => {
    if (error instanceof FhirHttpError && error.status === 403) return undefined;
    throw error;
  });
}

/** Links by which a resident's records are one person's: one merged into the other (`Patient.link.type`). */
const MERGED: ReadonlySet<string> = new Set(['replaced-by', 'replaces']);

/**
 * Whether the viewer may be shown the other record (`to`) a resident's Patient (`from`) links to (R13): a resident,
 * her own record merged with hers (`replaced-by`, `replaces`: both are hers); anyone else, a record they may open
 * themself, as a read of it would, with no reason (break-glass opens one record, never the records it links to) and
 * with its own entry not withheld from them. A refusal is `false`; any other failure is an error, never "not shown".
 */
async function opensLinkedRecord(
  hub: HubContext,
  viewer: Viewer,
  reach: 'user' | 'patient',
  from: string,
  to: string,
  linkType: string,
): Promise<boolean> {
  if (viewer.kind === 'resident') return from === viewer.patientId && MERGED.has(linkType);
  if (reach === 'patient' && to !== viewer.patientId) return false;
  const access = await accessUnlessRefused(hub, viewer, to);
  if (access === undefined || access.breakGlass) return false;
  const entry = await hub.store.read('Patient', to);
  return entry !== undefined && !isWithheld(entry.resource, access.visibility);
}

async function decide(
  hub: HubContext,
  kind: Exclude<OperationKind, 'public'>,
  type: string,
  request: GateRequest,
  parameters: RequestParameters,
  viewer: Viewer,
  attempt: Attempt,
): Promise<Pass> {
  if (kind === 'account-operation') {
    if (viewer.kind !== 'carer' || !viewer.carerAccount)
      throw forbidden('Only a carer, signed in with their own account, accepts an invitation');
    scopeReach(viewer, request.operation.scopeAlternatives);
    // Audited by what the handler finds: the resident whose invitation it was, naming the carer as their record does.
    return { ...open, viewer };
  }
  // The role first: a receptionist is told that clinical records are not for their role, whatever their token holds.
  if (kind !== 'batch' && kind !== 'patient-operation' && roleRestricts(viewer, type)) throw roleRestricted();
  if (kind === 'search' && readsReducedView(viewer, type) && asksByLastChange(parameters.query))
    throw refuseByLastChange(
      parameters.query,
      `Your role sees part of each ${type}, so it cannot search or sort them by when they last changed (_lastUpdated)`,
    );
  const reach = scopeReach(viewer, request.operation.scopeAlternatives);
  const base: Pass = {
    viewer,
    patientId: undefined,
    visibility: withOutages(hub, await withLabelledSources(visibilityFor(viewer), hub.store)),
    breakGlass: false,
    criteria: [],
    admitsPatient: async () => false,
    mayRead: readable(viewer, reach),
    opensLinked: (from, to, linkType) => opensLinkedRecord(hub, viewer, reach, from, to, linkType),
    roleRestricts: (candidate) => roleRestricts(viewer, candidate),
    stored: undefined,
  };
  if (kind === 'batch') {
    // Each entry passes the gate on its own and is audited on its own.
    attempt.audited = false;
    return base;
  }
  // About no resident (R5, R5a): no record to open and no look at one to audit. A clinical one (a Medication) was
  // refused above to a role that may not see clinical items, and is granted by its own scopes like any other type.
  if (aboutNoResidentTypes.has(type)) {
    attempt.audited = false;
    if (kind !== 'read') return base;
    const stored = await hub.store.read(type, parameters.path['id'] ?? '');
    // Withheld by its id as a search withholds it (R11): a read answers exactly what a search by `_id` answers.
    if (!stored || !isVisible(stored.resource, base.visibility)) throw notFound(type);
    return { ...base, stored };
  }
  if ((kind === 'update' || kind === 'instance-operation') && viewer.kind !== 'resident')
    throw forbidden('Only residents change their own record here');
  if (kind === 'create' && viewer.kind === 'professional') throw forbidden('Only residents and their carers add to a record here');
  if (type === 'Consent' && viewer.kind === 'carer')
    throw withText(
      forbidden('Only the resident sees and changes who may see their record'),
      'Only the person themself can see or change who may see their record.',
    );
  const labelled = kind === 'create' || kind === 'update' ? securityLabelsAt(request.body, type) : undefined;
  // A Consent's change may send back the labels it was read with (a client returns what it read): its handler compares
  // them with the stored version's once the change has passed the gate (`sentLabelsAsStored`); labels anywhere else are
  // refused here.
  const labelsReadBack =
    kind === 'update' && type === 'Consent' && labelled === 'Consent.meta.security' && !containedLabels(request.body, type);
  if (labelled !== undefined && !labelsReadBack)
    throw new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', 'meta.security is set by the hub, not by the client', {}, [labelled]);
  if (kind === 'create') checkResidentAssertions(type, request.body);
  if (type === 'AuditEvent' && viewer.kind !== 'resident') throw forbidden('Access logs are for the resident they are about');

  if (type === 'Patient' && kind === 'search') return await patientSearch(hub, reach, parameters, viewer, base, attempt, request.batch);
  if (type === 'RelatedPerson' && kind === 'search' && !parameters.query.has('patient'))
    return carerPeopleSearch(hub, parameters, viewer, base, attempt);

  let stored: StoredResource | undefined;
  let patientId: string | undefined;
  // A resident who does not exist is refused as one the caller may not see is, and only then not found (R13).
  let noSuchResident = false;
  // An operation on a resident's record (`$summary`): their own entry, which the answer is about.
  let subject: StoredResource | undefined;
  switch (kind) {
    case 'read':
    case 'update':
    case 'instance-operation': {
      const id = parameters.path['id'] ?? '';
      stored = await hub.store.read(type, id);
      if (!stored && type === 'Patient') {
        patientId = id;
        noSuchResident = true;
        break;
      }
      if (!stored) throw notFound(type);
      patientId =
        type === 'AuditEvent' ? auditedPatient(stored.resource, viewer) : await recordReadUnder(hub, viewer, reach, stored.resource);
      if (patientId === undefined) throw notFound(type);
      // A carer may always read their own entry (their name for the header), even where their access has ended — as far
      // as they may read any item of that record (R17): one the practice keeps from carers (SDV, NOPAT, R…, or words that
      // give one: "an alleged perpetrator of domestic abuse"), or of a category their permission keeps from them (social
      // care, PSY…), is not found, like any withheld item, else it would go to that contact.
      if (kind === 'read' && viewer.kind === 'carer' && viewer.carerAccount && carerAccountOf(stored.resource) === viewer.carerAccount) {
        attempt.audited = false;
        const own = withOutages(hub, await carerOwnEntryVisibility(hub.store, viewer.carerAccount, patientId, hub.now()));
        if (!isVisible(stored.resource, base.visibility) || !isVisible(stored.resource, own)) throw notFound(type);
        return { ...base, stored };
      }
      break;
    }
    case 'search':
      patientId = (parameters.query.get('patient')?.[0] ?? '').replace(/^Patient\//, '');
      break;
    case 'patient-operation':
      patientId = parameters.path['id'] ?? '';
      subject = await hub.store.read('Patient', patientId);
      noSuchResident = subject === undefined;
      break;
    case 'create':
      // Her own reference's version is hers (kept as `Patient/<id>`); by NHS number, she is asked for her reference.
      patientId = compartmentOf(withVersionsDropped(request.body as FhirJson));
      if (patientId === undefined && namedByNhsNumberAlone(request.body as FhirJson))
        throw nhsNumberNotPlacedForWriter(request.body as FhirJson);
      if (patientId === undefined)
        throw forbidden(
          viewer.kind === 'carer'
            ? 'A carer can add only to the record of someone they act for'
            : 'A resident can add only to their own record',
        );
      break;
  }
  attempt.patientId = patientId;
  const access = await openRecord(hub, kind, type, viewer, reach, patientId, stored !== undefined, attempt);
  if (access.breakGlass && !claimBreakGlass(request.batch, patientId)) throw oneByBreakGlass();
  if (noSuchResident) throw notFound('Patient');
  const proxy = access.proxy;
  const visibility = withOutages(hub, access.visibility);
  // A clinician who gives a reason opens the person's own entry whatever its labels (R8): else a labelled resident
  // could be found by nobody, not even in an emergency, and registered again as someone new. Audited as break-glass.
  const entry = kind === 'read' && type === 'Patient' ? stored : kind === 'patient-operation' ? subject : undefined;
  if (entry && opensEntryByReason(viewer, entry.resource, visibility)) {
    if (!claimBreakGlass(request.batch, patientId)) throw oneByBreakGlass();
    attempt.breakGlass = true;
    return {
      ...base,
      patientId,
      visibility: kind === 'read' ? withEntryOpened(visibility) : visibility,
      breakGlass: true,
      criteria: [],
      stored,
    };
  }
  if (stored) {
    // A withheld item is not found — to read, to change or to act on — so that its existence is not given away.
    if (!isVisible(stored.resource, visibility)) throw notFound(type);
    if (type === 'AuditEvent' && stored.resource['outcome'] !== '0') throw notFound(type);
  }
  // An operation about a resident whose own entry is withheld answers as a read of it does: it would send that entry.
  // Not when it is only unavailable (its source not answering): the summary then says so, and names the source.
  if (subject && isWithheld(subject.resource, visibility)) throw notFound('Patient');
  // Their own record's item, not moved into another's.
  if (kind === 'update' && compartmentOf(withVersionsDropped(request.body as FhirJson)) !== patientId)
    throw forbidden('A resident can change only their own record');
  // Nor one on another's record as well: an item on several residents' records is written only by someone who may write
  // to each, and a writer here (a resident, or a carer acting for one) writes for one resident a request.
  if (
    (kind === 'create' || kind === 'update') &&
    [...compartmentsOf(withVersionsDropped(request.body as FhirJson)), ...(stored ? compartmentsOf(stored.resource) : [])].some(
      (named) => named !== patientId,
    )
  )
    throw forbidden('An item on several residents’ records is changed only by someone who may change each of them');
  // And their own entry: what they say about their record, never an organisation's entry on it (R9).
  if (kind === 'update' && stored && !residentsOwn(stored.resource))
    throw withText(
      forbidden('A resident changes their sharing choices and who may act for them, not an organisation’s entry on their record'),
      'This was recorded by a health or care service. Ask them if it needs to change.',
    );
  // What a resident or carer sends speaks only for them: never as a professional or organisation (R9). Someone on
  // their record they may not see is, to them, not there: naming them is answered as naming nobody (R13).
  const visibleOr = (found: StoredResource | undefined) => (found && isVisible(found.resource, visibility) ? found.resource : undefined);
  if (kind === 'create' || kind === 'update') {
    const own = new Set([`Patient/${patientId}`, ...(proxy ? [`RelatedPerson/${proxy.relatedPerson.id}`] : [])]);
    // A change is compared with the Consent as she reads it: without what is withheld from her (a form kept from her),
    // which she could not send back; the handler keeps that as it was.
    const seen =
      type === 'Consent' && stored
        ? ((await withoutWithheldReferences([stored.resource], { patientId, visibility, mayRead: base.mayRead }, hub.store))
            .items[0] as FhirJson)
        : undefined;
    const claim =
      type === 'Consent'
        ? await consentClaimAt(request.body, seen, patientId, async (named, id) =>
            // A contact the token may not read is, to it, not there: else naming one would tell that it is (R13).
            named === 'RelatedPerson' && !base.mayRead(named) ? undefined : visibleOr(await hub.store.read(named, id)),
          )
        : professionalClaimAt(
            withVersionsDropped(request.body as FhirJson),
            type,
            own,
            proxy ? `RelatedPerson/${proxy.relatedPerson.id}` : `Patient/${patientId}`,
          );
    if (claim !== undefined)
      throw withText(
        new FhirHttpError(
          422,
          'business-rule',
          'INVALID_RESOURCE',
          'What a resident or carer writes names only them, by reference alone (no display or identifier): no professional, organisation or other resident as its author, performer or source, only what it contains as what was used, and in a Consent only people on their record and known organisations; no narrative, no modifier extension, and nothing contained but a device, medicine or substance',
          {},
          [claim],
        ),
        type === 'Consent'
          ? 'One of the people or organisations in these choices is not known. Reload the page and try again.'
          : 'This could not be saved as it is. Reload the page and try again.',
      );
  }
  const criteria: Criterion[] =
    type === 'AuditEvent' && kind === 'search'
      ? [
          { kind: 'token', name: 'patient', values: [{ system: '', code: `Patient/${patientId}` }], anySystem: [false] },
          // Refused attempts are for the hub's information governance, not the resident's access log (hazard log HG4).
          { kind: 'token', name: 'outcome', values: [{ system: '', code: '0' }], anySystem: [true] },
        ]
      : [];
  // A search matches only by what its answer shows: never by a carer's account, which no answer carries but to that
  // carer (R16) — else `identifier=<carer-account>|<guess>` would tell by its total whose account it is.
  const identifiers = kind === 'search' ? parameters.query.get('identifier') : undefined;
  const shown = isShownSearchValue(viewer.kind === 'carer' ? viewer.carerAccount : undefined);
  const pass: Pass = {
    ...base,
    ...(identifiers ? { admits: async (resource: FhirJson) => matchesShownTokens(type, 'identifier', identifiers, resource, shown) } : {}),
    ...(proxy
      ? {
          // The directory is about no resident: a carer reads it as anyone does (R5), so it is included and searched by.
          mayRead: (candidate: string) => (proxy.reads.has(candidate) || directoryTypes.has(candidate)) && base.mayRead(candidate),
          roleRestricts: (candidate: string) => !proxy.reads.has(candidate),
          actingAs: proxy.relatedPerson,
        }
      : {}),
    // The access log lists events naming the resident anywhere, so it is searched by that, not by compartment.
    patientId: type === 'AuditEvent' && kind === 'search' ? undefined : patientId,
    visibility,
    breakGlass: access.breakGlass,
    criteria,
    stored,
  };
  // A search matches only by what its answer shows: never by a reference to an item withheld from the reader, which
  // the answer leaves out — else `source=RelatedPerson/<id>` would tell by its total that a contact kept from them is
  // there (R13).
  if (kind === 'search') {
    const references = referenceValues(type, parameters.query);
    const named = new Set([...references.values()].flat().flatMap((reference) => targetOf(reference) ?? []));
    const withheld = await withheldTargets(named, pass, hub.store);
    if (withheld.size > 0) {
      const admits = pass.admits;
      pass.admits = async (resource: FhirJson) =>
        (admits === undefined || (await admits(resource))) && matchesShownReferences(type, references, resource, withheld);
    }
  }
  // Nor does her log match a look by a purpose it does not show her: a look by someone not shown has none (R15), so
  // `purpose=FAMRQT` cannot tell by its total that a carer kept from her looked.
  if (type === 'AuditEvent' && kind === 'search' && parameters.query.has('purpose')) {
    const wanted = new Set(
      (parameters.query.get('purpose') ?? []).flatMap((value) => value.split(',')).map((value) => value.slice(value.indexOf('|') + 1)),
    );
    const admits = pass.admits;
    const reader = { patientId, visibility: pass.visibility, mayRead: pass.mayRead };
    pass.admits = async (resource: FhirJson) => {
      if (admits !== undefined && !(await admits(resource))) return false;
      const [view] = await accessLogAsResidentReads([resource], reader, hub.store);
      return shownPurposes(view as FhirJson).some((code) => wanted.has(code));
    };
  }
  // Nor does a search by the last change tell when a part of an item withheld from the reader changed.
  if (kind === 'search' && asksByLastChange(parameters.query) && (await holdsPartialView(hub.store, type, pass)))
    throw refuseByLastChange(
      parameters.query,
      `Part of some ${type} entries on this record is not shown to you, so they cannot be searched or sorted by when they last changed (_lastUpdated)`,
    );
  return pass;
}

/**
 * The resident under whose record an item read by its id is read: of those it names (`compartmentsOf`, an appointment
 * for two), the first the viewer may open without a reason — their own, or one their organisation cares for — so that a
 * second resident's clinicians read her appointment on her record, under her sharing choices, audited against her.
 * When the viewer may open none of them, the first, as for an item that names one: what they get is unchanged.
 */
async function recordReadUnder(hub: HubContext, viewer: Viewer, reach: 'user' | 'patient', item: FhirJson): Promise<string | undefined> {
  // Where the item is read, as `_include` asks (`placeOfItem`): an item naming no resident is on no record.
  const place = placeOfItem(item);
  if (place === 'nobody' || place === 'directory') return undefined;
  const residents = place;
  if (residents.length < 2) return residents[0];
  for (const resident of residents) {
    if (reach === 'patient' && resident !== viewer.patientId) continue;
    const access = await accessUnlessRefused(hub, viewer, resident);
    if (access && !access.breakGlass) return resident;
  }
  return residents[0];
}

/**
 * May the viewer open this resident's record for this operation: the token's
 * patient, the relationship, sharing choice or proxy permission (R4, R6, R7,
 * R16), and for a carer the type their permission covers. A refusal of an
 * item read by its id is `404` for a viewer with no break-glass (a resident, a
 * carer, a `patient/` token, a non-clinical role), exactly as for an id that does not exist: the
 * difference would tell them that someone else's record holds it (R13).
 */
async function openRecord(
  hub: HubContext,
  kind: Exclude<OperationKind, 'public'>,
  type: string,
  viewer: Viewer,
  reach: 'user' | 'patient',
  patientId: string,
  itemById: boolean,
  attempt: Attempt,
): Promise<PatientAccess> {
  // A reason from a role that cannot use it is refused first, whoever the resident and whatever the item: it tells nothing.
  checkBreakGlassRole(viewer);
  try {
    if (reach === 'patient' && patientId !== viewer.patientId)
      throw forbidden('This token’s patient/ scopes are for the patient it was launched with, not another');
    const access = await checkPatientAccess(viewer, patientId, hub.store, hub.now());
    attempt.breakGlass = access.breakGlass;
    const proxy = access.proxy;
    if (proxy) {
      attempt.actingAs = proxy.relatedPerson;
      // A carer reads and adds only what their permission covers; a summary leaves the rest out and says so.
      if ((kind === 'read' || kind === 'search') && !proxy.reads.has(type)) throw proxyRestricted();
      if (kind === 'create' && !proxy.writes.has(type)) throw proxyRestricted();
    }
    return access;
  } catch (error) {
    // Only a refusal that a reason could overcome may say the item is there: for anyone else it is not found.
    const mayBreakGlass = mayUseBreakGlass(viewer) && reach === 'user';
    if (itemById && type !== 'Patient' && !mayBreakGlass && error instanceof FhirHttpError && error.status === 403) throw notFound(type);
    throw error;
  }
}

/**
 * Finding a resident: by NHS number or other identifier, by id, or by family
 * name with date of birth. A resident finds only themself; a `patient/` token
 * only its launch patient; a carer only the people they act for today, each
 * audited under the carer's own entry on that person's record (with no
 * parameter, all of them: their portal lists them from this, not from their
 * own entries, which may be kept from them); a
 * professional only residents their organisation cares for who have not
 * declined to share with it — or, with a break-glass reason, anyone an exact
 * search names (an identifier, an id, or a family name with a date of birth
 * of one day: not a browse of the borough).
 */
async function patientSearch(
  hub: HubContext,
  reach: 'user' | 'patient',
  parameters: RequestParameters,
  viewer: Viewer,
  base: Pass,
  attempt: Attempt,
  batch: BatchState | undefined,
): Promise<Pass> {
  const query = parameters.query;
  const named = query.has('identifier') || query.has('_id') || (query.has('family') && query.has('birthdate'));
  // A carer may ask for everyone they act for: no browse, the search is narrowed to their people below.
  if (!named && viewer.kind !== 'carer')
    throw new FhirHttpError(400, 'invalid', 'INVALID_SEARCH_PARAMETER', 'A Patient search needs identifier, _id, or family with birthdate');
  const only = (id: string | undefined): Pass => ({
    ...base,
    criteria: [{ kind: 'id', ids: [id ?? ''] }],
    admitsPatient: async (found) => found === id,
  });
  if (viewer.kind === 'resident') return only(viewer.patientId);
  if (reach === 'patient') {
    // A launch names a patient; it opens nothing by itself. The token's patient is found only when its holder may open
    // that record as a read of it would: the relationship, the sharing choice, a carer's permission, or a reason.
    checkBreakGlassRole(viewer);
    const launched = viewer.patientId;
    const actingAs = new Map<string, { id: string; name: string | undefined }>();
    // A clinician's reason opens the person's own entry whatever its labels, as a read of it with the reason does (R8).
    const byReason = mayUseBreakGlass(viewer) && viewer.breakGlassReason !== undefined;
    return {
      ...only(launched),
      ...(byReason ? { visibility: withEntryOpened(base.visibility) } : {}),
      admitsPatient: async (found) => {
        if (found !== launched) return false;
        const access = await accessUnlessRefused(hub, viewer, found);
        if (!access) return false;
        const entry = byReason ? (await hub.store.read('Patient', found))?.resource : undefined;
        if (access.breakGlass || (entry !== undefined && opensEntryByReason(viewer, entry, base.visibility))) {
          if (!claimBreakGlass(batch, found)) return false;
          attempt.breakGlass = true;
        }
        if (access.proxy) actingAs.set(found, access.proxy.relatedPerson);
        return true;
      },
      actingAsOn: (found) => actingAs.get(found),
    };
  }
  if (viewer.kind === 'carer') {
    // A carer finds only the people they act for today; they have no emergency access. The search is narrowed to the
    // records that carry their account before anything is matched, so nobody else is even counted.
    const account = viewer.carerAccount ?? '';
    const now = hub.now();
    const records = [
      ...new Set((account === '' ? [] : await carerEntries(hub.store, account)).flatMap((person) => compartmentOf(person) ?? [])),
    ];
    const actingAs = new Map<string, { id: string; name: string | undefined }>();
    return {
      ...base,
      criteria: [{ kind: 'id', ids: records.length > 0 ? records : [''] }],
      admitsPatient: async (found) => {
        try {
          actingAs.set(found, (await checkProxyAccess(hub.store, account, found, now)).relatedPerson);
          return true;
        } catch {
          return false;
        }
      },
      actingAsOn: (found) => actingAs.get(found),
    };
  }
  if (viewer.breakGlassReason) {
    checkBreakGlassRole(viewer);
    const refusal = breakGlassSearchRefusal(query);
    if (refusal) throw refusal;
    const identifiers = (query.get('identifier') ?? []).map(splitIdentifier);
    attempt.breakGlass = true;
    const families = query.get('family') ?? [];
    // Only whom the search names exactly, then in a batch only the one person the batch opened with break-glass (the
    // first it finds, if none yet).
    return {
      ...base,
      // The person themself, named exactly: their own entry is found whatever its labels (R8), as a read of it opens it.
      visibility: withEntryOpened(base.visibility),
      breakGlass: true,
      admitsPatient: async (found) =>
        namedExactly((await hub.store.read('Patient', found))?.resource, identifiers, families) && claimBreakGlass(batch, found),
    };
  }
  const organizationId = viewer.organizationId ?? '';
  return {
    ...base,
    criteria: [{ kind: 'relatedTo', organizationId }],
    admitsPatient: async (found) => !(await sharingDeclines(hub.store, found, organizationId, hub.now())),
    // Whoever the search names — a stranger, someone who declined to share, nobody at all — the same words.
    offersBreakGlass: mayUseBreakGlass(viewer) && breakGlassSearchRefusal(query) === undefined,
  };
}

/**
 * A visibility that keeps nothing back by its labels or by a sharing choice's sources: for the person's own Patient
 * entry only, opened by a break-glass reason (R8). Sources that are not answering stay left out.
 */
export function withEntryOpened(visibility: Visibility): Visibility {
  return { hiddenLabels: [], unavailableSources: visibility.unavailableSources };
}

/** Whether a clinician's reason opens this Patient entry, withheld from them by its labels (not merely unavailable). */
function opensEntryByReason(viewer: Viewer, patient: FhirJson, visibility: Visibility): boolean {
  return (
    mayUseBreakGlass(viewer) &&
    viewer.breakGlassReason !== undefined &&
    isWithheld(patient, visibility) &&
    !isUnavailable(patient, visibility)
  );
}

/**
 * Why a Patient search may not be made with a break-glass reason, or `undefined` when it may: emergency access names
 * one person, so not a list of ids (a browse of the borough a page at a time), not a family name without a date of
 * birth of one day, and not an identifier's system without its value.
 */
function breakGlassSearchRefusal(query: Map<string, string[]>): FhirHttpError | undefined {
  if ((query.get('_id') ?? []).length > 1)
    return new FhirHttpError(
      400,
      'invalid',
      'INVALID_SEARCH_PARAMETER',
      'With break-glass, a Patient search names one person: one _id, not a list',
      {},
      ['_id'],
    );
  if (!query.has('identifier') && !query.has('_id') && !(query.get('birthdate') ?? []).every(isOneDay))
    return new FhirHttpError(
      400,
      'invalid',
      'INVALID_SEARCH_PARAMETER',
      'With break-glass, a Patient search needs an identifier, an id, or a family name with an exact date of birth (YYYY-MM-DD)',
      {},
      ['birthdate'],
    );
  if ((query.get('identifier') ?? []).map(splitIdentifier).some((identifier) => identifier.value === ''))
    return new FhirHttpError(
      400,
      'invalid',
      'INVALID_SEARCH_PARAMETER',
      'With break-glass, an identifier search names one person: give the identifier’s value, not only its system',
      {},
      ['identifier'],
    );
  return undefined;
}

/** An identifier search's value: `system|value`, `|value` (no system) or `value` (any system). */
function splitIdentifier(parameter: string): { system: string | undefined; value: string } {
  const bar = parameter.indexOf('|');
  return bar === -1 ? { system: undefined, value: parameter } : { system: parameter.slice(0, bar), value: parameter.slice(bar + 1) };
}

const folded = (text: string): string => text.normalize('NFC').trim().toLocaleLowerCase('en-GB');

/**
 * Whether a resident is the one a break-glass search names: an identifier of theirs with the value asked for (and
 * the system, when one is given), and a family name of theirs whole, not its first letters (a search's string
 * match is by prefix). The date of birth is already one day (`isOneDay`).
 */
function namedExactly(
  patient: FhirJson | undefined,
  identifiers: { system: string | undefined; value: string }[],
  families: string[],
): boolean {
  if (patient === undefined) return false;
  const theirs = (patient['identifier'] as { system?: unknown; value?: unknown }[] | undefined) ?? [];
  const names = ((patient['name'] as { family?: unknown }[] | undefined) ?? []).flatMap((name) =>
    typeof name.family === 'string' ? [folded(name.family)] : [],
  );
  return (
    identifiers.every(({ system, value }) =>
      theirs.some((identifier) => identifier.value === value && (system === undefined || (identifier.system ?? '') === system)),
    ) && families.every((family) => names.includes(folded(family)))
  );
}

/** A date of birth of one day: `1984-03-07` or `eq1984-03-07`, not a range or a year. */
const isOneDay = (value: string): boolean => /^(eq)?\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The residents a carer acts for: their own RelatedPersons, found by their
 * account, each shown only while a proxy permission for it is in force. Any
 * other contacts search needs `patient`.
 */
function carerPeopleSearch(hub: HubContext, parameters: RequestParameters, viewer: Viewer, base: Pass, attempt: Attempt): Pass {
  const identifiers = parameters.query.get('identifier') ?? [];
  const own = `${CARER_ACCOUNT_SYSTEM}|${viewer.carerAccount ?? ''}`;
  if (viewer.kind !== 'carer' || identifiers.length !== 1 || identifiers[0] !== own || !viewer.carerAccount)
    throw new FhirHttpError(
      400,
      'invalid',
      'INVALID_SEARCH_PARAMETER',
      'A contacts search needs patient, except a carer’s search for their own account (identifier)',
      {},
      ['patient'],
    );
  const account = viewer.carerAccount;
  const now = hub.now();
  // The carer's own entries, not a look at anyone's record: audited only if refused (each record they then open is audited).
  attempt.audited = false;
  return {
    // Through the carer's visibility, as their read of each entry is: one kept from carers is not listed (R17).
    ...base,
    criteria: [{ kind: 'token', name: 'identifier', values: [{ system: CARER_ACCOUNT_SYSTEM, code: account }], anySystem: [false] }],
    admits: async (resource) => {
      const patientId = compartmentOf(resource);
      if (patientId === undefined || carerAccountOf(resource) !== account) return false;
      try {
        // And as their read of it: not one of a category their permission keeps from them (R17).
        return isVisible(resource, (await checkProxyAccess(hub.store, account, patientId, now)).visibility);
      } catch {
        return false;
      }
    },
  };
}

/**
 * What a resident (or their carer) may not assert in what they add: a
 * laboratory's or a clinician's words about it (an interpretation, a
 * reference range, a laboratory category), nor links that would make it part
 * of someone else's record keeping (the encounter, the order or the
 * authorisation it was based on, what it was derived from). The medicines and
 * results views read those links and words as the source's own; the hub
 * already sets who added it and where it came from.
 */
const RESIDENT_MAY_NOT_SET: Readonly<Record<string, readonly string[]>> = {
  Observation: ['interpretation', 'referenceRange', 'basedOn', 'partOf', 'encounter', 'hasMember', 'derivedFrom', 'specimen', 'focus'],
  MedicationStatement: ['basedOn', 'partOf', 'derivedFrom', 'context'],
};
/** The kinds of observation a resident records: their own readings, activity and questionnaires. */
const RESIDENT_OBSERVATION_CATEGORIES: ReadonlySet<string> = new Set(['vital-signs', 'activity', 'survey']);

function checkResidentAssertions(type: string, body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const resource = body as Record<string, unknown>;
  const refuse = (element: string, diagnostics: string) =>
    new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', diagnostics, {}, [`${type}.${element}`]);
  for (const element of RESIDENT_MAY_NOT_SET[type] ?? [])
    if (resource[element] !== undefined) throw refuse(element, `${type}.${element} is not something a resident’s entry can say`);
  if (type === 'Observation') {
    const categories = Array.isArray(resource['category']) ? (resource['category'] as { coding?: { code?: unknown }[] }[]) : [];
    const codes = categories.flatMap((category) => (Array.isArray(category?.coding) ? category.coding : []).map((coding) => coding?.code));
    const other = codes.find((code) => typeof code !== 'string' || !RESIDENT_OBSERVATION_CATEGORIES.has(code));
    if (other !== undefined)
      throw refuse('category', `A resident’s reading is vital-signs, activity or survey, not ${JSON.stringify(other ?? null)}`);
  }
}

/** The source the hub gives what a resident (or their carer) adds. */
const RESIDENT_SOURCE = sourceOf('resident');

/**
 * What a resident may change on their record. Of Consents, their sharing choices and the permissions they give
 * carers (a practice may have set one up; the resident may still stop or change it) — never another kind, whoever
 * recorded it (an advance decision, a treatment consent); of anything else, what they added themself.
 */
function residentsOwn(resource: FhirJson): boolean {
  if (resource['resourceType'] === 'Consent') return isSharingChoice(resource) || isProxyConsent(resource as unknown as Consent);
  return (resource['meta'] as { source?: unknown } | undefined)?.source === RESIDENT_SOURCE;
}

/**
 * Where a body carries security labels, as a FHIRPath (`Observation.contained[0].meta.security`), or `undefined`:
 * on the resource or on any resource it contains, since the hub reads those as the item's own (`labelsOf`).
 */
function securityLabelsAt(body: unknown, path: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const resource = body as { meta?: { security?: unknown }; contained?: unknown };
  if (resource.meta?.security !== undefined) return `${path}.meta.security`;
  const contained = Array.isArray(resource.contained) ? (resource.contained as unknown[]) : [];
  for (const [index, inner] of contained.entries()) {
    const found = securityLabelsAt(inner, `${path}.contained[${index}]`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether any resource a body contains carries security labels. */
function containedLabels(body: unknown, path: string): boolean {
  const contained = (body as { contained?: unknown } | null)?.contained;
  return Array.isArray(contained) && contained.some((inner, index) => securityLabelsAt(inner, `${path}.contained[${index}]`) !== undefined);
}

/** The resident an AuditEvent is read as about: the viewer's own record when it names them (one event may name several), else the first. */
function auditedPatient(event: FhirJson, viewer: Viewer): string | undefined {
  const references = ((event['entity'] as { what?: { reference?: unknown } }[] | undefined) ?? [])
    .map((entity) => entity.what?.reference)
    .filter((value): value is string => typeof value === 'string' && value.startsWith('Patient/'));
  const own = viewer.patientId === undefined ? undefined : `Patient/${viewer.patientId}`;
  const reference = references.find((value) => value === own) ?? references[0];
  return reference?.slice('Patient/'.length);
}
