/**
 * Registers `<care-carers>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/carers/define.js'`.
 */
import { CareCarers } from './carers.js';

CareCarers.define();

export { CareCarers };
export type * from '../internal/events.js';
