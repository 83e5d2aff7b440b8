/**
 * A service's type by its code, not only by its words. The hub told a mental
 * health or sexual health service by a type's text or a coding's display
 * ("Psychiatry", "Genito-urinary medicine"); a type sent as a SNOMED CT code
 * alone — as GP and hospital exports send a specialty or a practice setting —
 * said nothing. A trust typed `394587001` (Psychiatry) with no display was an
 * ordinary organisation: its items, by its source or by a reference to it,
 * reached a GP the resident keeps mental health from, a carer and another
 * organisation's receptionist; so did an appointment whose specialty was the
 * code alone, and a clinic typed `394808002` (Genito-urinary medicine).
 *
 * Now a SNOMED CT code of such a service (`MENTAL_HEALTH_SNOMED`, and
 * genito-urinary medicine in `SENSITIVE_SNOMED`) is read as its words are,
 * wherever the words are read, and over a display that says something else.
 *
 * The class: each code × its display present, absent or misleading × where
 * the type sits (an organisation's type, by source and by reference; a
 * directory service's type, category or specialty and a role's specialty; a
 * contained organisation, service or role; the item's own service type,
 * specialty or practice setting) × three readers: the code alone and the code
 * under a misleading display are answered exactly as the code with its own
 * display, read and searched. Where the hub does not read a type's words (a
 * directory service's types list all a practice offers) it does not read its
 * code either.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { recordItem } from './support/policy-fixtures.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const SNOMED = 'http://snomed.info/sct';

/** The codes, with the words they mean. */
const CODES: readonly { code: string; display: string }[] = [
  { code: '394587001', display: 'Psychiatry' },
  { code: '408467006', display: 'Adult mental illness' },
  { code: '394588006', display: 'Child and adolescent psychiatry' },
  { code: '394808002', display: 'Genito-urinary medicine' },
];

/** How the coding is sent: with its own display, with none, or with one that says something else. */
const DISPLAYS = {
  present: (code: { display: string }) => ({ display: code.display }),
  absent: () => ({}),
  misleading: () => ({ display: 'General medicine' }),
} as const;
type Shown = keyof typeof DISPLAYS;

const concept = (code: { code: string; display: string }, shown: Shown): Json => ({
  coding: [{ system: SNOMED, code: code.code, ...DISPLAYS[shown](code) }],
});

/** A practice all the directory's services and roles belong to, unless they are an organisation of their own. */
const PRACTICE: Json = { resourceType: 'Organization', id: 'org-practice', name: 'Fleet Valley Surgery' };
const sourceOf = (id: string) => `https://care-record.example/source/${id}`;

/**
 * Where the type sits. Each gives the directory entries it needs and the item that points at them (or holds the type
 * itself), for a key naming the variant.
 */
const PLACES: Record<string, (key: string, type: Json) => { directory: Json[]; item: Json }> = {
  'an organisation’s type, by its source': (key, type) => ({
    directory: [{ resourceType: 'Organization', id: `org-${key}`, meta: { source: sourceOf(key) }, name: 'Acorn Centre', type: [type] }],
    item: { ...recordItem('Observation', key, 'pat-1'), meta: { source: sourceOf(key) } },
  }),
  'an organisation’s type, by reference': (key, type) => ({
    directory: [{ resourceType: 'Organization', id: `org-${key}`, name: 'Acorn Centre', type: [type] }],
    item: { ...recordItem('Encounter', key, 'pat-1'), serviceProvider: { reference: `Organization/org-${key}` } },
  }),
  ...Object.fromEntries(
    (['type', 'category', 'specialty'] as const).map((element) => [
      `a directory service’s ${element}`,
      (key: string, type: Json) => ({
        directory: [
          {
            resourceType: 'HealthcareService',
            id: `hcs-${key}`,
            name: 'Clinic',
            providedBy: { reference: 'Organization/org-practice' },
            [element]: [type],
          },
        ],
        item: { ...recordItem('Encounter', key, 'pat-1'), location: [{ location: { reference: `HealthcareService/hcs-${key}` } }] },
      }),
    ]),
  ),
  'a directory role’s specialty': (key, type) => ({
    directory: [
      { resourceType: 'PractitionerRole', id: `role-${key}`, organization: { reference: 'Organization/org-practice' }, specialty: [type] },
    ],
    item: { ...recordItem('Observation', key, 'pat-1'), performer: [{ reference: `PractitionerRole/role-${key}` }] },
  }),
  'a contained organisation’s type': (key, type) => ({
    directory: [],
    item: {
      ...recordItem('Encounter', key, 'pat-1'),
      contained: [{ resourceType: 'Organization', id: 'provider', name: 'Acorn Centre', type: [type] }],
      serviceProvider: { reference: '#provider' },
    },
  }),
  'a contained service’s specialty': (key, type) => ({
    directory: [],
    item: {
      ...recordItem('Appointment', key, 'pat-1'),
      contained: [{ resourceType: 'HealthcareService', id: 'service', name: 'Clinic', specialty: [type] }],
      participant: [
        { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
        { actor: { reference: '#service' }, status: 'accepted' },
      ],
    },
  }),
  'a contained role’s specialty': (key, type) => ({
    directory: [],
    item: {
      ...recordItem('Observation', key, 'pat-1'),
      contained: [{ resourceType: 'PractitionerRole', id: 'role', specialty: [type] }],
      performer: [{ reference: '#role' }],
    },
  }),
  'an appointment’s specialty': (key, type) => ({ directory: [], item: { ...recordItem('Appointment', key, 'pat-1'), specialty: [type] } }),
  'an appointment’s service type': (key, type) => ({
    directory: [],
    item: { ...recordItem('Appointment', key, 'pat-1'), serviceType: [type] },
  }),
  'an encounter’s service type': (key, type) => ({ directory: [], item: { ...recordItem('Encounter', key, 'pat-1'), serviceType: type } }),
  'an episode of care’s type': (key, type) => ({ directory: [], item: { ...recordItem('EpisodeOfCare', key, 'pat-1'), type: [type] } }),
  'a document’s practice setting': (key, type) => ({
    directory: [],
    item: { ...recordItem('DocumentReference', key, 'pat-1'), context: { practiceSetting: type } },
  }),
};

async function readers(store: Store): Promise<Record<string, Visibility>> {
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const carer = defaultVisibility({ kind: 'carer' });
  return {
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
    'a carer whose permission keeps mental health': await withLabelledSources(
      { ...carer, hiddenLabels: [...carer.hiddenLabels, 'PSY'] },
      store,
    ),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
  };
}

/** Every variant: its key, what it names, and the items and directory entries it makes. */
function variants(): { key: string; twin: string; place: string; code: string; shown: Shown; directory: Json[]; item: Json }[] {
  const all = [];
  let index = 0;
  for (const [place, make] of Object.entries(PLACES))
    for (const code of CODES) {
      const twin = `v${index}-present`;
      for (const shown of Object.keys(DISPLAYS) as Shown[]) {
        const key = `v${index}-${shown}`;
        all.push({ key, twin, place, code: code.code, shown, ...make(key, concept(code, shown)) });
      }
      index += 1;
    }
  return all;
}

test('the reported case: a trust typed Psychiatry by its SNOMED CT code alone is a mental health service', async () => {
  const store = await openTestStore();
  await store.put(PRACTICE);
  const made = PLACES['an organisation’s type, by its source']!('reported', { coding: [{ system: SNOMED, code: '394587001' }] });
  for (const entry of made.directory) await store.put(entry);
  await store.put(made.item);
  const gp = (await readers(store))['a GP the resident keeps mental health from']!;
  assert.equal(isWithheld(made.item, gp), true, 'read');
  const found = await store.search({
    type: 'Observation',
    patientId: 'pat-1',
    criteria: [],
    sort: { by: 'date', descending: true },
    count: 10,
    visibility: gp,
  });
  assert.deepEqual(
    found.resources.map((item) => item['id']),
    [],
    'searched',
  );
  await store.close();
});

test('every code × display present, absent or misleading × where it sits × reader: the code is read as its words', async () => {
  const store = await openTestStore();
  await store.put(PRACTICE);
  const all = variants();
  for (const variant of all) for (const entry of variant.directory) await store.put(entry);
  for (const variant of all) await store.put(variant.item);
  const viewers = await readers(store);
  const items = new Map(all.map((variant) => [variant.key, variant.item]));
  const wrong: string[] = [];
  let compared = 0;
  let withheld = 0;
  for (const [reader, visibility] of Object.entries(viewers)) {
    const shown = new Set<string>();
    for (const type of new Set(all.map((variant) => String(variant.item['resourceType'])))) {
      const found = await store.search({
        type,
        patientId: 'pat-1',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 1000,
        visibility,
      });
      for (const item of found.resources) shown.add(String(item['id']));
    }
    for (const variant of all) {
      const expected = isWithheld(items.get(variant.twin)!, visibility);
      if (variant.shown === 'present' && expected) withheld += 1;
      compared += 1;
      const read = isWithheld(variant.item, visibility);
      const searched = !shown.has(variant.key);
      if (read !== expected || searched !== expected)
        wrong.push(
          `${variant.place} ${variant.code} display ${variant.shown} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}, as its words ${expected ? 'withheld' : 'shown'}`,
        );
    }
  }
  await store.close();
  // The words are withheld somewhere and not everywhere: the comparison is not of one answer only.
  assert.ok(withheld > 0 && withheld < compared / 3, `${withheld} of ${compared / 3} withheld as their words`);
  assert.deepEqual(wrong.slice(0, 30), [], `${wrong.length} of ${compared} answered otherwise`);
});
