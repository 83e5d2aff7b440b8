import { css } from 'lit';
import { base } from '../internal/base.styles.js';

export const styles = [
  base,
  css`
    .root {
      --_banner-background: var(--care-banner-background, var(--_color-grey));
      --_banner-color: var(--care-banner-color, var(--_color-text));
      --_banner-accent: var(--care-banner-accent, var(--_color-primary));
      --_banner-deceased-background: var(--care-banner-deceased-background, #425563);
      --_banner-deceased-color: var(--care-banner-deceased-color, #ffffff);
    }

    .banner {
      display: flex;
      flex-direction: column;
      gap: var(--_space-2);
      padding-block: var(--_space-3);
      padding-inline: var(--_space-3);
      border-block-start: 4px solid var(--_banner-accent);
      background: var(--_banner-background);
      color: var(--_banner-color);
    }
    .banner:focus {
      outline: none;
    }

    .identity,
    .more {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      column-gap: var(--_space-4);
      row-gap: var(--_space-1);
    }
    .name {
      font-size: 1.5em;
      font-weight: 700;
      line-height: 1.25;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      column-gap: var(--_space-4);
      row-gap: var(--_space-1);
    }
    .field {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      column-gap: var(--_space-2);
    }
    .field .label {
      font-size: 0.875em;
      color: inherit;
      opacity: 0.85;
    }
    .banner:not(.banner--deceased) .field .label {
      color: var(--_color-secondary-text);
      opacity: 1;
    }
    dd {
      font-weight: 600;
    }
    .nhs-number-value {
      white-space: nowrap;
      -webkit-user-select: all;
      user-select: all;
      font-variant-numeric: tabular-nums;
    }
    .invalid {
      font-weight: 400;
    }

    .allergies {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-1);
      padding-block: 0.125em;
      padding-inline: var(--_space-2);
      border: 2px solid currentColor;
      border-radius: var(--_radius);
      background: var(--_color-background);
      color: var(--_color-text);
      font-weight: 700;
    }
    .allergies--known {
      border-color: var(--_color-error);
      border-width: 3px;
      color: var(--_color-error);
    }
    .allergies--no-known-allergies {
      border-color: var(--_color-success);
      color: var(--_color-success);
    }
    .allergies--unconfirmed {
      border-style: dashed;
      color: var(--_color-text);
    }
    .allergies--not-recorded {
      border-style: dashed;
      color: var(--_color-secondary-text);
      font-weight: 600;
    }
    .allergies--unavailable {
      border-color: var(--_color-text);
      background: var(--_color-warning);
      color: var(--_color-text);
    }

    /* A deceased patient: a different colour, a striped edge and the date of death in words. */
    .banner--deceased {
      border: 4px solid var(--_banner-deceased-color);
      border-block-start: 12px solid;
      border-image: repeating-linear-gradient(135deg, var(--_banner-deceased-color) 0 8px, var(--_banner-deceased-background) 8px 16px) 12 /
        12px 4px 4px 4px;
      outline: 2px solid var(--_banner-deceased-background);
      background: var(--_banner-deceased-background);
      color: var(--_banner-deceased-color);
    }
    .died {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-2);
      align-items: baseline;
      font-size: 1.125em;
    }
    .died-value {
      font-weight: 700;
    }

    .not-in-use {
      display: inline-flex;
      gap: var(--_space-2);
      align-items: center;
      margin: 0;
      font-weight: 700;
    }

    .banner--loading {
      min-block-size: 5em;
    }
    .banner--empty {
      color: var(--_color-secondary-text);
    }

    @media (forced-colors: active) {
      .banner {
        border: 1px solid CanvasText;
        border-block-start-width: 4px;
      }
      .banner--deceased {
        border: 6px double CanvasText;
        border-image: none;
        outline: none;
      }
      .allergies {
        border-color: CanvasText;
      }
    }
  `,
];
