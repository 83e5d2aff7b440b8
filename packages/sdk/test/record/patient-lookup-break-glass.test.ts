/**
 * A lookup by NHS number tells "no record this user may open, and a search
 * with a break-glass reason is open to them" (`none-you-may-open`) from "not
 * found". The hub answers a clinician who may not open anyone with that
 * number with an empty Bundle carrying an OperationOutcome entry, hub code
 * `BREAK_GLASS_AVAILABLE` (the contract's example
 * patient-search-break-glass-available.json), whether or not such a resident
 * exists; the lookup read it as "No record was found with that NHS number".
 *
 * The class: every answer shape a search may give — the contract's examples
 * of the Patient search, with and without the offer, and outcomes of other
 * codes — over real HTTP from the example hub.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, findPatientByNhsNumber, PatientLookupError } from '../../src/index.js';
import { examples, loadSpec, startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';

type Json = Record<string, unknown>;

const NHS_NUMBER = '9990123454';
let hub: ExampleHub;

before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());

/** The contract's examples of a Patient search answer, by name. */
const searchExamples = examples(loadSpec(), 'GET /Patient', '200') as Record<string, Json>;

async function lookUp(body: Json): Promise<string> {
  hub.reset();
  hub.script('GET /Patient', () => ({ status: 200, body }));
  const client = createHubClient({ baseUrl: hub.baseUrl, auth: 'token', retry: { limit: 0 } });
  try {
    const found = await findPatientByNhsNumber(client, NHS_NUMBER);
    return `found ${found.patientId}`;
  } catch (error) {
    if (error instanceof PatientLookupError) return error.problem;
    throw error;
  }
}

const outcomeEntry = (code: string) => ({
  resource: {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'information',
        code: 'informational',
        details: { coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code }] },
      },
    ],
  },
  search: { mode: 'outcome' },
});

describe('the reported case: the hub found nobody this clinician may open, and offers a search with a reason', () => {
  test('the contract’s example is "none you may open", not "not found", and its message does not say there is no record', async () => {
    const offer = searchExamples['patientSearchBreakGlassAvailable'];
    assert.ok(offer, 'the contract has the example');
    assert.equal(await lookUp(offer), 'none-you-may-open');
    const message = new PatientLookupError('none-you-may-open').message;
    assert.doesNotMatch(message, /No record was found/);
    assert.match(message, /There may still be one/);
  });
});

describe('the class: every shape of answer', () => {
  test('an offer with no match is "none you may open", a withheld notice "not shown"; a match is found; else "not found"', async () => {
    const empty = { resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] };
    const found = searchExamples['patientSearch']!;
    const cases: [string, Json, string][] = [
      ['the contract’s match', found, 'found pat-0001'],
      [
        'the contract’s match with an offer beside it',
        { ...found, entry: [...(found['entry'] as Json[]), outcomeEntry('BREAK_GLASS_AVAILABLE')] },
        'found pat-0001',
      ],
      ['an empty Bundle', empty, 'not-found'],
      // A record with the number not shown to this user (its labels): never "not found", or they might register the person again.
      ['an empty Bundle with a withheld notice', { ...empty, entry: [outcomeEntry('INFORMATION_WITHHELD')] }, 'not-shown'],
      [
        'an empty Bundle labelled REDACTED',
        { ...empty, meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'REDACTED' }] } },
        'not-shown',
      ],
      [
        'an empty Bundle with a withheld notice and the offer',
        { ...empty, entry: [outcomeEntry('INFORMATION_WITHHELD'), outcomeEntry('BREAK_GLASS_AVAILABLE')] },
        'none-you-may-open',
      ],
      // One shown and one not: the one shown may not be the person meant.
      [
        'the contract’s match with a withheld notice beside it',
        { ...found, entry: [...(found['entry'] as Json[]), outcomeEntry('INFORMATION_WITHHELD')] },
        'more-than-one',
      ],
      ['an empty Bundle with a source unavailable', { ...empty, entry: [outcomeEntry('SOURCE_UNAVAILABLE')] }, 'not-found'],
      ['an empty Bundle with the offer', { ...empty, entry: [outcomeEntry('BREAK_GLASS_AVAILABLE')] }, 'none-you-may-open'],
      [
        'the offer as a match entry (not an outcome)',
        { ...empty, entry: [{ ...outcomeEntry('BREAK_GLASS_AVAILABLE'), search: { mode: 'match' } }] },
        'not-found',
      ],
    ];
    const wrong: string[] = [];
    for (const [name, body, expected] of cases) {
      const answer = await lookUp(body);
      if (answer !== expected) wrong.push(`${name}: ${answer}, not ${expected}`);
    }
    assert.deepEqual(wrong, []);
  });
});
