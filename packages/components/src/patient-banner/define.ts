/**
 * Registers `<care-patient-banner>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/patient-banner/define.js'`.
 */
import { CarePatientBanner } from './patient-banner.js';

CarePatientBanner.define();

export { CarePatientBanner };
export type * from '../internal/events.js';
