/**
 * A refusal says, in a way a program can read, whether emergency (break-glass)
 * access is open to this user. The record provider offered a GP practice's
 * receptionist the break-glass form whenever the hub refused them a resident
 * (`NO_LEGITIMATE_RELATIONSHIP`), because that code was all it had to go on,
 * and the hub answers a receptionist's reason with `403` `ACCESS_DENIED`
 * (R7). Now a refusal that a reason would overcome, for a user who may give
 * one, carries an issue of its own with hub code `BREAK_GLASS_AVAILABLE`
 * (operation-outcome.yaml), and no other refusal does.
 *
 * The class: for every way into a resident's record the contract has (reads
 * and operations on a Patient, every record search, an item by id, each of
 * them as a batch entry), every kind of caller, and residents unrelated, who
 * declined to share, or not there, the refusal offers break-glass exactly
 * when the same request with a reason is no longer refused.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { contractOperations } from '../src/fhir/contract-operations.js';
import { signInPersonas } from '../src/index.js';
import { exampleOf, RECORD_TYPES, recordItem, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { askAs, signInCallers, type Answer } from './support/callers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Issue = { severity?: string; code?: string; details?: { coding?: { system?: string; code?: string }[] } };

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const REASON = 'Collapsed in the waiting room, no history available';
/** A resident nobody here cares for, with an item of every record type. */
const STRANGER = 'bg-stranger';
/** A resident of the GP practice who has chosen not to share with it. */
const DECLINED = 'bg-declined';

let testHub: TestHub;
const tokens: Record<string, string> = {};

const issues = (body: Json): Issue[] => (body['issue'] as Issue[] | undefined) ?? [];
const hubCodes = (body: Json): string[] =>
  issues(body).flatMap((issue) =>
    (issue.details?.coding ?? []).filter((coding) => coding.system === HUB_ERROR).map((coding) => coding.code ?? ''),
  );
const hubCode = (body: Json) => hubCodes(body)[0];
const offersBreakGlass = (body: Json) => hubCodes(body).includes('BREAK_GLASS_AVAILABLE');
/** What a client reads from an outcome: each issue's severity, type and hub code. */
const shape = (body: Json) => issues(body).map((issue) => [issue.severity, issue.code, ...hubCodes({ issue: [issue] })].join(' '));

function exampleValue(file: string): Json {
  const url = new URL(`../../../openapi/examples/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { value: Json }).value;
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const gp = signInPersonas(hub.borough).find((persona) => persona.id === 'gp')!;
      await hub.store.transaction(async (store) => {
        await store.put({ ...exampleOf('Patient'), id: STRANGER, identifier: [] });
        for (const type of RECORD_TYPES) await store.put(recordItem(type, `${STRANGER}-${type.toLowerCase()}`, STRANGER));
      });
      // A resident of the GP's practice, copied, who has excluded the practice.
      const [{ id: related } = { id: '' }] = (await hub.store.query(
        'SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1',
        [gp.organizationId],
      )) as { id: string }[];
      const patient = (await hub.store.read('Patient', related))!.resource;
      await hub.store.put({ ...patient, id: DECLINED, identifier: [] });
      await hub.store.relateMany([{ patientId: DECLINED, organizationId: gp.organizationId! }]);
      await hub.store.put(sharingChoiceExcluding(DECLINED, [gp.organizationId!], `${DECLINED}-choice`));
    },
  });
  Object.assign(tokens, await signInCallers(testHub, DECLINED));
});
after(() => testHub.close());

/** Asks, and reads a one-entry batch's answer as the entry's own. */
async function ask(caller: string, path: string, batch: boolean, reason: boolean): Promise<Answer> {
  return askAs(testHub, tokens[caller], path, batch, reason ? { 'x-break-glass-reason': REASON } : {});
}

describe('the reported case: a receptionist refused a resident they have no relationship with', () => {
  test('is not told that emergency access is open; a GP of the same practice is', async () => {
    const receptionist = await ask('receptionist', `/Patient/${STRANGER}`, false, false);
    assert.equal(receptionist.status, 403);
    assert.equal(hubCode(receptionist.body), 'NO_LEGITIMATE_RELATIONSHIP');
    assert.equal(offersBreakGlass(receptionist.body), false);
    const gp = await ask('gp', `/Patient/${STRANGER}`, false, false);
    assert.equal(gp.status, 403);
    assert.equal(hubCode(gp.body), 'NO_LEGITIMATE_RELATIONSHIP');
    assert.equal(offersBreakGlass(gp.body), true);
  });

  test('nor when the resident has declined to share with the practice', async () => {
    const receptionist = await ask('receptionist', `/Patient/${DECLINED}`, false, false);
    assert.equal(hubCode(receptionist.body), 'SHARING_DECLINED');
    assert.equal(offersBreakGlass(receptionist.body), false);
    const gp = await ask('gp', `/Patient/${DECLINED}`, false, false);
    assert.equal(hubCode(gp.body), 'SHARING_DECLINED');
    assert.equal(offersBreakGlass(gp.body), true);
  });

  test('the refusals are shaped as the contract’s examples of each (what clients are built from)', async () => {
    const offered = await ask('gp', `/Patient/${STRANGER}`, false, false);
    const notOffered = await ask('receptionist', `/Patient/${STRANGER}`, false, false);
    const declined = await ask('gp', `/Patient/${DECLINED}`, false, false);
    assert.deepEqual(shape(offered.body), shape(exampleValue('error-no-legitimate-relationship.json')));
    assert.deepEqual(shape(notOffered.body), shape(exampleValue('error-no-legitimate-relationship-no-break-glass.json')));
    assert.deepEqual(shape(declined.body), shape(exampleValue('error-sharing-declined.json')));
  });
});

/** Every GET way into one resident's record the contract has, as a path. */
function waysInto(patientId: string): string[] {
  const operations = contractOperations(testHub.hub.schemas.document).filter((operation) => operation.method === 'GET');
  const ways = operations
    .filter((operation) => operation.template.startsWith('/Patient/{id}'))
    .map((operation) => operation.template.replace('{id}', patientId));
  for (const operation of operations)
    if (/^\/[A-Z][A-Za-z]+$/.test(operation.template) && operation.parameters.some((parameter) => parameter.name === 'patient'))
      ways.push(`${operation.template}?patient=${patientId}`);
  if (patientId === STRANGER) for (const type of RECORD_TYPES) ways.push(`/${type}/${STRANGER}-${type.toLowerCase()}`);
  return ways;
}

describe('the class: a refusal offers break-glass exactly when a reason would open the record', () => {
  test('every way in, as a request and as a batch entry, for every caller and every kind of resident', async (context) => {
    const wrong: string[] = [];
    let refusals = 0;
    let offered = 0;
    for (const patientId of [STRANGER, DECLINED, 'bg-nobody']) {
      const ways = waysInto(patientId);
      assert.ok(ways.length >= 20, `only ${ways.length} ways into a record found in the contract`);
      for (const caller of Object.keys(tokens))
        for (const path of ways)
          for (const batch of [false, true]) {
            const label = `${caller} ${batch ? 'batch entry ' : ''}${path}`;
            const without = await ask(caller, path, batch, false);
            if (without.status !== 403) {
              if (offersBreakGlass(without.body)) wrong.push(`${label}: ${without.status} offers break-glass`);
              continue;
            }
            refusals += 1;
            const withReason = await ask(caller, path, batch, true);
            const opens = withReason.status !== 403;
            if (opens && ![200, 404].includes(withReason.status)) wrong.push(`${label}: with a reason, ${withReason.status}`);
            if (offersBreakGlass(without.body) !== opens)
              wrong.push(
                `${label}: ${hubCode(without.body)} ${offersBreakGlass(without.body) ? 'offers' : 'does not offer'} break-glass; with a reason ${withReason.status} ${hubCode(withReason.body) ?? ''}`,
              );
            if (offersBreakGlass(without.body)) {
              offered += 1;
              if (!['NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED'].includes(hubCode(without.body) ?? ''))
                wrong.push(`${label}: offers break-glass on ${hubCode(without.body)}`);
            }
          }
    }
    context.diagnostic(`${refusals} refusals, ${offered} offering break-glass`);
    assert.ok(offered > 0 && offered < refusals, 'both kinds of refusal were met');
    assert.deepEqual(wrong, []);
  });
});

describe('the class: an item a user cannot open with a reason is not found, whoever’s record holds it (R13)', () => {
  test('a receptionist reading an unrelated resident’s appointment by id is answered as for an id of nothing', async () => {
    const theirs = await ask('receptionist', `/Appointment/${STRANGER}-appointment`, false, false);
    const nothing = await ask('receptionist', '/Appointment/bg-nothing', false, false);
    assert.equal(nothing.status, 404);
    assert.deepEqual({ status: theirs.status, codes: hubCodes(theirs.body) }, { status: nothing.status, codes: hubCodes(nothing.body) });
  });
});
