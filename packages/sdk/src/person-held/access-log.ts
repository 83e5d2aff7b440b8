/**
 * "Who looked at my record": the hub's AuditEvents, in the resident's words.
 * Each entry says which organisation looked, the person's role in plain
 * words, when (`6 August 2018, 2:30pm`, UK time) and what they looked at.
 * Looks in an emergency by someone outside the resident's care team
 * (break-glass) are marked, with the reason given and what it means.
 *
 * Reads that come together — one person opening the record fetches several
 * parts of it within moments — are shown as one entry. Every look the hub
 * lists for her is shown (`accessLogQuery` asks for no one purpose): a
 * professional's, an emergency, a carer's, her own (`You`), and one by
 * someone her record keeps from her, in words that do not say who.
 */
import type { HubClient } from '../client/hub-client.js';
import type { AuditEvent } from '../fhir.js';
import { formatResidentDateTime } from '../format/date.js';
import { displayText } from '../format/display-text.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import { hasNextPage, readNotices, type NoticeBundle, type RecordNotices } from '../record/notices.js';

type CodeableConcept = NonNullable<AuditEvent['purposeOfEvent']>[number];

/** One look at the record (or several close together by the same person). */
export interface AccessLogEntry {
  /** The first AuditEvent's id: stable, for keys. */
  id: string;
  /** The organisation the person works for; `Not known` when the event does not say. */
  organisation: string;
  /** Their role in plain words: `GP (doctor)`, `Nurse`, `Social worker`. */
  role: string;
  /** When, the resident's way: `6 August 2018, 2:30pm` (UK time); `Not known` when the audit gives no time. */
  when: string;
  /** The instant, ISO 8601, for a `<time datetime>`; `''` when not known. */
  at: string;
  /** What they looked at, in plain words, most recent first: `A summary of your record`, `Your medicines`. */
  looked: string[];
  /** Present when this was emergency (break-glass) access. */
  emergency?: { reason: string; explanation: string } | undefined;
}

export interface AccessLogViewModel {
  /**
   * Whose log it is. An element inside a provider shows a log only when this is the patient in context; one that names
   * no one (undefined) is not shown there.
   */
  patientId: string | undefined;
  heading: string;
  /** Newest first. */
  entries: AccessLogEntry[];
  /** What the hub left out: items withheld, sources that did not answer. */
  notices: RecordNotices;
}

/** Said beside every emergency look, so that the resident knows what it means and that it is checked. */
export const EMERGENCY_EXPLANATION =
  'Someone looked at your record in an emergency without being part of your care team. This is allowed when you need care urgently and cannot tell them about yourself, for example if you are unconscious. They had to give a reason, and every emergency look is checked.';

/** When nobody has looked yet. */
export const ACCESS_LOG_EMPTY = 'No one has looked at your record yet';

/**
 * The AuditEvent search the log reads: every look the hub lists for her, whatever its purpose, newest first. Asking by
 * purpose would leave out those it does not name: her carers' (`FAMRQT`), her own (`PATADMIN`), and a look by someone
 * not shown, whose purpose the hub masks (docs/access-policy.md R15).
 */
export function accessLogQuery(patientId: string, count = 20) {
  return { patient: patientId, _sort: '-date' as const, _count: count };
}

/** Said of a look by the resident herself (the hub's `PATADMIN`: her own app reading her record). */
export const OWN_LOOK = 'You';

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const PURPOSE_OF_USE = 'http://terminology.hl7.org/CodeSystem/v3-PurposeOfUse';
/** Reads by the same person within this long of each other are one entry. */
const SAME_VISIT_MS = 10 * 60 * 1000;

const roleWords: Record<string, string> = {
  gp: 'GP (doctor)',
  doctor: 'Doctor',
  consultant: 'Hospital doctor',
  nurse: 'Nurse',
  'social-worker': 'Social worker',
  receptionist: 'Receptionist',
  pharmacist: 'Pharmacist',
  psychiatrist: 'Psychiatrist (mental health doctor)',
  carer: 'Carer (acting for you)',
};

const lookedWords: Record<string, string> = {
  Patient: 'Your personal details',
  AllergyIntolerance: 'Your allergies',
  Condition: 'Your health conditions',
  MedicationStatement: 'Your medicines',
  MedicationRequest: 'Your medicines',
  Encounter: 'Your visits and hospital stays',
  Appointment: 'Your appointments',
  EpisodeOfCare: 'The services caring for you',
  Observation: 'Your test results and readings',
  DiagnosticReport: 'Your test results and readings',
  CarePlan: 'Your care plans',
  Goal: 'Your goals',
  Flag: 'Alerts on your record',
  DocumentReference: 'Your letters and documents',
  Consent: 'Your sharing choices',
  RelatedPerson: 'Your family and carers',
  AuditEvent: 'Who has looked at your record',
};

/** A role as the audit records it (`gp`, `social-worker`, `Nurse`) in plain words. */
export function roleInPlainWords(role: string | undefined): string {
  const text = displayText(role ?? '');
  if (!text) return NOT_KNOWN;
  const known = roleWords[text.toLowerCase()];
  if (known) return known;
  const words = text.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What an AuditEvent's entity description (`Observation search`, `Record summary`) means to the resident. */
export function lookedAtInPlainWords(description: string | undefined): string {
  const text = description?.trim() ?? '';
  if (text === 'Record summary') return 'A summary of your record';
  const type = /^([A-Za-z]+) (?:read|search)$/.exec(text)?.[1];
  return (type && lookedWords[type]) || 'Part of your record';
}

/** The resident's date and time (`6 August 2018, 2:30pm`), as every resident view shows it. */
export { formatResidentDateTime } from '../format/date.js';

interface Look {
  id: string;
  /** The instant, ISO 8601; `''` when the event gives no time that can be read. */
  at: string;
  /** Milliseconds since the epoch; `-Infinity` when not known, so that it sorts last. */
  time: number;
  /** Who looked, as a reference or an identifier; `undefined` when the event does not say. */
  who: string | undefined;
  organisation: string;
  role: string;
  looked: string;
  reason: string | undefined;
}

/** The purposes that mean emergency access, in the code systems audits use for it. */
const EMERGENCY_PURPOSES = new Set([`${ACT_REASON}|ETREAT`, `${ACT_REASON}|BTG`, `${PURPOSE_OF_USE}|ETREAT`, `${PURPOSE_OF_USE}|BTG`]);

const isEmergency = (purpose: CodeableConcept): boolean =>
  purpose.coding?.some((coding) => EMERGENCY_PURPOSES.has(`${coding.system ?? ''}|${coding.code ?? ''}`)) ?? false;

/** When the look happened: `recorded`, else the period the audit gives; `''` when neither can be read. */
function timeOf(event: AuditEvent): { at: string; time: number } {
  for (const at of [event.recorded, event.period?.end, event.period?.start]) {
    const time = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    if (typeof at === 'string' && !Number.isNaN(time)) return { at, time };
  }
  return { at: '', time: Number.NEGATIVE_INFINITY };
}

/** What was looked at: the entity's description, else the type it names. */
function lookedAt(event: AuditEvent): string {
  const entity = Array.isArray(event.entity) ? event.entity[0] : undefined;
  const described = lookedAtInPlainWords(entity?.description);
  if (described !== 'Part of your record' || entity?.description?.trim()) return described;
  const type = /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+$/.exec(entity?.what?.reference ?? '')?.[1];
  return (type && type !== 'Patient' && lookedWords[type]) || described;
}

/** Said of someone the resident's record keeps from her (the hub's `masked` agent): that they looked, never who. */
export const PERSON_NOT_SHOWN = 'Someone whose details are not shown';
/** Their role, which is kept from her with them. */
export const ROLE_NOT_SHOWN = 'Not shown';

const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * Whether the hub left out who this is because it is kept from the reader (FHIR's data-absent-reason `masked` on the
 * Reference, which FHIR allows on any element and the contract's Reference type does not list).
 */
function isMasked(who: object | undefined): boolean {
  const extensions = (who as { extension?: unknown } | undefined)?.extension;
  return (
    Array.isArray(extensions) &&
    extensions.some(
      (extension: { url?: unknown; valueCode?: unknown } | null) =>
        extension?.url === DATA_ABSENT_REASON && extension.valueCode === 'masked',
    )
  );
}

function lookOf(event: AuditEvent, index: number): Look {
  const { at, time } = timeOf(event);
  const agents = Array.isArray(event.agent) ? event.agent : [];
  const requestor = agents.find((agent) => agent.requestor) ?? agents[0];
  const masked = isMasked(requestor?.who);
  const organisation = agents.find((agent) => agent.who?.reference?.startsWith('Organization/'));
  const purposes = [...(event.purposeOfEvent ?? []), ...(requestor?.purposeOfUse ?? [])];
  const emergency = purposes.find(isEmergency);
  const reason = emergency ? displayText((emergency.text ?? '').replace(/^Emergency access:\s*/, '')) || NOT_KNOWN : undefined;
  const identifier = requestor?.who?.identifier;
  const who =
    requestor?.who?.reference?.trim() ||
    (identifier?.value?.trim() ? `${identifier.system ?? ''}|${identifier.value.trim()}` : undefined) ||
    requestor?.altId?.trim() ||
    undefined;
  const role = requestor?.role?.[0] ?? requestor?.type;
  // Her own look: the hub names a resident by her Patient, and lists no other resident's look at her record.
  const own = !masked && (requestor?.who?.reference?.startsWith('Patient/') ?? false);
  return {
    id: event.id ?? (at || `event-${index}`),
    at,
    time,
    who,
    // Someone kept from her looked: said so in words, never "Not known" or blank (R15).
    // A carer acting for the resident belongs to no organisation: they are named themselves.
    organisation:
      (masked ? PERSON_NOT_SHOWN : undefined) ||
      (own ? OWN_LOOK : undefined) ||
      displayText(organisation?.who?.display ?? '') ||
      (requestor?.who?.reference?.startsWith('RelatedPerson/') ? displayText(requestor.who.display ?? '') : undefined) ||
      NOT_KNOWN,
    role: masked ? ROLE_NOT_SHOWN : own ? OWN_LOOK : roleInPlainWords(role?.text ?? role?.coding?.[0]?.display ?? role?.coding?.[0]?.code),
    looked: lookedAt(event),
    reason,
  };
}

/**
 * The access log from AuditEvents (any order; several pages together),
 * newest first. Reads by the same person, organisation and purpose within 10
 * minutes of each other are one entry. Every look is listed: one whose time
 * cannot be read comes last, its time `Not known`; one that does not say who
 * looked is never joined with another. `options.patientId` says whose log it is.
 */
export function accessLogViewModel(
  events: readonly AuditEvent[],
  notices?: RecordNotices,
  options: { patientId?: string } = {},
): AccessLogViewModel {
  const looks = events
    .filter((event): event is AuditEvent => typeof event === 'object' && event !== null)
    .map(lookOf)
    .sort((a, b) => (a.time === b.time ? a.id.localeCompare(b.id) : b.time > a.time ? 1 : -1));
  const entries: (AccessLogEntry & { oldest: number; key: string | undefined })[] = [];
  for (const look of looks) {
    const key = look.who === undefined ? undefined : `${look.who}|${look.organisation}|${look.reason ?? ''}`;
    const last = entries.at(-1);
    if (last && key !== undefined && last.key === key && Number.isFinite(look.time) && last.oldest - look.time <= SAME_VISIT_MS) {
      if (!last.looked.includes(look.looked)) last.looked.push(look.looked);
      last.oldest = look.time;
      continue;
    }
    entries.push({
      id: look.id,
      organisation: look.organisation,
      role: look.role,
      when: look.at ? formatResidentDateTime(look.at) : NOT_KNOWN,
      at: look.at,
      looked: [look.looked],
      emergency: look.reason === undefined ? undefined : { reason: look.reason, explanation: EMERGENCY_EXPLANATION },
      oldest: look.time,
      key,
    });
  }
  return {
    patientId: options.patientId,
    heading: 'Who has looked at your record',
    entries: entries.map(({ oldest: _oldest, key: _key, ...entry }) => entry),
    notices: notices ?? { withheld: false, unavailableSources: [] },
  };
}

/** The access log read page by page, newest first. */
export interface AccessLogReader {
  /** Every event read so far, as the log. */
  readonly model: AccessLogViewModel;
  /** Whether there are older pages. */
  readonly hasMore: boolean;
  /** Reads the next (older) page. Calls made while one is in flight share it. */
  loadMore(): Promise<AccessLogViewModel>;
}

/** Reads the resident's access log from the hub, `pageSize` events a page. */
export function readAccessLog(
  hub: HubClient,
  patientId: string,
  options: { pageSize?: number; signal?: AbortSignal } = {},
): AccessLogReader {
  const events = new Map<string, AuditEvent>();
  const bundles: NoticeBundle[] = [];
  const open = () => {
    const walk = hub.pages('/AuditEvent', {
      query: accessLogQuery(patientId, options.pageSize),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return walk[Symbol.asyncIterator]();
  };
  let pages = open();
  let pagesRead = 0;
  let hasMore = true;
  let model = accessLogViewModel([], undefined, { patientId });
  let inFlight: Promise<AccessLogViewModel> | undefined;
  const read = async () => {
    try {
      return await pages.next();
    } catch (error) {
      // A failed page ends the walk: start a new one, which re-reads the pages already shown before going further.
      pages = open();
      pagesRead = 0;
      throw error;
    }
  };
  const next = async (): Promise<AccessLogViewModel> => {
    const wanted = bundles.length + 1;
    while (pagesRead < wanted) {
      const page = await read();
      pagesRead += 1;
      if (page.done) {
        hasMore = false;
        return model;
      }
      for (const entry of page.value.entry ?? [])
        if (entry.resource?.resourceType === 'AuditEvent' && (entry.search?.mode ?? 'match') === 'match')
          events.set(entry.resource.id ?? `${events.size}`, entry.resource);
      if (pagesRead > bundles.length) bundles.push(page.value);
      hasMore = hasNextPage(page.value);
    }
    model = accessLogViewModel([...events.values()], readNotices(bundles), { patientId });
    return model;
  };
  return {
    get model() {
      return model;
    },
    get hasMore() {
      return hasMore;
    },
    loadMore() {
      inFlight ??= next().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
