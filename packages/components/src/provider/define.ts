/**
 * Registers `<care-record-provider>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/provider/define.js'`.
 */
import { CareRecordProvider } from './record-provider.js';

CareRecordProvider.define();

export { CareRecordProvider };
export type * from '../internal/events.js';
