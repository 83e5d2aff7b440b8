import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      --_band: var(--care-results-band-color, #dfeee4);
      --_line: var(--care-results-line-color, var(--_color-secondary-text));
      --_point: var(--care-results-point-color, var(--_color-primary));
      --_out-of-range: var(--care-results-out-of-range-color, var(--_color-text));
      container-type: inline-size;
    }
    .results {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .results:focus {
      outline: none;
    }
    .heading {
      font-size: 1.5em;
      font-weight: 700;
      line-height: 1.25;
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .intro,
    .empty {
      color: var(--_color-secondary-text);
    }
    .tests {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
    }
    .test {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding-block-start: var(--_space-3);
      border-block-start: 1px solid var(--_color-border);
    }
    .test-name {
      font-size: 1.25em;
      font-weight: 700;
      line-height: 1.3;
    }
    .latest {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--_space-2);
    }
    .latest .value {
      font-size: 1.25em;
      font-weight: 700;
    }
    .tag {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      white-space: normal;
    }
    .tag--within {
      color: var(--_color-success);
    }
    .tag--above,
    .tag--below,
    .tag--outside,
    .tag--status {
      color: var(--_color-text);
    }
    .tag-mark,
    .legend-mark {
      flex: none;
      inline-size: 1em;
      block-size: 1em;
    }
    .tag .mark {
      fill: currentColor;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-4);
      font-size: 0.9375em;
    }
    .facts dt {
      color: var(--_color-secondary-text);
    }
    .facts dd {
      font-weight: 600;
    }
    .summary {
      max-inline-size: 40em;
    }
    .reports-disclosure > summary {
      font-size: 1.125em;
      font-weight: 700;
      cursor: pointer;
      padding-block: var(--_space-2);
    }
    .reports {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .report {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding-block-start: var(--_space-3);
      border-block-start: 1px solid var(--_color-border);
    }
    .report-name {
      font-size: 1em;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .report-meta,
    .report-missing,
    .date-note {
      color: var(--_color-secondary-text);
    }
    .date-note {
      font-weight: 400;
    }
    .conclusion {
      max-inline-size: 40em;
      overflow-wrap: anywhere;
    }
    .conclusion .label {
      font-weight: 600;
    }
    .comment {
      max-inline-size: 40em;
      overflow-wrap: anywhere;
      /* Verbatim: the laboratory's line breaks are kept. */
      white-space: pre-line;
      margin-block: 0.25em;
    }
    .comment .label {
      font-weight: 600;
    }
    .comment-by {
      color: var(--_color-secondary-text);
    }

    .chart-figure {
      margin: 0;
    }
    .chart {
      display: block;
      inline-size: 100%;
      max-inline-size: 40em;
      /* CHART_HEIGHT: a fixed height, so that drawing the chart again at its shown width does not resize it (no resize loop). */
      block-size: 200px;
      overflow: visible;
    }
    /* A chart not drawn yet (further down the page): its box, so nothing moves when it is drawn. */
    .chart--pending {
      background: var(--_color-grey);
    }
    .band {
      fill: var(--_band);
    }
    .grid {
      stroke: var(--_color-border);
      stroke-width: 1;
    }
    .axis {
      stroke: var(--_color-secondary-text);
      stroke-width: 1;
    }
    .tick {
      fill: var(--_color-secondary-text);
      font-family: var(--_font-family);
      /* The chart is drawn at the size it is shown, so this is the size read, in a side panel too. */
      font-size: 0.8125em;
    }
    .line {
      fill: none;
      stroke: var(--_line);
      stroke-width: 2;
    }
    .mark--within {
      fill: var(--_point);
    }
    .mark--above,
    .mark--below,
    .mark--outside {
      fill: var(--_out-of-range);
    }
    /* The legend's limit: its colour in the chart is its position's. */
    .mark--limit {
      fill: var(--_color-secondary-text);
    }
    .point,
    .marks {
      cursor: pointer;
    }
    .hit-area {
      fill: transparent;
    }
    .point .hit {
      fill: transparent;
    }
    .point:focus {
      outline: none;
    }
    .point:focus-visible {
      background: none;
      box-shadow: none;
    }
    .point:focus-visible .hit {
      fill: var(--_color-focus);
      stroke: var(--_color-focus-text);
      stroke-width: 3;
    }
    .readout {
      min-block-size: 1.5em;
      font-weight: 600;
    }
    .hint {
      color: var(--_color-secondary-text);
      font-size: 0.875em;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-3);
      margin-block-start: var(--_space-1);
      font-size: 0.875em;
    }
    .legend li {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
    }
    .legend-band {
      display: inline-block;
      inline-size: 1.5em;
      block-size: 0.75em;
      background: var(--_band);
      border: 1px solid var(--_color-border);
    }

    .table-disclosure > summary {
      color: var(--_color-primary);
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }
    .table-disclosure[open] > summary {
      margin-block-end: var(--_space-2);
    }
    .table-scroll {
      overflow-x: auto;
    }
    .table-scroll:focus-visible {
      background: none;
      color: inherit;
      box-shadow:
        0 0 0 3px var(--_color-focus),
        0 0 0 6px var(--_color-focus-text);
    }
    table {
      inline-size: 100%;
      border-collapse: collapse;
      font-size: 0.9375em;
    }
    th,
    td {
      padding: var(--_space-2);
      border-block-end: 1px solid var(--_color-border);
      text-align: start;
      vertical-align: top;
    }
    thead th {
      background: var(--_color-grey);
      font-weight: 700;
      white-space: nowrap;
    }
    tbody th {
      font-weight: 600;
      white-space: nowrap;
    }
    .flag {
      font-weight: 700;
    }

    @media (forced-colors: active) {
      .band {
        fill: Canvas;
        stroke: CanvasText;
        stroke-dasharray: 4 3;
      }
      .line,
      .grid,
      .axis {
        stroke: CanvasText;
      }
      .tick {
        fill: CanvasText;
      }
      .mark,
      .tag .mark {
        fill: CanvasText;
      }
      .point:focus-visible .hit {
        fill: Highlight;
        stroke: CanvasText;
      }
      .legend-band {
        border-color: CanvasText;
        border-style: dashed;
      }
    }
  `,
];
