/**
 * A trust's GUM clinic is a place too. The hub told a sexual health place by its name only: an encounter of a trust
 * (an ordinary one: acute and community services) whose location was "Clinic 4", typed "Genitourinary medicine
 * clinic" — or HL7 v3 RoleCode `STD`, or a SNOMED CT code of such a clinic — reached another organisation's GP.
 * Reviewer R4 found it.
 *
 * Now a Location's types are read (`isSensitiveService`, `typedAsService`): by text, display and code — any one of
 * them, as a place is one place, whatever ordinary type it copies from its trust beside it.
 *
 * The class: each way a place is typed (sensitive or not) × each element an item names a place in × two readers,
 * read and searched, answered as the same item labelled `SEX` (a sensitive place) or unlabelled (an ordinary one).
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
const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const ROLE_CODE_R3 = 'http://hl7.org/fhir/v3/RoleCode';
const ROLE_CLASS = 'http://terminology.hl7.org/CodeSystem/v3-RoleClass';
const code = (system: string, value: string, display?: string): Json => ({
  coding: [{ system, code: value, ...(display === undefined ? {} : { display }) }],
});

/** How a place is typed, and whether it is a sexual health place. */
const PLACES: Record<string, { sensitive: boolean; type: Json[] }> = {
  'typed "Genitourinary medicine clinic"': { sensitive: true, type: [{ text: 'Genitourinary medicine clinic' }] },
  'typed by a display "Sexual health clinic"': { sensitive: true, type: [code('https://example.org/rooms', 'R9', 'Sexual health clinic')] },
  'typed v3 RoleCode STD': { sensitive: true, type: [code(ROLE_CODE, 'STD')] },
  'typed v3 RoleCode STD (R3 system)': { sensitive: true, type: [code(ROLE_CODE_R3, 'STD')] },
  'typed SNOMED CT 25681007': { sensitive: true, type: [code(SNOMED, '25681007')] },
  'typed SNOMED CT 394808002': { sensitive: true, type: [code(SNOMED, '394808002')] },
  'typed GUM and an outpatient clinic': { sensitive: true, type: [{ text: 'GUM' }, { text: 'Outpatient clinic' }] },
  'typed an emergency department': { sensitive: false, type: [{ text: 'Emergency department' }] },
  'typed an outpatient clinic': { sensitive: false, type: [{ text: 'Outpatient clinic' }] },
  'typed v3 RoleClass STD (a student)': { sensitive: false, type: [code(ROLE_CLASS, 'STD')] },
  // A place is one place: an ordinary type beside its own is its trust's, copied (place-copied-trust-type.test.ts).
  'typed GUM beside an emergency department': { sensitive: true, type: [{ text: 'GUM' }, { text: 'Emergency department' }] },
};

/** Each element an item names its place in. */
const ELEMENTS: Record<string, (place: Json) => Json> = {
  'an encounter’s location': (place) => ({ location: [{ location: place }] }),
  'a procedure’s location': (place) => ({ location: place }),
  'a vaccination’s location': (place) => ({ location: place }),
};
const TYPE_OF: Record<string, string> = {
  'an encounter’s location': 'Encounter',
  'a procedure’s location': 'Procedure',
  'a vaccination’s location': 'Immunization',
};

const DIRECTORY: Json[] = [
  {
    resourceType: 'Organization',
    id: 'trust',
    name: 'Whittington Health NHS Trust',
    type: [{ text: 'Acute hospital services' }, { text: 'Community health services' }],
  },
  ...Object.values(PLACES).map(({ type }, index) => ({
    resourceType: 'Location',
    id: `place-${index}`,
    name: `Clinic ${index}`,
    type,
    managingOrganization: { reference: 'Organization/trust' },
  })),
];

async function readers(store: Store): Promise<Record<string, Visibility>> {
  return {
    'another organisation’s GP': await withLabelledSources(defaultVisibility({ kind: 'professional', odsCode: 'F83999' }), store),
    'another organisation’s receptionist': await withLabelledSources(
      defaultVisibility({ kind: 'professional', odsCode: 'F83999', clinical: false }),
      store,
    ),
  };
}

async function storeWithDirectory(): Promise<Store> {
  const store = await openTestStore();
  for (const entry of DIRECTORY) await store.put(entry);
  return store;
}

async function shownTo(store: Store, visibility: Visibility, types: Iterable<string>): Promise<Set<string>> {
  const shown = new Set<string>();
  for (const type of new Set(types)) {
    const page = await store.search({
      type,
      patientId: 'pat-1',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 500,
      visibility,
    });
    for (const item of page.resources) shown.add(String(item['id']));
  }
  return shown;
}

test('the reported case: a GP does not see an encounter at the trust’s GUM clinic, read or searched', async () => {
  const store = await storeWithDirectory();
  const encounter = { ...recordItem('Encounter', 'reported', 'pat-1'), location: [{ location: { reference: 'Location/place-0' } }] };
  await store.put(encounter);
  const gp = (await readers(store))['another organisation’s GP']!;
  const stored = await store.read('Encounter', 'reported');
  assert.equal(isWithheld(stored!.resource, gp), true, 'read');
  assert.equal((await shownTo(store, gp, ['Encounter'])).has('reported'), false, 'searched');
  await store.close();
});

test('every place × element × reader: a sexual health place withholds, an ordinary one does not — read and searched', async () => {
  const store = await storeWithDirectory();
  const cases = new Map<string, { name: string; type: string; twin: Json }>();
  for (const [placeIndex, [placeName, { sensitive }]] of Object.entries(PLACES).entries())
    for (const [element, make] of Object.entries(ELEMENTS)) {
      const type = TYPE_OF[element]!;
      const id = `case-${cases.size}`;
      await store.put({ ...recordItem(type, id, 'pat-1'), ...make({ reference: `Location/place-${placeIndex}` }) });
      cases.set(id, { name: `${element}, ${placeName}`, type, twin: recordItem(type, id, 'pat-1', sensitive ? ['SEX'] : []) });
    }
  const wrong: string[] = [];
  const answers = new Set<boolean>();
  for (const [reader, visibility] of Object.entries(await readers(store))) {
    const shown = await shownTo(
      store,
      visibility,
      [...cases.values()].map(({ type }) => type),
    );
    for (const [id, { name, type, twin }] of cases) {
      const want = isWithheld(twin, visibility);
      answers.add(want);
      const stored = await store.read(type, id);
      const read = isWithheld(stored!.resource, visibility);
      const searched = !shown.has(id);
      if (read !== want || searched !== want)
        wrong.push(`${name} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}`);
    }
  }
  await store.close();
  assert.deepEqual([...answers].sort(), [false, true], 'both answers met');
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${cases.size * 2} answered otherwise`);
});
