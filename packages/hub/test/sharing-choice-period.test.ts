/**
 * A sharing choice shares only while it is in force (docs/access-policy.md R9). Since 3b2c0a4 a nested deny's period
 * is applied, but a choice's own `provision.period` — her agreement to share, for a time — was accepted and ignored:
 * an agreement that had ended last month, or begins next week, still shared her record with every organisation
 * caring for her. Now an opt-in shares only inside its own period (UK civil dates, dateTimes as the instant they say,
 * either end open); outside it — her only agreement — it refuses every organisation (`403` `SHARING_DECLINED`, saying
 * the agreement is not in force), and a period or date the hub cannot read withholds the record rather than share it.
 * `Consent.dateTime` is when the choice was recorded, not when it starts: it does not hold an agreement back (R7).
 * Several choices together: `sharing-choices-combined.test.ts`.
 *
 * The class: each period and date form × now before, inside or after it × each professional caring for her (read,
 * Patient search, `$summary`); and the same rules at fixed instants either side of midnight in summer and winter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ukToday } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { isSharingChoice, sharingRules } from '../src/policy/sharing.js';
import { OTHER_SOURCE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type When = 'before' | 'inside' | 'after' | 'unreadable';

const NOW = Date.now();
const DAY = 86_400_000;
const day = (offset: number) => ukToday(new Date(NOW + offset * DAY));
const month = (offset: number) => day(offset * 31).slice(0, 7);
const year = (offset: number) => String(Number(day(0).slice(0, 4)) + offset);
/** The instant `hours` from now, written in UTC (`Z`) or at a UTC offset of `zone` hours (`+05:30` as 5.5). */
const at = (hours: number, zone = 0) => {
  const local = new Date(NOW + hours * 3_600_000 + zone * 3_600_000).toISOString().slice(0, 19);
  if (zone === 0) return `${local}Z`;
  const minutes = Math.abs(zone * 60);
  const offset = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${local}${zone > 0 ? '+' : '-'}${offset}`;
};

/** A choice's own period, and when she gave it, around the hub's now. */
const FORMS: { form: string; when: When; period?: Json; dateTime?: string }[] = [
  { form: 'period of dates, start only', when: 'before', period: { start: day(1) } },
  { form: 'period of dates, start only', when: 'inside', period: { start: day(0) } },
  { form: 'period of dates, end only', when: 'inside', period: { end: day(0) } },
  { form: 'period of dates, end only', when: 'after', period: { end: day(-1) } },
  { form: 'period of dates', when: 'before', period: { start: day(1), end: day(30) } },
  { form: 'period of dates', when: 'inside', period: { start: day(-30), end: day(30) } },
  { form: 'period of dates', when: 'after', period: { start: day(-30), end: day(-1) } },
  { form: 'period of months', when: 'before', period: { start: month(1) } },
  { form: 'period of months', when: 'inside', period: { start: month(0), end: month(0) } },
  { form: 'period of months', when: 'after', period: { end: month(-1) } },
  { form: 'period of years', when: 'inside', period: { start: year(0) } },
  { form: 'period of years', when: 'after', period: { end: year(-1) } },
  { form: 'period of dateTimes (Z)', when: 'before', period: { start: at(1) } },
  { form: 'period of dateTimes (Z)', when: 'inside', period: { start: at(-1), end: at(1) } },
  { form: 'period of dateTimes (Z)', when: 'after', period: { start: at(-48), end: at(-1) } },
  { form: 'period of dateTimes (+05:30)', when: 'before', period: { start: at(1, 5.5) } },
  { form: 'period of dateTimes (+05:30)', when: 'inside', period: { start: at(-1, 5.5), end: at(1, 5.5) } },
  { form: 'period of dateTimes (-05:00)', when: 'after', period: { end: at(-1, -5) } },
  { form: 'period of dateTimes (-05:00)', when: 'inside', period: { end: at(1, -5) } },
  { form: 'empty period', when: 'inside', period: {} },
  { form: 'given, dateTime (Z)', when: 'inside', dateTime: at(-1) },
  // When it was recorded, not when it starts (R7): ahead of the hub's clock, it shares from now.
  { form: 'given, dateTime (Z)', when: 'inside', dateTime: at(1) },
  { form: 'given, dateTime (+01:00)', when: 'inside', dateTime: at(1, 1) },
  { form: 'given, dateTime (-08:00)', when: 'inside', dateTime: at(-1, -8) },
  { form: 'given, date', when: 'inside', dateTime: day(0) },
  { form: 'given, date', when: 'inside', dateTime: day(1) },
  { form: 'given and period', when: 'inside', dateTime: at(1), period: { start: day(-1) } },
  { form: 'given and period', when: 'before', dateTime: at(-1), period: { start: day(1) } },
  { form: 'given and period', when: 'after', dateTime: at(-1), period: { end: day(-1) } },
  { form: 'period, dateTime without a zone', when: 'unreadable', period: { start: `${day(-1)}T00:00:00` } },
  { form: 'period, not a date', when: 'unreadable', period: { end: 'next year' } },
  { form: 'period, a number', when: 'unreadable', period: { start: 2026 } },
  { form: 'period, not an object', when: 'unreadable', period: 'for a year' as unknown as Json },
  { form: 'period, a leap second', when: 'unreadable', period: { end: `${day(30)}T23:59:60Z` } },
  { form: 'given, not a date', when: 'unreadable', dateTime: 'yesterday' },
];

let testHub: TestHub;
let patient = '';
const professionals: { persona: string; token: string }[] = [];
const CHOICE = 'sharing-choice-period';

before(async () => {
  testHub = await startTestHub();
  const personas = signInPersonas(testHub.hub.borough);
  patient = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
  for (const persona of personas)
    if (persona.organizationId && (await testHub.hub.store.isRelated(patient, persona.organizationId)))
      professionals.push({ persona: persona.id, token: await testHub.signIn(persona.id) });
  assert.ok(professionals.length > 1, 'several organisations care for her');
  // Her seeded choices are stopped: hers alone decides (beside one in force, one not in force applies nothing).
  const seeded = await testHub.hub.store.search({
    type: 'Consent',
    patientId: patient,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 200,
    visibility: { hiddenLabels: [] },
  });
  await testHub.hub.store.transaction(async (transaction) => {
    for (const consent of seeded.resources.filter(isSharingChoice))
      if (consent['id'] !== CHOICE) await transaction.put({ ...consent, status: 'inactive' });
  });
});
after(() => testHub.close());

/** Her opt-in as her practice recorded it, with this period and date (no denies: in force, it shares all). */
const store = (form: { period?: Json; dateTime?: string }) =>
  testHub.hub.store.transaction(async (transaction) => {
    const choice = sharingChoiceExcluding(patient, [], CHOICE);
    await transaction.put({
      ...choice,
      meta: { source: OTHER_SOURCE },
      ...(form.dateTime === undefined ? {} : { dateTime: form.dateTime }),
      provision: { type: 'permit', ...(form.period === undefined ? {} : { period: form.period }) },
    });
  });

/** What a professional is given — the record read, a search by id, the summary — and what a refusal says. */
async function asked(token: string): Promise<string> {
  const read = await testHub.call(token, `/Patient/${patient}`);
  const search = await testHub.call(token, `/Patient?_id=${patient}`);
  const found = ((search.body['entry'] as { resource: Json }[] | undefined) ?? []).some((entry) => entry.resource['id'] === patient);
  const summary = await testHub.call(token, `/Patient/${patient}/$summary`);
  const told = (read.body['issue'] as { details?: { text?: string } }[] | undefined)?.[0]?.details?.text ?? '';
  const why =
    read.status !== 403 ? '' : /not in force/.test(told) ? ' (not in force)' : /cannot apply/.test(told) ? ' (cannot apply)' : ` (${told})`;
  return `read ${read.status}${why}, search ${found ? 'found' : 'not found'}, $summary ${summary.status}`;
}
const expectedFor = (when: When) =>
  when === 'inside'
    ? 'read 200, search found, $summary 200'
    : `read 403 (${when === 'unreadable' ? 'cannot apply' : 'not in force'}), search not found, $summary 403`;

describe('a sharing choice shares only while it is in force', () => {
  test('the reported case: her agreement to share ended yesterday', async () => {
    await store({ period: { start: day(-400), end: day(-1) } });
    for (const caller of professionals) assert.equal(await asked(caller.token), expectedFor('after'), caller.persona);
  });

  test('every period and date form × now before, inside, after × each professional caring for her', async () => {
    const wrong: string[] = [];
    let cases = 0;
    for (const form of FORMS) {
      await store(form);
      for (const caller of professionals) {
        cases += 1;
        const got = await asked(caller.token);
        if (got !== expectedFor(form.when)) wrong.push(`${form.form} (${form.when}), ${caller.persona}: ${got}`);
      }
    }
    await store({});
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} answered otherwise`);
  });

  test('UK civil dates at midnight, summer and winter: a date is the UK day, a dateTime the instant', async () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in the UK (BST); 23:30 UTC on 31 December is 23:30 in the UK (GMT). After
    // the seed's own choices were given, so hers alone decides.
    const summer = Date.parse('2027-06-30T23:30:00Z');
    const winter = Date.parse('2027-12-31T23:30:00Z');
    const cases: { now: number; period: Json; inForce: boolean }[] = [
      { now: summer, period: { end: '2027-06-30' }, inForce: false },
      { now: summer, period: { start: '2027-07-01' }, inForce: true },
      { now: summer, period: { start: '2027-07' }, inForce: true },
      { now: summer, period: { end: '2027-06-30T23:59:59+01:00' }, inForce: false },
      { now: summer, period: { end: '2027-06-30T23:59:59Z' }, inForce: true },
      { now: winter, period: { end: '2027-12-31' }, inForce: true },
      { now: winter, period: { start: '2028' }, inForce: false },
      { now: winter, period: { end: '2027' }, inForce: true },
      { now: winter, period: { start: '2028-01-01T00:00:00+01:00' }, inForce: true },
      { now: winter, period: { start: '2028-01-01T00:00:00Z' }, inForce: false },
    ];
    const wrong: string[] = [];
    for (const { now, period, inForce } of cases) {
      await store({ period });
      const rules = await sharingRules(testHub.hub.store, patient, now);
      const shares = rules.declinedToAll === undefined;
      if (shares !== inForce) wrong.push(`${JSON.stringify(period)} at ${new Date(now).toISOString()}: ${shares ? 'shared' : 'withheld'}`);
    }
    await store({});
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} answered otherwise`);
  });

  test('a period she sends that the hub cannot read (a leap second: the contract takes it) is refused, not saved', async () => {
    const token = await testHub.signIn('resident', { scope: 'openid fhirUser launch/patient patient/*.rs patient/Consent.cu' });
    await store({});
    const read = await testHub.call(token, `/Consent/${CHOICE}`);
    assert.equal(read.status, 200);
    const { meta: _meta, ...sent } = read.body;
    const answer = await testHub.call(token, `/Consent/${CHOICE}`, {
      method: 'PUT',
      body: { ...sent, provision: { type: 'permit', period: { end: `${day(30)}T23:59:60Z` } } },
      headers: { 'If-Match': read.headers.get('etag') ?? '' },
    });
    assert.equal(answer.status, 422, JSON.stringify(answer.body));
    assert.equal((await testHub.call(token, `/Consent/${CHOICE}`)).headers.get('etag'), read.headers.get('etag'));
  });
});
