/**
 * `$summary` reads at most `SUMMARY_LIMIT` items of each type, newest first, before its sections' rules filter them.
 * Past that, items were dropped with no notice: a GP read a record's allergies as complete when older ones were left
 * unread. The summary now says which sections it holds only the newest of (`SUMMARY_INCOMPLETE`), and the SDK tells
 * the reader that older items are not shown. The class: section types × counts below, at, and past the limit, with
 * the limit lowered for the test (`summaryLimit`). Real hub on loopback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readNotices } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { SUMMARY_LIMIT } from '../src/fhir/handlers.js';
import { exampleOf, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const LIMIT = 4;
const TYPES = ['AllergyIntolerance', 'Condition', 'Immunization'] as const;

let testHub: TestHub;
let gpToken = '';
before(async () => {
  testHub = await startTestHub({ summaryLimit: LIMIT });
  gpToken = await testHub.signIn('gp');
});
after(() => testHub.close());

/** A resident of their own, on the GP's list, with `count` items of `type` (each dated a day apart). */
async function residentWith(type: string, count: number, name: string): Promise<string> {
  const patientId = `pat-limit-${name}`;
  await testHub.hub.store.put({ ...exampleOf('Patient'), id: patientId, identifier: [] });
  const gp = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'gp');
  assert.ok(gp?.organizationId);
  await testHub.hub.store.relate(patientId, gp.organizationId);
  for (let index = 0; index < count; index += 1) {
    const item = recordItem(type, `${patientId}-${index}`, patientId);
    const day = `2026-0${1 + Math.floor(index / 28)}-${String(1 + (index % 28)).padStart(2, '0')}`;
    await testHub.hub.store.put({ ...item, recordedDate: day, occurrenceDateTime: day, onsetDateTime: day });
  }
  return patientId;
}

const incompleteTypes = (summary: Json): string[] =>
  ((summary['entry'] as { resource?: Json }[] | undefined) ?? [])
    .flatMap((entry) => (entry.resource?.['issue'] as { details?: { coding?: { code?: string }[] }; expression?: string[] }[]) ?? [])
    .filter((issue) => issue.details?.coding?.some((coding) => coding.code === 'SUMMARY_INCOMPLETE'))
    .flatMap((issue) => issue.expression ?? []);

describe('a summary says which sections it holds only the newest of', () => {
  test('the limit a hub is started with is what the test lowers', () => {
    assert.ok(SUMMARY_LIMIT > LIMIT);
  });

  for (const type of TYPES)
    for (const count of [LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT + 1])
      test(`${type} × ${count} items (limit ${LIMIT})`, async () => {
        const patientId = await residentWith(type, count, `${type.toLowerCase()}-${count}`);
        const answer = await testHub.call(gpToken, `/Patient/${patientId}/$summary`);
        assert.equal(answer.status, 200, JSON.stringify(answer.body).slice(0, 300));
        const shown = ((answer.body['entry'] as { resource?: Json }[]) ?? []).filter((entry) => entry.resource?.['resourceType'] === type);
        assert.equal(shown.length, Math.min(count, LIMIT), 'the newest, up to the limit');
        const past = count > LIMIT;
        assert.deepEqual(incompleteTypes(answer.body), past ? [type] : [], 'a notice naming the section, only past the limit');
        assert.equal(readNotices([answer.body]).truncated === true, past, 'the SDK tells the reader older items are not shown');
      });
});
