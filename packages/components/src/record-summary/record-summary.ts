import {
  APPOINTMENTS_FOR_ROLE_NOTICE,
  carerSectionTexts,
  CONDITION_UNCERTAINTY_LABELS,
  pageSummary,
  NOT_KNOWN,
  NOT_PERMITTED_NOTICE,
  PROXY_RESTRICTED_NOTICE,
  SCOPE_RESTRICTED_NOTICE,
  WITHHELD_NOTICE,
  type AllergyItem,
  type AllergyState,
  type AppointmentItem,
  type CarePlanItem,
  type DoNotGiveItem,
  type GoalSummaryItem,
  type ContactItem,
  type FlagItem,
  type ImmunisationItem,
  type InvolvementItem,
  type LegalKind,
  type MedicationKind,
  type MedicationPreviewItem,
  type ProblemItem,
  type ProcedureItem,
  type RecordAudience,
  type SourceLabel,
  type SummarySection,
  type SummarySectionKey,
  type SummaryViewModel,
} from '@care-record/sdk';
import { readPage } from '../internal/record-context.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CareElement, type CareSelectDetail } from '../internal/care-element.js';
import { infoIcon, tickIcon, warningIcon } from '../internal/icons.js';
import { possessive, wordsFor } from '../internal/carer-words.js';
import type { ActingFor } from '../internal/record-context.js';
import { RecordTask } from '../internal/record-task.js';
import { renderFrame, renderSkeleton, renderTask, wrongPatientModel } from '../internal/states.js';
import { styles } from './record-summary.styles.js';
import { sourceName } from '../internal/source-name.js';
import { isolatedName, isolatedNames } from '../internal/isolated-name.js';
import { shownCount } from '../internal/shown-count.js';

/**
 * Whether a section holds all there is to show, so that a count of its items may stand alone: no source failed to
 * answer, nothing withheld or unreadable, nothing about another patient left out.
 */
const sectionIsWhole = (section: SummarySection<unknown>): boolean =>
  (section.state === 'ready' || section.state === 'empty') &&
  !section.withheld &&
  section.unreadable.length === 0 &&
  !section.notShownSafely &&
  section.notAllRead !== true;

/** Notices that say what is not shown, not that anything went wrong: an information icon, not a warning. */
const INFORMATIONAL_NOTICES: ReadonlySet<string> = new Set([
  WITHHELD_NOTICE,
  NOT_PERMITTED_NOTICE,
  SCOPE_RESTRICTED_NOTICE,
  PROXY_RESTRICTED_NOTICE,
  APPOINTMENTS_FOR_ROLE_NOTICE,
]);

interface Words {
  region: string;
  loading: string;
  failed: string;
  noPatient: string;
  source: string;
  since: string;
  /** When an alert not yet in force will start, and its tag. */
  starts: string;
  notYetInForce: string;
  /** A service or plan whose period has not begun. */
  notStarted: string;
  /** An alert, legal entry or service sent with no status (or one that is no FHIR code). */
  statusNotKnown: string;
  onset: string;
  /** How severe a problem is, as recorded. */
  severity: string;
  status: string;
  recordedBy: string;
  recorded: string;
  lastUpdated: string;
  by: string;
  reaction: string;
  criticality: string;
  type: string;
  phone: string;
  relationship: string;
  started: string;
  reviewDate: string;
  target: string;
  reviewOverdue: string;
  /** A current prescription past its validity period, with when it ended. */
  expired: (date: string) => string;
  author: string;
  organisation: string;
  careManager: string;
  team: string;
  when: string;
  with: string;
  location: string;
  /** When a vaccination was given, or a procedure done. */
  given: string;
  done: string;
  dose: string;
  reason: string;
  bodySite: string;
  performedBy: string;
  pastProblems: string;
  resolvedAllergies: string;
  reportedByResident: string;
  /** What a carer or relative reported: theirs, by name. */
  reportedBy: (who: string) => string;
  nextOfKin: string;
  carer: string;
  safeguarding: string;
  safety: string;
  highCriticality: string;
  /** An allergy whose verification status is `unconfirmed`. */
  unconfirmedAllergy: string;
  medicineKinds: Record<MedicationKind, string>;
  /** How many current medicines, of what kind; `whole` false: of those shown, which may not be all (`shownCount`). */
  headline: (counts: { total: number; repeat: number; acute: number; other: number }, whole: boolean) => string;
  /** Heading of the "do not give" orders in force, as the medication list words it. */
  doNotGive: string;
  /** Services disagree about a current medicine's status, as the medication list words it. */
  statusDisagrees: string;
  /** An upcoming appointment the patient declined. */
  declined: string;
  /** An upcoming appointment the patient's entries answer both ways (one declined, another not). */
  responseUnclear: string;
  more: (count: number) => string;
  nothingFromOthers: string;
  allergiesFailed: string;
  safetyErrors: string;
  /** Said once, above every section, when the hub withheld items from the record. */
  withheld: string;
  /** A section with nothing that may be shown: never "none recorded". */
  noneShown: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const WORDS: Record<RecordAudience, Words> = {
  clinician: {
    region: 'Record summary',
    loading: 'Loading the record summary',
    failed: 'The record summary could not be loaded',
    noPatient: 'No patient selected',
    source: 'Source',
    since: 'Since',
    starts: 'Starts',
    notYetInForce: 'Not yet in force',
    notStarted: 'Not started yet',
    statusNotKnown: 'Status not known',
    onset: 'Onset',
    severity: 'Severity',
    status: 'Status',
    recordedBy: 'Recorded by',
    recorded: 'Recorded',
    lastUpdated: 'Last updated',
    by: 'by',
    reaction: 'Reaction',
    criticality: 'Criticality',
    type: 'Type',
    phone: 'Phone',
    relationship: 'Relationship',
    started: 'Started',
    reviewDate: 'Review date',
    target: 'Target',
    reviewOverdue: 'Review overdue',
    expired: (date) => `Prescription expired ${date}`,
    author: 'Author',
    organisation: 'Organisation',
    careManager: 'Care manager',
    team: 'Team',
    when: 'When',
    with: 'With',
    location: 'Location',
    given: 'Date',
    done: 'Date',
    dose: 'Dose',
    reason: 'Reason',
    bodySite: 'Site',
    performedBy: 'Performed by',
    pastProblems: 'Past problems',
    resolvedAllergies: 'Resolved allergies',
    reportedByResident: 'Reported by the resident',
    reportedBy: (who) => `Reported by ${who}`,
    nextOfKin: 'Next of kin',
    carer: 'Carer',
    safeguarding: 'Safeguarding',
    safety: 'Safety',
    highCriticality: 'High criticality',
    unconfirmedAllergy: 'Unconfirmed',
    medicineKinds: { repeat: 'Repeat', acute: 'Acute', other: 'Other' },
    headline: ({ total, repeat, acute, other }, whole) => {
      const parts = [repeat > 0 ? `${repeat} repeat` : '', acute > 0 ? `${acute} acute` : '', other > 0 ? `${other} other` : ''].filter(
        Boolean,
      );
      return `${plural(total, 'current medicine', 'current medicines')}${whole ? '' : ' shown, may not be all'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
    },
    doNotGive: 'Do not give',
    statusDisagrees: 'Sources disagree: status',
    declined: 'Declined by the patient',
    responseUnclear: "Patient's response unclear",
    more: (count) => `${count} more in the full medication list`,
    nothingFromOthers: 'Nothing recorded by the services that answered',
    allergiesFailed: 'The allergy information could not be read.',
    safetyErrors: 'Some entries were left out because they are not about this patient. Report this to your system administrator.',
    withheld: 'Some information is not shown. Sections may be incomplete.',
    noneShown: 'None that can be shown',
  },
  resident: {
    region: 'Your record summary',
    loading: 'Loading your record summary',
    failed: 'We could not load your record summary',
    noPatient: 'No record selected',
    source: 'From',
    since: 'Since',
    starts: 'Starts',
    notYetInForce: 'Not started yet',
    notStarted: 'Not started yet',
    statusNotKnown: 'Status not known',
    onset: 'Started',
    severity: 'Severity',
    status: 'Status',
    recordedBy: 'Recorded by',
    recorded: 'Recorded',
    lastUpdated: 'Last updated',
    by: 'by',
    reaction: 'Reaction',
    criticality: 'Risk',
    type: 'Type',
    phone: 'Phone',
    relationship: 'Relationship',
    started: 'Started',
    reviewDate: 'Review due',
    target: 'Goal',
    reviewOverdue: 'Review overdue',
    expired: (date) => `Prescription expired on ${date}`,
    author: 'Written by',
    organisation: 'Organisation',
    careManager: 'Main contact',
    team: 'Team',
    when: 'When',
    with: 'With',
    location: 'Where',
    given: 'When',
    done: 'When',
    dose: 'Dose',
    reason: 'Why',
    bodySite: 'Where on your body',
    performedBy: 'Done by',
    pastProblems: 'Past health conditions',
    resolvedAllergies: 'Allergies you no longer have',
    reportedByResident: 'Added by you',
    reportedBy: (who) => `Added by ${who}`,
    nextOfKin: 'Next of kin',
    carer: 'Carer',
    safeguarding: 'Safeguarding',
    safety: 'Safety',
    highCriticality: 'High risk',
    unconfirmedAllergy: 'Not confirmed',
    medicineKinds: { repeat: 'Repeat prescription', acute: 'One-off prescription', other: 'Other' },
    headline: ({ total }, whole) =>
      whole
        ? `You have ${plural(total, 'current medicine', 'current medicines')}`
        : `${plural(total, 'current medicine', 'current medicines')} shown, there may be more`,
    doNotGive: 'Medicines you must not be given',
    statusDisagrees: 'Services have recorded it differently',
    declined: 'Declined',
    responseUnclear: 'Not clear if accepted or declined',
    more: (count) => `${count} more in your full list of medicines`,
    nothingFromOthers: 'Nothing recorded by the services that answered',
    allergiesFailed: 'We could not read your allergy information.',
    safetyErrors: 'Some entries were left out because they are not about you. Please tell the service that gave you access.',
    withheld: 'Some information is not shown here. Your care team can still see what they need to care for you.',
    noneShown: 'Nothing we can show you here',
  },
};

/** A carer's words: the person's record, not "your". */
const CARER = (who: ActingFor): Partial<Words> => ({
  region: `${possessive(who)} record summary`,
  loading: `Loading ${possessive(who)} record summary`,
  failed: `We could not load ${possessive(who)} record summary`,
  bodySite: 'Where on the body',
  resolvedAllergies: `Allergies ${who.short} no longer has`,
  reportedByResident: `Added by ${who.short}`,
  headline: ({ total }, whole) =>
    whole
      ? `${who.short} has ${plural(total, 'current medicine', 'current medicines')}`
      : `${plural(total, 'current medicine', 'current medicines')} of ${possessive(who)} shown, there may be more`,
  doNotGive: `Medicines ${who.short} must not be given`,
  more: (count) => `${count} more in ${possessive(who)} full list of medicines`,
  allergiesFailed: `We could not read ${possessive(who)} allergy information.`,
  safetyErrors: `Some entries were left out because they are not about ${who.short}. Please tell the service that gave you access.`,
  withheld: `Some information is not shown here. ${possessive(who)} care team can still see what they need to care for them.`,
});

const LEGAL_KINDS: Record<LegalKind, string> = {
  'lasting-power-of-attorney': 'Lasting power of attorney',
  deputy: 'Court-appointed deputy',
  'deprivation-of-liberty': 'Deprivation of Liberty Safeguards',
  'mental-health-act': 'Mental Health Act',
  'mental-capacity': 'Mental capacity',
  'advance-decision': 'Advance decision',
};

/** A label and its value, the value more prominent; no colon (CUI). */
// The value is isolated: it may be a name from the record (recorded by, source, organisation), which must not carry the
// text after it into its own direction.
const pair = (label: string | TemplateResult, value: string | TemplateResult) =>
  html`<span class="pair"><span class="label">${label}</span> <bdi class="value">${value}</bdi></span>`;
/** The pair when the record gave the value; nothing when it gave none. */
const pairIfAny = (label: string, value: string | undefined) => value !== undefined && pair(label, value);

/**
 * The record summary in PRSB order: alerts and safeguarding, allergies,
 * problems, the medication headline, legal information and advance decisions,
 * personal contacts, care and support plans, services involved and upcoming
 * appointments. Every item names the organisation it came from. Each section
 * shows its own state: empty (in its own words), some information not shown,
 * a source unavailable (named, with the rest shown) or not permitted for this
 * role.
 *
 * Inside `<care-record-provider>` it shows the patient in context; without
 * one, give it a `model` (from `summaryViewModel`).
 *
 * @summary A resident's integrated record at a glance, section by section.
 *
 * @event {CustomEvent<{ resourceType: string; id: string }>} care-select - Someone chose an item (click, Enter or Space):
 *   `detail` names the FHIR resource (`Condition`, `AllergyIntolerance`, `Flag`, `RelatedPerson`, `CarePlan`,
 *   `EpisodeOfCare`, `Appointment`) so the host can open its own screen for it. Cancelable.
 *
 * @csspart summary - The region holding every section.
 * @csspart section - One section.
 * @csspart heading - A section's heading.
 * @csspart item - One entry in a section.
 * @csspart do-not-give - "Do not give" orders in force, shown apart, before the medicines.
 * @csspart flag - A current medicine's "Sources disagree" flag, with what each source says of its status.
 * @csspart notice - A line saying what is missing: not shown, unavailable, not permitted.
 * @csspart withheld-notice - The one line, above the sections, saying that some information is not shown.
 * @csspart error - The panel shown when the summary could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-summary-heading-color=#212b32] - Colour of the section headings.
 * @cssprop [--care-summary-rule-color=#d8dde0] - Line between sections.
 * @cssprop [--care-color-primary=#005eb8] - Item links and accents.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareRecordSummary extends CareElement {
  static override elementName = 'care-record-summary';
  static override styles = styles;

  /**
   * The summary to show, when the host read the record itself (from
   * `summaryViewModel`). Takes the place of loading from a provider; inside one,
   * it is shown only if it is about the patient in context.
   */
  @property({ attribute: false }) model: SummaryViewModel | undefined;

  /** The level of each section's heading (1–6), to fit the host page's outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  readonly #task = new RecordTask<SummaryViewModel>(this, {
    load: async (record) => pageSummary(await record.use(readPage), record.reader.options),
    patientOf: (summary) => summary.patientId,
    enabled: () => this.model === undefined,
    onRecordChange: () => this.renderNow(),
  });

  protected override render() {
    const context = this.#task.context;
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${this.#renderState(this.#audience)}</div>`;
  }

  get #audience(): RecordAudience {
    return this.model?.audience ?? this.#task.context?.audience ?? 'clinician';
  }

  #renderState(audience: RecordAudience): TemplateResult {
    const words = wordsFor(WORDS, audience, this.#task.context?.actingFor, CARER);
    if (this.model) return wrongPatientModel(this.#task, this.model.patientId, words.failed, audience) ?? this.#renderSummary(this.model);
    return renderTask(this.#task, {
      audience,
      idle: () => html`<p class="empty">${words.noPatient}</p>`,
      failed: words.failed,
      focus: '.summary',
      loading: () => renderFrame('summary', words.region, renderSkeleton(words.loading, 6), true),
      ready: (summary) => this.#renderSummary(summary),
    });
  }

  #select(detail: CareSelectDetail): void {
    this.emit('care-select', detail);
  }

  #renderSummary(model: SummaryViewModel): TemplateResult {
    const words = wordsFor(WORDS, model.audience, this.#task.context?.actingFor, CARER);
    const safety =
      model.safetyIssues.length > 0
        ? html`<p class="notice notice--warning" part="notice">${warningIcon}<span>${words.safetyErrors}</span></p>`
        : nothing;
    // Withheld items are said once, above the sections, rather than in each of them.
    const withheld = model.withheld
      ? html`<p class="notice" part="notice withheld-notice">${infoIcon}<span>${words.withheld}</span></p>`
      : nothing;
    return renderFrame(
      'summary',
      words.region,
      html`${safety} ${withheld} ${model.order.map((key) => this.#renderSection(model, key, words))}`,
    );
  }

  #renderSection(model: SummaryViewModel, key: SummarySectionKey, words: Words): TemplateResult {
    const sections = model.sections;
    let body: TemplateResult | typeof nothing;
    switch (key) {
      case 'allergies':
        body = this.#renderAllergies(sections.allergies, words);
        break;
      case 'alerts':
        body = this.#renderItems(sections.alerts, words, (item) => this.#flag(item, key, words));
        break;
      case 'legal':
        body = this.#renderItems(sections.legal, words, (item) => this.#flag(item, key, words));
        break;
      case 'problems': {
        const section = sections.problems;
        body = html`${this.#renderItems(section, words, (item) => this.#problem(item, words))}
        ${
          section.state !== 'not-permitted' && section.past.length > 0
            ? html`<details class="more">
                <summary>${words.pastProblems} (${shownCount(section.past.length, sectionIsWhole(section), model.audience)})</summary>
                <ul class="items">
                  ${section.past.map((item) => this.#problem(item, words))}
                </ul>
              </details>`
            : nothing
        }`;
        break;
      }
      case 'medications': {
        const section = sections.medications;
        const { headline } = section;
        body = html`${this.#doNotGive(section.doNotGive, words)}${
          section.state === 'not-permitted' || headline.total === 0
            ? this.#renderItems(section, words, (item) => this.#medicine(item, words))
            : html`<p class="headline">${words.headline(headline, sectionIsWhole(section))}</p>
                ${this.#renderItems(section, words, (item) => this.#medicine(item, words))}
                ${headline.moreCount > 0 ? html`<p class="secondary">${words.more(headline.moreCount)}</p>` : nothing}`
        }`;
        break;
      }
      case 'procedures':
        body = this.#renderItems(sections.procedures, words, (item) => this.#procedure(item, words));
        break;
      case 'immunisations':
        body = this.#renderItems(sections.immunisations, words, (item) => this.#immunisation(item, words));
        break;
      case 'contacts':
        body = this.#renderItems(sections.contacts, words, (item) => this.#contact(item, words));
        break;
      case 'carePlans':
        body = this.#renderItems(sections.carePlans, words, (item) => this.#carePlan(item, words));
        break;
      case 'goals':
        body = this.#renderItems(sections.goals, words, (item) => this.#goal(item, words));
        break;
      case 'involvement':
        body = this.#renderItems(sections.involvement, words, (item) => this.#involvement(item, words));
        break;
      case 'appointments':
        body = this.#renderItems(sections.appointments, words, (item) => this.#appointment(item, words));
        break;
    }
    const section: SummarySection<unknown> = sections[key];
    const actingFor = model.audience === 'resident' ? this.#task.context?.actingFor : undefined;
    return html`<section class="section section--${section.state}" part="section" data-section=${key}>
      ${this.#heading(actingFor ? carerSectionTexts(actingFor.short)[key].heading : section.heading)}
      ${this.#renderNotices(model.withheld ? section.notices.filter((notice) => notice !== WITHHELD_NOTICE) : section.notices)} ${body}
    </section>`;
  }

  #heading(content: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.trunc(Number(this.headingLevel)) || 2));
    switch (level) {
      case 1:
        return html`<h1 class="heading" part="heading">${content}</h1>`;
      case 3:
        return html`<h3 class="heading" part="heading">${content}</h3>`;
      case 4:
        return html`<h4 class="heading" part="heading">${content}</h4>`;
      case 5:
        return html`<h5 class="heading" part="heading">${content}</h5>`;
      case 6:
        return html`<h6 class="heading" part="heading">${content}</h6>`;
      default:
        return html`<h2 class="heading" part="heading">${content}</h2>`;
    }
  }

  #renderNotices(notices: readonly string[]): TemplateResult | typeof nothing {
    if (notices.length === 0) return nothing;
    return html`<div class="notices">
      ${notices.map((notice) => {
        const informational = INFORMATIONAL_NOTICES.has(notice);
        return html`<p class="notice ${informational ? '' : 'notice--warning'}" part="notice">
          ${informational ? infoIcon : warningIcon}<span>${notice}</span>
        </p>`;
      })}
    </div>`;
  }

  /** A section's list, or what to say when it has none. */
  #renderItems<Item>(section: SummarySection<Item>, words: Words, item: (item: Item) => TemplateResult): TemplateResult | typeof nothing {
    if (section.state === 'not-permitted') return nothing;
    if (section.items.length > 0)
      return html`<ul class="items">
        ${section.items.map(item)}
      </ul>`;
    // An item that could not be read is a line in the notices: never "none recorded" beside it. Nor from an answer that
    // carried another patient's items: the notices say some could not be shown safely.
    if ((section.unreadable ?? []).length > 0 || section.notShownSafely) return nothing;
    // A search that could not be read or came cut short: its notice says so, and nothing says "none" under it.
    if (section.notAllRead) return nothing;
    // An empty list from an incomplete record is not "none recorded".
    if (section.state === 'partial') return html`<p class="empty">${words.nothingFromOthers}</p>`;
    if (section.state === 'withheld') return html`<p class="empty">${words.noneShown}</p>`;
    const actingFor = this.#task.context?.actingFor;
    return html`<p class="empty">${actingFor ? carerSectionTexts(actingFor.short)[section.key].empty : section.emptyText}</p>`;
  }

  /**
   * One entry: its title (a button that names the resource `type` to the host, when it has an id), tags, details and
   * source.
   */
  #item(
    type: string,
    item: { id: string; source: SourceLabel },
    title: string | TemplateResult,
    words: Words,
    tags: (string | false | undefined)[],
    details: (TemplateResult | false | undefined)[],
  ): TemplateResult {
    const shownTags = tags.filter((tag): tag is string => Boolean(tag));
    const shownDetails = details.filter((detail): detail is TemplateResult => Boolean(detail));
    const select: CareSelectDetail = { resourceType: type, id: item.id };
    return html`<li class="item" part="item">
      <p class="item-title">
        ${
          item.id !== NOT_KNOWN
            ? html`<button class="link" type="button" @click=${() => this.#select(select)}>${title}</button>`
            : html`<span class="title-text">${title}</span>`
        }
        ${shownTags.map((tag) => html` <span class="tag">${tag}</span>`)}
      </p>
      ${shownDetails.length > 0 ? html`<p class="item-details">${shownDetails.map((detail) => html`${detail} `)}</p>` : nothing}
      <p class="item-source">${pair(words.source, sourceName(item.source, this.#audience, this.#task.context?.actingFor))}</p>
    </li>`;
  }

  #flag(item: FlagItem, key: 'alerts' | 'legal', words: Words): TemplateResult {
    const kind =
      key === 'legal'
        ? LEGAL_KINDS[item.kind as LegalKind]
        : item.kind === 'safeguarding'
          ? words.safeguarding
          : item.kind === 'safety'
            ? words.safety
            : undefined;
    // An alert still to come is listed, so it is not a surprise, but never as one in force.
    // One sent with no status is listed, as nothing says it has ended, but never as if the source had said it is active.
    return this.#item(
      'Flag',
      item,
      item.text,
      words,
      [kind, item.notYetInForce && words.notYetInForce, item.statusNotKnown && words.statusNotKnown],
      [
        pair(item.notYetInForce ? words.starts : words.since, item.since),
        item.recordedBy !== NOT_KNOWN && pair(words.recordedBy, item.recordedBy),
      ],
    );
  }

  #problem(item: ProblemItem, words: Words): TemplateResult {
    // A diagnosis not confirmed is never listed as if it were: the words the timeline uses too.
    return this.#item(
      'Condition',
      item,
      item.text,
      words,
      [item.uncertainty && CONDITION_UNCERTAINTY_LABELS[this.#audience][item.uncertainty]],
      [
        pair(words.onset, item.onset),
        pairIfAny(words.severity, item.severity),
        pair(words.status, item.status),
        pair(words.recordedBy, item.recordedBy),
      ],
    );
  }

  /** "Do not give" orders in force: never medicines being taken, shown apart and first, each with its sources. */
  #doNotGive(items: readonly DoNotGiveItem[], words: Words): TemplateResult | typeof nothing {
    if (items.length === 0) return nothing;
    return html`<div class="do-not-give" part="do-not-give">
      <p class="do-not-give-heading">${warningIcon}<span>${words.doNotGive}</span></p>
      <ul class="items">
        ${items.map(
          (item) =>
            html`<li class="item">
              <p class="item-title"><span class="title-text">${item.name}</span></p>
              <p class="item-source">
                ${pair(words.source, item.sources.length > 0 ? html`${isolatedNames(item.sources.map((source) => sourceName(source, this.#audience, this.#task.context?.actingFor)))}` : NOT_KNOWN)}
              </p>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #medicine(item: MedicationPreviewItem, words: Words): TemplateResult {
    // The headline names medicines without ids: the full list (care-medication-list) is where they are chosen.
    return html`<li class="item" part="item">
      <p class="item-title">
        <span class="title-text">${item.name}</span> <span class="tag">${words.medicineKinds[item.kind]}</span>
        ${item.statusLabel ? html`<span class="tag tag--status">${item.statusLabel}</span>` : nothing}
        ${item.prescriptionExpired ? html`<span class="tag tag--status">${words.expired(item.prescriptionExpired)}</span>` : nothing}
      </p>
      ${
        item.statusDisagreement
          ? html`<div class="disagreement" part="flag">
              <p class="flag">${warningIcon}<strong>${words.statusDisagrees}</strong></p>
              <p class="item-details">
                ${item.statusDisagreement.map(({ source, value }) =>
                  pair(isolatedName(sourceName(source, this.#audience, this.#task.context?.actingFor)), value),
                )}
              </p>
            </div>`
          : nothing
      }
      <p class="item-source">
        ${pair(words.source, item.sources.length > 0 ? html`${isolatedNames(item.sources.map((source) => sourceName(source, this.#audience, this.#task.context?.actingFor)))}` : NOT_KNOWN)}
      </p>
    </li>`;
  }

  #contact(item: ContactItem, words: Words): TemplateResult {
    // A contact whose relationship starts later is listed, so it is not a surprise, but never as a current one.
    return this.#item(
      'RelatedPerson',
      item,
      isolatedName(item.name),
      words,
      [item.nextOfKin && words.nextOfKin, item.carer && words.carer, item.notYetStarted && words.notStarted],
      [pair(words.relationship, item.relationships.join(', ')), pair(words.phone, item.phone), pairIfAny(words.starts, item.starts)],
    );
  }

  #goal(item: GoalSummaryItem, words: Words): TemplateResult {
    return this.#item(
      'Goal',
      item,
      item.title,
      words,
      [item.status !== 'Active' && item.status, item.reviewOverdue && words.reviewOverdue],
      [...item.targets.map((target) => pair(words.target, target)), pair(words.reviewDate, item.reviewDate)],
    );
  }

  #carePlan(item: CarePlanItem, words: Words): TemplateResult {
    return this.#item(
      'CarePlan',
      item,
      item.title,
      words,
      [item.status !== 'Active' && item.status, item.notYetStarted && words.notStarted, item.reviewOverdue && words.reviewOverdue],
      [
        item.category !== item.title && pair(words.type, item.category),
        pair(item.notYetStarted ? words.starts : words.started, item.start),
        pair(words.reviewDate, item.reviewDate),
        pair(words.author, item.author),
      ],
    );
  }

  #procedure(item: ProcedureItem, words: Words): TemplateResult {
    return this.#item(
      'Procedure',
      item,
      item.text,
      words,
      [item.state !== 'completed' && item.status],
      [
        pair(words.done, item.date),
        pairIfAny(words.reason, item.reason),
        pairIfAny(words.bodySite, item.bodySite),
        pairIfAny(words.performedBy, item.performedBy),
      ],
    );
  }

  #immunisation(item: ImmunisationItem, words: Words): TemplateResult {
    return this.#item(
      'Immunization',
      item,
      item.vaccine,
      words,
      [item.state !== 'given' && item.status],
      [
        pair(words.given, item.date),
        pairIfAny(words.dose, item.dose),
        pairIfAny(words.reason, item.reason),
        pairIfAny(words.location, item.location),
      ],
    );
  }

  #involvement(item: InvolvementItem, words: Words): TemplateResult {
    return this.#item(
      'EpisodeOfCare',
      item,
      item.service,
      words,
      [item.notYetStarted && words.notStarted, item.statusNotKnown && words.statusNotKnown],
      [
        pair(words.organisation, item.organisation),
        pair(words.careManager, item.careManager),
        pairIfAny(words.team, item.team),
        pair(item.notYetStarted ? words.starts : words.since, item.since),
      ],
    );
  }

  #appointment(item: AppointmentItem, words: Words): TemplateResult {
    return this.#item(
      'Appointment',
      item,
      item.description,
      words,
      [item.patientDeclined && words.declined, item.patientResponseUnclear && words.responseUnclear],
      [
        pair(words.when, item.time === NOT_KNOWN || item.time === '' ? item.date : `${item.date} ${item.time}`),
        pair(words.with, item.with),
        pair(words.location, item.location),
        item.instruction !== undefined && html`<span class="instruction">${item.instruction}</span>`,
      ],
    );
  }

  #renderAllergies(section: SummarySection<AllergyItem> & { allergies: AllergyState }, words: Words): TemplateResult | typeof nothing {
    if (section.state === 'not-permitted') return nothing;
    const state = section.allergies;
    // An unconfirmed "none" is not the settled fact: no tick, not its colour.
    const look = state.kind === 'no-known-allergies' && state.unconfirmed ? 'unconfirmed' : state.kind;
    const stateLine = html`<p class="allergy-state allergy-state--${look}">
      ${look === 'known' ? warningIcon : look === 'no-known-allergies' ? tickIcon : look === 'not-recorded' ? nothing : infoIcon}
      <span>${state.label}</span>
    </p>`;
    const resolved =
      state.kind !== 'unavailable' && state.kind !== 'not-permitted' && state.resolved.length > 0
        ? html`<details class="more">
            <summary>${words.resolvedAllergies} (${shownCount(state.resolved.length, sectionIsWhole(section), this.#audience)})</summary>
            <ul class="items">
              ${state.resolved.map((item) => this.#allergy(item, words))}
            </ul>
          </details>`
        : nothing;
    switch (state.kind) {
      case 'known':
        return html`${stateLine}
          <ul class="items">
            ${state.items.map((item) => this.#allergy(item, words))}
          </ul>
          ${resolved}`;
      case 'no-known-allergies':
        return html`${stateLine}
          <ul class="items">
            <li class="item" part="item">
              ${
                state.statement !== state.label
                  ? html`<p class="item-title">
                      <span class="title-text">${state.statement}</span>
                      ${state.unconfirmed ? html` <span class="tag">${words.unconfirmedAllergy}</span>` : nothing}
                    </p>`
                  : nothing
              }
              <p class="item-details">${pair(words.recorded, state.recorded)} ${pair(words.recordedBy, state.recordedBy)}</p>
              <p class="item-source">${pair(words.source, sourceName(state.source, this.#audience, this.#task.context?.actingFor))}</p>
            </li>
          </ul>
          ${resolved}`;
      case 'not-recorded':
        return html`${stateLine}${resolved}`;
      case 'unavailable':
        return html`${stateLine}${
          state.reason === 'error' && section.notices.length === 0 ? html`<p class="empty">${words.allergiesFailed}</p>` : nothing
        }`;
      case 'not-permitted':
        return stateLine;
    }
  }

  #allergy(item: AllergyItem, words: Words): TemplateResult {
    return this.#item(
      'AllergyIntolerance',
      item,
      item.substance,
      words,
      [
        item.criticality === 'High' && words.highCriticality,
        item.verification === 'Unconfirmed' && words.unconfirmedAllergy,
        item.status !== 'Active' && item.status,
        item.reportedByCarer ? words.reportedBy(item.reportedByCarer) : item.reportedByResident && words.reportedByResident,
      ],
      [
        ...item.reactions.map((reaction) =>
          pair(
            words.reaction,
            `${reaction.manifestations.join(', ')}${reaction.severity !== 'Not recorded' ? ` (${reaction.severity})` : ''}`,
          ),
        ),
        pair(words.type, `${item.type}, ${item.category}`),
        pair(words.criticality, item.criticality),
        // "by" only beside the recorder's own date; a storage date is no one's, so the recorder is named apart.
        pair(
          words.lastUpdated,
          item.lastUpdatedBy ? html`${item.lastUpdated} ${words.by} ${isolatedName(item.lastUpdatedBy)}` : item.lastUpdated,
        ),
        !item.lastUpdatedBy && item.recordedBy !== NOT_KNOWN && pair(words.recordedBy, item.recordedBy),
      ],
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-summary': CareRecordSummary;
  }
}
