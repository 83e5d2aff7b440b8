/**
 * An item `_include` brings is one a read of it by its id would give the same reader (R5, R13). Reviewer R15 found
 * that `_include` let in any item naming no resident: an Observation whose subject is a Group or a Location, or that
 * has none (a laboratory's panel member, mis-filed), is `404` to a read by id — nobody's record holds it — yet a
 * report naming it as a result brought it to the GP, to another organisation's nurse and to the resident. Only the
 * directory (and a Medication) is about no resident; now the search and the gate ask one function where an item is
 * read (`placeOfItem`). The class: every `_include` of the contract × each type of a resident's record × an item
 * naming no resident / another resident's / withheld / ordinary × reader, each compared with a read of it by id by the
 * same reader. `_revinclude` is refused by the hub (`gate-outside.test.ts`), so it has nothing to compare.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas, type Hub } from '../src/index.js';
import { searchDefinitions } from '../src/store/search-parameters.js';
import { exampleOf, OTHER_SOURCE, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type BundleJson = { entry?: { resource: Json; search?: { mode?: string } }[] };

const READERS = ['gp', 'hospital-nurse', 'resident'] as const;
const SCOPES: Record<(typeof READERS)[number], string> = {
  gp: 'openid fhirUser user/*.rs',
  'hospital-nurse': 'openid fhirUser user/*.rs',
  resident: 'openid fhirUser launch/patient patient/*.rs',
};
/** Where an included item is: on nobody's record, on another resident's, withheld from every reader, or ordinary. */
const PLACES = ['naming no resident', 'another resident’s', 'withheld', 'ordinary'] as const;

let testHub: TestHub;
let resident = '';
const tokens: Record<string, string> = {};

/** The reported case: an Observation whose subject is each of these, named as a report's result. */
const SUBJECTS: Record<string, Json | undefined> = {
  'no subject': undefined,
  'a Group': { reference: 'Group/ward-7-screening' },
  'a Location': { reference: 'Location/lab-bench-2', display: 'Bench 2' },
};

/** Every `_include` of the contract on a resident's record, with the path the hub follows for it. */
function contractIncludes(hub: Hub): { type: string; include: string; path: string }[] {
  const document = hub.schemas.document as unknown as Json;
  const found: { type: string; include: string; path: string }[] = [];
  for (const operation of contractOperations(hub.schemas.document)) {
    const type = operation.template.slice(1);
    if (operation.method !== 'GET' || !(RECORD_TYPES as readonly string[]).includes(type)) continue;
    const include = operation.parameters.find((parameter) => parameter.in === 'query' && parameter.name === '_include');
    if (!include) continue;
    let schema: unknown = document;
    for (const segment of include.valuePointer.replace(/^#\//, '').split('/'))
      schema = (schema as Json | undefined)?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
    for (const value of (schema as { enum?: string[] }).enum ?? []) {
      const path = searchDefinitions[type]?.includes?.[value];
      assert.ok(path, `the hub follows ${value}`);
      found.push({ type, include: value, path });
    }
  }
  return found;
}

/** A resource with more references at an `_include` path (`result.reference`, `participant.actor.reference`). */
function referAt(resource: Json, path: string, references: string[]): Json {
  const [head = '', ...rest] = path.split('.');
  const leaves = references.map((reference) => rest.reduceRight<unknown>((inner, key) => ({ [key]: inner }), reference));
  const existing = resource[head];
  return { ...resource, [head]: [...(Array.isArray(existing) ? existing : []), ...leaves] };
}

const itemId = (target: string, place: number) => `ia-${target.toLowerCase()}-${place}`;
const includes: { type: string; include: string; path: string }[] = [];

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const personas = signInPersonas(hub.borough);
      resident = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
      const organization = (id: string) => personas.find((persona) => persona.id === id)?.organizationId ?? '';
      const someoneElse = 'ia-someone-else';
      includes.push(...contractIncludes(hub));
      const patient = (await hub.store.read('Patient', resident))?.resource ?? {};
      await hub.store.transaction(async (store) => {
        // Another resident, cared for by the same organisations: her items are read by id under her record.
        await store.put({ ...patient, id: someoneElse, identifier: [] });
        for (const [index, subject] of Object.values(SUBJECTS).entries()) {
          const { subject: _subject, ...observation } = exampleOf('Observation');
          await store.put({
            ...observation,
            id: `ia-orphan-${index}`,
            meta: { source: OTHER_SOURCE },
            ...(subject === undefined ? {} : { subject }),
            code: { text: 'HbA1c (another person’s sample, mis-filed)' },
          });
          await store.put({
            ...exampleOf('DiagnosticReport'),
            id: `ia-report-${index}`,
            meta: { source: OTHER_SOURCE },
            subject: { reference: `Patient/${resident}` },
            result: [{ reference: `Observation/ia-orphan-${index}` }],
          });
        }
        // Each type of the record, in each place: the same items for every `_include`.
        const targets: string[] = [];
        for (const target of RECORD_TYPES)
          for (const [place, name] of PLACES.entries()) {
            const id = itemId(target, place);
            const item =
              name === 'another resident’s'
                ? recordItem(target, id, someoneElse)
                : recordItem(target, id, resident, name === 'withheld' ? ['SEX', 'NOPAT'] : []);
            await store.put(
              name === 'naming no resident'
                ? (JSON.parse(JSON.stringify(item).replaceAll(`"Patient/${resident}"`, '"Group/ward-7-screening"')) as Json)
                : item,
            );
            targets.push(`${target}/${id}`);
          }
        // For each `_include`, a match on the resident's record naming every one of them at its path.
        for (const [index, { type, path }] of includes.entries())
          await store.put(referAt(recordItem(type, `ia-match-${index}`, resident), path, targets));
        for (const id of ['gp', 'hospital-nurse'])
          for (const patientId of [resident, someoneElse]) await store.relate(patientId, organization(id));
      });
    },
  });
  for (const reader of READERS) tokens[reader] = await testHub.signIn(reader, { scope: SCOPES[reader] });
});
after(() => testHub.close());

const included = (body: Json, type: string, id: string) =>
  ((body as BundleJson).entry ?? []).some(
    (entry) => entry.search?.mode === 'include' && entry.resource['resourceType'] === type && entry.resource['id'] === id,
  );

describe('the reported case', () => {
  test('a report’s result that names no resident is not brought with the report', async (context) => {
    const wrong: string[] = [];
    let cases = 0;
    for (const [index, form] of Object.keys(SUBJECTS).entries())
      for (const reader of READERS) {
        cases++;
        const read = await testHub.call(tokens[reader], `/Observation/ia-orphan-${index}`);
        const search = await testHub.call(
          tokens[reader],
          `/DiagnosticReport?patient=${resident}&_include=DiagnosticReport:result&_count=100`,
        );
        assert.equal(search.status, 200, `${reader}, ${form}: ${JSON.stringify(search.body).slice(0, 200)}`);
        assert.equal(read.status, 404, `${reader}, ${form}: no record holds it, so a read of it is not found`);
        if (included(search.body, 'Observation', `ia-orphan-${index}`)) wrong.push(`${reader}, ${form}: included`);
      }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong`);
    assert.deepEqual(wrong, []);
  });
});

describe('the class: every _include × type × place × reader', () => {
  test('an included item is one a read of it by id gives the same reader', async (context) => {
    assert.ok(includes.length >= 10, `only ${includes.length} includes`);
    const wrong: string[] = [];
    const readsSeen = new Set<string>();
    let cases = 0;
    for (const reader of READERS) {
      // A read of each item by id, once per reader.
      const reads = new Map<string, number>();
      for (const target of RECORD_TYPES)
        for (const place of PLACES.keys()) {
          const status = (await testHub.call(tokens[reader], `/${target}/${itemId(target, place)}`)).status;
          reads.set(`${target}/${itemId(target, place)}`, status);
          readsSeen.add(`${PLACES[place]} ${status}`);
        }
      for (const { type, include } of includes) {
        const search = await testHub.call(
          tokens[reader],
          `/${type}?patient=${resident}&_include=${encodeURIComponent(include)}&_count=500`,
        );
        if (search.status !== 200) {
          wrong.push(`${reader}, ${include}: search answered ${search.status} ${JSON.stringify(search.body).slice(0, 200)}`);
          continue;
        }
        for (const target of RECORD_TYPES)
          for (const [place, name] of PLACES.entries()) {
            // An item `_include` may bring: a type the path may name and the reader may read.
            if (target === type) continue;
            cases++;
            const read = reads.get(`${target}/${itemId(target, place)}`);
            const brought = included(search.body, target, itemId(target, place));
            // Another resident's item is never brought under this resident's search, whoever may read it by id.
            const expected = name === 'another resident’s' ? false : read === 200;
            if (brought !== expected) wrong.push(`${reader}, ${include} → ${target} ${name}: read ${read}, included ${brought}`);
          }
      }
    }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong; reads seen: ${[...readsSeen].sort().join('; ')}`);
    // The places answer as they should to a read, so the comparison means something.
    for (const expected of ['naming no resident 404', 'withheld 404', 'ordinary 200']) assert.ok(readsSeen.has(expected), expected);
    assert.deepEqual(wrong, []);
  });
});
