/**
 * What `<care-record-provider>` shows in the states a first screen rarely
 * reaches — the whole record refused (the sign-in ended, no relationship,
 * sharing declined), the offer of emergency (break-glass) access with its
 * form, and the banner while emergency access lasts — with their words. The
 * provider loads this module (`import()`) the moment one of these states is
 * entered, so a page that opens a record it may see never ships it.
 */
import type { RecordAudience } from '@care-record/sdk';
import type { css as Css, html as Html, nothing as Nothing, TemplateResult } from 'lit';
import type { AccessDeniedReason } from '../internal/care-element.js';
import type { RecordBlock } from '../internal/record-context.js';
import { checkBreakGlassReason } from './break-glass.js';

export { withRequestHeaders } from './break-glass.js';

/**
 * What the provider lends this module of Lit and its icons. Passed in rather than imported: a host that bundles
 * everything into one file (no code splitting) gets this module inlined, and its bundler then wraps the module and
 * everything it imports to run later — Lit and the SDK included — which would make that file larger for nothing.
 */
export interface Lent {
  html: typeof Html;
  css: typeof Css;
  nothing: typeof Nothing;
  warningIcon: TemplateResult;
}

interface Words {
  authTitle: string;
  authText: string;
  denied: Record<AccessDeniedReason, { title: string; text: string }>;
  /** Found by NHS number: nobody this user may open has it. Never "no record": there may be one they may not see. */
  noneYouMayOpen: { title: string; text: string };
  breakGlassOffer: string;
  /** The offer of a search with a reason, where no record was found that this user may open. */
  breakGlassSearchOffer: string;
  startSearch: string;
  reasonLabel: string;
  reasonHint: string;
  start: string;
  emergencyTitle: string;
  emergencyText: string;
}

const NOT_SHOWN = 'This record is not shown';
const NO_ACCESS = 'You do not have access to this record.';

const WORDS: Record<RecordAudience, Words> = {
  clinician: {
    authTitle: 'Your sign-in has ended',
    authText: 'Sign in again to see this record.',
    denied: {
      NO_LEGITIMATE_RELATIONSHIP: {
        title: NOT_SHOWN,
        text: 'There is no care relationship between your organisation and this person.',
      },
      SHARING_DECLINED: {
        title: NOT_SHOWN,
        text: 'This person has chosen not to share their record with your organisation.',
      },
      ACCESS_DENIED: { title: NOT_SHOWN, text: NO_ACCESS },
      NO_PROXY_ACCESS: { title: NOT_SHOWN, text: NO_ACCESS },
    },
    noneYouMayOpen: {
      title: 'No record you can see was found',
      text: 'You do not have access to a record with this NHS number. This does not mean the person has no care record.',
    },
    breakGlassOffer:
      'In an emergency you can see the record by giving the clinical reason. Your access and your reason are recorded, and the person can see them.',
    breakGlassSearchOffer:
      'In an emergency you can search again by giving the clinical reason. If a record is found you will see it. Your access and your reason are recorded, and the person can see them.',
    startSearch: 'Search in an emergency',
    reasonLabel: 'Reason for emergency access',
    reasonHint: 'At least 10 characters, using letters, numbers, spaces and common punctuation.',
    start: 'See the record in an emergency',
    emergencyTitle: 'Emergency access',
    emergencyText: 'You are seeing this record without a care relationship. Everything you look at is recorded.',
  },
  resident: {
    authTitle: 'You have been signed out',
    authText: 'Sign in again to see your record.',
    denied: {
      NO_LEGITIMATE_RELATIONSHIP: { title: NOT_SHOWN, text: NO_ACCESS },
      SHARING_DECLINED: { title: NOT_SHOWN, text: NO_ACCESS },
      ACCESS_DENIED: { title: NOT_SHOWN, text: NO_ACCESS },
      NO_PROXY_ACCESS: {
        title: 'You cannot see this record now',
        text: 'You no longer have access to this person’s record. They, or their GP practice, can give you access again.',
      },
    },
    noneYouMayOpen: {
      title: 'No record you can see was found',
      text: 'You do not have access to a record with this NHS number.',
    },
    breakGlassOffer: '',
    breakGlassSearchOffer: '',
    startSearch: '',
    reasonLabel: '',
    reasonHint: '',
    start: '',
    emergencyTitle: 'Emergency access',
    emergencyText: 'This record is being seen in an emergency. Everything looked at is recorded.',
  },
};

/** What the provider tells this module of its state. */
export interface MessageState {
  audience: string;
  blocked: RecordBlock;
  /** What is wrong with the reason typed, after an attempt to start emergency access. */
  reasonError: string | undefined;
  /** The form was sent: the reason, checked. */
  submit: (event: SubmitEvent) => void;
}

const wordsOf = (audience: string): Words => WORDS[audience === 'clinician' ? 'clinician' : 'resident'];

/** The reason typed in the form, checked as the hub checks it. */
export const reasonOf = (form: HTMLFormElement) =>
  checkBreakGlassReason((form.elements.namedItem('reason') as HTMLInputElement | null)?.value ?? '');

/** The message's parts, made with what the provider lends. */
export function recordMessage({ html, css, nothing, warningIcon }: Lent) {
  /** The styles of the form and the banner, added to the provider's when this module arrives. */
  const styles = css`
    .emergency-title {
      font-size: 1.125em;
      font-weight: 700;
    }
    .message > * + *,
    .break-glass > * + * {
      margin-block-start: var(--_space-2);
    }
    .break-glass {
      margin-block-start: var(--_space-3);
    }
    .field-label {
      display: block;
      font-weight: 600;
    }
    .field-hint {
      color: var(--_color-secondary-text);
    }
    .field-error {
      color: var(--_color-error);
      font-weight: 600;
    }
    input {
      display: block;
      inline-size: 100%;
      max-inline-size: 40em;
      min-block-size: 2.5em;
      padding: var(--_space-1);
      border: 2px solid var(--_color-text);
      font: inherit;
      color: var(--_color-text);
      background: var(--_color-background);
    }
    input[aria-invalid='true'] {
      border-color: var(--_color-error);
    }
    /* Unmistakable, and not by colour alone: a heavy striped border, an icon and words. */
    .emergency {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2) var(--_space-3);
      align-items: center;
      padding: var(--_space-3);
      border: 6px solid transparent;
      border-image: repeating-linear-gradient(45deg, #212b32 0 12px, #ffeb3b 12px 24px) 6;
      background: #ffffff;
      color: #212b32;
    }
    .emergency-text {
      flex: 1 1 20em;
      min-inline-size: 0;
    }
    @media (forced-colors: active) {
      .emergency {
        border: 6px double CanvasText;
      }
    }
  `;

  /** The message's content, inside the provider's `record-message` section: its title (`#record-message-title`), why, and any offer. */
  function renderBlocked({ audience, blocked, reasonError, submit }: MessageState): TemplateResult {
    const words = wordsOf(audience);
    const { title, text } =
      blocked.kind === 'auth-required'
        ? { title: words.authTitle, text: words.authText }
        : blocked.kind === 'none-you-may-open'
          ? words.noneYouMayOpen
          : words.denied[blocked.reason];
    const search = blocked.kind === 'none-you-may-open';
    const offer = (search || (blocked.kind === 'access-denied' && blocked.breakGlassAllowed)) && audience === 'clinician';
    const requestId = search ? undefined : blocked.requestId;
    return html`<h2 class="message-title" id="record-message-title">${title}</h2>
      <p>${text}</p>
      ${offer ? renderBreakGlassForm(words, search, reasonError, submit) : nothing}
      ${requestId ? html`<p class="request-id">Request ID <span>${requestId}</span></p>` : nothing}`;
  }

  /** The reason for emergency access: to open a record refused, or (`search`) to search again for one not found. */
  function renderBreakGlassForm(
    words: Words,
    search: boolean,
    error: string | undefined,
    submit: (event: SubmitEvent) => void,
  ): TemplateResult {
    return html`<form class="break-glass" part="break-glass-form" novalidate @submit=${submit}>
      <p>${search ? words.breakGlassSearchOffer : words.breakGlassOffer}</p>
      <label class="field-label" for="break-glass-reason">${words.reasonLabel}</label>
      <p class="field-hint" id="break-glass-hint">${words.reasonHint}</p>
      ${error ? html`<p class="field-error" id="break-glass-error"><span class="visually-hidden">Error:</span> ${error}</p>` : nothing}
      <input
        id="break-glass-reason"
        name="reason"
        type="text"
        maxlength="500"
        autocomplete="off"
        aria-describedby=${error ? 'break-glass-hint break-glass-error' : 'break-glass-hint'}
        aria-invalid=${error ? 'true' : 'false'}
      />
      <button class="action" type="submit">${search ? words.startSearch : words.start}</button>
    </form>`;
  }

  /** The banner shown over the record while emergency access lasts, unmistakably. */
  function renderEmergency(audience: string, reason: string, end: () => void): TemplateResult {
    const words = wordsOf(audience);
    return html`<section class="emergency" part="break-glass-banner" role="region" aria-labelledby="emergency-title">
      ${warningIcon}
      <div class="emergency-text">
        <h2 class="emergency-title" id="emergency-title">${words.emergencyTitle}</h2>
        <p>${words.emergencyText}</p>
        <p><span class="label">Reason given</span> ${reason}</p>
      </div>
      <button class="action" part="end-break-glass" type="button" @click=${end}>End emergency access</button>
    </section>`;
  }

  return { styles, renderBlocked, renderEmergency };
}
