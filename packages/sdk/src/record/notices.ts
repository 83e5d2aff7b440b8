/**
 * What a hub response says about what it could not include: items withheld from
 * this viewer, source systems that did not answer, and resource types the
 * viewer's role may not see. These are FHIR's own signals, so any server can
 * send them (and the hub sends exactly these):
 *
 * - items left out: the Bundle's `meta.security` label `REDACTED` or
 *   `SUBSETTED`, the same tag or label on any item (`isPartlyShown`: part of
 *   it was left out), or an OperationOutcome entry (search mode `outcome`, or none
 *   in a collection) with an issue of type `suppressed`;
 * - a source that did not answer: an issue of type `incomplete`; the hub adds
 *   its code `SOURCE_UNAVAILABLE` and the organisation as a coding, so it can
 *   be named ("Information from … is unavailable");
 * - a whole resource type left out for the viewer's role, token or a carer's
 *   proxy access: `suppressed` with the hub code `ROLE_RESTRICTED`,
 *   `SCOPE_RESTRICTED` or `PROXY_RESTRICTED`, the types in `expression` —
 *   told as what happened (`notPermittedNotices`: the role's, the sign-in's or
 *   the carer's access), never as withheld or "none";
 * - anything else an outcome says (an error, a timeout, a hub code this SDK
 *   does not know) is not known to be harmless: the answer is not all there
 *   is, so it is read as a source that did not answer, never as "none". Only
 *   an informational note with no hub code, and the codes above, are
 *   understood.
 */
import { NOT_KNOWN } from '../format/placeholders.js';
import type { RecordAudience } from './allergies.js';
import { notFullyShownNotice } from './modifier-extensions.js';

export interface RecordNotices {
  /** Some items are not shown to this viewer. Never says what, how many or where from. */
  withheld: boolean;
  /** Source organisations that did not answer, each once, in the order first reported. */
  unavailableSources: { odsCode: string; name: string }[];
  /**
   * Resource types left out because the viewer's role may not see them
   * (`ROLE_RESTRICTED`), or the sign-in's scopes or a carer's proxy access do
   * not include them (`SCOPE_RESTRICTED`, `PROXY_RESTRICTED`); `*` when the
   * server did not say which. Absent or empty: nothing was left out.
   */
  notPermittedTypes?: string[];
  /**
   * Of `notPermittedTypes`, those left out by the sign-in's scopes or a
   * carer's proxy access rather than by the role: they do not make the viewer
   * a non-clinical role. Absent: every one is the role's.
   */
  accessLeftOutTypes?: string[];
  /**
   * Of `accessLeftOutTypes`, those left out by a carer's proxy access
   * (`PROXY_RESTRICTED`); the rest were left out by the sign-in's scopes.
   * Absent: none by proxy access.
   */
  proxyLeftOutTypes?: string[];
  /**
   * The reader stopped at its page limit with more pages to come: older items
   * exist that are not shown, and a count is of what was read.
   */
  truncated?: boolean;
  /**
   * Resource types whose search could not be read at all (the server does not support it, refused it, or failed),
   * each with why (`searchFailureReason`): what is made from them says it could not be read (`unreadTypeNotice`),
   * never "none", and the rest of the record is shown. Absent: every search was read.
   */
  unreadTypes?: { type: string; reason: string }[];
  /**
   * Resource types whose answer gave fewer items than the `total` it said it holds, with no next link to read the
   * rest: what is shown may not be everything (`cutShortNotice`: how many of how many). Such an answer also sets
   * `truncated`. Absent: every answer gave all it said it holds.
   */
  cutShortTypes?: { type: string; shown: number; total: number }[];
  /**
   * Resource types of which some items came partly shown (`isPartlyShown`):
   * each is shown, without some of it. Such items make `withheld` true.
   * Absent: none came partly shown.
   */
  partlyShownTypes?: string[];
  /**
   * With `partlyShownTypes`: whether anything besides those items' parts was
   * left out (whole items, or the answer said so). Absent: taken as
   * `withheld`, so nothing is ever told as less than it was.
   */
  itemsLeftOut?: boolean;
  /**
   * Resource types this viewer's role reads without some of their details —
   * a receptionist's appointments, which never carry their reasons or notes
   * (`roleViewNotices`). Told once, in the role's words
   * (`reducedForRoleNotice`), and not as "Some information is not shown".
   */
  reducedForRole?: string[];
}

/**
 * The shape of a Bundle this reads; every Bundle type of the contract fits it,
 * read-only arrays included.
 */
export type NoticeBundle = {
  meta?: { security?: readonly { code?: string | undefined }[] | undefined } | undefined;
  entry?: readonly { resource?: unknown; search?: { mode?: string | undefined } | undefined }[] | undefined;
};

const HUB_ERROR_SYSTEM = 'https://care-record.example/CodeSystem/hub-error';
const SOURCE_SYSTEM = 'https://care-record.example/source';

/** Sentence shown when some items are not shown to this viewer. */
export const WITHHELD_NOTICE = 'Some information is not shown';
/** Whether a searchset page links to a next one (a reader that stops there leaves some unread). */
export const hasNextPage = (page: { link?: readonly { relation?: string }[] | undefined }): boolean =>
  (page.link ?? []).some((link) => link?.relation === 'next');

/** Sentence shown when a reader stopped at its page limit (`truncated`). */
export const TRUNCATED_NOTICE = 'Only the most recent items are shown: older ones were not loaded';
/** Sentence shown where a search could not be read at all (`unreadTypes`), with why: never "none". */
export const unreadTypeNotice = (reason: string): string => `This could not be read: ${reason}`;
/** The same in a list of several searches (the timeline, the medicines): which items is not known, so "some". */
export const someUnreadNotice = (reason: string): string => `Some items could not be read: ${reason}`;
/**
 * What the items of a search are, as a list of several searches names those it could not read (`unreadNotices`): the
 * timeline's and the medicines'. A type not here is "Some items".
 */
const UNREAD_TYPE_WORDS: Readonly<Record<string, string>> = {
  Encounter: 'Visits and stays',
  Appointment: 'Appointments',
  DiagnosticReport: 'Test reports',
  Observation: 'Test results and readings',
  DocumentReference: 'Letters and documents',
  CarePlan: 'Care plans',
  EpisodeOfCare: 'Care from services',
  MedicationRequest: 'Prescriptions',
  MedicationStatement: 'Medicines the person reports taking, and over-the-counter medicines',
};

/**
 * The sentences naming what could not be read (`unreadTypes`) in a list of several searches, one per reason:
 * "Letters and documents could not be read: …", or `someUnreadNotice` where a type has no name here. Never "none".
 */
export function unreadNotices(unread: readonly { type: string; reason: string }[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const { type, reason } of unread) {
    const name = Object.hasOwn(UNREAD_TYPE_WORDS, type) ? UNREAD_TYPE_WORDS[type] : undefined;
    const names = byReason.get(reason) ?? [];
    const said = name ?? 'Some items';
    if (!names.includes(said)) names.push(said);
    byReason.set(reason, names);
  }
  return [...byReason].map(([reason, names]) => {
    if (names.includes('Some items')) return someUnreadNotice(reason);
    // Names hold "and" themselves: a comma before the last keeps them apart ("Visits and stays, and letters and documents").
    const [first = '', ...rest] = names;
    const later = rest.map((name) => name.charAt(0).toLowerCase() + name.slice(1));
    const joined = later.length > 0 ? `${[first, ...later.slice(0, -1)].join(', ')}, and ${later.at(-1) ?? ''}` : first;
    return `${joined} could not be read: ${reason}`;
  });
}

/** Sentence shown where an answer gave fewer items than it said it holds, with no way to read the rest (`cutShortTypes`). */
export const cutShortNotice = (cut: { shown: number; total: number }): string =>
  `Only ${cut.shown} of the ${cut.total} items the server counted could be read: this may be incomplete`;

/**
 * Why a search could not be read, in words for the viewer (no status text or outcome free text, which may name the
 * patient): a server that does not support it (404, or an outcome saying `not-supported`), one that refused it (4XX),
 * or one that failed (5XX, no answer).
 */
export function searchFailureReason(error: unknown): string {
  const { status, outcome } = (typeof error === 'object' && error !== null ? error : {}) as { status?: unknown; outcome?: unknown };
  if (status === 404 || issuesOf(outcome).some((issue) => issue.code === 'not-supported')) return 'the server does not support this search';
  if (typeof status === 'number' && status >= 400 && status < 500) return `the server refused this search (error ${status})`;
  if (typeof status === 'number' && status >= 500) return `the server could not answer (error ${status})`;
  return 'the server’s answer could not be read';
}

/**
 * Whether the pages of one search for `type` gave fewer of its items than the `total` they said it holds, with no
 * next link on the last to read the rest: how many of how many; `undefined` when all were given (or no total was said).
 */
export function cutShort(
  type: string,
  pages: readonly { total?: unknown; link?: readonly { relation?: string }[] | undefined; entry?: readonly unknown[] | undefined }[],
): { type: string; shown: number; total: number } | undefined {
  const last = pages.at(-1);
  if (!last || hasNextPage(last)) return undefined;
  const total = pages.map((page) => page.total).find((value): value is number => typeof value === 'number' && Number.isInteger(value));
  if (total === undefined) return undefined;
  let shown = 0;
  for (const page of pages)
    for (const entry of page.entry ?? []) {
      if (!isObject(entry) || !isObject(entry['resource']) || entry['resource']['resourceType'] !== type) continue;
      const mode = isObject(entry['search']) ? entry['search']['mode'] : undefined;
      if (mode !== 'include' && mode !== 'outcome') shown++;
    }
  return total > shown ? { type, shown, total } : undefined;
}

/** Notices saying what `unread` and `cut` (searches that failed, answers cut short) leave out; `undefined` when nothing. */
export function searchNotices(
  unread: readonly { type: string; reason: string }[],
  cut: readonly ({ type: string; shown: number; total: number } | undefined)[],
): RecordNotices | undefined {
  const cutShortTypes = cut.filter((item): item is { type: string; shown: number; total: number } => item !== undefined);
  if (unread.length === 0 && cutShortTypes.length === 0) return undefined;
  return {
    withheld: false,
    unavailableSources: [],
    ...(unread.length > 0 ? { unreadTypes: [...unread] } : {}),
    ...(cutShortTypes.length > 0 ? { cutShortTypes, truncated: true } : {}),
  };
}

/**
 * Sentence shown where items about another patient (or no one) came in an
 * answer and were left out (`carriedAnotherPatients`): what is shown may not be
 * all there is, so the view never says there are none.
 */
export const NOT_SHOWN_SAFELY_NOTICE = 'Some items could not be shown safely, so this may not be everything recorded';
/** Sentence shown in a section the viewer's role may not see. */
export const NOT_PERMITTED_NOTICE = 'Clinical information is not available to your role';
/** Sentence shown in a section the sign-in's scopes left out (`SCOPE_RESTRICTED`): the app was not given it, whatever the role. */
export const SCOPE_RESTRICTED_NOTICE = 'The app you signed in with was not given access to this kind of information';
/** Sentence shown in a section a carer's proxy access left out (`PROXY_RESTRICTED`), in the hub's words: a carer has no role. */
export const PROXY_RESTRICTED_NOTICE = 'This is not part of what you were given access to';

/**
 * Sentence shown once where a role's reduced view of a type is shown (a
 * receptionist's appointments): what the role is not shown, in its words.
 */
export function reducedForRoleNotice(types: readonly string[]): string {
  const parts = [...new Set(types)].map((type) => REDUCED_FOR_ROLE_WORDS[type] ?? `some details of ${type} items`);
  const sentence = `${parts.join(' and ')} are not shown to your role`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
/** What each reduced view leaves out, as `reducedForRoleNotice` says it. */
const REDUCED_FOR_ROLE_WORDS: Readonly<Record<string, string>> = { Appointment: 'reasons and notes for appointments' };
/** The sentence for a receptionist's appointments (`reducedForRoleNotice(['Appointment'])`): said once, with them. */
export const APPOINTMENTS_FOR_ROLE_NOTICE = 'Reasons and notes for appointments are not shown to your role';

/** The hub's code for what a role may not see, in a 403's OperationOutcome or a `$summary` entry. */
export const ROLE_RESTRICTED = 'ROLE_RESTRICTED';
/** Stands for every resource type when a role restriction does not say which. */
export const EVERY_TYPE = '*';
/** Sentence naming a source that did not answer. */
export const unavailableNotice = (source: { name: string }): string =>
  source.name === NOT_KNOWN ? 'Information from one of the services is unavailable' : `Information from ${source.name} is unavailable`;

/**
 * The line shown for one item that could not be read, naming its source
 * (`Not known` when it is not known); for one that carries a modifier
 * extension the viewer does not understand (`notFullyShown`), that it cannot be fully shown, in the
 * audience's words (a resident is told whom to ask).
 */
export const unreadableNotice = (
  source: { name: string; notFullyShown?: true | undefined },
  audience: RecordAudience = 'clinician',
): string => (source.notFullyShown ? notFullyShownNotice(source, audience) : `One item from ${source.name} could not be read`);

/** Security labels and tags (v3-ObservationValue) that mean an answer or an item leaves something out. */
const WITHHELD_LABELS = new Set(['REDACTED', 'SUBSETTED']);

const hasWithheldCode = (labels: unknown): boolean =>
  Array.isArray(labels) && labels.some((label: unknown) => isObject(label) && WITHHELD_LABELS.has(text(label['code'])));

/**
 * Whether one record item says part of it was left out for this viewer:
 * FHIR's `SUBSETTED` (or `REDACTED`) in its `meta.tag` or `meta.security`, as
 * the hub tags a receptionist's appointment or an item whose reference to a
 * withheld item it removed. The one rule every reader follows: such an item
 * means "Some information is not shown" (`withheld`), whether or not the
 * Bundle it came in says so (a single read, a batch entry, an item passed on
 * its own).
 */
export function isPartlyShown(item: unknown): boolean {
  if (!isObject(item)) return false;
  const meta = item['meta'];
  return isObject(meta) && (hasWithheldCode(meta['tag']) || hasWithheldCode(meta['security']));
}

/**
 * `notices` with what the items themselves say (`isPartlyShown`): withheld
 * when any of them was partly shown. Every view model reads its items' notices
 * through this (and `readNotices` through the same rule), so a tagged item
 * sets the notice however it arrived.
 */
export function withItemNotices(notices: RecordNotices, items: Iterable<unknown>): RecordNotices {
  const types = new Set<string>();
  for (const item of items) if (isPartlyShown(item)) types.add(typeOf(item));
  if (types.size === 0) return notices;
  return withPartlyShown(notices, types);
}

const typeOf = (item: unknown): string => (isObject(item) ? text(item['resourceType']) : '') || EVERY_TYPE;

/** Whether `notices` says more than parts of items were left out: whole items, or an answer that said so. */
export const itemsLeftOut = (notices: RecordNotices): boolean =>
  notices.withheld && ((notices.partlyShownTypes ?? []).length === 0 || notices.itemsLeftOut !== false);

/** `notices` with items of `types` partly shown. */
function withPartlyShown(notices: RecordNotices, types: Iterable<string>): RecordNotices {
  const partly = new Set([...(notices.partlyShownTypes ?? []), ...types]);
  if (partly.size === 0) return notices;
  return { ...notices, withheld: true, partlyShownTypes: [...partly], itemsLeftOut: itemsLeftOut(notices) };
}
/** The hub's codes for a whole resource type left out by the sign-in's scopes or a carer's proxy access, not the role. */
const ACCESS_RESTRICTION_CODES: ReadonlySet<string> = new Set(['SCOPE_RESTRICTED', 'PROXY_RESTRICTED']);
/** The hub's codes for a whole resource type left out by the viewer's role, token or proxy access. */
const RESTRICTION_CODES: ReadonlySet<string> = new Set([ROLE_RESTRICTED, ...ACCESS_RESTRICTION_CODES]);

/** The hub codes an outcome in an answer may carry that this SDK understands; any other is not known to be harmless. */
const KNOWN_NOTICE_CODES: ReadonlySet<string> = new Set([
  ...RESTRICTION_CODES,
  'INFORMATION_WITHHELD',
  'SOURCE_UNAVAILABLE',
  'SUMMARY_INCOMPLETE',
]);

/** Stands in for the ODS code when an unavailable-source notice does not name its organisation. */
export const UNKNOWN_SOURCE_ODS = 'unknown';

interface CodingLike {
  system?: unknown;
  code?: unknown;
  display?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function issuesOf(resource: unknown): { severity: string; code: string; codings: CodingLike[]; expression: string[] }[] {
  if (!isObject(resource) || resource['resourceType'] !== 'OperationOutcome' || !Array.isArray(resource['issue'])) return [];
  return resource['issue'].filter(isObject).map((issue) => {
    const details = issue['details'];
    const codings = isObject(details) && Array.isArray(details['coding']) ? details['coding'].filter(isObject) : [];
    const expression = Array.isArray(issue['expression']) ? issue['expression'].map(text).filter(Boolean) : [];
    return { severity: text(issue['severity']), code: text(issue['code']), codings: codings as CodingLike[], expression };
  });
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The resource types an OperationOutcome says the viewer's role may not see:
 * the `expression` of each `ROLE_RESTRICTED` issue (a type, or a path that
 * starts with one), `*` when such an issue names none; empty when there is no
 * such issue.
 */
export function roleRestrictedTypes(outcome: unknown): string[] {
  const types = new Set<string>();
  for (const { codings, expression } of issuesOf(outcome)) {
    if (!codings.some((coding) => coding.system === HUB_ERROR_SYSTEM && coding.code === ROLE_RESTRICTED)) continue;
    for (const type of typesNamed(expression)) types.add(type);
  }
  return [...types];
}

/** The resource types an issue's `expression` names (a type, or a path that starts with one); `*` when none. */
function typesNamed(expression: readonly string[]): string[] {
  const named = expression.map((path) => /^[A-Z][A-Za-z]*/.exec(path)?.[0]).filter((type): type is string => type !== undefined);
  return named.length > 0 ? named : [EVERY_TYPE];
}

/** Whether the notices say the role may not see any of `types`. */
export function isNotPermitted(notices: RecordNotices | undefined, types: readonly string[]): boolean {
  const restricted = notices?.notPermittedTypes ?? [];
  return restricted.includes(EVERY_TYPE) || types.some((type) => restricted.includes(type));
}

/** Who left a resource type out: the viewer's role, the sign-in's scopes, or a carer's proxy access. */
export type LeftOutBy = 'role' | 'scope' | 'proxy';
/** What each says, in the order they are told. */
const LEFT_OUT_WORDS: Readonly<Record<LeftOutBy, string>> = {
  role: NOT_PERMITTED_NOTICE,
  scope: SCOPE_RESTRICTED_NOTICE,
  proxy: PROXY_RESTRICTED_NOTICE,
};

/**
 * Who left out any of `types` (every type left out when omitted), once each,
 * in the order role, scope, proxy. A type the notices say the sign-in or a
 * proxy left out (`accessLeftOutTypes`) without saying which is the
 * sign-in's; any other is the role's.
 */
export function leftOutBy(notices: RecordNotices | undefined, types?: readonly string[]): LeftOutBy[] {
  const restricted = notices?.notPermittedTypes ?? [];
  const byAccess = notices?.accessLeftOutTypes ?? [];
  const byProxy = notices?.proxyLeftOutTypes ?? [];
  // A type is left out when it is named, or when every type is (`*`).
  const named = types === undefined ? restricted : restricted.filter((type) => type === EVERY_TYPE || types.includes(type));
  const found = new Set<LeftOutBy>(named.map((type) => (byProxy.includes(type) ? 'proxy' : byAccess.includes(type) ? 'scope' : 'role')));
  return (['role', 'scope', 'proxy'] as const).filter((by) => found.has(by));
}

/**
 * The sentences saying why any of `types` (every type left out, when omitted)
 * is not shown, each once: "not available to your role" only for the role's
 * (`ROLE_RESTRICTED`); a narrow sign-in's and a carer's are told as such.
 * Empty when none was left out.
 */
export function notPermittedNotices(notices: RecordNotices | undefined, types?: readonly string[]): string[] {
  return leftOutBy(notices, types).map((by) => LEFT_OUT_WORDS[by]);
}

/** The notices of several responses as one: withheld if any says so, each unavailable source and restricted type once. */
export function mergeNotices(...all: (RecordNotices | undefined)[]): RecordNotices {
  const sources = new Map<string, string>();
  const restricted = new Set<string>();
  const accessLeftOut = new Set<string>();
  const proxyLeftOut = new Set<string>();
  const partly = new Set<string>();
  const reduced = new Set<string>();
  const unread = new Map<string, { type: string; reason: string }>();
  const cut = new Map<string, { type: string; shown: number; total: number }>();
  let withheld = false;
  let leftOut = false;
  let truncated = false;
  for (const notices of all) {
    if (!notices) continue;
    withheld ||= notices.withheld;
    truncated ||= notices.truncated === true;
    leftOut ||= itemsLeftOut(notices);
    for (const source of notices.unavailableSources) if (!sources.has(source.odsCode)) sources.set(source.odsCode, source.name);
    for (const type of notices.notPermittedTypes ?? []) restricted.add(type);
    for (const type of notices.accessLeftOutTypes ?? []) accessLeftOut.add(type);
    for (const type of notices.proxyLeftOutTypes ?? []) proxyLeftOut.add(type);
    for (const type of notices.partlyShownTypes ?? []) partly.add(type);
    for (const type of notices.reducedForRole ?? []) reduced.add(type);
    for (const item of notices.unreadTypes ?? []) if (!unread.has(item.type)) unread.set(item.type, { ...item });
    for (const item of notices.cutShortTypes ?? []) {
      const known = cut.get(item.type);
      cut.set(
        item.type,
        known ? { type: item.type, shown: known.shown + item.shown, total: Math.max(known.total, item.total) } : { ...item },
      );
    }
  }
  return {
    withheld,
    unavailableSources: [...sources].map(([odsCode, name]) => ({ odsCode, name })),
    ...(restricted.size > 0 ? { notPermittedTypes: [...restricted] } : {}),
    ...(accessLeftOut.size > 0 ? { accessLeftOutTypes: [...accessLeftOut] } : {}),
    ...(proxyLeftOut.size > 0 ? { proxyLeftOutTypes: [...proxyLeftOut] } : {}),
    ...(partly.size > 0 ? { partlyShownTypes: [...partly], itemsLeftOut: leftOut } : {}),
    ...(reduced.size > 0 ? { reducedForRole: [...reduced] } : {}),
    ...(unread.size > 0 ? { unreadTypes: [...unread.values()] } : {}),
    ...(cut.size > 0 ? { cutShortTypes: [...cut.values()] } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
}

/**
 * Collects the notices of one or more Bundles (a `$summary`, the searches of a
 * batch). `undefined` entries are skipped, so the results of failed reads can
 * be passed as they are. An OperationOutcome counts when its entry is a search
 * outcome or carries no search mode (collection Bundles have none).
 */
export function readNotices(bundles: Iterable<NoticeBundle | undefined>): RecordNotices {
  /** Items or answers left out, as the answer's labels and outcomes say. */
  let withheld = false;
  /** Types of items that came partly shown. */
  const partly = new Set<string>();
  const unavailable = new Map<string, string>();
  const restricted = new Set<string>();
  const accessLeftOut = new Set<string>();
  const proxyLeftOut = new Set<string>();
  /** The hub's summary read only the newest items of a section (`SUMMARY_INCOMPLETE`): older ones may be missing. */
  let truncated = false;

  for (const bundle of bundles) {
    if (!isObject(bundle)) continue;
    const security: unknown = bundle.meta?.security;
    // FHIR's own labels: REDACTED (items removed) and SUBSETTED (the answer is not all there is). The same said of
    // the answer itself when it is one item (a single read), or of any item in it, even with no label on the Bundle.
    // An answer's labels say it left items out; a single item's own (a read) say part of it was.
    const answer = (bundle as { resourceType?: unknown }).resourceType;
    if (isPartlyShown(bundle) && answer !== undefined && answer !== 'Bundle') partly.add(typeOf(bundle));
    else if (hasWithheldCode(security) || isPartlyShown(bundle)) withheld = true;
    const entries: unknown = bundle.entry;
    for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
      if (!isObject(entry)) continue;
      if (isPartlyShown(entry['resource'])) partly.add(typeOf(entry['resource']));
      const search = entry['search'];
      const mode = isObject(search) ? search['mode'] : undefined;
      if (mode !== undefined && mode !== 'outcome') continue;
      for (const { severity, code, codings, expression } of issuesOf(entry['resource'])) {
        const hubCodes = codings.filter((coding) => coding.system === HUB_ERROR_SYSTEM).map((coding) => text(coding.code));
        const understood = hubCodes.every((hubCode) => KNOWN_NOTICE_CODES.has(hubCode));
        // A whole type the role, the token or a carer's proxy access leaves out: told as whose it was, never withheld
        // and never "none".
        if (hubCodes.some((hubCode) => RESTRICTION_CODES.has(hubCode))) {
          const types = typesNamed(expression);
          for (const type of types) restricted.add(type);
          if (!hubCodes.includes(ROLE_RESTRICTED)) for (const type of types) accessLeftOut.add(type);
          if (!hubCodes.includes(ROLE_RESTRICTED) && hubCodes.includes('PROXY_RESTRICTED'))
            for (const type of types) proxyLeftOut.add(type);
        }
        // FHIR's issue type `suppressed` says items were left out; the hub says it with `INFORMATION_WITHHELD`.
        else if (understood && (hubCodes.includes('INFORMATION_WITHHELD') || (code === 'suppressed' && hubCodes.length === 0)))
          withheld = true;
        else if (understood && hubCodes.includes('SUMMARY_INCOMPLETE')) truncated = true;
        // An informational note with no hub code says nothing is missing.
        else if (severity === 'information' && code === 'informational' && hubCodes.length === 0) continue;
        // FHIR's issue type `incomplete` (a source did not answer; the hub also names it), and anything else this
        // does not understand as harmless — an error, a timeout, a code it does not know: the answer is not all there
        // is, so what it covers is unavailable, never "none".
        else {
          const source = hubCodes.includes('SOURCE_UNAVAILABLE') ? codings.find((coding) => coding.system === SOURCE_SYSTEM) : undefined;
          const odsCode = text(source?.code) || UNKNOWN_SOURCE_ODS;
          const name = text(source?.display) || unavailable.get(odsCode) || NOT_KNOWN;
          unavailable.set(odsCode, name);
        }
      }
    }
  }

  const notices: RecordNotices = {
    withheld,
    unavailableSources: [...unavailable].map(([odsCode, name]) => ({ odsCode, name })),
    ...(restricted.size > 0 ? { notPermittedTypes: [...restricted] } : {}),
    ...(accessLeftOut.size > 0 ? { accessLeftOutTypes: [...accessLeftOut] } : {}),
    ...(proxyLeftOut.size > 0 ? { proxyLeftOutTypes: [...proxyLeftOut] } : {}),
    ...(truncated ? { truncated: true } : {}),
  };
  return withPartlyShown(notices, partly);
}

/**
 * Whether an error is the server refusing the viewer's role (HTTP 403 with the
 * hub code `ROLE_RESTRICTED`): retrying cannot help, and what was asked for is
 * "not available to your role", never "none".
 */
export function isRoleRestricted(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, outcome } = error as { status?: unknown; outcome?: unknown };
  return status === 403 && roleRestrictedTypes(outcome).length > 0;
}

/** Notices saying the role may not see `types`; or, with `by`, that the sign-in's scopes or a carer's proxy access left them out. */
export function restrictedNotices(types: Iterable<string>, by: LeftOutBy = 'role'): RecordNotices {
  const list = [...new Set(types)];
  return {
    withheld: false,
    unavailableSources: [],
    notPermittedTypes: list,
    ...(by === 'role' ? {} : { accessLeftOutTypes: list }),
    ...(by === 'proxy' ? { proxyLeftOutTypes: list } : {}),
  };
}

/** Hub codes that refuse the whole record, whatever was asked of it: the reader may open no part of it. */
const RECORD_REFUSAL_CODES: ReadonlySet<string> = new Set([
  'NO_LEGITIMATE_RELATIONSHIP',
  'SHARING_DECLINED',
  'NO_PROXY_ACCESS',
  'BREAK_GLASS_AVAILABLE',
]);

/**
 * Who refused one search its type (HTTP 403): the role (`ROLE_RESTRICTED`), the sign-in's scopes (`SCOPE_RESTRICTED`,
 * or an `insufficient_scope` challenge) or a carer's proxy access (`PROXY_RESTRICTED`). Such a refusal fails only
 * that search's part, said in its words. `undefined` for any other refusal, or one that also names the whole record
 * (no relationship, sharing declined, no proxy access, emergency access offered): that is the record's.
 */
export function typeRefusedBy(error: unknown): LeftOutBy | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, outcome, insufficientScope } = error as { status?: unknown; outcome?: unknown; insufficientScope?: unknown };
  if (status !== 403) return undefined;
  const codes = new Set(
    issuesOf(outcome).flatMap(({ codings }) =>
      codings.flatMap((coding) => (coding.system === HUB_ERROR_SYSTEM ? [text(coding.code)] : [])),
    ),
  );
  if ([...codes].some((code) => RECORD_REFUSAL_CODES.has(code))) return undefined;
  if (codes.has('PROXY_RESTRICTED')) return 'proxy';
  if (codes.has('SCOPE_RESTRICTED') || insufficientScope === true) return 'scope';
  return codes.has(ROLE_RESTRICTED) ? 'role' : undefined;
}
