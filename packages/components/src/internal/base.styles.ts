/**
 * What every element shares: a root that inherits nothing from a hostile host
 * page, focus as the NHS shows it, notices, tags, the loading skeleton and the
 * error panel. Forced colours and reduced motion are respected throughout.
 */
import { css } from 'lit';
import { tokens } from './tokens.styles.js';

export const base = [
  tokens,
  css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none !important;
    }

    /* Inherited properties are how a host page's CSS leaks in: start from nothing and set what we use. */
    .root {
      all: initial;
      display: block;
      box-sizing: border-box;
      font-family: var(--_font-family);
      font-size: var(--_font-size);
      font-weight: 400;
      line-height: 1.5;
      color: var(--_color-text);
      text-align: start;
      /* A long unbroken word (a drug name, an address, a code) wraps anywhere rather than pushing the layout wider. */
      overflow-wrap: anywhere;
      /* The element's own surface: its colours meet 4.5:1 whatever the host page's background. */
      background-color: var(--_color-background);
      -webkit-text-size-adjust: 100%;
      text-size-adjust: 100%;
    }
    .root *,
    .root *::before,
    .root *::after {
      box-sizing: inherit;
    }
    p,
    ul,
    ol,
    dl,
    dd,
    h2,
    h3,
    h4,
    h5,
    h6,
    table,
    details,
    figure {
      margin: 0;
      padding: 0;
    }
    ul,
    ol {
      list-style: none;
    }

    .visually-hidden {
      position: absolute !important;
      inline-size: 1px !important;
      block-size: 1px !important;
      margin: 0 !important;
      padding: 0 !important;
      overflow: hidden !important;
      clip: rect(0 0 0 0) !important;
      clip-path: inset(50%) !important;
      border: 0 !important;
      white-space: nowrap !important;
    }

    .label {
      color: var(--_color-secondary-text);
      font-weight: 400;
    }
    .secondary {
      color: var(--_color-secondary-text);
      font-size: 0.875em;
    }

    /* Buttons: NHS secondary style for actions, link style for items. */
    button {
      font: inherit;
      color: inherit;
      letter-spacing: inherit;
      text-transform: none;
      margin: 0;
    }
    .action {
      display: inline-block;
      min-block-size: 2.5em;
      padding-block: var(--_space-2);
      padding-inline: var(--_space-3);
      border: 2px solid var(--_color-primary);
      border-radius: var(--_radius);
      background: var(--_color-background);
      color: var(--_color-primary);
      font-weight: 600;
      cursor: pointer;
    }
    .action:hover {
      background: var(--_color-grey);
    }
    .link {
      display: inline;
      padding: 0;
      border: 0;
      background: none;
      color: var(--_color-primary);
      font-weight: 600;
      text-align: start;
      text-decoration: underline;
      text-decoration-thickness: max(1px, 0.0625em);
      text-underline-offset: 0.1em;
      cursor: pointer;
    }
    .link:hover {
      text-decoration-thickness: max(3px, 0.1875em);
    }
    :focus-visible {
      outline: 4px solid transparent;
      outline-offset: 0;
      background-color: var(--_color-focus);
      color: var(--_color-focus-text);
      box-shadow:
        0 -2px var(--_color-focus),
        0 4px var(--_color-focus-text);
      text-decoration: none;
    }
    [tabindex='-1']:focus-visible,
    [tabindex='-1']:focus {
      outline: none;
      background-color: transparent;
      box-shadow: none;
    }

    /* Notices say what is missing from a list: always text, with an icon beside it. */
    .notice {
      display: flex;
      gap: var(--_space-2);
      align-items: flex-start;
      padding-block: var(--_space-2);
      padding-inline: var(--_space-3);
      border-inline-start: 6px solid var(--_color-primary);
      background: var(--_color-grey);
    }
    .notice--warning {
      border-inline-start-color: var(--_color-warning);
    }
    .icon {
      flex: none;
      inline-size: 1.25em;
      block-size: 1.25em;
      margin-block-start: 0.125em;
      fill: currentColor;
    }

    /* Tags (NHS style): text first, colour only as a second cue. */
    .tag {
      display: inline-block;
      padding-block: 0.125em;
      padding-inline: var(--_space-2);
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      font-size: 0.875em;
      font-weight: 600;
      line-height: 1.4;
      white-space: nowrap;
    }

    /* Loading: grey bars that hold no data. */
    .skeleton {
      display: block;
      block-size: 1em;
      margin-block: var(--_space-2);
      border-radius: var(--_radius);
      background: var(--_color-border);
      animation: care-pulse 1.6s ease-in-out infinite;
    }
    .skeleton:nth-of-type(3n + 1) {
      inline-size: 70%;
    }
    .skeleton:nth-of-type(3n + 2) {
      inline-size: 45%;
    }
    .skeleton:nth-of-type(3n) {
      inline-size: 85%;
    }
    @keyframes care-pulse {
      50% {
        opacity: 0.45;
      }
    }

    .error {
      padding: var(--_space-3);
      border: 4px solid var(--_color-error);
      background: var(--_color-background);
    }
    .error-title {
      font-weight: 600;
      font-size: 1.125em;
    }
    .error p + p,
    .error p + .action {
      margin-block-start: var(--_space-2);
    }
    .request-id {
      color: var(--_color-secondary-text);
      font-size: 0.8125em;
    }
    .request-id span {
      font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
      user-select: all;
    }

    @media (prefers-reduced-motion: reduce) {
      .root *,
      .root *::before,
      .root *::after {
        animation: none !important;
        transition: none !important;
      }
    }
    @media (forced-colors: active) {
      .skeleton {
        border: 1px solid CanvasText;
      }
      .notice {
        border: 1px solid CanvasText;
        border-inline-start-width: 6px;
      }
      :focus-visible {
        outline-color: Highlight;
      }
    }
  `,
];
