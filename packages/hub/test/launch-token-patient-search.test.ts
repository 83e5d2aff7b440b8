/**
 * A launch names a patient; it opens nothing by itself. Anyone may ask the hub for a launch of any resident (as an
 * EHR does before it opens an app), and a GP or receptionist signed in with it held a `patient/` token for a resident
 * their organisation has nothing to do with, or who had declined to share with it. A read of `Patient/{id}` was
 * refused, but a Patient search by `_id` or NHS number found the whole entry — audited as an ordinary look — and a
 * receptionist's reason was taken as break-glass (R4, R6, R7, R8).
 *
 * The class: for every persona signed in with a launch, every kind of launch patient (cared for, a stranger, one who
 * declined to share, the one a carer acts for), every way a search names a person, directly and in a batch, with and
 * without a reason: the search finds the token's patient exactly when a read of that patient's entry opens it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signInPersonas } from '../src/index.js';
import { askAs } from './support/callers.js';
import { ACT_CODE, OTHER_SOURCE, sharingChoiceExcluding } from './support/policy-fixtures.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const PERSONAS = ['gp', 'receptionist', 'hospital-nurse', 'social-worker', 'carer'] as const;
/** The resident the family carer acts for (the synthetic borough's cared-for resident). */
const MOTHER = 'pat-000003';

let testHub: TestHub;
const launchPatients: Record<string, string> = {};

async function launchToken(persona: string, patient: string): Promise<string | undefined> {
  const launch = await fetch(`${testHub.origin}/auth/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patient }),
  });
  const { launch: launchId } = (await launch.json()) as { launch: string };
  return testHub.signIn(persona, { launch: launchId, scope: 'openid fhirUser launch patient/*.rs' }).catch(() => undefined);
}

/** Every way a search names one person: by id, by NHS number, by family name and date of birth. */
function namings(entry: Json): string[] {
  const id = String(entry['id']);
  const identifier = (entry['identifier'] as { system?: string; value?: string }[] | undefined)?.[0];
  const name = (entry['name'] as { family?: string }[] | undefined)?.[0];
  return [
    `/Patient?_id=${id}`,
    ...(identifier?.value ? [`/Patient?identifier=${encodeURIComponent(`${identifier.system ?? ''}|${identifier.value}`)}`] : []),
    ...(name?.family && entry['birthDate']
      ? [`/Patient?family=${encodeURIComponent(name.family)}&birthdate=${String(entry['birthDate'])}`]
      : []),
  ];
}

const found = (body: Json, id: string) =>
  ((body['entry'] as { resource?: Json; search?: { mode?: string } }[] | undefined) ?? []).some(
    (entry) => entry.search?.mode !== 'outcome' && entry.resource?.['id'] === id,
  );

before(async () => {
  testHub = await startTestHub();
  const gpOrganization = signInPersonas(testHub.hub.borough).find((persona) => persona.id === 'gp')?.organizationId ?? '';
  const ids = Array.from({ length: 60 }, (_, n) => `pat-${String(n + 1).padStart(6, '0')}`).filter((id) => id !== MOTHER);
  let related: string | undefined;
  let stranger: string | undefined;
  for (const id of ids) {
    const isRelated = await testHub.hub.store.isRelated(id, gpOrganization);
    if (isRelated && related === undefined) related = id;
    else if (!isRelated && stranger === undefined) stranger = id;
    if (related && stranger) break;
  }
  const declined = ids.find((id) => id !== related && id !== stranger) ?? '';
  await testHub.hub.store.relate(declined, gpOrganization);
  await testHub.hub.store.put(sharingChoiceExcluding(declined, [gpOrganization], 'launch-search-declined'));
  // Her own entry restricted by another organisation: withheld from the practice but for a reason (R8).
  const restricted = ids.find((id) => ![related, stranger, declined].includes(id)) ?? '';
  await testHub.hub.store.relate(restricted, gpOrganization);
  const entry = (await testHub.hub.store.read('Patient', restricted))!.resource as Json;
  await testHub.hub.store.put({ ...entry, meta: { source: OTHER_SOURCE, security: [{ system: ACT_CODE, code: 'R' }] } });
  Object.assign(launchPatients, {
    'cared for by the practice': related ?? '',
    'a stranger to it': stranger ?? '',
    'declined to share with it': declined,
    'the carer’s mother': MOTHER,
    'restricted by another organisation': restricted,
  });
  for (const [kind, id] of Object.entries(launchPatients)) assert.notEqual(id, '', `a launch patient who is ${kind}`);
});

after(() => testHub.close());

describe('a patient/ token finds its launch patient only as a read of them opens', () => {
  test('a GP launched for a stranger, or for someone who declined to share, does not find them', async () => {
    for (const kind of ['a stranger to it', 'declined to share with it']) {
      const patient = launchPatients[kind]!;
      const token = await launchToken('gp', patient);
      assert.ok(token, 'the GP signs in with the launch');
      assert.equal((await testHub.call(token, `/Patient/${patient}`)).status, 403, `${kind}: the read is refused`);
      const search = await testHub.call(token, `/Patient?_id=${patient}`);
      assert.equal(search.status, 200);
      assert.equal(found(search.body, patient), false, `${kind}: the search found the entry a read refuses`);
    }
  });

  test('a clinician’s reason finds her restricted entry, and the look is audited as emergency access', async () => {
    const patient = launchPatients['restricted by another organisation']!;
    const token = await launchToken('gp', patient);
    const reason = 'Collapsed in the waiting room, no history';
    const search = await testHub.call(token, `/Patient?_id=${patient}`, { headers: { 'x-break-glass-reason': reason } });
    assert.equal(found(search.body, patient), true, 'found with a reason');
    const looks = (
      await testHub.hub.store.search({
        type: 'AuditEvent',
        criteria: [{ kind: 'token', name: 'patient', values: [{ system: '', code: `Patient/${patient}` }], anySystem: [false] }],
        sort: { by: 'date', descending: true },
        count: 50,
        visibility: { hiddenLabels: [] },
      })
    ).resources as Json[];
    const purposes = looks.map((look) => JSON.stringify(look['purposeOfEvent'] ?? []));
    assert.ok(
      purposes.some((purpose) => purpose.includes('ETREAT') && purpose.includes(reason)),
      'the search that opened her entry is audited as emergency access, with its reason',
    );
  });

  test('every persona × launch patient × naming × batch or not × reason or not: search agrees with read', async () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const persona of PERSONAS)
      for (const [kind, patient] of Object.entries(launchPatients)) {
        const token = await launchToken(persona, patient);
        if (token === undefined) continue;
        const entry = (await testHub.hub.store.read('Patient', patient))!.resource as Json;
        for (const reason of [undefined, 'Unconscious in the emergency department'])
          for (const batch of [false, true]) {
            const headers: Record<string, string> = reason ? { 'x-break-glass-reason': reason } : {};
            const read = await askAs(testHub, token, `/Patient/${patient}`, batch, headers);
            for (const path of namings(entry)) {
              const search = await askAs(testHub, token, path, batch, headers);
              compared++;
              const searchFinds = search.status === 200 && found(search.body, patient);
              if (searchFinds !== (read.status === 200))
                disagreements.push(
                  `${persona} / ${kind} / ${path.split('?')[1]?.split('=')[0]} / ${batch ? 'batch' : 'direct'} / ${reason ? 'reason' : 'no reason'}: read ${read.status}, search ${search.status} ${searchFinds ? 'found' : 'did not find'}`,
                );
            }
          }
      }
    assert.ok(compared >= 100, `compared ${compared}`);
    assert.deepEqual(disagreements, [], `${disagreements.length} of ${compared}`);
  });
});
