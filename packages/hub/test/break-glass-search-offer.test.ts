/**
 * A Patient search that finds nobody a clinician may open says that a search
 * with a break-glass reason is open to them. An A&E doctor searching by NHS
 * number for an unconscious resident their organisation has no relationship
 * with was answered with an empty Bundle — rightly, for it must not tell who
 * exists — and had no way on from there: "not found" read as "no record".
 * Now such a search's Bundle carries an OperationOutcome entry
 * (`search.mode: outcome`) with hub code `BREAK_GLASS_AVAILABLE`
 * (operation-outcome.yaml, patient.yaml), given whether or not anyone has the
 * number, so it tells nothing more than the empty Bundle did.
 *
 * The class: every caller (clinical roles, a receptionist, a resident, a
 * carer, an EHR launch confined to one patient) × a resident who is a
 * stranger to them, who declined to share, who is related, or nobody at all ×
 * a search by NHS number directly and as a batch entry. The offer is made
 * exactly to clinical professionals who found nobody; the answer for a
 * stranger, for someone who declined and for nobody is the same; and an
 * offer is true: the same search with a reason finds the resident named.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { exampleOf, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { askAs, signInCallers, type Answer } from './support/callers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const REASON = 'Unconscious in the emergency department, no history';
const STRANGER = 'bgs-stranger';
const DECLINED = 'bgs-declined';
/** Clinical professionals: the roles that may give a reason (scopes.ts `hubRoles`). */
const CLINICAL = new Set(['gp', 'hospital-nurse', 'social-worker']);

let testHub: TestHub;
const tokens: Record<string, string> = {};
/** The NHS number of each kind of resident, from the GP's point of view. */
const numbers: Record<'stranger' | 'declined' | 'related' | 'nobody', string> = { stranger: '', declined: '', related: '', nobody: '' };
let relatedId = '';

/** A valid NHS number in the test range (999…) from a nine-digit stem, or undefined when its check digit is 10. */
function nhsNumber(stem: string): string | undefined {
  const sum = [...stem].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : `${stem}${check}`;
}

const entries = (body: Json): Entry[] => (body['entry'] as Entry[] | undefined) ?? [];
const matches = (body: Json): string[] =>
  entries(body)
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => String(entry.resource?.['id']));
const offersBreakGlass = (body: Json): boolean =>
  entries(body).some(
    (entry) =>
      entry.search?.mode === 'outcome' &&
      ((entry.resource?.['issue'] as { details?: { coding?: { system?: string; code?: string }[] } }[] | undefined) ?? []).some((issue) =>
        issue.details?.coding?.some((coding) => coding.system === HUB_ERROR && coding.code === 'BREAK_GLASS_AVAILABLE'),
      ),
  );

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const gp = signInPersonas(hub.borough).find((persona) => persona.id === 'gp')!;
      const taken = new Set<string>();
      for (const { id } of (await hub.store.query("SELECT id FROM resource WHERE type = 'Patient'")) as { id: string }[])
        for (const identifier of ((await hub.store.read('Patient', id))!.resource['identifier'] as { value?: string }[] | undefined) ?? [])
          if (identifier.value) taken.add(identifier.value);
      const free: string[] = [];
      for (let stem = 999_000_100; free.length < 3; stem += 1) {
        const number = nhsNumber(String(stem));
        if (number && !taken.has(number)) free.push(number);
      }
      [numbers.stranger, numbers.declined, numbers.nobody] = free as [string, string, string];
      const [{ id: related } = { id: '' }] = (await hub.store.query(
        'SELECT patient_id AS id FROM relationship WHERE organization_id = ? ORDER BY patient_id LIMIT 1',
        [gp.organizationId],
      )) as { id: string }[];
      relatedId = related;
      const relatedPatient = (await hub.store.read('Patient', related))!.resource;
      numbers.related =
        ((relatedPatient['identifier'] as { system?: string; value?: string }[]).find((identifier) => identifier.system === NHS)
          ?.value as string) ?? '';
      await hub.store.transaction(async (store) => {
        await store.put({ ...exampleOf('Patient'), id: STRANGER, identifier: [{ system: NHS, value: numbers.stranger }] });
        await store.put({ ...relatedPatient, id: DECLINED, identifier: [{ system: NHS, value: numbers.declined }] });
      });
      await hub.store.relateMany([{ patientId: DECLINED, organizationId: gp.organizationId! }]);
      await hub.store.put(sharingChoiceExcluding(DECLINED, [gp.organizationId!], `${DECLINED}-choice`));
    },
  });
  Object.assign(tokens, await signInCallers(testHub, relatedId));
});
after(() => testHub.close());

/** Searches by NHS number, directly or as a batch's one entry (answered as the entry's own). */
async function search(caller: string, number: string, batch: boolean, reason = false): Promise<Answer> {
  const path = `/Patient?identifier=${encodeURIComponent(`${NHS}|${number}`)}`;
  return askAs(testHub, tokens[caller], path, batch, reason ? { 'x-break-glass-reason': REASON } : {});
}

/** An answer as a caller could compare it, with the number searched for taken out of its links. */
const comparable = (answer: Answer, number: string): string =>
  JSON.stringify(answer).replaceAll(number, '<number>').replaceAll(encodeURIComponent(number), '<number>');

describe('the reported case: an A&E clinician searches by NHS number for a resident they have no relationship with', () => {
  test('the empty answer says a search with a reason is open, and that search finds the resident', async () => {
    const without = await search('hospital-nurse', numbers.stranger, false);
    assert.equal(without.status, 200);
    assert.deepEqual(matches(without.body), []);
    assert.equal(offersBreakGlass(without.body), true);
    const withReason = await search('hospital-nurse', numbers.stranger, false, true);
    assert.deepEqual(matches(withReason.body), [STRANGER]);
  });

  test('the answer for a number nobody has is the same, so the offer tells nothing of who exists', async () => {
    const stranger = await search('hospital-nurse', numbers.stranger, false);
    const nobody = await search('hospital-nurse', numbers.nobody, false);
    assert.equal(comparable(stranger, numbers.stranger), comparable(nobody, numbers.nobody));
  });
});

describe('the class: callers × residents × direct search and batch entry', () => {
  test('offered exactly to clinical professionals who found nobody; the same answer whoever exists; the offer is true', async () => {
    const wrong: string[] = [];
    let offered = 0;
    for (const caller of Object.keys(tokens))
      for (const batch of [false, true]) {
        const way = `${caller} ${batch ? 'batch entry' : 'search'}`;
        const answers = {} as Record<keyof typeof numbers, Answer>;
        for (const kind of Object.keys(numbers) as (keyof typeof numbers)[]) {
          const answer = await search(caller, numbers[kind], batch);
          answers[kind] = answer;
          if (answer.status !== 200) {
            wrong.push(`${way} ${kind}: ${answer.status}`);
            continue;
          }
          const clinical = CLINICAL.has(caller);
          const expected = clinical && matches(answer.body).length === 0;
          if (offersBreakGlass(answer.body) !== expected)
            wrong.push(`${way} ${kind}: ${expected ? 'no offer' : 'an offer'} of break-glass (found ${matches(answer.body).length})`);
          if (!offersBreakGlass(answer.body)) continue;
          offered += 1;
          // An offer is true: the same search with a reason finds the one named (nobody, for a number nobody has).
          const withReason = await search(caller, numbers[kind], batch, true);
          const named = { stranger: [STRANGER], declined: [DECLINED], related: [relatedId], nobody: [] }[kind];
          if (withReason.status !== 200 || JSON.stringify(matches(withReason.body)) !== JSON.stringify(named))
            wrong.push(`${way} ${kind}: with a reason ${withReason.status}, found ${matches(withReason.body).join(',')}`);
        }
        // Whoever the number belongs to that this caller may not open — a stranger, someone who declined — or nobody:
        // the same answer.
        const unseen = comparable(answers.nobody, numbers.nobody);
        for (const kind of ['stranger', 'declined'] as const)
          if (comparable(answers[kind], numbers[kind]) !== unseen)
            wrong.push(`${way}: the answer for a ${kind} differs from the answer for nobody`);
      }
    assert.ok(offered >= 3 * 2 * 3, `only ${offered} offers met`);
    assert.deepEqual(wrong, []);
  });
});
