/**
 * What a resident or her carer writes must not make her clinicians' record untrue (R9). Reviewer R8 wrote to a real
 * hub as the resident (`pat-000001`) and the family carer (acting for `pat-000003`) and found stored as sent: a
 * `SUBSETTED` tag (the GP's SDK then says "Some information is not shown" when nothing is withheld), a reading dated
 * 2099 (the GP's "latest" weight for ever), 9999 kg coded only by its text, a systolic 999 under SNOMED 271649006,
 * 300 g passing the kilogram range, a contact "Dr A Patel" with a lasting power of attorney on her word alone, and
 * `implicitRules` on a reading. Each reported case, then its class: meta × write × persona; date forms × past, now,
 * skew and future × write; codes × units × values at, inside and outside the bounds; relationships × personas; and
 * modifier elements at any depth. Real hub on loopback, real HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildProxyConsent } from '@care-record/sdk';
import { CLOCK_SKEW_MS } from '../src/policy/resident-entries.js';
import { ACT_CODE, residentContact } from './support/policy-fixtures.js';
import { changeAsRead } from './support/consent-changes.js';
import { startTestHub, type TestHub } from './support/test-hub.js';

type Json = Record<string, unknown>;
const RESIDENT_SCOPE =
  'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/RelatedPerson.c patient/Consent.cu';
const CARER_SCOPE = 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c';
const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const ROLE_CODE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';
const RESIDENT = 'pat-000001';
const MOTHER = 'pat-000003';

let testHub: TestHub;
const tokens: Record<'resident' | 'carer', string> = { resident: '', carer: '' };
before(async () => {
  testHub = await startTestHub();
  tokens.resident = await testHub.signIn('resident', { scope: RESIDENT_SCOPE });
  tokens.carer = await testHub.signIn('carer', { scope: CARER_SCOPE });
});
after(() => testHub.close());

type Persona = keyof typeof tokens;
const PERSONAS: readonly Persona[] = ['resident', 'carer'];
const patientOf = (persona: Persona) => (persona === 'resident' ? RESIDENT : MOTHER);
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const HOUR = 3_600_000;

const weight = (patientId: string, extra: Json = {}): Json => ({
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
  code: { coding: [{ system: SNOMED, code: '27113001', display: 'Body weight' }] },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: iso(-HOUR),
  valueQuantity: { value: 72.5, unit: 'kg', system: UCUM, code: 'kg' },
  ...extra,
});
const medicine = (patientId: string, extra: Json = {}): Json => ({
  resourceType: 'MedicationStatement',
  status: 'active',
  medicationCodeableConcept: { text: 'Paracetamol 500 mg tablets' },
  subject: { reference: `Patient/${patientId}` },
  dateAsserted: iso(-HOUR),
  ...extra,
});
const contact = (patientId: string, extra: Json = {}): Json => ({
  resourceType: 'RelatedPerson',
  patient: { reference: `Patient/${patientId}` },
  name: [{ text: 'Aoife Lloyd' }],
  relationship: [{ coding: [{ system: ROLE_CODE, code: 'DAU' }] }],
  ...extra,
});
const sharingChoice = (patientId: string, extra: Json = {}): Json => ({
  resourceType: 'Consent',
  status: 'active',
  scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
  category: [{ coding: [{ system: LOINC, code: '59284-0' }] }],
  patient: { reference: `Patient/${patientId}` },
  policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
  provision: { type: 'permit' },
  ...extra,
});

/** The writes each persona may make, by type, as a body for a patient. */
const WRITES: Readonly<Record<string, { personas: readonly Persona[]; body: (patientId: string, extra?: Json) => Json }>> = {
  Observation: { personas: PERSONAS, body: weight },
  MedicationStatement: { personas: PERSONAS, body: medicine },
  RelatedPerson: { personas: ['resident'], body: contact },
  Consent: { personas: ['resident'], body: sharingChoice },
};

const post = (persona: Persona, body: Json) => testHub.call(tokens[persona], `/${String(body['resourceType'])}`, { method: 'POST', body });
const expressionOf = (body: Json): string[] =>
  ((body['issue'] as { expression?: string[] }[] | undefined) ?? []).flatMap((issue) => issue.expression ?? []);

function assertRefused(answer: { status: number; body: Json }, at: string | RegExp, what: string): void {
  assert.equal(answer.status, 422, `${what}: ${JSON.stringify(answer.body).slice(0, 400)}`);
  const expressions = expressionOf(answer.body);
  assert.ok(
    expressions.some((expression) => (typeof at === 'string' ? expression === at : at.test(expression))),
    `${what}: names ${String(at)}, not ${expressions.join(', ')}`,
  );
}

describe('1. meta is the hub’s: a client’s tags, labels and profiles are refused', () => {
  test('reported: a resident’s reading tagged SUBSETTED is refused, and the GP sees no withheld notice from it', async () => {
    const tagged = weight(RESIDENT, { meta: { tag: [{ system: OBSERVATION_VALUE, code: 'SUBSETTED' }] } });
    assertRefused(await post('resident', tagged), 'Observation.meta.tag', 'SUBSETTED tag');
  });

  const SENT_META: readonly { name: string; meta: (type: string) => Json; at: (type: string) => string }[] = [
    { name: 'a SUBSETTED tag', meta: () => ({ tag: [{ system: OBSERVATION_VALUE, code: 'SUBSETTED' }] }), at: (t) => `${t}.meta.tag` },
    { name: 'a REDACTED tag', meta: () => ({ tag: [{ system: OBSERVATION_VALUE, code: 'REDACTED' }] }), at: (t) => `${t}.meta.tag` },
    { name: 'any tag', meta: () => ({ tag: [{ system: 'https://example.org/tags', code: 'gp-verified' }] }), at: (t) => `${t}.meta.tag` },
    { name: 'a security label', meta: () => ({ security: [{ system: ACT_CODE, code: 'NOPAT' }] }), at: (t) => `${t}.meta.security` },
    {
      name: 'another profile',
      meta: () => ({ profile: ['https://example.org/StructureDefinition/laboratory-result'] }),
      at: (t) => `${t}.meta.profile`,
    },
    {
      name: 'a meta extension',
      meta: () => ({ extension: [{ url: 'https://example.org/x', valueString: 'lab' }] }),
      at: (t) => `${t}.meta.extension`,
    },
  ];

  for (const [type, write] of Object.entries(WRITES))
    for (const persona of write.personas)
      for (const sent of SENT_META)
        test(`${type} × ${persona} × ${sent.name}: 422 naming where`, async () => {
          assertRefused(await post(persona, write.body(patientOf(persona), { meta: sent.meta(type) })), sent.at(type), sent.name);
        });

  for (const [type, write] of Object.entries(WRITES))
    for (const persona of write.personas.filter(() => type !== 'Consent'))
      test(`${type} × ${persona}: meta the hub sets may be sent, and is stored as the hub’s`, async () => {
        const meta = {
          source: 'https://care-record.example/source/RZ9',
          profile: [`https://fhir.hl7.org.uk/StructureDefinition/UKCore-${type}`],
        };
        const created = await post(persona, write.body(patientOf(persona), { meta }));
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const { versionId: _v, lastUpdated: _l, ...stored } = created.body['meta'] as Json;
        assert.deepEqual(stored, {
          source: 'https://care-record.example/source/resident',
          profile: [`https://fhir.hl7.org.uk/StructureDefinition/UKCore-${type}`],
        });
      });

  test('a contained thing carries no meta of its own', async () => {
    const body = weight(RESIDENT, {
      contained: [{ resourceType: 'Device', id: 'scales', meta: { tag: [{ system: OBSERVATION_VALUE, code: 'SUBSETTED' }] } }],
      device: { reference: '#scales' },
    });
    assertRefused(await post('resident', body), 'Observation.contained[0].meta', 'contained meta');
  });

  test('a change of a permission sends its tags back as read, or is refused', async () => {
    await testHub.hub.store.put(residentContact(RESIDENT, 'rp-meta-1'));
    const permission = buildProxyConsent({
      patientId: RESIDENT,
      relatedPersonId: 'rp-meta-1',
      actions: ['view-appointments'],
      withheld: [],
      status: 'active',
    });
    await testHub.hub.store.put({
      ...(permission as unknown as Json),
      id: 'proxy-meta-1',
      meta: { source: 'https://care-record.example/source/resident', tag: [{ system: 'https://example.org/tags', code: 'kept' }] },
    });
    const asRead = await changeAsRead(testHub, tokens.resident, 'proxy-meta-1', (consent) => consent);
    assert.equal(asRead.status, 200, JSON.stringify(asRead.body));
    const tagged = await changeAsRead(testHub, tokens.resident, 'proxy-meta-1', (consent) => ({
      ...consent,
      meta: { ...(consent['meta'] as Json), tag: [{ system: OBSERVATION_VALUE, code: 'SUBSETTED' }] },
    }));
    assertRefused(tagged, 'Consent.meta.tag', 'a tag of hers on a change');
  });
});

describe('2. a reading says when, and not later than now', () => {
  test('reported: a weight dated 2099, and one with no date, are refused', async () => {
    assertRefused(
      await post('resident', weight(RESIDENT, { effectiveDateTime: '2099-01-01T09:00:00Z' })),
      'Observation.effectiveDateTime',
      '2099',
    );
    const { effectiveDateTime: _dropped, ...undated } = weight(RESIDENT);
    assertRefused(await post('resident', undated), 'Observation.effective', 'no effective time');
  });

  const MINUTE = 60_000;
  /** When, as an offset from now, and whether it may be stored: the skew either side of its edge. */
  const WHENS: readonly { name: string; offset: number; ok: boolean }[] = [
    { name: 'a year ago', offset: -365 * 24 * HOUR, ok: true },
    { name: 'now', offset: 0, ok: true },
    { name: 'within the clock skew', offset: CLOCK_SKEW_MS - MINUTE, ok: true },
    { name: 'past the clock skew', offset: CLOCK_SKEW_MS + 2 * MINUTE, ok: false },
    { name: 'tomorrow', offset: 30 * HOUR, ok: false },
  ];
  /** The forms a time may be written in: UTC, with a zone ahead or behind, or a date alone (only its day counts). */
  const FORMS: readonly { name: string; write: (instant: number) => string; dayOnly?: boolean }[] = [
    { name: 'dateTime Z', write: (at) => new Date(at).toISOString() },
    { name: 'dateTime +05:30', write: (at) => zoned(at, 330) },
    { name: 'dateTime -08:00', write: (at) => zoned(at, -480) },
    { name: 'date', write: (at) => ukDay(at), dayOnly: true },
  ];
  const PLACES: readonly { type: 'Observation' | 'MedicationStatement'; path: string; put: (value: string) => Json }[] = [
    { type: 'Observation', path: 'Observation.effectiveDateTime', put: (value) => ({ effectiveDateTime: value }) },
    {
      type: 'Observation',
      path: 'Observation.effectivePeriod.start',
      put: (value) => ({ effectiveDateTime: undefined, effectivePeriod: { start: value } }),
    },
    {
      type: 'Observation',
      path: 'Observation.effectivePeriod.end',
      put: (value) => ({ effectiveDateTime: undefined, effectivePeriod: { start: '2020-01-01', end: value } }),
    },
    { type: 'Observation', path: 'Observation.issued', put: (value) => ({ issued: value }) },
    { type: 'MedicationStatement', path: 'MedicationStatement.effectiveDateTime', put: (value) => ({ effectiveDateTime: value }) },
    {
      type: 'MedicationStatement',
      path: 'MedicationStatement.effectivePeriod.start',
      put: (value) => ({ effectivePeriod: { start: value } }),
    },
    { type: 'MedicationStatement', path: 'MedicationStatement.dateAsserted', put: (value) => ({ dateAsserted: value }) },
  ];
  for (const place of PLACES)
    for (const form of FORMS)
      for (const when of WHENS) {
        // `issued` is an instant, with a time; a date alone counts by the UK's day, so only a day ahead is later.
        if (place.path.endsWith('issued') && form.dayOnly) continue;
        const ok = form.dayOnly ? when.offset < 24 * HOUR && ukDay(Date.now() + when.offset) <= ukDay(Date.now() + CLOCK_SKEW_MS) : when.ok;
        test(`${place.path} × ${form.name} × ${when.name}: ${ok ? 'stored' : '422'}`, async () => {
          const value = form.write(Date.now() + when.offset);
          const body = Object.fromEntries(
            Object.entries(WRITES[place.type]!.body(RESIDENT, place.put(value))).filter(([, item]) => item !== undefined),
          );
          for (const persona of PERSONAS) {
            const answer = await post(persona, { ...body, subject: { reference: `Patient/${patientOf(persona)}` } });
            if (ok) assert.equal(answer.status, 201, `${persona} ${value}: ${JSON.stringify(answer.body).slice(0, 300)}`);
            else assertRefused(answer, place.path, `${persona} ${value}`);
          }
        });
      }

  test('a period is ordered by its instants, whatever their zones', async () => {
    const period = (start: string, end: string) => weight(RESIDENT, { effectiveDateTime: undefined, effectivePeriod: { start, end } });
    const body = (start: string, end: string) => JSON.parse(JSON.stringify(period(start, end))) as Json;
    assert.equal((await post('resident', body('2026-11-20T10:00:00+05:00', '2026-11-20T06:00:00Z'))).status, 201);
    assertRefused(
      await post('resident', body('2026-11-20T06:00:00Z', '2026-11-20T10:00:00+05:00')),
      'Observation.effectivePeriod',
      'reversed',
    );
    assertRefused(await post('resident', body('2026-11-21', '2026-11-20')), 'Observation.effectivePeriod', 'reversed days');
  });

  test('a medicine’s planned end may be later than now', async () => {
    const answer = await post(
      'resident',
      medicine(RESIDENT, { effectivePeriod: { start: ukDay(Date.now() - 24 * HOUR), end: ukDay(Date.now() + 7 * 24 * HOUR) } }),
    );
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  test('any future instant, in any zone, is refused; any past one is stored (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 6 * 60, max: 50 * 365 * 24 * 60 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }).map((minutes) => minutes - (minutes % 15)),
        fc.boolean(),
        async (minutesAhead, zone, future) => {
          const at = Date.now() + (future ? 1 : -1) * minutesAhead * 60_000;
          const answer = await post('resident', weight(RESIDENT, { effectiveDateTime: zoned(at, zone) }));
          if (future) assertRefused(answer, 'Observation.effectiveDateTime', zoned(at, zone));
          else assert.equal(answer.status, 201, `${zoned(at, zone)}: ${JSON.stringify(answer.body).slice(0, 300)}`);
        },
      ),
      { numRuns: 40, seed: 20261207 },
    );
  });
});

/** An instant written with a zone `minutes` ahead of UTC (`2026-12-07T17:30:00+05:30`). */
function zoned(instant: number, minutes: number): string {
  const local = new Date(instant + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The UK's civil date at an instant. */
function ukDay(instant: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

describe('3. a reading is one the hub knows, in a unit it converts, in range once converted', () => {
  const quantity = (value: number, code: string, unit = code) => ({ value, unit, system: UCUM, code });
  test('reported: 9999 kg by its text alone, systolic 999 under 271649006, 300 g as kilograms', async () => {
    assertRefused(
      await post('resident', weight(RESIDENT, { code: { text: 'Body weight' }, valueQuantity: quantity(9999, 'kg') })),
      'Observation.code',
      'text alone',
    );
    assertRefused(
      await post(
        'resident',
        weight(RESIDENT, { code: { coding: [{ system: SNOMED, code: '271649006' }] }, valueQuantity: quantity(999, 'mm[Hg]', 'mmHg') }),
      ),
      'Observation.valueQuantity.value',
      'systolic 999',
    );
    assertRefused(
      await post('resident', weight(RESIDENT, { valueQuantity: quantity(300, 'g') })),
      'Observation.valueQuantity.value',
      '300 g',
    );
  });

  const WEIGHT_CODES = [
    { system: SNOMED, code: '27113001' },
    { system: SNOMED, code: '784399000' },
    { system: LOINC, code: '29463-7' },
  ];
  const SYSTOLIC_CODES = [
    { system: SNOMED, code: '1162737008' },
    { system: SNOMED, code: '271649006' },
    { system: LOINC, code: '8480-6' },
  ];
  const DIASTOLIC_CODES = [
    { system: SNOMED, code: '1162735000' },
    { system: SNOMED, code: '271650006' },
    { system: LOINC, code: '8462-4' },
  ];
  /** Each reading: its codes, its units with their factor to the range's unit, and the range. */
  const READINGS = [
    {
      name: 'weight',
      codes: WEIGHT_CODES,
      units: { kg: 1, g: 0.001, '[lb_av]': 0.45359237 } as Record<string, number>,
      low: 0.5,
      high: 400,
    },
    { name: 'systolic', codes: SYSTOLIC_CODES, units: { 'mm[Hg]': 1 } as Record<string, number>, low: 50, high: 300 },
    { name: 'diastolic', codes: DIASTOLIC_CODES, units: { 'mm[Hg]': 1 } as Record<string, number>, low: 20, high: 200 },
  ];
  const OTHER_UNITS = ['kg', 'g', '[lb_av]', 'mm[Hg]', 'kPa', '[stone_av]', 'cm'];
  for (const reading of READINGS)
    for (const coding of reading.codes)
      for (const unit of OTHER_UNITS) {
        const factor = reading.units[unit];
        // At each bound, just inside, and just outside, in this unit.
        const values =
          factor === undefined
            ? [reading.low + 1]
            : [reading.low, reading.high, reading.low * 1.01, reading.high * 0.99, reading.low * 0.98, reading.high * 1.02].map(
                (v) => v / factor,
              );
        test(`${reading.name} ${coding.code} × ${unit}`, async () => {
          for (const value of values) {
            const inRange = factor !== undefined && value * factor >= reading.low - 1e-9 && value * factor <= reading.high + 1e-9;
            const answer = await post('carer', weight(MOTHER, { code: { coding: [coding] }, valueQuantity: quantity(value, unit) }));
            if (inRange && factor !== undefined)
              assert.equal(answer.status, 201, `${value} ${unit}: ${JSON.stringify(answer.body).slice(0, 300)}`);
            else assertRefused(answer, /^Observation\.valueQuantity/, `${value} ${unit}`);
          }
        });
      }

  test('a code in the wrong system, an unknown code, or mixed kinds are refused', async () => {
    for (const code of [
      { coding: [{ system: LOINC, code: '27113001' }] },
      { coding: [{ system: SNOMED, code: '60621009' }] },
      {
        coding: [
          { system: SNOMED, code: '27113001' },
          { system: LOINC, code: '8480-6' },
        ],
      },
      {
        coding: [
          { system: SNOMED, code: '27113001' },
          { system: 'https://example.org/local', code: 'HBA1C' },
        ],
      },
    ])
      assertRefused(await post('resident', weight(RESIDENT, { code })), 'Observation.code', JSON.stringify(code));
  });

  test('a blood pressure panel needs one systolic and one diastolic, in mm[Hg], systolic above diastolic', async () => {
    const component = (codes: Json[], value: number, unit = 'mm[Hg]') => ({
      code: { coding: codes },
      valueQuantity: quantity(value, unit),
    });
    const panel = (components: Json[]) =>
      weight(RESIDENT, { code: { coding: [{ system: LOINC, code: '85354-9' }] }, valueQuantity: undefined, component: components });
    const good = panel([component([SYSTOLIC_CODES[0]!], 128), component([DIASTOLIC_CODES[2]!], 82)]);
    assert.equal((await post('resident', JSON.parse(JSON.stringify(good)) as Json)).status, 201);
    assertRefused(
      await post('resident', JSON.parse(JSON.stringify(panel([component([SYSTOLIC_CODES[0]!], 128)]))) as Json),
      'Observation.component',
      'one',
    );
    assertRefused(
      await post(
        'resident',
        JSON.parse(JSON.stringify(panel([component([SYSTOLIC_CODES[0]!], 128), component([DIASTOLIC_CODES[0]!], 82, 'kPa')]))) as Json,
      ),
      'Observation.component[1].valueQuantity',
      'kPa',
    );
    assertRefused(
      await post(
        'resident',
        JSON.parse(JSON.stringify(panel([component([SYSTOLIC_CODES[0]!], 80), component([DIASTOLIC_CODES[0]!], 90)]))) as Json,
      ),
      'Observation.component',
      'reversed',
    );
  });
});

describe('4. a contact she adds is her word, not a legal authority', () => {
  test('reported: "Dr A Patel" with a lasting power of attorney is refused', async () => {
    const lpa = contact(RESIDENT, {
      name: [{ text: 'Dr A Patel' }],
      relationship: [{ coding: [{ system: ROLE_CODE, code: 'POWATT' }], text: 'Lasting power of attorney (health and welfare)' }],
    });
    assertRefused(await post('resident', lpa), /^RelatedPerson\.relationship\[0\]/, 'LPA');
  });

  const LEGAL = ['POWATT', 'HPOWATT', 'DPOWATT', 'SPOWATT', 'GUARD'];
  const WORDS = [
    'Lasting power of attorney',
    'Attorney (property and financial affairs)',
    'Court-appointed deputy',
    'Legal guardian',
    'LPA',
  ];
  for (const code of LEGAL)
    for (const system of [ROLE_CODE, undefined])
      test(`${code} ${system ? 'in RoleCode' : 'with no system'} is refused; as a display too`, async () => {
        const coding = { ...(system ? { system } : {}), code };
        assertRefused(
          await post('resident', contact(RESIDENT, { relationship: [{ coding: [coding] }] })),
          'RelatedPerson.relationship[0].coding[0]',
          code,
        );
        assertRefused(
          await post(
            'resident',
            contact(RESIDENT, {
              relationship: [{ coding: [{ system: ROLE_CODE, code: 'DAU' }] }, { coding: [{ code: code.toLowerCase() }] }],
            }),
          ),
          'RelatedPerson.relationship[1].coding[0]',
          `${code} second`,
        );
      });
  for (const text of WORDS)
    test(`"${text}" as her words is refused`, async () => {
      assertRefused(await post('resident', contact(RESIDENT, { relationship: [{ text }] })), 'RelatedPerson.relationship[0].text', text);
      assertRefused(
        await post('resident', contact(RESIDENT, { relationship: [{ coding: [{ system: ROLE_CODE, code: 'FRND', display: text }] }] })),
        'RelatedPerson.relationship[0].coding[0]',
        `${text} display`,
      );
    });

  for (const code of ['DAU', 'SON', 'FRND', 'NBOR', 'NOK', 'ECON'])
    test(`${code} is stored, named without titles`, async () => {
      const answer = await post(
        'resident',
        contact(RESIDENT, {
          name: [{ text: 'Dr A Patel MRCGP', prefix: ['Dr'], given: ['Dr', 'A'], family: 'Patel', suffix: ['MRCGP'] }],
          relationship: [{ coding: [{ system: ROLE_CODE, code }] }],
        }),
      );
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(answer.body['name'], [{ text: 'A Patel', given: ['A'], family: 'Patel' }]);
    });
});

describe('5. modifier elements are refused at any depth', () => {
  test('reported: implicitRules on a reading', async () => {
    assertRefused(
      await post('resident', weight(RESIDENT, { implicitRules: 'https://example.org/rules' })),
      'Observation.implicitRules',
      'implicitRules',
    );
  });
  const PLACES: readonly { name: string; at: string; body: (persona: Persona) => Json }[] = [
    {
      name: 'Observation',
      at: 'Observation.implicitRules',
      body: (p) => weight(patientOf(p), { implicitRules: 'https://example.org/rules' }),
    },
    {
      name: 'contained Device',
      at: 'Observation.contained[0].implicitRules',
      body: (p) =>
        weight(patientOf(p), {
          contained: [{ resourceType: 'Device', id: 'd', implicitRules: 'https://example.org/r' }],
          device: { reference: '#d' },
        }),
    },
    {
      name: 'MedicationStatement',
      at: 'MedicationStatement.implicitRules',
      body: (p) => medicine(patientOf(p), { implicitRules: 'https://example.org/rules' }),
    },
    {
      name: 'dosage modifierExtension',
      at: 'MedicationStatement.dosage[0].modifierExtension',
      body: (p) =>
        medicine(patientOf(p), { dosage: [{ text: 'One', modifierExtension: [{ url: 'https://example.org/not', valueBoolean: true }] }] }),
    },
    {
      name: 'component modifierExtension',
      at: 'Observation.component[0].modifierExtension',
      body: (p) =>
        weight(patientOf(p), {
          component: [{ code: { text: 'x' }, modifierExtension: [{ url: 'https://example.org/not', valueBoolean: true }] }],
        }),
    },
  ];
  for (const place of PLACES)
    for (const persona of PERSONAS)
      test(`${place.name} × ${persona}`, async () => {
        assertRefused(await post(persona, place.body(persona)), place.at, place.name);
      });
  test('RelatedPerson and Consent × implicitRules', async () => {
    assertRefused(
      await post('resident', contact(RESIDENT, { implicitRules: 'https://example.org/r' })),
      'RelatedPerson.implicitRules',
      'contact',
    );
    assertRefused(
      await post('resident', sharingChoice(RESIDENT, { implicitRules: 'https://example.org/r' })),
      'Consent.implicitRules',
      'consent',
    );
  });
});
