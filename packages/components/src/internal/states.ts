/**
 * The loading and error states every element shows, in the audience's words.
 * An error names what failed and why, gives the request id (for a support
 * call) and offers to try again; it never shows anything about the patient.
 */
import {
  HubError,
  isRoleRestricted,
  PatientLookupError,
  NOT_PERMITTED_NOTICE,
  notPermittedNotices,
  PROXY_RESTRICTED_NOTICE,
  reducedForRoleNotice,
  SCOPE_RESTRICTED_NOTICE,
  TRUNCATED_NOTICE,
  cutShortNotice,
  unreadNotices,
  unavailableNotice,
  WITHHELD_NOTICE,
  type RecordAudience,
  type RecordNotices,
} from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { infoIcon, warningIcon } from './icons.js';
import { PatientMismatchError } from './record-context.js';
import { WrongPatientError, type RecordTask } from './record-task.js';

/** Why a load failed, in plain words. */
export function failureReason(error: Error | undefined, audience: RecordAudience): string {
  if (error instanceof WrongPatientError) {
    return audience === 'resident'
      ? 'The answer was about someone else, so nothing from it is shown.'
      : 'The answer was about a different patient, so nothing from it is shown.';
  }
  if (error instanceof PatientLookupError) {
    switch (error.problem) {
      case 'invalid-nhs-number':
        return 'The NHS number is not valid. Check it and try again.';
      // A search finds only the records this user may open: an empty one never shows that the person has none, and
      // a receptionist told "not found" might register someone who is already known.
      case 'not-found':
        return 'No record you can see has this NHS number.';
      case 'none-you-may-open':
        return 'No record you can see has this NHS number. This does not mean the person has no care record.';
      // Someone with the number is known but not shown to this user: never "not found", or they might be registered again.
      case 'not-shown':
        return 'Some information is not shown: a record with this NHS number may be one you cannot see. Do not register the person again without checking.';
      case 'more-than-one':
        return 'More than one record has this NHS number, so none is shown. Contact the care record service.';
    }
  }
  if (error instanceof PatientMismatchError) return error.message;
  if (!(error instanceof HubError)) return 'Something went wrong while loading it.';
  switch (error.kind) {
    case 'timeout':
      return 'The care record service did not answer in time.';
    case 'network':
      // A browser tells a refusal under its cross-origin rules (CORS) from a lost connection to nobody: say both.
      return 'The care record service refused this page’s requests or could not be reached. Check the connection; if it goes on, the service may not accept requests from this system.';
    case 'aborted':
      return 'The request was cancelled.';
    case 'invalid-response':
    case 'unsafe-link':
      return 'The care record service sent an answer that could not be read.';
    case 'http':
      break;
  }
  switch (error.status) {
    case 401:
      return 'Your sign-in has ended. Sign in again to see it.';
    case 403:
      return refusalReason(error);
    case 404:
      return 'The record was not found.';
    case 429:
      return 'The care record service is busy.';
    default:
      return 'The care record service had a problem.';
  }
}

/**
 * A refusal (403) in the words the record elements use for the same refusal, so that every screen says it alike: the
 * role may not see this kind of information (a receptionist's results), a carer's proxy access or a narrow sign-in
 * does not cover it. None of these is "no access to the record", which is said only of a refusal of the record itself.
 */
function refusalReason(error: HubError): string {
  if (isRoleRestricted(error)) return `${NOT_PERMITTED_NOTICE}.`;
  const codes = error.issueCodes.map((code) => code.split('/').at(-1));
  if (codes.includes('PROXY_RESTRICTED')) return `${PROXY_RESTRICTED_NOTICE}.`;
  if (codes.includes('SCOPE_RESTRICTED')) return `${SCOPE_RESTRICTED_NOTICE}.`;
  return 'You do not have access to this record.';
}

/**
 * Whether trying the same request again can succeed: not after a refusal
 * (401, 403), a record that is not there (404, 410), a request the server
 * called wrong, an invalid NHS number or one that matched more than one record.
 */
export function retryCanHelp(error: Error | undefined): boolean {
  if (error instanceof PatientMismatchError) return false;
  // A record not found yet may be found later (a new registration); a number that is not valid never will be.
  if (error instanceof PatientLookupError) return error.problem === 'not-found';
  if (!(error instanceof HubError) || error.kind !== 'http' || error.status === undefined) return true;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

export interface ErrorPanel {
  /** What could not be loaded, as a sentence: `Patient details could not be loaded`. */
  title: string;
  error: Error | undefined;
  audience: RecordAudience;
  /** Offers "Try again" (left out when trying again cannot help). */
  onRetry?: (() => void) | undefined;
}

export function renderError({ title, error, audience, onRetry }: ErrorPanel): TemplateResult {
  const requestId = error instanceof HubError && error.requestId ? error.requestId : undefined;
  return html`<div class="error" part="error" role="alert">
    <p class="error-title">${title}</p>
    <p>${failureReason(error, audience)}</p>
    ${requestId ? html`<p class="request-id">Request ID <span>${requestId}</span></p>` : null}
    ${onRetry ? html`<button class="action" part="retry-button" type="button" @click=${onRetry}>Try again</button>` : null}
  </div>`;
}

/**
 * Grey bars (no data) and a sentence for screen readers. No inline styles:
 * they would be blocked by a strict Content-Security-Policy.
 */
export function renderSkeleton(label: string, lines: number): TemplateResult {
  return html`<div class="loading">
    <p class="visually-hidden">${label}</p>
    ${Array.from({ length: lines }, () => html`<span class="skeleton" aria-hidden="true"></span>`)}
  </div>`;
}

/**
 * The lines saying what a list may be missing, most serious first: items about
 * someone else that were left out (`wrongPatient`, the element's own words),
 * sources that did not answer (warnings), what the viewer's role, sign-in or
 * proxy access left out, and items withheld.
 */
export function noticeLines(notices: RecordNotices, wrongPatient?: string): TemplateResult[] {
  const lines = [
    ...(wrongPatient ? [{ text: wrongPatient, warning: true }] : []),
    ...notices.unavailableSources.map((source) => ({ text: unavailableNotice(source), warning: true })),
    // A search that could not be read, or an answer cut short (R17): said as such, never as all there is.
    ...unreadNotices(notices.unreadTypes ?? []).map((text) => ({ text, warning: true })),
    ...(notices.cutShortTypes ?? []).map((cut) => ({ text: cutShortNotice(cut), warning: true })),
    ...(notices.truncated && (notices.cutShortTypes ?? []).length === 0 ? [{ text: TRUNCATED_NOTICE, warning: true }] : []),
    // Said as who left it out: the role, the sign-in's scopes or a carer's proxy access.
    ...notPermittedNotices(notices).map((text) => ({ text, warning: false })),
    // What the role's view leaves out of what is shown (a receptionist's appointments), said once in its words.
    ...((notices.reducedForRole ?? []).length > 0 ? [{ text: reducedForRoleNotice(notices.reducedForRole ?? []), warning: false }] : []),
    ...(notices.withheld ? [{ text: WITHHELD_NOTICE, warning: false }] : []),
  ];
  return lines.map(
    (line) =>
      html`<p class="notice ${line.warning ? 'notice--warning' : ''}" part="notice">
        ${line.warning ? warningIcon : infoIcon}<span>${line.text}</span>
      </p>`,
  );
}

/** `noticeLines` in their own block, or nothing when there are none. */
export function renderNotices(notices: RecordNotices, wrongPatient?: string): TemplateResult | typeof nothing {
  const lines = noticeLines(notices, wrongPatient);
  return lines.length > 0 ? html`<div class="notices">${lines}</div>` : nothing;
}

/**
 * One region for loading and loaded alike (`name` is its class and part), so
 * focus placed on it survives the data arriving; focusable from script, so
 * "Try again" can hand focus to it.
 */
export function renderFrame(name: string, label: string, content: unknown, busy = false): TemplateResult {
  return html`<section class=${name} part=${name} aria-label=${label} aria-busy=${busy ? 'true' : nothing} tabindex="-1">
    ${content}
  </section>`;
}

/**
 * Inside a provider, a view model the host passed is shown only when it is
 * about the patient in context: otherwise this is the error shown instead
 * (never the model). One that names no patient (`patientId` undefined or
 * empty) cannot be about her, so it is not shown either. `undefined` when the
 * model may be shown.
 */
export function wrongPatientModel<T>(
  task: RecordTask<T>,
  patientId: string | undefined,
  failed: string,
  audience: RecordAudience,
): TemplateResult | undefined {
  const context = task.context;
  return context && patientId !== context.patientId ? renderError({ title: failed, error: new WrongPatientError(), audience }) : undefined;
}

export interface TaskView<T> {
  audience: RecordAudience;
  /** What no patient in context looks like. */
  idle: () => TemplateResult;
  /** The error panel's title: what could not be loaded. */
  failed: string;
  /** Where "Try again" hands focus once its panel is gone: a selector in the element's shadow root. */
  focus?: string;
  /** While the value loads. */
  loading: () => TemplateResult;
  ready: (value: T) => TemplateResult;
}

/** What an element shows while its provider names a patient but has no client from the host. */
export const NOT_CONNECTED = 'Not connected to the care record.';

/** What an element shows for its load: no patient, the failure with "Try again", loading, or what it loaded. */
export function renderTask<T>(task: RecordTask<T>, view: TaskView<T>): TemplateResult {
  // A record refused as a whole shows nothing in any element, whatever each had loaded: the provider says why.
  if (task.blocked) return html``;
  switch (task.status) {
    case 'idle':
      // A patient is named but there is no client: saying no patient is selected would be untrue.
      return task.notConnected ? html`<p class="empty" part="not-connected">${NOT_CONNECTED}</p>` : view.idle();
    case 'error': {
      const error = task.error;
      const onRetry = retryCanHelp(error) ? () => task.retry(view.focus) : undefined;
      return renderError({ title: view.failed, error, audience: view.audience, onRetry });
    }
    default: {
      const value = task.value;
      return value === undefined ? view.loading() : view.ready(value);
    }
  }
}
