/**
 * Personal contacts: those current first, then those whose relationship starts
 * later; within each, next of kin first, then carers, then by name. Ended and
 * inactive contacts are left out. A relationship reads as the source's words,
 * else an HL7 relationship code's meaning (`MTH` is `Mother`), else its code.
 */
import type { RelatedPerson } from '../../fhir.js';
import { formatClinicalName, formatResidentName, selectOfficialName } from '../../format/name.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { conceptText, conceptWords, tidyText as tidy, type CodingLike, type ConceptLike } from '../concept-text.js';
import { sourceOf, type SourceLabel } from '../source.js';
import { byText, capitalise, date, endedBefore, startsAfter, type SummaryContext } from './context.js';

export interface ContactItem {
  id: string;
  name: string;
  /** How they relate to the resident, as recorded: `Daughter`, `Main unpaid carer`, `Next of kin`. */
  relationships: string[];
  carer: boolean;
  nextOfKin: boolean;
  /** Preferred phone number, or `Not known`. */
  phone: string;
  /** Their period starts after now: listed, but never as a current contact. */
  notYetStarted: boolean;
  /** When a contact not yet started starts; absent for one who has. */
  starts?: string;
  source: SourceLabel;
}

const V3_ROLE_CODE = 'HL7 RoleCode';
const V2_CONTACT_ROLE = 'HL7 contact role';

/** The code systems a contact's relationship is sent in, by URI (R4 and the older STU3 ones); trailing slashes forgiven. */
const RELATIONSHIP_SYSTEMS: ReadonlyMap<string, string> = new Map([
  ['http://terminology.hl7.org/CodeSystem/v3-RoleCode', V3_ROLE_CODE],
  ['http://hl7.org/fhir/v3/RoleCode', V3_ROLE_CODE],
  ['http://terminology.hl7.org/CodeSystem/v2-0131', V2_CONTACT_ROLE],
  ['http://hl7.org/fhir/v2/0131', V2_CONTACT_ROLE],
]);

/**
 * A relationship sent as a code with no words, in UK usage (`Neighbour`,
 * `Birth mother`): HL7 v3 RoleCode personal relationships and contact roles,
 * and HL7 v2 table 0131 contact roles. Words the source sent always come first.
 */
const RELATIONSHIP_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [V3_ROLE_CODE]: {
    MTH: 'Mother',
    FTH: 'Father',
    PRN: 'Parent',
    NMTH: 'Birth mother',
    NFTH: 'Birth father',
    NPRN: 'Birth parent',
    STPMTH: 'Stepmother',
    STPFTH: 'Stepfather',
    STPPRN: 'Step-parent',
    MTHFOST: 'Foster mother',
    FTHFOST: 'Foster father',
    PRNFOST: 'Foster parent',
    MTHINLAW: 'Mother-in-law',
    FTHINLAW: 'Father-in-law',
    PRNINLAW: 'Parent-in-law',
    GRMTH: 'Grandmother',
    GRFTH: 'Grandfather',
    GRPRN: 'Grandparent',
    GGRMTH: 'Great-grandmother',
    GGRFTH: 'Great-grandfather',
    GGRPRN: 'Great-grandparent',
    CHILD: 'Child',
    DAU: 'Daughter',
    DAUC: 'Daughter',
    SON: 'Son',
    SONC: 'Son',
    NCHILD: 'Child',
    CHLDADOPT: 'Adopted child',
    DAUADOPT: 'Adopted daughter',
    SONADOPT: 'Adopted son',
    CHLDFOST: 'Foster child',
    DAUFOST: 'Foster daughter',
    SONFOST: 'Foster son',
    STPCHLD: 'Stepchild',
    STPDAU: 'Stepdaughter',
    STPSON: 'Stepson',
    CHLDINLAW: 'Child-in-law',
    DAUINLAW: 'Daughter-in-law',
    SONINLAW: 'Son-in-law',
    GRNDCHILD: 'Grandchild',
    GRNDDAU: 'Granddaughter',
    GRNDSON: 'Grandson',
    SIB: 'Sibling',
    SIS: 'Sister',
    BRO: 'Brother',
    NSIB: 'Sibling',
    NSIS: 'Sister',
    NBRO: 'Brother',
    HSIB: 'Half-sibling',
    HSIS: 'Half-sister',
    HBRO: 'Half-brother',
    STPSIB: 'Stepsibling',
    STPSIS: 'Stepsister',
    STPBRO: 'Stepbrother',
    SIBINLAW: 'Sibling-in-law',
    SISINLAW: 'Sister-in-law',
    BROINLAW: 'Brother-in-law',
    TWIN: 'Twin',
    SPS: 'Spouse',
    WIFE: 'Wife',
    HUSB: 'Husband',
    DOMPART: 'Partner',
    SIGOTHR: 'Partner',
    FMRSPS: 'Former spouse',
    AUNT: 'Aunt',
    UNCLE: 'Uncle',
    NIECE: 'Niece',
    NEPHEW: 'Nephew',
    COUSN: 'Cousin',
    FAMMEMB: 'Family member',
    EXT: 'Extended family member',
    FRND: 'Friend',
    NBOR: 'Neighbour',
    ROOM: 'Housemate',
    ONESELF: 'Self',
    GUARD: 'Guardian',
    NOK: 'Next of kin',
    ECON: 'Emergency contact',
    POWATT: 'Power of attorney',
    HPOWATT: 'Healthcare power of attorney',
    DPOWATT: 'Durable power of attorney',
    SPOWATT: 'Special power of attorney',
  },
  [V2_CONTACT_ROLE]: {
    BP: 'Billing contact',
    C: 'Emergency contact',
    CP: 'Contact person',
    E: 'Employer',
    EP: 'Emergency contact',
    F: 'Federal agency',
    I: 'Insurance company',
    N: 'Next of kin',
    O: 'Other',
    PR: 'Person preparing referral',
    S: 'State agency',
    U: 'Relationship unknown',
  },
};

const CARER = '133932002';
const SNOMED = 'http://snomed.info/sct';

/** The code system a relationship coding names (`HL7 RoleCode`), `''` for none, `undefined` for another. */
function relationshipSystem(system: unknown): string | undefined {
  const uri = tidy(system as string | undefined).replace(/\/+$/, '');
  return uri ? RELATIONSHIP_SYSTEMS.get(uri) : '';
}

/**
 * A coding's relationship in words, when its code is one this summary knows:
 * in its own system, or, sent with no system, in either (`N`, `MTH`, as older
 * feeds send them); SNOMED CT's carer.
 */
function codedRelationship(coding: CodingLike | null | undefined): string | undefined {
  const code = tidy(coding?.code).toUpperCase();
  if (!code) return undefined;
  const system = relationshipSystem(coding?.system);
  if (code === CARER && (system === '' || tidy(coding?.system).replace(/\/+$/, '') === SNOMED)) return 'Carer';
  if (system === undefined) return undefined;
  if (system) return RELATIONSHIP_WORDS[system]?.[code];
  return RELATIONSHIP_WORDS[V3_ROLE_CODE]?.[code] ?? RELATIONSHIP_WORDS[V2_CONTACT_ROLE]?.[code];
}

const sameWords = (a: string, b: string): boolean => a.toLowerCase().replace(/[^a-z]/g, '') === b.toLowerCase().replace(/[^a-z]/g, '');

/**
 * A relationship as shown: the source's words (text, else a display); else
 * the words for a code this summary knows; else a relationship code it does
 * not, with its system named (`HL7 RoleCode STPGRMTH`); else any other code as
 * the summary shows codes (`SNOMED CT 58626002`); empty when it says nothing.
 */
export function relationshipText(concept: ConceptLike): string {
  const codings: unknown = concept.coding;
  const list = Array.isArray(codings) ? (codings as (CodingLike | null)[]) : [];
  const known = list.map(codedRelationship).filter((words): words is string => words !== undefined);
  const words = tidy(conceptText(concept));
  // The same words as a code it carries, spelt the standard's way (`Next-of-Kin`), read as this summary spells them.
  if (words) return known.find((meaning) => sameWords(meaning, words)) ?? words;
  if (known[0]) return known[0];
  for (const coding of list) {
    const system = relationshipSystem(coding?.system);
    const code = tidy(coding?.code);
    if (system && code) return `${system} ${code}`;
  }
  return conceptWords(concept, '');
}

function contactItem(person: RelatedPerson, context: SummaryContext, nowValue: Date | string): ContactItem {
  const relationships = (person.relationship ?? [])
    .map((concept) => {
      const text = relationshipText(concept);
      return text ? capitalise(text) : '';
    })
    .filter(Boolean);
  // What each coding means in its own system: a local system's `N`, or SNOMED CT's carer code sent in another system,
  // marks nobody next of kin or carer.
  const meanings = (person.relationship ?? []).flatMap((concept) => (concept.coding ?? []).map(codedRelationship));
  const words = (person.relationship ?? []).map((concept) => conceptText(concept) ?? '').join(' ');
  const phone = (person.telecom ?? [])
    // A number in use now: not marked old, and its period (a landline given up, a number from next week) covers today.
    .filter(
      (point) =>
        (point.system === 'phone' || point.system === 'sms') &&
        tidy(point.value) &&
        point.use !== 'old' &&
        !endedBefore(point.period?.end, context.now) &&
        !startsAfter(point.period?.start, context.now),
    )
    .sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))[0];
  const name = selectOfficialName(person.name, nowValue);
  const notYetStarted = startsAfter(person.period?.start, context.now);
  return {
    id: person.id ?? NOT_KNOWN,
    name: context.audience === 'resident' ? formatResidentName(name) : formatClinicalName(name),
    relationships: relationships.length > 0 ? relationships : [NOT_KNOWN],
    carer: meanings.includes('Carer') || /\bcarer\b|caregiver/i.test(words),
    nextOfKin: meanings.includes('Next of kin') || /next[ -]of[ -]kin/i.test(words),
    phone: tidy(phone?.value) || NOT_KNOWN,
    notYetStarted,
    ...(notYetStarted ? { starts: date(person.period?.start, context) } : {}),
    source: sourceOf(person, context.organizations),
  };
}

export function contactItems(people: readonly RelatedPerson[], context: SummaryContext, nowValue: Date | string): ContactItem[] {
  return people
    .filter((person) => person.active !== false && !endedBefore(person.period?.end, context.now))
    .map((person) => contactItem(person, context, nowValue))
    .sort(
      (a, b) =>
        Number(a.notYetStarted) - Number(b.notYetStarted) ||
        Number(b.nextOfKin) - Number(a.nextOfKin) ||
        Number(b.carer) - Number(a.carer) ||
        byText(a.name, b.name),
    );
}
