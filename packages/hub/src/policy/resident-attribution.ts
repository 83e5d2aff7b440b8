/**
 * What a resident or their carer writes speaks only for them (R9), and only
 * about the resident's own record. The hub names them as its author
 * (`performer`, `informationSource`), but an entry could still say a
 * professional spoke — a contained Practitioner as a note's author, a
 * reference to an organisation as a reading's performer, "Dr A Patel, GP"
 * typed as a reference's display, an identifier "assigned" by a hospital —
 * or point into another resident's record. The record's views, and other
 * systems, read those as a clinician's or a service's words. So, in an entry
 * a resident or carer sends (a reading, a medicine, a contact to invite):
 *
 * - a contained resource is only a thing they used or took — a measuring
 *   `Device`, a `Medication`, a `Substance` — never a person, a team or an
 *   organisation (nor anything else that could carry one, such as a Provenance);
 * - every reference, wherever it is (on the entry, in a note, an identifier,
 *   an extension or a contained thing), is a literal reference alone — no
 *   display, no identifier — to the resident or the carer themself; where it
 *   says what was used (a device, a medicine), it may point at a thing the
 *   entry contains; where it says who made, recorded or asserted it
 *   (`performer`, `author`, `recorder`, `informationSource`, …), only at them;
 * - no narrative (`text`), no modifier extension and no `implicitRules`: free
 *   text and changed meanings the hub cannot check.
 *
 * A Consent a resident saves (a sharing choice, a permission for a carer)
 * names people and organisations on purpose: it may name the resident, people
 * on their own record and organisations the hub knows (a display may go with
 * them), never another resident or a professional; its performer is stamped
 * by the hub; a professional's verification or a source document is not the
 * resident's to add or change (on a change they stay as they were). On a
 * change, what is as it was is not checked again: a permission a practice
 * recorded can always be stopped or changed.
 *
 * The SDK's readings and medicines (`person-held/readings.ts`) send the resident
 * as `performer` or `informationSource` and nothing contained, so they pass.
 */

import { canonicalJson } from '../fhir/reduced-views.js';

type Json = Record<string, unknown>;

/** What a resident's entry may contain: things, never someone. */
const CONTAINABLE: ReadonlySet<string> = new Set(['Device', 'Medication', 'Substance']);
/** Elements that say who made, recorded or vouched for what they sit in. */
const ATTRIBUTION: ReadonlySet<string> = new Set([
  'author',
  'authorReference',
  'authorString',
  'performer',
  'recorder',
  'asserter',
  'informationSource',
  'requester',
  'enterer',
  'owner',
  'attester',
  'verifiedBy',
  'collector',
]);
/**
 * The other Reference elements of what a resident or carer may write (Observation, MedicationStatement,
 * RelatedPerson, Consent), of what an entry may contain (Device, Medication, Substance) and of the data types in
 * them (Annotation, Identifier, Extension).
 */
const REFERENCE_ELEMENTS: ReadonlySet<string> = new Set([
  ...ATTRIBUTION,
  'subject',
  'patient',
  'device',
  'focus',
  'basedOn',
  'partOf',
  'encounter',
  'specimen',
  'hasMember',
  'derivedFrom',
  'medicationReference',
  'reasonReference',
  'context',
  'location',
  'parent',
  'definition',
  'manufacturer',
  'itemReference',
  'substanceReference',
  'assigner',
  'valueReference',
  'organization',
  'sourceReference',
  'verifiedWith',
]);
/** Of those, the ones that say who wrote, recorded or vouched for something (a device's owner only owns it). */
const AUTHORSHIP: ReadonlySet<string> = new Set([...ATTRIBUTION].filter((element) => element !== 'owner'));
/** Types that are a professional or an organisation. */
const PROFESSIONAL_TYPES: ReadonlySet<string> = new Set([
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'CareTeam',
  'HealthcareService',
]);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The resource type a reference points at, by its literal reference (relative or absolute) or its `type`. */
function referencedType(reference: Json): string | undefined {
  const literal = reference['reference'];
  if (typeof literal === 'string') {
    const match = /(?:^|\/)([A-Z][A-Za-z]+)\/[^/]+(?:\/_history\/[^/]+)?$/.exec(literal);
    if (match) return match[1];
  }
  return typeof reference['type'] === 'string' ? reference['type'] : undefined;
}

/** Whether a value at `key` (or any object with a literal `reference`) is a Reference. */
const isReference = (key: string | undefined, value: unknown): boolean =>
  (key !== undefined && REFERENCE_ELEMENTS.has(key)) ||
  (isObject(value) && typeof value['reference'] === 'string') ||
  // A Consent's `provision.actor.reference` and `provision.data.reference` are References named `reference`.
  (key === 'reference' && isObject(value));

/** A reference by its literal reference alone (and a `type` that agrees), or `undefined`. */
function bareReference(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const reference = value['reference'];
  if (typeof reference !== 'string') return undefined;
  if (value['type'] !== undefined && value['type'] !== reference.slice(0, reference.indexOf('/'))) return undefined;
  return Object.keys(value).every((key) => key === 'reference' || key === 'type') ? reference : undefined;
}

/** The ids of the resources a body contains, as a reference to them is written (`#id`). */
function containedIds(body: Json): Set<string> {
  const contained = Array.isArray(body['contained']) ? (body['contained'] as unknown[]) : [];
  return new Set(contained.filter(isObject).map((resource) => `#${String(resource['id'])}`));
}

/**
 * FHIR's modifier elements a resident or carer could send at any depth: each changes what the rest means in ways the
 * hub cannot check (`implicitRules` says the entry must be read by rules only its writer knows), and FHIR asks a
 * server that does not understand one to refuse it.
 */
const MODIFIER_ELEMENTS: ReadonlySet<string> = new Set(['modifierExtension', 'implicitRules']);

/**
 * Walks what a resident or carer sent, calling `reference` on each Reference (not looking inside it) and refusing,
 * wherever they are, a narrative (`text` as an object: free text the hub cannot check, which other systems show as
 * the entry), a modifier (`MODIFIER_ELEMENTS`: a modifier extension or `implicitRules`), and a contained resource
 * that is not a thing.
 */
function walkSent(
  body: Json,
  type: string,
  reference: (value: unknown, key: string | undefined, path: string) => string | undefined,
  skip: (key: string, depth: number) => boolean = () => false,
): string | undefined {
  const walk = (value: unknown, path: string, key: string | undefined, depth: number): string | undefined => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        const found = walk(item, `${path}[${index}]`, key, depth);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (depth > 0 && isReference(key, value)) return reference(value, key, path);
    if (!isObject(value)) return undefined;
    if (typeof value['type'] === 'string' && PROFESSIONAL_TYPES.has(value['type']) && referencedType(value) !== undefined) return path;
    for (const [name, inner] of Object.entries(value)) {
      const at = `${path}.${name}`;
      if (skip(name, depth)) continue;
      if (MODIFIER_ELEMENTS.has(name) || (name === 'text' && isObject(inner))) return at;
      if (name === 'contained') {
        const contained = Array.isArray(inner) ? inner : [inner];
        for (const [index, resource] of contained.entries()) {
          const where = `${path}.contained[${index}]`;
          if (!isObject(resource) || !CONTAINABLE.has(String(resource['resourceType']))) return where;
          const found = walk(resource, where, undefined, depth + 1);
          if (found !== undefined) return found;
        }
        continue;
      }
      const found = walk(inner, at, name, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(body, type, undefined, 0);
}

/**
 * Where a resident's or carer's entry (a reading, a medicine, a contact to invite) names anyone or anything but
 * themself or what it contains, as a FHIRPath (`Observation.note[0].authorReference`, `Observation.contained[0]`),
 * or `undefined`. Every reference is a literal reference alone — no display or identifier, which the views and
 * other systems read as who spoke — to the resident or the writer (`own`), or, where it says what was used, to a
 * resource the entry contains; where it says who made or recorded it, only to the writer or the resident.
 *
 * @param own the references that are the writer: `Patient/<resident>`, and a carer's `RelatedPerson/<id>`
 * @param writer who writes: where the entry says who wrote, recorded or asserted something (other than what the hub
 *   sets itself), only they — a carer never writes as the resident
 */
export function professionalClaimAt(body: unknown, type: string, own: ReadonlySet<string>, writer?: string): string | undefined {
  if (!isObject(body)) return undefined;
  const inside = containedIds(body);
  // The hub sets these itself to the writer, whatever was sent (the SDK sends the resident).
  const stamped = new RegExp(`^${type}\\.(?:performer\\[\\d+\\]|informationSource)$`);
  return walkSent(body, type, (value, key, path) => {
    const reference = bareReference(value);
    if (reference === undefined) return path;
    // Who wrote or vouched for something is the writer: a carer's note is theirs, not the resident's.
    if (writer !== undefined && key !== undefined && AUTHORSHIP.has(key) && !stamped.test(path))
      return reference === writer ? undefined : path;
    if (own.has(reference)) return undefined;
    return key !== undefined && !ATTRIBUTION.has(key) && inside.has(reference) ? undefined : path;
  });
}

/** A Consent's elements that record someone else's word — a professional's check, a signed form — kept as they were. */
/** A Consent's elements only others record: a resident's change keeps them as they were (`keptAsRecorded`). */
export const CONSENT_RECORDED_BY_OTHERS = ['verification', 'sourceAttachment', 'sourceReference'] as const;

/**
 * A resident's change of a Consent with what others recorded in it as it was, whatever she sent of it: she may leave
 * it out, or send it as she reads it (without a form kept from her); `consentClaimAt` refuses anything else.
 */
export function keptAsRecorded(body: Json, previous: Json): Json {
  const recordedByOthers: readonly string[] = CONSENT_RECORDED_BY_OTHERS;
  const hers = Object.entries(body).filter(([key]) => !recordedByOthers.includes(key));
  const others = CONSENT_RECORDED_BY_OTHERS.flatMap((element) => (previous[element] === undefined ? [] : [[element, previous[element]]]));
  return Object.fromEntries([...hers, ...others]) as Json;
}

/**
 * A changed Consent with each nested provision that is as it was (the same content as one of the stored version's)
 * left empty, in its place: a change of the rest must not refuse what a practice recorded and she did not touch (a
 * deny naming an organisation since gone from the directory). What she adds or changes is checked in full.
 */
function withoutUnchangedExceptions(body: Json, previous: Json | undefined): Json {
  const provision = body['provision'];
  const earlier = isObject(previous?.['provision']) ? previous['provision']['provision'] : undefined;
  if (!isObject(provision) || !Array.isArray(provision['provision']) || !Array.isArray(earlier)) return body;
  const kept = new Set(earlier.map((exception) => canonicalJson(exception)));
  const exceptions = (provision['provision'] as unknown[]).map((exception) => (kept.has(canonicalJson(exception)) ? {} : exception));
  return { ...body, provision: { ...provision, provision: exceptions } };
}

/**
 * Where a Consent a resident saves names anyone it may not, as a FHIRPath, or `undefined`. It may name the
 * resident, people on their own record (`RelatedPerson`) and organisations the hub knows, each by a literal
 * reference (a display may go with it); its performer is the hub's to set. A professional's verification or a
 * source document is not the resident's to add or change: on a change of a Consent they are kept as they were.
 * The rules of each kind of Consent (`sharing.ts`, `proxy.ts`) apply as well.
 */
export async function consentClaimAt(
  body: unknown,
  previous: Json | undefined,
  patientId: string,
  exists: (type: 'RelatedPerson' | 'Organization', id: string) => Promise<Json | undefined>,
): Promise<string | undefined> {
  if (!isObject(body)) return undefined;
  for (const element of CONSENT_RECORDED_BY_OTHERS)
    if (body[element] !== undefined && canonicalJson(body[element]) !== canonicalJson(previous?.[element])) return `Consent.${element}`;
  const references: { path: string; reference: string | undefined }[] = [];
  const found = walkSent(
    withoutUnchangedExceptions(body, previous),
    'Consent',
    (value, _key, path) => {
      const reference = isObject(value) && typeof value['reference'] === 'string' ? value['reference'] : undefined;
      const extra = isObject(value) ? Object.keys(value).some((key) => !['reference', 'type', 'display'].includes(key)) : true;
      references.push({ path, reference: extra ? undefined : reference });
      return undefined;
    },
    // The performer is stamped by the hub; what others recorded is kept as it was (checked above); on a change,
    // what is as it was is not the resident's word, and stopping or changing a permission must always work.
    (key, depth) =>
      depth === 0 &&
      (key === 'performer' ||
        (CONSENT_RECORDED_BY_OTHERS as readonly string[]).includes(key) ||
        (previous !== undefined && canonicalJson(body[key]) === canonicalJson(previous[key]))),
  );
  if (found !== undefined) return found;
  for (const { path, reference } of references) {
    if (reference === `Patient/${patientId}`) continue;
    const [, kind, id] = /^(RelatedPerson|Organization)\/([A-Za-z0-9\-.]{1,64})$/.exec(reference ?? '') ?? [];
    const target = kind && id ? await exists(kind as 'RelatedPerson' | 'Organization', id) : undefined;
    if (!target) return path;
    if (kind === 'RelatedPerson' && (target['patient'] as { reference?: unknown } | undefined)?.reference !== `Patient/${patientId}`)
      return path;
  }
  return undefined;
}
