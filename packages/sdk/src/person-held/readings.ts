/**
 * What a resident shares with the people who care for them: a weight, a
 * blood pressure, or a medicine they buy themselves. This module checks what
 * they typed and turns it into the FHIR the hub stores. No I/O.
 *
 * The plausible ranges here are the only copy: the hub refuses the same
 * readings (422) by importing `PLAUSIBLE_READINGS`, so the form and the hub
 * can never disagree about what a person could really weigh.
 *
 * Error messages follow the NHS service manual: one specific message per
 * field, saying what to do ("Enter your weight in kilograms, like 72.5"),
 * never "invalid input".
 *
 * Weight may be typed in kilograms or in stones and pounds. Many people in the
 * UK weigh themselves in stones and pounds; converting by hand is where slips
 * happen, so the SDK converts (1 lb = 0.45359237 kg, 14 lb to the stone),
 * stores kilograms (UCUM `kg`, what every clinical system expects) rounded to
 * 0.1 kg, and keeps what the resident typed in a note for the clinician.
 */
import type { MedicationStatement, Observation } from '../fhir.js';
import { daysInMonth, readCivilTime } from '../format/uk-civil-time.js';

/** A reading the hub will store, with the codes it may carry, its units and the range a person could really have. */
export interface PlausibleReading {
  /** What the hub's 422 says it is. */
  what: string;
  /** SNOMED CT and LOINC codes of this reading (a LOINC code has a hyphen; each is sent in its own system). */
  codes: readonly string[];
  /** The UCUM units the hub accepts it in, each with what one of it is in the unit of `low` and `high` (`g`: 0.001 kg). */
  units: Readonly<Record<string, number>>;
  low: number;
  high: number;
}

/** Kilograms. 0.5 kg: a very premature baby a parent weighs; 400 kg: heavier than anyone a home scale could weigh. */
export const WEIGHT_LIMITS = Object.freeze({ low: 0.5, high: 400 });
/** mmHg. Outside these a home monitor reading is a typing slip or a broken cuff, not a blood pressure. */
export const SYSTOLIC_LIMITS = Object.freeze({ low: 50, high: 300 });
export const DIASTOLIC_LIMITS = Object.freeze({ low: 20, high: 200 });
/**
 * mmHg between the two numbers. Outside this a reading is far more often a slip (a digit added or dropped, the
 * numbers swapped, 300/20) than a real pressure, but a real one can be: the resident is asked to check it against
 * their monitor and confirm it, never refused, so an alarming reading still reaches their care team.
 */
export const UNUSUAL_PULSE_PRESSURE = Object.freeze({ low: 10, high: 120 });

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
/** The identifier system of everything a resident enters; its value is the entry's key. */
export const RESIDENT_ENTRY_SYSTEM = 'https://care-record.example/Id/resident-entry';

export const READING_CODES = Object.freeze({
  /** Body weight (LOINC 29463-7); self-reported body weight (SNOMED 784399000); body weight (SNOMED 27113001). */
  weight: { loinc: '29463-7', snomed: '784399000', snomedMeasured: '27113001' },
  /** Blood pressure panel (LOINC 85354-9; SNOMED 75367002). */
  bloodPressure: { loinc: '85354-9', snomed: '75367002' },
  /** Systolic: LOINC 8480-6; self-reported (SNOMED 1162737008); measured (SNOMED 271649006). */
  systolic: { loinc: '8480-6', snomed: '1162737008', snomedMeasured: '271649006' },
  /** Diastolic: LOINC 8462-4; self-reported (SNOMED 1162735000); measured (SNOMED 271650006). */
  diastolic: { loinc: '8462-4', snomed: '1162735000', snomedMeasured: '271650006' },
});

/** One pound, in kilograms (exactly, by definition). */
const KG_PER_POUND = 0.45359237;
const MM_HG = Object.freeze({ 'mm[Hg]': 1 });

/** The hub's rules: a coded reading outside its range is refused with 422. */
export const PLAUSIBLE_READINGS: readonly PlausibleReading[] = Object.freeze([
  {
    what: 'Body weight (kg)',
    codes: [READING_CODES.weight.snomed, READING_CODES.weight.snomedMeasured, READING_CODES.weight.loinc],
    units: Object.freeze({ kg: 1, g: 0.001, '[lb_av]': KG_PER_POUND }),
    ...WEIGHT_LIMITS,
  },
  {
    what: 'Systolic blood pressure (mmHg)',
    codes: [READING_CODES.systolic.snomed, READING_CODES.systolic.snomedMeasured, READING_CODES.systolic.loinc],
    units: MM_HG,
    ...SYSTOLIC_LIMITS,
  },
  {
    what: 'Diastolic blood pressure (mmHg)',
    codes: [READING_CODES.diastolic.snomed, READING_CODES.diastolic.snomedMeasured, READING_CODES.diastolic.loinc],
    units: MM_HG,
    ...DIASTOLIC_LIMITS,
  },
]);

/** Day, month and year as typed into the three boxes of a date input. */
export interface DateFields {
  day: string;
  month: string;
  year: string;
}

export interface WeightInput {
  kind: 'weight';
  /** `kg` (default) or `st-lb`: stones and pounds. */
  unit?: 'kg' | 'st-lb';
  kilograms?: string;
  stones?: string;
  pounds?: string;
  /** The day the reading was taken. */
  date: DateFields;
  /** Optional time, like `14:30`. */
  time?: string;
}

export interface BloodPressureInput {
  kind: 'blood-pressure';
  systolic: string;
  diastolic: string;
  /** The resident has checked an unusual reading (see `UNUSUAL_PULSE_PRESSURE`) against their monitor. */
  confirmed?: boolean;
  date: DateFields;
  time?: string;
}

export interface MedicineInput {
  kind: 'medicine';
  name: string;
  /** How they take it, in their own words. */
  dose?: string;
  /** When they started; all three boxes empty means not given. */
  started?: DateFields;
}

export type EntryInput = WeightInput | BloodPressureInput | MedicineInput;
export type EntryKind = EntryInput['kind'];

/** The fields an error can point at; a date's `part` says which box. */
export type EntryField =
  'kilograms' | 'stones' | 'pounds' | 'systolic' | 'diastolic' | 'confirmed' | 'date' | 'time' | 'name' | 'dose' | 'started';

export interface FieldError {
  field: EntryField;
  /** For `date` and `started`: the box to put the cursor in. */
  part?: 'day' | 'month' | 'year';
  message: string;
}

export type ValidEntry =
  | {
      kind: 'weight';
      kilograms: number;
      /** What the resident typed, e.g. `11 stone 4 pounds`, when not kilograms. */ enteredAs?: string;
      measured: string;
    }
  | { kind: 'blood-pressure'; systolic: number; diastolic: number; measured: string }
  | { kind: 'medicine'; name: string; dose?: string; started?: string };

export type ValidationResult = { ok: true; entry: ValidEntry } | { ok: false; errors: FieldError[] };

export interface ValidationOptions {
  /** "Now", for "not in the future"; default the real time. */
  now?: Date | number;
  /** The resident's date of birth (`YYYY-MM-DD`): nothing can be measured before it. */
  birthDate?: string | undefined;
}

export const NAME_MAX = 200;
export const DOSE_MAX = 500;
/** Without a date of birth, the earliest year a reading or a start date may have. */
export const EARLIEST_YEAR = 1900;

/** Checks what the resident typed. Every problem is reported at once, each with its own message. */
export function validateEntry(typed: EntryInput, options: ValidationOptions = {}): ValidationResult {
  const input = withPlainDigits(typed);
  const now = typeof options.now === 'number' ? options.now : (options.now ?? new Date()).getTime();
  const errors: FieldError[] = [];
  let entry: ValidEntry | undefined;
  switch (input.kind) {
    case 'weight': {
      const weight = input.unit === 'st-lb' ? stonesAndPounds(input, errors) : kilograms(input.kilograms ?? '', errors);
      const measured = measuredAt(input.date, input.time, now, options.birthDate, errors);
      if (weight !== undefined && measured !== undefined)
        entry = { kind: 'weight', kilograms: weight.kilograms, ...(weight.enteredAs ? { enteredAs: weight.enteredAs } : {}), measured };
      break;
    }
    case 'blood-pressure': {
      // Both numbers typed in the first box, as a monitor shows them ("120/80"): nothing to retype.
      const both = input.diastolic.trim() === '' ? /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(input.systolic) : null;
      const systolic = wholeNumber(both?.[1] ?? input.systolic, SYSTOLIC_PHRASES, SYSTOLIC_LIMITS, 'systolic', errors);
      const diastolic = wholeNumber(both?.[2] ?? input.diastolic, DIASTOLIC_PHRASES, DIASTOLIC_LIMITS, 'diastolic', errors);
      if (systolic !== undefined && diastolic !== undefined && systolic <= diastolic) {
        errors.push({ field: 'systolic', message: 'Systolic must be higher than diastolic' });
      } else if (systolic !== undefined && diastolic !== undefined && !input.confirmed) {
        const gap = systolic - diastolic;
        if (gap < UNUSUAL_PULSE_PRESSURE.low || gap > UNUSUAL_PULSE_PRESSURE.high)
          errors.push({
            field: 'confirmed',
            message: `Check your reading: ${systolic}/${diastolic} is very unusual. If it is what your monitor shows, tick the box to say so`,
          });
      }
      const measured = measuredAt(input.date, input.time, now, options.birthDate, errors);
      if (systolic !== undefined && diastolic !== undefined && systolic > diastolic && measured !== undefined && errors.length === 0)
        entry = { kind: 'blood-pressure', systolic, diastolic, measured };
      break;
    }
    case 'medicine': {
      const name = tidyTypedText(input.name);
      if (name === '') errors.push({ field: 'name', message: 'Enter the name of the medicine' });
      else if (name.length > NAME_MAX)
        errors.push({ field: 'name', message: `Name of the medicine must be ${NAME_MAX} characters or fewer` });
      const dose = tidyTypedText(input.dose ?? '');
      if (dose.length > DOSE_MAX) errors.push({ field: 'dose', message: `How you take it must be ${DOSE_MAX} characters or fewer` });
      const fields = input.started;
      const given = fields !== undefined && [fields.day, fields.month, fields.year].some((part) => part.trim() !== '');
      const started = given ? calendarDate(fields, 'started', 'Date you started', now, options.birthDate, errors) : undefined;
      if (errors.length === 0) entry = { kind: 'medicine', name, ...(dose ? { dose } : {}), ...(started ? { started: started.text } : {}) };
      break;
    }
  }
  return entry && errors.length === 0 ? { ok: true, entry } : { ok: false, errors };
}

/**
 * Invisible characters that change nothing a reader sees but what a clinician's screen shows or a search finds:
 * control characters, zero-width spaces, the byte-order mark and the bidirectional overrides and isolates (which
 * can show a name reversed). The joiners some scripts and emoji need (U+200C, U+200D) are kept.
 */
const INVISIBLE = /[\p{Cc}\u200B\u2060\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Text a person typed as it should be kept: invisible characters dropped, spaces collapsed, ends trimmed. */
export function tidyTypedText(typed: string): string {
  return typed.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * Digits from any script as the ASCII digits they are (`٧٢` and `７２` are 72): a phone keyboard set to Arabic,
 * Bengali or a full-width layout types its own. Each script's digits run in blocks of ten from its zero.
 */
function plainDigits(typed: string): string {
  return typed.normalize('NFKC').replace(/\p{Nd}/gu, (digit) => {
    let start = digit.codePointAt(0) ?? 0;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start -= 1;
    return String(((digit.codePointAt(0) ?? 0) - start) % 10);
  });
}

/** The entry with its numbers, dates and times in ASCII digits (names and doses are kept as typed). */
function withPlainDigits(input: EntryInput): EntryInput {
  const date = (fields: DateFields): DateFields => ({
    day: plainDigits(fields.day),
    month: plainDigits(fields.month),
    year: plainDigits(fields.year),
  });
  const time = (value: string | undefined) => (value === undefined ? {} : { time: plainDigits(value) });
  switch (input.kind) {
    case 'weight':
      return {
        ...input,
        ...(input.kilograms === undefined ? {} : { kilograms: plainDigits(input.kilograms) }),
        ...(input.stones === undefined ? {} : { stones: plainDigits(input.stones) }),
        ...(input.pounds === undefined ? {} : { pounds: plainDigits(input.pounds) }),
        date: date(input.date),
        ...time(input.time),
      };
    case 'blood-pressure':
      return {
        ...input,
        systolic: plainDigits(input.systolic),
        diastolic: plainDigits(input.diastolic),
        date: date(input.date),
        ...time(input.time),
      };
    case 'medicine':
      return { ...input, ...(input.started ? { started: date(input.started) } : {}) };
  }
}

interface NumberPhrases {
  label: string;
  enter: string;
  example: string;
}

const SYSTOLIC_PHRASES: NumberPhrases = {
  label: 'Systolic',
  enter: 'Enter your systolic blood pressure (the higher number), like 120',
  example: '120',
};
const DIASTOLIC_PHRASES: NumberPhrases = {
  label: 'Diastolic',
  enter: 'Enter your diastolic blood pressure (the lower number), like 80',
  example: '80',
};

/** Typed text as a decimal number: digits with an optional point, nothing else (no `1e3`, `0x10`, `NaN`, `Infinity`). */
const DECIMAL = /^\d+(\.\d+)?$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const NEGATIVE = /^-\s*\d+([.,]\d+)?$/;

function kilograms(typed: string, errors: FieldError[]): { kilograms: number; enteredAs?: string } | undefined {
  // Tolerate what people naturally add: spaces and the unit itself.
  const text = typed
    .trim()
    .replace(/\s*(kg|kgs|kilos?|kilograms?)$/i, '')
    .trim();
  const fail = (message: string) => {
    errors.push({ field: 'kilograms', message });
    return undefined;
  };
  if (text === '') return fail('Enter your weight in kilograms, like 72.5');
  if (/\d\s*(st|stones?|lbs?|pounds?)\b/i.test(text))
    return fail('Enter your weight in kilograms, like 72.5, or choose stones and pounds to enter it that way');
  if (DECIMAL_COMMA.test(text)) return fail('Weight must use a full stop, not a comma, like 72.5');
  if (NEGATIVE.test(text)) return fail(`Weight must be ${WEIGHT_LIMITS.low}kg or more`);
  if (!DECIMAL.test(text)) return fail('Weight must be a number, like 72.5');
  if ((text.split('.')[1] ?? '').length > 2) return fail('Weight must have no more than 2 decimal places, like 72.55');
  const value = Number(text);
  if (value < WEIGHT_LIMITS.low) return fail(`Weight must be ${WEIGHT_LIMITS.low}kg or more`);
  if (value > WEIGHT_LIMITS.high) return fail(`Weight must be ${WEIGHT_LIMITS.high}kg or less`);
  return { kilograms: value };
}

function stonesAndPounds(input: WeightInput, errors: FieldError[]): { kilograms: number; enteredAs: string } | undefined {
  const stonesText = (input.stones ?? '').trim().replace(/\s*(st|stones?)$/i, '');
  const poundsText = (input.pounds ?? '').trim().replace(/\s*(lb|lbs|pounds?)$/i, '');
  if (stonesText === '' && poundsText === '') {
    errors.push({ field: 'stones', message: 'Enter your weight in stones and pounds, like 11 stone 4 pounds' });
    return undefined;
  }
  let ok = true;
  let stones = 0;
  let pounds = 0;
  if (stonesText !== '') {
    if (!/^\d+$/.test(stonesText)) {
      errors.push({ field: 'stones', message: 'Stones must be a whole number, like 11' });
      ok = false;
    } else stones = Number(stonesText);
  }
  if (poundsText !== '') {
    if (DECIMAL_COMMA.test(poundsText)) {
      errors.push({ field: 'pounds', message: 'Pounds must use a full stop, not a comma, like 4.5' });
      ok = false;
    } else if (!DECIMAL.test(poundsText)) {
      errors.push({ field: 'pounds', message: 'Pounds must be a number, like 4' });
      ok = false;
    } else if (Number(poundsText) >= 14) {
      errors.push({ field: 'pounds', message: 'Pounds must be less than 14 (14 pounds is 1 stone)' });
      ok = false;
    } else pounds = Number(poundsText);
  }
  if (!ok) return undefined;
  const totalPounds = stones * 14 + pounds;
  const kilograms = Math.round(totalPounds * KG_PER_POUND * 10) / 10;
  if (totalPounds * KG_PER_POUND < WEIGHT_LIMITS.low) {
    errors.push({ field: 'stones', message: 'Weight must be 2 pounds or more' });
    return undefined;
  }
  if (totalPounds * KG_PER_POUND > WEIGHT_LIMITS.high) {
    errors.push({ field: 'stones', message: 'Weight must be 62 stone 13 pounds or less' });
    return undefined;
  }
  const enteredAs = [stones > 0 ? `${stones} stone` : '', pounds > 0 || stones === 0 ? `${pounds} pounds` : ''].filter(Boolean).join(' ');
  return { kilograms, enteredAs };
}

function wholeNumber(
  typed: string,
  phrases: NumberPhrases,
  limits: { low: number; high: number },
  field: EntryField,
  errors: FieldError[],
): number | undefined {
  const text = typed.trim().replace(/\s*mm\s*hg$/i, '');
  const fail = (message: string) => {
    errors.push({ field, message });
    return undefined;
  };
  if (text === '') return fail(phrases.enter);
  if (NEGATIVE.test(text)) return fail(`${phrases.label} must be ${limits.low} or more`);
  if (!/^\d+$/.test(text)) return fail(`${phrases.label} must be a whole number, like ${phrases.example}`);
  const value = Number(text);
  if (value < limits.low) return fail(`${phrases.label} must be ${limits.low} or more`);
  if (value > limits.high) return fail(`${phrases.label} must be ${limits.high} or less`);
  return value;
}

interface CivilDate {
  year: number;
  month: number;
  day: number;
  /** `YYYY-MM-DD`. */
  text: string;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Today's date in UK civil time. */
function ukToday(now: number): CivilDate {
  const civil = readCivilTime(new Date(now));
  const year = civil?.year ?? 1970;
  const month = civil?.month ?? 1;
  const day = civil?.day ?? 1;
  return { year, month, day, text: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** A date typed into day, month and year boxes, checked the NHS way: what is missing, then whether it is real, then when. */
function calendarDate(
  fields: DateFields,
  field: 'date' | 'started',
  label: string,
  now: number,
  birthDate: string | undefined,
  errors: FieldError[],
): CivilDate | undefined {
  const day = fields.day.trim();
  const month = fields.month.trim();
  const year = fields.year.trim();
  const fail = (message: string, part?: 'day' | 'month' | 'year') => {
    errors.push({ field, ...(part ? { part } : {}), message });
    return undefined;
  };
  if (day === '' && month === '' && year === '')
    return fail(field === 'date' ? 'Enter the date you took the reading' : 'Enter the date you started', 'day');
  const missing = (['day', 'month', 'year'] as const).filter((part) => ({ day, month, year })[part] === '');
  if (missing.length > 0) return fail(`${label} must include a ${missing.join(' and ')}`, missing[0]);
  if (!/^\d{1,2}$/.test(day)) return fail(`${label} must be a real date`, 'day');
  if (!/^\d{1,2}$/.test(month)) return fail(`${label} must be a real date`, 'month');
  if (!/^\d+$/.test(year)) return fail(`${label} must be a real date`, 'year');
  if (year.length !== 4) return fail('Year must include 4 numbers', 'year');
  const values = { day: Number(day), month: Number(month), year: Number(year) };
  if (values.month < 1 || values.month > 12) return fail(`${label} must be a real date`, 'month');
  if (values.day < 1 || values.day > daysInMonth(values.year, values.month)) return fail(`${label} must be a real date`, 'day');
  const text = `${pad(values.year, 4)}-${pad(values.month)}-${pad(values.day)}`;
  if (text > ukToday(now).text) return fail(`${label} must be today or in the past`, 'day');
  if (birthDate && /^\d{4}-\d\d-\d\d$/.test(birthDate)) {
    if (text < birthDate) return fail(`${label} must be on or after your date of birth`, 'year');
  } else if (values.year < EARLIEST_YEAR) {
    return fail(`${label} must be in ${EARLIEST_YEAR} or later`, 'year');
  }
  return { ...values, text };
}

/** When a reading was taken, as a FHIR dateTime: an instant when a time was given (or the date is today), else the date. */
function measuredAt(
  fields: DateFields,
  time: string | undefined,
  now: number,
  birthDate: string | undefined,
  errors: FieldError[],
): string | undefined {
  const date = calendarDate(fields, 'date', 'Date', now, birthDate, errors);
  const typed = (time ?? '').trim().toLowerCase();
  let clock: { hour: number; minute: number } | undefined;
  if (typed !== '') {
    const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(typed);
    const hour = Number(match?.[1]);
    const minute = Number(match?.[2] ?? 0);
    const half = match?.[3];
    if (!match || (match[2] === undefined && half === undefined)) {
      errors.push({ field: 'time', message: 'Enter the time like 14:30 or 2:30pm' });
      return undefined;
    }
    if (minute > 59 || (half ? hour < 1 || hour > 12 : hour > 23)) {
      errors.push({ field: 'time', message: 'Time must be a real time, like 14:30' });
      return undefined;
    }
    clock = { hour: half ? (hour % 12) + (half === 'pm' ? 12 : 0) : hour, minute };
  }
  if (!date) return undefined;
  if (clock) {
    const instant = readCivilTime(`${date.text}T${pad(clock.hour)}:${pad(clock.minute)}`)?.instant;
    if (instant === undefined) {
      errors.push({ field: 'time', message: 'Time must be a real time, like 14:30' });
      return undefined;
    }
    if (instant > now) {
      errors.push({ field: 'time', message: 'Time must be now or in the past' });
      return undefined;
    }
    return new Date(instant).toISOString();
  }
  // No time: today's reading is taken as just now; an earlier day's keeps only its date.
  return date.text === ukToday(now).text ? new Date(Math.floor(now / 60_000) * 60_000).toISOString() : date.text;
}

export interface BuildOptions {
  /** The entry's key: its identifier value (and the idempotency key it is sent with). */
  key: string;
  /** When it was entered; default now. */
  now?: Date | number;
}

const vitalSigns = [
  {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }],
  },
];

const quantity = (value: number, unit: 'kg' | 'mmHg') => ({
  value,
  unit,
  system: UCUM,
  code: unit === 'kg' ? 'kg' : 'mm[Hg]',
});

/** A concept coded in LOINC and, as the resident's own, in SNOMED. */
const coded = (codes: { loinc: string; snomed: string }, display: string, selfReported: string) => ({
  coding: [
    { system: LOINC, code: codes.loinc, display },
    { system: SNOMED, code: codes.snomed, display: selfReported },
  ],
});

/**
 * The FHIR resource for a checked entry. Readings are vital-signs
 * Observations whose `performer` is the resident (that is how FHIR says
 * "self-reported"); a medicine is a MedicationStatement whose
 * `informationSource` is the resident, category `patientspecified`.
 */
export function buildEntryResource(entry: ValidEntry, patientId: string, options: BuildOptions): Observation | MedicationStatement {
  const patient = { reference: `Patient/${patientId}` };
  const identifier = [{ system: RESIDENT_ENTRY_SYSTEM, value: options.key }];
  const entered = new Date(typeof options.now === 'number' ? options.now : (options.now ?? new Date()).getTime()).toISOString();
  /** A home reading: a vital-signs Observation the resident made and entered, with its value or components. */
  const reading = (
    measured: string,
    code: Observation['code'],
    value: Pick<Observation, 'valueQuantity' | 'component' | 'note'>,
  ): Observation => ({
    resourceType: 'Observation',
    identifier,
    status: 'final',
    category: vitalSigns,
    code,
    subject: patient,
    effectiveDateTime: measured,
    issued: entered,
    performer: [patient],
    ...value,
  });
  switch (entry.kind) {
    case 'weight':
      return reading(
        entry.measured,
        { ...coded(READING_CODES.weight, 'Body weight', 'Self reported body weight'), text: 'Weight (home reading)' },
        {
          valueQuantity: quantity(entry.kilograms, 'kg'),
          ...(entry.enteredAs ? { note: [{ text: `Entered as ${entry.enteredAs}` }] } : {}),
        },
      );
    case 'blood-pressure':
      return reading(
        entry.measured,
        {
          ...coded(READING_CODES.bloodPressure, 'Blood pressure panel with all children optional', 'Blood pressure'),
          text: 'Blood pressure (home reading)',
        },
        {
          component: [
            {
              code: coded(READING_CODES.systolic, 'Systolic blood pressure', 'Self reported systolic blood pressure'),
              valueQuantity: quantity(entry.systolic, 'mmHg'),
            },
            {
              code: coded(READING_CODES.diastolic, 'Diastolic blood pressure', 'Self reported diastolic blood pressure'),
              valueQuantity: quantity(entry.diastolic, 'mmHg'),
            },
          ],
        },
      );
    case 'medicine':
      return {
        resourceType: 'MedicationStatement',
        identifier,
        status: 'active',
        category: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/medication-statement-category',
              code: 'patientspecified',
              display: 'Patient Specified',
            },
          ],
        },
        medicationCodeableConcept: { text: entry.name },
        subject: patient,
        ...(entry.started ? { effectivePeriod: { start: entry.started } } : {}),
        dateAsserted: entered,
        informationSource: patient,
        ...(entry.dose ? { dosage: [{ text: entry.dose }] } : {}),
      } as MedicationStatement;
  }
}

/** One line saying what an entry is, in the resident's words: `Weight 72.5kg`, `Blood pressure 120/80`, `Paracetamol 500mg tablets`. */
export function describeEntry(entry: ValidEntry): string {
  switch (entry.kind) {
    case 'weight':
      return `Weight ${entry.kilograms}kg${entry.enteredAs ? ` (${entry.enteredAs})` : ''}`;
    case 'blood-pressure':
      return `Blood pressure ${entry.systolic}/${entry.diastolic}`;
    case 'medicine':
      return entry.name;
  }
}
