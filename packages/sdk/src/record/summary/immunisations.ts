/**
 * Vaccinations: those given and those due but not given (with the reason
 * when recorded), newest first; entered in error left out. A status the
 * contract does not know is kept, as `Not known`, rather than dropped. One
 * recorded as given on a date still to come (on the UK calendar) cannot have
 * been given: it says so, and that the record needs checking.
 */
import type { Immunization } from '../../fhir.js';
import { absentForReason, NOT_KNOWN, NOT_RECORDED } from '../../format/placeholders.js';
import type { RecordAudience } from '../allergies.js';
import { conceptWords, firstConceptWords, tidyText as tidy, type ConceptLike } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { isEnteredInError } from '../status-code.js';
import { date, newestFirst, startsAfter, type SummaryContext } from './context.js';

/**
 * `given`: completed; `given-subpotent`: given, but recorded as subpotent (it does not count as a dose);
 * `given-future-date`: recorded as completed on a date still to come, so not a dose that can be relied on;
 * `not-given`: recorded as not done; `not-known`: a status the record does not explain.
 */
export type ImmunisationState = 'given' | 'given-subpotent' | 'given-future-date' | 'not-given' | 'not-known';

export interface ImmunisationItem {
  id: string;
  /** The vaccine as recorded: `Flu vaccine`; its code when sent with no words (`SNOMED CT 871751006`); `Not known` when unnamed. */
  vaccine: string;
  state: ImmunisationState;
  /** `state` in the audience's words: `Given` / `Not given`. */
  status: string;
  /**
   * Why it was not given (or why the dose was subpotent), when recorded (its code when sent with no words);
   * `Reason not recorded` for a not-given one without.
   */
  reason?: string;
  /**
   * When it was given (or was due); the source's own words when only those were recorded; the date it was recorded,
   * said to be that (`Recorded 05-Apr-2020; date given not recorded`), when only that was; `Not recorded` when none,
   * or `Not known` (`...; date given not known`) when the source says why the date given is absent.
   */
  date: string;
  /** `Dose 2`, when the course position was recorded. */
  dose?: string;
  /** Where it was given, when recorded. */
  location?: string;
  source: SourceLabel;
}

const WORDS: Record<RecordAudience, Record<ImmunisationState, string> & { reasonNotRecorded: string }> = {
  clinician: {
    given: 'Given',
    'given-subpotent': 'Given, subpotent',
    'given-future-date': 'Recorded as given on a future date: check the record',
    'not-given': 'Not given',
    'not-known': NOT_KNOWN,
    reasonNotRecorded: 'Reason not recorded',
  },
  resident: {
    given: 'Given',
    'given-subpotent': 'Given, but does not count as a full dose',
    'given-future-date': 'Recorded as given on a date that has not come yet, so this may be a mistake',
    'not-given': 'Not given',
    'not-known': NOT_KNOWN,
    reasonNotRecorded: 'Reason not recorded',
  },
};

/** FHIR R4 fields the contract leaves out but servers send: a dose that does not count, and why. */
type RecordedImmunization = Immunization & { isSubpotent?: unknown; subpotentReason?: ConceptLike[] };

function stateOf({ status, isSubpotent, occurrenceDateTime }: RecordedImmunization, now: number): ImmunisationState {
  if (status === 'not-done') return 'not-given';
  if (status !== 'completed') return 'not-known';
  if (startsAfter(occurrenceDateTime, now)) return 'given-future-date';
  return isSubpotent === true ? 'given-subpotent' : 'given';
}

const when = (immunization: Immunization): string | undefined => immunization.occurrenceDateTime ?? immunization.recorded;

/**
 * The date it was recorded, said to be that, when the record gives no date it was given; empty when none. The
 * date given is `not known` when the source says why it is absent, else `not recorded`.
 */
function recordedOnly(recorded: string | undefined, context: SummaryContext, dateGiven: string): string {
  if (!tidy(recorded)) return '';
  const day = date(recorded, context);
  return context.audience === 'resident' ? `Recorded ${day}. Date given ${dateGiven}` : `Recorded ${day}; date given ${dateGiven}`;
}

function immunisationItem(immunization: Immunization, context: SummaryContext): ImmunisationItem {
  const words = WORDS[context.audience];
  const state = stateOf(immunization, context.now);
  const reason =
    state === 'not-given'
      ? conceptWords(immunization.statusReason, '')
      : state === 'given-subpotent'
        ? firstConceptWords((immunization as RecordedImmunization).subpotentReason)
        : undefined;
  const dose = immunization.protocolApplied?.find((applied) => applied.doseNumberPositiveInt ?? applied.doseNumberString);
  const doseText = dose?.doseNumberPositiveInt !== undefined ? String(dose.doseNumberPositiveInt) : tidy(dose?.doseNumberString);
  const location = context.directory.name(immunization.location, '');
  const { _occurrenceDateTime, _occurrenceString } = immunization as { _occurrenceDateTime?: unknown; _occurrenceString?: unknown };
  // No date given, but a reason it is absent (data-absent-reason): not known, rather than never recorded.
  const unknownDate = absentForReason(_occurrenceDateTime) || absentForReason(_occurrenceString);
  const occurred =
    immunization.occurrenceDateTime !== undefined
      ? date(immunization.occurrenceDateTime, context)
      : tidy(immunization.occurrenceString) || recordedOnly(immunization.recorded, context, unknownDate ? 'not known' : 'not recorded');
  return {
    id: immunization.id ?? NOT_KNOWN,
    vaccine: conceptWords(immunization.vaccineCode),
    state,
    status: words[state],
    ...(state === 'not-given' ? { reason: reason ? tidy(reason) : words.reasonNotRecorded } : {}),
    ...(state === 'given-subpotent' && reason ? { reason: tidy(reason) } : {}),
    date: occurred || (unknownDate ? NOT_KNOWN : NOT_RECORDED),
    ...(doseText ? { dose: `Dose ${doseText}` } : {}),
    ...(location ? { location } : {}),
    source: sourceOf(immunization, context.organizations),
  };
}

/** Every vaccination but those entered in error, newest first. */
export function immunisationItems(immunizations: readonly Immunization[], context: SummaryContext): ImmunisationItem[] {
  return immunizations
    .filter((immunization) => !isEnteredInError(immunization.status))
    .sort((a, b) => newestFirst(when(a), when(b)))
    .map((immunization) => immunisationItem(immunization, context));
}
