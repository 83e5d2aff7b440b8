import {
  createSubmissionQueue,
  HubError,
  submissionFailure,
  type EntryField,
  type EntryInput,
  type EntryKind,
  type FieldError,
  type HubClient,
  type Submission,
  type SubmissionQueueOptions,
} from '@care-record/sdk';
import { ContextConsumer } from '@lit/context';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CareElement } from '../internal/care-element.js';
import { tickIcon, warningIcon } from '../internal/icons.js';
import { possessive } from '../internal/carer-words.js';
import { readPage, recordContext, type ActingFor, type RecordContext } from '../internal/record-context.js';
import { askBeforeLeaving, outboxKey, sameOutbox, SET_ASIDE_LIMIT, type Outbox } from './outboxes.js';
import { styles } from './reading-form.styles.js';

export type { ShareDetail } from '../internal/events.js';

const KIND_LABELS: Record<EntryKind, string> = {
  weight: 'My weight',
  'blood-pressure': 'My blood pressure',
  medicine: 'A medicine I buy myself',
};
/** For a carer: what they share is about the person they act for. */
const carerKindLabels = (who: ActingFor): Record<EntryKind, string> => ({
  weight: `${possessive(who)} weight`,
  'blood-pressure': `${possessive(who)} blood pressure`,
  medicine: `A medicine ${who.short} buys without a prescription`,
});
const KIND_HINTS: Record<EntryKind, string> = {
  weight: '',
  'blood-pressure': 'From a home blood pressure monitor',
  medicine: 'For example, from a pharmacy or supermarket, not prescribed by a doctor or nurse',
};

const STATUS_TEXT: Record<Submission['state'], string> = {
  waiting: 'Waiting to send…',
  saved: 'Saved',
  failed: 'Not sent',
};

/** A failed entry whose answer was lost: it may be stored, so it is "not confirmed" rather than "not sent". */
const mayBeSaved = (entry: Submission): boolean =>
  entry.state === 'failed' && entry.failure?.error instanceof HubError && entry.failure.error.mayHaveBeenSaved === true;

/** The date today in the UK, whatever the browser's own time zone. */
function ukToday(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric' })
    .formatToParts(new Date())
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return { day: parts['day'] ?? '', month: parts['month'] ?? '', year: parts['year'] ?? '' };
}

/** A mistake in the form: one of the entry's fields, or no choice of what to share. */
type FormError = Omit<FieldError, 'field'> & { field: EntryField | 'kind' };

/** The id of the input an error points at. */
function inputId(error: Pick<FormError, 'field' | 'part'>): string {
  if (error.field === 'kind') return 'kind-weight';
  return error.field === 'date' || error.field === 'started' ? `${error.field}-${error.part ?? 'day'}` : error.field;
}

/**
 * A form for residents to share a reading — their weight or blood pressure —
 * or a medicine they buy themselves, with the people who care for them.
 * Everything typed is checked first; a mistake is explained at the top (with
 * a link to the box) and beside the box, and nothing is sent until it is
 * right. Each entry then appears under "What you've shared" as Saved,
 * Waiting to send… or Not sent (with Try again): a poor connection is retried
 * by itself, with the same key, so an entry is never sent twice and never
 * silently lost. While anything is waiting, leaving the page asks first.
 * What is listed, and sent, is only what the person signed in (the client's
 * `fhirUser`) shared for the resident in context on that hub: anyone else
 * signed in later on the same page sees none of it, and none of it is sent as
 * them; back under the first person's sign-in, it is listed again.
 *
 * Inside `<care-record-provider>` it shares to the patient in context; without
 * one, set `client` and `patient`.
 *
 * @summary Residents share their weight, blood pressure and over-the-counter medicines.
 *
 * @event {CustomEvent<{ key: string; kind: string; state: string }>} care-share - An entry was checked and is being
 *   sent. `kind` is `weight`, `blood-pressure` or `medicine`.
 * @event {CustomEvent<{ key: string; kind: string; state: string }>} care-share-status - An entry's status changed:
 *   `state` is `waiting`, `saved` or `failed`.
 *
 * @csspart form - The form.
 * @csspart error-summary - The "There is a problem" box listing every mistake.
 * @csspart submit-button - The "Share" button.
 * @csspart shared - The "What you've shared" list.
 * @csspart entry - One shared entry.
 * @csspart status - An entry's status tag.
 * @csspart retry-button - An entry's "Try again" button.
 *
 * @cssprop [--care-reading-form-input-border=#4c6272] - Border of the text boxes.
 * @cssprop [--care-reading-form-button-background=#007f3b] - Background of the Share button.
 * @cssprop [--care-color-error=#d5281b] - Error messages and their borders.
 * @cssprop [--care-color-focus=#ffeb3b] - Focus highlight.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 */
export class CareReadingForm extends CareElement {
  static override elementName = 'care-reading-form';
  static override styles = styles;

  /** The hub client to send with, when there is no provider. */
  @property({ attribute: false }) client: HubClient | undefined;

  /** The resident's patient id, when there is no provider. */
  @property() patient: string | undefined;

  /**
   * The resident's date of birth (`YYYY-MM-DD`): readings cannot be dated
   * before it. Inside a provider it is read from the record when not given.
   */
  @property({ attribute: 'birth-date' }) birthDate: string | undefined;

  /** Retry timing for the queue (tests and demos may shorten it). */
  @property({ attribute: false }) queueOptions: SubmissionQueueOptions | undefined;

  @state() private kind: EntryKind | undefined;
  @state() private weightUnit: 'kg' | 'st-lb' = 'kg';
  @state() private errors: FormError[] = [];
  /** The unusual-reading box was shown and touched: it stays until the entry is shared. */
  @state() private confirming = false;
  @state() private announcement = '';

  #context: RecordContext | undefined;

  /** Someone acting for the resident (a carer), when the provider says so. */
  get #carer(): ActingFor | undefined {
    return this.#context?.actingFor;
  }
  /** The birth date read from the record in context (only while that record is still in context). */
  #recordBirthDate: { record: RecordContext['record']; birthDate?: string | undefined } | undefined;
  /** The outbox of who is signed in, for the resident in context: what it holds is what is listed, and nothing else. */
  #queue: (Outbox & { unsubscribe: () => void }) | undefined;
  /**
   * Outboxes this form listed before another person, resident or hub came into context (or the form lost its
   * record: moved, taken off the page, the patient cleared), oldest first, unlisted. Back with the same person for
   * the same resident, an outbox's entries are listed again, so none seems lost and is entered twice.
   */
  #setAside: Outbox[] = [];
  /**
   * What the reading's date boxes start at: today in the UK when she chooses what to share, and again when she sends it
   * (the form may have stayed open past midnight), unless she typed a date herself.
   */
  #defaultDate = ukToday();
  /** Whether she typed in the reading's date boxes since choosing what to share: her date is kept as she typed it. */
  #dateTyped = false;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: recordContext,
      subscribe: true,
      callback: (context) => {
        const previous = this.#context;
        this.#context = context;
        this.requestUpdate();
        // Another record, or none (the provider's patient cleared, or the provider taken away): not one render with
        // the form still for the previous resident.
        if (previous?.record !== context?.record) this.renderNow();
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The record stays with the provider: off the page or moving, the form is no longer for the resident in it (nor
    // lists what was shared for them), at once. Reconnecting asks for the context again.
    if (this.#context !== undefined) {
      this.#context = undefined;
      this.requestUpdate();
    }
    this.renderNow();
  }

  /** How many entries are still waiting to be sent. */
  get waiting(): number {
    return this.#queue?.queue.waiting ?? 0;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const client = this.#context?.client ?? this.client;
    const patientId = this.#context?.patientId ?? this.patient;
    this.#readBirthDate();
    const key = client && patientId ? outboxKey(client, patientId, this.#carer !== undefined) : undefined;
    const current = this.#queue;
    if (current && client && key && sameOutbox(current, key)) {
      // The same person, signed in again (after their sign-in ended): what they shared stays listed, and is sent
      // with the new sign-in.
      if (current.client !== client) this.#queue = { ...this.#useClient(current, client), unsubscribe: current.unsubscribe };
      return;
    }
    // Someone else signed in, another resident or hub, or none: what was shared before is not shown here, nor sent as
    // anyone else. Its queue goes on sending with the sign-in it was shared under.
    if (current) {
      current.unsubscribe();
      const { unsubscribe: _, ...outbox } = current;
      this.#setAside.push(outbox);
      // The oldest beyond the limit are let go: still sending, and still asked about before the page closes.
      this.#setAside.splice(0, Math.max(0, this.#setAside.length - SET_ASIDE_LIMIT));
    }
    this.#queue = undefined;
    this.errors = [];
    // Nor is it heard: the last news ("Weight 72.5kg: sending.") named her entry.
    this.announcement = '';
    if (!client || !key) return;
    const index = this.#setAside.findIndex((outbox) => sameOutbox(outbox, key));
    const setAside = index === -1 ? undefined : this.#setAside.splice(index, 1)[0];
    const outbox: Outbox = setAside
      ? this.#useClient(setAside, client)
      : { ...key, client, queue: createSubmissionQueue(client, key.patientId, this.queueOptions ?? {}), told: new Map() };
    const unsubscribe = outbox.queue.subscribe((entries) => this.#onEntries(entries));
    this.#queue = { ...outbox, unsubscribe };
    // Back with her outbox: what changed while the form was away is told now.
    this.#onEntries(outbox.queue.entries);
  }

  /** The outbox, sending from now on with the same person's new sign-in. */
  #useClient(outbox: Outbox, client: HubClient): Outbox {
    if (outbox.client === client) return outbox;
    outbox.queue.useClient(client);
    return { ...outbox, client };
  }

  /** Reads the resident's birth date from the record in context (shared with the banner: no extra request when it shows). */
  #readBirthDate(): void {
    const context = this.#context;
    if (!context || context.lookup || this.birthDate || this.#recordBirthDate?.record === context.record) return;
    const { record, patientId } = context;
    this.#recordBirthDate = { record };
    record.use(readPage).then(
      (page) => {
        // Only the birth date of the resident still in context, and only from their own record.
        if (this.#recordBirthDate?.record !== record || page.patient.id !== patientId) return;
        this.#recordBirthDate = { record, birthDate: page.patient.birthDate };
      },
      // Without it the form still works; only the "before you were born" check is left out.
      () => undefined,
    );
  }

  #onEntries(entries: readonly Submission[]): void {
    const outbox = this.#queue;
    if (!outbox) return;
    const before = new Map(outbox.told);
    outbox.told.clear();
    for (const entry of entries) outbox.told.set(entry.key, entry.state);
    this.requestUpdate();
    const news: string[] = [];
    for (const entry of entries) {
      const was = before.get(entry.key);
      if (was === undefined || was === entry.state) continue;
      this.emit('care-share-status', { key: entry.key, kind: entry.entry.kind, state: entry.state });
      if (entry.state === 'saved') news.push(`${entry.summary}: saved.`);
      // Heard as the status tag reads: what may have been stored is never announced as not sent.
      if (entry.state === 'failed')
        news.push(mayBeSaved(entry) ? `${entry.summary}: not confirmed. It may have been saved.` : `${entry.summary}: not sent.`);
    }
    if (news.length > 0) this.announcement = news.join(' ');
  }

  protected override render(): TemplateResult {
    // The whole record is refused to this user (access stopped): the provider says so; nothing more can be shared,
    // but what was already shared, or could not be sent, stays listed.
    if (this.#context?.blocked?.kind === 'access-denied')
      return html`<div class="root" lang=${this.#context.locale}>${this.#renderShared()}</div>`;
    const ready = this.#queue !== undefined;
    return html`<div class="root" lang=${this.#context?.locale ?? 'en-GB'}>
      ${ready ? this.#renderForm() : html`<p class="empty">${this.#carer ? `Sign in to share readings for ${this.#carer.short}.` : 'Sign in to share readings with your care team.'}</p>`}
      ${this.#renderShared()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </div>`;
  }

  #renderForm(): TemplateResult {
    return html`<form part="form" novalidate @submit=${this.#onSubmit}>
      ${this.errors.length > 0 ? this.#renderErrorSummary() : nothing}
      ${this.#radios(
        'kind',
        this.#carer ? `What do you want to share for ${this.#carer.short}?` : 'What do you want to share?',
        (Object.keys(KIND_LABELS) as EntryKind[]).map((kind) => ({
          value: kind,
          label: (this.#carer ? carerKindLabels(this.#carer) : KIND_LABELS)[kind],
          hint: KIND_HINTS[kind],
        })),
        this.kind,
        (value) => {
          this.kind = value as EntryKind;
          this.errors = [];
          // Each kind has date boxes of its own: they start at today, as it is now.
          this.#defaultDate = ukToday();
          this.#dateTyped = false;
        },
        'legend--heading',
      )}
      ${this.kind === 'weight' ? this.#renderWeight() : nothing} ${this.kind === 'blood-pressure' ? this.#renderBloodPressure() : nothing}
      ${this.kind === 'medicine' ? this.#renderMedicine() : nothing}
      <button class="button" part="submit-button" type="submit">Share</button>
    </form>`;
  }

  #renderErrorSummary(): TemplateResult {
    return html`<div class="error-summary" part="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
      <h2 class="error-summary-title" id="error-summary-title">There is a problem</h2>
      <ul class="error-summary-list">
        ${this.errors.map(
          (error) =>
            html`<li>
              <a href="#${inputId(error)}" @click=${(event: Event) => this.#focusField(event, inputId(error))}>${error.message}</a>
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #focusField(event: Event, id: string): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    input?.focus();
    input?.scrollIntoView?.({ block: 'center' });
  }

  #errorFor(field: EntryField | 'kind'): FormError | undefined {
    return this.errors.find((error) => error.field === field);
  }

  #renderWeight(): TemplateResult {
    return html`<div class="reveal">
      ${this.#radios(
        'unit',
        this.#carer ? `How do you measure ${possessive(this.#carer)} weight?` : 'How do you measure your weight?',
        [
          { value: 'kg', label: 'Kilograms (kg)' },
          { value: 'st-lb', label: 'Stones and pounds' },
        ],
        this.weightUnit,
        (value) => {
          this.weightUnit = value === 'st-lb' ? 'st-lb' : 'kg';
        },
        'legend--small',
      )}
      ${
        this.weightUnit === 'kg'
          ? this.#textInput({
              id: 'kilograms',
              label: this.#carer ? `${possessive(this.#carer)} weight` : 'Your weight',
              hint: 'In kilograms, like 72.5',
              suffix: 'kg',
              inputmode: 'decimal',
            })
          : html`<fieldset class="group">
              <legend class="legend legend--small">${this.#carer ? `${possessive(this.#carer)} weight` : 'Your weight'}</legend>
              ${this.#fieldErrors(['stones', 'pounds'])}
              <div class="inline-inputs">
                ${this.#textInput({ id: 'stones', label: 'Stones', suffix: 'st', inputmode: 'numeric', width: 3, showError: false })}
                ${this.#textInput({ id: 'pounds', label: 'Pounds', suffix: 'lb', inputmode: 'decimal', width: 3, showError: false })}
              </div>
            </fieldset>`
      }
      ${this.#renderWhen()}
    </div>`;
  }

  #renderBloodPressure(): TemplateResult {
    return html`<div class="reveal">
      ${this.#textInput({
        id: 'systolic',
        label: 'Systolic (the higher number)',
        hint: 'The first or top number on your monitor, like 120',
        suffix: 'mmHg',
        inputmode: 'numeric',
        width: 4,
      })}
      ${this.#textInput({
        id: 'diastolic',
        label: 'Diastolic (the lower number)',
        hint: 'The second or bottom number, like 80',
        suffix: 'mmHg',
        inputmode: 'numeric',
        width: 4,
      })}
      ${this.#renderConfirm()} ${this.#renderWhen()}
    </div>`;
  }

  /** Asked only for an unusual reading: the resident checks it against their monitor, and it is shared as it is. */
  #renderConfirm(): TemplateResult | typeof nothing {
    const error = this.#errorFor('confirmed');
    if (!error && !this.confirming) return nothing;
    return html`<div class="group field ${error ? 'field--error' : ''}">
      ${error ? html`<p class="error-message" id="confirmed-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <div class="radio">
        <input
          class="radio-input"
          id="confirmed"
          type="checkbox"
          aria-describedby=${error ? 'confirmed-error' : nothing}
          @change=${() => (this.confirming = true)}
        />
        <label class="radio-label" for="confirmed">These are the numbers my monitor shows</label>
      </div>
    </div>`;
  }

  #renderWhen(): TemplateResult {
    return html`${this.#dateInput('date', 'When did you take the reading?', 'For example, 27 3 2026', this.#defaultDate)}
    ${this.#textInput({
      id: 'time',
      label: 'Time (optional)',
      hint: 'For example, 8:30am or 14:30. Leave this empty if you took it just now.',
      width: 5,
    })}`;
  }

  #renderMedicine(): TemplateResult {
    return html`<div class="reveal">
      ${this.#textInput({ id: 'name', label: 'Name of the medicine', hint: 'As it says on the box, like Paracetamol 500mg tablets' })}
      ${this.#textInput({ id: 'dose', label: 'How you take it (optional)', hint: 'For example, 2 tablets at night when needed' })}
      ${this.#dateInput('started', 'When did you start taking it? (optional)', 'For example, 15 3 2026')}
    </div>`;
  }

  #fieldErrors(fields: FormError['field'][]): TemplateResult | typeof nothing {
    const found = this.errors.filter((error) => fields.includes(error.field));
    if (found.length === 0) return nothing;
    return html`${found.map(
      (error) => html`<p class="error-message" id="${error.field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>`,
    )}`;
  }

  #textInput(options: {
    id: EntryField;
    label: string;
    hint?: string;
    suffix?: string;
    inputmode?: 'decimal' | 'numeric';
    width?: number;
    showError?: boolean;
  }): TemplateResult {
    const { id, label, hint, suffix, inputmode, width, showError = true } = options;
    const error = this.#errorFor(id);
    // An error shown above a group of boxes (stones and pounds) still describes the box it is about.
    const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field ${error ? 'field--error' : ''}">
      <label class="label-text" for=${id}>${label}</label>
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${
        error && showError
          ? html`<p class="error-message" id="${id}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>`
          : nothing
      }
      <div class="input-wrapper">
        <input
          class="input ${width ? `input--width-${width}` : ''} ${error ? 'input--error' : ''}"
          id=${id}
          name=${id}
          type="text"
          spellcheck="false"
          autocomplete="off"
          inputmode=${inputmode ?? nothing}
          aria-describedby=${describedBy || nothing}
          aria-invalid=${error ? 'true' : nothing}
        />${suffix ? html`<span class="suffix" aria-hidden="true">${suffix}</span>` : nothing}
      </div>
    </div>`;
  }

  #dateInput(
    field: 'date' | 'started',
    legend: string,
    hint: string,
    initial?: { day: string; month: string; year: string },
  ): TemplateResult {
    const error = this.#errorFor(field);
    const box = (part: 'day' | 'month' | 'year', label: string, width: number) => {
      const wrong = error !== undefined && (error.part === part || error.part === undefined);
      return html`<div class="date-item">
        <label class="date-label" for="${field}-${part}">${label}</label>
        <input
          class="input input--width-${width} ${wrong ? 'input--error' : ''}"
          id="${field}-${part}"
          name="${field}-${part}"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          .value=${initial?.[part] ?? ''}
          aria-invalid=${wrong ? 'true' : nothing}
          @input=${() => {
            if (field === 'date') this.#dateTyped = true;
          }}
        />
      </div>`;
    };
    return html`<fieldset
      class="group field ${error ? 'field--error' : ''}"
      aria-describedby="${field}-hint${error ? ` ${field}-error` : ''}"
    >
      <legend class="legend legend--small">${legend}</legend>
      <p class="hint" id="${field}-hint">${hint}</p>
      ${error ? html`<p class="error-message" id="${field}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <div class="date-input">${box('day', 'Day', 2)} ${box('month', 'Month', 2)} ${box('year', 'Year', 4)}</div>
    </fieldset>`;
  }

  #radios(
    name: string,
    legend: string,
    options: { value: string; label: string; hint?: string }[],
    checked: string | undefined,
    onChange: (value: string) => void,
    legendClass: string,
  ): TemplateResult {
    const error = name === 'kind' ? this.#errorFor('kind') : undefined;
    return html`<fieldset class="group field ${error ? 'field--error' : ''}" aria-describedby=${error ? `${name}-error` : nothing}>
      <legend class="legend ${legendClass}">${legend}</legend>
      ${error ? html`<p class="error-message" id="${name}-error"><span class="visually-hidden">Error:</span> ${error.message}</p>` : nothing}
      <div class="radios">
        ${options.map(
          (option) =>
            html`<div class="radio">
              <input
                class="radio-input"
                id="${name}-${option.value}"
                name=${name}
                type="radio"
                value=${option.value}
                .checked=${checked === option.value}
                aria-describedby=${option.hint ? `${name}-${option.value}-hint` : nothing}
                @change=${() => onChange(option.value)}
              />
              <label class="radio-label" for="${name}-${option.value}">${option.label}</label>
              ${option.hint ? html`<p class="hint radio-hint" id="${name}-${option.value}-hint">${option.hint}</p>` : nothing}
            </div>`,
        )}
      </div>
    </fieldset>`;
  }

  #value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
  }

  #date(field: 'date' | 'started'): { day: string; month: string; year: string } {
    return { day: this.#value(`${field}-day`), month: this.#value(`${field}-month`), year: this.#value(`${field}-year`) };
  }

  /** The reading's date: the one she typed, else today in the UK as it is now, shown in its boxes too. */
  #readingDate(): { day: string; month: string; year: string } {
    if (this.#dateTyped) return this.#date('date');
    this.#defaultDate = ukToday();
    this.requestUpdate();
    return this.#defaultDate;
  }

  #input(kind: EntryKind): EntryInput {
    switch (kind) {
      case 'weight':
        return {
          kind,
          unit: this.weightUnit,
          ...(this.weightUnit === 'kg'
            ? { kilograms: this.#value('kilograms') }
            : { stones: this.#value('stones'), pounds: this.#value('pounds') }),
          date: this.#readingDate(),
          time: this.#value('time'),
        };
      case 'blood-pressure':
        return {
          kind,
          systolic: this.#value('systolic'),
          diastolic: this.#value('diastolic'),
          confirmed: this.renderRoot.querySelector<HTMLInputElement>('#confirmed')?.checked === true,
          date: this.#readingDate(),
          time: this.#value('time'),
        };
      case 'medicine':
        return { kind, name: this.#value('name'), dose: this.#value('dose'), started: this.#date('started') };
    }
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const queue = this.#queue?.queue;
    if (!queue) return;
    if (!this.kind) {
      this.errors = [{ field: 'kind', message: 'Select what you want to share' }];
      await this.#focusErrorSummary();
      return;
    }
    const kind = this.kind;
    const birthDate =
      this.birthDate ?? (this.#recordBirthDate?.record === this.#context?.record ? this.#recordBirthDate?.birthDate : undefined);
    const result = queue.share(this.#input(kind), { birthDate });
    if (result.ok) askBeforeLeaving(queue);
    if (!result.ok) {
      this.errors = result.errors;
      await this.#focusErrorSummary();
      return;
    }
    const { submission } = result;
    this.errors = [];
    this.kind = undefined;
    this.weightUnit = 'kg';
    this.confirming = false;
    this.announcement = `${submission.summary}: sending.`;
    this.emit('care-share', { key: submission.key, kind, state: submission.state });
    this.renderRoot.querySelector('form')?.reset();
    await this.updateComplete;
    // The new entry is where the resident's attention goes next: it says whether it was saved.
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${submission.key}"]`)?.focus();
  }

  async #focusErrorSummary(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  #renderShared(): TemplateResult | typeof nothing {
    // Read from the outbox itself, never a copy: what it holds for the resident in context, and nothing without one.
    const held = this.#queue?.queue.entries ?? [];
    if (held.length === 0) return nothing;
    // Newest first: the one just shared is at the top.
    const entries = [...held].reverse();
    return html`<section class="shared" part="shared" aria-labelledby="shared-title">
      <h2 class="shared-title" id="shared-title">What you've shared</h2>
      <ul class="entries">
        ${repeat(
          entries,
          (entry) => entry.key,
          (entry) => this.#renderEntry(entry),
        )}
      </ul>
    </section>`;
  }

  #renderEntry(entry: Submission): TemplateResult {
    // A carer's words speak of the record of the person they act for, named as they are named now.
    const carer = this.#carer;
    const failure = entry.failure && carer ? submissionFailure(entry.failure.error, { actingFor: carer.short }) : entry.failure;
    return html`<li class="entry entry--${entry.state}" part="entry" data-key=${entry.key} tabindex="-1">
      <p class="entry-line">
        <span class="entry-summary">${entry.summary}</span>
        <strong class="tag tag--${entry.state}" part="status"
          >${entry.state === 'saved' ? tickIcon : entry.state === 'failed' ? warningIcon : nothing}${
            mayBeSaved(entry) ? 'Not confirmed' : STATUS_TEXT[entry.state]
          }</strong
        >
      </p>
      ${
        entry.state === 'saved'
          ? html`<p class="entry-note">
              ${this.#carer ? `Added by you for ${this.#carer.short}. ${possessive(this.#carer)} care team can see this.` : 'Your care team can see this.'}
            </p>`
          : nothing
      }
      ${entry.state === 'waiting' ? html`<p class="entry-note">Keep this page open until it says Saved.</p>` : nothing}
      ${
        failure
          ? html`<p class="entry-note">${failure.reason} ${failure.retryable ? nothing : 'Check what you entered and share it again.'}</p>
              ${
                failure.retryable
                  ? html`<button class="action" part="retry-button" type="button" @click=${() => this.#retry(entry)}>
                      Try again<span class="visually-hidden">: ${entry.summary}</span>
                    </button>`
                  : nothing
              }`
          : nothing
      }
    </li>`;
  }

  async #retry(entry: Submission): Promise<void> {
    const queue = this.#queue?.queue;
    if (!queue) return;
    queue.retry(entry.key);
    askBeforeLeaving(queue);
    await this.updateComplete;
    // The button has gone: keep focus on the entry, which now says it is waiting.
    this.renderRoot.querySelector<HTMLElement>(`[data-key="${entry.key}"]`)?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-reading-form': CareReadingForm;
  }
}
