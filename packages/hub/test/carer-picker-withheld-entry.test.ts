/**
 * The carer portal's picker lists the people a carer acts for from what the hub says he may act for — his permissions
 * in force — not from reading his own entry first. Found after 6564b36: a carer whose only entry on a resident's record
 * is kept from him (social care kept, his entry recorded by the council) reached her record through the API, but
 * `loadPeopleActedFor` read his own entry (`404`) and listed no one; with a second, readable entry it dropped her.
 * The class: how many of his entries he may read × why an entry is not his to read (a category kept from him, his
 * permission stopped, ended, or not yet accepted) × whether her name can be read. Listed exactly when a permission is
 * in force, named from her own record, "Not known" when it has no name — never left out, never someone else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHubClient, isProxyConsent, loadPeopleActedFor, type Consent } from '@care-record/sdk';
import { carerAccounts } from '../src/policy/invitations.js';
import { defaultVisibility } from '../src/policy/visibility.js';
import { ACT_CODE } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
let testHub: TestHub;
let carerToken = '';
let account = '';
let entry: Json = {};
let residentId = '';
let resident: Json = {};
let permissions: Json[] = [];
const OTHER = 'pat-000001';
const SECOND = 'carer-picker-second';
const SC = { system: 'https://care-record.example/CodeSystem/sharing-category', code: 'social-care' };

const put = (resource: Json) => testHub.hub.store.put(resource, Date.now());
const byCouncil = (person: Json): Json => ({
  ...person,
  meta: { ...(person['meta'] as Json), source: 'https://care-record.example/source/LA999' },
});
const byPractice = (person: Json): Json => ({
  ...person,
  meta: { ...(person['meta'] as Json), source: 'https://care-record.example/source/F83999' },
});
const keeping = (consent: Json): Json => ({
  ...consent,
  provision: { ...(consent['provision'] as Json), provision: [{ type: 'deny', securityLabel: [SC] }] },
});

/** Why his entry on her record is not his to read; `inForce` whether he still acts for her. */
const WHY: Record<string, { inForce: boolean; permission: (consent: Json) => Json }> = {
  'social care kept from him, his entry the council’s': { inForce: true, permission: keeping },
  'permission stopped': { inForce: false, permission: (consent) => ({ ...keeping(consent), status: 'inactive' }) },
  'permission ended': {
    inForce: false,
    permission: (consent) => {
      const kept = keeping(consent) as { provision: Json };
      return { ...kept, provision: { ...kept.provision, period: { start: '2025-01-01', end: '2026-01-01' } } };
    },
  },
  'permission not yet accepted': { inForce: false, permission: (consent) => ({ ...keeping(consent), status: 'proposed' }) },
};

before(async () => {
  testHub = await startTestHub();
  const carer = testHub.hub.borough.personas.familyCarer;
  assert.ok(carer);
  entry = (await testHub.hub.store.read('RelatedPerson', carer.relatedPersonId))!.resource;
  residentId = String((entry['patient'] as { reference?: string }).reference).replace('Patient/', '');
  resident = (await testHub.hub.store.read('Patient', residentId))!.resource;
  account = String(
    ((entry['identifier'] as { system?: string; value?: string }[]) ?? []).find((id) => id.system?.includes('carer-account'))?.value,
  );
  const all = await testHub.hub.store.search({
    type: 'Consent',
    patientId: residentId,
    criteria: [],
    sort: { by: 'lastUpdated', descending: true },
    count: 500,
    visibility: { hiddenLabels: [] },
  });
  permissions = all.matches
    .map((match) => match.resource)
    .filter((consent) => isProxyConsent(consent as unknown as Consent) && JSON.stringify(consent).includes(`RelatedPerson/${entry['id']}`));
  assert.ok(
    permissions.some((consent) => consent['status'] === 'active'),
    'the carer acts for her',
  );
  carerToken = await testHub.signIn('carer');
});
after(() => testHub.close());

/** Sets the world up, asks the hub whom he signs in as, and runs the picker as the portal does. */
async function picker(setup: {
  why: (typeof WHY)[string];
  /** His entry on a second resident's record: none, one he may read, or one kept from him too. */
  second: 'none' | 'readable' | 'withheld';
  nameReadable: boolean;
}): Promise<{ listed: { patientId: string; name: string }[]; expected: { patientId: string; name: string }[] }> {
  const active = permissions.find((consent) => consent['status'] === 'active')!;
  const secondPermission = JSON.parse(
    JSON.stringify(active)
      .replaceAll(`Patient/${residentId}`, `Patient/${OTHER}`)
      .replaceAll(`RelatedPerson/${entry['id']}`, `RelatedPerson/${SECOND}`),
  ) as Json;
  try {
    for (const consent of permissions) await put(setup.why.permission(consent));
    await put(byCouncil(entry));
    if (!setup.nameReadable) {
      const { name: _name, ...nameless } = resident;
      await put(nameless);
    }
    if (setup.second !== 'none') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = {
        ...(setup.second === 'readable' ? byPractice(entry) : byCouncil(entry)),
        id: SECOND,
        patient: { reference: `Patient/${OTHER}` },
      };
      await put(second);
      await put({ ...keeping(secondPermission), id: `${SECOND}-permission` });
    }
    const fhirUser = await carerAccounts(testHub.hub.store, Date.now).find(account);
    assert.ok(fhirUser, 'he signs in');
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: carerToken });
    const listed = (await loadPeopleActedFor(hub, fhirUser)).map(({ patientId, name }) => ({ patientId, name }));
    const other = (await testHub.hub.store.read('Patient', OTHER))!.resource as { name?: { given?: string[]; family?: string }[] };
    const expected = [
      ...(setup.why.inForce ? [{ patientId: residentId, name: setup.nameReadable ? nameOf(resident) : 'Not known' }] : []),
      ...(setup.second === 'none' ? [] : [{ patientId: OTHER, name: nameOf(other as Json) }]),
    ].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    return { listed, expected };
  } finally {
    for (const consent of permissions) await put(consent);
    await put(entry);
    await put(resident);
    if (setup.second !== 'none') {
      await put({ ...byPractice(entry), id: SECOND, patient: { reference: `Patient/${OTHER}` }, active: false });
      await put({ ...keeping(secondPermission), id: `${SECOND}-permission`, status: 'inactive' });
    }
  }
}

function nameOf(patient: Json): string {
  const name = (patient['name'] as { given?: string[]; family?: string; use?: string }[])[0]!;
  return [name.given?.join(' '), name.family].filter(Boolean).join(' ');
}

describe('the reported case', () => {
  test('a carer whose only entry is kept from him has his resident listed in the picker', async () => {
    const { listed, expected } = await picker({
      why: WHY['social care kept from him, his entry the council’s']!,
      second: 'none',
      nameReadable: true,
    });
    assert.equal(expected.length, 1);
    assert.deepEqual(listed, expected);
  });
});

describe('the class: entries he may read × why not × her name readable', () => {
  test('listed exactly while a permission is in force, named from her record or "Not known"', async (context) => {
    const wrong: string[] = [];
    let cases = 0;
    const sizes = new Set<number>();
    for (const second of ['none', 'readable', 'withheld'] as const)
      for (const [why, reason] of Object.entries(WHY))
        for (const nameReadable of [true, false]) {
          cases += 1;
          const name = `${second === 'none' ? '0 of 1' : second === 'readable' ? '1 of 2' : '0 of 2'} readable, ${why}, name ${nameReadable ? 'readable' : 'missing'}`;
          try {
            const { listed, expected } = await picker({ why: reason, second, nameReadable });
            sizes.add(expected.length);
            if (JSON.stringify(listed) !== JSON.stringify(expected))
              wrong.push(`${name}: listed ${JSON.stringify(listed)}, expected ${JSON.stringify(expected)}`);
          } catch (error) {
            wrong.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong`);
    assert.deepEqual(wrong, []);
    assert.deepEqual([...sizes].sort(), [0, 1, 2]);
  });
});

/**
 * Her own entry kept from him (restricted, R): the hub's search of his people leaves her out and says so
 * (`INFORMATION_WITHHELD`). She is listed from his entry on her record when he may read it, named "Not known"; when he
 * may not, the picker fails rather than say he acts for nobody.
 */
describe('her own entry kept from him', () => {
  const restricted = () => put({ ...resident, meta: { ...(resident['meta'] as Json), security: [{ system: ACT_CODE, code: 'R' }] } });

  test('with his entry readable, she is listed as "Not known", not left out', async () => {
    await restricted();
    try {
      const fhirUser = await carerAccounts(testHub.hub.store, Date.now).find(account);
      const hub = createHubClient({ baseUrl: testHub.fhir, auth: carerToken });
      const listed = (await loadPeopleActedFor(hub, fhirUser!)).map(({ patientId, name }) => ({ patientId, name }));
      assert.deepEqual(listed, [{ patientId: residentId, name: 'Not known' }]);
    } finally {
      await put(resident);
    }
  });

  test('each label kept from carers on her entry × his entry readable or not: listed "Not known", or a failure', async (context) => {
    const wrong: string[] = [];
    let cases = 0;
    for (const code of defaultVisibility({ kind: 'carer' }).hiddenLabels)
      for (const his of ['readable', 'kept from him'] as const) {
        cases += 1;
        await put({ ...resident, meta: { ...(resident['meta'] as Json), security: [{ system: ACT_CODE, code }] } });
        if (his === 'kept from him') {
          for (const consent of permissions) await put(keeping(consent));
          await put(byCouncil(entry));
        }
        try {
          const fhirUser = await carerAccounts(testHub.hub.store, Date.now).find(account);
          const hub = createHubClient({ baseUrl: testHub.fhir, auth: carerToken });
          const outcome = await loadPeopleActedFor(hub, fhirUser!).then(
            (people) => JSON.stringify(people.map(({ patientId, name }) => ({ patientId, name }))),
            (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
          );
          const expected =
            his === 'readable' ? JSON.stringify([{ patientId: residentId, name: 'Not known' }]) : /^failed: .*cannot be shown/;
          if (typeof expected === 'string' ? outcome !== expected : !expected.test(outcome))
            wrong.push(`${code} on her entry, his entry ${his}: ${outcome}`);
        } finally {
          for (const consent of permissions) await put(consent);
          await put(entry);
          await put(resident);
        }
      }
    context.diagnostic(`${cases} cases; ${wrong.length} wrong`);
    assert.ok(cases >= 6, `only ${cases} cases`);
    assert.deepEqual(wrong, []);
  });

  test('with his entry kept from him too, the picker fails: never "acts for nobody"', async () => {
    await restricted();
    for (const consent of permissions) await put(keeping(consent));
    await put(byCouncil(entry));
    try {
      const fhirUser = await carerAccounts(testHub.hub.store, Date.now).find(account);
      const hub = createHubClient({ baseUrl: testHub.fhir, auth: carerToken });
      await assert.rejects(loadPeopleActedFor(hub, fhirUser!), /cannot be shown/);
    } finally {
      for (const consent of permissions) await put(consent);
      await put(entry);
      await put(resident);
    }
  });
});
