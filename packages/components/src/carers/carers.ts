import {
  isPartialAnswer,
  CARER_RELATIONSHIPS,
  describeWriteFailure,
  inviteCarer,
  inviteCarerAgain,
  isSharingConflict,
  loadCarers,
  PROXY_ACTIONS,
  proxyActionLabel,
  type CarerInvitation,
  type CarerRelationship,
  saveCarerAccess,
  stopCarerAccess,
  tidyTypedText,
  WITHHELD_LABELS,
  type CarerAccess,
  type HubClient,
  type CarersViewModel,
  type ProxyAction,
  type ProxyWithheldCategory,
} from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { aboutThem, possessive } from '../internal/carer-words.js';
import { CareElement } from '../internal/care-element.js';
import { tickIcon, warningIcon } from '../internal/icons.js';
import type { ActingFor } from '../internal/record-context.js';
import { RecordTask } from '../internal/record-task.js';
import { NOT_CONNECTED, renderError, renderNotices, renderSkeleton } from '../internal/states.js';
import { styles } from './carers.styles.js';

type Change = { actions: ProxyAction[]; withheld: ProxyWithheldCategory[] };
type Status =
  | { kind: 'idle' }
  | { kind: 'saving'; consentId: string }
  | { kind: 'saved'; consentId: string; text: string }
  | { kind: 'failed'; consentId: string; text: string };

const CATEGORIES: ProxyWithheldCategory[] = ['mental-health', 'sexual-health', 'social-care'];

/** The invitation form: who, and what they may do. */
interface InviteDraft {
  name: string;
  relationship: CarerRelationship | '';
  actions: ProxyAction[];
  withheld: ProxyWithheldCategory[];
}
type InviteStatus =
  | { kind: 'closed' }
  | { kind: 'open'; problem?: { field: 'name' | 'actions' | 'form'; text: string } }
  | { kind: 'sending' }
  /** The code, shown once. */
  | { kind: 'code'; invitation: CarerInvitation };
const EMPTY_DRAFT: InviteDraft = { name: '', relationship: '', actions: [], withheld: [] };

/**
 * "People who can act for you": the carers the resident (or their GP
 * practice) has given access to their record, what each can do, and whether
 * it is in force today (access set up for a child ends at 11, for example).
 * The resident can change what a carer can do and what is kept from them, or
 * stop their access — after confirming — and is told it takes effect
 * straight away. They can also invite someone new: their name, what they
 * may do and what is kept from them, then a code to give to that person,
 * shown once; nothing is in force until the person accepts it, signed in
 * with their own account. An invitation not yet accepted can be given a new
 * code or cancelled. A change made elsewhere meanwhile is not overwritten: the
 * latest is loaded and the resident is asked to check it.
 *
 * A permission for someone this app is not shown (a contact kept from the
 * resident, or an app that may not read the people on her record) is listed
 * too, never left out: what it lets them do, whether it is in force, and a
 * way to stop it; who it is for and what it allows are for the GP practice to
 * tell and change. Inside `audience="carer"`, it is told about the person
 * acted for ("Someone not shown here can act for Bridget").
 *
 * Inside `<care-record-provider audience="resident">`; it reads and saves the
 * permissions of the resident in context.
 *
 * @summary The carers who can act for the resident, and what each may do.
 *
 * @event {CustomEvent<{ consentId: string; stopped: boolean }>} care-carer-changed - A carer's access was changed or stopped.
 * @event {CustomEvent<{ relatedPersonId: string }>} care-carer-invited - Someone was invited, or given a new code (the code is not in the event).
 *
 * @csspart carers - The section.
 * @csspart carer - One carer's access.
 * @csspart not-all-listed - Said when the answer was in part: the list may not show everyone who can act for her.
 * @csspart save-button - "Save changes" for one carer.
 * @csspart stop-button - "Stop <name>'s access" (or "Cancel the invitation"), and its confirmation.
 * @csspart new-code-button - "Make a new code", for someone invited who has not accepted.
 * @csspart status - What happened to the last change.
 * @csspart invite-button - "Invite someone to act for you", and the form's "Create invitation".
 * @csspart invitation-code - The code to give to the person invited.
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
  @state() private inviting: InviteStatus = { kind: 'closed' };
  @state() private draft: InviteDraft = EMPTY_DRAFT;
  /**
   * The key of the invitation being sent, and the form it was sent with: kept after a failure, so that trying
   * the same invitation again finds what the first attempt saved instead of inviting the person twice.
   */
  #invitation: { key: string; sent: string } | undefined;

  readonly #task: RecordTask<CarersViewModel> = new RecordTask<CarersViewModel>(this, {
    load: (record, signal): Promise<CarersViewModel> => {
      const client = this.#task.context?.client;
      if (!client) return Promise.reject(new Error('No client'));
      return loadCarers(client, record.patientId, { signal });
    },
    patientOf: (model) => model.patientId,
    onRecordChange: ({ renewedSignIn }) => {
      // Signed in again: what was ticked or typed stays, with the invitation's key, so it is never made twice.
      if (renewedSignIn) return;
      this.changes = new Map();
      this.confirming = undefined;
      this.status = { kind: 'idle' };
      // Never show one person's code, or half-typed invitation, on another's record.
      this.inviting = { kind: 'closed' };
      this.draft = EMPTY_DRAFT;
      this.#invitation = undefined;
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
        return html`<p class="empty">${this.#task.notConnected ? NOT_CONNECTED : 'No record selected'}</p>`;
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
    // An answer in part (withheld, a source that did not answer, an error, pages not read): someone may act for her who
    // is not listed. The notices say so, and nothing says "nobody".
    const partial = model.notices !== undefined && isPartialAnswer(model.notices);
    const said = partial && model.notices ? renderNotices(model.notices) : nothing;
    const list =
      model.carers.length === 0
        ? partial
          ? html`<p class="empty" part="not-all-listed">
              We could not check everyone who can act for you. Someone may be able to act for you who is not listed here: try again later,
              or ask your GP practice.
            </p>`
          : html`<p class="empty">
              Nobody can act for you at the moment. You can invite someone who cares for you to see your record or add to it for you.
            </p>`
        : html`<p class="intro">
              These people can see parts of your record or add to it for you. Any change you make here applies straight away.
            </p>
            ${
              partial
                ? html`<p class="empty" part="not-all-listed">
                    This list may not show everyone who can act for you: try again later, or ask your GP practice.
                  </p>`
                : nothing
            }
            ${model.carers.map((carer) => this.#renderCarer(carer))}`;
    return html`${said}${list}${this.#renderInvite()}`;
  }

  #renderInvite(): TemplateResult {
    const inviting = this.inviting;
    if (inviting.kind === 'code') return this.#renderCode(inviting.invitation);
    if (inviting.kind === 'closed')
      return html`<div class="invite">
        <button class="action" part="invite-button" type="button" @click=${() => this.#openInvite()}>Invite someone to act for you</button>
      </div>`;
    const draft = this.draft;
    const problem = inviting.kind === 'open' ? inviting.problem : undefined;
    const sending = inviting.kind === 'sending';
    const nameProblem = problem?.field === 'name' ? problem.text : undefined;
    const actionsProblem = problem?.field === 'actions' ? problem.text : undefined;
    return html`<form
      class="invite invite--open"
      novalidate
      aria-labelledby="invite-heading"
      @submit=${(event: Event) => this.#sendInvite(event)}
    >
      <h3 id="invite-heading" tabindex="-1">Invite someone to act for you</h3>
      <p>
        They will get a code from you to accept, signed in with their own account. Nothing is shared with them until they do, and you can
        change or stop their access at any time.
      </p>
      <div class="field ${nameProblem ? 'field--problem' : ''}">
        <label for="invite-name">Their name</label>
        ${
          nameProblem
            ? html`<p class="field-problem" id="invite-name-problem"><span class="visually-hidden">Error:</span> ${nameProblem}</p>`
            : nothing
        }
        <input
          id="invite-name"
          type="text"
          autocomplete="off"
          maxlength="200"
          .value=${draft.name}
          aria-invalid=${nameProblem ? 'true' : 'false'}
          aria-describedby=${nameProblem ? 'invite-name-problem' : nothing}
          @input=${(event: Event) => (this.draft = { ...this.draft, name: (event.target as HTMLInputElement).value })}
        />
      </div>
      <div class="field">
        <label for="invite-relationship">How they are related to you (optional)</label>
        <select
          id="invite-relationship"
          @change=${(event: Event) =>
            (this.draft = { ...this.draft, relationship: (event.target as HTMLSelectElement).value as CarerRelationship | '' })}
        >
          <option value="" ?selected=${draft.relationship === ''}>Choose</option>
          ${(Object.keys(CARER_RELATIONSHIPS) as CarerRelationship[]).map(
            (code) => html`<option value=${code} ?selected=${draft.relationship === code}>${CARER_RELATIONSHIPS[code]}</option>`,
          )}
        </select>
      </div>
      <fieldset
        class=${actionsProblem ? 'field--problem' : ''}
        aria-invalid=${actionsProblem ? 'true' : 'false'}
        aria-describedby=${actionsProblem ? 'invite-actions-problem' : nothing}
      >
        <legend>What they can do</legend>
        ${
          actionsProblem
            ? html`<p class="field-problem" id="invite-actions-problem"><span class="visually-hidden">Error:</span> ${actionsProblem}</p>`
            : nothing
        }
        ${PROXY_ACTIONS.map((action) =>
          this.#checkbox(`invite-${action}`, draft.actions.includes(action), proxyActionLabel(action), (checked) => {
            this.draft = {
              ...this.draft,
              actions: checked ? [...this.draft.actions, action] : this.draft.actions.filter((item) => item !== action),
            };
          }),
        )}
      </fieldset>
      <fieldset>
        <legend>Keep from them</legend>
        ${CATEGORIES.map((category) =>
          this.#checkbox(`invite-${category}`, draft.withheld.includes(category), WITHHELD_LABELS[category], (checked) => {
            this.draft = {
              ...this.draft,
              withheld: checked ? [...this.draft.withheld, category] : this.draft.withheld.filter((item) => item !== category),
            };
          }),
        )}
      </fieldset>
      <div class="actions">
        <button class="action action--primary" part="invite-button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${sending ? 'Creating the invitation…' : 'Create invitation'}
        </button>
        <button class="action" type="button" @click=${() => this.#closeInvite()}>Cancel</button>
      </div>
      <div class="status" role="status" aria-live="polite">
        ${problem?.field === 'form' ? html`<p class="problem">${warningIcon}<span>${problem.text}</span></p>` : nothing}
      </div>
    </form>`;
  }

  #renderCode(invitation: CarerInvitation): TemplateResult {
    return html`<section class="invite invite--code" aria-labelledby="invite-code-heading">
      <h3 id="invite-code-heading" tabindex="-1">Give this code to ${invitation.name}</h3>
      <p class="code" part="invitation-code" aria-label=${`Invitation code: ${[...invitation.code].join(' ')}`}>${invitation.code}</p>
      <p>
        Give it to them yourself, by phone or in person. It works once, until ${invitation.expiresText}. They sign in with their own account
        and enter it; until then they cannot see anything.
      </p>
      <p><strong>We will not show this code again.</strong> If it is lost, make a new one: the old one then stops working.</p>
      <button class="action action--primary" type="button" @click=${() => this.#closeInvite()}>Done</button>
    </section>`;
  }

  #openInvite(): void {
    this.draft = EMPTY_DRAFT;
    this.inviting = { kind: 'open' };
    this.#focus('#invite-name');
  }

  #closeInvite(): void {
    // An attempt that failed may have added the person: the list shows them, once it loads.
    if (this.#invitation) this.#task.retry();
    this.inviting = { kind: 'closed' };
    this.draft = EMPTY_DRAFT;
    this.#invitation = undefined;
    this.#focus('[part~="invite-button"]');
  }

  #focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  async #sendInvite(event: Event): Promise<void> {
    event.preventDefault();
    const context = this.#task.context;
    const client = context?.client;
    if (!client || !context || this.inviting.kind !== 'open') return;
    const draft = this.draft;
    if (tidyTypedText(draft.name) === '') {
      this.inviting = { kind: 'open', problem: { field: 'name', text: 'Enter the name of the person you want to invite' } };
      this.#focus('#invite-name');
      return;
    }
    if (draft.actions.length === 0) {
      this.inviting = { kind: 'open', problem: { field: 'actions', text: 'Choose at least one thing they can do' } };
      this.#focus('#invite-view-record');
      return;
    }
    const record = context.record;
    const sent = JSON.stringify(draft);
    const key = this.#invitation?.sent === sent ? this.#invitation.key : crypto.randomUUID();
    this.#invitation = { key, sent };
    this.inviting = { kind: 'sending' };
    try {
      const invitation = await inviteCarer(
        client,
        context.patientId,
        {
          name: draft.name,
          relationship: draft.relationship === '' ? undefined : draft.relationship,
          actions: draft.actions,
          withheld: draft.withheld,
        },
        { idempotencyKey: key },
      );
      if (this.#task.context?.record !== record) return;
      this.#invitation = undefined;
      this.#showCode(invitation);
    } catch (error) {
      if (this.#task.context?.record !== record) return;
      // What was typed stays on screen, so nothing is lost. The list is not reloaded now: with the connection down,
      // its failure would take the place of the form. Trying again reloads it once it works, and so does Cancel.
      const failure = describeWriteFailure(error, 'invitation');
      this.inviting = {
        kind: 'open',
        problem: { field: 'form', text: `${failure.headline} ${failure.advice} What you entered is still here.` },
      };
    }
  }

  #showCode(invitation: CarerInvitation): void {
    this.draft = EMPTY_DRAFT;
    this.inviting = { kind: 'code', invitation };
    this.#task.retry();
    this.emit('care-carer-invited', { relatedPersonId: invitation.relatedPersonId });
    this.#focus('#invite-code-heading');
  }

  async #newCode(carer: CarerAccess): Promise<void> {
    const context = this.#task.context;
    const client = context?.client;
    if (!client || !context || this.status.kind === 'saving') return;
    const record = context.record;
    this.status = { kind: 'saving', consentId: carer.consentId };
    try {
      const invitation = await inviteCarerAgain(client, carer);
      if (this.#task.context?.record !== record) return;
      this.status = { kind: 'idle' };
      this.#showCode(invitation);
    } catch (error) {
      if (this.#task.context?.record !== record) return;
      const failure = describeWriteFailure(error, 'invitation');
      this.status = {
        kind: 'failed',
        consentId: carer.consentId,
        text:
          failure.saved === 'maybe'
            ? 'A new code may have been made but did not reach this page, so the last code may have stopped working. Make a new code again: only the newest one works.'
            : `No new code was made. ${failure.advice}`,
      };
    }
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
    if (!carer.personShown) return this.#renderNotShown(carer);
    const id = `carer-${carer.consentId}`;
    const who = carer.relationship ? `${carer.name} (${carer.relationship})` : carer.name;
    const change = this.#change(carer);
    const saving = this.status.kind === 'saving' && this.status.consentId === carer.consentId;
    const editable = (carer.inForce || carer.invited) && !carer.stopped;
    return html`<article class="carer" part="carer" aria-labelledby=${`${id}-name`}>
      <h3 id=${`${id}-name`}>${who}</h3>
      <p class="standing ${carer.inForce ? 'standing--in-force' : 'standing--ended'}">
        <strong
          >${
            carer.inForce
              ? 'Can act for you now.'
              : carer.stopped
                ? 'Access stopped.'
                : carer.invited
                  ? 'Invited, not accepted yet.'
                  : 'Cannot act for you now.'
          }</strong
        >
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
                        <p id=${`${id}-confirm`} tabindex="-1">
                          ${
                            carer.invited
                              ? html`<strong>Cancel the invitation to ${carer.name}?</strong> Their code will stop working.`
                              : html`<strong>Stop ${carer.name}’s access now?</strong> They will not be able to see your record or add to
                                  it.`
                          }
                        </p>
                        <button class="action action--warning" part="stop-button" type="button" @click=${() => this.#stop(carer)}>
                          ${carer.invited ? 'Yes, cancel the invitation' : 'Yes, stop their access'}
                        </button>
                        <button class="action" type="button" @click=${() => this.#cancelStop(carer)}>No, keep it</button>
                      </div>`
                    : html`${
                          carer.invited
                            ? html`<button class="action" part="new-code-button" type="button" @click=${() => this.#newCode(carer)}>
                                Make a new code
                              </button>`
                            : nothing
                        }
                        <button class="action" part="stop-button" type="button" @click=${() => this.#askStop(carer)}>
                          ${carer.invited ? 'Cancel the invitation' : `Stop ${carer.name}’s access`}
                        </button>`
                }
              </div>
            </form>`
          : nothing
      }
      ${this.#renderStatus(carer)}
    </article>`;
  }

  /**
   * A permission for someone this app is not shown: it exists, so it is listed with what it lets them do and whether
   * it is in force, and it can be stopped. Who it is for, and changing what it allows, are the GP practice's to tell.
   */
  #renderNotShown(carer: CarerAccess): TemplateResult {
    const id = `carer-${carer.consentId}`;
    const words = notShownWords(this.#task.context?.actingFor);
    const allowed = carer.actions.filter((item) => item.allowed);
    const stoppable = !carer.stopped;
    return html`<article class="carer carer--not-shown" part="carer" aria-labelledby=${`${id}-name`}>
      <h3 id=${`${id}-name`}>${carer.name}</h3>
      <p class="standing ${carer.inForce ? 'standing--in-force' : 'standing--ended'}">
        <strong>${carer.inForce ? words.inForce : carer.stopped ? 'Access stopped.' : words.notInForce}</strong>
        ${carer.inForce || carer.stopped ? nothing : words.about(carer.standingText)} ${words.about(carer.grantedText)}
      </p>
      <p>${words.explain}</p>
      ${
        allowed.length > 0
          ? html`<p id=${`${id}-can`}>They can:</p>
              <ul aria-labelledby=${`${id}-can`}>
                ${allowed.map((item) => html`<li>${item.label}</li>`)}
              </ul>`
          : nothing
      }
      ${
        carer.withheld.length > 0
          ? html`<p>Kept from them: ${carer.withheld.map((category) => WITHHELD_LABELS[category]).join(', ')}.</p>`
          : nothing
      }
      ${
        stoppable
          ? html`<div class="actions">
              ${
                this.confirming === carer.consentId
                  ? html`<div class="confirm" role="group" aria-labelledby=${`${id}-confirm`}>
                      <p id=${`${id}-confirm`} tabindex="-1"><strong>Stop this access now?</strong> ${words.stopped}</p>
                      <button class="action action--warning" part="stop-button" type="button" @click=${() => this.#stop(carer)}>
                        Yes, stop this access
                      </button>
                      <button class="action" type="button" @click=${() => this.#cancelStop(carer)}>No, keep it</button>
                    </div>`
                  : html`<button class="action" part="stop-button" type="button" @click=${() => this.#askStop(carer)}>
                      Stop this access
                    </button>`
              }
            </div>`
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
      this.renderRoot
        .querySelector<HTMLElement>(`#carer-${CSS.escape(carer.consentId)}-name`)
        ?.closest('article')
        ?.querySelector<HTMLElement>('[part~="stop-button"]')
        ?.focus(),
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
    await this.#write(
      carer,
      true,
      (client) => stopCarerAccess(client, carer),
      carer.invited
        ? `The invitation to ${carer.name} was cancelled.`
        : carer.personShown
          ? `${carer.name} can no longer act for you.`
          : notShownWords(this.#task.context?.actingFor).done,
    );
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
        // What was ticked stays on screen; trying again cannot save it twice.
        const failure = describeWriteFailure(error, 'carer-change');
        this.status = { kind: 'failed', consentId: carer.consentId, text: `${failure.headline} ${failure.advice}` };
      }
    }
  }
}

/** The words for a permission for someone not shown to this app: to the resident, or about the person a carer acts for. */
function notShownWords(actingFor: ActingFor | undefined) {
  const you = actingFor ? actingFor.short : 'you';
  const your = actingFor ? possessive(actingFor) : 'your';
  return {
    inForce: `Can act for ${you} now.`,
    notInForce: `Cannot act for ${you} now.`,
    // The screen's own words: "we" and "access", as its heading and buttons say, never "this app" or "permission".
    explain: `We cannot show who this access is for. To find out who it is, or to change what they can do, ${
      actingFor ? `${actingFor.short} can ask their` : 'ask your'
    } GP practice.`,
    stopped: `The person it is for will not be able to see ${your} record or add to it.`,
    done: `The person this access was for can no longer act for ${you}.`,
    /** An SDK sentence told about the person acted for ("You gave access…" → "Bridget gave access…"). */
    about: (sentence: string) =>
      actingFor && sentence.startsWith('You ') ? `${actingFor.short} ${sentence.slice('You '.length)}` : aboutThem(sentence, actingFor),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'care-carers': CareCarers;
  }
}
