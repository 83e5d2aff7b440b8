/**
 * Registers `<care-access-log>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/access-log/define.js'`.
 */
import { CareAccessLog } from './access-log.js';

CareAccessLog.define();

export { CareAccessLog };
export type * from '../internal/events.js';
