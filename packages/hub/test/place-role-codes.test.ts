/**
 * A trust's psychiatric ward is a mental health place, and its fertility clinic a sensitive one, by their type.
 * 3e9f3c4 read a place's types for sexual health only, and a place's v3 RoleCode only as `STD`: an ordinary trust's
 * encounter on "Ward 7", typed HL7 v3 RoleCode `PHU` (Psychiatric hospital unit) — or `PSYCHF`, `PSY`, `CAPC`, or
 * "Psychiatric hospital unit" in words — reached a GP the resident keeps mental health from and another organisation's
 * receptionist, and one in a room typed `INV` (Infertility clinic) another organisation's GP.
 *
 * Now a place's types are read for mental health as an organisation's are, as a whole (`namesMentalHealthEntry`,
 * `typedAsService`), with the v3 RoleCodes of mental health places (`MENTAL_HEALTH_ROLE_CODES`); `INV` is a
 * sensitive place's code. Psychology, addiction, substance use, residential treatment and chronic care places are not.
 *
 * The class: each way a place is typed × each element an item names it in (a directory place by reference, a place the
 * item contains) × three readers, read and searched, answered as the same item labelled (or not).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const ROLE_CODE_R3 = 'http://hl7.org/fhir/v3/RoleCode';
const ROLE_CLASS = 'http://terminology.hl7.org/CodeSystem/v3-RoleClass';
const code = (system: string, value: string, display?: string): Json => ({
  coding: [{ system, code: value, ...(display === undefined ? {} : { display }) }],
});
const TRUST: Json = {
  resourceType: 'Organization',
  id: 'trust',
  name: 'Whittington Health NHS Trust',
  type: [{ text: 'Acute hospital services' }, { text: 'Community health services' }],
};
const place = (id: string, type: Json[]): Json => ({
  resourceType: 'Location',
  id,
  name: `Ward ${id}`,
  type,
  managingOrganization: { reference: 'Organization/trust' },
});

describe('the reported cases, over HTTP', () => {
  const SEX_PATIENT = 'pat-000001';
  const PSY_PATIENT = 'pat-000002';
  let testHub: TestHub;
  let gp: string;
  /** Each encounter of the trust: its resident, its place's type, and whether the GP may read it. */
  const ITEMS: { id: string; patient: string; type: Json[]; shown: boolean }[] = [
    { id: 'phu', patient: PSY_PATIENT, type: [code(ROLE_CODE, 'PHU')], shown: false },
    { id: 'psychf', patient: PSY_PATIENT, type: [code(ROLE_CODE, 'PSYCHF', 'Unité')], shown: false },
    { id: 'inv', patient: SEX_PATIENT, type: [code(ROLE_CODE, 'INV')], shown: false },
    // The same trust's ordinary wards, for each resident.
    { id: 'er', patient: PSY_PATIENT, type: [code(ROLE_CODE, 'ER')], shown: true },
    { id: 'ward', patient: SEX_PATIENT, type: [], shown: true },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [SEX_PATIENT, PSY_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PSY_PATIENT, 'keep-psy');
          await store.put(TRUST);
          for (const { id, patient, type } of ITEMS) {
            await store.put(place(id, type));
            await store.put({ ...recordItem('Encounter', id, patient), location: [{ location: { reference: `Location/${id}` } }] });
          }
        });
      },
    });
    gp = (await signInCallers(testHub, SEX_PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP reads the trust’s ordinary wards, not its psychiatric or fertility ones', async () => {
    const wrong: string[] = [];
    for (const { id, patient, shown } of ITEMS) {
      const read = await askAs(testHub, gp, `/Encounter/${id}`, false, {});
      const page = await askAs(testHub, gp, `/Encounter?patient=${patient}&_count=100`, false, {});
      assert.equal(page.status, 200);
      const found = ((page.body['entry'] as { resource: Json }[] | undefined) ?? []).some(({ resource }) => resource['id'] === id);
      if ((read.status === 200) !== shown) wrong.push(`${id}: read ${read.status}`);
      if (found !== shown) wrong.push(`${id}: ${found ? 'found' : 'not found'}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${ITEMS.length * 2} answered otherwise`);
  });
});

/** How a place is typed, the label it means (none for an ordinary place), and whether a place it contains is read so. */
const TYPINGS: Record<string, { label: string | undefined; type: Json[] }> = {
  ...Object.fromEntries(
    ['PSYCHF', 'PHU', 'PSY', 'CAPC'].flatMap((value) => [
      [`RoleCode ${value}`, { label: 'PSY', type: [code(ROLE_CODE, value)] }],
      [`RoleCode ${value} (R3 system)`, { label: 'PSY', type: [code(ROLE_CODE_R3, value)] }],
      [`RoleCode ${value} under another display`, { label: 'PSY', type: [code(ROLE_CODE, value, 'Station 3')] }],
    ]),
  ),
  'words "Psychiatric hospital unit"': { label: 'PSY', type: [{ text: 'Psychiatric hospital unit' }] },
  'a display "Mental health ward"': { label: 'PSY', type: [code('https://example.org/rooms', 'W7', 'Mental health ward')] },
  'RoleCode PHU and an outpatient clinic': { label: 'PSY', type: [code(ROLE_CODE, 'PHU'), { text: 'Outpatient clinic' }] },
  'RoleCode INV': { label: 'SEX', type: [code(ROLE_CODE, 'INV')] },
  'RoleCode INV (R3 system)': { label: 'SEX', type: [code(ROLE_CODE_R3, 'INV')] },
  'words "Fertility unit"': { label: 'SEX', type: [{ text: 'Fertility unit' }] },
  ...Object.fromEntries(
    ['PSI', 'RHAT', 'SURF', 'RTF', 'CHR', 'ER', 'HOSP', 'GACH'].map((value) => [
      `RoleCode ${value}`,
      { label: undefined, type: [code(ROLE_CODE, value)] },
    ]),
  ),
  'RoleClass PSY (another system)': { label: undefined, type: [code(ROLE_CLASS, 'PSY')] },
};

/** Each element an item names its place in, by reference to the directory or to a place it contains. */
const ELEMENTS: Record<string, { type: string; put: (place: Json) => Json }> = {
  'an encounter’s location': { type: 'Encounter', put: (place) => ({ location: [{ location: place }] }) },
  'a procedure’s location': { type: 'Procedure', put: (place) => ({ location: place }) },
  'a vaccination’s location': { type: 'Immunization', put: (place) => ({ location: place }) },
};

async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  return {
    'another organisation’s GP': await withLabelledSources(gp, store),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
  };
}

test('every typing × element × directory or contained place × reader: read and searched as its twin', async () => {
  const store = await openTestStore();
  const cases = new Map<string, { name: string; type: string; twin: Json }>();
  await store.transaction(async (inside) => {
    await inside.put(TRUST);
    for (const [typing, { label, type: placeType }] of Object.entries(TYPINGS)) {
      const placeId = `place-${cases.size}`;
      await inside.put(place(placeId, placeType));
      for (const [element, { type, put }] of Object.entries(ELEMENTS))
        for (const where of ['in the directory', 'contained'] as const) {
          const id = `case-${cases.size}`;
          const says =
            where === 'in the directory'
              ? put({ reference: `Location/${placeId}` })
              : { ...put({ reference: '#ward' }), contained: [{ ...place('ward', placeType), managingOrganization: undefined }] };
          await inside.put({ ...recordItem(type, id, 'pat-1'), ...says });
          cases.set(id, {
            name: `${typing}, ${element}, ${where}`,
            type,
            twin: recordItem(type, id, 'pat-1', label === undefined ? [] : [label]),
          });
        }
    }
  });
  const wrong: string[] = [];
  const answers = new Set<boolean>();
  for (const [reader, visibility] of Object.entries(await readers(store))) {
    const shown = new Set<string>();
    for (const { type } of Object.values(ELEMENTS)) {
      const page = await store.search({
        type,
        patientId: 'pat-1',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 1000,
        visibility,
      });
      for (const item of page.resources) shown.add(String(item['id']));
    }
    for (const [id, { name, type, twin }] of cases) {
      const want = isWithheld(twin, visibility);
      answers.add(want);
      const stored = await store.read(type, id);
      if (stored === undefined) throw new Error(`${id} was not stored`);
      const read = isWithheld(stored.resource, visibility);
      const searched = !shown.has(id);
      if (read !== want || searched !== want)
        wrong.push(`${name} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}`);
    }
  }
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${cases.size * 3} answered otherwise`);
});
