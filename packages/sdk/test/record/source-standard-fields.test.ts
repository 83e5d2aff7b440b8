/**
 * Issue 13, finding 5: items from a server that does not follow the hub's
 * `meta.source` convention are named from standard FHIR — every field that
 * says who recorded or provided an item, crossed with every way a reference
 * can name an organisation or a person — and never another's name. The
 * hub's own convention still wins where it is present.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { organizationNames, referenceNames, sourceOf, ODS_SYSTEM } from '../../src/index.js';

const ODS = { system: ODS_SYSTEM, value: 'RXA' };
const ORGANISATION = { resourceType: 'Organization', id: 'org-9', name: 'Riverside Hospital', identifier: [ODS] };

/** How a reference can name the organisation: each must give "Riverside Hospital" (and RXA where the code is known). */
const organisationForms: [string, (value: object) => object, { odsCode: string }][] = [
  ['display', () => ({ reference: 'Organization/org-9', display: 'Riverside Hospital' }), { odsCode: 'unknown' }],
  ['identifier (ODS) only', () => ({ identifier: ODS }), { odsCode: 'RXA' }],
  ['a reference to an Organization in the same answer', () => ({ reference: 'Organization/org-9' }), { odsCode: 'unknown' }],
  ['a contained Organization', () => ({ reference: '#o1' }), { odsCode: 'RXA' }],
];

/** The fields that carry a source, and how each holds its reference. */
const fields: [string, string, (reference: object) => unknown][] = [
  ['Encounter', 'serviceProvider', (reference) => reference],
  ['DocumentReference', 'custodian', (reference) => reference],
  ['Observation', 'performer', (reference) => [reference]],
  ['Procedure', 'performer', (reference) => [{ actor: reference }]],
  ['Immunization', 'performer', (reference) => [{ actor: reference }]],
  ['MedicationRequest', 'requester', (reference) => reference],
  ['Condition', 'recorder', (reference) => reference],
  ['AllergyIntolerance', 'asserter', (reference) => reference],
  ['MedicationStatement', 'informationSource', (reference) => reference],
  ['CarePlan', 'author', (reference) => reference],
  ['Flag', 'author', (reference) => reference],
  ['Composition', 'author', (reference) => [reference]],
  ['EpisodeOfCare', 'managingOrganization', (reference) => reference],
];

const names = (...resources: unknown[]) => new Map([...organizationNames(resources), ...referenceNames(resources)]);

describe('the source of an item from another server', () => {
  for (const [type, field, wrap] of fields)
    for (const [form, make, expected] of organisationForms)
      test(`${type}.${field} by ${form}`, () => {
        const item = {
          resourceType: type,
          id: 'x1',
          [field]: wrap(make({})),
          ...(form === 'a contained Organization' ? { contained: [{ ...ORGANISATION, id: 'o1' }] } : {}),
        };
        const known = form === 'display' ? new Map() : names(ORGANISATION);
        assert.deepEqual(sourceOf(item, known), { odsCode: expected.odsCode, name: 'Riverside Hospital' });
      });

  test('an organisation is named before a person, whichever field comes first', () => {
    const item = {
      resourceType: 'Encounter',
      participant: [{ individual: { reference: 'Practitioner/p1', display: 'Dr Ann Jones' } }],
      serviceProvider: { display: 'Riverside Hospital' },
    };
    assert.equal(sourceOf(item, new Map()).name, 'Riverside Hospital');
  });

  test('a person when no organisation is named: display, or a contained Practitioner', () => {
    assert.equal(
      sourceOf({ resourceType: 'Condition', recorder: { reference: 'Practitioner/p1', display: 'Dr Ann Jones' } }, new Map()).name,
      'Dr Ann Jones',
    );
    const contained = {
      resourceType: 'Condition',
      recorder: { reference: '#p' },
      contained: [{ resourceType: 'Practitioner', id: 'p', name: [{ prefix: ['Dr'], given: ['Ann'], family: 'Jones' }] }],
    };
    assert.equal(sourceOf(contained, new Map()).name, 'Dr Ann Jones');
  });

  test('a Provenance naming who provided the item', () => {
    const item = { resourceType: 'Observation', id: 'obs-1' };
    const provenance = {
      resourceType: 'Provenance',
      target: [{ reference: 'Observation/obs-1' }],
      agent: [{ who: { reference: 'Organization/org-9' } }],
    };
    assert.deepEqual(sourceOf(item, names(ORGANISATION, provenance)), { odsCode: 'unknown', name: 'Riverside Hospital' });
    assert.equal(
      sourceOf({ resourceType: 'Observation', id: 'obs-2' }, names(ORGANISATION, provenance)).name,
      'Not known',
      'only its targets',
    );
  });

  test('nothing readable is "Not known", never another organisation; wrong types are skipped', () => {
    for (const item of [
      { resourceType: 'Condition' },
      { resourceType: 'Condition', recorder: 'Dr Jones' },
      { resourceType: 'Condition', recorder: { reference: 'Organization/unknown' } },
      { resourceType: 'Condition', recorder: { display: 42 } },
      { resourceType: 'Condition', recorder: { reference: '#missing' } },
      null,
    ])
      assert.deepEqual(sourceOf(item, names(ORGANISATION)), { odsCode: 'unknown', name: 'Not known' }, JSON.stringify(item));
  });

  test('the hub’s meta.source still wins', () => {
    const item = {
      resourceType: 'Condition',
      meta: { source: 'https://care-record.example/source/F83999' },
      recorder: { display: 'Someone else' },
    };
    assert.deepEqual(sourceOf(item, new Map([['F83999', 'Tufnell Green Surgery']])), { odsCode: 'F83999', name: 'Tufnell Green Surgery' });
  });
});
