import { provide } from '@lit/context';
import { formatResidentName, NOT_KNOWN, selectOfficialName, selectPreferredName } from '@care-record/sdk/format';
import {
  findPatientByNhsNumber,
  HubError,
  PatientLookupError,
  openRecordReader,
  type HubClient,
  type RecordAudience,
  type RecordReader,
} from '@care-record/sdk';
import { adoptStyles, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { base } from '../internal/base.styles.js';
import { CareElement, type AccessDeniedReason } from '../internal/care-element.js';
import { warningIcon } from '../internal/icons.js';
import {
  PatientMismatchError,
  readPage,
  recordClosedContext,
  recordContext,
  type RecordBlock,
  type RecordClosed,
  type RecordContext,
  type SharedRecord,
} from '../internal/record-context.js';
import type * as RecordMessageModule from './record-message.js';

type RecordMessage = ReturnType<typeof RecordMessageModule.recordMessage> & typeof RecordMessageModule;

/**
 * The refused record's message, the emergency-access form and banner, loaded the first time a page needs them (a
 * first screen that opens a record never does); a failed load is tried again at the next need.
 */
let recordMessage: RecordMessage | undefined;
let loadingMessage: Promise<void> | undefined;
const loadRecordMessage = () =>
  (loadingMessage ??= import('./record-message.js').then(
    (module) => {
      recordMessage = { ...module, ...module.recordMessage({ html, css, nothing, warningIcon }) };
    },
    (error: unknown) => {
      loadingMessage = undefined;
      throw error;
    },
  ));

const AUDIENCES: ReadonlySet<string> = new Set<RecordAudience>(['clinician', 'resident']);

/**
 * One record for everyone who asks: whatever an element reads (the record
 * page, the medicines, the timeline) is read once however many elements show
 * it. A failed read is forgotten, so trying again reads again.
 */
function sharedRecord(reader: RecordReader): SharedRecord {
  const made = new Map<unknown, unknown>();
  const pageFailed = new Set<(error: Error) => void>();
  const pageRetried = new Set<() => void>();
  /** The record page's failure, kept until the page is asked for again: it is every element's, however late. */
  let pageFailure: Error | undefined;
  const use = <T>(read: (reader: RecordReader) => T): T => {
    if (made.has(read)) return made.get(read) as T;
    if (read === readPage) pageFailure = undefined;
    const value = read(reader);
    made.set(read, value);
    if (value instanceof Promise)
      value.catch((error: unknown) => {
        if (made.get(read) === value) made.delete(read);
        if (read === readPage && error instanceof Error && failsTheRecord(error)) {
          pageFailure = error;
          for (const listener of [...pageFailed]) listener(error);
        }
      });
    return value;
  };
  return {
    patientId: reader.patientId,
    reader,
    use,
    onPageFailed(listener) {
      pageFailed.add(listener);
      return () => pageFailed.delete(listener);
    },
    get pageFailure() {
      return pageFailure;
    },
    retryPage() {
      if (!pageFailure) return;
      // The page first, so that what waits on it (the medicines, the timeline) waits on this read, not the failed one.
      use(readPage).catch(ignore);
      for (const listener of [...pageRetried]) listener();
    },
    onPageRetried(listener) {
      pageRetried.add(listener);
      return () => pageRetried.delete(listener);
    },
    async afterPage() {
      // Elements upgrade one after another: those asking for the page have asked by the next task.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const page = made.get(readPage);
      if (page instanceof Promise) await page.then(ignore, ignore);
    },
  };
}

const ignore = (): void => undefined;

/**
 * Whether the record page's failure is the whole record's: not found, or not loaded. A refusal (403) is the role's or
 * the sign-in's, told where it is met (or by the provider, for the whole record); an abort is a record left.
 */
const failsTheRecord = (error: Error): boolean =>
  !(error instanceof HubError) || (error.kind !== 'aborted' && !(error.kind === 'http' && error.status === 403));

/** Stands in for the record while the patient is being found: every read refuses. */
function recordBeingFound(reason: Error, reader: RecordReader): SharedRecord {
  return {
    patientId: '',
    reader,
    use: () => {
      throw reason;
    },
    afterPage: () => Promise.resolve(),
    onPageFailed: () => ignore,
    pageFailure: undefined,
    retryPage: ignore,
    onPageRetried: () => ignore,
  };
}

const RECORD_WIDE_DENIALS: ReadonlySet<string> = new Set<AccessDeniedReason>([
  'NO_LEGITIMATE_RELATIONSHIP',
  'SHARING_DECLINED',
  'ACCESS_DENIED',
  'NO_PROXY_ACCESS',
]);
const BREAK_GLASS_ALLOWED: ReadonlySet<string> = new Set<AccessDeniedReason>(['NO_LEGITIMATE_RELATIONSHIP', 'SHARING_DECLINED']);

/**
 * Whether the hub says this user may open the record by giving a reason: its refusal carries an issue with hub code
 * `BREAK_GLASS_AVAILABLE`. The refusal's own code is not enough — a receptionist is refused for want of a
 * relationship too, and the hub answers their reason `403` — so without the hub's word, nothing is offered.
 */
const offersBreakGlass = (error: HubError): boolean => error.issueCodes.some((issue) => issue.split('/')[1] === 'BREAK_GLASS_AVAILABLE');

/** The cause of a failure when it is the whole record's (the sign-in, or this user and this resident); `undefined` otherwise. */
function recordWideCause(error: Error): RecordBlock | undefined {
  if (!(error instanceof HubError) || error.kind !== 'http') return undefined;
  if (error.status === 401) return { kind: 'auth-required', requestId: error.requestId };
  if (error.status !== 403) return undefined;
  const code = error.issueCodes
    .map((issue) => issue.split('/')[1])
    .find((detail) => detail !== undefined && RECORD_WIDE_DENIALS.has(detail));
  if (code === undefined) return undefined;
  return {
    kind: 'access-denied',
    reason: code as AccessDeniedReason,
    breakGlassAllowed: BREAK_GLASS_ALLOWED.has(code) && offersBreakGlass(error),
    requestId: error.requestId,
  };
}

const causeKey = (block: RecordBlock): string => (block.kind === 'access-denied' ? `${block.kind}:${block.reason}` : block.kind);

/**
 * Puts one patient's record in context for the care-record elements inside it.
 *
 * Changing `patient` (or `client` or `audience`) aborts every request made for
 * the previous one and publishes the new context before anything else renders:
 * the elements inside drop the previous patient's details at once and load the
 * new patient's, and a late answer for the previous patient is never shown.
 *
 * When the hub refuses the whole record — the sign-in has ended (401), or this
 * user may not see this resident (403 `NO_LEGITIMATE_RELATIONSHIP`,
 * `SHARING_DECLINED`, `ACCESS_DENIED`) — the provider shows one message for
 * the record in place of an error in every element, and tells the host once
 * per cause. Where the hub's refusal says emergency access is open to this
 * user (no relationship or sharing declined, with an issue coded
 * `BREAK_GLASS_AVAILABLE`: a clinician, never a receptionist) the message
 * offers emergency (break-glass) access: a clinical reason, checked as
 * the hub checks it, is sent as `X-Break-Glass-Reason` with every request
 * while an unmistakable banner says emergency access is on, until it is ended
 * (or the patient or client changes).
 *
 * @summary Gives the elements inside it the hub client, the patient and the audience.
 *
 * @slot - The care-record elements (and anything else) that show this patient's record.
 *
 * @event {CustomEvent<{ requestId: string | undefined }>} care-auth-required - The hub no longer accepts the sign-in (401): sign the user in again and set a new `client`. Once per record.
 * @event {CustomEvent<{ reason: 'NO_LEGITIMATE_RELATIONSHIP' | 'SHARING_DECLINED' | 'ACCESS_DENIED' | 'NO_PROXY_ACCESS' | 'NONE_YOU_MAY_OPEN'; breakGlassAllowed: boolean; requestId: string | undefined }>} care-access-denied - The hub refused the whole record to this user, with its reason code; or, opening by NHS number, found no record this user may open and offers emergency access (`NONE_YOU_MAY_OPEN`, `breakGlassAllowed` true). Once per record and reason.
 * @event {CustomEvent<{ active: boolean }>} care-break-glass - Emergency access started (a reason was given) or ended.
 *
 * @csspart acting-for - For a carer: the line naming the person they act for, above everything else.
 * @csspart record-message - The one message shown when the whole record is refused.
 * @csspart break-glass-form - The form asking for the reason for emergency access.
 * @csspart break-glass-banner - The banner shown while emergency access lasts.
 * @csspart end-break-glass - Its "End emergency access" button.
 */
export class CareRecordProvider extends CareElement {
  static override elementName = 'care-record-provider';

  static override styles = [
    base,
    css`
      :host {
        display: contents;
      }
      .acting-for {
        margin: 0 0 var(--_space-3);
        padding: var(--_space-2) var(--_space-3);
        border: 1px solid var(--_color-border);
        border-inline-start: 6px solid var(--_color-primary);
        background: var(--_color-background);
        font-size: 1.125em;
      }
      .message {
        padding: var(--_space-3);
        border: 1px solid var(--_color-border);
        border-inline-start: 6px solid var(--_color-primary);
        background: var(--_color-background);
      }
      .message-title {
        font-size: 1.125em;
        font-weight: 700;
      }
    `,
  ];

  /** The hub client (from `createHubClient`) the elements read the record with. */
  @property({ attribute: false }) client: HubClient | undefined;

  /** The logical id of the patient in context (`Patient.id`). */
  @property({ reflect: true }) patient: string | undefined;

  /**
   * The NHS number of the patient in context, for hosts that know the person
   * by number (spaces allowed). The provider finds the one record with it
   * first; an invalid number, no match or more than one match is shown as an
   * error, never as an empty record. Given with `patient`, both must name the
   * same record. When the hub says that no record this clinician may open has
   * the number but a search with a reason is open to them, the provider says
   * so — never "not found" — and offers emergency access: the search is made
   * again with the reason, and a record found is shown under emergency access.
   */
  @property({ attribute: 'nhs-number', reflect: true }) nhsNumber: string | undefined;

  /**
   * Who is looking: `clinician` (NHS CUI formats), `resident` (plain English,
   * NHS service manual formats), or `carer` — someone acting for the resident:
   * the resident's plain English about someone else ("Bridget's medicines"),
   * under a line naming the person they act for. An unrecognised value is
   * treated as `resident`, the view that shows less.
   */
  @property({ reflect: true }) audience: RecordAudience | 'carer' = 'clinician';

  /** Language of the elements' own wording (BCP 47). */
  @property({ reflect: true }) locale = 'en-GB';

  @provide({ context: recordContext }) protected recordContext: RecordContext | undefined;

  /** Why no record is open for the patient named, told to the elements so they never say no patient is selected. */
  @provide({ context: recordClosedContext }) protected recordClosed: RecordClosed | undefined;

  /** Why the whole record is not shown, if it is not. */
  @state() private blocked: RecordBlock | undefined;
  /** The reason for emergency access, while it lasts. */
  @state() private breakGlassReason: string | undefined;
  /** What is wrong with the reason typed, after an attempt to start emergency access. */
  @state() private reasonError: string | undefined;
  /** The record's message could not be loaded (the network, or a new release of the page's files). */
  @state() private messageFailed = false;

  #controller: AbortController | undefined;
  #generation = 0;
  #disconnected = false;
  /** Causes the host has been told of for the record in context (one event per cause). */
  #told = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#disconnected) {
      this.#disconnected = false;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Off the page, nothing is shown: stop fetching. Reconnecting opens the record afresh.
    this.#disconnected = true;
    this.#controller?.abort();
    this.#controller = undefined;
    this.recordContext = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Emergency access is for this patient, this sign-in: another one starts without it.
    if ((changed.has('client') || changed.has('patient') || changed.has('nhsNumber')) && this.hasUpdated && this.breakGlassReason) {
      this.breakGlassReason = undefined;
      this.emit('care-break-glass', { active: false });
    }
    if (
      changed.has('client') ||
      changed.has('patient') ||
      changed.has('nhsNumber') ||
      changed.has('audience') ||
      (changed as PropertyValues).has('breakGlassReason') ||
      this.recordContext === undefined
    ) {
      this.#open();
    } else if (changed.has('locale') && this.recordContext) {
      this.recordContext = { ...this.recordContext, locale: this.locale };
    }
  }

  /** Aborts what was in flight, then publishes the new record, synchronously, before any consumer renders again. */
  #open(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.blocked = undefined;
    this.reasonError = undefined;
    this.#told.clear();
    const patientId = this.patient?.trim() ?? '';
    const nhsNumber = this.nhsNumber?.trim() ?? '';
    const breakGlassReason = this.breakGlassReason;
    // While emergency access lasts, every request carries the reason, whichever element makes it.
    // (A reason is given in the form of the record's message, so that module is here whenever there is one.)
    const withReason = recordMessage?.withRequestHeaders;
    const client =
      this.client && breakGlassReason && withReason ? withReason(this.client, { 'x-break-glass-reason': breakGlassReason }) : this.client;
    this.recordClosed = !client && (patientId || nhsNumber) ? 'not-connected' : undefined;
    if (!client || (!patientId && !nhsNumber) || !this.isConnected) {
      this.recordContext = undefined;
      return;
    }
    const carer = this.audience === 'carer';
    let audience: RecordAudience = carer ? 'resident' : (this.audience as RecordAudience);
    if (!carer && !AUDIENCES.has(audience)) {
      console.warn(
        `<care-record-provider>: audience "${String(audience)}" is not clinician, resident or carer; showing the resident view.`,
      );
      audience = 'resident';
    }
    const controller = new AbortController();
    this.#controller = controller;
    const publish = (id: string, lookup?: RecordContext['lookup']) => {
      const reader = openRecordReader(client, id, {
        audience,
        signal: controller.signal,
        ...(breakGlassReason ? { breakGlassReason } : {}),
      });
      const record = lookup
        ? recordBeingFound(lookup.state === 'failed' ? lookup.error : new Error('The patient is still being found.'), reader)
        : sharedRecord(reader);
      this.recordContext = {
        client,
        patientId: id,
        audience,
        locale: this.locale,
        record,
        generation: ++this.#generation,
        ...(carer ? { actingFor: { name: undefined, short: 'this person' } } : {}),
        ...(lookup ? { lookup } : {}),
        ...(breakGlassReason ? { breakGlassReason } : {}),
        reportFailure: (error) => {
          if (this.recordContext?.record === record) this.#reportFailure(error);
        },
      };
      // Whether a record is open decides whether the emergency banner shows: a patient found later updates it.
      this.requestUpdate();
    };
    if (!nhsNumber) {
      publish(patientId);
      if (carer) this.#nameActingFor();
      return;
    }
    // Found by NHS number: nothing is loaded until exactly one record has it.
    publish('', { state: 'pending' });
    const current = () => this.#controller === controller && !controller.signal.aborted;
    findPatientByNhsNumber(client, nhsNumber, { signal: controller.signal }).then(
      (found) => {
        if (!current()) return;
        if (patientId && found.patientId !== patientId) this.#fail(new PatientMismatchError(), publish);
        else {
          publish(found.patientId);
          if (carer) this.#nameActingFor();
        }
      },
      (error: unknown) => {
        if (!current()) return;
        this.#fail(error instanceof Error ? error : new Error(String(error)), publish);
        // Nobody this user may open has the number, and a search with a reason is open to them: not "not found".
        if (error instanceof PatientLookupError && error.problem === 'none-you-may-open') {
          const cause: RecordBlock = { kind: 'none-you-may-open' };
          this.#block(cause);
          // The host is told as of any record refused: its own screens may offer the way on, or log it.
          this.#tell(causeKey(cause), () =>
            this.emit('care-access-denied', { reason: 'NONE_YOU_MAY_OPEN', breakGlassAllowed: true, requestId: undefined }),
          );
        }
      },
    );
  }

  /** Names the person a carer acts for from their own record (never from the host), once it is read. */
  #nameActingFor(): void {
    const context = this.recordContext;
    if (!context?.actingFor) return;
    const { record } = context;
    record.use(readPage).then(
      (page) => {
        const current = this.recordContext;
        if (current?.record !== record || page.patient.id !== record.patientId) return;
        const name = formatResidentName(selectOfficialName(page.patient.name));
        const preferred = selectPreferredName(page.patient.name);
        const short = preferred?.given?.[0]?.trim() || name.split(' ')[0] || 'this person';
        this.recordContext = { ...current, actingFor: { name, short: name === NOT_KNOWN ? 'this person' : short } };
        this.requestUpdate();
      },
      () => {
        // The elements report the failure themselves; the line keeps saying "this person".
      },
    );
  }

  #fail(error: Error, publish: (id: string, lookup: RecordContext['lookup']) => void): void {
    publish('', {
      state: 'failed',
      error,
      retry: () => {
        if (this.recordContext?.lookup?.state === 'failed') this.#open();
      },
    });
  }

  /** One message for the record in place of every element's. */
  #block(cause: RecordBlock): void {
    if (this.blocked || !this.recordContext) return;
    this.blocked = cause;
    this.recordContext = { ...this.recordContext, blocked: cause };
  }

  /** A failure an element met: when its cause is the whole record's, one message replaces every element's, and the host is told once. */
  #reportFailure(error: Error): void {
    const cause = recordWideCause(error);
    if (!cause || !this.recordContext) return;
    this.#block(cause);
    this.#tell(causeKey(cause), () => {
      if (cause.kind === 'auth-required') this.emit('care-auth-required', { requestId: cause.requestId });
      else if (cause.kind === 'access-denied')
        this.emit('care-access-denied', { reason: cause.reason, breakGlassAllowed: cause.breakGlassAllowed, requestId: cause.requestId });
    });
  }

  /** Tells the host of a cause once for the record in context. */
  #tell(key: string, emit: () => void): void {
    if (this.#told.has(key)) return;
    this.#told.add(key);
    emit();
  }

  /** The form of the record's message was sent: emergency access starts with the reason, or the problem is said. */
  #startBreakGlass(event: SubmitEvent, message: RecordMessage): void {
    event.preventDefault();
    const checked = message.reasonOf(event.target as HTMLFormElement);
    if (!checked.ok) {
      this.reasonError = checked.problem;
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#break-glass-reason')?.focus());
      return;
    }
    this.breakGlassReason = checked.reason;
    this.emit('care-break-glass', { active: true });
  }

  #endBreakGlass(): void {
    this.breakGlassReason = undefined;
    this.emit('care-break-glass', { active: false });
  }

  /** The record's message and the emergency banner, once their module is here; it is asked for as their state begins. */
  #message(): RecordMessage | undefined {
    const message = recordMessage;
    if (!message) {
      loadRecordMessage().then(
        () => this.requestUpdate(),
        () => {
          this.messageFailed = true;
        },
      );
      return undefined;
    }
    if (!this.#styled) {
      // The form's and the banner's styles come with them: added to this element's own, as Lit adopts them.
      this.#styled = true;
      adoptStyles(this.renderRoot as ShadowRoot, [...CareRecordProvider.elementStyles, message.styles]);
    }
    return message;
  }

  #styled = false;

  protected override render() {
    return html`${this.#renderActingFor()}${this.#renderEmergency()}${this.#renderBlocked()}<slot></slot>`;
  }

  /** For a carer: whose record this is, above everything else, in words and not by colour alone. */
  #renderActingFor(): TemplateResult | typeof nothing {
    const actingFor = this.recordContext?.actingFor;
    if (!actingFor || this.blocked) return nothing;
    return html`<div class="root" lang=${this.locale}>
      <p class="acting-for" part="acting-for" role="status">
        ${
          actingFor.name
            ? html`You are acting for <strong>${actingFor.name}</strong>. Everything below is from their record.`
            : html`You are acting for someone you care for. Loading whose record this is…`
        }
      </p>
    </div>`;
  }

  #renderEmergency(): TemplateResult | typeof nothing {
    const reason = this.breakGlassReason;
    // Only over a record: while the patient is being found, or was not, there is no record to be seeing.
    if (!reason || this.recordContext?.lookup) return nothing;
    // A reason is given in the record's message, so its module is here; were it not, the banner waits for it.
    const message = this.#message();
    return html`<div class="root" lang=${this.locale}>
      ${message ? message.renderEmergency(this.audience, reason, () => this.#endBreakGlass()) : this.#renderWaiting()}
    </div>`;
  }

  /**
   * One message for the record. Until its words arrive (the first time on the page), the same live region says that
   * access is being checked — never blank, never another state — and is marked busy, so that what it then says is
   * read out once, whole.
   */
  #renderBlocked(): TemplateResult | typeof nothing {
    const blocked = this.blocked;
    if (!blocked) return nothing;
    const message = this.#message();
    return html`<div class="root" lang=${this.locale}>
      <section
        class="message"
        part=${message ? 'record-message' : nothing}
        role="status"
        aria-labelledby=${message ? 'record-message-title' : nothing}
        aria-busy=${message || this.messageFailed ? 'false' : 'true'}
      >
        ${
          message
            ? message.renderBlocked({
                audience: this.audience,
                blocked,
                reasonError: this.reasonError,
                submit: (event) => this.#startBreakGlass(event, message),
              })
            : this.#renderWaiting()
        }
      </section>
    </div>`;
  }

  /** What the message says while its module is on its way, or if it could not be loaded. */
  #renderWaiting(): TemplateResult {
    return html`<p class="message-title">
      ${this.messageFailed ? 'This could not be shown. Reload the page to try again.' : 'Checking access…'}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'care-record-provider': CareRecordProvider;
  }
}
