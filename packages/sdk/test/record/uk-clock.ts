/**
 * The UK calendar and wall clock of an instant, read with the platform's own
 * time zone data (never the code under test), for tests that build dates
 * around "now" on either side of a UK midnight or a change of the clocks.
 */

export interface UkParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The UK calendar and clock readings of an instant, each zero-padded. */
export function ukParts(at: number): UkParts {
  const parts = Object.fromEntries(london.formatToParts(at).map((part) => [part.type, part.value]));
  const { year = '', month = '', day = '', hour = '', minute = '', second = '' } = parts;
  return { year, month, day, hour, minute, second };
}

/** The UK calendar day of an instant, `yyyy-mm-dd`. */
export const ukDay = (at: number): string => {
  const { year, month, day } = ukParts(at);
  return `${year}-${month}-${day}`;
};

/** The UK wall clock of an instant, `yyyy-mm-ddThh:mm:ss`, without an offset. */
export const ukWallClock = (at: number): string => {
  const { hour, minute, second } = ukParts(at);
  return `${ukDay(at)}T${hour}:${minute}:${second}`;
};

/** A calendar day `days` after (or before) `day`, both `yyyy-mm-dd`. */
export const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};
