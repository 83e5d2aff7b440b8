/**
 * A refusal (403) of ONE search: a refusal about one kind of information (a narrow sign-in's `SCOPE_RESTRICTED`, a
 * carer's `PROXY_RESTRICTED`, a role's `ROLE_RESTRICTED`) fails only its part of the record page, the timeline and
 * the medicines list, said in the refusal's own words and never as "none"; a refusal about the whole record (no
 * relationship, sharing declined with emergency access offered, no proxy access, a code not known, a sign-in that
 * ended) still fails the whole list or page, so that no part of a record the reader may not open is shown.
 * Against a plain FHIR server on loopback that refuses one search.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Resource } from '../../src/fhir.js';
import { createHubClient, notPermittedNotices, openRecord, type MedicationsViewModel } from '../../src/index.js';
import { openRecordReader } from '../../src/record/record-reader.js';
import { EVENT_TYPES_OF } from '../../src/record/timeline-event.js';
import { createBorough } from '../../../synthetic/src/index.js';
import { startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';
import { searchset, serveStandIn, type StandInAnswer } from './stand-in-server.js';
import { RECORD_PAGE_SEARCHES } from './record-page-searches.js';

const NOW = '2026-11-28T09:00:00Z';
const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';
const TIMELINE_SEARCHES = [
  'Encounter',
  'Appointment',
  'DiagnosticReport',
  'Observation',
  'DocumentReference',
  'CarePlan',
  'EpisodeOfCare',
] as const;
const MEDICINE_SEARCHES = ['MedicationRequest', 'MedicationStatement'] as const;

/** A refusal about one kind of information, and the words it is told in. */
const TYPE_REFUSALS = {
  SCOPE_RESTRICTED: 'The app you signed in with was not given access to this kind of information',
  PROXY_RESTRICTED: 'This is not part of what you were given access to',
  ROLE_RESTRICTED: 'Clinical information is not available to your role',
} as const;
type TypeRefusal = keyof typeof TYPE_REFUSALS;
/** Refusals about the whole record: each fails the whole list or page. */
const RECORD_REFUSALS = ['NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED', 'NO_PROXY_ACCESS', 'no code', '401'] as const;
type RecordRefusal = (typeof RECORD_REFUSALS)[number];
type Refusal = TypeRefusal | RecordRefusal;
const isTypeRefusal = (refusal: Refusal): refusal is TypeRefusal => Object.hasOwn(TYPE_REFUSALS, refusal);

const borough = createBorough({ seed: 'test-seed', residents: 206_000, now: NOW });
/** A resident with encounters, results and medicines of both kinds. */
const record = Array.from({ length: 2000 }, (_, index) => borough.resident(index)).find((candidate) =>
  ['Encounter', 'Observation', 'MedicationRequest', 'MedicationStatement'].every(
    (type) => candidate.resources.filter((resource) => resource.resourceType === type).length >= 2,
  ),
)!;

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

const ofType = (type: string): Resource[] => record.resources.filter((resource) => resource.resourceType === type);

/** The OperationOutcome of a refusal, as the hub words it (a sharing refusal offers emergency access). */
function refusalOutcome(refusal: Refusal) {
  if (refusal === '401') return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] };
  if (refusal === 'no code') return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] };
  const issue = (code: string, type = 'forbidden') => ({
    severity: type === 'forbidden' ? 'error' : 'information',
    code: type,
    details: { coding: [{ system: HUB_ERROR_SYSTEM, code }] },
  });
  return {
    resourceType: 'OperationOutcome',
    issue: [issue(refusal), ...(refusal === 'SHARING_DECLINED' ? [issue('BREAK_GLASS_AVAILABLE', 'informational')] : [])],
  };
}

/** How the stand-in answers one search: as a good server, or refusing `refused`'s type. */
function answer(type: string, refused: { type: string; refusal: Refusal } | undefined): StandInAnswer {
  if (refused?.type !== type) return { status: 200, body: searchset(ofType(type)) };
  return { status: refused.refusal === '401' ? 401 : 403, body: refusalOutcome(refused.refusal) };
}

/** A plain FHIR server (no `$summary`) holding the resident, refusing one search. */
function serve(refused?: { type: string; refusal: Refusal }): void {
  hub.reset();
  serveStandIn(hub, {
    patient: record.patient,
    organizations: borough.organizations,
    types: [...TIMELINE_SEARCHES, ...MEDICINE_SEARCHES, ...RECORD_PAGE_SEARCHES],
    answer: (type) => answer(type, refused),
  });
}

const open = () =>
  openRecord(createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } }), record.patient.id ?? '', {
    audience: 'clinician',
    now: () => new Date(NOW),
  });

async function wholeTimeline() {
  const timeline = open().timeline();
  let done = false;
  for (let pages = 0; pages < 30 && !done; pages++) ({ done } = await timeline.loadMore());
  const view = timeline.timeline.view({});
  const events = [...view.days.flatMap((day) => day.events), ...view.undated];
  return {
    timeline,
    idsOf: (type: string) =>
      events
        .filter((event) => event.resourceType === type)
        .map((event) => event.id)
        .sort(),
  };
}

function medicineIds(model: MedicationsViewModel, type: string): string[] {
  const rows = [...model.current, ...model.past, ...model.doNotGive, ...model.proposed];
  return [...new Set(rows.flatMap((row) => row.resourceIds).filter((id) => id.startsWith(`${type}/`)))].sort();
}

const expectedStatus = (refusal: RecordRefusal) => (refusal === '401' ? 401 : 403);
const REFUSALS: readonly Refusal[] = [...(Object.keys(TYPE_REFUSALS) as TypeRefusal[]), ...RECORD_REFUSALS];

/**
 * Runs `read` with each search in `types` refused in each way: a type refusal must resolve and pass `check`, a record
 * refusal must reject with its status. Returns what went wrong, one line a case.
 */
async function matrix<T>(
  types: readonly string[],
  read: () => Promise<T>,
  check: (result: T, type: string, refusal: TypeRefusal) => string[],
): Promise<string[]> {
  const failures: string[] = [];
  for (const type of types)
    for (const refusal of REFUSALS) {
      const label = `${type} ${refusal}`;
      serve({ type, refusal });
      let result: T;
      try {
        result = await read();
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (isTypeRefusal(refusal)) failures.push(`${label}: the whole failed (${status})`);
        else if (status !== expectedStatus(refusal)) failures.push(`${label}: failed with ${status}`);
        continue;
      }
      if (!isTypeRefusal(refusal)) failures.push(`${label}: shown, though the record was refused`);
      else failures.push(...check(result, type, refusal).map((line) => `${label}: ${line}`));
    }
  return failures;
}

/** What notices must say of a type refused: left out, in the refusal's words, never as unread or none. */
function saidInItsWords(notices: Parameters<typeof notPermittedNotices>[0], type: string, refusal: TypeRefusal): string[] {
  const words = notPermittedNotices(notices, [type]);
  return JSON.stringify(words) === JSON.stringify([TYPE_REFUSALS[refusal]]) ? [] : [`said ${JSON.stringify(words)}`];
}

describe('a refusal of one search', () => {
  test('reported: MedicationStatement 403 SCOPE_RESTRICTED shows the prescriptions and says the app was not given the rest', async () => {
    serve({ type: 'MedicationStatement', refusal: 'SCOPE_RESTRICTED' });
    const medicines = await open().medications();
    assert.ok(medicineIds(medicines, 'MedicationRequest').length > 0, 'the prescriptions are shown');
    assert.deepEqual(medicineIds(medicines, 'MedicationStatement'), []);
    assert.deepEqual(notPermittedNotices(medicines.notices, ['MedicationStatement']), [TYPE_REFUSALS.SCOPE_RESTRICTED]);
    assert.deepEqual(notPermittedNotices(medicines.notices, ['MedicationRequest']), [], 'the prescriptions are not said left out');
  });

  test('the medicines list: each search × each refusal kind', async () => {
    serve();
    const reference = await open().medications();
    const failures = await matrix(
      MEDICINE_SEARCHES,
      () => open().medications(),
      (medicines, type, refusal) => {
        const other = type === 'MedicationRequest' ? 'MedicationStatement' : 'MedicationRequest';
        const lines = saidInItsWords(medicines.notices, type, refusal);
        if (JSON.stringify(medicineIds(medicines, other)) !== JSON.stringify(medicineIds(reference, other)))
          lines.push(`the ${other} items differ`);
        if (notPermittedNotices(medicines.notices, [other]).length > 0) lines.push(`${other} said left out`);
        return lines;
      },
    );
    assert.deepEqual(failures, []);
  });

  test('the timeline: each search × each refusal kind', async () => {
    serve();
    const reference = await wholeTimeline();
    const failures = await matrix(TIMELINE_SEARCHES, wholeTimeline, ({ timeline, idsOf }, type, refusal) => {
      const lines = saidInItsWords(timeline.notices, type, refusal);
      for (const other of TIMELINE_SEARCHES)
        // Results a refused report would have held are shown on their own: every event read before is still shown.
        if (other !== type && reference.idsOf(other).some((id) => !idsOf(other).includes(id))) lines.push(`${other} events missing`);
      // No filter counts what was refused: a role's refusal is said as the role's (a receptionist's "(0)" results were
      // "none" of what she may not see), the sign-in's and a carer's as not all read.
      for (const eventType of EVENT_TYPES_OF[type as (typeof TIMELINE_SEARCHES)[number]]) {
        if (timeline.coverage?.exactTypes.has(eventType)) lines.push(`the ${eventType} count claims to be exact`);
        const roleSaid = timeline.coverage?.roleLeftOutTypes?.has(eventType) ?? false;
        if (roleSaid !== (refusal === 'ROLE_RESTRICTED')) lines.push(`the ${eventType} filter ${roleSaid ? '' : 'not '}said the role's`);
      }
      return lines;
    });
    assert.deepEqual(failures, []);
  });

  test('the record page: each search × each refusal kind', async () => {
    const readPage = () =>
      openRecordReader(createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } }), record.patient.id ?? '', {
        audience: 'clinician',
        now: () => new Date(NOW),
      }).page();
    const failures = await matrix(RECORD_PAGE_SEARCHES, readPage, (page, type, refusal) => {
      const lines = saidInItsWords(page.notices, type, refusal);
      if (page.patient.id !== record.patient.id) lines.push('another patient');
      return lines;
    });
    assert.deepEqual(failures, []);
  });
});
