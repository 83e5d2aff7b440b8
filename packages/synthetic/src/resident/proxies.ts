/**
 * Carers with sign-in accounts, and the proxy permissions that let them act
 * for a resident (see `docs/proxy-access.md`). Three fixed-cast records carry
 * them, so every borough of 12 or more residents has the same carers:
 *
 * - resident 2 (frail, with dementia): her family carer, who holds lasting
 *   power of attorney, acts for her by her own grant, made years ago;
 * - resident 10 (a child of 7 to 9): the mother acts for her, set up by the
 *   GP practice (a parent's access under 11);
 * - resident 11 (16 or 17): the same mother, set up by the practice when he
 *   was a child — no longer in force now that he is 16, so she is refused.
 *
 * The same mother is one account with a RelatedPerson on each child's record.
 */
import type { Consent, RelatedPerson } from '@care-record/sdk';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM, PROXY_ACTIONS } from '@care-record/sdk/proxy';
import { DAY, fhirDate, fhirDateTime, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import type { ParentDetails } from './patient.js';
import { writeContact } from './people.js';
import type { Random } from '../random.js';

/** The carers' accounts, and whom they act for by resident index. */
export const CARER_ACCOUNTS = {
  /** The family carer (and attorney) of resident 2. */
  familyCarer: { account: 'carer-0001', residents: [2] },
  /** The mother of residents 10 and 11. */
  parent: { account: 'carer-0002', residents: [10, 11] },
} as const;

/** The resident whose mother's details resident 11 shares. */
export const SIBLING_OF: Readonly<Record<number, number>> = { 11: 10 };

const withAccount = (person: RelatedPerson, account: string): RelatedPerson => ({
  ...person,
  identifier: [...(person.identifier ?? []), { system: CARER_ACCOUNT_SYSTEM, value: account }],
});

function proxyConsent(
  context: ResidentContext,
  relatedPerson: RelatedPerson,
  granted: number,
  performer: 'resident' | 'practice',
  carerName: string,
): Consent {
  const practice = context.plan.practice ?? context.directory.organizations.hospital;
  const consent = buildProxyConsent({
    patientId: context.patientId,
    relatedPersonId: relatedPerson.id ?? '',
    carerName,
    actions: PROXY_ACTIONS,
    withheld: [],
  });
  return {
    ...consent,
    id: context.id('proxy'),
    meta: context.meta(performer === 'resident' ? 'resident' : practice, 'Consent', granted),
    dateTime: fhirDateTime(granted),
    performer: [performer === 'resident' ? context.patient() : practice.reference()],
    provision: { ...consent.provision, type: 'permit', period: { start: fhirDate(granted) } },
  };
}

const nameOf = (person: RelatedPerson): string =>
  [person.name?.[0]?.given?.[0], person.name?.[0]?.family].filter((part) => part !== undefined).join(' ');

/** Gives the family carer of resident 2 an account and the resident's own grant. */
function familyCarer(context: ResidentContext, rng: Random): void {
  const index = context.resources.findIndex(
    (resource) =>
      resource.resourceType === 'RelatedPerson' &&
      (resource as RelatedPerson).relationship?.some((concept) => concept.coding?.some((code) => code.code === '133932002')),
  );
  const carer = context.resources[index] as RelatedPerson | undefined;
  if (!carer) return;
  const person = withAccount(carer, CARER_ACCOUNTS.familyCarer.account);
  context.resources[index] = person;
  // Granted with her lasting power of attorney, while she could still decide: two to four years ago.
  const granted = context.now - rng.between(2, 4) * YEAR;
  context.add(proxyConsent(context, person, granted, 'resident', nameOf(person)));
}

/** The mother of residents 10 and 11: her account, and the access the practice set up for each child. */
function parent(context: ResidentContext, rng: Random, mother: ParentDetails | undefined, familyName: string): void {
  let person: RelatedPerson | undefined;
  if (mother === undefined) return;
  const index = context.resources.findIndex(
    (resource) =>
      resource.resourceType === 'RelatedPerson' &&
      (resource as RelatedPerson).relationship?.some((concept) => concept.coding?.some((code) => code.code === 'MTH')),
  );
  if (index >= 0) {
    person = withAccount(context.resources[index] as RelatedPerson, CARER_ACCOUNTS.parent.account);
    context.resources[index] = person;
  } else {
    // The older child has no parents recorded (they are 16): the practice recorded his mother years ago.
    const written = writeContact(
      context,
      {
        organization: context.plan.practice ?? context.directory.organizations.hospital,
        kin: 'MTH',
        nextOfKin: true,
        since: context.plan.birth,
        familyName,
        person: mother,
      },
      rng,
    );
    const at = context.resources.findIndex((resource) => resource.id === written.id);
    person = withAccount(context.resources[at] as RelatedPerson, CARER_ACCOUNTS.parent.account);
    context.resources[at] = person;
  }
  // Set up by the practice when the child was between 5 and 7.
  const granted = Math.min(context.now - 30 * DAY, context.plan.birth + rng.between(5, 7) * YEAR);
  context.add(proxyConsent(context, person, granted, 'practice', nameOf(person)));
}

/** Adds the fixed cast's carers and their proxy permissions to a resident's record. */
export function writeProxies(
  context: ResidentContext,
  rng: Random,
  index: number,
  family: { mother: ParentDetails | undefined; familyName: string },
): void {
  if ((CARER_ACCOUNTS.familyCarer.residents as readonly number[]).includes(index)) familyCarer(context, rng);
  if ((CARER_ACCOUNTS.parent.residents as readonly number[]).includes(index)) parent(context, rng, family.mother, family.familyName);
}
