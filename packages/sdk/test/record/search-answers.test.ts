/**
 * Reviewer R17, against a second FHIR server (issue findings F1–F3): one search of the record page that the server
 * does not support (404 `not-supported`), refuses (400) or fails (500) is not the record missing, and an answer that
 * says it holds more than it gave, with no next link, is not all there is.
 *
 * A loopback server serves one synthetic resident as a plain FHIR server (no `$summary`), answering one search of the
 * page's batch badly. Every search × every bad answer: the page is shown; each section shows what it read, says it
 * failed, or says it is incomplete — never "none"; the banner's allergies are never "none" or "not recorded" from a
 * failed or cut-short allergy answer; the sections the bad answer does not touch are as from a good server. Only the
 * Patient is the record: a Patient the server cannot read fails the page.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Resource } from '../../src/fhir.js';
import { createHubClient, loadAppointments, loadResults, openRecord, type SummaryViewModel } from '../../src/index.js';
import { SECTION_TYPES, sectionTexts, SUMMARY_SECTION_ORDER, type SummarySectionKey } from '../../src/record/summary/sections.js';
import { createBorough } from '../../../synthetic/src/index.js';
import { startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';
import { searchset, serveStandIn, type StandInAnswer } from './stand-in-server.js';
import { RECORD_PAGE_SEARCHES } from './record-page-searches.js';

const NOW = '2026-11-28T09:00:00Z';
const SEARCHED = RECORD_PAGE_SEARCHES;

/** Searched by the timeline and the results, not by the record page. */
const TIMELINE_ONLY = ['Encounter', 'DiagnosticReport', 'Observation', 'DocumentReference'] as const;

type Fault = 'not-supported' | '400' | '500' | 'cut-short';
const FAULTS: readonly Fault[] = ['not-supported', '400', '500', 'cut-short'];
/** A cut-short answer gives this many items and says it holds this many, with no next link. */
const CUT_TO = 1;
const CUT_TOTAL = 999;

const borough = createBorough({ seed: 'test-seed', residents: 206_000, now: NOW });
/** A resident with something in most searches: allergies, problems, medicines, alerts. */
const record = Array.from({ length: 400 }, (_, index) => borough.resident(index)).find((candidate) =>
  ['AllergyIntolerance', 'Condition', 'MedicationRequest', 'Flag'].every(
    (type) => candidate.resources.filter((resource) => resource.resourceType === type).length >= 2,
  ),
)!;

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

const ofType = (type: string): Resource[] =>
  record.resources.filter((resource) => resource.resourceType === type).sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));

/** The batch entry (and plain search answer) of one search, answered as `fault` says when it is the faulty one. */
function answer(type: string, fault: { type: string; kind: Fault } | undefined): StandInAnswer {
  if (!fault || fault.type !== type) return { status: 200, body: searchset(ofType(type)) };
  switch (fault.kind) {
    case 'cut-short':
      return { status: 200, body: searchset(ofType(type).slice(0, CUT_TO), CUT_TOTAL) };
    case 'not-supported':
      return {
        status: 404,
        body: {
          resourceType: 'OperationOutcome',
          issue: [{ severity: 'error', code: 'not-supported', diagnostics: `${type} not supported` }],
        },
      };
    case '400':
      return { status: 400, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] } };
    case '500':
      return { status: 500, body: { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception' }] } };
  }
}

/** Serves the resident as a plain FHIR server whose answer to `fault.type` is `fault.kind` (`Patient` too). */
function serve(fault?: { type: string; kind: Fault }): void {
  serveStandIn(hub, {
    patient: record.patient,
    organizations: borough.organizations,
    types: [...SEARCHED, ...TIMELINE_ONLY],
    answer: (type) => answer(type, fault),
    patientAnswer: () =>
      fault?.type === 'Patient' ? answer('Patient', { type: 'Patient', kind: 'not-supported' }) : { status: 200, body: record.patient },
  });
}

const client = () => createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
const open = () => openRecord(client(), record.patient.id ?? '', { audience: 'clinician', now: () => new Date(NOW) });

async function pageWith(fault?: { type: string; kind: Fault }) {
  hub.reset();
  serve(fault);
  return open().page();
}

/** What one section shows: its item ids, state, empty words and lines. */
function shown(summary: SummaryViewModel, key: SummarySectionKey) {
  const section = summary.sections[key];
  return {
    items: (section.items as { id?: string }[]).map((item) => item.id),
    state: section.state,
    empty: section.emptyText,
    notices: section.notices,
  };
}

const NONE_WORDS = new Set(Object.values(sectionTexts('clinician')).map((texts) => texts.empty));

describe('one search answered badly is that search’s, not the record’s (R17)', () => {
  test('the resident has allergies, problems, medicines and alerts to lose', () => {
    assert.ok(record, 'found a resident');
  });

  test('R17 F1: EpisodeOfCare unsupported (404 not-supported): the page is shown and services say they could not be read', async () => {
    const page = await pageWith({ type: 'EpisodeOfCare', kind: 'not-supported' });
    const involvement = page.summary.sections.involvement;
    assert.equal(involvement.state, 'partial');
    assert.ok(
      involvement.notices.some((line) => /could not be read: the server does not support this search/.test(line)),
      involvement.notices.join('|'),
    );
    assert.ok(!NONE_WORDS.has(involvement.emptyText), `never "none": ${involvement.emptyText}`);
    assert.ok(page.summary.sections.problems.items.length > 0, 'the problems are shown');
  });

  test('R17 F2: an answer that says 999 and gives 1 with no next link says it may be incomplete, how many of how many', async () => {
    const page = await pageWith({ type: 'Condition', kind: 'cut-short' });
    const problems = page.summary.sections.problems;
    assert.equal(problems.state, 'partial');
    assert.ok(
      problems.notices.some((line) => line.includes(`${CUT_TO} of the ${CUT_TOTAL}`)),
      problems.notices.join('|'),
    );
  });

  test('a Patient the server cannot read fails the page: only the Patient is the record', async () => {
    await assert.rejects(pageWith({ type: 'Patient', kind: 'not-supported' }), (error: { status?: number }) => error.status === 404);
  });

  test('every search × 404 not-supported, 400, 500 and cut short: each section shows, fails or is partial, never "none"', async () => {
    const reference = await pageWith();
    const failures: string[] = [];
    for (const type of SEARCHED)
      for (const kind of FAULTS) {
        const label = `${type} ${kind}`;
        let page;
        try {
          page = await pageWith({ type, kind });
        } catch (error) {
          failures.push(`${label}: the whole page failed (${(error as Error).message.slice(0, 60)})`);
          continue;
        }
        for (const key of SUMMARY_SECTION_ORDER) {
          const section = page.summary.sections[key];
          if (!SECTION_TYPES[key].includes(type)) {
            // Untouched sections are as from a good server (allergies and medicines may name sources read elsewhere).
            if (JSON.stringify(shown(page.summary, key)) !== JSON.stringify(shown(reference.summary, key)))
              failures.push(`${label}: ${key} changed`);
            continue;
          }
          if (section.state !== 'partial') failures.push(`${label}: ${key} is ${section.state}, not partial`);
          if (section.items.length === 0 && NONE_WORDS.has(section.emptyText))
            failures.push(`${label}: ${key} says "${section.emptyText}"`);
          const said = kind === 'cut-short' ? `of the ${CUT_TOTAL} items` : 'could not be read';
          if (!section.notices.some((line) => line.includes(said))) failures.push(`${label}: ${key} does not say "${said}"`);
        }
        if (type === 'AllergyIntolerance') {
          const allergies = page.banner.allergies;
          // Cut short with allergies read: they are shown; nothing read, or a failure: unavailable, never "none".
          if (
            kind === 'cut-short' && ofType(type).length > 0
              ? allergies.kind !== 'known' && allergies.kind !== 'unavailable'
              : allergies.kind !== 'unavailable'
          )
            failures.push(`${label}: the banner's allergies are ${allergies.kind} (${allergies.label})`);
        }
      }
    assert.deepEqual(failures, []);
  });

  test('the medicines list read from a cut-short answer says how many of how many', async () => {
    hub.reset();
    serve({ type: 'MedicationRequest', kind: 'cut-short' });
    const record = open();
    await record.page();
    const medicines = await record.medications();
    const notices = medicines.notices as { truncated?: boolean; cutShortTypes?: { type: string; shown: number; total: number }[] };
    assert.equal(notices.truncated, true, 'the list says it is not all there is');
    assert.deepEqual(notices.cutShortTypes, [{ type: 'MedicationRequest', shown: CUT_TO, total: CUT_TOTAL }]);
  });

  test('the timeline: an unsupported search (EpisodeOfCare 404) says some items could not be read, and shows the rest', async () => {
    hub.reset();
    serve({ type: 'EpisodeOfCare', kind: 'not-supported' });
    const timeline = open().timeline();
    let done = false;
    for (let pages = 0; pages < 20 && !done; pages++) ({ done } = await timeline.loadMore());
    assert.ok(done, 'the timeline reads to its end');
    assert.deepEqual(timeline.notices.unreadTypes, [{ type: 'EpisodeOfCare', reason: 'the server does not support this search' }]);
    assert.ok(timeline.timeline.view({}).total > 0, 'the other events are shown');
  });

  test('the timeline: a cut-short answer says how many of how many, and promises no earlier events', async () => {
    hub.reset();
    serve({ type: 'Encounter', kind: 'cut-short' });
    const timeline = open().timeline();
    let done = false;
    for (let pages = 0; pages < 20 && !done; pages++) ({ done } = await timeline.loadMore());
    assert.ok(done, 'nothing more to load: no next link');
    assert.equal(timeline.coverage?.complete, true, 'no earlier events are promised');
    assert.equal(timeline.notices.truncated, true);
    assert.deepEqual(timeline.notices.cutShortTypes, [{ type: 'Encounter', shown: CUT_TO, total: CUT_TOTAL }]);
  });

  test('the results: a cut-short Observation answer says how many of how many', async () => {
    hub.reset();
    serve({ type: 'Observation', kind: 'cut-short' });
    const results = await loadResults(client(), record.patient.id ?? '', { audience: 'clinician' });
    assert.equal(results.notices.truncated, true);
    assert.deepEqual(results.notices.cutShortTypes, [{ type: 'Observation', shown: CUT_TO, total: CUT_TOTAL }]);
  });

  test('the appointments: a cut-short answer says how many of how many', async () => {
    hub.reset();
    serve({ type: 'Appointment', kind: 'cut-short' });
    const appointments = await loadAppointments(client(), record.patient.id ?? '', { audience: 'clinician' });
    assert.equal(appointments.notices.truncated, true);
    assert.deepEqual(appointments.notices.cutShortTypes, [
      { type: 'Appointment', shown: Math.min(CUT_TO, ofType('Appointment').length), total: CUT_TOTAL },
    ]);
  });
});
