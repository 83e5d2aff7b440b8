import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { createBorough, DEFAULT_NOW } from '@care-record/synthetic';

import type { Organization, Patient } from '../../src/fhir.js';
import {
  bannerViewModel,
  organizationNames,
  summaryViewModel,
  type AllergyState,
  type BannerOptions,
  type BannerViewModel,
} from '../../src/record/index.js';
import { assertDisplayable } from './assert-displayable.js';

const example = <T>(name: string): T =>
  (JSON.parse(readFileSync(new URL(`../../../../openapi/examples/${name}`, import.meta.url), 'utf8')) as { value: T }).value;

const NOW = '2026-11-28T09:00:00Z';
const organizations = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['F83998', 'Canonbury Lock Medical Practice'],
]);
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };
const tufnellGreen = example<Organization>('organization-gp-practice.json');

const clinician = (overrides: Partial<BannerOptions> = {}): BannerOptions => ({
  audience: 'clinician',
  now: NOW,
  organizations,
  allergies: notRecorded,
  ...overrides,
});
const resident = (overrides: Partial<BannerOptions> = {}): BannerOptions => clinician({ audience: 'resident', ...overrides });

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
function patient(overrides: Record<string, unknown> = {}): Patient {
  return {
    resourceType: 'Patient',
    id: 'pat-1',
    meta: { source: 'https://care-record.example/source/F83999' },
    identifier: [{ system: NHS, value: '9434765919' }],
    name: [{ use: 'official', family: 'Smith', given: ['John'], prefix: ['Mr'] }],
    gender: 'male',
    birthDate: '2008-04-05',
    address: [{ use: 'home', line: ['1 High Street'], city: 'London', postalCode: 'N1 1AA' }],
    generalPractitioner: [{ reference: 'Organization/org-f83999', display: 'Tufnell Green Surgery' }],
    ...overrides,
  } as Patient;
}

describe('bannerViewModel: contract examples', () => {
  const kaya = example<Patient>('patient-pat-0001.json');

  test('an older resident, clinician view', () => {
    const allergies: AllergyState = {
      kind: 'no-known-allergies',
      label: 'No known allergies',
      withheld: false,
      statement: 'No known allergies',
      source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
      recorded: '10-Jun-2025',
      recordedBy: 'Dr Priya Raman',
      resolved: [],
    };
    assert.deepEqual(bannerViewModel(kaya, clinician({ allergies, gpPractice: tufnellGreen })), {
      patientId: 'pat-0001',
      audience: 'clinician',
      name: 'KAYA, Hatice (Mrs)',
      preferredName: 'Hattie',
      born: { date: '12-Mar-1944', age: '82y' },
      gender: 'Female',
      nhsNumber: { formatted: '999 012 3454', valid: true },
      address: 'Flat 14, Marlowe House, 118 Hornsey Road, London, N7 7NN',
      gpPractice: 'Tufnell Green Surgery',
      hasRegisteredGp: true,
      allergies,
      labels: {
        name: 'Name',
        preferredName: 'Preferred name',
        born: 'Born',
        gender: 'Gender',
        nhsNumber: 'NHS No.',
        died: 'Died',
        address: 'Address',
        gpPractice: 'GP practice',
        allergies: 'No known allergies',
      },
      source: { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
      safetyIssues: [],
    } satisfies BannerViewModel);
  });

  test('the same resident, resident view', () => {
    const banner = bannerViewModel(kaya, resident());
    assert.deepEqual(
      [
        banner.name,
        banner.preferredName,
        banner.born,
        banner.nhsNumber,
        banner.labels.born,
        banner.labels.nhsNumber,
        banner.labels.gpPractice,
      ],
      [
        'Hatice Kaya',
        'Hattie',
        { date: '12 March 1944', age: '82 years' },
        { formatted: '999 012 3454', valid: true },
        'Date of birth',
        'NHS number',
        'GP surgery',
      ],
    );
  });

  test('a deceased resident: date and age at death, never a running age', () => {
    const banner = bannerViewModel(example<Patient>('patient-pat-0003.json'), clinician());
    assert.deepEqual(
      [banner.name, banner.born, banner.deceased, banner.labels.died],
      ['BYRNE, Patrick Joseph (Mr)', { date: '02-Nov-1938', age: '87y' }, { date: '18-Sep-2026', ageAtDeath: '87y' }, 'Died'],
    );
  });

  test('a child with no title and no preferred name', () => {
    const banner = bannerViewModel(example<Patient>('patient-pat-0002.json'), clinician());
    assert.deepEqual(
      [banner.name, 'preferredName' in banner, banner.born, banner.gpPractice],
      ['HASSAN, Amina Hodan', false, { date: '14-Jul-2021', age: '5y 4m' }, 'Canonbury Lock Medical Practice'],
    );
  });
});

describe('bannerViewModel: dates of birth and ages', () => {
  // Each: what it is, the date of birth, now, and the date and age a clinician and a resident read.
  const cases: [string, string | undefined, string, [string, string], [string, string]][] = [
    ['the CUI example', '2008-04-05', '2012-05-10', ['05-Apr-2008', '4y 1m'], ['5 April 2008', '4 years']],
    ['a 13-month-old', '2025-10-20', NOW, ['20-Oct-2025', '13m 8d'], ['20 October 2025', '13 months']],
    [
      'a 29 February birth the day before the anniversary',
      '2008-02-29',
      '2026-02-28T12:00:00Z',
      ['29-Feb-2008', '17y 11m'],
      ['29 February 2008', '17 years'],
    ],
    [
      'a 29 February birth comes of age on 1 March',
      '2008-02-29',
      '2026-03-01T12:00:00Z',
      ['29-Feb-2008', '18y'],
      ['29 February 2008', '18 years'],
    ],
    ['a newborn born today', '2026-11-28', NOW, ['28-Nov-2026', '0d'], ['28 November 2026', '0 days']],
    ['a 5-week-old', '2026-10-20', NOW, ['20-Oct-2026', '5w 4d'], ['20 October 2026', '5 weeks']],
    ['one year and a day', '2025-11-27', NOW, ['27-Nov-2025', '12m 1d'], ['27 November 2025', '12 months']],
    ['a birth date in the future', '2027-01-01', NOW, ['01-Jan-2027', 'Not known'], ['1 January 2027', 'Not known']],
    ['an impossible date', '1944-02-30', NOW, ['Not known', 'Not known'], ['Not known', 'Not known']],
    ['a year only', '1950', NOW, ['1950', 'Not known'], ['1950', 'Not known']],
    ['no date of birth', undefined, NOW, ['Not recorded', 'Not known'], ['Not recorded', 'Not known']],
    ['a blank date of birth', '  ', NOW, ['Not recorded', 'Not known'], ['Not recorded', 'Not known']],
  ];
  for (const [name, birthDate, now, forClinician, forResident] of cases) {
    test(name, () => {
      const subject = patient({ birthDate });
      const clinicianBanner = bannerViewModel(subject, clinician({ now }));
      const residentBanner = bannerViewModel(subject, resident({ now }));
      assert.deepEqual([clinicianBanner.born.date, clinicianBanner.born.age], forClinician);
      assert.deepEqual([residentBanner.born.date, residentBanner.born.age], forResident);
    });
  }

  test('now as a Date object', () => {
    assert.equal(bannerViewModel(patient(), clinician({ now: new Date(Date.UTC(2012, 4, 10)) })).born.age, '4y 1m');
  });
});

describe('bannerViewModel: death', () => {
  const cases: { name: string; overrides: Record<string, unknown>; deceased: BannerViewModel['deceased']; age: string }[] = [
    { name: 'alive', overrides: {}, deceased: undefined, age: '18y' },
    { name: 'deceasedBoolean false', overrides: { deceasedBoolean: false }, deceased: undefined, age: '18y' },
    {
      name: 'died, date known',
      overrides: { birthDate: '1940-06-01', deceasedDateTime: '2026-01-03' },
      deceased: { date: '03-Jan-2026', ageAtDeath: '85y' },
      age: '85y',
    },
    {
      name: 'died in infancy',
      overrides: { birthDate: '2026-01-01', deceasedDateTime: '2026-02-10T08:00:00Z' },
      deceased: { date: '10-Feb-2026', ageAtDeath: '5w 5d' },
      age: '5w 5d',
    },
    {
      name: 'died, date not recorded',
      overrides: { deceasedBoolean: true },
      deceased: { date: 'Not recorded', ageAtDeath: 'Not known' },
      age: 'Not known',
    },
    {
      name: 'died, date unreadable',
      overrides: { deceasedDateTime: 'yesterday' },
      deceased: { date: 'Not known', ageAtDeath: 'Not known' },
      age: 'Not known',
    },
    {
      name: 'died, no date of birth',
      overrides: { birthDate: undefined, deceasedDateTime: '2026-01-03' },
      deceased: { date: '03-Jan-2026', ageAtDeath: 'Not known' },
      age: 'Not known',
    },
  ];
  for (const { name, overrides, deceased, age } of cases) {
    test(name, () => {
      const banner = bannerViewModel(patient(overrides), clinician({ now: '2026-04-05T12:00:00Z' }));
      assert.deepEqual(banner.deceased, deceased);
      assert.equal('deceased' in banner, deceased !== undefined);
      assert.equal(banner.born.age, age);
    });
  }

  test('resident wording for a date of death', () => {
    const banner = bannerViewModel(patient({ birthDate: '1940-06-01', deceasedDateTime: '2026-01-03' }), resident());
    assert.deepEqual([banner.deceased, banner.labels.died], [{ date: '3 January 2026', ageAtDeath: '85 years' }, 'Date of death']);
  });
});

describe('bannerViewModel: names, gender, NHS number', () => {
  // Each: what it is, the names sent, the name a clinician and a resident read, and any preferred name.
  const nameCases: [string, unknown, string, string, string?][] = [
    ['official with title', [{ use: 'official', family: 'Smith', given: ['John'], prefix: ['Mr'] }], 'SMITH, John (Mr)', 'John Smith'],
    ['a name with only text', [{ text: 'Baby of Sarah Jones' }], 'Baby of Sarah Jones', 'Baby of Sarah Jones'],
    ['family name only', [{ family: 'Okafor' }], 'OKAFOR', 'Okafor'],
    ['no names', undefined, 'Not known', 'Not known'],
    ['an empty name', [{}], 'Not known', 'Not known'],
    [
      'an old name is passed over',
      [
        { use: 'old', family: 'Jones', given: ['Mary'] },
        { use: 'official', family: 'Smith', given: ['Mary'] },
      ],
      'SMITH, Mary',
      'Mary Smith',
    ],
    [
      'a preferred name',
      [
        { use: 'official', family: 'Smith', given: ['Robert'], prefix: ['Mr'] },
        { use: 'usual', given: ['Bob'] },
      ],
      'SMITH, Robert (Mr)',
      'Robert Smith',
      'Bob',
    ],
    [
      'a usual name the same as the official one is no preferred name',
      [
        { use: 'official', family: 'Smith', given: ['Ann'] },
        { use: 'usual', family: 'Smith', given: ['Ann'] },
      ],
      'SMITH, Ann',
      'Ann Smith',
    ],
  ];
  for (const [name, names, forClinician, forResident, preferred] of nameCases) {
    test(`name: ${name}`, () => {
      const clinicianBanner = bannerViewModel(patient({ name: names }), clinician());
      assert.equal(clinicianBanner.name, forClinician);
      assert.equal(clinicianBanner.preferredName, preferred);
      assert.equal('preferredName' in clinicianBanner, preferred !== undefined);
      assert.equal(bannerViewModel(patient({ name: names }), resident()).name, forResident);
    });
  }

  const genderCases: [unknown, string][] = [
    ['female', 'Female'],
    ['male', 'Male'],
    ['other', 'Other'],
    ['unknown', 'Not known'],
    [undefined, 'Not known'],
    ['F', 'Not known'],
  ];
  for (const [gender, expected] of genderCases) {
    test(`gender ${String(gender)} → ${expected}`, () => assert.equal(bannerViewModel(patient({ gender }), clinician()).gender, expected));
  }

  const nhsCases: { name: string; identifier: unknown; expected: BannerViewModel['nhsNumber'] }[] = [
    { name: 'valid', identifier: [{ system: NHS, value: '9434765919' }], expected: { formatted: '943 476 5919', valid: true } },
    {
      name: 'valid, typed with spaces',
      identifier: [{ system: NHS, value: ' 943 476 5919 ' }],
      expected: { formatted: '943 476 5919', valid: true },
    },
    { name: 'wrong check digit', identifier: [{ system: NHS, value: '9434765918' }], expected: { formatted: '9434765918', valid: false } },
    { name: 'too short', identifier: [{ system: NHS, value: '943476' }], expected: { formatted: '943476', valid: false } },
    { name: 'no identifiers', identifier: undefined, expected: 'Not known' },
    {
      name: 'only a hospital number',
      identifier: [{ system: 'https://fhir.rz9.care-record.example/Id/mrn', value: 'RZ9-1' }],
      expected: 'Not known',
    },
    { name: 'an NHS number identifier with a blank value', identifier: [{ system: NHS, value: ' ' }], expected: 'Not known' },
  ];
  for (const { name, identifier, expected } of nhsCases) {
    test(`NHS number: ${name}`, () => assert.deepEqual(bannerViewModel(patient({ identifier }), clinician()).nhsNumber, expected));
  }
});

describe('bannerViewModel: address and GP practice', () => {
  const addressCases: { name: string; address: unknown; expected: string }[] = [
    {
      name: 'home address',
      address: [{ use: 'home', line: ['Flat 2', '9 Mildmay Terrace'], city: 'London', postalCode: 'N1 4RS' }],
      expected: 'Flat 2, 9 Mildmay Terrace, London, N1 4RS',
    },
    { name: 'no address', address: undefined, expected: 'Not known' },
    { name: 'text only', address: [{ text: 'No fixed abode' }], expected: 'No fixed abode' },
    { name: 'an empty address', address: [{}], expected: 'Not known' },
    {
      name: 'the old and ended addresses are passed over',
      address: [
        { use: 'old', line: ['1 Old Road'], postalCode: 'N1 1AA' },
        { use: 'home', line: ['2 Moved Road'], postalCode: 'N2 2BB', period: { end: '2020-01-01' } },
        { use: 'home', line: ['3 New Road'], postalCode: 'N3 3CC' },
      ],
      expected: '3 New Road, N3 3CC',
    },
    {
      name: 'home before work',
      address: [
        { use: 'work', line: ['Office'] },
        { use: 'home', line: ['Home'] },
      ],
      expected: 'Home',
    },
  ];
  for (const { name, address, expected } of addressCases) {
    test(`address: ${name}`, () => assert.equal(bannerViewModel(patient({ address }), clinician()).address, expected));
  }

  const gpCases: { name: string; overrides: Record<string, unknown>; gpPractice?: Organization; expected: [string, boolean] }[] = [
    { name: 'no generalPractitioner', overrides: { generalPractitioner: undefined }, expected: ['No registered GP', false] },
    { name: 'an empty generalPractitioner list', overrides: { generalPractitioner: [] }, expected: ['No registered GP', false] },
    {
      name: 'the Organization read for it',
      overrides: { generalPractitioner: [{ reference: 'Organization/org-f83999' }] },
      gpPractice: tufnellGreen,
      expected: ['Tufnell Green Surgery', true],
    },
    {
      name: 'the reference display',
      overrides: { generalPractitioner: [{ reference: 'Organization/org-x', display: 'Archway Medical Centre' }] },
      expected: ['Archway Medical Centre', true],
    },
    {
      name: 'an Organization for a different practice is not used',
      overrides: { generalPractitioner: [{ reference: 'Organization/org-f83998', display: 'Canonbury Lock Medical Practice' }] },
      gpPractice: tufnellGreen,
      expected: ['Canonbury Lock Medical Practice', true],
    },
    {
      name: 'an ODS identifier named by the directory',
      overrides: { generalPractitioner: [{ identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'F83998' } }] },
      expected: ['Canonbury Lock Medical Practice', true],
    },
    {
      name: 'a practice that cannot be named',
      overrides: { generalPractitioner: [{ reference: 'Organization/org-zzz' }] },
      expected: ['Not known', true],
    },
  ];
  for (const { name, overrides, gpPractice, expected } of gpCases) {
    test(`GP practice: ${name}`, () => {
      const banner = bannerViewModel(patient(overrides), clinician(gpPractice ? { gpPractice } : {}));
      assert.deepEqual([banner.gpPractice, banner.hasRegisteredGp], expected);
    });
  }

  test('a patient without an id or source', () => {
    const banner = bannerViewModel(patient({ id: undefined, meta: undefined }), clinician());
    assert.deepEqual([banner.patientId, banner.source], ['Not known', { odsCode: 'unknown', name: 'Not known' }]);
  });

  test('the allergy state rides along with its label', () => {
    const unavailable: AllergyState = {
      kind: 'unavailable',
      label: 'Allergies unavailable',
      withheld: false,
      reason: 'error',
      sources: [],
    };
    const banner = bannerViewModel(patient(), clinician({ allergies: unavailable }));
    assert.deepEqual([banner.allergies, banner.labels.allergies], [unavailable, 'Allergies unavailable']);
  });
});

describe('bannerViewModel: synthetic residents', () => {
  const borough = createBorough({ residents: 300 });
  const directory = organizationNames(borough.organizations);
  const byId = new Map(borough.organizations.map((organization) => [organization.id, organization]));
  const bannerFor = (index: number, audience: 'clinician' | 'resident') => {
    const record = borough.resident(index);
    const summary = summaryViewModel([record.patient, ...record.resources], {
      audience,
      now: DEFAULT_NOW,
      patientId: record.patient.id ?? '',
    });
    const gpId = /Organization\/(.+)$/.exec(record.patient.generalPractitioner?.[0]?.reference ?? '')?.[1];
    return bannerViewModel(record.patient, {
      audience,
      now: DEFAULT_NOW,
      organizations: directory,
      allergies: summary.sections.allergies.allergies,
      gpPractice: gpId ? byId.get(gpId) : undefined,
    });
  };

  test('the deceased resident (4) has a date of death and an age at death', () => {
    const banner = bannerFor(4, 'clinician');
    assert.ok(banner.deceased);
    assert.match(banner.deceased.date, /^\d\d-[A-Z][a-z]{2}-\d{4}$/);
    assert.match(banner.deceased.ageAtDeath, /^\d+y$/);
    assert.equal(banner.born.age, banner.deceased.ageAtDeath);
  });

  test('the newborn (5) is counted in days and has allergies not recorded', () => {
    const banner = bannerFor(5, 'clinician');
    assert.match(banner.born.age, /^\d+d$/);
    assert.equal(banner.allergies.kind, 'not-recorded');
    assert.equal(banner.labels.allergies, 'Allergies not recorded');
  });

  test('the resident with no GP (8) reads "No registered GP"', () => {
    assert.deepEqual([bannerFor(8, 'clinician').gpPractice, bannerFor(8, 'clinician').hasRegisteredGp], ['No registered GP', false]);
  });

  test('residents registered at Tufnell Green name it', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 9].map((index) => bannerFor(index, 'clinician').gpPractice),
      Array(5).fill('Tufnell Green Surgery'),
    );
  });

  test('synthetic NHS numbers are valid test-range numbers', () => {
    const { nhsNumber } = bannerFor(0, 'clinician');
    assert.notEqual(nhsNumber, 'Not known');
    if (nhsNumber === 'Not known') return;
    assert.equal(nhsNumber.valid, true);
    assert.match(nhsNumber.formatted, /^999 \d{3} \d{4}$/);
  });

  test('300 residents, both audiences: no "undefined", "NaN", "Invalid Date", "[object Object]" or empty string anywhere', () => {
    let checked = 0;
    for (let index = 0; index < 300; index++) {
      for (const audience of ['clinician', 'resident'] as const) {
        const banner = bannerFor(index, audience);
        assertDisplayable(banner, `resident ${index} (${audience})`);
        assert.match(banner.name, audience === 'clinician' ? /^[^a-z]+, / : /^\S+ \S/);
        checked++;
      }
    }
    assert.equal(checked, 600);
  });
});
