/**
 * Reads one resident's record and turns the record page into the banner and
 * the summary: the record page is one `$summary` call where the server offers
 * it, else one batch of plain FHIR searches (and one batch for the names of
 * the organisations they came from).
 *
 * Two layers, so that what a page ships is what it shows:
 * - `openRecordReader` reads (the page's resources, the medicines, the
 *   timeline's pages) and builds no view model;
 * - `pageBanner` and `pageSummary` (here), `readMedications`
 *   (`read-medications.ts`) and `readTimeline` (`patient-record.ts`) turn what
 *   it read into one view model each. Import only the ones you show: a page
 *   with just the banner does not carry the summary, medicines or timeline
 *   code. Each lives in its own module so that a bundler that splits code
 *   (an element loaded on demand) keeps the medicines and timeline code out of
 *   the chunk the first screen loads: bundlers assign whole modules to chunks.
 *
 * Standalone functions rather than client methods, so that a client that
 * never shows a record page does not carry this code.
 */
import { batchRead, resourcesOf, type BatchRead } from '../client/batch.js';
import type { HubClient } from '../client/hub-client.js';
import { HubError } from '../client/hub-error.js';
import type { CallOptions } from '../client/types.js';
import type { Bundle, MedicationRequest, MedicationStatement, Patient } from '../fhir.js';
import { ALLERGY_STATE_LABELS, recordAllergyState, registeredPractice, type AllergyState, type RecordAudience } from './allergies.js';
import { bannerViewModel, type BannerViewModel } from './banner.js';
import type { MedicationsInput } from './medications.js';
import { CURRENT_REQUEST_STATUSES, CURRENT_STATEMENT_STATUSES } from './medicine-status.js';
import {
  cutShort,
  EVERY_TYPE,
  hasNextPage,
  mergeNotices,
  readNotices,
  restrictedNotices,
  searchFailureReason,
  searchNotices,
  typeRefusedBy,
  type LeftOutBy,
  type RecordNotices,
} from './notices.js';
import { knownSourceNames, lookUpSourceNames, organizationNames, referenceNames, unnamedSourceCodes } from './source.js';
import { summaryViewModel, type SummaryViewModel } from './summary/index.js';

export interface PatientRecordOptions {
  audience: RecordAudience;
  /** The moment ages and "upcoming" are counted from; default now. */
  now?: () => Date;
  /** Cancels every request the record makes (e.g. when the patient in context changes). */
  signal?: AbortSignal;
  correlationId?: string;
  /** Emergency access without a care relationship: the clinical reason, sent as `X-Break-Glass-Reason` and audited. */
  breakGlassReason?: string;
  /** The SMART scopes granted, so that sections the user may not see read "not permitted" rather than "none". */
  scopes?: string | readonly string[];
  nonClinicalRole?: boolean;
}

/** What the record page's one round trip read: the resources the banner and the summary are made from. */
export interface RecordPageData {
  /** The patient asked for (a page without them is an error, never shown). */
  patient: Patient;
  /** Every resource of the page, the patient included, as the server sent them (the view models guard and filter). */
  resources: unknown[];
  /** What the responses said they left out. */
  notices: RecordNotices;
  /** ODS code to organisation name, for the sources of the resources. */
  organizations: ReadonlyMap<string, string>;
  /** The moment the page was read: ages and "upcoming" count from it. */
  at: Date;
  /** HTTP round trips this page took (for budgets and tests). */
  roundTrips: number;
}

/** Reads one patient's record; builds no view model (see `pageBanner`, `pageSummary`, `readMedications`, `readTimeline`). */
export interface RecordReader {
  readonly patientId: string;
  readonly options: PatientRecordOptions;
  readonly hub: HubClient;
  /** Options for every request: the signal, correlation id and break-glass reason. */
  readonly call: CallOptions;
  now(): Date;
  /** ODS code to name of every source read so far; `organizationsFor` adds to it. */
  readonly organizations: ReadonlyMap<string, string>;
  /** Names for the sources of these resources, read in one batch for those not already known. */
  organizationsFor(resources: unknown[]): Promise<{ names: ReadonlyMap<string, string>; roundTrips: number }>;
  /** The record page's resources: one `$summary` call where the server offers it, else one batch of searches. */
  page(): Promise<RecordPageData>;
  /**
   * The record page being read, or last read, by `page()`; `undefined` when it has not been asked for. What else is
   * read of the record stands or falls with it: a list is never shown under a banner that could not be loaded.
   */
  pageBeingRead(): Promise<RecordPageData> | undefined;
  /**
   * Every MedicationRequest and MedicationStatement of the patient, all pages, with every page's notices. Only for a
   * resident confirmed: read with their Patient, and after the record page when it is being read — a record not
   * found, or whose page failed, fails its medicines the same way, never showing them or "none".
   */
  medicines(): Promise<MedicationsInput>;
}

/**
 * The hub's own `$summary` operation, by its canonical OperationDefinition. Other servers may define an
 * operation of the same name with another meaning (HL7's International Patient Summary is a document that
 * need not cover every section the record shows), so only this definition is read as the record summary.
 */
export const HUB_SUMMARY_DEFINITION = 'https://care-record.example/fhir/OperationDefinition/care-record-summary';

/** Whether a server offers the hub's `$summary` (by its canonical definition, not its name), asked once per client. */
const summaryOffered = new WeakMap<HubClient, Promise<boolean>>();

function offersSummary(hub: HubClient): Promise<boolean> {
  const known = summaryOffered.get(hub);
  if (known) return known;
  // Asked without the record's signal: the answer is about the server, not the patient, and is kept for the client.
  const asking = hub
    .get('/metadata')
    .then((capabilities) =>
      (capabilities.rest ?? []).some((rest) =>
        (rest.resource ?? []).some(
          (resource) =>
            resource.type === 'Patient' &&
            (resource.operation ?? []).some(
              (operation) => operation.name === 'summary' && withoutVersion(operation.definition) === HUB_SUMMARY_DEFINITION,
            ),
        ),
      ),
    );
  summaryOffered.set(hub, asking);
  // A failed question is not an answer: ask again next time, and meanwhile use plain searches.
  return asking.catch(() => {
    if (summaryOffered.get(hub) === asking) summaryOffered.delete(hub);
    return false;
  });
}

/** A canonical URL without its `|version`. */
const withoutVersion = (canonical: unknown): string | undefined => (typeof canonical === 'string' ? canonical.split('|')[0] : undefined);

export function openRecordReader(hub: HubClient, patientId: string, options: PatientRecordOptions): RecordReader {
  const call: CallOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    ...(options.breakGlassReason ? { headers: { 'x-break-glass-reason': options.breakGlassReason } } : {}),
  };
  const now = () => options.now?.() ?? new Date();
  const organizationCache = new Map<string, string>();
  /** The record page being read, or last read: what else this reader reads stands or falls with it. */
  let pageRead: Promise<RecordPageData> | undefined;

  async function organizationsFor(resources: unknown[]): Promise<{ names: Map<string, string>; roundTrips: number }> {
    for (const [code, name] of [...knownSourceNames(hub), ...organizationNames(resources), ...referenceNames(resources)])
      organizationCache.set(code, name);
    const roundTrips = unnamedSourceCodes(resources, organizationCache).length > 0 ? 1 : 0;
    // A source whose name cannot be read is shown as "Not known" by the view models: never as another organisation.
    await lookUpSourceNames(hub, resources, call, organizationCache);
    return { names: organizationCache, roundTrips };
  }

  /** Every page of a search, following the server's next links. */
  async function everyPage(template: string, query: Record<string, unknown>): Promise<Bundle[]> {
    const pages: Bundle[] = [];
    for await (const page of (hub.pages as (path: string, init: object) => AsyncIterable<Bundle>)(template, { query, ...call }))
      pages.push(page);
    return pages;
  }

  async function pageFromSummary(): Promise<RecordPageData> {
    const at = now();
    const response = await hub.request('get', '/Patient/{id}/$summary', { path: { id: patientId }, ...call });
    const bundle = response.data;
    const resources = resourcesOf(bundle);
    const patient = resources.find(
      (resource): resource is Patient => (resource as Patient).resourceType === 'Patient' && (resource as Patient).id === patientId,
    );
    // A summary without the patient it was asked for cannot be shown under their banner.
    if (!patient)
      throw new HubError({
        kind: 'invalid-response',
        operation: 'GET /Patient/{id}/$summary',
        requestId: response.requestId,
        status: response.status,
      });
    const { names, roundTrips } = await organizationsFor(resources);
    return { patient, resources, notices: readNotices([bundle]), organizations: names, at, roundTrips: 1 + roundTrips };
  }

  async function pageFromSearches(): Promise<RecordPageData> {
    const at = now();
    const today = at.toISOString().slice(0, 10);
    const searches: [template: string, query: Record<string, unknown>][] = [
      ['/AllergyIntolerance', { patient: patientId, _count: 500 }],
      ['/Condition', { patient: patientId, _count: 500 }],
      // Every status the medication headline counts as current (on hold, draft, unknown too), as the list does.
      // With the Medications they name by reference, so that the summary names them as the list does.
      [
        '/MedicationRequest',
        { patient: patientId, status: [...CURRENT_REQUEST_STATUSES], _include: ['MedicationRequest:medication'], _count: 500 },
      ],
      [
        '/MedicationStatement',
        { patient: patientId, status: [...CURRENT_STATEMENT_STATUSES], _include: ['MedicationStatement:medication'], _count: 500 },
      ],
      ['/Flag', { patient: patientId, _count: 500 }],
      ['/CarePlan', { patient: patientId, status: ['active'], _count: 500 }],
      ['/Goal', { patient: patientId, 'lifecycle-status': ['proposed', 'planned', 'accepted', 'active', 'on-hold'], _count: 500 }],
      ['/EpisodeOfCare', { patient: patientId, status: ['active'], _count: 500 }],
      ['/RelatedPerson', { patient: patientId, _count: 500 }],
      ['/Immunization', { patient: patientId, status: ['completed', 'not-done'], _count: 500 }],
      ['/Procedure', { patient: patientId, _count: 500 }],
      ['/Appointment', { patient: patientId, status: ['booked'], date: [`ge${today}`], _count: 500 }],
    ];
    const reads: BatchRead<unknown>[] = [
      batchRead('/Patient/{id}', { path: { id: patientId } }),
      ...searches.map(([template, query]) =>
        (batchRead as (path: string, init: { query: unknown }) => BatchRead<unknown>)(template, { query }),
      ),
    ];
    const results = await hub.batch(reads, call);
    const [patientResult, ...answers] = results;
    if (!patientResult?.ok) throw patientResult?.error ?? new Error('The batch returned no entries');
    // A search the role may not make is "not available to your role". Only the Patient is the record: a search the
    // server does not support (404, `not-supported`), refused (400) or failed (500) is not the record missing, and
    // fails its own part ("could not be read", with why), never "none", while the rest is shown.
    // A sign-in that ended (401), or access to this record refused (403, not a refusal of one type: the role's, the
    // sign-in's scopes', a carer's proxy access'), is the whole page's: nothing of the record can be read with it,
    // and the page says so (or offers emergency access).
    const refused = answers.find(
      (result) => !result.ok && (result.status === 401 || result.status === 403) && typeRefusedBy(result.error) === undefined,
    );
    if (refused && !refused.ok) throw refused.error;
    const leftOut = new Map<LeftOutBy, string[]>();
    const unread: { type: string; reason: string }[] = [];
    const read: Promise<{ type: string; pages: Bundle[] }>[] = [];
    answers.forEach((result, index) => {
      const search = searches[index];
      const type = search?.[0].replace(/^\//, '') || EVERY_TYPE;
      if (result.ok) {
        const bundle = result.resource as Bundle;
        // A server with a smaller page than asked for says so with a next link: read the rest, so that a list is
        // never shown as complete when it is not (the first page is read again: a batch entry has no page of its own).
        if (search && hasNextPage(bundle)) read.push(everyPage(search[0], search[1]).then((pages) => ({ type, pages })));
        else read.push(Promise.resolve({ type, pages: [bundle] }));
      } else {
        const by = typeRefusedBy(result.error);
        if (by) leftOut.set(by, [...(leftOut.get(by) ?? []), type]);
        else unread.push({ type, reason: searchFailureReason(result.error) });
      }
    });
    const searched = await Promise.all(read);
    const bundles = searched.flatMap(({ pages }) => pages);
    // An answer that says it holds more than it gave, with no way to read the rest, is said as such (how many of how many).
    const cut = searched.map(({ type, pages }) => cutShort(type, pages));
    // The batch checked that the first entry is this patient.
    const patient = patientResult.resource as Patient;
    const resources = [patient, ...bundles.flatMap(resourcesOf)];
    const { names, roundTrips } = await organizationsFor(resources);
    const notices = mergeNotices(
      readNotices(bundles),
      ...[...leftOut].map(([by, types]) => restrictedNotices(types, by)),
      searchNotices(unread, cut),
    );
    return { patient, resources, notices, organizations: names, at, roundTrips: 1 + roundTrips };
  }

  return {
    patientId,
    options,
    hub,
    call,
    now,
    organizations: organizationCache,
    organizationsFor,
    page() {
      // Always a promise, failing as the reads do, even where asking the server what it offers throws at once.
      const reading = (async () => ((await offersSummary(hub)) ? pageFromSummary() : pageFromSearches()))();
      pageRead = reading;
      return reading;
    },
    pageBeingRead: () => pageRead,
    async medicines() {
      // GP Connect and most EPRs name a medicine by a Medication of its own (`medicationReference`): it comes with
      // the orders and statements that name it, in the same answer, rather than by a request for each.
      const requestQuery = { patient: patientId, _include: ['MedicationRequest:medication' as const], _count: 500 };
      const statementQuery = { patient: patientId, _include: ['MedicationStatement:medication' as const], _count: 500 };
      // With the Patient, so that a record not found (404, 410) is said as such, never as "No medicines recorded".
      const [confirmed, requests, statements] = await hub.batch(
        [
          batchRead('/Patient/{id}', { path: { id: patientId } }),
          batchRead('/MedicationRequest', { query: requestQuery }),
          batchRead('/MedicationStatement', { query: statementQuery }),
        ],
        call,
      );
      // A token whose scopes do not read Patients (an app given only medicines) is refused it (403), which says
      // nothing of the record; a record not found, or any other failure, fails the medicines.
      if (!confirmed.ok && !isRefused(confirmed.error)) throw confirmed.error;
      // The record page's failure is the medicines' too: no list under a banner that could not be loaded.
      if (pageRead) await pageRead;
      // A kind of medicine refused as a type (the role's, the sign-in's scopes', a carer's proxy access') is told so
      // in the refusal's words by the view model, never shown as none; the other kind is shown.
      const typeRefusals = [
        { type: 'MedicationRequest', by: requests.ok ? undefined : typeRefusedBy(requests.error) },
        { type: 'MedicationStatement', by: statements.ok ? undefined : typeRefusedBy(statements.error) },
      ].flatMap(({ type, by }) => (by ? [restrictedNotices([type], by)] : []));
      if (typeRefusals.length === 2) {
        return { requests: [], statements: [], patientId, notices: mergeNotices(...typeRefusals), organizations: organizationCache };
      }
      // One search that could not be read (a server without MedicationStatement, a 500 on either) fails only its
      // part (R17): the other is shown, and the list names what it could not read, never "No medicines". Every search
      // not refused as a type failed, a sign-in that ended or the record refused, or a request cancelled: the list
      // fails as a whole.
      const failures = [requests, statements].flatMap((result) => (result.ok || typeRefusedBy(result.error) ? [] : [result.error]));
      if (
        failures.length + typeRefusals.length === 2 ||
        failures.some((error) => error instanceof HubError && (error.kind === 'aborted' || error.status === 401 || error.status === 403))
      )
        throw failures[0];
      const unread = [
        ...(requests.ok || typeRefusedBy(requests.error)
          ? []
          : [{ type: 'MedicationRequest', reason: searchFailureReason(requests.error) }]),
        ...(statements.ok || typeRefusedBy(statements.error)
          ? []
          : [{ type: 'MedicationStatement', reason: searchFailureReason(statements.error) }]),
      ];
      // A record with more than one page of medicines reads the rest page by page, with the Medications each page
      // includes: nothing is left out.
      // Every page's notices count: a source that did not answer on page 2 is said as on page 1.
      const everyPageOf = async (path: '/MedicationRequest' | '/MedicationStatement'): Promise<Bundle[]> => {
        const read: Bundle[] = [];
        const pages =
          path === '/MedicationRequest'
            ? hub.pages(path, { query: requestQuery, ...call })
            : hub.pages(path, { query: statementQuery, ...call });
        for await (const page of pages) read.push(page as Bundle);
        return read;
      };
      const all = async (bundle: Bundle | undefined, path: '/MedicationRequest' | '/MedicationStatement'): Promise<Bundle[]> =>
        bundle === undefined ? [] : hasNextPage(bundle) ? await everyPageOf(path) : [bundle];
      const requestPages = await all(requests.ok ? requests.resource : undefined, '/MedicationRequest');
      const statementPages = await all(statements.ok ? statements.resource : undefined, '/MedicationStatement');
      const requestList = requestPages.flatMap(resourcesOf) as MedicationRequest[];
      const statementList = statementPages.flatMap(resourcesOf) as MedicationStatement[];
      const { names } = await organizationsFor([...requestList, ...statementList]);
      const everything: unknown[] = [...requestList, ...statementList];
      return {
        requests: requestList.filter((resource) => resource.resourceType === 'MedicationRequest'),
        statements: statementList.filter((resource) => resource.resourceType === 'MedicationStatement'),
        // Medications a server included (or sent beside the orders), so that orders naming them by reference have a name.
        medications: everything.filter((resource) => (resource as { resourceType?: unknown } | null)?.resourceType === 'Medication'),
        patientId,
        // An answer that says it holds more than it gave, with no way to read the rest: the list says how many of how many.
        notices: mergeNotices(
          readNotices([...requestPages, ...statementPages]),
          searchNotices(unread, [cutShort('MedicationRequest', requestPages), cutShort('MedicationStatement', statementPages)]),
          ...typeRefusals,
        ),
        organizations: names,
      };
    },
  };
}

/** Whether an error is the server refusing this sign-in a read (HTTP 403). */
const isRefused = (error: unknown): boolean => error instanceof HubError && error.status === 403;

/** The banner's identity never depends on clinical items: allergies that cannot be read at all are "unavailable". */
function allergiesOrUnavailable(read: () => AllergyState): AllergyState {
  try {
    return read();
  } catch {
    return { kind: 'unavailable', label: ALLERGY_STATE_LABELS.unavailable, withheld: false, reason: 'unreadable', sources: [] };
  }
}

/** The patient banner of a record page, with the same allergy state as its summary. */
export function pageBanner(page: RecordPageData, options: PatientRecordOptions): BannerViewModel {
  const { patient, resources, organizations, notices } = page;
  const gpPractice = registeredPractice(patient, resources);
  const patientId = patient.id ?? '';
  const viewer = { scopes: options.scopes, nonClinicalRole: options.nonClinicalRole };
  return bannerViewModel(patient, {
    audience: options.audience,
    now: page.at,
    organizations,
    allergies: allergiesOrUnavailable(() =>
      recordAllergyState(resources, { audience: options.audience, organizations, patientId, notices, viewer }),
    ),
    ...(gpPractice ? { gpPractice } : {}),
  });
}

/** The record summary of a record page. */
export function pageSummary(page: RecordPageData, options: PatientRecordOptions): SummaryViewModel {
  return summaryViewModel(page.resources, {
    audience: options.audience,
    now: page.at,
    patientId: page.patient.id ?? '',
    organizations: page.organizations,
    notices: page.notices,
    ...(options.scopes ? { scopes: options.scopes } : {}),
    ...(options.nonClinicalRole ? { nonClinicalRole: true } : {}),
  });
}
