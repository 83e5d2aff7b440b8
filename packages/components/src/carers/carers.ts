import {
  isSharingConflict,
  loadCarers,
  saveCarerAccess,
  stopCarerAccess,
  WITHHELD_LABELS,
  type CarerAccess,
  type HubClient,
  type CarersViewModel,
  type ProxyAction,
  type ProxyWithheldCategory,
} from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { tickIcon, warningIcon } from '../internal/icons.js';
import { RecordTask } from '../internal/record-task.js';
import { failureReason, renderError, renderSkeleton } from '../internal/states.js';
import { styles } from './carers.styles.js';

type Change = { actions: ProxyAction[]; withheld: ProxyWithheldCategory[] };
type Status =
  | { kind: 'idle' }
  | { kind: 'saving'; consentId: string }
  | { kind: 'saved'; consentId: string; text: string }
  | { kind: 'failed'; consentId: string; text: string };

const CATEGORIES: ProxyWithheldCategory[] = ['mental-health', 'sexual-health', 'social-care'];

/**
 * "People who can act for you": the carers the resident (or their GP
 * practice) has given access to their record, what each can do, and whether
 * it is in force today (access set up for a child ends at 11, for example).
 * The resident can change what a carer can do and what is kept from them, or
 * stop their access — after confirming — and is told it takes effect
 * straight away. A change made elsewhere meanwhile is not overwritten: the
 * latest is loaded and the resident is asked to check it.
 *
 * Inside `<care-record-provider audience="resident">`; it reads and saves the
 * permissions of the resident in context.
 *
 * @summary The carers who can act for the resident, and what each may do.
 *
 * @event {CustomEvent<{ consentId: string; stopped: boolean }>} care-carer-changed - A carer's access was changed or stopped.
 *
 * @csspart carers - The section.
 * @csspart carer - One carer's access.
 * @csspart save-button - "Save changes" for one carer.
 * @csspart stop-button - "Stop <name>'s access", and its confirmation.
 * @csspart status - What happened to the last change.
 * @csspart error - The panel shown when the carers could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-color-primary=#005eb8] - Buttons and accents.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 */
export class CareCarers extends CareElement {
  static override elementName = 'care-carers';
  static override styles = styles;

  /** Changes on screen, not yet saved, by Consent id. */
  @state() private changes = new Map<string, Change>();
  /** The carer whose "stop" is waiting for confirmation. */
  @state() private confirming: string | undefined;
  @state() private status: Status = { kind: 'idle' };

  readonly #task: RecordTask<CarersViewModel> = new RecordTask<CarersViewModel>(this, {
    load: (record, signal): Promise<CarersViewModel> => {
      const client = this.#task.context?.client;
      if (!client) return Promise.reject(new Error('No client'));
      return loadCarers(client, record.patientId, { signal });
    },
    patientOf: (model) => model.patientId,
    onRecordChange: () => {
      this.changes = new Map();
      this.confirming = undefined;
      this.status = { kind: 'idle' };
      this.renderNow();
    },
  });

  protected override render() {
    return html`<div class="root" lang=${this.#task.context?.locale ?? 'en-GB'}>${this.#renderState()}</div>`;
  }

  #renderState(): TemplateResult {
    const model = this.#task.value;
    if (model) return this.#frame(this.#renderCarers(model));
    switch (this.#task.status) {
      case 'idle':
        return html`<p class="empty">No record selected</p>`;
      case 'error':
        return renderError({
          title: 'We could not load who can act for you',
          error: this.#task.error,
          audience: 'resident',
          onRetry: () => this.#task.retry(),
        });
      default:
        return this.#frame(renderSkeleton('Loading who can act for you', 4), true);
    }
  }

  #frame(content: TemplateResult, busy = false): TemplateResult {
    return html`<section class="carers" part="carers" aria-labelledby="carers-heading" aria-busy=${busy ? 'true' : nothing}>
      <h2 id="carers-heading">People who can act for you</h2>
      ${content}
    </section>`;
  }

  #renderCarers(model: CarersViewModel): TemplateResult {
    if (model.carers.length === 0)
      return html`<p class="empty">
        Nobody can act for you at the moment. To let someone who cares for you see your record or add to it, ask your GP practice.
      </p>`;
    return html`<p class="intro">
        These people can see parts of your record or add to it for you. Any change you make here applies straight away.
      </p>
      ${model.carers.map((carer) => this.#renderCarer(carer))}`;
  }

  #change(carer: CarerAccess): Change {
    return (
      this.changes.get(carer.consentId) ?? {
        actions: carer.actions.filter((item) => item.allowed).map((item) => item.action),
        withheld: [...carer.withheld],
      }
    );
  }

  #edit(carer: CarerAccess, edit: (change: Change) => Change): void {
    const next = new Map(this.changes);
    next.set(carer.consentId, edit(this.#change(carer)));
    this.changes = next;
    if (this.status.kind === 'saved') this.status = { kind: 'idle' };
  }

  #renderCarer(carer: CarerAccess): TemplateResult {
    const id = `carer-${carer.consentId}`;
    const who = carer.relationship ? `${carer.name} (${carer.relationship})` : carer.name;
    const change = this.#change(carer);
    const saving = this.status.kind === 'saving' && this.status.consentId === carer.consentId;
    const editable = carer.inForce && !carer.stopped;
    return html`<article class="carer" part="carer" aria-labelledby=${`${id}-name`}>
      <h3 id=${`${id}-name`}>${who}</h3>
      <p class="standing ${carer.inForce ? 'standing--in-force' : 'standing--ended'}">
        <strong>${carer.inForce ? 'Can act for you now.' : carer.stopped ? 'Access stopped.' : 'Cannot act for you now.'}</strong>
        ${carer.inForce || carer.stopped ? nothing : carer.standingText} ${carer.grantedText}
      </p>
      ${
        editable
          ? html`<form novalidate @submit=${(event: Event) => this.#save(event, carer)}>
              <fieldset>
                <legend>What ${carer.name} can do</legend>
                ${carer.actions.map((item) =>
                  this.#checkbox(`${id}-${item.action}`, change.actions.includes(item.action), item.label, (checked) =>
                    this.#edit(carer, (current) => ({
                      ...current,
                      actions: checked ? [...current.actions, item.action] : current.actions.filter((action) => action !== item.action),
                    })),
                  ),
                )}
              </fieldset>
              <fieldset>
                <legend>Keep from ${carer.name}</legend>
                ${CATEGORIES.map((category) =>
                  this.#checkbox(`${id}-${category}`, change.withheld.includes(category), WITHHELD_LABELS[category], (checked) =>
                    this.#edit(carer, (current) => ({
                      ...current,
                      withheld: checked ? [...current.withheld, category] : current.withheld.filter((item) => item !== category),
                    })),
                  ),
                )}
              </fieldset>
              <div class="actions">
                <button class="action action--primary" part="save-button" type="submit" aria-disabled=${saving ? 'true' : 'false'}>
                  ${saving ? 'Saving…' : 'Save changes'}
                </button>
                ${
                  this.confirming === carer.consentId
                    ? html`<div class="confirm" role="group" aria-labelledby=${`${id}-confirm`}>
                        <p id=${`${id}-confirm`}>
                          <strong>Stop ${carer.name}’s access now?</strong> They will not be able to see your record or add to it.
                        </p>
                        <button class="action action--warning" part="stop-button" type="button" @click=${() => this.#stop(carer)}>
                          Yes, stop their access
                        </button>
                        <button class="action" type="button" @click=${() => this.#cancelStop(carer)}>No, keep it</button>
                      </div>`
                    : html`<button class="action" part="stop-button" type="button" @click=${() => this.#askStop(carer)}>
                        Stop ${carer.name}’s access
                      </button>`
                }
              </div>
            </form>`
          : nothing
      }
      ${this.#renderStatus(carer)}
    </article>`;
  }

  #checkbox(id: string, checked: boolean, label: string, onChange: (checked: boolean) => void): TemplateResult {
    return html`<div class="choice">
      <input
        type="checkbox"
        id=${id}
        .checked=${checked}
        @change=${(event: Event) => onChange((event.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${label}</label>
    </div>`;
  }

  #renderStatus(carer: CarerAccess): TemplateResult {
    const status = this.status;
    const message =
      status.kind === 'idle' || status.consentId !== carer.consentId
        ? nothing
        : status.kind === 'saving'
          ? html`<p>Saving…</p>`
          : status.kind === 'saved'
            ? html`<p class="saved">${tickIcon}<strong>${status.text}</strong></p>`
            : html`<p class="problem">${warningIcon}<span>${status.text}</span></p>`;
    return html`<div class="status" part="status" role="status" aria-live="polite">${message}</div>`;
  }

  #askStop(carer: CarerAccess): void {
    this.confirming = carer.consentId;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#carer-${CSS.escape(carer.consentId)}-confirm`)?.focus(),
    );
  }

  #cancelStop(carer: CarerAccess): void {
    this.confirming = undefined;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`#carer-${CSS.escape(carer.consentId)}-name ~ form [part~="stop-button"]`)?.focus(),
    );
  }

  async #save(event: Event, carer: CarerAccess): Promise<void> {
    event.preventDefault();
    const change = this.#change(carer);
    if (change.actions.length === 0) {
      this.status = {
        kind: 'failed',
        consentId: carer.consentId,
        text: `Choose at least one thing ${carer.name} can do, or stop their access.`,
      };
      return;
    }
    await this.#write(
      carer,
      false,
      (client, patientId) => saveCarerAccess(client, patientId, carer, change),
      `Saved. ${carer.name} can do only what is ticked, from now on.`,
    );
  }

  async #stop(carer: CarerAccess): Promise<void> {
    this.confirming = undefined;
    await this.#write(carer, true, (client) => stopCarerAccess(client, carer), `${carer.name} can no longer act for you.`);
  }

  async #write(
    carer: CarerAccess,
    stopped: boolean,
    write: (client: HubClient, patientId: string) => Promise<unknown>,
    done: string,
  ): Promise<void> {
    const context = this.#task.context;
    const client = context?.client;
    if (!client || !context || this.status.kind === 'saving') return;
    const record = context.record;
    this.status = { kind: 'saving', consentId: carer.consentId };
    try {
      await write(client, context.patientId);
      if (this.#task.context?.record !== record) return;
      const next = new Map(this.changes);
      next.delete(carer.consentId);
      this.changes = next;
      this.#task.retry();
      this.status = { kind: 'saved', consentId: carer.consentId, text: done };
      this.emit('care-carer-changed', { consentId: carer.consentId, stopped });
    } catch (error) {
      if (this.#task.context?.record !== record) return;
      if (isSharingConflict(error)) {
        const next = new Map(this.changes);
        next.delete(carer.consentId);
        this.changes = next;
        this.#task.retry();
        this.status = {
          kind: 'failed',
          consentId: carer.consentId,
          text: 'This was changed somewhere else since this page loaded, so nothing was saved. We have loaded the latest: check it and try again.',
        };
      } else {
        this.status = {
          kind: 'failed',
          consentId: carer.consentId,
          text: `Nothing was changed. ${failureReason(error instanceof Error ? error : undefined, 'resident')} Try again.`,
        };
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-carers': CareCarers;
  }
}
