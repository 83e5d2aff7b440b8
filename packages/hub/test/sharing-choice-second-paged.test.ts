/**
 * A second sharing choice is refused (409 SHARING_CHOICE_EXISTS) however many other Consents she has: the check read
 * one page of 100 of her active Consents, so once more than 100 others were newer than her choice, a second choice got
 * through — and the hub would then apply two. The class: 0, 99, 100, 101, 150 and 250 (past a page of the store)
 * other active Consents (treatment consents, newer than her choice) × a second choice created by her → refused each
 * time, her one choice kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isSharingChoice } from '../src/policy/sharing.js';
import { sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs patient/Consent.cu';

let testHub: TestHub;
let token = '';
let patient = '';

before(async () => {
  testHub = await startTestHub();
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  patient = testHub.hub.borough.personas.resident.patientId;
});
after(() => testHub.close());

const other = (n: number) => ({
  resourceType: 'Consent',
  id: `paged-other-${n}`,
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment' }] },
  category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
  patient: { reference: `Patient/${patient}` },
  dateTime: '2025-03-01T10:00:00Z',
});

/** Her one sharing choice in force, then `others` other active Consents stored after it. */
async function setCase(others: number): Promise<void> {
  const mine = await testHub.hub.store.search({
    type: 'Consent',
    patientId: patient,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 1000,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of mine.resources) if (consent['status'] === 'active') await transaction.put({ ...consent, status: 'inactive' });
  });
  await testHub.hub.store.transaction(
    async (transaction) => void (await transaction.put(sharingChoiceExcluding(patient, [], 'paged-her-choice'))),
  );
  await testHub.hub.store.transaction(async (transaction) => {
    for (let n = 0; n < others; n += 1) await transaction.put(other(n));
  });
}

/** Her active sharing choices, as stored. */
async function choicesInForce(): Promise<number> {
  let count = 0;
  for (const each of (
    await testHub.hub.store.search({
      type: 'Consent',
      patientId: patient,
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: 1000,
      visibility: { hiddenLabels: [] },
    })
  ).resources)
    if (each['status'] === 'active' && isSharingChoice(each)) count += 1;
  return count;
}

async function createSecond(): Promise<string> {
  const answer = await testHub.call(token, '/Consent', { method: 'POST', body: sharingChoiceExcluding(patient, []) });
  const code = JSON.stringify(answer.body).includes('SHARING_CHOICE_EXISTS') ? ' SHARING_CHOICE_EXISTS' : '';
  return `${answer.status}${code}; ${await choicesInForce()} in force`;
}

describe('a second sharing choice is refused however many other Consents she has', () => {
  test('reported: with 101 other Consents newer than her choice, a second is refused', async () => {
    await setCase(101);
    assert.equal(await createSecond(), '409 SHARING_CHOICE_EXISTS; 1 in force');
  });

  test('0, 99, 100, 101, 150, 250 other Consents × a second choice: refused each time', async () => {
    const wrong: string[] = [];
    const counts = [0, 99, 100, 101, 150, 250];
    for (const others of counts) {
      await setCase(others);
      const told = await createSecond();
      if (told !== '409 SHARING_CHOICE_EXISTS; 1 in force') wrong.push(`${others} others: ${told}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${counts.length} cases`);
  });
});
