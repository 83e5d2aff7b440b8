/**
 * Break-glass finds only the person a search names (docs/access-policy.md R8).
 * A GP giving a reason searched `Patient?identifier=<NHS number system>|` — the
 * system with no number — and was given every resident of the borough: names,
 * dates of birth and addresses, a page at a time, each "emergency" audited
 * but none an emergency. A family name's first letters with a date of birth
 * found whoever's name began so. Now, with a reason, an identifier must carry
 * its value (`400` otherwise), and a resident is found only when the search
 * names them exactly: an identifier of theirs with that value (and that
 * system, when one is given), and a family name of theirs, whole (letter case
 * aside), with their date of birth.
 *
 * The class, as a property: any Patient search a reason may make — built from
 * residents' own identifiers, names and dates of birth, whole or cut short,
 * cased differently, without their system or value — directly or in a batch,
 * finds nobody the search does not name exactly, and finds the one it names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { matchedIds } from './support/response-check.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Person = { id: string; nhsNumber: string; family: string; birthDate: string };

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const glass = { headers: { 'x-break-glass-reason': 'Collapsed in the waiting room' } };

let testHub: TestHub;
let gpToken = '';
let people: Person[] = [];

const found = matchedIds;

before(async () => {
  testHub = await startTestHub();
  gpToken = await testHub.signIn('gp', { scope: 'openid fhirUser user/*.rs' });
  const rows = (await testHub.hub.store.query("SELECT id FROM resource WHERE type = 'Patient' ORDER BY id")) as { id: string }[];
  for (const { id } of rows) {
    const patient = (await testHub.hub.store.read('Patient', id))!.resource as {
      identifier?: { system?: string; value?: string }[];
      name?: { family?: string }[];
      birthDate?: string;
    };
    people.push({
      id,
      nhsNumber: patient.identifier?.find((identifier) => identifier.system === NHS)?.value ?? '',
      family: patient.name?.find((name) => name.family)?.family ?? '',
      birthDate: patient.birthDate ?? '',
    });
  }
  people = people.filter((person) => person.nhsNumber && person.family && person.birthDate);
});
after(() => testHub.close());

/**
 * Whom a query names exactly: its identifier's value (and system: `|value` is one with no system, which no NHS number
 * is), its family name whole (any case) with the birth date.
 */
function named(query: URLSearchParams): Set<string> {
  let names = people;
  const identifier = query.get('identifier');
  if (identifier !== null) {
    const [system, value] = identifier.includes('|')
      ? [identifier.slice(0, identifier.indexOf('|')), identifier.slice(identifier.indexOf('|') + 1)]
      : [undefined, identifier];
    names = names.filter((person) => value !== '' && person.nhsNumber === value && (system === undefined || system === NHS));
  }
  const family = query.get('family');
  if (family !== null) names = names.filter((person) => person.family.toLowerCase() === family.toLowerCase());
  const birthdate = query.get('birthdate');
  if (birthdate !== null) names = names.filter((person) => person.birthDate === birthdate.replace(/^eq/, ''));
  return new Set(names.map((person) => person.id));
}

async function search(query: URLSearchParams, batch: boolean): Promise<{ status: number; found: string[] }> {
  if (!batch) {
    const answer = await testHub.call(gpToken, `/Patient?${query.toString()}`, glass);
    return { status: answer.status, found: found(answer.body) };
  }
  const answer = await testHub.call(gpToken, '', {
    ...glass,
    method: 'POST',
    body: { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'GET', url: `Patient?${query.toString()}` } }] },
  });
  const entry = (answer.body['entry'] as { response: { status: string }; resource?: Json }[] | undefined)?.[0];
  return {
    status: Number.parseInt(entry?.response.status ?? String(answer.status), 10),
    found: entry?.resource ? found(entry.resource) : [],
  };
}

describe('the reported case', () => {
  test('an NHS number search without the number finds nobody: 400', async () => {
    const answer = await testHub.call(gpToken, `/Patient?identifier=${encodeURIComponent(`${NHS}|`)}&_count=500`, glass);
    assert.equal(answer.status, 400);
    assert.deepEqual(found(answer.body), []);
  });

  test('the first letters of a family name with a date of birth find nobody; the whole name finds the person', async () => {
    const person = people[0]!;
    const cut = await testHub.call(gpToken, `/Patient?family=${person.family.slice(0, 2)}&birthdate=${person.birthDate}`, glass);
    assert.equal(cut.status, 200);
    assert.deepEqual(found(cut.body), person.family.length === 2 ? [person.id] : []);
    const whole = await testHub.call(gpToken, `/Patient?family=${person.family.toUpperCase()}&birthdate=${person.birthDate}`, glass);
    assert.ok(found(whole.body).includes(person.id));
  });
});

describe('the class', () => {
  test('any search a reason makes finds only whom it names exactly, and the one it names', async () => {
    const person = () => fc.constantFrom(...people);
    const cut = (text: string) =>
      fc.oneof(
        fc.constant(text),
        fc.integer({ min: 0, max: text.length }).map((end) => text.slice(0, end)),
      );
    const cased = (text: string) => fc.constantFrom(text, text.toUpperCase(), text.toLowerCase(), ` ${text}`);
    const identifier = person().chain((who) =>
      fc.tuple(fc.constantFrom(`${NHS}|`, '|', '', 'https://other.example/id|'), cut(who.nhsNumber)).map(([system, value]) => {
        const query = new URLSearchParams();
        query.set('identifier', `${system}${value}`);
        return query;
      }),
    );
    const family = person().chain((who) =>
      fc.tuple(cut(who.family).chain(cased), fc.constantFrom(who.birthDate, `eq${who.birthDate}`)).map(([name, birthDate]) => {
        const query = new URLSearchParams();
        query.set('family', name);
        query.set('birthdate', birthDate);
        return query;
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(identifier, family), fc.boolean(), async (query, batch) => {
        const answer = await search(query, batch);
        const names = named(query);
        if (answer.status === 400) {
          // Refused only when the search names nobody: an identifier without its value.
          assert.equal(names.size, 0, `${query.toString()} was refused`);
          assert.deepEqual(answer.found, []);
          return;
        }
        assert.equal(answer.status, 200, query.toString());
        for (const id of answer.found) assert.ok(names.has(id), `${query.toString()} found ${id}, whom it does not name`);
        // In a batch, break-glass opens one person: the search finds one of those it names.
        if (names.size > 0) assert.ok(answer.found.length > 0, `${query.toString()} found nobody`);
      }),
      { numRuns: 150, seed: 20261217 },
    );
  });
});
