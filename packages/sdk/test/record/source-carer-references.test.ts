/**
 * A carer or relative who recorded, reported or performed an item is the
 * carer, however the item refers to them: a RelatedPerson contained in the
 * item (`#carer1`), a relative or absolute reference, or a display or
 * identifier whose reference `type` says RelatedPerson. Before, a contained
 * RelatedPerson (and an absolute URL) fell under "Other" in the timeline's
 * filter, with the carer's name as if an organisation had sent it; on the
 * hub's own resident entries a contained carer read as the resident.
 *
 * A `#id` is resolved only within the item that holds it: a RelatedPerson
 * contained in another item is not this one's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { careSettingOf } from '../../src/record/care-setting.js';
import { createTimeline, RESIDENT_SOURCE, sourceOf, type TimelineEvent, type TimelineResource } from '../../src/record/index.js';

const PATIENT = 'pat-0001';
const none = new Map<string, string>();
const CARER_NAME = "Aoife O'Connor";
const CONTAINED_CARER = {
  resourceType: 'RelatedPerson',
  id: 'carer1',
  patient: { reference: `Patient/${PATIENT}` },
  name: [{ given: ['Aoife'], family: "O'Connor" }],
};

/** Each way a reference can name the carer, and the name the source should then carry. */
const FORMS: [form: string, reference: Record<string, unknown>, name: string][] = [
  ['contained #id', { reference: '#carer1' }, CARER_NAME],
  ['contained #id with a display', { reference: '#carer1', display: 'Aoife (daughter)' }, CARER_NAME],
  ['relative RelatedPerson/x', { reference: 'RelatedPerson/rp-1', display: CARER_NAME }, CARER_NAME],
  ['relative, no display', { reference: 'RelatedPerson/rp-1' }, 'A carer'],
  ['absolute URL', { reference: 'https://fhir.example.nhs.uk/R4/RelatedPerson/rp-1', display: CARER_NAME }, CARER_NAME],
  ['absolute URL with a version', { reference: 'https://fhir.example.nhs.uk/R4/RelatedPerson/rp-1/_history/3' }, 'A carer'],
  ['display only, typed', { type: 'RelatedPerson', display: CARER_NAME }, CARER_NAME],
  [
    'display only, typed by canonical URL',
    { type: 'http://hl7.org/fhir/StructureDefinition/RelatedPerson', display: CARER_NAME },
    CARER_NAME,
  ],
  ['identifier only, typed', { type: 'RelatedPerson', identifier: { system: 'https://example.org/carers', value: 'c-17' } }, 'A carer'],
];

/** Where each element sits, on a resource type that carries it. */
const ELEMENTS: [element: string, resourceType: string, place: (reference: object) => unknown][] = [
  ['recorder', 'Condition', (reference) => reference],
  ['asserter', 'Condition', (reference) => reference],
  ['informationSource', 'MedicationStatement', (reference) => reference],
  ['performer', 'Observation', (reference) => [reference]],
  ['performer (actor)', 'Procedure', (reference) => [{ actor: reference }]],
  ['author', 'DocumentReference', (reference) => [reference]],
  ['author (single)', 'CarePlan', (reference) => reference],
];

const itemWith = (resourceType: string, element: string, value: unknown, extra: object = {}) => ({
  resourceType,
  id: 'x-1',
  subject: { reference: `Patient/${PATIENT}` },
  contained: [CONTAINED_CARER],
  [element.replace(/ .*/, '')]: value,
  ...extra,
});

describe('source: a carer, by every form of reference × every element that says who', () => {
  for (const [element, resourceType, place] of ELEMENTS)
    for (const [form, reference, name] of FORMS) {
      test(`${resourceType}.${element} by ${form}: the carer, under "Carer or relative"`, () => {
        const source = sourceOf(itemWith(resourceType, element, place(reference)), none);
        assert.deepEqual(source, { odsCode: 'resident', name });
        assert.equal(careSettingOf(source), 'carer');
      });
      test(`${resourceType}.${element} by ${form}, on the hub's resident entry: the carer, not the resident`, () => {
        const item = itemWith(resourceType, element, place(reference), {
          meta: { source: 'https://care-record.example/source/resident' },
        });
        assert.deepEqual(sourceOf(item, none), { odsCode: 'resident', name });
      });
    }
});

describe('source: what is not a carer stays so', () => {
  test('a #id resolves only within the item: without the contained carer it is not one', () => {
    const item = { resourceType: 'Condition', id: 'x-1', recorder: { reference: '#carer1' } };
    assert.notEqual(careSettingOf(sourceOf(item, none)), 'carer');
  });
  test('a contained Practitioner is a person, not a carer', () => {
    const item = {
      resourceType: 'Condition',
      id: 'x-1',
      contained: [{ resourceType: 'Practitioner', id: 'p1', name: [{ prefix: ['Dr'], given: ['Ann'], family: 'Jones' }] }],
      recorder: { reference: '#p1' },
    };
    assert.deepEqual(sourceOf(item, none), { odsCode: 'unknown', name: 'Dr Ann Jones' });
  });
  test('an absolute URL to a Patient is the resident (self-reported)', () => {
    const item = { resourceType: 'Condition', id: 'x-1', recorder: { reference: `https://fhir.example.nhs.uk/R4/Patient/${PATIENT}` } };
    assert.deepEqual(sourceOf(item, none), RESIDENT_SOURCE);
  });
  test('a relative who came to an encounter (a contained RelatedPerson participant) is not its source', () => {
    const item = {
      resourceType: 'Encounter',
      id: 'e-1',
      contained: [CONTAINED_CARER],
      participant: [{ individual: { reference: '#carer1' } }, { individual: { reference: 'Practitioner/p', display: 'Dr Ann Jones' } }],
    };
    assert.deepEqual(sourceOf(item, none), { odsCode: 'unknown', name: 'Dr Ann Jones' });
  });
});

describe('timeline: a carer’s entry is filtered under carers', () => {
  const eventOf = (resource: object): TimelineEvent => {
    const timeline = createTimeline({ patientId: PATIENT, organizations: none, audience: 'clinician', now: '2026-12-06T09:00:00Z' });
    timeline.add([resource as TimelineResource]);
    const [event] = timeline.view().days.flatMap((day) => day.events);
    assert.ok(event);
    return event;
  };
  for (const [form, reference, name] of FORMS)
    test(`an Observation performed by a carer (${form})`, () => {
      const event = eventOf({
        resourceType: 'Observation',
        id: 'o-1',
        status: 'final',
        code: { text: 'Body weight' },
        subject: { reference: `Patient/${PATIENT}` },
        effectiveDateTime: '2026-12-01',
        valueQuantity: { value: 70, unit: 'kg' },
        contained: [CONTAINED_CARER],
        performer: [reference],
      });
      assert.equal(event.setting, 'carer');
      assert.equal(event.source.name, name);
    });
});
