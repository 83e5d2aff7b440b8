import { css } from 'lit';
import { styles as results } from '../results/results.styles.js';

export const styles = [
  ...results,
  css`
    .wellbeing > * + *,
    section > * + *,
    .plan > * + *,
    .goal > * + *,
    .target > * + * {
      margin-block-start: var(--_space-2);
    }
    section {
      margin-block-start: var(--_space-4);
    }
    h3 {
      font-size: 1.25em;
      font-weight: 700;
    }
    h4 {
      font-size: 1.125em;
      font-weight: 700;
    }
    h5 {
      font-size: 1em;
      font-weight: 700;
    }
    .plan,
    .goal {
      padding-block: var(--_space-3);
      border-block-start: 1px solid var(--_color-border);
    }
    .label {
      font-weight: 700;
    }
    .agreed {
      padding-inline-start: 1.25em;
    }
    .secondary {
      color: var(--_color-secondary-text);
    }
    .note {
      display: flex;
      gap: var(--_space-2);
      align-items: flex-start;
    }
    .pages {
      list-style: none;
      padding: 0;
    }
    .page details {
      padding-block: var(--_space-2);
      border-block-start: 1px solid var(--_color-border);
    }
    .page summary {
      cursor: pointer;
      color: var(--_color-primary);
      font-weight: 700;
    }
    .fits {
      display: block;
      color: var(--_color-text);
      font-weight: 400;
    }
    table {
      border-collapse: collapse;
    }
    th,
    td {
      padding: var(--_space-1) var(--_space-2);
      text-align: start;
      border-block-end: 1px solid var(--_color-border);
    }
  `,
];
