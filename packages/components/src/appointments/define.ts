/**
 * Registers `<care-appointments>`. Importing this module is all a page needs; its
 * exports carry the element's type, its tag in `HTMLElementTagNameMap` and
 * the typed `care-*` events, so TypeScript knows them after
 * `import '@care-record/components/appointments/define.js'`.
 */
import { CareAppointments } from './appointments.js';

CareAppointments.define();

export { CareAppointments };
export type * from '../internal/events.js';
