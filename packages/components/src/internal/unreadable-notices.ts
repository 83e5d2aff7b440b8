/**
 * The lines an element shows for items it could not read: one per source
 * ("One item from Tufnell Green Surgery could not be read"), styled as the
 * other warning notices, so a bad item is said and never silently lost; in
 * the audience's words (a resident is told whom to ask, not to see a source system).
 */
import { unreadableNotices, type RecordAudience, type UnreadableItem } from '@care-record/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { warningIcon } from './icons.js';

export function renderUnreadable(items: readonly UnreadableItem[], audience: RecordAudience): TemplateResult | typeof nothing {
  const lines = unreadableNotices(items, audience);
  if (lines.length === 0) return nothing;
  return html`<div class="notices">
    ${lines.map((line) => html`<p class="notice notice--warning" part="notice">${warningIcon}<span>${line}</span></p>`)}
  </div>`;
}
