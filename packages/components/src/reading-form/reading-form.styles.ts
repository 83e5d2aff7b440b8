import { css } from 'lit';
import { base } from '../internal/base.styles.js';

/** NHS form styles: labels above boxes, hints in grey, errors in red with a thick left border, a green primary button. */
export const styles = [
  base,
  css`
    .root {
      --_input-border: var(--care-reading-form-input-border, var(--_color-secondary-text));
      --_button-background: var(--care-reading-form-button-background, var(--_color-success));
    }
    form {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
      margin: 0;
    }
    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }
    .legend {
      display: block;
      margin-block-end: var(--_space-2);
      padding: 0;
      font-weight: 600;
    }
    .legend--heading {
      font-size: 1.375em;
      line-height: 1.3;
    }
    .label-text,
    .radio-label,
    .date-label {
      display: block;
      font-weight: 600;
    }
    .date-label {
      font-weight: 400;
    }
    .hint {
      margin-block-end: var(--_space-2);
      color: var(--_color-secondary-text);
    }
    .field {
      display: flex;
      flex-direction: column;
    }
    .field--error {
      padding-inline-start: var(--_space-3);
      border-inline-start: 4px solid var(--_color-error);
    }
    .error-message {
      margin-block-end: var(--_space-2);
      color: var(--_color-error);
      font-weight: 600;
    }
    .reveal {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
      padding-inline-start: var(--_space-3);
      border-inline-start: 4px solid var(--_color-border);
    }
    .input-wrapper,
    .inline-inputs,
    .date-input {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_space-3);
    }
    .input-wrapper {
      gap: 0;
      align-items: stretch;
    }
    .input {
      box-sizing: border-box;
      inline-size: 100%;
      max-inline-size: 30em;
      block-size: 2.5em;
      margin: 0;
      padding: var(--_space-1);
      border: 2px solid var(--_input-border);
      border-radius: 0;
      background: var(--_color-background);
      color: var(--_color-text);
      font: inherit;
    }
    .input--width-2 {
      inline-size: 3.5em;
    }
    .input--width-3 {
      inline-size: 4.5em;
    }
    .input--width-4 {
      inline-size: 5.5em;
    }
    .input--width-5 {
      inline-size: 7em;
    }
    .input--error {
      border-color: var(--_color-error);
    }
    .input:focus {
      outline: 4px solid var(--_color-focus);
      outline-offset: 0;
      box-shadow: inset 0 0 0 2px;
    }
    .input:focus-visible {
      background: var(--_color-background);
      color: var(--_color-text);
      text-decoration: none;
    }
    .suffix {
      display: inline-flex;
      align-items: center;
      min-inline-size: 2.5em;
      padding-inline: var(--_space-2);
      border: 2px solid var(--_input-border);
      border-inline-start: 0;
      background: var(--_color-grey);
      white-space: nowrap;
    }
    .date-item {
      display: flex;
      flex-direction: column;
    }
    .radios {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .radio {
      display: grid;
      grid-template-columns: 2.5em 1fr;
      column-gap: var(--_space-2);
      align-items: center;
    }
    .radio-input {
      inline-size: 1.75em;
      block-size: 1.75em;
      margin: 0;
      accent-color: var(--_color-text);
    }
    .radio-input:focus-visible {
      outline: 4px solid var(--_color-focus);
      outline-offset: 2px;
    }
    .radio-hint {
      grid-column: 2;
      margin: 0;
    }
    .radio-label {
      font-weight: 400;
      cursor: pointer;
    }
    .button {
      align-self: flex-start;
      min-block-size: 2.75em;
      padding-block: var(--_space-2);
      padding-inline: var(--_space-4);
      border: 0;
      border-radius: var(--_radius);
      background: var(--_button-background);
      box-shadow: 0 4px 0 #00401e;
      color: #ffffff;
      font-weight: 600;
      cursor: pointer;
    }
    .button:focus-visible {
      background: var(--_color-focus);
      color: var(--_color-focus-text);
      box-shadow: 0 4px 0 var(--_color-focus-text);
      outline: 4px solid transparent;
    }

    .error-summary {
      padding: var(--_space-3);
      border: 4px solid var(--_color-error);
    }
    .error-summary:focus {
      outline: 4px solid var(--_color-focus);
      outline-offset: 0;
      box-shadow: 0 0 0 8px var(--_color-focus-text);
    }
    .error-summary-title {
      margin-block-end: var(--_space-3);
      font-size: 1.375em;
      line-height: 1.3;
    }
    .error-summary-list {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .error-summary-list a {
      color: var(--_color-error);
      font-weight: 600;
      text-decoration: underline;
    }
    .error-summary-list a:focus-visible {
      color: var(--_color-focus-text);
    }

    .shared {
      margin-block-start: var(--_space-5);
    }
    .shared-title {
      margin-block-end: var(--_space-3);
      font-size: 1.375em;
      line-height: 1.3;
    }
    .entries {
      display: flex;
      flex-direction: column;
      border-block-start: 1px solid var(--_color-border);
    }
    .entry {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding-block: var(--_space-3);
      border-block-end: 1px solid var(--_color-border);
    }
    .entry:focus {
      outline: 4px solid var(--_color-focus);
      outline-offset: 2px;
    }
    .entry-line {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--_space-2);
      font-weight: 600;
    }
    .entry-note {
      color: var(--_color-secondary-text);
    }
    .entry .action {
      align-self: flex-start;
    }
    .tag {
      display: inline-flex;
      gap: var(--_space-1);
      align-items: center;
    }
    .tag--saved {
      color: #005a2a;
      background: #cce5d8;
    }
    .tag--waiting {
      color: #212b32;
      background: #f0f4f5;
    }
    .tag--failed {
      color: #6b140e;
      background: #f7d4d1;
    }
    .empty {
      color: var(--_color-secondary-text);
    }
    @media (forced-colors: active) {
      .button {
        border: 2px solid ButtonText;
      }
      .field--error,
      .error-summary {
        border-color: CanvasText;
      }
    }
  `,
];
