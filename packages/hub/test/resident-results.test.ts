/**
 * The SDK's results and appointments loaders against the real hub, signed in
 * as the resident (pat-000001): every laboratory result and appointment in the
 * store reaches the view model, page by page, with its source organisation
 * named; NOPAT items never do; another resident's record is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appointmentCalendar, createHubClient, HubError, loadAppointments, loadResults, type HubClient } from '@care-record/sdk';
import { startTestHub, testNow, type TestHub } from './support/test-hub.js';

const RESIDENT = 'pat-000001';
let testHub: TestHub;
let hub: HubClient;
const requests: string[] = [];

before(async () => {
  testHub = await startTestHub();
  const token = await testHub.signIn('resident');
  const fetcher: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}${url.search}`);
    return fetch(input, init);
  };
  hub = createHubClient({ baseUrl: testHub.fhir, auth: token, fetch: fetcher });
});
after(() => testHub.close());

/** What the store holds for the resident, as the hub would show it to them. */
async function stored(type: string): Promise<{ id: string; resource: Record<string, unknown> }[]> {
  const rows = (await testHub.hub.store.query(`SELECT id, json FROM resource WHERE patient_id = ? AND type = ?`, [RESIDENT, type])) as {
    id: string;
    json: string;
  }[];
  return rows
    .map((row) => ({ id: row.id, resource: JSON.parse(row.json) as Record<string, unknown> }))
    .filter(({ resource }) => !JSON.stringify((resource['meta'] as { security?: unknown })?.security ?? []).includes('NOPAT'));
}

describe('loaders against the real hub, as the resident', () => {
  test('loadResults reads every result (laboratory, vital signs, own readings), page by page, with the source named', async () => {
    requests.length = 0;
    const model = await loadResults(hub, RESIDENT, { audience: 'resident', pageSize: 20 });
    const notResults = new Set(['social-history', 'survey']);
    const expected = (await stored('Observation'))
      .filter(({ resource }) => {
        const codes = ((resource['category'] ?? []) as { coding?: { code?: string }[] }[]).flatMap((category) =>
          (category.coding ?? []).map((coding) => coding.code ?? ''),
        );
        return codes.length === 0 || codes.some((code) => !notResults.has(code));
      })
      .map(({ id }) => `Observation/${id}`)
      .sort();
    const shown = [...new Set(model.tests.flatMap((test) => test.readings.map((reading) => reading.id)))].sort();
    assert.ok(
      (await stored('Observation')).some(({ resource }) => JSON.stringify(resource['category']).includes('"vital-signs"')),
      'pat-000001 has vital signs',
    );
    assert.ok(
      model.tests.some((test) => test.readings.some((reading) => reading.source.odsCode === 'resident')) ||
        !(await stored('Observation')).some(({ resource }) => JSON.stringify(resource['meta']).includes('/source/resident')),
      'their own readings are results',
    );
    assert.equal(
      model.reports.length,
      (await stored('DiagnosticReport')).filter(({ resource }) => resource['status'] !== 'entered-in-error').length,
    );
    assert.ok(
      requests.some(
        (request) => request.startsWith('GET /fhir/DiagnosticReport') && request.includes('_include=DiagnosticReport%3Aresult'),
      ),
      'reports come with their results',
    );
    assert.ok(expected.length > 20, `pat-000001 has more than one page of results (${expected.length})`);
    assert.deepEqual(shown, expected);
    assert.ok(requests.filter((request) => request.startsWith('GET /fhir/Observation')).length > 1, 'read more than one page');
    assert.deepEqual(model.safetyIssues, []);
    const hba1c = model.tests.find((test) => test.name === 'HbA1c');
    assert.ok(hba1c && hba1c.plotted.length >= 2, 'HbA1c has a trend');
    for (const test of model.tests)
      for (const reading of test.readings) {
        assert.notEqual(reading.source.name, 'Not known', `${reading.id} names its source`);
        assert.match(reading.date, /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
      }
    assert.ok(
      model.tests.some((test) => test.readings.some((reading) => reading.report)),
      'readings name their report',
    );
  });

  test('a loader that stops at its page limit says older items were not loaded; one that read everything does not', async () => {
    const results = (await stored('Observation')).length;
    const appointments = (await stored('Appointment')).length;
    assert.ok(results > 4 && appointments >= 2, `enough to page through: ${results} results, ${appointments} appointments`);
    for (const [pages, truncated] of [
      [1, true],
      [1_000, false],
    ] as const) {
      const read = await loadResults(hub, RESIDENT, { audience: 'clinician', pageSize: 2, maxPages: pages });
      assert.equal(read.notices.truncated === true, truncated, `results, ${pages} page(s) of 2`);
      const booked = await loadAppointments(hub, RESIDENT, {
        audience: 'clinician',
        pageSize: 1,
        maxPages: pages,
        now: () => new Date(testNow),
      });
      assert.equal(booked.notices.truncated === true, truncated, `appointments, ${pages} page(s) of 1`);
    }
    // Exactly as many pages as there are: nothing left unread, nothing to say.
    const exact = await loadAppointments(hub, RESIDENT, {
      audience: 'clinician',
      pageSize: appointments,
      maxPages: 1,
      now: () => new Date(testNow),
    });
    assert.equal(exact.notices.truncated, undefined);
  });

  test('loadAppointments reads every appointment, with upcoming and past split at "now"', async () => {
    const model = await loadAppointments(hub, RESIDENT, { audience: 'resident', now: () => new Date(testNow) });
    const expected = (await stored('Appointment'))
      .filter(({ resource }) => resource['status'] !== 'entered-in-error')
      .map(({ id }) => id)
      .sort();
    assert.deepEqual([...model.upcoming, ...model.past].map((row) => row.id).sort(), expected);
    assert.ok(model.upcoming.length > 0, 'pat-000001 has an upcoming appointment');
    assert.ok(model.upcoming.every((row) => row.start && row.start >= testNow));
    const [next] = model.upcoming;
    assert.notEqual(next!.organisation, 'Not known');
    assert.match(appointmentCalendar(next!, { now: new Date(testNow) }) ?? '', /^BEGIN:VCALENDAR\r\n/);
  });

  test("another resident's results are refused, not shown as empty", async () => {
    await assert.rejects(loadResults(hub, 'pat-000002', { audience: 'resident' }), (error: unknown) => {
      assert.ok(error instanceof HubError);
      assert.equal(error.status, 403);
      return true;
    });
  });
});
