/**
 * An Observation's value (or one component's) as recorded, in one place, so
 * the results view and the timeline say the same: a bound keeps its
 * comparator (`< 5 mmol/L`), a range or ratio keeps its unit, and no value
 * reads `Not known`. Read loosely: feeds send what they send.
 */
import { formatClinicalDateTime, formatResidentDateTime, formatResidentTime } from '../format/date.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import type { RecordAudience } from './allergies.js';
import { recordedMoment } from './clinical-moment.js';
import { codedText, conceptText, conceptWords, presentText, tidyText, type ConceptLike } from './concept-text.js';

const UCUM = 'http://unitsofmeasure.org';

/** A quantity's unit as FHIR gives it: words in `unit`, a code in `code` from `system` (UCUM). */
export interface UnitLike {
  unit?: string | undefined;
  system?: string | undefined;
  code?: string | undefined;
}

type Amount = (UnitLike & { value?: number | undefined }) | undefined;

/** The value fields of an Observation or of one of its components. */
export interface ObservationValue {
  valueQuantity?: (UnitLike & { value?: number | undefined; comparator?: string | undefined }) | undefined;
  valueInteger?: number | undefined;
  valueString?: string | undefined;
  valueBoolean?: boolean | undefined;
  valueCodeableConcept?: ConceptLike | undefined;
  valueRange?: { low?: Amount; high?: Amount } | undefined;
  valueRatio?: { numerator?: Amount; denominator?: Amount } | undefined;
  /** Why there is no value (`Sample haemolysed`, `Not performed`). */
  dataAbsentReason?: ConceptLike | undefined;
  /** FHIR R4's other forms, which the contract leaves out and other servers send. */
  valueDateTime?: string | undefined;
  valueTime?: string | undefined;
  valuePeriod?: { start?: string | undefined; end?: string | undefined } | undefined;
  valueSampledData?: unknown;
  valueAttachment?: unknown;
}

const ABSENT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';

/** FHIR's data-absent-reason codes in words, for a reason sent with no display. `unknown` adds nothing to "Not known". */
const ABSENT_REASON_WORDS: ReadonlyMap<string, string> = new Map([
  ['unknown', ''],
  ['asked-unknown', 'Asked but unknown'],
  ['temp-unknown', 'Temporarily unknown'],
  ['not-asked', 'Not asked'],
  ['asked-declined', 'Asked but declined'],
  ['masked', 'Masked'],
  ['not-applicable', 'Not applicable'],
  ['unsupported', 'Unsupported'],
  ['as-text', 'As text'],
  ['error', 'Error'],
  ['not-a-number', 'Not a number'],
  ['negative-infinity', 'Negative infinity'],
  ['positive-infinity', 'Positive infinity'],
  ['not-performed', 'Not performed'],
  ['not-permitted', 'Not permitted'],
]);

/** The words of the first data-absent-reason code (in its system, or with none) the concept carries, however spelt. */
function standardAbsentReason(concept: ConceptLike | undefined): string | undefined {
  const codings: unknown = concept?.coding;
  for (const coding of Array.isArray(codings) ? (codings as ({ system?: unknown; code?: unknown } | null)[]) : []) {
    const system = typeof coding?.system === 'string' ? coding.system.trim().replace(/\/+$/, '') : '';
    const words = ABSENT_REASON_WORDS.get(typeof coding?.code === 'string' ? coding.code.trim().toLowerCase() : '');
    if ((system === '' || system === ABSENT_REASON_SYSTEM) && words !== undefined) return words;
  }
  return undefined;
}

/**
 * No value: `Not known`, with the source's reason when it gave one: its words
 * (`Not known (Sample haemolysed)`), else a data-absent-reason code in words
 * (`Not known (Error)`), else the code it sent.
 */
export function absentValueText(item: Pick<ObservationValue, 'dataAbsentReason'>): string {
  const concept = item.dataAbsentReason;
  const reason = tidyText(conceptText(concept)) || (standardAbsentReason(concept) ?? tidyText(codedText(concept)));
  return reason ? `${NOT_KNOWN} (${reason})` : NOT_KNOWN;
}

export interface ObservationValueText {
  /** The value as a number, when it is one. */
  value?: number;
  /** The value with its unit: `48 mmol/mol`, `> 90 mL/min/1.73m2`; `Not known` when there is none to read. */
  text: string;
  comparator?: string;
  /** False when there is no value to read. */
  readable: boolean;
}

/** A plain decimal number, as some HL7 v2 to FHIR converters write one in a string: `"4.2"`, `" -0.5 "`. */
const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/**
 * A number as sent: a finite JSON number, or a plain decimal number in a
 * string (the value was sent, and is not "Not known"); `undefined` for
 * anything else, never a guess (`4,2`, `<5`, `1e3` are not read).
 */
export const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? value
    : typeof value === 'string' && DECIMAL.test(value)
      ? Number(value)
      : undefined;

/** `12.5`, `0.04`, `180`: as recorded, without floating-point noise. */
export const numberText = (value: number): string => String(Number(value.toPrecision(12)));

/** How UCUM codes that are not the way people write the unit are written: for a quantity that gives no words of its own. */
const WRITTEN_UCUM: ReadonlyMap<string, string> = new Map([
  ['mm[Hg]', 'mmHg'],
  ['Cel', '°C'],
  ['[degF]', '°F'],
  ['10*9/L', '×10⁹/L'],
  ['10*12/L', '×10¹²/L'],
  ['10*6/L', '×10⁶/L'],
  ['kg/m2', 'kg/m²'],
  ['m2', 'm²'],
  ['[iU]/L', 'IU/L'],
  ['[IU]/L', 'IU/L'],
  ['mL/min/{1.73_m2}', 'mL/min/1.73m²'],
]);

/** The unit in words: the source's own (`unit`), else its code, in the way people write it when it is a UCUM code. */
export function unitOf(quantity: UnitLike | undefined): string | undefined {
  const words = presentText(quantity?.unit);
  if (words) return words;
  const code = presentText(quantity?.code);
  const system = presentText(quantity?.system);
  return code && (system === undefined || system === UCUM) ? (WRITTEN_UCUM.get(code) ?? code) : code;
}

/** `4 mg`, or `4` with no unit. */
const amountText = (value: number, amount: Amount): string => {
  const unit = unitOf(amount);
  return unit ? `${numberText(value)} ${unit}` : numberText(value);
};

/** Whether an item carries a value in any of FHIR's forms. */
export const hasObservationValue = (item: ObservationValue): boolean =>
  item.valueQuantity !== undefined ||
  item.valueInteger !== undefined ||
  item.valueString !== undefined ||
  item.valueBoolean !== undefined ||
  item.valueCodeableConcept !== undefined ||
  item.valueRange !== undefined ||
  item.valueRatio !== undefined ||
  item.valueDateTime !== undefined ||
  item.valueTime !== undefined ||
  item.valuePeriod !== undefined ||
  item.valueSampledData !== undefined ||
  item.valueAttachment !== undefined;

/** A date-time value, recorded (a midnight is a date), in the audience's format; `undefined` when it cannot be read. */
function dateTimeText(value: unknown, audience: RecordAudience): string | undefined {
  const moment = typeof value === 'string' ? recordedMoment(value) : undefined;
  if (!moment) return undefined;
  return audience === 'resident' ? formatResidentDateTime(moment.value) : formatClinicalDateTime(moment.value);
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::(?:[0-5]\d|60)(?:\.\d+)?)?$/;

/** A FHIR `time` (`14:30:00`) in the audience's format: `14:30`, `2:30pm`; `undefined` when it cannot be read. */
function timeText(value: unknown, audience: RecordAudience): string | undefined {
  const match = typeof value === 'string' ? TIME_OF_DAY.exec(value.trim()) : null;
  if (!match) return undefined;
  const clock = `${match[1]}:${match[2]}`;
  // A winter day with no offset: the UK clock reads as written.
  return audience === 'resident' ? formatResidentTime(`2000-01-01T${clock}`) : clock;
}

/** The words for a value this view cannot show (a waveform, an image). */
const NOT_SHOWN: Record<RecordAudience, (what: string) => string> = {
  clinician: (what) => `Not shown here (${what})`,
  resident: () => 'This result cannot be shown here',
};

/** A date-time, time or period value, or data that cannot be shown; `undefined` when the item has none of them. */
function otherFormText(item: ObservationValue, audience: RecordAudience): ObservationValueText | undefined {
  const dateTime = dateTimeText(item.valueDateTime, audience);
  if (dateTime) return { text: dateTime, readable: true };
  const time = timeText(item.valueTime, audience);
  if (time) return { text: time, readable: true };
  const from = dateTimeText(item.valuePeriod?.start, audience);
  const until = dateTimeText(item.valuePeriod?.end, audience);
  if (from || until) return { text: from && until ? `${from} to ${until}` : from ? `From ${from}` : `Until ${until}`, readable: true };
  if (item.valueSampledData != null) return { text: NOT_SHOWN[audience]('sampled data'), readable: false };
  if (item.valueAttachment != null) return { text: NOT_SHOWN[audience]('attachment'), readable: false };
  return undefined;
}

/** The value as recorded; `readable` is false when there is none to read (the text is then `Not known`). */
export function observationValueText(item: ObservationValue, audience: RecordAudience = 'clinician'): ObservationValueText {
  const quantity = item.valueQuantity;
  if (quantity) {
    const value = finite(quantity.value);
    if (value === undefined) return { text: absentValueText(item), readable: false };
    // A comparator sent with space around it (` < `) is still the comparator.
    const comparator = presentText(quantity.comparator);
    return {
      value,
      text: `${comparator ? `${comparator} ` : ''}${amountText(value, quantity)}`,
      ...(comparator ? { comparator } : {}),
      readable: true,
    };
  }
  const integer = finite(item.valueInteger);
  if (integer !== undefined) return { value: integer, text: numberText(integer), readable: true };
  if (typeof item.valueBoolean === 'boolean') return { text: item.valueBoolean ? 'Yes' : 'No', readable: true };
  const { low, high } = item.valueRange ?? {};
  const lowValue = finite(low?.value);
  const highValue = finite(high?.value);
  if (lowValue !== undefined && highValue !== undefined) {
    // One unit for both ends is said once: `2 to 4 mg`.
    const lowText =
      unitOf(low) === undefined || unitOf(high) === undefined || unitOf(low) === unitOf(high)
        ? numberText(lowValue)
        : amountText(lowValue, low);
    return { text: `${lowText} to ${amountText(highValue, unitOf(high) ? high : low)}`, readable: true };
  }
  if (lowValue !== undefined) return { text: `${amountText(lowValue, low)} or more`, readable: true };
  if (highValue !== undefined) return { text: `${amountText(highValue, high)} or less`, readable: true };
  const { numerator, denominator } = item.valueRatio ?? {};
  const over = finite(numerator?.value);
  const under = finite(denominator?.value);
  if (over !== undefined && under !== undefined)
    // A titre is `1:80`; a ratio with units is a concentration: `5 mg/1 mL`.
    return {
      text:
        unitOf(numerator) || unitOf(denominator)
          ? `${amountText(over, numerator)}/${amountText(under, denominator)}`
          : `${numberText(over)}:${numberText(under)}`,
      readable: true,
    };
  // A coded value with no words says its code (`SNOMED CT 260415000`): the source said something.
  const words = presentText(item.valueString) ?? (conceptWords(item.valueCodeableConcept, '') || undefined);
  if (words) return { text: tidyText(words), readable: true };
  return otherFormText(item, audience) ?? { text: absentValueText(item), readable: false };
}

interface Component extends ObservationValue {
  code?: ConceptLike | undefined;
}

/**
 * A panel's value in one line: `145/79 mmHg` when every part is a plain
 * quantity in one unit; otherwise each part named with its value as recorded
 * (`Systolic 145 mmHg; Diastolic < 60 mmHg`), a part with no value `Not known`.
 */
export function panelValueText(components: readonly Component[]): string | undefined {
  if (components.length === 0) return undefined;
  const read = components.map((component) => ({ component, ...observationValueText(component) }));
  const units = new Set(read.map(({ component }) => unitOf(component.valueQuantity)));
  const plain = read.every(({ component, value, comparator }) => component.valueQuantity && value !== undefined && !comparator);
  if (plain && units.size === 1) {
    const [unit] = units;
    const values = read.map(({ value }) => numberText(value ?? Number.NaN)).join('/');
    return unit ? `${values} ${unit}` : values;
  }
  return read
    .map(({ component, text }) => {
      const name = conceptText(component.code);
      return name ? `${tidyText(name)} ${text}` : text;
    })
    .join('; ');
}
