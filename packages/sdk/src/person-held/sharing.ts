/**
 * The resident's sharing choices: who may see their record, and which kinds
 * of information may leave the service that recorded them. Read from and
 * written back to one FHIR Consent (`patient-privacy`), as the hub's contract
 * describes it:
 *
 * - by default every organisation caring for the resident sees the record;
 * - a `deny` provision naming organisations stops them seeing it (except in
 *   an emergency, which the resident is told about);
 * - a `deny` provision naming categories keeps those with the service that
 *   recorded them; with organisations as well, only from those.
 *
 * `sharingChoicesFrom` and `sharingConsent` are pure and inverse; `loadSharing`
 * and `saveSharing` do the reading and writing.
 */
import { batchRead } from '../client/batch.js';
import { isProxyConsent, ukToday } from './proxy.js';
import type { HubClient } from '../client/hub-client.js';
import { HubError } from '../client/hub-error.js';
import type { Bundle, Consent, Organization } from '../fhir.js';
import { formatResidentDate } from '../format/date.js';
import { displayText } from '../format/display-text.js';
import { NOT_KNOWN } from '../format/placeholders.js';
import { sameCodeSystem } from '../record/code-system.js';
import { mergeNotices, readNotices, type RecordNotices } from '../record/notices.js';
import { ODS_SYSTEM } from '../record/source.js';
import { everyPage, isPartialAnswer } from './every-page.js';

/** A kind of information the resident can keep with the service that recorded it. */
export type SharingCategoryKey = 'mental-health' | 'social-care' | 'sexual-health';

export interface SharingOrganisation {
  /** `Organization` id. */
  id: string;
  /**
   * Its name; for one with no name, what is known of it (`An organisation with
   * code RZ9`). Never the same as another organisation's name with the same
   * `kind`: the resident must be able to tell which one they are unticking.
   */
  name: string;
  /** Its ODS code, when known. */
  odsCode?: string | undefined;
  /** What kind of organisation it is, in plain words (`GP practice`), when known. */
  kind?: string | undefined;
  /** Whether it may see the record. */
  shared: boolean;
  /**
   * When it is stopped by a deny for a period (recorded by the practice), that period as read: kept through a save
   * while it stays stopped. Absent for a deny that holds for ever. The hub applies the period: a deny whose period has
   * ended, or not begun, keeps nothing today, though `shared` is false: `state` says which. The first of `periods`.
   */
  period?: SharingPeriod | undefined;
  /**
   * Every period it is stopped for, as read (the same organisation may be stopped under two), each kept through a save
   * while it stays stopped. Absent when it is stopped for ever (what is kept for ever is kept now) or shared.
   */
  periods?: SharingPeriod[] | undefined;
  /** When it is stopped: whether that keeps anything now (a deny for a period may have ended, or not begun). */
  state?: SharingDenyState | undefined;
}

/** The period a deny holds for (`provision.period`), as the Consent gives it. */
export interface SharingPeriod {
  start?: string;
  end?: string;
}

/**
 * Whether a choice not to share keeps anything now, read as the hub applies it: a date (or a month, a year) is a UK
 * civil date, a start from its first moment and an end to its last; a dateTime is the instant it says; a bound left
 * out is open. `on` is the bound as written (show it with `formatResidentDate`).
 *
 * - `in-force`: it keeps the record (or the information) now; `until` is its end, when it has one.
 * - `ended`: it ended on `on`, so nothing is kept now.
 * - `starts`: it begins on `on`; nothing is kept until then.
 * - `not-known`: its period cannot be read, so the hub does not apply it: nothing is kept, whatever it says.
 */
export type SharingDenyState =
  { kind: 'in-force'; until?: string | undefined } | { kind: 'ended'; on: string } | { kind: 'starts'; on: string } | { kind: 'not-known' };

const DATE_FORM = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Where `now` stands to a bound: before it, within it (the same civil date, month or year), or after it. */
function sideOf(bound: string, now: Date, side: 'start' | 'end'): 'before' | 'after' | undefined {
  if (DATE_FORM.test(bound)) {
    const day = ukToday(now).slice(0, bound.length);
    if (side === 'start') return day >= bound ? 'after' : 'before';
    return day <= bound ? 'before' : 'after';
  }
  const instant = DATE_TIME_FORM.test(bound) ? Date.parse(bound) : NaN;
  if (Number.isNaN(instant)) return undefined;
  if (side === 'start') return now.getTime() >= instant ? 'after' : 'before';
  return now.getTime() <= instant ? 'before' : 'after';
}

/** Whether a deny for `period` (undefined: for ever) keeps anything at `now` (see `SharingDenyState`). */
export function sharingPeriodState(period: SharingPeriod | undefined, now: Date = new Date()): SharingDenyState {
  if (period === undefined) return { kind: 'in-force' };
  const start = period.start === undefined ? 'after' : sideOf(period.start, now, 'start');
  const end = period.end === undefined ? 'before' : sideOf(period.end, now, 'end');
  if (start === undefined || end === undefined) return { kind: 'not-known' };
  if (start === 'before' && period.start !== undefined) return { kind: 'starts', on: period.start };
  if (end === 'after' && period.end !== undefined) return { kind: 'ended', on: period.end };
  return { kind: 'in-force', ...(period.end !== undefined ? { until: period.end } : {}) };
}

/**
 * The state of something stopped under several denies: in force if one is (the latest end of those in force, or none if
 * one has no end); else starting at the earliest start to come; else not known if one cannot be read; else ended on the
 * latest end. Starts and ends compare as written: a date and a dateTime of the same day may be put either way round.
 */
function combinedState(periods: (SharingPeriod | undefined)[], now: Date): SharingDenyState {
  const states = periods.map((period) => sharingPeriodState(period, now));
  const inForce = states.filter((state) => state.kind === 'in-force');
  if (inForce.length > 0)
    return inForce.some((state) => state.until === undefined)
      ? { kind: 'in-force' }
      : {
          kind: 'in-force',
          until: inForce
            .flatMap((state) => (state.until === undefined ? [] : [state.until]))
            .sort()
            .at(-1),
        };
  const starts = states.flatMap((state) => (state.kind === 'starts' ? [state.on] : [])).sort();
  if (starts[0] !== undefined) return { kind: 'starts', on: starts[0] };
  if (states.some((state) => state.kind === 'not-known')) return { kind: 'not-known' };
  const ended = states.flatMap((state) => (state.kind === 'ended' ? [state.on] : [])).sort();
  const last = ended.at(-1);
  return last === undefined ? { kind: 'not-known' } : { kind: 'ended', on: last };
}

export interface SharingCategoryChoice {
  key: SharingCategoryKey;
  /** `Mental health` */
  label: string;
  /** What it covers and what turning it off means, in plain words. */
  description: string;
  /** Whether it is shared beyond the service that recorded it. */
  shared: boolean;
  /** False for sexual health, which is always kept with the service that recorded it. */
  changeable: boolean;
  /** When kept by a deny for a period, that period as read (see `SharingOrganisation.period`). */
  period?: SharingPeriod | undefined;
  /** Every period it is kept for, as read (see `SharingOrganisation.periods`). */
  periods?: SharingPeriod[] | undefined;
  /** When it is kept: whether that keeps anything now (see `SharingDenyState`). */
  state?: SharingDenyState | undefined;
}

/** A category kept from one organisation only (made elsewhere, e.g. by a carer with power of attorney). */
export interface SharingException {
  organisationId: string;
  organisationName: string;
  category: SharingCategoryKey;
  /** Whether this category is shared with this organisation after all (the exception removed). */
  shared: boolean;
  /** When the exception is for a period, that period as read (see `SharingOrganisation.period`). */
  period?: SharingPeriod | undefined;
  /**
   * Every period it is kept for (see `SharingOrganisation.periods`): absent as read (its `period` alone); a stop made
   * again, once that period has ended or not begun, adds a `{}` (for ever, from now) beside it.
   */
  periods?: SharingPeriod[] | undefined;
  /** Whether it keeps anything now (see `SharingDenyState`). */
  state?: SharingDenyState | undefined;
}

/** What is known of an organisation caring for the resident; any part may be missing. */
export interface SharingDirectoryEntry {
  name?: string | undefined;
  /** What kind of organisation it is, in plain words (`GP practice`). */
  kind?: string | undefined;
  /** Its ODS code (`RZ9`). */
  odsCode?: string | undefined;
}

export interface SharingChoices {
  organisations: SharingOrganisation[];
  categories: SharingCategoryChoice[];
  exceptions: SharingException[];
  /**
   * The choice's denies as read (by `sharingChoicesFrom`), word for word: a save sends back unchanged each one whose
   * every part stays as it was, so a deny the practice wrote in its own way (another role, order or wording) is kept as
   * written. Leave it as it is; absent for choices not read from a Consent.
   */
  recorded?: Provision[] | undefined;
  /**
   * How many parts of the choice as read could not be read in full (an organisation named by a full address or an
   * identifier, a kind of information nobody knows, a rule other than a deny): not shown, and not applied by the hub,
   * but sent back as they were, never dropped by a save. Absent when none.
   */
  notShown?: number | undefined;
  /**
   * What each of those parts says, as far as it can be told, in plain words (`Not sharing your record with Dr Patel's
   * surgery`), for her to recognise it and ask her practice about it. One for each part not shown, in order.
   */
  notApplied?: string[] | undefined;
  /**
   * Set when the hub refuses her record to every organisation because of this choice, so nothing above is what
   * applies: `opted-out`, she chose not to share her record with any organisation (an `OPTOUT`, or a top-level deny);
   * `not-readable`, some part of it cannot be applied as recorded (another rule, a permit narrowed to some, a part not
   * shown, a period that cannot be read), so the hub withholds the record rather than share it; `not-in-force`, her
   * agreement to share has ended or not begun (`agreement`). A save is refused, in words, rather than replacing it.
   */
  declinedToAll?: SharingDeclined | undefined;
  /**
   * When `declinedToAll` is `not-in-force`: her agreement to share, as the hub applies its own `provision.period` and
   * `dateTime` — `ended` on a date, or `starts` on one. Absent otherwise.
   */
  agreement?: SharingDenyState | undefined;
  /**
   * The choice as read, word for word: a save changes only its denies and keeps everything else as recorded (its own
   * period and date, who recorded and checked it, its identifiers, extensions and words). Leave it as it is; absent
   * for choices not read from a Consent.
   */
  asRecorded?: Consent | undefined;
  /**
   * Set when the choice is an opt-out whose own period has ended (`ended`) or not begun (`starts`): the hub applies
   * nothing of it now, so everything is shared, but a save is refused rather than replace her opt-out (ask the
   * practice).
   */
  optOut?: SharingDenyState | undefined;
  /**
   * This hub's FHIR base, as the choice was read against it (`loadSharing`): a deny naming an organisation by its full
   * address there names it, as the hub reads one. Leave it as it is; absent when not known.
   */
  hubBase?: string | undefined;
  /**
   * How many of her sharing choices the hub applies together, when more than one: opt-ins in force recorded at
   * different times (hers, her practice's, an import's). What is shown is what they keep together (every deny of each);
   * a save changes each of them only where she changed what it keeps (`SharingViewModel.alsoApplied`). Absent for one.
   */
  inForce?: number | undefined;
}

/**
 * Why a choice refuses her record to every organisation, read as the hub reads it (`readChoice` in the hub):
 * `opted-out`; `not-readable`, recorded in a way the hub cannot apply in full (the hub's `not-applied`: withheld rather
 * than shared); `not-in-force`, an agreement to share whose own period has ended or not begun, or given with a date to
 * come (the hub's `not-in-force`).
 */
export type SharingDeclined = 'opted-out' | 'not-readable' | 'not-in-force';

export interface SharingViewModel {
  patientId: string;
  /** The Consent being changed, and its version (`W/"3"`); absent before the first save. */
  consentId?: string | undefined;
  etag?: string | undefined;
  choices: SharingChoices;
  /**
   * Her other opt-ins in force, whose denies the hub applies beside this one's (`choices.inForce`): each with its
   * version and as recorded, so that a save changes each only where she changed what it keeps. Absent when none.
   */
  alsoApplied?: SharingAppliedChoice[] | undefined;
  /**
   * Set when the organisations listed may not be all those caring for her: a part of her record they are found from
   * could not be read, or was read in part (a source did not answer, items were withheld or left out for her access,
   * more pages than are read). She cannot stop sharing with an organisation she cannot see, so the screen says so,
   * and never "no organisations". Absent when every part answered in full.
   */
  organisationsIncomplete?: SharingListGaps | undefined;
}

/** What the list of organisations may be missing (`SharingViewModel.organisationsIncomplete`). */
export interface SharingListGaps {
  /** The parts of her record not read in full, in plain words (`your care plans`), each once. */
  parts: string[];
  /** What the answers said they left out (sources that did not answer, items withheld, pages not read). */
  notices: RecordNotices;
}

/** Another of her sharing choices the hub applies, as read (see `SharingViewModel.alsoApplied`). */
export interface SharingAppliedChoice {
  consentId: string;
  /** Its version (`W/"3"`), when the server keeps versions. */
  etag?: string | undefined;
  /** As read, word for word: leave it as it is. */
  consent: Consent;
}

/** Said on the sharing page: what happens in an emergency. */
export const SHARING_EMERGENCY_NOTE =
  'If you need care urgently and cannot tell staff about yourself, a professional can still look at your record, even at an organisation you have stopped sharing with. They must give a reason, it is checked, and you will see it in the list of who has looked at your record. Information you keep with the service that recorded it stays hidden.';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const SHARING_CATEGORY_SYSTEM = 'https://care-record.example/CodeSystem/sharing-category';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';

const categoryLabels: Record<SharingCategoryKey, { system: string; code: string; display: string }> = {
  'mental-health': { system: ACT_CODE, code: 'PSY', display: 'psychiatry information sensitivity' },
  'social-care': { system: SHARING_CATEGORY_SYSTEM, code: 'social-care', display: 'social care information' },
  'sexual-health': { system: ACT_CODE, code: 'SEX', display: 'sexuality and reproductive health information sensitivity' },
};

const categoryWords: Record<SharingCategoryKey, { label: string; description: string; changeable: boolean }> = {
  'mental-health': {
    label: 'Mental health',
    description:
      'What mental health services record about you, and notes about your mental health made elsewhere. If you stop sharing it, only the service that wrote it down will see it.',
    changeable: true,
  },
  'social-care': {
    label: 'Social care',
    description:
      'What the council’s social care services record, such as your care and support plan. If you stop sharing it, only social care will see it.',
    changeable: true,
  },
  'sexual-health': {
    label: 'Sexual health',
    description: 'Always kept private: only the clinic that wrote it down can see it. You do not need to do anything.',
    changeable: false,
  },
};

const CATEGORY_ORDER: SharingCategoryKey[] = ['mental-health', 'social-care', 'sexual-health'];

/** In plain words: `Mental health`. */
export function sharingCategoryLabel(key: SharingCategoryKey): string {
  return categoryWords[key].label;
}

/** An organisation's id from `Organization/<id>`, read as the hub reads one (a FHIR id); undefined for any other form. */
const organisationIdOf = (reference: unknown): string | undefined =>
  typeof reference === 'string' ? /^Organization\/([A-Za-z0-9\-.]{1,64})$/.exec(reference)?.[1] : undefined;

/**
 * How a choice's deny actors name organisations, as the hub names them (`ActorNamer` there): this hub's FHIR base, for
 * one named by its full address; and the directory's organisations by ODS code.
 */
export interface SharingActorNaming {
  hubBase?: string | undefined;
  /** ODS code (in capitals) → every `Organization` id holding it (a deny of the code refuses them all, as the hub does). */
  organisationsByOds?: ReadonlyMap<string, readonly string[]> | undefined;
}

/** The naming of a directory (id → entry with its ODS code) at this hub's base. */
function namingOf(organisations: Iterable<[string, { odsCode?: string | undefined }]>, hubBase: string | undefined): SharingActorNaming {
  const byOds = new Map<string, string[]>();
  for (const [id, entry] of organisations) {
    const code = entry.odsCode?.trim().toUpperCase();
    if (code && !byOds.get(code)?.includes(id)) byOds.set(code, [...(byOds.get(code) ?? []), id]);
  }
  return { hubBase, organisationsByOds: byOds };
}

const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
/** `Type/id` at the end of a path, with any version of it and a stray closing slash. */
const ENTRY_TAIL = /^(\/.*?)?\/([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?\/?$/i;

/** A server's address as the hub keys it: host (no closing dot) and port (none for 80 or 443) and path, in lower case. */
function addressOf(url: URL, path: string): string {
  const port = ['', '80', '443'].includes(url.port) ? '' : `:${url.port}`;
  return `${url.hostname.replace(/\.$/, '')}${port}${path.replace(/\/+$/, '')}`.toLowerCase();
}

/**
 * The Organization id a reference names as this hub's own entry, as the hub reads one: relative (`Organization/x`, a
 * version of it, `./`, a path from the host), or a full address at this hub's base (in any case, default port or none,
 * runs of slashes as one). None for another server's entry, another type, or no reference to an entry.
 */
function hubOrganisationId(target: string, hubBase: string | undefined): string | undefined {
  const trimmed = target.trim();
  const pathOf = (path: string) => new URL(path.replace(/\/{2,}/g, '/'), 'https://path.invalid').pathname;
  if (ABSOLUTE_URL.test(trimmed)) {
    if (hubBase === undefined || !URL.canParse(trimmed) || !URL.canParse(hubBase)) return undefined;
    const url = new URL(trimmed);
    const tail = ENTRY_TAIL.exec(pathOf(url.pathname));
    const base = new URL(hubBase);
    if (!tail || addressOf(url, tail[1] ?? '') !== addressOf(base, pathOf(base.pathname))) return undefined;
    return tail[2]?.toLowerCase() === 'organization' ? tail[3] : undefined;
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed) || /^[#?]|^\/\//.test(trimmed)) return undefined;
  const tail = ENTRY_TAIL.exec(pathOf(trimmed.split(/[?#]/, 1)[0] ?? ''));
  return tail?.[2]?.toLowerCase() === 'organization' ? tail[3] : undefined;
}

/** An actor's ODS code (trimmed, in capitals); null when it gives no identifier; undefined for one not an ODS code. */
function actorOdsCode(identifier: unknown): string | null | undefined {
  if (identifier === undefined) return null;
  if (typeof identifier !== 'object' || identifier === null) return undefined;
  const { system, value } = identifier as { system?: unknown; value?: unknown };
  if (!sameCodeSystem(system, ODS_SYSTEM) || typeof value !== 'string' || value.trim() === '') return undefined;
  return value.trim().toUpperCase();
}

/**
 * The organisations a deny's actor names, as the hub names them: by a reference to this hub's entry, or by an ODS code
 * (every directory entry holding it — each signs in by its own id; else `system|CODE`, one not in the directory, which
 * the hub keeps but refuses nobody). Both given, the reference must be one of the code's entries, and the code then
 * names them all; another server's reference beside a code is the code's. Undefined when the hub cannot say which
 * organisation it is.
 */
function actorIdsOf(actor: unknown, naming: SharingActorNaming): string[] | undefined {
  const reference = (actor as { reference?: unknown } | null)?.reference;
  if (typeof reference !== 'object' || reference === null) return undefined;
  const { reference: target, identifier } = reference as { reference?: unknown; identifier?: unknown };
  const code = actorOdsCode(identifier);
  if (code === undefined || (target !== undefined && typeof target !== 'string')) return undefined;
  const here = target === undefined ? undefined : hubOrganisationId(target, naming.hubBase);
  if (code === null) return here === undefined ? undefined : [here];
  const coded = naming.organisationsByOds?.get(code);
  if (here !== undefined) return coded?.includes(here) ? [...coded] : undefined;
  if (target !== undefined && !ABSOLUTE_URL.test(target.trim())) return undefined;
  return coded ? [...coded] : [`${ODS_SYSTEM}|${code}`];
}

/** The ODS code of an organisation named only by one the directory does not hold (`actorIdsOf`). */
const unheldOdsCode = (id: string): string | undefined => (id.startsWith(`${ODS_SYSTEM}|`) ? id.slice(ODS_SYSTEM.length + 1) : undefined);

/** How the choices as read name organisations, for reading their denies again. */
const choicesNaming = (choices: SharingChoices): SharingActorNaming =>
  namingOf(
    choices.organisations.map((organisation) => [organisation.id, organisation]),
    choices.hubBase,
  );

const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
/** FHIR STU3's system for the same scopes: a Consent imported from an older system may still say it. */
const STU3_CONSENT_SCOPE = 'http://hl7.org/fhir/consentscope';
/** FHIR STU3's system for v3 ActCode, which a policy rule imported from an older system may still say. */
const STU3_ACT_CODE = 'http://hl7.org/fhir/v3/ActCode';
/** The v3 ActCode consent directives (`_ActConsentDirective`): a policy rule saying one is about sharing. */
const CONSENT_DIRECTIVES = new Set([
  'EMRGONLY',
  'GRANTORCHOICE',
  'IMPLIED',
  'IMPLIEDD',
  'NOCONSENT',
  'NOPP',
  'OPTIN',
  'OPTINR',
  'OPTOUT',
  'OPTOUTE',
]);
/** Scopes that say a Consent is clearly not about sharing: treatment, research, an advance directive. */
const OTHER_SCOPES = ['treatment', 'research', 'adr'];

type Codings = { coding?: { system?: unknown; code?: unknown }[] } | null | undefined;

const hasScope = (consent: Consent, code: string): boolean => {
  const codings = (consent.scope as Codings)?.coding;
  return (
    Array.isArray(codings) &&
    codings.some(
      (coding) =>
        (sameCodeSystem(coding?.system, CONSENT_SCOPE) || sameCodeSystem(coding?.system, STU3_CONSENT_SCOPE)) && coding.code === code,
    )
  );
};

/**
 * Whether a Consent is a sharing choice, exactly as the hub tells one (`isSharingChoice` there): scope
 * `patient-privacy` (in FHIR R4's system or STU3's), and not a permission for a carer. Other Consents on her record (a
 * treatment consent, an advance decision) are organisations' entries, not her choice.
 */
export function isSharingChoice(consent: Consent): boolean {
  return hasScope(consent, 'patient-privacy') && !isProxyConsent(consent);
}

/** Whether a provision, or one nested in it at any depth, permits or denies organisations. */
function namesOrganisations(provision: unknown): boolean {
  if (typeof provision !== 'object' || provision === null) return false;
  const { type, actor, provision: nested } = provision as { type?: unknown; actor?: unknown; provision?: unknown };
  const organisation = (entry: unknown) => {
    const reference = (entry as { reference?: { reference?: unknown; type?: unknown } } | null)?.reference;
    return (
      reference?.type === 'Organization' || (typeof reference?.reference === 'string' && /(^|\/)Organization\//.test(reference.reference))
    );
  };
  if ((type === 'permit' || type === 'deny') && Array.isArray(actor) && actor.some(organisation)) return true;
  return Array.isArray(nested) && nested.some(namesOrganisations);
}

/**
 * Whether a Consent is one the hub counts as a sharing choice it cannot read (`isUnreadableSharingChoice` there): not
 * a carer's permission, its scope missing, text only or not one it knows (and not treatment, research or an advance
 * directive), and its policy rule a consent directive (either system) or its provision permitting or denying
 * organisations. The hub withholds her record for it.
 */
export function isUnreadableSharingChoice(consent: Consent): boolean {
  if (isSharingChoice(consent) || isProxyConsent(consent)) return false;
  if (OTHER_SCOPES.some((code) => hasScope(consent, code))) return false;
  const codings = (consent.policyRule as Codings)?.coding;
  const directive =
    Array.isArray(codings) &&
    codings.some(
      (coding) =>
        (sameCodeSystem(coding?.system, ACT_CODE) || sameCodeSystem(coding?.system, STU3_ACT_CODE)) &&
        CONSENT_DIRECTIVES.has(String(coding.code)),
    );
  return directive || namesOrganisations(consent.provision);
}

function categoryOf(label: { system?: string | undefined; code?: string | undefined }): SharingCategoryKey | undefined {
  return CATEGORY_ORDER.find((key) => sameCodeSystem(label.system, categoryLabels[key].system) && categoryLabels[key].code === label.code);
}

type Provision = NonNullable<Consent['provision']>;

/**
 * A period as read (its start and end as written): undefined when it holds for ever (none, or no bound), `unreadable`
 * when the hub cannot read it (`periodHolds` there): not an object, or a bound that is not a date or a dateTime with a
 * zone.
 */
function readPeriod(period: unknown): SharingPeriod | undefined | 'unreadable' {
  if (period === undefined) return undefined;
  if (typeof period !== 'object' || period === null || Array.isArray(period)) return 'unreadable';
  const { start, end } = period as { start?: unknown; end?: unknown };
  const readable = (bound: unknown, side: 'start' | 'end') =>
    bound === undefined || (typeof bound === 'string' && sideOf(bound, new Date(0), side) !== undefined);
  if (!readable(start, 'start') || !readable(end, 'end')) return 'unreadable';
  if (start === undefined && end === undefined) return undefined;
  return { ...(typeof start === 'string' ? { start } : {}), ...(typeof end === 'string' ? { end } : {}) };
}

/** A period as a key: '' for ever (a period with neither start nor end is one for ever). */
const periodKey = (period: SharingPeriod | undefined): string =>
  period?.start || period?.end ? JSON.stringify([period.start ?? '', period.end ?? '']) : '';

/** What a deny names, when the SDK (as the hub) can read all of it; undefined for one it cannot. */
function readDeny(
  provision: Provision,
  naming: SharingActorNaming = {},
): { ids: string[]; categories: SharingCategoryKey[]; period: SharingPeriod | undefined } | undefined {
  if (typeof provision !== 'object' || provision === null || provision.type !== 'deny') return undefined;
  const [actors, labels]: unknown[] = [provision.actor ?? [], provision.securityLabel ?? []];
  if (!Array.isArray(actors) || !Array.isArray(labels)) return undefined;
  const actorIds = (actors as unknown[]).map((actor) => actorIdsOf(actor, naming));
  const labelled = (labels as (Provision['securityLabel'] & object)[number][]).map((label) => (label ? categoryOf(label) : undefined));
  const period = readPeriod(provision.period);
  if (period === 'unreadable') return undefined;
  // A rule that cannot be read in full is not shown in part (the hub does not apply it either).
  const categories = labelled.filter((category): category is SharingCategoryKey => category !== undefined);
  if (actorIds.includes(undefined) || categories.length !== labelled.length) return undefined;
  const ids = [...new Set((actorIds as string[][]).flat())];
  if (ids.length === 0 && categories.length === 0) return undefined;
  return { ids, categories, period };
}

/** Notes that `key` is denied for `period` (undefined: for ever), once for each period. */
function noteDenied<K>(denied: Map<K, (SharingPeriod | undefined)[]>, key: K, period: SharingPeriod | undefined): void {
  const periods = denied.get(key) ?? [];
  if (!periods.some((each) => periodKey(each) === periodKey(period))) periods.push(period);
  denied.set(key, periods);
}

/**
 * What the model says of something denied under `periods`: its periods (a `{}` for a deny for ever beside them) when
 * one has a period, the first of them, and its state now.
 */
function periodsPart(
  periods: (SharingPeriod | undefined)[] | undefined,
  now: Date,
): { period?: SharingPeriod; periods?: SharingPeriod[]; state?: SharingDenyState } {
  if (!periods) return {};
  const timed = periods.filter((period): period is SharingPeriod => period !== undefined);
  return {
    ...(timed[0] ? { period: timed[0], periods: periods.map((period) => period ?? {}) } : {}),
    state: combinedState(periods, now),
  };
}

/** The periods something not shared is denied for, as the model gives them (undefined: for ever). */
const periodsOfChoice = (item: {
  period?: SharingPeriod | undefined;
  periods?: SharingPeriod[] | undefined;
}): (SharingPeriod | undefined)[] =>
  item.periods?.length ? item.periods.map((period) => (periodKey(period) === '' ? undefined : period)) : [item.period];

/**
 * A name worth showing, as shown: without bidirectional controls (which would turn the text beside it round), not
 * blank, and not a placeholder standing in for one. Only for what is shown: a save sends back the Consent as read.
 */
const realName = (name: string | undefined): string | undefined => {
  const tidy = name === undefined ? undefined : displayText(name);
  return tidy && tidy !== NOT_KNOWN ? tidy : undefined;
};

/** An ODS code as recorded, trimmed (not blank): it is matched with the codes a Consent's denies name, as the hub does. */
const recordedCode = (code: string | undefined): string | undefined => code?.trim() || undefined;

/** What to call an organisation with no name: by its ODS code when known, else by the record's reference to it. */
const unnamedOrganisation = (id: string, odsCode: string | undefined): string =>
  odsCode
    ? `An organisation with code ${displayText(odsCode)}`
    : `An organisation whose name is not recorded (reference ${displayText(id)})`;

/**
 * Makes every label (name and kind, as shown) different from every other: two
 * organisations that would read the same get their ODS code, or else their
 * reference, added. A resident must never face two identical checkboxes.
 */
function distinguish(organisations: SharingOrganisation[]): void {
  const label = (organisation: SharingOrganisation) => `${organisation.name.toLowerCase()}|${organisation.kind?.toLowerCase() ?? ''}`;
  const counts = new Map<string, number>();
  for (const organisation of organisations) counts.set(label(organisation), (counts.get(label(organisation)) ?? 0) + 1);
  for (const organisation of organisations) {
    if ((counts.get(label(organisation)) ?? 0) < 2) continue;
    const code = organisation.odsCode === undefined ? undefined : displayText(organisation.odsCode);
    const byCode = code && !organisation.name.includes(code) ? `code ${code}` : undefined;
    organisation.name = `${organisation.name} (${byCode ?? `reference ${displayText(organisation.id)}`})`;
  }
}

/**
 * Says plainly when one ODS code stands for several organisations listed: a deny of the code (as the hub applies it)
 * stops every one of them, so each is named as one of them.
 */
function sayCodeHolders(organisations: SharingOrganisation[]): void {
  const holders = new Map<string, number>();
  const codeOf = (organisation: SharingOrganisation) => organisation.odsCode?.trim().toUpperCase();
  for (const organisation of organisations) {
    const code = codeOf(organisation);
    if (code) holders.set(code, (holders.get(code) ?? 0) + 1);
  }
  for (const organisation of organisations) {
    const code = codeOf(organisation);
    const count = code ? (holders.get(code) ?? 0) : 0;
    if (code && count > 1) organisation.name = `${organisation.name} (one of ${count} directory entries with code ${displayText(code)})`;
  }
}

/** A name as recorded, for a sentence: tidied, and cut at 80 characters. */
const recordedName = (name: unknown): string[] => {
  const tidy = typeof name === 'string' ? realName(name) : undefined;
  return tidy ? [tidy.length > 80 ? `${tidy.slice(0, 79)}…` : tidy] : [];
};

/**
 * What a part of a choice the service cannot apply says, as far as it can be told, in words: whom it stops by the names
 * recorded for them (an organisation named only by its display), and which kinds of information it keeps.
 */
function notAppliedWords(provision: unknown): string {
  const part = (typeof provision === 'object' && provision !== null ? provision : {}) as {
    type?: unknown;
    actor?: unknown;
    securityLabel?: unknown;
  };
  const actors: unknown[] = Array.isArray(part.actor) ? part.actor : [];
  const labels: unknown[] = Array.isArray(part.securityLabel) ? part.securityLabel : [];
  const names = actors.flatMap((actor) => recordedName((actor as { reference?: { display?: unknown } } | null)?.reference?.display));
  const kinds = labels.flatMap((label) => {
    const key = label && typeof label === 'object' ? categoryOf(label as { system?: string; code?: string }) : undefined;
    return key ? [`${categoryWords[key].label.toLowerCase()} information`] : [];
  });
  if (part.type !== 'deny' || (names.length === 0 && kinds.length === 0))
    return 'A part of your choice whose meaning this service cannot read';
  if (names.length === 0) return `Keeping ${inWords(kinds)} with the service that recorded it`;
  return kinds.length === 0 ? `Not sharing your record with ${inWords(names)}` : `Keeping ${inWords(kinds)} from ${inWords(names)}`;
}

/**
 * The choices a Consent records, for the organisations caring for the
 * resident (`organisations`: id → name and kind). Organisations the Consent
 * names but the list does not are added, so that no choice is hidden.
 * No Consent means everything is shared. `now` gives each deny's state (in force, ended, starting later).
 */
export function sharingChoicesFrom(
  consent: Consent | undefined,
  organisations: ReadonlyMap<string, SharingDirectoryEntry>,
  options: { now?: Date; hubBase?: string | undefined } = {},
): SharingChoices {
  const now = options.now ?? new Date();
  const naming = namingOf(organisations, options.hubBase);
  const deniedOrganisations = new Map<string, (SharingPeriod | undefined)[]>();
  const deniedCategories = new Map<SharingCategoryKey, (SharingPeriod | undefined)[]>([['sexual-health', [undefined]]]);
  const exceptions: SharingException[] = [];
  const names = new Map<string, string>();
  const reading = consent?.status === 'active' ? sharingChoiceReading(consent, now, naming) : undefined;
  const declinedToAll = reading?.declinedToAll;
  // An opt-out not in force applies nothing, its denies neither: everything is shared, as with no choice.
  const active =
    consent?.status === 'active' && reading?.optOut === undefined && (declinedToAll === undefined || declinedToAll === 'not-readable');
  const nested: unknown = active ? consent.provision?.provision : undefined;
  const recorded = Array.isArray(nested) ? (nested as Provision[]) : [];
  let notShown = 0;
  const notApplied: string[] = [];
  for (const provision of recorded) {
    const deny = readDeny(provision, naming);
    if (!deny) {
      notShown += 1;
      notApplied.push(notAppliedWords(provision));
      continue;
    }
    const { ids, categories, period } = deny;
    for (const actor of provision.actor ?? []) {
      const display = realName(actor.reference?.display);
      // A display names the one entry an actor names, not each of several holding its code.
      const [id, ...more] = actorIdsOf(actor, naming) ?? [];
      if (id && more.length === 0 && display) names.set(id, display);
    }
    if (categories.length === 0) for (const id of ids) noteDenied(deniedOrganisations, id, period);
    else if (ids.length === 0) for (const category of categories) noteDenied(deniedCategories, category, period);
    else
      for (const id of ids)
        for (const category of categories)
          exceptions.push({
            organisationId: id,
            organisationName: '',
            category,
            shared: false,
            ...(period ? { period } : {}),
            state: sharingPeriodState(period, now),
          });
  }
  const all = new Map(organisations);
  for (const id of [...deniedOrganisations.keys(), ...exceptions.map((exception) => exception.organisationId)])
    if (!all.has(id)) all.set(id, unheldOdsCode(id) ? { odsCode: unheldOdsCode(id) } : {});
  const listed: SharingOrganisation[] = [...all].map(([id, entry]) => {
    const odsCode = recordedCode(entry.odsCode);
    const kind = realName(entry.kind);
    return {
      id,
      name: realName(entry.name) ?? names.get(id) ?? unnamedOrganisation(id, odsCode),
      ...(odsCode ? { odsCode } : {}),
      ...(kind ? { kind } : {}),
      shared: !deniedOrganisations.has(id),
      ...periodsPart(deniedOrganisations.get(id), now),
    };
  });
  distinguish(listed);
  sayCodeHolders(listed);
  const byId = new Map(listed.map((organisation) => [organisation.id, organisation]));
  for (const exception of exceptions) {
    const organisation = byId.get(exception.organisationId);
    exception.organisationName = organisation ? organisation.name : unnamedOrganisation(exception.organisationId, undefined);
  }
  return {
    // Organisations named only in an exception are listed there, not as a choice of their own (as before).
    organisations: listed
      .filter((organisation) => organisations.has(organisation.id) || deniedOrganisations.has(organisation.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id.localeCompare(b.id)),
    categories: CATEGORY_ORDER.map((key) => ({
      key,
      ...categoryWords[key],
      shared: !deniedCategories.has(key),
      ...(categoryWords[key].changeable ? periodsPart(deniedCategories.get(key), now) : {}),
    })),
    exceptions,
    ...(recorded.length > 0 ? { recorded: structuredClone(recorded) } : {}),
    ...(notShown > 0 ? { notShown, notApplied } : {}),
    ...(declinedToAll ? { declinedToAll } : {}),
    ...(reading?.agreement ? { agreement: reading.agreement } : {}),
    ...(reading?.optOut ? { optOut: reading.optOut } : {}),
    ...(consent ? { asRecorded: structuredClone(consent) } : {}),
    ...(options.hubBase ? { hubBase: options.hubBase } : {}),
  };
}

/**
 * What a policy rule says, as the hub reads it: `OPTIN` or `OPTOUT` when every coding (one at least) is that
 * v3-ActCode; none stated; or anything else (both, another code, no coding), which is read as neither.
 */
function policyOf(rule: unknown): 'opt-in' | 'opt-out' | 'unstated' | 'unknown' {
  if (rule === undefined) return 'unstated';
  const codings = (rule as { coding?: unknown } | null)?.coding;
  const says = (code: string) =>
    Array.isArray(codings) &&
    codings.length > 0 &&
    codings.every(
      (coding: { system?: unknown; code?: unknown } | null) => sameCodeSystem(coding?.system, ACT_CODE) && coding?.code === code,
    );
  return says('OPTIN') ? 'opt-in' : says('OPTOUT') ? 'opt-out' : 'unknown';
}

/** The keys of a top-level permit that would narrow whom or what it shares with: the hub applies none of them. */
const NARROWING_KEYS = ['actor', 'securityLabel', 'class', 'code', 'data', 'action', 'dataPeriod'];

/**
 * What an active sharing choice means at `now`, read exactly as the hub applies it (`readChoice` there). An `OPTOUT`
 * (or a top-level deny under no rule) is `opted-out` inside its own `provision.period`; outside it, it applies nothing
 * (`optOut` says when it ended or starts). An opt-in (`OPTIN` alone, or no rule over a top-level permit) applies its
 * nested denies inside its own period; outside it, it is `not-in-force` (`agreement` says when it ended or starts).
 * `dateTime` is when the choice was recorded, not when it starts: it decides nothing, though one the hub cannot read
 * withholds an opt-in. Anything the hub cannot read in full (another rule, a permit narrowed to some, neither rule nor
 * provision, a nested part that is not a deny it applies, a period it cannot read) is `not-readable`: the hub withholds
 * the record rather than share it. No `declinedToAll`: what it says applies.
 */
export function sharingChoiceReading(
  consent: Consent,
  now: Date = new Date(),
  naming: SharingActorNaming = {},
): { declinedToAll?: SharingDeclined; agreement?: SharingDenyState; optOut?: SharingDenyState } {
  // One whose scope the hub cannot tell is a choice it cannot read, whatever it says.
  if (isUnreadableSharingChoice(consent)) return { declinedToAll: 'not-readable' };
  const policy = policyOf(consent.policyRule);
  const top = consent.provision as (Provision & Record<string, unknown>) | undefined;
  const period = readPeriod(typeof top === 'object' && top !== null ? top.period : undefined);
  const state = period === 'unreadable' ? undefined : sharingPeriodState(period, now);
  const outside = state?.kind === 'ended' || state?.kind === 'starts' ? state : undefined;
  if (policy === 'opt-out' || (policy === 'unstated' && top?.type === 'deny')) {
    if (state === undefined) return { declinedToAll: 'not-readable' };
    return outside ? { optOut: outside } : { declinedToAll: 'opted-out' };
  }
  if (policy === 'unknown') return { declinedToAll: 'not-readable' };
  const dateTime: unknown = consent.dateTime;
  if (dateTime !== undefined && readPeriod({ start: dateTime }) === 'unreadable') return { declinedToAll: 'not-readable' };
  if (top === undefined && policy === 'unstated') return { declinedToAll: 'not-readable' };
  if (top !== undefined) {
    if (typeof top !== 'object' || top === null || top.type !== 'permit') return { declinedToAll: 'not-readable' };
    if (NARROWING_KEYS.some((key) => top[key] !== undefined)) return { declinedToAll: 'not-readable' };
  }
  const nested: unknown = top?.provision ?? [];
  if (state === undefined || !Array.isArray(nested)) return { declinedToAll: 'not-readable' };
  if (nested.some((part: unknown) => readDeny(part as Provision, naming) === undefined)) return { declinedToAll: 'not-readable' };
  // Her agreement holds only for its own period: outside it, nothing is shared.
  return outside ? { declinedToAll: 'not-in-force', agreement: outside } : {};
}

/**
 * Of her active sharing choices — however many there are: her save, her practice's, an import's — the one that decides
 * what the hub applies to them together (`sharingRules` there, docs/access-policy.md R7), for the screen to show and
 * change: an `OPTOUT` in force; else one the hub cannot read; else an opt-in in force; else, when she has opt-ins and
 * none of them is in force, one of those (her agreement to share is not in force); else an opt-out not in force (her
 * record shared as with no choice). The first of its kind as given (latest first, as `loadSharing` asks for them). A
 * choice not in force applies nothing beside one in force: an ended opt-in does not hide the one that shares.
 */
export function decidingSharingChoice(
  consents: readonly Consent[],
  now: Date = new Date(),
  naming: SharingActorNaming = {},
): Consent | undefined {
  const choices = consents.filter(
    (consent) => consent.status === 'active' && (isSharingChoice(consent) || isUnreadableSharingChoice(consent)),
  );
  const read = choices.map((consent) => ({ consent, reading: sharingChoiceReading(consent, now, naming) }));
  const firstWhere = (test: (reading: ReturnType<typeof sharingChoiceReading>) => boolean) =>
    read.find(({ reading }) => test(reading))?.consent;
  return (
    firstWhere((reading) => reading.declinedToAll === 'opted-out') ??
    firstWhere((reading) => reading.declinedToAll === 'not-readable') ??
    firstWhere((reading) => reading.declinedToAll === undefined && reading.optOut === undefined) ??
    firstWhere((reading) => reading.declinedToAll === 'not-in-force') ??
    choices[0]
  );
}

/** Why a choice that refuses her record to everyone cannot be saved from here, in words. */
const DECLINED_WORDS: Record<SharingDeclined, string> = {
  'opted-out':
    'You chose not to share your record with any organisation, and it is recorded that way. To share it again, or to choose organisation by organisation, ask your GP practice.',
  'not-readable':
    'Your sharing choice was recorded by your GP practice in a way this service cannot apply, so your record is not being shared with any organisation, and it cannot be changed here. Ask your practice to change it.',
  'not-in-force':
    'Your record is not being shared with any organisation now. This cannot be changed here: to share it again, ask your GP practice.',
};

const OPT_OUT_OUTSIDE_WORDS =
  'Your choice not to share your record with any organisation was recorded for a period, so it cannot be changed here. To change it, or to choose organisation by organisation, ask your GP practice.';

/** One thing a deny keeps: an organisation, a category, or a category from an organisation, for a period. */
const organisationTerm = (id: string, period: SharingPeriod | undefined) => JSON.stringify(['organisation', id, periodKey(period)]);
const categoryTerm = (key: SharingCategoryKey, period: SharingPeriod | undefined) => JSON.stringify(['category', key, periodKey(period)]);
const exceptionTerm = (id: string, key: SharingCategoryKey, period: SharingPeriod | undefined) =>
  JSON.stringify(['exception', id, key, periodKey(period)]);

/** Everything these choices keep, each once. */
function wantedTerms(choices: SharingChoices): Set<string> {
  const terms = new Set<string>();
  for (const organisation of choices.organisations)
    if (!organisation.shared) for (const period of periodsOfChoice(organisation)) terms.add(organisationTerm(organisation.id, period));
  for (const category of choices.categories)
    if (!category.shared && category.changeable)
      for (const period of periodsOfChoice(category)) terms.add(categoryTerm(category.key, period));
  for (const exception of choices.exceptions)
    if (!exception.shared)
      for (const period of periodsOfChoice(exception)) terms.add(exceptionTerm(exception.organisationId, exception.category, period));
  return terms;
}

/**
 * The Consent that records these choices for this resident. Pass the Consent
 * being changed to keep its id (for `PUT`); without it the result is new (for
 * `POST`). Sexual health is not written: it is always kept private anyway.
 *
 * Each deny read (`choices.recorded`) that still keeps all it kept is sent back word for word; one that keeps only part
 * of it now is sent back with only that part named, as written otherwise (its period, its wording); what is kept anew
 * is added, one deny for each period.
 */
export function sharingConsent(patientId: string, choices: SharingChoices, existing?: Pick<Consent, 'id'>): Consent {
  return choiceConsent(patientId, choices, existing, { written: new Set(), anew: true });
}

/**
 * `sharingConsent`, for one of several choices written together: `written` holds what the choices written before it
 * keep (added to as it goes), so that what one keeps is not written again; with `anew` false, it keeps only what its
 * own denies kept (less what she shared), adding nothing.
 */
function choiceConsent(
  patientId: string,
  choices: SharingChoices,
  existing: Pick<Consent, 'id'> | undefined,
  options: { written: Set<string>; anew: boolean },
): Consent {
  const actor = (id: string) => ({
    role: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
    reference: { reference: `Organization/${id}` },
  });
  const wanted = wantedTerms(choices);
  const written = options.written;
  const exceptions: Provision[] = [];
  for (const provision of choices.recorded ?? []) {
    const deny = readDeny(provision, choicesNaming(choices));
    // A part not read in full is not hers to drop: sent back as it was (the hub says if it cannot keep it).
    if (!deny) {
      exceptions.push(structuredClone(provision));
      continue;
    }
    const { ids, categories, period } = deny;
    const actors = provision.actor ?? [];
    const labels = provision.securityLabel ?? [];
    if (categories.length === 0 || ids.length === 0) {
      // Each actor (or label) kept as written, in its place, while what it names is kept.
      const terms =
        categories.length === 0 ? ids.map((id) => organisationTerm(id, period)) : categories.map((key) => categoryTerm(key, period));
      const keep = terms.map((term) => wanted.has(term));
      for (const term of terms) if (wanted.has(term)) written.add(term);
      if (keep.every(Boolean)) exceptions.push(structuredClone(provision));
      else if (keep.some(Boolean))
        exceptions.push(
          categories.length === 0
            ? { ...structuredClone(provision), actor: actors.filter((_, index) => keep[index]).map((each) => structuredClone(each)) }
            : {
                ...structuredClone(provision),
                securityLabel: labels.filter((_, index) => keep[index]).map((each) => structuredClone(each)),
              },
        );
      continue;
    }
    const pairs = ids.flatMap((id, a) =>
      categories.map((key, l) => ({ actor: actors[a], label: labels[l], term: exceptionTerm(id, key, period) })),
    );
    const kept = pairs.filter((pair) => wanted.has(pair.term));
    for (const pair of kept) written.add(pair.term);
    if (kept.length === pairs.length) exceptions.push(structuredClone(provision));
    else
      for (const pair of kept)
        exceptions.push({
          ...structuredClone(provision),
          actor: pair.actor ? [structuredClone(pair.actor)] : [],
          securityLabel: pair.label ? [structuredClone(pair.label)] : [],
        });
  }
  // What is kept anew: one deny for each period (for ever first).
  const byPeriod = <T>(items: [T, SharingPeriod | undefined][]): [SharingPeriod | undefined, T[]][] => {
    const groups = new Map<string, [SharingPeriod | undefined, T[]]>();
    for (const [item, period] of items) {
      const key = periodKey(period);
      const group = groups.get(key) ?? [key === '' ? undefined : period, []];
      group[1].push(item);
      groups.set(key, group);
    }
    return [...groups].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0)).map(([, group]) => group);
  };
  const during = (period: SharingPeriod | undefined) => (period ? { period: { ...period } } : {});
  const anew = <T>(items: [T, SharingPeriod | undefined, string][]): [T, SharingPeriod | undefined][] => {
    const left: [T, SharingPeriod | undefined][] = [];
    for (const [item, period, term] of items) {
      if (!options.anew || written.has(term)) continue;
      written.add(term);
      left.push([item, period]);
    }
    return left;
  };
  const excluded = anew(
    choices.organisations
      .filter((organisation) => !organisation.shared)
      .flatMap((organisation) =>
        periodsOfChoice(organisation).map(
          (period) => [organisation.id, period, organisationTerm(organisation.id, period)] as [string, SharingPeriod | undefined, string],
        ),
      ),
  );
  for (const [period, group] of byPeriod(excluded)) exceptions.push({ type: 'deny', actor: group.map(actor), ...during(period) });
  const kept = anew(
    choices.categories
      .filter((category) => !category.shared && category.changeable)
      .flatMap((category) =>
        periodsOfChoice(category).map(
          (period) => [category.key, period, categoryTerm(category.key, period)] as [SharingCategoryKey, SharingPeriod | undefined, string],
        ),
      ),
  );
  for (const [period, group] of byPeriod(kept))
    exceptions.push({ type: 'deny', securityLabel: group.map((key) => ({ ...categoryLabels[key] })), ...during(period) });
  for (const exception of choices.exceptions)
    for (const period of exception.shared ? [] : periodsOfChoice(exception)) {
      const term = exceptionTerm(exception.organisationId, exception.category, period);
      if (!options.anew || written.has(term)) continue;
      written.add(term);
      exceptions.push({
        type: 'deny',
        actor: [actor(exception.organisationId)],
        securityLabel: [{ ...categoryLabels[exception.category] }],
        ...during(period),
      });
    }
  const fresh: Consent = {
    resourceType: 'Consent',
    ...(existing?.id ? { id: existing.id } : {}),
    status: 'active',
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy', display: 'Privacy Consent' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] }],
    patient: { reference: `Patient/${patientId}` },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN', display: 'opt-in' }] },
    provision: {
      type: 'permit',
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT', display: 'treatment' }],
    },
  };
  const nested = exceptions.length > 0 ? { provision: exceptions } : {};
  if (!choices.asRecorded) return { ...fresh, provision: { ...fresh.provision, type: 'permit', ...nested } };
  // The choice as read, but for its denies: what she did not change is sent back as recorded (its own period and date,
  // performer, organisation, verification, sources, identifiers, extensions, words); the hub keeps its own meta.
  const { meta: _meta, id: _id, provision: recordedTop, ...recorded } = structuredClone(choices.asRecorded);
  const { provision: _denies, ...permit } = recordedTop ?? fresh.provision ?? {};
  return {
    ...recorded,
    resourceType: 'Consent',
    ...(existing?.id ? { id: existing.id } : {}),
    status: 'active',
    scope: recorded.scope,
    category: recorded.category?.length ? recorded.category : fresh.category,
    patient: { reference: `Patient/${patientId}` },
    provision: { ...permit, type: 'permit', ...nested },
  };
}

/**
 * A save over several choices in force (one `PUT` each; the hub has no transaction) that was saved in part: some of
 * her changes stand and some do not. `saved` and `notSaved` say which, in words, as the hub holds them after the
 * failure; `known` is false when the hub could not be read back, so which stand is not known. Reload and show what
 * stands. Its message holds none of her choices.
 */
export class SharingPartlySavedError extends Error {
  override readonly name = 'SharingPartlySavedError';
  readonly known: boolean;
  readonly saved: readonly string[];
  readonly notSaved: readonly string[];
  constructor(parts: { known: boolean; saved: string[]; notSaved: string[]; cause: unknown }) {
    super('Some sharing changes were saved and some were not', { cause: parts.cause });
    this.known = parts.known;
    this.saved = parts.saved;
    this.notSaved = parts.notSaved;
  }
}

/**
 * Whether a save failed because the choices changed elsewhere since they were read (reload, then ask again): nothing
 * of it was saved. Not when an earlier attempt's answer was lost (`mayHaveBeenSaved`): that one may stand.
 */
export function isSharingConflict(error: unknown): boolean {
  return error instanceof HubError && (error.status === 412 || error.status === 409) && error.mayHaveBeenSaved !== true;
}

const etagOf = (consent: Consent | undefined) => (consent?.meta?.versionId ? `W/"${consent.meta.versionId}"` : undefined);

/** What is known of each organisation, by id: its name, kind and ODS code, whichever it gives. */
function organisationDirectory(organisations: Iterable<Organization>): Map<string, SharingDirectoryEntry> {
  const directory = new Map<string, SharingDirectoryEntry>();
  for (const organisation of organisations) {
    if (!organisation.id) continue;
    const type = organisation.type?.[0];
    const kind = realName(type?.text) ?? realName(type?.coding?.find((coding) => realName(coding.display))?.display);
    const odsCode = recordedCode(organisation.identifier?.find((identifier) => identifier.system === ODS_SYSTEM)?.value);
    directory.set(organisation.id, {
      ...(realName(organisation.name) ? { name: realName(organisation.name) } : {}),
      ...(kind ? { kind } : {}),
      ...(odsCode ? { odsCode } : {}),
    });
  }
  return directory;
}

/** Her active Consents, latest first, as the hub reads her choices (`sharingRules`). */
const consentQuery = (patientId: string) => ({ patient: patientId, status: ['active' as const], _sort: '-_lastUpdated' as const });

/**
 * Pages of her Consents read at most (2,000 at the hub's 50 a page): past that, her choices are not read in part — an
 * error, never "no choice".
 */
const MAX_CONSENT_PAGES = 40;

/**
 * Every one of her active Consents, as the hub reads them all: carers' permissions, advance decisions and treatment
 * consents pile up, and her choice may be on any page. `first` is the search's first page: when it says there are more
 * (`link[next]`), the search is read again page by page (one walk, so no Consent is missed or counted twice). A page
 * that fails fails the whole.
 */
async function everyConsent(hub: HubClient, patientId: string, first: Bundle, call: { signal?: AbortSignal }): Promise<Consent[]> {
  const consentsOf = (page: Bundle) =>
    (page.entry ?? [])
      .map((entry) => entry.resource as Consent | { resourceType?: unknown } | undefined)
      .filter((resource): resource is Consent => resource?.resourceType === 'Consent');
  if (!(first.link ?? []).some((link) => link.relation === 'next')) return consentsOf(first);
  const consents: Consent[] = [];
  let pages = 0;
  for await (const page of hub.pages('/Consent', { query: consentQuery(patientId), ...call })) {
    pages += 1;
    if (pages > MAX_CONSENT_PAGES) throw new HubError({ kind: 'invalid-response', operation: 'GET /Consent', requestId: 'not-sent' });
    consents.push(...consentsOf(page));
  }
  return consents;
}

/** A search of one part of her record, by which the organisations caring for her are found. */
const careQuery = (patientId: string) => ({ patient: patientId, _count: 500 });

/** The parts of her record the organisations caring for her are found from, in the order read, in her words. */
const CARE_PARTS = [
  { path: '/EpisodeOfCare', words: 'the services managing your care' },
  { path: '/Encounter', words: 'your visits and appointments' },
  { path: '/Condition', words: 'your health conditions' },
  { path: '/CarePlan', words: 'your care plans' },
] as const;

/** Pages of each part read at most (10,000 items at 500 a page): past that, the list is told as it may be incomplete. */
const MAX_CARE_PAGES = 20;

/**
 * Reads the resident's sharing choice and the organisations caring for them:
 * those that recorded anything in the record's main parts, their registered
 * practice, the services managing their care, and any the choice names. Two
 * round trips (one batch for the record, one for the organisations), and the
 * further pages of any part that has more. A part that fails or answers in part
 * does not fail the screen: the list is told as it may be incomplete
 * (`organisationsIncomplete`).
 */
export async function loadSharing(hub: HubClient, patientId: string, options: { signal?: AbortSignal } = {}): Promise<SharingViewModel> {
  const call = options.signal ? { signal: options.signal } : {};
  const [consents, patient, ...found] = await hub.batch(
    [
      batchRead('/Consent', { query: consentQuery(patientId) }),
      batchRead('/Patient/{id}', { path: { id: patientId } }),
      batchRead('/EpisodeOfCare', { query: careQuery(patientId) }),
      batchRead('/Encounter', { query: careQuery(patientId) }),
      batchRead('/Condition', { query: careQuery(patientId) }),
      batchRead('/CarePlan', { query: careQuery(patientId) }),
    ],
    call,
  );
  for (const result of [consents, patient]) if (!result.ok) throw result.error;
  // Her sharing choices, told as the hub tells one (not a carer's permission, a treatment consent, an advance decision),
  // and of several the one that decides what the hub applies.
  const naming = { hubBase: hub.baseUrl };
  const { consent, others } = appliedChoices(
    consents.ok ? await everyConsent(hub, patientId, consents.resource, call) : [],
    new Date(),
    naming,
  );

  const ids = new Set<string>();
  const odsCodes = new Set<string>();
  const note = (reference: string | undefined) => {
    const id = organisationIdOf(reference);
    if (id) ids.add(id);
  };
  if (patient.ok) for (const practice of patient.resource.generalPractitioner ?? []) note(practice.reference);
  // Each part of her record the organisations are found from, every page of it: a part that failed, or answered in
  // part, leaves the list incomplete, said so (which part), never an organisation left out in silence.
  const parts = new Set<string>();
  const partNotices: RecordNotices[] = [];
  for (const [position, { path, words }] of CARE_PARTS.entries()) {
    const result = found[position];
    if (!result?.ok) {
      parts.add(words);
      continue;
    }
    let pages: Bundle[] = [result.resource as Bundle];
    let truncated = false;
    try {
      const walked = await everyPage(hub, path, careQuery(patientId), result.resource as Bundle, { ...call, maxPages: MAX_CARE_PAGES });
      ({ pages, truncated } = walked);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      parts.add(words);
    }
    const notices = { ...readNotices(pages), ...(truncated ? { truncated } : {}) };
    if (isPartialAnswer(notices)) {
      parts.add(words);
      partNotices.push(notices);
    }
    for (const page of pages)
      for (const entry of page.entry ?? []) {
        const resource = entry.resource as
          | { meta?: { source?: string }; managingOrganization?: { reference?: string }; serviceProvider?: { reference?: string } }
          | undefined;
        const ods = /\/source\/([A-Z0-9]+)$/.exec(resource?.meta?.source ?? '')?.[1];
        if (ods) odsCodes.add(ods);
        note(resource?.managingOrganization?.reference);
        note(resource?.serviceProvider?.reference);
      }
  }
  // The organisations her denies name: by this hub's reference in any form, or by ODS code.
  const noteActor = (actor: unknown) => {
    for (const id of actorIdsOf(actor, { hubBase: naming.hubBase }) ?? []) if (unheldOdsCode(id) === undefined) ids.add(id);
    const code = actorOdsCode((actor as { reference?: { identifier?: unknown } } | null)?.reference?.identifier);
    if (typeof code === 'string') odsCodes.add(code);
  };
  for (const choice of [consent, ...others])
    for (const provision of nestedOf(choice)) for (const actor of provision.actor ?? []) noteActor(actor);

  const byOds = [...odsCodes].map((code) => batchRead('/Organization', { query: { identifier: `${ODS_SYSTEM}|${code}` } }));
  const byId = [...ids].map((id) => batchRead('/Organization/{id}', { path: { id } }));
  const organisations: Organization[] = [];
  if (byOds.length + byId.length > 0) {
    const results = await hub.batch([...byOds, ...byId], call);
    for (const [position, result] of results.entries()) {
      // A look-up that failed is an error, not "no such organisation": shown so, a deny by code would read as one the
      // directory does not hold, or an organisation as unnamed. Only an entry read by id and gone (404, 410) is none.
      if (!result.ok) {
        const gone = position >= byOds.length && [404, 410].includes(result.error.status ?? 0);
        if (gone) continue;
        throw result.error;
      }
      const resource = result.resource as Organization | { resourceType: 'Bundle'; entry?: { resource?: unknown }[] };
      if (resource.resourceType === 'Organization') organisations.push(resource);
      else
        for (const entry of resource.entry ?? [])
          if ((entry.resource as Organization | undefined)?.resourceType === 'Organization')
            organisations.push(entry.resource as Organization);
    }
  }
  return {
    patientId,
    consentId: consent?.id,
    etag: etagOf(consent),
    choices: appliedChoicesFrom(consent, others, organisationDirectory(organisations), new Date(), naming.hubBase),
    ...alsoAppliedPart(others),
    ...(parts.size > 0 ? { organisationsIncomplete: { parts: [...parts], notices: mergeNotices(...partNotices) } } : {}),
  };
}

/** The denies nested in a choice's provision, as recorded (none when it has none, or not as a list). */
function nestedOf(consent: Consent | undefined): Provision[] {
  const nested: unknown = consent?.provision?.provision;
  return Array.isArray(nested) ? (nested as Provision[]) : [];
}

/**
 * Of her active Consents, the choice that decides what the hub applies (`decidingSharingChoice`) and, when it is an
 * opt-in in force, her other opt-ins in force: the hub applies all their denies together (R7).
 */
function appliedChoices(
  consents: readonly Consent[],
  now: Date = new Date(),
  naming: SharingActorNaming = {},
): { consent: Consent | undefined; others: Consent[] } {
  const consent = decidingSharingChoice(consents, now, naming);
  const inForce = (each: Consent) => {
    const reading = sharingChoiceReading(each, now, naming);
    return reading.declinedToAll === undefined && reading.optOut === undefined;
  };
  if (!consent?.id || !inForce(consent)) return { consent, others: [] };
  const others = consents.filter(
    (each) => each !== consent && each.id && each.id !== consent.id && each.status === 'active' && isSharingChoice(each) && inForce(each),
  );
  return { consent, others };
}

/**
 * What her choices in force keep together, as the hub applies them: the deciding choice's own reading, with the denies
 * of the others beside its own. Its `recorded` and `asRecorded` stay its own (a save writes each choice apart).
 */
function appliedChoicesFrom(
  consent: Consent | undefined,
  others: readonly Consent[],
  directory: ReadonlyMap<string, SharingDirectoryEntry>,
  now: Date = new Date(),
  hubBase?: string,
): SharingChoices {
  if (!consent || others.length === 0) return sharingChoicesFrom(consent, directory, { now, hubBase });
  const own = nestedOf(consent);
  const together: Consent = {
    ...consent,
    provision: { ...consent.provision, type: 'permit', provision: [...own, ...others.flatMap(nestedOf)] },
  };
  const { recorded: _all, ...choices } = sharingChoicesFrom(together, directory, { now, hubBase });
  return {
    ...choices,
    ...(own.length > 0 ? { recorded: structuredClone(own) } : {}),
    asRecorded: structuredClone(consent),
    inForce: 1 + others.length,
  };
}

const alsoAppliedPart = (others: readonly Consent[]): { alsoApplied?: SharingAppliedChoice[] } =>
  others.length === 0
    ? {}
    : {
        alsoApplied: others.map((each) => ({
          consentId: each.id ?? '',
          ...(etagOf(each) ? { etag: etagOf(each) } : {}),
          consent: structuredClone(each),
        })),
      };

/** What a set of choices keeps from whom, in a form two sets can be compared by. */
function choicesTerms(choices: SharingChoices): string {
  return JSON.stringify([...wantedTerms(choices)].sort());
}

/** `A`, `A and B`, `A, B and C`. */
const inWords = (items: string[]): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;

/** Why a choice that is not an opt-in with exceptions cannot be changed here (`SharingChoices.declinedToAll`), in words. */
export function sharingDeclinedWords(declined: SharingDeclined): string {
  return DECLINED_WORDS[declined];
}

/**
 * When a period ends, in words after `until` or after `ended`: a day as `until 30 June 2027` / `on 30 June 2027`; a
 * month or a year holds to its last day, so `until the end of July 2026` / `at the end of July 2026`.
 */
export function sharingEndWords(end: string, after: 'until' | 'ended'): string {
  const date = formatResidentDate(end);
  if (!/^\d{4}(-\d{2})?$/.test(end)) return after === 'until' ? `until ${date}` : `on ${date}`;
  return after === 'until' ? `until the end of ${date}` : `at the end of ${date}`;
}

/** A period in words: `until 30 June 2027`, `from 5 January 2026`, `from July 2026 until the end of 2027`. */
export function sharingPeriodWords(period: SharingPeriod): string {
  const from = period.start ? `from ${formatResidentDate(period.start)}` : '';
  const until = period.end ? sharingEndWords(period.end, 'until') : '';
  return [from, until].filter(Boolean).join(' ');
}

/**
 * Why a save that cuts part of a deny for a period was refused, in words, when it does: the hub takes a deny for a
 * period only as the practice recorded it, so sharing back one organisation (or kind of information) of several it
 * names cannot be saved here. Undefined when the save cuts no such deny.
 */
function cutPeriodWords(choices: SharingChoices, recorded: readonly Provision[]): string | undefined {
  const wanted = wantedTerms(choices);
  const names = new Map(choices.organisations.map((organisation) => [organisation.id, organisation.name]));
  const exceptionNames = new Map(choices.exceptions.map((exception) => [exception.organisationId, exception.organisationName]));
  const nameOf = (id: string) => names.get(id) ?? exceptionNames.get(id) ?? unnamedOrganisation(id, undefined);
  const information = (key: SharingCategoryKey) => `${categoryWords[key].label.toLowerCase()} information`;
  for (const provision of recorded) {
    const deny = readDeny(provision, choicesNaming(choices));
    if (!deny?.period) continue;
    const { ids, categories, period } = deny;
    const terms =
      categories.length === 0
        ? ids.map((id) => organisationTerm(id, period))
        : ids.length === 0
          ? categories.map((key) => categoryTerm(key, period))
          : ids.flatMap((id) => categories.map((key) => exceptionTerm(id, key, period)));
    const kept = terms.filter((term) => wanted.has(term)).length;
    if (kept === 0 || kept === terms.length) continue;
    const what =
      categories.length === 0
        ? `stopped sharing your record with ${inWords(ids.map(nameOf))}`
        : ids.length === 0
          ? `kept ${inWords(categories.map(information))} with the service that recorded it`
          : `kept ${inWords(categories.map(information))} from ${inWords(ids.map(nameOf))}`;
    const advice = 'This service can only keep it or end it as a whole. To change part of it, ask your GP practice.';
    const full = `Your GP practice ${what} ${sharingPeriodWords(period)}, as one choice. ${advice}`;
    return full.length <= 300 ? full : `Your GP practice made one choice for all of these ${sharingPeriodWords(period)}. ${advice}`;
  }
  return undefined;
}

/** The resident's sharing choice as the server holds it now (undefined when they have none), and others applied beside it. */
async function currentSharingChoice(
  hub: HubClient,
  patientId: string,
  call: { signal?: AbortSignal },
): Promise<{ consent: Consent | undefined; others: Consent[] }> {
  const found = await hub.get('/Consent', { query: consentQuery(patientId), ...call });
  return appliedChoices(await everyConsent(hub, patientId, found, call), new Date(), { hubBase: hub.baseUrl });
}

/** The stored choices as a model, when together they record exactly these choices. */
function asSaved(
  model: SharingViewModel,
  choices: SharingChoices,
  current: { consent: Consent | undefined; others: Consent[] } | undefined,
): SharingViewModel | undefined {
  const stored = current?.consent;
  if (!current || !stored?.id) return undefined;
  const directory = new Map(
    choices.organisations.map((organisation) => [organisation.id, { name: organisation.name, odsCode: organisation.odsCode }]),
  );
  const read = appliedChoicesFrom(stored, current.others, directory, new Date(), choices.hubBase);
  // Not saved if what is stored now refuses her record to all, or holds a part not shown, where these choices do not.
  if (read.declinedToAll !== choices.declinedToAll || (read.notShown ?? 0) !== (choices.notShown ?? 0)) return undefined;
  if ((read.optOut === undefined) !== (choices.optOut === undefined)) return undefined;
  if (choicesTerms(read) !== choicesTerms(choices)) return undefined;
  return {
    patientId: model.patientId,
    consentId: stored.id,
    etag: etagOf(stored),
    choices,
    ...alsoAppliedPart(current.others),
    // The list as read stays as incomplete as it was: a save reads her choices, not the organisations again.
    ...(model.organisationsIncomplete ? { organisationsIncomplete: model.organisationsIncomplete } : {}),
  };
}

/** Whether the choices in force now are the very ones (and versions) this model was read with. */
function sameVersions(model: SharingViewModel, current: { consent: Consent | undefined; others: Consent[] }): boolean {
  if (current.consent?.id !== model.consentId || (model.etag !== undefined && etagOf(current.consent) !== model.etag)) return false;
  const key = (id: string | undefined, etag: string | undefined) => `${id ?? ''} ${etag ?? ''}`;
  const now = current.others.map((other) => key(other.id, etagOf(other))).sort();
  const read = (model.alsoApplied ?? []).map((other) => key(other.consentId, other.etag ?? etagOf(other.consent))).sort();
  return JSON.stringify(now) === JSON.stringify(read);
}

/** One change of hers (a term kept anew, or one shared back) in words, as `stopping sharing your record with X`. */
function changeWords(term: string, keep: boolean, choices: SharingChoices): string {
  const names = new Map(choices.organisations.map((organisation) => [organisation.id, organisation.name]));
  for (const exception of choices.exceptions)
    if (!names.has(exception.organisationId)) names.set(exception.organisationId, exception.organisationName);
  const nameOf = (id: string) => names.get(id) ?? unnamedOrganisation(id, unheldOdsCode(id));
  const information = (key: SharingCategoryKey) => `${categoryWords[key].label.toLowerCase()} information`;
  const [kind, first, second] = JSON.parse(term) as [string, string, string];
  if (kind === 'organisation')
    return keep ? `stopping sharing your record with ${nameOf(first)}` : `sharing your record with ${nameOf(first)} again`;
  if (kind === 'category')
    return keep
      ? `keeping ${information(first as SharingCategoryKey)} with the service that recorded it`
      : `sharing ${information(first as SharingCategoryKey)} again`;
  return keep
    ? `keeping ${information(second as SharingCategoryKey)} from ${nameOf(first)}`
    : `sharing ${information(second as SharingCategoryKey)} with ${nameOf(first)} again`;
}

/**
 * After a save over several choices failed part way: which of her changes the hub holds now and which it does not, in
 * words. Undefined when what it holds cannot be read as her choices (read back failed, or it now refuses her record to
 * all).
 */
function changesHeld(
  model: SharingViewModel,
  choices: SharingChoices,
  current: { consent: Consent | undefined; others: Consent[] } | undefined,
): { saved: string[]; notSaved: string[] } | undefined {
  if (!current?.consent) return undefined;
  const directory = new Map(
    choices.organisations.map((organisation) => [organisation.id, { name: organisation.name, odsCode: organisation.odsCode }]),
  );
  const read = appliedChoicesFrom(current.consent, current.others, directory, new Date(), choices.hubBase);
  if (read.declinedToAll || read.optOut) return undefined;
  const [was, wanted, held] = [wantedTerms(model.choices), wantedTerms(choices), wantedTerms(read)];
  const saved = new Set<string>();
  const notSaved = new Set<string>();
  for (const term of new Set([...was, ...wanted])) {
    if (was.has(term) === wanted.has(term)) continue;
    const words = changeWords(term, wanted.has(term), choices);
    (held.has(term) === wanted.has(term) ? saved : notSaved).add(words);
  }
  return { saved: [...saved], notSaved: [...notSaved].filter((words) => !saved.has(words)) };
}

/**
 * Saves the choices: the first time with `POST /Consent`, then with
 * `PUT /Consent/{id}` and `If-Match`, so that a change made elsewhere in the
 * meantime is refused (`isSharingConflict`) rather than overwritten. Resolves
 * to the model as saved.
 *
 * Safe to repeat with the same model after an error whose `mayHaveBeenSaved` is true: a first save looks for a
 * choice saved since the model was read before it adds one (a plain FHIR server would keep two); and after a
 * failure that may hide a save (an answer lost, or a repeat refused as a change made elsewhere), the choice is
 * read back: if it already records these choices, the save stands.
 */
export async function saveSharing(
  hub: HubClient,
  model: SharingViewModel,
  choices: SharingChoices,
  options: { signal?: AbortSignal } = {},
): Promise<SharingViewModel> {
  const call = options.signal ? { signal: options.signal } : {};
  // Not replaced with an opt-in: that would share her record with everyone, unseen.
  const declined = choices.declinedToAll ?? model.choices.declinedToAll;
  const optOut = choices.optOut ?? model.choices.optOut;
  if (declined || optOut)
    throw new HubError({
      kind: 'http',
      status: 422,
      operation: model.consentId ? 'PUT /Consent/{id}' : 'POST /Consent',
      requestId: 'not-sent',
      mayHaveBeenSaved: false,
      outcome: {
        resourceType: 'OperationOutcome',
        issue: [
          { severity: 'error', code: 'business-rule', details: { text: declined ? DECLINED_WORDS[declined] : OPT_OUT_OUTSIDE_WORDS } },
        ],
      },
    });
  // Her other choices in force first (each keeps what it kept, less what she shared back), then this one, with what she
  // kept anew: each changed only where she changed what it keeps; one she left as it was is not written.
  const written = new Set<string>();
  const others = (model.alsoApplied ?? []).map((other) => {
    const recorded = nestedOf(other.consent);
    const body = choiceConsent(
      model.patientId,
      { ...choices, recorded, asRecorded: other.consent },
      { id: other.consentId },
      { written, anew: false },
    );
    return { other, body, changed: JSON.stringify(nestedOf(body)) !== JSON.stringify(recorded) };
  });
  const body = choiceConsent(model.patientId, choices, model.consentId ? { id: model.consentId } : undefined, { written, anew: true });
  if (!model.consentId) {
    const earlier = await currentSharingChoice(hub, model.patientId, call);
    const same = asSaved(model, choices, earlier);
    if (same) return same;
    // Saved elsewhere since this model was read: not overwritten, as the hub refuses a second choice.
    if (earlier.consent)
      throw new HubError({ kind: 'http', status: 409, operation: 'POST /Consent', requestId: 'not-sent', mayHaveBeenSaved: false });
  }
  // Several choices are written one PUT each (the hub has no transaction), so: each read again just before, to refuse
  // the save whole when any changed or another came into force meanwhile (no If-Match covers a choice not read); what
  // she keeps anew written first (a stop before a lift, so a failure part way shares less, not more); and a failure
  // part way read back and told change by change (`SharingPartlySavedError`).
  const writes = others.filter(({ changed }) => changed).length + 1;
  let sent = 0;
  if (model.consentId && model.alsoApplied?.length) {
    const current = await currentSharingChoice(hub, model.patientId, call);
    const same = asSaved(model, choices, current);
    if (same) return same;
    if (!sameVersions(model, current))
      throw new HubError({ kind: 'http', status: 412, operation: 'PUT /Consent/{id}', requestId: 'not-sent', mayHaveBeenSaved: false });
  }
  try {
    if (model.consentId) {
      const consentId = model.consentId;
      const alsoApplied: SharingAppliedChoice[] = [];
      const putOther = async ({ other, body: otherBody, changed }: (typeof others)[number]) => {
        if (!changed) return void alsoApplied.push(other);
        const response = await hub.request('put', '/Consent/{id}', {
          path: { id: other.consentId },
          body: otherBody,
          headers: other.etag ? { 'if-match': other.etag } : {},
          ...call,
        });
        sent += 1;
        const etag = response.etag ?? etagOf(response.data);
        alsoApplied.push({ consentId: other.consentId, ...(etag ? { etag } : {}), consent: response.data });
      };
      // A server that keeps no versions gives no ETag: the choice is then replaced as it stands.
      const putDeciding = async () => {
        const response = await hub.request('put', '/Consent/{id}', {
          path: { id: consentId },
          body,
          headers: model.etag ? { 'if-match': model.etag } : {},
          ...call,
        });
        sent += 1;
        return response;
      };
      const was = wantedTerms(model.choices);
      const keepsAnew = [...wantedTerms(choices)].some((term) => !was.has(term));
      const first = keepsAnew ? await putDeciding() : undefined;
      for (const other of others) await putOther(other);
      const response = first ?? (await putDeciding());
      return {
        patientId: model.patientId,
        consentId: response.data.id,
        etag: response.etag ?? etagOf(response.data),
        choices,
        ...(alsoApplied.length > 0 ? { alsoApplied } : {}),
      };
    }
    const response = await hub.request('post', '/Consent', { body, ...call });
    return { patientId: model.patientId, consentId: response.data.id, etag: response.etag ?? etagOf(response.data), choices };
  } catch (error) {
    // Refused: a deny for a period she cut in part (the hub takes one only as recorded) is told in words she can act on.
    const cut =
      error instanceof HubError && error.status === 422 && error.mayHaveBeenSaved !== true
        ? cutPeriodWords(choices, [...(choices.recorded ?? []), ...others.flatMap(({ other }) => nestedOf(other.consent))])
        : undefined;
    if (cut !== undefined && error instanceof HubError)
      throw new HubError({
        kind: 'http',
        status: 422,
        operation: error.operation,
        requestId: error.requestId,
        mayHaveBeenSaved: false,
        outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'business-rule', details: { text: cut } }] },
      });
    const maySaved = sent > 0 || (error instanceof HubError && error.mayHaveBeenSaved === true);
    if (writes > 1 && maySaved) {
      // Part of a save over several choices may stand: what the hub holds now is read back and told as it is.
      const current = await currentSharingChoice(hub, model.patientId, call).catch(() => undefined);
      const saved = asSaved(model, choices, current);
      if (saved) return saved;
      const held = changesHeld(model, choices, current);
      if (!held) throw new SharingPartlySavedError({ known: false, saved: [], notSaved: [], cause: error });
      if (held.saved.length > 0) throw new SharingPartlySavedError({ known: true, ...held, cause: error });
      throw error;
    }
    if (!(error instanceof HubError) || !(error.mayHaveBeenSaved === true || isSharingConflict(error))) throw error;
    const saved = asSaved(model, choices, await currentSharingChoice(hub, model.patientId, call).catch(() => undefined));
    if (saved) return saved;
    throw error;
  }
}
