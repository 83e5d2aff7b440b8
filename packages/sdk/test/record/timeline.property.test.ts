/**
 * Property tests of the timeline builder over generated FHIR resources: the
 * eight resource types the timeline reads, in shapes real feeds send (missing
 * optionals, partial dates, unknown codes, very long unbroken words), with
 * random fields broken (nulls, numbers where strings belong, objects where
 * lists belong, nulls inside lists). Whatever arrives:
 *
 * - nothing throws out of `add` or `view`, for either audience, with any filters;
 * - every resource the caller may see is on the timeline: as its event, or as
 *   one line saying it could not be read (or inside the report that reports it);
 * - what could not be read is said: each such line is counted in `unreadable`
 *   and named in `safetyIssues`;
 * - nothing about another patient is ever shown, and each such item is reported;
 * - every string shown is fit to show, and the counts add up to what is shown.
 *
 * `TIMELINE_PROPERTY_RUNS` raises the number of cases for a soak run.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import {
  CARE_SETTINGS,
  EVENT_TYPES_OF,
  createTimeline,
  TIMELINE_EVENT_TYPES,
  type TimelineEvent,
  type TimelineResource,
  type TimelineView,
} from '../../src/record/index.js';
import { latestDayKey, readMoment, recordedMoment } from '../../src/record/clinical-moment.js';
import { assertDisplayable } from './assert-displayable.js';
import { PROPERTY_RUNS, seedOr } from './property-runs.js';

const RUNS = PROPERTY_RUNS;
const PATIENT = 'pat-0001';
const OTHER = 'pat-0002';
const NOW = '2026-11-28T09:00:00Z';
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([
  ['F83999', 'Junction Road Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
  ['LA999', 'Islington Adult Social Care'],
]);
const SNOMED = 'http://snomed.info/sct';

type Json = Record<string, unknown>;
const RESOURCE_TYPES = [
  'Encounter',
  'Appointment',
  'Observation',
  'DiagnosticReport',
  'DocumentReference',
  'CarePlan',
  'EpisodeOfCare',
  'Condition',
] as const;
type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Words that cannot be mistaken for `undefined`, `NaN` or `[object Object]` by the displayable check. */
const words = fc.string({ unit: fc.constantFrom(...'abcdeé xyz-’0123'.split('')), maxLength: 40 });
/** A 126-character unbroken word, and other long ones. */
const longWord = fc.integer({ min: 60, max: 200 }).map((length) => 'Pneumonoultramicroscopic'.repeat(10).slice(0, length));
const text = fc.oneof(words, longWord);
const dateValue = fc.oneof(
  fc.constantFrom(
    '2024',
    '2024-05',
    '2024-05-06',
    '1968-12-01T12:00:00Z',
    '1995-10-25T12:00:00+01:00',
    '2027-03-15T12:30:00Z',
    'not a date',
    '',
  ),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
);
const concept = fc.record(
  {
    text,
    coding: fc.array(
      fc.record(
        {
          system: fc.constantFrom(SNOMED, 'urn:unknown'),
          code: fc.constantFrom('4525004', '32485007', '58000006', '11429006', 'x-unknown'),
          display: text,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const source = fc
  .constantFrom('F83999', 'RZ9', 'LA999', 'resident', 'ZZ999', 'hub')
  .map((code) => `https://care-record.example/source/${code}`);

/** What a broken field holds instead. */
const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant('Patient/pat-0001'),
  fc.dictionary(fc.constantFrom('text', 'reference', 'start', 'coding', 'value'), fc.anything({ maxDepth: 1 }), { maxKeys: 2 }),
  fc.array(fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 3 })), { maxLength: 3 }),
);

/** Fields that may be broken (the patient reference, status and id are broken only in the garbage property). */
const BREAKABLE: Record<ResourceType, readonly string[]> = {
  Encounter: ['class', 'type', 'serviceType', 'period', 'reasonCode', 'serviceProvider', 'meta.source'],
  Appointment: ['serviceType', 'appointmentType', 'description', 'reasonCode', 'start', 'extension', 'meta.source'],
  Observation: [
    'category',
    'code',
    'effectiveDateTime',
    'effectivePeriod',
    'valueQuantity',
    'valueString',
    'valueCodeableConcept',
    'valueInteger',
    'component',
    'performer',
    'issued',
  ],
  DiagnosticReport: ['code', 'effectiveDateTime', 'conclusion', 'performer', 'issued'],
  DocumentReference: [
    'type',
    'category',
    'date',
    'content',
    'content.0',
    'content.0.attachment',
    'content.0.attachment.title',
    'description',
    'custodian',
    'context',
  ],
  CarePlan: ['title', 'category', 'description', 'created', 'period'],
  EpisodeOfCare: ['type', 'period', 'managingOrganization'],
  Condition: ['code', 'onsetDateTime', 'onsetPeriod', 'recordedDate', 'clinicalStatus'],
};

interface Generated {
  resource: Json;
  type: ResourceType;
  key: string;
  mine: boolean;
  withdrawn: boolean;
  nopat: boolean;
  /** Fields broken, by path. */
  broken: string[];
}

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let here: unknown = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof here !== 'object' || here === null) return;
    here = (here as Json)[key];
  }
  if (typeof here === 'object' && here !== null) (here as Json)[keys.at(-1) as string] = value;
}

/** One resource of `type`, about this patient or another, before anything is broken. */
function baseResource(type: ResourceType, id: string, fields: Json): Json {
  const { mine, status, meta, title, detail, date, concepts, reports } = fields as {
    mine: boolean;
    status: string;
    meta: Json;
    title: string;
    detail: string;
    date: string;
    concepts: Json[];
    reports: string[];
  };
  const subject = { reference: `Patient/${mine ? PATIENT : OTHER}` };
  const common = { resourceType: type, id, meta };
  switch (type) {
    case 'Encounter':
      return {
        ...common,
        status,
        class: { code: fields['classCode'] },
        type: concepts,
        subject,
        period: { start: date },
        reasonCode: [{ text: detail }],
        serviceProvider: { display: title },
      };
    case 'Appointment':
      return {
        ...common,
        status,
        serviceType: concepts,
        description: detail,
        start: date,
        participant: [null, { actor: { reference: 'Practitioner/p1' } }, { actor: subject }],
      };
    case 'Observation':
      return {
        ...common,
        status,
        category: [{ coding: [{ code: fields['category'] }] }],
        code: { text: title },
        subject,
        effectiveDateTime: date,
        valueQuantity: { value: 5.5, unit: 'mmol/L' },
        performer: [{ display: detail }],
      };
    case 'DiagnosticReport':
      return {
        ...common,
        status,
        code: { text: title },
        subject,
        effectiveDateTime: date,
        conclusion: detail,
        result: reports.map((reference) => ({ reference })),
      };
    case 'DocumentReference':
      return {
        ...common,
        status: 'current',
        docStatus: status,
        type: concepts[0],
        subject,
        date,
        description: detail,
        content: [{ attachment: { title, creation: date } }],
      };
    case 'CarePlan':
      return { ...common, status, intent: 'plan', title, category: concepts, subject, created: date };
    case 'EpisodeOfCare':
      return { ...common, status, type: concepts, patient: subject, period: { start: date }, managingOrganization: { display: title } };
    case 'Condition':
      return {
        ...common,
        verificationStatus: { coding: [{ code: status === 'entered-in-error' ? 'entered-in-error' : 'confirmed' }] },
        clinicalStatus: { coding: [{ code: 'active' }] },
        code: { text: title },
        subject,
        onsetDateTime: date,
      };
  }
}

const generatedResource = (index: number, observationIds: readonly string[]): fc.Arbitrary<Generated> =>
  fc
    .record({
      type: fc.constantFrom(...RESOURCE_TYPES),
      mine: fc.constantFrom(true, true, true, false),
      status: fc.constantFrom('finished', 'booked', 'final', 'active', 'cancelled', 'entered-in-error', 'x-unknown'),
      nopat: fc.constantFrom(false, false, false, true),
      source: fc.option(source, { nil: undefined }),
      title: text,
      detail: text,
      date: dateValue,
      concepts: fc.array(concept, { maxLength: 2 }),
      classCode: fc.constantFrom('AMB', 'EMER', 'IMP', 'HH', 'VR', 'odd'),
      category: fc.constantFrom('laboratory', 'vital-signs', 'social-history', 'survey', 'x'),
      reports: fc.subarray(
        observationIds.map((id) => `Observation/${id}`),
        { maxLength: Math.min(2, observationIds.length) },
      ),
      breaks: fc.array(fc.tuple(fc.nat(), junk), { maxLength: 3 }),
    })
    .map(({ type, breaks, nopat, source: metaSource, ...fields }) => {
      const id = type === 'Observation' ? `obs-${index}` : `${type.toLowerCase()}-${index}`;
      const meta: Json = { ...(metaSource ? { source: metaSource } : {}), ...(nopat ? { security: [{ code: 'NOPAT' }] } : {}) };
      const resource = baseResource(type, id, { ...fields, meta });
      const paths = BREAKABLE[type];
      const broken: string[] = [];
      for (const [at, value] of breaks) {
        const path = paths[at % paths.length] as string;
        setPath(resource, path, value);
        broken.push(path);
      }
      return {
        resource,
        type,
        key: `${type}/${id}`,
        mine: fields.mine,
        withdrawn: fields.status === 'entered-in-error',
        nopat,
        broken,
      };
    });

const records = fc.integer({ min: 1, max: 8 }).chain((size) => {
  const observationIds = Array.from({ length: size }, (_, index) => `obs-${index}`);
  return fc.tuple(...Array.from({ length: size }, (_, index) => generatedResource(index, observationIds)));
});

const filters = fc.record({
  settings: fc.subarray([...CARE_SETTINGS], { maxLength: 2 }),
  types: fc.subarray([...TIMELINE_EVENT_TYPES], { maxLength: 2 }),
});

const eventsOf = (view: TimelineView): TimelineEvent[] => [...view.days.flatMap((day) => day.events), ...view.undated];

describe('timeline builder: properties over generated and malformed resources', () => {
  test(`${RUNS} generated records: nothing thrown, nothing the caller may see is missing, every unreadable item said`, () => {
    let unreadableSeen = 0;
    fc.assert(
      fc.property(records, fc.constantFrom('clinician', 'resident'), filters, fc.boolean(), (generated, audience, chosen, inPages) => {
        const timeline = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience, now: NOW });
        const resources = generated.map((item) => item.resource as unknown as TimelineResource);
        if (inPages) for (const resource of resources) timeline.add([resource]);
        else timeline.add(resources);
        const view = timeline.view();
        const shown = eventsOf(view);
        const byKey = new Map(shown.map((event) => [event.id, event]));

        for (const item of generated) {
          const event = byKey.get(item.key);
          if (!item.mine) {
            assert.equal(event, undefined, `${item.key} is another patient's and must not be shown`);
            assert.ok(
              view.safetyIssues.some((issue) => issue.code !== 'unreadable' && `${issue.resourceType}/${issue.resourceId}` === item.key),
              `${item.key} is reported`,
            );
            continue;
          }
          const hidden = item.withdrawn || (audience === 'resident' && item.nopat);
          if (hidden) continue;
          if (event) continue;
          // Not an event of its own: only an observation shown within a report on the timeline (or kept from the resident with it).
          assert.equal(item.type, 'Observation', `${item.key} is missing from the timeline`);
          const reports = generated.filter(
            (other) =>
              other.type === 'DiagnosticReport' &&
              ((other.resource['result'] as { reference?: unknown }[] | undefined) ?? []).some((result) => result?.reference === item.key),
          );
          assert.ok(
            reports.some((report) => {
              const reportEvent = byKey.get(report.key);
              return (
                (reportEvent && !reportEvent.unreadable) || (audience === 'resident' && report.nopat && report.mine && !report.withdrawn)
              );
            }),
            `${item.key} is missing, and no report on the timeline holds it`,
          );
        }

        for (const event of shown) assert.ok(EVENT_TYPES_OF[event.resourceType].includes(event.type), `${event.id} is ${event.type}`);
        const unreadable = shown.filter((event) => event.unreadable);
        unreadableSeen += unreadable.length;
        assert.equal(view.unreadable, unreadable.length);
        for (const event of unreadable) {
          assert.match(event.title, /^One item from .+ could not be read$/);
          assert.equal(event.detail, undefined);
          assert.ok(
            view.safetyIssues.some((issue) => issue.code === 'unreadable' && `${issue.resourceType}/${issue.resourceId}` === event.id),
            `${event.id} is reported as unreadable`,
          );
        }
        assertDisplayable(shown, 'events');
        assertDisplayable(
          view.days.map((day) => day.date),
          'days',
        );
        assert.equal(view.total, shown.length);
        assert.equal(
          Object.values(view.counts.types).reduce((sum, count) => sum + count, 0),
          view.total,
        );

        const filtered = timeline.view(chosen);
        for (const event of eventsOf(filtered)) {
          assert.equal(byKey.get(event.id), event);
          if (chosen.settings.length > 0) assert.ok(chosen.settings.includes(event.setting));
          if (chosen.types.length > 0) assert.ok(chosen.types.includes(event.type));
        }
        for (const setting of CARE_SETTINGS)
          if (chosen.types.length === 0) assert.equal(filtered.counts.settings[setting], view.counts.settings[setting]);
      }),
      { numRuns: RUNS, seed: seedOr(20261214) },
    );
    // The generators do reach the unreadable path (a test of isolation that never isolates anything proves nothing).
    assert.ok(unreadableSeen > RUNS / 20, `only ${unreadableSeen} unreadable events in ${RUNS} runs`);
  });

  test(`${RUNS} lists of anything: add and view never throw, and what they show is fit to show`, () => {
    const anyResource = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({
        resourceType: fc.constantFrom(...RESOURCE_TYPES),
        id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.constant(null)),
        subject: fc.oneof(fc.constant({ reference: `Patient/${PATIENT}` }), junk),
        patient: fc.oneof(fc.constant({ reference: `Patient/${PATIENT}` }), junk),
        participant: fc.oneof(fc.constant([{ actor: { reference: `Patient/${PATIENT}` } }]), junk),
        status: fc.oneof(fc.constantFrom('final', 'entered-in-error'), junk),
        meta: fc.oneof(fc.record({ source, lastUpdated: dateValue }), junk),
        code: fc.oneof(concept, junk),
        type: fc.oneof(fc.array(concept, { maxLength: 1 }), junk),
        period: fc.oneof(fc.record({ start: dateValue }), junk),
        effectiveDateTime: fc.oneof(dateValue, junk),
        content: junk,
        result: junk,
      }),
    );
    fc.assert(
      fc.property(fc.array(anyResource, { maxLength: 6 }), fc.constantFrom('clinician', 'resident'), (resources, audience) => {
        const timeline = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience, now: NOW });
        timeline.add(resources as TimelineResource[]);
        const view = timeline.view();
        const shown = eventsOf(view);
        // An event's id is a key, never shown, made of the sender's id (any string is a FHIR id, "NaN" too): checked below.
        assertDisplayable(shown, 'events', '$', ['id']);
        assert.equal(view.unreadable, shown.filter((event) => event.unreadable).length);
        for (const event of shown) {
          const resource = (resources as Json[]).find(
            (candidate) =>
              typeof candidate === 'object' &&
              candidate !== null &&
              typeof candidate['id'] === 'string' &&
              `${String(candidate['resourceType'])}/${candidate['id'].trim()}` === event.id,
          );
          // The resource's own key (its id trimmed), or one made for a resource without an id.
          assert.ok(resource !== undefined || /^[A-Za-z]+\/\(no id \d+\)$/.test(event.id), `event id ${JSON.stringify(event.id)}`);
          // Only what says it is this patient's is shown as an event; anything else at most as "could not be read".
          if (event.unreadable) continue;
          if (resource) {
            const subject =
              resource['resourceType'] === 'Appointment'
                ? resource['participant']
                : resource['resourceType'] === 'EpisodeOfCare'
                  ? resource['patient']
                  : resource['subject'];
            assert.match(JSON.stringify(subject), new RegExp(`Patient/${PATIENT}`));
          }
        }
      }),
      { numRuns: RUNS, seed: seedOr(20261215) },
    );
  });
});

/** Date-times around midnight and the clocks changing, with any offset: the days an event may move to from the day written. */
const nearMidnight = fc
  .record({
    day: fc.integer({ min: 0, max: 6 }),
    hour: fc.constantFrom(0, 1, 2, 11, 22, 23),
    minute: fc.constantFrom(0, 30, 59),
    second: fc.constantFrom('', ':00', ':60', ':59.999'),
    offset: fc.integer({ min: -14 * 4, max: 14 * 4 }),
    zone: fc.constantFrom('offset', 'Z', 'none'),
  })
  .map(({ day, hour, minute, second, offset, zone }) => {
    const date = new Date(Date.UTC(2026, 2, 26 + day)).toISOString().slice(0, 10);
    const sign = offset < 0 ? '-' : '+';
    const minutes = Math.abs(offset) * 15;
    const suffix =
      zone === 'Z'
        ? 'Z'
        : zone === 'none'
          ? ''
          : `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}${second === '' && suffix === '' ? '' : second}${suffix}`;
  });
const anyDate = fc.oneof(nearMidnight, dateValue, fc.constantFrom('2026-03', '2026', ' 2026-03-29', '2026-03-31T23:59:60+00:00'));

/** A record, then later versions of some of its resources (moved, withdrawn, older or newer), all in a random order and cut into pages. */
const pagedRecords = fc
  .integer({ min: 1, max: 20 })
  .chain((size) => {
    const observationIds = Array.from({ length: size }, (_, index) => `obs-${index}`);
    return fc.tuple(
      fc.tuple(...Array.from({ length: size }, (_, index) => generatedResource(index, observationIds))),
      fc.array(fc.tuple(fc.nat({ max: size - 1 }), anyDate), { minLength: size, maxLength: size }),
      fc.array(
        fc.record({
          of: fc.nat({ max: size - 1 }),
          date: anyDate,
          lastUpdated: fc.constantFrom(undefined, '2020-01-01T00:00:00Z', '2030-01-01T00:00:00Z'),
          withdraw: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
    );
  })
  .chain(([generated, dates, versions]) => {
    const resources: Json[] = generated.map((item, index) => {
      const resource = structuredClone(item.resource);
      // Many dates fall on the same few days, near midnight: the order of a page decides nothing.
      const [, date] = dates[index] as [number, string];
      for (const field of ['effectiveDateTime', 'start', 'onsetDateTime', 'created', 'date'])
        if (typeof resource[field] === 'string') resource[field] = date;
      if (typeof (resource['period'] as Json | undefined)?.['start'] === 'string') (resource['period'] as Json)['start'] = date;
      return resource;
    });
    for (const version of versions) {
      const copy = structuredClone(resources[version.of] as Json);
      copy['meta'] = { ...(copy['meta'] as Json), ...(version.lastUpdated ? { lastUpdated: version.lastUpdated } : {}) };
      for (const field of ['effectiveDateTime', 'start', 'onsetDateTime', 'created', 'date']) if (field in copy) copy[field] = version.date;
      if (version.withdraw) copy['status'] = 'entered-in-error';
      resources.push(copy);
    }
    return fc.tuple(
      fc.shuffledSubarray(resources, { minLength: resources.length }),
      fc.array(fc.nat({ max: resources.length }), { maxLength: 3 }),
    );
  })
  .map(([shuffled, cuts]) => {
    const at = [...new Set([0, ...cuts, shuffled.length])].sort((a, b) => a - b);
    return at.slice(1).map((end, index) => shuffled.slice(at[index], end) as unknown as TimelineResource[]);
  });

const summary = (events: readonly TimelineEvent[]) => events.map((event) => `${event.id} ${event.date} ${event.time ?? ''} ${event.title}`);

describe('timeline builder: reading lazily shows the start of the timeline, never anything else', () => {
  test(`${RUNS} records in random pages and orders: every partial view is the start of the complete one, in the same order`, () => {
    let partialSeen = 0;
    fc.assert(
      fc.property(
        pagedRecords,
        fc.constantFrom('clinician', 'resident'),
        filters,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        (pages, audience, chosen, wanted) => {
          const options = { patientId: PATIENT, organizations: ORGANIZATIONS, audience, now: NOW };
          const lazy = createTimeline(options);
          for (const page of pages) lazy.add(page);
          const partial = wanted.map((atLeast) => ({ atLeast, view: lazy.view(chosen, { atLeast }) }));
          const complete = lazy.view(chosen);
          assert.equal(complete.pending, 0);
          const all = summary(eventsOf(complete));
          for (const { atLeast, view } of partial) {
            const shown = summary(eventsOf(view));
            assert.deepEqual(shown, all.slice(0, shown.length), 'a partial view is the start of the complete one');
            assert.equal(view.total, shown.length);
            if (view.pending > 0) {
              partialSeen++;
              assert.ok(view.total >= atLeast, `${view.total} events settled of the ${atLeast} asked for, with some still to read`);
              assert.deepEqual(view.undated, [], 'undated events come last: none is settled while anything is left to read');
              // Every type the whole timeline has is counted already or may still come: its filter chip is there.
              for (const type of TIMELINE_EVENT_TYPES)
                if (complete.counts.types[type] > 0)
                  assert.ok(view.counts.types[type] > 0 || view.pendingTypes.has(type), `${type} is neither counted nor still to come`);
            } else {
              assert.equal(view.pendingTypes.size, 0);
            }
          }
          // However it was read, the complete timeline is the same as one read all at once.
          const eager = createTimeline(options);
          for (const page of pages) eager.add(page);
          assert.deepEqual(summary(eventsOf(eager.view(chosen))), all);
          assert.deepEqual(eager.view(chosen).counts, complete.counts);
          assert.equal(eager.view(chosen).unreadable, complete.unreadable);
        },
      ),
      { numRuns: RUNS, seed: seedOr(20261216) },
    );
    // Partial views do happen in these records (a property of lazy reading that is never lazy proves nothing).
    assert.ok(partialSeen > RUNS / 20, `only ${partialSeen} partial views in ${RUNS} runs`);
  });

  test(`${RUNS * 4} dates: the day bound is never earlier than the day the date is read as, and nothing is lost`, () => {
    fc.assert(
      fc.property(fc.oneof(anyDate, fc.string({ maxLength: 30 }), fc.constant(new Date(Date.UTC(2026, 2, 29, 0, 30)))), (value) => {
        const moment = readMoment(value);
        const bound = latestDayKey(value);
        if (moment) assert.ok(moment.dayKey <= bound, `${String(value)} is on ${moment.dayKey}, bound ${bound}`);
        // A recorded fact's day (a midnight read as a date) is bounded alike, so the timeline's windowing never skips one.
        const recorded = typeof value === 'string' ? recordedMoment(value) : undefined;
        if (recorded) assert.ok(recorded.dayKey <= bound, `${value} is recorded on ${recorded.dayKey}, bound ${bound}`);
        else assert.ok(bound !== Number.POSITIVE_INFINITY || typeof value === 'string');
      }),
      { numRuns: RUNS * 4, seed: seedOr(20261217) },
    );
  });
});
