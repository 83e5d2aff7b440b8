/**
 * Registers `<care-record-summary>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/record-summary/define.js'`.
 */
import { CareRecordSummary } from './record-summary.js';

CareRecordSummary.define();

export { CareRecordSummary };
export type * from '../internal/events.js';
