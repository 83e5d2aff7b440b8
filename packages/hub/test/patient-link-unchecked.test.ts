/**
 * A merged record's link to another resident, written in a form the hub cannot check, names no one (R6, R13).
 * Review found that a `Patient.link` whose `other` names the record by NHS number alone
 * (`{ identifier, display }`), by a conditional reference (`Patient?identifier=…`) or by type and identifier reached a
 * GP, a carer and a social worker who may not open that record: a Patient search sent it whole (the other resident's
 * NHS number and name), and a read sent the NHS number for the conditional and typed forms. Only a literal
 * `Patient/{id}` link was decided by whether the reader may open the record it names.
 *
 * The class: each form of `other` (literal reference with identifier and display, identifier alone, conditional
 * reference, type with identifier, display alone) × each reader (the resident, a GP, a hospital nurse, a social
 * worker, a carer, a receptionist) × each way of reading (by id, a search by `_id`, each in a batch). The other
 * resident's NHS number and name reach a reader only through a literal reference to a record that reader may open;
 * every link keeps its type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs } from './support/callers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const READERS = ['resident', 'gp', 'hospital-nurse', 'social-worker', 'carer', 'receptionist'] as const;

let testHub: TestHub;
let A = '';
let B = '';
let nhs = '';
let name = '';
const tokens: Record<string, string> = {};

/** Each form a link's `other` can name record B by. */
const FORMS: Record<string, () => Json> = {
  'literal reference with identifier and display': () => ({
    reference: `Patient/${B}`,
    identifier: { system: NHS, value: nhs },
    display: name,
  }),
  'identifier alone, with display': () => ({ identifier: { system: NHS, value: nhs }, display: name }),
  'conditional reference': () => ({ reference: `Patient?identifier=${NHS}|${nhs}`, display: name }),
  'type with identifier': () => ({ type: 'Patient', identifier: { value: nhs } }),
  'display alone': () => ({ display: name }),
};

before(async () => {
  testHub = await startTestHub();
  A = testHub.hub.borough.personas.caredForResident!.patientId;
  B = 'pat-000050';
  const other = (await testHub.hub.store.read('Patient', B))!.resource;
  nhs = String((other['identifier'] as { system?: string; value?: string }[]).find((id) => id.system === NHS)?.value);
  const first = (other['name'] as { family?: string; given?: string[] }[])[0]!;
  name = `${first.given?.[0] ?? ''} ${first.family ?? ''}`.trim();
  for (const reader of READERS)
    tokens[reader] =
      reader === 'resident' ? await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE }) : await testHub.signIn(reader);
});
after(() => testHub.close());

async function linkA(form: string): Promise<void> {
  const { meta: _meta, ...resident } = (await testHub.hub.store.read('Patient', A))!.resource;
  await testHub.hub.store.put({ ...resident, link: [{ type: 'seealso', other: FORMS[form]!() }] });
}

const entryOf = (body: Json, search: boolean): Json | undefined =>
  search ? ((body['entry'] as { resource?: Json }[] | undefined) ?? []).map((entry) => entry.resource).find((r) => r?.['id'] === A) : body;

describe('a link the hub cannot check names no one', () => {
  test('the reported case: a GP’s Patient search, a link by NHS number alone', async () => {
    await linkA('identifier alone, with display');
    assert.notEqual((await testHub.call(tokens['gp'], `/Patient/${B}`)).status, 200, 'the GP may not open B');
    const search = await testHub.call(tokens['gp'], `/Patient?_id=${A}`);
    assert.equal(search.status, 200);
    const text = JSON.stringify(entryOf(search.body, true));
    assert.equal(text.includes(nhs), false, 'B’s NHS number');
    assert.equal(text.includes(name), false, 'B’s name');
  });

  test('every form × reader × way of reading', async () => {
    const wrong: string[] = [];
    let n = 0;
    const opens: Record<string, boolean> = {};
    for (const reader of READERS) opens[reader] = (await testHub.call(tokens[reader], `/Patient/${B}`)).status === 200;
    for (const form of Object.keys(FORMS)) {
      await linkA(form);
      for (const reader of READERS)
        for (const search of [false, true])
          for (const batch of [false, true]) {
            const answer = await askAs(testHub, tokens[reader], search ? `/Patient?_id=${A}` : `/Patient/${A}`, batch, {});
            const entry = answer.status === 200 ? entryOf(answer.body, search) : undefined;
            if (entry === undefined) continue;
            n++;
            const text = JSON.stringify(entry);
            const mayName = form === 'literal reference with identifier and display' && opens[reader]!;
            const where = `${form} / ${reader} / ${search ? 'search' : 'read'}${batch ? ' in a batch' : ''}`;
            if (!mayName && (text.includes(nhs) || text.includes(name))) wrong.push(`${where}: names B`);
            const links = (entry['link'] as { type?: string }[] | undefined) ?? [];
            if (links[0]?.type !== 'seealso') wrong.push(`${where}: the link's type is gone`);
          }
    }
    assert.ok(n >= 60, `compared ${n}`);
    assert.deepEqual(wrong, [], `${wrong.length} of ${n}`);
  });
});
