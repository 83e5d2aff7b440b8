/**
 * What the pages of a record say they left out, however many there are and
 * however they are combined (a timeline merges a page of each search at a
 * time), told as each viewer should hear it. Generated: pages of items of any
 * type, each partly shown or whole, a Bundle label (`REDACTED`/`SUBSETTED`)
 * or an `INFORMATION_WITHHELD` outcome or neither, the role's
 * `ROLE_RESTRICTED` outcome on any page or none, and a viewer (a receptionist
 * told by the server or by the host, a clinician, a resident or carer). The
 * oracle, from the policy:
 *
 * - "Some information is not shown" (`withheld`) exactly when some page
 *   withheld items, or some item other than a receptionist's appointment came
 *   partly shown;
 * - the role's words (`reducedForRole`) exactly when a receptionist's
 *   appointment came partly shown, and never for anyone else;
 * - merging the pages in any grouping and order says the same.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fc from 'fast-check';

import { readNotices, roleViewNotices, type NoticeBundle, type RecordAudience, type RecordNotices } from '../../src/index.js';
import { mergeNotices } from '../../src/record/notices.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const HUB_ERROR = 'https://care-record.example/CodeSystem/hub-error';
const TYPES = ['Appointment', 'RelatedPerson', 'Condition', 'Observation', 'Encounter', 'AllergyIntolerance'] as const;
type Viewer = 'desk (server)' | 'desk (host)' | 'clinician' | 'resident' | 'carer';

interface Page {
  items: { type: (typeof TYPES)[number]; partly: boolean; how: 'tag' | 'security' }[];
  left: 'none' | 'REDACTED' | 'SUBSETTED' | 'outcome';
  roleOutcome: boolean;
}

const page: fc.Arbitrary<Page> = fc.record({
  items: fc.array(
    fc.record({ type: fc.constantFrom(...TYPES), partly: fc.boolean(), how: fc.constantFrom('tag' as const, 'security' as const) }),
    {
      maxLength: 4,
    },
  ),
  left: fc.constantFrom('none' as const, 'REDACTED' as const, 'SUBSETTED' as const, 'outcome' as const),
  roleOutcome: fc.boolean(),
});

function bundleOf(one: Page, index: number): NoticeBundle {
  const label = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
  const items = one.items.map((item, at) => ({
    resourceType: item.type,
    id: `i${index}-${at}`,
    ...(item.partly ? { meta: { [item.how]: [label] } } : {}),
  }));
  const outcomes = [
    ...(one.left === 'outcome'
      ? [
          {
            resourceType: 'OperationOutcome',
            issue: [
              { severity: 'information', code: 'suppressed', details: { coding: [{ system: HUB_ERROR, code: 'INFORMATION_WITHHELD' }] } },
            ],
          },
        ]
      : []),
    ...(one.roleOutcome
      ? [
          {
            resourceType: 'OperationOutcome',
            issue: [
              {
                severity: 'information',
                code: 'suppressed',
                details: { coding: [{ system: HUB_ERROR, code: 'ROLE_RESTRICTED' }] },
                expression: ['Condition'],
              },
            ],
          },
        ]
      : []),
  ];
  return {
    ...(one.left === 'REDACTED' || one.left === 'SUBSETTED' ? { meta: { security: [{ code: one.left }] } } : {}),
    entry: [
      ...items.map((resource) => ({ resource, search: { mode: 'match' } })),
      ...outcomes.map((resource) => ({ resource, search: { mode: 'outcome' } })),
    ],
  };
}

const viewerOf = (viewer: Viewer): { audience: RecordAudience; nonClinicalRole?: boolean } =>
  viewer === 'desk (host)'
    ? { audience: 'clinician', nonClinicalRole: true }
    : { audience: viewer === 'desk (server)' || viewer === 'clinician' ? 'clinician' : 'resident' };

/** The same pages merged in a grouping and order of their own. */
function merged(bundles: NoticeBundle[], split: number, reversed: boolean): RecordNotices {
  const ordered = reversed ? [...bundles].reverse() : bundles;
  const cut = Math.min(split, ordered.length);
  return mergeNotices(readNotices(ordered.slice(0, cut)), ...ordered.slice(cut).map((one) => readNotices([one])));
}

test('withheld and the role line, from any pages, merged any way, for any viewer', () => {
  fc.assert(
    fc.property(
      fc.array(page, { maxLength: 5 }),
      fc.constantFrom<Viewer>('desk (server)', 'desk (host)', 'clinician', 'resident', 'carer'),
      fc.nat(6),
      fc.boolean(),
      (pages, viewer, split, reversed) => {
        // The hub tells the desk its role on the `$summary` or a refused search; a clinician never gets ROLE_RESTRICTED.
        const shaped = pages.map((one) => ({ ...one, roleOutcome: viewer === 'desk (server)' ? one.roleOutcome : false }));
        const bundles = shaped.map(bundleOf);
        const desk = viewer === 'desk (host)' || (viewer === 'desk (server)' && shaped.some((one) => one.roleOutcome));
        const items = shaped.flatMap((one) => one.items);
        const rolesView = desk && items.some((item) => item.partly && item.type === 'Appointment');
        const withheld =
          shaped.some((one) => one.left !== 'none') || items.some((item) => item.partly && !(desk && item.type === 'Appointment'));
        const told = roleViewNotices(merged(bundles, split, reversed), viewerOf(viewer));
        assert.equal(told.withheld, withheld);
        assert.deepEqual(told.reducedForRole ?? [], rolesView ? ['Appointment'] : []);
      },
    ),
    { numRuns: PROPERTY_RUNS, seed: seedOr(0x7e5c) },
  );
});
