/**
 * A deny recorded "for a period" keeps what it names only for that period (docs/access-policy.md R9). The hub read
 * a deny's `period` nowhere: a practice's deny of an organisation for a fortnight, or of a category while a carer
 * settles in, kept withholding for ever after (and before it began) — ordinary care over-withheld, and the choice
 * applied otherwise than it reads. Now a deny's period (a UK civil date, a month, a year, or a dateTime; either end
 * open) is applied for reads, searches and `$summary` alike, in a sharing choice and in a carer's permission.
 *
 * The class: each period form × now before, inside or after it × each professional caring for her (a sharing choice
 * declining their organisation: read, search, `$summary`) and a carer (a permission keeping mental health from them).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CARER_ACCOUNT_SYSTEM as CARER_ACCOUNT, ukToday } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { checkProxyAccess } from '../src/policy/proxy.js';
import { OTHER_SOURCE, practicePermission, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/** Period forms around the hub's now (the clock's: UK civil dates, and instants an hour either side). */
type When = 'before' | 'inside' | 'after';
const NOW = Date.now();
const DAY = 86_400_000;
const day = (offset: number) => ukToday(new Date(NOW + offset * DAY));
const month = (offset: number) => day(offset * 31).slice(0, 7);
const at = (offset: number) => new Date(NOW + offset * 3_600_000).toISOString();
const PERIODS: { form: string; when: When; period: Json }[] = [
  { form: 'date, start only', when: 'before', period: { start: day(1) } },
  { form: 'date, start only', when: 'inside', period: { start: day(0) } },
  { form: 'date, end only', when: 'inside', period: { end: day(0) } },
  { form: 'date, end only', when: 'after', period: { end: day(-1) } },
  { form: 'dates', when: 'before', period: { start: day(1), end: day(30) } },
  { form: 'dates', when: 'inside', period: { start: day(0), end: day(0) } },
  { form: 'dates', when: 'after', period: { start: day(-30), end: day(-1) } },
  { form: 'months', when: 'before', period: { start: month(1) } },
  { form: 'months', when: 'inside', period: { start: month(0), end: month(0) } },
  { form: 'months', when: 'after', period: { end: month(-1) } },
  { form: 'dateTimes', when: 'before', period: { start: at(1) } },
  { form: 'dateTimes', when: 'inside', period: { start: at(-1), end: at(1) } },
  { form: 'dateTimes', when: 'after', period: { start: at(-48), end: at(-1) } },
];

let testHub: TestHub;
let patient = '';
const professionals: { persona: string; organizationId: string; token: string }[] = [];
const CHOICE = 'deny-period-choice';

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  for (const persona of personas)
    if (persona.organizationId && persona.id !== 'receptionist' && (await testHub.hub.store.isRelated(patient, persona.organizationId)))
      professionals.push({ persona: persona.id, organizationId: persona.organizationId, token: await testHub.signIn(persona.id) });
  assert.ok(professionals.length > 0, 'someone cares for her');
  await testHub.hub.store.transaction(async (store) => {
    await store.put({
      resourceType: 'RelatedPerson',
      id: 'deny-period-carer',
      active: true,
      patient: { reference: `Patient/${patient}` },
      identifier: [{ system: CARER_ACCOUNT, value: 'deny-period-carer' }],
    });
  });
});
after(() => testHub.close());

const put = (resource: Json) => testHub.hub.store.transaction(async (store) => void (await store.put(resource)));

/** What a professional of this organisation is given: the record read, a search by id, the summary. */
async function asked(token: string): Promise<string> {
  const read = await testHub.call(token, `/Patient/${patient}`);
  const search = await testHub.call(token, `/Patient?_id=${patient}`);
  const found = ((search.body['entry'] as { resource: Json }[] | undefined) ?? []).some((entry) => entry.resource['id'] === patient);
  const summary = await testHub.call(token, `/Patient/${patient}/$summary`);
  return `read ${read.status}, search ${search.status} ${found ? 'found' : 'not found'}, $summary ${summary.status}`;
}

describe('a deny for a period keeps nothing outside it', () => {
  test('the reported case: her practice declined the GP’s organisation until yesterday', async () => {
    const gp = professionals.find((caller) => caller.persona === 'gp') ?? professionals[0]!;
    const choice = sharingChoiceExcluding(patient, [gp.organizationId], CHOICE);
    const deny = { ...((choice['provision'] as { provision: Json[] }).provision[0] as Json), period: { end: day(-1) } };
    await put({ ...choice, meta: { source: OTHER_SOURCE }, provision: { type: 'permit', provision: [deny] } });
    assert.equal(await asked(gp.token), 'read 200, search 200 found, $summary 200');
  });

  test('every period form × now before, inside, after × caller × kind of Consent', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const { form, when, period } of PERIODS) {
      for (const caller of professionals) {
        cases += 1;
        const choice = sharingChoiceExcluding(patient, [caller.organizationId], CHOICE);
        const deny = { ...((choice['provision'] as { provision: Json[] }).provision[0] as Json), period };
        await put({ ...choice, meta: { source: OTHER_SOURCE }, provision: { type: 'permit', provision: [deny] } });
        const got = await asked(caller.token);
        const expected = when === 'inside' ? 'read 403, search 200 not found, $summary 403' : 'read 200, search 200 found, $summary 200';
        if (got !== expected) wrong.push(`sharing choice, ${form} (${when}), ${caller.persona}: ${got}, not ${expected}`);
      }
      cases += 1;
      const permission = practicePermission(patient, 'deny-period-carer', 'deny-period-permission', {
        performer: [{ reference: `Patient/${patient}` }],
        dateTime: '2026-01-01T00:00:00Z',
      });
      const provision = permission['provision'] as Json;
      await put({
        ...permission,
        provision: { ...provision, provision: [{ type: 'deny', securityLabel: [{ system: ACT_CODE, code: 'PSY' }], period }] },
      });
      const access = await checkProxyAccess(testHub.hub.store, 'deny-period-carer', patient, Date.now());
      const hidden = access.visibility.hiddenLabels.includes('PSY');
      if (hidden !== (when === 'inside')) wrong.push(`carer's permission, ${form} (${when}): mental health ${hidden ? 'kept' : 'shown'}`);
    }
    // Her choice no longer declines anyone, for the rest of the suite.
    await put({ ...sharingChoiceExcluding(patient, [], CHOICE), meta: { source: OTHER_SOURCE } });
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
  });
});
