/**
 * Times still to come when a test runs, whenever it runs. The hub's `$summary` lists booked appointments whose start
 * has not passed by the real clock, so an appointment a test means to be upcoming must be in the future on the day
 * the suite runs — a fixed date in a fixture is upcoming only until that day (a suite run a month later failed).
 */

const DAY_MS = 86_400_000;

/**
 * The start and end of an appointment `days` after today (UTC), at `hour`:`minute` for `minutes` minutes, as FHIR
 * instants on the whole minute (`2027-01-20T10:00:00Z`): a test may compare them as strings.
 */
export function stillToCome(days: number, hour = 10, minute = 0, minutes = 20): { start: string; end: string } {
  if (!(days >= 1)) throw new Error('stillToCome: a day or more ahead, so that it has not passed when the test runs');
  const today = new Date();
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hour, minute) + days * DAY_MS;
  const instant = (at: number) => new Date(at).toISOString().replace('.000Z', 'Z');
  return { start: instant(start), end: instant(start + minutes * 60_000) };
}
