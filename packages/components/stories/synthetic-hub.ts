/**
 * A synthetic hub for the stories: Mock Service Worker handlers that answer
 * the SDK's real requests (`/metadata`, `$summary`, searches with paging, `POST /`
 * batches, reads) from a small synthetic borough, the way the reference hub
 * does — searchset Bundles, OperationOutcome for errors, and the notices for
 * withheld items and unavailable sources. The static Storybook build needs no
 * server.
 *
 * Who is asking comes from the bearer token, as with the real hub:
 * `storybook-clinician` is a GP at Tufnell Green Surgery (F83999), who does
 * not see sensitive items (`SEX`, `SDV`, `R`, `V`) recorded elsewhere;
 * `storybook-resident` is the resident, who never sees `NOPAT` items.
 */
import { createBorough } from '@care-record/synthetic';
import { http, HttpResponse, delay, type HttpHandler } from 'msw';

/** The moment the borough is generated at; ages and "upcoming" are counted from the real clock. */
export const BOROUGH_NOW = '2026-11-28T09:00:00Z';
export const borough = createBorough({ seed: 'care-record', residents: 12, now: BOROUGH_NOW });

/** The synthetic hub's FHIR base. Same origin as Storybook, on a path nothing else serves. */
export const SYNTHETIC_HUB = `${globalThis.location?.origin ?? 'http://localhost'}/synthetic-hub/fhir`;

/** The cast of the borough (see packages/synthetic/README.md), by what each shows. */
export const RESIDENTS = {
  adult: 'pat-000001',
  longHistory: 'pat-000002',
  frailOlder: 'pat-000003',
  child: 'pat-000004',
  deceased: 'pat-000005',
  newborn: 'pat-000006',
  mentalHealth: 'pat-000007',
  sexualHealth: 'pat-000008',
  noGp: 'pat-000009',
} as const;

export interface HubScenario {
  /** Milliseconds before each answer, or `never` to keep every request waiting. */
  delay?: number | 'never';
  /** Every request fails with this HTTP status and an OperationOutcome. */
  failWith?: number;
  /** Source systems (ODS codes) that did not answer: their items are left out and named in a notice. */
  unavailableSources?: readonly string[];
  /** The record holds the Patient and nothing else. */
  empty?: boolean;
  /** Answers that break the rules: fields missing, codes without text, dates gone, an item about someone else. */
  malformed?: boolean;
}

type Json = Record<string, unknown>;

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE_SYSTEM = 'https://care-record.example/source';
const SENSITIVE = ['SEX', 'SDV', 'R', 'V'];
const VIEWER_PRACTICE = `${SOURCE_SYSTEM}/F83999`;
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

const outcome = (severity: string, code: string, detail: string, diagnostics: string): Json => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity, code, details: { coding: [{ system: HUB_ERROR_SYSTEM, code: detail }] }, diagnostics }],
});

const labelsOf = (resource: Json): string[] =>
  (((resource['meta'] as Json | undefined)?.['security'] as { code?: string }[] | undefined) ?? []).map((label) => label.code ?? '');
const sourceOf = (resource: Json): string | undefined => (resource['meta'] as Json | undefined)?.['source'] as string | undefined;

/** The date a search sorts and filters by, as the reference hub reads it. */
function clinicalDate(resource: Json): string {
  const period = resource['period'] as Json | undefined;
  const candidates = [
    resource['effectiveDateTime'],
    (resource['effectivePeriod'] as Json | undefined)?.['start'],
    period?.['start'],
    resource['start'],
    resource['date'],
    resource['issued'],
    resource['authoredOn'],
    resource['recordedDate'],
    resource['onsetDateTime'],
    resource['created'],
    resource['occurrenceDateTime'],
    resource['performedDateTime'],
    (resource['dateAsserted'] as string | undefined) ?? undefined,
  ];
  return (candidates.find((value) => typeof value === 'string') as string | undefined) ?? '';
}

function codeOf(concept: unknown): string[] {
  return (((concept as Json | undefined)?.['coding'] as { code?: string }[] | undefined) ?? []).map((coding) => coding.code ?? '');
}

/** Whether a resource has one of the statuses asked for (`status=active,completed`). */
function hasStatus(resource: Json, statuses: string[]): boolean {
  const status = resource['status'];
  if (typeof status === 'string') return statuses.includes(status);
  return codeOf(resource['clinicalStatus']).some((code) => statuses.includes(code));
}

function matchesDate(resource: Json, criteria: string[]): boolean {
  const value = clinicalDate(resource);
  return criteria.every((criterion) => {
    const [, prefix = 'eq', date = ''] = /^(eq|ne|lt|gt|le|ge)?(.*)$/.exec(criterion) ?? [];
    if (!value) return false;
    const left = value.slice(0, date.length);
    switch (prefix) {
      case 'ge':
        return left >= date;
      case 'gt':
        return left > date;
      case 'le':
        return left <= date;
      case 'lt':
        return left < date;
      case 'ne':
        return left !== date;
      default:
        return left === date;
    }
  });
}

const without = (resource: Json, keys: readonly string[]): Json =>
  Object.fromEntries(Object.entries(resource).filter(([key]) => !keys.includes(key)));

/** Breaks a resource the ways real feeds do: missing text, missing dates, missing sources. */
function mangle(resource: Json, index: number): Json {
  if (resource['resourceType'] === 'Patient')
    return {
      ...without(resource, ['name', 'birthDate', 'gender', 'address']),
      identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '1234567890' }],
    };
  const dropped = [
    ...(index % 2 === 0 ? ['meta'] : []),
    ...(index % 3 === 0 ? ['code', 'medicationCodeableConcept', 'type', 'reasonCode'] : []),
    ...(index % 4 === 0 ? ['effectiveDateTime', 'period', 'start', 'authoredOn', 'recordedDate', 'onsetDateTime', 'date', 'issued'] : []),
    ...(index % 5 === 0 ? ['dosage', 'dosageInstruction'] : []),
  ];
  return without(resource, dropped);
}

interface Viewer {
  kind: 'clinician' | 'resident';
}

function viewerOf(request: Request): Viewer | undefined {
  const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
  if (token === 'storybook-clinician') return { kind: 'clinician' };
  if (token === 'storybook-resident') return { kind: 'resident' };
  return undefined;
}

function residentIndex(id: string): number | undefined {
  const index = Number(/^pat-(\d{6})$/.exec(id)?.[1]) - 1;
  return Number.isInteger(index) && index >= 0 && index < 12 ? index : undefined;
}

const residents = new Map<number, ReturnType<typeof borough.resident>>();
/** Resident `index`, generated once: the borough makes residents on demand. */
function resident(index: number) {
  let record = residents.get(index);
  if (!record) residents.set(index, (record = borough.resident(index)));
  return record;
}

/** One patient's record as this viewer may see it, and what was left out. */
function recordFor(id: string, viewer: Viewer, scenario: HubScenario) {
  const index = residentIndex(id);
  if (index === undefined) return undefined;
  const { patient, resources } = resident(index);
  const outages = new Set((scenario.unavailableSources ?? []).map((code) => `${SOURCE_SYSTEM}/${code}`));
  let withheld = 0;
  let visible = (scenario.empty ? [] : (resources as unknown as Json[])).filter((resource) => {
    const source = sourceOf(resource);
    if (source && outages.has(source)) return false;
    const labels = labelsOf(resource);
    const hidden =
      viewer.kind === 'resident'
        ? labels.includes('NOPAT')
        : labels.some((label) => SENSITIVE.includes(label)) && source !== VIEWER_PRACTICE;
    if (hidden) withheld++;
    return !hidden;
  });
  let shownPatient = patient as unknown as Json;
  if (scenario.malformed) {
    shownPatient = mangle(shownPatient, 0);
    visible = visible.map((resource, position) => mangle(resource, position + 1));
    // An entry about someone else, as a misconfigured feed sends: the view models must leave it out and say so.
    const stray = (resident((index + 1) % 12).resources as unknown as Json[]).find(
      (resource) => resource['resourceType'] === 'Condition' || resource['resourceType'] === 'Encounter',
    );
    if (stray) visible.push(stray);
  }
  return { patient: shownPatient, resources: visible, withheld, outages: [...outages] };
}

/** The Bundle entries (and meta) that say what a Bundle left out, as the reference hub writes them. */
function notices(withheld: number, outages: string[], mode: boolean) {
  const entries: Json[] = [];
  const search = mode ? { search: { mode: 'outcome' } } : {};
  if (withheld > 0)
    entries.push({ resource: outcome('information', 'suppressed', 'INFORMATION_WITHHELD', 'Some information is not shown'), ...search });
  for (const source of outages) {
    const odsCode = source.slice(SOURCE_SYSTEM.length + 1);
    const name = String(borough.organizations.find((organization) => organization.id === `org-${odsCode.toLowerCase()}`)?.name ?? odsCode);
    const unavailable = outcome('warning', 'incomplete', 'SOURCE_UNAVAILABLE', `${name} did not respond; its records are not included`);
    const [issue] = unavailable['issue'] as { details: { coding: Json[] } }[];
    issue?.details.coding.push({ system: SOURCE_SYSTEM, code: odsCode, display: name });
    entries.push({ resource: unavailable, ...search });
  }
  const meta =
    withheld > 0 ? { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] } } : {};
  return { entries, meta };
}

/** What the summary holds of each type, as the reference hub's `$summary` chooses. */
const SUMMARY_TYPES: Record<string, (resource: Json, now: number) => boolean> = {
  Flag: (resource) => resource['status'] === 'active',
  AllergyIntolerance: () => true,
  Condition: (resource) => codeOf(resource['clinicalStatus']).some((code) => ['active', 'recurrence', 'relapse'].includes(code)),
  MedicationRequest: (resource) => resource['status'] === 'active',
  MedicationStatement: (resource) => resource['status'] === 'active',
  CarePlan: (resource) => resource['status'] === 'active',
  EpisodeOfCare: (resource) => resource['status'] === 'active',
  RelatedPerson: (resource) => resource['active'] !== false,
  Appointment: (resource, now) =>
    resource['status'] === 'booked' && typeof resource['start'] === 'string' && Date.parse(resource['start']) >= now,
};

const directory = (): Json[] => [...borough.organizations, ...borough.practitioners] as unknown as Json[];

interface Answer {
  status: number;
  body: Json;
}

function summary(id: string, viewer: Viewer, scenario: HubScenario): Answer {
  const record = recordFor(id, viewer, scenario);
  if (!record) return { status: 404, body: outcome('error', 'not-found', 'RESOURCE_NOT_FOUND', 'No Patient with that id') };
  const now = Date.now();
  const chosen = record.resources.filter((resource) => SUMMARY_TYPES[String(resource['resourceType'])]?.(resource, now) ?? false);
  const { entries, meta } = notices(record.withheld, record.outages, false);
  return {
    status: 200,
    body: {
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: new Date(now).toISOString(),
      ...meta,
      entry: [record.patient, ...chosen, ...directory()].map((resource) => ({ resource })).concat(entries as { resource: Json }[]),
    },
  };
}

function search(type: string, query: URLSearchParams, viewer: Viewer, scenario: HubScenario): Answer {
  const count = Math.min(Number(query.get('_count') ?? 50) || 50, 1000);
  const offset = Number(query.get('_cursor') ?? 0) || 0;
  let matches: Json[];
  let withheld = 0;
  let outages: string[] = [];
  if (type === 'Organization') {
    const code = query.get('identifier')?.split('|')[1];
    matches = (borough.organizations as unknown as Json[]).filter((organization) =>
      ((organization['identifier'] as { value?: string }[] | undefined) ?? []).some((identifier) => identifier.value === code),
    );
  } else if (type === 'Patient') {
    const ids = (query.get('_id') ?? '').split(',');
    matches = ids.flatMap((id) => {
      const record = recordFor(id, viewer, scenario);
      return record ? [record.patient] : [];
    });
  } else {
    const record = recordFor(query.get('patient') ?? '', viewer, scenario);
    if (!record) return { status: 404, body: outcome('error', 'not-found', 'RESOURCE_NOT_FOUND', 'No Patient with that id') };
    const statuses = query.getAll('status').flatMap((value) => value.split(','));
    const dates = query.getAll('date');
    matches = record.resources.filter(
      (resource) =>
        resource['resourceType'] === type &&
        (statuses.length === 0 || hasStatus(resource, statuses)) &&
        (dates.length === 0 || matchesDate(resource, dates)),
    );
    if (query.get('_sort') === '-date') matches.sort((a, b) => clinicalDate(b).localeCompare(clinicalDate(a)));
    withheld = record.withheld;
    outages = record.outages;
  }
  const page = matches.slice(offset, offset + count);
  const self = new URL(`${SYNTHETIC_HUB}/${type}`);
  for (const [name, value] of query) if (name !== '_cursor') self.searchParams.append(name, value);
  const link = [{ relation: 'self', url: self.href }];
  if (offset + count < matches.length) {
    const next = new URL(self);
    next.searchParams.set('_cursor', String(offset + count));
    link.push({ relation: 'next', url: next.href });
  }
  // The notices come with the first page, as the reference hub sends them.
  const { entries, meta } = offset === 0 ? notices(withheld, outages, true) : { entries: [], meta: {} };
  return {
    status: 200,
    body: {
      resourceType: 'Bundle',
      type: 'searchset',
      ...meta,
      total: matches.length,
      link,
      entry: [...page.map((resource) => ({ resource, search: { mode: 'match' } })), ...entries],
    },
  };
}

const CAPABILITIES: Json = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: '2026-11-28',
  kind: 'instance',
  fhirVersion: '4.0.1',
  format: ['application/fhir+json'],
  software: { name: 'care-record synthetic hub (Storybook)' },
  rest: [
    {
      mode: 'server',
      resource: [{ type: 'Patient', operation: [{ name: 'summary', definition: 'summary' }] }],
      interaction: [{ code: 'batch' }],
    },
  ],
};

/** Answers one GET of the contract, by its path below the FHIR base. */
function get(path: string, query: URLSearchParams, viewer: Viewer, scenario: HubScenario): Answer {
  if (path === 'metadata') return { status: 200, body: CAPABILITIES };
  const summaryMatch = /^Patient\/([^/]+)\/\$summary$/.exec(path);
  if (summaryMatch?.[1]) return summary(decodeURIComponent(summaryMatch[1]), viewer, scenario);
  const readMatch = /^Patient\/([^/$]+)$/.exec(path);
  if (readMatch?.[1]) {
    const record = recordFor(decodeURIComponent(readMatch[1]), viewer, scenario);
    return record
      ? { status: 200, body: record.patient }
      : { status: 404, body: outcome('error', 'not-found', 'RESOURCE_NOT_FOUND', 'No Patient with that id') };
  }
  if (/^[A-Z][A-Za-z]+$/.test(path)) return search(path, query, viewer, scenario);
  return { status: 404, body: outcome('error', 'not-found', 'RESOURCE_NOT_FOUND', 'No such operation') };
}

function batch(body: Json, viewer: Viewer, scenario: HubScenario): Answer {
  const entries = ((body['entry'] as { request?: { url?: string } }[] | undefined) ?? []).map((entry) => {
    const url = new URL(entry.request?.url ?? '', 'http://batch.invalid/');
    const reply = get(url.pathname.slice(1), url.searchParams, viewer, scenario);
    const ok = reply.status < 400;
    return {
      ...(ok ? { resource: reply.body } : {}),
      response: { status: `${reply.status} ${ok ? 'OK' : 'Not Found'}`, ...(ok ? {} : { outcome: reply.body }) },
    };
  });
  return { status: 200, body: { resourceType: 'Bundle', type: 'batch-response', entry: entries } };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The MSW handlers of a synthetic hub behaving as `scenario` says. */
export function syntheticHub(scenario: HubScenario = {}): HttpHandler[] {
  const base = new RegExp(`^${escapeRegExp(SYNTHETIC_HUB)}(?:/|$)`);
  return [
    http.all(base, async ({ request }) => {
      if (scenario.delay === 'never') await delay('infinite');
      else if (scenario.delay) await delay(scenario.delay);
      const requestId = request.headers.get('x-request-id') ?? '';
      const headers = { ...FHIR_JSON, 'x-request-id': requestId };
      if (scenario.failWith)
        return HttpResponse.json(outcome('fatal', 'exception', 'SERVER_ERROR', 'The hub had a problem'), {
          status: scenario.failWith,
          headers,
        });
      const viewer = viewerOf(request);
      if (!viewer) return HttpResponse.json(outcome('error', 'login', 'ACCESS_DENIED', 'Sign in first'), { status: 401, headers });
      const url = new URL(request.url);
      const path = url.pathname.slice(new URL(SYNTHETIC_HUB).pathname.length).replace(/^\//, '');
      const answer =
        request.method === 'POST' && path === ''
          ? batch((await request.json()) as Json, viewer, scenario)
          : request.method === 'GET'
            ? get(path, url.searchParams, viewer, scenario)
            : { status: 405, body: outcome('error', 'not-supported', 'INVALID_REQUEST', 'Not supported here') };
      return HttpResponse.json(answer.body, { status: answer.status, headers });
    }),
  ];
}
