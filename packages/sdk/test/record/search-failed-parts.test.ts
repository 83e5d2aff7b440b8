/**
 * One failed search fails only its part (R17, after the record page): the timeline runs one search per resource type
 * and the medicines list two. Against a plain FHIR server on loopback that answers one of them badly — 404
 * not-supported, 400, 500, an OperationOutcome `not-supported` (501) or an answer cut short — each shows everything
 * it could read, names the part it could not, and claims nothing complete (no "none", no exact count) for that part.
 * Only where every search fails does the whole list fail, as before.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Resource } from '../../src/fhir.js';
import { createHubClient, openRecord, unreadNotices, type MedicationsViewModel } from '../../src/index.js';
import { EVENT_TYPES_OF } from '../../src/record/timeline-event.js';
import { createBorough } from '../../../synthetic/src/index.js';
import { startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';
import { searchset, serveStandIn, type StandInAnswer } from './stand-in-server.js';

const NOW = '2026-11-28T09:00:00Z';
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

type Fault = '404' | '400' | '500' | 'not-supported' | 'cut-short';
const FAULTS: readonly Fault[] = ['404', '400', '500', 'not-supported', 'cut-short'];
const CUT_TO = 1;
const CUT_TOTAL = 999;

const borough = createBorough({ seed: 'test-seed', residents: 206_000, now: NOW });
/** A resident with encounters, results and medicines of both kinds to lose. */
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

const outcome = (code: string) => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code }] });

/** How the stand-in answers one search: as a good server, or as `faults` says for its type. */
function answer(type: string, faults: ReadonlyMap<string, Fault>): StandInAnswer {
  const fault = faults.get(type);
  switch (fault) {
    case undefined:
      return { status: 200, body: searchset(ofType(type)) };
    case 'cut-short':
      return { status: 200, body: searchset(ofType(type).slice(0, CUT_TO), CUT_TOTAL) };
    case '404':
      return { status: 404, body: outcome('not-found') };
    case '400':
      return { status: 400, body: outcome('invalid') };
    case '500':
      return { status: 500, body: outcome('exception') };
    case 'not-supported':
      return { status: 501, body: outcome('not-supported') };
  }
}

/** A plain FHIR server (no `$summary`) holding the resident, answering the searches in `faults` badly. */
function serve(faults: ReadonlyMap<string, Fault> = new Map()): void {
  hub.reset();
  serveStandIn(hub, {
    patient: record.patient,
    organizations: borough.organizations,
    types: [
      ...TIMELINE_SEARCHES,
      ...MEDICINE_SEARCHES,
      'AllergyIntolerance',
      'Condition',
      'Flag',
      'Goal',
      'RelatedPerson',
      'Immunization',
      'Procedure',
    ],
    answer: (type) => answer(type, faults),
  });
}

const open = () =>
  openRecord(createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } }), record.patient.id ?? '', {
    audience: 'clinician',
    now: () => new Date(NOW),
  });

/** Reads the whole timeline: the events shown by resource type, its notices and coverage. */
async function wholeTimeline(faults: ReadonlyMap<string, Fault>) {
  serve(faults);
  const timeline = open().timeline();
  let done = false;
  for (let pages = 0; pages < 30 && !done; pages++) ({ done } = await timeline.loadMore());
  const view = timeline.timeline.view({});
  const events = [...view.days.flatMap((day) => day.events), ...view.undated];
  const idsOf = (type: string) =>
    events
      .filter((event) => event.resourceType === type)
      .map((event) => event.id)
      .sort();
  return { timeline, done, idsOf, view };
}

/** Every resource id a medicines list shows, by resource type. */
function medicineIds(model: MedicationsViewModel, type: string): string[] {
  const rows = [...model.current, ...model.past, ...model.doNotGive, ...model.proposed];
  return [...new Set(rows.flatMap((row) => row.resourceIds).filter((id) => id.startsWith(`${type}/`)))].sort();
}

const one = (type: string, fault: Fault) => new Map([[type, fault]]);

describe('the timeline: one failed search fails only its part', () => {
  test('reported: DocumentReference 500 shows the encounters, names the letters and documents, and offers to read them again', async () => {
    const { timeline, done, idsOf, view } = await wholeTimeline(one('DocumentReference', '500'));
    assert.ok(done, 'everything else was read');
    assert.ok(idsOf('Encounter').length >= 2, 'the encounters are shown');
    assert.deepEqual(timeline.notices.unreadTypes, [{ type: 'DocumentReference', reason: 'the server could not answer (error 500)' }]);
    assert.deepEqual(unreadNotices(timeline.notices.unreadTypes ?? []), [
      'Letters and documents could not be read: the server could not answer (error 500)',
    ]);
    assert.deepEqual(timeline.failedTypes, ['DocumentReference'], 'trying again can help');
    assert.ok(!timeline.coverage?.exactTypes.has('letter'), 'the letters filter does not claim a count');
    assert.ok(timeline.coverage?.incompleteTypes?.has('letter'), 'the letters filter says it could not be read');
    assert.ok(view.total > 0);
  });

  test('reported: Try again reads the failed search once the server answers, and the notice goes', async () => {
    const { timeline } = await wholeTimeline(one('Encounter', '500'));
    assert.deepEqual(timeline.failedTypes, ['Encounter']);
    serve();
    let { done } = (await timeline.retryFailed?.()) ?? { done: false };
    for (let pages = 0; pages < 30 && !done; pages++) ({ done } = await timeline.loadMore());
    assert.ok(done);
    assert.equal(timeline.notices.unreadTypes, undefined, 'nothing left unread');
    const shown = new Set([...timeline.timeline.view({}).days.flatMap((day) => day.events)].map((event) => event.id));
    assert.ok(
      ofType('Encounter').every((resource) => shown.has(`Encounter/${resource.id}`)),
      'the encounters are read',
    );
  });

  test('every search × 404, 400, 500, not-supported and cut short: the rest shown, the part named, no count claimed for it', async () => {
    const reference = await wholeTimeline(new Map());
    const failures: string[] = [];
    for (const type of TIMELINE_SEARCHES)
      for (const kind of FAULTS) {
        const label = `${type} ${kind}`;
        let read;
        try {
          read = await wholeTimeline(one(type, kind));
        } catch (error) {
          failures.push(`${label}: the whole timeline failed (${(error as Error).message.slice(0, 50)})`);
          continue;
        }
        // Everything the other searches read is shown (results a failed report would have held are shown on their own).
        for (const other of TIMELINE_SEARCHES) {
          const shown = new Set(read.idsOf(other));
          if (other !== type && reference.idsOf(other).some((id) => !shown.has(id))) failures.push(`${label}: ${other} events missing`);
        }
        const notices = read.timeline.notices;
        if (kind === 'cut-short') {
          if (ofType(type).length > CUT_TO && !(notices.cutShortTypes ?? []).some((cut) => cut.type === type))
            failures.push(`${label}: not said to be cut short`);
        } else if (!(notices.unreadTypes ?? []).some((unread) => unread.type === type)) failures.push(`${label}: not named as unread`);
        else if (unreadNotices(notices.unreadTypes ?? []).some((line) => line.startsWith('Some items')))
          failures.push(`${label}: not named in words`);
        const coverage = read.timeline.coverage;
        for (const eventType of EVENT_TYPES_OF[type]) {
          if (coverage?.exactTypes.has(eventType)) failures.push(`${label}: the ${eventType} count claims to be exact`);
          if (kind !== 'cut-short' && !coverage?.incompleteTypes?.has(eventType))
            failures.push(`${label}: ${eventType} not said incomplete`);
        }
        const retryable = kind === '500';
        if ((read.timeline.failedTypes ?? []).includes(type) !== retryable)
          failures.push(`${label}: Try again ${retryable ? 'not ' : ''}offered`);
      }
    assert.deepEqual(failures, []);
  });

  test('every search failing (500) still fails the timeline as a whole', async () => {
    serve(new Map(TIMELINE_SEARCHES.map((type) => [type, '500' as const])));
    await assert.rejects(open().timeline().loadMore(), (error: { status?: number }) => error.status === 500);
  });
});

describe('the medicines list: one failed search fails only its part', () => {
  test('reported: a server without MedicationStatement (404) shows the prescriptions and names what it could not read', async () => {
    serve(one('MedicationStatement', '404'));
    const medicines = await open().medications();
    assert.ok(medicineIds(medicines, 'MedicationRequest').length > 0, 'the prescriptions are shown');
    assert.deepEqual(unreadNotices(medicines.notices.unreadTypes ?? []), [
      'Medicines the person reports taking, and over-the-counter medicines could not be read: the server does not support this search',
    ]);
  });

  test('every search × 404, 400, 500, not-supported and cut short: the other kind shown, the failed kind named', async () => {
    serve();
    const reference = await open().medications();
    const failures: string[] = [];
    for (const type of MEDICINE_SEARCHES)
      for (const kind of FAULTS) {
        const label = `${type} ${kind}`;
        serve(one(type, kind));
        let medicines;
        try {
          medicines = await open().medications();
        } catch (error) {
          failures.push(`${label}: the whole list failed (${(error as Error).message.slice(0, 50)})`);
          continue;
        }
        const other = type === 'MedicationRequest' ? 'MedicationStatement' : 'MedicationRequest';
        if (JSON.stringify(medicineIds(medicines, other)) !== JSON.stringify(medicineIds(reference, other)))
          failures.push(`${label}: the ${other} items differ`);
        const notices = medicines.notices;
        if (kind === 'cut-short') {
          if (ofType(type).length > CUT_TO && !(notices.cutShortTypes ?? []).some((cut) => cut.type === type))
            failures.push(`${label}: not said to be cut short`);
        } else if (!(notices.unreadTypes ?? []).some((unread) => unread.type === type)) failures.push(`${label}: not named as unread`);
        if (medicines.notPermitted) failures.push(`${label}: told as not permitted`);
      }
    assert.deepEqual(failures, []);
  });

  test('the summary’s medicines: each search × 404, 400, 500 and not-supported shows the other kind and names the failed one', async () => {
    const WORDS: Record<string, string> = {
      MedicationRequest: 'Prescriptions could not be read',
      MedicationStatement: 'Medicines the person reports taking, and over-the-counter medicines could not be read',
    };
    const failures: string[] = [];
    for (const type of MEDICINE_SEARCHES)
      for (const kind of FAULTS.filter((fault) => fault !== 'cut-short')) {
        serve(one(type, kind));
        const section = (await open().page()).summary.sections.medications;
        const other = type === 'MedicationRequest' ? 'MedicationStatement' : 'MedicationRequest';
        if (section.state !== 'partial') failures.push(`${type} ${kind}: ${section.state}`);
        if (!section.notices.some((line) => line.startsWith(WORDS[type] ?? '')))
          failures.push(`${type} ${kind}: ${section.notices.join('|')}`);
        if (section.notices.some((line) => line.startsWith('This could not be read')))
          failures.push(`${type} ${kind}: says the whole section could not be read`);
        if (ofType(other).length > 0 && section.items.length === 0) failures.push(`${type} ${kind}: no ${other} items shown`);
      }
    assert.deepEqual(failures, []);
  });

  test('both searches failing (500) still fails the medicines as a whole', async () => {
    serve(new Map(MEDICINE_SEARCHES.map((type) => [type, '500' as const])));
    await assert.rejects(open().medications(), (error: { status?: number }) => error.status === 500);
  });
});
