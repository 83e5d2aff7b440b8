/**
 * Registers every care-record element. Its exports carry every element's
 * type, tag and typed `care-*` events, so after
 * `import '@care-record/components/define.js'` TypeScript knows
 * `document.querySelector('care-record-provider')` and `event.detail` on
 * `document.addEventListener('care-select', …)`.
 */
export * from './provider/define.js';
export * from './patient-banner/define.js';
export * from './record-summary/define.js';
export * from './medication-list/define.js';
export * from './timeline/define.js';
export * from './results/define.js';
export * from './appointments/define.js';
export * from './reading-form/define.js';
export * from './access-log/define.js';
export * from './sharing/define.js';
export * from './carers/define.js';
export * from './wellbeing/define.js';
