/**
 * The record summary, in PRSB order: alerts and safeguarding, allergies,
 * problems, a medication headline, legal information and advance decisions,
 * personal contacts, care and support plans, services involved, and upcoming
 * appointments. Each section says whether it is ready, empty, partial (a source
 * did not answer), withheld (some items not shown) or not permitted (the
 * viewer's role may not see it), and every item names its source organisation.
 * Each section is built in its own module beside this one.
 *
 * Wrong-patient guard: every resource that names a patient other than
 * `options.patientId` (or names none) is dropped and reported in
 * `safetyIssues`, never rendered.
 */
import type {
  Appointment,
  CarePlan,
  Condition,
  EpisodeOfCare,
  Flag,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Organization,
  Procedure,
  RelatedPerson,
  SummaryBundle,
} from '../../fhir.js';
import { recordAllergyState, type AllergyItem, type AllergyState, type RecordAudience } from '../allergies.js';
import { mergeNotices, readNotices, type RecordNotices } from '../notices.js';
import { guardPatient, type SafetyIssue } from '../patient-reference.js';
import { isHiddenFromResident } from '../security-labels.js';
import { organizationNames, type SourceLabel } from '../source.js';
import { alertItems } from './alerts.js';
import { appointmentItems, type AppointmentItem } from './appointments.js';
import { carePlanItems, type CarePlanItem } from './care-plans.js';
import { contactItems, type ContactItem } from './contacts.js';
import { immunisationItems, type ImmunisationItem } from './immunisations.js';
import { Directory, isResource, ofType, type SummaryContext } from './context.js';
import { legalKind, type FlagItem } from './flags.js';
import { involvementItems, type InvolvementItem } from './involvement.js';
import { legalItems } from './legal.js';
import { medicationHeadline, type MedicationHeadline, type MedicationPreviewItem } from './medications.js';
import { problemItems, type ProblemItem } from './problems.js';
import { procedureItems, type ProcedureItem } from './procedures.js';
import {
  buildSection,
  permittedSections,
  SUMMARY_SECTION_ORDER,
  type SectionInputs,
  type SummarySection,
  type SummarySectionKey,
} from './sections.js';

/** @deprecated Use `SafetyIssue`: the same shape, shared by every view model. */
export type SafetyError = SafetyIssue;

export interface SummaryViewModel {
  patientId: string;
  audience: RecordAudience;
  order: readonly SummarySectionKey[];
  sections: {
    alerts: SummarySection<FlagItem>;
    allergies: SummarySection<AllergyItem> & { allergies: AllergyState };
    problems: SummarySection<ProblemItem> & { past: ProblemItem[] };
    medications: SummarySection<MedicationPreviewItem> & { headline: MedicationHeadline };
    procedures: SummarySection<ProcedureItem>;
    immunisations: SummarySection<ImmunisationItem>;
    legal: SummarySection<FlagItem>;
    contacts: SummarySection<ContactItem>;
    carePlans: SummarySection<CarePlanItem>;
    involvement: SummarySection<InvolvementItem>;
    appointments: SummarySection<AppointmentItem>;
  };
  /** Items were withheld somewhere in the record: "Some information is not shown". */
  withheld: boolean;
  unavailableSources: SourceLabel[];
  /** Resources not shown for safety reasons (the wrong-patient guard). Never any in a correct feed: treat any as an incident. */
  safetyIssues: SafetyIssue[];
  /** @deprecated The same list as `safetyIssues`, under its former name. */
  safetyErrors: SafetyIssue[];
}

export interface SummaryOptions {
  audience: RecordAudience;
  now: Date | string;
  /** The patient in context. Anything about another patient is dropped. */
  patientId: string;
  /** ODS code to name; Organizations in the summary itself are added. */
  organizations?: ReadonlyMap<string, string> | undefined;
  /** Further notices, e.g. `readNotices` of the searches of a batch; merged with the summary Bundle's own. */
  notices?: RecordNotices | undefined;
  /**
   * The SMART scopes granted (space-separated or a list). A section whose
   * resource types no scope lets the viewer read is `not-permitted`. Omitted:
   * every section is permitted.
   */
  scopes?: string | readonly string[] | undefined;
  /** A non-clinical role (e.g. a receptionist): only contacts and appointments are permitted, as at the hub. */
  nonClinicalRole?: boolean | undefined;
  /** How many medicine names the headline shows; 3 by default. */
  medicationPreviewCount?: number | undefined;
}

function resourcesOf(input: SummaryBundle | readonly unknown[]): unknown[] {
  if (Array.isArray(input)) return [...input];
  return ((input as SummaryBundle).entry ?? []).map((entry) => entry.resource);
}

/**
 * The record summary from a `$summary` Bundle, or from the resources of plain
 * searches (pass their `readNotices` as `options.notices`). Sort orders:
 * alerts safeguarding first, then safety, then others, newest first within
 * each; legal by kind (advance decisions first) then newest; problems newest
 * onset first; medicines as in the headline; procedures and vaccinations
 * newest first (entered in error left out); contacts next of kin, then
 * carers, then by name; care plans soonest review first; services social care
 * first, then newest; appointments soonest first.
 *
 * For residents, items labelled `NOPAT` are dropped (the hub should already
 * have done so) and their section says some information is not shown.
 */
export function summaryViewModel(input: SummaryBundle | readonly unknown[], options: SummaryOptions): SummaryViewModel {
  const { audience, patientId } = options;
  const all = resourcesOf(input).filter(isResource);
  // What the answer says it left out, from the Bundle or from the OperationOutcomes among the resources passed.
  const bundleNotices = readNotices([
    Array.isArray(input) ? { entry: input.map((resource: unknown) => ({ resource })) } : (input as SummaryBundle),
  ]);
  const notices = mergeNotices(bundleNotices, options.notices);

  const { kept, issues } = guardPatient(all, patientId);
  const hiddenTypes = new Set<string>();
  const visible = kept.filter((resource) => {
    if (audience !== 'resident' || !isHiddenFromResident(resource)) return true;
    hiddenTypes.add(resource.resourceType === 'Flag' ? (legalKind(resource as Flag) ? 'legal' : 'alerts') : String(resource.resourceType));
    return false;
  });

  const organizations = new Map(organizationNames(visible));
  for (const [ods, name] of options.organizations ?? []) if (!organizations.has(ods)) organizations.set(ods, name);
  const organizationsById = new Map(
    visible
      .filter(ofType<Organization>('Organization'))
      .flatMap((organization) => (organization.id ? [[organization.id, organization]] : [])),
  );
  const context: SummaryContext = { audience, now: new Date(options.now).getTime(), organizations, directory: new Directory(visible) };
  const inputs: SectionInputs = { audience, notices, permitted: permittedSections(options, notices), hiddenTypes };
  const section = <Item>(key: SummarySectionKey, items: Item[], hasContent?: boolean) => buildSection(key, items, inputs, hasContent);

  const flags = visible.filter(ofType<Flag>('Flag'));

  // Allergies: the same state as the banner's.
  const allergies = recordAllergyState(kept, { audience, organizations, patientId, notices, viewer: options });
  const allergySection = {
    ...section('allergies', allergies.kind === 'known' ? allergies.items : [], allergies.kind !== 'not-recorded'),
    emptyText: allergies.label,
  };

  const problems = problemItems(visible.filter(ofType<Condition>('Condition')), context);
  const pastProblems = inputs.permitted('problems') ? problems.past : [];

  const medicines = medicationHeadline(
    visible.filter(ofType<MedicationRequest>('MedicationRequest')),
    visible.filter(ofType<MedicationStatement>('MedicationStatement')),
    context,
    options.medicationPreviewCount ?? 3,
  );

  return {
    patientId,
    audience,
    order: SUMMARY_SECTION_ORDER,
    sections: {
      alerts: section('alerts', alertItems(flags, context)),
      allergies: { ...allergySection, allergies },
      problems: {
        ...section('problems', problems.current, problems.current.length + pastProblems.length > 0),
        past: pastProblems,
      },
      medications: { ...section('medications', medicines.items), headline: medicines.headline },
      procedures: section('procedures', procedureItems(visible.filter(ofType<Procedure>('Procedure')), context)),
      immunisations: section('immunisations', immunisationItems(visible.filter(ofType<Immunization>('Immunization')), context)),
      legal: section('legal', legalItems(flags, context)),
      contacts: section('contacts', contactItems(visible.filter(ofType<RelatedPerson>('RelatedPerson')), context, options.now)),
      carePlans: section('carePlans', carePlanItems(visible.filter(ofType<CarePlan>('CarePlan')), context)),
      involvement: section(
        'involvement',
        involvementItems(visible.filter(ofType<EpisodeOfCare>('EpisodeOfCare')), context, organizationsById),
      ),
      appointments: section('appointments', appointmentItems(visible.filter(ofType<Appointment>('Appointment')), context)),
    },
    withheld: notices.withheld || hiddenTypes.size > 0,
    unavailableSources: notices.unavailableSources.map((source) => ({ ...source })),
    safetyIssues: issues,
    safetyErrors: issues,
  };
}
