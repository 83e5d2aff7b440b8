/**
 * Test results for the record: laboratory Observations grouped into one test
 * per code and unit, each reading with its reference range and what it means
 * in the audience's words — plain words for residents ("above the usual
 * range"), H/L flags for clinicians — and the organisation it came from.
 * DiagnosticReports name the request each reading belongs to.
 *
 * What a reading means comes from the laboratory's own interpretation code
 * when it gave one (its ranges may depend on age and sex), else from the value
 * and the reference range, else "no range given". A reading with no readable
 * value means nothing either way ("Not known"), whatever flag came with it; a
 * value in words ("Not detected") with no numeric range speaks for itself.
 */
import { formatClinicalDate, formatResidentDate } from '../format/date.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import type { DiagnosticReport, Observation } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { compareMoments, readMoment, type ClinicalMoment } from './clinical-moment.js';
import { conceptText, presentText, tidyText } from './concept-text.js';
import type { RecordNotices } from './notices.js';
import { referencesPatient, wrongPatientIssue, type SafetyIssue } from './patient-reference.js';
import { isHiddenFromResident } from './security-labels.js';
import { sourceOf, type SourceLabel } from './source.js';

/**
 * Where a reading sits against its usual range. `no-range`: a number with no
 * numeric range to compare it with; `qualitative`: a value in words
 * (`Not detected`) with no numeric range and no flag from the laboratory —
 * shown without a tag; `not-known`: no readable value, or a bound value
 * (`< 5`) that could be either side.
 */
export type ResultPosition = 'within' | 'above' | 'below' | 'outside' | 'no-range' | 'qualitative' | 'not-known';

/** A clinician's flag for a reading: `H`, `L`, `HH`, `LL`, `A` (abnormal, no direction), or none. */
export type ResultFlag = 'H' | 'L' | 'HH' | 'LL' | 'A';

export interface ResultRange {
  /** Absent (with `high`) when the range was given only as text (`See report`). */
  low?: number;
  high?: number;
  /** The range in words: `20 to 41 mmol/mol`, `41 or less`; the source's own text when it gave one. */
  text: string;
}

export interface ResultReading {
  /** `Observation/<id>`. */
  id: string;
  /** The value as a number, when it is one (for the chart); never `NaN`. */
  value?: number;
  /** The value as recorded, with its unit: `48 mmol/mol`, `> 90 mL/min/1.73m2`; `Not known` when unreadable. */
  valueText: string;
  /** When the sample was taken, in the audience's format; `Not known` when unreadable. */
  date: string;
  /** UK calendar day, `2025-08-06`, when known. */
  isoDate?: string;
  /** UTC milliseconds of when it was taken (a day without a time counts from its start), when known. */
  instant?: number;
  position: ResultPosition;
  /** `position` in the audience's words: `Above the usual range` / `High`. */
  interpretation: string;
  /** Clinician flag, when the reading is flagged. */
  flag?: ResultFlag;
  /** A critical (`HH`/`LL`) value. */
  critical: boolean;
  range?: ResultRange;
  /** The request (DiagnosticReport) it was reported in, when known. */
  report?: { id: string; name: string };
  /** Set when the result is not final yet: `Preliminary` / `Not final yet`. */
  statusLabel?: string;
  source: SourceLabel;
  /** One sentence for screen readers and the chart's points: `HbA1c 48 mmol/mol on 6 August 2025, above the usual range`. */
  description: string;
}

export interface ResultTest {
  /**
   * Stable key: the code and unit, e.g. `http://loinc.org|59261-8 mmol/mol`;
   * the test's words when it has no code; `unnamed|Observation/<id>` for a
   * result with nothing to name it by (each such result is a test of its own).
   */
  key: string;
  /** The test's name as recorded; `Test name not recorded` (with its code, when it has one) when it has none. */
  name: string;
  /** The unit of every reading of this test, when there is one. */
  unit?: string;
  /** Oldest first. */
  readings: ResultReading[];
  /** The most recent reading. */
  latest: ResultReading;
  /** Readings that can be drawn on a chart: a number and a date. Oldest first. */
  plotted: ResultReading[];
  /** The usual range of the latest reading, for the chart's band. */
  range?: ResultRange;
  /** A text alternative to the chart, in the audience's words. */
  summary: string;
  /** Every source that reported this test. */
  sources: SourceLabel[];
}

export interface ResultsViewModel {
  patientId: string;
  audience: RecordAudience;
  heading: string;
  /** Most recently tested first, then by name. */
  tests: ResultTest[];
  notices: RecordNotices;
  /** Resources that were not shown because they are not this patient's. */
  safetyIssues: SafetyIssue[];
}

export interface ResultsInput {
  observations: readonly Observation[];
  reports?: readonly DiagnosticReport[];
  patientId: string;
  notices: RecordNotices;
  /** ODS code to organisation name. */
  organizations: ReadonlyMap<string, string>;
}

export interface ResultsOptions {
  audience: RecordAudience;
}

const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const LABORATORY = 'laboratory';
const PREFERRED_SYSTEMS = ['http://loinc.org', 'http://snomed.info/sct'];

/** The name of a test whose result carries no name. */
const UNNAMED_TEST = 'Test name not recorded';

const WORDS: Record<
  RecordAudience,
  {
    heading: string;
    positions: Record<ResultPosition, string>;
    /** For a number whose range was given only in words: read the range. */
    textRangeOnly: string;
    critical: { above: string; below: string };
    preliminary: string;
  }
> = {
  resident: {
    heading: 'Your test results',
    positions: {
      within: 'Within the usual range',
      above: 'Above the usual range',
      below: 'Below the usual range',
      outside: 'Outside the usual range',
      'no-range': 'No range given',
      qualitative: 'Result given in words',
      'not-known': NOT_KNOWN,
    },
    textRangeOnly: 'See the usual range',
    critical: { above: 'Well above the usual range', below: 'Well below the usual range' },
    preliminary: 'Not final yet',
  },
  clinician: {
    heading: 'Test results',
    positions: {
      within: 'Normal',
      above: 'High',
      below: 'Low',
      outside: 'Abnormal',
      'no-range': 'No reference range',
      qualitative: 'Qualitative',
      'not-known': NOT_KNOWN,
    },
    textRangeOnly: 'See reference range',
    critical: { above: 'Critically high', below: 'Critically low' },
    preliminary: 'Preliminary',
  },
};

const SHOWN_STATUSES: ReadonlySet<string> = new Set(['final', 'amended', 'corrected', 'preliminary', 'registered', 'unknown']);

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** `12.5`, `0.04`, `180`: as recorded, without floating-point noise. */
const numberText = (value: number): string => String(Number(value.toPrecision(12)));

function isLaboratory(observation: Observation): boolean {
  return (observation.category ?? []).some((category) => (category.coding ?? []).some((coding) => coding.code === LABORATORY));
}

/**
 * What a test is grouped by and called: LOINC, then SNOMED, then any coded
 * value, then its words. A result with none of these is a test of its own —
 * two nameless results may be different tests, so they are never joined — and
 * is still shown: a result is never dropped for want of a name.
 */
function testIdentity(observation: Observation, id: string): { code: string; name: string } {
  const recorded = conceptText(observation.code);
  const codings = (observation.code?.coding ?? []).flatMap((coding) => {
    const code = presentText(coding.code);
    return code ? [{ system: coding.system ?? '', code }] : [];
  });
  const coding = PREFERRED_SYSTEMS.map((system) => codings.find((item) => item.system === system)).find(Boolean) ?? codings[0];
  if (coding)
    return {
      code: `${coding.system}|${coding.code}`,
      name: recorded ? tidyText(recorded) : `${UNNAMED_TEST} (code ${tidyText(coding.code)})`,
    };
  if (recorded) return { code: `text|${tidyText(recorded).toLowerCase()}`, name: tidyText(recorded) };
  return { code: `unnamed|${id}`, name: UNNAMED_TEST };
}

function unitOf(quantity: { unit?: string | undefined; code?: string | undefined } | undefined): string | undefined {
  return presentText(quantity?.unit) ?? presentText(quantity?.code);
}

function readRange(observation: Observation, unit: string | undefined, audience: RecordAudience): ResultRange | undefined {
  for (const range of observation.referenceRange ?? []) {
    const low = finite(range.low?.value);
    const high = finite(range.high?.value);
    const sourceText = presentText(range.text);
    if (low === undefined && high === undefined && !sourceText) continue;
    const suffix = unit ? ` ${unit}` : '';
    let text: string;
    if (sourceText) text = tidyText(sourceText);
    else if (low !== undefined && high !== undefined)
      text =
        audience === 'resident' ? `${numberText(low)} to ${numberText(high)}${suffix}` : `${numberText(low)}–${numberText(high)}${suffix}`;
    else if (high !== undefined) text = audience === 'resident' ? `${numberText(high)}${suffix} or less` : `≤ ${numberText(high)}${suffix}`;
    else if (low !== undefined) text = audience === 'resident' ? `${numberText(low)}${suffix} or more` : `≥ ${numberText(low)}${suffix}`;
    else continue;
    return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}), text };
  }
  return undefined;
}

/** The laboratory's own interpretation, when it coded one. */
function codedPosition(observation: Observation): { position: ResultPosition; flag?: ResultFlag } | undefined {
  for (const concept of observation.interpretation ?? []) {
    for (const coding of concept.coding ?? []) {
      if (coding.system !== undefined && coding.system !== INTERPRETATION_SYSTEM) continue;
      switch (coding.code?.trim()) {
        case 'N':
          return { position: 'within' };
        case 'H':
        case '>':
        case 'HU':
          return { position: 'above', flag: 'H' };
        case 'HH':
          return { position: 'above', flag: 'HH' };
        case 'L':
        case '<':
        case 'LU':
          return { position: 'below', flag: 'L' };
        case 'LL':
          return { position: 'below', flag: 'LL' };
        case 'A':
        case 'AA':
          return { position: 'outside', flag: 'A' };
      }
    }
  }
  return undefined;
}

/** Where a value sits against a range; a value given as `> 90` or `< 5` counts by its bound. */
function computedPosition(value: number | undefined, comparator: string | undefined, range: ResultRange | undefined): ResultPosition {
  if (!range || (range.low === undefined && range.high === undefined)) return 'no-range';
  if (value === undefined) return 'not-known';
  const above = range.high !== undefined && (value > range.high || (value === range.high && comparator?.startsWith('>') === true));
  const below = range.low !== undefined && (value < range.low || (value === range.low && comparator?.startsWith('<') === true));
  // `< 5` against a range of 2 to 10 could be anywhere below 5: only a bound at or past the range says which side.
  if (comparator?.startsWith('<') && !below && range.low !== undefined && value > range.low) return 'not-known';
  if (comparator?.startsWith('>') && !above && range.high !== undefined && value < range.high) return 'not-known';
  return above ? 'above' : below ? 'below' : 'within';
}

/** The value as recorded; `readable` is false when there is none to read (the text is then `Not known`). */
function valueText(observation: Observation): { value?: number; text: string; comparator?: string; readable: boolean } {
  const quantity = observation.valueQuantity;
  if (quantity) {
    const value = finite(quantity.value);
    if (value === undefined) return { text: NOT_KNOWN, readable: false };
    const unit = unitOf(quantity);
    const comparator = quantity.comparator;
    return {
      value,
      text: `${comparator ? `${comparator} ` : ''}${numberText(value)}${unit ? ` ${unit}` : ''}`,
      ...(comparator ? { comparator } : {}),
      readable: true,
    };
  }
  const integer = finite(observation.valueInteger);
  if (integer !== undefined) return { value: integer, text: numberText(integer), readable: true };
  const text = presentText(observation.valueString) ?? conceptText(observation.valueCodeableConcept);
  return text ? { text: tidyText(text), readable: true } : { text: NOT_KNOWN, readable: false };
}

/** A range with a low or a high bound, as opposed to one given only in words. */
const isNumericRange = (range: ResultRange | undefined): boolean =>
  range !== undefined && (range.low !== undefined || range.high !== undefined);

const referenceKey = (reference: string | undefined): string | undefined => {
  const match = /(?:^|\/)Observation\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(reference?.trim() ?? '');
  return match ? `Observation/${match[1]}` : undefined;
};

/** The sentence a screen reader hears for one reading. */
function describe(name: string, reading: Omit<ResultReading, 'description'>, audience: RecordAudience): string {
  const when = reading.date === NOT_KNOWN ? 'on a date not known' : `on ${reading.date}`;
  const meaning =
    reading.position === 'not-known' || reading.position === 'qualitative'
      ? ''
      : `, ${audience === 'resident' ? reading.interpretation.toLowerCase() : reading.interpretation}`;
  const from = audience === 'clinician' ? `, ${reading.source.name}` : '';
  return `${name} ${reading.valueText} ${when}${meaning}${from}`;
}

function summaryOf(test: Omit<ResultTest, 'summary'>, audience: RecordAudience): string {
  const { readings, latest } = test;
  const count = readings.length;
  const dated = readings.filter((reading) => reading.isoDate !== undefined);
  const first = dated[0];
  const last = dated[dated.length - 1];
  const span = first && last && first !== last ? `, from ${first.date} to ${last.date}` : '';
  const latestWhen = latest.date === NOT_KNOWN ? '' : ` on ${latest.date}`;
  if (audience === 'clinician') {
    const flag = latest.flag ? ` (${latest.flag})` : '';
    const range = latest.range ? `; reference range${isNumericRange(latest.range) ? '' : ':'} ${latest.range.text}` : '';
    return `${count} ${count === 1 ? 'result' : 'results'}${span}. Latest ${latest.valueText}${flag}${latestWhen}${range}.`;
  }
  // "You have 1 Test name not recorded result" would not read: a nameless test is "this test".
  const what = test.key.startsWith('unnamed|') || test.name.startsWith(UNNAMED_TEST) ? undefined : test.name;
  const opening = what
    ? count === 1
      ? `You have 1 ${what} result`
      : `Your last ${count} ${what} results${span}`
    : count === 1
      ? 'You have 1 result of this test'
      : `Your last ${count} results of this test${span}`;
  const numericRange = isNumericRange(latest.range);
  let meaning: string | undefined;
  switch (latest.position) {
    case 'no-range':
      // A range in words only ("See report") was still given: it follows on its own.
      meaning = latest.range ? undefined : 'no usual range was given for it';
      break;
    case 'qualitative':
      meaning = undefined;
      break;
    case 'not-known':
      meaning = 'it is not known whether it is within the usual range';
      break;
    default:
      meaning = `it is ${latest.interpretation.toLowerCase()}`;
  }
  // A numeric range reads within the sentence; one in words ("See report") would not, so it gets its own.
  const inline = meaning && numericRange && latest.position !== 'no-range' && latest.range ? ` (${latest.range.text})` : '';
  const apart = latest.range && !inline ? ` Usual range: ${latest.range.text}.` : '';
  return `${opening}. The latest, ${latest.valueText}${latestWhen}${meaning ? `: ${meaning}` : ''}${inline}.${apart}`;
}

/**
 * Test results by test: laboratory Observations (others are ignored) grouped
 * by code and unit, oldest reading first within a test, tests with the most
 * recent reading first. For residents, items labelled `NOPAT` are dropped and
 * the notices say some information is not shown. Results about any other
 * patient are dropped and reported in `safetyIssues`; entered-in-error and
 * cancelled results are not shown.
 */
export function resultsViewModel(input: ResultsInput, options: ResultsOptions): ResultsViewModel {
  const { audience } = options;
  const words = WORDS[audience];
  const safetyIssues: SafetyIssue[] = [];
  let withheld = input.notices.withheld;

  const reports = new Map<string, { id: string; name: string }>();
  for (const report of input.reports ?? []) {
    if (report?.resourceType !== 'DiagnosticReport') continue;
    if (audience === 'resident' && isHiddenFromResident(report)) continue;
    if (!referencesPatient(report.subject?.reference, input.patientId)) continue;
    const name = conceptText(report.code);
    if (!report.id || !name) continue;
    for (const result of report.result ?? []) {
      const key = referenceKey(result.reference);
      if (key && !reports.has(key)) reports.set(key, { id: report.id, name: tidyText(name) });
    }
  }

  type Draft = { key: string; name: string; unit?: string; readings: { reading: ResultReading; moment?: ClinicalMoment }[] };
  const tests = new Map<string, Draft>();
  for (const observation of input.observations) {
    if (observation?.resourceType !== 'Observation' || !isLaboratory(observation)) continue;
    if (!referencesPatient(observation.subject?.reference, input.patientId)) {
      safetyIssues.push(wrongPatientIssue(observation, observation.subject?.reference));
      continue;
    }
    if (audience === 'resident' && isHiddenFromResident(observation)) {
      withheld = true;
      continue;
    }
    if (!SHOWN_STATUSES.has(observation.status)) continue;
    const id = `Observation/${observation.id?.trim() || '(no id)'}`;
    const { code, name } = testIdentity(observation, `${id}#${tests.size}`);
    const { value, text, comparator, readable } = valueText(observation);
    const unit = unitOf(observation.valueQuantity);
    const range = readRange(observation, unit, audience);
    // With no value to read, a flag that came with it says nothing the resident or clinician can check.
    const coded = readable ? codedPosition(observation) : undefined;
    const position: ResultPosition = !readable
      ? 'not-known'
      : (coded?.position ?? (value === undefined && !isNumericRange(range) ? 'qualitative' : computedPosition(value, comparator, range)));
    const flag = coded ? coded.flag : position === 'above' ? 'H' : position === 'below' ? 'L' : position === 'outside' ? 'A' : undefined;
    const critical = flag === 'HH' || flag === 'LL';
    const interpretation = critical
      ? flag === 'HH'
        ? words.critical.above
        : words.critical.below
      : position === 'no-range' && range
        ? words.textRangeOnly
        : words.positions[position];
    const moment = readMoment(observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.issued);
    const report = reports.get(id);
    const draft: Omit<ResultReading, 'description'> = {
      id,
      ...(value !== undefined ? { value } : {}),
      valueText: text,
      date: moment ? (audience === 'resident' ? formatResidentDate(moment.value) : formatClinicalDate(moment.value)) : NOT_KNOWN,
      ...(moment ? { isoDate: moment.isoDate } : {}),
      ...(moment ? { instant: moment.instant ?? Date.parse(`${moment.isoDate.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`) } : {}),
      position,
      interpretation,
      ...(flag ? { flag } : {}),
      critical,
      ...(range ? { range } : {}),
      ...(report ? { report } : {}),
      ...(observation.status === 'preliminary' ? { statusLabel: words.preliminary } : {}),
      source: sourceOf(observation, input.organizations),
    };
    const key = `${code}${unit ? ` ${unit}` : ''}`;
    const test = tests.get(key) ?? { key, name, ...(unit ? { unit } : {}), readings: [] };
    test.readings.push({ reading: { ...draft, description: describe(test.name, draft, audience) }, ...(moment ? { moment } : {}) });
    tests.set(key, test);
  }

  const built: ResultTest[] = [...tests.values()].map((test) => {
    const readings = test.readings
      .sort((a, b) => compareMoments(a.moment, b.moment) || a.reading.id.localeCompare(b.reading.id))
      .map((entry) => entry.reading);
    const latest = readings[readings.length - 1];
    if (!latest) throw new Error('A test has at least one reading');
    const sources = new Map<string, SourceLabel>();
    for (const reading of readings) if (!sources.has(reading.source.odsCode)) sources.set(reading.source.odsCode, reading.source);
    const partial: Omit<ResultTest, 'summary'> = {
      key: test.key,
      name: test.name,
      ...(test.unit ? { unit: test.unit } : {}),
      readings,
      latest,
      plotted: readings.filter((reading) => reading.value !== undefined && reading.instant !== undefined),
      ...(latest.range ? { range: latest.range } : {}),
      sources: [...sources.values()],
    };
    return { ...partial, summary: summaryOf(partial, audience) };
  });
  built.sort((a, b) => (b.latest.instant ?? -Infinity) - (a.latest.instant ?? -Infinity) || a.name.localeCompare(b.name));

  return {
    patientId: input.patientId,
    audience,
    heading: words.heading,
    tests: built,
    notices: { ...input.notices, withheld },
    safetyIssues,
  };
}
