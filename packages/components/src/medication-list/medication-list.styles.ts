import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      container-type: inline-size;
      --_header-background: var(--care-medication-header-background, var(--_color-grey));
      --_flag-color: var(--care-medication-flag-color, var(--_color-error));
    }
    .medicines {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .medicines:focus {
      outline: none;
    }
    .apart {
      padding-block: var(--_space-2);
      padding-inline: var(--_space-3);
      border-inline-start: 4px solid var(--_color-border);
    }
    .apart--do-not-give {
      border-inline-start-color: var(--_flag-color);
    }
    .apart-heading {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
      margin: 0 0 var(--_space-1);
      font-size: 1em;
    }
    .apart--do-not-give .apart-heading {
      color: var(--_flag-color);
    }
    .apart-list {
      display: flex;
      flex-direction: column;
      gap: var(--_space-1);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .apart-list li {
      display: flex;
      flex-wrap: wrap;
      gap: 0 var(--_space-2);
    }
    .apart-meta {
      color: var(--_color-secondary-text);
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
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
      border-spacing: 0;
      font-size: 0.9375em;
    }
    .heading {
      margin: 0;
      font-size: 1.25em;
      font-weight: 700;
      line-height: 1.3;
    }
    caption {
      caption-side: top;
      padding-block-end: var(--_space-2);
      font-size: 1.25em;
      font-weight: 700;
      text-align: start;
    }
    th,
    td {
      padding-block: var(--_space-2);
      padding-inline: var(--_space-2);
      border-block-end: 1px solid var(--_color-border);
      text-align: start;
      vertical-align: top;
    }
    /*
     * A type, a count, a status or a date is a few short words: its column is never narrower than its longest word
     * ("Acute", "Completed"; a date may wrap at its hyphens). Free text (the medicine, its dosage, the reason, the
     * sources) still wraps anywhere, so a long word in it never pushes the table wider than the element.
     */
    td.brief {
      overflow-wrap: normal;
    }
    thead th {
      background: var(--_header-background);
      font-weight: 700;
      white-space: nowrap;
    }
    tbody th {
      font-weight: 600;
      min-inline-size: 12em;
    }
    tbody th > * + *,
    td > * + * {
      margin-block-start: var(--_space-1);
    }
    tbody th .tag,
    tbody td .tag {
      display: table;
      white-space: normal;
    }
    .dosage,
    .quantity {
      display: block;
    }
    .quantity {
      color: var(--_color-secondary-text);
      font-size: 0.875em;
    }
    .tag--overdue {
      border-color: var(--_color-error);
      color: var(--_color-error);
    }
    .row--disagree > * {
      background: var(--_color-background);
    }
    .disagreement {
      padding-block: var(--_space-1);
      padding-inline: var(--_space-2);
      border-inline-start: 4px solid var(--_flag-color);
      background: var(--_color-grey);
      font-weight: 400;
    }
    .flag {
      display: flex;
      align-items: flex-start;
      gap: var(--_space-1);
      color: var(--_color-text);
    }
    .flag .icon {
      color: var(--_flag-color);
    }
    .disagreement-values {
      font-size: 0.875em;
    }
    .disagreement-values dt {
      color: var(--_color-secondary-text);
    }
    .disagreement-values dd {
      margin-block-end: var(--_space-1);
    }
    .sources li + li {
      margin-block-start: var(--_space-1);
    }
    .empty {
      color: var(--_color-secondary-text);
    }
    .past > summary {
      color: var(--_color-primary);
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }
    .past[open] > summary {
      margin-block-end: var(--_space-2);
    }
    .cell-label {
      display: none;
    }
    /* A narrow column (a side panel in the host, a phone): one block per medicine instead of a table that scrolls sideways. */
    @container (max-width: 40em) {
      table,
      caption,
      tbody,
      tr,
      tbody th,
      td {
        display: block;
      }
      thead {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      tbody tr {
        padding-block: var(--_space-2);
        border-block-end: 1px solid var(--_color-border);
      }
      tbody th,
      td {
        padding-block: var(--_space-1);
        border-block-end: none;
      }
      tbody th {
        min-inline-size: 0;
        font-size: 1.0625em;
      }
      .cell-label {
        display: block;
        color: var(--_color-secondary-text);
        font-size: 0.875em;
        font-weight: 600;
      }
      .table-scroll {
        overflow-x: visible;
      }
    }
    @media (forced-colors: active) {
      .disagreement {
        border: 1px solid CanvasText;
        border-inline-start-width: 4px;
      }
    }
  `,
];
