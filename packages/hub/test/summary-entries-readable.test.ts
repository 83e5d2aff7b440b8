/**
 * A record summary holds only what its reader could read. The summary read
 * the resident's Patient entry as stored, never asking whether it was
 * withheld: a Patient entry labelled by the organisation that recorded it
 * (`R`, `SEX`), or sensitive by what it says (its GP named as a gender
 * identity clinic), was `404` to a GP of another practice, a receptionist and
 * a carer reading `Patient/{id}` — and sent to them in full as the summary's
 * first entry. Now a summary whose subject is withheld from its reader is
 * answered as a read of the subject is (`404`).
 *
 * The class: every caller × each way the resident's own entry is withheld ×
 * directly and as a batch entry — every entry of the summary answers `200`
 * to the same caller's read of it by id, and a summary refused is refused as
 * that read is; with the entry not withheld, the summary is answered in full.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas, type Hub } from '../src/index.js';
import { askAs, signInCallers, type Answer } from './support/callers.js';
import { ACT_CODE, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident of the synthetic borough: her family carer signs in as the `carer` persona. */
const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';

let testHub: TestHub;
let original: Json = {};
const tokens: Record<string, string> = {};

/** Each way the resident's own entry may be withheld, and whether it is withheld from the resident and her carer only. */
const WITHHOLDINGS: { name: string; entry: (patient: Json) => Json; fromResident: boolean }[] = [
  { name: 'labelled R', entry: (patient) => labelled(patient, 'R'), fromResident: false },
  { name: 'labelled SEX', entry: (patient) => labelled(patient, 'SEX'), fromResident: false },
  { name: 'labelled NOPAT', entry: (patient) => labelled(patient, 'NOPAT'), fromResident: true },
  {
    name: 'sensitive by its GP’s name',
    entry: (patient) => ({
      ...patient,
      meta: { source: OTHER_SOURCE },
      generalPractitioner: [{ reference: 'Organization/ex-gic', display: 'Gender identity clinic' }],
    }),
    fromResident: false,
  },
  {
    name: 'a contained resource labelled R',
    entry: (patient) => ({
      ...patient,
      meta: { source: OTHER_SOURCE },
      contained: [{ resourceType: 'Basic', id: 'note', meta: { security: [{ system: ACT_CODE, code: 'R' }] }, code: { text: 'A note' } }],
    }),
    fromResident: false,
  },
];

function labelled(patient: Json, code: string): Json {
  return { ...patient, meta: { source: OTHER_SOURCE, security: [{ system: ACT_CODE, code }] } };
}

async function setEntry(hub: Hub, entry: Json): Promise<void> {
  await hub.store.put(entry);
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      // Every professional persona cares for the resident: nothing but the labels keeps her entry from them.
      const organizations = signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []));
      await hub.store.relateMany([...new Set(organizations)].map((organizationId) => ({ patientId: RESIDENT, organizationId })));
      original = (await hub.store.read('Patient', RESIDENT))?.resource ?? {};
      const { meta: _meta, ...rest } = original;
      original = rest;
    },
  });
  Object.assign(tokens, await signInCallers(testHub, RESIDENT));
  delete tokens['resident'];
  tokens['cared-for resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const seen = (answer: Answer) => ({ status: answer.status, code: hubCode(answer.body) });

/** The summary's entries other than its notices, as `Type/id`. */
function entriesOf(summary: Answer): string[] {
  return ((summary.body['entry'] as { resource?: Json }[] | undefined) ?? [])
    .map((entry) => entry.resource ?? {})
    .filter((resource) => resource['resourceType'] !== 'OperationOutcome')
    .map((resource) => `${String(resource['resourceType'])}/${String(resource['id'])}`);
}

describe('the reported case', () => {
  test('a GP of another practice is not sent the Patient entry that a read of it withholds', async () => {
    await setEntry(testHub.hub, labelled(original, 'R'));
    const [read, summary] = [
      await testHub.call(tokens['gp'], `/Patient/${RESIDENT}`),
      await testHub.call(tokens['gp'], `/Patient/${RESIDENT}/$summary`),
    ];
    assert.equal(read.status, 404);
    assert.deepEqual(seen(summary), seen(read));
  });
});

describe('the class: callers × withholdings × directly or in a batch', () => {
  test('every entry of a summary is one its reader may read; a summary refused is refused as the read is', async () => {
    let refused = 0;
    let checked = 0;
    for (const withholding of [...WITHHOLDINGS, { name: 'not withheld', entry: (patient: Json) => patient, fromResident: false }]) {
      await setEntry(testHub.hub, withholding.entry(original));
      for (const [caller, token] of Object.entries(tokens)) {
        const read = await testHub.call(token, `/Patient/${RESIDENT}`);
        for (const batch of [false, true]) {
          const where = `${withholding.name}, ${caller}${batch ? ', in a batch' : ''}`;
          const summary = await askAs(testHub, token, `/Patient/${RESIDENT}/$summary`, batch, {});
          if (read.status !== 200) {
            assert.deepEqual(seen(summary), seen(read), where);
            refused += 1;
            continue;
          }
          assert.equal(summary.status, 200, where);
          const entries = entriesOf(summary);
          assert.equal(entries[0], `Patient/${RESIDENT}`, where);
          for (const entry of entries) {
            assert.equal((await testHub.call(token, `/${entry}`)).status, 200, `${where}: ${entry}`);
            checked += 1;
          }
        }
      }
    }
    // Withheld from every caller but the resident, or (NOPAT) from the resident and her carer only; never when not labelled.
    const callers = Object.keys(tokens).length;
    const fromResident = WITHHOLDINGS.filter((withholding) => withholding.fromResident).length;
    assert.equal(refused, 2 * ((callers - 1) * (WITHHOLDINGS.length - fromResident) + 2 * fromResident));
    assert.ok(checked > 0);
  });
});
