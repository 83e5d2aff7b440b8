/**
 * What a resident or their carer adds speaks only for them (R9). The hub names
 * them as its author (`performer`, `informationSource`), but an entry could
 * still say a professional spoke: a contained Practitioner as a note's author,
 * a reference to an organisation as a reading's performer, a name typed as a
 * reference's display. The record's views read those as a clinician's or a
 * service's words. So, in what a resident or carer sends:
 *
 * - a contained resource is only a thing they used or took — a measuring
 *   `Device`, a `Medication`, a `Substance` — never a person, a team or an
 *   organisation (nor anything else that could carry one, such as a Provenance);
 * - an element that says who made, recorded or asserted it (`performer`,
 *   `author`, `recorder`, `informationSource`, …), wherever it is, names the
 *   resident (`Patient/<id>`) or the carer themself (their `RelatedPerson/<id>`),
 *   by reference alone: no display, identifier or free-text author;
 * - no reference anywhere points at a professional or organisation (`Practitioner`,
 *   `PractitionerRole`, `Organization`, `CareTeam`, `HealthcareService`).
 *
 * A sharing choice or permission (a Consent) names organisations on purpose
 * (whom it keeps the record from), and its performer is stamped by the hub; only
 * the first rule applies to it.
 *
 * The SDK's readings and medicines (`person-held/readings.ts`) send the resident
 * as `performer` or `informationSource` and nothing contained, so they pass.
 */

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

/** Whether an attribution names the resident or the carer themself, by reference alone. */
function isOwn(value: unknown, own: ReadonlySet<string>): boolean {
  if (!isObject(value)) return false;
  const reference = value['reference'];
  if (typeof reference !== 'string' || !own.has(reference)) return false;
  if (value['type'] !== undefined && value['type'] !== reference.slice(0, reference.indexOf('/'))) return false;
  return Object.keys(value).every((key) => key === 'reference' || key === 'type');
}

/**
 * Where a resident's or carer's entry claims to come from a professional or organisation, as a FHIRPath
 * (`Observation.note[0].authorReference`, `Observation.contained[0]`), or `undefined`.
 *
 * @param own the references that are the writer: `Patient/<resident>`, and a carer's `RelatedPerson/<id>`
 */
export function professionalClaimAt(body: unknown, type: string, own: ReadonlySet<string>): string | undefined {
  if (!isObject(body)) return undefined;
  const entry = type !== 'Consent';
  const walk = (value: unknown, path: string, key: string | undefined): string | undefined => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        const found = walk(item, `${path}[${index}]`, key);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (entry && key !== undefined && ATTRIBUTION.has(key) && !isOwn(value, own)) return path;
    if (!isObject(value)) return undefined;
    if (entry && (typeof value['reference'] === 'string' || typeof value['type'] === 'string')) {
      const pointsAt = referencedType(value);
      if (pointsAt !== undefined && PROFESSIONAL_TYPES.has(pointsAt)) return path;
    }
    for (const [name, inner] of Object.entries(value)) {
      if (name === 'contained') {
        const contained = Array.isArray(inner) ? inner : [inner];
        for (const [index, resource] of contained.entries()) {
          const at = `${path}.contained[${index}]`;
          if (!isObject(resource) || !CONTAINABLE.has(String(resource['resourceType']))) return at;
          const found = walk(resource, at, undefined);
          if (found !== undefined) return found;
        }
        continue;
      }
      const found = walk(inner, `${path}.${name}`, name);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(body, type, undefined);
}
