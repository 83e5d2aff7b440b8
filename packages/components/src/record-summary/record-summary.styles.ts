import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      --_heading-color: var(--care-summary-heading-color, var(--_color-text));
      --_rule-color: var(--care-summary-rule-color, var(--_color-border));
    }
    .summary {
      display: flex;
      flex-direction: column;
      gap: var(--_space-4);
    }
    .summary:focus {
      outline: none;
    }
    .section {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding-block-start: var(--_space-3);
      border-block-start: 1px solid var(--_rule-color);
    }
    .heading {
      color: var(--_heading-color);
      font-size: 1.25em;
      font-weight: 700;
      line-height: 1.3;
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
    }
    .items {
      display: flex;
      flex-direction: column;
      gap: var(--_space-3);
    }
    .item {
      display: flex;
      flex-direction: column;
      gap: var(--_space-1);
    }
    .item-title {
      font-weight: 600;
    }
    .item-title .tag {
      margin-inline-start: var(--_space-1);
      font-weight: 600;
    }
    .item-details,
    .item-source {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--_space-3);
      row-gap: 0;
    }
    .item-source {
      font-size: 0.875em;
    }
    .pair .value {
      font-weight: 600;
    }
    .instruction {
      flex-basis: 100%;
    }
    .headline {
      font-weight: 600;
    }
    .flag {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
      margin: 0;
      color: var(--_color-error);
    }
    .do-not-give {
      padding-inline-start: var(--_space-2);
      border-inline-start: 4px solid var(--_color-error);
    }
    .do-not-give-heading {
      display: flex;
      align-items: center;
      gap: var(--_space-1);
      margin: 0;
      color: var(--_color-error);
      font-weight: 700;
    }
    .empty {
      color: var(--_color-secondary-text);
    }
    .allergy-state {
      display: inline-flex;
      align-self: flex-start;
      align-items: center;
      gap: var(--_space-1);
      padding-block: 0.125em;
      padding-inline: var(--_space-2);
      border: 2px solid currentColor;
      border-radius: var(--_radius);
      font-weight: 700;
    }
    .allergy-state--known {
      border-width: 3px;
      color: var(--_color-error);
    }
    .allergy-state--no-known-allergies {
      color: var(--_color-success);
    }
    .allergy-state--unconfirmed {
      border-style: dashed;
      color: var(--_color-text);
    }
    .allergy-state--not-recorded {
      border-style: dashed;
      color: var(--_color-secondary-text);
    }
    .allergy-state--unavailable {
      border-color: var(--_color-text);
      background: var(--_color-warning);
      color: var(--_color-text);
    }
    details.more > summary {
      color: var(--_color-primary);
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }
    details.more[open] > summary {
      margin-block-end: var(--_space-2);
    }
    @media (forced-colors: active) {
      .allergy-state {
        border-color: CanvasText;
      }
    }
  `,
];
