import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      --_emergency-color: var(--care-access-log-emergency-color, var(--_color-error));
      container-type: inline-size;
    }
    .log {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .log:focus {
      outline: none;
    }
    h2 {
      font-size: 1.5em;
      font-weight: 700;
      line-height: 1.3;
    }
    .intro,
    .empty {
      color: var(--_color-secondary-text);
    }
    .entries {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .entry {
      padding-block: var(--_space-3);
      padding-inline: var(--_space-3);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-background);
    }
    .entry:focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 0;
      box-shadow: 0 0 0 6px var(--_color-focus-text);
    }
    .entry--emergency {
      border-inline-start: 6px solid var(--_emergency-color);
      background: var(--_color-grey);
    }
    .emergency-label {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
      margin-block-end: var(--_space-2);
    }
    .emergency-label .icon {
      color: var(--_emergency-color);
    }
    h3 {
      font-size: 1.125em;
      font-weight: 700;
      margin-block-end: var(--_space-2);
    }
    .facts {
      display: grid;
      gap: var(--_space-1);
    }
    .facts > div {
      display: grid;
      grid-template-columns: minmax(8em, 12em) 1fr;
      gap: var(--_space-2);
    }
    dt {
      color: var(--_color-secondary-text);
    }
    .explanation {
      margin-block-start: var(--_space-2);
    }
    .more {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_space-2);
    }
    /* A narrow side panel: each label above its value, so values are not squeezed to a word a line. */
    @container (max-width: 30em) {
      .facts {
        gap: var(--_space-2);
      }
      .facts > div {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
    }
    @media (forced-colors: active) {
      .entry--emergency {
        border-inline-start-width: 6px;
        border-inline-start-color: CanvasText;
      }
    }
  `,
];
