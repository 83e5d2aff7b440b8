/**
 * Personal contacts: those current first, then those whose relationship starts
 * later; within each, next of kin first, then carers, then by name. Ended and
 * inactive contacts are left out.
 */
import type { RelatedPerson } from '../../fhir.js';
import { formatClinicalName, formatResidentName, selectOfficialName } from '../../format/name.js';
import { NOT_KNOWN } from '../../format/placeholders.js';
import { conceptText, conceptWords, tidyText as tidy } from '../concept-text.js';
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

const RELATIONSHIP_WORDS: Readonly<Record<string, string>> = {
  N: 'Next of kin',
  NOK: 'Next of kin',
  C: 'Emergency contact',
  '133932002': 'Carer',
};

function contactItem(person: RelatedPerson, context: SummaryContext, nowValue: Date | string): ContactItem {
  const relationships = (person.relationship ?? [])
    .map((concept) => {
      const known = (concept.coding ?? []).map((coding) => RELATIONSHIP_WORDS[coding.code ?? '']).find(Boolean);
      const text = tidy(concept.text) || known || conceptWords(concept, '');
      return text ? capitalise(text) : '';
    })
    .filter(Boolean);
  const codes = (person.relationship ?? []).flatMap((concept) => (concept.coding ?? []).map((coding) => coding.code ?? ''));
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
    carer: codes.includes('133932002') || /\bcarer\b|caregiver/i.test(words),
    nextOfKin: codes.includes('N') || codes.includes('NOK') || /next[ -]of[ -]kin/i.test(words),
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
