/**
 * A search must not match by a reference its answer leaves out (R13; `withheld-references.ts`). A medicine her
 * practice recorded as reported by a contact kept from the resident (`NOPAT`) reaches her without that reference, yet
 * `MedicationStatement?source=RelatedPerson/<id>` still matched by it: by `total` alone (1 against 0 for an id of
 * nobody) she could tell that a contact she may not see is on her record, and which medicines they reported — where
 * a read of the contact is `404`, as for an id of nothing.
 *
 * The class: readers to whom the reporting contact is withheld (the resident: labelled `NOPAT`, or a contact of
 * another resident's record; a GP of another organisation: labelled restricted; a carer: labelled restricted) × the
 * ways of asking (a page, sorted, a page of one, a batch entry). Naming the withheld contact answers
 * exactly as naming an id of nobody; a contact the reader may see is still found.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askAs, type Answer } from './support/callers.js';
import { ACT_CODE, exampleOf, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { setUpWithheldReferenceReaders } from './support/withheld-reference-readers.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs';
const OTHER_RESIDENT = 'sbr-other-resident';

let testHub: TestHub;
let resident = '';
let mother = '';

interface Reader {
  name: string;
  patient: () => string;
  token: () => Promise<string>;
  /** The contact withheld from this reader: its record and labels. */
  withheld: { onRecordOf: () => string; labels: string[] };
}
const READERS: Reader[] = [
  {
    name: 'resident, a contact kept from her',
    patient: () => resident,
    token: () => testHub.signIn('resident', { scope: RESIDENT_SCOPE }),
    withheld: { onRecordOf: () => resident, labels: ['NOPAT'] },
  },
  {
    name: 'resident, another resident’s contact',
    patient: () => resident,
    token: () => testHub.signIn('resident', { scope: RESIDENT_SCOPE }),
    withheld: { onRecordOf: () => OTHER_RESIDENT, labels: [] },
  },
  {
    name: 'GP of another organisation, a restricted contact',
    patient: () => resident,
    token: () => testHub.signIn('gp'),
    withheld: { onRecordOf: () => resident, labels: ['R'] },
  },
  {
    name: 'carer, a restricted contact',
    patient: () => mother,
    token: () => testHub.signIn('carer', { scope: CARER_SCOPE }),
    withheld: { onRecordOf: () => mother, labels: ['R'] },
  },
];

const keyOf = (index: number) => `sbr-${index}`;
const contact = (id: string, patientId: string, labels: string[]): Json => ({
  ...exampleOf('RelatedPerson'),
  id,
  active: true,
  patient: { reference: `Patient/${patientId}` },
  identifier: [],
  meta: {
    source: 'https://care-record.example/source/RX999',
    ...(labels.length > 0 ? { security: labels.map((code) => ({ system: ACT_CODE, code })) } : {}),
  },
});
const reportedBy = (id: string, patientId: string, contactId: string): Json => ({
  ...recordItem('MedicationStatement', id, patientId),
  informationSource: { reference: `RelatedPerson/${contactId}` },
});

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      ({ resident, mother } = await setUpWithheldReferenceReaders(hub, {
        carer: { actions: ['view-record'] },
        strangers: [OTHER_RESIDENT],
      }));
      for (const [index, reader] of READERS.entries()) {
        const key = keyOf(index);
        await hub.store.put(contact(`${key}-withheld`, reader.withheld.onRecordOf(), reader.withheld.labels));
        await hub.store.put(contact(`${key}-shown`, reader.patient(), []));
        await hub.store.put(reportedBy(`${key}-by-withheld`, reader.patient(), `${key}-withheld`));
        await hub.store.put(reportedBy(`${key}-by-shown`, reader.patient(), `${key}-shown`));
      }
    },
  });
});
after(() => testHub.close());

/** What a caller can tell two answers apart by. */
function seen(answer: Answer): Json {
  const entries = (answer.body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? [];
  return {
    status: answer.status,
    total: answer.body['total'],
    security: (answer.body['meta'] as Json | undefined)?.['security'],
    entries: entries.map((entry) => ({ mode: entry.search?.mode, id: entry.resource?.['id'], meta: entry.resource?.['meta'] })),
  };
}

const ways = (patient: string, source: string) =>
  ['', '&_sort=-effective', '&_count=1'].map((more) => `/MedicationStatement?patient=${patient}&source=${source}${more}`);

describe('the reported case: the resident names a contact kept from her as a medicine’s source', () => {
  test('answered as naming a contact of nobody', async () => {
    const reader = READERS[0]!;
    const token = await reader.token();
    assert.equal((await testHub.call(token, `/RelatedPerson/${keyOf(0)}-withheld`)).status, 404, 'the contact is kept from her');
    const withheld = seen(await testHub.call(token, `/MedicationStatement?patient=${resident}&source=RelatedPerson/${keyOf(0)}-withheld`));
    const nobody = seen(await testHub.call(token, `/MedicationStatement?patient=${resident}&source=RelatedPerson/${keyOf(0)}-nobody`));
    assert.deepEqual(withheld, nobody);
  });
});

describe('the class: readers × ways of asking, directly and in a batch', () => {
  test('naming a withheld contact answers as naming nobody; a contact the reader sees is still found', async () => {
    const differ: string[] = [];
    let compared = 0;
    for (const [index, reader] of READERS.entries()) {
      const token = await reader.token();
      const key = keyOf(index);
      assert.equal((await testHub.call(token, `/RelatedPerson/${key}-withheld`)).status, 404, `${reader.name}: withheld`);
      const withheldWays = ways(reader.patient(), `RelatedPerson/${key}-withheld`);
      const nobodyWays = ways(reader.patient(), `RelatedPerson/${key}-nobody`);
      for (const [way, path] of withheldWays.entries())
        for (const batch of [false, true]) {
          const withheld = seen(await askAs(testHub, token, path, batch, {}));
          const nobody = seen(await askAs(testHub, token, nobodyWays[way]!, batch, {}));
          compared += 1;
          try {
            assert.deepEqual(withheld, nobody);
          } catch {
            differ.push(`${reader.name}: ${batch ? 'batch ' : ''}${path}`);
          }
        }
      const shown = await testHub.call(token, `/MedicationStatement?patient=${reader.patient()}&source=RelatedPerson/${key}-shown`);
      assert.equal(shown.body['total'], 1, `${reader.name}: a contact they see is found`);
    }
    assert.equal(compared, READERS.length * 3 * 2);
    assert.deepEqual(differ, [], `${differ.length} of ${compared} answers told of the withheld contact`);
  });
});
