/**
 * The proxy-access rules (docs/proxy-access.md): whether a carer's permission
 * is in force for a resident of a given age, granted by whom and when. The
 * property tests compare `proxyStanding` with an independent statement of the
 * rules over random birthdays (29 February included), grant dates, grantors,
 * GP assessments, periods and statuses; the tables pin the edges.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  birthdayAt,
  buildProxyConsent,
  proxyStanding,
  readProxyConsent,
  ukToday,
  type Consent,
  type ProxyPermission,
} from '../../src/index.js';

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Whole years of age on `today`, counted by hand: someone born on 29 February has their birthday on 1 March in other years. */
function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const [month, day] = bm === 2 && bd === 29 && !isLeap(ty) ? [3, 1] : [bm, bd];
  const hadBirthday = tm > month || (tm === month && td >= day);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** The rules, stated independently of the code: in force or not. */
function oracle(permission: ProxyPermission, birthDate: string | undefined, today: string): boolean {
  if (permission.status !== 'active') return false;
  if (permission.start && today < permission.start) return false;
  if (permission.end && today > permission.end) return false;
  if (permission.grantedBy.kind === 'other' || !permission.granted) return false;
  const decision = permission.grantedBy.kind === 'resident' ? permission.granted : permission.assessed;
  if (birthDate === undefined) return permission.grantedBy.kind === 'resident' || permission.assessed !== undefined;
  const age = ageOn(birthDate, today);
  if (age < 11) return true;
  if (decision === undefined) return false;
  // The decision was made at or after the age that now applies (11 for 11–15, 16 from 16).
  const threshold = age < 16 ? 11 : 16;
  return ageOn(birthDate, decision) >= threshold;
}

const day = fc
  .record({ year: fc.integer({ min: 1920, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter(({ year, month, day: d }) => d <= new Date(Date.UTC(year, month, 0)).getUTCDate())
  .map(({ year, month, day: d }) => `${pad(year, 4)}-${pad(month)}-${pad(d)}`);

const permission = fc.record({
  status: fc.constantFrom('active', 'active', 'active', 'inactive', 'entered-in-error'),
  grantedBy: fc.constantFrom<ProxyPermission['grantedBy']>(
    { kind: 'resident' },
    { kind: 'practice', organizationId: 'org-1' },
    { kind: 'other' },
  ),
  granted: fc.option(day, { nil: undefined }),
  assessed: fc.option(day, { nil: undefined }),
  start: fc.option(day, { nil: undefined }),
  end: fc.option(day, { nil: undefined }),
});

const asPermission = (
  values: Omit<ProxyPermission, 'consentId' | 'patientId' | 'relatedPersonId' | 'actions' | 'withheld'>,
): ProxyPermission => ({
  consentId: 'proxy-1',
  patientId: 'pat-1',
  relatedPersonId: 'rp-1',
  actions: ['view-record'],
  withheld: [],
  ...values,
});

describe('proxy standing against the rules stated independently', () => {
  test('any permission, any birthday, any day', () => {
    fc.assert(
      fc.property(permission, fc.option(day, { nil: undefined }), day, (values, birthDate, today) => {
        const granted = asPermission(values);
        // Dates before birth are not meaningful for the age rules; the oracle and the code both see them as under 11.
        fc.pre(birthDate === undefined || today >= birthDate);
        const standing = proxyStanding(granted, birthDate, today);
        assert.equal(standing.inForce, oracle(granted, birthDate, today), JSON.stringify({ granted, birthDate, today, standing }));
        if (!standing.inForce) assert.ok(standing.text.length > 0, 'a refusal says why');
      }),
      { numRuns: 10_000, seed: 61213 },
    );
  });

  test('a parent’s access set up by the practice never outlives the 11th birthday without a new decision', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 0, max: 5000 }), (birthDate, granted, daysAfter) => {
        fc.pre(granted >= birthDate);
        const eleventh = birthdayAt(birthDate, 11);
        const today = new Date(Date.parse(`${eleventh}T12:00:00Z`) + daysAfter * 86_400_000).toISOString().slice(0, 10);
        const standing = proxyStanding(
          asPermission({
            status: 'active',
            grantedBy: { kind: 'practice', organizationId: 'o' },
            granted,
            assessed: undefined,
            start: undefined,
            end: undefined,
          }),
          birthDate,
          today,
        );
        assert.equal(standing.inForce, false);
      }),
      { numRuns: 5_000, seed: 61214 },
    );
  });
});

describe('proxy standing at the edges', () => {
  const practice = (granted: string, assessed?: string) =>
    asPermission({
      status: 'active',
      grantedBy: { kind: 'practice', organizationId: 'o' },
      granted,
      assessed,
      start: undefined,
      end: undefined,
    });
  const own = (granted: string) =>
    asPermission({ status: 'active', grantedBy: { kind: 'resident' }, granted, assessed: undefined, start: undefined, end: undefined });
  const cases: [string, ProxyPermission, string | undefined, string, boolean][] = [
    ['a child of 10, the day before the 11th birthday', practice('2020-01-01'), '2015-06-10', '2026-06-09', true],
    ['the same child on the 11th birthday', practice('2020-01-01'), '2015-06-10', '2026-06-10', false],
    ['at 12, assessed by the GP after the 11th birthday', practice('2020-01-01', '2026-07-01'), '2014-06-10', '2026-12-01', true],
    ['at 12, assessed before the 11th birthday', practice('2020-01-01', '2025-05-01'), '2014-06-10', '2026-12-01', false],
    ['at 13, granted by the young person after 11', own('2026-01-02'), '2013-06-10', '2026-12-01', true],
    ['at 16, a grant the young person made at 14', own('2024-09-01'), '2010-07-07', '2026-12-01', false],
    ['at 16, the young person’s own grant after 16', own('2026-08-01'), '2010-07-07', '2026-12-01', true],
    ['an adult’s own grant', own('2023-01-01'), '1941-04-17', '2026-12-01', true],
    ['an adult, set up by the practice without a recorded assessment', practice('2023-01-01'), '1941-04-17', '2026-12-01', false],
    ['an adult who cannot decide, with the GP’s assessment', practice('2023-01-01', '2023-01-01'), '1941-04-17', '2026-12-01', true],
    ['born 29 February: 1 March of a common year is the 11th birthday', practice('2016-01-01'), '2016-02-29', '2027-03-01', false],
    ['born 29 February: 28 February of a common year is still 10', practice('2016-01-01'), '2016-02-29', '2027-02-28', true],
    ['no date of birth, set up by the practice for a child', practice('2020-01-01'), undefined, '2026-12-01', false],
    ['no date of birth, the person’s own grant', own('2020-01-01'), undefined, '2026-12-01', true],
  ];
  for (const [name, granted, birthDate, today, expected] of cases)
    test(name, () => assert.equal(proxyStanding(granted, birthDate, today).inForce, expected));

  test('stopped, not started and ended permissions are not in force, each saying so', () => {
    const base = own('2020-01-01');
    assert.deepEqual(
      [
        proxyStanding({ ...base, status: 'inactive' }, '1980-01-01', '2026-12-01'),
        proxyStanding({ ...base, start: '2027-01-01' }, '1980-01-01', '2026-12-01'),
        proxyStanding({ ...base, end: '2026-11-30' }, '1980-01-01', '2026-12-01'),
      ].map((standing) => (standing.inForce ? 'in force' : standing.reason)),
      ['stopped', 'not-started', 'expired'],
    );
  });
});

describe('reading a proxy Consent', () => {
  test('what the SDK builds reads back the same', () => {
    fc.assert(
      fc.property(
        fc.subarray(['view-record', 'view-appointments', 'view-results', 'add-readings', 'add-medicines'] as const, { minLength: 1 }),
        fc.subarray(['mental-health', 'sexual-health', 'social-care'] as const),
        (actions, withheld) => {
          const consent = buildProxyConsent({ patientId: 'pat-1', relatedPersonId: 'rp-1', actions, withheld });
          const read = readProxyConsent({ ...consent, performer: [{ reference: 'Patient/pat-1' }], dateTime: '2026-01-01T10:00:00Z' });
          assert.ok(read);
          assert.deepEqual(new Set(read.actions), new Set(actions));
          assert.deepEqual(new Set(read.withheld), new Set(withheld));
          assert.deepEqual(read.grantedBy, { kind: 'resident' });
        },
      ),
      { seed: 61215 },
    );
  });

  test('anything it cannot read in full grants nothing', () => {
    const good = buildProxyConsent({ patientId: 'pat-1', relatedPersonId: 'rp-1', actions: ['view-record'], withheld: [] });
    const provision = good.provision ?? {};
    const broken: Consent[] = [
      { ...good, provision: { ...provision, actor: [] } },
      { ...good, provision: { ...provision, actor: [...(provision.actor ?? []), ...(provision.actor ?? [])] } },
      {
        ...good,
        provision: {
          ...provision,
          action: [{ coding: [{ system: 'https://care-record.example/CodeSystem/proxy-action', code: 'delete-record' }] }],
        },
      },
      { ...good, provision: { ...provision, provision: [{ type: 'deny', securityLabel: [{ system: 'x', code: 'y' }] }] } },
      { ...good, provision: { ...provision, type: 'deny' } },
      { ...good, category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }] },
      { ...good, patient: { reference: 'Group/1' } },
    ];
    for (const consent of broken) assert.equal(readProxyConsent(consent), undefined, JSON.stringify(consent.provision));
  });

  test('UK today is the Europe/London date, not UTC', () => {
    assert.equal(ukToday(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(ukToday(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });
});
