import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      --_timeline-max-height: var(--care-timeline-max-height, 40em);
      --_timeline-day-background: var(--care-timeline-day-background, var(--_color-grey));
      --_timeline-rule: var(--care-timeline-rule, var(--_color-border));
      --_timeline-chip-pressed-background: var(--care-timeline-chip-pressed-background, var(--_color-primary));
      --_timeline-chip-pressed-color: var(--care-timeline-chip-pressed-color, var(--_color-background));
    }

    .timeline {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .title {
      font-size: 1.375em;
      font-weight: 700;
      line-height: 1.3;
    }

    .filters {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .chip-group {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-2);
    }
    .chip-group-label {
      min-inline-size: 7em;
      color: var(--_color-secondary-text);
      font-size: 0.875em;
    }
    .chip {
      padding-block: var(--_space-1);
      padding-inline: var(--_space-2);
      border: 2px solid var(--_color-primary);
      border-radius: 999px;
      background: var(--_color-background);
      color: var(--_color-primary);
      font-size: 0.875em;
      font-weight: 600;
      cursor: pointer;
    }
    .chip[aria-pressed='true'] {
      background: var(--_timeline-chip-pressed-background);
      color: var(--_timeline-chip-pressed-color);
    }
    .chip[aria-pressed='true']::before {
      content: '✓ ';
    }
    .chip-count {
      font-weight: 400;
    }

    .scroller {
      max-block-size: var(--_timeline-max-height);
      overflow-y: auto;
      overscroll-behavior: contain;
      border-block: 1px solid var(--_timeline-rule);
    }

    .print-note {
      display: none;
    }
    /* The element keeps the days on screen still itself (screen-place.ts); the browser anchors on the list's box as a
       whole. Left to choose an anchor inside, it moved the screen by a day heading's height while the window filled in. */
    .scroller > * {
      overflow-anchor: none;
    }
    .days {
      contain: layout style;
    }
    .day {
      contain: layout style;
    }
    .spacer {
      contain: strict;
    }
    .day-heading {
      position: sticky;
      inset-block-start: 0;
      z-index: 1;
      padding-block: var(--_space-1);
      padding-inline: var(--_space-3);
      background: var(--_timeline-day-background);
      font-size: 1em;
      font-weight: 700;
    }
    .event {
      display: grid;
      grid-template-columns: 3.5em 1fr;
      column-gap: var(--_space-3);
      padding-block: var(--_space-2);
      padding-inline: var(--_space-3);
      border-block-end: 1px solid var(--_timeline-rule);
    }
    .event--future {
      border-inline-start: 4px solid var(--_color-primary);
    }
    /* Not read: a warning bar and icon as well as the words, never colour alone. */
    .event--unreadable {
      border-inline-start: 4px solid var(--_color-warning);
    }
    .time {
      font-variant-numeric: tabular-nums;
      color: var(--_color-secondary-text);
    }
    .event-body {
      display: flex;
      flex-direction: column;
      gap: var(--_space-1);
      min-inline-size: 0;
    }
    .event-heading {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_space-2);
    }
    .event-title {
      font-size: 1em;
    }
    .event-type {
      color: var(--_color-secondary-text);
      font-size: 0.875em;
      font-weight: 600;
    }
    .future {
      color: var(--_color-primary);
    }
    .date-note {
      color: var(--_color-secondary-text);
      font-size: 0.875em;
    }

    .status {
      padding-block: var(--_space-3);
      padding-inline: var(--_space-3);
      color: var(--_color-secondary-text);
      text-align: center;
    }
    .empty {
      padding-block: var(--_space-3);
    }

    @media (forced-colors: active) {
      .chip {
        border-color: ButtonText;
        color: ButtonText;
      }
      .chip[aria-pressed='true'] {
        border-color: Highlight;
        background: Highlight;
        color: HighlightText;
        forced-color-adjust: none;
      }
      .event--future {
        border-inline-start-color: CanvasText;
      }
      .day-heading {
        border-block-end: 1px solid CanvasText;
      }
    }

    /* Paper (last, so it wins over the screen rules above): no scrolling box, every rendered day laid out, nothing that only works on screen. */
    @media print {
      .scroller {
        max-block-size: none;
        overflow: visible;
      }
      .day-heading {
        position: static;
      }
      .status[aria-busy] {
        display: none;
      }
      .print-note {
        display: block;
        margin-block-end: var(--_space-2);
        font-weight: 600;
      }
    }
  `,
];
