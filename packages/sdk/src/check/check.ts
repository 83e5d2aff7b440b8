/**
 * What the record reader will use, and what it will miss, on a FHIR server a
 * vendor points it at: `npx @care-record/sdk check <fhir-base-url>` (see
 * `cli.ts`) and `checkServer` for a vendor's own tests.
 *
 * It reads the CapabilityStatement; checks each search the elements make;
 * tells the hub's `$summary` from another operation of the same name; and,
 * given a patient (and a token where the server needs one), follows a
 * search's paging links, measures whether a batch is worked through in
 * parallel or one entry at a time, and, given a page origin, asks the server
 * for the CORS preflight a browser would send. A `problem` means the record
 * cannot be shown truthfully there; a `warning` means it can, with a cost or
 * a setting to change.
 */
import { batchRead, type BatchRead } from '../client/batch.js';
import { createHubClient, type HubClient } from '../client/hub-client.js';
import type { HubAuth } from '../auth/access-token.js';
import type { Bundle } from '../fhir.js';
import { cutShort } from '../record/notices.js';
import { HUB_SUMMARY_DEFINITION } from '../record/record-reader.js';

export type FindingLevel = 'ok' | 'info' | 'warning' | 'problem';

export interface Finding {
  level: FindingLevel;
  /** What the finding is about: `CapabilityStatement`, `Timeline`, `Paging`, `Batch`, `CORS`… */
  area: string;
  /** One sentence in plain words. */
  message: string;
}

export interface CheckOptions {
  /** The FHIR base URL, e.g. `https://fhir.example.org/r4`. */
  baseUrl: string;
  /** A bearer token (or the SDK's auth) when the server requires one. */
  auth?: HubAuth;
  /** A patient whose record to read for the paging and batch checks; without one they are skipped. */
  patient?: string;
  /** The origin of the page that will embed the elements, for the CORS check (e.g. `https://gp-system.example`). */
  origin?: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
}

export interface CheckReport {
  baseUrl: string;
  findings: Finding[];
  /** No finding is a `problem`: the record can be shown truthfully from this server. */
  truthful: boolean;
  /** How the record page will be read: the hub's `$summary`, or a batch of plain searches. */
  strategy: 'summary' | 'searches' | 'unknown';
}

interface CapabilityResource {
  type?: string;
  interaction?: { code?: string }[];
  searchParam?: { name?: string; type?: string }[];
  operation?: { name?: string; definition?: string }[];
}
interface Capability {
  resourceType?: string;
  fhirVersion?: string;
  rest?: { mode?: string; interaction?: { code?: string }[]; resource?: CapabilityResource[] }[];
}

/** The searches each part of the record makes, and the parameters each relies on. */
export const RECORD_SEARCHES: { area: string; type: string; parameters: string[]; required: boolean }[] = [
  { area: 'Banner', type: 'Patient', parameters: [], required: true },
  { area: 'Summary', type: 'AllergyIntolerance', parameters: ['patient'], required: true },
  { area: 'Summary', type: 'Condition', parameters: ['patient'], required: true },
  { area: 'Summary', type: 'MedicationRequest', parameters: ['patient', 'status'], required: true },
  { area: 'Summary', type: 'MedicationStatement', parameters: ['patient', 'status'], required: true },
  { area: 'Summary', type: 'Flag', parameters: ['patient'], required: true },
  { area: 'Summary', type: 'CarePlan', parameters: ['patient', 'status'], required: false },
  { area: 'Summary', type: 'Goal', parameters: ['patient', 'lifecycle-status'], required: false },
  { area: 'Summary', type: 'EpisodeOfCare', parameters: ['patient', 'status'], required: false },
  { area: 'Summary', type: 'RelatedPerson', parameters: ['patient'], required: false },
  { area: 'Summary', type: 'Immunization', parameters: ['patient', 'status'], required: false },
  { area: 'Summary', type: 'Procedure', parameters: ['patient'], required: false },
  { area: 'Summary', type: 'Appointment', parameters: ['patient', 'status', 'date'], required: false },
  { area: 'Timeline', type: 'Encounter', parameters: ['patient', 'date'], required: false },
  { area: 'Timeline', type: 'DiagnosticReport', parameters: ['patient', 'date'], required: false },
  { area: 'Timeline', type: 'Observation', parameters: ['patient', 'date'], required: false },
  { area: 'Timeline', type: 'DocumentReference', parameters: ['patient', 'date'], required: false },
];

const withoutVersion = (url: string | undefined) => url?.split('|')[0];

/** Checks a FHIR server for the record reader; never throws for anything the server answers. */
export async function checkServer(options: CheckOptions): Promise<CheckReport> {
  const findings: Finding[] = [];
  const add = (level: FindingLevel, area: string, message: string) => findings.push({ level, area, message });
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const hub = createHubClient({
    baseUrl,
    ...(options.auth !== undefined ? { auth: options.auth } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let strategy: CheckReport['strategy'] = 'unknown';

  let capability: Capability | undefined;
  try {
    const response = await doFetch(`${baseUrl}/metadata`, { headers: { accept: 'application/fhir+json' } });
    if (!response.ok)
      add(
        'problem',
        'CapabilityStatement',
        `GET ${baseUrl}/metadata answered ${response.status}: the reader cannot tell what the server offers.`,
      );
    else capability = (await response.json()) as Capability;
  } catch (error) {
    add(
      'problem',
      'CapabilityStatement',
      `The server could not be reached at ${baseUrl}/metadata (${error instanceof Error ? error.message : 'no answer'}).`,
    );
  }
  if (capability && capability.resourceType !== 'CapabilityStatement') {
    add('problem', 'CapabilityStatement', `${baseUrl}/metadata is not a CapabilityStatement.`);
    capability = undefined;
  }

  if (capability) {
    if (!capability.fhirVersion?.startsWith('4.0'))
      add(
        'problem',
        'CapabilityStatement',
        `The server speaks FHIR ${capability.fhirVersion ?? '(version not stated)'}; the record reads FHIR R4 (4.0.x).`,
      );
    else add('ok', 'CapabilityStatement', `FHIR ${capability.fhirVersion}.`);
    const rest = (capability.rest ?? []).find((entry) => entry.mode !== 'client') ?? capability.rest?.[0];
    const resources = new Map((rest?.resource ?? []).map((resource) => [resource.type ?? '', resource]));

    for (const search of RECORD_SEARCHES) {
      const resource = resources.get(search.type);
      const searches = resource?.interaction?.some((interaction) => interaction.code === 'search-type' || interaction.code === 'read');
      if (!resource || !searches) {
        add(
          search.required ? 'problem' : 'warning',
          search.area,
          `The server does not offer ${search.type}: the ${search.area.toLowerCase()} will say it could not be read${search.required ? '' : ', and shows everything else'}.`,
        );
        continue;
      }
      const declared = new Set((resource.searchParam ?? []).map((parameter) => parameter.name));
      const missing = search.parameters.filter((name) => !declared.has(name) && !(name === 'patient' && declared.has('subject')));
      if (missing.length > 0)
        add(
          'warning',
          search.area,
          `${search.type} does not declare ${missing.map((name) => `"${name}"`).join(', ')}: the searches may be refused or unfiltered.`,
        );
    }

    const operations = resources.get('Patient')?.operation ?? [];
    const summary = operations.find((operation) => operation.name === 'summary');
    if (summary && withoutVersion(summary.definition) === HUB_SUMMARY_DEFINITION) {
      strategy = 'summary';
      add('ok', 'Summary', 'The server offers the care-record $summary: the record page is one request.');
    } else {
      strategy = 'searches';
      if (summary)
        add(
          'info',
          'Summary',
          `The server's $summary is another operation (${summary.definition ?? 'no definition given'}), not the care-record summary: it is not used, and the record is read with plain searches.`,
        );
      else add('info', 'Summary', 'No care-record $summary: the record page is read with one batch of plain searches.');
      if (!rest?.interaction?.some((interaction) => interaction.code === 'batch'))
        add('problem', 'Batch', 'The server does not declare batch (POST of a Bundle to the base): the record page cannot be read.');
    }
  }

  if (options.patient) await checkRecordReads(hub, options.patient, strategy, add);
  else add('info', 'Paging', 'No patient given (--patient): paging and batch speed were not measured.');

  if (options.origin) await checkCors(doFetch, baseUrl, options.origin, options.auth !== undefined, add);
  else add('info', 'CORS', 'No page origin given (--origin): the CORS preflight was not checked.');

  add(
    'info',
    'Withheld items',
    'The elements say "Some information is not shown" only when the server marks it: meta.security REDACTED or SUBSETTED on a searchset, or an OperationOutcome entry with code "suppressed"; a source that did not answer is an entry with code "incomplete". A server that leaves items out without these signals makes the record look complete when it is not.',
  );
  return { baseUrl, findings, truthful: !findings.some((finding) => finding.level === 'problem'), strategy };
}

/** Paging (the links are followed as the reader follows them) and batch behaviour, for one patient. */
async function checkRecordReads(
  hub: HubClient,
  patient: string,
  strategy: CheckReport['strategy'],
  add: (level: FindingLevel, area: string, message: string) => void,
): Promise<void> {
  try {
    let pages = 0;
    let matches = 0;
    let firstPage = 0;
    const read: Bundle[] = [];
    for await (const page of hub.pages('/Observation', { query: { patient, _sort: '-date', _count: 50 } })) {
      const count = (page.entry ?? []).filter((entry) => entry.search?.mode !== 'include').length;
      if (pages === 0) firstPage = count;
      pages += 1;
      matches += count;
      read.push(page as Bundle);
      if (pages >= 4) break;
    }
    if (pages > 1 && firstPage < 50)
      add('warning', 'Paging', `The server caps a page at ${firstPage} results (50 asked): a long timeline needs many more requests.`);
    // An answer that says it holds more than it gave, with no next link to read the rest: lists will say they may be
    // incomplete (how many of how many), never that they are all there is.
    const cut = pages < 4 ? cutShort('Observation', read) : undefined;
    if (cut)
      add(
        'warning',
        'Paging',
        `The server said the search holds ${cut.total} results but gave ${cut.shown}, with no next link to read the rest: lists read from such answers say they may be incomplete, and cannot show the rest.`,
      );
    else
      add(
        'ok',
        'Paging',
        pages > 1
          ? `Followed ${pages} pages of results (${matches} observations) through the server's own next links.`
          : `One page held every result (${matches} observations); no next link to follow.`,
      );
  } catch (error) {
    add(
      'problem',
      'Paging',
      `Reading a search page by page failed: ${error instanceof Error ? error.message : 'no answer'}. The record would stop at the first page.`,
    );
  }
  if (strategy !== 'searches') return;
  const searches = ['/AllergyIntolerance', '/Condition', '/Flag', '/Procedure'] as const;
  try {
    const started = performance.now();
    const get = hub.get as (path: string, init: { query: unknown }) => Promise<unknown>;
    await Promise.all(searches.map((path) => get(path, { query: { patient, _count: 50 } })));
    const parallel = performance.now() - started;
    const batchStarted = performance.now();
    const read = batchRead as (path: string, init: { query: unknown }) => BatchRead<unknown>;
    await hub.batch(searches.map((path) => read(path, { query: { patient, _count: 50 } })));
    const batch = performance.now() - batchStarted;
    const detail = `a batch of 4 searches took ${Math.round(batch)} ms; the same 4 sent together took ${Math.round(parallel)} ms`;
    if (batch > parallel * 2.5 && batch - parallel > 100)
      add(
        'warning',
        'Batch',
        `The server seems to work through a batch one entry at a time (${detail}): create the client with \`batchReads: 'parallel'\` to send the record's reads as separate requests.`,
      );
    else add('ok', 'Batch', `Batches are answered promptly (${detail}).`);
  } catch (error) {
    add(
      'problem',
      'Batch',
      `A batch of plain searches failed: ${error instanceof Error ? error.message : 'no answer'}. The record page cannot be read.`,
    );
  }
}

/** The preflight a browser sends before the reader's first request from the embedding page. */
async function checkCors(
  doFetch: typeof globalThis.fetch,
  baseUrl: string,
  origin: string,
  withToken: boolean,
  add: (level: FindingLevel, area: string, message: string) => void,
): Promise<void> {
  const wanted = ['content-type', 'x-request-id', ...(withToken ? ['authorization'] : [])];
  try {
    const response = await doFetch(`${baseUrl}/metadata`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': wanted.join(',') },
    });
    const allowedOrigin = response.headers.get('access-control-allow-origin');
    if (allowedOrigin !== '*' && allowedOrigin !== origin) {
      add('problem', 'CORS', `The server does not allow requests from ${origin}: a browser will refuse every request the elements make.`);
      return;
    }
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(',').map((name) => name.trim().toLowerCase());
    const lacking = wanted.filter((name) => !allowed.includes(name) && !allowed.includes('*'));
    if (lacking.includes('authorization') || lacking.includes('content-type'))
      add(
        'problem',
        'CORS',
        `The server's CORS allow-list lacks ${lacking.join(', ')}: a browser will refuse the elements' requests from ${origin}.`,
      );
    else if (lacking.includes('x-request-id'))
      add(
        'warning',
        'CORS',
        `The server's CORS allow-list lacks X-Request-ID: create the client with \`requestIdHeader: false\` (or another allowed header), or every request from ${origin} will be refused.`,
      );
    else add('ok', 'CORS', `Requests from ${origin} are allowed, with the headers the client sends.`);
  } catch (error) {
    add('problem', 'CORS', `The CORS preflight failed: ${error instanceof Error ? error.message : 'no answer'}.`);
  }
}

/** The report as lines for a terminal. */
export function formatReport(report: CheckReport): string {
  const marks: Record<FindingLevel, string> = { ok: '✔', info: 'ℹ', warning: '⚠', problem: '✘' };
  const lines = [`care-record check of ${report.baseUrl}`, ''];
  for (const finding of report.findings) lines.push(`${marks[finding.level]} ${finding.area}: ${finding.message}`);
  lines.push(
    '',
    report.truthful
      ? `The record can be shown truthfully from this server (${report.strategy === 'summary' ? 'one $summary per record page' : 'a batch of plain searches per record page'}).`
      : 'The record cannot be shown truthfully from this server until the problems above (✘) are fixed.',
  );
  return lines.join('\n');
}
