/**
 * Saving a first sharing choice is refused (`409`) only because of a sharing
 * choice the resident has (R9) — one they can see. The check counted every
 * active sharing choice on the record, so one withheld from the resident (a
 * service's entry labelled `NOPAT`, on itself or a resource it contains)
 * answered "Your sharing choices were already saved. Reload the page to change
 * them": it told the resident that an entry exists which they may not see
 * (R13), and sent them to reload a page that could never show it.
 *
 * The class: each way a sharing choice is withheld from the resident (the
 * labels hidden from residents, on the choice or a resource it contains, from
 * the resident's own source or a service's) — the save answers exactly as with
 * no such choice; a choice they can see still stands in the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas, type Hub } from '../src/index.js';
import { RESIDENT_HIDDEN_LABELS } from '../src/policy/visibility.js';
import { isSharingChoice } from '../src/policy/sharing.js';
import { ACT_CODE, OTHER_SOURCE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu';
const RESIDENT_SOURCE = 'https://care-record.example/source/resident';

let testHub: TestHub;
let self = '';
let token = '';

/** Stops every active sharing choice on the resident's record, whoever can see it: a record with none. */
async function stopAllChoices(hub: Hub): Promise<void> {
  const found = await hub.store.search({
    type: 'Consent',
    patientId: self,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 1000,
    visibility: { hiddenLabels: [] },
  });
  for (const consent of found.resources)
    if (isSharingChoice(consent) && consent['status'] === 'active') await hub.store.put({ ...consent, status: 'inactive' });
}

/** Each way a sharing choice on the resident's record is withheld from them. */
function withheldChoices(): { name: string; choice: Json }[] {
  return RESIDENT_HIDDEN_LABELS.flatMap((code) => {
    const security = [{ system: ACT_CODE, code }];
    return [RESIDENT_SOURCE, OTHER_SOURCE].flatMap((source) => [
      { name: `${code} on the choice, from ${source}`, choice: { ...sharingChoiceExcluding(self, []), meta: { source, security } } },
      {
        name: `${code} on a resource it contains, from ${source}`,
        choice: {
          ...sharingChoiceExcluding(self, []),
          meta: { source },
          contained: [{ resourceType: 'Basic', id: 'note', meta: { security }, code: { text: 'A note' } }],
        },
      },
    ]);
  });
}

/** What the resident can tell two answers apart by. */
function seen(answer: { status: number; body: Json }): Json {
  const issue = (answer.body['issue'] as { details?: { coding?: { code?: string }[]; text?: string } }[] | undefined)?.[0];
  return { status: answer.status, code: issue?.details?.coding?.[0]?.code, text: issue?.details?.text };
}

const save = () => testHub.call(token, '/Consent', { method: 'POST', body: sharingChoiceExcluding(self, []) });

before(async () => {
  testHub = await startTestHub();
  self = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

describe('a sharing choice the resident may not see', () => {
  test('the reported case: a NOPAT choice does not stop the first save', async () => {
    await stopAllChoices(testHub.hub);
    const absent = await save();
    assert.equal(absent.status, 201);
    await stopAllChoices(testHub.hub);
    await testHub.hub.store.put({
      ...sharingChoiceExcluding(self, [], 'scw-hidden'),
      meta: { source: OTHER_SOURCE, security: [{ system: ACT_CODE, code: 'NOPAT' }] },
    });
    assert.deepEqual(seen(await save()), seen(absent));
  });

  test('the class: each way it is withheld answers as no choice at all; one they see still stands in the way', async () => {
    const cases = withheldChoices();
    assert.ok(cases.length >= 4);
    for (const [index, { name, choice }] of cases.entries()) {
      await stopAllChoices(testHub.hub);
      const absent = seen(await save());
      assert.equal(absent['status'], 201, name);
      await stopAllChoices(testHub.hub);
      await testHub.hub.store.put({ ...choice, id: `scw-hidden-${index}` });
      const listed = await testHub.call(token, `/Consent?patient=${self}&status=active`);
      assert.equal(listed.body['total'], 0, `${name}: withheld from the resident`);
      assert.deepEqual(seen(await save()), absent, name);
      // One they can see: the save is refused as before.
      await testHub.hub.store.put({ ...choice, id: `scw-hidden-${index}`, meta: { source: RESIDENT_SOURCE } });
      assert.equal((await save()).status, 409, `${name}, once they can see it`);
    }
  });
});
