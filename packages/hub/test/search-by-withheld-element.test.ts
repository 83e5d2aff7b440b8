/**
 * A search must not match on what the answer then leaves out. A carer's
 * account (the `carer-account` identifier on their RelatedPerson) is taken
 * out of every answer but the carer's own (R16), yet `RelatedPerson?patient=…
 * &identifier=<carer-account>|<guess>` still matched on it: a GP, a
 * receptionist, the resident and another carer could try accounts one by one
 * and read from `total` (1 or 0) whose account it was, and
 * `identifier=<carer-account>|` told which contacts had accepted an
 * invitation — what R10 keeps from professionals.
 *
 * The class: every caller who may search the resident's contacts × every form
 * an identifier search takes (system and value, value alone, system alone) ×
 * the ways of asking (a page, sorted and since a date, a page of one, a batch entry).
 * Asking for an account that is there answers exactly as asking for one that
 * is nowhere (the account as if absent); an ordinary identifier of the same
 * contact is still found, and the carer still finds their own entry by their
 * own account.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { askAs, signInCallers, type Answer } from './support/callers.js';
import { exampleOf } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident of the synthetic borough: her family carer signs in as the `carer` persona. */
const RESIDENT = 'pat-000003';
const OTHER_CARER = 'sbw-other-carer';
const OTHER_ACCOUNT = 'sbw-account-of-another-carer';
const NOBODYS_ACCOUNT = 'sbw-account-of-nobody';
const CONTACTS_SYSTEM = 'https://example.org/contact-numbers';
const CONTACT_NUMBER = 'sbw-contact-42';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';

let testHub: TestHub;
let familyCarerAccount = '';
let familyCarerEntry = '';
const tokens: Record<string, string> = {};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const carer = hub.borough.personas.familyCarer;
      assert.ok(carer, 'the borough has a family carer');
      familyCarerAccount = carer.account;
      familyCarerEntry = carer.relatedPersonId;
      // Every professional persona cares for the resident: nothing but this rule keeps the accounts from them.
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany([...new Set(organizations)].map((organizationId) => ({ patientId: RESIDENT, organizationId })));
      // A second carer on her record: an account of their own and an ordinary contact number.
      await hub.store.put({
        ...exampleOf('RelatedPerson'),
        id: OTHER_CARER,
        active: true,
        patient: { reference: `Patient/${RESIDENT}` },
        identifier: [
          { system: CONTACTS_SYSTEM, value: CONTACT_NUMBER },
          { system: CARER_ACCOUNT_SYSTEM, value: OTHER_ACCOUNT },
        ],
        meta: { source: 'https://care-record.example/source/resident' },
      });
    },
  });
  Object.assign(tokens, await signInCallers(testHub, RESIDENT));
  delete tokens['resident'];
  tokens['cared-for resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

const search = (identifier: string, more = '') => `/RelatedPerson?patient=${RESIDENT}&identifier=${encodeURIComponent(identifier)}${more}`;

/** What a caller can tell two answers apart by. */
function seen(answer: Answer): Json {
  const entries = (answer.body['entry'] as { resource?: Json; search?: { mode?: string }; response?: unknown }[] | undefined) ?? [];
  const links = (answer.body['link'] as { relation?: string }[] | undefined) ?? [];
  return {
    status: answer.status,
    total: answer.body['total'],
    matches: entries.filter((entry) => entry.search?.mode === 'match').map((entry) => entry.resource?.['id']),
    outcomes: entries
      .filter((entry) => entry.search?.mode === 'outcome')
      .map((entry) => JSON.stringify((entry.resource?.['issue'] as unknown[] | undefined) ?? [])),
    next: links.some((link) => link.relation === 'next'),
    security: JSON.stringify((answer.body['meta'] as Json | undefined)?.['security'] ?? null),
  };
}

const WAYS: { name: string; more: string; batch: boolean }[] = [
  { name: 'a page', more: '', batch: false },
  { name: 'sorted, since a date', more: '&_sort=-_lastUpdated&_lastUpdated=ge2000-01-01', batch: false },
  { name: 'a page of one', more: '&_count=1', batch: false },
  { name: 'a batch entry', more: '', batch: true },
];

describe('the reported case', () => {
  test('a GP guessing a carer’s account is answered as for an account of nobody', async () => {
    const [guessed, nobody] = [
      await testHub.call(tokens['gp'], search(`${CARER_ACCOUNT_SYSTEM}|${familyCarerAccount}`)),
      await testHub.call(tokens['gp'], search(`${CARER_ACCOUNT_SYSTEM}|${NOBODYS_ACCOUNT}`)),
    ];
    assert.equal(nobody.status, 200);
    assert.equal(nobody.body['total'], 0);
    assert.deepEqual(seen(guessed), seen(nobody));
  });
});

describe('the class: callers × identifier forms × ways of asking', () => {
  test('an account that is there answers as one that is nowhere; other identifiers are still found', async () => {
    const accounts = [familyCarerAccount, OTHER_ACCOUNT];
    let compared = 0;
    for (const [caller, token] of Object.entries(tokens)) {
      // The family carer's own account is theirs: only other carers' accounts are withheld from them.
      const withheld = caller === 'carer' ? [OTHER_ACCOUNT] : accounts;
      for (const way of WAYS) {
        const ask = (identifier: string) => askAs(testHub, token, search(identifier, way.more), way.batch, {});
        const absent = seen(await ask(`${CARER_ACCOUNT_SYSTEM}|${NOBODYS_ACCOUNT}`));
        assert.equal(absent['status'], 200, `${caller}, ${way.name}: the search is open to them`);
        const forms = [
          ...withheld.flatMap((account) => [
            { form: `${CARER_ACCOUNT_SYSTEM}|${account}`, as: `${CARER_ACCOUNT_SYSTEM}|${NOBODYS_ACCOUNT}` },
            { form: account, as: NOBODYS_ACCOUNT },
          ]),
          // The system alone: as a system no identifier has (for the carer, as their own account: theirs is there).
          {
            form: `${CARER_ACCOUNT_SYSTEM}|`,
            as: caller === 'carer' ? `${CARER_ACCOUNT_SYSTEM}|${familyCarerAccount}` : 'https://example.org/no-such-system|',
          },
        ];
        for (const { form, as } of forms) {
          assert.deepEqual(seen(await ask(form)), seen(await ask(as)), `${caller}, ${way.name}, identifier=${form}`);
          compared += 1;
        }
        // Not a search that never matches: the same contact's ordinary number finds it.
        for (const form of [`${CONTACTS_SYSTEM}|${CONTACT_NUMBER}`, CONTACT_NUMBER]) {
          const found = seen(await ask(form));
          assert.equal(found['total'] ?? (found['matches'] as unknown[]).length, 1, `${caller}, ${way.name}, identifier=${form}`);
        }
      }
    }
    assert.equal(compared, 4 * (5 * 6 + 3));
  });

  test('the carer still finds their own entry by their own account', async () => {
    const own = await testHub.call(tokens['carer'], search(`${CARER_ACCOUNT_SYSTEM}|${familyCarerAccount}`));
    assert.deepEqual(seen(own)['matches'], [familyCarerEntry]);
  });
});
