/**
 * A resident whose own entry is withheld by its labels is not silently absent from a Patient search, and
 * break-glass finds them.
 *
 * The reported case: a Patient labelled restricted (`R`) by another organisation was left out of a Patient search
 * with nothing said, so a clinician searching by name or NHS number concluded the person was not registered (a
 * duplicate registration hazard), and with a break-glass reason they still could not find them. Now such a search
 * says that something is not shown (an OperationOutcome entry, `suppressed` `INFORMATION_WITHHELD`, and
 * `meta.security` `REDACTED`, as every withheld item is told), offers a clinician a search with a reason, and
 * that search — and a read or summary of the person with it — finds them, audited as emergency access.
 *
 * The class: every way a Patient search names someone (identifier with and without system, `_id`, family with
 * date of birth, and with `_lastUpdated`) × a resident unlabelled, labelled `R`, sensitive by content, and a
 * labelled stranger to every caller × with and without a reason × every role. The answers expected are from
 * docs/access-policy.md (R3, R6, R7, R8, R8a, R13), not from the hub's code: and the notice never tells a
 * label from another, nor a stranger's existence.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, findPatientByNhsNumber, openRecordReader, PatientLookupError } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { ACT_CODE, exampleOf, OTHER_SOURCE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
type Entry = { resource?: Json; search?: { mode?: string } };

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const REASON = 'Collapsed at the bus station, no history';

const ROLES = ['gp', 'hospital-nurse', 'social-worker', 'receptionist', 'resident', 'carer'] as const;
type Role = (typeof ROLES)[number];
const CLINICAL = new Set<Role>(['gp', 'hospital-nurse', 'social-worker']);

/** The residents searched for: what they carry, and whether the callers' organisations care for them. */
const KINDS = {
  plain: { labelled: false, related: true },
  restricted: { labelled: true, related: true },
  'sensitive by content': { labelled: true, related: true },
  'labelled stranger': { labelled: true, related: false },
} as const;
type Kind = keyof typeof KINDS;

interface Person {
  id: string;
  nhs: string;
  family: string;
  birthDate: string;
}
const people = {} as Record<Kind, Person>;
let testHub: TestHub;
const tokens: Partial<Record<Role, string>> = {};

/** A valid NHS number in the test range (999…) from a nine-digit stem, or undefined when its check digit is 10. */
function nhsNumber(stem: number): string | undefined {
  const digits = String(stem);
  const sum = [...digits].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? undefined : `${digits}${check}`;
}

before(async () => {
  testHub = await startTestHub({
    beforeListen: async (hub) => {
      const organizations = [
        ...new Set(signInPersonas(hub.borough).flatMap((persona) => (persona.organizationId ? [persona.organizationId] : []))),
      ];
      let stem = 999_077_000;
      for (const [index, kind] of (Object.keys(KINDS) as Kind[]).entries()) {
        let nhs: string | undefined;
        while (nhs === undefined) nhs = nhsNumber((stem += 1));
        const person: Person = { id: `pw-${index}`, nhs, family: `Quorlenby${'x'.repeat(index)}`, birthDate: `1961-03-0${index + 1}` };
        people[kind] = person;
        const meta: Json = { source: OTHER_SOURCE };
        if (kind === 'restricted' || kind === 'labelled stranger') meta['security'] = [{ system: ACT_CODE, code: 'R' }];
        await hub.store.put({
          ...exampleOf('Patient'),
          id: person.id,
          meta,
          identifier: [{ system: NHS, value: nhs }],
          name: [{ family: person.family, given: ['Ada'] }],
          birthDate: person.birthDate,
          // What the person is known for says gender reassignment, though nothing labels it.
          ...(kind === 'sensitive by content'
            ? {
                extension: [
                  {
                    url: 'https://care-record.example/test/known-for',
                    valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '93461009' }] },
                  },
                ],
              }
            : {}),
        });
        if (KINDS[kind].related) for (const organization of organizations) await hub.store.relate(person.id, organization);
      }
    },
  });
  for (const role of ROLES) tokens[role] = await testHub.signIn(role);
});
after(() => testHub.close());

/** Every way a Patient search names one person (R8). */
const WAYS: Record<string, (person: Person) => string> = {
  'identifier system|value': (person) => `identifier=${encodeURIComponent(`${NHS}|${person.nhs}`)}`,
  'identifier value': (person) => `identifier=${person.nhs}`,
  _id: (person) => `_id=${person.id}`,
  'family and birthdate': (person) => `family=${person.family}&birthdate=${person.birthDate}`,
  'identifier and _lastUpdated': (person) => `identifier=${encodeURIComponent(`${NHS}|${person.nhs}`)}&_lastUpdated=ge2000-01-01`,
};

const entries = (body: Json): Entry[] => (body['entry'] as Entry[] | undefined) ?? [];
const matches = (body: Json) =>
  entries(body)
    .filter((entry) => entry.search?.mode === 'match')
    .map((entry) => entry.resource?.['id']);
const outcomeCodes = (body: Json): string[] =>
  entries(body)
    .filter((entry) => entry.search?.mode === 'outcome')
    .flatMap((entry) => (entry.resource?.['issue'] as { details?: { coding?: { system?: string; code?: string }[] } }[] | undefined) ?? [])
    .flatMap((issue) => issue.details?.coding ?? [])
    .filter((coding) => coding.system === HUB_ERROR)
    .map((coding) => String(coding.code));
const redacted = (body: Json) =>
  ((body['meta'] as { security?: { code?: string }[] } | undefined)?.security ?? []).some((label) => label.code === 'REDACTED');

async function search(role: Role, query: string, reason: boolean) {
  return testHub.call(tokens[role], `/Patient?${query}`, { headers: reason ? { 'x-break-glass-reason': REASON } : {} });
}

/** The answer the rules give: refused, or found or not, with or without the notice and the offer. */
function expected(role: Role, kind: Kind, reason: boolean): { status: number; found?: boolean; withheld?: boolean; offer?: boolean } {
  const { labelled, related } = KINDS[kind];
  // R6, R16: a resident finds only themself, a carer only whom they act for — none of these — and is told nothing.
  if (role === 'resident' || role === 'carer') return { status: 200, found: false, withheld: false, offer: false };
  // R7: a role that cannot use break-glass and gives a reason is refused.
  if (!CLINICAL.has(role) && reason) return { status: 403 };
  // R8: a reason finds whom the search names exactly, their own entry whatever its labels.
  if (reason) return { status: 200, found: true, withheld: false, offer: false };
  const found = related && !labelled;
  // R13: someone the caller's organisation cares for, not shown by their labels, is told as withheld; a stranger is not.
  const withheld = related && labelled;
  // R8a: a clinician who found nobody, or was not shown someone, is offered the search with a reason.
  return { status: 200, found, withheld, offer: CLINICAL.has(role) && !found };
}

describe('the reported case: a clinician searches by NHS number for a restricted resident their practice cares for', () => {
  test('the answer says something is not shown and offers a reason; with it, the resident is found, read and audited', async () => {
    const person = people.restricted;
    const without = await search('gp', WAYS['identifier system|value']!(person), false);
    assert.equal(without.status, 200);
    assert.deepEqual(matches(without.body), []);
    assert.ok(outcomeCodes(without.body).includes('INFORMATION_WITHHELD'), JSON.stringify(without.body));
    assert.ok(outcomeCodes(without.body).includes('BREAK_GLASS_AVAILABLE'));
    assert.equal(redacted(without.body), true);
    const withReason = await search('gp', WAYS['identifier system|value']!(person), true);
    assert.deepEqual(matches(withReason.body), [person.id]);
    const glass = { headers: { 'x-break-glass-reason': REASON } };
    assert.equal((await testHub.call(tokens.gp, `/Patient/${person.id}`)).status, 404, 'without a reason the entry stays withheld');
    const read = await testHub.call(tokens.gp, `/Patient/${person.id}`, glass);
    assert.equal(read.status, 200);
    assert.equal(read.body['id'], person.id);
    const summary = await testHub.call(tokens.gp, `/Patient/${person.id}/$summary`, glass);
    assert.equal(summary.status, 200);
    const audit = await testHub.hub.store.search({
      type: 'AuditEvent',
      patientId: undefined,
      criteria: [{ kind: 'token', name: 'patient', values: [{ system: '', code: `Patient/${person.id}` }], anySystem: [false] }],
      sort: { by: 'lastUpdated', descending: true },
      count: 50,
      visibility: { hiddenLabels: [] },
    });
    const emergency = audit.resources.filter((event) => JSON.stringify(event).includes('ETREAT') && JSON.stringify(event).includes(REASON));
    assert.ok(emergency.length >= 3, `the search, the read and the summary are audited as emergency access (${emergency.length})`);
  });
});

describe('the class: every way of naming × every kind of resident × with and without a reason × every role', () => {
  for (const role of ROLES)
    for (const kind of Object.keys(KINDS) as Kind[])
      for (const reason of [false, true])
        test(`${role}, ${kind}, ${reason ? 'with' : 'without'} a reason`, async () => {
          const person = people[kind];
          const want = expected(role, kind, reason);
          for (const [way, query] of Object.entries(WAYS)) {
            const answer = await search(role, query(person), reason);
            const label = `${role} / ${kind} / ${way} / ${reason ? 'reason' : 'no reason'}`;
            assert.equal(answer.status, want.status, `${label}: ${JSON.stringify(answer.body).slice(0, 300)}`);
            if (want.status !== 200) continue;
            assert.deepEqual(matches(answer.body), want.found ? [person.id] : [], `${label}: found`);
            const codes = outcomeCodes(answer.body);
            assert.equal(codes.includes('INFORMATION_WITHHELD'), want.withheld, `${label}: says something is not shown`);
            assert.equal(redacted(answer.body), want.withheld, `${label}: REDACTED`);
            assert.equal(codes.includes('BREAK_GLASS_AVAILABLE'), want.offer, `${label}: offers a reason`);
          }
        });

  test('the notice does not tell one label from another, nor how many', async () => {
    for (const role of ['gp', 'receptionist'] as const)
      for (const [way, query] of Object.entries(WAYS)) {
        const comparable = async (person: Person) => {
          const answer = await search(role, query(person), false);
          const { link: _link, ...rest } = answer.body;
          return rest;
        };
        assert.deepEqual(await comparable(people.restricted), await comparable(people['sensitive by content']), `${role} / ${way}`);
      }
    // Two people not shown are told as one is: a search that names both by a list of ids.
    const both = await search('gp', `_id=${people.restricted.id},${people['sensitive by content'].id}`, false);
    assert.equal(both.status, 200);
    assert.deepEqual(matches(both.body), []);
    assert.deepEqual(
      outcomeCodes(both.body).filter((code) => code === 'INFORMATION_WITHHELD'),
      ['INFORMATION_WITHHELD'],
    );
  });
});

describe('end to end: the SDK’s lookup by NHS number and the record it opens', () => {
  const lookUp = async (role: Role, person: Person, reason: boolean): Promise<string> => {
    const client = createHubClient({ baseUrl: testHub.fhir, auth: tokens[role] ?? '', retry: { limit: 0 } });
    try {
      const found = await findPatientByNhsNumber(client, person.nhs, reason ? { headers: { 'x-break-glass-reason': REASON } } : {});
      return `found ${found.patientId}`;
    } catch (error) {
      if (error instanceof PatientLookupError) return error.problem;
      throw error;
    }
  };

  test('a clinician is offered emergency access, and with a reason finds and opens the record; the desk is told it is not shown', async () => {
    const person = people.restricted;
    assert.equal(await lookUp('gp', person, false), 'none-you-may-open');
    assert.equal(await lookUp('receptionist', person, false), 'not-shown');
    assert.equal(await lookUp('gp', people['labelled stranger'], false), 'none-you-may-open');
    assert.equal(await lookUp('receptionist', people['labelled stranger'], false), 'not-found');
    assert.equal(await lookUp('gp', people.plain, false), `found ${people.plain.id}`);
    assert.equal(await lookUp('gp', person, true), `found ${person.id}`);
    const client = createHubClient({ baseUrl: testHub.fhir, auth: tokens.gp ?? '', retry: { limit: 0 } });
    const page = await openRecordReader(client, person.id, { audience: 'clinician', breakGlassReason: REASON }).page();
    assert.equal(page.patient.id, person.id);
  });
});

describe('a resident whose own entry is kept from them (NOPAT)', () => {
  test('finds nobody, and is told that something is not shown, with no offer', async () => {
    const personas = signInPersonas(testHub.hub.borough);
    const own = personas.find((persona) => persona.id === 'resident')?.patientId ?? '';
    const stored = (await testHub.hub.store.read('Patient', own))!.resource;
    const before = await search('resident', `_id=${own}`, false);
    assert.deepEqual(matches(before.body), [own]);
    assert.equal(outcomeCodes(before.body).includes('INFORMATION_WITHHELD'), false);
    const meta = (stored['meta'] as Json | undefined) ?? {};
    await testHub.hub.store.put({ ...stored, meta: { ...meta, security: [{ system: ACT_CODE, code: 'NOPAT' }] } });
    try {
      const answer = await search('resident', `_id=${own}`, false);
      assert.equal(answer.status, 200);
      assert.deepEqual(matches(answer.body), []);
      assert.deepEqual(outcomeCodes(answer.body), ['INFORMATION_WITHHELD']);
      assert.equal(redacted(answer.body), true);
    } finally {
      await testHub.hub.store.put({ ...stored, meta });
    }
  });
});
