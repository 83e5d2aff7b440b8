/**
 * When two records are the same medicine. The rule, in order:
 *
 * 1. Two records with a dm+d code in common are the same medicine. dm+d codes
 *    are read from `https://dmd.nhs.uk` and from `http://snomed.info/sct`
 *    (UK Core carries dm+d concepts under SNOMED CT, which contains them).
 * 2. Two records whose codes differ (both coded, none shared) are different
 *    medicines, whatever their names say.
 * 3. Otherwise records with the same normalised name are the same medicine:
 *    case and spacing are ignored (`Amlodipine 5 mg Tablets` is
 *    `amlodipine 5mg tablets`); everything else, the strength included, must match.
 * 4. Never across strengths: when both names state a strength (`5mg`, `10mg`,
 *    `100micrograms`) and the strengths differ, they are different medicines
 *    even when a code says otherwise.
 */
import { codedText, conceptText, type ConceptLike, presentText } from './concept-text.js';
import { NAME_NOT_READ } from '../format/placeholders.js';

const DMD_SYSTEMS: ReadonlySet<string> = new Set(['https://dmd.nhs.uk', 'http://snomed.info/sct']);

export interface MedicineIdentity {
  /** dm+d concept ids. */
  codes: ReadonlySet<string>;
  /** The normalised name; `undefined` when the record names no medicine. */
  nameKey?: string;
  /** Strengths stated in the name, normalised and sorted (`5mg`); empty when none. */
  strengths: string;
}

const STRENGTH = /(\d+(?:\.\d+)?)\s*(micrograms?|mcg|nanograms?|mg|g|ml|mmol|units?|iu|%)(?![a-z])/gi;

/** The dm+d codes of a medication concept, trailing slashes on systems forgiven. */
export function dmdCodes(concept: ConceptLike | undefined): string[] {
  const codes: string[] = [];
  for (const coding of concept?.coding ?? []) {
    const system = coding.system?.trim().replace(/\/+$/, '');
    const code = presentText(coding.code);
    if (system && code && DMD_SYSTEMS.has(system) && !codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** Lower case, one space between words, none between a number and its unit. */
export function normaliseMedicineName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\d)\s+(?=[a-z%])/g, '$1');
}

function strengthsOf(normalisedName: string): string {
  const found = new Set<string>();
  for (const match of normalisedName.matchAll(STRENGTH)) {
    const [, amount, unit] = match;
    found.add(`${Number(amount)}${unit?.toLowerCase().replace(/^microgram$/, 'micrograms') ?? ''}`);
  }
  return [...found].sort().join('+');
}

export function medicineIdentity(codes: readonly string[], name: string | undefined): MedicineIdentity {
  const nameKey = name ? normaliseMedicineName(name) : undefined;
  const identity: MedicineIdentity = { codes: new Set(codes), strengths: nameKey ? strengthsOf(nameKey) : '' };
  if (nameKey) identity.nameKey = nameKey;
  return identity;
}

const shareAny = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((code) => b.has(code));

/** Whether two records are the same medicine, by the rule above. */
export function isSameMedicine(a: MedicineIdentity, b: MedicineIdentity): boolean {
  if (a.strengths && b.strengths && a.strengths !== b.strengths) return false;
  if (a.codes.size > 0 && b.codes.size > 0) return shareAny(a.codes, b.codes);
  return a.nameKey !== undefined && a.nameKey === b.nameKey;
}

/**
 * Whether two records say they are different medicines: their strengths
 * differ, they are both coded with no code in common, or (no code in common)
 * both are named and the names differ. A record with a code and no name, and
 * one with a name and no code, say nothing either way.
 */
function areDifferentMedicines(a: MedicineIdentity, b: MedicineIdentity): boolean {
  if (a.strengths && b.strengths && a.strengths !== b.strengths) return true;
  if (a.codes.size > 0 && b.codes.size > 0) return !shareAny(a.codes, b.codes);
  return a.nameKey !== undefined && b.nameKey !== undefined && a.nameKey !== b.nameKey;
}

/**
 * Records grouped into medicines, whatever order they came in: two groups are
 * one medicine when a record of one is the same medicine as a record of the
 * other (`isSameMedicine`) and no two of their records say they differ. So a
 * dm+d code sent with no name joins the record that gives the code a name,
 * and, through it, the records that give only that name. `mayJoin` adds a
 * further condition on joining two groups.
 */
export function groupMedicines<T>(
  items: readonly T[],
  identitiesOf: (item: T) => readonly MedicineIdentity[],
  mayJoin: (a: readonly T[], b: readonly T[]) => boolean = () => true,
): T[][] {
  const groups = items.map((item) => [item]);
  const identities = (group: readonly T[]): MedicineIdentity[] => group.flatMap(identitiesOf);
  const linked = (a: readonly T[], b: readonly T[]): boolean => {
    const [ofA, ofB] = [identities(a), identities(b)];
    return (
      ofA.some((x) => ofB.some((y) => isSameMedicine(x, y))) &&
      ofA.every((x) => ofB.every((y) => !areDifferentMedicines(x, y))) &&
      mayJoin(a, b)
    );
  };
  for (let joined = true; joined;) {
    joined = false;
    for (let i = 0; i < groups.length && !joined; i++)
      for (let j = i + 1; j < groups.length && !joined; j++) {
        const [a, b] = [groups[i], groups[j]];
        if (a && b && linked(a, b)) {
          a.push(...b);
          groups.splice(j, 1);
          joined = true;
        }
      }
  }
  return groups;
}

/** A Medication resource, as far as naming a medicine needs it. */
interface MedicationLike {
  resourceType?: unknown;
  id?: unknown;
  code?: unknown;
}

/** Medication resources by `Medication/<id>`: those a Bundle carried (`_include`d or listed beside the orders). */
export type MedicationDirectory = ReadonlyMap<string, ConceptLike | undefined>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A concept as far as it is readable: a `text` string and codings that are objects; `undefined` when not a concept. */
function readConcept(value: unknown): ConceptLike | undefined {
  if (!isObject(value)) return undefined;
  const text = typeof value['text'] === 'string' ? value['text'] : undefined;
  const coding = Array.isArray(value['coding'])
    ? value['coding'].filter(isObject).map((item) => ({
        ...(typeof item['system'] === 'string' ? { system: item['system'] } : {}),
        ...(typeof item['code'] === 'string' ? { code: item['code'] } : {}),
        ...(typeof item['display'] === 'string' ? { display: item['display'] } : {}),
      }))
    : undefined;
  return { ...(text !== undefined ? { text } : {}), ...(coding ? { coding } : {}) };
}

/** The Medications among `resources` (others are ignored), by `Medication/<id>`. */
export function medicationDirectory(resources: Iterable<unknown>): MedicationDirectory {
  const directory = new Map<string, ConceptLike | undefined>();
  for (const resource of resources) {
    const medication = resource as MedicationLike | null | undefined;
    if (!isObject(medication) || medication.resourceType !== 'Medication' || typeof medication.id !== 'string') continue;
    const key = `Medication/${medication.id.trim()}`;
    if (!directory.has(key)) directory.set(key, readConcept(medication.code));
  }
  return directory;
}

/** What names the medicine of a MedicationRequest or MedicationStatement. */
export interface MedicineCarrier {
  medicationCodeableConcept?: unknown;
  medicationReference?: unknown;
  contained?: unknown;
}

/**
 * The medicine's concept: `medicationCodeableConcept`, else the Medication
 * that `medicationReference` points at — contained (`#id`) in the resource
 * itself, or among `medications` (`Medication/<id>`, relative, absolute or
 * versioned, or `urn:uuid:<id>` as a transaction bundle names it). `undefined`
 * when neither can be read.
 */
export function medicationConceptOf(resource: MedicineCarrier, medications: MedicationDirectory = new Map()): ConceptLike | undefined {
  return medicationLookup(resource, medications).concept;
}

/**
 * The concept `medicationConceptOf` reads, and whether the medicine is named by a reference to a Medication that is
 * not here to read (not contained, not included): its name is then unread, not unknown.
 */
function medicationLookup(
  resource: MedicineCarrier,
  medications: MedicationDirectory,
): { concept: ConceptLike | undefined; unread: boolean } {
  const inline = readConcept(resource.medicationCodeableConcept);
  if (inline) return { concept: inline, unread: false };
  const reference = isObject(resource.medicationReference) ? resource.medicationReference['reference'] : undefined;
  if (typeof reference !== 'string' || reference.trim() === '') return { concept: undefined, unread: false };
  const target = reference.trim();
  if (target.startsWith('#')) {
    const contained = Array.isArray(resource.contained) ? resource.contained : [];
    const found = contained.find(
      (item: unknown) => isObject(item) && item['resourceType'] === 'Medication' && item['id'] === target.slice(1),
    ) as MedicationLike | undefined;
    return { concept: found ? readConcept(found.code) : undefined, unread: found === undefined };
  }
  // A transaction bundle (Synthea, other exports) names the Medication `urn:uuid:<id>`, and gives it that id.
  const id = /(?:^|\/)Medication\/([^/]+?)(?:\/_history\/[^/]+)?$/.exec(target)?.[1] ?? /^urn:uuid:([0-9a-f-]+)$/i.exec(target)?.[1];
  return {
    concept: id ? medications.get(`Medication/${id}`) : undefined,
    unread: id === undefined || !medications.has(`Medication/${id}`),
  };
}

/**
 * The medicine's name as recorded: the concept's text or first display (from
 * `medicationCodeableConcept` or the referenced Medication), else the
 * reference's `display`; `undefined` when none was recorded. Use it wherever a
 * medicine is named (summary, medication list, timeline).
 */
export function medicineName(resource: MedicineCarrier, medications?: MedicationDirectory): string | undefined {
  const display = isObject(resource.medicationReference) ? resource.medicationReference['display'] : undefined;
  return conceptText(medicationConceptOf(resource, medications)) ?? presentText(typeof display === 'string' ? display : undefined);
}

/**
 * What to show for a medicine sent with no name: its code as words
 * (`dm+d 319283006`, as `codedText` reads any code); else, when it names a
 * Medication that could not be read (not included, not found, withheld),
 * `Name could not be read` — there is a medicine, whose name was not read,
 * which "Not known" would not say; `undefined` when it carries neither. Show
 * it only where no record names the medicine: it is not a name, so it never
 * makes two records the same medicine.
 */
export function medicineCodeText(resource: MedicineCarrier, medications: MedicationDirectory = new Map()): string | undefined {
  const { concept, unread } = medicationLookup(resource, medications);
  return codedText(concept) ?? (unread ? NAME_NOT_READ : undefined);
}
