/**
 * An encounter's class read whichever system the source used: HL7 v3
 * ActCode (R4's binding), HL7 v2 table 0004 as v2-to-FHIR feeds send it, a
 * bare code, or words only. What kind of event it is and where it happened
 * follow the class, so an A&E attendance sent as v2 `E` is an A&E
 * attendance, never a consultation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createBorough } from '@care-record/synthetic';
import { organizationNames, timelineViewModel, type TimelineResource } from '../../src/record/index.js';
import { encounterClassCode } from '../../src/record/encounter-class.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const ORGANIZATIONS = organizationNames(createBorough({ residents: 5 }).organizations);
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0004';

/** One encounter at a hospital with this class, and the kind of event the timeline makes of it. */
function kindOf(coding: Record<string, string>): { type: string; setting: string } {
  const encounter = {
    resourceType: 'Encounter',
    id: 'enc-1',
    meta: { source: 'https://care-record.example/source/RZ9' },
    status: 'finished',
    class: coding,
    type: [{ text: 'Seen' }],
    subject: { reference: `Patient/${PATIENT}` },
    period: { start: '2025-03-01T10:00:00Z' },
  } as unknown as TimelineResource;
  const view = timelineViewModel(
    { resources: [encounter], patientId: PATIENT, organizations: ORGANIZATIONS },
    { audience: 'clinician', now: '2026-11-28T09:00:00Z' },
  );
  const event = view.days[0]!.events[0]!;
  return { type: event.type, setting: event.setting };
}

/** [how the source sent it, the v3 class it means, the timeline's kind of event]. */
const MATRIX: [Record<string, string>, string | undefined, string][] = [
  [{ system: V3, code: 'EMER' }, 'EMER', 'a-and-e'],
  [{ system: V3, code: 'IMP' }, 'IMP', 'admission'],
  [{ system: V3, code: 'AMB' }, 'AMB', 'outpatient'],
  [{ code: 'EMER' }, 'EMER', 'a-and-e'],
  [{ code: 'emer' }, 'EMER', 'a-and-e'],
  [{ system: V2, code: 'E' }, 'EMER', 'a-and-e'],
  [{ system: V2, code: 'I' }, 'IMP', 'admission'],
  [{ system: V2, code: 'O' }, 'AMB', 'outpatient'],
  [{ code: 'E' }, 'EMER', 'a-and-e'],
  [{ code: 'I' }, 'IMP', 'admission'],
  [{ system: 'https://trust.example/encounter-class', code: 'AE', display: 'Accident and Emergency' }, 'EMER', 'a-and-e'],
  [{ system: 'https://trust.example/encounter-class', code: 'IP', display: 'Inpatient' }, 'IMP', 'admission'],
  [{ system: 'https://trust.example/encounter-class', code: 'emergency' }, 'EMER', 'a-and-e'],
  // Nothing says which: the timeline's generic kind, as for an encounter with no class at all.
  [{ system: 'https://trust.example/encounter-class', code: 'X9' }, undefined, 'consultation'],
];

test('the class means the same whichever system sent it, and the event follows it', () => {
  const failures: string[] = [];
  for (const [coding, meaning, type] of MATRIX) {
    const what = JSON.stringify(coding);
    if (encounterClassCode(coding) !== meaning) failures.push(`${what}: read as ${encounterClassCode(coding)}, not ${meaning}`);
    const kind = kindOf(coding);
    if (kind.type !== type) failures.push(`${what}: a ${kind.type} event, not ${type}`);
    if (kind.setting !== 'hospital') failures.push(`${what}: in ${kind.setting}`);
  }
  assert.deepEqual(failures, []);
});

test('any code of an unknown system without telling words is no class, never a guessed one', () => {
  fc.assert(
    fc.property(
      fc
        .string({ minLength: 1, maxLength: 6 })
        .filter((code) => !/emergency|inpatient|outpatient|ambulatory|acute|admission|home|virtual|video|telephone|a\s*&\s*e/i.test(code)),
      (code) => encounterClassCode({ system: 'https://vendor.example/class', code }) === undefined,
    ),
    { seed: seedOr(20261219) },
  );
});

/** The names the v3 ActCode and v2 table 0004 systems go by in real exports: R4's, STU3's, their OIDs, spelt loosely. */
const V3_SPELLINGS = [
  V3,
  `${V3}/`,
  ' http://terminology.hl7.org/CodeSystem/v3-ActCode ',
  'http://hl7.org/fhir/v3/ActCode',
  'urn:oid:2.16.840.1.113883.5.4',
];
const V2_SPELLINGS = [V2, `${V2}/`, 'http://hl7.org/fhir/v2/0004', 'urn:oid:2.16.840.1.113883.12.4'];

test('reported: an A&E attendance from a system on STU3 names (http://hl7.org/fhir/v3/ActCode, EMER) is an A&E attendance', () => {
  assert.equal(encounterClassCode({ system: 'http://hl7.org/fhir/v3/ActCode', code: 'EMER' }), 'EMER');
  assert.equal(kindOf({ system: 'http://hl7.org/fhir/v3/ActCode', code: 'EMER' }).type, 'a-and-e');
});

test('property: every name of the v3 and v2 systems reads each of their codes as R4’s name does', () => {
  const v3 = fc.tuple(fc.constantFrom(...V3_SPELLINGS), fc.constantFrom('AMB', 'EMER', 'IMP', 'HH', 'ACUTE', 'SS', 'VR', 'emer'));
  const v2 = fc.tuple(fc.constantFrom(...V2_SPELLINGS), fc.constantFrom('E', 'I', 'O', 'B', 'e'));
  fc.assert(
    fc.property(
      fc.oneof(
        v3.map(([system, code]) => ({ system, code, canonical: V3 })),
        v2.map(([system, code]) => ({ system, code, canonical: V2 })),
      ),
      ({ system, code, canonical }) => {
        assert.equal(encounterClassCode({ system, code }), encounterClassCode({ system: canonical, code }), `${system} ${code}`);
        assert.notEqual(encounterClassCode({ system, code }), undefined);
      },
    ),
    { seed: seedOr(20261220) },
  );
});
