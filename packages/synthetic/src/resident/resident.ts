/**
 * One resident's whole record, from their own sequence of random numbers
 * (the borough seed and the resident's index), so resident `i` is the same
 * whatever the size of the borough and whichever residents came before.
 */
import type { Patient, Resource } from '@care-record/sdk';
import { Random } from '../random.js';
import { writeAllergies } from './allergies.js';
import { writeCommunityCare } from './community.js';
import { ResidentContext, type GeneratorSettings } from './context.js';
import { writeHospitalCare } from './hospital.js';
import { writeImmunisations, writeProcedures } from './immunisations-procedures.js';
import { writeLongHistory } from './long-history.js';
import { writeRepeatMedicines } from './medicines.js';
import { writeMentalHealthCare } from './mental-health.js';
import { buildPatient, type ParentDetails } from './patient.js';
import { writeAlerts, writeConsent, writeNextOfKin, writeParents } from './people.js';
import { planResident } from './plan.js';
import { SIBLING_OF, writeProxies } from './proxies.js';
import type { ResidentProfile } from './plan-types.js';
import { writePrimaryCare } from './primary-care.js';
import { writeProblems } from './problems.js';
import { writeResidentEntries } from './resident-entries.js';
import { writeSocialCare } from './social-care.js';
import { writeWellbeing } from './wellbeing.js';

export interface ResidentRecord {
  readonly patient: Patient;
  /** Everything else about the resident (not the Patient itself), each with `meta.source` naming who contributed it. */
  readonly resources: Resource[];
  /** Organisations with a legitimate relationship: the registered practice and any organisation that has cared for the resident. */
  readonly relationships: { readonly organizationIds: string[] };
  readonly profile: ResidentProfile;
}

export function buildResident(index: number, settings: GeneratorSettings): ResidentRecord {
  const rng = new Random(`${settings.seed}/resident/${index}`);
  const planned = planResident(index, settings.now, settings.directory.organizations, rng.fork('plan'));
  // A brother or sister of a resident already written shares their family: community, family name and mother.
  const siblingIndex = SIBLING_OF[index];
  const sibling = siblingIndex === undefined ? undefined : buildResident(siblingIndex, settings);
  const siblingPlan =
    siblingIndex === undefined
      ? undefined
      : planResident(
          siblingIndex,
          settings.now,
          settings.directory.organizations,
          new Random(`${settings.seed}/resident/${siblingIndex}`).fork('plan'),
        );
  const plan = siblingPlan ? { ...planned, community: siblingPlan.community } : planned;
  const context = new ResidentContext(plan, settings);
  const { patient, family, parents } = buildPatient(
    context,
    rng.fork('patient'),
    sibling?.patient.name?.find((name) => name.use === 'official')?.family,
  );
  writeParents(context, rng.fork('parents'), parents, family);

  writeAllergies(context, rng.fork('allergies'));
  if (plan.profile === 'long-history') {
    writeLongHistory(context, rng.fork('long-history'), family);
  } else {
    const problems = writeProblems(context, rng.fork('problems'));
    writeWellbeing(context, rng.fork('wellbeing'), problems);
    const repeats = writeRepeatMedicines(context, rng.fork('medicines'));
    writePrimaryCare(context, rng.fork('primary-care'));
    writeHospitalCare(context, rng.fork('hospital'), repeats);
    writeCommunityCare(context, rng.fork('community'));
    writeMentalHealthCare(context, rng.fork('mental-health'), problems);
    const socialCare = writeSocialCare(context, rng.fork('social-care'), problems, family);
    writeNextOfKin(context, rng.fork('next-of-kin'), family);
    writeResidentEntries(context, rng.fork('resident-entries'));
    writeConsent(
      context,
      rng.fork('consent'),
      socialCare.attorney
        ? { reference: `RelatedPerson/${socialCare.attorney.id}`, display: `${socialCare.attorney.name} (lasting power of attorney)` }
        : undefined,
    );
  }
  writeAlerts(context, rng.fork('alerts'));
  if (plan.profile === 'long-history') writeConsent(context, rng.fork('consent'));
  writeImmunisations(context, rng.fork('immunisations'));
  writeProcedures(context, rng.fork('procedures'));
  writeProxies(context, rng.fork('proxies'), index, {
    mother: sibling === undefined ? parents.find((parent) => parent.kin === 'MTH') : motherOf(sibling),
    familyName: family,
  });

  return {
    patient,
    resources: context.resources,
    relationships: { organizationIds: context.relationships() },
    profile: plan.profile,
  };
}

/** A child's mother as their record names her (for a brother or sister's record). */
function motherOf(record: ResidentRecord): ParentDetails | undefined {
  const mother = record.patient.contact?.find((contact) =>
    contact.relationship?.some((concept) => concept.coding?.some((code) => code.code === 'MTH')),
  );
  const given = mother?.name?.given?.[0];
  const family = mother?.name?.family;
  const phone = mother?.telecom?.find((telecom) => telecom.system === 'phone')?.value;
  return given && family && phone ? { kin: 'MTH', given, family, phone } : undefined;
}
