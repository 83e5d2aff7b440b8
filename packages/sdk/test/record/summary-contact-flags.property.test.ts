/**
 * A contact is marked next of kin or carer by what its relationship means,
 * not by a bare code in any system: `N` is next of kin in HL7 v2 table 0131
 * and `NOK` in the v3 RoleCode (or either sent with no system, as older feeds
 * do), SNOMED CT 133932002 is a carer; a local system's `N`, or SNOMED's
 * code sent in another system, is neither. Next of kin decides who a ward
 * rings; a contact wrongly marked is a wrong call made.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const PATIENT = 'pat-1';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const SNOMED = 'http://snomed.info/sct';
const LOCAL = 'https://trust.example/CodeSystem/contact-kind';

function flagsOf(coding: { system?: string; code: string }): { nextOfKin: boolean; carer: boolean } {
  const model = summaryViewModel(
    [
      { resourceType: 'Patient', id: PATIENT },
      {
        resourceType: 'RelatedPerson',
        id: 'rp-1',
        patient: { reference: `Patient/${PATIENT}` },
        active: true,
        name: [{ family: 'OKAFOR', given: ['Ada'] }],
        relationship: [{ coding: [coding] }],
      },
    ],
    { audience: 'clinician', now: new Date('2026-11-28T09:30:00Z'), patientId: PATIENT },
  );
  const [item] = model.sections.contacts.items;
  assert.ok(item, 'the contact is listed');
  return { nextOfKin: item.nextOfKin, carer: item.carer };
}

/** What each coding means: the oracle, written from the code systems. */
const MEANS: { coding: { system?: string; code: string }; nextOfKin: boolean; carer: boolean }[] = [
  { coding: { system: V2, code: 'N' }, nextOfKin: true, carer: false },
  { coding: { code: 'N' }, nextOfKin: true, carer: false },
  { coding: { system: V3, code: 'NOK' }, nextOfKin: true, carer: false },
  { coding: { code: 'NOK' }, nextOfKin: true, carer: false },
  { coding: { system: SNOMED, code: '133932002' }, nextOfKin: false, carer: true },
  { coding: { code: '133932002' }, nextOfKin: false, carer: true },
  { coding: { system: LOCAL, code: 'N' }, nextOfKin: false, carer: false },
  { coding: { system: LOCAL, code: 'NOK' }, nextOfKin: false, carer: false },
  { coding: { system: SNOMED, code: 'N' }, nextOfKin: false, carer: false },
  { coding: { system: V3, code: 'N' }, nextOfKin: false, carer: false },
  { coding: { system: V2, code: 'NOK' }, nextOfKin: false, carer: false },
  { coding: { system: LOCAL, code: '133932002' }, nextOfKin: false, carer: false },
  { coding: { system: V2, code: 'C' }, nextOfKin: false, carer: false },
];

describe('contacts: next of kin and carer are read from what the code means', () => {
  test('reported: a local system’s N is not next of kin', () => {
    assert.equal(flagsOf({ system: LOCAL, code: 'N' }).nextOfKin, false);
  });

  for (const { coding, nextOfKin, carer } of MEANS)
    test(`${coding.system ?? '(no system)'} ${coding.code}: next of kin ${nextOfKin}, carer ${carer}`, () => {
      assert.deepEqual(flagsOf(coding), { nextOfKin, carer });
    });

  test('property: a code in a system that is not HL7’s or SNOMED CT’s never marks next of kin or carer', () => {
    fc.assert(
      fc.property(
        fc.webUrl().filter((url) => !/hl7\.org|snomed\.info/.test(url)),
        fc.constantFrom('N', 'NOK', '133932002', 'n', 'nok'),
        (system, code) => {
          assert.deepEqual(flagsOf({ system, code }), { nextOfKin: false, carer: false });
        },
      ),
      { numRuns: Math.min(PROPERTY_RUNS, 500), seed: seedOr(71) },
    );
  });
});
