import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      --_cancelled: var(--care-appointments-cancelled-color, var(--_color-secondary-text));
      container-type: inline-size;
    }
    .appointments {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .appointments:focus {
      outline: none;
    }
    .heading {
      font-size: 1.5em;
      font-weight: 700;
      line-height: 1.25;
    }
    .subheading {
      font-size: 1.25em;
      font-weight: 700;
    }
    .notices,
    .list {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .list {
      gap: var(--_space-3);
    }
    .empty {
      color: var(--_color-secondary-text);
    }
    .appointment {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding: var(--_space-3);
      border: 1px solid var(--_color-border);
      border-inline-start: 6px solid var(--_color-primary);
      border-radius: var(--_radius);
      background: var(--_color-background);
    }
    .appointment--cancelled {
      border-inline-start-color: var(--_cancelled);
      border-inline-start-style: dashed;
      background: var(--_color-grey);
    }
    .title {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_space-2);
      font-size: 1.125em;
      font-weight: 600;
    }
    .appointment--cancelled .title .link {
      text-decoration-line: underline line-through;
    }
    .tag--booked {
      color: var(--_color-success);
    }
    .tag--cancelled {
      color: var(--_cancelled);
      border-style: dashed;
    }
    .cancelled-note {
      display: flex;
      gap: var(--_space-2);
      align-items: flex-start;
    }
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--_space-1) var(--_space-3);
      font-size: 0.9375em;
    }
    .facts > div {
      display: contents;
    }
    .facts dt {
      color: var(--_color-secondary-text);
    }
    .facts dd {
      font-weight: 600;
    }
    .details-withheld {
      color: var(--_color-secondary-text);
      font-style: italic;
    }
    .action {
      align-self: flex-start;
    }
    .past > summary {
      color: var(--_color-primary);
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }
    .past[open] > summary {
      margin-block-end: var(--_space-3);
    }
    /* A narrow side panel: each label above its value, so values are not squeezed to a word a line. */
    @container (max-width: 30em) {
      .facts {
        grid-template-columns: minmax(0, 1fr);
        row-gap: 0;
      }
      .facts > div + div dt {
        margin-block-start: var(--_space-2);
      }
    }
    @media (forced-colors: active) {
      .appointment {
        border-color: CanvasText;
      }
    }
  `,
];
