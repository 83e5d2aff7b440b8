/**
 * The class behind reviewer R14's findings, as a property over a real store: an item naming a Medication by a
 * reference anywhere in it — at a random path of a random type, in an extension, in a resource it contains, written in
 * any form the hub reads as its own — is withheld from a viewer exactly when a read of that Medication (or of one made
 * of it, by a reference anywhere in that Medication) by the same viewer would be, whatever the reason: a stored label,
 * a source counting as a label, a source the resident keeps from the viewer — also for a viewer kept a source and no
 * label (R14: `withLabelledSources` returned early for one) — but to the organisation that recorded the item, whose
 * own items are always its own. The store's search (SQL, its withheld count) and the rule as a function (`isVisible`,
 * as reads and `_include` apply it) agree on both.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { knowHubAddress, withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isVisible, isWithheld, sourceOf, type Visibility } from '../src/policy/visibility.js';
import { MEDICINES } from './support/sensitive-medicines.js';
import { openTestStore } from './support/test-store.js';

type Json = Record<string, unknown>;

const HUB = 'https://hub.example/fhir';
const PRACTICE = 'F83999';
const CLINIC = 'SH1';
const COUNCIL = 'LA1';
const ITEM_SOURCES = [sourceOf(PRACTICE), sourceOf('RZ9')];
const TYPES = [
  'CarePlan',
  'Procedure',
  'Observation',
  'Condition',
  'Flag',
  'MedicationStatement',
  'Encounter',
  'Goal',
  'DocumentReference',
];
/** Element names an item may hold a reference under, at any depth (FHIR's, and others a source may add). */
const KEYS = [
  'extension',
  'modifierExtension',
  'valueReference',
  'focus',
  'item',
  'entry',
  'activity',
  'detail',
  'productReference',
  'usedReference',
  'evidence',
  'supportingInfo',
  'about',
  'suspectEntity',
  'instance',
  'implicated',
  'reference',
  'related',
];
/** Types a resource an item contains may be, naming the Medication itself. */
const CONTAINED_TYPES = [
  'List',
  'Task',
  'MedicationAdministration',
  'MedicationDispense',
  'SupplyRequest',
  'AdverseEvent',
  'Communication',
];

/** How a reference names Medication `id`; `names` false for one naming none of this hub's (or none it can resolve). */
const FORMS: Record<string, { names: boolean; reference: (id: string) => string }> = {
  relative: { names: true, reference: (id) => `Medication/${id}` },
  version: { names: true, reference: (id) => `Medication/${id}/_history/3` },
  path: { names: true, reference: (id) => `/fhir/Medication/${id}` },
  absolute: { names: true, reference: (id) => `HTTPS://Hub.Example:443/fhir/Medication/${id}` },
  'escaped type': { names: true, reference: (id) => `Medic%61tion/${id}` },
  elsewhere: { names: false, reference: (id) => `https://elsewhere.example/fhir/Medication/${id}` },
  'urn:uuid': { names: false, reference: () => 'urn:uuid:0f5d6c1a-3b2e-4d7f-8a9b-1c2d3e4f5a6b' },
  unheld: { names: false, reference: (id) => `Medication/${id}-gone` },
};
/** Why a Medication may be withheld: what it says (a stored label, or none), or where it is from. */
const REASONS: Record<string, { kind: string; source: string }> = {
  'stored label': { kind: 'prep', source: sourceOf('RZ9') },
  'mental health label': { kind: 'mental-health', source: sourceOf('RZ9') },
  'kept from the resident': { kind: 'nopat', source: sourceOf('RZ9') },
  'a label by its source': { kind: 'warfarin', source: sourceOf(CLINIC) },
  'a source kept from the reader': { kind: 'warfarin', source: sourceOf(COUNCIL) },
  none: { kind: 'warfarin', source: sourceOf('RZ9') },
};
const VIEWERS: Record<string, Visibility> = {
  'the practice': defaultVisibility({ kind: 'professional', odsCode: PRACTICE, clinical: true }),
  'another organisation': defaultVisibility({ kind: 'professional', odsCode: 'R1K', clinical: true }),
  'the desk of another organisation': defaultVisibility({ kind: 'professional', odsCode: 'R1K', clinical: false }),
  'the carer': defaultVisibility({ kind: 'carer' }),
  'the resident': defaultVisibility({ kind: 'resident' }),
  'a GP the resident keeps mental health from': {
    ...defaultVisibility({ kind: 'professional', odsCode: PRACTICE, clinical: true }),
    hiddenLabels: ['SEX', 'SDV', 'R', 'V', 'RESIDENT-SETTINGS', 'PSY'],
    unlessSource: undefined,
  },
  // R14: kept a source and no label.
  'another organisation kept the council and nothing else': {
    hiddenLabels: [],
    unlessSource: sourceOf('R1K'),
    hiddenSources: [sourceOf(COUNCIL)],
  },
};

/** A path to a reference: each step an element name, its value a list or not. */
const pathArbitrary = fc.array(fc.record({ key: fc.constantFrom(...KEYS), list: fc.boolean() }), { minLength: 1, maxLength: 4 });
type Path = { key: string; list: boolean }[];

/** `named` at the end of `path`, as an element of a resource: `{ a: [{ b: named }] }`. */
const at = (path: Path, named: Json): Json =>
  path.reduceRight<Json>((inner, { key, list }) => ({ [key]: list ? [inner] : inner }), named) as Json;

/** A Medication naming the one `reference` names at `path` (an ingredient, or any other element a source uses). */
const madeOf = (id: string, path: Path, reference: string): Json => ({
  resourceType: 'Medication',
  id,
  meta: { source: sourceOf('RZ9') },
  code: { text: 'Compound preparation' },
  ...at(path, { reference }),
});

const itemArbitrary = fc.record({
  type: fc.constantFrom(...TYPES),
  path: pathArbitrary,
  contained: fc.option(fc.constantFrom(...CONTAINED_TYPES), { nil: undefined }),
  form: fc.constantFrom(...Object.keys(FORMS)),
  reason: fc.constantFrom(...Object.keys(REASONS)),
  made: fc.array(pathArbitrary, { maxLength: 2 }),
  source: fc.constantFrom(...ITEM_SOURCES),
});

test('an item naming a Medication anywhere in it is withheld exactly when a read of the Medication is', async () => {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  // The directory's sexual health clinic, whose system's every item counts as SEX.
  await store.put({
    resourceType: 'Organization',
    id: 'sh-clinic',
    meta: { source: sourceOf(CLINIC) },
    name: 'Borough integrated clinic',
    type: [{ text: 'Sexual health clinic' }],
  });
  let run = 0;
  const seen = { withheldByName: 0, contained: 0, deep: 0, made: 0, reasons: new Set<string>(), viewers: new Set<string>() };
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArbitrary, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...Object.keys(VIEWERS)),
        fc.boolean(),
        async (items, viewer, keepsCouncil) => {
          run += 1;
          const patient = `p-${run}`;
          const reader: Visibility = {
            ...VIEWERS[viewer]!,
            ...(keepsCouncil ? { hiddenSources: [sourceOf(COUNCIL)] } : {}),
          };
          const named = new Map<string, { medication: Json; names: boolean }>();
          for (const [index, { type, path, contained, form, reason, made, source }] of items.entries()) {
            const { kind, source: medicationSource } = REASONS[reason]!;
            const { meta, ...rest } = MEDICINES[kind]!.medication;
            let inner = `m-${run}-${index}`;
            let outermost: Json = { resourceType: 'Medication', id: inner, meta: { source: medicationSource, ...(meta as Json) }, ...rest };
            await store.put(outermost);
            // Each Medication naming the one before it (at its own random path); the item names the outermost.
            for (const [step, madePath] of made.entries()) {
              outermost = madeOf(`${inner}-${step}`, madePath, `Medication/${inner}`);
              await store.put(outermost);
              inner = `${inner}-${step}`;
            }
            const { names, reference } = FORMS[form]!;
            const pointer = { reference: reference(inner) };
            const placed = contained
              ? {
                  contained: [{ resourceType: contained, id: 'c', ...at(path, pointer) }],
                  extension: [{ url: 'https://x.example/c', valueReference: { reference: '#c' } }],
                }
              : at(path, pointer);
            const item = {
              resourceType: type,
              id: `i-${run}-${index}`,
              meta: { source },
              subject: { reference: `Patient/${patient}` },
              ...placed,
            };
            await store.put(item);
            named.set(item.id, { medication: outermost, names });
            seen.reasons.add(reason);
            if (contained) seen.contained += 1;
            if (path.length > 2) seen.deep += 1;
            if (made.length > 0) seen.made += 1;
          }
          const visibility = await withLabelledSources(reader, store);
          seen.viewers.add(viewer);
          for (const type of new Set(items.map((item) => item.type))) {
            const query = { type, patientId: patient, criteria: [], sort: { by: 'date' as const, descending: true }, count: 100 };
            const stored = (await store.search({ ...query, visibility: { hiddenLabels: [] } })).resources;
            const found = await store.search({ ...query, visibility });
            const shown = new Set(found.resources.map((item) => String(item['id'])));
            // The store's SQL and the rule as a function agree, item by item and in the withheld count.
            assert.deepEqual(shown, new Set(stored.filter((item) => isVisible(item, visibility)).map((item) => String(item['id']))));
            assert.equal(found.withheld, stored.filter((item) => isWithheld(item, visibility)).length);
            for (const item of stored) {
              const id = String(item['id']);
              const { medication, names } = named.get(id)!;
              const own = visibility.unlessSource !== undefined && sourceOfItem(item) === visibility.unlessSource;
              const medicationWithheld = names && isWithheld(medication, visibility);
              if (medicationWithheld && !own) seen.withheldByName += 1;
              assert.equal(
                shown.has(id),
                own || !medicationWithheld,
                `${id} (${JSON.stringify(items)}) to ${viewer}${keepsCouncil ? ', the council kept from them' : ''}`,
              );
            }
          }
        },
      ),
      { numRuns: 150, seed: 20261207 },
    );
    // Not a property that holds because nothing is withheld or nothing is deep: each came up.
    assert.equal(seen.reasons.size, Object.keys(REASONS).length);
    assert.equal(seen.viewers.size, Object.keys(VIEWERS).length);
    assert.ok(seen.withheldByName > 0 && seen.contained > 0 && seen.deep > 0 && seen.made > 0, JSON.stringify({ ...seen, reasons: 0 }));
  } finally {
    await store.close();
  }
});

const sourceOfItem = (item: Json) => (item['meta'] as { source?: string } | undefined)?.source;

test('R14: a reader kept a source and no label is withheld an item naming a Medication from that source', async () => {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  try {
    await store.put({ resourceType: 'Medication', id: 'council-med', meta: { source: sourceOf(COUNCIL) }, code: { text: 'Thickener' } });
    await store.put({
      resourceType: 'MedicationStatement',
      id: 'names-council-med',
      meta: { source: sourceOf('RZ9') },
      status: 'active',
      subject: { reference: 'Patient/kept' },
      medicationReference: { reference: 'Medication/council-med' },
    });
    const visibility = await withLabelledSources({ hiddenLabels: [], hiddenSources: [sourceOf(COUNCIL)] }, store);
    const medication = (await store.read('Medication', 'council-med'))!.resource;
    const statement = (await store.read('MedicationStatement', 'names-council-med'))!.resource;
    const found = await store.search({
      type: 'MedicationStatement',
      patientId: 'kept',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 10,
      visibility,
    });
    assert.deepEqual(
      {
        medication: isWithheld(medication, visibility),
        statement: isWithheld(statement, visibility),
        found: found.resources.length,
        withheld: found.withheld,
      },
      { medication: true, statement: true, found: 0, withheld: 1 },
    );
  } finally {
    await store.close();
  }
});
