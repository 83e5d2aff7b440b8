/**
 * Registers `<care-medication-list>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/medication-list/define.js'`.
 */
import { CareMedicationList } from './medication-list.js';

CareMedicationList.define();

export { CareMedicationList };
export type * from '../internal/events.js';
