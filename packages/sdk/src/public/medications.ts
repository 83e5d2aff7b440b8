/** The public names of `record/medications.ts`, for the SDK's barrel to take with `export *` (see `index.ts`, "Why `export *`"). */
export { medicationsViewModel, NO_DOSAGE } from '../record/medications.js';
