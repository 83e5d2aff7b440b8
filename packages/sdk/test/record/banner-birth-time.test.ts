/**
 * A newborn's age in the banner uses the time of birth when the record has
 * one: FHIR's `patient-birthTime` extension on `_birthDate`, as maternity and
 * hospital PAS feeds send it. The CUI bands give a baby under 2 hours its age
 * in minutes and under 2 days in hours; the banner read `birthDate` alone and
 * said `0d` or `1d` for a baby 90 minutes or 30 hours old. A birth time on
 * another day than `birthDate` (in UK time) contradicts it and is not used.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState, type BannerViewModel } from '../../src/record/index.js';
import { seedOr } from './property-runs.js';

const BIRTH_TIME = 'http://hl7.org/fhir/StructureDefinition/patient-birthTime';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

function banner(birthDate: string, birthTime: string | undefined, now: string, extra: Record<string, unknown> = {}): BannerViewModel {
  const patient = {
    resourceType: 'Patient',
    id: 'pat-1',
    name: [{ use: 'official', family: 'Baby', given: ['Of Kaya'] }],
    birthDate,
    ...(birthTime ? { _birthDate: { extension: [{ url: BIRTH_TIME, valueDateTime: birthTime }] } } : {}),
    ...extra,
  } as unknown as Patient;
  return bannerViewModel(patient, { audience: 'clinician', now, organizations: new Map(), allergies: notRecorded });
}

/** The UK calendar day of an instant, read by the platform's own time zone data. */
const ukDay = (instant: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

describe('banner: a newborn’s age counts from the time of birth', () => {
  test('reported: a baby born at 03:30 is 90min old at 05:00, not 0d', () => {
    const model = banner('2026-12-07', '2026-12-07T03:30:00Z', '2026-12-07T05:00:00Z');
    assert.equal(model.born.age, '90min');
    assert.equal(model.born.date, '07-Dec-2026');
  });

  test('a neonatal death is aged from the time of birth too', () => {
    const model = banner('2026-07-01', '2026-07-01T23:10:00+01:00', '2026-12-07T05:00:00Z', {
      deceasedDateTime: '2026-07-02T20:10:00+01:00',
    });
    assert.equal(model.deceased?.ageAtDeath, '21h');
  });

  test('property: within two days of birth, minutes then hours, across BST, from any offset', () => {
    fc.assert(
      fc.property(
        // Births from 2020 to 2030, at any minute; offsets a feed may send the time in.
        fc.integer({ min: Date.UTC(2020, 0, 1) / 60_000, max: Date.UTC(2030, 0, 1) / 60_000 }),
        fc.integer({ min: 0, max: 2 * 24 * 60 - 1 }),
        fc.constantFrom(0, 60, -300, 330),
        (birthMinute, ageMinutes, offsetMinutes) => {
          const birth = birthMinute * 60_000;
          const local = new Date(birth + offsetMinutes * 60_000).toISOString().slice(0, 19);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const offset = `${sign}${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
          const now = new Date(birth + ageMinutes * 60_000 + 30_000).toISOString();
          const expected = ageMinutes < 120 ? `${ageMinutes}min` : `${Math.floor(ageMinutes / 60)}h`;
          assert.equal(banner(ukDay(birth), `${local}${offset}`, now).born.age, expected);
          // The same time on a day other than the date of birth says nothing the date does not: the age is in days.
          const otherDay = ukDay(birth + 2 * 86_400_000);
          assert.match(banner(otherDay, `${local}${offset}`, new Date(birth + 5 * 86_400_000).toISOString()).born.age, /^\d+d$/);
        },
      ),
      { seed: seedOr(71207), numRuns: 1000 },
    );
  });
});
