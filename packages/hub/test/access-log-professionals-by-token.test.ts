/**
 * A look by a professional the hub knows only from their sign-in is told to the resident by name. With an identity
 * provider the hub trusts (docs/external-identity.md), a GP's `fhirUser` is a Practitioner the hub's directory need
 * not hold; the hub writes the look (`policy/audit.ts`) with the name and organisation the verified token gave. Her
 * access log masked every such look as "Someone whose details are not shown", and its purpose as "Not shown": she
 * could not tell her own GP's look from anyone's, though R15 promises her who looked.
 *
 * The class: each directory type an agent is named by (Practitioner, PractitionerRole, Organization) × in this hub's
 * directory or not × written by the hub or sent by another system (an import) × each way she reads her log. A look
 * the hub wrote names its directory agents as written; one another system sent names only what the hub can find; a
 * carer (RelatedPerson) is never named unless found and hers to see.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PERSON_NOT_SHOWN } from '../src/fhir/access-log-views.js';
import { writeAuditEvent } from '../src/policy/audit.js';
import { askAs } from './support/callers.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient patient/*.rs';

let testHub: TestHub;
let residentToken: string;
let knownOrganization: string;
let knownPractitioner: string;
let knownRole: string;

before(async () => {
  testHub = await startTestHub();
  residentToken = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  const first = async (type: string) =>
    String(
      (
        await testHub.hub.store.search({
          type,
          criteria: [],
          sort: { by: 'lastUpdated', descending: false },
          count: 1,
          visibility: { hiddenLabels: [] },
        })
      ).resources[0]?.['id'],
    );
  knownOrganization = await first('Organization');
  knownPractitioner = await first('Practitioner');
  knownRole = await first('PractitionerRole');
});
after(() => testHub.close());

/** A look at her record as the hub writes it, by a professional with this `fhirUser` and organisation. */
async function hubLook(fhirUser: string, organizationId: string, name: string): Promise<string> {
  const description = `Record summary ${name}`;
  await writeAuditEvent(testHub.hub.store, {
    viewer: {
      kind: 'professional',
      fhirUser,
      role: 'gp',
      clinical: true,
      scopes: ['user/*.rs'],
      organizationId,
      name,
      organizationName: `${name}'s surgery`,
    },
    patients: [RESIDENT],
    interaction: 'operation',
    description: 'Record summary',
    breakGlass: false,
    at: Date.now(),
  });
  const found = await testHub.hub.store.search({
    type: 'AuditEvent',
    criteria: [{ kind: 'token', name: 'patient', values: [{ system: '', code: `Patient/${RESIDENT}` }], anySystem: [false] }],
    sort: { by: 'date', descending: true },
    count: 20,
    visibility: { hiddenLabels: [] },
  });
  const event = (found.resources as Json[]).find((look) => JSON.stringify(look['agent']).includes(name));
  assert.ok(event, description);
  return String(event['id']);
}

/** The same look sent by another system: as the hub would write it, but not the hub's (its source is another's). */
async function importedLook(id: string, who: string, name: string): Promise<string> {
  await testHub.hub.store.put({
    resourceType: 'AuditEvent',
    id,
    meta: { source: 'https://other-system.example/audit' },
    type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
    action: 'R',
    recorded: new Date().toISOString(),
    outcome: '0',
    purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }] }],
    agent: [{ who: { reference: who, display: name }, requestor: true, role: [{ text: 'gp' }] }],
    source: { site: 'care-record hub', observer: { display: 'care-record hub' } },
    entity: [{ what: { reference: `Patient/${RESIDENT}` } }],
  });
  return id;
}

async function readWho(id: string, batch: boolean, search: boolean): Promise<string | undefined> {
  const answer = search
    ? await askAs(testHub, residentToken, `/AuditEvent?patient=${RESIDENT}&_count=200`, batch, {})
    : await askAs(testHub, residentToken, `/AuditEvent/${id}`, batch, {});
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const event = search
    ? ((answer.body['entry'] as { resource: Json }[] | undefined) ?? []).map((entry) => entry.resource).find((look) => look['id'] === id)
    : answer.body;
  assert.ok(event, `look ${id} is listed`);
  const requestor = (event['agent'] as { who?: { display?: string }; requestor?: boolean }[]).find((agent) => agent.requestor);
  return requestor?.who?.display;
}

describe('a look by a professional known only from their sign-in names them to her', () => {
  test('the reported case: a GP from a trusted identity provider, not in the directory', async () => {
    const id = await hubLook('Practitioner/ext-idp-4471', knownOrganization, 'Dr Ada Okafor');
    assert.equal(await readWho(id, false, true), 'Dr Ada Okafor');
  });

  test('directory type × in the directory or not × the hub’s or another system’s × each way she reads it', async () => {
    const wrong: string[] = [];
    let n = 0;
    const agents: [type: string, known: string][] = [
      ['Practitioner', knownPractitioner],
      ['PractitionerRole', knownRole],
      ['Organization', knownOrganization],
    ];
    for (const [type, known] of agents)
      for (const inDirectory of [true, false])
        for (const writer of ['the hub', 'another system'] as const) {
          n++;
          const who = `${type}/${inDirectory ? known : `ext-idp-${n}`}`;
          const name = `Named Person ${n}`;
          const id = writer === 'the hub' ? await hubLook(who, knownOrganization, name) : await importedLook(`import-look-${n}`, who, name);
          const expected = writer === 'the hub' || inDirectory ? name : PERSON_NOT_SHOWN;
          for (const batch of [false, true])
            for (const search of [false, true]) {
              const shown = await readWho(id, batch, search);
              if (shown !== expected)
                wrong.push(
                  `${type} ${inDirectory ? 'in' : 'not in'} the directory, by ${writer}, ${search ? 'search' : 'read'}${batch ? ' in a batch' : ''}: ${shown}`,
                );
            }
        }
    assert.deepEqual(wrong, []);
  });

  test('a carer not found is still not named, even in a look the hub wrote', async () => {
    await writeAuditEvent(testHub.hub.store, {
      viewer: { kind: 'carer', fhirUser: 'RelatedPerson/gone-carer', role: 'carer', clinical: false, scopes: [] },
      patients: [RESIDENT],
      interaction: 'read',
      description: 'Patient read',
      breakGlass: false,
      at: Date.now(),
      actingAs: { id: 'gone-carer', name: 'Carer Nobody Knows' },
    });
    const log = await askAs(testHub, residentToken, `/AuditEvent?patient=${RESIDENT}&_count=200`, false, {});
    assert.equal(JSON.stringify(log.body).includes('Carer Nobody Knows'), false);
  });
});
