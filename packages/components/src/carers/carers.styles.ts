import { css } from 'lit';
import { styles as sharing } from '../sharing/sharing.styles.js';

export const styles = [
  ...sharing,
  css`
    .carers {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
    }
    .carer {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
      padding-block-start: var(--_space-3);
      border-block-start: 1px solid var(--_color-border);
    }
    h3 {
      font-size: 1.25em;
      font-weight: 700;
    }
    .standing--ended {
      color: var(--_color-secondary-text, inherit);
    }
    .confirm {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding: var(--_space-3);
      border-inline-start: 6px solid var(--_color-warning, #ffeb3b);
    }
    .action--warning {
      background: var(--_color-error, #d5281b);
      border-color: var(--_color-error, #d5281b);
      color: #fff;
    }
    .invite {
      padding-block-start: var(--_space-3);
      border-block-start: 1px solid var(--_color-border);
    }
    .invite--open,
    .invite--code {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--_space-1, 4px);
    }
    .field label {
      font-weight: 700;
    }
    .field input,
    .field select {
      font: inherit;
      max-inline-size: 24em;
      padding: 4px 8px;
      border: 2px solid currentColor;
      border-radius: 0;
      background: var(--_color-surface, #fff);
      color: inherit;
    }
    .field input:focus,
    .field select:focus {
      outline: 3px solid var(--_color-focus, #ffeb3b);
      outline-offset: 0;
      box-shadow: inset 0 0 0 2px;
    }
    .field--problem {
      padding-inline-start: var(--_space-3);
      border-inline-start: 4px solid var(--_color-error, #d5281b);
    }
    .field-problem {
      color: var(--_color-error, #d5281b);
      font-weight: 700;
    }
    .code {
      font-family: ui-monospace, 'Courier New', monospace;
      font-size: 1.75em;
      font-weight: 700;
      letter-spacing: 0.12em;
      padding: var(--_space-3);
      border: 2px dashed currentColor;
      inline-size: fit-content;
      user-select: all;
    }
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-3);
      align-items: flex-start;
    }
  `,
];
