import {
  carriedAnotherPatients,
  NO_DOSAGE,
  NOT_SHOWN_SAFELY_NOTICE,
  readMedications,
  type MedicationDisagreement,
  type MedicationRow,
  type MedicationsViewModel,
  type RecordAudience,
} from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CareElement, type CareSelectDetail } from '../internal/care-element.js';
import { warningIcon } from '../internal/icons.js';
import { unreadableNotice, type SourceLabel } from '@care-record/sdk';
import { possessive, wordsFor } from '../internal/carer-words.js';
import type { ActingFor } from '../internal/record-context.js';
import { RecordTask } from '../internal/record-task.js';
import { renderFrame, renderNotices, renderSkeleton, renderTask, wrongPatientModel } from '../internal/states.js';
import { elementAudience } from '../internal/audience.js';
import { styles } from './medication-list.styles.js';
import { addedByCarer, sourceName } from '../internal/source-name.js';
import { isolatedName, isolatedNames } from '../internal/isolated-name.js';
import { listIsWhole, notAllRead, shownCount } from '../internal/shown-count.js';

/** The searches a medicines list is made from. */
const MEDICINE_TYPES = ['MedicationRequest', 'MedicationStatement'];

interface Words {
  region: string;
  loading: string;
  failed: string;
  noPatient: string;
  columns: { medicine: string; dosage: string; type: string; lastIssued: string; issues: string; review: string; sources: string };
  pastColumns: { started: string; ended: string; status: string; reason: string };
  quantity: string;
  /** When an order shown apart was written. */
  recorded: string;
  notApplicable: string;
  reviewOverdue: string;
  /** A current prescription past its validity period, with when it ended. */
  expired: (date: string) => string;
  /** A past medicine whose course ran out (no one stopped it), with when. */
  courseEnded: (date: string) => string;
  disagree: (field: MedicationDisagreement['field']) => string;
  none: string;
  noneCurrent: string;
  nothingFromOthers: string;
  /** Replace the view model's headings (for a carer: whose medicines they are). */
  heading?: string;
  pastHeading?: string;
  doNotGiveHeading?: string;
  proposedHeading?: string;
}

/** A carer's words: the person's medicines, not "your". */
const CARER = (who: ActingFor): Partial<Words> => ({
  loading: `Loading ${possessive(who)} medicines`,
  failed: `We could not load ${possessive(who)} medicines`,
  heading: `${possessive(who)} medicines`,
  pastHeading: `Medicines ${who.short} no longer takes`,
  doNotGiveHeading: `Medicines ${who.short} must not be given`,
  proposedHeading: `Suggested for ${who.short}, not prescribed`,
});

const WORDS: Record<RecordAudience, Words> = {
  clinician: {
    region: 'Medication',
    loading: 'Loading medication',
    failed: 'Medication could not be loaded',
    noPatient: 'No patient selected',
    columns: {
      medicine: 'Medicine',
      dosage: 'Dosage',
      type: 'Type',
      lastIssued: 'Last issued',
      issues: 'Issues',
      review: 'Review date',
      sources: 'Sources',
    },
    pastColumns: { started: 'Started', ended: 'Ended', status: 'Status', reason: 'Reason stopped' },
    quantity: 'Quantity',
    recorded: 'Recorded',
    notApplicable: 'Not applicable',
    reviewOverdue: 'Review overdue',
    expired: (date) => `Prescription expired ${date}`,
    courseEnded: (date) => `Course ended ${date}`,
    disagree: (field) => `Sources disagree: ${field}`,
    none: 'No medicines recorded',
    noneCurrent: 'No current medicines recorded',
    nothingFromOthers: 'Nothing recorded by the services that answered',
  },
  resident: {
    region: 'Medicines',
    loading: 'Loading your medicines',
    failed: 'We could not load your medicines',
    noPatient: 'No record selected',
    columns: {
      medicine: 'Medicine',
      dosage: 'How to take it',
      type: 'Prescription',
      lastIssued: 'Last issued',
      issues: 'Issued so far',
      review: 'Review due',
      sources: 'From',
    },
    pastColumns: { started: 'Started', ended: 'Ended', status: 'Status', reason: 'Why it was stopped' },
    quantity: 'Amount',
    recorded: 'Written',
    notApplicable: 'Not applicable',
    reviewOverdue: 'Review overdue',
    expired: (date) => `Prescription expired on ${date}`,
    courseEnded: (date) => `Course ended ${date}`,
    disagree: (field) => (field === 'dose' ? 'Services have recorded different doses' : 'Services have recorded it differently'),
    none: 'No medicines recorded',
    noneCurrent: 'No current medicines recorded',
    nothingFromOthers: 'Nothing recorded by the services that answered',
  },
};

/** One line for each medicine record that could not be read, naming its source, in the audience's words. */
const unreadableLines = (sources: readonly SourceLabel[], audience: RecordAudience) =>
  sources.map(
    (source) => html`<p class="notice notice--warning" part="notice">${warningIcon}<span>${unreadableNotice(source, audience)}</span></p>`,
  );

/** `MedicationRequest/mr-1` to what `care-select` carries; nothing when the source gave no id. */
function selectionOf(row: MedicationRow): CareSelectDetail | undefined {
  const slash = row.id.indexOf('/');
  const resourceType = row.id.slice(0, slash);
  const id = row.id.slice(slash + 1);
  return slash > 0 && id && id !== '(no id)' ? { resourceType, id } : undefined;
}

/** A table's column headings, in order, a space apart in the header's text. */
const headRow = (labels: readonly string[]) =>
  html`<thead role="rowgroup">
    <tr role="row">
      ${labels.map((label) => html` <th scope="col" role="columnheader">${label}</th>`)}
    </tr>
  </thead>`;

/**
 * The column's name inside a cell, shown only when the table is laid out as
 * one block per medicine in a narrow column. Hidden from assistive
 * technology, which reads the column header (the table keeps its roles).
 */
const cellLabel = (label: string) => html`<span class="cell-label" aria-hidden="true">${label}</span>`;

/**
 * Current and past medicines from every source, as GP systems present them:
 * repeats then acutes, each with its original name, its dosage verbatim, when
 * it was last issued, issues made of those allowed, its review date and every
 * source that holds it. When sources disagree about the dose or status, the
 * row says so in words. Medicines the resident reported themselves are
 * marked. Past medicines, with why they were stopped, are behind a disclosure.
 *
 * Inside `<care-record-provider>` it shows the patient in context; without
 * one, give it a `model` (from `medicationsViewModel`).
 *
 * @summary Current and past medicines across GP, hospital and the resident's own entries.
 *
 * @event {CustomEvent<{ resourceType: string; id: string }>} care-select - Someone chose a medicine (click, Enter or
 *   Space): `detail` names the resource behind the row (`MedicationRequest` or `MedicationStatement`). Cancelable.
 *
 * @csspart medicines - The region holding the lists.
 * @csspart heading - The list's heading when there is no table of current medicines.
 * @csspart table - The current medicines table.
 * @csspart flag - A "Sources disagree" flag with what each source says.
 * @csspart do-not-give - Orders that a medicine must not be given, shown apart before the current medicines.
 * @csspart proposed - Medicines proposed or suggested, not prescribed, shown apart after the current ones.
 * @csspart past - The past medicines disclosure.
 * @csspart past-table - The past medicines table.
 * @csspart notice - A line saying what is missing: not shown, unavailable, not available to the viewer's role.
 * @csspart error - The panel shown when the medicines could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-medication-header-background=#f0f4f5] - Background of the table headers.
 * @cssprop [--care-medication-flag-color=#d5281b] - Edge of a "Sources disagree" flag.
 * @cssprop [--care-color-primary=#005eb8] - Medicine links and accents.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareMedicationList extends CareElement {
  static override elementName = 'care-medication-list';
  static override styles = styles;

  /**
   * The medicines to show, when the host read them itself (from
   * `medicationsViewModel`). Takes the place of loading from a provider;
   * inside one, it is shown only if it is about the patient in context.
   */
  @property({ attribute: false }) model: MedicationsViewModel | undefined;

  /** Who is looking, when there is no provider (inside one, the provider's audience is used): `clinician` (the default) or `resident`. `carer`, or a value the element does not know, shows the resident's view, the one that shows less. */
  @property() audience: RecordAudience = 'clinician';

  readonly #task = new RecordTask<MedicationsViewModel>(this, {
    load: (record) => record.use(readMedications),
    enabled: () => this.model === undefined,
    onRecordChange: () => this.renderNow(),
  });

  protected override render() {
    const context = this.#task.context;
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${this.#renderState(this.#audience)}</div>`;
  }

  get #audience(): RecordAudience {
    return elementAudience(this.localName, this.#task.context?.audience, this.audience);
  }

  #renderState(audience: RecordAudience): TemplateResult {
    const words = wordsFor(WORDS, audience, this.#task.context?.actingFor, CARER);
    if (this.model)
      return wrongPatientModel(this.#task, this.model.patientId, words.failed, audience) ?? this.#renderMedicines(this.model, words);
    return renderTask(this.#task, {
      audience,
      idle: () => html`<p class="empty">${words.noPatient}</p>`,
      failed: words.failed,
      focus: '.medicines',
      loading: () => renderFrame('medicines', words.region, renderSkeleton(words.loading, 5), true),
      ready: (medicines) => this.#renderMedicines(medicines, words),
    });
  }

  #renderMedicines(model: MedicationsViewModel, words: Words): TemplateResult {
    const { notices } = model;
    const partial = notices.unavailableSources.length > 0;
    const doNotGive = model.doNotGive ?? [];
    const proposed = model.proposed ?? [];
    // An answer that carried another patient's medicines: theirs are left out, and no list here says there are none.
    const misrouted = carriedAnotherPatients(model.safetyIssues);
    const said = html`${renderNotices(notices, misrouted ? NOT_SHOWN_SAFELY_NOTICE : undefined)}
    ${unreadableLines(model.unreadable ?? [], this.#audience)}
    ${doNotGive.length > 0 ? this.#renderApart('do-not-give', words.doNotGiveHeading ?? model.doNotGiveHeading, doNotGive, words) : nothing}`;
    let current: TemplateResult;
    // The table's caption heads it, so what is missing is said before the table. Without a table the heading comes
    // first, then what is missing, so that nothing is read before the heading it belongs to.
    if (model.current.length > 0) current = html`${said} ${this.#renderCurrent(model, words)}`;
    else {
      let empty: TemplateResult | typeof nothing;
      if (misrouted) empty = nothing;
      // A search that could not be read or came cut short: the notice says so, and nothing says "none" — not even of
      // the services that answered, as the one not read may have answered.
      else if (notAllRead(notices, MEDICINE_TYPES)) empty = nothing;
      else if (partial) empty = html`<p class="empty">${words.nothingFromOthers}</p>`;
      // Withheld or unreadable items, a role that may not see medicines, a search that could not be read or an answer
      // cut short (R17): the notices say so, and nothing says "none".
      else if (
        notices.withheld ||
        model.notPermitted ||
        (model.unreadable ?? []).length > 0 ||
        (notices.unreadTypes ?? []).length > 0 ||
        notices.truncated === true
      )
        empty = nothing;
      else
        empty = html`<p class="empty">
          ${model.past.length > 0 || doNotGive.length > 0 || proposed.length > 0 ? words.noneCurrent : words.none}
        </p>`;
      current = html`<h2 class="heading" part="heading">${words.heading ?? model.heading}</h2>
        ${said} ${empty}`;
    }

    // A "do not give" instruction is read before what is being taken, as an allergy is; a proposal after it, apart.
    return renderFrame(
      'medicines',
      words.region,
      html`${current}
      ${proposed.length > 0 ? this.#renderApart('proposed', words.proposedHeading ?? model.proposedHeading, proposed, words) : nothing}
      ${model.past.length > 0 ? this.#renderPast(model, words, !misrouted && !model.notPermitted) : nothing}`,
    );
  }

  /**
   * Orders that are not medicines being taken: "do not give" instructions
   * (a warning, shown first) and proposals not prescribed. A list of their
   * own, never rows of the current table.
   */
  #renderApart(kind: 'do-not-give' | 'proposed', heading: string, rows: readonly MedicationRow[], words: Words): TemplateResult {
    const warning = kind === 'do-not-give';
    return html`<section class="apart apart--${kind}" part=${kind} aria-label=${heading}>
      <h3 class="apart-heading">${warning ? warningIcon : nothing}${heading}</h3>
      <ul class="apart-list">
        ${rows.map((row) => {
          const selection = selectionOf(row);
          return html`<li>
            ${
              selection
                ? html`<button class="link" type="button" @click=${() => this.emit('care-select', selection)}>${row.name}</button>`
                : html`<strong>${row.name}</strong>`
            }
            ${row.dosage === NO_DOSAGE ? nothing : html`<span class="dosage">${row.dosage}</span>`}
            <span class="apart-meta"
              >${words.recorded} ${row.startDate} ·
              ${isolatedNames(row.sources.map((source) => sourceName(source, this.#audience, this.#task.context?.actingFor)))}</span
            >
          </li>`;
        })}
      </ul>
    </section>`;
  }

  #renderCurrent(model: MedicationsViewModel, words: Words): TemplateResult {
    const columns = words.columns;
    // Focusable, so a keyboard can scroll a table wider than the host's frame.
    return html`<div class="table-scroll" role="region" aria-label=${words.heading ?? model.heading} tabindex="0">
      <table part="table" role="table">
        <caption>
          ${words.heading ?? model.heading}
        </caption>
        ${headRow([columns.medicine, columns.dosage, columns.type, columns.lastIssued, columns.issues, columns.review, columns.sources])}
        <tbody role="rowgroup">
          ${model.current.map(
            (row) =>
              html`<tr role="row" class=${row.disagreements.length > 0 ? 'row--disagree' : ''}>
                ${this.#medicineCell(row, words)}
                <td role="cell">${cellLabel(columns.dosage)}${this.#dosage(row, words)}</td>
                <td role="cell" class="brief">${cellLabel(columns.type)}${row.typeLabel}</td>
                <td role="cell" class="brief">${cellLabel(columns.lastIssued)}${row.lastIssued ?? words.notApplicable}</td>
                <td role="cell" class="brief">${cellLabel(columns.issues)}${row.issues ?? words.notApplicable}</td>
                <td role="cell" class="brief">
                  ${cellLabel(columns.review)}${row.reviewDate ?? words.notApplicable}
                  ${row.reviewOverdue ? html`<span class="tag tag--overdue">${words.reviewOverdue}</span>` : nothing}
                </td>
                <td role="cell">${cellLabel(columns.sources)}${this.#sources(row)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The past medicines; `whole`: nothing the caller knows of was left out (another patient's, the role's). */
  #renderPast(model: MedicationsViewModel, words: Words, whole: boolean): TemplateResult {
    const columns = words.columns;
    const past = words.pastColumns;
    const count = shownCount(
      model.past.length,
      whole && listIsWhole(model.notices, MEDICINE_TYPES, (model.unreadable ?? []).length),
      this.#audience,
    );
    return html`<details class="past" part="past">
      <summary>${words.pastHeading ?? model.pastHeading} (${count})</summary>
      <div class="table-scroll" role="region" aria-label=${words.pastHeading ?? model.pastHeading} tabindex="0">
        <table part="past-table" role="table">
          <caption class="visually-hidden">
            ${words.pastHeading ?? model.pastHeading}
          </caption>
          ${headRow([columns.medicine, columns.dosage, columns.type, past.started, past.ended, past.status, past.reason, columns.sources])}
          <tbody role="rowgroup">
            ${model.past.map(
              (row) =>
                html`<tr role="row">
                  ${this.#medicineCell(row, words, false)}
                  <td role="cell">${cellLabel(columns.dosage)}${this.#dosage(row, words)}</td>
                  <td role="cell" class="brief">${cellLabel(columns.type)}${row.typeLabel}</td>
                  <td role="cell" class="brief">${cellLabel(past.started)}${row.startDate}</td>
                  <td role="cell" class="brief">${cellLabel(past.ended)}${row.endDate ?? words.notApplicable}</td>
                  <td role="cell" class="brief">${cellLabel(past.status)}${row.statusLabel}</td>
                  <td role="cell">${cellLabel(past.reason)}${row.stoppedReason ?? words.notApplicable}</td>
                  <td role="cell">${cellLabel(columns.sources)}${this.#sources(row)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  #medicineCell(row: MedicationRow, words: Words, current = true): TemplateResult {
    const selection = selectionOf(row);
    const status = row.disagreements.find((disagreement) => disagreement.field === 'status');
    return html`<th scope="row" role="rowheader">
      ${
        selection
          ? html`<button class="link" type="button" @click=${() => this.emit('care-select', selection)}>${row.name}</button>`
          : html`<span>${row.name}</span>`
      }
      ${current && row.status !== 'active' ? html`<span class="tag">${row.statusLabel}</span>` : nothing}
      ${current && row.prescriptionExpired ? html`<span class="tag tag--overdue">${words.expired(row.prescriptionExpired)}</span>` : nothing}
      ${!current && row.courseEnded ? html`<span class="tag">${words.courseEnded(row.courseEnded)}</span>` : nothing}
      ${row.residentReportedLabel ? html`<span class="tag tag--resident">${this.#reportedBy(row, row.residentReportedLabel)}</span>` : nothing}
      ${status ? this.#disagreement(status, words) : nothing}
    </th>`;
  }

  #dosage(row: MedicationRow, words: Words): TemplateResult {
    const dose = row.disagreements.find((disagreement) => disagreement.field === 'dose');
    return html`<span class="dosage">${row.dosage}</span>
      ${row.quantity ? html`<span class="quantity"><span class="label">${words.quantity}</span> ${row.quantity}</span>` : nothing}
      ${dose ? this.#disagreement(dose, words) : nothing}`;
  }

  #disagreement(disagreement: MedicationDisagreement, words: Words): TemplateResult {
    return html`<div class="disagreement" part="flag">
      <p class="flag">${warningIcon}<strong>${words.disagree(disagreement.field)}</strong></p>
      <dl class="disagreement-values">
        ${disagreement.values.map(
          (value) =>
            html`<div>
              <dt>${isolatedName(sourceName(value.source, this.#audience, this.#task.context?.actingFor))}</dt>
              <dd>${value.value}</dd>
            </div>`,
        )}
      </dl>
    </div>`;
  }

  /** Who reported it: the SDK's "Added by you" is the person, not the carer, when a carer is looking. */
  #reportedBy(row: MedicationRow, label: string): string {
    const actingFor = this.#task.context?.actingFor;
    return actingFor && this.#audience === 'resident' && !row.sources.some(addedByCarer) ? `Added by ${actingFor.short}` : label;
  }

  #sources(row: MedicationRow): TemplateResult {
    return html`<ul class="sources">
      ${row.sources.map((source) => html`<li>${isolatedName(sourceName(source, this.#audience, this.#task.context?.actingFor))}</li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-medication-list': CareMedicationList;
  }
}
