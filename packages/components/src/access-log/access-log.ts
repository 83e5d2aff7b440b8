import { ACCESS_LOG_EMPTY, readAccessLog, type AccessLogEntry, type AccessLogReader, type AccessLogViewModel } from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CareElement } from '../internal/care-element.js';
import { warningIcon } from '../internal/icons.js';
import { RecordTask } from '../internal/record-task.js';
import { noticeLines, renderSkeleton, renderTask, wrongPatientModel } from '../internal/states.js';
import { styles } from './access-log.styles.js';

const PAGE_SIZE = 20;

/** Said of an empty log when the hub held some looks back or left some unread: not that no one has looked. */
const ACCESS_LOG_NONE_SHOWN = 'Nothing we can show you here';

/** Whether the hub said some of the log is not here: held back, from a service that did not answer, or not read. */
const someNotShown = (notices: AccessLogViewModel['notices']): boolean =>
  notices.withheld || notices.unavailableSources.length > 0 || (notices.notPermittedTypes ?? []).length > 0 || notices.truncated === true;

/**
 * "Who has looked at your record", for the resident: each look by a
 * professional, newest first — the organisation, the person's role in plain
 * words, when, and what they looked at. A look in an emergency by someone
 * outside the resident's care team (break-glass) is marked in words, not only
 * colour, with the reason they gave and what it means. Older looks come with
 * "Show more".
 *
 * Inside `<care-record-provider audience="resident">` it reads the log of the
 * resident in context; without one, give it a `model` (from
 * `accessLogViewModel`). A `model` given inside a provider is shown only when
 * its `patientId` is the resident in context.
 *
 * @summary Who has looked at the resident's record, with emergency access explained.
 *
 * @csspart log - The region holding the list.
 * @csspart list - The list of looks (`<ol>`, newest first).
 * @csspart entry - One look.
 * @csspart emergency - The marked part of an emergency look: its label, reason and explanation.
 * @csspart more-button - "Show more".
 * @csspart notice - A line saying what is missing: not shown, unavailable.
 * @csspart error - The panel shown when the log could not be loaded.
 * @csspart retry-button - Its "Try again" button.
 *
 * @cssprop [--care-access-log-emergency-color=#d5281b] - Edge and label of an emergency look.
 * @cssprop [--care-color-primary=#005eb8] - Buttons and accents.
 * @cssprop [--care-font-family=Frutiger W01, Arial, sans-serif] - Typeface of every element.
 * @cssprop [--care-font-size=medium] - Base text size of every element.
 */
export class CareAccessLog extends CareElement {
  static override elementName = 'care-access-log';
  static override styles = styles;

  /** The log to show, when the host read it itself (from `accessLogViewModel`). Takes the place of loading from a provider. */
  @property({ attribute: false }) model: AccessLogViewModel | undefined;

  @state() private moreState: 'idle' | 'loading' | 'failed' = 'idle';

  readonly #task: RecordTask<AccessLogReader> = new RecordTask<AccessLogReader>(this, {
    load: async (record, signal): Promise<AccessLogReader> => {
      const client = this.#task.context?.client;
      if (!client) throw new Error('No client');
      const reader = readAccessLog(client, record.patientId, { pageSize: PAGE_SIZE, signal });
      await reader.loadMore();
      return reader;
    },
    patientOf: (reader) => reader.model.patientId,
    enabled: () => this.model === undefined,
    onRecordChange: () => {
      this.moreState = 'idle';
      this.renderNow();
    },
  });

  protected override render() {
    const context = this.#task.context;
    return html`<div class="root" lang=${context?.locale ?? 'en-GB'}>${this.#renderState()}</div>`;
  }

  #renderState(): TemplateResult {
    const failed = 'We could not load who has looked at your record';
    if (this.model) return wrongPatientModel(this.#task, this.model.patientId, failed, 'resident') ?? this.#renderLog(this.model, false);
    return renderTask(this.#task, {
      audience: 'resident',
      idle: () => html`<p class="empty">No record selected</p>`,
      failed,
      focus: '.log',
      loading: () => this.#frame(renderSkeleton('Loading who has looked at your record', 4), true),
      ready: (reader) => this.#renderLog(reader.model, reader.hasMore),
    });
  }

  async #showMore(): Promise<void> {
    const reader = this.#task.value;
    if (!reader || this.moreState === 'loading') return;
    const before = reader.model.entries.length;
    this.moreState = 'loading';
    try {
      await reader.loadMore();
      if (this.#task.value !== reader) return;
      this.moreState = 'idle';
      await this.updateComplete;
      // Keyboard users continue from the first new entry.
      this.renderRoot.querySelectorAll<HTMLElement>('[part~="entry"]')[before]?.focus();
    } catch {
      if (this.#task.value === reader) this.moreState = 'failed';
    }
  }

  #frame(content: TemplateResult, busy = false): TemplateResult {
    return html`<section class="log" part="log" aria-labelledby="heading" aria-busy=${busy ? 'true' : nothing} tabindex="-1">
      <h2 id="heading">Who has looked at your record</h2>
      ${content}
    </section>`;
  }

  #renderLog(model: AccessLogViewModel, hasMore: boolean): TemplateResult {
    return this.#frame(html`
      <p class="intro">Professionals who looked at your record, newest first. Looking at it is recorded every time.</p>
      ${noticeLines(model.notices)}
      ${
        model.entries.length === 0
          ? html`<p class="empty">${someNotShown(model.notices) ? ACCESS_LOG_NONE_SHOWN : ACCESS_LOG_EMPTY}</p>`
          : html`<ol class="entries" part="list">
              ${model.entries.map((entry) => this.#renderEntry(entry))}
            </ol>`
      }
      ${hasMore || this.moreState === 'failed' ? this.#renderMore() : nothing}
    `);
  }

  #renderMore(): TemplateResult {
    const loading = this.moreState === 'loading';
    return html`<div class="more">
      ${
        this.moreState === 'failed'
          ? html`<p class="notice notice--warning" role="alert">${warningIcon}<span>We could not load older entries. Try again.</span></p>`
          : nothing
      }
      <button class="action" part="more-button" type="button" aria-disabled=${loading ? 'true' : 'false'} @click=${() => this.#showMore()}>
        ${loading ? 'Loading…' : 'Show more'}
      </button>
    </div>`;
  }

  #renderEntry(entry: AccessLogEntry): TemplateResult {
    return html`<li class="entry ${entry.emergency ? 'entry--emergency' : ''}" part="entry" tabindex="-1">
      ${entry.emergency ? html`<p class="emergency-label" part="emergency">${warningIcon}<strong>Emergency access</strong></p>` : nothing}
      <h3 class="organisation">${entry.organisation}</h3>
      <dl class="facts">
        <div>
          <dt>Who</dt>
          <dd>${entry.role}</dd>
        </div>
        <div>
          <dt>When</dt>
          <dd>${entry.at ? html`<time datetime=${entry.at}>${entry.when}</time>` : entry.when}</dd>
        </div>
        <div>
          <dt>What they looked at</dt>
          <dd>${entry.looked.join(', ')}</dd>
        </div>
        ${
          entry.emergency
            ? html`<div>
                <dt>Reason given</dt>
                <dd>${entry.emergency.reason}</dd>
              </div>`
            : nothing
        }
      </dl>
      ${entry.emergency ? html`<p class="explanation">${entry.emergency.explanation}</p>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-access-log': CareAccessLog;
  }
}
