/**
 * The resident's people and standing instructions: personal contacts (next
 * of kin, carers, parents, attorneys), alerts most teams raise (falls,
 * resuscitation decisions, interpreter needed), and the resident's sharing
 * choice.
 */
import type { Consent, RelatedPerson } from '@care-record/sdk';
import type { OrganizationEntry } from '../directory/organizations.js';
import { coding, CONTACT_ROLE, ROLE_CODE, SNOMED, withArticle, type CodeableConcept, type Reference } from '../fhir.js';
import { homeAddress, mobile } from '../people/addresses.js';
import { familyNameFor } from '../people/communities.js';
import type { Random } from '../random.js';
import { DAY, fhirDate, fhirDateTime, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';
import type { ParentDetails } from './patient.js';
import { writeFlag } from './writers.js';

export type Kinship = 'MTH' | 'FTH' | 'DAU' | 'SON' | 'WIFE' | 'HUSB' | 'SIS' | 'BRO' | 'FRND';

const kinship: Record<Kinship, { display: string; sex: 'male' | 'female' }> = {
  MTH: { display: 'mother', sex: 'female' },
  FTH: { display: 'father', sex: 'male' },
  DAU: { display: 'daughter', sex: 'female' },
  SON: { display: 'son', sex: 'male' },
  WIFE: { display: 'wife', sex: 'female' },
  HUSB: { display: 'husband', sex: 'male' },
  SIS: { display: 'sister', sex: 'female' },
  BRO: { display: 'brother', sex: 'male' },
  FRND: { display: 'friend', sex: 'female' },
};

export interface ContactSpec {
  readonly organization: OrganizationEntry;
  readonly kin: Kinship;
  readonly nextOfKin?: boolean;
  readonly carer?: boolean;
  readonly attorney?: boolean;
  readonly parentalResponsibility?: boolean;
  readonly since: number;
  readonly familyName: string;
  /** Who they are, when already known (a parent named in the Patient resource); otherwise chosen here. */
  readonly person?: { readonly given: string; readonly family: string; readonly phone: string };
}

export interface WrittenContact {
  readonly id: string;
  readonly display: string;
  readonly name: string;
}

export function writeContact(context: ResidentContext, spec: ContactSpec, rng: Random): WrittenContact {
  const { display, sex } = kinship[spec.kin];
  const sexOfContact = spec.kin === 'FRND' ? (rng.chance(0.5) ? 'female' : 'male') : sex;
  const community = context.plan.community;
  const given = spec.person?.given ?? context.givenNameForContact(rng, community[sexOfContact]);
  const family =
    spec.person?.family ??
    (spec.kin === 'FRND' || ((spec.kin === 'DAU' || spec.kin === 'SIS') && rng.chance(0.4))
      ? familyNameFor(rng.pick(community.family), sexOfContact)
      : familyNameFor(spec.familyName, sexOfContact));
  const relationship: CodeableConcept[] = [{ coding: [coding(ROLE_CODE, spec.kin, display)] }];
  if (spec.carer) relationship.push({ coding: [coding(SNOMED, '133932002', 'Caregiver')], text: 'Main unpaid carer' });
  if (spec.nextOfKin) relationship.push({ coding: [coding(CONTACT_ROLE, 'N', 'Next-of-Kin')] });
  if (spec.attorney) relationship.push({ text: 'Lasting power of attorney (health and welfare)' });
  if (spec.parentalResponsibility) relationship.push({ text: 'Has parental responsibility' });
  const id = context.id('rp');
  const since = context.past(spec.since);
  const prefix = sexOfContact === 'male' ? 'Mr' : rng.pick(['Mrs', 'Ms']);
  context.add<RelatedPerson>({
    resourceType: 'RelatedPerson',
    id,
    meta: context.meta(spec.organization, 'RelatedPerson', since),
    active: context.alive,
    patient: context.patient(),
    relationship,
    name: [{ use: 'official', family, given: [given], prefix: [prefix] }],
    telecom: [{ system: 'phone', value: spec.person?.phone ?? mobile(rng), use: 'mobile', rank: 1 }],
    gender: sexOfContact,
    address: [homeAddress(rng)],
    period: context.alive ? { start: fhirDate(since) } : { start: fhirDate(since), end: fhirDate(context.end) },
  });
  return { id, display, name: `${given} ${family}` };
}

/** A child's parents with parental responsibility, as their practice (or the hospital) records them. */
export function writeParents(context: ResidentContext, rng: Random, parents: readonly ParentDetails[], familyName: string): void {
  const organization = context.plan.practice ?? context.directory.organizations.hospital;
  for (const parent of parents) {
    writeContact(
      context,
      {
        organization,
        kin: parent.kin,
        nextOfKin: true,
        parentalResponsibility: true,
        since: context.plan.birth,
        familyName,
        person: parent,
      },
      rng,
    );
  }
}

/** Next of kin for some adults not already looked after by social care. */
export function writeNextOfKin(context: ResidentContext, rng: Random, familyName: string): void {
  const { plan } = context;
  const age = (context.end - plan.birth) / YEAR;
  if (age < 18 || plan.features.adultSocialCare || !rng.chance(0.45)) return;
  const organization = plan.practice ?? context.directory.organizations.hospital;
  const kin: Kinship =
    age >= 65
      ? rng.pick<Kinship>(['DAU', 'SON', plan.sex === 'male' ? 'WIFE' : 'HUSB'])
      : rng.pick<Kinship>([plan.sex === 'male' ? 'WIFE' : 'HUSB', 'MTH', 'SIS', 'BRO', 'FRND']);
  writeContact(
    context,
    { organization, kin, nextOfKin: true, since: context.anyTime(rng, context.historyStart, context.end), familyName },
    rng,
  );
}

export function writeAlerts(context: ResidentContext, rng: Random): void {
  const { plan } = context;
  const { organizations } = context.directory;
  const practice = plan.practice;
  if (plan.features.resuscitationDecision) {
    const source = practice && rng.chance(0.6) ? practice : organizations.hospital;
    const author =
      source === organizations.hospital ? context.directory.staff.consultant('older-people') : context.staff(source, 'gp', rng);
    writeFlag(context, {
      organization: source,
      author,
      category: 'clinical',
      code: 'respect-dnacpr',
      display: 'ReSPECT form: do not attempt cardiopulmonary resuscitation',
      text: 'ReSPECT: do not attempt CPR. Ceiling of care agreed with the resident and family.',
      start: context.anyTime(rng, Math.max(context.historyStart, context.end - 2 * YEAR), context.end),
    });
  }
  if (practice && (plan.profile === 'frail-older-social-care' || (plan.profile === 'deceased' && (context.end - plan.birth) / YEAR > 75))) {
    writeFlag(context, {
      organization: practice,
      author: context.staff(practice, 'gp', rng),
      category: 'safety',
      code: 'falls-risk',
      display: 'At risk of falls',
      text: 'At risk of falls: walks with a frame, falls pendant alarm',
      start: context.anyTime(rng, Math.max(context.historyStart, context.end - 3 * YEAR), context.end),
    });
  }
  if (plan.features.riskFromOthers) {
    const source = practice ?? organizations.hospital;
    writeFlag(context, {
      organization: source,
      author: practice ? context.staff(practice, 'gp', rng) : context.staff(source, 'ed-doctor', rng),
      category: 'safety',
      code: 'risk-from-others',
      display: 'Risk from others',
      text: 'Safeguarding: at risk of domestic abuse. See the resident alone; do not share contact details with family members.',
      start: context.anyTime(rng, Math.max(context.historyStart, context.end - 3 * YEAR), context.end),
      security: ['SDV', 'R', 'NOPAT'],
    });
  }
  if (plan.features.interpreter && plan.community.language) {
    const source = practice ?? organizations.hospital;
    writeFlag(context, {
      organization: source,
      author: source,
      category: 'admin',
      code: 'interpreter-required',
      display: 'Interpreter required',
      text: `Needs ${withArticle(plan.community.language.display)} interpreter for appointments`,
      start: context.anyTime(rng, context.historyStart, context.end),
    });
  }
}

const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';

/** The resident's sharing choice: share the record for their care, sometimes with an exception. */
export function writeConsent(context: ResidentContext, rng: Random, performer?: Reference): void {
  const { plan } = context;
  const age = (context.end - plan.birth) / YEAR;
  if (!context.alive || age < 16) return;
  const decided = context.anyTime(rng, Math.max(context.historyStart, context.now - 3 * YEAR), context.now - DAY);
  const denyMentalHealthToCouncil = plan.features.mentalHealthService && rng.chance(0.5);
  const consent: Consent = {
    resourceType: 'Consent',
    id: context.id('consent'),
    meta: context.meta('resident', 'Consent', decided),
    status: 'active',
    scope: { coding: [coding(CONSENT_SCOPE, 'patient-privacy', 'Privacy Consent')] },
    category: [{ coding: [coding('http://loinc.org', '59284-0', 'Patient Consent')] }],
    patient: context.patient(),
    dateTime: fhirDateTime(decided),
    performer: [performer ?? context.patient()],
    policyRule: { coding: [coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'OPTIN', 'opt-in')] },
    provision: {
      type: 'permit',
      period: { start: fhirDate(decided) },
      purpose: [coding('http://terminology.hl7.org/CodeSystem/v3-ActReason', 'TREAT', 'treatment')],
      ...(denyMentalHealthToCouncil
        ? {
            provision: [
              {
                type: 'deny' as const,
                actor: [
                  {
                    role: {
                      coding: [coding('http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'IRCP', 'information recipient')],
                    },
                    reference: context.directory.organizations.adultSocialCare.reference(),
                  },
                ],
                securityLabel: [coding('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'PSY', 'psychiatry information sensitivity')],
              },
            ],
          }
        : {}),
    },
  };
  context.add(consent);
}
