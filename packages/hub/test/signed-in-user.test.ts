/**
 * Who is signed in, read the way a host's header reads it: for every persona
 * of the development sign-in, a person's name (never a resource id), and for
 * professionals their role and organisation.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHubClient, readSignedInUser } from '@care-record/sdk';
import { signInPersonas } from '../src/index.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

let testHub: TestHub;
before(async () => {
  testHub = await startTestHub();
});
after(() => testHub.close());

test('every persona is named by person, role and organisation, never by id', async () => {
  const personas = signInPersonas(testHub.hub.borough);
  assert.ok(personas.length >= 5);
  for (const persona of personas) {
    // Someone invited signs in only with a code, as themself on the record that invited them (invitations.test.ts).
    if (persona.fhirUser === '') continue;
    const token = await testHub.signIn(persona.id, {
      scope: persona.role === 'resident' ? 'openid fhirUser launch/patient patient/*.rs' : 'openid fhirUser user/*.rs',
    });
    const hub = createHubClient({ baseUrl: testHub.fhir, auth: token, retry: false });
    const user = await readSignedInUser(hub, persona.fhirUser);
    assert.doesNotMatch(user.name, /\/|Not known|undefined/, persona.id);
    assert.ok(persona.label.includes(user.name.split(' ').at(-1) ?? '—'), `${persona.id}: ${user.name} is the persona ${persona.label}`);
    if (persona.role === 'resident') {
      assert.equal(user.role, undefined);
      assert.equal(user.organisation, undefined);
    } else if (persona.role === 'carer') {
      assert.equal(user.role, 'Carer', persona.id);
      assert.equal(user.organisation, undefined);
    } else {
      assert.ok(user.role && !user.role.includes('/'), `${persona.id} role: ${String(user.role)}`);
      const organization = (await testHub.hub.store.read('Organization', persona.organizationId ?? ''))?.resource;
      assert.equal(user.organisation, organization?.['name'], persona.id);
    }
  }
});
