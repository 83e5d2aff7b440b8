/**
 * The "Some information is not shown" and "did not respond" notices come from
 * FHIR's own signals, so a server other than the hub can send them: every
 * signal alone, and the cases that must not count, through `readNotices`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readNotices, type RecordNotices } from '../../src/record/notices.js';

const HUB = 'https://care-record.example/CodeSystem/hub-error';
const outcome = (issue: Record<string, unknown>, mode: string | undefined = 'outcome') => ({
  ...(mode ? { search: { mode } } : {}),
  resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', ...issue }] },
});
const nothing: RecordNotices = { withheld: false, unavailableSources: [] };

const cases: [string, Parameters<typeof readNotices>[0] extends Iterable<infer B> ? B : never, RecordNotices][] = [
  ['a plain searchset', { entry: [{ resource: { resourceType: 'Flag' }, search: { mode: 'match' } }] }, nothing],
  ['meta.security REDACTED', { meta: { security: [{ code: 'REDACTED' }] } }, { ...nothing, withheld: true }],
  ['meta.security SUBSETTED', { meta: { security: [{ code: 'SUBSETTED' }] } }, { ...nothing, withheld: true }],
  ['another security label', { meta: { security: [{ code: 'HTEST' }] } }, nothing],
  ['an issue of type suppressed, no hub code', { entry: [outcome({ code: 'suppressed' })] }, { ...nothing, withheld: true }],
  ['suppressed in a collection (no search mode)', { entry: [outcome({ code: 'suppressed' }, undefined)] }, { ...nothing, withheld: true }],
  ['suppressed, but as a match (not an outcome of the search)', { entry: [outcome({ code: 'suppressed' }, 'match')] }, nothing],
  [
    'the hub: suppressed with INFORMATION_WITHHELD',
    { entry: [outcome({ code: 'suppressed', details: { coding: [{ system: HUB, code: 'INFORMATION_WITHHELD' }] } })] },
    { ...nothing, withheld: true },
  ],
  [
    'the hub: a role restriction is not "withheld"',
    {
      entry: [outcome({ code: 'suppressed', details: { coding: [{ system: HUB, code: 'ROLE_RESTRICTED' }] }, expression: ['Condition'] })],
    },
    { ...nothing, notPermittedTypes: ['Condition'] },
  ],
  [
    'the hub: a scope restriction is not "withheld", and leaves its types out (R12: never "none")',
    {
      entry: [
        outcome({
          code: 'suppressed',
          details: { coding: [{ system: HUB, code: 'SCOPE_RESTRICTED' }] },
          expression: ['AllergyIntolerance'],
        }),
      ],
    },
    { ...nothing, notPermittedTypes: ['AllergyIntolerance'], accessLeftOutTypes: ['AllergyIntolerance'] },
  ],
  [
    'the hub: a scope restriction naming no type leaves every type out',
    { entry: [outcome({ code: 'suppressed', details: { coding: [{ system: HUB, code: 'SCOPE_RESTRICTED' }] } })] },
    { ...nothing, notPermittedTypes: ['*'], accessLeftOutTypes: ['*'] },
  ],
  [
    "the hub: a carer's proxy restriction leaves its types out, not withheld",
    {
      entry: [outcome({ code: 'suppressed', details: { coding: [{ system: HUB, code: 'PROXY_RESTRICTED' }] }, expression: ['Condition'] })],
    },
    { ...nothing, notPermittedTypes: ['Condition'], accessLeftOutTypes: ['Condition'], proxyLeftOutTypes: ['Condition'] },
  ],
  [
    'an issue of type incomplete, no hub code: an unnamed source',
    { entry: [outcome({ code: 'incomplete' })] },
    { ...nothing, unavailableSources: [{ odsCode: 'unknown', name: 'Not known' }] },
  ],
  [
    'the hub: incomplete with SOURCE_UNAVAILABLE and the organisation',
    {
      entry: [
        outcome({
          code: 'incomplete',
          details: {
            coding: [
              { system: HUB, code: 'SOURCE_UNAVAILABLE' },
              { system: 'https://care-record.example/source', code: 'RZ9', display: 'Highbury Vale Hospital' },
            ],
          },
        }),
      ],
    },
    { ...nothing, unavailableSources: [{ odsCode: 'RZ9', name: 'Highbury Vale Hospital' }] },
  ],
  ['an informational issue', { entry: [outcome({ code: 'informational' })] }, nothing],
  [
    'an error is not known to be harmless: an unnamed source did not answer',
    { entry: [outcome({ severity: 'error', code: 'exception' })] },
    { ...nothing, unavailableSources: [{ odsCode: 'unknown', name: 'Not known' }] },
  ],
  [
    'incomplete with a hub code not known: an unnamed source did not answer',
    { entry: [outcome({ code: 'incomplete', details: { coding: [{ system: HUB, code: 'SOURCE_TIMEOUT' }] } })] },
    { ...nothing, unavailableSources: [{ odsCode: 'unknown', name: 'Not known' }] },
  ],
];

for (const [name, bundle, expected] of cases) {
  test(name, () => {
    assert.deepEqual(readNotices([bundle]), expected);
  });
}
