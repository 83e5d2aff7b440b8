/**
 * The visibility rule is written once (`policy/visibility.ts`) as a function
 * and as SQL; this property test stores thousands of generated items in a real
 * store (SQLite, or PostgreSQL when the tests run against it) and checks, for generated viewers, that a search returns
 * exactly the items the function calls visible and counts as withheld exactly
 * those it calls withheld — for readers of a reduced view too (the desk's
 * appointments, withheld by what the view shows: the labels kept for them) —
 * and for items whose service elements point at directory entries that count
 * as labelled (`labelledServices`), in every form a reference takes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnavailable, isVisible, isWithheld, type Visibility } from '../src/policy/visibility.js';
import { openTestStore } from './support/test-store.js';

/** A small deterministic generator (mulberry32), so a failure names a seed that repeats it. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = ['SEX', 'SDV', 'R', 'V', 'NOPAT', 'PSY', 'sex', 'r', 'SEXX', '%', '_', 'R,V'];
const SOURCES = [
  undefined,
  'https://care-record.example/source/F83999',
  'https://care-record.example/source/RZ9',
  'https://care-record.example/source/LA999',
  'https://care-record.example/source/resident',
];

/**
 * References a service element may hold (an asserter, a booked participant), to the directory entries
 * `labelledServices` names: by id, a version, an identifier in any case, a contained entry's identifier, another
 * server's entry, a person — and none.
 */
const ODS = 'https://fhir.nhs.uk/Id/ods-organization-code';
const REFERENCES: readonly (Record<string, unknown> | undefined)[] = [
  undefined,
  { reference: 'Organization/o-1' },
  { reference: 'Organization/o-2/_history/3' },
  { reference: 'Location/l-1' },
  { reference: `Organization?identifier=${encodeURIComponent(`${ODS}|rx2`)}` },
  { reference: 'Organization?identifier=%E0%A4%A' },
  { type: 'Organization', identifier: { system: ODS, value: 'rx1' } },
  { identifier: { system: ODS, value: 'RX2' } },
  { reference: '#org' },
  { reference: 'https://elsewhere.example/fhir/Organization/o-1' },
  { reference: 'Patient/o-1' },
  { reference: 'Organization/o-1', display: 'Anywhere' },
];
const SERVICE_KEYS = ['Organization/o-1', 'Organization/o-2', 'Location/l-1', `${ODS}|RX1`, `${ODS}|RX2`, `${ODS}|RX3`, 'Patient/o-1'];
const CONTAINED_ORGANIZATION = { resourceType: 'Organization', id: 'org', identifier: [{ system: ODS, value: 'RX3' }] };

test('search and the visibility function agree on every generated item and viewer', async () => {
  const store = await openTestStore();
  const next = random(20261203);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const subset = <T>(items: readonly T[], chance: number): T[] => items.filter(() => next() < chance);
  const items: Record<string, unknown>[] = [];
  for (let index = 0; index < 2_000; index += 1) {
    const source = pick(SOURCES);
    const labels = subset(LABELS, 0.15);
    const item = {
      resourceType: 'Condition',
      id: `c-${index}`,
      meta: {
        ...(source ? { source } : {}),
        ...(labels.length > 0 || next() < 0.1 ? { security: labels.map((code) => ({ system: 'urn:test', code })) } : {}),
      },
      subject: { reference: 'Patient/p-1' },
      recordedDate: `20${String(10 + (index % 15))}-01-01`,
      ...(next() < 0.5 ? { asserter: pick(REFERENCES) } : {}),
      ...(next() < 0.2 ? { contained: [CONTAINED_ORGANIZATION] } : {}),
    };
    items.push((await store.put(item)).resource);
  }
  // The directory, which a source's setting (`labelledSources`) says nothing about: SQL and function agree on it too.
  const directory: Record<string, unknown>[] = [];
  for (let index = 0; index < 200; index += 1) {
    const source = pick(SOURCES);
    const labels = subset(LABELS, 0.15);
    const practitioner = {
      resourceType: 'Practitioner',
      id: `pr-${index}`,
      meta: {
        ...(source ? { source } : {}),
        ...(labels.length > 0 ? { security: labels.map((code) => ({ system: 'urn:test', code })) } : {}),
      },
    };
    directory.push((await store.put(practitioner)).resource);
  }
  // Appointments whose labels differ as the desk sees them: sensitive, labelled or mental health where the desk's
  // view holds it (the service), where it does not (the reason, a contained resource), or both.
  const appointments: Record<string, unknown>[] = [];
  const sti = { coding: [{ system: 'http://snomed.info/sct', code: '8098009' }] };
  for (let index = 0; index < 400; index += 1) {
    const source = pick(SOURCES);
    const labels = subset(LABELS, 0.1);
    const containedLabels = subset(LABELS, 0.1);
    const appointment = {
      resourceType: 'Appointment',
      id: `a-${index}`,
      meta: {
        ...(source ? { source } : {}),
        ...(labels.length > 0 ? { security: labels.map((code) => ({ system: 'urn:test', code })) } : {}),
      },
      status: 'booked',
      ...(next() < 0.2 ? { serviceType: [pick([{ text: 'Sexual health clinic' }, { text: 'Community mental health team' }])] } : {}),
      ...(next() < 0.3 ? { reasonCode: [sti] } : {}),
      ...(next() < 0.3
        ? {
            contained: [
              {
                resourceType: 'Encounter',
                id: 'e',
                ...(containedLabels.length > 0
                  ? { meta: { security: containedLabels.map((code) => ({ system: 'urn:test', code })) } }
                  : {}),
                ...(next() < 0.5 ? { serviceType: { text: 'Psychiatry' } } : {}),
              },
            ],
          }
        : {}),
      participant: [
        { actor: { reference: 'Patient/p-1' }, status: 'accepted' },
        ...(next() < 0.5 ? [{ actor: pick(REFERENCES), status: 'accepted' }] : []),
      ],
      start: `20${String(10 + (index % 15))}-01-01T09:00:00Z`,
    };
    appointments.push((await store.put(appointment)).resource);
  }
  let viewers = 0;
  for (let round = 0; round < 300; round += 1) {
    const visibility: Visibility = {
      hiddenLabels: subset(LABELS, 0.3),
      ...(next() < 0.5 ? { unlessSource: pick(SOURCES.filter(Boolean)) } : {}),
      ...(next() < 0.3
        ? {
            unavailableSources: subset(
              SOURCES.filter((source): source is string => Boolean(source)),
              0.4,
            ),
          }
        : {}),
      ...(next() < 0.3
        ? {
            hiddenSources: subset(
              SOURCES.filter((source): source is string => Boolean(source)),
              0.4,
            ),
          }
        : {}),
      // Items from these sources count as labelled though they came without it (mental health by its source).
      ...(next() < 0.4
        ? {
            labelledSources: Object.fromEntries(
              subset(LABELS, 0.3).map((label) => [
                label,
                subset(
                  SOURCES.filter((source): source is string => Boolean(source)),
                  0.4,
                ),
              ]),
            ),
          }
        : {}),
      // Items whose service elements point at these directory entries count as labelled (mental health by reference).
      ...(next() < 0.4
        ? { labelledServices: Object.fromEntries(subset(LABELS, 0.3).map((label) => [label, subset(SERVICE_KEYS, 0.4)])) }
        : {}),
      ...(next() < 0.5 ? { views: 'desk' } : {}),
    };
    const result = await store.search({
      type: 'Condition',
      patientId: 'p-1',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 10_000,
      visibility,
    });
    const expected = items.filter((item) => isVisible(item, visibility)).map((item) => String(item['id']));
    assert.deepEqual(
      new Set(result.resources.map((item) => String(item['id']))),
      new Set(expected),
      `round ${round}: ${JSON.stringify(visibility)}`,
    );
    const withheld = items.filter((item) => !isUnavailable(item, visibility) && isWithheld(item, visibility)).length;
    assert.equal(result.withheld, withheld, `round ${round}: withheld count`);
    const staff = await store.search({
      type: 'Practitioner',
      criteria: [],
      sort: { by: 'lastUpdated', descending: true },
      count: 10_000,
      visibility,
    });
    assert.deepEqual(
      new Set(staff.resources.map((item) => String(item['id']))),
      new Set(directory.filter((item) => isVisible(item, visibility)).map((item) => String(item['id']))),
      `round ${round}: the directory`,
    );
    const booked = await store.search({
      type: 'Appointment',
      patientId: 'p-1',
      criteria: [],
      sort: { by: 'date', descending: true },
      count: 10_000,
      visibility,
    });
    assert.deepEqual(
      new Set(booked.resources.map((item) => String(item['id']))),
      new Set(appointments.filter((item) => isVisible(item, visibility)).map((item) => String(item['id']))),
      `round ${round}: appointments`,
    );
    assert.equal(
      booked.withheld,
      appointments.filter((item) => !isUnavailable(item, visibility) && isWithheld(item, visibility)).length,
      `round ${round}: appointments withheld`,
    );
    viewers += 1;
  }
  assert.equal(viewers, 300);
  await store.close();
});
