/**
 * A contact's relationship sent as an HL7 code with no words — a v3 RoleCode
 * (`MTH`, `NBOR`) or a v2 table 0131 contact role (`C`, `N`) — showed as the
 * bare code: "MTH" for a mother. It now reads in English as used in the UK
 * ("Mother", "Neighbour", "Emergency contact"). Words the source sent always
 * win, even over a code the summary knows; a code it does not know still
 * shows, with its system named when that is known; "Not known" only when the
 * relationship carries nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { summaryViewModel, type RecordAudience } from '../../src/record/index.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = Math.max(500, Math.floor(PROPERTY_RUNS / 5));
const PATIENT = 'pat-1';
const NOW = '2026-11-28T09:30:00Z';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0131';
const SNOMED = 'http://snomed.info/sct';
const AUDIENCES: readonly RecordAudience[] = ['clinician', 'resident'];

/** What each code means, in UK usage: the specification this test holds the summary to. */
const V3_WORDS: Readonly<Record<string, string>> = {
  MTH: 'Mother',
  FTH: 'Father',
  SPS: 'Spouse',
  DAU: 'Daughter',
  SON: 'Son',
  SIS: 'Sister',
  BRO: 'Brother',
  GRMTH: 'Grandmother',
  GRFTH: 'Grandfather',
  FRND: 'Friend',
  NBOR: 'Neighbour',
  GUARD: 'Guardian',
  WIFE: 'Wife',
  HUSB: 'Husband',
  PRN: 'Parent',
  CHILD: 'Child',
  SIB: 'Sibling',
  FAMMEMB: 'Family member',
  DOMPART: 'Partner',
  AUNT: 'Aunt',
  UNCLE: 'Uncle',
  NIECE: 'Niece',
  NEPHEW: 'Nephew',
  COUSN: 'Cousin',
  GRNDDAU: 'Granddaughter',
  GRNDSON: 'Grandson',
  STPMTH: 'Stepmother',
  NOK: 'Next of kin',
  ECON: 'Emergency contact',
};
const V2_WORDS: Readonly<Record<string, string>> = {
  C: 'Emergency contact',
  E: 'Employer',
  N: 'Next of kin',
  CP: 'Contact person',
  EP: 'Emergency contact',
  O: 'Other',
};

const contact = (relationship: unknown[]) => ({
  resourceType: 'RelatedPerson',
  id: 'rp-1',
  meta: { source: 'https://care-record.example/source/LA999' },
  patient: { reference: `Patient/${PATIENT}` },
  active: true,
  name: [{ use: 'official', family: 'OKAFOR', given: ['Ada'] }],
  relationship,
});

const relationshipsOf = (relationship: unknown[], audience: RecordAudience = 'clinician'): string[] => {
  const model = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, contact(relationship)], {
    audience,
    now: new Date(NOW),
    patientId: PATIENT,
  });
  const [item] = model.sections.contacts.items;
  assert.ok(item, 'the contact is listed');
  return item.relationships;
};

describe('contacts: a relationship sent as an HL7 code reads in words', () => {
  test('reported: a v3 RoleCode MTH with no display reads "Mother", not "MTH"', () => {
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V3, code: 'MTH' }] }]), ['Mother']);
  });

  for (const [system, table] of [
    [V3, V3_WORDS],
    [V2, V2_WORDS],
  ] as const) {
    for (const [code, words] of Object.entries(table)) {
      for (const audience of AUDIENCES) {
        test(`${system.split('/').pop()} ${code}, ${audience}: "${words}"; a display given wins`, () => {
          assert.deepEqual(relationshipsOf([{ coding: [{ system, code }] }], audience), [words]);
          assert.deepEqual(relationshipsOf([{ coding: [{ system, code, display: 'As the source says' }] }], audience), [
            'As the source says',
          ]);
          assert.deepEqual(relationshipsOf([{ coding: [{ system, code }, { display: 'nearest relative' }] }], audience), [
            'Nearest relative',
          ]);
          assert.deepEqual(relationshipsOf([{ text: 'Her son-in-law', coding: [{ system, code }] }], audience), ['Her son-in-law']);
        });
      }
    }
  }

  test("the source's display in the standard's spelling reads in ours; other words stay as sent", () => {
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V2, code: 'N', display: 'Next-of-Kin' }] }]), ['Next of kin']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V2, code: 'C', display: 'EMERGENCY CONTACT' }] }]), ['Emergency contact']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V3, code: 'NBOR', display: 'neighbor' }] }]), ['Neighbor']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: SNOMED, code: '133932002', display: 'Caregiver' }] }]), ['Caregiver']);
    assert.deepEqual(relationshipsOf([{ text: 'Next of kin (daughter)', coding: [{ system: V2, code: 'N' }] }]), [
      'Next of kin (daughter)',
    ]);
  });

  test('older feeds: a code with no system, or an STU3 system URI, reads in words', () => {
    assert.deepEqual(relationshipsOf([{ coding: [{ code: 'N' }] }, { coding: [{ code: 'DAU' }] }]), ['Next of kin', 'Daughter']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: 'http://hl7.org/fhir/v3/RoleCode', code: 'NBOR' }] }]), ['Neighbour']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: 'http://hl7.org/fhir/v2/0131', code: 'C' }] }]), ['Emergency contact']);
  });

  test('a code of one system is not read by the other: v2 C is an emergency contact, a C in SNOMED CT is not', () => {
    assert.deepEqual(relationshipsOf([{ coding: [{ system: SNOMED, code: 'C' }] }]), ['SNOMED CT C']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V3, code: 'C' }] }]), ['HL7 RoleCode C']);
  });

  test('an unknown code shows its code, with its system named when known; nothing reads "Not known"', () => {
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V3, code: 'XYZREL' }] }]), ['HL7 RoleCode XYZREL']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: V2, code: 'Z' }] }]), ['HL7 contact role Z']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: SNOMED, code: '58626002' }] }]), ['SNOMED CT 58626002']);
    assert.deepEqual(relationshipsOf([{ coding: [{ system: 'https://council.example/rel', code: 'kin-2' }] }]), ['Kin-2']);
    assert.deepEqual(relationshipsOf([{}, { coding: [{ system: V3 }] }]), ['Not known']);
  });

  test('a mapped next of kin or carer code still marks the contact as such', () => {
    const model = summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, contact([{ coding: [{ system: V2, code: 'N' }] }])], {
      audience: 'clinician',
      now: new Date(NOW),
      patientId: PATIENT,
    });
    assert.equal(model.sections.contacts.items[0]?.nextOfKin, true);
  });

  const blank = fc.constantFrom(undefined, '', '  ');
  const words = fc.constantFrom('Niece by marriage', ' main  unpaid carer ', 'next of kin');
  const system = fc.constantFrom(undefined, '', V3, V2, `${V3}/`, 'http://hl7.org/fhir/v3/RoleCode', SNOMED, 'https://council.example/rel');
  const code = fc.oneof(
    fc.constantFrom(...Object.keys(V3_WORDS), ...Object.keys(V2_WORDS), 'mth', '133932002', 'ZZZ', 'toString', '__proto__'),
    fc.string({ minLength: 1, maxLength: 6 }),
  );
  const coding = fc.record({ system, code: fc.oneof(blank, code), display: fc.oneof(blank, words) }, { requiredKeys: [] });
  const concept = fc.record({ text: fc.oneof(blank, words), coding: fc.array(coding, { maxLength: 3 }) }, { requiredKeys: [] });
  const tidy = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

  test(`property: ${RUNS} relationships — any coding with a code never reads "Not known"; words sent win`, () => {
    fc.assert(
      fc.property(concept, fc.constantFrom(...AUDIENCES), (given, audience) => {
        const [shown] = relationshipsOf([given], audience);
        assert.ok(shown !== undefined);
        const codings = given.coding ?? [];
        const display = codings.map((one) => tidy(one.display)).find(Boolean);
        const coded = codings.some((one) => tidy(one.code));
        const letters = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
        // Words sent win: shown as sent, or as the same words in this summary's spelling.
        const sent = tidy(given.text) || display;
        if (sent) assert.ok(shown === capitalised(sent) || letters(shown) === letters(sent), `${shown} for ${sent}`);
        assert.equal(shown === 'Not known', !tidy(given.text) && !display && !coded);
        assert.doesNotMatch(shown, /undefined|null|\[object/);
      }),
      { numRuns: RUNS, seed: seedOr(20261210) },
    );
  });
});
