/**
 * What a resident or their carer adds must be true where her clinicians read it (R9): the GP's record takes a home
 * reading as the latest weight, a contact as someone who may speak for her, an entry's labels as the hub's. So:
 *
 * - **meta is the hub's.** A tag, a security label or any other element of `meta` sent by the client is refused (a
 *   `SUBSETTED` tag would make every viewer say something is withheld when nothing is); a profile is only the UK
 *   Core profile the hub claims for the type, which it sets itself; a contained resource carries no `meta`.
 * - **a reading says when, and not later than now.** An Observation has `effectiveDateTime`, `effectiveInstant` or
 *   `effectivePeriod`; none of its dates (nor `issued`), and none of a medicine's (`effectiveDateTime`, when it
 *   started, `dateAsserted`), is later than the hub's clock allows (`CLOCK_SKEW_MS`). A medicine's planned end
 *   (`effectivePeriod.end`) may be later: she may say she takes it until next week.
 * - **a reading is one the hub knows, in a unit it converts.** Body weight or blood pressure (`PLAUSIBLE_READINGS`,
 *   the SDK's rules), every coding one of their SNOMED CT or LOINC codes in its own system, with a UCUM quantity
 *   in a unit of that reading and, converted, in its range; a panel has one systolic and one diastolic component.
 * - **a contact she adds is her word, not a legal authority.** A lasting power of attorney, a deputy or a guardian
 *   is recorded by her practice from the registered document, never from her word; a contact's name is kept without
 *   the titles and letters that would make them read as a professional.
 */
import { PLAUSIBLE_READINGS, plainPersonName, READING_CODES, type PlausibleReading } from '@care-record/sdk';
import { FhirHttpError } from '../fhir/outcome.js';
import { canonicalJson } from '../fhir/reduced-views.js';
import type { FhirJson } from '../store/search-parameters.js';
import { withText } from './sharing.js';

/** How far ahead of the hub's clock a device's may be (five minutes): a reading "now" on a fast phone is not refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const SNOMED = 'http://snomed.info/sct';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

/** The profile the hub claims for what it stores of a type (DOMAIN: UK Core). */
export const claimedProfile = (type: string): string => `https://fhir.hl7.org.uk/StructureDefinition/UKCore-${type}`;

const refused = (diagnostics: string, expression: string, text: string) =>
  withText(new FhirHttpError(422, 'business-rule', 'INVALID_RESOURCE', diagnostics, {}, [expression]), text);

const isObject = (value: unknown): value is FhirJson => typeof value === 'object' && value !== null && !Array.isArray(value);

// ---- meta ---------------------------------------------------------------------------------------------------------

/** What of `meta` a client may send back: the store's and the hub's own, which the hub sets again whatever was sent. */
const META_SET_BY_HUB: ReadonlySet<string> = new Set(['versionId', 'lastUpdated', 'source', 'profile']);

/**
 * Where what a resident or carer sent sets `meta` the hub does not let a client set, as a FHIRPath, or `undefined`:
 * a tag, a security label, an extension or any other element but those the hub sets itself; a profile but the one
 * it claims; any `meta` on a contained resource. `sentBack` are elements a change may send back as they were read
 * (a Consent's tags and labels), compared as sets with `stored`.
 */
export function sentMetaAt(body: unknown, type: string, stored?: FhirJson, sentBack: readonly string[] = []): string | undefined {
  if (!isObject(body)) return undefined;
  const meta = body['meta'];
  if (meta !== undefined) {
    if (!isObject(meta)) return `${type}.meta`;
    const storedMeta = isObject(stored?.['meta']) ? stored['meta'] : {};
    for (const [element, value] of Object.entries(meta)) {
      if (sentBack.includes(element) && sameSet(value, storedMeta[element])) continue;
      if (!META_SET_BY_HUB.has(element)) return `${type}.meta.${element}`;
      if (element === 'profile' && !(Array.isArray(value) && value.every((profile) => profile === claimedProfile(type))))
        return `${type}.meta.profile`;
    }
  }
  const contained = Array.isArray(body['contained']) ? (body['contained'] as unknown[]) : [];
  for (const [index, resource] of contained.entries())
    if (isObject(resource) && resource['meta'] !== undefined) return `${type}.contained[${index}].meta`;
  return undefined;
}

/** Two lists with the same items in any order (absent is empty). */
function sameSet(sent: unknown, stored: unknown): boolean {
  const keys = (value: unknown) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((item) => canonicalJson(item)).sort();
  return canonicalJson(keys(sent)) === canonicalJson(keys(stored));
}

/** Refuses `meta` the client may not set (`sentMetaAt`), naming where. */
export function checkSentMeta(body: unknown, type: string, stored?: FhirJson, sentBack: readonly string[] = []): void {
  const at = sentMetaAt(body, type, stored, sentBack);
  if (at !== undefined)
    throw refused(
      `${at} is set by the hub, not by the client: send no tags, security labels or other meta, and no profile but ${claimedProfile(type)}`,
      at,
      'This could not be saved as it is. Reload the page and try again.',
    );
}

/** The hub's `meta` for what a resident or carer adds: where it came from, and the profile the hub claims. */
export const residentMeta = (type: string): FhirJson => ({
  source: 'https://care-record.example/source/resident',
  profile: [claimedProfile(type)],
});

// ---- when ---------------------------------------------------------------------------------------------------------

/** A FHIR date (`2026`, `2026-11`, `2026-11-28`), dateTime or instant; a time needs its zone. */
const FHIR_WHEN = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** The civil date in the UK at an instant (`2026-11-28`): a date without a time is the resident's day, not UTC's. */
function ukDate(instant: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** Whether a date, dateTime or instant is later than now (with the skew), `'unreadable'` when it is not one. */
export function laterThanNow(value: unknown, now: number): boolean | 'unreadable' {
  if (typeof value !== 'string') return 'unreadable';
  const match = FHIR_WHEN.exec(value);
  if (!match) return 'unreadable';
  const [, year, month, day, hour] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return 'unreadable';
  if (day !== undefined && (Number(day) < 1 || Number(day) > new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate()))
    return 'unreadable';
  if (hour === undefined) {
    // A date is later than now when it is after the UK's today (at now and the skew), at its own precision.
    return value > ukDate(now + CLOCK_SKEW_MS).slice(0, value.length);
  }
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return 'unreadable';
  return instant > now + CLOCK_SKEW_MS;
}

/** The dates of what a resident or carer adds that may not be later than now, by FHIRPath; `undefined` when absent. */
function datesOf(type: string, body: FhirJson): [string, unknown][] {
  const period = isObject(body['effectivePeriod']) ? body['effectivePeriod'] : undefined;
  if (type === 'Observation')
    return [
      ['Observation.effectiveDateTime', body['effectiveDateTime']],
      ['Observation.effectiveInstant', body['effectiveInstant']],
      ['Observation.effectivePeriod.start', period?.['start']],
      ['Observation.effectivePeriod.end', period?.['end']],
      ['Observation.issued', body['issued']],
    ];
  if (type === 'MedicationStatement')
    return [
      ['MedicationStatement.effectiveDateTime', body['effectiveDateTime']],
      ['MedicationStatement.effectivePeriod.start', period?.['start']],
      ['MedicationStatement.dateAsserted', body['dateAsserted']],
    ];
  return [];
}

/**
 * Refuses a reading that does not say when it was taken, and any date of a reading or medicine later than the hub's
 * clock (`now`, with `CLOCK_SKEW_MS`): in the GP's record the latest reading is the one with the latest date, and a
 * reading dated 2099 would stand in front of every real one for ever.
 */
export function checkWhen(type: string, body: unknown, now: number): void {
  if (!isObject(body)) return;
  if (type === 'Observation') {
    const period = body['effectivePeriod'];
    const said =
      body['effectiveDateTime'] !== undefined ||
      body['effectiveInstant'] !== undefined ||
      (isObject(period) && (period['start'] !== undefined || period['end'] !== undefined));
    if (!said || body['effectiveTiming'] !== undefined)
      throw refused(
        'A reading says when it was taken: effectiveDateTime, effectiveInstant or effectivePeriod',
        body['effectiveTiming'] === undefined ? 'Observation.effective' : 'Observation.effectiveTiming',
        'Enter the date the reading was taken.',
      );
  }
  for (const [path, value] of datesOf(type, body)) {
    if (value === undefined) continue;
    const later = laterThanNow(value, now);
    if (later === 'unreadable')
      throw refused(`${path} is not a FHIR date or date and time with its time zone`, path, 'Enter a real date, like 28 11 2026.');
    if (later)
      throw refused(
        `${path} is later than now: a reading or medicine cannot be dated in the future`,
        path,
        type === 'Observation' ? 'The date of the reading must be today or in the past.' : 'The date must be today or in the past.',
      );
  }
  const period = body['effectivePeriod'];
  if (isObject(period) && typeof period['start'] === 'string' && typeof period['end'] === 'string') {
    const [start, end] = [period['start'], period['end']];
    // Two times are compared as instants (their zones may differ); otherwise by the days they name.
    const timed = start.includes('T') && end.includes('T');
    if (timed ? Date.parse(start) > Date.parse(end) : start.slice(0, 10).slice(0, end.length) > end.slice(0, 10).slice(0, start.length))
      throw refused(
        `${type}.effectivePeriod ends before it starts`,
        `${type}.effectivePeriod`,
        'The end date must be after the start date.',
      );
  }
}

// ---- readings -----------------------------------------------------------------------------------------------------

/** The blood pressure panel's codes: it carries its values in a systolic and a diastolic component. */
const PANEL_CODES: readonly string[] = [READING_CODES.bloodPressure.loinc, READING_CODES.bloodPressure.snomed];
/** The SDK's rule for readings with this code. */
function readingWith(code: string): PlausibleReading {
  const reading = PLAUSIBLE_READINGS.find((candidate) => candidate.codes.includes(code));
  if (!reading) throw new Error(`The SDK has no rule for readings coded ${code}`);
  return reading;
}
const SYSTOLIC = readingWith(READING_CODES.systolic.loinc);
const DIASTOLIC = readingWith(READING_CODES.diastolic.loinc);
/** How the contract's UCUM units may be written for a person to read (`unit`), besides the code itself. */
const UNIT_WORDS: Readonly<Record<string, readonly string[]>> = {
  kg: ['kg'],
  g: ['g'],
  '[lb_av]': ['lb', 'lbs'],
  'mm[Hg]': ['mmHg', 'mm Hg'],
};

/** What the hub accepts, for a 422 a developer reads. */
const ACCEPTED =
  `body weight (SNOMED CT ${READING_CODES.weight.snomedMeasured} or ${READING_CODES.weight.snomed}, LOINC ${READING_CODES.weight.loinc}) ` +
  `in kg, g or [lb_av]; blood pressure (LOINC ${READING_CODES.bloodPressure.loinc} or SNOMED CT ${READING_CODES.bloodPressure.snomed} ` +
  `with systolic and diastolic components, or a systolic or diastolic reading alone: ` +
  `SNOMED CT ${READING_CODES.systolic.snomed}, ${READING_CODES.systolic.snomedMeasured}, ${READING_CODES.diastolic.snomed}, ` +
  `${READING_CODES.diastolic.snomedMeasured}, LOINC ${READING_CODES.systolic.loinc}, ${READING_CODES.diastolic.loinc}) in mm[Hg]`;

type Kind = PlausibleReading | 'panel';

/** The one kind of reading a concept's codings all name, `undefined` when none or another, `'mixed'` when several. */
function kindOf(concept: unknown): Kind | 'mixed' | undefined {
  const codings = isObject(concept) && Array.isArray(concept['coding']) ? (concept['coding'] as unknown[]) : [];
  const kinds = new Set<Kind | undefined>(
    codings.map((coding) => {
      if (!isObject(coding) || typeof coding['code'] !== 'string') return undefined;
      const code = coding['code'];
      if (coding['system'] !== (code.includes('-') ? LOINC : SNOMED)) return undefined;
      if (PANEL_CODES.includes(code)) return 'panel';
      return PLAUSIBLE_READINGS.find((reading) => reading.codes.includes(code));
    }),
  );
  if (kinds.size === 0 || kinds.has(undefined)) return undefined;
  return kinds.size > 1 ? 'mixed' : [...kinds][0];
}

const notKnown = (path: string) =>
  refused(
    `${path} is not a reading this hub accepts: every coding must be one of ${ACCEPTED}`,
    path,
    'This kind of reading cannot be added here. You can add your weight or blood pressure.',
  );

/** Where an element holds a value other than `valueQuantity` (`valueString`, `dataAbsentReason`), if one does. */
const otherValueAt = (item: FhirJson, path: string): string | undefined => {
  const other = Object.keys(item).find((key) => (key.startsWith('value') && key !== 'valueQuantity') || key === 'dataAbsentReason');
  return other === undefined ? undefined : `${path}.${other}`;
};

/** A quantity of this reading in its own range, converted from its unit: its value in the range's unit. */
function measured(reading: PlausibleReading, quantity: unknown, path: string): number {
  const where = `${path}.valueQuantity`;
  if (!isObject(quantity)) throw refused(`${where} is required: a reading is a number with its unit`, where, 'Enter the reading.');
  const code = quantity['code'];
  const factor = typeof code === 'string' && Object.hasOwn(reading.units, code) ? reading.units[code] : undefined;
  const unit = quantity['unit'];
  const unitAgrees = unit === undefined || (typeof code === 'string' && (unit === code || (UNIT_WORDS[code] ?? []).includes(String(unit))));
  if (quantity['system'] !== UCUM || factor === undefined || !unitAgrees)
    throw refused(
      `${where} must be in UCUM (${UCUM}), code ${Object.keys(reading.units).join(', ')}, with a unit that says the same`,
      where,
      `${reading.what.replace(/ \(.*\)$/, '')} must be in ${Object.keys(reading.units)
        .map((known) => UNIT_WORDS[known]?.[0] ?? known)
        .join(', ')}.`,
    );
  const value = quantity['value'];
  if (typeof value !== 'number' || !Number.isFinite(value) || quantity['comparator'] !== undefined)
    throw refused(`${where}.value must be a number, without a comparator`, where, 'Enter the reading as a number.');
  const converted = value * factor;
  if (converted < reading.low || converted > reading.high)
    // The range is for the screen (`details.text`); the value and the unit that broke it are for a developer.
    throw refused(
      `${value} ${code} is outside ${reading.low}..${reading.high} for ${reading.what}`,
      `${where}.value`,
      `${reading.what} must be between ${reading.low} and ${reading.high}.`,
    );
  return converted;
}

/**
 * Refuses a reading the hub does not recognise, in a unit it does not convert, or outside what a person could
 * really have once converted (`PLAUSIBLE_READINGS`); and a blood pressure whose systolic is not above its diastolic.
 */
export function checkReading(body: unknown): void {
  if (!isObject(body)) return;
  const kind = kindOf(body['code']);
  if (kind === undefined || kind === 'mixed') throw notKnown('Observation.code');
  const values: Map<PlausibleReading, number> = new Map();
  if (kind === 'panel') {
    const other = otherValueAt(body, 'Observation');
    if (other !== undefined || body['valueQuantity'] !== undefined)
      throw refused(
        'A blood pressure panel carries its values in its components',
        other ?? 'Observation.valueQuantity',
        'Enter the reading.',
      );
    const components = Array.isArray(body['component']) ? (body['component'] as unknown[]) : [];
    for (const [index, component] of components.entries()) {
      const path = `Observation.component[${index}]`;
      const kind = isObject(component) ? kindOf(component['code']) : undefined;
      const reading = kind === SYSTOLIC || kind === DIASTOLIC ? kind : undefined;
      if (!isObject(component) || reading === undefined || values.has(reading)) throw notKnown(`${path}.code`);
      const other = otherValueAt(component, path);
      if (other !== undefined) throw refused(`${other} is not a reading's value: send valueQuantity`, other, 'Enter the reading.');
      values.set(reading, measured(reading, component['valueQuantity'], path));
    }
    if (values.size !== 2)
      throw refused('A blood pressure panel has one systolic and one diastolic component', 'Observation.component', 'Enter both numbers.');
  } else {
    const other = otherValueAt(body, 'Observation');
    if (other !== undefined) throw refused(`${other} is not a reading's value: send valueQuantity`, other, 'Enter the reading.');
    if (body['component'] !== undefined) throw notKnown('Observation.component');
    values.set(kind, measured(kind, body['valueQuantity'], 'Observation'));
  }
  const systolic = values.get(SYSTOLIC);
  const diastolic = values.get(DIASTOLIC);
  if (systolic !== undefined && diastolic !== undefined && systolic <= diastolic)
    throw refused(
      `Systolic ${systolic} is not above diastolic ${diastolic}`,
      'Observation.component',
      'Systolic must be higher than diastolic.',
    );
}

// ---- contacts -----------------------------------------------------------------------------------------------------

/** HL7 v3 RoleCode relationships that are a legal authority to decide for someone: registered, never self-declared. */
export const LEGAL_AUTHORITY_CODES: ReadonlySet<string> = new Set(['POWATT', 'HPOWATT', 'DPOWATT', 'SPOWATT', 'GUARD']);
/** The same in words, as a resident could type them. */
const LEGAL_AUTHORITY_WORDS = /\b(?:attorney|lpa|epa|guardian(?:ship)?|deputy|court of protection)\b/i;

/** Where a contact's relationship claims a legal authority, as a FHIRPath, or `undefined`. */
export function legalAuthorityAt(person: unknown): string | undefined {
  if (!isObject(person)) return undefined;
  const relationships = Array.isArray(person['relationship']) ? (person['relationship'] as unknown[]) : [];
  for (const [index, concept] of relationships.entries()) {
    if (!isObject(concept)) continue;
    const path = `RelatedPerson.relationship[${index}]`;
    if (typeof concept['text'] === 'string' && LEGAL_AUTHORITY_WORDS.test(concept['text'])) return `${path}.text`;
    const codings = Array.isArray(concept['coding']) ? (concept['coding'] as unknown[]) : [];
    for (const [at, coding] of codings.entries()) {
      if (!isObject(coding)) continue;
      const code = typeof coding['code'] === 'string' ? coding['code'].trim().toUpperCase() : '';
      if (LEGAL_AUTHORITY_CODES.has(code) || (typeof coding['display'] === 'string' && LEGAL_AUTHORITY_WORDS.test(coding['display'])))
        return `${path}.coding[${at}]`;
    }
  }
  return undefined;
}

/**
 * Refuses a contact whose relationship is a legal authority (a lasting power of attorney, a deputy, a guardian):
 * her clinicians would take her word for a registered document. Her practice records one when it has seen it.
 */
export function checkContactClaims(person: unknown): void {
  const at = legalAuthorityAt(person);
  if (at !== undefined)
    throw refused(
      `${at}: a power of attorney, deputy or guardian is recorded by the practice from the registered document, not added by the resident`,
      at,
      'A power of attorney or guardian is added by your GP practice when they have seen the document. You can add this person as family or a friend.',
    );
}

/**
 * A contact's names as stored: without titles and letters (`Dr`, `Prof`, `MRCGP`) that would make a relative read as
 * a professional in the clinicians' list of her contacts, and without `prefix` and `suffix`, which hold them.
 */
export function withPlainNames(person: FhirJson): FhirJson {
  if (!Array.isArray(person['name'])) return person;
  const names = (person['name'] as unknown[]).map((name) => {
    if (!isObject(name)) return name;
    const { prefix: _prefix, suffix: _suffix, ...rest } = name;
    const plain: FhirJson = { ...rest };
    if (typeof rest['text'] === 'string') plain['text'] = plainPersonName(rest['text']);
    if (typeof rest['family'] === 'string') {
      // Read as the end of a name (`X Patel MRCGP` is `X Patel`); a family name that is only letters stays as typed.
      const family = plainPersonName(`X ${rest['family']}`);
      plain['family'] = family.startsWith('X ') ? family.slice(2) : rest['family'];
    }
    if (Array.isArray(rest['given'])) {
      const given = [...(rest['given'] as unknown[])];
      // A leading title typed as a given name (`["Dr", "A"]`) goes; a name that is only a title stays as typed.
      while (given.length > 1 && typeof given[0] === 'string' && plainPersonName(`${given[0]} X`) === 'X') given.shift();
      plain['given'] = given;
    }
    return plain;
  });
  return { ...person, name: names };
}
