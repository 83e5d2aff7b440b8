/**
 * A partial view says nothing of when what it leaves out changed (docs/access-policy.md R13). An appointment whose
 * reason names a restricted condition reaches a GP of another organisation without that reference, tagged
 * `SUBSETTED`, versioned by what it shows and without `meta.lastUpdated` (`withheld-references.ts`), so that a change
 * to the withheld reason moves nothing the GP reads. Yet `Appointment?_lastUpdated=gt…` matched it by the time the
 * item as stored last changed, and `_sort=-_lastUpdated` put it first: the GP could tell, to the minute, when its
 * hidden reason changed — what R3 already refuses the desk for its reduced view.
 *
 * The class: viewers to whom an item is a partial view (a GP whose relationship shows the item but not the restricted
 * target, a GP by break-glass, the resident for a target kept from them, a carer for a type outside their permission)
 * × the ways of asking by the last change (`_lastUpdated` with each prefix, sorted either way, `_summary=count`, a
 * batch entry) × the record types that refer. Each answer is asked before and after a change to the withheld part
 * alone; every pair must be the same.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, type Answer } from './support/callers.js';
import { RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const BREAK_GLASS = { 'x-break-glass-reason': 'Unconscious in A&E' };
/** When the items were placed, and when only their withheld part changed: both before the hub's clock. */
const PLACED = Date.parse('2026-10-01T09:00:00Z');
const CHANGED = Date.parse('2026-11-20T09:00:00Z');
const SIBLING = Date.parse('2026-11-10T09:00:00Z');
const BETWEEN = '2026-11-01T00:00:00Z';

let testHub: TestHub;
let resident = '';
let mother = '';
const UNRELATED = 'plc-unrelated';

/** An item that refers to another, and how it names it. */
const REFERRING: { type: string; target: string; attach: (resource: Json, reference: string) => Json }[] = [
  { type: 'Appointment', target: 'Condition', attach: (r, ref) => ({ ...r, reasonReference: [{ reference: ref }] }) },
  { type: 'Encounter', target: 'Condition', attach: (r, ref) => ({ ...r, reasonReference: [{ reference: ref }] }) },
  { type: 'CarePlan', target: 'Condition', attach: (r, ref) => ({ ...r, addresses: [{ reference: ref }] }) },
  { type: 'DiagnosticReport', target: 'Observation', attach: (r, ref) => ({ ...r, result: [{ reference: ref }] }) },
  { type: 'MedicationRequest', target: 'Observation', attach: (r, ref) => ({ ...r, supportingInformation: [{ reference: ref }] }) },
];

type ViewerName = 'gp' | 'gp-break-glass' | 'resident' | 'carer';
interface Viewer {
  name: ViewerName;
  patient: () => string;
  /** The labels on a target that keep it from this viewer (the carer's permission leaves conditions out besides). */
  labels: string[];
  headers: Record<string, string>;
  token: () => Promise<string>;
}
const VIEWERS: Viewer[] = [
  { name: 'gp', patient: () => resident, labels: ['R'], headers: {}, token: () => testHub.signIn('gp') },
  { name: 'gp-break-glass', patient: () => UNRELATED, labels: ['R'], headers: BREAK_GLASS, token: () => testHub.signIn('gp') },
  {
    name: 'resident',
    patient: () => resident,
    labels: ['NOPAT'],
    headers: {},
    token: () => testHub.signIn('resident', { scope: RESIDENT_SCOPE }),
  },
  { name: 'carer', patient: () => mother, labels: ['R'], headers: {}, token: () => testHub.signIn('carer', { scope: CARER_SCOPE }) },
];
/** The carer's permission covers appointments and results: of those, the types they may search. */
const CARER_TYPES = new Set(['Appointment', 'DiagnosticReport']);
const typesFor = (viewer: Viewer) => REFERRING.filter((item) => viewer.name !== 'carer' || CARER_TYPES.has(item.type));

/** The reported case's items and the class's are apart, so that each sees its own change. */
type ItemSet = 'case' | 'class';
const itemId = (set: ItemSet, viewer: Viewer, type: string) => `plc-${set}-${viewer.name}-${type}`;
const targetId = (set: ItemSet, viewer: Viewer, type: string, version: number) => `${itemId(set, viewer, type)}-target-${version}`;

async function place(hub: TestHub['hub'], set: ItemSet, viewer: Viewer): Promise<void> {
  for (const item of typesFor(viewer)) {
    for (const version of [1, 2])
      await hub.store.put(recordItem(item.target, targetId(set, viewer, item.type, version), viewer.patient(), viewer.labels), PLACED);
    const referring = item.attach(
      recordItem(item.type, itemId(set, viewer, item.type), viewer.patient()),
      `${item.target}/${targetId(set, viewer, item.type, 1)}`,
    );
    await hub.store.put(referring, PLACED);
    // One the viewer reads whole, changed between: a sort by the last change puts it after the partial item, and
    // would put it before once the withheld part changed.
    await hub.store.put(recordItem(item.type, `${itemId(set, viewer, item.type)}-whole`, viewer.patient()), SIBLING);
  }
}

/** The source changes only the withheld part: the reference now names the other withheld target. */
async function changeWithheldPart(hub: TestHub['hub'], set: ItemSet, viewer: Viewer): Promise<void> {
  for (const item of typesFor(viewer)) {
    const referring = item.attach(
      recordItem(item.type, itemId(set, viewer, item.type), viewer.patient()),
      `${item.target}/${targetId(set, viewer, item.type, 2)}`,
    );
    await hub.store.put(referring, CHANGED);
  }
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      ({ resident, mother } = await setUpWithheldReferenceReaders(hub, {
        carer: { actions: ['view-appointments', 'view-results'] },
        strangers: [UNRELATED],
      }));
      for (const viewer of VIEWERS) await place(hub, 'class', viewer);
      await place(hub, 'case', VIEWERS[0]!);
    },
  });
});
after(() => testHub.close());

/** What a caller can tell two answers apart by: status, total, the matches in order and their versions, the notices. */
function seen(answer: Answer): Json {
  const entries = (answer.body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? [];
  return {
    status: answer.status,
    total: answer.body['total'],
    issue: answer.body['resourceType'] === 'OperationOutcome' ? answer.body['issue'] : undefined,
    entries: entries.map((entry) => ({
      mode: entry.search?.mode,
      id: entry.resource?.['id'],
      meta: entry.search?.mode === 'outcome' ? undefined : entry.resource?.['meta'],
    })),
  };
}

/** Every way of asking by the last change, for one type of one resident's record. */
function waysOfAsking(type: string, patient: string): string[] {
  const base = `/${type}?patient=${patient}`;
  return [
    `${base}&_lastUpdated=gt${BETWEEN}`,
    `${base}&_lastUpdated=ge${BETWEEN}`,
    `${base}&_lastUpdated=lt${BETWEEN}`,
    `${base}&_lastUpdated=le${BETWEEN}`,
    `${base}&_lastUpdated=2026-11-20`,
    `${base}&_lastUpdated=gt${BETWEEN}&_summary=count`,
    `${base}&_sort=_lastUpdated`,
    `${base}&_sort=-_lastUpdated`,
    `${base}&_sort=-_lastUpdated&_count=1`,
  ];
}

async function askAll(viewer: Viewer): Promise<Map<string, Json>> {
  const token = await viewer.token();
  const answers = new Map<string, Json>();
  for (const item of typesFor(viewer))
    for (const path of waysOfAsking(item.type, viewer.patient()))
      for (const batch of [false, true])
        answers.set(`${batch ? 'batch ' : ''}${path}`, seen(await askAs(testHub, token, path, batch, viewer.headers)));
  return answers;
}

describe('the reported case: a GP searches appointments by their last change', () => {
  test('an appointment whose withheld reason changed is not found by the change', async () => {
    const gp = VIEWERS[0]!;
    const token = await gp.token();
    const read = () => testHub.call(token, `/Appointment/${itemId('case', gp, 'Appointment')}`);
    const search = () => testHub.call(token, `/Appointment?patient=${resident}&_lastUpdated=gt${BETWEEN}`);
    const before = { read: await read(), search: seen(await search()) };
    assert.equal(before.read.status, 200, 'the GP reads the appointment');
    await changeWithheldPart(testHub.hub, 'case', gp);
    const later = { read: await read(), search: seen(await search()) };
    assert.equal(later.read.headers.get('etag'), before.read.headers.get('etag'), 'the read is as it was');
    assert.deepEqual(later.search, before.search, 'the search by the last change answers as before the hidden change');
  });
});

describe('the class: viewers × ways of asking by the last change × types that refer, directly and in a batch', () => {
  test('every answer is the same before and after only the withheld part changed', async () => {
    const before = new Map<ViewerName, Map<string, Json>>();
    for (const viewer of VIEWERS) before.set(viewer.name, await askAll(viewer));
    // Each viewer's partial items are what they are told of (`SUBSETTED`): the case is the one the class is about.
    for (const viewer of VIEWERS) {
      const token = await viewer.token();
      for (const item of typesFor(viewer)) {
        const read = await testHub.call(token, `/${item.type}/${itemId('class', viewer, item.type)}`, { headers: viewer.headers });
        assert.equal(read.status, 200, `${viewer.name} reads the ${item.type}`);
        assert.ok(JSON.stringify(read.body['meta']).includes('SUBSETTED'), `${viewer.name}: the ${item.type} is a partial view`);
      }
    }
    for (const viewer of VIEWERS) await changeWithheldPart(testHub.hub, 'class', viewer);
    const differ: string[] = [];
    let asked = 0;
    for (const viewer of VIEWERS) {
      const later = await askAll(viewer);
      for (const [path, answer] of later) {
        asked += 1;
        try {
          assert.deepEqual(answer, before.get(viewer.name)?.get(path));
        } catch {
          differ.push(`${viewer.name}: ${path}`);
        }
      }
    }
    assert.ok(asked >= 100, `the matrix asks ${asked} questions`);
    assert.deepEqual(differ, [], `${differ.length} of ${asked} answers told of the hidden change`);
  });

  test('a type whose items the reader sees whole is still searched by the last change; one holding a partial view is not', async () => {
    const answered = { whole: 0, refused: 0 };
    for (const viewer of VIEWERS) {
      const token = await viewer.token();
      const types = viewer.name === 'carer' ? ['Appointment', 'Observation', 'DiagnosticReport'] : RECORD_TYPES;
      for (const type of types) {
        // The oracle: the plain search of the whole record of the type, as the viewer reads it.
        const plain = await testHub.call(token, `/${type}?patient=${viewer.patient()}&_count=500`, { headers: viewer.headers });
        assert.equal(plain.status, 200, `${viewer.name}: ${type}`);
        assert.equal(plain.body['link'] && (plain.body['link'] as { relation: string }[]).some((link) => link.relation === 'next'), false);
        const partial = JSON.stringify(plain.body['entry'] ?? []).includes('SUBSETTED');
        for (const path of [
          `/${type}?patient=${viewer.patient()}&_lastUpdated=gt${BETWEEN}`,
          `/${type}?patient=${viewer.patient()}&_sort=_lastUpdated`,
        ]) {
          const answer = await testHub.call(token, path, { headers: viewer.headers });
          assert.equal(answer.status, partial ? 400 : 200, `${viewer.name}: ${path}`);
          if (partial) assert.match(JSON.stringify(answer.body), /INVALID_SEARCH_PARAMETER/);
          answered[partial ? 'refused' : 'whole'] += 1;
        }
      }
    }
    assert.ok(answered.whole >= 10 && answered.refused >= 10, `answered ${answered.whole}, refused ${answered.refused}`);
  });
});
