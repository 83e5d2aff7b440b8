/**
 * What a resident's or carer's writing may name. An entry (a reading, a
 * medicine, a contact to invite) names people and things by reference alone:
 * the resident, the carer themself, or something it contains — never by a
 * display or an identifier (free text the record's views and other systems
 * read as who spoke: "Dr A Patel, GP"), never another resident or an item on
 * anyone's record. It carries no narrative and no modifier extension, which
 * the hub cannot check. A Consent a resident saves names only the resident,
 * people on their own record and organisations the hub knows; it records no
 * professional's verification and no source document of its own. Each refusal
 * is `422`, naming the place.
 *
 * The class: a property over every reference-bearing element of every type a
 * resident or carer may create (on the entry, in its notes, identifiers and
 * extensions, and in each kind of resource it may contain), with every kind
 * of reference an entry may not carry; and a matrix over the places in both
 * kinds of Consent a resident saves.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildEntryResource, buildProxyConsent, sharingConsent, type ValidEntry } from '@care-record/sdk';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;

const RESIDENT = 'pat-000003';
const OTHER_RESIDENT = 'pat-000001';
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';

let testHub: TestHub;
const tokens: Record<string, string> = {};
const own: Record<string, string> = { resident: `Patient/${RESIDENT}` };
/** A contact on the resident's own record, for her permissions to name. */
let contactId = '';
/** An organisation the hub knows. */
let knownOrganization = '';

const entryOf = (entry: ValidEntry): Json => buildEntryResource(entry, RESIDENT, { key: randomUUID() }) as unknown as Json;
const add = (writer: string, body: Json) =>
  testHub.call(tokens[writer], `/${String(body['resourceType'])}`, { method: 'POST', body, headers: { 'x-request-id': randomUUID() } });
const expressionOf = (body: Json): string[] | undefined => (body['issue'] as { expression?: string[] }[] | undefined)?.[0]?.expression;

before(async () => {
  testHub = await startTestHub();
  tokens['resident'] = await testHub.signIn('cared-for-resident', { scope: RESIDENT_SCOPE });
  tokens['carer'] = await testHub.signIn('carer', { scope: CARER_SCOPE });
  const added = await add('carer', entryOf({ kind: 'weight', kilograms: 61.4, measured: '2026-11-27T08:00:00Z' }));
  assert.equal(added.status, 201, JSON.stringify(added.body).slice(0, 300));
  own['carer'] = String((added.body['performer'] as { reference: string }[])[0]?.reference);
  const contact = await add('resident', {
    resourceType: 'RelatedPerson',
    patient: { reference: `Patient/${RESIDENT}` },
    name: [{ text: 'Sam Brown' }],
  });
  assert.equal(contact.status, 201, JSON.stringify(contact.body).slice(0, 300));
  contactId = String(contact.body['id']);
  const organizations = await testHub.call(tokens['resident'], '/Organization?_count=1');
  knownOrganization = String((organizations.body['entry'] as { resource: Json }[])[0]?.resource['id']);
});
after(() => testHub.close());

const ENTRIES: ValidEntry[] = [
  { kind: 'weight', kilograms: 61.4, measured: '2026-11-27T08:00:00Z' },
  { kind: 'blood-pressure', systolic: 128, diastolic: 82, measured: '2026-11-27T08:05:00Z' },
  { kind: 'medicine', name: 'Paracetamol 500mg tablets', dose: 'Two when needed', started: '2026-11-01' },
];

const contactOf = (): Json => ({
  resourceType: 'RelatedPerson',
  patient: { reference: `Patient/${RESIDENT}` },
  name: [{ text: 'Alex Green' }],
  identifier: [{ system: 'https://care-record.example/Id/carer-invitation', value: randomUUID() }],
});

/**
 * Where references go in each type a resident or carer may create, as `element` (single), `element[]` (a list),
 * or `contained:<Type>.element` (in a contained resource of that type). Notes, identifiers and extensions are on
 * every type.
 */
const PLACES: Record<string, readonly string[]> = {
  Observation: [
    'subject',
    'performer[]',
    'device',
    'focus[]',
    'basedOn[]',
    'partOf[]',
    'encounter',
    'specimen',
    'hasMember[]',
    'derivedFrom[]',
  ],
  MedicationStatement: [
    'subject',
    'informationSource',
    'medicationReference',
    'reasonReference[]',
    'basedOn[]',
    'partOf[]',
    'context',
    'derivedFrom[]',
  ],
  RelatedPerson: ['patient'],
};
const EVERY_TYPE_PLACES = [
  'note[].authorReference',
  'identifier[].assigner',
  'extension[].valueReference',
  'component[].extension[].valueReference',
  'contained:Device.owner',
  'contained:Device.patient',
  'contained:Device.location',
  'contained:Device.parent',
  'contained:Device.definition',
  'contained:Medication.manufacturer',
  'contained:Medication.ingredient[].itemReference',
  'contained:Substance.ingredient[].substanceReference',
];
const WRITES: Record<string, readonly string[]> = {
  resident: ['Observation', 'MedicationStatement', 'RelatedPerson'],
  carer: ['Observation', 'MedicationStatement'],
};

/** Puts `value` at `place` in `body`; returns the FHIRPath of where it went. */
function put(body: Json, place: string, value: unknown): string {
  const type = String(body['resourceType']);
  const contained = /^contained:([A-Za-z]+)\.(.+)$/.exec(place);
  if (contained) {
    const list = (body['contained'] as Json[] | undefined) ?? [];
    const resource: Json = { resourceType: contained[1], id: `thing${list.length}` };
    body['contained'] = [...list, resource];
    return `${type}.contained[${list.length}]${putIn(resource, contained[2]!, value)}`;
  }
  if (place === 'medicationReference') delete body['medicationCodeableConcept'];
  if (place.startsWith('component[]') && !Array.isArray(body['component'])) body['component'] = [{ code: { text: 'Part' } }];
  return `${type}${putIn(body, place, value)}`;
}

/** Puts `value` at a dotted path of `element` / `element[]` steps, adding to the last item of a list. */
function putIn(node: Json, place: string, value: unknown): string {
  const [step = '', ...rest] = place.split('.');
  const list = step.endsWith('[]');
  const name = list ? step.slice(0, -2) : step;
  if (rest.length === 0) {
    if (list) {
      const items = (node[name] as unknown[] | undefined) ?? [];
      node[name] = [...items, value];
      return `.${name}[${items.length}]`;
    }
    node[name] = value;
    return `.${name}`;
  }
  if (list) {
    const items = (node[name] as Json[] | undefined) ?? [];
    const item: Json =
      name === 'note'
        ? { text: 'Noted' }
        : name === 'extension'
          ? { url: 'https://example.org/said-by' }
          : name === 'identifier'
            ? { system: 'https://example.org/id', value: randomUUID() }
            : {};
    const index = name === 'component' && items.length > 0 ? items.length - 1 : items.length;
    if (index === items.length) items.push(item);
    node[name] = items;
    return `.${name}[${index}]${putIn(items[index]!, rest.join('.'), value)}`;
  }
  const inner = (node[name] as Json | undefined) ?? {};
  node[name] = inner;
  return `.${name}${putIn(inner, rest.join('.'), value)}`;
}

type Naming =
  | 'a display alone'
  | 'an identifier alone'
  | 'themself, with a display'
  | 'themself, with an identifier'
  | 'another resident'
  | 'an item on a record'
  | 'a contained resource that is not there';

const NAMINGS: readonly Naming[] = [
  'a display alone',
  'an identifier alone',
  'themself, with a display',
  'themself, with an identifier',
  'another resident',
  'an item on a record',
  'a contained resource that is not there',
];
const words = fc.constantFrom('Dr A Patel, GP', 'Practice nurse', 'Whittington Hospital', 'Reviewed by the consultant');

function referenceOf(naming: Naming, writer: string, name: string, place: string): Json {
  // Where the entry says whose record it is on, "themself" is the resident, whoever writes.
  const self = place === 'subject' || place === 'patient' ? `Patient/${RESIDENT}` : own[writer];
  switch (naming) {
    case 'a display alone':
      return { display: name };
    case 'an identifier alone':
      return { identifier: { system: 'https://fhir.hl7.org.uk/Id/gmc-number', value: 'C1234567' } };
    case 'themself, with a display':
      return { reference: self, display: name };
    case 'themself, with an identifier':
      return { reference: self, identifier: { system: 'https://fhir.hl7.org.uk/Id/gmc-number', value: 'C1234567' } };
    case 'another resident':
      return { reference: `Patient/${OTHER_RESIDENT}` };
    case 'an item on a record':
      return { reference: 'Condition/cond-000001-1' };
    case 'a contained resource that is not there':
      return { reference: '#nothing-here' };
  }
}

/** An entry of this type as its writer's app makes it. */
function baseOf(type: string): Json {
  if (type === 'RelatedPerson') return contactOf();
  const entry = ENTRIES.find((candidate) => (candidate.kind === 'medicine') === (type === 'MedicationStatement'));
  return entryOf(entry!);
}

const refusedAt = (answer: { status: number; body: Json }, where: string, what: string) => {
  assert.equal(answer.status, 422, `${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  const named = expressionOf(answer.body)?.[0] ?? '';
  // An element a resident's entry may not have at all is named without what is in it (`Observation.focus`).
  assert.ok(
    named === where || (named.includes('.') && (where.startsWith(`${named}[`) || where.startsWith(`${named}.`))),
    `${what}: named ${named}, placed at ${where}`,
  );
};

describe('the reported case', () => {
  for (const writer of ['resident', 'carer'])
    for (const [type, element] of [
      ['Observation', 'performer'],
      ['MedicationStatement', 'informationSource'],
    ] as const)
      test(`${writer}: ${type}.${element} as a display alone (“Dr A Patel, GP”) is refused, naming it`, async () => {
        const body = baseOf(type);
        const value = { display: 'Dr A Patel, GP' };
        body[element] = element === 'performer' ? [value] : value;
        refusedAt(await add(writer, body), element === 'performer' ? `${type}.performer[0]` : `${type}.${element}`, 'display');
      });

  test('a medicine whose identifier was assigned by a hospital, named in a display, is refused', async () => {
    const body = baseOf('MedicationStatement');
    (body['identifier'] as Json[])[0] = { ...(body['identifier'] as Json[])[0], assigner: { display: 'Whittington Hospital pharmacy' } };
    refusedAt(await add('resident', body), 'MedicationStatement.identifier[0].assigner', 'assigner');
  });
});

describe('the class: every reference in every entry a resident or carer may write', () => {
  for (const writer of ['resident', 'carer'])
    test(`${writer}: a reference that is not theirs alone, anywhere, is refused naming where`, async () => {
      const seen = new Set<string>();
      const cases = fc
        .constantFrom(...WRITES[writer]!)
        .chain((type) =>
          fc.record({
            type: fc.constant(type),
            place: fc.constantFrom(...PLACES[type]!, ...EVERY_TYPE_PLACES),
            naming: fc.constantFrom(...NAMINGS),
            name: words,
          }),
        )
        // The record a create is about is its compartment: naming no one or someone else there is refused as adding
        // to a record not theirs (403), tested with the gate.
        .filter(({ place, naming }) => !((place === 'subject' || place === 'patient') && !naming.startsWith('themself')));
      await fc.assert(
        fc.asyncProperty(cases, async ({ type, place, naming, name }) => {
          seen.add(naming);
          const body = baseOf(type);
          const where = put(body, place, referenceOf(naming, writer, name, place));
          refusedAt(await add(writer, body), where, `${type} ${place} ${naming}`);
        }),
        { numRuns: 150, seed: 20261207 },
      );
      assert.equal(seen.size, NAMINGS.length);
    });

  test('narrative and modifier extensions, on an entry or what it contains, are refused naming where', async () => {
    const narrative = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Reviewed by Dr A Patel: normal</div>' };
    const modifier = [{ url: 'https://example.org/entered-by-clinician', valueBoolean: true }];
    for (const writer of ['resident', 'carer'])
      for (const type of WRITES[writer]!) {
        for (const [element, value] of [
          ['text', narrative],
          ['modifierExtension', modifier],
        ] as const) {
          const body = baseOf(type);
          body[element] = value;
          refusedAt(await add(writer, body), `${type}.${element}`, `${writer} ${type} ${element}`);
          const inside = baseOf(type);
          inside['contained'] = [{ resourceType: 'Device', id: 'scales', [element]: value }];
          refusedAt(await add(writer, inside), `${type}.contained[0].${element}`, `${writer} ${type} contained ${element}`);
        }
      }
  });

  test('what is theirs alone is taken: their own bare reference, and what the entry contains', async () => {
    for (const writer of ['resident', 'carer']) {
      const reading = baseOf('Observation');
      reading['contained'] = [{ resourceType: 'Device', id: 'scales', patient: { reference: `Patient/${RESIDENT}` } }];
      reading['device'] = { reference: '#scales' };
      reading['note'] = [{ authorReference: { reference: own[writer] }, text: 'After breakfast' }];
      const taken = await add(writer, reading);
      assert.equal(taken.status, 201, `${writer}: ${JSON.stringify(taken.body).slice(0, 300)}`);
      const medicine = baseOf('MedicationStatement');
      delete medicine['medicationCodeableConcept'];
      medicine['contained'] = [{ resourceType: 'Medication', id: 'med', code: { text: 'Paracetamol 500mg tablets' } }];
      medicine['medicationReference'] = { reference: '#med' };
      const alsoTaken = await add(writer, medicine);
      assert.equal(alsoTaken.status, 201, `${writer}: ${JSON.stringify(alsoTaken.body).slice(0, 300)}`);
    }
  });
});

describe('a carer writes as themself, never as the resident', () => {
  /** Where an entry says who wrote, recorded or vouched for something, other than what the hub sets itself. */
  const AUTHOR_PLACES = ['note[].authorReference', 'contained:Device.note[].authorReference', 'recorder', 'asserter'];
  test('the reported case: a carer’s note whose author is the resident is refused, naming it', async () => {
    const body = baseOf('Observation');
    body['note'] = [{ authorReference: { reference: `Patient/${RESIDENT}` }, text: 'I feel much better' }];
    refusedAt(await add('carer', body), 'Observation.note[0].authorReference', 'note as the resident');
  });

  for (const type of WRITES['carer']!)
    for (const place of AUTHOR_PLACES)
      test(`${type}: ${place} naming the resident is refused for the carer, and taken from the resident`, async () => {
        const byCarer = baseOf(type);
        const where = put(byCarer, place, { reference: `Patient/${RESIDENT}` });
        refusedAt(await add('carer', byCarer), where, `${type} ${place}`);
        const byResident = baseOf(type);
        put(byResident, place, { reference: `Patient/${RESIDENT}` });
        const taken = await add('resident', byResident);
        assert.equal(taken.status, 201, JSON.stringify(taken.body).slice(0, 300));
      });

  test('what the hub sets itself (performer, information source) may still name the resident, and names the carer', async () => {
    for (const type of WRITES['carer']!) {
      const answer = await add('carer', baseOf(type));
      assert.equal(answer.status, 201, JSON.stringify(answer.body).slice(0, 300));
      const author = type === 'Observation' ? (answer.body['performer'] as Json[])[0] : (answer.body['informationSource'] as Json);
      assert.equal(author?.['reference'], own['carer']);
    }
  });
});

describe('what a resident’s Consent may name', () => {
  const permission = (): Json =>
    buildProxyConsent({
      patientId: RESIDENT,
      relatedPersonId: contactId,
      carerName: 'Sam Brown',
      actions: ['view-appointments'],
      withheld: [],
      status: 'proposed',
    }) as unknown as Json;
  const choice = (): Json => sharingConsent(RESIDENT, { organisations: [], categories: [], exceptions: [] }) as unknown as Json;
  /** A sharing choice is one per resident: each case starts with none in force. */
  async function withoutSharingChoice(): Promise<void> {
    const found = await testHub.call(tokens['resident'], `/Consent?patient=${RESIDENT}&status=active`);
    for (const entry of (found.body['entry'] as { resource: Json }[] | undefined) ?? [])
      if (entry.resource['resourceType'] === 'Consent' && !JSON.stringify(entry.resource['category']).includes('proxy'))
        await testHub.hub.store.put({ ...entry.resource, status: 'inactive' }, Date.now());
  }

  const NOT_THEIRS: [string, () => Json][] = [
    ['another resident', () => ({ reference: `Patient/${OTHER_RESIDENT}` })],
    ['a practitioner', () => ({ reference: 'Practitioner/pr-1' })],
    ['an organisation the hub does not know', () => ({ reference: 'Organization/org-nowhere' })],
    ['an organisation by display alone', () => ({ display: 'Tufnell Park Surgery' })],
    ['another resident’s contact', () => ({ reference: `RelatedPerson/rp-000001-1` })],
  ];
  /** Places in a Consent, and where the hub names them. */
  const CONSENT_PLACES: [string, (consent: Json, value: Json) => string][] = [
    [
      'organization',
      (consent, value) => {
        consent['organization'] = [value];
        return 'Consent.organization[0]';
      },
    ],
    [
      'extension',
      (consent, value) => {
        consent['extension'] = [{ url: 'https://example.org/about', valueReference: value }];
        return 'Consent.extension[0].valueReference';
      },
    ],
    [
      'sourceReference',
      (consent, value) => {
        consent['sourceReference'] = value;
        return 'Consent.sourceReference';
      },
    ],
    [
      'verification',
      (consent, value) => {
        consent['verification'] = [{ verified: true, verifiedWith: value, verificationDate: '2026-11-01' }];
        return 'Consent.verification';
      },
    ],
  ];

  test('the reported case: a sharing choice whose organisation is another resident is refused', async () => {
    await withoutSharingChoice();
    const body = { ...choice(), organization: [{ reference: `Patient/${OTHER_RESIDENT}` }] };
    refusedAt(await add('resident', body), 'Consent.organization[0]', 'organization');
  });

  for (const [kind, make] of [
    ['a permission', permission],
    ['a sharing choice', choice],
  ] as const)
    for (const [placeName, place] of CONSENT_PLACES)
      for (const [what, value] of NOT_THEIRS)
        test(`${kind}: ${placeName} naming ${what} is refused, naming where`, async () => {
          if (make === choice) await withoutSharingChoice();
          const body = make();
          const where = place(body, value());
          refusedAt(await add('resident', body), where, `${placeName} ${what}`);
        });

  test('a permission naming someone else to act, or kept data, is refused naming where', async () => {
    for (const [what, actor] of [
      ['another resident’s contact', 'RelatedPerson/rp-000001-1'],
      ['another resident', `Patient/${OTHER_RESIDENT}`],
      ['a practitioner', 'Practitioner/pr-1'],
    ] as const) {
      const body = permission();
      const actors = (body['provision'] as Json)['actor'] as Json[];
      actors[0] = { ...actors[0], reference: { reference: actor } };
      const answer = await add('resident', body);
      assert.equal(answer.status, 422, `${what}: ${JSON.stringify(answer.body).slice(0, 400)}`);
    }
    const withData = permission();
    (withData['provision'] as Json)['data'] = [{ meaning: 'related', reference: { reference: `Patient/${OTHER_RESIDENT}` } }];
    refusedAt(await add('resident', withData), 'Consent.provision.data[0].reference', 'data');
    // Data the hub would not enforce, even of the resident's own, is not saved as if it narrowed the permission.
    const ownData = permission();
    (ownData['provision'] as Json)['data'] = [{ meaning: 'related', reference: { reference: `Patient/${RESIDENT}` } }];
    refusedAt(await add('resident', ownData), 'Consent.provision.data', 'own data');
  });

  test('a permission keeps from the carer only what the hub withholds: anything else is refused, naming where', async () => {
    // A deny the hub would not apply would tell the resident something is kept from their carer that is not.
    const denies: [string, Json][] = [
      ['class', { class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'Observation' }] }],
      ['code', { code: [{ coding: [{ system: 'http://snomed.info/sct', code: '44054006' }] }] }],
      ['data', { data: [{ meaning: 'instance', reference: { reference: `Patient/${RESIDENT}` } }] }],
      ['period', { period: { end: '2027-01-01' } }],
      ['dataPeriod', { dataPeriod: { start: '2020-01-01' } }],
      ['purpose', { purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] }],
    ];
    for (const [key, extra] of denies) {
      const body = permission();
      (body['provision'] as Json)['provision'] = [
        { type: 'deny', securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }], ...extra },
      ];
      refusedAt(await add('resident', body), `Consent.provision.provision[0].${key}`, `deny with ${key}`);
    }
    const empty = permission();
    (empty['provision'] as Json)['provision'] = [{ type: 'deny' }];
    refusedAt(await add('resident', empty), 'Consent.provision.provision[0]', 'a deny that keeps nothing');
  });

  test('a permission a practice recorded, saying more than a resident may, can still be stopped and changed', async () => {
    // Stopping someone's access must always work: what others recorded stays as it was, and is not the resident's.
    const id = `proxy-practice-${randomUUID()}`;
    const recorded: Json = {
      ...permission(),
      id,
      status: 'active',
      performer: [{ reference: `Organization/${knownOrganization}` }],
      organization: [{ reference: `Organization/${knownOrganization}` }],
      extension: [{ url: 'https://example.org/assessed-by', valueReference: { reference: 'Practitioner/pr-1', display: 'Dr A Patel' } }],
      verification: [{ verified: true, verificationDate: '2026-01-01', verifiedWith: { reference: `Patient/${RESIDENT}` } }],
      meta: { source: 'https://care-record.example/source/F83999' },
    };
    (recorded['provision'] as Json)['provision'] = [
      {
        type: 'deny',
        securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }],
        period: { end: '2030-01-01' },
      },
    ];
    await testHub.hub.store.put(recorded, Date.now());
    const current = await testHub.call(tokens['resident'], `/Consent/${id}`);
    assert.equal(current.status, 200);
    const changed = structuredClone(current.body);
    (changed['provision'] as Json)['action'] = [
      { coding: [{ system: 'https://care-record.example/CodeSystem/proxy-action', code: 'view-record' }] },
    ];
    const change = await testHub.call(tokens['resident'], `/Consent/${id}`, {
      method: 'PUT',
      body: changed,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
    });
    assert.equal(change.status, 200, JSON.stringify(change.body).slice(0, 300));
    const stop = await testHub.call(tokens['resident'], `/Consent/${id}`, {
      method: 'PUT',
      body: { ...change.body, status: 'inactive' },
      headers: { 'if-match': change.headers.get('etag') ?? '' },
    });
    assert.equal(stop.status, 200, JSON.stringify(stop.body).slice(0, 300));
    // What the resident adds is still checked on a change.
    const added = await testHub.call(tokens['resident'], `/Consent/${id}`, {
      method: 'PUT',
      body: { ...stop.body, organization: [{ reference: `Patient/${OTHER_RESIDENT}` }] },
      headers: { 'if-match': stop.headers.get('etag') ?? '' },
    });
    refusedAt(added, 'Consent.organization[0]', 'organization added on a change');
  });

  test('what the resident may name is taken, and the hub names who saved it', async () => {
    await withoutSharingChoice();
    for (const make of [permission, choice]) {
      const body = {
        ...make(),
        organization: [{ reference: `Organization/${knownOrganization}` }],
        performer: [{ reference: 'Practitioner/pr-1' }],
      };
      const answer = await add('resident', body);
      assert.equal(answer.status, 201, JSON.stringify(answer.body).slice(0, 300));
      assert.deepEqual(
        answer.body['performer'],
        [{ reference: `Patient/${RESIDENT}` }],
        'the performer is the resident, whatever was sent',
      );
    }
  });
});
