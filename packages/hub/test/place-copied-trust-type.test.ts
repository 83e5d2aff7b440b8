/**
 * A place is one place, whatever types it copies from its trust. 43f8e71 read a whole hospital in the type of an
 * entry part of another (`partOf`) as its parent's, but a Location names its trust by `managingOrganization`: a room
 * of the trust typed "Sexual health clinic", v3 RoleCode `PHU` or "Mental health ward" beside the trust's "Acute
 * hospital services" was read as a multi-service trust of its own, and another organisation's GP read its encounters
 * (200 on GET /Encounter/{id}; the sensitive type alone, or the same room `partOf` the trust's building: 404).
 *
 * Now a place (a Location), and an organisation part of another, is sensitive by any sensitive type — words, SNOMED
 * CT, v3 RoleCode or HL7 service type — whatever ordinary types it also lists; only an organisation part of no other
 * (a trust) is told by its types as a whole (`typedAsService`, `mayListServices`).
 *
 * The class: each kind of place × each sensitive type form × each ordinary companion type (or none), with a
 * practitioner's role at the place too, read, searched and in `$summary` by another organisation's GP, over HTTP:
 * withheld; the same places with no sensitive type are shown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, signInCallers } from './support/callers.js';
import { keepMentalHealthFromOthers, relateEveryOrganization } from './support/mental-health-choice.js';
import { recordItem } from './support/policy-fixtures.js';
import { stillToCome } from './support/still-to-come.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const SNOMED = 'http://snomed.info/sct';
const SERVICE_TYPE = 'http://terminology.hl7.org/CodeSystem/service-type';
const code = (system: string, value: string): Json => ({ coding: [{ system, code: value }] });
const text = (words: string): Json => ({ text: words });

const SEX_PATIENT = 'pat-000001';
const PSY_PATIENT = 'pat-000002';

const TRUST: Json = {
  resourceType: 'Organization',
  id: 'trust',
  name: 'Whittington Health NHS Trust',
  type: [text('Acute hospital services'), text('Community health services'), text('Sexual health service')],
};
const BUILDING: Json = {
  resourceType: 'Location',
  id: 'building',
  name: 'Main building',
  type: [text('Acute hospital services')],
  managingOrganization: { reference: 'Organization/trust' },
};
const room = (id: string, type: Json[], extra: Json = { managingOrganization: { reference: 'Organization/trust' } }): Json => ({
  resourceType: 'Location',
  id,
  name: `Room ${id}`,
  type,
  ...extra,
});

const ids = (answer: { status: number; body: Json }): Set<string> =>
  new Set(((answer.body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => String(entry.resource?.['id'])));

describe('the reported cases, over HTTP', () => {
  let testHub: TestHub;
  let gp: string;
  /** Each encounter: its resident, where it was, and whether another organisation's GP may read it. */
  const ITEMS: { id: string; patient: string; where: Json; shown: boolean }[] = [
    {
      id: 'sex-room',
      patient: SEX_PATIENT,
      where: room('sex-room', [text('Sexual health clinic'), text('Acute hospital services')]),
      shown: false,
    },
    {
      id: 'phu-room',
      patient: PSY_PATIENT,
      where: room('phu-room', [code(ROLE_CODE, 'PHU'), text('Acute hospital services')]),
      shown: false,
    },
    {
      id: 'mh-room',
      patient: PSY_PATIENT,
      where: room('mh-room', [text('Mental health ward'), text('Acute hospital services')]),
      shown: false,
    },
    // The trust's ordinary ward and the trust itself, for each resident.
    { id: 'ward-sex', patient: SEX_PATIENT, where: room('ward-sex', [text('Acute hospital services')]), shown: true },
    { id: 'ward-psy', patient: PSY_PATIENT, where: room('ward-psy', [text('Acute hospital services')]), shown: true },
    { id: 'trust-sex', patient: SEX_PATIENT, where: TRUST, shown: true },
    { id: 'trust-psy', patient: PSY_PATIENT, where: TRUST, shown: true },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [SEX_PATIENT, PSY_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PSY_PATIENT, 'keep-psy');
          await store.put(TRUST);
          for (const { id, patient, where } of ITEMS) {
            const item = recordItem('Encounter', id, patient);
            if (where === TRUST) await store.put({ ...item, serviceProvider: { reference: 'Organization/trust' } });
            else {
              await store.put(where);
              await store.put({ ...item, location: [{ location: { reference: `Location/${id}` } }] });
            }
          }
        });
      },
    });
    gp = (await signInCallers(testHub, SEX_PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP reads the trust’s own encounters, not those in a room typed sensitive and acute', async () => {
    const wrong: string[] = [];
    for (const { id, patient, shown } of ITEMS) {
      const read = await askAs(testHub, gp, `/Encounter/${id}`, false, {});
      const page = await askAs(testHub, gp, `/Encounter?patient=${patient}&_count=100`, false, {});
      assert.equal(page.status, 200);
      if ((read.status === 200) !== shown) wrong.push(`${id}: read ${read.status}`);
      if (ids(page).has(id) !== shown) wrong.push(`${id}: ${shown ? 'not found' : 'found'}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${ITEMS.length * 2} answered otherwise`);
  });
});

/** Each sensitive type form, for sexual health (SEX) and mental health (PSY). */
const SENSITIVE: Record<string, { kind: 'sex' | 'psy'; type: Json }> = {
  'words "Sexual health clinic"': { kind: 'sex', type: text('Sexual health clinic') },
  'SNOMED CT Genito-urinary medicine': { kind: 'sex', type: code(SNOMED, '394808002') },
  'RoleCode INV': { kind: 'sex', type: code(ROLE_CODE, 'INV') },
  'service type 67 (Sexual health)': { kind: 'sex', type: code(SERVICE_TYPE, '67') },
  'words "Mental health ward"': { kind: 'psy', type: text('Mental health ward') },
  'SNOMED CT Psychiatry': { kind: 'psy', type: code(SNOMED, '394587001') },
  'RoleCode PHU': { kind: 'psy', type: code(ROLE_CODE, 'PHU') },
  'service type 138 (mental health inpatient)': { kind: 'psy', type: code(SERVICE_TYPE, '138') },
};

/** The ordinary types a place may copy from its trust beside its own. */
const COMPANIONS: Record<string, Json[]> = {
  'acute hospital services': [text('Acute hospital services')],
  'A&E': [text('Accident and emergency')],
  'general practice': [text('General practice')],
  radiology: [text('Radiology')],
  none: [],
};

/**
 * Each kind of place, as the directory holds it and as an appointment names it: a room of the trust, a room of its
 * building, a room naming neither, a clinic part of the trust, and a practitioner's role at a room of the trust.
 */
const KINDS: Record<string, (id: string, type: Json[]) => { directory: Json[]; actor: string }> = {
  'a room managed by the trust': (id, type) => ({ directory: [room(id, type)], actor: `Location/${id}` }),
  'a room part of its building': (id, type) => ({
    directory: [room(id, type, { partOf: { reference: 'Location/building' } })],
    actor: `Location/${id}`,
  }),
  'a room naming neither': (id, type) => ({ directory: [room(id, type, {})], actor: `Location/${id}` }),
  'a clinic part of the trust': (id, type) => ({
    directory: [{ resourceType: 'Organization', id, name: `Centre ${id}`, type, partOf: { reference: 'Organization/trust' } }],
    actor: `Organization/${id}`,
  }),
  'a role at a room managed by the trust': (id, type) => ({
    directory: [room(id, type), { resourceType: 'PractitionerRole', id: `role-${id}`, location: [{ reference: `Location/${id}` }] }],
    actor: `PractitionerRole/role-${id}`,
  }),
};

/** Every case: a booked appointment with the place, for the resident its type's category is about. */
const CASES: { name: string; id: string; patient: string; shown: boolean; directory: Json[]; actor: string }[] = Object.entries(
  KINDS,
).flatMap(([kind, make], row) => [
  ...Object.entries(SENSITIVE).flatMap(([form, { kind: category, type }], column) =>
    Object.entries(COMPANIONS).map(([companion, types], third) => {
      const id = `p${row}-${column}-${third}`;
      return {
        name: `${kind}, ${form} + ${companion}`,
        id,
        patient: category === 'sex' ? SEX_PATIENT : PSY_PATIENT,
        shown: false,
        ...make(id, [type, ...types]),
      };
    }),
  ),
  // The same places with no sensitive type: ordinary, shown to each resident.
  ...Object.entries(COMPANIONS)
    .filter(([, types]) => types.length > 0)
    .flatMap(([companion, types], third) =>
      [SEX_PATIENT, PSY_PATIENT].map((patient, who) => {
        const id = `o${row}-${third}-${who}`;
        return { name: `${kind}, ${companion} only`, id, patient, shown: true, ...make(id, types) };
      }),
    ),
]);

describe('the class, over HTTP: every kind of place × sensitive type form × ordinary companion', () => {
  let testHub: TestHub;
  let gp: string;

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [SEX_PATIENT, PSY_PATIENT]);
        await hub.store.transaction(async (store) => {
          await keepMentalHealthFromOthers(store, PSY_PATIENT, 'keep-psy');
          await store.put(TRUST);
          await store.put(BUILDING);
          for (const { id, patient, directory, actor } of CASES) {
            for (const entry of directory) await store.put(entry);
            await store.put({
              ...recordItem('Appointment', id, patient),
              status: 'booked',
              ...stillToCome(30),
              participant: [
                { actor: { reference: `Patient/${patient}` }, status: 'accepted' },
                { actor: { reference: actor }, status: 'accepted' },
              ],
            });
          }
        });
      },
    });
    gp = (await signInCallers(testHub, SEX_PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('read, searched and in $summary by another organisation’s GP: withheld with a sensitive type, else shown', async () => {
    const lists = new Map<string, { search: Set<string>; summary: Set<string> }>();
    for (const patient of [SEX_PATIENT, PSY_PATIENT]) {
      const search = await askAs(testHub, gp, `/Appointment?patient=${patient}&_count=500`, false, {});
      const summary = await askAs(testHub, gp, `/Patient/${patient}/$summary`, false, {});
      assert.equal(search.status, 200, JSON.stringify(search.body).slice(0, 300));
      assert.equal(summary.status, 200, JSON.stringify(summary.body).slice(0, 300));
      lists.set(patient, { search: ids(search), summary: ids(summary) });
    }
    const wrong: string[] = [];
    for (const { name, id, patient, shown } of CASES) {
      const read = await askAs(testHub, gp, `/Appointment/${id}`, false, {});
      const { search, summary } = lists.get(patient)!;
      const answers = [read.status === 200, search.has(id), summary.has(id)];
      if (answers.some((answer) => answer !== shown))
        wrong.push(`${name}: read ${read.status}, searched ${String(search.has(id))}, summary ${String(summary.has(id))}`);
    }
    assert.ok(
      CASES.some(({ shown }) => shown),
      'ordinary places are met',
    );
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${CASES.length} answered otherwise`);
  });
});
