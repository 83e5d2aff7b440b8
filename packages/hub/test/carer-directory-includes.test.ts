/**
 * A carer reads the directory as anyone does (R5): the organisation that ran an encounter, the professional who
 * prescribed a medicine. Yet an `_include` of such an entry came back empty for a carer — no entry, no notice — while
 * the same carer read it by its id: the permission's list of types was applied to the directory.
 *
 * The class: for every type the carer's permission lets them search, every `_include` it offers and every reference
 * parameter, on the record they act for: what is included is every entry those references name that the carer can
 * read by its id; and (a guard, it held before) a search by a reference the answer shows finds the item that shows it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pick, searchDefinitions } from '../src/store/search-parameters.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

/** The resident the family carer acts for (the synthetic borough's cared-for resident). */
const MOTHER = 'pat-000003';

let testHub: TestHub;
let carer = '';

before(async () => {
  testHub = await startTestHub();
  carer = await testHub.signIn('carer');
});
after(() => testHub.close());

const entries = (body: Json, mode: string) =>
  ((body['entry'] as Entry[] | undefined) ?? []).filter((entry) => entry.search?.mode === mode).map((entry) => entry.resource!);
const key = (resource: Json) => `${String(resource['resourceType'])}/${String(resource['id'])}`;

/** The types the carer may search on the record they act for. */
async function searchable(): Promise<string[]> {
  const types: string[] = [];
  for (const type of Object.keys(searchDefinitions))
    if ((await testHub.call(carer, `/${type}?patient=${MOTHER}&_count=50`)).status === 200) types.push(type);
  return types;
}

describe('a carer is given the directory entries their answers name', () => {
  test('an encounter with its service provider included', async () => {
    const answer = await testHub.call(carer, `/Encounter?patient=${MOTHER}&_include=Encounter:service-provider&_count=50`);
    assert.equal(answer.status, 200);
    const named = new Set(entries(answer.body, 'match').flatMap((encounter) => pick(encounter, 'serviceProvider.reference')));
    assert.ok(named.size > 0, 'the encounters name who ran them');
    assert.deepEqual(new Set(entries(answer.body, 'include').map(key)), named);
  });

  test('every searchable type × its includes and directory reference parameters', async () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const type of await searchable()) {
      const definition = searchDefinitions[type]!;
      for (const [include, path] of Object.entries(definition.includes ?? {})) {
        const answer = await testHub.call(carer, `/${type}?patient=${MOTHER}&_include=${include}&_count=50`);
        if (answer.status !== 200) {
          wrong.push(`${include}: ${answer.status}`);
          continue;
        }
        const named = [...new Set(entries(answer.body, 'match').flatMap((match) => pick(match, path)))].filter(
          (reference): reference is string => typeof reference === 'string',
        );
        const readable = new Set<string>();
        for (const reference of named) if ((await testHub.call(carer, `/${reference}`)).status === 200) readable.add(reference);
        const included = new Set(entries(answer.body, 'include').map(key));
        compared++;
        for (const reference of readable) if (!included.has(reference)) wrong.push(`${include}: ${reference} readable but not included`);
        for (const reference of included) if (!readable.has(reference)) wrong.push(`${include}: ${reference} included but not readable`);
      }
      const all = entries((await testHub.call(carer, `/${type}?patient=${MOTHER}&_count=50`)).body, 'match');
      for (const [name, parameter] of Object.entries(definition.parameters)) {
        if (parameter.kind !== 'reference' || !['Organization', 'Practitioner', 'PractitionerRole'].includes(parameter.target)) continue;
        const item = all.find((match) => parameter.values(match).length > 0);
        if (!item) continue;
        const value = parameter.values(item)[0]!;
        const reference = value.code;
        if ((await testHub.call(carer, `/${reference}`)).status !== 200) continue;
        const found = await testHub.call(carer, `/${type}?patient=${MOTHER}&${name}=${encodeURIComponent(reference)}&_count=50`);
        compared++;
        if (!entries(found.body, 'match').some((match) => key(match) === key(item)))
          wrong.push(`${type}?${name}=${reference}: ${found.status}, the item showing it not found`);
      }
    }
    assert.ok(compared >= 5, `compared ${compared}`);
    assert.deepEqual(wrong, [], `${wrong.length} of ${compared}`);
  });
});
