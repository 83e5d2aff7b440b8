/**
 * Registers `<care-timeline>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/timeline/define.js'`.
 */
import { CareTimeline } from './timeline.js';

CareTimeline.define();

export { CareTimeline };
export type * from '../internal/events.js';
