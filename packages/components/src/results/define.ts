/**
 * Registers `<care-results>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/results/define.js'`.
 */
import { CareResults } from './results.js';

CareResults.define();

export { CareResults };
export type * from '../internal/events.js';
