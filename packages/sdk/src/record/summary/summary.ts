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
  Goal,
  Appointment,
  CarePlan,
  Condition,
  EpisodeOfCare,
  Flag,
  Immunization,
  MedicationRequest,
  MedicationStatement,
  Organization,
  Patient,
  Procedure,
  RelatedPerson,
  SummaryBundle,
} from '../../fhir.js';
import { recordAllergyState, type AllergyItem, type AllergyState, type RecordAudience } from '../allergies.js';
import { mergeNotices, readNotices, type RecordNotices } from '../notices.js';
import { roleViewNotices } from '../permissions.js';
import { guardPatient, unreadableIssue, type SafetyIssue } from '../patient-reference.js';
import { medicationDirectory } from '../medicine-identity.js';
import { isHiddenFromResident } from '../security-labels.js';
import { organizationNames, referenceNames, type SourceLabel } from '../source.js';
import { unreadableSource } from '../unreadable.js';
import { alertItems, isAlert } from './alerts.js';
import { appointmentItems, type AppointmentItem } from './appointments.js';
import { carePlanItems, type CarePlanItem } from './care-plans.js';
import { goalItems, type GoalSummaryItem } from './goals.js';
import { contactItems, type ContactItem } from './contacts.js';
import { immunisationItems, type ImmunisationItem } from './immunisations.js';
import { Directory, isResource, ofType, readable, type SummaryContext } from './context.js';
import { legalKind, type FlagItem } from './flags.js';
import { involvementItems, type InvolvementItem } from './involvement.js';
import { legalItems } from './legal.js';
import { medicationHeadline, type DoNotGiveItem, type MedicationHeadline, type MedicationPreviewItem } from './medications.js';
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
    /** `doNotGive`: "do not give" orders still in force, never counted as medicines; empty when the section is not permitted. */
    medications: SummarySection<MedicationPreviewItem> & { headline: MedicationHeadline; doNotGive: DoNotGiveItem[] };
    procedures: SummarySection<ProcedureItem>;
    immunisations: SummarySection<ImmunisationItem>;
    legal: SummarySection<FlagItem>;
    contacts: SummarySection<ContactItem>;
    carePlans: SummarySection<CarePlanItem>;
    goals: SummarySection<GoalSummaryItem>;
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
  // A role's reduced view (a receptionist's appointments) is told once, in the role's words, never as withheld.
  const notices = roleViewNotices(mergeNotices(bundleNotices, options.notices), options);

  const { kept, issues: guarded } = guardPatient(all, patientId);
  /** Marks the sections a left-out resource belongs to: its type, or for a Flag its section (both when it cannot be read). */
  const mark = (marks: Set<string>, resource: { resourceType?: unknown }): void => {
    if (resource.resourceType !== 'Flag') {
      marks.add(String(resource.resourceType));
      return;
    }
    let kinds = ['alerts', 'legal'];
    try {
      const flag = resource as Flag;
      kinds = [...(isAlert(flag) ? ['alerts'] : []), ...(legalKind(flag) ? ['legal'] : [])];
    } catch {
      // Keep both.
    }
    for (const kind of kinds) marks.add(kind);
  };
  // Each section of which the answer carried another patient's items says so and never reads as empty.
  const keptSet = new Set(kept);
  const strayTypes = new Set<string>();
  for (const resource of all) if (!keptSet.has(resource)) mark(strayTypes, resource);
  const hiddenTypes = new Set<string>();
  const visible = kept.filter((resource) => {
    if (audience !== 'resident' || !isHiddenFromResident(resource)) return true;
    mark(hiddenTypes, resource);
    return false;
  });

  const organizations = new Map([...organizationNames(visible), ...referenceNames(visible)]);
  for (const [ods, name] of options.organizations ?? []) if (!organizations.has(ods)) organizations.set(ods, name);
  const organizationsById = new Map(
    visible
      .filter(ofType<Organization>('Organization'))
      .flatMap((organization) => (organization.id ? [[organization.id, organization]] : [])),
  );
  const person = kept.find((resource): resource is Patient => resource.resourceType === 'Patient' && resource.id === patientId);
  const context: SummaryContext = {
    audience,
    patientId,
    now: new Date(options.now).getTime(),
    birthDate: typeof person?.birthDate === 'string' ? person.birthDate : undefined,
    organizations,
    directory: new Directory(visible),
  };
  const inputs: SectionInputs = { audience, notices, permitted: permittedSections(options, notices), hiddenTypes, strayTypes };
  const unreadableIssues: SafetyIssue[] = [];
  /** Each resource tried on its own: what cannot be read becomes one line naming its source, and a safety issue. */
  const sort = <R>(resources: R[], read: (one: R[]) => unknown): { ok: R[]; unreadable: SourceLabel[] } => {
    const split = readable(resources, read);
    for (const resource of split.unreadable) unreadableIssues.push(unreadableIssue(resource));
    return { ok: split.ok, unreadable: split.unreadable.map((resource) => unreadableSource(resource, organizations)) };
  };
  const section = <Item>(key: SummarySectionKey, items: Item[], unreadable: SourceLabel[] = [], hasContent?: boolean) =>
    buildSection(key, items, inputs, hasContent ?? items.length > 0, unreadable);

  const flagSplit = sort(visible.filter(ofType<Flag>('Flag')), (one) => [alertItems(one, context), legalItems(one, context)]);
  const flags = flagSplit.ok;
  // An unreadable Flag may be an alert or legal information: both sections say so.
  const alerts = section('alerts', alertItems(flags, context), flagSplit.unreadable);
  const legal = section('legal', legalItems(flags, context), flagSplit.unreadable);

  // Allergies: the same state as the banner's (it isolates unreadable entries itself).
  // Allergies about someone else were dropped above (`guarded`), but the state must know they came: an answer that
  // carried another's allergy is not one to claim "none" or "not recorded" from.
  const strayAllergies = all.filter((resource) => resource.resourceType === 'AllergyIntolerance' && !keptSet.has(resource));
  const allergies = recordAllergyState([...kept, ...strayAllergies], { audience, organizations, patientId, notices, viewer: options });
  // Their wrong-patient issues are among `guarded` already.
  unreadableIssues.push(
    ...(allergies.safetyIssues ?? []).filter((issue) => issue.code !== 'wrong-patient' && issue.code !== 'no-patient-reference'),
  );
  const allergySection = {
    ...section(
      'allergies',
      allergies.kind === 'known' ? allergies.items : [],
      allergies.unreadable ?? [],
      allergies.kind !== 'not-recorded',
    ),
    emptyText: allergies.label,
  };

  const conditionSplit = sort(visible.filter(ofType<Condition>('Condition')), (one) => problemItems(one, context));
  const problems = problemItems(conditionSplit.ok, context);
  const pastProblems = inputs.permitted('problems') ? problems.past : [];

  const medications = medicationDirectory(visible);
  const headline = (requests: MedicationRequest[], statements: MedicationStatement[]) =>
    medicationHeadline(requests, statements, context, options.medicationPreviewCount ?? 3, medications);
  const requestSplit = sort(visible.filter(ofType<MedicationRequest>('MedicationRequest')), (one) => headline(one, []));
  const statementSplit = sort(visible.filter(ofType<MedicationStatement>('MedicationStatement')), (one) => headline([], one));
  const medicines = headline(requestSplit.ok, statementSplit.ok);

  const contactSplit = sort(visible.filter(ofType<RelatedPerson>('RelatedPerson')), (one) => contactItems(one, context, options.now));
  const planSplit = sort(visible.filter(ofType<CarePlan>('CarePlan')), (one) => carePlanItems(one, context));
  const goalSplit = sort(visible.filter(ofType<Goal>('Goal')), (one) => goalItems(one, context));
  const episodeSplit = sort(visible.filter(ofType<EpisodeOfCare>('EpisodeOfCare')), (one) =>
    involvementItems(one, context, organizationsById),
  );
  const appointmentSplit = sort(visible.filter(ofType<Appointment>('Appointment')), (one) => appointmentItems(one, context));
  const procedureSplit = sort(visible.filter(ofType<Procedure>('Procedure')), (one) => procedureItems(one, context));
  const immunisationSplit = sort(visible.filter(ofType<Immunization>('Immunization')), (one) => immunisationItems(one, context));
  const issues = [...guarded, ...unreadableIssues];

  return {
    patientId,
    audience,
    order: SUMMARY_SECTION_ORDER,
    sections: {
      alerts,
      allergies: { ...allergySection, allergies },
      problems: {
        ...section(
          'problems',
          problems.current,
          conditionSplit.unreadable,
          problems.current.length + pastProblems.length + conditionSplit.unreadable.length > 0,
        ),
        past: pastProblems,
      },
      medications: {
        ...section('medications', medicines.items, [...requestSplit.unreadable, ...statementSplit.unreadable]),
        headline: medicines.headline,
        doNotGive: inputs.permitted('medications') ? medicines.doNotGive : [],
      },
      procedures: section('procedures', procedureItems(procedureSplit.ok, context), procedureSplit.unreadable),
      immunisations: section('immunisations', immunisationItems(immunisationSplit.ok, context), immunisationSplit.unreadable),
      legal,
      contacts: section('contacts', contactItems(contactSplit.ok, context, options.now), contactSplit.unreadable),
      carePlans: section('carePlans', carePlanItems(planSplit.ok, context), planSplit.unreadable),
      goals: section('goals', goalItems(goalSplit.ok, context), goalSplit.unreadable),
      involvement: section('involvement', involvementItems(episodeSplit.ok, context, organizationsById), episodeSplit.unreadable),
      appointments: section('appointments', appointmentItems(appointmentSplit.ok, context), appointmentSplit.unreadable),
    },
    withheld: notices.withheld || hiddenTypes.size > 0,
    unavailableSources: notices.unavailableSources.map((source) => ({ ...source })),
    safetyIssues: issues,
    safetyErrors: issues,
  };
}
