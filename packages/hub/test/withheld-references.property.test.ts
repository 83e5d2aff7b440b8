/**
 * A reference never names an item withheld from the viewer, wherever it sits: any element, any depth, in arrays,
 * extensions and contained resources, relative or absolute, with or without a version. Property over items of random
 * shape referring to items in a real store (SQLite, or PostgreSQL with `CARE_RECORD_TEST_STORE=postgres`): the
 * answer holds no word of a withheld target (its display, identifier or id), keeps every reference to an item the
 * viewer may read or that is not in the hub, is the same object when nothing was withheld, and — when something
 * was — is tagged `SUBSETTED` and versioned by what it shows, the same whatever the withheld references said.
 * Whether a target is withheld is what a read of it answers: the policy's visibility, the resident's compartment,
 * the types the viewer may read.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { defaultVisibility, isVisible } from '../src/policy/visibility.js';
import { compartmentOf, type FhirJson } from '../src/store/search-parameters.js';
import { StoredJson, type HubStore } from '../src/store/store.js';
import { withoutWithheldReferences, type ReferenceReader } from '../src/fhir/withheld-references.js';
import { recordItem } from './support/policy-fixtures.js';
import { openTestStore } from './support/test-store.js';

const PATIENT = 'wrp-patient';
/** Targets: `Type/id`, and how each is stored (`undefined`: not in the hub). */
const TARGETS: { reference: string; labels?: string[]; patient?: string }[] = [
  { reference: 'Condition/wrphid', labels: ['R'] },
  { reference: 'Condition/wrpvis' },
  { reference: 'Observation/wrpnopat', labels: ['NOPAT'] },
  { reference: 'Observation/wrpsex', labels: ['SEX'] },
  { reference: 'Condition/wrpother', patient: 'wrp-someone-else' },
  { reference: 'Goal/wrpgoal' },
  { reference: 'Condition/wrpnone' },
];
const markerOf = (reference: string) => `MK${reference.split('/')[1] ?? ''}KM`;

const READERS: Record<string, ReferenceReader> = {
  gp: {
    patientId: PATIENT,
    visibility: defaultVisibility({ kind: 'professional', clinical: true, odsCode: 'A99999' }),
    mayRead: () => true,
  },
  resident: { patientId: PATIENT, visibility: defaultVisibility({ kind: 'resident' }), mayRead: () => true },
  'no goals': {
    patientId: PATIENT,
    visibility: defaultVisibility({ kind: 'resident' }),
    mayRead: (type) => type !== 'Goal',
  },
};

let store: HubStore;
const stored = new Map<string, FhirJson>();
before(async () => {
  store = await openTestStore();
  for (const target of TARGETS.slice(0, -1)) {
    const [type = '', id = ''] = target.reference.split('/');
    const item = recordItem(type, id, target.patient ?? PATIENT, target.labels ?? []);
    stored.set(target.reference, (await store.put(item)).resource);
  }
});
after(() => store.close());

/** What a read of the target answers this reader: withheld unless found, visible, theirs and of a type they read. */
function withheldFrom(reader: ReferenceReader, reference: string): boolean {
  const item = stored.get(reference);
  if (!item) return false;
  return !reader.mayRead(reference.split('/')[0] ?? '') || !isVisible(item, reader.visibility) || compartmentOf(item) !== reader.patientId;
}

/** A reference to a target, as a source might write it. */
const referenceArb = fc
  .record({
    target: fc.constantFrom(...TARGETS.map((target) => target.reference)),
    form: fc.constantFrom('relative', 'absolute', 'versioned'),
    identifier: fc.boolean(),
    type: fc.boolean(),
  })
  .map(({ target, form, identifier, type }) => ({
    reference: form === 'relative' ? target : form === 'absolute' ? `https://elsewhere.example/fhir/${target}` : `${target}/_history/3`,
    display: markerOf(target),
    ...(identifier ? { identifier: { system: 'https://care-record.example/id', value: `${markerOf(target)}-id` } } : {}),
    ...(type ? { type: target.split('/')[0] } : {}),
  }));

const keyArb = fc.constantFrom(
  'reasonReference',
  'addresses',
  'basedOn',
  'supportingInfo',
  'hasMember',
  'result',
  'detail',
  'focus',
  'note',
);
const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    referenceArb,
    fc.string({ maxLength: 8 }),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(keyArb, tie('node'), { maxKeys: 3 }),
    tie('node').map((value) => ({ url: 'https://care-record.example/StructureDefinition/x', valueReference: value })),
    fc
      .array(tie('node'), { maxLength: 2 })
      .map((inner) => ({ extension: inner.map((value) => ({ url: 'https://x.example/e', valueReference: value })) })),
  ),
}));
const itemArb = fc
  .record({
    fields: fc.dictionary(keyArb, node, { maxKeys: 4 }),
    contained: fc.array(fc.dictionary(keyArb, node, { maxKeys: 2 }), { maxLength: 2 }),
  })
  .map(({ fields, contained }): FhirJson => ({
    resourceType: 'CarePlan',
    id: 'wrp-item',
    meta: { versionId: '7', lastUpdated: '2026-11-20T10:00:00Z' },
    status: 'active',
    subject: { reference: `Patient/${PATIENT}` },
    ...fields,
    ...(contained.length > 0
      ? { contained: contained.map((inner, index) => ({ resourceType: 'Observation', id: `c${index}`, ...inner })) }
      : {}),
  }));

/** The targets an item's text names (by their markers). */
const named = (text: string) => TARGETS.map((target) => target.reference).filter((reference) => text.includes(markerOf(reference)));

test('no word of a withheld target is read; everything else is; a partial view is versioned by itself', async () => {
  await fc.assert(
    fc.asyncProperty(itemArb, fc.constantFrom(...Object.keys(READERS)), fc.boolean(), async (item, readerName, asStored) => {
      const reader = READERS[readerName]!;
      const input = asStored ? new StoredJson('CarePlan', 'wrp-item', JSON.stringify(item)) : item;
      const [output] = (await withoutWithheldReferences([input], reader, store)).items;
      const resource = output instanceof StoredJson ? output.resource : (output as FhirJson);
      const text = JSON.stringify(resource);
      const before = named(JSON.stringify(item));
      for (const reference of before) {
        const id = reference.split('/')[1] ?? '';
        if (withheldFrom(reader, reference)) {
          assert.ok(!text.includes(markerOf(reference)), `${reference}'s words are not read by ${readerName}: ${text}`);
          assert.ok(!text.includes(id), `nor its id`);
        } else assert.ok(text.includes(markerOf(reference)), `${reference} is still named for ${readerName}`);
      }
      const withheld = before.filter((reference) => withheldFrom(reader, reference));
      if (withheld.length === 0) {
        assert.equal(output, input, 'nothing withheld: the item as it was');
        return;
      }
      const meta = resource['meta'] as { versionId?: string; lastUpdated?: string; tag?: { code?: string }[] };
      assert.ok(
        meta.tag?.some((tag) => tag.code === 'SUBSETTED'),
        'tagged SUBSETTED',
      );
      assert.equal(meta.lastUpdated, undefined, 'no time of last change');
      assert.notEqual(meta.versionId, '7', 'versioned by the view');
      // What the withheld references said does not move the view, nor its version.
      let other = JSON.stringify({ ...item, meta: { versionId: '8', lastUpdated: '2026-11-27T10:00:00Z' } });
      for (const reference of withheld) other = other.replaceAll(markerOf(reference), 'Something else entirely');
      const [again] = (await withoutWithheldReferences([JSON.parse(other) as FhirJson], reader, store)).items;
      assert.equal(JSON.stringify(again), text);
    }),
    { numRuns: 300, seed: 20261218 },
  );
});
