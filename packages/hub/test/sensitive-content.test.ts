/**
 * Sensitive items that came without a label (as GP and hospital exports often
 * send them) are withheld from shared views as labelled ones are: by the
 * SNOMED CT code, display or text of what the item is about, whichever
 * element holds it. The resident still sees them, and others are told that
 * something is not shown; items that only sound near (a miscarriage, a
 * pregnancy test, asthma) are not withheld.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { isSensitiveContent } from '../src/policy/sensitive-content.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const SNOMED = 'http://snomed.info/sct';
const HOSPITAL = 'https://care-record.example/source/RZ9';

let testHub: TestHub;
let patientId = '';

/** How an item says what it is about: each way a source may send it. */
const SHAPES: { name: string; make: (concept: { code?: string; words: string }) => Json }[] = [
  {
    name: 'Condition coded with a display',
    make: ({ code, words }) => ({
      resourceType: 'Condition',
      code: { coding: [{ system: SNOMED, code: code ?? '1000000', display: words }] },
    }),
  },
  { name: 'Condition with text only', make: ({ words }) => ({ resourceType: 'Condition', code: { text: words } }) },
  {
    name: 'Procedure coded, no display',
    make: ({ code, words }) => ({
      resourceType: 'Procedure',
      status: 'completed',
      code: code ? { coding: [{ system: SNOMED, code }] } : { text: words },
    }),
  },
  {
    name: 'Encounter by its type',
    make: ({ words }) => ({ resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' }, type: [{ text: words }] }),
  },
  {
    name: 'Encounter by its reason',
    make: ({ words }) => ({
      resourceType: 'Encounter',
      status: 'finished',
      class: { code: 'AMB' },
      type: [{ text: 'Outpatient appointment' }],
      reasonCode: [{ coding: [{ system: SNOMED, code: '1000001', display: words }] }],
    }),
  },
];

/** What the item is about, and whether DOMAIN withholds it from shared views. */
const CONCEPTS: { words: string; code?: string; sensitive: boolean }[] = [
  { words: 'Termination of pregnancy', code: '386639001', sensitive: true },
  { words: 'Medical termination of pregnancy', code: '285409006', sensitive: true },
  { words: 'In vitro fertilisation cycle', code: '52637005', sensitive: true },
  { words: 'IVF treatment', sensitive: true },
  { words: 'Gender dysphoria', code: '93461009', sensitive: true },
  { words: 'Referral to gender identity clinic', sensitive: true },
  { words: 'Chlamydia trachomatis infection', sensitive: true },
  { words: 'Sexually transmitted infectious disease', code: '8098009', sensitive: true },
  { words: 'Asthma', code: '195967001', sensitive: false },
  { words: 'Miscarriage', code: '17369002', sensitive: false },
  { words: 'Pregnancy test positive', sensitive: false },
  { words: 'Transfer to ward', sensitive: false },
];

before(async () => {
  testHub = await startTestHub();
  const gp = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'gp')!;
  const resident = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'resident')!;
  patientId = resident.patientId!;
  const related = (await testHub.hub.store.query('SELECT 1 FROM relationship WHERE organization_id = ? AND patient_id = ?', [
    gp.organizationId,
    patientId,
  ])) as unknown[];
  assert.equal(related.length, 1, 'the GP cares for the resident, so only the labels keep items from them');
  await testHub.hub.store.transaction(async (store) => {
    for (const [shape, { make }] of SHAPES.entries())
      for (const [index, concept] of CONCEPTS.entries())
        await store.put({
          ...make(concept),
          id: `sc-${shape}-${index}`,
          subject: { reference: `Patient/${patientId}` },
          ...(shape >= 3 ? { period: { start: '2025-05-01T10:00:00Z' } } : {}),
          meta: { source: HOSPITAL },
        });
  });
});
after(() => testHub.close());

test('an unlabelled item is withheld from shared views by what it is about, however the source sends it', async () => {
  const gpToken = await testHub.signIn('gp');
  const residentToken = await testHub.signIn('resident');
  const failures: string[] = [];
  for (const [shape, { name, make }] of SHAPES.entries())
    for (const [index, concept] of CONCEPTS.entries()) {
      const type = String(make(concept)['resourceType']);
      const id = `sc-${shape}-${index}`;
      const what = `${name}: ${concept.words}${concept.code ? ` (${concept.code})` : ''}`;
      if (isSensitiveContent(make(concept)) !== concept.sensitive) failures.push(`${what}: judged ${!concept.sensitive}`);
      const byGp = await testHub.call(gpToken, `/${type}/${id}`);
      if (byGp.status !== (concept.sensitive ? 404 : 200)) failures.push(`${what}: the GP's read answered ${byGp.status}`);
      const byResident = await testHub.call(residentToken, `/${type}/${id}`);
      if (byResident.status !== 200) failures.push(`${what}: the resident's read answered ${byResident.status}`);
    }
  assert.deepEqual(failures, []);
  // Searches, counts and the summary withhold them alike, and say that something is not shown.
  for (const type of ['Condition', 'Procedure', 'Encounter']) {
    const ids: string[] = [];
    let withheldNotice = false;
    let next: string | undefined = `/${type}?patient=${patientId}&_count=100`;
    while (next) {
      const search = await testHub.call(gpToken, next);
      assert.equal(search.status, 200, JSON.stringify(search.body).slice(0, 300));
      ids.push(...((search.body['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => String(entry.resource['id'])));
      withheldNotice ||= JSON.stringify(search.body).includes('INFORMATION_WITHHELD');
      const link = (search.body['link'] as { relation: string; url: string }[]).find((item) => item.relation === 'next');
      next = link?.url.slice(testHub.fhir.length);
    }
    for (const [shape, { make }] of SHAPES.entries())
      for (const [index, concept] of CONCEPTS.entries()) {
        if (make(concept)['resourceType'] !== type) continue;
        assert.equal(ids.includes(`sc-${shape}-${index}`), !concept.sensitive, `${type} search: ${concept.words}`);
      }
    assert.ok(withheldNotice, `${type} search says something is not shown`);
  }
  const summary = await testHub.call(gpToken, `/Patient/${patientId}/$summary`);
  assert.equal(summary.status, 200);
  const text = JSON.stringify(summary.body);
  for (const concept of CONCEPTS.filter((item) => item.sensitive))
    assert.ok(!text.includes(concept.words), `the summary holds nothing of ${concept.words}`);
  assert.ok(text.includes('Asthma'), 'what is not sensitive is still in the summary');
});
