/**
 * NHS design tokens as defaults. Each public `--care-*` custom property feeds a
 * private `--_*` one on the element's inner root, where a host page's CSS
 * cannot reach; components read only the private ones.
 */
import { css } from 'lit';

export const tokens = css`
  .root {
    --_font-family: var(--care-font-family, 'Frutiger W01', Arial, sans-serif);
    /* The browser's default text size, not the host page's root size (which a host may have set to 10px or 40px). */
    --_font-size: var(--care-font-size, medium);
    --_color-primary: var(--care-color-primary, #005eb8);
    --_color-text: var(--care-color-text, #212b32);
    --_color-secondary-text: var(--care-color-secondary-text, #4c6272);
    --_color-border: var(--care-color-border, #d8dde0);
    --_color-grey: var(--care-color-grey, #f0f4f5);
    --_color-background: var(--care-color-background, #ffffff);
    --_color-error: var(--care-color-error, #d5281b);
    --_color-focus: var(--care-color-focus, #ffeb3b);
    --_color-focus-text: var(--care-color-focus-text, #212b32);
    --_color-success: var(--care-color-success, #007f3b);
    --_color-warning: var(--care-color-warning, #ffb81c);
    --_space-1: var(--care-space-1, 4px);
    --_space-2: var(--care-space-2, 8px);
    --_space-3: var(--care-space-3, 16px);
    --_space-4: var(--care-space-4, 24px);
    --_space-5: var(--care-space-5, 32px);
    --_radius: var(--care-radius, 4px);
  }
`;
