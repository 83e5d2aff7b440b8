/** Icons shown beside text that already says the same thing (never alone); hidden from assistive technology. */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

const icon = (path: SVGTemplateResult): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${path}</svg>`;

/** A warning triangle with an exclamation mark. */
export const warningIcon = icon(svg`<path d="M12 2 1 21h22L12 2Zm0 5.5 7.5 12.5h-15L12 7.5Zm-1 3.5v4h2v-4h-2Zm0 5v2h2v-2h-2Z"/>`);

/** A circle with an "i". */
export const infoIcon = icon(
  svg`<path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16Zm-1 3v2h2V7h-2Zm0 4v6h2v-6h-2Z"/>`,
);

/** A tick. */
export const tickIcon = icon(svg`<path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4L9 16.2Z"/>`);
