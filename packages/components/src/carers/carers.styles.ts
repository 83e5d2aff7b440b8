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
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-3);
      align-items: flex-start;
    }
  `,
];
