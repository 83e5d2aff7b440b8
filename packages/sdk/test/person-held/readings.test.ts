import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  buildEntryResource,
  createHubClient,
  createSubmissionQueue,
  describeEntry,
  validateEntry,
  type DateFields,
  type EntryInput,
  type FieldError,
} from '../../src/index.js';
import { startExampleHub, type ExampleHub } from '../../../../scripts/example-hub.js';

/** Noon on 28 November 2026, UK time (GMT). */
const now = Date.parse('2026-11-28T12:00:00Z');
const today: DateFields = { day: '28', month: '11', year: '2026' };
const weight = (kilograms: string, date: DateFields = today, time?: string): EntryInput => ({
  kind: 'weight',
  kilograms,
  date,
  ...(time === undefined ? {} : { time }),
});
const pressure = (systolic: string, diastolic: string, date: DateFields = today): EntryInput => ({
  kind: 'blood-pressure',
  systolic,
  diastolic,
  date,
});

let hub: ExampleHub;
before(async () => {
  hub = await startExampleHub();
});
after(() => hub.close());
beforeEach(() => hub.reset());

const stonesAndPounds = (stones: string, pounds: string): EntryInput => ({ kind: 'weight', unit: 'st-lb', stones, pounds, date: today });
const date = (day: string, month: string, year: string): DateFields => ({ day, month, year });
/** A weight of 72.5kg taken on a wrong `date`: refused for that part of the date with `message`. */
const onDate = (what: string, when: DateFields, part: 'day' | 'month' | 'year', message: string): [string, EntryInput, FieldError[]] => [
  what,
  weight('72.5', when),
  [{ field: 'date', part, message }],
];

/** Wrong input, the field it is about and the exact message the resident reads. */
const refused: [what: string, input: EntryInput, errors: FieldError[]][] = [
  ['an empty weight', weight(''), [{ field: 'kilograms', message: 'Enter your weight in kilograms, like 72.5' }]],
  ['spaces only', weight('   '), [{ field: 'kilograms', message: 'Enter your weight in kilograms, like 72.5' }]],
  ['words', weight('abc'), [{ field: 'kilograms', message: 'Weight must be a number, like 72.5' }]],
  ['a decimal comma', weight('72,5'), [{ field: 'kilograms', message: 'Weight must use a full stop, not a comma, like 72.5' }]],
  ['exponent notation', weight('1e3'), [{ field: 'kilograms', message: 'Weight must be a number, like 72.5' }]],
  ['hexadecimal', weight('0x40'), [{ field: 'kilograms', message: 'Weight must be a number, like 72.5' }]],
  ['NaN', weight('NaN'), [{ field: 'kilograms', message: 'Weight must be a number, like 72.5' }]],
  ['Infinity', weight('Infinity'), [{ field: 'kilograms', message: 'Weight must be a number, like 72.5' }]],
  ['two points', weight('72.5.1'), [{ field: 'kilograms', message: 'Weight must be a number, like 72.5' }]],
  ['a negative weight', weight('-70'), [{ field: 'kilograms', message: 'Weight must be 0.5kg or more' }]],
  ['zero', weight('0'), [{ field: 'kilograms', message: 'Weight must be 0.5kg or more' }]],
  ['a huge weight', weight('99999'), [{ field: 'kilograms', message: 'Weight must be 400kg or less' }]],
  ['just over the limit', weight('400.01'), [{ field: 'kilograms', message: 'Weight must be 400kg or less' }]],
  ['too many decimals', weight('72.555'), [{ field: 'kilograms', message: 'Weight must have no more than 2 decimal places, like 72.55' }]],
  [
    'stones and pounds left empty',
    stonesAndPounds('', ''),
    [{ field: 'stones', message: 'Enter your weight in stones and pounds, like 11 stone 4 pounds' }],
  ],
  [
    'pounds of 14 or more',
    stonesAndPounds('11', '14'),
    [{ field: 'pounds', message: 'Pounds must be less than 14 (14 pounds is 1 stone)' }],
  ],
  ['stones with a fraction', stonesAndPounds('11.5', ''), [{ field: 'stones', message: 'Stones must be a whole number, like 11' }]],
  [
    'an empty blood pressure',
    pressure('', ''),
    [
      { field: 'systolic', message: 'Enter your systolic blood pressure (the higher number), like 120' },
      { field: 'diastolic', message: 'Enter your diastolic blood pressure (the lower number), like 80' },
    ],
  ],
  ['systolic lower than diastolic', pressure('80', '120'), [{ field: 'systolic', message: 'Systolic must be higher than diastolic' }]],
  ['systolic equal to diastolic', pressure('90', '90'), [{ field: 'systolic', message: 'Systolic must be higher than diastolic' }]],
  ['a decimal systolic', pressure('120.5', '80'), [{ field: 'systolic', message: 'Systolic must be a whole number, like 120' }]],
  ['a systolic too high', pressure('310', '80'), [{ field: 'systolic', message: 'Systolic must be 300 or less' }]],
  ['a diastolic too low', pressure('120', '15'), [{ field: 'diastolic', message: 'Diastolic must be 20 or more' }]],
  ['a negative diastolic', pressure('120', '-80'), [{ field: 'diastolic', message: 'Diastolic must be 20 or more' }]],
  ['letters in a diastolic', pressure('120', 'eighty'), [{ field: 'diastolic', message: 'Diastolic must be a whole number, like 80' }]],
  onDate('no date', date('', '', ''), 'day', 'Enter the date you took the reading'),
  onDate('a date without a month', date('3', '', '2026'), 'month', 'Date must include a month'),
  onDate('a date that does not exist', date('31', '2', '2026'), 'day', 'Date must be a real date'),
  onDate('a month of 13', date('1', '13', '2026'), 'month', 'Date must be a real date'),
  onDate('a two-digit year', date('1', '2', '26'), 'year', 'Year must include 4 numbers'),
  onDate('a future date', date('29', '11', '2026'), 'day', 'Date must be today or in the past'),
  onDate('a very old date', date('1', '1', '1850'), 'year', 'Date must be in 1900 or later'),
  ['a later time today', weight('72.5', today, '13:30'), [{ field: 'time', message: 'Time must be now or in the past' }]],
  ['a time that does not exist', weight('72.5', today, '25:00'), [{ field: 'time', message: 'Time must be a real time, like 14:30' }]],
  ['a time in words', weight('72.5', today, 'morning'), [{ field: 'time', message: 'Enter the time like 14:30 or 2:30pm' }]],
  ['a medicine without a name', { kind: 'medicine', name: '  ' }, [{ field: 'name', message: 'Enter the name of the medicine' }]],
  [
    'a medicine name too long',
    { kind: 'medicine', name: 'x'.repeat(201) },
    [{ field: 'name', message: 'Name of the medicine must be 200 characters or fewer' }],
  ],
  [
    'a start date in the future',
    { kind: 'medicine', name: 'Senna', started: date('1', '12', '2026') },
    [{ field: 'started', part: 'day', message: 'Date you started must be today or in the past' }],
  ],
  [
    'a start date with only a year',
    { kind: 'medicine', name: 'Senna', started: date('', '', '2020') },
    [{ field: 'started', part: 'day', message: 'Date you started must include a day and month' }],
  ],
];

describe('what a resident types is checked before anything is sent', () => {
  for (const [what, input, errors] of refused) {
    test(`${what}: ${errors.map((error) => `"${error.message}"`).join(', ')}; nothing sent`, async () => {
      const queue = createSubmissionQueue(createHubClient({ baseUrl: hub.baseUrl, auth: 'token' }), 'pat-0001', { now: () => now });
      const result = queue.share(input);
      assert.deepEqual(result, { ok: false, errors });
      assert.equal(queue.entries.length, 0, 'no entry is made');
      // Give a stray request time to arrive, then count what the server received.
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(hub.requests.length, 0, 'nothing reached the hub');
    });
  }

  test('a reading before the date of birth is refused', () => {
    const result = validateEntry(weight('3.4', date('1', '1', '1990')), { now, birthDate: '1990-05-04' });
    assert.deepEqual(result, {
      ok: false,
      errors: [{ field: 'date', part: 'year', message: 'Date must be on or after your date of birth' }],
    });
  });

  test('every problem is reported at once', () => {
    const result = validateEntry(pressure('abc', '', date('40', '1', '2026')), { now });
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.errors.map((error) => error.field), ['systolic', 'diastolic', 'date']);
  });
});

describe('what is accepted, and how it is sent', () => {
  test('a weight is tolerant of what people type: spaces and the unit', () => {
    for (const typed of ['72.5', ' 72.5 ', '72.5kg', '72.5 KG', '72.50']) {
      const result = validateEntry(weight(typed), { now });
      assert.ok(result.ok && result.entry.kind === 'weight' && result.entry.kilograms === 72.5, typed);
    }
  });

  test('stones and pounds become kilograms, and what was typed is kept for the clinician', () => {
    const result = validateEntry({ kind: 'weight', unit: 'st-lb', stones: '11', pounds: '4', date: today }, { now });
    assert.ok(result.ok && result.entry.kind === 'weight');
    assert.equal(result.entry.kilograms, 71.7);
    assert.equal(describeEntry(result.entry), 'Weight 71.7kg (11 stone 4 pounds)');
    const resource = buildEntryResource(result.entry, 'pat-0001', { key: 'k', now });
    assert.deepEqual(resource.resourceType === 'Observation' && resource.note, [{ text: 'Entered as 11 stone 4 pounds' }]);
  });

  test('a reading today with no time is taken as now; an earlier day keeps only its date; a time is UK time', () => {
    const noTime = validateEntry(weight('70'), { now });
    assert.ok(noTime.ok && noTime.entry.kind === 'weight' && noTime.entry.measured === '2026-11-28T12:00:00.000Z');
    const yesterday = validateEntry(weight('70', date('27', '11', '2026')), { now });
    assert.ok(yesterday.ok && yesterday.entry.kind === 'weight' && yesterday.entry.measured === '2026-11-27');
    // In British Summer Time, 8:15am in London is 07:15 UTC.
    const summer = validateEntry(weight('70', date('1', '7', '2026'), '8:15am'), { now });
    assert.ok(summer.ok && summer.entry.kind === 'weight' && summer.entry.measured === '2026-07-01T07:15:00.000Z');
  });

  test('a blood pressure is a vital-signs panel the resident performed, in UCUM mm[Hg]', () => {
    const result = validateEntry(pressure('142', '84'), { now });
    assert.ok(result.ok);
    const resource = buildEntryResource(result.entry, 'pat-0001', { key: '5be0c1d4-27a9-4f5e-8c36-91d0e7a2b418', now });
    assert.equal(resource.resourceType, 'Observation');
    if (resource.resourceType !== 'Observation') return;
    assert.deepEqual(resource.performer, [{ reference: 'Patient/pat-0001' }]);
    assert.equal(resource.category?.[0]?.coding?.[0]?.code, 'vital-signs');
    assert.deepEqual(
      resource.code.coding?.map((coding) => coding.code),
      ['85354-9', '75367002'],
    );
    assert.deepEqual(
      resource.component?.map((component) => [component.code.coding?.map((coding) => coding.code), component.valueQuantity]),
      [
        [['8480-6', '1162737008'], { value: 142, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }],
        [['8462-4', '1162735000'], { value: 84, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }],
      ],
    );
    assert.deepEqual(resource.identifier, [
      { system: 'https://care-record.example/Id/resident-entry', value: '5be0c1d4-27a9-4f5e-8c36-91d0e7a2b418' },
    ]);
  });

  test('a medicine the resident buys is an active MedicationStatement with the resident as the source', () => {
    const result = validateEntry({ kind: 'medicine', name: ' Senna   tablets ', dose: 'Two at night', started: today }, { now });
    assert.ok(result.ok);
    const resource = buildEntryResource(result.entry, 'pat-0001', { key: 'k', now });
    assert.equal(resource.resourceType, 'MedicationStatement');
    if (resource.resourceType !== 'MedicationStatement') return;
    assert.equal(resource.status, 'active');
    assert.deepEqual(resource.informationSource, { reference: 'Patient/pat-0001' });
    assert.equal(resource.category?.coding?.[0]?.code, 'patientspecified');
    assert.deepEqual(resource.medicationCodeableConcept, { text: 'Senna tablets' });
    assert.deepEqual(resource.dosage, [{ text: 'Two at night' }]);
  });

  test('a valid entry is sent once, with its key as X-Request-ID and If-None-Exist on its identifier', async () => {
    const queue = createSubmissionQueue(createHubClient({ baseUrl: hub.baseUrl, auth: 'token' }), 'pat-0001', { now: () => now });
    const shared = queue.share(weight('61.2'));
    assert.ok(shared.ok);
    assert.equal(shared.submission.state, 'waiting');
    await queue.idle();
    assert.equal(queue.entries[0]?.state, 'saved');
    assert.equal(hub.requests.length, 1);
    const [sent] = hub.requests;
    assert.equal(sent?.operation, 'POST /Observation');
    assert.equal(sent?.headers['x-request-id'], shared.submission.key);
    assert.equal(sent?.headers['if-none-exist'], `identifier=https://care-record.example/Id/resident-entry|${shared.submission.key}`);
    assert.equal((JSON.parse(sent?.body ?? '{}') as { valueQuantity?: { value?: number } }).valueQuantity?.value, 61.2);
  });
});
