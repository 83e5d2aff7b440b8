/**
 * A synthetic hub for the stories: Mock Service Worker handlers that answer
 * the SDK's real requests (`/metadata`, `$summary`, searches with paging, `POST /`
 * batches, reads) from a small synthetic borough, the way the reference hub
 * does — searchset Bundles, OperationOutcome for errors, and the notices for
 * withheld items and unavailable sources. The static Storybook build needs no
 * server.
 *
 * The person-held parts answer too: what a resident shares (`POST /Observation`,
 * `POST /MedicationStatement`, idempotent by `X-Request-ID`) is kept in memory and
 * read back by later searches; the sharing choice (`POST /Consent`, `PUT
 * /Consent/{id}` with `If-Match`, `412` when it changed meanwhile) likewise; and
 * "who looked at my record" (`/AuditEvent`) is made up from the resident's own
 * encounters, with a few recent looks for the resident persona, one of them in
 * an emergency. Each `syntheticHub()` keeps its own memory, so one story's
 * entries never show up in another, and `forget()` clears it for a new render.
 *
 * Who is asking comes from the bearer token, as with the real hub:
 * `storybook-clinician` is a GP at Tufnell Green Surgery (F83999), who does
 * not see sensitive items (`SEX`, `SDV`, `R`, `V`) recorded elsewhere;
 * `storybook-resident` is the resident, who never sees `NOPAT` items.
 */
import { defaultVisibility, isWithheld } from '@care-record/hub/visibility';
import { WELLBEING_ADVICE, WELLBEING_LIBRARY_UPDATED } from '@care-record/hub/wellbeing-advice';
import { createBorough } from '@care-record/synthetic';
import { http, HttpResponse, delay, type HttpHandler } from 'msw';

/** The moment the borough is generated at; ages and "upcoming" are counted from the real clock. */
export const BOROUGH_NOW = '2026-11-28T09:00:00Z';
export const borough = createBorough({ seed: 'care-record', residents: 60, now: BOROUGH_NOW });

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
  /** Recently registered: almost nothing recorded yet. */
  newResident: borough.personas.newResident?.patientId ?? 'pat-000001',
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
  /** How creates and updates (`POST`/`PUT` of a resource) are answered, when not as reads are. */
  writes?: {
    /** Milliseconds before each answer, or `never` to keep every write waiting. */
    delay?: number | 'never';
    /** Writes fail with this HTTP status and an OperationOutcome… */
    failWith?: number;
    /** …this many times, then succeed (default: every time). */
    failures?: number;
  };
  /** The sharing choice is changed in another window after it is read: the first `PUT` meets `412`. */
  consentChangedElsewhere?: boolean;
  /**
   * The whole record is refused: the sign-in has ended (`401`), or `403` with the hub's code; the two a
   * break-glass reason overrides are answered once a request carries `X-Break-Glass-Reason`.
   */
  refuse?: 'sign-in-ended' | 'NO_LEGITIMATE_RELATIONSHIP' | 'SHARING_DECLINED' | 'ACCESS_DENIED' | 'NO_PROXY_ACCESS';
  /** Searches of these types are refused to the viewer's role (`403` `ROLE_RESTRICTED`), as a receptionist's are. */
  roleRefuses?: readonly string[];
}

type Json = Record<string, unknown>;

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE_SYSTEM = 'https://care-record.example/source';
/** The professional viewer of the stories works at this practice; their own practice's sensitive records stay visible to them. */
const VIEWER_PRACTICE_ODS = 'F83999';
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

const outcome = (severity: string, code: string, detail: string, diagnostics: string, text?: string): Json => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity, code, details: { coding: [{ system: HUB_ERROR_SYSTEM, code: detail }], ...(text ? { text } : {}) }, diagnostics }],
});

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
    resource['recorded'],
    (resource['dateAsserted'] as string | undefined) ?? undefined,
  ];
  return (candidates.find((value) => typeof value === 'string') as string | undefined) ?? '';
}

function codeOf(concept: unknown): string[] {
  return (((concept as Json | undefined)?.['coding'] as { code?: string }[] | undefined) ?? []).map((coding) => coding.code ?? '');
}

/** Whether any of `concepts` (a CodeableConcept array) has one of `codes` (`category=laboratory`, `purpose=TREAT,ETREAT`). */
const hasCode = (concepts: unknown, codes: string[]): boolean =>
  ((concepts as unknown[] | undefined) ?? []).some((concept) => codeOf(concept).some((code) => codes.includes(code)));

/** Whether a resource has the identifier `system|value` asked for. */
function hasIdentifier(resource: Json, wanted: string): boolean {
  const [system, value] = wanted.includes('|') ? wanted.split('|') : [undefined, wanted];
  return ((resource['identifier'] as { system?: string; value?: string }[] | undefined) ?? []).some(
    (identifier) => identifier.value === value && (!system || identifier.system === system),
  );
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
  return Number.isInteger(index) && index >= 0 && index < 60 ? index : undefined;
}

const residents = new Map<number, ReturnType<typeof borough.resident>>();
/** Resident `index`, generated once: the borough makes residents on demand. */
function resident(index: number) {
  let record = residents.get(index);
  if (!record) residents.set(index, (record = borough.resident(index)));
  return record;
}

/** What one synthetic hub remembers between requests. */
interface Memory {
  /** What residents shared through the hub, by patient id. */
  added: Map<string, Json[]>;
  /** Each resident's sharing choice as last saved (in place of the borough's). */
  /** Consents saved here, by id. */
  consents: Map<string, Json>;
  /** The resource each `X-Request-ID` created, so that a repeat gets it back instead of a second copy. */
  byRequestId: Map<string, Json>;
  /** Writes failed so far, for `writes.failures`. */
  failedWrites: number;
  /** Whether the change "in another window" of `consentChangedElsewhere` has been made. */
  consentChanged: boolean;
}

const freshMemory = (): Memory => ({
  added: new Map(),
  consents: new Map(),
  byRequestId: new Map(),
  failedWrites: 0,
  consentChanged: false,
});
const memories = new WeakMap<readonly HttpHandler[], Memory>();

/** Everything an answer depends on: who asks, how the hub behaves, and what it remembers. */
interface Hub {
  viewer: Viewer;
  scenario: HubScenario;
  memory: Memory;
}

/** One patient's record as this viewer may see it, and what was left out. */
function recordFor(id: string, { viewer, scenario, memory }: Hub) {
  const index = residentIndex(id);
  if (index === undefined) return undefined;
  const { patient, resources } = resident(index);
  const outages = new Set((scenario.unavailableSources ?? []).map((code) => `${SOURCE_SYSTEM}/${code}`));
  // Consents saved here replace the record's own with the same id (a sharing choice, a carer's permission).
  const saved = [...memory.consents.values()].filter(
    (consent) => String((consent['patient'] as Json | undefined)?.['reference'] ?? '') === `Patient/${id}`,
  );
  const savedIds = new Set(saved.map((consent) => String(consent['id'])));
  const own = (scenario.empty ? [] : (resources as unknown as Json[])).filter(
    (resource) => !(resource['resourceType'] === 'Consent' && savedIds.has(String(resource['id']))),
  );
  const all = [...own, ...saved, ...(memory.added.get(id) ?? [])];
  let withheld = 0;
  let visible = all.filter((resource) => {
    const source = sourceOf(resource);
    if (source && outages.has(source)) return false;
    // The hub's own rule, imported rather than copied.
    const hidden = isWithheld(
      resource,
      defaultVisibility({ kind: viewer.kind === 'resident' ? 'resident' : 'professional', odsCode: VIEWER_PRACTICE_ODS }),
    );
    if (hidden) withheld++;
    return !hidden;
  });
  let shownPatient = patient as unknown as Json;
  if (scenario.malformed) {
    shownPatient = mangle(shownPatient, 0);
    visible = visible.map((resource, position) => mangle(resource, position + 1));
    // An entry about someone else, as a misconfigured feed sends: the view models must leave it out and say so.
    const stray = (resident((index + 1) % 60).resources as unknown as Json[]).find(
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

const directory = (): Json[] => [...borough.organizations, ...borough.practitioners, ...borough.practitionerRoles] as unknown as Json[];

interface Answer {
  status: number;
  body: Json;
  headers?: Record<string, string>;
}

const notFound = (what: string): Answer => ({
  status: 404,
  body: outcome('error', 'not-found', 'RESOURCE_NOT_FOUND', `No ${what} with that id`),
});

function summary(id: string, hub: Hub): Answer {
  const record = recordFor(id, hub);
  if (!record) return notFound('Patient');
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
      entry: [record.patient, ...chosen, ...borough.organizations, ...borough.practitioners]
        .map((resource) => ({ resource: resource as Json }))
        .concat(entries as { resource: Json }[]),
    },
  };
}

// ——— Who looked at the record ———

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const STAFF_ROLE = 'https://care-record.example/CodeSystem/staff-role';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Look {
  /** When the first part was read. */
  at: number;
  practitioner: string;
  /** What they read, a minute apart: `Record summary`, `Observation search`. */
  read: string[];
  /** The reason given for emergency (break-glass) access. */
  emergency?: string;
}

/** Staff by Practitioner reference: their name, their role as the audit records it (`GP`, `Staff nurse`), and where they work. */
const staff = new Map(
  (borough.practitionerRoles as unknown as Json[]).map((role) => {
    const practitioner = role['practitioner'] as { reference: string; display?: string };
    const coding = ((role['code'] as { coding?: { system?: string; display?: string }[] }[] | undefined)?.[0]?.coding ?? []).find(
      (code) => code.system === STAFF_ROLE,
    );
    return [practitioner.reference, { name: practitioner.display, role: coding?.display, organization: role['organization'] as Json }];
  }),
);
const staffWhere = (organization: string, role: string) =>
  [...staff].find(([, member]) => member.organization['reference'] === organization && member.role === role)?.[0] ?? '';

/** The resident persona's recent looks: their GP, a hospital nurse, an emergency look at night, and a social worker. */
function personaLooks(): Look[] {
  const now = Date.parse(BOROUGH_NOW);
  const { gp, hospitalNurse, socialWorker } = borough.personas;
  return [
    {
      at: now - 2 * DAY - 8 * MINUTE,
      practitioner: `Practitioner/${gp.practitionerId}`,
      read: ['Record summary', 'Observation search', 'MedicationStatement search'],
    },
    {
      at: now - 6 * DAY + 3 * 60 * MINUTE,
      practitioner: `Practitioner/${hospitalNurse.practitionerId}`,
      read: ['Record summary', 'AllergyIntolerance search'],
    },
    {
      at: now - 12 * DAY - 7 * 60 * MINUTE,
      practitioner: staffWhere('Organization/org-rz9', 'Consultant') || `Practitioner/${hospitalNurse.practitionerId}`,
      read: ['Record summary', 'AllergyIntolerance search', 'MedicationStatement search', 'Condition search'],
      emergency: 'Brought in by ambulance after collapsing at home, not able to answer questions',
    },
    {
      at: now - 19 * DAY + 4 * 60 * MINUTE,
      practitioner: `Practitioner/${socialWorker.practitionerId}`,
      read: ['Record summary', 'CarePlan search'],
    },
  ];
}

/** A look before each of the resident's past encounters, by the person who saw them. */
function encounterLooks(resources: Json[]): Look[] {
  const reads = [['Record summary', 'MedicationStatement search'], ['Record summary', 'Observation search'], ['Record summary']];
  return resources.flatMap((resource, index) => {
    if (resource['resourceType'] !== 'Encounter') return [];
    const start = Date.parse(String((resource['period'] as Json | undefined)?.['start'] ?? ''));
    const practitioner = (resource['participant'] as { individual?: { reference?: string } }[] | undefined)?.[0]?.individual?.reference;
    if (Number.isNaN(start) || start > Date.parse(BOROUGH_NOW) || !practitioner || !staff.has(practitioner)) return [];
    return [{ at: start - 20 * MINUTE, practitioner, read: reads[index % reads.length] ?? [] }];
  });
}

/** The AuditEvents of a resident's record, one per part read, as the reference hub writes them. */
export function accessLog(patientId: string, resources: Json[]): Json[] {
  const looks = [...(patientId === RESIDENTS.adult && resources.length > 0 ? personaLooks() : []), ...encounterLooks(resources)];
  let serial = 0;
  return looks.flatMap((look) => {
    const member = staff.get(look.practitioner);
    const organization = member?.organization ?? {};
    return look.read.map((description, part) => {
      const recorded = new Date(look.at + part * MINUTE).toISOString().replace(/\.000Z$/, 'Z');
      return {
        resourceType: 'AuditEvent',
        id: `${patientId}-ae-${++serial}`,
        meta: { versionId: '1', lastUpdated: recorded, source: `${SOURCE_SYSTEM}/hub` },
        type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
        action: 'R',
        recorded,
        outcome: '0',
        purposeOfEvent: [
          look.emergency
            ? {
                coding: [{ system: ACT_REASON, code: 'ETREAT', display: 'Emergency Treatment' }],
                text: `Emergency access: ${look.emergency}`,
              }
            : { coding: [{ system: ACT_REASON, code: 'TREAT', display: 'treatment' }] },
        ],
        agent: [
          { who: { reference: look.practitioner, display: member?.name }, requestor: true, role: [{ text: member?.role }] },
          { who: { reference: organization['reference'], display: organization['display'] }, requestor: false },
        ],
        source: { site: 'care-record hub', observer: { display: 'care-record hub' } },
        entity: [{ what: { reference: `Patient/${patientId}` }, description }],
      };
    });
  });
}

function search(type: string, query: URLSearchParams, hub: Hub): Answer {
  const count = Math.min(Number(query.get('_count') ?? 50) || 50, 1000);
  const offset = Number(query.get('_cursor') ?? 0) || 0;
  // A token's code is matched (`system|code` or `code`), as the hub matches codes within their systems.
  const anyOf = (name: string) =>
    query
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.slice(value.lastIndexOf('|') + 1));
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
      const record = recordFor(id, hub);
      return record ? [record.patient] : [];
    });
  } else {
    const patientId = query.get('patient') ?? '';
    const record = recordFor(patientId, hub);
    if (!record) return notFound('Patient');
    const [statuses, dates, categories, purposes] = [anyOf('status'), query.getAll('date'), anyOf('category'), anyOf('purpose')];
    const identifier = query.get('identifier');
    const pool = type === 'AuditEvent' ? accessLog(patientId, record.resources) : record.resources;
    matches = pool.filter(
      (resource) =>
        resource['resourceType'] === type &&
        (statuses.length === 0 || hasStatus(resource, statuses)) &&
        (dates.length === 0 || matchesDate(resource, dates)) &&
        (categories.length === 0 || hasCode(resource['category'], categories)) &&
        (purposes.length === 0 || hasCode(resource['purposeOfEvent'], purposes)) &&
        (!identifier || hasIdentifier(resource, identifier)),
    );
    const sort = query.get('_sort') ?? '';
    if (sort === '-date') matches.sort((a, b) => clinicalDate(b).localeCompare(clinicalDate(a)));
    if (sort === '-_lastUpdated') matches.sort((a, b) => lastUpdated(b).localeCompare(lastUpdated(a)));
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

const lastUpdated = (resource: Json): string => String((resource['meta'] as Json | undefined)?.['lastUpdated'] ?? '');
const versionOf = (resource: Json): number => Number((resource['meta'] as Json | undefined)?.['versionId'] ?? 1) || 1;
const etagOf = (resource: Json): string => `W/"${versionOf(resource)}"`;

/** One resource by type and id, as this viewer may see it. */
function read(type: string, id: string, hub: Hub): Answer {
  if (type === 'Patient') {
    const record = recordFor(id, hub);
    return record ? { status: 200, body: record.patient } : notFound('Patient');
  }
  const inDirectory = directory().find((resource) => resource['resourceType'] === type && resource['id'] === id);
  if (inDirectory) return { status: 200, body: inDirectory };
  // A record's resources carry their patient's id first (`pat-000001-ms-3`).
  const patientId = /^(pat-\d{6})-/.exec(id)?.[1] ?? '';
  const found = recordFor(patientId, hub)?.resources.find((resource) => resource['resourceType'] === type && resource['id'] === id);
  return found ? { status: 200, body: found, headers: { etag: etagOf(found) } } : notFound(type);
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
      resource: [
        {
          type: 'Patient',
          operation: [{ name: 'summary', definition: 'https://care-record.example/fhir/OperationDefinition/care-record-summary' }],
        },
      ],
      interaction: [{ code: 'batch' }],
    },
  ],
};

/** Answers one GET of the contract, by its path below the FHIR base. */
function get(path: string, query: URLSearchParams, hub: Hub): Answer {
  if (path === 'metadata') return { status: 200, body: CAPABILITIES };
  // The hub's own library, imported rather than copied.
  if (path === '$wellbeing-advice') return { status: 200, body: { updated: WELLBEING_LIBRARY_UPDATED, pages: WELLBEING_ADVICE } };
  const summaryMatch = /^Patient\/([^/]+)\/\$summary$/.exec(path);
  if (summaryMatch?.[1]) return summary(decodeURIComponent(summaryMatch[1]), hub);
  const readMatch = /^([A-Z][A-Za-z]+)\/([^/$]+)$/.exec(path);
  if (readMatch?.[1] && readMatch[2]) return read(readMatch[1], decodeURIComponent(readMatch[2]), hub);
  if (hub.scenario.roleRefuses?.includes(path))
    return {
      status: 403,
      body: outcome('error', 'forbidden', 'ROLE_RESTRICTED', 'This role does not give access to clinical records'),
    };
  if (/^[A-Z][A-Za-z]+$/.test(path)) return search(path, query, hub);
  return { status: 404, body: outcome('error', 'not-found', 'RESOURCE_NOT_FOUND', 'No such operation') };
}

/** The reason phrases (RFC 9110) of the statuses the stand-in answers with, for a batch entry's `status`. */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A status's reason phrase; one the table lacks is named by its class, never as another status. */
const reasonPhrase = (status: number): string =>
  REASON_PHRASES[status] ?? (status >= 500 ? 'Server Error' : status >= 400 ? 'Client Error' : 'OK');

function batch(body: Json, hub: Hub): Answer {
  const entries = ((body['entry'] as { request?: { url?: string } }[] | undefined) ?? []).map((entry) => {
    const url = new URL(entry.request?.url ?? '', 'http://batch.invalid/');
    const reply = get(url.pathname.slice(1), url.searchParams, hub);
    const ok = reply.status < 400;
    return {
      ...(ok ? { resource: reply.body } : {}),
      response: { status: `${reply.status} ${reasonPhrase(reply.status)}`, ...(ok ? {} : { outcome: reply.body }) },
    };
  });
  return { status: 200, body: { resourceType: 'Bundle', type: 'batch-response', entry: entries } };
}

// ——— What residents write ———

const invalid = (diagnostics: string): Answer => ({ status: 400, body: outcome('error', 'invalid', 'INVALID_REQUEST', diagnostics) });

/** The resource as the hub stores it: its id, version 1, and the resident as its source. */
function stored(resource: Json, id: string, version = 1): Json {
  const meta = { versionId: String(version), lastUpdated: new Date().toISOString(), source: `${SOURCE_SYSTEM}/resident` };
  return { ...resource, id, meta: { ...(resource['meta'] as Json | undefined), ...meta } };
}

function created(resource: Json, status = 201): Answer {
  const location = `${SYNTHETIC_HUB}/${String(resource['resourceType'])}/${String(resource['id'])}/_history/${versionOf(resource)}`;
  return { status, body: resource, headers: { etag: etagOf(resource), ...(status === 201 ? { location } : {}) } };
}

/** `POST /Observation` or `POST /MedicationStatement`: a reading or a medicine the resident shares. */
function share(type: string, body: Json, request: Request, hub: Hub): Answer {
  const key = request.headers.get('x-request-id') ?? '';
  if (!key) return invalid("Header 'X-Request-ID' is required");
  // A repeat of a request whose answer was lost: the entry first stored, not a second copy.
  const earlier = hub.memory.byRequestId.get(key);
  if (earlier) return created(earlier, 200);
  const patientId = /^Patient\/(.+)$/.exec(String((body['subject'] as Json | undefined)?.['reference'] ?? ''))?.[1] ?? '';
  if (body['resourceType'] !== type || residentIndex(patientId) === undefined)
    return invalid(`The body must be a ${type} about a known patient`);
  const added = hub.memory.added.get(patientId) ?? [];
  const matching = added.find((resource) => {
    const condition = request.headers.get('if-none-exist')?.replace(/^identifier=/, '');
    return condition !== undefined && hasIdentifier(resource, condition);
  });
  if (matching) return created(matching, 200);
  const resource = stored(body, `${patientId}-shared-${added.length + 1}`);
  hub.memory.added.set(patientId, [...added, resource]);
  hub.memory.byRequestId.set(key, resource);
  return created(resource);
}

const SHARING_CATEGORY_SYSTEM = 'https://care-record.example/CodeSystem/sharing-category';

/** A carer's permission (proxy access) rather than a sharing choice. */
const isProxy = (consent: Json): boolean => JSON.stringify(consent['category'] ?? []).includes('"proxy-access"');

/** The Consent being changed (`id`), or the resident's sharing choice now, if they have one. */
const currentConsent = (patientId: string, hub: Hub, id?: string): Json | undefined =>
  recordFor(patientId, hub)?.resources.find(
    (resource) =>
      resource['resourceType'] === 'Consent' &&
      (id === undefined ? resource['status'] === 'active' && !isProxy(resource) : resource['id'] === id),
  );

/** `POST /Consent` (the first choice) and `PUT /Consent/{id}` with `If-Match` (every change after). */
function saveConsent(id: string | undefined, body: Json, request: Request, hub: Hub): Answer {
  const patientId = /^Patient\/(.+)$/.exec(String((body['patient'] as Json | undefined)?.['reference'] ?? ''))?.[1] ?? '';
  if (residentIndex(patientId) === undefined) return invalid('The Consent must be about a known patient');
  let current = currentConsent(patientId, hub, id);
  if (id === undefined) {
    if (current)
      return {
        status: 409,
        body: outcome('error', 'duplicate', 'SHARING_CHOICE_EXISTS', 'An active patient-privacy Consent already exists for this resident'),
      };
    const saved = stored(body, `${patientId}-consent-saved`);
    hub.memory.consents.set(String(saved['id']), saved);
    return created(saved);
  }
  if (!current || current['id'] !== id) return notFound('Consent');
  if (body['id'] !== id) return invalid('The id in the body must be the id in the path');
  if (hub.scenario.consentChangedElsewhere && !hub.memory.consentChanged) {
    // Another window kept social care information with social care, after this page read the choice.
    hub.memory.consentChanged = true;
    const provision = (current['provision'] as Json | undefined) ?? { type: 'permit' };
    const kept = {
      type: 'deny',
      securityLabel: [{ system: SHARING_CATEGORY_SYSTEM, code: 'social-care', display: 'social care information' }],
    };
    current = stored(
      { ...current, provision: { ...provision, provision: [...((provision['provision'] as Json[] | undefined) ?? []), kept] } },
      id,
      versionOf(current) + 1,
    );
    hub.memory.consents.set(id, current);
  }
  const ifMatch = request.headers.get('if-match');
  if (ifMatch !== etagOf(current))
    return {
      status: 412,
      body: outcome(
        'error',
        'conflict',
        'PRECONDITION_FAILED',
        `If-Match ${ifMatch ?? '(none)'} does not match the current version ${etagOf(current)}`,
        'Your sharing choices were changed somewhere else since this page loaded. Check them and save again.',
      ),
    };
  const saved = stored(body, id, versionOf(current) + 1);
  hub.memory.consents.set(id, saved);
  return created(saved, 200);
}

/** A carer's permission saved by the resident: one of several, so never a conflict with the sharing choice. */
function saveProxy(body: Json, hub: Hub): Answer {
  const patientId = /^Patient\/(.+)$/.exec(String((body['patient'] as Json | undefined)?.['reference'] ?? ''))?.[1] ?? '';
  if (residentIndex(patientId) === undefined) return invalid('The Consent must be about a known patient');
  const saved = stored(
    { ...body, performer: [{ reference: `Patient/${patientId}` }], dateTime: new Date().toISOString() },
    `${patientId}-proxy-${hub.memory.consents.size + 1}`,
  );
  hub.memory.consents.set(String(saved['id']), saved);
  return created(saved);
}

/** Someone the resident adds to invite: active, with no account. */
function addPerson(body: Json, request: Request, hub: Hub): Answer {
  const patientId = /^Patient\/(.+)$/.exec(String((body['patient'] as Json | undefined)?.['reference'] ?? ''))?.[1] ?? '';
  if (body['resourceType'] !== 'RelatedPerson' || residentIndex(patientId) === undefined)
    return invalid('The body must be a RelatedPerson on a known patient’s record');
  const key = request.headers.get('x-request-id') ?? '';
  const earlier = hub.memory.byRequestId.get(key);
  if (earlier) return created(earlier, 200);
  const added = hub.memory.added.get(patientId) ?? [];
  const resource = stored({ ...body, active: true }, `${patientId}-invited-${added.length + 1}`);
  hub.memory.added.set(patientId, [...added, resource]);
  hub.memory.byRequestId.set(key, resource);
  return created(resource);
}

/** A code for the stories: always the same, so that screenshots compare; it expires a week after the clock's today. */
function invite(relatedPersonId: string, hub: Hub): Answer {
  const person = [...hub.memory.added.values()].flat().find((resource) => resource['id'] === relatedPersonId);
  if (!person) return notFound('RelatedPerson');
  return {
    status: 200,
    body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'code', valueString: 'K7QM-4XRT-9HWC' },
        { name: 'expires', valueDateTime: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString() },
        { name: 'relatedPerson', valueReference: { reference: `RelatedPerson/${relatedPersonId}` } },
      ],
    },
  };
}

/** Answers a create or an update; only the resident writes to their record. */
async function write(method: string, path: string, request: Request, hub: Hub): Promise<Answer> {
  if (hub.viewer.kind !== 'resident')
    return { status: 403, body: outcome('error', 'forbidden', 'ACCESS_DENIED', 'Only the resident adds to their record here') };
  const text = await request.text();
  const body = (text === '' ? {} : JSON.parse(text)) as Json;
  if (method === 'POST' && (path === 'Observation' || path === 'MedicationStatement')) return share(path, body, request, hub);
  if (method === 'POST' && path === 'Consent' && isProxy(body)) return saveProxy(body, hub);
  if (method === 'POST' && path === 'Consent') return saveConsent(undefined, body, request, hub);
  if (method === 'POST' && path === 'RelatedPerson') return addPerson(body, request, hub);
  const invited = /^RelatedPerson\/([^/]+)\/\$invite$/.exec(path)?.[1];
  if (method === 'POST' && invited) return invite(decodeURIComponent(invited), hub);
  const consentId = /^Consent\/([^/]+)$/.exec(path)?.[1];
  if (method === 'PUT' && consentId) return saveConsent(decodeURIComponent(consentId), body, request, hub);
  return { status: 405, body: outcome('error', 'not-supported', 'INVALID_REQUEST', 'Not supported here') };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function wait(milliseconds: number | 'never' | undefined): Promise<void> {
  if (milliseconds === 'never') await delay('infinite');
  else if (milliseconds) await delay(milliseconds);
}

/** The MSW handlers of a synthetic hub behaving as `scenario` says, with a memory of its own. */
export function syntheticHub(scenario: HubScenario = {}): HttpHandler[] {
  const base = new RegExp(`^${escapeRegExp(SYNTHETIC_HUB)}(?:/|$)`);
  const memory = freshMemory();
  const handlers = [
    http.all(base, async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.slice(new URL(SYNTHETIC_HUB).pathname.length).replace(/^\//, '');
      const writing = (request.method === 'POST' && path !== '') || request.method === 'PUT';
      const requestId = request.headers.get('x-request-id') ?? '';
      const reply = (answer: Answer) =>
        HttpResponse.json(answer.body, { status: answer.status, headers: { ...FHIR_JSON, 'x-request-id': requestId, ...answer.headers } });
      const failure = (status: number) => reply({ status, body: outcome('fatal', 'exception', 'SERVER_ERROR', 'The hub had a problem') });

      await wait(writing && scenario.writes?.delay !== undefined ? scenario.writes.delay : scenario.delay);
      if (scenario.failWith) return failure(scenario.failWith);
      const refuse = scenario.refuse;
      if (refuse === 'sign-in-ended')
        return reply({ status: 401, body: outcome('error', 'login', 'ACCESS_DENIED', 'The access token has expired') });
      if (refuse && !(refuse !== 'ACCESS_DENIED' && request.headers.get('x-break-glass-reason')))
        return reply({ status: 403, body: outcome('error', 'forbidden', refuse, 'This record is not available to you') });
      const { failWith, failures = Infinity } = (writing && scenario.writes) || {};
      if (failWith && memory.failedWrites < failures) {
        memory.failedWrites += 1;
        return failure(failWith);
      }
      const viewer = viewerOf(request);
      if (!viewer) return reply({ status: 401, body: outcome('error', 'login', 'ACCESS_DENIED', 'Sign in first') });
      const hub: Hub = { viewer, scenario, memory };
      if (writing) return reply(await write(request.method, path, request, hub));
      if (request.method === 'POST') return reply(batch((await request.json()) as Json, hub));
      if (request.method === 'GET') return reply(get(path, url.searchParams, hub));
      return reply({ status: 405, body: outcome('error', 'not-supported', 'INVALID_REQUEST', 'Not supported here') });
    }),
  ];
  memories.set(handlers, memory);
  return handlers;
}

/**
 * Makes the hub behind `handlers` forget what it was told (what residents
 * shared, their sharing choices, the writes already failed), so that each
 * render of a story starts from the same place.
 */
export function forget(handlers: readonly HttpHandler[]): void {
  const memory = memories.get(handlers);
  if (memory) Object.assign(memory, freshMemory());
}
