/**
 * Who entered something a carer adds for a resident (PRSB: who recorded it, and in what role). The name is the
 * one the resident typed for them, and may carry a title ("Dr", "Prof.", letters after it); their relationship may
 * be a power of attorney, a guardian, a paid carer, a relative, or not recorded. Every reader (the GP, the resident,
 * the carer) sees the entry as entered by that person, by name without titles, acting for the resident, with the
 * relationship as recorded: never as a doctor's entry, and never "carer" for what is not. Real hub, real HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sourceOf } from '@care-record/sdk';
import type { CarerPersona } from '@care-record/synthetic';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';
const RESIDENT_SCOPE = 'openid fhirUser launch/patient offline_access patient/*.rs';
const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const MOTHER = 'pat-000003';

let hub: TestHub;
let carer: CarerPersona;
before(async () => {
  hub = await startTestHub();
  assert.ok(hub.hub.borough.personas.familyCarer);
  carer = hub.hub.borough.personas.familyCarer;
});
after(() => hub.close());

/** Names as a resident might type them, and the name the entry should give. */
const NAMES: readonly [typed: string, plain: string][] = [
  ['Dr Aoife Lloyd', 'Aoife Lloyd'],
  ['Dr. Aoife Lloyd', 'Aoife Lloyd'],
  ['Prof. Aoife Lloyd', 'Aoife Lloyd'],
  ['Aoife Lloyd MRCGP', 'Aoife Lloyd'],
  ['Dr Aoife Lloyd, GP', 'Aoife Lloyd'],
  ['Nurse Aoife Lloyd RGN', 'Aoife Lloyd'],
  ['Mrs Aoife Lloyd', 'Aoife Lloyd'],
  ['Aoife Lloyd', 'Aoife Lloyd'],
];

/** Relationships as a record may hold them, and the words the entry should use (none: not said). */
const RELATIONSHIPS: readonly { concept: Json | undefined; words: RegExp | undefined }[] = [
  { concept: { coding: [{ system: ROLE_CODE, code: 'POWATT' }] }, words: /\(power of attorney\)$/ },
  { concept: { coding: [{ system: ROLE_CODE, code: 'HPOWATT' }] }, words: /\(healthcare power of attorney\)$/ },
  { concept: { coding: [{ system: ROLE_CODE, code: 'GUARD' }] }, words: /\(guardian\)$/ },
  { concept: { coding: [{ system: ROLE_CODE, code: 'DAU', display: 'daughter' }] }, words: /\(daughter\)$/ },
  { concept: { coding: [{ system: ROLE_CODE, code: 'CAREGIVER', display: 'paid carer' }] }, words: /\(paid carer\)$/ },
  { concept: { text: 'Lasting power of attorney (health and welfare)' }, words: /\(Lasting power of attorney \(health and welfare\)\)$/ },
  { concept: undefined, words: undefined },
];

const PROFESSIONAL = /\b(?:Dr|Doctor|Prof|Professor|Nurse|MRCGP|RGN|GP)\b/;

async function asCarerNamed(typed: string, concept: Json | undefined): Promise<void> {
  const stored = await hub.hub.store.read('RelatedPerson', carer.relatedPersonId!);
  assert.ok(stored, 'the carer is on the mother’s record');
  const { relationship: _dropped, ...rest } = stored.resource;
  await hub.hub.store.put({ ...rest, name: [{ use: 'usual', text: typed }], ...(concept ? { relationship: [concept] } : {}) });
}

const weight = {
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: 'http://snomed.info/sct', code: '27113001', display: 'Body weight' }] },
  subject: { reference: `Patient/${MOTHER}` },
  effectiveDateTime: '2026-11-27T08:00:00Z',
  valueQuantity: { value: 61.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
};

function assertAttribution(label: string, plain: string, words: RegExp | undefined, who: string): void {
  assert.doesNotMatch(label, PROFESSIONAL, `${who}: ${label}`);
  assert.ok(label.startsWith(`${plain}, acting for the resident`), `${who}: ${label}`);
  if (words) assert.match(label, words, `${who}: ${label}`);
  else assert.equal(label, `${plain}, acting for the resident`, who);
  assert.doesNotMatch(label.replace('paid carer', ''), /\bcarer\b/, `${who}: "carer" only when recorded so: ${label}`);
}

describe('a carer’s entry × the name typed for them × their relationship × who reads it', () => {
  for (const [typed, plain] of NAMES)
    for (const { concept, words } of RELATIONSHIPS)
      test(`"${typed}", ${concept ? JSON.stringify(concept) : 'no relationship'}`, async () => {
        await asCarerNamed(typed, concept);
        const carerToken = await hub.signIn('carer', { scope: CARER_SCOPE });
        const created = await hub.call(carerToken, '/Observation', { method: 'POST', body: weight });
        assert.equal(created.status, 201);
        const id = String(created.body['id']);
        const readers = [
          ['GP', await hub.signIn('gp')],
          ['resident', await hub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE })],
          ['carer', carerToken],
        ] as const;
        for (const [who, token] of readers) {
          const read = await hub.call(token, `/Observation/${id}`);
          assert.equal(read.status, 200, who);
          assertAttribution(sourceOf(read.body, new Map()).name, plain, words, who);
        }
      });

  test('an over-the-counter medicine the carer adds is named the same', async () => {
    await asCarerNamed('Dr Aoife Lloyd FRCP', { coding: [{ system: ROLE_CODE, code: 'POWATT' }] });
    const carerToken = await hub.signIn('carer', { scope: CARER_SCOPE });
    const created = await hub.call(carerToken, '/MedicationStatement', {
      method: 'POST',
      body: {
        resourceType: 'MedicationStatement',
        status: 'active',
        medicationCodeableConcept: { text: 'Ibuprofen 200 mg tablets' },
        subject: { reference: `Patient/${MOTHER}` },
        informationSource: { reference: `Patient/${MOTHER}` },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const read = await hub.call(await hub.signIn('gp'), `/MedicationStatement/${String(created.body['id'])}`);
    assert.equal(read.status, 200);
    assert.equal(sourceOf(read.body, new Map()).name, 'Aoife Lloyd, acting for the resident (power of attorney)');
  });
});
