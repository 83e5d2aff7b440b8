/**
 * A search with no `_sort` answered a type with no date or name to sort by (the people on a record, RelatedPerson)
 * newest change first, and its `next` link carried that time (the paging cursor is the sort key of the page's last
 * entry, base64 JSON). A contact the reader sees in part — a reference in it to an item kept from them — moved to the
 * top when only its withheld part changed, and the cursor told when, to the millisecond: what R13 keeps from them, and
 * what commit 61aab44 refused for `_sort=_lastUpdated` but not for the default order.
 *
 * The class: every searchable type of a resident's record. Two items of the type, alike but for their ids (so that
 * the type's own sort key ties), each a partial view to the resident; the withheld part of the one placed first
 * changes. The default order, and the `next` link of a page that ends on that item, are the same before and after.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadContract } from '../src/contract/contract.js';
import { signInPersonas } from '../src/index.js';
import { aboutNoResidentTypes } from '../src/policy/access-policy.js';
import { exampleOf, recordItem, RECORD_TYPES } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';
const FORMS = ['sdo-form-1', 'sdo-form-2'];
const PLACED = Date.parse('2026-10-01T09:00:00Z');
const CHANGED = Date.parse('2026-11-20T09:00:00Z');
/** The types a resident searches on their record: the record's types, and their Consents. */
const SEARCHED = [...RECORD_TYPES, 'Consent'] as const;

let testHub: TestHub;
let self = '';
let token = '';

const naming = (form: string) => [
  { url: 'https://care-record.example/StructureDefinition/see-also', valueReference: { reference: `DocumentReference/${form}` } },
];
const item = (type: string, id: string, form: string): Json => {
  const made =
    type === 'Consent'
      ? { ...exampleOf('Consent'), id, patient: { reference: `Patient/${self}` }, meta: {} }
      : type === 'RelatedPerson'
        ? { ...recordItem(type, id, self), identifier: [] }
        : recordItem(type, id, self);
  return { ...made, extension: naming(form) };
};

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      self = signInPersonas(hub.borough).find((persona) => persona.id === 'resident')?.patientId ?? '';
      for (const form of FORMS) await hub.store.put(recordItem('DocumentReference', form, self, ['NOPAT']));
      for (const type of SEARCHED) {
        await hub.store.put(item(type, `sdo-${type}-a`, FORMS[0]!), PLACED);
        await hub.store.put(item(type, `sdo-${type}-b`, FORMS[0]!), PLACED + 60_000);
      }
    },
  });
  token = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
});
after(() => testHub.close());

const ids = (bundle: Json): string[] =>
  ((bundle['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [])
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource['id']));
const nextOf = (bundle: Json): string | undefined =>
  ((bundle['link'] as { relation: string; url: string }[] | undefined) ?? []).find((link) => link.relation === 'next')?.url;

describe('the reported case: the people on her record, the first page of one', () => {
  test('neither the first contact nor the next link tells when a part kept from her changed', async () => {
    const changedAt = Date.parse('2026-11-21T10:30:00Z');
    await testHub.hub.store.put(item('RelatedPerson', 'sdo-contact-x', FORMS[0]!), PLACED);
    await testHub.hub.store.put(item('RelatedPerson', 'sdo-contact-y', FORMS[0]!), PLACED);
    const first = async () => {
      const page = await testHub.call(token, `/RelatedPerson?patient=${self}&_count=1`);
      assert.equal(page.status, 200);
      const cursor = new URL(nextOf(page.body) ?? 'http://none/').searchParams.get('_cursor') ?? '';
      return { id: ids(page.body)[0], cursor: Buffer.from(cursor, 'base64url').toString('utf8') };
    };
    const earlier = await first();
    await testHub.hub.store.put(item('RelatedPerson', 'sdo-contact-x', FORMS[1]!), changedAt);
    const later = await first();
    assert.equal(later.id, earlier.id, 'the same contact first');
    assert.ok(!later.cursor.includes(String(changedAt)), `the next link does not carry the change's time: ${later.cursor}`);
  });
});

describe('the class: the default order of every searchable type of the record', () => {
  test('is the same, page links too, when only what the resident cannot see changed', async () => {
    const wrong: string[] = [];
    // Pages that end on the first entry, and on each of the two items.
    const nextLinks = async (type: string, counts: number[]) =>
      Promise.all(counts.map(async (count) => nextOf((await testHub.call(token, `/${type}?patient=${self}&_count=${count}`)).body)));
    const before: Record<string, { order: string[]; next: (string | undefined)[]; counts: number[] }> = {};
    for (const type of SEARCHED) {
      const all = await testHub.call(token, `/${type}?patient=${self}&_count=500`);
      assert.equal(all.status, 200, `${type}: ${JSON.stringify(all.body)}`);
      const order = ids(all.body);
      const counts = [1, order.indexOf(`sdo-${type}-a`) + 1, order.indexOf(`sdo-${type}-b`) + 1];
      if (counts.includes(0)) wrong.push(`${type}: the items are not found`);
      before[type] = { order, next: await nextLinks(type, counts), counts };
    }
    for (const type of SEARCHED) await testHub.hub.store.put(item(type, `sdo-${type}-a`, FORMS[1]!), CHANGED);
    for (const type of SEARCHED) {
      const earlier = before[type]!;
      const all = await testHub.call(token, `/${type}?patient=${self}&_count=500`);
      if (JSON.stringify(ids(all.body)) !== JSON.stringify(earlier.order)) wrong.push(`${type}: the order moved`);
      if (JSON.stringify(await nextLinks(type, earlier.counts)) !== JSON.stringify(earlier.next)) wrong.push(`${type}: a next link moved`);
    }
    assert.deepEqual(wrong, []);
  });

  test('covers every type of the contract a search of a resident’s record answers', () => {
    const searched = Object.entries(loadContract().paths).flatMap(([path, methods]) =>
      'get' in methods && /^\/[A-Z][A-Za-z]+$/.test(path) ? [path.slice(1)] : [],
    );
    // The directory and medicines as products are about nobody and refer to no record item; the access log names what
    // was looked at whole (never a partial view); a Patient search finds residents, not items of their record.
    const others = searched.filter((type) => !aboutNoResidentTypes.has(type) && type !== 'AuditEvent' && type !== 'Patient');
    assert.deepEqual([...others].sort(), [...SEARCHED].sort());
  });
});
