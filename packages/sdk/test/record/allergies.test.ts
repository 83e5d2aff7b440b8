import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import type { AllergyIntolerance } from '../../src/fhir.js';
import {
  allergyState,
  readNotices,
  recordAllergyState,
  summaryViewModel,
  type AllergyState,
  type AllergyStateInput,
  type RecordNotices,
} from '../../src/record/index.js';

type SearchBundle = NonNullable<AllergyStateInput['bundle']> & { meta?: { security?: { code?: string }[] } };

const example = (name: string): SearchBundle =>
  (JSON.parse(readFileSync(new URL(`../../../../openapi/examples/${name}`, import.meta.url), 'utf8')) as { value: SearchBundle }).value;

const organizations = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['F83998', 'Canonbury Lock Medical Practice'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
]);
const clinician = { audience: 'clinician', organizations } as const;
const resident = { audience: 'resident', organizations } as const;
const noNotices: RecordNotices = { withheld: false, unavailableSources: [] };
const gpUnavailable: RecordNotices = { withheld: false, unavailableSources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }] };
const hospitalUnavailable: RecordNotices = {
  withheld: false,
  unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }],
};

const SNOMED = 'http://snomed.info/sct';
const status = (code: 'active' | 'inactive' | 'resolved') => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical' as const, code }],
});
const verification = (code: 'confirmed' | 'unconfirmed' | 'refuted' | 'entered-in-error') => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification' as const, code }],
});

let counter = 0;
function allergy(overrides: Partial<AllergyIntolerance> = {}): AllergyIntolerance {
  counter += 1;
  return {
    resourceType: 'AllergyIntolerance',
    id: `alg-${counter}`,
    meta: { source: 'https://care-record.example/source/F83999', lastUpdated: '2024-02-06T11:32:10Z' },
    clinicalStatus: status('active'),
    verificationStatus: verification('confirmed'),
    code: { coding: [{ system: SNOMED, code: '91936005', display: 'Allergy to penicillin' }], text: 'Penicillin allergy' },
    patient: { reference: 'Patient/pat-0001' },
    recordedDate: '2024-02-06T11:30:00+00:00',
    recorder: { reference: 'Practitioner/prac-0001', display: 'Dr Priya Raman' },
    ...overrides,
  } as AllergyIntolerance;
}

const nka = (overrides: Partial<AllergyIntolerance> = {}): AllergyIntolerance =>
  allergy({
    code: { coding: [{ system: SNOMED, code: '716186003', display: 'No known allergy' }], text: 'No known allergies' },
    ...overrides,
  });

const bundleOf = (...allergies: AllergyIntolerance[]): SearchBundle => ({
  entry: allergies.map((resource) => ({ resource, search: { mode: 'match' } })),
});

const state = (input: Partial<AllergyStateInput>, options: Parameters<typeof allergyState>[1] = clinician): AllergyState =>
  allergyState({ notices: noNotices, ...input }, options);

describe('allergyState: the four states from the contract examples', () => {
  test('known allergies', () => {
    const bundle = example('allergy-intolerance-search.json');
    assert.deepEqual(state({ bundle, notices: readNotices([bundle]) }), {
      kind: 'known',
      label: 'Known allergies',
      withheld: false,
      items: [
        {
          id: 'alg-0001',
          substance: 'Penicillin allergy',
          type: 'Allergy',
          category: 'Medication',
          reactions: [{ manifestations: ['Rash'], severity: 'Moderate' }],
          severity: 'Moderate',
          criticality: 'High',
          verification: 'Confirmed',
          status: 'Active',
          onset: '1987',
          lastUpdated: '06-Feb-2024',
          lastUpdatedBy: 'Dr Priya Raman',
          recordedBy: 'Dr Priya Raman',
          reportedByResident: false,
          notes: ['Widespread itchy rash within hours of first dose of amoxicillin. Avoid all penicillins.'],
          source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
        },
      ],
      resolved: [],
      unavailableSources: [],
    });
  });

  test('no known allergies', () => {
    const bundle = example('allergy-intolerance-search-no-known-allergy.json');
    assert.deepEqual(state({ bundle, notices: readNotices([bundle]) }), {
      kind: 'no-known-allergies',
      label: 'No known allergies',
      withheld: false,
      statement: 'No known allergies',
      source: { odsCode: 'F83998', name: 'Canonbury Lock Medical Practice' },
      recorded: '10-Jun-2025',
      recordedBy: 'Dr Samuel Okoro',
      resolved: [],
    });
  });

  test('allergies not recorded', () => {
    const bundle = example('allergy-intolerance-search-not-recorded.json');
    assert.deepEqual(state({ bundle, notices: readNotices([bundle]) }), {
      kind: 'not-recorded',
      label: 'Allergies not recorded',
      withheld: false,
      resolved: [],
    });
  });

  test('allergies unavailable: the GP did not answer and there are no matches', () => {
    const bundle = example('allergy-intolerance-search-source-unavailable.json');
    assert.deepEqual(state({ bundle, notices: readNotices([bundle]), gpSourceOds: 'F83999' }), {
      kind: 'unavailable',
      label: 'Allergies unavailable',
      withheld: false,
      reason: 'source-unavailable',
      sources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }],
    });
  });
});

describe('allergyState: an error or a missing source is never "none"', () => {
  const cases: { name: string; input: Partial<AllergyStateInput>; kind: AllergyState['kind']; reason?: string; label?: string }[] = [
    { name: 'search failed', input: { failed: true }, kind: 'unavailable', reason: 'error' },
    {
      name: 'search failed even though an old bundle is passed',
      input: { failed: true, bundle: bundleOf(allergy()) },
      kind: 'unavailable',
      reason: 'error',
    },
    { name: 'no result at all', input: {}, kind: 'unavailable', reason: 'error' },
    {
      name: 'GP unavailable, zero items',
      input: { bundle: bundleOf(), notices: gpUnavailable },
      kind: 'unavailable',
      reason: 'source-unavailable',
    },
    {
      name: 'hospital unavailable, GP says no known allergies',
      input: { bundle: bundleOf(nka()), notices: hospitalUnavailable },
      kind: 'unavailable',
      reason: 'source-unavailable',
    },
    {
      name: 'GP unavailable, only a resolved allergy visible',
      input: { bundle: bundleOf(allergy({ clinicalStatus: status('resolved') })), notices: gpUnavailable },
      kind: 'unavailable',
      reason: 'source-unavailable',
    },
    { name: 'search succeeded with no entries', input: { bundle: bundleOf() }, kind: 'not-recorded' },
    { name: 'search succeeded with no entry array', input: { bundle: {} }, kind: 'not-recorded' },
    { name: 'NKA plus an active allergy', input: { bundle: bundleOf(nka(), allergy()) }, kind: 'known' },
    { name: 'NKA alone', input: { bundle: bundleOf(nka()) }, kind: 'no-known-allergies' },
    {
      name: 'no known drug allergy (409137002)',
      input: { bundle: bundleOf(nka({ code: { coding: [{ system: SNOMED, code: '409137002', display: 'No known drug allergy' }] } })) },
      kind: 'no-known-allergies',
      label: 'No known drug allergies',
    },
    {
      name: 'text-only "NKDA" is a statement, not a substance',
      input: { bundle: bundleOf(allergy({ code: { text: 'NKDA' } })) },
      kind: 'no-known-allergies',
      label: 'No known drug allergies',
    },
    {
      name: 'a resolved NKA statement is no statement',
      input: { bundle: bundleOf(nka({ clinicalStatus: status('resolved') })) },
      kind: 'not-recorded',
    },
    {
      name: 'only an entered-in-error allergy',
      input: { bundle: bundleOf(allergy({ verificationStatus: verification('entered-in-error') })) },
      kind: 'not-recorded',
    },
    {
      name: 'only a refuted allergy',
      input: { bundle: bundleOf(allergy({ verificationStatus: verification('refuted') })) },
      kind: 'not-recorded',
    },
    { name: 'only a resolved allergy', input: { bundle: bundleOf(allergy({ clinicalStatus: status('resolved') })) }, kind: 'not-recorded' },
    {
      name: 'GP unavailable but the hospital recorded an allergy',
      input: { bundle: bundleOf(allergy({ meta: { source: 'https://care-record.example/source/RZ9' } })), notices: gpUnavailable },
      kind: 'known',
    },
  ];
  for (const { name, input, kind, reason, label } of cases) {
    test(name, () => {
      const result = state(input);
      assert.equal(result.kind, kind);
      assert.equal(
        result.label,
        label ??
          {
            known: 'Known allergies',
            'no-known-allergies': 'No known allergies',
            'not-recorded': 'Allergies not recorded',
            unavailable: 'Allergies unavailable',
            'not-permitted': 'Allergies not available to your role',
          }[kind],
      );
      if (reason !== undefined) assert.equal(result.kind === 'unavailable' && result.reason, reason);
    });
  }

  test('search failed names no sources', () => {
    assert.deepEqual(state({ failed: true, notices: gpUnavailable }), {
      kind: 'unavailable',
      label: 'Allergies unavailable',
      withheld: false,
      reason: 'error',
      sources: [],
    });
  });

  test('known allergies with the GP missing still name it, the GP first', () => {
    const result = state({
      bundle: bundleOf(allergy({ meta: { source: 'https://care-record.example/source/RZ9' } })),
      notices: { withheld: false, unavailableSources: [...hospitalUnavailable.unavailableSources, ...gpUnavailable.unavailableSources] },
      gpSourceOds: 'F83999',
    });
    assert.equal(result.kind, 'known');
    assert.deepEqual(result.kind === 'known' && result.unavailableSources, [
      { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
      { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' },
    ]);
  });

  test('NKA plus an active allergy lists only the allergy', () => {
    const result = state({ bundle: bundleOf(nka(), allergy({ id: 'alg-pen' })) });
    assert.deepEqual(result.kind === 'known' && result.items.map((item) => item.id), ['alg-pen']);
  });

  test('the most recent NKA statement gives the source and date', () => {
    const older = nka({
      recordedDate: '2019-03-01',
      meta: { source: 'https://care-record.example/source/RZ9', lastUpdated: '2019-03-01T10:00:00Z' },
    });
    const newer = nka({
      recordedDate: '2025-06-10T14:00:00+01:00',
      meta: { source: 'https://care-record.example/source/F83999', lastUpdated: '2025-06-10T13:02:33Z' },
      code: { coding: [{ system: SNOMED, code: '409137002', display: 'No known drug allergy' }] },
    });
    const result = state({ bundle: bundleOf(older, newer) });
    assert.deepEqual(result.kind === 'no-known-allergies' && [result.statement, result.recorded, result.source.name], [
      'No known drug allergy',
      '10-Jun-2025',
      'Tufnell Green Surgery',
    ]);
  });

  test('withheld items do not change the state, and are flagged', () => {
    const withheld = { withheld: true, unavailableSources: [] };
    assert.deepEqual(
      [state({ bundle: bundleOf(), notices: withheld }), state({ bundle: bundleOf(nka()), notices: withheld })].map((result) => [
        result.kind,
        result.withheld,
      ]),
      [
        ['not-recorded', true],
        ['no-known-allergies', true],
      ],
    );
  });

  test('included practitioners and outcome entries are not allergies', () => {
    const bundle: SearchBundle = {
      entry: [
        { resource: { resourceType: 'Practitioner', id: 'prac-0001' }, search: { mode: 'include' } },
        { resource: allergy(), search: { mode: 'include' } },
        { resource: { resourceType: 'OperationOutcome', issue: [] }, search: { mode: 'outcome' } },
      ],
    };
    assert.equal(state({ bundle }).kind, 'not-recorded');
  });
});

describe('allergyState: items as recorded, however ugly', () => {
  const only = (resource: AllergyIntolerance, options: Parameters<typeof allergyState>[1] = clinician) => {
    const result = state({ bundle: bundleOf(resource) }, options);
    assert.equal(result.kind, 'known');
    return result.kind === 'known' ? result.items[0]! : assert.fail('not known');
  };

  // Plain objects: ugly feeds send explicit `undefined`s and fields the types do not allow.
  const cases: { name: string; resource: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    { name: 'text-only substance', resource: { code: { text: 'Elastoplast' } }, expected: { substance: 'Elastoplast' } },
    {
      name: 'coding display without text',
      resource: { code: { coding: [{ system: SNOMED, code: '300916003', display: 'Latex allergy' }] } },
      expected: { substance: 'Latex allergy' },
    },
    {
      name: 'a local code with no display or text reads as the code it is',
      resource: { code: { coding: [{ system: 'urn:x', code: 'Z99' }] } },
      expected: { substance: 'Z99' },
    },
    { name: 'no code at all', resource: { code: undefined }, expected: { substance: 'Not known' } },
    {
      name: 'substance only on the reaction',
      resource: { code: undefined, reaction: [{ substance: { text: 'Amoxicillin' }, manifestation: [{ text: 'Rash' }] }] },
      expected: { substance: 'Amoxicillin', reactions: [{ manifestations: ['Rash'], severity: 'Not recorded' }] },
    },
    {
      name: 'no clinical status is listed as a known allergy, its status "Not known"',
      resource: { clinicalStatus: undefined },
      expected: { status: 'Not known' },
    },
    {
      name: 'no verification, criticality, type or category',
      resource: { verificationStatus: undefined, criticality: undefined, type: undefined, category: undefined },
      expected: { verification: 'Not recorded', criticality: 'Not recorded', type: 'Not recorded', category: 'Not recorded' },
    },
    {
      name: 'unconfirmed, unable to assess, an intolerance in two categories',
      resource: {
        verificationStatus: verification('unconfirmed'),
        criticality: 'unable-to-assess',
        type: 'intolerance',
        category: ['medication', 'food'],
      },
      expected: { verification: 'Unconfirmed', criticality: 'Unable to assess', type: 'Intolerance', category: 'Medication, Food' },
    },
    {
      name: 'a reaction with no manifestation recorded',
      resource: { reaction: [{ manifestation: [], severity: 'mild' }] },
      expected: { reactions: [{ manifestations: ['Not known'], severity: 'Mild' }], severity: 'Mild' },
    },
    {
      name: 'the most severe of several reactions heads the item',
      resource: {
        reaction: [
          { manifestation: [{ text: 'Hives' }], severity: 'mild' },
          {
            manifestation: [{ coding: [{ system: SNOMED, code: '39579001', display: 'Anaphylaxis' }] }],
            severity: 'severe',
            description: 'Collapsed at the dentist',
          },
          { manifestation: [{ text: 'Nausea' }] },
        ],
      },
      expected: {
        severity: 'Severe',
        reactions: [
          { manifestations: ['Hives'], severity: 'Mild' },
          { manifestations: ['Anaphylaxis'], severity: 'Severe', description: 'Collapsed at the dentist' },
          { manifestations: ['Nausea'], severity: 'Not recorded' },
        ],
      },
    },
    { name: 'no recorder', resource: { recorder: undefined }, expected: { recordedBy: 'Not known' } },
    { name: 'reported by the resident', resource: { asserter: { reference: 'Patient/pat-0001' } }, expected: { reportedByResident: true } },
    { name: 'reported by a carer', resource: { asserter: { reference: 'RelatedPerson/rp-1' } }, expected: { reportedByResident: true } },
    { name: 'asserted by a GP', resource: { asserter: { reference: 'Practitioner/prac-1' } }, expected: { reportedByResident: false } },
    { name: 'onset as free text', resource: { onsetString: 'Childhood' }, expected: { onset: 'Childhood' } },
    { name: 'onset as a period', resource: { onsetPeriod: { start: '2001-04-05' } }, expected: { onset: '05-Apr-2001' } },
    { name: 'onset as an age', resource: { onsetAge: { value: 4, unit: 'years' } }, expected: { onset: 'Age 4 years' } },
    { name: 'no onset', resource: {}, expected: { onset: 'Not recorded' } },
    { name: 'an unreadable onset date', resource: { onsetDateTime: '31/12/2001' }, expected: { onset: 'Not known' } },
    {
      name: 'no meta.lastUpdated falls back to the recorded date',
      resource: { meta: { source: 'https://care-record.example/source/F83999' } },
      expected: { lastUpdated: '06-Feb-2024' },
    },
    {
      name: 'neither last updated nor recorded date; no meta.source, so the recorder names the source',
      resource: { meta: {}, recordedDate: undefined },
      expected: { lastUpdated: 'Not recorded', source: { odsCode: 'unknown', name: 'Dr Priya Raman' } },
    },
    {
      name: 'no meta.source and no one named anywhere',
      resource: { meta: {}, recorder: undefined, asserter: undefined },
      expected: { source: { odsCode: 'unknown', name: 'Not known' } },
    },
    {
      name: 'a source the directory does not know',
      resource: { meta: { source: 'https://care-record.example/source/RV3' } },
      expected: { source: { odsCode: 'RV3', name: 'Not known' } },
    },
    { name: 'no id', resource: { id: undefined }, expected: { id: 'Not known' } },
  ];
  for (const { name, resource, expected } of cases) {
    test(name, () => {
      const item = only(allergy(resource as Partial<AllergyIntolerance>)) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(expected)) assert.deepEqual(item[key], value, key);
    });
  }

  test('resident dates', () => {
    const item = only(allergy({ onsetDateTime: '2008-04-05' }), resident);
    assert.deepEqual([item.onset, item.lastUpdated], ['5 April 2008', '6 February 2024']);
  });
});

describe('allergyState: order and separation', () => {
  test('active: high criticality first, then most recently updated, then by substance; resolved listed apart, newest first', () => {
    const at = (lastUpdated: string) => ({ source: 'https://care-record.example/source/F83999', lastUpdated });
    const result = state({
      bundle: bundleOf(
        allergy({ id: 'grass', code: { text: 'Grass pollen' }, criticality: 'low', meta: at('2026-01-01T00:00:00Z') }),
        allergy({ id: 'peanut', code: { text: 'Peanut' }, criticality: 'high', meta: at('2020-01-01T00:00:00Z') }),
        allergy({ id: 'egg', code: { text: 'Egg' }, clinicalStatus: status('resolved'), meta: at('2015-01-01T00:00:00Z') }),
        allergy({ id: 'latex', code: { text: 'Latex' }, criticality: 'high', meta: at('2024-01-01T00:00:00Z') }),
        allergy({ id: 'codeine', code: { text: 'Codeine' }, meta: at('2026-01-01T00:00:00Z'), criticality: 'low' }),
        allergy({ id: 'milk', code: { text: 'Milk' }, clinicalStatus: status('inactive'), meta: at('2018-01-01T00:00:00Z') }),
      ),
    });
    assert.equal(result.kind, 'known');
    if (result.kind !== 'known') return;
    assert.deepEqual(
      result.items.map((item) => item.id),
      ['latex', 'peanut', 'codeine', 'grass'],
    );
    assert.deepEqual(
      result.resolved.map((item) => [item.id, item.status]),
      [
        ['milk', 'Inactive'],
        ['egg', 'Resolved'],
      ],
    );
  });

  test('resolved entries travel with no-known-allergies and not-recorded too', () => {
    const resolvedEgg = allergy({ id: 'egg', code: { text: 'Egg' }, clinicalStatus: status('resolved') });
    const withStatement = state({ bundle: bundleOf(nka(), resolvedEgg) });
    assert.deepEqual(withStatement.kind === 'no-known-allergies' && withStatement.resolved.map((item) => item.substance), ['Egg']);
    const without = state({ bundle: bundleOf(resolvedEgg) });
    assert.deepEqual(without.kind === 'not-recorded' && without.resolved.map((item) => item.substance), ['Egg']);
  });
});

describe('recordAllergyState: the banner and the summary read one record page the same way', () => {
  const patient = {
    resourceType: 'Patient',
    id: 'pat-0001',
    generalPractitioner: [{ reference: 'Organization/org-gp' }],
  };
  const practice = {
    resourceType: 'Organization',
    id: 'org-gp',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'F83999' }],
    name: 'Tufnell Green Surgery',
  };
  const someoneElses = allergy({ patient: { reference: 'Patient/pat-0002' }, code: { text: 'Latex allergy' } });
  const notForResident = allergy({
    code: { text: 'Allergy recorded in a sensitive consultation' },
    meta: { source: 'https://care-record.example/source/F83999', security: [{ code: 'NOPAT' }] },
  });
  const penicillin = allergy();
  // The hospital reported first, the practice second: the practice is still named first.
  const hospitalThenGp: RecordNotices = {
    withheld: false,
    unavailableSources: [...hospitalUnavailable.unavailableSources, ...gpUnavailable.unavailableSources],
  };

  const cases: {
    name: string;
    resources: unknown[];
    audience: 'clinician' | 'resident';
    notices: RecordNotices;
    kind: string;
    substances: string[];
    withheld: boolean;
  }[] = [
    {
      name: 'known, someone else’s dropped',
      resources: [patient, practice, penicillin, someoneElses],
      audience: 'clinician',
      notices: noNotices,
      kind: 'known',
      substances: ['Penicillin allergy'],
      withheld: false,
    },
    {
      // An answer that carried only another's allergy is not one to claim "not recorded" from: theirs may have gone
      // elsewhere. Unavailable, and the other's allergy never shown as theirs.
      name: 'only someone else’s: unavailable, never theirs and never "not recorded"',
      resources: [patient, someoneElses],
      audience: 'clinician',
      notices: noNotices,
      kind: 'unavailable',
      substances: [],
      withheld: false,
    },
    {
      name: 'NOPAT shown to a clinician',
      resources: [patient, notForResident],
      audience: 'clinician',
      notices: noNotices,
      kind: 'known',
      substances: ['Allergy recorded in a sensitive consultation'],
      withheld: false,
    },
    {
      name: 'NOPAT left out for the resident, and said so',
      resources: [patient, notForResident, penicillin],
      audience: 'resident',
      notices: noNotices,
      kind: 'known',
      substances: ['Penicillin allergy'],
      withheld: true,
    },
    {
      name: 'GP unavailable and nothing known: unavailable',
      resources: [patient, practice],
      audience: 'clinician',
      notices: hospitalThenGp,
      kind: 'unavailable',
      substances: [],
      withheld: false,
    },
  ];
  for (const { name, resources, audience, notices, kind, substances, withheld } of cases) {
    test(name, () => {
      const options = { audience, organizations, patientId: 'pat-0001', notices };
      const banner = recordAllergyState(resources, options);
      assert.equal(banner.kind, kind);
      assert.equal(banner.withheld, withheld);
      assert.deepEqual(banner.kind === 'known' ? banner.items.map((item) => item.substance) : [], substances);
      const summary = summaryViewModel(resources, { audience, now: '2026-11-28T09:00:00Z', patientId: 'pat-0001', organizations, notices });
      assert.deepEqual(summary.sections.allergies.allergies, banner);
    });
  }

  test('the registered practice is named first when sources did not answer', () => {
    const state = recordAllergyState([patient, practice], {
      audience: 'clinician',
      organizations,
      patientId: 'pat-0001',
      notices: hospitalThenGp,
    });
    assert.equal(state.kind === 'unavailable' && state.sources[0]?.odsCode, 'F83999');
  });
});

describe('allergyState: a "no known allergy" statement claims no more than it says', () => {
  const statement = (code: unknown, overrides: Partial<AllergyIntolerance> = {}) =>
    allergy({ code, ...overrides } as Partial<AllergyIntolerance>);
  const snomed = (code: string, display: string) => ({ coding: [{ system: SNOMED, code, display }] });

  test('"No known drug allergy" (409137002) is no known drug allergies, not no known allergies, in the banner and the summary', () => {
    const nkda = statement(snomed('409137002', 'No known drug allergy'));
    const result = state({ bundle: bundleOf(nkda) });
    assert.deepEqual([result.kind, result.label], ['no-known-allergies', 'No known drug allergies']);
    const page = recordAllergyState([nkda], { ...clinician, patientId: 'pat-0001', notices: noNotices });
    assert.equal(page.label, 'No known drug allergies');
  });

  test('a no-known-allergy statement coded in CTV3 with its text is a statement, not an allergy called "No known allergies"', () => {
    const ctv3 = statement({ coding: [{ system: 'http://read.info/ctv3', code: '1151.' }], text: 'No known allergies' });
    const result = state({ bundle: bundleOf(ctv3) });
    assert.deepEqual([result.kind, result.label], ['no-known-allergies', 'No known allergies']);
  });

  const scoped: [string, string, string][] = [
    ['716186003', 'No known allergy', 'No known allergies'],
    ['409137002', 'No known drug allergy', 'No known drug allergies'],
    ['429625007', 'No known food allergy', 'No known food allergies'],
    ['428607008', 'No known environmental allergy', 'No known environmental allergies'],
    ['428197003', 'No known insect allergy', 'No known insect allergies'],
  ];
  const texts: [string, string][] = [
    ['No known allergies', 'No known allergies'],
    ['no known allergy.', 'No known allergies'],
    ['NKA', 'No known allergies'],
    ['NKDA', 'No known drug allergies'],
    ['No known drug allergies', 'No known drug allergies'],
    ['No known medication allergies', 'No known drug allergies'],
    ['No Known Food Allergies', 'No known food allergies'],
    ['No known environmental allergy', 'No known environmental allergies'],
  ];
  const otherSystems = [undefined, 'http://read.info/ctv3', 'http://read.info/readv2', 'https://fhir.example.org/local-codes'];

  for (const [code, display, label] of scoped) {
    test(`SNOMED ${code} (${display}) reads "${label}", whatever its text`, () => {
      for (const text of [undefined, display, 'Allergies reviewed', 'No known allergies']) {
        const result = state({ bundle: bundleOf(statement({ ...snomed(code, display), ...(text ? { text } : {}) })) });
        assert.deepEqual([result.kind, result.label], ['no-known-allergies', label], String(text));
      }
    });
  }
  for (const [text, label] of texts) {
    for (const system of otherSystems) {
      test(`"${text}" ${system ? `coded in ${system}` : 'with no code'} reads "${label}"`, () => {
        const code = system ? { coding: [{ system, code: 'X1' }], text } : { text };
        const result = state({ bundle: bundleOf(statement(code)) });
        assert.deepEqual([result.kind, result.label], ['no-known-allergies', label]);
      });
    }
    test(`"${text}" beside a SNOMED substance code is an allergy to that substance: the code contradicts the text`, () => {
      const result = state({ bundle: bundleOf(statement({ ...snomed('91936005', 'Allergy to penicillin'), text })) });
      assert.deepEqual(result.kind === 'known' && result.items.map((item) => item.substance), [text]);
    });
  }
  test('the display of a non-SNOMED coding says it when there is no text', () => {
    const result = state({
      bundle: bundleOf(statement({ coding: [{ system: 'http://read.info/readv2', code: 'X1', display: 'No known drug allergy' }] })),
    });
    assert.deepEqual([result.kind, result.label], ['no-known-allergies', 'No known drug allergies']);
  });

  test('text that only starts like a statement is an allergy, as recorded', () => {
    for (const text of ['No known allergies except penicillin', 'NKDA but rash with amoxicillin', 'Known allergies']) {
      const result = state({ bundle: bundleOf(statement({ text })) });
      assert.deepEqual(result.kind === 'known' && result.items.map((item) => item.substance), [text]);
    }
  });

  test('several narrower statements together claim only what they cover; a general one covers all', () => {
    const nkda = statement(snomed('409137002', 'No known drug allergy'));
    const nkfa = statement(snomed('429625007', 'No known food allergy'));
    const general = statement(snomed('716186003', 'No known allergy'));
    assert.equal(state({ bundle: bundleOf(nkda, nkfa) }).label, 'No known drug or food allergies');
    assert.equal(state({ bundle: bundleOf(nkda, general) }).label, 'No known allergies');
    const resolvedGeneral = statement(snomed('716186003', 'No known allergy'), { clinicalStatus: status('inactive') });
    assert.equal(state({ bundle: bundleOf(nkda, resolvedGeneral) }).label, 'No known drug allergies');
  });
});

describe('allergyState: last updated is the clinician’s date, and "by" only beside a date that is theirs', () => {
  const only = (resource: AllergyIntolerance) => {
    const result = state({ bundle: bundleOf(resource) });
    return result.kind === 'known' ? result.items[0]! : assert.fail('not known');
  };

  test('recorded in 2010 by Dr A Patel, loaded on 27-Nov-2026: last updated 01-Mar-2010 by Dr A Patel', () => {
    const item = only(
      allergy({
        recordedDate: '2010-03-01',
        recorder: { display: 'Dr A Patel' },
        meta: { source: 'https://care-record.example/source/F83999', lastUpdated: '2026-11-27T03:12:00Z' },
      }),
    );
    assert.deepEqual([item.lastUpdated, item.lastUpdatedBy, item.recordedBy], ['01-Mar-2010', 'Dr A Patel', 'Dr A Patel']);
  });

  const matrix: { recordedDate?: string; lastUpdated?: string; recorder?: string; expected: [string, string | undefined] }[] = [
    { recordedDate: '2010-03-01', lastUpdated: '2026-11-27T03:12:00Z', recorder: 'Dr A Patel', expected: ['01-Mar-2010', 'Dr A Patel'] },
    { recordedDate: '2010-03-01', recorder: 'Dr A Patel', expected: ['01-Mar-2010', 'Dr A Patel'] },
    { recordedDate: '2010-03-01', lastUpdated: '2026-11-27T03:12:00Z', expected: ['01-Mar-2010', undefined] },
    { lastUpdated: '2026-11-27T03:12:00Z', recorder: 'Dr A Patel', expected: ['27-Nov-2026', undefined] },
    { lastUpdated: '2026-11-27T03:12:00Z', expected: ['27-Nov-2026', undefined] },
    { recorder: 'Dr A Patel', expected: ['Not recorded', undefined] },
  ];
  for (const { recordedDate, lastUpdated, recorder, expected } of matrix) {
    test(`recorded ${recordedDate ?? '(no date)'}, stored ${lastUpdated ?? '(no meta date)'}, by ${recorder ?? '(no one)'}`, () => {
      const item = only(
        allergy({
          recordedDate,
          recorder: recorder ? { display: recorder } : undefined,
          meta: { source: 'https://care-record.example/source/F83999', ...(lastUpdated ? { lastUpdated } : {}) },
        } as Partial<AllergyIntolerance>),
      );
      assert.deepEqual([item.lastUpdated, item.lastUpdatedBy], expected);
      assert.equal(item.recordedBy, recorder ?? 'Not known');
    });
  }
});

describe('allergyState: onset as an age or a range of ages', () => {
  const onsetOf = (fields: Record<string, unknown>, options: Parameters<typeof allergyState>[1] = clinician) => {
    const result = state({ bundle: bundleOf(allergy(fields as Partial<AllergyIntolerance>)) }, options);
    return result.kind === 'known' ? result.items[0]!.onset : assert.fail('not known');
  };
  const cases: [string, Record<string, unknown>, string][] = [
    ['UCUM a', { onsetAge: { value: 5, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } }, 'Age 5 years'],
    ['UCUM code only', { onsetAge: { value: 1, system: 'http://unitsofmeasure.org', code: 'a' } }, 'Age 1 year'],
    ['months', { onsetAge: { value: 18, unit: 'mo', system: 'http://unitsofmeasure.org', code: 'mo' } }, 'Age 18 months'],
    ['weeks', { onsetAge: { value: 6, unit: 'wk' } }, 'Age 6 weeks'],
    ['as words', { onsetAge: { value: 4, unit: 'years' } }, 'Age 4 years'],
    ['range', { onsetRange: { low: { value: 5, unit: 'a' }, high: { value: 10, unit: 'a' } } }, 'Age 5–10 years'],
    ['range across units', { onsetRange: { low: { value: 6, code: 'mo' }, high: { value: 2, code: 'a' } } }, 'Age 6 months–2 years'],
    ['range, low only', { onsetRange: { low: { value: 2, unit: 'years' } } }, 'From age 2 years'],
    ['range, high only', { onsetRange: { high: { value: 10, unit: 'years' } } }, 'Up to age 10 years'],
    ['range with no numbers', { onsetRange: { low: {} } }, 'Not recorded'],
  ];
  for (const [name, fields, expected] of cases) {
    test(`${name}: "${expected}"`, () => {
      assert.equal(onsetOf(fields), expected);
      assert.equal(onsetOf(fields, resident), expected);
    });
  }
});
