/**
 * The carer matrix: a carer's every kind of request × residents whose proxy
 * permissions cover each case of docs/proxy-access.md (P1–P5) and R16–R17 of
 * docs/access-policy.md — given, stopped, narrowed, a category kept back, a
 * child under 11, a young person of 13 with and without a new decision, of 16
 * with an old and a new grant, an adult set up by the practice with and
 * without an assessment, someone the carer is not linked to, and another
 * carer's permission. What each cell should answer is written here from the
 * rules, by hand, not computed with the hub's code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM, type ProxyAction, type ProxyWithheldCategory } from '@care-record/sdk';
import type { Hub } from '../src/index.js';
import { exampleOf, OTHER_SOURCE, RECORD_TYPES, recordItem } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const LABELS = ['plain', 'PSY', 'SEX', 'NOPAT'] as const;
type Label = (typeof LABELS)[number];
const ALL: ProxyAction[] = ['view-record', 'view-appointments', 'view-results', 'add-readings', 'add-medicines'];

interface Target {
  name: string;
  /** Age today, in years (and a few days past the birthday). */
  age: number;
  /** A RelatedPerson for the signed-in carer's account on this record (else for another account, or none). */
  linked: 'carer' | 'other-carer' | 'none';
  grant?: {
    by: 'resident' | 'practice';
    yearsAgo: number;
    assessedYearsAgo?: number;
    status?: string;
    actions?: ProxyAction[];
    withheld?: ProxyWithheldCategory[];
  };
  /** The rules' answer: is the permission in force today? */
  inForce: boolean;
}

const TARGETS: Target[] = [
  { name: 'adult, her own grant, everything', age: 84, linked: 'carer', grant: { by: 'resident', yearsAgo: 2 }, inForce: true },
  {
    name: 'adult, appointments only',
    age: 70,
    linked: 'carer',
    grant: { by: 'resident', yearsAgo: 1, actions: ['view-appointments'] },
    inForce: true,
  },
  {
    name: 'adult, adding readings only',
    age: 66,
    linked: 'carer',
    grant: { by: 'resident', yearsAgo: 1, actions: ['add-readings'] },
    inForce: true,
  },
  {
    name: 'adult, mental health kept back',
    age: 50,
    linked: 'carer',
    grant: { by: 'resident', yearsAgo: 1, withheld: ['mental-health'] },
    inForce: true,
  },
  { name: 'adult, stopped', age: 60, linked: 'carer', grant: { by: 'resident', yearsAgo: 1, status: 'inactive' }, inForce: false },
  { name: 'adult, practice without assessment', age: 40, linked: 'carer', grant: { by: 'practice', yearsAgo: 1 }, inForce: false },
  {
    name: 'adult, practice with assessment',
    age: 90,
    linked: 'carer',
    grant: { by: 'practice', yearsAgo: 1, assessedYearsAgo: 1 },
    inForce: true,
  },
  { name: 'child of 7, set up by the practice', age: 7, linked: 'carer', grant: { by: 'practice', yearsAgo: 2 }, inForce: true },
  { name: '13, set up at 8, no new decision', age: 13, linked: 'carer', grant: { by: 'practice', yearsAgo: 5 }, inForce: false },
  { name: '13, agreed at 12', age: 13, linked: 'carer', grant: { by: 'resident', yearsAgo: 1 }, inForce: true },
  { name: '13, GP assessed at 12', age: 13, linked: 'carer', grant: { by: 'practice', yearsAgo: 5, assessedYearsAgo: 1 }, inForce: true },
  { name: '16, granted at 14', age: 16, linked: 'carer', grant: { by: 'resident', yearsAgo: 2 }, inForce: false },
  { name: '17, granted at 16', age: 17, linked: 'carer', grant: { by: 'resident', yearsAgo: 0.5 }, inForce: true },
  { name: 'not linked to the carer', age: 45, linked: 'none', inForce: false },
  { name: 'another carer’s permission', age: 45, linked: 'other-carer', grant: { by: 'resident', yearsAgo: 1 }, inForce: false },
];

const READ_BY: Record<string, ProxyAction[]> = {
  Appointment: ['view-appointments'],
  Observation: ['view-record', 'view-results'],
  DiagnosticReport: ['view-record', 'view-results'],
};
/** R16: which actions let a carer read a type (Patient: any permission in force). */
const actionsReading = (type: string): ProxyAction[] => (type === 'Patient' ? ALL : (READ_BY[type] ?? ['view-record']));

// ---- Fixtures ---------------------------------------------------------------------------------

/** What a carer adds for the person, as the contract's create examples send it (a reading, a medicine they take). */
const CREATE_EXAMPLES: Record<string, string> = {
  Observation: '../../../openapi/examples/observation-create-request.json',
  MedicationStatement: '../../../openapi/examples/medication-statement-create-request.json',
};
/**
 * The contract's example entry of `type`, about `patientId`: every reference to the example's resident (its subject,
 * and the performer or source it names as the resident) made one to `patientId`, as a carer's app sends it — an entry
 * naming anyone else as its author is refused (`resident-attribution.ts`).
 */
const entryOf = (type: string, patientId: string): Json => {
  const { value } = JSON.parse(readFileSync(new URL(CREATE_EXAMPLES[type] ?? '', import.meta.url), 'utf8')) as { value: Json };
  const resident = (value['subject'] as { reference: string }).reference;
  return JSON.parse(JSON.stringify(value).replaceAll(`"${resident}"`, JSON.stringify(`Patient/${patientId}`))) as Json;
};

const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);
const patientId = (index: number) => `cm-${index}`;
const itemId = (type: string, index: number, label: Label) => `cm-${type.toLowerCase()}-${index}-${label.toLowerCase()}`;
let account = '';
const ITEM_SYSTEM = 'https://matrix.example/Id/item';

async function placeFixtures(hub: Hub, carerAccount: string): Promise<void> {
  const now = Date.now();
  const patient = exampleOf('Patient');
  await hub.store.transaction(async (store) => {
    for (const [index, target] of TARGETS.entries()) {
      const id = patientId(index);
      const born = now - target.age * YEAR - 20 * DAY;
      await store.put({ ...patient, id, identifier: [], birthDate: isoDate(born), meta: { source: OTHER_SOURCE } });
      for (const type of RECORD_TYPES)
        for (const label of LABELS)
          await store.put({
            ...recordItem(type, itemId(type, index, label), id, label === 'plain' ? [] : [label]),
            // As a lab feed or another system sends them: an identifier anyone adding an entry could name.
            identifier: [{ system: ITEM_SYSTEM, value: itemId(type, index, label) }],
          });
      if (target.linked === 'none') continue;
      const relatedPersonId = `cm-rp-${index}`;
      await store.put({
        resourceType: 'RelatedPerson',
        id: relatedPersonId,
        active: true,
        patient: { reference: `Patient/${id}` },
        identifier: [{ system: CARER_ACCOUNT_SYSTEM, value: target.linked === 'carer' ? carerAccount : 'carer-somebody-else' }],
        name: [{ given: ['Matrix'], family: 'Carer' }],
        meta: { source: OTHER_SOURCE },
      });
      const grant = target.grant;
      if (!grant) continue;
      const consent = buildProxyConsent({ patientId: id, relatedPersonId, actions: grant.actions ?? ALL, withheld: grant.withheld ?? [] });
      const granted = now - grant.yearsAgo * YEAR;
      await store.put({
        ...consent,
        id: `cm-proxy-${index}`,
        status: grant.status ?? 'active',
        dateTime: new Date(granted).toISOString(),
        performer: [{ reference: grant.by === 'resident' ? `Patient/${id}` : 'Organization/org-f83999' }],
        ...(grant.assessedYearsAgo === undefined
          ? {}
          : { verification: [{ verified: true, verificationDate: new Date(now - grant.assessedYearsAgo * YEAR).toISOString() }] }),
        meta: { source: OTHER_SOURCE },
      } as unknown as Json);
    }
  });
}

// ---- The oracle -------------------------------------------------------------------------------

function expectedRead(target: Target, type: string): { status: 200 } | { status: 403; code: string } {
  if (!target.inForce) return { status: 403, code: 'NO_PROXY_ACCESS' };
  const actions = target.grant?.actions ?? ALL;
  return actionsReading(type).some((action) => actions.includes(action)) ? { status: 200 } : { status: 403, code: 'PROXY_RESTRICTED' };
}

/** R17: never NOPAT nor the sensitive labels; PSY unless kept back. */
function expectedVisible(target: Target, label: Label): boolean {
  if (label === 'NOPAT' || label === 'SEX') return false;
  if (label === 'PSY') return !(target.grant?.withheld ?? []).includes('mental-health');
  return true;
}

// ---- Running it -------------------------------------------------------------------------------

let testHub: TestHub;
let token = '';
let cells = 0;
const failures: string[] = [];
const hubCode = (body: Json) =>
  ((body['issue'] as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding ?? [])[0]?.code;
const entries = (body: Json) => (body['entry'] as { resource: Json; search?: { mode?: string } }[] | undefined) ?? [];
function cell(label: string, expected: unknown, actual: unknown): void {
  cells += 1;
  if (JSON.stringify(expected) !== JSON.stringify(actual))
    failures.push(`${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function refusal(label: string, expected: { status: number; code?: string }, answer: { status: number; body: Json }): void {
  cell(`${label} status`, expected.status, answer.status);
  if (expected.code && answer.status === expected.status) cell(`${label} code`, expected.code, hubCode(answer.body));
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      account = hub.borough.personas.familyCarer?.account ?? '';
      await placeFixtures(hub, account);
    },
  });
  token = await testHub.signIn('carer', { scope: 'openid fhirUser user/*.rs user/Observation.c user/MedicationStatement.c' });
});
after(() => testHub.close());

test('every carer request × every kind of proxy permission answers as the rules say', async (context) => {
  for (const [index, target] of TARGETS.entries()) {
    const id = patientId(index);
    const who = target.name;
    // Reads of every type and kind of item, and searches of every type.
    for (const type of RECORD_TYPES) {
      const access = expectedRead(target, type);
      for (const label of LABELS) {
        const answer = await testHub.call(token, `/${type}/${itemId(type, index, label)}`);
        const name = `${who}: read ${type} (${label})`;
        // R13: an item the carer may not see is not found, as an id of nothing is; the record's refusal is the search's.
        if (access.status !== 200) cell(name, 404, answer.status);
        else cell(name, expectedVisible(target, label) ? 200 : 404, answer.status);
      }
      const search = await testHub.call(token, `/${type}?patient=${id}&_count=200`);
      const name = `${who}: search ${type}`;
      if (access.status !== 200) {
        refusal(name, access, search);
        continue;
      }
      cell(`${name} status`, 200, search.status);
      const found = new Set(
        entries(search.body)
          .filter((entry) => entry.search?.mode === 'match')
          .map((entry) => String(entry.resource['id'])),
      );
      cell(
        `${name} items`,
        LABELS.map((label) => expectedVisible(target, label)),
        LABELS.map((label) => found.has(itemId(type, index, label))),
      );
      cell(`${name} withheld notice`, true, JSON.stringify(search.body).includes('INFORMATION_WITHHELD'));
    }
    // Finding the person: only while in force, and a break-glass reason changes nothing for a carer.
    for (const reason of [undefined, 'Collapsed at home and not answering']) {
      const found = await testHub.call(token, `/Patient?_id=${id}`, { headers: reason ? { 'x-break-glass-reason': reason } : {} });
      const ids = entries(found.body)
        .filter((entry) => entry.search?.mode === 'match')
        .map((entry) => String(entry.resource['id']));
      cell(`${who}: Patient search${reason ? ' with a break-glass reason' : ''}`, [200, target.inForce], [found.status, ids.includes(id)]);
      const read = await testHub.call(token, `/Patient/${id}`, { headers: reason ? { 'x-break-glass-reason': reason } : {} });
      cell(`${who}: Patient read${reason ? ' with a break-glass reason' : ''}`, target.inForce ? 200 : 403, read.status);
    }
    // The Patient, and the summary: refused, or with the sections the permission leaves out named.
    const patient = await testHub.call(token, `/Patient/${id}`);
    if (target.inForce) cell(`${who}: Patient`, 200, patient.status);
    else refusal(`${who}: Patient`, { status: 403, code: 'NO_PROXY_ACCESS' }, patient);
    const summary = await testHub.call(token, `/Patient/${id}/$summary`);
    if (!target.inForce) refusal(`${who}: $summary`, { status: 403, code: 'NO_PROXY_ACCESS' }, summary);
    else {
      cell(`${who}: $summary status`, 200, summary.status);
      const narrowed = !(target.grant?.actions ?? ALL).includes('view-record');
      cell(`${who}: $summary says what it leaves out`, narrowed, JSON.stringify(summary.body).includes('PROXY_RESTRICTED'));
      const ids = entries(summary.body).map((entry) => String(entry.resource['id']));
      cell(
        `${who}: $summary holds nothing NOPAT or SEX`,
        [],
        ids.filter((item) => /-(nopat|sex)$/.test(item)),
      );
    }
    // Writes: readings and medicines by permission; Consents and access logs never.
    for (const [type, action] of [
      ['Observation', 'add-readings'],
      ['MedicationStatement', 'add-medicines'],
    ] as const) {
      const body = entryOf(type, id);
      const answer = await testHub.call(token, `/${type}`, { method: 'POST', body });
      const expected = !target.inForce
        ? { status: 403, code: 'NO_PROXY_ACCESS' }
        : (target.grant?.actions ?? ALL).includes(action)
          ? { status: 201 }
          : { status: 403, code: 'PROXY_RESTRICTED' };
      refusal(`${who}: add ${type}`, expected, answer);
    }
    // A conditional create answers with the entry it finds: never one the carer could not read directly. A carer who
    // may add but not read is matched only with what they added themself (carer-add-only.test.ts): not these.
    for (const [type, action] of [
      ['Observation', 'add-readings'],
      ['MedicationStatement', 'add-medicines'],
    ] as const) {
      const mayAdd = target.inForce && (target.grant?.actions ?? ALL).includes(action);
      const mayRead = expectedRead(target, type).status === 200;
      for (const label of LABELS) {
        for (const [form, condition] of [
          ['system|value', `identifier=${ITEM_SYSTEM}|${itemId(type, index, label)}`],
          ['value', `identifier=${itemId(type, index, label)}`],
          ['system|', `identifier=${ITEM_SYSTEM}|`],
        ] as const) {
          const body = entryOf(type, id);
          const answer = await testHub.call(token, `/${type}`, { method: 'POST', body, headers: { 'if-none-exist': condition } });
          const name = `${who}: add ${type} if none exists (${form}, ${label})`;
          if (!target.inForce) refusal(name, { status: 403, code: 'NO_PROXY_ACCESS' }, answer);
          else if (!mayAdd) refusal(name, { status: 403, code: 'PROXY_RESTRICTED' }, answer);
          else if (form === 'system|') refusal(name, { status: 400 }, answer);
          else if (mayRead && expectedVisible(target, label))
            cell(name, [200, itemId(type, index, label)], [answer.status, answer.body['id']]);
          // A match the carer may not see is no match: the entry is added.
          else cell(name, [201, false], [answer.status, answer.body['id'] === itemId(type, index, label)]);
        }
      }
    }
    cell(`${who}: Consents`, 403, (await testHub.call(token, `/Consent?patient=${id}`)).status);
    cell(`${who}: access log`, 403, (await testHub.call(token, `/AuditEvent?patient=${id}`)).status);
  }
  // The people list: exactly those in force, linked by this carer's own account.
  const people = await testHub.call(token, `/RelatedPerson?identifier=${CARER_ACCOUNT_SYSTEM}|${account}&_count=200`);
  const listed = new Set(
    entries(people.body)
      .filter((entry) => entry.search?.mode === 'match')
      .map((entry) => (entry.resource['patient'] as { reference: string }).reference),
  );
  for (const [index, target] of TARGETS.entries())
    cell(`${target.name}: in the people list`, target.inForce, listed.has(`Patient/${patientId(index)}`));

  context.diagnostic(
    `carer matrix: ${TARGETS.length} permissions × ${RECORD_TYPES.length} types × ${LABELS.length} kinds of item: ${cells} cells checked`,
  );
  assert.deepEqual(failures.slice(0, 25), [], `${failures.length} of ${cells} cells differ from the rules`);
});
