/**
 * The hub's answers to the contract's operations: read, search, the record
 * summary, batch, resident-entered creates, sharing choices and the
 * CapabilityStatement. None of them applies the access policy or writes the
 * audit: the gate (`gate/gate.ts`) has done both, and hands each handler a
 * `Pass` saying whose record it is and what of it the caller may see.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  CURRENT_REQUEST_STATUSES,
  CURRENT_STATEMENT_STATUSES,
  actingForWords,
  isProxyConsent,
  readProxyConsent,
  relationshipWords,
  type Consent,
} from '@care-record/sdk';
import {
  asksByLastChange,
  passGate,
  refuseByLastChange,
  resourceTypeOf,
  type BatchState,
  type FhirRequest,
  type GatedReply,
  type Handler,
} from '../gate/gate.js';
import { checkQueryEncoding, checkUrlLength, routeFhir } from '../gate/router.js';
import { breakGlassSearchOffer, type Viewer } from '../policy/access-policy.js';
import { WELLBEING_ADVICE, WELLBEING_LIBRARY_UPDATED } from '../content/wellbeing-advice.js';
import { acceptInvitation, checkNewRelatedPerson, createInvitation } from '../policy/invitations.js';
import { isShownSearchValue } from '../policy/carer-accounts.js';
import { checkPermissionChange } from '../policy/permission-change.js';
import { checkProxyConsent } from '../policy/proxy.js';
import { CONSENT_RECORDED_BY_OTHERS, keptAsRecorded } from '../policy/resident-attribution.js';
import { checkContactClaims, checkReading, checkSentMeta, checkWhen, residentMeta, withPlainNames } from '../policy/resident-entries.js';
import { checkSharingChoice, isSharingChoice, withText } from '../policy/sharing.js';
import { compartmentOf, compartmentsOf, searchDefinitions, type FhirJson } from '../store/search-parameters.js';
import {
  isVisible,
  organizationsByOds,
  StoredJson,
  type HubStore,
  type IdempotentWrite,
  type PageCursor,
  type StoredResource,
  type Visibility,
} from '../store/store.js';
import type { FhirReply, HubContext } from './dispatch.js';
import { FhirHttpError, notFound, operationOutcome } from './outcome.js';
import { canonicalJson, readsReducedView, reducedView, reducedViewTypes } from './reduced-views.js';
import { bundleMeta, matchesShownTokens, noticeEntries, searchBundle, toStoreQuery, withholdsAdmittedMatch } from './search.js';
import { markSubsetted, withoutWithheldReferences, withWithheldKept, type ReferenceReader } from './withheld-references.js';

const typeOf = (request: FhirRequest) => resourceTypeOf(request.operation);

function viewerOf(request: FhirRequest): Viewer {
  if (!request.pass.viewer) throw new FhirHttpError(401, 'login', 'ACCESS_DENIED', 'An access token is required');
  return request.pass.viewer;
}

/**
 * An AuditEvent as a resident reads it: one event lists every resident a
 * request found (a professional's Patient search finds several), and the
 * resident sees only the entity about them, never another resident's id.
 * What was looked at is told without its type (`Observation read` is `Record
 * read`): a read of an item withheld from the resident (`NOPAT`) must be the
 * same entry as a read of one they see, or the log would tell them that such
 * an item exists (R13). The hub's own record keeps the type.
 */
function ownEntities(event: FhirJson, viewer: Viewer | undefined): FhirJson {
  if (event['resourceType'] !== 'AuditEvent') return event;
  const own = `Patient/${viewer?.patientId ?? ''}`;
  const entity = (event['entity'] as { what?: { reference?: unknown }; description?: unknown }[] | undefined) ?? [];
  const kept = entity
    .filter((item) => {
      const reference = item.what?.reference;
      return typeof reference !== 'string' || !reference.startsWith('Patient/') || reference === own;
    })
    .map((item) => {
      const description = withoutType(item.description);
      return description === item.description ? item : { ...item, description };
    });
  return kept.length === entity.length && kept.every((item, index) => item === entity[index]) ? event : { ...event, entity: kept };
}

/** What the gate records as looked at (`Observation read`, `Consent $invite`), with the resource type left out. */
function withoutType(description: unknown): unknown {
  if (typeof description !== 'string') return description;
  const [, type, rest] = /^([A-Z][A-Za-z]+) (read|search|added|changed|\$[A-Za-z-]+)$/.exec(description) ?? [];
  return type === undefined || type === 'Record' ? description : `Record ${rest ?? ''}`;
}

/** A resource as this viewer reads it: only their own entities of an AuditEvent, and the reduced view of a type they read so. */
const asViewerReads = (resource: FhirJson, viewer: Viewer | undefined): FhirJson => reducedView(ownEntities(resource, viewer), viewer);

/** A stored resource as this viewer reads it, still as stored text. */
function subsetFor(stored: StoredJson, viewer: Viewer | undefined): StoredJson {
  const resource = asViewerReads(stored.resource, viewer);
  return resource === stored.resource ? stored : new StoredJson(stored.type, stored.id, JSON.stringify(resource), resource);
}

/** Whether this viewer reads some resources otherwise than as stored. */
const readsSubset = (viewer: Viewer | undefined): boolean => reducedViewTypes(viewer).length > 0;

/** An entry's resource, parsed if it is still as stored. */
const resourceOf = (resource: FhirJson | StoredJson): FhirJson => (resource instanceof StoredJson ? resource.resource : resource);

/** What decides, for this request, whether an item a reference names is withheld from the viewer. */
const referenceReader = (request: FhirRequest): ReferenceReader => ({
  patientId: request.pass.patientId,
  visibility: request.pass.visibility,
  mayRead: request.pass.mayRead,
  opensLinked: request.pass.opensLinked,
});

/**
 * A stored item as this viewer reads it, with the headers that version it: without its references to items withheld
 * from them (`withheld-references.ts`). A reduced or partial view is versioned by what it shows, and says nothing of
 * when the item as stored last changed.
 */
async function viewerReads(
  store: HubStore,
  request: FhirRequest,
  stored: StoredResource,
): Promise<{ body: FhirJson; etag: string; headers: Record<string, string> }> {
  const viewed = asViewerReads(stored.resource, request.pass.viewer);
  const [body = viewed] = (await withoutWithheldReferences([viewed], referenceReader(request), store)).items as FhirJson[];
  const reduced = readsReducedView(request.pass.viewer, String(stored.resource['resourceType'])) || body !== viewed;
  const etag = `W/"${reduced ? String((body['meta'] as { versionId?: unknown } | undefined)?.versionId) : stored.versionId}"`;
  return { body, etag, headers: reduced ? { etag } : { etag, 'last-modified': new Date(stored.lastUpdated).toUTCString() } };
}

const readHandler: Handler = async (hub, request) => {
  const stored = request.pass.stored;
  if (!stored) throw notFound(typeOf(request));
  const { body, etag, headers } = await viewerReads(hub.store, request, stored);
  if (request.parameters.headers['if-none-match'] === etag) return { status: 304, headers };
  return { status: 200, body, headers };
};

/** How many residents a Patient search by its last change looks at for a partial view before it refuses. */
const PARTIAL_PATIENTS_CHECKED = 1_000;

/**
 * Whether a Patient search names someone the caller would be shown only in part (a link to a record they may not
 * open, masked): asked of the same search without `_lastUpdated` and its sort, whose entries would say so
 * (`SUBSETTED`), so that the answer tells nothing that search does not — as `holdsPartialView` asks of a record.
 */
async function namesPartialPatient(hub: HubContext, request: FhirRequest): Promise<boolean> {
  const { pass } = request;
  const query = new Map([...request.parameters.query].filter(([name]) => name !== '_lastUpdated' && name !== '_sort'));
  const storeQuery = toStoreQuery({
    type: 'Patient',
    query,
    patientId: undefined,
    visibility: pass.visibility,
    policyCriteria: pass.criteria,
  });
  let checked = 0;
  let after: PageCursor | undefined;
  do {
    const page = await hub.store.search({ ...storeQuery, count: 200, after });
    checked += page.matches.length;
    const verdicts = await Promise.all(page.matches.map((match) => pass.admitsPatient(match.id)));
    const admitted = page.matches.filter((_match, index) => verdicts[index] === true);
    if ((await withoutWithheldReferences(admitted, referenceReader(request), hub.store)).changed) return true;
    after = checked < PARTIAL_PATIENTS_CHECKED ? page.next : undefined;
  } while (after);
  return false;
}

const searchHandler: Handler = async (hub, request) => {
  const type = typeOf(request);
  const { pass } = request;
  // Nor does a Patient search by the last change tell when a part of a resident's entry withheld from them changed.
  if (type === 'Patient' && asksByLastChange(request.parameters.query) && (await namesPartialPatient(hub, request)))
    throw refuseByLastChange(
      request.parameters.query,
      'Part of a Patient entry this search names is not shown to you, so it cannot be searched or sorted by when it last changed (_lastUpdated)',
    );
  const body = await searchBundle({
    store: hub.store,
    request: {
      type,
      query: request.parameters.query,
      patientId: pass.patientId,
      visibility: pass.visibility,
      policyCriteria: pass.criteria,
      mayInclude: pass.mayRead,
      ...(type === 'Patient'
        ? { admits: (resource: FhirJson) => pass.admitsPatient(String(resource['id'])) }
        : pass.admits
          ? { admits: pass.admits }
          : {}),
    },
    baseUrl: request.baseUrl,
    outages: pass.patientId === undefined ? [] : hub.outages,
  });
  // Someone the search names is not shown, by their entry's labels: say that something is not shown (R13), never
  // who — for a clinician, with the offer of a search with a reason, which finds them.
  const withholds =
    type === 'Patient' &&
    !pass.breakGlass &&
    (await withholdsAdmittedMatch(
      hub.store,
      { type, query: request.parameters.query, patientId: undefined, visibility: pass.visibility, policyCriteria: pass.criteria },
      (resource) => pass.admitsPatient(String(resource['id'])),
    ));
  if (withholds) {
    Object.assign(body, bundleMeta(1));
    (body['entry'] as unknown[]).push(...noticeEntries(1, []));
  }
  // Nobody this clinician may open was found: say that a search with a reason is open to them — whoever exists.
  if (type === 'Patient' && pass.offersBreakGlass && (body['total'] === 0 || withholds))
    (body['entry'] as unknown[]).push({ resource: breakGlassSearchOffer(), search: { mode: 'outcome' } });
  if (type === 'AuditEvent' || readsSubset(pass.viewer)) {
    const entries = (body['entry'] as { resource?: FhirJson | StoredJson }[] | undefined) ?? [];
    for (const entry of entries) if (entry.resource) entry.resource = asViewerReads(resourceOf(entry.resource), pass.viewer);
  }
  await withoutWithheldReferencesIn(body, request, hub.store);
  // A search of one resident's record is audited as about them, whatever it matched.
  if (type !== 'Patient' && (!pass.admits || pass.patientId !== undefined)) return { status: 200, body };
  // Residents a search found (a Patient search, or a carer's own contacts on each record they act for), for the audit.
  const found = ((body['entry'] as { resource: FhirJson | StoredJson; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => compartmentOf(resourceOf(entry.resource)) ?? '')
    .filter((id) => id !== '');
  return { status: 200, body, patientsFound: found };
};

/** The well-being library: the same for everyone, so it says nothing about who asked. */
const adviceHandler: Handler = () => ({
  status: 200,
  body: { updated: WELLBEING_LIBRARY_UPDATED, pages: WELLBEING_ADVICE },
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=3600' },
});

/** The record summary, PRSB-ordered sections as a collection Bundle. */
const summarySections: { type: string; include: (resource: FhirJson, now: number) => boolean }[] = [
  { type: 'Flag', include: (resource) => resource['status'] === 'active' },
  { type: 'AllergyIntolerance', include: () => true },
  // Active and past problems: the summary shows past ones on request, as it does from plain searches on any server.
  { type: 'Condition', include: (resource) => !hasCode(resource['verificationStatus'], ['entered-in-error']) },
  // Every status the SDK's medication headline counts as current (on hold, draft, intended, unknown too): by its own lists.
  { type: 'MedicationRequest', include: (resource) => CURRENT_REQUEST_STATUSES.some((status) => status === resource['status']) },
  { type: 'MedicationStatement', include: (resource) => CURRENT_STATEMENT_STATUSES.some((status) => status === resource['status']) },
  { type: 'CarePlan', include: (resource) => resource['status'] === 'active' },
  // Goals being worked towards, for the clinician's view of plans and goals.
  { type: 'Goal', include: (resource) => ['active', 'accepted', 'planned', 'on-hold'].includes(String(resource['lifecycleStatus'])) },
  { type: 'EpisodeOfCare', include: (resource) => resource['status'] === 'active' },
  { type: 'RelatedPerson', include: (resource) => resource['active'] !== false },
  { type: 'Immunization', include: (resource) => resource['status'] !== 'entered-in-error' },
  { type: 'Procedure', include: (resource) => resource['status'] !== 'entered-in-error' },
  {
    type: 'Appointment',
    include: (resource, now) =>
      typeof resource['start'] === 'string' && Date.parse(resource['start']) >= now && resource['status'] === 'booked',
  },
];

/** The ODS code a `meta.source` names, if it names one. */
function odsCodeOf(source: string): string | undefined {
  return /\/source\/([A-Z0-9]+)$/.exec(source)?.[1];
}

function hasCode(concept: unknown, codes: string[]): boolean {
  return ((concept as { coding?: { code?: string }[] } | undefined)?.coding ?? []).some(
    (coding) => coding.code !== undefined && codes.includes(coding.code),
  );
}

/**
 * The most items of one type a summary reads, newest first. A section that holds more is read only in part: the
 * summary then says so (`SUMMARY_INCOMPLETE`), never silently fewer.
 */
export const SUMMARY_LIMIT = 10_000;

const summaryHandler: Handler = async (hub, request) => {
  const { pass } = request;
  const patientId = pass.patientId ?? '';
  const [patient] = await hub.store.readReferences([`Patient/${patientId}`]);
  if (!patient) throw notFound('Patient');
  let withheld = 0;
  const limit = hub.summaryLimit ?? SUMMARY_LIMIT;
  // Types with more items than the summary holds: their older items are not in it, and it says so.
  const readInPart: string[] = [];
  // Entries as stored: each is parsed only where a section's rule must look inside it, and answered as stored.
  const entries: { fullUrl: string; resource: StoredJson }[] = [{ fullUrl: `${request.baseUrl}/Patient/${patientId}`, resource: patient }];
  const now = hub.now();
  const leftOut: { role: string[]; scope: string[] } = { role: [], scope: [] };
  const sections = summarySections.filter((section) => {
    if (pass.mayRead(section.type)) return true;
    leftOut[pass.roleRestricts(section.type) ? 'role' : 'scope'].push(section.type);
    return false;
  });
  // Every section in one read of the resident's compartment: what a search of each type (by date, newest first)
  // and its withheld count would answer, without a statement and two counts a section.
  if (sections.length > 0) {
    const read = await hub.store.compartment({
      patientId,
      types: sections.map((section) => section.type),
      sort: { by: 'date', descending: true },
      // One more than the summary holds: whether there is more than it shows.
      limit: limit + 1,
      visibility: pass.visibility,
    });
    withheld = read.withheld;
    for (const section of sections) {
      const matches = read.byType.get(section.type) ?? [];
      if (matches.length > limit) readInPart.push(section.type);
      for (const match of matches.slice(0, limit)) {
        if (section.include(match.resource, now))
          entries.push({
            fullUrl: `${request.baseUrl}/${section.type}/${match.id}`,
            resource: readsSubset(pass.viewer) ? subsetFor(match, pass.viewer) : match,
          });
      }
    }
  }
  // Who recorded each item, and where: the organisations and practitioners the entries name, and their sources.
  const directory = new Set<string>();
  for (const entry of entries) {
    for (const [, reference] of entry.resource.json.matchAll(/"reference":"((?:Organization|Practitioner|PractitionerRole)\/[^"]+)"/g))
      if (reference) directory.add(reference);
  }
  // The organisations of all the sources in one search; added in the order the sources first appear.
  const sources = [...new Set(entries.map((entry) => (entry.resource.resource['meta'] as { source?: string } | undefined)?.source))];
  const codes = sources.map((source) => (source ? odsCodeOf(source) : undefined));
  const organizations = await organizationsByOds(
    hub.store,
    codes.filter((code) => code !== undefined),
  );
  for (const code of codes) {
    const organization = code === undefined ? undefined : organizations.get(code);
    if (organization) directory.add(`Organization/${String(organization['id'])}`);
  }
  for (const match of await hub.store.readReferences(directory))
    entries.push({ fullUrl: `${request.baseUrl}/${match.type}/${match.id}`, resource: match });
  // The medicines its medicine entries name by reference (as GP Connect sends them), as a search's `_include` gives
  // them (R5a): to a reader who may read them, and only those shown to them. Else the summary would not name them.
  const medicines = new Set<string>();
  if (pass.mayRead('Medication'))
    for (const entry of entries)
      for (const [, reference] of entry.resource.json.matchAll(/"medicationReference":\{[^{}]*?"reference":"(Medication\/[^"]+)"/g))
        if (reference) medicines.add(reference);
  for (const match of await hub.store.readReferences(medicines))
    if (isVisible(match.resource, pass.visibility))
      entries.push({ fullUrl: `${request.baseUrl}/${match.type}/${match.id}`, resource: match });
  // Without their references to items withheld from this viewer, said on the Bundle as on each item.
  const shown = await withoutWithheldReferences(
    entries.map((entry) => entry.resource),
    referenceReader(request),
    hub.store,
  );
  shown.items.forEach((resource, index) => {
    const entry = entries[index];
    if (entry && resource instanceof StoredJson) entry.resource = resource;
  });
  const summary: FhirJson = {
    resourceType: 'Bundle',
    id: randomUUID(),
    type: 'collection',
    timestamp: new Date(now).toISOString(),
    ...bundleMeta(withheld),
    entry: [
      ...entries,
      ...[
        ...noticeEntries(withheld, hub.outages),
        ...leftOutNotices(leftOut, pass.viewer?.kind === 'carer'),
        ...readInPartNotices(readInPart),
      ].map(({ resource }) => ({ resource })),
    ],
  };
  if (shown.changed) markSubsetted(summary);
  return { status: 200, body: summary };
};

/**
 * A search's entries without their references to items withheld from this viewer (matches and `_include`s alike;
 * `withheld-references.ts`), in one store lookup; the Bundle says `SUBSETTED` when any entry lost one.
 */
async function withoutWithheldReferencesIn(body: FhirJson, request: FhirRequest, store: HubStore): Promise<void> {
  const entries = ((body['entry'] as { resource?: FhirJson | StoredJson; search?: { mode?: string } }[] | undefined) ?? []).filter(
    (entry) => entry.resource !== undefined && entry.search?.mode !== 'outcome',
  );
  if (entries.length === 0) return;
  const shown = await withoutWithheldReferences(
    entries.map((entry) => entry.resource as FhirJson | StoredJson),
    referenceReader(request),
    store,
  );
  shown.items.forEach((resource, index) => {
    const entry = entries[index];
    if (entry) entry.resource = resource;
  });
  if (shown.changed) markSubsetted(body);
}

/** Says which sections the summary holds only the newest of (`SUMMARY_LIMIT`): older items may be missing from them. */
function readInPartNotices(types: string[]): { resource: FhirJson }[] {
  if (types.length === 0) return [];
  const text = 'This summary shows only the most recent items of some sections. Older ones may not be shown here.';
  const outcome = operationOutcome('warning', 'incomplete', 'SUMMARY_INCOMPLETE', text, types);
  const details = outcome.issue[0]?.details;
  if (details) details.text = text;
  return [{ resource: outcome as unknown as FhirJson }];
}

/**
 * Says which sections a summary leaves out, and why, so that a reader never
 * takes a section it was not given for an empty one.
 */
function leftOutNotices(leftOut: { role: string[]; scope: string[] }, carer: boolean): { resource: FhirJson }[] {
  const notice = (detail: 'ROLE_RESTRICTED' | 'SCOPE_RESTRICTED' | 'PROXY_RESTRICTED', text: string, types: string[]) => {
    const outcome = operationOutcome('information', 'suppressed', detail, text, types);
    const details = outcome.issue[0]?.details;
    if (details) details.text = text;
    return { resource: outcome as unknown as FhirJson };
  };
  return [
    ...(leftOut.role.length > 0
      ? [
          carer
            ? notice('PROXY_RESTRICTED', 'This is not part of what you were given access to', leftOut.role)
            : notice('ROLE_RESTRICTED', 'Clinical information is not available to your role', leftOut.role),
        ]
      : []),
    ...(leftOut.scope.length > 0
      ? [notice('SCOPE_RESTRICTED', 'This sign-in does not give access to some of the record', leftOut.scope)]
      : []),
  ];
}

/**
 * The operations the hub defines, by the name the CapabilityStatement uses.
 * Their canonical URLs tell a client this hub's `$summary` from another
 * server's operation of the same name (HL7's International Patient Summary).
 */
export const operationDefinitions: Record<string, FhirJson> = {
  summary: {
    resourceType: 'OperationDefinition',
    id: 'care-record-summary',
    url: 'https://care-record.example/fhir/OperationDefinition/care-record-summary',
    version: '1.0.0',
    name: 'CareRecordSummary',
    title: 'The integrated care record summary',
    status: 'active',
    kind: 'operation',
    description:
      'The resident, their active alerts, allergies (all states), active problems, current medicines, active care plans and episodes of care, personal contacts and future booked appointments, in PRSB order, as a collection Bundle with the organisations and practitioners they name. OperationOutcome entries say what was withheld (suppressed, INFORMATION_WITHHELD), which sources did not answer (incomplete, SOURCE_UNAVAILABLE), which sections hold more items than it reads, newest first (incomplete, SUMMARY_INCOMPLETE, with the types in expression) and which resource types the viewer’s role or token leaves out (suppressed, ROLE_RESTRICTED or SCOPE_RESTRICTED, with the types in expression). A section whose type is left out is not shown, not empty.',
    code: 'summary',
    resource: ['Patient'],
    system: false,
    type: false,
    instance: true,
    parameter: [{ name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle', documentation: 'A collection Bundle.' }],
  },
};

const operationDefinitionHandler: Handler = (_hub, request) => {
  const id = request.parameters.path['id'] ?? '';
  const definition = Object.values(operationDefinitions).find((candidate) => candidate['id'] === id);
  if (!definition) throw notFound('OperationDefinition');
  return { status: 200, body: definition };
};

const capabilityHandler: Handler = (hub, request) => {
  const byType = new Map<string, { interactions: Set<string>; searchParams: Set<string>; operations: Set<string> }>();
  for (const operation of hub.operations) {
    const type = operation.template.split('/')[1] ?? '';
    if (!/^[A-Z]/.test(type)) continue;
    const entry = byType.get(type) ?? { interactions: new Set(), searchParams: new Set(), operations: new Set() };
    byType.set(type, entry);
    if (operation.operationId.startsWith('read')) entry.interactions.add('read');
    if (operation.operationId.startsWith('search')) {
      entry.interactions.add('search-type');
      for (const parameter of operation.parameters)
        if (parameter.in === 'query' && !parameter.name.startsWith('_')) entry.searchParams.add(parameter.name);
    }
    if (operation.operationId.startsWith('create')) entry.interactions.add('create');
    if (operation.operationId.startsWith('update')) entry.interactions.add('update');
    if (operation.template.endsWith('$summary')) entry.operations.add('summary');
  }
  const base = request.baseUrl;
  return {
    status: 200,
    body: {
      resourceType: 'CapabilityStatement',
      status: 'active',
      date: '2026-11-28',
      kind: 'instance',
      software: { name: 'care-record reference hub', version: '0.1.0' },
      implementation: { description: 'care-record reference hub (synthetic data)', url: base },
      fhirVersion: '4.0.1',
      format: ['application/fhir+json'],
      rest: [
        {
          mode: 'server',
          security: {
            extension: [
              {
                url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
                extension: [
                  { url: 'authorize', valueUri: new URL('/auth/authorize', base).href },
                  { url: 'token', valueUri: new URL('/auth/token', base).href },
                ],
              },
            ],
            service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          },
          resource: [...byType].map(([type, entry]) => {
            const includes = Object.keys(searchDefinitions[type]?.includes ?? {});
            const parameters = [...entry.searchParams].flatMap((name) => {
              const kind = name === 'patient' ? 'reference' : searchDefinitions[type]?.parameters[name]?.kind;
              // `subject` is taken wherever `patient` is (the gate reads it as `patient`).
              return kind === undefined
                ? []
                : [{ name, type: kind }, ...(name === 'patient' ? [{ name: 'subject', type: 'reference' }] : [])];
            });
            return {
              type,
              interaction: [...entry.interactions].map((code) => ({ code })),
              ...(parameters.length > 0 ? { searchParam: parameters } : {}),
              ...(includes.length > 0 && entry.interactions.has('search-type') ? { searchInclude: includes } : {}),
              ...(entry.operations.size > 0
                ? { operation: [...entry.operations].map((name) => ({ name, definition: operationDefinitions[name]?.url ?? '' })) }
                : {}),
            };
          }),
          interaction: [{ code: 'batch' }],
        },
      ],
    },
  };
};

/**
 * A create made safe to repeat, as the contract says of every create: with `X-Request-ID` a repeat answers with what
 * the first stored (the same key with another body is `409`); without it, `If-None-Exist: identifier=…` answers
 * with the resource that identifier already names. `earlier` is that answer, when there is one; otherwise `store`
 * puts the new resource, keyed in the same transaction, so that of two processes given one retried create at the
 * same moment one stores it and the other answers with it.
 */
interface RepeatableCreate {
  earlier: GatedReply | undefined;
  store(
    id: string,
    put: (store: HubStore, now: number) => Promise<StoredResource>,
  ): Promise<{ stored: StoredResource; repeat?: never } | { stored?: never; repeat: GatedReply }>;
}

async function repeatableCreate(hub: HubContext, request: FhirRequest, type: string): Promise<RepeatableCreate> {
  const viewer = viewerOf(request);
  const key = request.parameters.headers['x-request-id'];
  const fingerprint = createHash('sha256').update(JSON.stringify(request.body)).digest('hex');
  const now = hub.now();
  await hub.store.pruneIdempotentWrites(now);
  const keyed = key === undefined ? undefined : `${viewer.fhirUser} ${key}`;
  const repeat = async (earlier: IdempotentWrite): Promise<GatedReply> => {
    if (earlier.fingerprint !== fingerprint || earlier.type !== type) {
      throw new FhirHttpError(409, 'conflict', 'DUPLICATE_REQUEST', 'This X-Request-ID was already used for a different entry');
    }
    return { ...(await existing(hub, request, earlier.type, earlier.id)), repeated: true };
  };
  const stored = async (id: string, put: (store: HubStore, now: number) => Promise<StoredResource>) => {
    const result = await hub.store.transaction(async (store) => {
      if (keyed !== undefined && !(await store.recordIdempotentWrite(keyed, fingerprint, type, id, now))) return undefined;
      return put(store, now);
    });
    if (result !== undefined) return { stored: result };
    const first = keyed === undefined ? undefined : await hub.store.findIdempotentWrite(keyed, now);
    if (!first) throw new FhirHttpError(500, 'exception', 'SERVER_ERROR', 'An earlier write cannot be found');
    return { repeat: await repeat(first) };
  };
  const earlier = keyed === undefined ? undefined : await hub.store.findIdempotentWrite(keyed, now);
  if (earlier) return { earlier: await repeat(earlier), store: stored };
  const condition = request.parameters.headers['if-none-exist'];
  if (condition) {
    const matches = await conditionalMatches(hub, request, type, condition, request.pass.patientId ?? '');
    if (matches.length > 1)
      throw new FhirHttpError(412, 'duplicate', 'PRECONDITION_FAILED', 'If-None-Exist matched more than one resource');
    if (matches[0])
      return { earlier: { ...(await existing(hub, request, type, String(matches[0]['id']))), repeated: true }, store: stored };
  }
  return { earlier: undefined, store: stored };
}

const createHandler: Handler = async (hub, request) => {
  const type = typeOf(request);
  const resource = request.body as FhirJson;
  const patientId = request.pass.patientId ?? '';
  const create = await repeatableCreate(hub, request, type);
  if (create.earlier) return create.earlier;
  // What she adds must be true where her clinicians read it (`resident-entries.ts`): meta is the hub's; a reading says
  // when, not later than now, and is one the hub knows, in a unit it converts; a contact is no legal authority.
  checkSentMeta(resource, type);
  if (type === 'Observation' || type === 'MedicationStatement') checkWhen(type, resource, hub.now());
  if (type === 'Observation') checkReading(resource);
  if (type === 'RelatedPerson') {
    checkNewRelatedPerson(resource);
    checkContactClaims(resource);
  }

  const id = `${{ Observation: 'obs', RelatedPerson: 'rp' }[type] ?? 'ms'}-${randomUUID()}`;
  // As the contract says: what a resident (or their carer) adds is marked as theirs, whatever the app sent.
  const marked: FhirJson = { ...(type === 'RelatedPerson' ? withPlainNames(resource) : resource), id, meta: residentMeta(type) };
  // Who added it: the resident, or the carer acting for them (their RelatedPerson on this record).
  const carer = request.pass.actingAs;
  const author = carer ? await carerAuthor(hub, carer) : { reference: `Patient/${patientId}` };
  if (type === 'Observation') marked['performer'] = [author];
  // Someone the resident adds to invite: active, with no account until they accept.
  if (type === 'RelatedPerson') marked['active'] = true;
  if (type === 'MedicationStatement') {
    marked['informationSource'] = author;
    marked['category'] = {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/medication-statement-category',
          code: 'patientspecified',
          display: 'Patient Specified',
        },
      ],
    };
  }
  const { stored, repeat } = await create.store(id, (store) => store.put(marked, hub.now()));
  if (repeat) return repeat;
  return {
    status: 201,
    body: stored.resource,
    headers: { location: `${request.baseUrl}/${type}/${id}/_history/${stored.versionId}`, etag: `W/"${stored.versionId}"` },
  };
};

/**
 * A carer as the author of what they add for the resident: by name without titles (a "Dr" the resident typed does
 * not make it a doctor's entry), acting for the resident, and how they are related as their record says
 * (`daughter`, `power of attorney`), not "carer" whatever they are.
 */
async function carerAuthor(hub: HubContext, carer: { id: string; name: string | undefined }): Promise<FhirJson> {
  const person = (await hub.store.read('RelatedPerson', carer.id))?.resource;
  const relationship = relationshipWords(person?.['relationship'] as Parameters<typeof relationshipWords>[0]);
  return { reference: `RelatedPerson/${carer.id}`, ...(carer.name ? { display: actingForWords(carer.name, relationship) } : {}) };
}

/**
 * An entry a create found (a repeat, or an `If-None-Exist` match), answered as a read of it by id answers this caller
 * now (R13), never as it is now because they once sent it: not found once it is no longer on the record the create was
 * for (moved to another resident's), withheld from them (a label, a deny), or no longer stored — as a read says, so a
 * repeat tells nothing a read does not and stores no duplicate. A carer who may add the type but not read it reads
 * none: they are answered only with their own entry as they added it (its first version, which the first answer
 * gave them), and once anyone has changed it, as their read is: not found.
 */
async function existing(hub: HubContext, request: FhirRequest, type: string, id: string): Promise<GatedReply> {
  const stored = await hub.store.read(type, id);
  const { patientId, visibility, actingAs } = request.pass;
  const residents = stored ? compartmentsOf(stored.resource) : [];
  const onTheirRecord = residents.length > 0 && residents.every((resident) => resident === patientId);
  const asTheyAddedIt =
    actingAs !== undefined &&
    stored?.versionId === '1' &&
    [stored.resource['performer'], stored.resource['informationSource']]
      .flat()
      .some((author) => (author as { reference?: unknown } | undefined)?.reference === `RelatedPerson/${actingAs.id}`);
  if (!stored || !onTheirRecord || !isVisible(stored.resource, visibility) || (!request.pass.mayRead(type) && !asTheyAddedIt))
    throw notFound(type);
  const { body, etag, headers } = await viewerReads(hub.store, request, stored);
  const version = /^W\/"(.*)"$/.exec(etag)?.[1] ?? stored.versionId;
  return { status: 200, body, headers: { ...headers, location: `${request.baseUrl}/${type}/${id}/_history/${version}` } };
}

/** How many matches of an `If-None-Exist` condition are read at a time. */
const CONDITION_PAGE = 50;

/**
 * Resources of the resident's that match an `If-None-Exist` condition
 * (`identifier=system|value`, or `identifier=value`), among those the caller
 * may see: the match is answered in full, so it is found as a read of it
 * would be — with the caller's visibility. A carer who may add readings but
 * not read them (add-only) is matched only with what they themself added,
 * which they sent: never someone's result. A value is required: `system|`
 * alone would match every identifier of the system.
 */
async function conditionalMatches(
  hub: HubContext,
  request: FhirRequest,
  type: string,
  condition: string,
  patientId: string,
): Promise<FhirJson[]> {
  const carer = request.pass.actingAs;
  const ownOnly = !request.pass.mayRead(type);
  if (ownOnly && !carer)
    throw withText(
      new FhirHttpError(
        403,
        'forbidden',
        'ACCESS_DENIED',
        `If-None-Exist answers with the ${type} it finds, which this access does not include; send X-Request-ID to make the create safe to repeat`,
      ),
      'This is not part of what you were given access to.',
    );
  const addedByCarer = (resource: FhirJson) =>
    [resource['performer'], resource['informationSource']]
      .flat()
      .some((author) => (author as { reference?: unknown } | undefined)?.reference === `RelatedPerson/${carer?.id ?? ''}`);
  const identifiers = new URLSearchParams(condition).getAll('identifier');
  const identifier = identifiers[0];
  if (identifiers.length !== 1 || [...new URLSearchParams(condition).keys()].some((name) => name !== 'identifier') || !identifier) {
    throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', 'If-None-Exist must be one identifier=system|value');
  }
  const bar = identifier.indexOf('|');
  const token = bar === -1 ? { system: '', code: identifier } : { system: identifier.slice(0, bar), code: identifier.slice(bar + 1) };
  if (token.code.trim() === '') throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', 'If-None-Exist must name an identifier value');
  // As a search does: by what the answer shows, never by a carer's account, which would tell whose it is (R16).
  const viewer = viewerOf(request);
  const shown = isShownSearchValue(viewer.kind === 'carer' ? viewer.carerAccount : undefined);
  const kept = (resource: FhirJson) =>
    matchesShownTokens(type, 'identifier', [identifier], resource, shown) && (!ownOnly || addedByCarer(resource));
  // Every match is looked at, a page at a time, until two are kept (enough to answer): what is left out here (others'
  // entries, for an add-only carer) must never crowd out the one that is kept, or a repeat would store a duplicate.
  const matches: FhirJson[] = [];
  let after: PageCursor | undefined;
  do {
    const found = await hub.store.search({
      type,
      patientId,
      criteria: [{ kind: 'token', name: 'identifier', values: [token], anySystem: [bar === -1] }],
      sort: { by: 'lastUpdated', descending: true },
      count: CONDITION_PAGE,
      after,
      visibility: request.pass.visibility,
    });
    matches.push(...found.resources.filter(kept));
    after = found.next;
  } while (after && matches.length < 2);
  return matches;
}

/**
 * Several GETs in one request; each entry is routed by the same router and
 * passes the same gate as it would on its own, and succeeds or fails on its own.
 */
const batchHandler: Handler = async (hub, request) => {
  const bundle = request.body as { entry?: { request?: { method?: string; url?: string } }[] };
  const entries = [];
  const batch: BatchState = {};
  for (const entry of bundle.entry ?? []) {
    let reply: FhirReply;
    try {
      // An entry is read as the same request on its own is (R2): its length, then its route, then its query's bytes.
      checkUrlLength(`${new URL(request.baseUrl).pathname}/${entry.request?.url ?? ''}`);
      const url = new URL(entry.request?.url ?? '', 'http://batch.invalid/');
      const route = routeFhir(hub.operations, entry.request?.method ?? 'GET', url.pathname);
      if (!route || route.operation.method !== 'GET' || route.operation.operationId === 'batch')
        throw new FhirHttpError(400, 'not-supported', 'INVALID_REQUEST', 'A batch entry must be a GET of an operation of the contract');
      checkQueryEncoding(url.search);
      reply = await passGate(
        hub,
        { ...request, operation: route.operation, url, path: route.path, headers: {}, body: undefined, batch },
        handle,
      );
    } catch (error) {
      if (!(error instanceof FhirHttpError)) throw error;
      reply = { status: error.status, body: entryRefusal(error, entry.request?.url ?? '') };
    }
    const ok = reply.status < 400;
    entries.push({
      ...(ok ? { resource: reply.body } : {}),
      response: {
        status: `${reply.status} ${statusText(reply.status)}`,
        ...(reply.headers?.['etag'] ? { etag: reply.headers['etag'] } : {}),
        ...(ok ? {} : { outcome: reply.body }),
      },
    });
  }
  return { status: 200, body: { resourceType: 'Bundle', id: randomUUID(), type: 'batch-response', entry: entries } };
};

const TYPE_REFUSALS: ReadonlySet<string> = new Set(['ROLE_RESTRICTED', 'PROXY_RESTRICTED']);

/**
 * A batch entry's failure as its reader must sort it. One that keeps a type from them — their role, a carer's kept
 * kind, or a token without the type's scope — names that type in `expression`, so a screen fails only that part; an
 * entry carries no `WWW-Authenticate` challenge, so a scope's refusal of a type says `SCOPE_RESTRICTED`. A refusal of
 * the resident (`Patient`, `$summary`) or of the whole record is sent as it is.
 */
function entryRefusal(error: FhirHttpError, url: string): FhirHttpError['outcome'] {
  const type = /^\/?([A-Z][A-Za-z]+)(?=[/?]|$)/.exec(url)?.[1];
  if (error.status !== 403 || type === undefined || type === 'Patient') return error.outcome;
  if (TYPE_REFUSALS.has(error.detail))
    return { ...error.outcome, issue: error.outcome.issue.map((issue) => ({ ...issue, expression: [type] })) };
  if (!/\berror="insufficient_scope"/.test(error.headers['www-authenticate'] ?? '')) return error.outcome;
  const refusal = operationOutcome('error', 'forbidden', 'SCOPE_RESTRICTED', error.message, [type]);
  const details = refusal.issue[0]?.details;
  if (details) details.text = 'The app you signed in with was not given access to this kind of information';
  return refusal;
}

function statusText(status: number): string {
  return (
    (
      {
        200: 'OK',
        201: 'Created',
        304: 'Not Modified',
        400: 'Bad Request',
        401: 'Unauthorized',
        403: 'Forbidden',
        404: 'Not Found',
        422: 'Unprocessable Entity',
      } as Record<number, string>
    )[status] ?? ''
  );
}

/** The choice as stored: the hub says when it was made, by whom, and that it came from the resident. */
/**
 * A Consent as the hub stores what a resident saved. Nothing of the `meta` she sent is stored as sent: its `source` and
 * `profile` are the hub's own; its tags, security labels and any other element are the stored version's (`previous`;
 * none on a new one), whatever she sent — a tag or label of hers could say it came from elsewhere, or change who may
 * see it; `versionId` and `lastUpdated` are the store's.
 */
function stampSharingChoice(consent: FhirJson, id: string, viewer: Viewer, now: number, previous?: FhirJson): FhirJson {
  const {
    versionId: _versionId,
    lastUpdated: _lastUpdated,
    source: _source,
    profile: _profile,
    ...recorded
  } = (previous?.['meta'] as FhirJson | undefined) ?? {};
  return {
    ...consent,
    id,
    meta: {
      ...recorded,
      source: 'https://care-record.example/source/resident',
      profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent'],
    },
    dateTime: new Date(now).toISOString(),
    performer: [{ reference: viewer.fhirUser }],
  };
}

function sharingChoiceReply(request: FhirRequest, status: number, stored: { resource: FhirJson; versionId: string; lastUpdated: string }) {
  const id = String(stored.resource['id']);
  return {
    status,
    body: stored.resource,
    headers: {
      ...(status === 201 ? { location: `${request.baseUrl}/Consent/${id}/_history/${stored.versionId}` } : {}),
      etag: `W/"${stored.versionId}"`,
      'last-modified': new Date(stored.lastUpdated).toUTCString(),
    },
  };
}

const createConsentHandler: Handler = async (hub, request) => {
  const viewer = viewerOf(request);
  const patientId = request.pass.patientId ?? '';
  const consent = request.body as FhirJson;
  if (consent['id'] !== undefined) throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', 'A new Consent has no id');
  checkSentMeta(consent, 'Consent');
  const create = await repeatableCreate(hub, request, 'Consent');
  if (create.earlier) return create.earlier;
  const created = async (id: string, put: (store: HubStore, now: number) => Promise<StoredResource>) => {
    const { stored, repeat } = await create.store(id, put);
    return repeat ?? sharingChoiceReply(request, 201, stored);
  };
  if (isProxyConsent(consent as unknown as Consent)) {
    // Someone the resident lets act for them: a resident may have several.
    await checkProxyConsent(consent, hub.store, patientId, request.pass.visibility);
    const id = `proxy-${randomUUID()}`;
    return created(id, (store, now) => store.put(stampSharingChoice(consent, id, viewer, now), now));
  }
  await checkSharingChoice(consent, hub.store);
  const id = `consent-${randomUUID()}`;
  return created(id, async (store, now) => {
    // Only a choice the resident can see stands in the way: one withheld from them is answered as not there (R13).
    if ((await sharingChoices(store, patientId, request.pass.visibility)).length > 0)
      throw withText(
        new FhirHttpError(
          409,
          'duplicate',
          'SHARING_CHOICE_EXISTS',
          'The resident already has a sharing choice: update it with PUT /Consent/{id}',
        ),
        'Your sharing choices were already saved. Reload the page to change them.',
      );
    return store.put(stampSharingChoice(consent, id, viewer, now), now);
  });
};

/** Whether a Consent sent carries no security labels, or exactly the stored version's (as a set). */
function sentLabelsAsStored(sent: FhirJson, stored: FhirJson): boolean {
  const labelsOf = (resource: FhirJson) => (resource['meta'] as { security?: unknown } | undefined)?.security;
  const sentLabels = labelsOf(sent);
  if (sentLabels === undefined) return true;
  const keys = (labels: unknown) => (Array.isArray(labels) ? labels.map((label) => canonicalJson(label)).sort() : [canonicalJson(labels)]);
  return canonicalJson(keys(sentLabels)) === canonicalJson(keys(labelsOf(stored) ?? []));
}

const updateConsentHandler: Handler = async (hub, request) => {
  const viewer = viewerOf(request);
  const consent = request.body as FhirJson;
  const id = request.parameters.path['id'] ?? '';
  if (consent['id'] !== id) throw new FhirHttpError(400, 'invalid', 'INVALID_REQUEST', 'The Consent id must be the id in the path');
  const now = hub.now();
  const proxy = isProxyConsent(consent as unknown as Consent);
  const stored = await hub.store.transaction(async (store) => {
    const current = await store.read('Consent', id);
    if (!current) throw notFound('Consent');
    // The version she read: of a permission she reads in part (a source document kept from her), her view's own.
    const { etag, body: read } = await viewerReads(store, request, current);
    if (request.parameters.headers['if-match'] !== etag)
      throw withText(
        new FhirHttpError(412, 'conflict', 'PRECONDITION_FAILED', `If-Match does not match the current version ${etag}`),
        proxy
          ? 'These choices about who can act for you were changed somewhere else since this page loaded. Check them and save again.'
          : 'Your sharing choices were changed somewhere else since this page loaded. Check them and save again.',
      );
    // The rest of meta, like labels, is the hub's and the practice's: sent back as she read it (in any order) it changes
    // nothing (the stored version's is kept); anything else is refused. Labels are compared with the stored version's.
    const { security: _security, ...sentMeta } = (consent['meta'] as FhirJson | undefined) ?? {};
    checkSentMeta({ ...consent, meta: sentMeta }, 'Consent', read, Object.keys((read['meta'] as FhirJson | undefined) ?? {}));
    // Labels are the hub's and the practice's to set: sent back as read (in any order) they change nothing; others are refused.
    if (!sentLabelsAsStored(consent, current.resource))
      throw new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', 'meta.security is set by the hub, not by the client', {}, [
        'Consent.meta.security',
      ]);
    if (isProxyConsent(current.resource as unknown as Consent) !== proxy)
      throw new FhirHttpError(
        422,
        'business-rule',
        'INVALID_RESOURCE',
        'A sharing choice and a proxy permission cannot be turned into each other',
      );
    // What her view left out (a reference to a form kept from her, anywhere in it) is kept as recorded: she sent back
    // what she read, and could not have changed what she did not see. Checked as it will be stored.
    // What only others record (`keptAsRecorded`) she may leave out: it is put back as it was.
    const changed = await withWithheldKept(consent, current.resource, referenceReader(request), store, CONSENT_RECORDED_BY_OTHERS);
    if (proxy) await checkProxyConsent(changed, store, request.pass.patientId ?? '', request.pass.visibility, current.resource);
    else await checkSharingChoice(changed, store, current.resource, hub.store);
    const toStore = stampSharingChoice(keptAsRecorded(changed, current.resource), id, viewer, now, current.resource);
    // As it will be stored (hers, granted now): not put in force for a carer kept from her, and its period readable.
    if (proxy) await checkPermissionChange(toStore, current.resource, store, request.pass.patientId ?? '', request.pass.visibility, now);
    // Stopping a permission before it was accepted cancels the invitation's code too.
    const invited =
      proxy && changed['status'] === 'inactive' ? readProxyConsent(changed as unknown as Consent)?.relatedPersonId : undefined;
    if (invited) await store.dropInvitation(invited, now);
    return store.put(toStore, now);
  });
  // Answered as she reads it: what is kept from her is kept in the answer too.
  const { body, headers } = await viewerReads(hub.store, request, stored);
  return { status: 200, body, headers };
};

/**
 * The resident's active sharing choices that they can see (not the permissions they gave carers): every page of her
 * active Consents, as `sharingRules` reads them — a choice behind 100 newer Consents of other kinds is still hers.
 */
async function sharingChoices(store: HubStore, patientId: string, visibility: Visibility): Promise<FhirJson[]> {
  const choices: FhirJson[] = [];
  let after: PageCursor | undefined;
  do {
    const page = await store.search({
      type: 'Consent',
      patientId,
      criteria: [{ kind: 'token', name: 'status', values: [{ system: '', code: 'active' }], anySystem: [true] }],
      sort: { by: 'lastUpdated', descending: true },
      count: 200,
      visibility,
      ...(after === undefined ? {} : { after }),
    });
    choices.push(...page.resources.filter(isSharingChoice));
    after = page.next;
  } while (after !== undefined);
  return choices;
}

/** A code for someone the resident added, to give to them: shown once, never cached. */
const inviteHandler: Handler = async (hub, request) => {
  const patientId = request.pass.patientId ?? '';
  const relatedPersonId = request.parameters.path['id'] ?? '';
  const { code, expires, name } = await createInvitation(hub.store, patientId, relatedPersonId, hub.now(), request.pass.visibility);
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'code', valueString: code },
        { name: 'expires', valueDateTime: new Date(expires).toISOString() },
        { name: 'relatedPerson', valueReference: { reference: `RelatedPerson/${relatedPersonId}`, ...(name ? { display: name } : {}) } },
      ],
    },
  };
};

/** A carer accepts a code: audited on the resident's record, naming the carer as that record does. */
const acceptInvitationHandler: Handler = async (hub, request) => {
  const viewer = viewerOf(request);
  const parameters = ((request.body as { parameter?: { name?: string; valueString?: string }[] }).parameter ?? []).filter(
    (parameter) => parameter.name === 'code',
  );
  const typed = parameters.length === 1 ? parameters[0]?.valueString : undefined;
  if (typeof typed !== 'string')
    throw new FhirHttpError(400, 'required', 'INVALID_REQUEST', 'Send one parameter `code` with the invitation code as valueString');
  const accepted = await acceptInvitation(hub.store, viewer.carerAccount ?? '', typed, hub.now());
  return {
    status: 200,
    patientsFound: [accepted.patientId],
    actingAs: { id: accepted.relatedPersonId, name: accepted.relatedPersonName },
    body: {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'patient',
          valueReference: {
            reference: `Patient/${accepted.patientId}`,
            ...(accepted.patientName ? { display: accepted.patientName } : {}),
          },
        },
        {
          name: 'relatedPerson',
          valueReference: {
            reference: `RelatedPerson/${accepted.relatedPersonId}`,
            ...(accepted.relatedPersonName ? { display: accepted.relatedPersonName } : {}),
          },
        },
      ],
    },
  };
};

const handlers: { match: (operationId: string) => boolean; handler: Handler }[] = [
  { match: (id) => id === 'inviteRelatedPerson', handler: inviteHandler },
  { match: (id) => id === 'acceptInvitation', handler: acceptInvitationHandler },
  { match: (id) => id === 'getCapabilityStatement', handler: capabilityHandler },
  { match: (id) => id === 'getWellbeingAdvice', handler: adviceHandler },
  { match: (id) => id === 'getPatientSummary', handler: summaryHandler },
  { match: (id) => id === 'readOperationDefinition', handler: operationDefinitionHandler },
  { match: (id) => id === 'batch', handler: batchHandler },
  { match: (id) => id.startsWith('read'), handler: readHandler },
  { match: (id) => id.startsWith('search'), handler: searchHandler },
  { match: (id) => id === 'createConsent', handler: createConsentHandler },
  { match: (id) => id === 'updateConsent', handler: updateConsentHandler },
  { match: (id) => id.startsWith('create'), handler: createHandler },
];

/** Answers a contract operation that has passed the gate. */
export function handle(hub: HubContext, request: FhirRequest): GatedReply | Promise<GatedReply> {
  const handler = handlers.find((candidate) => candidate.match(request.operation.operationId))?.handler;
  if (!handler) return { status: 501, body: operationOutcome('error', 'not-supported', 'SERVER_ERROR', 'Not implemented by this hub') };
  return handler(hub, request);
}
