import {
  appointmentCalendar,
  appointmentFileName,
  carriedAnotherPatients,
  leftOutForIdentity,
  isNonClinicalViewer,
  isNotPermitted,
  itemsLeftOut,
  loadAppointments,
  NOT_SHOWN_SAFELY_NOTICE,
  type AppointmentRow,
  type AppointmentsViewModel,
  type RecordAudience,
} from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { warningIcon } from '../internal/icons.js';
import { aboutThem, possessive } from '../internal/carer-words.js';
import { readPage, type ActingFor } from '../internal/record-context.js';
import { RecordTask } from '../internal/record-task.js';
import { renderFrame, renderNotices } from '../internal/states.js';
import { renderRecordList, type RecordList } from '../internal/record-list.js';
import { renderUnreadable } from '../internal/unreadable-notices.js';
import { listIsWhole, notAllRead, shownCount } from '../internal/shown-count.js';
import { styles } from './appointments.styles.js';

interface Words {
  region: string;
  loading: string;
  failed: string;
  noPatient: string;
  noUpcoming: string;
  noPast: string;
  nothingFromOthers: string;
  /** Appointments about someone else were left out: a warning, never "none". */
  wrongPatient: string;
  /** Instead of "none" when appointments about someone else were left out. */
  noUpcomingShown: string;
  noPastShown: string;
  when: string;
  at: string;
  where: string;
  organisation: string;
  with: string;
  /** Why it was cancelled. */
  reason: string;
  /** Why it is booked: its own reasons. */
  why: string;
  /** The staff's note (clinicians only). */
  comment: string;
  duration: string;
  /** Said on an appointment the hub cut down for the viewer (`detailsWithheld`): not all of it is shown, never "none". */
  detailsWithheld: string;
  instruction: string;
  cancelled: string;
  addToCalendar: string;
  /** Said after "Add to calendar" to screen readers, so that each button names its appointment. */
  calendarFor: (row: AppointmentRow) => string;
}

/** A carer's words: the person's appointments, not "your". */
const CARER = (who: ActingFor): Partial<Words> => ({
  region: `${possessive(who)} appointments`,
  loading: `Loading ${possessive(who)} appointments`,
  failed: `We could not load ${possessive(who)} appointments`,
  noUpcoming: `${who.short} has no upcoming appointments`,
  noPast: `${who.short} has no past appointments`,
  instruction: 'What they need to do',
});

const WORDS: Record<RecordAudience, Words> = {
  resident: {
    region: 'Your appointments',
    loading: 'Loading your appointments',
    failed: 'We could not load your appointments',
    noPatient: 'No record selected',
    noUpcoming: 'You have no upcoming appointments',
    noPast: 'You have no past appointments',
    nothingFromOthers: 'Nothing recorded by the services that answered',
    wrongPatient: 'Some appointments were not shown because they are about someone else.',
    noUpcomingShown: 'No upcoming appointments to show',
    noPastShown: 'No past appointments to show',
    when: 'When',
    at: 'at',
    where: 'Where',
    organisation: 'Booked by',
    with: 'With',
    reason: 'Why it was cancelled',
    why: 'What it is for',
    comment: 'Note',
    duration: 'How long',
    detailsWithheld: 'Some details of this appointment are not shown',
    instruction: 'What you need to do',
    cancelled: 'This appointment has been cancelled',
    addToCalendar: 'Add to calendar',
    calendarFor: (row) => `: ${row.title}, ${row.date}`,
  },
  clinician: {
    region: 'Appointments',
    loading: 'Loading appointments',
    failed: 'Appointments could not be loaded',
    noPatient: 'No patient selected',
    noUpcoming: 'No upcoming appointments',
    noPast: 'No past appointments',
    nothingFromOthers: 'Nothing recorded by the services that answered',
    wrongPatient: 'Some appointments were not shown because they are about a different patient.',
    noUpcomingShown: 'No upcoming appointments to show',
    noPastShown: 'No past appointments to show',
    when: 'Date',
    at: '',
    where: 'Location',
    organisation: 'Organisation',
    with: 'With',
    reason: 'Cancellation reason',
    why: 'Reason',
    comment: 'Comment',
    duration: 'Duration',
    detailsWithheld: 'Some details of this appointment are not shown',
    instruction: 'Patient instruction',
    cancelled: 'Cancelled',
    addToCalendar: 'Add to calendar',
    calendarFor: (row) => `: ${row.title}, ${row.date}`,
  },
};

/** The list's section and skeleton, and its words for each audience. */
const LIST: RecordList<Words> = { name: 'appointments', skeletonLines: 4, words: WORDS, carer: CARER };

/**
 * Upcoming and past appointments across GP, hospital, community and social
 * care: what each is for and every reason it gives, when (UK time; with no
 * start, when it ends or the period asked for), where, with whom, the
 * organisation that booked it and its status in words. A clinician also sees
 * the staff's comment; an appointment cut down for the viewer's role says
 * some of its details are not shown. A cancelled appointment says so
 * plainly, in words and not only by style. A booked upcoming appointment
 * offers "Add to calendar", which downloads an iCalendar (`.ics`) file made
 * in the page (a `blob:` URL, so it works under a strict Content-Security-Policy).
 *
 * Inside `<care-record-provider>` it shows the patient in context; without
 * one, give it a `model` (from `appointmentsViewModel` or `loadAppointments`).
 *
 * @summary Upcoming and past appointments, with "Add to calendar".
 *
 * @event {CustomEvent<{ resourceType: string; id: string }>} care-select - Someone chose an appointment's title (click,
 *   Enter or Space): `detail` names the Appointment. Cancelable.
 *
 * @csspart appointments - The region holding the lists.
 * @csspart heading - The heading above the lists.
 * @csspart upcoming - The list of upcoming appointments.
 * @csspart past - The disclosure holding past appointments.
 * @csspart appointment - One appointment.
 * @csspart status - An appointment's status tag.
 * @csspart calendar-button - An "Add to calendar" button.
 * @csspart notice - A line saying what is missing: not shown, unavailable.
 * @csspart error - The panel shown when the appointments could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-appointments-cancelled-color=#4c6272] - Edge and text of a cancelled appointment.
 * @cssprop [--care-color-primary=#005eb8] - Links, buttons and accents.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareAppointments extends CareElement {
  static override elementName = 'care-appointments';
  static override styles = styles;

  /** The appointments to show, when the host read them itself. Takes the place of loading from a provider; inside a provider, shown only if it is about the patient in context. */
  @property({ attribute: false }) model: AppointmentsViewModel | undefined;

  /** Who is looking, when there is no provider (inside one, the provider's audience is used): `clinician` (the default) or `resident`. `carer`, or a value the element does not know, shows the resident's view, the one that shows less. */
  @property() audience: RecordAudience = 'clinician';

  /** The domain that makes calendar entries' UIDs unique; default the hub's host. */
  @property({ attribute: 'calendar-domain' }) calendarDomain: string | undefined;

  readonly #task: RecordTask<AppointmentsViewModel> = new RecordTask<AppointmentsViewModel>(this, {
    load: (record, signal): Promise<AppointmentsViewModel> => {
      const context = this.#task.context;
      if (!context) return Promise.reject(new Error('No record in context'));
      const { audience } = context;
      // The hub's Appointment search says nothing of the viewer's role; the record page the provider shares does (a
      // receptionist's is told which types the role may not see). Asked only when appointments came partly shown,
      // and from the page already read for the banner or summary when there is one: no request of its own then.
      const nonClinicalRole = () =>
        record.use(readPage).then((page) => page.patient.id === record.patientId && isNonClinicalViewer({ audience }, page.notices));
      return loadAppointments(context.client, record.patientId, { audience, signal, nonClinicalRole });
    },
    patientOf: (model) => model.patientId,
    enabled: () => this.model === undefined,
    onRecordChange: () => this.renderNow(),
  });

  protected override render() {
    return renderRecordList(this, this.#task, LIST, (model, words) => this.#renderAppointments(model, words));
  }

  #renderAppointments(model: AppointmentsViewModel, words: Words): TemplateResult {
    const { notices } = model;
    const partial = notices.unavailableSources.length > 0;
    // Dropped or unreadable appointments could have been upcoming or past: neither list may then say there are none.
    const { unreadable } = model;
    // Left out for whom they are about; not one shown with a warning about the record (`identity-warning`).
    const wrongPatient = model.safetyIssues.some(leftOutForIdentity);
    // So could appointments the hub left out, or those past where reading stopped.
    const notAllShown = wrongPatient || unreadable.length > 0 || itemsLeftOut(notices) || notices.truncated === true;
    // An answer that carried another patient's appointments (the SDK's one rule): the resident's own may have gone
    // elsewhere, so an empty list says some could not be shown safely, never that there are none.
    const misrouted = model.notShownSafely ?? carriedAnotherPatients(model.safetyIssues);
    // Left out for the viewer's role, sign-in or proxy access: the notice says so, and neither list says "none".
    const leftOut = !misrouted && isNotPermitted(notices, ['Appointment']);
    // A search that could not be read or came cut short: the notice says so, and neither list says "none".
    const unread = !misrouted && notAllRead(notices, ['Appointment']);
    const emptyText = (none: string, noneShown: string) =>
      leftOut || unread
        ? nothing
        : html`<p class="empty">
            ${misrouted ? NOT_SHOWN_SAFELY_NOTICE : notAllShown ? noneShown : partial ? words.nothingFromOthers : none}
          </p>`;
    return renderFrame(
      'appointments',
      words.region,
      html`<h2 class="heading" part="heading">
          ${aboutThem(model.heading, model.audience === 'resident' ? this.#task.context?.actingFor : undefined)}
        </h2>
        ${renderNotices(notices, wrongPatient ? words.wrongPatient : undefined)} ${renderUnreadable(unreadable, model.audience)}
        <h3 class="subheading">${model.upcomingHeading}</h3>
        ${
          model.upcoming.length > 0
            ? html`<ul class="list" part="upcoming">
                ${model.upcoming.map((row) => this.#renderAppointment(row, words, true))}
              </ul>`
            : emptyText(words.noUpcoming, words.noUpcomingShown)
        }
        <details class="past" part="past">
          <summary>
            ${model.pastHeading}
            (${shownCount(model.past.length, listIsWhole(notices, ['Appointment'], unreadable.length, wrongPatient || misrouted), model.audience)})
          </summary>
          ${
            model.past.length > 0
              ? html`<ul class="list">
                  ${model.past.map((row) => this.#renderAppointment(row, words, false))}
                </ul>`
              : emptyText(words.noPast, words.noPastShown)
          }
        </details>`,
    );
  }

  #renderAppointment(row: AppointmentRow, words: Words, upcoming: boolean): TemplateResult {
    const when = row.time ? `${row.date}${words.at ? ` ${words.at}` : ''} ${row.time}` : row.date;
    const selectable = row.id !== 'Not known';
    return html`<li class="appointment ${row.cancelled ? 'appointment--cancelled' : ''}" part="appointment">
      <p class="title">
        ${
          selectable
            ? html`<button class="link" type="button" @click=${() => this.emit('care-select', { resourceType: 'Appointment', id: row.id })}>
                ${row.title}
              </button>`
            : html`<span>${row.title}</span>`
        }
        <span class="tag tag--${row.status}" part="status">${row.statusLabel}</span>
      </p>
      ${row.cancelled && upcoming ? html`<p class="cancelled-note">${warningIcon}<strong>${words.cancelled}</strong></p>` : nothing}
      <dl class="facts">
        <div>
          <dt>${words.when}</dt>
          <dd>${when}</dd>
        </div>
        <div>
          <dt>${words.where}</dt>
          <dd>${row.location}</dd>
        </div>
        <div>
          <dt>${words.organisation}</dt>
          <dd>${row.organisation}</dd>
        </div>
        ${
          row.with
            ? html`<div>
                <dt>${words.with}</dt>
                <dd>${row.with}</dd>
              </div>`
            : nothing
        }
        ${
          row.duration
            ? html`<div>
                <dt>${words.duration}</dt>
                <dd>${row.duration}</dd>
              </div>`
            : nothing
        }
        ${
          row.reason
            ? html`<div class="reason">
                <dt>${words.why}</dt>
                <dd>${row.reason}</dd>
              </div>`
            : nothing
        }
        ${
          row.comment
            ? html`<div class="comment">
                <dt>${words.comment}</dt>
                <dd>${row.comment}</dd>
              </div>`
            : nothing
        }
        ${
          row.cancellationReason
            ? html`<div>
                <dt>${words.reason}</dt>
                <dd>${row.cancellationReason}</dd>
              </div>`
            : nothing
        }
        ${
          row.instruction
            ? html`<div class="instruction">
                <dt>${words.instruction}</dt>
                <dd>${row.instruction}</dd>
              </div>`
            : nothing
        }
      </dl>
      ${row.detailsWithheld ? html`<p class="details-withheld" part="notice">${words.detailsWithheld}</p>` : nothing}
      ${
        row.canAddToCalendar
          ? html`<button
              class="action"
              part="calendar-button"
              type="button"
              @click=${(event: Event) => this.#download(row, event.currentTarget as HTMLElement)}
            >
              ${words.addToCalendar}<span class="visually-hidden">${words.calendarFor(row)}</span>
            </button>`
          : nothing
      }
    </li>`;
  }

  /** Downloads the appointment as an `.ics` file through a `blob:` URL (no server round trip, allowed under a strict CSP). */
  #download(row: AppointmentRow, from: HTMLElement): void {
    const domain = this.calendarDomain ?? hostOf(this.#task.context?.client.baseUrl);
    const ics = appointmentCalendar(row, { ...(domain ? { domain } : {}) });
    if (!ics) return;
    const url = URL.createObjectURL(new Blob([ics], { type: 'text/calendar;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = appointmentFileName(row);
    link.hidden = true;
    from.after(link);
    link.click();
    link.remove();
    // Revoked later, not at once: the browser reads the blob after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-appointments': CareAppointments;
  }
}
