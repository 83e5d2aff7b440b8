import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { organizationNames, readNotices, sourceOf, type RecordNotices } from '../../src/record/index.js';

type NoticeInput = Parameters<typeof readNotices>[0] extends Iterable<infer Bundle> ? Bundle : never;

const example = (name: string): NoticeInput =>
  (JSON.parse(readFileSync(new URL(`../../../../openapi/examples/${name}`, import.meta.url), 'utf8')) as { value: NoticeInput }).value;

const HUB = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE = 'https://care-record.example/source';

const outcome = (codings: { system: string; code: string; display?: string }[], mode?: string) => ({
  resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'incomplete', details: { coding: codings } }] },
  ...(mode ? { search: { mode } } : {}),
});
const unavailable = (ods: string, name?: string, mode = 'outcome') =>
  outcome(
    [
      { system: HUB, code: 'SOURCE_UNAVAILABLE' },
      { system: SOURCE, code: ods, ...(name ? { display: name } : {}) },
    ],
    mode,
  );
const withheldOutcome = outcome([{ system: HUB, code: 'INFORMATION_WITHHELD' }], 'outcome');

describe('readNotices', () => {
  const cases: { name: string; bundles: (NoticeInput | undefined)[]; expected: RecordNotices }[] = [
    { name: 'nothing', bundles: [], expected: { withheld: false, unavailableSources: [] } },
    {
      name: 'undefined results of failed reads are skipped',
      bundles: [undefined, undefined],
      expected: { withheld: false, unavailableSources: [] },
    },
    {
      name: 'a plain search result',
      bundles: [example('allergy-intolerance-search.json')],
      expected: { withheld: false, unavailableSources: [] },
    },
    {
      name: 'GP source unavailable (contract example)',
      bundles: [example('allergy-intolerance-search-source-unavailable.json')],
      expected: { withheld: false, unavailableSources: [{ odsCode: 'F83999', name: 'Tufnell Green Surgery' }] },
    },
    {
      name: 'summary with REDACTED and an unavailable trust (contract example)',
      bundles: [example('patient-summary.json')],
      expected: { withheld: true, unavailableSources: [{ odsCode: 'RZ8', name: 'Caledonian Mental Health NHS Trust' }] },
    },
    {
      name: 'REDACTED on the Bundle alone',
      bundles: [{ meta: { security: [{ code: 'REDACTED' }] }, entry: [] }],
      expected: { withheld: true, unavailableSources: [] },
    },
    {
      name: 'INFORMATION_WITHHELD outcome alone',
      bundles: [{ entry: [withheldOutcome] }],
      expected: { withheld: true, unavailableSources: [] },
    },
    {
      name: 'the same source across a batch is named once, in first-reported order',
      bundles: [
        { entry: [unavailable('RZ9', 'Highbury Vale Hospital NHS Trust')] },
        { entry: [unavailable('F83999', 'Tufnell Green Surgery'), unavailable('RZ9')] },
      ],
      expected: {
        withheld: false,
        unavailableSources: [
          { odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' },
          { odsCode: 'F83999', name: 'Tufnell Green Surgery' },
        ],
      },
    },
    {
      name: 'an unnamed source reads Not known',
      bundles: [{ entry: [unavailable('RV3')] }],
      expected: { withheld: false, unavailableSources: [{ odsCode: 'RV3', name: 'Not known' }] },
    },
    {
      name: 'an unavailable notice without a source coding',
      bundles: [{ entry: [outcome([{ system: HUB, code: 'SOURCE_UNAVAILABLE' }], 'outcome')] }],
      expected: { withheld: false, unavailableSources: [{ odsCode: 'unknown', name: 'Not known' }] },
    },
    {
      name: 'a collection entry without a search mode counts',
      bundles: [{ entry: [unavailable('RZ9', 'Highbury Vale Hospital NHS Trust', '')] }],
      expected: { withheld: false, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital NHS Trust' }] },
    },
    {
      name: 'an OperationOutcome that matched a search is not a notice',
      bundles: [{ entry: [unavailable('RZ9', 'Highbury Vale Hospital NHS Trust', 'match')] }],
      expected: { withheld: false, unavailableSources: [] },
    },
    {
      // Not read as the hub's "withheld"; the issue's own FHIR type (incomplete) still says a source did not answer.
      name: 'a hub code under another system is not read as the hub’s',
      bundles: [{ entry: [outcome([{ system: 'http://example.org/other', code: 'INFORMATION_WITHHELD' }], 'outcome')] }],
      expected: { withheld: false, unavailableSources: [{ odsCode: 'unknown', name: 'Not known' }] },
    },
    {
      name: 'malformed outcome entries are ignored',
      bundles: [{ entry: [{ resource: { resourceType: 'OperationOutcome' } }, { resource: null }, {}, { resource: 'text' }] }],
      expected: { withheld: false, unavailableSources: [] },
    },
  ];
  for (const { name, bundles, expected } of cases) {
    test(name, () => assert.deepEqual(readNotices(bundles), expected));
  }

  test('reads any iterable, such as a generator', () => {
    function* bundles() {
      yield { entry: [withheldOutcome] };
      yield { entry: [unavailable('LA999', 'Islington Adult Social Care')] };
    }
    assert.deepEqual(readNotices(bundles()), {
      withheld: true,
      unavailableSources: [{ odsCode: 'LA999', name: 'Islington Adult Social Care' }],
    });
  });
});

describe('sourceOf', () => {
  const organizations = new Map([
    ['F83999', 'Tufnell Green Surgery'],
    ['RZ9', 'Highbury Vale Hospital NHS Trust'],
  ]);
  const SOURCE = 'https://care-record.example/source/';
  // Each: what it is, the meta.source, and the ODS code and name it is read as.
  const cases: [string, string | undefined, string, string][] = [
    ['a GP practice', `${SOURCE}F83999`, 'F83999', 'Tufnell Green Surgery'],
    ['a hospital', `${SOURCE}RZ9`, 'RZ9', 'Highbury Vale Hospital NHS Trust'],
    ['the resident', `${SOURCE}resident`, 'resident', 'Resident (self-reported)'],
    ['the hub itself', `${SOURCE}hub`, 'hub', 'Care record hub'],
    ['an ODS code missing from the directory', `${SOURCE}RV3`, 'RV3', 'Not known'],
    ['a lower-case ODS code', `${SOURCE}f83999`, 'f83999', 'Tufnell Green Surgery'],
    ['a trailing slash', `${SOURCE}RZ9/`, 'RZ9', 'Highbury Vale Hospital NHS Trust'],
    ['no meta.source', undefined, 'unknown', 'Not known'],
    ['an empty source', '', 'unknown', 'Not known'],
    ['another server’s source URI', 'https://emis.example/practice/F83999', 'unknown', 'Not known'],
    ['the prefix with nothing after it', SOURCE, 'unknown', 'Not known'],
    ['a deeper path', `${SOURCE}F83999/extra`, 'unknown', 'Not known'],
  ];
  for (const [name, source, odsCode, expected] of cases) {
    test(name, () =>
      assert.deepEqual(sourceOf(source === undefined ? {} : { meta: { source } }, organizations), { odsCode, name: expected }),
    );
  }

  test('a missing resource is a source not known', () => {
    assert.deepEqual(sourceOf(undefined, organizations), { odsCode: 'unknown', name: 'Not known' });
  });

  test('returns a fresh label each time, so callers cannot corrupt the resident label', () => {
    const first = sourceOf({ meta: { source: 'https://care-record.example/source/resident' } }, organizations);
    first.name = 'changed';
    assert.equal(
      sourceOf({ meta: { source: 'https://care-record.example/source/resident' } }, organizations).name,
      'Resident (self-reported)',
    );
  });
});

describe('organizationNames', () => {
  test('maps the ODS code of each Organization in the summary example to its name', () => {
    const summary = example('patient-summary.json') as { entry: { resource: unknown }[] };
    assert.deepEqual(
      [...organizationNames(summary.entry.map((entry) => entry.resource))],
      [
        ['F83999', 'Tufnell Green Surgery'],
        ['RZ9', 'Highbury Vale Hospital NHS Trust'],
        ['LA999', 'Islington Adult Social Care'],
      ],
    );
  });

  test('skips organisations without a name or ODS code, and keeps the first name for a code', () => {
    const ods = (value: string) => [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value }];
    const names = organizationNames([
      { resourceType: 'Organization', name: 'Tufnell Green Surgery', identifier: ods('F83999') },
      { resourceType: 'Organization', name: 'Renamed Surgery', identifier: ods('F83999') },
      { resourceType: 'Organization', identifier: ods('RZ9') },
      { resourceType: 'Organization', name: '  ', identifier: ods('RZ8') },
      { resourceType: 'Organization', name: 'No code', identifier: [{ system: 'https://other.example/id', value: 'X1' }] },
      { resourceType: 'Patient', name: 'Not an organisation', identifier: ods('P1') },
      null,
      'text',
    ]);
    assert.deepEqual([...names], [['F83999', 'Tufnell Green Surgery']]);
  });
});
