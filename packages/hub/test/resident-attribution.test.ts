/**
 * What a resident or carer adds speaks only for them. The hub named them as
 * an entry's `performer` or `informationSource`, but took whatever else the
 * entry said: a reading with a contained Practitioner as its note's author,
 * or a medicine whose note was "by" a GP practice, was stored and read back
 * as a clinician speaking. Now a resident's or carer's entry that puts a
 * professional or organisation anywhere — contained, referenced, or named in
 * a display where an author goes — is `422`, naming where (R9).
 *
 * The class: a property over the SDK's own entries (weights, blood pressures,
 * medicines) sent by the resident and by their carer, each with one
 * professional attribution put at a generated place: a contained person or
 * organisation (referred to or not), a reference to one at any attribution
 * element or anywhere else, a display-only or free-text author, the writer's
 * own reference dressed with a name. Each is refused naming that place; the
 * same entries with the writer's own bare reference at the same places are
 * taken.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildEntryResource, type ValidEntry } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

/** The cared-for resident: her family carer signs in as `carer`, with every action. */
const RESIDENT = 'pat-000003';
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';

let testHub: TestHub;
const tokens: Record<string, string> = {};
/** Each writer's own reference: the resident, and the carer's RelatedPerson on her record. */
const own: Record<string, string> = { resident: `Patient/${RESIDENT}` };

const ENTRIES: ValidEntry[] = [
  { kind: 'weight', kilograms: 61.4, measured: '2026-11-27T08:00:00Z' },
  { kind: 'blood-pressure', systolic: 128, diastolic: 82, measured: '2026-11-27T08:05:00Z' },
  { kind: 'medicine', name: 'Paracetamol 500mg tablets', dose: 'Two when needed', started: '2026-11-01' },
];

const entryOf = (entry: ValidEntry): Json => buildEntryResource(entry, RESIDENT, { key: randomUUID() }) as unknown as Json;

async function add(writer: string, body: Json) {
  return testHub.call(tokens[writer], `/${String(body['resourceType'])}`, { method: 'POST', body });
}

before(async () => {
  testHub = await startTestHub();
  tokens['resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  tokens['carer'] = await testHub.signIn('carer', { scope: CARER_SCOPE });
  // The carer's own reference, as the hub names them on what they add.
  const added = await add('carer', entryOf(ENTRIES[0]!));
  assert.equal(added.status, 201, JSON.stringify(added.body).slice(0, 300));
  own['carer'] = String((added.body['performer'] as { reference: string }[])[0]?.reference);
  assert.match(own['carer'], /^RelatedPerson\//);
});
after(() => testHub.close());

const expressionOf = (body: Json): string[] | undefined => (body['issue'] as { expression?: string[] }[] | undefined)?.[0]?.expression;

const doctor = (id: string): Json => ({ resourceType: 'Practitioner', id, name: [{ family: 'Okafor', given: ['Ada'], prefix: ['Dr'] }] });

describe('the reported case', () => {
  for (const writer of ['resident', 'carer'])
    test(`${writer}: a reading whose note is by a contained Practitioner is refused, naming where`, async () => {
      const body = {
        ...entryOf(ENTRIES[0]!),
        contained: [doctor('dr')],
        note: [{ authorReference: { reference: '#dr' }, text: 'Weight is fine, no change to treatment' }],
      };
      const answer = await add(writer, body);
      assert.equal(answer.status, 422, JSON.stringify(answer.body).slice(0, 300));
      assert.deepEqual(expressionOf(answer.body), ['Observation.contained[0]']);
    });

  for (const writer of ['resident', 'carer'])
    test(`${writer}: the SDK’s own entries are still taken`, async () => {
      for (const entry of ENTRIES) {
        const answer = await add(writer, entryOf(entry));
        assert.equal(answer.status, 201, `${entry.kind}: ${JSON.stringify(answer.body).slice(0, 300)}`);
      }
    });
});

/** Professionals and organisations, as a reference to one names them. */
const PROFESSIONAL_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'HealthcareService'] as const;
/** Resources that would put a professional into the entry if contained. */
const CONTAINED_CLAIMS = [...PROFESSIONAL_TYPES, 'Provenance', 'Encounter'] as const;
/** Where an entry says who made, recorded or vouched for it (on the entry, in a note, in a contained device). */
const ATTRIBUTIONS = [
  'performer',
  'informationSource',
  'recorder',
  'asserter',
  'author',
  'requester',
  'note.authorReference',
  'device.owner',
];
/** Other places a reference can go. */
const ELSEWHERE = ['extension.valueReference', 'identifier.assigner', 'note.extension.valueReference'];

type Claim =
  | { kind: 'contained'; type: (typeof CONTAINED_CLAIMS)[number]; position: number; referredFromNote: boolean }
  | { kind: 'reference'; at: string; type: (typeof PROFESSIONAL_TYPES)[number]; absolute: boolean; byType: boolean }
  | { kind: 'display only'; at: string; name: string }
  | { kind: 'own with a name'; at: string; name: string }
  | { kind: 'author text'; name: string };

const names = fc.constantFrom('Dr A Okafor', 'Practice nurse', 'Tufnell Green Surgery', 'GP', 'Consultant cardiologist');
const claims: fc.Arbitrary<Claim> = fc.oneof(
  fc.record({
    kind: fc.constant('contained' as const),
    type: fc.constantFrom(...CONTAINED_CLAIMS),
    position: fc.nat(2),
    referredFromNote: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('reference' as const),
    at: fc.constantFrom(...ATTRIBUTIONS, ...ELSEWHERE),
    type: fc.constantFrom(...PROFESSIONAL_TYPES),
    absolute: fc.boolean(),
    byType: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('display only' as const), at: fc.constantFrom(...ATTRIBUTIONS), name: names }),
  fc.record({ kind: fc.constant('own with a name' as const), at: fc.constantFrom(...ATTRIBUTIONS), name: names }),
  fc.record({ kind: fc.constant('author text' as const), name: names }),
);

/**
 * Puts `value` at `at` in an entry and returns the FHIRPath of where it went. `note.*` goes in a note (made if
 * there is none), `device.owner` in a contained scales Device the reading is made with.
 */
function place(body: Json, at: string, value: unknown): string {
  const type = String(body['resourceType']);
  const list = ['performer', 'author'];
  if (at === 'note.authorReference' || at === 'note.extension.valueReference') {
    const notes = (body['note'] as Json[] | undefined) ?? [];
    const note: Json =
      at === 'note.authorReference'
        ? { authorReference: value, text: 'Noted' }
        : { extension: [{ url: 'https://example.org/said-by', valueReference: value }], text: 'Noted' };
    body['note'] = [...notes, note];
    return at === 'note.authorReference'
      ? `${type}.note[${notes.length}].authorReference`
      : `${type}.note[${notes.length}].extension[0].valueReference`;
  }
  if (at === 'device.owner') {
    const contained = (body['contained'] as Json[] | undefined) ?? [];
    body['contained'] = [...contained, { resourceType: 'Device', id: 'scales', owner: value }];
    return `${type}.contained[${contained.length}].owner`;
  }
  if (at === 'extension.valueReference') {
    body['extension'] = [{ url: 'https://example.org/said-by', valueReference: value }];
    return `${type}.extension[0].valueReference`;
  }
  if (at === 'identifier.assigner') {
    const identifiers = body['identifier'] as Json[];
    identifiers[0] = { ...identifiers[0], assigner: value };
    return `${type}.identifier[0].assigner`;
  }
  if (list.includes(at)) {
    body[at] = [value];
    return `${type}.${at}[0]`;
  }
  body[at] = value;
  return `${type}.${at}`;
}

/** An SDK entry with one professional attribution in it, and the places the hub may name (the first it meets). */
function withClaim(entry: ValidEntry, claim: Claim, writer: string): { body: Json; where: string[] } {
  const body = entryOf(entry);
  const type = String(body['resourceType']);
  switch (claim.kind) {
    case 'contained': {
      const things = [
        { resourceType: 'Device', id: 'scales' },
        { resourceType: 'Substance', id: 'sub', code: { text: 'Water' } },
      ];
      const position = Math.min(claim.position, things.length);
      const contained: Json[] = [...things];
      contained.splice(position, 0, { resourceType: claim.type, id: 'claim' });
      body['contained'] = contained;
      const where = [`${type}.contained[${position}]`];
      if (claim.referredFromNote) where.push(place(body, 'note.authorReference', { reference: '#claim' }));
      return { body, where };
    }
    case 'reference': {
      const id = 'someone';
      const reference = claim.byType
        ? { type: claim.type, identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '123456789012' } }
        : { reference: claim.absolute ? `https://elsewhere.example/fhir/${claim.type}/${id}` : `${claim.type}/${id}` };
      return { body, where: [place(body, claim.at, reference)] };
    }
    case 'display only':
      return { body, where: [place(body, claim.at, { display: claim.name })] };
    case 'own with a name':
      return { body, where: [place(body, claim.at, { reference: own[writer], display: claim.name })] };
    case 'author text': {
      const notes = (body['note'] as Json[] | undefined) ?? [];
      body['note'] = [...notes, { authorString: claim.name, text: 'Noted' }];
      return { body, where: [`${type}.note[${notes.length}].authorString`] };
    }
  }
}

describe('the class: a resident’s or carer’s entry never speaks as a professional', () => {
  for (const writer of ['resident', 'carer'])
    test(`${writer}: a professional attribution anywhere in an entry is refused, naming where`, async () => {
      const kinds = new Set<string>();
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ENTRIES), claims, async (entry, claim) => {
          kinds.add(claim.kind);
          const { body, where } = withClaim(entry, claim, writer);
          const answer = await add(writer, body);
          assert.equal(answer.status, 422, `${JSON.stringify(claim)}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
          const expression = expressionOf(answer.body) ?? [];
          assert.equal(expression.length, 1);
          assert.ok(where.includes(expression[0]!), `${JSON.stringify(claim)}: named ${expression[0]}, placed at ${where.join(' or ')}`);
        }),
        { numRuns: 60, seed: 20261206 },
      );
      assert.equal(kinds.size, 5);
    });

  for (const writer of ['resident', 'carer'])
    test(`${writer}: the writer’s own bare reference at any of those places is taken`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ENTRIES), fc.constantFrom(...ATTRIBUTIONS), async (entry, at) => {
          const body = entryOf(entry);
          place(body, at, { reference: own[writer] });
          const answer = await add(writer, body);
          assert.equal(answer.status, 201, `${at}: ${JSON.stringify(answer.body).slice(0, 300)}`);
        }),
        { numRuns: 20, seed: 20261206 },
      );
    });
});

describe('a contact to invite or a sharing choice speaks for no one either', () => {
  const contact = (extra: Json): Json => ({
    resourceType: 'RelatedPerson',
    patient: { reference: `Patient/${RESIDENT}` },
    name: [{ family: 'Brown', given: ['Sam'] }],
    ...extra,
  });
  const choice = (extra: Json): Json => ({
    resourceType: 'Consent',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${RESIDENT}` },
    provision: { type: 'permit' },
    ...extra,
  });
  const cases: [string, Json, string][] = [
    ['a contact containing a Practitioner', contact({ contained: [doctor('dr')] }), 'RelatedPerson.contained[0]'],
    [
      'a contact naming a practice in an extension',
      contact({ extension: [{ url: 'https://example.org/said-by', valueReference: { reference: 'Organization/org-f83999' } }] }),
      'RelatedPerson.extension[0].valueReference',
    ],
    [
      'a sharing choice containing an Organization',
      choice({ contained: [{ resourceType: 'Organization', id: 'o' }] }),
      'Consent.contained[0]',
    ],
  ];
  for (const [what, body, expression] of cases)
    test(`${what} is refused, naming where`, async () => {
      const answer = await testHub.call(tokens['resident'], `/${String(body['resourceType'])}`, { method: 'POST', body });
      assert.equal(answer.status, 422, JSON.stringify(answer.body).slice(0, 300));
      assert.deepEqual(expressionOf(answer.body), [expression]);
    });
});
