/**
 * Test results for the record: Observations grouped into one test per code
 * and unit, each reading with its reference range and what it means in the
 * audience's words — plain words for residents ("above the usual range"), H/L
 * flags for clinicians — and the organisation it came from. DiagnosticReports
 * are listed with the readings they report, their own and contained ones.
 *
 * What counts as a result (`isResultObservation`): every Observation except
 * those whose categories are all `social-history` or `survey` (facts about a
 * life and questionnaire answers, not measurements). So laboratory results,
 * vital signs, imaging, examinations, the resident's own readings (a Patient
 * as `performer`, or the hub's `resident` source) and uncategorised
 * Observations all count; an uncategorised one with no value shows as
 * `Not known` rather than vanish. Any Observation a DiagnosticReport reports
 * counts, whatever its category. A panel (`component`s, e.g. a blood
 * pressure) gives one reading per component; a grouping with `hasMember` and
 * no value of its own is shown through its members, or as `Not known` when
 * none of them came. An item that cannot be read is never dropped in silence:
 * it is listed in `unreadable` (one line per source) and in `safetyIssues`.
 *
 * What a reading means comes from the laboratory's own interpretation code
 * when it gave one (its ranges may depend on age and sex), else from the value
 * and the reference range, else "no range given". A reading with no readable
 * value means nothing either way ("Not known"), whatever flag came with it; a
 * value in words ("Not detected") with no numeric range speaks for itself.
 *
 * The interpretation is read in HL7 v3 ObservationInterpretation, HL7 v2 table
 * 0078 (the same codes, as laboratory systems send them) or with no system. An
 * interpretation given only in words, or in a code this module cannot place
 * against a range, is shown in the laboratory's words (`reported`) and never
 * turned into a flag, nor into "Normal".
 *
 * The reference range is the one that applies to the patient: ranges typed
 * other than `normal` give way to normal ones, a range whose `age` does not
 * cover the patient's age at the test (when the date of birth is given) is
 * set aside, and one whose age does cover it is preferred to the general ones.
 * When different ranges remain and nothing says which applies, none is
 * compared with (`range-unclear`) and they are all shown, each with what it
 * applies to. A range is compared with the value only when their units agree
 * (equal UCUM codes, or the same unit spelt in another letter case when no
 * UCUM code tells them apart); otherwise it is shown in its own unit and the
 * reading is not flagged.
 */
import { ageAt, type Age } from '../format/age.js';
import { formatClinicalDate, formatResidentDate, formatResidentTime } from '../format/date.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import type { DiagnosticReport, Observation } from '../fhir.js';
import type { RecordAudience } from './allergies.js';
import { compareMoments, firstRecordedMoment, type ClinicalMoment } from './clinical-moment.js';
import { conceptText, firstConceptWords, presentText, tidyText } from './concept-text.js';
import {
  finite,
  hasObservationValue,
  numberText,
  observationValueText,
  unitOf,
  type ObservationValue,
  type UnitLike,
} from './observation-value.js';
import { ageRangeText } from './onset-age.js';
import { withItemNotices, type RecordNotices } from './notices.js';
import { carriedAnotherPatients, referencesPatient, unreadableIssue, wrongPatientIssue, type SafetyIssue } from './patient-reference.js';
import { isHiddenFromResident } from './security-labels.js';
import { resultStatus, resultStatusLabel, type ResultStatus } from './result-status.js';
import { fhirCode } from './status-code.js';
import { RESIDENT_SOURCE, sourceOf, type SourceLabel } from './source.js';
import { requireUnderstood } from './modifier-extensions.js';
import { unreadableItem, type UnreadableItem } from './unreadable.js';

/**
 * Where a reading sits against its usual range. `no-range`: a number with no
 * numeric range to compare it with (or only one in another unit);
 * `qualitative`: a value in words (`Not detected`) with no numeric range and
 * no flag from the laboratory — shown without a tag; `not-known`: no readable
 * value, or a bound value (`< 5`) that could be either side; `reported`: the
 * laboratory interpreted it only in words or in a code that cannot be placed
 * against a range — `interpretation` gives its words; `range-unclear`: several
 * ranges were given and it cannot be told which applies to the patient.
 */
export type ResultPosition =
  'within' | 'above' | 'below' | 'outside' | 'no-range' | 'qualitative' | 'not-known' | 'reported' | 'range-unclear';

/** A clinician's flag for a reading: `H`, `L`, `HH`, `LL`, `A` (abnormal, no direction), or none. */
export type ResultFlag = 'H' | 'L' | 'HH' | 'LL' | 'A';

export interface ResultRange {
  /** Absent (with `high`) when the range was given only as text (`See report`). */
  low?: number;
  high?: number;
  /** The range in words: `20 to 41 mmol/mol`, `41 or less`; the source's own text when it gave one. */
  text: string;
}

export type ResultLimit = 'upper' | 'lower';

/** What each FHIR comparator says of the value, and how it is said aloud. */
const COMPARATORS: ReadonlyMap<string, { limit?: ResultLimit; spoken: (value: string) => string }> = new Map([
  ['<', { limit: 'upper', spoken: (value: string) => `less than ${value}` }],
  ['<=', { limit: 'upper', spoken: (value: string) => `${value} or less` }],
  ['>', { limit: 'lower', spoken: (value: string) => `more than ${value}` }],
  ['>=', { limit: 'lower', spoken: (value: string) => `${value} or more` }],
  // `ad`: "sufficient to achieve this total quantity" — no measurement, and no direction to draw.
  ['ad', { spoken: (value: string) => `enough to reach ${value}` }],
]);

export interface ResultReading {
  /**
   * The resource to open for it: `Observation/<id>`; for a result contained in
   * a report, `DiagnosticReport/<id>#<contained id>`. One Observation with
   * components gives several readings with the same id, in different tests.
   */
  id: string;
  /** The name of the test it is a reading of (as its test's `name`). */
  name: string;
  /** The value as a number, when it is one (for the chart); never `NaN`. */
  value?: number;
  /** The value as recorded, with its unit: `48 mmol/mol`, `> 90 mL/min/1.73m2`; `Not known` when unreadable. */
  valueText: string;
  /**
   * Set when `value` is a limit, not a measurement (a comparator): `upper` for
   * `<` and `<=` (the true value is at or below it), `lower` for `>` and `>=`.
   * A chart draws such a reading as a limit, never as a point measured there.
   */
  limit?: ResultLimit;
  /** When the sample was taken, in the audience's format; `Not known` when unreadable. */
  date: string;
  /** The UK time of day it was taken (`08:15`, `8:15am`), when the source gave one; none for a date sent as midnight. */
  time?: string;
  /**
   * Set when `date` is not when the sample was taken, the record giving no
   * such date: when the result was issued, or the end of its sampling period
   * (`Issued; when taken not recorded`). Show it beside the date.
   */
  dateNote?: string;
  /** UK calendar day, `2025-08-06`, when known. */
  isoDate?: string;
  /** UTC milliseconds of when it was taken (a day without a time counts from its start), when known. */
  instant?: number;
  position: ResultPosition;
  /** `position` in the audience's words: `Above the usual range` / `High`. */
  interpretation: string;
  /** Clinician flag, when the reading is flagged. */
  flag?: ResultFlag;
  /**
   * Where the value sits by its reference range, set only when that disagrees
   * with the laboratory's flag (an `H` on a value inside the range, an `N` on
   * one outside it). The flag stands — `position`, `flag` and the chart are
   * the laboratory's — and `interpretation` says both.
   */
  rangePosition?: 'within' | 'above' | 'below';
  /** A critical value: flagged `HH`, `LL`, or `AA` (critically abnormal, shown with the flag `A`). */
  critical: boolean;
  range?: ResultRange;
  /** The request (DiagnosticReport) it was reported in, when known. */
  report?: { id: string; name: string };
  /**
   * Set when the result is not final yet (`Preliminary` / `Not final yet`) or
   * was changed after it was final (`Amended` / `Updated`, `Corrected`).
   */
  statusLabel?: string;
  source: SourceLabel;
  /**
   * What the laboratory or the recorder wrote about it (`note`: "Sample
   * haemolysed: potassium falsely raised"), each verbatim: it can say the
   * value is not to be acted on, so it is shown with the value. A panel's
   * notes go with each of its parts; a grouping's with each of its members.
   */
  comments?: ResultComment[];
  /** One sentence for screen readers and the chart's points: `HbA1c 48 mmol/mol on 6 August 2025, above the usual range`. */
  description: string;
}

/** A note on a result or a report, as written. */
export interface ResultComment {
  /** The note's text verbatim (markdown shown as written, never rendered): only bidirectional controls and outer white space left out. */
  text: string;
  /** Who wrote it, when the note says (`authorString`, or its author reference's `display`). */
  by?: string;
  /** When it was written, in the audience's format. */
  date?: string;
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
  /** Readings that can be drawn on a chart: a number (or a limit) and a date to the day. Oldest first. */
  plotted: ResultReading[];
  /** The usual range of the latest reading, for the chart's band. */
  range?: ResultRange;
  /** A text alternative to the chart, in the audience's words. */
  summary: string;
  /** Every source that reported this test. */
  sources: SourceLabel[];
}

/** A DiagnosticReport and the readings it reports. */
export interface ResultReport {
  /** `DiagnosticReport/<id>`. */
  id: string;
  /** The report's name as recorded; `Test name not recorded` when it has none. */
  name: string;
  /** When the sample was taken (else when issued), in the audience's format; `Not known` when unreadable. */
  date: string;
  /** Set when `date` is not when the sample was taken: as a reading's `dateNote`. */
  dateNote?: string;
  /** UK calendar day, when known. */
  isoDate?: string;
  /** Set when the report is not final yet, or was amended or corrected after it was: as a reading's `statusLabel`. */
  statusLabel?: string;
  /** What the reporter concluded, verbatim, when given; a coded conclusion in its words, else as its code. */
  conclusion?: string;
  /** Notes on the report as a whole (`note`, as FHIR R5 and some R4 servers send it), each verbatim. */
  comments?: ResultComment[];
  /**
   * How many documents present the report (`presentedForm`: a PDF, a scanned
   * letter), which this view does not show: say that the full report is in
   * one, so a report without readings is not read as saying nothing.
   */
  documents?: number;
  source: SourceLabel;
  /** The readings it reports that are shown, in the report's order. */
  readings: ResultReading[];
  /** How many of the results it names are not shown here (not sent with it, withheld, or unreadable). */
  notShown: number;
}

export interface ResultsViewModel {
  patientId: string;
  audience: RecordAudience;
  heading: string;
  /** Most recently tested first, then by name. */
  tests: ResultTest[];
  /** Reports, most recent first. Their readings are also in `tests`. */
  reports: ResultReport[];
  notices: RecordNotices;
  /** Items that could not be read, each with its source: say so, one line per source (`unreadableNotices`). */
  unreadable: UnreadableItem[];
  /** Resources that were not shown: not this patient's, or unreadable. For the host to report. */
  safetyIssues: SafetyIssue[];
  /**
   * The answer carried results or reports about another patient (or no one),
   * left out (`carriedAnotherPatients`): say that some items could not be
   * shown safely, and never that there are none. Own results are still shown.
   * Always set by `resultsViewModel`.
   */
  notShownSafely?: boolean;
}

export interface ResultsInput {
  observations: readonly Observation[];
  reports?: readonly DiagnosticReport[];
  patientId: string;
  notices: RecordNotices;
  /** ODS code to organisation name. */
  organizations: ReadonlyMap<string, string>;
  /** The patient's date of birth, when known: it chooses among reference ranges given for different ages. */
  birthDate?: string | undefined;
}

export interface ResultsOptions {
  audience: RecordAudience;
}

/** HL7 v3 ObservationInterpretation and HL7 v2 table 0078: the codes they share mean the same. */
const INTERPRETATION_SYSTEMS: ReadonlySet<string> = new Set([
  'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  'http://terminology.hl7.org/CodeSystem/v2-0078',
]);
const UCUM = 'http://unitsofmeasure.org';
/** Categories that are not results: a life's facts (smoking, housing) and questionnaire answers. */
const NOT_RESULT_CATEGORIES: ReadonlySet<string> = new Set(['social-history', 'survey']);
const PREFERRED_SYSTEMS = ['http://loinc.org', 'http://snomed.info/sct'];

/** Which date dates a result when the record gives none for when the sample was taken. */
type ResultDatedBy = 'issued' | 'taken-by';

/**
 * When a result was taken, as the timeline places it (`MOMENT_PATHS`): the
 * first date of taking that can be read; else when it was issued; else the
 * end of its sampling period — with which of those it is.
 */
function resultMoment(
  taken: readonly (string | undefined)[],
  issued: string | undefined,
  periodEnd: string | undefined,
): { moment?: ClinicalMoment; datedBy?: ResultDatedBy } {
  const moment = firstRecordedMoment(...taken);
  if (moment) return { moment };
  const issuedMoment = firstRecordedMoment(issued);
  if (issuedMoment) return { moment: issuedMoment, datedBy: 'issued' };
  const end = firstRecordedMoment(periodEnd);
  return end ? { moment: end, datedBy: 'taken-by' } : {};
}

/** The name of a test whose result carries no name. */
const UNNAMED_TEST = 'Test name not recorded';

const WORDS: Record<
  RecordAudience,
  {
    heading: string;
    positions: Record<ResultPosition, string>;
    /** For a number whose range was given only in words: read the range. */
    textRangeOnly: string;
    critical: { above: string; below: string; outside: string };
    /** The laboratory's own words for a reading, when they are all there is. */
    reported: (words: string) => string;
    /** What a date is when it is not when the sample was taken. */
    dateNotes: Record<ResultDatedBy, string>;
    /** The laboratory's flag in words, and where the range puts the value, when they disagree. */
    againstRange: (flagged: string, byRange: 'within' | 'above' | 'below') => string;
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
      reported: 'See what the lab said',
      'range-unclear': 'Not clear which usual range applies',
    },
    textRangeOnly: 'See the usual range',
    critical: { above: 'Well above the usual range', below: 'Well below the usual range', outside: 'Well outside the usual range' },
    reported: (words) => `The lab said: ${words}`,
    againstRange: (flagged, byRange) => `${flagged} according to the lab, but the value is ${byRange} the usual range shown`,
    dateNotes: {
      issued: 'The date the result was issued. When the test was done is not recorded',
      'taken-by': 'The test was done by this date',
    },
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
      reported: 'See laboratory comment',
      'range-unclear': 'Reference range unclear',
    },
    textRangeOnly: 'See reference range',
    critical: { above: 'Critically high', below: 'Critically low', outside: 'Critically abnormal' },
    reported: (words) => `Lab: ${words}`,
    againstRange: (flagged, byRange) => `${flagged} by lab flag; value ${byRange} reference range`,
    dateNotes: { issued: 'Issued; when taken not recorded', 'taken-by': 'Taken by this date; start not recorded' },
  },
};

/** The statuses whose items are not shown: withdrawn or recorded in error. A status that names no code is `unknown`, and shown. */
const WITHDRAWN: ReadonlySet<ResultStatus> = new Set(['cancelled', 'entered-in-error']);

/** The statuses whose results are shown: all but withdrawn (`cancelled`) and `entered-in-error`, however spelt. */
const isShownStatus = (observation: Observation): boolean => !WITHDRAWN.has(resultStatus('Observation', observation.status));

/**
 * What the results cover: every Observation but those whose categories are
 * all `social-history` or `survey`. Uncategorised Observations count. The
 * timeline counts its "Results" by the same rule.
 */
export function isResultObservation(observation: Pick<Observation, 'category'>): boolean {
  const codes = (observation.category ?? []).flatMap((category) => (category?.coding ?? []).map((coding) => coding?.code?.trim()));
  // However a category is spelt (`Social-History`, `SURVEY`).
  return codes.length === 0 || codes.some((code) => fhirCode(code, NOT_RESULT_CATEGORIES) === undefined);
}

/** What a reading is read from: an Observation, or one component of one. Read loosely: feeds send what they send. */
interface Measured extends ObservationValue {
  code?: Observation['code'] | undefined;
  valueQuantity?: (UnitLike & { value?: number | undefined; comparator?: string | undefined }) | undefined;
  valueCodeableConcept?: Observation['code'] | undefined;
  referenceRange?: Observation['referenceRange'];
  interpretation?: Observation['interpretation'];
}

/**
 * What a test is grouped by and called: LOINC, then SNOMED, then any coded
 * value, then its words. A result with none of these is a test of its own —
 * two nameless results may be different tests, so they are never joined — and
 * is still shown: a result is never dropped for want of a name.
 */
function testIdentity(observation: Measured, id: string): { code: string; name: string } {
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

const ucumCodeOf = (quantity: UnitLike | undefined): string | undefined =>
  quantity?.system?.trim() === UCUM ? presentText(quantity.code) : undefined;

/**
 * Whether two quantities are in the same unit: their UCUM codes decide when
 * both have one (UCUM is case-sensitive: `mm` is not `Mm`); otherwise their
 * units as written, ignoring letter case (`mmol/L` is `mmol/l`).
 */
function sameUnit(a: UnitLike | undefined, b: UnitLike | undefined): boolean {
  const codes = [ucumCodeOf(a), ucumCodeOf(b)];
  if (codes[0] !== undefined && codes[1] !== undefined) return codes[0] === codes[1];
  const units = [unitOf(a), unitOf(b)];
  return units[0] !== undefined && units[1] !== undefined && units[0].toLowerCase() === units[1].toLowerCase();
}

/** A reference range as feeds send it, read loosely. */
interface RangeLike {
  low?: (UnitLike & { value?: number | undefined }) | undefined;
  high?: (UnitLike & { value?: number | undefined }) | undefined;
  text?: string | undefined;
  type?: Observation['code'] | undefined;
  appliesTo?: Observation['code'][] | undefined;
  age?:
    | { low?: (UnitLike & { value?: number | undefined }) | undefined; high?: (UnitLike & { value?: number | undefined }) | undefined }
    | undefined;
}

/** One reference range as read: its bounds when they can be compared with the value, and its words. */
interface RangeCandidate {
  range: ResultRange;
  /** What it applies to, in words (`Child`, `age 0 to 16 years`), when it says. */
  label?: string;
  /** Typed other than `normal` (e.g. `treatment`): gives way to normal ranges. */
  otherType: boolean;
  /** The ages it is for; `unreadable` when given in a unit not understood. */
  age?: { low?: AgeLimit; high?: AgeLimit } | 'unreadable';
}

type AgeUnit = 'years' | 'months' | 'weeks' | 'days';
interface AgeLimit {
  value: number;
  unit: AgeUnit;
}

/** UCUM codes and the words feeds use for them. */
const AGE_UNITS: ReadonlyMap<string, AgeUnit> = new Map([
  ...['a', 'y', 'yr', 'yrs', 'year', 'years'].map((unit) => [unit, 'years'] as const),
  ...['mo', 'month', 'months'].map((unit) => [unit, 'months'] as const),
  ...['wk', 'week', 'weeks'].map((unit) => [unit, 'weeks'] as const),
  ...['d', 'day', 'days'].map((unit) => [unit, 'days'] as const),
]);

/** An age limit; `null` when it is given in a unit not understood (a limit with no unit is in years). */
function ageLimit(quantity: (UnitLike & { value?: number | undefined }) | undefined): AgeLimit | undefined | null {
  const value = finite(quantity?.value);
  if (value === undefined) return undefined;
  const unit = AGE_UNITS.get((ucumCodeOf(quantity) ?? unitOf(quantity) ?? 'a').toLowerCase());
  return unit === undefined ? null : { value, unit };
}

/** The patient's age in completed units, as an age limit of "16 years" or "6 months" is read. */
function ageIn(age: Age, unit: AgeUnit): number {
  switch (unit) {
    case 'years':
      return age.years;
    case 'months':
      return age.years * 12 + age.months;
    case 'weeks':
      return Math.floor(age.totalDays / 7);
    case 'days':
      return age.totalDays;
  }
}

function readCandidate(range: RangeLike, value: UnitLike | undefined, audience: RecordAudience): RangeCandidate | undefined {
  const low = finite(range.low?.value);
  const high = finite(range.high?.value);
  const sourceText = presentText(range.text);
  if (low === undefined && high === undefined && !sourceText) return undefined;
  // A range in no unit is taken to be in the value's; one in another unit is shown in its own and never compared.
  const bounds = [range.low, range.high].filter((bound) => bound !== undefined && unitOf(bound) !== undefined);
  const boundsAgree = bounds.every((bound) => sameUnit(bound, bounds[0]));
  const comparable = bounds.length === 0 || (value !== undefined && bounds.every((bound) => sameUnit(bound, value)));
  const valueUnit = unitOf(value);
  const suffixOf = (bound: UnitLike | undefined): string => {
    const unit = bounds.length === 0 ? valueUnit : (unitOf(bound) ?? unitOf(bounds[0]));
    return unit ? ` ${unit}` : '';
  };
  let text: string;
  if (sourceText) text = tidyText(sourceText);
  else if (low !== undefined && high !== undefined) {
    const lowText = boundsAgree ? numberText(low) : `${numberText(low)}${suffixOf(range.low)}`;
    text =
      audience === 'resident'
        ? `${lowText} to ${numberText(high)}${suffixOf(range.high)}`
        : `${lowText}–${numberText(high)}${suffixOf(range.high)}`;
  } else if (high !== undefined)
    text = audience === 'resident' ? `${numberText(high)}${suffixOf(range.high)} or less` : `≤ ${numberText(high)}${suffixOf(range.high)}`;
  else if (low !== undefined)
    text = audience === 'resident' ? `${numberText(low)}${suffixOf(range.low)} or more` : `≥ ${numberText(low)}${suffixOf(range.low)}`;
  else return undefined;

  const ageLow = ageLimit(range.age?.low);
  const ageHigh = ageLimit(range.age?.high);
  const age =
    ageLow === null || ageHigh === null
      ? ('unreadable' as const)
      : ageLow === undefined && ageHigh === undefined
        ? undefined
        : { ...(ageLow !== undefined ? { low: ageLow } : {}), ...(ageHigh !== undefined ? { high: ageHigh } : {}) };
  const appliesTo = (range.appliesTo ?? []).map((concept) => conceptText(concept)).filter((words): words is string => Boolean(words));
  // In words, as onsets are: `up to age 16 years`, `age 18–65 years`, never a bare UCUM unit (`16 a`).
  const ageWords = ageRangeText(range.age)?.replace(/^./, (first) => first.toLowerCase());
  const label = [...appliesTo.map(tidyText), ...(ageWords ? [ageWords] : [])].join(', ');
  const typeCodes = (range.type?.coding ?? []).map((coding) => presentText(coding?.code)?.toLowerCase());
  return {
    range: {
      ...(comparable && low !== undefined ? { low } : {}),
      ...(comparable && high !== undefined ? { high } : {}),
      text,
    },
    ...(label ? { label } : {}),
    otherType: range.type !== undefined && !typeCodes.includes('normal'),
    ...(age ? { age } : {}),
  };
}

/**
 * The reference range that applies to this reading: see the module comment.
 * `unclear` when different ranges remain and nothing says which applies.
 */
function readRange(
  observation: Measured,
  audience: RecordAudience,
  patientAge: Age | undefined,
): { range?: ResultRange; unclear: boolean } {
  const read = ((observation.referenceRange ?? []) as unknown as (RangeLike | null)[]).flatMap((range) => {
    const candidate = typeof range === 'object' && range !== null ? readCandidate(range, observation.valueQuantity, audience) : undefined;
    return candidate ? [candidate] : [];
  });
  const normal = read.filter((candidate) => !candidate.otherType);
  const typed = normal.length > 0 ? normal : read;
  const covers = (candidate: RangeCandidate): boolean | undefined => {
    if (candidate.age === undefined) return undefined;
    if (candidate.age === 'unreadable' || patientAge === undefined) return undefined;
    const { low, high } = candidate.age;
    return (!low || low.value <= ageIn(patientAge, low.unit)) && (!high || ageIn(patientAge, high.unit) <= high.value);
  };
  const possible = typed.filter((candidate) => covers(candidate) !== false);
  const forThisAge = possible.filter((candidate) => covers(candidate) === true);
  const contenders = forThisAge.length > 0 ? forThisAge : possible;
  const distinct = new Map<string, RangeCandidate>();
  for (const candidate of contenders) {
    const key = JSON.stringify([candidate.range.low, candidate.range.high, candidate.range.text]);
    if (!distinct.has(key)) distinct.set(key, candidate);
  }
  const [first, ...others] = [...distinct.values()];
  if (!first) return { unclear: false };
  if (others.length === 0) return { range: first.range, unclear: false };
  // Order-free, so the same ranges read the same whatever order they came in.
  const text = [first, ...others]
    .map((candidate) => (candidate.label ? `${candidate.label}: ${candidate.range.text}` : candidate.range.text))
    .sort()
    .join('; ');
  return { range: { text }, unclear: true };
}

/** Interpretation codes (v3 and v2 table 0078 alike) that say where a reading sits. */
const CODED_POSITIONS: ReadonlyMap<string, { position: ResultPosition; flag?: ResultFlag; critical: boolean }> = new Map([
  ['N', { position: 'within', critical: false }],
  ['H', { position: 'above', flag: 'H', critical: false }],
  ['>', { position: 'above', flag: 'H', critical: false }],
  ['HU', { position: 'above', flag: 'H', critical: false }],
  ['HH', { position: 'above', flag: 'HH', critical: true }],
  ['L', { position: 'below', flag: 'L', critical: false }],
  ['<', { position: 'below', flag: 'L', critical: false }],
  ['LU', { position: 'below', flag: 'L', critical: false }],
  ['LL', { position: 'below', flag: 'LL', critical: true }],
  ['A', { position: 'outside', flag: 'A', critical: false }],
  ['AA', { position: 'outside', flag: 'A', critical: true }],
]);

/** Words for the other codes of those tables, for when the laboratory gave no display. */
const CODED_WORDS: ReadonlyMap<string, string> = new Map([
  ['POS', 'Positive'],
  ['NEG', 'Negative'],
  ['DET', 'Detected'],
  ['ND', 'Not detected'],
  ['IND', 'Indeterminate'],
  ['E', 'Equivocal'],
  ['S', 'Susceptible'],
  ['R', 'Resistant'],
  ['I', 'Intermediate'],
  ['NS', 'Non-susceptible'],
  ['SDD', 'Susceptible, dose dependent'],
  ['RR', 'Reactive'],
  ['NR', 'Non-reactive'],
  ['W', 'Worse'],
  ['B', 'Better'],
  ['U', 'Significant change up'],
  ['D', 'Significant change down'],
  ['HX', 'Above high threshold'],
  ['LX', 'Below low threshold'],
  ['EX', 'Outside threshold'],
  ['EXP', 'Expected'],
  ['UNE', 'Unexpected'],
  ['CAR', 'Carrier'],
]);

/** Every code of those tables this module reads, to read a code sent in another case. */
const INTERPRETATION_CODES: readonly string[] = [...CODED_POSITIONS.keys(), ...CODED_WORDS.keys()];

type LaboratoryInterpretation =
  { kind: 'coded'; position: ResultPosition; flag?: ResultFlag; critical: boolean } | { kind: 'words'; words: string };

/**
 * The laboratory's own interpretation: a code that places the reading against
 * a range (the same in v3, v2 table 0078 or with no system), else its words —
 * the concept's text, a coding's display, or the code itself — when it gave an
 * interpretation that cannot be placed. Codes that disagree are not placed.
 */
function laboratoryInterpretation(observation: Measured): LaboratoryInterpretation | undefined {
  const placed: { position: ResultPosition; flag?: ResultFlag; critical: boolean }[] = [];
  const words: string[] = [];
  for (const concept of observation.interpretation ?? []) {
    if (typeof concept !== 'object' || concept === null) continue;
    const conceptWords: string[] = [];
    for (const coding of concept.coding ?? []) {
      const sent = presentText(coding?.code);
      const system = presentText(coding?.system);
      const known = system === undefined || INTERPRETATION_SYSTEMS.has(system);
      // However the code is spelt (`hh`, ` H `): these tables have no two codes that differ only in case.
      const code = known ? (fhirCode(sent, INTERPRETATION_CODES) ?? sent) : sent;
      const meaning = known && code ? CODED_POSITIONS.get(code) : undefined;
      if (meaning) placed.push(meaning);
      const said = presentText(coding?.display) ?? (known && code ? CODED_WORDS.get(code) : undefined) ?? code;
      if (said) conceptWords.push(tidyText(said));
    }
    const text = presentText(concept.text);
    words.push(...(text ? [tidyText(text)] : conceptWords));
  }
  const [first] = placed;
  if (first && placed.every((item) => item.position === first.position && item.flag === first.flag && item.critical === first.critical))
    return { kind: 'coded', ...first };
  const unique = [...new Set(words)];
  return unique.length > 0 ? { kind: 'words', words: unique.join('; ') } : undefined;
}

/**
 * Where a value sits against a range (its bounds are in it). A value given
 * with a comparator is every value the comparator allows, and sits on one
 * side only when all of them do: `< 5` against 5 to 10 is below, but `<= 5`
 * could be 5, `< 20` anything under 20, and `< 3` against a range with a low
 * bound could be below it — each is not known. A low bound of 0 is the least
 * value there can be, so `< 3` against 0 to 5 is within.
 */
function computedPosition(value: number | undefined, comparator: string | undefined, range: ResultRange | undefined): ResultPosition {
  if (!range || (range.low === undefined && range.high === undefined)) return 'no-range';
  if (value === undefined) return 'not-known';
  const { low, high } = range;
  const limit = comparator === undefined ? undefined : COMPARATORS.get(comparator)?.limit;
  const strict = comparator === '<' || comparator === '>';
  if (limit === 'upper') {
    // The values allowed run down without end from `value`.
    if (low !== undefined && (value < low || (strict && value === low))) return 'below';
    // A range from 0 is a floor: a concentration, count or rate is never less, so `< 5` against 0 to 5 is 0 up to 5.
    if (low === 0) return high === undefined || value <= high ? 'within' : 'not-known';
    return low === undefined && high !== undefined && value <= high ? 'within' : 'not-known';
  }
  if (limit === 'lower') {
    // The values allowed run up without end from `value`.
    if (high !== undefined && (value > high || (strict && value === high))) return 'above';
    return high === undefined && low !== undefined && value >= low ? 'within' : 'not-known';
  }
  return high !== undefined && value > high ? 'above' : low !== undefined && value < low ? 'below' : 'within';
}

/**
 * Where the reference range puts a value the laboratory flagged at
 * `flagged`, when the two disagree: an `H` on a value inside the range, an
 * `N` on one outside it, an `A` on one inside it. `undefined` when they agree
 * or the range cannot place the value (no numeric range; a limit such as
 * `< 5` that could fall either side).
 */
function rangeDisagreement(
  flagged: ResultPosition,
  value: number | undefined,
  comparator: string | undefined,
  range: ResultRange | undefined,
): 'within' | 'above' | 'below' | undefined {
  if (!isNumericRange(range)) return undefined;
  const byRange = computedPosition(value, comparator, range);
  if (byRange !== 'within' && byRange !== 'above' && byRange !== 'below') return undefined;
  const agrees = byRange === flagged || (flagged === 'outside' && byRange !== 'within');
  return agrees ? undefined : byRange;
}

/** A list a server sent, or none when it sent something else in its place. */
const arrayOf = <T>(value: readonly T[] | undefined): readonly T[] => (Array.isArray(value) ? value : []);

/** A range with a low or a high bound, as opposed to one given only in words. */
const isNumericRange = (range: ResultRange | undefined): boolean =>
  range !== undefined && (range.low !== undefined || range.high !== undefined);

/**
 * A result named as a transaction bundle names it, `urn:uuid:<id>` (Synthea
 * and other exports give the Observation that same id): `Observation/<id>`
 * when an Observation with exactly that id was sent, else `undefined`.
 */
const bundleKey = (reference: string, sentIds: ReadonlySet<string>): string | undefined => {
  const id = /^urn:uuid:([0-9a-f-]+)$/i.exec(reference)?.[1];
  return id !== undefined && sentIds.has(id) ? `Observation/${id}` : undefined;
};

const referenceKey = (reference: string | undefined): string | undefined => {
  const match = /(?:^|\/)Observation\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(typeof reference === 'string' ? reference.trim() : '');
  return match ? `Observation/${match[1]}` : undefined;
};

/** `Above the usual range` to `above the usual range`; the laboratory's own words after it keep their case. */
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** An Annotation as feeds send it, read loosely. */
interface NoteLike {
  text?: unknown;
  authorString?: unknown;
  authorReference?: { display?: unknown } | null;
  time?: unknown;
}

/**
 * The notes on a result or report, each as written: a note with no text says
 * nothing and is left out; one that cannot be read at all is left out rather
 * than stop the result being shown.
 */
function commentsOf(notes: unknown, audience: RecordAudience): ResultComment[] {
  if (!Array.isArray(notes)) return [];
  return (notes as unknown[]).flatMap((note) => {
    if (typeof note !== 'object' || note === null) return [];
    const { text, authorString, authorReference, time } = note as NoteLike;
    const written = typeof text === 'string' ? presentText(text) : undefined;
    if (!written) return [];
    const author =
      typeof authorString === 'string'
        ? presentText(authorString)
        : typeof authorReference?.display === 'string'
          ? presentText(authorReference.display)
          : undefined;
    const moment = typeof time === 'string' ? firstRecordedMoment(time) : undefined;
    const date = moment ? (audience === 'resident' ? formatResidentDate(moment.value) : formatClinicalDate(moment.value)) : undefined;
    return [{ text: written, ...(author ? { by: tidyText(author) } : {}), ...(date ? { date } : {}) }];
  });
}

/** A comment on one line, for a sentence: its text, then who wrote it and when. */
const commentLine = (comment: ResultComment): string => {
  const said = [comment.by, comment.date].filter(Boolean).join(', ');
  return `${tidyText(comment.text)}${said ? ` (${said})` : ''}`;
};

/** The sentence a screen reader hears for one reading. */
/** A value as said aloud: a comparator in words (`less than 5 mg/L`), which screen readers do not reliably speak as a symbol. */
function spokenValue(valueText: string): string {
  const [, comparator = '', rest = ''] = /^(\S+) (.+)$/.exec(valueText) ?? [];
  return COMPARATORS.get(comparator)?.spoken(rest) ?? valueText;
}

function describe(name: string, reading: Omit<ResultReading, 'description'>, audience: RecordAudience): string {
  const when =
    reading.date === NOT_KNOWN
      ? 'on a date not known'
      : `on ${reading.date}${reading.time ? ` at ${reading.time}` : ''}${reading.dateNote ? ` (${lowerFirst(reading.dateNote)})` : ''}`;
  const meaning =
    reading.position === 'not-known' || reading.position === 'qualitative'
      ? ''
      : `, ${audience === 'resident' ? lowerFirst(reading.interpretation) : reading.interpretation}`;
  const from = audience === 'clinician' ? `, ${reading.source.name}` : '';
  const comments = (reading.comments ?? []).map(
    (comment) => `. ${audience === 'resident' ? 'Comment' : 'Lab comment'}: ${commentLine(comment)}`,
  );
  return `${name} ${spokenValue(reading.valueText)} ${when}${meaning}${from}${comments.join('')}`;
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
    const flag = latest.rangePosition
      ? ` (${latest.flag ? `${latest.flag}: ` : ''}${latest.interpretation})`
      : latest.flag
        ? ` (${latest.flag})`
        : latest.position === 'reported' || latest.position === 'range-unclear'
          ? ` (${latest.interpretation})`
          : '';
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
    case 'reported':
      meaning = lowerFirst(latest.interpretation);
      break;
    case 'range-unclear':
      meaning = 'it is not clear which usual range applies';
      break;
    default:
      meaning = `it is ${latest.interpretation.toLowerCase()}`;
  }
  // A numeric range reads within the sentence; one in words ("See report") would not, so it gets its own.
  const inline = meaning && numericRange && latest.position !== 'no-range' && latest.range ? ` (${latest.range.text})` : '';
  const apart = latest.range && !inline ? ` Usual range: ${latest.range.text}.` : '';
  return `${opening}. The latest, ${latest.valueText}${latestWhen}${meaning ? `: ${meaning}` : ''}${inline}.${apart}`;
}

/** An Observation to read, with the id to show it under and the report that carried it, when contained. */
interface Candidate {
  observation: Observation;
  id: string;
  /** The source to name when the Observation has none of its own (a contained result takes its report's). */
  fallbackSource?: SourceLabel;
}

interface ReportDraft {
  report: Omit<ResultReport, 'readings' | 'notShown'>;
  moment?: ClinicalMoment;
  /** The reading ids it names, in its order. */
  named: string[];
}

type ReadingDraft = {
  /** What the test is grouped by before its unit: `http://loinc.org|2823-3`. */
  testCode: string;
  testName: string;
  /** The value's unit as written, and its UCUM code. */
  unit?: string;
  ucum?: string;
  reading: ResultReading;
  moment?: ClinicalMoment;
};

/** A reading that the Patient took: the resident's own, whatever server it came from. */
function performedByPatient(observation: Observation): boolean {
  return (observation.performer ?? []).some((performer) => /(?:^|\/)Patient\/[^/]+$/.test(performer?.reference?.trim() ?? ''));
}

/** The readings of one measured item (an Observation or one component), under the test it belongs to. */
function readingOf(
  item: Measured,
  base: { id: string; observation: Observation; source: SourceLabel; report?: { id: string; name: string } },
  audience: RecordAudience,
  keySuffix: string,
  birthDate: string | undefined,
): ReadingDraft {
  const words = WORDS[audience];
  const { code, name } = testIdentity(item, `${base.id}${keySuffix}`);
  const { value, text, comparator, readable } = observationValueText(item, audience);
  const bound = comparator === undefined ? undefined : COMPARATORS.get(comparator);
  const { observation } = base;
  // Dated as the timeline dates it (`MOMENT_PATHS`): the first of these fields that reads as a date.
  const { moment, datedBy } = resultMoment(
    [observation.effectiveDateTime, observation.effectivePeriod?.start, observation.effectiveInstant],
    observation.issued,
    observation.effectivePeriod?.end,
  );
  const patientAge = birthDate && moment ? ageAt(birthDate, moment.value) : undefined;
  const { range, unclear } = readRange(item, audience, patientAge);
  // With no value to read, a flag that came with it says nothing the resident or clinician can check. A panel's own
  // flag is not a component's: a blood pressure flagged high may be high in its systolic part only.
  const laboratory = readable ? laboratoryInterpretation(item) : undefined;
  const coded = laboratory?.kind === 'coded' ? laboratory : undefined;
  // A value with a comparator that gives no direction (`ad`) cannot be placed against a range.
  const placeable = comparator === undefined || bound?.limit ? value : undefined;
  const position: ResultPosition = !readable
    ? 'not-known'
    : coded
      ? coded.position
      : laboratory
        ? 'reported'
        : value === undefined && !isNumericRange(range)
          ? 'qualitative'
          : unclear
            ? 'range-unclear'
            : computedPosition(placeable, comparator, range);
  const flag = coded ? coded.flag : position === 'above' ? 'H' : position === 'below' ? 'L' : position === 'outside' ? 'A' : undefined;
  const critical = coded?.critical ?? false;
  const rangePosition = coded && !unclear ? rangeDisagreement(coded.position, placeable, comparator, range) : undefined;
  const flagged =
    laboratory?.kind === 'words'
      ? words.reported(laboratory.words)
      : critical
        ? position === 'above'
          ? words.critical.above
          : position === 'below'
            ? words.critical.below
            : words.critical.outside
        : position === 'no-range' && range
          ? words.textRangeOnly
          : words.positions[position];
  const interpretation = rangePosition ? words.againstRange(flagged, rangePosition) : flagged;
  const statusLabel = resultStatusLabel('Observation', observation.status, audience);
  const comments = commentsOf(observation.note, audience);
  const draft: Omit<ResultReading, 'description'> = {
    id: base.id,
    name,
    // A value with a comparator that gives no direction (`ad`, or one not in FHIR's list) is no number to draw.
    ...(value !== undefined && (comparator === undefined || bound?.limit) ? { value } : {}),
    valueText: text,
    ...(bound?.limit ? { limit: bound.limit } : {}),
    date: moment ? (audience === 'resident' ? formatResidentDate(moment.value) : formatClinicalDate(moment.value)) : NOT_KNOWN,
    ...(moment?.time ? { time: audience === 'resident' ? formatResidentTime(moment.value) : moment.time } : {}),
    ...(datedBy ? { dateNote: words.dateNotes[datedBy] } : {}),
    ...(moment ? { isoDate: moment.isoDate } : {}),
    ...(moment ? { instant: moment.instant ?? Date.parse(`${moment.isoDate.padEnd(10, '-01').slice(0, 10)}T00:00:00Z`) } : {}),
    position,
    interpretation,
    ...(flag ? { flag } : {}),
    ...(rangePosition ? { rangePosition } : {}),
    critical,
    ...(range ? { range } : {}),
    ...(base.report ? { report: base.report } : {}),
    ...(statusLabel ? { statusLabel } : {}),
    source: base.source,
    ...(comments.length > 0 ? { comments } : {}),
  };
  const unit = unitOf(item.valueQuantity);
  const ucum = ucumCodeOf(item.valueQuantity);
  return {
    testCode: code,
    testName: name,
    ...(unit ? { unit } : {}),
    ...(ucum ? { ucum } : {}),
    reading: { ...draft, description: describe(name, draft, audience) },
    ...(moment ? { moment } : {}),
  };
}

/**
 * The unit each reading of a test is grouped under, so one test in one unit is
 * one trend. Units spelt alike but for letter case (`mmol/L`, `mmol/l`) are
 * one unit, unless readings carry different UCUM codes that differ only in
 * case (`mm` and `Mm`: UCUM is case-sensitive), when the codes decide and a
 * reading without a code joins the one its spelling matches exactly. The
 * group is keyed by its UCUM code when it has one, else by the spelling that
 * sorts first, so the key does not depend on the order readings came in; it
 * is shown as its readings show their unit (`unitOf`: the source's words, else
 * the code as people write it), the first of them in sort order, so a test
 * never says `mm[Hg]` above readings that say `mmHg`.
 */
function unitGroups(drafts: readonly ReadingDraft[]): Map<ReadingDraft, { key: string; shown: string } | undefined> {
  const buckets = new Map<string, ReadingDraft[]>();
  for (const draft of drafts) {
    const bucket = `${draft.testCode}\u0000${draft.unit?.toLowerCase() ?? ''}`;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), draft]);
  }
  const keys = new Map<ReadingDraft, string | undefined>();
  for (const members of buckets.values()) {
    const codes = [...new Set(members.flatMap((draft) => (draft.ucum ? [draft.ucum] : [])))].sort();
    const spellings = [...new Set(members.flatMap((draft) => (draft.unit ? [draft.unit] : [])))].sort();
    for (const draft of members) {
      if (draft.unit === undefined) keys.set(draft, undefined);
      else if (codes.length <= 1) keys.set(draft, codes[0] ?? spellings[0]);
      else keys.set(draft, draft.ucum ?? draft.unit);
    }
  }
  const shown = new Map<string, string>();
  for (const draft of drafts) {
    const key = keys.get(draft);
    if (key === undefined || draft.unit === undefined) continue;
    const known = shown.get(`${draft.testCode}\u0000${key}`);
    if (known === undefined || draft.unit < known) shown.set(`${draft.testCode}\u0000${key}`, draft.unit);
  }
  const named = new Map<ReadingDraft, { key: string; shown: string } | undefined>();
  for (const draft of drafts) {
    const key = keys.get(draft);
    const unit = key === undefined ? undefined : shown.get(`${draft.testCode}\u0000${key}`);
    named.set(draft, key === undefined || unit === undefined ? undefined : { key, shown: unit });
  }
  return named;
}

/** The contained Observations of a report, by their local id (`#id`). */
function containedObservations(report: DiagnosticReport): Map<string, Observation> {
  const contained = (report as { contained?: unknown }).contained;
  const found = new Map<string, Observation>();
  if (!Array.isArray(contained)) return found;
  for (const resource of contained as unknown[]) {
    const candidate = resource as { resourceType?: unknown; id?: unknown } | null;
    if (candidate?.resourceType === 'Observation' && typeof candidate.id === 'string') found.set(candidate.id, resource as Observation);
  }
  return found;
}

/**
 * Test results by test, and the reports they came in. Which Observations are
 * results is the module's rule (`isResultObservation`); they are grouped by
 * code and unit, oldest reading first within a test, tests with the most
 * recent reading first. For residents, items labelled `NOPAT` are dropped and
 * the notices say some information is not shown. Results and reports about any
 * other patient are dropped and reported in `safetyIssues`; entered-in-error
 * and cancelled ones are not shown. An item that cannot be read is listed in
 * `unreadable` and `safetyIssues`, and the rest is shown. Never throws for
 * anything a server sends.
 */
export function resultsViewModel(input: ResultsInput, options: ResultsOptions): ResultsViewModel {
  const { audience } = options;
  const words = WORDS[audience];
  const safetyIssues: SafetyIssue[] = [];
  const unreadable: UnreadableItem[] = [];
  // An item the hub sent partly shown says so, whether or not its Bundle did (`withItemNotices`, the one rule).
  const notices = withItemNotices(input.notices, [...input.observations, ...(input.reports ?? [])]);
  let withheld = notices.withheld;
  const cannotRead = (resource: unknown, type: string): void => {
    unreadable.push(unreadableItem(resource, type, input.organizations));
    safetyIssues.push(unreadableIssue(resource));
  };

  // The ids of the Observations sent, for reports that name them by `urn:uuid:<id>`.
  const sentIds = new Set(
    (input.observations as readonly unknown[]).flatMap((observation) => {
      const sent = (observation as { resourceType?: unknown; id?: unknown } | null)?.id;
      return (observation as { resourceType?: unknown } | null)?.resourceType === 'Observation' && typeof sent === 'string'
        ? [sent.trim()]
        : [];
    }),
  );
  const candidates: Candidate[] = [];
  const reportOf = new Map<string, { id: string; name: string }>();
  const reportDrafts: ReportDraft[] = [];
  for (const report of input.reports ?? []) {
    try {
      if (report?.resourceType !== 'DiagnosticReport') continue;
      if (!referencesPatient(report.subject?.reference, input.patientId)) {
        safetyIssues.push(wrongPatientIssue(report, report.subject?.reference));
        continue;
      }
      if (audience === 'resident' && isHiddenFromResident(report)) {
        withheld = true;
        continue;
      }
      if (WITHDRAWN.has(resultStatus('DiagnosticReport', report.status))) continue;
      requireUnderstood(report);
      const recorded = conceptText(report.code);
      const id = `DiagnosticReport/${report.id?.trim() || '(no id)'}`;
      const name = recorded ? tidyText(recorded) : UNNAMED_TEST;
      const source = sourceOf(report, input.organizations);
      const contained = containedObservations(report);
      const named: string[] = [];
      const reportCandidates: Candidate[] = [];
      for (const result of report.result ?? []) {
        const reference = typeof result?.reference === 'string' ? result.reference.trim() : '';
        if (reference.startsWith('#')) {
          const observation = contained.get(reference.slice(1));
          const readingId = `${id}#${reference.slice(1)}`;
          named.push(readingId);
          if (!observation) continue;
          // A contained result is about the report's patient when it does not say otherwise.
          const withSubject = observation.subject ? observation : { ...observation, subject: report.subject };
          reportCandidates.push({ observation: withSubject, id: readingId, fallbackSource: source });
          reportOf.set(readingId, { id: report.id?.trim() || '(no id)', name });
        } else {
          const key = referenceKey(reference) ?? bundleKey(reference, sentIds);
          named.push(key ?? `${id}#result-${named.length}`);
          if (key && !reportOf.has(key)) reportOf.set(key, { id: report.id?.trim() || '(no id)', name });
        }
      }
      const { moment, datedBy } = resultMoment(
        [report.effectiveDateTime, report.effectivePeriod?.start],
        report.issued,
        report.effectivePeriod?.end,
      );
      const conclusion = presentText(report.conclusion) ?? firstConceptWords(arrayOf(report.conclusionCode));
      const documents = arrayOf(report.presentedForm).filter(
        (form) => typeof form === 'object' && form !== null && Object.keys(form).length > 0,
      ).length;
      const reportStatusLabel = resultStatusLabel('DiagnosticReport', report.status, audience);
      const reportComments = commentsOf((report as { note?: unknown }).note, audience);
      reportDrafts.push({
        report: {
          id,
          name,
          date: moment ? (audience === 'resident' ? formatResidentDate(moment.value) : formatClinicalDate(moment.value)) : NOT_KNOWN,
          ...(datedBy ? { dateNote: WORDS[audience].dateNotes[datedBy] } : {}),
          ...(moment ? { isoDate: moment.isoDate } : {}),
          ...(reportStatusLabel ? { statusLabel: reportStatusLabel } : {}),
          ...(conclusion ? { conclusion: tidyText(conclusion) } : {}),
          ...(reportComments.length > 0 ? { comments: reportComments } : {}),
          ...(documents > 0 ? { documents } : {}),
          source,
        },
        ...(moment ? { moment } : {}),
        named,
      });
      candidates.push(...reportCandidates);
    } catch {
      cannotRead(report, 'DiagnosticReport');
    }
  }

  const observations: Candidate[] = [];
  for (const observation of input.observations) {
    try {
      if (observation?.resourceType !== 'Observation') continue;
      observations.push({ observation, id: `Observation/${observation.id?.trim() || '(no id)'}` });
    } catch {
      cannotRead(observation, 'Observation');
    }
  }
  const all = [...observations, ...candidates];
  const present = new Set(all.map((candidate) => candidate.id));

  const tests = new Map<
    string,
    { key: string; name: string; unit?: string; readings: { reading: ResultReading; moment?: ClinicalMoment }[] }
  >();
  const shownById = new Map<string, ResultReading[]>();
  const groupMembers = new Map<string, string[]>();
  const read: { draft: ReadingDraft; id: string }[] = [];
  // The notes of a grouping shown through its members ("sample haemolysed" on a panel), by member.
  const groupComments = new Map<string, ResultComment[]>();
  for (const candidate of all) {
    const { observation } = candidate;
    try {
      if (!referencesPatient(observation.subject?.reference, input.patientId)) {
        safetyIssues.push(wrongPatientIssue(observation, observation.subject?.reference));
        continue;
      }
      if (audience === 'resident' && isHiddenFromResident(observation)) {
        withheld = true;
        continue;
      }
      if (!isShownStatus(observation)) continue;
      requireUnderstood(observation);
      const report = reportOf.get(candidate.id);
      if (!report && !isResultObservation(observation)) continue;
      const measured = observation as unknown as Measured;
      const components = ((observation.component ?? []) as unknown as (Measured | null)[]).filter(
        (component): component is Measured => typeof component === 'object' && component !== null,
      );
      const members = (observation.hasMember ?? []).map((member) => referenceKey(member?.reference));
      // A grouping with no value of its own is shown through its members, when any of them came; a report naming it
      // names its members.
      if (!hasObservationValue(measured) && components.length === 0 && members.length > 0) {
        groupMembers.set(
          candidate.id,
          members.filter((member) => member !== undefined),
        );
        if (members.some((member) => member !== undefined && present.has(member))) {
          const comments = commentsOf(observation.note, audience);
          for (const member of members)
            if (member !== undefined && comments.length > 0) groupComments.set(member, [...(groupComments.get(member) ?? []), ...comments]);
          continue;
        }
      }
      const source =
        performedByPatient(observation) && !observation.meta?.source
          ? { ...RESIDENT_SOURCE }
          : observation.meta?.source === undefined && candidate.fallbackSource
            ? candidate.fallbackSource
            : sourceOf(observation, input.organizations);
      const base = { id: candidate.id, observation, source, ...(report ? { report } : {}) };
      const drafts: ReadingDraft[] = [];
      if (hasObservationValue(measured) || components.length === 0) drafts.push(readingOf(measured, base, audience, '', input.birthDate));
      components.forEach((component, index) => drafts.push(readingOf(component, base, audience, `#component-${index}`, input.birthDate)));
      read.push(...drafts.map((draft) => ({ draft, id: candidate.id })));
    } catch {
      cannotRead(observation, 'Observation');
    }
  }

  // Grouped once every reading is read: which spellings of a unit are one unit depends on all of them.
  const units = unitGroups(read.map(({ draft }) => draft));
  for (const { draft, id } of read) {
    const group = units.get(draft);
    const key = `${draft.testCode}${group ? ` ${group.key}` : ''}`;
    const test = tests.get(key) ?? { key, name: draft.testName, ...(group ? { unit: group.shown } : {}), readings: [] };
    const fromGroup = groupComments.get(id) ?? [];
    const comments = [...(draft.reading.comments ?? []), ...fromGroup];
    const named = { ...draft.reading, name: test.name, ...(comments.length > 0 ? { comments } : {}) };
    // The test's name was fixed by its first reading: the description says the same name throughout.
    const reading =
      test.name === draft.testName && fromGroup.length === 0
        ? draft.reading
        : { ...named, description: describe(test.name, named, audience) };
    test.readings.push({ reading, ...(draft.moment ? { moment: draft.moment } : {}) });
    tests.set(key, test);
    shownById.set(id, [...(shownById.get(id) ?? []), reading]);
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
      // Only a reading dated to the day has a place on the time axis: one dated to a month or year is listed, not drawn at its start.
      plotted: readings.filter((reading) => reading.value !== undefined && reading.instant !== undefined && reading.isoDate?.length === 10),
      ...(latest.range ? { range: latest.range } : {}),
      sources: [...sources.values()],
    };
    return { ...partial, summary: summaryOf(partial, audience) };
  });
  built.sort((a, b) => (b.latest.instant ?? -Infinity) - (a.latest.instant ?? -Infinity) || a.name.localeCompare(b.name));

  const reports: ResultReport[] = reportDrafts
    .sort((a, b) => compareMoments(b.moment, a.moment) || a.report.id.localeCompare(b.report.id))
    .map(({ report, named }) => {
      // A group the report names stands for its results (GP Connect: report → test group → results): each is listed, or
      // counted as not shown; the group itself is a reading only when none of its results came.
      const results = (id: string, seen: Set<string>): string[] => {
        const members = groupMembers.get(id);
        if (members === undefined || seen.has(id)) return [id];
        seen.add(id);
        return [...(shownById.has(id) ? [id] : []), ...members.flatMap((member) => results(member, seen))];
      };
      const ids = [...new Set(named.flatMap((id) => results(id, new Set())))];
      const readings = ids.flatMap((id) => shownById.get(id) ?? []);
      return { ...report, readings, notShown: ids.filter((id) => !shownById.has(id)).length };
    });

  return {
    patientId: input.patientId,
    audience,
    heading: words.heading,
    tests: built,
    reports,
    notices: { ...notices, withheld },
    unreadable,
    safetyIssues,
    notShownSafely: carriedAnotherPatients(safetyIssues),
  };
}
