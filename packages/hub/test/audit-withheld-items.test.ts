/**
 * A resident's access log says who looked at their record and when, never
 * that an item withheld from them exists (docs/access-policy.md R10, R13):
 * a professional's read of an item labelled `NOPAT` is in the log as a read of
 * their record, the same entry as a read of an item they can see.
 *
 * The class: each kind of professional request (a read by id, a break-glass
 * read, a search that finds the item, the read in a batch, `$summary`, an
 * `_include` that brings it) × each way an item is withheld from the resident (`NOPAT` on it, `NOPAT`
 * on a resource it contains) × record types. The log the resident reads after
 * the request about the withheld item must equal, but for ids and times, the
 * log after the same request about an item they can see (of another type);
 * the log is emptied before each request, so that each compares only its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident of the synthetic borough (the `cared-for-resident` persona). */
const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
/** What a resident may see, read as the baseline: an item of a type that is not the withheld one's. */
const VISIBLE_TYPE = 'Condition';
const WITHHELD_TYPES = ['Observation', 'DocumentReference', 'MedicationStatement', 'Procedure', 'Flag', 'CarePlan'] as const;

const WITHHOLDINGS: { name: string; place: (item: Json) => Json }[] = [
  {
    name: 'labelled NOPAT',
    place: (item) => ({ ...item, meta: { ...(item['meta'] as Json), security: [{ system: ACT_CODE, code: 'NOPAT' }] } }),
  },
  {
    name: 'NOPAT on a resource it contains',
    place: (item) => ({
      ...item,
      contained: [
        { resourceType: 'Basic', id: 'note', meta: { security: [{ system: ACT_CODE, code: 'NOPAT' }] }, code: { text: 'A note' } },
      ],
    }),
  },
];

let testHub: TestHub;
let gp: string;
let residentToken: string;

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany([...new Set(organizations)].map((organizationId) => ({ patientId: RESIDENT, organizationId })));
    },
  });
  gp = await testHub.signIn('gp');
  residentToken = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

const entries = (bundle: Json) => ((bundle['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource);

/** The log the resident reads, without what differs by when and by the events' own ids. */
async function residentsLog(): Promise<unknown[]> {
  const log = await testHub.call(residentToken, `/AuditEvent?patient=${RESIDENT}&_count=100`);
  assert.equal(log.status, 200, JSON.stringify(log.body));
  const events = entries(log.body).filter((resource) => resource['resourceType'] === 'AuditEvent');
  for (const event of events) {
    const byId = await testHub.call(residentToken, `/AuditEvent/${String(event['id'])}`);
    assert.deepEqual(byId.body, event, 'read by id, the entry is the one searched');
  }
  return events.map(({ id: _id, recorded: _recorded, meta: _meta, ...rest }) => rest);
}

/** Empties the access log, makes the request, and answers what the resident then reads of it. */
async function logAfter(request: () => Promise<{ status: number }>): Promise<unknown[]> {
  await testHub.hub.store.pruneAuditEvents(Date.now() + 86_400_000);
  const answer = await request();
  assert.equal(answer.status, 200, `the professional’s request was answered: ${JSON.stringify((answer as { body?: unknown }).body)}`);
  const log = await residentsLog();
  assert.ok(log.length > 0, 'the request is in the resident’s log');
  return log;
}

const read = (type: string, id: string) => () => testHub.call(gp, `/${type}/${id}`);
const search = (type: string, _id: string) => () => testHub.call(gp, `/${type}?patient=${RESIDENT}&_count=200`);
const breakGlassRead = (type: string, id: string) => () =>
  testHub.call(gp, `/${type}/${id}`, { headers: { 'x-break-glass-reason': 'Unconscious in the emergency department' } });
const batch = (type: string, id: string) => () =>
  testHub.call(gp, '', {
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `${type}/${id}` } }] },
  });
const summary = () => testHub.call(gp, `/Patient/${RESIDENT}/$summary`);

/** Places an item on the resident's record for the length of one comparison, and takes it away after. */
async function withItem<T>(item: Json, use: () => Promise<T>): Promise<T> {
  await testHub.hub.store.put(item);
  try {
    return await use();
  } finally {
    await testHub.hub.store.put(recordItem(String(item['resourceType']), String(item['id']), 'pat-000059'));
  }
}

test('a GP’s read of an item labelled NOPAT is in the resident’s log as a read of their record', async () => {
  const item = recordItem('Observation', 'awi-nopat', RESIDENT, ['NOPAT']);
  const log = await withItem(item, () => logAfter(read('Observation', 'awi-nopat')));
  assert.equal(log.length, 1);
  const shown = JSON.stringify(log);
  assert.doesNotMatch(shown, /Observation|awi-nopat/, 'the entry names neither the type nor the item');
  assert.match(shown, /Patient\/pat-000003/, 'the resident still sees that their record was read');
  assert.match(shown, /PractitionerRole\/prr-0001/, 'and who read it');
});

describe('the resident’s log of a request about a withheld item is that of one about an item they see', () => {
  for (const withholding of WITHHOLDINGS)
    for (const type of WITHHELD_TYPES)
      test(`${type} ${withholding.name}`, async () => {
        const visible = recordItem(VISIBLE_TYPE, 'awi-visible', RESIDENT);
        const withheld = withholding.place(recordItem(type, 'awi-withheld', RESIDENT));
        for (const [kind, ask] of [
          ['read', read],
          ['search', search],
          ['batch', batch],
          ['break-glass read', breakGlassRead],
        ] as const) {
          const seen = await withItem(visible, () => logAfter(ask(VISIBLE_TYPE, 'awi-visible')));
          const kept = await withItem(withheld, () => logAfter(ask(type, 'awi-withheld')));
          assert.deepEqual(kept, seen, `${kind}: the log differs`);
        }
        const seen = await withItem(visible, () => logAfter(summary));
        const kept = await withItem(visible, () => withItem(withheld, () => logAfter(summary)));
        assert.deepEqual(kept, seen, '$summary: the log differs');
      });

  for (const withholding of WITHHOLDINGS)
    test(`a report whose result is withheld, with _include (${withholding.name})`, async () => {
      const report = (result: string): Json => ({
        ...recordItem('DiagnosticReport', 'awi-report', RESIDENT),
        result: [{ reference: `Observation/${result}` }],
      });
      const include = () => testHub.call(gp, `/DiagnosticReport?patient=${RESIDENT}&_include=DiagnosticReport:result`);
      const seen = await withItem(report('awi-visible-result'), () =>
        withItem(recordItem('Observation', 'awi-visible-result', RESIDENT), () => logAfter(include)),
      );
      const kept = await withItem(report('awi-withheld-result'), () =>
        withItem(withholding.place(recordItem('Observation', 'awi-withheld-result', RESIDENT)), () => logAfter(include)),
      );
      assert.deepEqual(kept, seen);
    });
});

test('a carer, who reads the record for the resident, never reads the access log (R16)', async () => {
  const carer = await testHub.signIn('carer');
  const log = await testHub.call(carer, `/AuditEvent?patient=${RESIDENT}`);
  assert.equal(log.status, 403);
});
