import {
  describeWriteFailure,
  formatResidentDate,
  isSharingConflict,
  loadSharing,
  saveSharing,
  sharingCategoryLabel,
  sharingConsent,
  sharingDeclinedWords,
  sharingEndWords,
  SHARING_EMERGENCY_NOTE,
  SharingPartlySavedError,
  type SharingCategoryChoice,
  type SharingChoices,
  type SharingDenyState,
  type SharingException,
  type SharingListGaps,
  type SharingOrganisation,
  type SharingViewModel,
  type WriteFailure,
} from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { infoIcon, tickIcon, warningIcon } from '../internal/icons.js';
import { RecordTask } from '../internal/record-task.js';
import { NOT_CONNECTED, renderError, renderNotices, renderSkeleton, wrongPatientModel } from '../internal/states.js';
import { styles } from './sharing.styles.js';

export type { CareSharingSaveDetail } from '../internal/events.js';

/** The error panel's title when her choices are not shown. */
const FAILED = 'We could not load your sharing choices';

/** An organisation's name inside a sentence: "…with an organisation with code RZ9" (a proper name is left as it is). */
const midSentence = (name: string): string => name.replace(/^An organisation\b/, 'an organisation');

/**
 * What a choice not to share (kept as loaded) does now, in words: when it ended or starts, or until when it holds.
 * `until` is given `until 30 June 2027` (or `until the end of July 2027`), `ended` is given `on 31 December 2025` (or
 * `at the end of 2025`): a month or a year holds to its last day.
 */
interface StateWords {
  /** In force, for ever. */
  inForce: string;
  until: (until: string) => string;
  ended: (ended: string) => string;
  starts: (date: string) => string;
  notKnown: string;
}

function stateSentence(state: SharingDenyState | undefined, words: StateWords): string {
  switch (state?.kind) {
    case undefined:
      return words.inForce;
    case 'in-force':
      return state.until === undefined ? words.inForce : words.until(sharingEndWords(state.until, 'until'));
    case 'ended':
      return words.ended(sharingEndWords(state.on, 'ended'));
    case 'starts':
      return words.starts(formatResidentDate(state.on));
    case 'not-known':
      return words.notKnown;
  }
}

const NOT_KNOWN_WHEN = 'We cannot tell when this choice applies, so it is not applied. Ask your GP practice about it.';

const organisationWords: StateWords = {
  inForce: 'Will not see your record, unless it is an emergency. Staff there may ask you about your health instead.',
  until: (until) => `Will not see your record ${until}, unless it is an emergency. After that, they can see it again.`,
  ended: (ended) => `Your choice not to share with them ended ${ended}. They can see your record now.`,
  starts: (date) => `Can see your record now. From ${date}, they will not see it, unless it is an emergency.`,
  notKnown: `${NOT_KNOWN_WHEN} For now, they can see your record.`,
};

const categoryStateWords: StateWords = {
  inForce: '',
  until: (until) => `Kept with the service that recorded it ${until}. After that, it is shared again.`,
  ended: (ended) => `Your choice to keep it with the service ended ${ended}. It is shared now.`,
  starts: (date) => `Shared now. From ${date}, it will be kept with the service that recorded it.`,
  notKnown: `${NOT_KNOWN_WHEN} For now, it is shared.`,
};

const exceptionWords: StateWords = {
  inForce: 'Kept from them, even though they can see the rest of your record.',
  until: (until) => `Kept from them ${until}, even though they can see the rest of your record.`,
  ended: (ended) => `Your choice to keep it from them ended ${ended}. They can see it now.`,
  starts: (date) => `They can see it now. From ${date}, it will be kept from them.`,
  notKnown: `${NOT_KNOWN_WHEN} For now, they can see it.`,
};

/**
 * Ticks (shares) or unticks (stops) an organisation, a kind of information, or one kept from one organisation. A stop she makes now is in force now, for
 * good: where the practice's stop for a period has ended or not begun, a stop with no period is added beside it (kept
 * as recorded), rather than the period that keeps nothing now coming back.
 */
function stopOrShare(choice: SharingOrganisation | SharingCategoryChoice | SharingException, shared: boolean): void {
  choice.shared = shared;
  if (shared || choice.state === undefined || choice.state.kind === 'in-force') return;
  const recorded = choice.periods ?? (choice.period ? [choice.period] : []);
  choice.periods = [...recorded, {}];
  choice.state = { kind: 'in-force' };
}

/** The headline and words said instead of checkboxes, when the hub does not apply her choices organisation by organisation. */
function declinedSentences(draft: SharingChoices): { headline: string; words: string } | undefined {
  const agreement = draft.agreement;
  switch (draft.declinedToAll) {
    case 'opted-out':
      return { headline: 'You have opted out.', words: sharingDeclinedWords('opted-out') };
    case 'not-readable':
      return { headline: 'Your sharing choice cannot be applied.', words: sharingDeclinedWords('not-readable') };
    case 'not-in-force':
      return {
        headline:
          agreement?.kind === 'starts'
            ? `Your agreement to share your record starts on ${formatResidentDate(agreement.on)}.`
            : agreement?.kind === 'ended'
              ? `Your agreement to share your record ended ${sharingEndWords(agreement.on, 'ended')}.`
              : 'Your agreement to share your record is not in force.',
        words: sharingDeclinedWords('not-in-force'),
      };
    case undefined:
      break;
  }
  const optOut = draft.optOut;
  if (optOut?.kind === 'ended')
    return {
      headline: `Your choice not to share your record with any organisation ended ${sharingEndWords(optOut.on, 'ended')}.`,
      words: `Your record is shared with the organisations caring for you. ${OPT_OUT_ADVICE}`,
    };
  if (optOut?.kind === 'starts')
    return {
      headline: `From ${formatResidentDate(optOut.on)}, your record will not be shared with any organisation.`,
      words: `Until then, it is shared with the organisations caring for you. ${OPT_OUT_ADVICE}`,
    };
  return undefined;
}

const OPT_OUT_ADVICE = 'This choice cannot be changed here. To change it, or to choose organisation by organisation, ask your GP practice.';

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'failed'; failure: WriteFailure }
  | { kind: 'conflict' }
  | { kind: 'partly'; known: boolean; saved: readonly string[]; notSaved: readonly string[] };

/**
 * The resident's sharing choices: which organisations caring for them may see
 * their record, and whether mental health and social care information may
 * leave the service that recorded it — each a checkbox with what it means in
 * plain words — and what happens in an emergency. "Save my choices" saves
 * them to the hub, which applies them from the next time anyone looks.
 *
 * Saving shows "Saving…", then "saved" or what went wrong; the choices on
 * screen are kept when a save fails. When the answer was lost, the resident
 * is told the choices may have been saved, and that saving again is safe.
 * When the choices were changed somewhere else meanwhile, the latest are
 * loaded and the resident is told to check them and save again.
 *
 * Inside `<care-record-provider audience="resident">` it reads and saves the
 * choices of the resident in context; without one, give it a `model` (from
 * `sharingChoicesFrom`), and save the Consent that `care-sharing-save` carries.
 * A `model` given inside a provider is shown, and saved, only when its
 * `patientId` is the resident in context.
 *
 * @summary The resident's sharing choices, per organisation and per kind of information.
 *
 * @event {CustomEvent<{ consent: Consent }>} care-sharing-save - Save was pressed on an element given a `model`:
 *   `detail.consent` records the choices; the host saves it.
 * @event {CustomEvent<{ consent: Consent }>} care-sharing-saved - The hub saved the choices (inside a provider).
 *
 * @csspart sharing - The form.
 * @csspart organisations - The organisations' checkboxes.
 * @csspart organisations-incomplete - Said when the list may not show every organisation caring for her (which parts of
 *   her record could not be read in full), with "Try again".
 * @csspart categories - The kinds of information's checkboxes.
 * @csspart exceptions - Other choices already made (a kind of information kept from one organisation).
 * @csspart declined - Said instead of the checkboxes when the choice is not to share at all, or cannot be shown.
 * @csspart several - Said when several of her sharing choices are in force together (all shown, each kept).
 * @csspart partly - Said when a save over several choices stood only in part: which changes were saved, which not.
 * @csspart not-shown - Said when part of the choices, as recorded, cannot be shown here.
 * @csspart not-applied - In it, what each such part says as far as it can be told (whom it stops, by the names recorded).
 * @csspart emergency - What happens in an emergency.
 * @csspart save-button - "Save my choices".
 * @csspart status - What happened to the last save.
 * @csspart error - The panel shown when the choices could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-color-primary=#005eb8] - Buttons and accents.
 * @cssprop [--care-color-success=#007f3b] - "Saved".
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareSharing extends CareElement {
  static override elementName = 'care-sharing';
  static override styles = styles;

  /** The choices to show, when the host read them itself. Takes the place of loading from a provider. */
  @property({ attribute: false }) model: SharingViewModel | undefined;

  /** The resident's choices as changed on screen, not yet saved. */
  @state() private draft: SharingChoices | undefined;
  @state() private save: SaveState = { kind: 'idle' };
  /** The saved version, once this element has saved (newer than what was loaded). */
  #saved: SharingViewModel | undefined;
  #draftFor: SharingViewModel | undefined;

  readonly #task: RecordTask<SharingViewModel> = new RecordTask<SharingViewModel>(this, {
    load: (record, signal): Promise<SharingViewModel> => {
      const client = this.#task.context?.client;
      if (!client) return Promise.reject(new Error('No client'));
      return loadSharing(client, record.patientId, { signal });
    },
    patientOf: (model) => model.patientId,
    enabled: () => this.model === undefined,
    onRecordChange: ({ renewedSignIn }) => {
      // Signed in again: the changes stay on screen, over the choices they were made to (and their version).
      if (renewedSignIn && this.#draftFor) {
        this.#saved = this.#draftFor;
        return;
      }
      this.draft = undefined;
      this.#saved = undefined;
      this.#draftFor = undefined;
      this.save = { kind: 'idle' };
      this.renderNow();
    },
  });

  /** Why the host's `model` is not shown: inside a provider, it is not about the resident in context. */
  #refusal(): TemplateResult | undefined {
    return this.model && wrongPatientModel(this.#task, this.model.patientId, FAILED, 'resident');
  }

  /** What is on screen: the loaded (or saved) choices, with the resident's changes. Never another resident's. */
  #current(): SharingViewModel | undefined {
    const loaded = this.model ? (this.#refusal() ? undefined : this.model) : this.#task.value;
    if (!loaded) return undefined;
    const base = this.#saved?.patientId === loaded.patientId ? this.#saved : loaded;
    if (this.#draftFor !== base) {
      this.#draftFor = base;
      this.draft = structuredClone(base.choices);
    }
    return base;
  }

  protected override render() {
    const context = this.#task.context;
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${this.#renderState()}</div>`;
  }

  #renderState(): TemplateResult {
    const refusal = this.#refusal();
    if (refusal) return refusal;
    const current = this.#current();
    if (current && this.draft) return this.#renderForm(this.draft, current.organisationsIncomplete);
    switch (this.#task.status) {
      case 'idle':
        // A patient named but no client yet: not connected, never "none selected" under her screen.
        return html`<p class="empty">${this.#task.notConnected ? NOT_CONNECTED : 'No record selected'}</p>`;
      case 'error':
        return renderError({
          title: FAILED,
          error: this.#task.error,
          audience: 'resident',
          onRetry: () => this.#task.retry(),
        });
      default:
        return this.#frame(renderSkeleton('Loading your sharing choices', 6), true);
    }
  }

  #frame(content: TemplateResult, busy = false): TemplateResult {
    return html`<section class="sharing" part="sharing" aria-labelledby="heading" aria-busy=${busy ? 'true' : nothing}>
      <h2 id="heading">Who can see your record</h2>
      ${content}
    </section>`;
  }

  #toggle(change: (draft: SharingChoices) => void): void {
    if (!this.draft) return;
    const next = structuredClone(this.draft);
    change(next);
    this.draft = next;
    if (this.save.kind === 'saved') this.save = { kind: 'idle' };
  }

  #renderForm(draft: SharingChoices, gaps: SharingListGaps | undefined): TemplateResult {
    // A choice the hub does not apply organisation by organisation (an opt-out, one it cannot apply, an agreement not in
    // force, an opt-out for a period) is said as it is, with nothing to untick: checkboxes would say what does not apply.
    const declined = declinedSentences(draft);
    if (declined)
      return this.#frame(html`
        <div class="declined" part="declined">
          ${infoIcon}
          <p><strong>${declined.headline}</strong> ${declined.words}</p>
        </div>
        ${
          draft.notShown
            ? html`<div class="problem" part="not-shown">
                ${warningIcon}
                <div>
                  <p>
                    <strong>Part of your choices is not shown here.</strong> Your GP practice recorded it in a way this service cannot show
                    or apply. It is kept as it is. To change it, or to find out what it says, ask your practice.
                  </p>
                  ${
                    draft.notApplied?.length
                      ? html`<p>As recorded, it says:</p>
                          <ul part="not-applied">
                            ${draft.notApplied.map((words) => html`<li>${words}.</li>`)}
                          </ul>`
                      : nothing
                  }
                </div>
              </div>`
            : nothing
        }
        <div class="emergency" part="emergency">
          ${infoIcon}
          <p><strong>In an emergency.</strong> ${SHARING_EMERGENCY_NOTE}</p>
        </div>
      `);
    const saving = this.save.kind === 'saving';
    return this.#frame(html`
      <form novalidate @submit=${(event: Event) => this.#submit(event)}>
        <p class="intro">
          Your record is shared with the organisations caring for you, so they can give you safe care. You can choose who sees it.
        </p>
        ${
          draft.inForce
            ? html`<div class="declined" part="several">
                ${infoIcon}
                <p>
                  <strong>You have ${draft.inForce} sharing choices in force.</strong> They were recorded at different times, by you or your
                  GP practice, and apply together: this page shows everything they stop. Saving changes each of them only where you change
                  something.
                </p>
              </div>`
            : nothing
        }
        <fieldset part="organisations">
          <legend>Organisations that can see your record</legend>
          ${gaps ? this.#renderGaps(gaps, draft.organisations.length === 0) : nothing}
          ${
            draft.organisations.length === 0
              ? gaps
                ? nothing
                : html`<p class="empty">No organisations have recorded your care yet.</p>`
              : draft.organisations.map((organisation, index) => {
                  const id = `organisation-${index}`;
                  return this.#checkbox(
                    id,
                    organisation.shared,
                    html`${organisation.name}${organisation.kind ? html` <span class="kind">(${organisation.kind})</span>` : nothing}`,
                    organisation.shared ? 'Can see your record.' : stateSentence(organisation.state, organisationWords),
                    (checked) =>
                      this.#toggle((next) => {
                        const choice = next.organisations[index];
                        if (choice) stopOrShare(choice, checked);
                      }),
                  );
                })
          }
        </fieldset>
        <fieldset part="categories">
          <legend>Sensitive information</legend>
          <p class="hint">
            Choose whether this information is shared with all the organisations above, or kept with the service that recorded it.
          </p>
          ${draft.categories.map((category, index) =>
            category.changeable
              ? this.#checkbox(
                  `category-${index}`,
                  category.shared,
                  html`Share ${category.label.toLowerCase()} information`,
                  category.shared
                    ? category.description
                    : `${category.description} ${stateSentence(category.state, categoryStateWords)}`.trim(),
                  (checked) =>
                    this.#toggle((next) => {
                      const choice = next.categories[index];
                      if (choice) stopOrShare(choice, checked);
                    }),
                )
              : html`<div class="fixed">
                  <p class="fixed-label">${category.label}</p>
                  <p class="hint">${category.description}</p>
                </div>`,
          )}
        </fieldset>
        ${
          draft.exceptions.length > 0
            ? html`<fieldset part="exceptions">
                <legend>Other choices you have made</legend>
                ${draft.exceptions.map((exception, index) =>
                  this.#checkbox(
                    `exception-${index}`,
                    exception.shared,
                    html`Share ${sharingCategoryLabel(exception.category).toLowerCase()} information with
                    ${midSentence(exception.organisationName)}`,
                    exception.shared ? 'Will be shared with them.' : stateSentence(exception.state, exceptionWords),
                    (checked) =>
                      this.#toggle((next) => {
                        const choice = next.exceptions[index];
                        if (choice) stopOrShare(choice, checked);
                      }),
                  ),
                )}
              </fieldset>`
            : nothing
        }
        <div class="emergency" part="emergency">
          ${infoIcon}
          <p><strong>In an emergency.</strong> ${SHARING_EMERGENCY_NOTE}</p>
        </div>
        <div class="actions">
          <button class="action action--primary" part="save-button" type="submit" aria-disabled=${saving ? 'true' : 'false'}>
            ${saving ? 'Saving…' : 'Save my choices'}
          </button>
        </div>
        ${this.#renderStatus()}
      </form>
    `);
  }

  /**
   * The list may not hold every organisation caring for her: which parts of her record could not be read in full, what
   * the answers said, and Try again. Never "no organisations" beside it: she cannot stop sharing with one not listed.
   */
  #renderGaps(gaps: SharingListGaps, none: boolean): TemplateResult {
    const parts = gaps.parts.length < 2 ? (gaps.parts[0] ?? '') : `${gaps.parts.slice(0, -1).join(', ')} and ${gaps.parts.at(-1) ?? ''}`;
    const headline = none
      ? 'We could not check which organisations are caring for you.'
      : 'This list may not show every organisation caring for you.';
    return html`<div class="problem" part="organisations-incomplete" role="status">
      ${warningIcon}
      <div>
        <p>
          <strong>${headline}</strong>
          We could not read all of ${parts}. An organisation not listed here can still see your record.
        </p>
        ${renderNotices(gaps.notices)}
        ${
          this.model === undefined
            ? html`<button class="action" part="retry-button" type="button" @click=${() => this.#task.retry()}>Try again</button>`
            : nothing
        }
      </div>
    </div>`;
  }

  #checkbox(id: string, checked: boolean, label: TemplateResult, hint: string, onChange: (checked: boolean) => void): TemplateResult {
    return html`<div class="choice">
      <input
        type="checkbox"
        id=${id}
        .checked=${checked}
        aria-describedby=${`${id}-hint`}
        @change=${(event: Event) => onChange((event.target as HTMLInputElement).checked)}
      />
      <label for=${id}>${label}</label>
      <p class="hint" id=${`${id}-hint`}>${hint}</p>
    </div>`;
  }

  #renderStatus(): TemplateResult {
    const save = this.save;
    // One live region, always present, so screen readers announce each change of state.
    const message: TemplateResult | typeof nothing =
      save.kind === 'saving'
        ? html`<p>Saving your choices…</p>`
        : save.kind === 'saved'
          ? html`<p class="saved">
              ${tickIcon}<strong>Your sharing choices have been saved.</strong> They apply from the next time anyone looks at your record.
            </p>`
          : save.kind === 'conflict'
            ? html`<p class="problem">
                ${warningIcon}<span
                  ><strong>Your choices were changed somewhere else</strong> since this page loaded, so they were not saved. We have loaded
                  the latest choices: check them and save again.</span
                >
              </p>`
            : save.kind === 'failed'
              ? html`<p class="problem">
                  ${warningIcon}<span
                    ><strong>${save.failure.headline}</strong> ${save.failure.advice} Your changes are still on this page.</span
                  >
                </p>`
              : save.kind === 'partly'
                ? this.#renderPartly(save)
                : nothing;
    return html`<div class="status" part="status" role="status" aria-live="polite">${message}</div>`;
  }

  /** A save over several choices that stands only in part: which of her changes were saved and which were not. */
  #renderPartly(save: Extract<SaveState, { kind: 'partly' }>): TemplateResult {
    const sentence = (words: readonly string[]) => {
      const [first = '', ...rest] = words;
      const all = [first.charAt(0).toUpperCase() + first.slice(1), ...rest];
      return all.length < 2 ? all[0] : `${all.slice(0, -1).join(', ')} and ${all.at(-1) ?? ''}`;
    };
    if (!save.known)
      return html`<p class="problem" part="partly">
        ${warningIcon}<span
          ><strong>Some of your changes may have been saved and some may not.</strong> We could not check which. We have loaded your choices
          as they are now: check them and save again.</span
        >
      </p>`;
    return html`<div class="problem" part="partly">
      ${warningIcon}<span
        ><strong>Only some of your changes were saved.</strong>
        ${save.saved.length > 0 ? html`<span>Saved: ${sentence(save.saved)}.</span>` : nothing}
        ${save.notSaved.length > 0 ? html`<span>Not saved: ${sentence(save.notSaved)}.</span>` : nothing} We have loaded your choices as
        they are now: check them and save again.</span
      >
    </div>`;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const base = this.#current();
    const draft = this.draft;
    if (!base || !draft || this.save.kind === 'saving') return;
    const consent = sharingConsent(base.patientId, draft, base.consentId ? { id: base.consentId } : undefined);
    const client = this.#task.context?.client;
    if (this.model || !client) {
      this.emit('care-sharing-save', { consent });
      return;
    }
    const record = this.#task.context?.record;
    this.save = { kind: 'saving' };
    try {
      const saved = await saveSharing(client, base, draft);
      if (this.#task.context?.record !== record) return;
      this.#saved = saved;
      this.save = { kind: 'saved' };
      this.emit('care-sharing-saved', { consent });
    } catch (error) {
      if (this.#task.context?.record !== record) return;
      if (isSharingConflict(error)) {
        this.#saved = undefined;
        this.#task.retry();
        this.save = { kind: 'conflict' };
      } else if (error instanceof SharingPartlySavedError) {
        // Part stands: what the hub holds now is loaded, and which of her changes were saved is said.
        this.#saved = undefined;
        this.#task.retry();
        this.save = { kind: 'partly', known: error.known, saved: error.saved, notSaved: error.notSaved };
      } else {
        this.save = { kind: 'failed', failure: describeWriteFailure(error, 'sharing') };
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-sharing': CareSharing;
  }
}
