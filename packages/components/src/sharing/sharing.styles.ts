import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .sharing,
    form {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
    }
    h2 {
      font-size: 1.5em;
      font-weight: 700;
      line-height: 1.3;
    }
    fieldset {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    legend {
      margin-block-end: var(--_space-2);
      padding: 0;
      font-size: 1.25em;
      font-weight: 700;
    }
    .choice {
      display: grid;
      grid-template-columns: 2.5em 1fr;
      column-gap: var(--_space-2);
      align-items: start;
    }
    .choice input {
      inline-size: 2.5em;
      block-size: 2.5em;
      margin: 0;
      accent-color: var(--_color-primary);
      cursor: pointer;
    }
    .choice input:focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 0;
      box-shadow: 0 0 0 6px var(--_color-focus-text);
    }
    .choice label {
      align-self: center;
      font-weight: 600;
      cursor: pointer;
    }
    .choice .hint {
      grid-column: 2;
    }
    .hint,
    .kind,
    .intro,
    .empty {
      color: var(--_color-secondary-text);
    }
    .kind {
      font-weight: 400;
    }
    .fixed-label {
      font-weight: 600;
    }
    .emergency,
    .declined {
      display: flex;
      gap: var(--_space-2);
      padding: var(--_space-3);
      border-inline-start: 6px solid var(--_color-primary);
      background: var(--_color-grey);
    }
    .action--primary {
      border-color: var(--_color-success);
      background: var(--_color-success);
      color: #ffffff;
    }
    .action--primary:hover {
      background: var(--_color-success);
      filter: brightness(0.9);
    }
    .action:focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 0;
      box-shadow: 0 0 0 6px var(--_color-focus-text);
    }
    .saved,
    .problem {
      display: flex;
      gap: var(--_space-2);
      align-items: flex-start;
    }
    .saved .icon {
      color: var(--_color-success);
    }
    .problem {
      padding: var(--_space-2);
      border-inline-start: 6px solid var(--_color-error);
    }
    .problem .icon {
      color: var(--_color-error);
    }
    @media (forced-colors: active) {
      .action--primary {
        border: 2px solid ButtonText;
      }
    }
  `,
];
