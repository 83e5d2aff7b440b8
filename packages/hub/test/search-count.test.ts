/**
 * `_summary=count` on the clinical searches the timeline reads: the number
 * of matches for the whole record (`total`) and no entries, with the same
 * visibility as the search itself, directly and inside a batch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, openRecord } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

let testHub: TestHub;
let gpToken: string;
/** The long-history resident (index 1): thousands of items, far more than a page. */
let patientId: string;

before(async () => {
  // A small borough: the long-history resident is the second.
  testHub = await startTestHub({ residents: 5 });
  gpToken = await testHub.signIn('gp');
  patientId = testHub.hub.borough.resident(1).patient.id!;
});
after(() => testHub.close());

const TIMELINE_TYPES = ['Encounter', 'Appointment', 'DiagnosticReport', 'Observation', 'DocumentReference', 'CarePlan', 'EpisodeOfCare'];

/** Every match of a search, page by page. */
async function countByPaging(token: string, type: string): Promise<number> {
  let url: string | undefined = `/${type}?patient=${patientId}&_count=500`;
  let matches = 0;
  while (url) {
    const { status, body } = await testHub.call(token, url);
    assert.equal(status, 200);
    const entries = (body['entry'] as { search?: { mode?: string } }[] | undefined) ?? [];
    matches += entries.filter((entry) => entry.search?.mode === 'match').length;
    const next = (body['link'] as { relation: string; url: string }[]).find((link) => link.relation === 'next')?.url;
    url = next ? next.slice(testHub.fhir.length) : undefined;
  }
  return matches;
}

describe('_summary=count', () => {
  for (const type of TIMELINE_TYPES) {
    test(`${type}: total of the whole record, no entries, no next link`, async () => {
      const { status, body } = await testHub.call(gpToken, `/${type}?patient=${patientId}&_summary=count`);
      assert.equal(status, 200);
      assert.equal(body['type'], 'searchset');
      const entries = (body['entry'] as { search?: { mode?: string } }[] | undefined) ?? [];
      assert.deepEqual(
        entries.filter((entry) => entry.search?.mode !== 'outcome'),
        [],
      );
      assert.equal(
        (body['link'] as { relation: string }[]).some((link) => link.relation === 'next'),
        false,
      );
      assert.equal(body['total'], await countByPaging(gpToken, type));
    });
  }

  test('the long-history resident has more encounters than a timeline page holds', async () => {
    const { body } = await testHub.call(gpToken, `/Encounter?patient=${patientId}&_summary=count`);
    assert.ok((body['total'] as number) > 100, `total ${String(body['total'])}`);
  });

  test('counts with the same criteria as the search (class, date)', async () => {
    const { body: all } = await testHub.call(gpToken, `/Encounter?patient=${patientId}&_summary=count`);
    const { body: inpatient } = await testHub.call(gpToken, `/Encounter?patient=${patientId}&class=IMP&_summary=count`);
    const { body: recent } = await testHub.call(gpToken, `/Encounter?patient=${patientId}&date=ge2020-01-01&_summary=count`);
    assert.ok((inpatient['total'] as number) < (all['total'] as number));
    assert.ok((recent['total'] as number) < (all['total'] as number));
  });

  test('inside a batch, entry by entry', async () => {
    const { status, body } = await testHub.call(gpToken, '/', {
      method: 'POST',
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: TIMELINE_TYPES.map((type) => ({ request: { method: 'GET', url: `${type}?patient=${patientId}&_summary=count` } })),
      },
    });
    assert.equal(status, 200);
    const answers = body['entry'] as { response: { status: string }; resource: { total?: number; entry?: unknown[] } }[];
    assert.equal(answers.length, TIMELINE_TYPES.length);
    for (const [index, answer] of answers.entries()) {
      assert.match(answer.response.status, /^200/);
      const { body: direct } = await testHub.call(gpToken, `/${TIMELINE_TYPES[index]}?patient=${patientId}&_summary=count`);
      assert.equal(answer.resource.total, direct['total']);
    }
  });

  test('a value other than count is refused by the contract', async () => {
    const { status } = await testHub.call(gpToken, `/Encounter?patient=${patientId}&_summary=true`);
    assert.equal(status, 400);
  });

  test('the same visibility: a professional without a relationship is refused, not counted', async () => {
    const other = await testHub.signIn('social-worker');
    const { status: searchStatus } = await testHub.call(other, `/Encounter?patient=${patientId}`);
    const { status } = await testHub.call(other, `/Encounter?patient=${patientId}&_summary=count`);
    assert.equal(status, searchStatus);
  });
});

describe('the timeline’s coverage, from the server’s counts', () => {
  test('the long-history resident: the whole record’s size at once; exact counts only where every search is read', async () => {
    const record = openRecord(createHubClient({ baseUrl: testHub.fhir, auth: gpToken }), patientId, {
      audience: 'clinician',
      now: () => new Date('2026-11-28T09:00:00Z'),
    });
    const timeline = record.timeline();
    await timeline.loadMore();
    const first = timeline.coverage!;
    let expected = 0;
    for (const type of TIMELINE_TYPES) {
      const { body } = await testHub.call(gpToken, `/${type}?patient=${patientId}&_summary=count`);
      expected += body['total'] as number;
    }
    assert.equal(first.recordTotal, expected);
    assert.ok(first.loaded < expected, `${first.loaded} of ${expected} loaded after one page`);
    assert.equal(first.complete, false);
    assert.ok(first.possibleTypes.has('admission'), 'admissions may still be among the encounters not yet read');
    const early = timeline.timeline.view().counts.types;

    for (let round = 0; round < 500 && !(await timeline.loadMore()).done; round++);
    const last = timeline.coverage!;
    assert.equal(last.complete, true);
    assert.equal(last.loaded, expected);
    assert.equal(last.possibleTypes.size, 0);
    const whole = timeline.timeline.view().counts.types;
    assert.ok(whole.admission > 0, 'the long history has admissions');
    // What was said to be exact after the first page is the whole record's count.
    for (const type of first.exactTypes) assert.equal(early[type], whole[type], `${type} was exact after one page`);
  });
});
