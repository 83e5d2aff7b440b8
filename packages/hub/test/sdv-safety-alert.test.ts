/**
 * A safety alert the hub finds SDV by what it says is shown to every clinician, never to carers or the desk. Reported
 * after F10 (93857e6): the resident's Flag "At risk of domestic abuse — see the resident alone", sent with no label,
 * became SDV by its words and was withheld from the hospital's clinicians too — told only that something was not
 * shown, a doctor may ask about abuse in front of the partner. A safety alert exists to be seen by the clinicians it
 * warns (the SDK lists every safety Flag under Alerts); a carer (who may be the abuser) and the desk still never see it.
 *
 * The class: Flag (every status, every category, none) and items of other types × SDV by content or by the source's
 * own label (SDV, R, V — a source's label always stands) × reader (another organisation's clinician, the recording
 * organisation's, a carer, the desk, the resident, a clinician whose organisation the resident's choice keeps out) —
 * read and searched on the store (`CARE_RECORD_TEST_STORE=postgres` too), each against the rule written out here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, sourceOf, type Visibility } from '../src/policy/visibility.js';
import { askAs, signInCallers } from './support/callers.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;

const PATIENT = 'pat-1';
const ALERT_WORDS = 'At risk of domestic abuse — see the resident alone';
const FLAG_CATEGORY = 'http://terminology.hl7.org/CodeSystem/flag-category';

/** The reported alert: an active safety Flag, sent unlabelled by the organisation that recorded it (RX999). */
const reportedAlert = (id: string, patient: string): Json => ({
  ...recordItem('Flag', id, patient),
  status: 'active',
  category: [{ coding: [{ system: FLAG_CATEGORY, code: 'safety', display: 'Safety' }] }],
  code: { text: ALERT_WORDS },
});

describe('the reported case, over HTTP', () => {
  let testHub: TestHub;
  let tokens: Record<string, string>;
  const RESIDENT = 'pat-000001';

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [RESIDENT]);
        await hub.store.transaction(async (store) => {
          await store.put(reportedAlert('sdv-alert', RESIDENT));
        });
      },
    });
    tokens = await signInCallers(testHub, RESIDENT);
  });
  after(() => testHub.close());

  test('the hospital’s clinician and another practice’s GP are shown the alert, read and searched', async () => {
    const wrong: string[] = [];
    for (const persona of ['hospital-nurse', 'gp']) {
      const read = await askAs(testHub, tokens[persona], '/Flag/sdv-alert', false, {});
      const page = await askAs(testHub, tokens[persona], `/Flag?patient=${RESIDENT}&_count=200`, false, {});
      const found = ((page.body['entry'] as { resource?: Json }[] | undefined) ?? []).some(
        (entry) => entry.resource?.['id'] === 'sdv-alert',
      );
      if (read.status !== 200 || !found) wrong.push(`${persona}: read ${read.status}, searched ${page.status} ${String(found)}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('a carer is still withheld it', async () => {
    const store = await openTestStore();
    await store.put(reportedAlert('sdv-alert', PATIENT));
    const visibility = await withLabelledSources(defaultVisibility({ kind: 'carer' }), store);
    const found = await store.search({
      type: 'Flag',
      patientId: PATIENT,
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 10,
      visibility,
    });
    await store.close();
    assert.equal(isWithheld(reportedAlert('sdv-alert', PATIENT), visibility), true);
    assert.deepEqual(
      found.resources.map((item) => item['id']),
      [],
    );
  });
});

describe('R14: a safety alert SDV by what it contains', () => {
  test('the reported case: a "see her alone" Flag containing a Condition "rape, 2024" is withheld from another organisation’s clinician', async () => {
    const store = await openTestStore();
    const alert = {
      ...reportedAlert('contains-sdv', PATIENT),
      code: { text: 'See her alone' },
      contained: [{ resourceType: 'Condition', id: 'c1', code: { text: 'Rape, 2024' } }],
    };
    await store.put(alert);
    const visibility = await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'F83999' }), store);
    const found = await store.search({
      type: 'Flag',
      patientId: PATIENT,
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 10,
      visibility,
    });
    await store.close();
    assert.deepEqual(
      { read: isWithheld(alert, visibility), searched: found.resources.map((item) => item['id']) },
      { read: true, searched: [] },
    );
  });
});

/** Flag statuses, as a feed may write them; the alert is in force unless it says it has ended or was an error. */
const STATUSES: Record<string, { status?: string; alert: boolean }> = {
  active: { status: 'active', alert: true },
  'Active, spaced': { status: ' Active ', alert: true },
  'no status': { alert: true },
  inactive: { status: 'inactive', alert: false },
  'entered in error': { status: 'entered-in-error', alert: false },
};
/** Flag categories: the SDK lists a Flag of any category under Alerts (or, when SDV, under safeguarding). */
const CATEGORIES: Record<string, Json[] | undefined> = {
  safety: [{ coding: [{ system: FLAG_CATEGORY, code: 'safety' }] }],
  clinical: [{ coding: [{ system: FLAG_CATEGORY, code: 'clinical' }] }],
  administrative: [{ coding: [{ system: FLAG_CATEGORY, code: 'admin' }] }],
  behavioral: [{ coding: [{ system: FLAG_CATEGORY, code: 'behavioral' }] }],
  'words only': [{ text: 'Safeguarding' }],
  none: undefined,
};
/** How an item is SDV: by its words alone (the hub's label), or by its source's own label too. */
const HOW: Record<string, { labels: string[]; words: string; contained?: string }> = {
  'SDV by content': { labels: [], words: ALERT_WORDS },
  'SDV by content, coded': { labels: [], words: '' },
  'labelled SDV by its source': { labels: ['SDV'], words: ALERT_WORDS },
  'labelled R by its source': { labels: ['R'], words: ALERT_WORDS },
  'labelled V by its source': { labels: ['V'], words: ALERT_WORDS },
  'ordinary, unlabelled': { labels: [], words: 'Uses a walking frame' },
  // R14: SDV found in what the item contains, not in its own words, is never a safety alert's.
  'SDV in a contained resource only': { labels: [], words: 'See her alone', contained: 'Rape, 2024' },
  'SDV coded in a contained resource only': { labels: [], words: 'See her alone', contained: '' },
  'SDV in its own words and a contained resource': { labels: [], words: ALERT_WORDS, contained: 'Rape, 2024' },
};
/** A Condition an item contains, saying `words` (or coded SDV when empty). */
const containing = (words: string | undefined): Json =>
  words === undefined ? {} : { contained: [{ resourceType: 'Condition', id: 'c1', code: sdvCode(words) }] };
const sdvCode = (words: string): Json =>
  words === '' ? { coding: [{ system: 'http://snomed.info/sct', code: '879911000000102' }] } : { text: words };

interface Case {
  name: string;
  id: string;
  item: Json;
  /** A safety alert the hub alone calls SDV: what clinicians are shown. */
  contentAlert: boolean;
  /** Sensitive as the hub or its source says (SDV, R or V): what everyone else is withheld. */
  sensitive: boolean;
  labels: string[];
}

const CASES: Case[] = [
  ...Object.entries(STATUSES).flatMap(([status, { status: code, alert }], s) =>
    Object.entries(CATEGORIES).flatMap(([category, categories], c) =>
      Object.entries(HOW).map(([how, { labels, words, contained }], h) => {
        const id = `flag-${s}-${c}-${h}`;
        const { status: _status, ...base } = recordItem('Flag', id, PATIENT, labels);
        const item = {
          ...base,
          ...(code === undefined ? {} : { status: code }),
          ...(categories === undefined ? {} : { category: categories }),
          code: sdvCode(words),
          ...containing(contained),
        };
        const ordinary = how === 'ordinary, unlabelled';
        return {
          name: `Flag ${status}, ${category}: ${how}`,
          id,
          item,
          contentAlert: alert && labels.length === 0 && !ordinary && contained === undefined,
          sensitive: !ordinary,
          labels,
        };
      }),
    ),
  ),
  ...['Condition', 'Observation', 'Encounter'].flatMap((type, t) =>
    Object.entries(HOW).map(([how, { labels, words, contained }], h) => {
      const id = `item-${t}-${h}`;
      const base = { ...recordItem(type, id, PATIENT, labels), ...containing(contained) };
      const item = type === 'Encounter' ? { ...base, reasonCode: [sdvCode(words)] } : { ...base, code: sdvCode(words) };
      return { name: `${type}: ${how}`, id, item, contentAlert: false, sensitive: how !== 'ordinary, unlabelled', labels };
    }),
  ),
];

type Reader = 'other clinician' | 'own clinician' | 'carer' | 'desk' | 'resident' | 'refused clinician';

async function readers(store: Awaited<ReturnType<typeof openTestStore>>): Promise<Record<Reader, Visibility>> {
  const otherClinician = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  return {
    'other clinician': await withLabelledSources(otherClinician, store),
    'own clinician': await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'RX999' }), store),
    carer: await withLabelledSources(defaultVisibility({ kind: 'carer' }), store),
    desk: await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }), store),
    resident: await withLabelledSources(defaultVisibility({ kind: 'resident' }), store),
    // A choice keeping the recording organisation's items from this clinician's (as a social care choice does).
    'refused clinician': await withLabelledSources({ ...otherClinician, hiddenSources: [sourceOf('RX999')] }, store),
  };
}

/** The rule, written out: who is withheld which item. */
function expectedWithheld(reader: Reader, { contentAlert, sensitive }: Case): boolean {
  switch (reader) {
    case 'own clinician':
    case 'resident':
      return false;
    case 'refused clinician':
      return true;
    case 'carer':
    case 'desk':
      return sensitive;
    case 'other clinician':
      return sensitive && !contentAlert;
  }
}

test('every Flag status × category and other items × how SDV × reader: read and searched by the rule', async () => {
  const store = await openTestStore();
  for (const { item } of CASES) await store.put(item);
  const wrong: string[] = [];
  let compared = 0;
  for (const [reader, visibility] of Object.entries(await readers(store)) as [Reader, Visibility][]) {
    const shown = new Set<string>();
    for (const type of new Set(CASES.map(({ item }) => String(item['resourceType'])))) {
      const found = await store.search({
        type,
        patientId: PATIENT,
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 1000,
        visibility,
      });
      for (const item of found.resources) shown.add(String(item['id']));
    }
    for (const one of CASES) {
      const expected = expectedWithheld(reader, one);
      const read = isWithheld(one.item, visibility);
      const searched = !shown.has(one.id);
      compared += 1;
      if (read !== expected || searched !== expected)
        wrong.push(
          `${one.name} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}, expected ${expected ? 'withheld' : 'shown'}`,
        );
    }
  }
  await store.close();
  assert.ok(CASES.some(({ contentAlert }) => contentAlert) && CASES.some(({ contentAlert, sensitive }) => sensitive && !contentAlert));
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});
