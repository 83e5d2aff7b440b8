/**
 * The class behind reviewer R10's finding, as a property over a real store: an item naming a Medication by
 * `medicationReference` is withheld from a viewer exactly when the same item with the medicine written in it is —
 * whatever the Medication says (`MEDICINES`), however the reference is written (relative, a `_history` version, a path,
 * this hub's absolute URL in another spelling, another server's, a Medication the hub does not hold, a contained one),
 * whichever organisation recorded the item, whoever reads it, and after the Medication changed. The store's search
 * (SQL, its withheld count) and the rule as a function (`isVisible`, as reads and `_include` apply it) agree on both.
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
const KINDS = Object.keys(MEDICINES);
const TYPES = ['MedicationRequest', 'MedicationStatement'] as const;
/**
 * How an item names Medication `id`; `names` false for a form that names none of this hub's (or none it can resolve:
 * a `urn:uuid:`); `made` for a Medication made of it (`ingredient.itemReference`, R13), the item naming the outermost.
 */
const FORMS: Record<string, { names: boolean; reference: (id: string) => string; made?: readonly string[] }> = {
  relative: { names: true, reference: (id) => `Medication/${id}` },
  ingredient: { names: true, reference: (id) => `Medication/${id}`, made: ['Medication/'] },
  'ingredient by address': { names: true, reference: (id) => `Medication/${id}`, made: ['https://HUB.example/fhir/Medication/'] },
  'ingredient of an ingredient': { names: true, reference: (id) => `Medication/${id}`, made: ['Medication/', 'Medication/'] },
  "made of another server's": {
    names: false,
    reference: (id) => `Medication/${id}`,
    made: ['https://elsewhere.example/fhir/Medication/'],
  },
  'urn:uuid': { names: false, reference: () => 'urn:uuid:0f5d6c1a-3b2e-4d7f-8a9b-1c2d3e4f5a6b' },
  'contained made of it': { names: true, reference: () => '#med', made: ['Medication/'] },
  version: { names: true, reference: (id) => `Medication/${id}/_history/2` },
  path: { names: true, reference: (id) => `/fhir/Medication/${id}` },
  absolute: { names: true, reference: (id) => `HTTPS://Hub.Example:443/fhir/Medication/${id}` },
  elsewhere: { names: false, reference: (id) => `https://elsewhere.example/fhir/Medication/${id}` },
  unheld: { names: false, reference: (id) => `Medication/${id}-gone` },
  contained: { names: true, reference: () => '#med' },
};
const PRACTICE = 'F83999';
const SOURCES = [sourceOf(PRACTICE), sourceOf('RZ9')];
const VIEWERS: Record<string, Visibility> = {
  'the practice': defaultVisibility({ kind: 'professional', odsCode: PRACTICE, clinical: true }),
  'another organisation': defaultVisibility({ kind: 'professional', odsCode: 'R1K', clinical: true }),
  'a receptionist of the practice': defaultVisibility({ kind: 'professional', odsCode: PRACTICE, clinical: false }),
  'the carer': defaultVisibility({ kind: 'carer' }),
  'the resident': defaultVisibility({ kind: 'resident' }),
  'a GP the resident keeps mental health from': {
    ...defaultVisibility({ kind: 'professional', odsCode: PRACTICE, clinical: true }),
    hiddenLabels: ['SEX', 'SDV', 'R', 'V', 'RESIDENT-SETTINGS', 'PSY'],
    unlessSource: undefined,
  },
};

/** A Medication made of the one `reference` names, as a compound preparation or a pack names its contents. */
const madeOf = (id: string, reference: string): Json => ({
  resourceType: 'Medication',
  id,
  meta: { source: SOURCES[1] },
  code: { text: 'Compound preparation' },
  ingredient: [{ itemReference: { reference } }],
});

const itemArbitrary = fc.record({
  type: fc.constantFrom(...TYPES),
  form: fc.constantFrom(...Object.keys(FORMS)),
  medication: fc.nat({ max: 2 }),
  source: fc.constantFrom(...SOURCES),
});

test('an item by reference is withheld exactly as the medicine written in it, by search and by the rule', async () => {
  const store = await openTestStore();
  knowHubAddress(store, HUB);
  let run = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...KINDS), { minLength: 3, maxLength: 3 }),
        fc.array(fc.option(fc.constantFrom(...KINDS), { nil: undefined }), { minLength: 3, maxLength: 3 }),
        fc.array(itemArbitrary, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...Object.keys(VIEWERS)),
        async (written, later, items, viewer) => {
          run += 1;
          const patient = `p-${run}`;
          const medicationId = (index: number) => `m-${run}-${index}`;
          const putMedication = (index: number, kind: string) => {
            const { meta, ...rest } = MEDICINES[kind]!.medication;
            return store.put({
              resourceType: 'Medication',
              id: medicationId(index),
              meta: { source: SOURCES[1], ...(meta as Json) },
              ...rest,
            });
          };
          for (const [index, kind] of written.entries()) await putMedication(index, kind);
          // What each Medication says when the items are read: a later change counts, not what it said when written.
          const final = written.map((kind, index) => later[index] ?? kind);
          const twins = new Map<string, string>();
          for (const [index, { type, form, medication, source }] of items.entries()) {
            const { names, reference } = FORMS[form]!;
            const { meta: medicationMeta, ...medicationRest } = MEDICINES[written[medication]!]!.medication;
            const { made = [] } = FORMS[form]!;
            // Each Medication made of the one before it, named as `made` says; in the item for a contained form.
            // Each Medication made of the one before it (its id says by which form, so forms never share one); the
            // item names the outermost.
            let inner = medicationId(medication);
            if (form !== 'contained made of it')
              for (const prefix of made) {
                const outer = `${inner}-${Object.keys(FORMS).indexOf(form)}`;
                await store.put(madeOf(outer, `${prefix}${inner}`));
                inner = outer;
              }
            const contained =
              form === 'contained'
                ? {
                    contained: [
                      { resourceType: 'Medication', id: 'med', ...medicationRest, ...(medicationMeta ? { meta: medicationMeta } : {}) },
                    ],
                  }
                : form === 'contained made of it'
                  ? { contained: [madeOf('med', `Medication/${medicationId(medication)}`)] }
                  : {};
            const base = {
              resourceType: type,
              status: 'active',
              ...(type === 'MedicationRequest' ? { intent: 'order' } : {}),
              subject: { reference: `Patient/${patient}` },
            };
            const byReference = {
              ...base,
              id: `by-${run}-${index}`,
              meta: { source },
              ...contained,
              medicationReference: { reference: reference(inner) },
            };
            // The same medicine written in the item: what the Medication says now (a contained one is the item's own,
            // as written; one it is made of is read as it is now); nothing at all for a reference that names none of
            // this hub's Medications.
            const { meta: inlineMeta, ...inline } = MEDICINES[form === 'contained' ? written[medication]! : final[medication]!]!.inline;
            const twin = {
              ...base,
              id: `inline-${run}-${index}`,
              meta: { source, ...(names ? (inlineMeta as Json | undefined) : {}) },
              ...(names ? inline : { medicationCodeableConcept: { text: 'Not known' } }),
            };
            await store.put(byReference);
            await store.put(twin);
            twins.set(byReference.id, twin.id);
          }
          for (const [index, kind] of later.entries()) if (kind !== undefined) await putMedication(index, kind);
          const visibility = await withLabelledSources(VIEWERS[viewer]!, store);
          for (const type of TYPES) {
            const stored = (
              await store.search({
                type,
                patientId: patient,
                criteria: [],
                sort: { by: 'date', descending: true },
                count: 100,
                visibility: { hiddenLabels: [] },
              })
            ).resources;
            const found = await store.search({
              type,
              patientId: patient,
              criteria: [],
              sort: { by: 'date', descending: true },
              count: 100,
              visibility,
            });
            const shown = new Set(found.resources.map((item) => String(item['id'])));
            // The store's SQL and the rule as a function agree, item by item and in the withheld count.
            assert.deepEqual(shown, new Set(stored.filter((item) => isVisible(item, visibility)).map((item) => String(item['id']))));
            assert.equal(found.withheld, stored.filter((item) => isWithheld(item, visibility)).length);
            // And each item by reference is shown exactly when the medicine written in it is.
            for (const [byReference, twin] of twins)
              if (stored.some((item) => item['id'] === byReference))
                assert.equal(shown.has(byReference), shown.has(twin), `${byReference} beside ${twin} to ${viewer}`);
          }
        },
      ),
      { numRuns: 120, seed: 20261207 },
    );
  } finally {
    await store.close();
  }
});

/**
 * Reviewer R14: a Medication is withheld from a reader not only by its stored labels but by its source — a sexual
 * health clinic's system counts as SEX (`labelledSources`), and a source the resident's sharing choice keeps from the
 * reader is withheld whole (`hiddenSources`). An item naming one, directly or through Medications made of it, is
 * withheld exactly when a read of the Medication it names is (but to the organisation that recorded the item, whose
 * own items are always its own), whatever the reason: by the search's SQL and by the rule as a function alike.
 */
const CLINIC = 'SH1';
const COUNCIL = 'LA1';
/** Why a Medication may be withheld: what it says (a stored label, or none), or where it is from. */
const REASONS: Record<string, { kind: string; source: string }> = {
  'stored label': { kind: 'prep', source: sourceOf('RZ9') },
  'a label by its source': { kind: 'warfarin', source: sourceOf(CLINIC) },
  'a source kept from the reader': { kind: 'warfarin', source: sourceOf(COUNCIL) },
  none: { kind: 'warfarin', source: sourceOf('RZ9') },
};
const NAMING = ['relative', 'version', 'absolute', 'ingredient', 'ingredient by address', 'ingredient of an ingredient'];

test('an item naming a Medication is withheld exactly when a read of the Medication is, for any reason', async () => {
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
  let withheldItems = 0;
  const byReason = new Set<string>();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            reason: fc.constantFrom(...Object.keys(REASONS)),
            form: fc.constantFrom(...NAMING),
            type: fc.constantFrom(...TYPES),
            source: fc.constantFrom(...SOURCES),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.constantFrom(...Object.keys(VIEWERS).filter((viewer) => viewer !== 'a receptionist of the practice')),
        fc.boolean(),
        async (items, viewer, keepsCouncil) => {
          run += 1;
          const patient = `q-${run}`;
          const reader: Visibility = {
            ...VIEWERS[viewer]!,
            ...(keepsCouncil ? { hiddenSources: [sourceOf(COUNCIL)] } : {}),
          };
          const named = new Map<string, Json>();
          for (const [index, { reason, form, type, source }] of items.entries()) {
            const { kind, source: medicationSource } = REASONS[reason]!;
            const { meta, ...rest } = MEDICINES[kind]!.medication;
            let inner = `r-${run}-${index}`;
            const medication = { resourceType: 'Medication', id: inner, meta: { source: medicationSource, ...(meta as Json) }, ...rest };
            await store.put(medication);
            let outermost: Json = medication;
            for (const prefix of FORMS[form]!.made ?? []) {
              outermost = madeOf(`${inner}-x`, `${prefix}${inner}`);
              await store.put(outermost);
              inner = `${inner}-x`;
            }
            const item = {
              resourceType: type,
              id: `q-${run}-${index}`,
              meta: { source },
              status: 'active',
              ...(type === 'MedicationRequest' ? { intent: 'order' } : {}),
              subject: { reference: `Patient/${patient}` },
              medicationReference: { reference: FORMS[form]!.reference(inner) },
            };
            await store.put(item);
            named.set(item.id, outermost);
            byReason.add(reason);
          }
          const visibility = await withLabelledSources(reader, store);
          for (const type of TYPES) {
            const query = { type, patientId: patient, criteria: [], sort: { by: 'date' as const, descending: true }, count: 100 };
            const stored = (await store.search({ ...query, visibility: { hiddenLabels: [] } })).resources;
            const found = await store.search({ ...query, visibility });
            const shown = new Set(found.resources.map((item) => String(item['id'])));
            assert.deepEqual(shown, new Set(stored.filter((item) => isVisible(item, visibility)).map((item) => String(item['id']))));
            assert.equal(found.withheld, stored.filter((item) => isWithheld(item, visibility)).length);
            for (const item of stored) {
              const id = String(item['id']);
              const own = visibility.unlessSource !== undefined && sourceOfItem(item) === visibility.unlessSource;
              const medicationWithheld = isWithheld(named.get(id)!, visibility);
              if (!shown.has(id)) withheldItems += 1;
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
    // Not a property that holds because nothing is withheld: every reason came up, and items were withheld.
    assert.equal(byReason.size, Object.keys(REASONS).length);
    assert.ok(withheldItems > 0);
  } finally {
    await store.close();
  }
});

const sourceOfItem = (item: Json) => (item['meta'] as { source?: string } | undefined)?.source;
