/**
 * Registers `<care-sharing>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/sharing/define.js'`.
 */
import { CareSharing } from './sharing.js';

CareSharing.define();

export { CareSharing };
export type * from '../internal/events.js';
