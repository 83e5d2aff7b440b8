/**
 * A clinic that copies its trust's type is still the clinic. 3ad857f made only a whole hospital or a service no clinic
 * is part of an ordinary service of an organisation's own, but read a type's words with "trust", "NHS", "foundation"
 * and "provider" left out: a sexual health clinic typed "Sexual health clinic" and its trust's "Acute hospital trust"
 * read as an acute hospital of its own — a multi-service trust — and another organisation's GP read its results
 * (200 on GET /Observation/{id}); so did a clinic part of the trust (`partOf`) typed with the trust's "Acute hospital
 * services" beside its own.
 *
 * Now a type naming a kind of body (a trust, a foundation trust, a provider, an organisation) says what the body is,
 * never a service of its own; and a part of another organisation or place never has a whole hospital of its own: its
 * type is its parent's. A trust typed acute hospital services and sexual health is still told apart, as before.
 *
 * The class: each sensitive type × each generic body type or whole hospital, as a clinic's own or as a part's, read
 * and searched by two readers: withheld whole; and the trusts typed so are not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { askAs, signInCallers } from './support/callers.js';
import { relateEveryOrganization } from './support/mental-health-choice.js';
import { OTHER_SOURCE, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { openTestStore } from './support/test-store.js';
import { isMentalHealthOrganization } from '../src/policy/mental-health.js';
import { isSensitiveService } from '../src/policy/sensitive-content.js';
import { withLabelledSources } from '../src/policy/sharing.js';
import { defaultVisibility, isWithheld, type Visibility } from '../src/policy/visibility.js';

type Json = Record<string, unknown>;

const KIND = 'http://terminology.hl7.org/CodeSystem/organization-type';
const sourceOf = (id: string) => `https://care-record.example/source/${id}`;
const text = (words: string): Json => ({ text: words });
const organization = (id: string, type: readonly Json[], extra: Json = {}): Json => ({
  resourceType: 'Organization',
  id,
  meta: { source: sourceOf(id) },
  name: `Centre ${id}`,
  type,
  ...extra,
});
const TRUST = organization('trust', [text('Acute hospital services'), text('Community health services'), text('Sexual health service')]);
const PART_OF_TRUST = { partOf: { reference: 'Organization/trust' } };

describe('the reported cases, over HTTP', () => {
  const PATIENT = 'pat-000001';
  let testHub: TestHub;
  let gp: string;
  const ITEMS: { id: string; source: string; shown: boolean }[] = [
    { id: 'copied-type', source: 'clinic', shown: false },
    { id: 'part-copied-type', source: 'clinic-part', shown: false },
    { id: 'trust-ordinary', source: 'trust', shown: true },
  ];

  before(async () => {
    testHub = await startTestHub({
      beforeListen: async (hub) => {
        await relateEveryOrganization(hub, [PATIENT]);
        await hub.store.transaction(async (store) => {
          await store.put(TRUST);
          await store.put(organization('clinic', [text('Sexual health clinic'), text('Acute hospital trust')]));
          await store.put(organization('clinic-part', [text('Sexual health clinic'), text('Acute hospital services')], PART_OF_TRUST));
          for (const { id, source } of ITEMS)
            await store.put({ ...recordItem('Observation', id, PATIENT), meta: { source: sourceOf(source) } });
        });
      },
    });
    gp = (await signInCallers(testHub, PATIENT))['gp']!;
  });
  after(() => testHub.close());

  test('another organisation’s GP reads the trust’s ordinary result, not the clinic’s that copies the trust’s type', async () => {
    const page = await askAs(testHub, gp, `/Observation?patient=${PATIENT}&_count=100`, false, {});
    assert.equal(page.status, 200);
    const found = new Set(((page.body['entry'] as { resource: Json }[] | undefined) ?? []).map(({ resource }) => resource['id']));
    const wrong: string[] = [];
    for (const { id, shown } of ITEMS) {
      const read = await askAs(testHub, gp, `/Observation/${id}`, false, {});
      if ((read.status === 200) !== shown) wrong.push(`${id}: read ${read.status}`);
      if (found.has(id) !== shown) wrong.push(`${id}: ${found.has(id) ? 'found' : 'not found'}`);
    }
    assert.deepEqual(wrong, [], `${wrong.length} of ${ITEMS.length * 2} answered otherwise`);
  });
});

const SENSITIVE: { type: Json; kind: 'sex' | 'psy' }[] = [
  { type: text('Sexual health clinic'), kind: 'sex' },
  { type: text('Genitourinary medicine'), kind: 'sex' },
  { type: text('Fertility centre'), kind: 'sex' },
  { type: text('Termination of pregnancy service'), kind: 'sex' },
  { type: text('Gender identity clinic'), kind: 'sex' },
  { type: text('Mental health services'), kind: 'psy' },
  { type: text('CAMHS'), kind: 'psy' },
];

/** The kinds of body a clinic may copy from its trust: never an ordinary service of its own. */
const BODIES: Json[] = [
  text('Acute hospital trust'),
  text('Acute Hospital NHS Trust'),
  text('General hospital trust'),
  text('District General Hospital NHS Foundation Trust'),
  text('NHS Foundation Trust'),
  text('Acute trust'),
  text('Ambulance trust'),
  text('Healthcare provider'),
  text('Emergency care provider'),
  text('Acute hospital organisation'),
  { coding: [{ system: KIND, code: 'prov', display: 'Healthcare Provider' }] },
];

/** The whole hospitals a part copies from its parent. */
const WHOLE_HOSPITALS: Json[] = [text('Acute hospital services'), text('General hospital'), text('District general hospital')];

/** Each clinic: a sensitive type and a body's or whole hospital's, its own or as a part of the trust. */
const CLINICS: { name: string; entry: Json; kind: 'sex' | 'psy' }[] = SENSITIVE.flatMap(({ type, kind }, row) => [
  ...BODIES.flatMap((body, column) =>
    [false, true].map((part) => ({
      name: `${JSON.stringify(type)} + ${JSON.stringify(body)}${part ? ', part of the trust' : ''}`,
      entry: organization(`c-${row}-b${column}-${part}`, [type, body], part ? PART_OF_TRUST : {}),
      kind,
    })),
  ),
  ...WHOLE_HOSPITALS.map((hospital, column) => ({
    name: `${JSON.stringify(type)} + ${JSON.stringify(hospital)}, part of the trust`,
    entry: organization(`c-${row}-h${column}`, [hospital, type], PART_OF_TRUST),
    kind,
  })),
]);

/** Trusts typed a whole hospital (or an emergency department) and a sensitive service: told by their items' services. */
const TRUSTS: Json[] = SENSITIVE.flatMap(({ type }, row) => [
  organization(`t-${row}-a`, [text('Acute hospital services'), type]),
  organization(`t-${row}-g`, [type, text('General hospital')]),
  organization(`t-${row}-e`, [text('Emergency department'), type, text('NHS Foundation Trust')]),
]);

const told = (entry: Json, kind: 'sex' | 'psy') => (kind === 'sex' ? isSensitiveService(entry) : isMentalHealthOrganization(entry));

test('the directory rule: a clinic with a body’s type or, as a part, a whole hospital’s is one service; a trust is not', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CLINICS), ({ name, entry, kind }) => assert.ok(told(entry, kind), name)),
    { seed: 20261207, numRuns: 200 },
  );
  const trusts = TRUSTS.filter((entry) => isSensitiveService(entry) || isMentalHealthOrganization(entry));
  assert.deepEqual(
    trusts.map((entry) => entry['type']),
    [],
    'no trust is withheld whole',
  );
});

test('read and searched: every clinic’s result withheld, every trust’s ordinary result shown, by two readers', async () => {
  const store = await openTestStore();
  const items = new Map<string, { name: string; kind: 'sex' | 'psy' | undefined }>();
  await store.transaction(async (inside) => {
    await inside.put(TRUST);
    for (const entry of [...CLINICS.map(({ entry }) => entry), ...TRUSTS]) await inside.put(entry);
    for (const { name, entry, kind } of [
      ...CLINICS,
      ...TRUSTS.map((entry) => ({ name: `trust ${JSON.stringify(entry['type'])}`, entry, kind: undefined })),
    ]) {
      const id = `item-${items.size}`;
      items.set(id, { name, kind });
      await inside.put({ ...recordItem('Observation', id, 'pat-1'), meta: { source: sourceOf(String(entry['id'])) } });
    }
    await inside.put({ ...recordItem('Observation', 'ordinary', 'pat-1'), meta: { source: OTHER_SOURCE } });
  });
  const gp = defaultVisibility({ kind: 'professional', odsCode: 'F83999' });
  const readers: Record<string, Visibility> = {
    'another organisation’s GP': await withLabelledSources(gp, store),
    'a GP the resident keeps mental health from': await withLabelledSources({ ...gp, hiddenLabels: [...gp.hiddenLabels, 'PSY'] }, store),
  };
  const wrong: string[] = [];
  let asked = 0;
  for (const [reader, visibility] of Object.entries(readers)) {
    const page = await store.search({
      type: 'Observation',
      patientId: 'pat-1',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 5000,
      visibility,
    });
    const shown = new Set(page.resources.map((item) => String(item['id'])));
    assert.ok(shown.has('ordinary'), `${reader} finds another organisation’s ordinary result`);
    for (const [id, { name, kind }] of items) {
      const twin = recordItem('Observation', id, 'pat-1', kind === undefined ? [] : [kind === 'sex' ? 'SEX' : 'PSY']);
      const want = isWithheld(twin, visibility);
      const stored = await store.read('Observation', id);
      if (stored === undefined) throw new Error(`${id} was not stored`);
      const read = isWithheld(stored.resource, visibility);
      const searched = !shown.has(id);
      asked += 1;
      if (read !== want || searched !== want)
        wrong.push(`${name} to ${reader}: read ${read ? 'withheld' : 'shown'}, searched ${searched ? 'withheld' : 'shown'}`);
    }
  }
  await store.close();
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${asked} answered otherwise`);
});
