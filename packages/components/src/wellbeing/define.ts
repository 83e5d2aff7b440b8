/**
 * Registers `<care-wellbeing>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/wellbeing/define.js'`.
 */
import { CareWellbeing } from './wellbeing.js';

CareWellbeing.define();

export { CareWellbeing };
export type * from '../internal/events.js';
