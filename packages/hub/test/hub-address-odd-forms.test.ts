/**
 * More spellings of this hub's own entry (after 85ae5a9), found in review by R4: an absolute path
 * (`/fhir/Organization/x`), a dot segment (`./Organization/x`), a host written with its closing dot
 * (`hub.example.`) and a path parameter (`Organization/x;v=1`). Each was read as naming no entry of this hub, so an
 * encounter with the mental health trust or the sexual health clinic, spelled so, reached readers it is kept from.
 *
 * Which are FHIR's: a reference is `Type/id` relative to the server's base or an absolute URL. `./Organization/x`
 * and `/fhir/Organization/x` are URI references every resolver takes, from this hub's base, to its own entry; a
 * host with its closing dot is the same host (a fully qualified name). These are matched as this hub's entry. A path
 * parameter (`;v=1`) is no part of a FHIR id, so the reference is not valid; read as the entry without it, an item
 * naming a sensitive service so is withheld rather than shown — and naming an ordinary one, shown as before.
 *
 * The class: each form × every service element of every type × the trust, the clinic and a practice × three
 * readers, read and searched, answered as the same item labelled (the trust's, the clinic's) or unlabelled.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { SERVICE_REFERENCE_CASES as CASES, withReference } from './support/service-references.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;
type Store = Awaited<ReturnType<typeof openTestStore>>;

const DIRECTORY: Json[] = [
  { resourceType: 'Organization', id: 'org-trust', name: 'Northside Mental Health NHS Trust' },
  { resourceType: 'Organization', id: 'org-clinic', name: 'Archway Sexual Health Clinic' },
  { resourceType: 'Organization', id: 'org-practice', name: 'Fleet Valley Surgery' },
];

const HUB = 'https://hub.care-record.test:8443/fhir';

const FORMS: Record<string, (id: string) => string> = {
  'an absolute path': (id) => `/fhir/Organization/${id}`,
  'a dot segment': (id) => `./Organization/${id}`,
  'a dot segment and a version': (id) => `./Organization/${id}/_history/2`,
  'a host with its closing dot': (id) => `https://hub.care-record.test.:8443/fhir/Organization/${id}`,
  'a path parameter on the id': (id) => `Organization/${id};v=1`,
  'a path parameter at this hub’s address': (id) => `${HUB}/Organization/${id};v=1`,
  'a path parameter on the base': (id) => `https://hub.care-record.test:8443/fhir;v=1/Organization/${id}`,
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

async function storeWithDirectory(): Promise<Store> {
  const store = await openTestStore();
  knowHubAddress(store, [HUB]);
  for (const entry of DIRECTORY) await store.put(entry);
  return store;
}

test('the reported forms: an encounter with the clinic, spelled four ways, is kept from the receptionist', async () => {
  const store = await storeWithDirectory();
  const desk = (await readers(store))['another organisation’s receptionist']!;
  const shown: string[] = [];
  for (const [name, spell] of Object.entries(FORMS)) {
    const item = {
      ...recordItem('Encounter', 'enc', 'pat-1'),
      meta: { source: OTHER_SOURCE },
      serviceProvider: { reference: spell('org-clinic') },
    };
    if (!isWithheld(item, desk)) shown.push(name);
  }
  await store.close();
  assert.deepEqual(shown, []);
});

test('every form × element × organisation × reader: read and searched as the labelled or ordinary twin', async () => {
  const store = await storeWithDirectory();
  const viewers = await readers(store);
  const twins = new Map<string, Json>();
  const wrong: string[] = [];
  let compared = 0;
  for (const [to, label] of [
    ['org-trust', 'PSY'],
    ['org-clinic', 'SEX'],
    ['org-practice', undefined],
  ] as const)
    for (const { type, path } of CASES)
      for (const [name, spell] of Object.entries(FORMS)) {
        const id = `odd-${twins.size}`;
        const base = { ...recordItem(type, id, 'pat-1'), meta: { source: OTHER_SOURCE } };
        const item = withReference(base, path, { reference: spell(to) });
        const twin = label === undefined ? base : recordItem(type, id, 'pat-1', [label]);
        twins.set(id, twin);
        await store.put(item);
        for (const [reader, visibility] of Object.entries(viewers)) {
          compared += 1;
          if (isWithheld(item, visibility) !== isWithheld(twin, visibility))
            wrong.push(`${to} ${type}.${path} ${name} to ${reader}: read, expected ${isWithheld(twin, visibility) ? 'withheld' : 'shown'}`);
        }
      }
  for (const [reader, visibility] of Object.entries(viewers))
    for (const type of new Set(CASES.map((each) => each.type))) {
      const found = await store.search({
        type,
        patientId: 'pat-1',
        criteria: [],
        sort: { by: 'date', descending: true },
        count: 2000,
        visibility,
      });
      const shown = new Set(found.resources.map((item) => String(item['id'])));
      for (const [id, twin] of twins) {
        if (twin['resourceType'] !== type) continue;
        compared += 1;
        if (shown.has(id) === isWithheld(twin, visibility)) wrong.push(`${reader} searching ${type}: ${id}`);
      }
    }
  await store.close();
  const withheld = [...twins.values()].filter((twin) => isWithheld(twin, Object.values(viewers)[2]!)).length;
  assert.ok(withheld > 0 && withheld < twins.size, `${withheld} of ${twins.size} withheld from the GP`);
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${compared} answered otherwise`);
});
