/** The public names of `record/condition-status.ts`, for the SDK's barrel to take with `export *` (see `index.ts`, "Why `export *`"). */
export { CONDITION_UNCERTAINTY_LABELS, type ConditionUncertainty } from '../record/condition-status.js';
