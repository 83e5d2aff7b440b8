/**
 * Registers `<care-reading-form>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/reading-form/define.js'`.
 */
import { CareReadingForm } from './reading-form.js';

CareReadingForm.define();

export { CareReadingForm };
export type * from '../internal/events.js';
