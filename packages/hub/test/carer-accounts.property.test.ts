/**
 * `withoutCarerAccounts` as a property: wherever carer accounts sit in an
 * answer — an identifier list, a reference's identifier, a contained
 * resource, a resource kept as stored text, a Bundle's entries at any depth —
 * none is left but the reader's own, everything else is kept as it was, and an
 * answer that holds no account is returned as the very same value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { withoutCarerAccounts } from '../src/policy/carer-accounts.js';
import { StoredJson } from '../src/store/store.js';

type Json = Record<string, unknown>;

const OWN = 'acct-own-7f3a';
const account = fc.stringMatching(/^acct-[a-z0-9]{6}$/);
const text = fc.string({ maxLength: 12 }).filter((value) => !value.includes('acct-'));
/** JSON values that hold no account. */
const plain = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(
    text.filter((key) => key !== '__proto__'),
    tie('value'),
    { maxKeys: 4 },
  ),
})).value;

/** An answer with accounts placed at random: as identifiers in lists, as a reference's identifier, as stored text. */
const answerWithAccounts = fc
  .tuple(plain, fc.array(fc.tuple(account, fc.nat(), fc.constantFrom('list', 'reference', 'stored', 'own')), { maxLength: 6 }))
  .map(([base, placements]) => {
    const entries: unknown[] = [base];
    const placed: string[] = [];
    for (const [value, at, how] of placements) {
      const identifier = { system: CARER_ACCOUNT_SYSTEM, value: how === 'own' ? OWN : value };
      if (how !== 'own') placed.push(value);
      const person = { resourceType: 'RelatedPerson', id: `rp-${at}`, identifier: [{ system: 'urn:other', value: `x${at}` }, identifier] };
      if (how === 'list' || how === 'own') entries.splice(at % (entries.length + 1), 0, { resource: person });
      if (how === 'reference') entries.push({ resource: { resourceType: 'Condition', recorder: { identifier, display: 'd' } } });
      if (how === 'stored') {
        const contained = { resourceType: 'Observation', id: `o-${at}`, contained: [person] };
        entries.push({ resource: new StoredJson('Observation', `o-${at}`, JSON.stringify(contained)) });
      }
    }
    return { answer: { resourceType: 'Bundle', entry: entries } as Json, placed };
  });

const serialised = (value: unknown) => JSON.stringify(value);

test('no account but the reader’s own is left, wherever it was', () => {
  fc.assert(
    fc.property(answerWithAccounts, fc.boolean(), ({ answer, placed }, readerIsTheCarer) => {
      const own = readerIsTheCarer ? OWN : undefined;
      const before = serialised(answer);
      const after = serialised(withoutCarerAccounts(answer, own));
      for (const value of placed) assert.ok(!after.includes(value), `${value} left in ${after}`);
      assert.equal(after.includes(OWN), readerIsTheCarer && before.includes(OWN));
      assert.equal(serialised(answer), before, 'the answer given is not changed in place');
    }),
    { numRuns: 300, seed: 20261231 },
  );
});

test('an answer that holds no other account is the same value, untouched', () => {
  fc.assert(
    fc.property(plain, (value) => {
      assert.equal(withoutCarerAccounts(value, undefined), value);
      const stored = new StoredJson('Observation', 'o', JSON.stringify({ resourceType: 'Observation', note: value }));
      assert.equal(withoutCarerAccounts(stored, undefined), stored);
    }),
    { numRuns: 300, seed: 20261232 },
  );
});

test('what is left is the answer less the accounts: other identifiers and elements are kept', () => {
  const person = {
    resourceType: 'RelatedPerson',
    id: 'rp',
    identifier: [
      { system: 'urn:other', value: 'keep' },
      { system: CARER_ACCOUNT_SYSTEM, value: 'acct-gone01' },
    ],
    name: [{ text: 'A Carer' }],
  };
  assert.deepEqual(withoutCarerAccounts(person, undefined), { ...person, identifier: [{ system: 'urn:other', value: 'keep' }] });
  // An identifier list of accounts only goes, since FHIR has no empty lists.
  assert.deepEqual(withoutCarerAccounts({ ...person, identifier: [person.identifier[1]] }, undefined), {
    resourceType: 'RelatedPerson',
    id: 'rp',
    name: [{ text: 'A Carer' }],
  });
});
