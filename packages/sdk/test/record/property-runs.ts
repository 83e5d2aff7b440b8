/**
 * How hard the property tests push: 10,000 generated cases per property in
 * `npm test`, with fixed seeds so a failure reproduces; the soak
 * (`bench/record-soak.ts`) sets `CARE_PROPERTY_RUNS` far higher and a fresh
 * `CARE_PROPERTY_SEED`, and prints the seed.
 */
export const PROPERTY_RUNS = Number(process.env['CARE_PROPERTY_RUNS'] ?? process.env['TIMELINE_PROPERTY_RUNS'] ?? 10_000);

/** The fixed seed of a property in `npm test`, or the soak's. */
export const seedOr = (fixed: number): number => {
  const soak = Number(process.env['CARE_PROPERTY_SEED']);
  return Number.isInteger(soak) ? soak + fixed : fixed;
};
