/**
 * What of a resident's record a viewer may see, in one place: the labels
 * withheld from shared views and from residents, and the one rule that says
 * whether an item is visible — as a function for items in hand (reads,
 * `_include`, the stories' in-browser hub) and as SQL for the store's searches,
 * written side by side so they cannot drift (a property test compares them).
 *
 * No Node imports: the stories' in-browser hub imports this module.
 */

import { isProxyConsent, isSharingChoice, isUnreadableSharingChoice, type Consent } from '@care-record/sdk';
import { isMentalHealthService, medicationReferenceKeys, serviceReferenceKeys } from './mental-health.js';
import { containsSdv, isSdvContent, isSensitiveContent } from './sensitive-content.js';
import { shownBy, VIEW_READERS, viewsReadBy } from './views.js';

/** The source system URI of an organisation's records. */
export const sourceOf = (odsCode: string) => `https://care-record.example/source/${odsCode}`;

/**
 * Labels withheld from shared views: sexual and reproductive health, sexual
 * assault and domestic violence, and anything marked restricted or very
 * restricted by the organisation that recorded it.
 */
export const SENSITIVE_LABELS: readonly string[] = ['SEX', 'SDV', 'R', 'V'];
/** Sexual assault and domestic violence: given by content too (`isSdvContent`), as SEX is. */
export const SDV_LABEL = 'SDV';
/**
 * A safety alert (an active Flag) the hub finds SDV by what it says, where its source sent no SDV, R or V of its own
 * ("At risk of domestic abuse — see the resident alone"): withheld from carers (one may be the abuser) and from
 * non-clinical roles as SDV is, but shown to every clinician caring for the resident, whose safety alert it is — the
 * hub gives it instead of `SDV`. Not a label a source sends: a source's own label always stands.
 */
export const SDV_ALERT_LABEL = 'SDV-ALERT';
/** Never shown to the resident. */
export const RESIDENT_HIDDEN_LABELS: readonly string[] = ['NOPAT'];

export interface Visibility {
  /** Items carrying any of these labels are left out… */
  hiddenLabels: readonly string[];
  /** …unless they came from this source (the viewer's own organisation's records). */
  unlessSource?: string | undefined;
  /** Items from these sources are left out (a source system that is not answering): not counted as withheld. */
  unavailableSources?: readonly string[] | undefined;
  /** Items from these sources are withheld (counted as withheld, unlike unavailable ones): a resident's sharing choice. */
  hiddenSources?: readonly string[] | undefined;
  /**
   * Items from these sources count as carrying the label (label code → sources), labelled or not: everything a
   * mental health service records is mental health (`PSY`), whatever its source sent with it.
   */
  labelledSources?: Readonly<Record<string, readonly string[]>> | undefined;
  /**
   * Items whose service elements point at these directory entries (label code → `directoryKeys`: `Type/id`,
   * `system|VALUE`) count as carrying the label, labelled or not: an encounter whose provider is the mental health
   * trust's entry, named by reference or ODS code alone with no display, is mental health (`serviceReferenceKeys`).
   * So do items naming these Medications (`Medication/x`, at this hub's addresses too: `medicationReferenceKeys`) by
   * any reference anywhere in them: a prescription of a Medication that carries the label, as the store holds it when
   * the item is read, and a care plan, a procedure or an observation naming one.
   */
  labelledServices?: Readonly<Record<string, readonly string[]>> | undefined;
  /**
   * Items naming any of these by reference (`Medication/x`, at this hub's addresses too: `medicationReferenceKeys`)
   * are withheld, whatever labels are kept from the viewer — but the viewer's own organisation's (`unlessSource`): a
   * Medication from a source the resident keeps from them (`hiddenSources`), and one made of it (`withLabelledSources`).
   */
  withheldEntries?: readonly string[] | undefined;
  /**
   * The reduced views this viewer reads some types through (`views.ts`, by name): an item of such a type is withheld
   * from them by its labels as the view shows it — those its source put on the item itself, and SEX or PSY by what
   * the view holds — never by what the view leaves out, which its absence would otherwise give away.
   */
  views?: string | undefined;
}

/**
 * The resident's own privacy settings — their sharing choices and the permissions they give carers (Consents of
 * scope `patient-privacy`) — carry this label as the hub reads them: they say what is kept from whom, so they are
 * the resident's, withheld from professionals (R13's "that, never what or where") but for the organisation that
 * recorded one. Not a label a source sends: the hub gives it, as it gives SEX by content.
 */
export const RESIDENT_SETTINGS_LABEL = 'RESIDENT-SETTINGS';

/** Mental health items: a category the resident may keep with its service, and never a non-clinical role's business. */
export const MENTAL_HEALTH_LABEL = 'PSY';

/** The default visibility for a viewer, before any resident's sharing choice. */
export function defaultVisibility(viewer: {
  kind: 'resident' | 'professional' | 'carer';
  odsCode?: string | undefined;
  clinical?: boolean | undefined;
}): Visibility {
  if (viewer.kind === 'resident') return { hiddenLabels: RESIDENT_HIDDEN_LABELS };
  // A carer sees neither what the resident would not nor the categories kept with the service that recorded them.
  if (viewer.kind === 'carer')
    return { hiddenLabels: [...RESIDENT_HIDDEN_LABELS, ...SENSITIVE_LABELS, SDV_ALERT_LABEL, RESIDENT_SETTINGS_LABEL] };
  // A non-clinical role (a receptionist) sees appointments and demographics, but that someone is seen by another
  // organisation's mental health service is clinical detail: only their own organisation's such items. Nor is a
  // safety alert about domestic abuse theirs (`SDV_ALERT_LABEL`): it is for the clinicians it warns.
  const shared = [...SENSITIVE_LABELS, RESIDENT_SETTINGS_LABEL];
  const hiddenLabels = viewer.clinical === false ? [...shared, MENTAL_HEALTH_LABEL, SDV_ALERT_LABEL] : shared;
  const views = viewsReadBy({ kind: viewer.kind, clinical: viewer.clinical !== false });
  return { hiddenLabels, unlessSource: viewer.odsCode ? sourceOf(viewer.odsCode) : undefined, ...(views === undefined ? {} : { views }) };
}

type Resource = Record<string, unknown>;

/**
 * Types a source's setting says nothing about, which `Visibility.labelledSources` leaves alone: the directory (a
 * mental health trust's own entry and its staff are anyone's to look up) and the resident themself.
 */
export const UNLABELLED_BY_SOURCE: readonly string[] = [
  'Patient',
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'HealthcareService',
  'Location',
];

/**
 * The version of the rules `labelsOf` applies. Stores keep each row's labels
 * as they were worked out when it was written (its searches filter on them in
 * SQL), so when these rules change, a store written before re-labels every row
 * once on opening (`labels-version` in its meta table): else a search would
 * answer, by the old labels, what a read by the new ones withholds.
 * 2: a contained resource's labels are the item's (00983b0); PSY by the
 * service an item names (05ed49f).
 * 3: each row keeps its labels as each reader of a reduced view sees the item
 * too (`views.ts`): the desk is withheld an appointment by its view alone.
 * 4: SEX by a sensitive phrase written with any gap or in its other forms
 * ("termination-of-pregnancy", "Chlamydial"), and by a concept's text at
 * any depth (a document's practice setting).
 * 5: SEX by an item's title ("Chlamydia follow-up" as an appointment's
 * description, a care plan's or a document's title): the desk's view keeps
 * the description, so the desk's labels move too.
 * 6: SEX by more SNOMED CT codes sent alone (chlamydial infection, gonorrhoea,
 * syphilis and other sexually transmitted infections, termination and
 * assisted conception procedures, transsexual).
 * 7: PSY by a mental health service's name however written ("Mental-Health",
 * two spaces, CAMHS, NHS Talking Therapies…; not "Fundamental healthcare"),
 * and by more elements naming the service (a booked place or organisation by
 * display alone, an encounter's location, a team, a performer, a custodian).
 * 8: each row keeps the directory entries its service elements point at
 * (`serviceReferenceKeys`), for each reader of a reduced view too, so that a
 * reference to a mental health service by id or ODS code alone, with no
 * display, is told when the item is read (`Visibility.labelledServices`).
 * 9: a reference to a practitioner's role is kept as a directory entry too
 * (a role at a mental health trust, at a place or service of it).
 * 10: an absolute reference to a directory type is kept with its server's
 * address (`https://<hub>/fhir/Organization/x`): by this hub's, the entry.
 * 11: PSY by a reference's display reads its type as the directory's keys do:
 * its own (`Organization/x`, in any case, at any address) over its `type`.
 * 12: SEX by the instructions shown with an item: a medicine's dosage text and
 * instruction to the resident, an appointment's (which the desk's view keeps).
 * 13: PSY by the display of a reference to a person whose `type` says it is a
 * service's (the two disagree: read as the service's).
 * 14: an absolute reference is read as a URL parser reads it, its path as a
 * server does (`%66hir`, `//fhir`, `..`, `_HISTORY`): this hub's address
 * however spelled is the entry; an id or type percent-encoded too.
 * 15: a mental health or genito-urinary medicine service's SNOMED CT code
 * sent with no display, or under another, is read as its words (a specialty,
 * a service type, a practice setting, a contained entry's type).
 * 16: a reference to a practitioner is kept as a directory entry too (one
 * whose every role is at a mental health or sexual health service is it).
 * 17: SNOMED CT 25681007 (Sexually transmitted disease clinic) is a sensitive
 * code wherever it is read; a place's types are read as an organisation's.
 * 18: a reference as a path (`./Organization/x`, `/fhir/Organization/x`), to
 * a host with its closing dot, or with a path parameter (`x;v=1`) names this
 * hub's entry.
 * 19: UK Core practice setting (treatment function) codes of genito-urinary
 * medicine, sexual and reproductive health and the mental health functions
 * are read as their words.
 * 20: "abortion" (not a miscarriage's) and "gender identity service" are
 * sensitive words; words are found with format characters (a soft hyphen)
 * left out too.
 * 21: HL7 service type codes of sexual health, fertility and mental health
 * services are read as their words; a fertility or infertility clinic,
 * centre, unit, service or treatment is a sensitive phrase.
 * 22: a place's types say it is a mental health service (as a whole), and
 * v3 RoleCodes of psychiatric places (and INV, an infertility clinic) are
 * read as their words.
 * 23: a type naming a kind of body (a trust, a provider) is never an
 * ordinary service of an organisation's own, nor a whole hospital a part's.
 * 24: sexual health services and HIV pre-exposure prophylaxis by their
 * abbreviations (STI, STD clinic, GUM clinic, CaSH, PrEP as written) and
 * "sexual and reproductive health"; emtricitabine with tenofovir for PrEP.
 * 26: a place (a Location) or an organisation part of another is sensitive
 * by any sensitive type, whatever ordinary type it copies from its trust.
 * 27: a Medication's narrative (`text.div`) is read as its title.
 * 28: each row keeps the Medications it names by reference beside its directory
 * entries (`medicationReferenceKeys`), so that it takes on their labels when
 * read (`Visibility.labelledServices`).
 * 29: a service (a HealthcareService) is sensitive by its category, or by its
 * types and specialties as a whole (not a practice's listing general practice
 * too); contained references are followed from a role to its service, place
 * and organisation to any depth.
 * 30: SDV by what an item says (domestic abuse, sexual assault, rape, FGM,
 * MARAC: codes, and words anywhere, notes and narrative too) and by a sexual
 * assault referral centre or domestic abuse service it is at.
 * 31: a Medication keeps the Medications it is made of (`ingredient.itemReference`)
 * as a prescription keeps the one it names, and a medicine named by its
 * product's code alone (`medicationReference.identifier`) is read as that code.
 * 33: a service (a HealthcareService) by any sensitive category, type or
 * specialty, unless it is a practice's own (category general practice)
 * listing general practice too (R13); a code in any spelling of its system.
 * 34: a safety alert (a Flag not inactive or entered in error) SDV by what it
 * says, not by its source's label, is `SDV-ALERT` instead: shown to every
 * clinician, withheld from carers and the desk (`SDV_ALERT_LABEL`).
 * 35: only by what the Flag itself says: one SDV by a resource it contains (a
 * Condition "rape, 2024" in a "see her alone" alert) stays `SDV` (R14).
 * 36: each row keeps every Medication it names by reference, in any element at
 * any depth (a care plan's product, a procedure's used item, an observation's
 * focus, an extension), not only `medicationReference` and ingredients (R14).
 * 37: a privacy setting (scope `patient-privacy`) in any spelling of its
 * system (`sameCodeSystem`).
 * 38: a service an item contains listing general practice beside a sensitive
 * kind is a clinic's: a practice's own is told by its provider in the
 * directory, never by its category (R14).
 * 40: a Medication keeps the directory entry its `manufacturer` points at, and
 * is mental health by a mental health service's name there, as an item's
 * service elements are (R14).
 * 41: a privacy setting is whatever R7 or the proxy rule reads as one
 * (`privacySettingKind`): a sharing choice in STU3's scope system, a choice
 * the hub cannot read, a carer's permission by its category whatever its scope.
 * 42: the desk's Appointment view is an allowlist at every depth (`views.ts`):
 * its labels are read from no extension inside one it keeps, a tag's display or
 * an identifier's words (reviewer R18).
 * 43: every reference in an item, at any depth, names its service, not only its
 * service elements (`eachReference`): a recorder, a note's author, an extension;
 * results written as words (`valueString`, `conclusion`) and the text of an
 * attachment the hub can read (`attachmentText`) are read for SEX and SDV
 * (reviewer R18).
 * 44: "GUM" in capitals before a visit's words ("GUM follow-up", "GUM appt") or
 * after being sent there ("referred to GUM"), not only before a service word.
 */
export const LABEL_RULES_VERSION = 44;

/**
 * A resource's security label codes: those it carries (itself or a resource it contains), SEX where what it
 * is about is sensitive though unlabelled (`sensitive-content.ts`), and PSY where the service it is from says mental
 * health though unlabelled (`mental-health.ts`), so that every rule below — reads, searches and their SQL, counts —
 * withholds it alike.
 */
export function labelsOf(resource: Resource): string[] {
  const labels = carriedLabels(resource);
  const given = [
    ...(!labels.includes('SEX') && isSensitiveContent(resource) ? ['SEX'] : []),
    ...(!labels.includes(SDV_LABEL) && isSdvContent(resource)
      ? [isSafetyAlert(resource) && !containsSdv(resource) ? SDV_ALERT_LABEL : SDV_LABEL]
      : []),
    ...(!labels.includes(MENTAL_HEALTH_LABEL) && isMentalHealthService(resource) ? [MENTAL_HEALTH_LABEL] : []),
    ...(isPrivacySetting(resource) && !labels.includes(RESIDENT_SETTINGS_LABEL) ? [RESIDENT_SETTINGS_LABEL] : []),
  ];
  return given.length === 0 ? labels : [...labels, ...given];
}

/**
 * A safety alert as the record summary lists one (the SDK's `isActiveFlag`, `isAlert`): a Flag of any category whose
 * status is not `inactive` or `entered-in-error` in any case or spacing — a missing or unknown status has not said the
 * alert has ended. Not its period: labels are kept as the item is written, not as the clock moves.
 */
function isSafetyAlert(resource: Resource): boolean {
  if (resource['resourceType'] !== 'Flag') return false;
  const status = resource['status'];
  const code = typeof status === 'string' ? status.trim().toLowerCase() : '';
  return code !== 'inactive' && code !== 'entered-in-error';
}

/**
 * The label codes an item carries: its own, and those of every resource it contains. FHIR (dom-5) gives a contained
 * resource no labels of its own, so one that has them came from a source that meant them: they are the item's, and
 * the item is withheld as if it carried them itself — never sent whole with its label unread.
 */
function carriedLabels(resource: Resource, into: string[] = []): string[] {
  const security = (resource['meta'] as { security?: unknown } | undefined)?.security;
  for (const label of Array.isArray(security) ? (security as { code?: unknown }[]) : [])
    if (typeof label?.code === 'string' && !into.includes(label.code)) into.push(label.code);
  const contained = resource['contained'];
  for (const inner of Array.isArray(contained) ? contained : [])
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) carriedLabels(inner as Resource, into);
  return into;
}

/**
 * An item's label codes as this viewer sees it: for a reader of a reduced view of its type, those of what the view
 * shows (`labelsOf` of the view: the item's own labels, which the view keeps in `meta`, and SEX or PSY by what the
 * view holds — not what it leaves out, contained resources and their labels among them); for everyone else, the
 * item's (`labelsOf`).
 */
export const labelsSeenBy = (resource: Resource, visibility: Visibility): string[] => labelsOf(shownBy(visibility.views, resource));

/** What a resident's privacy setting is, as the hub applies it (`privacySettingKind`). */
export type PrivacySettingKind = 'sharing-choice' | 'unreadable-choice' | 'permission';

/**
 * What a Consent is among the resident's privacy settings, in one place for every rule that reads them, so that they
 * cannot disagree (reviewer R15): a carer's permission (the proxy rule, R16: by its category, whatever its scope — one
 * with STU3's scope or none grants access all the same); a sharing choice (R7: scope `patient-privacy`, R4's system or
 * STU3's, in any spelling); or a choice the hub cannot read (R7: no scope it knows, a consent directive or organisations
 * in its provision), which withholds her record. Each is labelled `RESIDENT-SETTINGS` (R10); any other Consent (a
 * treatment consent, an advance decision) is `undefined`, shared as any item is. The SDK's rules, so that her screen
 * counts the same ones.
 */
export function privacySettingKind(resource: Resource): PrivacySettingKind | undefined {
  if (resource['resourceType'] !== 'Consent') return undefined;
  const consent = resource as unknown as Consent;
  if (isProxyConsent(consent)) return 'permission';
  if (isSharingChoice(consent)) return 'sharing-choice';
  return isUnreadableSharingChoice(consent) ? 'unreadable-choice' : undefined;
}

const isPrivacySetting = (resource: Resource): boolean => privacySettingKind(resource) !== undefined;

const sourceOfResource = (resource: Resource): string | undefined => {
  const source = (resource['meta'] as { source?: unknown } | undefined)?.source;
  return typeof source === 'string' ? source : undefined;
};

/** Left out because its source is not answering (not withheld: the answer names the source instead). */
export function isUnavailable(resource: Resource, visibility: Visibility): boolean {
  const source = sourceOfResource(resource);
  return source !== undefined && (visibility.unavailableSources ?? []).includes(source);
}

/**
 * Withheld from this viewer: a hidden label not of their own organisation (or naming an entry withheld from them), or a
 * source the resident keeps from them.
 */
export function isWithheld(resource: Resource, visibility: Visibility): boolean {
  const source = sourceOfResource(resource);
  if (source !== undefined && (visibility.hiddenSources ?? []).includes(source)) return true;
  const labels = labelsSeenBy(resource, visibility);
  const bySource = (label: string) =>
    source !== undefined &&
    !UNLABELLED_BY_SOURCE.includes(String(resource['resourceType'])) &&
    (visibility.labelledSources?.[label] ?? []).includes(source);
  let named: string[] | undefined;
  const names = (entries: readonly string[]) =>
    entries.length > 0 && (named ??= serviceKeysSeenBy(resource, visibility)).some((key) => entries.includes(key));
  const byService = (label: string) => names(visibility.labelledServices?.[label] ?? []);
  const hidden =
    visibility.hiddenLabels.some((label) => labels.includes(label) || bySource(label) || byService(label)) ||
    names(visibility.withheldEntries ?? []);
  return hidden && !(visibility.unlessSource !== undefined && source === visibility.unlessSource);
}

export function isVisible(resource: Resource, visibility: Visibility): boolean {
  return !isUnavailable(resource, visibility) && !isWithheld(resource, visibility);
}

/**
 * A code as the store keeps it. A comma inside a code (FHIR allows one) must not split it into codes it is not, and
 * no code a source sends may read as one kept for a reduced view's readers (`viewCode`), whose mark is U+001E, or as
 * a directory entry (`serviceCode`), whose mark is U+001D; nor hold a NUL, which PostgreSQL's text cannot.
 */
const storedCode = (code: string) =>
  code.replaceAll(',', '\u001f').replaceAll('\u001e', '\ufffd').replaceAll('\u001d', '\ufffd').replaceAll('\u0000', '\ufffd');
/** A code as the store keeps it for the readers of these reduced views (`Visibility.views`). */
const viewCode = (views: string, code: string) => `\u001e${views}\u001e${storedCode(code)}`;
/** A code as the store keeps it for this viewer: as their reduced views show the item, if they read any. */
const storedCodeFor = (visibility: Visibility, code: string) =>
  visibility.views === undefined ? storedCode(code) : viewCode(visibility.views, code);

/**
 * A directory entry an item's service elements point at (`serviceReferenceKeys`), as the store keeps it beside the
 * labels: marked U+001D, which no label code as stored holds.
 */
const SERVICE_MARK = '\u001d';
const serviceCode = (key: string) => `${SERVICE_MARK}${storedCode(key)}`;
/** The same, for this viewer: as their reduced views show the item, if they read any. */
const serviceCodeFor = (visibility: Visibility, key: string) =>
  visibility.views === undefined ? serviceCode(key) : `\u001e${visibility.views}\u001e${serviceCode(key)}`;

/** These entries as one SQL value: a JSON array for SQLite's `json_each`, an array for PostgreSQL's `unnest`. */
const serviceCodesFor = (visibility: Visibility, keys: readonly string[], dialect: 'sqlite' | 'postgres'): unknown => {
  const codes = keys.map((key) => `,${serviceCodeFor(visibility, key)},`);
  return dialect === 'sqlite' ? JSON.stringify(codes) : codes;
};

/** What an item names that may give it a label when read: the directory entries of its service elements, its Medications. */
const namedEntryKeys = (resource: Resource): string[] => [...serviceReferenceKeys(resource), ...medicationReferenceKeys(resource)];

/** The entries an item names (`namedEntryKeys`), as this viewer sees the item (`labelsSeenBy`). */
const serviceKeysSeenBy = (resource: Resource, visibility: Visibility): string[] => namedEntryKeys(shownBy(visibility.views, resource));

/**
 * Whether labels as the store keeps them (`storedLabels`) hold this one as the item's own: what a search of the
 * item's type finds it withheld by.
 */
export const storedLabelsHold = (stored: string, label: string): boolean => stored.includes(`,${storedCode(label)},`);

/** Whether labels as the store keeps them name this entry (`Type/id`, or at an address): as the item is, not a view of it. */
export const storedLabelsName = (stored: string, key: string): boolean => stored.includes(`,${serviceCode(key)},`);

/**
 * Whether labels as the store keeps them name any of these entries, as the item is: for a list as long as the
 * directory's, read once into a set, each row's entries then looked up in it.
 */
export function storedLabelsNamingAny(keys: readonly string[]): (stored: string) => boolean {
  const codes = new Set(keys.map(serviceCode));
  return (stored) => codes.size > 0 && stored.split(',').some((code) => codes.has(code));
}

/**
 * Labels as the store keeps them, `,CODE,CODE,`, so that one can be found with `instr` (`strpos`): the item's
 * (`labelsOf`), then, for the readers of each set of reduced views, the item's labels as they see it (`labelsSeenBy`),
 * each marked as theirs — for every type, so that their searches ask one column one way.
 */
export const storedLabels = (resource: Resource): string => {
  const labels = labelsOf(resource);
  const services = namedEntryKeys(resource);
  const codes = [...labels.map(storedCode), ...services.map(serviceCode)];
  for (const { name } of VIEW_READERS) {
    // A type the view leaves as it is (`shownBy` gives the item itself) is seen as the item is: worked out once.
    const seen = shownBy(name, resource);
    const views = { hiddenLabels: [], views: name };
    codes.push(
      ...(seen === resource ? labels : labelsOf(seen)).map((code) => viewCode(name, code)),
      ...(seen === resource ? services : namedEntryKeys(seen)).map((key) => serviceCodeFor(views, key)),
    );
  }
  return codes.length === 0 ? '' : `,${codes.join(',')},`;
};

/** SQL conditions over a row's `source` and stored `labels` columns. */
export interface SqlConditions {
  conditions: string[];
  values: unknown[];
}

const notIn = (column: string, sources: readonly string[]) =>
  `(${column} IS NULL OR ${column} NOT IN (${sources.map(() => '?').join(', ')}))`;

/** `isUnavailable`, as SQL: rows to leave out before anything is counted. */
export function availableSql(visibility: Visibility, columns: { source: string }): SqlConditions {
  const sources = visibility.unavailableSources ?? [];
  return sources.length === 0 ? { conditions: [], values: [] } : { conditions: [notIn(columns.source, sources)], values: [...sources] };
}

/**
 * `isWithheld`, negated, as SQL: the rows this viewer may see. The same
 * conditions in SQLite and PostgreSQL, in each one's words.
 */
export function notWithheldSql(
  visibility: Visibility,
  columns: { source: string; labels: string; type?: string },
  dialect: 'sqlite' | 'postgres' = 'sqlite',
): SqlConditions {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const position = dialect === 'sqlite' ? 'instr' : 'strpos';
  const same = dialect === 'sqlite' ? 'IS' : 'IS NOT DISTINCT FROM';
  const entries =
    dialect === 'sqlite'
      ? `SELECT 1 FROM json_each(?) AS entry WHERE instr(${columns.labels}, entry.value) > 0`
      : `SELECT 1 FROM unnest(?::text[]) AS entry(code) WHERE strpos(${columns.labels}, entry.code) > 0`;
  // A row naming none of a list of entries (values: the mark, the list): `isWithheld`'s `names`, negated.
  const notNaming = `(${position}(${columns.labels}, ?) = 0 OR NOT EXISTS (${entries}))`;
  for (const label of visibility.hiddenLabels) {
    // instr/strpos, not LIKE: exact and case-sensitive, as the function above compares.
    const sources = visibility.labelledSources?.[label] ?? [];
    const unlabelled = `${position}(${columns.labels}, ?) = 0`;
    const exempt = columns.type === undefined ? [] : UNLABELLED_BY_SOURCE;
    const notBySource =
      exempt.length === 0
        ? notIn(columns.source, sources)
        : `(${columns.type} IN (${exempt.map(() => '?').join(', ')}) OR ${notIn(columns.source, sources)})`;
    // The directory entries that count as the label, in one term whatever their number (a directory may hold
    // thousands; a term each would overflow the expression, and a row holds a few): a row holding no entry at all
    // (most rows) is passed at once, else each entry is looked for in it.
    const services = visibility.labelledServices?.[label] ?? [];
    const notByService = services.length === 0 ? [] : [notNaming];
    const parts = [unlabelled, ...(sources.length === 0 ? [] : [notBySource]), ...notByService];
    const absent = parts.length === 1 ? unlabelled : `(${parts.join(' AND ')})`;
    conditions.push(visibility.unlessSource ? `(${absent} OR ${columns.source} ${same} ?)` : absent);
    values.push(
      `,${storedCodeFor(visibility, label)},`,
      ...(sources.length === 0 ? [] : [...exempt, ...sources]),
      ...(services.length === 0 ? [] : [SERVICE_MARK, serviceCodesFor(visibility, services, dialect)]),
      ...(visibility.unlessSource ? [visibility.unlessSource] : []),
    );
  }
  const withheldEntries = visibility.withheldEntries ?? [];
  if (withheldEntries.length > 0) {
    conditions.push(visibility.unlessSource ? `(${notNaming} OR ${columns.source} ${same} ?)` : notNaming);
    values.push(
      SERVICE_MARK,
      serviceCodesFor(visibility, withheldEntries, dialect),
      ...(visibility.unlessSource ? [visibility.unlessSource] : []),
    );
  }
  const hiddenSources = visibility.hiddenSources ?? [];
  if (hiddenSources.length > 0) {
    conditions.push(notIn(columns.source, hiddenSources));
    values.push(...hiddenSources);
  }
  return { conditions, values };
}
