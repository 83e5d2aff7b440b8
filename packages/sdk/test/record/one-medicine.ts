/**
 * One medicine as sources record it, for the tests of how its records merge:
 * named only, coded with dm+d only (EMIS and TPP drop displays), or both.
 */
export const MEDICINE_NAME = 'Amlodipine 5mg tablets';
export const MEDICINE_CODE = '319283006';
export const DMD = 'https://dmd.nhs.uk';
export const MEDICINE_SHAPES = {
  named: { text: MEDICINE_NAME },
  coded: { coding: [{ system: DMD, code: MEDICINE_CODE }] },
  both: { text: MEDICINE_NAME, coding: [{ system: DMD, code: MEDICINE_CODE }] },
} as const;
export type MedicineShape = keyof typeof MEDICINE_SHAPES;

/** The GP and the hospital the records come from, by ODS code. */
export const GP_AND_HOSPITAL: ReadonlyMap<string, string> = new Map([
  ['F83999', 'Tufnell Green Surgery'],
  ['RZ9', 'Highbury Vale Hospital NHS Trust'],
]);
