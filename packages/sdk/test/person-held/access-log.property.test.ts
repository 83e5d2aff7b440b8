/**
 * "Who looked at my record" shows every look, whatever shape of AuditEvent a
 * server writes: no look is dropped or hidden in another person's entry, the
 * log never fails as a whole for one odd event, and an emergency look is
 * marked however it is coded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { accessLogViewModel, type AuditEvent } from '@care-record/sdk';

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const PURPOSE_OF_USE = 'http://terminology.hl7.org/CodeSystem/v3-PurposeOfUse';

const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2027, 0, 1) }).map((time) => new Date(time).toISOString());
const badTime = fc.constantFrom(undefined, '', 'yesterday', '2026-13-45T99:00:00Z');
const purpose = fc.record({
  system: fc.constantFrom(ACT_REASON, PURPOSE_OF_USE, 'http://example.org/purpose'),
  code: fc.constantFrom('TREAT', 'ETREAT', 'BTG', 'HOPERAT'),
});
const isEmergencyPurpose = (coding: { system: string; code: string }) =>
  coding.system !== 'http://example.org/purpose' && (coding.code === 'ETREAT' || coding.code === 'BTG');

/** One look as a server might audit it, with what the log should make of it. */
const look = fc.record({
  recorded: fc.oneof(instant, badTime),
  period: fc.option(fc.record({ start: fc.oneof(instant, badTime) }), { nil: undefined }),
  who: fc.option(fc.constantFrom('PractitionerRole/pr-1', 'PractitionerRole/pr-2', 'Practitioner/p-3', 'RelatedPerson/rp-4'), {
    nil: undefined,
  }),
  agent: fc.constantFrom('requestor', 'first', 'none', 'absent'),
  role: fc.option(fc.constantFrom('gp', 'nurse', 'social-worker'), { nil: undefined }),
  purposeOn: fc.constantFrom('event', 'agent'),
  purpose: fc.option(purpose, { nil: undefined }),
  entity: fc.option(fc.constantFrom('Record summary', 'Observation search', undefined), { nil: undefined }),
});
type Look = Omit<typeof look extends fc.Arbitrary<infer T> ? T : never, 'who'> & { who: string | undefined };

function auditEvent(spec: Look, index: number): AuditEvent {
  const coded = spec.purpose ? [{ coding: [spec.purpose] }] : [];
  const person = {
    ...(spec.who ? { who: { reference: spec.who } } : {}),
    ...(spec.role ? { role: [{ text: spec.role }] } : {}),
    ...(spec.purposeOn === 'agent' ? { purposeOfUse: coded } : {}),
  };
  const agent =
    spec.agent === 'requestor'
      ? [{ ...person, requestor: true }]
      : spec.agent === 'first'
        ? [{ ...person, requestor: false }]
        : spec.agent === 'none'
          ? []
          : undefined;
  return {
    resourceType: 'AuditEvent',
    id: `ev-${index}`,
    type: { code: 'rest' },
    ...(spec.recorded === undefined ? {} : { recorded: spec.recorded }),
    ...(spec.period ? { period: spec.period } : {}),
    ...(spec.purposeOn === 'event' ? { purposeOfEvent: coded } : {}),
    ...(agent ? { agent } : {}),
    source: { observer: { display: 'a server' } },
    ...(spec.entity === undefined ? {} : { entity: [{ description: spec.entity }] }),
  } as unknown as AuditEvent;
}

const readable = (value: string | undefined) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
/** Who the log can tell the look was by: only an agent that is there and names someone. */
const named = (spec: Look) => spec.who !== undefined && (spec.agent === 'requestor' || spec.agent === 'first');
/** Whether the agent carrying a purpose is there to carry it. */
const emergency = (spec: Look) =>
  spec.purpose !== undefined &&
  isEmergencyPurpose(spec.purpose) &&
  (spec.purposeOn === 'event' || spec.agent === 'requestor' || spec.agent === 'first');

test('every look is listed once, unknown times last, emergencies marked, unnamed people never joined', () => {
  fc.assert(
    fc.property(fc.array(look, { maxLength: 25 }), (specs) => {
      const events = specs.map(auditEvent);
      const model = accessLogViewModel(events);
      const timed = specs.filter((spec) => readable(spec.recorded) || readable(spec.period?.start));

      // No look is lost: entries are fewer than looks only where one named person looked several times.
      const unnamed = specs.filter((spec) => !named(spec)).length;
      const namedPeople = new Set(specs.filter(named).map((spec) => spec.who)).size;
      assert.ok(model.entries.length >= unnamed + namedPeople);
      assert.ok(model.entries.length <= specs.length);

      // The times: readable ones newest first, the rest last and said to be not known.
      const times = model.entries.map((entry) => entry.at);
      const known = times.filter(Boolean);
      assert.deepEqual(
        known.map((at) => Date.parse(at)),
        [...known.map((at) => Date.parse(at))].sort((a, b) => b - a),
      );
      assert.deepEqual(
        times.map(Boolean),
        [...times.map(Boolean)].sort((a, b) => Number(b) - Number(a)),
      );
      for (const entry of model.entries) assert.equal(entry.when === 'Not known', entry.at === '');
      // A look of no known time is never joined with another: each is an entry of its own.
      assert.equal(model.entries.filter((entry) => entry.at === '').length, specs.length - timed.length);

      // Every emergency look is in an entry marked as one; no other look is marked.
      const emergencies = specs.filter(emergency).length;
      const marked = model.entries.filter((entry) => entry.emergency !== undefined).length;
      assert.ok(marked <= emergencies);
      if (emergencies > 0) assert.ok(marked > 0);
      if (emergencies === 0) assert.equal(marked, 0);
      for (const entry of model.entries) assert.ok(entry.role.length > 0 && entry.organisation.length > 0);
    }),
    { numRuns: 500, seed: 61216 },
  );
});

test('looks by different people at the same moment are as many entries as people', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 12 }), instant, (people, at) => {
      const events = people.map((person, index) =>
        auditEvent(
          {
            recorded: at,
            period: undefined,
            who: `PractitionerRole/pr-${person}`,
            agent: 'requestor',
            role: 'gp',
            purposeOn: 'event',
            purpose: undefined,
            entity: undefined,
          },
          index,
        ),
      );
      assert.equal(accessLogViewModel(events).entries.length, people.length);
    }),
    { seed: 61217 },
  );
});
